#!/usr/bin/env python3
"""CPU per stored item of each thread group of a running receiver (docs/benchmarks.md,
"Ingest hot path (issue 13, ingest branch)").

usage: receiver-cpu-per-item.py PID STORE_DB TABLE DONE_FILE
  PID        the `lab-console receive` process
  STORE_DB   its DATA_DIR/telemetry/telemetry.db
  TABLE      spans or logs
  DONE_FILE  a path the caller creates when the load has ended

Starts counting when the first rows are stored and stops at the last stored row after DONE_FILE
appears (warm-up included), so a driver that waits for a core does not dilute the figures.
Thread CPU from /proc/PID/task/*/stat, Java thread names from `jcmd PID Thread.print`.
"""
import collections
import os
import re
import sqlite3
import subprocess
import sys
import time

pid, db, table, done_flag = sys.argv[1:5]
tick = os.sysconf('SC_CLK_TCK')


def snapshot():
    threads = {}
    for tid in os.listdir(f'/proc/{pid}/task'):
        try:
            with open(f'/proc/{pid}/task/{tid}/stat') as f:
                stat = f.read()
        except FileNotFoundError:
            continue
        fields = stat[stat.rindex(')') + 2:].split()
        threads[tid] = (int(fields[11]) + int(fields[12])) / tick
    return threads


def stored():
    for _ in range(20):
        try:
            connection = sqlite3.connect(f'file:{db}?mode=ro', uri=True, timeout=10)
            try:
                return connection.execute(f'SELECT count(*) FROM {table}').fetchone()[0]
            finally:
                connection.close()
        except sqlite3.Error:
            time.sleep(0.2)
    return -1


while not (os.path.exists(db) and stored() > 0):
    time.sleep(0.5)
first, first_count, first_time = snapshot(), stored(), time.time()
last, last_count, last_time = first, first_count, first_time
while not (os.path.exists(done_flag) and time.time() - last_time > 2):
    time.sleep(1)
    count = stored()
    if count != last_count:
        last, last_count, last_time = snapshot(), count, time.time()

names = {}
dump = subprocess.run(['jcmd', pid, 'Thread.print'], capture_output=True, text=True).stdout
for line in dump.splitlines():
    match = re.match(r'^"([^"]+)".* nid=(0x[0-9a-f]+)', line)
    if match:
        names[str(int(match.group(2), 16))] = match.group(1)
groups = collections.Counter()
for tid, cpu in last.items():
    group = names.get(tid, f'tid {tid}').rstrip('0123456789#').rstrip('-').rstrip()
    groups[group] += cpu - first.get(tid, 0)
items = max(1, last_count - first_count)
seconds = last_time - first_time
total = sum(groups.values())
print(f'{items} {table} stored in {seconds:.1f} s ({items / max(seconds, 0.1):.0f}/s), receiver CPU {total:.2f} s'
      f' ({total / max(seconds, 0.1):.2f} cores), {total * 1e6 / items:.2f} us/item')
for group, cpu in groups.most_common(12):
    if cpu > 0:
        print(f'  {cpu * 1e6 / items:6.2f} us/item  {group}')

#!/usr/bin/env bash
# process-memory.sh: resident memory of a process and of its child processes while a load runs.
# Samples VmRSS from /proc/PID/status every second while COMMAND (the load) runs, then reads it
# once more AFTER_SECONDS after the load ended, with VmHWM (the highest resident size ever).
# Usage: scripts/process-memory.sh PID AFTER_SECONDS -- COMMAND...
# Prints the load's own output, then one line per process: pid, name, during_max_rss_mib,
# after_rss_mib, hwm_mib.
set -euo pipefail
root_pid="$1"; after="$2"; shift 3
kib() { sed -n "s/^$2:[[:space:]]*\([0-9]*\) kB/\1/p" "/proc/$1/status" 2>/dev/null || true; }
tree() { echo "$1"; for child in $(pgrep -P "$1" || true); do tree "$child"; done; }
declare -A max
"$@" &
load=$!
while kill -0 "$load" 2>/dev/null; do
  for pid in $(tree "$root_pid"); do
    rss="$(kib "$pid" VmRSS)"
    [ "${rss:-0}" -gt "${max[$pid]:-0}" ] && max[$pid]="$rss"
  done
  sleep 1
done
wait "$load" || true
sleep "$after"
for pid in $(tree "$root_pid"); do
  name="$(tr '\0' ' ' < "/proc/$pid/cmdline" | grep -o -E 'lab-console.jar [a-z]*|lab-backend.jar|dev.otellab.[A-Za-z.]*' | tail -n 1)"
  echo "pid=$pid process=\"${name:-$(cat "/proc/$pid/comm")}\" during_max_rss_mib=$(( ${max[$pid]:-0} / 1024 ))" \
       "after_rss_mib=$(( $(kib "$pid" VmRSS) / 1024 )) hwm_mib=$(( $(kib "$pid" VmHWM) / 1024 ))"
done

#!/usr/bin/env bash
# cli-wall-time.sh: median wall time of the query commands on a store, RUNS runs each.
# Usage: scripts/cli-wall-time.sh DATA_DIR [RUNS] [LAUNCHER]
#   LAUNCHER: the command that runs the console (default: the repository's ./lab-console;
#   e.g. "java -jar desktop/target/lab-console.jar" for the bare jar, or an installed lab-console).
# Prints one line per command: median and min wall milliseconds and the median CPU (user + system)
# milliseconds over the runs (output discarded). Needs GNU time (/usr/bin/time).
# The commands read their default window, the last 15 minutes: fill the store just before, e.g.
#   ./lab-console receive --data-dir DATA_DIR --http-port 19601 &
#   ./lab-console bench-ingest --url http://127.0.0.1:19601 --seconds 60   (then --logs --seconds 15)
# and compare launchers back to back (A B A B) while its spans are younger than 15 minutes.
set -euo pipefail
data_dir="$1"; runs="${2:-10}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
launcher="${3:-$root/lab-console}"
# shellcheck disable=SC2086
trace_id="$($launcher traces --data-dir "$data_dir" --limit 1 --json | sed -n 's/.*"traceId" *: *"\([0-9a-f]\{32\}\)".*/\1/p' | head -n 1)"
[ -n "$trace_id" ] || { echo "no trace in $data_dir" >&2; exit 1; }
measure() {
  local name="$1"; shift
  local times=() cpu=() cpu_file
  cpu_file="$(mktemp)"
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    # shellcheck disable=SC2086
    /usr/bin/time -f "%U %S" -o "$cpu_file" $launcher "$@" --data-dir "$data_dir" >/dev/null 2>&1
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
    cpu+=("$(awk '{ printf "%d", ($1 + $2) * 1000 }' "$cpu_file")")
  done
  rm -f "$cpu_file"
  local sorted sorted_cpu
  sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  sorted_cpu=($(printf '%s\n' "${cpu[@]}" | sort -n))
  echo "$name median_ms=${sorted[$(( runs / 2 ))]} min_ms=${sorted[0]} median_cpu_ms=${sorted_cpu[$(( runs / 2 ))]} runs=$runs"
}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
measure traces traces
measure trace trace "$trace_id"
measure logs logs
measure sli sli
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

#!/usr/bin/env bash
# Start-up benchmark of the installed console: from the launcher's start to the window's first
# frame, as the app itself reports it (-Dlab.console.report-startup=true, through
# JAVA_TOOL_OPTIONS since the jpackage launcher reads no other JVM option variable). Each run
# gets fresh, empty config and data folders (a first start), then the window is closed by SIGTERM.
# The script's own clock adds an upper bound that includes the native launcher's start, and the
# CPU time the app had used by then, which other load on the machine does not inflate.
# Usage: installer/bench/first-window.sh [LAUNCHER] [RUNS]
#   LAUNCHER defaults to /opt/lab-console/bin/lab-console (the installed .deb); an app image's
#   bin/lab-console works too. Without DISPLAY an Xvfb is started on :97.
set -euo pipefail

launcher="${1:-/opt/lab-console/bin/lab-console}"
runs="${2:-5}"
xvfb_pid=""
scratch="$(mktemp -d "${TMPDIR:-/tmp}/first-window.XXXXXX")"
cleanup() {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT

if [ -z "${DISPLAY:-}" ]; then
  Xvfb :97 -screen 0 1600x1000x24 >"$scratch/xvfb.log" 2>&1 &
  xvfb_pid=$!
  export DISPLAY=:97
  sleep 1
fi

for run in $(seq 1 "$runs"); do
  home="$scratch/run-$run"
  mkdir -p "$home"
  started_ns="$(date +%s%N)"
  XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" \
    JAVA_TOOL_OPTIONS="-Dlab.console.report-startup=true" \
    "$launcher" >"$home/log" 2>&1 &
  app_pid=$!
  ms=""
  for _ in $(seq 1 600); do
    ms="$(sed -n 's/.*First window frame \([0-9]*\) ms after the JVM started.*/\1/p' "$home/log")"
    if [ -n "$ms" ]; then
      seen_ms=$(( ($(date +%s%N) - started_ns) / 1000000 ))
      # user + system CPU time of the app so far (fields 14, 15 of /proc/PID/stat, in clock ticks)
      cpu_ms=$(awk -v hz="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$app_pid/stat")
      break
    fi
    kill -0 "$app_pid" 2>/dev/null || break
    sleep 0.1
  done
  kill "$app_pid" 2>/dev/null || true
  wait "$app_pid" 2>/dev/null || true
  if [ -z "$ms" ]; then
    echo "run $run: no first frame reported; the app's output:" >&2
    cat "$home/log" >&2
    exit 1
  fi
  echo "run $run: first window frame $ms ms after the JVM started; log line seen $seen_ms ms after the launcher started (polled every 0.1 s); CPU time used by then $cpu_ms ms"
done

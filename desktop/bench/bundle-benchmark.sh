#!/usr/bin/env bash
# Offline bundle benchmark (docs/benchmarks.md, "Offline bundle"): export, verify and import time
# and bundle size for the local images (.ci/build-local-images): the stand-in, the real Prometheus
# and lab-backend built on jre-base:17. Run from the repository root after
#   ./mvnw -B -q -DskipTests install
# as: desktop/bench/bundle-benchmark.sh [ROUNDS]
# The images get extra names with a unique prefix (the shared local images are never removed),
# so an import re-creates only lab-backend's own layers; everything the script makes is removed.
set -euo pipefail
rounds=${1:-3}
root=$(pwd)
jar=$root/desktop/target/lab-console.jar
backend_jar=$root/lab-backend/target/lab-backend.jar
prefix=otellabbench-bundle-$$
work=$(mktemp -d)
cleanup() {
  docker rmi "$prefix/standin:1" "$prefix/prometheus:1" "$prefix/jre:1" "$prefix/lab-backend:1" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

docker tag otel-lab-local/standin:1 "$prefix/standin:1"
docker tag otel-lab-local/prometheus:2.42 "$prefix/prometheus:1"
docker tag jre-base:17 "$prefix/jre:1"
cat > "$work/compose.yaml" <<YAML
services:
  otel-collector:
    image: $prefix/standin:1
  prometheus:
    image: $prefix/prometheus:1
  lab-backend:
    image: $prefix/lab-backend:1
    build:
      context: $root/lab-backend
      args:
        JRE_BASE: $prefix/jre:1
YAML
stack=(--compose-file "$work/compose.yaml" --backend-jar "$backend_jar")
lab_console() { java -jar "$jar" "$@" >"$work/last.log" 2>&1 || { cat "$work/last.log"; exit 1; }; }
seconds() { local start=$1; echo "$(date +%s.%N) - $start" | bc; }

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(docker version --format 'engine {{.Server.Version}}')"
start=$(date +%s.%N); lab_console bundle export "$work/warm.bundle" "${stack[@]}"
echo "first export (builds lab-backend's image): $(seconds "$start") s"
printf '%-6s %-10s %-10s %-10s %-12s %s\n' round export_s verify_s import_s bundle_MB load
for round in $(seq 1 "$rounds"); do
  load=$(cut -d' ' -f1 /proc/loadavg)
  start=$(date +%s.%N); lab_console bundle export "$work/lab.bundle" "${stack[@]}"; export_s=$(seconds "$start")
  start=$(date +%s.%N); lab_console bundle inspect --verify "$work/lab.bundle"; verify_s=$(seconds "$start")
  docker rmi "$prefix/standin:1" "$prefix/prometheus:1" "$prefix/jre:1" "$prefix/lab-backend:1" >/dev/null
  start=$(date +%s.%N); lab_console bundle import "$work/lab.bundle" "${stack[@]}"; import_s=$(seconds "$start")
  grep -q "every image it needs is here" "$work/last.log" || { cat "$work/last.log"; exit 1; }
  size=$(stat -c %s "$work/lab.bundle")
  printf '%-6s %-10.2f %-10.2f %-10.2f %-12.1f %s\n' "$round" "$export_s" "$verify_s" "$import_s" \
    "$(echo "$size / 1000000" | bc -l)" "$load"
done
echo "images (unpacked): $(docker image inspect -f '{{.Size}}' "$prefix/standin:1" "$prefix/prometheus:1" "$prefix/lab-backend:1" \
  | awk '{ s += $1 } END { printf "%.1f MB", s / 1000000 }') (lab-backend includes its jre base)"

#!/usr/bin/env bash
# Benchmark (not a test): wall time and peak memory of a full gazetteer build from the default
# sources, N runs (default 3), median reported. Budget (issue 2): under 60 s.
#   tests/bench/gazetteer-build.sh [BUILD_DIR] [SOURCES_DIR] [RUNS]
set -euo pipefail
build=${1:-build}
sources=${2:-$build/sources}
runs=${3:-3}
bin=$build/incmap
[ -x "$bin" ] || { echo "no $bin: build incmap first" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
times=()
for i in $(seq "$runs"); do
    /usr/bin/time -f '%e %M' -o "$out/time" "$bin" gazetteer build -q --force -o "$out/g.gpkg" \
        --sources "$sources"
    read -r secs kb <"$out/time"
    times+=("$secs")
    echo "run $i: ${secs} s wall, peak RSS $((kb / 1024)) MB"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}')
echo "median: ${median} s (budget 60 s); index $(stat -c %s "$out/g.idx") bytes, GeoPackage $(stat -c %s "$out/g.gpkg") bytes"

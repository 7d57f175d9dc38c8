#!/usr/bin/env bash
# Batch extraction throughput and memory: N generated reports of ~1 KB (batch-reports.py) as JSON
# Lines through `incmap extract --format geojsonseq` with -j 1 and -j 2, and a quarter of them,
# to show that peak memory does not grow with the input. Prints reports/s (wall and CPU) and the
# peak RSS. The issue's target: >= 5,000 reports/s with 2 threads, memory flat.
# usage: tests/bench/batch-extract.sh [BUILD_DIR] [N]   (needs the default gazetteer, or
#        INCMAP_GAZETTEER pointing at one)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
BUILD=${1:-$HERE/../../build}
N=${2:-20000}
BIN=$BUILD/incmap
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
python3 "$HERE/batch-reports.py" "$N" >"$TMP/all.jsonl"
head -n $((N / 4)) "$TMP/all.jsonl" >"$TMP/quarter.jsonl"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)   $(nproc) processors   reports: $N, $(($(wc -c <"$TMP/all.jsonl") / N)) bytes each"

# one INPUT REPORTS THREADS FORMAT: one timed run
one() {
    /usr/bin/time -f "%e %U %S %M" -o "$TMP/t" "$BIN" extract "$1" -j "$3" --format "$4" \
        -o "$TMP/out" --force 2>"$TMP/err" || { echo "FAILED: $(head -3 "$TMP/err")" >&2; exit 1; }
    read -r wall user sys rss <"$TMP/t"
    awk -v n="$2" -v j="$3" -v f="$4" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v o="$(wc -c <"$TMP/out")" 'BEGIN {
        printf "%-10s -j %d  %6d reports  %6.2f s wall  %7.0f reports/s wall  %7.0f reports/s of CPU  peak RSS %4.0f MB  output %4.0f MB\n",
            f, j, n, w, n / w, n / (u + s), r / 1024, o / 1048576 }'
}
for fmt in geojsonseq geojson; do
    for j in 1 2; do
        one "$TMP/quarter.jsonl" $((N / 4)) $j $fmt
        one "$TMP/all.jsonl" "$N" $j $fmt
    done
done

#!/usr/bin/env bash
# `incmap map --batch`: N generated reports (batch-reports.py) -> N PNG maps in one process, with
# -j 1 and -j 2, against the same maps drawn by one `incmap map` process each (the first
# SEPARATE reports, to keep the run short). Prints ms a map, wall and CPU. The issue's target:
# <= 60 ms a map for 100 reports (separate processes: ~120 ms).
# usage: tests/bench/batch-map.sh [BUILD_DIR] [N] [SEPARATE]
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
BUILD=${1:-$HERE/../../build}
N=${2:-100}
SEP=${3:-20}
BIN=$BUILD/incmap
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
python3 "$HERE/batch-reports.py" "$N" 7 >"$TMP/r.jsonl"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)   $(nproc) processors   reports: $N"

# row LABEL MAPS: prints the timing of the last command from $TMP/t
row() {
    read -r wall user sys <"$TMP/t"
    awk -v l="$1" -v n="$2" -v w="$wall" -v u="$user" -v s="$sys" 'BEGIN {
        printf "%-34s %4d maps  %7.1f ms a map wall  %7.1f ms a map CPU\n", l, n, 1000 * w / n, 1000 * (u + s) / n }'
}
for j in 1 2; do
    rm -rf "$TMP/out"
    /usr/bin/time -f "%e %U %S" -o "$TMP/t" "$BIN" map --batch "$TMP/r.jsonl" -o "$TMP/out" -j $j 2>"$TMP/err" ||
        { echo "FAILED: $(head -3 "$TMP/err")" >&2; exit 1; }
    row "map --batch -j $j" "$(ls "$TMP/out" | wc -l)"
done
# the same reports, one process a map (text files, dates as the batch gives them)
python3 - "$TMP/r.jsonl" "$TMP/sep" "$SEP" <<'PYEOF'
import json, os, sys
os.makedirs(sys.argv[2], exist_ok=True)
for i, line in enumerate(open(sys.argv[1])):
    if i >= int(sys.argv[3]):
        break
    r = json.loads(line)
    open(os.path.join(sys.argv[2], r["id"] + ".txt"), "w").write(r["text"])
    open(os.path.join(sys.argv[2], r["id"] + ".date"), "w").write(r["date"])
PYEOF
/usr/bin/time -f "%e %U %S" -o "$TMP/t" bash -c '
for f in "$2"/sep/*.txt; do
    "$1" map "$f" --date "$(cat "${f%.txt}.date")" -o "${f%.txt}.png" --force 2>/dev/null
done' sep "$BIN" "$TMP"
row "one incmap map process a map" "$(ls "$TMP"/sep/*.png | wc -l)"

#!/usr/bin/env bash
# Checks that a change meant to keep behaviour (a refactor, a speed-up) changes no output: runs two
# builds' `incmap extract` on every report (GeoJSON, text and JSON), a batch of them, and the
# example map (PNG and SVG), and compares the bytes. Exit 0 when everything is identical.
# usage: same-output.sh BUILD_BEFORE BUILD_AFTER [REPORT_DIR...]
#   (default reports: tests/fixtures/reports; the gazetteer: $INCMAP_GAZETTEER or the build default)
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$here/../..
[ $# -ge 2 ] || {
    echo "usage: same-output.sh BUILD_BEFORE BUILD_AFTER [REPORT_DIR...]" >&2
    exit 2
}
before=$1 after=$2
shift 2
dirs=("$@")
[ ${#dirs[@]} -gt 0 ] || dirs=("$root/tests/fixtures/reports")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

snapshot() { # BUILD DIR
    local b=$1 o=$2 f n fmt d
    mkdir -p "$o"
    for d in "${dirs[@]}"; do
        for f in "$d"/*.txt "$root/maps/example-report.txt"; do
            n=$(basename "$d")_$(basename "$f" .txt)
            for fmt in geojson text json; do
                "$b/incmap" extract "$f" --date 2024-04-22 --format $fmt >"$o/$n.$fmt" 2>"$o/$n.$fmt.err"
                echo "exit $?" >>"$o/$n.$fmt.err"
            done
        done
        "$b/incmap" extract --batch "$d" --date 2024-04-22 --format geojsonseq \
            >"$o/$(basename "$d").batch" 2>&1
    done
    "$b/incmap" map "$root/maps/example-report.txt" --date 2024-04-22 -o "$o/example.png" \
        --geojson "$o/example.geojson" >"$o/map.err" 2>&1
    "$b/incmap" map "$root/maps/example-report.txt" --date 2024-04-22 -o "$o/example.svg" \
        >>"$o/map.err" 2>&1
}

snapshot "$before" "$out/before"
snapshot "$after" "$out/after"
if diff -r "$out/before" "$out/after" >"$out/diff"; then
    echo "same-output: $(find "$out/after" -type f | wc -l) files identical"
else
    echo "same-output: outputs differ:" >&2
    head -40 "$out/diff" >&2
    exit 1
fi

#!/usr/bin/env bash
# Whole-process timing of `incmap render` of the example incidents to a 1600x1200 PNG
# (the issue's figure: median under 150 ms), and to a GeoTIFF (GDAL loaded on demand). Also times `incmap-render --version`, the floor set by
# loading PROJ, cairo, pango and SQLite, so the renderer's own share is visible.
# usage: tests/bench/render-process.sh [BUILD_DIR] [RUNS]   (needs a built gazetteer, or
#        INCMAP_GAZETTEER pointing at one; falls back to a base built from the test fixtures)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "$HERE/../.." && pwd)
BUILD=${1:-$SRC/build}
RUNS=${2:-31}
BIN=$BUILD/incmap
EX=$SRC/tests/fixtures/render/example.geojson
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
GZ=${INCMAP_GAZETTEER:-$SRC/build/gazetteer/incmap.gpkg}
if [ ! -r "$GZ" ]; then
    GZ=$TMP/base.gpkg
    ogr2ogr -f GPKG -nln areas -nlt PROMOTE_TO_MULTI "$GZ" "$SRC/tests/fixtures/render/areas.geojson"
    ogr2ogr -f GPKG -append -nln places "$GZ" "$SRC/tests/fixtures/render/places.geojson"
fi

# median_ms CMD...: runs CMD $RUNS times (after 3 warm-ups), prints the median wall time in ms
median_ms() {
    "$@" >/dev/null 2>"$TMP/err" || { echo "FAILED: $* ($(cat "$TMP/err"))" >&2; exit 1; }
    for _ in 1 2; do "$@" >/dev/null 2>&1; done
    for _ in $(seq "$RUNS"); do
        local t0 t1
        t0=$(date +%s%N)
        "$@" >/dev/null 2>&1
        t1=$(date +%s%N)
        echo $(((t1 - t0) / 1000))
    done | sort -n | awk '{a[NR] = $1} END {printf "%.1f", a[int((NR + 1) / 2)] / 1000}'
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)   runs: $RUNS   gazetteer: $GZ"
echo "incmap-render --version (library load floor): $(median_ms "$BUILD/incmap-render" --version) ms"
echo "incmap render example -> 1600x1200 PNG:    $(median_ms "$BIN" render "$EX" -o "$TMP/map.png" --gazetteer "$GZ" --force) ms"
echo "incmap render example -> 1600x1200 GeoTIFF: $(median_ms "$BIN" render "$EX" -o "$TMP/map.tif" --gazetteer "$GZ" --force) ms"
echo "incmap render example -> SVG:              $(median_ms "$BIN" render "$EX" -o "$TMP/map.svg" --gazetteer "$GZ" --force) ms"
echo "incmap render example -> PDF:              $(median_ms "$BIN" render "$EX" -o "$TMP/map.pdf" --gazetteer "$GZ" --force) ms"

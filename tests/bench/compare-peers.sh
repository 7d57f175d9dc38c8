#!/usr/bin/env bash
# The same map drawn by incmap, GMT 6 and Mapnik 3, side by side in one run: same extent
# (lon/lat corners), projection (Lambert azimuthal equal-area at the same centre), 1600x1200 px,
# same base layers from the gazetteer GeoPackage and the same incidents. Prints the median wall
# time of each whole process and incmap's speed-up over the faster peer (the issue asks >= 3x).
# Needs: Debian packages gmt, ghostscript, python3-mapnik, mapnik-utils, gdal-bin (ogr2ogr),
#        fonts-noto-core; a built incmap and gazetteer.
# usage: tests/bench/compare-peers.sh [BUILD_DIR] [RUNS]   (maps are left in $OUTDIR or a temp dir)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "$HERE/../.." && pwd)
BUILD=${1:-$SRC/build}
RUNS=${2:-5}
GZ=${INCMAP_GAZETTEER:-$SRC/build/gazetteer/incmap.gpkg}
EX=$SRC/tests/fixtures/render/example.geojson
OUT=${OUTDIR:-$(mktemp -d)}
mkdir -p "$OUT"
W=38 S=31 E=47.5 N=38.5 LON0=42.75 LAT0=34.75
CRS="+proj=laea +lat_0=$LAT0 +lon_0=$LON0 +datum=WGS84 +units=m +no_defs"
for tool in gmt gs ogr2ogr; do
    command -v $tool >/dev/null || { echo "missing $tool (see the header for packages)"; exit 2; }
done
/usr/bin/python3 -c 'import mapnik' 2>/dev/null || { echo "missing python3-mapnik"; exit 2; }

"$HERE/peers/prepare.sh" "$GZ" "$EX" "$OUT/prep" $W $S $E $N

# median_ms CMD...: median wall time and median CPU time (user + sys, children included) in ms.
# On a busy machine wall time mostly measures waiting; CPU time is the steadier comparison.
median_ms() {
    "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; return 1; }
    : >"$OUT/times"
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -f "%e %U %S" -o "$OUT/time" "$@" >/dev/null 2>&1
        cat "$OUT/time" >>"$OUT/times"
    done
    local mid=$(((RUNS + 1) / 2))
    printf "%s %s" "$(awk '{printf "%.0f\n", $1 * 1000}' "$OUT/times" | sort -n | sed -n "${mid}p")" \
        "$(awk '{printf "%.0f\n", ($2 + $3) * 1000}' "$OUT/times" | sort -n | sed -n "${mid}p")"
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)   runs: $RUNS   maps in: $OUT"
t_incmap=$(median_ms "$BUILD/incmap" render "$EX" -o "$OUT/incmap.png" --gazetteer "$GZ" \
    --extent $W,$S,$E,$N --crs "$CRS" --force)  # the PROJ string is the default LAEA for this extent
t_gmt=$(median_ms "$HERE/peers/render_gmt.sh" "$OUT/prep" "$OUT/gmt.png" $W $S $E $N $LON0 $LAT0)
t_mapnik=$(median_ms /usr/bin/python3 "$HERE/peers/render_mapnik.py" "$GZ" "$EX" "$OUT/mapnik.png" \
    $W $S $E $N $LON0 $LAT0)
printf "%-22s %8s ms wall %8s ms CPU\n" "incmap render" $t_incmap "GMT 6 (gmt.sh)" $t_gmt \
    "Mapnik 3 (python)" $t_mapnik
set -- $t_incmap $t_gmt $t_mapnik
awk -v iw=$1 -v ic=$2 -v gw=$3 -v gc=$4 -v mw=$5 -v mc=$6 'BEGIN {
    bw = gw < mw ? gw : mw; bc = gc < mc ? gc : mc
    printf "incmap vs the faster peer: %.1fx (wall), %.1fx (CPU)\n", bw / iw, bc / ic }'

#!/usr/bin/env bash
# incmap render --world-file: beside the PNG, a world file (.pgw) and the map CRS (.prj) that put
# the map in place in GIS software. A site drawn at a known lon/lat, projected into the .prj's CRS
# (gdaltransform) and turned into a pixel by the .pgw, must land on the site symbol's colour in
# the PNG (gdallocationinfo). Without --world-file no side file is written; for an SVG it is
# refused (exit 2).
set -u
BIN=${INCMAP_BIN:?INCMAP_BIN not set}
TMP=${INCMAP_TEST_TMP:-/tmp}/e2e-world-file-$$
mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

if ! command -v gdaltransform >/dev/null || ! command -v gdallocationinfo >/dev/null; then
    echo "SKIP: gdaltransform and gdallocationinfo (Debian package gdal-bin) are needed"
    exit 0
fi
cp "${INCMAP_FIXTURES:-$(dirname "$0")/../fixtures}/render/site-launch.geojson" "$TMP/site.geojson"

check_site() { # $1: the map's basename; $2 $3: the site's lon lat
    local map=$TMP/$1
    [ -s "$map.pgw" ] || { fail "$1: no world file"; return; }
    [ -s "$map.prj" ] || { fail "$1: no .prj"; return; }
    local xy col row
    xy=$(echo "$2 $3" | gdaltransform -s_srs EPSG:4326 -t_srs "$map.prj" -output_xy) ||
        { fail "$1: gdaltransform cannot read the .prj"; return; }
    read -r col row < <(echo "$xy" | awk -v f="$map.pgw" '
        BEGIN { i = 0; while ((getline l < f) > 0) w[i++] = l }
        { printf "%d %d\n", ($1 - (w[4] - w[0] / 2)) / w[0], ($2 - (w[5] - w[3] / 2)) / w[3] }')
    local rgb
    rgb=$(gdallocationinfo -valonly "$map.png" "$col" "$row" | head -3 | tr '\n' ' ')
    # the site colour #009e73 = 0 158 115, antialiasing aside
    echo "$rgb" | awk '{ exit !($1 <= 20 && $2 >= 138 && $2 <= 178 && $3 >= 95 && $3 <= 135) }' ||
        fail "$1: pixel $col,$row for $2,$3 is '$rgb', not the site colour"
}

"$BIN" render "$TMP/site.geojson" --no-base -o "$TMP/laea.png" --world-file 2>"$TMP/err" ||
    fail "render --world-file: $(cat "$TMP/err")"
check_site laea 35.2 33.4
"$BIN" render "$TMP/site.geojson" --no-base --crs EPSG:3857 --size 900x700 -o "$TMP/merc.png" \
    --world-file 2>"$TMP/err" || fail "render --crs EPSG:3857 --world-file: $(cat "$TMP/err")"
check_site merc 35.2 33.4
"$BIN" render "$TMP/site.geojson" --no-base -o "$TMP/plain.png" 2>"$TMP/err" ||
    fail "render: $(cat "$TMP/err")"
[ -e "$TMP/plain.pgw" ] || [ -e "$TMP/plain.prj" ] && fail "side files without --world-file"
"$BIN" render "$TMP/site.geojson" --no-base -o "$TMP/map.svg" --world-file 2>"$TMP/err"
rc=$?
[ "$rc" = 2 ] || fail "--world-file with an SVG: exit $rc, want 2"
[ -e "$TMP/map.svg" ] && fail "--world-file with an SVG left a map"
[ "$fails" = 0 ] && echo "world_file: ok"
exit $((fails > 0))

#!/usr/bin/env bash
# incmap render / incmap map from the command line: the example fixture to PNG, SVG and PDF over
# a base GeoPackage built from the render fixtures (ogr2ogr), the --help text, and every bad input
# failing with its exit code, one line on stderr and no output file.
set -u
BIN=${INCMAP_BIN:?INCMAP_BIN not set}
FIX=${INCMAP_FIXTURES:?}/render
TMP=${INCMAP_TEST_TMP:-/tmp}/e2e-render-$$
mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

# shellcheck source=render_base.sh
SKIP_CODE=0
. "$(dirname "$0")/render_base.sh"

# expect CODE ARGS...: exit status CODE, one stderr line, no $TMP/out.* left behind
expect() {
    local want=$1
    shift
    rm -f "$TMP"/out.*
    "$BIN" "$@" >"$TMP/stdout" 2>"$TMP/stderr"
    local got=$?
    [ "$got" = "$want" ] || fail "incmap $* -> exit $got, want $want: $(cat "$TMP/stderr")"
    if [ "$want" != 0 ]; then
        [ "$(wc -l <"$TMP/stderr")" -ge 1 ] || fail "incmap $*: no error message"
        grep -q '^incmap: ' "$TMP/stderr" || fail "incmap $*: message not prefixed: $(cat "$TMP/stderr")"
        ls "$TMP"/out.* >/dev/null 2>&1 && fail "incmap $*: left a partial output file"
        ls "$TMP"/.out* >/dev/null 2>&1 && fail "incmap $*: left a temporary file"
    fi
}

EX=$FIX/example.geojson
"$BIN" render --help | grep -q -- '--basemap' || fail "render --help lacks --basemap"
"$BIN" map --help | grep -q -- '--geojson' || fail "map --help lacks --geojson"

for fmt in png svg pdf; do
    expect 0 render "$EX" -o "$TMP/map.$fmt" --gazetteer "$BASE"
    [ -s "$TMP/map.$fmt" ] || fail "no $fmt written"
done
head -c 8 "$TMP/map.png" | od -An -c | grep -q 'P   N   G' || fail "map.png is not a PNG"
head -c 5 "$TMP/map.pdf" | grep -q '%PDF-' || fail "map.pdf is not a PDF"
grep -q 'Zummar' "$TMP/map.svg" || fail "SVG lacks the word Zummar"
grep -q '<title>Rocket attack from Zummar' "$TMP/map.svg" || fail "SVG lacks the title"
if command -v file >/dev/null; then
    file "$TMP/map.png" | grep -q '1600 x 1200' || fail "default PNG is not 1600x1200: $(file "$TMP/map.png")"
fi
# an output that exists is refused (exit 4, file untouched) unless --force
cp "$TMP/map.svg" "$TMP/keep.svg"
expect 4 render "$EX" -o "$TMP/map.svg" --gazetteer "$BASE"
grep -q 'exists (use --force' "$TMP/stderr" || fail "refusal does not mention --force: $(cat "$TMP/stderr")"
cmp -s "$TMP/map.svg" "$TMP/keep.svg" || fail "refused render changed the existing file"
printf 'old' >"$TMP/map.png"
expect 0 render "$EX" -o "$TMP/map.png" --gazetteer "$BASE" --force
head -c 8 "$TMP/map.png" | od -An -c | grep -q 'P   N   G' || fail "--force did not replace map.png"
"$BIN" render --help | grep -q -- '--force' || fail "render --help lacks --force"
"$BIN" map --help | grep -q -- '--force' || fail "map --help lacks --force"
expect 0 render "$EX" -o "$TMP/small.png" --no-base --size 800x600 --dpi 72 --range-km 120 \
    --title 'Custom title' --crs EPSG:3857 --extent 38,31,47,38.5
expect 0 render "$EX" -o "$TMP/styled.svg" --no-base --style <(echo '{"colors": {"launch": "#000000"}}')

# A style's background alpha reaches the PNG (RGBA, straight alpha); the default map stays RGB.
# Pixel 0,0 is margin (background only), 800,600 the map's middle (drawn, opaque); map.png is
# the default style's map from above.
px() { gdallocationinfo -valonly "$1" "$2" "$3" | tr '\n' ' ' | sed 's/ $//'; }
expect 0 render "$EX" -o "$TMP/clear.png" --gazetteer "$BASE" \
    --style <(echo '{"colors": {"background": "#ffffff00", "sea": "#ffffff00"}}')
expect 0 render "$EX" -o "$TMP/halfred.png" --gazetteer "$BASE" \
    --style <(echo '{"colors": {"background": "#ff000080"}}')
gdalinfo "$TMP/map.png" | grep -q 'Band 4' && fail "an opaque map was written with alpha"
gdalinfo "$TMP/clear.png" | grep -q 'Band 4.*ColorInterp=Alpha' || fail "clear.png has no alpha band"
[ "$(px "$TMP/clear.png" 0 0)" = "0 0 0 0" ] ||
    fail "transparent background pixel is $(px "$TMP/clear.png" 0 0), want 0 0 0 0"
[ "$(px "$TMP/halfred.png" 0 0)" = "255 0 0 128" ] ||
    fail "half-transparent red background is $(px "$TMP/halfred.png" 0 0), want 255 0 0 128"
[ "$(px "$TMP/clear.png" 800 600)" = "$(px "$TMP/map.png" 800 600) 255" ] ||
    fail "drawn pixel lost its colour: $(px "$TMP/clear.png" 800 600) vs $(px "$TMP/map.png" 800 600)"

# bad input: exit codes 2 (usage), 3 (bad input), 4 (files)
expect 2 render "$EX" --no-base
expect 2 render "$EX" -o "$TMP/out.jpg" --no-base
expect 2 render "$EX" -o "$TMP/out.png" --no-base --crs EPSG:999999
expect 2 render "$EX" -o "$TMP/out.png" --no-base --crs '+proj=nonsense'
expect 2 render "$EX" -o "$TMP/out.png" --no-base --extent 45,30,40,35
expect 2 render "$EX" -o "$TMP/out.png" --no-base --extent 40,30,40,35
expect 2 render "$EX" -o "$TMP/out.png" --no-base --extent 1,2,3
expect 2 render "$EX" -o "$TMP/out.png" --no-base --size 0x100
expect 2 render "$EX" -o "$TMP/out.png" --no-base --size -5x100
expect 2 render "$EX" -o "$TMP/out.png" --no-base --size 40000x300
expect 2 render "$EX" -o "$TMP/out.png" --no-base --size big
expect 2 render "$EX" -o "$TMP/out.png" --no-base --dpi zero
expect 2 render "$EX" -o "$TMP/out.png" --no-base --bogus
expect 3 render "$EX" -o "$TMP/out.png" --no-base --style <(echo '{"colors": {"lanch": "#000"}}')
printf '{"type": "FeatureCollection", "features": [' >"$TMP/broken.geojson"
expect 3 render "$TMP/broken.geojson" -o "$TMP/out.png" --no-base
cat >"$TMP/lat95.geojson" <<'JSON'
{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"incident": 1,
 "role": "launch", "name": "Nowhere"}, "geometry": {"type": "Point", "coordinates": [42.0, 95.0]}}]}
JSON
expect 3 render "$TMP/lat95.geojson" -o "$TMP/out.png" --no-base
expect 4 render "$TMP/missing.geojson" -o "$TMP/out.png" --no-base
# nothing located and no extent: the CLI names the option that would give the map its frame
printf '{"type": "FeatureCollection", "features": []}' >"$TMP/nothing.geojson"
expect 2 render "$TMP/nothing.geojson" -o "$TMP/out.png" --no-base
grep -q -- 'nothing to map.*--extent W,S,E,N' "$TMP/stderr" || fail "empty render: $(cat "$TMP/stderr")"
expect 4 render "$EX" -o "$TMP/out.png" --no-base --basemap "$TMP/missing.tif"
expect 4 render "$EX" -o "$TMP/out.png" --gazetteer "$TMP/missing.gpkg"
expect 4 render "$EX" -o "$TMP/no-such-dir/out.png" --no-base
# a raster basemap through the CLI (incmap-render loads GDAL for it, and only for it)
if command -v gdal_create >/dev/null; then
    gdal_create -q -of GTiff -outsize 64 48 -bands 3 -burn 20 -burn 160 -burn 60 \
        -a_srs EPSG:4326 -a_ullr 36 39 49 30 "$TMP/green.tif" || fail "gdal_create"
    expect 0 render "$EX" -o "$TMP/plain.png" --no-base
    expect 0 render "$EX" -o "$TMP/basemap.png" --no-base --basemap "$TMP/green.tif"
    cmp -s "$TMP/basemap.png" "$TMP/plain.png" && fail "--basemap left the map unchanged"
    printf 'not a raster at all' >"$TMP/junk.tif"
    expect 4 render "$EX" -o "$TMP/out.png" --no-base --basemap "$TMP/junk.tif"
    grep -q 'junk.tif' "$TMP/stderr" || fail "basemap error does not name the file: $(cat "$TMP/stderr")"
fi
# a GeoPackage that is not an incmap gazetteer, and a file that is no GeoPackage at all
ogr2ogr -f GPKG -nln roads "$TMP/roads.gpkg" "$FIX/areas.geojson" 2>/dev/null
expect 4 render "$EX" -o "$TMP/out.png" --gazetteer "$TMP/roads.gpkg"
grep -q "no 'areas' layer" "$TMP/stderr" || fail "roads.gpkg: $(cat "$TMP/stderr")"
printf 'not a database either' >"$TMP/junk.gpkg"
expect 4 render "$EX" -o "$TMP/out.png" --gazetteer "$TMP/junk.gpkg"
grep -q 'not a GeoPackage' "$TMP/stderr" || fail "junk as gazetteer: $(cat "$TMP/stderr")"
expect 2 map -o "$TMP/out.png"
expect 2 map "$FIX/report.txt" -o "$TMP/out.png" --no-base
expect 2 map "$FIX/report.txt" -o "$TMP/out.png" --date 2024-04-31x
grep -q -- "--date '2024-04-31x'" "$TMP/stderr" || fail "map --date: $(cat "$TMP/stderr")"

# incmap map end to end, when the default gazetteer is built and readable by this incmap
if "$BIN" lookup Zummar >/dev/null 2>&1; then
    expect 0 map "$FIX/report.txt" --date 2024-04-22 -o "$TMP/report.png" --geojson "$TMP/report.geojson"
    [ -s "$TMP/report.png" ] || fail "incmap map wrote no PNG"
    grep -q '"launch"' "$TMP/report.geojson" || fail "incmap map GeoJSON has no launch role"
    expect 0 render "$TMP/report.geojson" -o "$TMP/rerender.svg"
    grep -q 'Zummar' "$TMP/rerender.svg" || fail "re-rendered map lacks Zummar"
    # the README's Quick start runs this twice: the second run needs --force for both outputs
    printf 'old' >"$TMP/old.geojson"
    expect 4 map "$FIX/report.txt" --date 2024-04-22 -o "$TMP/fresh.png" --geojson "$TMP/old.geojson"
    [ -e "$TMP/fresh.png" ] && fail "map wrote the PNG although --geojson exists"
    [ "$(cat "$TMP/old.geojson")" = old ] || fail "refused map changed the existing GeoJSON"
    expect 0 map "$FIX/report.txt" --date 2024-04-22 -o "$TMP/report.png" \
        --geojson "$TMP/report.geojson" --force
    # a render that fails after extraction leaves neither the map nor the GeoJSON (out.*)
    expect 2 map "$FIX/report.txt" -o "$TMP/out.png" --geojson "$TMP/out.geojson" --crs EPSG:999999
    printf 'nothing to see here\n' >"$TMP/empty.txt"
    expect 1 map "$TMP/empty.txt" -o "$TMP/out.png"
else
    echo "note: default gazetteer missing or stale: incmap map end-to-end skipped"
fi

if [ "$fails" -gt 0 ]; then
    echo "$fails failure(s)"
    exit 1
fi
echo "render e2e: all passed"

#!/usr/bin/env bash
# -o MAP.tif: a GeoTIFF of the map (render and map). What a GIS user relies on: GDAL opens it
# (gdalinfo, gdalinfo -json); its CRS is the map's (the same points project alike through the
# .prj of the same map drawn as PNG with --world-file, and an EPSG code given to --crs is kept as
# such); its corners are the world file's; its size is --size; its bands are RGB with the PNG's
# very pixels (converted back to PNG by gdal_translate and compared with png_diff); a site drawn at
# a known lon/lat is found there through the GeoTIFF's own georeferencing (gdallocationinfo
# -wgs84); a transparent style gives RGBA with straight alpha, as the PNG; --format
# tif|tiff|geotiff and -o - work; a large map is tiled; a bad path is one error line and leaves no
# file. The map binaries still do not link GDAL.
set -u
BIN=${INCMAP_BIN:?INCMAP_BIN not set}
TMP=${INCMAP_TEST_TMP:-/tmp}/e2e-geotiff-$$
mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT
. "$(dirname "$0")/e2e_common.sh"
PNG_DIFF=$(dirname "$BIN")/tests/png_diff

for t in gdalinfo gdalsrsinfo gdallocationinfo gdal_translate gdaltransform python3; do
    command -v "$t" >/dev/null || {
        echo "SKIP: $t is needed (Debian packages gdal-bin, python3)"
        exit 77
    }
done

cp "${INCMAP_FIXTURES:-$(dirname "$0")/../fixtures}/render/site-launch.geojson" "$TMP/site.geojson"

# json_get FILE EXPR: a value of gdalinfo -json's output (EXPR in Python on the parsed `j`)
json_get() {
    python3 -c 'import json, sys; j = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$@"
}

# site_colour FILE LON LAT: the pixel at lon/lat by FILE's own georeferencing is the site colour
# (#009e73 = 0 158 115, antialiasing aside)
site_colour() {
    local rgb
    rgb=$(gdallocationinfo -valonly -wgs84 "$1" "$2" "$3" 2>&1 | head -3 | tr '\n' ' ')
    echo "$rgb" | awk '{ exit !($1 <= 20 && $2 >= 138 && $2 <= 178 && $3 >= 95 && $3 <= 135) }' ||
        fail "$(basename "$1"): the pixel at $2,$3 is '$rgb', not the site colour"
}

# check_tif NAME W H [LON LAT]: NAME.tif against NAME.png + NAME.pgw + NAME.prj of the same map;
# with LON LAT, the site drawn there
check_tif() {
    local tif=$TMP/$1.tif w=$2 h=$3
    gdalinfo "$tif" >"$TMP/info.txt" 2>&1 || {
        fail "$1: gdalinfo cannot open the GeoTIFF: $(head -3 "$TMP/info.txt")"
        return
    }
    gdalinfo -json "$tif" >"$TMP/info.json" 2>"$TMP/err" || {
        fail "$1: gdalinfo -json: $(cat "$TMP/err")"
        return
    }
    [ "$(json_get "$TMP/info.json" 'j["driverShortName"]')" = GTiff ] || fail "$1: not a GTiff"
    [ "$(json_get "$TMP/info.json" 'j["size"]')" = "[$w, $h]" ] ||
        fail "$1: size $(json_get "$TMP/info.json" 'j["size"]'), want [$w, $h] (--size)"
    [ "$(json_get "$TMP/info.json" '[b["colorInterpretation"] for b in j["bands"]]')" = \
        "['Red', 'Green', 'Blue']" ] || fail "$1: bands are not RGB"
    [ "$(json_get "$TMP/info.json" 'j["metadata"]["IMAGE_STRUCTURE"]["COMPRESSION"]')" = DEFLATE ] ||
        fail "$1: not DEFLATE-compressed"
    # corners: the world file names the centre of the top-left pixel
    json_get "$TMP/info.json" \
        '" ".join(repr(v) for v in j["cornerCoordinates"]["upperLeft"] + j["cornerCoordinates"]["lowerRight"])' \
        >"$TMP/corners" || fail "$1: no corner coordinates"
    awk -v w="$w" -v h="$h" -v f="$TMP/$1.pgw" '
        BEGIN { i = 0; while ((getline l < f) > 0) p[i++] = l }
        function off(a, b) { d = a - b; if (d < 0) d = -d; return d > 1e-6 * (1 + (a < 0 ? -a : a)) }
        { x0 = p[4] - p[0] / 2; y0 = p[5] - p[3] / 2
          if (off($1, x0) || off($2, y0) || off($3, x0 + w * p[0]) || off($4, y0 + h * p[3])) {
              printf "corners %s %s %s %s, want %.6f %.6f %.6f %.6f\n", $1, $2, $3, $4, x0, y0,
                  x0 + w * p[0], y0 + h * p[3]; exit 1 } }' "$TMP/corners" >"$TMP/cmp" ||
        fail "$1: $(cat "$TMP/cmp") (from the world file)"
    # the CRS: the same lon/lat projects to the same x/y through the GeoTIFF and through the .prj
    local a b crs
    crs=$(gdalsrsinfo --single-line -o wkt2_2019 "$tif" 2>&1)
    a=$(echo "35.2 33.4" | gdaltransform -s_srs EPSG:4326 -t_srs "$crs" -output_xy 2>&1)
    b=$(echo "35.2 33.4" | gdaltransform -s_srs EPSG:4326 -t_srs "$TMP/$1.prj" -output_xy 2>&1)
    echo "$a $b" | awk '{ d1 = $1 - $3; d2 = $2 - $4; exit !(NF == 4 && d1 * d1 + d2 * d2 < 1e-6) }' ||
        fail "$1: the GeoTIFF's CRS is not the map's: 35.2,33.4 -> '$a', through the .prj '$b'"
    # the pixels: the PNG's (png_diff on the GeoTIFF converted back to PNG), and exactly so (the
    # raw bands of both, byte for byte: png_diff's figures round a few pixels away)
    gdal_translate -q -of PNG "$tif" "$TMP/$1-back.png" 2>"$TMP/err" ||
        fail "$1: gdal_translate to PNG: $(cat "$TMP/err")"
    local diff
    diff=$("$PNG_DIFF" "$TMP/$1-back.png" "$TMP/$1.png" 2>&1)
    echo "$diff" | awk '{ exit !($1 == "mean" && $2 + 0 == 0 && $4 + 0 == 0) }' ||
        fail "$1: the GeoTIFF's pixels are not the PNG's: $diff"
    gdal_translate -q -of ENVI "$tif" "$TMP/$1-tif.raw" 2>/dev/null &&
        gdal_translate -q -of ENVI "$TMP/$1.png" "$TMP/$1-png.raw" 2>/dev/null &&
        cmp -s "$TMP/$1-tif.raw" "$TMP/$1-png.raw" ||
        fail "$1: the GeoTIFF's bands are not byte for byte the PNG's"
    [ $# -lt 5 ] || site_colour "$tif" "$4" "$5"
}

# the default map CRS (Lambert azimuthal equal-area on the incidents), and an EPSG code
run 0 render "$TMP/site.geojson" --no-base --size 900x700 -o "$TMP/laea.tif"
run 0 render "$TMP/site.geojson" --no-base --size 900x700 -o "$TMP/laea.png" --world-file
check_tif laea 900 700 35.2 33.4
grep -qi "Lambert_Azimuthal_Equal_Area\|Lambert Azimuthal Equal Area" "$TMP/info.txt" ||
    fail "laea: gdalinfo shows no Lambert azimuthal equal-area CRS"
run 0 render "$TMP/site.geojson" --no-base --crs EPSG:3857 --size 640x480 -o "$TMP/merc.tif"
run 0 render "$TMP/site.geojson" --no-base --crs EPSG:3857 --size 640x480 -o "$TMP/merc.png" \
    --world-file
check_tif merc 640 480 35.2 33.4
gdalsrsinfo -e "$TMP/merc.tif" 2>&1 | grep -q "EPSG:3857" ||
    fail "merc: the GeoTIFF does not say EPSG:3857: $(gdalsrsinfo -e "$TMP/merc.tif" 2>&1 | head -3)"

# a style that leaves the background half transparent: RGBA with straight (unassociated) alpha,
# the same bytes as the PNG's
echo '{"colors": {"background": "#ff000080"}}' >"$TMP/halfred.json"
run 0 render "$TMP/site.geojson" --no-base --size 640x480 --style "$TMP/halfred.json" -o "$TMP/half.tif"
run 0 render "$TMP/site.geojson" --no-base --size 640x480 --style "$TMP/halfred.json" -o "$TMP/half.png"
gdalinfo -json "$TMP/half.tif" >"$TMP/half.json" 2>&1
[ "$(json_get "$TMP/half.json" '[b["colorInterpretation"] for b in j["bands"]]')" = \
    "['Red', 'Green', 'Blue', 'Alpha']" ] || fail "half transparent: bands are not RGBA"
[ "$(gdallocationinfo -valonly "$TMP/half.tif" 0 0 | tr '\n' ' ')" = "255 0 0 128 " ] ||
    fail "half transparent: background pixel $(gdallocationinfo -valonly "$TMP/half.tif" 0 0 | tr '\n' ' ')"
gdal_translate -q -of ENVI "$TMP/half.tif" "$TMP/half-tif.raw" 2>/dev/null &&
    gdal_translate -q -of ENVI "$TMP/half.png" "$TMP/half-png.raw" 2>/dev/null &&
    cmp -s "$TMP/half-tif.raw" "$TMP/half-png.raw" ||
    fail "half transparent: the GeoTIFF's bands are not byte for byte the PNG's"

# --format names it whatever the file is called; - is standard output
run 0 render "$TMP/site.geojson" --no-base --size 900x700 --format geotiff -o "$TMP/laea.img"
cmp -s "$TMP/laea.img" "$TMP/laea.tif" || fail "--format geotiff: not the .tif's bytes"
run 0 render "$TMP/site.geojson" --no-base --size 900x700 --format tiff -o "$TMP/upper.TIFF"
run 0 render "$TMP/site.geojson" --no-base --size 900x700 --format tif -o -
cmp -s "$TMP/out" "$TMP/laea.tif" || fail "-o - --format tif: not the .tif's bytes"

# a large map is tiled
run 0 render "$TMP/site.geojson" --no-base --size 3000x2000 -o "$TMP/big.tif"
gdalinfo -json "$TMP/big.tif" >"$TMP/big.json" 2>&1
[ "$(json_get "$TMP/big.json" 'j["bands"][0]["block"]')" = "[256, 256]" ] ||
    fail "3000x2000: not tiled 256x256: $(json_get "$TMP/big.json" 'j["bands"][0]["block"]')"

# bad paths: one line, the I/O exit status, no file and no temporary file left
one_line() { # $1: what; the last command's stderr is one "incmap: render: " line
    [ "$(wc -l <"$TMP/err")" = 1 ] && grep -q "^incmap: render: " "$TMP/err" ||
        fail "$1: want one 'incmap: render:' line, got: $(cat "$TMP/err")"
}
run 4 render "$TMP/site.geojson" --no-base -o "$TMP/no/such/dir/map.tif"
one_line "missing directory"
mkdir -p "$TMP/clean"
echo "old" >"$TMP/clean/kept.tif"
run 4 render "$TMP/site.geojson" --no-base -o "$TMP/clean/kept.tif"
one_line "existing output"
[ "$(cat "$TMP/clean/kept.tif")" = old ] || fail "an existing GeoTIFF was replaced without --force"
# a write that fails half-way (file size limit, 8 KiB): EFBIG, and nothing left behind
(
    trap '' XFSZ
    ulimit -f 8
    exec "$BIN" render "$TMP/site.geojson" --no-base -o "$TMP/clean/big.tif" >"$TMP/out" 2>"$TMP/err"
)
rc=$?
[ "$rc" = 4 ] || fail "file size limit: exit $rc, want 4"
one_line "file size limit"
grep -q "File too large" "$TMP/err" || fail "file size limit: '$(cat "$TMP/err")'"
[ "$(ls -A "$TMP/clean")" = kept.tif ] || fail "files left behind: $(ls -A "$TMP/clean")"
run 2 render "$TMP/site.geojson" --no-base -o "$TMP/wf.tif" --world-file
[ -e "$TMP/wf.tif" ] && fail "--world-file with a GeoTIFF left a map"

# incmap map: the example report, when the default gazetteer is there
GZ=${INCMAP_DEFAULT_GAZETTEER:-}
EX=${INCMAP_SOURCE_DIR:-}/maps/example-report.txt
if [ -n "$GZ" ] && [ -f "$GZ" ] && [ -f "$EX" ]; then
    run 0 map "$EX" --date 2024-04-22 --size 800x600 -o "$TMP/example.tif" --gazetteer "$GZ"
    run 0 map "$EX" --date 2024-04-22 --size 800x600 -o "$TMP/example.png" --world-file \
        --gazetteer "$GZ"
    check_tif example 800 600
else
    echo "note: no default gazetteer; incmap map -o MAP.tif not tested"
fi

# the map binaries still load GDAL only when needed
for b in "$BIN" "$(dirname "$BIN")/incmap-render"; do
    ldd "$b" 2>/dev/null | grep -q libgdal && fail "$(basename "$b") links libgdal"
done
finish geotiff

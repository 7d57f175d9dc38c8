#!/usr/bin/env bash
# The main CLI paths under valgrind memcheck: lookup (text, JSON, GeoJSON), extract (a file,
# stdin, structured fields, bad input), render (PNG, SVG, PDF, HTML; a bad file) and map. Any memory
# error or definite/indirect leak fails (--error-exitcode=99). Possible leaks and one-time
# allocations of GDAL, fontconfig, pango and glib are not ours: tests/e2e/valgrind.supp.
# Skips (exit 0, with a message) when valgrind is absent or the binary is a sanitizer build.
set -u
BIN=${INCMAP_BIN:?INCMAP_BIN not set}
FIX=${INCMAP_FIXTURES:?INCMAP_FIXTURES not set}
GZ=${INCMAP_DEFAULT_GAZETTEER:-}
TMP=${INCMAP_TEST_TMP:-/tmp}/valgrind.$$
mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT

if ! command -v valgrind >/dev/null; then
    echo "SKIP: valgrind not installed (Debian package valgrind)"
    exit 0
fi
if grep -q __asan_init "$BIN" 2>/dev/null; then
    echo "SKIP: $BIN is an AddressSanitizer build; valgrind needs a normal build"
    exit 0
fi
[ -n "$GZ" ] && export INCMAP_GAZETTEER="$GZ"
SUPP=$(dirname "$0")/valgrind.supp
VG=(valgrind --tool=memcheck --error-exitcode=99 --leak-check=full
    --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect
    --trace-children=yes --child-silent-after-fork=yes --num-callers=30 --quiet
    --suppressions="$SUPP")
fails=0
n=0

# vg EXPECTED_EXIT NAME ARGS...: runs incmap under memcheck; stdin from $VG_STDIN (or /dev/null)
vg() {
    local want=$1 name=$2
    shift 2
    n=$((n + 1))
    "${VG[@]}" --log-file="$TMP/vg.$n.log" "$BIN" "$@" <"${VG_STDIN:-/dev/null}" >"$TMP/out" 2>"$TMP/err"
    local rc=$?
    if [ "$rc" = 99 ] || grep -q 'ERROR SUMMARY: [1-9]\|definitely lost: [1-9]\|indirectly lost: [1-9]\|Invalid \(read\|write\)\|uninitialised' "$TMP/vg.$n.log" 2>/dev/null; then
        echo "FAIL [$name]: memcheck errors:" >&2
        head -60 "$TMP/vg.$n.log" >&2
        fails=$((fails + 1))
    elif [ "$rc" != "$want" ]; then
        echo "FAIL [$name]: exit $rc, expected $want: $(head -c 300 "$TMP/err")" >&2
        fails=$((fails + 1))
    else
        echo "ok   [$name]"
    fi
}

have_gz=0
if [ -n "$GZ" ] && [ -f "${GZ%.gpkg}.idx" ]; then
    have_gz=1
else
    echo "note: no default gazetteer at '$GZ': lookup, extract and map are skipped"
fi
if [ "$have_gz" = 1 ]; then
    vg 0 lookup_text lookup Mosul
    vg 0 lookup_json lookup Tripoli --format json --limit 5
    vg 0 lookup_geojson lookup Syria --format geojson --limit 1
    vg 1 lookup_not_found lookup Xqzzyvillex
    vg 3 lookup_bad_utf8 lookup $'Mos\xc0\xafl'
    vg 0 extract_file extract "$FIX/reports/kirkuk-two-incidents.txt" --date 2024-04-22
    vg 0 extract_text extract "$FIX/reports/lebanon-israel-rockets.txt" --format text
    vg 0 extract_json extract "$FIX/reports/qamishli-shelling.txt" --format json
    VG_STDIN=$FIX/reports/tripoli-depot.txt vg 0 extract_stdin extract -
    vg 0 extract_fields extract --launch Zummar --target "northeastern Syria"
    vg 0 extract_to_file extract "$FIX/reports/kirkuk-two-incidents.txt" -o "$TMP/k.geojson"
    printf 'Shells hit \xc0\xaf Mosul' >"$TMP/bad.txt"
    vg 3 extract_bad_utf8 extract "$TMP/bad.txt"
    vg 0 map_png map "$FIX/render/report.txt" -o "$TMP/map.png" --geojson "$TMP/map.geojson" --size 800x600
fi
vg 0 render_png render "$FIX/render/example.geojson" --no-base -o "$TMP/r.png" --size 800x600
vg 0 render_svg render "$FIX/render/example.geojson" --no-base -o "$TMP/r.svg" --size 800x600
vg 0 render_pdf render "$FIX/render/example.geojson" --no-base -o "$TMP/r.pdf" --size 800x600
vg 3 render_bad_geojson render "$FIX/geojson/invalid/lon_540.geojson" --no-base -o "$TMP/bad.png"
vg 2 render_bad_crs render "$FIX/render/example.geojson" --no-base -o "$TMP/bad.png" --crs EPSG:999999
if [ "$have_gz" = 1 ]; then
    vg 0 render_base_png render "$FIX/render/example.geojson" -o "$TMP/base.png" --size 800x600
    vg 0 render_html render "$FIX/render/example.geojson" -o "$TMP/page.html"
fi
INCMAP_LEAFLET_DIR=$TMP/no-leaflet vg 4 render_html_no_leaflet render "$FIX/render/example.geojson" \
    --no-base -o "$TMP/none.html"

if [ "$fails" -ne 0 ]; then
    echo "$fails of $n valgrind case(s) failed"
    exit 1
fi
echo "all $n valgrind cases clean"

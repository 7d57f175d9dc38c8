#!/usr/bin/env bash
# incmap render / incmap map -o PAGE.html from the command line: the example's page (exit 0,
# within the 2 MB budget, the incidents' GeoJSON inside byte for byte), `incmap map` writing the
# page and the GeoJSON, and the failures: an existing page without --force, Leaflet missing (exit
# 4, one line saying how to fetch it), each leaving no file behind.
set -u
BIN=${INCMAP_BIN:?INCMAP_BIN not set}
SRC=${INCMAP_SOURCE_DIR:?}
GZ=${INCMAP_DEFAULT_GAZETTEER:?}
TMP=${INCMAP_TEST_TMP:-/tmp}/e2e-html-$$
BUDGET=$((2 * 1024 * 1024))
mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
[ -r "$GZ" ] || { echo "FAIL: the default gazetteer $GZ is missing (incmap gazetteer build)"; exit 1; }

"$BIN" render --help | grep -q 'html' || fail "render --help does not mention .html"
"$BIN" map --help | grep -q 'png|svg|pdf|html' || fail "map --help does not mention .html"

EX=$SRC/maps/example.geojson
"$BIN" render "$EX" -o "$TMP/ex.html" --gazetteer "$GZ" 2>"$TMP/err" || fail "render -> .html: $(cat "$TMP/err")"
size=$(stat -c %s "$TMP/ex.html" 2>/dev/null || echo 0)
[ "$size" -gt 0 ] && [ "$size" -le "$BUDGET" ] || fail "the example's page is $size bytes (budget $BUDGET)"
echo "example page: $size bytes"
grep -q '<script type="application/json" id="incmap-incidents">{"type":"FeatureCollection"' "$TMP/ex.html" ||
    fail "no incidents block"
ls "$TMP"/.ex* >/dev/null 2>&1 && fail "a temporary file was left behind"

"$BIN" map "$SRC/maps/example-report.txt" --date 2024-04-22 -o "$TMP/map.html" \
    --geojson "$TMP/map.geojson" --gazetteer "$GZ" 2>"$TMP/err" || fail "map -> .html: $(cat "$TMP/err")"
[ -s "$TMP/map.html" ] && [ -s "$TMP/map.geojson" ] || fail "map -> .html wrote no page or GeoJSON"
grep -q 'Zummar' "$TMP/map.html" || fail "the page of the report does not name Zummar"

# an existing page is refused without --force (exit 4), replaced with it
"$BIN" render "$EX" -o "$TMP/ex.html" --gazetteer "$GZ" 2>"$TMP/err"
[ $? = 4 ] || fail "existing page without --force: want exit 4"
"$BIN" render "$EX" -o "$TMP/ex.html" --gazetteer "$GZ" --force 2>"$TMP/err" || fail "--force: $(cat "$TMP/err")"

# Leaflet missing: exit 4, one line naming the fetch step, no page
INCMAP_LEAFLET_DIR=$TMP/no-leaflet "$BIN" render "$EX" -o "$TMP/none.html" --gazetteer "$GZ" 2>"$TMP/err"
rc=$?
[ $rc = 4 ] || fail "Leaflet missing: exit $rc, want 4"
[ "$(wc -l <"$TMP/err")" = 1 ] && grep -q '^incmap: render: .*incmap gazetteer fetch' "$TMP/err" ||
    fail "Leaflet missing: message: $(cat "$TMP/err")"
[ -e "$TMP/none.html" ] && fail "Leaflet missing: a page was left"
ls "$TMP"/.none* >/dev/null 2>&1 && fail "Leaflet missing: a temporary file was left"

# an unknown extension is still a usage error
"$BIN" render "$EX" -o "$TMP/ex.htm" --gazetteer "$GZ" 2>/dev/null
[ $? = 2 ] || fail ".htm: want exit 2"

[ $fails = 0 ] && echo "html: all checks passed"
exit $((fails > 0))

#!/usr/bin/env bash
# The optional relief layer: a gazetteer built with Marble's srtm tiles (Debian marble-qt-data)
# has a `relief` table, and a map drawn from it with --relief has shaded land where the same map
# drawn without it (the default, or --no-relief) has flat fills, the bytes of a gazetteer without
# relief; the
# credits name the relief's source only when relief is drawn. A --relief directory without the
# tiles is an I/O error. Skipped (77) when marble-qt-data is not installed.
set -u
BIN=${INCMAP_BIN:?INCMAP_BIN not set}
FX=${INCMAP_FIXTURES:?INCMAP_FIXTURES not set}
PNG_DIFF=$(dirname "$BIN")/tests/png_diff
MARBLE=${INCMAP_RELIEF_SOURCE:-/usr/share/marble/data/maps/earth/srtm}
TMP=${INCMAP_TEST_TMP:-/tmp}/e2e-relief-$$
mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT
. "$(dirname "$0")/e2e_common.sh"

if [ ! -r "$MARBLE/3/000000/000000_000000.jpg" ]; then
    echo "SKIP: no Marble srtm tiles in $MARBLE (Debian: apt-get install marble-qt-data)"
    exit 77
fi
G=$FX/gazetteer
SRC=(--sources "$G" --cities500 "$G/cities-mini.txt" --natural-earth "$G/ne-mini.gpkg"
     --supplement "$G/supplement.tsv" --gshhg "")
EX=$FX/render/example.geojson

run 0 gazetteer build --force -o "$TMP/relief.gpkg" "${SRC[@]}" --relief "$MARBLE" &&
    { grep -Eq ', [1-9][0-9]* relief tiles' "$TMP/out" || fail "build summary: $(cat "$TMP/out")"; }
run 0 gazetteer build -q --force -o "$TMP/flat.gpkg" "${SRC[@]}" --relief ""
run 0 gazetteer info "$TMP/relief.gpkg" &&
    { grep -q 'SRTM30 relief' "$TMP/out" || fail "gazetteer info lists no relief source"; }

run 0 render "$EX" --gazetteer "$TMP/relief.gpkg" -o "$TMP/relief.png" --relief
run 0 render "$EX" --gazetteer "$TMP/relief.gpkg" -o "$TMP/off.png"
run 0 render "$EX" --gazetteer "$TMP/relief.gpkg" -o "$TMP/off2.png" --relief --no-relief
cmp -s "$TMP/off.png" "$TMP/off2.png" || fail "--no-relief does not undo --relief"
run 0 render "$EX" --gazetteer "$TMP/flat.gpkg" -o "$TMP/flat.png"
# by default the map is exactly the map of a gazetteer without relief
cmp -s "$TMP/off.png" "$TMP/flat.png" || fail "the default map differs from a map without relief"
# with relief, the land is shaded: many pixels a little darker (png_diff: mean absolute
# difference per channel over the whole image; the text and lines are the same)
d=$("$PNG_DIFF" "$TMP/relief.png" "$TMP/flat.png")
mean=$(echo "$d" | awk '{print $2}')
awk -v m="$mean" 'BEGIN { exit !(m > 0.3) }' || fail "relief map hardly differs from flat: $d"

# the credit line names the relief's source when relief is drawn, and only then
run 0 render "$EX" --gazetteer "$TMP/relief.gpkg" -o "$TMP/relief.svg" --relief
grep -q 'SRTM30 relief' "$TMP/relief.svg" || fail "relief map: no relief credit"
run 0 render "$EX" --gazetteer "$TMP/relief.gpkg" -o "$TMP/off.svg"
grep -q 'SRTM30' "$TMP/off.svg" && fail "a map without relief credits the relief"

# a relief directory without the tiles: an I/O error (4) that says what is missing
mkdir -p "$TMP/empty"
run 4 gazetteer build -q --force -o "$TMP/bad.gpkg" "${SRC[@]}" --relief "$TMP/empty" &&
    { grep -q 'no Marble srtm tiles' "$TMP/err" || fail "bad --relief: $(cat "$TMP/err")"; }
[ -e "$TMP/bad.gpkg" ] && fail "a failed build left $TMP/bad.gpkg"

finish relief "mean difference $mean"

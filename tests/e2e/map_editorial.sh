#!/usr/bin/env bash
# The words of a map, on the fixture gazetteer: a curated label from the gazetteer's `labels`
# table replaces the gazetteer's name on the map (the GeoJSON keeps the name), and
# `map --source` travels in the GeoJSON's `source` property to the credit line of a later
# `render` of that file.
set -u
BIN=${INCMAP_BIN:?INCMAP_BIN not set}
GZ=${INCMAP_TEST_GAZETTEER:?INCMAP_TEST_GAZETTEER not set (the fixture gazetteer)}
TMP=${INCMAP_TEST_TMP:-/tmp}/e2e-editorial-$$
mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
texts() { # the text of every <text> element of an SVG, one a line
    python3 -c 'import re, sys, html
for t in re.findall(r"<text[^>]*>([^<]*)</text>", open(sys.argv[1], encoding="utf-8").read()):
    print(html.unescape(t))' "$1"
}

cat >"$TMP/site.geojson" <<'JSON'
{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"incident": 1,
 "role": "site", "name": "Al Hasakah", "kind": "place", "country": "SY",
 "event_type": "explosion"}, "geometry": {"type": "Point", "coordinates": [40.7477, 36.5024]}}]}
JSON
if "$BIN" render "$TMP/site.geojson" -o "$TMP/site.svg" --gazetteer "$GZ" 2>"$TMP/err"; then
    texts "$TMP/site.svg" >"$TMP/site.txt"
    grep -qx "Hasakah" "$TMP/site.txt" || fail "the curated label Hasakah is not on the map"
    grep -qx "Al Hasakah" "$TMP/site.txt" && fail "the gazetteer's name Al Hasakah is still a label"
    grep -q "^Explosion in Hasakah" "$TMP/site.txt" || fail "the title does not use the label"
else
    fail "render: $(cat "$TMP/err")"
fi

echo "Rockets were fired from Zummar towards Sinjar on Sunday, officials said." >"$TMP/r.txt"
if "$BIN" map "$TMP/r.txt" --date 2024-04-22 --gazetteer "$GZ" --source "Reuters, 22 April" \
    -o "$TMP/r.svg" --geojson "$TMP/r.geojson" 2>"$TMP/err"; then
    python3 -c 'import json, sys
fs = json.load(open(sys.argv[1]))["features"]
sys.exit(0 if fs and all(f["properties"]["source"] == "Reuters, 22 April" for f in fs) else 1)' \
        "$TMP/r.geojson" || fail "map --source is not every feature's source property"
    if "$BIN" render "$TMP/r.geojson" -o "$TMP/again.svg" --gazetteer "$GZ" 2>"$TMP/err"; then
        texts "$TMP/again.svg" | grep -qx "Reuters, 22 April" ||
            fail "render without --source does not credit the file's source"
    else
        fail "render: $(cat "$TMP/err")"
    fi
else
    fail "map: $(cat "$TMP/err")"
fi

[ "$fails" -eq 0 ] && echo "ok: curated labels and the source property" && exit 0
exit 1

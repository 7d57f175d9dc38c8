#!/usr/bin/env bash
# The HTML map shows the static map's layers (html_layers.py, in headless Chromium, offline):
# GSHHG rivers and lakes and their credit on the example; an occupied area hatched and in the
# legend, a ceasefire line dashed and labelled, and conventional names, on a small map of our own
# (a launch the gazetteer writes "Ḩamāh", a target on the Golan); a gulf's name on a map across
# it; the detailed coast on a map 80 km across. Skipped (exit 77) when no browser is installed (browser_env.sh).
set -u
. "$(dirname "$0")/browser_env.sh"
"$BIN" render "$SRC/maps/example.geojson" -o "$TMP/example.html" --gazetteer "$GZ" ||
    { echo "FAIL: incmap render -o example.html"; exit 1; }
# shelling from a town in central Syria (its GeoNames name, diacritics and all) onto a point on
# the Golan, a few kilometres west of the 1974 ceasefire line
cat >"$TMP/golan.geojson" <<'EOF'
{"type":"FeatureCollection","features":[
{"type":"Feature","id":"1-launch-1","geometry":{"type":"Point","coordinates":[36.7578,35.1318]},
 "properties":{"incident":1,"role":"launch","name":"Ḩamāh","text":"Hama","kind":"place","country":"SY","precision":1,"event_type":"shelling"}},
{"type":"Feature","id":"1-target-1","geometry":{"type":"Point","coordinates":[35.77,33.05]},
 "properties":{"incident":1,"role":"target","name":"a hillside on the Golan","kind":"place","precision":1,"uncertainty_km":4,"event_type":"shelling"}}
]}
EOF
"$BIN" render "$TMP/golan.geojson" -o "$TMP/golan.html" --gazetteer "$GZ" ||
    { echo "FAIL: incmap render -o golan.html"; exit 1; }
# across a gulf, from one coast to the other
cat >"$TMP/gulf.geojson" <<'EOF'
{"type":"FeatureCollection","features":[
{"type":"Feature","id":"1-launch-1","geometry":{"type":"Point","coordinates":[50.84,28.97]},
 "properties":{"incident":1,"role":"launch","name":"a port on the north shore","kind":"place","precision":1}},
{"type":"Feature","id":"1-target-1","geometry":{"type":"Point","coordinates":[51.53,25.29]},
 "properties":{"incident":1,"role":"target","name":"a town on the south shore","kind":"place","precision":1}}
]}
EOF
"$BIN" render "$TMP/gulf.geojson" -o "$TMP/gulf.html" --gazetteer "$GZ" ||
    { echo "FAIL: incmap render -o gulf.html"; exit 1; }
# a stretch of coast, 80 km across: the detailed coast
"$BIN" render "$TMP/gulf.geojson" -o "$TMP/coast.html" --extent 50.5,28.6,51.3,29.3 --gazetteer "$GZ" ||
    { echo "FAIL: incmap render -o coast.html"; exit 1; }
# the screenshots stay in the build tree for a look after a failure
python3 "$(dirname "$0")/html_layers.py" "$browser" "$TMP/example.html" "$TMP/golan.html" "$TMP/gulf.html" \
    "$TMP/coast.html" \
    "${INCMAP_TEST_TMP:-/tmp}/html_layers"

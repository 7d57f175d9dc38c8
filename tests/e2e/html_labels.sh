#!/usr/bin/env bash
# The HTML map's words (html_labels.py, in headless Chromium, offline): the border crossed's label
# and the key sites' names on the example, as the static map writes them; no border highlighted
# on a missile across the sea from Crimea; the de facto line's dash and name across the isthmus
# (fixtures/render/crimea-*.geojson). Skipped (exit 77) when no browser is installed (browser_env.sh).
set -u
. "$(dirname "$0")/browser_env.sh"
FIX=${INCMAP_FIXTURES:?}/render
for m in "$SRC/maps/example.geojson:example" "$FIX/crimea-sea.geojson:sea" \
    "$FIX/crimea-isthmus.geojson:isthmus"; do
    "$BIN" render "${m%:*}" -o "$TMP/${m##*:}.html" --gazetteer "$GZ" ||
        { echo "FAIL: incmap render -o ${m##*:}.html"; exit 1; }
done
python3 "$(dirname "$0")/html_labels.py" "$browser" "$TMP/example.html" "$TMP/sea.html" \
    "$TMP/isthmus.html"

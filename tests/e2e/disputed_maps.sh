#!/usr/bin/env bash
# Maps of Crimea on the default gazetteer (its boundary_lines and boundary_areas layers): the
# border crossed (src/render/render_border.c) and the inset (render_inset.c). Two fixtures share Natural Earth's Russia-Ukraine border (the Crimean
# isthmus and a stretch of the land border): crimea-sea.geojson fires from Crimea across the sea at
# Odesa, so the arrow crosses no part of the border near it and nothing may be highlighted in the
# solid "Border crossed" style, nor labelled with the border's name; crimea-isthmus.geojson fires
# from Nova Kakhovka across the isthmus at Dzhankoi, so the highlight is the de facto line there,
# dashed, under the line's name (not "Russia-Ukraine border"), with the legend row to match.
# The inset draws Crimea as the main map does, tinted as an occupied area (not as plain land of
# Natural Earth's Russia): a many-sided path in the disputed fill inside the furniture group,
# beside the legend's rectangular swatch.
# Exit 77 (skipped) without the default gazetteer.
set -u
BIN=${INCMAP_BIN:?INCMAP_BIN not set}
FIX=${INCMAP_FIXTURES:?}/render
GZ=${INCMAP_DEFAULT_GAZETTEER:-}
TMP=${INCMAP_TEST_TMP:-/tmp}/e2e-disputed-maps-$$
mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT
# shellcheck source=e2e_common.sh
. "$(dirname "$0")/e2e_common.sh"

if [ ! -s "$GZ" ]; then
    echo "SKIP: needs the default gazetteer ($GZ)"
    exit 77
fi

check_border() { # SVG EXPECT(none|dashed): the border highlight in the incidents group
    python3 - "$@" <<'PY' || fail "$1: see above"
import re, sys
path, expect = sys.argv[1], sys.argv[2]
s = open(path).read()
i = s.index('<g id="incidents"')
m = re.compile(r'<g id="(?![^"]*-surface)').search(s, i + 5)
body = s[i:m.start() if m else len(s)]
border = "stroke:rgb(0%,44.705882%,69.803922%)"  # style.json "border", #0072b2
strokes = [a for a in re.findall(r'<path ([^>]*)/>', body) if border in a]
solid = [a for a in strokes if "dasharray" not in a]
dashed = [a for a in strokes if "dasharray" in a]
texts = re.findall(r'<text[^>]*>([^<]*)</text>', s)
bad = []
if solid:
    bad.append(f"{len(solid)} solid border highlight(s)")
if "Russia\u2013Ukraine border" in texts:
    bad.append("labelled 'Russia\u2013Ukraine border'")
if "Border crossed" in texts:
    bad.append("legend row 'Border crossed'")
if expect == "none" and (dashed or "De facto line crossed" in texts):
    bad.append("a highlight where the arrow crosses no border")
if expect == "dashed" and not dashed:
    bad.append("no dashed highlight along the de facto line")
if expect == "dashed" and "De facto line crossed" not in texts:
    bad.append("no legend row 'De facto line crossed'")
if bad:
    sys.exit(f"{path}: " + "; ".join(bad))
PY
}

run 0 render "$FIX/crimea-isthmus.geojson" --gazetteer "$GZ" -o "$TMP/isthmus.svg" &&
    check_border "$TMP/isthmus.svg" dashed
check_inset() { # SVG: the occupied area's fill in the inset
    python3 - "$1" <<'PY' || fail "$1: see above"
import re, sys
s = open(sys.argv[1]).read()
body = s[s.index('<g id="furniture"'):s.index('<g id="titles"')]
fill = "fill:rgb(70.196078%,64.705882%,54.901961%)"  # style.json "disputed_fill"
sides = [len(re.findall(r'[ML] ', a)) for a in re.findall(r'<path ([^>]*)/>', body) if fill in a]
if not any(n > 8 for n in sides):
    sys.exit(f"{sys.argv[1]}: no occupied area in the inset (disputed-fill paths: {sides})")
PY
}

run 0 render "$FIX/crimea-sea.geojson" --gazetteer "$GZ" -o "$TMP/sea.svg" &&
    check_border "$TMP/sea.svg" none && check_inset "$TMP/sea.svg"
finish disputed_maps

#!/usr/bin/env bash
# SVG for graphics desks: the map's SVG is well-formed XML with one named group per layer (base,
# boundaries, graticule, incidents, labels, place-labels, furniture, titles), live <text> with
# font, size and fill (no glyph outlines), ids unique and every reference resolved, and, rasterised by another
# renderer (rsvg-convert, Debian librsvg2-bin), it looks like incmap's own PNG of the same map.
# Exit 77 (skipped) when rsvg-convert is missing and everything else passed.
set -u
BIN=${INCMAP_BIN:?INCMAP_BIN not set}
FIX=${INCMAP_FIXTURES:?}/render
PNG_DIFF=$(dirname "$BIN")/tests/png_diff
TMP=${INCMAP_TEST_TMP:-/tmp}/e2e-svg-$$
mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

# shellcheck source=render_base.sh
. "$(dirname "$0")/render_base.sh"

check_svg() { # FILE WORD...: the structure, and each WORD as the whole text of a <text>
    python3 - "$@" <<'PY' || fail "$1: see above"
import re, sys, xml.etree.ElementTree as ET
path, words = sys.argv[1], sys.argv[2:]
NS = "{http://www.w3.org/2000/svg}"
try:
    root = ET.parse(path).getroot()
except ET.ParseError as e:
    sys.exit(f"{path}: not well-formed XML: {e}")
bad = []
groups = [g.get("id") for g in root.findall(NS + "g")]
want = ["base", "boundaries", "graticule", "incidents", "labels", "place-labels", "furniture", "titles"]
if groups != want:
    bad.append(f"top-level groups {groups}, want {want}")
ids = [e.get("id") for e in root.iter() if e.get("id")]
if len(ids) != len(set(ids)):
    bad.append("duplicate ids")
for e in root.iter():
    for k, v in e.attrib.items():
        for ref in re.findall(r"url\(#([^)]+)\)", v) + ([v[1:]] if k.endswith("href") and v.startswith("#") else []):
            if ref not in ids:
                bad.append(f"reference to a missing id {ref}")
if any(i.startswith("glyph") or "-glyph" in i for i in ids):
    bad.append("glyph outlines instead of text")
texts = {}
for g in root.findall(NS + "g"):
    for t in g.iter(NS + "text"):
        for a in ("font-family", "font-size", "fill", "x", "y"):
            if t.get(a) is None:
                bad.append(f"<text> without {a}: {t.text}")
        texts.setdefault(t.text, g.get("id"))
for w in words:
    layer, _, word = w.partition(":")
    if texts.get(word) != layer:
        bad.append(f"no <text>{word}</text> in layer {layer} (found in {texts.get(word)})")
if bad:
    sys.exit(f"{path}: " + "; ".join(bad[:8]))
PY
}

EX=$FIX/example.geojson
"$BIN" render "$EX" -o "$TMP/map.svg" --gazetteer "$BASE" || fail "render to SVG"
"$BIN" render "$EX" -o "$TMP/map.png" --gazetteer "$BASE" || fail "render to PNG"
check_svg "$TMP/map.svg" labels:Zummar "labels:location given only as: northeastern Syria" \
    "labels:location given only as: Babil Governorate" "labels:Iraq–Syria border" \
    place-labels:Sinjar furniture:KEY "furniture:Launch site" "titles:incmap"
grep -q '<title>Rocket attack from Zummar' "$TMP/map.svg" || fail "SVG lacks its <title>"
# a long title at 800x600 wraps into lines that together say all of it
TITLE="Rockets fired from the outskirts of Zummar toward several positions in northeastern Syria overnight"
"$BIN" render "$FIX/layout-crowded.geojson" -o "$TMP/small.svg" --size 800x600 --title "$TITLE" \
    --gazetteer "$BASE" || fail "render 800x600 SVG"
check_svg "$TMP/small.svg" "labels:Sahl Anwar" "labels:Ain Dara"
python3 - "$TMP/small.svg" "$TITLE" <<'PY' || fail "800x600: the title is cut"
import sys, xml.etree.ElementTree as ET
NS = "{http://www.w3.org/2000/svg}"
root = ET.parse(sys.argv[1]).getroot()
g = [g for g in root.findall(NS + "g") if g.get("id") == "titles"][0]
lines = [t for t in g.iter(NS + "text") if t.get("font-weight") == "bold" and t.text != "incmap"]
joined = " ".join(t.text for t in lines)
if joined != sys.argv[2]:
    sys.exit(f"title lines {joined!r}")
if len(lines) < 2:
    sys.exit("a title this long at 800x600 should wrap")
PY

if ! command -v rsvg-convert >/dev/null; then
    echo "SKIP: rsvg-convert (Debian librsvg2-bin) is missing: the SVG was not compared with the PNG"
    [ "$fails" = 0 ] && exit 77
    exit 1
fi
rsvg-convert -w 1600 -h 1200 "$TMP/map.svg" -o "$TMP/svg.png" || fail "rsvg-convert"
# at a quarter of the size (see png_diff.c): the hatch patterns start a pixel apart in the two
read -r _ mean _ differing < <("$PNG_DIFF" "$TMP/map.png" "$TMP/svg.png" 4) || fail "png_diff"
echo "SVG rasterised vs PNG: mean difference $mean, pixels differing by more than 64: $differing"
awk -v m="$mean" -v d="$differing" 'BEGIN { exit !(m < 3 && d < 0.01) }' ||
    fail "the SVG does not look like the PNG (mean $mean, differing $differing)"
[ "$fails" = 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "svg_layers: ok"

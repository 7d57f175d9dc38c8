#!/usr/bin/env bash
# De facto lines and disputed areas (issue 11, Borders). A gazetteer built from Natural Earth alone
# (the downloaded world_map.gpkg, about 10 s) has the boundary_lines layer (de facto, ceasefire and
# claim lines, every geometry valid) and boundary_areas (occupied and disputed). A map of shelling
# across the Line of Control (fixtures/render/kashmir-loc.geojson, whose border feature is
# deliberately drawn 18 km east of the line, as a claim or a whole shared border would be) draws
# the line dashed in the SVG's "boundaries" group, writes "Line of Control", notes the disputed
# area in the legend, and highlights the border crossed along the de facto line, not along the
# feature's own geometry. On a map of southern Ukraine, Crimea is drawn as Ukraine's land under
# the hatch (its claimant), and as Russia's with a gazetteer without the claimant column. The
# same gazetteer with the two layers dropped (an older one) renders without error. Exit 77 (skipped) without the downloaded sources or ogrinfo.
set -u
BIN=${INCMAP_BIN:?INCMAP_BIN not set}
FIX=${INCMAP_FIXTURES:?}/render
NE=${INCMAP_SOURCES_DIR:-}/world_map.gpkg
TMP=${INCMAP_TEST_TMP:-/tmp}/e2e-disputed-$$
mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT
# shellcheck source=e2e_common.sh
. "$(dirname "$0")/e2e_common.sh"

if [ ! -s "$NE" ] || ! command -v ogrinfo >/dev/null; then
    echo "SKIP: needs the Natural Earth source ($NE) and ogrinfo (gdal-bin)"
    exit 77
fi
GZ=$TMP/gz/incmap.gpkg
run 0 gazetteer build -q --natural-earth "$NE" --cities500 "" --admin1 "" --admin2 "" \
    --airports "" --supplement "" --no-regions --relief "" -o "$GZ" || { finish disputed; }

sql() { # SQL: one value per line from the gazetteer (OGR's SQLite dialect)
    ogrinfo -q -ro "$1" -dialect sqlite -sql "$2" 2>/dev/null | sed -n 's/^ *[a-z_]* ([A-Za-z0-9]*) = //p'
}
n_lines=$(sql "$GZ" "SELECT count(*) AS n FROM boundary_lines")
[ "${n_lines:-0}" -gt 0 ] || fail "boundary_lines is empty or missing"
classes=$(sql "$GZ" "SELECT DISTINCT class AS c FROM boundary_lines ORDER BY 1" | tr '\n' ' ')
[ "$classes" = "ceasefire claim de_facto " ] || fail "line classes: '$classes'"
areas=$(sql "$GZ" "SELECT DISTINCT class AS c FROM boundary_areas ORDER BY 1" | tr '\n' ' ')
[ "$areas" = "disputed occupied " ] || fail "area classes: '$areas'"
bad=$(sql "$GZ" "SELECT count(*) AS n FROM boundary_lines WHERE NOT ST_IsValid(geom)")
bad_a=$(sql "$GZ" "SELECT count(*) AS n FROM boundary_areas WHERE NOT ST_IsValid(geom)")
[ "$bad" = 0 ] && [ "$bad_a" = 0 ] || fail "invalid geometries: $bad lines, $bad_a areas"
for label in "Line of Control" "Green Line" "Blue Line" "Israeli-occupied Golan Heights" \
    "Russian-annexed Crimea"; do
    n=$(sql "$GZ" "SELECT count(*) AS n FROM (SELECT label FROM boundary_lines UNION ALL
        SELECT label FROM boundary_areas) WHERE label = '$label'")
    [ "$n" = 1 ] || fail "'$label': $n features, expected 1"
done

check_map() { # SVG EXPECT(line|none): the boundaries group and where the border is highlighted
    python3 - "$@" <<'PY' || fail "$1: see above"
import math, re, sys
path, expect = sys.argv[1], sys.argv[2]
s = open(path).read()
def group(name):  # up to the next layer's group (not the layer's own "NAME-surfaceN")
    i = s.index(f'<g id="{name}"')
    m = re.compile(r'<g id="(?![^"]*-surface)').search(s, i + 5)
    return s[i:m.start() if m else len(s)]
def paths(body, pred):
    out = []
    for m in re.finditer(r'<path ([^>]*)/>', body):
        a = m.group(1)
        if pred(a):
            d = re.search(r' d="([^"]*)"', a).group(1)
            out.append([(float(x), float(y)) for x, y in re.findall(r'[ML] ([-\d.]+) ([-\d.]+)', d)])
    return out
boundary = "stroke:rgb(50.980392%,47.843137%,43.137255%)"
dashed = paths(group("boundaries"), lambda a: boundary in a and "dasharray" in a
               and "dasharray:0," not in a)
highlight = paths(group("incidents"), lambda a: "stroke:rgb(0%,44.705882%,69.803922%)" in a)
bad = []
if expect == "none":
    if dashed:
        bad.append("dashed boundary lines from a gazetteer without the layer")
elif not dashed:
    bad.append("no dashed line in the boundaries group")
texts = re.findall(r'<text[^>]*>([^<]*)</text>', s)
if expect == "line" and "Line of Control" not in texts:
    bad.append("no <text>Line of Control</text>")
if expect == "line" and "Disputed or occupied area" not in texts:
    bad.append("no legend entry for the disputed area")
def seg_dist(p, a, b):
    dx, dy = b[0] - a[0], b[1] - a[1]
    l2 = dx * dx + dy * dy
    t = 0 if l2 == 0 else max(0, min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / l2))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)
def dist(p, lines):
    return min((seg_dist(p, l[i], l[i + 1]) for l in lines for i in range(len(l) - 1)),
               default=math.inf)
pts = [p for l in highlight for p in l]
if not pts:
    bad.append("no border highlight")
elif expect == "line":
    # 18 km is about 40 units at this scale: the highlight must lie on the dashed line
    far = max(dist(p, dashed) for p in pts)
    if far > 3:
        bad.append(f"border highlight up to {far:.1f} units from the de facto line")
if bad:
    sys.exit(f"{path}: " + "; ".join(bad))
PY
}

run 0 render "$FIX/kashmir-loc.geojson" --gazetteer "$GZ" -o "$TMP/loc.svg" && check_map "$TMP/loc.svg" line

# the legend lists a disputed area only when one is on the map: the example's frame (eastern
# Syria and Iraq) has the Golan Heights inside its lon/lat box but not inside the frame
run 0 render "${INCMAP_SOURCE_DIR:?}/maps/example.geojson" --gazetteer "$GZ" -o "$TMP/far.svg" &&
    ! grep -q '>Disputed or occupied area<' "$TMP/far.svg" ||
    fail "$TMP/far.svg: the legend lists a disputed area that is not on the map"

# an occupied area whose claimant is the incident's country reads as that country's land: on a
# map of an attack in southern Ukraine, Crimea (in Russia's Natural Earth polygon) has the
# incident country's light land tint under the hatch, not the grey of other countries' land
claimant=$(sql "$GZ" "SELECT claimant AS c FROM boundary_areas WHERE label = 'Russian-annexed Crimea'")
[ "$claimant" = UA ] || fail "Crimea's claimant: '$claimant', expected UA"
crimea_land() { # TIF EXPECT(focus|other): pixels inside Crimea away from its edges
    local out=""
    for p in "33.8 45.5" "34.2 45.6" "34.4 45.3" "33.6 45.3" "34.0 45.8" "34.6 45.5"; do
        # shellcheck disable=SC2086
        out="$out$(gdallocationinfo -valonly -wgs84 "$1" $p | head -3 | tr '\n' ' ');"
    done
    python3 - "$1" "$2" "$out" "${INCMAP_SOURCE_DIR:?}/maps/style.json" <<'PY' || fail "$1: see above"
import json, sys
path, expect, samples, style = sys.argv[1:5]
st = json.load(open(style))["colors"]
def rgb(h):
    return [int(h[i:i + 2], 16) for i in (1, 3, 5)]
fill, a = rgb(st["disputed_fill"]), int(st["disputed_fill"][7:9], 16) / 255
def under(land):  # the land colour under the disputed area's tint
    return [round(c * (1 - a) + f * a) for c, f in zip(rgb(st[land]), fill)]
want, other = under("land_focus" if expect == "focus" else "land"), \
    under("land" if expect == "focus" else "land_focus")
px = [[int(v) for v in s.split()] for s in samples.split(";") if s.strip()]
near = lambda p, c: all(abs(x - y) <= 4 for x, y in zip(p, c))
hits, wrong = sum(near(p, want) for p in px), sum(near(p, other) for p in px)
if hits < 4 or wrong > 0:  # a hatch line may cross a sample
    sys.exit(f"{path}: Crimea's land {px}, expected {want} ({expect}), not {other}")
PY
}
run 0 render "$FIX/south-ukraine.geojson" --gazetteer "$GZ" -o "$TMP/crimea.tif" &&
    crimea_land "$TMP/crimea.tif" focus

# a place in an occupied area is named without a country in the title (Natural Earth files
# Crimea under Russia; the map takes no side), a town outside one with its country
if run 0 render "$FIX/from-crimea.geojson" --gazetteer "$GZ" -o "$TMP/from-crimea.svg"; then
    title=$(grep -o '<title>[^<]*' "$TMP/from-crimea.svg" | head -1)
    [[ "$title" == *"from Crimea toward Skadovsk, Ukraine"* ]] ||
        fail "title of a launch from Crimea: '$title'"
fi

# the web map draws the occupied area too, and its legend says so
if run 0 render "$FIX/south-ukraine.geojson" --gazetteer "$GZ" -o "$TMP/crimea.html"; then
    grep -q 'Disputed or occupied area' "$TMP/crimea.html" ||
        fail "$TMP/crimea.html: the web map's legend does not list the occupied area it draws"
fi

# an older gazetteer, without the areas' claimant: Crimea is drawn as its polygon's country
cp "$GZ" "$TMP/noclaim.gpkg"
ogrinfo -q "$TMP/noclaim.gpkg" -sql "ALTER TABLE boundary_areas DROP COLUMN claimant" >/dev/null 2>&1
run 0 render "$FIX/south-ukraine.geojson" --gazetteer "$TMP/noclaim.gpkg" -o "$TMP/noclaim.tif" &&
    crimea_land "$TMP/noclaim.tif" other

# an older gazetteer, without the layers: the map still draws, with no dashed lines
cp "$GZ" "$TMP/old.gpkg"
ogrinfo -q "$TMP/old.gpkg" -sql "DROP TABLE boundary_lines" >/dev/null 2>&1
ogrinfo -q "$TMP/old.gpkg" -sql "DROP TABLE boundary_areas" >/dev/null 2>&1
[ -z "$(sql "$TMP/old.gpkg" "SELECT name AS n FROM sqlite_master WHERE name LIKE 'boundary_%'")" ] ||
    fail "could not drop the layers from the copy"
run 0 render "$FIX/kashmir-loc.geojson" --gazetteer "$TMP/old.gpkg" -o "$TMP/old.svg" &&
    check_map "$TMP/old.svg" none
finish disputed

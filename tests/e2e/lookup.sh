#!/usr/bin/env bash
# `incmap lookup` against the real default gazetteer: the outcomes issue 2 requires (Zummar,
# Babylon province, Hasakah, Mosul, Syria, Tripoli), the output formats, exit codes and messages.
# Env (set by ctest): INCMAP_BIN, INCMAP_DEFAULT_GAZETTEER, INCMAP_TEST_TMP.
set -u
BIN=${INCMAP_BIN:?INCMAP_BIN not set}
GZ=${INCMAP_DEFAULT_GAZETTEER:?INCMAP_DEFAULT_GAZETTEER not set}
TMP=${INCMAP_TEST_TMP:-/tmp}/e2e-lookup.$$
mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT
# the binary's built-in default is this same path under ctest; the variable also lets the script
# run against another build's gazetteer
export INCMAP_GAZETTEER="$GZ"
IDX=${GZ%.gpkg}
IDX=${IDX%.idx}.idx
if [ ! -f "$IDX" ]; then
    echo "FAIL: no default gazetteer at $GZ: build it with \`incmap gazetteer build\`" >&2
    exit 1
fi

. "$(dirname "$0")/e2e_common.sh"

# check_json ARGS... -- PYTHON: queues a check of the JSON output of a lookup: PYTHON asserts on
# `d` (the list). All queued checks run in one python3 process at the end (python starts slowly).
ncase=0
check_json() {
    local args=()
    while [ "$1" != "--" ]; do
        args+=("$1")
        shift
    done
    shift
    ncase=$((ncase + 1))
    run 0 lookup "${args[@]}" --format json || return
    cp "$TMP/out" "$TMP/case$ncase.json"
    printf '%s' "lookup ${args[*]}" >"$TMP/case$ncase.name"
    printf '%s' "$1" >"$TMP/case$ncase.py"
}

# check_geojson NAME PYTHON: the same for `--format geojson --limit 1`; PYTHON sees `fc`, `f`
# (the first feature) and `polys` (its polygons).
check_geojson() {
    ncase=$((ncase + 1))
    run 0 lookup "$1" --format geojson --limit 1 || return
    cp "$TMP/out" "$TMP/case$ncase.geojson"
    printf '%s' "geojson $1" >"$TMP/case$ncase.name"
    printf '%s' "$2" >"$TMP/case$ncase.py"
}

# --- required outcomes ---
for name in Zummar Zumar "Zummār" ZUMMAR; do
    check_json "$name" -- '
a = d[0]
assert a["country"] == "IQ" and a["kind"] == "place", "first is not an Iraqi place"
assert km(a, 36.65, 42.60) < 10, "first is %.1f km from 36.65 N 42.60 E" % km(a, 36.65, 42.60)'
done
zummar_ids=""
for name in Zummar Zumar "Zummār"; do
    run 0 lookup "$name" --limit 1 && zummar_ids="$zummar_ids $(awk '{print $NF}' "$TMP/out")"
done
[ "$(echo $zummar_ids | tr ' ' '\n' | sort -u | wc -l)" = 1 ] || fail "Zummar spellings gave different places:$zummar_ids"

for name in "Al-Hasakah" "Hasakah" "al Ḩasakah"; do
    check_json "$name" -- '
a = d[0]
assert a["country"] == "SY" and a["kind"] == "place", "first is not a Syrian place"
assert km(a, 36.50, 40.75) < 10, "first is %.1f km from the city" % km(a, 36.50, 40.75)'
done

check_json Mosul -- '
a = d[0]
assert a["country"] == "IQ" and abs(a["lat"] - 36.34) < 0.02 and abs(a["lon"] - 43.12) < 0.02, "not at 36.34 N 43.12 E"
assert a["match"] == "exact" and 0 < a["score"] <= 1'

check_json Tripoli -- '
assert d[0]["country"] == "LY", "Libya is not first"
assert any(c["country"] == "LB" for c in d), "Lebanon missing"'

check_json Babylon -- '
assert any(c["country"] == "IQ" and c["kind"] == "admin1" for c in d), "Babil governorate missing"
assert any(c["country"] == "US" and c["admin1"] == "New York" for c in d), "Babylon, New York missing"'

check_json "Babylon province" -- '
assert d[0]["country"] == "IQ" and d[0]["kind"] == "admin1", "Babil governorate is not first"'

check_json "Nineveh governorate" -- '
assert d[0]["country"] == "IQ" and d[0]["kind"] == "admin1", "Ninawa governorate is not first"'

check_json Syrian -- '
assert d[0]["kind"] == "country" and d[0]["country"] == "SY" and d[0]["match"] == "demonym"'

check_json Tripoli --country LB -- 'assert d[0]["country"] == "LB", "bias toward LB failed"'
check_json Tripoli --country LB --country-filter -- 'assert all(c["country"] == "LB" for c in d)'
check_json Babylon --kind admin1 -- 'assert d and all(c["kind"] == "admin1" for c in d)'
check_json Tripoli --limit 1 -- 'assert len(d) == 1'

# --- GeoJSON: real polygons, right-hand rule, <= 6 decimals, bbox ---
check_geojson "Babylon province" '
assert f["properties"]["kind"] == "admin1"
assert any(inside(p, 44.42, 32.46) for p in polys), "Babil polygon does not contain Al Hillah"'
check_geojson Syria '
assert f["properties"]["kind"] == "country" and f["properties"]["country"] == "SY"
assert any(inside(p, 38.0, 35.0) for p in polys)'

# --- text output, help ---
run 0 lookup Mosul && grep -q "Mosul" "$TMP/out" || fail "text output lacks Mosul"
run 0 lookup --help && grep -q "usage: incmap lookup NAME" "$TMP/out" || fail "--help lacks the synopsis"

# --- not found, bad input, usage ---
run 1 lookup Zumxxr && grep -q "no place named 'Zumxxr'; did you mean: .*Zummar" "$TMP/err" ||
    fail "no suggestion for Zumxxr: $(cat "$TMP/err")"
run 1 lookup Qqqqqqqqqq && grep -q "no place named 'Qqqqqqqqqq'" "$TMP/err" || fail "not-found message"
run 3 lookup "$(printf 'Mos\377ul')" && grep -q "not valid UTF-8" "$TMP/err" || fail "invalid UTF-8 message"
run 3 lookup "$(head -c 1100 /dev/zero | tr '\0' a)" && grep -q "over the 1024-byte limit" "$TMP/err" ||
    fail "over-long name message"
run 2 lookup --limit 0 --format xml --kind city --bogus && [ "$(wc -l <"$TMP/err")" -ge 5 ] ||
    fail "usage errors not all reported: $(cat "$TMP/err")"
run 2 lookup || fail "no name is not a usage error"

# --- missing and corrupt gazetteers ---
run 4 lookup Mosul --gazetteer "$TMP/none.gpkg" && grep -q "incmap gazetteer build" "$TMP/err" ||
    fail "missing gazetteer message: $(cat "$TMP/err")"
head -c 100000 "$IDX" >"$TMP/cut.idx"
run 4 lookup Mosul --gazetteer "$TMP/cut.gpkg" && grep -q "is corrupt" "$TMP/err" ||
    fail "truncated gazetteer message: $(cat "$TMP/err")"
INCMAP_GAZETTEER="$TMP/cut.gpkg" "$BIN" lookup Mosul >/dev/null 2>&1
[ $? = 4 ] || fail "INCMAP_GAZETTEER is not honoured"

# --- run the queued JSON and GeoJSON checks ---
python3 - "$TMP" "$ncase" <<'EOF' || failures=$((failures + 1))
import json, math, os, re, sys
tmp, n = sys.argv[1], int(sys.argv[2])
def km(a, lat, lon):
    p1, p2 = math.radians(a["lat"]), math.radians(lat)
    dl = math.radians(a["lon"] - lon)
    c = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return 6371.0 * math.acos(max(-1.0, min(1.0, c)))
def area(r):
    return sum(r[i][0] * r[i + 1][1] - r[i + 1][0] * r[i][1] for i in range(len(r) - 1)) / 2
def inside(poly, x, y):
    hit = False
    for ring in poly:
        for i in range(len(ring) - 1):
            (x1, y1), (x2, y2) = ring[i], ring[i + 1]
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                hit = not hit
    return hit
bad = 0
for k in range(1, n + 1):
    base = os.path.join(tmp, "case%d" % k)
    if not os.path.exists(base + ".py"):
        continue  # the run itself failed and was reported
    name, code, text = open(base + ".name").read(), open(base + ".py").read(), ""
    try:
        if os.path.exists(base + ".json"):
            text = open(base + ".json").read()
            d = json.loads(text)
            assert d, "no candidates"
        else:
            text = open(base + ".geojson").read()
            fc = json.loads(text)
            assert fc["type"] == "FeatureCollection" and len(fc["bbox"]) == 4
            f = fc["features"][0]
            g = f["geometry"]
            assert g["type"] in ("Polygon", "MultiPolygon"), g["type"]
            polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
            for poly in polys:
                assert area(poly[0]) > 0, "exterior ring is not counter-clockwise"
                assert all(area(h) < 0 for h in poly[1:]), "hole is not clockwise"
            assert not re.search(r"\d\.\d{7,}", text), "more than 6 decimals"
        exec(code)
    except (AssertionError, KeyError, IndexError, ValueError) as e:
        print("FAIL: %s: %s %s; got %s" % (name, type(e).__name__, e, text[:500]), file=sys.stderr)
        bad += 1
sys.exit(1 if bad else 0)
EOF

if [ "$failures" -gt 0 ]; then
    echo "$failures failure(s)" >&2
    exit 1
fi
echo "lookup e2e: all passed"

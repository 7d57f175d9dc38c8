#!/usr/bin/env bash
# `incmap extract`: the example report of issue 3 (when ../shared/examples is present), our fixture
# reports, the structured input, output formats, exit codes and bad input (empty, invalid UTF-8,
# NUL bytes, binary, over 16 MiB, unwritable -o). Needs the real default gazetteer.
# Env (set by ctest): INCMAP_BIN, INCMAP_DEFAULT_GAZETTEER, INCMAP_FIXTURES, INCMAP_TEST_TMP,
# INCMAP_SHARED_DIR (optional).
set -u
BIN=${INCMAP_BIN:?INCMAP_BIN not set}
GZ=${INCMAP_DEFAULT_GAZETTEER:?INCMAP_DEFAULT_GAZETTEER not set}
FIX=${INCMAP_FIXTURES:?INCMAP_FIXTURES not set}/reports
TMP=${INCMAP_TEST_TMP:-/tmp}/e2e-extract.$$
mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT
export INCMAP_GAZETTEER="$GZ"
IDX=${GZ%.gpkg}
IDX=${IDX%.idx}.idx
if [ ! -f "$IDX" ]; then
    echo "FAIL: no default gazetteer at $GZ: build it with \`incmap gazetteer build\`" >&2
    exit 1
fi

# fail, run (stdout in $TMP/out, stderr in $TMP/err)
. "$(dirname "$0")/e2e_common.sh"

# check FILE PYTHON: the GeoJSON in FILE as `d`, its features as `fs`; helpers role(), km(), inside().
check() {
    PYTHONPATH="$(dirname "$0")" python3 - "$1" "$2" <<'PYEOF' || fail "$(basename "$1"): $(cat "$TMP/pyerr" 2>/dev/null)"
import json, math, sys
from geo_inside import inside
d = json.load(open(sys.argv[1]))
fs = d["features"]
def role(i, r):
    m = [f for f in fs if f["properties"]["incident"] == i and f["properties"]["role"] == r]
    return m[0] if m else None
def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))
def only_mention(text):
    return all(f["properties"]["role"] in ("mention", "border") for f in fs if f["properties"]["text"] == text)
try:
    assert d["type"] == "FeatureCollection" and "crs" not in d
    for f in fs:
        p = f["properties"]
        for k in ("incident", "role", "name", "text", "start", "end", "gazetteer_id", "kind", "country",
                  "admin1", "precision", "uncertainty_km", "confidence", "event_type", "date",
                  "fatalities", "injured"):
            assert k in p, "property %s missing" % k
    exec(sys.argv[2])
except AssertionError as e:
    open(sys.argv[1] + ".err", "w").write("assertion failed: %s" % e)
    import shutil; shutil.copy(sys.argv[1] + ".err", sys.argv[1].rsplit("/", 1)[0] + "/pyerr")
    sys.exit(1)
PYEOF
}

# --- the example report of the issue -------------------------------------------------------------
EXAMPLE=${INCMAP_SHARED_DIR:-/nonexistent}/examples/zummar-rocket-attack-2024-04-21.txt
if [ -f "$EXAMPLE" ]; then
    run 0 extract "$EXAMPLE" --date 2024-04-22 -o "$TMP/example.geojson"
    check "$TMP/example.geojson" '
l, t, b, s = role(1, "launch"), role(1, "target"), role(1, "border"), role(2, "site")
assert l and t and b and s, "roles missing"
lp = l["properties"]
assert lp["event_type"] == "rocket attack" and lp["date"] == "2024-04-21", lp
lon, lat = l["geometry"]["coordinates"]
assert km(lat, lon, 36.65, 42.60) <= 10 and lp["precision"] == 1, lp
assert t["properties"]["country"] == "SY" and inside(t["geometry"], 36.50, 40.75), "target area"
assert not inside(t["geometry"], 33.51, 36.28), "target reaches Damascus"
assert b["properties"]["gazetteer_id"] == "border:IQ-SY" and b["geometry"]["type"] in ("LineString", "MultiLineString")
sp = s["properties"]
assert sp["event_type"] == "explosion" and sp["date"] == "2024-04-20", sp
assert sp["admin1"] == "Babil" and sp["fatalities"] == 1 and sp["injured"] == 8, sp
for name in ("White House", "Iraq", "United States", "U.S.", "Middle East"):
    assert only_mention(name), name + " has a role"
'
    run 0 extract "$EXAMPLE" --date 2024-04-22 --format text &&
        grep -q "^incident 1: rocket attack, 2024-04-21" "$TMP/out" &&
        grep -q "^incident 2: explosion, 2024-04-20, 1 killed, 8 injured" "$TMP/out" ||
        fail "text summary of the example: $(head -c 300 "$TMP/out")"
    # "on Sunday (April 21)" needs the publication date only for the weekday: the explicit date
    # still needs a year, so without --date the incident has no date
    run 0 extract "$EXAMPLE" -o "$TMP/nodate.geojson"
    check "$TMP/nodate.geojson" 'assert role(1, "launch")["properties"]["date"] is None'
fi

# --- fixture reports (our own words) -----------------------------------------------------------
run 0 extract "$FIX/tripoli-depot.txt" --date 2024-03-09 -o "$TMP/tripoli.geojson"
check "$TMP/tripoli.geojson" '
s = role(1, "site")["properties"]
assert s["country"] == "LB" and s["text"] == "Tripoli" and s["start"] == 44 and s["end"] == 51, s
assert s["fatalities"] == 3 and s["injured"] == 11 and s["date"] == "2024-03-05", s
'
run 0 extract "$FIX/lebanon-israel-rockets.txt" --date 2024-03-09 -o "$TMP/lb.geojson"
check "$TMP/lb.geojson" '
l, t, b = role(1, "launch"), role(1, "target"), role(1, "border")
assert l["geometry"]["type"] in ("Polygon", "MultiPolygon") and l["properties"]["precision"] == 3
assert inside(l["geometry"], 33.30, 35.25) and not inside(l["geometry"], 34.43, 35.84), "southern Lebanon"
assert t["properties"]["country"] == "IL" and b["properties"]["gazetteer_id"] == "border:LB-IL"
assert l["properties"]["distance_km"] is not None and 0 <= l["properties"]["bearing_deg"] < 360
'
run 0 extract "$FIX/kirkuk-two-incidents.txt" --date 2024-03-09 --format json
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))["features"]
inc = sorted({f["incident"] for f in d if f["incident"] > 0})
assert inc == [1, 2], inc
k = [f for f in d if f["text"] == "Kirkuk"][0]
assert k["qualifier"] == "15 km south" and k["precision"] == 2 and k["lat"] < 35.4, k
' "$TMP/out" || fail "kirkuk json: $(head -c 300 "$TMP/out")"
# context-only: places but no incident; with --no-mentions an empty collection and exit 0
# (places were found; only incidents were asked for)
run 0 extract --no-mentions "$FIX/context-only.txt" --date 2024-03-09 &&
    python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["features"]==[]' "$TMP/out" ||
    fail "no-mentions, no incident: $(cat "$TMP/err")"
run 0 extract "$FIX/context-only.txt" -o "$TMP/ctx.geojson"
check "$TMP/ctx.geojson" '
assert all(f["properties"]["role"] == "mention" for f in fs) and fs
assert not [f for f in fs if f["properties"]["text"] in ("Jordan", "White House", "Sydney", "May")]
'

# --- structured input ----------------------------------------------------------------------------
run 0 extract --launch Zummar --target "northeastern Syria" --event-type "rocket attack" \
    --date 2024-04-21 -o "$TMP/struct.geojson"
check "$TMP/struct.geojson" '
assert role(1, "launch") and role(1, "border")["properties"]["gazetteer_id"] == "border:IQ-SY"
assert inside(role(1, "target")["geometry"], 36.50, 40.75)
assert role(1, "launch")["properties"]["date"] == "2024-04-21"
'
# the library names the field, the CLI the option it came from
run 1 extract --launch "Qwxzyplorf" && grep -q -- "--launch: no place called" "$TMP/err" ||
    fail "unknown structured name: $(cat "$TMP/err")"
run 2 extract "$FIX/tripoli-depot.txt" --launch Zummar
run 2 extract --format yaml "$FIX/tripoli-depot.txt"
run 2 extract --date 2024-02-31x "$FIX/tripoli-depot.txt"
run 0 extract --help && grep -q "usage: incmap extract" "$TMP/out" || fail "--help"

# --- bad input -----------------------------------------------------------------------------------
: >"$TMP/empty.txt"
run 0 extract "$TMP/empty.txt" && grep -q "empty" "$TMP/err" &&
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["type"]=="FeatureCollection" and d["features"]==[]' "$TMP/out" ||
    fail "empty input: $(cat "$TMP/err")"
printf '\xef\xbb\xbf\n' >"$TMP/bom.txt" # a byte order mark alone is an empty report
run 0 extract "$TMP/bom.txt" && grep -q "is empty" "$TMP/err" || fail "BOM only: $(cat "$TMP/err")"
echo "nothing to see here, honestly." >"$TMP/none.txt"
run 1 extract "$TMP/none.txt" && grep -q "no place found" "$TMP/err" &&
    python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["features"]==[]' "$TMP/out" ||
    fail "no place: $(cat "$TMP/err")"
printf 'Rockets hit Erbil \xff\xfe today.' >"$TMP/bad.txt"
run 3 extract "$TMP/bad.txt" && grep -q "invalid UTF-8 at byte 18" "$TMP/err" ||
    fail "invalid UTF-8: $(cat "$TMP/err")"
printf 'Erbil\0Mosul' >"$TMP/nul.txt"
run 3 extract "$TMP/nul.txt" && grep -q "NUL byte at byte 5" "$TMP/err" || fail "NUL: $(cat "$TMP/err")"
head -c 4096 /dev/urandom >"$TMP/random.bin"
run 3 extract "$TMP/random.bin" || true
head -c $((16 * 1024 * 1024 + 10)) /dev/zero | tr '\0' 'a' >"$TMP/big.txt"
run 3 extract "$TMP/big.txt" && grep -q "16 MiB" "$TMP/err" || fail "over the limit: $(cat "$TMP/err")"
[ "$(wc -l <"$TMP/err")" -le 1 ] || fail "errors are one line: $(cat "$TMP/err")"
run 4 extract "$FIX/tripoli-depot.txt" -o /nonexistent-dir/out.geojson
[ ! -e /nonexistent-dir/out.geojson ] || fail "partial output file"
run 4 extract /nonexistent/report.txt
run 4 extract "$FIX/tripoli-depot.txt" --gazetteer /nonexistent/gz.gpkg
# stdin
run 0 extract - --date 2024-03-09 --format text <"$FIX/tripoli-depot.txt" &&
    grep -q "^incident 1: explosion" "$TMP/out" || fail "stdin"
# GeoJSON checker of the project, when present
VALIDATE=${INCMAP_SHARED_DIR:-/nonexistent}/tools/validate-geojson
if [ -x "$VALIDATE" ]; then
    for f in "$TMP"/*.geojson; do
        "$VALIDATE" "$f" >"$TMP/val" 2>&1 || fail "validate-geojson $(basename "$f"): $(tail -3 "$TMP/val")"
    done
fi

if [ "$failures" -gt 0 ]; then
    echo "$failures failure(s)" >&2
    exit 1
fi
echo "extract: all checks passed"

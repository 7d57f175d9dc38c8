#!/usr/bin/env bash
# Many reports in one run: `incmap extract` over several files, a directory and JSON Lines (with
# bad lines), the report property and ids unique across reports, RFC 8142 GeoJSON text sequences,
# -j 2 giving -j 1's bytes, and `incmap map --batch` (one map per report, --geojson, --force).
# Needs the real default gazetteer. Env (set by ctest): INCMAP_BIN, INCMAP_DEFAULT_GAZETTEER,
# INCMAP_FIXTURES, INCMAP_TEST_TMP, INCMAP_SHARED_DIR (optional: its GeoJSON validator).
set -u
BIN=${INCMAP_BIN:?INCMAP_BIN not set}
GZ=${INCMAP_DEFAULT_GAZETTEER:?INCMAP_DEFAULT_GAZETTEER not set}
FIX=${INCMAP_FIXTURES:?INCMAP_FIXTURES not set}/reports
HERE=$(cd "$(dirname "$0")" && pwd)
TMP=${INCMAP_TEST_TMP:-/tmp}/e2e-batch.$$
VALIDATE=${INCMAP_SHARED_DIR:-/nonexistent}/tools/validate-geojson
mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT
export INCMAP_GAZETTEER="$GZ"
if [ ! -f "${GZ%.gpkg}.idx" ]; then
    echo "FAIL: no default gazetteer at $GZ: build it with \`incmap gazetteer build\`" >&2
    exit 1
fi

# fail, run (stdout in $TMP/out, stderr in $TMP/err)
. "$(dirname "$0")/e2e_common.sh"

# py FILE CODE: runs CODE with the JSON of FILE as `d` and its features as `fs`.
py() {
    python3 - "$1" "$2" 2>"$TMP/pyerr" <<'PYEOF' || fail "$2: $(tail -3 "$TMP/pyerr")"
import json, sys
d = json.load(open(sys.argv[1]))
fs = d.get("features", [])
def order():  # the reports in the order their features come
    seen = []
    for f in fs:
        if not seen or seen[-1] != f["properties"]["report"]:
            seen.append(f["properties"]["report"])
    return seen
exec(sys.argv[2])
PYEOF
}

A=$FIX/kirkuk-two-incidents.txt
B=$FIX/brief-three-incidents.txt
C=$FIX/darfur-shelling.txt

# --- several files: one collection, report property, ids unique, totals ---------------------
for f in "$A" "$B"; do
    run 0 extract "$f" -o "$TMP/single-$(basename "$f").geojson"
done
if run 0 extract "$A" "$B" -o "$TMP/two.geojson"; then
    py "$TMP/two.geojson" "
a = json.load(open('$TMP/single-$(basename "$A").geojson'))
b = json.load(open('$TMP/single-$(basename "$B").geojson'))
assert d['type'] == 'FeatureCollection'
reports = [f['properties']['report'] for f in fs]
assert reports == ['$(basename "$A")'] * len(a['features']) + ['$(basename "$B")'] * len(b['features']), reports
ids = [f['id'] for f in fs]
assert len(set(ids)) == len(ids), 'ids repeat across reports'
assert ids == ['$(basename "$A"):' + f['id'] for f in a['features']] + ['$(basename "$B"):' + f['id'] for f in b['features']], ids
assert d['incmap']['incidents'] == a['incmap']['incidents'] + b['incmap']['incidents'], d['incmap']
assert d['incmap']['reports'] == 2
w, s, e, n = d['bbox']
for x in (a, b):
    assert w <= x['bbox'][0] and s <= x['bbox'][1] and e >= x['bbox'][2] and n >= x['bbox'][3], (d['bbox'], x['bbox'])
# incident numbers restart in each report: (report, incident) is the key
assert {f['properties']['incident'] for f in fs if f['properties']['report'] == '$(basename "$B")'} >= {1}
"
    # the single-report collection carries the report too (its file name)
    py "$TMP/single-$(basename "$A").geojson" "assert {f['properties']['report'] for f in fs} == {'$(basename "$A")'}"
    if [ -x "$VALIDATE" ]; then
        "$VALIDATE" --quiet "$TMP/two.geojson" >"$TMP/v" 2>&1 || fail "validate-geojson: $(head -5 "$TMP/v")"
    fi
    # render reads what a batch writes
    run 0 render "$TMP/two.geojson" -o "$TMP/two.png" --no-base
fi
# standard input as plain text has no report name
printf 'Rockets were fired from Zummar towards northeastern Syria.\n' | "$BIN" extract - >"$TMP/stdin.geojson" 2>/dev/null
py "$TMP/stdin.geojson" "assert fs and all(f['properties']['report'] is None for f in fs)"

# two files with one name would be one report twice
mkdir -p "$TMP/x" "$TMP/y"
cp "$A" "$TMP/x/r.txt"
cp "$B" "$TMP/y/r.txt"
run 2 extract "$TMP/x/r.txt" "$TMP/y/r.txt" && grep -q "report names must be unique" "$TMP/err" ||
    fail "two reports named r.txt: $(cat "$TMP/err")"

# --- a directory: its *.txt and *.jsonl, sorted; the rest skipped -----------------------------
D=$TMP/dir
mkdir -p "$D/sub"
cp "$C" "$D/c-report.txt"
cp "$A" "$D/a-report.txt"
cp "$B" "$D/B-report.txt"
cp "$A" "$D/.hidden.txt"
cp "$A" "$D/sub/nested.txt"
echo "not a report" >"$D/notes.md"
# alone, a directory is still the error it was, with a hint
run 4 extract "$D" && grep -q "it is a directory (add --batch" "$TMP/err" || fail "extract DIR without --batch: $(cat "$TMP/err")"
if run 0 extract --batch "$D" -o "$TMP/dir.geojson"; then
    py "$TMP/dir.geojson" "
assert order() == ['B-report.txt', 'a-report.txt', 'c-report.txt'], order()
"
    grep -q "skipped 2 directory entries" "$TMP/err" || fail "directory: no warning for notes.md and sub/: $(cat "$TMP/err")"
fi
mkdir -p "$TMP/empty"
run 2 extract --batch "$TMP/empty" && grep -q "has no report file" "$TMP/err" || fail "empty directory: $(cat "$TMP/err")"

# --- JSON Lines on standard input, with bad lines ---------------------------------------------
cat >"$TMP/in.jsonl" <<'EOF'
{"id": "north-1", "date": "2024-04-22", "text": "On Sunday two rockets were fired from Zummar towards northeastern Syria."}

this line is not JSON
{"id": "no-text"}
{"id": "east-2", "text": "Shelling hit the town of Erbil in Iraq; a drone later struck near Kirkuk."}
{"id": "bad-date", "date": "22/04/2024", "text": "A blast hit Mosul."}
["an", "array"]
{"id": 17, "text": "An explosion was heard in Mosul on 3 May 2024."}
{"id": "nul", "text": "a NUL \u0000 inside"}
{"id": "east-2", "text": "A second report under an id already used, about Basra."}
EOF
"$BIN" extract --batch - <"$TMP/in.jsonl" >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" = 3 ] || fail "JSON Lines with bad lines exited $rc, expected 3"
for want in "standard input:3: not a JSON object" "standard input:4: \"text\" is missing" \
    "standard input:6: \"date\" is not a date" "standard input:7: not a JSON object" \
    "standard input:9: NUL character" "standard input:10: report id 'east-2' repeats"; do
    grep -qF "incmap: extract: $want" "$TMP/err" || fail "JSON Lines: no error '$want' in: $(cat "$TMP/err")"
done
[ "$(grep -c '^incmap: extract: standard input:[0-9]*: ' "$TMP/err")" = 6 ] ||
    fail "JSON Lines: want exactly 6 line errors: $(cat "$TMP/err")"
py "$TMP/out" "
assert order() == ['north-1', 'east-2', '17'], order()
launch = [f for f in fs if f['properties']['role'] == 'launch' and f['properties']['report'] == 'north-1']
assert launch and launch[0]['properties']['date'] == '2024-04-21', launch  # its own date resolved Sunday
assert all(f['id'].startswith(f['properties']['report'] + ':') for f in fs)
"

# --- RFC 8142 GeoJSON text sequences ------------------------------------------------------------
if run 0 extract "$A" "$B" --format geojsonseq -o "$TMP/two.geojsonseq"; then
    python3 - "$TMP/two.geojsonseq" "$TMP/two.geojson" 2>"$TMP/pyerr" <<'PYEOF' || fail "geojsonseq: $(tail -3 "$TMP/pyerr")"
import json, sys
raw = open(sys.argv[1], "rb").read()
fc = json.load(open(sys.argv[2]))
assert raw.startswith(b"\x1e") and raw.endswith(b"\n"), "each record is RS ... LF"
recs = raw.split(b"\x1e")[1:]
assert all(r.endswith(b"\n") and r.count(b"\n") == 1 for r in recs), "one line a record"
feats = [json.loads(r) for r in recs]
assert all(f["type"] == "Feature" for f in feats)
assert feats == fc["features"], "the sequence holds the collection's features"
PYEOF
    if command -v ogrinfo >/dev/null 2>&1; then
        n=$(ogrinfo -ro -al -so "GeoJSONSeq:$TMP/two.geojsonseq" 2>/dev/null | sed -n 's/^Feature Count: //p' | awk '{s += $1} END {print s + 0}')
        [ "$n" -gt 0 ] || fail "ogrinfo cannot read the GeoJSON sequence"
    fi
fi
run 0 extract "$A" --format geojsonseq && [ "$(head -c1 "$TMP/out" | od -An -c | tr -d ' ')" = 036 ] ||
    fail "single report --format geojsonseq does not start with RS"

# --- -j 2 writes -j 1's bytes ------------------------------------------------------------------
python3 "$HERE/../bench/batch-reports.py" 300 5 >"$TMP/many.jsonl"
for j in 1 2; do
    for fmt in geojson geojsonseq text json; do
        "$BIN" extract "$TMP/many.jsonl" -j $j --format $fmt -o "$TMP/many-$j.$fmt" 2>"$TMP/err-$j-$fmt" ||
            fail "extract many.jsonl -j $j --format $fmt: $(head -3 "$TMP/err-$j-$fmt")"
    done
done
for fmt in geojson geojsonseq text json; do
    cmp -s "$TMP/many-1.$fmt" "$TMP/many-2.$fmt" || fail "-j 2 --format $fmt differs from -j 1"
    cmp -s "$TMP/err-1-$fmt" "$TMP/err-2-$fmt" || fail "-j 2 --format $fmt: messages differ from -j 1"
done
py "$TMP/many-1.geojson" "assert d['incmap']['reports'] == 300 and len({f['id'] for f in fs}) == len(fs)"
run 2 extract "$A" "$B" -j x && grep -q "number of threads" "$TMP/err" || fail "-j x: $(cat "$TMP/err")"

# --- map --batch ---------------------------------------------------------------------------------
cat >"$TMP/maps.jsonl" <<'EOF'
{"id": "zummar", "date": "2024-04-22", "text": "On Sunday two rockets were fired from Zummar towards northeastern Syria."}
{"id": "nowhere", "text": "Nothing in this line names a place at all."}
{"id": "erbil", "text": "Shelling hit the town of Erbil in Iraq."}
EOF
O=$TMP/maps
run 1 map --batch "$TMP/maps.jsonl" -o "$O" --geojson "$O" --size 400x300 &&
    grep -q "maps.jsonl:2: no place found" "$TMP/err" || fail "map --batch: no error for the report without a place: $(cat "$TMP/err")"
[ "$(cd "$O" 2>/dev/null && ls | tr '\n' ' ')" = "erbil.geojson erbil.png zummar.geojson zummar.png " ] ||
    fail "map --batch wrote: $(ls "$O" 2>&1 | tr '\n' ' ')"
file "$O/zummar.png" 2>/dev/null | grep -q "PNG image data, 400 x 300" || fail "zummar.png is not a 400x300 PNG"
py "$O/zummar.geojson" "assert {f['properties']['report'] for f in fs} == {'zummar'}"
cp "$O/erbil.png" "$TMP/erbil.before"
run 4 map --batch "$TMP/maps.jsonl" -o "$O" --size 400x300 && grep -q "erbil.png exists (use --force" "$TMP/err" ||
    fail "map --batch over existing maps: $(cat "$TMP/err")"
cmp -s "$O/erbil.png" "$TMP/erbil.before" || fail "map --batch without --force changed erbil.png"
run 1 map --batch "$TMP/maps.jsonl" -o "$O" --size 400x300 --force -j 2
"$BIN" map --batch - -o "$TMP/stdinmaps" --size 400x300 <"$TMP/maps.jsonl" 2>/dev/null
[ "$(cd "$TMP/stdinmaps" 2>/dev/null && ls | tr '\n' ' ')" = "erbil.png zummar.png " ] ||
    fail "map --batch - (JSON Lines on stdin) wrote: $(ls "$TMP/stdinmaps" 2>&1 | tr '\n' ' ')"
# a directory of reports: maps named after the files, without .txt
run 0 map --batch "$D" -o "$TMP/dirmaps" --format svg --size 400x300 &&
    [ "$(cd "$TMP/dirmaps" && ls | tr '\n' ' ')" = "B-report.svg a-report.svg c-report.svg " ] ||
    fail "map --batch DIR wrote: $(ls "$TMP/dirmaps" 2>&1 | tr '\n' ' ')"
run 2 map --batch "$D" && grep -q "missing -o OUTDIR" "$TMP/err" || fail "map --batch without -o: $(cat "$TMP/err")"
touch "$TMP/afile"
run 4 map --batch "$D" -o "$TMP/afile" && grep -q "is not a directory" "$TMP/err" || fail "map --batch -o FILE: $(cat "$TMP/err")"

if [ "$failures" -gt 0 ]; then
    echo "$failures failure(s)" >&2
    exit 1
fi
echo "batch: all passed"

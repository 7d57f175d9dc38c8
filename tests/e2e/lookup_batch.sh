#!/usr/bin/env bash
# `incmap lookup` for many names and for a point, on the fixture gazetteer (no downloaded data):
# names from stdin, --input and a CSV column (RFC 4180 quoting, CRLF, BOM), the four batch
# formats, rows written for names not found with exit 1, memory flat in the number of lines, the
# errors of malformed CSV and bad --at values, and reverse geocoding (--at) on land and at sea.
# Env (set by ctest): INCMAP_BIN, INCMAP_TEST_GAZETTEER, INCMAP_TEST_TMP.
set -u
BIN=${INCMAP_BIN:?INCMAP_BIN not set}
export INCMAP_GAZETTEER=${INCMAP_TEST_GAZETTEER:?INCMAP_TEST_GAZETTEER not set (the fixture gazetteer)}
TMP=${INCMAP_TEST_TMP:-/tmp}/e2e-lookup-batch.$$
mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT

. "$(dirname "$0")/e2e_common.sh"

# py CODE: runs CODE with `out` (stdout of the last run, text) and fails with its message.
py() {
    python3 - "$TMP/out" "$1" <<'EOF' 2>"$TMP/pyerr" || fail "$(tail -1 "$TMP/pyerr")"
import csv, io, json, sys
out = open(sys.argv[1], encoding="utf-8", newline="").read()
exec(sys.argv[2])
EOF
}

# --- names, one a line, from stdin and from a file ---
printf 'Zummar\n\n  \nMosul\r\nBasra\n' >"$TMP/names.txt"
run 0 lookup - <"$TMP/names.txt" && py '
rows = list(csv.DictReader(io.StringIO(out)))
assert [r["query"] for r in rows] == ["Zummar", "Mosul", "Basra"], "rows %r" % [r["query"] for r in rows]
assert list(rows[0]) == ["query", "lon", "lat", "name", "country", "admin1", "kind", "gazetteer_id", "score"]
assert rows[1]["name"] == "Mosul" and rows[1]["country"] == "IQ" and abs(float(rows[1]["lat"]) - 36.335) < 0.01
assert all(r["gazetteer_id"] and 0 < float(r["score"]) <= 1 for r in rows)'
cp "$TMP/out" "$TMP/stdin.csv"
run 0 lookup --input "$TMP/names.txt" && cmp -s "$TMP/out" "$TMP/stdin.csv" ||
    fail "--input FILE and stdin differ"

# a name not found still has its row, with empty columns; exit 1 says some were missing
printf 'Zummar\nQqqqqqqxq\nErbil\n' | run 1 lookup - && py '
rows = list(csv.DictReader(io.StringIO(out)))
assert len(rows) == 3, "%d rows" % len(rows)
assert rows[1]["query"] == "Qqqqqqqxq" and rows[1]["lon"] == "" and rows[1]["gazetteer_id"] == ""
assert rows[2]["name"] == "Erbil"'
grep -q "1 of 3 names not found" "$TMP/err" || fail "no count of the names not found: $(cat "$TMP/err")"

# --- a CSV column: quoting, commas, quotes and a newline inside fields, CRLF, a BOM ---
printf '\xef\xbb\xbfid,town,note\r\n1,Zummar,"rockets, from ""here"""\r\n2,"Tal Afar","two\r\nlines"\r\n3,,empty\r\n4,Kirkuk,\r\n' >"$TMP/in.csv"
for col in town 2; do
    run 1 lookup --csv "$TMP/in.csv" --column "$col" && py '
rows = list(csv.DictReader(io.StringIO(out)))
assert list(rows[0])[:3] == ["id", "town", "note"], list(rows[0])
assert [r["id"] for r in rows] == ["1", "2", "3", "4"]
assert rows[0]["note"] == "rockets, from \"here\"" and rows[1]["note"] == "two\r\nlines", rows[1]["note"]
assert rows[0]["name"] == "Zummar" and rows[1]["country"] == "IQ" and rows[3]["name"] == "Kirkuk"
assert rows[2]["lon"] == "" and rows[2]["name"] == ""'
done
# an input column named like one of ours keeps its name; ours becomes incmap_<name>
printf 'name,country\nMosul,somewhere\n' >"$TMP/clash.csv"
run 0 lookup --csv "$TMP/clash.csv" --column name --format jsonl && py '
d = json.loads(out)
assert d["name"] == "Mosul" and d["country"] == "somewhere" and d["incmap_country"] == "IQ", d'

# --- the batch formats ---
run 1 lookup --csv "$TMP/in.csv" --column town --format json && py '
d = json.loads(out)
assert len(d) == 4 and d[0]["town"] == "Zummar" and d[0]["country"] == "IQ" and d[2]["lon"] is None'
run 1 lookup --csv "$TMP/in.csv" --column town --format jsonl && py '
lines = out.splitlines()
assert len(lines) == 4, len(lines)
assert [json.loads(l)["id"] for l in lines] == ["1", "2", "3", "4"]'
run 1 lookup --csv "$TMP/in.csv" --column town --format geojson && py '
fc = json.loads(out)
assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 4
f = fc["features"][0]
assert f["geometry"]["type"] == "Point" and abs(f["geometry"]["coordinates"][1] - 36.65) < 0.1
assert fc["features"][2]["geometry"] is None and fc["features"][2]["properties"]["town"] == ""'
: | run 0 lookup - --format json && py 'assert json.loads(out) == []'

# --- streaming: peak memory does not grow with the number of lines ---
rss() { # peak RSS in KB of a lookup of N names
    yes Mosul | head -n "$1" >"$TMP/many.txt"
    python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$BIN" lookup --input "$TMP/many.txt"
}
# (not under AddressSanitizer, whose quarantine of freed blocks grows with any allocation)
if nm "$BIN" 2>/dev/null | grep -q ' __asan_init' || ldd "$BIN" 2>/dev/null | grep -q libasan; then
    echo "lookup_batch: the memory check is skipped under AddressSanitizer"
else
    small=$(rss 2000)
    large=$(rss 100000)
    [ "$large" -lt $((small + 4096)) ] ||
        fail "peak RSS grows with the input: $small KB for 2,000 names, $large KB for 100,000"
fi

# --- errors: the line of malformed CSV (exit 3), a missing column (exit 2) ---
printf 'a,b\n1,x\n2,"never closed\n3,y\n' >"$TMP/open.csv"
run 3 lookup --csv "$TMP/open.csv" --column b && grep -q "line 3: a quoted field is never closed" "$TMP/err" ||
    fail "unterminated quote: $(cat "$TMP/err")"
printf 'a,b\n1,x\n2,x"y\n' >"$TMP/stray.csv"
run 3 lookup --csv "$TMP/stray.csv" --column b && grep -q "line 3: malformed CSV" "$TMP/err" ||
    fail "stray quote: $(cat "$TMP/err")"
printf 'a,b\n1,Mosul,extra\n' >"$TMP/ragged.csv"
run 3 lookup --csv "$TMP/ragged.csv" --column b && grep -q "line 2 has 3 fields" "$TMP/err" ||
    fail "ragged row: $(cat "$TMP/err")"
printf 'Mosul\nMos\377ul\n' | run 3 lookup - && grep -q "stdin: line 2: not valid UTF-8" "$TMP/err" ||
    fail "invalid UTF-8 line: $(cat "$TMP/err")"
run 2 lookup --csv "$TMP/in.csv" --column place && grep -q "'place' is not a column of .*id, town, note" "$TMP/err" ||
    fail "missing column: $(cat "$TMP/err")"
run 2 lookup --csv "$TMP/in.csv" --column 9 || fail "column 9 of 3"
run 2 lookup --csv "$TMP/in.csv" || fail "--csv without --column"
run 2 lookup - --format text </dev/null || fail "--format text for a batch"
run 2 lookup - --limit 3 </dev/null || fail "--limit for a batch"
run 4 lookup --input "$TMP/absent.txt" && grep -q "cannot open" "$TMP/err" || fail "missing input"

# --- reverse geocoding ---
run 0 lookup --at 42.60,36.65 --limit 3 --format json && py '
d = json.loads(out)
assert d["country"]["country"] == "IQ" and d["admin1"]["id"] == "ne_admin1:IRQ-IZ15", d["admin1"]
assert d["at_sea"] is False and d["nearest_country"]["distance_km"] == 0
n = d["nearest"]
assert len(n) == 3 and n[0]["name"] == "Zummar" and 1 < n[0]["distance_km"] < 3, n[0]
assert n[0]["distance_km"] <= n[1]["distance_km"] <= n[2]["distance_km"]'
run 0 lookup --at 34.4,33.9 --format json && py '
d = json.loads(out)
assert d["at_sea"] is True and d["country"] is None and d["admin1"] is None
assert d["nearest_country"]["country"] == "LB" and 90 < d["nearest_country"]["distance_km"] < 115'
run 0 lookup --at 34.4,33.9 && grep -q "at sea; nearest country Lebanon (LB)" "$TMP/out" ||
    fail "text at sea: $(cat "$TMP/out")"
run 0 lookup --at 44.0092,36.1912 --limit 2 && grep -q "Iraq (IQ), Arbil" "$TMP/out" ||
    fail "text in Erbil: $(cat "$TMP/out")"
run 0 lookup --at 42.60,36.65 --kind site --format geojson && py '
fc = json.loads(out)
rel = [f["properties"]["relation"] for f in fc["features"]]
assert rel[:3] == ["query", "admin1", "country"], rel
assert all(f["properties"]["kind"] == "site" for f in fc["features"] if f["properties"]["relation"] == "nearest")
assert fc["features"][2]["geometry"]["type"] in ("Polygon", "MultiPolygon")'
for v in abc,1 0x10,5 nan,5 5,inf 181,0 0,-90.5 1e400,0 42.6 1,2,3 ,5; do
    run 2 lookup --at "$v" && grep -qF -- "--at '$v'" "$TMP/err" || fail "--at $v: $(cat "$TMP/err")"
done
run 2 lookup --at 42.6,36.65 --kind country || fail "--at with --kind country"
run 2 lookup Mosul --at 42.6,36.65 || fail "a name and --at together"

finish lookup_batch

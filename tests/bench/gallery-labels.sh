#!/usr/bin/env bash
# How many place labels on the gallery maps are written with non-ASCII letters (GeoNames
# romanisations such as Ḩamāh, Sāmarrā'), against all place labels: maps every report of
# ../shared/benchmarks/incidents/ and maps/example-report.txt as SVG (whose text is live) at
# 1600x1200 and counts the <text> elements of the "labels" and "place-labels" layers.
# Not run by ctest (it needs ../shared). usage: tests/bench/gallery-labels.sh [INCMAP] [GAZETTEER]
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "$HERE/../.." && pwd)
INCMAP=${1:-$SRC/build/incmap}
GZ=${2:-}
BENCH=$SRC/../shared/benchmarks/incidents
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
reports=("$SRC/maps/example-report.txt")
[ -d "$BENCH" ] && reports+=("$BENCH"/*.txt)
for rep in "${reports[@]}"; do
    name=$(basename "$rep" .txt)
    date=2024-04-22
    meta=${rep%.txt}.json
    if [ -r "$meta" ]; then
        d=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("publication_date") or "")' "$meta" 2>/dev/null)
        [ -n "$d" ] && date=$d
    fi
    "$INCMAP" map "$rep" --date "$date" -o "$OUT/$name.svg" ${GZ:+--gazetteer "$GZ"} 2>/dev/null
done
python3 - "$OUT" <<'PY'
import glob, html, re, sys, unicodedata
total = odd = 0
names = {}
for path in sorted(glob.glob(sys.argv[1] + "/*.svg")):
    svg = open(path, encoding="utf-8").read()
    a, b = svg.find('<g id="labels">'), svg.find('<g id="furniture">')
    if a >= 0 and b > a:  # the labels and place-labels layers lie between these two
        for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg[a:b]):
            total += 1
            t = html.unescape(t)
            if any(ord(c) > 127 and unicodedata.category(c).startswith("L") for c in t):
                odd += 1
                names[t] = names.get(t, 0) + 1
print(f"{odd} of {total} place labels have non-ASCII letters ({len(glob.glob(sys.argv[1] + '/*.svg'))} maps)")
print("most frequent:", ", ".join(f"{k} ({v})" for k, v in sorted(names.items(), key=lambda kv: -kv[1])[:12]))
PY

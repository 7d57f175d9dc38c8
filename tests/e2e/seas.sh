#!/usr/bin/env bash
# Oceans, seas and gulfs are areas of water (gazetteer/seas.tsv, cut by the land at build time): a
# sea named in a report is a precision-3 polygon that holds points out at sea and none of the towns
# on the land around it, islands included; the label point the renderer uses stays in the `places`
# layer. A sea outranks a province named after it (the Red Sea, not Sudan's Red Sea state). Runs on
# the default gazetteer.
set -u
BIN=${INCMAP_BIN:?INCMAP_BIN not set}
GZ=${INCMAP_DEFAULT_GAZETTEER:?INCMAP_DEFAULT_GAZETTEER not set}
TMP=${INCMAP_TEST_TMP:-/tmp}/e2e-seas-$$
mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT
. "$(dirname "$0")/e2e_common.sh"

[ -r "$GZ" ] || { echo "FAIL: no gazetteer at $GZ (build it: incmap gazetteer build)"; exit 1; }

# NAME|SENTENCE|lon,lat at sea ...|lon,lat on land ...: towns a few km from the shore and on islands
# (Cyprus, Sri Lanka, Ireland); for an ocean towns further inland, as a mention's outline is
# simplified to 1/400 of its extent (about 50 km for an ocean) for output
cases=(
    "Mediterranean Sea|A cargo ship reported engine trouble in the Mediterranean Sea overnight.|20,35 5,40 25,38.5 33,34|12.5,41.9 23.73,37.98 31.24,30.04 33.36,35.17 10.1,36.75"
    "Red Sea|Houthi forces fired two missiles at a tanker in the Red Sea.|38,22 40,18 36,24 41.5,16|39.83,21.42 38.93,15.33 32.64,25.69 36.33,19.1"
    "Black Sea|Naval drones were seen over the Black Sea before dawn.|35,44 31,43 39,42.5|34.1,44.95 30.6,46.7 37.62,55.75"
    "Persian Gulf|A tanker was seized in the Persian Gulf on Tuesday.|52,26 50,28 51,27|46.72,24.69 50.58,26.2 51.42,35.69"
    "North Sea|Wind farms in the North Sea were shut down in the storm.|3,56 2,53 5,58|-0.13,51.51 4.9,52.37 9.99,53.55"
    "Atlantic Ocean|A fishing boat sank in the Atlantic Ocean far from any port.|-25,0 -40,40 -30,-30 -50,60|-3.7,40.42 -7.91,38.57 -77.04,38.9 -7.94,53.42"
    "Indian Ocean|The survey vessel crossed the Indian Ocean last month.|70,-10 80,-20 90,15|80.63,7.29 77.59,12.97 47.52,-18.91"
)
n=0
for c in "${cases[@]}"; do
    IFS='|' read -r name text sea land <<<"$c"
    printf '%s\n' "$text" >"$TMP/report.txt"
    run 0 extract "$TMP/report.txt" --gazetteer "$GZ" || continue
    PYTHONPATH="$(dirname "$0")" python3 - "$TMP/out" "$name" "$sea" "$land" <<'PYEOF' || fail "$name: $(cat "$TMP/pyerr")"
import json, sys
from geo_inside import inside
out, name, sea, land = sys.argv[1:]
feats = [f for f in json.load(open(out))["features"] if f["properties"].get("name") == name]
def pts(s):
    return [tuple(map(float, p.split(","))) for p in s.split()]
msg = []
if len(feats) != 1:
    msg.append(f"{len(feats)} features named {name}")
else:
    g, p = feats[0]["geometry"], feats[0]["properties"]
    if g["type"] not in ("Polygon", "MultiPolygon"):
        msg.append(f"a {g['type']}, not an area")
    else:
        msg += [f"{q} at sea is outside" for q in pts(sea) if not inside(g, q[1], q[0])]
        msg += [f"{q} on land is inside" for q in pts(land) if inside(g, q[1], q[0])]
    if p.get("precision") != 3:
        msg.append(f"precision {p.get('precision')}")
if msg:
    open(out.rsplit("/", 1)[0] + "/pyerr", "w").write("; ".join(msg))
    sys.exit(1)
PYEOF
    n=$((n + 1))
done

finish seas "$n seas"

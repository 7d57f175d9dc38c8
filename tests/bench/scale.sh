#!/usr/bin/env bash
# The largest inputs through the renderer (issue 14), timed against the bounds in the README's
# performance table: a GeoJSON of 480,000 point mentions (61 MB, under the 64 MiB limit) through
# `incmap render`; reports naming 120,000 places (3.2 MB) and as many as fit in the 16 MiB limit
# through `incmap map`. Prints CPU and wall seconds and peak memory per case, and whether both
# are within their bounds. Before the feature index and the label grid (render_index.c,
# render_draw.c) the first never finished (killed after 300 s), the second took 115 s; before the
# streaming GeoJSON writer, the label shortcuts and the cached resolve scores, the second took
# 12 s and 830 MB, the 16 MiB report 77 s and 4.7 GB.
# usage: tests/bench/scale.sh [BUILD_DIR] [16m]   (16m: also the 16 MiB report: minutes, GBs)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "$HERE/../.." && pwd)
BUILD=$(cd "${1:-$SRC/build}" && pwd)
BIN=$BUILD/incmap
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

python3 - "$TMP" <<'PY'
import random, sys
tmp = sys.argv[1]
random.seed(1)
with open(tmp + "/m480k.geojson", "w") as f:
    f.write('{"type":"FeatureCollection","features":[\n')
    for i in range(480000):
        f.write('%s{"type":"Feature","geometry":{"type":"Point","coordinates":[%.3f,%.3f]},'
                '"properties":{"role":"mention","name":"P%d"}}\n'
                % ("," if i else "", 35 + random.random() * 10, 30 + random.random() * 8, i))
    f.write("]}\n")
names = ("Baghdad Basra Mosul Erbil Kirkuk Najaf Karbala Ramadi Fallujah Samarra Tikrit Aleppo "
         "Damascus Homs Hama Latakia Raqqa Idlib Beirut Tripoli Sidon Tyre Amman Zarqa Irbid "
         "Aqaba Tehran Tabriz Shiraz Isfahan Mashhad Ankara Istanbul Izmir Adana Gaziantep Cairo "
         "Alexandria Giza Luxor Aswan Riyadh Jeddah Mecca Medina Dammam Kuwait Doha Manama "
         "Muscat Sanaa Aden Taiz").split()
def report(path, limit):
    out, size, k = [], 0, 0
    while True:
        a, b, c = random.sample(names, 3)
        s = "Clashes were reported in %s, %s and %s on Monday. " % (a, b, c)
        if (limit and size + len(s) > limit) or (not limit and k >= 120000):
            break
        out.append(s); size += len(s); k += 3
        if len(out) % 5 == 0:
            out.append("\n\n"); size += 2
    open(path, "w").write("".join(out))
report(tmp + "/r120k.txt", 0)
report(tmp + "/r16m.txt", 16 * 1024 * 1024 - 64)
PY

# run NAME BOUND_CPU_S BOUND_MB COMMAND...: prints the figures and the verdict
run() {
    local name=$1 bound=$2 mbound=$3
    shift 3
    local t0 t1
    t0=$(date +%s.%N)
    /usr/bin/time -f "%U %S %M" -o "$TMP/time" "$@" >/dev/null 2>"$TMP/err" ||
        { echo "$name: FAILED: $(head -c 300 "$TMP/err")"; return; }
    t1=$(date +%s.%N)
    read -r u s kb <"$TMP/time"
    awk -v n="$name" -v u="$u" -v s="$s" -v w="$(echo "$t1 - $t0" | bc)" -v kb="$kb" -v b="$bound" \
        -v mb="$mbound" 'BEGIN { c = u + s; m = kb / 1024
            printf "%-44s %7.1f s CPU %7.1f s wall %6.0f MB peak  bounds %s s CPU, %s MB: %s\n",
                   n, c, w, m, b, mb, (c <= b && m <= mb ? "ok" : "OVER") }'
}

cd "$TMP"
run "render: 480,000 mentions (61 MB GeoJSON)" 30 1200 "$BIN" render m480k.geojson --no-base -o a.png
run "map: 2.4 MB report, 120,000 places" 12 400 "$BIN" map r120k.txt --date 2024-04-22 -o b.png \
    --geojson b.geojson
if [ "${2:-}" = 16m ]; then
    run "map: 16 MiB report, ~600,000 places" 40 1500 "$BIN" map r16m.txt --date 2024-04-22 -o c.png \
        --geojson c.geojson
fi

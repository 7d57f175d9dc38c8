#!/usr/bin/env bash
# Benchmark (not a test): `incmap lookup NAME` as a whole process, the way a user runs it.
# usage: tests/bench/lookup-process.sh [INCMAP_BIN] [RUNS]
# Prints the median and 90th-percentile wall time over RUNS runs (default 50) of /bin/true (the
# floor: starting any process), then of lookups of a few names,
# a "nothing found" lookup (which also computes suggestions), reverse geocoding (--at, which
# builds its in-memory grids and loads PROJ on the way), and the peak RSS of one run; then a
# batch: 100,000 names (a mix found and not) through `incmap lookup --input` as CSV and JSON
# Lines, in names/s and peak RSS.
# Gazetteer: $INCMAP_GAZETTEER, else the binary's built-in default.
set -eu
BIN=${1:-build/incmap}
RUNS=${2:-50}
[ -x "$BIN" ] || { echo "usage: $0 [path/to/incmap] [runs]" >&2; exit 2; }
"$BIN" lookup Mosul >/dev/null # fails early (and loudly) when there is no gazetteer; warms the cache

python3 - "$BIN" "$RUNS" <<'EOF'
import statistics, subprocess, sys, time
bin_, runs = sys.argv[1], int(sys.argv[2])
cases = [["Mosul"], ["Tripoli"], ["Babylon province"], ["al Ḩasakah"], ["Syria", "--format", "geojson"],
         ["Zumarx"], ["Qqqqqqqqqq"], ["--at", "42.585,36.639"], ["--at", "-30,30"]]
# the first row is the cost of starting any process here (and of timing it from python)
for args in [None] + cases:
    cmd = ["/bin/true"] if args is None else [bin_, "lookup", *args]
    args = args or ["(/bin/true: process start)"]
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    print("%-32s median %6.2f ms   p90 %6.2f ms" % (" ".join(args), statistics.median(times),
                                                     times[int(len(times) * 0.9) - 1]))
EOF
if [ -x /usr/bin/time ]; then
    for args in "Mosul" "Syria --format geojson" "Qqqqqqqqqq" "--at 42.585,36.639"; do
        # shellcheck disable=SC2086
        rss=$(/usr/bin/time -f %M "$BIN" lookup $args 2>&1 >/dev/null | tail -1)
        printf '%-32s peak RSS %6.1f MB\n' "$args" "$(echo "$rss / 1024" | bc -l)"
    done
fi

names=$(mktemp)
trap 'rm -f "$names"' EXIT
python3 - "$names" <<'EOF'
import sys
mix = ["Mosul", "Tripoli", "Babylon province", "al Hasakah", "Zumar", "Deir ez-Zor", "Qqqqqqq",
       "Erbil", "Sinjar", "Tal Afar"]
with open(sys.argv[1], "w") as f:
    for i in range(100000):
        f.write(mix[i % len(mix)] + "\n")
EOF
for fmt in csv jsonl; do
    python3 - "$BIN" "$names" "$fmt" <<'EOF'
import resource, subprocess, sys, time
t0 = time.perf_counter()
subprocess.run([sys.argv[1], "lookup", "--input", sys.argv[2], "--format", sys.argv[3]],
               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
dt = time.perf_counter() - t0
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print("batch of 100000 names, %-5s  %8.0f names/s   peak RSS %6.1f MB" % (sys.argv[3], 100000 / dt, rss))
EOF
done

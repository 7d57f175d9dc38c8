#!/usr/bin/env bash
# Benchmark (not a test): `incmap lookup NAME` as a whole process, the way a user runs it.
# usage: tests/bench/lookup-process.sh [INCMAP_BIN] [RUNS]
# Prints the median and 90th-percentile wall time over RUNS runs (default 50) of /bin/true (the
# floor: starting any process), then of lookups of a few names,
# a "nothing found" lookup (which also computes suggestions), and the peak RSS of one run.
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
         ["Zumarx"], ["Qqqqqqqqqq"]]
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
    for args in "Mosul" "Syria --format geojson" "Qqqqqqqqqq"; do
        # shellcheck disable=SC2086
        rss=$(/usr/bin/time -f %M "$BIN" lookup $args 2>&1 >/dev/null | tail -1)
        printf '%-32s peak RSS %6.1f MB\n' "$args" "$(echo "$rss / 1024" | bc -l)"
    done
fi

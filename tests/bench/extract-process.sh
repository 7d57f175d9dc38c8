#!/usr/bin/env bash
# Whole-process wall time of `incmap extract` on one report (target: median under 30 ms).
# usage: extract-process.sh [INCMAP_BIN] [REPORT] [RUNS]
# Prints the median and min/max over RUNS runs for: a report whose incident needs a distance
# (PROJ is loaded), the same with --no-mentions, and a report without launch/target pairs (PROJ not
# loaded). The gazetteer comes from $INCMAP_GAZETTEER or the build default.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
BIN=${1:-$here/../../build/incmap}
REPORT=${2:-$here/../fixtures/reports/lebanon-israel-rockets.txt}
RUNS=${3:-31}
NOPROJ=$here/../fixtures/reports/tripoli-depot.txt

measure() {
    python3 - "$RUNS" "$@" <<'PYEOF'
import statistics, subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # warm the page cache
ts = []
for _ in range(runs):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ts.append((time.perf_counter() - t) * 1000)
print("%-60s median %6.1f ms  min %6.1f  max %6.1f  (%d runs)" % (
    " ".join(a.rsplit("/", 1)[-1] for a in cmd[1:])[:60], statistics.median(ts), min(ts), max(ts), runs))
PYEOF
}

measure "$BIN" extract "$REPORT" --date 2024-03-09
measure "$BIN" extract "$REPORT" --date 2024-03-09 --no-mentions
measure "$BIN" extract "$NOPROJ" --date 2024-03-09
measure "$BIN" extract --format text "$NOPROJ"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (other processes inflate these figures)"

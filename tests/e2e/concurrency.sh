#!/usr/bin/env bash
# Issue 14, concurrency: 50 parallel writers to one new path without --force (exactly one
# succeeds, the others exit 4 with one line, no temporary file is left), 50 with --force (all
# succeed, the file is one complete result), readers during writes (every snapshot of the path is
# a complete, valid file equal to the serial result), and 50 parallel extracts identical to a
# serial one. The 50 processes start together and run on however many cores there are.
. "$(dirname "$0")/lib_hostile.sh"
hneed_gazetteer || exit 1
D=$HTMP/in
mkdir -p "$D"
REP=$HFIX/reports/kirkuk-two-incidents.txt
N=50
# the serial results: to stdout, and to a file (written with a line per feature)
"$HBIN" extract "$REP" >"$D/serial.geojson" || { echo "FAIL: serial extract" >&2; exit 1; }
"$HBIN" extract "$REP" -o "$D/serial-file.geojson" || { echo "FAIL: serial extract -o" >&2; exit 1; }

# Starts N copies of "$@" at once in DIR; each writes its exit status and stderr to DIR/rc.I and
# DIR/err.I. The copies wait on a FIFO, so that they really race for the path.
race() {
    local dir=$1
    shift
    mkdir -p "$dir"
    mkfifo "$dir/go"
    for i in $(seq 1 $N); do
        (
            cd "$dir" || exit 97
            read -r _ <go
            "$@" 2>"err.$i"
            echo $? >"rc.$i"
        ) &
    done
    sleep 0.2
    # one line per reader: each copy reads one, then all are released together
    for _ in $(seq 1 $N); do echo go; done >"$dir/go"
    wait
    rm -f "$dir/go"
}

# Exits tallied as "CODE COUNT" lines.
tally() {
    cat "$1"/rc.* | sort | uniq -c | awk '{print $2, $1}' | tr '\n' ' '
}

leftovers() { # temporary files left in DIR
    ls -A "$1" | grep -c '^\.' || true
}

# --- 50 writers, no --force: exactly one wins ---
W=$HTMP/noforce
race "$W" "$HBIN" extract "$REP" -o same.geojson
hassert race_noforce_one_succeeds test "$(tally "$W")" = "0 1 4 $((N - 1)) "
echo "     exits: $(tally "$W")"
hassert race_noforce_losers_one_line bash -c '
for f in "$1"/err.*; do
    n=$(wc -l <"$f")
    if grep -q . "$f"; then
        [ "$n" = 1 ] && grep -qE "^incmap: extract: .*same.geojson.*exists" "$f" || { cat "$f"; exit 1; }
    fi
done' _ "$W"
hassert race_noforce_file_complete cmp -s "$W/same.geojson" "$D/serial-file.geojson"
hassert race_noforce_no_temporary_files test "$(leftovers "$W")" = 0

# --- 50 writers with --force: all succeed, and the file is one complete result ---
W=$HTMP/force
race "$W" "$HBIN" extract "$REP" -o same.geojson --force
hassert race_force_all_succeed test "$(tally "$W")" = "0 $N "
hassert race_force_file_complete cmp -s "$W/same.geojson" "$D/serial-file.geojson"
hassert race_force_no_temporary_files test "$(leftovers "$W")" = 0

# --- readers during writes: every snapshot is the whole file, never a partial one ---
W=$HTMP/readers
mkdir -p "$W"
cp "$D/serial-file.geojson" "$W/same.geojson"
(
    cd "$W" || exit 97
    for _ in $(seq 1 6); do
        for _ in $(seq 1 10); do "$HBIN" extract "$REP" -o same.geojson --force & done
        wait
    done
) &
writers=$!
snapshots=0
partial=0
while kill -0 "$writers" 2>/dev/null; do
    cmp -s "$W/same.geojson" "$D/serial-file.geojson" || partial=$((partial + 1))
    snapshots=$((snapshots + 1))
done
wait "$writers"
echo "     $snapshots snapshots read during 60 writes, $partial not the complete file"
hassert readers_see_complete_files test "$partial" = 0
hassert readers_read_during_writes test "$snapshots" -gt 10
hassert readers_no_temporary_files test "$(leftovers "$W")" = 0

# --- 50 parallel extracts to stdout: all identical to the serial one ---
W=$HTMP/stdout
race "$W" sh -c "\"$HBIN\" extract \"$REP\" >\"out.\$\$\""
hassert parallel_extracts_succeed test "$(tally "$W")" = "0 $N "
hassert parallel_extracts_identical bash -c '
n=0
for f in "$1"/out.*; do cmp -s "$f" "$2" || exit 1; n=$((n + 1)); done
[ "$n" = "$3" ]' _ "$W" "$D/serial.geojson" "$N"

hostile_done

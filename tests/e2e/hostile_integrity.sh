#!/usr/bin/env bash
# Issue 14, files and the index: a gazetteer index with flipped bytes (caught: exit 4 "is
# corrupt", or never read: the intact answer), one from an older incmap, one truncated while
# extract reads it (SIGBUS: exit 4, one line), a 250-byte output name, `map` with -o and
# --geojson naming one file, `gazetteer build` over an existing gazetteer, render to /dev/stdout,
# and signals during a render or a gazetteer build (the temporary file is removed).
. "$(dirname "$0")/lib_hostile.sh"
hneed_gazetteer || exit 1
D=$HTMP/in
mkdir -p "$D"
IDX=${HGZ%.gpkg}.idx
REP=$HFIX/reports/kirkuk-two-incidents.txt
EX=$HFIX/render/example.geojson

# --- flipped bytes: every one is caught (exit 4, "is corrupt") or lies where nothing reads ---
# A copy of the index, damaged one byte at a time and restored (python drives the 340 runs).
cp "$IDX" "$D/flip.idx"
python3 - "$HBIN" "$D/flip.idx" "$REP" >"$D/flip.log" 2>&1 <<'PY'
import random, struct, subprocess, sys
bin_, idx, rep = sys.argv[1:4]
data = open(idx, "rb").read()
# header: magic, version, nsections, file_size, 6 counts, header_hash, max_probe, bloom_words,
# block_shift, blocks_hash, then (off, len) per section; ENTRIES is section 1, COUNTRIES 8,
# BORDERS 9, BLOCKSUMS 13
version, nsec = struct.unpack_from("<II", data, 8)
table = 72 if version >= 6 else 64  # (format 5, before the checksums: to check this test fails)
sec = [struct.unpack_from("<QQ", data, table + 16 * i) for i in range(nsec)]
rng = random.Random(14)
def runs():
    out = []
    for cmd in ([bin_, "lookup", "Mosul", "--format", "json", "--gazetteer", idx],
                [bin_, "extract", rep, "--gazetteer", idx]):
        p = subprocess.run(cmd, capture_output=True)
        out.append((p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")))
    return out
want = runs()
assert all(r[0] == 0 for r in want), want
positions = [("anywhere", rng.randrange(0, len(data))) for _ in range(200)]
for s in [s for s in (8, 9, 13) if s < nsec]:  # read or checked at every open
    off, ln = sec[s]
    positions += [("section%d" % s, off + rng.randrange(0, ln)) for _ in range(30)]
# the record of the first Mosul the lookup returns: its id and name, which the lookup reads
import json
first_id = json.loads(want[0][1])[0]["id"].encode()
entries_off, entries_len = sec[1]
rec = data.find(first_id + b"\0Mosul\0", entries_off, entries_off + entries_len)
assert rec > 0, first_id
positions += [("mosul", rec + rng.randrange(0, len(first_id) + 6)) for _ in range(10)]
bad = caught = 0
with open(idx, "r+b") as f:
    for where, at in positions:
        bit = 1 << rng.randrange(8)
        f.seek(at); f.write(bytes([data[at] ^ bit])); f.flush()
        got = runs()
        f.seek(at); f.write(bytes([data[at]])); f.flush()
        # open-time sections: both commands must catch it; Mosul's record: the lookup of Mosul
        musts = [where != "anywhere", where.startswith("section")]
        for g, w, must in zip(got, want, musts):
            ok_caught = (g[0] == 4 and g[2].count("\n") == 1 and "is corrupt" in g[2]
                         and g[2].startswith("incmap: ") and not g[1])
            ok_same = g[0] == w[0] and g[1] == w[1] and g[2] == w[2]
            if ok_caught:
                caught += 1
            if not (ok_caught or (ok_same and not must)):
                bad += 1
                print("FAIL: %s byte %d bit %d: exit %d, stderr %r, stdout %s" %
                      (where, at, bit, g[0], g[2][:200], "same" if g[1] == w[1] else "different"))
print("%d runs, %d caught as corrupt, %d wrong" % (2 * len(positions), caught, bad))
sys.exit(1 if bad else 0)
PY
flip_rc=$?
tail -1 "$D/flip.log"
hassert idx_flipped_bytes_caught_or_unread test "$flip_rc" = 0
[ "$flip_rc" = 0 ] || head -20 "$D/flip.log" >&2
rm -f "$D/flip.idx"

# --- gazetteer info checks every block: a flip where no lookup reads is found too ---
cp "$IDX" "$D/info.idx"
python3 -c 'import sys; f = open(sys.argv[1], "r+b"); f.seek(50000000); b = f.read(1)[0]
f.seek(50000000); f.write(bytes([b ^ 0x10]))' "$D/info.idx"
hcase idx_info_checks_every_block 4 'info.idx is corrupt: checksum mismatch in bytes 49987584-' -- \
    "$HBIN" gazetteer info "$D/info.idx"
rm -f "$D/info.idx"

# --- an index from an older incmap (format version 5) ---
head -c 8192 "$IDX" >"$D/old.idx"
printf '\x05\x00\x00\x00' | dd of="$D/old.idx" bs=1 seek=8 conv=notrunc 2>/dev/null
hcase idx_older_version 4 'old.idx was built by an older incmap.*incmap gazetteer build' -- \
    "$HBIN" lookup Mosul --gazetteer "$D/old.idx"

# --- the index truncated while extract reads it: SIGBUS becomes exit 4 and one line ---
# extract reads its report first, then maps the index: once the mapping shows in
# /proc/PID/maps, the file is cut to its first 4 KB, and the next read of a lost page faults.
python3 -c '
import random
names = ["Mosul", "Kirkuk", "Erbil", "Baghdad", "Basra", "Tikrit", "Aleppo", "Homs", "Raqqa",
         "Beirut", "Amman", "Cairo", "Sanaa", "Kabul", "Herat", "Kyiv", "Kharkiv", "Odesa"]
r = random.Random(1)
print("".join("Rockets were fired from %s at %s on Sunday, officials in %s said.\n"
              % (r.choice(names), r.choice(names), r.choice(names)) for _ in range(12000)))
' >"$D/long.txt"
cat >"$D/truncate-during.sh" <<'EOF'
# $1 incmap, $2 index copy, $3 report: extract, and truncate the index under it
"$1" extract "$3" --gazetteer "$2" >/dev/null &
pid=$!
for _ in $(seq 1 3000); do
    grep -q "$2" "/proc/$pid/maps" 2>/dev/null && break
    sleep 0.01
done
truncate -s 4096 "$2"
wait "$pid"
EOF
cp "$IDX" "$D/cut.idx"
hcase idx_truncated_while_mapped 4 'gazetteer index .*cut.idx was truncated while in use' -- \
    bash "$D/truncate-during.sh" "$HBIN" "$D/cut.idx" "$D/long.txt"
rm -f "$D/cut.idx"

# --- a 250-byte output name (the limit is 255; the temporary name is 8 bytes longer) ---
long=$(printf 'n%.0s' $(seq 1 242)).geojson
hcase out_name_250_bytes 0 '' --creates "$long" -- "$HBIN" extract "$REP" -o "$long"
hassert out_name_250_bytes_written test -s "$HWORK/$long"

# --- map: -o and --geojson naming one file ---
hcase map_same_output_twice 2 'same file' -- \
    "$HBIN" map "$REP" -o out.png --geojson ./out.png
hcase map_same_output_twice_force 2 'same file' -- \
    "$HBIN" map "$REP" -o out.geojson.png --geojson out.geojson.png --force

# --- gazetteer build over an existing gazetteer: refused without --force ---
echo precious >"$D/existing.gpkg"
hcase gz_build_existing 4 'existing.gpkg exists \(use --force' --watch "$D" -- \
    "$HBIN" gazetteer build -q -o "$D/existing.gpkg" --sources "$HFIX/gazetteer"
hassert gz_build_existing_kept grep -qx precious "$D/existing.gpkg"
: >"$D/only-index.idx"
hcase gz_build_existing_index 4 'only-index.idx exists \(use --force' --watch "$D" -- \
    "$HBIN" gazetteer build -q -o "$D/only-index.gpkg" --sources "$HFIX/gazetteer"

# --- devices are written in place: render to /dev/stdout, extract to /dev/null ---
hcase render_dev_stdout 0 '' --stdout text -- "$HBIN" render "$EX" --no-base --size 400x300 \
    -o /dev/stdout --format png
hassert render_dev_stdout_is_png python3 -c '
import sys
d = open(sys.argv[1], "rb").read()
assert d[:8] == b"\x89PNG\r\n\x1a\n" and d[-8:-4] == b"IEND", len(d)' "$HTMP/stdout"
hcase render_dev_stdout_needs_format 2 'unknown map format.*--format' -- \
    "$HBIN" render "$EX" --no-base -o /dev/stdout
hcase render_format_bad 2 "--format 'gif': want png, svg or pdf" -- \
    "$HBIN" render "$EX" --no-base -o map.png --format gif
hcase extract_dev_null 0 '' -- "$HBIN" extract "$REP" -o /dev/null

# --- signals during a render or a gazetteer build: the temporary file goes with the process ---
cat >"$D/signal-during.sh" <<'EOF'
# $1 a pattern of the temporary file, $2 a signal, then a command: runs the command, signals it
# once its temporary file exists, and reports how it ended (the process must die by that signal)
pat=$1 sig=$2
shift 2
"$@" 2>/dev/null &
pid=$!
for _ in $(seq 1 3000); do
    ls -A | grep -q "$pat" && break
    sleep 0.002
done
ls -A | grep -q "$pat" || { echo "incmap: no temporary file seen" >&2; exit 99; }
kill -s "$sig" "$pid"
{ wait "$pid"; } 2>/dev/null
echo "incmap: signal test: exit $?" >&2
EOF
for sig in USR1 ALRM USR2 PROF; do
    num=$(kill -l "$sig")
    hcase "render_sig${sig}_removes_temp" 0 "exit $((128 + num))\$" -- \
        bash "$D/signal-during.sh" '^\.big\.png\.' "$sig" \
        "$HBIN" render "$EX" --no-base --size 8000x8000 -o big.png
done
# gazetteer build writes its GeoPackage through GDAL (and SQLite, with a journal beside it)
FX=$HFIX/gazetteer
hcase gz_build_sigterm_removes_temp 0 "exit 143\$" -- \
    bash "$D/signal-during.sh" 'tmp.gpkg$' TERM "$HBIN" gazetteer build -q -o g.gpkg \
    --sources "$FX" --cities500 "$FX/cities-mini.txt" --natural-earth "$FX/ne-mini.gpkg" \
    --supplement "$FX/supplement.tsv"

hostile_done

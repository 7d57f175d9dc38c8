#!/usr/bin/env bash
# Hostile output paths for extract, render and map: an unwritable directory (as a non-root
# user), a path that is a directory, an existing file (refused unless --force), a dangling
# symlink, a missing directory, a file size limit (ulimit -f: SIGXFSZ ignored, EFBIG reported),
# a full disk (a small tmpfs, when mount works) and a full stdout. Every failure: exit 4, one
# line, no output file and no temporary file left.
. "$(dirname "$0")/lib_hostile.sh"
hneed_gazetteer || exit 1
D=$HTMP/in
mkdir -p "$D"
chmod 755 "$HTMP" "$D" "$HWORK"
REP=$HFIX/reports/kirkuk-two-incidents.txt
EX=$HFIX/render/example.geojson
cp "$REP" "$D/report.txt"
cp "$EX" "$D/example.geojson"
chmod 644 "$D"/*

# --- unwritable directory: root writes anywhere, so run as nobody ---
# Nobody must reach all it reads, and the clone (build tree, fixtures and, in CI, the default
# gazetteer) may lie under a directory others cannot enter (/root/...). So these cases run from a
# world-readable copy outside it: the binaries (incmap runs incmap-render from its own directory;
# both are linked statically to the library), the inputs, the gazetteer's index (all extract
# opens) and the working directory.
NB=$(mktemp -d "${TMPDIR:-/tmp}/incmap-nobody.XXXXXX")
trap 'rm -rf "$NB"; chmod -R u+rwx "$HTMP" 2>/dev/null; rm -rf "$HTMP"' EXIT
mkdir "$NB/work" "$NB/readonly" # owned by root: nobody may not create files in readonly/
cp "$HBIN" "$(dirname "$HBIN")/incmap-render" "$D/report.txt" "$D/example.geojson" "$NB/"
cp "${HGZ%.gpkg}.idx" "$NB/incmap.idx"
chmod 755 "$NB" "$NB/work" "$NB/readonly" "$NB/incmap" "$NB/incmap-render"
chmod 644 "$NB/report.txt" "$NB/example.geojson" "$NB/incmap.idx"
RO=$NB/readonly
HWORK_CLONE=$HWORK
HWORK=$NB/work
hcase out_unwritable_dir_extract 4 'cannot write .*readonly/out.geojson: Permission denied' --nobody \
    --watch "$RO" -- env INCMAP_GAZETTEER="$NB/incmap.gpkg" "$NB/incmap" extract "$NB/report.txt" \
    -o "$RO/out.geojson"
hcase out_unwritable_dir_render 4 'cannot write .*readonly/map.png: Permission denied' --nobody \
    --watch "$RO" -- "$NB/incmap" render "$NB/example.geojson" --no-base -o "$RO/map.png"
HWORK=$HWORK_CLONE
rm -rf "$NB"

# --- a directory, a missing directory ---
mkdir -p "$D/adir.geojson" "$D/adir.png"
hcase out_is_directory_extract 4 'adir.geojson: it is a directory' --watch "$D/adir.geojson" -- \
    "$HBIN" extract "$D/report.txt" -o "$D/adir.geojson"
hcase out_is_directory_render 4 'adir.png: it is a directory' --watch "$D/adir.png" -- \
    "$HBIN" render "$D/example.geojson" --no-base -o "$D/adir.png"
hcase out_missing_directory 4 'no-such-dir/out.geojson: No such file or directory' -- \
    "$HBIN" extract "$D/report.txt" -o "$D/no-such-dir/out.geojson"

# --- an existing file: refused (and left as it was) unless --force ---
echo 'precious' >"$D/keep.geojson"
echo 'precious' >"$D/keep.png"
hcase out_existing_extract 4 'keep.geojson exists .*--force' --watch "$D" -- \
    "$HBIN" extract "$D/report.txt" -o "$D/keep.geojson"
hassert out_existing_extract_untouched grep -qx precious "$D/keep.geojson"
hcase out_existing_render 4 'keep.png exists .*--force' --watch "$D" -- \
    "$HBIN" render "$D/example.geojson" --no-base -o "$D/keep.png"
hassert out_existing_render_untouched grep -qx precious "$D/keep.png"
hcase out_existing_map_geojson 4 'keep.geojson exists .*--force' --watch "$D" -- \
    "$HBIN" map "$D/report.txt" -o "$D/new.png" --geojson "$D/keep.geojson"
hcase out_existing_extract_force 0 '' -- "$HBIN" extract "$D/report.txt" -o "$D/keep.geojson" --force
hassert out_existing_extract_replaced python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$D/keep.geojson"
hcase out_existing_render_force 0 '' -- "$HBIN" render "$D/example.geojson" --no-base -o "$D/keep.png" --force
hassert out_existing_render_replaced test "$(head -c 4 "$D/keep.png" | od -An -tx1 | tr -d ' ')" = 89504e47
ln -s "$HTMP/nowhere/target.geojson" "$D/dangling.geojson"
hcase out_dangling_symlink 4 'dangling.geojson exists .*--force' --watch "$D" --absent "$HTMP/nowhere" -- \
    "$HBIN" extract "$D/report.txt" -o "$D/dangling.geojson"
rm -f "$D/dangling.geojson"

# --- a failure after some output was written: nothing may remain ---
hcase out_map_failure_leaves_no_geojson 2 "unknown CRS" --watch "$D" -- \
    "$HBIN" map "$D/report.txt" -o "$D/m.png" --geojson "$D/m.geojson" --crs EPSG:999999

# --- file size limit (1 block = 1 KiB): EFBIG, not death by SIGXFSZ ---
hcase out_fsize_extract 4 'cannot write .*big.geojson: File too large' --fsize 1 --absent "$D/big.geojson" \
    --watch "$D" -- "$HBIN" extract --pretty "$D/report.txt" -o "$D/big.geojson"
hcase out_fsize_render 4 'cannot write .*big.png: File too large' --fsize 8 --absent "$D/big.png" \
    --watch "$D" -- "$HBIN" render "$D/example.geojson" --no-base -o "$D/big.png"
hcase out_fsize_render_pdf 4 'cannot write .*big.pdf: File too large' --fsize 8 --absent "$D/big.pdf" \
    --watch "$D" -- "$HBIN" render "$D/example.geojson" --no-base -o "$D/big.pdf"

# --- full disk: a 256 KiB tmpfs, filled up ---
FULL=$HTMP/full
mkdir -p "$FULL"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=256k tmpfs "$FULL" 2>/dev/null; then
    trap 'umount "$FULL" 2>/dev/null; chmod -R u+rwx "$HTMP" 2>/dev/null; rm -rf "$HTMP"' EXIT
    head -c $((1 << 20)) /dev/zero >"$FULL/filler" 2>/dev/null # stops at ENOSPC
    hcase out_full_disk_extract 4 'cannot write .*out.geojson: No space left on device' --watch "$FULL" -- \
        "$HBIN" extract --pretty "$D/report.txt" -o "$FULL/out.geojson"
    hcase out_full_disk_render 4 'cannot write .*map.svg: No space left on device' --watch "$FULL" -- \
        "$HBIN" render "$D/example.geojson" --no-base -o "$FULL/map.svg"
    umount "$FULL"
else
    echo "SKIP [out_full_disk_*]: cannot mount a tmpfs here (not root, or no CAP_SYS_ADMIN); the ulimit -f cases cover a failing write"
    hskipped=$((hskipped + 2))
fi

# --- a full stdout ---
hcase out_stdout_full_lookup 4 'cannot write to standard output' -- sh -c 'exec "$0" lookup Mosul >/dev/full' "$HBIN"
hcase out_stdout_full_extract 4 'cannot write to standard output' -- sh -c 'exec "$0" extract "$1" >/dev/full' "$HBIN" "$D/report.txt"
hcase out_stdout_full_help 4 'cannot write to standard output' -- sh -c 'exec "$0" --help >/dev/full' "$HBIN"

hostile_done

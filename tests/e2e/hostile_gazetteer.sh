#!/usr/bin/env bash
# Hostile names and gazetteers: unknown and ambiguous names, a 10 KB name, quotes, backslashes,
# printf directives and control characters in names, a missing, truncated, corrupt or empty
# gazetteer, and a gazetteer built from a GeoNames file with bad rows (skipped and counted).
. "$(dirname "$0")/lib_hostile.sh"
hneed_gazetteer || exit 1
D=$HTMP/in
mkdir -p "$D"
L=("$HBIN" lookup)

hcase name_unknown 1 "no place named 'Xqzzyvillex'" -- "${L[@]}" Xqzzyvillex
hcase name_unknown_json 1 'no place named' --stdout json -- "${L[@]}" --format json Xqzzyvillex
hcase name_ambiguous 0 '' --stdout json -- "${L[@]}" --format json Tripoli
hassert name_ambiguous_lists_both python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
cc = [c["country"] for c in d if c["name"] == "Tripoli"]
assert cc[:1] == ["LY"] and "LB" in cc, cc' "$HTMP/stdout"
hcase name_ambiguous_geojson 0 '' --stdout geojson -- "${L[@]}" --format geojson Babylon
hcase name_10kb 3 'over the 1024-byte limit' -- "${L[@]}" "$(head -c 10240 /dev/zero | tr '\0' 'a')"
hcase name_quotes_percent 1 "no place named 'Mo\"s'ul %s %n %x \\\\'" -- "${L[@]}" "Mo\"s'ul %s %n %x \\"
hcase name_quotes_json 1 'no place named' --stdout json -- "${L[@]}" --format json "it's \"%s\" \\ \\u0000"
hcase name_control_chars 1 'no place named .Qwxz.\[31m' -- "${L[@]}" $'Qwxz\e[31m'
hcase name_invalid_utf8 3 'not valid UTF-8.*offset 3' -- "${L[@]}" $'Mos\xc0\xafl'
hcase name_empty 2 'empty place name' -- "${L[@]}" ""
hcase name_only_punctuation 1 'no place named' -- "${L[@]}" -- "---"

# --- broken gazetteers: exit 4, one line naming the file and the fix ---
hcase gz_missing 4 'no gazetteer at .*nope.gpkg.*gazetteer build' -- "${L[@]}" Mosul --gazetteer "$D/nope.gpkg"
head -c 4096 "${HGZ%.gpkg}.idx" >"$D/trunc.idx"
hcase gz_truncated 4 'trunc.idx is corrupt' -- "${L[@]}" Mosul --gazetteer "$D/trunc.idx"
head -c 1000000 /dev/urandom >"$D/random.idx"
hcase gz_random_bytes 4 'random.idx is corrupt' -- "${L[@]}" Mosul --gazetteer "$D/random.idx"
: >"$D/empty.idx"
hcase gz_empty_file 4 'empty.idx is corrupt' -- "${L[@]}" Mosul --gazetteer "$D/empty.idx"
# a real index with a damaged header, and one with its tail cut
cp "${HGZ%.gpkg}.idx" "$D/damaged.idx"
printf '\xff\xff\xff\xff\xff\xff\xff\xff' | dd of="$D/damaged.idx" bs=1 seek=40 conv=notrunc 2>/dev/null
hcase gz_damaged_header 4 'damaged.idx is corrupt' -- "${L[@]}" Mosul --gazetteer "$D/damaged.idx"
rm -f "$D/damaged.idx"
hcase gz_is_directory 4 'gazetteer' -- "${L[@]}" Mosul --gazetteer "$D"
printf 'Rockets were fired from Zummar.\n' >"$D/r.txt"
hcase gz_missing_extract 4 'no gazetteer at .*gazetteer build' -- "$HBIN" extract "$D/r.txt" --gazetteer "$D/nope.gpkg"
hcase gz_env_missing 4 'no gazetteer at .*env-nope' -- env INCMAP_GAZETTEER="$D/env-nope.gpkg" "${L[@]}" Mosul

# --- a GeoNames file with bad rows: the build skips and counts them, keeps the good row ---
FX=$HFIX/gazetteer
python3 - >"$D/bad-geonames.txt" <<'PY'
tail = ["P", "PPL", "IQ", "", "15", "", "", "", "500", "", "300", "Asia/Baghdad", "2024-01-01"]
def row(gid, name, lat, lon, extra=()):
    return "\t".join([gid, name, name, "", lat, lon] + tail + list(extra))
print(row("92000001", "Hostilegood Village", "36.5", "43.0"))
print(row("92000002", "Hostile Latninetyone", "91.0", "43.0"))
print(row("92000003", "Hostile Lonfiveforty", "36.0", "540.0"))
print(row("92000004", "Hostile Nancoord", "nan", "43.0"))
print(row("92000005", "Hostile Textcoord", "north", "43.0"))
print(row("92000006", "Hostile Longrow", "36.0", "43.0", ["extra", "more"]))
print("\t".join(["92000007", "Hostile Shortrow", "Hostile Shortrow", "", "36.0", "43.0", "P"]))
PY
printf '92000008\tHostile Badbytes \xff\xfe\tx\t\t36.0\t43.0\tP\tPPL\tIQ\t\t15\t\t\t\t500\t\t300\tAsia/Baghdad\t2024-01-01\n' >>"$D/bad-geonames.txt"
"$HBIN" gazetteer build -o "$D/bad.gpkg" --sources "$FX" --cities500 "" --natural-earth "$FX/ne-mini.gpkg" \
    --supplement "$FX/supplement.tsv" --geonames "$D/bad-geonames.txt" >"$D/build.out" 2>"$D/build.err"
echo $? >"$D/build.rc"
hassert gz_build_bad_rows_exit_0 test "$(cat "$D/build.rc")" = 0
hassert gz_build_bad_rows_counted grep -q ' 7 skipped rows' "$D/build.out"
hassert gz_build_bad_rows_named grep -q 'bad-geonames.txt: 7 malformed rows skipped' "$D/build.err"
hcase gz_build_good_row_kept 0 '' --stdout json -- "${L[@]}" --format json --gazetteer "$D/bad.gpkg" "Hostilegood Village"
for n in Latninetyone Lonfiveforty Nancoord Textcoord Longrow Shortrow Badbytes; do
    hcase "gz_build_skipped_$n" 1 'no place named' -- "${L[@]}" --gazetteer "$D/bad.gpkg" "Hostile $n"
done

hostile_done

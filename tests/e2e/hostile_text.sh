#!/usr/bin/env bash
# Hostile report text for `incmap extract` (and `incmap map`): empty, blank, BOM-only, binary,
# invalid UTF-8, NUL bytes, a line over the size limit, a long repetition, right-to-left and
# bidi text, NFD/NFC, CR and CRLF line ends, a FIFO and stdin. Each case asserts the exit
# status, one stderr line naming the problem (or none), valid stdout, nothing left behind.
. "$(dirname "$0")/lib_hostile.sh"
hneed_gazetteer || exit 1
D=$HTMP/in
mkdir -p "$D"
X=("$HBIN" extract)

# --- empty and blank input: a valid empty collection and a warning ---
: >"$D/empty.txt"
hcase text_empty 0 'is empty' --stdout geojson -- "${X[@]}" "$D/empty.txt"
printf ' \t\n\r\n   \n' >"$D/blank.txt"
hcase text_whitespace_only 0 'is empty' --stdout geojson -- "${X[@]}" "$D/blank.txt"
printf '\xef\xbb\xbf' >"$D/bom.txt"
hcase text_bom_only 0 'is empty' --stdout geojson -- "${X[@]}" "$D/bom.txt"
hcase text_empty_stdin 0 'standard input is empty' --stdout geojson --stdin "$D/empty.txt" -- "${X[@]}" -

# --- not text: refused with the byte offset ---
head -c 4096 /dev/urandom >"$D/random.bin"
printf '\xfe' | dd of="$D/random.bin" bs=1 seek=0 conv=notrunc 2>/dev/null # never valid UTF-8
hcase text_random_binary 3 'invalid UTF-8 at byte 0|binary' -- "${X[@]}" "$D/random.bin"
printf 'Shells landed near Kirkuk \xe2\x82' >"$D/trunc.txt"
hcase text_utf8_truncated 3 'invalid UTF-8 at byte 26' -- "${X[@]}" "$D/trunc.txt"
printf 'Shells landed near \xc0\xafKirkuk.' >"$D/overlong.txt"
hcase text_utf8_overlong 3 'invalid UTF-8 at byte 19' -- "${X[@]}" "$D/overlong.txt"
printf 'Shells landed near \xed\xa0\x80 Kirkuk.' >"$D/surrogate.txt"
hcase text_utf8_surrogate 3 'invalid UTF-8 at byte 19' -- "${X[@]}" "$D/surrogate.txt"
printf 'Shells landed\x00 near Kirkuk.' >"$D/nul.txt"
hcase text_nul_byte 3 'NUL byte at byte 13' -- "${X[@]}" "$D/nul.txt"
head -c 20000 /dev/zero | tr '\0' '\1' >"$D/controls.txt"
hcase text_control_chars 3 'binary' -- "${X[@]}" "$D/controls.txt"

# --- size: one 50 MB line is over the 16 MiB limit, and says so (bounded memory) ---
head -c $((50 << 20)) /dev/zero | tr '\0' 'a' >"$D/50mb.txt"
hcase text_50mb_line 3 'limit of 16 MiB' --maxrss 400 -- "${X[@]}" "$D/50mb.txt"
hcase text_50mb_stdin 3 'standard input.*limit of 16 MiB' --maxrss 400 --stdin "$D/50mb.txt" -- "${X[@]}" -
rm -f "$D/50mb.txt"

# --- 100,000 repetitions of one place name: bounded time and memory ---
python3 -c 'import sys; sys.stdout.write("Mosul " * 100000)' >"$D/rep.txt"
hcase text_repeat_100k 0 "" --stdout geojson --timeout 120 --maxrss 2000 -- "${X[@]}" --no-mentions "$D/rep.txt"

# --- scripts and Unicode forms: results, no errors ---
printf 'سقطت صواريخ على مدينة الموصل يوم الأحد.\n' >"$D/arabic.txt"
hcase text_arabic_rtl 0 '' --stdout geojson -- "${X[@]}" "$D/arabic.txt"
printf 'Rockets hit \xe2\x80\xabMosul\xe2\x80\xac and \xe2\x80\x8fKirkuk\xe2\x80\x8e; \xe2\x81\xa6Erbil\xe2\x81\xa9 \xe2\x80\xaeesrever\xe2\x80\xac.\n' >"$D/bidi.txt"
hcase text_bidi_controls 0 '' --stdout geojson -- "${X[@]}" "$D/bidi.txt"
# NFD (a + combining macron) and NFC (U+0101) spellings of Zummar: the same place, offsets in
# code points (the NFD form is one code point longer)
printf 'Rockets were fired from Zumma\xcc\x84r.\n' >"$D/nfd.txt"
printf 'Rockets were fired from Zumm\xc4\x81r.\n' >"$D/nfc.txt"
hcase text_nfd 0 '' --creates nfd.geojson -- "${X[@]}" -o nfd.geojson "$D/nfd.txt"
cp "$HWORK/nfd.geojson" "$D/" 2>/dev/null
hcase text_nfc 0 '' --creates nfc.geojson -- "${X[@]}" -o nfc.geojson "$D/nfc.txt"
cp "$HWORK/nfc.geojson" "$D/" 2>/dev/null
hassert text_nfd_equals_nfc python3 - "$D/nfd.geojson" "$D/nfc.geojson" <<'PY'
import json, sys
def launch(p):
    f = [f for f in json.load(open(p))["features"] if f["properties"]["role"] == "launch"]
    assert f, "%s: no launch" % p
    return f[0]
d, c = launch(sys.argv[1]), launch(sys.argv[2])
assert d["properties"]["gazetteer_id"] == c["properties"]["gazetteer_id"], "NFD and NFC differ"
assert d["properties"]["end"] - d["properties"]["start"] == 7, "NFD span is not 7 code points"
assert c["properties"]["end"] - c["properties"]["start"] == 6, "NFC span is not 6 code points"
PY
printf 'Rockets were fired from Zummar.\r\nThey hit Mosul.\r\n' >"$D/crlf.txt"
printf 'Rockets were fired from Zummar.\rThey hit Mosul.\r' >"$D/cr.txt"
hcase text_crlf 0 '' --stdout geojson -- "${X[@]}" "$D/crlf.txt"
hcase text_cr_only 0 '' --stdout geojson -- "${X[@]}" "$D/cr.txt"

# --- streams: stdin and a FIFO ---
hcase text_stdin 0 '' --stdout geojson --stdin "$D/crlf.txt" -- "${X[@]}" -
mkfifo "$D/fifo"
(printf 'Rockets were fired from Zummar.\n' >"$D/fifo" &)
hcase text_fifo 0 '' --stdout geojson --timeout 20 -- "${X[@]}" "$D/fifo"
hcase text_directory 4 'is a directory' -- "${X[@]}" "$D"
hcase text_missing_file 4 'cannot open .*no-such.txt' -- "${X[@]}" "$D/no-such.txt"
printf 'The weather was calm and nothing happened all week.\n' >"$D/noplace.txt"
hcase text_no_place 1 'no place found' --stdout geojson -- "${X[@]}" "$D/noplace.txt"
hcase map_binary_report 3 'invalid UTF-8' --absent "$HWORK/m.png" -- "$HBIN" map "$D/random.bin" -o m.png

hostile_done

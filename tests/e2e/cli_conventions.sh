#!/usr/bin/env bash
# Command-line conventions every command follows (src/cli/main.c, cli_common.c): `-o -` is
# standard output (and never a file named "-"; a binary map is not written to a terminal),
# `--opt=value` is `--opt value`, `--` ends the options, `--version` on every command lists the
# libraries' versions, and UTF-16 input is named as such. Runs on the fixture gazetteer.
# Env (set by ctest): INCMAP_BIN, INCMAP_TEST_GAZETTEER, INCMAP_TEST_TMP.
set -u
BIN=${INCMAP_BIN:?INCMAP_BIN not set}
export INCMAP_GAZETTEER=${INCMAP_TEST_GAZETTEER:?INCMAP_TEST_GAZETTEER not set}
TMP=$(mktemp -d "${INCMAP_TEST_TMP:-/tmp}/e2e-cli.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
cd "$TMP" || exit 1

failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}
# run WANT_EXIT ARGS...: stdout in out, stderr in err
run() {
    local want=$1
    shift
    "$BIN" "$@" >out 2>err
    local rc=$?
    [ "$rc" = "$want" ] || fail "incmap $* exited $rc, want $want; stderr: $(head -c 300 err)"
    [ "$rc" = "$want" ]
}
one_line() { # FILE PATTERN: exactly one line, matching
    [ "$(wc -l <"$1")" = 1 ] && grep -qE "$2" "$1"
}

printf 'On Sunday two rockets were fired from Zummar towards northeastern Syria.\n' >r.txt
cp r.txt ./-x.txt

# --- -o - is standard output -------------------------------------------------------------------
run 0 extract r.txt -o - && grep -q '"FeatureCollection"' out || fail "extract -o -: no GeoJSON on stdout"
[ -e ./- ] && fail "extract -o - created a file named '-'"
run 0 extract r.txt --format text -o - && grep -q '^  launch  Zummar' out ||
    fail "extract --format text -o -: no summary on stdout"
[ -e ./- ] && fail "extract --format text -o - created a file named '-'"
run 0 extract r.txt -o incidents.geojson
run 0 render incidents.geojson --no-base -o - --format svg && grep -q '<svg' out ||
    fail "render -o - --format svg: no SVG on stdout"
run 0 render incidents.geojson --no-base -o - --format png &&
    [ "$(head -c 8 out | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
    fail "render -o - --format png: no PNG on stdout"
run 0 map r.txt -o - --format=pdf && [ "$(head -c 5 out)" = "%PDF-" ] ||
    fail "map -o - --format pdf: no PDF on stdout"
[ -e ./- ] && fail "render/map -o - created a file named '-'"
run 2 render incidents.geojson --no-base -o - && one_line err 'needs --format' ||
    fail "render -o - without --format: $(cat err)"
# a terminal on stdout: a PNG is refused (exit 2), an SVG is text and allowed
script -qec "'$BIN' render incidents.geojson --no-base -o - --format png" /dev/null >tty.out 2>&1
rc=$?
[ $rc = 2 ] && grep -q 'will not write a binary PNG map to a terminal' tty.out ||
    fail "render -o - --format png to a terminal: exit $rc: $(head -c 300 tty.out)"
script -qec "'$BIN' render incidents.geojson --no-base -o - --format svg" /dev/null >tty.out 2>&1 ||
    fail "render -o - --format svg to a terminal was refused: $(head -c 300 tty.out)"

# --- --opt=value --------------------------------------------------------------------------------
run 0 extract r.txt --date 2024-04-22 --format text && mv out spaced
run 0 extract r.txt --date=2024-04-22 --format=text && cmp -s out spaced ||
    fail "extract --date=... --format=...: differs from the spaced form"
grep -q '2024-04-21' out || fail "extract --date=2024-04-22: Sunday not resolved"
run 0 lookup Zummar --format=json --limit=1 && grep -q '"name"' out || fail "lookup --format=json"
run 0 render incidents.geojson --no-base --size=400x300 --output=eq.png && [ -s eq.png ] ||
    fail "render --size=... --output=..."
run 2 extract r.txt --force=yes && one_line err '^incmap: extract: --force takes no value' ||
    fail "extract --force=yes: $(cat err)"
run 2 extract r.txt --bogus=1 && grep -q "unknown option '--bogus'" err ||
    fail "extract --bogus=1: $(cat err)"

# --- -- ends the options ------------------------------------------------------------------------
run 2 extract -x.txt --format text || fail "extract -x.txt without --: should be an unknown option"
run 0 extract --format text -- -x.txt && grep -q 'launch  Zummar' out || fail "extract -- -x.txt"
run 0 extract -o - -- -x.txt && grep -q '"FeatureCollection"' out || fail "extract -o - -- -x.txt"
run 0 map -o m.svg -- -x.txt && [ -s m.svg ] || fail "map -- -x.txt"
cp incidents.geojson ./-i.geojson
run 0 render --no-base -o r.svg -- -i.geojson && [ -s r.svg ] || fail "render -- -i.geojson"
run 0 lookup --format json -- Zummar && grep -q Zummar out || fail "lookup -- NAME"
run 4 extract --format=text -- --date=2024-04-22 && grep -q -- '--date=2024-04-22' err ||
    fail "after --, --date=... is a file name: $(cat err)"

# --- --version on every command -----------------------------------------------------------------
for cmd in "" extract lookup map render gazetteer; do
    # shellcheck disable=SC2086
    run 0 $cmd --version || continue
    flat=$(tr '\n' ' ' <out)
    for lib in '^incmap [0-9]' 'cJSON [0-9]' 'PROJ [0-9]' 'cairo [0-9]' 'pango [0-9]' \
        'SQLite [0-9]' 'libpng [0-9]' 'GDAL [0-9]'; do
        grep -qE "$lib" <<<"$flat" || fail "incmap $cmd --version: no '$lib' in: $flat"
    done
done

# --- UTF-16 input -------------------------------------------------------------------------------
utf16_msg='UTF-16 is not supported, convert to UTF-8 \(e\.g\. iconv -f UTF-16 -t UTF-8\)'
iconv -f UTF-8 -t UTF-16 r.txt >le-bom.txt                            # FF FE + UTF-16LE
{ printf '\xfe\xff'; iconv -f UTF-8 -t UTF-16BE r.txt; } >be-bom.txt # FE FF + UTF-16BE
iconv -f UTF-8 -t UTF-16LE r.txt >le.txt                              # no BOM
iconv -f UTF-8 -t UTF-16BE r.txt >be.txt
for f in le-bom.txt be-bom.txt le.txt be.txt; do
    run 3 extract "$f" && one_line err "^incmap: extract: $f: $utf16_msg$" ||
        fail "extract $f: $(cat err)"
done
"$BIN" extract - <le-bom.txt >out 2>err
rc=$?
[ $rc = 3 ] && one_line err "^incmap: extract: standard input: $utf16_msg$" ||
    fail "extract - (UTF-16 on stdin): exit $rc: $(cat err)"
run 3 map le-bom.txt -o u.png && one_line err "^incmap: map: le-bom.txt: $utf16_msg$" ||
    fail "map (UTF-16 report): $(cat err)"
[ -e u.png ] && fail "map (UTF-16 report) left a map"
# still a NUL-byte error for binary data that is not UTF-16
printf 'abc\0def ghi jkl' >nul.txt
run 3 extract nul.txt && grep -q 'NUL byte' err || fail "NUL bytes: $(cat err)"

if [ "$failures" -gt 0 ]; then
    echo "cli_conventions: $failures failure(s)" >&2
    exit 1
fi
echo "cli_conventions: all passed"

#!/usr/bin/env bash
# `incmap gazetteer build|info` from the command line: exit codes, messages, outputs, and
# reproducibility, on the fixture sources in tests/fixtures/gazetteer/.
set -u
bin=${INCMAP_BIN:?INCMAP_BIN not set}
fx=${INCMAP_FIXTURES:?INCMAP_FIXTURES not set}/gazetteer
tmp=${INCMAP_TEST_TMP:-/tmp}/e2e-gazetteer-build.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
fails=0

check() { # description, then a command that must succeed
    local what=$1
    shift
    if "$@"; then echo "ok   $what"; else echo "FAIL $what"; fails=$((fails + 1)); fi
}
run() { # exit-code stdout-file stderr-file -- args...
    "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
    echo $? >"$tmp/rc"
}
rc() { [ "$(cat "$tmp/rc")" = "$1" ]; }
has() { grep -q -- "$2" "$tmp/$1"; }

fixture_args=(--sources "$fx" --cities500 "$fx/cities-mini.txt" --natural-earth "$fx/ne-mini.gpkg"
              --supplement "$fx/supplement.tsv" --geonames "$fx/IQ-mini.txt" --relief "")

run gazetteer --help
check "gazetteer --help exits 0" rc 0
check "gazetteer --help shows build usage" has out "incmap gazetteer build"
check "gazetteer --help mentions fetch-sources" has out "fetch-sources"

run gazetteer
check "gazetteer without a subcommand is a usage error" rc 2

run gazetteer frobnicate
check "unknown subcommand is a usage error" rc 2
check "unknown subcommand is named" has err "frobnicate"

run gazetteer build --bogus
check "unknown option is a usage error" rc 2
check "unknown option is named" has err "unknown option --bogus"

run gazetteer build extra-arg
check "stray argument is a usage error" rc 2

run gazetteer build -o "$tmp/a.gpkg" "${fixture_args[@]}"
check "fixture build exits 0" rc 0
check "summary line counts entries" has out "entries (6 countries"
check "summary counts skipped rows" has out "7 skipped rows"
check "GeoPackage written" test -s "$tmp/a.gpkg"
check "index written beside it" test -s "$tmp/a.idx"
check "no temporary files left" test "$(ls "$tmp" | grep -c tmp)" = 0
check "skipped rows are reported on stderr" has err "skipped"
check "no progress line when stderr is not a terminal" test "$(grep -c $'\r' "$tmp/err")" = 0

run gazetteer build -o "$tmp/g.db" "${fixture_args[@]}"
check "output not ending in .gpkg is a usage error" rc 2
check "output rule is explained" has err "must end in .gpkg"

run gazetteer build -q -o "$tmp/new/dir/n.gpkg" "${fixture_args[@]}"
check "missing output directories are created" test -s "$tmp/new/dir/n.idx"

run gazetteer build -q -o "$tmp/b.gpkg" "${fixture_args[@]}"
check "quiet build exits 0" rc 0
check "quiet build prints no summary" test ! -s "$tmp/out"
check "same inputs give the same index bytes" cmp -s "$tmp/a.idx" "$tmp/b.idx"

run gazetteer info "$tmp/a.gpkg"
check "info exits 0" rc 0
check "info counts countries" has out "country"
check "info lists the sources" has out "cities-mini.txt"

run gazetteer info "$tmp/none.gpkg"
check "info on a missing gazetteer exits 4" rc 4
check "info says how to build one" has err "incmap gazetteer build"

run gazetteer build -o "$tmp/c.gpkg" "${fixture_args[@]}" --airports "$tmp/no-such-airports.json"
check "missing source exits 4" rc 4
check "missing source is named" has err "no-such-airports.json"
check "missing source says to run incmap gazetteer fetch" has err "incmap gazetteer fetch"
check "failed build leaves no GeoPackage" test ! -e "$tmp/c.gpkg"
check "failed build leaves no index" test ! -e "$tmp/c.idx"

run gazetteer build -q -o "$tmp/a.gpkg" "${fixture_args[@]}"
check "rebuild over an existing gazetteer without --force exits 4" rc 4
check "existing gazetteer is named" has err "a.gpkg exists (use --force"
check "refused rebuild keeps the index" cmp -s "$tmp/a.idx" "$tmp/b.idx"
run gazetteer build -q --force -o "$tmp/b.gpkg" "${fixture_args[@]}"
check "--force replaces an existing gazetteer" rc 0
check "replaced index is complete" cmp -s "$tmp/a.idx" "$tmp/b.idx"

printf 'not a header\n' >"$tmp/bad.tsv"
run gazetteer build --force -o "$tmp/a.gpkg" "${fixture_args[@]}" --supplement "$tmp/bad.tsv"
check "malformed supplement exits 3" rc 3
check "malformed supplement names file and line" has err "bad.tsv:1:"
check "failed rebuild keeps the previous index" cmp -s "$tmp/a.idx" "$tmp/b.idx"

if [ "$fails" -ne 0 ]; then
    echo "$fails check(s) failed"
    exit 1
fi
echo "all gazetteer build checks passed"

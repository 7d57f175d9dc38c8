# Shared by e2e scripts (sourced): fail MESSAGE counts a failure; run EXPECTED_EXIT ARGS... runs
# "$BIN" ARGS with stdout in $TMP/out and stderr in $TMP/err and fails unless it exits as
# expected; finish NAME SUMMARY exits 1 after any failure, else prints the summary.
failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}
run() {
    local want=$1
    shift
    "$BIN" "$@" >"$TMP/out" 2>"$TMP/err"
    local rc=$?
    if [ "$rc" != "$want" ]; then
        fail "incmap $* exited $rc, expected $want: $(head -c 400 "$TMP/err")"
        return 1
    fi
}
finish() {
    if [ "$failures" -gt 0 ]; then
        echo "$1: $failures failure(s)" >&2
        exit 1
    fi
    echo "$1: all passed ($2)"
}

# Sourced by e2e scripts (bash): fail() counts a failure with its message; run EXPECTED ARGS...
# runs $BIN ARGS with stdout in $TMP/out and stderr in $TMP/err, failing unless it exits EXPECTED;
# finish NAME [SUMMARY] ends the script with the count. Needs BIN and TMP set.
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
        fail "incmap $* exited $rc, expected $want; stderr: $(head -c 400 "$TMP/err")"
        return 1
    fi
    return 0
}

finish() {
    if [ "$failures" -gt 0 ]; then
        echo "$1: $failures failure(s)" >&2
        exit 1
    fi
    echo "$1: all passed${2:+ ($2)}"
}

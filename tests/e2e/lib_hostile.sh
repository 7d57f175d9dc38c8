#!/usr/bin/env bash
# Shared helper of the hostile-input suite (tests/e2e/hostile_*.sh). Sourced, it defines `hcase`
# (`case` is a shell keyword), which runs one command against hostile input and asserts what
# issue 5 asks of every such case:
#   - it ends within a timeout (no hang) and with the expected exit status (no crash: a signal
#     or a sanitizer abort gives another status);
#   - stderr is exactly one line, prefixed "incmap: ", that names the problem (an extended
#     regex, case-insensitive); or, when the phrase is empty, stderr is empty;
#   - stdout is empty, or valid JSON / GeoJSON (parsed by python3: RFC 7946 FeatureCollection,
#     finite numbers, longitude and latitude in range);
#   - no output file and no temporary file is left behind: the listing of the working directory
#     (and of every --watch DIR) is the same before and after, and every --absent PATH is absent.
# Run directly (ctest runs every tests/e2e/*.sh), it tests itself: it must catch a wrong exit
# status, a second stderr line, invalid JSON and a left-over file.
#
# hcase NAME EXIT PHRASE [options] -- COMMAND [ARGS...]
#   EXIT is a status or alternatives ("4|5") where the issue leaves the choice open
#   --stdout none|json|geojson|text   what stdout must be (default: none, i.e. empty)
#   --stdin FILE                      stdin (default /dev/null)
#   --timeout SECONDS                 default 120
#   --absent PATH                     must not exist afterwards (repeatable)
#   --watch DIR                       directory whose listing must not change (repeatable)
#   --creates NAME                    a file the command may add to the working directory
#   --maxrss MB                       peak resident memory of the command at most MB
#   --nobody                          run as uid/gid 65534 (setpriv or runuser), or skip
#   --fsize BLOCKS                    ulimit -f for the command (1 block = 1024 bytes here)
# The command runs in $HWORK (cleaned before each case). INCMAP_GAZETTEER is the default
# gazetteer. Summaries: hostile_done (call last) prints counts and sets the exit status.
set -u

HBIN=${INCMAP_BIN:?INCMAP_BIN not set (run through ctest)}
HFIX=${INCMAP_FIXTURES:?INCMAP_FIXTURES not set (run through ctest)}
HGZ=${INCMAP_DEFAULT_GAZETTEER:-}
HTMP=${INCMAP_TEST_TMP:-/tmp}/hostile-$(basename "${0%.sh}").$$
HWORK=$HTMP/work
mkdir -p "$HWORK"
trap 'chmod -R u+rwx "$HTMP" 2>/dev/null; rm -rf "$HTMP"' EXIT
[ -n "$HGZ" ] && export INCMAP_GAZETTEER="$HGZ"
hpass=0
hfailed=0
hskipped=0
hnames=""

hfail() {
    echo "FAIL [$hcur]: $*" >&2
    hcase_ok=0
}

# Listing of a directory, dot files included, one name per line.
hlist() {
    ls -A "$1" 2>/dev/null | LC_ALL=C sort
}

# True when a non-root user can be simulated; sets hnobody_cmd.
hnobody_cmd=()
hnobody_probe() {
    if [ "$(id -u)" != 0 ]; then
        hnobody_cmd=() # already unprivileged
        return 0
    fi
    if setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
        hnobody_cmd=(setpriv --reuid=65534 --regid=65534 --clear-groups)
        return 0
    fi
    if runuser -u nobody -- true 2>/dev/null; then
        hnobody_cmd=(runuser -u nobody --)
        return 0
    fi
    return 1
}

hcheck_stdout() { # kind file
    case $1 in
    none)
        [ ! -s "$2" ] || hfail "stdout not empty: $(head -c 200 "$2")"
        ;;
    text) ;;
    json | geojson)
        local msg
        msg=$(python3 - "$1" "$2" <<'PY' 2>&1
import json, math, sys
kind, path = sys.argv[1], sys.argv[2]
def finite(x, where="$"):
    if isinstance(x, float) and not math.isfinite(x):
        raise SystemExit("non-finite number at " + where)
    if isinstance(x, dict):
        for k, v in x.items():
            finite(v, where + "." + k)
    elif isinstance(x, list):
        for i, v in enumerate(x):
            finite(v, "%s[%d]" % (where, i))
def positions(c):
    if isinstance(c, list) and c and isinstance(c[0], (int, float)):
        yield c
    elif isinstance(c, list):
        for x in c:
            yield from positions(x)
with open(path, "rb") as f:
    raw = f.read()
try:
    doc = json.loads(raw.decode("utf-8"), parse_constant=lambda c: float("nan"))
except Exception as e:
    raise SystemExit("stdout is not JSON: %s" % e)
finite(doc)
if kind == "geojson":
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise SystemExit("stdout is not a FeatureCollection")
    if "crs" in doc:
        raise SystemExit("RFC 7946 output has a crs member")
    for i, f in enumerate(doc.get("features", [])):
        g = f.get("geometry")
        if f.get("type") != "Feature" or not isinstance(g, dict):
            raise SystemExit("feature %d is not a Feature with a geometry" % i)
        for p in positions(g.get("coordinates", [])):
            if len(p) < 2 or not (-180 <= p[0] <= 180 and -90 <= p[1] <= 90):
                raise SystemExit("feature %d has position %r out of range" % (i, p))
PY
        ) || hfail "$msg"
        ;;
    *) hfail "hcase: unknown --stdout kind $1" ;;
    esac
}

hcase() {
    hcur=$1
    local want=$2 phrase=$3
    shift 3
    local out=none stdin=/dev/null timeout=120 maxrss="" nobody=0 fsize="" creates=""
    local absent=() watch=()
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do
        case $1 in
        --stdout) out=$2; shift 2 ;;
        --stdin) stdin=$2; shift 2 ;;
        --timeout) timeout=$2; shift 2 ;;
        --absent) absent+=("$2"); shift 2 ;;
        --watch) watch+=("$2"); shift 2 ;;
        --creates) creates=$2; shift 2 ;;
        --maxrss) maxrss=$2; shift 2 ;;
        --nobody) nobody=1; shift ;;
        --fsize) fsize=$2; shift 2 ;;
        *) echo "hcase: unknown option $1" >&2; return 2 ;;
        esac
    done
    shift
    hcase_ok=1
    case " $hnames " in
    *" $hcur "*) hfail "duplicate case name" ;;
    esac
    hnames="$hnames $hcur"
    local pre=()
    if [ "$nobody" = 1 ]; then
        if ! hnobody_probe; then
            echo "SKIP [$hcur]: cannot run as a non-root user (no setpriv or runuser)"
            hskipped=$((hskipped + 1))
            return 0
        fi
        pre=("${hnobody_cmd[@]}")
    fi
    find "$HWORK" -mindepth 1 -delete 2>/dev/null
    local before=() w
    for w in "$HWORK" "${watch[@]}"; do
        before+=("$(hlist "$w")")
    done
    local rssfile=$HTMP/rss
    rm -f "$rssfile"
    if [ -n "$maxrss" ]; then
        # peak RSS of the whole command (RUSAGE_CHILDREN covers every waited-for descendant)
        pre=(python3 -c 'import resource, subprocess, sys
rc = subprocess.call(sys.argv[2:])
open(sys.argv[1], "w").write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(rc if rc >= 0 else 128 - rc)' "$rssfile" "${pre[@]}")
    fi
    (
        cd "$HWORK" || exit 97
        if [ -n "$fsize" ]; then
            ulimit -f "$fsize" || exit 98
        fi
        exec timeout -k 5 "$timeout" "${pre[@]}" "$@"
    ) <"$stdin" >"$HTMP/stdout" 2>"$HTMP/stderr"
    local rc=$?
    if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
        hfail "no answer within ${timeout}s (exit $rc)"
    elif ! [[ "$rc" =~ ^($want)$ ]]; then
        hfail "exit $rc, expected $want; stderr: $(head -c 300 "$HTMP/stderr")"
    fi
    local lines
    lines=$(wc -l <"$HTMP/stderr")
    if [ -z "$phrase" ]; then
        [ ! -s "$HTMP/stderr" ] || hfail "unexpected stderr: $(head -c 300 "$HTMP/stderr")"
    elif [ "$lines" != 1 ] || [ "$(tail -c 1 "$HTMP/stderr" | od -An -c | tr -d ' ')" != '\n' ]; then
        hfail "stderr is $lines line(s), want exactly one: $(head -c 400 "$HTMP/stderr")"
    else
        grep -q '^incmap: ' "$HTMP/stderr" || hfail "stderr not prefixed 'incmap: ': $(cat "$HTMP/stderr")"
        grep -qiE -- "$phrase" "$HTMP/stderr" ||
            hfail "stderr does not match /$phrase/: $(head -c 300 "$HTMP/stderr")"
    fi
    hcheck_stdout "$out" "$HTMP/stdout"
    local i=0 after
    for w in "$HWORK" "${watch[@]}"; do
        after=$(hlist "$w")
        if [ "$w" = "$HWORK" ] && [ -n "$creates" ]; then
            after=$(grep -vxF -- "$creates" <<<"$after")
        fi
        [ "$after" = "${before[$i]}" ] ||
            hfail "files left behind in $w: $(diff <(echo "${before[$i]}") <(echo "$after") | grep '^>' | tr '\n' ' ')"
        i=$((i + 1))
    done
    local p
    for p in "${absent[@]}"; do
        [ ! -e "$p" ] && [ ! -L "$p" ] || hfail "$p exists afterwards"
    done
    if [ -n "$maxrss" ]; then
        local kb
        kb=$(cat "$rssfile" 2>/dev/null || echo 0)
        [ "$kb" -le $((maxrss * 1024)) ] || hfail "peak memory $((kb / 1024)) MB, over $maxrss MB"
    fi
    if [ "$hcase_ok" = 1 ]; then
        echo "ok   [$hcur]"
        hpass=$((hpass + 1))
    else
        hfailed=$((hfailed + 1))
    fi
}

# hassert NAME COMMAND...: a check that is not a command run (e.g. comparing two outputs).
hassert() {
    hcur=$1
    shift
    if "$@"; then
        echo "ok   [$hcur]"
        hpass=$((hpass + 1))
    else
        echo "FAIL [$hcur]" >&2
        hfailed=$((hfailed + 1))
    fi
}

# Prints the counts; the exit status of the calling script.
hostile_done() {
    echo "$(basename "$0"): $hpass passed, $hfailed failed, $hskipped skipped"
    [ "$hfailed" = 0 ]
}

# True when the default gazetteer exists; otherwise says why its cases fail.
hneed_gazetteer() {
    if [ -z "$HGZ" ] || [ ! -f "${HGZ%.gpkg}.idx" ]; then
        echo "FAIL: no default gazetteer at '$HGZ' (build it with \`incmap gazetteer build\`)" >&2
        return 1
    fi
}

# --- self-test, when run directly --------------------------------------------------------------
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    expect_catch() { # what, then an hcase call that must fail
        local what=$1
        shift
        local f=$hfailed p=$hpass
        "$@" 2>/dev/null >/dev/null
        if [ "$hfailed" = $((f + 1)) ]; then
            echo "ok   self-test: catches $what"
            hfailed=$f
            hpass=$p
        else
            echo "FAIL self-test: does not catch $what" >&2
            hfailed=$((f + 1))
        fi
    }
    hcase selftest_pass 3 'bad thing' -- sh -c 'echo "incmap: x: bad thing" >&2; exit 3'
    hcase selftest_json 0 '' --stdout geojson -- sh -c 'echo "{\"type\":\"FeatureCollection\",\"features\":[]}"'
    expect_catch "a wrong exit status" hcase st_rc 3 'bad' -- sh -c 'echo "incmap: bad" >&2; exit 4'
    expect_catch "two stderr lines" hcase st_two 3 'bad' -- sh -c 'printf "incmap: bad\nmore\n" >&2; exit 3'
    expect_catch "an unprefixed message" hcase st_pre 3 'bad' -- sh -c 'echo "bad" >&2; exit 3'
    expect_catch "a message missing the phrase" hcase st_phr 3 'limit' -- sh -c 'echo "incmap: bad" >&2; exit 3'
    expect_catch "invalid JSON" hcase st_json 0 '' --stdout json -- sh -c 'echo "{"'
    expect_catch "an out-of-range position" hcase st_lat 0 '' --stdout geojson -- \
        sh -c 'echo "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,91]},\"properties\":{}}]}"'
    expect_catch "NaN in JSON" hcase st_nan 0 '' --stdout json -- sh -c 'echo "[NaN]"'
    expect_catch "output on a failing case" hcase st_out 3 'bad' -- sh -c 'echo "incmap: bad" >&2; echo x; exit 3'
    expect_catch "a left-over temporary file" hcase st_tmp 3 'bad' -- sh -c 'echo "incmap: bad" >&2; : >.out.png.XXXXXX; exit 3'
    expect_catch "a hang" hcase st_hang 0 '' --timeout 1 -- sleep 30
    expect_catch "a present --absent path" hcase st_abs 0 '' --absent /dev/null -- true
    expect_catch "memory over --maxrss" hcase st_rss 0 '' --maxrss 10 -- python3 -c 'x = bytearray(64 << 20)'
    hostile_done
fi

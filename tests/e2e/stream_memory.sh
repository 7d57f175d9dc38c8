#!/usr/bin/env bash
# The GeoJSON is streamed feature by feature (issue 14): a report naming 60,000 places (0.9 MB,
# a 38 MB GeoJSON) is extracted to a file and to standard output under `ulimit -v 250000`.
# When the writer held the whole document as a cJSON tree this needed 436 MB resident and
# failed there with "out of memory writing GeoJSON"; streamed it needs under 80 MB. Both outputs
# are complete (every feature, the closing "]}") and identical but for stdout's extra newline.
. "$(dirname "$0")/lib_hostile.sh"
hneed_gazetteer || exit 1
# AddressSanitizer cannot start under ulimit -v (see resources.sh): skipped there.
if nm "$HBIN" 2>/dev/null | grep -q ' __asan_init' || ldd "$HBIN" 2>/dev/null | grep -q libasan; then
    echo "stream_memory: skipped: $HBIN is built with AddressSanitizer"
    exit 77
fi
REPORT=$HTMP/many-places.txt
awk 'BEGIN {
    split("Baghdad Basra Mosul Erbil Kirkuk Najaf Karbala Ramadi Fallujah Samarra Tikrit Aleppo " \
          "Damascus Homs Hama Latakia Raqqa Idlib Beirut Sidon Tyre Amman Zarqa Irbid", n, " ")
    for (i = 0; i < 20000; i++) {
        printf "Fighting went on in %s, %s and %s. ", n[i % 24 + 1], n[(i * 7) % 24 + 1],
            n[(i * 13) % 24 + 1]
        if (i % 6 == 5) printf "\n\n"
    }
}' >"$REPORT"

limited() { # LIMIT_KB COMMAND...: in $HWORK, stdout to $HTMP/stdout, stderr to $HTMP/stderr
    local limit=$1
    shift
    (
        cd "$HWORK" || exit 97
        ulimit -v "$limit" || exit 98
        exec timeout -k 5 300 "$@"
    ) </dev/null >"$HTMP/stdout" 2>"$HTMP/stderr"
}

limited 250000 "$HBIN" extract "$REPORT" -o out.geojson
rc=$?
hassert "file_under_250MB: exit $rc $(head -c 200 "$HTMP/stderr")" test "$rc" = 0
hassert "file_complete" test "$(tail -n 1 "$HWORK/out.geojson")" = "]}"
hassert "file_every_feature" test "$(grep -c '"type":"Feature"' "$HWORK/out.geojson" 2>/dev/null)" \
    -ge 60000 2>/dev/null

limited 250000 "$HBIN" extract "$REPORT" --format geojson --pretty
rc=$?
hassert "stdout_under_250MB: exit $rc $(head -c 200 "$HTMP/stderr")" test "$rc" = 0
printf '\n' >>"$HWORK/out.geojson"
hassert "stdout_same_as_file" cmp -s "$HTMP/stdout" "$HWORK/out.geojson"

hostile_done

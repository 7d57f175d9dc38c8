#!/usr/bin/env bash
# Every polygon incmap writes is valid (no ring crossing itself or another: PostGIS ST_Union and
# QGIS reject such areas) and still holds the representative point of its place. Runs the
# quick-start example report on the default gazetteer, whose mentions are countries, provinces
# and regions simplified for output, and asks GEOS through ogrinfo (SQLite dialect). Skipped
# (exit 77) without the default gazetteer or a SpatiaLite-enabled ogrinfo.
set -u

bin=${INCMAP_BIN:?INCMAP_BIN not set}
src=${INCMAP_SOURCE_DIR:-$(dirname "$0")/../..}
gz=${INCMAP_DEFAULT_GAZETTEER:-}
tmp=${INCMAP_TEST_TMP:-/tmp}/geometry_valid.$$
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp"

if [ -z "$gz" ] || [ ! -e "$gz" ]; then
    echo "SKIP: no default gazetteer ($gz)"
    exit 77
fi
if ! command -v ogrinfo >/dev/null ||
    ! ogrinfo -q -dialect sqlite -sql "select st_isvalid(st_geomfromtext('POINT(0 0)'))" \
        "$src/tests/fixtures/geojson/written/"*.geojson 2>/dev/null | head -50 | grep -q "= 1"; then
    echo "SKIP: ogrinfo with SpatiaLite functions not available"
    exit 77
fi

fail=0
out=$tmp/report.geojson
if ! "$bin" extract "$src/maps/example-report.txt" --gazetteer "$gz" -o "$out" 2>"$tmp/err"; then
    echo "FAIL: extract of the example report: $(cat "$tmp/err")" >&2
    exit 1
fi
count() { # sql -> the one integer it selects
    ogrinfo -q -dialect sqlite -sql "$1" "$out" 2>/dev/null | sed -n 's/.*(Integer) = //p' | head -1
}
polys=$(count "select count(*) from report where geometrytype(geometry) like '%POLYGON%'")
bad=$(count "select count(*) from report where not st_isvalid(geometry)")
if [ "${polys:-0}" -lt 5 ]; then
    echo "FAIL: expected areas among the example's features, found ${polys:-none}" >&2
    fail=1
fi
if [ "$bad" != "0" ]; then
    echo "FAIL: $bad of the example's features are invalid geometries" >&2
    fail=1
else
    echo "ok   all ${polys} areas of the example are valid"
fi
checked=0
# each area still contains its place's representative point (incmap lookup prints it)
while IFS='|' read -r name; do
    [ -n "$name" ] || continue
    pt=$("$bin" lookup "$name" --gazetteer "$gz" --format json --limit 1 2>/dev/null |
        tr -d ' \t\n' | sed -n 's/.*"lon":\([-0-9.e]*\),"lat":\([-0-9.e]*\).*/\1 \2/p')
    [ -n "$pt" ] || continue
    inside=$(count "select count(*) from report where name = '$name' and \
        st_contains(geometry, makepoint(${pt% *}, ${pt#* }))")
    checked=$((checked + 1))
    if [ "${inside:-0}" = "0" ]; then
        echo "FAIL: the area of $name no longer holds its point ($pt)" >&2
        fail=1
    fi
done < <(ogrinfo -q -dialect sqlite -sql "select distinct name from report where \
    geometrytype(geometry) like '%POLYGON%' and role = 'mention'" "$out" 2>/dev/null |
    sed -n 's/.*(String) = //p')
if [ "$checked" -eq 0 ]; then
    echo "FAIL: no area's point could be checked" >&2
    fail=1
else
    echo "ok   $checked areas hold their place's point"
fi
exit $fail

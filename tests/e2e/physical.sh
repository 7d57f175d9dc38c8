#!/usr/bin/env bash
# The default gazetteer's physical layers (GSHHG, built when Debian's gmt-gshhg-high is
# installed): rivers and shore polygons are there with their levels, every shore polygon is
# valid, and the point of every sea, gulf and ocean name (the supplement's SEA, GULF and OCN
# rows, where the renderer writes the name) lies in water by the detailed coast: on no land
# polygon, or in a lake. Skipped (77) when the gazetteer was built without GSHHG or ogrinfo lacks
# SQLite's spatial functions.
set -u
BIN=${INCMAP_BIN:?INCMAP_BIN not set}
GZ=${INCMAP_DEFAULT_GAZETTEER:?INCMAP_DEFAULT_GAZETTEER not set}
TMP=${INCMAP_TEST_TMP:-/tmp}/e2e-physical-$$
mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT
. "$(dirname "$0")/e2e_common.sh"

[ -r "$GZ" ] || { echo "FAIL: no gazetteer at $GZ (build it: incmap gazetteer build)"; exit 1; }
command -v ogrinfo >/dev/null || { echo "SKIP: ogrinfo (Debian gdal-bin) is needed"; exit 77; }
sql() { ogrinfo -q -ro -dialect SQLite -sql "$1" "$GZ" 2>"$TMP/sqlerr" | sed -n 's/^ *[a-z_]* ([A-Za-z]*) = //p'; }
if [ "$(sql "SELECT count(*) AS n FROM sqlite_master WHERE name IN ('rivers', 'shore')")" != 2 ]; then
    echo "SKIP: $GZ has no GSHHG layers (install gmt-gshhg-high and rebuild it)"
    exit 77
fi
[ "$(sql "SELECT ST_IsValid(ST_GeomFromText('POINT(0 0)')) AS v")" = 1 ] ||
    { echo "SKIP: ogrinfo's SQLite dialect has no spatial functions (SpatiaLite)"; exit 77; }

rivers=$(sql "SELECT count(*) AS n FROM rivers WHERE level BETWEEN 0 AND 10")
all_rivers=$(sql "SELECT count(*) AS n FROM rivers")
[ "${rivers:-0}" -gt 1000 ] && [ "$rivers" = "$all_rivers" ] ||
    fail "rivers: $rivers with a level 0-10 of $all_rivers"
land=$(sql "SELECT count(*) AS n FROM shore WHERE level = 1")
lakes=$(sql "SELECT count(*) AS n FROM shore WHERE level = 2")
[ "${land:-0}" -gt 1000 ] && [ "${lakes:-0}" -gt 100 ] || fail "shore: $land land, $lakes lake polygons"
bad=$(sql "SELECT count(*) AS n FROM shore WHERE level NOT BETWEEN 1 AND 4 OR NOT ST_IsValid(geom)")
[ "$bad" = 0 ] || fail "shore: $bad polygons invalid or of no level 1-4"

# each sea name's point: the highest shore level containing it (none = open sea; 2, 4 = a lake)
sql "SELECT p.name || ' ' || coalesce((SELECT max(s.level) FROM shore s
       WHERE s.fid IN (SELECT id FROM rtree_shore_geom r
                       WHERE r.minx <= ST_X(p.geom) AND r.maxx >= ST_X(p.geom)
                         AND r.miny <= ST_Y(p.geom) AND r.maxy >= ST_Y(p.geom))
         AND ST_Intersects(s.geom, p.geom)), 0) AS v
     FROM places p WHERE p.feature_code IN ('SEA', 'GULF', 'OCN')" >"$TMP/seas"
[ "$(wc -l <"$TMP/seas")" -ge 10 ] || fail "only $(wc -l <"$TMP/seas") sea names: $(cat "$TMP/sqlerr")"
while read -r line; do
    case ${line##* } in
    0 | 2 | 4) ;;
    *) fail "the label point of ${line% *} is on land (shore level ${line##* })" ;;
    esac
done <"$TMP/seas"

# a city map on the detailed coast draws (the unit suite test_gis_gshhg checks what it draws)
echo '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"incident": 1,
 "role": "site", "name": "Port", "precision": 1}, "geometry": {"type": "Point",
 "coordinates": [35.52, 33.9]}}]}' >"$TMP/port.geojson"
run 0 render "$TMP/port.geojson" -o "$TMP/port.png" --extent 35.2,33.6,35.9,34.1 --gazetteer "$GZ"
finish physical "$rivers rivers, $land land and $lakes lake polygons, $(wc -l <"$TMP/seas") sea names in water"

#!/usr/bin/env bash
# `incmap extract -f FORMAT` and `incmap render` of OGR sources: every listed driver writes the
# report's features with typed fields (ogrinfo -al -so), UTF-8 names, one layer per geometry type
# for Shapefile (and GPKG with --split-geometry); outputs are atomic and need --force; render of
# the GeoPackage and FlatGeobuf draws the very same PNG as of the GeoJSON; a source without the
# incident schema is refused with one line naming the field. Runs on the fixture gazetteer.
# Env (set by ctest): INCMAP_BIN, INCMAP_GAZETTEER (the fixture gazetteer), INCMAP_FIXTURES,
# INCMAP_TEST_TMP.
set -u
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BIN=${INCMAP_BIN:?INCMAP_BIN not set}
: "${INCMAP_GAZETTEER:?INCMAP_GAZETTEER not set}"
REPORT=${INCMAP_FIXTURES:?INCMAP_FIXTURES not set}/reports/cue-fired-into.txt
TMP=${INCMAP_TEST_TMP:-/tmp}/e2e-ogr.$$
mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT
cd "$TMP" || exit 1
command -v ogrinfo >/dev/null || { echo "FAIL: ogrinfo (gdal-bin) is needed" >&2; exit 1; }

# shellcheck source=e2e_common.sh
. "$HERE/e2e_common.sh"
extract() { run "$1" extract "$REPORT" --date 2024-04-22 "${@:2}"; }

extract 0 -o ref.geojson || exit 1
n=$(grep -o '"type":"Feature"' ref.geojson | wc -l)
[ "$n" -ge 5 ] || fail "the fixture report gave $n features (want points, lines and polygons)"

# ogrinfo's summary of every layer of $1, one "name: type" per line
summary() { ogrinfo -ro -al -so "$1" 2>/dev/null; }
count() { summary "$1" | awk -F': ' '/^Feature Count/ { s += $2 } END { print s + 0 }'; }
has_field() { summary "$1" | grep -q "^$2: $3 "; }

# driver | output name | the type of the date field in that format | fields the format keeps
# elsewhere (KML: the name is the placemark's <name>, "end" is read as a time span's end)
# or cannot type (GeoJSONSeq has no schema:
# GDAL guesses from the values, and fatalities is null throughout this report)
while IFS='|' read -r drv out datetype untyped; do
    rm -rf "$out"
    extract 0 -f "$drv" -o "$out" || continue
    [ "$(count "$out")" = "$n" ] || fail "$drv: $(count "$out") features, expected $n"
    for f in incident precision fatalities injured start end; do
        [[ " $untyped " == *" $f "* ]] || has_field "$out" "$f" Integer || fail "$drv: field $f is not Integer"
    done
    for f in confidence uncertainty_km distance_km bearing_deg; do
        has_field "$out" "$f" Real || fail "$drv: field $f is not Real"
    done
    for f in id role name report country; do
        [[ " $untyped " == *" $f "* ]] || has_field "$out" "$f" String || fail "$drv: field $f is not String"
    done
    has_field "$out" date "$datetype" || fail "$drv: field date is not $datetype"
    ogrinfo -ro -al "$out" 2>/dev/null | grep -qi "name (String) = Syria–Turkey border" ||
        fail "$drv: the UTF-8 name 'Syria–Turkey border' did not survive"
    ogrinfo -ro -al "$out" 2>/dev/null | grep -q "report (String) = cue-fired-into.txt" ||
        fail "$drv: the report key is not the input's file name"
    summary "$out" | grep -q 'ID\["EPSG",4326\]' || fail "$drv: layer CRS is not EPSG:4326"
    ls -A | grep -q '^\.' && fail "$drv: a temporary file was left: $(ls -A | grep '^\.')"
done <<'LIST'
GPKG|x.gpkg|Date|
FlatGeobuf|x.fgb|DateTime|
KML|x.kml|String|name end
CSV|x.csv|Date|
GeoJSONSeq|x.geojsonl|Date|fatalities
LIST
# longitude, latitude order: the Tal Abyad point (38.9 E, 36.7 N) as written
ogrinfo -ro -al x.gpkg 2>/dev/null | grep -q "POINT (38\.[0-9]* 36\.[0-9]*)" ||
    fail "GPKG: the launch point is not in lon/lat order"

# Shapefile: a directory with one layer per geometry type, all features, UTF-8 declared
extract 0 -f "ESRI Shapefile" -o shp || true
layers=$(ogrinfo -ro -q shp 2>/dev/null | sed 's/^[0-9]*: //' | sort | tr '\n' ' ')
[ "$layers" = "incidents_line (Line String) incidents_point (Point) incidents_polygon (Polygon) " ] ||
    fail "Shapefile layers: '$layers'"
[ "$(count shp)" = "$n" ] || fail "Shapefile: $(count shp) features, expected $n"
[ "$(cat shp/incidents_point.cpg 2>/dev/null)" = "UTF-8" ] || fail "Shapefile: .cpg is not UTF-8"
extract 2 -f "ESRI Shapefile" -o one.shp && grep -q "directory" err || fail "-o one.shp: $(cat err)"
# GPKG --split-geometry
extract 0 -f GPKG --split-geometry -o split.gpkg --table inc
[ "$(ogrinfo -ro -q split.gpkg | sed 's/^[0-9]*: //' | sort | tr '\n' ' ')" = \
  "inc_line (Multi Line String) inc_point (Point) inc_polygon (Multi Polygon) " ] ||
    fail "GPKG --split-geometry layers: $(ogrinfo -ro -q split.gpkg | tr '\n' ' ')"

# --force: an existing output is refused and kept, then replaced; a Shapefile directory too
echo keep >exists.gpkg
extract 4 -f GPKG -o exists.gpkg && grep -q "exists" err || fail "existing output: $(cat err)"
[ "$(cat exists.gpkg)" = keep ] || fail "an existing output was changed without --force"
extract 0 -f GPKG -o exists.gpkg --force
[ "$(count exists.gpkg)" = "$n" ] || fail "--force did not replace the GeoPackage"
extract 4 -f "ESRI Shapefile" -o shp
extract 0 -f "ESRI Shapefile" -o shp --force
[ "$(count shp)" = "$n" ] || fail "--force did not replace the Shapefile directory"
ls -A | grep -q '^\.' && fail "a temporary file or directory was left: $(ls -A | grep '^\.')"

# a signal at any moment leaves the complete output or none, and no temporary file
mkdir sig
for delay in 0.05 0.1 0.2 0.3 0.5 0.8; do
    timeout -s INT "$delay" "$BIN" extract "$REPORT" --date 2024-04-22 -f GPKG -o sig/s.gpkg 2>/dev/null
    [ -z "$(ls -A sig | grep -v '^s\.gpkg$')" ] || fail "SIGINT after ${delay}s left $(ls -A sig)"
    [ ! -e sig/s.gpkg ] || [ "$(count sig/s.gpkg)" = "$n" ] || fail "SIGINT after ${delay}s: a partial s.gpkg"
    rm -f sig/s.gpkg
done

# errors: an unknown driver lists those there are; an unwritable place leaves nothing
extract 2 -f NoSuchFormat -o x.nsf && grep -q "GPKG" err && grep -q "FlatGeobuf" err ||
    fail "unknown driver: $(cat err)"
[ "$(wc -l <err)" = 1 ] || fail "unknown driver: more than one line: $(cat err)"
mkdir ro && chmod 555 ro
if [ "$(id -u)" -ne 0 ]; then
    extract 4 -f GPKG -o ro/x.gpkg
    [ -z "$(ls -A ro)" ] || fail "a failed write left $(ls -A ro)"
fi
extract 2 -f GPKG || true # no -o
grep -q "needs an output" err || fail "-f without -o: $(cat err)"
extract 2 -f GPKG -o y.gpkg --format text && grep -q "format" err || fail "-f with --format text"

# map --geojson FILE -f FORMAT: the map and the incidents in that format
run 0 map "$REPORT" --date 2024-04-22 -o m.png --geojson m.fgb -f FlatGeobuf --size 400x300
[ -s m.png ] && [ "$(count m.fgb)" = "$n" ] || fail "map --geojson m.fgb -f FlatGeobuf"
run 2 map "$REPORT" -o m2.png -f GPKG && grep -q -- "--geojson FILE" err || fail "map -f without --geojson: $(cat err)"

# render: the GeoPackage and the FlatGeobuf draw the same map as the GeoJSON, byte for byte
run 0 render ref.geojson -o ref.png --no-base --source S --size 800x600
for src in x.gpkg x.fgb; do
    run 0 render "$src" -o "$src.png" --no-base --source S --size 800x600 &&
        { cmp -s ref.png "$src.png" || fail "render $src differs from the GeoJSON's map"; }
done
# every other format reads back as the same incidents (drawn in the same place: the map's
# extent, its title from the first incident with its date)
for src in x.kml x.csv x.geojsonl shp split.gpkg; do
    run 0 render "$src" -o "$src.svg" --no-base --source S --size 800x600 || continue
    run 0 render ref.geojson -o ref.svg --no-base --source S --size 800x600 --force
    grep -o '<title>[^<]*' ref.svg >t.ref
    grep -o '<title>[^<]*' "$src.svg" | cmp -s - t.ref || fail "render $src: another title: $(grep -o '<title>[^<]*' "$src.svg")"
done

# render refuses a source without the schema, and a value that breaks it, naming the field
ogr2ogr -f GPKG norole.gpkg x.gpkg -sql "SELECT id, incident, name, geom FROM incidents" 2>/dev/null
run 3 render norole.gpkg -o n.png --no-base && grep -q "norole.gpkg: layer .*\"role\"" err ||
    fail "no role field: $(cat err)"
cp x.gpkg bad.gpkg
ogrinfo bad.gpkg -sql "UPDATE incidents SET precision = 7 WHERE fid = 1" >/dev/null 2>&1
run 3 render bad.gpkg -o b.png --no-base && grep -q "bad.gpkg: layer incidents: feature 1: precision: 7 is out of range" err ||
    fail "precision 7: $(cat err)"
[ "$(wc -l <err)" = 1 ] || fail "bad value: more than one line"
[ ! -e b.png ] || fail "a map was written from a bad source"

finish ogr_formats "$n features through GPKG, FlatGeobuf, KML, CSV, GeoJSONSeq, Shapefile"

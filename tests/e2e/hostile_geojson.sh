#!/usr/bin/env bash
# Hostile GeoJSON for `incmap render`: out-of-range and non-finite coordinates, coordinates as
# strings, positions of 1 and 10 numbers, unclosed and short rings, a million-point line, nesting
# deeper than the parser allows, duplicate keys, an unknown type, a nested FeatureCollection, a
# truncated file, a UTF-8 BOM and a legacy crs member. Renders use --no-base (no gazetteer), so
# only the GeoJSON path is under test; every failure must leave no map and no temporary file.
. "$(dirname "$0")/lib_hostile.sh"
D=$HTMP/in
mkdir -p "$D"
R=("$HBIN" render --no-base -o map.png)

# fc NAME GEOMETRY [EXTRA_MEMBERS]: a one-feature collection (a launch point by default)
fc() {
    printf '{"type":"FeatureCollection",%s"features":[{"type":"Feature","properties":{"incident":1,"role":"launch","name":"Zummar"},"geometry":%s}]}\n' \
        "${3:-}" "$2" >"$D/$1.geojson"
}
bad() { # NAME GEOMETRY PHRASE [EXTRA]: must fail with exit 3 naming the problem
    fc "$1" "$2" "${4:-}"
    hcase "geojson_$1" 3 "$3" --absent "$HWORK/map.png" -- "${R[@]}" "$D/$1.geojson"
}
P='{"type":"Point","coordinates":[42.6,36.65]}'

bad lat_91 '{"type":"Point","coordinates":[42.6,91]}' 'latitude 91 is out of range'
bad lon_540 '{"type":"Point","coordinates":[540,36.65]}' 'longitude 540 is out of range'
bad nan_literal '{"type":"Point","coordinates":[NaN,36.65]}' 'NaN|not valid JSON'
bad infinity_literal '{"type":"Point","coordinates":[42.6,Infinity]}' 'Infinity|not valid JSON'
bad overflow_1e999 '{"type":"Point","coordinates":[1e999,36.65]}' 'not a finite number'
bad coords_strings '{"type":"Point","coordinates":["42.6","36.65"]}' 'is a string, not a number'
bad position_1 '{"type":"Point","coordinates":[42.6]}' 'position has 1 number'
bad position_10 '{"type":"Point","coordinates":[1,2,3,4,5,6,7,8,9,10]}' 'more than 3 numbers'
bad ring_unclosed '{"type":"Polygon","coordinates":[[[40,36],[41,36],[41,37],[40,37]]]}' 'ring is not closed'
bad ring_3_points '{"type":"Polygon","coordinates":[[[40,36],[41,36],[40,36]]]}' 'ring has 3 position'
bad unknown_type '{"type":"Circle","coordinates":[42.6,36.65],"radius":5}' 'unknown geometry type "Circle"'
bad geometry_collection '{"type":"GeometryCollection","geometries":[]}' 'GeometryCollection'
bad legacy_crs_3857 "$P" 'not WGS84' '"crs":{"type":"name","properties":{"name":"EPSG:3857"}},'
# duplicate keys: GDAL and Python keep the last value, cJSON the first. incmap documents and
# unit-tests "the first wins" (src/geojson_read.c); these cases pin that down: a result, no crash.
# (Refusing, or warning, would tell a user that QGIS draws something else: see bugs.md H4.)
fc duplicate_keys '{"type":"Point","coordinates":[42.6,36.65],"coordinates":[10,10]}'
hcase geojson_duplicate_keys 0 '' --creates map.png -- "${R[@]}" "$D/duplicate_keys.geojson"
printf '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"role":"launch","role":"target","incident":1},"geometry":%s}]}' "$P" >"$D/dup_props.geojson"
hcase geojson_duplicate_property 0 '' --creates map.png -- "${R[@]}" "$D/dup_props.geojson"
printf '{"type":"FeatureCollection","features":[{"type":"FeatureCollection","features":[]}]}' >"$D/nested.geojson"
hcase geojson_nested_collection 3 'nested FeatureCollection' --absent "$HWORK/map.png" -- "${R[@]}" "$D/nested.geojson"
fc whole "$P"
head -c 100 "$D/whole.geojson" >"$D/truncated.geojson"
hcase geojson_truncated 3 'end of input|truncated' --absent "$HWORK/map.png" -- "${R[@]}" "$D/truncated.geojson"
python3 -c 'print("[" * 1000000 + "]" * 1000000)' >"$D/deep.geojson"
hcase geojson_deep_nesting 3 'nesting deeper than' --absent "$HWORK/map.png" -- "${R[@]}" "$D/deep.geojson"
printf '{"type":"FeatureCollection","features":[%s' "$(python3 -c 'print("{\"a\":" * 200000)')" >"$D/deep_objects.geojson"
hcase geojson_deep_objects 3 'nesting deeper than|end of input' --absent "$HWORK/map.png" -- "${R[@]}" "$D/deep_objects.geojson"
printf '\xef\xbb\xbf' >"$D/bom_only.geojson"
hcase geojson_bom_only 3 'empty input' --absent "$HWORK/map.png" -- "${R[@]}" "$D/bom_only.geojson"
printf '["not", "a", "collection"]' >"$D/array.geojson"
hcase geojson_top_array 3 'expected a FeatureCollection' --absent "$HWORK/map.png" -- "${R[@]}" "$D/array.geojson"
head -c 2000 /dev/urandom >"$D/random.geojson"
hcase geojson_random_bytes 3 'invalid UTF-8|not valid JSON|NUL byte' --absent "$HWORK/map.png" -- "${R[@]}" "$D/random.geojson"
hcase geojson_missing_file 4 'cannot open .*none.geojson' --absent "$HWORK/map.png" -- "${R[@]}" "$D/none.geojson"

# --- accepted: BOM, legacy WGS84 crs (a warning), a million-point line (bounded time, memory) ---
fc bom "$P"
printf '\xef\xbb\xbf' | cat - "$D/bom.geojson" >"$D/bom2.geojson"
hcase geojson_utf8_bom 0 '' --creates map.png -- "${R[@]}" "$D/bom2.geojson"
fc crs84 "$P" '"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},'
hcase geojson_legacy_crs84 0 'warning: .*legacy crs member' --creates map.png -- "${R[@]}" "$D/crs84.geojson"
python3 -c '
import json
c = [[40 + (i % 1000) / 1000.0, 35 + (i // 1000) / 1000.0] for i in range(1000000)]
f = {"type": "Feature", "properties": {"incident": 1, "role": "site", "name": "x"},
     "geometry": {"type": "LineString", "coordinates": c}}
print(json.dumps({"type": "FeatureCollection", "features": [f]}))' >"$D/million.geojson"
hcase geojson_million_points 0 '' --creates map.png --timeout 120 --maxrss 1500 -- "${R[@]}" "$D/million.geojson"
rm -f "$D/million.geojson"

hostile_done

#!/usr/bin/env bash
# Extracts the base layers of the benchmark map from the gazetteer GeoPackage into the files the
# peer renderers read: OGR_GMT text for GMT, and a copy of the incident layers split by role.
# Not timed (it only helps the peers). Needs: gdal-bin (ogr2ogr).
# usage: prepare.sh GAZETTEER.gpkg INCIDENTS.geojson OUTDIR W S E N
set -eu
GZ=$1 EX=$2 OUT=$3 W=$4 S=$5 E=$6 N=$7
mkdir -p "$OUT"
spat="-spat $W $S $E $N"
# wider box for the inset locator
IW=$(echo "$W - 12" | bc) IS=$(echo "$S - 12" | bc) IE=$(echo "$E + 12" | bc) IN=$(echo "$N + 12" | bc)
gmtfile() { rm -f "$OUT/$1.gmt"; shift_name=$1; shift; ogr2ogr -f OGR_GMT "$OUT/$shift_name.gmt" "$@"; }
gmtfile focus "$GZ" areas $spat -where "kind = 'country' AND country IN ('IQ', 'SY')"
gmtfile countries "$GZ" areas $spat -where "kind = 'country' AND country NOT IN ('IQ', 'SY')"
gmtfile admin1 "$GZ" areas $spat -where "kind = 'admin1'" -nlt MULTILINESTRING
gmtfile wide "$GZ" areas -spat "$IW" "$IS" "$IE" "$IN" -where "kind = 'country'"
gmtfile target "$EX" -where "role = 'target'"
gmtfile border "$EX" -where "role = 'border'"
# points as "lon lat name" text
ogr2ogr -f CSV /vsistdout/ -dialect SQLite \
    -sql "SELECT ST_X(geom) AS x, ST_Y(geom) AS y, name FROM places WHERE population >= 30000 AND ST_X(geom) BETWEEN $W AND $E AND ST_Y(geom) BETWEEN $S AND $N ORDER BY population DESC LIMIT 60" \
    "$GZ" | tail -n +2 | tr -d '"' | awk -F, '{printf "%s %s %s\n", $1, $2, $3}' >"$OUT/places.txt"
ogr2ogr -f CSV /vsistdout/ -dialect SQLite \
    -sql "SELECT ST_X(ST_PointOnSurface(geom)) AS x, ST_Y(ST_PointOnSurface(geom)) AS y, name FROM areas WHERE kind = 'country' AND ST_MaxX(geom) >= $W AND ST_MinX(geom) <= $E AND ST_MaxY(geom) >= $S AND ST_MinY(geom) <= $N" \
    "$GZ" | tail -n +2 | tr -d '"' | awk -F, '{printf "%s %s %s\n", $1, $2, toupper($3)}' >"$OUT/country_labels.txt"

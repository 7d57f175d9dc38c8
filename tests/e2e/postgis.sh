#!/usr/bin/env bash
# `incmap extract -f PostgreSQL` against a real PostgreSQL 15 + PostGIS server (started by the
# ctest fixture postgis_start, tests/e2e/pg_server.sh): the table is created with a GiST index
# and typed columns; re-running a report replaces its rows; 4 processes writing the same and
# different reports at once leave every report exactly once, with no error; `render PG:...` draws
# the same map as the GeoJSON; every geometry is valid (ST_IsValid).
# Env (set by ctest): INCMAP_BIN, INCMAP_GAZETTEER (fixture), INCMAP_FIXTURES, INCMAP_TEST_TMP,
# INCMAP_PG_DIR (the server's directory). Exit 77 only when PostgreSQL is not installed.
set -u
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BIN=${INCMAP_BIN:?INCMAP_BIN not set}
: "${INCMAP_GAZETTEER:?INCMAP_GAZETTEER not set}"
FIX=${INCMAP_FIXTURES:?INCMAP_FIXTURES not set}/reports
PGDIR=${INCMAP_PG_DIR:?INCMAP_PG_DIR not set}
PGBIN=${INCMAP_PG_BIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$PGBIN/psql" ]; then
    echo "PostgreSQL binaries not found in $PGBIN: skipped"
    exit 77
fi
[ -S "$PGDIR/sock/.s.PGSQL.5432" ] || { echo "FAIL: no server on $PGDIR/sock (postgis_start)" >&2; exit 1; }
TMP=${INCMAP_TEST_TMP:-/tmp}/e2e-postgis.$$
mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT
cd "$TMP" || exit 1
PG="PG:host=$PGDIR/sock user=incmap dbname=incidents"
sql() { "$PGBIN/psql" -h "$PGDIR/sock" -U incmap -d incidents -qAt -v ON_ERROR_STOP=1 -c "$1"; }

# shellcheck source=e2e_common.sh
. "$HERE/e2e_common.sh"
features() { grep -o '"type":"Feature"' "$1" | wc -l; }

sql "DROP TABLE IF EXISTS incidents; DROP TABLE IF EXISTS team_b"
cp "$FIX/cue-fired-into.txt" a.txt
cp "$FIX/kirkuk-two-incidents.txt" b.txt
run 0 extract a.txt --date 2024-04-22 -o a.geojson
run 0 extract b.txt --date 2024-04-22 -o b.geojson
na=$(features a.geojson)
nb=$(features b.geojson)

# write: the table appears, typed, with a GiST index, in EPSG:4326 lon/lat
run 0 extract a.txt --date 2024-04-22 -f PostgreSQL -o "$PG"
[ "$(sql "SELECT count(*) FROM incidents WHERE report = 'a.txt'")" = "$na" ] ||
    fail "write: $(sql "SELECT count(*) FROM incidents") rows, expected $na"
sql "SELECT indexdef FROM pg_indexes WHERE tablename = 'incidents'" | grep -qi "using gist (geom)" ||
    fail "no GiST index on incidents.geom"
types=$(sql "SELECT column_name || ':' || data_type FROM information_schema.columns
             WHERE table_name = 'incidents' ORDER BY column_name" | tr '\n' ' ')
for want in incident:integer precision:integer date:date confidence:"double precision" role:text; do
    [[ "$types" == *"$want"* ]] || fail "column type $want missing: $types"
done
[ "$(sql "SELECT DISTINCT ST_SRID(geom) FROM incidents")" = 4326 ] || fail "SRID is not 4326"
[ "$(sql "SELECT round(ST_X(geom)) || ',' || round(ST_Y(geom)) FROM incidents WHERE id = '1-launch-1'")" = "39,37" ] ||
    fail "the launch point is not lon,lat: $(sql "SELECT ST_AsText(geom) FROM incidents WHERE id = '1-launch-1'")"

# re-write: the report's rows are replaced, not doubled (-o PG:... alone means PostgreSQL)
run 0 extract a.txt --date 2024-04-22 -o "$PG"
[ "$(sql "SELECT count(*) FROM incidents")" = "$na" ] ||
    fail "re-write: $(sql "SELECT count(*) FROM incidents") rows, expected $na"

# concurrent writers: 4 processes at once, two on each report, three rounds
for round in 1 2 3; do
    pids=()
    for j in 1 2 3 4; do
        f=$([ $((j % 2)) = 0 ] && echo a.txt || echo b.txt)
        "$BIN" extract "$f" --date 2024-04-22 -o "$PG" 2>"err.$j" &
        pids+=($!)
    done
    for j in 0 1 2 3; do
        wait "${pids[$j]}" || fail "round $round: writer $((j + 1)) failed: $(cat "err.$((j + 1))")"
    done
    got=$(sql "SELECT report || '=' || count(*) || '/' || count(DISTINCT id) FROM incidents
               GROUP BY report ORDER BY report" | tr '\n' ' ')
    [ "$got" = "a.txt=$na/$na b.txt=$nb/$nb " ] || fail "round $round: rows per report: $got"
done

# --table: another table, created on first use
run 0 extract b.txt --date 2024-04-22 -f PostgreSQL -o "$PG" --table team_b
[ "$(sql "SELECT count(*) FROM team_b")" = "$nb" ] || fail "--table team_b"
run 2 extract b.txt -f PostgreSQL -o "$PG" --table 'x"; DROP TABLE incidents; --'
[ "$(sql "SELECT count(*) FROM incidents")" -gt 0 ] || fail "a table name reached the SQL"

# read back: render PG:... (one report) draws the same map as the report's GeoJSON
run 0 render a.geojson -o a.png --no-base --source S --size 800x600
run 0 render "$PG" --report a.txt -o pg.png --no-base --source S --size 800x600 &&
    { cmp -s a.png pg.png || fail "render PG: differs from the GeoJSON's map"; }
run 0 render "$PG" --table team_b -o pgb.png --no-base --source S --size 800x600
[ -s pgb.png ] || fail "render PG: --table team_b drew nothing"
run 3 render "$PG" --table spatial_ref_sys -o x.png --no-base && grep -q 'no "role" field' err ||
    fail "a table without the schema: $(cat err)"

# validity: every geometry written is valid (ST_IsValid), the simplified outlines of context
# mentions included, so ST_Union and overlays take the table as it is
bad=$(sql "SELECT count(*) FROM incidents WHERE NOT ST_IsValid(geom)" 2>/dev/null)
[ "$bad" = 0 ] || fail "$bad geometries are not valid (ST_IsValid)"
areas=$(sql "SELECT count(*) FROM incidents WHERE GeometryType(geom) LIKE '%POLYGON'" 2>/dev/null)
[ "${areas:-0}" -gt 0 ] || fail "no areas written: the validity check above checked no polygon"

# no server: one line, exit 5, nothing else
run 5 extract a.txt -o "PG:host=$TMP/none user=incmap dbname=incidents"
[ "$(wc -l <err)" = 1 ] || fail "no server: not one line: $(cat err)"

finish postgis "reports of $na and $nb features; 3 rounds of 4 concurrent writers"

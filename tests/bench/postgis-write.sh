#!/usr/bin/env bash
# PostGIS write of N reports (default 1,000): generates N short reports (written here from a few
# templates and town names), starts a throwaway PostgreSQL + PostGIS server (tests/e2e/
# pg_server.sh), and times `incmap extract REPORT -o PG:...` for every report, one process each,
# first one after another, then 4 at a time; then checks the table holds each report once.
# Usage: tests/bench/postgis-write.sh BUILD_DIR [N]   (needs the default gazetteer)
set -euo pipefail
build=$(cd "${1:?usage: postgis-write.sh BUILD_DIR [N]}" && pwd)
n=${2:-1000}
src=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/incmap-pgbench.XXXXXX")
pgdir=$work/pg
trap 'bash "$src/tests/e2e/pg_server.sh" stop "$pgdir" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
chmod 755 "$work"
bash "$src/tests/e2e/pg_server.sh" start "$pgdir"
PG="PG:host=$pgdir/sock user=incmap dbname=incidents"
psql=(/usr/lib/postgresql/15/bin/psql -h "$pgdir/sock" -U incmap -d incidents -qAt)

towns=(Zummar Mosul Kirkuk Erbil Tikrit Baiji Samarra Ramadi Fallujah Hit Haditha Qaim Sinjar
    Tal\ Afar Dohuk Zakho Sulaymaniyah Halabja Khanaqin Baqubah Hasakah Qamishli Raqqa Deir\ ez-Zor
    Manbij Kobani Aleppo Idlib Homs Hama Tartus Latakia Daraa Suwayda Palmyra Tyre Sidon Nabatieh)
verbs=("Rockets were fired from %s towards %s on Sunday, the local council said."
    "Drones launched from %s struck a depot near %s late on Tuesday, wounding %d guards."
    "Artillery in %s shelled the outskirts of %s on Friday; %d people were hurt, officials said."
    "A mortar round fired from %s landed in %s on Monday morning and injured %d farmers.")
mkdir -p "$work/reports"
for i in $(seq 1 "$n"); do
    a=${towns[$((i % ${#towns[@]}))]}
    b=${towns[$(((i * 7 + 3) % ${#towns[@]}))]}
    [ "$a" != "$b" ] || b=Baghdad
    # shellcheck disable=SC2059
    printf "${verbs[$((i % ${#verbs[@]}))]}\n" "$a" "$b" $((i % 9 + 1)) >"$work/reports/r$i.txt"
done

export INCMAP="$build/incmap" PG
one() { "$INCMAP" extract "$1" --date 2024-04-22 -o "$PG" 2>/dev/null || [ $? = 1 ]; }
export -f one
# wall and CPU seconds (user + system of the incmap processes, not the server's) of a loop
seq_loop() { for f in "$work"/reports/*.txt; do one "$f"; done; }
par_loop() { ls "$work"/reports/*.txt | xargs -P 4 -I{} bash -c 'one "$1"' _ {}; }
export -f seq_loop par_loop
export work
/usr/bin/time -f "%e %U %S" -o "$work/t1" bash -c seq_loop
rows=$("${psql[@]}" -c "SELECT count(*) FROM incidents")
/usr/bin/time -f "%e %U %S" -o "$work/t2" bash -c par_loop
rows2=$("${psql[@]}" -c "SELECT count(*) FROM incidents")
dups=$("${psql[@]}" -c "SELECT count(*) FROM (SELECT report, id FROM incidents GROUP BY 1, 2 HAVING count(*) > 1) d")
reports=$("${psql[@]}" -c "SELECT count(DISTINCT report) FROM incidents")
read -r w1 u1 s1 <"$work/t1"
read -r w2 u2 s2 <"$work/t2"
awk -v n="$n" -v w1="$w1" -v c1="$(echo "$u1 + $s1" | bc)" -v w2="$w2" -v c2="$(echo "$u2 + $s2" | bc)" \
    -v r="$rows" -v r2="$rows2" -v d="$dups" -v k="$reports" -v load="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {
    printf "%d reports (%d with a place) -> %d rows; load average %s\n", n, k, r, load
    printf "one after another: %.1f s wall (%.1f ms a report), %.1f s CPU (%.1f ms a report)\n", w1, w1 * 1000 / n, c1, c1 * 1000 / n
    printf "4 at a time, the same reports again (replacing their rows): %.1f s wall (%.1f ms a report), %.1f s CPU; rows after: %d, duplicated (report, id): %d\n", w2, w2 * 1000 / n, c2, r2, d
}'

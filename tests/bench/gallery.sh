#!/usr/bin/env bash
# Map gallery: maps every report in ../shared/benchmarks/incidents/ (when that folder is there)
# and maps/example-report.txt at 800x600, 1600x1200 and 3000x2000 into OUT_DIR, and puts
# thumbnails of them all on one contact sheet, OUT_DIR/contact-sheet.png, to look over at once.
# Not run by ctest: it is for looking at the maps (layout, sizes, labels) as a cartographer would.
# usage: tests/bench/gallery.sh [BUILD_DIR] [OUT_DIR]   (needs a built gazetteer)
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "$HERE/../.." && pwd)
BUILD=${1:-$SRC/build}
OUT=${2:-$BUILD/gallery}
SIZES=${GALLERY_SIZES:-"800x600 1600x1200 3000x2000"}
BENCH=$SRC/../shared/benchmarks/incidents
mkdir -p "$OUT"
reports=("$SRC/maps/example-report.txt")
if [ -d "$BENCH" ]; then
    reports+=("$BENCH"/*.txt)
else
    echo "gallery: $BENCH not found: the example only" >&2
fi
made=()
failed=0
for rep in "${reports[@]}"; do
    name=$(basename "$rep" .txt)
    date=2024-04-22
    meta=${rep%.txt}.json
    if [ -r "$meta" ]; then # the publication date resolves "on Sunday"
        d=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("publication_date") or "")' "$meta" 2>/dev/null)
        [ -n "$d" ] && date=$d
    fi
    for size in $SIZES; do
        png=$OUT/$name-$size.png
        if "$BUILD/incmap" map "$rep" --date "$date" --size "$size" -o "$png" --force 2>"$OUT/$name-$size.err"; then
            made+=("$png")
            rm -f "$OUT/$name-$size.err"
        else
            echo "gallery: $name $size: $(head -c 300 "$OUT/$name-$size.err")" >&2
            failed=$((failed + 1))
        fi
    done
done
ncols=$(echo "$SIZES" | wc -w)
[ "$ncols" -gt 1 ] || ncols=6
"$BUILD/tests/contact_sheet" "$OUT/contact-sheet.png" "$ncols" 480 "${made[@]}" || exit 1
echo "gallery: ${#made[@]} maps ($failed failed) in $OUT; contact sheet $OUT/contact-sheet.png"

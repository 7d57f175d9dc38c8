#!/usr/bin/env bash
# Hostile render options: sizes 0x0, negative and 100000x100000, DPI 0 and 1e6, an unknown CRS,
# garbage WKT and PROJ strings, a missing PROJ data directory, empty, inverted and out-of-range
# extents, range rings out of range, a missing basemap, a bad style file, an unknown format.
# Usage errors exit 2 before any work; nothing may be left at the output path.
. "$(dirname "$0")/lib_hostile.sh"
EX=$HFIX/render/example.geojson
R=("$HBIN" render "$EX" --no-base -o map.png)
opt() { # NAME EXIT PHRASE OPTION...
    local name=$1 want=$2 phrase=$3
    shift 3
    hcase "opt_$name" "$want" "$phrase" --absent "$HWORK/map.png" -- "${R[@]}" "$@"
}

opt size_0x0 2 'image size 0x0 out of range' --size 0x0
opt size_negative 2 'image size -5x-5 out of range' --size -5x-5
opt size_100000 2 'image size 100000x100000 out of range' --size 100000x100000
opt size_overflow 2 "size .*out of range|--size '99999999999999999999x2'" --size 99999999999999999999x2
opt size_garbage 2 "--size '12x'" --size 12x
opt dpi_0 2 'dpi 0 out of range' --dpi 0
opt dpi_1e6 2 'dpi 1e\+06 out of range' --dpi 1e6
opt dpi_nan 2 "--dpi 'nan'" --dpi nan
opt crs_unknown_epsg 2 "unknown CRS 'EPSG:999999'" --crs EPSG:999999
opt crs_garbage_wkt 2 'unknown CRS .PROJCS\["garbage"' --crs 'PROJCS["garbage",GEOGCS['
opt crs_garbage_proj 2 "unknown CRS '\+proj=nonsense'" --crs '+proj=nonsense'
opt crs_empty 2 'CRS' --crs ''
opt extent_inverted 2 'extent 45,30,40,35 is empty or inverted' --extent 45,30,40,35
opt extent_empty 2 'is empty or inverted' --extent 40,30,40,30
opt extent_out_of_range 2 'outside -180..180' --extent -500,30,40,95
opt extent_three_numbers 2 "--extent '1,2,3'" --extent 1,2,3
opt range_negative 2 'range -5 km out of range' --range-km -5
opt range_huge 2 'out of range' --range-km 1e9
opt format_gif 2 'unknown map format' -o map.gif
opt basemap_missing 4 'basemap .*nonexistent.tif.*(No such file|not exist)' --basemap /nonexistent.tif
printf '{"colors": {"sea": "#zzzzzz"}}' >"$HTMP/bad-style.json"
opt style_bad_color 3 "bad value for 'colors.sea'" --style "$HTMP/bad-style.json"
opt style_missing 4 'nostyle.json' --style "$HTMP/nostyle.json"
# Without its data directory PROJ cannot resolve EPSG codes: the message must say so, not
# "unknown CRS" (which sends the user hunting for a typo)
hcase opt_proj_data_missing '4|5' 'proj\.db|PROJ data|PROJ_DATA' --absent "$HWORK/map.png" -- \
    env PROJ_DATA=/nonexistent PROJ_LIB=/nonexistent "${R[@]}" --crs EPSG:3857
# ... while the default projection (a PROJ string) needs no database
hcase opt_proj_data_missing_default 0 '' --creates map.png -- \
    env PROJ_DATA=/nonexistent PROJ_LIB=/nonexistent "${R[@]}"

hostile_done

#!/usr/bin/env bash
# Hostile render inputs at the limits (issue 14): feature numbers and counts that made the
# renderer quadratic, CRSs that cannot show the incidents, extents too small to draw, style
# values the drawing code cannot use, titles cut mid-character, huge rasters as basemaps and
# option spellings that are not decimal numbers. Each case: a status and one line, or a map.
. "$(dirname "$0")/lib_hostile.sh"
EX=$HFIX/render/example.geojson
R=("$HBIN" render "$EX" --no-base -o map.png)
ok() { # NAME OPTION...: draws a map, silently, within a minute
    local name=$1
    shift
    hcase "ok_$name" 0 "" --timeout 60 --creates map.png -- "${R[@]}" "$@"
}
no() { # NAME EXIT PHRASE OPTION...: refused, nothing written
    local name=$1 want=$2 phrase=$3
    shift 3
    hcase "no_$name" "$want" "$phrase" --absent "$HWORK/map.png" -- "${R[@]}" "$@"
}

# One feature numbered 2147483647: the subtitle pass counted 1..max, a scan of the features each
# (minutes); now it visits each incident number present once.
printf '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point",
"coordinates":[40,35]},"properties":{"incident":2147483647,"role":"site","name":"X"}}]}' \
    >"$HTMP/bigid.geojson"
hcase ok_incident_number_max 0 '' --timeout 60 --creates map.png -- \
    "$HBIN" render "$HTMP/bigid.geojson" --no-base -o map.png

# Numbers are decimal: strtod also read hexadecimal ("0x2A" = 42) and leading spaces
no extent_hex 2 "--extent '0x2A,30,45,38': want four decimal numbers" --extent 0x2A,30,45,38
no extent_space 2 "want four decimal numbers" --extent '40, 30,45,38'
no dpi_hex 2 "--dpi '0x60': not a decimal number" --dpi 0x60
no range_hex 2 "--range-km '0x10': not a decimal number" --range-km 0x10
ok extent_exponent --extent -4.2e1,30,45,3.8e1

# CRSs that cannot draw these incidents: PROJ transforms lon/lat to geocentric X, Y or to a
# vertical CRS, and +proj=ortho centred on the far side dropped the incidents; each drew a
# wrong map with exit 0
no crs_geocentric 2 "CRS 'EPSG:4978' cannot draw a map: .*geocentric" --crs EPSG:4978
no crs_geocent_string 2 "cannot draw a map: .*geocentric" --crs '+proj=geocent +datum=WGS84'
no crs_vertical 2 "CRS 'EPSG:5773' cannot draw a map: .*vertical" --crs EPSG:5773
no crs_ortho_far_side 2 "cannot show the launch 'Zummar'" --crs '+proj=ortho +lat_0=-40 +lon_0=-120'
ok crs_ortho_near_side --crs '+proj=ortho +lat_0=30 +lon_0=40'
ok crs_compound --crs EPSG:5972

# Style values the renderer cannot draw are refused at load (exit 3, naming the key): a text
# size of 0 made cairo fail the whole map ("invalid matrix", exit 5) and an alpha of 150 passed
style() { # NAME EXIT PHRASE JSON
    printf '%s' "$4" >"$HTMP/style-$1.json"
    hcase "style_$1" "$2" "$3" --absent "$HWORK/map.png" -- "${R[@]}" --style "$HTMP/style-$1.json"
}
style title_0 3 "bad value for 'sizes.title' \\(expected a number 1\\.\\.200\\)" '{"sizes": {"title": 0}}'
style tick_0 3 "bad value for 'sizes.tick'" '{"sizes": {"tick": 0}}'
style legend_half 3 "bad value for 'sizes.legend'" '{"sizes": {"legend": 0.5}}'
style alpha_150 3 "bad value for 'target_fill_alpha' \\(expected a number 0\\.\\.1\\)" \
    '{"target_fill_alpha": 150}'
printf '{"widths": {"halo": 0}, "sizes": {"title": 1}, "target_fill_alpha": 1}' >"$HTMP/style-edge.json"
ok style_edges --style "$HTMP/style-edge.json"

# Extents under 0.001 degrees a side: a metre-wide map put its 1 km scale bar off the image,
# and at 1e-7 degrees the frame was one fill; now refused (the smallest draws, in metres)
no extent_one_metre 2 'extent 42.6,36.65,42.60001,36.65001 is too small \(at least 0.001 degrees' \
    --extent 42.6,36.65,42.60001,36.65001
no extent_1e-7 2 'is too small' --extent 42.6,36.65,42.6000001,36.6500001
ok extent_smallest --extent 42.6,36.65,42.601,36.651

# Titles and names of 300+ non-ASCII characters: fixed buffers cut them mid-character, pango
# warned "Invalid UTF-8" on stderr and dropped the line; now cut at a character boundary
LONG=$(python3 -c 'print("\u00e9" * 300)')
ok title_long_utf8 --title "$LONG"
ok title_long_3byte --title "$(python3 -c 'print("\u2014" * 250)')"
python3 - "$HTMP/long-names.geojson" <<'PY'
import json, sys
name = "\u0634" * 320  # Arabic sheen, 2 bytes each
feats = []
for i, (lon, lat, role) in enumerate([(42.6, 36.65, "launch"), (41.5, 36.0, "target"),
                                      (44.4, 32.5, "site")]):
    feats.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
                  "properties": {"incident": 1 if i < 2 else 2, "role": role,
                                 "name": name + str(i), "event_type": "\u00e9" * 40,
                                 "date": "\u00e9" * 30, "fatalities": 1}})
json.dump({"type": "FeatureCollection", "features": feats}, open(sys.argv[1], "w"))
PY
hcase ok_names_long_utf8 0 '' --creates map.png -- \
    "$HBIN" render "$HTMP/long-names.geojson" --no-base -o map.png

# A VRT declaring a 2e9 x 2e9 raster (no source file: every pixel reads as its default) as the
# basemap: the warper read the whole window under the map, 90+ s of CPU then exit 5; now it
# reads a decimated window, about two source pixels per map pixel
cat >"$HTMP/huge.vrt" <<'VRT'
<VRTDataset rasterXSize="2000000000" rasterYSize="2000000000">
  <SRS>EPSG:4326</SRS>
  <GeoTransform>-180, 1.8e-7, 0, 90, 0, -0.9e-7</GeoTransform>
  <VRTRasterBand dataType="Byte" band="1"><NoDataValue>255</NoDataValue></VRTRasterBand>
</VRTDataset>
VRT
ok basemap_vrt_2e9 --basemap "$HTMP/huge.vrt"

hostile_done

# Sourced by the render e2e scripts: BASE=$TMP/base.gpkg, the base GeoPackage (areas and places
# layers, like the gazetteer's) built from the render fixtures with ogr2ogr. Exits 77 (skipped)
# when ogr2ogr (Debian gdal-bin) is missing, or SKIP_CODE when set.
if ! command -v ogr2ogr >/dev/null; then
    echo "SKIP: ogr2ogr (Debian package gdal-bin) is needed to build the base GeoPackage"
    exit "${SKIP_CODE:-77}"
fi
BASE=$TMP/base.gpkg
ogr2ogr -f GPKG -nln areas -nlt PROMOTE_TO_MULTI "$BASE" "$FIX/areas.geojson" &&
    ogr2ogr -f GPKG -append -nln places "$BASE" "$FIX/places.geojson" || { echo "FAIL: ogr2ogr"; exit 1; }

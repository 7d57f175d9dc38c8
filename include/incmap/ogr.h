/* Incidents through GDAL/OGR: write them in any OGR vector format that can write (GeoPackage,
 * FlatGeobuf, KML, CSV, ESRI Shapefile, GeoJSONSeq, PostgreSQL/PostGIS, ...) and read them back
 * from any OGR vector source with the incident schema. The fields are those of the incident
 * GeoJSON (incmap/geojson.h), with OGR types: integers as integers, reals as reals, the date as a
 * date; coordinates are WGS84 longitude, latitude (EPSG:4326, traditional GIS axis order).
 * Library `incmap_ogr` (links GDAL); the `incmap` core library does not. */
#ifndef INCMAP_OGR_H
#define INCMAP_OGR_H

#include "incident.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    /* GDAL short name of the driver: "GPKG", "FlatGeobuf", "ESRI Shapefile", "PostgreSQL", ...
     * (case does not matter). */
    const char *driver;
    /* Layer (table) name; NULL = "incidents". With one layer per geometry type the layers are
     * NAME_point, NAME_line and NAME_polygon. */
    const char *layer;
    /* One layer per geometry type (points, lines, polygons) instead of one mixed layer. Always
     * on for ESRI Shapefile, which cannot hold mixed geometry. */
    bool split_geometry;
    /* The report key of features whose `report` is NULL (the writer sets it on none itself
     * otherwise); PostgreSQL needs a key on every feature to replace a report's rows. */
    const char *report;
} incmap_ogr_opts;

INCMAP_API incmap_ogr_opts incmap_ogr_opts_default(void);

/* Writes INC to DEST in the driver's format. Files are written atomically: into a temporary name
 * beside DEST (with DEST's extension), renamed into place after GDAL closed it; a Shapefile (one
 * .shp per geometry type) is a directory written the same way. An existing DEST is replaced only
 * when the ctx allows overwriting (incmap_ctx_set_overwrite).
 * PostgreSQL: DEST is a connection string ("PG:dbname=incidents"); the rows go into table LAYER
 * (created with a GiST index when absent) and replace the rows of the same reports, in one
 * transaction per call that holds an advisory lock on each report key: concurrent writers never
 * duplicate a report's rows. INCMAP_ERR_INVALID_ARG for an unknown driver or one that cannot write
 * vectors; INCMAP_ERR_IO for files; INCMAP_ERR_GDAL for database and other GDAL failures. */
INCMAP_API incmap_status incmap_ogr_write(incmap_ctx *ctx, const incmap_incidents *inc,
                                          const char *dest, const incmap_ogr_opts *opts);

/* Reads the incidents of an OGR vector source: a file (GeoPackage, FlatGeobuf, Shapefile
 * directory, ...) or a "PG:..." connection. Every layer with the incident schema is read (for
 * PG: the table LAYER, NULL = "incidents"; a report filter REPORT when not NULL). A layer
 * missing "role" or "incident", or a value that breaks the schema, is INCMAP_ERR_PARSE with one
 * line naming the source, the layer and the field. Owned: free with incmap_incidents_destroy(). */
INCMAP_API incmap_incidents *incmap_ogr_read(incmap_ctx *ctx, const char *source, const char *layer,
                                             const char *report);

/* The vector drivers of the GDAL in use that can create files or layers, as "GPKG, FlatGeobuf,
 * ..." (owned: free with incmap_free()). NULL when out of memory. */
INCMAP_API char *incmap_ogr_drivers(incmap_ctx *ctx);

#ifdef __cplusplus
}
#endif

#endif

/* Internal header of the OGR stage (src/ogr/): incidents to and from any OGR vector format. The
 * field list is built from the GeoJSON stage's property table (geojson/geojson_schema.c), so
 * GeoJSON, every OGR format and PostGIS carry the same properties with the same names. */
#ifndef INCMAP_OGR_INT_H
#define INCMAP_OGR_INT_H

#include "core/core.h"
#include "geojson/geojson_int.h"
#include "incmap/ogr.h"

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

/* One attribute field: "id", "incident" and "role" (prop NULL), then one per schema property. */
typedef struct {
    const char *name;
    OGRFieldType type;
    const gj_prop *prop; /* NULL for id, incident, role */
} ogr_field;

#define OGR_NFIELDS (3 + GJ_NPROPS)
extern const ogr_field *const incmap_ogr_fields; /* OGR_NFIELDS entries, in file order */
enum { OGR_F_ID, OGR_F_INCIDENT, OGR_F_ROLE };

/* Registers GDAL's drivers once and silences GDAL's own error printing on this thread (the
 * library never prints): messages are read back with incmap_ogr_fail(). Pair with
 * incmap_ogr_end(). */
void incmap_ogr_begin(void);
void incmap_ogr_end(void);
/* Sets "WHAT: <GDAL's last error>" on the ctx and returns st. */
incmap_status incmap_ogr_fail(incmap_ctx *ctx, incmap_status st, const char *what);
/* EPSG:4326 in longitude, latitude order (owned: OSRDestroySpatialReference). */
OGRSpatialReferenceH incmap_ogr_wgs84(void);
/* The writable vector driver called NAME (any case), or NULL after setting the ctx error with
 * the list of the drivers there are. */
GDALDriverH incmap_ogr_driver(incmap_ctx *ctx, const char *name);
/* The feature's geometry as an OGR geometry (owned: OGR_G_DestroyGeometry), coordinates rounded
 * as in GeoJSON, rings closed; NULL when out of memory. */
OGRGeometryH incmap_ogr_geometry(const incmap_geom *g);
/* The index in DEFN of each of incmap_ogr_fields (MAP[k]), -1 where the format has no such
 * field; Shapefile's names cut to 10 bytes are found too. Returns the number found. */
int incmap_ogr_field_map(OGRFeatureDefnH defn, int map[OGR_NFIELDS]);
/* Writes feature F (its id ID; REPORT stands in for a NULL f->report) into layer L whose fields
 * MAP gives (incmap_ogr_field_map); MULTI promotes lines and polygons to multi-geometries (the
 * layers of one geometry type). INCMAP_ERR_INVALID_ARG for a date that is not YYYY-MM-DD,
 * INCMAP_ERR_GDAL when the driver refuses the feature. */
incmap_status incmap_ogr_put(incmap_ctx *ctx, OGRLayerH l, const int map[OGR_NFIELDS],
                             const incmap_feature *f, const char *id, const char *report,
                             bool multi);
/* KEY as a PostgreSQL string literal: E'...' with \ and ' escaped, whatever
 * standard_conforming_strings says. Owned: free(); NULL when out of memory. */
char *incmap_ogr_pg_literal(const char *key);
/* PostgreSQL: writes INC into table TABLE of the database DS (see incmap_ogr_write). */
incmap_status incmap_ogr_pg_write(incmap_ctx *ctx, GDALDatasetH ds, const incmap_incidents *inc,
                                  const char *table, const char *report);

#endif

/* GeoJSON (RFC 7946) for incidents: the contract between the geoparser and the renderer.
 * Writer: FeatureCollection, lon/lat order, at most 6 decimals, right-hand-rule polygons, bbox,
 * no crs member, finite numbers only. Reader: takes what the writer writes and what a GIS user
 * edits (QGIS, ogr2ogr), and rejects the rest with a message saying where. */
#ifndef INCMAP_GEOJSON_H
#define INCMAP_GEOJSON_H

#include "incident.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Owned string: free with incmap_free(). NULL on error. */
INCMAP_API char *incmap_geojson_write(incmap_ctx *ctx, const incmap_incidents *inc, bool pretty);
/* Writes to PATH atomically (temporary file in the same directory, then rename). */
INCMAP_API incmap_status incmap_geojson_save(incmap_ctx *ctx, const incmap_incidents *inc,
                                             const char *path);

/* One geometry as a GeoJSON geometry object (one line), under the writer's rules above: for
 * callers that write their own features (`incmap lookup --format geojson`). BBOX, when not NULL,
 * receives west, south, east, north of the rounded coordinates. Owned string: free with
 * incmap_free(). NULL + INCMAP_ERR_INVALID_ARG for a geometry the format cannot hold (a
 * non-finite or out-of-range vertex, a ring of under 4 positions, inconsistent rings). */
INCMAP_API char *incmap_geojson_geometry_write(incmap_ctx *ctx, const incmap_geom *g,
                                               double bbox[4]);

/* Owned: free with incmap_incidents_destroy(). NULL on error (see ctx). */
INCMAP_API incmap_incidents *incmap_geojson_read(incmap_ctx *ctx, const char *buf, size_t len);
INCMAP_API incmap_incidents *incmap_geojson_load(incmap_ctx *ctx, const char *path);

#ifdef __cplusplus
}
#endif
#endif

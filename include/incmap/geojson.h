/* GeoJSON (RFC 7946) for incidents: the contract between the geoparser and the renderer.
 * Writer: FeatureCollection, lon/lat order, at most 6 decimals, right-hand-rule polygons, bbox,
 * no crs member, finite numbers only. Reader: takes what the writer writes and what a GIS user
 * edits (QGIS, ogr2ogr), and rejects the rest with a message saying where. */
#ifndef INCMAP_GEOJSON_H
#define INCMAP_GEOJSON_H

#include "incident.h"

#include <stdbool.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    /* as incmap_geojson_write's pretty */
    bool pretty;
    /* RFC 8142 GeoJSON Text Sequence: each feature as RS (0x1E) + one-line Feature + LF; no
     * FeatureCollection wrapper */
    bool seq;
    /* prepended to every feature id ("r12:" -> "r12:1-launch-1"); NULL = none */
    const char *id_prefix;
} incmap_geojson_opts;

/* Streams INC to OUT (not closed) under the writer's rules; on error nothing more is written and
 * the status + ctx message say why. Memory is O(one feature), not O(document).
 * Every feature is checked before the first byte is written, so a model the format cannot hold
 * (INCMAP_ERR_INVALID_ARG: a non-finite or out-of-range number, a bad ring, invalid UTF-8, an
 * id_prefix that is not UTF-8) writes nothing at all; a failed write is INCMAP_ERR_IO. OPTS NULL:
 * all false / NULL. The output is byte for byte what incmap_geojson_write() returns for the same
 * pretty flag (seq and id_prefix aside). */
INCMAP_API incmap_status incmap_geojson_write_stream(incmap_ctx *ctx, const incmap_incidents *inc,
                                                     FILE *out, const incmap_geojson_opts *opts);
/* The whole FeatureCollection as one string (pretty: one feature per line). Owned string: free
 * with incmap_free(). NULL on error. */
INCMAP_API char *incmap_geojson_write(incmap_ctx *ctx, const incmap_incidents *inc, bool pretty);
/* Writes to PATH atomically (temporary file in the same directory, then rename), streamed with
 * incmap_geojson_write_stream(pretty), so the document is never held in memory. */
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

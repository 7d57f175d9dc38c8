/* incmap_geom: a small, owned geometry in WGS84 lon/lat degrees, shared by the gazetteer, the
 * geoparser, the GeoJSON reader/writer and the renderer. Points, lines and polygons are stored
 * flat: all vertices in one array, rings (or lines) delimited by ring_end, polygons by poly_end. */
#ifndef INCMAP_GEOM_H
#define INCMAP_GEOM_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    INCMAP_GEOM_POINT = 1,
    INCMAP_GEOM_LINESTRING,
    INCMAP_GEOM_POLYGON,
    INCMAP_GEOM_MULTILINESTRING,
    INCMAP_GEOM_MULTIPOLYGON
} incmap_geom_type;

typedef struct incmap_geom {
    incmap_geom_type type;
    size_t npoints;   /* vertices in xy */
    double *xy;       /* lon0, lat0, lon1, lat1, ... (2 * npoints doubles) */
    size_t nrings;    /* rings (polygons) or lines (line strings); 0 for a point */
    size_t *ring_end; /* ring i holds vertices [ring_end[i-1], ring_end[i]) */
    size_t npolys;    /* polygons (polygon: 1; multipolygon: n; else 0) */
    size_t
        *poly_end; /* polygon i holds rings [poly_end[i-1], poly_end[i]); its first is the shell */
} incmap_geom;

/* Owned: free with incmap_geom_destroy(). NULL when out of memory. Arrays are zeroed. */
INCMAP_API incmap_geom *incmap_geom_create(incmap_geom_type type, size_t npoints, size_t nrings,
                                           size_t npolys);
INCMAP_API incmap_geom *incmap_geom_point(double lon_deg, double lat_deg);
INCMAP_API incmap_geom *incmap_geom_clone(const incmap_geom *g);
INCMAP_API void incmap_geom_destroy(incmap_geom *g); /* NULL is a no-op */

/* Point-in-polygon (even-odd over every ring of every polygon); false for non-areal types. */
INCMAP_API bool incmap_geom_contains(const incmap_geom *g, incmap_lonlat p);

/* Bounding box: out[0..3] = west, south, east, north. False for an empty geometry. */
INCMAP_API bool incmap_geom_bbox(const incmap_geom *g, double out[4]);

#ifdef __cplusplus
}
#endif
#endif

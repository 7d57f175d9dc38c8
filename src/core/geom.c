/* Geometry values shared by every stage: allocation, copy, bounding box and point-in-polygon.
 * Heavy geometry (intersections, buffers, borders) is done with GEOS through GDAL when the
 * gazetteer is built; at run time only these cheap tests are needed, so the core needs no GDAL. */
#include "core/core.h"

#include <stdlib.h>
#include <string.h>

incmap_geom *incmap_geom_create(incmap_geom_type type, size_t npoints, size_t nrings, size_t npolys)
{
    incmap_geom *g = calloc(1, sizeof *g);
    if (g == NULL) {
        return NULL;
    }
    g->type = type;
    g->npoints = npoints;
    g->nrings = nrings;
    g->npolys = npolys;
    g->xy = calloc(npoints > 0 ? 2 * npoints : 1, sizeof *g->xy);
    g->ring_end = calloc(nrings > 0 ? nrings : 1, sizeof *g->ring_end);
    g->poly_end = calloc(npolys > 0 ? npolys : 1, sizeof *g->poly_end);
    if (g->xy == NULL || g->ring_end == NULL || g->poly_end == NULL) {
        incmap_geom_destroy(g);
        return NULL;
    }
    return g;
}

incmap_geom *incmap_geom_point(double lon_deg, double lat_deg)
{
    incmap_geom *g = incmap_geom_create(INCMAP_GEOM_POINT, 1, 0, 0);
    if (g != NULL) {
        g->xy[0] = lon_deg;
        g->xy[1] = lat_deg;
    }
    return g;
}

incmap_geom *incmap_geom_clone(const incmap_geom *src)
{
    if (src == NULL) {
        return NULL;
    }
    incmap_geom *g = incmap_geom_create(src->type, src->npoints, src->nrings, src->npolys);
    if (g == NULL) {
        return NULL;
    }
    memcpy(g->xy, src->xy, 2 * src->npoints * sizeof *g->xy);
    if (src->nrings > 0) {
        memcpy(g->ring_end, src->ring_end, src->nrings * sizeof *g->ring_end);
    }
    if (src->npolys > 0) {
        memcpy(g->poly_end, src->poly_end, src->npolys * sizeof *g->poly_end);
    }
    return g;
}

void incmap_geom_destroy(incmap_geom *g)
{
    if (g == NULL) {
        return;
    }
    free(g->xy);
    free(g->ring_end);
    free(g->poly_end);
    free(g);
}

bool incmap_geom_bbox(const incmap_geom *g, double out[4])
{
    if (g == NULL || g->npoints == 0) {
        return false;
    }
    out[0] = out[2] = g->xy[0];
    out[1] = out[3] = g->xy[1];
    for (size_t i = 1; i < g->npoints; i++) {
        double x = g->xy[2 * i], y = g->xy[2 * i + 1];
        out[0] = x < out[0] ? x : out[0];
        out[2] = x > out[2] ? x : out[2];
        out[1] = y < out[1] ? y : out[1];
        out[3] = y > out[3] ? y : out[3];
    }
    return true;
}

bool incmap_ring_parity(const double *xy, size_t begin, size_t end, incmap_lonlat p)
{
    bool inside = false;
    for (size_t i = begin, j = end - 1; i < end; j = i++) {
        double xi = xy[2 * i], yi = xy[2 * i + 1];
        double xj = xy[2 * j], yj = xy[2 * j + 1];
        if ((yi > p.lat_deg) != (yj > p.lat_deg) &&
            p.lon_deg < (xj - xi) * (p.lat_deg - yi) / (yj - yi) + xi) {
            inside = !inside;
        }
    }
    return inside;
}

bool incmap_geom_contains(const incmap_geom *g, incmap_lonlat p)
{
    if (g == NULL || (g->type != INCMAP_GEOM_POLYGON && g->type != INCMAP_GEOM_MULTIPOLYGON)) {
        return false;
    }
    /* even-odd over all rings: holes and separate polygons both come out right */
    bool inside = false;
    size_t begin = 0;
    for (size_t r = 0; r < g->nrings; r++) {
        if (g->ring_end[r] > begin) {
            inside ^= incmap_ring_parity(g->xy, begin, g->ring_end[r], p);
        }
        begin = g->ring_end[r];
    }
    return inside;
}

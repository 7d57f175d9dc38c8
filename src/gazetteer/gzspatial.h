/* Internal: what the two reverse-geocoding indexes share (gznearest.c: points; gzareas.c:
 * country and admin-1 polygons): a grid of 1-degree cells, lower bounds on the great-circle
 * distance from a point to a lon/lat box, unit vectors, and publishing an index built on first
 * use. Angles are in radians on the unit sphere. */
#ifndef INCMAP_GZSPATIAL_H
#define INCMAP_GZSPATIAL_H

#include "gazetteer/gzread.h"

#include <math.h>
#include <stdlib.h>

/* 180 bands of 360 cells: 1 degree a side. Finer cells cost memory and empty-cell visits in the
 * desert and at sea; coarser ones make the dense cells (Java, the Ganges plain) scan thousands of
 * points. */
#define GZS_BANDS 180u
#define GZS_COLS 360u
#define GZS_NCELLS (GZS_BANDS * GZS_COLS)
#define GZS_RAD (M_PI / 180.0)

static inline uint32_t gzs_band(double lat_deg)
{
    double b = floor(lat_deg + 90.0);
    return b < 0 ? 0 : b >= GZS_BANDS ? GZS_BANDS - 1 : (uint32_t)b;
}

static inline uint32_t gzs_col(double lon_deg)
{
    double c = floor(lon_deg + 180.0);
    return c < 0 ? 0 : c >= GZS_COLS ? GZS_COLS - 1 : (uint32_t)c;
}

static inline bool gzs_point_ok(incmap_lonlat p)
{
    return isfinite(p.lon_deg) && isfinite(p.lat_deg) && fabs(p.lon_deg) <= 180.0 &&
           fabs(p.lat_deg) <= 90.0;
}

static inline void gzs_unit(double lon_deg, double lat_deg, double v[3])
{
    double cl = cos(lat_deg * GZS_RAD);
    v[0] = cl * cos(lon_deg * GZS_RAD);
    v[1] = cl * sin(lon_deg * GZS_RAD);
    v[2] = sin(lat_deg * GZS_RAD);
}

/* A lower bound on the angle from (lon, lat) (cos_lat = cos of lat) to any point of the box
 * west, south, east, north (degrees, west <= east): the latitude gap, and the distance to the
 * nearest meridian the box lies beyond (a point at longitude gap a is at least
 * asin(cos lat * sin a) from it, for a up to 90 degrees). */
static inline double gzs_box_bound(double lon, double lat, double cos_lat, const double box[4])
{
    double lat_gap = lat < box[1] ? box[1] - lat : lat > box[3] ? lat - box[3] : 0;
    double lon_gap = 0;
    if (lon < box[0] || lon > box[2]) {
        /* eastward to the box's west side, westward to its east side (both in [0, 360)) */
        double west = box[0] - lon, east = lon - box[2];
        west += west < 0 ? 360.0 : 0;
        east += east < 0 ? 360.0 : 0;
        lon_gap = west < east ? west : east;
    }
    double b_lon = lon_gap >= 90.0 ? asin(cos_lat) : asin(cos_lat * sin(lon_gap * GZS_RAD));
    double b_lat = lat_gap * GZS_RAD;
    return b_lat > b_lon ? b_lat : b_lon;
}

/* The index of SLOT, built by BUILD on first use (NULL with the ctx error when that fails).
 * Threads racing to build it keep the first published and free theirs. */
static inline const void *gzs_lazy(const incmap_gazetteer *gz, incmap_ctx *ctx, int slot,
                                   void *(*build)(const incmap_gazetteer *, incmap_ctx *))
{
    void *ix = atomic_load_explicit(&gz->lazy[slot], memory_order_acquire);
    if (ix == NULL && (ix = build(gz, ctx)) != NULL) {
        void *expected = NULL;
        if (!atomic_compare_exchange_strong(&gz->lazy[slot], &expected, ix)) {
            free(ix);
            ix = expected;
        }
    }
    return ix;
}

#endif

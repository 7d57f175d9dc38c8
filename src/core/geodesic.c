/* PROJ geodesics loaded at run time: the core library does not link libproj (it costs ~20 ms of
 * process start), so geod_init/geod_inverse/geod_direct are resolved with dlopen() the first time
 * a distance or an offset is needed. <geodesic.h> is included only for the struct and prototypes.
 */
#include "core/core.h"
#include "core/geodesy.h"

#include <dlfcn.h>
#include <geodesic.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#ifndef INCMAP_PROJ_SONAME
#define INCMAP_PROJ_SONAME "libproj.so"
#endif

typedef void (*init_fn)(struct geod_geodesic *, double, double);
typedef void (*inverse_fn)(const struct geod_geodesic *, double, double, double, double, double *,
                           double *, double *);
typedef void (*direct_fn)(const struct geod_geodesic *, double, double, double, double, double *,
                          double *, double *);

static struct {
    pthread_once_t once;
    bool ok;
    char error[200];
    struct geod_geodesic wgs84;
    inverse_fn inverse;
    direct_fn direct;
} geo = {.once = PTHREAD_ONCE_INIT};

static void load(void)
{
    /* The handle is kept for the life of the process: unloading would invalidate the cache. */
    void *h = dlopen(INCMAP_PROJ_SONAME, RTLD_LAZY | RTLD_LOCAL);
    if (h == NULL) {
        const char *why = dlerror();
        snprintf(geo.error, sizeof geo.error, "cannot load PROJ (%s) for geodesic distances: %s",
                 INCMAP_PROJ_SONAME, why != NULL ? why : "unknown error");
        return;
    }
    /* dlsym returns void *; converting through memcpy keeps -Wpedantic quiet about
     * object-to-function pointer casts. */
    void *pi = dlsym(h, "geod_init"), *pv = dlsym(h, "geod_inverse"), *pd = dlsym(h, "geod_direct");
    if (pi == NULL || pv == NULL || pd == NULL) {
        snprintf(geo.error, sizeof geo.error, "%s lacks the geodesic routines (geod_init, ...)",
                 INCMAP_PROJ_SONAME);
        return;
    }
    init_fn init;
    memcpy(&init, &pi, sizeof init);
    memcpy(&geo.inverse, &pv, sizeof geo.inverse);
    memcpy(&geo.direct, &pd, sizeof geo.direct);
    init(&geo.wgs84, 6378137.0, 1.0 / 298.257223563);
    geo.ok = true;
}

static incmap_status ensure(incmap_ctx *ctx)
{
    pthread_once(&geo.once, load);
    return geo.ok ? INCMAP_OK : incmap_fail(ctx, INCMAP_ERR_PROJ, "%s", geo.error);
}

bool incmap_geodesic_loaded(void)
{
    return geo.ok;
}

incmap_status incmap_geodesic_inverse(incmap_ctx *ctx, incmap_lonlat a, incmap_lonlat b,
                                      double *dist_m, double *azimuth_deg)
{
    incmap_status st = ensure(ctx);
    if (st != INCMAP_OK) {
        return st;
    }
    double s12 = 0, azi1 = 0, azi2 = 0;
    geo.inverse(&geo.wgs84, a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg, &s12, &azi1, &azi2);
    if (!isfinite(s12) || !isfinite(azi1)) {
        return incmap_fail(ctx, INCMAP_ERR_PROJ, "geodesic between (%g, %g) and (%g, %g) failed",
                           a.lon_deg, a.lat_deg, b.lon_deg, b.lat_deg);
    }
    *dist_m = s12;
    *azimuth_deg = fmod(azi1 + 360.0, 360.0);
    return INCMAP_OK;
}

incmap_status incmap_geodesic_direct(incmap_ctx *ctx, incmap_lonlat from, double azimuth_deg,
                                     double dist_m, incmap_lonlat *out)
{
    incmap_status st = ensure(ctx);
    if (st != INCMAP_OK) {
        return st;
    }
    double lat2 = 0, lon2 = 0, azi2 = 0;
    geo.direct(&geo.wgs84, from.lat_deg, from.lon_deg, azimuth_deg, dist_m, &lat2, &lon2, &azi2);
    if (!isfinite(lat2) || !isfinite(lon2)) {
        return incmap_fail(ctx, INCMAP_ERR_PROJ, "geodesic offset from (%g, %g) failed",
                           from.lon_deg, from.lat_deg);
    }
    out->lon_deg = lon2;
    out->lat_deg = lat2;
    return INCMAP_OK;
}

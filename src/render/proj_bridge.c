/* PROJ bridge: the map transform (WGS84 lon/lat -> map CRS, axes normalised for visualisation)
 * and WGS84 geodesics for arrows, range rings and the scale bar. Each transform has its own
 * PJ_CONTEXT, so renders on different threads never share PROJ state. */
#include "render/proj_bridge.h"

#include <geodesic.h>
#include <math.h>
#include <proj.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct incmap_proj {
    PJ_CONTEXT *pctx;
    PJ *pj;
    char *def;
    char name[96];
};

/* PROJ logs to stderr by default; the library never prints, and errors come back via errno. */
static void quiet_log(void *user, int level, const char *msg)
{
    (void)user;
    (void)level;
    (void)msg;
}

char *incmap_proj_wkt(incmap_ctx *ctx, const incmap_proj *p, bool esri)
{
    PJ *crs = proj_create(p->pctx, p->def);
    const char *wkt =
        crs != NULL ? proj_as_wkt(p->pctx, crs, esri ? PJ_WKT1_ESRI : PJ_WKT2_2019, NULL) : NULL;
    if (crs != NULL && wkt == NULL) {
        wkt = proj_as_wkt(p->pctx, crs, PJ_WKT2_2019, NULL);
    }
    char *out = wkt != NULL ? incmap_strdup(wkt) : NULL;
    proj_destroy(crs);
    if (out == NULL) {
        incmap_fail(ctx, wkt != NULL ? INCMAP_ERR_NOMEM : INCMAP_ERR_PROJ,
                    "cannot write CRS '%s' as WKT", p->def);
    }
    return out;
}

static incmap_proj *proj_new(incmap_ctx *ctx, const char *def)
{
    incmap_proj *p = calloc(1, sizeof *p);
    if (p == NULL || (p->def = incmap_strdup(def)) == NULL ||
        (p->pctx = proj_context_create()) == NULL) {
        incmap_proj_destroy(p);
        incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory creating a PROJ context");
        return NULL;
    }
    proj_log_func(p->pctx, NULL, quiet_log);
    return p;
}

incmap_proj *incmap_proj_create_laea(incmap_ctx *ctx, double lon0_deg, double lat0_deg)
{
    char crs[160], pipe[320];
    snprintf(crs, sizeof crs, "+proj=laea +lat_0=%.4f +lon_0=%.4f +datum=WGS84 +units=m +no_defs",
             lat0_deg, lon0_deg);
    snprintf(pipe, sizeof pipe,
             "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad +step %s", crs);
    char typed[200];
    snprintf(typed, sizeof typed, "%s +type=crs", crs);
    incmap_proj *p = proj_new(ctx, typed);
    if (p == NULL) {
        return NULL;
    }
    p->pj = proj_create(p->pctx, pipe);
    if (p->pj == NULL) {
        int err = proj_context_errno(p->pctx);
        incmap_fail(ctx, INCMAP_ERR_PROJ, "PROJ cannot build %s: %s", crs,
                    proj_context_errno_string(p->pctx, err));
        incmap_proj_destroy(p);
        return NULL;
    }
    snprintf(p->name, sizeof p->name, "Lambert azimuthal equal-area, centre %.2f%s %.2f%s",
             fabs(lat0_deg), lat0_deg >= 0 ? "\xc2\xb0N" : "\xc2\xb0S", fabs(lon0_deg),
             lon0_deg >= 0 ? "\xc2\xb0"
                             "E"
                           : "\xc2\xb0W");
    return p;
}

/* A PROJ string for a projection on the WGS84 datum needs no datum transformation: the pipeline
 * (degrees -> radians -> projection) is built directly, without the database search that
 * proj_create_crs_to_crs() makes (tens of milliseconds). */
static bool direct_wgs84_projection(const char *def)
{
    return strncmp(def, "+proj=", 6) == 0 && strstr(def, "+datum=WGS84") != NULL &&
           strstr(def, "+proj=longlat") == NULL && strstr(def, "+proj=latlong") == NULL &&
           strstr(def, "+proj=pipeline") == NULL && strstr(def, "+towgs84") == NULL &&
           strstr(def, "+nadgrids") == NULL && strstr(def, "+geoidgrids") == NULL &&
           strstr(def, "+axis") == NULL && strstr(def, "+init") == NULL && strlen(def) < 400;
}

/* Why a CRS cannot be a map's CRS, or NULL when it can: a map needs a horizontal CRS (projected
 * or geographic). PROJ transforms lon/lat to a geocentric CRS (EPSG:4978: X, Y of the earth's
 * centre) or a vertical one (EPSG:5773: heights) without complaint, and the map came out wrong. */
static const char *not_a_map_crs(PJ_CONTEXT *pc, const PJ *crs)
{
    const char *why = "it is not a horizontal CRS (want a projected or geographic one)";
    PJ *part = NULL;
    switch (proj_get_type(crs)) {
    case PJ_TYPE_GEOGRAPHIC_2D_CRS:
    case PJ_TYPE_GEOGRAPHIC_3D_CRS:
    case PJ_TYPE_PROJECTED_CRS:
        return NULL;
    case PJ_TYPE_GEOCENTRIC_CRS:
        return "it is a geocentric CRS (3D X, Y, Z from the earth's centre), not a map projection";
    case PJ_TYPE_VERTICAL_CRS:
        return "it is a vertical CRS (heights only), not a map projection";
    case PJ_TYPE_BOUND_CRS: /* a CRS with its datum shift: judge the CRS */
        part = proj_get_source_crs(pc, crs);
        break;
    case PJ_TYPE_COMPOUND_CRS: /* horizontal + vertical: judge the horizontal part */
        part = proj_crs_get_sub_crs(pc, crs, 0);
        break;
    default:
        break;
    }
    if (part != NULL) {
        why = not_a_map_crs(pc, part);
        proj_destroy(part);
    }
    return why;
}

static incmap_proj *refuse(incmap_ctx *ctx, incmap_proj *p, const char *def, const char *why)
{
    incmap_fail(ctx, INCMAP_ERR_INVALID_ARG, "CRS '%s' cannot draw a map: %s", def, why);
    incmap_proj_destroy(p);
    return NULL;
}

incmap_proj *incmap_proj_create(incmap_ctx *ctx, const char *def)
{
    incmap_proj *p = proj_new(ctx, def);
    if (p == NULL) {
        return NULL;
    }
    if (direct_wgs84_projection(def)) {
        char pipe[512];
        snprintf(pipe, sizeof pipe,
                 "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad +step %s", def);
        char *typed = strstr(def, "+type=crs") ? NULL : malloc(strlen(def) + 16);
        if (typed != NULL) { /* GDAL (basemap warping) wants it marked as a CRS */
            snprintf(typed, strlen(def) + 16, "%s +type=crs", def);
            free(p->def);
            p->def = typed;
        }
        char *cut = strstr(pipe, " +type=crs");
        if (cut != NULL) {
            memmove(cut, cut + 10, strlen(cut + 10) + 1);
        }
        p->pj = proj_create(p->pctx, pipe);
        PJ *crs = p->pj != NULL ? proj_create(p->pctx, p->def) : NULL;
        const char *why = crs != NULL ? not_a_map_crs(p->pctx, crs) : NULL;
        proj_destroy(crs);
        if (why != NULL) {
            return refuse(ctx, p, def, why);
        }
        if (p->pj != NULL) {
            snprintf(p->name, sizeof p->name, "%s", def);
            return p;
        }
        /* not a valid projection string: let the general path report it */
    }
    PJ *dst = proj_create(p->pctx, def);
    if (dst != NULL && !proj_is_crs(dst) && def[0] == '+') {
        /* "+proj=merc ..." names an operation; the same string with +type=crs is its CRS. */
        proj_destroy(dst);
        size_t n = strlen(def) + 16;
        char *typed = malloc(n);
        if (typed != NULL) {
            snprintf(typed, n, "%s +type=crs", def);
            dst = proj_create(p->pctx, typed);
            free(p->def);
            p->def = typed;
        } else {
            dst = NULL;
        }
    }
    if (dst == NULL && proj_context_get_database_path(p->pctx) == NULL) {
        /* an EPSG code or WKT needs proj.db: say so rather than "unknown CRS" */
        incmap_fail(ctx, INCMAP_ERR_IO,
                    "CRS '%s': the PROJ database proj.db was not found (set PROJ_DATA to the "
                    "directory that holds it, e.g. /usr/share/proj)",
                    def);
        incmap_proj_destroy(p);
        return NULL;
    }
    if (dst == NULL || !proj_is_crs(dst)) {
        int err = proj_context_errno(p->pctx);
        incmap_fail(ctx, INCMAP_ERR_INVALID_ARG, "unknown CRS '%s': %s", def,
                    dst == NULL ? proj_context_errno_string(p->pctx, err) : "not a CRS");
        proj_destroy(dst);
        incmap_proj_destroy(p);
        return NULL;
    }
    const char *why = not_a_map_crs(p->pctx, dst);
    if (why != NULL) {
        proj_destroy(dst);
        return refuse(ctx, p, def, why);
    }
    PJ *src = proj_create(p->pctx, "+proj=longlat +datum=WGS84 +no_defs +type=crs");
    PJ *op = src != NULL ? proj_create_crs_to_crs_from_pj(p->pctx, src, dst, NULL, NULL) : NULL;
    if (op != NULL) {
        p->pj = proj_normalize_for_visualization(p->pctx, op);
    }
    const char *nm = proj_get_name(dst);
    snprintf(p->name, sizeof p->name, "%s", nm != NULL && strcmp(nm, "unknown") != 0 ? nm : def);
    proj_destroy(op);
    proj_destroy(src);
    proj_destroy(dst);
    if (p->pj == NULL) {
        int err = proj_context_errno(p->pctx);
        incmap_fail(ctx, INCMAP_ERR_INVALID_ARG, "no transformation from WGS84 to CRS '%s': %s",
                    def, proj_context_errno_string(p->pctx, err));
        incmap_proj_destroy(p);
        return NULL;
    }
    return p;
}

void incmap_proj_destroy(incmap_proj *p)
{
    if (p == NULL) {
        return;
    }
    proj_destroy(p->pj);
    if (p->pctx != NULL) {
        proj_context_destroy(p->pctx);
    }
    free(p->def);
    free(p);
}

const char *incmap_proj_def(const incmap_proj *p)
{
    return p->def;
}

const char *incmap_proj_name(const incmap_proj *p)
{
    return p->name;
}

size_t incmap_proj_fwd(const incmap_proj *p, double *xy, size_t n)
{
    if (n == 0) {
        return 0;
    }
    proj_trans_generic(p->pj, PJ_FWD, xy, 2 * sizeof(double), n, xy + 1, 2 * sizeof(double), n,
                       NULL, 0, 0, NULL, 0, 0);
    size_t ok = 0;
    for (size_t i = 0; i < n; i++) {
        if (isfinite(xy[2 * i]) && isfinite(xy[2 * i + 1]) && fabs(xy[2 * i]) < 1e30) {
            ok++;
        } else {
            xy[2 * i] = xy[2 * i + 1] = HUGE_VAL;
        }
    }
    return ok;
}

bool incmap_proj_inv(const incmap_proj *p, double x, double y, double *lon_deg, double *lat_deg)
{
    PJ_COORD c = proj_coord(x, y, 0, 0);
    PJ_COORD r = proj_trans(p->pj, PJ_INV, c);
    if (!isfinite(r.xy.x) || !isfinite(r.xy.y) || fabs(r.xy.x) > 1e10) {
        return false;
    }
    /* The default pipeline's inverse ends in radians->degrees, like the normalised CRS op. */
    *lon_deg = r.xy.x;
    *lat_deg = r.xy.y;
    return fabs(*lat_deg) <= 90.0;
}

/* geod_init is cheap (a few coefficients), so each call builds its own: no shared state. */
static struct geod_geodesic wgs84(void)
{
    struct geod_geodesic g;
    geod_init(&g, 6378137.0, 1.0 / 298.257223563);
    return g;
}

double incmap_geod_inverse(double lon1, double lat1, double lon2, double lat2, double *azi1_deg)
{
    double s12 = 0, azi1 = 0, azi2 = 0;
    struct geod_geodesic g = wgs84();
    geod_inverse(&g, lat1, lon1, lat2, lon2, &s12, &azi1, &azi2);
    if (azi1_deg != NULL) {
        *azi1_deg = azi1;
    }
    return s12;
}

void incmap_geod_direct(double lon1, double lat1, double azi1_deg, double dist_m, double *lon2,
                        double *lat2)
{
    double azi2 = 0;
    struct geod_geodesic g = wgs84();
    geod_direct(&g, lat1, lon1, azi1_deg, dist_m, lat2, lon2, &azi2);
}

void incmap_geod_line(double lon1, double lat1, double lon2, double lat2, size_t n, double *xy)
{
    struct geod_geodesicline l;
    struct geod_geodesic g = wgs84();
    geod_inverseline(&l, &g, lat1, lon1, lat2, lon2, 0);
    for (size_t i = 0; i < n; i++) {
        double s = l.s13 * (double)i / (double)(n - 1), azi = 0;
        geod_position(&l, s, &xy[2 * i + 1], &xy[2 * i], &azi);
    }
}

/* Gazetteer build, geometry products computed once with GEOS (through GDAL) so the run-time
 * library needs no GEOS: directional parts of every country ("northeastern Syria") and the
 * shared border line of every pair of neighbouring countries, with its geodesic length. */
#include "build/build_internal.h"

#include <geodesic.h> /* PROJ's (Karney): incmap_gis links PROJ anyway */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- directional regions ---- */

typedef struct {
    const char *code;           /* id suffix */
    double a, b, c;             /* part = { (u,v) : a*u + b*v >= c } (cardinals, diagonals) */
    const char *const forms[7]; /* name forms, the first is the display name */
} direction;

/* u, v in [0,1] over the country's main bounding box. Cardinal parts keep the outer third;
 * diagonal parts keep the corner beyond the line at distance 1/6 from the centre along the
 * diagonal, i.e. (±(u-.5) ±(v-.5))/sqrt(2) >= 1/6. Parts overlap, as the words do. */
#define DIAG (0.5 * 2.0 + 1.4142135623730951 / 6.0) /* u + v >= 1 + sqrt(2)/6 */
#define DIAGN (1.4142135623730951 / 6.0)
static const direction directions[] = {
    {"n", 0, 1, 2.0 / 3, {"Northern", "North", NULL}},
    {"s", 0, -1, -1.0 / 3, {"Southern", "South", NULL}},
    {"e", 1, 0, 2.0 / 3, {"Eastern", "East", NULL}},
    {"w", -1, 0, -1.0 / 3, {"Western", "West", NULL}},
    {"ne",
     1,
     1,
     DIAG,
     {"Northeastern", "Northeast", "North-eastern", "North-east", "North eastern", "North east",
      NULL}},
    {"nw",
     -1,
     1,
     DIAGN,
     {"Northwestern", "Northwest", "North-western", "North-west", "North western", "North west",
      NULL}},
    {"se",
     1,
     -1,
     DIAGN,
     {"Southeastern", "Southeast", "South-eastern", "South-east", "South eastern", "South east",
      NULL}},
    {"sw",
     -1,
     -1,
     DIAG - 2.0,
     {"Southwestern", "Southwest", "South-western", "South-west", "South western", "South west",
      NULL}},
    {"c", 0, 0, 0, {"Central", NULL}},
};

/* Sutherland-Hodgman: clips polygon (n points in xy) by a*u + b*v >= c. Returns new count. */
static size_t clip_halfplane(const double *in, size_t n, double a, double b, double c, double *out)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        const double *p = &in[2 * i], *q = &in[2 * ((i + 1) % n)];
        double dp = a * p[0] + b * p[1] - c, dq = a * q[0] + b * q[1] - c;
        if (dp >= 0) {
            out[2 * m] = p[0];
            out[2 * m + 1] = p[1];
            m++;
        }
        if ((dp >= 0) != (dq >= 0)) {
            double t = dp / (dp - dq);
            out[2 * m] = p[0] + t * (q[0] - p[0]);
            out[2 * m + 1] = p[1] + t * (q[1] - p[1]);
            m++;
        }
    }
    return m;
}

/* The bounding box of the country's main body: its polygons of at least a quarter of the
 * largest one's area, so "northern France" is not stretched to French Guiana. */
static void main_bbox(OGRGeometryH g, OGREnvelope *env)
{
    int n = OGR_G_GetGeometryCount(g);
    OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(g));
    if (t != wkbMultiPolygon || n <= 1) {
        OGR_G_GetEnvelope(g, env);
        return;
    }
    double max = 0;
    for (int i = 0; i < n; i++) {
        OGREnvelope e;
        OGRGeometryH p = OGR_G_GetGeometryRef(g, i);
        OGR_G_GetEnvelope(p, &e);
        double a = OGR_G_Area(p) * cos((e.MinY + e.MaxY) / 2 * M_PI / 180);
        max = a > max ? a : max;
    }
    bool first = true;
    for (int i = 0; i < n; i++) {
        OGREnvelope e;
        OGRGeometryH p = OGR_G_GetGeometryRef(g, i);
        OGR_G_GetEnvelope(p, &e);
        double a = OGR_G_Area(p) * cos((e.MinY + e.MaxY) / 2 * M_PI / 180);
        if (a < 0.25 * max) {
            continue;
        }
        if (first) {
            *env = e;
            first = false;
        } else {
            env->MinX = fmin(env->MinX, e.MinX);
            env->MaxX = fmax(env->MaxX, e.MaxX);
            env->MinY = fmin(env->MinY, e.MinY);
            env->MaxY = fmax(env->MaxY, e.MaxY);
        }
    }
}

/* Keeps the polygonal parts of a GEOS result as one multipolygon (owned), or NULL. */
static OGRGeometryH polygons_only(OGRGeometryH g)
{
    if (g == NULL || OGR_G_IsEmpty(g)) {
        return NULL;
    }
    OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(g));
    if (t == wkbPolygon || t == wkbMultiPolygon) {
        return OGR_G_ForceToMultiPolygon(OGR_G_Clone(g));
    }
    OGRGeometryH mp = OGR_G_CreateGeometry(wkbMultiPolygon);
    for (int i = 0; t == wkbGeometryCollection && i < OGR_G_GetGeometryCount(g); i++) {
        OGRGeometryH part = OGR_G_GetGeometryRef(g, i);
        OGRwkbGeometryType pt = wkbFlatten(OGR_G_GetGeometryType(part));
        if (pt == wkbPolygon) {
            OGR_G_AddGeometry(mp, part);
        } else if (pt == wkbMultiPolygon) {
            for (int k = 0; k < OGR_G_GetGeometryCount(part); k++) {
                OGR_G_AddGeometry(mp, OGR_G_GetGeometryRef(part, k));
            }
        }
    }
    if (OGR_G_IsEmpty(mp)) {
        OGR_G_DestroyGeometry(mp);
        return NULL;
    }
    return mp;
}

static OGRGeometryH clip_polygon(const direction *d, const OGREnvelope *main,
                                 const OGREnvelope *all)
{
    double w = main->MaxX - main->MinX, h = main->MaxY - main->MinY;
    /* the clip rectangle covers the whole country, also parts outside the main box */
    double u0 = fmin(0, (all->MinX - main->MinX) / w) - 0.01;
    double u1 = fmax(1, (all->MaxX - main->MinX) / w) + 0.01;
    double v0 = fmin(0, (all->MinY - main->MinY) / h) - 0.01;
    double v1 = fmax(1, (all->MaxY - main->MinY) / h) + 0.01;
    double rect[8] = {u0, v0, u1, v0, u1, v1, u0, v1};
    if (strcmp(d->code, "c") == 0) {
        double c[8] = {1.0 / 3, 1.0 / 3, 2.0 / 3, 1.0 / 3, 2.0 / 3, 2.0 / 3, 1.0 / 3, 2.0 / 3};
        memcpy(rect, c, sizeof rect);
    }
    double out[16];
    size_t n = 4;
    const double *pts = rect;
    if (d->a != 0 || d->b != 0) {
        n = clip_halfplane(rect, 4, d->a, d->b, d->c, out);
        pts = out;
    }
    if (n < 3) {
        return NULL;
    }
    OGRGeometryH ring = OGR_G_CreateGeometry(wkbLinearRing);
    for (size_t i = 0; i <= n; i++) {
        double lon = main->MinX + pts[2 * (i % n)] * w, lat = main->MinY + pts[2 * (i % n) + 1] * h;
        OGR_G_AddPoint_2D(ring, fmax(-180, fmin(180, lon)), fmax(-90, fmin(90, lat)));
    }
    OGRGeometryH poly = OGR_G_CreateGeometry(wkbPolygon);
    OGR_G_AddGeometryDirectly(poly, ring);
    return poly;
}

static incmap_status add_region(build *b, const build_country *c, const direction *d,
                                OGRGeometryH part)
{
    char id[64], name[256];
    snprintf(id, sizeof id, "region:%s-%s", c->a3, d->code);
    snprintf(name, sizeof name, "%s %s", d->forms[0], c->name);
    OGRGeometryH pt = OGR_G_PointOnSurface(part);
    incmap_geom *area = build_geom_from_ogr(part);
    incmap_status st = INCMAP_OK;
    if (pt != NULL && !OGR_G_IsEmpty(pt) && area != NULL) {
        incmap_gzw_entry e = {id,   name, INCMAP_KIND_REGION, c->a2[0] ? c->a2 : NULL,
                              NULL, NULL, OGR_G_GetX(pt, 0),  OGR_G_GetY(pt, 0),
                              -1,   area};
        int64_t idx = build_add_entry(b, &e, "naturalearth-derived", NULL, part, c->a3);
        if (idx == -1) {
            st = incmap_ctx_status(b->ctx);
        }
        for (size_t i = 1; idx >= 0 && st == INCMAP_OK && d->forms[i] != NULL; i++) {
            snprintf(name, sizeof name, "%s %s", d->forms[i], c->name);
            st = build_add_name(b, idx, id, name, INCMAP_MATCH_ALIAS);
        }
    }
    OGR_G_DestroyGeometry(pt);
    incmap_geom_destroy(area);
    return st;
}

incmap_status build_ne_regions(build *b)
{
    incmap_status st = INCMAP_OK;
    for (size_t i = 0; i < b->ncountries && st == INCMAP_OK; i++) {
        build_progress(b, "directional regions", i + 1, b->ncountries);
        const build_country *c = &b->countries[i];
        OGREnvelope main;
        main_bbox(c->geom, &main);
        /* a "northern" part of an islet means nothing */
        if (main.MaxX - main.MinX < 0.05 || main.MaxY - main.MinY < 0.05) {
            continue;
        }
        for (size_t k = 0; k < sizeof directions / sizeof directions[0] && st == INCMAP_OK; k++) {
            OGRGeometryH clip = clip_polygon(&directions[k], &main, &c->env);
            OGRGeometryH inter = clip != NULL ? OGR_G_Intersection(c->geom, clip) : NULL;
            if (clip != NULL && inter == NULL) {
                /* GEOS refuses invalid input: repair once and retry */
                OGRGeometryH valid = OGR_G_MakeValid(c->geom);
                inter = valid != NULL ? OGR_G_Intersection(valid, clip) : NULL;
                OGR_G_DestroyGeometry(valid);
            }
            OGRGeometryH part = polygons_only(inter);
            if (part != NULL) {
                st = add_region(b, c, &directions[k], part);
            }
            OGR_G_DestroyGeometry(part);
            OGR_G_DestroyGeometry(inter);
            OGR_G_DestroyGeometry(clip);
        }
    }
    return st;
}

/* ---- borders ---- */

/* Keeps the line parts of a GEOS result as one multilinestring (owned), or NULL. */
static OGRGeometryH lines_only(OGRGeometryH g)
{
    if (g == NULL || OGR_G_IsEmpty(g)) {
        return NULL;
    }
    OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(g));
    OGRGeometryH ml = OGR_G_CreateGeometry(wkbMultiLineString);
    if (t == wkbLineString) {
        OGR_G_AddGeometry(ml, g);
    }
    for (int i = 0; t != wkbLineString && i < OGR_G_GetGeometryCount(g); i++) {
        OGRGeometryH part = OGR_G_GetGeometryRef(g, i);
        OGRwkbGeometryType pt = wkbFlatten(OGR_G_GetGeometryType(part));
        if (pt == wkbLineString) {
            OGR_G_AddGeometry(ml, part);
        } else if (pt == wkbMultiLineString) {
            for (int k = 0; k < OGR_G_GetGeometryCount(part); k++) {
                OGR_G_AddGeometry(ml, OGR_G_GetGeometryRef(part, k));
            }
        }
    }
    if (OGR_G_IsEmpty(ml)) {
        OGR_G_DestroyGeometry(ml);
        return NULL;
    }
    return ml;
}

static double line_length_km(const incmap_geom *g)
{
    struct geod_geodesic wgs84;
    geod_init(&wgs84, 6378137.0, 1 / 298.257223563);
    double m = 0;
    size_t begin = 0;
    for (size_t r = 0; r < g->nrings; r++) {
        for (size_t i = begin + 1; i < g->ring_end[r]; i++) {
            double d, az1, az2;
            geod_inverse(&wgs84, g->xy[2 * i - 1], g->xy[2 * i - 2], g->xy[2 * i + 1], g->xy[2 * i],
                         &d, &az1, &az2);
            m += d;
        }
        begin = g->ring_end[r];
    }
    return m / 1000;
}

static incmap_status add_border(build *b, const build_country *x, const build_country *y,
                                OGRGeometryH ml)
{
    incmap_geom *g = build_geom_from_ogr(ml);
    if (g == NULL) {
        return incmap_fail(b->ctx, INCMAP_ERR_NOMEM, "out of memory computing borders");
    }
    double km = line_length_km(g);
    incmap_status st = incmap_gzw_add_border(b->w, x->a2, y->a2, g);
    incmap_geom_destroy(g);
    if (st != INCMAP_OK) {
        return st;
    }
    OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(b->l_borders));
    if (f == NULL) {
        return incmap_fail(b->ctx, INCMAP_ERR_NOMEM, "out of memory computing borders");
    }
    char name[256];
    snprintf(name, sizeof name, "%s-%s border", x->name, y->name);
    OGR_F_SetFieldString(f, 0, x->a2);
    OGR_F_SetFieldString(f, 1, y->a2);
    OGR_F_SetFieldString(f, 2, name);
    OGR_F_SetFieldDouble(f, 3, round(km * 1000) / 1000);
    OGR_F_SetGeometry(f, ml);
    OGRErr err = OGR_L_CreateFeature(b->l_borders, f);
    OGR_F_Destroy(f);
    if (err != OGRERR_NONE) {
        return build_gdal_fail(b, "writing the GeoPackage borders");
    }
    b->st->borders++;
    return INCMAP_OK;
}

static bool env_touch(const OGREnvelope *a, const OGREnvelope *c)
{
    const double eps = 1e-9;
    return a->MinX <= c->MaxX + eps && c->MinX <= a->MaxX + eps && a->MinY <= c->MaxY + eps &&
           c->MinY <= a->MaxY + eps;
}

incmap_status build_ne_borders(build *b)
{
    size_t n = b->ncountries, tested = 0;
    OGRGeometryH *bound = calloc(n > 0 ? n : 1, sizeof *bound);
    OGRPreparedGeometryH *prep = calloc(n > 0 ? n : 1, sizeof *prep);
    if (bound == NULL || prep == NULL) {
        free(bound);
        free(prep);
        return incmap_fail(b->ctx, INCMAP_ERR_NOMEM, "out of memory computing borders");
    }
    incmap_status st = INCMAP_OK;
    for (size_t i = 0; i < n && st == INCMAP_OK; i++) {
        build_progress(b, "borders", i + 1, n);
        const build_country *x = &b->countries[i];
        if (x->a2[0] == '\0') {
            continue;
        }
        for (size_t j = i + 1; j < n && st == INCMAP_OK; j++) {
            const build_country *y = &b->countries[j];
            if (y->a2[0] == '\0' || strcmp(x->a2, y->a2) == 0 || !env_touch(&x->env, &y->env)) {
                continue;
            }
            /* most pairs with touching boxes do not touch: a prepared-geometry test is much
             * cheaper than intersecting two long boundaries */
            if (prep[i] == NULL) {
                prep[i] = OGRCreatePreparedGeometry(x->geom);
            }
            if (prep[i] != NULL && !OGRPreparedGeometryIntersects(prep[i], y->geom)) {
                continue;
            }
            tested++;
            /* neighbours share their edges exactly, so the boundaries' intersection is the
             * border line (plus isolated touching points, which lines_only drops) */
            if (bound[i] == NULL) {
                bound[i] = OGR_G_Boundary(x->geom);
            }
            if (bound[j] == NULL) {
                bound[j] = OGR_G_Boundary(y->geom);
            }
            if (bound[i] == NULL || bound[j] == NULL) {
                st = build_gdal_fail(b, "computing country boundaries");
                break;
            }
            OGRGeometryH inter = OGR_G_Intersection(bound[i], bound[j]);
            OGRGeometryH ml = lines_only(inter);
            if (ml != NULL) {
                /* a stable order of the two codes, so the output does not depend on input order */
                bool swap = strcmp(x->a2, y->a2) > 0;
                st = add_border(b, swap ? y : x, swap ? x : y, ml);
            }
            OGR_G_DestroyGeometry(ml);
            OGR_G_DestroyGeometry(inter);
        }
    }
    for (size_t i = 0; i < n; i++) {
        OGR_G_DestroyGeometry(bound[i]);
        if (prep[i] != NULL) {
            OGRDestroyPreparedGeometry(prep[i]);
        }
    }
    free(bound);
    free(prep);
    incmap_log(b->ctx, INCMAP_LOG_INFO, "borders: %zu touching pairs, %zu share a line", tested,
               b->st->borders);
    return st;
}

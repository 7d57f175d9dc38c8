/* OGR stage: the field list (from the GeoJSON property table), GDAL set-up and errors, the
 * WGS84 reference, the driver look-up and the geometry conversion shared by writer and reader. */
#include "ogr/ogr_int.h"

#include <cpl_error.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static ogr_field fields[OGR_NFIELDS];
const ogr_field *const incmap_ogr_fields = fields;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static OGRFieldType field_type(gj_type t)
{
    switch (t) {
    case GJ_INT:
    case GJ_LONG: /* character offsets: a report is at most 16 MiB */
        return OFTInteger;
    case GJ_REAL:
        return OFTReal;
    case GJ_DATE:
        return OFTDate;
    case GJ_STR:
    case GJ_KIND:
        break;
    }
    return OFTString;
}

static void init_once(void)
{
    GDALAllRegister();
    fields[OGR_F_ID] = (ogr_field){"id", OFTString, NULL};
    fields[OGR_F_INCIDENT] = (ogr_field){"incident", OFTInteger, NULL};
    fields[OGR_F_ROLE] = (ogr_field){"role", OFTString, NULL};
    for (size_t i = 0; i < GJ_NPROPS; i++) {
        const gj_prop *p = &incmap_geojson_props[i];
        fields[3 + i] = (ogr_field){p->key, field_type(p->type), p};
    }
}

void incmap_ogr_begin(void)
{
    pthread_once(&once, init_once);
    CPLPushErrorHandler(CPLQuietErrorHandler);
    CPLErrorReset();
}

void incmap_ogr_end(void)
{
    CPLPopErrorHandler();
}

incmap_status incmap_ogr_fail(incmap_ctx *ctx, incmap_status st, const char *what)
{
    const char *msg = CPLGetLastErrorMsg();
    char line[400];
    snprintf(line, sizeof line, "%s", msg != NULL && msg[0] != '\0' ? msg : "GDAL error");
    for (char *c = line; *c != '\0'; c++) {
        *c = *c == '\n' || *c == '\r' || *c == '\t' ? ' ' : *c; /* one line */
    }
    return incmap_fail(ctx, st, "%s: %s", what, line);
}

OGRSpatialReferenceH incmap_ogr_wgs84(void)
{
    OGRSpatialReferenceH srs = OSRNewSpatialReference(NULL);
    if (srs != NULL) {
        OSRImportFromEPSG(srs, 4326);
        OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER);
    }
    return srs;
}

/* A driver that creates vector files or layers ("Memory" keeps nothing: not an output). */
static bool writes_vectors(GDALDriverH d)
{
    return strcmp(GDALGetDriverShortName(d), "Memory") != 0 &&
           GDALGetMetadataItem(d, GDAL_DCAP_VECTOR, NULL) != NULL &&
           GDALGetMetadataItem(d, GDAL_DCAP_CREATE, NULL) != NULL;
}

char *incmap_ogr_drivers(incmap_ctx *ctx)
{
    pthread_once(&once, init_once);
    size_t cap = 1, len = 0;
    for (int i = 0; i < GDALGetDriverCount(); i++) {
        cap += strlen(GDALGetDriverShortName(GDALGetDriver(i))) + 2;
    }
    char *out = malloc(cap);
    if (out == NULL) {
        incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory listing the GDAL drivers");
        return NULL;
    }
    out[0] = '\0';
    for (int i = 0; i < GDALGetDriverCount(); i++) {
        GDALDriverH d = GDALGetDriver(i);
        if (writes_vectors(d)) {
            len += (size_t)snprintf(out + len, cap - len, "%s%s", len > 0 ? ", " : "",
                                    GDALGetDriverShortName(d));
        }
    }
    return out;
}

GDALDriverH incmap_ogr_driver(incmap_ctx *ctx, const char *name)
{
    pthread_once(&once, init_once);
    GDALDriverH d = name != NULL ? GDALGetDriverByName(name) : NULL;
    if (d != NULL && writes_vectors(d)) {
        return d;
    }
    char *all = incmap_ogr_drivers(ctx);
    if (all != NULL) {
        incmap_fail(ctx, INCMAP_ERR_INVALID_ARG,
                    "'%s' is not a vector format GDAL %s can write (%s)", name != NULL ? name : "",
                    GDALVersionInfo("RELEASE_NAME"), all);
    }
    free(all);
    return NULL;
}

/* Vertex I of G rounded as GeoJSON writes it. */
static void vertex(const incmap_geom *g, size_t i, double *x, double *y)
{
    *x = incmap_geojson_round(g->xy[2 * i], 6);
    *y = incmap_geojson_round(g->xy[2 * i + 1], 6);
}

/* Vertices [from, to) into H: a line as it is, or a closed ring (ORIENT > 0 exterior) in the
 * GeoJSON writer's orientation (exterior counter-clockwise, holes clockwise: right-hand rule), so
 * every format holds the same rings and draws the same map. */
static void add_points(OGRGeometryH h, const incmap_geom *g, size_t from, size_t to, int orient)
{
    double area2 = 0, x0 = 0, y0 = 0, xl = 0, yl = 0;
    if (orient != 0 && to > from) {
        double xp, yp;
        vertex(g, from, &x0, &y0);
        xp = x0;
        yp = y0;
        for (size_t i = from + 1; i < to; i++) {
            double x, y;
            vertex(g, i, &x, &y);
            area2 += xp * y - x * yp;
            xp = x;
            yp = y;
        }
        area2 += xp * y0 - x0 * yp;
        xl = xp;
        yl = yp;
    }
    bool reverse = (orient > 0 && area2 < 0) || (orient < 0 && area2 > 0);
    for (size_t k = 0; k < to - from; k++) {
        double x, y;
        vertex(g, reverse ? to - 1 - k : from + k, &x, &y);
        OGR_G_AddPoint_2D(h, x, y);
    }
    if (orient != 0 && to > from && (xl != x0 || yl != y0)) {
        double x, y;
        vertex(g, reverse ? to - 1 : from, &x, &y);
        OGR_G_AddPoint_2D(h, x, y); /* closes the ring */
    }
}

/* Ring (or line) R of G as a geometry of type T; ORIENT as for add_points. */
static OGRGeometryH ring(const incmap_geom *g, size_t r, OGRwkbGeometryType t, int orient)
{
    OGRGeometryH h = OGR_G_CreateGeometry(t);
    if (h != NULL) {
        add_points(h, g, r > 0 ? g->ring_end[r - 1] : 0, g->ring_end[r], orient);
    }
    return h;
}

static OGRGeometryH polygon(const incmap_geom *g, size_t p)
{
    OGRGeometryH h = OGR_G_CreateGeometry(wkbPolygon);
    size_t from = p > 0 ? g->poly_end[p - 1] : 0, to = g->npolys > 0 ? g->poly_end[p] : g->nrings;
    for (size_t r = from; h != NULL && r < to; r++) {
        OGR_G_AddGeometryDirectly(h, ring(g, r, wkbLinearRing, r == from ? 1 : -1));
    }
    return h;
}

OGRGeometryH incmap_ogr_geometry(const incmap_geom *g)
{
    OGRGeometryH h = NULL;
    switch (g->type) {
    case INCMAP_GEOM_POINT:
        if ((h = OGR_G_CreateGeometry(wkbPoint)) != NULL && g->npoints > 0) {
            double x, y;
            vertex(g, 0, &x, &y);
            OGR_G_SetPoint_2D(h, 0, x, y);
        }
        break;
    case INCMAP_GEOM_LINESTRING:
        h = g->nrings > 0 ? ring(g, 0, wkbLineString, 0) : OGR_G_CreateGeometry(wkbLineString);
        if (h != NULL && g->nrings == 0) {
            add_points(h, g, 0, g->npoints, 0);
        }
        break;
    case INCMAP_GEOM_MULTILINESTRING:
        h = OGR_G_CreateGeometry(wkbMultiLineString);
        for (size_t r = 0; h != NULL && r < g->nrings; r++) {
            OGR_G_AddGeometryDirectly(h, ring(g, r, wkbLineString, 0));
        }
        break;
    case INCMAP_GEOM_POLYGON:
        h = polygon(g, 0);
        break;
    case INCMAP_GEOM_MULTIPOLYGON:
        h = OGR_G_CreateGeometry(wkbMultiPolygon);
        for (size_t p = 0; h != NULL && p < g->npolys; p++) {
            OGR_G_AddGeometryDirectly(h, polygon(g, p));
        }
        break;
    }
    return h;
}

static OGRFeatureDefnH template_defn; /* every field, in incmap_ogr_fields order */

static void template_once(void)
{
    template_defn = OGR_FD_Create("incmap");
    OGR_FD_Reference(template_defn); /* kept for the life of the process */
    for (int i = 0; i < OGR_NFIELDS; i++) {
        OGRFieldDefnH fd = OGR_Fld_Create(fields[i].name, fields[i].type);
        OGR_FD_AddFieldDefn(template_defn, fd);
        OGR_Fld_Destroy(fd);
    }
}

int incmap_ogr_field_map(OGRFeatureDefnH defn, int map[OGR_NFIELDS])
{
    int found = 0;
    for (int k = 0; k < OGR_NFIELDS; k++) {
        const char *name = fields[k].name;
        map[k] = OGR_FD_GetFieldIndex(defn, name);
        if (map[k] < 0 && strlen(name) > 10) {
            char cut[11];
            memcpy(cut, name, 10);
            cut[10] = '\0';
            map[k] = OGR_FD_GetFieldIndex(defn, cut);
        }
        found += map[k] >= 0;
    }
    return found;
}

static incmap_status fill(incmap_ctx *ctx, OGRFeatureH dst, const incmap_feature *f, const char *id,
                          const char *report);

incmap_status incmap_ogr_put(incmap_ctx *ctx, OGRLayerH l, const int map[OGR_NFIELDS],
                             const incmap_feature *f, const char *id, const char *report,
                             bool multi)
{
    static pthread_once_t tonce = PTHREAD_ONCE_INIT;
    pthread_once(&tonce, template_once);
    OGRFeatureH src = OGR_F_Create(template_defn), dst = OGR_F_Create(OGR_L_GetLayerDefn(l));
    OGRGeometryH g = incmap_ogr_geometry(f->geom);
    incmap_status st = INCMAP_OK;
    if (src == NULL || dst == NULL || g == NULL) {
        st = incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory writing the features");
    } else if ((st = fill(ctx, src, f, id, report)) == INCMAP_OK) {
        if (OGR_F_SetFromWithMap(dst, src, TRUE, map) != OGRERR_NONE) {
            st = incmap_ogr_fail(ctx, INCMAP_ERR_GDAL, "cannot write a feature");
        }
    }
    if (st == INCMAP_OK) {
        OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(g));
        if (multi && (t == wkbLineString || t == wkbMultiLineString)) {
            g = OGR_G_ForceToMultiLineString(g);
        } else if (multi && (t == wkbPolygon || t == wkbMultiPolygon)) {
            g = OGR_G_ForceToMultiPolygon(g);
        }
        OGR_F_SetGeometryDirectly(dst, g); /* after SetFrom, which copies src's (none) */
        g = NULL;
        if (OGR_L_CreateFeature(l, dst) != OGRERR_NONE) {
            st = incmap_ogr_fail(ctx, INCMAP_ERR_GDAL, "cannot write a feature");
        }
    }
    if (g != NULL) {
        OGR_G_DestroyGeometry(g);
    }
    if (src != NULL) {
        OGR_F_Destroy(src);
    }
    if (dst != NULL) {
        OGR_F_Destroy(dst);
    }
    return st;
}

static incmap_status fill(incmap_ctx *ctx, OGRFeatureH dst, const incmap_feature *f, const char *id,
                          const char *report)
{
    OGR_F_SetFieldString(dst, OGR_F_ID, id);
    if (f->incident > 0) {
        OGR_F_SetFieldInteger(dst, OGR_F_INCIDENT, f->incident);
    } else {
        OGR_F_SetFieldNull(dst, OGR_F_INCIDENT);
    }
    OGR_F_SetFieldString(dst, OGR_F_ROLE, incmap_role_str(f->role));
    for (int i = 3; i < OGR_NFIELDS; i++) {
        const gj_prop *p = fields[i].prop;
        const char *v = (const char *)f + p->offset;
        const char *s = p->type == GJ_STR || p->type == GJ_DATE ? *(char *const *)(const void *)v
                        : p->type == GJ_KIND
                            ? incmap_geojson_kind_name(*(const incmap_kind *)(const void *)v)
                            : NULL;
        if (strcmp(p->key, "report") == 0 && s == NULL) {
            s = report;
        }
        int y = 0, m = 0, d = 0, n = 0;
        switch (p->type) {
        case GJ_STR:
        case GJ_KIND:
            if (s != NULL) {
                OGR_F_SetFieldString(dst, i, s);
            } else {
                OGR_F_SetFieldNull(dst, i);
            }
            break;
        case GJ_DATE:
            if (s == NULL) {
                OGR_F_SetFieldNull(dst, i);
            } else if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && s[n] == '\0' && m >= 1 &&
                       m <= 12 && d >= 1 && d <= 31) {
                OGR_F_SetFieldDateTime(dst, i, y, m, d, 0, 0, 0, 0);
            } else {
                return incmap_fail(ctx, INCMAP_ERR_INVALID_ARG,
                                   "feature %s: %s '%s' is not a date YYYY-MM-DD", id, p->key, s);
            }
            break;
        case GJ_INT:
        case GJ_LONG: {
            long x =
                p->type == GJ_INT ? *(const int *)(const void *)v : *(const long *)(const void *)v;
            if (x == -1) {
                OGR_F_SetFieldNull(dst, i);
            } else if (x < INT_MIN || x > INT_MAX) {
                return incmap_fail(ctx, INCMAP_ERR_INVALID_ARG, "feature %s: %s %ld is too large",
                                   id, p->key, x);
            } else {
                OGR_F_SetFieldInteger64(dst, i, x);
            }
            break;
        }
        case GJ_REAL: {
            double x = *(const double *)(const void *)v;
            if (isnan(x)) {
                OGR_F_SetFieldNull(dst, i);
            } else {
                OGR_F_SetFieldDouble(dst, i, incmap_geojson_round(x, p->decimals));
            }
            break;
        }
        }
    }
    return INCMAP_OK;
}

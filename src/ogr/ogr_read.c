/* OGR stage: the reader. Any OGR vector source with the incident schema -> incmap_incidents:
 * a GeoPackage, FlatGeobuf, Shapefile directory, CSV, ... or a PostGIS table. Each layer with a
 * geometry must have "role" and "incident" fields; every other schema property is optional (null
 * when absent), and a value that breaks the schema (a role that is none, a precision of 7, a
 * number in a text field) is refused with one line naming the source, the layer, the feature
 * and the field, as the GeoJSON reader does. Shapefile's 10-byte field names ("uncertaint")
 * are matched to theirs. Coordinates in another CRS are transformed to WGS84 lon/lat. */
#include "ogr/ogr_int.h"
#include "text/fold.h"

#include <cpl_error.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct {
    incmap_ctx *ctx;
    const char *source, *layer;
    GIntBig fid;
    char date[16];        /* a date field as YYYY-MM-DD, borrowed by the feature being read */
    int idx[OGR_NFIELDS]; /* field index in the layer, -1 when absent */
} reader;

static incmap_status rfail(reader *r, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static incmap_status rfail(reader *r, const char *field, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return incmap_fail(r->ctx, INCMAP_ERR_PARSE, "%s: layer %s: feature %lld: %s: %s", r->source,
                       r->layer, (long long)r->fid, field, msg);
}

/* A number from field I: numeric fields as they are, text fields (CSV, KML) parsed strictly. */
static incmap_status number(reader *r, OGRFeatureH f, int i, const char *name, double *out)
{
    OGRFieldType t = OGR_Fld_GetType(OGR_F_GetFieldDefnRef(f, i));
    if (t == OFTInteger || t == OFTInteger64 || t == OFTReal) {
        *out = OGR_F_GetFieldAsDouble(f, i);
        return INCMAP_OK;
    }
    const char *s = OGR_F_GetFieldAsString(f, i);
    char *end = NULL;
    errno = 0;
    *out = strtod(s, &end);
    if (s[0] == '\0' || *end != '\0' || errno != 0 || !isfinite(*out) || s[0] == ' ' ||
        strncasecmp(s, "0x", 2) == 0) {
        char q[48];
        return rfail(r, name, "'%s' is not a number", incmap_gjr_quote(s, q));
    }
    return INCMAP_OK;
}

static incmap_status property(reader *r, OGRFeatureH f, const ogr_field *fd, int i,
                              incmap_feature *out)
{
    const gj_prop *p = fd->prop;
    char *v = (char *)out + p->offset;
    char q[48];
    double d = 0;
    incmap_status st = INCMAP_OK;
    switch (p->type) {
    case GJ_STR:
    case GJ_KIND:
    case GJ_DATE: {
        const char *s = OGR_F_GetFieldAsString(f, i);
        if (s[0] == '\0') {
            break; /* CSV cannot tell an empty text from none: null */
        }
        size_t bad;
        if (!incmap_utf8_check(s, strlen(s), &bad)) {
            return rfail(r, p->key, "invalid UTF-8 at byte %zu", bad);
        }
        if (p->type == GJ_KIND) {
            if (!incmap_geojson_kind_parse(s, (incmap_kind *)(void *)v)) {
                return rfail(r, p->key, "'%s' is not a kind (country, admin1, region, place, site)",
                             incmap_gjr_quote(s, q));
            }
        } else {
            *(char **)(void *)v = (char *)s; /* borrowed until the feature is added */
        }
        OGRFieldType t = OGR_Fld_GetType(OGR_F_GetFieldDefnRef(f, i));
        int y, m, dd, hh, mm, tz, n = 0;
        float sec;
        bool got = false;
        if (p->type == GJ_DATE && (t == OFTDate || t == OFTDateTime)) {
            got = OGR_F_GetFieldAsDateTimeEx(f, i, &y, &m, &dd, &hh, &mm, &sec, &tz);
        } else if (p->type == GJ_DATE) { /* OGR writes dates into text fields as 2024/04/21 */
            got = sscanf(s, "%4d/%2d/%2d%n", &y, &m, &dd, &n) == 3 && s[n] == '\0';
        }
        if (got) {
            snprintf(r->date, sizeof r->date, "%04d-%02d-%02d", y % 10000, m % 100, dd % 100);
            *(char **)(void *)v = r->date;
        }
        break;
    }
    case GJ_INT:
    case GJ_LONG:
        if ((st = number(r, f, i, p->key, &d)) != INCMAP_OK) {
            return st;
        }
        if (d != floor(d)) {
            return rfail(r, p->key, "%.10g is not a whole number", d);
        }
        if (d < p->min || d > p->max) {
            return rfail(r, p->key, "%.10g is out of range [%.0f, %.0f]", d, p->min, p->max);
        }
        if (p->type == GJ_INT) {
            *(int *)(void *)v = (int)d;
        } else {
            *(long *)(void *)v = (long)d;
        }
        break;
    case GJ_REAL:
        if ((st = number(r, f, i, p->key, &d)) != INCMAP_OK) {
            return st;
        }
        if (!(d >= p->min && d <= p->max)) {
            return rfail(r, p->key, "%.10g is out of range [%g, %g]", d, p->min, p->max);
        }
        *(double *)(void *)v = d;
        break;
    }
    return INCMAP_OK;
}

/* OGR geometry -> incmap_geom (2D, linear). NULL with the ctx error set. */
static incmap_geom *geometry(reader *r, OGRGeometryH h)
{
    OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(h));
    if (t == wkbMultiPoint && OGR_G_GetGeometryCount(h) == 1) {
        h = OGR_G_GetGeometryRef(h, 0);
        t = wkbPoint;
    }
    incmap_geom_type gt = t == wkbPoint             ? INCMAP_GEOM_POINT
                          : t == wkbLineString      ? INCMAP_GEOM_LINESTRING
                          : t == wkbMultiLineString ? INCMAP_GEOM_MULTILINESTRING
                          : t == wkbPolygon         ? INCMAP_GEOM_POLYGON
                          : t == wkbMultiPolygon    ? INCMAP_GEOM_MULTIPOLYGON
                                                    : 0;
    if (gt == 0) {
        rfail(r, "geometry", "%s is not a point, line or polygon",
              OGRGeometryTypeToName(OGR_G_GetGeometryType(h)));
        return NULL;
    }
    /* the rings (lines) and polygons, as a flat list of simple parts */
    size_t npoly = t == wkbMultiPolygon ? (size_t)OGR_G_GetGeometryCount(h) : t == wkbPolygon;
    size_t nring = 0, npts = 0;
    for (size_t p = 0; p < (npoly > 0 ? npoly : 1); p++) {
        OGRGeometryH poly = t == wkbMultiPolygon ? OGR_G_GetGeometryRef(h, (int)p) : h;
        int nr = t == wkbPoint || t == wkbLineString ? 1 : OGR_G_GetGeometryCount(poly);
        for (int k = 0; k < nr; k++) {
            OGRGeometryH g =
                t == wkbPoint || t == wkbLineString ? poly : OGR_G_GetGeometryRef(poly, k);
            npts += (size_t)OGR_G_GetPointCount(g);
            nring++;
        }
    }
    incmap_geom *g = incmap_geom_create(gt, npts, gt == INCMAP_GEOM_POINT ? 0 : nring, npoly);
    if (g == NULL) {
        incmap_fail(r->ctx, INCMAP_ERR_NOMEM, "out of memory reading %s", r->source);
        return NULL;
    }
    size_t at = 0, ri = 0;
    for (size_t p = 0; p < (npoly > 0 ? npoly : 1); p++) {
        OGRGeometryH poly = t == wkbMultiPolygon ? OGR_G_GetGeometryRef(h, (int)p) : h;
        int nr = t == wkbPoint || t == wkbLineString ? 1 : OGR_G_GetGeometryCount(poly);
        for (int k = 0; k < nr; k++) {
            OGRGeometryH part =
                t == wkbPoint || t == wkbLineString ? poly : OGR_G_GetGeometryRef(poly, k);
            for (int v = 0; v < OGR_G_GetPointCount(part); v++) {
                double x = OGR_G_GetX(part, v), y = OGR_G_GetY(part, v);
                if (!(x >= -180 && x <= 180 && y >= -90 && y <= 90)) {
                    incmap_geom_destroy(g);
                    rfail(r, "geometry", "position %.10g, %.10g is not a longitude, latitude", x,
                          y);
                    return NULL;
                }
                g->xy[2 * at] = x;
                g->xy[2 * at + 1] = y;
                at++;
            }
            if (gt != INCMAP_GEOM_POINT) {
                g->ring_end[ri++] = at;
            }
        }
        if (npoly > 0) {
            g->poly_end[p] = ri;
        }
    }
    return g;
}

static incmap_status read_feature(reader *r, OGRFeatureH f, OGRCoordinateTransformationH ct,
                                  incmap_incidents *inc)
{
    incmap_feature out = incmap_feature_init();
    r->fid = OGR_F_GetFID(f);
    const char *role = OGR_F_IsFieldSetAndNotNull(f, r->idx[OGR_F_ROLE])
                           ? OGR_F_GetFieldAsString(f, r->idx[OGR_F_ROLE])
                           : "";
    if ((out.role = incmap_role_parse(role)) == 0) {
        char q[48];
        return rfail(r, "role", "'%s' is not launch, target, border, site or mention",
                     incmap_gjr_quote(role, q));
    }
    incmap_status st = INCMAP_OK;
    out.incident = 0;
    if (OGR_F_IsFieldSetAndNotNull(f, r->idx[OGR_F_INCIDENT])) {
        double d = 0;
        if ((st = number(r, f, r->idx[OGR_F_INCIDENT], "incident", &d)) != INCMAP_OK) {
            return st;
        }
        if (d != floor(d) || d < 0 || d > 2147483647.0) {
            return rfail(r, "incident", "%.10g is not an incident number", d);
        }
        out.incident = (int)d;
    }
    for (int k = 3; k < OGR_NFIELDS && st == INCMAP_OK; k++) {
        int i = r->idx[k];
        if (i >= 0 && OGR_F_IsFieldSetAndNotNull(f, i)) {
            st = property(r, f, &incmap_ogr_fields[k], i, &out);
        }
    }
    if (st != INCMAP_OK) {
        return st;
    }
    OGRGeometryH h = OGR_F_GetGeometryRef(f);
    if (h == NULL || OGR_G_IsEmpty(h)) {
        incmap_log(r->ctx, INCMAP_LOG_WARN, "%s: layer %s: feature %lld has no geometry: skipped",
                   r->source, r->layer, (long long)r->fid);
        return INCMAP_OK;
    }
    OGRGeometryH lin = OGR_G_GetLinearGeometry(h, 0, NULL);
    if (lin != NULL && ct != NULL && OGR_G_Transform(lin, ct) != OGRERR_NONE) {
        OGR_G_DestroyGeometry(lin);
        return rfail(r, "geometry", "cannot be transformed to WGS84");
    }
    out.geom = lin != NULL ? geometry(r, lin) : NULL;
    if (lin != NULL) {
        OGR_G_DestroyGeometry(lin);
    }
    if (out.geom == NULL) {
        return incmap_ctx_status(r->ctx) != INCMAP_OK
                   ? incmap_ctx_status(r->ctx)
                   : incmap_fail(r->ctx, INCMAP_ERR_NOMEM, "out of memory reading %s", r->source);
    }
    st = incmap_incidents_add(inc, r->ctx, &out);
    incmap_geom_destroy(out.geom);
    return st;
}

/* Layer L (called NAME in messages). */
static incmap_status read_layer(reader *r, OGRLayerH l, const char *name, incmap_incidents *inc)
{
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(l);
    r->layer = name;
    incmap_ogr_field_map(defn, r->idx);
    for (int k = OGR_F_ROLE; k >= OGR_F_INCIDENT; k--) {
        if (r->idx[k] < 0) {
            return incmap_fail(r->ctx, INCMAP_ERR_PARSE,
                               "%s: layer %s: no \"%s\" field: not incmap incidents (see the "
                               "README's incident schema)",
                               r->source, r->layer, incmap_ogr_fields[k].name);
        }
    }
    OGRCoordinateTransformationH ct = NULL;
    OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(l), wgs = incmap_ogr_wgs84();
    if (srs != NULL && wgs != NULL && !OSRIsSame(srs, wgs)) {
        OGRSpatialReferenceH src = OSRClone(srs);
        OSRSetAxisMappingStrategy(src, OAMS_TRADITIONAL_GIS_ORDER);
        ct = OCTNewCoordinateTransformation(src, wgs);
        OSRDestroySpatialReference(src);
    }
    if (wgs != NULL) {
        OSRDestroySpatialReference(wgs);
    }
    incmap_status st = INCMAP_OK;
    OGR_L_ResetReading(l);
    OGRFeatureH f;
    while (st == INCMAP_OK && (f = OGR_L_GetNextFeature(l)) != NULL) {
        st = read_feature(r, f, ct, inc);
        OGR_F_Destroy(f);
    }
    if (st == INCMAP_OK && CPLGetLastErrorType() >= CE_Failure) {
        st = incmap_ogr_fail(r->ctx, INCMAP_ERR_GDAL, r->source);
    }
    if (ct != NULL) {
        OCTDestroyCoordinateTransformation(ct);
    }
    return st;
}

/* REPORT's features of layer L (all with REPORT NULL), through an OGR SQL filter. */
static incmap_status read_filtered(reader *r, OGRLayerH l, const char *report,
                                   incmap_incidents *inc)
{
    char *filter = NULL;
    incmap_status st = INCMAP_OK;
    if (report != NULL) {
        size_t cap = 2 * strlen(report) + 32, n = 0;
        if ((filter = malloc(cap)) == NULL) {
            return incmap_fail(r->ctx, INCMAP_ERR_NOMEM, "out of memory");
        }
        n = (size_t)snprintf(filter, cap, "report = '");
        for (const char *s = report; *s != '\0'; s++) {
            filter[n++] = *s;
            if (*s == '\'') {
                filter[n++] = '\'';
            }
        }
        snprintf(filter + n, cap - n, "'");
        if (OGR_L_SetAttributeFilter(l, filter) != OGRERR_NONE) {
            st = incmap_ogr_fail(r->ctx, INCMAP_ERR_GDAL, "cannot select the report");
        }
    }
    if (st == INCMAP_OK) {
        st = read_layer(r, l, OGR_L_GetName(l), inc);
    }
    free(filter);
    return st;
}

/* A PostGIS table in the order the rows were written (by its key: the features of a report in
 * the order of the report's GeoJSON), REPORT's rows only when not NULL. */
static incmap_status read_pg(reader *r, GDALDatasetH ds, OGRLayerH l, const char *report,
                             incmap_incidents *inc)
{
    const char *fid = OGR_L_GetFIDColumn(l), *table = OGR_L_GetName(l);
    char *lit = report != NULL ? incmap_ogr_pg_literal(report) : NULL;
    size_t cap = strlen(table) + strlen(fid) + (lit != NULL ? strlen(lit) : 0) + 64;
    char *sql = malloc(cap);
    if (sql == NULL || (report != NULL && lit == NULL)) {
        free(sql);
        free(lit);
        return incmap_fail(r->ctx, INCMAP_ERR_NOMEM, "out of memory");
    }
    /* the name as GDAL gives it ("schema.table" for other schemas) is quoted part by part */
    const char *dot = strchr(table, '.');
    int n = dot != NULL ? snprintf(sql, cap, "SELECT * FROM \"%.*s\".\"%s\"", (int)(dot - table),
                                   table, dot + 1)
                        : snprintf(sql, cap, "SELECT * FROM \"%s\"", table);
    if (lit != NULL) {
        n += snprintf(sql + n, cap - (size_t)n, " WHERE report = %s", lit);
    }
    if (fid[0] != '\0') {
        snprintf(sql + n, cap - (size_t)n, " ORDER BY \"%s\"", fid);
    }
    free(lit);
    CPLErrorReset();
    OGRLayerH rs = GDALDatasetExecuteSQL(ds, sql, NULL, NULL);
    free(sql);
    if (rs == NULL) {
        return incmap_ogr_fail(r->ctx, INCMAP_ERR_GDAL, r->source);
    }
    incmap_status st = read_layer(r, rs, table, inc);
    GDALDatasetReleaseResultSet(ds, rs);
    return st;
}

incmap_incidents *incmap_ogr_read(incmap_ctx *ctx, const char *source, const char *layer,
                                  const char *report)
{
    incmap_ogr_begin();
    reader r = {ctx, source, NULL, -1, "", {0}};
    bool pg = strncasecmp(source, "PG:", 3) == 0;
    GDALDatasetH ds = GDALOpenEx(source, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
    incmap_incidents *inc = ds != NULL ? incmap_incidents_create(ctx) : NULL;
    incmap_status st = INCMAP_OK;
    if (ds == NULL) {
        st = incmap_ogr_fail(ctx, INCMAP_ERR_IO, source);
    } else if (inc == NULL) {
        st = incmap_ctx_status(ctx);
    } else if (pg || layer != NULL) {
        const char *name = layer != NULL ? layer : "incidents";
        OGRLayerH l = GDALDatasetGetLayerByName(ds, name);
        if (l == NULL) {
            st = incmap_fail(ctx, INCMAP_ERR_IO, "%s: no table or layer \"%s\"", source, name);
        } else if (pg) {
            st = read_pg(&r, ds, l, report, inc);
        } else {
            st = read_filtered(&r, l, report, inc);
        }
    } else {
        int nread = 0;
        for (int i = 0; i < GDALDatasetGetLayerCount(ds) && st == INCMAP_OK; i++) {
            OGRLayerH l = GDALDatasetGetLayer(ds, i);
            if (OGR_L_GetGeomType(l) == wkbNone) {
                continue; /* a table without geometry (a GeoPackage's layer styles, ...) */
            }
            st = read_layer(&r, l, OGR_L_GetName(l), inc);
            nread++;
        }
        if (st == INCMAP_OK && nread == 0) {
            st = incmap_fail(ctx, INCMAP_ERR_PARSE, "%s: no layer with geometries", source);
        }
    }
    if (ds != NULL) {
        GDALClose(ds);
    }
    incmap_ogr_end();
    if (st != INCMAP_OK) {
        incmap_incidents_destroy(inc);
        return NULL;
    }
    return inc;
}

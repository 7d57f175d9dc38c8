/* OGR reader for the renderer's base layers. Registers only the GeoPackage driver (registering
 * every GDAL driver costs tens of milliseconds per render) and reads features through spatial
 * filters, so a regional map touches a few dozen features, not the world. */
#include "ogr_read.h"

#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <stdlib.h>
#include <string.h>

/* Declared in GDAL's C++-only ogrsf_frmts.h with C linkage. */
void RegisterOGRGeoPackage(void);

struct incmap_ogr {
    GDALDatasetH ds;
    OGRLayerH areas, admin1, places; /* admin1 is NULL for the gazetteer (one `areas` layer) */
    bool gazetteer;                  /* gazetteer schema (areas/places) or world_map schema */
    bool last_unsorted;              /* the last read used OGR's filter: no ORDER BY/LIMIT */
    char path[512];
};

void ogr_features_free(ogr_features *fs)
{
    for (size_t i = 0; i < fs->n; i++) {
        incmap_geom_destroy(fs->f[i].geom);
        free(fs->f[i].name);
    }
    free(fs->f);
    fs->f = NULL;
    fs->n = fs->cap = 0;
}

static void ignore_unused_fields(OGRLayerH layer)
{
    static const char *const keep[] = {"name",   "NAME",       "kind",        "country",
                                       "iso_a2", "population", "feature_code"};
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    const char *skip[64];
    int n = 0;
    for (int i = 0; i < OGR_FD_GetFieldCount(defn) && n < 63; i++) {
        const char *name = OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i));
        bool used = false;
        for (size_t k = 0; k < sizeof keep / sizeof keep[0]; k++) {
            used = used || strcmp(name, keep[k]) == 0;
        }
        if (!used) {
            skip[n++] = name;
        }
    }
    skip[n] = NULL;
    OGR_L_SetIgnoredFields(layer, skip);
}

incmap_ogr *incmap_ogr_open(incmap_ctx *ctx, const char *path)
{
    if (GDALGetDriverByName("GPKG") == NULL) {
        RegisterOGRGeoPackage();
    }
    incmap_ogr *o = calloc(1, sizeof *o);
    if (o == NULL) {
        incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory");
        return NULL;
    }
    snprintf(o->path, sizeof o->path, "%s", path);
    const char *const drivers[] = {"GPKG", NULL};
    CPLPushErrorHandler(CPLQuietErrorHandler);
    CPLErrorReset();
    o->ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, NULL, NULL);
    CPLPopErrorHandler();
    if (o->ds == NULL) {
        const char *m = CPLGetLastErrorMsg();
        incmap_fail(ctx, INCMAP_ERR_IO, "cannot open base map GeoPackage %s: %s", path,
                    m != NULL && m[0] != '\0' ? m : "not a GeoPackage");
        free(o);
        return NULL;
    }
    o->areas = GDALDatasetGetLayerByName(o->ds, "areas");
    if (o->areas != NULL) {
        o->gazetteer = true;
        o->places = GDALDatasetGetLayerByName(o->ds, "places");
    } else {
        o->areas = GDALDatasetGetLayerByName(o->ds, "countries");
        o->admin1 = GDALDatasetGetLayerByName(o->ds, "states_provinces");
    }
    /* only name, country, kind and population are read: skip parsing the rest */
    OGRLayerH layers[3] = {o->areas, o->admin1, o->places};
    for (int i = 0; i < 3; i++) {
        if (layers[i] != NULL) {
            ignore_unused_fields(layers[i]);
        }
    }
    if (o->areas == NULL) {
        incmap_fail(ctx, INCMAP_ERR_GDAL,
                    "%s has no 'areas' layer (is it an incmap gazetteer GeoPackage?)", path);
        incmap_ogr_close(o);
        return NULL;
    }
    return o;
}

void incmap_ogr_close(incmap_ogr *o)
{
    if (o == NULL) {
        return;
    }
    if (o->ds != NULL) {
        GDALClose(o->ds);
    }
    free(o);
}

/* Counts vertices, rings and polygons of a (multi)polygon / (multi)line / point. */
static void count_geom(OGRGeometryH g, size_t *npts, size_t *nrings, size_t *npolys)
{
    OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(g));
    int nsub = OGR_G_GetGeometryCount(g);
    switch (t) {
    case wkbPoint:
        *npts += 1;
        break;
    case wkbLineString:
        *npts += (size_t)OGR_G_GetPointCount(g);
        *nrings += 1;
        break;
    case wkbPolygon:
        *npolys += 1;
        __attribute__((fallthrough)); /* gcc and clang both see this; clang ignores comments */
    case wkbMultiPolygon:
    case wkbMultiLineString:
        for (int i = 0; i < nsub; i++) {
            count_geom(OGR_G_GetGeometryRef(g, i), npts, nrings, npolys);
        }
        break;
    default:
        break;
    }
}

static void fill_geom(OGRGeometryH g, incmap_geom *out, size_t *pt, size_t *ring, size_t *poly)
{
    OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(g));
    if (t == wkbPoint) {
        out->xy[2 * *pt] = OGR_G_GetX(g, 0);
        out->xy[2 * *pt + 1] = OGR_G_GetY(g, 0);
        (*pt)++;
    } else if (t == wkbLineString) {
        int n = OGR_G_GetPointCount(g);
        OGR_G_GetPoints(g, out->xy + 2 * *pt, 2 * sizeof(double), out->xy + 2 * *pt + 1,
                        2 * sizeof(double), NULL, 0);
        *pt += (size_t)n;
        out->ring_end[(*ring)++] = *pt;
    } else if (t == wkbPolygon || t == wkbMultiPolygon || t == wkbMultiLineString) {
        for (int i = 0; i < OGR_G_GetGeometryCount(g); i++) {
            fill_geom(OGR_G_GetGeometryRef(g, i), out, pt, ring, poly);
        }
        if (t == wkbPolygon) {
            out->poly_end[(*poly)++] = *ring;
        }
    }
}

static incmap_geom *geom_from_ogr(OGRGeometryH g)
{
    size_t npts = 0, nrings = 0, npolys = 0;
    count_geom(g, &npts, &nrings, &npolys);
    if (npts == 0) {
        return NULL;
    }
    OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(g));
    incmap_geom_type gt = t == wkbPoint ? INCMAP_GEOM_POINT
                          : t == wkbLineString || t == wkbMultiLineString
                              ? INCMAP_GEOM_MULTILINESTRING
                              : INCMAP_GEOM_MULTIPOLYGON;
    incmap_geom *out = incmap_geom_create(gt, npts, nrings, npolys);
    if (out != NULL) {
        size_t pt = 0, ring = 0, poly = 0;
        fill_geom(g, out, &pt, &ring, &poly);
    }
    return out;
}

static bool push(ogr_features *fs, const ogr_feature *f)
{
    if (fs->n == fs->cap) {
        size_t cap = fs->cap ? 2 * fs->cap : 32;
        ogr_feature *nf = realloc(fs->f, cap * sizeof *nf);
        if (nf == NULL) {
            return false;
        }
        fs->f = nf;
        fs->cap = cap;
    }
    fs->f[fs->n++] = *f;
    return true;
}

static const char *field_str(OGRFeatureH f, int idx)
{
    return idx >= 0 && OGR_F_IsFieldSetAndNotNull(f, idx) ? OGR_F_GetFieldAsString(f, idx) : "";
}

static incmap_status push_feature(incmap_ogr *o, incmap_ctx *ctx, OGRFeatureH f, int kind,
                                  int i_name, int i_cc, int i_pop, ogr_features *out)
{
    OGRGeometryH g = OGR_F_GetGeometryRef(f);
    if (g == NULL || OGR_G_IsEmpty(g)) {
        return INCMAP_OK;
    }
    ogr_feature of = {0};
    of.kind = kind;
    of.population = i_pop >= 0 ? OGR_F_GetFieldAsInteger64(f, i_pop) : -1;
    snprintf(of.country, sizeof of.country, "%s", field_str(f, i_cc));
    of.geom = geom_from_ogr(g);
    of.name = incmap_strdup(field_str(f, i_name));
    if (of.geom == NULL || of.name == NULL || !push(out, &of)) {
        incmap_geom_destroy(of.geom);
        free(of.name);
        return incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory reading %s", o->path);
    }
    if (of.geom->type == INCMAP_GEOM_POINT) {
        out->f[out->n - 1].lon = of.geom->xy[0];
        out->f[out->n - 1].lat = of.geom->xy[1];
    }
    return INCMAP_OK;
}

static void field_indexes(const incmap_ogr *o, OGRFeatureDefnH defn, int *i_name, int *i_cc,
                          int *i_pop)
{
    *i_name = OGR_FD_GetFieldIndex(defn, "name");
    if (*i_name < 0) {
        *i_name = OGR_FD_GetFieldIndex(defn, "NAME");
    }
    *i_cc = OGR_FD_GetFieldIndex(defn, o->gazetteer ? "country" : "iso_a2");
    *i_pop = OGR_FD_GetFieldIndex(defn, "population");
}

/* The GeoPackage R-tree queried directly in SQL. OGR's spatial filter would also test every
 * polygon that straddles the box edge exactly, with GEOS: far more work than drawing it, and
 * cairo clips to the frame anyway. NULL when the table has no R-tree (then the filter is used). */
static OGRLayerH rtree_query(incmap_ogr *o, OGRLayerH layer, const double ll[4], const char *where,
                             const char *order)
{
    const char *table = OGR_L_GetName(layer), *gcol = OGR_L_GetGeometryColumn(layer);
    const char *fid = OGR_L_GetFIDColumn(layer);
    if (gcol == NULL || gcol[0] == '\0' || fid == NULL || fid[0] == '\0') {
        return NULL;
    }
    char sql[1024];
    snprintf(sql, sizeof sql,
             "SELECT t.* FROM \"%s\" t JOIN \"rtree_%s_%s\" r ON t.\"%s\" = r.id WHERE "
             "r.maxx >= %.9g AND r.minx <= %.9g AND r.maxy >= %.9g AND r.miny <= %.9g%s%s%s",
             table, table, gcol, fid, ll[0], ll[2], ll[1], ll[3], where ? " AND (" : "",
             where ? where : "", where ? ")" : "");
    if (order != NULL) {
        strncat(sql, order, sizeof sql - strlen(sql) - 1);
    }
    CPLPushErrorHandler(CPLQuietErrorHandler);
    OGRLayerH res = GDALDatasetExecuteSQL(o->ds, sql, NULL, NULL);
    CPLPopErrorHandler();
    return res;
}

/* Reads the features of `layer` meeting ll and passing `where` (NULL: all) into out. */
static incmap_status read_layer(incmap_ogr *o, incmap_ctx *ctx, OGRLayerH layer, const double ll[4],
                                const char *where, const char *order, int kind, ogr_features *out)
{
    int i_name, i_cc, i_pop;
    incmap_status st = INCMAP_OK;
    OGRFeatureH f;
    OGRLayerH res = rtree_query(o, layer, ll, where, order);
    o->last_unsorted = res == NULL;
    if (res != NULL) {
        field_indexes(o, OGR_L_GetLayerDefn(res), &i_name, &i_cc, &i_pop);
        while (st == INCMAP_OK && (f = OGR_L_GetNextFeature(res)) != NULL) {
            st = push_feature(o, ctx, f, kind, i_name, i_cc, i_pop, out);
            OGR_F_Destroy(f);
        }
        GDALDatasetReleaseResultSet(o->ds, res);
        return st;
    }
    field_indexes(o, OGR_L_GetLayerDefn(layer), &i_name, &i_cc, &i_pop);
    OGR_L_SetSpatialFilterRect(layer, ll[0], ll[1], ll[2], ll[3]);
    CPLPushErrorHandler(CPLQuietErrorHandler);
    OGRErr err = OGR_L_SetAttributeFilter(layer, where);
    CPLPopErrorHandler();
    if (err != OGRERR_NONE) {
        return incmap_fail(ctx, INCMAP_ERR_GDAL, "%s: layer %s: bad filter %s", o->path,
                           OGR_L_GetName(layer), where);
    }
    OGR_L_ResetReading(layer);
    while (st == INCMAP_OK && (f = OGR_L_GetNextFeature(layer)) != NULL) {
        st = push_feature(o, ctx, f, kind, i_name, i_cc, i_pop, out);
        OGR_F_Destroy(f);
    }
    OGR_L_SetAttributeFilter(layer, NULL);
    OGR_L_SetSpatialFilter(layer, NULL);
    return st;
}

incmap_status incmap_ogr_read_areas(incmap_ogr *o, incmap_ctx *ctx, const double ll[4],
                                    unsigned kinds, ogr_features *out)
{
    incmap_status st = INCMAP_OK;
    if (o->gazetteer) {
        if (kinds & OGR_AREA_COUNTRY) {
            st = read_layer(o, ctx, o->areas, ll, "kind = 'country'", NULL, OGR_AREA_COUNTRY, out);
        }
        if (st == INCMAP_OK && (kinds & OGR_AREA_ADMIN1)) {
            st = read_layer(o, ctx, o->areas, ll, "kind = 'admin1'", NULL, OGR_AREA_ADMIN1, out);
        }
        return st;
    }
    if (kinds & OGR_AREA_COUNTRY) {
        st = read_layer(o, ctx, o->areas, ll, NULL, NULL, OGR_AREA_COUNTRY, out);
    }
    if (st == INCMAP_OK && (kinds & OGR_AREA_ADMIN1) && o->admin1 != NULL) {
        st = read_layer(o, ctx, o->admin1, ll, NULL, NULL, OGR_AREA_ADMIN1, out);
    }
    return st;
}

static int by_population_desc(const void *a, const void *b)
{
    const ogr_feature *fa = a, *fb = b;
    return fa->population < fb->population ? 1 : fa->population > fb->population ? -1 : 0;
}

/* GeoNames feature codes that label a living town: populated places, admin seats, capitals,
 * government seats, farm villages, localities, religious places, settlements. Left out: PPLX (a
 * section of a city, whose population can exceed the city's: "Al Mawsil al Jadidah" over Mosul),
 * PPLH/PPLCH (historical), PPLQ (abandoned), PPLW (destroyed), and sites (airports, bases) that
 * share the places layer. Entries without a code (the supplement) count as populated places. */
#define LIVE_PLACE_CODES                                                                           \
    "'PPL','PPLA','PPLA2','PPLA3','PPLA4','PPLA5','PPLC','PPLG','PPLS','PPLF','PPLL','PPLR',"      \
    "'STLMT'"

/* Capitals and admin seats are what a reader looks for on a map, so they outrank a town of
 * similar size: the order is population times this weight. */
#define PLACE_WEIGHT_SQL                                                                           \
    "CASE feature_code WHEN 'PPLC' THEN 4 WHEN 'PPLG' THEN 3 WHEN 'PPLA' THEN 2.5 WHEN 'PPLA2' "   \
    "THEN 1.5 ELSE 1 END"

incmap_status incmap_ogr_read_places(incmap_ogr *o, incmap_ctx *ctx, const double ll[4],
                                     int64_t min_pop, size_t max_n, ogr_features *out)
{
    if (o->places == NULL) {
        return INCMAP_OK; /* the world_map fallback has no places */
    }
    bool has_code = OGR_FD_GetFieldIndex(OGR_L_GetLayerDefn(o->places), "feature_code") >= 0;
    char where[256], order[192];
    snprintf(where, sizeof where, "population >= %lld%s", (long long)min_pop,
             has_code ? " AND (feature_code IS NULL OR feature_code = '' OR feature_code IN "
                        "(" LIVE_PLACE_CODES "))"
                      : "");
    snprintf(order, sizeof order, " ORDER BY population * %s DESC LIMIT %zu",
             has_code ? PLACE_WEIGHT_SQL : "1", max_n);
    size_t first = out->n;
    incmap_status st = read_layer(o, ctx, o->places, ll, where, order, 0, out);
    if (st != INCMAP_OK) {
        return st;
    }
    /* the R-tree query sorted and limited already; the filter fallback did not */
    if (o->last_unsorted) {
        qsort(out->f + first, out->n - first, sizeof *out->f, by_population_desc);
    }
    while (out->n - first > max_n) {
        out->n--;
        incmap_geom_destroy(out->f[out->n].geom);
        free(out->f[out->n].name);
    }
    return INCMAP_OK;
}

/* The renderer's GeoPackage reader (src/render/base_read.c, gpkg_geom.c), which reads the base
 * layers with SQLite instead of OGR: geometry blobs of every WKB flavour, corrupt blobs that must
 * yield nothing (never a crash or a read past the end), and whole GeoPackages written by OGR,
 * with and without an R-tree, in the gazetteer's layout and in Natural Earth's world_map layout,
 * whose features must come back as OGR itself reads them. */
#include "render/base_read.h"
#include "testutil.h"

#include <cpl_string.h>
#include <gdal.h>
#include <math.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- blobs built by hand ------------------------------------------------------------------ */

typedef struct {
    unsigned char b[1024];
    size_t n;
    bool be; /* WKB big-endian */
} blob;

static void put8(blob *w, unsigned v)
{
    ck_assert_uint_lt(w->n, sizeof w->b);
    w->b[w->n++] = (unsigned char)v;
}

static void put32(blob *w, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        put8(w, (v >> (w->be ? 24 - 8 * i : 8 * i)) & 0xff);
    }
}

static void putf(blob *w, double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    for (int i = 0; i < 8; i++) {
        put8(w, (unsigned)(u >> (w->be ? 56 - 8 * i : 8 * i)) & 0xff);
    }
}

/* GeoPackage header: magic, version 0, flags (little-endian header, envelope kind env), srs 4326,
 * then the envelope's doubles (zeros: the reader must not depend on them). */
static void header(blob *w, unsigned env, bool empty)
{
    static const int env_doubles[] = {0, 4, 6, 6, 8};
    w->n = 0;
    put8(w, 'G'), put8(w, 'P'), put8(w, 0);
    put8(w, 1u | env << 1 | (empty ? 0x10u : 0));
    bool be = w->be;
    w->be = false;
    put32(w, 4326);
    for (int i = 0; i < env_doubles[env]; i++) {
        putf(w, 0);
    }
    w->be = be;
}

static void wkb_head(blob *w, uint32_t type)
{
    put8(w, w->be ? 0 : 1);
    put32(w, type);
}

static void ring(blob *w, const double *xy, uint32_t n, int dims)
{
    put32(w, n);
    for (uint32_t i = 0; i < n; i++) {
        putf(w, xy[2 * i]), putf(w, xy[2 * i + 1]);
        for (int d = 2; d < dims; d++) {
            putf(w, 99.0); /* Z or M: dropped */
        }
    }
}

static const double square[] = {40, 30, 41, 30, 41, 31, 40, 31, 40, 30};
static const double hole[] = {40.2, 30.2, 40.4, 30.2, 40.4, 30.4, 40.2, 30.2};

static incmap_geom *parse(const blob *w)
{
    bool nomem = true;
    incmap_geom *g = incmap_gpkg_geom(w->b, w->n, &nomem);
    ck_assert(!nomem);
    return g;
}

START_TEST(blob_point_polygon_multipolygon)
{
    blob w = {.be = false};
    header(&w, 0, false);
    wkb_head(&w, 1);
    putf(&w, 42.6), putf(&w, 36.65);
    incmap_geom *g = parse(&w);
    ck_assert_ptr_nonnull(g);
    ck_assert_int_eq(g->type, INCMAP_GEOM_POINT);
    ck_assert_uint_eq(g->npoints, 1);
    ck_assert_double_eq(g->xy[0], 42.6);
    ck_assert_double_eq(g->xy[1], 36.65);
    incmap_geom_destroy(g);

    /* a polygon with a hole behind a 2D envelope (32 bytes) */
    header(&w, 1, false);
    wkb_head(&w, 3);
    put32(&w, 2);
    ring(&w, square, 5, 2);
    ring(&w, hole, 4, 2);
    g = parse(&w);
    ck_assert_ptr_nonnull(g);
    ck_assert_int_eq(g->type, INCMAP_GEOM_MULTIPOLYGON);
    ck_assert_uint_eq(g->npoints, 9);
    ck_assert_uint_eq(g->nrings, 2);
    ck_assert_uint_eq(g->npolys, 1);
    ck_assert_uint_eq(g->ring_end[0], 5);
    ck_assert_uint_eq(g->ring_end[1], 9);
    ck_assert_uint_eq(g->poly_end[0], 2);
    ck_assert(incmap_geom_contains(g, (incmap_lonlat){40.8, 30.8}));
    ck_assert(!incmap_geom_contains(g, (incmap_lonlat){40.3, 30.25})); /* in the hole */
    incmap_geom_destroy(g);

    /* big-endian WKB multipolygon of two squares, XYZM envelope (64 bytes) */
    w.be = true;
    header(&w, 4, false);
    wkb_head(&w, 6);
    put32(&w, 2);
    for (int p = 0; p < 2; p++) {
        double sq[10];
        for (int i = 0; i < 10; i++) {
            sq[i] = square[i] + (i % 2 == 0 ? 5.0 * p : 0);
        }
        wkb_head(&w, 3);
        put32(&w, 1);
        ring(&w, sq, 5, 2);
    }
    g = parse(&w);
    ck_assert_ptr_nonnull(g);
    ck_assert_uint_eq(g->npolys, 2);
    ck_assert_uint_eq(g->nrings, 2);
    ck_assert_double_eq(g->xy[10], 45.0); /* the second polygon's first vertex */
    ck_assert(incmap_geom_contains(g, (incmap_lonlat){45.5, 30.5}));
    incmap_geom_destroy(g);
}
END_TEST

START_TEST(blob_z_m_and_lines)
{
    blob w = {.be = false};
    /* ISO WKB polygon Z (1003): the third ordinate is skipped */
    header(&w, 2, false);
    wkb_head(&w, 1003);
    put32(&w, 1);
    ring(&w, square, 5, 3);
    incmap_geom *g = parse(&w);
    ck_assert_ptr_nonnull(g);
    ck_assert_uint_eq(g->npoints, 5);
    ck_assert_double_eq(g->xy[2], 41);
    ck_assert_double_eq(g->xy[3], 30);
    incmap_geom_destroy(g);
    /* ISO ZM (3001) and EWKB Z (0x80000001) points */
    uint32_t types[] = {3001, 0x80000001u, 2001};
    int dims[] = {4, 3, 3};
    for (int k = 0; k < 3; k++) {
        header(&w, 0, false);
        wkb_head(&w, types[k]);
        putf(&w, 12.5), putf(&w, -7.25);
        for (int d = 2; d < dims[k]; d++) {
            putf(&w, 1e9);
        }
        g = parse(&w);
        ck_assert_msg(g != NULL, "type %u", types[k]);
        ck_assert_double_eq(g->xy[0], 12.5);
        ck_assert_double_eq(g->xy[1], -7.25);
        incmap_geom_destroy(g);
    }
    /* a multilinestring of two lines */
    header(&w, 0, false);
    wkb_head(&w, 5);
    put32(&w, 2);
    for (int i = 0; i < 2; i++) {
        wkb_head(&w, 2);
        ring(&w, square + 2 * i, 3, 2);
    }
    g = parse(&w);
    ck_assert_ptr_nonnull(g);
    ck_assert_int_eq(g->type, INCMAP_GEOM_MULTILINESTRING);
    ck_assert_uint_eq(g->nrings, 2);
    ck_assert_uint_eq(g->ring_end[1], 6);
    incmap_geom_destroy(g);
}
END_TEST

START_TEST(blob_corrupt_yields_null)
{
    blob w = {.be = false};
    header(&w, 1, false);
    wkb_head(&w, 6);
    put32(&w, 1);
    wkb_head(&w, 3);
    put32(&w, 2);
    ring(&w, square, 5, 2);
    ring(&w, hole, 4, 2);
    incmap_geom *g = parse(&w);
    ck_assert_ptr_nonnull(g);
    incmap_geom_destroy(g);
    /* every truncation: NULL, no read past the end (ASan watches the copy) */
    for (size_t n = 0; n < w.n; n++) {
        unsigned char *cut = malloc(n + 1);
        memcpy(cut, w.b, n);
        bool nomem = true;
        ck_assert_msg(incmap_gpkg_geom(cut, n, &nomem) == NULL, "accepted %zu of %zu bytes", n,
                      w.n);
        ck_assert(!nomem);
        free(cut);
    }
    blob bad = w;
    bad.b[0] = 'X'; /* magic */
    ck_assert_ptr_null(parse(&bad));
    bad = w;
    bad.b[3] |= 0x10; /* the empty flag */
    ck_assert_ptr_null(parse(&bad));
    bad = w;
    bad.b[3] = (unsigned char)(1u | 6u << 1); /* envelope kind 6 is reserved */
    ck_assert_ptr_null(parse(&bad));
    /* a ring that claims four billion vertices, a polygon inside a multilinestring, a
     * geometry collection, nesting: all refused without allocating */
    header(&w, 0, false);
    wkb_head(&w, 3);
    put32(&w, 1);
    put32(&w, 0xffffffffu);
    putf(&w, 1), putf(&w, 2);
    ck_assert_ptr_null(parse(&w));
    header(&w, 0, false);
    wkb_head(&w, 5);
    put32(&w, 1);
    wkb_head(&w, 3);
    put32(&w, 1);
    ring(&w, square, 5, 2);
    ck_assert_ptr_null(parse(&w));
    header(&w, 0, false);
    wkb_head(&w, 7);
    put32(&w, 1);
    wkb_head(&w, 1);
    putf(&w, 1), putf(&w, 2);
    ck_assert_ptr_null(parse(&w));
    header(&w, 0, false);
    wkb_head(&w, 6);
    put32(&w, 1);
    wkb_head(&w, 6);
    put32(&w, 0);
    ck_assert_ptr_null(parse(&w));
    bool nomem = true;
    ck_assert_ptr_null(incmap_gpkg_geom(NULL, 0, &nomem));
}
END_TEST

/* ---- whole GeoPackages written by OGR ----------------------------------------------------- */

typedef struct {
    const char *wkt, *name, *kind, *country, *code;
    long long population;
} row;

/* Areas around the Iraq-Syria border, one far away (Chile), and places. */
static const row areas_rows[] = {
    {"MULTIPOLYGON(((38 32,42 32,42 37,38 37,38 32)))", "Syria", "country", "SY", NULL, 0},
    {"MULTIPOLYGON(((42 29,48 29,48 37,42 37,42 29)))", "Iraq", "country", "IQ", NULL, 0},
    {"MULTIPOLYGON(((-75 -55,-67 -55,-67 -18,-75 -18,-75 -55)))", "Chile", "country", "CL", NULL,
     0},
    {"MULTIPOLYGON(((40 35,42 35,42 37,40 37,40 35)))", "Al-Hasakah", "admin1", "SY", NULL, 0},
    {"MULTIPOLYGON(((43 32,45 32,45 33,43 33,43 32)),((44 34,45 34,45 35,44 34)))", "Babil",
     "admin1", "IQ", NULL, 0},
};
static const row places_rows[] = {
    {"POINT(44.36 33.34)", "Baghdad", "place", "IQ", "PPLC", 7216000},
    {"POINT(43.12 36.34)", "Mosul", "place", "IQ", "PPLA", 1739800},
    {"POINT(43.15 36.36)", "Al Mawsil al Jadidah", "place", "IQ", "PPLX", 2000000},
    {"POINT(42.60 36.65)", "Zummar", "place", "IQ", "PPL", 5000},
    {"POINT(40.75 36.50)", "Al-Hasakah", "place", "SY", "PPLA", 188160},
    {"POINT(36.30 33.51)", "Damascus", "place", "SY", "PPLC", 2584771},
    {"POINT(-70.65 -33.45)", "Santiago", "place", "CL", "PPLC", 4837295},
};

/* A layer in EPSG code `epsg`, its geometry and FID columns named geom_name and fid_name (NULL:
 * OGR's defaults). */
static void add_layer_as(GDALDatasetH ds, const char *name, OGRwkbGeometryType gt, const row *rows,
                         size_t n, bool rtree, bool world_map, int epsg, const char *geom_name,
                         const char *fid_name)
{
    OGRSpatialReferenceH srs = OSRNewSpatialReference(NULL);
    OSRImportFromEPSG(srs, epsg);
    char **opts = NULL;
    opts = CSLSetNameValue(opts, "SPATIAL_INDEX", rtree ? "YES" : "NO");
    if (geom_name != NULL) {
        opts = CSLSetNameValue(opts, "GEOMETRY_NAME", geom_name);
    }
    if (fid_name != NULL) {
        opts = CSLSetNameValue(opts, "FID", fid_name);
    }
    OGRLayerH l = GDALDatasetCreateLayer(ds, name, srs, gt, opts);
    CSLDestroy(opts);
    OSRDestroySpatialReference(srs);
    ck_assert_ptr_nonnull(l);
    const char *fields[] = {world_map ? "NAME" : "name", "kind", world_map ? "iso_a2" : "country",
                            "feature_code", "population"};
    for (int i = 0; i < 5; i++) {
        OGRFieldDefnH fd = OGR_Fld_Create(fields[i], i == 4 ? OFTInteger64 : OFTString);
        ck_assert_int_eq(OGR_L_CreateField(l, fd, TRUE), OGRERR_NONE);
        OGR_Fld_Destroy(fd);
    }
    for (size_t i = 0; i < n; i++) {
        OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(l));
        OGRGeometryH g = NULL;
        char *wkt = (char *)rows[i].wkt;
        ck_assert_int_eq(OGR_G_CreateFromWkt(&wkt, NULL, &g), OGRERR_NONE);
        OGR_F_SetGeometryDirectly(f, g);
        OGR_F_SetFieldString(f, 0, rows[i].name);
        OGR_F_SetFieldString(f, 1, rows[i].kind);
        OGR_F_SetFieldString(f, 2, rows[i].country);
        if (rows[i].code != NULL) {
            OGR_F_SetFieldString(f, 3, rows[i].code);
        }
        OGR_F_SetFieldInteger64(f, 4, rows[i].population);
        ck_assert_int_eq(OGR_L_CreateFeature(l, f), OGRERR_NONE);
        OGR_F_Destroy(f);
    }
}

static void add_layer(GDALDatasetH ds, const char *name, OGRwkbGeometryType gt, const row *rows,
                      size_t n, bool rtree, bool world_map)
{
    add_layer_as(ds, name, gt, rows, n, rtree, world_map, 4326, NULL, NULL);
}

/* A new, empty GeoPackage at tmp_path(name), its path in *path. */
static GDALDatasetH create_gpkg(const char *name, const char **path)
{
    GDALAllRegister();
    *path = tmp_path(name);
    GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GPKG"), *path, 0, 0, 0, GDT_Unknown, NULL);
    ck_assert_ptr_nonnull(ds);
    return ds;
}

static const char *make_gpkg(const char *name, bool rtree)
{
    const char *path = NULL;
    GDALDatasetH ds = create_gpkg(name, &path);
    add_layer(ds, "areas", wkbMultiPolygon, areas_rows, sizeof areas_rows / sizeof *areas_rows,
              rtree, false);
    add_layer(ds, "places", wkbPoint, places_rows, sizeof places_rows / sizeof *places_rows, rtree,
              false);
    GDALClose(ds);
    return path;
}

static bool has_name(const base_features *fs, const char *name)
{
    for (size_t i = 0; i < fs->n; i++) {
        if (strcmp(fs->f[i].name, name) == 0) {
            return true;
        }
    }
    return false;
}

/* The same box through OGR's own spatial filter must give the same features and vertices. */
static void agrees_with_ogr(const char *path, const double ll[4], const base_features *mine)
{
    GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR, NULL, NULL, NULL);
    OGRLayerH l = GDALDatasetGetLayerByName(ds, "areas");
    OGR_L_SetSpatialFilterRect(l, ll[0], ll[1], ll[2], ll[3]);
    size_t n = 0;
    OGRFeatureH f;
    while ((f = OGR_L_GetNextFeature(l)) != NULL) {
        const char *name = OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "name"));
        bool found = false;
        for (size_t i = 0; i < mine->n; i++) {
            if (strcmp(mine->f[i].name, name) != 0) {
                continue;
            }
            found = true;
            OGRGeometryH g = OGR_F_GetGeometryRef(f);
            OGRGeometryH shell = OGR_G_GetGeometryRef(OGR_G_GetGeometryRef(g, 0), 0);
            ck_assert_double_eq(mine->f[i].geom->xy[0], OGR_G_GetX(shell, 0));
            ck_assert_double_eq(mine->f[i].geom->xy[1], OGR_G_GetY(shell, 0));
            ck_assert_uint_eq(mine->f[i].geom->npolys, (size_t)OGR_G_GetGeometryCount(g));
        }
        ck_assert_msg(found, "OGR reads %s in the box, the reader does not", name);
        OGR_F_Destroy(f);
        n++;
    }
    ck_assert_uint_eq(n, mine->n);
    GDALClose(ds);
}

static void check_gazetteer_layout(const char *path)
{
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_base *b = incmap_base_open(ctx, path);
    ck_assert_msg(b != NULL, "%s", incmap_ctx_message(ctx));
    const double ll[4] = {37, 31, 46, 38}; /* Syria, Iraq and their admin-1 areas, not Chile */
    base_features fs = {0};
    ck_assert_int_eq(incmap_base_read_areas(b, ctx, ll, BASE_AREA_COUNTRY | BASE_AREA_ADMIN1, &fs),
                     INCMAP_OK);
    ck_assert_uint_eq(fs.n, 4);
    ck_assert(has_name(&fs, "Syria") && has_name(&fs, "Babil") && !has_name(&fs, "Chile"));
    for (size_t i = 0; i < fs.n; i++) {
        bool admin1 = strcmp(fs.f[i].name, "Babil") == 0 || strcmp(fs.f[i].name, "Al-Hasakah") == 0;
        ck_assert_int_eq(fs.f[i].kind, admin1 ? BASE_AREA_ADMIN1 : BASE_AREA_COUNTRY);
        ck_assert_uint_eq(strlen(fs.f[i].country), 2);
    }
    agrees_with_ogr(path, ll, &fs);
    base_features_free(&fs);
    /* places: most populous first (capitals weighted), PPLX left out, cut at min_pop and max_n */
    ck_assert_int_eq(incmap_base_read_places(b, ctx, ll, 100000, 10, &fs), INCMAP_OK);
    ck_assert_uint_eq(fs.n, 3);
    ck_assert_str_eq(fs.f[0].name, "Baghdad");
    ck_assert_str_eq(fs.f[1].name, "Mosul");
    ck_assert_str_eq(fs.f[2].name, "Al-Hasakah");
    ck_assert_int_eq(fs.f[0].population, 7216000);
    ck_assert(fabs(fs.f[0].lon - 44.36) < 1e-9 && fabs(fs.f[0].lat - 33.34) < 1e-9);
    base_features_free(&fs);
    ck_assert_int_eq(incmap_base_read_places(b, ctx, ll, 1000, 2, &fs), INCMAP_OK);
    ck_assert_uint_eq(fs.n, 2);
    base_features_free(&fs);
    incmap_base_close(b);
    incmap_ctx_destroy(ctx);
}

START_TEST(gazetteer_layout_with_rtree)
{
    check_gazetteer_layout(make_gpkg("rtree.gpkg", true));
}
END_TEST

START_TEST(gazetteer_layout_without_rtree)
{
    check_gazetteer_layout(make_gpkg("scan.gpkg", false));
}
END_TEST

START_TEST(world_map_layout)
{
    const char *path = NULL;
    GDALDatasetH ds = create_gpkg("world_map.gpkg", &path);
    add_layer(ds, "countries", wkbMultiPolygon, areas_rows, 3, true, true);
    add_layer(ds, "states_provinces", wkbMultiPolygon, areas_rows + 3, 2, true, true);
    GDALClose(ds);
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_base *b = incmap_base_open(ctx, path);
    ck_assert_msg(b != NULL, "%s", incmap_ctx_message(ctx));
    base_features fs = {0};
    const double ll[4] = {-80, -60, -60, -10};
    ck_assert_int_eq(incmap_base_read_areas(b, ctx, ll, BASE_AREA_COUNTRY | BASE_AREA_ADMIN1, &fs),
                     INCMAP_OK);
    ck_assert_uint_eq(fs.n, 1);
    ck_assert_str_eq(fs.f[0].name, "Chile"); /* from the NAME column */
    ck_assert_str_eq(fs.f[0].country, "CL"); /* from iso_a2 */
    base_features_free(&fs);
    const double me[4] = {37, 31, 46, 38};
    ck_assert_int_eq(incmap_base_read_areas(b, ctx, me, BASE_AREA_ADMIN1, &fs), INCMAP_OK);
    ck_assert_uint_eq(fs.n, 2);
    base_features_free(&fs);
    ck_assert_int_eq(incmap_base_read_places(b, ctx, me, 0, 10, &fs), INCMAP_OK);
    ck_assert_uint_eq(fs.n, 0); /* world_map has no places */
    incmap_base_close(b);
    incmap_ctx_destroy(ctx);
}
END_TEST

/* Column names come from the file: a quote and a space in them must not break (or change) the
 * SQL. The reader's layers have fixed table names (areas, places), so the file's own identifiers
 * are the geometry and FID columns, and the R-tree table named after them. */
START_TEST(identifiers_with_quotes_are_quoted)
{
    for (int rtree = 0; rtree < 2; rtree++) {
        const char *path = NULL;
        GDALDatasetH ds = create_gpkg(rtree ? "quoted-rtree.gpkg" : "quoted-scan.gpkg", &path);
        add_layer_as(ds, "areas", wkbMultiPolygon, areas_rows,
                     sizeof areas_rows / sizeof *areas_rows, rtree, false, 4326, "the \"geom\" x",
                     "my \"fid\" y");
        add_layer_as(ds, "places", wkbPoint, places_rows, sizeof places_rows / sizeof *places_rows,
                     rtree, false, 4326, "pt \" 2", NULL);
        GDALClose(ds);
        check_gazetteer_layout(path);
    }
}
END_TEST

/* Coordinates in metres would be drawn as degrees: a layer not in EPSG:4326 is refused, in one
 * line naming the file, the layer and its SRS. */
START_TEST(layer_not_in_lon_lat_is_refused)
{
    const char *path = NULL;
    GDALDatasetH ds = create_gpkg("mercator.gpkg", &path);
    add_layer(ds, "areas", wkbMultiPolygon, areas_rows, 2, true, false);
    add_layer_as(ds, "places", wkbPoint, places_rows, 2, true, false, 3857, NULL, NULL);
    GDALClose(ds);
    incmap_ctx *ctx = incmap_ctx_create();
    ck_assert_ptr_null(incmap_base_open(ctx, path));
    ck_assert_int_eq(incmap_ctx_status(ctx), INCMAP_ERR_IO);
    const char *msg = incmap_ctx_message(ctx);
    ck_assert_msg(strstr(msg, path) != NULL && strstr(msg, "'places'") != NULL &&
                      strstr(msg, "EPSG:3857") != NULL && strchr(msg, '\n') == NULL,
                  "%s", msg);
    incmap_ctx_destroy(ctx);
}
END_TEST

START_TEST(not_a_geopackage)
{
    incmap_ctx *ctx = incmap_ctx_create();
    ck_assert_ptr_null(incmap_base_open(ctx, "/nonexistent/base.gpkg"));
    ck_assert_int_eq(incmap_ctx_status(ctx), INCMAP_ERR_IO);
    ck_assert_ptr_nonnull(strstr(incmap_ctx_message(ctx), "/nonexistent/base.gpkg"));
    ck_assert_ptr_nonnull(strstr(incmap_ctx_message(ctx), "No such file"));
    const char *text = tmp_path("text.gpkg");
    FILE *f = fopen(text, "w");
    fputs("this is not a database, just some words that fill a page or two\n", f);
    fclose(f);
    ck_assert_ptr_null(incmap_base_open(ctx, text));
    ck_assert_int_eq(incmap_ctx_status(ctx), INCMAP_ERR_IO);
    ck_assert_ptr_nonnull(strstr(incmap_ctx_message(ctx), "not a GeoPackage"));
    /* a GeoPackage without the areas or countries layer */
    GDALAllRegister();
    const char *other = tmp_path("other.gpkg");
    GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GPKG"), other, 0, 0, 0, GDT_Unknown, NULL);
    add_layer(ds, "roads", wkbMultiPolygon, areas_rows, 1, true, false);
    GDALClose(ds);
    ck_assert_ptr_null(incmap_base_open(ctx, other));
    ck_assert_int_eq(incmap_ctx_status(ctx), INCMAP_ERR_IO);
    ck_assert_ptr_nonnull(strstr(incmap_ctx_message(ctx), "no 'areas' layer"));
    incmap_ctx_destroy(ctx);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("render_gpkg");
    TCase *tc = tcase_create("gpkg");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, blob_point_polygon_multipolygon);
    tcase_add_test(tc, blob_z_m_and_lines);
    tcase_add_test(tc, blob_corrupt_yields_null);
    tcase_add_test(tc, gazetteer_layout_with_rtree);
    tcase_add_test(tc, gazetteer_layout_without_rtree);
    tcase_add_test(tc, world_map_layout);
    tcase_add_test(tc, not_a_geopackage);
    tcase_add_test(tc, identifiers_with_quotes_are_quoted);
    tcase_add_test(tc, layer_not_in_lon_lat_is_refused);
    suite_add_tcase(s, tc);
    return run_suite(s);
}

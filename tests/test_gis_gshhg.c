/* Physical context: the gazetteer build's GSHHG stage (src/build/build_gshhg.c) on GSHHG-format
 * files this test writes itself (two 1-degree bins near Beirut: a coast crossing one bin with an
 * island off it and a lake behind it, an all-land bin with a river), then the renderer's use of
 * the layers (src/render/render_physical.c): rivers and lakes by scale, the detailed coast on a
 * city map. A build without the GSHHG files still succeeds, says so, and has no such layers. */
#include "incmap/build.h"
#include "incmap/geojson.h"
#include "incmap/render.h"
#include "testutil.h"

#include <gdal.h>
#include <ogr_api.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define NX 360 /* 60-minute bins */
#define NBINS (NX * 180)
#define BIN_COAST (56 * NX + 35) /* 35..36 E, 33..34 N */
#define BIN_LAND (56 * NX + 36)  /* 36..37 E, 33..34 N */
#define M 65535                  /* the far edge of a bin, in offsets */

/* A 1-D array `name` of n values of type t (its own dimension, n_<name>). */
static void put_typed(GDALGroupH root, const char *name, GDALDataType t, const void *v, size_t n)
{
    char dim[96];
    snprintf(dim, sizeof dim, "n_%s", name);
    GDALDimensionH d = GDALGroupCreateDimension(root, dim, NULL, NULL, n, NULL);
    ck_assert_ptr_nonnull(d);
    GDALExtendedDataTypeH et = GDALExtendedDataTypeCreate(t);
    GDALMDArrayH a = GDALGroupCreateMDArray(root, name, 1, &d, et, NULL);
    ck_assert_ptr_nonnull(a);
    GUInt64 start = 0;
    size_t count = n, size = (size_t)GDALGetDataTypeSizeBytes(t) * n;
    ck_assert(GDALMDArrayWrite(a, &start, &count, NULL, NULL, et, v, v, size));
    GDALMDArrayRelease(a);
    GDALExtendedDataTypeRelease(et);
    GDALDimensionRelease(d);
}

static void put_array(GDALGroupH root, const char *name, const int32_t *v, size_t n)
{
    put_typed(root, name, GDT_Int32, v, n);
}

static GDALDatasetH nc_create(const char *path)
{
    GDALAllRegister();
    GDALDriverH drv = GDALGetDriverByName("netCDF");
    ck_assert_ptr_nonnull(drv);
    GDALDatasetH ds = GDALCreateMultiDimensional(drv, path, NULL, NULL);
    ck_assert_ptr_nonnull(ds);
    return ds;
}

static void put_bins(GDALGroupH root, int32_t *first, int32_t *nseg)
{
    static const int32_t bin_min = 60, nx = NX;
    put_array(root, "Bin_size_in_minutes", &bin_min, 1);
    put_array(root, "N_bins_in_360_longitude_range", &nx, 1);
    put_array(root, "Id_of_first_segment_in_a_bin", first, NBINS);
    put_array(root, "N_segments_in_a_bin", nseg, NBINS);
}

/* The shoreline file: in BIN_COAST a coast from the north edge to the south edge with land to
 * its east (the eastern corners are land, level 1), a closed island in the sea west of it, and a
 * closed lake (level 2) in the land; BIN_LAND has no segment and four land corners. */
static void write_shore(const char *path)
{
    int32_t *first = calloc(NBINS, sizeof *first), *nseg = calloc(NBINS, sizeof *nseg);
    int32_t *node = calloc(NBINS, sizeof *node);
    ck_assert(first != NULL && nseg != NULL && node != NULL);
    nseg[BIN_COAST] = 3;
    node[BIN_COAST] = (0 << 9) | (1 << 6) | (1 << 3) | 0; /* SW sea, SE land, NE land, NW sea */
    node[BIN_LAND] = (1 << 9) | (1 << 6) | (1 << 3) | 1;
    first[BIN_LAND] = 3;
    /* segment info: npts << 9 | level << 6 | entry << 3 | exit; sides 0 S, 1 E, 2 N, 3 W, 4 none */
    const int32_t info[3] = {(3 << 9) | (1 << 6) | (2 << 3) | 0, (4 << 9) | (1 << 6) | (4 << 3) | 4,
                             (4 << 9) | (2 << 6) | (4 << 3) | 4};
    const int32_t first_pt[3] = {0, 3, 7}, gid[3] = {0, 1, 2};
    const int32_t dx[11] = {30000, 33000, 30000, 5000,  12000, 12000,
                            5000,  45000, 52000, 52000, 45000};
    const int32_t dy[11] = {M, 30000, 0, 5000, 5000, 12000, 12000, 30000, 30000, 36000, 36000};
    const double areas[3] = {1e6, 40, 12};
    GDALDatasetH ds = nc_create(path);
    GDALGroupH root = GDALDatasetGetRootGroup(ds);
    put_bins(root, first, nseg);
    put_array(root, "Embedded_node_levels_in_a_bin", node, NBINS);
    put_array(root, "Embedded_npts_levels_exit_entry_for_a_segment", info, 3);
    put_array(root, "Id_of_first_point_in_a_segment", first_pt, 3);
    put_array(root, "Id_of_GSHHS_ID", gid, 3);
    put_array(root, "Relative_longitude_from_SW_corner_of_bin", dx, 11);
    put_array(root, "Relative_latitude_from_SW_corner_of_bin", dy, 11);
    put_typed(root, "The_km_squared_area_of_polygons", GDT_Float64, areas, 3);
    GDALGroupRelease(root);
    GDALClose(ds);
    free(first), free(nseg), free(node);
}

/* The river file: in BIN_LAND a major river (level 1) across the bin and an intermittent
 * stream (level 5). */
static void write_rivers(const char *path)
{
    int32_t *first = calloc(NBINS, sizeof *first), *nseg = calloc(NBINS, sizeof *nseg);
    ck_assert(first != NULL && nseg != NULL);
    nseg[BIN_LAND] = 2;
    const int32_t npts[2] = {3, 2}, level[2] = {1, 5}, first_pt[2] = {0, 3};
    const int32_t dx[5] = {0, 30000, M, 20000, 40000}, dy[5] = {20000, 33000, 40000, 50000, 60000};
    GDALDatasetH ds = nc_create(path);
    GDALGroupH root = GDALDatasetGetRootGroup(ds);
    put_bins(root, first, nseg);
    put_array(root, "N_points_for_a_segment", npts, 2);
    put_array(root, "Hierarchial_level_of_a_segment", level, 2);
    put_array(root, "Id_of_first_point_in_a_segment", first_pt, 2);
    put_array(root, "Relative_longitude_from_SW_corner_of_bin", dx, 5);
    put_array(root, "Relative_latitude_from_SW_corner_of_bin", dy, 5);
    GDALGroupRelease(root);
    GDALClose(ds);
    free(first), free(nseg);
}

/* What the build and the renderer log: the last warning, and the renderer's "render:
 * physical: ..." debug line. */
typedef struct {
    char warning[512];
    char physical[256];
} log_capture;

static void capture(void *user, incmap_log_level level, const char *msg)
{
    log_capture *c = user;
    if (strncmp(msg, "render: physical:", 17) == 0) {
        snprintf(c->physical, sizeof c->physical, "%s", msg);
    } else if (level <= INCMAP_LOG_WARN) {
        snprintf(c->warning, sizeof c->warning, "%s", msg);
    }
}

/* Builds a gazetteer with only the GSHHG stage's inputs (no other source) from gshhg_dir. */
static incmap_status build_with(const char *gshhg_dir, const char *out, incmap_build_stats *st,
                                log_capture *log)
{
    incmap_ctx *ctx = incmap_ctx_create();
    memset(log, 0, sizeof *log);
    incmap_ctx_set_log(ctx, capture, log, INCMAP_LOG_WARN);
    incmap_build_opts o = incmap_build_opts_default();
    o.output = out;
    o.cities500 = o.admin1 = o.admin2 = o.natural_earth = o.airports = o.supplement = "";
    o.directional_regions = o.borders = false;
    o.gshhg_dir = gshhg_dir;
    o.relief_dir = ""; /* tests/e2e/relief.sh builds the relief */
    incmap_status s = incmap_gazetteer_build(ctx, &o, st);
    ck_assert_msg(s == INCMAP_OK, "build failed: %s", incmap_ctx_message(ctx));
    incmap_ctx_destroy(ctx);
    return s;
}

static char built[4096];
static incmap_build_stats built_stats;

static void build_fixture(void)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", tmp_path("gshhg"));
    mkdir(dir, 0777);
    char p[4200];
    snprintf(p, sizeof p, "%s/binned_GSHHS_h.nc", dir);
    write_shore(p);
    snprintf(p, sizeof p, "%s/binned_river_h.nc", dir);
    write_rivers(p);
    snprintf(built, sizeof built, "%s", tmp_path("gshhg.gpkg"));
    log_capture log;
    build_with(dir, built, &built_stats, &log);
}

/* The level of the shore polygons containing (lon, lat), highest first; 0 when none does. */
static int shore_level_at(OGRLayerH l, double lon, double lat)
{
    OGRGeometryH pt = OGR_G_CreateGeometry(wkbPoint);
    OGR_G_SetPoint_2D(pt, 0, lon, lat);
    int best = 0;
    OGR_L_ResetReading(l);
    OGRFeatureH f;
    while ((f = OGR_L_GetNextFeature(l)) != NULL) {
        if (OGR_G_Contains(OGR_F_GetGeometryRef(f), pt)) {
            int lv = OGR_F_GetFieldAsInteger(f, OGR_F_GetFieldIndex(f, "level"));
            best = lv > best ? lv : best;
        }
        OGR_F_Destroy(f);
    }
    OGR_G_DestroyGeometry(pt);
    return best;
}

START_TEST(build_writes_rivers_and_shore_layers)
{
    ck_assert_uint_eq(built_stats.rivers, 2);
    /* the coast's land piece, the island, the lake, the all-land bin */
    ck_assert_uint_eq(built_stats.shore_polygons, 4);
    GDALDatasetH ds = GDALOpenEx(built, GDAL_OF_VECTOR, NULL, NULL, NULL);
    ck_assert_ptr_nonnull(ds);
    OGRLayerH rivers = GDALDatasetGetLayerByName(ds, "rivers");
    OGRLayerH shore = GDALDatasetGetLayerByName(ds, "shore");
    ck_assert(rivers != NULL && shore != NULL);
    ck_assert_int_eq(OGR_L_GetFeatureCount(rivers, TRUE), 2);
    int levels = 0;
    OGRFeatureH f;
    while ((f = OGR_L_GetNextFeature(rivers)) != NULL) {
        levels |= 1 << OGR_F_GetFieldAsInteger(f, OGR_F_GetFieldIndex(f, "level"));
        OGRGeometryH g = OGR_F_GetGeometryRef(f);
        OGREnvelope e;
        OGR_G_GetEnvelope(g, &e);
        ck_assert(e.MinX >= 36 && e.MaxX <= 37 && e.MinY >= 33 && e.MaxY <= 34);
        OGR_F_Destroy(f);
    }
    ck_assert_int_eq(levels, (1 << 1) | (1 << 5));
    while ((f = OGR_L_GetNextFeature(shore)) != NULL) {
        ck_assert_msg(OGR_G_IsValid(OGR_F_GetGeometryRef(f)), "invalid shore polygon %lld",
                      (long long)OGR_F_GetFID(f));
        OGR_F_Destroy(f);
    }
    /* land east of the coast, sea west of it, the island in the sea, the lake in the land */
    ck_assert_int_eq(shore_level_at(shore, 35.85, 33.5), 1);
    ck_assert_int_eq(shore_level_at(shore, 35.2, 33.5), 0);
    ck_assert_int_eq(shore_level_at(shore, 35.13, 33.13), 1);
    ck_assert_int_eq(shore_level_at(shore, 35.74, 33.5), 2);
    ck_assert_int_eq(shore_level_at(shore, 36.5, 33.5), 1); /* the all-land bin */
    GDALClose(ds);
}
END_TEST

START_TEST(build_without_gshhg_files_warns_and_has_no_layers)
{
    log_capture log;
    incmap_build_stats st;
    const char *out = tmp_path("nogshhg.gpkg");
    build_with(tmp_path("no-such-gshhg-dir"), out, &st, &log);
    ck_assert_uint_eq(st.rivers, 0);
    ck_assert_uint_eq(st.shore_polygons, 0);
    ck_assert_ptr_nonnull(strstr(log.warning, "no GSHHG files"));
    GDALDatasetH ds = GDALOpenEx(out, GDAL_OF_VECTOR, NULL, NULL, NULL);
    ck_assert_ptr_nonnull(ds);
    ck_assert_ptr_null(GDALDatasetGetLayerByName(ds, "rivers"));
    ck_assert_ptr_null(GDALDatasetGetLayerByName(ds, "shore"));
    GDALClose(ds);
    /* and such a gazetteer still draws a map, without them */
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_ctx_set_log(ctx, capture, &log, INCMAP_LOG_DEBUG);
    incmap_incidents *inc = incmap_geojson_load(ctx, fixture_path("render/example.geojson"));
    ck_assert_ptr_nonnull(inc);
    incmap_render_opts o = incmap_render_opts_default();
    o.has_extent = true;
    const double ext[4] = {35.3, 33.3, 35.9, 33.8};
    memcpy(o.extent_deg, ext, sizeof ext);
    ck_assert_int_eq(incmap_render(ctx, out, inc, &o, tmp_path("nogshhg.png")), INCMAP_OK);
    ck_assert_str_eq(log.physical,
                     "render: physical: 0 rivers, 0 lake polygons, detailed coast no");
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

/* Renders the fixture gazetteer over ext and returns the renderer's physical line. */
static void render_physical(const double ext[4], char *line, size_t n)
{
    incmap_ctx *ctx = incmap_ctx_create();
    log_capture log;
    memset(&log, 0, sizeof log);
    incmap_ctx_set_log(ctx, capture, &log, INCMAP_LOG_DEBUG);
    incmap_incidents *inc = incmap_geojson_load(ctx, fixture_path("render/example.geojson"));
    ck_assert_ptr_nonnull(inc);
    incmap_render_opts o = incmap_render_opts_default();
    o.has_extent = true;
    memcpy(o.extent_deg, ext, 4 * sizeof *ext);
    incmap_status st = incmap_render(ctx, built, inc, &o, tmp_path("gshhg.png"));
    ck_assert_msg(st == INCMAP_OK, "%s", incmap_ctx_message(ctx));
    snprintf(line, n, "%s", log.physical);
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}

START_TEST(city_map_draws_detailed_coast_and_river)
{
    char line[256];
    const double city[4] = {35.3, 33.2, 36.6, 33.9}; /* ~120 km across */
    render_physical(city, line, sizeof line);
    ck_assert_str_eq(line, "render: physical: 1 rivers, 1 lake polygons, detailed coast yes");
}
END_TEST

START_TEST(regional_map_draws_major_river_without_detailed_coast)
{
    char line[256];
    const double region[4] = {31, 30, 41, 37}; /* ~900 km across: the lake is too small to show */
    render_physical(region, line, sizeof line);
    ck_assert_str_eq(line, "render: physical: 1 rivers, 0 lake polygons, detailed coast no");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("gis_gshhg");
    TCase *tc = tcase_create("gshhg");
    tcase_set_timeout(tc, 120);
    tcase_add_unchecked_fixture(tc, build_fixture, NULL);
    tcase_add_test(tc, build_writes_rivers_and_shore_layers);
    tcase_add_test(tc, city_map_draws_detailed_coast_and_river);
    tcase_add_test(tc, regional_map_draws_major_river_without_detailed_coast);
    suite_add_tcase(s, tc);
    TCase *tm = tcase_create("missing");
    tcase_set_timeout(tm, 120);
    tcase_add_test(tm, build_without_gshhg_files_warns_and_has_no_layers);
    suite_add_tcase(s, tm);
    return run_suite(s);
}

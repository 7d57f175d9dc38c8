/* Gazetteer build, top level: runs the source stages in a fixed order, feeds every entry and name
 * to both the index writer (gazetteer/gzindex.h) and the GeoPackage (through build_write.c),
 * then commits both atomically.
 * The order of stages matters: Natural Earth first (countries and provinces that later stages
 * attach names to), then GeoNames, airports, the supplement, and the geometry products. */
#include "build/build_internal.h"
#include "text/fold.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <errno.h>
#include <limits.h>
#include <ogr_srs_api.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The build tree's sources and supplement: defaults only for programs run from the build tree;
 * installed ones use the data directories (core/datadir.c). */
#ifndef INCMAP_SOURCES_DIR
#define INCMAP_SOURCES_DIR NULL
#endif
#ifndef INCMAP_SUPPLEMENT
#define INCMAP_SUPPLEMENT NULL
#endif

/* GeoPackages record "last change" times; a fixed one keeps builds reproducible. */
#define BUILD_FIXED_DATE "2000-01-01T00:00:00.000Z"

const char *incmap_build_default_sources(void)
{
    static _Thread_local char dir[PATH_MAX];
    incmap_data_find("sources", INCMAP_SOURCES_DIR, dir, sizeof dir, NULL, 0);
    return dir;
}

const char *incmap_build_default_output(void)
{
    static _Thread_local char out[PATH_MAX];
    const char *env = getenv("INCMAP_GAZETTEER");
    if (env != NULL && env[0] != '\0') {
        return env;
    }
    if (incmap_run_from_build_tree() && INCMAP_DEFAULT_GAZETTEER != NULL) {
        return INCMAP_DEFAULT_GAZETTEER;
    }
    char user[PATH_MAX];
    if (!incmap_user_data_dir(user, sizeof user) ||
        (size_t)snprintf(out, sizeof out, "%s/incmap.gpkg", user) >= sizeof out) {
        return NULL; /* no HOME: the build asks for an output path */
    }
    return out;
}

/* The curated supplement: the user's copy, else the installed one (the source tree's from the
 * build tree); when there is none, the message names where it would be. */
static char *default_supplement(void)
{
    char path[PATH_MAX];
    incmap_data_find("supplement.tsv", INCMAP_SUPPLEMENT, path, sizeof path, NULL, 0);
    return incmap_strdup(path);
}

incmap_build_opts incmap_build_opts_default(void)
{
    incmap_build_opts o;
    memset(&o, 0, sizeof o);
    o.sources_dir = incmap_build_default_sources();
    o.directional_regions = true;
    o.borders = true;
    return o;
}

static incmap_status open_output(build *b, const char *tmp)
{
    GDALDriverH drv = GDALGetDriverByName("GPKG");
    if (drv == NULL) {
        return incmap_fail(b->ctx, INCMAP_ERR_GDAL, "GDAL has no GeoPackage driver");
    }
    unlink(tmp);
    b->ds = GDALCreate(drv, tmp, 0, 0, 0, GDT_Unknown, NULL);
    if (b->ds == NULL) {
        return build_gdal_fail(b, tmp);
    }
    static const char *const places[] = {"gid",    "name",   "kind",         "country",
                                         "admin1", "admin2", "population:i", "feature_code",
                                         "source", NULL};
    static const char *const areas[] = {"gid", "name", "kind", "country", "admin1", "iso_a3", NULL};
    static const char *const borders[] = {"a", "b", "name", "length_km:r", NULL};
    static const char *const names[] = {"key", "gid", "tier", "name", NULL};
    static const char *const sources[] = {"source", "file", "rows:i", "skipped:i", NULL};
    static const char *const labels[] = {"gid", "name", "label", "source", NULL};
    static const char *const countries[] = {"country", "name", NULL};
    b->l_places = build_make_layer(b, "places", wkbPoint, places);
    b->l_areas = b->l_places ? build_make_layer(b, "areas", wkbMultiPolygon, areas) : NULL;
    b->l_borders = b->l_areas ? build_make_layer(b, "borders", wkbMultiLineString, borders) : NULL;
    b->l_names = b->l_borders ? build_make_layer(b, "names", wkbNone, names) : NULL;
    b->l_sources = b->l_names ? build_make_layer(b, "sources", wkbNone, sources) : NULL;
    b->l_labels = b->l_sources ? build_make_layer(b, "labels", wkbNone, labels) : NULL;
    b->l_countries = b->l_labels ? build_make_layer(b, "countries", wkbNone, countries) : NULL;
    if (b->l_countries == NULL) {
        return build_gdal_fail(b, tmp);
    }
    if (GDALDatasetStartTransaction(b->ds, FALSE) != OGRERR_NONE) {
        return build_gdal_fail(b, tmp);
    }
    return INCMAP_OK;
}

/* <dir>/<name> in a fresh buffer, or "" kept as "" (source not wanted). */
static char *source_path(const char *given, const char *dir, const char *name)
{
    if (given != NULL) {
        return incmap_strdup(given);
    }
    if (name == NULL) {
        return incmap_strdup("");
    }
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p != NULL) {
        snprintf(p, n, "%s/%s", dir, name);
    }
    return p;
}

enum { SRC_CITIES, SRC_ADMIN1, SRC_ADMIN2, SRC_NE, SRC_AIRPORTS, SRC_SUPPLEMENT, SRC_N };

static incmap_status run_stages(build *b, char *const src[SRC_N])
{
    static const char *const what[SRC_N] = {"GeoNames cities500",
                                            "GeoNames admin-1 names",
                                            "GeoNames admin-2 names",
                                            "Natural Earth",
                                            "OurAirports",
                                            "supplement"};
    incmap_status st = INCMAP_OK;
    /* check every input before the long work starts */
    for (int i = 0; i < SRC_N && st == INCMAP_OK; i++) {
        if (src[i][0] != '\0') {
            st = build_check_source(b, what[i], src[i]);
        }
    }
    for (size_t i = 0; i < b->opts->ngeonames && st == INCMAP_OK; i++) {
        st = build_check_source(b, "GeoNames dump", b->opts->geonames[i]);
    }
    if (st == INCMAP_OK && src[SRC_ADMIN1][0] != '\0') {
        st = build_strmap_load_json(b, src[SRC_ADMIN1], &b->admin1);
    }
    if (st == INCMAP_OK && src[SRC_ADMIN2][0] != '\0') {
        st = build_strmap_load_json(b, src[SRC_ADMIN2], &b->admin2);
    }
    if (st == INCMAP_OK && src[SRC_NE][0] != '\0') {
        st = build_ne_load(b, src[SRC_NE]);
    }
    if (st == INCMAP_OK) {
        st = build_note_countries(b);
    }
    if (st == INCMAP_OK && src[SRC_CITIES][0] != '\0') {
        st = build_geonames(b, src[SRC_CITIES]);
    }
    if (st == INCMAP_OK) {
        st = build_ne_link_admin1(b);
    }
    for (size_t i = 0; i < b->opts->ngeonames && st == INCMAP_OK; i++) {
        st = build_geonames(b, b->opts->geonames[i]);
    }
    if (st == INCMAP_OK) {
        st = build_admin2_entries(b);
    }
    if (st == INCMAP_OK && src[SRC_AIRPORTS][0] != '\0') {
        st = build_airports(b, src[SRC_AIRPORTS]);
    }
    if (st == INCMAP_OK && src[SRC_SUPPLEMENT][0] != '\0') {
        st = build_seas_load(b); /* the supplement's seas become areas cut by the land */
        st = st == INCMAP_OK ? build_supplement(b, src[SRC_SUPPLEMENT]) : st;
        st = st == INCMAP_OK ? build_seas_done(b) : st;
    }
    if (st == INCMAP_OK && b->opts->directional_regions) {
        st = build_ne_regions(b);
    }
    if (st == INCMAP_OK && b->opts->borders) {
        st = build_ne_borders(b);
    }
    if (st == INCMAP_OK) {
        st = build_gshhg(b);
    }
    if (st == INCMAP_OK) {
        st = build_relief(b); /* after Natural Earth: its countries whiten the sea */
    }
    if (st == INCMAP_OK && src[SRC_NE][0] != '\0') {
        st = build_disputed(b, src[SRC_NE]); /* de facto lines, claims, disputed areas */
    }
    return st;
}

static void build_free(build *b)
{
    build_names_reset(b, -1);
    free(b->names_seen);
    build_strmap_free(&b->admin1);
    build_strmap_free(&b->admin2);
    build_admin2_free(b);
    build_seas_free(b);
    for (size_t i = 0; i < b->ncountries; i++) {
        free(b->countries[i].name);
        OGR_G_DestroyGeometry(b->countries[i].geom);
    }
    free(b->countries);
    for (size_t i = 0; i < b->nprovs; i++) {
        free(b->provs[i].name);
        incmap_geom_destroy(b->provs[i].g);
        OGR_G_DestroyGeometry(b->provs[i].ogr);
    }
    free(b->provs);
    free(b->prov_by_code);
    incmap_gzw_destroy(b->w);
}

/* The index path for a GeoPackage path: .gpkg replaced by .idx, as the reader expects. */
static char *index_path(const char *gpkg)
{
    size_t n = strlen(gpkg);
    char *p = malloc(n + 1);
    if (p != NULL) {
        memcpy(p, gpkg, n - 5);
        strcpy(p + n - 5, ".idx");
    }
    return p;
}

/* Creates the missing directories above `path` (the default gazetteer's build/gazetteer/ does
 * not exist on a fresh checkout). */
static incmap_status make_parents(incmap_ctx *ctx, const char *path)
{
    char *dir = incmap_strdup(path);
    if (dir == NULL) {
        return incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory");
    }
    incmap_status st = INCMAP_OK;
    for (char *p = strchr(dir + 1, '/'); p != NULL && st == INCMAP_OK; p = strchr(p + 1, '/')) {
        *p = '\0';
        if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
            st = incmap_fail(ctx, INCMAP_ERR_IO, "cannot create directory %s: %s", dir,
                             strerror(errno));
        }
        *p = '/';
    }
    free(dir);
    return st;
}

static incmap_status finish(build *b, const char *tmp, const char *out, const char *idx)
{
    build_progress(b, "writing GeoPackage", 0, 0);
    CPLErrorReset(); /* errors recovered from earlier (GEOS retries) are not write errors */
    if (GDALDatasetCommitTransaction(b->ds) != OGRERR_NONE) {
        return build_gdal_fail(b, out);
    }
    GDALClose(b->ds);
    b->ds = NULL;
    if (CPLGetLastErrorType() >= CE_Failure) {
        return build_gdal_fail(b, out);
    }
    build_progress(b, "writing index", 0, 1);
    incmap_status st = incmap_gzw_write(b->w, idx);
    if (st != INCMAP_OK) {
        return st;
    }
    if ((st = incmap_file_rename(b->ctx, tmp, out)) != INCMAP_OK) {
        if (!incmap_ctx_overwrite(b->ctx)) {
            unlink(idx); /* new (it was written without replacing): no index without its data */
        }
        return st;
    }
    build_progress(b, "writing index", 1, 1);
    return INCMAP_OK;
}

incmap_status incmap_gazetteer_build(incmap_ctx *ctx, const incmap_build_opts *opts,
                                     incmap_build_stats *stats)
{
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    incmap_build_stats local;
    incmap_build_stats *st_out = stats != NULL ? stats : &local;
    memset(st_out, 0, sizeof *st_out);
    if (opts == NULL) {
        return incmap_fail(ctx, INCMAP_ERR_INVALID_ARG, "no build options");
    }
    const char *out = opts->output != NULL ? opts->output : incmap_build_default_output();
    if (out == NULL) {
        return incmap_fail(ctx, INCMAP_ERR_INVALID_ARG,
                           "no output path given and no home directory (HOME) to put the "
                           "gazetteer in");
    }
    size_t outlen = out != NULL ? strlen(out) : 0;
    if (outlen < 6 || strcmp(out + outlen - 5, ".gpkg") != 0) {
        return incmap_fail(ctx, INCMAP_ERR_INVALID_ARG,
                           "output '%s' must end in .gpkg (the index goes beside it as .idx)",
                           out != NULL ? out : "");
    }
    if (make_parents(ctx, out) != INCMAP_OK) {
        return incmap_ctx_status(ctx);
    }
    const char *dir =
        opts->sources_dir != NULL ? opts->sources_dir : incmap_build_default_sources();
    build b;
    memset(&b, 0, sizeof b);
    b.ctx = ctx;
    b.opts = opts;
    b.st = st_out;
    b.names_idx = -1;
    char *src[SRC_N] = {
        source_path(opts->cities500, dir, "cities500.txt"),
        source_path(opts->admin1, dir, "admin1.json"),
        source_path(opts->admin2, dir, "admin2.json"),
        source_path(opts->natural_earth, dir, "world_map.gpkg"),
        source_path(opts->airports, dir, "airports.json"),
        opts->supplement != NULL ? incmap_strdup(opts->supplement) : default_supplement(),
    };
    char *tmp = malloc(outlen + 48);
    /* SQLite's journal beside it, which a signal may leave behind too */
    char *journal = malloc(outlen + 64);
    char *idx = index_path(out);
    incmap_status st = INCMAP_OK;
    for (int i = 0; i < SRC_N; i++) {
        if (src[i] == NULL) {
            st = INCMAP_ERR_NOMEM;
        }
    }
    if (st != INCMAP_OK || tmp == NULL || journal == NULL || idx == NULL) {
        st = incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory");
        goto out;
    }
    snprintf(tmp, outlen + 48, "%s.%ld.tmp.gpkg", out, (long)getpid());
    snprintf(journal, outlen + 64, "%s-journal", tmp);
    incmap_temp_track(tmp); /* removed by the CLI's signal handler too */
    incmap_temp_track(journal);

    /* quiet GDAL (the library never prints) and fixed timestamps (reproducible output); both are
     * thread-local so a host application's settings are untouched */
    CPLPushErrorHandler(CPLQuietErrorHandler);
    CPLErrorReset();
    char *old_date = CPLStrdup(CPLGetThreadLocalConfigOption("OGR_CURRENT_DATE", NULL));
    CPLSetThreadLocalConfigOption("OGR_CURRENT_DATE", BUILD_FIXED_DATE);
    GDALAllRegister();

    if ((b.w = incmap_gzw_create(ctx)) == NULL) {
        st = incmap_ctx_status(ctx);
    } else {
        st = open_output(&b, tmp);
    }
    if (st == INCMAP_OK) {
        st = run_stages(&b, src);
    }
    if (st == INCMAP_OK) {
        st = finish(&b, tmp, out, idx);
    }
    if (b.ds != NULL) {
        GDALClose(b.ds);
    }
    if (st != INCMAP_OK) {
        unlink(tmp); /* no partial gazetteer; a previous one stays in place */
    }
    CPLSetThreadLocalConfigOption("OGR_CURRENT_DATE", old_date[0] != '\0' ? old_date : NULL);
    CPLFree(old_date);
    CPLPopErrorHandler();
    incmap_temp_untrack(tmp);
    incmap_temp_untrack(journal);
out:
    build_free(&b);
    for (int i = 0; i < SRC_N; i++) {
        free(src[i]);
    }
    free(tmp);
    free(journal);
    free(idx);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    st_out->seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
    return st;
}

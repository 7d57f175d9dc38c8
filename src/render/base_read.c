/* The renderer's base layers, read from a GeoPackage with SQLite (see base_read.h for why not
 * OGR). A layer is a table named in gpkg_geometry_columns; its R-tree (rtree_<table>_<column>)
 * selects the rows whose bounding box meets the map extent, so a regional map reads a few dozen
 * features, not the world. A layer without an R-tree is scanned and filtered by each geometry's
 * box. Columns are found by name (SQLite compares names case-insensitively: `name` finds NAME).
 * Identifiers read from the file (geometry and FID columns) are quoted with sqlite3_mprintf's %w,
 * and a layer must be in lon/lat (EPSG:4326): the renderer reads its coordinates as degrees.
 * Hand-written over SQLite rather than read through OGR because loading libgdal and its ~100
 * libraries costs 40 ms of every render (171 -> 127 ms whole process, commit 4b8abaf; at load
 * 13, incmap-gis --version 257 ms vs incmap-render --version 116-147 ms). */
#include "render/base_read.h"

#include "core/vec.h"

#include <errno.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

typedef struct {
    char table[64], geom[64], fid[64];
    int64_t srs_id; /* gpkg_geometry_columns.srs_id */
    bool rtree, has_name, has_country, has_pop, has_code, has_kind;
    const char *country_col; /* "country" (gazetteer) or "iso_a2" (world_map) */
} base_layer;

struct incmap_base {
    sqlite3 *db;
    struct stat id; /* the file opened: a spare is reused only for the same, unchanged file */
    base_layer areas, admin1, places; /* admin1 unused for the gazetteer (one `areas` layer) */
    bool gazetteer, has_admin1, has_places;
    char path[512];
};

void base_features_free(base_features *fs)
{
    for (size_t i = 0; i < fs->n; i++) {
        incmap_geom_destroy(fs->f[i].geom);
        free(fs->f[i].name);
    }
    free(fs->f);
    fs->f = NULL;
    fs->n = fs->cap = 0;
}

static incmap_status db_error(incmap_base *b, incmap_ctx *ctx, const char *what)
{
    return incmap_fail(ctx, INCMAP_ERR_IO, "base map GeoPackage %s: %s: %s", b->path, what,
                       sqlite3_errmsg(b->db));
}

/* Fills *l for `table` when the GeoPackage declares it as a geometry layer. */
static bool find_layer(incmap_base *b, const char *table, base_layer *l)
{
    memset(l, 0, sizeof *l);
    sqlite3_stmt *q = NULL;
    bool found = false;
    if (sqlite3_prepare_v2(b->db,
                           "SELECT column_name, srs_id FROM gpkg_geometry_columns "
                           "WHERE table_name = ?1",
                           -1, &q, NULL) == SQLITE_OK) {
        sqlite3_bind_text(q, 1, table, -1, SQLITE_STATIC);
        if (sqlite3_step(q) == SQLITE_ROW) {
            const char *g = (const char *)sqlite3_column_text(q, 0);
            found = g != NULL && strlen(g) < sizeof l->geom && strlen(table) < sizeof l->table;
            if (found) {
                snprintf(l->geom, sizeof l->geom, "%s", g);
                snprintf(l->table, sizeof l->table, "%s", table);
                l->srs_id = sqlite3_column_int64(q, 1);
            }
        }
    }
    sqlite3_finalize(q);
    if (!found) {
        return false;
    }
    char *sql = sqlite3_mprintf("PRAGMA table_info(\"%w\")", l->table);
    if (sql != NULL && sqlite3_prepare_v2(b->db, sql, -1, &q, NULL) == SQLITE_OK) {
        while (sqlite3_step(q) == SQLITE_ROW) {
            const char *col = (const char *)sqlite3_column_text(q, 1);
            col = col != NULL ? col : "";
            if (sqlite3_column_int(q, 5) == 1 && strlen(col) < sizeof l->fid) {
                snprintf(l->fid, sizeof l->fid, "%s", col);
            }
            l->has_name |= strcasecmp(col, "name") == 0;
            l->has_kind |= strcasecmp(col, "kind") == 0;
            l->has_pop |= strcasecmp(col, "population") == 0;
            l->has_code |= strcasecmp(col, "feature_code") == 0;
            if (strcasecmp(col, "country") == 0 || strcasecmp(col, "iso_a2") == 0) {
                l->has_country = true;
                l->country_col = strcasecmp(col, "country") == 0 ? "country" : "iso_a2";
            }
        }
    }
    sqlite3_finalize(q);
    sqlite3_free(sql);
    q = NULL;
    if (l->fid[0] != '\0' &&
        sqlite3_prepare_v2(b->db,
                           "SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                           "name = 'rtree_' || ?1 || '_' || ?2",
                           -1, &q, NULL) == SQLITE_OK) {
        sqlite3_bind_text(q, 1, l->table, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 2, l->geom, -1, SQLITE_STATIC);
        l->rtree = sqlite3_step(q) == SQLITE_ROW;
    }
    sqlite3_finalize(q);
    return true;
}

/* The layer's SRS must be lon/lat degrees: srs_id 4326, or an srs_id that gpkg_spatial_ref_sys
 * defines as EPSG 4326. Anything else would be drawn as if its metres were degrees. */
static incmap_status check_srs(incmap_base *b, incmap_ctx *ctx, const base_layer *l)
{
    if (l->srs_id == 4326) {
        return INCMAP_OK;
    }
    sqlite3_stmt *q = NULL;
    char srs[96];
    snprintf(srs, sizeof srs, "srs_id %lld", (long long)l->srs_id);
    bool wgs84 = false;
    if (sqlite3_prepare_v2(
            b->db,
            "SELECT organization, organization_coordsys_id FROM gpkg_spatial_ref_sys "
            "WHERE srs_id = ?1",
            -1, &q, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(q, 1, l->srs_id);
        if (sqlite3_step(q) == SQLITE_ROW) {
            const char *org = (const char *)sqlite3_column_text(q, 0);
            int64_t code = sqlite3_column_int64(q, 1);
            wgs84 = org != NULL && strcasecmp(org, "EPSG") == 0 && code == 4326;
            snprintf(srs, sizeof srs, "%.40s:%lld", org != NULL ? org : "?", (long long)code);
        }
    }
    sqlite3_finalize(q);
    return wgs84 ? INCMAP_OK
                 : incmap_fail(ctx, INCMAP_ERR_IO,
                               "base map GeoPackage %s: layer '%s' is in %s, not EPSG:4326 "
                               "(lon/lat degrees)",
                               b->path, l->table, srs);
}

/* Closed bases kept open for the next map of the process (`incmap map --batch`, a server): a
 * connection that has read the region's countries keeps them in its page cache, and the layers
 * need not be found again. Taken and given back under the lock, so a connection is only ever
 * used by one thread at a time. */
#define SPARE_BASES 4
/* per connection: enough for the countries and provinces of a region map */
#define SPARE_CACHE_KIB 16384
#define STR_(x) #x
#define STR(x) STR_(x)

static pthread_mutex_t spare_lock = PTHREAD_MUTEX_INITIALIZER;
static incmap_base *spares[SPARE_BASES];

static bool same_file(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
           a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

static incmap_base *take_spare(const char *path, const struct stat *id)
{
    incmap_base *b = NULL;
    pthread_mutex_lock(&spare_lock);
    for (size_t i = 0; i < SPARE_BASES && b == NULL; i++) {
        if (spares[i] != NULL && strcmp(spares[i]->path, path) == 0 &&
            same_file(&spares[i]->id, id)) {
            b = spares[i];
            spares[i] = NULL;
        }
    }
    pthread_mutex_unlock(&spare_lock);
    return b;
}

static void close_db(incmap_base *b)
{
    sqlite3_close(b->db);
    free(b);
}

struct sqlite3 *incmap_base_db(incmap_base *b)
{
    return b->db;
}

void incmap_base_close(incmap_base *b)
{
    if (b == NULL) {
        return;
    }
    if (b->id.st_ino != 0) {
        pthread_mutex_lock(&spare_lock);
        for (size_t i = 0; i < SPARE_BASES && b != NULL; i++) {
            if (spares[i] == NULL) {
                spares[i] = b;
                b = NULL;
            }
        }
        pthread_mutex_unlock(&spare_lock);
    }
    if (b != NULL) {
        close_db(b);
    }
}

incmap_base *incmap_base_open(incmap_ctx *ctx, const char *path)
{
    struct stat id;
    bool have_id = stat(path, &id) == 0 && strlen(path) < sizeof((incmap_base *)NULL)->path;
    if (have_id) {
        incmap_base *spare = take_spare(path, &id);
        if (spare != NULL) {
            return spare;
        }
    }
    incmap_base *b = calloc(1, sizeof *b);
    if (b == NULL) {
        incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory");
        return NULL;
    }
    snprintf(b->path, sizeof b->path, "%s", path);
    FILE *probe = fopen(path, "rb"); /* name the real problem (sqlite says "unable to open") */
    if (probe == NULL) {
        incmap_fail(ctx, INCMAP_ERR_IO, "cannot open base map GeoPackage %s: %s", path,
                    strerror(errno));
        free(b);
        return NULL;
    }
    fclose(probe);
    if (sqlite3_open_v2(path, &b->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK) {
        db_error(b, ctx, "cannot open");
        close_db(b);
        return NULL;
    }
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(b->db, "SELECT 1 FROM gpkg_geometry_columns LIMIT 1", -1, &q, NULL) !=
        SQLITE_OK) {
        incmap_fail(ctx, INCMAP_ERR_IO, "cannot open base map GeoPackage %s: not a GeoPackage (%s)",
                    path, sqlite3_errmsg(b->db));
        sqlite3_finalize(q);
        close_db(b);
        return NULL;
    }
    sqlite3_finalize(q);
    if (find_layer(b, "areas", &b->areas) && b->areas.has_kind) {
        b->gazetteer = true;
        b->has_places = find_layer(b, "places", &b->places) && b->places.has_pop;
    } else if (find_layer(b, "countries", &b->areas)) {
        b->has_admin1 = find_layer(b, "states_provinces", &b->admin1);
    } else {
        incmap_fail(ctx, INCMAP_ERR_IO,
                    "%s has no 'areas' layer (is it an incmap gazetteer GeoPackage?)", path);
        close_db(b);
        return NULL;
    }
    if (check_srs(b, ctx, &b->areas) != INCMAP_OK ||
        (b->has_admin1 && check_srs(b, ctx, &b->admin1) != INCMAP_OK) ||
        (b->has_places && check_srs(b, ctx, &b->places) != INCMAP_OK)) {
        close_db(b);
        return NULL;
    }
    sqlite3_exec(b->db, "PRAGMA cache_size = -" STR(SPARE_CACHE_KIB), NULL, NULL, NULL);
    /* the identity of what was opened; a file it cannot name again is never kept as a spare */
    if (!have_id || stat(path, &b->id) != 0 || !same_file(&b->id, &id)) {
        memset(&b->id, 0, sizeof b->id);
    }
    return b;
}

static bool push(base_features *fs, const base_feature *f)
{
    if (incmap_grow((void **)&fs->f, &fs->cap, fs->n + 1, sizeof *fs->f) != INCMAP_OK) {
        return false;
    }
    fs->f[fs->n++] = *f;
    return true;
}

static bool meets(const incmap_geom *g, const double ll[4])
{
    double bb[4];
    return incmap_geom_bbox(g, bb) && bb[2] >= ll[0] && bb[0] <= ll[2] && bb[3] >= ll[1] &&
           bb[1] <= ll[3];
}

/* Runs SELECT geom, name, country, population FROM layer [R-tree box] [AND where] [order], and
 * appends each row whose geometry parses (and, without an R-tree, meets ll) to out; at most
 * max_n rows (0: all). */
static incmap_status read_layer(incmap_base *b, incmap_ctx *ctx, const base_layer *l,
                                const double ll[4], const char *where, const char *order,
                                size_t max_n, int kind, base_features *out)
{
    /* %w doubles the quotes of an identifier read from the file; the other columns and the
     * where/order text are this file's own constants */
    char cols[96];
    snprintf(cols, sizeof cols, "%s, %s%s, %s", l->has_name ? "t.name" : "''",
             l->has_country ? "t." : "", l->has_country ? l->country_col : "''",
             l->has_pop ? "t.population" : "-1");
    char limit[32] = ""; /* with an R-tree, SQLite keeps only the top rows while sorting */
    if (l->rtree && max_n > 0) {
        snprintf(limit, sizeof limit, " LIMIT %zu", max_n);
    }
    char *sql =
        l->rtree
            ? sqlite3_mprintf("SELECT t.\"%w\", %s FROM \"%w\" t JOIN \"rtree_%w_%w\" r "
                              "ON t.\"%w\" = r.id WHERE r.maxx >= ?1 AND r.minx <= ?3 "
                              "AND r.maxy >= ?2 AND r.miny <= ?4%s%s%s%s%s",
                              l->geom, cols, l->table, l->table, l->geom, l->fid,
                              where ? " AND (" : "", where ? where : "", where ? ")" : "",
                              order ? order : "", limit)
            : sqlite3_mprintf("SELECT t.\"%w\", %s FROM \"%w\" t%s%s%s", l->geom, cols, l->table,
                              where ? " WHERE " : "", where ? where : "", order ? order : "");
    if (sql == NULL) {
        return incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory reading %s", b->path);
    }
    sqlite3_stmt *q = NULL;
    int prc = sqlite3_prepare_v2(b->db, sql, -1, &q, NULL);
    sqlite3_free(sql);
    if (prc != SQLITE_OK) {
        incmap_status st = db_error(b, ctx, "cannot read layer");
        sqlite3_finalize(q);
        return st;
    }
    if (l->rtree) {
        for (int i = 0; i < 4; i++) {
            sqlite3_bind_double(q, i + 1, ll[i]);
        }
    }
    incmap_status st = INCMAP_OK;
    size_t first = out->n;
    int rc = SQLITE_DONE;
    while (st == INCMAP_OK && (max_n == 0 || out->n - first < max_n) &&
           (rc = sqlite3_step(q)) == SQLITE_ROW) {
        bool nomem = false;
        incmap_geom *g =
            incmap_gpkg_geom(sqlite3_column_blob(q, 0), (size_t)sqlite3_column_bytes(q, 0), &nomem);
        if (g == NULL || (!l->rtree && !meets(g, ll))) {
            incmap_geom_destroy(g);
            st = nomem ? incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory reading %s", b->path)
                       : INCMAP_OK; /* empty or unreadable geometry: nothing to draw */
            continue;
        }
        const char *name = (const char *)sqlite3_column_text(q, 1);
        const char *cc = (const char *)sqlite3_column_text(q, 2);
        base_feature f = {g,
                          incmap_strdup(name != NULL ? name : ""),
                          "",
                          kind,
                          sqlite3_column_type(q, 3) == SQLITE_NULL ? -1
                                                                   : sqlite3_column_int64(q, 3),
                          g->xy[0],
                          g->xy[1]};
        snprintf(f.country, sizeof f.country, "%s", cc != NULL ? cc : "");
        if (f.name == NULL || !push(out, &f)) {
            incmap_geom_destroy(f.geom);
            free(f.name);
            st = incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory reading %s", b->path);
        }
    }
    if (st == INCMAP_OK && rc != SQLITE_ROW && rc != SQLITE_DONE) {
        st = db_error(b, ctx, "cannot read layer");
    }
    sqlite3_finalize(q);
    return st;
}

incmap_status incmap_base_read_areas(incmap_base *b, incmap_ctx *ctx, const double ll[4],
                                     unsigned kinds, base_features *out)
{
    incmap_status st = INCMAP_OK;
    if (b->gazetteer) {
        if (kinds & BASE_AREA_COUNTRY) {
            st = read_layer(b, ctx, &b->areas, ll, "kind = 'country'", NULL, 0, BASE_AREA_COUNTRY,
                            out);
        }
        if (st == INCMAP_OK && (kinds & BASE_AREA_ADMIN1)) {
            st = read_layer(b, ctx, &b->areas, ll, "kind = 'admin1'", NULL, 0, BASE_AREA_ADMIN1,
                            out);
        }
        return st;
    }
    if (kinds & BASE_AREA_COUNTRY) {
        st = read_layer(b, ctx, &b->areas, ll, NULL, NULL, 0, BASE_AREA_COUNTRY, out);
    }
    if (st == INCMAP_OK && (kinds & BASE_AREA_ADMIN1) && b->has_admin1) {
        st = read_layer(b, ctx, &b->admin1, ll, NULL, NULL, 0, BASE_AREA_ADMIN1, out);
    }
    return st;
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
    "CASE t.feature_code WHEN 'PPLC' THEN 4 WHEN 'PPLG' THEN 3 WHEN 'PPLA' THEN 2.5 WHEN "         \
    "'PPLA2' THEN 1.5 ELSE 1 END"

incmap_status incmap_base_read_places(incmap_base *b, incmap_ctx *ctx, const double ll[4],
                                      int64_t min_pop, size_t max_n, base_features *out)
{
    if (!b->has_places || max_n == 0) {
        return INCMAP_OK; /* the world_map fallback has no places */
    }
    bool code = b->places.has_code;
    char where[256], order[192];
    snprintf(where, sizeof where, "t.population >= %lld%s", (long long)min_pop,
             code ? " AND (t.feature_code IS NULL OR t.feature_code = '' OR t.feature_code IN "
                    "(" LIVE_PLACE_CODES "))"
                  : "");
    snprintf(order, sizeof order, " ORDER BY t.population * %s DESC",
             code ? PLACE_WEIGHT_SQL : "1");
    return read_layer(b, ctx, &b->places, ll, where, order, max_n, 0, out);
}

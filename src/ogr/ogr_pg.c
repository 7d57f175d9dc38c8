/* OGR stage: PostGIS output through GDAL's PostgreSQL driver, for a team sharing one table.
 *
 * One transaction per call: for each report key in the batch (in sorted order, so two writers
 * never wait on each other in a circle) a transaction-level advisory lock on (table, report) is
 * taken, that report's rows are deleted, then every feature is inserted, then COMMIT. A second
 * writer of the same report waits on the lock until the first commits; its DELETE then sees the
 * first one's rows (READ COMMITTED: each statement takes a new snapshot) and replaces them, so a
 * report's rows are never doubled, whatever the timing; writers of other reports do not wait.
 * A unique index on (report, id) makes a duplicate impossible even for writers that bypass the
 * lock. A crash rolls the transaction back: a report is replaced whole or not at all.
 * The table is created when absent (columns from the same field list as every other format,
 * a GiST index on the geometry), under an advisory lock on the table, since two
 * CREATE TABLE IF NOT EXISTS can still collide.
 * The SQL goes through GDALDatasetExecuteSQL on the driver's connection, so it shares the
 * transaction with the driver's own INSERTs (or COPY). */
#include "ogr/ogr_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 64-bit FNV-1a of "incmap", TABLE and KEY: the advisory lock key (a collision only makes two
 * writers wait for each other). */
static int64_t lock_key(const char *table, const char *key)
{
    uint64_t h = 14695981039346656037u;
    const char *parts[] = {"incmap", table, key != NULL ? key : ""};
    for (size_t p = 0; p < 3; p++) {
        for (const unsigned char *s = (const unsigned char *)parts[p]; *s != '\0'; s++) {
            h = (h ^ *s) * 1099511628211u;
        }
        h = (h ^ 0xff) * 1099511628211u; /* separator */
    }
    return (int64_t)h;
}

/* A plain identifier: letters, digits, underscores, not starting with a digit, <= 63 bytes. */
static bool plain_ident(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 63 || (s[0] >= '0' && s[0] <= '9')) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
            return false;
        }
    }
    return true;
}

/* Runs one statement; its result set, if any, is read (so the statement really ran) and freed. */
static incmap_status exec(incmap_ctx *ctx, GDALDatasetH ds, const char *sql, const char *what)
{
    CPLErrorReset();
    OGRLayerH rs = GDALDatasetExecuteSQL(ds, sql, NULL, NULL);
    if (rs != NULL) {
        OGRFeatureH f = OGR_L_GetNextFeature(rs);
        if (f != NULL) {
            OGR_F_Destroy(f);
        }
        GDALDatasetReleaseResultSet(ds, rs);
    }
    if (CPLGetLastErrorType() >= CE_Failure) {
        return incmap_ogr_fail(ctx, INCMAP_ERR_GDAL, what);
    }
    return INCMAP_OK;
}

char *incmap_ogr_pg_literal(const char *key)
{
    size_t n = strlen(key);
    char *out = malloc(2 * n + 4), *o = out;
    if (out == NULL) {
        return NULL;
    }
    *o++ = 'E';
    *o++ = '\'';
    for (const char *s = key; *s != '\0'; s++) {
        if (*s == '\\' || *s == '\'') {
            *o++ = *s;
        }
        *o++ = *s;
    }
    *o++ = '\'';
    *o = '\0';
    return out;
}

static const char *sql_type(OGRFieldType t)
{
    switch (t) {
    case OFTInteger:
        return "integer";
    case OFTInteger64:
        return "bigint";
    case OFTReal:
        return "double precision";
    case OFTDate:
        return "date";
    default:
        return "text";
    }
}

/* True when TABLE exists (asked in a way that cannot fail: a failed statement would abort the
 * transaction). */
static bool table_exists(GDALDatasetH ds, const char *t)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT to_regclass('\"%s\"') IS NOT NULL AS present", t);
    OGRLayerH rs = GDALDatasetExecuteSQL(ds, sql, NULL, NULL);
    bool yes = false;
    if (rs != NULL) {
        OGRFeatureH f = OGR_L_GetNextFeature(rs);
        if (f != NULL) {
            const char *v = OGR_F_GetFieldAsString(f, 0);
            yes = v[0] == 't' || v[0] == '1';
            OGR_F_Destroy(f);
        }
        GDALDatasetReleaseResultSet(ds, rs);
    }
    return yes;
}

static incmap_status create_table(incmap_ctx *ctx, GDALDatasetH ds, const char *t)
{
    char sql[4096];
    int n = snprintf(sql, sizeof sql, "SELECT pg_advisory_xact_lock(%lld)",
                     (long long)lock_key(t, NULL));
    incmap_status st = exec(ctx, ds, sql, "cannot lock the table");
    if (st != INCMAP_OK) {
        return st;
    }
    n = snprintf(sql, sizeof sql, "CREATE TABLE IF NOT EXISTS \"%s\" (fid bigserial PRIMARY KEY",
                 t);
    for (int i = 0; i < OGR_NFIELDS; i++) {
        n += snprintf(sql + n, sizeof sql - (size_t)n, ", \"%s\" %s", incmap_ogr_fields[i].name,
                      sql_type(incmap_ogr_fields[i].type));
    }
    snprintf(sql + n, sizeof sql - (size_t)n, ", geom geometry(Geometry, 4326))");
    if ((st = exec(ctx, ds, sql,
                   "cannot create the table (is the postgis extension installed?)")) != INCMAP_OK) {
        return st;
    }
    snprintf(sql, sizeof sql,
             "CREATE INDEX IF NOT EXISTS \"%s_geom_idx\" ON \"%s\" USING GIST (geom)", t, t);
    if ((st = exec(ctx, ds, sql, "cannot create the spatial index")) != INCMAP_OK) {
        return st;
    }
    snprintf(sql, sizeof sql,
             "CREATE UNIQUE INDEX IF NOT EXISTS \"%s_report_id_idx\" ON \"%s\" (report, id)", t, t);
    return exec(ctx, ds, sql, "cannot create the report index");
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Locks and deletes the rows of every report key in INC, in sorted order. */
static incmap_status replace_reports(incmap_ctx *ctx, GDALDatasetH ds, const incmap_incidents *inc,
                                     const char *t, const char *report)
{
    size_t n = incmap_incidents_feature_count(inc), nk = 0;
    const char **keys = malloc((n > 0 ? n : 1) * sizeof *keys);
    if (keys == NULL) {
        return incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        const char *k = incmap_incidents_feature(inc, i)->report;
        keys[nk++] = k != NULL ? k : report;
        if (keys[nk - 1] == NULL) {
            free(keys);
            return incmap_fail(ctx, INCMAP_ERR_INVALID_ARG,
                               "a feature has no report key: PostgreSQL output replaces rows by "
                               "report");
        }
    }
    qsort(keys, nk, sizeof *keys, cmp_str);
    incmap_status st = INCMAP_OK;
    for (size_t i = 0; i < nk && st == INCMAP_OK; i++) {
        if (i > 0 && strcmp(keys[i], keys[i - 1]) == 0) {
            continue;
        }
        char *lit = incmap_ogr_pg_literal(keys[i]);
        size_t cap = strlen(t) + (lit != NULL ? strlen(lit) : 0) + 128;
        char *sql = malloc(cap);
        if (lit == NULL || sql == NULL) {
            st = incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory");
        } else {
            snprintf(sql, cap, "SELECT pg_advisory_xact_lock(%lld)",
                     (long long)lock_key(t, keys[i]));
            st = exec(ctx, ds, sql, "cannot lock the report");
            snprintf(sql, cap, "DELETE FROM \"%s\" WHERE report = %s", t, lit);
            if (st == INCMAP_OK) {
                st = exec(ctx, ds, sql, "cannot delete the report's old rows");
            }
        }
        free(lit);
        free(sql);
    }
    free(keys);
    return st;
}

static incmap_status insert(incmap_ctx *ctx, OGRLayerH l, const incmap_incidents *inc,
                            const char *report)
{
    int map[OGR_NFIELDS];
    if (incmap_ogr_field_map(OGR_L_GetLayerDefn(l), map) < OGR_NFIELDS) {
        for (int k = 0; k < OGR_NFIELDS; k++) {
            if (map[k] < 0) {
                return incmap_fail(ctx, INCMAP_ERR_GDAL,
                                   "table %s has no column \"%s\" (made by another incmap "
                                   "version?)",
                                   OGR_L_GetName(l), incmap_ogr_fields[k].name);
            }
        }
    }
    size_t n = incmap_incidents_feature_count(inc);
    size_t *serial = incmap_geojson_id_serials(inc);
    if (serial == NULL) {
        return incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory");
    }
    incmap_status st = INCMAP_OK;
    for (size_t i = 0; i < n && st == INCMAP_OK; i++) {
        const incmap_feature *f = incmap_incidents_feature(inc, i);
        char id[64];
        incmap_geojson_feature_id(f, serial[i], id, sizeof id);
        st = incmap_ogr_put(ctx, l, map, f, id, report, false);
    }
    free(serial);
    return st;
}

incmap_status incmap_ogr_pg_write(incmap_ctx *ctx, GDALDatasetH ds, const incmap_incidents *inc,
                                  const char *table, const char *report)
{
    if (!plain_ident(table)) {
        return incmap_fail(ctx, INCMAP_ERR_INVALID_ARG,
                           "table name '%s': use lower-case letters, digits and _ (at most 63)",
                           table);
    }
    if (GDALDatasetStartTransaction(ds, FALSE) != OGRERR_NONE) {
        return incmap_ogr_fail(ctx, INCMAP_ERR_GDAL, "cannot start a transaction");
    }
    incmap_status st = INCMAP_OK;
    OGRLayerH l = NULL;
    if (!table_exists(ds, table)) {
        st = create_table(ctx, ds, table);
    }
    if (st == INCMAP_OK && (l = GDALDatasetGetLayerByName(ds, table)) == NULL) {
        st = incmap_ogr_fail(ctx, INCMAP_ERR_GDAL, "cannot open the table");
    }
    if (st == INCMAP_OK) {
        st = replace_reports(ctx, ds, inc, table, report);
    }
    if (st == INCMAP_OK) {
        st = insert(ctx, l, inc, report);
    }
    if (st == INCMAP_OK) {
        if (GDALDatasetCommitTransaction(ds) != OGRERR_NONE) {
            st = incmap_ogr_fail(ctx, INCMAP_ERR_GDAL, "cannot commit");
        }
    } else {
        GDALDatasetRollbackTransaction(ds);
    }
    return st;
}

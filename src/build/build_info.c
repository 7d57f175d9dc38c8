/* `incmap gazetteer info`: a plain-text summary of a built gazetteer, from its index (entry
 * count and a check of every block's checksum, through the core reader) and its GeoPackage
 * (per-kind counts, names, borders, sources). No build date is stored or shown: builds are
 * reproducible. */
#include "build/build_internal.h"

#include <cpl_error.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void print_sql(FILE *out, GDALDatasetH ds, const char *title, const char *sql)
{
    OGRLayerH l = GDALDatasetExecuteSQL(ds, sql, NULL, NULL);
    if (l == NULL) {
        return;
    }
    fprintf(out, "%s\n", title);
    OGRFeatureH f;
    while ((f = OGR_L_GetNextFeature(l)) != NULL) {
        int n = OGR_F_GetFieldCount(f);
        fputs("  ", out);
        for (int i = 0; i < n; i++) {
            fprintf(out, i + 1 < n ? "%-26s" : "%s", OGR_F_GetFieldAsString(f, i));
        }
        fputc('\n', out);
        OGR_F_Destroy(f);
    }
    GDALDatasetReleaseResultSet(ds, l);
}

incmap_status incmap_gazetteer_describe(incmap_ctx *ctx, const char *path, char **text)
{
    *text = NULL;
    if (path == NULL || access(path, F_OK) != 0) {
        return incmap_fail(ctx, INCMAP_ERR_IO,
                           "no gazetteer at %s (build one with: incmap gazetteer build)",
                           path != NULL ? path : "(null)");
    }
    incmap_gazetteer *gz = incmap_gazetteer_open(ctx, path);
    if (gz == NULL) {
        return incmap_ctx_status(ctx);
    }
    /* info reads all of the index anyway to be useful as a check: every block's checksum */
    if (incmap_gazetteer_verify(gz, ctx) != INCMAP_OK) {
        incmap_gazetteer_close(gz);
        return incmap_ctx_status(ctx);
    }
    size_t entries = incmap_gazetteer_count(gz);
    char *gpkg = incmap_strdup(incmap_gazetteer_gpkg_path(gz));
    incmap_gazetteer_close(gz);
    if (gpkg == NULL) {
        return incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory");
    }
    GDALAllRegister();
    CPLPushErrorHandler(CPLQuietErrorHandler);
    GDALDatasetH ds = GDALOpenEx(gpkg, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
    incmap_status st = INCMAP_OK;
    if (ds == NULL || GDALDatasetGetLayerByName(ds, "names") == NULL ||
        GDALDatasetGetLayerByName(ds, "areas") == NULL) {
        st = incmap_fail(ctx, INCMAP_ERR_PARSE, "%s is not an incmap gazetteer GeoPackage", gpkg);
    }
    char *buf = NULL;
    size_t len = 0;
    FILE *out = st == INCMAP_OK ? open_memstream(&buf, &len) : NULL;
    if (st == INCMAP_OK && out == NULL) {
        st = incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory");
    }
    if (out != NULL) {
        fprintf(out, "gazetteer %s\nindex: %zu entries, every block matches its checksum\n", gpkg,
                entries);
        print_sql(out, ds, "entries by kind:",
                  "SELECT kind, COUNT(*) FROM (SELECT kind FROM places UNION ALL SELECT kind "
                  "FROM areas) GROUP BY kind ORDER BY kind");
        print_sql(out, ds,
                  "names by tier:", "SELECT tier, COUNT(*) FROM names GROUP BY tier ORDER BY tier");
        print_sql(out, ds, "borders:", "SELECT COUNT(*) FROM borders");
        print_sql(out, ds, "sources (rows used, rows skipped):",
                  "SELECT source, file, rows, skipped FROM sources ORDER BY fid");
        if (fclose(out) != 0) {
            st = incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory");
        }
    }
    if (ds != NULL) {
        GDALClose(ds);
    }
    CPLPopErrorHandler();
    free(gpkg);
    if (st == INCMAP_OK) {
        *text = buf;
    } else {
        free(buf);
    }
    return st;
}

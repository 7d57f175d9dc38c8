/* OGR stage: the writer. Incidents -> one layer (or one per geometry type) of any OGR vector
 * format, written atomically: GDAL creates the output under its own name inside a temporary
 * directory beside the target (so the extension, and sidecar files such as a CSV's .csvt or a
 * Shapefile's .shx/.dbf/.prj/.cpg, are what the driver expects), and only after GDAL closed it
 * without error is it renamed into place, sidecars first. PostgreSQL goes to ogr_pg.c. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* renameat2() */
#endif
#include "ogr/ogr_int.h"

#include <cpl_error.h>
#include <cpl_string.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

incmap_ogr_opts incmap_ogr_opts_default(void)
{
    incmap_ogr_opts o = {NULL, NULL, false, NULL};
    return o;
}

/* The layer class of a geometry when there is one layer per geometry type. */
enum { CLS_POINT, CLS_LINE, CLS_POLYGON, NCLS };
static const char *const cls_suffix[NCLS] = {"_point", "_line", "_polygon"};
static const OGRwkbGeometryType cls_type[NCLS] = {wkbPoint, wkbMultiLineString, wkbMultiPolygon};

static int geom_class(const incmap_geom *g)
{
    switch (g->type) {
    case INCMAP_GEOM_POINT:
        return CLS_POINT;
    case INCMAP_GEOM_LINESTRING:
    case INCMAP_GEOM_MULTILINESTRING:
        return CLS_LINE;
    case INCMAP_GEOM_POLYGON:
    case INCMAP_GEOM_MULTIPOLYGON:
        break;
    }
    return CLS_POLYGON;
}

/* Layer creation options that make each format hold the schema faithfully. */
static char **layer_options(const char *driver)
{
    char **o = NULL;
    if (strcasecmp(driver, "CSV") == 0) {
        o = CSLSetNameValue(o, "GEOMETRY", "AS_WKT");
        o = CSLSetNameValue(o, "CREATE_CSVT", "YES"); /* the field types, for readers */
    } else if (strcasecmp(driver, "ESRI Shapefile") == 0) {
        o = CSLSetNameValue(o, "ENCODING", "UTF-8");
    } else if (strcasecmp(driver, "FlatGeobuf") == 0) {
        o = CSLSetNameValue(o, "SPATIAL_INDEX", "NO"); /* keeps the features in model order */
    } else if (strcasecmp(driver, "GeoJSONSeq") == 0) {
        o = CSLSetNameValue(o, "RS", "NO");
    }
    return o;
}

static OGRLayerH create_layer(incmap_ctx *ctx, GDALDatasetH ds, const char *name,
                              OGRwkbGeometryType type, const char *driver)
{
    OGRSpatialReferenceH srs = incmap_ogr_wgs84();
    char **opts = layer_options(driver);
    OGRLayerH l = GDALDatasetCreateLayer(ds, name, srs, type, opts);
    CSLDestroy(opts);
    if (srs != NULL) {
        OSRDestroySpatialReference(srs);
    }
    if (l == NULL) {
        incmap_ogr_fail(ctx, INCMAP_ERR_GDAL, "cannot create the layer");
        return NULL;
    }
    for (int i = 0; i < OGR_NFIELDS; i++) {
        OGRFieldDefnH fd = OGR_Fld_Create(incmap_ogr_fields[i].name, incmap_ogr_fields[i].type);
        OGRErr err = OGR_L_CreateField(l, fd, TRUE); /* Shapefile: names cut to 10 bytes */
        OGR_Fld_Destroy(fd);
        if (err != OGRERR_NONE) {
            incmap_ogr_fail(ctx, INCMAP_ERR_GDAL, "cannot create the fields");
            return NULL;
        }
    }
    return l;
}

/* Writes every feature into DS: one layer, or one per geometry class that occurs. */
static incmap_status write_layers(incmap_ctx *ctx, GDALDatasetH ds, const incmap_incidents *inc,
                                  const incmap_ogr_opts *o, const char *driver, bool split)
{
    const char *base = o->layer != NULL ? o->layer : "incidents";
    OGRLayerH layers[NCLS] = {NULL, NULL, NULL};
    int maps[NCLS][OGR_NFIELDS];
    size_t n = incmap_incidents_feature_count(inc);
    size_t *serial = incmap_geojson_id_serials(inc);
    if (serial == NULL) {
        return incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory writing the features");
    }
    incmap_status st = INCMAP_OK;
    for (size_t i = 0; i < n + !split && st == INCMAP_OK; i++) {
        const incmap_feature *f = i < n ? incmap_incidents_feature(inc, i) : NULL;
        int c = split ? geom_class(f->geom) : 0;
        if (layers[c] == NULL) { /* the one layer even with no feature; split: those used */
            char name[256];
            snprintf(name, sizeof name, "%s%s", base, split ? cls_suffix[c] : "");
            if ((layers[c] = create_layer(ctx, ds, name, split ? cls_type[c] : wkbUnknown,
                                          driver)) == NULL) {
                st = incmap_ctx_status(ctx);
                break;
            }
            incmap_ogr_field_map(OGR_L_GetLayerDefn(layers[c]), maps[c]);
        }
        if (f != NULL) {
            char id[64];
            incmap_geojson_feature_id(f, serial[i], id, sizeof id);
            st = incmap_ogr_put(ctx, layers[c], maps[c], f, id, o->report, split);
        }
    }
    free(serial);
    return st;
}

/* Removes the temporary directory and what GDAL left in it (one level of subdirectory: a
 * Shapefile directory). */
static void remove_tree(const char *dir, int depth)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d != NULL && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) {
            continue;
        }
        char p[4096];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode) && depth < 2) {
            remove_tree(p, depth + 1);
        } else {
            unlink(p);
        }
    }
    if (d != NULL) {
        closedir(d);
    }
    rmdir(dir);
}

/* Moves TMP/NAME (and its sidecars, first) to DEST. A directory (Shapefile) replaces an existing
 * one only when overwriting, by an atomic exchange; the old one is then removed. */
static incmap_status commit(incmap_ctx *ctx, const char *tmp, const char *name, const char *dest)
{
    const char *slash = strrchr(dest, '/');
    int dirlen = slash != NULL ? (int)(slash - dest + 1) : 0;
    DIR *d = opendir(tmp);
    struct dirent *e;
    incmap_status st = INCMAP_OK;
    while (st == INCMAP_OK && d != NULL && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || strcmp(e->d_name, name) == 0) {
            continue;
        }
        char from[4096], to[4096];
        snprintf(from, sizeof from, "%s/%s", tmp, e->d_name);
        snprintf(to, sizeof to, "%.*s%s", dirlen, dest, e->d_name);
        st = incmap_file_rename(ctx, from, to);
    }
    if (d != NULL) {
        closedir(d);
    }
    char from[4096];
    snprintf(from, sizeof from, "%s/%s", tmp, name);
    struct stat sf, sd;
    if (st == INCMAP_OK && stat(from, &sf) == 0 && S_ISDIR(sf.st_mode) && lstat(dest, &sd) == 0 &&
        S_ISDIR(sd.st_mode) && incmap_ctx_overwrite(ctx)) {
        if (renameat2(AT_FDCWD, from, AT_FDCWD, dest, RENAME_EXCHANGE) != 0) {
            return incmap_fail(ctx, INCMAP_ERR_IO, "cannot replace %s: %s", dest, strerror(errno));
        }
        return INCMAP_OK; /* the old directory is now at FROM, removed with TMP */
    }
    return st == INCMAP_OK ? incmap_file_rename(ctx, from, dest) : st;
}

static incmap_status write_file(incmap_ctx *ctx, GDALDriverH drv, const incmap_incidents *inc,
                                const char *dest, const incmap_ogr_opts *o)
{
    const char *driver = GDALGetDriverShortName(drv);
    bool shp = strcasecmp(driver, "ESRI Shapefile") == 0;
    const char *slash = strrchr(dest, '/');
    const char *name = slash != NULL ? slash + 1 : dest;
    if (name[0] == '\0' || strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
        return incmap_fail(ctx, INCMAP_ERR_INVALID_ARG, "%s: not a file name", dest);
    }
    if (shp && strlen(name) > 4 && strcasecmp(name + strlen(name) - 4, ".shp") == 0) {
        return incmap_fail(ctx, INCMAP_ERR_INVALID_ARG,
                           "%s: an ESRI Shapefile output is a directory (one .shp per geometry "
                           "type): name the directory",
                           dest);
    }
    size_t cap = strlen(dest) + 32;
    char *tmp = malloc(cap), *inner = malloc(cap + strlen(name) + 2);
    if (tmp == NULL || inner == NULL) {
        free(tmp);
        free(inner);
        return incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory writing %s", dest);
    }
    snprintf(tmp, cap, "%.*s.%s.XXXXXX", (int)(name - dest), dest, name);
    if (mkdtemp(tmp) == NULL) {
        incmap_status st =
            incmap_fail(ctx, INCMAP_ERR_IO, "cannot write %s: %s", dest, strerror(errno));
        free(tmp);
        free(inner);
        return st;
    }
    snprintf(inner, cap + strlen(name) + 2, "%s/%s", tmp, name);
    incmap_temp_track(inner); /* a signal unlinks a single-file output being written, */
    incmap_temp_track(tmp);   /* then its directory */
    incmap_status st = INCMAP_OK;
    GDALDatasetH ds = GDALCreate(drv, inner, 0, 0, 0, GDT_Unknown, NULL);
    if (ds == NULL) {
        st = incmap_ogr_fail(ctx, INCMAP_ERR_IO, dest);
    } else {
        st = write_layers(ctx, ds, inc, o, driver, o->split_geometry || shp);
        CPLErrorReset();
        GDALClose(ds); /* returns void before GDAL 3.7: its errors are read back */
        if (CPLGetLastErrorType() >= CE_Failure && st == INCMAP_OK) {
            st = incmap_ogr_fail(ctx, INCMAP_ERR_IO, dest);
        }
        if (st != INCMAP_OK && strncmp(incmap_ctx_message(ctx), dest, strlen(dest)) != 0) {
            char msg[512];
            snprintf(msg, sizeof msg, "%s", incmap_ctx_message(ctx));
            incmap_fail(ctx, st, "%s: %s", dest, msg);
        }
    }
    if (st == INCMAP_OK) {
        st = commit(ctx, tmp, name, dest);
    }
    incmap_temp_untrack(inner);
    incmap_temp_untrack(tmp);
    remove_tree(tmp, 0);
    free(tmp);
    free(inner);
    return st;
}

incmap_status incmap_ogr_write(incmap_ctx *ctx, const incmap_incidents *inc, const char *dest,
                               const incmap_ogr_opts *opts)
{
    incmap_ogr_opts o = opts != NULL ? *opts : incmap_ogr_opts_default();
    if (dest == NULL || dest[0] == '\0') {
        return incmap_fail(ctx, INCMAP_ERR_INVALID_ARG, "empty output name");
    }
    incmap_ogr_begin();
    incmap_status st = INCMAP_OK;
    GDALDriverH drv = incmap_ogr_driver(ctx, o.driver);
    if (drv == NULL) {
        st = incmap_ctx_status(ctx);
    } else if (strcasecmp(GDALGetDriverShortName(drv), "PostgreSQL") == 0) {
        if (strncasecmp(dest, "PG:", 3) != 0) {
            st =
                incmap_fail(ctx, INCMAP_ERR_INVALID_ARG,
                            "%s: PostgreSQL output is a connection string \"PG:dbname=...\"", dest);
        } else {
            const char *const drivers[] = {"PostgreSQL", NULL};
            GDALDatasetH ds =
                GDALOpenEx(dest, GDAL_OF_VECTOR | GDAL_OF_UPDATE, drivers, NULL, NULL);
            if (ds == NULL) {
                st = incmap_ogr_fail(ctx, INCMAP_ERR_GDAL, "cannot connect to the database");
            } else {
                st = incmap_ogr_pg_write(ctx, ds, inc, o.layer != NULL ? o.layer : "incidents",
                                         o.report);
                GDALClose(ds);
            }
        }
    } else {
        st = write_file(ctx, drv, inc, dest, &o);
    }
    incmap_ogr_end();
    return st;
}

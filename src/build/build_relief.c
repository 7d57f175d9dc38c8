/* Gazetteer build, optional relief: Marble's global elevation texture (Debian marble-qt-data,
 * theme `srtm`, level 3: 8 x 16 greyscale JPEG tiles, 10800 x 5400 px, made from NASA's SRTM30;
 * see gazetteer/README.md for its licence) -> a whitened hillshade in the `relief` table: PNG
 * tiles with their lon/lat bounds, which the renderer multiplies over the land. The elevation is
 * shaded with GDAL's DEM processing (igor mode: flat ground is
 * white, so it leaves the map's colours alone), and the sea is made white from the Natural Earth
 * countries, so the renderer needs no clip; tiles that are all white are not stored. */
#include "build/build_internal.h"

#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal_alg.h>
#include <gdal_utils.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef INCMAP_RELIEF_DIR
#define INCMAP_RELIEF_DIR "/usr/share/marble/data/maps/earth/srtm"
#endif

#define RELIEF_ROWS 8 /* Marble's level 3: 8 rows of 16 tiles, each 22.5 degrees square */
#define RELIEF_COLS 16
/* Source pixels averaged into one: 1 keeps the texture's 1/30 degree (~3.7 km; 6.9 MB of
 * tiles); 2 made the table 1.8 MB but the ridges of a 900 km map blurred into smudges. */
#define RELIEF_REDUCE 1
/* Vertical exaggeration for the hillshade (GDAL's -z): the texture's grey levels are not metres
 * (Marble scales its heights into 0..255); raising it darkens the shaded slopes. */
#define RELIEF_Z "120"
#define RELIEF_TILE 450 /* stored tile side in px: 15 degrees at 1/30 degree */

/* <dir>/3/RRRRRR/RRRRRR_CCCCCC.jpg, Marble's tile naming */
static void tile_path(char *out, size_t n, const char *dir, int row, int col)
{
    snprintf(out, n, "%s/3/%06d/%06d_%06d.jpg", dir, row, row, col);
}

/* The whole texture in a MEM dataset with its lon/lat geotransform; NULL when a tile is missing
 * or unreadable (the caller warns). */
static GDALDatasetH mosaic(build *b, const char *dir, char *why, size_t nwhy)
{
    static const char *const jpeg[] = {"JPEG", NULL};
    GDALDatasetH mem = NULL;
    unsigned char *buf = NULL;
    int ts = 0;
    for (int row = 0; row < RELIEF_ROWS; row++) {
        for (int col = 0; col < RELIEF_COLS; col++) {
            char path[4096];
            tile_path(path, sizeof path, dir, row, col);
            GDALDatasetH t = GDALOpenEx(path, GDAL_OF_RASTER | GDAL_OF_READONLY, jpeg, NULL, NULL);
            int w = t != NULL ? GDALGetRasterXSize(t) : 0;
            if (ts == 0 && w > 0) {
                ts = w;
                mem = GDALCreate(GDALGetDriverByName("MEM"), "", RELIEF_COLS * ts, RELIEF_ROWS * ts,
                                 1, GDT_Byte, NULL);
                buf = malloc((size_t)ts * (size_t)ts);
                double gt[6] = {-180, 360.0 / (RELIEF_COLS * ts), 0, 90,
                                0,    -180.0 / (RELIEF_ROWS * ts)};
                if (mem != NULL) {
                    GDALSetGeoTransform(mem, gt);
                }
            }
            bool ok = t != NULL && mem != NULL && buf != NULL && w == ts &&
                      GDALGetRasterYSize(t) == ts && GDALGetRasterCount(t) >= 1 &&
                      GDALRasterIO(GDALGetRasterBand(t, 1), GF_Read, 0, 0, ts, ts, buf, ts, ts,
                                   GDT_Byte, 0, 0) == CE_None &&
                      GDALRasterIO(GDALGetRasterBand(mem, 1), GF_Write, col * ts, row * ts, ts, ts,
                                   buf, ts, ts, GDT_Byte, 0, 0) == CE_None;
            if (t != NULL) {
                GDALClose(t);
            }
            if (!ok) {
                snprintf(why, nwhy, "%s: %s", path,
                         t == NULL ? "missing or not a JPEG" : "unexpected size or unreadable");
                free(buf);
                if (mem != NULL) {
                    GDALClose(mem);
                }
                return NULL;
            }
            build_progress(b, "relief", (uint64_t)(row * RELIEF_COLS + col + 1),
                           RELIEF_ROWS * RELIEF_COLS);
        }
    }
    free(buf);
    return mem;
}

/* The mosaic (averaged down when RELIEF_REDUCE > 1) and shaded: a MEM dataset, or NULL with
 * GDAL's error. */
static GDALDatasetH shade(GDALDatasetH src)
{
    GDALDatasetH small = NULL;
    if (RELIEF_REDUCE > 1) { /* a copy of the whole mosaic: only when it is smaller */
        char pct[16];
        snprintf(pct, sizeof pct, "%.6f%%", 100.0 / RELIEF_REDUCE);
        const char *targs[] = {"-of", "MEM", "-r", "average", "-outsize", pct, pct, NULL};
        GDALTranslateOptions *to = GDALTranslateOptionsNew((char **)targs, NULL);
        small = to != NULL ? GDALTranslate("", src, to, NULL) : NULL;
        GDALTranslateOptionsFree(to);
        if (small == NULL) {
            return NULL;
        }
    }
    /* 111120 m per degree: the texture is in degrees, the shading wants metres */
    const char *dargs[] = {"-of", "MEM", "-s", "111120", "-z", RELIEF_Z, "-igor", "-compute_edges",
                           NULL};
    GDALDEMProcessingOptions *dopt = GDALDEMProcessingOptionsNew((char **)dargs, NULL);
    GDALDatasetH hs = dopt != NULL ? GDALDEMProcessing("", small != NULL ? small : src, "hillshade",
                                                       NULL, dopt, NULL)
                                   : NULL;
    GDALDEMProcessingOptionsFree(dopt);
    if (small != NULL) {
        GDALClose(small);
    }
    return hs;
}

/* Sea pixels (outside every Natural Earth country, edges touched counting as land) -> white.
 * The mask is read back a row at a time: the whole grid is 58 MB. */
static bool whiten_sea(build *b, const double gt[6], unsigned char *px, int w, int h)
{
    if (b->ncountries == 0) {
        return true; /* no land polygons: the sea keeps its shading */
    }
    GDALDatasetH mask = GDALCreate(GDALGetDriverByName("MEM"), "", w, h, 1, GDT_Byte, NULL);
    OGRGeometryH *geoms = malloc(b->ncountries * sizeof *geoms);
    double *burn = malloc(b->ncountries * sizeof *burn);
    unsigned char *m = malloc((size_t)w);
    bool ok = mask != NULL && geoms != NULL && burn != NULL && m != NULL &&
              GDALSetGeoTransform(mask, (double *)gt) == CE_None;
    int n = 0;
    for (size_t i = 0; ok && i < b->ncountries; i++) {
        if (b->countries[i].geom != NULL) {
            geoms[n] = b->countries[i].geom;
            burn[n++] = 1;
        }
    }
    int band = 1;
    char **o = CSLSetNameValue(NULL, "ALL_TOUCHED", "TRUE");
    ok = ok && GDALRasterizeGeometries(mask, 1, &band, n, geoms, NULL, NULL, burn, o, NULL, NULL) ==
                   CE_None;
    CSLDestroy(o);
    for (int y = 0; ok && y < h; y++) {
        ok = GDALRasterIO(GDALGetRasterBand(mask, 1), GF_Read, 0, y, w, 1, m, w, 1, GDT_Byte, 0,
                          0) == CE_None;
        for (int x = 0; ok && x < w; x++) {
            if (m[x] == 0) {
                px[(size_t)y * (size_t)w + (size_t)x] = 255;
            }
        }
    }
    free(m);
    free(burn);
    free(geoms);
    if (mask != NULL) {
        GDALClose(mask);
    }
    return ok;
}

/* One tile (x0, y0, tw x th px of the shaded grid px, w wide) as a row of `relief`. */
static incmap_status write_tile(build *b, OGRLayerH l, const unsigned char *px, int w,
                                const double gt[6], int x0, int y0, int tw, int th)
{
    GDALDatasetH t = GDALCreate(GDALGetDriverByName("MEM"), "", tw, th, 1, GDT_Byte, NULL);
    if (t == NULL || GDALRasterIO(GDALGetRasterBand(t, 1), GF_Write, 0, 0, tw, th,
                                  (void *)(px + y0 * w + x0), tw, th, GDT_Byte, 1, w) != CE_None) {
        if (t != NULL) {
            GDALClose(t);
        }
        return build_gdal_fail(b, "relief tile");
    }
    char name[64];
    snprintf(name, sizeof name, "/vsimem/incmap_relief_%p.png", (void *)b);
    char **co = CSLSetNameValue(NULL, "ZLEVEL", "6");
    GDALDatasetH png = GDALCreateCopy(GDALGetDriverByName("PNG"), name, t, FALSE, co, NULL, NULL);
    CSLDestroy(co);
    GDALClose(t);
    if (png == NULL) {
        return build_gdal_fail(b, "relief tile PNG");
    }
    GDALClose(png);
    vsi_l_offset len = 0;
    GByte *data = VSIGetMemFileBuffer(name, &len, FALSE);
    OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(l));
    incmap_status st = INCMAP_OK;
    if (f == NULL || data == NULL) {
        st = incmap_fail(b->ctx, INCMAP_ERR_NOMEM, "out of memory");
    } else {
        OGR_F_SetFieldDouble(f, 0, gt[0] + x0 * gt[1]);
        OGR_F_SetFieldDouble(f, 1, gt[3] + (y0 + th) * gt[5]);
        OGR_F_SetFieldDouble(f, 2, gt[0] + (x0 + tw) * gt[1]);
        OGR_F_SetFieldDouble(f, 3, gt[3] + y0 * gt[5]);
        OGR_F_SetFieldBinary(f, 4, (int)len, data);
        if (OGR_L_CreateFeature(l, f) != OGRERR_NONE) {
            st = build_gdal_fail(b, "writing the GeoPackage relief");
        }
    }
    if (f != NULL) {
        OGR_F_Destroy(f);
    }
    VSIUnlink(name);
    return st;
}

/* The shaded grid's pixels with the sea whitened (owned: free()), its size and geotransform;
 * closes hs. NULL when memory or GDAL fails (why says which). */
static unsigned char *shaded_pixels(build *b, GDALDatasetH hs, double gt[6], int *w_out, int *h_out,
                                    char *why, size_t nwhy)
{
    int w = GDALGetRasterXSize(hs), h = GDALGetRasterYSize(hs);
    unsigned char *px = malloc((size_t)w * (size_t)h);
    bool ok = px != NULL && GDALGetGeoTransform(hs, gt) == CE_None &&
              GDALRasterIO(GDALGetRasterBand(hs, 1), GF_Read, 0, 0, w, h, px, w, h, GDT_Byte, 0,
                           0) == CE_None;
    GDALClose(hs); /* early: 58 MB */
    if (!ok || !whiten_sea(b, gt, px, w, h)) {
        snprintf(why, nwhy, "%s", px == NULL ? "out of memory" : CPLGetLastErrorMsg());
        free(px);
        return NULL;
    }
    *w_out = w;
    *h_out = h;
    return px;
}

/* The tiles with some shade as rows of the `relief` table. */
static incmap_status write_tiles(build *b, const unsigned char *px, int w, int h,
                                 const double gt[6], size_t *ntiles)
{
    incmap_status st = INCMAP_OK;
    static const char *const fields[] = {"west:r", "south:r", "east:r", "north:r", "png:b", NULL};
    OGRLayerH l = st == INCMAP_OK ? build_make_layer(b, "relief", wkbNone, fields) : NULL;
    if (st == INCMAP_OK && l == NULL) {
        st = build_gdal_fail(b, "creating the GeoPackage relief table");
    }
    for (int y0 = 0; y0 < h && st == INCMAP_OK; y0 += RELIEF_TILE) {
        for (int x0 = 0; x0 < w && st == INCMAP_OK; x0 += RELIEF_TILE) {
            int tw = w - x0 < RELIEF_TILE ? w - x0 : RELIEF_TILE;
            int th = h - y0 < RELIEF_TILE ? h - y0 : RELIEF_TILE;
            bool shaded = false;
            for (int y = y0; y < y0 + th && !shaded; y++) {
                for (int x = x0; x < x0 + tw && !shaded; x++) {
                    shaded = px[(size_t)y * (size_t)w + (size_t)x] != 255;
                }
            }
            if (shaded) { /* an all-white tile changes nothing on a map */
                st = write_tile(b, l, px, w, gt, x0, y0, tw, th);
                ++*ntiles;
            }
        }
    }
    return st;
}

incmap_status build_relief(build *b)
{
    const char *dir = b->opts->relief_dir != NULL ? b->opts->relief_dir : INCMAP_RELIEF_DIR;
    if (dir[0] == '\0') {
        return INCMAP_OK; /* not wanted */
    }
    char first[4096];
    tile_path(first, sizeof first, dir, 0, 0);
    if (access(first, R_OK) != 0) {
        /* the default location is optional; a directory the user named must hold the tiles */
        if (b->opts->relief_dir != NULL) {
            return incmap_fail(
                b->ctx, INCMAP_ERR_IO,
                "relief directory %s: no Marble srtm tiles there (%s; Debian: apt-get "
                "install marble-qt-data)",
                dir, first);
        }
        incmap_log(b->ctx, INCMAP_LOG_INFO,
                   "no relief tiles in %s (Debian: apt-get install marble-qt-data): the gazetteer "
                   "has no relief layer",
                   dir);
        return INCMAP_OK;
    }
    char why[4200] = "";
    GDALDatasetH mem = mosaic(b, dir, why, sizeof why);
    GDALDatasetH hs = mem != NULL ? shade(mem) : NULL;
    if (mem != NULL) {
        if (hs == NULL) {
            snprintf(why, sizeof why, "hillshade: %s", CPLGetLastErrorMsg());
        }
        GDALClose(mem);
    }
    double gt[6];
    int w = 0, h = 0;
    unsigned char *px = hs != NULL ? shaded_pixels(b, hs, gt, &w, &h, why, sizeof why) : NULL;
    if (px == NULL) {
        /* the whole grid takes ~120 MB at once: a build under a tight memory limit still makes
         * the gazetteer, without the optional layer, unless the user asked for it */
        if (b->opts->relief_dir != NULL) {
            return incmap_fail(b->ctx, INCMAP_ERR_IO, "relief from %s: %s", dir, why);
        }
        incmap_log(b->ctx, INCMAP_LOG_WARN, "relief from %s left out: %s", dir, why);
        CPLErrorReset();
        return INCMAP_OK;
    }
    size_t n = 0;
    incmap_status st = write_tiles(b, px, w, h, gt, &n);
    free(px);
    if (st == INCMAP_OK) {
        st = build_note_source(b, "Marble SRTM30 relief (public domain)", dir, n, 0);
    }
    b->st->relief_tiles = n;
    return st;
}

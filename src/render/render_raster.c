/* Rasters through GDAL. The optional basemap (--basemap): any raster GDAL reads, warped into the
 * map CRS at the frame's exact pixel grid with GDAL's warp API (bilinear), then painted under the
 * vector layers. 1 band = greyscale (stretched to its min..max unless 8-bit; a colour table is
 * applied), 3 = RGB, 4 = RGBA; pixels outside the source stay transparent (GDAL's destination
 * alpha). And the GeoTIFF output (-o MAP.tif): the drawn image with the map's georeferencing.
 * libgdal is loaded with dlopen() on the first basemap or GeoTIFF: linking it would add ~40 ms
 * to every render's start. GDAL's headers give the prototypes; `gd` holds the entries. */
#include "render/render_internal.h"

#include <cpl_error.h>
#include <cpl_string.h>
#include <dlfcn.h>
#include <errno.h>
#include <gdal.h>
#include <gdal_alg.h>
#include <gdal_frmts.h>
#include <gdal_utils.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef INCMAP_GDAL_SONAME
#define INCMAP_GDAL_SONAME "libgdal.so"
#endif

#define GDAL_ENTRIES(X)                                                                            \
    X(CPLGetLastErrorMsg)                                                                          \
    X(CPLGetLastErrorType)                                                                         \
    X(CPLPushErrorHandler)                                                                         \
    X(CPLPopErrorHandler)                                                                          \
    X(CPLQuietErrorHandler)                                                                        \
    X(CPLErrorReset)                                                                               \
    X(CSLAddString)                                                                                \
    X(CSLDestroy)                                                                                  \
    X(GDALAllRegister)                                                                             \
    X(GDALOpenEx)                                                                                  \
    X(GDALClose)                                                                                   \
    X(GDALGetRasterCount)                                                                          \
    X(GDALGetRasterBand)                                                                           \
    X(GDALGetRasterDataType)                                                                       \
    X(GDALRasterIO)                                                                                \
    X(GDALComputeRasterMinMax)                                                                     \
    X(GDALGetRasterColorTable)                                                                     \
    X(GDALGetColorEntry)                                                                           \
    X(GDALWarpAppOptionsNew)                                                                       \
    X(GDALWarpAppOptionsFree)                                                                      \
    X(GDALWarp)                                                                                    \
    X(GDALGetRasterXSize)                                                                          \
    X(GDALGetRasterYSize)                                                                          \
    X(GDALCreateGenImgProjTransformer2)                                                            \
    X(GDALGenImgProjTransform)                                                                     \
    X(GDALDestroyGenImgProjTransformer)                                                            \
    X(GDALTranslateOptionsNew)                                                                     \
    X(GDALTranslateOptionsFree)                                                                    \
    X(GDALTranslate)                                                                               \
    X(GDALGetDriverByName)                                                                         \
    X(GDALCreate)                                                                                  \
    X(GDALSetGeoTransform)                                                                         \
    X(GDALSetProjection)                                                                           \
    X(GDALDatasetRasterIO)                                                                         \
    X(CSLSetNameValue)                                                                             \
    X(VSIGetMemFileBuffer)                                                                         \
    X(VSIUnlink)                                                                                   \
    X(VSIFree)                                                                                     \
    X(GDALRegister_GTiff)

static struct {
    pthread_once_t once, all_once; /* libgdal and the GTiff driver; every other driver */
    bool ok;
    char error[240];
#define GDAL_FIELD(f) __typeof__(f) *f;
    GDAL_ENTRIES(GDAL_FIELD)
#undef GDAL_FIELD
} gd = {.once = PTHREAD_ONCE_INIT, .all_once = PTHREAD_ONCE_INIT};

static void gdal_load(void)
{
    /* kept for the life of the process: GDAL's driver registry lives in it */
    void *h = dlopen(INCMAP_GDAL_SONAME, RTLD_LAZY | RTLD_LOCAL);
    if (h == NULL) {
        const char *why = dlerror();
        snprintf(gd.error, sizeof gd.error, "cannot load GDAL (%s): %s", INCMAP_GDAL_SONAME,
                 why != NULL ? why : "unknown error");
        return;
    }
    void *p;
#define GDAL_LOAD(f)                                                                               \
    if ((p = dlsym(h, #f)) == NULL) {                                                              \
        snprintf(gd.error, sizeof gd.error, "%s lacks %s", INCMAP_GDAL_SONAME, #f);                \
        return;                                                                                    \
    }                                                                                              \
    memcpy(&gd.f, &p, sizeof gd.f); /* object to function pointer, quietly for -Wpedantic */
    GDAL_ENTRIES(GDAL_LOAD)
#undef GDAL_LOAD
    gd.GDALRegister_GTiff(); /* what GeoTIFF output needs: 1.5 ms, against 12 for every driver */
    gd.ok = true;
}

static void gdal_register_all(void)
{
    gd.GDALAllRegister(); /* a basemap may be any raster format */
}

static void *preload(void *unused)
{
    (void)unused;
    pthread_once(&gd.once, gdal_load);
    return NULL;
}

bool render_gdal_preload(pthread_t *t)
{
    return pthread_create(t, NULL, preload, NULL) == 0;
}

static incmap_status gdal_error(incmap_ctx *ctx, incmap_status st, const char *what,
                                const char *path)
{
    const char *m = gd.CPLGetLastErrorMsg();
    return incmap_fail(ctx, st, "%s %s: %s", what, path, m && m[0] ? m : "unknown GDAL error");
}

/* Reads band b of ds into 0..255 bytes. */
static bool read_band(GDALDatasetH ds, int b, int w, int h, unsigned char *out)
{
    GDALRasterBandH band = gd.GDALGetRasterBand(ds, b);
    if (gd.GDALGetRasterDataType(band) == GDT_Byte) {
        return gd.GDALRasterIO(band, GF_Read, 0, 0, w, h, out, w, h, GDT_Byte, 0, 0) == CE_None;
    }
    float *f = malloc((size_t)w * (size_t)h * sizeof *f);
    if (f == NULL ||
        gd.GDALRasterIO(band, GF_Read, 0, 0, w, h, f, w, h, GDT_Float32, 0, 0) != CE_None) {
        free(f);
        return false;
    }
    double mm[2] = {0, 1};
    gd.GDALComputeRasterMinMax(band, FALSE, mm);
    double span = mm[1] > mm[0] ? mm[1] - mm[0] : 1;
    for (size_t i = 0; i < (size_t)w * (size_t)h; i++) {
        double v = (f[i] - mm[0]) / span * 255.0;
        out[i] = (unsigned char)(isfinite(v) ? fmin(255, fmax(0, v)) : 0);
    }
    free(f);
    return true;
}

static cairo_surface_t *to_surface(GDALDatasetH ds, int w, int h)
{
    int nb = gd.GDALGetRasterCount(ds); /* source bands + the destination alpha */
    int ncolor = nb - 1;
    size_t npx = (size_t)w * (size_t)h;
    unsigned char *bands = malloc(npx * 4);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
    if (bands == NULL || cairo_surface_status(s) != CAIRO_STATUS_SUCCESS || ncolor < 1) {
        free(bands);
        cairo_surface_destroy(s);
        return NULL;
    }
    int use = ncolor >= 3 ? 3 : 1;
    bool ok = read_band(ds, nb, w, h, bands + 3 * npx);
    for (int b = 0; ok && b < use; b++) {
        ok = read_band(ds, b + 1, w, h, bands + (size_t)b * npx);
    }
    GDALColorTableH ct = use == 1 ? gd.GDALGetRasterColorTable(gd.GDALGetRasterBand(ds, 1)) : NULL;
    cairo_surface_flush(s);
    unsigned char *data = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    for (int y = 0; ok && y < h; y++) {
        uint32_t *row = (uint32_t *)(void *)(data + (size_t)y * (size_t)stride);
        for (int x = 0; x < w; x++) {
            size_t i = (size_t)y * (size_t)w + (size_t)x;
            unsigned rr, gg, bb, a = bands[3 * npx + i];
            if (ct != NULL) {
                const GDALColorEntry *e = gd.GDALGetColorEntry(ct, bands[i]);
                rr = e ? (unsigned)e->c1 : 0, gg = e ? (unsigned)e->c2 : 0,
                bb = e ? (unsigned)e->c3 : 0;
            } else if (use == 1) {
                rr = gg = bb = bands[i];
            } else {
                rr = bands[i], gg = bands[npx + i], bb = bands[2 * npx + i];
            }
            /* cairo wants premultiplied alpha */
            row[x] = (a << 24) | ((rr * a / 255) << 16) | ((gg * a / 255) << 8) | (bb * a / 255);
        }
    }
    free(bands);
    cairo_surface_mark_dirty(s);
    if (!ok) {
        cairo_surface_destroy(s);
        return NULL;
    }
    return s;
}

/* The warper reads every source pixel under the map at full resolution: a raster far finer than
 * the map (a VRT declaring 2e9 x 2e9 pixels) took minutes of CPU before failing. So the window
 * of the source the map covers is found first (a grid of map points taken to source pixels);
 * when it holds more than WINDOW_FACTOR^2 source pixels per map pixel, the warp reads a lazy VRT
 * of just that window, decimated to at most WINDOW_FACTOR source pixels per map pixel a side. */
#define WINDOW_FACTOR 2

static GDALDatasetH window_of(GDALDatasetH src, const incmap_render_view *v, int w, int h)
{
    char *opt[] = {NULL, NULL};
    size_t n = strlen(incmap_proj_def(v->proj)) + 16;
    if ((opt[0] = malloc(n)) == NULL) {
        return NULL;
    }
    snprintf(opt[0], n, "DST_SRS=%s", incmap_proj_def(v->proj));
    void *tr = gd.GDALCreateGenImgProjTransformer2(src, NULL, opt);
    free(opt[0]);
    if (tr == NULL) {
        return NULL;
    }
    enum { G = 17 };
    double x[G * G], y[G * G], z[G * G] = {0};
    int ok[G * G];
    for (int i = 0; i < G; i++) {
        for (int j = 0; j < G; j++) {
            x[i * G + j] = v->map[0] + (v->map[2] - v->map[0]) * j / (G - 1);
            y[i * G + j] = v->map[1] + (v->map[3] - v->map[1]) * i / (G - 1);
        }
    }
    gd.GDALGenImgProjTransform(tr, TRUE, G * G, x, y, z, ok);
    gd.GDALDestroyGenImgProjTransformer(tr);
    double b[4] = {HUGE_VAL, HUGE_VAL, -HUGE_VAL, -HUGE_VAL};
    for (int k = 0; k < G * G; k++) {
        if (ok[k] && isfinite(x[k]) && isfinite(y[k])) {
            b[0] = fmin(b[0], x[k]), b[1] = fmin(b[1], y[k]);
            b[2] = fmax(b[2], x[k]), b[3] = fmax(b[3], y[k]);
        }
    }
    /* a grid cell's worth of margin (the grid samples the outline and interior only) */
    double mx = (b[2] - b[0]) / (G - 1) + 2, my = (b[3] - b[1]) / (G - 1) + 2;
    double xs = gd.GDALGetRasterXSize(src), ys = gd.GDALGetRasterYSize(src);
    double x0 = fmax(0, floor(b[0] - mx)), y0 = fmax(0, floor(b[1] - my));
    double x1 = fmin(xs, ceil(b[2] + mx)), y1 = fmin(ys, ceil(b[3] + my));
    double sw = x1 - x0, sh = y1 - y0;
    if (!(sw >= 1 && sh >= 1) || sw * sh <= (double)WINDOW_FACTOR * WINDOW_FACTOR * w * h) {
        return NULL; /* nothing under the map, or fine as it is */
    }
    double f = fmax(sw / (WINDOW_FACTOR * (double)w), sh / (WINDOW_FACTOR * (double)h));
    char a[6][24];
    snprintf(a[0], sizeof a[0], "%.0f", x0);
    snprintf(a[1], sizeof a[1], "%.0f", y0);
    snprintf(a[2], sizeof a[2], "%.0f", sw);
    snprintf(a[3], sizeof a[3], "%.0f", sh);
    snprintf(a[4], sizeof a[4], "%.0f", fmax(1, ceil(sw / f)));
    snprintf(a[5], sizeof a[5], "%.0f", fmax(1, ceil(sh / f)));
    const char *args[] = {"-of", "VRT", "-srcwin", a[0], a[1], a[2], a[3], "-outsize", a[4], a[5]};
    char **argv = NULL;
    for (size_t i = 0; i < sizeof args / sizeof args[0]; i++) {
        argv = gd.CSLAddString(argv, args[i]);
    }
    GDALTranslateOptions *to = gd.GDALTranslateOptionsNew(argv, NULL);
    GDALDatasetH win = to ? gd.GDALTranslate("", src, to, NULL) : NULL;
    gd.GDALTranslateOptionsFree(to);
    gd.CSLDestroy(argv);
    return win;
}

incmap_status render_basemap_raster(rdr *r, const char *path)
{
    const incmap_render_view *v = r->v;
    incmap_ctx *ctx = r->ctx;
    if (strncmp(path, "/vsi", 4) != 0 && access(path, R_OK) != 0) {
        /* GDAL reports a missing file as "not recognised": name the real problem */
        return incmap_fail(ctx, INCMAP_ERR_IO, "cannot open basemap %s: %s", path, strerror(errno));
    }
    pthread_once(&gd.once, gdal_load);
    if (!gd.ok) {
        return incmap_fail(ctx, INCMAP_ERR_GDAL, "%s", gd.error);
    }
    pthread_once(&gd.all_once, gdal_register_all);
    gd.CPLPushErrorHandler(gd.CPLQuietErrorHandler);
    gd.CPLErrorReset();
    GDALDatasetH src = gd.GDALOpenEx(path, GDAL_OF_RASTER | GDAL_OF_READONLY, NULL, NULL, NULL);
    if (src == NULL) {
        incmap_status st = gdal_error(ctx, INCMAP_ERR_IO, "cannot open basemap", path);
        gd.CPLPopErrorHandler();
        return st;
    }
    int w = (int)lround(v->frame[2] - v->frame[0]), h = (int)lround(v->frame[3] - v->frame[1]);
    char te[4][40], ts[2][16];
    for (int i = 0; i < 4; i++) {
        snprintf(te[i], sizeof te[i], "%.17g", v->map[i]);
    }
    snprintf(ts[0], sizeof ts[0], "%d", w);
    snprintf(ts[1], sizeof ts[1], "%d", h);
    const char *args[] = {"-of", "MEM",      "-t_srs",   incmap_proj_def(v->proj),
                          "-te", te[0],      te[1],      te[2],
                          te[3], "-ts",      ts[0],      ts[1],
                          "-r",  "bilinear", "-dstalpha"};
    char **argv = NULL;
    for (size_t i = 0; i < sizeof args / sizeof args[0]; i++) {
        argv = gd.CSLAddString(argv, args[i]);
    }
    GDALWarpAppOptions *wo = gd.GDALWarpAppOptionsNew(argv, NULL);
    int usage_error = 0;
    GDALDatasetH win = window_of(src, v, w, h);
    GDALDatasetH dst = wo ? gd.GDALWarp("", NULL, 1, win ? &win : &src, wo, &usage_error) : NULL;
    if (win != NULL) {
        gd.GDALClose(win);
    }
    gd.GDALWarpAppOptionsFree(wo);
    gd.CSLDestroy(argv);
    incmap_status st = INCMAP_OK;
    if (dst == NULL) {
        st = gdal_error(ctx, INCMAP_ERR_GDAL, "cannot warp basemap", path);
    } else {
        cairo_surface_t *img = to_surface(dst, w, h);
        if (img == NULL) {
            st = gdal_error(ctx, INCMAP_ERR_GDAL, "cannot read the warped basemap", path);
        } else {
            cairo_t *cr = r->cr;
            cairo_save(cr);
            cairo_rectangle(cr, v->frame[0], v->frame[1], v->frame[2] - v->frame[0],
                            v->frame[3] - v->frame[1]);
            cairo_clip(cr);
            rdr_set_color(r, r->st->sea);
            cairo_paint(cr);
            cairo_set_source_surface(cr, img, v->frame[0], v->frame[1]);
            cairo_paint(cr);
            cairo_restore(cr);
            cairo_surface_destroy(img);
        }
        gd.GDALClose(dst);
    }
    gd.GDALClose(src);
    gd.CPLPopErrorHandler();
    return st;
}

/* Above this many pixels the GeoTIFF is tiled (256 x 256 blocks, GDAL's default), so GIS software
 * reads a window without decoding whole strips of a wide image; below, strips are as good. */
#define TIFF_TILE_ABOVE (2048L * 2048L)
/* Rows converted and handed to GDAL at a time: the conversion buffer stays small whatever the
 * size of the map. */
#define TIFF_CHUNK_ROWS 256

/* Fills and closes ds; false on a GDAL error (its message is the last error). */
static bool geotiff_fill(GDALDatasetH ds, const unsigned char *data, int w, int h, int stride,
                         int nb, const double gt[6], const char *wkt)
{
    unsigned char *buf = malloc((size_t)nb * (size_t)w * TIFF_CHUNK_ROWS);
    double g[6];
    memcpy(g, gt, sizeof g);
    bool ok = buf != NULL && gd.GDALSetGeoTransform(ds, g) == CE_None &&
              gd.GDALSetProjection(ds, wkt) == CE_None;
    for (int y0 = 0; ok && y0 < h; y0 += TIFF_CHUNK_ROWS) {
        int n = h - y0 < TIFF_CHUNK_ROWS ? h - y0 : TIFF_CHUNK_ROWS;
        for (int y = 0; y < n; y++) {
            unsigned char *d = buf + (size_t)y * (size_t)w * (size_t)nb;
            const unsigned char *src = data + (size_t)(y0 + y) * (size_t)stride;
            nb == 4 ? render_row_rgba(d, src, w) : render_row_rgb(d, src, w);
        }
        ok = gd.GDALDatasetRasterIO(ds, GF_Write, 0, y0, w, n, buf, w, n, GDT_Byte, nb, NULL, nb,
                                    nb * w, 1) == CE_None;
    }
    free(buf);
    gd.CPLErrorReset(); /* what closing (flushing, compressing) reports decides now */
    gd.GDALClose(ds);
    return ok && gd.CPLGetLastErrorType() < CE_Failure;
}

incmap_status render_geotiff_write(incmap_ctx *ctx, cairo_surface_t *surf, incmap_atomic_file *af,
                                   const char *path, const double gt[6], const char *wkt)
{
    pthread_once(&gd.once, gdal_load);
    if (!gd.ok) {
        return incmap_fail(ctx, INCMAP_ERR_GDAL, "%s", gd.error);
    }
    cairo_surface_flush(surf);
    int w = cairo_image_surface_get_width(surf), h = cairo_image_surface_get_height(surf);
    int stride = cairo_image_surface_get_stride(surf);
    const unsigned char *data = cairo_image_surface_get_data(surf);
    int nb = render_any_transparent(data, w, h, stride) ? 4 : 3; /* as the PNG */
    /* GDAL writes into memory, and the bytes go into the atomic file like any other format's
     * (also to a device or standard output); af's address makes the name unique in the process */
    char mem[80];
    snprintf(mem, sizeof mem, "/vsimem/incmap-%ld-%p.tif", (long)getpid(), (void *)af);
    char **co = NULL;
    co = gd.CSLSetNameValue(co, "COMPRESS", "DEFLATE");
    co = gd.CSLSetNameValue(co, "PHOTOMETRIC", "RGB");
    if (nb == 4) {
        co = gd.CSLSetNameValue(co, "ALPHA", "NON-PREMULTIPLIED"); /* straight, as the PNG */
    }
    if ((long)w * h > TIFF_TILE_ABOVE) {
        co = gd.CSLSetNameValue(co, "TILED", "YES");
    }
    gd.CPLPushErrorHandler(gd.CPLQuietErrorHandler);
    gd.CPLErrorReset();
    GDALDriverH drv = gd.GDALGetDriverByName("GTiff");
    GDALDatasetH ds = drv != NULL ? gd.GDALCreate(drv, mem, w, h, nb, GDT_Byte, co) : NULL;
    gd.CSLDestroy(co);
    incmap_status st = INCMAP_OK;
    if (ds == NULL || !geotiff_fill(ds, data, w, h, stride, nb, gt, wkt)) {
        st = gdal_error(ctx, INCMAP_ERR_GDAL, "cannot write the GeoTIFF", path);
    } else {
        vsi_l_offset len = 0;
        GByte *bytes = gd.VSIGetMemFileBuffer(mem, &len, TRUE); /* unlinked, now ours */
        st = bytes == NULL ? gdal_error(ctx, INCMAP_ERR_GDAL, "cannot write the GeoTIFF", path)
                           : incmap_afile_write(af, bytes, (size_t)len);
        gd.VSIFree(bytes);
    }
    gd.VSIUnlink(mem); /* after a failure; a no-op once seized */
    gd.CPLPopErrorHandler();
    return st;
}

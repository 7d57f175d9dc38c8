/* PNG output through libpng: cairo's ARGB32 surface (premultiplied, native-endian) as 8-bit RGB
 * when every pixel is opaque (the usual map: smaller and faster), else as RGBA with straight
 * alpha, so a style with a transparent background gives a transparent PNG. libpng's errors come
 * back through setjmp as an incmap error with libpng's message; it never prints or aborts. */
#include "render/render_internal.h"

#include <png.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

typedef struct {
    incmap_ctx *ctx;
    incmap_atomic_file *af;
    incmap_status write_st; /* a failed write; incmap_afile_write has set ctx's message */
    bool nomem;             /* libpng could not allocate its structures */
    char msg[200];          /* libpng's error message */
} png_out;

static void on_error(png_structp png, png_const_charp msg)
{
    png_out *o = png_get_error_ptr(png);
    snprintf(o->msg, sizeof o->msg, "%s", msg);
    png_longjmp(png, 1);
}

/* libpng's default warning handler prints to stderr; the library never prints */
static void on_warning(png_structp png, png_const_charp msg)
{
    png_out *o = png_get_error_ptr(png);
    incmap_log(o->ctx, INCMAP_LOG_DEBUG, "libpng: %s", msg);
}

static void on_write(png_structp png, png_bytep data, size_t len)
{
    png_out *o = png_get_io_ptr(png);
    if ((o->write_st = incmap_afile_write(o->af, data, len)) != INCMAP_OK) {
        png_error(png, "write failed");
    }
}

static void on_flush(png_structp png)
{
    (void)png; /* the atomic file flushes when it is committed */
}

/* true when some pixel is not fully opaque. ANDing whole pixels lets the compiler vectorise
 * the loop: about 1 ms for the 1600x1200 map. */
bool render_any_transparent(const unsigned char *data, int w, int h, int stride)
{
    for (int y = 0; y < h; y++) {
        const unsigned char *row = data + (size_t)y * (size_t)stride;
        uint32_t all = 0xffffffffu;
        for (int x = 0; x < w; x++) {
            uint32_t px;
            memcpy(&px, row + 4 * (size_t)x, 4);
            all &= px;
        }
        if ((all >> 24) != 0xff) {
            return true;
        }
    }
    return false;
}

/* cairo ARGB32 is native-endian 0xAARRGGBB with the colour premultiplied by alpha */
void render_row_rgb(unsigned char *d, const unsigned char *src, int w)
{
    for (int x = 0; x < w; x++, d += 3) {
        uint32_t px;
        memcpy(&px, src + 4 * (size_t)x, 4);
        d[0] = (unsigned char)(px >> 16), d[1] = (unsigned char)(px >> 8);
        d[2] = (unsigned char)px;
    }
}

/* Straight alpha, rounded as cairo's own PNG writer does: premultiplying the result again
 * (cairo/pixman round c * a / 255) gives back exactly the drawn pixel. */
void render_row_rgba(unsigned char *d, const unsigned char *src, int w)
{
    for (int x = 0; x < w; x++, d += 4) {
        uint32_t px;
        memcpy(&px, src + 4 * (size_t)x, 4);
        unsigned a = px >> 24, r = (px >> 16) & 0xff, g = (px >> 8) & 0xff, b = px & 0xff;
        if (a != 0xff && a != 0) {
            r = (r * 255 + a / 2) / a, g = (g * 255 + a / 2) / a, b = (b * 255 + a / 2) / a;
        }
        d[0] = (unsigned char)r, d[1] = (unsigned char)g, d[2] = (unsigned char)b;
        d[3] = (unsigned char)a;
    }
}

/* Encodes with libpng into o->af. Returns false after a libpng error (o->msg says which). Kept
 * apart from render_png_write so that nothing it changes lives across the longjmp. */
static bool encode(png_out *o, const unsigned char *data, int w, int h, int stride, bool alpha,
                   unsigned char *row)
{
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, o, on_error, on_warning);
    png_infop info = png != NULL ? png_create_info_struct(png) : NULL;
    if (info == NULL) {
        o->nomem = true;
        png_destroy_write_struct(&png, NULL);
        return false;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return false;
    }
    png_set_write_fn(png, o, on_write, on_flush);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8,
                 alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    /* Chosen by timing the example map (tests/bench, maps/README.md): unfiltered rows at zlib
     * level 3 were the fastest and smallest of levels 1-6 x filters NONE/SUB/UP/PAETH (13.5 ms,
     * 295 kB; SUB 16 ms, 367-376 kB; letting libpng pick a filter per row 41 ms). Flat colour
     * repeats whole pixels, which deflate matches as they are; level 4 and up search lazily and
     * cost half as much again. */
    png_set_compression_level(png, 3);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
    png_write_info(png, info);
    for (int y = 0; y < h; y++) {
        const unsigned char *src = data + (size_t)y * (size_t)stride;
        alpha ? render_row_rgba(row, src, w) : render_row_rgb(row, src, w);
        png_write_row(png, row);
    }
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    return true;
}

incmap_status render_png_write(incmap_ctx *ctx, cairo_surface_t *surf, incmap_atomic_file *af,
                               const char *path)
{
    cairo_surface_flush(surf);
    int w = cairo_image_surface_get_width(surf), h = cairo_image_surface_get_height(surf);
    int stride = cairo_image_surface_get_stride(surf);
    const unsigned char *data = cairo_image_surface_get_data(surf);
    bool alpha = render_any_transparent(data, w, h, stride);
    unsigned char *row = malloc(4 * (size_t)(w > 0 ? w : 1));
    if (row == NULL) {
        return incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory writing %s", path);
    }
    png_out o = {.ctx = ctx, .af = af, .write_st = INCMAP_OK};
    bool ok = encode(&o, data, w, h, stride, alpha, row);
    free(row);
    if (ok) {
        return INCMAP_OK;
    }
    if (o.nomem) {
        return incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory writing %s", path);
    }
    if (o.write_st != INCMAP_OK) {
        return o.write_st; /* the write's own message (disk full, ...) is the useful one */
    }
    return incmap_fail(ctx, INCMAP_ERR_RENDER, "cannot write the PNG %s: libpng: %s", path, o.msg);
}

cairo_surface_t *render_surface_create(int w, int h, void **mem, size_t *len)
{
    int stride = cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, w);
    size_t need = stride > 0 && h > 0 ? (size_t)stride * (size_t)h : 0;
    *mem = NULL, *len = 0;
    /* fresh anonymous memory is zero: transparent, as cairo's own surface starts */
    void *p = need > 0 ? mmap(NULL, need, PROT_READ | PROT_WRITE,
                              MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0)
                       : MAP_FAILED;
    if (p == MAP_FAILED) { /* no memory: cairo's own surface, which reports the error */
        return cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
    }
    *mem = p, *len = need;
    return cairo_image_surface_create_for_data(p, CAIRO_FORMAT_ARGB32, w, h, stride);
}

void render_surface_unmap(void *mem, size_t len)
{
    if (mem != NULL) {
        munmap(mem, len);
    }
}

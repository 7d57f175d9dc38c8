/* The renderer's PNG writer (src/render/render_png.c, over libpng): whatever the size and
 * content, libpng must read back every pixel as drawn, as RGB when the image is opaque and as
 * RGBA with straight alpha when it is not; libpng's errors become incmap errors, never output. */
#include "render/render_internal.h"
#include "testutil.h"

#include <cairo.h>
#include <fcntl.h>
#include <png.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* x -> the next pseudo-random value (LCG) */
static uint32_t next(uint32_t *x)
{
    *x = *x * 1664525u + 1013904223u;
    return *x >> 8;
}

/* Pixels by row: flat bands (long runs), a gradient, pseudo-random noise (incompressible) and,
 * when `alpha`, rows of transparent, semi-transparent (premultiplied, as cairo keeps them) and
 * mixed pixels. */
static cairo_surface_t *pattern(int w, int h, uint32_t seed, bool alpha)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
    ck_assert_int_eq(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    unsigned char *d = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    uint32_t x = seed;
    for (int y = 0; y < h; y++) {
        uint32_t *row = (uint32_t *)(void *)(d + (size_t)y * (size_t)stride);
        for (int i = 0; i < w; i++) {
            int kind = alpha ? (y + i) % 5 : y % 3;
            uint32_t rnd = next(&x), a = 1 + next(&x) % 254; /* 1..254 */
            switch (kind) {
            case 0:
                row[i] = 0xfff4f1eau;
                break;
            case 1:
                row[i] = 0xff000000u | (uint32_t)((i * 255 / (w > 1 ? w - 1 : 1)) << 8);
                break;
            case 2:
                row[i] = 0xff000000u | rnd;
                break;
            case 3:
                row[i] = 0; /* transparent: cairo's premultiplied colour is 0 too */
                break;
            default: /* premultiplied: no channel above alpha */
                row[i] = a << 24 | ((rnd >> 16) % (a + 1)) << 16 | ((rnd >> 8) % (a + 1)) << 8 |
                         (rnd % (a + 1));
                break;
            }
        }
    }
    cairo_surface_mark_dirty(s);
    return s;
}

typedef struct {
    unsigned w, h;
    int color_type;
    unsigned char *px; /* rows packed, 3 or 4 bytes a pixel */
} png_read_back;

/* Reads path with libpng's own reader (no conversion: the bytes as stored). */
static png_read_back read_png(const char *path)
{
    png_read_back r = {0};
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    ck_assert_ptr_nonnull(info);
    if (setjmp(png_jmpbuf(png))) {
        ck_abort_msg("libpng cannot read %s", path);
    }
    png_init_io(png, f);
    png_read_info(png, info);
    r.w = png_get_image_width(png, info), r.h = png_get_image_height(png, info);
    r.color_type = png_get_color_type(png, info);
    ck_assert_int_eq(png_get_bit_depth(png, info), 8);
    size_t rowbytes = png_get_rowbytes(png, info);
    r.px = malloc(rowbytes * r.h + 1);
    ck_assert_ptr_nonnull(r.px);
    for (unsigned y = 0; y < r.h; y++) {
        png_read_row(png, r.px + rowbytes * y, NULL);
    }
    png_read_end(png, NULL);
    png_destroy_read_struct(&png, &info, NULL);
    fclose(f);
    return r;
}

static png_read_back write_and_read(cairo_surface_t *s)
{
    incmap_ctx *ctx = incmap_ctx_create();
    const char *path = tmp_path("enc.png");
    incmap_atomic_file *af = incmap_afile_open(ctx, path);
    ck_assert_ptr_nonnull(af);
    ck_assert_int_eq(render_png_write(ctx, s, af, path), INCMAP_OK);
    ck_assert_int_eq(incmap_afile_commit(af), INCMAP_OK);
    incmap_ctx_destroy(ctx);
    return read_png(path);
}

static uint32_t pixel(cairo_surface_t *s, int x, int y)
{
    const unsigned char *row =
        cairo_image_surface_get_data(s) + (size_t)y * (size_t)cairo_image_surface_get_stride(s);
    uint32_t px;
    memcpy(&px, row + 4 * (size_t)x, 4);
    return px;
}

/* cairo/pixman premultiplication: c * a / 255, rounded to nearest */
static unsigned premultiply(unsigned c, unsigned a)
{
    return (c * a * 2 + 255) / 510;
}

static void roundtrip(int w, int h, uint32_t seed, bool alpha)
{
    cairo_surface_t *s = pattern(w, h, seed, alpha), *ref = pattern(w, h, seed, alpha);
    png_read_back b = write_and_read(s);
    ck_assert_uint_eq(b.w, (unsigned)w);
    ck_assert_uint_eq(b.h, (unsigned)h);
    /* a 1-pixel image with alpha is pixel 0 of row 0: opaque (kind 0), so RGB */
    bool has_alpha = alpha && (w > 1 || h > 1);
    ck_assert_int_eq(b.color_type, has_alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB);
    size_t n = has_alpha ? 4 : 3;
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            uint32_t want = pixel(ref, x, y);
            /* ck_assert marks a point through a pipe even on success: 4M of them take a minute */
            if (pixel(s, x, y) != want) {
                ck_abort_msg("%dx%d: the writer changed pixel %d,%d", w, h, x, y);
            }
            const unsigned char *p = b.px + ((size_t)y * (size_t)w + (size_t)x) * n;
            unsigned a = n == 4 ? p[3] : 255, wa = want >> 24;
            unsigned got = a << 24 | premultiply(p[0], a) << 16 | premultiply(p[1], a) << 8 |
                           premultiply(p[2], a);
            if (got != want || a != wa) {
                ck_abort_msg("%dx%d: pixel %d,%d %08x read back as %08x", w, h, x, y, want, got);
            }
            if (wa == 0 && (p[0] != 0 || p[1] != 0 || p[2] != 0)) {
                ck_abort_msg("%dx%d: transparent pixel %d,%d has a colour", w, h, x, y);
            }
        }
    }
    free(b.px);
    cairo_surface_destroy(ref);
    cairo_surface_destroy(s);
}

/* 1 pixel, 1 and 2 rows, odd sizes, the map's default size */
static const int sizes[][2] = {{1, 1}, {7, 1}, {3, 2}, {333, 211}, {200, 200}, {1600, 1200}};

START_TEST(png_opaque_is_rgb_and_exact)
{
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        roundtrip(sizes[i][0], sizes[i][1], (uint32_t)(i + 1), false);
    }
}
END_TEST

START_TEST(png_transparent_is_rgba_and_exact)
{
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        roundtrip(sizes[i][0], sizes[i][1], (uint32_t)(i + 7), true);
    }
}
END_TEST

/* Worked by hand: premultiplied (a, r, g, b) = (128, 64, 0, 0) is half-transparent pure red
 * (128, 0, 0 at alpha 128); (64, 16, 32, 48) is 16, 32, 48 * 255 / 64 rounded. A fully
 * transparent pixel alone also makes the image RGBA. */
START_TEST(png_unpremultiplies_semi_transparent_pixels)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 3, 1);
    unsigned char *d = cairo_image_surface_get_data(s);
    const uint32_t px[3] = {0x80400000u, 0x40102030u, 0xff336699u};
    memcpy(d, px, sizeof px);
    cairo_surface_mark_dirty(s);
    png_read_back b = write_and_read(s);
    ck_assert_int_eq(b.color_type, PNG_COLOR_TYPE_RGB_ALPHA);
    static const unsigned char want[12] = {128, 0, 0, 128, 64, 128, 191, 64, 0x33, 0x66, 0x99, 255};
    for (int i = 0; i < 12; i++) {
        ck_assert_msg(b.px[i] == want[i], "byte %d: %u, want %u", i, b.px[i], want[i]);
    }
    free(b.px);
    cairo_surface_destroy(s);

    s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1); /* created transparent */
    b = write_and_read(s);
    ck_assert_int_eq(b.color_type, PNG_COLOR_TYPE_RGB_ALPHA);
    ck_assert(b.px[0] == 0 && b.px[1] == 0 && b.px[2] == 0 && b.px[3] == 0);
    free(b.px);
    cairo_surface_destroy(s);
}
END_TEST

/* libpng refuses a 0x0 image (png_error "Invalid IHDR data" after warnings): the caller gets
 * INCMAP_ERR_RENDER with libpng's words, and nothing reaches stderr. */
START_TEST(png_libpng_error_is_an_incmap_error)
{
    incmap_ctx *ctx = incmap_ctx_create();
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 0, 0);
    ck_assert_int_eq(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    const char *path = tmp_path("empty.png");
    incmap_atomic_file *af = incmap_afile_open(ctx, path);
    ck_assert_ptr_nonnull(af);
    const char *errp = tmp_path("stderr.txt");
    fflush(stderr);
    int saved = dup(2), fd = open(errp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ck_assert(saved >= 0 && fd >= 0);
    dup2(fd, 2);
    incmap_status st = render_png_write(ctx, s, af, path);
    fflush(stderr);
    dup2(saved, 2);
    close(fd);
    close(saved);
    incmap_afile_abort(af);
    ck_assert_int_eq(st, INCMAP_ERR_RENDER);
    ck_assert_msg(strstr(incmap_ctx_message(ctx), "libpng: Invalid IHDR data") != NULL, "%s",
                  incmap_ctx_message(ctx));
    struct stat sb;
    ck_assert_int_eq(stat(errp, &sb), 0);
    ck_assert_msg(sb.st_size == 0, "libpng printed %lld bytes to stderr", (long long)sb.st_size);
    ck_assert_int_ne(access(path, F_OK), 0);
    cairo_surface_destroy(s);
    incmap_ctx_destroy(ctx);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("render_png");
    TCase *tc = tcase_create("png");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, png_opaque_is_rgb_and_exact);
    tcase_add_test(tc, png_transparent_is_rgba_and_exact);
    tcase_add_test(tc, png_unpremultiplies_semi_transparent_pixels);
    tcase_add_test(tc, png_libpng_error_is_an_incmap_error);
    suite_add_tcase(s, tc);
    return run_suite(s);
}

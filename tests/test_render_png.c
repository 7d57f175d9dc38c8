/* The renderer's PNG encoder (src/render/render_png.c): two halves compressed at once by zlib
 * and libdeflate into one zlib stream. Whatever the size and content, libpng (through cairo)
 * must read back every pixel exactly as drawn. */
#include "render/render_internal.h"
#include "testutil.h"

#include <cairo.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Opaque pixels: flat bands (long runs), a gradient and pseudo-random noise (incompressible). */
static cairo_surface_t *pattern(int w, int h, uint32_t seed)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
    ck_assert_int_eq(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    unsigned char *d = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    uint32_t x = seed;
    for (int y = 0; y < h; y++) {
        uint32_t *row = (uint32_t *)(void *)(d + (size_t)y * (size_t)stride);
        for (int i = 0; i < w; i++) {
            x = x * 1664525u + 1013904223u;
            uint32_t rgb = y % 3 == 0   ? 0xf4f1eau
                           : y % 3 == 1 ? (uint32_t)((i * 255 / (w > 1 ? w - 1 : 1)) << 8)
                                        : x >> 8;
            row[i] = 0xff000000u | rgb;
        }
    }
    cairo_surface_mark_dirty(s);
    return s;
}

static void roundtrip(int w, int h, uint32_t seed)
{
    incmap_ctx *ctx = incmap_ctx_create();
    cairo_surface_t *s = pattern(w, h, seed), *ref = pattern(w, h, seed);
    const char *path = tmp_path("enc.png");
    incmap_atomic_file *af = incmap_afile_open(ctx, path);
    ck_assert_ptr_nonnull(af);
    ck_assert_int_eq(render_png_write(ctx, s, af, path), INCMAP_OK); /* consumes s's pixels */
    ck_assert_int_eq(incmap_afile_commit(af), INCMAP_OK);
    cairo_surface_t *back = cairo_image_surface_create_from_png(path);
    ck_assert_msg(cairo_surface_status(back) == CAIRO_STATUS_SUCCESS, "%dx%d: %s", w, h,
                  cairo_status_to_string(cairo_surface_status(back)));
    ck_assert_int_eq(cairo_image_surface_get_width(back), w);
    ck_assert_int_eq(cairo_image_surface_get_height(back), h);
    for (int y = 0; y < h; y++) {
        const uint32_t *a =
            (const uint32_t *)(const void *)(cairo_image_surface_get_data(ref) +
                                             (size_t)y *
                                                 (size_t)cairo_image_surface_get_stride(ref));
        const uint32_t *b =
            (const uint32_t *)(const void *)(cairo_image_surface_get_data(back) +
                                             (size_t)y *
                                                 (size_t)cairo_image_surface_get_stride(back));
        for (int x = 0; x < w; x++) {
            ck_assert_msg((a[x] | 0xff000000u) == b[x], "%dx%d: pixel %d,%d %08x != %08x", w, h, x,
                          y, a[x], b[x]);
        }
    }
    cairo_surface_destroy(back);
    cairo_surface_destroy(ref);
    cairo_surface_destroy(s);
    incmap_ctx_destroy(ctx);
}

START_TEST(png_roundtrip_is_exact)
{
    /* 1 and 2 rows (the zlib half holds nothing), odd sizes, the map's default size */
    static const int sizes[][2] = {{1, 1}, {7, 1}, {3, 2}, {333, 211}, {200, 200}, {1600, 1200}};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        roundtrip(sizes[i][0], sizes[i][1], (uint32_t)(i + 1));
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("render_png");
    TCase *tc = tcase_create("png");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, png_roundtrip_is_exact);
    suite_add_tcase(s, tc);
    return run_suite(s);
}

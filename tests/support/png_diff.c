/* png_diff A.png B.png [N]: how far two images of one size differ, for comparing a map drawn two
 * ways (the SVG rasterised by another renderer against incmap's PNG, tests/e2e/svg_layers.sh).
 * With N, both are first box-filtered down N times: two rasterisers start a hatch pattern a pixel
 * apart, which is no difference a reader sees but flips every hatch pixel at full size.
 * Prints "mean M differing D": M the mean absolute difference of the colour channels (0..255),
 * D the share of pixels whose largest channel difference exceeds 64. Exit 1 when the images
 * cannot be read or differ in size. Colours are composited over white first. */
#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>

static int factor = 1;

static cairo_surface_t *load_on_white(const char *path)
{
    cairo_surface_t *png = cairo_image_surface_create_from_png(path);
    if (cairo_surface_status(png) != CAIRO_STATUS_SUCCESS) {
        fprintf(stderr, "png_diff: cannot read %s\n", path);
        exit(1);
    }
    int w = cairo_image_surface_get_width(png), h = cairo_image_surface_get_height(png);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w / factor, h / factor);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, 1.0 / factor, 1.0 / factor);
    cairo_set_source_surface(cr, png, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
    cairo_paint(cr);
    cairo_destroy(cr);
    cairo_surface_destroy(png);
    cairo_surface_flush(s);
    return s;
}

int main(int argc, char **argv)
{
    if (argc != 3 && argc != 4) {
        fprintf(stderr, "usage: png_diff A.png B.png [N]\n");
        return 2;
    }
    factor = argc == 4 ? atoi(argv[3]) : 1;
    if (factor < 1 || factor > 16) {
        fprintf(stderr, "png_diff: N must be 1..16\n");
        return 2;
    }
    cairo_surface_t *a = load_on_white(argv[1]), *b = load_on_white(argv[2]);
    int w = cairo_image_surface_get_width(a), h = cairo_image_surface_get_height(a);
    if (w != cairo_image_surface_get_width(b) || h != cairo_image_surface_get_height(b)) {
        fprintf(stderr, "png_diff: %dx%d and %dx%d differ in size\n", w, h,
                cairo_image_surface_get_width(b), cairo_image_surface_get_height(b));
        return 1;
    }
    const unsigned char *pa = cairo_image_surface_get_data(a),
                        *pb = cairo_image_surface_get_data(b);
    int sa = cairo_image_surface_get_stride(a), sb = cairo_image_surface_get_stride(b);
    double sum = 0;
    long differing = 0;
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            int most = 0;
            for (int c = 0; c < 3; c++) {
                int d = abs(pa[y * sa + 4 * x + c] - pb[y * sb + 4 * x + c]);
                sum += d;
                most = d > most ? d : most;
            }
            differing += most > 64;
        }
    }
    printf("mean %.3f differing %.5f\n", sum / (3.0 * w * h), (double)differing / ((double)w * h));
    cairo_surface_destroy(a);
    cairo_surface_destroy(b);
    return 0;
}

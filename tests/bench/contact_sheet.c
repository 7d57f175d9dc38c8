/* contact_sheet OUT.png COLUMNS THUMB_WIDTH IMAGE.png...: one PNG of thumbnails, in the order
 * given, each with its file name below it, for looking over a gallery of maps at once
 * (tests/bench/gallery.sh). cairo reads, scales and writes the images. */
#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: contact_sheet OUT.png COLUMNS THUMB_WIDTH IMAGE.png...\n");
        return 2;
    }
    int cols = atoi(argv[2]), tw = atoi(argv[3]), n = argc - 4;
    if (cols < 1 || tw < 16 || tw > 4000) {
        fprintf(stderr, "contact_sheet: bad COLUMNS or THUMB_WIDTH\n");
        return 2;
    }
    int th = tw * 3 / 4, label = 16, gap = 8;
    int rows = (n + cols - 1) / cols;
    int cell_w = tw + gap, cell_h = th + label + gap;
    cairo_surface_t *sheet =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, cols * cell_w + gap, rows * cell_h + gap);
    cairo_t *cr = cairo_create(sheet);
    cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
    cairo_paint(cr);
    int bad = 0;
    for (int i = 0; i < n; i++) {
        double x = gap + (i % cols) * cell_w, y = gap + (i / cols) * cell_h;
        cairo_surface_t *img = cairo_image_surface_create_from_png(argv[4 + i]);
        if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
            fprintf(stderr, "contact_sheet: cannot read %s\n", argv[4 + i]);
            bad = 1;
        } else {
            int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
            double k = (double)tw / w < (double)th / h ? (double)tw / w : (double)th / h;
            cairo_save(cr);
            cairo_translate(cr, x, y);
            cairo_scale(cr, k, k);
            cairo_set_source_surface(cr, img, 0, 0);
            cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
            cairo_paint(cr);
            cairo_restore(cr);
        }
        cairo_surface_destroy(img);
        const char *name = strrchr(argv[4 + i], '/');
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
        cairo_set_font_size(cr, 11);
        cairo_move_to(cr, x, y + th + 12);
        cairo_show_text(cr, name ? name + 1 : argv[4 + i]);
    }
    cairo_destroy(cr);
    cairo_status_t st = cairo_surface_write_to_png(sheet, argv[1]);
    cairo_surface_destroy(sheet);
    if (st != CAIRO_STATUS_SUCCESS) {
        fprintf(stderr, "contact_sheet: cannot write %s: %s\n", argv[1],
                cairo_status_to_string(st));
        return 4;
    }
    return bad ? 3 : 0;
}

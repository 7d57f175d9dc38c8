/* The symbols that the map and the legend share, so a legend entry always looks like the map
 * symbol: launch, site, target, town, mention, the arrow's head, and the hatch of areas. */
#include "render/render_internal.h"

#include <math.h>

static void outline(rdr *r, double width_px)
{
    cairo_set_line_width(r->cr, width_px);
    cairo_set_source_rgb(r->cr, 1, 1, 1);
    cairo_set_line_join(r->cr, CAIRO_LINE_JOIN_ROUND);
    cairo_stroke(r->cr);
}

void symbol_launch(rdr *r, double x, double y, double s)
{
    cairo_t *cr = r->cr;
    cairo_new_path(cr);
    cairo_move_to(cr, x, y - s * 0.62);
    cairo_line_to(cr, x + s * 0.56, y + s * 0.36);
    cairo_line_to(cr, x - s * 0.56, y + s * 0.36);
    cairo_close_path(cr);
    rdr_set_color(r, r->st->launch);
    cairo_fill_preserve(cr);
    outline(r, 1.3 * r->u);
}

void symbol_site(rdr *r, double x, double y, double s)
{
    cairo_t *cr = r->cr;
    cairo_new_path(cr);
    cairo_rectangle(cr, x - s * 0.36, y - s * 0.36, s * 0.72, s * 0.72);
    rdr_set_color(r, r->st->site);
    cairo_fill_preserve(cr);
    outline(r, 1.3 * r->u);
}

void symbol_target_point(rdr *r, double x, double y, double s)
{
    cairo_t *cr = r->cr;
    cairo_new_path(cr);
    cairo_arc(cr, x, y, s * 0.34, 0, 2 * M_PI);
    cairo_set_line_width(cr, s * 0.16);
    rdr_set_color(r, r->st->target);
    cairo_stroke(cr);
    cairo_arc(cr, x, y, s * 0.1, 0, 2 * M_PI);
    cairo_fill(cr);
}

void symbol_place(rdr *r, double x, double y, double s)
{
    cairo_t *cr = r->cr;
    cairo_new_path(cr);
    cairo_arc(cr, x, y, s, 0, 2 * M_PI);
    rdr_set_color(r, r->st->place);
    cairo_fill_preserve(cr);
    outline(r, 0.8 * r->u);
}

void symbol_mention(rdr *r, double x, double y, double s)
{
    cairo_t *cr = r->cr;
    cairo_new_path(cr);
    cairo_arc(cr, x, y, s, 0, 2 * M_PI);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_fill_preserve(cr);
    rdr_set_color(r, r->st->mention);
    cairo_set_line_width(cr, 1.3 * r->u);
    cairo_stroke(cr);
}

void hatch_current_path(rdr *r, rcolor c, double spacing, double width)
{
    cairo_t *cr = r->cr;
    double x0, y0, x1, y1;
    cairo_save(cr);
    cairo_clip(cr);
    cairo_clip_extents(cr, &x0, &y0, &x1, &y1);
    cairo_new_path(cr);
    /* 45-degree lines from the bottom edge up to the top edge of the clip box */
    double h = y1 - y0;
    for (double k = floor((x0 - h) / spacing) * spacing; k <= x1; k += spacing) {
        cairo_move_to(cr, k, y1);
        cairo_line_to(cr, k + h, y0);
    }
    rdr_set_color(r, c);
    cairo_set_line_width(cr, width);
    cairo_stroke(cr);
    cairo_restore(cr);
}

void arrow_head(rdr *r, double x, double y, double angle, double len, rcolor c)
{
    cairo_t *cr = r->cr;
    double back = angle + M_PI, spread = 0.42;
    cairo_new_path(cr);
    cairo_move_to(cr, x, y);
    cairo_line_to(cr, x + len * cos(back + spread), y + len * sin(back + spread));
    cairo_line_to(cr, x + len * 0.72 * cos(back), y + len * 0.72 * sin(back));
    cairo_line_to(cr, x + len * cos(back - spread), y + len * sin(back - spread));
    cairo_close_path(cr);
    rdr_set_color(r, c);
    cairo_fill(cr);
}

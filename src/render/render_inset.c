/* The inset locator: the wider region (countries only) in an equal-area view about five times
 * wider than the map, with the main map's outline drawn in it, so a reader who does not know
 * the area sees where the map sits. */
#include "render_internal.h"

#include <math.h>
#include <stdlib.h>

void render_inset(rdr *r, incmap_base *o);

void render_inset(rdr *r, incmap_base *o)
{
    const incmap_render_view *v = r->v;
    if (!v->has_box[INCMAP_BOX_INSET] || v->inset_proj == NULL) {
        return;
    }
    cairo_t *cr = r->cr;
    const double *b = v->box[INCMAP_BOX_INSET];
    cairo_save(cr);
    cairo_rectangle(cr, b[0], b[1], b[2] - b[0], b[3] - b[1]);
    cairo_clip(cr);
    rdr_set_color(r, r->st->inset_sea);
    cairo_paint(cr);
    base_features fs = {0};
    if (o != NULL &&
        incmap_base_read_areas(o, r->ctx, v->inset_ll, BASE_AREA_COUNTRY, &fs) == INCMAP_OK) {
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
        cairo_new_path(cr);
        for (size_t i = 0; i < fs.n; i++) {
            rdr_path_geom(r, fs.f[i].geom, v->inset_proj, v->inset_map, v->inset_px_per_unit, b,
                          v->inset_tol_deg, v->inset_cull);
        }
        rdr_set_color(r, r->st->inset_land);
        cairo_fill_preserve(cr);
        rdr_set_color(r, r->st->country_line);
        cairo_set_line_width(cr, 0.5 * r->u);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_BEVEL);
        cairo_set_antialias(cr, CAIRO_ANTIALIAS_FAST); /* hairlines: see render_base() */
        cairo_stroke(cr);
        cairo_set_antialias(cr, CAIRO_ANTIALIAS_DEFAULT);
    }
    base_features_free(&fs);
    /* the main frame's outline, inverse-projected from the map CRS and re-projected */
    enum { N = 24 };
    double ll[2 * 4 * N];
    size_t k = 0;
    const double *m = v->map;
    for (int s = 0; s < 4; s++) {
        for (int i = 0; i < N; i++) {
            double t = (double)i / N;
            double x = s == 0   ? m[0] + t * (m[2] - m[0])
                       : s == 1 ? m[2]
                       : s == 2 ? m[2] - t * (m[2] - m[0])
                                : m[0];
            double y = s == 0   ? m[1]
                       : s == 1 ? m[1] + t * (m[3] - m[1])
                       : s == 2 ? m[3]
                                : m[3] - t * (m[3] - m[1]);
            if (incmap_proj_inv(v->proj, x, y, &ll[2 * k], &ll[2 * k + 1])) {
                k++;
            }
        }
    }
    cairo_new_path(cr);
    incmap_geom g = {INCMAP_GEOM_POLYGON, k, ll, 1, &k, 1, NULL};
    size_t poly_end = 1;
    g.poly_end = &poly_end;
    rdr_path_geom(r, &g, v->inset_proj, v->inset_map, v->inset_px_per_unit, b, 0, NULL);
    rdr_set_color_alpha(r, r->st->inset_frame, 0.18);
    cairo_fill_preserve(cr);
    rdr_set_color(r, r->st->inset_frame);
    cairo_set_line_width(cr, 1.6 * r->u);
    cairo_stroke(cr);
    cairo_restore(cr);
    cairo_rectangle(cr, b[0], b[1], b[2] - b[0], b[3] - b[1]);
    rdr_set_color(r, r->st->frame);
    cairo_set_line_width(cr, 0.8 * r->u);
    cairo_stroke(cr);
}

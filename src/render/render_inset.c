/* The inset locator: the wider region (countries only) in an equal-area view about five times
 * wider than the map, with the main map's outline drawn in it, so a reader who does not know
 * the area sees where the map sits.
 * For PNG the countries (a tenth of a map's work: ~40 country outlines read, projected, filled
 * and stroked) are drawn by a second thread onto their own surface while the main map is drawn,
 * with the thread's own SQLite connection, incmap_ctx and the inset's own PROJ transform; the
 * main thread pastes the result, pixel-aligned, then draws the frame outline (which uses the
 * main map's transform). SVG and PDF draw inline, so the inset stays vector. */
#include "render/render_internal.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct rdr_inset {
    pthread_t thread;
    bool running, ok;
    const incmap_render_view *v;
    char *gpkg;
    cairo_surface_t *img;
    int x0, y0; /* the surface's origin on the page, whole pixels */
};

static bool meets(const incmap_geom *g, const double ll[4])
{
    double b[4];
    return incmap_geom_bbox(g, b) && b[2] >= ll[0] && b[0] <= ll[2] && b[3] >= ll[1] &&
           b[1] <= ll[3];
}

/* The disputed and occupied areas and the de facto lines as the main map draws them
 * (render_disputed.c), at the inset's scale: Natural Earth has Crimea in Russia's polygon, and
 * an inset that drew it so would contradict the main map. The lines' solid country outline is
 * painted out first, then the areas are tinted and hatched, then the lines dashed. */
static void inset_disputed(rdr *r)
{
    const incmap_render_view *v = r->v;
    cairo_t *cr = r->cr;
    const double *b = v->box[INCMAP_BOX_INSET];
    for (int pass = 0; pass < 2; pass++) {
        cairo_new_path(cr);
        for (size_t i = 0; i < v->lines.n; i++) {
            if (v->lines.f[i].kind != CLS_CLAIM && meets(v->lines.f[i].geom, v->inset_ll)) {
                rdr_path_geom(r, v->lines.f[i].geom, v->inset_proj, v->inset_map,
                              v->inset_px_per_unit, b, v->inset_tol_deg, v->inset_cull);
            }
        }
        if (pass == 0) {
            rdr_set_color(r, r->st->inset_land);
            cairo_set_line_width(cr, 1.4 * r->u);
            cairo_stroke(cr);
            bool any = false;
            for (size_t i = 0; i < v->disputed.n; i++) {
                if (meets(v->disputed.f[i].geom, v->inset_ll)) {
                    rdr_path_geom(r, v->disputed.f[i].geom, v->inset_proj, v->inset_map,
                                  v->inset_px_per_unit, b, v->inset_tol_deg, v->inset_cull);
                    any = true;
                }
            }
            if (any) {
                rdr_set_color(r, r->st->disputed_fill);
                cairo_fill_preserve(cr);
                hatch_current_path(r, r->st->disputed_hatch, 3 * r->u, 0.5 * r->u);
            }
        } else {
            double dash[2] = {2 * r->u, 1.5 * r->u};
            cairo_set_dash(cr, dash, 2, 0);
            rdr_set_color(r, r->st->country_line);
            cairo_set_line_width(cr, 0.6 * r->u);
            cairo_stroke(cr);
            cairo_set_dash(cr, NULL, 0, 0);
        }
    }
    cairo_new_path(cr);
}

/* Sea and countries inside the inset box (page coordinates), and the disputed areas. */
static void inset_countries(rdr *r, incmap_base *o)
{
    const incmap_render_view *v = r->v;
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
        inset_disputed(r);
    }
    base_features_free(&fs);
    cairo_restore(cr);
}

static void *inset_main(void *arg)
{
    rdr_inset *in = arg;
    const incmap_render_view *v = in->v;
    const double *b = v->box[INCMAP_BOX_INSET];
    incmap_ctx *ctx = incmap_ctx_create(); /* one per thread */
    incmap_base *o = ctx != NULL ? incmap_base_open(ctx, in->gpkg) : NULL;
    in->x0 = (int)floor(b[0]), in->y0 = (int)floor(b[1]);
    int w = (int)ceil(b[2]) - in->x0, h = (int)ceil(b[3]) - in->y0;
    in->img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w > 0 ? w : 1, h > 0 ? h : 1);
    cairo_t *cr = cairo_create(in->img);
    cairo_translate(cr, -in->x0, -in->y0);
    rdr t = {.ctx = ctx, .cr = cr, .v = v, .st = &v->style, .u = v->u};
    if (o != NULL) {
        inset_countries(&t, o);
    }
    in->ok = o != NULL && !t.oom && cairo_status(cr) == CAIRO_STATUS_SUCCESS;
    cairo_destroy(cr);
    incmap_base_close(o);
    incmap_ctx_destroy(ctx);
    return NULL;
}

rdr_inset *render_inset_start(const incmap_render_view *v, const char *gpkg_path)
{
    if (!v->has_box[INCMAP_BOX_INSET] || v->inset_proj == NULL || gpkg_path == NULL) {
        return NULL;
    }
    rdr_inset *in = calloc(1, sizeof *in);
    if (in == NULL || (in->gpkg = incmap_strdup(gpkg_path)) == NULL) {
        free(in);
        return NULL; /* drawn inline instead */
    }
    in->v = v;
    in->running = pthread_create(&in->thread, NULL, inset_main, in) == 0;
    if (!in->running) {
        render_inset_finish(in);
        return NULL;
    }
    return in;
}

void render_inset_finish(rdr_inset *in)
{
    if (in == NULL) {
        return;
    }
    if (in->running) {
        pthread_join(in->thread, NULL);
    }
    cairo_surface_destroy(in->img);
    free(in->gpkg);
    free(in);
}

void render_inset(rdr *r, incmap_base *o)
{
    const incmap_render_view *v = r->v;
    if (!v->has_box[INCMAP_BOX_INSET] || v->inset_proj == NULL) {
        return;
    }
    cairo_t *cr = r->cr;
    const double *b = v->box[INCMAP_BOX_INSET];
    rdr_inset *in = r->inset;
    if (in != NULL && in->running) {
        pthread_join(in->thread, NULL);
        in->running = false;
    }
    cairo_save(cr);
    cairo_rectangle(cr, b[0], b[1], b[2] - b[0], b[3] - b[1]);
    cairo_clip(cr);
    if (in != NULL && in->ok) {
        cairo_set_source_surface(cr, in->img, in->x0, in->y0);
        cairo_paint(cr);
    } else {
        inset_countries(r, o);
    }
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

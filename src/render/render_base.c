/* Base layers: sea, land and country fills (the incidents' countries lighter, so the eye goes
 * there), admin-1 and country boundaries, the graticule with edge ticks, and the context labels:
 * country names at the visual centre of their visible part, then populated places by population
 * for the scale, each only where its label fits without overlapping anything drawn before. */
#include "render/render_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void clip_frame(rdr *r)
{
    const double *f = r->v->frame;
    cairo_save(r->cr);
    cairo_rectangle(r->cr, f[0], f[1], f[2] - f[0], f[3] - f[1]);
    cairo_clip(r->cr);
}

static void path_feature(rdr *r, const base_feature *f)
{
    const incmap_render_view *v = r->v;
    rdr_path_geom(r, f->geom, v->proj, v->map, v->px_per_unit, v->frame, v->tol_deg, v->cull);
}

void render_base(rdr *r, incmap_base *o, bool has_raster)
{
    const incmap_render_view *v = r->v;
    const render_style *st = r->st;
    cairo_t *cr = r->cr;
    clip_frame(r);
    if (!has_raster) {
        rdr_set_color(r, st->sea);
        cairo_paint(cr);
    }
    if (o == NULL) {
        cairo_restore(cr);
        return;
    }
    double ll[4] = {v->ll[0] - 0.5, v->ll[1] - 0.5, v->ll[2] + 0.5, v->ll[3] + 0.5};
    base_features fs = {0};
    if (incmap_base_read_areas(o, r->ctx, ll, BASE_AREA_ADMIN1, &fs) != INCMAP_OK ||
        incmap_base_read_areas(o, r->ctx, ll, BASE_AREA_COUNTRY, &r->countries) != INCMAP_OK) {
        r->oom = r->oom || incmap_ctx_status(r->ctx) == INCMAP_ERR_NOMEM;
        base_features_free(&fs);
        cairo_restore(cr);
        return;
    }
    const base_features *cs = &r->countries;
    /* a city map: the detailed coast's land, and the countries' fills only inside it */
    bool hires = !has_raster && render_physical_hires(r, o);
    if (hires) {
        cairo_save(cr);
        hires = render_physical_land_clip(r, o, ll);
        if (!hires) {
            cairo_restore(cr);
        }
    }
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    /* each country is projected once: its fill's path is kept for the outline pass */
    cairo_path_t **outline = calloc(cs->n + 1, sizeof *outline);
    for (size_t i = 0; i < cs->n; i++) {
        cairo_new_path(cr);
        path_feature(r, &cs->f[i]);
        if (outline != NULL) {
            outline[i] = cairo_copy_path(cr);
        }
        rdr_set_color(r, rdr_is_focus(r, cs->f[i].country) ? st->land_focus : st->land);
        if (has_raster) {
            cairo_new_path(cr); /* the raster shows the land; only outlines are drawn */
        } else {
            cairo_fill(cr);
        }
    }
    if (!has_raster) {
        render_disputed_claimed_land(r);
    }
    if (!has_raster && !hires) {
        render_physical_water(r, o, ll, false);
    }
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_BEVEL); /* round joins on 30k vertices cost more */
    /* boundary lines under a pixel wide: 4x4 coverage samples look the same as cairo's full
     * antialiasing (compared side by side at 2x) and stroke in about 60% of the time */
    cairo_set_antialias(cr, CAIRO_ANTIALIAS_FAST);
    cairo_new_path(cr);
    for (size_t i = 0; i < fs.n; i++) {
        path_feature(r, &fs.f[i]);
    }
    /* solid, light and thin: dashing thousands of short segments costs more than it reads */
    rdr_set_color(r, st->admin1_line);
    cairo_set_line_width(cr, st->w_admin1 * r->u);
    cairo_stroke(cr);
    /* on the detailed coast, Natural Earth's own coast must not show: the countries' land
     * borders are drawn instead of their outlines (outlines inside the land clip without them) */
    base_features borders = {0};
    bool by_borders =
        hires && incmap_base_read_borders(o, r->ctx, ll, &borders) == INCMAP_OK && borders.n > 0;
    incmap_ctx_clear(r->ctx);
    if (hires && by_borders) {
        cairo_restore(cr); /* the land clip */
        render_physical_water(r, o, ll, true);
    }
    for (size_t i = 0; i < cs->n && !by_borders; i++) {
        if (outline != NULL && outline[i] != NULL && outline[i]->status == CAIRO_STATUS_SUCCESS) {
            cairo_append_path(cr, outline[i]);
        } else {
            path_feature(r, &cs->f[i]);
        }
    }
    for (size_t i = 0; i < borders.n; i++) {
        path_feature(r, &borders.f[i]);
    }
    base_features_free(&borders);
    for (size_t i = 0; outline != NULL && i < cs->n; i++) {
        cairo_path_destroy(outline[i]);
    }
    free(outline);
    rdr_set_color(r, st->country_line);
    cairo_set_line_width(cr, st->w_country * r->u);
    cairo_stroke(cr);
    if (hires && !by_borders) {
        cairo_restore(cr); /* the land clip */
        render_physical_water(r, o, ll, true);
    }
    r->drawn_hires_coast = hires;
    incmap_log(r->ctx, INCMAP_LOG_DEBUG,
               "render: physical: %zu rivers, %zu lake polygons, detailed coast %s",
               r->drawn_rivers, r->drawn_lakes, hires ? "yes" : "no");
    base_features_free(&fs);
    cairo_restore(cr);
}

/* Sutherland-Hodgman clip of a px polygon to the frame, then its area centroid. */
static bool visible_centroid(const double *pts, size_t n, const double f[4], double *cx, double *cy,
                             double *area)
{
    size_t cap = 2 * n + 8;
    double *a = malloc(2 * cap * sizeof(double)), *b = malloc(2 * cap * sizeof(double));
    if (a == NULL || b == NULL) {
        free(a);
        free(b);
        return false;
    }
    memcpy(a, pts, 2 * n * sizeof(double));
    size_t na = n;
    for (int edge = 0; edge < 4; edge++) {
        size_t nb = 0;
        for (size_t i = 0; i < na; i++) {
            const double *p = &a[2 * i], *q = &a[2 * ((i + 1) % na)];
            int axis = edge % 2; /* 0: x, 1: y */
            double lim = f[edge];
            bool lower = edge < 2; /* keep >= lim for the first two edges */
            bool pin = lower ? p[axis] >= lim : p[axis] <= lim;
            bool qin = lower ? q[axis] >= lim : q[axis] <= lim;
            if (pin && nb < cap) {
                b[2 * nb] = p[0], b[2 * nb + 1] = p[1], nb++;
            }
            if (pin != qin && nb < cap) {
                double t = (lim - p[axis]) / (q[axis] - p[axis]);
                b[2 * nb] = p[0] + t * (q[0] - p[0]);
                b[2 * nb + 1] = p[1] + t * (q[1] - p[1]);
                nb++;
            }
        }
        double *tmp = a;
        a = b, b = tmp, na = nb;
    }
    double A = 0, X = 0, Y = 0;
    for (size_t i = 0; i < na; i++) {
        const double *p = &a[2 * i], *q = &a[2 * ((i + 1) % na)];
        double c = p[0] * q[1] - q[0] * p[1];
        A += c, X += (p[0] + q[0]) * c, Y += (p[1] + q[1]) * c;
    }
    free(a);
    free(b);
    if (fabs(A) < 1e-9) {
        return false;
    }
    *cx = X / (3 * A), *cy = Y / (3 * A), *area = fabs(A) / 2;
    return true;
}

/* The largest polygon shell of a (multi)polygon, in px. Owned by the caller. */
static double *largest_shell_px(const rdr *r, const incmap_geom *g, size_t *n_out)
{
    size_t best = 0, best_n = 0, start = 0;
    for (size_t p = 0; p < g->npolys; p++) {
        size_t shell = p == 0 ? 0 : g->poly_end[p - 1];
        size_t s0 = shell == 0 ? 0 : g->ring_end[shell - 1], s1 = g->ring_end[shell];
        if (s1 - s0 > best_n) {
            best = s0, best_n = s1 - s0;
        }
    }
    (void)start;
    if (best_n < 3) {
        return NULL;
    }
    double *xy = malloc(2 * best_n * sizeof(double));
    if (xy == NULL) {
        return NULL;
    }
    /* only where the label goes is wanted: a shell thinned to a few pixels between vertices
     * moves the centroid by a fraction of a pixel, and each vertex dropped saves a projection
     * (~1,000 instructions in PROJ; a large country's shell has ~9,000) */
    const double *src = g->xy + 2 * best, tol = 8 * r->v->tol_deg;
    size_t m = 0;
    for (size_t i = 0; i < best_n; i++) {
        if (m == 0 || i == best_n - 1 ||
            fabs(src[2 * i] - xy[2 * m - 2]) + fabs(src[2 * i + 1] - xy[2 * m - 1]) >= tol) {
            xy[2 * m] = src[2 * i], xy[2 * m + 1] = src[2 * i + 1], m++;
        }
    }
    best_n = m;
    incmap_proj_fwd(r->v->proj, xy, best_n);
    size_t k = 0;
    for (size_t i = 0; i < best_n; i++) {
        if (xy[2 * i] != HUGE_VAL) {
            view_map_to_px(r->v, xy[2 * i], xy[2 * i + 1], &xy[2 * k], &xy[2 * k + 1]);
            k++;
        }
    }
    *n_out = k;
    return xy;
}

static void country_labels(rdr *r, const base_features *fs)
{
    const double *f = r->v->frame;
    double frame_area = (f[2] - f[0]) * (f[3] - f[1]);
    for (size_t i = 0; i < fs->n; i++) {
        size_t n = 0;
        double *px = largest_shell_px(r, fs->f[i].geom, &n);
        double cx, cy, area;
        if (px != NULL && n >= 3 && visible_centroid(px, n, f, &cx, &cy, &area) &&
            area > frame_area * 0.015) {
            double w, h;
            char conv[160];
            const char *name = render_name(&r->v->names, fs->f[i].name, conv, sizeof conv);
            rdr_text_size(r, name, r->st->sz_country, TXT_CAPS, &w, &h);
            rbox b = {cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2};
            if (w < sqrt(area) * 1.6 && !rdr_occupied(r, b)) {
                rdr_occupy(r, b);
                rdr_text(r, name, b.x0, b.y0, r->st->sz_country, TXT_CAPS | TXT_HALO,
                         r->st->country_label);
            }
        }
        free(px);
    }
}

void render_base_labels(rdr *r, incmap_base *o)
{
    const incmap_render_view *v = r->v;
    if (o == NULL) {
        return;
    }
    country_labels(r, &r->countries);
    render_sea_labels(r, o);
    base_features fs = {0};
    /* populated places: a denser population cut on wider maps */
    double width_km = view_width_km(v);
    int64_t min_pop = width_km < 150    ? 1000
                      : width_km < 400  ? 10000
                      : width_km < 1000 ? 30000
                      : width_km < 2500 ? 100000
                      : width_km < 6000 ? 500000
                                        : 2000000;
    double area = (v->frame[2] - v->frame[0]) * (v->frame[3] - v->frame[1]);
    size_t max_labels = (size_t)fmax(8, area / (r->u * r->u * 16000.0));
    if (incmap_base_read_places(o, r->ctx, v->ll, min_pop, 3 * max_labels, &fs) != INCMAP_OK) {
        base_features_free(&fs);
        return;
    }
    size_t placed = 0;
    double dot = 2.1 * r->u;
    for (size_t i = 0; i < fs.n && placed < max_labels; i++) {
        double x, y;
        if (!view_ll_to_px(v, fs.f[i].lon, fs.f[i].lat, &x, &y)) {
            continue;
        }
        rbox sym = {x - dot - 1, y - dot - 1, x + dot + 1, y + dot + 1};
        if (rdr_occupied(r, sym)) {
            continue;
        }
        bool big = fs.f[i].population >= 1000000;
        char conv[160];
        const char *name = render_name(&v->names, fs.f[i].name, conv, sizeof conv);
        if (rdr_label_seen(r, name, x, y)) {
            continue; /* an incident's label names this town already */
        }
        if (rdr_label(r, name, x, y, dot + 2.5 * r->u, r->st->sz_place,
                      TXT_HALO | (big ? TXT_BOLD : 0), r->st->place, false)) {
            rdr_occupy(r, sym);
            symbol_place(r, x, y, big ? dot * 1.25 : dot);
            placed++;
        }
    }
    base_features_free(&fs);
}

static void fmt_deg(double d, bool lat, char *out, size_t n)
{
    const char *hemi = lat ? (d >= 0 ? "N" : "S") : (d >= 0 ? "E" : "W");
    double a = fabs(d);
    if (fabs(a - round(a)) < 1e-9) {
        snprintf(out, n, "%.0f\xc2\xb0%s", a, hemi);
    } else {
        snprintf(out, n, "%.4g\xc2\xb0%s", a, hemi);
    }
}

/* A graticule line, densified in lon/lat; reports where it crosses the edge x = ex (or y = ey). */
static void grat_line(rdr *r, bool meridian, double val, const double ll[4], double *edge_pos,
                      bool *crosses)
{
    const incmap_render_view *v = r->v;
    double pts[2 * 64];
    for (int i = 0; i < 64; i++) {
        double t = i / 63.0;
        pts[2 * i] = meridian ? val : ll[0] + t * (ll[2] - ll[0]);
        pts[2 * i + 1] = meridian ? ll[1] + t * (ll[3] - ll[1]) : val;
    }
    rdr_path_lonlat(r, pts, 64, false);
    *crosses = false;
    double prev_x = 0, prev_y = 0;
    for (int i = 0; i < 64; i++) {
        double x, y;
        if (!view_ll_to_px(v, pts[2 * i], pts[2 * i + 1], &x, &y)) {
            continue;
        }
        if (i > 0) {
            double lim = meridian ? v->frame[3] : v->frame[0];
            double a = meridian ? prev_y : prev_x, b = meridian ? y : x;
            if ((a - lim) * (b - lim) <= 0 && a != b) {
                double t = (lim - a) / (b - a);
                *edge_pos = meridian ? prev_x + t * (x - prev_x) : prev_y + t * (y - prev_y);
                *crosses = true;
            }
        }
        prev_x = x, prev_y = y;
    }
}

void render_graticule(rdr *r)
{
    const incmap_render_view *v = r->v;
    const render_style *st = r->st;
    double step = v->grat_step_deg;
    double ll[4] = {fmax(-180, v->ll[0] - step), fmax(-90, v->ll[1] - step),
                    fmin(180, v->ll[2] + step), fmin(90, v->ll[3] + step)};
    cairo_t *cr = r->cr;
    char buf[32];
    for (int meridian = 1; meridian >= 0; meridian--) {
        double lo = meridian ? ll[0] : ll[1], hi = meridian ? ll[2] : ll[3];
        for (double val = ceil(lo / step) * step; val <= hi + 1e-9; val += step) {
            double pos = 0;
            bool crosses = false;
            clip_frame(r);
            cairo_new_path(cr);
            grat_line(r, meridian, val, ll, &pos, &crosses);
            if (st->graticule_lines) {
                rdr_set_color(r, st->graticule);
                cairo_set_line_width(cr, st->w_graticule * r->u);
                cairo_stroke(cr);
            }
            cairo_new_path(cr);
            cairo_restore(cr);
            if (!crosses) {
                continue;
            }
            fmt_deg(val, !meridian, buf, sizeof buf);
            double w, h, t = 4 * r->u;
            rdr_text_size(r, buf, st->sz_tick, 0, &w, &h);
            cairo_set_line_width(cr, st->w_frame * r->u);
            rdr_set_color(r, st->frame);
            if (meridian && pos > v->frame[0] + w / 2 && pos < v->frame[2] - w / 2) {
                cairo_move_to(cr, pos, v->frame[3]);
                cairo_line_to(cr, pos, v->frame[3] + t);
                cairo_stroke(cr);
                rdr_text(r, buf, pos - w / 2, v->frame[3] + t, st->sz_tick, 0, st->text_muted);
            } else if (!meridian && pos > v->frame[1] + h / 2 && pos < v->frame[3] - h / 2) {
                cairo_move_to(cr, v->frame[0], pos);
                cairo_line_to(cr, v->frame[0] - t, pos);
                cairo_stroke(cr);
                rdr_text(r, buf, v->frame[0] - t - w - r->u, pos - h / 2, st->sz_tick, 0,
                         st->text_muted);
            }
        }
    }
}

/* Incident layers, drawn over the base map: target areas (translucent fill + hatch, so they read
 * in greyscale too), uncertainty circles and range rings (geodesic circles), the border crossed
 * (cased line), the launch -> target arrow along the geodesic, then the point symbols on top,
 * and their labels, which are placed before any context label so they are never crowded out. */
#include "render/render_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Radius for a vague place that has neither a polygon nor an uncertainty. */
#define VAGUE_DEFAULT_KM 50.0

static void path_circle(rdr *r, double lon, double lat, double km)
{
    double ring[2 * 121];
    for (int k = 0; k <= 120; k++) {
        incmap_geod_direct(lon, lat, k * 3.0, km * 1000.0, &ring[2 * k], &ring[2 * k + 1]);
    }
    rdr_path_lonlat(r, ring, 121, true);
}

static void path_feature(rdr *r, const incmap_feature *f)
{
    const incmap_render_view *v = r->v;
    rdr_path_geom(r, f->geom, v->proj, v->map, v->px_per_unit, v->frame, 0, NULL);
}

static void draw_target(rdr *r, const incmap_feature *f)
{
    cairo_t *cr = r->cr;
    const render_style *st = r->st;
    bool point = f->geom->type == INCMAP_GEOM_POINT;
    cairo_new_path(cr);
    if (f->geom->npoints == 0) {
        return;
    }
    if (point) {
        bool known = isfinite(f->uncertainty_km) && f->uncertainty_km > 0;
        if (!known && !render_feature_vague(f)) {
            return;
        }
        path_circle(r, f->geom->xy[0], f->geom->xy[1],
                    known ? fmin(f->uncertainty_km, 2000) : VAGUE_DEFAULT_KM);
    } else if (f->geom->type == INCMAP_GEOM_POLYGON || f->geom->type == INCMAP_GEOM_MULTIPOLYGON) {
        path_feature(r, f);
    } else {
        return;
    }
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    rdr_set_color_alpha(r, st->target, st->target_fill_alpha);
    cairo_fill_preserve(cr);
    cairo_path_t *path = cairo_copy_path(cr);
    hatch_current_path(r, st->target, 7 * r->u, 1.1 * r->u);
    cairo_new_path(cr);
    cairo_append_path(cr, path);
    cairo_path_destroy(path);
    rdr_set_color(r, st->target);
    cairo_set_line_width(cr, st->w_target * r->u);
    double dash[2] = {5 * r->u, 2.5 * r->u};
    cairo_set_dash(cr, dash, point ? 2 : 0, 0);
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
}

static rcolor role_color(const render_style *st, incmap_role role)
{
    return role == INCMAP_ROLE_LAUNCH   ? st->launch
           : role == INCMAP_ROLE_TARGET ? st->target
                                        : st->site;
}

/* A precision-3 launch or site: its polygon (or uncertainty circle) filled lightly, hatched and
 * outlined in the role's colour, so that it reads as "somewhere in here", not as a spot. */
static void draw_vague(rdr *r, const incmap_feature *f)
{
    cairo_t *cr = r->cr;
    const incmap_geom *g = f->geom;
    cairo_new_path(cr);
    if (g->npoints == 0) {
        return;
    }
    if (g->type == INCMAP_GEOM_POLYGON || g->type == INCMAP_GEOM_MULTIPOLYGON) {
        path_feature(r, f);
    } else {
        double lon, lat;
        render_feature_anchor(f, &lon, &lat);
        double km = isfinite(f->uncertainty_km) && f->uncertainty_km > 0 ? f->uncertainty_km
                                                                         : VAGUE_DEFAULT_KM;
        path_circle(r, lon, lat, fmin(km, 2000));
    }
    rcolor c = role_color(r->st, f->role);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    rdr_set_color_alpha(r, c, r->st->target_fill_alpha);
    cairo_fill_preserve(cr);
    cairo_path_t *path = cairo_copy_path(cr);
    hatch_current_path(r, c, 7 * r->u, 1.1 * r->u);
    cairo_new_path(cr);
    cairo_append_path(cr, path);
    cairo_path_destroy(path);
    rdr_set_color(r, c);
    cairo_set_line_width(cr, r->st->w_target * r->u);
    cairo_stroke(cr);
}

double render_arrow_km(const incmap_render_view *v, const incmap_incidents *inc, int id)
{
    const incmap_feature *a = view_find_role(v, inc, id, INCMAP_ROLE_LAUNCH);
    const incmap_feature *b = view_find_role(v, inc, id, INCMAP_ROLE_TARGET);
    double lon1, lat1, lon2, lat2;
    if (a == NULL || b == NULL) {
        return NAN;
    }
    render_feature_anchor(a, &lon1, &lat1);
    render_feature_anchor(b, &lon2, &lat2);
    if (!isfinite(lon1) || !isfinite(lon2)) {
        return NAN;
    }
    return incmap_geod_inverse(lon1, lat1, lon2, lat2, NULL) / 1000.0;
}

static void draw_range(rdr *r, const incmap_feature *launch)
{
    cairo_t *cr = r->cr;
    double lon, lat;
    render_feature_anchor(launch, &lon, &lat);
    cairo_new_path(cr);
    path_circle(r, lon, lat, r->v->range_km);
    rdr_set_color(r, r->st->range);
    cairo_set_line_width(cr, r->st->w_range * r->u);
    double dash[2] = {6 * r->u, 3 * r->u};
    cairo_set_dash(cr, dash, 2, 0);
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
}

/* The geodesic from launch to target in px, trimmed at both ends so that it starts beside the
 * launch symbol and its head stops short of the target's centre. Returns points kept. */
static size_t arrow_points(rdr *r, const incmap_feature *launch, const incmap_feature *target,
                           double *px, size_t n)
{
    double lon1, lat1, lon2, lat2;
    render_feature_anchor(launch, &lon1, &lat1);
    render_feature_anchor(target, &lon2, &lat2);
    if (!isfinite(lon1) || !isfinite(lon2) || (lon1 == lon2 && lat1 == lat2)) {
        return 0;
    }
    double *ll = malloc(2 * n * sizeof(double));
    if (ll == NULL) {
        r->oom = true;
        return 0;
    }
    incmap_geod_line(lon1, lat1, lon2, lat2, n, ll);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (view_ll_to_px(r->v, ll[2 * i], ll[2 * i + 1], &px[2 * k], &px[2 * k + 1])) {
            k++;
        }
    }
    free(ll);
    /* a vague launch has no symbol to stand clear of: the arrow starts at its anchor */
    double trim0 = render_feature_vague(launch) ? 0 : r->st->sz_symbol * r->u * 0.85;
    double trim1 = r->st->sz_symbol * r->u * 0.55;
    size_t a = 0, b = k;
    while (a + 2 < b && hypot(px[2 * a] - px[0], px[2 * a + 1] - px[1]) < trim0) {
        a++;
    }
    while (b > a + 2 && hypot(px[2 * (b - 1)] - px[2 * (k - 1)],
                              px[2 * (b - 1) + 1] - px[2 * (k - 1) + 1]) < trim1) {
        b--;
    }
    memmove(px, px + 2 * a, 2 * (b - a) * sizeof(double));
    return b - a;
}

static void draw_arrow(rdr *r, const incmap_feature *launch, const incmap_feature *target,
                       bool occupy)
{
    enum { N = 96 };
    double px[2 * N];
    size_t n = arrow_points(r, launch, target, px, N);
    if (n < 2) {
        return;
    }
    cairo_t *cr = r->cr;
    double head = 11 * r->u;
    double ang = atan2(px[2 * n - 1] - px[2 * n - 3], px[2 * n - 2] - px[2 * n - 4]);
    if (occupy) {
        for (size_t i = 0; i < n; i += 4) {
            rbox b = {px[2 * i] - 3 * r->u, px[2 * i + 1] - 3 * r->u, px[2 * i] + 3 * r->u,
                      px[2 * i + 1] + 3 * r->u};
            rdr_occupy(r, b);
        }
        return;
    }
    for (int pass = 0; pass < 2; pass++) {
        cairo_new_path(cr);
        cairo_move_to(cr, px[0], px[1]);
        for (size_t i = 1; i < n; i++) {
            /* the shaft stops inside the head so its butt end does not poke through */
            double x = px[2 * i], y = px[2 * i + 1];
            if (i == n - 1) {
                x -= cos(ang) * head * 0.6, y -= sin(ang) * head * 0.6;
            }
            cairo_line_to(cr, x, y);
        }
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
        if (pass == 0) {
            cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
            cairo_set_line_width(cr, (r->st->w_arrow + 2.2) * r->u);
        } else {
            rdr_set_color(r, r->st->arrow);
            cairo_set_line_width(cr, r->st->w_arrow * r->u);
        }
        /* from an area (a launch known only as a country or province) the arrow is dashed */
        double dash[2] = {7 * r->u, 4 * r->u};
        cairo_set_dash(cr, dash, render_feature_vague(launch) ? 2 : 0, 0);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
    }
    arrow_head(r, px[2 * n - 2], px[2 * n - 1], ang, head, r->st->arrow);
}

void render_incidents(rdr *r, const incmap_incidents *inc)
{
    const incmap_render_view *v = r->v;
    const double *f = v->frame;
    cairo_t *cr = r->cr;
    size_t n = incmap_incidents_feature_count(inc);
    cairo_save(cr);
    cairo_rectangle(cr, f[0], f[1], f[2] - f[0], f[3] - f[1]);
    cairo_clip(cr);
    for (size_t i = 0; i < n; i++) { /* areas first */
        const incmap_feature *ft = incmap_incidents_feature(inc, i);
        if (ft->role == INCMAP_ROLE_TARGET) {
            draw_target(r, ft);
        } else if (render_feature_vague(ft)) {
            draw_vague(r, ft);
        }
    }
    for (size_t i = 0; i < n; i++) {
        const incmap_feature *ft = incmap_incidents_feature(inc, i);
        if (ft->role == INCMAP_ROLE_BORDER) {
            render_border(r, inc, ft);
        } else if (ft->role == INCMAP_ROLE_LAUNCH && v->range_km > 0 && ft->geom->npoints > 0) {
            draw_range(r, ft);
        }
    }
    for (size_t i = 0; i < n; i++) {
        const incmap_feature *ft = incmap_incidents_feature(inc, i);
        const incmap_feature *tg = ft->role == INCMAP_ROLE_LAUNCH
                                       ? view_find_role(v, inc, ft->incident, INCMAP_ROLE_TARGET)
                                       : NULL;
        if (tg != NULL) {
            draw_arrow(r, ft, tg, false);
        }
    }
    double s = r->st->sz_symbol * r->u;
    for (int pass = 0; pass < 2; pass++) { /* mentions under the incident symbols */
        for (size_t i = 0; i < n; i++) {
            const incmap_feature *ft = incmap_incidents_feature(inc, i);
            double lon, lat, x, y;
            bool is_mention = ft->role == INCMAP_ROLE_MENTION;
            if (is_mention != (pass == 0) || ft->role == INCMAP_ROLE_BORDER) {
                continue;
            }
            if (is_mention && !view_mention_visible(v, i)) {
                continue; /* areas and repeats: the base map or a role shows them already */
            }
            if ((ft->role == INCMAP_ROLE_TARGET && ft->geom->type != INCMAP_GEOM_POINT) ||
                render_feature_vague(ft)) {
                continue; /* an area, drawn already: no point symbol at its centre */
            }
            if (ft->role != INCMAP_ROLE_TARGET && ft->geom->type != INCMAP_GEOM_POINT) {
                cairo_new_path(cr);
                path_feature(r, ft);
                rdr_set_color(r, ft->role == INCMAP_ROLE_LAUNCH ? r->st->launch : r->st->site);
                cairo_set_line_width(cr, 1.6 * r->u);
                cairo_stroke(cr);
            }
            render_feature_anchor(ft, &lon, &lat);
            if (!view_ll_to_px(v, lon, lat, &x, &y)) {
                continue;
            }
            switch (ft->role) {
            case INCMAP_ROLE_LAUNCH:
                symbol_launch(r, x, y, s);
                break;
            case INCMAP_ROLE_TARGET:
                symbol_target_point(r, x, y, s);
                break;
            case INCMAP_ROLE_SITE:
                symbol_site(r, x, y, s);
                break;
            default:
                symbol_mention(r, x, y, s * 0.22);
                break;
            }
        }
    }
    cairo_restore(cr);
}
void render_incident_labels(rdr *r, const incmap_incidents *inc)
{
    const incmap_render_view *v = r->v;
    const render_style *st = r->st;
    size_t n = incmap_incidents_feature_count(inc);
    double s = st->sz_symbol * r->u;
    /* reserve every symbol and the arrows first, so no label lands on one */
    for (size_t i = 0; i < n; i++) {
        const incmap_feature *ft = incmap_incidents_feature(inc, i);
        double lon, lat, x, y;
        if (ft->role == INCMAP_ROLE_MENTION && !view_mention_visible(v, i)) {
            continue;
        }
        render_feature_anchor(ft, &lon, &lat);
        if (ft->role != INCMAP_ROLE_BORDER && view_ll_to_px(v, lon, lat, &x, &y)) {
            double h = ft->role == INCMAP_ROLE_MENTION ? s * 0.3 : s * 0.62;
            rdr_occupy(r, (rbox){x - h, y - h, x + h, y + h});
        }
        const incmap_feature *tg = ft->role == INCMAP_ROLE_LAUNCH
                                       ? view_find_role(v, inc, ft->incident, INCMAP_ROLE_TARGET)
                                       : NULL;
        if (tg != NULL) {
            draw_arrow(r, ft, tg, true);
        }
    }
    for (size_t i = 0; i < n && v->range_km > 0; i++) { /* "150 km" on top of each range ring */
        const incmap_feature *ft = incmap_incidents_feature(inc, i);
        double lon, lat, x, y;
        render_feature_anchor(ft, &lon, &lat);
        if (ft->role != INCMAP_ROLE_LAUNCH || !isfinite(lon)) {
            continue;
        }
        incmap_geod_direct(lon, lat, 0, v->range_km * 1000, &lon, &lat);
        char buf[32];
        snprintf(buf, sizeof buf, "%.0f km", v->range_km);
        if (view_ll_to_px(v, lon, lat, &x, &y)) {
            rdr_label(r, buf, x, y, 0, st->sz_place, TXT_HALO, st->range, false);
        }
    }
    /* one label per place: a name already labelled near the same point is not repeated (a
     * target and a site, or two incidents, at one town gave "Eilat Eilat"; the base map's towns
     * check the same list, render_base_labels) */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < n; i++) {
            const incmap_feature *ft = incmap_incidents_feature(inc, i);
            bool is_mention = ft->role == INCMAP_ROLE_MENTION;
            if (is_mention != (pass == 1) || (is_mention && !view_mention_visible(v, i))) {
                continue;
            }
            const char *raw = ft->name && ft->name[0] ? ft->name : ft->text;
            if (raw == NULL || raw[0] == '\0') {
                continue;
            }
            char conv[160], vague[200];
            const char *name = render_name(&v->names, raw, conv, sizeof conv);
            bool is_vague = render_feature_vague(ft);
            if (is_vague && strlen(name) < sizeof vague - 32) { /* what the area stands for */
                snprintf(vague, sizeof vague, "location given only as: %s", name);
            }
            const char *text = is_vague && strlen(name) < sizeof vague - 32 ? vague : name;
            double lon, lat, x, y;
            if (ft->role == INCMAP_ROLE_BORDER) {
                render_border_label(r, inc, ft, text);
                continue;
            }
            render_feature_anchor(ft, &lon, &lat);
            if (!view_ll_to_px(v, lon, lat, &x, &y) || rdr_label_seen(r, name, x, y)) {
                continue;
            }
            rdr_label_note(r, name, x, y);
            name = text;
            bool area = ft->geom->type != INCMAP_GEOM_POINT;
            double gap = is_mention ? s * 0.45 : area ? 0 : s * 0.75;
            rdr_label(r, name, x, y, gap, is_mention ? st->sz_place : st->sz_label,
                      TXT_HALO | (is_mention ? TXT_ITALIC : TXT_BOLD),
                      is_mention ? st->text_muted : st->text, !is_mention);
        }
    }
}

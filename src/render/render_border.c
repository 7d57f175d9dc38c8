/* The border crossed, the one incident role drawn as a line (render_incidents.c draws the rest):
 * which stretch of the border feature is highlighted, in which style and under which name, for
 * the static map, its legend and furniture placement, and the web page alike. The stretch is the
 * part near the incident (the corridor around the launch -> target segment). Where the arrow
 * crosses it along a de facto or ceasefire line of the gazetteer (boundary_lines: the Crimean
 * isthmus, the Line of Control), the highlight is that line, dashed as the base map dashes it,
 * and takes the line's name. Where the arrow crosses no part of it (a missile over the sea
 * between two countries that share a land border elsewhere), nothing is highlighted: a
 * highlight off the arrow's path would tell the reader the weapon crossed there. The GeoJSON
 * keeps the border feature; the base map still draws the line, with its own label. */
#include "render/render_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A border segment whose ends and middle lie within this many degrees of a de facto line lies
 * on it: the gazetteer builds both from Natural Earth's shared vertices (GeoJSON keeps 6
 * decimals), and no other border runs within 100 m of a line for a whole segment. */
#define BORDER_ON_LINE_DEG 1e-3
/* Points of the launch -> target geodesic tested for crossings (as many as the arrow has). */
#define BORDER_ARROW_N 96
/* Name of a de facto line crossed that the gazetteer gives none. */
#define BORDER_UNNAMED_LINE "De facto line"

bool render_border_corridor(const incmap_render_view *v, const incmap_incidents *inc, int id,
                            double c[5])
{
    const incmap_feature *a = view_find_role(v, inc, id, INCMAP_ROLE_LAUNCH);
    const incmap_feature *b = view_find_role(v, inc, id, INCMAP_ROLE_TARGET);
    if (a == NULL) {
        a = b != NULL ? b : view_find_role(v, inc, id, INCMAP_ROLE_SITE);
    }
    if (b == NULL) {
        b = a;
    }
    double lon1, lat1, lon2, lat2;
    if (a == NULL || v->scale_km <= 0) {
        return false;
    }
    render_feature_anchor(a, &lon1, &lat1);
    render_feature_anchor(b, &lon2, &lat2);
    if (!view_ll_to_px(v, lon1, lat1, &c[0], &c[1]) ||
        !view_ll_to_px(v, lon2, lat2, &c[2], &c[3])) {
        return false;
    }
    double px_per_km = v->scale_px / v->scale_km;
    double len = hypot(c[2] - c[0], c[3] - c[1]);
    c[4] = a == b ? BORDER_ALONE_KM * px_per_km
                  : fmax(BORDER_CORRIDOR_SHARE * len, BORDER_CORRIDOR_MIN_KM * px_per_km);
    return true;
}

/* Distance from p to the segment a-b (same units). */
static double seg_dist(double px, double py, double ax, double ay, double bx, double by)
{
    double dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy;
    double t = l2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / l2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    return hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/* Distance in px from (x, y) to the corridor's centre line. */
static double corridor_dist(const double c[5], double x, double y)
{
    return seg_dist(x, y, c[0], c[1], c[2], c[3]);
}

/* The lines of g: line l holds vertices [*s0, *s1). */
static size_t geom_lines(const incmap_geom *g)
{
    return g->nrings ? g->nrings : 1;
}
static void geom_line(const incmap_geom *g, size_t l, size_t *s0, size_t *s1)
{
    *s0 = l == 0 ? 0 : g->ring_end[l - 1];
    *s1 = g->nrings ? g->ring_end[l] : g->npoints;
}

/* Whether the gazetteer has a de facto or ceasefire line (older ones have no boundary_lines). */
static bool view_has_lines(const incmap_render_view *v)
{
    for (size_t i = 0; i < v->lines.n; i++) {
        if (v->lines.f[i].kind != CLS_CLAIM) {
            return true;
        }
    }
    return false;
}

/* A de facto or ceasefire line of the view that the border's text names ("across the Line of
 * Control"), or NULL. */
static const base_feature *named_line(const incmap_render_view *v, const char *text)
{
    if (text == NULL) {
        return NULL;
    }
    if (strncasecmp(text, "the ", 4) == 0) {
        text += 4;
    }
    for (size_t i = 0; i < v->lines.n; i++) {
        if (v->lines.f[i].kind != CLS_CLAIM && v->lines.f[i].name[0] != '\0' &&
            strcasecmp(v->lines.f[i].name, text) == 0) {
            return &v->lines.f[i];
        }
    }
    return NULL;
}

/* True when (lon, lat) lies within BORDER_ON_LINE_DEG of line g. */
static bool near_line(const incmap_geom *g, const double bb[4], double lon, double lat)
{
    const double t = BORDER_ON_LINE_DEG;
    if (lon < bb[0] - t || lon > bb[2] + t || lat < bb[1] - t || lat > bb[3] + t) {
        return false;
    }
    for (size_t l = 0; l < geom_lines(g); l++) {
        size_t s0, s1;
        geom_line(g, l, &s0, &s1);
        for (size_t i = s0; i + 1 < s1; i++) {
            const double *a = &g->xy[2 * i];
            if (seg_dist(lon, lat, a[0], a[1], a[2], a[3]) <= t) {
                return true;
            }
        }
    }
    return false;
}

/* Per vertex i of p->g: the 1-based index in v->lines of the line that the segment ending at i
 * lies on (0: none, or outside the corridor). px: the vertices in px (NaN: not projectable). */
static bool mark_on_lines(const incmap_render_view *v, border_plan *p, const double *px)
{
    const incmap_geom *g = p->g;
    const double t = BORDER_ON_LINE_DEG;
    if ((p->on = calloc(g->npoints, sizeof *p->on)) == NULL) {
        return false;
    }
    for (size_t k = 0; k < v->lines.n; k++) {
        const incmap_geom *lg = v->lines.f[k].geom;
        double bb[4];
        if (v->lines.f[k].kind == CLS_CLAIM || !incmap_geom_bbox(lg, bb)) {
            continue;
        }
        for (size_t l = 0; l < geom_lines(g); l++) {
            size_t s0, s1;
            geom_line(g, l, &s0, &s1);
            for (size_t i = s0 + 1; i < s1; i++) {
                const double *a = &g->xy[2 * (i - 1)], *b = &g->xy[2 * i];
                const double *pa = &px[2 * (i - 1)], *pb = &px[2 * i];
                if (p->on[i] != 0 || fmax(a[0], b[0]) < bb[0] - t || fmin(a[0], b[0]) > bb[2] + t ||
                    fmax(a[1], b[1]) < bb[1] - t || fmin(a[1], b[1]) > bb[3] + t ||
                    !isfinite(pa[0]) || !isfinite(pb[0]) ||
                    fmin(corridor_dist(p->c, pa[0], pa[1]), corridor_dist(p->c, pb[0], pb[1])) >
                        p->c[4] + hypot(pb[0] - pa[0], pb[1] - pa[1])) {
                    continue;
                }
                if (near_line(lg, bb, a[0], a[1]) && near_line(lg, bb, b[0], b[1]) &&
                    near_line(lg, bb, (a[0] + b[0]) / 2, (a[1] + b[1]) / 2)) {
                    p->on[i] = (int)k + 1;
                }
            }
        }
    }
    return true;
}

/* The launch -> target geodesic of the incident in px (n points), or 0 without both. */
static size_t arrow_px(const incmap_render_view *v, const incmap_incidents *inc, int id, double *px)
{
    const incmap_feature *a = view_find_role(v, inc, id, INCMAP_ROLE_LAUNCH);
    const incmap_feature *b = view_find_role(v, inc, id, INCMAP_ROLE_TARGET);
    double lon1, lat1, lon2, lat2, ll[2 * BORDER_ARROW_N];
    if (a == NULL || b == NULL) {
        return 0;
    }
    render_feature_anchor(a, &lon1, &lat1);
    render_feature_anchor(b, &lon2, &lat2);
    if (!isfinite(lon1) || !isfinite(lon2) || (lon1 == lon2 && lat1 == lat2)) {
        return 0;
    }
    incmap_geod_line(lon1, lat1, lon2, lat2, BORDER_ARROW_N, ll);
    size_t n = 0;
    for (size_t i = 0; i < BORDER_ARROW_N; i++) {
        n += view_ll_to_px(v, ll[2 * i], ll[2 * i + 1], &px[2 * n], &px[2 * n + 1]);
    }
    return n >= 2 ? n : 0;
}

static bool segments_cross(const double *p, const double *q, const double *a, const double *b)
{
    double d1x = q[0] - p[0], d1y = q[1] - p[1], d2x = b[0] - a[0], d2y = b[1] - a[1];
    double den = d1x * d2y - d1y * d2x;
    if (den == 0) {
        return false;
    }
    double t = ((a[0] - p[0]) * d2y - (a[1] - p[1]) * d2x) / den;
    double s = ((a[0] - p[0]) * d1y - (a[1] - p[1]) * d1x) / den;
    return t >= 0 && t <= 1 && s >= 0 && s <= 1;
}

/* How the arrow meets the stretch: BORDER_NONE when it crosses none of it, BORDER_LINE (with
 * p->want) when every crossing is on one de facto line, else BORDER_SOLID. */
static int arrow_crossing(border_plan *p, const double *px, const double *arrow, size_t na)
{
    const incmap_geom *g = p->g;
    double ab[4] = {HUGE_VAL, HUGE_VAL, -HUGE_VAL, -HUGE_VAL}; /* the arrow's box */
    for (size_t k = 0; k < na; k++) {
        ab[0] = fmin(ab[0], arrow[2 * k]), ab[1] = fmin(ab[1], arrow[2 * k + 1]);
        ab[2] = fmax(ab[2], arrow[2 * k]), ab[3] = fmax(ab[3], arrow[2 * k + 1]);
    }
    int seen = -1; /* the line of the crossings so far; 0: a plain border */
    bool mixed = false;
    for (size_t l = 0; l < geom_lines(g); l++) {
        size_t s0, s1;
        geom_line(g, l, &s0, &s1);
        for (size_t i = s0 + 1; i < s1; i++) {
            const double *a = &px[2 * (i - 1)], *b = &px[2 * i];
            if (!isfinite(a[0]) || !isfinite(b[0]) || fmax(a[0], b[0]) < ab[0] ||
                fmin(a[0], b[0]) > ab[2] || fmax(a[1], b[1]) < ab[1] || fmin(a[1], b[1]) > ab[3]) {
                continue;
            }
            for (size_t k = 0; k + 1 < na; k++) {
                if (segments_cross(a, b, &arrow[2 * k], &arrow[2 * k + 2])) {
                    mixed = mixed || (seen >= 0 && seen != p->on[i]);
                    seen = p->on[i];
                }
            }
        }
    }
    if (seen < 0) {
        return BORDER_NONE;
    }
    if (mixed || seen == 0) {
        return BORDER_SOLID;
    }
    p->want = seen;
    return BORDER_LINE;
}

bool border_plan_make(const incmap_render_view *v, const incmap_incidents *inc,
                      const incmap_feature *f, border_plan *p)
{
    *p = (border_plan){.how = BORDER_SOLID, .g = f->geom};
    if (f->geom->npoints == 0) {
        p->how = BORDER_NONE;
        return true;
    }
    const base_feature *named = named_line(v, f->text);
    p->corridor = render_border_corridor(v, inc, f->incident, p->c);
    if (named != NULL) { /* "across the Line of Control": along that line, whatever the arrow */
        p->how = BORDER_LINE, p->line = named, p->g = named->geom;
        return true;
    }
    if (!p->corridor || !view_has_lines(v)) {
        return true; /* a gazetteer without boundary_lines (older ones): highlighted as before */
    }
    const incmap_geom *g = p->g;
    double *px = malloc(2 * g->npoints * sizeof *px); /* every vertex projected once */
    if (px == NULL) {
        return false;
    }
    for (size_t i = 0; i < g->npoints; i++) {
        if (!view_ll_to_px(v, g->xy[2 * i], g->xy[2 * i + 1], &px[2 * i], &px[2 * i + 1])) {
            px[2 * i] = px[2 * i + 1] = NAN;
        }
    }
    if (!mark_on_lines(v, p, px)) {
        free(px);
        return false;
    }
    double arrow[2 * BORDER_ARROW_N];
    size_t na = arrow_px(v, inc, f->incident, arrow);
    if (na > 0) {
        p->how = arrow_crossing(p, px, arrow, na);
    } else { /* no arrow: a line when every segment near the incident lies on the same one */
        int seen = -1;
        for (size_t i = 1; i < g->npoints && seen != 0; i++) {
            if (isfinite(px[2 * i]) && corridor_dist(p->c, px[2 * i], px[2 * i + 1]) <= p->c[4]) {
                seen = seen < 0 || seen == p->on[i] ? p->on[i] : 0;
            }
        }
        p->how = seen > 0 ? BORDER_LINE : BORDER_SOLID;
        p->want = seen > 0 ? seen : 0;
    }
    free(px);
    if (p->how == BORDER_LINE) {
        p->line = &v->lines.f[p->want - 1];
    }
    return true;
}

void border_plan_free(border_plan *p)
{
    free(p->on);
    p->on = NULL;
}

/* Whether the segment ending at vertex i is part of the highlight (its corridor aside). */
static bool plan_keeps(const border_plan *p, size_t i)
{
    return p->want == 0 || p->on == NULL || p->on[i] == p->want;
}

void border_plan_walk(const incmap_render_view *v, const border_plan *p, border_emit emit, void *ud)
{
    const incmap_geom *g = p->g;
    for (size_t l = 0; l < geom_lines(g); l++) {
        size_t s0, s1;
        geom_line(g, l, &s0, &s1);
        bool pen = false;
        double px = 0, py = 0;
        for (size_t i = s0; i < s1; i++) {
            double x, y;
            if (!view_ll_to_px(v, g->xy[2 * i], g->xy[2 * i + 1], &x, &y)) {
                pen = false;
                continue;
            }
            if (!p->corridor) {
                emit(ud, x, y, !pen);
                pen = true;
                continue;
            }
            /* each segment cut into steps of about a pixel, the steps outside left out */
            size_t steps = i == s0 ? 1 : (size_t)fmin(ceil(hypot(x - px, y - py)), 4096);
            bool keep = i == s0 || plan_keeps(p, i);
            for (size_t k = 1; k <= steps; k++) {
                double t = (double)k / (double)steps;
                double qx = i == s0 ? x : px + t * (x - px), qy = i == s0 ? y : py + t * (y - py);
                bool in = keep && corridor_dist(p->c, qx, qy) <= p->c[4];
                if (in) {
                    emit(ud, qx, qy, !pen);
                }
                pen = in;
            }
            px = x, py = y;
        }
    }
}

static void emit_cairo(void *ud, double x, double y, bool start)
{
    rdr *r = ud;
    if (start) {
        cairo_move_to(r->cr, x, y);
    } else {
        cairo_line_to(r->cr, x, y);
    }
}

void render_border(rdr *r, const incmap_incidents *inc, const incmap_feature *f)
{
    cairo_t *cr = r->cr;
    border_plan p;
    cairo_new_path(cr);
    if (!border_plan_make(r->v, inc, f, &p)) {
        r->oom = true;
        return;
    }
    if (p.how == BORDER_NONE) {
        border_plan_free(&p);
        return;
    }
    if (p.corridor) {
        border_plan_walk(r->v, &p, emit_cairo, r);
    } else {
        rdr_path_geom(r, p.g, r->v->proj, r->v->map, r->v->px_per_unit, r->v->frame, 0, NULL);
    }
    cairo_path_t *path = cairo_copy_path(cr);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.9);
    cairo_set_line_width(cr, (r->st->w_border + 2.4) * r->u);
    cairo_stroke(cr);
    cairo_append_path(cr, path);
    cairo_path_destroy(path);
    rdr_set_color(r, r->st->border);
    cairo_set_line_width(cr, r->st->w_border * r->u);
    if (p.how == BORDER_LINE) { /* dashed, as the base map draws the line */
        double dash[2] = {BORDER_DASH_ON * r->u, BORDER_DASH_OFF * r->u};
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
        cairo_set_dash(cr, dash, 2, 0);
    }
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
    border_plan_free(&p);
}

bool render_border_drawn(const incmap_render_view *v, const incmap_incidents *inc,
                         const incmap_feature *f, int *how)
{
    border_plan p;
    bool ok = border_plan_make(v, inc, f, &p);
    *how = ok ? p.how : BORDER_SOLID; /* out of memory: as before the plan */
    border_plan_free(&p);
    return *how != BORDER_NONE;
}

const char *border_plan_name(const border_plan *p, const char *name)
{
    if (p->how != BORDER_LINE || p->line == NULL) {
        return name;
    }
    return p->line->name[0] != '\0' ? p->line->name : BORDER_UNNAMED_LINE;
}

bool border_plan_label_point(const incmap_render_view *v, const border_plan *p, double *bx,
                             double *by)
{
    const double *fr = v->frame;
    const double *c = p->c;
    double cx = (fr[0] + fr[2]) / 2, cy = (fr[1] + fr[3]) / 2, best = HUGE_VAL;
    if (p->corridor) {
        cx = (c[0] + c[2]) / 2, cy = (c[1] + c[3]) / 2;
    }
    const incmap_geom *g = p->g;
    for (size_t i = 0; i < g->npoints; i++) {
        double x, y;
        /* on a line: a vertex of one of the line's segments */
        bool kept = plan_keeps(p, i) || (i + 1 < g->npoints && plan_keeps(p, i + 1));
        if (kept && view_ll_to_px(v, g->xy[2 * i], g->xy[2 * i + 1], &x, &y) && x > fr[0] + 40 &&
            x < fr[2] - 40 && y > fr[1] + 40 && y < fr[3] - 40 &&
            (!p->corridor || corridor_dist(c, x, y) <= c[4])) {
            double d = hypot(x - cx, y - cy);
            if (d < best) {
                best = d, *bx = x, *by = y;
            }
        }
    }
    return best < HUGE_VAL;
}

void render_border_label(rdr *r, const incmap_incidents *inc, const incmap_feature *f,
                         const char *name)
{
    const render_style *st = r->st;
    border_plan p;
    double x, y;
    if (!border_plan_make(r->v, inc, f, &p)) {
        r->oom = true;
        return;
    }
    if (p.how != BORDER_NONE && border_plan_label_point(r->v, &p, &x, &y)) {
        rdr_label(r, border_plan_name(&p, name), x, y, st->w_border * r->u + 3 * r->u, st->sz_label,
                  TXT_HALO | TXT_ITALIC | TXT_BOLD, st->border, false);
    }
    border_plan_free(&p);
}

/* The HTML map's base layers: countries, admin-1 units and towns from the gazetteer's GeoPackage
 * (read by base_read.c, as for the static map), each ring clipped to a box around the incidents
 * and simplified (Douglas-Peucker) to about a pixel at the deepest zoom, written as compact
 * GeoJSON. This is most of the page: the clip and the tolerance keep it inside the size budget. */
#include "render/render_html.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Coordinates are written with this many decimals more than the tolerance needs. */
#define HTML_COORD_EXTRA_DECIMALS 1

typedef struct html_ring ring_buf;

static bool ring_push(ring_buf *r, double x, double y)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 64;
        double *xy = realloc(r->xy, 2 * cap * sizeof(double));
        if (xy == NULL) {
            return false;
        }
        r->xy = xy, r->cap = cap;
    }
    r->xy[2 * r->n] = x, r->xy[2 * r->n + 1] = y;
    r->n++;
    return true;
}

/* Sutherland-Hodgman against one edge of the box: edge 0 west, 1 south, 2 east, 3 north. A
 * clipped polygon may run along the box edge; the page never pans past the box. */
static bool clip_edge(const ring_buf *in, ring_buf *out, int edge, double lim)
{
    out->n = 0;
    int axis = edge % 2;
    bool lower = edge < 2;
    for (size_t i = 0; i < in->n; i++) {
        const double *p = &in->xy[2 * i], *q = &in->xy[2 * ((i + 1) % in->n)];
        bool pin = lower ? p[axis] >= lim : p[axis] <= lim;
        bool qin = lower ? q[axis] >= lim : q[axis] <= lim;
        if (pin && !ring_push(out, p[0], p[1])) {
            return false;
        }
        if (pin != qin) {
            double t = (lim - p[axis]) / (q[axis] - p[axis]);
            if (!ring_push(out, p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]))) {
                return false;
            }
        }
    }
    return true;
}

/* Douglas-Peucker over r's vertices [a, b], marking the kept ones (a and b are kept). */
static bool simplify(const double *xy, size_t a, size_t b, double tol, bool *keep)
{
    size_t cap = 64, top = 0;
    size_t *stack = malloc(2 * cap * sizeof *stack);
    if (stack == NULL) {
        return false;
    }
    keep[a] = keep[b] = true;
    stack[top++] = a, stack[top++] = b;
    while (top > 0) {
        size_t j = stack[--top], i = stack[--top];
        double x0 = xy[2 * i], y0 = xy[2 * i + 1], dx = xy[2 * j] - x0, dy = xy[2 * j + 1] - y0;
        double len = hypot(dx, dy), best = tol;
        size_t far = 0;
        for (size_t k = i + 1; k < j; k++) {
            double ex = xy[2 * k] - x0, ey = xy[2 * k + 1] - y0;
            double d = len > 0 ? fabs(ex * dy - ey * dx) / len : hypot(ex, ey);
            if (d > best) {
                best = d, far = k;
            }
        }
        if (far == 0) {
            continue;
        }
        keep[far] = true;
        if (top + 4 > 2 * cap) {
            size_t *s = realloc(stack, 4 * cap * sizeof *s);
            if (s == NULL) {
                free(stack);
                return false;
            }
            stack = s, cap *= 2;
        }
        stack[top++] = i, stack[top++] = far, stack[top++] = far, stack[top++] = j;
    }
    free(stack);
    return true;
}

typedef html_writer base_writer;

/* Clips and simplifies ring [s0, s1) of g into w->a; false when nothing of it is left. */
static bool prepare_ring(base_writer *w, const incmap_geom *g, size_t s0, size_t s1)
{
    w->a.n = 0;
    size_t n = s1 - s0;
    if (n > 1 && g->xy[2 * s0] == g->xy[2 * (s1 - 1)] &&
        g->xy[2 * s0 + 1] == g->xy[2 * (s1 - 1) + 1]) {
        n--; /* the closing vertex comes back when written */
    }
    for (size_t i = 0; i < n; i++) {
        if (!ring_push(&w->a, g->xy[2 * (s0 + i)], g->xy[2 * (s0 + i) + 1])) {
            w->nomem = true;
            return false;
        }
    }
    for (int edge = 0; edge < 4 && w->a.n >= 3; edge++) {
        if (!clip_edge(&w->a, &w->b, edge, w->box[edge])) {
            w->nomem = true;
            return false;
        }
        ring_buf t = w->a;
        w->a = w->b, w->b = t;
    }
    if (w->a.n < 3) {
        return false;
    }
    if (w->a.n + 1 > w->keep_cap) {
        bool *k = realloc(w->keep, (w->a.n + 1) * sizeof *k);
        if (k == NULL) {
            w->nomem = true;
            return false;
        }
        w->keep = k, w->keep_cap = w->a.n + 1;
    }
    /* close the ring for the simplifier, so the last edge is simplified as well */
    if (!ring_push(&w->a, w->a.xy[0], w->a.xy[1])) {
        w->nomem = true;
        return false;
    }
    memset(w->keep, 0, w->a.n * sizeof *w->keep);
    size_t mid = w->a.n / 2; /* two halves: a closed ring's ends coincide */
    if (!simplify(w->a.xy, 0, mid, w->tol, w->keep) ||
        !simplify(w->a.xy, mid, w->a.n - 1, w->tol, w->keep)) {
        w->nomem = true;
        return false;
    }
    size_t k = 0;
    for (size_t i = 0; i < w->a.n; i++) {
        if (w->keep[i]) {
            w->a.xy[2 * k] = w->a.xy[2 * i], w->a.xy[2 * k + 1] = w->a.xy[2 * i + 1];
            k++;
        }
    }
    w->a.n = k;
    return k >= 4; /* a closed triangle at least */
}

static void shell_centroid(base_writer *w)
{
    double A = 0, X = 0, Y = 0;
    const double *p = w->a.xy;
    for (size_t i = 0; i + 1 < w->a.n; i++) {
        double c = p[2 * i] * p[2 * i + 3] - p[2 * i + 2] * p[2 * i + 1];
        A += c, X += (p[2 * i] + p[2 * i + 2]) * c, Y += (p[2 * i + 1] + p[2 * i + 3]) * c;
    }
    if (fabs(A) > w->area) {
        w->area = fabs(A), w->lx = X / (3 * A), w->ly = Y / (3 * A);
    }
}

static void put_ring(base_writer *w)
{
    html_put(w->o, "[");
    for (size_t i = 0; i < w->a.n; i++) {
        html_put(w->o, i ? ",[" : "[");
        html_put_coord(w->o, w->a.xy[2 * i], w->decimals);
        html_put(w->o, ",");
        html_put_coord(w->o, w->a.xy[2 * i + 1], w->decimals);
        html_put(w->o, "]");
    }
    html_put(w->o, "]");
}

/* The polygons of g as MultiPolygon coordinates; false when nothing is inside the box. */
bool html_put_polygons(base_writer *w, const incmap_geom *g)
{
    size_t npolys = g->npolys ? g->npolys : g->nrings ? 1 : 0;
    bool any = false;
    w->area = 0;
    for (size_t p = 0; p < npolys && !w->nomem; p++) {
        size_t r0 = p == 0 || g->poly_end == NULL ? 0 : g->poly_end[p - 1];
        size_t r1 = g->poly_end != NULL && g->npolys ? g->poly_end[p] : g->nrings;
        for (size_t r = r0; r < r1; r++) {
            size_t s0 = r == 0 ? 0 : g->ring_end[r - 1], s1 = g->ring_end[r];
            if (!prepare_ring(w, g, s0, s1)) {
                if (r == r0) {
                    break; /* no shell: its holes go too */
                }
                continue;
            }
            if (!any) {
                html_put(w->o, w->first ? "\n" : ",\n");
                html_put(w->o, "{\"type\":\"Feature\",\"geometry\":{\"type\":\"MultiPolygon\","
                               "\"coordinates\":[");
                w->first = false;
                any = true;
            } else {
                html_put(w->o, r == r0 ? "]," : ",");
            }
            if (r == r0) {
                html_put(w->o, "[");
                shell_centroid(w);
            }
            put_ring(w);
        }
    }
    if (any) {
        html_put(w->o, "]]}");
    }
    return any;
}

/* Liang-Barsky: the part of segment p-q inside box is t0..t1 of it; false when none is. */
static bool clip_segment(const double *p, const double *q, const double *box, double *t0,
                         double *t1)
{
    double dx = q[0] - p[0], dy = q[1] - p[1];
    double pp[4] = {-dx, dx, -dy, dy};
    double qq[4] = {p[0] - box[0], box[2] - p[0], p[1] - box[1], box[3] - p[1]};
    *t0 = 0, *t1 = 1;
    for (int i = 0; i < 4; i++) {
        if (pp[i] == 0) {
            if (qq[i] < 0) {
                return false;
            }
            continue;
        }
        double t = qq[i] / pp[i];
        if (pp[i] < 0 && t > *t0) {
            *t0 = t;
        } else if (pp[i] > 0 && t < *t1) {
            *t1 = t;
        }
        if (*t0 > *t1) {
            return false;
        }
    }
    return true;
}

/* Writes the run in w->a (a piece of line inside the box), simplified, as one line of the
 * MultiLineString; the Feature's head comes with its first line. */
static void flush_run(base_writer *w, bool *any)
{
    size_t n = w->a.n;
    if (n < 2) {
        w->a.n = 0;
        return;
    }
    if (n > w->keep_cap) {
        bool *k = realloc(w->keep, n * sizeof *k);
        if (k == NULL) {
            w->nomem = true;
            return;
        }
        w->keep = k, w->keep_cap = n;
    }
    memset(w->keep, 0, n * sizeof *w->keep);
    if (!simplify(w->a.xy, 0, n - 1, w->tol, w->keep)) {
        w->nomem = true;
        return;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (w->keep[i]) {
            w->a.xy[2 * k] = w->a.xy[2 * i], w->a.xy[2 * k + 1] = w->a.xy[2 * i + 1];
            k++;
        }
    }
    w->a.n = k;
    if (!*any) {
        html_put(w->o, w->first ? "\n" : ",\n");
        html_put(w->o, "{\"type\":\"Feature\",\"geometry\":{\"type\":\"MultiLineString\","
                       "\"coordinates\":[");
        w->first = false;
        *any = true;
    } else {
        html_put(w->o, ",");
    }
    put_ring(w);
    w->a.n = 0;
}

bool html_put_lines(base_writer *w, const incmap_geom *g)
{
    bool any = false;
    size_t nlines = g->nrings ? g->nrings : 1;
    for (size_t l = 0; l < nlines && !w->nomem; l++) {
        size_t s0 = l == 0 || g->ring_end == NULL ? 0 : g->ring_end[l - 1];
        size_t s1 = g->nrings && g->ring_end != NULL ? g->ring_end[l] : g->npoints;
        w->a.n = 0;
        for (size_t i = s0; i + 1 < s1 && !w->nomem; i++) {
            const double *p = &g->xy[2 * i], *q = &g->xy[2 * i + 2];
            double t0, t1, dx = q[0] - p[0], dy = q[1] - p[1];
            if (!clip_segment(p, q, w->box, &t0, &t1)) {
                flush_run(w, &any);
                continue;
            }
            if ((w->a.n == 0 && !ring_push(&w->a, p[0] + t0 * dx, p[1] + t0 * dy)) ||
                !ring_push(&w->a, p[0] + t1 * dx, p[1] + t1 * dy)) {
                w->nomem = true;
                break;
            }
            if (t1 < 1) {
                flush_run(w, &any); /* it leaves the box here */
            }
        }
        flush_run(w, &any);
    }
    if (any) {
        html_put(w->o, "]}");
    }
    return any;
}

bool html_put_sea_mask(base_writer *w, const base_features *land)
{
    bool any = false;
    for (size_t i = 0; i < land->n && !w->nomem; i++) {
        const incmap_geom *g = land->f[i].geom;
        for (size_t r = 0; g != NULL && r < g->nrings && !w->nomem; r++) {
            if (!prepare_ring(w, g, r == 0 ? 0 : g->ring_end[r - 1], g->ring_end[r])) {
                continue;
            }
            if (!any) {
                const double *b = w->box;
                html_put(w->o, w->first ? "\n" : ",\n");
                html_put(w->o, "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\","
                               "\"coordinates\":[[");
                for (int k = 0; k < 5; k++) { /* the box, counter-clockwise */
                    html_put(w->o, k ? ",[" : "[");
                    html_put_coord(w->o, b[k == 1 || k == 2 ? 2 : 0], w->decimals);
                    html_put(w->o, ",");
                    html_put_coord(w->o, b[k == 2 || k == 3 ? 3 : 1], w->decimals);
                    html_put(w->o, "]");
                }
                html_put(w->o, "]");
                w->first = false;
                any = true;
            }
            html_put(w->o, ",");
            put_ring(w);
        }
    }
    if (any) {
        html_put(w->o, "]}");
    }
    return any;
}

static bool in_focus(const char *focus, const char *cc)
{
    char key[8];
    snprintf(key, sizeof key, " %.2s ", cc);
    return cc[0] != '\0' && focus != NULL && strstr(focus, key) != NULL;
}

/* A JSON string (for names from the gazetteer): quotes, backslashes and controls escaped. */
void html_put_json_string(html_out *o, const char *s)
{
    html_put(o, "\"");
    const char *run = s;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\' || c < 0x20 || c == '<') {
            html_putn(o, run, (size_t)(s - run));
            html_printf(o, "\\u%04x", c);
            run = s + 1;
        }
    }
    html_putn(o, run, (size_t)(s - run));
    html_put(o, "\"");
}

static void write_areas(base_writer *w, const base_features *fs, const char *focus,
                        const render_names *names)
{
    for (size_t i = 0; i < fs->n && !w->nomem && w->o->st == INCMAP_OK; i++) {
        const base_feature *f = &fs->f[i];
        if (f->geom == NULL ||
            (f->geom->type != INCMAP_GEOM_POLYGON && f->geom->type != INCMAP_GEOM_MULTIPOLYGON)) {
            continue;
        }
        bool country = f->kind == BASE_AREA_COUNTRY;
        if (!html_put_polygons(w, f->geom)) {
            continue;
        }
        /* properties after the geometry: the label point is known only once it is written */
        html_put(w->o, ",\"properties\":{\"k\":\"");
        html_put(w->o, country ? "c\"" : "a\"");
        if (country && f->name != NULL) {
            char conv[160];
            html_put(w->o, ",\"n\":");
            html_put_json_string(w->o, render_name(names, f->name, conv, sizeof conv));
            html_put(w->o, ",\"lx\":");
            html_put_coord(w->o, w->lx, w->decimals);
            html_put(w->o, ",\"ly\":");
            html_put_coord(w->o, w->ly, w->decimals);
        }
        if (country && in_focus(focus, f->country)) {
            html_put(w->o, ",\"f\":1");
        }
        html_put(w->o, "}}");
    }
}

void html_writer_init(base_writer *w, html_out *o, const double box[4], double tol_deg)
{
    *w = (base_writer){.o = o, .box = box, .tol = tol_deg, .first = true};
    w->decimals = (int)ceil(-log10(tol_deg)) + HTML_COORD_EXTRA_DECIMALS;
    w->decimals = w->decimals < 1 ? 1 : w->decimals > 6 ? 6 : w->decimals;
}

incmap_status html_writer_done(base_writer *w)
{
    free(w->a.xy);
    free(w->b.xy);
    free(w->keep);
    w->a.xy = w->b.xy = NULL, w->keep = NULL;
    return w->nomem ? incmap_fail(w->o->ctx, INCMAP_ERR_NOMEM,
                                  "out of memory simplifying the base layers")
                    : w->o->st;
}

incmap_status html_base_write(base_writer *w, incmap_base *b, const char *focus, int64_t min_pop,
                              size_t max_places, const render_names *names)
{
    html_out *o = w->o;
    incmap_ctx *ctx = o->ctx;
    base_features countries = {0}, admin1 = {0}, places = {0};
    const double *box = w->box;
    incmap_status st = INCMAP_OK;
    if ((st = incmap_base_read_areas(b, ctx, box, BASE_AREA_COUNTRY, &countries)) != INCMAP_OK ||
        (st = incmap_base_read_areas(b, ctx, box, BASE_AREA_ADMIN1, &admin1)) != INCMAP_OK ||
        (st = incmap_base_read_places(b, ctx, box, min_pop, max_places, &places)) != INCMAP_OK) {
        goto out;
    }
    write_areas(w, &countries, focus, names);
    write_areas(w, &admin1, focus, names);
    for (size_t i = 0; i < places.n && o->st == INCMAP_OK; i++) {
        const base_feature *f = &places.f[i];
        if (f->name == NULL || !isfinite(f->lon) || !isfinite(f->lat)) {
            continue;
        }
        char conv[160];
        html_put(o, w->first ? "\n" : ",\n");
        w->first = false;
        html_put(o, "{\"type\":\"Feature\",\"properties\":{\"k\":\"p\",\"n\":");
        html_put_json_string(o, render_name(names, f->name, conv, sizeof conv));
        html_printf(o, ",\"p\":%lld},\"geometry\":{\"type\":\"Point\",\"coordinates\":[",
                    (long long)f->population);
        html_put_coord(o, f->lon, 4);
        html_put(o, ",");
        html_put_coord(o, f->lat, 4);
        html_put(o, "]}}");
    }
out:
    base_features_free(&countries);
    base_features_free(&admin1);
    base_features_free(&places);
    return st;
}

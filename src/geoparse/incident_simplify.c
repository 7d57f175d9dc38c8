/* Simplification of the areas a report only mentions (countries, provinces): Douglas-Peucker on
 * each ring in degrees, with rings and islands smaller than the tolerance dropped. Roles keep the
 * gazetteer's full geometry; mentions would otherwise carry megabytes of coastline. */
#include "geoparse/geoparse.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Marks the vertices of ring [a, b) to keep (the first and last always). */
static bool douglas_peucker(const double *xy, size_t a, size_t b, double tol, bool *keep)
{
    size_t *stack = malloc(2 * (b - a + 1) * sizeof *stack);
    if (stack == NULL) {
        return false;
    }
    size_t top = 0;
    keep[a] = keep[b - 1] = true;
    stack[top++] = a;
    stack[top++] = b - 1;
    while (top > 0) {
        size_t j = stack[--top], i = stack[--top];
        double ax = xy[2 * i], ay = xy[2 * i + 1], dx = xy[2 * j] - ax, dy = xy[2 * j + 1] - ay;
        double len = sqrt(dx * dx + dy * dy), worst = -1;
        size_t at = i;
        for (size_t k = i + 1; k < j; k++) {
            double px = xy[2 * k] - ax, py = xy[2 * k + 1] - ay;
            /* distance to the chord (to the point when the chord is degenerate: closed rings) */
            double d = len > 0 ? fabs(px * dy - py * dx) / len : sqrt(px * px + py * py);
            if (d > worst) {
                worst = d;
                at = k;
            }
        }
        if (worst > tol) {
            keep[at] = true;
            stack[top++] = i;
            stack[top++] = at;
            stack[top++] = at;
            stack[top++] = j;
        }
    }
    free(stack);
    return true;
}

static bool small_ring(const double *xy, size_t a, size_t b, double tol)
{
    double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
    for (size_t k = a; k < b; k++) {
        x0 = fmin(x0, xy[2 * k]);
        x1 = fmax(x1, xy[2 * k]);
        y0 = fmin(y0, xy[2 * k + 1]);
        y1 = fmax(y1, xy[2 * k + 1]);
    }
    return x1 - x0 < 2 * tol && y1 - y0 < 2 * tol;
}

/* G with ring r simplified to TOL[r] (0: every vertex not in line with its neighbours), keeping
 * also the vertices FORCE marks (when not NULL). SRC and VSRC, when not NULL, get the source ring
 * of each ring and the source vertex of each vertex of the result. */
static incmap_geom *simplify_rings(const incmap_geom *g, const double *tol, const bool *force,
                                   size_t *src, size_t *vsrc)
{
    if (g->type != INCMAP_GEOM_POLYGON && g->type != INCMAP_GEOM_MULTIPOLYGON) {
        return incmap_geom_clone(g);
    }
    bool *keep = calloc(g->npoints + 1, sizeof *keep);
    size_t *ring_n = calloc(g->nrings + 1, sizeof *ring_n); /* kept vertices per ring, 0: dropped */
    if (keep == NULL || ring_n == NULL) {
        free(keep);
        free(ring_n);
        return NULL;
    }
    size_t npts = 0, nrings = 0, npolys = 0, r = 0;
    bool ok = true;
    for (size_t p = 0; p < g->npolys && ok; p++) {
        size_t first_ring = r;
        for (; r < g->poly_end[p]; r++) {
            size_t a = r > 0 ? g->ring_end[r - 1] : 0, b = g->ring_end[r];
            bool shell_dropped = r > first_ring && ring_n[first_ring] == 0;
            if (b - a < 4 || shell_dropped || small_ring(g->xy, a, b, tol[r])) {
                continue;
            }
            ok = douglas_peucker(g->xy, a, b, tol[r], keep);
            for (size_t k = a; k < b; k++) {
                keep[k] |= force != NULL && force[k];
                ring_n[r] += keep[k];
            }
            if (ring_n[r] < 4) {
                ring_n[r] = 0; /* collapsed to a sliver */
            }
            npts += ring_n[r];
            nrings += ring_n[r] > 0;
        }
        npolys += ring_n[first_ring] > 0;
    }
    incmap_geom *out = NULL;
    if (ok && npolys == 0) {
        out = incmap_geom_clone(g); /* everything is tiny: keep it as it is */
        for (size_t i = 0; src != NULL && i < g->nrings; i++) {
            src[i] = i;
        }
        for (size_t i = 0; vsrc != NULL && i < g->npoints; i++) {
            vsrc[i] = i;
        }
    } else if (ok) {
        out = incmap_geom_create(npolys > 1 ? INCMAP_GEOM_MULTIPOLYGON : INCMAP_GEOM_POLYGON, npts,
                                 nrings, npolys);
    }
    if (out != NULL && npolys > 0) {
        size_t v = 0, ro = 0, po = 0;
        r = 0;
        for (size_t p = 0; p < g->npolys; p++) {
            size_t first_ring = r;
            for (; r < g->poly_end[p]; r++) {
                if (ring_n[r] == 0 || ring_n[first_ring] == 0) {
                    continue;
                }
                size_t a = r > 0 ? g->ring_end[r - 1] : 0, b = g->ring_end[r];
                for (size_t k = a; k < b; k++) {
                    if (keep[k]) {
                        if (vsrc != NULL) {
                            vsrc[v] = k;
                        }
                        out->xy[2 * v] = g->xy[2 * k];
                        out->xy[2 * v + 1] = g->xy[2 * k + 1];
                        v++;
                    }
                }
                if (src != NULL) {
                    src[ro] = r;
                }
                out->ring_end[ro++] = v;
            }
            if (ring_n[first_ring] > 0) {
                out->poly_end[po++] = ro;
            }
        }
    }
    free(keep);
    free(ring_n);
    return out;
}

incmap_geom *incmap_geom_simplify(const incmap_geom *g, double tol_deg)
{
    double *tol = malloc((g->nrings + 1) * sizeof *tol);
    if (tol == NULL) {
        return NULL;
    }
    for (size_t r = 0; r < g->nrings; r++) {
        tol[r] = tol_deg;
    }
    incmap_geom *out = simplify_rings(g, tol, NULL, NULL, NULL);
    free(tol);
    return out;
}

/* ---- validity guard: Douglas-Peucker on each ring alone can make a ring cross itself or a
 * neighbour (a fjord's two shores, two close islands), and PostGIS ST_Union rejects such a
 * polygon. A sweep over the segments sorted by their west end finds any two that cross. */

typedef struct {
    double x0, y0, x1, y1; /* x0 <= x1 */
    size_t ring, k, n;     /* ring index; segment k of the ring's n */
    size_t v;              /* index of its first vertex in G */
} seg;

static int cmp_seg(const void *a, const void *b)
{
    double d = ((const seg *)a)->x0 - ((const seg *)b)->x0;
    return d < 0 ? -1 : d > 0;
}

static double orient(double ax, double ay, double bx, double by, double cx, double cy)
{
    return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

static bool on_segment(double ax, double ay, double bx, double by, double px, double py)
{
    return fmin(ax, bx) <= px && px <= fmax(ax, bx) && fmin(ay, by) <= py && py <= fmax(ay, by);
}

static bool same_point(double ax, double ay, double bx, double by)
{
    return ax == bx && ay == by;
}

/* P lies on segment s other than at its ends. */
static bool inside(const seg *s, double px, double py)
{
    return on_segment(s->x0, s->y0, s->x1, s->y1, px, py) && !same_point(s->x0, s->y0, px, py) &&
           !same_point(s->x1, s->y1, px, py);
}

/* Segments a and b meet. Neighbours in a ring share their common vertex, which does not count;
 * they meet only when one folds back along the other (a spike). */
static bool segs_meet(const seg *a, const seg *b)
{
    double d1 = orient(b->x0, b->y0, b->x1, b->y1, a->x0, a->y0);
    double d2 = orient(b->x0, b->y0, b->x1, b->y1, a->x1, a->y1);
    double d3 = orient(a->x0, a->y0, a->x1, a->y1, b->x0, b->y0);
    double d4 = orient(a->x0, a->y0, a->x1, a->y1, b->x1, b->y1);
    size_t d = a->k > b->k ? a->k - b->k : b->k - a->k;
    if (a->ring == b->ring && (d == 1 || d == a->n - 1)) {
        /* the far end of one on the other, other than at the shared vertex */
        return (d1 == 0 && !same_point(a->x0, a->y0, b->x0, b->y0) &&
                !same_point(a->x0, a->y0, b->x1, b->y1) &&
                on_segment(b->x0, b->y0, b->x1, b->y1, a->x0, a->y0)) ||
               (d2 == 0 && !same_point(a->x1, a->y1, b->x0, b->y0) &&
                !same_point(a->x1, a->y1, b->x1, b->y1) &&
                on_segment(b->x0, b->y0, b->x1, b->y1, a->x1, a->y1)) ||
               (d3 == 0 && !same_point(b->x0, b->y0, a->x0, a->y0) &&
                !same_point(b->x0, b->y0, a->x1, a->y1) &&
                on_segment(a->x0, a->y0, a->x1, a->y1, b->x0, b->y0)) ||
               (d4 == 0 && !same_point(b->x1, b->y1, a->x0, a->y0) &&
                !same_point(b->x1, b->y1, a->x1, a->y1) &&
                on_segment(a->x0, a->y0, a->x1, a->y1, b->x1, b->y1));
    }
    if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
        return true;
    }
    if (a->ring != b->ring) {
        /* two rings may touch at a point, not share a stretch of edge */
        return d1 == 0 && d2 == 0 &&
               (inside(b, a->x0, a->y0) || inside(b, a->x1, a->y1) || inside(a, b->x0, b->y0) ||
                inside(a, b->x1, b->y1));
    }
    return (d1 == 0 && on_segment(b->x0, b->y0, b->x1, b->y1, a->x0, a->y0)) ||
           (d2 == 0 && on_segment(b->x0, b->y0, b->x1, b->y1, a->x1, a->y1)) ||
           (d3 == 0 && on_segment(a->x0, a->y0, a->x1, a->y1, b->x0, b->y0)) ||
           (d4 == 0 && on_segment(a->x0, a->y0, a->x1, a->y1, b->x1, b->y1));
}

/* True when two edges of G's rings cross or touch (G is then not a valid (multi)polygon), or
 * when G has more than `max_segs` edges (not checked: the caller keeps what it had). BAD, one
 * flag a vertex, gets the first vertex of every edge that meets another. */
static bool rings_meet(const incmap_geom *g, size_t max_segs, bool *bad)
{
    if (g->npoints > max_segs) {
        return true;
    }
    seg *s = malloc((g->npoints + 1) * sizeof *s);
    if (s == NULL) {
        return true;
    }
    size_t n = 0;
    for (size_t r = 0; r < g->nrings; r++) {
        size_t a = r > 0 ? g->ring_end[r - 1] : 0, b = g->ring_end[r];
        for (size_t k = a; k + 1 < b; k++) {
            const double *p = &g->xy[2 * k], *q = &g->xy[2 * k + 2];
            if (same_point(p[0], p[1], q[0], q[1])) {
                continue; /* a repeated vertex is no edge */
            }
            bool fwd = p[0] <= q[0];
            s[n++] = (seg){fwd ? p[0] : q[0],
                           fwd ? p[1] : q[1],
                           fwd ? q[0] : p[0],
                           fwd ? q[1] : p[1],
                           r,
                           k - a,
                           b - a - 1,
                           k};
        }
    }
    qsort(s, n, sizeof *s, cmp_seg);
    bool meet = false;
    for (size_t i = 0; i < n; i++) {
        double ylo = fmin(s[i].y0, s[i].y1), yhi = fmax(s[i].y0, s[i].y1);
        for (size_t j = i + 1; j < n && s[j].x0 <= s[i].x1; j++) {
            if (fmax(s[j].y0, s[j].y1) >= ylo && fmin(s[j].y0, s[j].y1) <= yhi &&
                segs_meet(&s[i], &s[j])) {
                meet = true;
                bad[s[i].v] = bad[s[j].v] = true;
            }
        }
    }
    free(s);
    return meet;
}

/* Rounds G to the 6 decimals GeoJSON is written with (what is checked is what is written), then
 * drops repeated vertices and vertices in line with their neighbours: rounding can fold two
 * nearly parallel edges onto each other (a spike), and a vertex in line adds nothing. */
static bool snap_and_clean(incmap_geom *g, size_t *vsrc, size_t *collapsed)
{
    for (size_t i = 0; i < 2 * g->npoints; i++) {
        g->xy[i] = round(g->xy[i] * 1e6) / 1e6;
    }
    size_t w = 0, a = 0;
    for (size_t r = 0; r < g->nrings; r++) {
        size_t b = g->ring_end[r], start = w;
        for (size_t k = a; k < b; k++) {
            const double *q = &g->xy[2 * k];
            while (w - start >= 2 &&
                   orient(g->xy[2 * (w - 2)], g->xy[2 * (w - 2) + 1], g->xy[2 * (w - 1)],
                          g->xy[2 * (w - 1) + 1], q[0], q[1]) == 0) {
                w--; /* the last kept vertex is in line with its neighbours (or repeated) */
            }
            if (w - start == 1 && same_point(g->xy[2 * start], g->xy[2 * start + 1], q[0], q[1]) &&
                k + 1 < b) {
                continue;
            }
            g->xy[2 * w] = q[0];
            g->xy[2 * w + 1] = q[1];
            vsrc[w] = vsrc[k];
            w++;
        }
        a = b;
        g->ring_end[r] = w;
        if (w - start < 4) {
            g->npoints = w;
            *collapsed = r;
            return false; /* a ring collapsed at this tolerance */
        }
    }
    g->npoints = w;
    return true;
}

/* The most edges the guard checks: a simplified outline has hundreds. */
#define OUTLINE_CHECK_MAX_POINTS 20000

/* Ring [a, b) of XY holds P (crossing number). */
static bool ring_holds(const double *xy, size_t a, size_t b, incmap_lonlat p)
{
    bool in = false;
    for (size_t i = a, j = b - 1; i < b; j = i++) {
        double xi = xy[2 * i], yi = xy[2 * i + 1], xj = xy[2 * j], yj = xy[2 * j + 1];
        if ((yi > p.lat_deg) != (yj > p.lat_deg) &&
            p.lon_deg < xj + (p.lat_deg - yj) * (xi - xj) / (yi - yj)) {
            in = !in;
        }
    }
    return in;
}

/* Marks in BAD (by ring of G) the rings whose simplification S (ring i from G's ring SRC[i])
 * moved P across: inside the one, outside the other, or dropped while holding it. */
static void mark_moved(const incmap_geom *g, const incmap_geom *s, const size_t *src,
                       incmap_lonlat p, bool *bad)
{
    for (size_t r = 0; r < g->nrings; r++) {
        bad[r] = ring_holds(g->xy, r > 0 ? g->ring_end[r - 1] : 0, g->ring_end[r], p);
    }
    for (size_t i = 0; i < s->nrings; i++) {
        bad[src[i]] ^= ring_holds(s->xy, i > 0 ? s->ring_end[i - 1] : 0, s->ring_end[i], p);
    }
}

/* The vertex of XY strictly between A and B farthest from chord A-B (0 when none is). */
static size_t farthest(const double *xy, size_t a, size_t b)
{
    double ax = xy[2 * a], ay = xy[2 * a + 1], dx = xy[2 * b] - ax, dy = xy[2 * b + 1] - ay;
    double worst = -1;
    size_t at = 0;
    for (size_t k = a + 1; k < b; k++) {
        double px = xy[2 * k] - ax, py = xy[2 * k + 1] - ay;
        double d = fabs(px * dy - py * dx) + 1e-12 * (px * px + py * py);
        if (d > worst) {
            worst = d;
            at = k;
        }
    }
    return at;
}

/* G simplified to about TOL_DEG and made valid where it is not, locally: an edge that meets
 * another gets back the source vertex farthest from it (and so on until no two edges meet); a
 * ring that collapses or loses the representative point AT gets a finer tolerance (halved ten
 * times, then its full resolution). One fjord or islet must not keep a whole country (Alaska's
 * coast, the Aleutians) at full size. G itself when that does not converge. */
incmap_geom *incmap_geom_simplify_valid(const incmap_geom *g, double tol_deg, incmap_lonlat at)
{
    size_t nr = g->nrings + 1, nv = g->npoints + 1;
    double *tol = malloc(nr * sizeof *tol);
    size_t *src = malloc(nr * sizeof *src), *vsrc = malloc(nv * sizeof *vsrc);
    bool *bad = malloc(nr * sizeof *bad), *bad_v = malloc(nv * sizeof *bad_v);
    bool *force = calloc(nv, sizeof *force);
    incmap_geom *out = NULL;
    bool failed =
        tol == NULL || src == NULL || vsrc == NULL || bad == NULL || bad_v == NULL || force == NULL;
    bool held = !failed && incmap_geom_contains(g, at);
    for (size_t r = 0; !failed && r < g->nrings; r++) {
        tol[r] = tol_deg;
    }
    for (int round = 0; !failed && round < 100; round++) {
        incmap_geom *s = simplify_rings(g, tol, force, src, vsrc);
        if (s == NULL) {
            failed = true;
            break;
        }
        memset(bad, 0, nr * sizeof *bad);
        memset(bad_v, 0, nv * sizeof *bad_v);
        size_t collapsed = 0;
        bool refined = false;
        if (!snap_and_clean(s, vsrc, &collapsed)) {
            bad[src[collapsed]] = true;
        } else if (rings_meet(s, OUTLINE_CHECK_MAX_POINTS, bad_v)) {
            for (size_t i = 0, v = 0; i < s->nrings; i++) {
                for (; v + 1 < s->ring_end[i]; v++) {
                    size_t k = bad_v[v] ? farthest(g->xy, vsrc[v], vsrc[v + 1]) : 0;
                    if (k > 0 && !force[k]) {
                        force[k] = refined = true;
                    }
                }
                v = s->ring_end[i];
            }
        } else if (held && !incmap_geom_contains(s, at)) {
            mark_moved(g, s, src, at, bad);
        } else {
            out = s;
            break;
        }
        incmap_geom_destroy(s);
        for (size_t r = 0; r < g->nrings; r++) {
            if (bad[r] && tol[r] > 0) {
                tol[r] = tol[r] / 2 < tol_deg / 1024 ? 0 : tol[r] / 2;
                refined = true;
            }
        }
        if (!refined) {
            break; /* the offending edges are at full resolution already */
        }
    }
    free(tol);
    free(src);
    free(vsrc);
    free(bad);
    free(bad_v);
    free(force);
    return out != NULL || failed ? out : incmap_geom_clone(g);
}

/* Simplified outlines shared by every report of the process: a country named in a thousand
 * reports is decoded and simplified once. Bounded; entries are handed out as copies, so evicting
 * one never pulls a geometry from under another thread. */
#define OUTLINE_SLOTS 256

static struct {
    pthread_mutex_t lock;
    const incmap_gazetteer *gz[OUTLINE_SLOTS];
    const incmap_place *place[OUTLINE_SLOTS];
    incmap_geom *geom[OUTLINE_SLOTS];
    size_t next;
} outlines = {.lock = PTHREAD_MUTEX_INITIALIZER};

incmap_geom *incmap_area_outline(const incmap_gazetteer *gz, incmap_ctx *ctx, const incmap_place *p)
{
    pthread_mutex_lock(&outlines.lock);
    for (size_t i = 0; i < OUTLINE_SLOTS; i++) {
        if (outlines.place[i] == p && outlines.gz[i] == gz && outlines.geom[i] != NULL) {
            incmap_geom *copy = incmap_geom_clone(outlines.geom[i]);
            pthread_mutex_unlock(&outlines.lock);
            return copy;
        }
    }
    pthread_mutex_unlock(&outlines.lock);
    incmap_geom *full = incmap_place_geometry(gz, ctx, p);
    if (full == NULL || full->type == INCMAP_GEOM_POINT) {
        return full;
    }
    /* 1/400 of the extent (at least ~2 km): invisible at the scale the area is drawn, and it
     * keeps the GeoJSON of a report that names a few countries in kilobytes, not megabytes */
    double bb[4] = {0, 0, 0, 0};
    incmap_geom_bbox(full, bb);
    incmap_geom *g = incmap_geom_simplify_valid(
        full, fmax(0.02, hypot(bb[2] - bb[0], bb[3] - bb[1]) / 400.0), incmap_place_point(p));
    incmap_geom_destroy(full);
    incmap_geom *keep = g != NULL ? incmap_geom_clone(g) : NULL;
    if (keep != NULL) {
        pthread_mutex_lock(&outlines.lock);
        size_t at = outlines.next++ % OUTLINE_SLOTS;
        incmap_geom_destroy(outlines.geom[at]);
        outlines.gz[at] = gz;
        outlines.place[at] = p;
        outlines.geom[at] = keep;
        pthread_mutex_unlock(&outlines.lock);
    }
    return g;
}

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

incmap_geom *incmap_geom_simplify(const incmap_geom *g, double tol_deg)
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
            if (b - a < 4 || shell_dropped || small_ring(g->xy, a, b, tol_deg)) {
                continue;
            }
            ok = douglas_peucker(g->xy, a, b, tol_deg, keep);
            for (size_t k = a; k < b; k++) {
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
                        out->xy[2 * v] = g->xy[2 * k];
                        out->xy[2 * v + 1] = g->xy[2 * k + 1];
                        v++;
                    }
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
    incmap_geom *g =
        incmap_geom_simplify(full, fmax(0.02, hypot(bb[2] - bb[0], bb[3] - bb[1]) / 400.0));
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

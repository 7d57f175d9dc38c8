/* Reverse geocoding, part 2: the country and admin-1 containing a point, and at sea the nearest
 * country. On first use every polygon of the country and admin-1 areas (Natural Earth, ~12,000
 * polygons and 630,000 vertices in the default gazetteer) gets its bounding box, and a grid of
 * 1-degree cells lists the polygons whose box meets each cell, all in one block (~1 MB); the
 * vertices stay in the mapped index and are tested in place. A query tests only the polygons
 * listed in its cell, box first.
 * Hand-written over the index's own arrays: GEOS (through GDAL) would cost 40 ms to load and a
 * copy of every polygon, for a test that is a dozen lines here. */
#include "core/geodesy.h"
#include "gazetteer/gzspatial.h"

#include <string.h>

typedef struct {
    double box[4]; /* west, south, east, north of the shell */
    uint32_t entry, geom, poly;
    uint32_t kind;
} area_part;

typedef struct {
    size_t nparts, nrefs;
    uint32_t cell_start[GZS_NCELLS + 1];
    /* then area_part parts[nparts], then uint32_t refs[nrefs] (part numbers by cell) */
} areas_index;

static area_part *parts_of(const areas_index *ix)
{
    return (area_part *)(void *)((unsigned char *)(uintptr_t)ix + sizeof *ix);
}

static uint32_t *refs_of(const areas_index *ix)
{
    return (uint32_t *)(void *)(parts_of(ix) + ix->nparts);
}

static bool is_area_kind(uint8_t kind)
{
    return kind == INCMAP_KIND_COUNTRY || kind == INCMAP_KIND_ADMIN1;
}

/* The rings of polygon P of a view: [*r0, *r1). */
static void poly_rings(const gz_geom_view *v, uint32_t p, uint32_t *r0, uint32_t *r1)
{
    *r0 = p == 0 ? 0 : v->poly_end[p - 1];
    *r1 = v->poly_end[p];
}

static uint32_t ring_begin(const gz_geom_view *v, uint32_t r)
{
    return r == 0 ? 0 : v->ring_end[r - 1];
}

/* The area entries' polygons, with their shells' boxes: counts them when PARTS is NULL. */
static const char *collect(const incmap_gazetteer *gz, area_part *parts, size_t *n)
{
    *n = 0;
    for (uint32_t i = 0; i < gz->h.nentries; i++) {
        if (!incmap_gz_span_ok(gz, &gz->sums[i], sizeof gz->sums[i])) {
            return "checksum mismatch in the summaries";
        }
        if (!is_area_kind(gz->sums[i].kind)) {
            continue; /* the summary says the kind: no need to touch the other records */
        }
        const gz_rec *r = incmap_gz_entry(gz, i);
        if (r == NULL) {
            return "damaged entry record";
        }
        gz_geom_view v;
        const char *bad;
        if (r->geom == 0 || !is_area_kind(r->kind)) {
            continue;
        }
        if ((bad = incmap_gz_geom_view(gz, r->geom - 1, &v)) != NULL) {
            return bad;
        }
        if (v.g->type != INCMAP_GEOM_POLYGON && v.g->type != INCMAP_GEOM_MULTIPOLYGON) {
            continue;
        }
        for (uint32_t p = 0; p < v.g->npolys; p++, (*n)++) {
            uint32_t r0, r1;
            poly_rings(&v, p, &r0, &r1);
            if (parts == NULL) {
                continue;
            }
            area_part *a = &parts[*n];
            *a =
                (area_part){{INFINITY, INFINITY, -INFINITY, -INFINITY}, i, r->geom - 1, p, r->kind};
            if (r0 == r1) {
                continue; /* no rings: an empty box, in no cell */
            }
            for (uint32_t k = ring_begin(&v, r0); k < v.ring_end[r0]; k++) {
                double x = v.xy[2 * k], y = v.xy[2 * k + 1];
                a->box[0] = fmin(a->box[0], x), a->box[1] = fmin(a->box[1], y);
                a->box[2] = fmax(a->box[2], x), a->box[3] = fmax(a->box[3], y);
            }
        }
    }
    return NULL;
}

static bool box_ok(const double b[4])
{
    return b[0] <= b[2] && b[1] <= b[3];
}

static void *build(const incmap_gazetteer *gz, incmap_ctx *ctx)
{
    size_t n = 0, nrefs = 0;
    const char *bad = collect(gz, NULL, &n);
    areas_index *ix = NULL;
    if (bad == NULL && (ix = calloc(1, sizeof *ix + n * sizeof(area_part))) != NULL) {
        ix->nparts = n;
        bad = collect(gz, parts_of(ix), &n);
    }
    if (bad != NULL || ix == NULL) {
        free(ix);
        if (bad != NULL) {
            incmap_gz_corrupt(gz, ctx, bad);
        } else {
            incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory indexing the areas");
        }
        return NULL;
    }
    const area_part *parts = parts_of(ix);
    for (int pass = 0; pass < 2; pass++) { /* count the cells' parts, then list them */
        uint32_t *refs = pass == 1 ? refs_of(ix) : NULL;
        for (size_t i = 0; i < ix->nparts; i++) {
            const double *b = parts[i].box;
            if (!box_ok(b)) {
                continue;
            }
            for (uint32_t band = gzs_band(b[1]); band <= gzs_band(b[3]); band++) {
                for (uint32_t col = gzs_col(b[0]); col <= gzs_col(b[2]); col++) {
                    uint32_t c = band * GZS_COLS + col;
                    if (pass == 0) {
                        ix->cell_start[c + 1]++;
                        nrefs++;
                    } else {
                        refs[ix->cell_start[c]++] = (uint32_t)i;
                    }
                }
            }
        }
        if (pass == 0) {
            for (uint32_t c = 0; c < GZS_NCELLS; c++) {
                ix->cell_start[c + 1] += ix->cell_start[c];
            }
            areas_index *grown = realloc(ix, sizeof *ix + n * sizeof(area_part) + nrefs * 4);
            if (grown == NULL) {
                free(ix);
                incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory indexing the areas");
                return NULL;
            }
            ix = grown;
            ix->nrefs = nrefs;
            parts = parts_of(ix);
        }
    }
    /* filling advanced each cell's start to the next cell's: shift them back */
    memmove(ix->cell_start + 1, ix->cell_start, GZS_NCELLS * sizeof ix->cell_start[0]);
    ix->cell_start[0] = 0;
    return ix;
}

static bool in_box(const double b[4], incmap_lonlat p)
{
    return p.lon_deg >= b[0] && p.lon_deg <= b[2] && p.lat_deg >= b[1] && p.lat_deg <= b[3];
}

static double box_area(const double b[4])
{
    return (b[2] - b[0]) * (b[3] - b[1]);
}

/* Whether polygon a->poly holds P (even-odd over its shell and holes); NULL or what is wrong. */
static const char *part_contains(const incmap_gazetteer *gz, const area_part *a, incmap_lonlat p,
                                 bool *inside)
{
    gz_geom_view v;
    const char *bad = incmap_gz_geom_view(gz, a->geom, &v);
    *inside = false;
    if (bad == NULL) {
        uint32_t r0, r1;
        poly_rings(&v, a->poly, &r0, &r1);
        for (uint32_t r = r0; r < r1; r++) {
            if (v.ring_end[r] > ring_begin(&v, r)) {
                *inside ^= incmap_ring_parity(v.xy, ring_begin(&v, r), v.ring_end[r], p);
            }
        }
    }
    return bad;
}

/* The smaller of two containing areas (by box): an enclave before the country around it. */
static bool better(const area_part *a, const area_part *best)
{
    return best == NULL || box_area(a->box) < box_area(best->box) ||
           (box_area(a->box) == box_area(best->box) && a->entry < best->entry);
}

static const incmap_place *place_of(const incmap_gazetteer *gz, const area_part *a)
{
    return a != NULL ? (const incmap_place *)incmap_gz_entry(gz, a->entry) : NULL;
}

/* Angle (radians) from unit vector P to the great-circle arc A-B, and its nearest point. */
static double arc_distance(const double p[3], const double a[3], const double b[3], double near[3])
{
    double n[3] = {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    double nn = sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
    if (nn > 1e-15) {
        double s = (p[0] * n[0] + p[1] * n[1] + p[2] * n[2]) / nn;
        double f[3] = {p[0] - s * n[0] / nn, p[1] - s * n[1] / nn, p[2] - s * n[2] / nn};
        double fn = sqrt(f[0] * f[0] + f[1] * f[1] + f[2] * f[2]);
        if (fn > 1e-15) {
            f[0] /= fn, f[1] /= fn, f[2] /= fn;
            /* the foot lies on the arc when A-F and F-B both turn the way A-B does */
            double af = (a[1] * f[2] - a[2] * f[1]) * n[0] + (a[2] * f[0] - a[0] * f[2]) * n[1] +
                        (a[0] * f[1] - a[1] * f[0]) * n[2];
            double fb = (f[1] * b[2] - f[2] * b[1]) * n[0] + (f[2] * b[0] - f[0] * b[2]) * n[1] +
                        (f[0] * b[1] - f[1] * b[0]) * n[2];
            if (af >= 0 && fb >= 0) {
                memcpy(near, f, sizeof f);
                return asin(fmin(1.0, fabs(s)));
            }
        }
    }
    double da = acos(fmax(-1.0, fmin(1.0, p[0] * a[0] + p[1] * a[1] + p[2] * a[2])));
    double db = acos(fmax(-1.0, fmin(1.0, p[0] * b[0] + p[1] * b[1] + p[2] * b[2])));
    memcpy(near, da <= db ? a : b, 3 * sizeof(double));
    return da <= db ? da : db;
}

typedef struct {
    incmap_lonlat at;
    double q[3], cos_lat;
    double best; /* angle to the nearest outline point so far */
    double near[3];
    double lon_skip; /* a segment this many degrees of longitude away is past `best` */
} coast;

static void set_best(coast *c, double angle, const double near[3])
{
    c->best = angle;
    memcpy(c->near, near, sizeof c->near);
    double s = c->cos_lat > 0 ? sin(angle) / c->cos_lat : 2;
    c->lon_skip = angle >= M_PI / 2 || s >= 1 ? INFINITY : asin(s) / GZS_RAD;
}

/* Moves c->best to polygon A's outline when nearer; segments are tested on the sphere only when
 * their latitude and longitude gaps do not already put them past the best. */
static const char *to_outline(const incmap_gazetteer *gz, const area_part *a, coast *c)
{
    gz_geom_view v;
    const char *bad = incmap_gz_geom_view(gz, a->geom, &v);
    if (bad != NULL) {
        return bad;
    }
    uint32_t r0, r1;
    poly_rings(&v, a->poly, &r0, &r1);
    double best_deg = c->best / GZS_RAD;
    for (uint32_t r = r0; r < r1; r++) {
        for (uint32_t k = ring_begin(&v, r); k + 1 < v.ring_end[r]; k++) {
            const double *s = &v.xy[2 * k];
            double lo = fmin(s[1], s[3]), hi = fmax(s[1], s[3]);
            double lat_gap = c->at.lat_deg < lo   ? lo - c->at.lat_deg
                             : c->at.lat_deg > hi ? c->at.lat_deg - hi
                                                  : 0;
            double w = fmin(s[0], s[2]), e = fmax(s[0], s[2]), lon_gap = 0;
            if (e - w <= 180 && (c->at.lon_deg < w || c->at.lon_deg > e)) {
                double dw = w - c->at.lon_deg, de = c->at.lon_deg - e;
                lon_gap = fmin(dw + (dw < 0 ? 360.0 : 0), de + (de < 0 ? 360.0 : 0));
            }
            if (lat_gap > best_deg || lon_gap > c->lon_skip) {
                continue;
            }
            double pa[3], pb[3], near[3];
            gzs_unit(s[0], s[1], pa);
            gzs_unit(s[2], s[3], pb);
            double d = arc_distance(c->q, pa, pb, near);
            if (d < c->best) {
                set_best(c, d, near);
                best_deg = d / GZS_RAD;
            }
        }
    }
    return NULL;
}

typedef struct {
    double bound;
    uint32_t part;
} bounded;

static int by_bound(const void *a, const void *b)
{
    const bounded *x = a, *y = b;
    return x->bound < y->bound   ? -1
           : x->bound > y->bound ? 1
                                 : (x->part > y->part) - (x->part < y->part);
}

/* At sea: the country whose outline is nearest, polygons taken in the order of their boxes'
 * bounds until the bound passes the best outline distance. */
static incmap_status nearest_country(const incmap_gazetteer *gz, incmap_ctx *ctx,
                                     const areas_index *ix, incmap_lonlat at,
                                     incmap_containing *out)
{
    const area_part *parts = parts_of(ix);
    bounded *order = malloc((ix->nparts + 1) * sizeof *order);
    if (order == NULL) {
        return incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory finding the nearest country");
    }
    coast c = {.at = at, .cos_lat = cos(at.lat_deg * GZS_RAD)};
    gzs_unit(at.lon_deg, at.lat_deg, c.q);
    set_best(&c, INFINITY, c.q);
    size_t n = 0, first = SIZE_MAX;
    for (size_t i = 0; i < ix->nparts; i++) {
        if (parts[i].kind == INCMAP_KIND_COUNTRY && box_ok(parts[i].box)) {
            order[n] = (bounded){gzs_box_bound(at.lon_deg, at.lat_deg, c.cos_lat, parts[i].box),
                                 (uint32_t)i};
            first = first == SIZE_MAX || order[n].bound < order[first].bound ? n : first;
            n++;
        }
    }
    /* the polygon of the lowest bound first: its distance then rules out most of the others
     * before any sorting */
    const area_part *best = NULL;
    const char *bad = first != SIZE_MAX ? to_outline(gz, &parts[order[first].part], &c) : NULL;
    best = first != SIZE_MAX && isfinite(c.best) ? &parts[order[first].part] : NULL;
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        if (i != first && order[i].bound < c.best) {
            order[kept++] = order[i];
        }
    }
    qsort(order, kept, sizeof *order, by_bound);
    for (size_t i = 0; i < kept && order[i].bound < c.best && bad == NULL; i++) {
        double before = c.best;
        bad = to_outline(gz, &parts[order[i].part], &c);
        best = c.best < before ? &parts[order[i].part] : best;
    }
    free(order);
    if (bad != NULL) {
        return incmap_gz_corrupt(gz, ctx, bad);
    }
    if (best == NULL) {
        return INCMAP_OK; /* no country polygons */
    }
    incmap_lonlat p = {atan2(c.near[1], c.near[0]) / GZS_RAD,
                       atan2(c.near[2], hypot(c.near[0], c.near[1])) / GZS_RAD};
    double m = 0, az = 0;
    incmap_status st = incmap_geodesic_inverse(ctx, at, p, &m, &az);
    if (st == INCMAP_OK) {
        out->nearest_country = place_of(gz, best);
        out->nearest_country_km = m / 1000.0;
    }
    return st;
}

incmap_status incmap_gazetteer_containing(const incmap_gazetteer *gz, incmap_ctx *ctx,
                                          incmap_lonlat at, incmap_containing *out)
{
    *out = (incmap_containing){NULL, NULL, NULL, NAN};
    if (!gzs_point_ok(at)) {
        return incmap_fail(ctx, INCMAP_ERR_INVALID_ARG,
                           "point %g, %g is off the globe (longitude -180..180, latitude -90..90)",
                           at.lon_deg, at.lat_deg);
    }
    const areas_index *ix = gzs_lazy(gz, ctx, GZ_LAZY_AREAS, build);
    if (ix == NULL) {
        return incmap_ctx_status(ctx);
    }
    const area_part *parts = parts_of(ix), *country = NULL;
    const area_part *admin1[16];
    size_t nadmin1 = 0;
    const uint32_t *refs = refs_of(ix);
    uint32_t cell = gzs_band(at.lat_deg) * GZS_COLS + gzs_col(at.lon_deg);
    for (uint32_t i = ix->cell_start[cell]; i < ix->cell_start[cell + 1]; i++) {
        const area_part *a = &parts[refs[i]];
        bool inside = false;
        const char *bad = in_box(a->box, at) ? part_contains(gz, a, at, &inside) : NULL;
        if (bad != NULL) {
            return incmap_gz_corrupt(gz, ctx, bad);
        }
        if (inside && a->kind == INCMAP_KIND_COUNTRY && better(a, country)) {
            country = a;
        } else if (inside && a->kind == INCMAP_KIND_ADMIN1 && nadmin1 < 16) {
            admin1[nadmin1++] = a;
        }
    }
    /* the admin-1 of the containing country first, then the smallest */
    const char *cc = country != NULL ? incmap_place_country(place_of(gz, country)) : NULL;
    const area_part *a1 = NULL;
    for (int same = 1; same >= 0 && a1 == NULL; same--) {
        for (size_t i = 0; i < nadmin1; i++) {
            const char *acc = incmap_place_country(place_of(gz, admin1[i]));
            if ((!same || cc == NULL || strcmp(acc, cc) == 0) && better(admin1[i], a1)) {
                a1 = admin1[i];
            }
        }
    }
    out->admin1 = place_of(gz, a1);
    out->country = place_of(gz, country);
    if (out->country == NULL && out->admin1 != NULL) {
        out->country = incmap_gazetteer_country(gz, incmap_place_country(out->admin1));
    }
    if (out->country != NULL) {
        out->nearest_country = out->country;
        out->nearest_country_km = 0;
        return INCMAP_OK;
    }
    return nearest_country(gz, ctx, ix, at, out);
}

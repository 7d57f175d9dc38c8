/* Reverse geocoding, part 1: the places nearest a point. The gazetteer's points (places and
 * sites) go, on first use, into a grid of 1-degree cells held in one block (~7 MB; built in tens
 * of milliseconds from the mapped index, so the index format stays as it is). A query walks the
 * latitude bands outward from the point and, in each, the cells east and west, skipping what a
 * lower bound on the great-circle distance puts beyond the current candidates; the survivors are
 * ranked by their geodesic distance on WGS84.
 * Hand-written: the C libraries Debian has for nearest neighbours (FLANN, libspatialindex, GEOS's
 * STRtree) are C++ behind a C shim, planar, or answer only the single nearest item. */
#include "core/geodesy.h"
#include "core/vec.h"
#include "gazetteer/gzspatial.h"

#include <stdlib.h>
#include <string.h>

/* The sphere's distances differ from the ellipsoid's by under 0.6% either way, so every place
 * within this factor of the N-th nearest on the sphere is re-ranked geodesically: no place the
 * ellipsoid puts among the N nearest is missed. */
#define NEAR_SPHERE_MARGIN 1.02
/* ... plus this much (20 m), for the rounding of the points' float unit vectors */
#define NEAR_SLACK_RAD 3e-6

/* 16 bytes a point, so the grid of the default gazetteer's 205,000 points is 3.3 MB: building it
 * is mostly first writes to fresh pages. Floats put a point within a metre on the sphere, which
 * NEAR_SLACK_RAD covers. */
typedef struct {
    float v[3];          /* unit vector */
    uint32_t entry_kind; /* entry << 3 | kind (entries are below 2^29: GZ_MAX_ENTRIES) */
} near_pt;

typedef struct {
    size_t npts;
    uint32_t cell_start[GZS_NCELLS + 1];
    near_pt pts[]; /* by cell, then entry */
} near_index;

static bool is_point_kind(uint8_t kind)
{
    return kind == INCMAP_KIND_PLACE || kind == INCMAP_KIND_SITE;
}

static void *build(const incmap_gazetteer *gz, incmap_ctx *ctx)
{
    uint32_t n = gz->h.nentries;
    uint32_t *cell = malloc(((size_t)n + 1) * sizeof *cell);
    uint32_t *count = calloc(GZS_NCELLS + 1, sizeof *count);
    near_index *ix = NULL;
    size_t m = 0;
    bool ok = false;
    if (cell == NULL || count == NULL) {
        incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory indexing the gazetteer's places");
        goto out;
    }
    for (uint32_t i = 0; i < n; i++) {
        const gz_rec *r = incmap_gz_entry(gz, i);
        if (r == NULL) {
            incmap_gz_corrupt(gz, ctx, "damaged entry record");
            goto out;
        }
        incmap_lonlat p = {r->lon_deg, r->lat_deg};
        cell[i] = UINT32_MAX;
        if (is_point_kind(r->kind) && gzs_point_ok(p)) {
            cell[i] = gzs_band(p.lat_deg) * GZS_COLS + gzs_col(p.lon_deg);
            count[cell[i]]++;
            m++;
        }
    }
    if ((ix = malloc(sizeof *ix + m * sizeof(near_pt))) == NULL) {
        incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory indexing the gazetteer's places");
        goto out;
    }
    ix->npts = m;
    uint32_t at = 0;
    for (uint32_t c = 0; c < GZS_NCELLS; c++) {
        ix->cell_start[c] = at;
        at += count[c];
        count[c] = ix->cell_start[c]; /* now the next free slot of the cell */
    }
    ix->cell_start[GZS_NCELLS] = at;
    for (uint32_t i = 0; i < n; i++) {
        if (cell[i] != UINT32_MAX) {
            const gz_rec *r = incmap_gz_entry(gz, i); /* checked in the first pass */
            near_pt *pt = &ix->pts[count[cell[i]]++];
            double v[3];
            gzs_unit(r->lon_deg, r->lat_deg, v);
            *pt = (near_pt){{(float)v[0], (float)v[1], (float)v[2]}, i << 3 | r->kind};
        }
    }
    ok = true;
out:
    free(cell);
    free(count);
    if (!ok) {
        free(ix);
        return NULL;
    }
    return ix;
}

typedef struct {
    double c2; /* squared chord to the query */
    uint32_t pt;
} hit;

typedef struct {
    const near_index *ix;
    incmap_lonlat at;
    double q[3], cos_lat;
    uint32_t kind; /* 0: places and sites */
    size_t want;
    double *heap; /* max-heap of the `want` smallest c2 seen */
    size_t nheap;
    hit *cand; /* every point within the margin of the heap's top when seen */
    size_t ncand, cap;
    double limit, limit_c2; /* the margin times the heap's top, as an angle and a chord^2 */
    bool nomem;
} search;

static void sift_down(double *h, size_t n)
{
    for (size_t i = 0;;) {
        size_t l = 2 * i + 1, r = l + 1, big = i;
        big = l < n && h[l] > h[big] ? l : big;
        big = r < n && h[r] > h[big] ? r : big;
        if (big == i) {
            return;
        }
        double t = h[i];
        h[i] = h[big];
        h[big] = t;
        i = big;
    }
}

static void heap_push(double *h, size_t n, double v)
{
    size_t i = n;
    h[i] = v;
    while (i > 0 && h[(i - 1) / 2] < h[i]) {
        double t = h[i];
        h[i] = h[(i - 1) / 2];
        h[(i - 1) / 2] = t;
        i = (i - 1) / 2;
    }
}

static void set_limit(search *s)
{
    double top = 2 * asin(fmin(1.0, sqrt(s->heap[0]) / 2)) * NEAR_SPHERE_MARGIN + NEAR_SLACK_RAD;
    s->limit = top;
    s->limit_c2 = top >= M_PI ? INFINITY : pow(2 * sin(top / 2), 2);
}

static void consider(search *s, uint32_t i)
{
    const near_pt *p = &s->ix->pts[i];
    if (s->kind != 0 && (p->entry_kind & 7u) != s->kind) {
        return;
    }
    double dx = p->v[0] - s->q[0], dy = p->v[1] - s->q[1], dz = p->v[2] - s->q[2];
    double c2 = dx * dx + dy * dy + dz * dz;
    if (c2 > s->limit_c2) {
        return;
    }
    if (s->nheap < s->want) {
        heap_push(s->heap, s->nheap++, c2);
        if (s->nheap == s->want) {
            set_limit(s);
        }
    } else if (c2 < s->heap[0]) {
        s->heap[0] = c2;
        sift_down(s->heap, s->nheap);
        set_limit(s);
    }
    if (incmap_grow((void **)&s->cand, &s->cap, s->ncand + 1, sizeof *s->cand) != INCMAP_OK) {
        s->nomem = true;
        return;
    }
    s->cand[s->ncand++] = (hit){c2, i};
}

/* Walks one band's cells from the query's column east, then west, while their bound allows. */
static void walk_band(search *s, uint32_t band, uint32_t col0)
{
    for (int dir = 1; dir >= -1; dir -= 2) {
        for (uint32_t k = dir > 0 ? 0 : 1; k <= GZS_COLS / 2 - (dir > 0 ? 0 : 1); k++) {
            uint32_t col = dir > 0 ? (col0 + k) % GZS_COLS : (col0 + GZS_COLS - k) % GZS_COLS;
            double box[4] = {(double)col - 180.0, (double)band - 90.0, (double)col - 179.0,
                             (double)band - 89.0};
            if (gzs_box_bound(s->at.lon_deg, s->at.lat_deg, s->cos_lat, box) > s->limit) {
                break; /* the bound only grows with k */
            }
            uint32_t c = band * GZS_COLS + col;
            for (uint32_t i = s->ix->cell_start[c]; i < s->ix->cell_start[c + 1]; i++) {
                consider(s, i);
            }
        }
    }
}

static int by_km(const void *a, const void *b)
{
    const incmap_nearby *x = a, *y = b;
    if (x->distance_km != y->distance_km) {
        return x->distance_km < y->distance_km ? -1 : 1;
    }
    const char *ix = incmap_place_id(x->place), *iy = incmap_place_id(y->place);
    return strcmp(ix, iy);
}

/* The candidates within the final margin, measured on the ellipsoid, best MAX into OUT. */
static incmap_status rank(const incmap_gazetteer *gz, incmap_ctx *ctx, search *s,
                          incmap_nearby *out, size_t max, size_t *n)
{
    incmap_nearby *all = malloc((s->ncand + 1) * sizeof *all);
    size_t m = 0;
    if (all == NULL) {
        return incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory ranking nearby places");
    }
    incmap_status st = INCMAP_OK;
    for (size_t i = 0; i < s->ncand && st == INCMAP_OK; i++) {
        if (s->cand[i].c2 > s->limit_c2) {
            continue;
        }
        const near_pt *p = &s->ix->pts[s->cand[i].pt];
        const gz_rec *r = incmap_gz_entry(gz, p->entry_kind >> 3);
        if (r == NULL) {
            st = incmap_gz_corrupt(gz, ctx, "damaged entry record");
            break;
        }
        double m_dist = 0, az = 0;
        st = incmap_geodesic_inverse(ctx, s->at, (incmap_lonlat){r->lon_deg, r->lat_deg}, &m_dist,
                                     &az);
        all[m++] = (incmap_nearby){(const incmap_place *)r, m_dist / 1000.0, az};
    }
    if (st == INCMAP_OK) {
        qsort(all, m, sizeof *all, by_km);
        *n = m < max ? m : max;
        memcpy(out, all, *n * sizeof *out);
    }
    free(all);
    return st;
}

incmap_status incmap_gazetteer_nearest(const incmap_gazetteer *gz, incmap_ctx *ctx,
                                       incmap_lonlat at, incmap_kind kind, incmap_nearby *out,
                                       size_t max, size_t *n)
{
    *n = 0;
    if (!gzs_point_ok(at)) {
        return incmap_fail(ctx, INCMAP_ERR_INVALID_ARG,
                           "point %g, %g is off the globe (longitude -180..180, latitude -90..90)",
                           at.lon_deg, at.lat_deg);
    }
    if (kind != INCMAP_KIND_ANY && !is_point_kind((uint8_t)kind)) {
        return incmap_fail(ctx, INCMAP_ERR_INVALID_ARG,
                           "nearest places are of kind place or site, not %s",
                           incmap_kind_str(kind));
    }
    const near_index *ix = gzs_lazy(gz, ctx, GZ_LAZY_NEAREST, build);
    if (ix == NULL) {
        return incmap_ctx_status(ctx);
    }
    if (max == 0) {
        return INCMAP_OK;
    }
    search s = {.ix = ix, .at = at, .kind = (uint32_t)kind, .want = max};
    gzs_unit(at.lon_deg, at.lat_deg, s.q);
    s.cos_lat = cos(at.lat_deg * GZS_RAD);
    s.limit = INFINITY;
    s.limit_c2 = INFINITY;
    if ((s.heap = malloc(max * sizeof *s.heap)) == NULL) {
        return incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory finding nearby places");
    }
    /* bands outward from the point's, alternately north and south; one direction ends when its
     * latitude gap alone is past the limit (it only grows) */
    uint32_t b0 = gzs_band(at.lat_deg), c0 = gzs_col(at.lon_deg);
    bool north = true, south = true;
    walk_band(&s, b0, c0);
    for (uint32_t d = 1; (north || south) && !s.nomem; d++) {
        if (north &&
            (b0 + d >= GZS_BANDS || ((double)(b0 + d) - 90.0 - at.lat_deg) * GZS_RAD > s.limit)) {
            north = false;
        } else if (north) {
            walk_band(&s, b0 + d, c0);
        }
        if (south && (d > b0 || (at.lat_deg - ((double)(b0 - d) - 89.0)) * GZS_RAD > s.limit)) {
            south = false;
        } else if (south) {
            walk_band(&s, b0 - d, c0);
        }
    }
    incmap_status st =
        s.nomem ? incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory finding nearby places")
                : rank(gz, ctx, &s, out, max, n);
    free(s.heap);
    free(s.cand);
    return st;
}

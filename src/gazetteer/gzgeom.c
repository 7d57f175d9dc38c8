/* Gazetteer stage: geometries and border lines of an open gazetteer. A place's area or a border
 * line is checked in place (bounds, checksums, ring order) and copied out as an incmap_geom; the
 * border table also says which countries touch and how long their shared border is. */
#include "gazetteer/gzread.h"

#include <math.h>
#include <string.h>

const char *incmap_gz_geom_view(const incmap_gazetteer *gz, uint32_t gi, gz_geom_view *v)
{
    if (gi >= gz->h.ngeoms) {
        return "geometry reference out of range";
    }
    const gz_geom *g = &gz->geoms[gi];
    if (!incmap_gz_span_ok(gz, g, sizeof *g)) {
        return "checksum mismatch in the geometries";
    }
    uint64_t need = gz_geom_bytes(g->npoints, g->nrings, g->npolys);
    if (g->type < INCMAP_GEOM_POINT || g->type > INCMAP_GEOM_MULTIPOLYGON || g->data_off % 8 != 0 ||
        g->data_off > gz->gdata_len || need > gz->gdata_len - g->data_off) {
        return "geometry out of bounds";
    }
    const unsigned char *d = gz->gdata + g->data_off;
    if (!incmap_gz_span_ok(gz, d, need)) {
        return "checksum mismatch in the geometries";
    }
    const uint32_t *ring_end = (const uint32_t *)(d + 16 * (uint64_t)g->npoints);
    const uint32_t *poly_end = ring_end + g->nrings;
    uint32_t prev = 0;
    for (uint32_t i = 0; i < g->nrings; i++) {
        if (ring_end[i] < prev || ring_end[i] > g->npoints) {
            return "geometry rings out of order";
        }
        prev = ring_end[i];
    }
    prev = 0;
    for (uint32_t i = 0; i < g->npolys; i++) {
        if (poly_end[i] < prev || poly_end[i] > g->nrings) {
            return "geometry polygons out of order";
        }
        prev = poly_end[i];
    }
    *v = (gz_geom_view){g, (const double *)d, ring_end, poly_end};
    return NULL;
}

static incmap_geom *load_geom(const incmap_gazetteer *gz, incmap_ctx *ctx, uint32_t gi)
{
    gz_geom_view v;
    const char *bad = incmap_gz_geom_view(gz, gi, &v);
    if (bad != NULL) {
        incmap_gz_corrupt(gz, ctx, bad);
        return NULL;
    }
    const gz_geom *g = v.g;
    incmap_geom *out =
        incmap_geom_create((incmap_geom_type)g->type, g->npoints, g->nrings, g->npolys);
    if (out == NULL) {
        incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory reading a gazetteer geometry");
        return NULL;
    }
    if (g->npoints > 0) {
        memcpy(out->xy, v.xy, 16 * (size_t)g->npoints);
    }
    for (uint32_t i = 0; i < g->nrings; i++) {
        out->ring_end[i] = v.ring_end[i];
    }
    for (uint32_t i = 0; i < g->npolys; i++) {
        out->poly_end[i] = v.poly_end[i];
    }
    return out;
}

incmap_geom *incmap_place_geometry(const incmap_gazetteer *gz, incmap_ctx *ctx,
                                   const incmap_place *p)
{
    const gz_rec *r = (const gz_rec *)p;
    if (r->geom != 0) {
        return load_geom(gz, ctx, r->geom - 1);
    }
    incmap_geom *g = incmap_geom_point(r->lon_deg, r->lat_deg);
    if (g == NULL) {
        incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory reading a gazetteer geometry");
    }
    return g;
}

static const gz_border *find_border(const incmap_gazetteer *gz, const char *cc_a, const char *cc_b)
{
    if (cc_a == NULL || cc_b == NULL || strlen(cc_a) != 2 || strlen(cc_b) != 2) {
        return NULL;
    }
    char a[3] = {(char)(cc_a[0] & ~0x20), (char)(cc_a[1] & ~0x20), '\0'};
    char b[3] = {(char)(cc_b[0] & ~0x20), (char)(cc_b[1] & ~0x20), '\0'};
    if (strcmp(a, b) > 0) {
        char t[3];
        memcpy(t, a, 3);
        memcpy(a, b, 3);
        memcpy(b, t, 3);
    }
    for (size_t lo = 0, hi = gz->h.nborders; lo < hi;) {
        size_t mid = lo + (hi - lo) / 2;
        const gz_border *e = &gz->borders[mid];
        int c = strncmp(e->a, a, 2);
        c = c != 0 ? c : strncmp(e->b, b, 2);
        if (c == 0) {
            return e;
        }
        if (c < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return NULL;
}

incmap_geom *incmap_gazetteer_border(const incmap_gazetteer *gz, incmap_ctx *ctx, const char *cc_a,
                                     const char *cc_b)
{
    const gz_border *b = find_border(gz, cc_a, cc_b);
    if (b == NULL) {
        incmap_fail(ctx, INCMAP_ERR_NOT_FOUND, "no border between %s and %s in the gazetteer",
                    cc_a != NULL ? cc_a : "?", cc_b != NULL ? cc_b : "?");
        return NULL;
    }
    return load_geom(gz, ctx, b->geom);
}

/* Length of a polyline on the WGS84 ellipsoid. Border vertices are at most a few km apart, where
 * the local radii of curvature at the mid-latitude give the geodesic to well under a metre. */
static double line_length_km(const incmap_geom *g)
{
    const double a = 6378137.0, f = 1 / 298.257223563, e2 = f * (2 - f);
    const double rad = M_PI / 180;
    double total_m = 0;
    size_t start = 0;
    for (size_t r = 0; r < g->nrings; r++) {
        for (size_t i = start + 1; i < g->ring_end[r]; i++) {
            double lon0 = g->xy[2 * i - 2], lat0 = g->xy[2 * i - 1];
            double lon1 = g->xy[2 * i], lat1 = g->xy[2 * i + 1];
            double phi = (lat0 + lat1) / 2 * rad, s = sin(phi);
            double w = sqrt(1 - e2 * s * s);
            double m = a * (1 - e2) / (w * w * w), n = a / w;
            double dlon = lon1 - lon0;
            dlon = dlon > 180 ? dlon - 360 : dlon < -180 ? dlon + 360 : dlon;
            double dy = m * (lat1 - lat0) * rad, dx = n * cos(phi) * dlon * rad;
            total_m += sqrt(dx * dx + dy * dy);
        }
        start = g->ring_end[r];
    }
    return total_m / 1000;
}

bool incmap_gazetteer_countries_touch(const incmap_gazetteer *gz, const char *cc_a,
                                      const char *cc_b)
{
    return find_border(gz, cc_a, cc_b) != NULL;
}

double incmap_gazetteer_border_length_km(const incmap_gazetteer *gz, const char *cc_a,
                                         const char *cc_b)
{
    const gz_border *b = find_border(gz, cc_a, cc_b);
    if (b == NULL) {
        return NAN;
    }
    incmap_geom *g = load_geom(gz, NULL, b->geom);
    double km = g != NULL ? line_length_km(g) : NAN;
    incmap_geom_destroy(g);
    return km;
}

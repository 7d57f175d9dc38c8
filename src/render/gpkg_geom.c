/* GeoPackage geometry blobs (OGC 12-128r18, 2.1.3): "GP", version, flags, srs_id, an optional
 * envelope, then standard WKB (ISO or EWKB dimension flags). Parsed in two passes over the same
 * reader: count vertices, rings and polygons, then fill an incmap_geom of exactly that size.
 * Every count is checked against the bytes left before it is used, so a corrupt or hostile blob
 * yields NULL, never a large allocation or a read past the end.
 * Hand-written because SQLite has no WKB reader and OGR, which has one, brings libgdal and its
 * ~100 libraries: 40 ms of every render (171 -> 127 ms whole process when it went, commit
 * 4b8abaf); this parser is about 160 lines and fuzzed (tests/fuzz). */
#include "render/base_read.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    const unsigned char *p, *end;
    bool ok;
    /* fill pass: where the next vertex, ring and polygon go (NULL in the count pass) */
    incmap_geom *g;
    size_t pt, ring, poly;
} wkb_reader;

enum { WKB_POINT = 1, WKB_LINE = 2, WKB_POLYGON = 3, WKB_MULTILINE = 5, WKB_MULTIPOLYGON = 6 };

static uint32_t rd_u32(wkb_reader *r, bool le)
{
    if (!r->ok || r->end - r->p < 4) {
        r->ok = false;
        return 0;
    }
    const unsigned char *b = r->p;
    r->p += 4;
    return le ? (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24
              : (uint32_t)b[3] | (uint32_t)b[2] << 8 | (uint32_t)b[1] << 16 | (uint32_t)b[0] << 24;
}

static double rd_f64(const unsigned char *b, bool le)
{
    uint64_t u = 0;
    for (int i = 0; i < 8; i++) {
        u |= (uint64_t)b[le ? i : 7 - i] << (8 * i);
    }
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

/* n vertices of `dims` doubles each: counted, or copied (x, y only) in the fill pass. */
static void rd_coords(wkb_reader *r, bool le, uint32_t n, int dims, size_t *npts)
{
    size_t stride = 8 * (size_t)dims;
    if (!r->ok || (size_t)(r->end - r->p) / stride < n) {
        r->ok = false;
        return;
    }
    if (r->g != NULL) {
        for (uint32_t i = 0; i < n; i++) {
            r->g->xy[2 * r->pt] = rd_f64(r->p + i * stride, le);
            r->g->xy[2 * r->pt + 1] = rd_f64(r->p + i * stride + 8, le);
            r->pt++;
        }
    }
    r->p += n * stride;
    *npts += n;
}

static void rd_geometry(wkb_reader *r, int depth, size_t *npts, size_t *nrings, size_t *npolys,
                        uint32_t *outer_type);

static void rd_ring(wkb_reader *r, bool le, int dims, size_t *npts, size_t *nrings)
{
    uint32_t n = rd_u32(r, le);
    rd_coords(r, le, n, dims, npts);
    if (r->ok && r->g != NULL) {
        r->g->ring_end[r->ring++] = r->pt;
    }
    *nrings += 1;
}

static void rd_geometry(wkb_reader *r, int depth, size_t *npts, size_t *nrings, size_t *npolys,
                        uint32_t *outer_type)
{
    if (!r->ok || r->p >= r->end || depth > 2) {
        r->ok = false;
        return;
    }
    bool le = *r->p++ == 1;
    uint32_t t = rd_u32(r, le);
    int dims = 2 + ((t & 0x80000000u) != 0) + ((t & 0x40000000u) != 0); /* EWKB Z, M flags */
    t &= 0x0fffffffu;
    uint32_t iso = t / 1000; /* ISO: 1000 Z, 2000 M, 3000 ZM */
    dims += iso == 1 || iso == 2 ? 1 : iso == 3 ? 2 : 0;
    t %= 1000;
    if (outer_type != NULL) {
        *outer_type = t;
    }
    switch (t) {
    case WKB_POINT:
        rd_coords(r, le, 1, dims, npts);
        break;
    case WKB_LINE:
        rd_ring(r, le, dims, npts, nrings);
        break;
    case WKB_POLYGON: {
        uint32_t n = rd_u32(r, le);
        for (uint32_t i = 0; r->ok && i < n; i++) {
            rd_ring(r, le, dims, npts, nrings);
        }
        if (r->ok && r->g != NULL) {
            r->g->poly_end[r->poly++] = r->ring;
        }
        *npolys += 1;
        break;
    }
    case WKB_MULTILINE:
    case WKB_MULTIPOLYGON: {
        uint32_t n = rd_u32(r, le);
        for (uint32_t i = 0; r->ok && i < n; i++) {
            const unsigned char *at = r->p;
            uint32_t sub = 0;
            rd_geometry(r, depth + 1, npts, nrings, npolys, &sub);
            /* each part must be the single type the collection names (5 -> 2, 6 -> 3) */
            if (r->ok && sub != t - 3) {
                r->ok = false;
            }
            r->ok = r->ok && r->p > at;
        }
        break;
    }
    default:
        r->ok = false; /* GeometryCollection and curves are not base-layer geometry */
    }
}

incmap_geom *incmap_gpkg_geom(const unsigned char *blob, size_t len, bool *nomem)
{
    *nomem = false;
    if (blob == NULL || len < 8 || blob[0] != 'G' || blob[1] != 'P') {
        return NULL;
    }
    unsigned flags = blob[3];
    static const size_t envelope[8] = {0, 32, 48, 48, 64, SIZE_MAX, SIZE_MAX, SIZE_MAX};
    size_t env = envelope[(flags >> 1) & 7];
    if ((flags & 0x10) != 0 || (flags & 0x20) != 0 || env == SIZE_MAX || len < 8 + env) {
        return NULL; /* empty, extended (non-standard) or malformed */
    }
    wkb_reader r = {blob + 8 + env, blob + len, true, NULL, 0, 0, 0};
    size_t npts = 0, nrings = 0, npolys = 0;
    uint32_t type = 0;
    rd_geometry(&r, 0, &npts, &nrings, &npolys, &type);
    if (!r.ok || npts == 0) {
        return NULL;
    }
    incmap_geom_type gt = type == WKB_POINT                           ? INCMAP_GEOM_POINT
                          : type == WKB_LINE || type == WKB_MULTILINE ? INCMAP_GEOM_MULTILINESTRING
                                                                      : INCMAP_GEOM_MULTIPOLYGON;
    incmap_geom *g = incmap_geom_create(gt, npts, nrings, npolys);
    if (g == NULL) {
        *nomem = true;
        return NULL;
    }
    wkb_reader fill = {blob + 8 + env, blob + len, true, g, 0, 0, 0};
    size_t n2 = 0, r2 = 0, p2 = 0;
    rd_geometry(&fill, 0, &n2, &r2, &p2, NULL);
    return g;
}

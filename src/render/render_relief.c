/* Base layers, optional relief: the gazetteer's `relief` table (build_relief.c: a whitened
 * hillshade in PNG tiles with their lon/lat bounds) resampled into the frame and laid over the
 * land fills as shadow: black with alpha 1 - grey, which darkens exactly as a multiply with the
 * grey would, and which SVG and PDF hold as one image, clipped to the countries' land. White
 * (flat ground, the sea) changes nothing. A gazetteer without the table, a --basemap raster or
 * --relief (off by default) draws it. */
#include "render/render_internal.h"

#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/* The shadow image has one pixel per RELIEF_PX_PER_CELL relief cells' worth of screen at most,
 * and is scaled up by cairo (bilinear): the relief is ~7 km a cell, so a city map needs far
 * fewer shadow pixels than screen pixels. Raising it makes the shadows sharper and slower. */
#define RELIEF_PX_PER_CELL 2.0
#define RELIEF_MAX_STEP 8 /* screen px per shadow pixel at most */
/* Lon/lat is computed exactly (PROJ's inverse) every RELIEF_GRID shadow pixels and interpolated
 * between: the projection is smooth at that spacing, and per-pixel inverses would cost more
 * than the rest of the map. */
#define RELIEF_GRID 16
#define RELIEF_MAX_TILES 64

typedef struct {
    double w, s, e, n;
    cairo_surface_t *img; /* RGB24, grey in each channel */
} rtile;

typedef struct {
    const unsigned char *p;
    size_t left;
} blob_reader;

static cairo_status_t read_blob(void *closure, unsigned char *data, unsigned int len)
{
    blob_reader *br = closure;
    if (len > br->left) {
        return CAIRO_STATUS_READ_ERROR;
    }
    memcpy(data, br->p, len);
    br->p += len;
    br->left -= len;
    return CAIRO_STATUS_SUCCESS;
}

/* The tiles meeting ll (W, S, E, N); 0 without a relief table. */
static size_t read_tiles(incmap_base *o, const double ll[4], rtile *t, size_t max)
{
    sqlite3 *db = incmap_base_sqlite(o);
    sqlite3_stmt *q = NULL;
    if (db == NULL ||
        sqlite3_prepare_v2(db,
                           "SELECT west, south, east, north, png FROM relief WHERE east > ?1 AND "
                           "west < ?3 AND north > ?2 AND south < ?4",
                           -1, &q, NULL) != SQLITE_OK) {
        sqlite3_finalize(q);
        return 0; /* an older gazetteer, or one built without relief */
    }
    for (int i = 0; i < 4; i++) {
        sqlite3_bind_double(q, i + 1, ll[i]);
    }
    size_t n = 0;
    while (n < max && sqlite3_step(q) == SQLITE_ROW) {
        blob_reader br = {sqlite3_column_blob(q, 4), (size_t)sqlite3_column_bytes(q, 4)};
        cairo_surface_t *img = cairo_image_surface_create_from_png_stream(read_blob, &br);
        if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS ||
            cairo_image_surface_get_format(img) != CAIRO_FORMAT_RGB24) {
            cairo_surface_destroy(img); /* a damaged tile: that part stays flat */
            continue;
        }
        cairo_surface_flush(img);
        t[n++] = (rtile){sqlite3_column_double(q, 0), sqlite3_column_double(q, 1),
                         sqlite3_column_double(q, 2), sqlite3_column_double(q, 3), img};
    }
    sqlite3_finalize(q);
    return n;
}

/* The grey (0..255) at lon/lat, bilinear within its tile; 255 (no shadow) outside every tile. */
static double sample(const rtile *t, size_t nt, double lon, double lat)
{
    for (size_t i = 0; i < nt; i++) {
        if (lon < t[i].w || lon > t[i].e || lat < t[i].s || lat > t[i].n) {
            continue;
        }
        int w = cairo_image_surface_get_width(t[i].img);
        int h = cairo_image_surface_get_height(t[i].img);
        int stride = cairo_image_surface_get_stride(t[i].img);
        const unsigned char *d = cairo_image_surface_get_data(t[i].img);
        /* pixel centres at half steps */
        double fx = (lon - t[i].w) / (t[i].e - t[i].w) * w - 0.5;
        double fy = (t[i].n - lat) / (t[i].n - t[i].s) * h - 0.5;
        fx = fmin(fmax(fx, 0), w - 1);
        fy = fmin(fmax(fy, 0), h - 1);
        int x0 = (int)fx, y0 = (int)fy;
        int x1 = x0 + 1 < w ? x0 + 1 : x0, y1 = y0 + 1 < h ? y0 + 1 : y0;
        double ax = fx - x0, ay = fy - y0;
#define G(x, y) ((double)(((const uint32_t *)(d + (size_t)(y) * (size_t)stride))[x] & 0xff))
        return (G(x0, y0) * (1 - ax) + G(x1, y0) * ax) * (1 - ay) +
               (G(x0, y1) * (1 - ax) + G(x1, y1) * ax) * ay;
#undef G
    }
    return 255;
}

/* Lon/lat of the shadow image's grid nodes (every RELIEF_GRID pixels, the last ones at or past
 * its edge); NaN where the projection has no inverse. */
static double *grid_lonlat(const incmap_render_view *v, double step, int gw, int gh)
{
    double *g = malloc((size_t)gw * (size_t)gh * 2 * sizeof *g);
    for (int j = 0; g != NULL && j < gh; j++) {
        for (int i = 0; i < gw; i++) {
            double px = v->frame[0] + (i * RELIEF_GRID + 0.5) * step;
            double py = v->frame[1] + (j * RELIEF_GRID + 0.5) * step;
            double x = v->map[0] + (px - v->frame[0]) / v->px_per_unit;
            double y = v->map[1] + (v->frame[3] - py) / v->px_per_unit;
            double *ll = g + ((size_t)j * (size_t)gw + (size_t)i) * 2;
            if (!incmap_proj_inv(v->proj, x, y, &ll[0], &ll[1])) {
                ll[0] = ll[1] = NAN;
            }
        }
    }
    return g;
}

/* The shadow image: ARGB32 black with alpha 255 - grey. Sets *any when some pixel has shadow. */
static cairo_surface_t *shadow(const incmap_render_view *v, const rtile *t, size_t nt, int iw,
                               int ih, double step, bool *any)
{
    int gw = (iw + RELIEF_GRID - 1) / RELIEF_GRID + 1,
        gh = (ih + RELIEF_GRID - 1) / RELIEF_GRID + 1;
    double *g = grid_lonlat(v, step, gw, gh);
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, iw, ih);
    if (g == NULL || cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
        free(g);
        cairo_surface_destroy(img);
        return NULL;
    }
    cairo_surface_flush(img);
    unsigned char *d = cairo_image_surface_get_data(img);
    int stride = cairo_image_surface_get_stride(img);
    for (int y = 0; y < ih; y++) {
        uint32_t *row = (uint32_t *)(d + (size_t)y * (size_t)stride);
        int j = y / RELIEF_GRID;
        double ay = (double)(y - j * RELIEF_GRID) / RELIEF_GRID;
        for (int x = 0; x < iw; x++) {
            int i = x / RELIEF_GRID;
            double ax = (double)(x - i * RELIEF_GRID) / RELIEF_GRID;
            const double *a = g + ((size_t)j * (size_t)gw + (size_t)i) * 2, *b = a + 2,
                         *c = a + (size_t)gw * 2, *e = c + 2;
            double lon =
                (a[0] * (1 - ax) + b[0] * ax) * (1 - ay) + (c[0] * (1 - ax) + e[0] * ax) * ay;
            double lat =
                (a[1] * (1 - ax) + b[1] * ax) * (1 - ay) + (c[1] * (1 - ax) + e[1] * ax) * ay;
            row[x] = 0;
            if (isfinite(lon) && isfinite(lat)) {
                lon = lon - 360 * floor((lon + 180) / 360); /* -180 .. 180 */
                uint32_t alpha = (uint32_t)lround(255 - sample(t, nt, lon, lat));
                row[x] = alpha << 24; /* premultiplied black */
                *any = *any || alpha > 0;
            }
        }
    }
    free(g);
    cairo_surface_mark_dirty(img);
    return img;
}

void render_relief(rdr *r, incmap_base *o)
{
    const incmap_render_view *v = r->v;
    if (o == NULL) {
        return;
    }
    double ll[4] = {v->ll[0] - 0.5, v->ll[1] - 0.5, v->ll[2] + 0.5, v->ll[3] + 0.5};
    rtile t[RELIEF_MAX_TILES];
    size_t nt = read_tiles(o, ll, t, RELIEF_MAX_TILES);
    if (nt == 0) {
        return;
    }
    /* screen px per relief cell, from the first tile's cell size and the frame's latitude span */
    const double *f = v->frame;
    double cell_deg = (t[0].n - t[0].s) / cairo_image_surface_get_height(t[0].img);
    double px_per_deg = (f[3] - f[1]) / fmax(v->ll[3] - v->ll[1], 1e-9);
    double step = floor(px_per_deg * cell_deg / RELIEF_PX_PER_CELL);
    step = fmin(fmax(step, 1), RELIEF_MAX_STEP);
    int iw = (int)ceil((f[2] - f[0]) / step), ih = (int)ceil((f[3] - f[1]) / step);
    bool any = false;
    cairo_surface_t *img = iw > 0 && ih > 0 ? shadow(v, t, nt, iw, ih, step, &any) : NULL;
    for (size_t i = 0; i < nt; i++) {
        cairo_surface_destroy(t[i].img);
    }
    if (img == NULL) {
        r->oom = r->oom || iw > 0;
        return;
    }
    if (any) {
        cairo_t *cr = r->cr;
        cairo_save(cr);
        cairo_rectangle(cr, f[0], f[1], f[2] - f[0], f[3] - f[1]);
        cairo_clip(cr);
        /* the countries' land (render_base read them): a relief cell is ~3.7 km, and its shade,
         * spread by the scaling, would otherwise lie on the sea of a city map */
        cairo_new_path(cr);
        for (size_t i = 0; i < r->countries.n; i++) {
            rdr_path_geom(r, r->countries.f[i].geom, v->proj, v->map, v->px_per_unit, f, v->tol_deg,
                          v->cull);
        }
        if (r->countries.n > 0) {
            cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
            cairo_clip(cr);
        }
        cairo_translate(cr, f[0], f[1]);
        cairo_scale(cr, step, step);
        cairo_set_source_surface(cr, img, 0, 0);
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_BILINEAR);
        cairo_pattern_set_extend(cairo_get_source(cr), CAIRO_EXTEND_PAD);
        cairo_paint(cr);
        cairo_restore(cr);
        r->drawn_relief = true;
    }
    cairo_surface_destroy(img);
}

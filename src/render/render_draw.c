/* Drawing primitives shared by every pass: geometry paths in pixels, pango text with halos, the
 * label placer (greedy, priority order, eight candidate positions, no overlaps) and the symbols
 * that the map and the legend share, so a legend entry always looks like the map symbol. */
#include "core/vec.h"
#include "render/render_internal.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void rdr_set_color(rdr *r, rcolor c)
{
    cairo_set_source_rgba(r->cr, c.r, c.g, c.b, c.a);
}

void rdr_set_color_alpha(rdr *r, rcolor c, double alpha)
{
    cairo_set_source_rgba(r->cr, c.r, c.g, c.b, c.a * alpha);
}

/* Projects a run of lon/lat points to px and appends them to the path, dropping vertices closer
 * than 0.35 px to the last one (country outlines carry far more detail than the pixels can). */
/* Which sides of box b (W, S, E, N) a point lies beyond: 0 inside. */
static unsigned outcode(double lon, double lat, const double *b)
{
    return (lon < b[0]) | (lon > b[2]) << 1 | (lat < b[1]) << 2 | (lat > b[3]) << 3;
}

/* Projects a run of lon/lat points to px and appends them to the path. Three kinds of vertex are
 * dropped before projection, which dominates the cost of base layers: those closer than tol_deg
 * to the last kept one; those beyond the same side of the cull box as both the last kept vertex
 * and the next one (the edge stays outside the map, the clip hides it); and, after projection,
 * those within 0.6 px of the last one. */
static size_t path_run(rdr *r, const double *ll, size_t n, bool close, const incmap_proj *p,
                       const double map[4], double ppu, const double frame[4], double tol_deg,
                       const double *cull)
{
    double buf[2 * 256];
    size_t added = 0;
    bool pen = false;
    double lx = 0, ly = 0, llon = HUGE_VAL, llat = HUGE_VAL;
    unsigned lcode = 0;
    for (size_t i = 0; i < n;) {
        size_t m = 0;
        for (; i < n && m < 256; i++) {
            double lon = ll[2 * i], lat = ll[2 * i + 1];
            bool last = i == n - 1;
            if (!last && fabs(lon - llon) + fabs(lat - llat) < tol_deg) {
                continue;
            }
            unsigned code = cull ? outcode(lon, lat, cull) : 0;
            if (!last && i > 0 && (code & lcode) != 0 &&
                (code & lcode & outcode(ll[2 * i + 2], ll[2 * i + 3], cull)) != 0) {
                continue;
            }
            buf[2 * m] = lon, buf[2 * m + 1] = lat, m++;
            llon = lon, llat = lat, lcode = code;
        }
        incmap_proj_fwd(p, buf, m);
        for (size_t k = 0; k < m; k++) {
            if (buf[2 * k] == HUGE_VAL) {
                pen = false;
                continue;
            }
            double x = frame[0] + (buf[2 * k] - map[0]) * ppu;
            double y = frame[3] - (buf[2 * k + 1] - map[1]) * ppu;
            if (!pen) {
                cairo_move_to(r->cr, x, y);
                pen = true;
            } else if (fabs(x - lx) + fabs(y - ly) < 0.6 && !(i == n && k == m - 1)) {
                continue;
            } else {
                cairo_line_to(r->cr, x, y);
            }
            lx = x, ly = y;
            added++;
        }
    }
    if (close && added > 2) {
        cairo_close_path(r->cr);
    }
    return added;
}

size_t rdr_path_geom(rdr *r, const incmap_geom *g, const incmap_proj *p, const double map[4],
                     double ppu, const double frame[4], double tol_deg, const double *cull)
{
    bool areal = g->type == INCMAP_GEOM_POLYGON || g->type == INCMAP_GEOM_MULTIPOLYGON;
    if (g->type == INCMAP_GEOM_POINT || g->nrings == 0) {
        return 0;
    }
    size_t added = 0, start = 0;
    for (size_t i = 0; i < g->nrings; i++) {
        added += path_run(r, g->xy + 2 * start, g->ring_end[i] - start, areal, p, map, ppu, frame,
                          tol_deg, cull);
        start = g->ring_end[i];
    }
    return added;
}

size_t rdr_path_lonlat(rdr *r, const double *lonlat, size_t n, bool close)
{
    const incmap_render_view *v = r->v;
    return path_run(r, lonlat, n, close, v->proj, v->map, v->px_per_unit, v->frame, 0, NULL);
}

/* Occupied boxes are kept in a list and indexed by a grid of GRID_PX cells over the image, so a
 * label tests only the boxes near it: a scan of every box made 40,000 labels quadratic. */
#define GRID_PX 32.0

typedef struct {
    size_t *idx;
    size_t n, cap;
} rcell;

/* A label that found every candidate position taken, kept so that the same label at the same
 * point is refused again without shaping it: boxes are only ever added, so it cannot fit later.
 * (A report naming one town 10,000 times asks for 10,000 labels there.) */
typedef struct {
    uint64_t hash; /* 0: empty slot */
    char *text;
    double x, y, gap, size_pt;
    unsigned flags;
} rfail;

struct rdr_grid {
    int w, h; /* cells */
    rcell *cells;
    rfail *fail; /* open addressing, a power of two long, at most half full */
    size_t nfail, capfail;
};

/* The cells a box covers, clamped to the grid; false when it misses the grid (or is NaN). */
static bool grid_span(const struct rdr_grid *g, rbox b, int c[4])
{
    if (!(b.x1 >= 0 && b.y1 >= 0 && b.x0 < g->w * GRID_PX && b.y0 < g->h * GRID_PX)) {
        return false;
    }
    c[0] = b.x0 <= 0 ? 0 : (int)(b.x0 / GRID_PX);
    c[1] = b.y0 <= 0 ? 0 : (int)(b.y0 / GRID_PX);
    c[2] = b.x1 >= (g->w - 1) * GRID_PX ? g->w - 1 : (int)(b.x1 / GRID_PX);
    c[3] = b.y1 >= (g->h - 1) * GRID_PX ? g->h - 1 : (int)(b.y1 / GRID_PX);
    return true;
}

bool rdr_occupied(const rdr *r, rbox b)
{
    const double *f = r->v->frame;
    if (b.x0 < f[0] + 2 || b.y0 < f[1] + 2 || b.x1 > f[2] - 2 || b.y1 > f[3] - 2) {
        return true;
    }
    int c[4];
    if (r->grid == NULL || !grid_span(r->grid, b, c)) {
        return false;
    }
    for (int cy = c[1]; cy <= c[3]; cy++) {
        for (int cx = c[0]; cx <= c[2]; cx++) {
            const rcell *cell = &r->grid->cells[(size_t)cy * (size_t)r->grid->w + (size_t)cx];
            for (size_t k = 0; k < cell->n; k++) {
                const rbox *o = &r->occ[cell->idx[k]];
                if (b.x0 < o->x1 && b.x1 > o->x0 && b.y0 < o->y1 && b.y1 > o->y0) {
                    return true;
                }
            }
        }
    }
    return false;
}

static bool cell_add(rcell *cell, size_t i)
{
    if (incmap_grow((void **)&cell->idx, &cell->cap, cell->n + 1, sizeof *cell->idx) != INCMAP_OK) {
        return false;
    }
    cell->idx[cell->n++] = i;
    return true;
}

static struct rdr_grid *grid_get(rdr *r)
{
    if (r->grid == NULL) {
        struct rdr_grid *g = calloc(1, sizeof *g);
        if (g != NULL) {
            g->w = (int)ceil(r->v->width / GRID_PX), g->h = (int)ceil(r->v->height / GRID_PX);
            g->cells = calloc((size_t)g->w * (size_t)g->h, sizeof *g->cells);
        }
        if (g == NULL || g->cells == NULL) {
            free(g);
            r->oom = true;
            return NULL;
        }
        r->grid = g;
    }
    return r->grid;
}

void rdr_occupy(rdr *r, rbox b)
{
    if (grid_get(r) == NULL) {
        return;
    }
    if (incmap_grow((void **)&r->occ, &r->capocc, r->nocc + 1, sizeof *r->occ) != INCMAP_OK) {
        r->oom = true;
        return;
    }
    int c[4];
    if (!grid_span(r->grid, b, c)) {
        return; /* off the image: no label can touch it */
    }
    /* a box already there changes no answer: the symbols of a place named 10,000 times would
     * otherwise fill its cells with 10,000 copies that every label near it tests */
    const rcell *first = &r->grid->cells[(size_t)c[1] * (size_t)r->grid->w + (size_t)c[0]];
    for (size_t k = 0; k < first->n; k++) {
        const rbox *o = &r->occ[first->idx[k]];
        if (o->x0 == b.x0 && o->y0 == b.y0 && o->x1 == b.x1 && o->y1 == b.y1) {
            return;
        }
    }
    r->occ[r->nocc] = b;
    for (int cy = c[1]; cy <= c[3]; cy++) {
        for (int cx = c[0]; cx <= c[2]; cx++) {
            if (!cell_add(&r->grid->cells[(size_t)cy * (size_t)r->grid->w + (size_t)cx], r->nocc)) {
                r->oom = true;
            }
        }
    }
    r->nocc++;
}

void rdr_occupy_free(rdr *r)
{
    if (r->grid != NULL) {
        for (size_t i = 0; i < (size_t)r->grid->w * (size_t)r->grid->h; i++) {
            free(r->grid->cells[i].idx);
        }
        free(r->grid->cells);
        for (size_t i = 0; i < r->grid->capfail; i++) {
            free(r->grid->fail[i].text);
        }
        free(r->grid->fail);
        free(r->grid);
        r->grid = NULL;
    }
    free(r->occ);
    r->occ = NULL;
    r->nocc = r->capocc = 0;
}

/* Every layout is shaped at one reference size and scaled by cairo when drawn. pango keys its
 * fontconfig fallback sort (FcFontSort, a few million instructions each, run in worker threads)
 * on the pixel size, so a map with a dozen text sizes paid a dozen sorts; now it pays one per
 * face (regular, bold, italic, title). Metrics are unhinted, so scaled text measures exactly. */
static PangoContext *text_context(rdr *r)
{
    if (r->pango == NULL) {
        PangoContext *pc = pango_font_map_create_context(rdr_fonts_map(r->fonts));
        rdr_font_options(pc);
        r->pango = pc;
    }
    return r->pango;
}

void rdr_text_done(rdr *r)
{
    if (r->pango != NULL) {
        g_object_unref(r->pango);
        r->pango = NULL;
    }
}

/* Scale from the reference size to size_pt at this map's resolution. */
static double text_scale(const rdr *r, double size_pt)
{
    return size_pt * r->u / RDR_TEXT_REF_PX;
}

static PangoLayout *make_layout(rdr *r, const char *text, unsigned flags)
{
    return rdr_layout_new(text_context(r), r->st, text, flags);
}

/* The layout's size in map pixels at size_pt. */
static void layout_size(const rdr *r, PangoLayout *l, double size_pt, double *w, double *h)
{
    int pw = 0, ph = 0;
    pango_layout_get_size(l, &pw, &ph);
    double k = text_scale(r, size_pt);
    *w = k * pw / PANGO_SCALE;
    *h = k * ph / PANGO_SCALE;
}

void rdr_text_size(rdr *r, const char *text, double size_pt, unsigned flags, double *w, double *h)
{
    PangoLayout *l = make_layout(r, text, flags);
    layout_size(r, l, size_pt, w, h);
    g_object_unref(l);
}

/* SVG: the layout's lines as text elements (x, y: the layout's top left; k: its scale). */
static void svg_lines(rdr *r, PangoLayout *l, double x, double y, double k, double size_px,
                      unsigned flags, rcolor c)
{
    const char *all = pango_layout_get_text(l);
    PangoLayoutIter *it = pango_layout_get_iter(l);
    do {
        PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(it, NULL, &logical);
        size_t len = (size_t)line->length;
        while (len > 0 && (all[line->start_index + (int)len - 1] == ' ' ||
                           all[line->start_index + (int)len - 1] == '\n')) {
            len--;
        }
        if (len == 0) {
            continue;
        }
        if (incmap_grow((void **)&r->texts, &r->captexts, r->ntexts + 1, sizeof *r->texts) !=
            INCMAP_OK) {
            r->oom = true;
            break;
        }
        char *copy = malloc(len + 1);
        if (copy == NULL) {
            r->oom = true;
            break;
        }
        memcpy(copy, all + line->start_index, len);
        copy[len] = '\0';
        double bx = x + k * logical.x / PANGO_SCALE;
        double by = y + k * pango_layout_iter_get_baseline(it) / PANGO_SCALE;
        r->texts[r->ntexts++] = (rtext){copy, bx, by, size_px, flags, c, r->layer};
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
}

static void draw_layout(rdr *r, PangoLayout *l, const char *text, double x, double y,
                        double size_pt, unsigned flags, rcolor c);

void rdr_text(rdr *r, const char *text, double x, double y, double size_pt, unsigned flags,
              rcolor c)
{
    draw_layout(r, make_layout(r, text, flags), text, x, y, size_pt, flags, c);
}

void rdr_text_fit(rdr *r, const char *text, double x, double y, double size_pt, unsigned flags,
                  rcolor c, double max_w)
{
    double w, h;
    rdr_text_size(r, text, size_pt, flags, &w, &h);
    if (w > max_w) { /* shrink a little, then cut with an ellipsis rather than overflow */
        size_pt *= fmax(0.72, max_w / w);
    }
    PangoLayout *l = make_layout(r, text, flags);
    pango_layout_set_width(l, (int)(max_w / text_scale(r, size_pt) * PANGO_SCALE));
    pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
    draw_layout(r, l, text, x, y, size_pt, flags, c);
}

double rdr_text_wrap(rdr *r, const char *text, double x, double y, double size_pt, unsigned flags,
                     rcolor c, double max_w, bool draw)
{
    PangoLayout *l = make_layout(r, text, flags);
    pango_layout_set_width(l, (int)(max_w / text_scale(r, size_pt) * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    double w, h;
    layout_size(r, l, size_pt, &w, &h);
    if (draw) {
        draw_layout(r, l, text, x, y, size_pt, flags, c);
    } else {
        g_object_unref(l);
    }
    return h;
}

static void draw_layout(rdr *r, PangoLayout *l, const char *text, double x, double y,
                        double size_pt, unsigned flags, rcolor c)
{
    cairo_t *cr = r->cr;
    double k = text_scale(r, size_pt);
    (void)text;
    if (r->svg != NULL) { /* live text, written by render.c, not glyph outlines */
        svg_lines(r, l, x, y, k, size_pt * r->u, flags, c);
        g_object_unref(l);
        return;
    }
    cairo_save(cr);
    cairo_translate(cr, x, y);
    cairo_scale(cr, k, k);
    if (flags & TXT_HALO) {
        cairo_move_to(cr, 0, 0);
        pango_cairo_layout_path(cr, l);
        rdr_set_color(r, r->st->halo);
        cairo_set_line_width(cr, r->st->w_halo * r->u / k);
        /* a halo is a blurred-looking margin: flattening its glyph curves to 0.3 px instead of
         * cairo's 0.1, bevel joins and 4x4 coverage samples are invisible in it (compared at 6x)
         * and stroke in 60% of the time; halos were the largest stroking cost of a map */
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_BEVEL);
        cairo_set_tolerance(cr, 0.3);
        cairo_set_antialias(cr, CAIRO_ANTIALIAS_FAST);
        cairo_stroke(cr);
        cairo_set_antialias(cr, CAIRO_ANTIALIAS_DEFAULT);
    }
    cairo_move_to(cr, 0, 0);
    rdr_set_color(r, c);
    pango_cairo_show_layout(cr, l);
    cairo_restore(cr);
    g_object_unref(l);
}

static uint64_t fail_hash(const rfail *f)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)f->text; *p != '\0'; p++) {
        h = (h ^ *p) * 1099511628211ULL;
    }
    const double d[4] = {f->x, f->y, f->gap, f->size_pt};
    const unsigned char *b = (const unsigned char *)d;
    for (size_t i = 0; i < sizeof d; i++) {
        h = (h ^ b[i]) * 1099511628211ULL;
    }
    h = (h ^ f->flags) * 1099511628211ULL;
    return h != 0 ? h : 1;
}

/* The slot of key K in the table: its entry, or the empty slot where it would go. */
static rfail *fail_slot(rfail *tab, size_t cap, const rfail *k)
{
    for (size_t i = (size_t)k->hash & (cap - 1);; i = (i + 1) & (cap - 1)) {
        rfail *e = &tab[i];
        if (e->hash == 0 ||
            (e->hash == k->hash && e->x == k->x && e->y == k->y && e->gap == k->gap &&
             e->size_pt == k->size_pt && e->flags == k->flags && strcmp(e->text, k->text) == 0)) {
            return e;
        }
    }
}

static bool failed_before(const rdr *r, const rfail *k)
{
    const struct rdr_grid *g = r->grid;
    return g != NULL && g->capfail > 0 && fail_slot(g->fail, g->capfail, k)->hash != 0;
}

static void remember_failure(rdr *r, rfail k)
{
    struct rdr_grid *g = grid_get(r);
    if (g == NULL) {
        return;
    }
    if (2 * (g->nfail + 1) > g->capfail) {
        size_t cap = g->capfail > 0 ? 2 * g->capfail : 256;
        rfail *tab = calloc(cap, sizeof *tab);
        if (tab == NULL) {
            return; /* only a shortcut: labels are still placed right without it */
        }
        for (size_t i = 0; i < g->capfail; i++) {
            if (g->fail[i].hash != 0) {
                *fail_slot(tab, cap, &g->fail[i]) = g->fail[i];
            }
        }
        free(g->fail);
        g->fail = tab;
        g->capfail = cap;
    }
    rfail *e = fail_slot(g->fail, g->capfail, &k);
    if (e->hash == 0 && (k.text = incmap_strdup(k.text)) != NULL) {
        *e = k;
        g->nfail++;
    }
}

/* Debug log of where a label went, for tests: "render: label x0 y0 x1 y1 text" for an
 * incident's, "render: place label ..." for the others. */
static void log_label(rdr *r, rbox b, const char *text, bool incident)
{
    if (incmap_log_enabled(r->ctx, INCMAP_LOG_DEBUG)) {
        incmap_log(r->ctx, INCMAP_LOG_DEBUG, "render: %slabel %.1f %.1f %.1f %.1f %s",
                   incident ? "" : "place ", b.x0, b.y0, b.x1, b.y1, text);
    }
}

bool rdr_label(rdr *r, const char *text, double x, double y, double gap, double size_pt,
               unsigned flags, rcolor col, bool must)
{
    rfail key = {
        .text = (char *)text, .x = x, .y = y, .gap = gap, .size_pt = size_pt, .flags = flags};
    key.hash = fail_hash(&key);
    if (!must && failed_before(r, &key)) {
        return false;
    }
    /* one layout, shaped once, both measured and drawn (shaping is the cost of a label) */
    PangoLayout *l = make_layout(r, text, flags);
    double w, h;
    layout_size(r, l, size_pt, &w, &h);
    /* right, left, above, below, then the diagonals: the usual cartographic preference order */
    const double cand[8][2] = {{gap, -h / 2},
                               {-gap - w, -h / 2},
                               {-w / 2, -gap - h},
                               {-w / 2, gap},
                               {gap * 0.7, -gap * 0.7 - h},
                               {gap * 0.7, gap * 0.7},
                               {-gap * 0.7 - w, -gap * 0.7 - h},
                               {-gap * 0.7 - w, gap * 0.7}};
    double pad = 1.5 * r->u;
    /* gap 0 means an area label: centred on the anchor, then shifted up or down by lines */
    const double area[8][2] = {{-w / 2, -h / 2},    {-w / 2, h * 0.6},  {-w / 2, -h * 1.6},
                               {-w / 2, h * 1.7},   {-w / 2, -h * 2.7}, {-w * 0.15, -h / 2},
                               {-w * 0.85, -h / 2}, {-w / 2, h * 2.8}};
    const double(*cands)[2] = gap > 0 ? cand : area;
    const double *centred = area[0];
    for (int i = 0; i < 8; i++) {
        const double *c = cands[i];
        rbox b = {x + c[0] - pad, y + c[1] - pad, x + c[0] + w + pad, y + c[1] + h + pad};
        if (!rdr_occupied(r, b)) {
            rdr_occupy(r, b);
            log_label(r, b, text, must);
            draw_layout(r, l, text, x + c[0], y + c[1], size_pt, flags, col);
            return true;
        }
    }
    if (must) {
        const double *c = gap > 0 ? cand[0] : centred;
        rbox b = {x + c[0], y + c[1], x + c[0] + w, y + c[1] + h};
        rdr_occupy(r, b);
        log_label(r, b, text, true);
        draw_layout(r, l, text, b.x0, b.y0, size_pt, flags, col);
        return true;
    }
    g_object_unref(l);
    remember_failure(r, key);
    return false;
}

bool rdr_is_focus(const rdr *r, const char *cc)
{
    if (cc[0] == '\0') {
        return false;
    }
    char key[8];
    snprintf(key, sizeof key, " %.2s ", cc);
    return strstr(r->focus, key) != NULL;
}

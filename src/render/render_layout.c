/* Boxes of the page: which legend entries the map needs, and where the legend, scale bar, north
 * arrow and inset go (the words are render_words.c's). Boxes are fixed before drawing so that
 * labels can avoid them and tests can find them. */
#include "render/render_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

unsigned view_legend_entries(const incmap_render_view *v, const incmap_incidents *inc,
                             const incmap_render_opts *opts)
{
    unsigned m = 0;
    for (size_t i = 0; i < incmap_incidents_feature_count(inc); i++) {
        const incmap_feature *f = incmap_incidents_feature(inc, i);
        /* as render_incidents() draws it: a vague place is a hatched area, never a symbol */
        bool area = f->geom->type != INCMAP_GEOM_POINT || render_feature_vague(f);
        if (f->geom->npoints == 0) {
            continue; /* nothing is drawn */
        }
        switch (f->role) {
        case INCMAP_ROLE_LAUNCH:
            m |= render_feature_vague(f) ? LEG_LAUNCH_AREA : LEG_LAUNCH;
            if (view_find_role(v, inc, f->incident, INCMAP_ROLE_TARGET) != NULL) {
                m |= LEG_ARROW;
            }
            if (opts->range_km > 0) {
                m |= LEG_RANGE;
            }
            break;
        case INCMAP_ROLE_TARGET:
            m |= area ? LEG_TARGET_AREA : LEG_TARGET_POINT;
            break;
        case INCMAP_ROLE_BORDER: {
            int how;
            m |= !render_border_drawn(v, inc, f, &how) ? 0
                 : how == BORDER_LINE                  ? LEG_LINE
                                                       : LEG_BORDER;
            break;
        }
        case INCMAP_ROLE_SITE:
            m |= render_feature_vague(f) ? LEG_SITE_AREA : LEG_SITE;
            break;
        case INCMAP_ROLE_MENTION:
            m |= view_mention_visible(v, i) ? LEG_MENTION : 0;
            break;
        }
    }
    return m | LEG_PLACE;
}

const char *render_legend_text(unsigned bit, double range_km, char *buf, size_t n)
{
    switch (bit) {
    case LEG_LAUNCH:
        return "Launch site";
    case LEG_LAUNCH_AREA:
        return "Launch area";
    case LEG_TARGET_AREA:
        return "Target area";
    case LEG_TARGET_POINT:
        return "Target (circle: uncertainty)";
    case LEG_BORDER:
        return "Border crossed";
    case LEG_LINE:
        return "De facto line crossed";
    case LEG_ARROW:
        return "Direction of fire";
    case LEG_SITE:
        return "Incident site";
    case LEG_SITE_AREA:
        return "Incident area";
    case LEG_RANGE:
        snprintf(buf, n, "Range %.0f km", range_km);
        return buf;
    case LEG_MENTION:
        return "Also mentioned";
    case LEG_KEY_SITE:
        return "Air base or airport";
    case LEG_PLACE:
        return "Town or city";
    case LEG_DISPUTED:
        return "Disputed or occupied area";
    default:
        return "";
    }
}

void view_legend_size(const incmap_render_view *v, double *w, double *h)
{
    const render_style *st = &v->style;
    double u = v->u;
    size_t rows = 0, longest = 0;
    char buf[64];
    for (unsigned bit = 1; bit <= LEG_LAST; bit <<= 1) {
        if (v->legend & bit) {
            size_t len = strlen(render_legend_text(bit, v->range_km, buf, sizeof buf));
            longest = len > longest ? len : longest;
            rows++;
        }
    }
    /* width from the longest entry (about 0.56 em per character) */
    *w = rows ? 34 * u + (double)longest * st->sz_legend * 0.56 * u + 10 * u : 0;
    *h = rows ? (double)rows * st->sz_legend * 1.95 * u + st->sz_legend * 2.2 * u + 6 * u : 0;
}

void view_legend_drop(incmap_render_view *v, unsigned bit)
{
    if (!(v->legend & bit) || !v->has_box[INCMAP_BOX_LEGEND]) {
        return;
    }
    v->legend &= ~bit;
    double *b = v->box[INCMAP_BOX_LEGEND], w, h;
    view_legend_size(v, &w, &h);
    const double *fr = v->frame;
    /* keep the edges nearest the frame's: a corner's box stays in its corner */
    if (b[1] - fr[1] < fr[3] - b[3]) {
        b[3] = b[1] + h;
    } else {
        b[1] = b[3] - h;
    }
    if (b[0] - fr[0] <= fr[2] - b[2]) {
        b[2] = b[0] + w;
    } else {
        b[0] = b[2] - w;
    }
}

double view_size_scale(int width, int height)
{
    double k = sqrt((double)width * (double)height / (1600.0 * 1200.0));
    return k >= 1 ? k : sqrt(k);
}

/* The preference order of positions for each item: the legend keeps to the left, the inset to
 * the top right (where a locator is looked for), the scale bar to the bottom. */
static const int legend_order[FURN_NPOS] = {
    FURN_POS_BOTTOM_LEFT, FURN_POS_TOP_LEFT, FURN_POS_BOTTOM_RIGHT, FURN_POS_TOP_RIGHT,
    FURN_POS_LEFT,        FURN_POS_RIGHT,    FURN_POS_BOTTOM,       FURN_POS_TOP};
static const int inset_order[FURN_NPOS] = {
    FURN_POS_TOP_RIGHT, FURN_POS_TOP_LEFT, FURN_POS_BOTTOM_RIGHT, FURN_POS_BOTTOM_LEFT,
    FURN_POS_RIGHT,     FURN_POS_LEFT,     FURN_POS_TOP,          FURN_POS_BOTTOM};
static const int scale_order[FURN_NPOS] = {
    FURN_POS_BOTTOM_RIGHT, FURN_POS_BOTTOM_LEFT, FURN_POS_BOTTOM, FURN_POS_TOP_RIGHT,
    FURN_POS_TOP_LEFT,     FURN_POS_RIGHT,       FURN_POS_LEFT,   FURN_POS_TOP};

void view_furniture_candidate(const double fr[4], double m, double w, double h, int pos,
                              double out[4])
{
    double cx = (fr[0] + fr[2] - w) / 2, cy = (fr[1] + fr[3] - h) / 2;
    double left = fr[0] + m, right = fr[2] - m - w, top = fr[1] + m, bottom = fr[3] - m - h;
    double x = pos == FURN_POS_BOTTOM_LEFT || pos == FURN_POS_TOP_LEFT || pos == FURN_POS_LEFT
                   ? left
               : pos == FURN_POS_BOTTOM || pos == FURN_POS_TOP ? cx
                                                               : right;
    double y = pos == FURN_POS_TOP_LEFT || pos == FURN_POS_TOP_RIGHT || pos == FURN_POS_TOP ? top
               : pos == FURN_POS_LEFT || pos == FURN_POS_RIGHT                              ? cy
                                                               : bottom;
    out[0] = x, out[1] = y, out[2] = x + w, out[3] = y + h;
}

/* The incidents as weights in a coarse mask of the image (one cell per `cell` px): what a box
 * would hide is the sum of the cells it covers, read from a summed-area table. */
#define MASK_HARD 1.0  /* symbols, arrows, borders, target outlines */
#define MASK_SOFT 0.12 /* target area interiors, the zones labels may take, range rings */
/* Fits: hides no more than this many cells' worth of hard weight (antialiased edges). */
#define MASK_FITS (3.0 * 255)

typedef struct {
    uint32_t *sum; /* (w + 1) x (h + 1) summed-area table */
    int w, h;
    double cell;
} weight_mask;

static void mask_stroke(cairo_t *cr, double width, double alpha)
{
    cairo_set_source_rgba(cr, 0, 0, 0, alpha);
    cairo_set_line_width(cr, width);
    cairo_stroke(cr);
}

static void mask_rect(cairo_t *cr, double x0, double y0, double x1, double y1, double alpha)
{
    cairo_rectangle(cr, x0, y0, x1 - x0, y1 - y0);
    cairo_set_source_rgba(cr, 0, 0, 0, alpha);
    cairo_fill(cr);
}

static void mask_circle(rdr *t, double lon, double lat, double km)
{
    double ring[2 * 73];
    for (int k = 0; k <= 72; k++) {
        incmap_geod_direct(lon, lat, k * 5.0, km * 1000.0, &ring[2 * k], &ring[2 * k + 1]);
    }
    rdr_path_lonlat(t, ring, 73, true);
}

static void mask_feature(rdr *t, const incmap_incidents *inc, size_t i)
{
    const incmap_render_view *v = t->v;
    const render_style *st = &v->style;
    const incmap_feature *f = incmap_incidents_feature(inc, i);
    cairo_t *cr = t->cr;
    double u = v->u, s = st->sz_symbol * u, lon, lat, x, y;
    bool mention = f->role == INCMAP_ROLE_MENTION, point = f->geom->type == INCMAP_GEOM_POINT;
    int how;
    if ((mention && !view_mention_visible(v, i)) || f->geom->npoints == 0 ||
        (f->role == INCMAP_ROLE_BORDER && !render_border_drawn(v, inc, f, &how))) {
        return;
    }
    cairo_new_path(cr);
    if (!point && !mention) {
        rdr_path_geom(t, f->geom, v->proj, v->map, v->px_per_unit, v->frame, 0, NULL);
        bool areal =
            f->geom->type == INCMAP_GEOM_POLYGON || f->geom->type == INCMAP_GEOM_MULTIPOLYGON;
        if (areal) {
            cairo_set_source_rgba(cr, 0, 0, 0, MASK_SOFT);
            cairo_fill_preserve(cr);
        }
        mask_stroke(cr, (f->role == INCMAP_ROLE_BORDER ? st->w_border + 6 : 5) * u, MASK_HARD);
    }
    if (point && f->role == INCMAP_ROLE_TARGET && isfinite(f->uncertainty_km) &&
        f->uncertainty_km > 0) {
        mask_circle(t, f->geom->xy[0], f->geom->xy[1], fmin(f->uncertainty_km, 2000));
        cairo_set_source_rgba(cr, 0, 0, 0, MASK_SOFT);
        cairo_fill_preserve(cr);
        mask_stroke(cr, 4 * u, MASK_HARD);
    }
    render_feature_anchor(f, &lon, &lat);
    if (f->role == INCMAP_ROLE_LAUNCH && isfinite(lon) && v->range_km > 0) {
        mask_circle(t, lon, lat, v->range_km);
        mask_stroke(cr, 4 * u, MASK_SOFT * 2);
    }
    const incmap_feature *tg = f->role == INCMAP_ROLE_LAUNCH
                                   ? view_find_role(v, inc, f->incident, INCMAP_ROLE_TARGET)
                                   : NULL;
    double lon2, lat2;
    if (tg != NULL && isfinite(lon) && (render_feature_anchor(tg, &lon2, &lat2), isfinite(lon2))) {
        double line[2 * 33];
        incmap_geod_line(lon, lat, lon2, lat2, 33, line);
        rdr_path_lonlat(t, line, 33, false);
        mask_stroke(cr, (st->w_arrow + 12) * u, MASK_HARD);
    }
    if (f->role == INCMAP_ROLE_BORDER || !view_ll_to_px(v, lon, lat, &x, &y)) {
        return;
    }
    double h = mention ? s * 0.35 : s * 0.75;
    mask_rect(cr, x - h, y - h, x + h, y + h, mention ? MASK_SOFT * 3 : MASK_HARD);
    /* the zone its label may take: any of the eight positions around the symbol */
    const char *name = f->name && f->name[0] ? f->name : f->text ? f->text : "";
    double size = (mention ? st->sz_place : st->sz_label) * u;
    double lw = (double)strlen(name) * VIEW_EM_BOLD * size;
    double gap = mention ? s * 0.45 : point ? s * 0.75 : 0, lh = size * 1.3;
    mask_rect(cr, x - gap - lw, y - gap - lh, x + gap + lw, y + gap + lh,
              mention ? MASK_SOFT / 2 : MASK_SOFT);
}

static bool mask_build(weight_mask *wm, const incmap_render_view *v, const incmap_incidents *inc)
{
    /* at most about 250,000 cells, whatever the image size */
    wm->cell = fmax(4, ceil(sqrt((double)v->width * v->height / 250000.0)));
    wm->w = (int)ceil(v->width / wm->cell), wm->h = (int)ceil(v->height / wm->cell);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, wm->w, wm->h);
    cairo_t *cr = cairo_create(s);
    cairo_scale(cr, 1 / wm->cell, 1 / wm->cell);
    const double *fr = v->frame;
    cairo_rectangle(cr, fr[0], fr[1], fr[2] - fr[0], fr[3] - fr[1]);
    cairo_clip(cr);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    rdr t = {.cr = cr, .v = v, .st = &v->style, .u = v->u};
    for (size_t i = 0; i < incmap_incidents_feature_count(inc); i++) {
        mask_feature(&t, inc, i);
    }
    cairo_destroy(cr);
    cairo_surface_flush(s);
    wm->sum = calloc((size_t)(wm->w + 1) * (size_t)(wm->h + 1), sizeof *wm->sum);
    bool ok = wm->sum != NULL && cairo_surface_status(s) == CAIRO_STATUS_SUCCESS;
    const unsigned char *px = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    for (int y = 0; ok && y < wm->h; y++) {
        uint32_t row = 0;
        for (int x = 0; x < wm->w; x++) {
            row += px[y * stride + x];
            wm->sum[(size_t)(y + 1) * (size_t)(wm->w + 1) + (size_t)x + 1] =
                wm->sum[(size_t)y * (size_t)(wm->w + 1) + (size_t)x + 1] + row;
        }
    }
    cairo_surface_destroy(s);
    return ok;
}

/* The weight a box (px) would hide. */
static double mask_cost(const weight_mask *wm, const double b[4])
{
    if (wm->sum == NULL) {
        return 0;
    }
    int x0 = (int)floor(b[0] / wm->cell), y0 = (int)floor(b[1] / wm->cell);
    int x1 = (int)ceil(b[2] / wm->cell), y1 = (int)ceil(b[3] / wm->cell);
    x0 = x0 < 0 ? 0 : x0 > wm->w ? wm->w : x0, x1 = x1 < 0 ? 0 : x1 > wm->w ? wm->w : x1;
    y0 = y0 < 0 ? 0 : y0 > wm->h ? wm->h : y0, y1 = y1 < 0 ? 0 : y1 > wm->h ? wm->h : y1;
    size_t W = (size_t)wm->w + 1;
    return (double)wm->sum[(size_t)y1 * W + (size_t)x1] - wm->sum[(size_t)y0 * W + (size_t)x1] -
           wm->sum[(size_t)y1 * W + (size_t)x0] + wm->sum[(size_t)y0 * W + (size_t)x0];
}

static bool boxes_meet(const double a[4], const double b[4], double gap)
{
    return a[0] < b[2] + gap && a[2] > b[0] - gap && a[1] < b[3] + gap && a[3] > b[1] - gap;
}

typedef struct {
    unsigned id;
    double w, h;
    const int *order;
    double box[4];
    bool placed;
} furn_item;

/* The first position in the item's order that hides nothing and meets no placed item; else the
 * free position that hides least (returned false). */
static bool place_item(furn_item *it, const weight_mask *wm, const double fr[4], double m,
                       const furn_item *items, size_t nitems)
{
    double best = HUGE_VAL, b[4];
    for (int k = 0; k < FURN_NPOS; k++) {
        view_furniture_candidate(fr, m, it->w, it->h, it->order[k], b);
        bool clash = b[0] < fr[0] || b[1] < fr[1] || b[2] > fr[2] || b[3] > fr[3];
        for (size_t j = 0; j < nitems && !clash; j++) {
            clash = items[j].placed && &items[j] != it && boxes_meet(b, items[j].box, m / 2);
        }
        double cost = clash ? HUGE_VAL : mask_cost(wm, b);
        if (cost <= MASK_FITS) {
            memcpy(it->box, b, sizeof b);
            return true;
        }
        if (cost < best) {
            best = cost;
            memcpy(it->box, b, sizeof b);
        }
    }
    if (best == HUGE_VAL) { /* every position meets another item: the preferred one */
        view_furniture_candidate(fr, m, it->w, it->h, it->order[0], it->box);
    }
    return false;
}

double view_layout_furniture(incmap_render_view *v, const incmap_incidents *inc, bool column)
{
    const render_style *st = &v->style;
    double u = v->u, m = 9 * u;
    const double *fr = v->frame;
    double fw = fr[2] - fr[0], fh = fr[3] - fr[1];
    double lw, lh;
    view_legend_size(v, &lw, &lh);
    /* scale bar with the north arrow above its right end */
    double sw = v->scale_px + 26 * u, sh = 8 * u + st->sz_legend * 3.0 * u;
    double nw = 24 * u, nh = 40 * u;
    /* inset: about a fifth of the page's width (of the frame's before a column took part) */
    double page_w = v->box[INCMAP_BOX_TITLE][2] - fr[0];
    double iw = fmax(page_w * 0.19, 90 * u), ih = iw * 0.78;
    bool inset = ih < fh * 0.45;
    furn_item items[3] = {{FURN_LEGEND, lw, lh, legend_order, {0}, false},
                          {FURN_INSET, iw, ih, inset_order, {0}, false},
                          {FURN_SCALE, fmax(sw, nw), sh + 6 * u + nh, scale_order, {0}, false}};
    bool want[3] = {lw > 0, inset, true};
    weight_mask wm = {0};
    mask_build(&wm, v, inc);
    unsigned out = 0;
    /* the column (second pass): right of the frame, up to the title band's right edge */
    double col_w = 0, col_y = fr[1], col_x1 = v->box[INCMAP_BOX_TITLE][2];
    double col_bottom = fr[3] - ((v->furniture_out & FURN_SCALE) ? items[2].h + m : 0);
    for (size_t i = 0; i < 3; i++) {
        furn_item *it = &items[i];
        if (!want[i]) {
            continue;
        }
        bool in_frame =
            !(column && (v->furniture_out & it->id)) && place_item(it, &wm, fr, m, items, 3);
        if (!in_frame && !column) {
            out |= it->id;
            col_w = fmax(col_w, it->w + m);
        } else if (!in_frame && fr[2] + m + it->w <= col_x1 + 0.5) { /* stacked in the column */
            bool scale = it->id == FURN_SCALE;
            if (!scale && col_y + it->h > col_bottom) {
                if (it->id == FURN_INSET) {
                    want[i] = false; /* no room for the locator: the map goes without it */
                    continue;
                }
            } else {
                double y = scale ? fr[3] - it->h : col_y;
                it->box[0] = fr[2] + m, it->box[1] = y, it->box[2] = fr[2] + m + it->w;
                it->box[3] = y + it->h;
                col_y += scale ? 0 : it->h + m;
            }
        }
        it->placed = true;
    }
    free(wm.sum);
    memcpy(v->box[INCMAP_BOX_LEGEND], items[0].box, sizeof items[0].box);
    v->has_box[INCMAP_BOX_LEGEND] = want[0];
    memcpy(v->box[INCMAP_BOX_INSET], items[1].box, sizeof items[1].box);
    v->has_box[INCMAP_BOX_INSET] = want[1];
    const double *g = items[2].box;
    double *sb = v->box[INCMAP_BOX_SCALE_BAR], *nb = v->box[INCMAP_BOX_NORTH_ARROW];
    sb[2] = g[2], sb[0] = g[2] - sw, sb[3] = g[3], sb[1] = g[3] - sh;
    nb[2] = g[2], nb[0] = g[2] - nw, nb[1] = g[1], nb[3] = g[1] + nh;
    v->has_box[INCMAP_BOX_SCALE_BAR] = v->scale_px > 0;
    v->has_box[INCMAP_BOX_NORTH_ARROW] = true;
    if (column) {
        return 0;
    }
    /* a column only while the map keeps most of its width */
    if (out == 0 || fw - col_w < fw * 0.6 || fw - col_w < 120) {
        v->furniture_out = 0;
        return 0;
    }
    v->furniture_out = out;
    return col_w;
}

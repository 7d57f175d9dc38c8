/* Base layers, physical context (GSHHG layers of the gazetteer, see build_gshhg.c): lakes and
 * rivers by scale, quiet and under every line and label; on maps under RENDER_HIRES_KM across, the
 * detailed shoreline replaces Natural Earth's coast (land painted from the shore polygons, the
 * countries' fills clipped to it); and the names of seas and gulfs (the supplement's SEA, GULF
 * and OCN places) in italic blue where the sea is in view at a sensible scale. */
#include "render/render_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Maps under RENDER_HIRES_KM across draw the detailed GSHHG coast: Natural Earth's 1:10m coast
 * is off by up to a few hundred metres, which shows from about that scale. Raising max_river or
 * lowering min_lake_km2 for a band adds detail at that scale (and drawing time). */
const render_phys_band render_phys_bands[] = {
    {RENDER_HIRES_KM, 4, 0.0}, {700.0, 3, 20.0},  {1600.0, 2, 150.0},
    {4000.0, 1, 1500.0},       {1e9, 1, 15000.0},
};
const size_t render_phys_nbands = sizeof render_phys_bands / sizeof render_phys_bands[0];

/* An ocean's name on a wide map, a gulf's on a regional one. */
const render_sea_scale render_sea_scales[] = {
    {BASE_SEA_OCEAN, 2500, 1e9}, {BASE_SEA_SEA, 250, 8000}, {BASE_SEA_GULF, 120, 4000}};
const size_t render_sea_nscales = sizeof render_sea_scales / sizeof render_sea_scales[0];

size_t render_phys_band_of(double width_km)
{
    size_t i = 0;
    while (i + 1 < render_phys_nbands && width_km >= render_phys_bands[i].below_km) {
        i++;
    }
    return i;
}

static size_t scale_band(const rdr *r)
{
    return render_phys_band_of(view_width_km(r->v));
}

static void path_feature(rdr *r, const base_feature *f)
{
    const incmap_render_view *v = r->v;
    rdr_path_geom(r, f->geom, v->proj, v->map, v->px_per_unit, v->frame, v->tol_deg, v->cull);
}

bool render_physical_hires(rdr *r, incmap_base *o)
{
    return o != NULL && incmap_base_has_physical(o) && view_width_km(r->v) < RENDER_HIRES_KM;
}

/* Paints the detailed land (levels 1 and 3) and leaves it as the clip for the country fills. */
bool render_physical_land_clip(rdr *r, incmap_base *o, const double ll[4])
{
    base_features fs = {0};
    if (incmap_base_read_shore(o, r->ctx, ll, 1, 1, 0, &fs) != INCMAP_OK) {
        r->oom = r->oom || incmap_ctx_status(r->ctx) == INCMAP_ERR_NOMEM;
        base_features_free(&fs);
        incmap_ctx_clear(r->ctx);
        return false;
    }
    cairo_t *cr = r->cr;
    if (fs.n == 0) {
        base_features_free(&fs); /* all sea (or no shore here): Natural Earth's land as it is */
        return false;
    }
    cairo_new_path(cr);
    for (size_t i = 0; i < fs.n; i++) {
        path_feature(r, &fs.f[i]);
    }
    base_features_free(&fs);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING); /* bin pieces touch, never overlap */
    rdr_set_color(r, r->st->land);
    cairo_fill_preserve(cr);
    cairo_clip(cr);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    return true;
}

/* A shore ring's edges along its bin's edge close the piece; they are no coast. A piece lies in
 * its bin, so such an edge runs along the piece's bounding box. */
bool render_shore_bin_edge(const double *a, const double *b, const double bb[4])
{
    return (a[0] == b[0] && (a[0] == bb[0] || a[0] == bb[2])) ||
           (a[1] == b[1] && (a[1] == bb[1] || a[1] == bb[3]));
}

static void path_coast(rdr *r, const incmap_geom *g)
{
    double bb[4];
    if (!incmap_geom_bbox(g, bb)) {
        return;
    }
    size_t start = 0;
    for (size_t k = 0; k < g->nrings; k++) {
        size_t end = g->ring_end[k], run = start;
        for (size_t i = start; i + 1 < end; i++) {
            if (render_shore_bin_edge(&g->xy[2 * i], &g->xy[2 * i + 2], bb)) {
                if (i > run) {
                    rdr_path_lonlat(r, &g->xy[2 * run], i - run + 1, false);
                }
                run = i + 1;
            }
        }
        if (end > run + 1) {
            rdr_path_lonlat(r, &g->xy[2 * run], end - run, false);
        }
        start = end;
    }
}

void render_physical_water(rdr *r, incmap_base *o, const double ll[4], bool hires)
{
    if (o == NULL || !incmap_base_has_physical(o)) {
        return;
    }
    const render_style *st = r->st;
    cairo_t *cr = r->cr;
    size_t band = scale_band(r);
    base_features lakes = {0}, rivers = {0};
    if (incmap_base_read_shore(o, r->ctx, ll, 2, 4, render_phys_bands[band].min_lake_km2, &lakes) !=
            INCMAP_OK ||
        incmap_base_read_rivers(o, r->ctx, ll, render_phys_bands[band].max_river, &rivers) !=
            INCMAP_OK) {
        r->oom = r->oom || incmap_ctx_status(r->ctx) == INCMAP_ERR_NOMEM;
        incmap_ctx_clear(r->ctx); /* the map is still a map without its rivers */
    }
    /* lakes, islands in them, ponds on those: painted in level order, each over the last */
    for (size_t i = 0; i < lakes.n; i++) {
        cairo_new_path(cr);
        path_feature(r, &lakes.f[i]);
        rdr_set_color(r, lakes.f[i].population % 2 == 0 ? st->water : st->land);
        cairo_fill(cr);
    }
    if (hires) {
        /* the detailed coast (and lake shores) as a line, as country outlines draw it elsewhere */
        base_features shore = {0};
        if (incmap_base_read_shore(o, r->ctx, ll, 1, 2, 0, &shore) == INCMAP_OK) {
            cairo_new_path(cr);
            for (size_t i = 0; i < shore.n; i++) {
                path_coast(r, shore.f[i].geom);
            }
            rdr_set_color(r, st->coast_line);
            cairo_set_line_width(cr, st->w_coast * r->u);
            cairo_stroke(cr);
        }
        base_features_free(&shore);
        incmap_ctx_clear(r->ctx);
    }
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    for (int level = render_phys_bands[band].max_river; level >= 1; level--) {
        cairo_new_path(cr);
        for (size_t i = 0; i < rivers.n; i++) {
            if (rivers.f[i].population == level) {
                path_feature(r, &rivers.f[i]);
            }
        }
        /* major rivers widest; each level down a step thinner */
        double w = st->w_river * (1.0 - 0.18 * (level - 1)) * r->u;
        rdr_set_color(r, st->river);
        cairo_set_line_width(cr, w);
        cairo_stroke(cr);
    }
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    r->drawn_rivers = rivers.n;
    r->drawn_lakes = lakes.n;
    base_features_free(&lakes);
    base_features_free(&rivers);
}

/* Which sea names a map of this width shows (render_sea_scales; a kind not listed as a gulf). A
 * name is drawn where its point is in the frame. */
static bool sea_scale_ok(int kind, double width_km)
{
    size_t i = 0;
    while (i + 1 < render_sea_nscales && render_sea_scales[i].kind != kind) {
        i++;
    }
    return width_km >= render_sea_scales[i].min_km && width_km < render_sea_scales[i].max_km;
}

void render_sea_labels(rdr *r, incmap_base *o)
{
    base_features fs = {0};
    if (o == NULL || incmap_base_read_seas(o, r->ctx, r->v->ll, &fs) != INCMAP_OK) {
        base_features_free(&fs);
        incmap_ctx_clear(r->ctx);
        return;
    }
    double width_km = view_width_km(r->v);
    const double *f = r->v->frame;
    for (size_t i = 0; i < fs.n; i++) {
        double x, y, w, h;
        if (!sea_scale_ok(fs.f[i].kind, width_km) ||
            !view_ll_to_px(r->v, fs.f[i].lon, fs.f[i].lat, &x, &y)) {
            continue;
        }
        rdr_text_size(r, fs.f[i].name, r->st->sz_sea, TXT_ITALIC, &w, &h);
        rbox b = {x - w / 2, y - h / 2, x + w / 2, y + h / 2};
        if (b.x0 < f[0] || b.x1 > f[2] || b.y0 < f[1] || b.y1 > f[3] || rdr_occupied(r, b)) {
            continue;
        }
        rdr_occupy(r, b);
        rdr_text(r, fs.f[i].name, b.x0, b.y0, r->st->sz_sea, TXT_ITALIC, r->st->sea_label);
        r->drawn_sea_labels++;
    }
    base_features_free(&fs);
}

/* The HTML map's layers beyond Natural Earth, as the static map draws them: GSHHG lakes and
 * rivers (render_physical.c), the names of seas, gulfs and oceans, and de facto lines, claims and
 * disputed areas (render_disputed.c, whose reader is used as it is). They are read once, before
 * the page is written, so the credits and the legend can say what the page shows; written clipped
 * to the page's box and simplified like the base layers. The page applies the static map's scale
 * rules at each zoom (html_extra_config), so it shows what a static map of its view would. */
#include "render/render_html.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <string.h>

/* Rivers are written for the view this many times narrower than the first one, so that zooming
 * in shows the next level (those the first view does not show only within it, where a reader
 * zooms: over the whole page they were about as many bytes as every other river); raising it
 * adds smaller rivers and bytes. */
#define HTML_RIVER_ZOOM_FACTOR 2.0

/* A read failure other than memory leaves the layer out: the map is still a map. */
static bool soft(incmap_ctx *ctx, incmap_status st)
{
    if (st == INCMAP_OK) {
        return true;
    }
    if (incmap_ctx_status(ctx) == INCMAP_ERR_NOMEM) {
        return false;
    }
    incmap_ctx_clear(ctx);
    return true;
}

incmap_status html_extra_read(incmap_ctx *ctx, incmap_base *o, const incmap_render_view *v,
                              const double box[4], html_extra *x)
{
    memset(x, 0, sizeof *x);
    if (o == NULL) {
        return INCMAP_OK;
    }
    double width_km = view_width_km(v);
    size_t band = render_phys_band_of(width_km);
    x->max_river =
        render_phys_bands[render_phys_band_of(width_km / HTML_RIVER_ZOOM_FACTOR)].max_river;
    x->view_river = render_phys_bands[band].max_river;
    memcpy(x->view_ll, v->ll, sizeof x->view_ll);
    bool ok = true;
    if (incmap_base_has_physical(o)) {
        ok = soft(ctx, incmap_base_read_shore(o, ctx, box, 2, 4,
                                              render_phys_bands[band].min_lake_km2, &x->lakes)) &&
             soft(ctx, incmap_base_read_rivers(o, ctx, box, x->max_river, &x->rivers));
        if (ok && width_km < RENDER_HIRES_KM) {
            ok = soft(ctx, incmap_base_read_shore(o, ctx, box, 1, 1, 0, &x->land)) &&
                 soft(ctx, incmap_base_read_borders(o, ctx, box, &x->borders));
        }
    }
    ok = ok && soft(ctx, incmap_base_read_seas(o, ctx, box, &x->seas));
    if (ok) {
        /* render_disputed_read() takes what meets the view's lon/lat box: given a copy of the
         * view whose box is the page's, the page's (areas borrowed from v->disputed, which
         * outlives the page's writing); whether an area shows in the first view was settled when
         * the view was laid out (LEG_DISPUTED) */
        incmap_render_view vb = *v;
        memcpy(vb.ll, box, sizeof vb.ll);
        rdr r = {.ctx = ctx};
        render_disputed_read(&r, o, &vb);
        x->disputed_in_view = (v->legend & LEG_DISPUTED) != 0;
        x->blines = r.blines, x->bareas = r.bareas;
        ok = !r.oom;
    }
    if (!ok) {
        html_extra_free(x);
        return incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory reading the map's layers");
    }
    return INCMAP_OK;
}

void html_extra_free(html_extra *x)
{
    base_features_free(&x->rivers);
    base_features_free(&x->lakes);
    base_features_free(&x->seas);
    render_disputed_areas_free(&x->blines);
    render_disputed_areas_free(&x->bareas);
    base_features_free(&x->land);
    base_features_free(&x->borders);
}

bool html_extra_physical(const html_extra *x)
{
    return x->rivers.n + x->lakes.n + x->land.n > 0;
}

bool html_extra_config(cJSON *cfg)
{
    cJSON *b = cJSON_AddArrayToObject(cfg, "phys_bands");
    cJSON *s = cJSON_AddArrayToObject(cfg, "sea_scales");
    bool ok = b != NULL && s != NULL &&
              cJSON_AddNumberToObject(cfg, "claim_max_km", RENDER_CLAIM_MAX_KM) != NULL;
    for (size_t i = 0; ok && i < render_phys_nbands; i++) {
        const render_phys_band *p = &render_phys_bands[i];
        double row[3] = {p->below_km, p->max_river, p->min_lake_km2};
        ok = cJSON_AddItemToArray(b, cJSON_CreateDoubleArray(row, 3));
    }
    for (size_t i = 0; ok && i < render_sea_nscales; i++) {
        const render_sea_scale *q = &render_sea_scales[i];
        double row[3] = {q->kind, q->min_km, q->max_km};
        ok = cJSON_AddItemToArray(s, cJSON_CreateDoubleArray(row, 3));
    }
    return ok;
}

static void put_name(html_writer *w, const char *name)
{
    if (name != NULL && name[0] != '\0') {
        html_put(w->o, ",\"n\":");
        html_put_json_string(w->o, name);
    }
}

/* The coast of shore piece g: its rings less the bin edges, as lines. Owned; NULL for none or
 * when out of memory (*nomem). */
static incmap_geom *coast_of(const incmap_geom *g, bool *nomem)
{
    double bb[4];
    if (g == NULL || !incmap_geom_bbox(g, bb)) {
        return NULL;
    }
    incmap_geom *c = incmap_geom_create(INCMAP_GEOM_MULTILINESTRING, g->npoints, g->npoints, 0);
    if (c == NULL) {
        *nomem = true;
        return NULL;
    }
    size_t np = 0, nl = 0, start = 0;
    for (size_t k = 0; k < g->nrings; k++) {
        size_t end = g->ring_end[k], run = start;
        for (size_t i = start; i < end; i++) {
            bool cut = i + 1 == end || render_shore_bin_edge(&g->xy[2 * i], &g->xy[2 * i + 2], bb);
            if (!cut) {
                continue;
            }
            if (i > run) { /* vertices run..i are a stretch of coast */
                memcpy(&c->xy[2 * np], &g->xy[2 * run], 2 * (i - run + 1) * sizeof(double));
                np += i - run + 1;
                c->ring_end[nl++] = np;
            }
            run = i + 1;
        }
        start = end;
    }
    c->npoints = np, c->nrings = nl;
    if (nl == 0) {
        incmap_geom_destroy(c);
        return NULL;
    }
    return c;
}

/* The detailed coast: the sea over the Natural Earth land, the coastline (and lake shores), the
 * countries' land borders instead of their outlines. */
static void write_hires(html_writer *w, const html_extra *x)
{
    html_out *o = w->o;
    if (html_put_sea_mask(w, &x->land)) {
        html_put(o, ",\"properties\":{\"k\":\"m\"}}");
    }
    for (int pass = 0; pass < 2; pass++) {
        const base_features *fs = pass == 0 ? &x->land : &x->lakes;
        for (size_t i = 0; i < fs->n && !w->nomem && o->st == INCMAP_OK; i++) {
            if (pass == 1 && fs->f[i].population != 2) {
                continue; /* lake shores; islands and ponds are small */
            }
            incmap_geom *c = coast_of(fs->f[i].geom, &w->nomem);
            if (c != NULL && html_put_lines(w, c)) {
                html_put(o, ",\"properties\":{\"k\":\"k\"}}");
            }
            incmap_geom_destroy(c);
        }
    }
    for (size_t i = 0; i < x->borders.n && !w->nomem && o->st == INCMAP_OK; i++) {
        if (html_put_lines(w, x->borders.f[i].geom)) {
            html_put(o, ",\"properties\":{\"k\":\"x\"}}");
        }
    }
}

void html_extra_write(html_writer *w, const html_extra *x)
{
    html_out *o = w->o;
    if (x->land.n > 0) {
        write_hires(w, x);
    }
    /* lakes, islands in them, ponds on those: in level order, each painted over the last */
    for (size_t i = 0; i < x->lakes.n && !w->nomem && o->st == INCMAP_OK; i++) {
        if (html_put_polygons(w, x->lakes.f[i].geom)) {
            html_printf(o, ",\"properties\":{\"k\":\"l\",\"w\":%d}}",
                        x->lakes.f[i].population % 2 == 0);
        }
    }
    const double *page_box = w->box;
    for (size_t i = 0; i < x->rivers.n && !w->nomem && o->st == INCMAP_OK; i++) {
        w->box = x->rivers.f[i].population > x->view_river ? x->view_ll : page_box;
        if (html_put_lines(w, x->rivers.f[i].geom)) {
            html_printf(o, ",\"properties\":{\"k\":\"r\",\"v\":%d}}",
                        (int)x->rivers.f[i].population);
        }
    }
    w->box = page_box;
    for (size_t i = 0; i < x->bareas.n && !w->nomem && o->st == INCMAP_OK; i++) {
        if (html_put_polygons(w, x->bareas.f[i].geom)) {
            html_put(o, ",\"properties\":{\"k\":\"d\"");
            put_name(w, x->bareas.f[i].name);
            html_put(o, ",\"lx\":");
            html_put_coord(o, w->lx, w->decimals);
            html_put(o, ",\"ly\":");
            html_put_coord(o, w->ly, w->decimals);
            html_put(o, "}}");
        }
    }
    for (size_t i = 0; i < x->blines.n && !w->nomem && o->st == INCMAP_OK; i++) {
        if (html_put_lines(w, x->blines.f[i].geom)) {
            html_printf(o, ",\"properties\":{\"k\":\"b\",\"v\":%d", x->blines.f[i].kind);
            put_name(w, x->blines.f[i].name);
            html_put(o, "}}");
        }
    }
    for (size_t i = 0; i < x->seas.n && o->st == INCMAP_OK; i++) {
        const base_feature *f = &x->seas.f[i];
        if (f->name == NULL || !isfinite(f->lon) || !isfinite(f->lat)) {
            continue;
        }
        html_put(o, w->first ? "\n" : ",\n");
        w->first = false;
        html_printf(o, "{\"type\":\"Feature\",\"properties\":{\"k\":\"s\",\"v\":%d", f->kind);
        put_name(w, f->name);
        html_put(o, "},\"geometry\":{\"type\":\"Point\",\"coordinates\":[");
        html_put_coord(o, f->lon, 4);
        html_put(o, ",");
        html_put_coord(o, f->lat, 4);
        html_put(o, "]}}");
    }
}

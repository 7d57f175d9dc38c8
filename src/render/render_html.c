/* incmap_render_html: the incidents as one self-contained, offline HTML page. Leaflet's script
 * and stylesheet (fetched by gazetteer/fetch-sources, read here at run time) and our own
 * (maps/html/, built in) are inlined; the data travel as JSON blocks: the style and legend, the
 * incidents' GeoJSON (what `incmap extract` writes, so a reader can save it), geodesic overlays
 * computed here (the arrow, uncertainty circles, range rings, symbol anchors) and the base
 * layers. A <noscript> carries the static map as a PNG. Nothing is fetched when it is opened. */
#include "render/render_html.h"

#include "render/render_internal.h"

#include <cjson/cJSON.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The build tree's Leaflet: the default only for programs run from the build tree; installed
 * ones look in the data directories (core/datadir.c). */
#ifndef INCMAP_SOURCES_DIR
#define INCMAP_LEAFLET_BUILD_TREE NULL
#else
#define INCMAP_LEAFLET_BUILD_TREE INCMAP_SOURCES_DIR "/leaflet"
#endif

/* The base layers reach this many static-map widths (and heights) beyond each side of the
 * static map's extent, and the page cannot pan past them: raising it lets a reader see more
 * context, at about (1 + 2 * it)^2 times the base layer bytes. */
#define HTML_BOX_GROW 1.0
/* Zoom levels a reader can go in beyond the first view; the base layers are simplified to about
 * a pixel at the deepest one: raising it adds detail and bytes. */
#define HTML_EXTRA_ZOOM 4
/* Width in CSS pixels assumed for the first view when choosing that tolerance. */
#define HTML_VIEW_PX 1000.0
/* The static PNG in the <noscript>: about 150-300 KB as base64 at this size. */
#define HTML_NOSCRIPT_W 800
#define HTML_NOSCRIPT_H 600
/* Towns offered to the label placement in the page (most important first). */
#define HTML_MAX_PLACES 400
/* Leaflet 1.9.4 is 148 KB + 15 KB; anything much larger is not the file we pinned. */
#define HTML_LEAFLET_MAX_BYTES (4u << 20)

/* The static map's credit line, less its projection (the page's is Web Mercator): GSHHG is
 * credited when the page shows some of it. */
static const char credits_gshhg[] =
    "Map data: GeoNames (CC BY 4.0), Natural Earth, OurAirports, GSHHG (LGPL) \xc2\xb7 "
    "Boundaries are not authoritative";
static const char credits_plain[] = "Map data: GeoNames (CC BY 4.0), Natural Earth, OurAirports "
                                    "\xc2\xb7 Boundaries are not authoritative";

static void color_hex(rcolor c, char out[10])
{
    int r = (int)lround(c.r * 255), g = (int)lround(c.g * 255), b = (int)lround(c.b * 255);
    int a = (int)lround(c.a * 255);
    if (a >= 255) {
        snprintf(out, 10, "#%02x%02x%02x", r & 255, g & 255, b & 255);
    } else {
        snprintf(out, 10, "#%02x%02x%02x%02x", r & 255, g & 255, b & 255, a & 255);
    }
}

static bool add_color(cJSON *obj, const char *key, rcolor c)
{
    char hex[10];
    color_hex(c, hex);
    return cJSON_AddStringToObject(obj, key, hex) != NULL;
}

static bool add_box(cJSON *obj, const char *key, const double b[4])
{
    return cJSON_AddItemToObject(obj, key, cJSON_CreateDoubleArray(b, 4));
}

/* Points are written in CSS pixels: 1 pt = 4/3 px at the web's 96 px per inch. */
#define PT_PX (4.0 / 3.0)

static bool style_json(cJSON *cfg, const render_style *st)
{
    cJSON *c = cJSON_AddObjectToObject(cfg, "colors");
    cJSON *w = cJSON_AddObjectToObject(cfg, "widths");
    cJSON *s = cJSON_AddObjectToObject(cfg, "sizes");
    if (c == NULL || w == NULL || s == NULL) {
        return false;
    }
    const struct {
        const char *key;
        rcolor c;
    } colors[] = {{"sea", st->sea},
                  {"land", st->land},
                  {"land_focus", st->land_focus},
                  {"country_line", st->country_line},
                  {"admin1_line", st->admin1_line},
                  {"text", st->text},
                  {"text_muted", st->text_muted},
                  {"halo", st->halo},
                  {"country_label", st->country_label},
                  {"place", st->place},
                  {"launch", st->launch},
                  {"target", st->target},
                  {"border", st->border},
                  {"arrow", st->arrow},
                  {"site", st->site},
                  {"range", st->range},
                  {"mention", st->mention},
                  {"legend_bg", st->legend_bg},
                  {"water", st->water},
                  {"river", st->river},
                  {"coast_line", st->coast_line},
                  {"sea_label", st->sea_label},
                  {"disputed_fill", st->disputed_fill},
                  {"disputed_hatch", st->disputed_hatch}};
    bool ok = true;
    for (size_t i = 0; i < sizeof colors / sizeof colors[0]; i++) {
        ok = ok && add_color(c, colors[i].key, colors[i].c);
    }
    const struct {
        cJSON *obj;
        const char *key;
        double pt;
    } sizes[] = {
        {w, "country", st->w_country},  {w, "admin1", st->w_admin1}, {w, "border", st->w_border},
        {w, "arrow", st->w_arrow},      {w, "range", st->w_range},   {w, "target", st->w_target},
        {w, "halo", st->w_halo},        {s, "title", st->sz_title},  {s, "label", st->sz_label},
        {s, "country", st->sz_country}, {s, "place", st->sz_place},  {s, "legend", st->sz_legend},
        {s, "symbol", st->sz_symbol},   {w, "river", st->w_river},   {w, "coast", st->w_coast},
        {w, "defacto", st->w_defacto},  {w, "claim", st->w_claim},   {s, "sea", st->sz_sea}};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        ok = ok && cJSON_AddNumberToObject(sizes[i].obj, sizes[i].key,
                                           round(sizes[i].pt * PT_PX * 100) / 100) != NULL;
    }
    return ok && cJSON_AddNumberToObject(cfg, "target_fill_alpha", st->target_fill_alpha) &&
           cJSON_AddStringToObject(cfg, "font", st->font);
}

static const char *legend_key(unsigned bit)
{
    switch (bit) {
    case LEG_LAUNCH:
        return "launch";
    case LEG_LAUNCH_AREA:
        return "launch_area";
    case LEG_TARGET_AREA:
        return "target_area";
    case LEG_SITE_AREA:
        return "site_area";
    case LEG_TARGET_POINT:
        return "target_point";
    case LEG_BORDER:
        return "border";
    case LEG_LINE:
        return "line";
    case LEG_ARROW:
        return "arrow";
    case LEG_SITE:
        return "site";
    case LEG_RANGE:
        return "range";
    case LEG_MENTION:
        return "mention";
    case LEG_DISPUTED:
        return "disputed";
    case LEG_KEY_SITE:
        return "key_site";
    default:
        return "place";
    }
}

/* Title, legend, style, extents and credits for the page's script. Owned: cJSON_free(). */
static char *config_json(const incmap_render_view *v, const incmap_render_opts *opts,
                         const double box[4], const char *credits, unsigned legend_bits)
{
    cJSON *cfg = cJSON_CreateObject(), *legend = NULL, *sub = NULL;
    char *out = NULL, buf[64];
    bool ok = cfg != NULL && cJSON_AddStringToObject(cfg, "title", v->title) &&
              (sub = cJSON_AddArrayToObject(cfg, "subtitle")) != NULL &&
              add_box(cfg, "view", v->ll) && add_box(cfg, "box", box) &&
              cJSON_AddNumberToObject(cfg, "extra_zoom", HTML_EXTRA_ZOOM) &&
              cJSON_AddNumberToObject(cfg, "range_km", v->range_km) &&
              cJSON_AddStringToObject(cfg, "credits", credits) &&
              cJSON_AddStringToObject(cfg, "source", opts->source ? opts->source : "") &&
              (legend = cJSON_AddArrayToObject(cfg, "legend")) != NULL &&
              style_json(cfg, &v->style) && html_extra_config(cfg);
    for (size_t i = 0; ok && i < v->nsubtitle; i++) {
        ok = cJSON_AddItemToArray(sub, cJSON_CreateString(v->subtitle[i]));
    }
    for (unsigned bit = 1; ok && bit <= LEG_LAST; bit <<= 1) {
        cJSON *e = NULL;
        ok = !(legend_bits & bit) ||
             ((e = cJSON_CreateObject()) != NULL && cJSON_AddItemToArray(legend, e) &&
              cJSON_AddStringToObject(e, "key", legend_key(bit)) &&
              cJSON_AddStringToObject(
                  e, "text", render_legend_text(bit, v->range_km, buf, sizeof buf)) != NULL);
    }
    if (ok) {
        out = cJSON_PrintUnformatted(cfg);
    }
    cJSON_Delete(cfg);
    return out;
}

/* Leaflet's file NAME from dir. Failing that, the reader's reason (no such file, permission,
 * over the size limit) and how to get Leaflet, as an I/O error. */
static incmap_status read_leaflet(incmap_ctx *ctx, const char *dir, const char *name, char **out,
                                  size_t *len)
{
    char path[4096], why[512];
    int n = snprintf(path, sizeof path, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= sizeof path) {
        return incmap_fail(ctx, INCMAP_ERR_IO, "Leaflet directory name too long: %.80s...", dir);
    }
    if (incmap_read_file(ctx, path, HTML_LEAFLET_MAX_BYTES, out, len) == INCMAP_OK) {
        return INCMAP_OK;
    }
    if (incmap_ctx_status(ctx) == INCMAP_ERR_NOMEM) {
        return INCMAP_ERR_NOMEM;
    }
    snprintf(why, sizeof why, "%s", incmap_ctx_message(ctx)); /* not formatted into itself */
    return incmap_fail(ctx, INCMAP_ERR_IO,
                       "HTML map needs Leaflet: %s (fetch it with `incmap gazetteer fetch`, "
                       "npm leaflet 1.9.4 into the sources dir's leaflet/, or set "
                       "INCMAP_LEAFLET_DIR to a folder with leaflet.js and leaflet.css)",
                       why);
}

/* Leaflet ends with a source-map comment that names a file beside it; inlined there is none,
 * and a browser's developer tools would try to fetch it. */
static size_t without_source_map(const char *js, size_t len)
{
    const char *m = strstr(js, "\n//# sourceMappingURL=");
    if (m == NULL) {
        return len;
    }
    for (const char *p = strchr(m + 1, '\n'); p != NULL && *p != '\0'; p++) {
        if (*p != '\n' && *p != '\r' && *p != ' ' && *p != '\t') {
            return len; /* not the last line: leave the code as it is */
        }
    }
    return (size_t)(m - js) + 1;
}

typedef struct {
    char *config, *overlays, *incidents, *leaflet_js, *leaflet_css;
    size_t leaflet_js_len, leaflet_css_len;
    unsigned char *png;
    size_t png_len;
} page_parts;

/* What the page's base layers are written from. */
typedef struct {
    incmap_base *base; /* NULL: none (a page without a gazetteer) */
    const html_extra *extra;
    const double *box;
    double tol_deg;
    const char *focus, *credits;
} page_base;

static void write_page(html_out *o, const incmap_render_view *v, const page_parts *p,
                       const char *source, const page_base *pb)
{
    html_put(o, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                "<meta name=\"generator\" content=\"incmap " INCMAP_VERSION "\">\n<title>");
    html_put_text(o, v->title_short);
    html_put(o, "</title>\n<style>/* Leaflet 1.9.4, BSD-2-Clause, (c) Vladimir Agafonkin, "
                "CloudMade */\n");
    html_put_code(o, p->leaflet_css, p->leaflet_css_len);
    html_put(o, "</style>\n<style>\n");
    html_put_code(o, (const char *)incmap_html_map_css, incmap_html_map_css_len);
    html_put(o, "</style>\n<noscript><style>#map { display: none; }</style></noscript>\n"
                "</head>\n<body>\n<header class=\"incmap-head\">\n<h1>");
    html_put_text(o, v->title);
    html_put(o, "</h1>\n");
    for (size_t i = 0; i < v->nsubtitle; i++) {
        html_put(o, "<p>");
        html_put_text(o, v->subtitle[i]);
        html_put(o, "</p>\n");
    }
    html_put(o, "</header>\n<main>\n<section id=\"map\" aria-label=\"Map: ");
    html_put_text(o, v->title);
    html_put(o, ". Arrow keys pan, plus and minus zoom, Tab reaches each symbol and Enter "
                "shows its details.\"></section>\n<noscript><p class=\"incmap-static\">"
                "<img src=\"data:image/png;base64,");
    html_put_base64(o, p->png, p->png_len);
    html_printf(o, "\" width=\"%d\" height=\"%d\" alt=\"", HTML_NOSCRIPT_W, HTML_NOSCRIPT_H);
    html_put_text(o, v->title);
    html_put(o, "\"></p></noscript>\n</main>\n<footer class=\"incmap-foot\">\n<p>");
    html_put_text(o, pb->credits);
    html_put(o, " &middot; map library Leaflet (BSD-2-Clause) &middot; made with incmap</p>\n");
    if (source != NULL && source[0] != '\0') {
        html_put(o, "<p>");
        html_put_text(o, source);
        html_put(o, "</p>\n");
    }
    /* hidden until the script links it to the embedded GeoJSON (a blob: URL, not a request) */
    html_put(o, "<p id=\"incmap-save\" hidden><a id=\"incmap-download\">Save the incidents as "
                "GeoJSON</a></p>\n</footer>\n");
    html_put(o, "<script type=\"application/json\" id=\"incmap-config\">");
    html_put_json(o, p->config, strlen(p->config));
    html_put(o, "</script>\n<script type=\"application/json\" id=\"incmap-incidents\">");
    html_put_json(o, p->incidents, strlen(p->incidents));
    html_put(o, "</script>\n<script type=\"application/json\" id=\"incmap-overlays\">");
    html_put_json(o, p->overlays, strlen(p->overlays));
    html_put(o, "</script>\n<script type=\"application/json\" id=\"incmap-base\">");
    html_put(o, "{\"type\":\"FeatureCollection\",\"features\":[");
    if (o->st == INCMAP_OK && pb->base != NULL) {
        int64_t min_pop = 1000; /* the deepest zoom's cut; the page thins towns by zoom */
        html_writer w;
        html_writer_init(&w, o, pb->box, pb->tol_deg);
        incmap_status st =
            html_base_write(&w, pb->base, pb->focus, min_pop, HTML_MAX_PLACES, &v->names);
        if (st == INCMAP_OK) {
            html_extra_write(&w, pb->extra);
        }
        incmap_status done = html_writer_done(&w);
        st = st != INCMAP_OK ? st : done;
        if (st != INCMAP_OK && o->st == INCMAP_OK) {
            o->st = st;
        }
    }
    html_put(o, "]}");
    html_put(o, "</script>\n<script>\n");
    html_put_code(o, p->leaflet_js, without_source_map(p->leaflet_js, p->leaflet_js_len));
    html_put(o, "</script>\n<script>\n");
    html_put_code(o, (const char *)incmap_html_map_js, incmap_html_map_js_len);
    html_put(o, "</script>\n</body>\n</html>\n");
}

/* ISO codes of the incidents' countries, " IQ SY ", as the static map lightens them. */
static void focus_of(const incmap_incidents *inc, char *out, size_t n)
{
    snprintf(out, n, " ");
    for (size_t i = 0; i < incmap_incidents_feature_count(inc); i++) {
        const incmap_feature *f = incmap_incidents_feature(inc, i);
        char key[8];
        if (f->role == INCMAP_ROLE_MENTION || f->country == NULL || strlen(f->country) != 2) {
            continue;
        }
        snprintf(key, sizeof key, " %.2s ", f->country);
        if (strstr(out, key) == NULL && strlen(out) + 3 < n) {
            strcat(out, key + 1);
        }
    }
}

incmap_status incmap_render_html(incmap_ctx *ctx, const char *gpkg_path,
                                 const incmap_incidents *inc, const incmap_render_opts *opts,
                                 const char *out_path)
{
    if (inc == NULL || opts == NULL || out_path == NULL || out_path[0] == '\0') {
        return incmap_fail(ctx, INCMAP_ERR_INVALID_ARG,
                           "render: missing incidents, options or output path");
    }
    incmap_ctx_clear(ctx);
    const char *dir = opts->leaflet_dir ? opts->leaflet_dir : getenv("INCMAP_LEAFLET_DIR");
    char found[PATH_MAX];
    if (dir == NULL || dir[0] == '\0') {
        incmap_data_find("sources/leaflet", INCMAP_LEAFLET_BUILD_TREE, found, sizeof found, NULL,
                         0);
        dir = found;
    }
    page_parts p = {0};
    incmap_status st = INCMAP_OK;
    incmap_render_view *v = NULL;
    incmap_base *base = NULL;
    html_extra extra = {0};
    html_out o = {.ctx = ctx};
    if ((st = read_leaflet(ctx, dir, "leaflet.js", &p.leaflet_js, &p.leaflet_js_len)) !=
            INCMAP_OK ||
        (st = read_leaflet(ctx, dir, "leaflet.css", &p.leaflet_css, &p.leaflet_css_len)) !=
            INCMAP_OK) {
        goto out;
    }
    /* the <noscript> map: the static renderer at a smaller size, in memory */
    incmap_render_opts small = *opts;
    small.width_px = HTML_NOSCRIPT_W, small.height_px = HTML_NOSCRIPT_H;
    small.format = INCMAP_FORMAT_PNG;
    if ((st = render_png_mem(ctx, gpkg_path, inc, &small, &p.png, &p.png_len)) != INCMAP_OK) {
        goto out;
    }
    /* the page's title names places as the static map does (conventional names, countries) */
    base = gpkg_path != NULL ? incmap_base_open(ctx, gpkg_path) : NULL;
    v = gpkg_path == NULL || base != NULL ? view_create(ctx, inc, opts, base) : NULL;
    if (v == NULL) {
        st = incmap_ctx_status(ctx);
        goto out;
    }
    const double *ll = v->ll;
    double gw = (ll[2] - ll[0]) * HTML_BOX_GROW, gh = (ll[3] - ll[1]) * HTML_BOX_GROW;
    double box[4] = {fmax(ll[0] - gw, -180), fmax(ll[1] - gh, -85), fmin(ll[2] + gw, 180),
                     fmin(ll[3] + gh, 85)};
    double tol_deg = (ll[2] - ll[0]) / (HTML_VIEW_PX * (1 << HTML_EXTRA_ZOOM)) *
                     cos(fmin(fabs(ll[1]), fabs(ll[3])) * M_PI / 180);
    char focus[64];
    focus_of(inc, focus, sizeof focus);
    if ((st = html_extra_read(ctx, base, v, box, &extra)) != INCMAP_OK) {
        goto out;
    }
    const char *credits = html_extra_physical(&extra) ? credits_gshhg : credits_plain;
    unsigned legend = v->legend | (extra.disputed_in_view ? LEG_DISPUTED : 0);
    if ((p.config = config_json(v, opts, box, credits, legend)) == NULL ||
        (p.overlays = html_overlays_json(v, inc)) == NULL) {
        st = incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory writing %s", out_path);
        goto out;
    }
    if ((p.incidents = incmap_geojson_write(ctx, inc, false)) == NULL) {
        st = incmap_ctx_status(ctx);
        goto out;
    }
    if ((o.af = incmap_afile_open(ctx, out_path)) == NULL) {
        st = incmap_ctx_status(ctx);
        goto out;
    }
    page_base pb = {base, &extra, box, fmax(tol_deg, 1e-6), focus, credits};
    write_page(&o, v, &p, opts->source, &pb);
    st = o.st;
    if (st == INCMAP_OK) {
        st = incmap_afile_commit(o.af);
        o.af = NULL;
    }
out:
    incmap_afile_abort(o.af);
    cJSON_free(p.config);
    cJSON_free(p.overlays);
    incmap_free(p.incidents);
    free(p.leaflet_js);
    free(p.leaflet_css);
    free(p.png);
    incmap_render_view_destroy(v);
    html_extra_free(&extra);
    incmap_base_close(base);
    return st;
}

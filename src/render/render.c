/* incmap_render: the driver. Builds the view, opens the base layers, draws every pass through one
 * cairo context onto a PNG, SVG or PDF surface, and writes the file atomically.
 * SVG is made for graphics desks: cairo (1.16) writes text as glyph outlines and gives its
 * groups no names, so each layer (base, graticule, incidents, labels, place-labels, furniture,
 * titles) is drawn through its own cairo SVG surface, with no text; the bodies are stitched
 * into one <g id="layer"> each (their ids prefixed with the layer's, so that glyph, clip and
 * pattern ids of two layers never clash), and every line of text is written into its layer as
 * a <text> element with its font, size, fill and halo (stroke under the fill, paint-order), at
 * the position the PNG draws it. The file opens in Inkscape or Illustrator with editable
 * layers and text. */
#include "core/vec.h"
#include "render/render_internal.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

typedef struct {
    char *data;
    size_t len, cap;
    bool oom;
} membuf;

static cairo_status_t write_mem(void *closure, const unsigned char *data, unsigned int len)
{
    membuf *m = closure;
    if (incmap_grow((void **)&m->data, &m->cap, m->len + len + 1, 1) != INCMAP_OK) {
        m->oom = true;
        return CAIRO_STATUS_NO_MEMORY;
    }
    memcpy(m->data + m->len, data, len);
    m->len += len;
    m->data[m->len] = '\0';
    return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t write_afile(void *closure, const unsigned char *data, unsigned int len)
{
    return incmap_afile_write(closure, data, len) == INCMAP_OK ? CAIRO_STATUS_SUCCESS
                                                               : CAIRO_STATUS_WRITE_ERROR;
}

static incmap_render_format format_of(const char *path, incmap_render_format f)
{
    if (f != INCMAP_FORMAT_AUTO) {
        return f;
    }
    const char *dot = strrchr(path, '.');
    if (dot == NULL) {
        return INCMAP_FORMAT_AUTO;
    }
    static const struct {
        const char *ext;
        incmap_render_format f;
    } exts[] = {{".png", INCMAP_FORMAT_PNG},
                {".svg", INCMAP_FORMAT_SVG},
                {".pdf", INCMAP_FORMAT_PDF},
                {".tif", INCMAP_FORMAT_TIFF},
                {".tiff", INCMAP_FORMAT_TIFF}};
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
        if (strcasecmp(dot, exts[i].ext) == 0) {
            return exts[i].f;
        }
    }
    return INCMAP_FORMAT_AUTO;
}

const char *render_xml_entity(char c)
{
    return c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '"' ? "&quot;" : NULL;
}

static void xml_escape(membuf *m, const char *s)
{
    for (; *s; s++) {
        const char *rep = render_xml_entity(*s);
        if (rep) {
            write_mem(m, (const unsigned char *)rep, (unsigned)strlen(rep));
        } else {
            write_mem(m, (const unsigned char *)s, 1);
        }
    }
}

static void put(membuf *m, const char *s)
{
    write_mem(m, (const unsigned char *)s, (unsigned)strlen(s));
}

#define SVG_MAX_LAYERS 8

struct rdr_svg {
    double to_pt; /* SVG user units (points) per pixel */
    int width, height;
    cairo_surface_t *surface; /* the layer being drawn */
    const char *id[SVG_MAX_LAYERS];
    membuf doc[SVG_MAX_LAYERS]; /* each layer's cairo SVG document */
    int n;
    cairo_status_t status;
};

static void svg_end_layer(rdr *r)
{
    struct rdr_svg *g = r->svg;
    if (g->surface == NULL) {
        return;
    }
    cairo_destroy(r->cr);
    r->cr = NULL;
    cairo_surface_finish(g->surface);
    if (g->status == CAIRO_STATUS_SUCCESS) {
        g->status = cairo_surface_status(g->surface);
    }
    cairo_surface_destroy(g->surface);
    g->surface = NULL;
}

/* Starts a layer: a new cairo SVG surface, drawn in pixels. */
static void svg_begin_layer(rdr *r, const char *id)
{
    struct rdr_svg *g = r->svg;
    if (g->n == SVG_MAX_LAYERS) {
        g->status = CAIRO_STATUS_NO_MEMORY; /* a programming error: more layers than slots */
        return;
    }
    g->id[g->n] = id;
    g->surface = cairo_svg_surface_create_for_stream(write_mem, &g->doc[g->n], g->width * g->to_pt,
                                                     g->height * g->to_pt);
    r->layer = g->n++;
    r->cr = cairo_create(g->surface);
    cairo_scale(r->cr, g->to_pt, g->to_pt);
}

void rdr_layer(rdr *r, const char *id)
{
    if (r->svg == NULL) {
        return;
    }
    svg_end_layer(r);
    svg_begin_layer(r, id);
}

/* The body of a cairo SVG document with every id, and every reference to one, prefixed. */
static void put_prefixed(membuf *m, const char *s, size_t n, const char *prefix)
{
    static const char *const marks[] = {"id=\"", "url(#", "href=\"#"};
    size_t done = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < 3; k++) {
            size_t len = strlen(marks[k]);
            if (i + len <= n && memcmp(s + i, marks[k], len) == 0) {
                write_mem(m, (const unsigned char *)s + done, (unsigned)(i + len - done));
                put(m, prefix);
                put(m, "-");
                done = i + len;
                i += len - 1;
                break;
            }
        }
    }
    write_mem(m, (const unsigned char *)s + done, (unsigned)(n - done));
}

static void color_attr(membuf *m, const char *what, rcolor c)
{
    char buf[96];
    snprintf(buf, sizeof buf, " %s=\"#%02x%02x%02x\"", what, (int)lround(c.r * 255),
             (int)lround(c.g * 255), (int)lround(c.b * 255));
    put(m, buf);
    if (c.a < 1) {
        snprintf(buf, sizeof buf, " %s-opacity=\"%.3g\"", what, c.a);
        put(m, buf);
    }
}

static void put_text(membuf *m, const rdr *r, const rtext *t, double to_pt)
{
    const render_style *st = r->st;
    char buf[160];
    snprintf(buf, sizeof buf, "<text x=\"%.2f\" y=\"%.2f\" font-size=\"%.2f\" font-family=\"",
             t->x * to_pt, t->y * to_pt, t->size_px * to_pt);
    put(m, buf);
    xml_escape(m, t->flags & TXT_TITLEFONT ? st->font_title : st->font);
    put(m, ", sans-serif\" text-anchor=\"start\"");
    if (t->flags & TXT_BOLD) {
        put(m, " font-weight=\"bold\"");
    }
    if (t->flags & TXT_ITALIC) {
        put(m, " font-style=\"italic\"");
    }
    if (t->flags & TXT_CAPS) {
        snprintf(buf, sizeof buf, " letter-spacing=\"%.2f\"", t->size_px * 0.16 * to_pt);
        put(m, buf);
    }
    color_attr(m, "fill", t->color);
    if (t->flags & TXT_HALO) { /* the halo: a stroke painted under the fill */
        color_attr(m, "stroke", st->halo);
        snprintf(buf, sizeof buf,
                 " stroke-width=\"%.2f\" stroke-linejoin=\"round\" paint-order=\"stroke\"",
                 st->w_halo * r->u * to_pt);
        put(m, buf);
    }
    put(m, ">");
    xml_escape(m, t->text);
    put(m, "</text>\n");
}

/* The layers' documents stitched into one SVG with a <title>, a <g id> per layer and its text. */
static incmap_status write_svg(incmap_ctx *ctx, const rdr *r, incmap_atomic_file *af)
{
    const struct rdr_svg *g = r->svg;
    membuf m = {0};
    for (int i = 0; i < g->n; i++) {
        const membuf *d = &g->doc[i];
        const char *open = d->data ? strstr(d->data, "<svg") : NULL;
        const char *open_end = open ? strchr(open, '>') : NULL;
        const char *close = open_end ? strstr(open_end, "</svg>") : NULL;
        if (close == NULL) {
            free(m.data);
            return incmap_fail(ctx, INCMAP_ERR_RENDER,
                               "cairo wrote an SVG without an <svg> element");
        }
        if (i == 0) { /* the XML declaration and the <svg> element, sizes and all */
            write_mem(&m, (const unsigned char *)d->data, (unsigned)(open_end + 1 - d->data));
            put(&m, "\n<title>");
            xml_escape(&m, r->v->title);
            put(&m, "</title>\n");
        }
        put(&m, "<g id=\"");
        put(&m, g->id[i]);
        put(&m, "\">\n");
        put_prefixed(&m, open_end + 1, (size_t)(close - open_end - 1), g->id[i]);
        for (size_t k = 0; k < r->ntexts; k++) {
            if (r->texts[k].layer == i) {
                put_text(&m, r, &r->texts[k], g->to_pt);
            }
        }
        put(&m, "</g>\n");
    }
    put(&m, "</svg>\n");
    incmap_status st = m.oom ? incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory writing SVG")
                             : incmap_afile_write(af, m.data, m.len);
    free(m.data);
    return st;
}

static void focus_countries(rdr *r, const incmap_incidents *inc)
{
    size_t k = 0;
    r->focus[k++] = ' ';
    for (size_t i = 0; i < incmap_incidents_feature_count(inc); i++) {
        const incmap_feature *f = incmap_incidents_feature(inc, i);
        if (f->role == INCMAP_ROLE_MENTION || f->country == NULL || strlen(f->country) != 2) {
            continue;
        }
        char key[8];
        snprintf(key, sizeof key, " %.2s ", f->country);
        if (strstr(r->focus, key) == NULL && k + 3 < sizeof r->focus) {
            memcpy(r->focus + k, f->country, 2);
            r->focus[k + 2] = ' ';
            k += 3;
            r->focus[k] = '\0';
        }
    }
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts); /* CPU: steady on a busy machine */
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Debug-level timing of each pass ("render: base 12.3 ms"), for tests/bench. */
static void lap(rdr *r, const char *what, double *t)
{
    if (incmap_log_enabled(r->ctx, INCMAP_LOG_DEBUG)) {
        double t1 = now_ms();
        incmap_log(r->ctx, INCMAP_LOG_DEBUG, "render: %s %.1f ms", what, t1 - *t);
        *t = t1;
    }
}

/* v is r->v, writable: the key's row of key sites goes when none could be labelled. */
static incmap_status draw_all(rdr *r, incmap_render_view *v, incmap_base *o,
                              const incmap_incidents *inc, const incmap_render_opts *opts)
{
    double t = now_ms();
    rdr_set_color(r, r->st->background);
    cairo_paint(r->cr);
    bool raster = opts->basemap != NULL;
    if (raster && render_basemap_raster(r, opts->basemap) != INCMAP_OK) {
        return incmap_ctx_status(r->ctx);
    }
    lap(r, "background and raster", &t);
    render_base(r, o, raster);
    if (!raster && opts->relief) {
        render_relief(r, o);
    }
    lap(r, "base layers", &t);
    if (incmap_ctx_status(r->ctx) != INCMAP_OK) {
        return incmap_ctx_status(r->ctx);
    }
    rdr_layer(r, "boundaries");
    render_disputed(r);
    rdr_layer(r, "graticule");
    render_graticule(r);
    lap(r, "graticule", &t);
    rdr_layer(r, "incidents");
    render_incidents(r, inc);
    lap(r, "incidents", &t);
    /* furniture boxes are off limits for every label */
    static const incmap_render_box boxes[] = {INCMAP_BOX_LEGEND, INCMAP_BOX_SCALE_BAR,
                                              INCMAP_BOX_NORTH_ARROW, INCMAP_BOX_INSET};
    for (size_t i = 0; i < sizeof boxes / sizeof boxes[0]; i++) {
        const double *b = r->v->box[boxes[i]];
        if (r->v->has_box[boxes[i]]) {
            rdr_occupy(r,
                       (rbox){b[0] - 2 * r->u, b[1] - 2 * r->u, b[2] + 2 * r->u, b[3] + 2 * r->u});
        }
    }
    rdr_layer(r, "labels");
    render_incident_labels(r, inc);
    render_disputed_labels(r, inc);
    lap(r, "incident labels", &t);
    rdr_layer(r, "place-labels");
    render_base_labels(r, o);
    render_key_sites(r);
    if (r->key_sites_drawn == 0) {
        view_legend_drop(v, LEG_KEY_SITE); /* smaller, so it still covers nothing */
    }
    lap(r, "base labels", &t);
    rdr_layer(r, "furniture");
    render_furniture(r, o);
    rdr_layer(r, "titles");
    render_titles(r, opts);
    lap(r, "furniture and inset", &t);
    if (r->oom) {
        return incmap_fail(r->ctx, INCMAP_ERR_NOMEM, "out of memory while drawing");
    }
    cairo_status_t cs = cairo_status(r->cr);
    if (cs != CAIRO_STATUS_SUCCESS) {
        return incmap_fail(r->ctx, INCMAP_ERR_RENDER, "cairo: %s", cairo_status_to_string(cs));
    }
    return incmap_ctx_status(r->ctx);
}

/* What a render needs beyond what the process already maps: libraries' working memory, font
 * caches and thread stacks (measured: about 90 MiB of address space for a small map, of which
 * part is mapped before the check), and per pixel of a PNG the surface (4 bytes) and the
 * encoder's filtered rows and compressed output (about 3 more; 7.5 with margin). */
#define MEM_HEADROOM (56.0 * 1024 * 1024)
#define MEM_PNG_PER_PX 7.5
/* A GeoTIFF: libgdal and its dependencies once loaded (about 60 MiB of address space), and per
 * pixel the surface and the compressed file held in memory before it is written (about 6). */
#define MEM_GDAL (64.0 * 1024 * 1024)
#define MEM_TIFF_PER_PX 6.0

/* Under an address-space limit (ulimit -v), a failed allocation inside GLib or fontconfig aborts
 * or crashes the process instead of returning an error, so a render that would not fit is
 * refused before anything is drawn: out of memory, with the figures. No limit: no check. */
static incmap_status check_memory(incmap_ctx *ctx, const incmap_render_view *v,
                                  incmap_render_format fmt)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_AS, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY) {
        return INCMAP_OK;
    }
    unsigned long pages = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    bool known = f != NULL && fscanf(f, "%lu", &pages) == 1;
    if (f != NULL) {
        fclose(f);
    }
    if (!known) {
        return INCMAP_OK;
    }
    double used = (double)pages * (double)sysconf(_SC_PAGESIZE);
    double px = (double)v->width * (double)v->height;
    double need = MEM_HEADROOM + (fmt == INCMAP_FORMAT_PNG    ? MEM_PNG_PER_PX * px
                                  : fmt == INCMAP_FORMAT_TIFF ? MEM_GDAL + MEM_TIFF_PER_PX * px
                                                              : 0);
    double left = (double)rl.rlim_cur - used;
    if (need > left) {
        return incmap_fail(ctx, INCMAP_ERR_NOMEM,
                           "out of memory: a %dx%d map needs about %.0f MiB of address space, "
                           "the limit (ulimit -v) leaves %.0f MiB",
                           v->width, v->height, need / 1048576, fmax(left, 0) / 1048576);
    }
    return INCMAP_OK;
}

/* Draws into out_path (atomically), or, when png_mem is not NULL, a PNG into png_mem. */
static incmap_status render_to(incmap_ctx *ctx, const char *gpkg_path, const incmap_incidents *inc,
                               const incmap_render_opts *opts, incmap_render_format fmt,
                               const char *out_path, membuf *png_mem)
{
    incmap_ctx_clear(ctx);
    double t = now_ms();
    incmap_base *o = NULL;
    if (gpkg_path != NULL && (o = incmap_base_open(ctx, gpkg_path)) == NULL) {
        return incmap_ctx_status(ctx);
    }
    incmap_render_view *v = view_create(ctx, inc, opts, o);
    if (v == NULL || check_memory(ctx, v, fmt) != INCMAP_OK) {
        incmap_render_view_destroy(v);
        incmap_base_close(o);
        return incmap_ctx_status(ctx);
    }
    incmap_status st = INCMAP_OK;
    incmap_atomic_file *af = NULL;
    cairo_surface_t *s = NULL;
    void *pixels = NULL; /* a raster surface's memory (render_surface_create) */
    size_t pixels_len = 0;
    struct rdr_svg svg = {.to_pt = 72.0 / opts->dpi, .width = v->width, .height = v->height};
    /* the fonts load in a second thread while the projection and base layers are done */
    rdr r = {.ctx = ctx, .v = v, .st = &v->style, .u = v->u, .fonts = rdr_fonts_start(&v->style)};
    pthread_t gdal_thread;
    bool gdal_loading =
        fmt == INCMAP_FORMAT_TIFF && png_mem == NULL && render_gdal_preload(&gdal_thread);
    lap(&r, "view", &t);
    bool raster = fmt == INCMAP_FORMAT_PNG || fmt == INCMAP_FORMAT_TIFF;
    if (raster && o != NULL) { /* vector formats keep a vector inset */
        r.inset = render_inset_start(v, gpkg_path);
    }
    lap(&r, "open base layers", &t);
    if (png_mem == NULL && (af = incmap_afile_open(ctx, out_path)) == NULL) {
        st = incmap_ctx_status(ctx);
        goto out;
    }
    double to_pt = 72.0 / opts->dpi;
    if (raster) {
        s = render_surface_create(v->width, v->height, &pixels, &pixels_len);
    } else if (fmt == INCMAP_FORMAT_SVG) {
        r.svg = &svg; /* a surface per layer, from svg_begin_layer() */
    } else {
        s = cairo_pdf_surface_create_for_stream(write_afile, af, v->width * to_pt,
                                                v->height * to_pt);
    }
    if (r.svg != NULL) {
        svg_begin_layer(&r, "base");
        s = cairo_surface_reference(svg.surface);
    }
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        st = incmap_fail(ctx, INCMAP_ERR_RENDER, "cannot create a %dx%d surface: %s", v->width,
                         v->height, cairo_status_to_string(cairo_surface_status(s)));
        goto out;
    }
    if (fmt == INCMAP_FORMAT_PDF) {
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, v->title);
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "incmap " INCMAP_VERSION);
    }
    if (r.svg == NULL) {
        r.cr = cairo_create(s);
    }
    if (fmt == INCMAP_FORMAT_PDF) {
        cairo_scale(r.cr, to_pt, to_pt); /* draw in pixels everywhere */
    }
    focus_countries(&r, inc);
    render_disputed_read(&r, o, v);
    st = draw_all(&r, v, o, inc, opts);
    rdr_text_done(&r);
    if (r.svg != NULL) {
        svg_end_layer(&r);
        if (st == INCMAP_OK && (svg.status != CAIRO_STATUS_SUCCESS || svg.doc[0].oom)) {
            st = incmap_fail(ctx, INCMAP_ERR_RENDER, "cannot draw the SVG: %s",
                             cairo_status_to_string(svg.status));
        }
    } else {
        cairo_destroy(r.cr);
    }
    if (st != INCMAP_OK) {
        goto out;
    }
    lap(&r, "surface and drawing", &t);
    if (png_mem != NULL) { /* small and rare (the HTML's <noscript>): cairo's encoder will do */
        cairo_status_t cs = cairo_surface_write_to_png_stream(s, write_mem, png_mem);
        if (cs != CAIRO_STATUS_SUCCESS) {
            st = incmap_fail(ctx, png_mem->oom ? INCMAP_ERR_NOMEM : INCMAP_ERR_RENDER,
                             "cannot encode the PNG: %s", cairo_status_to_string(cs));
        }
        goto out;
    } else if (fmt == INCMAP_FORMAT_PNG) {
        if ((st = render_png_write(ctx, s, af, out_path)) != INCMAP_OK) {
            goto out;
        }
    } else if (fmt == INCMAP_FORMAT_TIFF) {
        if ((st = render_write_geotiff(ctx, v, s, af, out_path)) != INCMAP_OK) {
            goto out;
        }
    } else if (fmt == INCMAP_FORMAT_SVG) {
        if ((st = write_svg(ctx, &r, af)) != INCMAP_OK) {
            goto out;
        }
    } else {
        cairo_surface_finish(s);
        cairo_status_t cs = cairo_surface_status(s);
        if (cs != CAIRO_STATUS_SUCCESS) {
            st = incmap_ctx_status(ctx) != INCMAP_OK
                     ? incmap_ctx_status(ctx)
                     : incmap_fail(ctx, INCMAP_ERR_IO, "cannot write %s: %s", out_path,
                                   cairo_status_to_string(cs));
            goto out;
        }
    }
    st = incmap_afile_commit(af);
    af = NULL;
    if (st == INCMAP_OK && fmt == INCMAP_FORMAT_PNG && opts->world_file) {
        st = render_write_world_file(ctx, v, out_path);
    }
    lap(&r, "encode and write", &t);
out:
    if (gdal_loading) {
        pthread_join(gdal_thread, NULL);
    }
    cairo_surface_destroy(s); /* before the abort: finishing a PDF still writes to af */
    render_surface_unmap(pixels, pixels_len);
    if (r.svg != NULL) {
        svg_end_layer(&r);
    }
    incmap_afile_abort(af);
    for (int i = 0; i < svg.n; i++) {
        free(svg.doc[i].data);
    }
    for (size_t i = 0; i < r.ntexts; i++) {
        free(r.texts[i].text);
    }
    free(r.texts);
    rdr_occupy_free(&r);
    base_features_free(&r.countries);
    render_disputed_free(&r);
    rdr_fonts_release(r.fonts);
    render_inset_finish(r.inset);
    incmap_base_close(o);
    incmap_render_view_destroy(v);
    return st;
}

incmap_status incmap_render(incmap_ctx *ctx, const char *gpkg_path, const incmap_incidents *inc,
                            const incmap_render_opts *opts, const char *out_path)
{
    if (inc == NULL || opts == NULL || out_path == NULL || out_path[0] == '\0') {
        return incmap_fail(ctx, INCMAP_ERR_INVALID_ARG,
                           "render: missing incidents, options or "
                           "output path");
    }
    incmap_render_format fmt = format_of(out_path, opts->format);
    if (fmt == INCMAP_FORMAT_AUTO) {
        return incmap_fail(ctx, INCMAP_ERR_INVALID_ARG,
                           "output %s: unknown format (use a .png, .svg, .pdf or .tif name)",
                           out_path);
    }
    return render_to(ctx, gpkg_path, inc, opts, fmt, out_path, NULL);
}

incmap_status render_png_mem(incmap_ctx *ctx, const char *gpkg_path, const incmap_incidents *inc,
                             const incmap_render_opts *opts, unsigned char **png, size_t *len)
{
    membuf m = {0};
    incmap_status st = render_to(ctx, gpkg_path, inc, opts, INCMAP_FORMAT_PNG, NULL, &m);
    if (st != INCMAP_OK) {
        free(m.data);
        m.data = NULL, m.len = 0;
    }
    *png = (unsigned char *)m.data;
    *len = m.len;
    return st;
}

/* The font map behind every label. The first text of a process costs ~12 ms: fontconfig reads
 * its configuration and caches, then pango sorts and loads the faces. None of it depends on the
 * map, so a second thread does it while the first passes (projection, base layers) run, and
 * the label passes find the faces loaded. A finished render leaves its font map as a spare for
 * the next render of the process (one spare per thread that renders at the same time, up to
 * SPARE_FONT_MAPS, so `map --batch -j N` warms N font maps once); a render with no spare left
 * makes its own (a PangoFontMap is used by one thread at a time, never concurrently). */
#include "render/render_internal.h"

#include <pango/pangocairo.h>
#include <pthread.h>
#include <stdlib.h>

struct rdr_fonts {
    PangoFontMap *fm;
    pthread_t thread;
    bool running;
    const render_style *st; /* the view's: outlives the thread (rdr_fonts_release joins it) */
};

#define SPARE_FONT_MAPS 8

static pthread_mutex_t spare_lock = PTHREAD_MUTEX_INITIALIZER;
static PangoFontMap *spare[SPARE_FONT_MAPS]; /* warmed font maps that no render is using */

void rdr_font_options(PangoContext *pc)
{
    /* unhinted metrics: text is shaped at one size and scaled, and must measure exactly */
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(pc, fo);
    cairo_font_options_destroy(fo);
}

/* Shapes a sample in each face the map uses, exactly as the label passes will. */
static void warm(rdr_fonts *f)
{
    PangoContext *pc = pango_font_map_create_context(f->fm);
    rdr_font_options(pc);
    static const unsigned faces[] = {0, TXT_BOLD, TXT_ITALIC, TXT_BOLD | TXT_TITLEFONT};
    for (size_t i = 0; i < sizeof faces / sizeof faces[0]; i++) {
        PangoLayout *l = rdr_layout_new(pc, f->st, "Zummar 36\xc2\xb0N 120 km", faces[i]);
        int w, h;
        pango_layout_get_size(l, &w, &h);
        g_object_unref(l);
    }
    g_object_unref(pc);
}

static void *warm_main(void *arg)
{
    warm(arg);
    return NULL;
}

rdr_fonts *rdr_fonts_start(const render_style *st)
{
    rdr_fonts *f = calloc(1, sizeof *f);
    if (f == NULL) {
        return NULL; /* text then loads fonts on first use */
    }
    pthread_mutex_lock(&spare_lock);
    for (size_t i = 0; i < SPARE_FONT_MAPS && f->fm == NULL; i++) {
        f->fm = spare[i];
        spare[i] = NULL;
    }
    pthread_mutex_unlock(&spare_lock);
    if (f->fm != NULL) {
        return f;
    }
    f->st = st;
    f->fm = pango_cairo_font_map_new();
    f->running = pthread_create(&f->thread, NULL, warm_main, f) == 0;
    return f;
}

PangoFontMap *rdr_fonts_map(rdr_fonts *f)
{
    if (f == NULL) {
        return pango_cairo_font_map_get_default();
    }
    if (f->running) {
        pthread_join(f->thread, NULL);
        f->running = false;
    }
    return f->fm;
}

void rdr_fonts_release(rdr_fonts *f)
{
    if (f == NULL) {
        return;
    }
    PangoFontMap *fm = rdr_fonts_map(f);
    pthread_mutex_lock(&spare_lock);
    for (size_t i = 0; i < SPARE_FONT_MAPS && fm != NULL; i++) {
        if (spare[i] == NULL) {
            spare[i] = fm;
            fm = NULL;
        }
    }
    pthread_mutex_unlock(&spare_lock);
    if (fm != NULL) {
        g_object_unref(fm);
    }
    free(f);
}

/* One layout of TEXT in the style's font at the reference size, with FLAGS (TXT_*). The warm-up
 * thread shapes through it too, so the faces it loads are exactly the ones labels ask for. */
PangoLayout *rdr_layout_new(PangoContext *pc, const render_style *st, const char *text,
                            unsigned flags)
{
    PangoLayout *l = pango_layout_new(pc);
    PangoFontDescription *fd =
        pango_font_description_from_string(flags & TXT_TITLEFONT ? st->font_title : st->font);
    pango_font_description_set_absolute_size(fd, RDR_TEXT_REF_PX * PANGO_SCALE);
    if (flags & TXT_BOLD) {
        pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
    }
    if (flags & TXT_ITALIC) {
        pango_font_description_set_style(fd, PANGO_STYLE_ITALIC);
    }
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    if (flags & TXT_CAPS) { /* country names: spaced capitals, the cartographic convention */
        PangoAttrList *al = pango_attr_list_new();
        pango_attr_list_insert(
            al, pango_attr_letter_spacing_new((int)(RDR_TEXT_REF_PX * 0.16 * PANGO_SCALE)));
        pango_layout_set_attributes(l, al);
        pango_attr_list_unref(al);
    }
    pango_layout_set_text(l, text, -1);
    return l;
}

/* libFuzzer target for the renderer's style-file reader (render_style_merge_json, what --style
 * and INCMAP_STYLE files go through). Whatever the file, the merge must either apply completely
 * or leave the style untouched with a one-line error; a merged style must hold only values the
 * drawing code can use (colour channels 0..1, fill alpha 0..1, widths 0..200, text and symbol sizes
 * 1..200, NUL-terminated non-empty fonts).
 * Seeds: tests/fuzz/corpus/style/ (maps/style.json and variants), dictionary: style.dict. */
#include "render/render_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz_style: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    abort();
}

static void check_color(const rcolor *c)
{
    const double v[4] = {c->r, c->g, c->b, c->a};
    for (int i = 0; i < 4; i++) {
        if (!(v[i] >= 0 && v[i] <= 1)) {
            broken("a colour channel outside 0..1", NULL);
        }
    }
}

static void check_style(const render_style *st)
{
    const rcolor *colors[] = {
        &st->background,  &st->sea,           &st->land,       &st->land_focus, &st->country_line,
        &st->admin1_line, &st->graticule,     &st->frame,      &st->text,       &st->text_muted,
        &st->halo,        &st->country_label, &st->place,      &st->launch,     &st->target,
        &st->border,      &st->arrow,         &st->site,       &st->range,      &st->mention,
        &st->legend_bg,   &st->inset_sea,     &st->inset_land, &st->inset_frame};
    for (size_t i = 0; i < sizeof colors / sizeof colors[0]; i++) {
        check_color(colors[i]);
    }
    const double nums[] = {st->target_fill_alpha, st->w_country,  st->w_admin1, st->w_border,
                           st->w_arrow,           st->w_range,    st->w_frame,  st->w_graticule,
                           st->w_target,          st->w_halo,     st->sz_title, st->sz_subtitle,
                           st->sz_label,          st->sz_country, st->sz_place, st->sz_legend,
                           st->sz_credits,        st->sz_tick,    st->sz_symbol};
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
        if (!(nums[i] >= 0 && nums[i] <= 200)) {
            broken("a size or width outside 0..200", NULL);
        }
    }
    if (!(st->target_fill_alpha <= 1)) {
        broken("a fill alpha above 1", NULL);
    }
    const double sizes[] = {st->sz_title,   st->sz_subtitle, st->sz_label,
                            st->sz_country, st->sz_place,    st->sz_legend,
                            st->sz_credits, st->sz_tick,     st->sz_symbol};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        if (!(sizes[i] >= 1)) {
            broken("a text or symbol size under 1 pt (cairo cannot scale text to 0)", NULL);
        }
    }
    if (memchr(st->font, '\0', sizeof st->font) == NULL || st->font[0] == '\0' ||
        memchr(st->font_title, '\0', sizeof st->font_title) == NULL || st->font_title[0] == '\0') {
        broken("a font name that is empty or not terminated", NULL);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 64 * 1024) {
        return 0; /* style files are read with a 1 MiB cap; big inputs only slow the fuzzer */
    }
    incmap_ctx *ctx = incmap_ctx_create();
    render_style st, before;
    render_style_defaults(&st);
    check_style(&st);
    memcpy(&before, &st, sizeof st); /* bytewise, padding included, for the memcmp below */
    incmap_status s = render_style_merge_json(ctx, &st, (const char *)data, size, "fuzz.json");
    if (s != INCMAP_OK) {
        const char *msg = incmap_ctx_message(ctx);
        if (incmap_ctx_status(ctx) != s || msg[0] == '\0' || strchr(msg, '\n') != NULL) {
            broken("a failed merge without a one-line message", msg);
        }
        if (memcmp(&st, &before, sizeof st) != 0) {
            broken("a failed merge changed the style", msg);
        }
    } else {
        check_style(&st);
    }
    incmap_ctx_destroy(ctx);
    return 0;
}

/* Mentions stage: text -> tokens (text/tokenize.c) -> candidate spans (mention_span.c) ->
 * gazetteer lookups (mention_add.c) -> resolved mentions (resolve.c). Only candidate spans are
 * looked up, never every n-gram, so a 2 KB report needs a few dozen lookups. */
#include "core/core.h"
#include "geoparse/geoparse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static incmap_status collect_strings(incmap_mentions *m, incmap_ctx *ctx)
{
    size_t total = 1;
    for (size_t i = 0; i < m->n; i++) {
        total += m->m[i].byte_end - m->m[i].byte_start + 1;
    }
    m->strs = malloc(total);
    if (m->strs == NULL) {
        return incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory");
    }
    char *p = m->strs;
    for (size_t i = 0; i < m->n; i++) {
        size_t n = m->m[i].byte_end - m->m[i].byte_start;
        memcpy(p, m->text + m->m[i].byte_start, n);
        p[n] = '\0';
        m->m[i].text = p;
        p += n + 1;
    }
    return INCMAP_OK;
}

incmap_mentions *incmap_mentions_extract(const incmap_gazetteer *gz, incmap_ctx *ctx,
                                         const char *text, size_t len)
{
    if (gz == NULL || (text == NULL && len > 0)) {
        incmap_fail(ctx, INCMAP_ERR_INVALID_ARG, "no gazetteer or no text given");
        return NULL;
    }
    if (incmap_text_check(ctx, text, len) != INCMAP_OK) {
        return NULL;
    }
    incmap_mentions *m = calloc(1, sizeof *m);
    if (m == NULL || (m->text = malloc(len + 1)) == NULL) {
        free(m);
        incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory");
        return NULL;
    }
    if (len > 0) {
        memcpy(m->text, text, len);
    }
    m->text[len] = '\0';
    m->len = len;
    if (incmap_tokenise(ctx, m->text, len, &m->tok, &m->ntok, &m->nsent) != INCMAP_OK) {
        incmap_mentions_destroy(m);
        return NULL;
    }
    mention_finder *f = calloc(1, sizeof *f);
    if (f == NULL) {
        incmap_mentions_destroy(m);
        incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory");
        return NULL;
    }
    *f = (mention_finder){
        .gz = gz, .ctx = ctx, .m = m, .text = m->text, .tok = m->tok, .ntok = m->ntok};
    incmap_status st = incmap_mention_read_short_forms(f);
    st = st == INCMAP_OK ? incmap_mention_find_spans(f) : st;
    free(f);
    if (st != INCMAP_OK) {
        incmap_mentions_destroy(m);
        return NULL;
    }
    incmap_resolve(m);
    incmap_mention_inside_check(m);
    /* capitals first: "the Russian Embassy in the U.S. capital" is a local of that city */
    if (incmap_mention_capitals(gz, ctx, m) != INCMAP_OK ||
        incmap_mention_locals(ctx, m) != INCMAP_OK) {
        incmap_mentions_destroy(m);
        return NULL;
    }
    size_t kept = 0;
    for (size_t i = 0; i < m->n; i++) {
        if (m->x[i].drop) {
            incmap_candidates_destroy(m->x[i].cands);
            continue;
        }
        m->m[kept] = m->m[i];
        m->x[kept++] = m->x[i];
    }
    m->n = kept;
    if (collect_strings(m, ctx) != INCMAP_OK) {
        incmap_mentions_destroy(m);
        return NULL;
    }
    return m;
}

size_t incmap_mentions_count(const incmap_mentions *m)
{
    return m->n;
}

const incmap_mention *incmap_mentions_get(const incmap_mentions *m, size_t i)
{
    return i < m->n ? &m->m[i] : NULL;
}

void incmap_mentions_destroy(incmap_mentions *m)
{
    if (m == NULL) {
        return;
    }
    for (size_t i = 0; i < m->n; i++) {
        incmap_candidates_destroy(m->x[i].cands);
    }
    free(m->m);
    free(m->x);
    free(m->tok);
    free(m->strs);
    free(m->text);
    free(m);
}

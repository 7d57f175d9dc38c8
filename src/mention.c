/* Mentions stage: text -> tokens -> candidate spans (mention_span.c) -> gazetteer lookups ->
 * resolved mentions (resolve.c). Only candidate spans are looked up, never every n-gram, so a 2 KB
 * report needs a few dozen lookups; names that missed are remembered for the rest of the report. */
#include "mention.h"

#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NAME_MAX_BYTES 200

static uint64_t name_hash(const char *s, size_t n, incmap_kind kind, bool tolerant)
{
    uint64_t h = 1469598103934665603ull ^ ((uint64_t)kind << 8) ^ (uint64_t)tolerant;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    }
    return h != 0 ? h : 1;
}

static bool missed_before(const mention_finder *f, uint64_t h)
{
    for (size_t at = h & (MENTION_MISS_SLOTS - 1);; at = (at + 1) & (MENTION_MISS_SLOTS - 1)) {
        if (f->miss[at] == 0) {
            return false;
        }
        if (f->miss[at] == h) {
            return true;
        }
    }
}

static void remember_miss(mention_finder *f, uint64_t h)
{
    if (f->nmiss >= MENTION_MISS_SLOTS / 2) {
        return; /* keep the table sparse: probes stay short */
    }
    size_t at = h & (MENTION_MISS_SLOTS - 1);
    while (f->miss[at] != 0) {
        at = (at + 1) & (MENTION_MISS_SLOTS - 1);
    }
    f->miss[at] = h;
    f->nmiss++;
}

incmap_status incmap_mention_add(mention_finder *f, size_t t0, size_t t1, incmap_candidates *c,
                                 const mention_x *x)
{
    incmap_mentions *m = f->m;
    if (m->n == m->cap) {
        size_t cap = m->cap != 0 ? m->cap * 2 : 32;
        incmap_mention *nm = realloc(m->m, cap * sizeof *nm);
        if (nm != NULL) {
            m->m = nm;
        }
        mention_x *nx = nm != NULL ? realloc(m->x, cap * sizeof *nx) : NULL;
        if (nx == NULL) {
            incmap_candidates_destroy(c);
            return incmap_fail(f->ctx, INCMAP_ERR_NOMEM, "out of memory collecting mentions");
        }
        m->x = nx;
        m->cap = cap;
    }
    incmap_mention *p = &m->m[m->n];
    memset(p, 0, sizeof *p);
    p->start = f->tok[t0].c0;
    p->end = f->tok[t1 - 1].c1;
    p->byte_start = f->tok[t0].b0;
    p->byte_end = f->tok[t1 - 1].b1;
    p->place = incmap_candidates_place(c, 0);
    p->match = incmap_candidates_match(c, 0);
    p->ncandidates = incmap_candidates_count(c);
    p->sentence = f->tok[t0].sent;
    p->cue = x->cue;
    p->confidence = incmap_candidates_score(c, 0);
    m->x[m->n] = *x;
    m->x[m->n].t0 = t0;
    m->x[m->n].t1 = t1;
    m->x[m->n].cands = c;
    m->n++;
    return INCMAP_OK;
}

/* Looks NAME up; *out is NULL when nothing matched. */
incmap_status incmap_mention_lookup(mention_finder *f, const char *name, size_t n, incmap_kind kind,
                                    bool tolerant, incmap_candidates **out)
{
    *out = NULL;
    if (n == 0 || n > NAME_MAX_BYTES) {
        return INCMAP_OK;
    }
    uint64_t h = name_hash(name, n, kind, tolerant);
    if (missed_before(f, h)) {
        return INCMAP_OK;
    }
    incmap_lookup_opts o = incmap_lookup_opts_default();
    o.kind = kind;
    o.tolerant = tolerant;
    o.limit = 20; /* "Washington" the capital is an alias, behind a dozen exact towns */
    incmap_candidates *c = incmap_gazetteer_lookup(f->gz, f->ctx, name, n, &o);
    if (c == NULL) {
        return incmap_ctx_status(f->ctx) != INCMAP_OK
                   ? incmap_ctx_status(f->ctx)
                   : incmap_fail(f->ctx, INCMAP_ERR_NOMEM, "gazetteer lookup failed");
    }
    if (incmap_candidates_count(c) == 0) {
        incmap_candidates_destroy(c);
        remember_miss(f, h);
        return INCMAP_OK;
    }
    *out = c;
    return INCMAP_OK;
}

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

incmap_mentions *incmap_mentions_extract(incmap_gazetteer *gz, incmap_ctx *ctx, const char *text,
                                         size_t len)
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
    incmap_status st = incmap_mention_find_spans(f);
    free(f);
    if (st != INCMAP_OK) {
        incmap_mentions_destroy(m);
        return NULL;
    }
    incmap_resolve(m);
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

/* Mentions stage, after resolution: "the Syrian capital", "Syria's capital" name the country's
 * capital city. The word "capital" becomes a mention of its own, of the country's PPLC entry, so
 * it can take an incident role like any town ("an air strike in the Syrian capital" has its
 * target in Damascus, not somewhere in Syria); the demonym stays a mention of the country. */
#include "core/core.h"
#include "core/vec.h"
#include "geoparse/geoparse.h"

#include <string.h>

/* The token of "capital" after the country mention ending before token T1: "Syrian capital",
 * "Syria's capital", "Syria’s capital"; NTOK when there is none. */
static size_t capital_after(const incmap_mentions *m, size_t t1)
{
    size_t k = t1;
    if (k + 2 < m->ntok && (m->tok[k].flags & TOK_PUNCT) && !(m->tok[k].flags & TOK_SPACE) &&
        (tok_is(m->text, &m->tok[k], "'") || tok_is(m->text, &m->tok[k], "\xe2\x80\x99")) &&
        tok_is(m->text, &m->tok[k + 1], "s")) {
        k += 2; /* possessive */
    }
    if (k < m->ntok && (m->tok[k].flags & TOK_WORD) && tok_is(m->text, &m->tok[k], "capital") &&
        m->tok[k].sent == m->tok[t1 - 1].sent) {
        return k;
    }
    return m->ntok;
}

/* Inserts a mention of CAP on token K after mention I (the lists stay in text order). */
static incmap_status insert_capital(incmap_ctx *ctx, incmap_mentions *m, size_t i, size_t k,
                                    const incmap_place *cap)
{
    size_t cap_m = m->cap, cap_x = m->cap;
    if (incmap_grow((void **)&m->m, &cap_m, m->n + 1, sizeof *m->m) != INCMAP_OK ||
        incmap_grow((void **)&m->x, &cap_x, m->n + 1, sizeof *m->x) != INCMAP_OK) {
        return incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory collecting mentions");
    }
    m->cap = cap_x;
    memmove(&m->m[i + 2], &m->m[i + 1], (m->n - i - 1) * sizeof *m->m);
    memmove(&m->x[i + 2], &m->x[i + 1], (m->n - i - 1) * sizeof *m->x);
    m->n++;
    incmap_mention *p = &m->m[i + 1];
    memset(p, 0, sizeof *p);
    p->start = m->tok[k].c0;
    p->end = m->tok[k].c1;
    p->byte_start = m->tok[k].b0;
    p->byte_end = m->tok[k].b1;
    p->place = cap;
    p->match = INCMAP_MATCH_ALIAS;
    p->ncandidates = 1;
    p->sentence = m->tok[k].sent;
    p->cue = m->m[i].cue;
    p->confidence = m->m[i].confidence;
    mention_x *x = &m->x[i + 1];
    memset(x, 0, sizeof *x);
    x->t0 = k;
    x->t1 = k + 1;
    x->kind_pref = INCMAP_KIND_ANY;
    x->strong = true;
    x->score = m->x[i].score;
    x->cue = m->x[i].cue;
    return INCMAP_OK;
}

incmap_status incmap_mention_capitals(const incmap_gazetteer *gz, incmap_ctx *ctx,
                                      incmap_mentions *m)
{
    for (size_t i = 0; i < m->n; i++) {
        const mention_x *x = &m->x[i];
        if (x->drop || incmap_place_kind(m->m[i].place) != INCMAP_KIND_COUNTRY) {
            continue;
        }
        size_t k = capital_after(m, x->t1);
        bool possessive = k > x->t1;
        /* a demonym needs its article ("the Syrian capital"); "Syrian capital markets" is not a
         * place, and neither is "a capital" */
        if (k == m->ntok ||
            (!possessive && (x->t0 == 0 || !tok_is(m->text, &m->tok[x->t0 - 1], "the")))) {
            continue;
        }
        if (i + 1 < m->n && m->x[i + 1].t0 == k + 1) {
            continue; /* "the Syrian capital Damascus" names it */
        }
        const incmap_place *cap = incmap_gazetteer_capital(gz, incmap_place_country(m->m[i].place));
        if (cap != NULL && insert_capital(ctx, m, i, k, cap) != INCMAP_OK) {
            return incmap_ctx_status(ctx);
        }
    }
    return INCMAP_OK;
}

/* Mentions stage, the finder's two primitives: look a candidate name up in the gazetteer (names
 * that missed are remembered for the rest of the report, since names repeat and most windows
 * miss) and append an accepted mention. mention_span.c calls them for every span it tries. */
#include "core/core.h"
#include "core/vec.h"
#include "gazetteer/rank.h"
#include "geoparse/geoparse.h"

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
    /* two parallel arrays, one capacity: it is raised only once both have grown */
    size_t cap_m = m->cap, cap_x = m->cap;
    if (incmap_grow((void **)&m->m, &cap_m, m->n + 1, sizeof *m->m) != INCMAP_OK ||
        incmap_grow((void **)&m->x, &cap_x, m->n + 1, sizeof *m->x) != INCMAP_OK) {
        incmap_candidates_destroy(c);
        return incmap_fail(f->ctx, INCMAP_ERR_NOMEM, "out of memory collecting mentions");
    }
    m->cap = cap_x;
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

/* The kind of the area a demonym among C names when every better-matched candidate is a small
 * populated place ("English": English, Indiana, pop. 630, and England; "Arab": Arab, Alabama, and
 * the Arab world), else INCMAP_KIND_ANY. News writes the adjective; the village needs its state. */
static incmap_kind shadowed_demonym(const incmap_candidates *c)
{
    incmap_kind dk = INCMAP_KIND_ANY;
    for (size_t i = 0; i < incmap_candidates_count(c); i++) {
        const incmap_place *p = incmap_candidates_place(c, i);
        incmap_kind k = incmap_place_kind(p);
        bool area = k == INCMAP_KIND_COUNTRY || k == INCMAP_KIND_ADMIN1 || k == INCMAP_KIND_REGION;
        incmap_match mt = incmap_candidates_match(c, i);
        if (mt == INCMAP_MATCH_DEMONYM && area && dk == INCMAP_KIND_ANY) {
            dk = k;
        } else if ((mt == INCMAP_MATCH_EXACT || mt == INCMAP_MATCH_ALIAS) &&
                   (area || incmap_place_population(p) >= RANK_STRONG_POPULATION ||
                    strcmp(incmap_place_feature_code(p), "PPLA") == 0 ||
                    strcmp(incmap_place_feature_code(p), "PPLC") == 0)) {
            return INCMAP_KIND_ANY; /* "Jordan" is the country, "Georgia" the state or the country
                                     */
        }
    }
    return dk;
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
    incmap_kind dk = kind == INCMAP_KIND_ANY && !tolerant ? shadowed_demonym(c) : INCMAP_KIND_ANY;
    if (dk != INCMAP_KIND_ANY) {
        o.kind = dk; /* the demonym's area first, the village behind it */
        incmap_candidates *d = incmap_gazetteer_lookup(f->gz, f->ctx, name, n, &o);
        if (d != NULL && incmap_candidates_count(d) > 0 &&
            incmap_candidates_match(d, 0) == INCMAP_MATCH_DEMONYM) {
            incmap_candidates_destroy(c);
            c = d;
        } else {
            incmap_candidates_destroy(d);
        }
    }
    *out = c;
    return INCMAP_OK;
}

/* Mentions stage, after resolution: streets and buildings the gazetteer lacks ("Royal Street",
 * "Barclays Center", "City Hall") are real places of the report's locality, as a careful reader
 * takes them: the town named right after ("on Royal Street in New Orleans", "the Percy Hotel,
 * Ballyjamesduff"), else the report's main town (named at least twice, more often than any
 * other). Such a mention is that town's point with precision 2 and a note that says so; it never
 * takes an incident role, and a report without such a town gets none. */
#include "core/core.h"
#include "core/vec.h"
#include "gazetteer/rank.h"
#include "geoparse/geoparse.h"
#include "text/wordlists.h"

#include <string.h>

/* Words of a run that keep it from being a building's or street's name. */
static bool bars_run(const incmap_mentions *m, size_t k)
{
    const char *s = m->text + m->tok[k].b0;
    size_t n = m->tok[k].b1 - m->tok[k].b0;
    return incmap_word_in(WL_ORG, s, n) || incmap_word_in(WL_TITLE, s, n) ||
           incmap_word_in(WL_DAYMONTH, s, n) || incmap_word_in(WL_MEDIA, s, n);
}

static bool is_head(const incmap_mentions *m, size_t k)
{
    const mtok *t = &m->tok[k];
    return tok_among(m->text, t, incmap_wl_facility_heads, INCMAP_WL_N(incmap_wl_facility_heads)) ||
           tok_among(m->text, t, incmap_wl_heads_elsewhere, INCMAP_WL_N(incmap_wl_heads_elsewhere));
}

static bool opener(const incmap_mentions *m, size_t k)
{
    const char *s = m->text + m->tok[k].b0;
    size_t n = m->tok[k].b1 - m->tok[k].b0;
    return incmap_word_in(WL_STOP, s, n) || incmap_word_in(WL_PREP, s, n) ||
           incmap_word_in(WL_FUNC, s, n) || tok_is(m->text, &m->tok[k], "the");
}

static bool plain_town(const incmap_mentions *m, size_t i)
{
    const mention_x *x = &m->x[i];
    return !x->drop && !x->in_org && !x->modifier && !x->demonym && !m->m[i].in_locality &&
           incmap_place_kind(m->m[i].place) == INCMAP_KIND_PLACE;
}

/* The report's main town: the mention index of a town named at least twice and more often than
 * any other, else SIZE_MAX. */
static size_t main_town(const incmap_mentions *m)
{
    size_t best = SIZE_MAX, best_n = 0, second_n = 0;
    for (size_t i = 0; i < m->n; i++) {
        const char *id = incmap_place_id(m->m[i].place);
        bool first = plain_town(m, i);
        for (size_t j = 0; j < i && first; j++) {
            first = !plain_town(m, j) || strcmp(incmap_place_id(m->m[j].place), id) != 0;
        }
        if (!first) {
            continue; /* each town counted once, at its first mention */
        }
        size_t n = 0;
        for (size_t j = i; j < m->n; j++) {
            n += plain_town(m, j) && strcmp(incmap_place_id(m->m[j].place), id) == 0;
        }
        if (n > best_n) {
            second_n = best_n;
            best_n = n;
            best = i;
        } else if (n > second_n) {
            second_n = n;
        }
    }
    if (best_n < 2 || best_n <= second_n) {
        return SIZE_MAX;
    }
    /* a surname read as a town ("Bassett said ... Bassett added") has no place cue; and the
     * town must be of the country the report is most about */
    char cc[1][3];
    const char *id = incmap_place_id(m->m[best].place);
    bool evidence = false;
    for (size_t j = best; j < m->n && !evidence; j++) {
        evidence = plain_town(m, j) && strcmp(incmap_place_id(m->m[j].place), id) == 0 &&
                   (m->x[j].strong || (m->x[j].cue != INCMAP_CUE_NONE && !m->x[j].weak));
    }
    return evidence && incmap_resolve_countries(m, cc, 1) == 1 &&
                   strcmp(cc[0], incmap_place_country(m->m[best].place)) == 0
               ? best
               : SIZE_MAX;
}

/* Whether a mention covers token k; *next moves on to the first mention not ending before k. */
static bool covered(const incmap_mentions *m, size_t k, size_t *next)
{
    while (*next < m->n && m->x[*next].t1 <= k) {
        (*next)++;
    }
    return *next < m->n && m->x[*next].t0 <= k;
}

/* The town named right after token t1 ("in X", ", X"), in the same sentence. */
static size_t town_after(const incmap_mentions *m, size_t t1, size_t next)
{
    if (t1 + 1 >= m->ntok || next >= m->n || m->x[next].t0 != t1 + 1 ||
        m->tok[t1].sent != m->tok[t1 + 1].sent) {
        return SIZE_MAX;
    }
    /* "Royal Street at Washington Square" is a corner, not a town */
    bool link = tok_is(m->text, &m->tok[t1], "in") || tok_is(m->text, &m->tok[t1], ",");
    return link && plain_town(m, next) ? next : SIZE_MAX;
}

static incmap_status insert_local(incmap_ctx *ctx, incmap_mentions *m, size_t at, size_t t0,
                                  size_t t1, size_t town)
{
    size_t cap_m = m->cap, cap_x = m->cap;
    if (incmap_grow((void **)&m->m, &cap_m, m->n + 1, sizeof *m->m) != INCMAP_OK ||
        incmap_grow((void **)&m->x, &cap_x, m->n + 1, sizeof *m->x) != INCMAP_OK) {
        return incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory collecting mentions");
    }
    m->cap = cap_x;
    memmove(&m->m[at + 1], &m->m[at], (m->n - at) * sizeof *m->m);
    memmove(&m->x[at + 1], &m->x[at], (m->n - at) * sizeof *m->x);
    m->n++;
    town += town >= at;
    incmap_mention *p = &m->m[at];
    memset(p, 0, sizeof *p);
    p->start = m->tok[t0].c0;
    p->end = m->tok[t1 - 1].c1;
    p->byte_start = m->tok[t0].b0;
    p->byte_end = m->tok[t1 - 1].b1;
    p->place = m->m[town].place;
    p->match = m->m[town].match;
    p->ncandidates = 1;
    p->sentence = m->tok[t0].sent;
    p->confidence = m->m[town].confidence * RANK_LOCAL_CONFIDENCE;
    p->in_locality = true;
    mention_x *x = &m->x[at];
    memset(x, 0, sizeof *x);
    x->t0 = t0;
    x->t1 = t1;
    x->kind_pref = INCMAP_KIND_ANY;
    x->in_org = true; /* context only: never an incident role */
    x->modifier = true;
    x->score = m->x[town].score;
    return INCMAP_OK;
}

incmap_status incmap_mention_locals(incmap_ctx *ctx, incmap_mentions *m)
{
    /* the main town only when a run needs it, and the word-list tests only on runs that end in
     * a head word: most reports have no such run, and this pass is on the hot path */
    size_t main = SIZE_MAX, next = 0;
    bool main_known = false;
    for (size_t k = 0; k < m->ntok; k++) {
        if (!(m->tok[k].flags & TOK_CAP) || (m->tok[k].flags & (TOK_NUM | TOK_CASELESS)) ||
            covered(m, k, &next)) {
            continue;
        }
        size_t r0 = k, t1 = k;
        while (t1 < m->ntok && (m->tok[t1].flags & TOK_CAP) && !(m->tok[t1].flags & TOK_NUM) &&
               m->tok[t1].sent == m->tok[r0].sent && !covered(m, t1, &next)) {
            t1++;
        }
        bool glued = k > 0 && (m->tok[k - 1].flags & TOK_CAP) && !(m->tok[k - 1].flags & TOK_NUM);
        k = t1;
        if (glued || t1 - r0 < 2 || !is_head(m, t1 - 1) ||
            (t1 < m->ntok && (m->tok[t1].flags & TOK_CAP))) {
            continue; /* a name's word right before or after: part of a longer name */
        }
        size_t t0 = r0;
        while (t0 < t1 && opener(m, t0)) {
            t0++;
        }
        bool barred = false;
        for (size_t j = r0; j < t1 && !barred; j++) {
            barred = bars_run(m, j);
        }
        if (barred || t1 - t0 < 2) {
            continue;
        }
        if (!main_known) { /* before the first insertion: it reads the mentions as found */
            main = main_town(m);
            main_known = true;
        }
        size_t town = town_after(m, t1, next);
        town = town != SIZE_MAX ? town : main;
        if (town == SIZE_MAX) {
            continue;
        }
        incmap_status st = insert_local(ctx, m, next, t0, t1, town);
        if (st != INCMAP_OK) {
            return st;
        }
        main += main != SIZE_MAX && main >= next;
        next++;
    }
    return INCMAP_OK;
}

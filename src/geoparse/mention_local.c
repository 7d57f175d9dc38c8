/* Mentions stage, after resolution: streets and buildings the gazetteer lacks ("Royal Street",
 * "Barclays Center", "City Hall") are real places of the report's locality, as a careful reader
 * takes them: the town named right after ("on Royal Street in New Orleans", "the Percy Hotel,
 * Ballyjamesduff"), else the report's main town (named at least twice, more often than any
 * other). Such a mention is that town's point with precision 2 and a note that says so; it never
 * takes an incident role, and a report without such a town gets none. A country or nationality
 * inside such a name is no place of its own: an embassy stands in its host's town ("the French
 * Embassy in Beirut", "Turkish Embassy Beirut"), "the Grand Mall of Asia" in its town, not in Asia.
 */
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

static bool is_abroad(const incmap_mentions *m, size_t k)
{
    return tok_among(m->text, &m->tok[k], incmap_wl_abroad_words,
                     INCMAP_WL_N(incmap_wl_abroad_words));
}

/* A capitalised word of a name (not a number). */
static bool cap_word(const incmap_mentions *m, size_t k)
{
    return (m->tok[k].flags & TOK_CAP) && !(m->tok[k].flags & TOK_NUM);
}

static bool plain_town(const incmap_mentions *m, size_t i)
{
    const mention_x *x = &m->x[i];
    return !x->drop && !x->in_org && !x->modifier && !x->demonym && !m->m[i].in_locality &&
           incmap_place_kind(m->m[i].place) == INCMAP_KIND_PLACE;
}

/* A town the report names: plainly, or inside an organisation's name ("the Erbil
 * Police Department"): a body named after a town works there, so it says where the report is. */
static bool names_town(const incmap_mentions *m, size_t i)
{
    const mention_x *x = &m->x[i];
    return plain_town(m, i) || (x->in_org && !x->drop && !x->demonym && !m->m[i].in_locality &&
                                incmap_place_kind(m->m[i].place) == INCMAP_KIND_PLACE);
}

/* A town read "in X", "in the X area", "the town of X" within the report's first sentences: where
 * the report says it is, even when it names that town only once. */
#define MAIN_EARLY_SENTENCES 3
/* The main town must be of one of the report's this many most supported countries. */
#define MAIN_COUNTRIES 2

static bool said_early(const incmap_mentions *m, size_t j)
{
    const mention_x *x = &m->x[j];
    if (!plain_town(m, j) || x->weak || m->tok[x->t0].sent >= MAIN_EARLY_SENTENCES) {
        return false;
    }
    size_t k = x->t0, e = x->t1;
    if (j + 1 < m->n && m->x[j + 1].t0 == e + 1 &&
        (tok_is(m->text, &m->tok[e], "and") || tok_is(m->text, &m->tok[e], "or") ||
         tok_is(m->text, &m->tok[e], ","))) {
        return false; /* "in Erbil and Basra": one of several */
    }
    if (k > 0 && tok_is(m->text, &m->tok[k - 1], "the")) {
        k--;
    }
    return x->cue == INCMAP_CUE_SETTLEMENT ||
           (x->cue == INCMAP_CUE_PREP && k > 0 && tok_is(m->text, &m->tok[k - 1], "in"));
}

/* Mention J is read as a place: "in X", "near the X", "the town of X", "X province". */
static bool place_cue(const incmap_mentions *m, size_t j)
{
    const mention_x *x = &m->x[j];
    if (x->cue == INCMAP_CUE_SETTLEMENT || x->cue == INCMAP_CUE_ADMIN) {
        return true;
    }
    size_t k = x->t0;
    if (k > 0 && tok_is(m->text, &m->tok[k - 1], "the")) {
        k--;
    }
    return x->cue == INCMAP_CUE_PREP && k > 0 &&
           tok_among(m->text, &m->tok[k - 1], incmap_wl_place_preps,
                     INCMAP_WL_N(incmap_wl_place_preps));
}

/* How many mentions name the town of mention I. */
static size_t times_named(const incmap_mentions *m, size_t i)
{
    const char *id = incmap_place_id(m->m[i].place);
    size_t n = 0;
    for (size_t j = 0; j < m->n; j++) {
        n += names_town(m, j) && strcmp(incmap_place_id(m->m[j].place), id) == 0;
    }
    return n;
}

/* Whether a mention of the town of mention I is evidence that it is a town: a place cue, or a
 * big town written by its own name. A surname read as a town ("Bassett said ... Bassett
 * added") has no place cue, and a person's name that is only some town's alternate name
 * ("Sidney" for Sydney) is no big town's own name. */
static bool town_evidence(const incmap_mentions *m, size_t i)
{
    const char *id = incmap_place_id(m->m[i].place);
    for (size_t j = 0; j < m->n; j++) {
        if (!plain_town(m, j) || strcmp(incmap_place_id(m->m[j].place), id) != 0) {
            continue;
        }
        bool own_name =
            m->m[j].match == INCMAP_MATCH_EXACT || m->m[j].match == INCMAP_MATCH_VARIANT;
        if ((m->x[j].strong && own_name) || (place_cue(m, j) && !m->x[j].weak)) {
            return true;
        }
    }
    return false;
}

/* The report's main town, else SIZE_MAX: the mention index of a town named at least twice and
 * more often than any other (with evidence that it is a town); else, among the towns named most,
 * the first said early with "in" ("thieves broke into a shop in Erbil"); else the report's only
 * town (with evidence, or in a body's name: "the Erbil Fire Service"). It must be of the country
 * the report is most about. */
static size_t main_town(const incmap_mentions *m)
{
    size_t best = SIZE_MAX, best_n = 0, second_n = 0;
    for (size_t i = 0; i < m->n; i++) {
        const char *id = incmap_place_id(m->m[i].place);
        bool first = names_town(m, i);
        for (size_t j = 0; j < i && first; j++) {
            first = !names_town(m, j) || strcmp(incmap_place_id(m->m[j].place), id) != 0;
        }
        if (!first) {
            continue; /* each town counted once, at its first mention */
        }
        size_t n = times_named(m, i);
        if (n > best_n) {
            second_n = best_n;
            best_n = n;
            best = i;
        } else if (n > second_n) {
            second_n = n;
        }
    }
    if (best_n == 0) {
        return SIZE_MAX;
    }
    if (best_n < 2 || best_n == second_n) {
        size_t early = SIZE_MAX;
        for (size_t j = 0; j < m->n && early == SIZE_MAX; j++) {
            early = said_early(m, j) && times_named(m, j) == best_n ? j : SIZE_MAX;
        }
        if (early != SIZE_MAX) {
            best = early;
        } else if (second_n > 0 ||
                   (!town_evidence(m, best) &&
                    !(m->x[best].in_org && m->m[best].match == INCMAP_MATCH_EXACT))) {
            return SIZE_MAX; /* the only town: a place cue, or a body named after it */
        }
    } else if (!town_evidence(m, best)) {
        return SIZE_MAX;
    }
    /* a nationality named in passing ("a French student") may outvote the
     * town's country: one of the report's first two will do */
    char cc[MAIN_COUNTRIES][3];
    size_t ncc = incmap_resolve_countries(m, cc, MAIN_COUNTRIES);
    for (size_t i = 0; i < ncc; i++) {
        if (strcmp(cc[i], incmap_place_country(m->m[best].place)) == 0) {
            return best;
        }
    }
    return SIZE_MAX;
}

/* The main town, found once, before the first change to the mentions: it reads them as found. */
typedef struct {
    size_t town;
    bool known;
} main_cache;

static size_t main_of(const incmap_mentions *m, main_cache *c)
{
    if (!c->known) {
        c->town = main_town(m);
        c->known = true;
    }
    return c->town;
}

/* Whether a mention covers token k; *next moves on to the first mention not ending before k. */
static bool covered(const incmap_mentions *m, size_t k, size_t *next)
{
    while (*next < m->n && m->x[*next].t1 <= k) {
        (*next)++;
    }
    return *next < m->n && m->x[*next].t0 <= k;
}

/* The town named right after token t1 - 1 in the same sentence ("in X", ", X", "in the U.S.
 * capital", "(GLH) in X"; after "in" a province will do: "in Nineveh"), or SIZE_MAX. NEXT is
 * the first mention not ending before t1. */
static size_t town_after(const incmap_mentions *m, size_t t1, size_t next)
{
    size_t k = t1;
    if (k + 2 < m->ntok && tok_is(m->text, &m->tok[k], "(") &&
        (m->tok[k + 1].flags & TOK_ALLCAPS) && tok_is(m->text, &m->tok[k + 2], ")")) {
        k += 3; /* the name's abbreviation */
    }
    if (t1 == 0 || k + 1 >= m->ntok || m->tok[k + 1].sent != m->tok[t1 - 1].sent) {
        return SIZE_MAX;
    }
    /* "Royal Street at Washington Square" is a corner, not a town */
    bool in = tok_is(m->text, &m->tok[k], "in");
    if (!in && !tok_is(m->text, &m->tok[k], ",")) {
        return SIZE_MAX;
    }
    k++;
    if (in && k + 1 < m->ntok && tok_is(m->text, &m->tok[k], "the")) {
        k++;
    }
    while (next < m->n && m->x[next].t1 <= k) {
        next++;
    }
    if (next >= m->n || m->x[next].t0 != k) {
        return SIZE_MAX;
    }
    if (in && next + 1 < m->n && m->x[next + 1].t0 == m->x[next].t1 &&
        incmap_place_kind(m->m[next].place) == INCMAP_KIND_COUNTRY) {
        next++; /* "in the U.S. capital" */
    }
    const mention_x *x = &m->x[next];
    bool province = in && incmap_place_kind(m->m[next].place) == INCMAP_KIND_ADMIN1 && !x->drop &&
                    !x->in_org && !x->demonym && !m->m[next].in_locality;
    return plain_town(m, next) || province ? next : SIZE_MAX;
}

/* Fills mention AT as the street or building of tokens [t0, t1) in the town of mention TOWN. */
static void fill_local(incmap_mentions *m, size_t at, size_t t0, size_t t1, size_t town)
{
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
    double score = m->x[town].score;
    memset(x, 0, sizeof *x);
    x->t0 = t0;
    x->t1 = t1;
    x->kind_pref = INCMAP_KIND_ANY;
    x->in_org = true; /* context only: never an incident role */
    x->modifier = true;
    x->score = score;
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
    fill_local(m, at, t0, t1, town);
    return INCMAP_OK;
}

/* "the French Embassy", "the French International School": country or nationality mention I,
 * then capitalised name words to a head word with a word of abroad_words.txt among them. The
 * name's tokens are [x.t0, *b1). */
static bool abroad_after(const incmap_mentions *m, size_t i, size_t *b1)
{
    size_t end = i + 1 < m->n ? m->x[i + 1].t0 : m->ntok, sent = m->tok[m->x[i].t0].sent;
    bool abroad = false;
    size_t e = 0;
    for (size_t k = m->x[i].t1; k < end && k - m->x[i].t1 < 4 && m->tok[k].sent == sent; k++) {
        if (!cap_word(m, k)) {
            break; /* "the Turkish consulate in Amman": Turkey's, no building's name */
        }
        abroad = abroad || is_abroad(m, k);
        if (abroad && is_head(m, k)) {
            e = k + 1;
        }
    }
    if (e == 0 || (e < end && cap_word(m, e))) {
        return false;
    }
    *b1 = e;
    return true;
}

/* "the Embassy of the Republic of Turkey", "the Grand Mall of Iraq": a name ending in a head word,
 * "of", then country or region mention I. The name's tokens are [*b0, x.t1); PREV_END is where
 * the mention before I ends. */
static bool head_of(const incmap_mentions *m, size_t i, size_t prev_end, size_t *b0)
{
    size_t t0 = m->x[i].t0, sent = m->tok[t0].sent;
    for (size_t j = t0; j-- > prev_end + 1 && t0 - j < 5 && m->tok[j].sent == sent;) {
        if (tok_is(m->text, &m->tok[j], "of") && is_head(m, j - 1) && cap_word(m, j - 1)) {
            if (bars_run(m, j - 1) && !is_abroad(m, j - 1)) {
                return false; /* "the Technical Institute of Iraq": a body of the country */
            }
            size_t r0 = j - 1;
            while (r0 > prev_end && cap_word(m, r0 - 1) && m->tok[r0 - 1].sent == sent) {
                r0--;
            }
            if (r0 > prev_end && r0 > 0 && cap_word(m, r0 - 1)) {
                return false; /* a mention's word right before: part of a longer name */
            }
            while (r0 < j - 1 && opener(m, r0)) {
                r0++;
            }
            for (size_t k = r0; k + 1 < j; k++) {
                if (bars_run(m, k)) {
                    return false;
                }
            }
            *b0 = r0;
            return true;
        }
        if (!cap_word(m, j) && !tok_is(m->text, &m->tok[j], "of") &&
            !tok_is(m->text, &m->tok[j], "the")) {
            return false;
        }
    }
    return false;
}

/* Country and nationality mentions inside a building's name become that building, in its town
 * (the one named right after it, else the report's main town); an embassy, consulate or
 * international school without one is no place at all: its country is not where it stands. */
static void buildings_of_countries(incmap_mentions *m, main_cache *mc)
{
    for (size_t i = 0; i < m->n; i++) {
        mention_x *x = &m->x[i];
        incmap_kind kind = incmap_place_kind(m->m[i].place);
        if (x->drop || m->m[i].in_locality ||
            (kind != INCMAP_KIND_COUNTRY && kind != INCMAP_KIND_REGION && !x->demonym)) {
            continue;
        }
        size_t b0 = x->t0, b1 = x->t1, prev_end = i > 0 ? m->x[i - 1].t1 : 0;
        bool abroad = false;
        if (abroad_after(m, i, &b1)) {
            abroad = true;
        } else if (x->demonym || !head_of(m, i, prev_end, &b0)) {
            continue;
        } else {
            for (size_t k = b0; k < x->t0 && !abroad; k++) {
                abroad = is_abroad(m, k) && is_head(m, k);
            }
        }
        size_t town = town_after(m, b1, i + 1);
        if (town == SIZE_MAX && b1 > x->t1 && i + 1 < m->n && m->x[i + 1].t0 == b1 &&
            plain_town(m, i + 1)) {
            town = i + 1; /* "Turkish Embassy Beirut" */
        }
        size_t main = main_of(m, mc); /* before the first change */
        town = town != SIZE_MAX ? town : main;
        if (town == SIZE_MAX) {
            x->drop = x->drop || abroad;
            continue;
        }
        incmap_candidates_destroy(x->cands);
        fill_local(m, i, b0, b1, town);
    }
}

incmap_status incmap_mention_locals(incmap_ctx *ctx, incmap_mentions *m)
{
    /* the main town only when a run needs it, and the word-list tests only on runs that end in
     * a head word: most reports have no such run, and this pass is on the hot path */
    main_cache mc = {SIZE_MAX, false};
    buildings_of_countries(m, &mc);
    size_t next = 0;
    for (size_t k = 0; k < m->ntok; k++) {
        if (!cap_word(m, k) || (m->tok[k].flags & TOK_CASELESS) || covered(m, k, &next)) {
            continue;
        }
        size_t r0 = k, t1 = k;
        while (t1 < m->ntok && cap_word(m, t1) && m->tok[t1].sent == m->tok[r0].sent &&
               !covered(m, t1, &next)) {
            t1++;
        }
        bool glued = k > 0 && cap_word(m, k - 1);
        k = t1;
        if (glued || t1 - r0 < 2 || !is_head(m, t1 - 1) || (t1 < m->ntok && cap_word(m, t1))) {
            continue; /* a name's word right before or after: part of a longer name */
        }
        size_t t0 = r0;
        while (t0 < t1 && opener(m, t0)) {
            t0++;
        }
        bool barred = false; /* the head may be a body's word: "Harbour District Court" */
        for (size_t j = r0; j + 1 < t1 && !barred; j++) {
            barred = bars_run(m, j);
        }
        if (barred || t1 - t0 < 2) {
            continue;
        }
        /* a body's word as the head ("a scholar at Lotus University", "the District Court") is
         * quoted from afar as often as at home: only the town named with it says where it is */
        size_t town = town_after(m, t1, next), main = main_of(m, &mc);
        town = town != SIZE_MAX || bars_run(m, t1 - 1) ? town : main;
        if (town == SIZE_MAX) {
            continue;
        }
        incmap_status st = insert_local(ctx, m, next, t0, t1, town);
        if (st != INCMAP_OK) {
            return st;
        }
        mc.town += mc.town != SIZE_MAX && mc.town >= next;
        next++;
    }
    return INCMAP_OK;
}

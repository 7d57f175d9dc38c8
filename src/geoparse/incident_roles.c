/* Role cues: the words before a place name say whether it is where an attack came from (launch),
 * what it was aimed at or hit (target) or where it happened (site). The nearest cue before the
 * name, in the same clause, decides; cues are phrases a wire report uses, never names. The cue
 * words are data (src/text/words/: target_words, aim_verbs, attack_nouns, impact_verbs,
 * launch_motion, speakers). */
#include "geoparse/incident_int.h"
#include "text/wordlists.h"

#include <string.h>

int incmap_kind_rank(const incmap_place *p)
{
    switch (incmap_place_kind(p)) {
    case INCMAP_KIND_SITE:
    case INCMAP_KIND_PLACE:
        return 1;
    case INCMAP_KIND_REGION:
        return 2;
    case INCMAP_KIND_ADMIN1:
        return 3;
    default:
        return 4;
    }
}

static bool is_clause_break(const ictx *c, size_t k)
{
    if (!(c->tok[k].flags & TOK_PUNCT)) {
        return false;
    }
    char ch = c->text[c->tok[k].b0];
    return ch == ',' || ch == ';' || ch == ':' || ch == '(' || ch == ')' || ch == '"' ||
           (unsigned char)ch == 0xE2; /* dashes and curly quotes */
}

static bool prev_word_among(const ictx *c, size_t k, size_t lim, const char *const *list, size_t n)
{
    return k > lim && (c->tok[k - 1].flags & TOK_WORD) && word_among(c, k - 1, list, n);
}
#define PREV_AMONG(c, k, lim, list) prev_word_among(c, k, lim, list, sizeof list / sizeof list[0])

/* "Zummar in Iraq", "Mosul, Iraq": a wider place naming where the previous one is. */
bool incmap_is_container(const ictx *c, size_t i)
{
    if (i == 0) {
        return false;
    }
    const mention_x *x = &c->m->x[i], *px = &c->m->x[i - 1];
    if (px->t1 + 1 != x->t0 && !(px->t1 + 2 == x->t0 && word_eq(c, px->t1 + 1, "the"))) {
        return false;
    }
    if (!word_eq(c, px->t1, "in") &&
        !(c->tok[px->t1].flags & TOK_PUNCT && c->text[c->tok[px->t1].b0] == ',')) {
        return false;
    }
    const incmap_place *p = c->m->m[i].place, *pp = c->m->m[i - 1].place;
    return incmap_kind_rank(p) > incmap_kind_rank(pp) &&
           strcmp(incmap_place_country(p), incmap_place_country(pp)) == 0;
}

/* "the southern Gaza city of Rafah", "Iraq's town of Zummar": the first name only says where
 * the second is; the second takes the role. */
bool incmap_names_region_of_next(const ictx *c, size_t i, size_t m1)
{
    if (i + 1 >= m1) {
        return false;
    }
    size_t t = c->m->x[i].t1, next = c->m->x[i + 1].t0;
    if (t < c->m->ntok && (c->tok[t].flags & TOK_PUNCT) && c->text[c->tok[t].b0] == '\'') {
        t += 2; /* "Iraq's" */
    }
    if (t != c->m->x[i].t1 && next == t) {
        /* "Russia's Belgorod region": a wider place owning a narrower one of its country */
        const incmap_place *p = c->m->m[i].place, *q = c->m->m[i + 1].place;
        return incmap_kind_rank(p) > incmap_kind_rank(q) &&
               strcmp(incmap_place_country(p), incmap_place_country(q)) == 0;
    }
    return next == t + 2 && word_eq(c, t + 1, "of") &&
           incmap_word_in(WL_SETTLE, c->text + c->tok[t].b0, c->tok[t].b1 - c->tok[t].b0);
}

bool incmap_describes_previous(const ictx *c, size_t i)
{
    qual q;
    size_t t0 = c->m->x[i].t0;
    if (i == 0 || !incmap_qualifier_before(c->text, c->tok, t0, &q) || q.t0 == 0) {
        return false;
    }
    size_t comma = q.t0 - 1;
    return (c->tok[comma].flags & TOK_PUNCT) && c->text[c->tok[comma].b0] == ',' &&
           c->m->x[i - 1].t1 == comma;
}

bool incmap_launch_phrase(const ictx *c, const sent_info *s, size_t i)
{
    size_t t0 = c->m->x[i].t0;
    size_t lim = t0 >= s->t0 + 8 ? t0 - 8 : s->t0;
    for (size_t k = t0; k-- > lim;) {
        if (is_clause_break(c, k)) {
            return false;
        }
        if (word_eq(c, k, "from")) {
            return PREV_AMONG(c, k, lim, incmap_wl_launch_motion);
        }
    }
    return false;
}

/* The role the words before mention i give it, or -1. The nearest cue wins: in "fired from Zummar
 * in the direction of a base in Syria", "direction (of)" decides for Syria before "from" is met. */
int incmap_role_of(const ictx *c, const sent_info *s, size_t i, size_t floor_tok)
{
    size_t t0 = c->m->x[i].t0;
    size_t lim = t0 >= s->t0 + 12 ? t0 - 12 : s->t0;
    lim = lim > floor_tok ? lim : floor_tok;
    qual q;
    bool locative = incmap_qualifier_before(c->text, c->tok, t0, &q);
    if (locative) {
        t0 = q.t0; /* "15 km south of Kirkuk": the cue is before the qualifier */
    }
    for (size_t k = t0; k-- > lim;) {
        if (is_clause_break(c, k)) {
            break;
        }
        if (!(c->tok[k].flags & TOK_WORD)) {
            continue;
        }
        if (word_eq(c, k, "from") || word_eq(c, k, "originated")) {
            return ROLE_LAUNCH;
        }
        bool prep = word_eq(c, k, "in") || word_eq(c, k, "on") || word_eq(c, k, "at") ||
                    word_eq(c, k, "near") || word_eq(c, k, "inside");
        if (AMONG(c, k, incmap_wl_target_words) ||
            /* "in the direction of X" */
            (word_eq(c, k, "direction") && k + 1 < t0 && word_eq(c, k + 1, "of")) ||
            /* "aimed at X", "fired at X", "rockets fired at X" */
            (word_eq(c, k, "at") &&
             ((s->fire_verb && k > s->fire_tok) || PREV_AMONG(c, k, lim, incmap_wl_aim_verbs))) ||
            /* "a drone attack on X" */
            (word_eq(c, k, "on") && PREV_AMONG(c, k, lim, incmap_wl_attack_nouns)) ||
            /* "landed in X", "fell near X": where it came down */
            (prep && PREV_AMONG(c, k, lim, incmap_wl_impact_verbs))) {
            return ROLE_TARGET;
        }
        if (word_eq(c, k, "in") && PREV_AMONG(c, k, lim, incmap_wl_speakers)) {
            return -1; /* "officials in Kyiv said": where the speaker is, not the event */
        }
        if (prep || word_eq(c, k, "outside") || word_eq(c, k, "outskirts") ||
            word_eq(c, k, "around") || word_eq(c, k, "nearby")) {
            locative = true;
        }
    }
    return locative ? ROLE_SITE : -1;
}

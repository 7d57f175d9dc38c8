/* Internal header of the mentions stage's span finder (mention_span.c: runs and windows;
 * mention_cue.c: the cue words around a name; mention_accept.c: whether a window is a place): the
 * token tests they share, on the finder's tokens. */
#ifndef INCMAP_MENTION_SPAN_H
#define INCMAP_MENTION_SPAN_H

#include "geoparse/geoparse.h"
#include "text/wordlists.h"

#include <string.h>

#define WINDOW_MAX_TOKENS 8 /* "Democratic People's Republic of Korea" is eight */

static inline size_t tlen(const mention_finder *f, size_t k)
{
    return f->tok[k].b1 - f->tok[k].b0;
}

static inline const char *tstr(const mention_finder *f, size_t k)
{
    return f->text + f->tok[k].b0;
}

static inline bool in_list(const mention_finder *f, wordlist wl, size_t k)
{
    return k < f->ntok && (f->tok[k].flags & TOK_WORD) &&
           incmap_word_in(wl, tstr(f, k), tlen(f, k));
}

static inline bool is_punct(const mention_finder *f, size_t k, char c)
{
    return k < f->ntok && (f->tok[k].flags & TOK_PUNCT) && tlen(f, k) == 1 && tstr(f, k)[0] == c;
}

static inline bool is_cap(const mention_finder *f, size_t k)
{
    return k < f->ntok && (f->tok[k].flags & TOK_CAP) && !(f->tok[k].flags & TOK_NUM);
}

static inline bool is_lower_word(const mention_finder *f, size_t k)
{
    return k < f->ntok && (f->tok[k].flags & TOK_WORD) && !(f->tok[k].flags & (TOK_CAP | TOK_NUM));
}

/* A hyphen glued to both neighbours ("Al-Hasakah", "al-Sudani"). */
static inline bool is_glue_hyphen(const mention_finder *f, size_t k)
{
    return is_punct(f, k, '-') && !(f->tok[k].flags & TOK_SPACE) && k + 1 < f->ntok &&
           !(f->tok[k + 1].flags & TOK_SPACE);
}

/* The apostrophe of a possessive inside a name ("Democratic People's Republic", "Alder Hey
 * Children's Hospital"): glued to the word before and to an "s", capitalised words on both sides.
 * After a single word ("Mosul's Old City", "Iraq's Defense Ministry") it ends the name. */
static inline bool is_name_possessive(const mention_finder *f, size_t k)
{
    if (k < 2 || k + 2 >= f->ntok || !is_cap(f, k - 2) || !is_cap(f, k - 1) ||
        !(f->tok[k].flags & TOK_PUNCT) || f->tok[k].b0 != f->tok[k - 1].b1 ||
        f->tok[k + 1].b0 != f->tok[k].b1) {
        return false;
    }
    size_t n = tlen(f, k);
    const char *a = tstr(f, k);
    bool apos = (n == 1 && a[0] == '\'') || (n == 3 && memcmp(a, "\xE2\x80\x99", 3) == 0);
    return apos && tok_is(f->text, &f->tok[k + 1], "s") && is_cap(f, k + 2);
}

/* Tokens that may sit inside a name but neither start nor end one. */
static inline bool is_link(const mention_finder *f, size_t k)
{
    if (is_glue_hyphen(f, k) || is_name_possessive(f, k) ||
        (k > 0 && is_name_possessive(f, k - 1))) {
        return true;
    }
    /* "St. Louis": the dot of a short form */
    if (is_punct(f, k, '.') && k > 0 && f->tok[k].b0 == f->tok[k - 1].b1 &&
        in_list(f, WL_ABBREV, k - 1)) {
        return true;
    }
    /* "Port-au-Prince", "Stratford-upon-Avon": a short lower-case word glued between two
     * hyphens, but for the links of two names ("Goleta-to-Carpinteria", "Sunni-and-Shia") */
    if (is_lower_word(f, k) && tlen(f, k) <= 4 && k > 0 && is_glue_hyphen(f, k - 1) &&
        is_glue_hyphen(f, k + 1) && !tok_is(f->text, &f->tok[k], "to") &&
        !tok_is(f->text, &f->tok[k], "and") && !tok_is(f->text, &f->tok[k], "or")) {
        return true;
    }
    return is_lower_word(f, k) && in_list(f, WL_CONNECT, k);
}

static inline bool bare_direction(const mention_finder *f, size_t k)
{
    return tok_among(f->text, &f->tok[k], incmap_wl_bare_directions,
                     INCMAP_WL_N(incmap_wl_bare_directions));
}

static inline const char *abbreviation(const mention_finder *f, size_t k, incmap_kind *kind)
{
    return incmap_mention_short_form(f, k, kind);
}

static inline bool head_elsewhere(const mention_finder *f, size_t k)
{
    return k < f->ntok && is_cap(f, k) &&
           tok_among(f->text, &f->tok[k], incmap_wl_heads_elsewhere,
                     INCMAP_WL_N(incmap_wl_heads_elsewhere));
}

static inline bool facility_head(const mention_finder *f, size_t k)
{
    return k < f->ntok && is_cap(f, k) &&
           (tok_among(f->text, &f->tok[k], incmap_wl_facility_heads,
                      INCMAP_WL_N(incmap_wl_facility_heads)) ||
            head_elsewhere(f, k));
}

typedef struct {
    size_t r0, r1; /* the run */
    bool org;      /* the run names an organisation */
} run_info;

/* mention_cue.c: the evidence right before token t0 ("in", "the town of"), or before the first
 * name of the list t0 ends ("in Hilversum and Almelo"); *pref: the kind a type word asks for. */
incmap_cue incmap_span_cue_before(const mention_finder *f, size_t t0, incmap_kind *pref);
/* The evidence right after window end t1 ("X province", "X border"). */
incmap_cue incmap_span_cue_after(const mention_finder *f, size_t t1, incmap_kind *pref);

/* mention_accept.c: decides whether window [t0, t1) of run R with candidates C is a place
 * mention, and fills its evidence X. */
bool incmap_span_accept(const mention_finder *f, const run_info *r, size_t t0, size_t t1,
                        const incmap_candidates *c, mention_x *x);

#endif

/* Candidate spans of the mentions stage: runs of capitalised tokens (with connectors such as "of",
 * "al-", "de") and windows of up to six tokens inside them, longest first, plus "northeastern
 * Syria" patterns; and the evidence that accepts a match as a place (cues, capitalisation) or
 * rejects it (people after titles, organisations, weekdays, common words, partial names). */
#include "core/core.h"
#include "gazetteer/rank.h"
#include "geoparse/geoparse.h"
#include "text/wordlists.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WINDOW_MAX_TOKENS 8 /* "Democratic People's Republic of Korea" is eight */
#define NAME_MAX_BYTES 200
#define SEG_REACH (WINDOW_MAX_TOKENS + 2) /* tokens around a window that judge it */

static size_t tlen(const mention_finder *f, size_t k)
{
    return f->tok[k].b1 - f->tok[k].b0;
}

static const char *tstr(const mention_finder *f, size_t k)
{
    return f->text + f->tok[k].b0;
}

static bool in_list(const mention_finder *f, wordlist wl, size_t k)
{
    return k < f->ntok && (f->tok[k].flags & TOK_WORD) &&
           incmap_word_in(wl, tstr(f, k), tlen(f, k));
}

static bool is_punct(const mention_finder *f, size_t k, char c)
{
    return k < f->ntok && (f->tok[k].flags & TOK_PUNCT) && tlen(f, k) == 1 && tstr(f, k)[0] == c;
}

static bool is_cap(const mention_finder *f, size_t k)
{
    return k < f->ntok && (f->tok[k].flags & TOK_CAP) && !(f->tok[k].flags & TOK_NUM);
}

static bool is_lower_word(const mention_finder *f, size_t k)
{
    return k < f->ntok && (f->tok[k].flags & TOK_WORD) && !(f->tok[k].flags & (TOK_CAP | TOK_NUM));
}

/* A hyphen glued to both neighbours ("Al-Hasakah", "al-Sudani"). */
static bool is_glue_hyphen(const mention_finder *f, size_t k)
{
    return is_punct(f, k, '-') && !(f->tok[k].flags & TOK_SPACE) && k + 1 < f->ntok &&
           !(f->tok[k + 1].flags & TOK_SPACE);
}

/* The apostrophe of a possessive inside a name ("Democratic People's Republic", "Alder Hey
 * Children's Hospital"): glued to the word before and to an "s", capitalised words on both sides.
 * After a single word ("Mosul's Old City", "Iraq's Defense Ministry") it ends the name. */
static bool is_name_possessive(const mention_finder *f, size_t k)
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
static bool is_link(const mention_finder *f, size_t k)
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

/* End (exclusive) of the capitalised run starting at r0. */
static size_t run_end(const mention_finder *f, size_t r0)
{
    size_t k = r0 + 1, end = r0 + 1;
    while (k < f->ntok && f->tok[k].sent == f->tok[r0].sent) {
        if (is_cap(f, k)) {
            end = ++k;
        } else if (is_link(f, k)) {
            k++;
        } else {
            break;
        }
    }
    return end;
}

/* Arabic article glued to a name in lower case: "al-Hasakah", "as-Suwayda". */
static bool article_start(const mention_finder *f, size_t k)
{
    if (!is_lower_word(f, k) || !is_glue_hyphen(f, k + 1) || !is_cap(f, k + 2)) {
        return false;
    }
    return tok_among(f->text, &f->tok[k], incmap_wl_name_articles,
                     INCMAP_WL_N(incmap_wl_name_articles));
}

/* The evidence right before token t0: a preposition or "town of" within three tokens. */
static incmap_cue cue_at(const mention_finder *f, size_t t0, incmap_kind *pref)
{
    size_t lim = t0 >= 4 ? t0 - 4 : 0;
    for (size_t k = t0; k-- > lim;) {
        if (f->tok[k].flags & TOK_PUNCT) {
            if (is_punct(f, k, '-') || is_punct(f, k, '"')) {
                continue;
            }
            break;
        }
        if (in_list(f, WL_SETTLE, k) && k + 1 < t0 && tok_is(f->text, &f->tok[k + 1], "of")) {
            *pref = INCMAP_KIND_PLACE;
            return INCMAP_CUE_SETTLEMENT;
        }
        if (in_list(f, WL_ADMIN, k) && k + 1 < t0 && tok_is(f->text, &f->tok[k + 1], "of")) {
            if (k > 0 && is_cap(f, k - 1)) {
                return INCMAP_CUE_PREP; /* "the Mansour district of Baghdad": a container */
            }
            *pref = INCMAP_KIND_ADMIN1;
            return INCMAP_CUE_ADMIN;
        }
        if (tok_is(f->text, &f->tok[k], "of") && k > 0 && k + 1 == t0 &&
            (in_list(f, WL_SETTLE, k - 1) || in_list(f, WL_ADMIN, k - 1))) {
            continue; /* "province of X": decided at "province" */
        }
        if (in_list(f, WL_PREP, k) && (is_lower_word(f, k) || (f->tok[k].flags & TOK_SENT))) {
            return INCMAP_CUE_PREP; /* "in Erbil", and "In Klamath Falls, ..." opening a sentence */
        }
        if (is_cap(f, k)) {
            break;
        }
    }
    return INCMAP_CUE_NONE;
}

/* The cue of a name, or of the first name of the list it ends ("in Hilversum and Almelo",
 * "near Mosul, Erbil or Duhok"): a few hops back at most. */
static incmap_cue cue_before(const mention_finder *f, size_t t0, incmap_kind *pref)
{
    for (int hop = 0; hop < 8; hop++) {
        incmap_cue c = cue_at(f, t0, pref);
        if (c != INCMAP_CUE_NONE || t0 < 2 || !is_cap(f, t0 - 2) ||
            !(tok_is(f->text, &f->tok[t0 - 1], "and") || tok_is(f->text, &f->tok[t0 - 1], "or") ||
              is_punct(f, t0 - 1, ','))) {
            return c;
        }
        size_t j = t0 - 2;
        for (int steps = 0; j > 0 && steps < 6 && (is_cap(f, j - 1) || is_link(f, j - 1));
             steps++) {
            j--;
        }
        t0 = j;
    }
    return INCMAP_CUE_NONE;
}

static incmap_cue cue_after(const mention_finder *f, size_t t1, incmap_kind *pref)
{
    if (t1 >= f->ntok || !(f->tok[t1].flags & TOK_WORD)) {
        return INCMAP_CUE_NONE;
    }
    if (in_list(f, WL_ADMIN, t1)) {
        *pref = INCMAP_KIND_ADMIN1;
        return INCMAP_CUE_ADMIN;
    }
    if (in_list(f, WL_SETTLE, t1)) {
        *pref = INCMAP_KIND_PLACE;
        return INCMAP_CUE_SETTLEMENT;
    }
    if (tok_is(f->text, &f->tok[t1], "border") || tok_is(f->text, &f->tok[t1], "borders") ||
        tok_is(f->text, &f->tok[t1], "frontier")) {
        return INCMAP_CUE_BORDER;
    }
    return INCMAP_CUE_NONE;
}

static bool strong_place(const incmap_place *p)
{
    incmap_kind k = incmap_place_kind(p);
    if (k == INCMAP_KIND_COUNTRY || k == INCMAP_KIND_ADMIN1 || k == INCMAP_KIND_REGION) {
        return true;
    }
    const char *fc = incmap_place_feature_code(p);
    return incmap_place_population(p) >= RANK_STRONG_POPULATION || strncmp(fc, "PPLC", 4) == 0 ||
           strcmp(fc, "PPLA") == 0;
}

static bool bare_direction(const mention_finder *f, size_t k)
{
    return tok_among(f->text, &f->tok[k], incmap_wl_bare_directions,
                     INCMAP_WL_N(incmap_wl_bare_directions));
}

/* A name used as an adjective ("a U.S. military base", "Iran-backed"): never an incident role. */
static bool used_as_modifier(const mention_finder *f, size_t t0, size_t t1)
{
    size_t p = t0 > 0 && tok_is(f->text, &f->tok[t0 - 1], "the") ? t0 - 1 : t0;
    if (p > 0 && is_lower_word(f, p - 1) && in_list(f, WL_PREP, p - 1)) {
        return false; /* "a group in Iraq experienced": the head of a place phrase */
    }
    if (is_glue_hyphen(f, t1) && is_lower_word(f, t1 + 1)) {
        return true;
    }
    return is_lower_word(f, t1) && !in_list(f, WL_FUNC, t1) && !in_list(f, WL_PREP, t1) &&
           !in_list(f, WL_SPEECH, t1) && !in_list(f, WL_ADMIN, t1) && !in_list(f, WL_SETTLE, t1);
}

static bool natural_feature(const mention_finder *f, size_t k)
{
    return tok_among(f->text, &f->tok[k], incmap_wl_natural_features,
                     INCMAP_WL_N(incmap_wl_natural_features));
}

static const char *abbreviation(const mention_finder *f, size_t k, incmap_kind *kind)
{
    return incmap_mention_short_form(f, k, kind);
}

/* Capitalised words that rule a window out before any lookup: weekdays, titles and
 * organisation words are never part of a place name in the gazetteer's sense; outlets and words
 * never a place alone ("Atlantic", "Latin") only rule out the word alone, since the whole name
 * ("Atlantic Ocean", "Latin America") is judged by its match (accept). */
static bool blocks_window(const mention_finder *f, size_t k, bool alone)
{
    /* a title glued into a hyphenated name is part of it ("Port-au-Prince") */
    bool glued = k > 0 && is_glue_hyphen(f, k - 1);
    return is_cap(f, k) && ((alone && in_list(f, WL_MEDIA, k)) || in_list(f, WL_DAYMONTH, k) ||
                            (in_list(f, WL_TITLE, k) && !glued) || in_list(f, WL_ORG, k));
}

static bool head_elsewhere(const mention_finder *f, size_t k)
{
    return k < f->ntok && is_cap(f, k) &&
           tok_among(f->text, &f->tok[k], incmap_wl_heads_elsewhere,
                     INCMAP_WL_N(incmap_wl_heads_elsewhere));
}

static bool facility_head(const mention_finder *f, size_t k)
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

/* A capitalised word that may open a name without being part of what it honours: an article, a
 * preposition or a function word opening a sentence ("At Karl Bremer Hospital"), a short form
 * ("N. Bedford Drive"). */
static bool name_opener(const mention_finder *f, size_t k)
{
    return tok_is(f->text, &f->tok[k], "the") || in_list(f, WL_PREP, k) || in_list(f, WL_FUNC, k) ||
           in_list(f, WL_STOP, k) ||
           (k + 1 < f->ntok && is_punct(f, k + 1, '.') && tlen(f, k) <= 2);
}

/* The head noun after window end T1 in its part of the run (up to "and" or a possessive, within
 * a window's reach), or SIZE_MAX. */
static size_t head_after(const mention_finder *f, const run_info *r, size_t t1)
{
    for (size_t k = t1; k < r->r1 && k < t1 + WINDOW_MAX_TOKENS; k++) {
        if (tok_is(f->text, &f->tok[k], "and") || is_name_possessive(f, k)) {
            break;
        }
        if (facility_head(f, k)) {
            return k;
        }
    }
    return SIZE_MAX;
}

/* Window [t0, t1) is part of a longer name of a building, street or institution: 1 when named
 * after it in English ("Rogers Centre", "Colchester Hospital", "University of Alberta": a place
 * of that name only if it is a strong one), 2 when it is never the place: in a foreign name
 * ("Stade de France", "Rue de Rivoli"), right before a street's head ("Hampton Avenue"), or after
 * other words of the name before its head ("Robert Trent Jones Golf Club", "Marjory Stoneman
 * Douglas High School": a person honoured); 0 otherwise ("Delhi High Court" opens with its town,
 * and "Karl Bremer Hospital" cannot be told from "Haymarket Village Center" by its words). */
static int inside_facility_name(const mention_finder *f, const run_info *r, size_t t0, size_t t1)
{
    if (t0 >= r->r0 + 2 && facility_head(f, t0 - 2) && is_lower_word(f, t0 - 1) &&
        tok_among(f->text, &f->tok[t0 - 1], incmap_wl_name_connectors_foreign,
                  INCMAP_WL_N(incmap_wl_name_connectors_foreign))) {
        return 2;
    }
    size_t h = head_after(f, r, t1);
    if (h != SIZE_MAX) {
        if (h == t1 && head_elsewhere(f, h)) {
            return 2;
        }
        size_t k = t0;
        while (k > r->r0 && !tok_is(f->text, &f->tok[k - 1], "and") && !is_link(f, k - 1) &&
               !name_opener(f, k - 1)) {
            k--;
        }
        return k < t0 ? 2 : h == t1;
    }
    for (size_t k = t0, hops = 0; k > r->r0 && hops < 3; k--, hops++) {
        if (facility_head(f, k - 1)) {
            return 1;
        }
        if (!is_link(f, k - 1) && !tok_is(f->text, &f->tok[k - 1], "the")) {
            break;
        }
    }
    return 0;
}

/* "Salt + Smoke": a name joined by a plus sign to another is a brand's. */
static bool plus_joined(const mention_finder *f, size_t t0, size_t t1)
{
    return (is_punct(f, t1, '+') && is_cap(f, t1 + 1)) ||
           (t0 >= 2 && is_punct(f, t0 - 1, '+') && is_cap(f, t0 - 2));
}

/* Words ending like adjectives of origin ("Kurdish", "Sahrawian", "Sudanese"). */
static bool adjective_suffix(const mention_finder *f, size_t k)
{
    size_t n = tlen(f, k);
    const char *w = tstr(f, k);
    for (size_t i = 0; i < INCMAP_WL_N(incmap_wl_adjective_suffixes); i++) {
        const char *suf = incmap_wl_adjective_suffixes[i];
        size_t m = strlen(suf);
        if (n > m + 2 && strncmp(w + n - m, suf, m) == 0) {
            return true;
        }
    }
    return false;
}

/* Decides whether window [t0, t1) with candidates C is a place mention, and with what evidence. */
static bool accept(const mention_finder *f, const run_info *r, size_t t0, size_t t1,
                   const incmap_candidates *c, mention_x *x)
{
    memset(x, 0, sizeof *x);
    x->kind_pref = INCMAP_KIND_ANY;
    incmap_kind pref_b = INCMAP_KIND_ANY, pref_a = INCMAP_KIND_ANY;
    incmap_cue cb = cue_before(f, t0, &pref_b), ca = cue_after(f, t1, &pref_a);
    x->kind_pref = pref_a != INCMAP_KIND_ANY ? pref_a : pref_b;
    incmap_match mt = incmap_candidates_match(c, 0);
    x->demonym = mt == INCMAP_MATCH_DEMONYM;
    size_t nc = incmap_candidates_count(c);
    for (size_t i = 0; i < nc && !x->strong; i++) {
        x->strong = strong_place(incmap_candidates_place(c, i)) &&
                    incmap_candidates_match(c, i) != INCMAP_MATCH_TOLERANT;
    }
    bool single = t1 - t0 == 1;
    const mtok *first = &f->tok[t0];
    int in_facility = inside_facility_name(f, r, t0, t1);
    if (in_facility == 2 || (in_facility == 1 && !x->strong)) {
        return false; /* "Rogers Centre", "Stade de France": the whole name or nothing */
    }
    if (plus_joined(f, t0, t1)) {
        return false; /* a brand's name, not a town's */
    }
    for (size_t k = t0; k < t1 && !single; k++) {
        if (is_cap(f, k) && in_list(f, WL_MEDIA, k) && mt != INCMAP_MATCH_EXACT) {
            return false; /* "Latin America" as written, but no outlet's name bent into a place */
        }
    }
    bool area = false;
    for (size_t i = 0; i < nc && !area; i++) {
        incmap_kind k = incmap_place_kind(incmap_candidates_place(c, i));
        area = k != INCMAP_KIND_PLACE && k != INCMAP_KIND_SITE;
    }
    if (!area && t1 < r->r1 && is_cap(f, t1) && in_list(f, WL_ADMIN, t1)) {
        return false; /* "X County" the gazetteer lacks is not the town X */
    }
    if (mt == INCMAP_MATCH_TOLERANT && adjective_suffix(f, t1 - 1)) {
        return false; /* "the Kurdish region" is no misspelt Cornish: adjectives are not typos */
    }
    if (mt == INCMAP_MATCH_TOLERANT) {
        if ((cb != INCMAP_CUE_SETTLEMENT && cb != INCMAP_CUE_ADMIN && ca != INCMAP_CUE_ADMIN &&
             ca != INCMAP_CUE_SETTLEMENT) ||
            f->tok[t1 - 1].b1 - first->b0 < 5) {
            return false;
        }
        x->weak = true;
    }
    bool opens_org = false;
    if (r->org) {
        /* "Iraqi Air Defense Command", "Toronto Police": the place in an organisation's name is
         * a mention (never a role); "White House", "Kataib Hezbollah" name no place */
        /* "Beverly Hills Police Department": a whole place name opening the organisation's */
        opens_org = (t0 == r->r0 || (t0 == r->r0 + 1 && tok_is(f->text, &f->tok[r->r0], "the"))) &&
                    t1 < r->r1 && is_cap(f, t1) && mt == INCMAP_MATCH_EXACT &&
                    !in_list(f, WL_ORG, t0);
        if (!x->demonym && !x->strong && !opens_org) {
            return false;
        }
        for (size_t k = t0; k < t1; k++) {
            if (is_cap(f, k) && in_list(f, WL_ORG, k)) {
                return false; /* "White House" is not Casablanca */
            }
        }
        x->in_org = true;
    }
    if (single && (first->flags & TOK_ALLCAPS) && tlen(f, t0) <= 3 &&
        abbreviation(f, t0, &(incmap_kind){INCMAP_KIND_ANY}) == NULL) {
        return false; /* "IT", "IS", "BC": short capitals are codes and words, not places */
    }
    if (single && !(first->flags & TOK_ALLCAPS) && tlen(f, t0) <= 3 && mt != INCMAP_MATCH_EXACT) {
        return false; /* "The", "Act", "No": a code (THE, ACT) is matched as written in capitals */
    }
    if (single && (first->flags & TOK_SENT) && in_list(f, WL_STOP, t0) &&
        !((first->flags & TOK_ALLCAPS) && abbreviation(f, t0, &(incmap_kind){INCMAP_KIND_ANY}))) {
        /* "The", "This" ... but "US employers" at a sentence start is the country */
        return false;
    }
    /* a list inside one run ("Hilversum and Almelo") is judged name by name */
    /* (looked at within a few tokens: a run of 100,000 names must not make this quadratic) */
    size_t lo = t0 > r->r0 + SEG_REACH ? t0 - SEG_REACH : r->r0;
    size_t hi = r->r1 - t1 > SEG_REACH ? t1 + SEG_REACH : r->r1;
    size_t seg0 = t0, seg1 = t1;
    /* segments end at "and" and at a possessive ("Mosul's Old City" names Mosul whole) */
    while (seg0 > lo && !tok_is(f->text, &f->tok[seg0 - 1], "and") &&
           !(seg0 >= 2 && is_name_possessive(f, seg0 - 2))) {
        seg0--;
    }
    while (seg1 < hi && !tok_is(f->text, &f->tok[seg1], "and") && !is_name_possessive(f, seg1)) {
        seg1++;
    }
    bool partial = t0 > seg0 || t1 < seg1;
    if (partial && incmap_person_name(f->text, f->tok, f->ntok, r->r0, r->r1, t0, t1)) {
        return false;
    }
    for (size_t k = lo; partial && k < hi; k++) {
        if ((k < t0 || k >= t1) && is_cap(f, k) && natural_feature(f, k)) {
            return false; /* "Indian Ocean", "Korean Peninsula": not India, not Korea */
        }
    }
    bool rest_is_type = t1 < r->r1 && (in_list(f, WL_ADMIN, t1) || in_list(f, WL_SETTLE, t1));
    if (partial && t0 > r->r0 && bare_direction(f, t0 - 1)) {
        return false; /* "Central American", "North African": a region, not the country */
    }
    if (single && !rest_is_type && (partial || !x->strong) &&
        tok_among(f->text, first, incmap_wl_name_parts, INCMAP_WL_N(incmap_wl_name_parts))) {
        return false; /* "Republic of Armenia", "Soviet Union", "City Hall": not Republic, WA */
    }
    if (partial && !rest_is_type && !x->strong && !x->demonym && !opens_org &&
        cb == INCMAP_CUE_NONE) {
        /* "Nicolas de Finiels": part of a longer name that is not a place */
        return false;
    }
    /* the strength of a one-word name: an exact name of a big town or an area, or only another
     * name of a big town */
    bool strong_exact = false, strong_alias_town = false;
    for (size_t i = 0; i < nc && single; i++) {
        const incmap_place *p = incmap_candidates_place(c, i);
        incmap_match m = incmap_candidates_match(c, i);
        incmap_kind k = incmap_place_kind(p);
        bool town = k == INCMAP_KIND_PLACE || k == INCMAP_KIND_SITE;
        strong_exact = strong_exact || (strong_place(p) && (m == INCMAP_MATCH_EXACT || !town));
        strong_alias_town =
            strong_alias_town ||
            (strong_place(p) && town && m != INCMAP_MATCH_EXACT && m != INCMAP_MATCH_TOLERANT);
    }
    if (single && partial && t0 == seg0 && t1 < seg1 && is_cap(f, t1) && !rest_is_type &&
        !opens_org && strong_alias_town && !strong_exact) {
        /* "Stoke Newington": the first word of a longer name the gazetteer lacks is not the big
         * town known by that word only as another name ("Stoke" for Stoke-on-Trent) */
        return false;
    }
    if (partial && !x->strong && !x->demonym) {
        x->weak = true;
    }
    if (!x->strong && !x->demonym && cb == INCMAP_CUE_NONE && in_list(f, WL_SPEECH, t1)) {
        return false; /* "Kirby said": a person */
    }
    if (single && (first->flags & TOK_SENT) && !x->strong && cb == INCMAP_CUE_NONE &&
        ca == INCMAP_CUE_NONE && t1 < f->ntok && is_lower_word(f, t1) && !in_list(f, WL_FUNC, t1)) {
        x->weak = true; /* a sentence-initial word followed by its verb may be anything */
    }
    x->cue = ca != INCMAP_CUE_NONE ? ca : cb;
    x->border =
        ca == INCMAP_CUE_BORDER &&
        (x->demonym || incmap_place_kind(incmap_candidates_place(c, 0)) == INCMAP_KIND_COUNTRY);
    x->modifier =
        !x->border &&
        (x->demonym || (used_as_modifier(f, t0, t1) && x->strong &&
                        incmap_place_kind(incmap_candidates_place(c, 0)) == INCMAP_KIND_COUNTRY));
    return true;
}

/* Canonical direction phrase ending just before token r0 ("northeastern", "north-eastern"), its
 * first token in *d0. */
static const char *direction_before(const mention_finder *f, size_t r0, size_t *d0)
{
    if (r0 == 0 || !(f->tok[r0 - 1].flags & TOK_WORD)) {
        return NULL;
    }
    if (r0 >= 3 && is_glue_hyphen(f, r0 - 2)) {
        char buf[40];
        size_t a = tlen(f, r0 - 3), b = tlen(f, r0 - 1);
        if (a + b + 1 < sizeof buf) {
            memcpy(buf, tstr(f, r0 - 3), a);
            buf[a] = '-';
            memcpy(buf + a + 1, tstr(f, r0 - 1), b);
            const char *d = incmap_word_direction(buf, a + b + 1);
            if (d != NULL) {
                *d0 = r0 - 3;
                return d;
            }
        }
    }
    *d0 = r0 - 1;
    return incmap_word_direction(tstr(f, r0 - 1), tlen(f, r0 - 1));
}

/* "northeastern Syria": the gazetteer has directional parts of countries as region entries. */
static incmap_status try_direction(mention_finder *f, const run_info *r, size_t *next)
{
    size_t d0 = 0;
    const char *dir = direction_before(f, r->r0, &d0);
    *next = r->r0;
    if (dir == NULL || r->org) {
        return INCMAP_OK;
    }
    size_t wmax = r->r1 - r->r0 < 4 ? r->r1 - r->r0 : 4;
    for (size_t w = wmax; w >= 1; w--) {
        size_t t1 = r->r0 + w;
        if (is_link(f, t1 - 1)) {
            continue;
        }
        char buf[NAME_MAX_BYTES + 32];
        size_t nb = f->tok[t1 - 1].b1 - f->tok[r->r0].b0;
        int dl = snprintf(buf, sizeof buf, "%s ", dir);
        if (dl < 0 || nb + (size_t)dl >= sizeof buf) {
            continue;
        }
        memcpy(buf + dl, tstr(f, r->r0), nb);
        incmap_candidates *c = NULL;
        incmap_status st =
            incmap_mention_lookup(f, buf, nb + (size_t)dl, INCMAP_KIND_REGION, false, &c);
        if (st != INCMAP_OK) {
            return st;
        }
        if (c != NULL) {
            mention_x x;
            memset(&x, 0, sizeof x);
            x.kind_pref = INCMAP_KIND_REGION;
            x.strong = true;
            *next = t1;
            return incmap_mention_add(f, d0, t1, c, &x);
        }
    }
    return INCMAP_OK;
}

/* A lower-case "the" right before token K, or with up to two lower-case words between ("the
 * tropical Atlantic", "the north Atlantic"), none of them a preposition (but for directions) or
 * a function word. */
static bool after_lower_the(const mention_finder *f, size_t k)
{
    for (size_t j = k, hops = 0; j-- > 0 && hops < 3; hops++) {
        if (hops > 0 && (f->tok[j].flags & TOK_SENT) && tok_is(f->text, &f->tok[j], "the")) {
            return true; /* "The eastern Pacific ...": no outlet has a lower-case word inside */
        }
        if (!is_lower_word(f, j)) {
            return false;
        }
        if (tok_is(f->text, &f->tok[j], "the")) {
            return true;
        }
        bool direction = bare_direction(f, j) || incmap_word_direction(tstr(f, j), tlen(f, j));
        if ((in_list(f, WL_PREP, j) && !direction) || in_list(f, WL_FUNC, j)) {
            return false; /* "in Atlantic City" is no ocean; "the north Atlantic" is */
        }
    }
    return false;
}

/* "in the Atlantic", "the eastern Pacific", "an ally in the Gulf": a word that alone names an
 * outlet or nothing (WL_MEDIA: "Atlantic", "Gulf") names the ocean or region the gazetteer files
 * as "the X" when a lower-case "the" comes before it and it ends its run. "The Atlantic" written
 * with a capital mid-sentence stays the magazine, and "the Gulf Information Security Conference"
 * stays whole. Adds the mention and sets *matched when it does. */
static incmap_status try_the_name(mention_finder *f, const run_info *r, size_t i, bool *matched)
{
    *matched = false;
    incmap_status aw = INCMAP_OK; /* "Atlantic hurricanes", "Asia-Pacific", "the West" */
    if (!r->org && i + 1 == r->r1 &&
        ((aw = incmap_mention_area_word(f, i, after_lower_the(f, i), matched)) != INCMAP_OK ||
         *matched)) {
        return aw;
    }
    if (r->org || i + 1 != r->r1 || !in_list(f, WL_MEDIA, i) || !after_lower_the(f, i) ||
        in_list(f, WL_SPEECH, i + 1)) {
        return INCMAP_OK;
    }
    char buf[NAME_MAX_BYTES + 8];
    size_t n = tlen(f, i);
    if (n + 4 >= sizeof buf) {
        return INCMAP_OK;
    }
    memcpy(buf, "the ", 4);
    memcpy(buf + 4, tstr(f, i), n);
    incmap_candidates *c = NULL;
    incmap_status st = incmap_mention_lookup(f, buf, n + 4, INCMAP_KIND_REGION, false, &c);
    if (st != INCMAP_OK || c == NULL) {
        return st;
    }
    incmap_match mt = incmap_candidates_match(c, 0);
    if (mt != INCMAP_MATCH_EXACT && mt != INCMAP_MATCH_ALIAS) {
        incmap_candidates_destroy(c);
        return INCMAP_OK;
    }
    mention_x x;
    memset(&x, 0, sizeof x);
    x.kind_pref = INCMAP_KIND_REGION;
    x.strong = true;
    incmap_kind pref = INCMAP_KIND_ANY;
    x.cue = cue_before(f, i, &pref);
    *matched = true;
    return incmap_mention_add(f, i, i + 1, c, &x);
}

/* Longest-first windows inside one run. */
static incmap_status scan_run(mention_finder *f, const run_info *r)
{
    size_t i = r->r0;
    incmap_status st = try_direction(f, r, &i);
    if (st != INCMAP_OK) {
        return st;
    }
    while (i < r->r1) {
        if (is_link(f, i) && !article_start(f, i)) {
            i++;
            continue;
        }
        if ((tok_is(f->text, &f->tok[i], "the") || tok_is(f->text, &f->tok[i], "a") ||
             tok_is(f->text, &f->tok[i], "an")) &&
            i + 1 < r->r1 && !is_glue_hyphen(f, i + 1)) {
            i++; /* "The Hague" is looked up as "Hague": the gazetteer drops articles */
            continue;
        }
        if (in_list(f, WL_TITLE, i) && i + 2 < r->r1 && tok_is(f->text, &f->tok[i + 1], "of")) {
            i += 2; /* "Governor of Sokoto State", "Crown Prince of Dubai": an office's place */
            continue;
        }
        if (in_list(f, WL_TITLE, i) && i + 1 < r->r1) {
            /* "Prime Minister Mohammed Shia al-Sudani": a person up to the next "and" of the run
             * ("Representative Robert Lighthizer and Mexican Economy Secretary ...") */
            while (i < r->r1 && !tok_is(f->text, &f->tok[i], "and")) {
                i++;
            }
            continue;
        }
        bool matched = false;
        if ((st = try_the_name(f, r, i, &matched)) != INCMAP_OK) {
            return st;
        }
        if (matched) {
            i++;
            continue;
        }
        size_t wmax = r->r1 - i < WINDOW_MAX_TOKENS ? r->r1 - i : WINDOW_MAX_TOKENS;
        for (size_t w = wmax; w >= 1 && !matched; w--) {
            size_t t1 = i + w;
            if (is_link(f, t1 - 1)) {
                continue;
            }
            if (w == 1 && f->tok[i].c1 - f->tok[i].c0 == 1 && !(f->tok[i].flags & TOK_CASELESS)) {
                continue; /* "A", "I": a letter is not a place name */
            }
            if (w == 1 &&
                (in_list(f, WL_DAYMONTH, i) || in_list(f, WL_MEDIA, i) || in_list(f, WL_TITLE, i) ||
                 facility_head(f, i) || in_list(f, WL_ORG, i) ||
                 incmap_word_direction(tstr(f, i), tlen(f, i)) != NULL || bare_direction(f, i))) {
                continue;
            }
            bool blocked = false;
            for (size_t k = i; k < t1 && !blocked; k++) {
                blocked = blocks_window(f, k, w == 1);
            }
            if (blocked) {
                continue;
            }
            incmap_candidates *c = NULL;
            bool typed = false; /* the match takes the lower-case type word after the run */
            incmap_kind akind = INCMAP_KIND_ANY;
            const char *full = w == 1 ? abbreviation(f, i, &akind) : NULL;
            if (full != NULL) {
                st = incmap_mention_lookup(f, full, strlen(full), akind, false, &c);
            } else {
                st = incmap_mention_lookup(f, tstr(f, i), f->tok[t1 - 1].b1 - f->tok[i].b0,
                                           INCMAP_KIND_ANY, false, &c);
            }
            if (st == INCMAP_OK && c == NULL && t1 == r->r1 && t1 < f->ntok &&
                is_lower_word(f, t1) && in_list(f, WL_ADMIN, t1)) {
                /* "Masisi territory": GeoNames names admin-2 units with their type word
                 * ("Masisi Territory") and the bare name is no entry; never a near miss of it */
                st = incmap_mention_lookup(f, tstr(f, i), f->tok[t1].b1 - f->tok[i].b0,
                                           INCMAP_KIND_ANY, false, &c);
                typed = st == INCMAP_OK && c != NULL;
            }
            if (st == INCMAP_OK && c == NULL && w <= 2 && t1 == r->r1) {
                /* one edit away ("Zumar") only for a whole run after a place cue */
                incmap_kind pref = INCMAP_KIND_ANY;
                if (cue_before(f, i, &pref) != INCMAP_CUE_NONE) {
                    st = incmap_mention_lookup(f, tstr(f, i), f->tok[t1 - 1].b1 - f->tok[i].b0,
                                               INCMAP_KIND_ANY, true, &c);
                }
            }
            if (st != INCMAP_OK) {
                return st;
            }
            if (c == NULL) {
                continue;
            }
            mention_x x;
            if (!accept(f, r, i, t1, c, &x)) {
                incmap_candidates_destroy(c);
                continue;
            }
            if ((st = incmap_mention_add(f, i, t1 + typed, c, &x)) != INCMAP_OK) {
                return st;
            }
            i = t1 + typed;
            matched = true;
        }
        if (!matched) {
            i++;
        }
    }
    return INCMAP_OK;
}

/* A run preceded by a lower-case title ("president Biden") or by a person's verb is a person. */
static bool person_run(const mention_finder *f, size_t r0)
{
    return r0 > 0 && is_lower_word(f, r0 - 1) && in_list(f, WL_TITLE, r0 - 1);
}

incmap_status incmap_mention_find_spans(mention_finder *f)
{
    size_t k = 0;
    while (k < f->ntok) {
        bool art = article_start(f, k);
        if (!is_cap(f, k) && !art) {
            k++;
            continue;
        }
        run_info r = {k, run_end(f, art ? k + 2 : k), false};
        for (size_t j = r.r0; j < r.r1 && !r.org; j++) {
            r.org = is_cap(f, j) && in_list(f, WL_ORG, j);
        }
        /* "the Kataib Hezbollah militia": a lower-case org word right after also marks it */
        r.org = r.org || (r.r1 < f->ntok && is_lower_word(f, r.r1) &&
                          (tok_is(f->text, &f->tok[r.r1], "militia") ||
                           tok_is(f->text, &f->tok[r.r1], "group") ||
                           tok_is(f->text, &f->tok[r.r1], "movement")));
        if (!person_run(f, r.r0)) {
            incmap_status st = scan_run(f, &r);
            if (st != INCMAP_OK) {
                return st;
            }
        }
        k = r.r1;
    }
    return INCMAP_OK;
}

/* Mentions stage, the judgement of one window: whether a name the gazetteer matched is a place
 * mention here, and with what evidence: cues and capitalisation accept it; people after titles,
 * organisations, buildings and streets named after it, weekdays, common words and partial names
 * reject it. */
#include "gazetteer/rank.h"
#include "geoparse/mention_span.h"

#include <string.h>

#define SEG_REACH (WINDOW_MAX_TOKENS + 2) /* tokens around a window that judge it */

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

/* Window [t0, t1) opens the name of the organisation run R names: at the run's start ("Beverly
 * Hills Police Department", "the Allendale Woman's Club"), or after a lower-case "of" or "the"
 * inside the run when the organisation's head word follows in the same name ("Director of the
 * Kutum Fishing Club"); not "Department of Homeland Security", whose head comes first. */
static bool opens_org_name(const mention_finder *f, const run_info *r, size_t t0, size_t t1,
                           incmap_match mt)
{
    if (t1 >= r->r1 || !is_cap(f, t1) || in_list(f, WL_ORG, t0)) {
        return false;
    }
    if (t0 == r->r0 || (t0 == r->r0 + 1 && tok_is(f->text, &f->tok[r->r0], "the"))) {
        return mt == INCMAP_MATCH_EXACT;
    }
    /* inside the run, another name of the place too ("Kiev" for Kyiv): the head word after
     * it is the evidence, and resolve.c drops an alias the report does not back */
    if (mt != INCMAP_MATCH_EXACT && mt != INCMAP_MATCH_ALIAS) {
        return false;
    }
    if (!is_lower_word(f, t0 - 1) ||
        !(tok_is(f->text, &f->tok[t0 - 1], "of") || tok_is(f->text, &f->tok[t0 - 1], "the"))) {
        return false;
    }
    for (size_t k = t1; k < r->r1 && k < t1 + WINDOW_MAX_TOKENS && is_cap(f, k); k++) {
        if (in_list(f, WL_ORG, k)) {
            return true;
        }
    }
    return false;
}

/* A possessive right after window end t1 that opens a longer name: "Eva's Village", "Wilson's
 * Farm" (is_name_possessive() covers the ones after two words of a name). */
static bool possessive_name(const mention_finder *f, size_t t1)
{
    if (t1 + 2 >= f->ntok || !(f->tok[t1].flags & TOK_PUNCT) ||
        f->tok[t1].b0 != f->tok[t1 - 1].b1 || f->tok[t1 + 1].b0 != f->tok[t1].b1 ||
        !tok_is(f->text, &f->tok[t1 + 1], "s") || !is_cap(f, t1 + 2) ||
        f->tok[t1 + 2].sent != f->tok[t1].sent) {
        return false;
    }
    size_t n = tlen(f, t1);
    const char *a = tstr(f, t1);
    return (n == 1 && a[0] == '\'') || (n == 3 && memcmp(a, "\xE2\x80\x99", 3) == 0);
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

/* "the West Bank": a country's, province's or region's own name, matched exactly, of several
 * words that opens its run, is that area even with an organisation word in it ("Bank"). */
static bool area_named_whole(const run_info *r, size_t t0, size_t t1, const incmap_candidates *c)
{
    if (t1 - t0 < 2 || t0 != r->r0 || incmap_candidates_match(c, 0) != INCMAP_MATCH_EXACT) {
        return false;
    }
    incmap_kind k = incmap_place_kind(incmap_candidates_place(c, 0));
    return k == INCMAP_KIND_COUNTRY || k == INCMAP_KIND_ADMIN1 || k == INCMAP_KIND_REGION;
}

/* Decides whether window [t0, t1) with candidates C is a place mention, and with what evidence. */
bool incmap_span_accept(const mention_finder *f, const run_info *r, size_t t0, size_t t1,
                        const incmap_candidates *c, mention_x *x)
{
    memset(x, 0, sizeof *x);
    x->kind_pref = INCMAP_KIND_ANY;
    incmap_kind pref_b = INCMAP_KIND_ANY, pref_a = INCMAP_KIND_ANY;
    incmap_cue cb = incmap_span_cue_before(f, t0, &pref_b),
               ca = incmap_span_cue_after(f, t1, &pref_a);
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
        if (is_cap(f, k) && in_list(f, WL_MEDIA, k) && mt != INCMAP_MATCH_EXACT &&
            mt != INCMAP_MATCH_DEMONYM) {
            /* "Latin America" as written, and its demonym (else "American" alone is the US), but
             * no outlet's name bent into a place */
            return false;
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
    if (r->org && !area_named_whole(r, t0, t1, c)) {
        /* "Iraqi Air Defense Command", "Toronto Police": the place in an organisation's name is
         * a mention (never a role); "White House", "Kataib Hezbollah" name no place */
        /* "Beverly Hills Police Department": a whole place name opening the organisation's */
        opens_org = opens_org_name(f, r, t0, t1, mt);
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
    /* "Karl Bremer Hospital", "Eva's Village", "Hotel Kiev" with another spelling: a small town
     * that only opens a longer name (a cue before it is the longer name's), or a town's other
     * name inside a building's; the report must back it */
    x->name_part = !opens_org && !x->demonym && !r->org &&
                   ((!x->strong && !rest_is_type && t0 == seg0 &&
                     ((t1 < seg1 && is_cap(f, t1)) || possessive_name(f, t1))) ||
                    (in_facility == 1 && mt != INCMAP_MATCH_EXACT));
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

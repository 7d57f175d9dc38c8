/* Mentions stage, candidate spans: runs of capitalised tokens (with connectors such as "of",
 * "al-", "de") and windows of up to eight tokens inside them, longest first, plus "northeastern
 * Syria" and "the Atlantic" patterns. Each match is judged by mention_accept.c. */
#include "geoparse/mention_span.h"

#include "core/core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NAME_MAX_BYTES 200

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

/* Capitalised words that rule a window out before any lookup: weekdays, titles and
 * organisation words are never part of a place name in the gazetteer's sense; outlets and words
 * never a place alone ("Atlantic", "Latin") only rule out the word alone, since the whole name
 * ("Atlantic Ocean", "Latin America") is judged by its match (accept). */
static bool blocks_window(const mention_finder *f, size_t k, bool alone)
{
    /* a title glued into a hyphenated name is part of it ("Port-au-Prince") */
    bool glued = k > 0 && is_glue_hyphen(f, k - 1);
    /* an organisation word inside a longer name is judged by its match ("West Bank") */
    return is_cap(f, k) &&
           ((alone && in_list(f, WL_MEDIA, k)) || in_list(f, WL_DAYMONTH, k) ||
            (in_list(f, WL_TITLE, k) && !glued) || (alone && in_list(f, WL_ORG, k)));
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
    x.cue = incmap_span_cue_before(f, i, &pref);
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
             * ("Representative Robert Lighthizer and Mexican Economy Secretary ...") or "of"
             * ("Deputy Minister of Defence of Lebanon", "Mr. Omar Khalil of the Kutum Fishing
             * Club": the office's or the person's place follows) */
            while (i < r->r1 && !tok_is(f->text, &f->tok[i], "and") &&
                   !tok_is(f->text, &f->tok[i], "of")) {
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
                if (incmap_span_cue_before(f, i, &pref) != INCMAP_CUE_NONE) {
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
            if (!incmap_span_accept(f, r, i, t1, c, &x)) {
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

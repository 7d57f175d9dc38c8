/* Mentions stage, the cues of a candidate name: the preposition or type word before it ("in
 * Erbil", "the town of Zummar", "the province of X", also for the first name of a list it ends)
 * and the type word after it ("Babylon province", "the Syrian border"). */
#include "geoparse/mention_span.h"

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
incmap_cue incmap_span_cue_before(const mention_finder *f, size_t t0, incmap_kind *pref)
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

incmap_cue incmap_span_cue_after(const mention_finder *f, size_t t1, incmap_kind *pref)
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

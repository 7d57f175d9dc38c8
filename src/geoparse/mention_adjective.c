/* Mentions stage: words that alone name an outlet or a direction, used as an area's name or
 * adjective: an ocean's ("the Atlantic hurricane season", "Atlantic waters", "Asia-Pacific", "the
 * Asian-Pacific region") and the West's ("the West", "Western countries"). mention_span.c takes
 * "Atlantic" only after a lower-case "the" ("wrote in The Atlantic" is the magazine) and never
 * "West" alone; here the words around the word decide. Both are mentions, never a role. */
#include "geoparse/geoparse.h"
#include "text/wordlists.h"

#include <string.h>

#define AREA_NAME_MAX 60

static bool hyphen_glued_after_name(const char *text, const mtok *tok, size_t i)
{
    return i >= 2 && (tok[i - 1].flags & TOK_PUNCT) && tok[i - 1].b1 - tok[i - 1].b0 == 1 &&
           text[tok[i - 1].b0] == '-' && tok[i - 1].b0 == tok[i - 2].b1 &&
           tok[i].b0 == tok[i - 1].b1 && (tok[i - 2].flags & TOK_CAP);
}

static bool lower_noun_after(const mention_finder *f, size_t i, const char *const *list, size_t n)
{
    const mtok *t = &f->tok[i + 1];
    return i + 1 < f->ntok && (t->flags & TOK_WORD) && !(t->flags & (TOK_CAP | TOK_NUM)) &&
           tok_among(f->text, t, list, n);
}

/* Adds token i as a mention of the region the gazetteer names NAME (exactly or by an alias) with
 * feature code FCODE; sets *matched. */
static incmap_status add_area(mention_finder *f, size_t i, const char *name, size_t n,
                              const char *fcode, bool *matched)
{
    incmap_candidates *c = NULL;
    incmap_status st = incmap_mention_lookup(f, name, n, INCMAP_KIND_REGION, false, &c);
    if (st != INCMAP_OK || c == NULL) {
        return st;
    }
    incmap_match mt = incmap_candidates_match(c, 0);
    if ((mt != INCMAP_MATCH_EXACT && mt != INCMAP_MATCH_ALIAS) ||
        strcmp(incmap_place_feature_code(incmap_candidates_place(c, 0)), fcode) != 0) {
        incmap_candidates_destroy(c); /* "the Gulf coast" is no coast of the Gulf states */
        return INCMAP_OK;
    }
    /* an adjective or a metonym: a mention, never an incident's role */
    mention_x x = {.kind_pref = INCMAP_KIND_REGION, .strong = true, .modifier = true};
    *matched = true;
    return incmap_mention_add(f, i, i + 1, c, &x);
}

incmap_status incmap_mention_area_word(mention_finder *f, size_t i, bool after_the, bool *matched)
{
    *matched = false;
    const mtok *t = &f->tok[i];
    size_t n = t->b1 - t->b0;
    if (n > AREA_NAME_MAX) {
        return INCMAP_OK;
    }
    /* "between Russia and the West", "the West's response"; not "the West of Ireland" */
    bool of_after = i + 1 < f->ntok && tok_is(f->text, &f->tok[i + 1], "of");
    if ((after_the && tok_is(f->text, t, "west") && !of_after) ||
        (tok_is(f->text, t, "western") &&
         lower_noun_after(f, i, incmap_wl_west_nouns, INCMAP_WL_N(incmap_wl_west_nouns)))) {
        return add_area(f, i, "the West", 8, "RGN", matched);
    }
    if (after_the || !incmap_word_in(WL_MEDIA, f->text + t->b0, n) ||
        (!hyphen_glued_after_name(f->text, f->tok, i) &&
         !lower_noun_after(f, i, incmap_wl_ocean_nouns, INCMAP_WL_N(incmap_wl_ocean_nouns)))) {
        return INCMAP_OK;
    }
    char buf[AREA_NAME_MAX + 4];
    memcpy(buf, "the ", 4);
    memcpy(buf + 4, f->text + t->b0, n);
    return add_area(f, i, buf, n + 4, "OCN", matched);
}

/* Mentions stage: an ocean's name used as its adjective ("the Atlantic hurricane season", "the
 * Pacific coast", "Asia-Pacific", "the Asian-Pacific region"). The word alone names an outlet as
 * often ("wrote in The Atlantic"), so mention_span.c takes it only after a lower-case "the"; here a
 * noun of the ocean after it, or a name glued before it by a hyphen, makes it the ocean. */
#include "geoparse/geoparse.h"
#include "text/wordlists.h"

#include <string.h>

#define OCEAN_NAME_MAX 60

static bool hyphen_glued_after_name(const char *text, const mtok *tok, size_t i)
{
    return i >= 2 && (tok[i - 1].flags & TOK_PUNCT) && tok[i - 1].b1 - tok[i - 1].b0 == 1 &&
           text[tok[i - 1].b0] == '-' && tok[i - 1].b0 == tok[i - 2].b1 &&
           tok[i].b0 == tok[i - 1].b1 && (tok[i - 2].flags & TOK_CAP);
}

static bool ocean_noun_after(const char *text, const mtok *tok, size_t ntok, size_t i)
{
    return i + 1 < ntok && (tok[i + 1].flags & TOK_WORD) &&
           !(tok[i + 1].flags & (TOK_CAP | TOK_NUM)) &&
           tok_among(text, &tok[i + 1], incmap_wl_ocean_nouns, INCMAP_WL_N(incmap_wl_ocean_nouns));
}

incmap_status incmap_mention_ocean_adjective(mention_finder *f, size_t i, bool *matched)
{
    *matched = false;
    size_t n = f->tok[i].b1 - f->tok[i].b0;
    if (n > OCEAN_NAME_MAX || (!hyphen_glued_after_name(f->text, f->tok, i) &&
                               !ocean_noun_after(f->text, f->tok, f->ntok, i))) {
        return INCMAP_OK;
    }
    char buf[OCEAN_NAME_MAX + 4];
    memcpy(buf, "the ", 4);
    memcpy(buf + 4, f->text + f->tok[i].b0, n);
    incmap_candidates *c = NULL;
    incmap_status st = incmap_mention_lookup(f, buf, n + 4, INCMAP_KIND_REGION, false, &c);
    if (st != INCMAP_OK || c == NULL) {
        return st;
    }
    incmap_match mt = incmap_candidates_match(c, 0);
    /* an ocean only: "the Gulf coast" is no coast of the Gulf states */
    if ((mt != INCMAP_MATCH_EXACT && mt != INCMAP_MATCH_ALIAS) ||
        strcmp(incmap_place_feature_code(incmap_candidates_place(c, 0)), "OCN") != 0) {
        incmap_candidates_destroy(c);
        return INCMAP_OK;
    }
    /* an adjective: a mention, never an incident's role */
    mention_x x = {.kind_pref = INCMAP_KIND_REGION, .strong = true, .modifier = true};
    *matched = true;
    return incmap_mention_add(f, i, i + 1, c, &x);
}

/* Abbreviations of countries, unions and provinces ("U.S.", "UAE", "the EU", "in B.C.") and, after
 * a comma, of US states and Canadian provinces ("Springfield, Ill.", "Valemount, NB"): the full
 * name to look up and its kind. */
#include "geoparse/geoparse.h"
#include "text/wordlists.h"

#include <string.h>

static bool punct_at(const char *text, const mtok *tok, size_t ntok, size_t k, char c)
{
    return k < ntok && (tok[k].flags & TOK_PUNCT) && tok[k].b1 - tok[k].b0 == 1 &&
           text[tok[k].b0] == c;
}

/* Abbreviations written in capitals or with dots ("EU", "T&T"), and the news-style abbreviations
 * of US states ("Fresno, Calif."): looked up by their full name, with the kind they must have. The
 * tables are data: src/text/words/abbrev_names.txt (with its kind column), abbrev_states.txt,
 * postal_codes.txt. */
const char *incmap_mention_abbreviation(const char *text, const mtok *tok, size_t ntok, size_t k,
                                        incmap_kind *kind)
{
    const mtok *t = &tok[k];
    /* "300 BC" is a year, not British Columbia; but "60 US diplomats", "the 2016 US operation":
     * a count or a year before a country's abbreviation is no era */
    bool after_number = k > 0 && (tok[k - 1].flags & TOK_NUM);
    if (t->flags & (TOK_ALLCAPS | TOK_ABBR)) {
        for (size_t i = 0; i < INCMAP_WL_N(incmap_wl_abbrev_names); i++) {
            if (tok_is(text, t, incmap_wl_abbrev_names[i].word)) {
                *kind = incmap_kind_parse(incmap_wl_abbrev_names[i].kind);
                if (after_number && *kind == INCMAP_KIND_ADMIN1) {
                    return NULL;
                }
                return incmap_wl_abbrev_names[i].name;
            }
        }
    }
    /* "Calif." is a word glued to a dot; "N.M." a dotted abbreviation; both after a comma */
    bool dotted =
        (t->flags & TOK_ABBR) ||
        ((t->flags & TOK_CAP) && punct_at(text, tok, ntok, k + 1, '.') && tok[k + 1].b0 == t->b1);
    if ((t->flags & TOK_ABBR) && tok_is(text, t, "d.c.")) {
        *kind = INCMAP_KIND_ANY; /* "in D.C.": never anything but Washington */
        return "District of Columbia";
    }
    bool after_comma = k > 0 && punct_at(text, tok, ntok, k - 1, ',');
    if (after_comma && (t->flags & TOK_ALLCAPS) && t->b1 - t->b0 == 2) {
        /* "Seattle, WA", "HORRY COUNTY, SC", "Kelowna, BC": postal codes after a place */
        for (size_t i = 0; i < INCMAP_WL_N(incmap_wl_postal_codes); i++) {
            if (tok_is(text, t, incmap_wl_postal_codes[i].word)) {
                *kind = INCMAP_KIND_ADMIN1;
                return incmap_wl_postal_codes[i].name;
            }
        }
    }
    if (!dotted || !after_comma) {
        return NULL;
    }
    for (size_t i = 0; i < INCMAP_WL_N(incmap_wl_abbrev_states); i++) {
        const incmap_wl_abbrev_states_row *st = &incmap_wl_abbrev_states[i];
        if (tok_is(text, t, st->word)) {
            *kind = strcmp(st->word, "d.c.") == 0 ? INCMAP_KIND_ANY : INCMAP_KIND_ADMIN1;
            return st->name;
        }
    }
    return NULL;
}

/* Abbreviations of countries ("U.S.", "UAE") and, after a comma, of US states and Canadian
 * provinces ("Springfield, Ill.", "Valemount, B.C."): the full name to look up and its kind. */
#include "geoparse/geoparse.h"

#include <string.h>

static bool punct_at(const char *text, const mtok *tok, size_t ntok, size_t k, char c)
{
    return k < ntok && (tok[k].flags & TOK_PUNCT) && tok[k].b1 - tok[k].b0 == 1 &&
           text[tok[k].b0] == c;
}

/* Country abbreviations written in capitals or with dots, and the news-style abbreviations of US
 * states ("Fresno, Calif."): looked up by their full name, with the kind they must have. */
const char *incmap_mention_abbreviation(const char *text, const mtok *tok, size_t ntok, size_t k,
                                        incmap_kind *kind)
{
    static const char *const countries[][2] = {{"us", "United States"},
                                               {"u.s.", "United States"},
                                               {"usa", "United States"},
                                               {"u.s.a.", "United States"},
                                               {"uk", "United Kingdom"},
                                               {"u.k.", "United Kingdom"},
                                               {"uae", "United Arab Emirates"},
                                               {"u.a.e.", "United Arab Emirates"},
                                               {"drc", "Democratic Republic of the Congo"},
                                               {"prc", "China"},
                                               {"ksa", "Saudi Arabia"},
                                               {"dprk", "North Korea"},
                                               {"rok", "South Korea"}};
    static const char *const states[][2] = {{"ala", "Alabama"},
                                            {"ariz", "Arizona"},
                                            {"ark", "Arkansas"},
                                            {"calif", "California"},
                                            {"colo", "Colorado"},
                                            {"conn", "Connecticut"},
                                            {"fla", "Florida"},
                                            {"ga", "Georgia"},
                                            {"ill", "Illinois"},
                                            {"ind", "Indiana"},
                                            {"kan", "Kansas"},
                                            {"ky", "Kentucky"},
                                            {"la", "Louisiana"},
                                            {"md", "Maryland"},
                                            {"mass", "Massachusetts"},
                                            {"mich", "Michigan"},
                                            {"minn", "Minnesota"},
                                            {"miss", "Mississippi"},
                                            {"mo", "Missouri"},
                                            {"mont", "Montana"},
                                            {"neb", "Nebraska"},
                                            {"nev", "Nevada"},
                                            {"okla", "Oklahoma"},
                                            {"ore", "Oregon"},
                                            {"pa", "Pennsylvania"},
                                            {"tenn", "Tennessee"},
                                            {"tex", "Texas"},
                                            {"vt", "Vermont"},
                                            {"va", "Virginia"},
                                            {"wash", "Washington"},
                                            {"wis", "Wisconsin"},
                                            {"wyo", "Wyoming"},
                                            {"n.h.", "New Hampshire"},
                                            {"n.j.", "New Jersey"},
                                            {"n.m.", "New Mexico"},
                                            {"n.y.", "New York"},
                                            {"n.c.", "North Carolina"},
                                            {"n.d.", "North Dakota"},
                                            {"r.i.", "Rhode Island"},
                                            {"s.c.", "South Carolina"},
                                            {"s.d.", "South Dakota"},
                                            {"w.va.", "West Virginia"},
                                            {"d.c.", "District of Columbia"},
                                            {"b.c.", "British Columbia"},
                                            {"ont", "Ontario"},
                                            {"alta", "Alberta"},
                                            {"que", "Quebec"}};
    static const char *const postal[][2] = {
        {"al", "Alabama"},        {"ak", "Alaska"},        {"az", "Arizona"},
        {"ar", "Arkansas"},       {"ca", "California"},    {"co", "Colorado"},
        {"ct", "Connecticut"},    {"de", "Delaware"},      {"fl", "Florida"},
        {"ga", "Georgia"},        {"hi", "Hawaii"},        {"id", "Idaho"},
        {"il", "Illinois"},       {"in", "Indiana"},       {"ia", "Iowa"},
        {"ks", "Kansas"},         {"ky", "Kentucky"},      {"la", "Louisiana"},
        {"me", "Maine"},          {"md", "Maryland"},      {"ma", "Massachusetts"},
        {"mi", "Michigan"},       {"mn", "Minnesota"},     {"ms", "Mississippi"},
        {"mo", "Missouri"},       {"mt", "Montana"},       {"ne", "Nebraska"},
        {"nv", "Nevada"},         {"nh", "New Hampshire"}, {"nj", "New Jersey"},
        {"nm", "New Mexico"},     {"ny", "New York"},      {"nc", "North Carolina"},
        {"nd", "North Dakota"},   {"oh", "Ohio"},          {"ok", "Oklahoma"},
        {"or", "Oregon"},         {"pa", "Pennsylvania"},  {"ri", "Rhode Island"},
        {"sc", "South Carolina"}, {"sd", "South Dakota"},  {"tn", "Tennessee"},
        {"tx", "Texas"},          {"ut", "Utah"},          {"vt", "Vermont"},
        {"va", "Virginia"},       {"wa", "Washington"},    {"wv", "West Virginia"},
        {"wi", "Wisconsin"},      {"wy", "Wyoming"},       {"bc", "British Columbia"},
        {"qc", "Quebec"},         {"ab", "Alberta"},       {"mb", "Manitoba"},
        {"ns", "Nova Scotia"}};
    const mtok *t = &tok[k];
    if (t->flags & (TOK_ALLCAPS | TOK_ABBR)) {
        for (size_t i = 0; i < sizeof countries / sizeof countries[0]; i++) {
            if (tok_is(text, t, countries[i][0])) {
                *kind = INCMAP_KIND_COUNTRY;
                return countries[i][1];
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
        for (size_t i = 0; i < sizeof postal / sizeof postal[0]; i++) {
            if (tok_is(text, t, postal[i][0])) {
                *kind = INCMAP_KIND_ADMIN1;
                return postal[i][1];
            }
        }
    }
    if (!dotted || !after_comma) {
        return NULL;
    }
    for (size_t i = 0; i < sizeof states / sizeof states[0]; i++) {
        if (tok_is(text, t, states[i][0])) {
            *kind = strcmp(states[i][0], "d.c.") == 0 ? INCMAP_KIND_ANY : INCMAP_KIND_ADMIN1;
            return states[i][1];
        }
    }
    return NULL;
}

/* Abbreviations of countries, unions and provinces ("U.S.", "UAE", "the EU", "in B.C.") and, after
 * a comma, of US states and Canadian provinces ("Springfield, Ill.", "Valemount, NB"): the full
 * name to look up and its kind. A report's own short forms ("SA" for the South Africa it names,
 * "Federally Administered Tribal Areas (FATA)") are read from its runs of capitalised words. */
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
    /* "the Walker County (Ga.) Sheriff's Office": a state's news abbreviation in parentheses */
    bool in_parens =
        k > 0 && punct_at(text, tok, ntok, k - 1, '(') &&
        (punct_at(text, tok, ntok, k + 1, ')') ||
         (punct_at(text, tok, ntok, k + 1, '.') && punct_at(text, tok, ntok, k + 2, ')')));
    if (after_comma && (t->flags & TOK_ALLCAPS) && t->b1 - t->b0 == 2) {
        /* "Seattle, WA", "HORRY COUNTY, SC", "Kelowna, BC": postal codes after a place */
        for (size_t i = 0; i < INCMAP_WL_N(incmap_wl_postal_codes); i++) {
            if (tok_is(text, t, incmap_wl_postal_codes[i].word)) {
                *kind = INCMAP_KIND_ADMIN1;
                return incmap_wl_postal_codes[i].name;
            }
        }
    }
    if (!dotted || !(after_comma || in_parens)) {
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

/* ---- a report's own short forms */

/* A capitalised word as a name's word: not all capitals ("SOUTH WAZIRISTAN" in a dateline is no
 * run to read initials from), no digits, no caseless script. */
static bool name_word(const mtok *t)
{
    return (t->flags & TOK_WORD) && (t->flags & TOK_CAP) &&
           !(t->flags & (TOK_NUM | TOK_ALLCAPS | TOK_CASELESS));
}

/* The short form token k may be: 2 to 5 capitals A-Z, lower-cased into key. */
static bool short_key(const char *text, const mtok *t, char key[MENTION_SHORT_MAX + 1])
{
    size_t n = t->b1 - t->b0;
    if (!(t->flags & TOK_ALLCAPS) || n < 2 || n > MENTION_SHORT_MAX) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        char c = text[t->b0 + i];
        if (c < 'A' || c > 'Z') {
            return false;
        }
        key[i] = (char)(c - 'A' + 'a');
    }
    key[n] = '\0';
    return true;
}

typedef struct {
    char initials[MENTION_SHORT_MAX + 1];
    size_t t0, t1;
} run_initials;

/* The report's runs of 2 to 5 capitalised words in one sentence, "of" and "the" allowed inside
 * ("Democratic Republic of the Congo"), by their initials; a leading "The" is no part. */
static size_t read_runs(const mention_finder *f, run_initials *out, size_t max)
{
    const mtok *tok = f->tok;
    size_t n = 0, k = 0;
    while (k < f->ntok && n < max) {
        if (!name_word(&tok[k]) || (k > 0 && name_word(&tok[k - 1]))) {
            k++;
            continue;
        }
        size_t t0 = k, j = k, len = 0;
        if (tok_is(f->text, &tok[k], "the")) {
            t0 = j = k + 1;
        }
        run_initials r = {{0}, t0, t0};
        while (j < f->ntok && tok[j].sent == tok[k].sent) {
            if (name_word(&tok[j])) {
                if (len < MENTION_SHORT_MAX) {
                    r.initials[len] = (char)(f->text[tok[j].b0] | 0x20); /* ASCII lower case */
                }
                len++;
                r.t1 = ++j;
            } else if (len > 0 && j + 1 < f->ntok && name_word(&tok[j + 1]) &&
                       (tok_is(f->text, &tok[j], "of") || tok_is(f->text, &tok[j], "the"))) {
                j++;
            } else {
                break;
            }
        }
        if (len >= 2 && len <= MENTION_SHORT_MAX) {
            r.initials[len] = '\0';
            out[n++] = r;
        }
        k = j > k ? j : k + 1;
    }
    return n;
}

/* The place the runs spell out as KEY, into s->name (empty when none, or when two runs spell out
 * two places): a country, province or region the gazetteer knows by that run. */
static incmap_status spell_out(mention_finder *f, const run_initials *runs, size_t nruns,
                               const char *key, size_t slot)
{
    f->shorts[slot].name[0] = '\0';
    size_t tries = 0;
    for (size_t i = 0; i < nruns && tries < 4; i++) {
        if (strcmp(runs[i].initials, key) != 0) {
            continue;
        }
        tries++;
        incmap_candidates *c = NULL;
        size_t b0 = f->tok[runs[i].t0].b0, b1 = f->tok[runs[i].t1 - 1].b1;
        incmap_status st =
            incmap_mention_lookup(f, f->text + b0, b1 - b0, INCMAP_KIND_ANY, false, &c);
        if (st != INCMAP_OK) {
            return st;
        }
        if (c == NULL) {
            continue;
        }
        const incmap_place *p = incmap_candidates_place(c, 0);
        incmap_match m = incmap_candidates_match(c, 0);
        incmap_kind k = incmap_place_kind(p);
        const char *name = incmap_place_name(p);
        bool area = k == INCMAP_KIND_COUNTRY || k == INCMAP_KIND_ADMIN1 || k == INCMAP_KIND_REGION;
        bool named =
            m == INCMAP_MATCH_EXACT || m == INCMAP_MATCH_ALIAS || m == INCMAP_MATCH_DEMONYM;
        if (area && named && strlen(name) < sizeof f->shorts[slot].name) {
            if (f->shorts[slot].name[0] != '\0' && strcmp(f->shorts[slot].name, name) != 0) {
                f->shorts[slot].name[0] = '\0'; /* "SA": South Africa or Saudi Arabia */
                incmap_candidates_destroy(c);
                return INCMAP_OK;
            }
            strcpy(f->shorts[slot].name, name);
            f->shorts[slot].kind = k;
        }
        incmap_candidates_destroy(c);
    }
    return INCMAP_OK;
}

incmap_status incmap_mention_read_short_forms(mention_finder *f)
{
    run_initials runs[MENTION_DEFS_MAX];
    size_t nruns = 0;
    bool runs_read = false;
    for (size_t k = 0; k < f->ntok && f->nshorts < MENTION_SHORTS_MAX; k++) {
        char key[MENTION_SHORT_MAX + 1];
        incmap_kind kind;
        if (!short_key(f->text, &f->tok[k], key) ||
            incmap_mention_abbreviation(f->text, f->tok, f->ntok, k, &kind) != NULL) {
            continue; /* not a short form, or one of the abbreviations news writes everywhere */
        }
        bool seen = false;
        for (size_t i = 0; i < f->nshorts && !seen; i++) {
            seen = strcmp(f->shorts[i].form, key) == 0;
        }
        if (seen) {
            continue;
        }
        if (!runs_read) {
            nruns = read_runs(f, runs, MENTION_DEFS_MAX);
            runs_read = true;
        }
        size_t slot = f->nshorts++;
        strcpy(f->shorts[slot].form, key);
        incmap_status st = spell_out(f, runs, nruns, key, slot);
        if (st != INCMAP_OK) {
            return st;
        }
    }
    return INCMAP_OK;
}

const char *incmap_mention_short_form(const mention_finder *f, size_t k, incmap_kind *kind)
{
    const char *full = incmap_mention_abbreviation(f->text, f->tok, f->ntok, k, kind);
    char key[MENTION_SHORT_MAX + 1];
    if (full != NULL || !short_key(f->text, &f->tok[k], key)) {
        return full;
    }
    for (size_t i = 0; i < f->nshorts; i++) {
        if (strcmp(f->shorts[i].form, key) == 0 && f->shorts[i].name[0] != '\0') {
            *kind = f->shorts[i].kind;
            return f->shorts[i].name;
        }
    }
    return NULL;
}

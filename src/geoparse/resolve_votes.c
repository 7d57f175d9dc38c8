/* Disambiguation: the countries a report names, as votes (countries and demonyms firmly, clear
 * names half), the comma pairs ("Tacoma, Washington") both rounds and the drop pass read, and the
 * distance between two places. */
#include "gazetteer/rank.h"
#include "geoparse/resolve_internal.h"

#include <math.h>
#include <string.h>

void resolve_vote(votes *vs, const char *cc, double w)
{
    if (cc == NULL || strlen(cc) != 2) {
        return;
    }
    for (size_t i = 0; i < vs->n; i++) {
        if (memcmp(vs->v[i].cc, cc, 2) == 0) {
            vs->v[i].votes += w;
            return;
        }
    }
    if (vs->n < MAX_COUNTRIES) {
        memcpy(vs->v[vs->n].cc, cc, 3);
        vs->v[vs->n++].votes = w;
    }
}

double resolve_votes_for(const votes *vs, const char *cc)
{
    for (size_t i = 0; i < vs->n; i++) {
        if (cc != NULL && memcmp(vs->v[i].cc, cc, 2) == 0 && cc[2] == '\0') {
            return vs->v[i].votes;
        }
    }
    return 0;
}

/* What a mention contributes to the report's countries: countries and demonyms count fully,
 * unambiguous names half (their country is evidence too, but weaker). */
double resolve_own_vote(const incmap_mentions *m, size_t i, const char **cc)
{
    const incmap_candidates *c = m->x[i].cands;
    const incmap_place *p = incmap_candidates_place(c, 0);
    if (p == NULL) {
        return 0; /* a mention made after resolution ("the Syrian capital") has no vote */
    }
    *cc = incmap_place_country(p);
    if (m->x[i].demonym || incmap_place_kind(p) == INCMAP_KIND_COUNTRY) {
        return RANK_VOTE_FIRM;
    }
    size_t n = incmap_candidates_count(c);
    bool clear = n == 1 || incmap_candidates_score(c, 0) - incmap_candidates_score(c, 1) >
                               RANK_VOTE_CLEAR_MARGIN;
    incmap_kind k = incmap_place_kind(p);
    if (clear && !m->x[i].weak && incmap_candidates_match(c, 0) == INCMAP_MATCH_EXACT &&
        (k == INCMAP_KIND_REGION || (k == INCMAP_KIND_ADMIN1 && m->x[i].cue == INCMAP_CUE_ADMIN))) {
        return RANK_VOTE_FIRM; /* "northern Iraq", "Kirkuk province": as firm as the country */
    }
    if (clear) {
        return m->x[i].weak ? RANK_VOTE_WEAK : RANK_VOTE_CLEAR;
    }
    return 0;
}

/* "Springfield, Illinois", "Mosul, Iraq": mention i + 1 right after mention i and a comma. */
bool resolve_comma_pair(const incmap_mentions *m, size_t i)
{
    if (i + 1 >= m->n) {
        return false;
    }
    size_t t = m->x[i].t1;
    const mtok *k = &m->tok[t];
    if (m->x[i + 1].t0 == t + 1 && (k->flags & TOK_PUNCT) && m->text[k->b0] == ',') {
        return true;
    }
    /* "the Mansour district of Baghdad", "the Hawija district of Kirkuk province" */
    return m->x[i + 1].t0 == t + 2 && (k->flags & TOK_WORD) &&
           (incmap_word_in(WL_ADMIN, m->text + k->b0, k->b1 - k->b0) ||
            tok_is(m->text, k, "neighbourhood") || tok_is(m->text, k, "neighborhood") ||
            tok_is(m->text, k, "suburb") || tok_is(m->text, k, "quarter")) &&
           tok_is(m->text, &m->tok[t + 1], "of");
}

/* Country votes of the report; `firm`: only countries and demonyms named outright, so that two
 * doubtful names cannot vouch for each other. A frontier ("close to the Turkish border") is no
 * firm vote: it says the report is about the country on the other side as much as this one. */
void resolve_count_votes(const incmap_mentions *m, votes *vs, bool firm)
{
    vs->n = 0;
    for (size_t i = 0; i < m->n; i++) {
        const char *cc = NULL;
        double w = resolve_own_vote(m, i, &cc);
        if (w > 0 && (!firm || (w >= RANK_VOTE_FIRM && !m->x[i].border))) {
            resolve_vote(vs, cc, w);
        }
    }
}

double resolve_km(const incmap_place *a, const incmap_place *b)
{
    const double rad = M_PI / 180.0;
    incmap_lonlat p = incmap_place_point(a), q = incmap_place_point(b);
    double h = pow(sin((q.lat_deg - p.lat_deg) * rad / 2), 2) +
               cos(p.lat_deg * rad) * cos(q.lat_deg * rad) *
                   pow(sin((q.lon_deg - p.lon_deg) * rad / 2), 2);
    return 2 * 6371.0 * asin(fmin(1.0, sqrt(h)));
}

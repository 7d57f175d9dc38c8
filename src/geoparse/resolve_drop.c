/* Disambiguation, last pass: a pick the report does not support is dropped, since an unrecognised
 * name costs a reader less than a wrong one. A spelling variant or one-edit match needs the
 * report's country; an alternate name, some evidence; a small namesake ("Fairview" in a report
 * about Yorkshire, where the gazetteer has only American ones) some place of its country. */
#include "gazetteer/rank.h"
#include "geoparse/resolve_internal.h"

#include <string.h>

/* True when no candidate of the container after mention i is in country CC. */
static bool container_elsewhere(const incmap_mentions *m, size_t i, const char *cc)
{
    const incmap_candidates *c = m->x[i + 1].cands;
    for (size_t j = 0; j < incmap_candidates_count(c); j++) {
        if (strcmp(incmap_place_country(incmap_candidates_place(c, j)), cc) == 0) {
            return false;
        }
    }
    return true;
}

/* A town too small to be named bare in news from afar: no capital, no first seat. */
static bool small_town(const incmap_place *p)
{
    const char *fc = incmap_place_feature_code(p);
    return incmap_place_kind(p) == INCMAP_KIND_PLACE &&
           incmap_place_population(p) < RANK_STRONG_POPULATION && strcmp(fc, "PPLA") != 0 &&
           strcmp(fc, "PPLC") != 0;
}

/* True when CC has the most firm votes of the report (countries and demonyms named outright). */
static bool top_country(const votes *firm, const char *cc)
{
    double own = resolve_votes_for(firm, cc), best = 0;
    for (size_t i = 0; i < firm->n; i++) {
        best = firm->v[i].votes > best ? firm->v[i].votes : best;
    }
    return own > 0 && own >= best;
}

/* True when another mention of the report, of other text, is confidently a place near P (within
 * RANK_RESOLVE_NEARISH_KM) or the province that holds it: a town, site, county, province or region
 * of its country, not the country itself nor a demonym, and not itself a doubtful namesake (a
 * small town of an unclear name in a country the report gives no vote). A surname read as a town
 * across the country ("Austin") vouches for nothing. */
static bool place_support(const incmap_mentions *m, size_t i, const incmap_place *p,
                          const votes *vs)
{
    const char *cc = incmap_place_country(p);
    size_t len = m->m[i].byte_end - m->m[i].byte_start;
    for (size_t j = 0; j < m->n; j++) {
        const incmap_mention *q = &m->m[j];
        if (j == i || m->x[j].drop || m->x[j].demonym || q->confidence < RANK_RESOLVE_ANCHOR ||
            incmap_place_kind(q->place) == INCMAP_KIND_COUNTRY ||
            strcmp(incmap_place_country(q->place), cc) != 0) {
            continue;
        }
        if (q->byte_end - q->byte_start == len &&
            memcmp(m->text + q->byte_start, m->text + m->m[i].byte_start, len) == 0) {
            continue; /* "Fairview" twice does not vouch for itself */
        }
        const char *qcc = NULL;
        if (small_town(q->place) && resolve_own_vote(m, j, &qcc) <= 0 &&
            resolve_votes_for(vs, cc) <= 0) {
            continue; /* two doubtful namesakes picked near each other vouch for neither */
        }
        if (incmap_place_kind(q->place) == INCMAP_KIND_ADMIN1
                ? strcmp(incmap_place_name(q->place), incmap_place_admin1(p)) == 0
                : resolve_km(p, q->place) < RANK_RESOLVE_NEARISH_KM) {
            return true;
        }
    }
    return false;
}

/* The votes of the report's clear place names alone (no countries, no demonyms): where its
 * towns are, not whom it speaks of ("a Japanese man" says nothing of where the report's towns are).
 */
static void place_votes(const incmap_mentions *m, votes *pl)
{
    pl->n = 0;
    for (size_t i = 0; i < m->n; i++) {
        const char *cc = NULL;
        double w = resolve_own_vote(m, i, &cc);
        const incmap_place *p = incmap_candidates_place(m->x[i].cands, 0);
        if (w > 0 && !m->x[i].demonym && incmap_place_kind(p) != INCMAP_KIND_COUNTRY) {
            resolve_vote(pl, cc, w);
        }
    }
}

/* True when the report is firmly about some country: one with a full vote or more. */
static bool about_somewhere(const votes *vs)
{
    for (size_t i = 0; i < vs->n; i++) {
        if (vs->v[i].votes >= RANK_VOTE_FIRM) {
            return true;
        }
    }
    return false;
}

/* A small town picked among namesakes (no clear lead in the gazetteer) in a country nothing else
 * in the report names, while the report's clear place names (PLACES) are in another country:
 * "Fairview" in a report about Yorkshire towns is a village there the gazetteer lacks, not one of
 * America's. A small town named with its province or country after a comma, where the gazetteer
 * has none of that name. And a small town found under another of its names (an old name, a
 * transliteration) needs another place of its country when the report is firmly about somewhere:
 * naming the country in passing does not vouch for its villages, unless the report is most about
 * it. */
static bool unsupported_namesake(const incmap_mentions *m, size_t i, const votes *vs,
                                 const votes *firm, const votes *places)
{
    const incmap_mention *p = &m->m[i];
    const mention_x *x = &m->x[i];
    const char *cc = incmap_place_country(p->place), *own_cc = NULL;
    if (!x->demonym && small_town(p->place) && resolve_comma_pair(m, i)) {
        /* "Thornby, Northamptonshire" with no Thornby there: a village the gazetteer lacks */
        incmap_kind ck = incmap_place_kind(incmap_candidates_place(m->x[i + 1].cands, 0));
        return (ck == INCMAP_KIND_ADMIN1 || ck == INCMAP_KIND_COUNTRY) &&
               container_elsewhere(m, i, cc);
    }
    if (x->demonym || !small_town(p->place) || place_support(m, i, p->place, vs)) {
        return false;
    }
    if (p->match != INCMAP_MATCH_EXACT) {
        /* another name of a town of the country the report is most about is believable */
        return about_somewhere(firm) && !top_country(firm, cc);
    }
    return resolve_own_vote(m, i, &own_cc) <= 0 && resolve_votes_for(vs, cc) <= 0 &&
           about_somewhere(places);
}

void resolve_drop_unsupported(incmap_mentions *m, const votes *vs, const votes *firm)
{
    votes places;
    place_votes(m, &places);
    /* A transliteration variant or a one-edit match ("Ghouta" ~ Gotha) is only believable in a
     * report about that country, or after "town of", "province". */
    for (size_t i = 0; i < m->n; i++) {
        incmap_match mt = m->m[i].match;
        const char *cc = incmap_place_country(m->m[i].place);
        const mention_x *x = &m->x[i];
        bool evidence =
            x->cue != INCMAP_CUE_NONE || x->strong || x->demonym || resolve_votes_for(firm, cc) > 0;
        bool elsewhere =
            firm->n > 0 && resolve_votes_for(firm, cc) <= 0 && !x->strong && !x->demonym;
        if (mt != INCMAP_MATCH_EXACT && mt != INCMAP_MATCH_DEMONYM && !x->strong &&
            resolve_comma_pair(m, i) && container_elsewhere(m, i, cc)) {
            /* "the Mansour district of Baghdad" is not Mansourah in Algeria */
            m->x[i].drop = true;
            continue;
        }
        if (mt != INCMAP_MATCH_EXACT && mt != INCMAP_MATCH_DEMONYM && elsewhere) {
            /* "the Mezzeh district of Damascus" in a report about Syria is not Mazze in Italy:
             * a small place known by another spelling, in a country the report never names */
            m->x[i].drop = true;
            continue;
        }
        if (mt == INCMAP_MATCH_ALIAS && !evidence) {
            /* one of a small place's many alternate names ("Taliban" for a Turkish village),
             * with nothing in the report to back it */
            m->x[i].drop = true;
            continue;
        }
        if ((mt == INCMAP_MATCH_VARIANT || mt == INCMAP_MATCH_TOLERANT) &&
            m->x[i].cue != INCMAP_CUE_SETTLEMENT && m->x[i].cue != INCMAP_CUE_ADMIN &&
            resolve_votes_for(firm, cc) <= 0) {
            m->x[i].drop = true;
            continue;
        }
        if (unsupported_namesake(m, i, vs, firm, &places)) {
            m->x[i].drop = true;
        }
    }
}

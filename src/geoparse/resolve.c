/* Disambiguation: candidates -> one place per mention. A candidate scores its gazetteer score
 * (name match and importance) plus its consistency with the countries the report names (country
 * mentions, demonyms, unambiguous places), its agreement with the kind a cue asks for ("Babylon
 * province" wants an admin-1 area) and its proximity to the other resolved places. So "Tripoli" in
 * a report about Lebanon is Lebanon's Tripoli, and "Babylon" in a report about Iraq is Babil.
 * The weights are in gazetteer/rank.h. */
#include "gazetteer/rank.h"
#include "geoparse/geoparse.h"
#include "geoparse/resolve_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The provinces the report names ("Kentucky", "Alberta"): towns and counties filed under them
 * are the report's ("Hinton" in a report about Alberta, "Pike County" in one about Kentucky), and
 * a bare namesake of one is that province when the report named it in another form ("CAMP MURRAY,
 * Wash." then "at home in Washington"). by[k]: the mention that named p[k]. */
#define MAX_PROVINCES 32

typedef struct {
    const incmap_place *p[MAX_PROVINCES];
    size_t by[MAX_PROVINCES];
    size_t share[MAX_PROVINCES]; /* how many provinces of p[k]'s country the report names */
    size_t n;
} provinces;

#define EARTH_KM 6371.0
#define DEG2RAD (M_PI / 180.0)

/* A place's point as the distances below need it, each part computed once per place rather than
 * once per pair (a report of 100,000 names compares each with ~100 neighbours): what the
 * haversine takes, and the point on the unit sphere (x, y, z). */
typedef struct {
    double lon_deg, lat_rad, cos_lat, x, y, z;
} near_pt;

static near_pt near_point(const incmap_place *p)
{
    incmap_lonlat ll = incmap_place_point(p);
    double lat = ll.lat_deg * DEG2RAD, lon = ll.lon_deg * DEG2RAD, c = cos(lat);
    return (near_pt){ll.lon_deg, lat, c, c * cos(lon), c * sin(lon), sin(lat)};
}

/* The haversine's h (sin^2 of half the angle between them) from the chord, without trigonometry:
 * the same number but for rounding (~1e-15), used only to decide pairs far from a band's edge. */
static double chord_h(const near_pt *a, const near_pt *b)
{
    double dx = a->x - b->x, dy = a->y - b->y, dz = a->z - b->z;
    return (dx * dx + dy * dy + dz * dz) / 4;
}

static double km_between(const near_pt *a, const near_pt *b)
{
    /* haversine: proximity is a soft signal, the sphere is accurate enough */
    double p1 = a->lat_rad, p2 = b->lat_rad;
    double h = pow(sin((p2 - p1) / 2), 2) +
               a->cos_lat * b->cos_lat * pow(sin((b->lon_deg - a->lon_deg) * DEG2RAD / 2), 2);
    return 2 * EARTH_KM * asin(fmin(1.0, sqrt(h)));
}

static bool kind_fits(incmap_kind want, incmap_kind have)
{
    if (want == INCMAP_KIND_ANY) {
        return false;
    }
    if (want == INCMAP_KIND_ADMIN1) {
        return have == INCMAP_KIND_ADMIN1 || have == INCMAP_KIND_REGION;
    }
    if (want == INCMAP_KIND_PLACE) {
        return have == INCMAP_KIND_PLACE || have == INCMAP_KIND_SITE;
    }
    return want == have;
}

/* The prior that makes "London" London and "Russia" the country unless the report says otherwise:
 * the one importance function, with the report's weights (rank.h). News names a capital by its
 * own name: one reached by another of its names weighs as a provincial seat of its size, so
 * "Delhi" (a city of 11 million) is not Dili, whose alternate names include it. */
static double importance(const incmap_place *p, incmap_match mt)
{
    const char *fc = incmap_place_feature_code(p);
    if (mt != INCMAP_MATCH_EXACT && fc != NULL && strcmp(fc, "PPLC") == 0) {
        fc = "PPLA";
    }
    return incmap_rank_importance(&incmap_rank_report_prior, incmap_place_kind(p), fc,
                                  incmap_place_population(p));
}

/* A populated place among the candidates that has admin-1 P's name and lies in it (the city that
 * gave the province its name: Kirkuk, Erbil), is a city of a million in its country (New York), or
 * is a big city of exactly its name in another country (Portland, Oregon against Portland parish,
 * Jamaica; Washington the state keeps its name against Washington, D.C.). */
static bool city_of_same_name(const incmap_candidates *c, const incmap_place *p)
{
    size_t n = incmap_candidates_count(c);
    for (size_t j = 0; j < n; j++) {
        const incmap_place *q = incmap_candidates_place(c, j);
        if (incmap_place_kind(q) != INCMAP_KIND_PLACE) {
            continue;
        }
        bool same_name = strcmp(incmap_place_name(q), incmap_place_name(p)) == 0;
        int64_t pop = incmap_place_population(q);
        if (strcmp(incmap_place_country(q), incmap_place_country(p)) != 0) {
            if (same_name && pop >= RANK_RESOLVE_BIG_NAMESAKE) {
                return true;
            }
            continue;
        }
        if ((same_name && strcmp(incmap_place_admin1(q), incmap_place_name(p)) == 0) ||
            pop >= RANK_RESOLVE_BIG_CITY) {
            return true;
        }
    }
    return false;
}

static double tier_score(incmap_match mt)
{
    switch (mt) {
    case INCMAP_MATCH_EXACT:
        return RANK_RESOLVE_EXACT;
    case INCMAP_MATCH_ALIAS:
    case INCMAP_MATCH_DEMONYM:
        return RANK_RESOLVE_ALIAS;
    case INCMAP_MATCH_VARIANT:
        return RANK_RESOLVE_VARIANT;
    default:
        return RANK_RESOLVE_TOLERANT;
    }
}

/* How well candidate P of mention i fits the wider place named after it ("Tacoma, Washington"):
 * a town in that admin-1 area or country; or, for the container itself, being an area. */
static double container_fit(const incmap_mentions *m, size_t i, const incmap_place *p)
{
    double s = 0;
    if (resolve_comma_pair(m, i)) {
        const incmap_candidates *c = m->x[i + 1].cands;
        for (size_t j = 0; j < incmap_candidates_count(c) && s == 0; j++) {
            const incmap_place *q = incmap_candidates_place(c, j);
            if (strcmp(incmap_place_country(q), incmap_place_country(p)) != 0) {
                continue;
            }
            incmap_kind k = incmap_place_kind(q);
            if (k == INCMAP_KIND_ADMIN1 &&
                strcmp(incmap_place_admin1(p), incmap_place_name(q)) == 0) {
                s = RANK_RESOLVE_IN_ADMIN1;
            } else if (k == INCMAP_KIND_COUNTRY) {
                s = RANK_RESOLVE_IN_COUNTRY;
            }
        }
    }
    incmap_kind pk = incmap_place_kind(p);
    if (i > 0 && resolve_comma_pair(m, i - 1) &&
        (pk == INCMAP_KIND_ADMIN1 || pk == INCMAP_KIND_COUNTRY)) {
        s +=
            RANK_RESOLVE_IS_CONTAINER; /* the ", Washington" of "Tacoma, Washington" is the state */
    }
    return s;
}

/* "the English city of Salisbury": mention i, after "city of", "town of", "village of", comes
 * right after a demonym (three tokens at most); a candidate in the demonym's country fits. */
static double demonym_fit(const incmap_mentions *m, size_t i, const incmap_place *p)
{
    const mention_x *x = &m->x[i];
    if (i == 0 || x->cue != INCMAP_CUE_SETTLEMENT || !m->x[i - 1].demonym ||
        m->x[i - 1].t1 + 3 < x->t0 || incmap_place_kind(p) == INCMAP_KIND_COUNTRY) {
        return 0;
    }
    const incmap_place *d = incmap_candidates_place(m->x[i - 1].cands, 0);
    return strcmp(incmap_place_country(d), incmap_place_country(p)) == 0 ? RANK_RESOLVE_DEMONYM_TOWN
                                                                         : 0;
}

static bool same_text(const incmap_mentions *m, size_t i, size_t j)
{
    size_t len = m->m[i].byte_end - m->m[i].byte_start;
    return m->m[j].byte_end - m->m[j].byte_start == len &&
           memcmp(m->text + m->m[i].byte_start, m->text + m->m[j].byte_start, len) == 0;
}

/* The named-province bonus of P for mention i. A town, site or county in a province the report
 * names gets RANK_RESOLVE_NAMED_PROVINCE shared among the provinces the report names in that
 * country: a report naming one state is about it, one naming four states is about the country
 * ("Louisville" in a report naming Ohio, Connecticut, Mississippi and North Carolina is still
 * Kentucky's). A province the report names in another form (an abbreviation, "Washington state",
 * "Tacoma, Washington") gets it whole: the writer said which one is meant. Its own mention, or one
 * of the same text, does not vouch for it. */
static double province_bonus(const incmap_mentions *m, const provinces *pv, size_t i,
                             const incmap_place *p)
{
    incmap_kind k = incmap_place_kind(p);
    if (k == INCMAP_KIND_COUNTRY) {
        return 0;
    }
    const char *cc = incmap_place_country(p);
    for (size_t j = 0; j < pv->n; j++) {
        const incmap_place *q = pv->p[j];
        if (pv->by[j] == i || strcmp(incmap_place_country(q), cc) != 0 ||
            same_text(m, i, pv->by[j])) {
            continue; /* "Peel" read as the Isle of Man's sheading does not vouch for its town */
        }
        if (k == INCMAP_KIND_ADMIN1) {
            if (strcmp(incmap_place_id(q), incmap_place_id(p)) == 0) {
                return RANK_RESOLVE_NAMED_PROVINCE;
            }
        } else if (strcmp(incmap_place_name(q), incmap_place_admin1(p)) == 0) {
            return RANK_RESOLVE_NAMED_PROVINCE / (double)pv->share[j];
        }
    }
    return 0;
}

/* A proximity anchor: a point-like place (a town, site or county), not a country or an area. */
static bool anchors(const incmap_place *p)
{
    incmap_kind k = incmap_place_kind(p);
    return k != INCMAP_KIND_COUNTRY &&
           (k != INCMAP_KIND_REGION || strcmp(incmap_place_feature_code(p), "ADM2") == 0);
}

/* True when province Q holds town P: then P ranks up by province_bonus(), not by nearness to
 * Q's point, which says little of where in Q ("Louisville" in a report naming Mississippi). A
 * province of another scheme (England's counties for GeoNames' "England") still pulls. */
static bool inside_province(const incmap_place *p, const incmap_place *q)
{
    return incmap_place_kind(q) == INCMAP_KIND_ADMIN1 &&
           incmap_place_kind(p) != INCMAP_KIND_ADMIN1 &&
           strcmp(incmap_place_name(q), incmap_place_admin1(p)) == 0 &&
           strcmp(incmap_place_country(q), incmap_place_country(p)) == 0;
}

#define PROXIMITY_SPAN 48

/* What the proximity round knows of each mention's current place: whether it may anchor its
 * neighbours (confident, not a country or region) and its point. Kept up to date as the round
 * re-resolves mentions in text order, so it gives what reading m->m[] directly would. */
typedef struct {
    const incmap_place *place;
    bool anchor;
    near_pt pt;
} near_ref;

static near_ref near_ref_of(const incmap_mentions *m, size_t k)
{
    const incmap_place *q = m->m[k].place;
    /* a demonym says who, not where: "English" pulls no town towards England's point */
    bool anchor = m->m[k].confidence >= RANK_RESOLVE_ANCHOR && anchors(q) &&
                  m->m[k].match != INCMAP_MATCH_DEMONYM;
    return (near_ref){q, anchor, anchor ? near_point(q) : (near_pt){0, 0, 0, 0, 0, 0}};
}

/* h of the three distance bands of the nearness bonus (see chord_h), computed once per round. */
typedef struct {
    double very, near, nearish;
} near_bands;

static double band_h(double km)
{
    return pow(sin(km / (2 * EARTH_KM)), 2);
}

static near_bands near_bands_get(void)
{
    return (near_bands){band_h(RANK_RESOLVE_VERY_NEAR_KM), band_h(RANK_RESOLVE_NEAR_KM),
                        band_h(RANK_RESOLVE_NEARISH_KM)};
}

/* The bonus of a distance, by its band. */
static double band_bonus(double km)
{
    return km < RANK_RESOLVE_VERY_NEAR_KM ? RANK_RESOLVE_VERY_NEAR
           : km < RANK_RESOLVE_NEAR_KM    ? RANK_RESOLVE_NEAR
           : km < RANK_RESOLVE_NEARISH_KM ? RANK_RESOLVE_NEARISH
                                          : 0;
}

/* The nearness bonus of place P for mention i: by the nearest anchor among the mentions near it
 * in the text (bounded: a report of 100,000 names stays linear). Only the band of that distance
 * counts, so a neighbour whose chord puts it clearly inside the nearest band ends the scan, one
 * clearly beyond the widest is skipped, and only those near a band's edge (1e-9 in h, a few
 * decimetres) take the haversine: the bonus is the one the haversine of every pair gives. The
 * nearest band asks for a neighbour in the same country.
 * REFS: one per mention, or NULL to read m->m[] (when there was no memory for them). */
static double near_bonus(const incmap_mentions *m, const near_ref *refs, const near_bands *hb,
                         size_t i, const incmap_place *p)
{
    const double margin = 1e-9;
    double best_km = INFINITY;
    bool very = false;
    near_pt pt = near_point(p);
    size_t k0 = i > PROXIMITY_SPAN ? i - PROXIMITY_SPAN : 0;
    size_t k1 = m->n - i > PROXIMITY_SPAN ? i + PROXIMITY_SPAN : m->n;
    for (size_t k = k0; k < k1 && !very && best_km >= RANK_RESOLVE_VERY_NEAR_KM; k++) {
        near_ref one;
        const near_ref *q = refs != NULL ? &refs[k] : (one = near_ref_of(m, k), &one);
        if (k == i || !q->anchor || q->place == p || inside_province(p, q->place)) {
            continue;
        }
        double h = chord_h(&pt, &q->pt);
        if (h > hb->nearish + margin) {
            continue;
        }
        /* the short drive stays in one country: across a border, a neighbour is only near */
        bool same = strcmp(incmap_place_country(p), incmap_place_country(q->place)) == 0;
        if (h < hb->very - margin && same) {
            very = true;
        } else if (h < hb->near - margin && (h > hb->very + margin || !same)) {
            best_km = fmin(best_km, (RANK_RESOLVE_VERY_NEAR_KM + RANK_RESOLVE_NEAR_KM) / 2);
        } else {
            best_km = fmin(best_km, km_between(&pt, &q->pt));
        }
    }
    return very ? RANK_RESOLVE_VERY_NEAR : band_bonus(best_km);
}

/* True when mention j, already resolved, is confidently a province or a country ("California",
 * "Iraq") by its name (exact or alias, not weak); *kind says which. */
static bool area_named(const incmap_mentions *m, size_t j, incmap_kind *kind)
{
    const incmap_mention *q = &m->m[j];
    *kind = incmap_place_kind(q->place);
    return (*kind == INCMAP_KIND_ADMIN1 || *kind == INCMAP_KIND_COUNTRY) && !m->x[j].weak &&
           (q->match == INCMAP_MATCH_EXACT || q->match == INCMAP_MATCH_ALIAS) &&
           q->confidence >= RANK_RESOLVE_ANCHOR;
}

/* True when token k joins two names as alternatives or a pair: "and", "or", "&". */
static bool joins(const incmap_mentions *m, size_t k)
{
    const mtok *t = &m->tok[k];
    return tok_is(m->text, t, "and") || tok_is(m->text, t, "or") ||
           (t->b1 - t->b0 == 1 && m->text[t->b0] == '&');
}

/* The kind a name joined to the province or country before it asks for: "states such as
 * California or Washington" is the state, "Iraq and Jordan" the country; ANY when none. Mentions
 * are resolved in text order, so the one before is already decided. */
static incmap_kind coordinated_kind(const incmap_mentions *m, size_t i)
{
    const mention_x *x = &m->x[i];
    incmap_kind k = INCMAP_KIND_ANY;
    if (i > 0 && m->x[i - 1].t1 + 1 == x->t0 && joins(m, x->t0 - 1) && area_named(m, i - 1, &k)) {
        return k;
    }
    return INCMAP_KIND_ANY;
}

/* Candidate j of mention i; the proximity round adds near_bonus() to this. */
static double score(const incmap_mentions *m, size_t i, size_t j, const votes *vs)
{
    const mention_x *x = &m->x[i];
    const incmap_place *p = incmap_candidates_place(x->cands, j);
    incmap_match mt = incmap_candidates_match(x->cands, j);
    double s = tier_score(mt) + RANK_RESOLVE_IMPORTANCE * importance(p, mt);
    const char *own_cc = NULL;
    double own = resolve_own_vote(m, i, &own_cc);
    const char *cc = incmap_place_country(p);
    double support =
        resolve_votes_for(vs, cc) - (own_cc != NULL && strcmp(own_cc, cc) == 0 ? own : 0);
    s += support > 0 ? RANK_RESOLVE_COUNTRY + RANK_RESOLVE_COUNTRY_PER_VOTE *
                                                  fmin(RANK_RESOLVE_COUNTRY_VOTES_MAX, support)
                     : 0;
    if (kind_fits(x->kind_pref, incmap_place_kind(p))) {
        s += RANK_RESOLVE_KIND_FIT;
    } else if (x->kind_pref == INCMAP_KIND_ANY && coordinated_kind(m, i) == incmap_place_kind(p)) {
        s += RANK_RESOLVE_COORDINATED;
    }
    s += container_fit(m, i, p) + demonym_fit(m, i, p);
    if (incmap_place_kind(p) == INCMAP_KIND_ADMIN1 && x->kind_pref != INCMAP_KIND_ADMIN1 &&
        city_of_same_name(x->cands, p)) {
        s -= RANK_RESOLVE_PROVINCE_OF_CITY; /* "a house in Nabatieh", "in New York": the city,
                                               unless "province" says so */
    }
    return s;
}

/* Makes candidate `best` mention i's choice, with score s1 and runner-up s2. */
static void set_choice(incmap_mentions *m, size_t i, size_t best, double s1, double s2)
{
    mention_x *x = &m->x[i];
    size_t n = incmap_candidates_count(x->cands);
    x->chosen = best;
    x->score = s1;
    incmap_mention *p = &m->m[i];
    p->place = incmap_candidates_place(x->cands, best);
    p->match = incmap_candidates_match(x->cands, best);
    double margin = n > 1 ? s1 - s2 : 1.0;
    double base = tier_score(p->match);
    double conf = base * (RANK_CONF_FLOOR + RANK_CONF_LEAD * fmin(1.0, margin / RANK_CONF_MARGIN));
    if (x->weak) {
        conf *= RANK_CONF_WEAK;
    }
    if (p->match == INCMAP_MATCH_TOLERANT) {
        conf *= RANK_CONF_TOLERANT;
    }
    p->confidence = fmin(1.0, fmax(RANK_CONF_MIN, conf));
}

/* Scores of every candidate of every mention, which both rounds share: the proximity round
 * only adds near_bonus() to them. base[first[i] + j] is candidate j of mention i. */
typedef struct {
    double *base;
    size_t *first;
    near_ref *refs; /* the proximity round's view of each mention (see near_ref) */
} resolve_memo;

/* One round: every mention takes its best candidate. The first round (MEMO may be NULL, or its
 * arrays, when memory ran short) fills memo->base; the proximity round (use_proximity) reads it
 * and keeps memo->refs current. */
static void choose(incmap_mentions *m, const votes *vs, const provinces *pv, bool use_proximity,
                   resolve_memo *memo)
{
    double *scores = memo != NULL ? memo->base : NULL;
    near_ref *refs = use_proximity && memo != NULL ? memo->refs : NULL;
    near_bands hb = near_bands_get();
    for (size_t k = 0; refs != NULL && k < m->n; k++) {
        refs[k] = near_ref_of(m, k);
    }
    for (size_t i = 0; i < m->n; i++) {
        mention_x *x = &m->x[i];
        size_t n = incmap_candidates_count(x->cands), best = 0;
        double s1 = -INFINITY, s2 = -INFINITY;
        for (size_t j = 0; j < n; j++) {
            double s = 0;
            if (scores == NULL) {
                s = score(m, i, j, vs);
            } else if (!use_proximity) {
                s = scores[memo->first[i] + j] = score(m, i, j, vs);
            } else {
                s = scores[memo->first[i] + j];
            }
            const incmap_place *p = incmap_candidates_place(x->cands, j);
            if (incmap_candidates_match(x->cands, j) == INCMAP_MATCH_EXACT) {
                s += province_bonus(m, pv, i, p);
            }
            if (use_proximity) {
                s += near_bonus(m, refs, &hb, i, p);
            }
            if (s > s1) {
                s2 = s1;
                s1 = s;
                best = j;
            } else if (s > s2) {
                s2 = s;
            }
        }
        set_choice(m, i, best, s1, s2);
        if (refs != NULL) {
            refs[i] = near_ref_of(m, i); /* the later mentions see its new place */
        }
    }
}

/* Adds province P named by mention i, once per place and wording (a report that says "Texas" forty
 * times fills one slot, "Wash." and "Washington" two), and counts the distinct provinces of its
 * country into every entry's share. */
static void province_add(const incmap_mentions *m, provinces *pv, const incmap_place *p, size_t i)
{
    const char *id = incmap_place_id(p), *cc = incmap_place_country(p);
    bool known = false;
    for (size_t j = 0; j < pv->n; j++) {
        if (strcmp(incmap_place_id(pv->p[j]), id) == 0) {
            if (same_text(m, i, pv->by[j])) {
                return;
            }
            known = true;
        }
    }
    if (pv->n >= MAX_PROVINCES) {
        return;
    }
    size_t share = 1;
    for (size_t j = 0; j < pv->n; j++) {
        if (strcmp(incmap_place_country(pv->p[j]), cc) == 0) {
            pv->share[j] += !known;
            share = pv->share[j];
        }
    }
    pv->p[pv->n] = p;
    pv->by[pv->n] = i;
    pv->share[pv->n++] = share;
}

/* The provinces the report names outright, before the first round: a clear, exact or alias
 * match of an admin-1 area. */
static void named_provinces(const incmap_mentions *m, provinces *pv)
{
    pv->n = 0;
    for (size_t i = 0; i < m->n; i++) {
        const incmap_candidates *c = m->x[i].cands;
        const incmap_place *p = incmap_candidates_place(c, 0);
        const char *cc = NULL;
        incmap_match mt = incmap_candidates_match(c, 0);
        if (incmap_place_kind(p) == INCMAP_KIND_ADMIN1 && !m->x[i].weak &&
            (mt == INCMAP_MATCH_EXACT || mt == INCMAP_MATCH_ALIAS) &&
            resolve_own_vote(m, i, &cc) >= RANK_VOTE_CLEAR) {
            province_add(m, pv, p, i);
        }
    }
}

/* The provinces as the first round resolved them, for the second: a province whose name a small
 * town shares ("Louisiana", Missouri) is no clear lookup, but the report's context made it the
 * state. */
static void resolved_provinces(const incmap_mentions *m, provinces *pv)
{
    pv->n = 0;
    for (size_t i = 0; i < m->n; i++) {
        const incmap_mention *p = &m->m[i];
        if (incmap_place_kind(p->place) == INCMAP_KIND_ADMIN1 && !m->x[i].weak && !m->x[i].in_org &&
            p->confidence >= RANK_RESOLVE_ANCHOR &&
            (p->match == INCMAP_MATCH_EXACT || p->match == INCMAP_MATCH_ALIAS)) {
            province_add(m, pv, p->place, i);
        }
    }
}

/* "London, Ontario" decides every later bare "London" of the report: the writer qualified the
 * name once and means the same place after. */
static void follow_qualified(incmap_mentions *m)
{
    for (size_t i = 0; i + 1 < m->n; i++) {
        if (!resolve_comma_pair(m, i) || container_fit(m, i, m->m[i].place) <= 0) {
            continue;
        }
        size_t len = m->m[i].byte_end - m->m[i].byte_start;
        const char *id = incmap_place_id(m->m[i].place);
        for (size_t j = i + 2; j < m->n; j++) {
            if (m->m[j].byte_end - m->m[j].byte_start != len || resolve_comma_pair(m, j) ||
                memcmp(m->text + m->m[j].byte_start, m->text + m->m[i].byte_start, len) != 0) {
                continue;
            }
            const incmap_candidates *c = m->x[j].cands;
            for (size_t k = 0; k < incmap_candidates_count(c); k++) {
                if (strcmp(incmap_place_id(incmap_candidates_place(c, k)), id) == 0) {
                    /* as sure as the qualified mention */
                    set_choice(m, j, k, m->x[i].score, m->x[i].score - RANK_CONF_MARGIN);
                    break;
                }
            }
        }
    }
}

void incmap_resolve(incmap_mentions *m)
{
    votes vs, firm;
    resolve_count_votes(m, &vs, false);
    resolve_count_votes(m, &firm, true);
    resolve_memo memo = {.first = malloc((m->n + 1) * sizeof *memo.first),
                         .refs = malloc((m->n + 1) * sizeof *memo.refs)};
    size_t total = 0;
    for (size_t i = 0; memo.first != NULL && i < m->n; i++) {
        memo.first[i] = total;
        total += incmap_candidates_count(m->x[i].cands);
    }
    memo.base = memo.first != NULL ? malloc((total + 1) * sizeof *memo.base) : NULL;
    bool memo_ok = memo.first != NULL && memo.refs != NULL && memo.base != NULL;
    provinces pv;
    named_provinces(m, &pv);
    choose(m, &vs, &pv, false, memo_ok ? &memo : NULL);
    /* second round: the first round's confident places pull their neighbours */
    resolved_provinces(m, &pv);
    choose(m, &vs, &pv, true, memo_ok ? &memo : NULL);
    free(memo.first);
    free(memo.refs);
    free(memo.base);
    follow_qualified(m);
    resolve_drop_unsupported(m, &vs, &firm);
}

size_t incmap_resolve_countries(const incmap_mentions *m, char (*out)[3], size_t max)
{
    votes vs;
    resolve_count_votes(m, &vs, false);
    /* also the countries of the resolved places, so a report naming only towns has a country */
    for (size_t i = 0; i < m->n; i++) {
        if (m->m[i].confidence >= RANK_RESOLVE_ANCHOR) {
            resolve_vote(&vs, incmap_place_country(m->m[i].place), RANK_RESOLVE_PLACE_VOTE);
        }
    }
    size_t n = 0;
    while (n < max) {
        size_t best = vs.n;
        for (size_t i = 0; i < vs.n; i++) {
            if (vs.v[i].votes > 0 && (best == vs.n || vs.v[i].votes > vs.v[best].votes)) {
                best = i;
            }
        }
        if (best == vs.n) {
            break;
        }
        memcpy(out[n++], vs.v[best].cc, 3);
        vs.v[best].votes = 0;
    }
    return n;
}

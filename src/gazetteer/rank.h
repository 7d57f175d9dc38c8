/* Gazetteer stage: every ranking weight of incmap in one place, and the one importance function.
 * Lookup (gzlookup.c) orders the candidates of a name, disambiguation (geoparse/resolve.c) picks
 * one per mention in the context of the report, and the confidence numbers say how sure a pick is.
 *
 * The order the README promises for lookup: match quality first (exact > alias > variant or
 * demonym > one typo), then importance (country > province > capital > admin seat > population).
 * The tiers are RANK_LOOKUP_*, 0.2 apart; importance moves a candidate within its tier only.
 *
 * Importance is one function, incmap_rank_importance, with two weight sets:
 *   incmap_rank_lookup_prior  the order above. The index writer stores it per entry (gz_sum) and
 *                             lookup reads the stored value (changing a RANK_IMP_* weight means
 *                             rebuilding the gazetteer);
 *   incmap_rank_report_prior  what resolve.c adds to a candidate's score in a report: capitals at
 *                             the country's level (news names them bare: London, Tripoli),
 * provinces a little lower, population counting more (RANK_REPORT_*). Where a weight is not
 * overridden it is the lookup one. The two sets differ only where setting the report weight to the
 * lookup one changed results on the development benchmarks; unifying them is accuracy work, done
 * here.
 *
 * Each weight says what raising it does. Scores are sums; only their differences matter. */
#ifndef INCMAP_RANK_H
#define INCMAP_RANK_H

#include "incmap/gazetteer.h"

#include <stdint.h>

/* ---- Importance: the prior of a place when names tie, 0..1 ---- */

/* log10(population + 1) / this is the population share, capped at 1: raising it needs a bigger
 * town for the same share (10^7.5, about 32 million, is as big as it gets). */
#define RANK_POP_LOG_SCALE 7.5
/* A country. The top of the range: nothing outranks a country of the same name. */
#define RANK_IMP_COUNTRY 1.0
/* A first-level division (province, state, governorate): raising it past the country would make
 * "Mexico" the state. */
#define RANK_IMP_ADMIN1 0.9
/* A named or directional region: raising it past RANK_IMP_ADMIN1 puts regions above provinces. */
#define RANK_IMP_REGION 0.7
/* An ocean, sea or gulf (a region with feature code OCN, SEA or GULF), in both priors: a province
 * named after the sea ("Red Sea" state, Sudan) ranks below the sea itself. Lowering it under
 * RANK_IMP_ADMIN1 gives the bare name back to the province. */
#define RANK_IMP_SEA 0.95
/* A county or district (a region with feature code ADM2): raising it past RANK_IMP_SEAT2 lets a
 * bare county name ("Var", "Suffolk") beat the towns of that name. News writes "X County". */
#define RANK_IMP_ADMIN2 0.35
/* A site (base, airport, crossing), plus this share of its population: raising it puts sites above
 * admin seats. */
#define RANK_IMP_SITE 0.45
#define RANK_IMP_SITE_POP 0.1
/* A capital (PPLC), plus a share of its population: raising it towards RANK_IMP_ADMIN1 lets
 * capitals pass provinces of the same name. */
#define RANK_IMP_CAPITAL 0.8
#define RANK_IMP_CAPITAL_POP 0.08
/* A first-order admin seat (PPLA): raising it brings provincial capitals up to national ones. */
#define RANK_IMP_SEAT1 0.6
#define RANK_IMP_SEAT1_POP 0.1
/* A second-order seat (PPLA2). */
#define RANK_IMP_SEAT2 0.5
#define RANK_IMP_SEAT2_POP 0.1
/* A lower seat (PPLA3, PPLA4, PPLA5). */
#define RANK_IMP_SEAT3 0.4
#define RANK_IMP_SEAT3_POP 0.1
/* Any other populated place: its population share times this. Raising it past RANK_IMP_SEAT3 lets
 * big towns pass lower admin seats. */
#define RANK_IMP_PLACE_POP 0.5

/* The report prior's own weights (the rest are RANK_IMP_*). */
/* Provinces: raising it past RANK_REPORT_CAPITAL makes a bare "Santiago" the Dominican province. */
#define RANK_REPORT_ADMIN1 0.85
/* Capitals, at the country's level: news names capitals by their bare name. */
#define RANK_REPORT_CAPITAL 1.0
#define RANK_REPORT_CAPITAL_POP 0.0
/* Seats and towns: population counts more in a report than in a lookup. Raising these prefers the
 * biggest town of a name over a small admin seat. */
#define RANK_REPORT_SEAT1_POP 0.15
#define RANK_REPORT_SEAT2 0.25
#define RANK_REPORT_SEAT2_POP 0.5
#define RANK_REPORT_SEAT3_POP 0.2
#define RANK_REPORT_PLACE_POP 0.65

/* The weights of one importance: a base per kind and feature code, plus a share of population. */
typedef struct {
    double country, admin1, region, admin2, site, site_pop, capital, capital_pop, seat1, seat1_pop,
        seat2, seat2_pop, seat3, seat3_pop, place_pop;
} incmap_rank_prior;

extern const incmap_rank_prior incmap_rank_lookup_prior; /* stored in the index */
extern const incmap_rank_prior incmap_rank_report_prior; /* disambiguation in a report */

/* How much an entry matters when names tie, 0..1 (when W's weights are), from its kind, its
 * GeoNames feature code ("PPLC", "PPLA2", ...; NULL or "" when none) and its population (0 or
 * less when unknown). */
double incmap_rank_importance(const incmap_rank_prior *w, incmap_kind kind,
                              const char *feature_code, int64_t population);

/* ---- Lookup: one name's candidates, scored 0..1 ---- */

/* The top of each match tier (the best score a candidate of it can have). */
#define RANK_LOOKUP_EXACT 1.0
#define RANK_LOOKUP_ALIAS 0.8
#define RANK_LOOKUP_VARIANT 0.6
#define RANK_LOOKUP_DEMONYM 0.6
#define RANK_LOOKUP_TOLERANT 0.4
/* The span importance moves a candidate down from its tier's top: raising it past the gap between
 * tiers lets an important alias beat an unimportant exact match. */
#define RANK_LOOKUP_IMPORTANCE 0.2
/* With --country (no filter), the share of importance that is "in that country": raising it lets
 * a village in the country beat a capital elsewhere more often. */
#define RANK_LOOKUP_COUNTRY_BIAS 0.5
/* Matched only after dropping the article the query wrote ("Al-Hol" as "Hol"): raising it puts such
 * matches further below the ones that kept it. */
#define RANK_LOOKUP_ARTICLE_DROPPED 0.2
/* With a type word ("Babylon province"), a candidate of another kind keeps this share of its score
 * and one of the asked kind gets it as a floor: raising it weakens the type word. */
#define RANK_LOOKUP_KIND_FLOOR 0.2
#define RANK_LOOKUP_KIND_SPAN 0.8 /* 1 - RANK_LOOKUP_KIND_FLOOR, written out */
/* "X airport" finding an air base (or the reverse): raising it past the gap between importances
 * makes the facility word outweigh importance. */
#define RANK_LOOKUP_FACILITY_MISMATCH 0.03
/* A type word peeled off the query: a candidate matched by the core name only goes a step below
 * the ones matched whole for a kind word ("Babylon province"), and below every whole match for
 * other type words ("the Gulf", written so in the gazetteer, beats any Gulf found without "the").
 */
#define RANK_LOOKUP_TYPE_RESPELLED 0.01
#define RANK_LOOKUP_TYPE_DROPPED 0.3
/* How far below a same-named admin seat a province goes when the name is bare ("Hasakah"). */
#define RANK_LOOKUP_SEAT_STEP 0.001

/* Suggestions for an unknown name: a base, less this per edit, scaled by importance. */
#define RANK_SUGGEST_BASE 0.4
#define RANK_SUGGEST_PER_EDIT 0.1
/* A name differing in its first letter (scanned separately): raising it lists those first. */
#define RANK_SUGGEST_FIRST_LETTER 0.3
/* The share of a suggestion's score importance decides; the rest is the spelling distance. */
#define RANK_SUGGEST_IMPORTANCE 0.5

/* ---- Disambiguation: a candidate's score in the context of the report (resolve.c) ---- */

/* Match quality, added to RANK_RESOLVE_IMPORTANCE * the report prior. Also the base confidence. */
#define RANK_RESOLVE_EXACT 1.0
#define RANK_RESOLVE_ALIAS 0.9 /* also demonyms */
#define RANK_RESOLVE_VARIANT 0.75
#define RANK_RESOLVE_TOLERANT 0.5
/* The weight of importance against context: raising it makes "Tripoli" Libya's even in a report
 * about Lebanon. */
#define RANK_RESOLVE_IMPORTANCE 1.0
/* Country votes a mention casts: a country, demonym or unambiguous region or "X province"; another
 * clear name; a clear but weak (typo) one. Raising them lets fewer names set the report's country.
 */
#define RANK_VOTE_FIRM 1.0
#define RANK_VOTE_CLEAR 0.5
#define RANK_VOTE_WEAK 0.25
/* How far a name's first candidate must lead its second (lookup scores) to count as clear. */
#define RANK_VOTE_CLEAR_MARGIN 0.25
/* A candidate in a country the rest of the report votes for: this, plus a step per vote up to a
 * cap. Raising it makes the report's country beat importance. */
#define RANK_RESOLVE_COUNTRY 0.15
#define RANK_RESOLVE_COUNTRY_PER_VOTE 0.05
#define RANK_RESOLVE_COUNTRY_VOTES_MAX 3.0
/* A candidate of the kind a cue asks for ("Babylon province" wants an admin-1 area). */
#define RANK_RESOLVE_KIND_FIT 0.2
/* A name joined by "and"/"or" to a province or country ("states such as Oregon or Washington"):
 * a candidate of that kind. Raising it lets the pair beat a capital of the name. */
#define RANK_RESOLVE_COORDINATED 0.3
/* "Tacoma, Washington": a town in the admin-1 area, or the country, named after the comma; and the
 * container itself being an area. */
#define RANK_RESOLVE_IN_ADMIN1 0.5
#define RANK_RESOLVE_IN_COUNTRY 0.3
#define RANK_RESOLVE_IS_CONTAINER 0.3
/* "the English city of X", "a Syrian village, X": a town in the country of the demonym before its
 * settlement word. Raising it makes the demonym beat a bigger namesake elsewhere. */
#define RANK_RESOLVE_DEMONYM_TOWN 0.3
/* A town, site or county in a province the report names outright ("Hinton" in a report that
 * names Alberta), shared among the provinces the report names in that country (four states named:
 * a quarter each); and the whole of it for a province the report names in another form ("Wash."
 * then "Washington"). Raising it makes the named province beat population and fame. */
#define RANK_RESOLVE_NAMED_PROVINCE 0.2
/* A province when a city of its name is among the candidates (its seat, a city this big in the
 * province's country, or a city of exactly its name this big in another country: "Portland" is
 * Oregon's city, not Jamaica's parish): raising the penalty makes "in New York" the city even more
 * firmly; lowering the sizes lets smaller cities beat provinces. */
#define RANK_RESOLVE_PROVINCE_OF_CITY 0.35
#define RANK_RESOLVE_BIG_CITY 1000000
#define RANK_RESOLVE_BIG_NAMESAKE 500000
/* Second round: near another confidently resolved place (not a country or region). Raising these
 * makes neighbours outweigh the report's countries and importance. */
#define RANK_RESOLVE_NEAR 0.15
#define RANK_RESOLVE_NEAR_KM 300.0
/* Within a short drive of another named place of its country (a village 15 km from the report's
 * town, against a province of its name abroad): raising it lets neighbours beat importance more
 * often. */
#define RANK_RESOLVE_VERY_NEAR 0.3
#define RANK_RESOLVE_VERY_NEAR_KM 50.0
#define RANK_RESOLVE_NEARISH 0.07
#define RANK_RESOLVE_NEARISH_KM 1000.0
/* The confidence a place needs to pull its neighbours (and to vote for its country). */
#define RANK_RESOLVE_ANCHOR 0.5
/* What a confident place votes for its country in incmap_resolve_countries. */
#define RANK_RESOLVE_PLACE_VOTE 0.25

/* ---- Confidence: how sure a pick is, 0..1 ---- */

/* Mentions: the match quality (RANK_RESOLVE_*) times a floor plus a share that grows with the lead
 * over the second candidate, full at RANK_CONF_MARGIN. Raising the floor trusts close calls more.
 */
#define RANK_CONF_FLOOR 0.55
#define RANK_CONF_LEAD 0.45 /* 1 - RANK_CONF_FLOOR, written out */
#define RANK_CONF_MARGIN 0.3
/* Factors for a weak mention (lower case, typo, ...) and a one-edit match; the minimum. */
#define RANK_CONF_WEAK 0.7
#define RANK_CONF_TOLERANT 0.8
#define RANK_CONF_MIN 0.01
/* A name strong enough to be a place without a cue: a population this big (also capitals, first
 * seats and areas). Raising it asks more words to prove small towns. */
#define RANK_STRONG_POPULATION 100000
/* Roles: the mention's confidence times the cue's. A place in the sentence of the event word, as
 * target or launch; as the site; a place carried over from an earlier sentence; a launch place
 * from the follow-up sentence ("The drones took off from X"). A border inferred from "the Syrian
 * border" keeps this share of the incident's lowest confidence. */
#define RANK_ROLE_FRESH 1.0
#define RANK_ROLE_FRESH_SITE 0.9
#define RANK_ROLE_CARRIED 0.85
#define RANK_ROLE_FOLLOW_UP 0.8
/* A street or building the gazetteer lacks, placed at its town: this share of the town's. */
#define RANK_LOCAL_CONFIDENCE 0.5
#define RANK_ROLE_BORDER_WORDS 0.8
/* Structured fields (extract --launch/--target): a candidate in the country of, or within
 * RANK_FIELD_NEAR_KM of, another field's place; confidence as for mentions, with its own floor,
 * share, margin and minimum. */
#define RANK_FIELD_SAME_COUNTRY 0.2
#define RANK_FIELD_NEAR 0.15
#define RANK_FIELD_NEAR_KM 500.0
#define RANK_FIELD_CONF_FLOOR 0.6
#define RANK_FIELD_CONF_LEAD 0.4
#define RANK_FIELD_CONF_MARGIN 0.25
#define RANK_FIELD_CONF_MIN 0.05

#endif

/* Internal header of disambiguation (resolve.c): the report's country votes and the comma pairs
 * ("Tacoma, Washington") that resolve.c scores with and resolve_drop.c checks with. */
#ifndef INCMAP_RESOLVE_INTERNAL_H
#define INCMAP_RESOLVE_INTERNAL_H

#include "geoparse/geoparse.h"

#define MAX_COUNTRIES 64

typedef struct {
    char cc[3];
    double votes;
} cvote;

typedef struct {
    cvote v[MAX_COUNTRIES];
    size_t n;
} votes;

/* resolve_votes.c: adds W votes for country CC. */
void resolve_vote(votes *vs, const char *cc, double w);
/* The votes for CC (0 when none). */
double resolve_votes_for(const votes *vs, const char *cc);
/* What mention i contributes to the report's countries, and for which (*cc). */
double resolve_own_vote(const incmap_mentions *m, size_t i, const char **cc);
/* The report's country votes; `firm`: only countries and demonyms named outright. */
void resolve_count_votes(const incmap_mentions *m, votes *vs, bool firm);
/* "Springfield, Illinois", "Mosul, Iraq": mention i + 1 right after mention i and a comma. */
bool resolve_comma_pair(const incmap_mentions *m, size_t i);
/* The great-circle distance between the points of A and B, in km (a sphere: a soft signal). */
double resolve_km(const incmap_place *a, const incmap_place *b);

/* resolve_drop.c: after both rounds, marks the mentions whose pick the report does not support
 * (vs: every vote, firm: countries and demonyms named outright). */
void resolve_drop_unsupported(incmap_mentions *m, const votes *vs, const votes *firm);

#endif

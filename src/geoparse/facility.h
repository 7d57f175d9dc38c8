/* Internal: facilities named after their place (geoparse/facility.c). */
#ifndef INCMAP_FACILITY_H
#define INCMAP_FACILITY_H

#include "geoparse/incident_int.h"

/* A facility phrase of the text, resolved. */
typedef struct {
    size_t t0, t1;             /* tokens of the phrase ("the city's railway station") */
    size_t anchor;             /* mention index of the named place, SIZE_MAX for "the city's" */
    const incmap_place *place; /* the site entry, else the anchor town; NULL: unresolved */
    bool at_town;              /* place is the anchor town, not the facility itself */
} facility;

/* The next facility phrase in tokens [k, t1) at or after token k, resolved against the report's
 * other places and the gazetteer: true with *out filled, else false. */
bool incmap_facility_next(const incmap_gazetteer *gz, incmap_ctx *ctx, const ictx *c, size_t k,
                          size_t t1, facility *out);

/* Fills role R from facility F: its place, the words as written, and for a town the note
 * "railway station, located at Peshawar" (precision 2). */
void incmap_facility_role(const ictx *c, const facility *f, double confidence, role_ref *r);

#endif

/* incmap_extract: report text -> located incidents (the whole geoparser). Mentions are found and
 * resolved (mentions.h), the text is split into incidents by event cues, each place gets a role
 * (launch, target, site, border, or context mention) from the words around it, and each role gets
 * a geometry, a precision (1 exact town/site, 2 near it or part of a district, 3 province or wider
 * region), an uncertainty and a confidence. Distances use PROJ's geodesics, loaded on first use.
 * Thread safety: one incmap_ctx per thread; the gazetteer may be shared. */
#ifndef INCMAP_EXTRACT_H
#define INCMAP_EXTRACT_H

#include "incident.h"
#include "mentions.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    /* Publication date "YYYY-MM-DD" used to resolve "on Sunday", "the day before", "April 21";
     * NULL: only dates with a year in the text are resolved. */
    const char *pub_date;
    bool mentions; /* also output context mentions (role "mention", incident 0); default true */
} incmap_extract_opts;

INCMAP_API incmap_extract_opts incmap_extract_opts_default(void);

/* Extracts the incidents of TEXT (UTF-8, LEN bytes). Owned: free with incmap_incidents_destroy().
 * An empty collection when the text names no place. NULL on error (bad UTF-8 with its byte
 * offset, NUL bytes, binary input, over INCMAP_TEXT_MAX_BYTES, a bad pub_date, no memory). */
INCMAP_API incmap_incidents *incmap_extract(const incmap_gazetteer *gz, incmap_ctx *ctx,
                                            const char *text, size_t len,
                                            const incmap_extract_opts *opts);

/* Structured input for an analyst who already knows the places: names as an analyst would type
 * them ("Zummar", "northeastern Syria", "near Erbil", "10 km north of Kirkuk"). */
typedef struct {
    const char *launch;       /* or NULL */
    const char *target;       /* or NULL */
    const char *const *sites; /* nsites names */
    size_t nsites;
    const char *event_type; /* or NULL: "attack" */
    const char *date;       /* "YYYY-MM-DD" or NULL */
} incmap_extract_fields;

/* One incident from FIELDS, with the same roles, border, distances and properties as
 * incmap_extract(). Owned: incmap_incidents_destroy(). NULL + INCMAP_ERR_NOT_FOUND when a name is
 * not in the gazetteer, INCMAP_ERR_INVALID_ARG when no place is given. A message about one field
 * starts with the field's name and a colon ("launch: no place called ..."). */
INCMAP_API incmap_incidents *incmap_extract_fields_run(const incmap_gazetteer *gz, incmap_ctx *ctx,
                                                       const incmap_extract_fields *fields);

#ifdef __cplusplus
}
#endif
#endif

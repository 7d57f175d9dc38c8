/* incmap_incidents: the located incidents of one report, and the model that the GeoJSON reader,
 * the GeoJSON writer and the renderer share. A report holds incidents (numbered from 1); each has
 * located roles (launch, target, border, site); context places are features with role MENTION and
 * incident 0. Features are read-only views: strings are owned by the collection. */
#ifndef INCMAP_INCIDENT_H
#define INCMAP_INCIDENT_H

#include "gazetteer.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    INCMAP_ROLE_LAUNCH = 1,
    INCMAP_ROLE_TARGET,
    INCMAP_ROLE_BORDER,
    INCMAP_ROLE_SITE,
    INCMAP_ROLE_MENTION
} incmap_role;

/* One GeoJSON Feature. Unknown numbers are -1 (counts, offsets, precision) or NaN (km, degrees);
 * unknown strings are NULL. */
typedef struct {
    int incident; /* 1-based incident number; 0 for a context mention */
    incmap_role role;
    char *name;         /* gazetteer name (or a name the analyst typed) */
    char *text;         /* as written in the report */
    long start, end;    /* character (code point) offsets of `text` in the report */
    char *gazetteer_id; /* "geonames:99072", ... */
    incmap_kind kind;
    char *country; /* ISO alpha-2 */
    char *admin1;
    char *qualifier; /* "northeast", "near", "outskirts", "12 km north"... or NULL */
    int precision;   /* 1 exact town/site, 2 near it / part of a district, 3 province/region */
    double uncertainty_km;
    double confidence; /* 0..1 */
    char *event_type;  /* "rocket attack", "explosion", ... (NULL for mentions) */
    char *date;        /* ISO 8601 "YYYY-MM-DD" or NULL */
    int fatalities, injured;
    double distance_km, bearing_deg; /* launch -> target, on launch and target features */
    incmap_geom *geom;               /* never NULL */
    char *report; /* the report it came from: its id or file name; NULL when not given */
    char *source; /* who published the report ("Reuters"), for a map's credit line; or NULL */
} incmap_feature;

typedef struct incmap_incidents incmap_incidents;

/* Owned: free with incmap_incidents_destroy(). */
INCMAP_API incmap_incidents *incmap_incidents_create(incmap_ctx *ctx);
INCMAP_API void incmap_incidents_destroy(incmap_incidents *inc); /* NULL is a no-op */

INCMAP_API size_t incmap_incidents_count(const incmap_incidents *inc);         /* incidents */
INCMAP_API size_t incmap_incidents_feature_count(const incmap_incidents *inc); /* features */
/* Borrowed: valid until the collection changes or is destroyed. */
INCMAP_API const incmap_feature *incmap_incidents_feature(const incmap_incidents *inc, size_t i);

/* Appends a deep copy of `f` (strings and geometry copied). */
INCMAP_API incmap_status incmap_incidents_add(incmap_incidents *inc, incmap_ctx *ctx,
                                              const incmap_feature *f);
/* Sets the `report` of every feature to a copy of REPORT (NULL clears it): the report's id or
 * file name, which with the incident number keys a feature across reports. On failure
 * (INCMAP_ERR_NOMEM) the collection is unchanged. */
INCMAP_API incmap_status incmap_incidents_set_report(incmap_incidents *inc, incmap_ctx *ctx,
                                                     const char *report);
/* Sets the `source` of every feature to a copy of SOURCE (NULL clears it), as set_report(). */
INCMAP_API incmap_status incmap_incidents_set_source(incmap_incidents *inc, incmap_ctx *ctx,
                                                     const char *source);
/* A feature with every field unknown (-1 / NaN / NULL) and role MENTION: start from this. */
INCMAP_API incmap_feature incmap_feature_init(void);

INCMAP_API const char *incmap_role_str(incmap_role r);   /* "launch", ... */
INCMAP_API incmap_role incmap_role_parse(const char *s); /* 0 when unknown */

#ifdef __cplusplus
}
#endif
#endif

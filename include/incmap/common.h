/* incmap: shared basics of the public API (export macro, status codes, small value types).
 * Public headers include only <stddef.h>, <stdint.h> and <stdbool.h>. */
#ifndef INCMAP_COMMON_H
#define INCMAP_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(INCMAP_BUILDING)
#define INCMAP_API __attribute__((visibility("default")))
#else
#define INCMAP_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Every function that does work returns one of these; the detail is in incmap_ctx_message(). */
typedef enum {
    INCMAP_OK = 0,
    INCMAP_ERR_NOMEM,
    INCMAP_ERR_INVALID_ARG, /* a bad argument or option value */
    INCMAP_ERR_IO,          /* a file could not be read or written */
    INCMAP_ERR_PARSE,       /* input is malformed (bad UTF-8, bad GeoJSON, corrupt gazetteer) */
    INCMAP_ERR_NOT_FOUND,   /* nothing matched */
    INCMAP_ERR_AMBIGUOUS,
    INCMAP_ERR_LIMIT, /* input over a documented size limit */
    INCMAP_ERR_PROJ,
    INCMAP_ERR_GDAL,
    INCMAP_ERR_RENDER
} incmap_status;

/* A longitude/latitude pair in degrees, WGS84, always in that order. */
typedef struct {
    double lon_deg, lat_deg;
} incmap_lonlat;

/* Static string naming a status ("out of memory", ...). */
INCMAP_API const char *incmap_status_str(incmap_status st);

/* Library version, e.g. "0.1.0". Static string. */
INCMAP_API const char *incmap_version(void);

/* The versions of the libraries the core library uses at run time, one "name version" a line
 * ("cJSON 1.7.15\n"). Static string. (PROJ's geodesics are loaded on first use: not listed.) */
INCMAP_API const char *incmap_dependency_versions(void);

/* Frees memory the library returned as a plain buffer (documented per function). NULL is a no-op.
 */
INCMAP_API void incmap_free(void *p);

#ifdef __cplusplus
}
#endif
#endif

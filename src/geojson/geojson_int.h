/* Internal header of the GeoJSON stage (src/geojson/): the incident property schema shared by
 * the writer (geojson_write.c) and the reader (geojson_read.c), so that both sides agree on every
 * key, its type, its valid range and how it is rounded (the table is in geojson_schema.c; the
 * schema is documented at the top of geojson_write.c), and the reader's internals. */
#ifndef INCMAP_GEOJSON_INT_H
#define INCMAP_GEOJSON_INT_H

#include "core/core.h"

/* Input limits of the reader (documented in the README). */
#define INCMAP_GEOJSON_MAX_BYTES ((size_t)64 << 20)
#define INCMAP_GEOJSON_MAX_POSITIONS ((size_t)5000000)
/* JSON values (numbers, strings, arrays, ...) counted before cJSON builds its tree, so a hostile
 * file cannot make the parser allocate gigabytes of nodes: enough for 5,000,000 positions. */
#define INCMAP_GEOJSON_MAX_VALUES ((size_t)20000000)
#define INCMAP_GEOJSON_SCHEMA 1

typedef enum {
    GJ_STR,  /* char *, NULL = null */
    GJ_DATE, /* char * "YYYY-MM-DD", NULL = null: a string in GeoJSON, a date field through OGR */
    GJ_INT,  /* int, -1 = null */
    GJ_LONG, /* long, -1 = null */
    GJ_REAL, /* double, NaN = null */
    GJ_KIND  /* incmap_kind, INCMAP_KIND_ANY = null */
} gj_type;

/* One property of the schema, after "incident" and "role" (which are handled by hand). */
typedef struct {
    const char *key;
    gj_type type;
    size_t offset;   /* into incmap_feature */
    double min, max; /* valid range of numbers (inclusive) */
    int decimals;    /* GJ_REAL: decimals written */
} gj_prop;

#define GJ_NPROPS 20 /* entries of incmap_geojson_props */
extern const gj_prop incmap_geojson_props[GJ_NPROPS];

/* A feature's "id": "<incident>-<role>-<serial>", or "m-<role>-<serial>" for a mention. */
void incmap_geojson_feature_id(const incmap_feature *f, size_t serial, char *out, size_t n);
/* The serial of each feature's id (see incmap_geojson_feature_id), in model order: an array of
 * incmap_incidents_feature_count() entries (owned: free()), NULL when out of memory. */
size_t *incmap_geojson_id_serials(const incmap_incidents *inc);
/* V rounded to DECIMALS (0..6) places, never -0: how numbers and coordinates are written. */
double incmap_geojson_round(double v, int decimals);

/* "country", "admin1", ... or NULL for INCMAP_KIND_ANY. */
const char *incmap_geojson_kind_name(incmap_kind k);
/* False when s names no kind. */
bool incmap_geojson_kind_parse(const char *s, incmap_kind *out);

/* ---- writer internals (geojson_write.c, geojson_text.c) ---- */

/* The JSON text of one feature (or of a whole document for incmap_geojson_write), grown with
 * incmap_grow; once an append fails, `failed` stays set and every later append is a no-op. */
typedef struct {
    char *s; /* NUL-terminated; free() */
    size_t len, cap;
    bool failed;
} gj_buf;

/* Appends to B; false when out of memory. */
bool incmap_gjw_put(gj_buf *b, const char *s, size_t n);
bool incmap_gjw_puts(gj_buf *b, const char *s);
/* S (NUL-terminated) as a JSON string, escaped exactly as cJSON_Print escapes it; _esc without
 * the quotes. */
bool incmap_gjw_str(gj_buf *b, const char *s);
bool incmap_gjw_esc(gj_buf *b, const char *s);
/* The finite number V exactly as cJSON_Print prints it; DECIMALS (0..6) says V was rounded to
 * that many decimals (round(v * 10^d) / 10^d, or an integer for 0), which lets the common case
 * skip printf and strtod. Any other V is still printed right, by cJSON itself. */
bool incmap_gjw_num(gj_buf *b, double v, int decimals);

/* ---- reader internals (geojson_read.c, geojson_read_geom.c) ---- */
struct cJSON;

/* Geometry being read: flat arrays that become one incmap_geom. Reused across features. */
typedef struct {
    double *xy;
    size_t n, cap; /* vertices */
    size_t *rings;
    size_t nr, rcap;
    size_t *polys;
    size_t np, pcap;
} gj_geombuf;

typedef struct {
    incmap_ctx *ctx;
    const char *name; /* file name, for messages */
    char path[192];   /* JSON path of the member being read */
    size_t plen;
    size_t positions;
    size_t skipped; /* features without geometry */
    gj_geombuf g;
} gj_reader;

/* Append ".key" ("key" at the top level) or "[i]" to the JSON path; return the length to pop
 * back to. Called for every member and position read, so no printf. */
size_t incmap_gjr_push_key(gj_reader *r, const char *key);
size_t incmap_gjr_push_index(gj_reader *r, size_t i);
void incmap_gjr_pop(gj_reader *r, size_t len);
/* Sets "<name>: <path>: <message>" on the ctx and returns st. */
incmap_status incmap_gjr_fail(gj_reader *r, incmap_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
incmap_status incmap_gjr_nomem(gj_reader *r);
const char *incmap_gjr_type(const struct cJSON *v); /* "null", "number", ... */
/* A string from the file made safe to quote in a one-line message: at most 40 bytes, cut at a
 * character boundary, control characters and invalid UTF-8 shown as '?'. Returns out. */
const char *incmap_gjr_quote(const char *s, char out[48]);
const struct cJSON *incmap_gjr_member(const struct cJSON *obj, const char *key);
/* Reads the geometry at r's path. *out stays NULL for a null or empty geometry (to skip). */
incmap_status incmap_gjr_geometry(gj_reader *r, const struct cJSON *geom, incmap_geom **out);

#endif

/* Internal: the gazetteer's binary index, written by `incmap gazetteer build` (src/build/) and
 * memory-mapped by gazetteer.c. Layout is private to gzindex.c; this is the writer's contract.
 * The writer is deterministic: the same entries and names in any order give the same bytes. */
#ifndef INCMAP_GZINDEX_H
#define INCMAP_GZINDEX_H

#include "incmap/gazetteer.h"

typedef struct incmap_gzw incmap_gzw;

typedef struct {
    const char *id;   /* unique, "source:key" */
    const char *name; /* display name (UTF-8) */
    incmap_kind kind;
    const char *country;      /* ISO alpha-2 or NULL */
    const char *admin1;       /* admin-1 name or NULL */
    const char *feature_code; /* GeoNames feature code or NULL */
    double lon_deg, lat_deg;  /* representative point (inside the area for polygons) */
    int64_t population;       /* -1 unknown */
    const incmap_geom *area;  /* polygon/multipolygon or NULL; copied */
} incmap_gzw_entry;

incmap_gzw *incmap_gzw_create(incmap_ctx *ctx);
void incmap_gzw_destroy(incmap_gzw *w);

/* Adds an entry (its display name is indexed as INCMAP_MATCH_EXACT). Returns its index or -1 on
 * error (duplicate id, no memory; see ctx). */
int64_t incmap_gzw_add_entry(incmap_gzw *w, const incmap_gzw_entry *e);
/* Index of the entry with this id, or -1. */
int64_t incmap_gzw_find(const incmap_gzw *w, const char *id);
/* Adds another name for entry `idx` (folded by the writer; duplicates are merged, best tier kept).
 */
incmap_status incmap_gzw_add_name(incmap_gzw *w, int64_t idx, const char *name, incmap_match tier);
/* Stores the shared border of two countries (order of codes does not matter). */
incmap_status incmap_gzw_add_border(incmap_gzw *w, const char *cc_a, const char *cc_b,
                                    const incmap_geom *line);
/* Writes the index atomically (temporary file + rename). */
incmap_status incmap_gzw_write(incmap_gzw *w, const char *path);
/* The same index image in memory (owned: free()), for tests and tools. */
incmap_status incmap_gzw_write_mem(incmap_gzw *w, void **data, size_t *len);
/* Recomputes the block checksums, their hash and the header hash of an index image in place
 * (the writer's last step). Exposed so that tests and the fuzz target can damage an image's
 * structure behind the checksums' back and exercise the reader's own bounds checks. Does
 * nothing when the header's block layout does not fit the image. */
void incmap_gz_seal(void *image, size_t len);

#endif

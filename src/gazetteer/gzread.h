/* Internal: the open gazetteer (a checked view of a memory-mapped index), shared by gazetteer.c
 * (open, entries, geometry, borders) and gzlookup.c (name lookup, ranking, suggestions). */
#ifndef INCMAP_GZREAD_H
#define INCMAP_GZREAD_H

#include "core/core.h"
#include "gazetteer/gzformat.h"

struct incmap_gazetteer {
    unsigned char *base; /* the whole index image */
    size_t size;
    bool mapped; /* munmap (true) or free (false) */
    char *idx_path, *gpkg_path;
    gz_header h;
    const uint32_t *offs;
    const unsigned char *entries;
    uint64_t entries_len;
    const gz_sum *sums;
    const gz_slot *table;
    uint64_t table_mask;
    const uint32_t *posts;
    uint64_t nposts;
    const char *keystr;
    uint64_t keystr_len;
    const gz_geom *geoms;
    const unsigned char *gdata;
    uint64_t gdata_len;
    const gz_country *countries;
    const gz_border *borders;
    const uint32_t *sugdir;   /* GZ_SUGDIR_COUNT + 1 offsets into keystr */
    const uint32_t *bloomdir; /* GZ_SUGDIR_COUNT + 1 word offsets into bloom */
    const uint64_t *bloom;
    char why[96]; /* what check_header found wrong */
};

/* Entry i after checking its record lies inside the file and is well-formed; NULL when not
 * (a corrupt index). */
const gz_rec *incmap_gz_entry(const incmap_gazetteer *gz, uint32_t i);

/* Reports a corrupt index on ctx ("gazetteer index X is corrupt: what") and returns the status. */
incmap_status incmap_gz_corrupt(const incmap_gazetteer *gz, incmap_ctx *ctx, const char *what);

/* Postings of a folded key: *posts and *n, or *n = 0 when absent. False when the tables that lead
 * to it are corrupt. */
bool incmap_gz_find_key(const incmap_gazetteer *gz, const char *key, size_t len,
                        const uint32_t **posts, size_t *n);

#endif

/* Internal: the open gazetteer (a checked view of a memory-mapped index), shared by gazetteer.c
 * (open, checks), gzentry.c (entries), gzgeom.c (geometry, borders), gzlookup.c (name lookup,
 * ranking) and gzsuggest.c (suggestions). */
#ifndef INCMAP_GZREAD_H
#define INCMAP_GZREAD_H

#include "core/core.h"
#include "gazetteer/gzformat.h"

#include <stdatomic.h>

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
    /* Lazy integrity: a block of the file is checked against its checksum the first time
     * anything is read from it (incmap_gz_span_ok); `verified` has a bit per block, set with
     * atomic ORs so that threads sharing the gazetteer at worst check a block twice. */
    const uint64_t *blocksums;
    uint64_t nblocks, data_end;
    unsigned block_shift;
    _Atomic uint64_t *verified;
    char why[96]; /* what check_header found wrong */
    /* In-memory indexes built on first use (gzspatial.c), GZ_LAZY_COUNT slots: each is one
     * malloc'ed block, published with a compare-and-swap (threads racing to build one keep the
     * first and free theirs) and freed with free() on close. */
    _Atomic(void *) *lazy;
};

enum { GZ_LAZY_NEAREST = 0, GZ_LAZY_AREAS, GZ_LAZY_COUNT };

/* A geometry of GEOMS read in place: its record and arrays inside the mapped index. */
typedef struct {
    const gz_geom *g;
    const double *xy;
    const uint32_t *ring_end, *poly_end;
} gz_geom_view;

/* Checks geometry GI (bounds, checksums, ring and polygon order) and fills V; NULL, or what is
 * wrong (for incmap_gz_corrupt). */
const char *incmap_gz_geom_view(const incmap_gazetteer *gz, uint32_t gi, gz_geom_view *v);

/* Checks the blocks of [first, last] that are not yet known good; false when one does not
 * match its checksum (the file is damaged). */
bool incmap_gz_verify_blocks(const incmap_gazetteer *gz, uint64_t first, uint64_t last);

/* True when the LEN bytes at P (inside the index image, below BLOCKSUMS) match their checksums.
 * Every read of the image goes through this first: after the first time, one bit test. */
static inline bool incmap_gz_span_ok(const incmap_gazetteer *gz, const void *p, uint64_t len)
{
    uint64_t off = (uint64_t)((const unsigned char *)p - gz->base);
    if (len == 0) {
        return true;
    }
    uint64_t first = off >> gz->block_shift, last = (off + len - 1) >> gz->block_shift;
    for (uint64_t b = first; b <= last; b++) {
        uint64_t bits = atomic_load_explicit(&gz->verified[b >> 6], memory_order_acquire);
        if ((bits & (1ull << (b & 63))) == 0) {
            return incmap_gz_verify_blocks(gz, b, last);
        }
    }
    return true;
}

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

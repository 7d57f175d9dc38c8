/* Internal: the gazetteer index writer's state, shared by gzindex.c (collecting entries, names
 * and borders) and gzindex_write.c (ordering and serialising them). */
#ifndef INCMAP_GZWRITER_H
#define INCMAP_GZWRITER_H

#include "core/core.h"
#include "gazetteer/gzindex.h"

typedef struct {
    char *id, *name, *admin1, *fcode;
    incmap_kind kind;
    char cc[3];
    double lon_deg, lat_deg;
    int64_t population;
    incmap_geom *area;
} wentry;

typedef struct {
    uint64_t hash;
    const char *key; /* in the arena */
    uint32_t len;
    uint32_t entry; /* insertion index until write */
    uint8_t tier;
    bool derived; /* an article-less or skeleton form, not a name someone wrote */
} wname;

typedef struct {
    char a[3], b[3];
    incmap_geom *line;
} wborder;

typedef struct arena_block {
    struct arena_block *next;
    size_t used, cap;
    char data[];
} arena_block;

struct incmap_gzw {
    incmap_ctx *ctx;
    wentry *entries;
    size_t nentries, cap_entries;
    int64_t *idmap; /* open addressing on the id hash: entry index or -1 */
    size_t idmap_cap;
    wname *names;
    size_t nnames, cap_names;
    wborder *borders;
    size_t nborders, cap_borders;
    arena_block *arena;
};

#endif

/* The gazetteer index writer's second half: orders entries by id and keys by hash, merges
 * duplicate names, and lays the index out (gzformat.h) in one buffer, written atomically. Same
 * entries and names in any order give the same bytes. Hand-written with the format it writes
 * (gzformat.h says why the format is ours). */
#include "gazetteer/gzformat.h"
#include "gazetteer/gzwriter.h"
#include "gazetteer/rank.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int cmp_entry_id(const void *a, const void *b)
{
    return strcmp((*(const wentry *const *)a)->id, (*(const wentry *const *)b)->id);
}

static int cmp_name(const void *a, const void *b)
{
    const wname *x = a, *y = b;
    if (x->hash != y->hash) {
        return x->hash < y->hash ? -1 : 1;
    }
    int c = strcmp(x->key, y->key);
    if (c != 0) {
        return c;
    }
    if (x->entry != y->entry) {
        return x->entry < y->entry ? -1 : 1;
    }
    return (int)x->tier - (int)y->tier;
}

static int cmp_posting(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    uint32_t tx = x & 7u, ty = y & 7u;
    if (tx != ty) {
        return tx < ty ? -1 : 1;
    }
    return x < y ? -1 : x > y;
}

static int cmp_border(const void *a, const void *b)
{
    const wborder *x = a, *y = b;
    int c = strcmp(x->a, y->a);
    return c != 0 ? c : strcmp(x->b, y->b);
}

static uint64_t align8(uint64_t n)
{
    return (n + 7) & ~(uint64_t)7;
}

static bool geom_consistent(const incmap_geom *g)
{
    size_t prev = 0;
    for (size_t i = 0; i < g->nrings; i++) {
        if (g->ring_end[i] < prev || g->ring_end[i] > g->npoints) {
            return false;
        }
        prev = g->ring_end[i];
    }
    prev = 0;
    for (size_t i = 0; i < g->npolys; i++) {
        if (g->poly_end[i] < prev || g->poly_end[i] > g->nrings) {
            return false;
        }
        prev = g->poly_end[i];
    }
    return g->npoints <= UINT32_MAX && g->nrings <= UINT32_MAX;
}

static void put_geom(unsigned char *img, const gz_header *h, uint32_t gi, uint64_t *data_pos,
                     const incmap_geom *g)
{
    gz_geom *rec = (gz_geom *)(img + h->sections[GZ_SEC_GEOMS].off) + gi;
    unsigned char *data = img + h->sections[GZ_SEC_GEOMDATA].off + *data_pos;
    *rec = (gz_geom){(uint32_t)g->type, (uint32_t)g->npoints, (uint32_t)g->nrings,
                     (uint32_t)g->npolys, *data_pos};
    if (g->npoints > 0) {
        memcpy(data, g->xy, 16 * g->npoints);
    }
    uint32_t *ends = (uint32_t *)(data + 16 * g->npoints);
    for (size_t i = 0; i < g->nrings; i++) {
        *ends++ = (uint32_t)g->ring_end[i];
    }
    for (size_t i = 0; i < g->npolys; i++) {
        *ends++ = (uint32_t)g->poly_end[i];
    }
    *data_pos += align8(gz_geom_bytes(g->npoints, g->nrings, g->npolys));
}

/* Which entry represents a country code: the one with an area, then the smallest id. */
static bool better_country(const wentry *cand, const wentry *cur)
{
    if ((cand->area != NULL) != (cur->area != NULL)) {
        return cand->area != NULL;
    }
    return false; /* entries are visited by id: the first one wins a tie */
}

typedef struct {
    uint32_t *order;     /* new index -> insertion index */
    uint32_t *rank;      /* insertion index -> new index */
    uint32_t *posts;     /* postings, key by key */
    uint32_t *key_first; /* per unique key: its first name in w->names */
    bool *key_written;   /* per unique key: someone wrote it (it goes to KEYSTR) */
    uint32_t *key_post;  /* per unique key + 1: start in posts */
    uint32_t *sugg;      /* written keys in KEYSTR order (suggestion groups) */
    size_t nkeys, nposts, nsugg;
    bool remapped; /* names hold final entry indices */
} layout;

static void layout_free(layout *l)
{
    free(l->order);
    free(l->rank);
    free(l->posts);
    free(l->key_first);
    free(l->key_written);
    free(l->key_post);
    free(l->sugg);
}

static const wname *sort_names; /* qsort has no user pointer; the writer is not reentrant here */

static int cmp_sugg(const void *a, const void *b)
{
    const wname *x = sort_names + *(const uint32_t *)a, *y = sort_names + *(const uint32_t *)b;
    uint32_t gx = gz_sug_group(x->key, x->len), gy = gz_sug_group(y->key, y->len);
    if (gx != gy) {
        return gx < gy ? -1 : 1;
    }
    return strcmp(x->key, y->key);
}

/* Written keys ordered by suggestion group (first byte, length class), then bytes. */
static bool sugg_order(const incmap_gzw *w, layout *l)
{
    l->sugg = malloc((l->nkeys + 1) * sizeof *l->sugg);
    if (l->sugg == NULL) {
        return false;
    }
    for (size_t k = 0; k < l->nkeys; k++) {
        if (l->key_written[k]) {
            l->sugg[l->nsugg++] = l->key_first[k];
        }
    }
    sort_names = w->names;
    if (l->nsugg > 1) {
        qsort(l->sugg, l->nsugg, sizeof *l->sugg, cmp_sugg);
    }
    sort_names = NULL;
    return true;
}

/* Orders entries and names and merges duplicate (key, entry) pairs, keeping the best tier. */
static bool plan(incmap_gzw *w, layout *l)
{
    size_t n = w->nentries;
    l->order = malloc((n + 1) * sizeof *l->order);
    l->rank = malloc((n + 1) * sizeof *l->rank);
    l->posts = malloc((w->nnames + 1) * sizeof *l->posts);
    l->key_first = malloc((w->nnames + 1) * sizeof *l->key_first);
    l->key_post = malloc((w->nnames + 2) * sizeof *l->key_post);
    l->key_written = calloc(w->nnames + 1, sizeof *l->key_written);
    if (!l->order || !l->rank || !l->posts || !l->key_first || !l->key_post || !l->key_written) {
        return false;
    }
    const wentry **by_id = malloc((n + 1) * sizeof *by_id);
    if (by_id == NULL) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        by_id[i] = &w->entries[i];
    }
    if (n > 1) { /* qsort(NULL, 0, ...) is undefined: every sort here is guarded */
        qsort(by_id, n, sizeof *by_id, cmp_entry_id);
    }
    for (size_t i = 0; i < n; i++) {
        l->order[i] = (uint32_t)(by_id[i] - w->entries);
    }
    free(by_id);
    for (size_t i = 0; i < n; i++) {
        l->rank[l->order[i]] = (uint32_t)i;
    }
    for (size_t i = 0; i < w->nnames; i++) {
        w->names[i].entry = l->rank[w->names[i].entry];
    }
    l->remapped = true;
    if (w->nnames > 1) {
        qsort(w->names, w->nnames, sizeof *w->names, cmp_name);
    }
    for (size_t i = 0; i < w->nnames;) {
        size_t j = i, start = l->nposts;
        l->key_first[l->nkeys] = (uint32_t)i;
        l->key_post[l->nkeys++] = (uint32_t)start;
        for (; j < w->nnames && w->names[j].hash == w->names[i].hash &&
               strcmp(w->names[j].key, w->names[i].key) == 0;
             j++) {
            l->key_written[l->nkeys - 1] |= !w->names[j].derived;
            if (j == i || w->names[j].entry != w->names[j - 1].entry) {
                l->posts[l->nposts++] = w->names[j].entry << GZ_POST_TIER_BITS | w->names[j].tier;
            }
        }
        if (l->nposts - start > 1) {
            qsort(l->posts + start, l->nposts - start, sizeof *l->posts, cmp_posting);
        }
        i = j;
    }
    l->key_post[l->nkeys] = (uint32_t)l->nposts;
    if (w->nborders > 1) {
        qsort(w->borders, w->nborders, sizeof *w->borders, cmp_border);
    }
    return sugg_order(w, l);
}

static gz_sum summary(const wentry *e)
{
    gz_sum s;
    memset(&s, 0, sizeof s);
    s.kind = (uint8_t)e->kind;
    memcpy(s.cc, e->cc, 2);
    bool seat = e->kind == INCMAP_KIND_PLACE &&
                (strcmp(e->fcode, "PPLC") == 0 || strcmp(e->fcode, "PPLA") == 0 ||
                 strcmp(e->fcode, "PPLA2") == 0);
    s.flags = seat ? GZ_SUM_SEAT : 0;
    if (e->kind == INCMAP_KIND_SITE) {
        bool airport = strcmp(e->fcode, "AIRP") == 0;
        bool military = strcmp(e->fcode, "AIRB") == 0 || strcmp(e->fcode, "MILB") == 0;
        s.flags |= (uint8_t)((airport ? GZ_SUM_AIRPORT : 0) | (military ? GZ_SUM_MILITARY : 0));
    }
    s.importance =
        (float)incmap_rank_importance(&incmap_rank_lookup_prior, e->kind, e->fcode, e->population);
    return s;
}

static size_t entry_bytes(const wentry *e)
{
    return align8(sizeof(gz_rec) + strlen(e->id) + strlen(e->name) + strlen(e->admin1) +
                  strlen(e->fcode) + 4);
}

static void put_entry(unsigned char *dst, const wentry *e, uint32_t geom)
{
    gz_rec r;
    memset(&r, 0, sizeof r);
    r.lon_deg = e->lon_deg;
    r.lat_deg = e->lat_deg;
    r.population = e->population;
    r.geom = geom;
    r.kind = (uint8_t)e->kind;
    memcpy(r.cc, e->cc, sizeof r.cc);
    const char *f[4] = {e->id, e->name, e->admin1, e->fcode};
    uint16_t *lens[4] = {&r.len_id, &r.len_name, &r.len_admin1, &r.len_fcode};
    size_t pos = sizeof r;
    for (int k = 0; k < 4; k++) {
        size_t len = strlen(f[k]);
        *lens[k] = (uint16_t)len;
        memcpy(dst + pos, f[k], len + 1);
        pos += len + 1;
    }
    memcpy(dst, &r, sizeof r);
}

static incmap_status build_image(incmap_gzw *w, const layout *l, unsigned char **out,
                                 size_t *out_len)
{
    size_t n = w->nentries, ngeoms = 0, ncountries = 0;
    uint64_t sz[GZ_SEC_COUNT] = {0};
    uint32_t bits = 4; /* load factor at most 0.7: probes stay within a cache line or two */
    while ((double)((size_t)1 << bits) * 0.7 < (double)l->nkeys) {
        bits++;
    }
    sz[GZ_SEC_ENTRY_OFFS] = 4 * ((uint64_t)n + 1);
    sz[GZ_SEC_SUMMARY] = sizeof(gz_sum) * (uint64_t)n;
    for (size_t i = 0; i < n; i++) {
        const wentry *e = &w->entries[i];
        sz[GZ_SEC_ENTRIES] += entry_bytes(e);
        if (e->area != NULL) {
            if (!geom_consistent(e->area)) {
                return incmap_fail(w->ctx, INCMAP_ERR_INVALID_ARG, "area of %s is malformed",
                                   e->id);
            }
            ngeoms++;
            sz[GZ_SEC_GEOMDATA] +=
                align8(gz_geom_bytes(e->area->npoints, e->area->nrings, e->area->npolys));
        }
        ncountries += e->kind == INCMAP_KIND_COUNTRY && e->cc[0] != '\0';
    }
    for (size_t i = 0; i < w->nborders; i++) {
        const incmap_geom *g = w->borders[i].line;
        if (!geom_consistent(g)) {
            return incmap_fail(w->ctx, INCMAP_ERR_INVALID_ARG, "border line %s-%s is malformed",
                               w->borders[i].a, w->borders[i].b);
        }
        ngeoms++;
        sz[GZ_SEC_GEOMDATA] += align8(gz_geom_bytes(g->npoints, g->nrings, g->npolys));
    }
    sz[GZ_SEC_TABLE] = sizeof(gz_slot) * ((uint64_t)1 << bits);
    for (size_t k = 0; k < l->nkeys; k++) {
        uint32_t count = l->key_post[k + 1] - l->key_post[k];
        sz[GZ_SEC_POSTINGS] += count > 1 ? 4 * (uint64_t)count : 0;
    }
    for (size_t k = 0; k < l->nkeys; k++) {
        sz[GZ_SEC_KEYSTR] += l->key_written[k] ? w->names[l->key_first[k]].len + 1 : 0;
    }
    sz[GZ_SEC_GEOMS] = sizeof(gz_geom) * (uint64_t)ngeoms;
    sz[GZ_SEC_COUNTRIES] = sizeof(gz_country) * (uint64_t)ncountries;
    sz[GZ_SEC_BORDERS] = sizeof(gz_border) * (uint64_t)w->nborders;
    sz[GZ_SEC_SUGDIR] = 4 * ((uint64_t)GZ_SUGDIR_COUNT + 1);
    sz[GZ_SEC_BLOOMDIR] = sz[GZ_SEC_SUGDIR];
    /* Bloom words per key group: keys counted per group, then turned into word offsets */
    uint32_t *bdir = calloc(GZ_SUGDIR_COUNT + 1, sizeof *bdir);
    if (bdir == NULL) {
        return incmap_fail(w->ctx, INCMAP_ERR_NOMEM, "out of memory writing the gazetteer index");
    }
    for (size_t k = 0; k < l->nkeys; k++) {
        const wname *nm = &w->names[l->key_first[k]];
        bdir[gz_sug_group(nm->key, nm->len)]++;
    }
    uint64_t bloom_words = 0;
    for (uint32_t g = 0; g < GZ_SUGDIR_COUNT; g++) {
        uint64_t words = ((uint64_t)bdir[g] * GZ_BLOOM_BITS_PER_KEY + 63) / 64;
        bdir[g] = (uint32_t)bloom_words;
        bloom_words += words;
    }
    bdir[GZ_SUGDIR_COUNT] = (uint32_t)bloom_words;
    sz[GZ_SEC_BLOOM] = 8 * bloom_words;

    gz_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, GZ_MAGIC, 8);
    h.version = GZ_VERSION;
    h.nsections = GZ_SEC_COUNT;
    uint64_t pos = GZ_HEADER_SIZE;
    for (int s = 0; s < GZ_SEC_BLOCKSUMS; s++) {
        h.sections[s].off = pos;
        h.sections[s].len = sz[s];
        pos = align8(pos + sz[s]);
    }
    /* the block checksums come last and cover every byte before them */
    h.block_shift = GZ_BLOCK_SHIFT;
    uint64_t nblocks = (pos + ((uint64_t)1 << GZ_BLOCK_SHIFT) - 1) >> GZ_BLOCK_SHIFT;
    h.sections[GZ_SEC_BLOCKSUMS].off = pos;
    h.sections[GZ_SEC_BLOCKSUMS].len = 8 * nblocks;
    pos += 8 * nblocks;
    if (sz[GZ_SEC_KEYSTR] > UINT32_MAX || sz[GZ_SEC_ENTRIES] > UINT32_MAX) {
        free(bdir);
        return incmap_fail(w->ctx, INCMAP_ERR_LIMIT, "gazetteer index over 4 GiB of names");
    }
    h.file_size = pos;
    h.nentries = (uint32_t)n;
    h.nkeys = (uint32_t)l->nkeys;
    h.table_bits = bits;
    h.ngeoms = (uint32_t)ngeoms;
    h.nborders = (uint32_t)w->nborders;
    h.ncountries = 0; /* counted below: duplicate codes keep one entry */
    h.bloom_words = (uint32_t)bloom_words;

    unsigned char *img = calloc(1, pos);
    if (img == NULL) {
        free(bdir);
        return incmap_fail(w->ctx, INCMAP_ERR_NOMEM, "out of memory writing the gazetteer index");
    }
    memcpy(img + h.sections[GZ_SEC_BLOOMDIR].off, bdir, 4 * ((size_t)GZ_SUGDIR_COUNT + 1));
    uint32_t *offs = (uint32_t *)(img + h.sections[GZ_SEC_ENTRY_OFFS].off);
    gz_country *cty = (gz_country *)(img + h.sections[GZ_SEC_COUNTRIES].off);
    uint64_t epos = 0, gpos = 0;
    uint32_t gi = 0;
    for (size_t i = 0; i < n; i++) {
        const wentry *e = &w->entries[l->order[i]];
        offs[i] = (uint32_t)epos;
        uint32_t geom = 0;
        if (e->area != NULL) {
            put_geom(img, &h, gi, &gpos, e->area);
            geom = ++gi;
        }
        put_entry(img + h.sections[GZ_SEC_ENTRIES].off + epos, e, geom);
        ((gz_sum *)(img + h.sections[GZ_SEC_SUMMARY].off))[i] = summary(e);
        epos += entry_bytes(e);
        if (e->kind == INCMAP_KIND_COUNTRY && e->cc[0] != '\0') {
            size_t c = 0;
            while (c < h.ncountries && strcmp(cty[c].cc, e->cc) != 0) {
                c++;
            }
            if (c == h.ncountries) {
                memcpy(cty[c].cc, e->cc, 2);
                cty[c].entry = (uint32_t)i;
                h.ncountries++;
            } else if (better_country(e, &w->entries[l->order[cty[c].entry]])) {
                cty[c].entry = (uint32_t)i;
            }
        }
    }
    offs[n] = (uint32_t)epos;
    /* single postings live in their table slot */
    uint32_t *posts = (uint32_t *)(img + h.sections[GZ_SEC_POSTINGS].off);
    size_t np = 0;
    for (size_t k = 0; k < l->nkeys; k++) {
        uint32_t start = l->key_post[k], count = l->key_post[k + 1] - start;
        if (count > 1) {
            memcpy(posts + np, l->posts + start, 4 * (size_t)count);
            np += count;
        }
    }
    /* countries were appended in id order; the reader binary-searches them by code */
    for (size_t a = 1; a < h.ncountries; a++) {
        for (size_t b = a; b > 0 && strcmp(cty[b - 1].cc, cty[b].cc) > 0; b--) {
            gz_country t = cty[b];
            cty[b] = cty[b - 1];
            cty[b - 1] = t;
        }
    }
    h.sections[GZ_SEC_COUNTRIES].len = sizeof(gz_country) * (uint64_t)h.ncountries;
    gz_border *bord = (gz_border *)(img + h.sections[GZ_SEC_BORDERS].off);
    for (size_t i = 0; i < w->nborders; i++) {
        memcpy(bord[i].a, w->borders[i].a, 2);
        memcpy(bord[i].b, w->borders[i].b, 2);
        bord[i].geom = gi;
        put_geom(img, &h, gi++, &gpos, w->borders[i].line);
    }
    gz_slot *table = (gz_slot *)(img + h.sections[GZ_SEC_TABLE].off);
    uint64_t *bloom = (uint64_t *)(img + h.sections[GZ_SEC_BLOOM].off);
    uint64_t mask = ((uint64_t)1 << bits) - 1;
    np = 0;
    for (size_t k = 0; k < l->nkeys; k++) {
        uint32_t start = l->key_post[k], count = l->key_post[k + 1] - start;
        const wname *nm = &w->names[l->key_first[k]];
        uint64_t at = nm->hash & mask;
        uint32_t probe = 0;
        while (table[at].post_count != 0) {
            at = (at + 1) & mask;
            probe++;
        }
        h.max_probe = probe > h.max_probe ? probe : h.max_probe;
        table[at] = (gz_slot){nm->hash, count == 1 ? l->posts[start] : (uint32_t)np, count};
        np += count > 1 ? count : 0;
        uint32_t g = gz_sug_group(nm->key, nm->len);
        bloom[bdir[g] + gz_bloom_word(nm->hash, bdir[g + 1] - bdir[g])] |= gz_bloom_mask(nm->hash);
    }
    /* KEYSTR by suggestion group; SUGDIR[g] is where group g starts, SUGDIR[count] the end */
    char *keystr = (char *)(img + h.sections[GZ_SEC_KEYSTR].off);
    uint32_t *dir = (uint32_t *)(img + h.sections[GZ_SEC_SUGDIR].off);
    uint64_t spos = 0;
    uint32_t group = 0;
    for (size_t i = 0; i < l->nsugg; i++) {
        const wname *nm = &w->names[l->sugg[i]];
        for (uint32_t g = gz_sug_group(nm->key, nm->len); group <= g; group++) {
            dir[group] = (uint32_t)spos;
        }
        memcpy(keystr + spos, nm->key, nm->len + 1);
        spos += nm->len + 1;
    }
    for (; group <= GZ_SUGDIR_COUNT; group++) {
        dir[group] = (uint32_t)spos;
    }
    free(bdir);
    memcpy(img, &h, sizeof h);
    incmap_gz_seal(img, pos);
    *out = img;
    *out_len = pos;
    return INCMAP_OK;
}

void incmap_gz_seal(void *image, size_t len)
{
    unsigned char *img = image;
    gz_header h;
    if (len < GZ_HEADER_SIZE) {
        return;
    }
    memcpy(&h, img, sizeof h);
    const gz_section *sums = &h.sections[GZ_SEC_BLOCKSUMS];
    if (h.block_shift < GZ_BLOCK_SHIFT_MIN || h.block_shift > GZ_BLOCK_SHIFT_MAX ||
        sums->off % 8 != 0 || sums->off < GZ_HEADER_SIZE || sums->off > len ||
        sums->len / 8 < ((sums->off + ((uint64_t)1 << h.block_shift) - 1) >> h.block_shift) ||
        sums->len > len - sums->off) {
        return; /* not a layout this function can seal (a fuzzer's image) */
    }
    uint64_t *sum = (uint64_t *)(img + sums->off);
    uint64_t bsize = (uint64_t)1 << h.block_shift, end = sums->off;
    for (uint64_t b = 0; b * bsize < end; b++) {
        uint64_t from = b == 0 ? GZ_HEADER_SIZE : b * bsize;
        uint64_t to = (b + 1) * bsize < end ? (b + 1) * bsize : end;
        sum[b] = gz_block_hash(img + from, from < to ? to - from : 0, b);
    }
    h.blocks_hash = gz_block_hash(sum, sums->len, GZ_BLOCKSUMS_SEED);
    h.header_hash = gz_header_hash(&h);
    memcpy(img, &h, sizeof h);
}

incmap_status incmap_gzw_write_mem(incmap_gzw *w, void **data, size_t *len)
{
    layout l;
    memset(&l, 0, sizeof l);
    unsigned char *img = NULL;
    incmap_status st;
    if (!plan(w, &l)) {
        st = incmap_fail(w->ctx, INCMAP_ERR_NOMEM, "out of memory ordering the gazetteer index");
    } else {
        st = build_image(w, &l, &img, len);
    }
    /* names now hold final entry indices: map them back so the writer stays usable */
    for (size_t i = 0; l.remapped && i < w->nnames; i++) {
        w->names[i].entry = l.order[w->names[i].entry];
    }
    layout_free(&l);
    *data = img;
    return st;
}

incmap_status incmap_gzw_write(incmap_gzw *w, const char *path)
{
    void *img = NULL;
    size_t len = 0;
    incmap_status st = incmap_gzw_write_mem(w, &img, &len);
    if (st == INCMAP_OK) {
        st = incmap_write_file_atomic(w->ctx, path, img, len);
    }
    free(img);
    return st;
}

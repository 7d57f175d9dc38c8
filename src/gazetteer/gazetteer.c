/* The gazetteer reader: maps the binary index, checks its header, section table and the table of
 * block checksums (and the few KB every lookup needs, so opening costs well under a millisecond
 * whatever the index size), and serves entries, countries, areas and border lines. Every block of
 * the file is checked against its checksum the first time it is read, and every record is
 * bounds-checked when it is touched: a damaged index is reported, never believed. Name lookup and
 * ranking are in gzlookup.c, the entries' fields in gzentry.c, geometries and borders in
 * gzgeom.c.
 * Hand-written because no Debian library offers a memory-mapped, bounds-checked name index that
 * opens without GDAL: this one opens in under 1 ms, and a whole `incmap lookup` takes 3.4-4 ms
 * (tests/bench/lookup-process.sh), about what an empty process costs (4 ms); loading libgdal
 * alone would cost 40 ms. */
#include "gazetteer/gzread.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* The build tree's gazetteer: the default only for programs run from the build tree (tests, the
 * quick start); installed programs search the data directories (core/datadir.c). */
#ifndef INCMAP_DEFAULT_GAZETTEER
#define INCMAP_DEFAULT_GAZETTEER NULL
#endif
#define GZ_FILE "incmap.gpkg"

/* Where the default gazetteer was searched for, "A, B, C" (for the message when it is missing). */
static const char *default_search(char *looked, size_t nlooked)
{
    static _Thread_local char path[PATH_MAX];
    const char *env = getenv("INCMAP_GAZETTEER");
    if (env != NULL && env[0] != '\0') {
        if (looked != NULL) {
            snprintf(looked, nlooked, "%s ($INCMAP_GAZETTEER)", env);
        }
        return env;
    }
    incmap_data_find(GZ_FILE, INCMAP_DEFAULT_GAZETTEER, path, sizeof path, looked, nlooked);
    return path;
}

const char *incmap_gazetteer_default_path(void)
{
    return default_search(NULL, 0);
}

incmap_status incmap_gz_corrupt(const incmap_gazetteer *gz, incmap_ctx *ctx, const char *what)
{
    /* a file problem (exit 4), like a missing index: the fix is rebuilding it, not the input */
    return incmap_fail(
        ctx, INCMAP_ERR_IO,
        "gazetteer index %s is corrupt: %s (rebuild it with `incmap gazetteer build`)",
        gz->idx_path != NULL ? gz->idx_path : "(memory)", what);
}

static bool section_ok(const gz_header *h, size_t size, int s, uint64_t want_len)
{
    const gz_section *sec = &h->sections[s];
    return sec->off >= GZ_HEADER_SIZE && sec->off % 8 == 0 && sec->off <= size &&
           sec->len <= size - sec->off && (want_len == UINT64_MAX || sec->len == want_len);
}

/* Checks the header and section table; returns NULL or what is wrong. */
static const char *check_header(incmap_gazetteer *gz)
{
    if (gz->size < GZ_HEADER_SIZE) {
        return gz->size >= 8 && memcmp(gz->base, GZ_MAGIC, 8) == 0 ? "truncated header"
                                                                   : "not an incmap index";
    }
    gz_header *h = &gz->h;
    memcpy(h, gz->base, sizeof *h);
    if (memcmp(h->magic, GZ_MAGIC, 8) != 0) {
        return "not an incmap index";
    }
    if (h->version != GZ_VERSION) {
        snprintf(gz->why, sizeof gz->why,
                 "was built by %s incmap (format version %u; this one reads %u)",
                 h->version < GZ_VERSION ? "an older" : "a newer", (unsigned)h->version,
                 GZ_VERSION);
        return gz->why;
    }
    if (h->header_hash != gz_header_hash(h) || h->nsections != GZ_SEC_COUNT) {
        return "damaged header";
    }
    if (h->file_size != gz->size) {
        return h->file_size > gz->size ? "truncated file" : "trailing bytes after the index";
    }
    if (h->table_bits < 1 || h->table_bits > 31 || h->nentries > GZ_MAX_ENTRIES ||
        h->block_shift < GZ_BLOCK_SHIFT_MIN || h->block_shift > GZ_BLOCK_SHIFT_MAX) {
        return "damaged header";
    }
    /* the checksums cover everything before them, so they must come last */
    uint64_t data_end = h->sections[GZ_SEC_BLOCKSUMS].off;
    uint64_t nblocks = (data_end + ((uint64_t)1 << h->block_shift) - 1) >> h->block_shift;
    const uint64_t want[GZ_SEC_COUNT] = {
        [GZ_SEC_ENTRY_OFFS] = 4 * ((uint64_t)h->nentries + 1),
        [GZ_SEC_ENTRIES] = UINT64_MAX,
        [GZ_SEC_SUMMARY] = sizeof(gz_sum) * (uint64_t)h->nentries,
        [GZ_SEC_TABLE] = sizeof(gz_slot) * ((uint64_t)1 << h->table_bits),
        [GZ_SEC_POSTINGS] = UINT64_MAX,
        [GZ_SEC_KEYSTR] = UINT64_MAX,
        [GZ_SEC_GEOMS] = sizeof(gz_geom) * (uint64_t)h->ngeoms,
        [GZ_SEC_GEOMDATA] = UINT64_MAX,
        [GZ_SEC_COUNTRIES] = sizeof(gz_country) * (uint64_t)h->ncountries,
        [GZ_SEC_BORDERS] = sizeof(gz_border) * (uint64_t)h->nborders,
        [GZ_SEC_SUGDIR] = 4 * ((uint64_t)GZ_SUGDIR_COUNT + 1),
        [GZ_SEC_BLOOMDIR] = 4 * ((uint64_t)GZ_SUGDIR_COUNT + 1),
        [GZ_SEC_BLOOM] = 8 * (uint64_t)h->bloom_words,
        [GZ_SEC_BLOCKSUMS] = 8 * nblocks,
    };
    for (int s = 0; s < GZ_SEC_COUNT; s++) {
        if (!section_ok(h, gz->size, s, want[s]) ||
            (s != GZ_SEC_BLOCKSUMS && (h->sections[s].off > data_end ||
                                       h->sections[s].len > data_end - h->sections[s].off))) {
            return "section table out of bounds";
        }
    }
    if (data_end + 8 * nblocks != gz->size) {
        return "section table out of bounds";
    }
    gz->blocksums = (const uint64_t *)(gz->base + data_end);
    gz->nblocks = nblocks;
    gz->data_end = data_end;
    gz->block_shift = h->block_shift;
    if (gz_block_hash(gz->blocksums, 8 * nblocks, GZ_BLOCKSUMS_SEED) != h->blocks_hash) {
        return "damaged block checksums";
    }
    const gz_section *sec = h->sections;
    gz->offs = (const uint32_t *)(gz->base + sec[GZ_SEC_ENTRY_OFFS].off);
    gz->entries = gz->base + sec[GZ_SEC_ENTRIES].off;
    gz->entries_len = sec[GZ_SEC_ENTRIES].len;
    gz->sums = (const gz_sum *)(gz->base + sec[GZ_SEC_SUMMARY].off);
    gz->table = (const gz_slot *)(gz->base + sec[GZ_SEC_TABLE].off);
    gz->table_mask = ((uint64_t)1 << h->table_bits) - 1;
    gz->posts = (const uint32_t *)(gz->base + sec[GZ_SEC_POSTINGS].off);
    gz->nposts = sec[GZ_SEC_POSTINGS].len / 4;
    gz->keystr = (const char *)(gz->base + sec[GZ_SEC_KEYSTR].off);
    gz->keystr_len = sec[GZ_SEC_KEYSTR].len;
    gz->geoms = (const gz_geom *)(gz->base + sec[GZ_SEC_GEOMS].off);
    gz->gdata = gz->base + sec[GZ_SEC_GEOMDATA].off;
    gz->gdata_len = sec[GZ_SEC_GEOMDATA].len;
    gz->countries = (const gz_country *)(gz->base + sec[GZ_SEC_COUNTRIES].off);
    gz->borders = (const gz_border *)(gz->base + sec[GZ_SEC_BORDERS].off);
    gz->sugdir = (const uint32_t *)(gz->base + sec[GZ_SEC_SUGDIR].off);
    gz->bloomdir = (const uint32_t *)(gz->base + sec[GZ_SEC_BLOOMDIR].off);
    gz->bloom = (const uint64_t *)(gz->base + sec[GZ_SEC_BLOOM].off);
    return NULL;
}

/* After check_header: the country and border tables are checked now, and what the
 * reader relies on everywhere (the last entry offset, the NUL ending KEYSTR) is consistent. */
static const char *check_content(incmap_gazetteer *gz)
{
    const gz_header *h = &gz->h;
    const gz_section *sec = h->sections;
    static const int now[] = {GZ_SEC_COUNTRIES, GZ_SEC_BORDERS}; /* a few KB, binary-searched */
    for (size_t i = 0; i < sizeof now / sizeof now[0]; i++) {
        if (!incmap_gz_span_ok(gz, gz->base + sec[now[i]].off, sec[now[i]].len)) {
            return "checksum mismatch";
        }
    }
    if (!incmap_gz_span_ok(gz, &gz->offs[h->nentries], 4) ||
        (gz->keystr_len > 0 && !incmap_gz_span_ok(gz, &gz->keystr[gz->keystr_len - 1], 1))) {
        return "checksum mismatch";
    }
    if (sec[GZ_SEC_POSTINGS].len % 4 != 0 ||
        (gz->keystr_len > 0 && gz->keystr[gz->keystr_len - 1] != '\0') ||
        gz->offs[h->nentries] > gz->entries_len || h->nkeys > gz->table_mask ||
        h->max_probe > gz->table_mask) {
        return "inconsistent section sizes";
    }
    return NULL;
}

static bool has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* PATH may name the .gpkg, the .idx, or a stem: derive both. */
static bool set_paths(incmap_gazetteer *gz, const char *path)
{
    size_t n = strlen(path);
    size_t stem = n;
    if (has_suffix(path, ".gpkg")) {
        stem = n - 5;
    } else if (has_suffix(path, ".idx")) {
        stem = n - 4;
    }
    gz->idx_path = malloc(stem + 6);
    gz->gpkg_path = malloc(stem + 6);
    if (gz->idx_path == NULL || gz->gpkg_path == NULL) {
        return false;
    }
    memcpy(gz->idx_path, path, stem);
    memcpy(gz->gpkg_path, path, stem);
    strcpy(gz->idx_path + stem, ".idx");
    strcpy(gz->gpkg_path + stem, ".gpkg");
    return true;
}

bool incmap_gz_verify_blocks(const incmap_gazetteer *gz, uint64_t first, uint64_t last)
{
    if (last >= gz->nblocks) {
        return false; /* a span past the checked data: a caller's bounds check failed */
    }
    uint64_t bsize = (uint64_t)1 << gz->block_shift;
    for (uint64_t b = first; b <= last; b++) {
        uint64_t bit = 1ull << (b & 63);
        if ((atomic_load_explicit(&gz->verified[b >> 6], memory_order_acquire) & bit) != 0) {
            continue;
        }
        uint64_t from = b == 0 ? GZ_HEADER_SIZE : b * bsize;
        uint64_t to = (b + 1) * bsize < gz->data_end ? (b + 1) * bsize : gz->data_end;
        if (gz_block_hash(gz->base + from, from < to ? to - from : 0, b) != gz->blocksums[b]) {
            return false;
        }
        atomic_fetch_or_explicit(&gz->verified[b >> 6], bit, memory_order_release);
    }
    return true;
}

/* Open mapped indexes, for incmap_gazetteer_mapped_file() in a signal handler: slots taken and
 * released with atomic exchanges (no lock, no allocation). More open at once than slots simply
 * go unregistered. */
#define MAP_SLOTS 16
static _Atomic(void *) live_maps[MAP_SLOTS];

const char *incmap_gazetteer_mapped_file(const void *addr)
{
    const unsigned char *a = addr;
    for (size_t i = 0; i < MAP_SLOTS; i++) {
        const incmap_gazetteer *gz = atomic_load(&live_maps[i]);
        if (gz != NULL && a >= gz->base && a < gz->base + gz->size) {
            return gz->idx_path;
        }
    }
    return NULL;
}

incmap_status incmap_gazetteer_verify(const incmap_gazetteer *gz, incmap_ctx *ctx)
{
    for (uint64_t b = 0; b < gz->nblocks; b++) {
        if (!incmap_gz_verify_blocks(gz, b, b)) {
            char why[96];
            uint64_t bsize = (uint64_t)1 << gz->block_shift;
            uint64_t end = (b + 1) * bsize < gz->data_end ? (b + 1) * bsize : gz->data_end;
            snprintf(why, sizeof why, "checksum mismatch in bytes %llu-%llu",
                     (unsigned long long)(b * bsize), (unsigned long long)end - 1);
            return incmap_gz_corrupt(gz, ctx, why);
        }
    }
    return INCMAP_OK;
}

static incmap_gazetteer *finish_open(incmap_gazetteer *gz, incmap_ctx *ctx)
{
    const char *bad = check_header(gz);
    if (bad == NULL) {
        gz->verified = calloc((gz->nblocks + 63) / 64 + 1, sizeof *gz->verified);
        gz->lazy = calloc(GZ_LAZY_COUNT, sizeof *gz->lazy);
        if (gz->verified == NULL || gz->lazy == NULL) {
            incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory opening gazetteer index %s",
                        gz->idx_path != NULL ? gz->idx_path : "(memory)");
            incmap_gazetteer_close(gz);
            return NULL;
        }
        bad = check_content(gz);
    }
    if (bad == gz->why) {
        incmap_fail(ctx, INCMAP_ERR_IO,
                    "gazetteer index %s %s: rebuild it with `incmap gazetteer build`",
                    gz->idx_path != NULL ? gz->idx_path : "(memory)", gz->why);
        incmap_gazetteer_close(gz);
        return NULL;
    }
    if (bad != NULL) {
        incmap_gz_corrupt(gz, ctx, bad);
        incmap_gazetteer_close(gz);
        return NULL;
    }
    return gz;
}

incmap_gazetteer *incmap_gazetteer_open(incmap_ctx *ctx, const char *path)
{
    if (path == NULL || path[0] == '\0') {
        incmap_fail(ctx, INCMAP_ERR_INVALID_ARG, "no gazetteer path given");
        return NULL;
    }
    incmap_gazetteer *gz = calloc(1, sizeof *gz);
    if (gz == NULL || !set_paths(gz, path)) {
        incmap_gazetteer_close(gz);
        incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory opening gazetteer %s", path);
        return NULL;
    }
    int fd = open(gz->idx_path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int err = errno;
        struct stat st;
        if (err == ENOENT && stat(gz->gpkg_path, &st) == 0) {
            incmap_fail(ctx, INCMAP_ERR_IO,
                        "gazetteer %s has no index %s: rebuild it with `incmap gazetteer build`",
                        gz->gpkg_path, gz->idx_path);
        } else if (err == ENOENT) {
            /* the default: say every place searched; INCMAP_GAZETTEER names just one */
            char looked[3 * PATH_MAX + 64];
            bool dflt = strcmp(path, default_search(looked, sizeof looked)) == 0;
            const char *env = getenv("INCMAP_GAZETTEER");
            bool searched = dflt && (env == NULL || env[0] == '\0');
            incmap_fail(ctx, INCMAP_ERR_IO,
                        "no gazetteer %s %s: build one with `incmap gazetteer fetch && incmap "
                        "gazetteer build`",
                        searched ? "found, looked for" : "at", dflt ? looked : path);
        } else {
            incmap_fail(ctx, INCMAP_ERR_IO, "cannot open gazetteer index %s: %s", gz->idx_path,
                        strerror(err));
        }
        incmap_gazetteer_close(gz);
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        incmap_fail(ctx, INCMAP_ERR_IO, "gazetteer index %s is not a regular file", gz->idx_path);
        close(fd);
        incmap_gazetteer_close(gz);
        return NULL;
    }
    gz->size = (size_t)st.st_size;
    if (gz->size > 0) {
        void *m = mmap(NULL, gz->size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (m == MAP_FAILED) {
            incmap_fail(ctx, INCMAP_ERR_IO, "cannot map gazetteer index %s: %s", gz->idx_path,
                        strerror(errno));
            close(fd);
            incmap_gazetteer_close(gz);
            return NULL;
        }
        gz->base = m;
        gz->mapped = true;
        incmap_slot_put(live_maps, MAP_SLOTS, gz);
    }
    close(fd);
    return finish_open(gz, ctx);
}

incmap_gazetteer *incmap_gazetteer_open_mem(incmap_ctx *ctx, const void *data, size_t len)
{
    incmap_gazetteer *gz = calloc(1, sizeof *gz);
    if (gz == NULL || (gz->base = malloc(len > 0 ? len : 1)) == NULL) {
        free(gz);
        incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory opening a gazetteer image");
        return NULL;
    }
    if (len > 0) {
        memcpy(gz->base, data, len);
    }
    gz->size = len;
    return finish_open(gz, ctx);
}

void incmap_gazetteer_close(incmap_gazetteer *gz)
{
    if (gz == NULL) {
        return;
    }
    if (gz->mapped) {
        incmap_slot_clear(live_maps, MAP_SLOTS, gz);
        munmap(gz->base, gz->size);
    } else {
        free(gz->base);
    }
    free(gz->verified);
    for (size_t i = 0; gz->lazy != NULL && i < GZ_LAZY_COUNT; i++) {
        free(atomic_load(&gz->lazy[i])); /* each lazy index is one block (gzspatial.c) */
    }
    free(gz->lazy);
    free(gz->idx_path);
    free(gz->gpkg_path);
    free(gz);
}

const char *incmap_gazetteer_gpkg_path(const incmap_gazetteer *gz)
{
    return gz->gpkg_path != NULL ? gz->gpkg_path : "";
}

size_t incmap_gazetteer_count(const incmap_gazetteer *gz)
{
    return gz->h.nentries;
}

/* Entry record at bytes [o, end) of ENTRIES (end <= entries_len, end - o >= a record), checked
 * against its block checksums and for being well-formed. */
static const gz_rec *entry_at(const incmap_gazetteer *gz, uint64_t o, uint64_t end)
{
    const gz_rec *r = (const gz_rec *)(gz->entries + o);
    if (!incmap_gz_span_ok(gz, r, end - o)) {
        return NULL;
    }
    const char *s = (const char *)(r + 1);
    uint64_t lens[4] = {r->len_id, r->len_name, r->len_admin1, r->len_fcode};
    uint64_t room = end - o - sizeof *r, pos = 0;
    for (int k = 0; k < 4; k++) {
        pos += lens[k];
        if (pos >= room || s[pos] != '\0') {
            return NULL;
        }
        pos++;
    }
    if (r->kind < INCMAP_KIND_COUNTRY || r->kind > INCMAP_KIND_SITE || r->cc[2] != '\0' ||
        r->geom > gz->h.ngeoms || r->len_id == 0) {
        return NULL;
    }
    return r;
}

const gz_rec *incmap_gz_entry(const incmap_gazetteer *gz, uint32_t i)
{
    if (i >= gz->h.nentries || !incmap_gz_span_ok(gz, &gz->offs[i], 8)) {
        return NULL;
    }
    uint32_t o = gz->offs[i], e = gz->offs[i + 1];
    if (o % 8 != 0 || o > e || e > gz->entries_len || e - o < sizeof(gz_rec)) {
        return NULL;
    }
    return entry_at(gz, o, e);
}

bool incmap_gz_find_key(const incmap_gazetteer *gz, const char *key, size_t len,
                        const uint32_t **posts, size_t *n)
{
    uint64_t hash = gz_hash(key, len);
    *n = 0;
    if (len == 0) {
        return true; /* no key is empty */
    }
    /* most keys probed are absent: the filter answers from a few cached KB of the key's group */
    uint32_t g = gz_sug_group(key, len);
    if (!incmap_gz_span_ok(gz, &gz->bloomdir[g], 8)) {
        return false;
    }
    uint32_t start = gz->bloomdir[g], end = gz->bloomdir[g + 1];
    if (start > end || end > gz->h.bloom_words) {
        return false;
    }
    uint64_t bm = gz_bloom_mask(hash);
    if (start == end) {
        return true;
    }
    const uint64_t *word = &gz->bloom[start + gz_bloom_word(hash, end - start)];
    if (!incmap_gz_span_ok(gz, word, 8)) {
        return false;
    }
    if ((*word & bm) != bm) {
        return true;
    }
    /* bounded by the writer's longest probe, so a damaged table cannot make this loop forever */
    uint64_t at = hash & gz->table_mask;
    for (uint64_t probe = 0; probe <= gz->h.max_probe; probe++, at = (at + 1) & gz->table_mask) {
        const gz_slot *s = &gz->table[at];
        if (!incmap_gz_span_ok(gz, s, sizeof *s)) {
            return false;
        }
        if (s->post_count == 0) {
            return true;
        }
        if (s->hash == hash) {
            if (s->post_count == 1) {
                *posts = &s->post_start;
                *n = 1;
                return true;
            }
            if (s->post_start > gz->nposts || s->post_count > gz->nposts - s->post_start ||
                !incmap_gz_span_ok(gz, gz->posts + s->post_start, 4 * (uint64_t)s->post_count)) {
                return false;
            }
            *posts = gz->posts + s->post_start;
            *n = s->post_count;
            return true;
        }
    }
    return true;
}

/* The gazetteer reader: maps the binary index, checks its header, section table and the table of
 * block checksums (and the few KB every lookup needs, so opening costs well under a millisecond
 * whatever the index size), and serves entries, countries, areas and border lines. Every block of
 * the file is checked against its checksum the first time it is read, and every record is
 * bounds-checked when it is touched: a damaged index is reported, never believed. Name lookup and
 * ranking are in gzlookup.c.
 * Hand-written because no Debian library offers a memory-mapped, bounds-checked name index that
 * opens without GDAL: this one opens in under 1 ms, and a whole `incmap lookup` takes 3.4-4 ms
 * (tests/bench/lookup-process.sh), about what an empty process costs (4 ms); loading libgdal
 * alone would cost 40 ms. */
#include "gazetteer/gzread.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
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

/* ---- entries ---- */

static const char *rec_str(const incmap_place *p, int field)
{
    const gz_rec *r = (const gz_rec *)p;
    const char *s = (const char *)(r + 1);
    const uint16_t lens[3] = {r->len_id, r->len_name, r->len_admin1};
    for (int k = 0; k < field; k++) {
        s += lens[k] + 1;
    }
    return s;
}

const char *incmap_place_id(const incmap_place *p)
{
    return rec_str(p, 0);
}

const char *incmap_place_name(const incmap_place *p)
{
    return rec_str(p, 1);
}

const char *incmap_place_admin1(const incmap_place *p)
{
    return rec_str(p, 2);
}

const char *incmap_place_feature_code(const incmap_place *p)
{
    return rec_str(p, 3);
}

incmap_kind incmap_place_kind(const incmap_place *p)
{
    return (incmap_kind)((const gz_rec *)p)->kind;
}

const char *incmap_place_country(const incmap_place *p)
{
    return ((const gz_rec *)p)->cc;
}

incmap_lonlat incmap_place_point(const incmap_place *p)
{
    const gz_rec *r = (const gz_rec *)p;
    return (incmap_lonlat){r->lon_deg, r->lat_deg};
}

int64_t incmap_place_population(const incmap_place *p)
{
    return ((const gz_rec *)p)->population;
}

bool incmap_place_has_area(const incmap_place *p)
{
    return ((const gz_rec *)p)->geom != 0;
}

const incmap_place *incmap_gazetteer_get(const incmap_gazetteer *gz, const char *id)
{
    if (id == NULL) {
        return NULL;
    }
    uint32_t lo = 0, hi = gz->h.nentries;
    while (lo < hi) { /* entries are stored in id order */
        uint32_t mid = lo + (hi - lo) / 2;
        const gz_rec *r = incmap_gz_entry(gz, mid);
        if (r == NULL) {
            return NULL;
        }
        int c = strcmp((const char *)(r + 1), id);
        if (c == 0) {
            return (const incmap_place *)r;
        }
        if (c < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return NULL;
}

const incmap_place *incmap_gazetteer_entry(const incmap_gazetteer *gz, size_t i)
{
    return i < gz->h.nentries ? (const incmap_place *)incmap_gz_entry(gz, (uint32_t)i) : NULL;
}

const incmap_place *incmap_gazetteer_country(const incmap_gazetteer *gz, const char *cc)
{
    if (cc == NULL || strlen(cc) != 2) {
        return NULL;
    }
    char up[3] = {(char)(cc[0] & ~0x20), (char)(cc[1] & ~0x20), '\0'};
    size_t lo = 0, hi = gz->h.ncountries;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strncmp(gz->countries[mid].cc, up, 2);
        if (c == 0) {
            return (const incmap_place *)incmap_gz_entry(gz, gz->countries[mid].entry);
        }
        if (c < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return NULL;
}

const incmap_place *incmap_gazetteer_capital(const incmap_gazetteer *gz, const char *cc)
{
    if (cc == NULL || strlen(cc) != 2) {
        return NULL;
    }
    char up[2] = {(char)(cc[0] & ~0x20), (char)(cc[1] & ~0x20)};
    const gz_rec *best = NULL;
    for (uint32_t i = 0; i < gz->h.nentries; i++) {
        const gz_sum *s = &gz->sums[i];
        if (!incmap_gz_span_ok(gz, s, sizeof *s)) {
            return NULL;
        }
        /* the summary says seat and country: only seats of CC touch their records */
        if ((s->flags & GZ_SUM_SEAT) == 0 || s->kind != INCMAP_KIND_PLACE || s->cc[0] != up[0] ||
            s->cc[1] != up[1]) {
            continue;
        }
        const gz_rec *r = incmap_gz_entry(gz, i);
        const incmap_place *p = (const incmap_place *)r;
        if (r != NULL && strcmp(incmap_place_feature_code(p), "PPLC") == 0 &&
            (best == NULL || r->population > best->population)) {
            best = r;
        }
    }
    return (const incmap_place *)best;
}

/* ---- geometry ---- */

const char *incmap_gz_geom_view(const incmap_gazetteer *gz, uint32_t gi, gz_geom_view *v)
{
    if (gi >= gz->h.ngeoms) {
        return "geometry reference out of range";
    }
    const gz_geom *g = &gz->geoms[gi];
    if (!incmap_gz_span_ok(gz, g, sizeof *g)) {
        return "checksum mismatch in the geometries";
    }
    uint64_t need = gz_geom_bytes(g->npoints, g->nrings, g->npolys);
    if (g->type < INCMAP_GEOM_POINT || g->type > INCMAP_GEOM_MULTIPOLYGON || g->data_off % 8 != 0 ||
        g->data_off > gz->gdata_len || need > gz->gdata_len - g->data_off) {
        return "geometry out of bounds";
    }
    const unsigned char *d = gz->gdata + g->data_off;
    if (!incmap_gz_span_ok(gz, d, need)) {
        return "checksum mismatch in the geometries";
    }
    const uint32_t *ring_end = (const uint32_t *)(d + 16 * (uint64_t)g->npoints);
    const uint32_t *poly_end = ring_end + g->nrings;
    uint32_t prev = 0;
    for (uint32_t i = 0; i < g->nrings; i++) {
        if (ring_end[i] < prev || ring_end[i] > g->npoints) {
            return "geometry rings out of order";
        }
        prev = ring_end[i];
    }
    prev = 0;
    for (uint32_t i = 0; i < g->npolys; i++) {
        if (poly_end[i] < prev || poly_end[i] > g->nrings) {
            return "geometry polygons out of order";
        }
        prev = poly_end[i];
    }
    *v = (gz_geom_view){g, (const double *)d, ring_end, poly_end};
    return NULL;
}

static incmap_geom *load_geom(const incmap_gazetteer *gz, incmap_ctx *ctx, uint32_t gi)
{
    gz_geom_view v;
    const char *bad = incmap_gz_geom_view(gz, gi, &v);
    if (bad != NULL) {
        incmap_gz_corrupt(gz, ctx, bad);
        return NULL;
    }
    const gz_geom *g = v.g;
    incmap_geom *out =
        incmap_geom_create((incmap_geom_type)g->type, g->npoints, g->nrings, g->npolys);
    if (out == NULL) {
        incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory reading a gazetteer geometry");
        return NULL;
    }
    if (g->npoints > 0) {
        memcpy(out->xy, v.xy, 16 * (size_t)g->npoints);
    }
    for (uint32_t i = 0; i < g->nrings; i++) {
        out->ring_end[i] = v.ring_end[i];
    }
    for (uint32_t i = 0; i < g->npolys; i++) {
        out->poly_end[i] = v.poly_end[i];
    }
    return out;
}

incmap_geom *incmap_place_geometry(const incmap_gazetteer *gz, incmap_ctx *ctx,
                                   const incmap_place *p)
{
    const gz_rec *r = (const gz_rec *)p;
    if (r->geom != 0) {
        return load_geom(gz, ctx, r->geom - 1);
    }
    incmap_geom *g = incmap_geom_point(r->lon_deg, r->lat_deg);
    if (g == NULL) {
        incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory reading a gazetteer geometry");
    }
    return g;
}

static const gz_border *find_border(const incmap_gazetteer *gz, const char *cc_a, const char *cc_b)
{
    if (cc_a == NULL || cc_b == NULL || strlen(cc_a) != 2 || strlen(cc_b) != 2) {
        return NULL;
    }
    char a[3] = {(char)(cc_a[0] & ~0x20), (char)(cc_a[1] & ~0x20), '\0'};
    char b[3] = {(char)(cc_b[0] & ~0x20), (char)(cc_b[1] & ~0x20), '\0'};
    if (strcmp(a, b) > 0) {
        char t[3];
        memcpy(t, a, 3);
        memcpy(a, b, 3);
        memcpy(b, t, 3);
    }
    for (size_t lo = 0, hi = gz->h.nborders; lo < hi;) {
        size_t mid = lo + (hi - lo) / 2;
        const gz_border *e = &gz->borders[mid];
        int c = strncmp(e->a, a, 2);
        c = c != 0 ? c : strncmp(e->b, b, 2);
        if (c == 0) {
            return e;
        }
        if (c < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return NULL;
}

incmap_geom *incmap_gazetteer_border(const incmap_gazetteer *gz, incmap_ctx *ctx, const char *cc_a,
                                     const char *cc_b)
{
    const gz_border *b = find_border(gz, cc_a, cc_b);
    if (b == NULL) {
        incmap_fail(ctx, INCMAP_ERR_NOT_FOUND, "no border between %s and %s in the gazetteer",
                    cc_a != NULL ? cc_a : "?", cc_b != NULL ? cc_b : "?");
        return NULL;
    }
    return load_geom(gz, ctx, b->geom);
}

/* Length of a polyline on the WGS84 ellipsoid. Border vertices are at most a few km apart, where
 * the local radii of curvature at the mid-latitude give the geodesic to well under a metre. */
static double line_length_km(const incmap_geom *g)
{
    const double a = 6378137.0, f = 1 / 298.257223563, e2 = f * (2 - f);
    const double rad = M_PI / 180;
    double total_m = 0;
    size_t start = 0;
    for (size_t r = 0; r < g->nrings; r++) {
        for (size_t i = start + 1; i < g->ring_end[r]; i++) {
            double lon0 = g->xy[2 * i - 2], lat0 = g->xy[2 * i - 1];
            double lon1 = g->xy[2 * i], lat1 = g->xy[2 * i + 1];
            double phi = (lat0 + lat1) / 2 * rad, s = sin(phi);
            double w = sqrt(1 - e2 * s * s);
            double m = a * (1 - e2) / (w * w * w), n = a / w;
            double dlon = lon1 - lon0;
            dlon = dlon > 180 ? dlon - 360 : dlon < -180 ? dlon + 360 : dlon;
            double dy = m * (lat1 - lat0) * rad, dx = n * cos(phi) * dlon * rad;
            total_m += sqrt(dx * dx + dy * dy);
        }
        start = g->ring_end[r];
    }
    return total_m / 1000;
}

bool incmap_gazetteer_countries_touch(const incmap_gazetteer *gz, const char *cc_a,
                                      const char *cc_b)
{
    return find_border(gz, cc_a, cc_b) != NULL;
}

double incmap_gazetteer_border_length_km(const incmap_gazetteer *gz, const char *cc_a,
                                         const char *cc_b)
{
    const gz_border *b = find_border(gz, cc_a, cc_b);
    if (b == NULL) {
        return NAN;
    }
    incmap_geom *g = load_geom(gz, NULL, b->geom);
    double km = g != NULL ? line_length_km(g) : NAN;
    incmap_geom_destroy(g);
    return km;
}

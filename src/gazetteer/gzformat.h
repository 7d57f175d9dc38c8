/* Internal: the on-disk layout of the gazetteer index (.idx), shared by its writer (gzindex.c)
 * and its reader (gazetteer.c, gzlookup.c). Everything is little-endian and naturally aligned, so
 * the reader uses the memory-mapped bytes in place. Every offset and count read from the file is
 * checked before use: a corrupt file is reported, never trusted.
 * Our own format, not SQLite or a library's: mapped in place it opens in under 1 ms whatever its
 * size, with no GDAL (40 ms to load), and serves an exact lookup in 585 ns (bench_lookup), which
 * keeps a whole `incmap lookup` at 3.4-4 ms.
 *
 *   header (GZ_HEADER_SIZE bytes): magic, version, sizes, section table
 *   ENTRY_OFFS  u32[nentries + 1]   byte offset of each entry record in ENTRIES (entries by id)
 *   ENTRIES     gz_rec + "id\0name\0admin1\0fcode\0", 8-aligned
 *   TABLE       gz_slot[2^table_bits]  open addressing (linear probing) on the 64-bit hash of
 *                                   each folded key; filled in (hash, key) order
 *   SUMMARY     gz_sum[nentries]    what ranking needs of each entry, 8 bytes each, so that
 *                                   scoring candidates stays in cache and only the records of the
 *                                   candidates returned are touched
 *   POSTINGS    u32[]               postings of keys with more than one, per key sorted by
 *                                   (tier, entry); a posting is entry << 3 | match tier
 *   KEYSTR      NUL-terminated folded keys that someone wrote (for spelling suggestions),
 *               grouped by (first byte, length class) and sorted within a group
 *   SUGDIR      u32[GZ_SUGDIR_COUNT + 1]  start of each (first byte, length class) group in
 *               KEYSTR, so suggestions scan only the groups a query can be near
 *   BLOOMDIR    u32[GZ_SUGDIR_COUNT + 1]  start of each key group's words in BLOOM
 *   BLOOM       u64[bloom_words]  Bloom filter of every key hash, in groups by (first byte,
 *               length class) like SUGDIR: most probes of a geoparser are for words that are not
 *               names, and the ~800 one-edit variants of a tolerant lookup share their first
 *               letter and length, so they touch a few KB of the filter, not random lines of
 *               the 32 MB TABLE
 *   GEOMS       gz_geom[ngeoms]     areas of entries, then border lines
 *   GEOMDATA    per geometry: double xy[2 * npoints], u32 ring_end[], u32 poly_end[], 8-aligned
 *   COUNTRIES   gz_country[]        sorted by code
 *   BORDERS     gz_border[]         sorted by (a, b), a < b
 *   BLOCKSUMS   u64[nblocks]        last: a checksum of each block of 2^block_shift bytes of the
 *                                   file before it (header bytes excluded: header_hash covers
 *                                   them). The reader checks a block the first time it reads
 *                                   from it, so opening stays cheap (a lookup touches a few
 *                                   blocks of a 90 MB file) and no answer is ever computed from
 *                                   a damaged byte; the header holds the hash of BLOCKSUMS. */
#ifndef INCMAP_GZFORMAT_H
#define INCMAP_GZFORMAT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the gazetteer index is read in place and is little-endian"
#endif

#define GZ_MAGIC "INCMAPGZ"
#define GZ_VERSION 6u /* bump on any layout change: older readers then refuse, clearly */

enum {
    GZ_SEC_ENTRY_OFFS = 0,
    GZ_SEC_ENTRIES,
    GZ_SEC_SUMMARY,
    GZ_SEC_TABLE,
    GZ_SEC_POSTINGS,
    GZ_SEC_KEYSTR,
    GZ_SEC_GEOMS,
    GZ_SEC_GEOMDATA,
    GZ_SEC_COUNTRIES,
    GZ_SEC_BORDERS,
    GZ_SEC_SUGDIR,
    GZ_SEC_BLOOMDIR,
    GZ_SEC_BLOOM,
    GZ_SEC_BLOCKSUMS, /* must stay last: it covers every byte before it */
    GZ_SEC_COUNT
};

typedef struct {
    uint64_t off, len;
} gz_section;

typedef struct {
    char magic[8];
    uint32_t version;
    uint32_t nsections;
    uint64_t file_size;
    uint32_t nentries, nkeys, table_bits, ngeoms;
    uint32_t nborders, ncountries;
    uint32_t header_hash; /* FNV-1a of the header and section table with this field zero */
    uint32_t max_probe;   /* longest linear probe in TABLE: lookups stop after it */
    uint32_t bloom_words; /* BLOOM holds this many words */
    uint32_t block_shift; /* checksummed blocks are 2^block_shift bytes */
    uint64_t blocks_hash; /* gz_block_hash() of BLOCKSUMS, seed GZ_BLOCKSUMS_SEED */
    gz_section sections[GZ_SEC_COUNT];
} gz_header;

#define GZ_HEADER_SIZE ((uint64_t)sizeof(gz_header))

typedef struct {
    double lon_deg, lat_deg;
    int64_t population;                               /* -1 unknown */
    uint32_t geom;                                    /* 0: none; else index + 1 into GEOMS */
    uint8_t kind;                                     /* incmap_kind */
    char cc[3];                                       /* ISO alpha-2, NUL-padded */
    uint16_t len_id, len_name, len_admin1, len_fcode; /* string lengths, NULs excluded */
} gz_rec;

/* A name-table slot. The table trusts the 64-bit hash (keys are not compared): two distinct keys
 * of a gazetteer colliding has a probability around n^2 / 2^65, below 1e-6 for 5 million keys. */
typedef struct {
    uint8_t kind;     /* incmap_kind */
    char cc[2];       /* ISO alpha-2 or NULs */
    uint8_t flags;    /* GZ_SUM_*: seat (PPLC, PPLA, PPLA2), airport, military base */
    float importance; /* 0..1: kind, seat level and population, computed by the writer */
} gz_sum;

#define GZ_SUM_SEAT 1u
#define GZ_SUM_AIRPORT 2u  /* a civil airport (feature code AIRP) */
#define GZ_SUM_MILITARY 4u /* an air base or military base (AIRB, MILB) */

typedef struct {
    uint64_t hash;
    uint32_t post_start; /* into POSTINGS; when post_count is 1, the posting itself */
    uint32_t post_count; /* 0: empty slot */
} gz_slot;

typedef struct {
    uint32_t type, npoints, nrings, npolys;
    uint64_t data_off; /* into GEOMDATA */
} gz_geom;

typedef struct {
    char cc[4];
    uint32_t entry;
} gz_country;

typedef struct {
    char a[4], b[4];
    uint32_t geom; /* index into GEOMS */
    uint32_t reserved;
} gz_border;

/* KEYSTR groups: keys of length 0..GZ_SUG_LEN_CLASSES-2 have a class each, longer ones share
 * the last; the group index is first_byte * GZ_SUG_LEN_CLASSES + class. */
#define GZ_SUG_LEN_CLASSES 65u
#define GZ_SUGDIR_COUNT (256u * GZ_SUG_LEN_CLASSES)

static inline uint32_t gz_sug_group(const char *key, size_t len)
{
    size_t cls = len < GZ_SUG_LEN_CLASSES - 1 ? len : GZ_SUG_LEN_CLASSES - 1;
    return (uint32_t)((unsigned char)key[0] * GZ_SUG_LEN_CLASSES + cls);
}

/* The Bloom filter: each key group has about 12 bits a key; a key sets GZ_BLOOM_K bits (from
 * its hash's low bits) in one word of its group (chosen by the high bits). It rejects all but
 * about 0.5% of absent keys. */
#define GZ_BLOOM_K 5u
#define GZ_BLOOM_BITS_PER_KEY 12u

static inline uint64_t gz_bloom_mask(uint64_t hash)
{
    /* the K bits spelled out (6 bits of the hash each): as a loop, 1.5% of extraction's
     * instructions, as every probe of a lookup computes it */
    _Static_assert(GZ_BLOOM_K == 5u, "gz_bloom_mask sets GZ_BLOOM_K bits");
    return 1ull << (hash & 63u) | 1ull << ((hash >> 6) & 63u) | 1ull << ((hash >> 12) & 63u) |
           1ull << ((hash >> 18) & 63u) | 1ull << ((hash >> 24) & 63u);
}

/* Word of a group of n words (n > 0) for a hash. */
static inline uint32_t gz_bloom_word(uint64_t hash, uint32_t n)
{
    return (uint32_t)(((hash >> 32) * (uint64_t)n) >> 32);
}

#define GZ_POST_TIER_BITS 3u
#define GZ_MAX_ENTRIES (UINT32_MAX >> GZ_POST_TIER_BITS)

/* The hash the name table is keyed on (64-bit FNV-1a with a final avalanche). */
static inline uint64_t gz_hash(const char *s, size_t len)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ull;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
}

static inline uint32_t gz_header_hash(const gz_header *h)
{
    gz_header copy = *h;
    copy.header_hash = 0;
    const unsigned char *p = (const unsigned char *)&copy;
    uint32_t v = 2166136261u;
    for (size_t i = 0; i < sizeof copy; i++) {
        v = (v ^ p[i]) * 16777619u;
    }
    return v;
}

/* Checksummed blocks: 16 KiB, so verifying one costs about a microsecond and a lookup's few
 * blocks cost less than its page faults; the table is 8 bytes per block (45 KB for 90 MB). */
#define GZ_BLOCK_SHIFT 14u
#define GZ_BLOCK_SHIFT_MIN 12u
#define GZ_BLOCK_SHIFT_MAX 24u
#define GZ_BLOCKSUMS_SEED 0x424c4f434b53554dull

static inline uint64_t gz_rotl64(uint64_t x, unsigned r)
{
    return (x << r) | (x >> (64 - r));
}

static inline uint64_t gz_mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    x ^= x >> 33;
    return x;
}

/* One step of a lane: a bijection of the lane for a fixed word and of the word for a fixed lane,
 * so any change confined to one 32-byte stripe always changes the hash. */
static inline uint64_t gz_lane(uint64_t lane, uint64_t word)
{
    lane = (lane ^ word) * 0x9e3779b97f4a7c15ull;
    return lane ^ (lane >> 29);
}

/* A fast 64-bit checksum of a block (four independent lanes: ~10 GB/s), seeded with the block
 * number so that blocks moved or swapped are caught too. Not cryptographic: it detects damage,
 * not tampering. */
static inline uint64_t gz_block_hash(const void *data, size_t n, uint64_t seed)
{
    const unsigned char *p = data;
    uint64_t a = seed ^ 0x243f6a8885a308d3ull, b = seed ^ 0x13198a2e03707344ull;
    uint64_t c = seed ^ 0xa4093822299f31d0ull, d = seed ^ 0x082efa98ec4e6c89ull;
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        uint64_t w[4];
        memcpy(w, p + i, 32);
        a = gz_lane(a, w[0]);
        b = gz_lane(b, w[1]);
        c = gz_lane(c, w[2]);
        d = gz_lane(d, w[3]);
    }
    if (i < n) {
        uint64_t w[4] = {0, 0, 0, 0};
        memcpy(w, p + i, n - i);
        a = gz_lane(a, w[0]);
        b = gz_lane(b, w[1]);
        c = gz_lane(c, w[2]);
        d = gz_lane(d, w[3]);
    }
    return gz_mix64(a ^ gz_rotl64(b, 16) ^ gz_rotl64(c, 32) ^ gz_rotl64(d, 48) ^ (uint64_t)n);
}

/* Bytes of GEOMDATA one geometry takes (before padding to 8). */
static inline uint64_t gz_geom_bytes(uint64_t npoints, uint64_t nrings, uint64_t npolys)
{
    return 16 * npoints + 4 * nrings + 4 * npolys;
}

#endif

/* Name lookup and ranking over an open gazetteer: the query is folded like the indexed names, its
 * article-less and skeleton forms are probed too, a trailing or leading type word ("Babylon
 * province", "the town of X") is peeled off to prefer that kind, and only when nothing matches
 * are one-edit variants tried. Candidates are scored 0..1: match tier first, then importance
 * (the weights are in rank.h).
 * A lookup allocates only its result. */
#include "gazetteer/gzread.h"
#include "gazetteer/rank.h"
#include "text/fold.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Candidates considered per lookup: past this, a huge posting list ("San Jose") is noise. */
#define MAX_GATHER 512
#define KEY_CAP INCMAP_FOLD_CAP(INCMAP_NAME_MAX)

typedef struct {
    uint32_t entry; /* entries are in id order */
    uint8_t tier;
    bool full;   /* matched by the whole query (not only its core without a type word) */
    bool direct; /* matched by a key as the query spelled it, not only after its article was
                  * dropped: "Al-Hol" names Al Hawl (alias Al-Hol) before Hol, Norway */
    double score;
    const gz_sum *sum;
    const gz_rec *rec; /* resolved for the candidates returned only */
} cand;

struct incmap_candidates {
    size_t n;
    cand v[];
};

typedef struct {
    const incmap_gazetteer *gz;
    const incmap_lookup_opts *opts;
    cand v[MAX_GATHER];
    size_t n;
    bool corrupt;
} gather_t;

incmap_lookup_opts incmap_lookup_opts_default(void)
{
    return (incmap_lookup_opts){NULL, false, INCMAP_KIND_ANY, 10, true};
}

const char *incmap_kind_str(incmap_kind k)
{
    static const char *const names[] = {"any", "country", "admin1", "region", "place", "site"};
    return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "unknown";
}

incmap_kind incmap_kind_parse(const char *s)
{
    for (int k = INCMAP_KIND_COUNTRY; s != NULL && k <= INCMAP_KIND_SITE; k++) {
        if (strcmp(s, incmap_kind_str((incmap_kind)k)) == 0) {
            return (incmap_kind)k;
        }
    }
    return INCMAP_KIND_ANY;
}

const char *incmap_match_str(incmap_match m)
{
    static const char *const names[] = {"exact", "alias", "variant", "demonym", "tolerant"};
    return (unsigned)m < sizeof names / sizeof names[0] ? names[m] : "unknown";
}

static bool cc_equal(const char *a, const char *b)
{
    return (a[0] & ~0x20) == (b[0] & ~0x20) && (a[1] & ~0x20) == (b[1] & ~0x20) && a[0] && b[0];
}

/* Adds the postings of one key, each at least `tier`. */
static void gather_key_as(gather_t *g, const char *key, size_t len, incmap_match tier, bool full,
                          bool direct)
{
    const uint32_t *posts;
    size_t n;
    if (len == 0) {
        return;
    }
    if (!incmap_gz_find_key(g->gz, key, len, &posts, &n)) {
        g->corrupt = true;
        return;
    }
    const incmap_lookup_opts *o = g->opts;
    /* the summaries of a posting list are scattered: ask for them all before using any */
    for (size_t i = 0; i < n && i < 16; i++) {
        uint32_t e = posts[i] >> GZ_POST_TIER_BITS;
        if (e < g->gz->h.nentries) {
            __builtin_prefetch(&g->gz->sums[e]);
        }
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t entry = posts[i] >> GZ_POST_TIER_BITS;
        uint8_t t = (uint8_t)(posts[i] & 7u);
        t = t < tier ? (uint8_t)tier : t;
        size_t k = 0;
        while (k < g->n && g->v[k].entry != entry) {
            k++;
        }
        if (k < g->n) {
            g->v[k].tier = t < g->v[k].tier ? t : g->v[k].tier;
            g->v[k].full |= full;
            g->v[k].direct |= direct;
            continue;
        }
        if (g->n == MAX_GATHER) {
            return;
        }
        if (entry >= g->gz->h.nentries || t > INCMAP_MATCH_TOLERANT) {
            g->corrupt = true;
            return;
        }
        const gz_sum *sum = &g->gz->sums[entry];
        if (!incmap_gz_span_ok(g->gz, sum, sizeof *sum)) {
            g->corrupt = true;
            return;
        }
        if ((o->kind != INCMAP_KIND_ANY && sum->kind != o->kind) ||
            (o->country != NULL && o->country_filter && !cc_equal(sum->cc, o->country))) {
            continue;
        }
        g->v[g->n++] = (cand){entry, t, full, direct, 0, sum, NULL};
    }
}

static void gather_key(gather_t *g, const char *key, size_t len, incmap_match tier, bool full)
{
    gather_key_as(g, key, len, tier, full, true);
}

/* A key and its article-less form; its skeleton forms only when those found nothing, since a
 * skeleton is a looser match that only helps when the spelling is not in the gazetteer. */
static void gather_family(gather_t *g, const char *key, size_t len, bool full)
{
    char strip[KEY_CAP], skel[KEY_CAP];
    size_t before = g->n;
    gather_key(g, key, len, INCMAP_MATCH_EXACT, full);
    size_t slen = incmap_fold_strip_articles(key, len, strip, sizeof strip);
    if (slen != len) {
        gather_key_as(g, strip, slen, INCMAP_MATCH_ALIAS, full, false);
    }
    if (g->n > before) {
        return;
    }
    size_t sklen = incmap_fold_skeleton(key, len, skel, sizeof skel);
    if (sklen != len || memcmp(skel, key, len) != 0) {
        gather_key(g, skel, sklen, INCMAP_MATCH_VARIANT, full);
    }
    if (slen != len) {
        sklen = incmap_fold_skeleton(strip, slen, skel, sizeof skel);
        gather_key_as(g, skel, sklen, INCMAP_MATCH_VARIANT, full, false);
    }
}

enum {
    PREF_COUNTRY = 1 << INCMAP_KIND_COUNTRY,
    PREF_ADMIN1 = 1 << INCMAP_KIND_ADMIN1,
    PREF_REGION = 1 << INCMAP_KIND_REGION,
    PREF_PLACE = 1 << INCMAP_KIND_PLACE,
    PREF_SITE = 1 << INCMAP_KIND_SITE
};

/* Which kind of facility a site type word asks for: airports and air bases share names
 * ("Baghdad airport" is Baghdad International, "Baghdad air base" is not). */
enum { FAC_ANY = 0, FAC_AIRPORT = GZ_SUM_AIRPORT, FAC_MILITARY = GZ_SUM_MILITARY };

typedef struct {
    const char *words;
    size_t len;
    unsigned kinds;
    unsigned facility;
} type_word;

#define TW(words, kinds)                                                                           \
    {                                                                                              \
        words, sizeof words - 1, kinds, FAC_ANY                                                    \
    }
#define TWF(words, kinds, fac)                                                                     \
    {                                                                                              \
        words, sizeof words - 1, kinds, fac                                                        \
    }

/* Longer phrases first: the first match wins. */
static const type_word leading[] = {
    TW("the governorate of ", PREF_ADMIN1),
    TW("the province of ", PREF_ADMIN1),
    TW("the district of ", PREF_PLACE | PREF_REGION),
    TW("the village of ", PREF_PLACE),
    TW("the city of ", PREF_PLACE),
    TW("the town of ", PREF_PLACE),
    TW("governorate of ", PREF_ADMIN1),
    TW("province of ", PREF_ADMIN1),
    TW("district of ", PREF_PLACE | PREF_REGION),
    TW("village of ", PREF_PLACE),
    TW("city of ", PREF_PLACE),
    TW("town of ", PREF_PLACE),
    TW("the ", 0),
};
static const type_word trailing[] = {
    TWF(" military base", PREF_SITE, FAC_MILITARY),
    TW(" border crossing", PREF_SITE),
    TW(" governorate", PREF_ADMIN1),
    TW(" muhafazah", PREF_ADMIN1),
    TW(" province", PREF_ADMIN1),
    TW(" state", PREF_ADMIN1),
    TW(" region", PREF_REGION | PREF_ADMIN1),
    TW(" district", PREF_PLACE | PREF_REGION),
    TWF(" air base", PREF_SITE, FAC_MILITARY),
    TWF(" airbase", PREF_SITE, FAC_MILITARY),
    TWF(" airport", PREF_SITE, FAC_AIRPORT),
    TW(" airfield", PREF_SITE),
    TW(" crossing", PREF_SITE),
    TWF(" base", PREF_SITE, FAC_MILITARY),
    TW(" city", PREF_PLACE),
    TW(" town", PREF_PLACE),
    TW(" village", PREF_PLACE),
};

/* Peels type words off a folded key: the core is key[*start, *start + *len). Returns the kinds
 * they ask for (0: none, or only "the"); false when the key has no type word. */
static bool peel_type_words(const char *key, size_t len, size_t *start, size_t *core_len,
                            unsigned *kinds, unsigned *facility)
{
    size_t s = 0, n = len;
    bool found = false;
    *kinds = 0;
    *facility = FAC_ANY;
    for (size_t i = 0; i < sizeof leading / sizeof leading[0]; i++) {
        size_t w = leading[i].len;
        if (n > w && memcmp(key, leading[i].words, w) == 0) {
            s = w, n -= w, found = true;
            *kinds |= leading[i].kinds;
            break;
        }
    }
    for (size_t i = 0; i < sizeof trailing / sizeof trailing[0]; i++) {
        size_t w = trailing[i].len;
        if (n > w && memcmp(key + s + n - w, trailing[i].words, w) == 0) {
            n -= w, found = true;
            *kinds |= trailing[i].kinds;
            *facility = trailing[i].facility;
            break;
        }
    }
    *start = s;
    *core_len = n;
    return found;
}

/* Names often carry their type word in another spelling ("Al Asad airbase" for Al Asad Air Base,
 * "Nineveh province" for Nineveh Governorate): tries the core with each usual spelling. */
static void gather_spelled_types(gather_t *g, const char *core, size_t len, unsigned kinds)
{
    static const char *const site[] = {" air base", " airbase", " airport", " airfield", NULL};
    static const char *const admin[] = {" governorate", " province", NULL};
    static const char *const place[] = {" city", NULL};
    const char *const *words = (kinds & PREF_SITE)     ? site
                               : (kinds & PREF_ADMIN1) ? admin
                               : (kinds & PREF_PLACE)  ? place
                                                       : NULL;
    char key[KEY_CAP];
    for (size_t i = 0; words != NULL && words[i] != NULL; i++) {
        size_t n = strlen(words[i]);
        if (len + n < sizeof key) {
            memcpy(key, core, len);
            memcpy(key + len, words[i], n + 1);
            gather_family(g, key, len + n, false);
        }
    }
}

/* Every key one edit (deletion, transposition, substitution, insertion over a-z, 0-9 and space)
 * from an ASCII key. */
static void gather_one_edit(gather_t *g, const char *key, size_t len, bool full)
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789 ";
    char v[KEY_CAP + 1];
    if (len + 2 > sizeof v) {
        return;
    }
    for (size_t i = 0; i < len; i++) {
        if ((unsigned char)key[i] >= 0x80) {
            return;
        }
    }
    for (size_t i = 0; i < len; i++) { /* deletions */
        memcpy(v, key, i);
        memcpy(v + i, key + i + 1, len - i - 1);
        gather_key(g, v, len - 1, INCMAP_MATCH_TOLERANT, full);
    }
    for (size_t i = 0; i + 1 < len; i++) { /* transpositions */
        if (key[i] == key[i + 1]) {
            continue;
        }
        memcpy(v, key, len);
        v[i] = key[i + 1];
        v[i + 1] = key[i];
        gather_key(g, v, len, INCMAP_MATCH_TOLERANT, full);
    }
    for (size_t i = 0; i < len; i++) { /* substitutions */
        memcpy(v, key, len);
        for (const char *a = alphabet; *a != '\0'; a++) {
            if (*a != key[i] && !(*a == ' ' && (i == 0 || i + 1 == len))) {
                v[i] = *a;
                gather_key(g, v, len, INCMAP_MATCH_TOLERANT, full);
            }
        }
    }
    for (size_t i = 0; i <= len; i++) { /* insertions */
        memcpy(v, key, i);
        memcpy(v + i + 1, key + i, len - i);
        for (const char *a = alphabet; *a != '\0'; a++) {
            if (!(*a == ' ' && (i == 0 || i == len))) {
                v[i] = *a;
                gather_key(g, v, len + 1, INCMAP_MATCH_TOLERANT, full);
            }
        }
    }
}

/* The importance the writer stored (incmap_rank_importance with the lookup prior, 0..1),
 * distrusted: a damaged value must not upset the sort. */
static double importance(const gz_sum *sum)
{
    double v = sum->importance;
    return v >= 0 && v <= 1 ? v : 0;
}

/* The factor importance puts on a suggestion's spelling score. */
static double suggest_weight(const gz_sum *sum)
{
    return (1 - RANK_SUGGEST_IMPORTANCE) + RANK_SUGGEST_IMPORTANCE * importance(sum);
}

static void score_all(gather_t *g, bool typed, unsigned kinds, unsigned facility)
{
    static const double top[] = {RANK_LOOKUP_EXACT, RANK_LOOKUP_ALIAS, RANK_LOOKUP_VARIANT,
                                 RANK_LOOKUP_DEMONYM, RANK_LOOKUP_TOLERANT};
    const incmap_lookup_opts *o = g->opts;
    bool any_full = false;
    for (size_t i = 0; i < g->n; i++) {
        any_full |= g->v[i].full;
    }
    for (size_t i = 0; i < g->n; i++) {
        cand *c = &g->v[i];
        double imp = importance(c->sum);
        if (o->country != NULL && !o->country_filter) {
            imp = (1 - RANK_LOOKUP_COUNTRY_BIAS) * imp +
                  (cc_equal(c->sum->cc, o->country) ? RANK_LOOKUP_COUNTRY_BIAS : 0);
        }
        double s = top[c->tier] - RANK_LOOKUP_IMPORTANCE + RANK_LOOKUP_IMPORTANCE * imp;
        if (!c->direct) {
            s -= RANK_LOOKUP_ARTICLE_DROPPED; /* below every match of its tier that kept it */
        }
        if (kinds != 0) {
            bool pref = c->full || (kinds & (1u << (c->sum->kind & 7u))) != 0;
            s = pref ? RANK_LOOKUP_KIND_FLOOR + RANK_LOOKUP_KIND_SPAN * s
                     : RANK_LOOKUP_KIND_FLOOR * s;
        }
        /* "Baghdad airport": an airport before an air base of the same town, and the reverse
         * for "air base"; then a name matched as written before one with its type word
         * respelled. Small steps: they only order what matched equally well. */
        unsigned fac = c->sum->flags & (GZ_SUM_AIRPORT | GZ_SUM_MILITARY);
        if (facility != FAC_ANY && fac != 0 && (fac & facility) == 0) {
            s -= RANK_LOOKUP_FACILITY_MISMATCH;
        }
        if (typed && !c->full) {
            /* "the Gulf", written so in the gazetteer, beats any Gulf found without "the" */
            s -= kinds != 0 ? RANK_LOOKUP_TYPE_RESPELLED : any_full ? RANK_LOOKUP_TYPE_DROPPED : 0;
        }
        c->score = s > 0 ? s : 0;
    }
}

/* A bare name shared by a province and its seat ("Hasakah", "Baghdad", "Kirkuk") means the city
 * in reports; "X province" still picks the province through the type word. So an admin-1 entry
 * ranks just below a seat of the same country that matched at least as well. */
static void prefer_seats_over_twin_provinces(gather_t *g)
{
    for (size_t i = 0; i < g->n; i++) {
        cand *a = &g->v[i];
        if (a->sum->kind != INCMAP_KIND_ADMIN1) {
            continue;
        }
        for (size_t k = 0; k < g->n; k++) {
            const cand *p = &g->v[k];
            if (p->tier <= a->tier && p->score <= a->score && (p->sum->flags & GZ_SUM_SEAT) &&
                memcmp(p->sum->cc, a->sum->cc, 2) == 0) {
                a->score = p->score - RANK_LOOKUP_SEAT_STEP;
            }
        }
    }
}

static int cmp_cand(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->score != y->score) {
        return x->score > y->score ? -1 : 1;
    }
    return x->entry < y->entry ? -1 : x->entry > y->entry; /* entries are in id order */
}

static incmap_candidates *finish(gather_t *g, incmap_ctx *ctx, size_t limit)
{
    for (size_t i = 1; i < g->n; i++) { /* insertion sort: lists are short and mostly sorted */
        cand x = g->v[i];
        size_t k = i;
        for (; k > 0 && cmp_cand(&x, &g->v[k - 1]) < 0; k--) {
            g->v[k] = g->v[k - 1];
        }
        g->v[k] = x;
    }
    size_t n = g->n < limit ? g->n : limit;
    /* two rounds of prefetches (offsets, then records) overlap the cache misses of the
     * candidates returned instead of taking them one after another */
    for (size_t i = 0; i < n; i++) {
        __builtin_prefetch(&g->gz->offs[g->v[i].entry]);
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t o = g->gz->offs[g->v[i].entry];
        if (o < g->gz->entries_len) {
            __builtin_prefetch(g->gz->entries + o);
        }
    }
    for (size_t i = 0; i < n; i++) {
        if ((g->v[i].rec = incmap_gz_entry(g->gz, g->v[i].entry)) == NULL) {
            incmap_gz_corrupt(g->gz, ctx, "damaged entry record");
            return NULL;
        }
    }
    incmap_candidates *c = malloc(sizeof *c + n * sizeof c->v[0]);
    if (c == NULL) {
        incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory listing gazetteer candidates");
        return NULL;
    }
    memcpy(c->v, g->v, n * sizeof c->v[0]);
    c->n = n;
    return c;
}

/* Checks a query name; folds it into key. */
static bool fold_query(incmap_ctx *ctx, const char *name, size_t len, char *key, size_t *klen)
{
    size_t bad;
    if (name == NULL || len == 0) {
        incmap_fail(ctx, INCMAP_ERR_INVALID_ARG, "empty place name");
        return false;
    }
    if (len > INCMAP_NAME_MAX) {
        incmap_fail(ctx, INCMAP_ERR_LIMIT, "place name is %zu bytes, over the %d-byte limit", len,
                    INCMAP_NAME_MAX);
        return false;
    }
    /* folding validates as it decodes; the offset is worked out only for the error */
    *klen = incmap_fold(name, len, key, KEY_CAP);
    if (*klen == SIZE_MAX) {
        bad = 0;
        incmap_utf8_check(name, len, &bad);
        incmap_fail(ctx, INCMAP_ERR_PARSE,
                    "place name is not valid UTF-8 (bad byte 0x%02x at offset %zu)",
                    (unsigned char)name[bad], bad);
        return false;
    }
    return true;
}

incmap_candidates *incmap_gazetteer_lookup(const incmap_gazetteer *gz, incmap_ctx *ctx,
                                           const char *name, size_t len,
                                           const incmap_lookup_opts *opts)
{
    char key[KEY_CAP];
    size_t klen;
    incmap_lookup_opts def = incmap_lookup_opts_default();
    const incmap_lookup_opts *o = opts != NULL ? opts : &def;
    if (!fold_query(ctx, name, len, key, &klen)) {
        return NULL;
    }
    gather_t gather, *g = &gather;
    g->gz = gz;
    g->opts = o;
    g->n = 0;
    g->corrupt = false;
    gather_family(g, key, klen, true);
    size_t cs, cn;
    unsigned kinds = 0, facility = FAC_ANY;
    bool typed = klen > 0 && peel_type_words(key, klen, &cs, &cn, &kinds, &facility);
    if (typed) {
        gather_family(g, key + cs, cn, false);
        gather_spelled_types(g, key + cs, cn, kinds);
    }
    if (g->n == 0 && o->tolerant && !g->corrupt) {
        const char *k = typed ? key + cs : key;
        size_t n = typed ? cn : klen;
        if (incmap_fold_alnum_count(k, n) >= 5) {
            gather_one_edit(g, k, n, !typed);
        }
    }
    incmap_candidates *c = NULL;
    if (g->corrupt) {
        incmap_gz_corrupt(gz, ctx, "damaged name table");
    } else {
        score_all(g, typed, kinds, facility);
        if (kinds == 0) {
            prefer_seats_over_twin_provinces(g);
        }
        c = finish(g, ctx, o->limit > 0 ? o->limit : 10);
    }
    return c;
}

size_t incmap_candidates_count(const incmap_candidates *c)
{
    return c != NULL ? c->n : 0;
}

const incmap_place *incmap_candidates_place(const incmap_candidates *c, size_t i)
{
    return c != NULL && i < c->n ? (const incmap_place *)c->v[i].rec : NULL;
}

double incmap_candidates_score(const incmap_candidates *c, size_t i)
{
    return c != NULL && i < c->n ? c->v[i].score : 0;
}

incmap_match incmap_candidates_match(const incmap_candidates *c, size_t i)
{
    return c != NULL && i < c->n ? (incmap_match)c->v[i].tier : INCMAP_MATCH_TOLERANT;
}

void incmap_candidates_destroy(incmap_candidates *c)
{
    free(c);
}

/* ---- suggestions ---- */

/* Restricted Damerau-Levenshtein distance of q to k when at most max_full; else, when a prefix of
 * k is within max_prefix edits of q (max_prefix < 0: never), that distance + 1; else 3. */
static int near_distance(const char *q, size_t m, const char *k, size_t n, int max_full,
                         int max_prefix)
{
    enum { W = 64 };
    int rows[3][W + 3];
    size_t cols = n < m + 2 ? n : m + 2;
    if (m > W || (max_prefix < 0 && (n > m + 2 || m > n + 2))) {
        return 3;
    }
    int *pp = rows[0], *p = rows[1], *c = rows[2];
    for (size_t j = 0; j <= cols; j++) {
        p[j] = (int)j;
    }
    for (size_t i = 1; i <= m; i++) {
        c[0] = (int)i;
        int row_min = c[0];
        for (size_t j = 1; j <= cols; j++) {
            int cost = q[i - 1] != k[j - 1];
            int v = p[j - 1] + cost;
            v = p[j] + 1 < v ? p[j] + 1 : v;
            v = c[j - 1] + 1 < v ? c[j - 1] + 1 : v;
            if (i > 1 && j > 1 && q[i - 1] == k[j - 2] && q[i - 2] == k[j - 1] &&
                pp[j - 2] + 1 < v) {
                v = pp[j - 2] + 1;
            }
            c[j] = v;
            row_min = v < row_min ? v : row_min;
        }
        if (row_min > 2) {
            return 3;
        }
        int *t = pp;
        pp = p, p = c, c = t;
    }
    if (cols == n && p[n] <= max_full) {
        return p[n];
    }
    int best = 3;
    for (size_t j = m > 0 ? m - 1 : 0; j <= cols; j++) {
        if (p[j] <= max_prefix && p[j] + 1 < best) {
            best = p[j] + 1;
        }
    }
    return best;
}

typedef struct {
    uint32_t str_off;
    int dist;
} near_key;

typedef struct {
    near_key v[64];
    size_t n;
} near_list;

/* Which of a-z and 0-9 (folded together in one bit) occur in s. */
static uint32_t letter_mask(const char *s, size_t n)
{
    uint32_t m = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        m |= c >= 'a' && c <= 'z' ? 1u << (c - 'a') : c >= '0' && c <= '9' ? 1u << 26 : 0;
    }
    return m;
}

static void near_add(near_list *l, uint32_t off, int d)
{
    enum { MAX = sizeof l->v / sizeof l->v[0] };
    if (l->n == MAX && d >= l->v[MAX - 1].dist) {
        return;
    }
    size_t at = l->n < MAX ? l->n++ : MAX - 1;
    l->v[at] = (near_key){off, d};
    for (; at > 0 && l->v[at - 1].dist > l->v[at].dist; at--) {
        near_key t = l->v[at];
        l->v[at] = l->v[at - 1];
        l->v[at - 1] = t;
    }
}

/* Scans the KEYSTR groups of keys that start with the query's first byte: lengths from m - 2
 * up (longer ones only for prefix matches, which must also share the second byte). False when
 * the directory or a key is damaged. */
static bool scan_group(const incmap_gazetteer *gz, const char *key, size_t klen, int max_full,
                       int max_prefix, near_list *out)
{
    uint32_t qmask = letter_mask(key, klen);
    size_t lo = klen > 2 ? klen - 2 : 0;
    size_t hi = max_prefix >= 0 ? GZ_SUG_LEN_CLASSES - 1 : klen + 2;
    hi = hi < GZ_SUG_LEN_CLASSES - 1 ? hi : GZ_SUG_LEN_CLASSES - 1;
    for (size_t cls = lo; cls <= hi; cls++) {
        uint32_t g = (uint32_t)((unsigned char)key[0] * GZ_SUG_LEN_CLASSES + cls);
        if (!incmap_gz_span_ok(gz, &gz->sugdir[g], 8)) {
            return false;
        }
        uint64_t pos = gz->sugdir[g], end = gz->sugdir[g + 1];
        if (pos > end || end > gz->keystr_len ||
            !incmap_gz_span_ok(gz, gz->keystr + pos, end - pos)) {
            return false;
        }
        bool prefix_only = cls > klen + 2;
        while (pos < end) {
            const char *k = gz->keystr + pos;
            size_t n = cls < GZ_SUG_LEN_CLASSES - 1 ? cls : strlen(k);
            if (n >= end - pos || k[n] != '\0') {
                return false;
            }
            pos += n + 1;
            if (prefix_only && (klen < 2 || k[1] != key[1])) {
                continue;
            }
            /* each letter of the query missing from the key costs an edit: most keys stop here */
            uint32_t kmask = letter_mask(k, n), pmask = letter_mask(k, n < klen + 1 ? n : klen + 1);
            if (__builtin_popcount(qmask & ~kmask) > max_full &&
                __builtin_popcount(qmask & ~pmask) > max_prefix) {
                continue;
            }
            int d = near_distance(key, klen, k, n, max_full, max_prefix);
            if (d <= 2) {
                near_add(out, (uint32_t)(k - gz->keystr), d);
            }
        }
    }
    return true;
}

/* Keys one edit away at the first letter, which the group scan cannot see: the first letter
 * dropped, replaced, or one inserted before it, and the first two swapped. Probed by hash. */
static void gather_first_letter_edits(gather_t *g, const char *key, size_t klen)
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    char v[KEY_CAP + 1];
    if (klen < 2 || klen + 2 > sizeof v) {
        return;
    }
    gather_key(g, key + 1, klen - 1, INCMAP_MATCH_TOLERANT, true);
    memcpy(v, key, klen);
    v[0] = key[1];
    v[1] = key[0];
    if (key[0] != key[1]) {
        gather_key(g, v, klen, INCMAP_MATCH_TOLERANT, true);
    }
    for (const char *a = alphabet; *a != '\0'; a++) {
        memcpy(v, key, klen);
        if (*a != key[0]) {
            v[0] = *a;
            gather_key(g, v, klen, INCMAP_MATCH_TOLERANT, true);
        }
        v[0] = *a;
        memcpy(v + 1, key, klen);
        gather_key(g, v, klen + 1, INCMAP_MATCH_TOLERANT, true);
    }
}

incmap_candidates *incmap_gazetteer_suggest(const incmap_gazetteer *gz, incmap_ctx *ctx,
                                            const char *name, size_t len, size_t max)
{
    char key[KEY_CAP];
    size_t klen;
    near_list near;
    near.n = 0;
    if (!fold_query(ctx, name, len, key, &klen)) {
        return NULL;
    }
    /* short names are close to too many others: fewer edits for them */
    size_t letters = incmap_fold_alnum_count(key, klen);
    int max_full = letters >= 6 ? 2 : 1;
    int max_prefix = letters >= 6 ? 1 : letters >= 4 ? 0 : -1;
    bool ok = klen == 0 || scan_group(gz, key, klen, max_full, max_prefix, &near);
    gather_t *g = malloc(sizeof *g);
    if (g == NULL) {
        incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory suggesting place names");
        return NULL;
    }
    incmap_lookup_opts o = incmap_lookup_opts_default();
    g->gz = gz;
    g->opts = &o;
    g->n = 0;
    g->corrupt = !ok;
    for (size_t i = 0; i < near.n && ok; i++) {
        size_t before = g->n;
        const char *k = gz->keystr + near.v[i].str_off;
        gather_key(g, k, strlen(k), INCMAP_MATCH_TOLERANT, true);
        for (size_t j = before; j < g->n; j++) {
            /* closer spellings first, then the more important place */
            g->v[j].score = (RANK_SUGGEST_BASE - RANK_SUGGEST_PER_EDIT * near.v[i].dist) *
                            suggest_weight(g->v[j].sum);
        }
    }
    size_t before = g->n;
    if (ok && incmap_fold_alnum_count(key, klen) >= 4) {
        gather_first_letter_edits(g, key, klen);
    }
    for (size_t j = before; j < g->n; j++) {
        g->v[j].score = RANK_SUGGEST_FIRST_LETTER * suggest_weight(g->v[j].sum);
    }
    incmap_candidates *c = NULL;
    if (g->corrupt) {
        incmap_gz_corrupt(gz, ctx, "damaged name table");
    } else {
        c = finish(g, ctx, max);
    }
    free(g);
    return c;
}

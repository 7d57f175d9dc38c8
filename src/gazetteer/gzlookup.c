/* Name lookup and ranking over an open gazetteer: the query is folded like the indexed names, its
 * article-less and skeleton forms are probed too, a trailing or leading type word ("Babylon
 * province", "the town of X") is peeled off to prefer that kind, and only when nothing matches
 * are one-edit variants tried. Candidates are scored 0..1: match tier first, then importance
 * (the weights are in rank.h). Spelling suggestions are in gzsuggest.c.
 * A lookup allocates only its result. */
#include "gazetteer/gzcand.h"
#include "gazetteer/rank.h"
#include "text/fold.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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

void incmap_gz_gather_key(gather_t *g, const char *key, size_t len, incmap_match tier, bool full)
{
    gather_key_as(g, key, len, tier, full, true);
}

/* A key and its article-less form; its skeleton forms only when those found nothing, since a
 * skeleton is a looser match that only helps when the spelling is not in the gazetteer. */
static void gather_family(gather_t *g, const char *key, size_t len, bool full)
{
    char strip[KEY_CAP], skel[KEY_CAP];
    size_t before = g->n;
    incmap_gz_gather_key(g, key, len, INCMAP_MATCH_EXACT, full);
    size_t slen = incmap_fold_strip_articles(key, len, strip, sizeof strip);
    if (slen != len) {
        gather_key_as(g, strip, slen, INCMAP_MATCH_ALIAS, full, false);
    }
    if (g->n > before) {
        return;
    }
    size_t sklen = incmap_fold_skeleton(key, len, skel, sizeof skel);
    if (sklen != len || memcmp(skel, key, len) != 0) {
        incmap_gz_gather_key(g, skel, sklen, INCMAP_MATCH_VARIANT, full);
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
        incmap_gz_gather_key(g, v, len - 1, INCMAP_MATCH_TOLERANT, full);
    }
    for (size_t i = 0; i + 1 < len; i++) { /* transpositions */
        if (key[i] == key[i + 1]) {
            continue;
        }
        memcpy(v, key, len);
        v[i] = key[i + 1];
        v[i + 1] = key[i];
        incmap_gz_gather_key(g, v, len, INCMAP_MATCH_TOLERANT, full);
    }
    for (size_t i = 0; i < len; i++) { /* substitutions */
        memcpy(v, key, len);
        for (const char *a = alphabet; *a != '\0'; a++) {
            if (*a != key[i] && !(*a == ' ' && (i == 0 || i + 1 == len))) {
                v[i] = *a;
                incmap_gz_gather_key(g, v, len, INCMAP_MATCH_TOLERANT, full);
            }
        }
    }
    for (size_t i = 0; i <= len; i++) { /* insertions */
        memcpy(v, key, i);
        memcpy(v + i + 1, key + i, len - i);
        for (const char *a = alphabet; *a != '\0'; a++) {
            if (!(*a == ' ' && (i == 0 || i == len))) {
                v[i] = *a;
                incmap_gz_gather_key(g, v, len + 1, INCMAP_MATCH_TOLERANT, full);
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
double incmap_gz_suggest_weight(const gz_sum *sum)
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

incmap_candidates *incmap_gz_finish(gather_t *g, incmap_ctx *ctx, size_t limit)
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
bool incmap_gz_fold_query(incmap_ctx *ctx, const char *name, size_t len, char *key, size_t *klen)
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
    if (!incmap_gz_fold_query(ctx, name, len, key, &klen)) {
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
        c = incmap_gz_finish(g, ctx, o->limit > 0 ? o->limit : 10);
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

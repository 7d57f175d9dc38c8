/* Gazetteer stage: spelling suggestions for a name that matched nothing ("did you mean"). Keys of
 * the query's first-letter group within one or two edits (a prefix within one), and one-letter
 * changes at the front, gathered and ranked like a lookup's candidates (gzcand.h) by distance and
 * importance. */
#include "gazetteer/gzcand.h"
#include "gazetteer/rank.h"
#include "text/fold.h"

#include <stdlib.h>
#include <string.h>

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
    incmap_gz_gather_key(g, key + 1, klen - 1, INCMAP_MATCH_TOLERANT, true);
    memcpy(v, key, klen);
    v[0] = key[1];
    v[1] = key[0];
    if (key[0] != key[1]) {
        incmap_gz_gather_key(g, v, klen, INCMAP_MATCH_TOLERANT, true);
    }
    for (const char *a = alphabet; *a != '\0'; a++) {
        memcpy(v, key, klen);
        if (*a != key[0]) {
            v[0] = *a;
            incmap_gz_gather_key(g, v, klen, INCMAP_MATCH_TOLERANT, true);
        }
        v[0] = *a;
        memcpy(v + 1, key, klen);
        incmap_gz_gather_key(g, v, klen + 1, INCMAP_MATCH_TOLERANT, true);
    }
}

incmap_candidates *incmap_gazetteer_suggest(const incmap_gazetteer *gz, incmap_ctx *ctx,
                                            const char *name, size_t len, size_t max)
{
    char key[KEY_CAP];
    size_t klen;
    near_list near;
    near.n = 0;
    if (!incmap_gz_fold_query(ctx, name, len, key, &klen)) {
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
        incmap_gz_gather_key(g, k, strlen(k), INCMAP_MATCH_TOLERANT, true);
        for (size_t j = before; j < g->n; j++) {
            /* closer spellings first, then the more important place */
            g->v[j].score = (RANK_SUGGEST_BASE - RANK_SUGGEST_PER_EDIT * near.v[i].dist) *
                            incmap_gz_suggest_weight(g->v[j].sum);
        }
    }
    size_t before = g->n;
    if (ok && incmap_fold_alnum_count(key, klen) >= 4) {
        gather_first_letter_edits(g, key, klen);
    }
    for (size_t j = before; j < g->n; j++) {
        g->v[j].score = RANK_SUGGEST_FIRST_LETTER * incmap_gz_suggest_weight(g->v[j].sum);
    }
    incmap_candidates *c = NULL;
    if (g->corrupt) {
        incmap_gz_corrupt(gz, ctx, "damaged name table");
    } else {
        c = incmap_gz_finish(g, ctx, max);
    }
    free(g);
    return c;
}

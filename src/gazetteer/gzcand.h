/* Internal: the candidates a name lookup gathers and ranks, shared by gzlookup.c (lookup) and
 * gzsuggest.c (spelling suggestions, gathered and finished the same way). */
#ifndef INCMAP_GZCAND_H
#define INCMAP_GZCAND_H

#include "gazetteer/gzread.h"
#include "text/fold.h"

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

/* Adds the entries filed under KEY (LEN bytes) to G at match TIER; FULL: by the whole query. */
void incmap_gz_gather_key(gather_t *g, const char *key, size_t len, incmap_match tier, bool full);
/* The factor importance puts on a suggestion's spelling score. */
double incmap_gz_suggest_weight(const gz_sum *sum);
/* Sorts G's candidates by score and returns the best LIMIT, their records resolved. Owned: free
 * with incmap_candidates_destroy(). NULL on error (see ctx). */
incmap_candidates *incmap_gz_finish(gather_t *g, incmap_ctx *ctx, size_t limit);
/* Checks a query name (not empty, within INCMAP_NAME_MAX, UTF-8); folds it into KEY (KEY_CAP
 * bytes). False on error (see ctx). */
bool incmap_gz_fold_query(incmap_ctx *ctx, const char *name, size_t len, char *key, size_t *klen);

#endif

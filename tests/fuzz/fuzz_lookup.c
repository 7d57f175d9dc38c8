/* libFuzzer target for the name path of the gazetteer: UTF-8 check, folding (and its article and
 * skeleton variants), lookup with every option and spelling suggestions, over a small in-memory
 * gazetteer (fuzz_fixture.h). Folding must agree with the UTF-8 check, never grow the text and be
 * idempotent (a key folds to itself, or index and query keys would drift apart); lookups must end
 * in a bounded, scored list or a one-line error. The first byte picks the options.
 * Seeds: tests/fuzz/corpus/lookup/, dictionary: tests/fuzz/lookup.dict. */
#include "fuzz_fixture.h"
#include "text/fold.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz_lookup: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    abort();
}

static void check_fold(const char *s, size_t len)
{
    size_t bad = 0;
    bool valid = incmap_utf8_check(s, len, &bad);
    if (!valid && bad >= len) {
        broken("invalid UTF-8 reported past the end", NULL);
    }
    char *key = malloc(INCMAP_FOLD_CAP(len)), *again = malloc(INCMAP_FOLD_CAP(len));
    char *var = malloc(INCMAP_FOLD_CAP(len));
    if (key == NULL || again == NULL || var == NULL) {
        goto out;
    }
    size_t k = incmap_fold(s, len, key, INCMAP_FOLD_CAP(len));
    if (valid != (k != SIZE_MAX)) {
        broken("fold and the UTF-8 check disagree", NULL);
    }
    if (!valid) {
        goto out;
    }
    if (k > len || key[k] != '\0' || strlen(key) != k) {
        broken("fold grew the text or lost its terminator", NULL);
    }
    size_t k2 = incmap_fold(key, k, again, INCMAP_FOLD_CAP(len));
    if (k2 != k || memcmp(key, again, k) != 0) {
        broken("fold is not idempotent", key);
    }
    size_t a = incmap_fold_strip_articles(key, k, var, INCMAP_FOLD_CAP(len));
    if (a > k || var[a] != '\0') {
        broken("strip_articles grew the key", key);
    }
    size_t sk = incmap_fold_skeleton(key, k, var, INCMAP_FOLD_CAP(len));
    if (sk > k || (sk > 0 && var[sk] != '\0')) {
        broken("skeleton grew the key", key);
    }
    if (incmap_fold_alnum_count(key, k) > k) {
        broken("alnum count over the key length", key);
    }
out:
    free(key);
    free(again);
    free(var);
}

static void check_candidates(const incmap_gazetteer *gz, incmap_ctx *ctx,
                             const incmap_candidates *c, size_t limit)
{
    size_t n = incmap_candidates_count(c);
    if (n > limit) {
        broken("more candidates than the limit", NULL);
    }
    for (size_t i = 0; i < n; i++) {
        const incmap_place *p = incmap_candidates_place(c, i);
        double s = incmap_candidates_score(c, i);
        if (p == NULL || !(s >= 0 && s <= 1)) {
            broken("a candidate without place or with a score outside 0..1", NULL);
        }
        if (incmap_gazetteer_get(gz, incmap_place_id(p)) != p) {
            broken("a candidate's id does not find it again", incmap_place_id(p));
        }
        incmap_geom_destroy(incmap_place_geometry(gz, ctx, p));
    }
}

static void check_failed(const incmap_ctx *ctx, const char *what)
{
    const char *msg = incmap_ctx_message(ctx);
    if (incmap_ctx_status(ctx) == INCMAP_OK || msg[0] == '\0' || strchr(msg, '\n') != NULL) {
        broken(what, msg);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096) {
        return 0; /* names over 1 KiB are refused up front; a little beyond covers that path */
    }
    if (size == 0) {
        check_fold("", 0);
        return 0;
    }
    static const char *const ccs[] = {NULL, "IQ", "SY", "LB", "US", "LY", "ZZ", "iq"};
    static const incmap_kind kinds[] = {INCMAP_KIND_ANY, INCMAP_KIND_PLACE, INCMAP_KIND_COUNTRY,
                                        INCMAP_KIND_ADMIN1};
    uint8_t sel = data[0];
    const char *name = (const char *)data + 1;
    size_t len = size - 1;
    check_fold(name, len);

    incmap_gazetteer *gz = fixture_gazetteer();
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_lookup_opts o = incmap_lookup_opts_default();
    o.country = ccs[sel & 7];
    o.country_filter = o.country != NULL && (sel & 8) != 0;
    o.kind = kinds[(sel >> 4) & 3];
    o.limit = (sel & 64) != 0 ? 1 : 10;
    o.tolerant = (sel & 128) == 0;
    incmap_candidates *c = incmap_gazetteer_lookup(gz, ctx, name, len, &o);
    if (c == NULL) {
        check_failed(ctx, "lookup failed without a one-line message");
        if (len > 0 && len <= INCMAP_NAME_MAX && incmap_utf8_check(name, len, NULL)) {
            broken("lookup refused a valid name under the limit", incmap_ctx_message(ctx));
        }
    } else {
        check_candidates(gz, ctx, c, o.limit);
        if (incmap_candidates_count(c) == 0) {
            incmap_candidates *s = incmap_gazetteer_suggest(gz, ctx, name, len, 5);
            if (s == NULL) {
                check_failed(ctx, "suggest failed without a one-line message");
            } else {
                check_candidates(gz, ctx, s, 5);
            }
            incmap_candidates_destroy(s);
        }
    }
    incmap_candidates_destroy(c);
    incmap_ctx_destroy(ctx);
    return 0;
}

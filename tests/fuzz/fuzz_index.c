/* libFuzzer target for the gazetteer index reader (issue 14): damaged and random .idx images
 * through incmap_gazetteer_open_mem() and every call that reads the index (lookup, suggest, get,
 * country, border, geometry). The first byte picks the mode:
 *   mode & 3 == 0   the rest of the input is the whole image (random bytes, a cut header)
 *   otherwise       the rest is a list of 5-byte patches (u32 offset, little-endian, taken
 *                   modulo the image size; one XOR byte) applied to the fixture index
 *                   (fuzz_fixture.h); with mode & 4 the image is then re-sealed (block checksums
 *                   and header hash recomputed), so the damage reaches the reader's own bounds
 *                   checks; with mode & 8 it is also cut short by the first patch's offset.
 * Oracles: no crash or sanitizer report; a failure is a one-line message, and a damaged index
 * is reported as "is corrupt" (INCMAP_ERR_IO); and an image damaged without re-sealing answers
 * every call exactly as the intact index does, or reports it as corrupt: the checksums never let
 * a damaged byte into an answer.
 * Seeds: tests/fuzz/corpus/index/. */
#include "fuzz_fixture.h"

#include <stdarg.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz_index: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    abort();
}

/* A failed call: a one-line message; a damaged index says so and is a file problem. */
static void check_failed(const incmap_ctx *ctx, const char *what)
{
    const char *msg = incmap_ctx_message(ctx);
    incmap_status st = incmap_ctx_status(ctx);
    if (st == INCMAP_OK || msg[0] == '\0' || strchr(msg, '\n') != NULL) {
        broken(what, msg);
    }
    if (st != INCMAP_ERR_NOMEM && (st != INCMAP_ERR_IO || strstr(msg, "gazetteer index") == NULL)) {
        broken("a damaged index not reported as a gazetteer file problem", msg);
    }
}

typedef struct {
    char *buf;
    size_t len, cap;
} sig_t;

static void put(sig_t *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(sig_t *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(s->buf + s->len, s->cap - s->len, fmt, ap);
    va_end(ap);
    if (n > 0) {
        s->len += (size_t)n < s->cap - s->len ? (size_t)n : s->cap - s->len - 1;
    }
}

/* Everything the calls answered, as text; "corrupt" where one reported the index damaged. */
static void exercise(incmap_gazetteer *gz, incmap_ctx *ctx, sig_t *s)
{
    static const char *const names[] = {
        "Tripoli", "Babylon province", "Hasakah", "Zumar",    "Syrian", "Mosul",
        "Iraqi",   "Al Asad",          "Hilla",   "Qamishlx", "ORAA"};
    incmap_lookup_opts o = incmap_lookup_opts_default();
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        incmap_candidates *c = incmap_gazetteer_lookup(gz, ctx, names[i], strlen(names[i]), &o);
        if (c == NULL) {
            check_failed(ctx, "lookup failed without a one-line message");
            put(s, "corrupt;");
            continue;
        }
        for (size_t k = 0; k < incmap_candidates_count(c); k++) {
            const incmap_place *p = incmap_candidates_place(c, k);
            double score = incmap_candidates_score(c, k);
            if (p == NULL || !(score >= 0 && score <= 1)) {
                broken("a candidate without place or with a score outside 0..1", names[i]);
            }
            incmap_lonlat ll = incmap_place_point(p);
            put(s, "%s|%s|%s|%s|%s|%d|%.9g|%.9g|%lld|%.9g,", incmap_place_id(p),
                incmap_place_name(p), incmap_place_admin1(p), incmap_place_feature_code(p),
                incmap_place_country(p), (int)incmap_place_kind(p), ll.lon_deg, ll.lat_deg,
                (long long)incmap_place_population(p), score);
            if (incmap_gazetteer_get(gz, incmap_place_id(p)) == NULL) {
                put(s, "unfound,");
            }
            incmap_geom *g = incmap_place_geometry(gz, ctx, p);
            if (g == NULL) {
                check_failed(ctx, "geometry failed without a one-line message");
                put(s, "corrupt,");
            } else {
                put(s, "%zu/%zu/%.9g,", g->npoints, g->nrings, g->npoints ? g->xy[0] : 0.0);
            }
            incmap_geom_destroy(g);
        }
        put(s, ";");
        incmap_candidates_destroy(c);
    }
    incmap_candidates *sg = incmap_gazetteer_suggest(gz, ctx, "Mosxl", 5, 5);
    if (sg == NULL) {
        check_failed(ctx, "suggest failed without a one-line message");
        put(s, "corrupt;");
    } else {
        for (size_t k = 0; k < incmap_candidates_count(sg); k++) {
            put(s, "%s,", incmap_place_id(incmap_candidates_place(sg, k)));
        }
        put(s, ";");
    }
    incmap_candidates_destroy(sg);
    const char *const ccs[] = {"IQ", "SY", "US", "LB", "FR"};
    for (size_t i = 0; i < sizeof ccs / sizeof ccs[0]; i++) {
        const incmap_place *p = incmap_gazetteer_country(gz, ccs[i]);
        put(s, "%s;", p != NULL ? incmap_place_id(p) : "-");
    }
    incmap_geom *b = incmap_gazetteer_border(gz, ctx, "SY", "IQ");
    if (b == NULL && incmap_ctx_status(ctx) == INCMAP_ERR_NOT_FOUND) {
        put(s, "noborder;"); /* a re-sealed image may have lost its border table entry */
    } else if (b == NULL) {
        check_failed(ctx, "border failed without a one-line message");
        put(s, "corrupt;");
    } else {
        put(s, "%zu/%.9g;", b->npoints, b->npoints ? b->xy[0] : 0.0);
    }
    incmap_geom_destroy(b);
    put(s, "%zu", incmap_gazetteer_count(gz));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static unsigned char *base;
    static size_t base_len;
    static char intact_buf[1 << 16];
    static sig_t intact = {intact_buf, 0, sizeof intact_buf};
    if (base == NULL) {
        base = fixture_index_image(&base_len);
        incmap_ctx *ctx = incmap_ctx_create();
        exercise(fixture_gazetteer(), ctx, &intact); /* the same image, opened once */
        if (strstr(intact.buf, "corrupt") != NULL) {
            broken("the intact fixture index reports itself corrupt", intact.buf);
        }
        incmap_ctx_destroy(ctx);
    }
    if (size == 0 || size > 64 * 1024) {
        return 0;
    }
    uint8_t mode = data[0];
    const uint8_t *rest = data + 1;
    size_t nrest = size - 1;
    unsigned char *img;
    size_t len;
    bool sealed = false, damaged_copy = (mode & 3) != 0;
    if (!damaged_copy) {
        len = nrest;
        img = malloc(len > 0 ? len : 1);
        if (img == NULL) {
            return 0;
        }
        memcpy(img, rest, len);
    } else {
        len = base_len;
        img = malloc(len);
        if (img == NULL) {
            return 0;
        }
        memcpy(img, base, len);
        for (size_t i = 0; i + 5 <= nrest; i += 5) {
            uint32_t off = (uint32_t)rest[i] | (uint32_t)rest[i + 1] << 8 |
                           (uint32_t)rest[i + 2] << 16 | (uint32_t)rest[i + 3] << 24;
            img[off % len] ^= rest[i + 4];
        }
        if ((mode & 8) != 0 && nrest >= 4) {
            uint32_t cut = (uint32_t)rest[0] | (uint32_t)rest[1] << 8;
            len = cut < len ? len - cut : 0;
        }
        if ((mode & 4) != 0) {
            incmap_gz_seal(img, len);
            sealed = true;
        }
    }
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_gazetteer *gz = incmap_gazetteer_open_mem(ctx, img, len);
    if (gz == NULL) {
        check_failed(ctx, "open failed without a one-line message");
    } else {
        static char got_buf[1 << 16];
        sig_t got = {got_buf, 0, sizeof got_buf};
        exercise(gz, ctx, &got);
        if (damaged_copy && !sealed && strstr(got.buf, "corrupt") == NULL &&
            strcmp(got.buf, intact.buf) != 0) {
            broken("a damaged index gave an answer the intact one does not", got.buf);
        }
        incmap_gazetteer_close(gz);
    }
    incmap_ctx_destroy(ctx);
    free(img);
    return 0;
}

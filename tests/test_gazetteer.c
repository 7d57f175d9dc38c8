/* Gazetteer index: a small index built through the writer API (no GDAL), opened from memory and
 * from a file: determinism, entries by id and country, areas, borders, and clean failure on
 * missing, corrupt or truncated indexes. Matching and ranking are in test_gzlookup.c. */
#include "../fixtures/gazetteer-core/fixture_index.h"
#include "gazetteer/gzformat.h"
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static incmap_ctx *ctx;
static incmap_gazetteer *gz;

static void setup(void)
{
    size_t len;
    void *img = build_image(&len, false);
    ctx = incmap_ctx_create();
    gz = incmap_gazetteer_open_mem(ctx, img, len);
    ck_assert_msg(gz != NULL, "%s", incmap_ctx_message(ctx));
    free(img);
}

static void teardown(void)
{
    incmap_gazetteer_close(gz);
    incmap_ctx_destroy(ctx);
}

/* An index without borders, names or entries is valid: nothing is sorted or copied from an
 * empty (NULL) array (UBSan flags qsort(NULL, 0, ...)), and lookups answer "nothing". */
START_TEST(empty_and_borderless_indexes)
{
    for (int entries = 0; entries <= 1; entries++) {
        incmap_gzw *w = incmap_gzw_create(ctx);
        if (entries) {
            add(w, "geonames:5", "Mosul", INCMAP_KIND_PLACE, "IQ", "PPLA", 43.11889, 36.335,
                1683000, NULL);
        }
        void *img = NULL;
        size_t len = 0;
        ck_assert_int_eq(incmap_gzw_write_mem(w, &img, &len), INCMAP_OK);
        incmap_gzw_destroy(w);
        incmap_gazetteer *g = incmap_gazetteer_open_mem(ctx, img, len);
        ck_assert_msg(g != NULL, "%s", incmap_ctx_message(ctx));
        free(img);
        ck_assert_uint_eq(incmap_gazetteer_count(g), (size_t)entries);
        incmap_lookup_opts o = incmap_lookup_opts_default();
        incmap_candidates *c = incmap_gazetteer_lookup(g, ctx, "Mosul", 5, &o);
        ck_assert_ptr_nonnull(c);
        ck_assert_uint_eq(incmap_candidates_count(c), (size_t)entries);
        incmap_candidates_destroy(c);
        c = incmap_gazetteer_suggest(g, ctx, "Mosxl", 5, 5);
        ck_assert_ptr_nonnull(c);
        ck_assert_uint_eq(incmap_candidates_count(c), (size_t)entries);
        incmap_candidates_destroy(c);
        ck_assert_ptr_null(incmap_gazetteer_border(g, ctx, "IQ", "SY"));
        ck_assert(isnan(incmap_gazetteer_border_length_km(g, "IQ", "SY")));
        incmap_gazetteer_close(g);
    }
}
END_TEST

START_TEST(writer_is_deterministic)
{
    size_t a_len, b_len;
    void *a = build_image(&a_len, false), *b = build_image(&b_len, true);
    ck_assert_uint_eq(a_len, b_len);
    ck_assert(memcmp(a, b, a_len) == 0);
    free(a);
    free(b);
}
END_TEST

START_TEST(get_country_and_geometry)
{
    const incmap_place *p = incmap_gazetteer_get(gz, "ne_admin1:IRQ-3216");
    ck_assert_ptr_nonnull(p);
    ck_assert_str_eq(incmap_place_name(p), "Babil");
    ck_assert(incmap_place_has_area(p));
    incmap_geom *g = incmap_place_geometry(gz, ctx, p);
    ck_assert_ptr_nonnull(g);
    ck_assert_int_eq(g->type, INCMAP_GEOM_POLYGON);
    ck_assert(incmap_geom_contains(g, (incmap_lonlat){44.42, 32.46})); /* Al Hillah */
    incmap_geom_destroy(g);
    ck_assert_ptr_null(incmap_gazetteer_get(gz, "geonames:999"));
    ck_assert_ptr_null(incmap_gazetteer_get(gz, ""));
    const incmap_place *sy = incmap_gazetteer_country(gz, "sy");
    ck_assert_ptr_nonnull(sy);
    ck_assert_str_eq(incmap_place_id(sy), "ne_admin0:SYR");
    ck_assert_ptr_null(incmap_gazetteer_country(gz, "FR"));
    const incmap_place *m = incmap_gazetteer_get(gz, "geonames:5");
    ck_assert(!incmap_place_has_area(m));
    g = incmap_place_geometry(gz, ctx, m);
    ck_assert_int_eq(g->type, INCMAP_GEOM_POINT);
    ck_assert_double_eq_tol(g->xy[0], 43.11889, 1e-9);
    incmap_geom_destroy(g);
}
END_TEST

START_TEST(border_in_either_order)
{
    incmap_geom *b = incmap_gazetteer_border(gz, ctx, "IQ", "SY");
    ck_assert_ptr_nonnull(b);
    ck_assert_int_eq(b->type, INCMAP_GEOM_LINESTRING);
    ck_assert_uint_eq(b->npoints, 3);
    incmap_geom_destroy(b);
    double km = incmap_gazetteer_border_length_km(gz, "sy", "iq");
    /* two segments: ~ 311 km and ~ 262 km on the ellipsoid */
    ck_assert_msg(km > 540 && km < 600, "border length %f", km);
    ck_assert_ptr_null(incmap_gazetteer_border(gz, ctx, "IQ", "LY"));
    ck_assert_int_eq(incmap_ctx_status(ctx), INCMAP_ERR_NOT_FOUND);
    ck_assert(isnan(incmap_gazetteer_border_length_km(gz, "IQ", "LY")));
}
END_TEST

START_TEST(open_file_and_report_missing)
{
    size_t len;
    void *img = build_image(&len, false);
    const char *gpkg = tmp_path("gz.gpkg");
    char idx[4096];
    snprintf(idx, sizeof idx, "%.*s.idx", (int)(strlen(gpkg) - 5), gpkg);
    ck_assert_int_eq(incmap_write_file_atomic(ctx, idx, img, len), INCMAP_OK);
    free(img);
    incmap_gazetteer *f = incmap_gazetteer_open(ctx, gpkg);
    ck_assert_msg(f != NULL, "%s", incmap_ctx_message(ctx));
    ck_assert_str_eq(incmap_gazetteer_gpkg_path(f), gpkg);
    ck_assert_uint_eq(incmap_gazetteer_count(f), FIXTURE_ENTRIES);
    incmap_gazetteer_close(f);
    f = incmap_gazetteer_open(ctx, idx); /* the .idx itself works too */
    ck_assert_ptr_nonnull(f);
    incmap_gazetteer_close(f);
    remove(idx);
    ck_assert_ptr_null(incmap_gazetteer_open(ctx, gpkg));
    ck_assert_int_eq(incmap_ctx_status(ctx), INCMAP_ERR_IO);
    ck_assert_msg(strstr(incmap_ctx_message(ctx), "incmap gazetteer build") != NULL, "%s",
                  incmap_ctx_message(ctx));
    ck_assert_msg(strstr(incmap_ctx_message(ctx), gpkg) != NULL, "%s", incmap_ctx_message(ctx));
}
END_TEST

/* Exercises everything a lookup can touch; on a damaged index each call may fail, never crash. */
static void exercise(incmap_gazetteer *g, incmap_ctx *c)
{
    static const char *const names[] = {"Tripoli", "Babylon province", "Hasakah",     "Zumar",
                                        "Syrian",  "Hassakeh",         "Kuwait City", "Al Asad"};
    incmap_lookup_opts o = incmap_lookup_opts_default();
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        incmap_candidates *cands = incmap_gazetteer_lookup(g, c, names[i], strlen(names[i]), &o);
        for (size_t k = 0; k < incmap_candidates_count(cands); k++) {
            const incmap_place *p = incmap_candidates_place(cands, k);
            ck_assert(strlen(incmap_place_id(p)) + strlen(incmap_place_name(p)) +
                          strlen(incmap_place_admin1(p)) + strlen(incmap_place_feature_code(p)) <
                      4096);
            incmap_geom_destroy(incmap_place_geometry(g, c, p));
        }
        incmap_candidates_destroy(cands);
    }
    incmap_candidates_destroy(incmap_gazetteer_suggest(g, c, "Zumxxr", 6, 5));
    const incmap_place *p = incmap_gazetteer_get(g, "ne_admin1:IRQ-3216");
    if (p != NULL) {
        incmap_geom_destroy(incmap_place_geometry(g, c, p));
    }
    p = incmap_gazetteer_country(g, "SY");
    if (p != NULL) {
        incmap_geom_destroy(incmap_place_geometry(g, c, p));
    }
    incmap_geom_destroy(incmap_gazetteer_border(g, c, "IQ", "SY"));
    (void)incmap_gazetteer_border_length_km(g, "IQ", "SY");
}

START_TEST(truncated_index_is_rejected)
{
    size_t len;
    unsigned char *img = build_image(&len, false);
    for (size_t cut = 0; cut < len; cut += cut < 300 ? 1 : 97) {
        incmap_gazetteer *g = incmap_gazetteer_open_mem(ctx, img, cut);
        ck_assert_msg(g == NULL, "accepted an index cut at %zu of %zu bytes", cut, len);
        ck_assert_int_eq(incmap_ctx_status(ctx), INCMAP_ERR_IO);
        ck_assert_msg(strstr(incmap_ctx_message(ctx), "is corrupt") != NULL, "%s",
                      incmap_ctx_message(ctx));
    }
    free(img);
}
END_TEST

START_TEST(damaged_header_is_rejected)
{
    size_t len;
    unsigned char *img = build_image(&len, false);
    for (size_t i = 0; i < GZ_HEADER_SIZE && i < len; i++) {
        img[i] ^= 0x10;
        incmap_gazetteer *g = incmap_gazetteer_open_mem(ctx, img, len);
        ck_assert_msg(g == NULL, "accepted a header with byte %zu flipped", i);
        ck_assert_int_eq(incmap_ctx_status(ctx), INCMAP_ERR_IO);
        img[i] ^= 0x10;
    }
    const char text[] = "name\tlat\tlon\nMosul\t36.34\t43.12\n";
    ck_assert_ptr_null(incmap_gazetteer_open_mem(ctx, text, sizeof text));
    ck_assert_msg(strstr(incmap_ctx_message(ctx), "not an incmap index") != NULL, "%s",
                  incmap_ctx_message(ctx));
    free(img);
}
END_TEST

/* An index from an older incmap: refused at open with the fix, as a file problem (exit 4). */
START_TEST(older_version_is_refused)
{
    size_t len;
    unsigned char *img = build_image(&len, false);
    uint32_t v = GZ_VERSION - 1;
    memcpy(img + 8, &v, 4);
    ck_assert_ptr_null(incmap_gazetteer_open_mem(ctx, img, len));
    ck_assert_int_eq(incmap_ctx_status(ctx), INCMAP_ERR_IO);
    ck_assert_msg(strstr(incmap_ctx_message(ctx), "older incmap") != NULL &&
                      strstr(incmap_ctx_message(ctx), "incmap gazetteer build") != NULL,
                  "%s", incmap_ctx_message(ctx));
    free(img);
}
END_TEST

/* What the exercise below reads, as text: ids and scores of each lookup, or "corrupt" when a
 * call reported the index as corrupt (any other failure is a test failure). */
static void signature(incmap_gazetteer *g, incmap_ctx *c, char *out, size_t cap)
{
    static const char *const names[] = {"Tripoli", "Babylon province", "Hasakah", "Zumar",
                                        "Syrian",  "Hassakeh",         "Mosul",   "Kuwait City"};
    size_t at = 0;
    out[0] = '\0';
#define PUT(...) (at += (size_t)snprintf(out + at, at < cap ? cap - at : 0, __VA_ARGS__))
#define CORRUPT_OR_FAIL()                                                                          \
    do {                                                                                           \
        ck_assert_msg(incmap_ctx_status(c) == INCMAP_ERR_IO &&                                     \
                          strstr(incmap_ctx_message(c), "is corrupt") != NULL,                     \
                      "%s", incmap_ctx_message(c));                                                \
        PUT("corrupt;");                                                                           \
    } while (0)
    incmap_lookup_opts o = incmap_lookup_opts_default();
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        incmap_candidates *cands = incmap_gazetteer_lookup(g, c, names[i], strlen(names[i]), &o);
        if (cands == NULL) {
            CORRUPT_OR_FAIL();
            continue;
        }
        for (size_t k = 0; k < incmap_candidates_count(cands); k++) {
            const incmap_place *p = incmap_candidates_place(cands, k);
            incmap_lonlat ll = incmap_place_point(p);
            PUT("%s/%s/%s/%.6f/%.6f/%.6f,", incmap_place_id(p), incmap_place_name(p),
                incmap_place_country(p), ll.lon_deg, ll.lat_deg, incmap_candidates_score(cands, k));
            incmap_geom *geom = incmap_place_geometry(g, c, p);
            if (geom == NULL) {
                CORRUPT_OR_FAIL();
            } else {
                PUT("%zu/%.6f", geom->npoints, geom->xy[0]);
            }
            incmap_geom_destroy(geom);
        }
        PUT(";");
        incmap_candidates_destroy(cands);
    }
    incmap_candidates *s = incmap_gazetteer_suggest(g, c, "Zumxxr", 6, 5);
    if (s == NULL) {
        CORRUPT_OR_FAIL();
    } else {
        PUT("%zu;", incmap_candidates_count(s));
    }
    incmap_candidates_destroy(s);
    const incmap_place *sy = incmap_gazetteer_country(g, "SY");
    PUT("%s;", sy != NULL ? incmap_place_id(sy) : "(none)");
    incmap_geom *b = incmap_gazetteer_border(g, c, "IQ", "SY");
    if (b == NULL) {
        CORRUPT_OR_FAIL();
    } else {
        PUT("%zu;", b->npoints);
    }
    incmap_geom_destroy(b);
#undef PUT
#undef CORRUPT_OR_FAIL
}

/* Issue 14: a damaged index is never believed. Every single flipped bit past the header either
 * makes the open or a call fail with "is corrupt" (INCMAP_ERR_IO), or lies in bytes that none
 * of the calls read, so that every answer is the intact index's answer. */
START_TEST(flipped_bytes_are_caught_or_unread)
{
    size_t len;
    unsigned char *img = build_image(&len, false);
    static char want[16384], got[16384];
    signature(gz, ctx, want, sizeof want);
    ck_assert_msg(strstr(want, "corrupt") == NULL, "%s", want);
    uint64_t state = 0x2545F4914F6CDD1Dull;
    int caught = 0;
    for (int trial = 0; trial < 2000; trial++) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        size_t at = GZ_HEADER_SIZE + (size_t)((state >> 33) % (len - GZ_HEADER_SIZE));
        unsigned char bit = (unsigned char)(1u << ((state >> 20) % 8));
        img[at] ^= bit;
        incmap_gazetteer *g = incmap_gazetteer_open_mem(ctx, img, len);
        if (g == NULL) {
            ck_assert_int_eq(incmap_ctx_status(ctx), INCMAP_ERR_IO);
            ck_assert_msg(strstr(incmap_ctx_message(ctx), "is corrupt") != NULL, "%s",
                          incmap_ctx_message(ctx));
            caught++;
        } else {
            signature(g, ctx, got, sizeof got);
            if (strstr(got, "corrupt") != NULL) {
                caught++;
            } else {
                ck_assert_msg(strcmp(got, want) == 0, "byte %zu flipped: %s\nintact: %s", at, got,
                              want);
            }
            incmap_gazetteer_close(g);
        }
        img[at] ^= bit;
    }
    ck_assert_int_gt(caught, 1000); /* most of this small image is read by the calls */
    free(img);
}
END_TEST

/* incmap_gazetteer_verify() reads every block: a flipped byte anywhere past the header is found,
 * even where no lookup would read it. */
START_TEST(verify_finds_every_flip)
{
    size_t len;
    unsigned char *img = build_image(&len, false);
    incmap_gazetteer *g = incmap_gazetteer_open_mem(ctx, img, len);
    ck_assert_int_eq(incmap_gazetteer_verify(g, ctx), INCMAP_OK);
    incmap_gazetteer_close(g);
    for (size_t at = GZ_HEADER_SIZE; at < len; at += 97) {
        img[at] ^= 0x04;
        g = incmap_gazetteer_open_mem(ctx, img, len);
        if (g != NULL) {
            ck_assert_msg(incmap_gazetteer_verify(g, ctx) == INCMAP_ERR_IO, "byte %zu", at);
            ck_assert_msg(strstr(incmap_ctx_message(ctx), "checksum mismatch") != NULL, "%s",
                          incmap_ctx_message(ctx));
            incmap_gazetteer_close(g);
        }
        img[at] ^= 0x04;
    }
    free(img);
}
END_TEST

/* Flips random bytes past the header and re-seals the checksums, so the damage gets past them
 * to the reader's bounds checks (a deterministic generator, so failures reproduce). */
START_TEST(flipped_bytes_never_crash)
{
    size_t len;
    unsigned char *img = build_image(&len, false);
    unsigned char *bad = malloc(len);
    uint64_t state = 0x9E3779B97F4A7C15ull;
    for (int trial = 0; trial < 3000; trial++) {
        memcpy(bad, img, len);
        for (int k = 0; k < 1 + trial % 8; k++) {
            state = state * 6364136223846793005ull + 1442695040888963407ull;
            size_t at = GZ_HEADER_SIZE + (size_t)((state >> 33) % (len - GZ_HEADER_SIZE));
            bad[at] ^= (unsigned char)(1u << ((state >> 20) % 8));
        }
        if (trial % 2 == 0) {
            incmap_gz_seal(bad, len);
        }
        incmap_gazetteer *g = incmap_gazetteer_open_mem(ctx, bad, len);
        if (g != NULL) {
            exercise(g, ctx);
            incmap_gazetteer_close(g);
        }
    }
    free(bad);
    free(img);
}
END_TEST

START_TEST(intact_index_survives_exercise)
{
    exercise(gz, ctx);
    ck_assert_int_ne(incmap_ctx_status(ctx), INCMAP_ERR_IO);
}
END_TEST

static Suite *gazetteer_suite(void)
{
    Suite *s = suite_create("gazetteer");
    TCase *tc = tcase_create("index");
    /* 3,000 damaged copies of an 80 KB image (most of it the suggestion directory and the
     * Bloom filter) take a few seconds under the sanitizers on a busy machine */
    tcase_set_timeout(tc, 60);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, empty_and_borderless_indexes);
    tcase_add_test(tc, writer_is_deterministic);
    tcase_add_test(tc, get_country_and_geometry);
    tcase_add_test(tc, border_in_either_order);
    tcase_add_test(tc, open_file_and_report_missing);
    tcase_add_test(tc, truncated_index_is_rejected);
    tcase_add_test(tc, damaged_header_is_rejected);
    tcase_add_test(tc, older_version_is_refused);
    tcase_add_test(tc, flipped_bytes_are_caught_or_unread);
    tcase_add_test(tc, verify_finds_every_flip);
    tcase_add_test(tc, flipped_bytes_never_crash);
    tcase_add_test(tc, intact_index_survives_exercise);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(gazetteer_suite());
}

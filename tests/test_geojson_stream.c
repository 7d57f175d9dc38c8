/* The streaming GeoJSON writer (incmap_geojson_write_stream): the same bytes as the whole-string
 * writer and as cJSON prints the same values (the files written before the writer streamed must
 * not change), RFC 8142 text sequences, id prefixes, and refusals that write nothing. */
#include "geojson/geojson_int.h"
#include "testutil.h"

#include <cjson/cJSON.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static incmap_geom *line_geom(const double *xy, size_t n)
{
    incmap_geom *g = incmap_geom_create(INCMAP_GEOM_LINESTRING, n, 1, 0);
    memcpy(g->xy, xy, 2 * n * sizeof *xy);
    g->ring_end[0] = n;
    return g;
}

/* Three features with what needs care in JSON text: escapes, non-ASCII, tiny and large numbers,
 * two features of one (incident, role) so ids count up. */
static incmap_incidents *awkward(incmap_ctx *ctx)
{
    incmap_incidents *inc = incmap_incidents_create(ctx);
    incmap_feature f = incmap_feature_init();
    f.incident = 2;
    f.role = INCMAP_ROLE_TARGET;
    f.name = (char *)"Tall \"Abyad\"\\ \xd8\xaa\xd9\x84 \xd8\xa3\xd8\xa8\xd9\x8a\xd8\xb6";
    f.text = (char *)"line\nbreak\ttab\x01\x1f/";
    f.start = 3000000000L;
    f.end = 999999999999999L;
    f.uncertainty_km = 0.0004;
    f.confidence = 1;
    f.bearing_deg = -0.004;
    f.distance_km = 12345.6789;
    f.geom = incmap_geom_point(0.00001, -0.0001);
    ck_assert_int_eq(incmap_incidents_add(inc, ctx, &f), INCMAP_OK);
    incmap_geom_destroy(f.geom);
    const double xy[] = {-179.9999996, 89.9999999, 180, -90, 12.3456785, 0.1};
    f = incmap_feature_init();
    f.incident = 2;
    f.role = INCMAP_ROLE_TARGET;
    f.geom = line_geom(xy, 3);
    ck_assert_int_eq(incmap_incidents_add(inc, ctx, &f), INCMAP_OK);
    incmap_geom_destroy(f.geom);
    f = incmap_feature_init();
    f.geom = incmap_geom_point(44.4, 33.3);
    ck_assert_int_eq(incmap_incidents_add(inc, ctx, &f), INCMAP_OK);
    incmap_geom_destroy(f.geom);
    return inc;
}

/* What write_stream puts in a FILE, as a string (free()). */
static char *streamed(incmap_ctx *ctx, const incmap_incidents *inc, const incmap_geojson_opts *o,
                      incmap_status *st)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(fp);
    *st = incmap_geojson_write_stream(ctx, inc, fp, o);
    fclose(fp);
    return buf;
}

START_TEST(stream_is_byte_identical_to_write)
{
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_incidents *inc = awkward(ctx);
    for (int pretty = 0; pretty <= 1; pretty++) {
        incmap_geojson_opts o = {.pretty = pretty};
        incmap_status st;
        char *s = streamed(ctx, inc, &o, &st), *w = incmap_geojson_write(ctx, inc, pretty);
        ck_assert_int_eq(st, INCMAP_OK);
        ck_assert_ptr_nonnull(w);
        ck_assert_str_eq(s, w);
        free(s);
        incmap_free(w);
    }
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

/* Each feature line of the pretty form is exactly what cJSON prints for the same JSON: the
 * writer formerly built a cJSON tree and printed it, and files must not change. */
START_TEST(features_are_printed_as_cjson_prints_them)
{
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_incidents *inc = awkward(ctx);
    char *text = incmap_geojson_write(ctx, inc, true);
    ck_assert_ptr_nonnull(text);
    size_t lines = 0;
    for (char *line = strtok(text, "\n"); line != NULL; line = strtok(NULL, "\n"), lines++) {
        size_t n = strlen(line);
        if (lines == 0 || strcmp(line, "]}") == 0) {
            continue; /* the header and the tail are not whole JSON values */
        }
        if (line[n - 1] == ',') {
            line[--n] = '\0';
        }
        cJSON *v = cJSON_Parse(line);
        ck_assert_ptr_nonnull(v);
        char *again = cJSON_PrintUnformatted(v);
        ck_assert_str_eq(again, line);
        cJSON_free(again);
        cJSON_Delete(v);
    }
    ck_assert_uint_eq(lines, 5);
    incmap_free(text);
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

static void assert_num_as_cjson(double v, int decimals)
{
    cJSON *n = cJSON_CreateNumber(v);
    char *want = cJSON_PrintUnformatted(n);
    gj_buf b = {0};
    ck_assert(incmap_gjw_num(&b, v, decimals));
    ck_assert_msg(strcmp(b.s, want) == 0, "%.17g (%d decimals): %s, cJSON %s", v, decimals, b.s,
                  want);
    free(b.s);
    cJSON_free(want);
    cJSON_Delete(n);
}

/* Rounded coordinates and properties of every size, integers in and beyond int, the edges of
 * the fast path (1e-4, 1e15), and numbers that were never rounded at all. */
START_TEST(numbers_are_printed_as_cjson_prints_them)
{
    static const double scale[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
    const double edges[] = {0,
                            -0.0,
                            1e-4,
                            9.9e-5,
                            1e-5,
                            1e-6,
                            -1e-6,
                            0.0001,
                            0.00015,
                            1e15,
                            999999999999999,
                            1e15 - 2,
                            1e16,
                            INT_MAX,
                            INT_MIN,
                            2147483648.0,
                            -2147483649.0,
                            3e9,
                            0.1,
                            0.3,
                            180,
                            -180,
                            90,
                            179.999999,
                            0.1 + 0.2,
                            M_PI,
                            1.0 / 3,
                            DBL_MAX,
                            DBL_MIN,
                            5e-324};
    for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++) {
        for (int d = 0; d <= 6; d++) {
            assert_num_as_cjson(edges[i], d);
        }
    }
    srand(14);
    for (int i = 0; i < 300000; i++) {
        int d = rand() % 7;
        double mag = pow(10, rand() % 12 - 3);
        double x = ((double)rand() / RAND_MAX - 0.5) * 2 * mag;
        double r = round(x * scale[d]) / scale[d];
        assert_num_as_cjson(r == 0 ? 0.0 : r, d);
        if (i % 10 == 0) {
            assert_num_as_cjson(x, d); /* not rounded: decimals is only a hint */
        }
    }
}
END_TEST

START_TEST(strings_are_escaped_as_cjson_escapes_them)
{
    char s[256];
    for (int i = 1; i < 256; i++) {
        s[i - 1] = (char)i;
    }
    s[255] = '\0';
    cJSON *v = cJSON_CreateString(s);
    char *want = cJSON_PrintUnformatted(v);
    gj_buf b = {0};
    ck_assert(incmap_gjw_str(&b, s));
    ck_assert_str_eq(b.s, want);
    free(b.s);
    cJSON_free(want);
    cJSON_Delete(v);
}
END_TEST

/* RFC 8142: every record is RS, one JSON text, LF; here each a Feature, with no collection. */
START_TEST(sequence_frames_each_feature_per_rfc8142)
{
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_incidents *inc = awkward(ctx);
    incmap_geojson_opts o = {.seq = true, .pretty = true};
    incmap_status st;
    char *s = streamed(ctx, inc, &o, &st);
    ck_assert_int_eq(st, INCMAP_OK);
    ck_assert_ptr_null(strstr(s, "FeatureCollection"));
    size_t records = 0;
    for (char *p = s; *p != '\0'; records++) {
        ck_assert_int_eq(*p, 0x1e);
        char *lf = strchr(p, '\n');
        ck_assert_ptr_nonnull(lf);
        ck_assert_ptr_null(memchr(p + 1, 0x1e, (size_t)(lf - p - 1)));
        *lf = '\0';
        cJSON *f = cJSON_Parse(p + 1);
        ck_assert_ptr_nonnull(f);
        ck_assert_str_eq(cJSON_GetObjectItemCaseSensitive(f, "type")->valuestring, "Feature");
        cJSON_Delete(f);
        p = lf + 1;
    }
    ck_assert_uint_eq(records, 3);
    free(s);
    /* the record is the collection's feature, byte for byte */
    char *one = incmap_geojson_write(ctx, inc, true);
    s = streamed(ctx, inc, &o, &st);
    ck_assert_ptr_nonnull(s);
    s[strcspn(s, "\n")] = '\0';
    ck_assert_ptr_nonnull(strstr(one, s + 1));
    free(s);
    incmap_free(one);
    incmap_incidents *none = incmap_incidents_create(ctx);
    s = streamed(ctx, none, &o, &st);
    ck_assert_int_eq(st, INCMAP_OK);
    ck_assert_str_eq(s, ""); /* no features, no records */
    free(s);
    incmap_incidents_destroy(none);
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

START_TEST(id_prefix_prefixes_every_id)
{
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_incidents *inc = awkward(ctx);
    incmap_geojson_opts o = {.id_prefix = "r12:"};
    incmap_status st;
    char *s = streamed(ctx, inc, &o, &st);
    ck_assert_int_eq(st, INCMAP_OK);
    cJSON *doc = cJSON_Parse(s);
    const cJSON *feats = cJSON_GetObjectItemCaseSensitive(doc, "features");
    const char *want[] = {"r12:2-target-1", "r12:2-target-2", "r12:m-mention-1"};
    ck_assert_int_eq(cJSON_GetArraySize(feats), 3);
    for (int i = 0; i < 3; i++) {
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(feats, i), "id");
        ck_assert_str_eq(id->valuestring, want[i]);
    }
    cJSON_Delete(doc);
    free(s);
    /* a prefix is text like any other: escaped, and refused when it is not UTF-8 */
    o.id_prefix = "a\"b/";
    s = streamed(ctx, inc, &o, &st);
    ck_assert_ptr_nonnull(strstr(s, "\"id\":\"a\\\"b/2-target-1\""));
    free(s);
    o.id_prefix = "bad\xff";
    s = streamed(ctx, inc, &o, &st);
    ck_assert_int_eq(st, INCMAP_ERR_INVALID_ARG);
    ck_assert_ptr_nonnull(strstr(incmap_ctx_message(ctx), "id prefix"));
    ck_assert_str_eq(s, "");
    free(s);
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

/* A feature the format cannot hold, after others that it can: nothing at all is written. */
START_TEST(refusal_writes_nothing)
{
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_incidents *inc = awkward(ctx);
    incmap_feature f = incmap_feature_init();
    f.confidence = NAN;
    f.bearing_deg = INFINITY;
    f.geom = incmap_geom_point(1, 2);
    ck_assert_int_eq(incmap_incidents_add(inc, ctx, &f), INCMAP_OK);
    incmap_geom_destroy(f.geom);
    for (int seq = 0; seq <= 1; seq++) {
        incmap_geojson_opts o = {.seq = seq};
        incmap_status st;
        char *s = streamed(ctx, inc, &o, &st);
        ck_assert_int_eq(st, INCMAP_ERR_INVALID_ARG);
        ck_assert_ptr_nonnull(strstr(incmap_ctx_message(ctx), "feature 3"));
        ck_assert_ptr_nonnull(strstr(incmap_ctx_message(ctx), "bearing_deg"));
        ck_assert_str_eq(s, "");
        free(s);
    }
    /* and a write that fails is an I/O error */
    incmap_incidents_destroy(inc);
    inc = awkward(ctx);
    FILE *full = fopen("/dev/full", "w");
    if (full != NULL) {
        ck_assert_int_eq(incmap_geojson_write_stream(ctx, inc, full, NULL), INCMAP_ERR_IO);
        ck_assert_ptr_nonnull(strstr(incmap_ctx_message(ctx), "cannot write"));
        fclose(full);
    }
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

static Suite *geojson_stream_suite(void)
{
    Suite *s = suite_create("geojson_stream");
    TCase *tc = tcase_create("geojson_stream");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, stream_is_byte_identical_to_write);
    tcase_add_test(tc, features_are_printed_as_cjson_prints_them);
    tcase_add_test(tc, numbers_are_printed_as_cjson_prints_them);
    tcase_add_test(tc, strings_are_escaped_as_cjson_escapes_them);
    tcase_add_test(tc, sequence_frames_each_feature_per_rfc8142);
    tcase_add_test(tc, id_prefix_prefixes_every_id);
    tcase_add_test(tc, refusal_writes_nothing);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(geojson_stream_suite());
}

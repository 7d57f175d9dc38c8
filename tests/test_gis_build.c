/* Gazetteer build: a mini gazetteer from tests/fixtures/gazetteer/ (GeoNames rows with malformed
 * ones, a country dump of every feature class, admin names, airports, Natural Earth for six
 * countries, a supplement), then read back through the core reader. */
#include "incmap/build.h"
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    size_t warnings;
    char last[512];
} log_capture;

static void capture(void *user, incmap_log_level level, const char *msg)
{
    log_capture *c = user;
    if (level <= INCMAP_LOG_WARN) {
        c->warnings++;
        snprintf(c->last, sizeof c->last, "%s", msg);
    }
}

typedef struct {
    size_t calls;
    bool saw_geonames;
} progress_capture;

static void on_progress(void *user, const char *stage, uint64_t done, uint64_t total)
{
    progress_capture *p = user;
    p->calls++;
    p->saw_geonames |= strncmp(stage, "GeoNames", 8) == 0;
    ck_assert(total == 0 || done <= total);
}

/* Fixture paths live in static buffers; keep our own copies. */
static char fx_cities[4096], fx_dump[4096], fx_ne[4096], fx_supp[4096], fx_dir[4096];

static incmap_build_opts fixture_opts(const char *out)
{
    snprintf(fx_cities, sizeof fx_cities, "%s", fixture_path("gazetteer/cities-mini.txt"));
    snprintf(fx_dump, sizeof fx_dump, "%s", fixture_path("gazetteer/IQ-mini.txt"));
    snprintf(fx_ne, sizeof fx_ne, "%s", fixture_path("gazetteer/ne-mini.gpkg"));
    snprintf(fx_supp, sizeof fx_supp, "%s", fixture_path("gazetteer/supplement.tsv"));
    snprintf(fx_dir, sizeof fx_dir, "%s", fixture_path("gazetteer"));
    static const char *dumps[1];
    dumps[0] = fx_dump;
    incmap_build_opts o = incmap_build_opts_default();
    o.output = out;
    o.sources_dir = fx_dir; /* admin1.json, admin2.json, airports.json */
    o.cities500 = fx_cities;
    o.natural_earth = fx_ne;
    o.supplement = fx_supp;
    o.geonames = dumps;
    o.ngeonames = 1;
    o.gshhg_dir = "";  /* the GSHHG stage has its own suite (test_gis_gshhg.c) */
    o.relief_dir = ""; /* and the relief its own test (tests/e2e/relief.sh) */
    return o;
}

/* One fixture build shared by the read-back tests (each test runs in its own fork). */
static char built_path[4096];
static incmap_build_stats built_stats;
static log_capture built_log;

static void build_once(void)
{
    snprintf(built_path, sizeof built_path, "%s", tmp_path("mini.gpkg"));
    incmap_ctx *ctx = incmap_ctx_create();
    memset(&built_log, 0, sizeof built_log);
    incmap_ctx_set_log(ctx, capture, &built_log, INCMAP_LOG_WARN);
    incmap_build_opts o = fixture_opts(built_path);
    incmap_status st = incmap_gazetteer_build(ctx, &o, &built_stats);
    ck_assert_msg(st == INCMAP_OK, "build failed: %s", incmap_ctx_message(ctx));
    incmap_ctx_destroy(ctx);
}

static incmap_gazetteer *open_built(incmap_ctx *ctx)
{
    incmap_gazetteer *gz = incmap_gazetteer_open(ctx, built_path);
    ck_assert_msg(gz != NULL, "open: %s", incmap_ctx_message(ctx));
    return gz;
}

static const incmap_place *first(incmap_gazetteer *gz, incmap_ctx *ctx, const char *name,
                                 incmap_candidates **keep)
{
    incmap_lookup_opts o = incmap_lookup_opts_default();
    *keep = incmap_gazetteer_lookup(gz, ctx, name, strlen(name), &o);
    ck_assert_ptr_nonnull(*keep);
    return incmap_candidates_count(*keep) > 0 ? incmap_candidates_place(*keep, 0) : NULL;
}

START_TEST(build_counts_entries_kinds_and_bad_rows)
{
    ck_assert_uint_eq(built_stats.per_kind[INCMAP_KIND_COUNTRY], 6);
    ck_assert_uint_eq(built_stats.per_kind[INCMAP_KIND_ADMIN1], 34); /* 33 + a geounit union */
    /* cities-mini: 18 columns, latitude 95.5, longitude "4x.5", id "9000x0003", bad UTF-8,
     * 20 columns; IQ-mini: latitude "not-a-number" */
    ck_assert_uint_eq(built_stats.skipped_rows, 7);
    ck_assert_uint_eq(built_stats.duplicate_rows, 1); /* Mosul in both GeoNames files */
    ck_assert_uint_eq(built_stats.supplement_unresolved, 1);
    ck_assert_uint_eq(built_stats.borders, 6);
    ck_assert(built_stats.names > built_stats.entries);
    ck_assert(built_log.warnings >= 7);
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_gazetteer *gz = open_built(ctx);
    ck_assert_uint_eq(incmap_gazetteer_count(gz), built_stats.entries);
    const incmap_place *p = incmap_gazetteer_get(gz, "geonames:99072");
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(incmap_place_kind(p), INCMAP_KIND_PLACE);
    ck_assert_str_eq(incmap_place_country(p), "IQ");
    ck_assert_str_eq(incmap_place_admin1(p), "Nineveh"); /* admin1.json IQ.15 */
    ck_assert_ptr_null(incmap_gazetteer_get(gz, "geonames:900000001"));
    /* GeoNames writes population 0 for "unknown": stored as unknown (-1), not as zero */
    ck_assert_int_eq(incmap_place_population(p), 1683000);
    p = incmap_gazetteer_get(gz, "geonames:91000002"); /* IQ-mini row with population 0 */
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(incmap_place_population(p), -1);
    incmap_gazetteer_close(gz);
    incmap_ctx_destroy(ctx);
}
END_TEST

START_TEST(full_dump_classes_map_to_kinds)
{
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_gazetteer *gz = open_built(ctx);
    static const struct {
        const char *id;
        incmap_kind kind; /* INCMAP_KIND_ANY: not an entry */
    } want[] = {
        {"geonames:91000001", INCMAP_KIND_PLACE},  {"geonames:91000002", INCMAP_KIND_SITE},
        {"geonames:91000003", INCMAP_KIND_ANY},    {"geonames:91000004", INCMAP_KIND_ANY},
        {"geonames:91000005", INCMAP_KIND_REGION}, {"geonames:91000006", INCMAP_KIND_REGION},
        {"geonames:91000007", INCMAP_KIND_REGION}, {"geonames:91000008", INCMAP_KIND_ANY},
        {"geonames:91000009", INCMAP_KIND_ANY},    {"geonames:91000010", INCMAP_KIND_SITE},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const incmap_place *p = incmap_gazetteer_get(gz, want[i].id);
        if (want[i].kind == INCMAP_KIND_ANY) {
            ck_assert_msg(p == NULL, "%s should not be an entry", want[i].id);
        } else {
            ck_assert_msg(p != NULL, "%s missing", want[i].id);
            ck_assert_int_eq(incmap_place_kind(p), want[i].kind);
        }
    }
    /* the ADM1 row's names went to the linked Natural Earth province, PCLI's to the country */
    incmap_candidates *c;
    const incmap_place *p = first(gz, ctx, "Babylon Test Governorate", &c);
    ck_assert_ptr_nonnull(p);
    ck_assert_str_eq(incmap_place_id(p), "ne_admin1:IRQ-IZ06");
    incmap_candidates_destroy(c);
    p = first(gz, ctx, "Testiraq", &c);
    ck_assert_ptr_nonnull(p);
    ck_assert_str_eq(incmap_place_id(p), "ne_admin0:IRQ");
    incmap_candidates_destroy(c);
    incmap_gazetteer_close(gz);
    incmap_ctx_destroy(ctx);
}
END_TEST

START_TEST(provinces_get_geonames_names_and_supplement_rows)
{
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_gazetteer *gz = open_built(ctx);
    incmap_candidates *c;
    /* Natural Earth calls it Ninawa; the confirmed GeoNames link adds Nineveh */
    const incmap_place *p = first(gz, ctx, "Nineveh", &c);
    ck_assert_ptr_nonnull(p);
    ck_assert_str_eq(incmap_place_id(p), "ne_admin1:IRQ-IZ15");
    incmap_candidates_destroy(c);
    p = first(gz, ctx, "Iraqi", &c);
    ck_assert_ptr_nonnull(p);
    ck_assert_str_eq(incmap_place_id(p), "ne_admin0:IRQ");
    ck_assert_int_eq(incmap_candidates_match(c, 0), INCMAP_MATCH_DEMONYM);
    incmap_candidates_destroy(c);
    p = first(gz, ctx, "Test Town", &c);
    ck_assert_ptr_nonnull(p);
    ck_assert_str_eq(incmap_place_id(p), "supplement:test-town");
    ck_assert_str_eq(incmap_place_admin1(p), "Nineveh"); /* from the province polygon */
    incmap_candidates_destroy(c);
    /* the union row: Erbil + Duhok governorates; Erbil city lies inside */
    p = incmap_gazetteer_get(gz, "supplement:test-union");
    ck_assert_ptr_nonnull(p);
    ck_assert(incmap_place_has_area(p));
    incmap_geom *g = incmap_place_geometry(gz, ctx, p);
    ck_assert_ptr_nonnull(g);
    ck_assert(incmap_geom_contains(g, (incmap_lonlat){44.01, 36.19}));
    ck_assert(!incmap_geom_contains(g, (incmap_lonlat){43.12, 36.34})); /* Mosul: Nineveh */
    incmap_geom_destroy(g);
    /* a union of countries by ISO code (ZZ is absent: a warning, not an error) */
    p = first(gz, ctx, "Test Codes Region", &c);
    ck_assert_ptr_nonnull(p);
    ck_assert_str_eq(incmap_place_id(p), "supplement:test-codes");
    ck_assert_int_eq(incmap_place_kind(p), INCMAP_KIND_REGION);
    incmap_candidates_destroy(c);
    g = incmap_place_geometry(gz, ctx, incmap_gazetteer_get(gz, "supplement:test-codes"));
    ck_assert_ptr_nonnull(g);
    ck_assert(incmap_geom_contains(g, (incmap_lonlat){43.12, 36.34}));  /* Mosul, Iraq */
    ck_assert(incmap_geom_contains(g, (incmap_lonlat){40.75, 36.50}));  /* Al-Hasakah, Syria */
    ck_assert(!incmap_geom_contains(g, (incmap_lonlat){35.50, 33.89})); /* Beirut */
    incmap_geom_destroy(g);
    p = first(gz, ctx, "Testcodian", &c);
    ck_assert_ptr_nonnull(p);
    ck_assert_str_eq(incmap_place_id(p), "supplement:test-codes");
    ck_assert_int_eq(incmap_candidates_match(c, 0), INCMAP_MATCH_DEMONYM);
    incmap_candidates_destroy(c);
    /* airports by code and by "<town> airport" */
    p = first(gz, ctx, "ORAA", &c);
    ck_assert_ptr_nonnull(p);
    ck_assert_str_eq(incmap_place_id(p), "ourairports:ORAA");
    ck_assert_int_eq(incmap_place_kind(p), INCMAP_KIND_SITE);
    incmap_candidates_destroy(c);
    p = first(gz, ctx, "Erbil airport", &c);
    ck_assert_ptr_nonnull(p);
    ck_assert_str_eq(incmap_place_id(p), "ourairports:ORER");
    incmap_candidates_destroy(c);
    incmap_gazetteer_close(gz);
    incmap_ctx_destroy(ctx);
}
END_TEST

START_TEST(border_between_fixture_countries)
{
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_gazetteer *gz = open_built(ctx);
    double km = incmap_gazetteer_border_length_km(gz, "SY", "IQ");
    ck_assert_msg(km > 550 && km < 650, "Iraq-Syria border %.1f km", km);
    incmap_geom *line = incmap_gazetteer_border(gz, ctx, "IQ", "SY");
    ck_assert_ptr_nonnull(line);
    ck_assert(line->type == INCMAP_GEOM_MULTILINESTRING || line->type == INCMAP_GEOM_LINESTRING);
    incmap_geom_destroy(line);
    /* Lebanon and Iraq do not touch */
    ck_assert_ptr_null(incmap_gazetteer_border(gz, ctx, "LB", "IQ"));
    ck_assert_int_eq(incmap_ctx_status(ctx), INCMAP_ERR_NOT_FOUND);
    incmap_gazetteer_close(gz);
    incmap_ctx_destroy(ctx);
}
END_TEST

START_TEST(directional_region_contains_known_point)
{
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_gazetteer *gz = open_built(ctx);
    const incmap_lonlat hasakah = {40.75, 36.50};
    const incmap_place *ne = incmap_gazetteer_get(gz, "region:SYR-ne");
    const incmap_place *sw = incmap_gazetteer_get(gz, "region:SYR-sw");
    ck_assert_ptr_nonnull(ne);
    ck_assert_ptr_nonnull(sw);
    ck_assert_int_eq(incmap_place_kind(ne), INCMAP_KIND_REGION);
    ck_assert_str_eq(incmap_place_country(ne), "SY");
    incmap_geom *g = incmap_place_geometry(gz, ctx, ne);
    ck_assert(incmap_geom_contains(g, hasakah));
    /* the part stays inside the country: a point in Iraq just across the border is out */
    ck_assert(!incmap_geom_contains(g, (incmap_lonlat){42.0, 36.0}));
    incmap_geom_destroy(g);
    g = incmap_place_geometry(gz, ctx, sw);
    ck_assert(!incmap_geom_contains(g, hasakah));
    incmap_geom_destroy(g);
    incmap_candidates *c;
    const char *forms[] = {"northeastern Syria", "north-east Syria", "northeast Syria"};
    for (size_t i = 0; i < 3; i++) {
        const incmap_place *p = first(gz, ctx, forms[i], &c);
        ck_assert_msg(p != NULL && strcmp(incmap_place_id(p), "region:SYR-ne") == 0, "%s",
                      forms[i]);
        incmap_candidates_destroy(c);
    }
    incmap_gazetteer_close(gz);
    incmap_ctx_destroy(ctx);
}
END_TEST

START_TEST(geounit_union_groups_provinces_as_one_admin1)
{
    /* "ne_unit:IRK" is every province Natural Earth files under that geounit (gu_a3), as England
     * is the UK's counties of unit ENG: Erbil, Duhok and Sulaymaniyah here, not Nineveh */
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_gazetteer *gz = open_built(ctx);
    const incmap_place *p = incmap_gazetteer_get(gz, "supplement:test-unit");
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(incmap_place_kind(p), INCMAP_KIND_ADMIN1);
    ck_assert_str_eq(incmap_place_admin1(p), "Unitland"); /* its own province, for "X, Unitland" */
    incmap_geom *g = incmap_place_geometry(gz, ctx, p);
    ck_assert_ptr_nonnull(g);
    ck_assert(incmap_geom_contains(g, (incmap_lonlat){44.01, 36.19}));  /* Erbil */
    ck_assert(incmap_geom_contains(g, (incmap_lonlat){45.43, 35.56}));  /* Sulaymaniyah */
    ck_assert(!incmap_geom_contains(g, (incmap_lonlat){43.12, 36.34})); /* Mosul: Nineveh */
    incmap_geom_destroy(g);
    incmap_gazetteer_close(gz);
    incmap_ctx_destroy(ctx);
}
END_TEST

START_TEST(admin2_units_are_entries_at_seat_or_centre)
{
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_gazetteer *gz = open_built(ctx);
    /* Sinjar district has a seat (PPLA2 Sinjar): the entry is there */
    const incmap_place *p = incmap_gazetteer_get(gz, "geonames_admin2:IQ.15.9166620");
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(incmap_place_kind(p), INCMAP_KIND_REGION);
    ck_assert_str_eq(incmap_place_feature_code(p), "ADM2");
    ck_assert_str_eq(incmap_place_country(p), "IQ");
    ck_assert_str_eq(incmap_place_admin1(p), "Nineveh");
    incmap_lonlat at = incmap_place_point(p);
    ck_assert_double_eq_tol(at.lat_deg, 36.32, 0.02);
    ck_assert_double_eq_tol(at.lon_deg, 41.87, 0.02);
    /* Al-Musayab district has no seat among the fixture places: the centre of its one place */
    p = incmap_gazetteer_get(gz, "geonames_admin2:IQ.06.99040");
    ck_assert_ptr_nonnull(p);
    ck_assert_str_eq(incmap_place_name(p), "Al-Musayab District");
    at = incmap_place_point(p);
    const incmap_place *hillah = incmap_gazetteer_get(gz, "geonames:99347");
    ck_assert_double_eq_tol(at.lat_deg, incmap_place_point(hillah).lat_deg, 1e-6);
    /* a district named like its town ranks below the town in a bare lookup */
    incmap_candidates *c;
    p = first(gz, ctx, "Sinjar", &c);
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(incmap_place_kind(p), INCMAP_KIND_PLACE);
    incmap_candidates_destroy(c);
    incmap_gazetteer_close(gz);
    incmap_ctx_destroy(ctx);
}
END_TEST

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    ck_assert_ptr_nonnull(fp);
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    unsigned char *buf = malloc(n > 0 ? (size_t)n : 1);
    ck_assert_ptr_nonnull(buf);
    ck_assert_uint_eq(fread(buf, 1, (size_t)n, fp), (size_t)n);
    fclose(fp);
    *len = (size_t)n;
    return buf;
}

static void idx_of(const char *gpkg, char *out, size_t n)
{
    snprintf(out, n, "%.*s.idx", (int)(strlen(gpkg) - 5), gpkg);
}

START_TEST(same_inputs_same_index_bytes)
{
    char a[4096], b[4096], ia[4200], ib[4200];
    snprintf(a, sizeof a, "%s", tmp_path("repro-a.gpkg"));
    snprintf(b, sizeof b, "%s", tmp_path("repro-b.gpkg"));
    incmap_ctx *ctx = incmap_ctx_create();
    progress_capture pc = {0, false};
    incmap_build_opts o = fixture_opts(a);
    o.progress = on_progress;
    o.progress_user = &pc;
    ck_assert_int_eq(incmap_gazetteer_build(ctx, &o, NULL), INCMAP_OK);
    ck_assert(pc.calls > 0 && pc.saw_geonames);
    o = fixture_opts(b);
    ck_assert_int_eq(incmap_gazetteer_build(ctx, &o, NULL), INCMAP_OK);
    idx_of(a, ia, sizeof ia);
    idx_of(b, ib, sizeof ib);
    size_t la, lb;
    unsigned char *da = slurp(ia, &la), *db = slurp(ib, &lb);
    ck_assert_uint_eq(la, lb);
    ck_assert(memcmp(da, db, la) == 0);
    free(da);
    free(db);
    /* the GeoPackage too: fixed timestamps, no local paths */
    da = slurp(a, &la);
    db = slurp(b, &lb);
    ck_assert_uint_eq(la, lb);
    ck_assert(memcmp(da, db, la) == 0);
    free(da);
    free(db);
    incmap_ctx_destroy(ctx);
}
END_TEST

START_TEST(missing_source_names_it_and_writes_nothing)
{
    char out[4096], idx[4200];
    snprintf(out, sizeof out, "%s", tmp_path("missing.gpkg"));
    idx_of(out, idx, sizeof idx);
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_build_opts o = fixture_opts(out);
    o.airports = "/nonexistent/dir/airports.json";
    ck_assert_int_eq(incmap_gazetteer_build(ctx, &o, NULL), INCMAP_ERR_IO);
    const char *msg = incmap_ctx_message(ctx);
    ck_assert_msg(strstr(msg, "/nonexistent/dir/airports.json") != NULL, "%s", msg);
    ck_assert_msg(strstr(msg, "incmap gazetteer fetch") != NULL, "%s", msg);
    ck_assert_int_ne(access(out, F_OK), 0);
    ck_assert_int_ne(access(idx, F_OK), 0);
    incmap_ctx_destroy(ctx);
}
END_TEST

START_TEST(failed_build_keeps_previous_gazetteer)
{
    char out[4096], bad[4096];
    snprintf(out, sizeof out, "%s", tmp_path("keep.gpkg"));
    snprintf(bad, sizeof bad, "%s", tmp_path("bad-supplement.tsv"));
    FILE *fp = fopen(bad, "w");
    ck_assert_ptr_nonnull(fp);
    fputs("type\tid\tkind\tname\taliases\tcountry\tadmin1\tlon\tlat\tfeature_code\tsource\n"
          "place\tsupplement:x\tplace\tX\t\tIQ\t\t200\t36\tPPL\tinvented\n",
          fp);
    fclose(fp);
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_build_opts o = fixture_opts(out);
    o.directional_regions = false;
    incmap_build_stats s;
    ck_assert_int_eq(incmap_gazetteer_build(ctx, &o, &s), INCMAP_OK);
    o.supplement = bad;
    ck_assert_int_eq(incmap_gazetteer_build(ctx, &o, NULL), INCMAP_ERR_PARSE);
    ck_assert_msg(strstr(incmap_ctx_message(ctx), ":2:") != NULL, "%s", incmap_ctx_message(ctx));
    incmap_gazetteer *gz = incmap_gazetteer_open(ctx, out);
    ck_assert_ptr_nonnull(gz);
    ck_assert_uint_eq(incmap_gazetteer_count(gz), s.entries);
    ck_assert_ptr_null(incmap_gazetteer_get(gz, "region:SYR-ne")); /* regions were off */
    incmap_gazetteer_close(gz);
    incmap_ctx_destroy(ctx);
}
END_TEST

START_TEST(describe_summarises_a_gazetteer)
{
    incmap_ctx *ctx = incmap_ctx_create();
    char *text = NULL;
    ck_assert_int_eq(incmap_gazetteer_describe(ctx, built_path, &text), INCMAP_OK);
    ck_assert_ptr_nonnull(strstr(text, "country"));
    ck_assert_ptr_nonnull(strstr(text, "cities-mini.txt"));
    ck_assert_ptr_nonnull(strstr(text, "demonym"));
    incmap_free(text);
    ck_assert_int_eq(incmap_gazetteer_describe(ctx, "/nonexistent/g.gpkg", &text), INCMAP_ERR_IO);
    ck_assert_ptr_nonnull(strstr(incmap_ctx_message(ctx), "incmap gazetteer build"));
    incmap_ctx_destroy(ctx);
}
END_TEST

static Suite *build_suite(void)
{
    Suite *s = suite_create("gis_build");
    TCase *tc = tcase_create("fixture");
    tcase_set_timeout(tc, 120);
    tcase_add_unchecked_fixture(tc, build_once, NULL);
    tcase_add_test(tc, build_counts_entries_kinds_and_bad_rows);
    tcase_add_test(tc, full_dump_classes_map_to_kinds);
    tcase_add_test(tc, provinces_get_geonames_names_and_supplement_rows);
    tcase_add_test(tc, border_between_fixture_countries);
    tcase_add_test(tc, directional_region_contains_known_point);
    tcase_add_test(tc, geounit_union_groups_provinces_as_one_admin1);
    tcase_add_test(tc, admin2_units_are_entries_at_seat_or_centre);
    tcase_add_test(tc, describe_summarises_a_gazetteer);
    suite_add_tcase(s, tc);
    TCase *tb = tcase_create("builds");
    tcase_set_timeout(tb, 120);
    tcase_add_test(tb, same_inputs_same_index_bytes);
    tcase_add_test(tb, missing_source_names_it_and_writes_nothing);
    tcase_add_test(tb, failed_build_keeps_previous_gazetteer);
    suite_add_tcase(s, tb);
    return s;
}

int main(void)
{
    return run_suite(build_suite());
}

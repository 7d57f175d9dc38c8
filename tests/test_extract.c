/* The geoparser end to end, in process: fixture reports in tests/fixtures/reports (our own words)
 * and, when present, the example report of ../shared/examples; the structured input; geodesics
 * and the simplification of mentioned areas. Runs on the fixture gazetteer (tests/fixtures/
 * unit-gazetteer); what needs the real data is in tests/real/real_geoparse.c. */
#include "const_gz.h"
#include "core/core.h"
#include "core/geodesy.h"
#include "default_gz.h"
#include "geoparse/geoparse.h"
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static double km(double lat1, double lon1, double lat2, double lon2)
{
    double d = 0, az = 0;
    incmap_ctx *ctx = incmap_ctx_create();
    ck_assert_int_eq(incmap_geodesic_inverse(ctx, (incmap_lonlat){lon1, lat1},
                                             (incmap_lonlat){lon2, lat2}, &d, &az),
                     INCMAP_OK);
    incmap_ctx_destroy(ctx);
    return d / 1000.0;
}

static incmap_lonlat pt(const incmap_feature *f)
{
    ck_assert_int_eq(f->geom->type, INCMAP_GEOM_POINT);
    return (incmap_lonlat){f->geom->xy[0], f->geom->xy[1]};
}

START_TEST(example_report_meets_the_issue)
{
    const char *shared = getenv("INCMAP_SHARED_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/examples/zummar-rocket-attack-2024-04-21.txt",
             shared != NULL ? shared : "../shared");
    FILE *fp = fopen(path, "r");
    if (fp == NULL) {
        return; /* the example is not part of the repository */
    }
    fclose(fp);
    incmap_incidents *inc = extract_file(path, "2024-04-22");
    ck_assert_uint_ge(incmap_incidents_count(inc), 2);
    const incmap_feature *l = role_of(inc, 1, INCMAP_ROLE_LAUNCH),
                         *t = role_of(inc, 1, INCMAP_ROLE_TARGET),
                         *b = role_of(inc, 1, INCMAP_ROLE_BORDER),
                         *s = role_of(inc, 2, INCMAP_ROLE_SITE);
    ck_assert(l != NULL && t != NULL && b != NULL && s != NULL);
    ck_assert_str_eq(l->event_type, "rocket attack");
    ck_assert_str_eq(l->date, "2024-04-21");
    ck_assert_str_eq(l->name, "Zummar");
    ck_assert_double_le(km(36.65, 42.60, pt(l).lat_deg, pt(l).lon_deg), 10.0);
    ck_assert_int_eq(l->precision, 1);
    ck_assert_str_eq(t->country, "SY");
    ck_assert(incmap_geom_contains(t->geom, (incmap_lonlat){40.75, 36.50}));  /* Al-Hasakah */
    ck_assert(!incmap_geom_contains(t->geom, (incmap_lonlat){36.28, 33.51})); /* not Damascus */
    ck_assert(isfinite(l->distance_km) && l->distance_km < 200);
    /* launch: to the nearest point of the area; target: to its representative point */
    ck_assert(isfinite(t->distance_km) && t->distance_km > l->distance_km);
    ck_assert_str_eq(b->gazetteer_id, "border:IQ-SY");
    ck_assert(b->geom->type == INCMAP_GEOM_LINESTRING ||
              b->geom->type == INCMAP_GEOM_MULTILINESTRING);
    ck_assert_str_eq(s->event_type, "explosion");
    ck_assert_str_eq(s->date, "2024-04-20");
    ck_assert_str_eq(s->country, "IQ");
    ck_assert_str_eq(s->admin1, "Babil");
    ck_assert_int_eq(s->fatalities, 1);
    ck_assert_int_eq(s->injured, 8);
    ck_assert(only_mention(inc, "White House"));
    ck_assert(only_mention(inc, "Iraq"));
    ck_assert(only_mention(inc, "United States"));
    ck_assert(only_mention(inc, "U.S."));
    ck_assert(only_mention(inc, "Middle East"));
    incmap_incidents_destroy(inc);
}
END_TEST

START_TEST(tripoli_in_a_report_about_lebanon)
{
    incmap_incidents *inc = extract_file(fixture_path("reports/tripoli-depot.txt"), "2024-03-09");
    const incmap_feature *s = role_of(inc, 1, INCMAP_ROLE_SITE);
    ck_assert_ptr_nonnull(s);
    ck_assert_str_eq(s->text, "Tripoli");
    ck_assert_str_eq(s->country, "LB");
    ck_assert_str_eq(s->event_type, "explosion");
    ck_assert_str_eq(s->date, "2024-03-05"); /* "on Tuesday" before Saturday 9 March */
    ck_assert_int_eq(s->fatalities, 3);
    ck_assert_int_eq(s->injured, 11);
    ck_assert_int_eq(s->precision, 1);
    ck_assert_int_eq(s->start, 44);
    ck_assert_int_eq(s->end, 51);
    ck_assert_uint_eq(incmap_incidents_count(inc), 1);
    ck_assert(only_mention(inc, "Beirut"));
    incmap_incidents_destroy(inc);
}
END_TEST

START_TEST(offsets_near_and_two_incidents)
{
    incmap_incidents *inc =
        extract_file(fixture_path("reports/kirkuk-two-incidents.txt"), "2024-03-09");
    ck_assert_uint_eq(incmap_incidents_count(inc), 2);
    const incmap_feature *a = role_of(inc, 1, INCMAP_ROLE_SITE);
    ck_assert_ptr_nonnull(a);
    ck_assert_str_eq(a->text, "Kirkuk");
    ck_assert_str_eq(a->event_type, "IED");
    ck_assert_str_eq(a->qualifier, "15 km south");
    ck_assert_int_eq(a->precision, 2);
    ck_assert_int_eq(a->injured, 4);
    ck_assert_str_eq(a->date, "2024-03-04");
    /* moved 15 km due south of Kirkuk (35.47 N) */
    ck_assert_double_lt(pt(a).lat_deg, 35.40);
    ck_assert_double_gt(pt(a).lat_deg, 35.15);
    const incmap_feature *b = role_of(inc, 2, INCMAP_ROLE_TARGET);
    if (b == NULL) {
        b = role_of(inc, 2, INCMAP_ROLE_SITE);
    }
    ck_assert_ptr_nonnull(b);
    ck_assert_str_eq(b->text, "Tuz Khurmatu");
    ck_assert_str_eq(b->qualifier, "near");
    ck_assert_int_eq(b->precision, 2);
    ck_assert_double_gt(b->uncertainty_km, 10.0);
    ck_assert_int_eq(b->fatalities, 2);
    ck_assert_str_eq(b->date, "2024-03-04"); /* "later that evening" */
    ck_assert(only_mention(inc, "Baghdad"));
    ck_assert(only_mention(inc, "Victoria"));
    incmap_incidents_destroy(inc);
}
END_TEST

START_TEST(context_only_report_has_no_incident)
{
    incmap_incidents *inc = extract_file(fixture_path("reports/context-only.txt"), "2024-03-09");
    ck_assert_uint_eq(incmap_incidents_count(inc), 0);
    bool paris = false;
    for (size_t i = 0; i < incmap_incidents_feature_count(inc); i++) {
        const incmap_feature *f = incmap_incidents_feature(inc, i);
        ck_assert_int_eq(f->role, INCMAP_ROLE_MENTION);
        ck_assert_int_eq(f->incident, 0);
        ck_assert_msg(strcmp(f->text, "Jordan") != 0 && strcmp(f->text, "White House") != 0 &&
                          strcmp(f->text, "Sydney") != 0 && strcmp(f->text, "May") != 0,
                      "'%s' is not a place here", f->text);
        paris = paris || (strcmp(f->text, "Paris") == 0 && strcmp(f->country, "FR") == 0);
    }
    ck_assert(paris);
    incmap_incidents_destroy(inc);
}
END_TEST

START_TEST(outskirts_and_a_later_sentence)
{
    incmap_incidents *inc =
        extract_file(fixture_path("reports/qamishli-shelling.txt"), "2024-03-09");
    const incmap_feature *s = NULL;
    for (size_t i = 0; i < incmap_incidents_feature_count(inc); i++) {
        const incmap_feature *f = incmap_incidents_feature(inc, i);
        if (f->incident == 1 && f->text != NULL && strcmp(f->text, "Qamishli") == 0) {
            s = f;
        }
    }
    ck_assert_ptr_nonnull(s);
    ck_assert_str_eq(s->qualifier, "outskirts");
    ck_assert_int_eq(s->precision, 2);
    ck_assert_str_eq(s->country, "SY");
    ck_assert_str_eq(s->date, "2024-03-08"); /* yesterday */
    ck_assert_int_eq(s->fatalities, 1);      /* from "the shelling" in the next sentence */
    ck_assert_int_eq(s->injured, 5);
    incmap_incidents_destroy(inc);
}
END_TEST

START_TEST(toll_in_the_next_sentence_and_an_offset)
{
    incmap_incidents *inc = extract_file(fixture_path("reports/darfur-shelling.txt"), "2024-06-14");
    ck_assert_uint_eq(incmap_incidents_count(inc), 2);
    const incmap_feature *a = role_of(inc, 1, INCMAP_ROLE_TARGET);
    ck_assert_ptr_nonnull(a);
    ck_assert_str_eq(a->text, "El Fasher");
    ck_assert_str_eq(a->country, "SD");
    ck_assert_str_eq(a->event_type, "shelling");
    ck_assert_str_eq(a->date, "2024-06-12"); /* the Wednesday before Friday 14 June */
    ck_assert_int_eq(a->fatalities, 15);     /* "At least 15 civilians died." */
    const incmap_feature *b = role_of(inc, 2, INCMAP_ROLE_TARGET);
    ck_assert_ptr_nonnull(b);
    ck_assert_str_eq(b->qualifier, "30 km west");
    ck_assert_double_lt(pt(b).lon_deg, 30.0); /* 30 km west of El Obeid (30.22 E) */
    ck_assert_double_gt(pt(b).lon_deg, 29.85);
    ck_assert(only_mention(inc, "North Darfur"));
    ck_assert(only_mention(inc, "Sudanese"));
    incmap_incidents_destroy(inc);
}
END_TEST

START_TEST(structured_input_gives_the_same_roles)
{
    incmap_extract_fields f = {"Zummar", "northeastern Syria", NULL,
                               0,        "rocket attack",      "2024-04-21"};
    incmap_incidents *inc = incmap_extract_fields_run(gz, gctx, &f);
    ck_assert_msg(inc != NULL, "%s", incmap_ctx_message(gctx));
    const incmap_feature *l = role_of(inc, 1, INCMAP_ROLE_LAUNCH),
                         *t = role_of(inc, 1, INCMAP_ROLE_TARGET),
                         *b = role_of(inc, 1, INCMAP_ROLE_BORDER);
    ck_assert(l != NULL && t != NULL && b != NULL);
    ck_assert_str_eq(l->country, "IQ");
    ck_assert(incmap_geom_contains(t->geom, (incmap_lonlat){40.75, 36.50}));
    ck_assert_str_eq(b->gazetteer_id, "border:IQ-SY");
    ck_assert_str_eq(l->date, "2024-04-21");
    ck_assert_str_eq(t->event_type, "rocket attack");
    ck_assert(isfinite(t->distance_km) && isfinite(t->bearing_deg));
    ck_assert_double_lt(t->bearing_deg, 360.0);
    incmap_incidents_destroy(inc);

    const char *sites[] = {"12 km north of Mosul", "near Erbil"};
    incmap_extract_fields g = {NULL, NULL, sites, 2, NULL, NULL};
    inc = incmap_extract_fields_run(gz, gctx, &g);
    ck_assert_msg(inc != NULL, "%s", incmap_ctx_message(gctx));
    ck_assert_uint_eq(incmap_incidents_feature_count(inc), 2);
    const incmap_feature *m = incmap_incidents_feature(inc, 0),
                         *e = incmap_incidents_feature(inc, 1);
    ck_assert_int_eq(m->role, INCMAP_ROLE_SITE);
    ck_assert_str_eq(m->qualifier, "12 km north");
    ck_assert_str_eq(m->event_type, "attack");
    ck_assert_int_eq(e->precision, 2);
    ck_assert_str_eq(e->country, "IQ");
    incmap_incidents_destroy(inc);

    incmap_extract_fields bad = {"Qwxzyplorf", NULL, NULL, 0, NULL, NULL};
    ck_assert_ptr_null(incmap_extract_fields_run(gz, gctx, &bad));
    ck_assert_int_eq(incmap_ctx_status(gctx), INCMAP_ERR_NOT_FOUND);
    /* the field's name in library terms (the CLI turns it into its option) */
    ck_assert_int_eq(strncmp(incmap_ctx_message(gctx), "launch: ", 8), 0);
    incmap_extract_fields none = {NULL, NULL, NULL, 0, NULL, NULL};
    ck_assert_ptr_null(incmap_extract_fields_run(gz, gctx, &none));
    ck_assert_int_eq(incmap_ctx_status(gctx), INCMAP_ERR_INVALID_ARG);
}
END_TEST

/* A gazetteer opened once and shared is held as const: the whole public API must take it so. */
START_TEST(const_gazetteer_serves_the_whole_api)
{
    const incmap_gazetteer *cgz = gz;
    ck_assert_msg(
        const_gz_exercise(cgz, gctx, "A rocket was launched from Zummar towards Erbil on Sunday."),
        "%s", incmap_ctx_message(gctx));
}
END_TEST

START_TEST(bad_input_is_refused)
{
    incmap_extract_opts o = incmap_extract_opts_default();
    ck_assert_ptr_null(incmap_extract(gz, gctx, "Erbil \xE2\x82", 8, &o));
    ck_assert_int_eq(incmap_ctx_status(gctx), INCMAP_ERR_PARSE);
    ck_assert_ptr_nonnull(strstr(incmap_ctx_message(gctx), "byte 6"));
    o.pub_date = "2024-13-01";
    ck_assert_ptr_null(incmap_extract(gz, gctx, "Erbil", 5, &o));
    ck_assert_int_eq(incmap_ctx_status(gctx), INCMAP_ERR_INVALID_ARG);
    o.pub_date = NULL;
    incmap_incidents *inc = incmap_extract(gz, gctx, "", 0, &o);
    ck_assert_ptr_nonnull(inc);
    ck_assert_uint_eq(incmap_incidents_feature_count(inc), 0);
    incmap_incidents_destroy(inc);
}
END_TEST

/* ---- geodesics and simplification (no gazetteer) ---- */

START_TEST(geodesics_come_from_proj)
{
    incmap_ctx *ctx = incmap_ctx_create();
    double d = 0, az = 0;
    /* one degree of latitude at the equator: 110.574 km on WGS84 */
    ck_assert_int_eq(
        incmap_geodesic_inverse(ctx, (incmap_lonlat){0, 0}, (incmap_lonlat){0, 1}, &d, &az),
        INCMAP_OK);
    ck_assert_double_eq_tol(d, 110574.4, 1.0);
    ck_assert_double_eq_tol(az, 0.0, 1e-9);
    ck_assert(incmap_geodesic_loaded());
    incmap_lonlat out;
    ck_assert_int_eq(
        incmap_geodesic_direct(ctx, (incmap_lonlat){44.39, 35.47}, 180.0, 15000.0, &out),
        INCMAP_OK);
    ck_assert_double_eq_tol(out.lon_deg, 44.39, 1e-9);
    ck_assert_double_eq_tol(out.lat_deg, 35.47 - 15000.0 / 110900.0, 0.002);
    incmap_ctx_destroy(ctx);
}
END_TEST

START_TEST(simplify_keeps_shape_and_drops_specks)
{
    /* a 10x10 square with 400 vertices on its edges, plus a tiny island */
    size_t n = 401;
    incmap_geom *g = incmap_geom_create(INCMAP_GEOM_MULTIPOLYGON, n + 5, 2, 2);
    for (size_t i = 0; i < 400; i++) {
        double t = (double)(i % 100) / 10.0;
        double x = i < 100 ? t : i < 200 ? 10 : i < 300 ? 10 - t : 0;
        double y = i < 100 ? 0 : i < 200 ? t : i < 300 ? 10 : 10 - t;
        g->xy[2 * i] = x;
        g->xy[2 * i + 1] = y;
    }
    g->xy[800] = 0;
    g->xy[801] = 0;
    const double speck[] = {20, 20, 20.001, 20, 20.001, 20.001, 20, 20.001, 20, 20};
    memcpy(g->xy + 802, speck, sizeof speck);
    g->ring_end[0] = n;
    g->ring_end[1] = n + 5;
    g->poly_end[0] = 1;
    g->poly_end[1] = 2;
    incmap_geom *s = incmap_geom_simplify(g, 0.05);
    ck_assert_ptr_nonnull(s);
    ck_assert_int_eq(s->type, INCMAP_GEOM_POLYGON);
    ck_assert_uint_eq(s->npoints, 5); /* the four corners, closed */
    ck_assert(incmap_geom_contains(s, (incmap_lonlat){5, 5}));
    ck_assert(!incmap_geom_contains(s, (incmap_lonlat){11, 5}));
    incmap_geom_destroy(s);
    incmap_geom_destroy(g);
}
END_TEST

START_TEST(simplify_valid_refines_only_where_rings_meet)
{
    /* a finely drawn disc (4000 vertices, radius 10) with a triangular hole whose tip comes
     * within 1e-4 of the shore: every coarse chord across there cuts the hole, at any of the
     * tolerances down to 1/1024 of the first. Only those chords may be refined; the rest of the
     * shore stays coarse, not the whole ring at full resolution. */
    size_t n = 4000;
    incmap_geom *g = incmap_geom_create(INCMAP_GEOM_POLYGON, n + 1 + 4, 2, 1);
    for (size_t i = 0; i <= n; i++) {
        double a = 2 * M_PI * (double)(i % n) / (double)n;
        g->xy[2 * i] = 10 * cos(a);
        g->xy[2 * i + 1] = 10 * sin(a);
    }
    double c = cos(0.3), s0 = sin(0.3);
    const double tri[][2] = {{9.9999, 0}, {6, 2}, {6, -2}, {9.9999, 0}}; /* ccw turned by 0.3 */
    for (size_t i = 0; i < 4; i++) {
        g->xy[2 * (n + 1 + i)] = c * tri[i][0] - s0 * tri[i][1];
        g->xy[2 * (n + 1 + i) + 1] = s0 * tri[i][0] + c * tri[i][1];
    }
    g->ring_end[0] = n + 1;
    g->ring_end[1] = n + 5;
    g->poly_end[0] = 2;
    incmap_geom *s = incmap_geom_simplify_valid(g, 0.5, (incmap_lonlat){-5, 0});
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_eq(s->nrings, 2); /* the hole is kept */
    ck_assert_uint_lt(s->npoints, 200);
    ck_assert(incmap_geom_contains(s, (incmap_lonlat){-5, 0}));
    ck_assert(!incmap_geom_contains(s, (incmap_lonlat){7 * c, 7 * s0})); /* in the hole */
    /* no edge of the shore crosses the hole: the hole's tip is still inside the shore */
    double tip[2] = {round(9.9999 * c * 1e6) / 1e6, round(9.9999 * s0 * 1e6) / 1e6};
    bool in = false;
    for (size_t i = 0, j = s->ring_end[0] - 1; i < s->ring_end[0]; j = i++) {
        double xi = s->xy[2 * i], yi = s->xy[2 * i + 1], xj = s->xy[2 * j], yj = s->xy[2 * j + 1];
        if ((yi > tip[1]) != (yj > tip[1]) && tip[0] < xj + (tip[1] - yj) * (xi - xj) / (yi - yj)) {
            in = !in;
        }
    }
    ck_assert(in);
    incmap_geom_destroy(s);
    incmap_geom_destroy(g);
}
END_TEST

static Suite *extract_suite(void)
{
    Suite *s = suite_create("extract");
    TCase *tc = tcase_create("geometry");
    tcase_add_test(tc, geodesics_come_from_proj);
    tcase_add_test(tc, simplify_keeps_shape_and_drops_specks);
    tcase_add_test(tc, simplify_valid_refines_only_where_rings_meet);
    suite_add_tcase(s, tc);
    TCase *tg = tcase_create("reports");
    tcase_add_checked_fixture(tg, open_gazetteer, close_gazetteer);
    tcase_set_timeout(tg, 60);
    tcase_add_test(tg, example_report_meets_the_issue);
    tcase_add_test(tg, tripoli_in_a_report_about_lebanon);
    tcase_add_test(tg, offsets_near_and_two_incidents);
    tcase_add_test(tg, context_only_report_has_no_incident);
    tcase_add_test(tg, outskirts_and_a_later_sentence);
    tcase_add_test(tg, toll_in_the_next_sentence_and_an_offset);
    tcase_add_test(tg, structured_input_gives_the_same_roles);
    tcase_add_test(tg, bad_input_is_refused);
    tcase_add_test(tg, const_gazetteer_serves_the_whole_api);
    suite_add_tcase(s, tg);
    return s;
}

int main(void)
{
    return run_suite(extract_suite());
}

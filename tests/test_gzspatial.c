/* Reverse geocoding on the fixture gazetteer (tests/fixtures/unit-gazetteer + the Natural Earth
 * cut of Iraq, Syria, Lebanon, Jordan, Turkey and Libya): the nearest places, checked against a
 * brute-force scan of every entry with the same geodesic, and the country and admin-1 that
 * contain a point, or at sea the nearest country. */
#include "core/geodesy.h"
#include "default_gz.h"
#include "testutil.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Every place or site, by geodesic distance from AT (ties by id), the way the index should
 * rank them. */
typedef struct {
    double km;
    const incmap_place *p;
} ref_hit;

static int ref_cmp(const void *a, const void *b)
{
    const ref_hit *x = a, *y = b;
    if (x->km != y->km) {
        return x->km < y->km ? -1 : 1;
    }
    return strcmp(incmap_place_id(x->p), incmap_place_id(y->p));
}

static size_t brute_force(incmap_lonlat at, incmap_kind kind, ref_hit *out)
{
    size_t n = 0;
    for (size_t i = 0; i < incmap_gazetteer_count(gz); i++) {
        const incmap_place *p = incmap_gazetteer_entry(gz, i);
        ck_assert_ptr_nonnull(p);
        incmap_kind k = incmap_place_kind(p);
        if ((k != INCMAP_KIND_PLACE && k != INCMAP_KIND_SITE) ||
            (kind != INCMAP_KIND_ANY && k != kind)) {
            continue;
        }
        double m, az;
        ck_assert_int_eq(incmap_geodesic_inverse(gctx, at, incmap_place_point(p), &m, &az),
                         INCMAP_OK);
        out[n++] = (ref_hit){m / 1000.0, p};
    }
    qsort(out, n, sizeof *out, ref_cmp);
    return n;
}

START_TEST(nearest_to_zummar_is_zummar)
{
    incmap_nearby nb[3];
    size_t n = 0;
    /* 2 km north-east of Zummar's point */
    ck_assert_int_eq(incmap_gazetteer_nearest(gz, gctx, (incmap_lonlat){42.60, 36.65},
                                              INCMAP_KIND_ANY, nb, 3, &n),
                     INCMAP_OK);
    ck_assert_uint_eq(n, 3);
    ck_assert_str_eq(incmap_place_name(nb[0].place), "Zummar");
    ck_assert_double_gt(nb[0].distance_km, 1.0);
    ck_assert_double_lt(nb[0].distance_km, 3.0);
    /* the place lies south-west of the point */
    ck_assert_double_gt(nb[0].azimuth_deg, 180.0);
    ck_assert_double_lt(nb[0].azimuth_deg, 270.0);
    ck_assert_double_le(nb[0].distance_km, nb[1].distance_km);
    ck_assert_double_le(nb[1].distance_km, nb[2].distance_km);
}
END_TEST

/* Points in the fixture's places, at sea, at the poles, on the antimeridian and far from any
 * place, for every limit from 1 to more than there are places: the same list as the scan. */
START_TEST(nearest_matches_a_brute_force_scan)
{
    static const incmap_lonlat pts[] = {
        {44.40, 33.34}, {35.0, 34.0}, {0, 0},    {179.99, -10},     {-179.99, 45},
        {0, 90},        {0, -90},     {-180, 0}, {180, 0},          {13.2, 32.9},
        {-70.9, 42.5},  {151, -34},   {100, 60}, {44.0092, 36.1912}};
    ref_hit *ref = malloc(incmap_gazetteer_count(gz) * sizeof *ref);
    incmap_nearby *nb = malloc((incmap_gazetteer_count(gz) + 5) * sizeof *nb);
    for (size_t p = 0; p < sizeof pts / sizeof pts[0]; p++) {
        for (int k = 0; k < 3; k++) {
            incmap_kind kind = k == 0   ? INCMAP_KIND_ANY
                               : k == 1 ? INCMAP_KIND_PLACE
                                        : INCMAP_KIND_SITE;
            size_t total = brute_force(pts[p], kind, ref);
            for (size_t max = 1; max <= total + 2; max += max < 8 ? 1 : 7) {
                size_t n = 0;
                ck_assert_int_eq(incmap_gazetteer_nearest(gz, gctx, pts[p], kind, nb, max, &n),
                                 INCMAP_OK);
                ck_assert_uint_eq(n, max < total ? max : total);
                for (size_t i = 0; i < n; i++) {
                    ck_assert_msg(nb[i].place == ref[i].p,
                                  "point %zu kind %d limit %zu: #%zu is %s (%.3f km), want %s "
                                  "(%.3f km)",
                                  p, (int)kind, max, i, incmap_place_id(nb[i].place),
                                  nb[i].distance_km, incmap_place_id(ref[i].p), ref[i].km);
                    ck_assert_double_eq_tol(nb[i].distance_km, ref[i].km, 1e-9);
                }
            }
        }
    }
    free(ref);
    free(nb);
}
END_TEST

START_TEST(nearest_refuses_area_kinds_and_points_off_the_globe)
{
    incmap_nearby nb[1];
    size_t n = 7;
    ck_assert_int_eq(
        incmap_gazetteer_nearest(gz, gctx, (incmap_lonlat){44, 33}, INCMAP_KIND_COUNTRY, nb, 1, &n),
        INCMAP_ERR_INVALID_ARG);
    ck_assert_uint_eq(n, 0);
    static const incmap_lonlat bad[] = {{180.5, 0}, {0, -90.01}, {NAN, 0}, {0, INFINITY}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        incmap_containing c;
        ck_assert_int_eq(incmap_gazetteer_nearest(gz, gctx, bad[i], INCMAP_KIND_ANY, nb, 1, &n),
                         INCMAP_ERR_INVALID_ARG);
        ck_assert_ptr_nonnull(strstr(incmap_ctx_message(gctx), "off the globe"));
        ck_assert_int_eq(incmap_gazetteer_containing(gz, gctx, bad[i], &c), INCMAP_ERR_INVALID_ARG);
    }
}
END_TEST

static const char *cc_of(const incmap_place *p)
{
    return p != NULL ? incmap_place_country(p) : "(none)";
}

START_TEST(containing_country_and_admin1)
{
    static const struct {
        incmap_lonlat at;
        const char *cc, *admin1_id;
    } cases[] = {
        {{44.0092, 36.1912}, "IQ", "ne_admin1:IRQ-IZ11"}, /* Erbil */
        {{47.7804, 30.5085}, "IQ", "ne_admin1:IRQ-IZ02"}, /* Basra */
        {{37.1612, 36.2012}, "SY", NULL},                 /* Aleppo */
        {{35.5018, 33.8938}, "LB", NULL},                 /* Beirut: no admin-1 in the fixture */
        {{32.8543, 39.9199}, "TR", NULL},                 /* Ankara */
        {{13.1873, 32.8874}, "LY", NULL},                 /* Tripoli, Libya */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        incmap_containing c;
        ck_assert_int_eq(incmap_gazetteer_containing(gz, gctx, cases[i].at, &c), INCMAP_OK);
        ck_assert_msg(c.country != NULL && strcmp(cc_of(c.country), cases[i].cc) == 0,
                      "case %zu: country %s, want %s", i, cc_of(c.country), cases[i].cc);
        ck_assert_int_eq(incmap_place_kind(c.country), INCMAP_KIND_COUNTRY);
        ck_assert_ptr_eq(c.nearest_country, c.country);
        ck_assert_double_eq(c.nearest_country_km, 0);
        if (cases[i].cc[0] == 'I' || cases[i].cc[0] == 'S') {
            ck_assert_msg(c.admin1 != NULL, "case %zu: no admin-1", i);
            ck_assert_str_eq(cc_of(c.admin1), cases[i].cc);
            ck_assert_int_eq(incmap_place_kind(c.admin1), INCMAP_KIND_ADMIN1);
        } else {
            ck_assert_ptr_null(c.admin1);
        }
        if (cases[i].admin1_id != NULL) {
            ck_assert_str_eq(incmap_place_id(c.admin1), cases[i].admin1_id);
        }
    }
}
END_TEST

/* At sea: no country, and the nearest one with the geodesic distance to its coast. West of
 * Beirut, the Lebanese coast is about 100 km east; south of Crete, Libya's is nearest. */
START_TEST(at_sea_gives_the_nearest_country)
{
    static const struct {
        incmap_lonlat at;
        const char *cc;
        double km_min, km_max;
    } cases[] = {
        {{34.4, 33.9}, "LB", 90, 115},  /* west of Beirut */
        {{20.0, 34.0}, "LY", 100, 400}, /* south of Greece: Libya's coast */
        {{35.45, 33.9}, "LB", 0, 10},   /* one step offshore */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        incmap_containing c;
        ck_assert_int_eq(incmap_gazetteer_containing(gz, gctx, cases[i].at, &c), INCMAP_OK);
        ck_assert_ptr_null(c.country);
        ck_assert_ptr_null(c.admin1);
        ck_assert_ptr_nonnull(c.nearest_country);
        ck_assert_str_eq(cc_of(c.nearest_country), cases[i].cc);
        ck_assert_msg(c.nearest_country_km > cases[i].km_min &&
                          c.nearest_country_km < cases[i].km_max,
                      "case %zu: %.1f km", i, c.nearest_country_km);
    }
}
END_TEST

/* Threads sharing one gazetteer race to build its grids on their first calls: each gets the
 * same answers as one thread alone (and ASan/TSan builds see no race or leak). */
static void *reverse_worker(void *arg)
{
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_nearby nb[5];
    size_t n = 0;
    incmap_containing c;
    bool ok =
        incmap_gazetteer_nearest(gz, ctx, (incmap_lonlat){42.60, 36.65}, INCMAP_KIND_ANY, nb, 5,
                                 &n) == INCMAP_OK &&
        incmap_gazetteer_containing(gz, ctx, (incmap_lonlat){44.0092, 36.1912}, &c) == INCMAP_OK &&
        n == 5 && strcmp(incmap_place_name(nb[0].place), "Zummar") == 0 && c.country != NULL &&
        strcmp(incmap_place_country(c.country), "IQ") == 0;
    incmap_ctx_destroy(ctx);
    *(bool *)arg = ok;
    return NULL;
}

START_TEST(first_calls_from_many_threads_agree)
{
    enum { T = 8 };
    pthread_t th[T];
    bool ok[T];
    for (int i = 0; i < T; i++) {
        ck_assert_int_eq(pthread_create(&th[i], NULL, reverse_worker, &ok[i]), 0);
    }
    for (int i = 0; i < T; i++) {
        pthread_join(th[i], NULL);
        ck_assert_msg(ok[i], "thread %d got another answer", i);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("gzspatial");
    TCase *tc = tcase_create("reverse");
    tcase_add_checked_fixture(tc, open_gazetteer, close_gazetteer);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, nearest_to_zummar_is_zummar);
    tcase_add_test(tc, nearest_matches_a_brute_force_scan);
    tcase_add_test(tc, nearest_refuses_area_kinds_and_points_off_the_globe);
    tcase_add_test(tc, containing_country_and_admin1);
    tcase_add_test(tc, at_sea_gives_the_nearest_country);
    tcase_add_test(tc, first_calls_from_many_threads_agree);
    suite_add_tcase(s, tc);
    return run_suite(s);
}

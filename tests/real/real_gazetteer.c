/* The real default gazetteer through the library (the CLI side is tests/e2e/lookup.sh): borders,
 * areas and places the geoparser relies on. A real-data suite: needs the gazetteer `incmap
 * gazetteer build` makes ($INCMAP_TEST_GAZETTEER, set by ctest to the default gazetteer); fails
 * with one line saying so when it is missing. */
#include "core/core.h"
#include "default_gz.h"
#include "testutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const incmap_place *best(const char *name)
{
    incmap_lookup_opts o = incmap_lookup_opts_default();
    incmap_candidates *c = incmap_gazetteer_lookup(gz, gctx, name, strlen(name), &o);
    ck_assert_msg(incmap_candidates_count(c) > 0, "no candidate for %s", name);
    const incmap_place *p = incmap_candidates_place(c, 0); /* lives with gz, not with c */
    incmap_candidates_destroy(c);
    return p;
}

START_TEST(iraq_syria_border_is_about_600_km)
{
    double km = incmap_gazetteer_border_length_km(gz, "IQ", "SY");
    ck_assert_msg(km > 500 && km < 700, "Iraq-Syria border is %.1f km", km);
    incmap_geom *line = incmap_gazetteer_border(gz, gctx, "SY", "IQ");
    ck_assert_ptr_nonnull(line);
    ck_assert(line->type == INCMAP_GEOM_LINESTRING || line->type == INCMAP_GEOM_MULTILINESTRING);
    double bb[4];
    ck_assert(incmap_geom_bbox(line, bb));
    ck_assert(bb[0] > 38 && bb[2] < 43 && bb[1] > 32 &&
              bb[3] < 38); /* between Al-Qa'im and Faysh Khabur */
    incmap_geom_destroy(line);
    ck_assert(isnan(incmap_gazetteer_border_length_km(gz, "IQ", "LY")));
}
END_TEST

START_TEST(babil_governorate_contains_al_hillah)
{
    const incmap_place *p = best("Babylon province");
    ck_assert_int_eq(incmap_place_kind(p), INCMAP_KIND_ADMIN1);
    ck_assert_str_eq(incmap_place_country(p), "IQ");
    ck_assert(incmap_place_has_area(p));
    incmap_geom *g = incmap_place_geometry(gz, gctx, p);
    ck_assert_ptr_nonnull(g);
    ck_assert(incmap_geom_contains(g, (incmap_lonlat){44.42, 32.46}));
    ck_assert(incmap_geom_contains(g, incmap_place_point(p))); /* the point is inside the area */
    incmap_geom_destroy(g);
}
END_TEST

START_TEST(countries_have_polygons)
{
    const incmap_place *sy = incmap_gazetteer_country(gz, "SY");
    ck_assert_ptr_nonnull(sy);
    ck_assert_ptr_eq(best("Syria"), sy);
    incmap_geom *g = incmap_place_geometry(gz, gctx, sy);
    ck_assert(g->type == INCMAP_GEOM_POLYGON || g->type == INCMAP_GEOM_MULTIPOLYGON);
    ck_assert(incmap_geom_contains(g, (incmap_lonlat){37.16, 36.20}));  /* Aleppo */
    ck_assert(!incmap_geom_contains(g, (incmap_lonlat){43.12, 36.34})); /* Mosul */
    incmap_geom_destroy(g);
    const incmap_place *iq = incmap_gazetteer_country(gz, "iq");
    ck_assert_ptr_nonnull(iq);
    ck_assert_str_eq(incmap_place_name(iq), "Iraq");
}
END_TEST

START_TEST(places_are_where_they_should_be)
{
    incmap_lonlat m = incmap_place_point(best("Mosul"));
    ck_assert(fabs(m.lat_deg - 36.34) < 0.02 && fabs(m.lon_deg - 43.12) < 0.02);
    const incmap_place *z = best("Zumar");
    ck_assert_ptr_eq(best("Zummār"), z);
    ck_assert_ptr_eq(best("ZUMMAR"), z);
    incmap_lonlat zp = incmap_place_point(z);
    ck_assert(fabs(zp.lat_deg - 36.65) < 0.09 && fabs(zp.lon_deg - 42.60) < 0.11);
    ck_assert_str_eq(incmap_place_country(best("Tripoli")), "LY");
    const incmap_place *h = best("al Ḩasakah");
    ck_assert_ptr_eq(best("Hasakah"), h);
    ck_assert_ptr_eq(best("Al-Hasakah"), h);
    ck_assert_int_eq(incmap_place_kind(h), INCMAP_KIND_PLACE);
    const incmap_place *by_id = incmap_gazetteer_get(gz, incmap_place_id(h));
    ck_assert_ptr_eq(by_id, h);
}
END_TEST

/* Reverse geocoding over the whole world: a city's own point finds it first and lies in its
 * country and province; points at sea name the nearest country at a plausible distance. */
START_TEST(reverse_geocoding_on_land_and_at_sea)
{
    static const struct {
        incmap_lonlat at;
        const char *place, *cc, *admin1;
    } land[] = {
        {{2.3488, 48.8534}, "Paris", "FR", "Paris"},
        {{43.1189, 36.335}, "Mosul", "IQ", "Ninawa"},
        {{-74.006, 40.7143}, "New York City", "US", "New York"},
        {{151.2073, -33.8679}, "Sydney", "AU", "New South Wales"},
    };
    for (size_t i = 0; i < sizeof land / sizeof land[0]; i++) {
        incmap_nearby nb[3];
        size_t n = 0;
        incmap_containing c;
        ck_assert_int_eq(
            incmap_gazetteer_nearest(gz, gctx, land[i].at, INCMAP_KIND_PLACE, nb, 3, &n),
            INCMAP_OK);
        ck_assert_uint_eq(n, 3);
        ck_assert_msg(strcmp(incmap_place_name(nb[0].place), land[i].place) == 0 &&
                          nb[0].distance_km < 1.0,
                      "near %s: %s at %.2f km", land[i].place, incmap_place_name(nb[0].place),
                      nb[0].distance_km);
        ck_assert_int_eq(incmap_gazetteer_containing(gz, gctx, land[i].at, &c), INCMAP_OK);
        ck_assert_ptr_nonnull(c.country);
        ck_assert_str_eq(incmap_place_country(c.country), land[i].cc);
        ck_assert_ptr_nonnull(c.admin1);
        ck_assert_str_eq(incmap_place_name(c.admin1), land[i].admin1);
    }
    static const struct {
        incmap_lonlat at;
        const char *cc;
        double km_min, km_max;
    } sea[] = {
        {{-30, 30}, "PT", 850, 950},     /* the Azores */
        {{34.0, 34.5}, "CY", 30, 70},    /* off Cyprus */
        {{-140, -50}, "PF", 2300, 2700}, /* the South Pacific: French Polynesia */
    };
    for (size_t i = 0; i < sizeof sea / sizeof sea[0]; i++) {
        incmap_containing c;
        ck_assert_int_eq(incmap_gazetteer_containing(gz, gctx, sea[i].at, &c), INCMAP_OK);
        ck_assert_ptr_null(c.country);
        ck_assert_ptr_nonnull(c.nearest_country);
        ck_assert_msg(strcmp(incmap_place_country(c.nearest_country), sea[i].cc) == 0 &&
                          c.nearest_country_km > sea[i].km_min &&
                          c.nearest_country_km < sea[i].km_max,
                      "sea point %zu: %s at %.1f km", i, incmap_place_country(c.nearest_country),
                      c.nearest_country_km);
    }
}
END_TEST

int main(void)
{
    if (real_gazetteer_missing()) {
        return 1;
    }
    Suite *s = suite_create("real_gazetteer");
    TCase *tc = tcase_create("default");
    tcase_add_checked_fixture(tc, open_gazetteer, close_gazetteer);
    tcase_add_test(tc, iraq_syria_border_is_about_600_km);
    tcase_add_test(tc, babil_governorate_contains_al_hillah);
    tcase_add_test(tc, countries_have_polygons);
    tcase_add_test(tc, places_are_where_they_should_be);
    tcase_add_test(tc, reverse_geocoding_on_land_and_at_sea);
    suite_add_tcase(s, tc);
    return run_suite(s);
}

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
    suite_add_tcase(s, tc);
    return run_suite(s);
}

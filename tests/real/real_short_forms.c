/* Short forms and adjectives of regions on the real default gazetteer: the curated rows of
 * gazetteer/supplement.tsv (the Korean Peninsula, "Korea" for South Korea, Sicily and "Sicilian")
 * and a report's own short form of a country the fixture gazetteer lacks ("SA" for South Africa).
 * A real-data suite (tests/CMakeLists.txt): fails with one line when the gazetteer is missing. */
#include "default_gz.h"
#include "testutil.h"

START_TEST(regions_and_their_adjectives)
{
    incmap_incidents *inc = run_text("Envoys said talks on the Korean Peninsula would resume. The "
                                     "Korea Exchange fell 2 percent, "
                                     "and a bakery in Leeds sold Sicilian orange cake.",
                                     NULL);
    const incmap_feature *p = by_text(inc, 0, "Korean Peninsula");
    ck_assert_ptr_nonnull(p);
    ck_assert_str_eq(p->gazetteer_id, "supplement:korean-peninsula");
    ck_assert(incmap_geom_contains(p->geom, (incmap_lonlat){126.98, 37.57})); /* Seoul */
    ck_assert(incmap_geom_contains(p->geom, (incmap_lonlat){125.75, 39.02})); /* Pyongyang */
    const incmap_feature *k = by_text(inc, 0, "Korea");
    ck_assert_ptr_nonnull(k);
    ck_assert_str_eq(k->country, "KR");
    const incmap_feature *s = by_text(inc, 0, "Sicilian");
    ck_assert_ptr_nonnull(s);
    ck_assert_str_eq(s->gazetteer_id, "supplement:sicily");
    ck_assert(incmap_geom_contains(s->geom, (incmap_lonlat){13.36, 38.12})); /* Palermo */
    ck_assert(only_mention(inc, "Sicilian"));
    incmap_incidents_destroy(inc);
}
END_TEST

START_TEST(short_form_of_a_country_the_report_names)
{
    incmap_incidents *inc = run_text("Platinum mines employ thousands of South Africans. SA holds "
                                     "most of the world's reserves, and mines in SA grew.",
                                     NULL);
    const incmap_feature *f = by_text(inc, 0, "SA");
    ck_assert_ptr_nonnull(f);
    ck_assert_str_eq(f->country, "ZA");
    incmap_incidents_destroy(inc);
    /* "SA" in a report naming no place it spells out is no place */
    inc = run_text("Mines in SA grew, the SA Mining Council said.", NULL);
    ck_assert_ptr_null(by_text(inc, 0, "SA"));
    incmap_incidents_destroy(inc);
}
END_TEST

int main(void)
{
    if (real_gazetteer_missing()) {
        return 1;
    }
    Suite *s = suite_create("real_short_forms");
    TCase *tc = tcase_create("reports");
    tcase_add_checked_fixture(tc, open_gazetteer, close_gazetteer);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, regions_and_their_adjectives);
    tcase_add_test(tc, short_form_of_a_country_the_report_names);
    suite_add_tcase(s, tc);
    return run_suite(s);
}

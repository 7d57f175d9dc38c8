/* Short forms and adjectives of regions on the real default gazetteer: the curated rows of
 * gazetteer/supplement.tsv (the Korean Peninsula, "Korea" for South Korea, Sicily, Siberia and
 * their adjectives, county short forms, the West) and word lists (abbrev_names.txt,
 * abbrev_states.txt), and a report's own short form of a country the fixture gazetteer lacks ("SA"
 * for South Africa). A real-data suite (tests/CMakeLists.txt): fails with one line when the
 * gazetteer is missing. */
#include "default_gz.h"
#include "testutil.h"

#include <string.h>

/* The context mention written W, asserted to be there and (ID not NULL) to be that entry. */
static const incmap_feature *mention_of(const incmap_incidents *inc, const char *w, const char *id)
{
    const incmap_feature *f = by_text(inc, 0, w);
    ck_assert_msg(f != NULL, "no mention written '%s'", w);
    if (id != NULL) {
        ck_assert_str_eq(f->gazetteer_id, id);
    }
    return f;
}

START_TEST(regions_and_their_adjectives)
{
    incmap_incidents *inc =
        run_text("Envoys said talks on the Korean Peninsula would resume. The "
                 "Korea Exchange fell 2 percent, "
                 "and a bakery in Leeds sold Sicilian orange cake in a Siberian frost.",
                 NULL);
    const incmap_feature *p = mention_of(inc, "Korean Peninsula", "supplement:korean-peninsula");
    ck_assert(incmap_geom_contains(p->geom, (incmap_lonlat){126.98, 37.57})); /* Seoul */
    ck_assert(incmap_geom_contains(p->geom, (incmap_lonlat){125.75, 39.02})); /* Pyongyang */
    const incmap_feature *k = mention_of(inc, "Korea", NULL);
    ck_assert_str_eq(k->country, "KR");
    const incmap_feature *s = mention_of(inc, "Sicilian", "supplement:sicily");
    ck_assert(incmap_geom_contains(s->geom, (incmap_lonlat){13.36, 38.12})); /* Palermo */
    ck_assert(only_mention(inc, "Sicilian"));
    const incmap_feature *sb = mention_of(inc, "Siberian", "supplement:siberia");
    ck_assert(incmap_geom_contains(sb->geom, (incmap_lonlat){82.93, 55.03})); /* Novosibirsk */
    incmap_incidents_destroy(inc);
}
END_TEST

START_TEST(short_form_of_a_country_the_report_names)
{
    incmap_incidents *inc = run_text("Platinum mines employ thousands of South Africans. SA holds "
                                     "most of the world's reserves, and mines in SA grew.",
                                     NULL);
    const incmap_feature *f = mention_of(inc, "SA", NULL);
    ck_assert_str_eq(f->country, "ZA");
    incmap_incidents_destroy(inc);
    /* "SA" in a report naming no place it spells out is no place */
    inc = run_text("Mines in SA grew, the SA Mining Council said.", NULL);
    ck_assert_ptr_null(by_text(inc, 0, "SA"));
    incmap_incidents_destroy(inc);
}
END_TEST

/* Short forms news writes for provinces: a county's ("Herts"), state codes that are no word
 * ("NJ", "NSW"), a Canadian province's after a comma ("N.B."); "Bucks" stays a word. */
START_TEST(short_forms_of_provinces)
{
    incmap_incidents *inc =
        run_text("Crews of the Kent and Herts Air Ambulance flew twice. Lifeguards from NSW and a "
                 "choir from "
                 "NJ sang in a barn near Sussex, N.B. on Sunday. Bucks fans cheered.",
                 NULL);
    const incmap_feature *h = mention_of(inc, "Herts", NULL);
    ck_assert_str_eq(h->name, "Hertfordshire");
    ck_assert_str_eq(mention_of(inc, "NSW", NULL)->name, "New South Wales");
    ck_assert_str_eq(mention_of(inc, "NJ", NULL)->name, "New Jersey");
    const incmap_feature *b = mention_of(inc, "N.B.", NULL);
    ck_assert_str_eq(b->name, "New Brunswick");
    ck_assert_ptr_null(by_text(inc, 0, "Bucks"));
    incmap_incidents_destroy(inc);
}
END_TEST

/* "the West" and "Western countries": the Western world, a mention; "the West Bank", "western
 * Syria", "the West of Ireland" and "Western Sahara" are not it. */
START_TEST(the_west_and_western_countries)
{
    incmap_incidents *inc = run_text(
        "Ties between Moscow and the West grew cold, and Western governments recalled envoys. "
        "Farmers in the West of Ireland and in western Syria sold wheat to the West Bank and "
        "Western Sahara.",
        NULL);
    const incmap_feature *w = mention_of(inc, "West", "supplement:western-world");
    ck_assert(incmap_geom_contains(w->geom, (incmap_lonlat){7.6, 50.4})); /* Koblenz */
    mention_of(inc, "Western", "supplement:western-world");
    size_t west = 0;
    for (size_t i = 0; i < incmap_incidents_feature_count(inc); i++) {
        const incmap_feature *f = incmap_incidents_feature(inc, i);
        west += f->gazetteer_id != NULL && strcmp(f->gazetteer_id, "supplement:western-world") == 0;
    }
    ck_assert_uint_eq(west, 2);
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
    tcase_add_test(tc, short_forms_of_provinces);
    tcase_add_test(tc, the_west_and_western_countries);
    suite_add_tcase(s, tc);
    return run_suite(s);
}

/* Disambiguation among namesakes (src/geoparse/resolve*.c) on the fixture gazetteer
 * (tests/fixtures/unit-gazetteer/): what the rest of the report says decides, and a pick the
 * report does not support is left out rather than guessed. */
#include "default_gz.h"
#include "incmap/mentions.h"
#include "testutil.h"

#include <check.h>
#include <string.h>

START_TEST(small_namesake_abroad_is_left_out)
{
    /* both Fairviews of the gazetteer are American; the report's towns are English */
    incmap_mentions *m =
        mentions_of("British fans filled the pubs of Stoke-on-Trent before the final, coaches left "
                    "Stoke-on-Trent at dawn, and one supporter drove down from Fairview.");
    ck_assert_ptr_nonnull(mention_find(m, "Stoke-on-Trent"));
    ck_assert_ptr_null(mention_find(m, "Fairview"));
    incmap_mentions_destroy(m);
    /* the writer says where it is, and no Fairview of the gazetteer is there */
    m = mentions_of("Crews cleared a crash near Fairview, England, on Monday.");
    ck_assert_ptr_nonnull(mention_find(m, "England"));
    ck_assert_ptr_null(mention_find(m, "Fairview"));
    incmap_mentions_destroy(m);
    /* with nothing else in the report, or a place of its country, it stays */
    m = mentions_of("Crews in Fairview cleared the fallen trees by noon.");
    ck_assert_ptr_nonnull(mention_find(m, "Fairview"));
    incmap_mentions_destroy(m);
    m = mentions_of("British fans met in London, and crews from Hartford and Fairview helped.");
    ck_assert_ptr_nonnull(mention_find(m, "Fairview"));
    incmap_mentions_destroy(m);
}
END_TEST

START_TEST(other_name_of_a_small_town_needs_a_place_of_its_country)
{
    /* "Walnut Hills" is an old name of Vicksburg; in a report about Iraq, naming the United
     * States in passing does not vouch for it */
    incmap_mentions *m = mentions_of("Iraqi officials and Iraqi tribal leaders met in Baghdad, "
                                     "and a US diplomat welcomed a delegation from Walnut Hills.");
    ck_assert_ptr_nonnull(mention_find(m, "Baghdad"));
    ck_assert_ptr_null(mention_find(m, "Walnut Hills"));
    incmap_mentions_destroy(m);
    m = mentions_of("Officials in Jackson welcomed a delegation from Walnut Hills.");
    const incmap_mention *v = mention_find(m, "Walnut Hills");
    ck_assert_ptr_nonnull(v);
    ck_assert_str_eq(incmap_place_name(v->place), "Vicksburg");
    incmap_mentions_destroy(m);
}
END_TEST

START_TEST(the_namesake_next_door_beats_a_bigger_one)
{
    /* Manchester, Connecticut is 14 km from Hartford; the bigger one in New Hampshire 170 km */
    incmap_mentions *m = mentions_of("Crews from Hartford reached Manchester after the storm.");
    const incmap_mention *p = mention_find(m, "Manchester");
    ck_assert_ptr_nonnull(p);
    ck_assert_double_lt(incmap_place_point(p->place).lat_deg, 42.0);
    incmap_mentions_destroy(m);
    m = mentions_of("Crews reached Manchester after the storm.");
    ck_assert_double_gt(incmap_place_point(mention_find(m, "Manchester")->place).lat_deg, 42.0);
    incmap_mentions_destroy(m);
}
END_TEST

START_TEST(demonym_before_town_of_names_its_country)
{
    incmap_mentions *m = mentions_of("Police in the English town of Richmond closed the market.");
    const incmap_mention *p = mention_find(m, "Richmond");
    ck_assert_ptr_nonnull(p);
    ck_assert_str_eq(incmap_place_country(p->place), "GB");
    incmap_mentions_destroy(m);
    m = mentions_of("Police in the town of Richmond closed the market.");
    ck_assert_str_eq(incmap_place_country(mention_find(m, "Richmond")->place), "US");
    incmap_mentions_destroy(m);
}
END_TEST

START_TEST(a_name_joined_to_a_province_is_the_province)
{
    incmap_mentions *m =
        mentions_of("Tech firms rarely leave British Columbia or Washington for cheaper places.");
    const incmap_mention *p = mention_find(m, "Washington");
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(incmap_place_kind(p->place), INCMAP_KIND_ADMIN1);
    incmap_mentions_destroy(m);
    m = mentions_of("Tech firms rarely leave Washington for cheaper places.");
    ck_assert_int_eq(incmap_place_kind(mention_find(m, "Washington")->place), INCMAP_KIND_PLACE);
    incmap_mentions_destroy(m);
}
END_TEST

static Suite *resolve_suite(void)
{
    Suite *s = suite_create("resolve");
    TCase *tg = tcase_create("gazetteer");
    tcase_add_checked_fixture(tg, open_gazetteer, close_gazetteer);
    tcase_set_timeout(tg, 60);
    tcase_add_test(tg, small_namesake_abroad_is_left_out);
    tcase_add_test(tg, other_name_of_a_small_town_needs_a_place_of_its_country);
    tcase_add_test(tg, the_namesake_next_door_beats_a_bigger_one);
    tcase_add_test(tg, demonym_before_town_of_names_its_country);
    tcase_add_test(tg, a_name_joined_to_a_province_is_the_province);
    suite_add_tcase(s, tg);
    return s;
}

int main(void)
{
    return run_suite(resolve_suite());
}

/* Mentions stage: places inside the names of organisations, offices and buildings, on the fixture
 * gazetteer (tests/fixtures/unit-gazetteer). The place an organisation or an office is named for
 * is a mention of it ("Metula PD", "Deputy Minister of Defence of Lebanon"); a small town that is
 * only the first word of a longer name is not, unless the report backs it. */
#include "default_gz.h"
#include "geoparse/geoparse.h"
#include "testutil.h"

#include <string.h>

/* WANT is a mention of a place in country CC. */
static void assert_place(const incmap_mentions *m, const char *want, const char *cc)
{
    const incmap_mention *p = mention_find(m, want);
    ck_assert_msg(p != NULL, "no mention of %s", want);
    ck_assert_str_eq(incmap_place_country(p->place), cc);
}

START_TEST(a_town_opening_an_organisation_name_is_mentioned)
{
    /* police, school boards and trusts named after their small town: the town is named */
    incmap_mentions *m = mentions_of("The boy was found in the yard (Photo: Metula PD). Teachers "
                                     "of Sinuni Public Schools met members of Kutum Heritage "
                                     "Trust.");
    assert_place(m, "Metula", "IL");
    assert_place(m, "Sinuni", "IQ");
    assert_place(m, "Kutum", "SD");
    incmap_mentions_destroy(m);
}
END_TEST

START_TEST(a_town_inside_a_longer_organisation_name_is_mentioned)
{
    /* after "of" or "the" inside the name, when the organisation's head word comes after it;
     * not when the head comes first ("the Society of Cornish Pipers" is no town) */
    incmap_mentions *m = mentions_of("He is the director of the Kutum Fishing Club. The club "
                                     "gave its Friends of Metula Women Helping Others Award to "
                                     "a nurse. She joined the Society of Cornish Pipers.");
    assert_place(m, "Kutum", "SD");
    assert_place(m, "Metula", "IL");
    ck_assert_ptr_null(mention_find(m, "Cornish"));
    incmap_mentions_destroy(m);
}
END_TEST

START_TEST(the_place_of_an_office_after_a_title_is_mentioned)
{
    /* a title reads a person up to "and" or "of": the place after "of" is the office's or the
     * person's */
    incmap_mentions *m = mentions_of("The former Deputy Minister of Defence of Lebanon spoke. "
                                     "Mr. Omar Khalil of the Kutum Fishing Club agreed, as did "
                                     "General Secretary of the Baath Party of Syria Ali Hassan.");
    assert_place(m, "Lebanon", "LB");
    assert_place(m, "Kutum", "SD");
    assert_place(m, "Syria", "SY");
    ck_assert_ptr_null(mention_find(m, "Omar"));
    incmap_mentions_destroy(m);
}
END_TEST

START_TEST(a_small_town_opening_a_longer_name_needs_the_report_to_back_it)
{
    /* the cue before "Karl Weber Clinic" is the clinic's, which lies in the town named after
     * it; a possessive opens a shop's name; another spelling of a city inside a hotel's name far
     * from the report's places is the hotel's */
    incmap_mentions *m = mentions_of("They met at the Hotel Hewler in Beirut.");
    ck_assert_ptr_null(mention_find(m, "Hewler"));
    incmap_mentions_destroy(m);
    m = mentions_of("Doctors at Karl Weber Clinic in Erbil treated them. They had met at Pike's "
                    "Diner.");
    ck_assert_ptr_null(mention_find(m, "Karl"));
    ck_assert_ptr_null(mention_find(m, "Pike"));
    const incmap_mention *c = mention_find(m, "Karl Weber Clinic");
    ck_assert_ptr_nonnull(c);
    ck_assert(c->in_locality);
    ck_assert_str_eq(incmap_place_name(c->place), "Erbil");
    incmap_mentions_destroy(m);
    /* backed by a place near it, or the report's only place: the town */
    m = mentions_of("Rockets hit the Zummar Market, near Mosul.");
    assert_place(m, "Zummar", "IQ");
    incmap_mentions_destroy(m);
    m = mentions_of("Rockets hit the Zummar Market.");
    assert_place(m, "Zummar", "IQ");
    incmap_mentions_destroy(m);
}
END_TEST

START_TEST(a_demonym_of_a_region_with_a_word_never_a_place_alone)
{
    /* "Latin" alone names nothing, but "Latin American" is the region's demonym, not "American"
     * the United States' */
    incmap_mentions *m = mentions_of("Latin American leaders met in Paris.");
    const incmap_mention *l = mention_find(m, "Latin American");
    ck_assert_ptr_nonnull(l);
    ck_assert_str_eq(incmap_place_name(l->place), "Latin America");
    ck_assert_ptr_null(mention_find(m, "American"));
    incmap_mentions_destroy(m);
}
END_TEST

static Suite *inside_suite(void)
{
    Suite *s = suite_create("mentions_inside");
    TCase *tg = tcase_create("gazetteer");
    tcase_add_checked_fixture(tg, open_gazetteer, close_gazetteer);
    tcase_set_timeout(tg, 60);
    tcase_add_test(tg, a_town_opening_an_organisation_name_is_mentioned);
    tcase_add_test(tg, a_town_inside_a_longer_organisation_name_is_mentioned);
    tcase_add_test(tg, the_place_of_an_office_after_a_title_is_mentioned);
    tcase_add_test(tg, a_small_town_opening_a_longer_name_needs_the_report_to_back_it);
    tcase_add_test(tg, a_demonym_of_a_region_with_a_word_never_a_place_alone);
    suite_add_tcase(s, tg);
    return s;
}

int main(void)
{
    return run_suite(inside_suite());
}

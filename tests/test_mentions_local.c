/* Streets and buildings the gazetteer lacks (src/geoparse/mention_local.c) on the fixture
 * gazetteer: which town they lie in (the one named right after them, else the report's main
 * town), and what a country or nationality inside such a name is (whom an embassy serves, not
 * where it stands). Short texts in our own words. */
#include "core/core.h"
#include "default_gz.h"
#include "testutil.h"

#include <string.h>

/* Whether any mention resolved to a place of this kind in country CC. */
static bool names_kind(const incmap_mentions *m, incmap_kind kind, const char *cc)
{
    for (size_t i = 0; i < incmap_mentions_count(m); i++) {
        const incmap_place *p = incmap_mentions_get(m, i)->place;
        if (incmap_place_kind(p) == kind && strcmp(incmap_place_country(p), cc) == 0) {
            return true;
        }
    }
    return false;
}

/* Asserts that W is a local mention lying in TOWN (precision-2 locality of that town). */
static void expect_local(const incmap_mentions *m, const char *w, const char *town)
{
    const incmap_mention *p = mention_find(m, w);
    ck_assert_msg(p != NULL, "no mention \"%s\"", w);
    ck_assert_msg(p->in_locality, "\"%s\" is not a local", w);
    ck_assert_str_eq(incmap_place_name(p->place), town);
}

/* Asserts that TEXT has no mention NAME: a building without a town to place it in. */
static void expect_unplaced(const char *text, const char *name)
{
    incmap_mentions *m = mentions_of(text);
    ck_assert_msg(mention_find(m, name) == NULL, "%s placed", name);
    incmap_mentions_destroy(m);
}

/* Asserts that TEXT places NAME in TOWN. */
static void expect_placed(const char *text, const char *name, const char *town)
{
    incmap_mentions *m = mentions_of(text);
    expect_local(m, name, town);
    incmap_mentions_destroy(m);
}

/* Asserts that in TEXT the building NAME lies in TOWN and no mention is the country CC. */
static void expect_building(const char *text, const char *name, const char *town, const char *cc)
{
    incmap_mentions *m = mentions_of(text);
    expect_local(m, name, town);
    ck_assert_msg(!names_kind(m, INCMAP_KIND_COUNTRY, cc), "%s: %s", name, cc);
    incmap_mentions_destroy(m);
}

START_TEST(an_embassy_stands_in_its_host_town)
{
    /* the nationality or country of an embassy's name is whom it serves: the building is in the
     * town named with it, written after it, in the host's capital, or glued to the name */
    expect_building("Protesters gathered outside the French Embassy in Beirut on Monday.",
                    "French Embassy", "Beirut", "FR");
    expect_building("Staff left the Embassy of the Republic of Turkey in Amman at noon.",
                    "Embassy of the Republic of Turkey", "Amman", "TR");
    expect_building("A guard at the French Embassy in the Syrian capital was hurt.",
                    "French Embassy", "Damascus", "FR");
    expect_building("An aide at the Turkish Embassy Beirut said the visit would go ahead.",
                    "Turkish Embassy", "Beirut", "TR");
    /* without a town, no feature at all: Turkey is not where the embassy stands */
    incmap_mentions *m = mentions_of("Diplomats at the Turkish Embassy declined to comment.");
    ck_assert_ptr_null(mention_find(m, "Turkish Embassy"));
    ck_assert(!names_kind(m, INCMAP_KIND_COUNTRY, "TR"));
    incmap_mentions_destroy(m);
    /* a nationality before an ordinary building's name, or before an embassy that is no
     * building's name ("the French consulate"), keeps its meaning */
    m = mentions_of("Visitors queued at the French Museum and at the Turkish consulate in Amman.");
    ck_assert(names_kind(m, INCMAP_KIND_COUNTRY, "FR"));
    ck_assert(names_kind(m, INCMAP_KIND_COUNTRY, "TR"));
    ck_assert_ptr_null(mention_find(m, "Turkish consulate"));
    incmap_mentions_destroy(m);
}
END_TEST

START_TEST(a_country_after_a_buildings_of_is_its_name)
{
    /* "the Grand Mall of Iraq in Basra" is a mall in Basra, not the whole country; an
     * international school named after a nation stands in the report's town */
    expect_building("Shoppers filled the Grand Mall of Iraq in Basra.", "Grand Mall of Iraq",
                    "Basra", "IQ");
    expect_building("Pupils of the French International School sang. Parents came from Amman "
                    "and teachers drove in from Amman.",
                    "French International School", "Amman", "FR");
}
END_TEST

START_TEST(the_town_after_a_name_may_follow_its_abbreviation)
{
    /* "(GLH) in Mosul": the name's abbreviation between it and its town; "in" a province */
    incmap_mentions *m = mentions_of("Guards at the Grand Lotus Hotel (GLH) in Mosul were armed. "
                                     "A crowd gathered on Harbour Street in Nineveh.");
    expect_local(m, "Grand Lotus Hotel", "Mosul");
    const incmap_mention *h = mention_find(m, "Harbour Street");
    ck_assert_ptr_nonnull(h);
    ck_assert(h->in_locality);
    ck_assert_int_eq(incmap_place_kind(h->place), INCMAP_KIND_ADMIN1);
    incmap_mentions_destroy(m);
}
END_TEST

START_TEST(a_town_in_an_organisations_name_makes_the_main_town)
{
    /* a police force named after its town says where the report is: Erbil (once plainly, twice
     * in the force's name) outnumbers Basra (twice) */
    expect_placed(
        "Traders in Erbil shut their shops on Harbour Street, the Erbil Police Department said. "
        "Two men from Basra were held, and the Erbil Police Department said a third man had "
        "also come from Basra.",
        "Harbour Street", "Erbil");
}
END_TEST

START_TEST(a_persons_name_is_no_main_town)
{
    /* "Sidney" is only an alternate name of Sydney: a man called so, named three times without
     * a place cue, makes no main town however big the city */
    expect_unplaced(
        "Sidney Hart opened a cafe on Harbour Street last year. Sidney says trade is slow, and "
        "Sidney plans to sell.",
        "Harbour Street");
}
END_TEST

START_TEST(a_town_said_early_is_the_main_town)
{
    /* each town named once: the one the report opens "in" is where it is, even when a
     * nationality named in passing outvotes the town's country */
    expect_placed("Thieves broke into a shop in Erbil on Monday. A French student said a man "
                  "from Basra ran down Harbour Street.",
                  "Harbour Street", "Erbil");
    /* the report's only town, named in a public body's name */
    expect_placed("The Erbil Fire Service put out a blaze on Harbour Street overnight.",
                  "Harbour Street", "Erbil");
    /* no early "in": two towns named once each make no main town */
    expect_unplaced("A man from Erbil met a trader from Basra. They walked down Harbour Street.",
                    "Harbour Street");
}
END_TEST

START_TEST(a_bodys_building_needs_its_town_named)
{
    /* a court or centre is a body's name as well as a building's: placed only by the town named
     * with it, never by the report's main town ("a professor at ... University") */
    expect_placed("Two men appeared at the Harbour District Court in Basra. Police in Erbil said "
                  "more came to Erbil.",
                  "Harbour District Court", "Basra");
    expect_unplaced("Police in Erbil said more came to Erbil, a scholar at the Lotus University "
                    "said.",
                    "Lotus University");
}
END_TEST

START_TEST(estates_towers_and_graveyards_are_local_places)
{
    /* a housing estate, a tower, a castle, a cemetery: buildings and grounds of the town */
    incmap_mentions *m = mentions_of(
        "Police patrolled the Harbour Estate after a fight in Erbil. Residents of Erbil said a "
        "crowd had gathered at the Lotus Tower and mourners at the Green Hill Cemetery.");
    expect_local(m, "Harbour Estate", "Erbil");
    expect_local(m, "Lotus Tower", "Erbil");
    expect_local(m, "Green Hill Cemetery", "Erbil");
    incmap_mentions_destroy(m);
}
END_TEST

START_TEST(a_name_spoken_against_is_no_place_cue)
{
    /* "against Pike", "with Pike": how one speaks of a person, not of a village */
    expect_unplaced(
        "Aides rebelled against Pike on Monday. Talks at the Grand Lotus Hotel went badly, and "
        "the staff sided with Pike.",
        "Grand Lotus Hotel");
}
END_TEST

static Suite *local_suite(void)
{
    Suite *s = suite_create("mentions_local");
    TCase *tc = tcase_create("gazetteer");
    tcase_add_checked_fixture(tc, open_gazetteer, close_gazetteer);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, an_embassy_stands_in_its_host_town);
    tcase_add_test(tc, a_country_after_a_buildings_of_is_its_name);
    tcase_add_test(tc, the_town_after_a_name_may_follow_its_abbreviation);
    tcase_add_test(tc, a_town_in_an_organisations_name_makes_the_main_town);
    tcase_add_test(tc, a_persons_name_is_no_main_town);
    tcase_add_test(tc, a_town_said_early_is_the_main_town);
    tcase_add_test(tc, a_bodys_building_needs_its_town_named);
    tcase_add_test(tc, estates_towers_and_graveyards_are_local_places);
    tcase_add_test(tc, a_name_spoken_against_is_no_place_cue);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(local_suite());
}

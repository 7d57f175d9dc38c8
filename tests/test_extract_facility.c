/* Facilities named after their place (src/geoparse/facility.c) on the fixture gazetteer: the
 * airport of a town is the gazetteer's airport; a station or port the gazetteer lacks is its town,
 * with a note and precision 2; an airport of another town is never taken for it. Short texts in
 * our own words. */
#include "core/core.h"
#include "default_gz.h"
#include "testutil.h"

#include <stdio.h>
#include <string.h>

/* The feature of incident 1 that is its target or site, or NULL. */
static const incmap_feature *hit_of(const incmap_incidents *inc)
{
    const incmap_feature *f = role_of(inc, 1, INCMAP_ROLE_TARGET);
    return f != NULL ? f : role_of(inc, 1, INCMAP_ROLE_SITE);
}

START_TEST(the_citys_airport_is_the_airport_entry)
{
    incmap_incidents *inc = run_text(
        "ERBIL, May 3 - Two rockets were fired towards the city's airport on Monday night, "
        "officials said.",
        "2024-05-03");
    const incmap_feature *t = role_of(inc, 1, INCMAP_ROLE_TARGET);
    ck_assert_ptr_nonnull(t);
    ck_assert_str_eq(t->name, "Erbil International Airport");
    ck_assert_str_eq(t->text, "the city's airport");
    ck_assert_int_eq(t->precision, 1);
    incmap_incidents_destroy(inc);
}
END_TEST

START_TEST(a_towns_airport_is_the_airport_entry)
{
    incmap_incidents *inc =
        run_text("Mortar rounds aimed at Baghdad's airport landed among houses on Tuesday, "
                 "killing two people.",
                 "2024-05-03");
    const incmap_feature *t = hit_of(inc);
    ck_assert_ptr_nonnull(t);
    ck_assert(strstr(t->name, "Baghdad International Airport") == t->name);
    ck_assert_str_eq(t->kind == INCMAP_KIND_SITE ? "site" : "other", "site");
    incmap_incidents_destroy(inc);
}
END_TEST

/* TEXT's event happened at the facility WRITTEN (NULL: any text), which the gazetteer lacks, or at
 * a described point: TOWN, with the qualifier NOTE and precision 2. */
static void expect_at_town(const char *text, const char *town, const char *written,
                           const char *note)
{
    incmap_incidents *inc = run_text(text, "2024-05-03");
    const incmap_feature *t = hit_of(inc);
    ck_assert_ptr_nonnull(t);
    ck_assert_str_eq(t->name, town);
    if (written != NULL) {
        ck_assert_str_eq(t->text, written);
    }
    ck_assert_ptr_nonnull(t->qualifier);
    ck_assert_str_eq(t->qualifier, note);
    ck_assert_int_eq(t->precision, 2);
    incmap_incidents_destroy(inc);
}

START_TEST(a_station_without_entry_is_its_town_with_a_note)
{
    expect_at_town("KIRKUK - A suicide bomber killed 12 people on the crowded platform of the "
                   "city's railway station on Saturday.",
                   "Kirkuk", "the city's railway station", "railway station, located at Kirkuk");
}
END_TEST

START_TEST(the_port_of_a_town_is_the_town)
{
    expect_at_town("An explosion devastated the port of Basra on Friday evening.", "Basra",
                   "the port of Basra", "port, located at Basra");
}
END_TEST

/* Mosul has no airport entry; the Erbil airport the report also names is 80 km away: Mosul's
 * airport is then in Mosul, never Erbil's. */
START_TEST(another_towns_airport_is_not_taken)
{
    expect_at_town("Drones struck Mosul's airport on Sunday. Flights at Erbil International "
                   "Airport were not affected.",
                   "Mosul", NULL, "airport, located at Mosul");
}
END_TEST

/* No event: the town is a mention as before and no facility feature appears (the toponym output
 * is unchanged). */
START_TEST(no_event_no_facility_feature)
{
    incmap_incidents *inc =
        run_text("Tankers were queuing outside the port of Basra on Friday.", "2024-05-03");
    ck_assert_ptr_null(hit_of(inc));
    ck_assert(only_mention(inc, "Basra"));
    ck_assert_ptr_null(by_text(inc, 0, "the port of Basra"));
    incmap_incidents_destroy(inc);
}
END_TEST

/* A street the gazetteer lacks is a mention at its town, precision 2 with a note, never the
 * incident's place: the town keeps the role. */
START_TEST(a_street_without_entry_is_a_mention_at_its_town)
{
    incmap_incidents *inc =
        run_text("A car bomb exploded on Harbour Street in Basra on Friday, killing four people.",
                 "2024-05-03");
    const incmap_feature *t = hit_of(inc), *s = by_text(inc, 0, "Harbour Street");
    ck_assert(t != NULL && s != NULL);
    ck_assert_str_eq(t->text, "Basra");
    ck_assert(only_mention(inc, "Harbour Street"));
    ck_assert_str_eq(s->name, "Basra");
    ck_assert_int_eq(s->precision, 2);
    ck_assert_str_eq(s->qualifier, "located in Basra");
    incmap_incidents_destroy(inc);
}
END_TEST

/* "about 6 km above X": a distance without a bearing is near X (precision 2), not the province
 * named after it. */
START_TEST(a_distance_above_a_town_is_near_it)
{
    expect_at_town(
        "Gunmen opened fire on shepherds in a high pasture, about 6 km above Sinjar town "
        "in Nineveh province, on Tuesday.",
        "Sinjar", NULL, "6 km above");
}
END_TEST

static Suite *facility_suite(void)
{
    Suite *s = suite_create("extract_facility");
    TCase *tc = tcase_create("facilities");
    tcase_add_checked_fixture(tc, open_gazetteer, close_gazetteer);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, the_citys_airport_is_the_airport_entry);
    tcase_add_test(tc, a_towns_airport_is_the_airport_entry);
    tcase_add_test(tc, a_station_without_entry_is_its_town_with_a_note);
    tcase_add_test(tc, the_port_of_a_town_is_the_town);
    tcase_add_test(tc, another_towns_airport_is_not_taken);
    tcase_add_test(tc, no_event_no_facility_feature);
    tcase_add_test(tc, a_distance_above_a_town_is_near_it);
    tcase_add_test(tc, a_street_without_entry_is_a_mention_at_its_town);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(facility_suite());
}

/* Incident roles on short reports written for these tests (our own words), one test per mechanism
 * of issue 10: country- and region-level launches from every common phrasing, the attacking state
 * as launch, borders, lists, background sentences, distance references, metonyms and namesakes far
 * from the report. Runs on the fixture gazetteer (tests/fixtures/unit-gazetteer). */
#include "default_gz.h"
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The border feature of incident ID joins countries A and B (either order). */
static void expect_border(const incmap_incidents *inc, int id, const char *a, const char *b)
{
    const incmap_feature *f = role_of(inc, id, INCMAP_ROLE_BORDER);
    ck_assert_msg(f != NULL, "incident %d has no border", id);
    char ab[32], ba[32];
    snprintf(ab, sizeof ab, "border:%s-%s", a, b);
    snprintf(ba, sizeof ba, "border:%s-%s", b, a);
    ck_assert_msg(strcmp(f->gazetteer_id, ab) == 0 || strcmp(f->gazetteer_id, ba) == 0,
                  "border %s, wanted %s", f->gazetteer_id, ab);
}

static const char *const launch_phrasings[] = {
    "Rockets fired from Syria by militants on Monday were aimed at Kilis.",
    "The rockets appeared to have come from Syria and landed in Kilis on Monday.",
    "Two rockets crossed from Syria towards Kilis on Monday.",
    "The mortar bombs originated in Syria and hit Kilis on Monday.",
    "Mortar shells were fired from the direction of Syria at Kilis on Monday.",
    "Rockets fired from across the border in Syria hit Kilis on Monday.",
    "A house in Kilis was hit on Monday by a rocket launched from Syria.",
};

/* Every common phrasing of a country-level launch: Syria is the launch, an area with precision 3,
 * Kilis the target, and the Syria-Turkey border is drawn. */
START_TEST(country_launch_from_every_phrasing)
{
    const char *text = launch_phrasings[_i];
    incmap_incidents *inc = run_text(text, "2024-03-13");
    const incmap_feature *l = role_of(inc, 1, INCMAP_ROLE_LAUNCH);
    ck_assert_msg(l != NULL, "no launch in: %s", text);
    ck_assert_str_eq(l->country, "SY");
    ck_assert_int_eq(l->precision, 3);
    ck_assert(l->geom->type == INCMAP_GEOM_POLYGON || l->geom->type == INCMAP_GEOM_MULTIPOLYGON);
    expect(inc, 1, INCMAP_ROLE_TARGET, "Kilis", "TR");
    expect_border(inc, 1, "SY", "TR");
    incmap_incidents_destroy(inc);
}
END_TEST

/* "Turkey fired artillery shells at Tal Abyad": the state that fires is the launch; a nationality
 * alone ("a suspected Turkish drone") is not. */
START_TEST(attacking_state_is_the_launch)
{
    incmap_incidents *inc = run_text(
        "Turkey fired artillery shells at Tal Abyad on Monday, wounding two.", "2024-03-13");
    const incmap_feature *l = expect(inc, 1, INCMAP_ROLE_LAUNCH, "Turkey", "TR");
    ck_assert_int_eq(l->precision, 3);
    expect(inc, 1, INCMAP_ROLE_TARGET, "Tal Abyad", "SY");
    expect_border(inc, 1, "TR", "SY");
    incmap_incidents_destroy(inc);
    inc = run_text("Turkish forces shelled Tal Abyad on Monday.", "2024-03-13");
    expect(inc, 1, INCMAP_ROLE_LAUNCH, "Turkish", "TR");
    incmap_incidents_destroy(inc);
    inc = run_text("A suspected Turkish drone struck a car in Qamishli on Monday.", "2024-03-13");
    expect(inc, 1, INCMAP_ROLE_TARGET, "Qamishli", "SY");
    ck_assert_ptr_null(role_of(inc, 1, INCMAP_ROLE_LAUNCH));
    ck_assert_ptr_null(role_of(inc, 1, INCMAP_ROLE_BORDER));
    incmap_incidents_destroy(inc);
}
END_TEST

/* "entered Syria from Iraq": a crossing gives the launch country and the border crossed. */
START_TEST(crossing_gives_the_transit_border)
{
    incmap_incidents *inc = run_text(
        "Gunmen crossed from Iraq into Syria on Monday and attacked a checkpoint near Al Hasakah.",
        "2024-03-13");
    expect(inc, 1, INCMAP_ROLE_LAUNCH, "Iraq", "IQ");
    expect_border(inc, 1, "IQ", "SY");
    incmap_incidents_destroy(inc);
}
END_TEST

/* Lists: every place named in the list gets the role, not only the first. */
START_TEST(every_place_of_a_list)
{
    incmap_incidents *inc =
        run_text("Artillery shelled Tal Afar, Sinjar and Sinuni on Monday.", "2024-03-13");
    expect(inc, 1, INCMAP_ROLE_TARGET, "Tal Afar", "IQ");
    ck_assert_ptr_nonnull(site_with_text(inc, 1, "Sinjar"));
    ck_assert_ptr_nonnull(site_with_text(inc, 1, "Sinuni"));
    ck_assert_uint_eq(incmap_incidents_count(inc), 1);
    incmap_incidents_destroy(inc);
    inc = run_text("Drones hit several villages on Monday, among them Sinjar, Sinuni and Tal Kayf.",
                   "2024-03-13");
    ck_assert_ptr_nonnull(site_with_text(inc, 1, "Sinjar"));
    ck_assert_ptr_nonnull(site_with_text(inc, 1, "Sinuni"));
    ck_assert_ptr_nonnull(site_with_text(inc, 1, "Tal Kayf"));
    incmap_incidents_destroy(inc);
    inc = run_text("Rockets struck Mosul on Monday, and Tal Kayf and Tal Afar were also hit.",
                   "2024-03-13");
    ck_assert_ptr_nonnull(site_with_text(inc, 1, "Tal Kayf"));
    ck_assert_ptr_nonnull(site_with_text(inc, 1, "Tal Afar"));
    incmap_incidents_destroy(inc);
}
END_TEST

/* Sentences about other times give no roles; a dated earlier strike of the same days is its own
 * incident. */
START_TEST(background_is_not_an_incident)
{
    incmap_incidents *inc = run_text(
        "A rocket hit Kirkuk on Monday, wounding two guards. In January 2020 a drone strike killed "
        "a commander near Baghdad. Last year rockets also hit Erbil. The attack came weeks after a "
        "bombing in Tikrit, and militants have targeted the area since the war in Mosul ended. "
        "A day earlier, on Sunday, an explosion hit a market in Basra.",
        "2024-03-13");
    expect(inc, 1, INCMAP_ROLE_TARGET, "Kirkuk", "IQ");
    ck_assert(only_mention(inc, "Baghdad"));
    ck_assert(only_mention(inc, "Erbil"));
    ck_assert(only_mention(inc, "Tikrit"));
    ck_assert(only_mention(inc, "Mosul"));
    const incmap_feature *b = expect(inc, 2, INCMAP_ROLE_SITE, "Basra", "IQ");
    ck_assert_str_eq(b->date, "2024-03-10");
    incmap_incidents_destroy(inc);
}
END_TEST

/* Distance references and where the wounded were taken locate things; they are not sites. */
START_TEST(distance_references_are_not_sites)
{
    incmap_incidents *inc = run_text(
        "A drone struck a convoy in Sinuni, about 40 km north-west of Tal Afar, on Monday. The "
        "wounded were taken to hospital in Mosul, some 120 km from Sinuni.",
        "2024-03-13");
    const incmap_feature *t = role_of(inc, 1, INCMAP_ROLE_TARGET);
    if (t == NULL) {
        t = role_of(inc, 1, INCMAP_ROLE_SITE);
    }
    ck_assert_ptr_nonnull(t);
    ck_assert_str_eq(t->text, "Sinuni");
    ck_assert(only_mention(inc, "Tal Afar"));
    ck_assert(only_mention(inc, "Mosul"));
    incmap_incidents_destroy(inc);
}
END_TEST

/* A capital standing for its government, a person from a town, a summit venue: no roles. */
START_TEST(metonyms_and_people_are_not_places_of_the_attack)
{
    incmap_incidents *inc = run_text(
        "A rocket struck a depot in Qamishli on Monday, and Damascus said the attack came from "
        "the north. Among the dead was a driver from Aleppo. The attack was blamed on Ankara on "
        "the eve of a summit in Amman.",
        "2024-03-13");
    expect(inc, 1, INCMAP_ROLE_TARGET, "Qamishli", "SY");
    ck_assert(only_mention(inc, "Damascus"));
    ck_assert(only_mention(inc, "Aleppo"));
    ck_assert(only_mention(inc, "Ankara"));
    ck_assert(only_mention(inc, "Amman"));
    ck_assert_ptr_null(role_of(inc, 1, INCMAP_ROLE_LAUNCH));
    incmap_incidents_destroy(inc);
}
END_TEST

/* "50 nautical miles north of Tripoli": a computed point at sea with its uncertainty. */
START_TEST(nautical_miles_give_a_computed_point)
{
    incmap_incidents *inc = run_text(
        "A drone hit a tanker about 50 nautical miles north of Misrata on Monday.", "2024-03-13");
    const incmap_feature *t = expect(inc, 1, INCMAP_ROLE_TARGET, "Misrata", "LY");
    ck_assert_str_eq(t->qualifier, "50 nautical miles north");
    ck_assert_int_eq(t->geom->type, INCMAP_GEOM_POINT);
    /* 92.6 km north of Misrata (32.38 N): about 0.83 degrees */
    ck_assert_double_gt(t->geom->xy[1], 33.1);
    ck_assert_double_lt(t->geom->xy[1], 33.3);
    ck_assert_int_eq(t->precision, 2);
    ck_assert_double_gt(t->uncertainty_km, 20.0);
    incmap_incidents_destroy(inc);
}
END_TEST

/* Context beats fame: a namesake across the world gets no role in a report about Iraq. */
START_TEST(namesake_far_from_the_report_gets_no_role)
{
    incmap_incidents *inc = run_text("Kurdish officials in Erbil said a drone strike hit a farm "
                                     "near Sydney on Wednesday, wounding two shepherds.",
                                     "2024-03-13");
    ck_assert(only_mention(inc, "Sydney"));
    incmap_incidents_destroy(inc);
}
END_TEST

/* "may have crossed from X": a guessed infiltration route, not the launch; a crossing the text
 * states is one (crossing_gives_the_transit_border). */
START_TEST(a_guessed_route_is_no_launch)
{
    incmap_incidents *inc =
        run_text("Gunmen attacked a checkpoint near Kilis on Monday, killing two "
                 "guards. Officials said the attackers may have crossed from "
                 "Syria.",
                 "2024-03-13");
    ck_assert_ptr_null(role_of(inc, 1, INCMAP_ROLE_LAUNCH));
    incmap_incidents_destroy(inc);
}
END_TEST

/* "near Al Hasakah, close to the Turkish border": a border that only says where a place lies is
 * not crossed; it is when the report fires from the country it names. */
START_TEST(a_border_nearby_is_crossed_only_by_fire)
{
    incmap_incidents *inc =
        run_text("A drone struck a depot near Qamishli, close to the Turkish border, on Monday.",
                 "2024-03-13");
    expect(inc, 1, INCMAP_ROLE_TARGET, "Qamishli", "SY");
    ck_assert_ptr_null(role_of(inc, 1, INCMAP_ROLE_BORDER));
    incmap_incidents_destroy(inc);
    inc = run_text("Shells fired from Turkey hit Tal Abyad on Monday. On Tuesday a drone struck a "
                   "depot near Qamishli, close to the Turkish border.",
                   "2024-03-13");
    expect(inc, 1, INCMAP_ROLE_LAUNCH, "Turkey", "TR");
    expect_border(inc, 2, "TR", "SY");
    incmap_incidents_destroy(inc);
}
END_TEST

/* "Deir ez-Zor", "es-Suwayda": the Levantine spellings of the Arabic article keep a name whole. */
START_TEST(levantine_article_inside_a_name)
{
    incmap_incidents *inc = run_text(
        "Air strikes hit a weapons depot inside the city of Deir ez-Zor on Friday.", "2024-03-13");
    expect(inc, 1, INCMAP_ROLE_TARGET, "Deir ez-Zor", "SY");
    incmap_incidents_destroy(inc);
}
END_TEST

/* "released by Turkish jets that stay inside Turkish airspace": an airspace in a clause about
 * aircraft is the launch (a country, precision 3), also in a later sentence about the same
 * attack; the border is drawn. */
START_TEST(airspace_is_a_launch)
{
    incmap_incidents *inc = run_text(
        "Two bombs hit a market in Qamishli on Monday, killing four. Officials say the bombs were "
        "released by Turkish jets that stayed inside Turkish airspace.",
        "2024-03-13");
    const incmap_feature *l = expect(inc, 1, INCMAP_ROLE_LAUNCH, "Turkish", "TR");
    ck_assert_int_eq(l->precision, 3);
    expect(inc, 1, INCMAP_ROLE_TARGET, "Qamishli", "SY");
    expect_border(inc, 1, "TR", "SY");
    incmap_incidents_destroy(inc);
}
END_TEST

/* "in Tell Abyad, close to the Turkish border": a frontier is no vote against the country on its
 * other side, so a town known there by another spelling is not dropped as foreign to the report. */
START_TEST(a_frontier_does_not_outvote_the_other_side)
{
    incmap_incidents *inc = run_text("A roadside bomb hit a patrol vehicle in Tell Abyad, close to "
                                     "the Turkish border, on Monday.",
                                     "2024-03-13");
    ck_assert_ptr_nonnull(site_with_text(inc, 1, "Tell Abyad"));
    ck_assert_ptr_null(role_of(inc, 1, INCMAP_ROLE_BORDER));
    incmap_incidents_destroy(inc);
}
END_TEST

/* "Such bombs are dropped by Turkish aircraft that never leave Turkish airspace": a sentence that
 * names no new event still gives the attack before it its launch. */
START_TEST(airspace_in_a_follow_up_sentence)
{
    incmap_incidents *inc = run_text("Two bombs hit a market in Qamishli on Monday, killing four. "
                                     "Such bombs are dropped by Turkish aircraft that never leave "
                                     "Turkish airspace.",
                                     "2024-03-13");
    expect(inc, 1, INCMAP_ROLE_LAUNCH, "Turkish", "TR");
    expect_border(inc, 1, "TR", "SY");
    incmap_incidents_destroy(inc);
}
END_TEST

/* "the Syrian capital", "Iraq's capital": the country's capital city is the place struck, not
 * somewhere in the country; a capital named right after ("the Syrian capital Damascus") is that
 * name's mention, and the demonym stays the country. */
START_TEST(the_countrys_capital_is_its_capital_city)
{
    incmap_incidents *inc =
        run_text("An air strike destroyed a government building in the Syrian capital on Monday.",
                 "2024-03-13");
    const incmap_feature *f = site_with_text(inc, 1, "capital");
    ck_assert_msg(f != NULL, "no site or target for 'the Syrian capital'");
    ck_assert_str_eq(f->name, "Damascus");
    ck_assert_int_eq(f->precision, 1);
    incmap_incidents_destroy(inc);
    inc = run_text("A car bomb exploded near a police station in Iraq's capital on Monday.",
                   "2024-03-13");
    f = site_with_text(inc, 1, "capital");
    ck_assert_msg(f != NULL, "no site or target for 'Iraq's capital'");
    ck_assert_str_eq(f->name, "Baghdad");
    incmap_incidents_destroy(inc);
    inc = run_text("A car bomb exploded in the Syrian capital Damascus on Monday.", "2024-03-13");
    ck_assert_ptr_null(site_with_text(inc, 1, "capital"));
    incmap_incidents_destroy(inc);
}
END_TEST

/* A lede about the aftermath ("schools were closed on Sunday, a day after a car bomb killed five
 * in Qamishli"): the "a day after" clause is the report's event, not background. When the main
 * clause reports an event of its own, the clause stays background. */
START_TEST(a_day_after_clause_is_the_event_of_an_aftermath_lede)
{
    incmap_incidents *inc = run_text("Authorities said on Sunday they would close all schools for "
                                     "a week, a day after a car bomb killed five people in "
                                     "Qamishli.",
                                     "2024-03-17");
    ck_assert_msg(site_with_text(inc, 1, "Qamishli") != NULL,
                  "the car bomb in Qamishli is not the report's incident");
    incmap_incidents_destroy(inc);
    inc = run_text("Turkey shelled Tal Abyad on Sunday, a day after a car bomb killed five people "
                   "in Qamishli.",
                   "2024-03-17");
    expect(inc, 1, INCMAP_ROLE_TARGET, "Tal Abyad", "SY");
    ck_assert_ptr_null(site_with_text(inc, 1, "Qamishli"));
    incmap_incidents_destroy(inc);
}
END_TEST

static Suite *roles_suite(void)
{
    Suite *s = suite_create("extract_roles");
    TCase *tc = tcase_create("roles");
    tcase_add_checked_fixture(tc, open_gazetteer, close_gazetteer);
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, country_launch_from_every_phrasing, 0,
                        (int)(sizeof launch_phrasings / sizeof launch_phrasings[0]));
    tcase_add_test(tc, attacking_state_is_the_launch);
    tcase_add_test(tc, crossing_gives_the_transit_border);
    tcase_add_test(tc, every_place_of_a_list);
    tcase_add_test(tc, background_is_not_an_incident);
    tcase_add_test(tc, distance_references_are_not_sites);
    tcase_add_test(tc, metonyms_and_people_are_not_places_of_the_attack);
    tcase_add_test(tc, nautical_miles_give_a_computed_point);
    tcase_add_test(tc, namesake_far_from_the_report_gets_no_role);
    tcase_add_test(tc, a_guessed_route_is_no_launch);
    tcase_add_test(tc, a_border_nearby_is_crossed_only_by_fire);
    tcase_add_test(tc, levantine_article_inside_a_name);
    tcase_add_test(tc, airspace_is_a_launch);
    tcase_add_test(tc, a_frontier_does_not_outvote_the_other_side);
    tcase_add_test(tc, airspace_in_a_follow_up_sentence);
    tcase_add_test(tc, the_countrys_capital_is_its_capital_city);
    tcase_add_test(tc, a_day_after_clause_is_the_event_of_an_aftermath_lede);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(roles_suite());
}

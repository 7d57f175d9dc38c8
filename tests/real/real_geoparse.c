/* The geoparser on the real default gazetteer: what only the downloaded data can show (namesakes
 * across the world, Natural Earth polygons and borders of countries and provinces the fixture
 * gazetteer of the unit suites lacks). The same fixture reports and helpers as test_extract and
 * test_extract_cues; a real-data suite, run by ctest on $INCMAP_DEFAULT_GAZETTEER and failing with
 * one line saying so when it is missing. */
#include "core/core.h"
#include "default_gz.h"
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

START_TEST(region_launch_across_a_border)
{
    incmap_incidents *inc =
        extract_file(fixture_path("reports/lebanon-israel-rockets.txt"), "2024-03-09");
    const incmap_feature *l = role_of(inc, 1, INCMAP_ROLE_LAUNCH),
                         *t = role_of(inc, 1, INCMAP_ROLE_TARGET),
                         *b = role_of(inc, 1, INCMAP_ROLE_BORDER);
    ck_assert(l != NULL && t != NULL && b != NULL);
    ck_assert_str_eq(l->event_type, "rocket attack");
    ck_assert_str_eq(l->date, "2024-03-08");
    ck_assert_str_eq(l->text, "southern Lebanon");
    ck_assert_str_eq(l->country, "LB");
    ck_assert_int_eq(l->precision, 3);
    ck_assert(l->geom->type == INCMAP_GEOM_POLYGON || l->geom->type == INCMAP_GEOM_MULTIPOLYGON);
    /* the south of Lebanon holds Tyre and not Tripoli in the north */
    ck_assert(incmap_geom_contains(l->geom, (incmap_lonlat){35.25, 33.30}));
    ck_assert(!incmap_geom_contains(l->geom, (incmap_lonlat){35.84, 34.43}));
    ck_assert_str_eq(t->country, "IL");
    ck_assert_int_eq(t->precision, 1);
    ck_assert_str_eq(b->gazetteer_id, "border:LB-IL");
    /* a second incident: the drone strike in Nabatieh, two killed */
    const incmap_feature *d = role_of(inc, 2, INCMAP_ROLE_TARGET);
    if (d == NULL) {
        d = role_of(inc, 2, INCMAP_ROLE_SITE);
    }
    ck_assert_ptr_nonnull(d);
    ck_assert_str_eq(d->country, "LB");
    ck_assert_str_eq(d->event_type, "drone attack");
    ck_assert_int_eq(d->fatalities, 2);
    ck_assert(only_mention(inc, "New York"));
    ck_assert(only_mention(inc, "Israeli"));
    incmap_incidents_destroy(inc);
}
END_TEST

START_TEST(aimed_at_and_over_is_no_target)
{
    incmap_incidents *inc = run_file("reports/cue-aimed-at.txt", "2024-03-09");
    expect(inc, 1, INCMAP_ROLE_LAUNCH, "Sanaa", "YE");
    const incmap_feature *t = expect(inc, 1, INCMAP_ROLE_TARGET, "Eilat", "IL");
    ck_assert_str_eq(t->event_type, "missile strike");
    ck_assert(isfinite(t->distance_km) && t->distance_km > 1500 && t->distance_km < 2100);
    ck_assert(only_mention(inc, "Red Sea")); /* "intercepted over": where, not what */
    ck_assert_uint_eq(incmap_incidents_count(inc), 1);
    incmap_incidents_destroy(inc);
}
END_TEST

START_TEST(inline_cues)
{
    static const struct {
        const char *text;
        const char *launch, *target;
    } cases[] = {
        {"On Friday militants fired rockets from Rafah towards Ashkelon.", "Rafah", "Ashkelon"},
        {"Two drones launched from Sumy region were directed at Kursk on Friday.", "Sumy", "Kursk"},
        {"A drone originating from Lebanon crashed into a building in Haifa on Friday.", "Lebanon",
         "Haifa"},
        {"Militants fired mortars at Samarra from inside Tikrit on Friday.", "Tikrit", "Samarra"},
        {"On Friday a rocket fired from Gaza landed in Sderot.", "Gaza", "Sderot"},
        {"Strikes on Khan Younis were launched from Israel on Friday.", "Israel", "Khan Younis"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        incmap_incidents *inc = run_text(cases[i].text, "2024-03-09");
        const incmap_feature *l = role_of(inc, 1, INCMAP_ROLE_LAUNCH),
                             *t = role_of(inc, 1, INCMAP_ROLE_TARGET);
        ck_assert_msg(l != NULL && strcmp(l->text, cases[i].launch) == 0, "launch of '%s': %s",
                      cases[i].text, l != NULL ? l->text : "none");
        ck_assert_msg(t != NULL && strcmp(t->text, cases[i].target) == 0, "target of '%s': %s",
                      cases[i].text, t != NULL ? t->text : "none");
        ck_assert_str_eq(l->date, "2024-03-08");
        incmap_incidents_destroy(inc);
    }
    /* the speaker's city is not where it happened */
    incmap_incidents *inc =
        run_text("Officials in Kyiv said a missile struck Odesa on Friday.", "2024-03-09");
    expect(inc, 1, INCMAP_ROLE_TARGET, "Odesa", "UA");
    ck_assert(only_mention(inc, "Kyiv"));
    incmap_incidents_destroy(inc);
}
END_TEST

START_TEST(wire_report_possessive_region)
{
    incmap_incidents *inc = run_file("reports/wire-belgorod-drones.txt", "2024-05-12");
    /* "Russia's Belgorod region": the region, not the country */
    const incmap_feature *t = expect(inc, 1, INCMAP_ROLE_TARGET, "Belgorod", "RU");
    ck_assert_int_eq(t->kind, INCMAP_KIND_ADMIN1);
    ck_assert(incmap_geom_contains(t->geom, (incmap_lonlat){36.59, 50.60})); /* Belgorod city */
    const incmap_feature *l = expect(inc, 1, INCMAP_ROLE_LAUNCH, "Kharkiv", "UA");
    ck_assert_int_eq(l->precision, 3);
    ck_assert_str_eq(role_of(inc, 1, INCMAP_ROLE_BORDER)->gazetteer_id, "border:UA-RU");
    ck_assert_int_eq(t->injured, 2);
    ck_assert(only_mention(inc, "Russia") && only_mention(inc, "Kyiv") &&
              only_mention(inc, "MOSCOW"));
    ck_assert_uint_eq(incmap_incidents_count(inc), 1);
    incmap_incidents_destroy(inc);
}
END_TEST

START_TEST(yemen_launch_and_strikes_a_day_earlier)
{
    incmap_incidents *inc = run_file("reports/yemen-red-sea-drone.txt", "2024-03-09");
    const incmap_feature *l = expect(inc, 1, INCMAP_ROLE_LAUNCH, "Hodeidah", "YE");
    ck_assert_str_eq(l->event_type, "drone attack");
    ck_assert_str_eq(l->date, "2024-03-08");
    /* "carried out strikes on targets in Saada" is an event of its own */
    const incmap_feature *s = expect(inc, 2, INCMAP_ROLE_TARGET, "Saada", "YE");
    ck_assert_str_eq(s->date, "2024-03-07");
    ck_assert(only_mention(inc, "US") && only_mention(inc, "British"));
    incmap_incidents_destroy(inc);
}
END_TEST

START_TEST(places_in_offices_and_org_names)
{
    incmap_incidents *inc = run_text(
        "The Governor of Sokoto State met the Crown Prince of Dubai. Barry, who was from Dewsbury "
        "said it was sad. The Beverly Hills Police Department said nothing.",
        NULL);
    const incmap_feature *s = by_text(inc, 0, "Sokoto State"), *d = by_text(inc, 0, "Dubai"),
                         *w = by_text(inc, 0, "Dewsbury"), *b = by_text(inc, 0, "Beverly Hills");
    ck_assert(s != NULL && d != NULL && w != NULL && b != NULL);
    ck_assert_str_eq(s->country, "NG");
    ck_assert_str_eq(d->country, "AE");
    ck_assert_str_eq(w->country, "GB");
    ck_assert_str_eq(b->country, "US");
    incmap_incidents_destroy(inc);
}
END_TEST

/* Split from test_extract_cues' districts_borders_and_abbreviations: US states are admin-1
 * polygons of the real Natural Earth data. */
START_TEST(state_after_a_comma)
{
    /* a state after a comma: the town in that state, the state as an area */
    incmap_incidents *inc =
        run_text("She moved to Tacoma, Washington, then to Paris, Texas, and Salem, OR.", NULL);
    const incmap_feature *t = by_text(inc, 0, "Tacoma"), *p = by_text(inc, 0, "Paris"),
                         *o = by_text(inc, 0, "OR"), *w = by_text(inc, 0, "Washington");
    ck_assert(t != NULL && p != NULL && o != NULL && w != NULL);
    ck_assert_str_eq(t->admin1, "Washington");
    ck_assert_str_eq(p->admin1, "Texas");
    ck_assert_int_eq(w->kind, INCMAP_KIND_ADMIN1);
    ck_assert_str_eq(o->name, "Oregon");
    incmap_incidents_destroy(inc);
}
END_TEST

/* "across the Line of Control": the border of the two countries the line divides, with the
 * words as written; no town called Line. */
START_TEST(named_line_is_the_border)
{
    const char *text = "Pakistani troops fired mortars across the Line of Control at Indian posts "
                       "near Poonch on Tuesday, wounding two soldiers.";
    incmap_extract_opts o = incmap_extract_opts_default();
    o.pub_date = "2024-05-01";
    incmap_incidents *inc = incmap_extract(gz, gctx, text, strlen(text), &o);
    ck_assert_ptr_nonnull(inc);
    const incmap_feature *b = role_of(inc, 1, INCMAP_ROLE_BORDER);
    ck_assert_ptr_nonnull(b);
    ck_assert(strcmp(b->gazetteer_id, "border:PK-IN") == 0 ||
              strcmp(b->gazetteer_id, "border:IN-PK") == 0);
    ck_assert_str_eq(b->text, "Line of Control");
    ck_assert(by_text(inc, 0, "Line") == NULL);
    incmap_incidents_destroy(inc);
}
END_TEST

/* A name the gazetteer lacks ("Ras Isa") whose last word is read twice as namesakes on another
 * continent (Mount Isa's airport and town, Australia): the two readings do not vouch for each
 * other, so neither becomes the target of a strike on Yemen's coast. */
START_TEST(a_namesake_does_not_vouch_for_itself)
{
    incmap_incidents *inc = run_text(
        "Air strikes on the Ras Isa fuel port on Yemen's Red Sea coast killed 30 people on "
        "Thursday. Ras Isa, on the coast north of the city of Hodeidah, holds fuel tanks.",
        "2025-04-18");
    for (size_t i = 0; i < incmap_incidents_feature_count(inc); i++) {
        const incmap_feature *f = incmap_incidents_feature(inc, i);
        ck_assert_msg(f->role == INCMAP_ROLE_MENTION || strcmp(f->country, "AU") != 0,
                      "%s in Australia has a role", f->name);
    }
    incmap_incidents_destroy(inc);
}
END_TEST

/* A country fits a report about a town of a country it borders, however far its inner point
 * lies (Russia's is in Siberia): Russia is the launch, Kharkiv keeps its role. */
START_TEST(a_bordering_country_fits_the_report)
{
    incmap_incidents *inc = run_text(
        "Two bombs hit a store in Kharkiv on Saturday. Officials say the bombs are released by "
        "Russian jets that stay inside Russian airspace.",
        "2024-05-27");
    expect(inc, 1, INCMAP_ROLE_LAUNCH, "Russian", "RU");
    expect(inc, 1, INCMAP_ROLE_TARGET, "Kharkiv", "UA");
    incmap_incidents_destroy(inc);
}
END_TEST

/* An area whose own name holds an organisation word ("Bank") is that area, and the organisation
 * word still makes other names organisations ("World Bank", "Central Bank"). */
START_TEST(an_area_named_with_an_organisation_word)
{
    incmap_incidents *inc = run_text(
        "Soldiers shot a man near Nablus in the occupied West Bank on Tuesday, medics said. The "
        "World Bank and the Central Bank of Egypt said nothing.",
        "2024-03-05");
    const incmap_feature *f = by_text(inc, 0, "West Bank");
    if (f == NULL) {
        f = by_text(inc, 1, "West Bank");
    }
    ck_assert_msg(f != NULL, "no feature written 'West Bank'");
    ck_assert_str_eq(f->country, "PS");
    ck_assert_ptr_null(by_text(inc, 0, "World Bank"));
    ck_assert_ptr_null(by_text(inc, 0, "Central Bank"));
    incmap_incidents_destroy(inc);
}
END_TEST

/* A capital reached by one of its other names does not beat a city of that very name: Dili lists
 * "Delhi" among its names, and Delhi has 11 million people. An old name of a capital still finds
 * it when nothing bigger has the name ("Kiev"). */
START_TEST(a_capital_by_another_name_does_not_beat_the_city_of_that_name)
{
    incmap_incidents *inc = run_text("Farmers marched on Delhi on Monday.", "2024-03-05");
    const incmap_feature *f = by_text(inc, 0, "Delhi");
    ck_assert_msg(f != NULL, "no mention written 'Delhi'");
    ck_assert_str_eq(f->country, "IN");
    incmap_incidents_destroy(inc);
    inc = run_text("Officials in Kiev said on Monday that talks would go on.", "2024-03-05");
    f = by_text(inc, 0, "Kiev");
    ck_assert_msg(f != NULL, "no mention written 'Kiev'");
    ck_assert_str_eq(f->country, "UA");
    incmap_incidents_destroy(inc);
}
END_TEST

int main(void)
{
    if (real_gazetteer_missing()) {
        return 1;
    }
    Suite *s = suite_create("real_geoparse");
    TCase *tc = tcase_create("reports");
    tcase_add_checked_fixture(tc, open_gazetteer, close_gazetteer);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, region_launch_across_a_border);
    tcase_add_test(tc, aimed_at_and_over_is_no_target);
    tcase_add_test(tc, inline_cues);
    tcase_add_test(tc, wire_report_possessive_region);
    tcase_add_test(tc, yemen_launch_and_strikes_a_day_earlier);
    tcase_add_test(tc, places_in_offices_and_org_names);
    tcase_add_test(tc, state_after_a_comma);
    tcase_add_test(tc, named_line_is_the_border);
    tcase_add_test(tc, a_namesake_does_not_vouch_for_itself);
    tcase_add_test(tc, a_bordering_country_fits_the_report);
    tcase_add_test(tc, an_area_named_with_an_organisation_word);
    tcase_add_test(tc, a_capital_by_another_name_does_not_beat_the_city_of_that_name);
    suite_add_tcase(s, tc);
    return run_suite(s);
}

/* Role cues, dates and place evidence of the geoparser on fixture reports written for them (our
 * own words, tests/fixtures/reports/cue-*.txt and the styled reports) and on short inline texts:
 * every cue the issue names for launch and target, relative dates, "X district of Y", possessive
 * regions, people named like places and apposed offsets. Runs on the fixture gazetteer
 * (tests/fixtures/unit-gazetteer); what needs the real data is in tests/real/real_geoparse.c. */
#include "core/core.h"
#include "default_gz.h"
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool any_text(const incmap_incidents *inc, const char *text)
{
    for (size_t i = 0; i < incmap_incidents_feature_count(inc); i++) {
        const incmap_feature *f = incmap_incidents_feature(inc, i);
        if (f->text != NULL && strcmp(f->text, text) == 0) {
            return true;
        }
    }
    return false;
}

START_TEST(example_report_in_our_words)
{
    const char *src = getenv("INCMAP_SOURCE_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/maps/example-report.txt", src != NULL ? src : ".");
    char *text = NULL;
    size_t len = 0;
    if (incmap_read_file(gctx, path, INCMAP_TEXT_MAX_BYTES, &text, &len) != INCMAP_OK) {
        return; /* run outside the source tree */
    }
    incmap_extract_opts o = incmap_extract_opts_default();
    o.pub_date = "2024-04-22";
    incmap_incidents *inc = incmap_extract(gz, gctx, text, len, &o);
    free(text);
    ck_assert_ptr_nonnull(inc);
    /* "launched from the town of Zummar in Iraq in the direction of a U.S. base in northeastern
     * Syria": the direction cue makes the area the target, not a site */
    expect(inc, 1, INCMAP_ROLE_LAUNCH, "Zummar", "IQ");
    const incmap_feature *t = expect(inc, 1, INCMAP_ROLE_TARGET, "northeastern Syria", "SY");
    ck_assert(incmap_geom_contains(t->geom, (incmap_lonlat){40.75, 36.50}));
    ck_assert_ptr_null(role_of(inc, 1, INCMAP_ROLE_SITE));
    ck_assert_str_eq(role_of(inc, 1, INCMAP_ROLE_BORDER)->gazetteer_id, "border:IQ-SY");
    /* "A day earlier, on Saturday": the weekday, not the span from Monday's statement */
    const incmap_feature *s = role_of(inc, 2, INCMAP_ROLE_SITE);
    ck_assert_ptr_nonnull(s);
    ck_assert_str_eq(s->date, "2024-04-20");
    ck_assert_str_eq(s->admin1, "Babil");
    ck_assert(only_mention(inc, "Middle East") && only_mention(inc, "United States"));
    incmap_incidents_destroy(inc);
}
END_TEST

START_TEST(direction_of_and_village_of)
{
    incmap_incidents *inc = run_file("reports/cue-direction-of.txt", "2024-03-09");
    const incmap_feature *l = expect(inc, 1, INCMAP_ROLE_LAUNCH, "Tal Afar", "IQ");
    expect(inc, 1, INCMAP_ROLE_TARGET, "Sinjar", "IQ");
    ck_assert_str_eq(l->event_type, "rocket attack");
    ck_assert_str_eq(l->date, "2024-03-07"); /* Thursday before Saturday 9 March */
    incmap_incidents_destroy(inc);
}
END_TEST

START_TEST(attack_on_and_took_off_from)
{
    incmap_incidents *inc = run_file("reports/cue-attack-on.txt", "2024-03-09");
    /* "Erbil airport": the airport entry (geoparse/facility.c), not the town */
    const incmap_feature *t = expect(inc, 1, INCMAP_ROLE_TARGET, "Erbil airport", "IQ");
    ck_assert_str_eq(t->name, "Erbil International Airport");
    ck_assert_str_eq(t->event_type, "drone attack");
    ck_assert_str_eq(t->date, "2024-03-09");
    /* the next sentence: "the aircraft took off from Nineveh province" */
    const incmap_feature *l = expect(inc, 1, INCMAP_ROLE_LAUNCH, "Nineveh", "IQ");
    ck_assert_int_eq(l->precision, 3);
    ck_assert_uint_eq(incmap_incidents_count(inc), 1);
    incmap_incidents_destroy(inc);
}
END_TEST

START_TEST(across_the_border_into_and_landed_in)
{
    incmap_incidents *inc = run_file("reports/cue-fired-into.txt", "2024-03-09");
    expect(inc, 1, INCMAP_ROLE_LAUNCH, "Tal Abyad", "SY");
    /* "Two shells landed in Akcakale, wounding three": the same attack, a sharper target */
    const incmap_feature *t = expect(inc, 1, INCMAP_ROLE_TARGET, "Akcakale", "TR");
    ck_assert_int_eq(t->precision, 1);
    ck_assert_int_eq(t->injured, 3);
    ck_assert_str_eq(t->event_type, "mortar attack");
    ck_assert_uint_eq(incmap_incidents_count(inc), 1);
    const incmap_feature *b = role_of(inc, 1, INCMAP_ROLE_BORDER);
    ck_assert_ptr_nonnull(b);
    ck_assert(strcmp(b->gazetteer_id, "border:SY-TR") == 0 ||
              strcmp(b->gazetteer_id, "border:TR-SY") == 0);
    incmap_incidents_destroy(inc);
}
END_TEST

START_TEST(brief_with_three_incidents_and_relative_dates)
{
    incmap_incidents *inc = run_file("reports/brief-three-incidents.txt", "2024-03-09");
    ck_assert_uint_eq(incmap_incidents_count(inc), 3);
    const incmap_feature *a = expect(inc, 1, INCMAP_ROLE_SITE, "Tikrit", "IQ");
    ck_assert_str_eq(a->event_type, "IED"); /* "improvised explosive device" */
    ck_assert_str_eq(a->date, "2024-03-04");
    ck_assert_str_eq(a->qualifier, "12 km north");
    ck_assert_double_gt(a->geom->xy[1], 34.65); /* Tikrit is at 34.61 N */
    ck_assert_int_eq(a->fatalities, 1);
    ck_assert_int_eq(a->injured, 2);
    /* "Two days later ... in the Hawija district of Kirkuk province" */
    const incmap_feature *b = expect(inc, 2, INCMAP_ROLE_SITE, "Hawija", "IQ");
    ck_assert_str_eq(b->date, "2024-03-06");
    ck_assert_str_eq(b->qualifier, "district");
    ck_assert_int_eq(b->precision, 2);
    ck_assert_str_eq(b->admin1, "Kirkuk");
    const incmap_feature *c = expect(inc, 3, INCMAP_ROLE_TARGET, "Sinjar", "IQ");
    ck_assert_str_eq(c->date, "2024-03-03"); /* "On March 3" */
    ck_assert_int_eq(c->fatalities, 3);
    ck_assert(only_mention(inc, "Baghdad") && only_mention(inc, "Ankara"));
    incmap_incidents_destroy(inc);
}
END_TEST

START_TEST(south_lebanon_and_a_person_named_jordan)
{
    incmap_incidents *inc = run_file("reports/south-lebanon-strike.txt", "2024-03-09");
    const incmap_feature *a = expect(inc, 1, INCMAP_ROLE_TARGET, "Bint Jbeil", "LB");
    ck_assert_int_eq(a->fatalities, 2);
    ck_assert_str_eq(a->date, "2024-03-06");
    const incmap_feature *b = expect(inc, 2, INCMAP_ROLE_TARGET, "Metula", "IL");
    ck_assert_str_eq(b->event_type, "rocket attack");
    ck_assert_str_eq(b->date, "2024-03-06"); /* "Hours later" */
    ck_assert(!any_text(inc, "Jordan"));     /* "Jordan Haddad, a shopkeeper" */
    const incmap_feature *saida = by_text(inc, 0, "Saida"), *sidon = by_text(inc, 0, "Sidon"),
                         *tyre = by_text(inc, 0, "Tyre");
    ck_assert(saida != NULL && sidon != NULL && tyre != NULL);
    ck_assert_str_eq(saida->gazetteer_id, sidon->gazetteer_id);
    ck_assert_str_eq(tyre->country, "LB");
    incmap_incidents_destroy(inc);
}
END_TEST

START_TEST(transliterated_city_name)
{
    incmap_incidents *inc = run_file("reports/arabic-translit-mosul.txt", "2024-03-09");
    const incmap_feature *s = expect(inc, 1, INCMAP_ROLE_SITE, "al-Mawsil", "IQ");
    const incmap_feature *m = by_text(inc, 0, "Mosul");
    ck_assert_ptr_nonnull(m);
    ck_assert_str_eq(s->gazetteer_id, m->gazetteer_id);
    ck_assert_str_eq(s->date, "2024-03-05");
    ck_assert_int_eq(s->injured, 5);
    incmap_incidents_destroy(inc);
}
END_TEST

START_TEST(near_el_fasher_and_an_apposed_offset)
{
    incmap_incidents *inc = run_file("reports/darfur-near-el-fasher.txt", "2024-03-09");
    const incmap_feature *a = expect(inc, 1, INCMAP_ROLE_TARGET, "El Fasher", "SD");
    ck_assert_str_eq(a->qualifier, "near");
    ck_assert_int_eq(a->precision, 2);
    ck_assert_int_eq(a->fatalities, 9);
    ck_assert_int_eq(a->injured, 20);
    /* "in Kutum, 80 km northwest of El Fasher": the offset only says where Kutum is */
    const incmap_feature *b = expect(inc, 2, INCMAP_ROLE_TARGET, "Kutum", "SD");
    ck_assert_int_eq(b->fatalities, 4);
    ck_assert_str_eq(b->date, "2024-03-02"); /* "Last week": publication minus seven days */
    ck_assert_ptr_null(by_text(inc, 2, "El Fasher"));
    ck_assert_uint_eq(incmap_incidents_count(inc), 2);
    incmap_incidents_destroy(inc);
}
END_TEST

START_TEST(relative_dates)
{
    static const struct {
        const char *text, *date;
    } cases[] = {
        {"A bomb exploded in Kirkuk three days ago.", "2024-03-06"},
        {"A bomb exploded in Kirkuk two weeks ago.", "2024-02-24"},
        {"A bomb exploded in Kirkuk last week.", "2024-03-02"},
        {"On March 1 talks ended. Two days later, a bomb exploded in Kirkuk.", "2024-03-03"},
        {"On March 1 talks ended. The next day a bomb exploded in Kirkuk.", "2024-03-02"},
        {"On March 5 talks ended. A week earlier, a bomb exploded in Kirkuk.", "2024-02-27"},
        /* "a week after the clashes" dates the clashes, not this event */
        {"On Tuesday a bomb exploded in Kirkuk a week after clashes in Hawija.", "2024-03-05"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        incmap_incidents *inc = run_text(cases[i].text, "2024-03-09");
        const incmap_feature *s = role_of(inc, 1, INCMAP_ROLE_SITE);
        ck_assert_msg(s != NULL, "no site in '%s'", cases[i].text);
        ck_assert_msg(s->date != NULL && strcmp(s->date, cases[i].date) == 0, "'%s': %s",
                      cases[i].text, s->date != NULL ? s->date : "null");
        incmap_incidents_destroy(inc);
    }
}
END_TEST

START_TEST(districts_borders_and_abbreviations)
{
    /* "the Mansour district of Baghdad": Baghdad (a part of it), never Mansourah in Algeria */
    incmap_incidents *inc =
        run_text("A car bomb exploded in the Mansour district of Baghdad on Monday.", "2024-03-09");
    const incmap_feature *s = expect(inc, 1, INCMAP_ROLE_SITE, "Baghdad", "IQ");
    ck_assert_str_eq(s->qualifier, "district");
    ck_assert_int_eq(s->precision, 2);
    ck_assert(!any_text(inc, "Mansour"));
    incmap_incidents_destroy(inc);
    /* "the Syrian border" seen from a launch place in Turkey is the Turkey-Syria line */
    inc =
        run_text("Turkish artillery fired from Kilis at villages near the Syrian border on Monday.",
                 "2024-03-09");
    expect(inc, 1, INCMAP_ROLE_LAUNCH, "Kilis", "TR");
    const incmap_feature *b = role_of(inc, 1, INCMAP_ROLE_BORDER);
    ck_assert_ptr_nonnull(b);
    ck_assert(strcmp(b->gazetteer_id, "border:TR-SY") == 0 ||
              strcmp(b->gazetteer_id, "border:SY-TR") == 0);
    incmap_incidents_destroy(inc);
    /* an adjective is no misspelt town ("Kurdish" is not Cornish, Maine) */
    inc = run_text("A drone struck a house in the Kurdish region on Monday, near Sulaymaniyah.",
                   "2024-03-09");
    for (size_t i = 0; i < incmap_incidents_feature_count(inc); i++) {
        ck_assert_str_ne(incmap_incidents_feature(inc, i)->country, "US");
    }
    incmap_incidents_destroy(inc);
}
END_TEST

/* A cue that is only data: "pounded" is a line of src/text/words/target_words.txt and nowhere in
 * the code; the place after it is the target. Adding a cue is that one line plus a test like this.
 */
START_TEST(data_only_cue_gives_the_target)
{
    incmap_incidents *inc = run_text("A drone strike pounded Kirkuk on Monday.", "2024-03-09");
    expect(inc, 1, INCMAP_ROLE_TARGET, "Kirkuk", "IQ");
    incmap_incidents_destroy(inc);
}
END_TEST

static Suite *cues_suite(void)
{
    Suite *s = suite_create("extract_cues");
    TCase *tc = tcase_create("reports");
    tcase_add_checked_fixture(tc, open_gazetteer, close_gazetteer);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, example_report_in_our_words);
    tcase_add_test(tc, direction_of_and_village_of);
    tcase_add_test(tc, attack_on_and_took_off_from);
    tcase_add_test(tc, across_the_border_into_and_landed_in);
    tcase_add_test(tc, brief_with_three_incidents_and_relative_dates);
    tcase_add_test(tc, south_lebanon_and_a_person_named_jordan);
    tcase_add_test(tc, transliterated_city_name);
    tcase_add_test(tc, near_el_fasher_and_an_apposed_offset);
    tcase_add_test(tc, relative_dates);
    tcase_add_test(tc, districts_borders_and_abbreviations);
    tcase_add_test(tc, data_only_cue_gives_the_target);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(cues_suite());
}

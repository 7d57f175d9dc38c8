/* How sentences make incidents, on short reports written for these tests (our own words): a
 * sentence that only says where the reported strike came from joins it, a later response by the
 * attacked state is no role of the report's incident, impact phrasings of a disaster make sites,
 * and the report's own dates (dateline, "said on Monday") are not the incident's. Runs on the
 * fixture gazetteer (tests/fixtures/unit-gazetteer). */
#include "default_gz.h"
#include "testutil.h"

#include <stdio.h>
#include <string.h>

/* "An air strike hit X. ... jets fired missiles from the direction of Y.": Y is the launch of
 * the strike on X, not a second incident with nothing hit. */
START_TEST(a_launch_sentence_joins_the_strike_it_explains)
{
    incmap_incidents *inc = run_text(
        "An air strike destroyed a warehouse in Qamishli on Monday, killing four guards. The "
        "ministry said Turkish aircraft fired missiles from the direction of Nusaybin.",
        "2024-03-12");
    expect(inc, 1, INCMAP_ROLE_LAUNCH, "Nusaybin", "TR");
    expect(inc, 1, INCMAP_ROLE_TARGET, "Qamishli", "SY");
    ck_assert_ptr_nonnull(role_of(inc, 1, INCMAP_ROLE_BORDER));
    ck_assert_ptr_null(role_of(inc, 2, INCMAP_ROLE_LAUNCH));
    incmap_incidents_destroy(inc);
    /* another event announced: its own incident */
    inc = run_text("An air strike destroyed a warehouse in Qamishli on Monday. Separately, "
                   "gunmen fired rockets from Nusaybin.",
                   "2024-03-12");
    ck_assert_ptr_null(role_of(inc, 1, INCMAP_ROLE_LAUNCH));
    incmap_incidents_destroy(inc);
    /* a country is not where fire on itself came from */
    inc = run_text("An air strike destroyed a warehouse in Qamishli on Monday. Officials said "
                   "missiles were also fired from Syria.",
                   "2024-03-12");
    ck_assert_ptr_null(role_of(inc, 1, INCMAP_ROLE_LAUNCH));
    incmap_incidents_destroy(inc);
}
END_TEST

/* "X ... flooded", "X is among the hardest hit": a town the disaster reached is a site of it;
 * towns that only take in evacuees, or that the words say were spared, stay mentions. */
START_TEST(a_town_the_disaster_reached_is_a_site)
{
    incmap_incidents *inc = run_text(
        "An explosion breached a dam near Mosul on Tuesday. Satellite images showed a third of "
        "Tal Kayf, about 15 km downstream, flooded; the river crested on Wednesday. The town of "
        "Sinjar and nearby villages are among the hardest hit, aid groups said. Families "
        "evacuated from flooded areas went on to Tikrit and Kirkuk. A power plant upstream near "
        "Tal Afar was not flooded.",
        "2024-03-14");
    ck_assert_ptr_nonnull(site_with_text(inc, 1, "Tal Kayf"));
    ck_assert_ptr_nonnull(site_with_text(inc, 1, "Sinjar"));
    ck_assert(only_mention(inc, "Tikrit"));
    ck_assert(only_mention(inc, "Kirkuk"));
    ck_assert(only_mention(inc, "Tal Afar"));
    incmap_incidents_destroy(inc);
}
END_TEST

/* After the report's attack, a strike that answers it (by the attacked state's forces, or called
 * a retaliation) on regions only is a later response, no incident of the report; a strike on a
 * town, or by a state that was not attacked, keeps its roles. */
START_TEST(a_later_response_on_regions_is_no_incident)
{
    const char *lede = "A car bomb exploded outside a police station in Ankara on Monday, killing "
                       "four. Hours later, Turkish warplanes hit militant positions in ";
    char text[512];
    snprintf(text, sizeof text, "%snorthern Iraq and northern Syria.", lede);
    incmap_incidents *inc = run_text(text, "2024-03-12");
    expect(inc, 1, INCMAP_ROLE_SITE, "Ankara", "TR");
    ck_assert(only_mention(inc, "northern Iraq"));
    ck_assert(only_mention(inc, "northern Syria"));
    incmap_incidents_destroy(inc);
    snprintf(text, sizeof text, "%sTal Abyad.", lede);
    inc = run_text(text, "2024-03-12");
    ck_assert(!only_mention(inc, "Tal Abyad"));
    incmap_incidents_destroy(inc);
    inc = run_text("A car bomb exploded in Qamishli on Monday. In retaliation, jets struck "
                   "militant positions in northern Iraq.",
                   "2024-03-12");
    ck_assert(only_mention(inc, "northern Iraq"));
    incmap_incidents_destroy(inc);
    inc = run_text("A car bomb exploded in Qamishli on Monday. Hours later, Turkish warplanes hit "
                   "militant positions in northern Iraq.",
                   "2024-03-12");
    ck_assert(!only_mention(inc, "northern Iraq"));
    incmap_incidents_destroy(inc);
}
END_TEST

/* The report's own time is not the incident's: the dateline ("KILIS, March 12 -") and the day
 * of a statement ("officials said on Tuesday") yield to the event's day, in the same sentence or
 * a later one; "less than a week earlier" is a bound, not a date, and an incident with no date of
 * its own takes the day the sentence before gave. */
START_TEST(the_reports_own_time_is_not_the_incidents)
{
    static const struct {
        const char *text, *date;
    } cases[] = {
        {"KILIS, March 12 - Rockets that hit a school in Kilis on Saturday killed two pupils, "
         "officials said on Tuesday.",
         "2024-03-09"},
        {"KILIS, March 12 - Two pupils were killed when rockets hit a school in Kilis, officials "
         "said on Tuesday. The attack late on Sunday also damaged a mosque.",
         "2024-03-10"},
        {"Medics carried the wounded down to Kilis on Monday evening. Gunmen had opened fire on a "
         "bus near Kilis, killing a guard who had married less than a week earlier.",
         "2024-03-11"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        incmap_incidents *inc = run_text(cases[i].text, "2024-03-12");
        const incmap_feature *f = role_of(inc, 1, INCMAP_ROLE_SITE);
        f = f != NULL ? f : role_of(inc, 1, INCMAP_ROLE_TARGET);
        ck_assert_msg(f != NULL, "no incident in: %s", cases[i].text);
        ck_assert_msg(f->date != NULL && strcmp(f->date, cases[i].date) == 0, "'%s': %s",
                      cases[i].text, f->date != NULL ? f->date : "null");
        incmap_incidents_destroy(inc);
    }
}
END_TEST

static Suite *incident_suite(void)
{
    Suite *s = suite_create("extract_incident");
    TCase *tc = tcase_create("incident");
    tcase_add_checked_fixture(tc, open_gazetteer, close_gazetteer);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, a_launch_sentence_joins_the_strike_it_explains);
    tcase_add_test(tc, a_town_the_disaster_reached_is_a_site);
    tcase_add_test(tc, a_later_response_on_regions_is_no_incident);
    tcase_add_test(tc, the_reports_own_time_is_not_the_incidents);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(incident_suite());
}

/* Mentions stage, short forms and adjectives (geoparse/mention_abbrev.c, mention_ocean.c) on the
 * fixture gazetteer: a short form the report spells out by a run of its own words, and an ocean's
 * name used as its adjective, against the words and outlets written like them. */
#include "core/core.h"
#include "default_gz.h"
#include "testutil.h"

#include <stdio.h>
#include <string.h>

/* How many mentions of S are written W, and the name of the place of the first. */
static size_t count_of(const char *s, const char *w, char *place, size_t cap)
{
    incmap_mentions *m = incmap_mentions_extract(gz, gctx, s, strlen(s));
    ck_assert_msg(m != NULL, "%s", incmap_ctx_message(gctx));
    size_t n = 0;
    for (size_t i = 0; i < incmap_mentions_count(m); i++) {
        const incmap_mention *x = incmap_mentions_get(m, i);
        if (strcmp(x->text, w) == 0 && n++ == 0 && place != NULL) {
            snprintf(place, cap, "%s", incmap_place_name(x->place));
        }
    }
    incmap_mentions_destroy(m);
    return n;
}

/* "ND" after or before "North Darfur": the report's own short form of the province; capitals
 * that no run of the report spells out stay codes and words. */
START_TEST(short_forms_the_report_spells_out)
{
    char place[64] = "";
    ck_assert_uint_eq(count_of("Aid trucks reached North Darfur on Monday. Roads across ND were "
                               "open again, and ND clinics had fuel.",
                               "ND", place, sizeof place),
                      2);
    ck_assert_str_eq(place, "North Darfur");
    ck_assert_uint_eq(count_of("Farmers in ND lost their herds. The drought in North Darfur is "
                               "the worst in a decade.",
                               "ND", place, sizeof place),
                      1);
    ck_assert_str_eq(place, "North Darfur");
    /* in parentheses right after the name, as reports define them */
    ck_assert_uint_eq(count_of("Donors met officials of the Kurdistan Region (KR) in Erbil. KR "
                               "ministers asked for more.",
                               "KR", place, sizeof place),
                      2);
    ck_assert_str_eq(place, "Kurdistan Region");
    /* no run spells these out */
    ck_assert_uint_eq(count_of("The ND team and IT staff met in Erbil.", "ND", NULL, 0), 0);
    ck_assert_uint_eq(count_of("IT staff in North Darfur met OR nurses.", "IT", NULL, 0), 0);
    /* a run that is no place ("Nursing Department") spells out nothing */
    ck_assert_uint_eq(count_of("The Nursing Department (ND) of the hospital in Erbil hired staff. "
                               "ND nurses work nights.",
                               "ND", NULL, 0),
                      0);
}
END_TEST

/* "The Atlantic hurricane season", "Euro-Atlantic": the ocean; "The Atlantic" the magazine
 * mid-sentence, or followed by anything but a noun of the ocean, stays no place. */
START_TEST(ocean_names_as_adjectives)
{
    char place[64] = "";
    ck_assert_uint_eq(
        count_of("The Atlantic hurricane season starts in June.", "Atlantic", place, sizeof place),
        1);
    ck_assert_str_eq(place, "Atlantic Ocean");
    ck_assert_uint_eq(
        count_of("Trawlers fish in Atlantic waters off Ireland.", "Atlantic", NULL, 0), 1);
    ck_assert_uint_eq(
        count_of("Ministers of the Euro-Atlantic alliance met.", "Atlantic", place, sizeof place),
        1);
    ck_assert_str_eq(place, "Atlantic Ocean");
    ck_assert_uint_eq(count_of("She wrote in The Atlantic last week.", "Atlantic", NULL, 0), 0);
    ck_assert_uint_eq(count_of("The Atlantic reported on the storm season.", "Atlantic", NULL, 0),
                      0);
    ck_assert_uint_eq(count_of("An essay in The Atlantic magazine.", "Atlantic", NULL, 0), 0);
    /* an adjective of the ocean is a mention, never an incident's role */
    incmap_incidents *inc = run_text(
        "A drone struck a tanker on Atlantic waters, officials in France said on Monday.", NULL);
    ck_assert(only_mention(inc, "Atlantic"));
    incmap_incidents_destroy(inc);
}
END_TEST

/* A state's news abbreviation in parentheses after a name ("Harris County (Tex.)") is the state,
 * as after a comma; a code in parentheses stays a code. */
START_TEST(state_abbreviation_in_parentheses)
{
    char place[64] = "";
    ck_assert_uint_eq(
        count_of("The Harris County (Tex.) sheriff asked for help.", "Tex", place, sizeof place),
        1);
    ck_assert_str_eq(place, "Texas");
    ck_assert_uint_eq(count_of("Nurses of the (OR) ward and the Tex. fund met.", "OR", NULL, 0), 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("mentions_short");
    TCase *tg = tcase_create("gazetteer");
    tcase_add_checked_fixture(tg, open_gazetteer, close_gazetteer);
    tcase_set_timeout(tg, 60);
    tcase_add_test(tg, short_forms_the_report_spells_out);
    tcase_add_test(tg, ocean_names_as_adjectives);
    tcase_add_test(tg, state_abbreviation_in_parentheses);
    suite_add_tcase(s, tg);
    return run_suite(s);
}

/* Mentions stage, short forms and adjectives (geoparse/mention_abbrev.c, mention_ocean.c) on the
 * fixture gazetteer: a short form the report spells out by a run of its own words, and an ocean's
 * name used as its adjective, against the words and outlets written like them. */
#include "core/core.h"
#include "default_gz.h"
#include "testutil.h"

#include <string.h>

/* Asserts that text S has N mentions written W, the first (N > 0) of the place named PLACE. */
static void expect_mentions(const char *s, const char *w, size_t n, const char *place)
{
    incmap_mentions *m = incmap_mentions_extract(gz, gctx, s, strlen(s));
    ck_assert_msg(m != NULL, "%s", incmap_ctx_message(gctx));
    size_t k = 0;
    for (size_t i = 0; i < incmap_mentions_count(m); i++) {
        const incmap_mention *x = incmap_mentions_get(m, i);
        if (strcmp(x->text, w) == 0 && k++ == 0 && place != NULL) {
            ck_assert_str_eq(incmap_place_name(x->place), place);
        }
    }
    ck_assert_msg(k == n, "%zu mentions '%s' in \"%s\", not %zu", k, w, s, n);
    incmap_mentions_destroy(m);
}

/* "ND" after or before "North Darfur": the report's own short form of the province; capitals
 * that no run of the report spells out stay codes and words. */
START_TEST(short_forms_the_report_spells_out)
{
    expect_mentions("Aid trucks reached North Darfur on Monday. Roads across ND were open again, "
                    "and ND clinics had fuel.",
                    "ND", 2, "North Darfur");
    expect_mentions("Farmers in ND lost their herds. The drought in North Darfur is the worst in "
                    "a decade.",
                    "ND", 1, "North Darfur");
    /* in parentheses right after the name, as reports define them */
    expect_mentions("Donors met officials of the Kurdistan Region (KR) in Erbil. KR ministers "
                    "asked for more.",
                    "KR", 2, "Kurdistan Region");
    /* no run spells these out */
    expect_mentions("The ND team and IT staff met in Erbil.", "ND", 0, NULL);
    expect_mentions("IT staff in North Darfur met OR nurses.", "IT", 0, NULL);
    /* a run that is no place ("Nursing Department") spells out nothing */
    expect_mentions("The Nursing Department (ND) of the hospital in Erbil hired staff. ND nurses "
                    "work nights.",
                    "ND", 0, NULL);
}
END_TEST

/* "The Atlantic hurricane season", "Euro-Atlantic": the ocean; "The Atlantic" the magazine
 * mid-sentence, or followed by anything but a noun of the ocean, stays no place. */
START_TEST(ocean_names_as_adjectives)
{
    expect_mentions("The Atlantic hurricane season starts in June.", "Atlantic", 1,
                    "Atlantic Ocean");
    expect_mentions("Trawlers fish in Atlantic waters off Ireland.", "Atlantic", 1, NULL);
    expect_mentions("Ministers of the Euro-Atlantic alliance met.", "Atlantic", 1,
                    "Atlantic Ocean");
    expect_mentions("She wrote in The Atlantic last week.", "Atlantic", 0, NULL);
    expect_mentions("The Atlantic reported on the storm season.", "Atlantic", 0, NULL);
    expect_mentions("An essay in The Atlantic magazine.", "Atlantic", 0, NULL);
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
    expect_mentions("The Harris County (Tex.) sheriff asked for help.", "Tex", 1, "Texas");
    expect_mentions("Nurses of the (OR) ward and the Tex. fund met.", "OR", 0, NULL);
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

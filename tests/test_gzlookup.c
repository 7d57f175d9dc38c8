/* Gazetteer lookup: matching tiers (exact, alias, variant, demonym, tolerant), type words,
 * ranking by importance, kind and country filters and bias, suggestions, and the input checks
 * (invalid UTF-8, empty, over 1 KiB). Runs on the small index of fixture_index.h. */
#include "../fixtures/gazetteer-core/fixture_index.h"
#include "testutil.h"

#include <stdio.h>

static incmap_ctx *ctx;
static incmap_gazetteer *gz;

static void setup(void)
{
    size_t len;
    void *img = build_image(&len, true);
    ctx = incmap_ctx_create();
    gz = incmap_gazetteer_open_mem(ctx, img, len);
    ck_assert_msg(gz != NULL, "%s", incmap_ctx_message(ctx));
    free(img);
}

static void teardown(void)
{
    incmap_gazetteer_close(gz);
    incmap_ctx_destroy(ctx);
}

static incmap_candidates *look_opts(const char *name, const incmap_lookup_opts *o)
{
    incmap_candidates *c = incmap_gazetteer_lookup(gz, ctx, name, strlen(name), o);
    ck_assert_msg(c != NULL, "%s: %s", name, incmap_ctx_message(ctx));
    return c;
}

static incmap_candidates *look(const char *name)
{
    incmap_lookup_opts o = incmap_lookup_opts_default();
    return look_opts(name, &o);
}

static const char *id_at(const incmap_candidates *c, size_t i)
{
    ck_assert_msg(i < incmap_candidates_count(c), "only %zu candidates",
                  incmap_candidates_count(c));
    return incmap_place_id(incmap_candidates_place(c, i));
}

/* Id of the best candidate and its match tier. */
static const char *first(const char *name, incmap_match *match)
{
    static char buf[256];
    incmap_candidates *c = look(name);
    ck_assert_msg(incmap_candidates_count(c) > 0, "no candidate for '%s'", name);
    snprintf(buf, sizeof buf, "%s", id_at(c, 0));
    if (match != NULL) {
        *match = incmap_candidates_match(c, 0);
    }
    incmap_candidates_destroy(c);
    return buf;
}

static bool has_id(const incmap_candidates *c, const char *id)
{
    for (size_t i = 0; i < incmap_candidates_count(c); i++) {
        if (strcmp(id_at(c, i), id) == 0) {
            return true;
        }
    }
    return false;
}

START_TEST(exact_lookup_returns_located_entry)
{
    incmap_candidates *c = look("Mosul");
    ck_assert_uint_eq(incmap_candidates_count(c), 1);
    const incmap_place *p = incmap_candidates_place(c, 0);
    ck_assert_str_eq(incmap_place_id(p), "geonames:5");
    ck_assert_str_eq(incmap_place_name(p), "Mosul");
    ck_assert_str_eq(incmap_place_country(p), "IQ");
    ck_assert_str_eq(incmap_place_feature_code(p), "PPLA");
    ck_assert_int_eq(incmap_place_kind(p), INCMAP_KIND_PLACE);
    ck_assert_int_eq(incmap_place_population(p), 1739800);
    ck_assert_double_eq_tol(incmap_place_point(p).lat_deg, 36.335, 1e-9);
    ck_assert_double_eq_tol(incmap_place_point(p).lon_deg, 43.11889, 1e-9);
    ck_assert_int_eq(incmap_candidates_match(c, 0), INCMAP_MATCH_EXACT);
    ck_assert(incmap_candidates_score(c, 0) >= 0.8 && incmap_candidates_score(c, 0) <= 1.0);
    incmap_candidates_destroy(c);
}
END_TEST

START_TEST(ambiguous_name_lists_all_capital_first)
{
    incmap_candidates *c = look("TRIPOLI");
    ck_assert_uint_eq(incmap_candidates_count(c), 2);
    ck_assert_str_eq(id_at(c, 0), "geonames:1"); /* Libya's capital */
    ck_assert_str_eq(id_at(c, 1), "geonames:2"); /* Lebanon */
    ck_assert(incmap_candidates_score(c, 0) > incmap_candidates_score(c, 1));
    incmap_candidates_destroy(c);
}
END_TEST

START_TEST(folding_and_variants_meet)
{
    incmap_match m;
    ck_assert_str_eq(first("Zummār", &m), "supplement:zummar");
    ck_assert_int_eq(m, INCMAP_MATCH_EXACT);
    ck_assert_str_eq(first("ZUMMAR", &m), "supplement:zummar");
    ck_assert_str_eq(first("Zumar", &m), "supplement:zummar");
    ck_assert_int_eq(m, INCMAP_MATCH_VARIANT);
    ck_assert_str_eq(first("Al-Hasakah", &m), "geonames:4");
    ck_assert_int_eq(m, INCMAP_MATCH_EXACT);
    ck_assert_str_eq(first("al Ḩasakah", &m), "geonames:4");
    ck_assert_int_eq(m, INCMAP_MATCH_EXACT);
    ck_assert_str_eq(first("Hasakah", &m), "geonames:4");
    ck_assert_int_eq(m, INCMAP_MATCH_ALIAS);
    ck_assert_str_eq(first("el-Hasakah", &m), "geonames:4");
    ck_assert_str_eq(first("Hassakeh", &m), "geonames:4");
    ck_assert_int_eq(m, INCMAP_MATCH_VARIANT);
    ck_assert_str_eq(first("الحسكة", &m), "geonames:4");
    ck_assert_str_eq(first("Tal Afar", &m), "geonames:6");
    ck_assert_str_eq(first("Tel-Afar", &m), "geonames:6");
    ck_assert_str_eq(first("Al Asad Air Base", &m), "airports:ORAA");
}
END_TEST

START_TEST(demonym_tier)
{
    incmap_match m;
    incmap_candidates *c = look("Syrian");
    ck_assert_uint_eq(incmap_candidates_count(c), 1);
    ck_assert_str_eq(id_at(c, 0), "ne_admin0:SYR");
    ck_assert_int_eq(incmap_candidates_match(c, 0), INCMAP_MATCH_DEMONYM);
    ck_assert(incmap_candidates_score(c, 0) < 0.8);
    incmap_candidates_destroy(c);
    ck_assert_str_eq(first("Iraqi", &m), "ne_admin0:IRQ");
    ck_assert_int_eq(m, INCMAP_MATCH_DEMONYM);
}
END_TEST

START_TEST(tolerant_only_for_long_names_and_below_exact)
{
    incmap_candidates *c = look("Mosulx");
    ck_assert_uint_eq(incmap_candidates_count(c), 1);
    ck_assert_str_eq(id_at(c, 0), "geonames:5");
    ck_assert_int_eq(incmap_candidates_match(c, 0), INCMAP_MATCH_TOLERANT);
    double tolerant = incmap_candidates_score(c, 0);
    incmap_candidates_destroy(c);
    c = look("Mosul");
    ck_assert(incmap_candidates_score(c, 0) > tolerant + 0.3);
    incmap_candidates_destroy(c);
    c = look("Iraz"); /* one edit from Iraq, but only 4 letters */
    ck_assert_uint_eq(incmap_candidates_count(c), 0);
    incmap_candidates_destroy(c);
    incmap_lookup_opts o = incmap_lookup_opts_default();
    o.tolerant = false;
    c = look_opts("Mosulx", &o);
    ck_assert_uint_eq(incmap_candidates_count(c), 0);
    incmap_candidates_destroy(c);
}
END_TEST

START_TEST(type_words_prefer_their_kind)
{
    incmap_candidates *c = look("Babylon");
    ck_assert(has_id(c, "ne_admin1:IRQ-3216"));
    ck_assert(has_id(c, "geonames:3"));
    incmap_candidates_destroy(c);
    c = look("Babylon province");
    ck_assert_str_eq(id_at(c, 0), "ne_admin1:IRQ-3216");
    ck_assert(has_id(c, "geonames:3")); /* still listed, below */
    incmap_candidates_destroy(c);
    incmap_match m;
    ck_assert_str_eq(first("Babylon Governorate", &m), "ne_admin1:IRQ-3216");
    ck_assert_str_eq(first("the province of Babil", &m), "ne_admin1:IRQ-3216");
    ck_assert_str_eq(first("the town of Zummar", &m), "supplement:zummar");
    ck_assert_str_eq(first("Mosul city", &m), "geonames:5");
    ck_assert_str_eq(first("Kuwait City", &m), "geonames:285787");
    ck_assert_str_eq(first("Kuwait", &m), "ne_admin0:KWT");
    ck_assert_str_eq(first("Al Asad airbase", &m), "airports:ORAA");
}
END_TEST

START_TEST(kind_and_country_filters_and_bias)
{
    incmap_lookup_opts o = incmap_lookup_opts_default();
    o.kind = INCMAP_KIND_ADMIN1;
    incmap_candidates *c = look_opts("Babylon", &o);
    ck_assert_uint_eq(incmap_candidates_count(c), 1);
    ck_assert_str_eq(id_at(c, 0), "ne_admin1:IRQ-3216");
    incmap_candidates_destroy(c);

    o = incmap_lookup_opts_default();
    o.country = "lb";
    c = look_opts("Tripoli", &o); /* bias: Lebanon first, Libya still listed */
    ck_assert_uint_eq(incmap_candidates_count(c), 2);
    ck_assert_str_eq(id_at(c, 0), "geonames:2");
    ck_assert_str_eq(id_at(c, 1), "geonames:1");
    incmap_candidates_destroy(c);
    o.country_filter = true;
    c = look_opts("Tripoli", &o);
    ck_assert_uint_eq(incmap_candidates_count(c), 1);
    ck_assert_str_eq(id_at(c, 0), "geonames:2");
    incmap_candidates_destroy(c);

    o = incmap_lookup_opts_default();
    o.limit = 1;
    c = look_opts("Tripoli", &o);
    ck_assert_uint_eq(incmap_candidates_count(c), 1);
    ck_assert_str_eq(id_at(c, 0), "geonames:1");
    incmap_candidates_destroy(c);
}
END_TEST

START_TEST(scores_and_order_are_stable)
{
    for (int round = 0; round < 2; round++) {
        incmap_candidates *c = look("Babylon");
        double prev = 2;
        for (size_t i = 0; i < incmap_candidates_count(c); i++) {
            double s = incmap_candidates_score(c, i);
            ck_assert(s >= 0 && s <= 1 && s <= prev);
            prev = s;
        }
        ck_assert_str_eq(id_at(c, 0), "geonames:3"); /* exact beats alias */
        ck_assert_int_eq(incmap_candidates_match(c, 1), INCMAP_MATCH_ALIAS);
        incmap_candidates_destroy(c);
    }
}
END_TEST

START_TEST(unknown_name_gives_empty_list_and_suggestions)
{
    incmap_candidates *c = look("Qwertyuiop");
    ck_assert_ptr_nonnull(c);
    ck_assert_uint_eq(incmap_candidates_count(c), 0);
    ck_assert_ptr_null(incmap_candidates_place(c, 0));
    incmap_candidates_destroy(c);
    c = incmap_gazetteer_suggest(gz, ctx, "Zumxxr", 6, 5); /* two edits */
    ck_assert_ptr_nonnull(c);
    ck_assert_uint_ge(incmap_candidates_count(c), 1);
    ck_assert_str_eq(id_at(c, 0), "supplement:zummar");
    incmap_candidates_destroy(c);
    c = incmap_gazetteer_suggest(gz, ctx, "Kuwa", 4, 5); /* a prefix */
    ck_assert(has_id(c, "ne_admin0:KWT"));
    incmap_candidates_destroy(c);
    c = incmap_gazetteer_suggest(gz, ctx, "Xyzzyq", 6, 5);
    ck_assert_uint_eq(incmap_candidates_count(c), 0);
    incmap_candidates_destroy(c);
}
END_TEST

/* A small index of its own for the ranking rules below. */
static incmap_gazetteer *ranking_index(void)
{
    incmap_gzw *w = incmap_gzw_create(ctx);
    int64_t hawl = add(w, "geonames:173797", "Al Hawl", INCMAP_KIND_PLACE, "SY", "PPL", 41.1498,
                       36.3904, 4000, NULL);
    ck_assert_int_eq(incmap_gzw_add_name(w, hawl, "Al-Hol", INCMAP_MATCH_ALIAS), INCMAP_OK);
    add(w, "geonames:7626340", "Hol", INCMAP_KIND_PLACE, "NO", "PPLA2", 8.294, 60.6151, 90000,
        NULL);
    int64_t biap = add(w, "ourairports:ORBI", "Baghdad International Airport", INCMAP_KIND_SITE,
                       "IQ", "AIRP", 44.2346, 33.2625, -1, NULL);
    ck_assert_int_eq(incmap_gzw_add_name(w, biap, "Baghdad airport", INCMAP_MATCH_ALIAS),
                     INCMAP_OK);
    int64_t rash = add(w, "ourairports:IQ-0039", "Rasheed Air Base", INCMAP_KIND_SITE, "IQ", "AIRB",
                       44.4937, 33.2793, -1, NULL);
    ck_assert_int_eq(incmap_gzw_add_name(w, rash, "Baghdad air base", INCMAP_MATCH_ALIAS),
                     INCMAP_OK);
    ck_assert_int_eq(incmap_gzw_add_name(w, rash, "Baghdad airport", INCMAP_MATCH_ALIAS),
                     INCMAP_OK);
    ck_assert_int_eq(incmap_gzw_add_name(w, biap, "Baghdad air base", INCMAP_MATCH_ALIAS),
                     INCMAP_OK);
    add(w, "geonames:2", "Gulf", INCMAP_KIND_ADMIN1, "PG", NULL, 145.66, -7.66, -1, NULL);
    int64_t gulf = add(w, "supplement:gulf-states", "Gulf states", INCMAP_KIND_REGION, NULL, "RGN",
                       44.69, 24.24, -1, NULL);
    ck_assert_int_eq(incmap_gzw_add_name(w, gulf, "the Gulf", INCMAP_MATCH_ALIAS), INCMAP_OK);
    void *img = NULL;
    size_t len = 0;
    ck_assert_int_eq(incmap_gzw_write_mem(w, &img, &len), INCMAP_OK);
    incmap_gzw_destroy(w);
    incmap_gazetteer *r = incmap_gazetteer_open_mem(ctx, img, len);
    ck_assert_msg(r != NULL, "%s", incmap_ctx_message(ctx));
    free(img);
    return r;
}

static const char *first_in(incmap_gazetteer *g, const char *name)
{
    static char buf[128];
    incmap_lookup_opts o = incmap_lookup_opts_default();
    incmap_candidates *c = incmap_gazetteer_lookup(g, ctx, name, strlen(name), &o);
    ck_assert_msg(c != NULL && incmap_candidates_count(c) > 0, "no candidate for %s", name);
    snprintf(buf, sizeof buf, "%s", incmap_place_id(incmap_candidates_place(c, 0)));
    incmap_candidates_destroy(c);
    return buf;
}

START_TEST(article_kept_beats_article_dropped)
{
    incmap_gazetteer *r = ranking_index();
    /* Hol (Norway) is bigger and matches "Hol" exactly, but only once "Al-" is dropped */
    ck_assert_str_eq(first_in(r, "Al-Hol"), "geonames:173797");
    ck_assert_str_eq(first_in(r, "al Hol"), "geonames:173797");
    ck_assert_str_eq(first_in(r, "Hol"), "geonames:7626340");
    /* "the Gulf" written so beats a Gulf found without "the"; plain "Gulf" is the province */
    ck_assert_str_eq(first_in(r, "the Gulf"), "supplement:gulf-states");
    ck_assert_str_eq(first_in(r, "Gulf"), "geonames:2");
    incmap_gazetteer_close(r);
}
END_TEST

START_TEST(airport_and_air_base_words_pick_their_facility)
{
    incmap_gazetteer *r = ranking_index();
    /* both carry both names; the type word decides, in any spelling */
    ck_assert_str_eq(first_in(r, "Baghdad airport"), "ourairports:ORBI");
    ck_assert_str_eq(first_in(r, "Baghdad air base"), "ourairports:IQ-0039");
    ck_assert_str_eq(first_in(r, "Baghdad airbase"), "ourairports:IQ-0039");
    incmap_gazetteer_close(r);
}
END_TEST

START_TEST(suggestions_see_first_letter_edits)
{
    /* suggestions scan the keys that share the first letter, and probe first-letter edits */
    static const char *const typos[] = {"Nosul", "osul", "oMsul", "XMosul"};
    for (size_t i = 0; i < sizeof typos / sizeof typos[0]; i++) {
        incmap_candidates *c = incmap_gazetteer_suggest(gz, ctx, typos[i], strlen(typos[i]), 5);
        ck_assert_ptr_nonnull(c);
        ck_assert_msg(has_id(c, "geonames:5"), "%s: no Mosul", typos[i]);
        incmap_candidates_destroy(c);
    }
    incmap_candidates *c = incmap_gazetteer_suggest(gz, ctx, "Mosxl", 5, 5); /* same first letter */
    ck_assert(has_id(c, "geonames:5"));
    incmap_candidates_destroy(c);
}
END_TEST

START_TEST(bad_queries_fail_cleanly)
{
    incmap_lookup_opts o = incmap_lookup_opts_default();
    ck_assert_ptr_null(incmap_gazetteer_lookup(gz, ctx, "Mos\xc3(ul", 7, &o));
    ck_assert_int_eq(incmap_ctx_status(ctx), INCMAP_ERR_PARSE);
    ck_assert_msg(strstr(incmap_ctx_message(ctx), "UTF-8") != NULL &&
                      strstr(incmap_ctx_message(ctx), "offset 3") != NULL,
                  "%s", incmap_ctx_message(ctx));
    ck_assert_ptr_null(incmap_gazetteer_lookup(gz, ctx, "", 0, &o));
    ck_assert_int_eq(incmap_ctx_status(ctx), INCMAP_ERR_INVALID_ARG);
    char big[1026];
    memset(big, 'a', sizeof big);
    ck_assert_ptr_null(incmap_gazetteer_lookup(gz, ctx, big, 1025, &o));
    ck_assert_int_eq(incmap_ctx_status(ctx), INCMAP_ERR_LIMIT);
    ck_assert_msg(strstr(incmap_ctx_message(ctx), "1024") != NULL, "%s", incmap_ctx_message(ctx));
}
END_TEST

START_TEST(name_of_exactly_one_kib_is_accepted)
{
    char big[1025];
    memset(big, 'a', 1024);
    big[1024] = '\0';
    incmap_candidates *c = look(big);
    ck_assert_uint_eq(incmap_candidates_count(c), 0);
    incmap_candidates_destroy(c);
    c = look(" .,- "); /* folds to nothing */
    ck_assert_uint_eq(incmap_candidates_count(c), 0);
    incmap_candidates_destroy(c);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("gzlookup");
    TCase *tc = tcase_create("lookup");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, exact_lookup_returns_located_entry);
    tcase_add_test(tc, ambiguous_name_lists_all_capital_first);
    tcase_add_test(tc, folding_and_variants_meet);
    tcase_add_test(tc, demonym_tier);
    tcase_add_test(tc, tolerant_only_for_long_names_and_below_exact);
    tcase_add_test(tc, type_words_prefer_their_kind);
    tcase_add_test(tc, kind_and_country_filters_and_bias);
    tcase_add_test(tc, scores_and_order_are_stable);
    tcase_add_test(tc, unknown_name_gives_empty_list_and_suggestions);
    tcase_add_test(tc, article_kept_beats_article_dropped);
    tcase_add_test(tc, airport_and_air_base_words_pick_their_facility);
    tcase_add_test(tc, suggestions_see_first_letter_edits);
    tcase_add_test(tc, bad_queries_fail_cleanly);
    tcase_add_test(tc, name_of_exactly_one_kib_is_accepted);
    suite_add_tcase(s, tc);
    return run_suite(s);
}

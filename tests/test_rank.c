/* Ranking (gazetteer/rank.h): the importance order the README promises, both weight sets in
 * range, and that the index writer, lookup and disambiguation all rank by incmap_rank_importance
 * (lookup through the stored value, resolve.c with the report weights) rather than their own. */
#include "../fixtures/gazetteer-core/fixture_index.h"
#include "gazetteer/gzread.h"
#include "gazetteer/rank.h"
#include "incmap/mentions.h"
#include "testutil.h"

#include <math.h>

static double imp(const incmap_rank_prior *w, incmap_kind k, const char *fc, int64_t pop)
{
    return incmap_rank_importance(w, k, fc, pop);
}

static double place_imp(const incmap_rank_prior *w, const incmap_place *p)
{
    return imp(w, incmap_place_kind(p), incmap_place_feature_code(p), incmap_place_population(p));
}

/* Populations from none to beyond the cap, for "whatever its population" checks. */
static const int64_t pops[] = {-1, 0, 1, 493, 60064, 1000000, 20000000, INT64_MAX};
#define NPOPS (sizeof pops / sizeof pops[0])

START_TEST(lookup_importance_follows_the_readme_order)
{
    const incmap_rank_prior *w = &incmap_rank_lookup_prior;
    /* country > province > capital > admin seat > population, whatever the population */
    for (size_t i = 0; i < NPOPS; i++) {
        for (size_t j = 0; j < NPOPS; j++) {
            int64_t a = pops[i], b = pops[j];
            ck_assert_double_gt(imp(w, INCMAP_KIND_COUNTRY, NULL, a),
                                imp(w, INCMAP_KIND_ADMIN1, NULL, b));
            ck_assert_double_gt(imp(w, INCMAP_KIND_ADMIN1, NULL, a),
                                imp(w, INCMAP_KIND_PLACE, "PPLC", b));
            ck_assert_double_gt(imp(w, INCMAP_KIND_PLACE, "PPLC", a),
                                imp(w, INCMAP_KIND_PLACE, "PPLA", b));
            ck_assert_double_ge(imp(w, INCMAP_KIND_PLACE, "PPLA", a),
                                imp(w, INCMAP_KIND_PLACE, "PPLA2", b)); /* tie past ~32M */
            ck_assert_double_gt(imp(w, INCMAP_KIND_PLACE, "PPLA", a),
                                imp(w, INCMAP_KIND_PLACE, "PPL", b));
        }
    }
    ck_assert_double_gt(imp(w, INCMAP_KIND_PLACE, "PPLA", 1),
                        imp(w, INCMAP_KIND_PLACE, "PPLA2", 20000000));
    /* lower seats and towns: a seat beats any town of up to 20 million (0.5 is a tie at ~32M) */
    ck_assert_double_gt(imp(w, INCMAP_KIND_PLACE, "PPLA2", 1),
                        imp(w, INCMAP_KIND_PLACE, "PPL", 20000000));
    ck_assert_double_gt(imp(w, INCMAP_KIND_PLACE, "PPLA2", 0),
                        imp(w, INCMAP_KIND_PLACE, "PPLA3", 20000000));
    ck_assert_double_gt(imp(w, INCMAP_KIND_PLACE, "PPLA4", 0),
                        imp(w, INCMAP_KIND_PLACE, "PPL", 500000));
}
END_TEST

START_TEST(population_orders_places_and_a_village_stays_below)
{
    const incmap_rank_prior *sets[] = {&incmap_rank_lookup_prior, &incmap_rank_report_prior};
    const char *codes[] = {"PPLC", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPL", ""};
    for (size_t s = 0; s < 2; s++) {
        const incmap_rank_prior *w = sets[s];
        /* never less for more people, and strictly more for a town than a hamlet */
        for (size_t c = 0; c < sizeof codes / sizeof codes[0]; c++) {
            for (size_t i = 1; i < NPOPS; i++) {
                ck_assert_double_ge(imp(w, INCMAP_KIND_PLACE, codes[c], pops[i]),
                                    imp(w, INCMAP_KIND_PLACE, codes[c], pops[i - 1]));
            }
        }
        ck_assert_double_gt(imp(w, INCMAP_KIND_PLACE, "PPL", 60064),
                            imp(w, INCMAP_KIND_PLACE, "PPL", 493));
        /* a 493-person village is below any capital, province, country or admin seat */
        double village = imp(w, INCMAP_KIND_PLACE, "PPL", 493);
        for (size_t i = 0; i < NPOPS; i++) {
            ck_assert_double_lt(village, imp(w, INCMAP_KIND_PLACE, "PPLC", pops[i]));
            ck_assert_double_lt(village, imp(w, INCMAP_KIND_PLACE, "PPLA4", pops[i]));
            ck_assert_double_lt(village, imp(w, INCMAP_KIND_ADMIN1, NULL, pops[i]));
            ck_assert_double_lt(village, imp(w, INCMAP_KIND_COUNTRY, NULL, pops[i]));
        }
        /* 0..1 for every kind and population, unknown codes included */
        for (int k = INCMAP_KIND_ANY; k <= INCMAP_KIND_SITE; k++) {
            for (size_t i = 0; i < NPOPS; i++) {
                double v = imp(w, (incmap_kind)k, k == INCMAP_KIND_PLACE ? "PPLX" : NULL, pops[i]);
                ck_assert(v >= 0 && v <= 1);
            }
        }
    }
    /* the report's weights: a bare capital is as likely as its country, and above a province */
    const incmap_rank_prior *r = &incmap_rank_report_prior;
    ck_assert_double_eq(imp(r, INCMAP_KIND_PLACE, "PPLC", 60064),
                        imp(r, INCMAP_KIND_COUNTRY, NULL, -1));
    ck_assert_double_gt(imp(r, INCMAP_KIND_PLACE, "PPLC", 60064),
                        imp(r, INCMAP_KIND_ADMIN1, NULL, -1));
}
END_TEST

START_TEST(report_prior_big_seat_outweighs_a_small_namesake)
{
    /* Dallas, Texas (1.3 million) and Dallas, Oregon (15,000) are both county seats: in a report,
     * the small one being within 1000 km of another place named must not be enough to win */
    const incmap_rank_prior *r = &incmap_rank_report_prior;
    ck_assert_double_gt(imp(r, INCMAP_KIND_PLACE, "PPLA2", 1300000) -
                            imp(r, INCMAP_KIND_PLACE, "PPLA2", 15000),
                        RANK_RESOLVE_NEARISH);
}
END_TEST

START_TEST(index_stores_the_lookup_importance)
{
    size_t len;
    void *img = build_image(&len, false);
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_gazetteer *gz = incmap_gazetteer_open_mem(ctx, img, len);
    ck_assert_msg(gz != NULL, "%s", incmap_ctx_message(ctx));
    for (uint32_t i = 0; i < FIXTURE_ENTRIES; i++) {
        const incmap_place *p = (const incmap_place *)incmap_gz_entry(gz, i);
        ck_assert_ptr_nonnull(p);
        ck_assert_msg(gz->sums[i].importance == (float)place_imp(&incmap_rank_lookup_prior, p),
                      "%s: stored %g", incmap_place_name(p), gz->sums[i].importance);
    }
    incmap_gazetteer_close(gz);
    incmap_ctx_destroy(ctx);
    free(img);
}
END_TEST

/* "Santiago": Chile's capital, a province of the Dominican Republic and a village. The two weight
 * sets disagree on capital and province, so which one lookup and resolve use shows. */
static incmap_gazetteer *santiago(incmap_ctx *ctx)
{
    incmap_gzw *w = incmap_gzw_create(ctx);
    incmap_geom *box = square(-71.2, 19.2, -70.6, 19.7);
    add(w, "geonames:3871336", "Santiago", INCMAP_KIND_PLACE, "CL", "PPLC", -70.64827, -33.45694,
        5000000, NULL);
    add(w, "ne_admin1:DOM-santiago", "Santiago", INCMAP_KIND_ADMIN1, "DO", NULL, -70.9, 19.45, -1,
        box);
    add(w, "geonames:santiago-village", "Santiago", INCMAP_KIND_PLACE, "PH", "PPL", 121.5, 16.7,
        493, NULL);
    void *img = NULL;
    size_t len;
    ck_assert_int_eq(incmap_gzw_write_mem(w, &img, &len), INCMAP_OK);
    incmap_gzw_destroy(w);
    incmap_geom_destroy(box);
    incmap_gazetteer *gz = incmap_gazetteer_open_mem(ctx, img, len);
    ck_assert_msg(gz != NULL, "%s", incmap_ctx_message(ctx));
    free(img);
    return gz;
}

START_TEST(lookup_orders_by_the_lookup_prior)
{
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_gazetteer *gz = santiago(ctx);
    incmap_candidates *c = incmap_gazetteer_lookup(gz, ctx, "Santiago", 8, NULL);
    ck_assert_ptr_nonnull(c);
    ck_assert_uint_eq(incmap_candidates_count(c), 3);
    /* same name, same tier: the order is the lookup prior's, province first */
    for (size_t i = 1; i < 3; i++) {
        ck_assert_double_gt(place_imp(&incmap_rank_lookup_prior, incmap_candidates_place(c, i - 1)),
                            place_imp(&incmap_rank_lookup_prior, incmap_candidates_place(c, i)));
    }
    ck_assert_int_eq(incmap_place_kind(incmap_candidates_place(c, 0)), INCMAP_KIND_ADMIN1);
    incmap_candidates_destroy(c);
    incmap_gazetteer_close(gz);
    incmap_ctx_destroy(ctx);
}
END_TEST

START_TEST(resolve_ranks_by_the_report_prior)
{
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_gazetteer *gz = santiago(ctx);
    const char *text = "Protesters marched in Santiago on Monday.";
    incmap_mentions *m = incmap_mentions_extract(gz, ctx, text, strlen(text));
    ck_assert_msg(m != NULL, "%s", incmap_ctx_message(ctx));
    ck_assert_uint_eq(incmap_mentions_count(m), 1);
    const incmap_place *got = incmap_mentions_get(m, 0)->place;
    /* nothing else in the report: the candidate the report prior ranks first (the capital),
     * where lookup lists the province first */
    incmap_candidates *c = incmap_gazetteer_lookup(gz, ctx, "Santiago", 8, NULL);
    ck_assert_ptr_nonnull(c);
    size_t best = 0;
    for (size_t i = 1; i < incmap_candidates_count(c); i++) {
        if (place_imp(&incmap_rank_report_prior, incmap_candidates_place(c, i)) >
            place_imp(&incmap_rank_report_prior, incmap_candidates_place(c, best))) {
            best = i;
        }
    }
    ck_assert_str_eq(incmap_place_id(got), incmap_place_id(incmap_candidates_place(c, best)));
    ck_assert_str_eq(incmap_place_country(got), "CL");
    ck_assert_str_ne(incmap_place_id(got), incmap_place_id(incmap_candidates_place(c, 0)));
    incmap_candidates_destroy(c);
    incmap_mentions_destroy(m);
    incmap_gazetteer_close(gz);
    incmap_ctx_destroy(ctx);
}
END_TEST

START_TEST(county_ranks_below_seats_and_regions)
{
    /* a county or district (region, ADM2) named bare like its seat town ("Sinjar") gives way to
     * the town and to named regions, and is above a village */
    const incmap_rank_prior *sets[] = {&incmap_rank_lookup_prior, &incmap_rank_report_prior};
    for (size_t s = 0; s < 2; s++) {
        const incmap_rank_prior *w = sets[s];
        double county = imp(w, INCMAP_KIND_REGION, "ADM2", 3000000);
        ck_assert_double_lt(county, imp(w, INCMAP_KIND_REGION, "RGN", -1));
        ck_assert_double_lt(county, imp(w, INCMAP_KIND_PLACE, "PPLA2", 38294));
        ck_assert_double_gt(county, imp(w, INCMAP_KIND_PLACE, "PPL", 493));
    }
}
END_TEST

static Suite *rank_suite(void)
{
    Suite *s = suite_create("rank");
    TCase *tc = tcase_create("rank");
    tcase_add_test(tc, lookup_importance_follows_the_readme_order);
    tcase_add_test(tc, county_ranks_below_seats_and_regions);
    tcase_add_test(tc, population_orders_places_and_a_village_stays_below);
    tcase_add_test(tc, index_stores_the_lookup_importance);
    tcase_add_test(tc, report_prior_big_seat_outweighs_a_small_namesake);
    tcase_add_test(tc, lookup_orders_by_the_lookup_prior);
    tcase_add_test(tc, resolve_ranks_by_the_report_prior);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(rank_suite());
}

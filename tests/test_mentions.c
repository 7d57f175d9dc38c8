/* Mentions stage: tokeniser offsets, input checks, word lists, dates and qualifiers (no data
 * needed), then mention finding and resolution on the fixture gazetteer (tests/fixtures/
 * unit-gazetteer, with namesakes such as Tripoli in Libya and Babylon, New York). */
#include "core/core.h"
#include "default_gz.h"
#include "geoparse/geoparse.h"
#include "testutil.h"
#include "text/wordlists.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- tokeniser and input checks (no gazetteer) ---- */

START_TEST(tokens_count_code_points_not_bytes)
{
    const char *s = "Zumm\xC4\x81r (al-\xE1\xB8\xA8"
                    "asakah) near U.S. base.";
    incmap_ctx *ctx = incmap_ctx_create();
    mtok *t = NULL;
    size_t n = 0, ns = 0;
    ck_assert_int_eq(incmap_tokenise(ctx, s, strlen(s), &t, &n, &ns), INCMAP_OK);
    /* Zummār ( al - Ḩasakah ) near U.S. base . */
    ck_assert_uint_eq(n, 10);
    ck_assert_uint_eq(t[0].c0, 0);
    ck_assert_uint_eq(t[0].c1, 6); /* 6 characters, 7 bytes */
    ck_assert_uint_eq(t[0].b1, 7);
    ck_assert(t[0].flags & TOK_CAP);
    ck_assert(t[0].flags & TOK_SENT);
    ck_assert_uint_eq(t[4].c0, 11); /* Ḩasakah starts at character 11 */
    ck_assert_uint_eq(t[4].c1, 18);
    ck_assert(t[4].flags & TOK_CAP); /* Ḩ is an upper-case letter */
    ck_assert(t[7].flags & TOK_ABBR);
    ck_assert_uint_eq(t[7].c1 - t[7].c0, 4); /* "U.S." is one token */
    ck_assert_uint_eq(ns, 1);                /* the dots of U.S. end no sentence */
    free(t);
    incmap_ctx_destroy(ctx);
}
END_TEST

START_TEST(sentences_split_on_stops_and_lines)
{
    const char *s = "Rockets hit Erbil. Officials said so!\nNo one was hurt St. Louis said";
    incmap_ctx *ctx = incmap_ctx_create();
    mtok *t = NULL;
    size_t n = 0, ns = 0;
    ck_assert_int_eq(incmap_tokenise(ctx, s, strlen(s), &t, &n, &ns), INCMAP_OK);
    ck_assert_uint_eq(ns, 3); /* "St." does not end the third */
    ck_assert_uint_eq(t[n - 1].sent, 2);
    free(t);
    incmap_ctx_destroy(ctx);
}
END_TEST

/* UTF-16 (with a byte order mark, or ASCII text with a NUL in every other byte) is named as
 * such, with the conversion to do, not reported as a bad byte; other NUL bytes stay binary. */
START_TEST(text_check_names_utf16)
{
    incmap_ctx *ctx = incmap_ctx_create();
    static const char le_bom[] = "\xFF\xFEH\0i\0", be_bom[] = "\xFE\xFF\0H\0i";
    static const char le[] = "Z\0u\0m\0m\0a\0r\0", be[] = "\0Z\0u\0m\0m\0a\0r";
    const char *const texts[] = {le_bom, be_bom, le, be};
    const size_t lens[] = {sizeof le_bom - 1, sizeof be_bom - 1, sizeof le - 1, sizeof be - 1};
    for (size_t i = 0; i < 4; i++) {
        ck_assert_int_eq(incmap_text_check(ctx, texts[i], lens[i]), INCMAP_ERR_PARSE);
        ck_assert_str_eq(incmap_ctx_message(ctx), "UTF-16 is not supported, convert to UTF-8 "
                                                  "(e.g. iconv -f UTF-16 -t UTF-8)");
    }
    ck_assert_int_eq(incmap_text_check(ctx, "Zu\0\0mmar", 8), INCMAP_ERR_PARSE);
    ck_assert_ptr_nonnull(strstr(incmap_ctx_message(ctx), "NUL byte at byte 2"));
    incmap_ctx_destroy(ctx);
}
END_TEST

START_TEST(text_check_names_the_bad_byte)
{
    incmap_ctx *ctx = incmap_ctx_create();
    ck_assert_int_eq(incmap_text_check(ctx, "abc\xC3(", 5), INCMAP_ERR_PARSE);
    ck_assert_ptr_nonnull(strstr(incmap_ctx_message(ctx), "byte 3"));
    ck_assert_int_eq(incmap_text_check(ctx, "ab\0cd", 5), INCMAP_ERR_PARSE);
    ck_assert_ptr_nonnull(strstr(incmap_ctx_message(ctx), "NUL byte at byte 2"));
    /* overlong encoding of '/' and a UTF-16 surrogate are not UTF-8 */
    ck_assert_int_eq(incmap_text_check(ctx, "\xC0\xAF", 2), INCMAP_ERR_PARSE);
    ck_assert_int_eq(incmap_text_check(ctx, "\xED\xA0\x80", 3), INCMAP_ERR_PARSE);
    char bin[200];
    for (size_t i = 0; i < sizeof bin; i++) {
        bin[i] = (char)(1 + i % 7);
    }
    ck_assert_int_eq(incmap_text_check(ctx, bin, sizeof bin), INCMAP_ERR_PARSE);
    ck_assert_ptr_nonnull(strstr(incmap_ctx_message(ctx), "binary"));
    /* the size limit is checked before any byte is read */
    ck_assert_int_eq(incmap_text_check(ctx, "x", INCMAP_TEXT_MAX_BYTES + 1), INCMAP_ERR_LIMIT);
    ck_assert_ptr_nonnull(strstr(incmap_ctx_message(ctx), "16 MiB"));
    ck_assert_int_eq(incmap_text_check(ctx, "Caf\xC3\xA9 in Erbil\n", 15), INCMAP_OK);
    incmap_ctx_destroy(ctx);
}
END_TEST

START_TEST(word_lists_and_numbers)
{
    ck_assert(incmap_word_in(WL_DAYMONTH, "Sunday", 6));
    ck_assert(incmap_word_in(WL_ORG, "Ministry", 8));
    ck_assert(incmap_word_in(WL_TITLE, "President", 9));
    ck_assert(!incmap_word_in(WL_TITLE, "Zummar", 6));
    ck_assert_str_eq(incmap_word_direction("north-eastern", 13), "northeastern");
    ck_assert_str_eq(incmap_word_direction("Southern", 8), "southern");
    ck_assert_ptr_null(incmap_word_direction("Syria", 5));
    ck_assert_int_eq(incmap_word_number("eight", 5), 8);
    ck_assert_int_eq(incmap_word_number("1,200", 5), 1200);
    ck_assert_int_eq(incmap_word_number("rockets", 7), -1);
}
END_TEST

/* Dates of the first sentence of S relative to publication date PUB. */
static bool date_of(const char *s, const char *pub, const char *prev, char out[11])
{
    incmap_ctx *ctx = incmap_ctx_create();
    mtok *t = NULL;
    size_t n = 0, ns = 0;
    incmap_tokenise(ctx, s, strlen(s), &t, &n, &ns);
    incmap_date p = {0, 0, 0}, pv = {0, 0, 0}, d = {0, 0, 0};
    if (pub != NULL) {
        incmap_date_parse(pub, &p);
    }
    if (prev != NULL) {
        incmap_date_parse(prev, &pv);
    }
    bool ok = incmap_timeref_find(s, t, 0, n, p, pv, &d);
    if (ok) {
        incmap_date_format(d, out);
    }
    free(t);
    incmap_ctx_destroy(ctx);
    return ok;
}

START_TEST(dates_resolve_against_publication)
{
    char d[11];
    /* 2024-04-22 was a Monday */
    ck_assert(date_of("It happened on Sunday (April 21) at dawn", "2024-04-22", NULL, d));
    ck_assert_str_eq(d, "2024-04-21");
    ck_assert(date_of("A blast on Saturday", "2024-04-22", NULL, d));
    ck_assert_str_eq(d, "2024-04-20");
    ck_assert(date_of("the strike yesterday", "2024-03-01", NULL, d));
    ck_assert_str_eq(d, "2024-02-29"); /* leap year */
    ck_assert(date_of("on 3 March 2023", NULL, NULL, d));
    ck_assert_str_eq(d, "2023-03-03");
    ck_assert(date_of("the day before", "2024-04-22", "2024-04-21", d));
    ck_assert_str_eq(d, "2024-04-20");
    /* December news read in January: last year's December */
    ck_assert(date_of("on December 30", "2024-01-02", NULL, d));
    ck_assert_str_eq(d, "2023-12-30");
    ck_assert(!date_of("since early February", "2024-04-22", NULL, d));
    ck_assert(!date_of("on Sunday", NULL, NULL, d)); /* no publication date: unknown */
    incmap_date x;
    ck_assert(!incmap_date_parse("2024-02-30", &x));
    ck_assert(!incmap_date_parse("24-02-03", &x));
}
END_TEST

static qual qual_of(const char *s)
{
    incmap_ctx *ctx = incmap_ctx_create();
    mtok *t = NULL;
    size_t n = 0, ns = 0;
    incmap_tokenise(ctx, s, strlen(s), &t, &n, &ns);
    qual q;
    memset(&q, 0, sizeof q);
    incmap_qualifier_before(s, t, n - 1, &q); /* the last token is the name */
    free(t);
    incmap_ctx_destroy(ctx);
    return q;
}

/* Every name and abbreviation of months.txt and weekdays.txt dates a sentence: the lists are what
 * dates.c reads (a second language's month names would be a data edit). */
START_TEST(month_and_weekday_lists_date_sentences)
{
    char d[11], want[11], s[64];
    for (size_t i = 0; i < INCMAP_WL_N(incmap_wl_months); i++) {
        snprintf(s, sizeof s, "on 5 %s 2023", incmap_wl_months[i].word);
        s[5] = (char)toupper((unsigned char)s[5]); /* "April": the list is lower case */
        ck_assert_msg(date_of(s, NULL, NULL, d), "no date in '%s'", s);
        snprintf(want, sizeof want, "2023-%02d-05", incmap_wl_months[i].month);
        ck_assert_str_eq(d, want);
    }
    for (size_t i = 0; i < INCMAP_WL_N(incmap_wl_weekdays); i++) {
        /* 2024-04-22 was a Monday (day 0): Tuesday the 16th ... Sunday the 21st */
        int wd = incmap_wl_weekdays[i].day;
        snprintf(s, sizeof s, "A blast on %s", incmap_wl_weekdays[i].word);
        s[11] = (char)toupper((unsigned char)s[11]);
        ck_assert_msg(date_of(s, "2024-04-22", NULL, d), "no date in '%s'", s);
        snprintf(want, sizeof want, "2024-04-%02d", 22 - (7 - wd) % 7);
        ck_assert_str_eq(d, want);
    }
}
END_TEST

START_TEST(qualifiers_before_a_name)
{
    qual q = qual_of("exploded 15 km south of Kirkuk");
    ck_assert_int_eq(q.kind, QUAL_OFFSET);
    ck_assert_double_eq_tol(q.km, 15.0, 1e-9);
    ck_assert_double_eq_tol(q.az_deg, 180.0, 1e-9);
    ck_assert_str_eq(q.label, "15 km south");
    q = qual_of("ten miles north-east of Mosul");
    ck_assert_int_eq(q.kind, QUAL_OFFSET);
    ck_assert_double_eq_tol(q.km, 16.09344, 1e-6);
    ck_assert_double_eq_tol(q.az_deg, 45.0, 1e-9);
    ck_assert_int_eq(qual_of("on the outskirts of Raqqa").kind, QUAL_OUTSKIRTS);
    ck_assert_int_eq(qual_of("a checkpoint near the town of Rabia").kind, QUAL_NEAR);
    ck_assert_int_eq(qual_of("fired from Zummar").kind, QUAL_NONE);
}
END_TEST

/* ---- on the fixture gazetteer ---- */

static const incmap_mention *find(const incmap_mentions *m, const char *w)
{
    return mention_find(m, w); /* default_gz.c */
}

START_TEST(mentions_have_character_offsets)
{
    const char *s =
        "Le convoi a quitt\xC3\xA9 Erbil vers Zummar, pr\xC3\xA8s de la fronti\xC3\xA8re.";
    incmap_mentions *m = mentions_of(s);
    const incmap_mention *z = find(m, "Zummar");
    ck_assert_ptr_nonnull(z);
    ck_assert_int_eq(z->start, 30); /* "é" counts as one character */
    ck_assert_int_eq(z->end, 36);
    ck_assert_uint_eq(z->byte_start, 31);
    ck_assert_str_eq(incmap_place_country(z->place), "IQ");
    ck_assert_ptr_nonnull(find(m, "Erbil"));
    incmap_mentions_destroy(m);
}
END_TEST

START_TEST(people_organisations_and_days_are_not_places)
{
    incmap_mentions *m = mentions_of(
        "On Monday, Prime Minister Victoria Santos met President Jordan Miller at the White House. "
        "The Kataib Hezbollah militia and the Interior Ministry told Reuters in May that the "
        "spokesman Sydney Adams had left Basra.");
    ck_assert_ptr_null(find(m, "Monday"));
    ck_assert_ptr_null(find(m, "Victoria"));
    ck_assert_ptr_null(find(m, "Jordan"));
    ck_assert_ptr_null(find(m, "Sydney"));
    ck_assert_ptr_null(find(m, "White House"));
    ck_assert_ptr_null(find(m, "May"));
    ck_assert_ptr_null(find(m, "Reuters"));
    for (size_t i = 0; i < incmap_mentions_count(m); i++) {
        const char *t = incmap_mentions_get(m, i)->text;
        ck_assert_msg(strstr(t, "Hezbollah") == NULL && strstr(t, "Kataib") == NULL, "%s", t);
    }
    const incmap_mention *b = find(m, "Basra");
    ck_assert_ptr_nonnull(b);
    ck_assert_str_eq(incmap_place_country(b->place), "IQ");
    incmap_mentions_destroy(m);
}
END_TEST

START_TEST(demonyms_link_to_countries)
{
    incmap_mentions *m = mentions_of("Syrian and Iraqi officials met U.S. envoys in the UK.");
    const incmap_mention *s = find(m, "Syrian"), *i = find(m, "Iraqi"), *u = find(m, "U.S."),
                         *k = find(m, "UK");
    ck_assert(s != NULL && i != NULL && u != NULL && k != NULL);
    ck_assert_str_eq(incmap_place_country(s->place), "SY");
    ck_assert_int_eq(s->match, INCMAP_MATCH_DEMONYM);
    ck_assert_str_eq(incmap_place_country(i->place), "IQ");
    ck_assert_str_eq(incmap_place_country(u->place), "US");
    ck_assert_int_eq(incmap_place_kind(u->place), INCMAP_KIND_COUNTRY);
    ck_assert_str_eq(incmap_place_country(k->place), "GB");
    incmap_mentions_destroy(m);
}
END_TEST

START_TEST(context_picks_the_right_namesake)
{
    incmap_mentions *m = mentions_of(
        "Lebanese troops deployed in Tripoli after clashes, and Beirut sent reinforcements to "
        "the northern Lebanese city.");
    const incmap_mention *t = find(m, "Tripoli");
    ck_assert_ptr_nonnull(t);
    ck_assert_str_eq(incmap_place_country(t->place), "LB");
    incmap_mentions_destroy(m);
    m = mentions_of("Militias in Libya fought for control of Tripoli and Misrata.");
    t = find(m, "Tripoli");
    ck_assert_ptr_nonnull(t);
    ck_assert_str_eq(incmap_place_country(t->place), "LY");
    incmap_mentions_destroy(m);
    m = mentions_of("Iraqi police said an explosion shook Babylon province overnight.");
    t = find(m, "Babylon");
    ck_assert_ptr_nonnull(t);
    ck_assert_str_eq(incmap_place_country(t->place), "IQ");
    ck_assert_int_eq(incmap_place_kind(t->place), INCMAP_KIND_ADMIN1);
    incmap_mentions_destroy(m);
}
END_TEST

START_TEST(directional_regions_are_areas)
{
    incmap_mentions *m = mentions_of("Drones flew over northeastern Syria and northern Iraq.");
    const incmap_mention *a = find(m, "northeastern Syria"), *b = find(m, "northern Iraq");
    ck_assert(a != NULL && b != NULL);
    ck_assert_int_eq(incmap_place_kind(a->place), INCMAP_KIND_REGION);
    ck_assert_str_eq(incmap_place_country(a->place), "SY");
    ck_assert_str_eq(incmap_place_country(b->place), "IQ");
    ck_assert_int_eq(a->start, 17);
    incmap_mentions_destroy(m);
}
END_TEST

START_TEST(empty_and_placeless_text)
{
    incmap_mentions *m = mentions_of("");
    ck_assert_uint_eq(incmap_mentions_count(m), 0);
    incmap_mentions_destroy(m);
    m = mentions_of("nothing happened here today, they said.");
    ck_assert_uint_eq(incmap_mentions_count(m), 0);
    incmap_mentions_destroy(m);
    ck_assert_ptr_null(incmap_mentions_extract(gz, gctx, "Erbil\xFF", 6));
    ck_assert_int_eq(incmap_ctx_status(gctx), INCMAP_ERR_PARSE);
}
END_TEST

START_TEST(names_inside_names_whole_or_nothing)
{
    /* a building's or street's name is not the small town of its first word, nor a foreign
     * name's last word the country; an institution in a town keeps the town */
    incmap_mentions *m = mentions_of("Fans filled the Rogers Centre and the Stade de France. "
                                     "Toronto police said residents of Stoke Newington left.");
    ck_assert_ptr_null(find(m, "Rogers"));
    ck_assert_ptr_null(find(m, "France"));
    ck_assert_ptr_null(find(m, "Stoke"));
    const incmap_mention *t = find(m, "Toronto");
    ck_assert_ptr_nonnull(t);
    ck_assert_str_eq(incmap_place_country(t->place), "CA");
    incmap_mentions_destroy(m);
    /* the whole name when the gazetteer has it: a possessive inside it, a word never a place
     * alone ("Atlantic") inside it */
    m = mentions_of("The Democratic People's Republic of Korea said ships crossed the Atlantic "
                    "Ocean.");
    t = find(m, "Democratic People's Republic of Korea");
    ck_assert_ptr_nonnull(t);
    ck_assert_str_eq(incmap_place_country(t->place), "KP");
    ck_assert_ptr_nonnull(find(m, "Atlantic Ocean"));
    ck_assert_ptr_null(find(m, "Republic of Korea"));
    incmap_mentions_destroy(m);
}
END_TEST

START_TEST(places_honoured_by_facilities_and_streets_are_not_there)
{
    /* a person's name honoured by a building is no town of its middle word; a street named
     * after a place lies elsewhere, however big the place; a brand is no town; a building
     * opening with a big town's name keeps it */
    incmap_mentions *m = mentions_of(
        "She taught at Ellen Lowe Douglas High School on Hampton Avenue. The Delhi High Court "
        "heard the case. They ate at Salt + Smoke near the Anna Karl Golf Club.");
    static const char *const not_places[] = {"Douglas", "Hampton", "Salt", "Karl"};
    for (size_t i = 0; i < sizeof not_places / sizeof *not_places; i++) {
        ck_assert_msg(find(m, not_places[i]) == NULL, "%s", not_places[i]);
    }
    const incmap_mention *d = find(m, "Delhi");
    ck_assert_ptr_nonnull(d);
    ck_assert_str_eq(incmap_place_country(d->place), "IN");
    incmap_mentions_destroy(m);
    /* an article is not part of the honoured name; a big town owns its market */
    m = mentions_of(
        "Staff at the Delhi University Hospital waited. Rockets hit Mosul's Old Market.");
    ck_assert_ptr_nonnull(find(m, "Delhi"));
    ck_assert_ptr_nonnull(find(m, "Mosul"));
    incmap_mentions_destroy(m);
}
END_TEST

START_TEST(streets_and_buildings_lie_in_the_report_town)
{
    /* a street or building the gazetteer lacks is in the town named right after it, else in
     * the report's main town (named twice, more than any other); none without such a town */
    incmap_mentions *m = mentions_of(
        "Crowds gathered on Harbour Street in Basra. Police in Erbil said more came to Erbil. "
        "A guard stood at the Grand Lotus Hotel.");
    const incmap_mention *h = find(m, "Harbour Street"), *g = find(m, "Grand Lotus Hotel");
    ck_assert(h != NULL && g != NULL);
    ck_assert(h->in_locality && g->in_locality);
    ck_assert_str_eq(incmap_place_name(h->place), "Basra");
    ck_assert_str_eq(incmap_place_name(g->place), "Erbil");
    ck_assert(!find(m, "Basra")->in_locality);
    incmap_mentions_destroy(m);
    m = mentions_of("Crowds gathered on Harbour Street. Police in Erbil and Basra said so.");
    ck_assert_ptr_null(find(m, "Harbour Street"));
    incmap_mentions_destroy(m);
}
END_TEST

START_TEST(hyphenated_names_whole_and_codes_in_capitals)
{
    /* "Port-au-Prince": the lower-case word between two hyphens is part of the name, so the
     * longest name across the hyphens wins over its first word ("Port", Le Port on Reunion).
     * A short alias (an airport code: THE for Teresina) never names a place as a mixed-case
     * word: "The" after a dash or a photo credit is the article, wherever the sentence split
     * falls; the place by its own name still counts. */
    incmap_mentions *m = mentions_of("Aid reached Port-au-Prince on Monday. Erbil - The convoy "
                                     "left Teresina. Photo: Staff The event ended.");
    const incmap_mention *t = find(m, "Port-au-Prince");
    ck_assert_ptr_nonnull(t);
    ck_assert_str_eq(incmap_place_country(t->place), "HT");
    ck_assert_ptr_nonnull(find(m, "Teresina"));
    ck_assert_ptr_null(find(m, "Port"));
    ck_assert_ptr_null(find(m, "The"));
    incmap_mentions_destroy(m);
}
END_TEST

START_TEST(county_is_the_county_never_the_town)
{
    incmap_mentions *m =
        mentions_of("Deputies in Orange County and in Pike County searched the area.");
    const incmap_mention *o = find(m, "Orange County");
    ck_assert_ptr_nonnull(o);
    ck_assert_str_eq(incmap_place_id(o->place), "geonames_admin2:US.CA.059");
    ck_assert_ptr_null(find(m, "Orange"));
    /* no Pike County in the gazetteer: no feature rather than the village of Pike */
    ck_assert_ptr_null(find(m, "Pike"));
    incmap_mentions_destroy(m);
}
END_TEST

START_TEST(qualified_name_decides_later_mentions)
{
    /* "London, Ontario" once: every later bare London of the report is that one */
    incmap_mentions *m = mentions_of("Flooding closed roads in London, Ontario, on Monday. "
                                     "By Tuesday the water in London had fallen.");
    ck_assert_uint_ge(incmap_mentions_count(m), 3);
    size_t londons = 0;
    for (size_t i = 0; i < incmap_mentions_count(m); i++) {
        const incmap_mention *p = incmap_mentions_get(m, i);
        if (strcmp(p->text, "London") == 0) {
            londons++;
            ck_assert_str_eq(incmap_place_country(p->place), "CA");
        }
    }
    ck_assert_uint_eq(londons, 2);
    incmap_mentions_destroy(m);
    /* without the qualification, London is the capital */
    m = mentions_of("By Tuesday the water in London had fallen.");
    ck_assert_str_eq(incmap_place_country(find(m, "London")->place), "GB");
    incmap_mentions_destroy(m);
}
END_TEST

START_TEST(named_province_picks_its_town)
{
    /* Springfield, Illinois is the state capital; a report that names Massachusetts means its
     * Springfield */
    incmap_mentions *m =
        mentions_of("Officials in Massachusetts said the storm reached Springfield.");
    const incmap_mention *s = find(m, "Springfield");
    ck_assert_ptr_nonnull(s);
    ck_assert_str_eq(incmap_place_admin1(s->place), "Massachusetts");
    incmap_mentions_destroy(m);
    m = mentions_of("Officials said the storm reached Springfield.");
    ck_assert_str_ne(incmap_place_admin1(find(m, "Springfield")->place), "Massachusetts");
    incmap_mentions_destroy(m);
    /* one naming three states is about the country: the state capital again */
    m = mentions_of("Fans from Oregon, Texas and Massachusetts watched the final in Springfield.");
    ck_assert_str_eq(incmap_place_admin1(find(m, "Springfield")->place), "Illinois");
    incmap_mentions_destroy(m);
}
END_TEST

START_TEST(abbreviations_name_unions_provinces_and_countries)
{
    /* capitals or dots, alone: a union, a province, a country (T&T one token, not two letters) */
    incmap_mentions *m = mentions_of("EU ministers met officials from B.C. and the T&T mission. "
                                     "AT&T said the fort was built in 300 BC.");
    const incmap_mention *eu = find(m, "EU"), *bc = find(m, "B.C."), *tt = find(m, "T&T");
    ck_assert(eu != NULL && bc != NULL && tt != NULL);
    ck_assert_str_eq(incmap_place_name(eu->place), "European Union");
    ck_assert_str_eq(incmap_place_name(bc->place), "British Columbia");
    ck_assert_int_eq(incmap_place_kind(bc->place), INCMAP_KIND_ADMIN1);
    ck_assert_str_eq(incmap_place_country(tt->place), "TT");
    ck_assert_int_eq(tt->end - tt->start, 3);
    ck_assert_ptr_null(find(m, "BC")); /* a year */
    ck_assert_ptr_null(find(m, "AT&T"));
    incmap_mentions_destroy(m);
}
END_TEST

START_TEST(the_atlantic_is_the_ocean_not_the_magazine)
{
    /* a word never a place alone ("Atlantic") after a lower-case "the" is the ocean filed as "the
     * Atlantic", not the town of Atlantic; "The Atlantic" with a capital mid-sentence is not */
    incmap_mentions *m = mentions_of("Storms form in the tropical Atlantic and the north "
                                     "Atlantic. A scientist told The Atlantic that it was warm.");
    /* the two oceans first, then nothing: not the magazine, not Atlantic, Iowa */
    ck_assert_uint_eq(incmap_mentions_count(m), 2);
    ck_assert_str_eq(incmap_place_name(incmap_mentions_get(m, 0)->place), "Atlantic Ocean");
    ck_assert_str_eq(incmap_place_name(incmap_mentions_get(m, 1)->place), "Atlantic Ocean");
    incmap_mentions_destroy(m);
}
END_TEST

START_TEST(type_words_inside_names_are_no_places)
{
    /* "Republic" and "Union" are small US towns, but inside a longer name they are its type word */
    incmap_mentions *m = mentions_of("Envoys in the Republic of Armenia and in the Soviet Union "
                                     "were recalled.");
    ck_assert_ptr_null(find(m, "Republic"));
    ck_assert_ptr_null(find(m, "Union"));
    incmap_mentions_destroy(m);
}
END_TEST

START_TEST(big_city_beats_a_namesake_province_abroad)
{
    /* Portland parish, Jamaica is an admin-1 area; the bare name is Oregon's city of 650,000 */
    incmap_mentions *m = mentions_of("The team flew home to Portland after the game.");
    const incmap_mention *p = find(m, "Portland");
    ck_assert_ptr_nonnull(p);
    ck_assert_str_eq(incmap_place_country(p->place), "US");
    incmap_mentions_destroy(m);
}
END_TEST

START_TEST(province_named_in_another_form_decides_its_namesake)
{
    /* "Wash." after a town names the state; the bare "Washington" after it is that state, not
     * the capital, which it stays in a report that never names the state */
    incmap_mentions *m = mentions_of("Tacoma, Wash. The crew returned home to Washington on "
                                     "Monday after a week away.");
    const incmap_mention *w = find(m, "Washington");
    ck_assert_ptr_nonnull(w);
    ck_assert_int_eq(incmap_place_kind(w->place), INCMAP_KIND_ADMIN1);
    incmap_mentions_destroy(m);
    m = mentions_of("The crew returned home to Washington on Monday after a week away.");
    w = find(m, "Washington");
    ck_assert_ptr_nonnull(w);
    ck_assert_int_eq(incmap_place_kind(w->place), INCMAP_KIND_PLACE);
    ck_assert_str_eq(incmap_place_feature_code(w->place), "PPLC");
    incmap_mentions_destroy(m);
}
END_TEST

START_TEST(demonym_beats_a_village_of_its_name)
{
    /* English, Indiana (pop. 630) is an exact name, but news writes "English" for England */
    static const char *const texts[] = {"A legendary English pianist played in Paris.",
                                        "Paris agents were seen in the English city of London."};
    for (size_t k = 0; k < sizeof texts / sizeof *texts; k++) {
        incmap_mentions *m = mentions_of(texts[k]);
        const incmap_mention *e = find(m, "English");
        ck_assert_msg(e != NULL, "%s", texts[k]);
        ck_assert_str_eq(incmap_place_country(e->place), "GB");
        ck_assert_int_eq(e->match, INCMAP_MATCH_DEMONYM);
        incmap_mentions_destroy(m);
    }
}
END_TEST

START_TEST(admin_unit_named_with_its_type_word)
{
    /* GeoNames names admin-2 units with their type ("Masisi Territory"); news writes the type
     * word in lower case, and the bare name is no entry at all */
    incmap_mentions *m = mentions_of("Rebels held positions in Qarn Zawiya territory on Monday.");
    const incmap_mention *e = find(m, "Qarn Zawiya territory");
    ck_assert_msg(e != NULL, "the unit with its type word is one mention");
    ck_assert_str_eq(incmap_place_name(e->place), "Qarn Zawiya Territory");
    incmap_mentions_destroy(m);
}
END_TEST

START_TEST(a_count_before_a_country_abbreviation_is_no_era)
{
    /* "300 BC" is a year, but "60 US diplomats" and "the 2016 US operation" name the country */
    incmap_mentions *m = mentions_of("Paris said it would expel 60 US diplomats after the 2016 "
                                     "US operation. The fort was built in 300 BC.");
    size_t us = 0;
    for (size_t i = 0; i < incmap_mentions_count(m); i++) {
        const incmap_mention *p = incmap_mentions_get(m, i);
        if (strcmp(p->text, "US") == 0) {
            us++;
            ck_assert_int_eq(incmap_place_kind(p->place), INCMAP_KIND_COUNTRY);
            ck_assert_str_eq(incmap_place_country(p->place), "US");
        }
    }
    ck_assert_uint_eq(us, 2);
    ck_assert_ptr_null(find(m, "BC"));
    incmap_mentions_destroy(m);
}
END_TEST

static Suite *mentions_suite(void)
{
    Suite *s = suite_create("mentions");
    TCase *tc = tcase_create("text");
    tcase_add_test(tc, tokens_count_code_points_not_bytes);
    tcase_add_test(tc, sentences_split_on_stops_and_lines);
    tcase_add_test(tc, text_check_names_the_bad_byte);
    tcase_add_test(tc, text_check_names_utf16);
    tcase_add_test(tc, word_lists_and_numbers);
    tcase_add_test(tc, dates_resolve_against_publication);
    tcase_add_test(tc, month_and_weekday_lists_date_sentences);
    tcase_add_test(tc, qualifiers_before_a_name);
    suite_add_tcase(s, tc);
    TCase *tg = tcase_create("gazetteer");
    tcase_add_checked_fixture(tg, open_gazetteer, close_gazetteer);
    tcase_set_timeout(tg, 60);
    tcase_add_test(tg, mentions_have_character_offsets);
    tcase_add_test(tg, people_organisations_and_days_are_not_places);
    tcase_add_test(tg, demonyms_link_to_countries);
    tcase_add_test(tg, context_picks_the_right_namesake);
    tcase_add_test(tg, names_inside_names_whole_or_nothing);
    tcase_add_test(tg, places_honoured_by_facilities_and_streets_are_not_there);
    tcase_add_test(tg, streets_and_buildings_lie_in_the_report_town);
    tcase_add_test(tg, hyphenated_names_whole_and_codes_in_capitals);
    tcase_add_test(tg, county_is_the_county_never_the_town);
    tcase_add_test(tg, qualified_name_decides_later_mentions);
    tcase_add_test(tg, named_province_picks_its_town);
    tcase_add_test(tg, directional_regions_are_areas);
    tcase_add_test(tg, abbreviations_name_unions_provinces_and_countries);
    tcase_add_test(tg, the_atlantic_is_the_ocean_not_the_magazine);
    tcase_add_test(tg, type_words_inside_names_are_no_places);
    tcase_add_test(tg, big_city_beats_a_namesake_province_abroad);
    tcase_add_test(tg, province_named_in_another_form_decides_its_namesake);
    tcase_add_test(tg, demonym_beats_a_village_of_its_name);
    tcase_add_test(tg, a_count_before_a_country_abbreviation_is_no_era);
    tcase_add_test(tg, admin_unit_named_with_its_type_word);
    tcase_add_test(tg, empty_and_placeless_text);
    suite_add_tcase(s, tg);
    return s;
}

int main(void)
{
    return run_suite(mentions_suite());
}

/* Text stage: the word lists generated from src/text/words/ (text/wordlists.h) are well formed
 * (non-empty, sorted, no duplicates, lower-case UTF-8 keys) and are what the lookups of words.c
 * use: every entry of a list is found by its lookup, in any case. No gazetteer needed. */
#include "testutil.h"
#include "text/fold.h"
#include "text/text.h"
#include "text/wordlists.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static const char *key_of(const incmap_wordlist_info *wl, size_t i)
{
    return *(const char *const *)((const char *)wl->rows + i * wl->stride);
}

START_TEST(every_list_is_sorted_unique_and_lower_case)
{
    for (size_t l = 0; l < INCMAP_WL_N(incmap_wordlists); l++) {
        const incmap_wordlist_info *wl = &incmap_wordlists[l];
        ck_assert_msg(wl->n > 0, "%s is empty", wl->name);
        for (size_t i = 0; i < wl->n; i++) {
            const char *k = key_of(wl, i);
            size_t len = strlen(k);
            ck_assert_msg(len > 0 && len < 32, "%s: key %zu has %zu bytes", wl->name, i, len);
            ck_assert_msg(incmap_utf8_check(k, len, NULL), "%s: '%s' is not UTF-8", wl->name, k);
            for (size_t j = 0; j < len; j++) {
                ck_assert_msg(!isupper((unsigned char)k[j]) && !isspace((unsigned char)k[j]),
                              "%s: '%s' has upper case or a space", wl->name, k);
            }
            /* strictly increasing: sorted for bsearch, and no key twice */
            ck_assert_msg(i == 0 || strcmp(key_of(wl, i - 1), k) < 0, "%s: '%s' after '%s'",
                          wl->name, k, key_of(wl, i - 1));
        }
    }
}
END_TEST

/* Each WL_* value and the generated list its lookup must search. */
static const struct {
    wordlist wl;
    const char *const *words;
    size_t n;
} wl_files[] = {
#define F(e, name)                                                                                 \
    {                                                                                              \
        e, incmap_wl_##name, INCMAP_WL_N(incmap_wl_##name)                                         \
    }
    F(WL_STOP, stop),       F(WL_DAYMONTH, daymonth), F(WL_TITLE, title),   F(WL_ORG, org),
    F(WL_CONNECT, connect), F(WL_ADMIN, admin),       F(WL_SETTLE, settle), F(WL_PREP, prep),
    F(WL_FUNC, func),       F(WL_SPEECH, speech),     F(WL_MEDIA, media),   F(WL_ABBREV, abbrev),
#undef F
};

/* Membership in one list only: a lookup that searched another list would fail on some entry. */
START_TEST(every_entry_is_found_by_its_lookup_in_any_case)
{
    ck_assert_uint_eq(INCMAP_WL_N(wl_files), WL_ABBREV + 1);
    for (size_t l = 0; l < INCMAP_WL_N(wl_files); l++) {
        for (size_t i = 0; i < wl_files[l].n; i++) {
            const char *w = wl_files[l].words[i];
            char up[32];
            size_t n = strlen(w);
            for (size_t j = 0; j <= n; j++) {
                up[j] = (char)toupper((unsigned char)w[j]);
            }
            ck_assert_msg(incmap_word_in(wl_files[l].wl, w, n), "list %zu: '%s' not found", l, w);
            ck_assert_msg(incmap_word_in(wl_files[l].wl, up, n), "list %zu: '%s' not found", l, up);
        }
        ck_assert(!incmap_word_in(wl_files[l].wl, "zummar", 6));
    }
    /* and the lists are not all the same: a title is no weekday */
    ck_assert(incmap_word_in(WL_TITLE, "General", 7));
    ck_assert(!incmap_word_in(WL_DAYMONTH, "General", 7));
}
END_TEST

START_TEST(directions_and_numbers_come_from_their_lists)
{
    for (size_t i = 0; i < INCMAP_WL_N(incmap_wl_directions); i++) {
        const char *w = incmap_wl_directions[i].word;
        const char *got = incmap_word_direction(w, strlen(w));
        ck_assert_msg(got != NULL && strcmp(got, incmap_wl_directions[i].canonical) == 0,
                      "direction '%s' -> %s", w, got != NULL ? got : "NULL");
    }
    for (size_t i = 0; i < INCMAP_WL_N(incmap_wl_numbers); i++) {
        const char *w = incmap_wl_numbers[i].word;
        ck_assert_int_eq(incmap_word_number(w, strlen(w)), incmap_wl_numbers[i].value);
    }
    /* incmap_wl_find: exact keys of any row type, NULL otherwise */
    const incmap_wl_numbers_row *r = incmap_wl_find(
        incmap_wl_numbers, INCMAP_WL_N(incmap_wl_numbers), sizeof incmap_wl_numbers[0], "dozen");
    ck_assert_ptr_nonnull(r);
    ck_assert_int_eq(r->value, 12);
    ck_assert_ptr_null(incmap_wl_find(incmap_wl_numbers, INCMAP_WL_N(incmap_wl_numbers),
                                      sizeof incmap_wl_numbers[0], "Dozen"));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("words");
    TCase *tc = tcase_create("lists");
    tcase_add_test(tc, every_list_is_sorted_unique_and_lower_case);
    tcase_add_test(tc, every_entry_is_found_by_its_lookup_in_any_case);
    tcase_add_test(tc, directions_and_numbers_come_from_their_lists);
    suite_add_tcase(s, tc);
    return run_suite(s);
}

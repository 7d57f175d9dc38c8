/* Text stage: lookups in the closed word lists of the geoparser (English news usage). The lists
 * themselves are data, src/text/words/, generated into text/wordlists.c sorted by key (strcmp
 * order), so that incmap_word_in can binary-search them. */
#include "text/text.h"
#include "text/wordlists.h"

#include <stdlib.h>
#include <string.h>

/* The WL_* lists, in the order of the wordlist enum (text.h). */
#define WL(name)                                                                                   \
    {                                                                                              \
        incmap_wl_##name, INCMAP_WL_N(incmap_wl_##name)                                            \
    }
static const struct {
    const char *const *words;
    size_t n;
} lists[] = {
    WL(stop),   WL(daymonth), WL(title), WL(org),    WL(connect), WL(admin),
    WL(settle), WL(prep),     WL(func),  WL(speech), WL(media),   WL(abbrev),
};
#undef WL
_Static_assert(sizeof lists / sizeof lists[0] == WL_ABBREV + 1, "one list per wordlist value");

/* Compares a key with a row: every generated row starts with its key (a string or a struct whose
 * first member is one), so the row's address is that of its key pointer. */
static int cmp_word(const void *key, const void *elem)
{
    const unsigned char *a = key, *b = *(const unsigned char *const *)elem;
    if (a[0] != b[0]) {
        return a[0] < b[0] ? -1 : 1; /* most steps of a search end here, without a call */
    }
    return strcmp(key, *(const char *const *)elem);
}

const void *incmap_wl_find(const void *rows, size_t n, size_t stride, const char *key)
{
    return bsearch(key, rows, n, stride, cmp_word);
}

/* Lower-cases ASCII into buf; false when the word is too long for any list or not ASCII-ish. */
static bool lower_copy(const char *s, size_t n, char *buf, size_t cap)
{
    if (n == 0 || n >= cap) {
        return false;
    }
    bool ascii = true;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        buf[i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        ascii = ascii && (unsigned char)c < 0x80;
    }
    /* typographic apostrophe (U+2019) -> ' so "it’s" matches "it's"; most words are ASCII and
     * need no search (the strstr was 2% of extraction's instructions) */
    buf[n] = '\0';
    char *q = ascii ? NULL : strstr(buf, "\xE2\x80\x99");
    if (q != NULL) {
        *q = '\'';
        memmove(q + 1, q + 3, strlen(q + 3) + 1);
    }
    return true;
}

bool incmap_word_in(wordlist wl, const char *s, size_t n)
{
    char buf[32];
    if (!lower_copy(s, n, buf, sizeof buf)) {
        return false;
    }
    return bsearch(buf, lists[wl].words, lists[wl].n, sizeof(char *), cmp_word) != NULL;
}

const char *incmap_word_direction(const char *s, size_t n)
{
    char buf[32];
    if (!lower_copy(s, n, buf, sizeof buf)) {
        return NULL;
    }
    const incmap_wl_directions_row *d =
        incmap_wl_find(incmap_wl_directions, INCMAP_WL_N(incmap_wl_directions),
                       sizeof incmap_wl_directions[0], buf);
    return d != NULL ? d->canonical : NULL;
}

long incmap_word_number(const char *s, size_t n)
{
    char buf[32];
    if (!lower_copy(s, n, buf, sizeof buf)) {
        return -1;
    }
    if (buf[0] >= '0' && buf[0] <= '9') {
        long v = 0;
        for (size_t i = 0; buf[i] != '\0'; i++) {
            if (buf[i] == ',') {
                continue; /* "1,200" */
            }
            if (buf[i] < '0' || buf[i] > '9' || v > 100000000) {
                return -1;
            }
            v = v * 10 + (buf[i] - '0');
        }
        return v;
    }
    const incmap_wl_numbers_row *w = incmap_wl_find(
        incmap_wl_numbers, INCMAP_WL_N(incmap_wl_numbers), sizeof incmap_wl_numbers[0], buf);
    return w != NULL ? w->value : -1;
}

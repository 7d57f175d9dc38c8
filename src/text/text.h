/* Internal header of the text stage (src/text/): tokens with byte and code-point offsets and
 * sentence numbers (tokenize.c), the closed word lists (words.c) and UTF-8 folding (fold.h).
 * Nothing here knows about places: the geoparse stage builds on it. */
#ifndef INCMAP_TEXT_H
#define INCMAP_TEXT_H

#include "core/core.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
    TOK_WORD = 1 << 0,     /* letters/digits */
    TOK_CAP = 1 << 1,      /* starts with an upper-case letter, or a caseless script (Arabic) */
    TOK_NUM = 1 << 2,      /* digits only */
    TOK_PUNCT = 1 << 3,    /* anything else, one code point per token */
    TOK_SENT = 1 << 4,     /* first word of a sentence */
    TOK_SPACE = 1 << 5,    /* whitespace before it */
    TOK_ABBR = 1 << 6,     /* "U.S.", "U.K.": letters with dots, not a sentence end */
    TOK_CASELESS = 1 << 7, /* Arabic, Hebrew, CJK... : capitalisation is no evidence */
    TOK_ALLCAPS = 1 << 8,  /* "NATO", "UN" (2+ letters, all upper case) */
    TOK_PARA = 1 << 9      /* first token after a blank line or newline */
};

typedef struct {
    uint32_t b0, b1; /* bytes [b0, b1) */
    uint32_t c0, c1; /* code points [c0, c1) */
    uint32_t sent;   /* sentence number */
    uint16_t flags;
} mtok;

/* tokenize.c: splits TEXT into tokens (owned array, free()). Assumes valid UTF-8. */
incmap_status incmap_tokenise(incmap_ctx *ctx, const char *text, size_t len, mtok **out,
                              size_t *ntok, size_t *nsent);

/* words.c: closed word lists, compared case-insensitively (ASCII folding). The lists are data
 * (src/text/words/, generated into text/wordlists.h); these are the lookups in them. */
typedef enum {
    WL_STOP,     /* common words that start sentences: "The", "This", "According" */
    WL_DAYMONTH, /* weekdays and months */
    WL_TITLE,    /* honorifics and offices before a person's name */
    WL_ORG,      /* words that make a capitalised run an organisation */
    WL_CONNECT,  /* lower-case links inside names: of, de, al, el, bin */
    WL_ADMIN,    /* province, governorate, region, district ... */
    WL_SETTLE,   /* town, city, village ... */
    WL_PREP,     /* place prepositions: in, near, from, at, towards ... */
    WL_FUNC,     /* function words after a modifier check: on, in, and, was, said ... */
    WL_SPEECH,   /* said, told, says: after a person's name */
    WL_MEDIA,    /* news agencies, outlets, and words never a place alone (Atlantic, Arab) */
    WL_ABBREV    /* St, Mt, Gen, Dr: a following '.' does not end the sentence */
} wordlist;
bool incmap_word_in(wordlist wl, const char *s, size_t n);
/* Direction word ("northeastern", "north-east", "Northern") -> canonical adjective
 * ("northeastern") or NULL. */
const char *incmap_word_direction(const char *s, size_t n);
/* Number word or digits ("eight", "12", "a dozen") -> value, or -1. */
long incmap_word_number(const char *s, size_t n);
/* The row of a generated word list (text/wordlists.h: N rows of STRIDE bytes, sorted by their key,
 * the first member) whose key is KEY, compared exactly (lower-case it first), or NULL. */
const void *incmap_wl_find(const void *rows, size_t n, size_t stride, const char *key);

/* Small token helpers shared by the stages. */
static inline bool tok_is(const char *text, const mtok *t, const char *w)
{
    size_t n = t->b1 - t->b0;
    for (size_t i = 0; i < n; i++) {
        char c = text[t->b0 + i];
        if (c >= 'A' && c <= 'Z') {
            c = (char)(c - 'A' + 'a');
        }
        if (w[i] == '\0' || w[i] != c) {
            return false;
        }
    }
    return w[n] == '\0';
}

/* True when token t is one of the N words of LIST (lower case; compared as tok_is). */
static inline bool tok_among(const char *text, const mtok *t, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (tok_is(text, t, list[i])) {
            return true;
        }
    }
    return false;
}

#endif

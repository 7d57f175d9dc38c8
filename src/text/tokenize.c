/* Tokeniser of the geoparser: UTF-8 text -> word and punctuation tokens with byte and code-point
 * offsets, capitalisation flags and sentence numbers. One pass, one growing array: no per-token
 * allocation, so a 2 KB report costs a few microseconds. Also the input check (UTF-8, NUL, binary).
 */
#include "core/core.h"
#include "core/vec.h"
#include "text/text.h"

#include <stdlib.h>
#include <string.h>

/* Decodes one code point at s[i]; returns its length, 0 when the sequence is invalid. */
static size_t utf8_decode(const unsigned char *s, size_t len, size_t i, uint32_t *cp)
{
    unsigned char c = s[i];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (n == 0 || c > 0xF4 || i + n > len) {
        return 0;
    }
    uint32_t v = c & (0x7F >> n);
    for (size_t k = 1; k < n; k++) {
        if ((s[i + k] & 0xC0) != 0x80) {
            return 0;
        }
        v = (v << 6) | (s[i + k] & 0x3F);
    }
    /* overlong forms, surrogates and values past U+10FFFF are invalid */
    if ((n == 3 && v < 0x800) || (n == 4 && (v < 0x10000 || v > 0x10FFFF)) ||
        (v >= 0xD800 && v <= 0xDFFF)) {
        return 0;
    }
    *cp = v;
    return n;
}

/* UTF-16 text: a byte order mark (FF FE or FE FF), or, without one, a NUL in every other byte
 * of the start (ASCII letters in UTF-16LE or BE). Said as such rather than as a NUL byte. */
static bool looks_utf16(const unsigned char *s, size_t len)
{
    if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
        return true;
    }
    size_t n = (len < 64 ? len : 64) & ~(size_t)1, even = 0, odd = 0;
    for (size_t i = 0; i < n; i += 2) {
        even += s[i] == 0 && s[i + 1] != 0;
        odd += s[i + 1] == 0 && s[i] != 0;
    }
    return n >= 4 && (even == n / 2 || odd == n / 2);
}

incmap_status incmap_text_check(incmap_ctx *ctx, const char *text, size_t len)
{
    if (len > INCMAP_TEXT_MAX_BYTES) {
        return incmap_fail(ctx, INCMAP_ERR_LIMIT,
                           "input is %zu bytes, over the limit of %zu bytes (16 MiB)", len,
                           INCMAP_TEXT_MAX_BYTES);
    }
    if (looks_utf16((const unsigned char *)text, len)) {
        return incmap_fail(ctx, INCMAP_ERR_PARSE,
                           "UTF-16 is not supported, convert to UTF-8 (e.g. iconv -f UTF-16 -t "
                           "UTF-8)");
    }
    const unsigned char *s = (const unsigned char *)text;
    size_t controls = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp = 0;
        if (s[i] == 0) {
            return incmap_fail(ctx, INCMAP_ERR_PARSE,
                               "input contains a NUL byte at byte %zu: binary data, not text", i);
        }
        size_t n = utf8_decode(s, len, i, &cp);
        if (n == 0) {
            return incmap_fail(ctx, INCMAP_ERR_PARSE, "invalid UTF-8 at byte %zu (0x%02X)", i,
                               s[i]);
        }
        if (cp < 0x20 && cp != '\n' && cp != '\r' && cp != '\t' && cp != '\f') {
            controls++;
        }
        i += n;
    }
    /* Valid UTF-8 full of control characters is still a binary file. */
    if (len >= 64 && controls * 20 > len) {
        return incmap_fail(ctx, INCMAP_ERR_PARSE,
                           "input looks binary (%zu control characters in %zu bytes)", controls,
                           len);
    }
    return INCMAP_OK;
}

static bool is_upper_cp(uint32_t c)
{
    if (c < 0x80) {
        return c >= 'A' && c <= 'Z';
    }
    if (c >= 0xC0 && c <= 0xDE) {
        return c != 0xD7;
    }
    if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177) || (c >= 0x1E00 && c <= 0x1EFF)) {
        return c % 2 == 0;
    }
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) {
        return c % 2 == 1;
    }
    return (c >= 0x386 && c <= 0x3AB) || (c >= 0x400 && c <= 0x42F) || c == 0x178;
}

static bool is_caseless_letter(uint32_t c)
{
    return (c >= 0x5D0 && c <= 0x5EA) || /* Hebrew */
           (c >= 0x620 && c <= 0x64A) || /* Arabic */
           (c >= 0x66E && c <= 0x6D3) || (c >= 0x6FA && c <= 0x6FF) ||
           (c >= 0x4E00 && c <= 0x9FFF) || /* CJK */
           (c >= 0xAC00 && c <= 0xD7A3);   /* Hangul */
}

static bool is_letter_cp(uint32_t c)
{
    if (c < 0x80) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
    if (c == 0xD7 || c == 0xF7 || c < 0xC0) {
        return c == 0xAA || c == 0xBA || c == 0xB5;
    }
    if (c >= 0x2000 && c <= 0x2BFF) { /* punctuation, symbols, arrows */
        return false;
    }
    if ((c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF0F) ||
        (c >= 0x600 && c <= 0x61F) || c == 0x66A || c == 0x66B || c == 0x66C || c == 0x6D4) {
        return false;
    }
    return true; /* letters, marks and digits of other scripts */
}

static bool is_space_cp(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 ||
           (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x3000 || c == 0xFEFF ||
           c == 0x2060; /* byte-order mark, word joiner */
}

typedef struct {
    mtok *tok;
    size_t n, cap;
} tokvec;

static bool push(tokvec *v, mtok t)
{
    if (incmap_grow((void **)&v->tok, &v->cap, v->n + 1, sizeof *v->tok) != INCMAP_OK) {
        return false;
    }
    v->tok[v->n++] = t;
    return true;
}

/* An abbreviation with dots ("U.S.", "U.K.", "a.m."): single letters each followed by '.'. */
static size_t abbr_len(const char *s, size_t len, size_t i)
{
    size_t j = i, letters = 0;
    while (j + 1 < len && ((s[j] >= 'A' && s[j] <= 'Z') || (s[j] >= 'a' && s[j] <= 'z')) &&
           s[j + 1] == '.') {
        j += 2;
        letters++;
    }
    if (letters < 2 ||
        (j < len && ((s[j] >= 'A' && s[j] <= 'Z') || (s[j] >= 'a' && s[j] <= 'z')))) {
        return 0;
    }
    return j - i;
}

static bool ascii_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

/* Capitals joined by an ampersand ("T&T", "AT&T", "P&O"): one name, not two letters and a sign.
 * Returns its length, 0 when there is none at I. */
static size_t amp_len(const char *s, size_t len, size_t i)
{
    size_t j = i;
    while (j < len && ascii_upper(s[j])) {
        j++;
    }
    if (j == i || j + 1 >= len || s[j] != '&' || !ascii_upper(s[j + 1])) {
        return 0;
    }
    j++;
    while (j < len && ascii_upper(s[j])) {
        j++;
    }
    if (j < len && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] & 0x80))) {
        return 0; /* "R&Damage": not a run of capitals */
    }
    return j - i;
}

incmap_status incmap_tokenise(incmap_ctx *ctx, const char *text, size_t len, mtok **out,
                              size_t *ntok, size_t *nsent)
{
    const unsigned char *s = (const unsigned char *)text;
    tokvec v = {NULL, 0, 0};
    uint32_t cpos = 0, sent = 0;
    bool space = true, sent_start = true, para = true;
    size_t i = 0;
    while (i < len) {
        uint32_t cp = 0;
        size_t n = utf8_decode(s, len, i, &cp);
        if (n == 0) { /* checked by the caller; be safe on bad bytes anyway */
            n = 1;
            cp = 0xFFFD;
        }
        if (is_space_cp(cp)) {
            if (cp == '\n') {
                para = true;
                if (!sent_start && v.n > 0) {
                    sent++; /* a line break ends a headline or a list item */
                    sent_start = true;
                }
            }
            space = true;
            i += n;
            cpos++;
            continue;
        }
        mtok t = {(uint32_t)i, 0, cpos, 0, sent, 0};
        size_t ab = abbr_len(text, len, i), amp = ab > 0 ? 0 : amp_len(text, len, i);
        if (ab > 0) {
            t.flags = TOK_WORD | TOK_ABBR | (is_upper_cp(cp) ? TOK_CAP : 0);
            i += ab;
            cpos += (uint32_t)ab;
        } else if (amp > 0) {
            t.flags = TOK_WORD | TOK_CAP | TOK_ALLCAPS;
            i += amp;
            cpos += (uint32_t)amp;
        } else if (is_letter_cp(cp)) {
            bool digits = true, allcaps = true;
            size_t letters = 0;
            t.flags = TOK_WORD;
            if (is_upper_cp(cp)) {
                t.flags |= TOK_CAP;
            } else if (is_caseless_letter(cp)) {
                t.flags |= TOK_CAP | TOK_CASELESS;
            }
            while (i < len) {
                uint32_t c2 = 0;
                size_t n2 = utf8_decode(s, len, i, &c2);
                if (n2 == 0) {
                    break;
                }
                if (!is_letter_cp(c2)) {
                    /* an apostrophe between letters stays inside: N'Djamena, d'Enghien */
                    bool apos = (c2 == '\'' || c2 == 0x2019) && i + n2 < len;
                    uint32_t c3 = 0;
                    if (!apos || utf8_decode(s, len, i + n2, &c3) == 0 || !is_letter_cp(c3) ||
                        ((c3 == 's' || c3 == 't') &&
                         (i + n2 + 1 >= len || !is_letter_cp(s[i + n2 + 1])))) {
                        break; /* "Iraq's", "don't" split before the apostrophe */
                    }
                }
                digits = digits && c2 >= '0' && c2 <= '9';
                allcaps = allcaps && (is_upper_cp(c2) || c2 == '\'' || c2 == 0x2019);
                letters++;
                i += n2;
                cpos++;
            }
            if (digits) {
                t.flags = TOK_WORD | TOK_NUM;
            } else if (allcaps && letters >= 2) {
                t.flags |= TOK_ALLCAPS;
            }
        } else {
            t.flags = TOK_PUNCT;
            i += n;
            cpos++;
        }
        t.b1 = (uint32_t)i;
        t.c1 = cpos;
        if (space) {
            t.flags |= TOK_SPACE;
        }
        if (para) {
            t.flags |= TOK_PARA;
        }
        if (sent_start && (t.flags & TOK_WORD)) {
            t.flags |= TOK_SENT;
            sent_start = false;
        } else if ((t.flags & TOK_WORD) && v.n > 0 && (v.tok[v.n - 1].flags & TOK_PUNCT) &&
                   v.tok[v.n - 1].b1 == t.b0 && ((v.tok[v.n - 1].flags & TOK_SPACE) || v.n == 1) &&
                   (text[v.tok[v.n - 1].b0] == '"' ||
                    memcmp(text + v.tok[v.n - 1].b0, "\xE2\x80\x9C", 3) == 0)) {
            t.flags |= TOK_SENT; /* a quotation opens with a capital like a sentence */
        }
        t.sent = sent;
        if (!push(&v, t)) {
            free(v.tok);
            return incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory tokenising the text");
        }
        /* '.', '!' and '?' end a sentence (abbreviations were consumed above); a following
         * closing quote or bracket stays in the old sentence because it has no word flag. */
        bool short_form = cp == '.' && v.n >= 2 && (v.tok[v.n - 2].flags & TOK_WORD) &&
                          v.tok[v.n - 2].b1 == t.b0 &&
                          incmap_word_in(WL_ABBREV, text + v.tok[v.n - 2].b0,
                                         v.tok[v.n - 2].b1 - v.tok[v.n - 2].b0);
        if ((t.flags & TOK_PUNCT) && (cp == '.' || cp == '!' || cp == '?') && !sent_start &&
            !short_form) {
            sent++;
            sent_start = true;
        }
        space = false;
        para = false;
    }
    *out = v.tok;
    *ntok = v.n;
    *nsent = v.n > 0 ? (size_t)sent + (sent_start ? 0 : 1) : 0;
    return INCMAP_OK;
}

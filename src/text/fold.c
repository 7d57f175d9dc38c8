/* Name folding: UTF-8 validation, the folded key the gazetteer hashes, and the two variant
 * transforms (Arabic articles, transliteration skeleton) that let the many romanisations of one
 * Arabic place name meet. The query side and the index side call the same functions, so any
 * rule applied here is symmetric by construction.
 * Hand-written over generated tables (fold_tables.c), not ICU: a process that opens ICU's
 * "Any-Latin; Latin-ASCII; Lower" transliterator took 76-87 ms against 18-20 ms for an empty
 * process (medians of 11, load 13), far more than a whole 4 ms lookup. */
#include "text/fold.h"

#include <string.h>

/* Decodes one code point at s[i]; returns its byte length, or 0 when the sequence is malformed. */
static size_t utf8_decode(const unsigned char *s, size_t len, size_t i, uint32_t *cp)
{
    unsigned c = s[i];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t n;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2, v = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3, v = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4, v = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (len - i < n) {
        return 0;
    }
    for (size_t k = 1; k < n; k++) {
        if ((s[i + k] & 0xC0) != 0x80) {
            return 0;
        }
        v = (v << 6) | (s[i + k] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        return 0;
    }
    *cp = v;
    return n;
}

bool incmap_utf8_check(const char *s, size_t len, size_t *bad_at)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t cp;
    for (size_t i = 0; i < len;) {
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = utf8_decode(u, len, i, &cp);
        if (n == 0) {
            if (bad_at != NULL) {
                *bad_at = i;
            }
            return false;
        }
        i += n;
    }
    return true;
}

static size_t put_utf8(char *out, uint32_t cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Marks that romanisations write for ayn and hamza, and the apostrophes that stand in for them:
 * they are dropped, not turned into spaces, so Ba'qubah and Baqubah meet. */
static bool is_apostrophe(uint32_t cp)
{
    return cp == '\'' || cp == '`' || cp == 0x00B4 || (cp >= 0x02B9 && cp <= 0x02BF) ||
           cp == 0x02C8 || cp == 0x02CA || cp == 0x02CB || (cp >= 0x2018 && cp <= 0x201B) ||
           cp == 0x2032 || cp == 0xFF07;
}

/* Arabic normalisation. Returns the replacement code point, 0 to drop, or ' ' for punctuation. */
static uint32_t fold_arabic(uint32_t cp)
{
    if ((cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || cp == 0x0640) {
        return 0; /* tashkeel, superscript alef, tatweel */
    }
    switch (cp) {
    case 0x0622: /* alef with madda, hamza above, hamza below, wasla */
    case 0x0623:
    case 0x0625:
    case 0x0671:
        return 0x0627;
    case 0x0649: /* alef maqsura */
    case 0x06CC: /* Farsi yeh */
    case 0x0626: /* yeh with hamza */
        return 0x064A;
    case 0x0629: /* ta marbuta */
        return 0x0647;
    case 0x0624: /* waw with hamza */
        return 0x0648;
    case 0x06A9: /* keheh */
        return 0x0643;
    case 0x060C: /* Arabic comma, semicolon, question mark, percent and stops */
    case 0x061B:
    case 0x061F:
    case 0x066A:
    case 0x066B:
    case 0x066C:
    case 0x066D:
    case 0x06D4:
        return ' ';
    default:
        break;
    }
    if (cp >= 0x0660 && cp <= 0x0669) {
        return '0' + (cp - 0x0660);
    }
    if (cp >= 0x06F0 && cp <= 0x06F9) {
        return '0' + (cp - 0x06F0);
    }
    return cp;
}

size_t incmap_fold(const char *s, size_t len, char *out, size_t cap)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t o = 0;
    bool pending_space = false;
    if (cap < INCMAP_FOLD_CAP(len)) {
        return SIZE_MAX;
    }
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        char tmp[4];
        const char *rep;
        size_t rep_len;
        size_t n = u[i] < 0x80 ? (cp = u[i], 1) : utf8_decode(u, len, i, &cp);
        if (n == 0) {
            return SIZE_MAX;
        }
        i += n;
        if (cp < 0x80) {
            if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
                tmp[0] = (char)cp;
            } else if (cp >= 'A' && cp <= 'Z') {
                tmp[0] = (char)(cp + 32);
            } else if (is_apostrophe(cp)) {
                continue;
            } else {
                tmp[0] = ' ';
            }
            rep = tmp, rep_len = 1;
        } else if (is_apostrophe(cp) || (cp >= 0x0300 && cp <= 0x036F) || cp == 0xFEFF ||
                   (cp >= 0x200B && cp <= 0x200F) || cp == 0x2060) {
            continue; /* apostrophes, combining marks, zero-width joiners and marks */
        } else if (cp >= 0x0600 && cp <= 0x06FF) {
            uint32_t a = fold_arabic(cp);
            if (a == 0) {
                continue;
            }
            rep = tmp, rep_len = put_utf8(tmp, a);
        } else if ((cp >= 0x2000 && cp <= 0x206F) || cp == 0x3000 ||
                   (cp >= 0x02C0 && cp <= 0x02FF)) {
            rep = " ", rep_len = 1; /* general punctuation, ideographic space, modifier letters */
        } else if ((rep = incmap_fold_table_lookup(cp)) != NULL) {
            rep_len = strlen(rep);
        } else {
            rep = s + i - n, rep_len = n;
        }
        for (size_t k = 0; k < rep_len; k++) {
            if (rep[k] == ' ') {
                pending_space = o > 0;
                continue;
            }
            if (pending_space) {
                out[o++] = ' ';
                pending_space = false;
            }
            out[o++] = rep[k];
        }
    }
    out[o] = '\0';
    return o;
}

/* Article words of romanised Arabic, sun-letter assimilations included (ad-Dawr, as-Sulaymaniyah,
 * ash-Shaddadi, ...). Removing them only ever produces ALIAS or VARIANT keys. Not a list in
 * src/text/words/ on purpose: the keys of every built gazetteer index depend on it, so changing it
 * means rebuilding gazetteers, not editing data. */
static bool is_article(const char *w, size_t n)
{
    static const char *const articles[] = {"al",  "el",  "il",  "ul", "ad", "ed", "as",
                                           "es",  "ash", "esh", "ar", "er", "at", "et",
                                           "ath", "adh", "an",  "en", "az", "ez", "aj"};
    for (size_t i = 0; i < sizeof articles / sizeof articles[0]; i++) {
        if (strlen(articles[i]) == n && memcmp(articles[i], w, n) == 0) {
            return true;
        }
    }
    return false;
}

size_t incmap_fold_strip_articles(const char *key, size_t len, char *out, size_t cap)
{
    static const char arabic_al[] = "\xd8\xa7\xd9\x84"; /* ال */
    size_t o = 0, nwords = 0;
    if (cap < len + 1) {
        return SIZE_MAX;
    }
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && key[j] != ' ') {
            j++;
        }
        const char *w = key + i;
        size_t n = j - i;
        bool last = j >= len;
        if (is_article(w, n) && !last) {
            i = j + 1; /* drop the article and its space; a trailing "al" stays a word */
            continue;
        }
        if (n > 6 && memcmp(w, arabic_al, 4) == 0) {
            w += 4, n -= 4; /* ال fused to an Arabic-script word with at least two letters left */
        }
        if (nwords++ > 0) {
            out[o++] = ' ';
        }
        memcpy(out + o, w, n);
        o += n;
        i = last ? len : j + 1;
    }
    if (o == 0) { /* only articles: keep the key as it was */
        memcpy(out, key, len);
        o = len;
    }
    out[o] = '\0';
    return o;
}

static bool is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

static bool is_consonant(char c)
{
    return c >= 'a' && c <= 'z' && !is_vowel(c);
}

/* Skeleton of one word (ASCII letters mapped, other bytes copied), appended to out. */
static size_t skeleton_word(const char *w, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char c = w[i], next = i + 1 < n ? w[i + 1] : '\0';
        if (next == 'h' && (c == 'k' || c == 'g' || c == 'd' || c == 't' || c == 'p')) {
            c = c == 'p' ? 'f' : c; /* kh gh dh th ph: the h carries no weight across systems */
            i++;
        } else if (c == 'd' && next == 'j') {
            continue; /* dj -> j */
        } else if (c == 'e') {
            c = 'a';
        } else if (c == 'o') {
            c = 'u';
        } else if (c == 'q') {
            c = 'k';
        } else if (c == 'i' && o > 0 && out[o - 1] == 'a') {
            c = 'y'; /* ai, ei -> ay */
        } else if (c == 'w' && o > 0 && out[o - 1] == 'a' && (next == '\0' || is_consonant(next))) {
            out[o - 1] = 'u'; /* Zawr ~ Zor, Dawr ~ Dour */
            continue;
        }
        if (o > 0 && out[o - 1] == c && c >= 'a' && c <= 'z') {
            continue; /* doubled letters: Hassakeh ~ Hasakah, Tall ~ Tal */
        }
        out[o++] = c;
    }
    if (o >= 3 && out[o - 1] == 'h' && out[o - 2] == 'a') {
        o--; /* word-final -ah (and -eh, already -ah) -> -a */
    }
    return o;
}

size_t incmap_fold_skeleton(const char *key, size_t len, char *out, size_t cap)
{
    size_t o = 0;
    if (cap < len + 1) {
        return SIZE_MAX;
    }
    for (size_t i = 0; i < len; i++) {
        if ((unsigned char)key[i] >= 0x80) {
            out[0] = '\0';
            return 0; /* the rules are for romanisations only */
        }
    }
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && key[j] != ' ') {
            j++;
        }
        if (o > 0) {
            out[o++] = ' ';
        }
        o += skeleton_word(key + i, j - i, out + o);
        i = j + 1;
    }
    if (incmap_fold_alnum_count(out, o) < 4) {
        o = 0; /* short skeletons match too much to be evidence */
    }
    out[o] = '\0';
    return o;
}

size_t incmap_fold_alnum_count(const char *key, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        char c = key[i];
        n += (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }
    return n;
}

/* A Latin letter written in upper case (the blocks GeoNames romanisations use: Latin-1,
 * Extended-A and -B, Extended Additional), where each block pairs cases by parity. */
static bool latin_upper(uint32_t cp)
{
    if (cp >= 0xC0 && cp <= 0xDE) {
        return cp != 0xD7;
    }
    if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177) ||
        (cp >= 0x1DE && cp <= 0x1EF) || (cp >= 0x1F8 && cp <= 0x24F) ||
        (cp >= 0x1E00 && cp <= 0x1E95) || (cp >= 0x1EA0 && cp <= 0x1EFF)) {
        return cp % 2 == 0;
    }
    if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E) ||
        (cp >= 0x1CD && cp <= 0x1DC)) {
        return cp % 2 == 1;
    }
    return cp == 0x178 || cp == 0x1E9E;
}

static bool latin_letter(uint32_t cp)
{
    return (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
           (cp >= 0x1E00 && cp <= 0x1EFF);
}

static bool ascii_alpha(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

size_t incmap_name_conventional(const char *s, size_t len, char *out, size_t cap)
{
    const unsigned char *u = (const unsigned char *)s;
    bool romanised = false; /* a Latin letter with a diacritic, or an ayn/hamza letter */
    for (size_t i = 0, n; i < len; i += n) {
        uint32_t cp;
        if ((n = utf8_decode(u, len, i, &cp)) == 0) {
            return SIZE_MAX;
        }
        romanised |= latin_letter(cp) || (cp >= 0x02B9 && cp <= 0x02BF) || cp == 0x2018;
    }
    if (cap < len + 1) {
        return SIZE_MAX;
    }
    if (!romanised) { /* plain ASCII, or another script: as written */
        memcpy(out, s, len);
        out[len] = '\0';
        return len;
    }
    size_t k = 0;
    uint32_t prev = ' ';
    for (size_t i = 0, n; i < len; i += n) {
        uint32_t cp, next = 0;
        n = utf8_decode(u, len, i, &cp);
        if (i + n < len) {
            utf8_decode(u, len, i + n, &next);
        }
        bool letter_before = ascii_alpha(prev) || latin_letter(prev);
        bool lower_after =
            (next >= 'a' && next <= 'z') || (latin_letter(next) && !latin_upper(next));
        bool word_end = next == 0 || next == ' ' || next == '-' || next == ',';
        if ((cp >= 0x02B9 && cp <= 0x02BF) || cp == 0x2018 || cp == '`' || cp == 0x00B4) {
            continue; /* an ayn or hamza mark: Sāmarrāʾ, ‘Ayn al ‘Arab */
        }
        if ((cp == '\'' || cp == 0x2019) && letter_before && (lower_after || word_end)) {
            continue; /* an apostrophe for one (Nu'mānīyah, Sāmarrā'), not d'Ivoire's */
        }
        if (latin_letter(cp)) {
            const char *f = incmap_fold_table_lookup(cp);
            if (f != NULL && f[0] != ' ') {
                for (size_t j = 0; f[j] != '\0' && k < len; j++) {
                    char c = f[j];
                    out[k++] =
                        (char)(j == 0 && latin_upper(cp) && c >= 'a' && c <= 'z' ? c - 32 : c);
                }
                prev = cp;
                continue;
            }
        }
        memcpy(out + k, s + i, n);
        k += n;
        prev = cp;
    }
    out[k] = '\0';
    return k;
}

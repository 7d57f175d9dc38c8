/* Internal: UTF-8 validation and place-name folding, shared by the gazetteer writer (index keys),
 * the gazetteer reader (query keys) and the geoparser (mention matching). A folded key is what the
 * name index hashes: two spellings that fold to the same key are the same name.
 * All functions are pure and thread-safe; none allocates. */
#ifndef INCMAP_FOLD_H
#define INCMAP_FOLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Longest name (bytes of UTF-8) the gazetteer accepts, as a query or as an indexed name. */
#define INCMAP_NAME_MAX 1024

/* Folding never makes text longer: an output buffer of len + 1 bytes is always enough. */
#define INCMAP_FOLD_CAP(len) ((len) + 1)

/* True when s[0..len) is well-formed UTF-8 (no overlong forms, surrogates or code points above
 * U+10FFFF). Otherwise false, and *bad_at (if not NULL) is the offset of the first bad byte. */
bool incmap_utf8_check(const char *s, size_t len, size_t *bad_at);

/* Folds a name into its index key: lowercase; Latin diacritics stripped (Zummār -> zummar,
 * Ḩasakah -> hasakah); apostrophes and ayn/hamza marks dropped (Ba'qubah -> baqubah); hyphens,
 * dots, commas and other punctuation -> one space; spaces collapsed and trimmed; Arabic script:
 * tashkeel and tatweel dropped, alef forms unified, alef maqsura -> ya, ta marbuta -> ha.
 * Writes a NUL-terminated key to out (cap >= INCMAP_FOLD_CAP(len)) and returns its length, or
 * SIZE_MAX when s is not valid UTF-8 or cap is too small. */
size_t incmap_fold(const char *s, size_t len, char *out, size_t cap);

/* Arabic article variant of a folded key: the article words (al, el, ad, as, ar, at, an, az,
 * ash, ...) removed at the start and between words ("al hasakah" -> "hasakah", "dayr az zawr" ->
 * "dayr zawr"), and "ال" removed from Arabic-script words. A key that is only an article is kept.
 * Writes the result (cap >= len + 1) and returns its length (== len when nothing was removed). */
size_t incmap_fold_strip_articles(const char *key, size_t len, char *out, size_t cap);

/* Transliteration skeleton of a folded key, so that spellings of one Arabic name meet:
 * e -> a, o -> u, q -> k, kh/gh/dh/th/ph/dj -> k/g/d/t/f/j, ai/ei -> ay, aw before a consonant ->
 * u, doubled letters collapsed, word-final -ah -> -a. Hasakah, Hassakeh and Hasaka all become
 * "hasaka"; Tall, Tal, Tell and Tel become "tal". Only ever used for VARIANT matches. Writes the
 * result (cap >= len + 1) and returns its length; 0 (no skeleton) for keys with non-ASCII letters
 * and for skeletons of fewer than 4 letters and digits. */
size_t incmap_fold_skeleton(const char *key, size_t len, char *out, size_t cap);

/* Number of ASCII letters and digits in a folded key (tolerant matching needs at least 5). */
size_t incmap_fold_alnum_count(const char *key, size_t len);

/* The conventional form of a place name for map labels and titles, as news agencies write
 * names (AP and Reuters style: no diacritics): a romanised name (one with a Latin letter that
 * carries a diacritic, or an ayn/hamza mark) loses its diacritics, case kept (Ḩamāh -> Hamah,
 * Īlām -> Ilam, Şanlıurfa -> Sanliurfa), and its ayn/hamza marks: ʿ ʾ ‘ always, an apostrophe
 * after a letter when a lower-case letter or the word's end follows (Sāmarrā' -> Samarra,
 * An Nu'mānīyah -> An Numaniyah; Côte d'Ivoire -> Cote d'Ivoire). This is what GeoNames'
 * asciiname holds, minus the marks. Plain ASCII names and other scripts are copied unchanged.
 * Never longer than the name: cap >= len + 1. Returns the length, or SIZE_MAX for invalid UTF-8
 * or a short buffer. */
size_t incmap_name_conventional(const char *s, size_t len, char *out, size_t cap);

/* Generated table (src/fold_tables.c): the fold string of a Latin/Greek/Cyrillic code point,
 * or NULL to copy it unchanged. */
const char *incmap_fold_table_lookup(uint32_t cp);

#endif

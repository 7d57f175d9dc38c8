/* incmap_mentions: the place names of a text, found and resolved against a gazetteer.
 * Stage one of the geoparser (text -> mentions -> candidates -> places). Every mention carries its
 * offsets in Unicode code points (as NLP tools count them) and in bytes, the gazetteer place it
 * resolved to and how sure that resolution is. Thread safety: one incmap_ctx per thread; a
 * gazetteer may be shared. */
#ifndef INCMAP_MENTIONS_H
#define INCMAP_MENTIONS_H

#include "gazetteer.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct incmap_mentions incmap_mentions;

/* Limit on the text handed to incmap_mentions_extract()/incmap_extract(): 16 MiB. */
#define INCMAP_TEXT_MAX_BYTES ((size_t)16 << 20)

/* What was before a mention, as evidence that it is a place and of which kind. */
typedef enum {
    INCMAP_CUE_NONE = 0,
    INCMAP_CUE_PREP,       /* "in", "near", "from", "towards", "at" ... */
    INCMAP_CUE_SETTLEMENT, /* "town of", "city of", "village of" */
    INCMAP_CUE_ADMIN,      /* "province", "governorate", "region" after the name */
    INCMAP_CUE_BORDER      /* "the Syrian border": a demonym followed by "border" */
} incmap_cue;

typedef struct {
    long start, end;             /* code-point offsets, [start, end) */
    size_t byte_start, byte_end; /* byte offsets into the text */
    const char *text;            /* the text as written (NUL-terminated; lives with the list) */
    const incmap_place *place;   /* resolved place (borrowed from the gazetteer); never NULL */
    incmap_match match;          /* how the winning name matched */
    incmap_cue cue;
    double confidence;  /* 0..1: low when candidates were close or evidence was weak */
    size_t ncandidates; /* candidates the gazetteer offered */
    size_t sentence;    /* 0-based sentence number */
    /* a street or building the gazetteer lacks ("Royal Street"), placed at the town it lies in
     * (`place`): precision 2, never an incident role */
    bool in_locality;
} incmap_mention;

/* Finds and resolves the place mentions of TEXT (UTF-8, LEN bytes). Owned: free with
 * incmap_mentions_destroy(). NULL on error: invalid UTF-8 (the message gives the byte offset),
 * NUL bytes, text over INCMAP_TEXT_MAX_BYTES (INCMAP_ERR_LIMIT), no memory. An empty list when the
 * text names no place. */
INCMAP_API incmap_mentions *incmap_mentions_extract(const incmap_gazetteer *gz, incmap_ctx *ctx,
                                                    const char *text, size_t len);
INCMAP_API size_t incmap_mentions_count(const incmap_mentions *m);
/* Borrowed: lives with m. Mentions are in text order and never overlap. */
INCMAP_API const incmap_mention *incmap_mentions_get(const incmap_mentions *m, size_t i);
INCMAP_API void incmap_mentions_destroy(incmap_mentions *m); /* NULL is a no-op */

/* Checks TEXT: valid UTF-8, no NUL byte, not binary, within INCMAP_TEXT_MAX_BYTES. INCMAP_OK or
 * INCMAP_ERR_PARSE / INCMAP_ERR_LIMIT with a message naming the byte offset. */
INCMAP_API incmap_status incmap_text_check(incmap_ctx *ctx, const char *text, size_t len);

#ifdef __cplusplus
}
#endif
#endif

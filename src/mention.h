/* Internal: the geoparser's shared structures: tokens with byte and code-point offsets, sentences,
 * and mentions with the evidence the later stages (resolve.c, incident.c) use. */
#ifndef INCMAP_MENTION_H
#define INCMAP_MENTION_H

#include "incmap/extract.h"
#include "incmap/mentions.h"

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

/* Per-mention evidence beyond the public incmap_mention. */
typedef struct {
    size_t t0, t1;            /* tokens [t0, t1) */
    incmap_candidates *cands; /* owned until incmap_mentions_destroy */
    size_t chosen;            /* index of the resolved candidate */
    incmap_kind kind_pref;    /* from a cue ("province" -> admin1); ANY when none */
    bool demonym;             /* matched as a demonym ("Iraqi") */
    bool modifier;            /* used as an adjective ("a U.S. base"): never an incident role */
    bool strong;              /* country, admin1, capital or big city: needs no cue */
    bool in_org;              /* inside an organisation name */
    bool border;              /* "the Syrian border" */
    bool weak;                /* partial or tolerant match: lower confidence */
    double score;             /* resolution score of the chosen candidate */
    incmap_cue cue;           /* the evidence before/after the name */
    bool drop;                /* resolve.c: a spelling variant the report does not support */
} mention_x;

struct incmap_mentions {
    char *text; /* copy of the input, NUL-terminated */
    size_t len;
    mtok *tok;
    size_t ntok, nsent;
    incmap_mention *m;
    mention_x *x;
    size_t n, cap;
    char *strs; /* every mention's text, NUL-separated (one allocation) */
};

/* mention.c / mention_span.c: the state of one pass over a text. */
#define MENTION_MISS_SLOTS 1024 /* power of two */

typedef struct {
    incmap_gazetteer *gz;
    incmap_ctx *ctx;
    incmap_mentions *m;
    const char *text;
    const mtok *tok;
    size_t ntok;
    /* names that matched nothing in this report: a name repeats, and most windows miss */
    uint64_t miss[MENTION_MISS_SLOTS];
    size_t nmiss;
} mention_finder;
/* Looks NAME up (kind filter, tolerant or not); *out is NULL when nothing matched. */
incmap_status incmap_mention_lookup(mention_finder *f, const char *name, size_t n, incmap_kind kind,
                                    bool tolerant, incmap_candidates **out);
/* Appends the mention [t0, t1) with candidates C (taken over) and evidence X. */
incmap_status incmap_mention_add(mention_finder *f, size_t t0, size_t t1, incmap_candidates *c,
                                 const mention_x *x);
/* Finds every mention of the text (mention_span.c). */
incmap_status incmap_mention_find_spans(mention_finder *f);

/* mention_tok.c: splits TEXT into tokens (owned array, free()). Assumes valid UTF-8. */
incmap_status incmap_tokenise(incmap_ctx *ctx, const char *text, size_t len, mtok **out,
                              size_t *ntok, size_t *nsent);

/* mention_abbrev.c: the full name token k abbreviates ("U.S." -> "United States"), or NULL. */
const char *incmap_mention_abbreviation(const char *text, const mtok *tok, size_t ntok, size_t k,
                                        incmap_kind *kind);

/* mention_person.c: the run [r0, r1) whose first word [t0, t1) matched a place is a person's name
 * ("Jordan Haddad, a shopkeeper"). */
bool incmap_person_name(const char *text, const mtok *tok, size_t ntok, size_t r0, size_t r1,
                        size_t t0, size_t t1);

/* mention_words.c: closed word lists, compared case-insensitively (ASCII folding). */
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

/* resolve.c: picks a candidate for every mention from country consistency, proximity, cues and
 * importance; fills place/match/confidence. */
void incmap_resolve(incmap_mentions *m);
/* The country codes the report is about, most supported first (up to `max`). */
size_t incmap_resolve_countries(const incmap_mentions *m, char (*out)[3], size_t max);

/* timeref.c: a calendar date. */
typedef struct {
    int y, m, d; /* 0 when unknown */
} incmap_date;
bool incmap_date_parse(const char *s, incmap_date *out);
/* Finds the date a sentence (tokens [t0, t1)) gives, relative to `pub` (may be {0}) and to `prev`
 * (the last date the text gave, for "the day before"). */
bool incmap_timeref_find(const char *text, const mtok *tok, size_t t0, size_t t1, incmap_date pub,
                         incmap_date prev, incmap_date *out);
void incmap_date_format(incmap_date d, char out[11]);

/* A qualifier before a place name: "near X", "outskirts of X", "12 km north of X". */
/* QUAL_DISTRICT: "the Hawija district of Kirkuk": the district around the named town. */
typedef enum { QUAL_NONE = 0, QUAL_NEAR, QUAL_OUTSKIRTS, QUAL_OFFSET, QUAL_DISTRICT } qual_kind;
typedef struct {
    qual_kind kind;
    double km, az_deg; /* QUAL_OFFSET: distance and azimuth from the named place */
    char label[48];    /* "near", "outskirts", "12 km north" */
    size_t t0;         /* first token of the qualifier */
} qual;
/* incident.c: the qualifier ending at token t0 (the name's first token), if any. */
bool incmap_qualifier_before(const char *text, const mtok *tok, size_t t0, qual *q);

/* One located role of an incident, before it becomes a feature. */
typedef struct {
    const incmap_place *place; /* NULL: role not set */
    const char *text;          /* as written (NULL for structured input) */
    long start, end;           /* code points, -1 when not from the text */
    double confidence;
    qual q;
} role_ref;

enum { ROLE_LAUNCH = 0, ROLE_TARGET, ROLE_SITE, ROLE_COUNT };

typedef struct {
    int id;
    const char *type; /* static string */
    incmap_date date;
    int fatalities, injured; /* -1 unknown */
    role_ref r[ROLE_COUNT];
    char border_cc[2][3]; /* from "the Syrian border" when launch/target do not give it */
    const char *border_text;
    long border_start, border_end;
} incident_rec;

/* incident_geom.c: the features of one incident (roles, border, distances) appended to OUT. */
incmap_status incmap_incident_emit(incmap_gazetteer *gz, incmap_ctx *ctx, const incident_rec *in,
                                   incmap_incidents *out);
/* incident_simplify.c: the simplified outline of P's area (cached for the process; the
 * gazetteer's own geometry for points). Owned: incmap_geom_destroy(). NULL on error (see ctx). */
incmap_geom *incmap_area_outline(incmap_gazetteer *gz, incmap_ctx *ctx, const incmap_place *p);
/* A context mention as a feature (role "mention", incident 0). */
incmap_status incmap_mention_emit(incmap_gazetteer *gz, incmap_ctx *ctx, const incmap_mention *mn,
                                  incmap_incidents *out);
/* incident_simplify.c: a copy of an areal geometry simplified to `tol_deg` (Douglas-Peucker per
 * ring; rings and islands smaller than the tolerance dropped). NULL when out of memory. */
incmap_geom *incmap_geom_simplify(const incmap_geom *g, double tol_deg);

/* incident.c: turns resolved mentions into incidents and features. */
incmap_status incmap_incidents_build(incmap_gazetteer *gz, incmap_ctx *ctx,
                                     const incmap_mentions *m, const incmap_extract_opts *opts,
                                     incmap_incidents *out);

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

#endif

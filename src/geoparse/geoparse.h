/* Internal header of the geoparse stage (src/geoparse/): mentions with the evidence the later
 * steps use (resolve.c, incident.c), dates, qualifiers and incident records. Tokens and word
 * lists come from the text stage (text/text.h). */
#ifndef INCMAP_GEOPARSE_H
#define INCMAP_GEOPARSE_H

#include "incmap/extract.h"
#include "incmap/mentions.h"
#include "text/text.h"

#include <stdint.h>

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
    bool name_part;           /* the start of a longer name the gazetteer lacks: kept only when
                                 the report backs it (mention_inside.c) */
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

/* mention.c / mention_span.c / mention_add.c: the state of one pass over a text. */
#define MENTION_MISS_SLOTS 1024 /* power of two */
#define MENTION_DEFS_MAX 256    /* runs of a report that may spell out a short form */
#define MENTION_SHORTS_MAX 32   /* distinct short forms of a report read (the first ones) */
#define MENTION_SHORT_MAX 5     /* "FATA", "SWA": a report's own short form, 2 to 5 capitals */
#define MENTION_SHORT_NAME_BYTES 128

typedef struct {
    const incmap_gazetteer *gz;
    incmap_ctx *ctx;
    incmap_mentions *m;
    const char *text;
    const mtok *tok;
    size_t ntok;
    /* names that matched nothing in this report: a name repeats, and most windows miss */
    uint64_t miss[MENTION_MISS_SLOTS];
    size_t nmiss;
    /* mention_abbrev.c: the short forms the report spells out ("SA" and "South Africans"), read
     * before the spans: the form, the full name of its place (empty: none) and the place's kind */
    struct {
        char form[MENTION_SHORT_MAX + 1];
        char name[MENTION_SHORT_NAME_BYTES];
        incmap_kind kind;
    } shorts[MENTION_SHORTS_MAX];
    size_t nshorts;
} mention_finder;
/* mention_add.c: looks NAME up (kind filter, tolerant or not); *out is NULL when nothing
 * matched. */
incmap_status incmap_mention_lookup(mention_finder *f, const char *name, size_t n, incmap_kind kind,
                                    bool tolerant, incmap_candidates **out);
/* Appends the mention [t0, t1) with candidates C (taken over) and evidence X. */
incmap_status incmap_mention_add(mention_finder *f, size_t t0, size_t t1, incmap_candidates *c,
                                 const mention_x *x);
/* Finds every mention of the text (mention_span.c). */
incmap_status incmap_mention_find_spans(mention_finder *f);

/* mention_abbrev.c: the full name token k abbreviates ("U.S." -> "United States"), or NULL. */
const char *incmap_mention_abbreviation(const char *text, const mtok *tok, size_t ntok, size_t k,
                                        incmap_kind *kind);
/* Reads the short forms of the report that a run of its capitalised words spells out by its
 * initials ("SA" after or before "South Africans", "Federally Administered Tribal Areas (FATA)")
 * into f->shorts, before the spans are found. */
incmap_status incmap_mention_read_short_forms(mention_finder *f);
/* incmap_mention_abbreviation, and else the report's own short form of token k (f->shorts). */
const char *incmap_mention_short_form(const mention_finder *f, size_t k, incmap_kind *kind);
/* mention_adjective.c: token i, the last of its run, a word that alone names an outlet or a
 * direction ("Atlantic", "West"), used as an area's name or adjective ("the Atlantic hurricane
 * season", "Asia-Pacific", "the West", "Western countries"): adds the area as a mention and sets
 * *matched. AFTER_THE: a lower-case "the" comes before it. */
incmap_status incmap_mention_area_word(mention_finder *f, size_t i, bool after_the, bool *matched);

/* mention_person.c: the run [r0, r1) whose first word [t0, t1) matched a place is a person's name
 * ("Jordan Haddad, a shopkeeper"). */
bool incmap_person_name(const char *text, const mtok *tok, size_t ntok, size_t r0, size_t r1,
                        size_t t0, size_t t1);

/* mention_inside.c: drops the name_part mentions the report does not back (another mention of
 * the same place, or one near it), so that the longer name's building can be a local mention. */
void incmap_mention_inside_check(incmap_mentions *m);

/* resolve.c: picks a candidate for every mention from country consistency, proximity, cues and
 * importance; fills place/match/confidence. */
void incmap_resolve(incmap_mentions *m);
/* The country codes the report is about, most supported first (up to `max`). */
size_t incmap_resolve_countries(const incmap_mentions *m, char (*out)[3], size_t max);
/* mention_capital.c: "the Syrian capital", "Syria's capital": the word "capital" becomes a
 * mention of that country's capital city. */
incmap_status incmap_mention_capitals(const incmap_gazetteer *gz, incmap_ctx *ctx,
                                      incmap_mentions *m);
/* mention_local.c: streets and buildings the gazetteer lacks ("Royal Street in New Orleans")
 * become mentions of the town they lie in (in_locality), when the report names one. */
incmap_status incmap_mention_locals(incmap_ctx *ctx, incmap_mentions *m);

/* dates.c: a calendar date. */
typedef struct {
    int y, m, d; /* 0 when unknown */
} incmap_date;
bool incmap_date_parse(const char *s, incmap_date *out);
/* Finds the date a sentence (tokens [t0, t1)) gives, relative to `pub` (may be {0}) and to `prev`
 * (the last date the text gave, for "the day before"). TIMEREF_REPORT: the sentence gives only the
 * report's own time (its dateline, "officials said on Monday"), which a later date of the event
 * overrides; TIMEREF_OWN: a date of what the sentence tells; TIMEREF_NONE (0): none. */
enum { TIMEREF_NONE = 0, TIMEREF_REPORT, TIMEREF_OWN };
int incmap_timeref_find(const char *text, const mtok *tok, size_t t0, size_t t1, incmap_date pub,
                        incmap_date prev, incmap_date *out);
void incmap_date_format(incmap_date d, char out[11]);
/* Where the background of sentence [t0, t1) begins: t0 when the whole sentence is about another
 * time ("In January 2020 ...", "Last year ...", "a day earlier" without its own recent date) or
 * tallies many events ("attacked 78 times"), the
 * first token of a background span ("since the war in Gaza began", "a day after troops killed
 * ..."), else t1. */
size_t incmap_background_from(const char *text, const mtok *tok, size_t t0, size_t t1,
                              incmap_date pub);

/* A qualifier before a place name: "near X", "outskirts of X", "12 km north of X". */
/* QUAL_DISTRICT: "the Hawija district of Kirkuk": the district around the named town. */
/* QUAL_FACILITY: "the city's railway station" with no site entry: in the named town. */
typedef enum {
    QUAL_NONE = 0,
    QUAL_NEAR,
    QUAL_OUTSKIRTS,
    QUAL_OFFSET,
    QUAL_DISTRICT,
    QUAL_FACILITY
} qual_kind;
typedef struct {
    qual_kind kind;
    double km, az_deg; /* QUAL_OFFSET: distance and azimuth from the named place */
    char label[64];    /* "near", "outskirts", "12 km north", "airport, located at X" */
    size_t t0;         /* first token of the qualifier */
} qual;
/* incident.c: the qualifier ending at token t0 (the name's first token), if any. */
bool incmap_qualifier_before(const char *text, const mtok *tok, size_t t0, qual *q);

/* One located role of an incident, before it becomes a feature. */
typedef struct {
    const incmap_place *place; /* NULL: role not set */
    const char *text;          /* as written (NULL for structured input) */
    char phrase[64];           /* as written when no mention holds it ("the city's airport") */
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
incmap_status incmap_incident_emit(const incmap_gazetteer *gz, incmap_ctx *ctx,
                                   const incident_rec *in, incmap_incidents *out);
/* incident_simplify.c: the simplified outline of P's area (cached for the process; the
 * gazetteer's own geometry for points). Owned: incmap_geom_destroy(). NULL on error (see ctx). */
incmap_geom *incmap_area_outline(const incmap_gazetteer *gz, incmap_ctx *ctx,
                                 const incmap_place *p);
/* A context mention as a feature (role "mention", incident 0). */
incmap_status incmap_mention_emit(const incmap_gazetteer *gz, incmap_ctx *ctx,
                                  const incmap_mention *mn, incmap_incidents *out);
/* incident_simplify.c: a copy of an areal geometry simplified to `tol_deg` (Douglas-Peucker per
 * ring; rings and islands smaller than the tolerance dropped). NULL when out of memory. */
incmap_geom *incmap_geom_simplify(const incmap_geom *g, double tol_deg);
/* incident_simplify.c: G simplified to about `tol_deg`, refined where its edges would cross or
 * touch after rounding to 6 decimals, or where it would lose `at` (when G holds it); a copy of G
 * when that does not converge. NULL when out of memory. */
incmap_geom *incmap_geom_simplify_valid(const incmap_geom *g, double tol_deg, incmap_lonlat at);

/* incident.c: turns resolved mentions into incidents and features. */
incmap_status incmap_incidents_build(const incmap_gazetteer *gz, incmap_ctx *ctx,
                                     const incmap_mentions *m, const incmap_extract_opts *opts,
                                     incmap_incidents *out);

#endif

/* Internal: what incident.c and its helpers (incident_sentence.c, incident_fit.c,
 * incident_roles.c) share: the view of a text the incident stage works on, what a sentence says
 * about events, which mentions may take a role, and the role cues. */
#ifndef INCMAP_INCIDENT_INT_H
#define INCMAP_INCIDENT_INT_H

#include "geoparse/geoparse.h"
#include "text/wordlists.h"

typedef struct {
    const incmap_mentions *m;
    const char *text;
    const mtok *tok;
    const incmap_gazetteer *gz; /* for which countries touch */
} ictx;

static inline bool word_eq(const ictx *c, size_t k, const char *w)
{
    return (c->tok[k].flags & TOK_WORD) && tok_is(c->text, &c->tok[k], w);
}

static inline bool word_among(const ictx *c, size_t k, const char *const *list, size_t n)
{
    return (c->tok[k].flags & TOK_WORD) && tok_among(c->text, &c->tok[k], list, n);
}
#define AMONG(c, k, list) word_among(c, k, list, sizeof list / sizeof list[0])

typedef struct {
    size_t t0, t1;    /* tokens of the sentence */
    const char *type; /* most specific event type named, or NULL */
    int prio;
    bool create;  /* reports a new event */
    bool anaphor; /* refers back to one ("the attack") */
    const char *anaphor_type;
    bool fire_verb; /* fired/launched: "at" and "from" are directional */
    size_t fire_tok;
    bool toll_only;      /* creates only through killed/wounded, no event noun: may continue one */
    size_t line0, line1; /* tokens of a named line ("the Line of Control"), 0 0 when none */
} sent_info;

/* incident_roles.c */
/* Specificity of a place: 1 town/site, 2 region, 3 admin1, 4 country or wider. */
int incmap_kind_rank(const incmap_place *p);
/* "Zummar in Iraq", "Mosul, Iraq": mention i only names where the previous one is. */
bool incmap_is_container(const ictx *c, size_t i);
/* "the southern Gaza city of Rafah", "Russia's Belgorod region": mention i only says where the
 * next one (before m1) is. */
bool incmap_names_region_of_next(const ictx *c, size_t i, size_t m1);
/* "in Kutum, 80 km northwest of El Fasher": mention i (with a qualifier after a comma right after
 * mention i - 1) only says where the previous place is. */
bool incmap_describes_previous(const ictx *c, size_t i);
/* "the drones took off from X", "were launched from X": a launch phrase outside an event
 * sentence (a motion verb right before "from"). */
bool incmap_launch_phrase(const ictx *c, const sent_info *s, size_t i);
/* The role (ROLE_LAUNCH/TARGET/SITE) the words before mention i give it in sentence s, or -1. */
int incmap_role_of(const ictx *c, const sent_info *s, size_t i, size_t floor_tok);
/* The same for a phrase that begins at token t0 and is no mention ("the city's airport"). */
int incmap_role_at(const ictx *c, const sent_info *s, size_t t0, size_t floor_tok);
/* "X and Y were also hit": ROLE_TARGET from a passive cue right after mention i, or -1. */
int incmap_role_after(const ictx *c, const sent_info *s, size_t i);
/* "Iran fired missiles at X", "Azerbaijani forces shelled X": mention i is the attacking state. */
bool incmap_attacker_state(const ictx *c, const sent_info *s, size_t i);
/* "released by Russian jets inside Russian airspace": mention i is a launch country. */
bool incmap_airspace_launch(const ictx *c, const sent_info *s, size_t i);
/* "Kherson city ... flooded", "X is among the hardest hit": what followed mention i in its clause
 * says the incident reached it. */
bool incmap_damage_after(const ictx *c, const sent_info *s, size_t i);

static inline bool no_country(const incmap_place *p)
{
    return incmap_place_country(p)[0] == '\0';
}

/* incident_sentence.c */
/* What sentence s (its tokens t0, t1 set) says about events: its type, whether it reports a new
 * event or refers back to one, its fire verb. */
void incmap_sentence_classify(const ictx *c, sent_info *s);
/* Casualty counts of sentence s, raising *dead and *hurt: "one fatality and eight injuries",
 * "killing 3", "two wounded". */
void incmap_sentence_casualties(const ictx *c, const sent_info *s, int *dead, int *hurt);
/* A named line ("the Line of Control", named_lines.txt) in tokens [t0, t1): its row and its
 * tokens [*p0, *p1), or NULL. */
const incmap_wl_named_lines_row *incmap_named_line(const ictx *c, size_t t0, size_t t1, size_t *p0,
                                                   size_t *p1);
/* A toll-only sentence ("..., wounding three") continues the incident before it: it names no place
 * (no_place) or where the shells came down, and announces no other event. */
bool incmap_continues_previous(const ictx *c, const sent_info *s, bool no_place);

/* incident_fit.c */
/* Mention i continues a list after mention i - 1 ("shelled Kupiansk, Vovchansk and Dvorichna"). */
bool incmap_list_next(const ictx *c, size_t i);
/* Mention i stands for a government or its people, not a place: "Kyiv said", "the Kyiv regime". */
bool incmap_metonym(const ictx *c, const sent_info *s, size_t i);
/* Mention i is a nationality standing for its country's ground: "from Russian airspace". */
bool incmap_demonym_ground(const ictx *c, size_t i);
/* Mention i fits the report: another of its places lies in its country, in a country it borders
 * or near it; a namesake across the world does not. */
bool incmap_fits_report(const ictx *c, size_t i);
/* Countries whose ground the report's earlier events hit (of towns and sites named in them, not
 * nationalities or states named as actors): a strike by one of them afterwards answers the
 * attack. */
#define MAX_HIT_COUNTRIES 8
typedef struct {
    char cc[MAX_HIT_COUNTRIES][3];
    size_t n;
    bool any; /* an event sentence came before */
} hit_set;

/* Notes the countries of the towns and sites that mentions [m0, m1) of an event sentence name. */
void incmap_note_hit(const ictx *c, hit_set *h, size_t m0, size_t m1);
/* Sentence s (mentions [m0, m1)) is a strike that answers the report's attack, in regions
 * elsewhere: no incident of the report. */
bool incmap_response_strike(const ictx *c, const sent_info *s, const hit_set *h, size_t m0,
                            size_t m1);

#endif

/* Internal: what incident.c and incident_roles.c share: the view of a text the incident stage
 * works on, what a sentence says about events, and the role cues. */
#ifndef INCMAP_INCIDENT_INT_H
#define INCMAP_INCIDENT_INT_H

#include "geoparse/geoparse.h"

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

#endif

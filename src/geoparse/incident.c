/* Incidents stage: resolved mentions -> incidents with roles. Sentences with an event cue (fired,
 * an explosion, a drone strike...) open an incident or, when the cue is definite ("the attack",
 * "the explosion"), add to the latest matching one. Places get roles from the words before them:
 * "from" -> launch, "towards/targeting/hit" -> target, "in/at/near" -> site. Countries named as the
 * container of another place ("Zummar in Iraq"), as adjectives ("a U.S. base") or inside an
 * organisation stay context mentions. Dates come from dates.c; what a sentence says about events
 * (and its casualties) from incident_sentence.c; which mentions may take a role from
 * incident_fit.c. */
#include "core/core.h"
#include "gazetteer/rank.h"
#include "geoparse/facility.h"
#include "geoparse/geoparse.h"
#include "geoparse/incident_int.h"
#include "text/wordlists.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_INCIDENTS 64

#define MAX_EXTRA_SITES 16 /* further places hit in one incident ("shelled A, B and C") */

typedef struct {
    incident_rec rec;
    size_t used[ROLE_COUNT];       /* mention index per role (SIZE_MAX: none or structured) */
    size_t extra[MAX_EXTRA_SITES]; /* mention indices of further sites */
    size_t nextra;
    bool named_line;  /* border_cc comes from "the Line of Control": keep it */
    bool report_date; /* rec.date is the report's time or an earlier sentence's: a later own
                       * date of the event replaces it */
    char line_text[48];
} incident_w;

static bool explosion_like(const char *type)
{
    return strcmp(type, "explosion") == 0 || strcmp(type, "IED") == 0 ||
           strcmp(type, "bombing") == 0 || strcmp(type, "clash") == 0 ||
           strcmp(type, "armed attack") == 0 || strcmp(type, "ambush") == 0;
}

static bool has_place(const ictx *c, const incident_w *w, const incmap_place *p)
{
    for (int k = 0; k < ROLE_COUNT; k++) {
        if (w->rec.r[k].place == p) {
            return true;
        }
    }
    for (size_t k = 0; k < w->nextra; k++) {
        if (c->m->m[w->extra[k]].place == p) {
            return true;
        }
    }
    return false;
}

/* Gives mention i the role; false when the role is taken by an earlier, as specific place. */
static bool set_role(const ictx *c, incident_w *w, int role, size_t i, double cue_conf)
{
    const incmap_mention *mn = &c->m->m[i];
    role_ref *r = &w->rec.r[role];
    if (has_place(c, w, mn->place)) {
        return true; /* already has a role in this incident */
    }
    if (r->place != NULL && incmap_kind_rank(mn->place) >= incmap_kind_rank(r->place)) {
        return false; /* keep the first, unless the new one is more specific */
    }
    r->place = mn->place;
    r->text = mn->text;
    r->start = mn->start;
    r->end = mn->end;
    r->confidence = mn->confidence * cue_conf;
    incmap_qualifier_before(c->text, c->tok, c->m->x[i].t0, &r->q);
    size_t after = c->m->x[i].t1, t0 = c->m->x[i].t0;
    bool district_of = t0 >= 3 && word_eq(c, t0 - 1, "of") &&
                       (word_eq(c, t0 - 2, "district") || word_eq(c, t0 - 2, "neighbourhood") ||
                        word_eq(c, t0 - 2, "neighborhood") || word_eq(c, t0 - 2, "quarter")) &&
                       (c->tok[t0 - 3].flags & TOK_CAP);
    if (r->q.kind == QUAL_NONE && incmap_kind_rank(mn->place) == 1 &&
        (district_of || (after < c->m->ntok &&
                         (word_eq(c, after, "district") || word_eq(c, after, "subdistrict"))))) {
        r->q.kind = QUAL_DISTRICT; /* a town's district: precision 2, wider uncertainty */
        memcpy(r->q.label, "district", sizeof "district");
        r->q.t0 = t0; /* "the Mansour district of Baghdad": somewhere in the city */
    }
    w->used[role] = i;
    return true;
}

/* --- building ------------------------------------------------------------------------------- */

/* Code points before byte offset B of TEXT (offsets in features count code points). */
static long code_points(const char *text, size_t b)
{
    long n = 0;
    for (size_t i = 0; i < b; i++) {
        n += ((unsigned char)text[i] & 0xC0) != 0x80;
    }
    return n;
}

static void add_extra_site(const ictx *c, incident_w *w, size_t i)
{
    if (w->nextra < MAX_EXTRA_SITES && !has_place(c, w, c->m->m[i].place)) {
        w->extra[w->nextra++] = i;
    }
}

/* Gives the places of sentence s (mentions [m0, m1), those from m_bg on being background) roles
 * in incident w. `fresh`: s opened w. */
static void assign_roles(const ictx *c, const sent_info *s, incident_w *w, size_t m0, size_t m1,
                         size_t m_bg, bool fresh)
{
    size_t floor_tok = s->t0;
    int last_role = -1;
    size_t last_i = SIZE_MAX;
    for (size_t i = m0; i < m_bg; i++) {
        const mention_x *x = &c->m->x[i];
        const incmap_place *p = c->m->m[i].place;
        if (x->border) {
            /* "near the Syrian border": the other side is the country of this incident's place */
            memcpy(w->rec.border_cc[1], incmap_place_country(p), 3);
            w->rec.border_text = c->m->m[i].text;
            w->rec.border_start = c->m->m[i].start;
            w->rec.border_end = c->m->m[i].end;
            continue;
        }
        if ((x->t0 >= s->line0 && x->t1 <= s->line1 && s->line1 > 0) ||
            (x->modifier && !incmap_demonym_ground(c, i)) || x->in_org || no_country(p) ||
            incmap_is_container(c, i) || incmap_names_region_of_next(c, i, m1) ||
            (i > m0 && incmap_describes_previous(c, i)) || incmap_metonym(c, s, i) ||
            !incmap_fits_report(c, i)) {
            continue;
        }
        int role =
            incmap_airspace_launch(c, s, i) ? ROLE_LAUNCH : incmap_role_of(c, s, i, floor_tok);
        bool listed = false; /* a list member or named before a passive cue: may be one more */
        if (role < 0 && last_i + 1 == i && incmap_list_next(c, i)) {
            role = last_role; /* "shelled Kupiansk, Vovchansk and Dvorichna" */
            listed = true;
        }
        if (role < 0) {
            size_t j = i;
            while (j + 1 < m_bg && incmap_list_next(c, j + 1)) {
                j++; /* "Vardenis and the town of Kapan were also hit" */
            }
            role = incmap_role_after(c, s, j);
            listed = role >= 0;
        }
        if (role < 0) {
            continue;
        }
        bool country = incmap_place_kind(p) == INCMAP_KIND_COUNTRY;
        if (country && !fresh && (role != ROLE_LAUNCH || w->rec.r[ROLE_LAUNCH].place != NULL)) {
            continue; /* "forces stationed in Iraq ... this attack": context, not a place of it;
                       * "the bombs are released from Russian airspace" still says its launch */
        }
        if (role != ROLE_SITE && explosion_like(w->rec.type) &&
            w->rec.r[ROLE_LAUNCH].place == NULL && role == ROLE_TARGET) {
            role = ROLE_SITE; /* "an explosion hit a market in X": where it happened */
        }
        bool set = set_role(c, w, role, i,
                            fresh ? (role == ROLE_SITE ? RANK_ROLE_FRESH_SITE : RANK_ROLE_FRESH)
                                  : RANK_ROLE_CARRIED);
        if (!set && role != ROLE_LAUNCH && (listed || incmap_kind_rank(p) == 1)) {
            add_extra_site(c, w, i); /* a further place hit */
        }
        last_role = role;
        last_i = i;
        floor_tok = x->t1;
    }
    /* "Iran fired missiles at Erbil": the attacking state is the launch (an area) when what it
     * hit lies in another country */
    const incmap_place *hit = w->rec.r[ROLE_TARGET].place != NULL ? w->rec.r[ROLE_TARGET].place
                                                                  : w->rec.r[ROLE_SITE].place;
    for (size_t i = m0; i < m_bg && fresh && hit != NULL && w->rec.r[ROLE_LAUNCH].place == NULL;
         i++) {
        const incmap_place *p = c->m->m[i].place;
        if (incmap_attacker_state(c, s, i) &&
            strcmp(incmap_place_country(p), incmap_place_country(hit)) != 0) {
            set_role(c, w, ROLE_LAUNCH, i, RANK_ROLE_FRESH);
        }
    }
}

/* "A fifth of Kherson city ... flooded", "the town of X is among the hardest hit": a town of
 * sentence s (mentions [m0, m1)) that the words after it say was reached is a site of incident w,
 * whatever event, if any, the sentence names. */
static void damage_sites(const ictx *c, const sent_info *s, incident_w *w, size_t m0, size_t m1)
{
    for (size_t i = m0; i < m1; i++) {
        const mention_x *x = &c->m->x[i];
        const incmap_place *p = c->m->m[i].place;
        if (x->modifier || x->in_org || x->border || no_country(p) || incmap_kind_rank(p) != 1 ||
            incmap_is_container(c, i) || !incmap_fits_report(c, i) || has_place(c, w, p) ||
            !incmap_damage_after(c, s, i)) {
            continue;
        }
        if (!set_role(c, w, ROLE_SITE, i, RANK_ROLE_CARRIED)) {
            add_extra_site(c, w, i);
        }
    }
}

/* "The drones took off from X." right after an incident without a launch place: its launch. */
static void follow_up_launch(const ictx *c, const sent_info *s, incident_w *w, size_t m0, size_t m1)
{
    for (size_t i = m0; i < m1 && w->rec.r[ROLE_LAUNCH].place == NULL; i++) {
        const mention_x *x = &c->m->x[i];
        bool airspace = incmap_airspace_launch(c, s, i); /* "such bombs are dropped by ... */
        if ((!x->modifier || airspace) && !x->in_org && !x->border &&
            !no_country(c->m->m[i].place) && !incmap_is_container(c, i) &&
            (airspace || incmap_launch_phrase(c, s, i))) {
            set_role(c, w, ROLE_LAUNCH, i, RANK_ROLE_FOLLOW_UP);
        }
    }
}

static bool has_role(const incident_w *w)
{
    for (int k = 0; k < ROLE_COUNT; k++) {
        if (w->rec.r[k].place != NULL) {
            return true;
        }
    }
    return false;
}

/* "An air strike flattened a building in Damascus. ... aircraft fired missiles from the direction
 * of the Golan": a fresh incident that has only a launch, in a sentence that announces no other
 * event and gives no other date, is where the previous incident came from when that one has a
 * target or site and no launch yet. Moves the launch over and returns the previous incident. */
static incident_w *launch_of_previous(const ictx *c, const sent_info *s, incident_w *w,
                                      incident_w *prev, bool dated, incmap_date d)
{
    const role_ref *r = w->rec.r;
    if (r[ROLE_LAUNCH].place == NULL || r[ROLE_TARGET].place != NULL ||
        r[ROLE_SITE].place != NULL || w->nextra > 0 || prev->rec.r[ROLE_LAUNCH].place != NULL ||
        (prev->rec.r[ROLE_TARGET].place == NULL && prev->rec.r[ROLE_SITE].place == NULL) ||
        (dated && prev->rec.date.y != 0 &&
         (d.y != prev->rec.date.y || d.m != prev->rec.date.m || d.d != prev->rec.date.d))) {
        return NULL;
    }
    /* a country cannot be where fire on itself came from */
    const incmap_place *l = r[ROLE_LAUNCH].place;
    for (int k = ROLE_TARGET; k <= ROLE_SITE && incmap_place_kind(l) == INCMAP_KIND_COUNTRY; k++) {
        const incmap_place *p = prev->rec.r[k].place;
        if (p != NULL && strcmp(incmap_place_country(p), incmap_place_country(l)) == 0) {
            return NULL;
        }
    }
    for (size_t k = s->t0; k < s->t1; k++) {
        if (AMONG(c, k, incmap_wl_new_event_markers)) {
            return NULL;
        }
    }
    prev->rec.r[ROLE_LAUNCH] = r[ROLE_LAUNCH];
    prev->used[ROLE_LAUNCH] = w->used[ROLE_LAUNCH];
    if (prev->rec.border_cc[1][0] == '\0' && w->rec.border_cc[1][0] != '\0') {
        memcpy(prev->rec.border_cc, w->rec.border_cc, sizeof prev->rec.border_cc);
        prev->rec.border_text = w->rec.border_text;
        prev->rec.border_start = w->rec.border_start;
        prev->rec.border_end = w->rec.border_end;
    }
    return prev;
}

/* Some incident of the report (of N) is launched from country CC. */
static bool launch_country(const incident_w *inc, size_t n, const char *cc)
{
    for (size_t k = 0; k < n; k++) {
        const incmap_place *p = inc[k].rec.r[ROLE_LAUNCH].place;
        if (p != NULL && strcmp(incmap_place_country(p), cc) == 0) {
            return true;
        }
    }
    return false;
}

/* Drops roles that repeat or only contain a more specific role of the same incident; a launch
 * with only a site ("a building in X was hit by a drone launched from Y") aims at the site.
 * INC, N: every incident of the report. */
static void tidy(incident_w *w, const incident_w *inc, size_t n)
{
    role_ref *site = &w->rec.r[ROLE_SITE];
    const role_ref *l = &w->rec.r[ROLE_LAUNCH], *t = &w->rec.r[ROLE_TARGET];
    if (l->place != NULL && t->place == NULL && site->place != NULL &&
        incmap_place_kind(site->place) != INCMAP_KIND_COUNTRY) {
        w->rec.r[ROLE_TARGET] = *site;
        w->used[ROLE_TARGET] = w->used[ROLE_SITE];
        site->place = NULL;
        w->used[ROLE_SITE] = SIZE_MAX;
    }
    if (site->place != NULL && incmap_place_kind(site->place) == INCMAP_KIND_COUNTRY &&
        (l->place != NULL || t->place != NULL)) {
        site->place = NULL;
        w->used[ROLE_SITE] = SIZE_MAX;
    }
    if (w->named_line) {
        return; /* "across the Line of Control": the line names both sides */
    }
    /* The other side of "the Syrian border" is the country of the launch (or of the site). A
     * border is crossed only by fire: with no launch, the words count only when the report fires
     * from the country they name ("launched from Iran ... a village close to the Iranian
     * frontier"); else ("near Albu Kamal, close to the Iraqi border") they only say where a
     * place lies. */
    const role_ref *anchor = l->place != NULL ? l : site->place != NULL ? site : t;
    if (w->rec.border_cc[1][0] != '\0' && anchor->place != NULL &&
        (l->place != NULL || launch_country(inc, n, w->rec.border_cc[1]))) {
        memcpy(w->rec.border_cc[0], incmap_place_country(anchor->place), 3);
        if (strcmp(w->rec.border_cc[0], w->rec.border_cc[1]) == 0) {
            w->rec.border_cc[0][0] = w->rec.border_cc[1][0] = '\0';
        }
    } else {
        w->rec.border_cc[0][0] = w->rec.border_cc[1][0] = '\0';
    }
}

static void sentence_bounds(const incmap_mentions *m, size_t *t, size_t *t1, uint32_t sent)
{
    size_t k = *t;
    while (k < m->ntok && m->tok[k].sent == sent) {
        k++;
    }
    *t1 = k;
}

/* Facilities named after their place (facility.c) in sentence s up to token bg: "Baghdad's
 * airport" makes Baghdad's role the airport; "the city's railway station" is where an event
 * happened when it names no other place. */
static void facility_roles(const incmap_gazetteer *gz, incmap_ctx *ctx, const ictx *c,
                           const sent_info *s, incident_w *w, size_t bg, bool fresh)
{
    facility f;
    for (size_t k = s->t0; k < bg && incmap_facility_next(gz, ctx, c, k, bg, &f); k = f.t1) {
        int role = -1;
        for (int r = 0; r < ROLE_COUNT && f.anchor != SIZE_MAX; r++) {
            role = w->used[r] == f.anchor ? r : role;
        }
        if (role >= 0) {
            incmap_facility_role(c, &f, w->rec.r[role].confidence, &w->rec.r[role]);
            continue;
        }
        if (w->rec.r[ROLE_TARGET].place != NULL || w->rec.r[ROLE_SITE].place != NULL ||
            (role = incmap_role_at(c, s, f.t0, s->t0)) < 0 || w->rec.r[role].place != NULL) {
            continue;
        }
        double conf = f.place != NULL && f.anchor != SIZE_MAX ? c->m->m[f.anchor].confidence : 0.8;
        incmap_facility_role(c, &f, conf * (fresh ? RANK_ROLE_FRESH_SITE : RANK_ROLE_CARRIED),
                             &w->rec.r[role]);
        w->used[role] = f.anchor;
    }
}

incmap_status incmap_incidents_build(const incmap_gazetteer *gz, incmap_ctx *ctx,
                                     const incmap_mentions *m, const incmap_extract_opts *opts,
                                     incmap_incidents *out)
{
    ictx c = {m, m->text, m->tok, gz};
    incmap_date pub = {0, 0, 0}, prev = {0, 0, 0};
    if (opts->pub_date != NULL && !incmap_date_parse(opts->pub_date, &pub)) {
        return incmap_fail(ctx, INCMAP_ERR_INVALID_ARG, "publication date '%s' is not YYYY-MM-DD",
                           opts->pub_date);
    }
    /* not zeroed here: each incident is cleared when it opens, and only opened ones are read
     * (zeroing all MAX_INCIDENTS was 2% of extraction's instructions) */
    incident_w *inc = malloc(MAX_INCIDENTS * sizeof *inc);
    bool *used = calloc(m->n + 1, sizeof *used);
    if (inc == NULL || used == NULL) {
        free(inc);
        free(used);
        return incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory");
    }
    size_t ninc = 0, mi = 0;
    hit_set hits;
    memset(&hits, 0, sizeof hits);
    uint32_t last_sent = UINT32_MAX - 1; /* sentence that last added to an incident */
    for (size_t t = 0; t < m->ntok;) {
        sent_info s;
        memset(&s, 0, sizeof s);
        s.t0 = t;
        sentence_bounds(m, &t, &s.t1, m->tok[t].sent);
        t = s.t1;
        size_t m0 = mi;
        while (mi < m->n && m->x[mi].t0 < s.t1) {
            mi++;
        }
        incmap_sentence_classify(&c, &s);
        /* Background: a sentence about another time gives no roles once the report has an
         * incident; a span ("since the war in Gaza began") never does. */
        size_t bg = incmap_background_from(m->text, m->tok, s.t0, s.t1, pub);
        if (bg == s.t0 && ninc == 0 && !word_eq(&c, s.t0, "since")) {
            bg = s.t1; /* the first event of a report is its incident, however it is dated */
        }
        if (ninc == 0 && s.create && bg > s.t0 && bg + 1 < s.t1 && word_eq(&c, bg + 1, "after")) {
            /* "Trains were halted on Sunday, a day after a bomber killed 26 at the station": a
             * main clause that reports no event is the aftermath of the one its "a day after"
             * clause gives, and that event is the report's incident */
            sent_info head;
            memset(&head, 0, sizeof head);
            head.t0 = s.t0;
            head.t1 = bg;
            incmap_sentence_classify(&c, &head);
            if (!head.create && !head.anaphor) {
                bg = s.t1;
            }
        }
        if (bg == s.t0) {
            continue;
        }
        size_t m_bg = m0;
        while (m_bg < mi && m->x[m_bg].t0 < bg) {
            m_bg++;
        }
        if (s.create || s.anaphor) {
            bool response = incmap_response_strike(&c, &s, &hits, m0, m_bg);
            incmap_note_hit(&c, &hits, m0, m_bg);
            if (response) {
                continue;
            }
        }
        if (s.anaphor && !s.create && ninc == 0) {
            s.create = true; /* "The drone originated in Iraq": the report's first event */
        }
        if (ninc > 0) {
            damage_sites(&c, &s, &inc[ninc - 1], m0, m_bg);
        }
        incmap_date d = {0, 0, 0};
        int when = incmap_timeref_find(m->text, m->tok, s.t0, s.t1, pub, prev, &d);
        bool dated = when != TIMEREF_NONE;
        if (!s.create && !s.anaphor) {
            if (dated) {
                prev = d;
            }
            if (ninc > 0 && last_sent + 1 == m->tok[s.t0].sent) {
                /* "At least 15 civilians died." right after an incident: its toll */
                incmap_sentence_casualties(&c, &s, &inc[ninc - 1].rec.fatalities,
                                           &inc[ninc - 1].rec.injured);
                follow_up_launch(&c, &s, &inc[ninc - 1], m0, m_bg);
            }
            continue;
        }
        if (s.create && s.toll_only && ninc > 0 && last_sent + 1 == m->tok[s.t0].sent &&
            incmap_continues_previous(&c, &s, m0 == mi)) {
            s.create = false; /* "..., wounding three" right after an attack: more of it */
            s.anaphor = true;
            s.anaphor_type = NULL;
        }
        incident_w *w = NULL;
        bool fresh = false;
        if (s.create && ninc < MAX_INCIDENTS) {
            w = &inc[ninc];
            memset(w, 0, sizeof *w);
            w->rec.type = s.type;
            w->rec.fatalities = w->rec.injured = -1;
            for (int k = 0; k < ROLE_COUNT; k++) {
                w->used[k] = SIZE_MAX;
            }
            fresh = true;
        } else {
            /* the latest incident of the type the definite phrase names, else the latest */
            for (size_t k = ninc; k-- > 0 && w == NULL;) {
                if (s.anaphor_type == NULL || strcmp(s.anaphor_type, "attack") == 0 ||
                    strcmp(inc[k].rec.type, s.anaphor_type) == 0) {
                    w = &inc[k];
                }
            }
            if (w == NULL && ninc > 0) {
                w = &inc[ninc - 1]; /* "the shelling" after a mortar attack: the latest event */
            }
        }
        if (w == NULL) {
            if (dated) {
                prev = d;
            }
            continue;
        }
        const incmap_wl_named_lines_row *line =
            incmap_named_line(&c, s.t0, m_bg < mi ? m->x[m_bg].t0 : s.t1, &s.line0, &s.line1);
        assign_roles(&c, &s, w, m0, mi, m_bg, fresh);
        facility_roles(gz, ctx, &c, &s, w, bg, fresh);
        if (line != NULL) {
            /* "across the Line of Control": the border of the two countries it divides */
            memcpy(w->rec.border_cc[0], line->a, 3);
            memcpy(w->rec.border_cc[1], line->b, 3);
            w->named_line = true;
            size_t b0 = m->tok[s.line0].b0, b1 = m->tok[s.line1 - 1].b1;
            snprintf(w->line_text, sizeof w->line_text, "%.*s", (int)(b1 - b0), m->text + b0);
            w->rec.border_text = w->line_text;
            w->rec.border_start = code_points(m->text, b0);
            w->rec.border_end = code_points(m->text, b1);
            for (size_t i = m0; i < mi; i++) {
                used[i] = used[i] || (m->x[i].t0 >= s.line0 && m->x[i].t1 <= s.line1);
            }
        }
        if (fresh && !has_role(w)) {
            if (dated) {
                prev = d;
            }
            if (ninc == 0 || last_sent + 1 != m->tok[s.t0].sent) {
                continue; /* an event with no place ("destroyed in an air raid") */
            }
            /* "At least 15 civilians died." right after an incident: its toll */
            w = &inc[ninc - 1];
            fresh = false;
        }
        incident_w *joined = fresh && ninc > 0 && !w->named_line
                                 ? launch_of_previous(&c, &s, w, &inc[ninc - 1], dated, d)
                                 : NULL;
        if (joined != NULL) {
            w = joined;
            fresh = false;
        }
        last_sent = m->tok[s.t0].sent;
        if (fresh) {
            w->rec.id = (int)++ninc;
        }
        if (dated && (w->rec.date.y == 0 || (w->report_date && when == TIMEREF_OWN))) {
            w->rec.date = d; /* the event's own date beats the report's ("said on Monday") */
            w->report_date = when == TIMEREF_REPORT;
        } else if (fresh && !dated && w->rec.date.y == 0 && prev.y != 0) {
            w->rec.date = prev; /* "came down the mountain on Tuesday ... Gunmen opened fire" */
            w->report_date = true;
        }
        if (dated) {
            prev = d;
        }
        incmap_sentence_casualties(&c, &s, &w->rec.fatalities, &w->rec.injured);
    }
    incmap_status st = INCMAP_OK;
    for (size_t k = 0; k < ninc && st == INCMAP_OK; k++) {
        tidy(&inc[k], inc, ninc);
        for (int r = 0; r < ROLE_COUNT; r++) {
            if (inc[k].used[r] != SIZE_MAX && inc[k].rec.r[r].place != NULL) {
                used[inc[k].used[r]] = true;
            }
        }
        st = incmap_incident_emit(gz, ctx, &inc[k].rec, out);
        /* further sites: one site feature each, in the same incident */
        for (size_t e = 0; e < inc[k].nextra && st == INCMAP_OK; e++) {
            size_t i = inc[k].extra[e];
            incident_rec more = inc[k].rec;
            memset(more.r, 0, sizeof more.r);
            more.border_cc[0][0] = more.border_cc[1][0] = '\0';
            role_ref *r = &more.r[ROLE_SITE];
            r->place = m->m[i].place;
            r->text = m->m[i].text;
            r->start = m->m[i].start;
            r->end = m->m[i].end;
            r->confidence = m->m[i].confidence * RANK_ROLE_FRESH_SITE;
            incmap_qualifier_before(m->text, m->tok, m->x[i].t0, &r->q);
            used[i] = true;
            st = incmap_incident_emit(gz, ctx, &more, out);
        }
    }
    for (size_t i = 0; i < m->n && st == INCMAP_OK && opts->mentions; i++) {
        if (!used[i]) {
            st = incmap_mention_emit(gz, ctx, &m->m[i], out);
        }
    }
    free(inc);
    free(used);
    return st;
}

/* Incidents stage: resolved mentions -> incidents with roles. Sentences with an event cue (fired,
 * an explosion, a drone strike...) open an incident or, when the cue is definite ("the attack",
 * "the explosion"), add to the latest matching one. Places get roles from the words before them:
 * "from" -> launch, "towards/targeting/hit" -> target, "in/at/near" -> site. Countries named as the
 * container of another place ("Zummar in Iraq"), as adjectives ("a U.S. base") or inside an
 * organisation stay context mentions. Dates come from dates.c, casualties from number words. */
#include "core/core.h"
#include "gazetteer/rank.h"
#include "geoparse/facility.h"
#include "geoparse/geoparse.h"
#include "geoparse/incident_int.h"
#include "text/wordlists.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_INCIDENTS 64

/* The word lists are data, src/text/words/ (text/wordlists.h): event_nouns and event_verbs
 * (word, type, priority: the most specific type in a sentence wins), the words around them
 * (non_event_heads, definite, doing_verbs, negation), casualty words and continuation cues. */

/* What the determiner before an event noun says: +1 indefinite/number, -1 definite, -2 negated. */
static int determiner(const ictx *c, size_t k, size_t t0)
{
    size_t lim = k >= t0 + 3 ? k - 3 : t0;
    for (size_t j = k; j-- > lim;) {
        if (!(c->tok[j].flags & TOK_WORD)) {
            return 0;
        }
        if (word_eq(c, j, "a") || word_eq(c, j, "an") || word_eq(c, j, "another") ||
            (c->tok[j].flags & TOK_NUM) ||
            incmap_word_number(c->text + c->tok[j].b0, c->tok[j].b1 - c->tok[j].b0) > 1 ||
            word_eq(c, j, "several") || word_eq(c, j, "multiple") || word_eq(c, j, "new")) {
            return 1;
        }
        if (AMONG(c, j, incmap_wl_definite)) {
            return -1;
        }
        if (AMONG(c, j, incmap_wl_doing_verbs) ||
            (word_eq(c, j, "out") && j > t0 && word_eq(c, j - 1, "carried"))) {
            return 1; /* "carried out strikes", "launched attacks": reports events */
        }
        if (AMONG(c, j, incmap_wl_negation)) {
            return -2;
        }
        if (word_eq(c, j, "of") || word_eq(c, j, "in") || word_eq(c, j, "on") ||
            word_eq(c, j, "by") || word_eq(c, j, "to") || word_eq(c, j, "after")) {
            return 0;
        }
    }
    return 0;
}

static void classify(const ictx *c, sent_info *s)
{
    bool verb = false, toll_verbs_only = true, noun_create = false;
    const char *verb_type = NULL;
    int verb_prio = 0;
    for (size_t k = s->t0; k < s->t1; k++) {
        if (!(c->tok[k].flags & TOK_WORD)) {
            continue;
        }
        for (size_t i = 0; i < INCMAP_WL_N(incmap_wl_event_nouns); i++) {
            if (!word_eq(c, k, incmap_wl_event_nouns[i].word)) {
                continue;
            }
            if (k + 1 < s->t1 && AMONG(c, k + 1, incmap_wl_non_event_heads)) {
                break;
            }
            if ((word_eq(c, k, "device") || word_eq(c, k, "devices")) &&
                !(k > s->t0 && word_eq(c, k - 1, "explosive"))) {
                break;
            }
            const char *type = incmap_wl_event_nouns[i].type;
            int prio = incmap_wl_event_nouns[i].prio;
            /* "air strike", "air raid" */
            size_t head = k;
            if ((word_eq(c, k, "strike") || word_eq(c, k, "strikes") || word_eq(c, k, "raid")) &&
                k > s->t0 && word_eq(c, k - 1, "air")) {
                type = "airstrike";
                prio = 7;
                head = k - 1;
            }
            if ((word_eq(c, k, "bomb") || word_eq(c, k, "bombs") || word_eq(c, k, "device") ||
                 word_eq(c, k, "devices")) &&
                k > s->t0 && (word_eq(c, k - 1, "roadside") || word_eq(c, k - 1, "explosive"))) {
                type = "IED";
                prio = 9;
                head = k - 1;
            }
            int det = determiner(c, head, s->t0);
            if (det == -2) {
                break;
            }
            if (det == 1) {
                s->create = noun_create = true;
            } else if (det == -1) {
                s->anaphor = true;
                if (s->anaphor_type == NULL || prio > 1) {
                    s->anaphor_type = type;
                }
            }
            if (prio > s->prio) {
                s->prio = prio;
                s->type = type;
            }
            break;
        }
        for (size_t i = 0; i < INCMAP_WL_N(incmap_wl_event_verbs); i++) {
            /* "fire" reports an event only as "opened fire" */
            if (word_eq(c, k, incmap_wl_event_verbs[i].word) &&
                (!word_eq(c, k, "fire") || (k > s->t0 && word_eq(c, k - 1, "opened")))) {
                verb = true;
                toll_verbs_only = toll_verbs_only && AMONG(c, k, incmap_wl_toll_verbs);
                if (incmap_wl_event_verbs[i].prio > verb_prio) {
                    verb_prio = incmap_wl_event_verbs[i].prio;
                    verb_type = incmap_wl_event_verbs[i].type;
                }
                if ((word_eq(c, k, "fired") || word_eq(c, k, "launched")) && !s->fire_verb) {
                    s->fire_verb = true;
                    s->fire_tok = k;
                }
            }
        }
    }
    for (size_t k = s->t0; k < s->t1 && verb; k++) {
        if (AMONG(c, k, incmap_wl_natural_events) && s->prio <= 1) {
            verb = false; /* "an earthquake struck near Izmir": not an attack */
        }
    }
    if (verb && !s->anaphor) {
        s->create = true;
        /* "Two shells landed in Akcakale, wounding three": only a toll verb, no event named */
        s->toll_only = !noun_create && toll_verbs_only && s->prio == 0;
    }
    if (verb_type != NULL && verb_prio > s->prio) {
        s->prio = verb_prio;
        s->type = verb_type;
    }
    if (s->type == NULL && (s->create || s->anaphor)) {
        s->type = "attack";
    }
}

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

/* Casualty counts of a sentence: "one fatality and eight injuries", "killing 3", "two wounded". */
static void casualties(const ictx *c, const sent_info *s, int *dead, int *hurt)
{
    for (size_t k = s->t0; k < s->t1; k++) {
        if (!(c->tok[k].flags & TOK_WORD) || word_eq(c, k, "a") || word_eq(c, k, "an")) {
            continue;
        }
        long n = incmap_word_number(c->text + c->tok[k].b0, c->tok[k].b1 - c->tok[k].b0);
        if (n < 0 || n > 100000) {
            continue;
        }
        int which = 0; /* 1 dead, 2 hurt */
        for (size_t j = k + 1; j < s->t1 && j <= k + 4 && which == 0; j++) {
            if (AMONG(c, j, incmap_wl_casualty_dead)) {
                which = 1;
            } else if (AMONG(c, j, incmap_wl_casualty_hurt)) {
                which = 2;
            } else if (!AMONG(c, j, incmap_wl_casualty_filler)) {
                break;
            }
        }
        /* "killing three", "killed at least 12" */
        for (size_t j = k; which == 0 && j-- > s->t0 && j + 4 > k;) {
            if (AMONG(c, j, incmap_wl_casualty_dead)) {
                which = 1;
            } else if (AMONG(c, j, incmap_wl_casualty_hurt)) {
                which = 2;
            } else if (!word_eq(c, j, "at") && !word_eq(c, j, "least") && !word_eq(c, j, "some") &&
                       !word_eq(c, j, "about") && !word_eq(c, j, "nearly")) {
                break;
            }
        }
        if (which == 1 && n > *dead) {
            *dead = (int)n;
        } else if (which == 2 && n > *hurt) {
            *hurt = (int)n;
        }
    }
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

/* A named line ("the Line of Control", "the Blue Line", named_lines.txt) in tokens [t0, t1):
 * its row and its tokens [*p0, *p1), or NULL. */
static const incmap_wl_named_lines_row *named_line(const ictx *c, size_t t0, size_t t1, size_t *p0,
                                                   size_t *p1)
{
    for (size_t k = t0; k < t1; k++) {
        for (size_t r = 0; r < INCMAP_WL_N(incmap_wl_named_lines); r++) {
            const incmap_wl_named_lines_row *row = &incmap_wl_named_lines[r];
            if (!word_eq(c, k, row->word)) {
                continue;
            }
            /* the phrase's words, the key among them, around token k */
            const char *w[8];
            size_t n = 0, key = 0;
            char buf[64];
            snprintf(buf, sizeof buf, "%s", row->phrase);
            for (char *save = NULL, *tk = strtok_r(buf, " ", &save); tk != NULL && n < 8;
                 tk = strtok_r(NULL, " ", &save)) {
                key = strcmp(tk, row->word) == 0 ? n : key;
                w[n++] = tk;
            }
            if (k < t0 + key || k - key + n > t1 || !(c->tok[k - key].flags & TOK_CAP)) {
                continue;
            }
            bool all = true;
            for (size_t j = 0; j < n && all; j++) {
                all = word_eq(c, k - key + j, w[j]);
            }
            if (all) {
                *p0 = k - key;
                *p1 = k - key + n;
                return row;
            }
        }
    }
    return NULL;
}

static bool no_country(const incmap_place *p)
{
    return incmap_place_country(p)[0] == '\0';
}

/* Mention i continues a list after mention i - 1: between them a comma, "and" or "or", and at
 * most the words that introduce a town ("shelled Kupiansk, Vovchansk and Dvorichna", "Vardenis
 * and the southern town of Kapan"). */
static bool list_next(const ictx *c, size_t i)
{
    if (i == 0) {
        return false;
    }
    size_t a = c->m->x[i - 1].t1, b = c->m->x[i].t0;
    if (a >= b || b - a > 6) {
        return false;
    }
    /* a comma alone or an "and"/"or" joins; "El Fasher, the capital of X" is an apposition */
    bool joined = false;
    for (size_t k = a; k < b; k++) {
        bool comma = (c->tok[k].flags & TOK_PUNCT) && c->text[c->tok[k].b0] == ',';
        bool conj = word_eq(c, k, "and") || word_eq(c, k, "or");
        bool join = comma || conj;
        joined = joined || conj || (comma && b - a == 1);
        if (!join && k == a) {
            return false;
        }
        if (!join && !word_eq(c, k, "the") && !word_eq(c, k, "of") &&
            !incmap_word_in(WL_SETTLE, c->text + c->tok[k].b0, c->tok[k].b1 - c->tok[k].b0) &&
            incmap_word_direction(c->text + c->tok[k].b0, c->tok[k].b1 - c->tok[k].b0) == NULL) {
            return false;
        }
    }
    return joined;
}

/* Mention i stands for a government or its people, not a place: "Kyiv said", "the Kyiv regime",
 * "Kyiv's allies". */
static bool metonym(const ictx *c, const sent_info *s, size_t i)
{
    size_t k = c->m->x[i].t1;
    if (k < s->t1 && (c->tok[k].flags & TOK_PUNCT) && c->text[c->tok[k].b0] == '\'' &&
        k + 2 < s->t1 && word_eq(c, k + 1, "s")) {
        k += 2; /* "Kyiv's allies" */
    }
    if (k < s->t1 && (c->tok[k].flags & TOK_WORD) &&
        (incmap_word_in(WL_SPEECH, c->text + c->tok[k].b0, c->tok[k].b1 - c->tok[k].b0) ||
         AMONG(c, k, incmap_wl_agent_nouns))) {
        return true;
    }
    /* "at the Laayoune appeals court", "the Geneva talks": the name of an institution */
    for (size_t j = k;
         j < s->t1 && j < k + 2 && (c->tok[j].flags & TOK_WORD) && !(c->tok[j].flags & TOK_CAP);
         j++) {
        if (AMONG(c, j, incmap_wl_venue_nouns)) {
            return true;
        }
    }
    return false;
}

/* "from Russian airspace", "from the Iranian side of the border": a nationality standing for its
 * country's ground. */
static bool demonym_ground(const ictx *c, size_t i)
{
    const mention_x *x = &c->m->x[i];
    return x->demonym && x->t1 < c->m->ntok && AMONG(c, x->t1, incmap_wl_area_nouns);
}

/* Context beats fame: a place gets an incident role only when it fits the report: another
 * place of the report lies in its country or, for a country, in one it borders, or one lies
 * within FIT_KM of it. A namesake across the
 * world ("Koya" in Japan in a report about Erbil, "Babylon" in Iraq in one about Long Island)
 * stays a mention, and so does a name whose only support is itself ("Isa" read once as a town
 * and once as its airport in Australia). */
#define FIT_KM 1500.0
static bool fits_report(const ictx *c, size_t i)
{
    const incmap_place *p = c->m->m[i].place;
    incmap_lonlat a = incmap_place_point(p);
    bool others = false;
    for (size_t j = 0; j < c->m->n; j++) {
        const incmap_place *q = c->m->m[j].place;
        if (q == p || strcasecmp(c->m->m[j].text, c->m->m[i].text) == 0) {
            continue; /* the same name read as two namesakes vouches for neither */
        }
        others = true;
        if (strcmp(incmap_place_country(q), incmap_place_country(p)) == 0) {
            return true;
        }
        /* a country is as near as its border: Russia next to Kharkiv, whatever its inner point */
        if ((incmap_place_kind(p) == INCMAP_KIND_COUNTRY ||
             incmap_place_kind(q) == INCMAP_KIND_COUNTRY) &&
            incmap_place_country(p)[0] != '\0' && incmap_place_country(q)[0] != '\0' &&
            incmap_gazetteer_countries_touch(c->gz, incmap_place_country(p),
                                             incmap_place_country(q))) {
            return true;
        }
        incmap_lonlat b = incmap_place_point(q);
        double kx = cos((a.lat_deg + b.lat_deg) / 2 * M_PI / 180.0);
        double dx = (a.lon_deg - b.lon_deg) * kx, dy = a.lat_deg - b.lat_deg;
        if (111.2 * sqrt(dx * dx + dy * dy) < FIT_KM) {
            return true;
        }
    }
    return !others;
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
            (x->modifier && !demonym_ground(c, i)) || x->in_org || no_country(p) ||
            incmap_is_container(c, i) || incmap_names_region_of_next(c, i, m1) ||
            (i > m0 && incmap_describes_previous(c, i)) || metonym(c, s, i) || !fits_report(c, i)) {
            continue;
        }
        int role =
            incmap_airspace_launch(c, s, i) ? ROLE_LAUNCH : incmap_role_of(c, s, i, floor_tok);
        bool listed = false; /* a list member or named before a passive cue: may be one more */
        if (role < 0 && last_i + 1 == i && list_next(c, i)) {
            role = last_role; /* "shelled Kupiansk, Vovchansk and Dvorichna" */
            listed = true;
        }
        if (role < 0) {
            size_t j = i;
            while (j + 1 < m_bg && list_next(c, j + 1)) {
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
            incmap_is_container(c, i) || !fits_report(c, i) || has_place(c, w, p) ||
            !incmap_damage_after(c, s, i)) {
            continue;
        }
        if (!set_role(c, w, ROLE_SITE, i, RANK_ROLE_CARRIED)) {
            add_extra_site(c, w, i);
        }
    }
}

/* Countries whose ground the report's earlier events hit (of towns and sites named in them, not
 * nationalities or states named as actors): a strike by one of them afterwards answers the
 * attack. */
#define MAX_HIT_COUNTRIES 8
typedef struct {
    char cc[MAX_HIT_COUNTRIES][3];
    size_t n;
    bool any; /* an event sentence came before */
} hit_set;

static void note_hit(const ictx *c, hit_set *h, size_t m0, size_t m1)
{
    h->any = true;
    for (size_t i = m0; i < m1; i++) {
        const char *cc = incmap_place_country(c->m->m[i].place);
        bool known = cc[0] == '\0' || c->m->x[i].modifier || c->m->x[i].demonym ||
                     c->m->x[i].border || c->m->x[i].in_org ||
                     incmap_kind_rank(c->m->m[i].place) != 1; /* "attributed to Israel" */
        for (size_t k = 0; k < h->n && !known; k++) {
            known = strcmp(h->cc[k], cc) == 0;
        }
        if (!known && h->n < MAX_HIT_COUNTRIES) {
            memcpy(h->cc[h->n++], cc, 3);
        }
    }
}

/* "Turkish warplanes", "Iran's Revolutionary Guards": mention i is a state named by its armed
 * forces or aircraft. */
static bool forces_of_state(const ictx *c, const sent_info *s, size_t i)
{
    const mention_x *x = &c->m->x[i];
    if (incmap_place_kind(c->m->m[i].place) != INCMAP_KIND_COUNTRY || x->in_org) {
        return false;
    }
    for (size_t k = x->t1; k < s->t1 && k <= x->t1 + 3; k++) {
        if (AMONG(c, k, incmap_wl_force_nouns) || AMONG(c, k, incmap_wl_air_launchers)) {
            return true;
        }
        if (!(c->tok[k].flags & TOK_CAP) && !word_eq(c, k, "s") &&
            !((c->tok[k].flags & TOK_PUNCT) && c->text[c->tok[k].b0] == '\'')) {
            return false;
        }
    }
    return false;
}

/* "23:58 - Turkish warplanes have hit positions in northern Iraq and northern Syria", "in
 * retaliation, jets struck eastern Syria": after the report's attack, a strike that answers it
 * (its word says so, or the attacked state's forces carry it out) and names only regions
 * elsewhere is a later response, no incident of the report. */
static bool response_strike(const ictx *c, const sent_info *s, const hit_set *h, size_t m0,
                            size_t m1)
{
    if (!h->any) {
        return false;
    }
    bool answer = false, regions = false;
    const char *by = NULL; /* the answering state */
    for (size_t k = s->t0; k < s->t1 && !answer; k++) {
        answer = AMONG(c, k, incmap_wl_response_words);
    }
    for (size_t i = m0; i < m1; i++) {
        const char *cc = incmap_place_country(c->m->m[i].place);
        for (size_t k = 0; k < h->n && by == NULL && forces_of_state(c, s, i); k++) {
            by = strcmp(h->cc[k], cc) == 0 ? cc : NULL;
        }
    }
    for (size_t i = m0; i < m1; i++) {
        const mention_x *x = &c->m->x[i];
        const incmap_place *p = c->m->m[i].place;
        if (x->modifier || x->border || x->in_org || no_country(p) || forces_of_state(c, s, i)) {
            continue;
        }
        if (incmap_kind_rank(p) < 2 || (by != NULL && strcmp(incmap_place_country(p), by) == 0)) {
            return false; /* a town, or the state's own ground: a strike of its own */
        }
        regions = true;
    }
    return (answer || by != NULL) && regions;
}

/* A sentence that only reports a toll ("..., wounding three") continues the incident before it
 * when it names no place, or names where the shells came down ("Two shells landed in X"), and
 * does not announce another event ("Separately", "Elsewhere", "Meanwhile"). The impact verbs are
 * the list that makes "landed in X" a target (incident_roles.c): one list, so the two cannot drift
 * apart. Its "exploded" and "detonated" never reach here: they are event verbs, not toll verbs. */
static bool continues_previous(const ictx *c, const sent_info *s, bool no_place)
{
    bool impact_verb = false;
    for (size_t k = s->t0; k < s->t1; k++) {
        if (AMONG(c, k, incmap_wl_new_event_markers)) {
            return false;
        }
        impact_verb = impact_verb || AMONG(c, k, incmap_wl_impact_verbs);
    }
    return no_place || impact_verb;
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
    incident_w *inc = calloc(MAX_INCIDENTS, sizeof *inc);
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
        classify(&c, &s);
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
            classify(&c, &head);
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
            bool response = response_strike(&c, &s, &hits, m0, m_bg);
            note_hit(&c, &hits, m0, m_bg);
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
                casualties(&c, &s, &inc[ninc - 1].rec.fatalities, &inc[ninc - 1].rec.injured);
                follow_up_launch(&c, &s, &inc[ninc - 1], m0, m_bg);
            }
            continue;
        }
        if (s.create && s.toll_only && ninc > 0 && last_sent + 1 == m->tok[s.t0].sent &&
            continues_previous(&c, &s, m0 == mi)) {
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
            named_line(&c, s.t0, m_bg < mi ? m->x[m_bg].t0 : s.t1, &s.line0, &s.line1);
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
        casualties(&c, &s, &w->rec.fatalities, &w->rec.injured);
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

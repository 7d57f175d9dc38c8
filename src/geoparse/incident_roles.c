/* Role cues: the words before a place name say whether it is where an attack came from (launch),
 * what it was aimed at or hit (target) or where it happened (site). The nearest cue before the
 * name, in the same clause, decides; cues are phrases a wire report uses, never names. The cue
 * words are data (src/text/words/: target_words, aim_verbs, attack_nouns, impact_verbs,
 * launch_motion, speakers). */
#include "geoparse/incident_int.h"
#include "text/wordlists.h"

#include <string.h>
#include <strings.h>

int incmap_kind_rank(const incmap_place *p)
{
    switch (incmap_place_kind(p)) {
    case INCMAP_KIND_SITE:
    case INCMAP_KIND_PLACE:
        return 1;
    case INCMAP_KIND_REGION:
        return 2;
    case INCMAP_KIND_ADMIN1:
        return 3;
    default:
        return 4;
    }
}

static bool is_clause_break(const ictx *c, size_t k)
{
    if (!(c->tok[k].flags & TOK_PUNCT)) {
        return false;
    }
    char ch = c->text[c->tok[k].b0];
    return ch == ',' || ch == ';' || ch == ':' || ch == '(' || ch == ')' || ch == '"' ||
           (unsigned char)ch == 0xE2; /* dashes and curly quotes */
}

static bool prev_word_among(const ictx *c, size_t k, size_t lim, const char *const *list, size_t n)
{
    return k > lim && (c->tok[k - 1].flags & TOK_WORD) && word_among(c, k - 1, list, n);
}
#define PREV_AMONG(c, k, lim, list) prev_word_among(c, k, lim, list, sizeof list / sizeof list[0])

/* "Zummar in Iraq", "Mosul, Iraq": a wider place naming where the previous one is. */
bool incmap_is_container(const ictx *c, size_t i)
{
    if (i == 0) {
        return false;
    }
    const mention_x *x = &c->m->x[i], *px = &c->m->x[i - 1];
    if (px->t1 + 1 != x->t0 && !(px->t1 + 2 == x->t0 && word_eq(c, px->t1 + 1, "the"))) {
        return false;
    }
    if (!word_eq(c, px->t1, "in") &&
        !(c->tok[px->t1].flags & TOK_PUNCT && c->text[c->tok[px->t1].b0] == ',')) {
        return false;
    }
    const incmap_place *p = c->m->m[i].place, *pp = c->m->m[i - 1].place;
    return incmap_kind_rank(p) > incmap_kind_rank(pp) &&
           strcmp(incmap_place_country(p), incmap_place_country(pp)) == 0;
}

/* "the southern Gaza city of Rafah", "Iraq's town of Zummar": the first name only says where
 * the second is; the second takes the role. */
bool incmap_names_region_of_next(const ictx *c, size_t i, size_t m1)
{
    if (i + 1 >= m1) {
        return false;
    }
    size_t t = c->m->x[i].t1, next = c->m->x[i + 1].t0;
    if (t < c->m->ntok && (c->tok[t].flags & TOK_PUNCT) && c->text[c->tok[t].b0] == '\'') {
        t += 2; /* "Iraq's" */
    }
    if (t != c->m->x[i].t1 && next == t) {
        /* "Russia's Belgorod region": a wider place owning a narrower one of its country */
        const incmap_place *p = c->m->m[i].place, *q = c->m->m[i + 1].place;
        return incmap_kind_rank(p) > incmap_kind_rank(q) &&
               strcmp(incmap_place_country(p), incmap_place_country(q)) == 0;
    }
    return next == t + 2 && word_eq(c, t + 1, "of") &&
           incmap_word_in(WL_SETTLE, c->text + c->tok[t].b0, c->tok[t].b1 - c->tok[t].b0);
}

bool incmap_describes_previous(const ictx *c, size_t i)
{
    qual q;
    size_t t0 = c->m->x[i].t0;
    if (i == 0 || !incmap_qualifier_before(c->text, c->tok, t0, &q) || q.t0 == 0) {
        return false;
    }
    size_t comma = q.t0 - 1;
    /* "Saravan, about 350 km south-east of Zahedan", "Amalfi, a municipality roughly 90 km
     * north-east of Medellin": a few lower-case words may stand between */
    for (int n = 0; n < 4 && comma > 0 && (c->tok[comma].flags & TOK_WORD) &&
                    !(c->tok[comma].flags & TOK_CAP) && !(c->tok[comma].flags & TOK_NUM);
         n++) {
        comma--;
    }
    return (c->tok[comma].flags & TOK_PUNCT) && c->text[c->tok[comma].b0] == ',' &&
           c->m->x[i - 1].t1 == comma;
}

/* "may have crossed", "could have come": the verb at token j is a guess */
static bool guessed(const ictx *c, size_t j, size_t s0)
{
    return j >= s0 + 2 && word_eq(c, j - 1, "have") &&
           (word_eq(c, j - 2, "may") || word_eq(c, j - 2, "might") || word_eq(c, j - 2, "could"));
}

bool incmap_launch_phrase(const ictx *c, const sent_info *s, size_t i)
{
    size_t t0 = c->m->x[i].t0;
    size_t lim = t0 >= s->t0 + 8 ? t0 - 8 : s->t0;
    for (size_t k = t0; k-- > lim;) {
        if (is_clause_break(c, k)) {
            return false;
        }
        if (word_eq(c, k, "from")) {
            if ((!PREV_AMONG(c, k, lim, incmap_wl_launch_motion) &&
                 !PREV_AMONG(c, k, lim, incmap_wl_cross_verbs)) ||
                guessed(c, k - 1, s->t0)) {
                return false;
            }
            /* "whose troops come from X": where soldiers come from, not fire */
            for (size_t j = k; j-- > lim && !is_clause_break(c, j);) {
                if (AMONG(c, j, incmap_wl_force_nouns)) {
                    return false;
                }
            }
            return true;
        }
    }
    return false;
}

/* Words of a distance: "54 km from X" is a distance reference, not a launch. */
static bool is_distance_unit(const ictx *c, size_t k)
{
    return word_eq(c, k, "km") || word_eq(c, k, "kilometres") || word_eq(c, k, "kilometers") ||
           word_eq(c, k, "miles") || word_eq(c, k, "metres") || word_eq(c, k, "meters");
}

static bool is_event_noun(const ictx *c, size_t k)
{
    for (size_t i = 0; i < INCMAP_WL_N(incmap_wl_event_nouns); i++) {
        if (word_eq(c, k, incmap_wl_event_nouns[i].word)) {
            return true;
        }
    }
    return false;
}

/* "from" at token k names where fire came from only when the clause before it speaks of fire
 * ("rockets fired from", "a drone launched from", "drones crossed from", "an attack from"); "a
 * naval officer from X" and "troops come from X" say where people come from. */
static bool fire_context(const ictx *c, size_t k, size_t s0)
{
    size_t lim = k >= s0 + 12 ? k - 12 : s0;
    for (size_t j = k; j-- > lim;) {
        if (is_clause_break(c, j)) {
            return false;
        }
        if (AMONG(c, j, incmap_wl_cross_verbs) && guessed(c, j, s0)) {
            return false; /* "may have crossed from X": a guessed route, not a launch */
        }
        if (AMONG(c, j, incmap_wl_aim_verbs) || AMONG(c, j, incmap_wl_attack_nouns) ||
            AMONG(c, j, incmap_wl_cross_verbs) || AMONG(c, j, incmap_wl_target_words) ||
            is_event_noun(c, j)) {
            return true;
        }
    }
    return false;
}

/* ", among them X", ", including X": the comma at k continues the list before it. */
static bool list_comma(const ictx *c, size_t k, size_t t0)
{
    return k + 1 < t0 && c->text[c->tok[k].b0] == ',' && AMONG(c, k + 1, incmap_wl_list_intro);
}

/* The role the words before mention i give it, or -1. The nearest cue wins: in "fired from Zummar
 * in the direction of a base in Syria", "direction (of)" decides for Syria before "from" is met;
 * "from the direction of X" is still a launch. Where the wounded were taken ("to hospital in
 * X"), where officials met ("a summit in X"), where a road leads ("the road to X"), who was blamed
 * ("blamed on X") and distance references ("54 km from X") give no role. */
int incmap_role_of(const ictx *c, const sent_info *s, size_t i, size_t floor_tok)
{
    return incmap_role_at(c, s, c->m->x[i].t0, floor_tok);
}

int incmap_role_at(const ictx *c, const sent_info *s, size_t t0, size_t floor_tok)
{
    size_t lim = t0 >= s->t0 + 12 ? t0 - 12 : s->t0;
    lim = lim > floor_tok ? lim : floor_tok;
    qual q;
    bool locative = incmap_qualifier_before(c->text, c->tok, t0, &q);
    if (locative) {
        t0 = q.t0; /* "15 km south of Kirkuk": the cue is before the qualifier */
    }
    for (size_t k = t0; k-- > lim;) {
        if (is_clause_break(c, k)) {
            if (list_comma(c, k, t0)) {
                lim = k >= s->t0 + 12 ? k - 12 : s->t0;
                lim = lim > floor_tok ? lim : floor_tok;
                continue;
            }
            break;
        }
        if (!(c->tok[k].flags & TOK_WORD)) {
            continue;
        }
        if (AMONG(c, k, incmap_wl_evac_verbs) || AMONG(c, k, incmap_wl_blame_verbs)) {
            return -1;
        }
        if ((word_eq(c, k, "in") || word_eq(c, k, "at") || word_eq(c, k, "to")) &&
            PREV_AMONG(c, k, lim, incmap_wl_venue_nouns)) {
            return -1;
        }
        if (word_eq(c, k, "to") && PREV_AMONG(c, k, lim, incmap_wl_route_nouns)) {
            return -1; /* "the road to X" */
        }
        if (word_eq(c, k, "from")) {
            if (k > lim && is_distance_unit(c, k - 1)) {
                return -1; /* "about 54 km from X" */
            }
            if (k >= lim + 3 && word_eq(c, k - 1, "and") && word_eq(c, k - 2, "to") &&
                AMONG(c, k - 3, incmap_wl_route_nouns)) {
                return -1; /* "trains to and from X" */
            }
            if (PREV_AMONG(c, k, lim, incmap_wl_route_nouns) || !fire_context(c, k, s->t0)) {
                return -1;
            }
            return ROLE_LAUNCH;
        }
        if (word_eq(c, k, "originated")) {
            return ROLE_LAUNCH;
        }
        if (word_eq(c, k, "direction") && k + 1 < t0 && word_eq(c, k + 1, "of")) {
            /* "from the direction of X" is where it came from; "in the direction of X" where
             * it went */
            size_t j = k > lim && word_eq(c, k - 1, "the") ? k - 1 : k;
            return j > lim && word_eq(c, j - 1, "from") ? ROLE_LAUNCH : ROLE_TARGET;
        }
        bool prep = word_eq(c, k, "in") || word_eq(c, k, "on") || word_eq(c, k, "at") ||
                    word_eq(c, k, "near") || word_eq(c, k, "inside");
        if (AMONG(c, k, incmap_wl_target_words) ||
            /* "aimed at X", "fired at X", "rockets fired at X" */
            (word_eq(c, k, "at") &&
             ((s->fire_verb && k > s->fire_tok) || PREV_AMONG(c, k, lim, incmap_wl_aim_verbs))) ||
            /* "a drone attack on X" */
            (word_eq(c, k, "on") && PREV_AMONG(c, k, lim, incmap_wl_attack_nouns)) ||
            /* "landed in X", "fell near X": where it came down */
            (prep && PREV_AMONG(c, k, lim, incmap_wl_impact_verbs))) {
            return ROLE_TARGET;
        }
        if (word_eq(c, k, "in") && PREV_AMONG(c, k, lim, incmap_wl_speakers)) {
            return -1; /* "officials in Kyiv said": where the speaker is, not the event */
        }
        if (prep || word_eq(c, k, "outside") || word_eq(c, k, "outskirts") ||
            word_eq(c, k, "around") || word_eq(c, k, "nearby")) {
            locative = true;
        }
    }
    return locative ? ROLE_SITE : -1;
}

/* "X and Y were also hit": a passive cue after the names. The role after mention i (ROLE_TARGET)
 * or -1. */
int incmap_role_after(const ictx *c, const sent_info *s, size_t i)
{
    size_t k = c->m->x[i].t1;
    if (k >= s->t1 || !(word_eq(c, k, "was") || word_eq(c, k, "were"))) {
        return -1;
    }
    for (k++; k < s->t1 && k <= c->m->x[i].t1 + 3; k++) {
        if (word_eq(c, k, "also") || word_eq(c, k, "reportedly") || word_eq(c, k, "again")) {
            continue;
        }
        return AMONG(c, k, incmap_wl_target_words) ? ROLE_TARGET : -1;
    }
    return -1;
}

/* "Iran fired missiles at X", "Iran's Revolutionary Guards launched drones", "Azerbaijani forces
 * shelled X": mention i is the attacking state, the subject of a verb of fire across a border.
 * A nationality alone ("a Turkish drone struck") is not: a demonym needs a force noun. */
bool incmap_attacker_state(const ictx *c, const sent_info *s, size_t i)
{
    const mention_x *x = &c->m->x[i];
    if (incmap_place_kind(c->m->m[i].place) != INCMAP_KIND_COUNTRY || x->in_org || x->border) {
        return false;
    }
    bool force = false;
    for (size_t k = x->t1; k < s->t1 && k <= x->t1 + 5; k++) {
        if (AMONG(c, k, incmap_wl_attacker_verbs) ||
            (word_eq(c, k, "opened") && k + 1 < s->t1 && word_eq(c, k + 1, "fire"))) {
            return force || !x->demonym;
        }
        if (AMONG(c, k, incmap_wl_force_nouns)) {
            force = true;
        } else if (!(c->tok[k].flags & TOK_CAP) && !word_eq(c, k, "s") &&
                   !(c->tok[k].flags & TOK_PUNCT && c->text[c->tok[k].b0] == '\'') &&
                   !word_eq(c, k, "had") && !word_eq(c, k, "have") && !word_eq(c, k, "has") &&
                   !word_eq(c, k, "also")) {
            return false;
        }
    }
    return false;
}

/* "released by Russian jets that stay inside Russian airspace", "fired from within Iranian
 * airspace", "aircraft that never leave Russian airspace": a nationality's airspace after
 * inside/within/in/from/leave, in a clause about aircraft or fire, is where the fire came from. An
 * airspace is never what fire is aimed at. */
bool incmap_airspace_launch(const ictx *c, const sent_info *s, size_t i)
{
    const mention_x *x = &c->m->x[i];
    size_t t0 = x->t0;
    if (!x->demonym || x->t1 >= s->t1 || !word_eq(c, x->t1, "airspace") || t0 == s->t0) {
        return false;
    }
    size_t k = word_eq(c, t0 - 1, "the") && t0 > s->t0 + 1 ? t0 - 2 : t0 - 1;
    if (!word_eq(c, k, "inside") && !word_eq(c, k, "within") && !word_eq(c, k, "in") &&
        !word_eq(c, k, "from") && !word_eq(c, k, "leave") && !word_eq(c, k, "leaving")) {
        return false;
    }
    size_t lim = k >= s->t0 + 12 ? k - 12 : s->t0;
    for (size_t j = k; j-- > lim && !is_clause_break(c, j);) {
        if (AMONG(c, j, incmap_wl_air_launchers) || AMONG(c, j, incmap_wl_aim_verbs) ||
            AMONG(c, j, incmap_wl_launch_motion)) {
            return true;
        }
    }
    return false;
}

/* "Kherson city, about 60 km downstream, flooded", "the town of X and nearby villages are among
 * the hardest hit": a damage word (damage_states.txt) after mention i in its clause, not negated
 * and not an adjective of a noun after it ("evacuated from flooded areas"). */
bool incmap_damage_after(const ictx *c, const sent_info *s, size_t i)
{
    size_t t1 = c->m->x[i].t1, lim = t1 + 14 < s->t1 ? t1 + 14 : s->t1;
    for (size_t k = t1; k < lim; k++) {
        if ((c->tok[k].flags & TOK_PUNCT) && c->text[c->tok[k].b0] != ',') {
            return false; /* ";", ":", "(", a dash: another clause */
        }
        if (word_eq(c, k, "but") || word_eq(c, k, "while") || word_eq(c, k, "whereas") ||
            AMONG(c, k, incmap_wl_negation)) {
            return false;
        }
        const incmap_wl_damage_states_row *r = NULL;
        if (c->tok[k].flags & TOK_WORD) {
            char w[32];
            size_t n = c->tok[k].b1 - c->tok[k].b0;
            for (size_t j = 0; j < n && n < sizeof w; j++) {
                char ch = c->text[c->tok[k].b0 + j];
                w[j] = (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
            }
            w[n < sizeof w ? n : 0] = '\0';
            r = incmap_wl_find(incmap_wl_damage_states, INCMAP_WL_N(incmap_wl_damage_states),
                               sizeof *incmap_wl_damage_states, w);
        }
        if (r == NULL) {
            continue;
        }
        if (strcmp(r->then, "-") != 0) {
            if (k + 1 >= s->t1 || !(c->tok[k + 1].flags & TOK_WORD)) {
                continue;
            }
            size_t n = c->tok[k + 1].b1 - c->tok[k + 1].b0;
            const char *w = c->text + c->tok[k + 1].b0;
            bool ok = false;
            for (const char *p = r->then; *p != '\0' && !ok;
                 p += strcspn(p, "|") + (p[strcspn(p, "|")] != '\0')) {
                ok = strcspn(p, "|") == n && strncasecmp(p, w, n) == 0;
            }
            if (ok) {
                return true;
            }
            continue;
        }
        /* "flooded areas": an adjective of the noun after it, not what befell the town */
        bool adjective = k + 1 < s->t1 && (c->tok[k + 1].flags & TOK_WORD) &&
                         !(c->tok[k + 1].flags & TOK_CAP) &&
                         !incmap_word_in(WL_PREP, c->text + c->tok[k + 1].b0,
                                         c->tok[k + 1].b1 - c->tok[k + 1].b0) &&
                         !incmap_word_in(WL_FUNC, c->text + c->tok[k + 1].b0,
                                         c->tok[k + 1].b1 - c->tok[k + 1].b0);
        if (!adjective) {
            return true;
        }
    }
    return false;
}

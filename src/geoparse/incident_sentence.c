/* Incidents stage: what one sentence says about events. Its event cue and type (an indefinite
 * "a drone strike" reports one, a definite "the attack" refers back), its casualty counts, a named
 * line it mentions ("the Line of Control"), and whether a toll-only sentence continues the
 * incident before it. incident.c turns these into incidents. */
#include "geoparse/incident_int.h"
#include "text/wordlists.h"

#include <stdio.h>
#include <string.h>

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

/* Token k lower-cased (ASCII, as tok_is compares) into buf; false when it does not fit. */
static bool token_lower(const ictx *c, size_t k, char *buf, size_t cap)
{
    size_t n = c->tok[k].b1 - c->tok[k].b0;
    if (n >= cap) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        char ch = c->text[c->tok[k].b0 + i];
        buf[i] = ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
    }
    buf[n] = '\0';
    return true;
}

/* The rows [*lo, *hi) of a generated word list (N rows of STRIDE bytes, sorted by their key, the
 * first member) whose key is LOW: the rows a scan of the whole list would match, found by binary
 * search instead of comparing the token with every row (the scans were a tenth of extraction's
 * instructions). LOW NULL (a token too long to lower): the whole list, to be scanned. */
static void rows_of(const char *low, const void *rows, size_t n, size_t stride, size_t *lo,
                    size_t *hi)
{
    *lo = 0;
    *hi = low == NULL ? n : 0;
    const char *r = low != NULL ? incmap_wl_find(rows, n, stride, low) : NULL;
    if (r == NULL) {
        return;
    }
    const char *base = rows;
    size_t i = (size_t)(r - base) / stride, j = i + 1;
    while (i > 0 && strcmp(*(const char *const *)(base + (i - 1) * stride), low) == 0) {
        i--;
    }
    while (j < n && strcmp(*(const char *const *)(base + j * stride), low) == 0) {
        j++;
    }
    *lo = i;
    *hi = j;
}

void incmap_sentence_classify(const ictx *c, sent_info *s)
{
    bool verb = false, toll_verbs_only = true, noun_create = false;
    const char *verb_type = NULL;
    int verb_prio = 0;
    for (size_t k = s->t0; k < s->t1; k++) {
        if (!(c->tok[k].flags & TOK_WORD)) {
            continue;
        }
        char buf[32];
        const char *low = token_lower(c, k, buf, sizeof buf) ? buf : NULL;
        size_t lo, hi;
        rows_of(low, incmap_wl_event_nouns, INCMAP_WL_N(incmap_wl_event_nouns),
                sizeof incmap_wl_event_nouns[0], &lo, &hi);
        for (size_t i = lo; i < hi; i++) {
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
        rows_of(low, incmap_wl_event_verbs, INCMAP_WL_N(incmap_wl_event_verbs),
                sizeof incmap_wl_event_verbs[0], &lo, &hi);
        for (size_t i = lo; i < hi; i++) {
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

/* Casualty counts of a sentence: "one fatality and eight injuries", "killing 3", "two wounded". */
void incmap_sentence_casualties(const ictx *c, const sent_info *s, int *dead, int *hurt)
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

/* A named line ("the Line of Control", "the Blue Line", named_lines.txt) in tokens [t0, t1):
 * its row and its tokens [*p0, *p1), or NULL. */
const incmap_wl_named_lines_row *incmap_named_line(const ictx *c, size_t t0, size_t t1, size_t *p0,
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

/* A sentence that only reports a toll ("..., wounding three") continues the incident before it
 * when it names no place, or names where the shells came down ("Two shells landed in X"), and
 * does not announce another event ("Separately", "Elsewhere", "Meanwhile"). The impact verbs are
 * the list that makes "landed in X" a target (incident_roles.c): one list, so the two cannot drift
 * apart. Its "exploded" and "detonated" never reach here: they are event verbs, not toll verbs. */
bool incmap_continues_previous(const ictx *c, const sent_info *s, bool no_place)
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

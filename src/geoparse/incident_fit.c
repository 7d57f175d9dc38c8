/* Incidents stage: which mentions of a sentence may take a role at all. A place must fit the
 * report (a namesake across the world does not), a list may carry a role on, a capital may
 * stand for its government ("Kyiv said"), a nationality for its ground ("from Russian
 * airspace"), and a strike that answers the report's attack is no incident of it. */
#include "geoparse/incident_int.h"
#include "text/wordlists.h"

#include <math.h>
#include <string.h>
#include <strings.h>

/* Mention i continues a list after mention i - 1: between them a comma, "and" or "or", and at
 * most the words that introduce a town ("shelled Kupiansk, Vovchansk and Dvorichna", "Vardenis
 * and the southern town of Kapan"). */
bool incmap_list_next(const ictx *c, size_t i)
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
bool incmap_metonym(const ictx *c, const sent_info *s, size_t i)
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
bool incmap_demonym_ground(const ictx *c, size_t i)
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
bool incmap_fits_report(const ictx *c, size_t i)
{
    const incmap_place *p = c->m->m[i].place;
    incmap_lonlat a = incmap_place_point(p);
    const char *pcc = incmap_place_country(p);
    bool pcountry = incmap_place_kind(p) == INCMAP_KIND_COUNTRY;
    bool others = false;
    for (size_t j = 0; j < c->m->n; j++) {
        const incmap_place *q = c->m->m[j].place;
        if (q == p || strcasecmp(c->m->m[j].text, c->m->m[i].text) == 0) {
            continue; /* the same name read as two namesakes vouches for neither */
        }
        others = true;
        const char *qcc = incmap_place_country(q);
        if (strcmp(qcc, pcc) == 0) {
            return true;
        }
        /* the distance first: it is a tenth of the cost of the border table's search */
        incmap_lonlat b = incmap_place_point(q);
        double kx = cos((a.lat_deg + b.lat_deg) / 2 * M_PI / 180.0);
        double dx = (a.lon_deg - b.lon_deg) * kx, dy = a.lat_deg - b.lat_deg;
        if (111.2 * sqrt(dx * dx + dy * dy) < FIT_KM) {
            return true;
        }
        /* a country is as near as its border: Russia next to Kharkiv, whatever its inner point */
        if ((pcountry || incmap_place_kind(q) == INCMAP_KIND_COUNTRY) && pcc[0] != '\0' &&
            qcc[0] != '\0' && incmap_gazetteer_countries_touch(c->gz, pcc, qcc)) {
            return true;
        }
    }
    return !others;
}

void incmap_note_hit(const ictx *c, hit_set *h, size_t m0, size_t m1)
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
bool incmap_response_strike(const ictx *c, const sent_info *s, const hit_set *h, size_t m0,
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

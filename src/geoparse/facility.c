/* Facilities named after their place: "Peshawar railway station", "the port of Basra",
 * "Baghdad's airport", "the city's railway station". Such a phrase means the gazetteer's site
 * when it has one (an airport named elsewhere in the report, or found as "<town> <noun>": an
 * airport's municipality is one of its names), else the town itself, with a note that the
 * facility lies there. Never a namesake elsewhere: a site must lie near the town (or, for a
 * country, in it). The head nouns are data (src/text/words/facility_nouns.txt). */
#include "geoparse/facility.h"

#include "text/wordlists.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* A site farther than this from the town it is named after is a namesake, not its facility. */
#define FACILITY_SITE_KM 40.0
/* At most this many words between the place and the head noun ("main", "railway"). */
#define FACILITY_MAX_MODIFIERS 3

static bool is_noun(const ictx *c, size_t k)
{
    return AMONG(c, k, incmap_wl_facility_nouns);
}

/* A word that may stand before the head noun: "main", "international", "railway", "Railway". */
static bool is_modifier(const ictx *c, size_t k)
{
    if (!(c->tok[k].flags & TOK_WORD) || (c->tok[k].flags & TOK_NUM)) {
        return false;
    }
    const char *s = c->text + c->tok[k].b0;
    size_t n = c->tok[k].b1 - c->tok[k].b0;
    return !incmap_word_in(WL_STOP, s, n) && !incmap_word_in(WL_FUNC, s, n) &&
           !incmap_word_in(WL_PREP, s, n) && !incmap_word_in(WL_CONNECT, s, n) &&
           !word_eq(c, k, "the") && !word_eq(c, k, "a") && !word_eq(c, k, "an") &&
           !word_eq(c, k, "and") && !word_eq(c, k, "or") && !word_eq(c, k, "s");
}

/* "'s" at token k (ASCII or curly apostrophe): the token after it, else k. */
static size_t skip_possessive(const ictx *c, size_t k, size_t t1)
{
    if (k + 1 < t1 && (c->tok[k].flags & TOK_PUNCT) && word_eq(c, k + 1, "s")) {
        const char *p = c->text + c->tok[k].b0;
        if (p[0] == '\'' || strncmp(p, "\xE2\x80\x99", 3) == 0) {
            return k + 2;
        }
    }
    return k;
}

/* The mention that covers token k exactly from its start, or SIZE_MAX. */
static size_t mention_at(const ictx *c, size_t k)
{
    for (size_t i = 0; i < c->m->n; i++) {
        if (c->m->x[i].t0 == k) {
            return i;
        }
        if (c->m->x[i].t0 > k) {
            break;
        }
    }
    return SIZE_MAX;
}

/* The mention that ends right before token k, or SIZE_MAX. */
static size_t mention_ending(const ictx *c, size_t k)
{
    for (size_t i = 0; i < c->m->n && c->m->x[i].t0 < k; i++) {
        if (c->m->x[i].t1 == k) {
            return i;
        }
    }
    return SIZE_MAX;
}

/* "the city's": the latest town named before token k (or a province: a dateline "ERBIL"
 * may have resolved to the province of the same name). */
static size_t town_before(const ictx *c, size_t k)
{
    size_t best = SIZE_MAX;
    for (size_t i = 0; i < c->m->n && c->m->x[i].t1 <= k; i++) {
        incmap_kind kind = incmap_place_kind(c->m->m[i].place);
        if ((kind == INCMAP_KIND_PLACE || kind == INCMAP_KIND_ADMIN1) && !c->m->x[i].demonym &&
            !c->m->x[i].modifier) {
            best = i;
        }
    }
    return best;
}

static double km_between(const incmap_place *a, const incmap_place *b)
{
    incmap_lonlat p = incmap_place_point(a), q = incmap_place_point(b);
    double kx = cos((p.lat_deg + q.lat_deg) / 2 * M_PI / 180.0);
    double dx = (p.lon_deg - q.lon_deg) * kx, dy = p.lat_deg - q.lat_deg;
    return 111.2 * sqrt(dx * dx + dy * dy);
}

/* SITE serves TOWN: near it, or in it when TOWN is a country or province. */
static bool serves(const incmap_place *site, const incmap_place *town)
{
    if (incmap_place_kind(town) == INCMAP_KIND_PLACE) {
        return km_between(site, town) <= FACILITY_SITE_KM;
    }
    return strcmp(incmap_place_country(site), incmap_place_country(town)) == 0;
}

/* ASCII case-insensitive: NAME contains WORD. */
static bool name_has(const char *name, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = name; *p != '\0'; p++) {
        size_t i = 0;
        while (i < n && p[i] != '\0' &&
               (p[i] | 0x20) == (word[i] | 0x20)) { /* word is lower-case letters */
            i++;
        }
        if (i == n) {
            return true;
        }
    }
    return false;
}

/* A site of this kind named elsewhere in the report ("the country's main airport" ... "Port Sudan
 * New International Airport"), the nearest to the town. */
static const incmap_place *site_in_report(const ictx *c, const incmap_place *town, const char *noun)
{
    const incmap_place *best = NULL;
    double best_km = INFINITY;
    for (size_t i = 0; i < c->m->n; i++) {
        const incmap_place *p = c->m->m[i].place;
        if (incmap_place_kind(p) != INCMAP_KIND_SITE || !name_has(incmap_place_name(p), noun) ||
            !serves(p, town)) {
            continue;
        }
        double km = km_between(p, town);
        if (km < best_km) {
            best = p;
            best_km = km;
        }
    }
    return best;
}

/* "<town> <words>" in the gazetteer: a site that serves the town. */
static const incmap_place *site_in_gazetteer(const incmap_gazetteer *gz, incmap_ctx *ctx,
                                             const incmap_place *town, const char *words)
{
    char name[192];
    int n = snprintf(name, sizeof name, "%s %s", incmap_place_name(town), words);
    if (n <= 0 || (size_t)n >= sizeof name) {
        return NULL;
    }
    incmap_lookup_opts o = incmap_lookup_opts_default();
    o.kind = INCMAP_KIND_SITE;
    o.tolerant = false;
    o.limit = 5;
    o.country = incmap_place_country(town);
    incmap_candidates *cands = incmap_gazetteer_lookup(gz, ctx, name, (size_t)n, &o);
    const incmap_place *found = NULL;
    for (size_t i = 0; cands != NULL && i < incmap_candidates_count(cands) && found == NULL; i++) {
        const incmap_place *p = incmap_candidates_place(cands, i);
        if (incmap_candidates_match(cands, i) <= INCMAP_MATCH_ALIAS && serves(p, town)) {
            found = p;
        }
    }
    incmap_candidates_destroy(cands);
    return found;
}

/* Resolves the phrase whose place is mention A and whose words are tokens [n0, n1). */
static bool resolve(const incmap_gazetteer *gz, incmap_ctx *ctx, const ictx *c, size_t a, size_t n0,
                    size_t n1, facility *out)
{
    const incmap_place *town = c->m->m[a].place;
    incmap_kind kind = incmap_place_kind(town);
    if (kind == INCMAP_KIND_SITE) {
        return false; /* "Erbil airport" is already the airport */
    }
    char noun[32], words[96];
    size_t hb = c->tok[n1 - 1].b1 - c->tok[n1 - 1].b0, wb = c->tok[n1 - 1].b1 - c->tok[n0].b0;
    if (hb >= sizeof noun || wb >= sizeof words) {
        return false;
    }
    memcpy(noun, c->text + c->tok[n1 - 1].b0, hb);
    noun[hb] = '\0';
    memcpy(words, c->text + c->tok[n0].b0, wb);
    words[wb] = '\0';
    out->anchor = a;
    out->place = site_in_report(c, town, noun);
    if (out->place == NULL && gz != NULL) {
        out->place = site_in_gazetteer(gz, ctx, town, words);
        if (out->place == NULL && n1 - n0 > 1) {
            out->place = site_in_gazetteer(gz, ctx, town, noun);
        }
    }
    out->at_town = out->place == NULL;
    if (out->at_town && kind == INCMAP_KIND_PLACE) {
        out->place = town; /* no entry: the facility is in its town */
    }
    return out->place != NULL;
}

bool incmap_facility_next(const incmap_gazetteer *gz, incmap_ctx *ctx, const ictx *c, size_t k,
                          size_t t1, facility *out)
{
    for (; k < t1; k++) {
        if (!is_noun(c, k)) {
            continue;
        }
        /* the words before the head noun, back to the place or "the city's" */
        size_t n0 = k;
        while (n0 > 0 && k - n0 < FACILITY_MAX_MODIFIERS && is_modifier(c, n0 - 1) &&
               mention_ending(c, n0) == SIZE_MAX) {
            n0--;
        }
        size_t a = SIZE_MAX, p0 = n0;
        size_t end = k + 1;
        bool anaphor = false;
        if (n0 >= 3 && word_eq(c, n0 - 1, "s") && skip_possessive(c, n0 - 2, t1) == n0 &&
            (incmap_word_in(WL_SETTLE, c->text + c->tok[n0 - 3].b0,
                            c->tok[n0 - 3].b1 - c->tok[n0 - 3].b0) ||
             word_eq(c, n0 - 3, "capital"))) {
            a = town_before(c, n0 - 3); /* "the city's railway station" */
            p0 = n0 - 3 > 0 && word_eq(c, n0 - 4, "the") ? n0 - 4 : n0 - 3;
            anaphor = true;
        } else if (n0 >= 2 && word_eq(c, n0 - 1, "s") && skip_possessive(c, n0 - 2, t1) == n0) {
            a = mention_ending(c, n0 - 2); /* "Baghdad's airport" */
            p0 = a != SIZE_MAX ? c->m->x[a].t0 : n0;
        } else if ((a = mention_ending(c, n0)) != SIZE_MAX) {
            p0 = c->m->x[a].t0; /* "Peshawar railway station" */
        } else if (k + 1 < t1 && word_eq(c, k + 1, "of")) {
            a = mention_at(c, k + 2); /* "the port of Basra" */
            end = a != SIZE_MAX ? c->m->x[a].t1 : end;
            p0 = n0 > 0 && word_eq(c, n0 - 1, "the") ? n0 - 1 : n0;
        }
        if (a == SIZE_MAX || c->m->x[a].in_org || c->m->x[a].demonym) {
            continue;
        }
        memset(out, 0, sizeof *out);
        out->t0 = p0;
        out->t1 = end;
        if (resolve(gz, ctx, c, a, n0, k + 1, out)) {
            out->anchor = anaphor ? SIZE_MAX : a;
            return true;
        }
    }
    return false;
}

void incmap_facility_role(const ictx *c, const facility *f, double confidence, role_ref *r)
{
    memset(r, 0, sizeof *r);
    r->place = f->place;
    size_t b0 = c->tok[f->t0].b0, b1 = c->tok[f->t1 - 1].b1;
    snprintf(r->phrase, sizeof r->phrase, "%.*s", (int)(b1 - b0), c->text + b0);
    r->text = r->phrase;
    r->start = c->tok[f->t0].c0;
    r->end = c->tok[f->t1 - 1].c1;
    r->confidence = confidence;
    r->q.kind = QUAL_NONE;
    r->q.km = r->q.az_deg = NAN;
    if (f->at_town) {
        /* "railway station, located at Peshawar": where the facility is, not the facility */
        size_t n1 = f->t1;
        size_t h = n1;
        while (h > f->t0 && !is_noun(c, h - 1)) {
            h--;
        }
        size_t m0 = h;
        while (m0 > f->t0 && is_modifier(c, m0 - 1)) {
            m0--;
        }
        size_t w0 = c->tok[m0].b0, w1 = c->tok[h - 1].b1;
        r->q.kind = QUAL_FACILITY;
        snprintf(r->q.label, sizeof r->q.label, "%.*s, located at %s", (int)(w1 - w0), c->text + w0,
                 incmap_place_name(f->place));
        r->q.t0 = f->t0;
    }
}

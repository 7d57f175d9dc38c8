/* The geoparser's entry points: text -> mentions (mention.c, resolve.c) -> incidents (incident.c)
 * -> features (incident_geom.c); and the structured variant, where an analyst names the launch,
 * target and sites directly and gets the same features. */
#include "core/core.h"
#include "gazetteer/rank.h"
#include "geoparse/geoparse.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

incmap_extract_opts incmap_extract_opts_default(void)
{
    incmap_extract_opts o;
    memset(&o, 0, sizeof o);
    o.pub_date = NULL;
    o.mentions = true;
    return o;
}

incmap_incidents *incmap_extract(const incmap_gazetteer *gz, incmap_ctx *ctx, const char *text,
                                 size_t len, const incmap_extract_opts *opts)
{
    incmap_extract_opts def = incmap_extract_opts_default();
    if (opts == NULL) {
        opts = &def;
    }
    incmap_date pub;
    if (opts->pub_date != NULL && !incmap_date_parse(opts->pub_date, &pub)) {
        incmap_fail(ctx, INCMAP_ERR_INVALID_ARG, "publication date '%s' is not YYYY-MM-DD",
                    opts->pub_date);
        return NULL;
    }
    incmap_mentions *m = incmap_mentions_extract(gz, ctx, text, len);
    if (m == NULL) {
        return NULL;
    }
    incmap_incidents *inc = incmap_incidents_create(ctx);
    if (inc != NULL && incmap_incidents_build(gz, ctx, m, opts, inc) != INCMAP_OK) {
        incmap_incidents_destroy(inc);
        inc = NULL;
    }
    incmap_mentions_destroy(m);
    return inc;
}

/* --- structured input ----------------------------------------------------------------------- */

typedef struct {
    const char *field, *value;
    incmap_candidates *cands;
    qual q;
    size_t name_off;
} field_ref;

static double km_approx(incmap_lonlat a, incmap_lonlat b)
{
    double kx = cos((a.lat_deg + b.lat_deg) / 2 * M_PI / 180.0);
    double dx = (a.lon_deg - b.lon_deg) * kx, dy = a.lat_deg - b.lat_deg;
    return 111.2 * sqrt(dx * dx + dy * dy);
}

/* Splits "12 km north of Kirkuk" into its qualifier and name, and looks the name up. */
static incmap_status lookup_field(const incmap_gazetteer *gz, incmap_ctx *ctx, field_ref *f)
{
    size_t len = strlen(f->value);
    if (incmap_text_check(ctx, f->value, len) != INCMAP_OK) {
        return incmap_fail(ctx, INCMAP_ERR_INVALID_ARG, "%s: %s", f->field,
                           incmap_ctx_message(ctx));
    }
    mtok *tok = NULL;
    size_t ntok = 0, nsent = 0;
    incmap_status st = incmap_tokenise(ctx, f->value, len, &tok, &ntok, &nsent);
    if (st != INCMAP_OK) {
        return st;
    }
    memset(&f->q, 0, sizeof f->q);
    f->name_off = 0;
    for (size_t t0 = 1; t0 < ntok; t0++) {
        qual q;
        if (incmap_qualifier_before(f->value, tok, t0, &q) && q.t0 == 0) {
            f->q = q;
            f->name_off = tok[t0].b0;
        }
    }
    free(tok);
    const char *name = f->value + f->name_off;
    incmap_lookup_opts o = incmap_lookup_opts_default();
    o.limit = 10;
    o.tolerant = true; /* an analyst's spelling: one edit away is still meant */
    f->cands = incmap_gazetteer_lookup(gz, ctx, name, strlen(name), &o);
    if (f->cands == NULL) {
        return incmap_ctx_status(ctx);
    }
    if (incmap_candidates_count(f->cands) == 0) {
        return incmap_fail(ctx, INCMAP_ERR_NOT_FOUND, "%s: no place called '%s' in the gazetteer",
                           f->field, name);
    }
    return INCMAP_OK;
}

/* Picks the candidate that agrees best with the places already chosen. */
static const incmap_place *pick(const field_ref *f, const incmap_place **chosen, size_t n,
                                double *conf)
{
    size_t nc = incmap_candidates_count(f->cands), best = 0;
    double s1 = -INFINITY, s2 = -INFINITY;
    for (size_t j = 0; j < nc; j++) {
        const incmap_place *p = incmap_candidates_place(f->cands, j);
        double s = incmap_candidates_score(f->cands, j);
        for (size_t k = 0; k < n; k++) {
            if (chosen[k] == NULL) {
                continue;
            }
            if (strcmp(incmap_place_country(p), incmap_place_country(chosen[k])) == 0) {
                s += RANK_FIELD_SAME_COUNTRY;
            }
            if (km_approx(incmap_place_point(p), incmap_place_point(chosen[k])) <
                RANK_FIELD_NEAR_KM) {
                s += RANK_FIELD_NEAR;
            }
        }
        if (s > s1) {
            s2 = s1;
            s1 = s;
            best = j;
        } else if (s > s2) {
            s2 = s;
        }
    }
    double margin = nc > 1 ? s1 - s2 : 1.0;
    *conf =
        fmin(1.0, fmax(RANK_FIELD_CONF_MIN, incmap_candidates_score(f->cands, best))) *
        (RANK_FIELD_CONF_FLOOR + RANK_FIELD_CONF_LEAD * fmin(1.0, margin / RANK_FIELD_CONF_MARGIN));
    return incmap_candidates_place(f->cands, best);
}

incmap_incidents *incmap_extract_fields_run(const incmap_gazetteer *gz, incmap_ctx *ctx,
                                            const incmap_extract_fields *fields)
{
    incident_rec rec;
    memset(&rec, 0, sizeof rec);
    rec.id = 1;
    rec.fatalities = rec.injured = -1;
    rec.type = fields->event_type != NULL ? fields->event_type : "attack";
    if (fields->date != NULL && !incmap_date_parse(fields->date, &rec.date)) {
        incmap_fail(ctx, INCMAP_ERR_INVALID_ARG, "date '%s' is not YYYY-MM-DD", fields->date);
        return NULL;
    }
    /* launch, target, then the sites (each site is a feature of the same incident) */
    size_t nf = 2 + fields->nsites;
    field_ref *fr = calloc(nf, sizeof *fr);
    const incmap_place **chosen = calloc(nf, sizeof *chosen);
    incmap_incidents *out = NULL;
    if (fr == NULL || chosen == NULL) {
        incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory");
        goto done;
    }
    fr[0] = (field_ref){"launch", fields->launch, NULL, {0}, 0};
    fr[1] = (field_ref){"target", fields->target, NULL, {0}, 0};
    for (size_t i = 0; i < fields->nsites; i++) {
        fr[2 + i] = (field_ref){"site", fields->sites[i], NULL, {0}, 0};
    }
    size_t nchosen = 0;
    for (size_t i = 0; i < nf; i++) {
        if (fr[i].value != NULL && lookup_field(gz, ctx, &fr[i]) != INCMAP_OK) {
            goto done;
        }
    }
    if (fields->launch == NULL && fields->target == NULL && fields->nsites == 0) {
        incmap_fail(ctx, INCMAP_ERR_INVALID_ARG,
                    "no place given: launch, target and sites are all empty");
        goto done;
    }
    out = incmap_incidents_create(ctx);
    if (out == NULL) {
        goto done;
    }
    double conf[3] = {1, 1, 1};
    const incmap_place *pl[3] = {NULL, NULL, NULL};
    for (size_t i = 0; i < nf; i++) {
        if (fr[i].cands != NULL) {
            double c = 1;
            chosen[nchosen] = pick(&fr[i], chosen, nchosen, &c);
            if (i < 3) {
                pl[i] = chosen[nchosen];
                conf[i] = c;
            }
            nchosen++;
        }
    }
    for (int r = 0; r < ROLE_COUNT; r++) {
        rec.r[r].place = pl[r];
        rec.r[r].start = rec.r[r].end = -1;
        rec.r[r].confidence = conf[r];
        if ((size_t)r < nf) {
            rec.r[r].q = fr[r].q;
        }
    }
    incmap_status st = incmap_incident_emit(gz, ctx, &rec, out);
    /* further sites: one site feature each, in the same incident */
    for (size_t i = 3; i < nf && st == INCMAP_OK; i++) {
        incident_rec more = rec;
        memset(more.r, 0, sizeof more.r);
        more.r[ROLE_SITE].start = more.r[ROLE_SITE].end = -1;
        more.r[ROLE_SITE].q = fr[i].q;
        more.r[ROLE_SITE].place = pick(&fr[i], pl, 2, &more.r[ROLE_SITE].confidence);
        st = incmap_incident_emit(gz, ctx, &more, out);
    }
    if (st != INCMAP_OK) {
        incmap_incidents_destroy(out);
        out = NULL;
    }
done:
    for (size_t i = 0; fr != NULL && i < nf; i++) {
        incmap_candidates_destroy(fr[i].cands);
    }
    free(fr);
    free(chosen);
    return out;
}

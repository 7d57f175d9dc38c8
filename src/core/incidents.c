/* The incidents model: an ordered list of features (located roles and context mentions) that the
 * geoparser fills, the GeoJSON reader rebuilds from a file and the renderer draws. */
#include "core/core.h"
#include "core/vec.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

struct incmap_incidents {
    incmap_feature *feats;
    size_t n, cap;
};

incmap_incidents *incmap_incidents_create(incmap_ctx *ctx)
{
    incmap_incidents *inc = calloc(1, sizeof *inc);
    if (inc == NULL) {
        incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory");
    }
    return inc;
}

static void feature_free(incmap_feature *f)
{
    free(f->name);
    free(f->text);
    free(f->gazetteer_id);
    free(f->country);
    free(f->admin1);
    free(f->qualifier);
    free(f->event_type);
    free(f->date);
    free(f->report);
    free(f->source);
    incmap_geom_destroy(f->geom);
}

void incmap_incidents_destroy(incmap_incidents *inc)
{
    if (inc == NULL) {
        return;
    }
    for (size_t i = 0; i < inc->n; i++) {
        feature_free(&inc->feats[i]);
    }
    free(inc->feats);
    free(inc);
}

size_t incmap_incidents_count(const incmap_incidents *inc)
{
    int max = 0;
    for (size_t i = 0; i < inc->n; i++) {
        max = inc->feats[i].incident > max ? inc->feats[i].incident : max;
    }
    return (size_t)max;
}

size_t incmap_incidents_feature_count(const incmap_incidents *inc)
{
    return inc->n;
}

const incmap_feature *incmap_incidents_feature(const incmap_incidents *inc, size_t i)
{
    return i < inc->n ? &inc->feats[i] : NULL;
}

incmap_feature incmap_feature_init(void)
{
    incmap_feature f;
    memset(&f, 0, sizeof f);
    f.role = INCMAP_ROLE_MENTION;
    f.start = f.end = -1;
    f.precision = -1;
    f.fatalities = f.injured = -1;
    f.uncertainty_km = f.confidence = NAN;
    f.distance_km = f.bearing_deg = NAN;
    return f;
}

static bool dup_str(char **dst, const char *src)
{
    *dst = incmap_strdup(src);
    return src == NULL || *dst != NULL;
}

incmap_status incmap_incidents_add(incmap_incidents *inc, incmap_ctx *ctx, const incmap_feature *f)
{
    if (f->geom == NULL) {
        return incmap_fail(ctx, INCMAP_ERR_INVALID_ARG, "feature '%s' has no geometry",
                           f->name != NULL ? f->name : "");
    }
    if (incmap_grow((void **)&inc->feats, &inc->cap, inc->n + 1, sizeof *inc->feats) != INCMAP_OK) {
        return incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory");
    }
    incmap_feature c = *f;
    c.name = c.text = c.gazetteer_id = c.country = c.admin1 = c.qualifier = NULL;
    c.event_type = c.date = c.report = c.source = NULL;
    c.geom = incmap_geom_clone(f->geom);
    bool ok = c.geom != NULL && dup_str(&c.name, f->name) && dup_str(&c.text, f->text) &&
              dup_str(&c.gazetteer_id, f->gazetteer_id) && dup_str(&c.country, f->country) &&
              dup_str(&c.admin1, f->admin1) && dup_str(&c.qualifier, f->qualifier) &&
              dup_str(&c.event_type, f->event_type) && dup_str(&c.date, f->date) &&
              dup_str(&c.report, f->report) && dup_str(&c.source, f->source);
    if (!ok) {
        feature_free(&c);
        return incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory");
    }
    inc->feats[inc->n++] = c;
    return INCMAP_OK;
}

/* Sets the string member at `off` of every feature to a copy of value: every copy is made
 * before any is replaced, so a failure leaves the collection as it was. */
static incmap_status set_all(incmap_incidents *inc, incmap_ctx *ctx, size_t off, const char *value)
{
    char **copies = calloc(inc->n > 0 ? inc->n : 1, sizeof *copies);
    bool ok = copies != NULL;
    for (size_t i = 0; ok && i < inc->n; i++) {
        ok = dup_str(&copies[i], value);
    }
    if (!ok) {
        for (size_t i = 0; copies != NULL && i < inc->n; i++) {
            free(copies[i]);
        }
        free(copies);
        return incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < inc->n; i++) {
        char **field = (char **)((char *)&inc->feats[i] + off);
        free(*field);
        *field = copies[i];
    }
    free(copies);
    return INCMAP_OK;
}

incmap_status incmap_incidents_set_report(incmap_incidents *inc, incmap_ctx *ctx,
                                          const char *report)
{
    return set_all(inc, ctx, offsetof(incmap_feature, report), report);
}

incmap_status incmap_incidents_set_source(incmap_incidents *inc, incmap_ctx *ctx,
                                          const char *source)
{
    return set_all(inc, ctx, offsetof(incmap_feature, source), source);
}

static const char *const role_names[] = {NULL, "launch", "target", "border", "site", "mention"};

const char *incmap_role_str(incmap_role r)
{
    return r >= INCMAP_ROLE_LAUNCH && r <= INCMAP_ROLE_MENTION ? role_names[r] : "unknown";
}

incmap_role incmap_role_parse(const char *s)
{
    for (int r = INCMAP_ROLE_LAUNCH; r <= INCMAP_ROLE_MENTION; r++) {
        if (s != NULL && strcmp(s, role_names[r]) == 0) {
            return (incmap_role)r;
        }
    }
    return (incmap_role)0;
}

/* GeoJSON stage: the property schema of the incident file (keys, types, valid ranges, rounding),
 * one table that the writer (geojson_write.c) and the reader (geojson_read.c) both walk, so the
 * two sides cannot disagree, and the features' ids, which the OGR writers use too. The schema
 * itself is documented at the top of geojson_write.c. */
#include "geojson/geojson_int.h"

#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#define OFF(field) offsetof(incmap_feature, field)
/* defined with [] so that a count that differs from GJ_NPROPS (the header) fails to compile */
const gj_prop incmap_geojson_props[] = {
    {"name", GJ_STR, OFF(name), 0, 0, 0},
    {"text", GJ_STR, OFF(text), 0, 0, 0},
    {"start", GJ_LONG, OFF(start), 0, 1e15, 0},
    {"end", GJ_LONG, OFF(end), 0, 1e15, 0},
    {"gazetteer_id", GJ_STR, OFF(gazetteer_id), 0, 0, 0},
    {"kind", GJ_KIND, OFF(kind), 0, 0, 0},
    {"country", GJ_STR, OFF(country), 0, 0, 0},
    {"admin1", GJ_STR, OFF(admin1), 0, 0, 0},
    {"qualifier", GJ_STR, OFF(qualifier), 0, 0, 0},
    {"precision", GJ_INT, OFF(precision), 1, 3, 0},
    {"uncertainty_km", GJ_REAL, OFF(uncertainty_km), 0, 1e5, 3},
    {"confidence", GJ_REAL, OFF(confidence), 0, 1, 3},
    {"event_type", GJ_STR, OFF(event_type), 0, 0, 0},
    {"date", GJ_DATE, OFF(date), 0, 0, 0},
    {"fatalities", GJ_INT, OFF(fatalities), 0, INT_MAX, 0},
    {"injured", GJ_INT, OFF(injured), 0, INT_MAX, 0},
    {"distance_km", GJ_REAL, OFF(distance_km), 0, 1e5, 3},
    {"bearing_deg", GJ_REAL, OFF(bearing_deg), -360, 360, 2},
    {"report", GJ_STR, OFF(report), 0, 0, 0},
    {"source", GJ_STR, OFF(source), 0, 0, 0},
};

const char *incmap_geojson_kind_name(incmap_kind k)
{
    return k > INCMAP_KIND_ANY && k <= INCMAP_KIND_SITE ? incmap_kind_str(k) : NULL;
}

bool incmap_geojson_kind_parse(const char *s, incmap_kind *out)
{
    *out = incmap_kind_parse(s);
    return *out != INCMAP_KIND_ANY;
}

/* The n of each feature's id "<incident>-<role>-<n>": 1, 2, ... within its (incident, role), in
 * model order. Sorting keeps this O(n log n) for files with many features. */
typedef struct {
    int incident, role;
    size_t index;
} id_key;

static int cmp_id_key(const void *a, const void *b)
{
    const id_key *x = a, *y = b;
    if (x->incident != y->incident) {
        return x->incident < y->incident ? -1 : 1;
    }
    if (x->role != y->role) {
        return x->role < y->role ? -1 : 1;
    }
    return x->index < y->index ? -1 : x->index > y->index;
}

void incmap_geojson_feature_id(const incmap_feature *f, size_t serial, char *out, size_t n)
{
    if (f->incident > 0) {
        snprintf(out, n, "%d-%s-%zu", f->incident, incmap_role_str(f->role), serial);
    } else {
        snprintf(out, n, "m-%s-%zu", incmap_role_str(f->role), serial);
    }
}

size_t *incmap_geojson_id_serials(const incmap_incidents *inc)
{
    size_t n = incmap_incidents_feature_count(inc);
    id_key *keys = malloc((n > 0 ? n : 1) * sizeof *keys);
    size_t *serial = malloc((n > 0 ? n : 1) * sizeof *serial);
    if (keys == NULL || serial == NULL) {
        free(keys);
        free(serial);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        const incmap_feature *f = incmap_incidents_feature(inc, i);
        keys[i] = (id_key){f->incident, (int)f->role, i};
    }
    qsort(keys, n, sizeof *keys, cmp_id_key);
    for (size_t i = 0; i < n; i++) {
        bool same =
            i > 0 && keys[i].incident == keys[i - 1].incident && keys[i].role == keys[i - 1].role;
        serial[keys[i].index] = same ? serial[keys[i - 1].index] + 1 : 1;
    }
    free(keys);
    return serial;
}

/* GeoJSON stage: the property schema of the incident file (keys, types, valid ranges, rounding),
 * one table that the writer (geojson_write.c) and the reader (geojson_read.c) both walk, so the
 * two sides cannot disagree. The schema itself is documented at the top of geojson_write.c. */
#include "geojson/geojson_int.h"

#include <limits.h>
#include <stddef.h>

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

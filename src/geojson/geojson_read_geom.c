/* GeoJSON reader, geometry part: GeoJSON geometry objects -> incmap_geom, every position checked
 * (finite numbers, 2 or 3 of them, lon/lat in range), lines of 2+ positions, closed rings of 4+,
 * MultiPoint reduced to its first point. Errors name the JSON path ("coordinates[0][5]"). */
#include "core/vec.h"
#include "geojson/geojson_int.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static incmap_status read_position(gj_reader *r, const cJSON *pos)
{
    static const char *const axis[] = {"longitude", "latitude", "height"};
    if (!cJSON_IsArray(pos)) {
        return incmap_gjr_fail(r, INCMAP_ERR_PARSE,
                               "expected a position [longitude, latitude], got %s",
                               incmap_gjr_type(pos));
    }
    double c[3];
    size_t n = 0;
    for (const cJSON *v = pos->child; v != NULL; v = v->next) {
        if (n == 3) {
            return incmap_gjr_fail(
                r, INCMAP_ERR_PARSE,
                "position has more than 3 numbers (longitude, latitude, height)");
        }
        if (!cJSON_IsNumber(v)) {
            return incmap_gjr_fail(r, INCMAP_ERR_PARSE, "%s is %s %s, not a number", axis[n],
                                   cJSON_IsArray(v) || cJSON_IsObject(v) ? "an" : "a",
                                   incmap_gjr_type(v));
        }
        if (!isfinite(v->valuedouble)) {
            return incmap_gjr_fail(r, INCMAP_ERR_PARSE, "%s is not a finite number", axis[n]);
        }
        c[n++] = v->valuedouble;
    }
    if (n < 2) {
        return incmap_gjr_fail(r, INCMAP_ERR_PARSE,
                               "position has %zu number(s): longitude and latitude needed", n);
    }
    /* a latitude beyond 90 that would be a valid longitude usually means swapped axes */
    const char *hint =
        fabs(c[0]) <= 90 && fabs(c[1]) <= 180 ? " (longitude and latitude swapped?)" : "";
    if (c[0] < -180 || c[0] > 180) {
        return incmap_gjr_fail(r, INCMAP_ERR_PARSE, "longitude %.10g is out of range [-180, 180]",
                               c[0]);
    }
    if (c[1] < -90 || c[1] > 90) {
        return incmap_gjr_fail(r, INCMAP_ERR_PARSE, "latitude %.10g is out of range [-90, 90]%s",
                               c[1], hint);
    }
    if (++r->positions > INCMAP_GEOJSON_MAX_POSITIONS) {
        return incmap_gjr_fail(r, INCMAP_ERR_LIMIT,
                               "more than %zu positions in the file (the limit)",
                               INCMAP_GEOJSON_MAX_POSITIONS);
    }
    if (incmap_grow((void **)&r->g.xy, &r->g.cap, 2 * (r->g.n + 1), sizeof *r->g.xy) != INCMAP_OK) {
        return incmap_gjr_nomem(r);
    }
    r->g.xy[2 * r->g.n] = c[0];
    r->g.xy[2 * r->g.n + 1] = c[1];
    r->g.n++;
    return INCMAP_OK;
}

static incmap_status end_ring(gj_reader *r)
{
    if (incmap_grow((void **)&r->g.rings, &r->g.rcap, r->g.nr + 1, sizeof *r->g.rings) !=
        INCMAP_OK) {
        return incmap_gjr_nomem(r);
    }
    r->g.rings[r->g.nr++] = r->g.n;
    return INCMAP_OK;
}

/* An array of positions: a line (ring == false) or a closed ring. */
static incmap_status read_points(gj_reader *r, const cJSON *arr, bool ring)
{
    if (!cJSON_IsArray(arr)) {
        return incmap_gjr_fail(r, INCMAP_ERR_PARSE, "expected an array of positions, got %s",
                               incmap_gjr_type(arr));
    }
    size_t first = r->g.n, i = 0;
    for (const cJSON *v = arr->child; v != NULL; v = v->next, i++) {
        size_t mark = incmap_gjr_push_index(r, i);
        incmap_status st = read_position(r, v);
        if (st != INCMAP_OK) {
            return st;
        }
        incmap_gjr_pop(r, mark);
    }
    size_t n = r->g.n - first;
    if (!ring && n < 2) {
        return incmap_gjr_fail(r, INCMAP_ERR_PARSE, "a line needs at least 2 positions, got %zu",
                               n);
    }
    if (ring && n < 4) {
        return incmap_gjr_fail(r, INCMAP_ERR_PARSE,
                               "ring has %zu position(s) (a closed ring needs at least 4)", n);
    }
    const double *a = r->g.xy + 2 * first, *b = r->g.xy + 2 * (r->g.n - 1);
    if (ring && (a[0] != b[0] || a[1] != b[1])) {
        return incmap_gjr_fail(r, INCMAP_ERR_PARSE,
                               "ring is not closed (its last position differs from "
                               "its first)");
    }
    return end_ring(r);
}

static incmap_status read_polygon(gj_reader *r, const cJSON *arr)
{
    if (!cJSON_IsArray(arr)) {
        return incmap_gjr_fail(r, INCMAP_ERR_PARSE, "expected an array of rings, got %s",
                               incmap_gjr_type(arr));
    }
    if (arr->child == NULL) {
        return incmap_gjr_fail(r, INCMAP_ERR_PARSE, "a polygon needs at least one ring");
    }
    size_t i = 0;
    for (const cJSON *v = arr->child; v != NULL; v = v->next, i++) {
        size_t mark = incmap_gjr_push_index(r, i);
        incmap_status st = read_points(r, v, true);
        if (st != INCMAP_OK) {
            return st;
        }
        incmap_gjr_pop(r, mark);
    }
    if (incmap_grow((void **)&r->g.polys, &r->g.pcap, r->g.np + 1, sizeof *r->g.polys) !=
        INCMAP_OK) {
        return incmap_gjr_nomem(r);
    }
    r->g.polys[r->g.np++] = r->g.nr;
    return INCMAP_OK;
}

/* Each element of a Multi* array read by `one`. */
static incmap_status read_each(gj_reader *r, const cJSON *arr,
                               incmap_status (*one)(gj_reader *, const cJSON *))
{
    size_t i = 0;
    for (const cJSON *v = arr->child; v != NULL; v = v->next, i++) {
        size_t mark = incmap_gjr_push_index(r, i);
        incmap_status st = one(r, v);
        if (st != INCMAP_OK) {
            return st;
        }
        incmap_gjr_pop(r, mark);
    }
    return INCMAP_OK;
}

static incmap_status read_line(gj_reader *r, const cJSON *arr)
{
    return read_points(r, arr, false);
}

/* Reads the geometry at r->path. *out stays NULL for a geometry to skip (null or empty). */
incmap_status incmap_gjr_geometry(gj_reader *r, const cJSON *geom, incmap_geom **out)
{
    *out = NULL;
    if (cJSON_IsNull(geom)) {
        return INCMAP_OK;
    }
    if (!cJSON_IsObject(geom)) {
        return incmap_gjr_fail(r, INCMAP_ERR_PARSE, "expected a geometry object or null, got %s",
                               incmap_gjr_type(geom));
    }
    const cJSON *type = incmap_gjr_member(geom, "type");
    if (!cJSON_IsString(type)) {
        return incmap_gjr_fail(r, INCMAP_ERR_PARSE, "geometry has no \"type\" string");
    }
    const char *t = type->valuestring;
    if (strcmp(t, "GeometryCollection") == 0) {
        return incmap_gjr_fail(r, INCMAP_ERR_PARSE,
                               "GeometryCollection is not supported: use one feature per geometry");
    }
    static const char *const types[] = {"Point",   "MultiPoint",      "LineString",
                                        "Polygon", "MultiLineString", "MultiPolygon"};
    size_t k = 0;
    while (k < 6 && strcmp(t, types[k]) != 0) {
        k++;
    }
    if (k == 6) {
        char q[48];
        return incmap_gjr_fail(r, INCMAP_ERR_PARSE, "unknown geometry type \"%s\"",
                               incmap_gjr_quote(t, q));
    }
    const cJSON *coords = incmap_gjr_member(geom, "coordinates");
    if (coords == NULL) {
        return incmap_gjr_fail(r, INCMAP_ERR_PARSE, "%s has no \"coordinates\"", t);
    }
    if (cJSON_IsArray(coords) && coords->child == NULL) {
        return INCMAP_OK; /* RFC 7946 3.1: an empty geometry may be treated as null */
    }
    size_t mark = incmap_gjr_push_key(r, "coordinates");
    if (k != 0 && !cJSON_IsArray(coords)) {
        return incmap_gjr_fail(r, INCMAP_ERR_PARSE, "expected an array, got %s",
                               incmap_gjr_type(coords));
    }
    r->g.n = r->g.nr = r->g.np = 0;
    incmap_geom_type gt;
    incmap_status st;
    switch (k) {
    case 0:
        gt = INCMAP_GEOM_POINT;
        st = read_position(r, coords);
        break;
    case 1: /* QGIS "multi" layers: a moved point comes back as a one-point MultiPoint */
        gt = INCMAP_GEOM_POINT;
        st = cJSON_IsArray(coords) ? read_each(r, coords, read_position)
                                   : read_position(r, coords); /* reports the type error */
        if (st == INCMAP_OK && r->g.n > 1) {
            incmap_log(r->ctx, INCMAP_LOG_WARN,
                       "%s: %s: MultiPoint of %zu points: the first is used", r->name, r->path,
                       r->g.n);
        }
        r->g.n = 1;
        break;
    case 2:
        gt = INCMAP_GEOM_LINESTRING;
        st = read_line(r, coords);
        break;
    case 3:
        gt = INCMAP_GEOM_POLYGON;
        st = read_polygon(r, coords);
        break;
    case 4:
        gt = INCMAP_GEOM_MULTILINESTRING;
        st = read_each(r, coords, read_line);
        break;
    default:
        gt = INCMAP_GEOM_MULTIPOLYGON;
        st = read_each(r, coords, read_polygon);
        break;
    }
    if (st != INCMAP_OK) {
        return st;
    }
    incmap_gjr_pop(r, mark);
    size_t nr = gt == INCMAP_GEOM_POINT ? 0 : r->g.nr;
    incmap_geom *g = incmap_geom_create(gt, r->g.n, nr, r->g.np);
    if (g == NULL) {
        return incmap_gjr_nomem(r);
    }
    memcpy(g->xy, r->g.xy, 2 * r->g.n * sizeof *g->xy);
    if (nr > 0) {
        memcpy(g->ring_end, r->g.rings, nr * sizeof *g->ring_end);
    }
    if (r->g.np > 0) {
        memcpy(g->poly_end, r->g.polys, r->g.np * sizeof *g->poly_end);
    }
    *out = g;
    return INCMAP_OK;
}

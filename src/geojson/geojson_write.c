/* GeoJSON writer: incmap_incidents -> an RFC 7946 FeatureCollection (the reader is in
 * geojson_read.c); the property schema both sides share is in geojson_schema.c.
 *
 * Schema 1 (what incmap writes; the reader's tolerances are listed in geojson_read.c):
 *
 *   {"type": "FeatureCollection",
 *    "bbox": [west, south, east, north],           -- omitted when there is no feature
 *    "incmap": {"schema": 1, "generator": "incmap 0.1.0", "incidents": N},  -- foreign member
 *    "features": [
 *      {"type": "Feature",
 *       "id": "<incident|m>-<role>-<n>",           -- string, unique: "1-launch-1", "m-mention-3"
 *       "geometry": Point | LineString | MultiLineString | Polygon | MultiPolygon,
 *       "properties": {
 *         "incident": 1..             or null (null = context mention; the model uses 0)
 *         "role": "launch" | "target" | "border" | "site" | "mention"
 *         "name", "text": string      "start", "end": code point offsets >= 0
 *         "gazetteer_id": string      "kind": "country"|"admin1"|"region"|"place"|"site"
 *         "country" (ISO alpha-2), "admin1", "qualifier": string
 *         "precision": 1..3           "uncertainty_km": >= 0 (3 decimals)
 *         "confidence": 0..1 (3 decimals)
 *         "event_type", "date" (ISO 8601): string
 *         "fatalities", "injured": >= 0
 *         "distance_km": >= 0 (3 decimals)   "bearing_deg": -360..360 (2 decimals)
 *         "report": string            the report's id or file name (null when not given)
 *       }}]}
 *
 * Every property key is always present, null when unknown (-1 / NaN / NULL in the model), so GIS
 * attribute tables get a stable schema. Numbers are finite: cJSON would print NaN as null
 * silently, so each value is checked first and a non-finite or out-of-range value is an error,
 * never a quiet null. Coordinates are lon/lat, rounded to 6 decimals (~0.1 m); polygon rings are
 * closed and follow the right-hand rule (exterior counter-clockwise, holes clockwise), fixed here
 * whatever order the model holds. No "crs" member. Features keep the model's order.
 * Everything the writer refuses, the reader refuses too, so a file that reads always re-writes. */
#include "core/vec.h"
#include "geojson/geojson_int.h"
#include "text/fold.h"

#include <cjson/cJSON.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- writer ---------------------------------------------------------------------------------- */

typedef struct {
    incmap_ctx *ctx;
    size_t fi;               /* feature index, for messages */
    const incmap_feature *f; /* NULL when writing a lone geometry */
    const incmap_geom *g;    /* the geometry being written */
    double bbox[4];
    bool have_bbox;
} writer;

static incmap_status nomem(writer *w)
{
    return incmap_fail(w->ctx, INCMAP_ERR_NOMEM, "out of memory writing GeoJSON");
}

/* A model value the file format cannot hold: a geoparser bug, reported instead of written. */
static incmap_status wfail(writer *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static incmap_status wfail(writer *w, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    const incmap_feature *f = w->f;
    if (f == NULL) {
        return incmap_fail(w->ctx, INCMAP_ERR_INVALID_ARG, "cannot write GeoJSON geometry: %s",
                           msg);
    }
    char q[48];
    return incmap_fail(w->ctx, INCMAP_ERR_INVALID_ARG,
                       "cannot write GeoJSON: feature %zu (incident %d, %s '%s'): %s", w->fi,
                       f->incident, incmap_role_str(f->role),
                       incmap_gjr_quote(f->name != NULL ? f->name : "", q), msg);
}

double incmap_geojson_round(double v, int decimals)
{
    static const double scale[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
    double r = round(v * scale[decimals]) / scale[decimals];
    return r == 0 ? 0.0 : r; /* no "-0" in the file */
}

/* Vertex i, checked and rounded to 6 decimals. */
static incmap_status vertex(writer *w, size_t i, double *lon, double *lat)
{
    const double *xy = w->g->xy + 2 * i;
    if (!isfinite(xy[0]) || !isfinite(xy[1])) {
        return wfail(w, "vertex %zu is not finite", i);
    }
    if (xy[0] < -180 || xy[0] > 180 || xy[1] < -90 || xy[1] > 90) {
        return wfail(w, "vertex %zu (%g, %g) is outside lon -180..180, lat -90..90", i, xy[0],
                     xy[1]);
    }
    *lon = incmap_geojson_round(xy[0], 6);
    *lat = incmap_geojson_round(xy[1], 6);
    return INCMAP_OK;
}

static incmap_status add_position(writer *w, cJSON *arr, size_t i)
{
    double lon = 0, lat = 0;
    incmap_status st = vertex(w, i, &lon, &lat);
    if (st != INCMAP_OK) {
        return st;
    }
    cJSON *p = cJSON_CreateArray();
    if (p == NULL || !cJSON_AddItemToArray(arr, p)) {
        cJSON_Delete(p);
        return nomem(w);
    }
    if (!cJSON_AddItemToArray(p, cJSON_CreateNumber(lon)) ||
        !cJSON_AddItemToArray(p, cJSON_CreateNumber(lat))) {
        return nomem(w);
    }
    if (!w->have_bbox) {
        w->bbox[0] = w->bbox[2] = lon;
        w->bbox[1] = w->bbox[3] = lat;
        w->have_bbox = true;
    }
    w->bbox[0] = fmin(w->bbox[0], lon);
    w->bbox[1] = fmin(w->bbox[1], lat);
    w->bbox[2] = fmax(w->bbox[2], lon);
    w->bbox[3] = fmax(w->bbox[3], lat);
    return INCMAP_OK;
}

/* Adds `item` to `parent` (an object when key != NULL, else an array); false (item freed) when
 * out of memory. */
static bool attach(cJSON *parent, const char *key, cJSON *item)
{
    bool ok = item != NULL && (key != NULL ? cJSON_AddItemToObject(parent, key, item)
                                           : cJSON_AddItemToArray(parent, item));
    if (!ok) {
        cJSON_Delete(item);
    }
    return ok;
}

static cJSON *add_array(cJSON *parent)
{
    cJSON *a = cJSON_CreateArray();
    return attach(parent, NULL, a) ? a : NULL;
}

/* Fills arr with vertices [b, e) as a line (orient == 0) or as a closed ring that runs
 * counter-clockwise (orient > 0, exteriors) or clockwise (orient < 0, holes). */
static incmap_status add_path(writer *w, cJSON *arr, size_t b, size_t e, int orient)
{
    size_t n = e - b;
    if (orient == 0) {
        if (n < 2) {
            return wfail(w, "line of %zu position(s) (at least 2 needed)", n);
        }
        for (size_t i = b; i < e; i++) {
            incmap_status st = add_position(w, arr, i);
            if (st != INCMAP_OK) {
                return st;
            }
        }
        return INCMAP_OK;
    }
    /* the shoelace sum over the rounded vertices decides the orientation that is written */
    double x0 = 0, y0 = 0, xp, yp,
           area2 = 0; /* set by vertex(); zeroed for GCC -Wmaybe-uninitialized */
    incmap_status st = vertex(w, b, &x0, &y0);
    xp = x0;
    yp = y0;
    for (size_t i = b + 1; i < e && st == INCMAP_OK; i++) {
        double x = 0, y = 0;
        st = vertex(w, i, &x, &y);
        area2 += xp * y - x * yp;
        xp = x;
        yp = y;
    }
    if (st != INCMAP_OK) {
        return st;
    }
    area2 += xp * y0 - x0 * yp;
    bool closed = xp == x0 && yp == y0;
    if (n + (closed ? 0 : 1) < 4) {
        return wfail(w, "ring of %zu position(s) (a closed ring needs at least 4)", n);
    }
    bool reverse = (orient > 0 && area2 < 0) || (orient < 0 && area2 > 0);
    for (size_t k = 0; k < n; k++) {
        if ((st = add_position(w, arr, reverse ? e - 1 - k : b + k)) != INCMAP_OK) {
            return st;
        }
    }
    return closed ? INCMAP_OK : add_position(w, arr, reverse ? e - 1 : b);
}

/* Rings of polygon p (or the lines of a multi-line) must partition the vertices. */
static incmap_status check_structure(writer *w, const incmap_geom *g)
{
    if (g->type == INCMAP_GEOM_POINT) {
        return g->npoints == 1 ? INCMAP_OK : wfail(w, "point with %zu vertices", g->npoints);
    }
    if (g->type == INCMAP_GEOM_LINESTRING && g->nrings == 0) {
        return INCMAP_OK; /* a single line may leave ring_end unset */
    }
    if (g->nrings == 0 || g->ring_end[g->nrings - 1] != g->npoints) {
        return wfail(w, "rings or lines do not cover the %zu vertices", g->npoints);
    }
    for (size_t r = 0; r < g->nrings; r++) {
        if (g->ring_end[r] <= (r > 0 ? g->ring_end[r - 1] : 0)) {
            return wfail(w, "ring or line %zu is empty or out of order", r);
        }
    }
    if (g->type == INCMAP_GEOM_LINESTRING && g->nrings != 1) {
        return wfail(w, "LineString with %zu lines", g->nrings);
    }
    if (g->type != INCMAP_GEOM_POLYGON && g->type != INCMAP_GEOM_MULTIPOLYGON) {
        return INCMAP_OK;
    }
    if (g->type == INCMAP_GEOM_POLYGON && g->npolys == 0) {
        return INCMAP_OK; /* one polygon holding every ring */
    }
    if (g->npolys == 0 || (g->type == INCMAP_GEOM_POLYGON && g->npolys != 1) ||
        g->poly_end[g->npolys - 1] != g->nrings) {
        return wfail(w, "polygons do not cover the %zu rings", g->nrings);
    }
    for (size_t p = 0; p < g->npolys; p++) {
        if (g->poly_end[p] <= (p > 0 ? g->poly_end[p - 1] : 0)) {
            return wfail(w, "polygon %zu has no ring or is out of order", p);
        }
    }
    return INCMAP_OK;
}

/* Fills poly with rings [r0, r1) of one polygon: the first is the exterior. */
static incmap_status add_polygon(writer *w, cJSON *poly, size_t r0, size_t r1)
{
    const incmap_geom *g = w->g;
    for (size_t r = r0; r < r1; r++) {
        cJSON *ring = add_array(poly);
        if (ring == NULL) {
            return nomem(w);
        }
        incmap_status st =
            add_path(w, ring, r > 0 ? g->ring_end[r - 1] : 0, g->ring_end[r], r == r0 ? 1 : -1);
        if (st != INCMAP_OK) {
            return st;
        }
    }
    return INCMAP_OK;
}

static incmap_status add_geometry(writer *w, cJSON *feat)
{
    static const char *const names[] = {NULL,      "Point",           "LineString",
                                        "Polygon", "MultiLineString", "MultiPolygon"};
    const incmap_geom *g = w->g;
    if (g == NULL || g->type < INCMAP_GEOM_POINT || g->type > INCMAP_GEOM_MULTIPOLYGON) {
        return wfail(w, "%s", g == NULL ? "no geometry" : "unknown geometry type");
    }
    incmap_status st = check_structure(w, g);
    if (st != INCMAP_OK) {
        return st;
    }
    cJSON *geom = cJSON_AddObjectToObject(feat, "geometry");
    if (geom == NULL || cJSON_AddStringToObject(geom, "type", names[g->type]) == NULL) {
        return nomem(w);
    }
    if (g->type == INCMAP_GEOM_POINT) {
        /* a Point's coordinates are the position itself, not an array of positions */
        cJSON *tmp = cJSON_CreateArray();
        if (tmp == NULL) {
            return nomem(w);
        }
        st = add_position(w, tmp, 0);
        cJSON *pos = cJSON_DetachItemFromArray(tmp, 0);
        cJSON_Delete(tmp);
        if (st != INCMAP_OK) {
            cJSON_Delete(pos);
            return st;
        }
        return attach(geom, "coordinates", pos) ? INCMAP_OK : nomem(w);
    }
    cJSON *coords = cJSON_AddArrayToObject(geom, "coordinates");
    if (coords == NULL) {
        return nomem(w);
    }
    switch (g->type) {
    case INCMAP_GEOM_LINESTRING:
        return add_path(w, coords, 0, g->npoints, 0);
    case INCMAP_GEOM_POLYGON:
        return add_polygon(w, coords, 0, g->nrings);
    case INCMAP_GEOM_MULTILINESTRING:
        for (size_t r = 0; r < g->nrings && st == INCMAP_OK; r++) {
            cJSON *line = add_array(coords);
            st = line == NULL
                     ? nomem(w)
                     : add_path(w, line, r > 0 ? g->ring_end[r - 1] : 0, g->ring_end[r], 0);
        }
        return st;
    default:
        for (size_t p = 0; p < g->npolys && st == INCMAP_OK; p++) {
            cJSON *poly = add_array(coords);
            st = poly == NULL
                     ? nomem(w)
                     : add_polygon(w, poly, p > 0 ? g->poly_end[p - 1] : 0, g->poly_end[p]);
        }
        return st;
    }
}

static bool add_number_or_null(cJSON *obj, const char *key, bool known, double v)
{
    return (known ? cJSON_AddNumberToObject(obj, key, v) : cJSON_AddNullToObject(obj, key)) != NULL;
}

static incmap_status add_property(writer *w, cJSON *props, const gj_prop *p)
{
    const char *field = (const char *)w->f + p->offset;
    bool ok = true;
    switch (p->type) {
    case GJ_STR:
    case GJ_DATE: {
        const char *s = *(char *const *)(const void *)field;
        size_t bad;
        if (s != NULL && !incmap_utf8_check(s, strlen(s), &bad)) {
            return wfail(w, "%s is not valid UTF-8 (byte %zu)", p->key, bad);
        }
        ok = (s != NULL ? cJSON_AddStringToObject(props, p->key, s)
                        : cJSON_AddNullToObject(props, p->key)) != NULL;
        break;
    }
    case GJ_INT:
    case GJ_LONG: {
        long v = p->type == GJ_INT ? *(const int *)(const void *)field
                                   : *(const long *)(const void *)field;
        if (v != -1 && ((double)v < p->min || (double)v > p->max)) {
            return wfail(w, "%s %ld is outside %g..%g", p->key, v, p->min, p->max);
        }
        ok = add_number_or_null(props, p->key, v != -1, (double)v);
        break;
    }
    case GJ_REAL: {
        double v = *(const double *)(const void *)field;
        if (!isnan(v) && !(v >= p->min && v <= p->max)) {
            return wfail(w, "%s %g is outside %g..%g", p->key, v, p->min, p->max);
        }
        ok = add_number_or_null(props, p->key, !isnan(v),
                                isnan(v) ? 0 : incmap_geojson_round(v, p->decimals));
        break;
    }
    case GJ_KIND: {
        const char *k = incmap_geojson_kind_name(*(const incmap_kind *)(const void *)field);
        ok = (k != NULL ? cJSON_AddStringToObject(props, p->key, k)
                        : cJSON_AddNullToObject(props, p->key)) != NULL;
        break;
    }
    }
    return ok ? INCMAP_OK : nomem(w);
}

static incmap_status add_feature(writer *w, cJSON *features, size_t serial)
{
    const incmap_feature *f = w->f;
    if (f->incident < 0) {
        return wfail(w, "negative incident number");
    }
    if (f->role < INCMAP_ROLE_LAUNCH || f->role > INCMAP_ROLE_MENTION) {
        return wfail(w, "unknown role %d", (int)f->role);
    }
    char id[64];
    incmap_geojson_feature_id(f, serial, id, sizeof id);
    cJSON *feat = cJSON_CreateObject();
    if (!attach(features, NULL, feat) || cJSON_AddStringToObject(feat, "type", "Feature") == NULL ||
        cJSON_AddStringToObject(feat, "id", id) == NULL) {
        return nomem(w);
    }
    incmap_status st = add_geometry(w, feat);
    if (st != INCMAP_OK) {
        return st;
    }
    cJSON *props = cJSON_AddObjectToObject(feat, "properties");
    if (props == NULL || !add_number_or_null(props, "incident", f->incident > 0, f->incident) ||
        cJSON_AddStringToObject(props, "role", incmap_role_str(f->role)) == NULL) {
        return nomem(w);
    }
    for (size_t i = 0; i < GJ_NPROPS && st == INCMAP_OK; i++) {
        st = add_property(w, props, &incmap_geojson_props[i]);
    }
    return st;
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

static incmap_status build(writer *w, const incmap_incidents *inc, cJSON *root)
{
    size_t n = incmap_incidents_feature_count(inc);
    size_t *serial = incmap_geojson_id_serials(inc);
    cJSON *features = cJSON_CreateArray();
    incmap_status st = INCMAP_OK;
    if (serial == NULL || features == NULL ||
        cJSON_AddStringToObject(root, "type", "FeatureCollection") == NULL) {
        st = nomem(w);
    }
    for (size_t i = 0; i < n && st == INCMAP_OK; i++) {
        w->fi = i;
        w->f = incmap_incidents_feature(inc, i);
        w->g = w->f->geom;
        st = add_feature(w, features, serial[i]);
    }
    free(serial);
    char generator[64];
    snprintf(generator, sizeof generator, "incmap %s", incmap_version());
    cJSON *meta = NULL;
    if (st == INCMAP_OK &&
        ((w->have_bbox && !attach(root, "bbox", cJSON_CreateDoubleArray(w->bbox, 4))) ||
         (meta = cJSON_AddObjectToObject(root, "incmap")) == NULL ||
         cJSON_AddNumberToObject(meta, "schema", INCMAP_GEOJSON_SCHEMA) == NULL ||
         cJSON_AddStringToObject(meta, "generator", generator) == NULL ||
         cJSON_AddNumberToObject(meta, "incidents", (double)incmap_incidents_count(inc)) == NULL)) {
        st = nomem(w);
    }
    if (st != INCMAP_OK) {
        cJSON_Delete(features);
        return st;
    }
    return attach(root, "features", features) ? INCMAP_OK : nomem(w);
}

/* Appends text to a growing buffer; false when out of memory. */
static bool append(char **buf, size_t *len, size_t *cap, const char *text, size_t n)
{
    if (incmap_grow((void **)buf, cap, *len + n + 1, 1) != INCMAP_OK) {
        return false;
    }
    memcpy(*buf + *len, text, n);
    *len += n;
    (*buf)[*len] = '\0';
    return true;
}

/* "Pretty" is one feature per line (as ogr2ogr writes): readable, and line-based diffs and
 * tools show which feature changed. Otherwise one line. Both end with a newline. */
static char *print_doc(cJSON *root, bool pretty)
{
    char *out = NULL, *text = NULL;
    size_t len = 0, cap = 0;
    cJSON *features = cJSON_DetachItemFromObjectCaseSensitive(root, "features");
    text = cJSON_PrintUnformatted(root);
    size_t head = text != NULL ? strlen(text) : 0;
    bool ok = head > 1 && append(&out, &len, &cap, text, head - 1) && /* without its final '}' */
              append(&out, &len, &cap, ",\"features\":[", 13);
    cJSON_free(text);
    for (cJSON *f = features != NULL ? features->child : NULL; f != NULL && ok; f = f->next) {
        ok = (text = cJSON_PrintUnformatted(f)) != NULL &&
             (!pretty || append(&out, &len, &cap, "\n", 1)) &&
             append(&out, &len, &cap, text, strlen(text)) &&
             (f->next == NULL || append(&out, &len, &cap, ",", 1));
        cJSON_free(text);
    }
    cJSON_Delete(features);
    const char *tail = pretty && ok && out[len - 1] != '[' ? "\n]}\n" : "]}\n";
    if (!ok || !append(&out, &len, &cap, tail, strlen(tail))) {
        free(out);
        return NULL;
    }
    return out;
}

char *incmap_geojson_write(incmap_ctx *ctx, const incmap_incidents *inc, bool pretty)
{
    writer w = {.ctx = ctx};
    cJSON *root = cJSON_CreateObject();
    char *out = NULL;
    if (root == NULL) {
        nomem(&w);
    } else if (build(&w, inc, root) == INCMAP_OK && (out = print_doc(root, pretty)) == NULL) {
        nomem(&w);
    }
    cJSON_Delete(root);
    return out;
}

char *incmap_geojson_geometry_write(incmap_ctx *ctx, const incmap_geom *g, double bbox[4])
{
    writer w = {.ctx = ctx, .g = g};
    cJSON *holder = cJSON_CreateObject();
    char *text = NULL, *out = NULL;
    if (holder == NULL) {
        nomem(&w);
    } else if (add_geometry(&w, holder) == INCMAP_OK) {
        /* cJSON allocates with its own hooks; the caller frees with incmap_free() */
        text = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(holder, "geometry"));
        out = text != NULL ? strdup(text) : NULL;
        if (out == NULL) {
            nomem(&w);
        } else if (bbox != NULL) {
            memcpy(bbox, w.bbox, sizeof w.bbox);
        }
    }
    cJSON_free(text);
    cJSON_Delete(holder);
    return out;
}

incmap_status incmap_geojson_save(incmap_ctx *ctx, const incmap_incidents *inc, const char *path)
{
    char *text = incmap_geojson_write(ctx, inc, true);
    if (text == NULL) {
        return incmap_ctx_status(ctx);
    }
    incmap_status st = incmap_write_file_atomic(ctx, path, text, strlen(text));
    free(text);
    return st;
}

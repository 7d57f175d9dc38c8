/* GeoJSON reader: an incident FeatureCollection (written by geojson_write.c, possibly edited since
 * in QGIS or by ogr2ogr) -> incmap_incidents, for the renderer. Every rejection is INCMAP_ERR_PARSE
 * (or INCMAP_ERR_LIMIT) with one line saying where: "in.geojson: features[3].geometry.
 * coordinates[0][5]: latitude 91 is out of range [-90, 90]".
 *
 * Accepted beyond what the writer writes (what GIS tools do to a file on save):
 *   a UTF-8 BOM; a missing "incmap" member; extra members ("name", per-feature "bbox", unknown
 *   properties: ignored); a legacy "crs" naming WGS84 lon/lat (CRS84 / EPSG:4326: a warning);
 *   integer or missing ids; properties dropped, reordered or null (unknown); integral numbers
 *   written as 1.0; "incident" as null or 0 (a context mention); a missing role (a mention);
 *   MultiPoint (its first point, with a warning when it has more); 3D positions (z ignored);
 *   an unknown "kind" (a warning, read as unknown); a null geometry or empty coordinates (the
 *   feature is skipped with a warning).
 * Rejected: not JSON (byte offset, line and column), NUL bytes, nesting deeper than 100 levels
 *   (checked before cJSON recurses), a top level that is not a FeatureCollection, a nested
 *   FeatureCollection or a GeometryCollection, an unknown geometry type, positions of fewer
 *   than 2 or more than 3 numbers, coordinates that are not finite numbers or are out of
 *   range, lines under 2 positions, rings under 4 positions or unclosed, an unknown role,
 *   property values of the wrong type or out of range, invalid UTF-8 in a property, a "crs"
 *   other than WGS84, a newer schema; over INCMAP_GEOJSON_MAX_BYTES (64 MiB),
 *   INCMAP_GEOJSON_MAX_VALUES JSON values or INCMAP_GEOJSON_MAX_POSITIONS positions: LIMIT.
 * Duplicate keys: cJSON keeps every member and lookups find the first, so the first one wins. */
#include "geojson/geojson_int.h"
#include "text/fold.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* GeoJSON needs about 7 levels; anything deeper is hostile, and is refused before cJSON's
 * recursive descent (whose own limit is CJSON_NESTING_LIMIT, 1000) gets to it. */
#define MAX_DEPTH 100
#define MAX_SKIP_WARNINGS 5

/* ---- properties ------------------------------------------------------------------------------ */

/* A whole number within [min, max] (QGIS may write 3 as 3.0). */
static incmap_status read_whole(gj_reader *r, const cJSON *v, const char *what, double min,
                                double max, double *out)
{
    if (!cJSON_IsNumber(v)) {
        return incmap_gjr_fail(r, INCMAP_ERR_PARSE, "%s must be a number or null, got %s", what,
                               incmap_gjr_type(v));
    }
    double d = v->valuedouble;
    if (!isfinite(d) || d != floor(d)) {
        return incmap_gjr_fail(r, INCMAP_ERR_PARSE, "%s %.10g is not a whole number", what, d);
    }
    if (d < min || d > max) {
        return incmap_gjr_fail(r, INCMAP_ERR_PARSE, "%s %.10g is out of range [%.0f, %.0f]", what,
                               d, min, max);
    }
    *out = d;
    return INCMAP_OK;
}

static incmap_status read_property(gj_reader *r, const cJSON *v, const gj_prop *p,
                                   incmap_feature *f)
{
    char *field = (char *)f + p->offset;
    double d;
    incmap_status st = INCMAP_OK;
    switch (p->type) {
    case GJ_STR:
    case GJ_DATE: {
        if (!cJSON_IsString(v)) {
            return incmap_gjr_fail(r, INCMAP_ERR_PARSE, "expected a string or null, got %s",
                                   incmap_gjr_type(v));
        }
        size_t bad;
        if (!incmap_utf8_check(v->valuestring, strlen(v->valuestring), &bad)) {
            return incmap_gjr_fail(r, INCMAP_ERR_PARSE, "invalid UTF-8 at byte %zu of the string",
                                   bad);
        }
        *(char **)(void *)field = v->valuestring; /* borrowed: incmap_incidents_add copies */
        break;
    }
    case GJ_INT:
        if ((st = read_whole(r, v, p->key, p->min, p->max, &d)) == INCMAP_OK) {
            *(int *)(void *)field = (int)d;
        }
        break;
    case GJ_LONG:
        if ((st = read_whole(r, v, p->key, p->min, p->max, &d)) == INCMAP_OK) {
            *(long *)(void *)field = (long)d;
        }
        break;
    case GJ_REAL:
        if (!cJSON_IsNumber(v)) {
            return incmap_gjr_fail(r, INCMAP_ERR_PARSE, "%s must be a number or null, got %s",
                                   p->key, incmap_gjr_type(v));
        }
        d = v->valuedouble;
        if (!(d >= p->min && d <= p->max)) {
            return incmap_gjr_fail(r, INCMAP_ERR_PARSE, "%s %.10g is out of range [%g, %g]", p->key,
                                   d, p->min, p->max);
        }
        *(double *)(void *)field = d;
        break;
    case GJ_KIND:
        if (!cJSON_IsString(v)) {
            return incmap_gjr_fail(r, INCMAP_ERR_PARSE, "expected a string or null, got %s",
                                   incmap_gjr_type(v));
        }
        if (!incmap_geojson_kind_parse(v->valuestring, (incmap_kind *)(void *)field)) {
            char q[48];
            incmap_log(r->ctx, INCMAP_LOG_WARN, "%s: %s: unknown kind \"%s\" read as unknown",
                       r->name, r->path, incmap_gjr_quote(v->valuestring, q));
        }
        break;
    }
    return st;
}

/* Slot of a property key: 0 incident, 1 role, 2 + i for incmap_geojson_props[i], SIZE_MAX for
 * a key that is not ours. The first-byte test skips most strcmp calls. */
static size_t prop_slot(const char *key)
{
    if (key == NULL) {
        return SIZE_MAX;
    }
    if (key[0] == 'i' && strcmp(key, "incident") == 0) {
        return 0;
    }
    if (key[0] == 'r' && strcmp(key, "role") == 0) {
        return 1;
    }
    for (size_t i = 0; i < GJ_NPROPS; i++) {
        if (key[0] == incmap_geojson_props[i].key[0] &&
            strcmp(key, incmap_geojson_props[i].key) == 0) {
            return i + 2;
        }
    }
    return SIZE_MAX;
}

static incmap_status read_properties(gj_reader *r, const cJSON *props, incmap_feature *f)
{
    if (props == NULL || cJSON_IsNull(props)) {
        return INCMAP_OK;
    }
    if (!cJSON_IsObject(props)) {
        return incmap_gjr_fail(r, INCMAP_ERR_PARSE, "expected an object or null, got %s",
                               incmap_gjr_type(props));
    }
    /* one pass over the members, so a feature costs O(members), not O(members x keys); the
     * first of duplicate keys wins, as with cJSON's lookups elsewhere */
    const cJSON *val[GJ_NPROPS + 2] = {NULL}; /* incident, role, then the table */
    for (const cJSON *m = props->child; m != NULL; m = m->next) {
        size_t k = prop_slot(m->string);
        if (k < GJ_NPROPS + 2 && val[k] == NULL) {
            val[k] = m;
        }
    }
    const cJSON *v = val[0];
    size_t mark = incmap_gjr_push_key(r, "incident");
    double d;
    incmap_status st = INCMAP_OK;
    if (v != NULL && !cJSON_IsNull(v) &&
        (st = read_whole(r, v, "incident", 0, 2147483647.0, &d)) == INCMAP_OK) {
        f->incident = (int)d;
    }
    if (st != INCMAP_OK) {
        return st;
    }
    incmap_gjr_pop(r, mark);
    v = val[1];
    if (v != NULL && !cJSON_IsNull(v)) {
        mark = incmap_gjr_push_key(r, "role");
        if (!cJSON_IsString(v)) {
            return incmap_gjr_fail(r, INCMAP_ERR_PARSE, "expected a string or null, got %s",
                                   incmap_gjr_type(v));
        }
        if ((f->role = incmap_role_parse(v->valuestring)) == 0) {
            char q[48];
            return incmap_gjr_fail(r, INCMAP_ERR_PARSE,
                                   "unknown role \"%s\" (launch, target, border, site or mention)",
                                   incmap_gjr_quote(v->valuestring, q));
        }
        incmap_gjr_pop(r, mark);
    }
    for (size_t i = 0; i < GJ_NPROPS; i++) {
        const gj_prop *p = &incmap_geojson_props[i];
        v = val[i + 2];
        if (v == NULL || cJSON_IsNull(v)) {
            continue;
        }
        mark = incmap_gjr_push_key(r, p->key);
        if ((st = read_property(r, v, p, f)) != INCMAP_OK) {
            return st;
        }
        incmap_gjr_pop(r, mark);
    }
    if (f->start >= 0 && f->end >= 0 && f->end < f->start) {
        return incmap_gjr_fail(r, INCMAP_ERR_PARSE, "end %ld is before start %ld", f->end,
                               f->start);
    }
    return INCMAP_OK;
}

/* ---- document -------------------------------------------------------------------------------- */

static incmap_status check_bbox(gj_reader *r, const cJSON *obj)
{
    const cJSON *bb = incmap_gjr_member(obj, "bbox");
    if (bb == NULL) {
        return INCMAP_OK;
    }
    size_t mark = incmap_gjr_push_key(r, "bbox"), n = 0;
    for (const cJSON *v = cJSON_IsArray(bb) ? bb->child : NULL; v != NULL; v = v->next, n++) {
        if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble)) {
            return incmap_gjr_fail(r, INCMAP_ERR_PARSE, "bbox[%zu] is not a finite number", n);
        }
    }
    if (!cJSON_IsArray(bb) || (n != 4 && n != 6)) {
        return incmap_gjr_fail(r, INCMAP_ERR_PARSE, "expected an array of 4 or 6 numbers");
    }
    incmap_gjr_pop(r, mark);
    return INCMAP_OK;
}

static incmap_status read_feature(gj_reader *r, const cJSON *feat, incmap_incidents *inc)
{
    if (!cJSON_IsObject(feat)) {
        return incmap_gjr_fail(r, INCMAP_ERR_PARSE, "expected a Feature object, got %s",
                               incmap_gjr_type(feat));
    }
    const cJSON *type = incmap_gjr_member(feat, "type");
    if (!cJSON_IsString(type)) {
        return incmap_gjr_fail(r, INCMAP_ERR_PARSE, "member \"type\" (\"Feature\") is missing");
    }
    if (strcmp(type->valuestring, "FeatureCollection") == 0) {
        return incmap_gjr_fail(r, INCMAP_ERR_PARSE, "a nested FeatureCollection is not allowed");
    }
    if (strcmp(type->valuestring, "Feature") != 0) {
        char q[48];
        return incmap_gjr_fail(r, INCMAP_ERR_PARSE, "expected a Feature, got type \"%s\"",
                               incmap_gjr_quote(type->valuestring, q));
    }
    const cJSON *id = incmap_gjr_member(feat, "id");
    if (id != NULL && !cJSON_IsString(id) && !cJSON_IsNumber(id)) {
        return incmap_gjr_fail(r, INCMAP_ERR_PARSE, "id must be a string or a number, got %s",
                               incmap_gjr_type(id));
    }
    incmap_status st = check_bbox(r, feat);
    const cJSON *gj = incmap_gjr_member(feat, "geometry");
    if (st == INCMAP_OK && gj == NULL) {
        st = incmap_gjr_fail(r, INCMAP_ERR_PARSE,
                             "member \"geometry\" is missing (null is allowed)");
    }
    if (st != INCMAP_OK) {
        return st;
    }
    size_t mark = incmap_gjr_push_key(r, "geometry");
    incmap_geom *geom = NULL;
    if ((st = incmap_gjr_geometry(r, gj, &geom)) != INCMAP_OK) {
        return st;
    }
    incmap_gjr_pop(r, mark);
    if (geom == NULL) {
        /* one warning each for the first few, then a count: a log line per feature would
         * flood the terminal for a file of a million empty features */
        if (++r->skipped <= MAX_SKIP_WARNINGS) {
            incmap_log(r->ctx, INCMAP_LOG_WARN, "%s: %s: %s geometry: feature skipped", r->name,
                       r->path, cJSON_IsNull(gj) ? "null" : "empty");
        }
        return INCMAP_OK;
    }
    incmap_feature f = incmap_feature_init();
    mark = incmap_gjr_push_key(r, "properties");
    st = read_properties(r, incmap_gjr_member(feat, "properties"), &f);
    incmap_gjr_pop(r, st == INCMAP_OK ? mark : r->plen);
    if (st == INCMAP_OK) {
        f.geom = geom;
        st = incmap_incidents_add(inc, r->ctx, &f);
    }
    incmap_geom_destroy(geom);
    return st;
}

static incmap_status check_crs(gj_reader *r, const cJSON *crs)
{
    static const char *const wgs84[] = {"urn:ogc:def:crs:OGC:1.3:CRS84",
                                        "urn:ogc:def:crs:OGC::CRS84",
                                        "OGC:CRS84",
                                        "CRS84",
                                        "EPSG:4326",
                                        "urn:ogc:def:crs:EPSG::4326",
                                        "urn:ogc:def:crs:EPSG:6.6:4326"};
    if (cJSON_IsNull(crs)) {
        return INCMAP_OK;
    }
    const cJSON *props = cJSON_IsObject(crs) ? incmap_gjr_member(crs, "properties") : NULL;
    const cJSON *name = cJSON_IsObject(props) ? incmap_gjr_member(props, "name") : NULL;
    size_t mark = incmap_gjr_push_key(r, "crs");
    if (!cJSON_IsString(name)) {
        return incmap_gjr_fail(r, INCMAP_ERR_PARSE,
                               "legacy crs member without a CRS name: RFC 7946 "
                               "GeoJSON is WGS84 longitude/latitude");
    }
    for (size_t i = 0; i < sizeof wgs84 / sizeof wgs84[0]; i++) {
        if (strcmp(name->valuestring, wgs84[i]) == 0) {
            incmap_log(r->ctx, INCMAP_LOG_WARN,
                       "%s: legacy crs member (%s) ignored: coordinates read as WGS84 lon/lat",
                       r->name, wgs84[i]);
            incmap_gjr_pop(r, mark);
            return INCMAP_OK;
        }
    }
    char q[48];
    return incmap_gjr_fail(r, INCMAP_ERR_PARSE,
                           "CRS \"%s\" is not WGS84 longitude/latitude: convert with "
                           "ogr2ogr -t_srs EPSG:4326 -lco RFC7946=YES",
                           incmap_gjr_quote(name->valuestring, q));
}

static incmap_status check_meta(gj_reader *r, const cJSON *meta)
{
    if (meta == NULL) {
        return INCMAP_OK;
    }
    size_t mark = incmap_gjr_push_key(r, "incmap");
    if (!cJSON_IsObject(meta)) {
        return incmap_gjr_fail(r, INCMAP_ERR_PARSE, "expected an object, got %s",
                               incmap_gjr_type(meta));
    }
    const cJSON *schema = incmap_gjr_member(meta, "schema");
    double d = INCMAP_GEOJSON_SCHEMA;
    incmap_gjr_push_key(r, "schema");
    if (schema != NULL && read_whole(r, schema, "schema", 1, 1e9, &d) != INCMAP_OK) {
        return incmap_ctx_status(r->ctx);
    }
    if (d > INCMAP_GEOJSON_SCHEMA) {
        return incmap_gjr_fail(r, INCMAP_ERR_PARSE,
                               "schema %.0f is newer than this incmap reads (%d)", d,
                               INCMAP_GEOJSON_SCHEMA);
    }
    incmap_gjr_pop(r, mark);
    return INCMAP_OK;
}

static incmap_status read_doc(gj_reader *r, const cJSON *root, incmap_incidents *inc)
{
    if (!cJSON_IsObject(root)) {
        return incmap_gjr_fail(r, INCMAP_ERR_PARSE, "expected a FeatureCollection object, got %s",
                               cJSON_IsArray(root) ? "an array" : incmap_gjr_type(root));
    }
    const cJSON *type = incmap_gjr_member(root, "type");
    if (!cJSON_IsString(type)) {
        return incmap_gjr_fail(r, INCMAP_ERR_PARSE, "not GeoJSON: no \"type\" member");
    }
    if (strcmp(type->valuestring, "FeatureCollection") != 0) {
        char q[48];
        return incmap_gjr_fail(r, INCMAP_ERR_PARSE, "expected a FeatureCollection, got type \"%s\"",
                               incmap_gjr_quote(type->valuestring, q));
    }
    const cJSON *crs = incmap_gjr_member(root, "crs");
    incmap_status st = crs != NULL ? check_crs(r, crs) : INCMAP_OK;
    if (st != INCMAP_OK || (st = check_meta(r, incmap_gjr_member(root, "incmap"))) != INCMAP_OK ||
        (st = check_bbox(r, root)) != INCMAP_OK) {
        return st;
    }
    const cJSON *features = incmap_gjr_member(root, "features");
    if (!cJSON_IsArray(features)) {
        return incmap_gjr_fail(r, INCMAP_ERR_PARSE, "features: expected an array, got %s",
                               features != NULL ? incmap_gjr_type(features) : "nothing");
    }
    size_t i = 0;
    for (const cJSON *f = features->child; f != NULL; f = f->next, i++) {
        incmap_gjr_push_key(r, "features");
        incmap_gjr_push_index(r, i);
        if ((st = read_feature(r, f, inc)) != INCMAP_OK) {
            return st;
        }
        incmap_gjr_pop(r, 0);
    }
    if (r->skipped > MAX_SKIP_WARNINGS) {
        incmap_log(r->ctx, INCMAP_LOG_WARN, "%s: %zu features without geometry skipped in all",
                   r->name, r->skipped);
    }
    return INCMAP_OK;
}

/* ---- entry points ---------------------------------------------------------------------------- */

/* One pass over the raw bytes before cJSON sees them: NUL bytes, nesting depth and the number of
 * JSON values (bounding cJSON's allocations), and whether the text ends inside a string or an
 * open bracket (a truncated file). */
typedef struct {
    size_t values, depth;
    bool in_string;
    size_t bad_at; /* NUL byte or the bracket that nests too deep; SIZE_MAX when none */
    bool too_deep;
} prescan;

static prescan scan(const char *s, size_t len)
{
    prescan ps = {.bad_at = SIZE_MAX};
    bool esc = false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '\0') {
            ps.bad_at = i;
            return ps;
        }
        if (ps.in_string) {
            if (esc) {
                esc = false;
            } else if (c == '\\') {
                esc = true;
            } else if (c == '"') {
                ps.in_string = false;
            }
        } else if (c == '"') {
            ps.in_string = true;
            ps.values++;
        } else if (c == '[' || c == '{') {
            ps.values++;
            if (++ps.depth > MAX_DEPTH) {
                ps.bad_at = i;
                ps.too_deep = true;
                return ps;
            }
        } else if (c == ']' || c == '}') {
            ps.depth -= ps.depth > 0;
        } else if (c == ',') {
            ps.values++;
        }
    }
    return ps;
}

static incmap_status json_error(gj_reader *r, const char *buf, size_t len, size_t at,
                                const prescan *ps)
{
    size_t line = 1, col = 1;
    for (size_t i = 0; i < at && i < len; i++) {
        col = buf[i] == '\n' ? 1 : col + 1;
        line += buf[i] == '\n';
    }
    if (ps->too_deep) {
        return incmap_gjr_fail(r, INCMAP_ERR_PARSE,
                               "nesting deeper than %d levels at byte %zu (line %zu)", MAX_DEPTH,
                               at, line);
    }
    if (ps->bad_at != SIZE_MAX) {
        return incmap_gjr_fail(r, INCMAP_ERR_PARSE,
                               "NUL byte at byte %zu (line %zu): not a JSON text", at, line);
    }
    if ((ps->in_string || ps->depth > 0) && at + 1 >= len) {
        return incmap_gjr_fail(r, INCMAP_ERR_PARSE,
                               "unexpected end of input after byte %zu: truncated file?", len);
    }
    /* quote a little of the text, ASCII only so the message stays valid UTF-8 */
    char near[24];
    size_t n = 0;
    for (size_t i = at; i < len && n < sizeof near - 1 && buf[i] != '\n'; i++) {
        near[n++] = buf[i] >= 0x20 && buf[i] < 0x7f ? buf[i] : '?';
    }
    near[n] = '\0';
    const char *why = strncmp(near, "NaN", 3) == 0 || strncmp(near, "Infinity", 8) == 0 ||
                              strncmp(near, "-Infinity", 9) == 0
                          ? ": NaN and Infinity are not JSON numbers"
                          : "";
    return incmap_gjr_fail(r, INCMAP_ERR_PARSE,
                           "not valid JSON at byte %zu (line %zu, column %zu) near '%s'%s", at,
                           line, col, near, why);
}

static incmap_incidents *read_named(incmap_ctx *ctx, const char *buf, size_t len, const char *name)
{
    gj_reader r = {.ctx = ctx, .name = name};
    if (len > INCMAP_GEOJSON_MAX_BYTES) {
        incmap_gjr_fail(&r, INCMAP_ERR_LIMIT, "%zu bytes is over the limit of %zu MiB", len,
                        INCMAP_GEOJSON_MAX_BYTES >> 20);
        return NULL;
    }
    size_t off = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0; /* UTF-8 BOM */
    prescan ps = scan(buf, len);
    size_t ws = off;
    while (ws < len && strchr(" \t\r\n", buf[ws]) != NULL) {
        ws++;
    }
    if (ws == len) {
        incmap_gjr_fail(&r, INCMAP_ERR_PARSE, "empty input: not a GeoJSON FeatureCollection");
        return NULL;
    }
    if (ps.bad_at != SIZE_MAX) {
        json_error(&r, buf, len, ps.bad_at, &ps);
        return NULL;
    }
    if (ps.values > INCMAP_GEOJSON_MAX_VALUES) {
        incmap_gjr_fail(&r, INCMAP_ERR_LIMIT, "more than %zu JSON values (the limit)",
                        INCMAP_GEOJSON_MAX_VALUES);
        return NULL;
    }
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(buf + off, len - off, &end, false);
    /* the error position comes back through `end`, not cJSON's global error pointer, which
     * another thread may overwrite */
    size_t at = end != NULL ? (size_t)(end - buf) : off;
    if (root == NULL) {
        if (at >= len) {
            at = len > 0 ? len - 1 : 0;
        }
        json_error(&r, buf, len, at, &ps);
        return NULL;
    }
    while (at < len && strchr(" \t\r\n", buf[at]) != NULL) {
        at++;
    }
    incmap_incidents *inc = NULL;
    if (at < len) {
        incmap_gjr_fail(&r, INCMAP_ERR_PARSE, "unexpected data after the JSON value at byte %zu",
                        at);
    } else if ((inc = incmap_incidents_create(ctx)) != NULL &&
               read_doc(&r, root, inc) != INCMAP_OK) {
        incmap_incidents_destroy(inc);
        inc = NULL;
    }
    cJSON_Delete(root);
    free(r.g.xy);
    free(r.g.rings);
    free(r.g.polys);
    return inc;
}

incmap_incidents *incmap_geojson_read(incmap_ctx *ctx, const char *buf, size_t len)
{
    return read_named(ctx, buf, len, "GeoJSON");
}

incmap_incidents *incmap_geojson_load(incmap_ctx *ctx, const char *path)
{
    char *buf = NULL;
    size_t len = 0;
    if (incmap_read_file(ctx, path, INCMAP_GEOJSON_MAX_BYTES, &buf, &len) != INCMAP_OK) {
        return NULL;
    }
    incmap_incidents *inc = read_named(ctx, buf, len, strcmp(path, "-") == 0 ? "stdin" : path);
    free(buf);
    return inc;
}

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
 *         "source": string            who published it ("Reuters"; null when not given): the
 *                                     credit line of a map drawn from the file
 *       }}]}
 *
 * Every property key is always present, null when unknown (-1 / NaN / NULL in the model), so GIS
 * attribute tables get a stable schema. Numbers are finite: each value is checked first and a
 * non-finite or out-of-range value is an error, never a quiet null. Coordinates are lon/lat,
 * rounded to 6 decimals (~0.1 m); polygon rings are closed and follow the right-hand rule
 * (exterior counter-clockwise, holes clockwise), fixed here whatever order the model holds. No
 * "crs" member. Features keep the model's order. Everything the writer refuses, the reader
 * refuses too, so a file that reads always re-writes.
 *
 * The text is formatted feature by feature (geojson_text.c), never as a tree of the document:
 * a first pass checks every feature and computes the bbox (which comes before the features), a
 * second formats each feature into a buffer and hands it to the output. The bytes are those the
 * former cJSON-tree writer printed. */
#include "core/vec.h"
#include "geojson/geojson_int.h"
#include "text/fold.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

/* ---- writer ---------------------------------------------------------------------------------- */

typedef struct {
    incmap_ctx *ctx;
    size_t fi;               /* feature index, for messages */
    const incmap_feature *f; /* NULL when writing a lone geometry */
    const incmap_geom *g;    /* the geometry being written */
    double bbox[4];
    bool have_bbox;
    gj_buf *out; /* NULL in the checking pass: nothing is formatted */
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

/* Text appended in the formatting pass; in the checking pass these do nothing. An append that
 * runs out of memory marks the buffer failed, which the caller reports after the feature. */
static void put(writer *w, const char *s)
{
    if (w->out != NULL) {
        incmap_gjw_puts(w->out, s);
    }
}

static void put_str(writer *w, const char *s)
{
    if (w->out != NULL) {
        incmap_gjw_str(w->out, s);
    }
}

static void put_num(writer *w, double v, int decimals)
{
    if (w->out != NULL) {
        incmap_gjw_num(w->out, v, decimals);
    }
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

/* Position i as "[lon,lat]", preceded by a comma unless it is the first of its array. */
static incmap_status put_position(writer *w, size_t i, bool first)
{
    double lon = 0, lat = 0;
    incmap_status st = vertex(w, i, &lon, &lat);
    if (st != INCMAP_OK) {
        return st;
    }
    put(w, first ? "[" : ",[");
    put_num(w, lon, 6);
    put(w, ",");
    put_num(w, lat, 6);
    put(w, "]");
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

/* Vertices [b, e) as an array: a line (orient == 0) or a closed ring that runs
 * counter-clockwise (orient > 0, exteriors) or clockwise (orient < 0, holes). */
static incmap_status put_path(writer *w, size_t b, size_t e, int orient)
{
    size_t n = e - b;
    incmap_status st = INCMAP_OK;
    if (orient == 0) {
        if (n < 2) {
            return wfail(w, "line of %zu position(s) (at least 2 needed)", n);
        }
        put(w, "[");
        for (size_t i = b; i < e && st == INCMAP_OK; i++) {
            st = put_position(w, i, i == b);
        }
        put(w, "]");
        return st;
    }
    /* the shoelace sum over the rounded vertices decides the orientation that is written */
    double x0 = 0, y0 = 0, xp, yp,
           area2 = 0; /* set by vertex(); zeroed for GCC -Wmaybe-uninitialized */
    st = vertex(w, b, &x0, &y0);
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
    put(w, "[");
    for (size_t k = 0; k < n && st == INCMAP_OK; k++) {
        st = put_position(w, reverse ? e - 1 - k : b + k, k == 0);
    }
    if (st == INCMAP_OK && !closed) {
        st = put_position(w, reverse ? e - 1 : b, false);
    }
    put(w, "]");
    return st;
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

/* Rings [r0, r1) of one polygon as an array: the first is the exterior. */
static incmap_status put_polygon(writer *w, size_t r0, size_t r1)
{
    const incmap_geom *g = w->g;
    incmap_status st = INCMAP_OK;
    put(w, "[");
    for (size_t r = r0; r < r1 && st == INCMAP_OK; r++) {
        put(w, r == r0 ? "" : ",");
        st = put_path(w, r > 0 ? g->ring_end[r - 1] : 0, g->ring_end[r], r == r0 ? 1 : -1);
    }
    put(w, "]");
    return st;
}

/* The geometry object, {"type":...,"coordinates":...}. */
static incmap_status put_geometry(writer *w)
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
    put(w, "{\"type\":");
    put_str(w, names[g->type]);
    put(w, ",\"coordinates\":");
    switch (g->type) {
    case INCMAP_GEOM_POINT:
        /* a Point's coordinates are the position itself, not an array of positions */
        st = put_position(w, 0, true);
        break;
    case INCMAP_GEOM_LINESTRING:
        st = put_path(w, 0, g->npoints, 0);
        break;
    case INCMAP_GEOM_POLYGON:
        st = put_polygon(w, 0, g->nrings);
        break;
    case INCMAP_GEOM_MULTILINESTRING:
        put(w, "[");
        for (size_t r = 0; r < g->nrings && st == INCMAP_OK; r++) {
            put(w, r == 0 ? "" : ",");
            st = put_path(w, r > 0 ? g->ring_end[r - 1] : 0, g->ring_end[r], 0);
        }
        put(w, "]");
        break;
    default:
        put(w, "[");
        for (size_t p = 0; p < g->npolys && st == INCMAP_OK; p++) {
            put(w, p == 0 ? "" : ",");
            st = put_polygon(w, p > 0 ? g->poly_end[p - 1] : 0, g->poly_end[p]);
        }
        put(w, "]");
        break;
    }
    put(w, "}");
    return st;
}

/* ,"key":value for one schema property (every property follows "incident" and "role"). */
static incmap_status put_property(writer *w, const gj_prop *p)
{
    const char *field = (const char *)w->f + p->offset;
    put(w, ",");
    put_str(w, p->key);
    put(w, ":");
    switch (p->type) {
    case GJ_STR:
    case GJ_DATE: {
        const char *s = *(char *const *)(const void *)field;
        size_t bad;
        if (s != NULL && !incmap_utf8_check(s, strlen(s), &bad)) {
            return wfail(w, "%s is not valid UTF-8 (byte %zu)", p->key, bad);
        }
        s != NULL ? put_str(w, s) : put(w, "null");
        break;
    }
    case GJ_INT:
    case GJ_LONG: {
        long v = p->type == GJ_INT ? *(const int *)(const void *)field
                                   : *(const long *)(const void *)field;
        if (v != -1 && ((double)v < p->min || (double)v > p->max)) {
            return wfail(w, "%s %ld is outside %g..%g", p->key, v, p->min, p->max);
        }
        v != -1 ? put_num(w, (double)v, 0) : put(w, "null");
        break;
    }
    case GJ_REAL: {
        double v = *(const double *)(const void *)field;
        if (!isnan(v) && !(v >= p->min && v <= p->max)) {
            return wfail(w, "%s %g is outside %g..%g", p->key, v, p->min, p->max);
        }
        !isnan(v) ? put_num(w, incmap_geojson_round(v, p->decimals), p->decimals) : put(w, "null");
        break;
    }
    case GJ_KIND: {
        const char *k = incmap_geojson_kind_name(*(const incmap_kind *)(const void *)field);
        k != NULL ? put_str(w, k) : put(w, "null");
        break;
    }
    }
    return INCMAP_OK;
}

/* One Feature object, its id "<prefix><incident|m>-<role>-<serial>". */
static incmap_status put_feature(writer *w, size_t serial, const char *id_prefix)
{
    const incmap_feature *f = w->f;
    if (f->incident < 0) {
        return wfail(w, "negative incident number");
    }
    if (f->role < INCMAP_ROLE_LAUNCH || f->role > INCMAP_ROLE_MENTION) {
        return wfail(w, "unknown role %d", (int)f->role);
    }
    if (w->out != NULL) {
        char id[64];
        incmap_geojson_feature_id(f, serial, id, sizeof id);
        put(w, "{\"type\":\"Feature\",\"id\":\"");
        if (id_prefix != NULL) {
            incmap_gjw_esc(w->out, id_prefix);
        }
        put(w, id);
        put(w, "\",\"geometry\":");
    }
    incmap_status st = put_geometry(w);
    if (st != INCMAP_OK) {
        return st;
    }
    put(w, ",\"properties\":{\"incident\":");
    f->incident > 0 ? put_num(w, f->incident, 0) : put(w, "null");
    put(w, ",\"role\":");
    put_str(w, incmap_role_str(f->role));
    for (size_t i = 0; i < GJ_NPROPS && st == INCMAP_OK; i++) {
        st = put_property(w, &incmap_geojson_props[i]);
    }
    put(w, "}}");
    return st;
}

/* Where the text goes: a FILE (written from the buffer whenever it holds FLUSH_BYTES, so the
 * buffer stays about one feature long) or, with fp NULL, the buffer itself. */
#define FLUSH_BYTES ((size_t)32 << 10)

typedef struct {
    FILE *fp;
    const char *path; /* for messages; NULL: "GeoJSON" */
    gj_buf buf;
} sink;

static incmap_status flush(writer *w, sink *k, size_t at_least)
{
    if (k->buf.failed) {
        return nomem(w);
    }
    if (k->fp == NULL || k->buf.len < at_least || k->buf.len == 0) {
        return INCMAP_OK;
    }
    errno = 0;
    if (fwrite(k->buf.s, 1, k->buf.len, k->fp) != k->buf.len) {
        return incmap_fail(w->ctx, INCMAP_ERR_IO, "cannot write %s: %s",
                           k->path != NULL ? k->path : "GeoJSON",
                           strerror(errno != 0 ? errno : EIO));
    }
    k->buf.len = 0;
    return INCMAP_OK;
}

/* The header of a FeatureCollection, up to and including the features' "[". */
static void put_header(writer *w, const incmap_incidents *inc)
{
    put(w, "{\"type\":\"FeatureCollection\"");
    if (w->have_bbox) {
        put(w, ",\"bbox\":[");
        for (int i = 0; i < 4; i++) {
            put(w, i > 0 ? "," : "");
            put_num(w, w->bbox[i], 6);
        }
        put(w, "]");
    }
    char generator[64];
    snprintf(generator, sizeof generator, "incmap %s", incmap_version());
    put(w, ",\"incmap\":{\"schema\":");
    put_num(w, INCMAP_GEOJSON_SCHEMA, 0);
    put(w, ",\"generator\":");
    put_str(w, generator);
    put(w, ",\"incidents\":");
    put_num(w, (double)incmap_incidents_count(inc), 0);
    put(w, "},\"features\":[");
}

/* What the checking pass leaves for the formatting pass: the bbox (in w) and the ids. */
typedef struct {
    writer w;
    size_t n, *serial;
    const incmap_geojson_opts *opts;
} plan;

/* The checking pass: every feature, as it will be written, without formatting anything. */
static incmap_status plan_check(plan *p, incmap_ctx *ctx, const incmap_incidents *inc,
                                const incmap_geojson_opts *opts)
{
    static const incmap_geojson_opts none = {0};
    *p = (plan){.w = {.ctx = ctx}, .opts = opts != NULL ? opts : &none};
    p->n = incmap_incidents_feature_count(inc);
    size_t bad;
    const char *prefix = p->opts->id_prefix;
    if (prefix != NULL && !incmap_utf8_check(prefix, strlen(prefix), &bad)) {
        return incmap_fail(ctx, INCMAP_ERR_INVALID_ARG,
                           "cannot write GeoJSON: the id prefix is not valid UTF-8 (byte %zu)",
                           bad);
    }
    if ((p->serial = incmap_geojson_id_serials(inc)) == NULL) {
        return nomem(&p->w);
    }
    incmap_status st = INCMAP_OK;
    for (size_t i = 0; i < p->n && st == INCMAP_OK; i++) {
        p->w.fi = i;
        p->w.f = incmap_incidents_feature(inc, i);
        p->w.g = p->w.f->geom;
        st = put_feature(&p->w, p->serial[i], prefix);
    }
    return st;
}

/* The formatting pass, after a successful plan_check. "Pretty" is one feature per line (as
 * ogr2ogr writes): readable, and line-based diffs and tools show which feature changed.
 * Otherwise one line. Both end with a newline. A sequence is RS, feature, LF per feature. */
static incmap_status plan_emit(plan *p, const incmap_incidents *inc, sink *k)
{
    writer *w = &p->w;
    const incmap_geojson_opts *o = p->opts;
    incmap_status st = INCMAP_OK;
    w->out = &k->buf;
    if (!o->seq) {
        put_header(w, inc);
    }
    for (size_t i = 0; i < p->n && st == INCMAP_OK; i++) {
        w->fi = i;
        w->f = incmap_incidents_feature(inc, i);
        w->g = w->f->geom;
        put(w, o->seq ? "\x1e" : o->pretty ? "\n" : "");
        st = put_feature(w, p->serial[i], o->id_prefix);
        put(w, o->seq ? "\n" : i + 1 < p->n ? "," : "");
        if (st == INCMAP_OK) {
            st = flush(w, k, FLUSH_BYTES);
        }
    }
    if (st == INCMAP_OK && !o->seq) {
        put(w, o->pretty && p->n > 0 ? "\n]}\n" : "]}\n");
    }
    return st == INCMAP_OK ? flush(w, k, 0) : st;
}

static incmap_status plan_run(incmap_ctx *ctx, const incmap_incidents *inc, sink *k,
                              const incmap_geojson_opts *opts)
{
    plan p;
    incmap_status st = plan_check(&p, ctx, inc, opts);
    if (st == INCMAP_OK) {
        st = plan_emit(&p, inc, k);
    }
    free(p.serial);
    return st;
}

incmap_status incmap_geojson_write_stream(incmap_ctx *ctx, const incmap_incidents *inc, FILE *out,
                                          const incmap_geojson_opts *opts)
{
    sink k = {.fp = out};
    incmap_status st = plan_run(ctx, inc, &k, opts);
    free(k.buf.s);
    errno = 0;
    if (st == INCMAP_OK && fflush(out) != 0) { /* so a full disk is reported here */
        st = incmap_fail(ctx, INCMAP_ERR_IO, "cannot write GeoJSON: %s",
                         strerror(errno != 0 ? errno : EIO));
    }
    return st;
}

char *incmap_geojson_write(incmap_ctx *ctx, const incmap_incidents *inc, bool pretty)
{
    incmap_geojson_opts opts = {.pretty = pretty};
    sink k = {0};
    if (plan_run(ctx, inc, &k, &opts) != INCMAP_OK) {
        free(k.buf.s);
        return NULL;
    }
    return k.buf.s;
}

char *incmap_geojson_geometry_write(incmap_ctx *ctx, const incmap_geom *g, double bbox[4])
{
    gj_buf buf = {0};
    writer w = {.ctx = ctx, .g = g, .out = &buf};
    if (put_geometry(&w) != INCMAP_OK || (buf.failed && nomem(&w) != INCMAP_OK)) {
        free(buf.s);
        return NULL;
    }
    if (bbox != NULL) {
        memcpy(bbox, w.bbox, sizeof w.bbox);
    }
    return buf.s;
}

incmap_status incmap_geojson_save(incmap_ctx *ctx, const incmap_incidents *inc, const char *path)
{
    incmap_geojson_opts opts = {.pretty = true};
    sink k = {.path = path};
    plan p;
    incmap_atomic_file *af = NULL;
    /* a model the format cannot hold is refused before the temporary file exists */
    incmap_status st = plan_check(&p, ctx, inc, &opts);
    if (st == INCMAP_OK && (af = incmap_afile_open(ctx, path)) == NULL) {
        st = incmap_ctx_status(ctx);
    }
    if (st == INCMAP_OK) {
        k.fp = incmap_afile_stdio(af);
        st = plan_emit(&p, inc, &k);
        st = st == INCMAP_OK ? incmap_afile_commit(af) : (incmap_afile_abort(af), st);
    }
    free(p.serial);
    free(k.buf.s);
    return st;
}

/* cJSON is the core library's one dependency (the reader parses with it; the writer streams). */
static char core_versions[64];

static void core_versions_init(void)
{
    snprintf(core_versions, sizeof core_versions, "cJSON %s\n", cJSON_Version());
}

const char *incmap_dependency_versions(void)
{
    static once_flag once = ONCE_FLAG_INIT;
    call_once(&once, core_versions_init);
    return core_versions;
}

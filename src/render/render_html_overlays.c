/* The HTML map's overlays (render_html.c writes the page): what the static map computes on the
 * ellipsoid or from the gazetteer, as GeoJSON the page only has to draw. */
#include "render/render_html.h"
#include "render/render_internal.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The circle of a vague launch or site with neither polygon nor uncertainty (render_incidents.c's
 * VAGUE_DEFAULT_KM). */
#define HTML_VAGUE_KM 50.0

static const incmap_feature *target_of(const incmap_incidents *inc, int id)
{
    for (size_t i = 0; i < incmap_incidents_feature_count(inc); i++) {
        const incmap_feature *f = incmap_incidents_feature(inc, i);
        if (f->incident == id && f->role == INCMAP_ROLE_TARGET) {
            return f;
        }
    }
    return NULL;
}

/* A line or ring overlay; its properties (kind, incident, radius_km) are returned for more, NULL
 * when out of memory. */
static cJSON *add_line(cJSON *features, const char *kind, int incident, double km, const double *ll,
                       size_t n, bool ring)
{
    cJSON *f = cJSON_CreateObject(), *props = NULL, *geom = NULL, *coords = NULL, *line = NULL;
    if (f == NULL || !cJSON_AddItemToArray(features, f)) {
        cJSON_Delete(f);
        return NULL;
    }
    bool ok = cJSON_AddStringToObject(f, "type", "Feature") &&
              (props = cJSON_AddObjectToObject(f, "properties")) != NULL &&
              cJSON_AddStringToObject(props, "kind", kind) &&
              cJSON_AddNumberToObject(props, "incident", incident) &&
              (!isfinite(km) || cJSON_AddNumberToObject(props, "radius_km", km)) &&
              (geom = cJSON_AddObjectToObject(f, "geometry")) != NULL &&
              cJSON_AddStringToObject(geom, "type", ring ? "Polygon" : "LineString") &&
              (coords = cJSON_AddArrayToObject(geom, "coordinates")) != NULL;
    line = ring && ok ? cJSON_CreateArray() : coords;
    ok = ok && line != NULL && (!ring || cJSON_AddItemToArray(coords, line));
    for (size_t i = 0; ok && i < n; i++) {
        double p[2] = {round(ll[2 * i] * 1e5) / 1e5, round(ll[2 * i + 1] * 1e5) / 1e5};
        ok = cJSON_AddItemToArray(line, cJSON_CreateDoubleArray(p, 2));
    }
    return ok ? props : NULL;
}

static cJSON *add_circle(cJSON *features, const char *kind, int incident, double lon, double lat,
                         double km)
{
    double ring[2 * 121];
    for (int k = 0; k <= 120; k++) {
        incmap_geod_direct(lon, lat, k * 3.0, km * 1000.0, &ring[2 * k], &ring[2 * k + 1]);
    }
    ring[240] = ring[0], ring[241] = ring[1];
    return add_line(features, kind, incident, km, ring, 121, true);
}

/* The label the static map writes for f: its conventional English name, and for a place known
 * only as an area what that area stands for (render_incidents.c). */
static const char *symbol_label(const incmap_render_view *v, const incmap_feature *f, char *buf,
                                size_t n)
{
    const char *raw = f->name && f->name[0] ? f->name : f->text;
    char conv[160];
    const char *name = raw != NULL ? render_name(&v->names, raw, conv, sizeof conv) : "";
    snprintf(buf, n, render_feature_vague(f) ? "location given only as: %s" : "%s", name);
    return buf;
}

/* The symbol of feature i (its index in the incidents' GeoJSON) at its anchor, with its label. */
static bool add_symbol(cJSON *features, const incmap_feature *f, size_t i, double lon, double lat,
                       const char *label)
{
    cJSON *o = cJSON_CreateObject(), *props = NULL, *geom = NULL;
    if (o == NULL || !cJSON_AddItemToArray(features, o)) {
        cJSON_Delete(o);
        return false;
    }
    double p[2] = {round(lon * 1e6) / 1e6, round(lat * 1e6) / 1e6};
    return cJSON_AddStringToObject(o, "type", "Feature") &&
           (props = cJSON_AddObjectToObject(o, "properties")) != NULL &&
           cJSON_AddStringToObject(props, "kind", "symbol") &&
           cJSON_AddStringToObject(props, "role", incmap_role_str(f->role)) &&
           cJSON_AddNumberToObject(props, "feature", (double)i) &&
           cJSON_AddStringToObject(props, "label", label) &&
           (!render_feature_vague(f) || cJSON_AddTrueToObject(props, "vague")) &&
           (geom = cJSON_AddObjectToObject(o, "geometry")) != NULL &&
           cJSON_AddStringToObject(geom, "type", "Point") &&
           cJSON_AddItemToObject(geom, "coordinates", cJSON_CreateDoubleArray(p, 2));
}

/* The border's highlight as runs of lon/lat points, thinned to about BORDER_STEP_PX apart (the
 * static map's walk is in steps of a pixel), each run's last point kept. */
#define BORDER_STEP_PX 3.0
typedef struct {
    const incmap_render_view *v;
    cJSON *coords, *run;
    double x, y;   /* the last point seen */
    double wx, wy; /* the last point written */
    bool pending;  /* the last point seen is not written yet */
    bool ok;
} border_runs;

static void runs_put(border_runs *b, double x, double y)
{
    const incmap_render_view *v = b->v;
    double lon, lat;
    if (b->run != NULL &&
        incmap_proj_inv(v->proj, v->map[0] + (x - v->frame[0]) / v->px_per_unit,
                        v->map[1] + (v->frame[3] - y) / v->px_per_unit, &lon, &lat)) {
        double p[2] = {round(lon * 1e5) / 1e5, round(lat * 1e5) / 1e5};
        b->ok = b->ok && cJSON_AddItemToArray(b->run, cJSON_CreateDoubleArray(p, 2));
    }
}

static void runs_emit(void *ud, double x, double y, bool start)
{
    border_runs *b = ud;
    if (start) {
        if (b->pending) {
            runs_put(b, b->x, b->y);
        }
        b->run = cJSON_CreateArray();
        b->ok = b->ok && b->run != NULL && cJSON_AddItemToArray(b->coords, b->run);
        runs_put(b, x, y);
        b->x = b->wx = x, b->y = b->wy = y, b->pending = false;
        return;
    }
    b->x = x, b->y = y, b->pending = hypot(x - b->wx, y - b->wy) < BORDER_STEP_PX;
    if (!b->pending) {
        runs_put(b, x, y);
        b->wx = x, b->wy = y;
    }
}

/* The border feature i as the static map highlights it (render_border.c): nothing where the
 * arrow crosses none of it; else its stretch near the incident, dashed along a de facto line,
 * with its label and the point the label hangs on. */
static bool add_border(cJSON *fs, const incmap_render_view *v, const incmap_incidents *inc,
                       const incmap_feature *f, size_t i)
{
    border_plan p;
    if (!border_plan_make(v, inc, f, &p)) {
        return false;
    }
    cJSON *o = NULL, *props = NULL, *geom = NULL;
    char label[256];
    double x, y, lon, lat;
    border_runs b = {.v = v, .ok = true};
    if (p.how != BORDER_NONE &&
        ((o = cJSON_CreateObject()) == NULL || !cJSON_AddItemToArray(fs, o))) {
        cJSON_Delete(o);
        border_plan_free(&p);
        return false;
    }
    bool ok = p.how == BORDER_NONE ||
              (cJSON_AddStringToObject(o, "type", "Feature") &&
               (props = cJSON_AddObjectToObject(o, "properties")) != NULL &&
               cJSON_AddStringToObject(props, "kind", "border") &&
               cJSON_AddNumberToObject(props, "feature", (double)i) &&
               cJSON_AddStringToObject(
                   props, "label", border_plan_name(&p, symbol_label(v, f, label, sizeof label))) &&
               cJSON_AddBoolToObject(props, "dashed", p.how == BORDER_LINE) &&
               (geom = cJSON_AddObjectToObject(o, "geometry")) != NULL &&
               cJSON_AddStringToObject(geom, "type", "MultiLineString") &&
               (b.coords = cJSON_AddArrayToObject(geom, "coordinates")) != NULL);
    if (ok && p.how != BORDER_NONE) {
        border_plan_walk(v, &p, runs_emit, &b);
        if (b.pending) {
            runs_put(&b, b.x, b.y);
        }
        ok = b.ok;
        if (ok && border_plan_label_point(v, &p, &x, &y) &&
            incmap_proj_inv(v->proj, v->map[0] + (x - v->frame[0]) / v->px_per_unit,
                            v->map[1] + (v->frame[3] - y) / v->px_per_unit, &lon, &lat)) {
            double at[2] = {round(lon * 1e5) / 1e5, round(lat * 1e5) / 1e5};
            ok = cJSON_AddItemToObject(props, "label_at", cJSON_CreateDoubleArray(at, 2));
        }
    }
    border_plan_free(&p);
    return ok;
}

/* The air bases and airports the static map labels near the incident (render_sites.c). */
static bool add_key_sites(cJSON *fs, const incmap_render_view *v)
{
    bool ok = true;
    for (size_t i = 0; ok && i < v->nsites; i++) {
        cJSON *o = cJSON_CreateObject(), *props = NULL, *geom = NULL;
        char conv[160];
        double p[2] = {round(v->sites[i].lon * 1e6) / 1e6, round(v->sites[i].lat * 1e6) / 1e6};
        if (o == NULL || !cJSON_AddItemToArray(fs, o)) {
            cJSON_Delete(o);
            return false;
        }
        ok = cJSON_AddStringToObject(o, "type", "Feature") &&
             (props = cJSON_AddObjectToObject(o, "properties")) != NULL &&
             cJSON_AddStringToObject(props, "kind", "key_site") &&
             cJSON_AddStringToObject(props, "label",
                                     render_name(&v->names, v->sites[i].name, conv, sizeof conv)) &&
             (geom = cJSON_AddObjectToObject(o, "geometry")) != NULL &&
             cJSON_AddStringToObject(geom, "type", "Point") &&
             cJSON_AddItemToObject(geom, "coordinates", cJSON_CreateDoubleArray(p, 2));
    }
    return ok;
}

char *html_overlays_json(const incmap_render_view *v, const incmap_incidents *inc)
{
    enum { ARROW_POINTS = 96 };
    cJSON *root = cJSON_CreateObject(), *fs = NULL;
    bool ok = root != NULL && cJSON_AddStringToObject(root, "type", "FeatureCollection") &&
              (fs = cJSON_AddArrayToObject(root, "features")) != NULL;
    for (size_t i = 0; ok && i < incmap_incidents_feature_count(inc); i++) {
        const incmap_feature *f = incmap_incidents_feature(inc, i);
        double lon, lat;
        render_feature_anchor(f, &lon, &lat);
        if (f->role == INCMAP_ROLE_BORDER) {
            ok = add_border(fs, v, inc, f, i);
            continue;
        }
        if (!isfinite(lon) || !isfinite(lat)) {
            continue;
        }
        if (f->role == INCMAP_ROLE_MENTION && !view_mention_visible(v, i)) {
            continue;
        }
        char label[256];
        ok = add_symbol(fs, f, i, lon, lat, symbol_label(v, f, label, sizeof label));
        if (ok && f->role == INCMAP_ROLE_TARGET && f->geom->type == INCMAP_GEOM_POINT &&
            isfinite(f->uncertainty_km) && f->uncertainty_km > 0) {
            ok = add_circle(fs, "uncertainty", f->incident, lon, lat,
                            fmin(f->uncertainty_km, 2000)) != NULL;
        }
        if (ok && f->role == INCMAP_ROLE_LAUNCH && v->range_km > 0) {
            ok = add_circle(fs, "range", f->incident, lon, lat, v->range_km) != NULL;
        }
        /* a launch or site known only as an area that has no polygon: its uncertainty circle,
         * hatched, as the static map draws it (render_incidents.c, 50 km when it has none) */
        if (ok && f->role != INCMAP_ROLE_TARGET && render_feature_vague(f) &&
            f->geom->type == INCMAP_GEOM_POINT) {
            double km = isfinite(f->uncertainty_km) && f->uncertainty_km > 0 ? f->uncertainty_km
                                                                             : HTML_VAGUE_KM;
            cJSON *props = add_circle(fs, "vague", f->incident, lon, lat, fmin(km, 2000));
            ok = props != NULL && cJSON_AddStringToObject(props, "role", incmap_role_str(f->role));
        }
        const incmap_feature *tg =
            f->role == INCMAP_ROLE_LAUNCH ? target_of(inc, f->incident) : NULL;
        double tlon, tlat;
        if (ok && tg != NULL) {
            render_feature_anchor(tg, &tlon, &tlat);
            if (isfinite(tlon) && isfinite(tlat) && (tlon != lon || tlat != lat)) {
                double ll[2 * ARROW_POINTS];
                incmap_geod_line(lon, lat, tlon, tlat, ARROW_POINTS, ll);
                cJSON *props = add_line(fs, "arrow", f->incident, NAN, ll, ARROW_POINTS, false);
                /* from an area the arrow is dashed and starts at its middle */
                ok = props != NULL &&
                     (!render_feature_vague(f) || cJSON_AddTrueToObject(props, "dashed"));
            }
        }
    }
    ok = ok && add_key_sites(fs, v);
    char *out = ok ? cJSON_PrintUnformatted(root) : NULL;
    cJSON_Delete(root);
    return out;
}

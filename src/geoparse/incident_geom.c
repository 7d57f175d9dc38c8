/* Incidents -> features: the geometry, precision, uncertainty and confidence of each role, the
 * border between launch and target countries, and the geodesic distance and bearing from launch
 * to target (PROJ, loaded only here and only when an incident has both). Areas (provinces,
 * "northeastern Syria") come from the gazetteer; "12 km north of X" moves X's point geodesically.
 */
#include "core/core.h"
#include "core/geodesy.h"
#include "gazetteer/rank.h"
#include "geoparse/geoparse.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_point_kind(const incmap_place *p)
{
    incmap_kind k = incmap_place_kind(p);
    return k == INCMAP_KIND_PLACE || k == INCMAP_KIND_SITE;
}

/* Radius of a circle with the area of the bbox, in km: the uncertainty of an areal role. */
static double bbox_radius_km(const incmap_geom *g)
{
    double bb[4];
    if (g == NULL || !incmap_geom_bbox(g, bb)) {
        return NAN;
    }
    double lat = (bb[1] + bb[3]) / 2 * M_PI / 180.0;
    double w = (bb[2] - bb[0]) * 111.32 * cos(lat), h = (bb[3] - bb[1]) * 110.57;
    return sqrt(fmax(w * h, 1.0) / M_PI);
}

static int precision_of(const incmap_place *p, const qual *q)
{
    if (!is_point_kind(p)) {
        return 3;
    }
    const char *fc = incmap_place_feature_code(p);
    if (q->kind != QUAL_NONE || strncmp(fc, "ADM2", 4) == 0 || strncmp(fc, "ADM3", 4) == 0 ||
        strcmp(fc, "PPLX") == 0) {
        return 2;
    }
    return 1;
}

static double point_uncertainty_km(const incmap_place *p, const qual *q)
{
    int64_t pop = incmap_place_population(p);
    double u = incmap_place_kind(p) == INCMAP_KIND_SITE ? 1.0
               : pop > 1000000                          ? 15.0
               : pop > 100000                           ? 8.0
                                                        : 3.0;
    switch (q->kind) {
    case QUAL_NEAR:
        return u + 10.0;
    case QUAL_OUTSKIRTS:
        return u + 5.0;
    case QUAL_DISTRICT:
        return u + 15.0;
    case QUAL_OFFSET:
        return u + fmax(2.0, 0.25 * q->km);
    default:
        return u;
    }
}

static double kind_uncertainty_km(const incmap_place *p)
{
    switch (incmap_place_kind(p)) {
    case INCMAP_KIND_COUNTRY:
        return 300.0;
    case INCMAP_KIND_ADMIN1:
        return 80.0;
    case INCMAP_KIND_REGION:
        return 150.0;
    default:
        return 3.0;
    }
}

static void fill_place(incmap_feature *f, const incmap_place *p)
{
    f->name = (char *)incmap_place_name(p); /* copied by incmap_incidents_add */
    f->gazetteer_id = (char *)incmap_place_id(p);
    f->kind = incmap_place_kind(p);
    f->country = incmap_place_country(p)[0] != '\0' ? (char *)incmap_place_country(p) : NULL;
    f->admin1 = incmap_place_admin1(p)[0] != '\0' ? (char *)incmap_place_admin1(p) : NULL;
}

/* The point of a role: the place's point moved by "N km <direction> of". */
static incmap_status role_point(incmap_ctx *ctx, const role_ref *r, incmap_lonlat *pt)
{
    *pt = incmap_place_point(r->place);
    if (r->q.kind == QUAL_OFFSET && isfinite(r->q.km) && isfinite(r->q.az_deg)) {
        return incmap_geodesic_direct(ctx, *pt, r->q.az_deg, r->q.km * 1000.0, pt);
    }
    return INCMAP_OK;
}

/* Geometry for a role: a point for towns and sites, the area for provinces and regions. */
static incmap_status role_geom(const incmap_gazetteer *gz, incmap_ctx *ctx, const role_ref *r,
                               incmap_geom **out)
{
    *out = NULL;
    if (!is_point_kind(r->place) && incmap_place_has_area(r->place) && r->q.kind != QUAL_OFFSET) {
        *out = incmap_place_geometry(gz, ctx, r->place);
        return *out != NULL ? INCMAP_OK : incmap_ctx_status(ctx);
    }
    incmap_lonlat pt;
    incmap_status st = role_point(ctx, r, &pt);
    if (st != INCMAP_OK) {
        return st;
    }
    *out = incmap_geom_point(pt.lon_deg, pt.lat_deg);
    return *out != NULL ? INCMAP_OK : incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory");
}

/* Nearest point of an areal geometry's boundary to p, measured in a local equirectangular frame
 * (good to a fraction of a percent at report scales); the distance itself is then geodesic. */
static incmap_lonlat nearest_on_boundary(const incmap_geom *g, incmap_lonlat p)
{
    double kx = cos(p.lat_deg * M_PI / 180.0), best = INFINITY;
    incmap_lonlat out = p;
    size_t start = 0;
    for (size_t r = 0; r < g->nrings; r++) {
        size_t end = g->ring_end[r];
        for (size_t i = start; i + 1 < end; i++) {
            double ax = (g->xy[2 * i] - p.lon_deg) * kx, ay = g->xy[2 * i + 1] - p.lat_deg;
            double bx = (g->xy[2 * i + 2] - p.lon_deg) * kx, by = g->xy[2 * i + 3] - p.lat_deg;
            double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
            double t = len2 > 0 ? fmax(0, fmin(1, -(ax * dx + ay * dy) / len2)) : 0;
            double cx = ax + t * dx, cy = ay + t * dy, d2 = cx * cx + cy * cy;
            if (d2 < best) {
                best = d2;
                out.lon_deg = p.lon_deg + cx / kx;
                out.lat_deg = p.lat_deg + cy;
            }
        }
        start = end;
    }
    return out;
}

static const incmap_role role_ids[ROLE_COUNT] = {INCMAP_ROLE_LAUNCH, INCMAP_ROLE_TARGET,
                                                 INCMAP_ROLE_SITE};

static bool areal(const incmap_geom *g)
{
    return g->type == INCMAP_GEOM_POLYGON || g->type == INCMAP_GEOM_MULTIPOLYGON;
}

/* Distance and bearing launch -> target: the shortest geodesic between them, i.e. between the
 * launch point (or the point of a launch area nearest the target) and the target point (or the
 * point of a target area nearest the launch); 0 km and no bearing when one lies in the other. */
static incmap_status launch_target(incmap_ctx *ctx, const role_ref *l, const role_ref *t,
                                   const incmap_geom *lg, const incmap_geom *tg, double *km,
                                   double *bearing)
{
    incmap_lonlat a =
        areal(lg) ? incmap_place_point(l->place) : (incmap_lonlat){lg->xy[0], lg->xy[1]};
    incmap_lonlat b =
        areal(tg) ? incmap_place_point(t->place) : (incmap_lonlat){tg->xy[0], tg->xy[1]};
    if (areal(lg)) {
        a = incmap_geom_contains(lg, b) ? b : nearest_on_boundary(lg, b);
    }
    if (areal(tg)) {
        b = incmap_geom_contains(tg, a) ? a : nearest_on_boundary(tg, a);
    }
    if (a.lon_deg == b.lon_deg && a.lat_deg == b.lat_deg) {
        *km = 0;
        *bearing = NAN;
        return INCMAP_OK;
    }
    double m = 0, az = 0;
    incmap_status st = incmap_geodesic_inverse(ctx, a, b, &m, &az);
    if (st == INCMAP_OK) {
        *km = m / 1000.0;
        *bearing = az;
    }
    return st;
}

/* Distance and bearing between the representative points of launch and target. */
static incmap_status representative(incmap_ctx *ctx, const role_ref *l, const role_ref *t,
                                    const incmap_geom *lg, const incmap_geom *tg, double *km,
                                    double *bearing)
{
    incmap_lonlat a =
        areal(lg) ? incmap_place_point(l->place) : (incmap_lonlat){lg->xy[0], lg->xy[1]};
    incmap_lonlat b =
        areal(tg) ? incmap_place_point(t->place) : (incmap_lonlat){tg->xy[0], tg->xy[1]};
    if (a.lon_deg == b.lon_deg && a.lat_deg == b.lat_deg) {
        *km = 0;
        *bearing = NAN;
        return INCMAP_OK;
    }
    double m = 0, az = 0;
    incmap_status st = incmap_geodesic_inverse(ctx, a, b, &m, &az);
    if (st == INCMAP_OK) {
        *km = m / 1000.0;
        *bearing = az;
    }
    return st;
}

static incmap_status emit_border(const incmap_gazetteer *gz, incmap_ctx *ctx,
                                 const incident_rec *in, const char *cc_a, const char *cc_b,
                                 double conf, incmap_incidents *out, char date[11])
{
    incmap_geom *g = incmap_gazetteer_border(gz, ctx, cc_a, cc_b);
    if (g == NULL) {
        if (incmap_ctx_status(ctx) == INCMAP_ERR_NOT_FOUND) {
            incmap_ctx_clear(ctx); /* the countries do not touch: no border to draw */
            return INCMAP_OK;
        }
        return incmap_ctx_status(ctx);
    }
    const incmap_place *pa = incmap_gazetteer_country(gz, cc_a),
                       *pb = incmap_gazetteer_country(gz, cc_b);
    char name[160], id[32];
    snprintf(name, sizeof name, "%s\u2013%s border", pa != NULL ? incmap_place_name(pa) : cc_a,
             pb != NULL ? incmap_place_name(pb) : cc_b);
    snprintf(id, sizeof id, "border:%s-%s", cc_a, cc_b);
    incmap_feature f = incmap_feature_init();
    f.incident = in->id;
    f.role = INCMAP_ROLE_BORDER;
    f.name = name;
    f.gazetteer_id = id;
    f.text = (char *)in->border_text;
    f.start = in->border_text != NULL ? in->border_start : -1;
    f.end = in->border_text != NULL ? in->border_end : -1;
    f.precision = 3;
    f.confidence = conf;
    f.event_type = (char *)in->type;
    f.date = date[0] != '\0' ? date : NULL;
    f.fatalities = in->fatalities;
    f.injured = in->injured;
    f.qualifier = NULL;
    f.geom = g;
    incmap_status st = incmap_incidents_add(out, ctx, &f);
    incmap_geom_destroy(g);
    return st;
}

incmap_status incmap_incident_emit(const incmap_gazetteer *gz, incmap_ctx *ctx,
                                   const incident_rec *in, incmap_incidents *out)
{
    incmap_geom *geoms[ROLE_COUNT] = {NULL, NULL, NULL};
    incmap_feature fs[ROLE_COUNT];
    char date[11] = "";
    if (in->date.y != 0) {
        incmap_date_format(in->date, date);
    }
    incmap_status st = INCMAP_OK;
    double conf_min = 1.0;
    for (int r = 0; r < ROLE_COUNT && st == INCMAP_OK; r++) {
        const role_ref *rr = &in->r[r];
        fs[r] = incmap_feature_init();
        if (rr->place == NULL) {
            continue;
        }
        if ((st = role_geom(gz, ctx, rr, &geoms[r])) != INCMAP_OK) {
            break;
        }
        incmap_feature *f = &fs[r];
        fill_place(f, rr->place);
        f->incident = in->id;
        f->role = role_ids[r];
        f->text = rr->phrase[0] != '\0' ? (char *)rr->phrase : (char *)rr->text;
        f->start = rr->start;
        f->end = rr->end;
        f->qualifier = rr->q.kind != QUAL_NONE ? (char *)rr->q.label : NULL;
        f->precision = precision_of(rr->place, &rr->q);
        f->uncertainty_km = geoms[r]->type == INCMAP_GEOM_POINT
                                ? point_uncertainty_km(rr->place, &rr->q)
                                : bbox_radius_km(geoms[r]);
        f->confidence = fmin(1.0, fmax(0.0, rr->confidence));
        f->event_type = (char *)in->type;
        f->date = date[0] != '\0' ? date : NULL;
        f->fatalities = in->fatalities;
        f->injured = in->injured;
        f->geom = geoms[r];
        conf_min = fmin(conf_min, f->confidence);
    }
    const role_ref *l = &in->r[ROLE_LAUNCH], *t = &in->r[ROLE_TARGET];
    if (st == INCMAP_OK && l->place != NULL && t->place != NULL) {
        /* The launch carries the shortest distance (to the nearest point of a target area), the
         * target the distance between representative points (launch point -> the area's inner
         * point); for two points they are the same. */
        double km = NAN, az = NAN, rkm = NAN, raz = NAN;
        st = launch_target(ctx, l, t, geoms[ROLE_LAUNCH], geoms[ROLE_TARGET], &km, &az);
        if (st == INCMAP_OK) {
            st = representative(ctx, l, t, geoms[ROLE_LAUNCH], geoms[ROLE_TARGET], &rkm, &raz);
        }
        fs[ROLE_LAUNCH].distance_km = km;
        fs[ROLE_LAUNCH].bearing_deg = az;
        fs[ROLE_TARGET].distance_km = rkm;
        fs[ROLE_TARGET].bearing_deg = raz;
    }
    for (int r = 0; r < ROLE_COUNT && st == INCMAP_OK; r++) {
        if (geoms[r] != NULL) {
            st = incmap_incidents_add(out, ctx, &fs[r]);
        }
    }
    /* The border crossed: launch and target in different countries, else "the Syrian border". */
    if (st == INCMAP_OK) {
        const char *ca = l->place != NULL ? incmap_place_country(l->place) : "";
        const char *cb = t->place != NULL ? incmap_place_country(t->place) : "";
        if (ca[0] != '\0' && cb[0] != '\0' && strcmp(ca, cb) != 0) {
            st = emit_border(gz, ctx, in, ca, cb, conf_min, out, date);
        } else if (in->border_cc[0][0] != '\0' && in->border_cc[1][0] != '\0') {
            st = emit_border(gz, ctx, in, in->border_cc[0], in->border_cc[1],
                             conf_min * RANK_ROLE_BORDER_WORDS, out, date);
        }
    }
    for (int r = 0; r < ROLE_COUNT; r++) {
        incmap_geom_destroy(geoms[r]);
    }
    return st;
}

incmap_status incmap_mention_emit(const incmap_gazetteer *gz, incmap_ctx *ctx,
                                  const incmap_mention *mn, incmap_incidents *out)
{
    incmap_lonlat pt = incmap_place_point(mn->place);
    incmap_feature f = incmap_feature_init();
    fill_place(&f, mn->place);
    f.incident = 0;
    f.role = INCMAP_ROLE_MENTION;
    f.text = (char *)mn->text;
    f.start = mn->start;
    f.end = mn->end;
    qual none = {QUAL_NONE, NAN, NAN, "", 0};
    f.precision = precision_of(mn->place, &none);
    f.uncertainty_km = is_point_kind(mn->place) ? point_uncertainty_km(mn->place, &none)
                                                : kind_uncertainty_km(mn->place);
    f.confidence = mn->confidence;
    char located[96];
    if (mn->in_locality) {
        snprintf(located, sizeof located, "located in %s", incmap_place_name(mn->place));
        f.qualifier = located;
        f.precision = 2;
    }
    /* Countries, provinces and regions are areas, as in the roles: their inner point alone
     * would put "Russia" hundreds of km from wherever the reader means. */
    incmap_geom *point = NULL;
    if (!is_point_kind(mn->place) && incmap_place_has_area(mn->place)) {
        if ((f.geom = point = incmap_area_outline(gz, ctx, mn->place)) == NULL) {
            return incmap_ctx_status(ctx);
        }
    } else if ((f.geom = point = incmap_geom_point(pt.lon_deg, pt.lat_deg)) == NULL) {
        return incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory");
    }
    incmap_status st = incmap_incidents_add(out, ctx, &f);
    incmap_geom_destroy(point);
    return st;
}

/* The view: projection, extent and page layout, computed once per render from the incidents and
 * options. Default projection: Lambert azimuthal equal-area centred on the extent (see
 * maps/README.md for why). The extent fits every incident role (never the context mentions)
 * with a margin and a minimum size, then grows to the frame's aspect ratio. */
#include "render/render_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MIN_SIDE 200
#define MIN_SPAN_KM 220.0 /* a single point never fills the map */
#define MARGIN 0.14       /* of the incidents' extent, on each side */
/* The smallest --extent side in degrees (about 110 m): below it the map shows no more than a
 * fill, and the projected base layers approach cairo's 24.8 fixed-point coordinate range. */
#define MIN_EXTENT_DEG 0.001

incmap_render_opts incmap_render_opts_default(void)
{
    incmap_render_opts o;
    memset(&o, 0, sizeof o);
    o.width_px = 1600;
    o.height_px = 1200;
    o.dpi = 96;
    o.format = INCMAP_FORMAT_AUTO;
    return o;
}

static incmap_status check_opts(incmap_ctx *ctx, const incmap_render_opts *o)
{
    if (o->width_px < MIN_SIDE || o->height_px < MIN_SIDE || o->width_px > INCMAP_RENDER_MAX_SIDE ||
        o->height_px > INCMAP_RENDER_MAX_SIDE ||
        (long)o->width_px * o->height_px > INCMAP_RENDER_MAX_PIXELS) {
        return incmap_fail(
            ctx, INCMAP_ERR_INVALID_ARG,
            "image size %dx%d out of range (each side %d..%d px, at most %ld pixels)", o->width_px,
            o->height_px, MIN_SIDE, INCMAP_RENDER_MAX_SIDE, (long)INCMAP_RENDER_MAX_PIXELS);
    }
    if (!isfinite(o->dpi) || o->dpi < 24 || o->dpi > 1200) {
        return incmap_fail(ctx, INCMAP_ERR_INVALID_ARG, "dpi %g out of range (24..1200)", o->dpi);
    }
    if (!isfinite(o->range_km) || o->range_km < 0 || o->range_km > 10000) {
        return incmap_fail(ctx, INCMAP_ERR_INVALID_ARG, "range %g km out of range (0..10000)",
                           o->range_km);
    }
    if (o->has_extent) {
        const double *e = o->extent_deg;
        for (int i = 0; i < 4; i++) {
            if (!isfinite(e[i])) {
                return incmap_fail(ctx, INCMAP_ERR_INVALID_ARG, "extent has a non-finite value");
            }
        }
        if (e[0] < -180 || e[2] > 180 || e[1] < -90 || e[3] > 90) {
            return incmap_fail(ctx, INCMAP_ERR_INVALID_ARG,
                               "extent %g,%g,%g,%g outside -180..180, -90..90", e[0], e[1], e[2],
                               e[3]);
        }
        if (!(e[0] < e[2]) || !(e[1] < e[3])) {
            return incmap_fail(ctx, INCMAP_ERR_INVALID_ARG,
                               "extent %g,%g,%g,%g is empty or inverted (want W,S,E,N with W<E, "
                               "S<N)",
                               e[0], e[1], e[2], e[3]);
        }
        if (e[2] - e[0] < MIN_EXTENT_DEG * 0.999 || e[3] - e[1] < MIN_EXTENT_DEG * 0.999) {
            return incmap_fail(ctx, INCMAP_ERR_INVALID_ARG,
                               "extent %.10g,%.10g,%.10g,%.10g is too small (at least %g degrees, "
                               "about 110 m, a side)",
                               e[0], e[1], e[2], e[3], MIN_EXTENT_DEG);
        }
    }
    return INCMAP_OK;
}

incmap_status view_check_coords(incmap_ctx *ctx, const incmap_incidents *inc)
{
    for (size_t i = 0; i < incmap_incidents_feature_count(inc); i++) {
        const incmap_feature *f = incmap_incidents_feature(inc, i);
        for (size_t k = 0; k < f->geom->npoints; k++) {
            double lon = f->geom->xy[2 * k], lat = f->geom->xy[2 * k + 1];
            if (!isfinite(lon) || !isfinite(lat) || lon < -180 || lon > 180 || lat < -90 ||
                lat > 90) {
                return incmap_fail(ctx, INCMAP_ERR_PARSE,
                                   "feature %zu (%s '%s'): coordinate %zu (%g, %g) is not a valid "
                                   "longitude, latitude",
                                   i + 1, incmap_role_str(f->role), f->name ? f->name : "", k + 1,
                                   lon, lat);
            }
        }
    }
    return INCMAP_OK;
}

typedef struct {
    double b[4]; /* xmin, ymin, xmax, ymax */
    bool any;
} bounds;

static void bounds_add(bounds *bb, double x, double y)
{
    if (x == HUGE_VAL) {
        return;
    }
    if (!bb->any) {
        bb->b[0] = bb->b[2] = x;
        bb->b[1] = bb->b[3] = y;
        bb->any = true;
        return;
    }
    bb->b[0] = fmin(bb->b[0], x);
    bb->b[1] = fmin(bb->b[1], y);
    bb->b[2] = fmax(bb->b[2], x);
    bb->b[3] = fmax(bb->b[3], y);
}

/* Adds lon/lat points, projected (or unprojected when p is NULL), to bb. */
static void bounds_add_ll(bounds *bb, const incmap_proj *p, const double *xy, size_t n)
{
    double buf[2 * 64];
    for (size_t i = 0; i < n; i += 64) {
        size_t m = n - i < 64 ? n - i : 64;
        memcpy(buf, xy + 2 * i, 2 * m * sizeof(double));
        if (p != NULL) {
            incmap_proj_fwd(p, buf, m);
        }
        for (size_t k = 0; k < m; k++) {
            bounds_add(bb, buf[2 * k], buf[2 * k + 1]);
        }
    }
}

static void bounds_add_circle(bounds *bb, const incmap_proj *p, double lon, double lat, double km)
{
    double ring[2 * 36];
    for (int k = 0; k < 36; k++) {
        incmap_geod_direct(lon, lat, k * 10.0, km * 1000.0, &ring[2 * k], &ring[2 * k + 1]);
    }
    bounds_add_ll(bb, p, ring, 36);
}

static double units_per_km(const incmap_proj *p, double lon, double lat);

/* The primary incident: the lowest number with a located role (0 when there is none). */
static int primary_incident(const incmap_incidents *inc, bool *precise)
{
    int id = 0;
    for (size_t i = 0; i < incmap_incidents_feature_count(inc); i++) {
        const incmap_feature *f = incmap_incidents_feature(inc, i);
        if (f->role != INCMAP_ROLE_MENTION && f->geom->npoints > 0 && f->incident >= 1 &&
            (id == 0 || f->incident < id)) {
            id = f->incident;
        }
    }
    *precise = false;
    for (size_t i = 0; i < incmap_incidents_feature_count(inc); i++) {
        const incmap_feature *f = incmap_incidents_feature(inc, i);
        *precise |= f->incident == id && f->role != INCMAP_ROLE_MENTION &&
                    f->role != INCMAP_ROLE_BORDER && f->geom->npoints > 0 && f->precision >= 1 &&
                    f->precision <= 2;
    }
    return id;
}

/* Adds feature f (with its uncertainty circle and range ring) to bb. A country or province
 * known only as such adds its representative point alone when `precise` (a more precise place of
 * the same incident is known): it never pulls the whole country into view. */
static void feature_bounds(const incmap_feature *f, const incmap_render_opts *o,
                           const incmap_proj *p, bool rings, bool precise, bounds *bb)
{
    if (f->geom->npoints == 0) {
        return;
    }
    if (precise && f->precision >= 3 &&
        (f->kind == INCMAP_KIND_COUNTRY || f->kind == INCMAP_KIND_ADMIN1)) {
        double ll[2];
        render_feature_anchor(f, &ll[0], &ll[1]);
        bounds_add_ll(bb, p, ll, 1);
        return;
    }
    bounds_add_ll(bb, p, f->geom->xy, f->geom->npoints);
    if (f->geom->type == INCMAP_GEOM_POINT && isfinite(f->uncertainty_km) &&
        f->uncertainty_km > 0 && f->role != INCMAP_ROLE_MENTION) {
        bounds_add_circle(bb, p, f->geom->xy[0], f->geom->xy[1], fmin(f->uncertainty_km, 2000));
    }
    if (f->role == INCMAP_ROLE_LAUNCH && o->range_km > 0 && rings) {
        bounds_add_circle(bb, p, f->geom->xy[0], f->geom->xy[1], o->range_km);
    }
}

static double bounds_side(const bounds *bb, const incmap_proj *p)
{
    double w = bb->b[2] - bb->b[0], h = bb->b[3] - bb->b[1];
    if (p == NULL) { /* degrees: longitude shrinks with latitude */
        w *= cos((bb->b[1] + bb->b[3]) / 2 * M_PI / 180);
    }
    return fmax(w, h);
}

/* The extent to fit (mentions only when there is nothing else), in map units when p is set,
 * else in lon/lat degrees: the primary incident (the lowest number), whose border counts only
 * when no other role of it is located (the map shows the stretch near the incident, not the
 * whole border); another incident only when it would at most double the map's side (a distant
 * one is a line in the subtitle instead). Range rings count only when `rings` (a ring of
 * thousands of km crosses a pole or the antimeridian, and its lon/lat box would move the map's
 * centre away from the launch). */
static bool incidents_bounds(const incmap_incidents *inc, const incmap_render_opts *o,
                             const incmap_proj *p, bool rings, bounds *bb)
{
    bool precise;
    int primary = primary_incident(inc, &precise);
    size_t n = incmap_incidents_feature_count(inc);
    bool others = false;
    for (size_t i = 0; i < n; i++) {
        const incmap_feature *f = incmap_incidents_feature(inc, i);
        others |= f->incident == primary && f->role != INCMAP_ROLE_MENTION &&
                  f->role != INCMAP_ROLE_BORDER && f->geom->npoints > 0;
    }
    for (size_t i = 0; i < n && primary != 0; i++) {
        const incmap_feature *f = incmap_incidents_feature(inc, i);
        if (f->incident == primary && f->role != INCMAP_ROLE_MENTION &&
            !(f->role == INCMAP_ROLE_BORDER && others)) {
            feature_bounds(f, o, p, rings, precise, bb);
        }
    }
    /* the side another incident may grow to, at least twice the minimum span */
    double side = 0;
    if (bb->any) {
        double lon = (bb->b[0] + bb->b[2]) / 2, lat = (bb->b[1] + bb->b[3]) / 2;
        if (p != NULL) {
            incmap_proj_inv(p, lon, lat, &lon, &lat);
        }
        side = fmax(bounds_side(bb, p), MIN_SPAN_KM * (p ? units_per_km(p, lon, lat) : 1 / 111.0));
    }
    for (size_t i = 0; i < n && bb->any; i++) {
        const incmap_feature *f = incmap_incidents_feature(inc, i);
        if (f->incident == primary || f->role == INCMAP_ROLE_MENTION ||
            f->role == INCMAP_ROLE_BORDER) {
            continue;
        }
        bounds grown = *bb;
        feature_bounds(f, o, p, rings, true, &grown);
        if (bounds_side(&grown, p) <= 2 * side) {
            *bb = grown;
        }
    }
    for (size_t i = 0; i < n && !bb->any; i++) {
        feature_bounds(incmap_incidents_feature(inc, i), o, p, rings, false, bb);
    }
    return bb->any;
}

static void box_boundary_ll(const double e[4], double *xy, size_t per_edge)
{
    size_t k = 0;
    for (size_t i = 0; i < per_edge; i++) {
        double t = (double)i / (double)per_edge;
        double pts[4][2] = {{e[0] + t * (e[2] - e[0]), e[1]},
                            {e[2], e[1] + t * (e[3] - e[1])},
                            {e[2] - t * (e[2] - e[0]), e[3]},
                            {e[0], e[3] - t * (e[3] - e[1])}};
        for (int s = 0; s < 4; s++) {
            xy[2 * (k + s * per_edge)] = pts[s][0];
            xy[2 * (k + s * per_edge) + 1] = pts[s][1];
        }
        k++;
    }
}

/* Lon/lat bbox of a map-unit rectangle, by inverse-projecting its outline. */
static void rect_ll_bounds(const incmap_proj *p, const double m[4], double ll[4])
{
    bounds bb = {{0}, false};
    const int n = 24;
    for (int i = 0; i <= n; i++) {
        double t = (double)i / n, lon, lat;
        double pts[4][2] = {{m[0] + t * (m[2] - m[0]), m[1]},
                            {m[0] + t * (m[2] - m[0]), m[3]},
                            {m[0], m[1] + t * (m[3] - m[1])},
                            {m[2], m[1] + t * (m[3] - m[1])}};
        for (int s = 0; s < 4; s++) {
            if (incmap_proj_inv(p, pts[s][0], pts[s][1], &lon, &lat)) {
                bounds_add(&bb, lon, lat);
            }
        }
    }
    if (!bb.any) {
        ll[0] = -180, ll[1] = -90, ll[2] = 180, ll[3] = 90;
        return;
    }
    memcpy(ll, bb.b, sizeof bb.b);
    /* the outline misses a pole inside the map: then every longitude is in view */
    for (int pole = -1; pole <= 1; pole += 2) {
        double xy[2] = {0, 90.0 * pole};
        if (incmap_proj_fwd(p, xy, 1) == 1 && xy[0] >= m[0] && xy[0] <= m[2] && xy[1] >= m[1] &&
            xy[1] <= m[3]) {
            ll[0] = -180, ll[2] = 180;
            ll[pole < 0 ? 1 : 3] = 90.0 * pole;
        }
    }
}

/* True when the point projects and comes back within a kilometre: a point beyond the horizon of
 * +proj=ortho fails the first, one in a projection's wild outskirts the second. */
static bool shows_point(const incmap_proj *p, double lon, double lat)
{
    double xy[2] = {lon, lat}, lon2, lat2;
    return incmap_proj_fwd(p, xy, 1) == 1 && incmap_proj_inv(p, xy[0], xy[1], &lon2, &lat2) &&
           incmap_geod_inverse(lon, lat, lon2, lat2, NULL) < 1000.0;
}

/* Every incident role (not the context mentions) must be drawable in the map CRS: a point its
 * point, an area or line at least one of up to 64 of its vertices. Otherwise the map would show
 * something else (the mentions, or an empty ocean) and say nothing. */
static incmap_status check_incidents_shown(incmap_ctx *ctx, const incmap_proj *p,
                                           const incmap_incidents *inc)
{
    for (size_t i = 0; i < incmap_incidents_feature_count(inc); i++) {
        const incmap_feature *f = incmap_incidents_feature(inc, i);
        size_t n = f->geom->npoints, step = n > 64 ? n / 64 : 1;
        if (f->role == INCMAP_ROLE_MENTION || n == 0) {
            continue;
        }
        bool shown = false;
        for (size_t k = 0; k < n && !shown; k += step) {
            shown = shows_point(p, f->geom->xy[2 * k], f->geom->xy[2 * k + 1]);
        }
        if (!shown) {
            return incmap_fail(ctx, INCMAP_ERR_INVALID_ARG,
                               "CRS '%s' cannot show the %s '%s' at %g, %g (outside the area the "
                               "projection covers)",
                               incmap_proj_def(p), incmap_role_str(f->role), f->name ? f->name : "",
                               f->geom->xy[0], f->geom->xy[1]);
        }
    }
    return INCMAP_OK;
}

/* Map units per km at lon/lat, measured eastward (the default CRS is in metres, a geographic
 * --crs in degrees: the minimum size and the inset work the same for both). */
static double units_per_km(const incmap_proj *p, double lon, double lat)
{
    double xy[4];
    xy[0] = lon, xy[1] = lat;
    incmap_geod_direct(lon, lat, 90.0, 10000.0, &xy[2], &xy[3]);
    incmap_proj_fwd(p, xy, 2);
    double d = hypot(xy[2] - xy[0], xy[3] - xy[1]);
    return isfinite(d) && d > 0 ? d / 10.0 : 1000.0;
}

/* Page layout: title band on top, credits at the bottom, tick labels left and below. The title
 * and subtitle wrap: the band has room for the lines they are estimated to need at the page's
 * width (render_titles() shrinks the text when the real lines need more). */
static incmap_status layout_page(incmap_ctx *ctx, incmap_render_view *v)
{
    const render_style *st = &v->style;
    double u = v->u, pad = 14 * u, tw = v->width - 2 * pad;
    double title_h = (view_text_lines(v->title, st->sz_title * u, tw, VIEW_EM_BOLD) * 1.4 + 0.2) *
                     st->sz_title * u;
    for (size_t i = 0; i < v->nsubtitle; i++) {
        title_h +=
            (view_text_lines(v->subtitle[i], st->sz_subtitle * u, tw, VIEW_EM_REGULAR) * 1.4 +
             0.2) *
            st->sz_subtitle * u;
    }
    v->box[INCMAP_BOX_TITLE][0] = pad;
    v->box[INCMAP_BOX_TITLE][1] = pad;
    v->box[INCMAP_BOX_TITLE][2] = v->width - pad;
    v->box[INCMAP_BOX_TITLE][3] = pad + title_h;
    v->has_box[INCMAP_BOX_TITLE] = true;
    double credits_h = 2 * st->sz_credits * 1.55 * u;
    double tick_h = st->sz_tick * 1.9 * u, tick_w = st->sz_tick * 3.4 * u;
    v->frame[0] = pad + tick_w;
    v->frame[1] = pad + title_h + 6 * u;
    v->frame[2] = v->width - pad;
    v->frame[3] = v->height - pad * 0.7 - credits_h - tick_h;
    if (v->frame[2] - v->frame[0] < 120 || v->frame[3] - v->frame[1] < 90) {
        return incmap_fail(ctx, INCMAP_ERR_INVALID_ARG,
                           "image %dx%d is too small for the map at %g dpi", v->width, v->height,
                           v->dpi);
    }
    memcpy(v->box[INCMAP_BOX_MAP], v->frame, sizeof v->frame);
    v->has_box[INCMAP_BOX_MAP] = true;
    return INCMAP_OK;
}

/* Fits the map-unit bounds bb (grown by the margin and minimum) to the frame's aspect. */
static void fit_extent(incmap_render_view *v, bounds *bb, bool auto_extent)
{
    double *b = bb->b;
    double cx = (b[0] + b[2]) / 2, cy = (b[1] + b[3]) / 2;
    double w = b[2] - b[0], h = b[3] - b[1];
    if (auto_extent) {
        double upk = units_per_km(v->proj, v->centre_lon, v->centre_lat);
        w = fmax(w * (1 + 2 * MARGIN), MIN_SPAN_KM * upk);
        h = fmax(h * (1 + 2 * MARGIN), MIN_SPAN_KM * upk);
    }
    double fw = v->frame[2] - v->frame[0], fh = v->frame[3] - v->frame[1];
    if (w / h > fw / fh) {
        h = w * fh / fw;
    } else {
        w = h * fw / fh;
    }
    v->map[0] = cx - w / 2, v->map[1] = cy - h / 2, v->map[2] = cx + w / 2, v->map[3] = cy + h / 2;
    v->px_per_unit = fw / w;
}

static void derive_scale_and_north(incmap_render_view *v)
{
    double cx = (v->frame[0] + v->frame[2]) / 2, cy = (v->frame[1] + v->frame[3]) / 2;
    double mx = v->map[0] + (cx - v->frame[0]) / v->px_per_unit;
    double my = v->map[1] + (v->frame[3] - cy) / v->px_per_unit;
    double half = 50 / v->px_per_unit, lon1, lat1, lon2, lat2;
    incmap_proj_inv(v->proj, mx, my, &v->centre_lon, &v->centre_lat);
    double km_per_px = 0;
    if (incmap_proj_inv(v->proj, mx - half, my, &lon1, &lat1) &&
        incmap_proj_inv(v->proj, mx + half, my, &lon2, &lat2)) {
        km_per_px = incmap_geod_inverse(lon1, lat1, lon2, lat2, NULL) / 1000.0 / 100.0;
    }
    double fw = v->frame[2] - v->frame[0];
    if (km_per_px > 0) {
        double max_km = 0.2 * fw * km_per_px, nice = 1;
        while (nice * 10 <= max_km) {
            nice *= 10;
        }
        while (nice > max_km && nice > 0.0015) { /* a map under 5 km wide: 500, 200, 100 m... */
            nice /= 10;
        }
        nice = max_km >= 5 * nice ? 5 * nice : max_km >= 2 * nice ? 2 * nice : nice;
        v->scale_km = nice;
        v->scale_px = nice / km_per_px;
    }
    double dlat = v->centre_lat < 89 ? 0.05 : -0.05, ax, ay, bx, by;
    v->north_rad = 0;
    if (view_ll_to_px(v, v->centre_lon, v->centre_lat, &ax, &ay) &&
        view_ll_to_px(v, v->centre_lon, v->centre_lat + dlat, &bx, &by)) {
        v->north_rad = atan2(bx - ax, -(by - ay)) + (dlat < 0 ? M_PI : 0);
    }
    double span = fmax(v->ll[2] - v->ll[0], v->ll[3] - v->ll[1]);
    static const double steps[] = {0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 15, 20, 30, 45};
    v->grat_step_deg = 90;
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        if (span / steps[i] <= 8) {
            v->grat_step_deg = steps[i];
            break;
        }
    }
}

/* b grown by margin degrees, plus a tenth of its span, so that projected curvature of the box
 * edges never brings a culled edge into view. */
static void grow_box(const double b[4], double margin, double out[4])
{
    double mx = margin + (b[2] - b[0]) * 0.1, my = margin + (b[3] - b[1]) * 0.1;
    out[0] = b[0] - mx, out[1] = b[1] - my, out[2] = b[2] + mx, out[3] = b[3] + my;
}

/* The inset locator: the same centre, a region about five times wider. */
static incmap_status make_inset(incmap_ctx *ctx, incmap_render_view *v)
{
    v->inset_proj = incmap_proj_create_laea(ctx, v->centre_lon, v->centre_lat);
    if (v->inset_proj == NULL) {
        return incmap_ctx_status(ctx);
    }
    double fw_km = (v->frame[2] - v->frame[0]) * v->scale_km / fmax(v->scale_px, 1e-9);
    double span_m = fmin(fmax(fw_km * 3.2, 1600.0), 7000.0) * 1000.0;
    const double *ib = v->box[INCMAP_BOX_INSET];
    double aspect = (ib[3] - ib[1]) / (ib[2] - ib[0]);
    v->inset_map[0] = -span_m / 2, v->inset_map[2] = span_m / 2;
    v->inset_map[1] = -span_m * aspect / 2, v->inset_map[3] = span_m * aspect / 2;
    v->inset_px_per_unit = (ib[2] - ib[0]) / span_m;
    v->inset_tol_deg = 0.6 / v->inset_px_per_unit / 111000.0;
    rect_ll_bounds(v->inset_proj, v->inset_map, v->inset_ll);
    grow_box(v->inset_ll, 3.0, v->inset_cull);
    return INCMAP_OK;
}

incmap_render_view *incmap_render_view_create(incmap_ctx *ctx, const incmap_incidents *inc,
                                              const incmap_render_opts *opts)
{
    return view_create(ctx, inc, opts, NULL);
}

incmap_render_view *view_create(incmap_ctx *ctx, const incmap_incidents *inc,
                                const incmap_render_opts *opts, incmap_base *o)
{
    if (check_opts(ctx, opts) != INCMAP_OK || view_check_coords(ctx, inc) != INCMAP_OK) {
        return NULL;
    }
    incmap_render_view *v = calloc(1, sizeof *v);
    if (v == NULL) {
        incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory");
        return NULL;
    }
    v->width = opts->width_px, v->height = opts->height_px;
    v->dpi = opts->dpi;
    v->u = opts->dpi / 72.0 * view_size_scale(v->width, v->height);
    v->range_km = opts->range_km;
    render_style_defaults(&v->style);
    const char *style = opts->style_path ? opts->style_path : getenv("INCMAP_STYLE");
    if (style != NULL && style[0] != '\0' &&
        render_style_merge_file(ctx, &v->style, style) != INCMAP_OK) {
        goto fail;
    }
    view_read_disputed(ctx, v, o);
    if (render_names_load(ctx, &v->names, o) != INCMAP_OK ||
        view_index_build(ctx, v, inc) != INCMAP_OK ||
        view_make_titles(ctx, v, inc, opts) != INCMAP_OK || layout_page(ctx, v) != INCMAP_OK) {
        goto fail;
    }
    bounds llb = {{0}, false};
    if (opts->has_extent) {
        memcpy(llb.b, opts->extent_deg, sizeof llb.b);
        llb.any = true;
    } else if (!incidents_bounds(inc, opts, NULL, false, &llb)) {
        incmap_fail(ctx, INCMAP_ERR_INVALID_ARG,
                    "nothing to map: no located features and no extent given");
        goto fail;
    }
    v->centre_lon = (llb.b[0] + llb.b[2]) / 2, v->centre_lat = (llb.b[1] + llb.b[3]) / 2;
    v->proj = opts->crs ? incmap_proj_create(ctx, opts->crs)
                        : incmap_proj_create_laea(ctx, v->centre_lon, v->centre_lat);
    if (v->proj == NULL || (opts->crs && check_incidents_shown(ctx, v->proj, inc) != INCMAP_OK)) {
        goto fail;
    }
    bounds mb = {{0}, false};
    if (opts->has_extent) {
        double ring[2 * 4 * 16];
        box_boundary_ll(opts->extent_deg, ring, 16);
        bounds_add_ll(&mb, v->proj, ring, 4 * 16);
    } else {
        incidents_bounds(inc, opts, v->proj, true, &mb);
    }
    if (!mb.any || !(mb.b[2] >= mb.b[0]) || !(mb.b[3] >= mb.b[1])) {
        incmap_fail(ctx, INCMAP_ERR_INVALID_ARG, "the map extent cannot be projected to %s",
                    incmap_proj_def(v->proj));
        goto fail;
    }
    /* a second pass when the furniture fits nowhere inside the frame: the frame gives up a
     * column on the right for it, and the map is fitted again to the narrower frame */
    for (int pass = 0; pass < 2; pass++) {
        fit_extent(v, &mb, !opts->has_extent);
        rect_ll_bounds(v->proj, v->map, v->ll);
        grow_box(v->ll, 1.0, v->cull);
        derive_scale_and_north(v);
        if (v->scale_px > 0) { /* half a pixel at the centre, in degrees of latitude */
            v->tol_deg = 0.5 * v->scale_km / v->scale_px / 111.0;
        }
        if (view_index_mentions(ctx, v, inc) != INCMAP_OK) {
            goto fail;
        }
        v->legend = view_legend_entries(v, inc, opts);
        view_key_sites(v, inc, o);
        v->legend |= v->nsites > 0 ? LEG_KEY_SITE : 0;
        v->legend |= view_disputed_in_view(v) ? LEG_DISPUTED : 0;
        double column = view_layout_furniture(v, inc, pass == 1);
        if (pass == 1 || column <= 0) {
            break;
        }
        v->frame[2] -= column;
        memcpy(v->box[INCMAP_BOX_MAP], v->frame, sizeof v->frame);
    }
    if (make_inset(ctx, v) != INCMAP_OK) {
        goto fail;
    }
    return v;
fail:
    incmap_render_view_destroy(v);
    return NULL;
}

void incmap_render_view_destroy(incmap_render_view *v)
{
    if (v == NULL) {
        return;
    }
    incmap_proj_destroy(v->proj);
    incmap_proj_destroy(v->inset_proj);
    view_index_free(v);
    render_names_free(&v->names);
    base_features_free(&v->disputed);
    base_features_free(&v->lines);
    free(v->title);
    free(v->title_short);
    for (size_t i = 0; i < v->nsubtitle; i++) {
        free(v->subtitle[i]);
    }
    free(v);
}

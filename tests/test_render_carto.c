/* Cartography a news desk relies on (issue 11): "border crossed" is highlighted only near the
 * incident, the distance in the subtitle is the length of the arrow drawn (from the geometries,
 * not a stale distance_km property), a launch known only as a country is a hatched area with a
 * dashed arrow and no point symbol, and the extent fits the primary incident: neither a distant
 * second incident nor a country-level place stretches the map. The maps are drawn without a
 * base map, so every coloured pixel is an incident layer. */
#include "render/render_internal.h"
#include "testutil.h"

#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static incmap_incidents *load_json(incmap_ctx *ctx, const char *name, const char *json)
{
    incmap_incidents *inc = incmap_geojson_load(ctx, tmp_write(name, json));
    ck_assert_msg(inc != NULL, "%s", incmap_ctx_message(ctx));
    return inc;
}

static rcolor color_of(size_t off)
{
    render_style st;
    render_style_defaults(&st);
    return *(rcolor *)((char *)&st + off);
}

/* Pixel (x, y) within tol of colour c (cairo ARGB32 little-endian: B, G, R, A). */
static bool is_color(cairo_surface_t *s, double x, double y, rcolor c, int tol)
{
    int ix = (int)lround(x), iy = (int)lround(y);
    if (ix < 0 || iy < 0 || ix >= cairo_image_surface_get_width(s) ||
        iy >= cairo_image_surface_get_height(s)) {
        return false;
    }
    const unsigned char *p =
        cairo_image_surface_get_data(s) + iy * cairo_image_surface_get_stride(s) + 4 * ix;
    return abs(p[2] - (int)lround(c.r * 255)) <= tol && abs(p[1] - (int)lround(c.g * 255)) <= tol &&
           abs(p[0] - (int)lround(c.b * 255)) <= tol;
}

static bool color_within(cairo_surface_t *s, double x, double y, int r, rcolor c, int tol)
{
    for (int dy = -r; dy <= r; dy++) {
        for (int dx = -r; dx <= r; dx++) {
            if (is_color(s, x + dx, y + dy, c, tol)) {
                return true;
            }
        }
    }
    return false;
}

static cairo_surface_t *render_png(incmap_ctx *ctx, const incmap_incidents *inc,
                                   const incmap_render_opts *o, const char *name)
{
    const char *out = tmp_path(name);
    ck_assert_msg(incmap_render(ctx, NULL, inc, o, out) == INCMAP_OK, "%s",
                  incmap_ctx_message(ctx));
    cairo_surface_t *s = cairo_image_surface_create_from_png(out);
    ck_assert_int_eq(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    return s;
}

/* px distance from (x, y) to the segment a-b */
static double seg_dist(const double a[2], const double b[2], double x, double y)
{
    double dx = b[0] - a[0], dy = b[1] - a[1], l2 = dx * dx + dy * dy;
    double t = l2 > 0 ? ((x - a[0]) * dx + (y - a[1]) * dy) / l2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    return hypot(x - (a[0] + t * dx), y - (a[1] + t * dy));
}

/* A launch in Iraq, a town target in Syria, and the whole Iraq-Syria border (some 600 km) as
 * "border crossed"; the map is forced wide (--extent) so that most of the border is in view. */
static const char border_json[] =
    "{\"type\": \"FeatureCollection\", \"features\": ["
    "{\"type\": \"Feature\", \"properties\": {\"incident\": 1, \"role\": \"launch\", \"name\": "
    "\"Hill camp\", \"precision\": 1}, \"geometry\": {\"type\": \"Point\", \"coordinates\": "
    "[42.6, 36.65]}},"
    "{\"type\": \"Feature\", \"properties\": {\"incident\": 1, \"role\": \"target\", \"name\": "
    "\"River town\", \"precision\": 1}, \"geometry\": {\"type\": \"Point\", \"coordinates\": "
    "[41.0, 36.4]}},"
    "{\"type\": \"Feature\", \"properties\": {\"incident\": 1, \"role\": \"border\", \"name\": "
    "\"Long border\"}, \"geometry\": {\"type\": \"LineString\", \"coordinates\": "
    "[[42.3572, 37.11], [42.3768, 37.062], [41.8173, 36.5997], [41.4149, 36.5274], "
    "[41.3654, 36.4942], [41.277, 36.3548], [41.2366, 36.077], [41.3593, 35.7928], "
    "[41.358, 35.6239], [41.3085, 35.5522], [41.2519, 35.4641], [41.1923, 35.1589], "
    "[41.2042, 34.7931], [40.9653, 34.4019], [40.6905, 34.3315], [40.1731, 34.0723], "
    "[38.7745, 33.3717]]}}]}";

START_TEST(border_highlight_stays_in_the_corridor)
{
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_incidents *inc = load_json(ctx, "border.geojson", border_json);
    incmap_render_opts o = incmap_render_opts_default();
    o.has_extent = true;
    double ext[4] = {37.5, 32.5, 44.5, 38.0};
    memcpy(o.extent_deg, ext, sizeof ext);
    cairo_surface_t *s = render_png(ctx, inc, &o, "border.png");
    incmap_render_view *v = incmap_render_view_create(ctx, inc, &o);
    ck_assert_ptr_nonnull(v);
    double a[2], b[2], f[4];
    ck_assert(incmap_render_view_to_pixel(v, (incmap_lonlat){42.6, 36.65}, &a[0], &a[1]));
    ck_assert(incmap_render_view_to_pixel(v, (incmap_lonlat){41.0, 36.4}, &b[0], &b[1]));
    ck_assert(incmap_render_view_box(v, INCMAP_BOX_MAP, f));
    double len = hypot(b[0] - a[0], b[1] - a[1]);
    rcolor border = color_of(offsetof(render_style, border));
    const incmap_feature *bf = incmap_incidents_feature(inc, 2);
    size_t near = 0, near_hit = 0, far = 0, far_hit = 0;
    for (size_t i = 0; i + 1 < bf->geom->npoints; i++) {
        for (int k = 1; k < 8; k++) { /* points along each segment */
            double t = k / 8.0, x, y;
            incmap_lonlat m = {
                bf->geom->xy[2 * i] + t * (bf->geom->xy[2 * i + 2] - bf->geom->xy[2 * i]),
                bf->geom->xy[2 * i + 1] + t * (bf->geom->xy[2 * i + 3] - bf->geom->xy[2 * i + 1])};
            if (!incmap_render_view_to_pixel(v, m, &x, &y) || x < f[0] + 5 || x > f[2] - 5 ||
                y < f[1] + 5 || y > f[3] - 5) {
                continue;
            }
            double d = seg_dist(a, b, x, y);
            if (d < 0.3 * len) {
                near++, near_hit += color_within(s, x, y, 1, border, 12);
            } else if (d > 0.5 * len + 12) { /* beyond the corridor and the line's width */
                far++, far_hit += color_within(s, x, y, 1, border, 12);
            }
        }
    }
    ck_assert_uint_ge(near, 8);
    ck_assert_uint_ge(far, 30);
    ck_assert_uint_ge(near_hit * 10, near * 8); /* the stretch crossed is highlighted */
    ck_assert_uint_eq(far_hit, 0);              /* nothing beyond the corridor */
    cairo_surface_destroy(s);
    incmap_render_view_destroy(v);
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

/* The GeoJSON says distance_km 46 (as before an analyst moved the launch in QGIS); the map must
 * say what the arrow shows: the geodesic between the points it joins. */
START_TEST(subtitle_distance_is_the_arrow_drawn)
{
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_incidents *inc = load_json(
        ctx, "moved.geojson",
        "{\"type\": \"FeatureCollection\", \"features\": ["
        "{\"type\": \"Feature\", \"properties\": {\"incident\": 1, \"role\": \"launch\", \"name\": "
        "\"Moved hill\", \"precision\": 1, \"distance_km\": 46, \"bearing_deg\": 10}, "
        "\"geometry\": {\"type\": \"Point\", \"coordinates\": [43.0, 36.0]}},"
        "{\"type\": \"Feature\", \"properties\": {\"incident\": 1, \"role\": \"target\", \"name\": "
        "\"Depot\", \"precision\": 1, \"distance_km\": 46}, \"geometry\": {\"type\": \"Point\", "
        "\"coordinates\": [44.2, 34.1]}}]}");
    incmap_render_opts o = incmap_render_opts_default();
    cairo_surface_t *s = render_png(ctx, inc, &o, "moved.png");
    incmap_render_view *v = incmap_render_view_create(ctx, inc, &o);
    ck_assert_ptr_nonnull(v);
    double km = incmap_geod_inverse(43.0, 36.0, 44.2, 34.1, NULL) / 1000.0;
    const char *line = NULL;
    for (size_t i = 0; i < v->nsubtitle && line == NULL; i++) {
        line = strstr(v->subtitle[i], " km from ");
    }
    ck_assert_msg(line != NULL, "no distance in the subtitle");
    const char *num = line;
    while (num > v->subtitle[0] && (num[-1] == '.' || (num[-1] >= '0' && num[-1] <= '9'))) {
        num--;
    }
    double said = strtod(num, NULL);
    ck_assert_msg(fabs(said - km) <= 0.01 * km, "subtitle says %g km, the arrow is %g km", said,
                  km);
    ck_assert_ptr_nonnull(strstr(line, "from Moved hill to Depot"));
    /* and the arrow is drawn along that geodesic: its middle carries the arrow colour */
    double pts[6], x, y;
    incmap_geod_line(43.0, 36.0, 44.2, 34.1, 3, pts);
    ck_assert(incmap_render_view_to_pixel(v, (incmap_lonlat){pts[2], pts[3]}, &x, &y));
    ck_assert(color_within(s, x, y, 2, color_of(offsetof(render_style, arrow)), 10));
    cairo_surface_destroy(s);
    incmap_render_view_destroy(v);
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

/* A launch given only as a country (precision 3, a polygon): a hatched area in the launch colour,
 * no launch symbol at its centre, and a dashed arrow from it. */
START_TEST(vague_launch_is_a_hatched_area_with_a_dashed_arrow)
{
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_incidents *inc = load_json(
        ctx, "vague.geojson",
        "{\"type\": \"FeatureCollection\", \"features\": ["
        "{\"type\": \"Feature\", \"properties\": {\"incident\": 1, \"role\": \"launch\", \"name\": "
        "\"Landia\", \"kind\": \"country\", \"precision\": 3}, \"geometry\": {\"type\": "
        "\"Polygon\", \"coordinates\": [[[42.0, 35.0], [44.0, 35.0], [44.0, 36.6], [42.0, 36.6], "
        "[42.0, 35.0]]]}},"
        "{\"type\": \"Feature\", \"properties\": {\"incident\": 1, \"role\": \"target\", \"name\": "
        "\"Port\", \"precision\": 1}, \"geometry\": {\"type\": \"Point\", \"coordinates\": "
        "[39.0, 35.8]}}]}");
    incmap_render_opts o = incmap_render_opts_default();
    cairo_surface_t *s = render_png(ctx, inc, &o, "vague.png");
    incmap_render_view *v = incmap_render_view_create(ctx, inc, &o);
    ck_assert_ptr_nonnull(v);
    rcolor launch = color_of(offsetof(render_style, launch));
    rcolor arrow = color_of(offsetof(render_style, arrow));
    double x0, y0, x1, y1;
    ck_assert(incmap_render_view_to_pixel(v, (incmap_lonlat){42.1, 36.5}, &x0, &y0));
    ck_assert(incmap_render_view_to_pixel(v, (incmap_lonlat){43.9, 35.1}, &x1, &y1));
    /* hatch lines in the launch colour across the area, but the area is not filled solid */
    size_t n = 0, hit = 0;
    for (double y = y0 + 4; y < y1 - 4; y += 1) {
        for (double x = x0 + 4; x < x1 - 4; x += 3, n++) {
            hit += is_color(s, x, y, launch, 40);
        }
    }
    ck_assert_uint_gt(hit * 100, n * 4);
    ck_assert_uint_lt(hit * 100, n * 50);
    /* no point symbol at the centre: a symbol-sized box there is mostly not launch-coloured */
    double cx, cy;
    ck_assert(incmap_render_view_to_pixel(v, (incmap_lonlat){43.0, 35.8}, &cx, &cy));
    double h = v->style.sz_symbol * v->u * 0.3;
    size_t bn = 0, bhit = 0;
    for (double y = cy - h; y <= cy + h; y += 1) {
        for (double x = cx - h; x <= cx + h; x += 1, bn++) {
            bhit += is_color(s, x, y, launch, 40);
        }
    }
    ck_assert_uint_lt(bhit * 100, bn * 45);
    /* the arrow, sampled along its middle half, has gaps: it is dashed */
    double pts[2 * 41];
    double alon, alat;
    render_feature_anchor(incmap_incidents_feature(inc, 0), &alon, &alat);
    incmap_geod_line(alon, alat, 39.0, 35.8, 41, pts);
    size_t an = 0, ahit = 0;
    for (int i = 10; i <= 30; i++) {
        double x, y;
        ck_assert(
            incmap_render_view_to_pixel(v, (incmap_lonlat){pts[2 * i], pts[2 * i + 1]}, &x, &y));
        for (int k = 0; k < 4; k++, an++) { /* between geodesic points too */
            double lon = pts[2 * i] + k / 4.0 * (pts[2 * i + 2] - pts[2 * i]);
            double lat = pts[2 * i + 1] + k / 4.0 * (pts[2 * i + 3] - pts[2 * i + 1]);
            ck_assert(incmap_render_view_to_pixel(v, (incmap_lonlat){lon, lat}, &x, &y));
            ahit += color_within(s, x, y, 0, arrow, 40);
        }
    }
    ck_assert_uint_gt(ahit * 100, an * 30);
    ck_assert_uint_lt(ahit * 100, an * 85);
    cairo_surface_destroy(s);
    incmap_render_view_destroy(v);
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

/* The extent: a target given only as a large country does not pull the whole country into view
 * when the launch is a known town, and a second incident 2,000 km away is left to the subtitle. */
START_TEST(extent_fits_the_primary_incident)
{
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_incidents *inc = load_json(
        ctx, "extent.geojson",
        "{\"type\": \"FeatureCollection\", \"features\": ["
        "{\"type\": \"Feature\", \"properties\": {\"incident\": 1, \"role\": \"launch\", \"name\": "
        "\"Hill camp\", \"precision\": 1}, \"geometry\": {\"type\": \"Point\", \"coordinates\": "
        "[42.6, 36.65]}},"
        "{\"type\": \"Feature\", \"properties\": {\"incident\": 1, \"role\": \"site\", \"name\": "
        "\"Bigland\", \"kind\": \"country\", \"precision\": 3}, \"geometry\": {\"type\": "
        "\"Polygon\", \"coordinates\": [[[35.0, 29.0], [48.0, 29.0], [48.0, 38.0], [35.0, 38.0], "
        "[35.0, 29.0]]]}},"
        "{\"type\": \"Feature\", \"properties\": {\"incident\": 2, \"role\": \"site\", \"name\": "
        "\"Far pier\", \"precision\": 1}, \"geometry\": {\"type\": \"Point\", \"coordinates\": "
        "[20.0, 40.0]}}]}");
    incmap_render_opts o = incmap_render_opts_default();
    incmap_render_view *v = incmap_render_view_create(ctx, inc, &o);
    ck_assert_msg(v != NULL, "%s", incmap_ctx_message(ctx));
    double e[4];
    incmap_render_view_extent(v, e);
    ck_assert_double_lt(e[0], 42.6); /* the launch is in view */
    ck_assert_double_gt(e[2], 42.6);
    ck_assert_double_gt(e[0], 30.0); /* neither Bigland whole nor the far pier */
    ck_assert_double_lt(e[2] - e[0], 10.0);
    ck_assert_double_lt(e[3] - e[1], 8.0);
    bool also = false;
    for (size_t i = 0; i < v->nsubtitle; i++) {
        also |= strstr(v->subtitle[i], "Far pier") != NULL;
    }
    ck_assert_msg(also, "the far incident is not in the subtitle");
    incmap_render_view_destroy(v);
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

static Suite *carto_suite(void)
{
    Suite *s = suite_create("render_carto");
    TCase *tc = tcase_create("carto");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, border_highlight_stays_in_the_corridor);
    tcase_add_test(tc, subtitle_distance_is_the_arrow_drawn);
    tcase_add_test(tc, vague_launch_is_a_hatched_area_with_a_dashed_arrow);
    tcase_add_test(tc, extent_fits_the_primary_incident);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(carto_suite());
}

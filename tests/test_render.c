/* Map renderer: renders the example incidents (tests/fixtures/render) over a small base
 * GeoPackage made from the fixture GeoJSON, to PNG, SVG and PDF, and checks what a reader relies
 * on: the launch symbol's colour at the launch point's pixel, the border colour along the border,
 * the legend and scale bar drawn, a raster basemap visible, words in the SVG, and every bad input
 * failing with its status, a message and no output file. */
#include "render/render_internal.h"
#include "testutil.h"

#include <cairo.h>
#include <cpl_string.h>
#include <gdal.h>
#include <gdal_utils.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char base_gpkg[4096];
static incmap_incidents *load_text(incmap_ctx *ctx, const char *name, const char *json);

/* The base map GeoPackage: areas + places layers, like the gazetteer's. */
static void make_base(void)
{
    GDALAllRegister();
    snprintf(base_gpkg, sizeof base_gpkg, "%s", tmp_path("base.gpkg"));
    const char *layers[2][2] = {{"render/areas.geojson", "areas"},
                                {"render/places.geojson", "places"}};
    GDALDatasetH dst = NULL;
    for (int i = 0; i < 2; i++) {
        char src_path[4096];
        snprintf(src_path, sizeof src_path, "%s", fixture_path(layers[i][0]));
        GDALDatasetH src = GDALOpenEx(src_path, GDAL_OF_VECTOR, NULL, NULL, NULL);
        ck_assert_msg(src != NULL, "cannot open %s", src_path);
        char **argv = CSLAddString(NULL, "-f");
        argv = CSLAddString(argv, "GPKG");
        argv = CSLAddString(argv, "-nln");
        argv = CSLAddString(argv, layers[i][1]);
        if (i == 0) { /* places stay points */
            argv = CSLAddString(argv, "-nlt");
            argv = CSLAddString(argv, "PROMOTE_TO_MULTI");
        }
        GDALVectorTranslateOptions *o = GDALVectorTranslateOptionsNew(argv, NULL);
        int err = 0;
        GDALDatasetH out = i == 0 ? GDALVectorTranslate(base_gpkg, NULL, 1, &src, o, &err)
                                  : GDALVectorTranslate(NULL, dst, 1, &src, o, &err);
        ck_assert_ptr_nonnull(out);
        dst = out;
        GDALVectorTranslateOptionsFree(o);
        CSLDestroy(argv);
        GDALClose(src);
    }
    GDALClose(dst);
}

static incmap_incidents *example(incmap_ctx *ctx)
{
    incmap_incidents *inc = incmap_geojson_load(ctx, fixture_path("render/example.geojson"));
    ck_assert_msg(inc != NULL, "%s", incmap_ctx_message(ctx));
    return inc;
}

static bool near_color(const unsigned char *px, rcolor c, int tol)
{
    /* cairo ARGB32 little-endian: B, G, R, A; opaque here */
    return abs(px[2] - (int)lround(c.r * 255)) <= tol &&
           abs(px[1] - (int)lround(c.g * 255)) <= tol && abs(px[0] - (int)lround(c.b * 255)) <= tol;
}

static const unsigned char *pixel(cairo_surface_t *s, double x, double y)
{
    int ix = (int)lround(x), iy = (int)lround(y);
    ck_assert(ix >= 0 && iy >= 0 && ix < cairo_image_surface_get_width(s) &&
              iy < cairo_image_surface_get_height(s));
    return cairo_image_surface_get_data(s) + iy * cairo_image_surface_get_stride(s) + 4 * ix;
}

/* Share of pixels in box b that differ from colour bg. */
static double drawn_share(cairo_surface_t *s, const double b[4], rcolor bg)
{
    size_t n = 0, drawn = 0;
    for (int y = (int)b[1] + 1; y < (int)b[3] - 1; y++) {
        for (int x = (int)b[0] + 1; x < (int)b[2] - 1; x++, n++) {
            drawn += !near_color(pixel(s, x, y), bg, 6);
        }
    }
    return n ? (double)drawn / (double)n : 0;
}

static rcolor style_color(size_t off)
{
    render_style st;
    render_style_defaults(&st);
    return *(rcolor *)((char *)&st + off);
}

START_TEST(style_defaults_match_maps_style_json)
{
    incmap_ctx *ctx = incmap_ctx_create();
    render_style a, b;
    render_style_defaults(&a);
    render_style_defaults(&b);
    memset(&b.sea, 0, sizeof b.sea); /* the file must set it back */
    char path[4096];
    snprintf(path, sizeof path, "%s/../../maps/style.json", fixture_path(""));
    ck_assert_int_eq(render_style_merge_file(ctx, &b, path), INCMAP_OK);
    ck_assert_mem_eq(&a, &b, sizeof a);
    incmap_ctx_destroy(ctx);
}
END_TEST

START_TEST(style_partial_merge_and_errors)
{
    incmap_ctx *ctx = incmap_ctx_create();
    render_style st, orig;
    render_style_defaults(&st);
    orig = st;
    const char *ok = "{\"colors\": {\"launch\": \"#112233\"}, \"sizes\": {\"title\": 30}}";
    ck_assert_int_eq(render_style_merge_json(ctx, &st, ok, strlen(ok), "t"), INCMAP_OK);
    ck_assert_double_eq_tol(st.launch.r, 0x11 / 255.0, 1e-9);
    ck_assert_double_eq(st.sz_title, 30);
    ck_assert_double_eq(st.sz_label, orig.sz_label);
    const char *bad_key = "{\"colors\": {\"lanch\": \"#112233\"}}";
    ck_assert_int_eq(render_style_merge_json(ctx, &st, bad_key, strlen(bad_key), "t"),
                     INCMAP_ERR_PARSE);
    ck_assert_ptr_nonnull(strstr(incmap_ctx_message(ctx), "colors.lanch"));
    const char *bad_val = "{\"colors\": {\"sea\": \"blue\"}}";
    ck_assert_int_eq(render_style_merge_json(ctx, &st, bad_val, strlen(bad_val), "t"),
                     INCMAP_ERR_PARSE);
    ck_assert_int_eq(render_style_merge_json(ctx, &st, "{", 1, "t"), INCMAP_ERR_PARSE);
    ck_assert_double_eq_tol(st.launch.r, 0x11 / 255.0, 1e-9); /* failed merges change nothing */
    incmap_ctx_destroy(ctx);
}
END_TEST

START_TEST(png_launch_border_legend_scale)
{
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_incidents *inc = example(ctx);
    incmap_render_opts o = incmap_render_opts_default();
    const char *out = tmp_path("example.png");
    ck_assert_msg(incmap_render(ctx, base_gpkg, inc, &o, out) == INCMAP_OK, "%s",
                  incmap_ctx_message(ctx));
    cairo_surface_t *s = cairo_image_surface_create_from_png(out);
    ck_assert_int_eq(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    ck_assert_int_eq(cairo_image_surface_get_width(s), 1600);
    ck_assert_int_eq(cairo_image_surface_get_height(s), 1200);
    incmap_render_view *v = incmap_render_view_create(ctx, inc, &o);
    ck_assert_ptr_nonnull(v);
    double x, y;
    ck_assert(incmap_render_view_to_pixel(v, (incmap_lonlat){42.6, 36.65}, &x, &y));
    ck_assert(near_color(pixel(s, x, y), style_color(offsetof(render_style, launch)), 8));
    /* the border: most points along it near the incident (in the corridor highlighted, well
     * inside it) carry the border colour */
    const incmap_feature *b = NULL;
    for (size_t i = 0; i < incmap_incidents_feature_count(inc); i++) {
        if (incmap_incidents_feature(inc, i)->role == INCMAP_ROLE_BORDER) {
            b = incmap_incidents_feature(inc, i);
        }
    }
    ck_assert_ptr_nonnull(b);
    double c[5];
    ck_assert(render_border_corridor(v, inc, b->incident, c));
    size_t hits = 0, tried = 0;
    for (size_t i = 0; i + 1 < 8 * (b->geom->npoints - 1); i++) {
        size_t j = i / 8;
        double t = (double)(i % 8) / 8.0;
        incmap_lonlat m = {b->geom->xy[2 * j] + t * (b->geom->xy[2 * j + 2] - b->geom->xy[2 * j]),
                           b->geom->xy[2 * j + 1] +
                               t * (b->geom->xy[2 * j + 3] - b->geom->xy[2 * j + 1])};
        double f[4], dx = c[2] - c[0], dy = c[3] - c[1];
        incmap_render_view_box(v, INCMAP_BOX_MAP, f);
        bool in_frame = incmap_render_view_to_pixel(v, m, &x, &y) && x > f[0] && x < f[2] &&
                        y > f[1] && y < f[3];
        double s0 = fmin(fmax(((x - c[0]) * dx + (y - c[1]) * dy) / (dx * dx + dy * dy), 0), 1);
        if (in_frame && hypot(x - c[0] - s0 * dx, y - c[1] - s0 * dy) < c[4] - 6) {
            tried++;
            hits += near_color(pixel(s, x, y), style_color(offsetof(render_style, border)), 12);
        }
    }
    ck_assert_uint_ge(tried, 8);
    ck_assert_uint_ge(hits * 10, tried * 8);
    double box[4];
    rcolor white = {1, 1, 1, 1};
    ck_assert(incmap_render_view_box(v, INCMAP_BOX_LEGEND, box));
    ck_assert_double_gt(drawn_share(s, box, white), 0.03);
    ck_assert(incmap_render_view_box(v, INCMAP_BOX_SCALE_BAR, box));
    ck_assert_double_gt(drawn_share(s, box, white), 0.05);
    ck_assert(incmap_render_view_box(v, INCMAP_BOX_INSET, box));
    ck_assert_double_gt(drawn_share(s, box, white), 0.5);
    /* the inset's countries (drawn by a second thread for PNG) and its sea are both there */
    double land = 1 - drawn_share(s, box, style_color(offsetof(render_style, inset_land)));
    double sea = 1 - drawn_share(s, box, style_color(offsetof(render_style, inset_sea)));
    ck_assert_double_gt(land, 0.15);
    ck_assert_double_gt(sea, 0.15);
    cairo_surface_destroy(s);
    incmap_render_view_destroy(v);
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

/* not inlined: gcc -O3 takes the ctx's message buffer for the returned one and warns of a
 * dangling pointer in the callers (-Wdangling-pointer false positive) */
__attribute__((noinline)) static char *slurp(const char *path, size_t *len)
{
    char *buf = NULL;
    incmap_ctx *ctx = incmap_ctx_create();
    ck_assert_int_eq(incmap_read_file(ctx, path, 64u << 20, &buf, len), INCMAP_OK);
    incmap_ctx_destroy(ctx);
    return buf;
}

START_TEST(svg_has_words_and_pdf_is_a_pdf)
{
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_incidents *inc = example(ctx);
    incmap_render_opts o = incmap_render_opts_default();
    const char *svg = tmp_path("example.svg"), *pdf = tmp_path("example.pdf");
    o.has_extent = true; /* wide enough for Mosul and Babil */
    memcpy(o.extent_deg, (double[4]){38.5, 32.0, 45.5, 37.5}, 4 * sizeof(double));
    ck_assert_msg(incmap_render(ctx, base_gpkg, inc, &o, svg) == INCMAP_OK, "%s",
                  incmap_ctx_message(ctx));
    size_t len = 0;
    char *text = slurp(svg, &len);
    ck_assert_ptr_nonnull(strstr(text, "<svg"));
    ck_assert_ptr_nonnull(strstr(text, "Zummar"));
    ck_assert_ptr_nonnull(
        strstr(text, "<title>Rocket attack from Zummar, Iraq, toward northeastern Syria, 21 April "
                     "2024"));
    ck_assert_ptr_nonnull(strstr(text, "GeoNames (CC BY 4.0)"));
    ck_assert_ptr_nonnull(strstr(text, "Babil Governorate"));
    ck_assert_ptr_null(strstr(text, "Washington")); /* off the map: not labelled */
    /* context labels come from living towns only: the PPLX city section that GeoNames gives a
     * larger population than Mosul itself must not take Mosul's place */
    ck_assert_ptr_nonnull(strstr(text, ">Mosul<"));
    ck_assert_ptr_null(strstr(text, "Mawsil"));
    free(text);
    o.title = "Custom <title> & more";
    ck_assert_int_eq(incmap_render(ctx, base_gpkg, inc, &o, pdf), INCMAP_OK);
    text = slurp(pdf, &len);
    ck_assert_uint_gt(len, 20000);
    ck_assert_int_eq(memcmp(text, "%PDF-", 5), 0);
    ck_assert_ptr_nonnull(strstr(text + len - 1024, "%%EOF"));
    free(text);
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

/* A 4-band GeoTIFF in EPSG:4326 over the map, solid magenta. */
static const char *make_tiff(void)
{
    const char *path = tmp_path("basemap.tif");
    GDALDriverH drv = GDALGetDriverByName("GTiff");
    GDALDatasetH ds = GDALCreate(drv, path, 90, 80, 3, GDT_Byte, NULL);
    ck_assert_ptr_nonnull(ds);
    double gt[6] = {37.0, 0.1, 0, 39.0, 0, -0.1};
    GDALSetGeoTransform(ds, gt);
    GDALSetProjection(
        ds, "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,"
            "298.257223563]],PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]]");
    unsigned char row[90];
    const unsigned char val[3] = {255, 0, 255};
    for (int b = 1; b <= 3; b++) {
        memset(row, val[b - 1], sizeof row);
        for (int y = 0; y < 80; y++) {
            ck_assert_int_eq(GDALRasterIO(GDALGetRasterBand(ds, b), GF_Write, 0, y, 90, 1, row, 90,
                                          1, GDT_Byte, 0, 0),
                             CE_None);
        }
    }
    GDALClose(ds);
    return path;
}

START_TEST(raster_basemap_is_visible)
{
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_incidents *inc = example(ctx);
    incmap_render_opts o = incmap_render_opts_default();
    char tif[4096];
    snprintf(tif, sizeof tif, "%s", make_tiff());
    o.basemap = tif;
    const char *out = tmp_path("basemap.png");
    ck_assert_msg(incmap_render(ctx, base_gpkg, inc, &o, out) == INCMAP_OK, "%s",
                  incmap_ctx_message(ctx));
    cairo_surface_t *s = cairo_image_surface_create_from_png(out);
    incmap_render_view *v = incmap_render_view_create(ctx, inc, &o);
    double f[4];
    incmap_render_view_box(v, INCMAP_BOX_MAP, f);
    rcolor magenta = {1, 0, 1, 1};
    size_t n = 0, hit = 0;
    for (int y = (int)f[1] + 2; y < f[3] - 2; y += 7) {
        for (int x = (int)f[0] + 2; x < f[2] - 2; x += 7, n++) {
            hit += near_color(pixel(s, x, y), magenta, 10);
        }
    }
    ck_assert_msg(hit * 100 > n * 30, "magenta in %zu of %zu samples", hit, n);
    cairo_surface_destroy(s);
    incmap_render_view_destroy(v);
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

START_TEST(arabic_label_shapes)
{
    /* the style's fonts cover Arabic: no missing glyphs, right-to-left */
    render_style st;
    render_style_defaults(&st);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 10, 10);
    cairo_t *cr = cairo_create(s);
    PangoLayout *l = pango_cairo_create_layout(cr);
    PangoFontDescription *fd = pango_font_description_from_string(st.font);
    pango_layout_set_font_description(l, fd);
    const char *zummar = "\xd8\xb2\xd9\x85\xd8\xa7\xd8\xb1"; /* Zummar in Arabic script */
    pango_layout_set_text(l, zummar, -1);
    ck_assert_int_eq(pango_layout_get_unknown_glyphs_count(l), 0);
    ck_assert_int_eq(pango_layout_get_direction(l, 0), PANGO_DIRECTION_RTL);
    pango_font_description_free(fd);
    g_object_unref(l);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    /* and a render with an Arabic name keeps it in the SVG text */
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_incidents *inc = incmap_incidents_create(ctx);
    incmap_feature f = incmap_feature_init();
    f.incident = 1;
    f.role = INCMAP_ROLE_LAUNCH;
    f.name = (char *)zummar;
    f.geom = incmap_geom_point(42.6, 36.65);
    ck_assert_int_eq(incmap_incidents_add(inc, ctx, &f), INCMAP_OK);
    incmap_geom_destroy(f.geom);
    incmap_render_opts o = incmap_render_opts_default();
    const char *svg = tmp_path("arabic.svg");
    ck_assert_msg(incmap_render(ctx, NULL, inc, &o, svg) == INCMAP_OK, "%s",
                  incmap_ctx_message(ctx));
    size_t len;
    char *text = slurp(svg, &len);
    ck_assert_ptr_nonnull(strstr(text, zummar));
    free(text);
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

START_TEST(extent_fits_roles_not_mentions)
{
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_incidents *inc = example(ctx);
    incmap_render_opts o = incmap_render_opts_default();
    incmap_render_view *v = incmap_render_view_create(ctx, inc, &o);
    double e[4];
    incmap_render_view_extent(v, e);
    ck_assert_double_gt(e[0], 30); /* Washington is a mention: it does not stretch the map */
    /* the launch and the target area are in view; neither the far end of the border crossed
     * (38.77 E) nor the second incident (Babil, 32.55 N, a line in the subtitle) stretches it */
    ck_assert_double_lt(e[0], 40.0);
    ck_assert_double_gt(e[0], 38.78);
    ck_assert_double_gt(e[2], 42.6);
    ck_assert_double_lt(e[1], 35.7);
    ck_assert_double_gt(e[1], 32.55);
    ck_assert_double_gt(e[3], 36.95);
    ck_assert_ptr_nonnull(strstr(incmap_render_view_crs(v), "+proj=laea"));
    incmap_render_view_destroy(v);
    incmap_incidents_destroy(inc);
    /* a single point gets a minimum extent */
    inc = incmap_incidents_create(ctx);
    incmap_feature f = incmap_feature_init();
    f.incident = 1;
    f.role = INCMAP_ROLE_SITE;
    f.geom = incmap_geom_point(44.0, 33.0);
    incmap_incidents_add(inc, ctx, &f);
    incmap_geom_destroy(f.geom);
    v = incmap_render_view_create(ctx, inc, &o);
    incmap_render_view_extent(v, e);
    ck_assert_double_gt(e[3] - e[1], 1.5);
    double x, y, box[4];
    incmap_render_view_to_pixel(v, (incmap_lonlat){44.0, 33.0}, &x, &y);
    incmap_render_view_box(v, INCMAP_BOX_MAP, box);
    ck_assert_double_eq_tol(x, (box[0] + box[2]) / 2, 1.0); /* centred */
    ck_assert_double_eq_tol(y, (box[1] + box[3]) / 2, 1.0);
    incmap_render_view_destroy(v);
    /* --extent overrides; --crs takes EPSG codes and PROJ strings */
    o.has_extent = true;
    double ext[4] = {40, 30, 50, 38};
    memcpy(o.extent_deg, ext, sizeof ext);
    o.crs = "EPSG:3857";
    v = incmap_render_view_create(ctx, inc, &o);
    ck_assert_msg(v != NULL, "%s", incmap_ctx_message(ctx));
    incmap_render_view_extent(v, e);
    ck_assert_double_le(e[0], 40.01);
    ck_assert_double_ge(e[2], 49.99);
    ck_assert_double_eq_tol(v->north_rad, 0, 1e-6);
    incmap_render_view_destroy(v);
    o.crs = "+proj=tmerc +lon_0=30 +datum=WGS84"; /* 14 degrees off: north leans */
    v = incmap_render_view_create(ctx, inc, &o);
    ck_assert_msg(v != NULL, "%s", incmap_ctx_message(ctx));
    ck_assert_double_gt(fabs(v->north_rad), 0.05);
    incmap_render_view_destroy(v);
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

START_TEST(scale_bar_is_round_and_true)
{
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_incidents *inc = example(ctx);
    incmap_render_opts o = incmap_render_opts_default();
    incmap_render_view *v = incmap_render_view_create(ctx, inc, &o);
    double k = v->scale_km;
    while (k >= 10) {
        k /= 10;
    }
    ck_assert(fabs(k - 1) < 1e-9 || fabs(k - 2) < 1e-9 || fabs(k - 5) < 1e-9);
    /* measure the bar's length on the ground at the centre, with geodesics */
    double cx = (v->frame[0] + v->frame[2]) / 2, cy = (v->frame[1] + v->frame[3]) / 2;
    double mx = v->map[0] + (cx - v->frame[0]) / v->px_per_unit;
    double my = v->map[1] + (v->frame[3] - cy) / v->px_per_unit;
    double half = v->scale_px / 2 / v->px_per_unit, lon1, lat1, lon2, lat2;
    ck_assert(incmap_proj_inv(v->proj, mx - half, my, &lon1, &lat1));
    ck_assert(incmap_proj_inv(v->proj, mx + half, my, &lon2, &lat2));
    double km = incmap_geod_inverse(lon1, lat1, lon2, lat2, NULL) / 1000;
    ck_assert_double_eq_tol(km, v->scale_km, v->scale_km * 0.005);
    incmap_render_view_destroy(v);
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

/* Each bad input: its status, a message naming the problem, and no file at the output path. */
static void expect_fail(incmap_render_opts o, const char *gpkg, const incmap_incidents *inc,
                        const char *out, incmap_status want, const char *words)
{
    incmap_ctx *ctx = incmap_ctx_create();
    unlink(out);
    ck_assert_int_eq(incmap_render(ctx, gpkg, inc, &o, out), want);
    ck_assert_msg(strstr(incmap_ctx_message(ctx), words) != NULL, "message '%s' lacks '%s'",
                  incmap_ctx_message(ctx), words);
    ck_assert_msg(access(out, F_OK) != 0, "%s exists after a failed render", out);
    incmap_ctx_destroy(ctx);
}

START_TEST(bad_input_fails_cleanly)
{
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_incidents *inc = example(ctx);
    incmap_render_opts d = incmap_render_opts_default(), o;
    const char *out = tmp_path("bad.png");
    o = d, o.crs = "EPSG:999999";
    expect_fail(o, NULL, inc, out, INCMAP_ERR_INVALID_ARG, "unknown CRS");
    o = d, o.crs = "+proj=nonsense";
    expect_fail(o, NULL, inc, out, INCMAP_ERR_INVALID_ARG, "unknown CRS");
    o = d, o.has_extent = true, o.extent_deg[0] = 45, o.extent_deg[1] = 30, o.extent_deg[2] = 40,
    o.extent_deg[3] = 35;
    expect_fail(o, NULL, inc, out, INCMAP_ERR_INVALID_ARG, "inverted");
    o.extent_deg[0] = 40, o.extent_deg[2] = 40;
    expect_fail(o, NULL, inc, out, INCMAP_ERR_INVALID_ARG, "empty");
    o = d, o.width_px = 0;
    expect_fail(o, NULL, inc, out, INCMAP_ERR_INVALID_ARG, "size");
    o = d, o.height_px = -5;
    expect_fail(o, NULL, inc, out, INCMAP_ERR_INVALID_ARG, "size");
    o = d, o.width_px = 40000;
    expect_fail(o, NULL, inc, out, INCMAP_ERR_INVALID_ARG, "16384");
    o = d, o.width_px = 16000, o.height_px = 16000;
    expect_fail(o, NULL, inc, out, INCMAP_ERR_INVALID_ARG, "pixels");
    o = d, o.dpi = 0;
    expect_fail(o, NULL, inc, out, INCMAP_ERR_INVALID_ARG, "dpi");
    o = d, o.basemap = "/nonexistent/hillshade.tif";
    expect_fail(o, NULL, inc, out, INCMAP_ERR_IO, "/nonexistent/hillshade.tif");
    o = d, o.style_path = "/nonexistent/style.json";
    expect_fail(o, NULL, inc, out, INCMAP_ERR_IO, "/nonexistent/style.json");
    expect_fail(d, "/nonexistent/base.gpkg", inc, out, INCMAP_ERR_IO, "base.gpkg");
    expect_fail(d, NULL, inc, "/nonexistent-dir/map.png", INCMAP_ERR_IO, "/nonexistent-dir");
    expect_fail(d, NULL, inc, tmp_path("map.jpg"), INCMAP_ERR_INVALID_ARG, ".png");
    /* a coordinate out of range, and non-finite */
    incmap_incidents *bad = incmap_incidents_create(ctx);
    incmap_feature f = incmap_feature_init();
    f.incident = 1;
    f.role = INCMAP_ROLE_LAUNCH;
    char nowhere[] = "Nowhere";
    f.name = nowhere;
    f.geom = incmap_geom_point(42.0, 95.0);
    incmap_incidents_add(bad, ctx, &f);
    expect_fail(d, NULL, bad, out, INCMAP_ERR_PARSE, "Nowhere");
    f.geom->xy[1] = NAN;
    incmap_incidents *bad2 = incmap_incidents_create(ctx);
    incmap_incidents_add(bad2, ctx, &f);
    expect_fail(d, NULL, bad2, out, INCMAP_ERR_PARSE, "not a valid");
    incmap_geom_destroy(f.geom);
    /* nothing located and no extent */
    incmap_incidents *empty = incmap_incidents_create(ctx);
    expect_fail(d, NULL, empty, out, INCMAP_ERR_INVALID_ARG, "nothing to map");
    incmap_incidents_destroy(empty);
    incmap_incidents_destroy(bad2);
    incmap_incidents_destroy(bad);
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

/* Text, symbols and lines scale with --dpi and with the image: 3200x2400 is 1600x1200 drawn
 * twice as large (the same layout), and 800x600 is damped (0.71, not 0.5) to stay legible. */
START_TEST(dpi_scales_text_and_sizes_are_honoured)
{
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_incidents *inc = example(ctx);
    incmap_render_opts o = incmap_render_opts_default();
    incmap_render_view *v1 = incmap_render_view_create(ctx, inc, &o);
    o.dpi = 192;
    incmap_render_view *v2 = incmap_render_view_create(ctx, inc, &o);
    o.dpi = 96, o.width_px = 3200, o.height_px = 2400;
    incmap_render_view *v3 = incmap_render_view_create(ctx, inc, &o);
    o.width_px = 800, o.height_px = 600;
    incmap_render_view *v4 = incmap_render_view_create(ctx, inc, &o);
    ck_assert(v1 && v2 && v3 && v4);
    double l1[4], l2[4], l3[4], l4[4], t1[4], t3[4];
    ck_assert(incmap_render_view_box(v1, INCMAP_BOX_LEGEND, l1));
    ck_assert(incmap_render_view_box(v2, INCMAP_BOX_LEGEND, l2));
    ck_assert(incmap_render_view_box(v3, INCMAP_BOX_LEGEND, l3));
    ck_assert(incmap_render_view_box(v4, INCMAP_BOX_LEGEND, l4));
    ck_assert_double_eq_tol((l2[2] - l2[0]) / (l1[2] - l1[0]), 2.0, 1e-6);
    for (int i = 0; i < 4; i++) { /* twice the pixels: the same page, twice as large */
        ck_assert_double_eq_tol(l3[i], 2 * l1[i], 1e-6);
    }
    incmap_render_view_box(v1, INCMAP_BOX_TITLE, t1);
    incmap_render_view_box(v3, INCMAP_BOX_TITLE, t3);
    ck_assert_double_eq_tol((t3[3] - t3[1]) / (t1[3] - t1[1]), 2.0, 1e-6);
    ck_assert_double_eq_tol((l4[2] - l4[0]) / (l1[2] - l1[0]), sqrt(0.5), 1e-6);
    const char *out = tmp_path("small.png");
    o.dpi = 96, o.width_px = 640, o.height_px = 480;
    ck_assert_int_eq(incmap_render(ctx, NULL, inc, &o, out), INCMAP_OK);
    cairo_surface_t *s = cairo_image_surface_create_from_png(out);
    ck_assert_int_eq(cairo_image_surface_get_width(s), 640);
    ck_assert_int_eq(cairo_image_surface_get_height(s), 480);
    cairo_surface_destroy(s);
    incmap_render_view_destroy(v1);
    incmap_render_view_destroy(v2);
    incmap_render_view_destroy(v3);
    incmap_render_view_destroy(v4);
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

/* Pixel boxes of what the map draws for the incidents, from their geometry: each symbol, and
 * the arrows' geodesics, border lines and area outlines sampled every 3 px. */
typedef struct {
    double (*b)[4];
    size_t n, cap;
} boxlist;

static void box_add(boxlist *bl, double x, double y, double h)
{
    if (bl->n == bl->cap) {
        bl->cap = bl->cap ? 2 * bl->cap : 256;
        bl->b = realloc(bl->b, bl->cap * sizeof *bl->b);
        ck_assert_ptr_nonnull(bl->b);
    }
    double *b = bl->b[bl->n++];
    b[0] = x - h, b[1] = y - h, b[2] = x + h, b[3] = y + h;
}

static void run_add(boxlist *bl, const incmap_render_view *v, const double *ll, size_t n,
                    bool close, double h)
{
    double px = 0, py = 0;
    for (size_t i = 0; i < n + (close ? 1 : 0); i++) {
        double x, y;
        size_t k = i % n;
        if (!incmap_render_view_to_pixel(v, (incmap_lonlat){ll[2 * k], ll[2 * k + 1]}, &x, &y)) {
            continue;
        }
        double len = i ? hypot(x - px, y - py) : 0;
        for (double t = 0; t < len; t += 3) {
            box_add(bl, px + (x - px) * t / len, py + (y - py) * t / len, h);
        }
        box_add(bl, x, y, h);
        px = x, py = y;
    }
}

static void incident_boxes(const incmap_render_view *v, const incmap_incidents *inc, boxlist *bl)
{
    double u = v->u, s = v->style.sz_symbol * u;
    for (size_t i = 0; i < incmap_incidents_feature_count(inc); i++) {
        const incmap_feature *f = incmap_incidents_feature(inc, i);
        const incmap_geom *g = f->geom;
        double lon, lat, x, y;
        if (f->role == INCMAP_ROLE_MENTION || g->npoints == 0) {
            continue; /* context mentions are not incident features */
        }
        if (g->type != INCMAP_GEOM_POINT) {
            size_t start = 0;
            for (size_t r = 0; r < g->nrings; r++) {
                run_add(bl, v, g->xy + 2 * start, g->ring_end[r] - start,
                        g->type == INCMAP_GEOM_POLYGON || g->type == INCMAP_GEOM_MULTIPOLYGON,
                        f->role == INCMAP_ROLE_BORDER ? v->style.w_border * u : 1.5 * u);
                start = g->ring_end[r];
            }
        }
        render_feature_anchor(f, &lon, &lat);
        if (f->role != INCMAP_ROLE_BORDER &&
            incmap_render_view_to_pixel(v, (incmap_lonlat){lon, lat}, &x, &y)) {
            box_add(bl, x, y, s * 0.62);
        }
        const incmap_feature *tg = NULL;
        for (size_t k = 0; f->role == INCMAP_ROLE_LAUNCH && k < incmap_incidents_feature_count(inc);
             k++) {
            const incmap_feature *c = incmap_incidents_feature(inc, k);
            if (c->role == INCMAP_ROLE_TARGET && c->incident == f->incident && tg == NULL) {
                tg = c;
            }
        }
        if (tg != NULL) {
            double lon2, lat2, line[2 * 64];
            render_feature_anchor(tg, &lon2, &lat2);
            incmap_geod_line(lon, lat, lon2, lat2, 64, line);
            run_add(bl, v, line, 64, false, v->style.w_arrow * u);
        }
    }
}

static bool boxes_overlap(const double a[4], const double b[4])
{
    return a[0] < b[2] && a[2] > b[0] && a[1] < b[3] && a[3] > b[1];
}

/* What the render's debug log says it drew: the incident labels' boxes and the furniture's
 * boxes as drawn (after every change the drawing made to them). */
typedef struct {
    boxlist labels;
    double box[RENDER_NBOX][4];
    bool has[RENDER_NBOX];
} layout_log;

static void collect_log(void *user, incmap_log_level level, const char *msg)
{
    (void)level;
    layout_log *lg = user;
    double b[4];
    char name[16];
    static const char *const names[RENDER_NBOX] = {"map",   "title", "legend",
                                                   "scale", "north", "inset"};
    if (sscanf(msg, "render: label %lf %lf %lf %lf", &b[0], &b[1], &b[2], &b[3]) == 4) {
        box_add(&lg->labels, (b[0] + b[2]) / 2, (b[1] + b[3]) / 2, 0);
        double *d = lg->labels.b[lg->labels.n - 1];
        memcpy(d, b, sizeof b);
    } else if (sscanf(msg, "render: box %15s %lf %lf %lf %lf", name, &b[0], &b[1], &b[2], &b[3]) ==
               5) {
        for (int k = 0; k < RENDER_NBOX; k++) {
            if (strcmp(name, names[k]) == 0) {
                memcpy(lg->box[k], b, sizeof b);
                lg->has[k] = true;
            }
        }
    }
}

/* No furniture box as drawn (from the render's log) covers an incident feature of the view v
 * or an incident label the render placed. */
static void assert_furniture_clear(const layout_log *lg, const incmap_render_view *v,
                                   const incmap_incidents *inc, const char *what)
{
    static const incmap_render_box furniture[] = {INCMAP_BOX_LEGEND, INCMAP_BOX_INSET,
                                                  INCMAP_BOX_SCALE_BAR, INCMAP_BOX_NORTH_ARROW};
    boxlist feats = {0};
    incident_boxes(v, inc, &feats);
    ck_assert_uint_gt(feats.n, 10);
    ck_assert_uint_ge(lg->labels.n, 2);
    ck_assert_msg(lg->has[INCMAP_BOX_SCALE_BAR], "%s: the render logs its boxes", what);
    for (size_t k = 0; k < sizeof furniture / sizeof furniture[0]; k++) {
        const double *fb = lg->box[furniture[k]];
        if (!lg->has[furniture[k]]) {
            continue;
        }
        for (size_t i = 0; i < feats.n; i++) {
            ck_assert_msg(!boxes_overlap(fb, feats.b[i]),
                          "%s: box %d (%.0f %.0f %.0f %.0f) covers an incident feature at %.0f "
                          "%.0f",
                          what, (int)furniture[k], fb[0], fb[1], fb[2], fb[3], feats.b[i][0],
                          feats.b[i][1]);
        }
        for (size_t i = 0; i < lg->labels.n; i++) {
            ck_assert_msg(!boxes_overlap(fb, lg->labels.b[i]),
                          "%s: box %d covers an incident label at %.0f %.0f", what,
                          (int)furniture[k], lg->labels.b[i][0], lg->labels.b[i][1]);
        }
    }
    free(feats.b);
}

/* The legend, inset, scale bar and north arrow cover no incident feature (symbol, arrow,
 * border, area outline) and no incident label, at 800x600, 1600x1200 and 3000x2000, on the
 * example and on incidents placed where the furniture would go by default (the launch in the
 * bottom-left corner, the target in the top right) or everywhere it could go (then the furniture
 * goes to a column beside the map). */
START_TEST(furniture_covers_no_incident_feature)
{
    static const char *const fixtures[] = {"render/example.geojson",
                                           "render/layout-diagonal.geojson",
                                           "render/layout-crowded.geojson"};
    static const int sizes[][2] = {{800, 600}, {1600, 1200}, {3000, 2000}};
    for (size_t fx = 0; fx < 3; fx++) {
        for (size_t sz = 0; sz < 3; sz++) {
            incmap_ctx *ctx = incmap_ctx_create();
            layout_log lg = {0};
            incmap_ctx_set_log(ctx, collect_log, &lg, INCMAP_LOG_DEBUG);
            incmap_incidents *inc = incmap_geojson_load(ctx, fixture_path(fixtures[fx]));
            ck_assert_msg(inc != NULL, "%s", incmap_ctx_message(ctx));
            incmap_render_opts o = incmap_render_opts_default();
            o.width_px = sizes[sz][0], o.height_px = sizes[sz][1];
            ck_assert_msg(incmap_render(ctx, base_gpkg, inc, &o, tmp_path("layout.png")) ==
                              INCMAP_OK,
                          "%s", incmap_ctx_message(ctx));
            incmap_render_view *v = incmap_render_view_create(ctx, inc, &o);
            ck_assert_ptr_nonnull(v);
            char what[96];
            snprintf(what, sizeof what, "%s at %dx%d", fixtures[fx], o.width_px, o.height_px);
            assert_furniture_clear(&lg, v, inc, what);
            double frame[4];
            incmap_render_view_box(v, INCMAP_BOX_MAP, frame);
            if (fx == 2 && sz < 2) { /* 4:3, nowhere inside the frame: beside the map */
                ck_assert(lg.has[INCMAP_BOX_LEGEND]);
                ck_assert_double_ge(lg.box[INCMAP_BOX_LEGEND][0], frame[2]);
                ck_assert_double_le(lg.box[INCMAP_BOX_LEGEND][2], o.width_px);
            }
            free(lg.labels.b);
            incmap_render_view_destroy(v);
            incmap_incidents_destroy(inc);
            incmap_ctx_destroy(ctx);
        }
    }
}
END_TEST

/* The base map plus a boundary_areas layer (tests/fixtures/render/disputed-area.geojson), as
 * the gazetteer's build writes it: the map then has a disputed area in view. */
static const char *disputed_base(void)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s", tmp_path("base-disputed.gpkg"));
    size_t len = 0;
    char *bytes = slurp(base_gpkg, &len);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(bytes, 1, len, f), len);
    ck_assert_int_eq(fclose(f), 0);
    free(bytes);
    GDALDatasetH src =
        GDALOpenEx(fixture_path("render/disputed-area.geojson"), GDAL_OF_VECTOR, NULL, NULL, NULL);
    ck_assert_ptr_nonnull(src);
    char **argv = CSLAddString(NULL, "-update");
    argv = CSLAddString(argv, "-nln");
    argv = CSLAddString(argv, "boundary_areas");
    argv = CSLAddString(argv, "-nlt");
    argv = CSLAddString(argv, "PROMOTE_TO_MULTI");
    GDALVectorTranslateOptions *o = GDALVectorTranslateOptionsNew(argv, NULL);
    int err = 0;
    GDALDatasetH out = GDALVectorTranslate(path, NULL, 1, &src, o, &err);
    ck_assert_ptr_nonnull(out);
    GDALClose(out);
    GDALVectorTranslateOptionsFree(o);
    CSLDestroy(argv);
    GDALClose(src);
    return path;
}

/* The example plus a border line running just above where the legend goes when the legend has
 * the example's rows (pixels y_px, x0_px..x1_px of view v): of an incident of its own, with no
 * launch or target to limit its highlight to a corridor, so all of it is drawn. */
static incmap_incidents *example_with_line(incmap_ctx *ctx, const incmap_render_view *v,
                                           double x0_px, double x1_px, double y_px)
{
    size_t len = 0;
    char *text = slurp(fixture_path("render/example.geojson"), &len);
    char *end = strrchr(text, ']');
    ck_assert_ptr_nonnull(end);
    *end = '\0';
    double ll[2][2];
    for (int i = 0; i < 2; i++) {
        double x = i ? x1_px : x0_px, mx = v->map[0] + (x - v->frame[0]) / v->px_per_unit;
        double my = v->map[1] + (v->frame[3] - y_px) / v->px_per_unit;
        ck_assert(incmap_proj_inv(v->proj, mx, my, &ll[i][0], &ll[i][1]));
    }
    char *json = malloc(len + 512);
    ck_assert_ptr_nonnull(json);
    snprintf(json, len + 512,
             "%s, {\"type\": \"Feature\", \"properties\": {\"incident\": 3, \"role\": "
             "\"border\", \"name\": \"a line\"}, \"geometry\": {\"type\": \"LineString\", "
             "\"coordinates\": [[%.6f, %.6f], [%.6f, %.6f]]}}]}",
             text, ll[0][0], ll[0][1], ll[1][0], ll[1][1]);
    incmap_incidents *inc = load_text(ctx, "example-line.geojson", json);
    free(json);
    free(text);
    return inc;
}

/* One incident: an explosion at a town of Iraq named name at lon, lat. */
static incmap_incidents *one_site(incmap_ctx *ctx, const char *name, double lon, double lat)
{
    char json[512];
    snprintf(json, sizeof json,
             "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", "
             "\"properties\": {\"incident\": 1, \"role\": \"site\", \"name\": \"%s\", "
             "\"kind\": \"place\", \"country\": \"IQ\", \"event_type\": \"explosion\"}, "
             "\"geometry\": {\"type\": \"Point\", \"coordinates\": [%.6f, %.6f]}}]}",
             name, lon, lat);
    return load_text(ctx, "site.geojson", json);
}

/* The legend's last row: a box of one row's height at the bottom of legend box b. */
static void legend_last_row(const incmap_render_view *v, const double b[4], double out[4])
{
    double u = v->u, row = v->style.sz_legend * 1.95 * u;
    out[0] = b[0] + 3 * u, out[2] = b[2] - 3 * u, out[1] = b[3] - 1 * u - row;
    out[3] = b[3] - 1.5 * u;
}

/* The legend is laid out at its final size. A disputed area in view adds the legend's row
 * before the furniture is placed, so a legend that moves for it covers nothing (a border
 * line runs where the grown legend would have reached); and a key whose key sites could not be
 * labelled has no empty row at its bottom. */
START_TEST(legend_final_size_covers_nothing)
{
    incmap_ctx *ctx = incmap_ctx_create();
    layout_log lg = {0};
    incmap_ctx_set_log(ctx, collect_log, &lg, INCMAP_LOG_DEBUG);
    incmap_incidents *inc = example(ctx);
    incmap_render_opts o = incmap_render_opts_default();
    o.has_extent = true; /* the frame stays put when a feature is added */
    memcpy(o.extent_deg, (double[4]){38.5, 32.0, 45.5, 37.5}, 4 * sizeof(double));
    o.title = "A test map", o.subtitle = "Of the legend's size";
    ck_assert(incmap_render(ctx, base_gpkg, inc, &o, tmp_path("legend-a.png")) == INCMAP_OK);
    ck_assert(lg.has[INCMAP_BOX_LEGEND]);
    double legend[4];
    memcpy(legend, lg.box[INCMAP_BOX_LEGEND], sizeof legend);
    incmap_base *base = incmap_base_open(ctx, base_gpkg);
    ck_assert_ptr_nonnull(base);
    incmap_render_view *v = view_create(ctx, inc, &o, base);
    ck_assert_ptr_nonnull(v);
    double row = v->style.sz_legend * 1.95 * v->u;
    incmap_incidents *inc2 = example_with_line(ctx, v, legend[0] + 10 * v->u, legend[2] - 10 * v->u,
                                               legend[1] - row * 0.55);
    incmap_render_view_destroy(v);
    incmap_base_close(base);
    /* without a disputed area the legend keeps its corner, clear of the line */
    free(lg.labels.b);
    memset(&lg, 0, sizeof lg);
    ck_assert(incmap_render(ctx, base_gpkg, inc2, &o, tmp_path("legend-b.png")) == INCMAP_OK);
    ck_assert(memcmp(lg.box[INCMAP_BOX_LEGEND], legend, sizeof legend) == 0);
    /* with one, the legend has a row more and must not cover the line */
    const char *dbase = disputed_base();
    free(lg.labels.b);
    memset(&lg, 0, sizeof lg);
    const char *png = tmp_path("legend-disputed.png");
    ck_assert_msg(incmap_render(ctx, dbase, inc2, &o, png) == INCMAP_OK, "%s",
                  incmap_ctx_message(ctx));
    base = incmap_base_open(ctx, dbase);
    v = view_create(ctx, inc2, &o, base);
    ck_assert_ptr_nonnull(v);
    assert_furniture_clear(&lg, v, inc2, "example with a disputed area");
    ck_assert_msg(v->legend & LEG_DISPUTED, "the disputed area is in view");
    /* the row is drawn: its swatch and words fill the legend's last row */
    cairo_surface_t *s = cairo_image_surface_create_from_png(png);
    double last[4];
    legend_last_row(v, lg.box[INCMAP_BOX_LEGEND], last);
    ck_assert_double_gt(drawn_share(s, last, v->style.legend_bg), 0.02);
    cairo_surface_destroy(s);
    incmap_render_view_destroy(v);
    incmap_base_close(base);
    incmap_incidents_destroy(inc2);
    incmap_incidents_destroy(inc);
    free(lg.labels.b);
    incmap_ctx_destroy(ctx);
}
END_TEST

/* An air base 4 km from the incident's site on a wide map: it is a key site of the view, but
 * the site's own symbol takes its place, so it is not labelled and the key does not list it,
 * leaving no empty row. */
START_TEST(legend_has_no_empty_row_without_key_sites)
{
    incmap_ctx *ctx = incmap_ctx_create();
    layout_log lg = {0};
    incmap_ctx_set_log(ctx, collect_log, &lg, INCMAP_LOG_DEBUG);
    incmap_incidents *inc = one_site(ctx, "Somewhere", 42.49, 33.79);
    incmap_render_opts o = incmap_render_opts_default();
    o.has_extent = true;
    memcpy(o.extent_deg, (double[4]){33.0, 27.0, 52.0, 40.0}, 4 * sizeof(double));
    const char *png = tmp_path("nokey.png");
    ck_assert_msg(incmap_render(ctx, base_gpkg, inc, &o, png) == INCMAP_OK, "%s",
                  incmap_ctx_message(ctx));
    incmap_base *base = incmap_base_open(ctx, base_gpkg);
    incmap_render_view *v = view_create(ctx, inc, &o, base);
    ck_assert_ptr_nonnull(v);
    ck_assert_msg(v->nsites == 1, "the air base is a key site of the view");
    ck_assert(lg.has[INCMAP_BOX_LEGEND]);
    cairo_surface_t *s = cairo_image_surface_create_from_png(png);
    double last[4];
    legend_last_row(v, lg.box[INCMAP_BOX_LEGEND], last);
    ck_assert_msg(drawn_share(s, last, v->style.legend_bg) > 0.02,
                  "the legend's last row is empty");
    cairo_surface_destroy(s);
    incmap_render_view_destroy(v);
    incmap_base_close(base);
    incmap_incidents_destroy(inc);
    free(lg.labels.b);
    incmap_ctx_destroy(ctx);
}
END_TEST

/* The positions furniture may take are the four corners and the four sides' middles, a margin
 * inside the frame. */
START_TEST(furniture_candidates_are_corners_and_sides)
{
    const double fr[4] = {100, 50, 1100, 850}, m = 10, w = 200, h = 100;
    double b[4];
    view_furniture_candidate(fr, m, w, h, FURN_POS_BOTTOM_LEFT, b);
    ck_assert(b[0] == 110 && b[3] == 840 && b[2] == 310 && b[1] == 740);
    view_furniture_candidate(fr, m, w, h, FURN_POS_TOP_RIGHT, b);
    ck_assert(b[2] == 1090 && b[1] == 60);
    view_furniture_candidate(fr, m, w, h, FURN_POS_TOP, b);
    ck_assert(b[0] == 500 && b[1] == 60);
    view_furniture_candidate(fr, m, w, h, FURN_POS_RIGHT, b);
    ck_assert(b[2] == 1090 && b[1] == 400);
}
END_TEST

typedef struct {
    char *names[512];
    size_t n;
} label_names;

static void label_log(void *user, incmap_log_level level, const char *msg)
{
    (void)level;
    label_names *ln = user;
    double b[4];
    int at = 0;
    if ((sscanf(msg, "render: label %lf %lf %lf %lf %n", &b[0], &b[1], &b[2], &b[3], &at) == 4 ||
         sscanf(msg, "render: place label %lf %lf %lf %lf %n", &b[0], &b[1], &b[2], &b[3], &at) ==
             4) &&
        at > 0 && ln->n < 512) {
        ln->names[ln->n++] = strdup(msg + at);
    }
}

/* The SVG is for graphics desks: every label the map draws is a live <text> element (with its
 * font family and size) in a named layer group, not glyph outlines, and the file is one <svg>. */
START_TEST(svg_has_a_text_for_every_label)
{
    incmap_ctx *ctx = incmap_ctx_create();
    label_names ln = {{0}, 0};
    incmap_ctx_set_log(ctx, label_log, &ln, INCMAP_LOG_DEBUG);
    incmap_incidents *inc = example(ctx);
    incmap_render_opts o = incmap_render_opts_default();
    const char *svg = tmp_path("labels.svg");
    ck_assert_msg(incmap_render(ctx, base_gpkg, inc, &o, svg) == INCMAP_OK, "%s",
                  incmap_ctx_message(ctx));
    size_t len = 0;
    char *text = slurp(svg, &len);
    ck_assert_uint_ge(ln.n, 6); /* the incident labels and the towns in view */
    for (size_t i = 0; i < ln.n; i++) {
        char want[600];
        snprintf(want, sizeof want, ">%s</text>", ln.names[i]);
        ck_assert_msg(strstr(text, want) != NULL, "no <text> for the label %s", ln.names[i]);
        free(ln.names[i]);
    }
    static const char *const layers[] = {"base",         "graticule", "incidents", "labels",
                                         "place-labels", "furniture", "titles"};
    const char *at = text;
    for (size_t i = 0; i < sizeof layers / sizeof layers[0]; i++) { /* in drawing order */
        char want[64];
        snprintf(want, sizeof want, "<g id=\"%s\">", layers[i]);
        at = strstr(at, want);
        ck_assert_msg(at != NULL, "no layer group %s (in order)", layers[i]);
    }
    ck_assert_ptr_nonnull(strstr(text, "font-family=\"Noto Sans"));
    ck_assert_ptr_null(strstr(text, "id=\"glyph"));         /* no glyph outlines */
    ck_assert_ptr_null(strstr(text, "fill-opacity=\"0\"")); /* no hidden duplicate text */
    free(text);
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

/* One label per place: a town that is both an incident's target and another's site is named
 * once ("Eilat Eilat" before); a directional region is lower case in the title, a named one
 * keeps its capital; the range ring's colour is not the border's. */
START_TEST(one_label_per_place_and_title_wording)
{
    incmap_ctx *ctx = incmap_ctx_create();
    label_names ln = {{0}, 0};
    incmap_ctx_set_log(ctx, label_log, &ln, INCMAP_LOG_DEBUG);
    incmap_incidents *inc = load_text(
        ctx, "twice.geojson",
        "{\"type\": \"FeatureCollection\", \"features\": ["
        "{\"type\": \"Feature\", \"properties\": {\"incident\": 1, \"role\": \"launch\", "
        "\"name\": \"Sahil\", \"event_type\": \"drone attack\"}, \"geometry\": {\"type\": "
        "\"Point\", \"coordinates\": [35.1, 30.1]}},"
        "{\"type\": \"Feature\", \"properties\": {\"incident\": 1, \"role\": \"target\", "
        "\"name\": \"Southern Negev\", \"kind\": \"region\"}, \"geometry\": {\"type\": \"Point\", "
        "\"coordinates\": [34.95, 29.56]}},"
        "{\"type\": \"Feature\", \"properties\": {\"incident\": 2, \"role\": \"site\", "
        "\"name\": \"Southern Negev\", \"event_type\": \"explosion\"}, \"geometry\": {\"type\": "
        "\"Point\", \"coordinates\": [34.951, 29.561]}}]}");
    incmap_render_opts o = incmap_render_opts_default();
    const char *svg = tmp_path("twice.svg");
    ck_assert_msg(incmap_render(ctx, NULL, inc, &o, svg) == INCMAP_OK, "%s",
                  incmap_ctx_message(ctx));
    size_t named = 0;
    for (size_t i = 0; i < ln.n; i++) {
        named += strcmp(ln.names[i], "Southern Negev") == 0;
        free(ln.names[i]);
    }
    ck_assert_uint_eq(named, 1);
    size_t len = 0;
    char *text = slurp(svg, &len);
    ck_assert_msg(strstr(text, "<title>Drone attack from Sahil toward southern Negev") != NULL,
                  "the title keeps the region's capital");
    free(text);
    render_style st;
    render_style_defaults(&st);
    ck_assert(memcmp(&st.range, &st.border, sizeof st.range) != 0);
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

/* Renders inc over the base map as SVG; returns the file's text (owned). */
static char *render_svg_text(incmap_ctx *ctx, const incmap_incidents *inc,
                             const incmap_render_opts *o, const char *name)
{
    const char *svg = tmp_path(name);
    ck_assert_msg(incmap_render(ctx, base_gpkg, inc, o, svg) == INCMAP_OK, "%s",
                  incmap_ctx_message(ctx));
    size_t len = 0;
    return slurp(svg, &len);
}

static size_t count_of(const char *text, const char *what)
{
    size_t n = 0, len = strlen(what);
    for (size_t at = 0; (text = strstr(text + at, what)) != NULL; at = len) {
        n++;
    }
    return n;
}

/* The words of the map as an editor would write them: the launch town's country in the title,
 * a descriptive region in lower case inside sentences, a province known only as an area
 * listed in the key as the hatched area it is drawn as. */
START_TEST(editorial_title_subtitle_and_legend)
{
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_incidents *inc = example(ctx);
    incmap_render_opts o = incmap_render_opts_default();
    char *text = render_svg_text(ctx, inc, &o, "editorial.svg");
    ck_assert_ptr_nonnull(
        strstr(text, ">Rocket attack from Zummar, Iraq, toward northeastern Syria"));
    ck_assert_ptr_nonnull(strstr(text, "the middle of northeastern Syria"));
    ck_assert_ptr_null(strstr(text, "the middle of Northeastern Syria"));
    /* the second incident: a province, drawn hatched, named with its country */
    ck_assert_ptr_nonnull(strstr(text, "explosion in Babil Governorate, Iraq"));
    ck_assert_ptr_nonnull(strstr(text, ">Incident area<"));
    ck_assert_ptr_null(strstr(text, ">Incident site<"));
    ck_assert_ptr_nonnull(strstr(text, ">Launch site<"));
    free(text);
    incmap_incidents_destroy(inc);
    /* a country itself gets no country; without a base map no country is known */
    inc = load_text(ctx, "country.geojson",
                    "{\"type\": \"FeatureCollection\", \"features\": ["
                    "{\"type\": \"Feature\", \"properties\": {\"incident\": 1, \"role\": "
                    "\"launch\", \"name\": \"Iran\", \"kind\": \"country\", \"country\": \"IR\", "
                    "\"event_type\": \"missile attack\"}, \"geometry\": {\"type\": \"Point\", "
                    "\"coordinates\": [51.0, 33.0]}},"
                    "{\"type\": \"Feature\", \"properties\": {\"incident\": 1, \"role\": "
                    "\"target\", \"name\": \"Arbīl\", \"kind\": \"place\", \"country\": \"IQ\"}, "
                    "\"geometry\": {\"type\": \"Point\", \"coordinates\": [44.01, 36.19]}}]}");
    text = render_svg_text(ctx, inc, &o, "country.svg");
    ck_assert_ptr_nonnull(strstr(text, ">Missile attack from Iran toward Arbil, Iraq"));
    ck_assert_ptr_null(strstr(text, "Arbīl")); /* the conventional form, on the map too */
    free(text);
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

/* One label per place: a town of the base map that an incident already labels is not
 * labelled again beside it (it gave "Baghdad Baghdad"). SVG text is live: count it. */
START_TEST(base_town_not_labelled_twice)
{
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_incidents *inc = one_site(ctx, "Baghdad", 44.55, 33.25);
    incmap_render_opts o = incmap_render_opts_default();
    o.has_extent = true;
    memcpy(o.extent_deg, (double[4]){38.5, 32.0, 45.5, 37.5}, 4 * sizeof(double));
    char *text = render_svg_text(ctx, inc, &o, "baghdad.svg");
    ck_assert_uint_eq(count_of(text, ">Baghdad</text>"), 1);
    ck_assert_ptr_nonnull(strstr(text, ">Explosion in Baghdad, Iraq<"));
    free(text);
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

/* A curated label (the gazetteer's `labels` table) beats the general rule, which beats the
 * name as written. */
START_TEST(curated_label_then_rule)
{
    char k0[] = "Abū Ghurayb", v0[] = "Abu Ghraib", k1[] = "Ḩamāh", v1[] = "Hama";
    render_name_pair pairs[] = {{k0, v0}, {k1, v1}}; /* sorted by key, as loaded */
    render_names rn = {pairs, 2, NULL, 0};
    char buf[64];
    ck_assert_str_eq(render_name(&rn, "Ḩamāh", buf, sizeof buf), "Hama");
    ck_assert_str_eq(render_name(&rn, "Abū Ghurayb", buf, sizeof buf), "Abu Ghraib");
    ck_assert_str_eq(render_name(&rn, "Sāmarrā'", buf, sizeof buf), "Samarra");
    ck_assert_str_eq(render_name(NULL, "Ḩamāh", buf, sizeof buf), "Hamah");
    ck_assert_str_eq(render_name(&rn, "Zummar", buf, sizeof buf), "Zummar");
}
END_TEST

/* An air base near the incident is labelled (with its symbol, listed in the key); one far from
 * it is not, and a map with none has no key entry for them. */
START_TEST(key_site_near_the_incident_is_labelled)
{
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_incidents *inc = load_text(
        ctx, "hit.geojson",
        "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", "
        "\"properties\": {\"incident\": 1, \"role\": \"site\", \"name\": \"Hit\", \"kind\": "
        "\"place\", \"country\": \"IQ\", \"event_type\": \"explosion\"}, \"geometry\": "
        "{\"type\": \"Point\", \"coordinates\": [42.82, 33.64]}}]}");
    incmap_render_opts o = incmap_render_opts_default();
    o.has_extent = true;
    memcpy(o.extent_deg, (double[4]){41.0, 32.5, 44.5, 35.0}, 4 * sizeof(double));
    char *text = render_svg_text(ctx, inc, &o, "keysite.svg");
    ck_assert_uint_eq(count_of(text, ">Al Asad Air Base</text>"), 1);
    ck_assert_ptr_nonnull(strstr(text, ">Air base or airport</text>"));
    free(text);
    incmap_incidents_destroy(inc);
    inc = example(ctx); /* Al Asad is in view, hundreds of km from the incidents */
    memcpy(o.extent_deg, (double[4]){38.5, 32.0, 45.5, 37.5}, 4 * sizeof(double));
    text = render_svg_text(ctx, inc, &o, "nokeysite.svg");
    ck_assert_ptr_null(strstr(text, "Al Asad Air Base"));
    ck_assert_ptr_null(strstr(text, ">Air base or airport</text>"));
    free(text);
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

static double title_used, title_room, title_scale;

static void title_log(void *user, incmap_log_level level, const char *msg)
{
    (void)user, (void)level;
    sscanf(msg, "render: title block %lf px of %lf at %lf", &title_used, &title_room, &title_scale);
}

/* A long title at 800x600 wraps to the page's width and keeps every word: it is never cut,
 * and the wrapped block fits the band above the map. */
START_TEST(long_title_wraps_and_fits_at_800x600)
{
    incmap_ctx *ctx = incmap_ctx_create();
    boxlist labels = {0};
    incmap_ctx_set_log(ctx, title_log, NULL, INCMAP_LOG_DEBUG);
    incmap_incidents *inc = example(ctx);
    incmap_render_opts o = incmap_render_opts_default();
    o.width_px = 800, o.height_px = 600;
    o.title = "Drone and rocket attack from the outskirts of Zummar in Nineveh province toward "
              "several positions in northeastern Syria, 21 April 2024";
    title_used = title_room = -1;
    ck_assert_int_eq(incmap_render(ctx, base_gpkg, inc, &o, tmp_path("title.png")), INCMAP_OK);
    ck_assert_double_gt(title_used, 0);
    ck_assert_double_le(title_used, title_room);
    ck_assert_double_ge(title_scale, 0.8); /* wrapped rather than shrunk away */
    free(labels.b);
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

/* Writes text to a temporary GeoJSON file and loads it. */
static incmap_incidents *load_text(incmap_ctx *ctx, const char *name, const char *json)
{
    const char *path = tmp_path(name);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(json, f);
    ck_assert_int_eq(fclose(f), 0);
    incmap_incidents *inc = incmap_geojson_load(ctx, path);
    ck_assert_msg(inc != NULL, "%s", incmap_ctx_message(ctx));
    return inc;
}

/* Pixels of colour c within 2 px of (x, y): dashed lines and antialiasing move a line by a
 * pixel or leave a gap, so a ring is checked in neighbourhoods, not single pixels. */
static bool color_near(cairo_surface_t *s, double x, double y, rcolor c, int tol)
{
    for (int dy = -2; dy <= 2; dy++) {
        for (int dx = -2; dx <= 2; dx++) {
            if (near_color(pixel(s, x + dx, y + dy), c, tol)) {
                return true;
            }
        }
    }
    return false;
}

/* Another region and the simplest incident: one site on the Red Sea coast. The map stays at its
 * minimum width (a single point never fills the map) and the site is drawn where it is. */
START_TEST(single_site_elsewhere)
{
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_incidents *inc = load_text(
        ctx, "site.geojson",
        "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", "
        "\"properties\": {\"incident\": 1, \"role\": \"site\", \"name\": \"Harbour pier\"}, "
        "\"geometry\": {\"type\": \"Point\", \"coordinates\": [42.95, 14.8]}}]}");
    incmap_render_opts o = incmap_render_opts_default();
    const char *out = tmp_path("site.png");
    ck_assert_msg(incmap_render(ctx, NULL, inc, &o, out) == INCMAP_OK, "%s",
                  incmap_ctx_message(ctx));
    incmap_render_view *v = incmap_render_view_create(ctx, inc, &o);
    ck_assert_ptr_nonnull(v);
    double e[4], x, y;
    incmap_render_view_extent(v, e);
    double km_per_deg = 111.32 * cos(14.8 * M_PI / 180);
    ck_assert_double_ge((e[2] - e[0]) * km_per_deg, 200);
    ck_assert_double_le((e[2] - e[0]) * km_per_deg, 600);
    cairo_surface_t *s = cairo_image_surface_create_from_png(out);
    ck_assert(incmap_render_view_to_pixel(v, (incmap_lonlat){42.95, 14.8}, &x, &y));
    ck_assert(near_color(pixel(s, x, y), style_color(offsetof(render_style, site)), 8));
    cairo_surface_destroy(s);
    incmap_render_view_destroy(v);
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

/* --range-km: a ring of the range colour at that geodesic distance around the launch point. */
START_TEST(range_ring_at_its_distance)
{
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_incidents *inc =
        load_text(ctx, "ring.geojson",
                  "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", "
                  "\"properties\": {\"incident\": 1, \"role\": \"launch\", \"name\": \"Hill\"}, "
                  "\"geometry\": {\"type\": \"Point\", \"coordinates\": [35.48, 33.27]}}, "
                  "{\"type\": \"Feature\", \"properties\": {\"incident\": 1, \"role\": \"target\", "
                  "\"name\": \"Valley\"}, \"geometry\": {\"type\": \"Point\", \"coordinates\": "
                  "[35.57, 33.02]}}]}");
    incmap_render_opts o = incmap_render_opts_default();
    o.range_km = 40;
    const char *out = tmp_path("ring.png");
    ck_assert_msg(incmap_render(ctx, NULL, inc, &o, out) == INCMAP_OK, "%s",
                  incmap_ctx_message(ctx));
    incmap_render_view *v = incmap_render_view_create(ctx, inc, &o);
    ck_assert_ptr_nonnull(v);
    cairo_surface_t *s = cairo_image_surface_create_from_png(out);
    rcolor ring = style_color(offsetof(render_style, range));
    /* 40 km along 36 bearings (spherical destination: well under a pixel off at this scale) */
    int hits = 0, inside = 0;
    const double R = 6371.0088, d = 40 / R, la1 = 33.27 * M_PI / 180, lo1 = 35.48 * M_PI / 180;
    for (int k = 0; k < 36; k++) {
        double th = k * 10 * M_PI / 180, x, y;
        double la2 = asin(sin(la1) * cos(d) + cos(la1) * sin(d) * cos(th));
        double lo2 = lo1 + atan2(sin(th) * sin(d) * cos(la1), cos(d) - sin(la1) * sin(la2));
        ck_assert(incmap_render_view_to_pixel(
            v, (incmap_lonlat){lo2 * 180 / M_PI, la2 * 180 / M_PI}, &x, &y));
        inside += color_near(s, x, y, ring, 40);
        /* and nothing of the ring at 30 km: it is where the distance says */
        double xi, yi;
        incmap_render_view_to_pixel(v,
                                    (incmap_lonlat){35.48 + (lo2 * 180 / M_PI - 35.48) * 0.75,
                                                    33.27 + (la2 * 180 / M_PI - 33.27) * 0.75},
                                    &xi, &yi);
        hits -= color_near(s, xi, yi, ring, 40);
    }
    ck_assert_int_ge(inside, 24); /* dashed: most bearings land on a dash */
    ck_assert_int_ge(hits, -3);   /* the arrow or a label may sit there, the ring may not */
    cairo_surface_destroy(s);
    incmap_render_view_destroy(v);
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

/* A ring of the largest range (10000 km) crosses the pole and the antimeridian: the map stays
 * centred on the launch and, with the pole in view, reads every longitude of the base layers
 * (the ring's lon/lat box used to move the centre to 0N 5E and cut off the north). */
START_TEST(range_ring_of_10000_km_centres_on_the_launch)
{
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_incidents *inc =
        load_text(ctx, "ring-max.geojson",
                  "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", "
                  "\"properties\": {\"incident\": 1, \"role\": \"launch\", \"name\": \"Hill\"}, "
                  "\"geometry\": {\"type\": \"Point\", \"coordinates\": [35.48, 33.27]}}]}");
    incmap_render_opts o = incmap_render_opts_default();
    o.range_km = 10000;
    incmap_render_view *v = incmap_render_view_create(ctx, inc, &o);
    ck_assert_msg(v != NULL, "%s", incmap_ctx_message(ctx));
    double box[4], x, y, ll[4];
    ck_assert(incmap_render_view_box(v, INCMAP_BOX_MAP, box));
    ck_assert(incmap_render_view_to_pixel(v, (incmap_lonlat){35.48, 33.27}, &x, &y));
    ck_assert_double_eq_tol(x, (box[0] + box[2]) / 2, (box[2] - box[0]) * 0.05);
    ck_assert_double_eq_tol(y, (box[1] + box[3]) / 2, (box[3] - box[1]) * 0.05);
    incmap_render_view_extent(v, ll);
    ck_assert_double_eq(ll[3], 90); /* the north pole is 6300 km away: in view */
    ck_assert_double_eq(ll[0], -180);
    ck_assert_double_eq(ll[2], 180);
    incmap_render_view_destroy(v);
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

/* The smallest extent (0.001 degrees a side) gets a scale bar in metres that fits in the frame
 * (the bar started at 1 km: off the image to the left on a map 150 m wide); a smaller one is
 * refused. */
START_TEST(smallest_extent_has_a_scale_bar_in_the_frame)
{
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_incidents *inc = example(ctx);
    incmap_render_opts o = incmap_render_opts_default();
    o.has_extent = true;
    const double e[4] = {42.6, 36.65, 42.601, 36.651};
    memcpy(o.extent_deg, e, sizeof e);
    incmap_render_view *v = incmap_render_view_create(ctx, inc, &o);
    ck_assert_msg(v != NULL, "%s", incmap_ctx_message(ctx));
    double map[4], bar[4];
    ck_assert(incmap_render_view_box(v, INCMAP_BOX_MAP, map));
    ck_assert(incmap_render_view_box(v, INCMAP_BOX_SCALE_BAR, bar));
    ck_assert(bar[0] > map[0] && bar[2] < map[2] && bar[1] > map[1] && bar[3] < map[3]);
    incmap_render_view_destroy(v);
    o.extent_deg[2] = 42.6000001;
    ck_assert_ptr_null(incmap_render_view_create(ctx, inc, &o));
    ck_assert_int_eq(incmap_ctx_status(ctx), INCMAP_ERR_INVALID_ARG);
    ck_assert_ptr_nonnull(strstr(incmap_ctx_message(ctx), "too small"));
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

static Suite *render_suite(void)
{
    Suite *s = suite_create("gis_render");
    TCase *tc = tcase_create("render");
    tcase_set_timeout(tc, 120);
    tcase_add_unchecked_fixture(tc, make_base, NULL);
    tcase_add_test(tc, style_defaults_match_maps_style_json);
    tcase_add_test(tc, style_partial_merge_and_errors);
    tcase_add_test(tc, png_launch_border_legend_scale);
    tcase_add_test(tc, svg_has_words_and_pdf_is_a_pdf);
    tcase_add_test(tc, single_site_elsewhere);
    tcase_add_test(tc, range_ring_at_its_distance);
    tcase_add_test(tc, range_ring_of_10000_km_centres_on_the_launch);
    tcase_add_test(tc, smallest_extent_has_a_scale_bar_in_the_frame);
    tcase_add_test(tc, raster_basemap_is_visible);
    tcase_add_test(tc, arabic_label_shapes);
    tcase_add_test(tc, extent_fits_roles_not_mentions);
    tcase_add_test(tc, scale_bar_is_round_and_true);
    tcase_add_test(tc, bad_input_fails_cleanly);
    tcase_add_test(tc, dpi_scales_text_and_sizes_are_honoured);
    tcase_add_test(tc, furniture_covers_no_incident_feature);
    tcase_add_test(tc, legend_final_size_covers_nothing);
    tcase_add_test(tc, legend_has_no_empty_row_without_key_sites);
    tcase_add_test(tc, furniture_candidates_are_corners_and_sides);
    tcase_add_test(tc, long_title_wraps_and_fits_at_800x600);
    tcase_add_test(tc, svg_has_a_text_for_every_label);
    tcase_add_test(tc, one_label_per_place_and_title_wording);
    tcase_add_test(tc, editorial_title_subtitle_and_legend);
    tcase_add_test(tc, base_town_not_labelled_twice);
    tcase_add_test(tc, curated_label_then_rule);
    tcase_add_test(tc, key_site_near_the_incident_is_labelled);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(render_suite());
}

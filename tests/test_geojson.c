/* GeoJSON writer and reader: the contract between the geoparser and the renderer. Round trips,
 * the written form (rounding, nulls, bbox, winding), QGIS-edited input, and one case per way a
 * file can be wrong, each asserting the status and that the message names the bad member. */
#include "geojson/geojson_int.h"
#include "testutil.h"
#include "text/fold.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Warnings captured from the ctx log. */
static char warnings[4096];

static void capture(void *user, incmap_log_level level, const char *msg)
{
    (void)user;
    (void)level;
    strncat(warnings, msg, sizeof warnings - strlen(warnings) - 2);
    strcat(warnings, "\n");
}

static incmap_ctx *new_ctx(void)
{
    incmap_ctx *ctx = incmap_ctx_create();
    warnings[0] = '\0';
    incmap_ctx_set_log(ctx, capture, NULL, INCMAP_LOG_WARN);
    return ctx;
}

static incmap_geom *geom_from(incmap_geom_type t, const double *xy, size_t n, const size_t *rings,
                              size_t nr, const size_t *polys, size_t np)
{
    incmap_geom *g = incmap_geom_create(t, n, nr, np);
    memcpy(g->xy, xy, 2 * n * sizeof *xy);
    if (nr > 0) {
        memcpy(g->ring_end, rings, nr * sizeof *rings);
    }
    if (np > 0) {
        memcpy(g->poly_end, polys, np * sizeof *polys);
    }
    return g;
}

static void add(incmap_incidents *inc, incmap_ctx *ctx, incmap_feature *f)
{
    ck_assert_int_eq(incmap_incidents_add(inc, ctx, f), INCMAP_OK);
    incmap_geom_destroy(f->geom);
}

/* One of each geometry type; every property set on the launch feature. */
static incmap_incidents *sample(incmap_ctx *ctx)
{
    incmap_incidents *inc = incmap_incidents_create(ctx);
    incmap_feature f = incmap_feature_init();
    f.incident = 1;
    f.role = INCMAP_ROLE_LAUNCH;
    f.name = (char *)"Qasr Warda";
    f.text = (char *)"Qasr Wardah";
    f.start = 57;
    f.end = 68;
    f.gazetteer_id = (char *)"geonames:9990001";
    f.kind = INCMAP_KIND_PLACE;
    f.country = (char *)"IQ";
    f.admin1 = (char *)"Ninawa";
    f.qualifier = (char *)"12 km north";
    f.precision = 2;
    f.uncertainty_km = 4.25;
    f.confidence = 0.875;
    f.event_type = (char *)"rocket attack";
    f.date = (char *)"2023-11-05";
    f.fatalities = 0;
    f.injured = 3;
    f.distance_km = 187.125;
    f.bearing_deg = -108.5;
    f.report = (char *)"wire-0412.txt";
    f.geom = incmap_geom_point(42.512345, 36.701234);
    add(inc, ctx, &f);

    /* a clockwise exterior and a counter-clockwise hole: both wrong, both fixed on write */
    const double poly[] = {40,   36,   40,   37,   41.5, 37,   41.5, 36,   40,   36,
                           40.5, 36.4, 40.9, 36.4, 40.9, 36.6, 40.5, 36.6, 40.5, 36.4};
    const size_t prings[] = {5, 10}, ppolys[] = {2};
    f = incmap_feature_init();
    f.incident = 1;
    f.role = INCMAP_ROLE_TARGET;
    f.name = (char *)"eastern Farwa";
    f.kind = INCMAP_KIND_REGION;
    f.geom = geom_from(INCMAP_GEOM_POLYGON, poly, 10, prings, 2, ppolys, 1);
    add(inc, ctx, &f);

    const double lines[] = {41.2, 36.9, 41.3, 36.5, 41.1, 35.9, 41.0, 35.5, 40.9, 35.0};
    const size_t lrings[] = {3, 5};
    f = incmap_feature_init();
    f.incident = 1;
    f.role = INCMAP_ROLE_BORDER;
    f.geom = geom_from(INCMAP_GEOM_MULTILINESTRING, lines, 5, lrings, 2, NULL, 0);
    add(inc, ctx, &f);

    /* two triangles, the second left unclosed in the model: the writer closes it */
    const double mp[] = {44, 32, 44.5, 32, 44.5, 32.5, 44, 32, 45, 32, 45.2, 32, 45.2, 32.2};
    const size_t mrings[] = {4, 7}, mpolys[] = {1, 2};
    f = incmap_feature_init();
    f.incident = 2;
    f.role = INCMAP_ROLE_SITE;
    f.geom = geom_from(INCMAP_GEOM_MULTIPOLYGON, mp, 7, mrings, 2, mpolys, 2);
    add(inc, ctx, &f);

    const double line[] = {43, 34, 43.5, 34.5};
    const size_t one[] = {2};
    f = incmap_feature_init(); /* a context mention: incident 0, every property unknown */
    f.geom = geom_from(INCMAP_GEOM_LINESTRING, line, 2, one, 1, NULL, 0);
    add(inc, ctx, &f);
    return inc;
}

static double signed_area2(const incmap_geom *g, size_t b, size_t e)
{
    double a = 0;
    for (size_t i = b; i + 1 < e; i++) {
        a += g->xy[2 * i] * g->xy[2 * i + 3] - g->xy[2 * i + 2] * g->xy[2 * i + 1];
    }
    return a;
}

static void assert_same_str(const char *a, const char *b)
{
    if (a == NULL || b == NULL) {
        ck_assert_ptr_eq(a, b);
    } else {
        ck_assert_str_eq(a, b);
    }
}

START_TEST(round_trip_preserves_every_field_and_geometry)
{
    incmap_ctx *ctx = new_ctx();
    incmap_incidents *inc = sample(ctx);
    char *text = incmap_geojson_write(ctx, inc, false);
    ck_assert_ptr_nonnull(text);
    incmap_incidents *back = incmap_geojson_read(ctx, text, strlen(text));
    ck_assert_msg(back != NULL, "%s", incmap_ctx_message(ctx));
    ck_assert_uint_eq(incmap_incidents_feature_count(back), 5);
    for (size_t i = 0; i < 5; i++) {
        const incmap_feature *a = incmap_incidents_feature(inc, i),
                             *b = incmap_incidents_feature(back, i);
        ck_assert_int_eq(a->incident, b->incident);
        ck_assert_int_eq(a->role, b->role);
        assert_same_str(a->name, b->name);
        assert_same_str(a->text, b->text);
        assert_same_str(a->gazetteer_id, b->gazetteer_id);
        assert_same_str(a->country, b->country);
        assert_same_str(a->admin1, b->admin1);
        assert_same_str(a->qualifier, b->qualifier);
        assert_same_str(a->event_type, b->event_type);
        assert_same_str(a->date, b->date);
        assert_same_str(a->report, b->report);
        ck_assert_int_eq(a->start, b->start);
        ck_assert_int_eq(a->end, b->end);
        ck_assert_int_eq(a->kind, b->kind);
        ck_assert_int_eq(a->precision, b->precision);
        ck_assert_int_eq(a->fatalities, b->fatalities);
        ck_assert_int_eq(a->injured, b->injured);
        const double da[] = {a->uncertainty_km, a->confidence, a->distance_km, a->bearing_deg};
        const double db[] = {b->uncertainty_km, b->confidence, b->distance_km, b->bearing_deg};
        for (size_t k = 0; k < 4; k++) {
            ck_assert(isnan(da[k]) ? isnan(db[k]) : da[k] == db[k]);
        }
        ck_assert_int_eq(a->geom->type, b->geom->type);
        ck_assert_uint_eq(a->geom->nrings, b->geom->nrings);
        ck_assert_uint_eq(a->geom->npolys, b->geom->npolys);
    }
    /* polygon: right-hand rule after the round trip (exterior CCW, hole CW), same vertex set */
    const incmap_geom *p = incmap_incidents_feature(back, 1)->geom;
    ck_assert_uint_eq(p->npoints, 10);
    ck_assert(signed_area2(p, 0, 5) > 0);
    ck_assert(signed_area2(p, 5, 10) < 0);
    ck_assert(incmap_geom_contains(p, (incmap_lonlat){40.2, 36.2}));
    ck_assert(!incmap_geom_contains(p, (incmap_lonlat){40.7, 36.5}));
    /* the unclosed triangle came back closed: 4 + 4 vertices */
    const incmap_geom *m = incmap_incidents_feature(back, 3)->geom;
    ck_assert_uint_eq(m->npoints, 8);
    ck_assert_uint_eq(m->ring_end[1], 8);
    ck_assert(m->xy[14] == 45 && m->xy[15] == 32);
    /* write -> read -> write is a fixed point */
    char *again = incmap_geojson_write(ctx, back, false);
    ck_assert_str_eq(text, again);
    incmap_free(again);
    incmap_free(text);
    incmap_incidents_destroy(back);
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

START_TEST(written_form_rounds_nulls_and_bounds)
{
    incmap_ctx *ctx = new_ctx();
    incmap_incidents *inc = incmap_incidents_create(ctx);
    incmap_feature f = incmap_feature_init();
    f.incident = 3;
    f.role = INCMAP_ROLE_SITE;
    f.confidence = 0.123456;
    f.geom = incmap_geom_point(42.123456789, -36.0000004);
    add(inc, ctx, &f);
    f = incmap_feature_init();
    f.geom = incmap_geom_point(-10.5, 50.25);
    add(inc, ctx, &f);
    char *text = incmap_geojson_write(ctx, inc, false);
    ck_assert_ptr_nonnull(text);
    ck_assert_ptr_nonnull(strstr(text, "\"coordinates\":[42.123457,-36]"));
    ck_assert_ptr_nonnull(strstr(text, "\"confidence\":0.123"));
    ck_assert_ptr_null(strstr(text, "NaN"));
    ck_assert_ptr_null(strstr(text, "crs"));
    cJSON *doc = cJSON_Parse(text);
    const cJSON *bbox = cJSON_GetObjectItemCaseSensitive(doc, "bbox");
    ck_assert_int_eq(cJSON_GetArraySize(bbox), 4);
    ck_assert(cJSON_GetArrayItem(bbox, 0)->valuedouble == -10.5);
    ck_assert(cJSON_GetArrayItem(bbox, 1)->valuedouble == -36);
    ck_assert(cJSON_GetArrayItem(bbox, 2)->valuedouble == 42.123457);
    ck_assert(cJSON_GetArrayItem(bbox, 3)->valuedouble == 50.25);
    const cJSON *meta = cJSON_GetObjectItemCaseSensitive(doc, "incmap");
    ck_assert_int_eq(cJSON_GetObjectItemCaseSensitive(meta, "schema")->valueint, 1);
    ck_assert_int_eq(cJSON_GetObjectItemCaseSensitive(meta, "incidents")->valueint, 3);
    const cJSON *feats = cJSON_GetObjectItemCaseSensitive(doc, "features");
    const cJSON *f0 = cJSON_GetArrayItem(feats, 0), *f1 = cJSON_GetArrayItem(feats, 1);
    ck_assert_str_eq(cJSON_GetObjectItemCaseSensitive(f0, "id")->valuestring, "3-site-1");
    ck_assert_str_eq(cJSON_GetObjectItemCaseSensitive(f1, "id")->valuestring, "m-mention-1");
    /* every key present in every feature, unknown ones as null */
    const cJSON *props = cJSON_GetObjectItemCaseSensitive(f1, "properties");
    ck_assert_int_eq(cJSON_GetArraySize(props), 22);
    ck_assert(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(props, "incident")));
    ck_assert(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(props, "confidence")));
    ck_assert(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(props, "report")));
    ck_assert(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(props, "source")));
    ck_assert(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(props, "fatalities")));
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(f0, "properties")), 22);
    cJSON_Delete(doc);
    /* and null reads back as unknown */
    incmap_incidents *back = incmap_geojson_read(ctx, text, strlen(text));
    ck_assert_ptr_nonnull(back);
    const incmap_feature *b = incmap_incidents_feature(back, 1);
    ck_assert(isnan(b->confidence) && isnan(b->uncertainty_km) && b->precision == -1);
    ck_assert(b->incident == 0 && b->role == INCMAP_ROLE_MENTION && b->name == NULL);
    ck_assert(incmap_incidents_feature(back, 0)->confidence == 0.123);
    incmap_incidents_destroy(back);
    incmap_free(text);
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

START_TEST(empty_collection_is_valid)
{
    incmap_ctx *ctx = new_ctx();
    incmap_incidents *inc = incmap_incidents_create(ctx);
    char *text = incmap_geojson_write(ctx, inc, true);
    ck_assert_ptr_nonnull(text);
    ck_assert_ptr_nonnull(strstr(text, "\"features\":[]}\n"));
    ck_assert_ptr_null(strstr(text, "bbox"));
    incmap_incidents *back = incmap_geojson_read(ctx, text, strlen(text));
    ck_assert_ptr_nonnull(back);
    ck_assert_uint_eq(incmap_incidents_feature_count(back), 0);
    incmap_incidents_destroy(back);
    incmap_free(text);
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

/* The written form is pinned by files under fixtures/geojson/written/, which
 * tests/e2e/geojson_validate.sh runs through ogrinfo and geojsonhint. The generator's version is
 * masked so a release does not break the comparison. INCMAP_UPDATE_GOLDEN=1 rewrites them. */
static char *mask_generator(char *text)
{
    char *g = strstr(text, "\"generator\":\"");
    if (g != NULL) {
        char *v = g + 13, *q = strchr(v, '"');
        if (q != NULL) {
            memmove(v, q, strlen(q) + 1);
        }
    }
    return text;
}

static void check_golden(incmap_ctx *ctx, const incmap_incidents *inc, const char *name)
{
    char rel[256], *want = NULL;
    size_t len;
    snprintf(rel, sizeof rel, "geojson/written/%s", name);
    if (getenv("INCMAP_UPDATE_GOLDEN") != NULL) {
        ck_assert_int_eq(incmap_geojson_save(ctx, inc, fixture_path(rel)), INCMAP_OK);
    }
    char *text = incmap_geojson_write(ctx, inc, true);
    ck_assert_ptr_nonnull(text);
    ck_assert_int_eq(incmap_read_file(ctx, fixture_path(rel), 1 << 20, &want, &len), INCMAP_OK);
    ck_assert_str_eq(mask_generator(text), mask_generator(want));
    free(want);
    incmap_free(text);
}

START_TEST(written_form_matches_golden_files)
{
    incmap_ctx *ctx = new_ctx();
    incmap_incidents *inc = sample(ctx);
    check_golden(ctx, inc, "sample.geojson");
    incmap_incidents_destroy(inc);
    inc = incmap_incidents_create(ctx);
    check_golden(ctx, inc, "empty.geojson");
    incmap_incidents_destroy(inc);
    inc = incmap_geojson_load(ctx, fixture_path("geojson/qgis_edited.geojson"));
    ck_assert_ptr_nonnull(inc);
    check_golden(ctx, inc, "qgis_rewritten.geojson");
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

START_TEST(writer_refuses_what_the_reader_would_refuse)
{
    incmap_ctx *ctx = new_ctx();
    const struct {
        double lon, lat, confidence;
        int precision;
        const char *name, *expect;
    } cases[] = {
        {42, 91, NAN, -1, "ok", "outside lon -180..180, lat -90..90"},
        {NAN, 10, NAN, -1, "ok", "vertex 0 is not finite"},
        {42, 36, 1.5, -1, "ok", "confidence 1.5 is outside 0..1"},
        {42, 36, INFINITY, -1, "ok", "confidence inf is outside"},
        {42, 36, NAN, 4, "ok", "precision 4 is outside 1..3"},
        {42, 36, NAN, -1, "Ba\xc3(dad", "name is not valid UTF-8"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        incmap_incidents *inc = incmap_incidents_create(ctx);
        incmap_feature f = incmap_feature_init();
        f.name = (char *)cases[i].name;
        f.confidence = cases[i].confidence;
        f.precision = cases[i].precision;
        f.geom = incmap_geom_point(cases[i].lon, cases[i].lat);
        add(inc, ctx, &f);
        ck_assert_ptr_null(incmap_geojson_write(ctx, inc, false));
        ck_assert_int_eq(incmap_ctx_status(ctx), INCMAP_ERR_INVALID_ARG);
        ck_assert_msg(strstr(incmap_ctx_message(ctx), cases[i].expect) != NULL, "%s",
                      incmap_ctx_message(ctx));
        ck_assert_ptr_nonnull(strstr(incmap_ctx_message(ctx), "feature 0"));
        size_t bad;
        const char *msg = incmap_ctx_message(ctx);
        ck_assert_msg(incmap_utf8_check(msg, strlen(msg), &bad), "not UTF-8: %s", msg);
        incmap_incidents_destroy(inc);
    }
    /* a ring that cannot be closed into 4 positions */
    incmap_incidents *inc = incmap_incidents_create(ctx);
    const double tri[] = {0, 0, 1, 0, 0, 0};
    const size_t r[] = {3}, p[] = {1};
    incmap_feature f = incmap_feature_init();
    f.geom = geom_from(INCMAP_GEOM_POLYGON, tri, 3, r, 1, p, 1);
    add(inc, ctx, &f);
    ck_assert_ptr_null(incmap_geojson_write(ctx, inc, false));
    ck_assert_ptr_nonnull(strstr(incmap_ctx_message(ctx), "ring of 3 position(s)"));
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

START_TEST(qgis_edited_file_reads)
{
    incmap_ctx *ctx = new_ctx();
    incmap_incidents *inc = incmap_geojson_load(ctx, fixture_path("geojson/qgis_edited.geojson"));
    ck_assert_msg(inc != NULL, "%s", incmap_ctx_message(ctx));
    ck_assert_uint_eq(incmap_incidents_feature_count(inc), 6); /* the null geometry is skipped */
    ck_assert_ptr_nonnull(strstr(warnings, "legacy crs member"));
    ck_assert_ptr_nonnull(strstr(warnings, "features[4]: null geometry: feature skipped"));
    ck_assert_ptr_nonnull(
        strstr(warnings, "features[5].properties.kind: unknown kind \"district\""));
    const incmap_feature *f = incmap_incidents_feature(inc, 0);
    ck_assert_int_eq(f->geom->type, INCMAP_GEOM_POINT); /* MultiPoint, 3D */
    ck_assert(f->geom->xy[0] == 42.512345 && f->geom->xy[1] == 36.701234);
    ck_assert(f->incident == 1 && f->role == INCMAP_ROLE_LAUNCH && f->precision == 1);
    ck_assert(f->start == 57 && f->end == 67 && f->kind == INCMAP_KIND_PLACE);
    ck_assert(f->qualifier == NULL && f->fatalities == -1 && f->bearing_deg == 251.5);
    f = incmap_incidents_feature(inc, 1);
    ck_assert(f->geom->type == INCMAP_GEOM_POLYGON && f->geom->nrings == 2 && f->start == -1);
    f = incmap_incidents_feature(inc, 2);
    ck_assert(f->geom->type == INCMAP_GEOM_MULTILINESTRING && f->geom->npoints == 5);
    f = incmap_incidents_feature(inc, 3); /* no role, no incident: a context mention */
    ck_assert(f->role == INCMAP_ROLE_MENTION && f->incident == 0);
    ck_assert_str_eq(f->name, "Capital City");
    f = incmap_incidents_feature(inc, 4);
    ck_assert(f->geom->type == INCMAP_GEOM_MULTIPOLYGON && f->geom->npolys == 2);
    ck_assert(f->kind == INCMAP_KIND_ANY && f->fatalities == 1 && f->injured == 8);
    f = incmap_incidents_feature(inc, 5);
    ck_assert(f->geom->type == INCMAP_GEOM_LINESTRING && f->role == INCMAP_ROLE_MENTION);
    /* and it re-writes as schema-1 GeoJSON */
    char *text = incmap_geojson_write(ctx, inc, false);
    ck_assert_ptr_nonnull(text);
    ck_assert_ptr_null(strstr(text, "crs"));
    incmap_free(text);
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

START_TEST(tolerates_bom_multipoint_and_duplicate_keys)
{
    incmap_ctx *ctx = new_ctx();
    const char doc[] =
        "\xEF\xBB\xBF{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
        "\"geometry\":{\"type\":\"MultiPoint\",\"coordinates\":[[1,2],[3,4]]},"
        "\"properties\":{\"role\":\"launch\",\"role\":\"target\",\"incident\":4}},"
        "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[]},"
        "\"properties\":{}}]}";
    incmap_incidents *inc = incmap_geojson_read(ctx, doc, sizeof doc - 1);
    ck_assert_msg(inc != NULL, "%s", incmap_ctx_message(ctx));
    ck_assert_uint_eq(incmap_incidents_feature_count(inc), 1);
    const incmap_feature *f = incmap_incidents_feature(inc, 0);
    ck_assert_int_eq(f->role, INCMAP_ROLE_LAUNCH); /* cJSON: the first duplicate wins */
    ck_assert(f->geom->npoints == 1 && f->geom->xy[0] == 1 && f->geom->xy[1] == 2);
    ck_assert_ptr_nonnull(strstr(warnings, "MultiPoint of 2 points: the first is used"));
    ck_assert_ptr_nonnull(strstr(warnings, "features[1]: empty geometry: feature skipped"));
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

START_TEST(skipped_features_warn_then_count)
{
    incmap_ctx *ctx = new_ctx();
    char doc[2048] = "{\"type\":\"FeatureCollection\",\"features\":[";
    for (int i = 0; i < 8; i++) {
        strcat(doc, i > 0 ? "," : "");
        strcat(doc, "{\"type\":\"Feature\",\"geometry\":null,\"properties\":{}}");
    }
    strcat(doc, "]}");
    incmap_incidents *inc = incmap_geojson_read(ctx, doc, strlen(doc));
    ck_assert_ptr_nonnull(inc);
    ck_assert_uint_eq(incmap_incidents_feature_count(inc), 0);
    ck_assert_ptr_nonnull(strstr(warnings, "features[4]: null geometry"));
    ck_assert_ptr_null(strstr(warnings, "features[5]"));
    ck_assert_ptr_nonnull(strstr(warnings, "8 features without geometry skipped in all"));
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

static const struct {
    const char *file, *expect;
    incmap_status st;
} bad_files[] = {
    {"truncated", "unexpected end of input", INCMAP_ERR_PARSE},
    {"trailing_garbage", "unexpected data after the JSON value", INCMAP_ERR_PARSE},
    {"top_array", "expected a FeatureCollection object, got an array", INCMAP_ERR_PARSE},
    {"top_feature", "expected a FeatureCollection, got type \"Feature\"", INCMAP_ERR_PARSE},
    {"top_no_type", "no \"type\" member", INCMAP_ERR_PARSE},
    {"features_not_array", "features: expected an array, got object", INCMAP_ERR_PARSE},
    {"lat_91", "features[0].geometry.coordinates: latitude 91 is out of range", INCMAP_ERR_PARSE},
    {"lon_540", "features[0].geometry.coordinates[0][2]: longitude 540 is out of range",
     INCMAP_ERR_PARSE},
    {"nan_literal", "line 3, column 49) near 'NaN, 36.5]}}]}': NaN and Infinity", INCMAP_ERR_PARSE},
    {"infinity_literal", "NaN and Infinity are not JSON numbers", INCMAP_ERR_PARSE},
    {"overflow_number", "features[0].geometry.coordinates[1]: longitude is not a finite number",
     INCMAP_ERR_PARSE},
    {"coord_string", "features[0].geometry.coordinates: longitude is a string, not a number",
     INCMAP_ERR_PARSE},
    {"position_1", "features[0].geometry.coordinates[1]: position has 1 number(s)",
     INCMAP_ERR_PARSE},
    {"position_10", "features[0].geometry.coordinates: position has more than 3 numbers",
     INCMAP_ERR_PARSE},
    {"ring_unclosed", "features[0].geometry.coordinates[0]: ring is not closed", INCMAP_ERR_PARSE},
    {"ring_3", "features[0].geometry.coordinates[1]: ring has 3 position(s)", INCMAP_ERR_PARSE},
    {"line_1", "features[0].geometry.coordinates[1]: a line needs at least 2 positions, got 1",
     INCMAP_ERR_PARSE},
    {"unknown_type", "features[0].geometry: unknown geometry type \"Circle\"", INCMAP_ERR_PARSE},
    {"nested_collection", "features[1]: a nested FeatureCollection is not allowed",
     INCMAP_ERR_PARSE},
    {"geometry_collection", "features[0].geometry: GeometryCollection is not supported",
     INCMAP_ERR_PARSE},
    {"crs_3857", "crs: CRS \"urn:ogc:def:crs:EPSG::3857\" is not WGS84", INCMAP_ERR_PARSE},
    {"multipolygon_deep_lat",
     "features[1].geometry.coordinates[1][1][3]: latitude -95.5 is out of range", INCMAP_ERR_PARSE},
    {"precision_7", "features[0].properties.precision: precision 7 is out of range [1, 3]",
     INCMAP_ERR_PARSE},
    {"confidence_1_5", "features[0].properties.confidence: confidence 1.5 is out of range",
     INCMAP_ERR_PARSE},
    {"negative_fatalities", "features[0].properties.fatalities: fatalities -3 is out of range [0, ",
     INCMAP_ERR_PARSE},
    {"fraction_injured", "features[0].properties.injured: injured 2.5 is not a whole number",
     INCMAP_ERR_PARSE},
    {"unknown_role", "features[0].properties.role: unknown role \"launcher\"", INCMAP_ERR_PARSE},
    /* quoted file text is cut at a character boundary, control characters shown as '?' */
    {"unknown_role_arabic", "unknown role \"نقطة الإطلاق قرب الحد\"", INCMAP_ERR_PARSE},
    {"unknown_role_control", "unknown role \"x?? launch\xc3\xa9\"", INCMAP_ERR_PARSE},
    {"incident_negative", "features[0].properties.incident: incident -2 is out of range",
     INCMAP_ERR_PARSE},
    {"incident_string", "features[0].properties.incident: incident must be a number or null",
     INCMAP_ERR_PARSE},
    {"name_number", "features[0].properties.name: expected a string or null, got number",
     INCMAP_ERR_PARSE},
    {"end_before_start", "features[0].properties: end 4 is before start 20", INCMAP_ERR_PARSE},
    {"id_object", "features[0]: id must be a string or a number, got object", INCMAP_ERR_PARSE},
    {"missing_geometry", "features[0]: member \"geometry\" is missing", INCMAP_ERR_PARSE},
    {"newer_schema", "incmap.schema: schema 2 is newer", INCMAP_ERR_PARSE},
    {"bbox_short", "bbox: expected an array of 4 or 6 numbers", INCMAP_ERR_PARSE},
    {"empty", "empty input", INCMAP_ERR_PARSE},
    {"bom_only", "empty input", INCMAP_ERR_PARSE},
    {"bad_utf8_name", "features[0].properties.name: invalid UTF-8 at byte 2", INCMAP_ERR_PARSE},
    {"surrogate_escape", "not valid JSON at byte", INCMAP_ERR_PARSE},
    {"nul_byte", "NUL byte at byte 29 (line 1)", INCMAP_ERR_PARSE},
    {"deep_nesting", "nesting deeper than 100 levels at byte 150", INCMAP_ERR_PARSE},
};

START_TEST(invalid_fixture_fails_with_where)
{
    const char *name = bad_files[_i].file;
    char rel[256];
    snprintf(rel, sizeof rel, "geojson/invalid/%s.geojson", name);
    incmap_ctx *ctx = new_ctx();
    incmap_incidents *inc = incmap_geojson_load(ctx, fixture_path(rel));
    ck_assert_msg(inc == NULL, "%s: read without error", name);
    ck_assert_msg(incmap_ctx_status(ctx) == bad_files[_i].st, "%s: status %d: %s", name,
                  incmap_ctx_status(ctx), incmap_ctx_message(ctx));
    const char *msg = incmap_ctx_message(ctx);
    ck_assert_msg(strstr(msg, bad_files[_i].expect) != NULL, "%s: message '%s' lacks '%s'", name,
                  msg, bad_files[_i].expect);
    ck_assert_msg(strstr(msg, ".geojson: ") != NULL, "%s: message does not name the file", name);
    ck_assert_ptr_null(strchr(msg, '\n'));
    size_t bad;
    ck_assert_msg(incmap_utf8_check(msg, strlen(msg), &bad), "%s: message not UTF-8", name);
    incmap_ctx_destroy(ctx);
}
END_TEST

START_TEST(limits_are_enforced)
{
    incmap_ctx *ctx = new_ctx();
    size_t big = INCMAP_GEOJSON_MAX_BYTES + 1;
    char *buf = calloc(big, 1);
    ck_assert_ptr_null(incmap_geojson_read(ctx, buf, big));
    ck_assert_int_eq(incmap_ctx_status(ctx), INCMAP_ERR_LIMIT);
    ck_assert_ptr_nonnull(strstr(incmap_ctx_message(ctx), "over the limit of 64 MiB"));
    free(buf);
    /* a large but legal line string reads */
    size_t n = 200000, cap = n * 24 + 256, len = 0;
    buf = malloc(cap);
    len += (size_t)snprintf(buf, cap,
                            "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":"
                            "\"Feature\",\"properties\":null,\"geometry\":{\"type\":"
                            "\"LineString\",\"coordinates\":[");
    for (size_t i = 0; i < n; i++) {
        len += (size_t)snprintf(buf + len, cap - len, "%s[%.4f,%.4f]", i > 0 ? "," : "",
                                -170 + (double)i * 1e-3, 10.0);
    }
    len += (size_t)snprintf(buf + len, cap - len, "]}}]}");
    incmap_incidents *inc = incmap_geojson_read(ctx, buf, len);
    ck_assert_msg(inc != NULL, "%s", incmap_ctx_message(ctx));
    ck_assert_uint_eq(incmap_incidents_feature(inc, 0)->geom->npoints, n);
    incmap_incidents_destroy(inc);
    free(buf);
    incmap_ctx_destroy(ctx);
}
END_TEST

static size_t dir_entries(const char *dir)
{
    DIR *d = opendir(dir);
    size_t n = 0;
    for (struct dirent *e; d != NULL && (e = readdir(d)) != NULL;) {
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    }
    if (d != NULL) {
        closedir(d);
    }
    return n;
}

START_TEST(save_is_atomic)
{
    incmap_ctx *ctx = new_ctx();
    incmap_incidents *inc = sample(ctx);
    const char *ok = tmp_path("saved.geojson");
    ck_assert_int_eq(incmap_geojson_save(ctx, inc, ok), INCMAP_OK);
    incmap_incidents *back = incmap_geojson_load(ctx, ok);
    ck_assert_ptr_nonnull(back);
    ck_assert_uint_eq(incmap_incidents_feature_count(back), 5);
    incmap_incidents_destroy(back);
    unlink(ok);
    /* into a directory that does not exist, and onto a directory */
    char missing[4096];
    snprintf(missing, sizeof missing, "%s/no/such/dir/out.geojson", tmp_path("x"));
    ck_assert_int_eq(incmap_geojson_save(ctx, inc, missing), INCMAP_ERR_IO);
    ck_assert_int_ne(access(missing, F_OK), 0);
    const char *dir = tmp_path("outdir");
    ck_assert_int_eq(mkdir(dir, 0755), 0);
    ck_assert_int_eq(incmap_geojson_save(ctx, inc, dir), INCMAP_ERR_IO);
    ck_assert_ptr_nonnull(strstr(incmap_ctx_message(ctx), "is a directory"));
    /* an invalid model: nothing written, no temporary file left behind */
    char inside[4096];
    snprintf(inside, sizeof inside, "%s/bad.geojson", dir);
    incmap_feature f = incmap_feature_init();
    f.geom = incmap_geom_point(0, 99);
    add(inc, ctx, &f);
    ck_assert_int_eq(incmap_geojson_save(ctx, inc, inside), INCMAP_ERR_INVALID_ARG);
    ck_assert_uint_eq(dir_entries(dir), 0);
    /* /proc refuses new files even to root, so this runs wherever the tests run as */
    incmap_incidents *empty = incmap_incidents_create(ctx);
    ck_assert_int_eq(incmap_geojson_save(ctx, empty, "/proc/incmap-test.geojson"), INCMAP_ERR_IO);
    ck_assert_int_ne(access("/proc/incmap-test.geojson", F_OK), 0);
    if (geteuid() != 0) { /* root writes into read-only directories */
        ck_assert_int_eq(chmod(dir, 0555), 0);
        ck_assert_int_eq(incmap_geojson_save(ctx, empty, inside), INCMAP_ERR_IO);
        ck_assert_uint_eq(dir_entries(dir), 0);
        chmod(dir, 0755);
    }
    incmap_incidents_destroy(empty);
    rmdir(dir);
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

/* A lone geometry (incmap lookup's features) follows the incident writer's rules: 6 decimals,
 * closed rings, exterior counter-clockwise and holes clockwise, bbox of the rounded values, and
 * vertices outside lon/lat refused. */
START_TEST(lone_geometry_follows_the_writer_rules)
{
    incmap_ctx *ctx = new_ctx();
    /* an exterior given clockwise and open, a hole given counter-clockwise: both reversed, the
     * exterior closed */
    const double xy[] = {40.0000004, 30,   40,   31,   41,   31,   41,   30,   40.2,
                         30.2,       40.8, 30.2, 40.8, 30.8, 40.2, 30.8, 40.2, 30.2};
    const size_t rings[] = {4, 9};
    incmap_geom *g = geom_from(INCMAP_GEOM_POLYGON, xy, 9, rings, 2, NULL, 0);
    double bb[4] = {0, 0, 0, 0};
    char *text = incmap_geojson_geometry_write(ctx, g, bb);
    ck_assert_msg(text != NULL, "%s", incmap_ctx_message(ctx));
    ck_assert_str_eq(text, "{\"type\":\"Polygon\",\"coordinates\":"
                           "[[[41,30],[41,31],[40,31],[40,30],[41,30]],"
                           "[[40.2,30.2],[40.2,30.8],[40.8,30.8],[40.8,30.2],[40.2,30.2]]]}");
    ck_assert(bb[0] == 40 && bb[1] == 30 && bb[2] == 41 && bb[3] == 31);
    incmap_free(text);
    incmap_geom_destroy(g);

    incmap_geom *p = incmap_geom_point(44.1234567, -0.0000001);
    text = incmap_geojson_geometry_write(ctx, p, NULL);
    ck_assert_str_eq(text, "{\"type\":\"Point\",\"coordinates\":[44.123457,0]}");
    incmap_free(text);
    p->xy[1] = 91;
    ck_assert_ptr_null(incmap_geojson_geometry_write(ctx, p, bb));
    ck_assert_int_eq(incmap_ctx_status(ctx), INCMAP_ERR_INVALID_ARG);
    ck_assert_ptr_nonnull(strstr(incmap_ctx_message(ctx), "outside lon -180..180"));
    incmap_geom_destroy(p);
    incmap_ctx_destroy(ctx);
}
END_TEST

static Suite *geojson_suite(void)
{
    Suite *s = suite_create("geojson");
    TCase *tc = tcase_create("geojson");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, round_trip_preserves_every_field_and_geometry);
    tcase_add_test(tc, written_form_rounds_nulls_and_bounds);
    tcase_add_test(tc, empty_collection_is_valid);
    tcase_add_test(tc, written_form_matches_golden_files);
    tcase_add_test(tc, writer_refuses_what_the_reader_would_refuse);
    tcase_add_test(tc, qgis_edited_file_reads);
    tcase_add_test(tc, tolerates_bom_multipoint_and_duplicate_keys);
    tcase_add_test(tc, skipped_features_warn_then_count);
    tcase_add_loop_test(tc, invalid_fixture_fails_with_where, 0,
                        (int)(sizeof bad_files / sizeof bad_files[0]));
    tcase_add_test(tc, limits_are_enforced);
    tcase_add_test(tc, save_is_atomic);
    tcase_add_test(tc, lone_geometry_follows_the_writer_rules);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(geojson_suite());
}

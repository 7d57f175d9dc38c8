/* The single-file HTML map (src/render/render_html*.c): the example's page within its size budget
 * with every part inside (Leaflet, the JSON blocks, the <noscript> PNG) and nothing fetched from
 * elsewhere; names and third-party code that contain "</script>" or "<!--" cannot end or change
 * their element; a missing Leaflet is an I/O error that says how to fetch it and leaves no file.
 * The page's behaviour in a browser is checked by tests/e2e/html_browser.sh. */
#include "core/core.h"
#include "render/render_html.h"
#include "testutil.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The budget for the example's page. */
#define EXAMPLE_BUDGET_BYTES (2u * 1024u * 1024u)

/* not inlined: GCC 12 then mistakes the returned buffer for the local pointer variable */
__attribute__((noinline)) static char *slurp(const char *path, size_t *len)
{
    incmap_ctx *ctx = incmap_ctx_create();
    char *buf = NULL;
    ck_assert_int_eq(incmap_read_file(ctx, path, 64u << 20, &buf, len), INCMAP_OK);
    incmap_ctx_destroy(ctx);
    return buf;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0, at = 0, step = strlen(needle);
    for (const char *p; (p = strstr(hay + at, needle)) != NULL; at = (size_t)(p - hay) + step) {
        n++;
    }
    return n;
}

/* The JSON of <script type="application/json" id="ID">, parsed (owned: cJSON_Delete()). */
static cJSON *json_block(const char *page, const char *id)
{
    char open[128];
    snprintf(open, sizeof open, "<script type=\"application/json\" id=\"%s\">", id);
    const char *a = strstr(page, open);
    ck_assert_msg(a != NULL, "no %s block", id);
    a += strlen(open);
    const char *b = strstr(a, "</script>");
    ck_assert_ptr_nonnull(b);
    cJSON *j = cJSON_ParseWithLength(a, (size_t)(b - a));
    ck_assert_msg(j != NULL, "%s: not JSON", id);
    return j;
}

static const char *env_or(const char *name, const char *fallback)
{
    const char *v = getenv(name);
    return v != NULL && v[0] != '\0' ? v : fallback;
}

START_TEST(example_page_is_whole_and_within_budget)
{
    char example[4096], gpkg[4096];
    snprintf(example, sizeof example, "%s/maps/example.geojson", env_or("INCMAP_SOURCE_DIR", ".."));
    snprintf(gpkg, sizeof gpkg, "%s", env_or("INCMAP_DEFAULT_GAZETTEER", ""));
    ck_assert_msg(access(gpkg, R_OK) == 0,
                  "the default gazetteer %s is missing: run `incmap gazetteer build`", gpkg);
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_incidents *inc = incmap_geojson_load(ctx, example);
    ck_assert_ptr_nonnull(inc);
    incmap_render_opts o = incmap_render_opts_default();
    const char *out = tmp_path("example.html");
    incmap_status st = incmap_render_html(ctx, gpkg, inc, &o, out);
    ck_assert_msg(st == INCMAP_OK, "%s", incmap_ctx_message(ctx));
    size_t len = 0;
    char *page = slurp(out, &len);
    ck_assert_msg(len <= EXAMPLE_BUDGET_BYTES, "the example's page is %zu bytes", len);
    ck_assert_uint_gt(len, 200000); /* Leaflet, the base layers and the PNG are all inside */
    ck_assert(strncmp(page, "<!DOCTYPE html>\n<html lang=\"en\">", 31) == 0);
    ck_assert_uint_eq(count(page, "<script"), 6);
    ck_assert_uint_eq(count(page, "</script>"), 6);
    ck_assert_ptr_nonnull(strstr(page, "t.version=\"1.9.4\"")); /* Leaflet itself */
    ck_assert_ptr_null(strstr(page, "sourceMappingURL"));
    ck_assert_ptr_nonnull(strstr(page, "<noscript><p class=\"incmap-static\"><img "
                                       "src=\"data:image/png;base64,iVBORw0KGgo"));
    ck_assert_ptr_nonnull(strstr(page, "GeoNames (CC BY 4.0), Natural Earth, OurAirports"));
    /* nothing that a browser would fetch: no remote or relative src, href or url() */
    ck_assert_ptr_null(strstr(page, "src=\"http"));
    ck_assert_ptr_null(strstr(page, "<link"));
    ck_assert_ptr_null(strstr(page, "url(http"));
    cJSON *incidents = json_block(page, "incmap-incidents");
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(incidents, "features")),
                     (int)incmap_incidents_feature_count(inc));
    cJSON *base = json_block(page, "incmap-base");
    ck_assert_int_gt(cJSON_GetArraySize(cJSON_GetObjectItem(base, "features")), 50);
    cJSON *ov = json_block(page, "incmap-overlays");
    char *ov_text = cJSON_PrintUnformatted(ov);
    ck_assert_ptr_nonnull(strstr(ov_text, "\"kind\":\"arrow\""));
    cJSON_free(ov_text);
    cJSON *cfg = json_block(page, "incmap-config");
    cJSON *colors = cJSON_GetObjectItem(cfg, "colors");
    ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(colors, "launch")), "#d55e00");
    ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(colors, "target")), "#e69f00");
    ck_assert_int_ge(cJSON_GetArraySize(cJSON_GetObjectItem(cfg, "legend")), 4);
    cJSON_Delete(incidents);
    cJSON_Delete(base);
    cJSON_Delete(ov);
    cJSON_Delete(cfg);
    free(page);
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

static void add_point(incmap_incidents *inc, incmap_ctx *ctx, incmap_role role, const char *name,
                      double lon, double lat)
{
    incmap_feature f = incmap_feature_init();
    f.incident = 1;
    f.role = role;
    f.name = (char *)name;
    f.text = (char *)name;
    f.event_type = (char *)"rocket attack";
    f.geom = incmap_geom_point(lon, lat);
    ck_assert_int_eq(incmap_incidents_add(inc, ctx, &f), INCMAP_OK);
    incmap_geom_destroy(f.geom);
}

static void write_text(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    ck_assert_ptr_nonnull(fp);
    fputs(text, fp);
    ck_assert_int_eq(fclose(fp), 0);
}

START_TEST(script_and_comment_openers_are_escaped)
{
    /* a stand-in Leaflet whose code and stylesheet contain element ends and comment openers */
    char dir[4096], path[4200];
    snprintf(dir, sizeof dir, "%s", tmp_path("fake-leaflet"));
    ck_assert_int_eq(mkdir(dir, 0755), 0);
    snprintf(path, sizeof path, "%s/leaflet.js", dir);
    write_text(path, "var a = \"</script><script>alert(1)</SCRIPT>\", b = \"<!--\";\n"
                     "//# sourceMappingURL=leaflet.js.map\n");
    snprintf(path, sizeof path, "%s/leaflet.css", dir);
    write_text(path, "/* </style><script>alert(2)</script> */\n");
    static const char hostile[] = "</script><script>alert(3)</script><!-- \"&";
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_incidents *inc = incmap_incidents_create(ctx);
    add_point(inc, ctx, INCMAP_ROLE_LAUNCH, hostile, 42.6, 36.6);
    add_point(inc, ctx, INCMAP_ROLE_TARGET, "Hasakah", 40.7, 36.5);
    incmap_render_opts o = incmap_render_opts_default();
    o.leaflet_dir = dir;
    o.title = hostile;
    const char *out = tmp_path("hostile.html");
    incmap_status st = incmap_render_html(ctx, NULL, inc, &o, out);
    ck_assert_msg(st == INCMAP_OK, "%s", incmap_ctx_message(ctx));
    size_t len = 0;
    char *page = slurp(out, &len);
    /* only our own six script elements end: none of the hostile texts closes one */
    ck_assert_uint_eq(count(page, "</script>"), 6);
    ck_assert_uint_eq(count(page, "</SCRIPT>"), 0);
    ck_assert_uint_eq(count(page, "</style>"), 3);
    ck_assert_uint_eq(count(page, "<!--"), 0);
    ck_assert_ptr_nonnull(strstr(page, "var a = \"<\\/script><script>alert(1)<\\/SCRIPT>\""));
    ck_assert_ptr_nonnull(strstr(page, "b = \"<\\!--\""));
    ck_assert_ptr_null(strstr(page, "sourceMappingURL"));
    /* the title as text, escaped */
    ck_assert_ptr_nonnull(strstr(page, "<h1>&lt;/script&gt;&lt;script&gt;alert(3)&lt;/script&gt;"
                                       "&lt;!-- &quot;&amp;</h1>"));
    /* and the JSON still reads back to the exact name */
    cJSON *incidents = json_block(page, "incmap-incidents");
    cJSON *f0 = cJSON_GetArrayItem(cJSON_GetObjectItem(incidents, "features"), 0);
    cJSON *name = cJSON_GetObjectItem(cJSON_GetObjectItem(f0, "properties"), "name");
    ck_assert_str_eq(cJSON_GetStringValue(name), hostile);
    cJSON *cfg = json_block(page, "incmap-config");
    ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(cfg, "title")), hostile);
    cJSON_Delete(incidents);
    cJSON_Delete(cfg);
    free(page);
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

START_TEST(missing_leaflet_is_an_io_error_naming_the_fix)
{
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_incidents *inc = incmap_incidents_create(ctx);
    add_point(inc, ctx, INCMAP_ROLE_SITE, "Hillah", 44.42, 32.48);
    incmap_render_opts o = incmap_render_opts_default();
    o.leaflet_dir = "/nonexistent/leaflet";
    const char *out = tmp_path("no-leaflet.html");
    ck_assert_int_eq(incmap_render_html(ctx, NULL, inc, &o, out), INCMAP_ERR_IO);
    const char *msg = incmap_ctx_message(ctx);
    ck_assert_msg(strstr(msg, "incmap gazetteer fetch") != NULL &&
                      strstr(msg, "INCMAP_LEAFLET_DIR") != NULL &&
                      strstr(msg, "/nonexistent/leaflet/leaflet.js") != NULL,
                  "message: %s", msg);
    ck_assert_ptr_null(strchr(msg, '\n'));
    ck_assert_int_ne(access(out, F_OK), 0);
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
}
END_TEST

/* The stream's escapes and encodings, through a real atomic file. */
START_TEST(output_helpers)
{
    incmap_ctx *ctx = incmap_ctx_create();
    const char *out = tmp_path("helpers.txt");
    html_out o = {.ctx = ctx, .af = incmap_afile_open(ctx, out)};
    ck_assert_ptr_nonnull(o.af);
    static const unsigned char man[] = "Many hands";
    html_put_base64(&o, man, 4);
    html_put(&o, "|");
    html_put_base64(&o, man, 5);
    html_put(&o, "|");
    html_put_base64(&o, man, 6);
    html_put(&o, "|");
    html_put_coord(&o, 44.1000004, 4);
    html_put(&o, "|");
    html_put_coord(&o, -0.00001, 3);
    html_put(&o, "|");
    html_put_coord(&o, 12, 3);
    html_put(&o, "|");
    html_put_json(&o, "{\"n\":\"a<b\"}", 11);
    html_put(&o, "|");
    html_put_text(&o, "<a href=\"x\">&</a>");
    html_put(&o, "|");
    html_put_code(&o, "x</STYLE><!-- </scrip", 21);
    ck_assert_int_eq(o.st, INCMAP_OK);
    ck_assert_int_eq(incmap_afile_commit(o.af), INCMAP_OK);
    size_t len = 0;
    char *got = slurp(out, &len);
    ck_assert_str_eq(got, "TWFueQ==|TWFueSA=|TWFueSBo|44.1|0|12|{\"n\":\"a\\u003cb\"}|"
                          "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;|"
                          "x<\\/STYLE><\\!-- </scrip");
    free(got);
    incmap_ctx_destroy(ctx);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("render_html");
    TCase *tc = tcase_create("html");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, output_helpers);
    tcase_add_test(tc, script_and_comment_openers_are_escaped);
    tcase_add_test(tc, missing_leaflet_is_an_io_error_naming_the_fix);
    tcase_add_test(tc, example_page_is_whole_and_within_budget);
    suite_add_tcase(s, tc);
    return run_suite(s);
}

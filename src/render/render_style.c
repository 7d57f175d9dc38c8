/* Map style: built-in defaults (the same values as maps/style.json, checked by a test) and a
 * JSON merge for --style / INCMAP_STYLE files. A partial file overrides only what it names;
 * an unknown key is an error (a typo would otherwise be silently ignored). */
#include "render/render_internal.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { T_COLOR, T_NUM, T_FONT, T_BOOL };

typedef struct {
    const char *group, *key;
    int type;
    size_t off;
    const char *def; /* default, as text */
    double min, max; /* T_NUM: the range the drawing code can use */
} style_key;

/* Text is drawn scaled from a reference size, so a size of 0 is a singular matrix (cairo then
 * fails the whole map); widths of 0 draw nothing, which is allowed. */
#define SIZE_MIN 1.0
#define NUM_MAX 200.0

#define C(k, field, d)                                                                             \
    {                                                                                              \
        "colors", k, T_COLOR, offsetof(render_style, field), d, 0, 0                               \
    }
#define W(k, field, d)                                                                             \
    {                                                                                              \
        "widths", k, T_NUM, offsetof(render_style, field), d, 0, NUM_MAX                           \
    }
#define S(k, field, d)                                                                             \
    {                                                                                              \
        "sizes", k, T_NUM, offsetof(render_style, field), d, SIZE_MIN, NUM_MAX                     \
    }

static const style_key keys[] = {
    C("background", background, "#ffffff"),
    C("sea", sea, "#d6e4ec"),
    C("land", land, "#e8e5de"),
    C("land_focus", land_focus, "#fbfaf7"),
    C("country_line", country_line, "#827a6e"),
    C("admin1_line", admin1_line, "#b8b0a3"),
    C("graticule", graticule, "#8fa6ba80"),
    C("frame", frame, "#3c3c3c"),
    C("text", text, "#1c1c1c"),
    C("text_muted", text_muted, "#5c5c5c"),
    C("halo", halo, "#ffffffe0"),
    C("country_label", country_label, "#6b645a"),
    C("place", place, "#333333"),
    C("launch", launch, "#d55e00"),
    C("target", target, "#e69f00"),
    C("border", border, "#0072b2"),
    C("arrow", arrow, "#262626"),
    C("site", site, "#009e73"),
    C("range", range, "#cc79a7"),
    C("mention", mention, "#767676"),
    C("legend_bg", legend_bg, "#ffffffeb"),
    C("inset_sea", inset_sea, "#d6e4ec"),
    C("inset_land", inset_land, "#e8e5de"),
    C("inset_frame", inset_frame, "#d55e00"),
    C("water", water, "#d6e4ec"),
    C("river", river, "#8cb3d0"),
    C("coast_line", coast_line, "#8aa3b5"),
    C("sea_label", sea_label, "#4f7ea3"),
    C("disputed_fill", disputed_fill, "#b3a58c24"),
    C("disputed_hatch", disputed_hatch, "#8c7d6473"),
    {NULL, "target_fill_alpha", T_NUM, offsetof(render_style, target_fill_alpha), "0.22", 0, 1},
    W("country", w_country, "0.9"),
    W("admin1", w_admin1, "0.45"),
    W("border", w_border, "2.6"),
    W("arrow", w_arrow, "1.7"),
    W("range", w_range, "1.0"),
    W("frame", w_frame, "0.8"),
    W("graticule", w_graticule, "0.4"),
    W("target", w_target, "1.2"),
    W("halo", w_halo, "2.4"),
    W("river", w_river, "0.9"),
    W("coast", w_coast, "0.5"),
    W("defacto", w_defacto, "1.1"),
    W("claim", w_claim, "0.9"),
    S("title", sz_title, "19"),
    S("subtitle", sz_subtitle, "10"),
    S("label", sz_label, "10"),
    S("country", sz_country, "10.5"),
    S("place", sz_place, "7.8"),
    S("legend", sz_legend, "8.3"),
    S("credits", sz_credits, "6.8"),
    S("tick", sz_tick, "6.8"),
    S("symbol", sz_symbol, "13"),
    S("sea", sz_sea, "9"),
    {"fonts", "body", T_FONT, offsetof(render_style, font), "Noto Sans, DejaVu Sans", 0, 0},
    {"fonts", "title", T_FONT, offsetof(render_style, font_title), "Noto Sans, DejaVu Sans", 0, 0},
    {NULL, "graticule_lines", T_BOOL, offsetof(render_style, graticule_lines), "true", 0, 0},
};
#define NKEYS (sizeof keys / sizeof keys[0])

static int hexval(char c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

/* "#rrggbb" or "#rrggbbaa". */
static bool parse_color(const char *s, rcolor *out)
{
    size_t n = strlen(s);
    if (s[0] != '#' || (n != 7 && n != 9)) {
        return false;
    }
    double v[4] = {0, 0, 0, 1};
    for (size_t i = 0; i < (n - 1) / 2; i++) {
        int hi = hexval(s[1 + 2 * i]), lo = hexval(s[2 + 2 * i]);
        if (hi < 0 || lo < 0) {
            return false;
        }
        v[i] = (hi * 16 + lo) / 255.0;
    }
    *out = (rcolor){v[0], v[1], v[2], v[3]};
    return true;
}

static bool set_value(render_style *st, const style_key *k, const cJSON *item)
{
    char *base = (char *)st;
    switch (k->type) {
    case T_COLOR:
        return cJSON_IsString(item) && parse_color(item->valuestring, (rcolor *)(base + k->off));
    case T_NUM:
        if (!cJSON_IsNumber(item) || !isfinite(item->valuedouble) || item->valuedouble < k->min ||
            item->valuedouble > k->max) {
            return false;
        }
        *(double *)(base + k->off) = item->valuedouble;
        return true;
    case T_FONT:
        if (!cJSON_IsString(item) || strlen(item->valuestring) >= sizeof st->font ||
            item->valuestring[0] == '\0') {
            return false;
        }
        strcpy(base + k->off, item->valuestring);
        return true;
    case T_BOOL:
        if (!cJSON_IsBool(item)) {
            return false;
        }
        *(bool *)(base + k->off) = cJSON_IsTrue(item);
        return true;
    default:
        return false;
    }
}

void render_style_defaults(render_style *st)
{
    memset(st, 0, sizeof *st);
    for (size_t i = 0; i < NKEYS; i++) {
        cJSON *item = keys[i].type == T_COLOR || keys[i].type == T_FONT
                          ? cJSON_CreateString(keys[i].def)
                      : keys[i].type == T_BOOL ? cJSON_CreateBool(strcmp(keys[i].def, "true") == 0)
                                               : cJSON_CreateNumber(strtod(keys[i].def, NULL));
        if (item != NULL) {
            set_value(st, &keys[i], item);
            cJSON_Delete(item);
        }
    }
}

static const style_key *find_key(const char *group, const char *key)
{
    for (size_t i = 0; i < NKEYS; i++) {
        bool same_group = group == NULL
                              ? keys[i].group == NULL
                              : keys[i].group != NULL && strcmp(group, keys[i].group) == 0;
        if (same_group && strcmp(key, keys[i].key) == 0) {
            return &keys[i];
        }
    }
    return NULL;
}

static bool is_group(const char *name)
{
    for (size_t i = 0; i < NKEYS; i++) {
        if (keys[i].group != NULL && strcmp(keys[i].group, name) == 0) {
            return true;
        }
    }
    return false;
}

static incmap_status merge_item(incmap_ctx *ctx, render_style *st, const char *group,
                                const cJSON *item, const char *what)
{
    const style_key *k = find_key(group, item->string);
    if (k == NULL) {
        return incmap_fail(ctx, INCMAP_ERR_PARSE, "%s: unknown style key '%s%s%s'", what,
                           group ? group : "", group ? "." : "", item->string);
    }
    if (!set_value(st, k, item)) {
        char range[48];
        snprintf(range, sizeof range, "expected a number %g..%g", k->min, k->max);
        return incmap_fail(ctx, INCMAP_ERR_PARSE, "%s: bad value for '%s%s%s' (%s)", what,
                           group ? group : "", group ? "." : "", item->string,
                           k->type == T_COLOR  ? "expected \"#rrggbb\" or \"#rrggbbaa\""
                           : k->type == T_NUM  ? range
                           : k->type == T_BOOL ? "expected true or false"
                                               : "expected a font list");
    }
    return INCMAP_OK;
}

incmap_status render_style_merge_json(incmap_ctx *ctx, render_style *st, const char *json,
                                      size_t len, const char *what)
{
    const char *end = NULL;
    cJSON *doc = cJSON_ParseWithLengthOpts(json, len, &end, false);
    if (doc == NULL || !cJSON_IsObject(doc)) {
        size_t at = end != NULL && end >= json ? (size_t)(end - json) : 0;
        cJSON_Delete(doc);
        return incmap_fail(ctx, INCMAP_ERR_PARSE, "%s: not a JSON object (error near byte %zu)",
                           what, at);
    }
    render_style tmp = *st; /* all or nothing */
    incmap_status s = INCMAP_OK;
    const cJSON *item;
    cJSON_ArrayForEach(item, doc)
    {
        if (s != INCMAP_OK) {
            break;
        }
        if (cJSON_IsObject(item) && is_group(item->string)) {
            const cJSON *sub;
            cJSON_ArrayForEach(sub, item)
            {
                if ((s = merge_item(ctx, &tmp, item->string, sub, what)) != INCMAP_OK) {
                    break;
                }
            }
        } else if (strcmp(item->string, "$comment") != 0) {
            s = merge_item(ctx, &tmp, NULL, item, what);
        }
    }
    cJSON_Delete(doc);
    if (s == INCMAP_OK) {
        *st = tmp;
    }
    return s;
}

incmap_status render_style_merge_file(incmap_ctx *ctx, render_style *st, const char *path)
{
    char *buf = NULL;
    size_t len = 0;
    incmap_status s = incmap_read_file(ctx, path, 1 << 20, &buf, &len);
    if (s != INCMAP_OK) {
        return s;
    }
    s = render_style_merge_json(ctx, st, buf, len, path);
    free(buf);
    return s;
}

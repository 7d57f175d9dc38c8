/* libFuzzer target for the render options through the render entry point (incmap_render): the
 * combinations of CRS, extent, image size, dpi, range ring, format and title that --crs,
 * --extent, --size, --dpi, --range-km and --title reach, over a few fixed incident sets (a launch
 * and target, a lone site, points far apart, a point near a pole). The input is text, one option
 * a line ("crs EPSG:3857", "extent 40,30,45,38", "size 400x300", "dpi 96", "range 150",
 * "format svg", "title ...", "set 2"). Whatever the options, incmap_render must either write a
 * map (and then, with a fitted extent, every incident point lies inside the map frame) or fail
 * with a one-line message and leave no file behind. Seeds: tests/fuzz/corpus/render/,
 * dictionary: render.dict. */
#include "incmap/incmap.h"

#include <dirent.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz_render: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    abort();
}

/* clang-format off */
static const char *const sets[] = {
    /* 0: launch and target (the example's shape) */
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[42.6,36.65]},"
    "\"properties\":{\"incident\":1,\"role\":\"launch\",\"name\":\"Zummar\",\"event_type\":\"rocket attack\",\"date\":\"2024-04-21\"}},"
    "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[38,35],[42,35],[42,37],[38,37],[38,35]]]},"
    "\"properties\":{\"incident\":1,\"role\":\"target\",\"name\":\"northeastern Syria\"}},"
    "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[44.4,33.3]},"
    "\"properties\":{\"incident\":0,\"role\":\"mention\",\"name\":\"Baghdad\"}}]}",
    /* 1: one site */
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[13.18,32.89]},"
    "\"properties\":{\"incident\":1,\"role\":\"site\",\"name\":\"Tripoli\",\"uncertainty_km\":5}}]}",
    /* 2: far apart: across the Atlantic and the Pacific */
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[-74,40.7]},"
    "\"properties\":{\"incident\":1,\"role\":\"launch\",\"name\":\"A\"}},"
    "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[139.7,35.7]},"
    "\"properties\":{\"incident\":1,\"role\":\"target\",\"name\":\"B\"}},"
    "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[-179.9,-60]},"
    "\"properties\":{\"incident\":2,\"role\":\"site\",\"name\":\"C\"}}]}",
    /* 3: near a pole */
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[15.6,89.5]},"
    "\"properties\":{\"incident\":1,\"role\":\"site\",\"name\":\"North\"}}]}",
};
/* clang-format on */
#define NSETS (sizeof sets / sizeof sets[0])

static char dir[64];

static size_t dir_entries(void)
{
    size_t n = 0;
    DIR *d = opendir(dir);
    for (struct dirent *e; d != NULL && (e = readdir(d)) != NULL;) {
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    }
    if (d != NULL) {
        closedir(d);
    }
    return n;
}

/* Every incident point (not the mentions) inside the map frame, within a pixel. */
static void check_shows_incidents(incmap_ctx *ctx, const incmap_incidents *inc,
                                  const incmap_render_opts *o)
{
    incmap_render_view *v = incmap_render_view_create(ctx, inc, o);
    double box[4];
    if (v == NULL || !incmap_render_view_box(v, INCMAP_BOX_MAP, box)) {
        broken("a view that rendered cannot be made again", incmap_ctx_message(ctx));
    }
    for (size_t i = 0; i < incmap_incidents_feature_count(inc); i++) {
        const incmap_feature *f = incmap_incidents_feature(inc, i);
        double x, y;
        if (f->role == INCMAP_ROLE_MENTION || f->geom->type != INCMAP_GEOM_POINT) {
            continue;
        }
        incmap_lonlat p = {f->geom->xy[0], f->geom->xy[1]};
        if (!incmap_render_view_to_pixel(v, p, &x, &y) || !(x >= box[0] - 1 && x <= box[2] + 1) ||
            !(y >= box[1] - 1 && y <= box[3] + 1)) {
            broken("a fitted map that does not show an incident", incmap_render_view_crs(v));
        }
    }
    incmap_render_view_destroy(v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096) {
        return 0; /* options are short; long ones only slow the fuzzer */
    }
    if (dir[0] == '\0') {
        snprintf(dir, sizeof dir, "/tmp/fuzz_render.XXXXXX");
        if (mkdtemp(dir) == NULL) {
            broken("cannot make a temporary directory", NULL);
        }
    }
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    incmap_render_opts o = incmap_render_opts_default();
    o.width_px = 320, o.height_px = 240;
    char crs[1024] = "", title[1024] = "";
    const char *ext = "png";
    size_t set = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line != NULL;
         line = strtok_r(NULL, "\n", &save)) {
        char *val = strchr(line, ' ');
        if (val == NULL) {
            continue;
        }
        *val++ = '\0';
        if (strcmp(line, "crs") == 0) {
            snprintf(crs, sizeof crs, "%s", val);
            o.crs = crs;
        } else if (strcmp(line, "extent") == 0) {
            o.has_extent = sscanf(val, "%lf,%lf,%lf,%lf", &o.extent_deg[0], &o.extent_deg[1],
                                  &o.extent_deg[2], &o.extent_deg[3]) == 4;
        } else if (strcmp(line, "size") == 0) {
            sscanf(val, "%dx%d", &o.width_px, &o.height_px);
        } else if (strcmp(line, "dpi") == 0) {
            o.dpi = strtod(val, NULL);
        } else if (strcmp(line, "range") == 0) {
            o.range_km = strtod(val, NULL);
        } else if (strcmp(line, "title") == 0) {
            snprintf(title, sizeof title, "%s", val);
            o.title = o.subtitle = title;
        } else if (strcmp(line, "format") == 0) {
            ext = strcmp(val, "svg") == 0 ? "svg" : strcmp(val, "pdf") == 0 ? "pdf" : "png";
        } else if (strcmp(line, "set") == 0) {
            set = strtoul(val, NULL, 10) % NSETS;
        }
    }
    free(text);
    /* big images in range only slow the fuzzer; out-of-range sizes are still tried */
    if (o.width_px >= 200 && o.height_px >= 200 && o.width_px <= INCMAP_RENDER_MAX_SIDE &&
        o.height_px <= INCMAP_RENDER_MAX_SIDE && (long)o.width_px * o.height_px > 800L * 600L) {
        return 0;
    }
    char path[128];
    snprintf(path, sizeof path, "%s/map.%s", dir, ext);
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_incidents *inc = incmap_geojson_read(ctx, sets[set], strlen(sets[set]));
    if (inc == NULL) {
        broken("a fixed incident set does not read", incmap_ctx_message(ctx));
    }
    incmap_status s = incmap_render(ctx, NULL, inc, &o, path);
    if (s != INCMAP_OK) {
        const char *msg = incmap_ctx_message(ctx);
        if (incmap_ctx_status(ctx) != s || msg[0] == '\0' || strchr(msg, '\n') != NULL) {
            broken("a failed render without a one-line message", msg);
        }
        if (dir_entries() != 0) {
            broken("a failed render left a file behind", msg);
        }
    } else {
        if (access(path, F_OK) != 0 || dir_entries() != 1) {
            broken("a render that succeeded left no map, or more than one file", NULL);
        }
        if (!o.has_extent) {
            check_shows_incidents(ctx, inc, &o);
        }
        unlink(path);
    }
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
    return 0;
}

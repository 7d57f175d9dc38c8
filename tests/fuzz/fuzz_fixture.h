/* A small gazetteer index for the fuzz targets, built in memory through the writer API, so the
 * targets need neither GDAL nor the 85 MB default gazetteer. Real places and coordinates
 * (GeoNames / Natural Earth / OurAirports); the polygons are rough boxes around them. The names
 * cover what the geoparser treats specially: Arabic script, articles (al-, as-), transliteration
 * variants, demonyms, a border, ambiguous names (Tripoli, Babylon), sites and admin-1 areas.
 * Included by the fuzz targets: every function is static. */
#ifndef INCMAP_FUZZ_FIXTURE_H
#define INCMAP_FUZZ_FIXTURE_H

#include "core/core.h"
#include "gazetteer/gzindex.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fixture_die(const char *what, const incmap_ctx *ctx)
{
    fprintf(stderr, "fuzz fixture: %s: %s\n", what, incmap_ctx_message(ctx));
    abort();
}

static incmap_geom *fixture_box(double w, double s, double e, double n)
{
    incmap_geom *g = incmap_geom_create(INCMAP_GEOM_POLYGON, 5, 1, 1);
    if (g == NULL) {
        abort();
    }
    const double xy[] = {w, s, e, s, e, n, w, n, w, s};
    memcpy(g->xy, xy, sizeof xy);
    g->ring_end[0] = 5;
    g->poly_end[0] = 1;
    return g;
}

typedef struct {
    const char *id, *name;
    incmap_kind kind;
    const char *cc, *admin1, *fcode;
    double lon, lat;
    int64_t pop;
    double box[4]; /* w, s, e, n; all zero: a point */
    const char *aliases[4];
    incmap_match tier; /* of the aliases */
} fixture_row;

/* one place a row reads better than one field a line */
/* clang-format off */
static const fixture_row fixture_rows[] = {
    {"ne_admin0:IRQ", "Iraq", INCMAP_KIND_COUNTRY, "IQ", NULL, NULL, 43.7, 33.0, 40000000,
     {38.8, 29.1, 48.6, 37.4}, {"Iraqi", "Iraqis", NULL, NULL}, INCMAP_MATCH_DEMONYM},
    {"ne_admin0:SYR", "Syria", INCMAP_KIND_COUNTRY, "SY", NULL, NULL, 38.5, 35.0, 17500000,
     {35.7, 32.3, 42.4, 37.3}, {"Syrian", "سوريا", NULL, NULL}, INCMAP_MATCH_DEMONYM},
    {"ne_admin0:USA", "United States", INCMAP_KIND_COUNTRY, "US", NULL, NULL, -98.0, 39.0,
     331000000, {-125.0, 24.5, -66.9, 49.4}, {"U.S.", "American", "USA", NULL},
     INCMAP_MATCH_DEMONYM},
    {"ne_admin0:LBN", "Lebanon", INCMAP_KIND_COUNTRY, "LB", NULL, NULL, 35.9, 33.9, 5500000,
     {35.1, 33.05, 36.6, 34.7}, {"Lebanese", NULL, NULL, NULL}, INCMAP_MATCH_DEMONYM},
    {"ne_admin1:IRQ-3216", "Babil", INCMAP_KIND_ADMIN1, "IQ", NULL, NULL, 44.5, 32.5, -1,
     {44.0, 32.0, 45.0, 33.0}, {"Babylon", "بابل", NULL, NULL}, INCMAP_MATCH_ALIAS},
    {"ne_admin1:IRQ-ninawa", "Ninawa", INCMAP_KIND_ADMIN1, "IQ", NULL, NULL, 42.5, 36.0, -1,
     {41.2, 35.0, 43.9, 37.1}, {"Nineveh", "Nineveh governorate", NULL, NULL},
     INCMAP_MATCH_ALIAS},
    {"ne_admin1:SYR-hasakah", "Al-Hasakah", INCMAP_KIND_ADMIN1, "SY", NULL, NULL, 40.9, 36.5, -1,
     {39.9, 35.6, 42.4, 37.3}, {"Hasakah Governorate", NULL, NULL, NULL}, INCMAP_MATCH_ALIAS},
    {"geonames:1", "Tripoli", INCMAP_KIND_PLACE, "LY", "Tripoli", "PPLC", 13.18733, 32.88743,
     1150989, {0, 0, 0, 0}, {"Tarabulus", "طرابلس", NULL, NULL}, INCMAP_MATCH_ALIAS},
    {"geonames:2", "Tripoli", INCMAP_KIND_PLACE, "LB", "North", "PPLA", 35.84972, 34.43667,
     229398, {0, 0, 0, 0}, {NULL, NULL, NULL, NULL}, INCMAP_MATCH_ALIAS},
    {"geonames:3", "Babylon", INCMAP_KIND_PLACE, "US", "New York", "PPL", -73.32568, 40.69566,
     12166, {0, 0, 0, 0}, {NULL, NULL, NULL, NULL}, INCMAP_MATCH_ALIAS},
    {"geonames:4", "Al-Hasakah", INCMAP_KIND_PLACE, "SY", "Al-Hasakah", "PPLA", 40.74841,
     36.50237, 188160, {0, 0, 0, 0}, {"Al Ḩasakah", "الحسكة", "Hassakeh", NULL},
     INCMAP_MATCH_ALIAS},
    {"geonames:5", "Mosul", INCMAP_KIND_PLACE, "IQ", "Ninawa", "PPLA", 43.11889, 36.335, 1739800,
     {0, 0, 0, 0}, {"الموصل", "Al-Mawsil", NULL, NULL}, INCMAP_MATCH_ALIAS},
    {"geonames:6", "Tall Afar", INCMAP_KIND_PLACE, "IQ", "Ninawa", "PPLA2", 42.45, 36.37, 205000,
     {0, 0, 0, 0}, {"Tal Afar", "Tel Afar", NULL, NULL}, INCMAP_MATCH_VARIANT},
    {"geonames:7", "Al Hillah", INCMAP_KIND_PLACE, "IQ", "Babil", "PPLA", 44.42, 32.46, 541034,
     {0, 0, 0, 0}, {"Hilla", "الحلة", NULL, NULL}, INCMAP_MATCH_ALIAS},
    {"geonames:8", "Qamishli", INCMAP_KIND_PLACE, "SY", "Al-Hasakah", "PPLA2", 41.22, 37.05,
     184231, {0, 0, 0, 0}, {"Al-Qamishli", "القامشلي", NULL, NULL}, INCMAP_MATCH_ALIAS},
    {"geonames:9", "Erbil", INCMAP_KIND_PLACE, "IQ", "Erbil", "PPLA", 44.01, 36.19, 932800,
     {0, 0, 0, 0}, {"Arbil", "Hewler", NULL, NULL}, INCMAP_MATCH_ALIAS},
    {"geonames:10", "Kirkuk", INCMAP_KIND_PLACE, "IQ", "Kirkuk", "PPLA", 44.39, 35.47, 601433,
     {0, 0, 0, 0}, {NULL, NULL, NULL, NULL}, INCMAP_MATCH_ALIAS},
    {"supplement:zummar", "Zummar", INCMAP_KIND_PLACE, "IQ", "Ninawa", "PPL", 42.6, 36.65, -1,
     {0, 0, 0, 0}, {"Zummār", "زمار", NULL, NULL}, INCMAP_MATCH_ALIAS},
    {"airports:ORAA", "Al Asad Air Base", INCMAP_KIND_SITE, "IQ", "Al Anbar", NULL, 42.4412,
     33.7856, -1, {0, 0, 0, 0}, {"ORAA", "Ain al-Asad", NULL, NULL}, INCMAP_MATCH_ALIAS},
    {"supplement:rabia", "Rabia border crossing", INCMAP_KIND_SITE, "IQ", "Ninawa", NULL, 42.1,
     36.8, -1, {0, 0, 0, 0}, {"Rabia crossing", NULL, NULL, NULL}, INCMAP_MATCH_ALIAS},
    {"supplement:middle_east", "Middle East", INCMAP_KIND_REGION, "", NULL, NULL, 45.0, 30.0, -1,
     {25.0, 12.0, 63.0, 42.0}, {NULL, NULL, NULL, NULL}, INCMAP_MATCH_ALIAS},
};
/* clang-format on */

/* The index image (owned: free()). */
static void *fixture_index_image(size_t *len)
{
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_gzw *w = ctx != NULL ? incmap_gzw_create(ctx) : NULL;
    if (w == NULL) {
        abort();
    }
    for (size_t i = 0; i < sizeof fixture_rows / sizeof fixture_rows[0]; i++) {
        const fixture_row *r = &fixture_rows[i];
        bool area = r->box[0] != 0 || r->box[2] != 0;
        incmap_geom *g = area ? fixture_box(r->box[0], r->box[1], r->box[2], r->box[3]) : NULL;
        incmap_gzw_entry e = {r->id,    r->name, r->kind, r->cc,  r->admin1,
                              r->fcode, r->lon,  r->lat,  r->pop, g};
        int64_t idx = incmap_gzw_add_entry(w, &e);
        incmap_geom_destroy(g);
        if (idx < 0) {
            fixture_die(r->id, ctx);
        }
        for (size_t k = 0; k < 4 && r->aliases[k] != NULL; k++) {
            if (incmap_gzw_add_name(w, idx, r->aliases[k], r->tier) != INCMAP_OK) {
                fixture_die(r->aliases[k], ctx);
            }
        }
    }
    incmap_geom *line = incmap_geom_create(INCMAP_GEOM_LINESTRING, 3, 1, 0);
    const double xy[] = {42.36, 37.11, 41.0, 34.5, 38.79, 33.37};
    memcpy(line->xy, xy, sizeof xy);
    line->ring_end[0] = 3;
    if (incmap_gzw_add_border(w, "SY", "IQ", line) != INCMAP_OK) {
        fixture_die("border", ctx);
    }
    incmap_geom_destroy(line);
    void *img = NULL;
    if (incmap_gzw_write_mem(w, &img, len) != INCMAP_OK) {
        fixture_die("write", ctx);
    }
    incmap_gzw_destroy(w);
    incmap_ctx_destroy(ctx);
    return img;
}

/* The fixture gazetteer, opened once per process and shared by every input (the targets only
 * read it). Never closed: it lives as long as the fuzzer. */
static incmap_gazetteer *fixture_gazetteer(void)
{
    static incmap_gazetteer *gz;
    if (gz == NULL) {
        size_t len = 0;
        void *img = fixture_index_image(&len);
        incmap_ctx *ctx = incmap_ctx_create();
        gz = incmap_gazetteer_open_mem(ctx, img, len);
        if (gz == NULL) {
            fixture_die("open_mem", ctx);
        }
        incmap_ctx_destroy(ctx);
        free(img);
    }
    return gz;
}

#endif

/* The `incmap lookup` command's parts: cmd_lookup.c (options, one name), cmd_lookup_at.c
 * (`--at LON,LAT`: reverse geocoding), cmd_lookup_batch.c (names from stdin, a file or a CSV
 * column, streamed). */
#ifndef INCMAP_CLI_LOOKUP_H
#define INCMAP_CLI_LOOKUP_H

#include "cli/cli.h"

#include <cjson/cJSON.h>

enum { FMT_TEXT, FMT_JSON, FMT_GEOJSON, FMT_CSV, FMT_JSONL };

struct lookup_args {
    char *name; /* positional words joined by spaces; owned */
    const char *gazetteer;
    const char *country;
    bool country_filter;
    incmap_kind kind;
    long limit;
    int format; /* -1: the mode's default */
    bool help;
    bool names_stdin;   /* `-`: one name a line on stdin */
    const char *input;  /* --input FILE: one name a line */
    const char *csv;    /* --csv FILE ("-": stdin) */
    const char *column; /* --column NAME|N */
    const char *at_arg; /* --at LON,LAT as given */
    incmap_lonlat at;
};

/* v rounded to 1/scale (1e6: coordinates to 6 decimals, as every GeoJSON incmap writes). */
double lookup_round(double v, double scale);
/* A place's properties: id, name, kind, country, admin1, feature_code, lon, lat, population. */
cJSON *lookup_place_json(const incmap_place *p);
/* A string, or JSON null for NULL or "". */
cJSON *lookup_null_or_string(const char *s);
/* Prints DOC (and deletes it); INCMAP_EXIT_FAILURE after an error line when it cannot. */
int lookup_print_json(cJSON *doc, bool pretty, const struct incmap_cli *cli);
/* Prints s left-aligned in `width` columns (code points), then a space. */
void lookup_print_padded(const char *s, size_t width);
/* P's area (or point) as a GeoJSON geometry, its bbox into BB; NULL with the ctx error. */
cJSON *lookup_geometry_json(const incmap_gazetteer *gz, incmap_ctx *ctx, const incmap_place *p,
                            double bb[4]);

/* `--at`: the nearest places and the containing admin-1 and country. */
int lookup_at(const struct lookup_args *a, const incmap_gazetteer *gz, incmap_ctx *ctx,
              const struct incmap_cli *cli);
/* `-`, `--input`, `--csv`: one row out per name in, streamed. */
int lookup_batch(const struct lookup_args *a, const incmap_gazetteer *gz, incmap_ctx *ctx,
                 const struct incmap_cli *cli);

#endif

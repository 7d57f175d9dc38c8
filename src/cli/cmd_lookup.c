/* `incmap lookup NAME`: place name -> ranked, located candidates from the gazetteer, as text,
 * JSON or GeoJSON. Loads only the memory-mapped index (no GDAL), so it answers in milliseconds. */
#include "cli/cli.h"
#include "text/fold.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { FMT_TEXT, FMT_JSON, FMT_GEOJSON };

struct lookup_args {
    char *name; /* positional words joined by spaces; owned */
    const char *gazetteer;
    const char *country;
    bool country_filter;
    incmap_kind kind;
    long limit;
    int format;
    bool help;
};

static void usage(FILE *out)
{
    fputs("usage: incmap lookup NAME [options]\n\n"
          "Looks a place name up in the gazetteer and prints ranked candidates, best first.\n"
          "Matching folds case, diacritics and punctuation, knows Arabic article and\n"
          "transliteration variants, peels type words (\"Babylon province\", \"the town of X\")\n"
          "and, when nothing else matches, accepts one typo in names of 5+ letters.\n\n"
          "options:\n"
          "  --country CC          prefer places in this country (ISO 3166-1 alpha-2)\n"
          "  --country-filter      with --country: only places in that country\n"
          "  --kind K              only this kind: country, admin1, region, place, site\n"
          "  --limit N             at most N candidates (default 10, max 1000)\n"
          "  --format F            text (default), json, or geojson (RFC 7946, real geometry)\n"
          "  --gazetteer PATH      gazetteer .gpkg (or its .idx); default $INCMAP_GAZETTEER or\n"
          "                        the one `incmap gazetteer build` made\n"
          "  -h, --help            this help\n\n"
          "exit status: 0 found, 1 not found, 2 usage error, 3 bad name (invalid UTF-8, over\n"
          "1 KiB), 4 gazetteer missing or corrupt, 5 other failure.\n",
          out);
}

static bool valid_cc(const char *s)
{
    return strlen(s) == 2 && ((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z') &&
           ((s[1] | 0x20) >= 'a' && (s[1] | 0x20) <= 'z');
}

/* Appends a positional word to the name. */
static bool append_word(struct lookup_args *a, const char *w)
{
    size_t old = a->name != NULL ? strlen(a->name) : 0, n = strlen(w);
    char *p = realloc(a->name, old + n + 2);
    if (p == NULL) {
        return false;
    }
    if (old > 0) {
        p[old++] = ' ';
    }
    memcpy(p + old, w, n + 1);
    a->name = p;
    return true;
}

/* Parses argv, reporting every problem; returns the number of problems. */
static int parse(int argc, char **argv, struct lookup_args *a, const struct incmap_cli *cli)
{
    int errors = 0;
    bool only_positional = false, have_name = false;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (only_positional || arg[0] != '-' || strcmp(arg, "-") == 0) {
            have_name = true;
            if (!append_word(a, arg)) {
                cli_error(cli, "out of memory");
                return errors + 1;
            }
        } else if (strcmp(arg, "--") == 0) {
            only_positional = true;
        } else if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            a->help = true;
        } else if (strcmp(arg, "--country-filter") == 0) {
            a->country_filter = true;
        } else if (strcmp(arg, "--country") == 0 || strcmp(arg, "--kind") == 0 ||
                   strcmp(arg, "--limit") == 0 || strcmp(arg, "--format") == 0 ||
                   strcmp(arg, "--gazetteer") == 0) {
            if (val == NULL) {
                cli_error(cli, "%s needs a value", arg);
                errors++;
                continue;
            }
            i++;
            if (strcmp(arg, "--country") == 0) {
                a->country = val;
                if (!valid_cc(val)) {
                    cli_error(cli, "--country '%s' is not an ISO 3166-1 alpha-2 code (e.g. IQ)",
                              val);
                    errors++;
                }
            } else if (strcmp(arg, "--kind") == 0) {
                a->kind = incmap_kind_parse(val);
                if (a->kind == INCMAP_KIND_ANY) {
                    cli_error(cli, "--kind '%s' is not one of country, admin1, region, place, site",
                              val);
                    errors++;
                }
            } else if (strcmp(arg, "--limit") == 0) {
                char *end;
                a->limit = strtol(val, &end, 10);
                if (*val == '\0' || *end != '\0' || a->limit < 1 || a->limit > 1000) {
                    cli_error(cli, "--limit '%s' is not a number from 1 to 1000", val);
                    errors++;
                }
            } else if (strcmp(arg, "--format") == 0) {
                a->format = strcmp(val, "text") == 0      ? FMT_TEXT
                            : strcmp(val, "json") == 0    ? FMT_JSON
                            : strcmp(val, "geojson") == 0 ? FMT_GEOJSON
                                                          : -1;
                if (a->format < 0) {
                    cli_error(cli, "--format '%s' is not text, json or geojson", val);
                    errors++;
                }
            } else {
                a->gazetteer = val;
            }
        } else {
            cli_error(cli, "unknown option '%s' (see incmap lookup --help)", arg);
            errors++;
        }
    }
    if (a->country_filter && a->country == NULL) {
        cli_error(cli, "--country-filter needs --country CC");
        errors++;
    }
    if (!have_name && !a->help) {
        cli_error(cli, "no place name given (usage: incmap lookup NAME [options])");
        errors++;
    }
    return errors;
}

static cJSON *null_or_string(const char *s)
{
    return s != NULL && s[0] != '\0' ? cJSON_CreateString(s) : cJSON_CreateNull();
}

static double round_to(double v, double scale)
{
    return round(v * scale) / scale;
}

/* The properties every output format shares. */
static cJSON *candidate_json(const incmap_candidates *c, size_t i)
{
    const incmap_place *p = incmap_candidates_place(c, i);
    incmap_lonlat pt = incmap_place_point(p);
    int64_t pop = incmap_place_population(p);
    cJSON *o = cJSON_CreateObject();
    if (o == NULL) {
        return NULL;
    }
    cJSON_AddStringToObject(o, "id", incmap_place_id(p));
    cJSON_AddStringToObject(o, "name", incmap_place_name(p));
    cJSON_AddStringToObject(o, "kind", incmap_kind_str(incmap_place_kind(p)));
    cJSON_AddItemToObject(o, "country", null_or_string(incmap_place_country(p)));
    cJSON_AddItemToObject(o, "admin1", null_or_string(incmap_place_admin1(p)));
    cJSON_AddItemToObject(o, "feature_code", null_or_string(incmap_place_feature_code(p)));
    cJSON_AddNumberToObject(o, "lon", round_to(pt.lon_deg, 1e6));
    cJSON_AddNumberToObject(o, "lat", round_to(pt.lat_deg, 1e6));
    cJSON_AddItemToObject(o, "population",
                          pop >= 0 ? cJSON_CreateNumber((double)pop) : cJSON_CreateNull());
    cJSON_AddNumberToObject(o, "score", round_to(incmap_candidates_score(c, i), 1e4));
    cJSON_AddStringToObject(o, "match", incmap_match_str(incmap_candidates_match(c, i)));
    return o;
}

static cJSON *bbox_json(const double bb[4])
{
    cJSON *a = cJSON_CreateArray();
    for (int k = 0; k < 4; k++) {
        cJSON_AddItemToArray(a, cJSON_CreateNumber(round_to(bb[k], 1e6)));
    }
    return a;
}

/* The candidates as a FeatureCollection: each place's area (or point) through the library's
 * GeoJSON geometry writer, so lookup and extract round and orient coordinates alike. */
static int feature_collection(const incmap_gazetteer *gz, incmap_ctx *ctx,
                              const incmap_candidates *c, const struct incmap_cli *cli, cJSON **out)
{
    cJSON *fc = cJSON_CreateObject(), *features = cJSON_CreateArray();
    double all[4] = {INFINITY, INFINITY, -INFINITY, -INFINITY};
    int rc = INCMAP_EXIT_OK;
    if (fc == NULL || features == NULL) {
        cli_error(cli, "out of memory formatting the result");
        rc = INCMAP_EXIT_FAILURE;
    }
    cJSON_AddStringToObject(fc, "type", "FeatureCollection");
    for (size_t i = 0; rc == INCMAP_EXIT_OK && i < incmap_candidates_count(c); i++) {
        double bb[4];
        incmap_geom *g = incmap_place_geometry(gz, ctx, incmap_candidates_place(c, i));
        char *text = g != NULL ? incmap_geojson_geometry_write(ctx, g, bb) : NULL;
        incmap_geom_destroy(g);
        if (text == NULL) {
            rc = cli_fail_ctx(cli, ctx);
            break;
        }
        cJSON *geom = cJSON_Parse(text), *f = cJSON_CreateObject();
        incmap_free(text);
        cJSON_AddItemToArray(features, f);
        if (geom == NULL || f == NULL) {
            cJSON_Delete(geom);
            cli_error(cli, "out of memory formatting the result");
            rc = INCMAP_EXIT_FAILURE;
            break;
        }
        cJSON_AddStringToObject(f, "type", "Feature");
        cJSON_AddStringToObject(f, "id", incmap_place_id(incmap_candidates_place(c, i)));
        cJSON_AddItemToObject(f, "bbox", bbox_json(bb));
        all[0] = fmin(all[0], bb[0]), all[1] = fmin(all[1], bb[1]);
        all[2] = fmax(all[2], bb[2]), all[3] = fmax(all[3], bb[3]);
        cJSON_AddItemToObject(f, "geometry", geom);
        cJSON_AddItemToObject(f, "properties", candidate_json(c, i));
    }
    if (rc == INCMAP_EXIT_OK && incmap_candidates_count(c) > 0) {
        cJSON_AddItemToObject(fc, "bbox", bbox_json(all));
    }
    if (!cJSON_AddItemToObject(fc, "features", features)) {
        cJSON_Delete(features);
    }
    if (rc != INCMAP_EXIT_OK) {
        cJSON_Delete(fc);
        fc = NULL;
    }
    *out = fc;
    return rc;
}

static int print_json(cJSON *doc, bool pretty, const struct incmap_cli *cli)
{
    char *text = doc != NULL ? (pretty ? cJSON_Print(doc) : cJSON_PrintUnformatted(doc)) : NULL;
    cJSON_Delete(doc);
    if (text == NULL) {
        cli_error(cli, "out of memory formatting the result");
        return INCMAP_EXIT_FAILURE;
    }
    puts(text);
    cJSON_free(text);
    return INCMAP_EXIT_OK;
}

/* Prints s left-aligned in `width` columns, counting code points, not bytes. */
static void print_padded(const char *s, size_t width)
{
    size_t cols = 0;
    for (const char *q = s; *q != '\0'; q++) {
        cols += ((unsigned char)*q & 0xC0) != 0x80;
    }
    fputs(s, stdout);
    for (; cols < width; cols++) {
        putchar(' ');
    }
    putchar(' ');
}

static void print_text(const incmap_candidates *c)
{
    for (size_t i = 0; i < incmap_candidates_count(c); i++) {
        const incmap_place *p = incmap_candidates_place(c, i);
        incmap_lonlat pt = incmap_place_point(p);
        const char *cc = incmap_place_country(p);
        print_padded(incmap_place_name(p), 24);
        print_padded(incmap_kind_str(incmap_place_kind(p)), 7);
        print_padded(cc[0] != '\0' ? cc : "--", 2);
        print_padded(incmap_place_admin1(p), 20);
        printf("%8.4f%c %9.4f%c", fabs(pt.lat_deg), pt.lat_deg < 0 ? 'S' : 'N', fabs(pt.lon_deg),
               pt.lon_deg < 0 ? 'W' : 'E');
        if (incmap_place_population(p) >= 0) {
            printf("  pop %lld", (long long)incmap_place_population(p));
        }
        printf("  %s %.2f  %s\n", incmap_match_str(incmap_candidates_match(c, i)),
               incmap_candidates_score(c, i), incmap_place_id(p));
    }
}

/* "no place named 'X'", with close spellings when there are any. */
static void report_not_found(const incmap_gazetteer *gz, incmap_ctx *ctx, const char *name,
                             const incmap_lookup_opts *o, const struct incmap_cli *cli)
{
    const char *filter = o->kind != INCMAP_KIND_ANY ? " of that kind"
                         : o->country_filter        ? " in that country"
                                                    : "";
    char hint[512] = "";
    incmap_candidates *s = incmap_gazetteer_suggest(gz, ctx, name, strlen(name), 20);
    size_t used = 0, shown = 0;
    for (size_t i = 0; i < incmap_candidates_count(s) && shown < 5; i++) {
        const incmap_place *p = incmap_candidates_place(s, i);
        const char *n = incmap_place_name(p);
        if ((o->kind != INCMAP_KIND_ANY && incmap_place_kind(p) != o->kind) ||
            (o->country_filter && strcasecmp(incmap_place_country(p), o->country) != 0)) {
            continue; /* what the filters would drop anyway */
        }
        bool dup = false;
        for (size_t k = 0; k < i && !dup; k++) {
            dup = strcmp(incmap_place_name(incmap_candidates_place(s, k)), n) == 0;
        }
        if (dup || strlen(n) + used + 16 > sizeof hint) {
            continue;
        }
        used += (size_t)snprintf(hint + used, sizeof hint - used, "%s%s", shown > 0 ? ", " : "", n);
        shown++;
    }
    incmap_candidates_destroy(s);
    if (shown > 0) {
        cli_error(cli, "no place named '%s'%s; did you mean: %s?", name, filter, hint);
    } else {
        cli_error(cli, "no place named '%s'%s", name, filter);
    }
}

int cmd_lookup(int argc, char **argv, struct incmap_cli *cli)
{
    struct lookup_args a = {NULL, NULL, NULL, false, INCMAP_KIND_ANY, 10, FMT_TEXT, false};
    int rc = INCMAP_EXIT_OK;
    incmap_ctx *ctx = NULL;
    incmap_gazetteer *gz = NULL;
    incmap_candidates *c = NULL;
    if (parse(argc, argv, &a, cli) > 0) {
        rc = INCMAP_EXIT_USAGE;
        goto out;
    }
    if (a.help) {
        usage(stdout);
        goto out;
    }
    size_t len = strlen(a.name), bad;
    if (len == 0) {
        cli_error(cli, "empty place name (usage: incmap lookup NAME [options])");
        rc = INCMAP_EXIT_USAGE;
        goto out;
    }
    if (len > INCMAP_NAME_MAX) {
        cli_error(cli, "place name is %zu bytes, over the %d-byte limit", len, INCMAP_NAME_MAX);
        rc = INCMAP_EXIT_INPUT;
        goto out;
    }
    if (!incmap_utf8_check(a.name, len, &bad)) {
        cli_error(cli, "place name is not valid UTF-8 (bad byte 0x%02x at offset %zu)",
                  (unsigned char)a.name[bad], bad);
        rc = INCMAP_EXIT_INPUT;
        goto out;
    }
    if ((ctx = incmap_ctx_create()) == NULL) {
        cli_error(cli, "out of memory");
        rc = INCMAP_EXIT_FAILURE;
        goto out;
    }
    incmap_ctx_set_log(ctx, cli_log, cli, INCMAP_LOG_WARN);
    gz = incmap_gazetteer_open(ctx,
                               a.gazetteer != NULL ? a.gazetteer : incmap_gazetteer_default_path());
    if (gz == NULL) {
        cli_error(cli, "%s", incmap_ctx_message(ctx));
        rc = incmap_ctx_status(ctx) == INCMAP_ERR_NOMEM ? INCMAP_EXIT_FAILURE : INCMAP_EXIT_IO;
        goto out;
    }
    incmap_lookup_opts o = incmap_lookup_opts_default();
    o.country = a.country;
    o.country_filter = a.country_filter;
    o.kind = a.kind;
    o.limit = (size_t)a.limit;
    if ((c = incmap_gazetteer_lookup(gz, ctx, a.name, len, &o)) == NULL) {
        /* the name was checked above, so a failure here is the gazetteer's */
        cli_error(cli, "%s", incmap_ctx_message(ctx));
        rc = incmap_ctx_status(ctx) == INCMAP_ERR_NOMEM ? INCMAP_EXIT_FAILURE : INCMAP_EXIT_IO;
        goto out;
    }
    if (a.format == FMT_JSON) {
        cJSON *arr = cJSON_CreateArray();
        for (size_t i = 0; arr != NULL && i < incmap_candidates_count(c); i++) {
            cJSON_AddItemToArray(arr, candidate_json(c, i));
        }
        rc = print_json(arr, true, cli);
    } else if (a.format == FMT_GEOJSON) {
        cJSON *fc = NULL;
        rc = feature_collection(gz, ctx, c, cli, &fc);
        rc = rc == INCMAP_EXIT_OK ? print_json(fc, false, cli) : rc;
    } else {
        print_text(c);
    }
    if (rc == INCMAP_EXIT_OK && incmap_candidates_count(c) == 0) {
        report_not_found(gz, ctx, a.name, &o, cli);
        rc = INCMAP_EXIT_NOT_FOUND;
    }
out:
    incmap_candidates_destroy(c);
    incmap_gazetteer_close(gz);
    incmap_ctx_destroy(ctx);
    free(a.name);
    return rc;
}

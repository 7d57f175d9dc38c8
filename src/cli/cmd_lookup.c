/* `incmap lookup NAME`: place name -> ranked, located candidates from the gazetteer, as text,
 * JSON or GeoJSON; its options for every mode, and the helpers the modes share (the batch of
 * names is in cmd_lookup_batch.c, `--at` in cmd_lookup_at.c). Loads only the memory-mapped index
 * (no GDAL), so it answers in milliseconds. */
#include "cli/lookup.h"
#include "core/core.h"
#include "text/fold.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void usage(FILE *out)
{
    fputs("usage: incmap lookup NAME [options]\n"
          "       incmap lookup - | --input FILE | --csv FILE --column NAME|N [options]\n"
          "       incmap lookup --at LON,LAT [--limit N] [--kind place|site] [--format F]\n\n"
          "Looks a place name up in the gazetteer and prints ranked candidates, best first.\n"
          "Matching folds case, diacritics and punctuation, knows Arabic article and\n"
          "transliteration variants, peels type words (\"Babylon province\", \"the town of X\")\n"
          "and, when nothing else matches, accepts one typo in names of 5+ letters.\n\n"
          "options:\n"
          "  --country CC          prefer places in this country (ISO 3166-1 alpha-2)\n"
          "  --country-filter      with --country: only places in that country\n"
          "  --kind K              only this kind: country, admin1, region, place, site\n"
          "  --limit N             at most N candidates (default 10, max 1000)\n"
          "  --format F            text (default), json, or geojson (RFC 7946, real geometry);\n"
          "                        for a batch: csv (default), json, jsonl or geojson\n\n"
          "batch (one row out per name in, streamed; the best match of each):\n"
          "  -                     names from stdin, one a line (blank lines skipped)\n"
          "  --input FILE          names from FILE, one a line\n"
          "  --csv FILE            a CSV file (RFC 4180, header row; - for stdin): each row is\n"
          "                        written back with lon,lat,name,country,admin1,kind,\n"
          "                        gazetteer_id,score added (empty when not found)\n"
          "  --column NAME|N       with --csv: the column of names, by header or number (1-)\n\n"
          "reverse geocoding:\n"
          "  --at LON,LAT          the places nearest the point (geodesic km; --limit, default\n"
          "                        10; --kind place or site) and the admin-1 and country that\n"
          "                        contain it; at sea, the nearest country and its distance\n\n"
          "other:\n"
          "  --gazetteer PATH      gazetteer .gpkg (or its .idx); default $INCMAP_GAZETTEER or\n"
          "                        the one `incmap gazetteer build` made\n"
          "  -h, --help            this help\n\n"
          "exit status: 0 found, 1 not found (a batch: any name; every row is written anyway),\n"
          "2 usage error, 3 bad name (invalid UTF-8, over 1 KiB) or malformed CSV (with its\n"
          "line), 4 gazetteer or input file missing or corrupt, 5 other failure.\n",
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

/* One coordinate of --at: plain decimal notation only (no hex, inf or nan, which strtod would
 * take), within [-max, max]. */
static bool coord_ok(const char *s, size_t n, double max, double *out)
{
    char buf[64];
    bool digit = false;
    if (n == 0 || n >= sizeof buf) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]) && strchr("+-.eE", s[i]) == NULL) {
            return false;
        }
        digit |= isdigit((unsigned char)s[i]) != 0;
    }
    memcpy(buf, s, n);
    buf[n] = '\0';
    char *end;
    *out = strtod(buf, &end);
    return digit && *end == '\0' && isfinite(*out) && fabs(*out) <= max;
}

static int parse_at(const char *val, struct lookup_args *a, const struct incmap_cli *cli)
{
    const char *comma = strchr(val, ',');
    a->at_arg = val;
    if (comma == NULL || strchr(comma + 1, ',') != NULL) {
        cli_error(cli, "--at '%s' is not LON,LAT (decimal degrees, e.g. --at 42.585,36.639)", val);
        return 1;
    }
    int errors = 0;
    size_t nlon = (size_t)(comma - val);
    if (!coord_ok(val, nlon, 180, &a->at.lon_deg)) {
        cli_error(cli, "--at '%s': longitude '%.*s' is not a number from -180 to 180", val,
                  (int)nlon, val);
        errors++;
    }
    if (!coord_ok(comma + 1, strlen(comma + 1), 90, &a->at.lat_deg)) {
        cli_error(cli, "--at '%s': latitude '%s' is not a number from -90 to 90", val, comma + 1);
        errors++;
    }
    return errors;
}

static int parse_format(const char *val, const struct incmap_cli *cli)
{
    static const char *const names[] = {[FMT_TEXT] = "text",
                                        [FMT_JSON] = "json",
                                        [FMT_GEOJSON] = "geojson",
                                        [FMT_CSV] = "csv",
                                        [FMT_JSONL] = "jsonl"};
    for (int f = 0; f < (int)(sizeof names / sizeof names[0]); f++) {
        if (strcmp(val, names[f]) == 0) {
            return f;
        }
    }
    cli_error(cli, "--format '%s' is not text, json, geojson, csv or jsonl", val);
    return -2;
}

/* The options that take a value; returns the number of problems with it. */
static int parse_value(const char *arg, const char *val, struct lookup_args *a,
                       const struct incmap_cli *cli)
{
    if (strcmp(arg, "--country") == 0) {
        a->country = val;
        if (!valid_cc(val)) {
            cli_error(cli, "--country '%s' is not an ISO 3166-1 alpha-2 code (e.g. IQ)", val);
            return 1;
        }
    } else if (strcmp(arg, "--kind") == 0) {
        a->kind = incmap_kind_parse(val);
        if (a->kind == INCMAP_KIND_ANY) {
            cli_error(cli, "--kind '%s' is not one of country, admin1, region, place, site", val);
            return 1;
        }
    } else if (strcmp(arg, "--limit") == 0) {
        char *end;
        a->limit = strtol(val, &end, 10);
        if (*val == '\0' || *end != '\0' || a->limit < 1 || a->limit > 1000) {
            cli_error(cli, "--limit '%s' is not a number from 1 to 1000", val);
            return 1;
        }
    } else if (strcmp(arg, "--format") == 0) {
        return (a->format = parse_format(val, cli)) == -2;
    } else if (strcmp(arg, "--at") == 0) {
        return parse_at(val, a, cli);
    } else if (strcmp(arg, "--input") == 0) {
        a->input = val;
    } else if (strcmp(arg, "--csv") == 0) {
        a->csv = val;
    } else if (strcmp(arg, "--column") == 0) {
        a->column = val;
    } else {
        a->gazetteer = val;
    }
    return 0;
}

/* What the mode (one name, a batch, --at) allows; returns the number of problems. */
static int check_mode(struct lookup_args *a, bool have_name, bool limit_set,
                      const struct incmap_cli *cli)
{
    int errors = 0, modes = have_name + a->names_stdin + (a->input != NULL) + (a->csv != NULL) +
                            (a->at_arg != NULL);
    bool batch = a->names_stdin || a->input != NULL || a->csv != NULL;
    if (modes > 1) {
        cli_error(cli, "give one of NAME, -, --input, --csv or --at");
        errors++;
    }
    if ((a->column != NULL) != (a->csv != NULL)) {
        cli_error(cli, a->csv != NULL ? "--csv needs --column NAME|N (the column of names)"
                                      : "--column goes with --csv FILE");
        errors++;
    }
    if (a->country_filter && a->country == NULL) {
        cli_error(cli, "--country-filter needs --country CC");
        errors++;
    }
    if (modes == 0 && !a->help) {
        cli_error(cli, "no place name given (usage: incmap lookup NAME [options])");
        errors++;
    }
    if (batch && limit_set) {
        cli_error(cli, "--limit does not apply to a batch (one row out per name in)");
        errors++;
    }
    if (a->at_arg != NULL &&
        (a->country != NULL || (a->kind != INCMAP_KIND_ANY && a->kind != INCMAP_KIND_PLACE &&
                                a->kind != INCMAP_KIND_SITE))) {
        cli_error(cli, "with --at, --kind is place or site, and --country does not apply");
        errors++;
    }
    if (batch && a->format == FMT_TEXT) {
        cli_error(cli, "--format text is for one name or --at; a batch writes csv, json, jsonl "
                       "or geojson");
        errors++;
    } else if (!batch && (a->format == FMT_CSV || a->format == FMT_JSONL)) {
        cli_error(cli, "--format csv and jsonl are for a batch (-, --input, --csv)");
        errors++;
    }
    if (a->format < 0) {
        a->format = batch ? FMT_CSV : FMT_TEXT;
    }
    return errors;
}

/* Parses argv, reporting every problem; returns the number of problems. */
static int parse(int argc, char **argv, struct lookup_args *a, const struct incmap_cli *cli)
{
    int errors = 0;
    bool only_positional = false, have_name = false, limit_set = false;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (!only_positional && strcmp(arg, "-") == 0) {
            a->names_stdin = true;
        } else if (only_positional || arg[0] != '-') {
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
                   strcmp(arg, "--gazetteer") == 0 || strcmp(arg, "--at") == 0 ||
                   strcmp(arg, "--input") == 0 || strcmp(arg, "--csv") == 0 ||
                   strcmp(arg, "--column") == 0) {
            if (val == NULL) {
                cli_error(cli, "%s needs a value", arg);
                errors++;
                continue;
            }
            i++;
            limit_set |= strcmp(arg, "--limit") == 0;
            errors += parse_value(arg, val, a, cli);
        } else {
            cli_error(cli, "unknown option '%s' (see incmap lookup --help)", arg);
            errors++;
        }
    }
    return errors + check_mode(a, have_name, limit_set, cli);
}

cJSON *lookup_null_or_string(const char *s)
{
    return s != NULL && s[0] != '\0' ? cJSON_CreateString(s) : cJSON_CreateNull();
}

double lookup_round(double v, double scale)
{
    return round(v * scale) / scale;
}

cJSON *lookup_place_json(const incmap_place *p)
{
    incmap_lonlat pt = incmap_place_point(p);
    int64_t pop = incmap_place_population(p);
    cJSON *o = cJSON_CreateObject();
    if (o == NULL) {
        return NULL;
    }
    cJSON_AddStringToObject(o, "id", incmap_place_id(p));
    cJSON_AddStringToObject(o, "name", incmap_place_name(p));
    cJSON_AddStringToObject(o, "kind", incmap_kind_str(incmap_place_kind(p)));
    cJSON_AddItemToObject(o, "country", lookup_null_or_string(incmap_place_country(p)));
    cJSON_AddItemToObject(o, "admin1", lookup_null_or_string(incmap_place_admin1(p)));
    cJSON_AddItemToObject(o, "feature_code", lookup_null_or_string(incmap_place_feature_code(p)));
    cJSON_AddNumberToObject(o, "lon", lookup_round(pt.lon_deg, 1e6));
    cJSON_AddNumberToObject(o, "lat", lookup_round(pt.lat_deg, 1e6));
    cJSON_AddItemToObject(o, "population",
                          pop >= 0 ? cJSON_CreateNumber((double)pop) : cJSON_CreateNull());
    return o;
}

/* The properties every output format shares. */
static cJSON *candidate_json(const incmap_candidates *c, size_t i)
{
    cJSON *o = lookup_place_json(incmap_candidates_place(c, i));
    cJSON_AddNumberToObject(o, "score", lookup_round(incmap_candidates_score(c, i), 1e4));
    cJSON_AddStringToObject(o, "match", incmap_match_str(incmap_candidates_match(c, i)));
    return o;
}

static cJSON *bbox_json(const double bb[4])
{
    cJSON *a = cJSON_CreateArray();
    for (int k = 0; k < 4; k++) {
        cJSON_AddItemToArray(a, cJSON_CreateNumber(lookup_round(bb[k], 1e6)));
    }
    return a;
}

cJSON *lookup_geometry_json(const incmap_gazetteer *gz, incmap_ctx *ctx, const incmap_place *p,
                            double bb[4])
{
    incmap_geom *g = incmap_place_geometry(gz, ctx, p);
    char *text = g != NULL ? incmap_geojson_geometry_write(ctx, g, bb) : NULL;
    incmap_geom_destroy(g);
    cJSON *geom = text != NULL ? cJSON_Parse(text) : NULL;
    if (text != NULL && geom == NULL) {
        incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory formatting the result");
    }
    incmap_free(text);
    return geom;
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
        cJSON *geom = lookup_geometry_json(gz, ctx, incmap_candidates_place(c, i), bb), *f;
        if (geom == NULL) {
            rc = cli_fail_ctx(cli, ctx);
            break;
        }
        if ((f = cJSON_CreateObject()) == NULL || !cJSON_AddItemToArray(features, f)) {
            cJSON_Delete(geom);
            cJSON_Delete(f);
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

int lookup_print_json(cJSON *doc, bool pretty, const struct incmap_cli *cli)
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
void lookup_print_padded(const char *s, size_t width)
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
        lookup_print_padded(incmap_place_name(p), 24);
        lookup_print_padded(incmap_kind_str(incmap_place_kind(p)), 7);
        lookup_print_padded(cc[0] != '\0' ? cc : "--", 2);
        lookup_print_padded(incmap_place_admin1(p), 20);
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

/* One name: ranked candidates. */
static int lookup_one(const struct lookup_args *a, const incmap_gazetteer *gz, incmap_ctx *ctx,
                      const struct incmap_cli *cli)
{
    int rc = INCMAP_EXIT_OK;
    incmap_lookup_opts o = incmap_lookup_opts_default();
    o.country = a->country;
    o.country_filter = a->country_filter;
    o.kind = a->kind;
    o.limit = (size_t)a->limit;
    incmap_candidates *c = incmap_gazetteer_lookup(gz, ctx, a->name, strlen(a->name), &o);
    if (c == NULL) {
        /* the name was checked before, so a failure here is the gazetteer's */
        cli_error(cli, "%s", incmap_ctx_message(ctx));
        return incmap_ctx_status(ctx) == INCMAP_ERR_NOMEM ? INCMAP_EXIT_FAILURE : INCMAP_EXIT_IO;
    }
    if (a->format == FMT_JSON) {
        cJSON *arr = cJSON_CreateArray();
        for (size_t i = 0; arr != NULL && i < incmap_candidates_count(c); i++) {
            cJSON_AddItemToArray(arr, candidate_json(c, i));
        }
        rc = lookup_print_json(arr, true, cli);
    } else if (a->format == FMT_GEOJSON) {
        cJSON *fc = NULL;
        rc = feature_collection(gz, ctx, c, cli, &fc);
        rc = rc == INCMAP_EXIT_OK ? lookup_print_json(fc, false, cli) : rc;
    } else {
        print_text(c);
    }
    if (rc == INCMAP_EXIT_OK && incmap_candidates_count(c) == 0) {
        report_not_found(gz, ctx, a->name, &o, cli);
        rc = INCMAP_EXIT_NOT_FOUND;
    }
    incmap_candidates_destroy(c);
    return rc;
}

/* A NAME given on the command line: exit 2 when empty, 3 when over the limit or not UTF-8. */
static int check_name(const char *name, const struct incmap_cli *cli)
{
    size_t len = strlen(name), bad;
    if (len == 0) {
        cli_error(cli, "empty place name (usage: incmap lookup NAME [options])");
        return INCMAP_EXIT_USAGE;
    }
    if (len > INCMAP_NAME_MAX) {
        cli_error(cli, "place name is %zu bytes, over the %d-byte limit", len, INCMAP_NAME_MAX);
        return INCMAP_EXIT_INPUT;
    }
    if (!incmap_utf8_check(name, len, &bad)) {
        cli_error(cli, "place name is not valid UTF-8 (bad byte 0x%02x at offset %zu)",
                  (unsigned char)name[bad], bad);
        return INCMAP_EXIT_INPUT;
    }
    return INCMAP_EXIT_OK;
}

int cmd_lookup(int argc, char **argv, struct incmap_cli *cli)
{
    struct lookup_args a = {.kind = INCMAP_KIND_ANY, .limit = 10, .format = -1};
    int rc = INCMAP_EXIT_OK;
    incmap_ctx *ctx = NULL;
    incmap_gazetteer *gz = NULL;
    if (parse(argc, argv, &a, cli) > 0) {
        rc = INCMAP_EXIT_USAGE;
        goto out;
    }
    if (a.help) {
        usage(stdout);
        goto out;
    }
    if (a.name != NULL && (rc = check_name(a.name, cli)) != INCMAP_EXIT_OK) {
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
    if (a.at_arg != NULL) {
        rc = lookup_at(&a, gz, ctx, cli);
    } else if (a.name != NULL) {
        rc = lookup_one(&a, gz, ctx, cli);
    } else {
        rc = lookup_batch(&a, gz, ctx, cli);
    }
out:
    incmap_gazetteer_close(gz);
    incmap_ctx_destroy(ctx);
    free(a.name);
    return rc;
}

/* `incmap extract [REPORT|-]`: report text -> located incidents as GeoJSON (default), a short text
 * summary or plain JSON; or, with --launch/--target/--site, the same from places an analyst names.
 * Only the memory-mapped gazetteer index is loaded (no GDAL); PROJ only when a distance is needed.
 * The text and JSON formats are in extract_format.c. */
#include "cli/batch.h"
#include "cli/cli.h"
#include "cli/extract_batch.h"
#include "core/core.h"
#include "core/vec.h"
#include "incmap/extract.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_SITES 32

struct extract_args {
    const char *report, *date, *output, *gazetteer;
    char **reports; /* every REPORT given (report is the first); several make a batch */
    size_t nreports;
    int format, threads;
    bool help, no_mentions, pretty, force, jsonl, batch;
    incmap_extract_fields fields;
    const char *sites[MAX_SITES];
    cli_ogr_args ogr; /* -f FORMAT: the incidents through OGR (run by incmap-gis) */
    bool use_ogr, format_given;
};

static void usage(FILE *out)
{
    fprintf(
        out,
        "usage: incmap extract [REPORT|-] [options]\n"
        "       incmap extract --batch REPORT|DIR|FILE.jsonl|-... [-j N] [options]\n"
        "       incmap extract --launch NAME --target NAME [--site NAME]... [options]\n\n"
        "Finds the incidents of a news report (UTF-8 text, a file or stdin) and locates them:\n"
        "each incident's launch point, target, border crossed and sites, with precision\n"
        "(1 town/site, 2 near it or a district, 3 province or region), uncertainty and\n"
        "confidence; every other place named is a feature with role \"mention\".\n\n"
        "options:\n"
        "  --date YYYY-MM-DD   publication date: resolves \"on Sunday\", \"April 21\", \"the day\n"
        "                      before\" (without it only dates with a year are resolved)\n"
        "  -o, --output PATH   write to PATH atomically (default stdout)\n"
        "  --force             overwrite PATH if it exists (refused otherwise)\n"
        "  --format F          geojson (default, RFC 7946), geojsonseq (RFC 8142: one feature\n"
        "                      a line, streamed), text (one block per incident) or json\n"
        "                      (incidents and mentions as plain JSON; one line a report in\n"
        "                      a batch)\n"
        "  --no-mentions       only incident roles, no context mentions\n"
        "  --pretty            indented GeoJSON\n"
        "  --gazetteer PATH    gazetteer .gpkg (or .idx); default $INCMAP_GAZETTEER or the\n"
        "                      one `incmap gazetteer build` made\n"
        "  --launch NAME       structured input: where it was launched from\n"
        "  --target NAME       structured input: what it was aimed at (\"northeastern Syria\")\n"
        "  --site NAME         structured input: a site (repeatable, up to 32)\n"
        "  --event-type T      structured input: event type (default \"attack\")\n"
        "  -h, --help          this help\n\n"
        "Many reports: several files, --batch with directories (their *.txt files, one report\n"
        "each, and *.jsonl files, sorted by name; hidden files and subdirectories are skipped),\n"
        "or JSON Lines (--jsonl, files named *.jsonl, or - with --batch): one report a line,\n"
        "{\"id\": \"...\",\n"
        "\"text\": \"...\", \"date\": \"YYYY-MM-DD\"} (date optional; --date is the default).\n"
        "Every feature's \"report\" is the id or the file name; ids become \"REPORT:id\";\n"
        "incident numbers restart in each report. A bad report or line is reported on one\n"
        "line and skipped (exit 3 or 4 at the end); a report with no place is a warning.\n"
        "  --batch             the inputs are a batch (a directory alone needs it)\n"
        "  --jsonl             every input (and - for stdin) is JSON Lines\n"
        "  -j, --jobs N        N threads (0: one per processor); output in input order\n"
        "OGR output (GDAL is loaded only for these; one report, not a batch):\n"
        "%s\n"
        "Names may carry qualifiers: \"near X\", \"outskirts of X\", \"12 km north of X\".\n"
        "Input limit: 16 MiB of UTF-8 text.\n"
        "exit status: 0 ok (also empty input, with a warning), 1 no place found, 2 usage\n"
        "error, 3 bad input (invalid UTF-8, NUL bytes, binary, over 16 MiB), 4 file or\n"
        "gazetteer error, 5 other failure.\n",
        cli_ogr_help);
}

static int parse_format(const char *v)
{
    return strcmp(v, "geojson") == 0      ? FMT_GEOJSON
           : strcmp(v, "geojsonseq") == 0 ? FMT_GEOJSONSEQ
           : strcmp(v, "text") == 0       ? FMT_TEXT
           : strcmp(v, "json") == 0       ? FMT_JSON
                                          : -1;
}

static int parse(int argc, char **argv, struct extract_args *a, const struct incmap_cli *cli)
{
    int errors = 0;
    bool operands = false; /* after `--` */
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (!operands && strcmp(arg, "--") == 0) {
            operands = true;
        } else if (operands || arg[0] != '-' || strcmp(arg, "-") == 0) {
            a->report = a->report != NULL ? a->report : arg;
            a->reports[a->nreports++] = argv[i];
        } else if (strcmp(arg, "--jsonl") == 0) {
            a->jsonl = true;
        } else if (strcmp(arg, "--batch") == 0) {
            a->batch = true;
        } else if (strcmp(arg, "-j") == 0 || strcmp(arg, "--jobs") == 0) {
            if (val == NULL || !batch_parse_threads(val, &a->threads)) {
                cli_error(cli, "%s wants a number of threads, 0..256", arg);
                errors++;
            }
            i += val != NULL;
        } else if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            a->help = true;
        } else if (strcmp(arg, "--no-mentions") == 0) {
            a->no_mentions = true;
        } else if (strcmp(arg, "--pretty") == 0) {
            a->pretty = true;
        } else if (strcmp(arg, "--force") == 0) {
            a->force = true;
        } else if (cli_ogr_parse(cli, &a->ogr, argc, argv, &i, &errors)) {
            continue;
        } else if (strcmp(arg, "--date") == 0 || strcmp(arg, "-o") == 0 ||
                   strcmp(arg, "--output") == 0 || strcmp(arg, "--format") == 0 ||
                   strcmp(arg, "--gazetteer") == 0 || strcmp(arg, "--launch") == 0 ||
                   strcmp(arg, "--target") == 0 || strcmp(arg, "--site") == 0 ||
                   strcmp(arg, "--event-type") == 0) {
            if (val == NULL) {
                cli_error(cli, "%s needs a value", arg);
                errors++;
                continue;
            }
            i++;
            if (strcmp(arg, "--date") == 0) {
                a->date = val;
            } else if (strcmp(arg, "-o") == 0 || strcmp(arg, "--output") == 0) {
                a->output = val;
            } else if (strcmp(arg, "--format") == 0) {
                a->format_given = true;
                if ((a->format = parse_format(val)) < 0) {
                    cli_error(cli, "--format '%s' is not geojson, geojsonseq, text or json", val);
                    errors++;
                }
            } else if (strcmp(arg, "--gazetteer") == 0) {
                a->gazetteer = val;
            } else if (strcmp(arg, "--launch") == 0) {
                a->fields.launch = val;
            } else if (strcmp(arg, "--target") == 0) {
                a->fields.target = val;
            } else if (strcmp(arg, "--event-type") == 0) {
                a->fields.event_type = val;
            } else if (a->fields.nsites < MAX_SITES) {
                a->sites[a->fields.nsites++] = val;
            } else {
                cli_error(cli, "more than %d --site options", MAX_SITES);
                errors++;
            }
        } else {
            cli_error(cli, "unknown option '%s' (see incmap extract --help)", arg);
            errors++;
        }
    }
    bool structured = a->fields.launch != NULL || a->fields.target != NULL || a->fields.nsites > 0;
    if (structured && a->report != NULL) {
        cli_error(cli, "give either a REPORT or --launch/--target/--site, not both");
        errors++;
    }
    if (a->fields.event_type != NULL && !structured) {
        cli_error(cli, "--event-type needs --launch, --target or --site");
        errors++;
    }
    if (a->date != NULL && !cli_date_ok(cli, a->date)) {
        errors++;
    }
    a->fields.sites = a->sites;
    a->fields.date = a->date;
    a->use_ogr = cli_ogr_wanted(cli, &a->ogr, a->output, "-o", &errors);
    if (a->use_ogr && a->format_given && a->format != FMT_GEOJSON) {
        cli_error(cli, "-f %s writes the incidents' features: --format must be geojson",
                  a->ogr.driver);
        errors++;
    }
    return errors;
}

/* --- the command ----------------------------------------------------------------------------- */

/* Only whitespace, after an optional UTF-8 byte order mark (a BOM alone is an empty file). */
static bool blank(const char *s, size_t n)
{
    size_t i0 = n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    for (size_t i = i0; i < n; i++) {
        if (s[i] != ' ' && s[i] != '\n' && s[i] != '\r' && s[i] != '\t') {
            return false;
        }
    }
    return true;
}

/* Writes the result in the chosen format to stdout or, atomically, to a file. */
static int write_out(const struct extract_args *a, const struct incmap_cli *cli, incmap_ctx *ctx,
                     const incmap_incidents *inc)
{
    bool seq = a->format == FMT_GEOJSONSEQ;
#ifdef INCMAP_CLI_OGR
    if (a->use_ogr) {
        return cli_ogr_save(ctx, &a->ogr, inc, a->output, a->report != NULL ? a->report : "-") ==
                       INCMAP_OK
                   ? INCMAP_EXIT_OK
                   : cli_fail_ctx(cli, ctx);
    }
#endif
    if (a->format == FMT_GEOJSON && a->output != NULL) {
        return incmap_geojson_save(ctx, inc, a->output) == INCMAP_OK ? INCMAP_EXIT_OK
                                                                     : cli_fail_ctx(cli, ctx);
    }
    if (seq && a->output != NULL) { /* RFC 8142, streamed into the file, renamed when done */
        incmap_atomic_file *af = incmap_afile_open(ctx, a->output);
        incmap_geojson_opts go = {.seq = true};
        if (af == NULL ||
            incmap_geojson_write_stream(ctx, inc, incmap_afile_stdio(af), &go) != INCMAP_OK) {
            incmap_afile_abort(af);
            return cli_fail_ctx(cli, ctx);
        }
        return incmap_afile_commit(af) == INCMAP_OK ? INCMAP_EXIT_OK : cli_fail_ctx(cli, ctx);
    }
    if (a->format == FMT_GEOJSON ||
        seq) { /* streamed: a huge report's GeoJSON is never in memory */
        incmap_geojson_opts go = {.pretty = a->pretty, .seq = seq};
        incmap_status st = incmap_geojson_write_stream(ctx, inc, stdout, &go);
        if (st == INCMAP_OK && ((!seq && fputc('\n', stdout) == EOF) || fflush(stdout) != 0)) {
            st = INCMAP_ERR_IO;
        }
        if (st == INCMAP_ERR_IO) {
            cli_error(cli, "cannot write to standard output");
            return INCMAP_EXIT_IO;
        }
        return st == INCMAP_OK ? INCMAP_EXIT_OK : cli_fail_ctx(cli, ctx);
    }
    char *s = a->format == FMT_TEXT ? extract_format_text(inc, NULL)
                                    : extract_format_json(inc, NULL, false);
    if (s == NULL) {
        if (incmap_ctx_status(ctx) == INCMAP_OK) {
            incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory formatting the output");
        }
        return cli_fail_ctx(cli, ctx);
    }
    size_t n = strlen(s);
    int rc = INCMAP_EXIT_OK;
    if (a->output != NULL) {
        if (incmap_write_file_atomic(ctx, a->output, s, n) != INCMAP_OK) {
            rc = cli_fail_ctx(cli, ctx);
        }
    } else if (fwrite(s, 1, n, stdout) != n || fflush(stdout) != 0) {
        cli_error(cli, "cannot write to standard output");
        rc = INCMAP_EXIT_IO;
    }
    free(s);
    return rc;
}

/* incmap_extract_fields_run() starts a message about one field with the field's name
 * ("launch: no place called ..."); here the field is the option the user typed. */
static int fail_field(const struct incmap_cli *cli, const incmap_ctx *ctx)
{
    static const char *const fields[] = {"launch", "target", "site"};
    const char *msg = incmap_ctx_message(ctx);
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        size_t n = strlen(fields[i]);
        if (strncmp(msg, fields[i], n) == 0 && msg[n] == ':') {
            cli_error(cli, "--%s", msg);
            return cli_exit_code(incmap_ctx_status(ctx));
        }
    }
    return cli_fail_ctx(cli, ctx);
}

/* Several reports, a directory or JSON Lines: src/cli/extract_batch.c. */
static int run_batch(const struct extract_args *a, const struct incmap_cli *cli)
{
    extract_batch_args b = {a->reports,     a->nreports, a->jsonl, a->threads, a->format,
                            a->no_mentions, a->force,    a->date,  a->output,  a->gazetteer};
    if (b.nreports == 0) { /* --jsonl alone: JSON Lines on standard input */
        static char dash[] = "-";
        static char *const stdin_only[] = {dash};
        b.reports = stdin_only;
        b.nreports = 1;
    }
    return extract_batch(cli, &b);
}

static int run(struct extract_args *args, struct incmap_cli *cli);

int cmd_extract(int argc, char **argv, struct incmap_cli *cli)
{
    struct extract_args a;
    memset(&a, 0, sizeof a);
    a.format = FMT_GEOJSON;
    a.threads = 1;
    if ((a.reports = calloc((size_t)argc + 1, sizeof *a.reports)) == NULL) {
        cli_error(cli, "out of memory");
        return INCMAP_EXIT_FAILURE;
    }
    int rc = parse(argc, argv, &a, cli) != 0 ? INCMAP_EXIT_USAGE : INCMAP_EXIT_OK;
    if (rc == INCMAP_EXIT_OK && a.help) {
        usage(stdout);
    } else if (rc == INCMAP_EXIT_OK && a.use_ogr &&
               extract_is_batch(a.reports, a.nreports, a.jsonl, a.batch)) {
        cli_error(cli, "-f takes one report; a batch writes GeoJSON or --format geojsonseq");
        rc = INCMAP_EXIT_USAGE;
    } else if (rc == INCMAP_EXIT_OK) {
#ifndef INCMAP_CLI_OGR
        if (a.use_ogr) {
            free(a.reports);
            return cli_exec_runner("incmap-gis", cli_argv); /* before stdin is read */
        }
#endif
        rc = a.use_ogr ? cli_ogr_check_output(cli, &a.ogr, a.output, a.force)
                       : cli_check_output(cli, a.output, a.force);
        if (rc == INCMAP_EXIT_OK) {
            rc = extract_is_batch(a.reports, a.nreports, a.jsonl, a.batch) ? run_batch(&a, cli)
                                                                           : run(&a, cli);
        }
    }
    free(a.reports);
    return rc;
}

/* One report (a file or standard input), or the structured fields. */
static int run(struct extract_args *args, struct incmap_cli *cli)
{
    struct extract_args a = *args;
    incmap_ctx *ctx = incmap_ctx_create();
    if (ctx == NULL) {
        cli_error(cli, "out of memory");
        return INCMAP_EXIT_FAILURE;
    }
    incmap_ctx_set_log(ctx, cli_log, cli, INCMAP_LOG_WARN);
    incmap_ctx_set_overwrite(ctx, a.force); /* a file that appears meanwhile is not replaced */
    bool structured = a.fields.launch != NULL || a.fields.target != NULL || a.fields.nsites > 0;
    const char *report = a.report != NULL ? a.report : "-";
    const char *shown = strcmp(report, "-") == 0 ? "standard input" : report;
    char *text = NULL;
    size_t len = 0;
    incmap_gazetteer *gz = NULL;
    incmap_incidents *inc = NULL;
    int rc = INCMAP_EXIT_OK;
    if (!structured) {
        incmap_status st = incmap_read_file(ctx, report, INCMAP_TEXT_MAX_BYTES, &text, &len);
        if (st == INCMAP_ERR_LIMIT) {
            cli_error(cli, "%s is over the input limit of 16 MiB", shown);
            rc = INCMAP_EXIT_INPUT;
            goto out;
        }
        struct stat sb;
        if (st != INCMAP_OK && stat(report, &sb) == 0 && S_ISDIR(sb.st_mode)) {
            cli_error(cli, "%s (add --batch to extract the reports in it)",
                      incmap_ctx_message(ctx));
            rc = cli_exit_code(st);
            goto out;
        }
        if (st != INCMAP_OK) {
            rc = cli_fail_ctx(cli, ctx);
            goto out;
        }
        if (incmap_text_check(ctx, text, len) != INCMAP_OK) {
            cli_error(cli, "%s: %s", shown, incmap_ctx_message(ctx));
            rc = cli_exit_code(incmap_ctx_status(ctx));
            goto out;
        }
    }
    const char *gpath = a.gazetteer != NULL ? a.gazetteer : incmap_gazetteer_default_path();
    if ((gz = incmap_gazetteer_open(ctx, gpath)) == NULL) {
        /* missing, stale or corrupt gazetteer: a file error (exit 4), as in lookup */
        cli_error(cli, "%s", incmap_ctx_message(ctx));
        rc = incmap_ctx_status(ctx) == INCMAP_ERR_NOMEM ? INCMAP_EXIT_FAILURE : INCMAP_EXIT_IO;
        goto out;
    }
    if (structured) {
        inc = incmap_extract_fields_run(gz, ctx, &a.fields);
    } else {
        incmap_extract_opts o = incmap_extract_opts_default();
        o.pub_date = a.date;
        o.mentions = !a.no_mentions;
        if (blank(text, len)) {
            cli_warn(cli, "%s is empty: no incidents", shown);
        }
        inc = incmap_extract(gz, ctx, text, len, &o);
        const char *base = strrchr(report, '/');
        if (inc != NULL && strcmp(report, "-") != 0 &&
            incmap_incidents_set_report(inc, ctx, base != NULL ? base + 1 : report) != INCMAP_OK) {
            incmap_incidents_destroy(inc);
            inc = NULL;
        }
    }
    if (inc == NULL) {
        rc = structured ? fail_field(cli, ctx) : cli_fail_ctx(cli, ctx);
        goto out;
    }
    rc = write_out(&a, cli, ctx, inc);
    /* with --no-mentions an empty collection is an answer (places may be there, only incidents
     * were asked for); otherwise it means no place was found */
    if (rc == INCMAP_EXIT_OK && incmap_incidents_feature_count(inc) == 0 && !blank(text, len) &&
        !a.no_mentions) {
        cli_warn(cli, "no place found in %s", shown);
        rc = INCMAP_EXIT_NOT_FOUND;
    }
out:
    incmap_incidents_destroy(inc);
    incmap_gazetteer_close(gz);
    free(text);
    incmap_ctx_destroy(ctx);
    return rc;
}

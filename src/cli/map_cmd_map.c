/* incmap map: report text -> located incidents -> map (and the GeoJSON beside it) in one step:
 * incmap_extract() then incmap_render() with the same gazetteer, so the map and the GeoJSON
 * always agree. Takes every `incmap render` option. */
#include "cli/batch.h"
#include "cli/map_batch.h"
#include "cli/map_render_args.h"
#include "core/core.h"
#include "incmap/extract.h"
#include "incmap/mentions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void usage(FILE *out)
{
    fprintf(out,
            "usage: incmap map REPORT -o MAP.(png|svg|pdf|html) [--geojson OUT.geojson] [--date D] "
            "[options]\n\n"
            "       incmap map --batch DIR|FILE.jsonl|- -o OUTDIR [--geojson DIR] [-j N] "
            "[options]\n\n"
            "Extracts the incidents of a report (UTF-8 text, or - for stdin) and maps them.\n"
            "With --batch, one map per report in one process: a directory's *.txt files and\n"
            "*.jsonl files, or JSON Lines ({\"id\", \"text\", \"date\"} a line; - is stdin),\n"
            "drawn to OUTDIR/NAME.png (.svg, .pdf, .tif with --format), NAME the report's\n"
            "id or file name without .txt; --geojson DIR adds DIR/NAME.geojson. A report\n"
            "that cannot be mapped is reported on one line and the rest are drawn.\n\n"
            "options:\n"
            "  --geojson FILE        also write the incidents as GeoJSON (what the map shows)\n"
            "  --date YYYY-MM-DD     publication date: resolves \"on Sunday\", \"April 21\"\n"
            "  --batch SOURCE        many reports (see above)\n"
            "  -j, --jobs N          with --batch: N threads (0: one per processor)\n"
            "%s"
            "  -h, --help            this help\n"
            "--geojson FILE through OGR (GDAL is loaded only for these):\n%s",
            render_args_help, cli_ogr_help);
}

typedef struct {
    const char *report, *geojson, *date;
    const char *batch; /* --batch SOURCE, or NULL */
    int threads;
    cli_ogr_args ogr; /* -f FORMAT for --geojson (run by incmap-gis) */
    bool use_ogr;
} map_args;

static int parse(int argc, char **argv, struct incmap_cli *cli, render_args *ra, map_args *ma)
{
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--") == 0) {
            for (i++; i < argc; i++) { /* operands only */
                ra->errors += ma->report != NULL;
                if (ma->report != NULL) {
                    cli_error(cli, "one report only (got %s and %s)", ma->report, argv[i]);
                }
                ma->report = argv[i];
            }
            break;
        }
        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            usage(stdout);
            return -1;
        }
        if (render_args_parse(cli, ra, argc, argv, &i) ||
            cli_ogr_parse(cli, &ma->ogr, argc, argv, &i, &ra->errors)) {
            continue;
        }
        if (strcmp(arg, "--batch") == 0 || strcmp(arg, "-j") == 0 || strcmp(arg, "--jobs") == 0) {
            if (i + 1 >= argc) {
                cli_error(cli, "%s needs a value", arg);
                ra->errors++;
            } else if (strcmp(arg, "--batch") == 0) {
                ma->batch = argv[++i];
            } else if (!batch_parse_threads(argv[++i], &ma->threads)) {
                cli_error(cli, "%s wants a number of threads, 0..256", arg);
                ra->errors++;
            }
        } else if (strcmp(arg, "--geojson") == 0 || strcmp(arg, "--date") == 0) {
            if (i + 1 >= argc) {
                cli_error(cli, "%s needs a value", arg);
                ra->errors++;
                continue;
            }
            *(strcmp(arg, "--date") == 0 ? &ma->date : &ma->geojson) = argv[++i];
            if (strcmp(arg, "--date") == 0 && !cli_date_ok(cli, ma->date)) {
                ra->errors++;
            }
        } else if (arg[0] == '-' && arg[1] != '\0') {
            cli_error(cli, "unknown option %s (see incmap map --help)", arg);
            ra->errors++;
        } else if (ma->report != NULL) {
            cli_error(cli, "one report only (got %s and %s)", ma->report, arg);
            ra->errors++;
        } else {
            ma->report = arg;
        }
    }
    if (ma->batch != NULL) {
        if (ma->report != NULL) {
            cli_error(cli, "give either a REPORT or --batch, not both");
            ra->errors++;
        }
        if (ra->output == NULL) {
            cli_error(cli, "missing -o OUTDIR (with --batch, the directory for the maps)");
            ra->errors++;
        }
        return ra->errors;
    }
    if (ma->report == NULL) {
        cli_error(cli, "missing the REPORT file (or - for stdin)");
        ra->errors++;
    }
    if (ra->no_base) {
        cli_error(cli, "--no-base: incmap map needs the gazetteer to locate places");
        ra->errors++;
    }
    render_args_check(cli, ra);
    ma->use_ogr = cli_ogr_wanted(cli, &ma->ogr, ma->geojson, "--geojson", &ra->errors);
    if (ra->output != NULL && ma->geojson != NULL && cli_same_file(ra->output, ma->geojson)) {
        cli_error(cli, "-o %s and --geojson %s are the same file: the map would be lost",
                  ra->output, ma->geojson);
        ra->errors++;
    }
    return ra->errors;
}

/* --geojson FILE: incmap's GeoJSON, or with -f FORMAT through OGR (only incmap-gis gets here). */
static incmap_status save_incidents(incmap_ctx *ctx, const map_args *ma,
                                    const incmap_incidents *inc)
{
#ifdef INCMAP_CLI_OGR
    if (ma->use_ogr) {
        return cli_ogr_save(ctx, &ma->ogr, inc, ma->geojson, ma->report);
    }
#endif
    return incmap_geojson_save(ctx, inc, ma->geojson);
}

int cmd_map(int argc, char **argv, struct incmap_cli *cli)
{
    render_args ra;
    map_args ma;
    memset(&ma, 0, sizeof ma);
    ma.threads = 1;
    render_args_init(&ra);
    int perr = parse(argc, argv, cli, &ra, &ma);
    if (perr != 0) {
        return perr < 0 ? INCMAP_EXIT_OK : INCMAP_EXIT_USAGE;
    }
#ifndef INCMAP_CLI_OGR
    if (ma.use_ogr) {
        return cli_exec_runner("incmap-gis", cli_argv);
    }
#endif
    char gpkg[4096];
    if (ma.batch != NULL) {
        if (ma.use_ogr) {
            cli_error(cli, "-f takes one report; --batch writes GeoJSON");
            return INCMAP_EXIT_USAGE;
        }
        int rc = render_args_gpkg(cli, &ra, gpkg, sizeof gpkg);
        map_batch_args b = {&ra, ma.batch, ra.output, ma.geojson, ma.date, gpkg, ma.threads};
        return rc != INCMAP_EXIT_OK ? rc : map_batch(cli, &b);
    }
    int rc = render_args_outputs(cli, &ra, ma.use_ogr ? NULL : ma.geojson);
    if (rc == INCMAP_EXIT_OK && ma.use_ogr) {
        rc = cli_ogr_check_output(cli, &ma.ogr, ma.geojson, ra.force);
    }
    if (rc == INCMAP_EXIT_OK) {
        rc = render_args_gpkg(cli, &ra, gpkg, sizeof gpkg);
    }
    if (rc != INCMAP_EXIT_OK) {
        return rc;
    }
    incmap_ctx *ctx = incmap_ctx_create();
    if (ctx == NULL) {
        cli_error(cli, "out of memory");
        return INCMAP_EXIT_FAILURE;
    }
    incmap_ctx_set_log(ctx, cli_log, cli, INCMAP_LOG_WARN);
    incmap_ctx_set_overwrite(ctx, ra.force); /* a file that appears meanwhile is not replaced */
    char *text = NULL;
    size_t len = 0;
    incmap_gazetteer *gz = NULL;
    incmap_incidents *inc = NULL;
    incmap_extract_opts eo = incmap_extract_opts_default();
    eo.pub_date = ma.date;
    if (incmap_read_file(ctx, ma.report, INCMAP_TEXT_MAX_BYTES, &text, &len) != INCMAP_OK) {
        rc = cli_fail_ctx(cli, ctx);
        goto out;
    }
    if (incmap_text_check(ctx, text, len) != INCMAP_OK) { /* as extract: name the file */
        cli_error(cli, "%s: %s", strcmp(ma.report, "-") == 0 ? "standard input" : ma.report,
                  incmap_ctx_message(ctx));
        rc = cli_exit_code(incmap_ctx_status(ctx));
        goto out;
    }
    if ((gz = incmap_gazetteer_open(ctx, gpkg)) == NULL ||
        (inc = incmap_extract(gz, ctx, text, len, &eo)) == NULL ||
        (strcmp(ma.report, "-") != 0 &&
         incmap_incidents_set_report(inc, ctx,
                                     strrchr(ma.report, '/') ? strrchr(ma.report, '/') + 1
                                                             : ma.report) != INCMAP_OK)) {
        rc = cli_fail_ctx(cli, ctx);
        goto out;
    }
    if (incmap_incidents_feature_count(inc) == 0) {
        cli_error(cli, "%s: no place found in the report: nothing to map", ma.report);
        rc = INCMAP_EXIT_NOT_FOUND;
        goto out;
    }
    char source[512];
    if (ra.ro.source != NULL && incmap_incidents_set_source(inc, ctx, ra.ro.source) != INCMAP_OK) {
        rc = cli_fail_ctx(cli, ctx); /* --source goes into the GeoJSON too */
        goto out;
    }
    if (ra.ro.source == NULL) {
        const char *base = strrchr(ma.report, '/');
        snprintf(source, sizeof source, "Source: %s; places located by incmap from the text",
                 strcmp(ma.report, "-") == 0 ? "report text"
                 : base                      ? base + 1
                                             : ma.report);
        ra.ro.source = source;
    }
    /* the map first: a render that fails (bad --crs, missing basemap) leaves no GeoJSON behind
     * either; a GeoJSON that cannot be written takes the new map with it */
    if (render_args_draw(&ra, ctx, incmap_gazetteer_gpkg_path(gz), inc) != INCMAP_OK) {
        rc = render_args_fail(cli, &ra, ctx);
    } else if (ma.geojson != NULL && save_incidents(ctx, &ma, inc) != INCMAP_OK) {
        rc = cli_fail_ctx(cli, ctx);
        struct stat st;
        if (lstat(ra.output, &st) == 0 && S_ISREG(st.st_mode)) {
            remove(ra.output); /* the new map; never a device it was written to */
        }
    }
out:
    incmap_incidents_destroy(inc);
    incmap_gazetteer_close(gz);
    free(text);
    incmap_ctx_destroy(ctx);
    return rc;
}

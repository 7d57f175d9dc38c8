/* incmap render: incident GeoJSON -> map (PNG, SVG, PDF or GeoTIFF). A thin layer over
 * incmap_render(); it also owns the render options that `incmap map` shares. */
#include "cli/map_render_args.h"
#include "core/core.h"

#ifdef INCMAP_CLI_OGR
#include "incmap/ogr.h"
#endif

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

const char render_args_help[] =
    "  -o, --output FILE     map file: .png, .svg, .pdf, .tif (GeoTIFF: the PNG's pixels\n"
    "                        with the map CRS and georeferencing, through GDAL), or .html:\n"
    "                        one offline page with Leaflet (from the sources dir or\n"
    "                        $INCMAP_LEAFLET_DIR) (required); - is standard output (give\n"
    "                        --format; PNG, PDF and GeoTIFF are not written to a terminal);\n"
    "                        a device or FIFO is written in place\n"
    "  --format FMT          png, svg, pdf or tif (also tiff, geotiff) (default: from the -o\n"
    "                        name's extension)\n"
    "  --force               overwrite output files that exist (refused otherwise)\n"
    "  --title TEXT          title (default: from the first incident: type, place, date)\n"
    "  --subtitle TEXT       subtitle (default: one line per incident)\n"
    "  --source TEXT         source line under the map\n"
    "  --crs CRS             map CRS: EPSG code, PROJ string or WKT (default: Lambert\n"
    "                        azimuthal equal-area centred on the incidents)\n"
    "  --extent W,S,E,N      map extent in degrees (default: fit the incidents)\n"
    "  --size WxH            image size in pixels (default 1600x1200; 200..16384 per side,\n"
    "                        at most 100 million pixels)\n"
    "  --dpi N               resolution: scales text and lines (default 96)\n"
    "  --basemap RASTER      raster under the map (any GDAL raster: hillshade, imagery)\n"
    "  --style FILE          style JSON merged over maps/style.json (env INCMAP_STYLE)\n"
    "  --range-km R          range ring of R km around each launch point\n"
    "  --gazetteer PATH      gazetteer GeoPackage for the base map (env INCMAP_GAZETTEER)\n"
    "  --no-base             draw without base layers (no gazetteer needed)\n"
    "  --relief              shade the land with the gazetteer's relief layer (SRTM30)\n"
    "  --no-relief           no relief shading (the default)\n"
    "  --world-file          PNG: also write MAP.pgw and MAP.prj, so GIS software places it\n";

void render_args_init(render_args *a)
{
    memset(a, 0, sizeof *a);
    a->ro = incmap_render_opts_default();
}

/* A decimal number: [+-]digits[.digits][e[+-]digits]. strtod alone also takes hexadecimal
 * ("0x2A"), "inf", "nan" and leading spaces, which no one means in a map option. */
static bool is_decimal(const char *s)
{
    size_t i = s[0] == '+' || s[0] == '-', digits = 0;
    for (; s[i] >= '0' && s[i] <= '9'; i++) {
        digits++;
    }
    if (s[i] == '.') {
        for (i++; s[i] >= '0' && s[i] <= '9'; i++) {
            digits++;
        }
    }
    if (digits == 0) {
        return false;
    }
    if (s[i] == 'e' || s[i] == 'E') {
        i += s[i + 1] == '+' || s[i + 1] == '-';
        if (!(s[i + 1] >= '0' && s[i + 1] <= '9')) {
            return false;
        }
        for (i++; s[i] >= '0' && s[i] <= '9'; i++) {
        }
    }
    return s[i] == '\0';
}

static bool parse_num(const char *s, double *out)
{
    if (!is_decimal(s)) {
        return false;
    }
    char *end = NULL;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end != '\0' || errno != 0 || !isfinite(v)) {
        return false;
    }
    *out = v;
    return true;
}

static bool parse_size(const char *s, int *w, int *h)
{
    char *end = NULL;
    errno = 0;
    long a = strtol(s, &end, 10);
    if (end == s || (*end != 'x' && *end != 'X') || errno != 0) {
        return false;
    }
    const char *s2 = end + 1;
    long b = strtol(s2, &end, 10);
    if (end == s2 || *end != '\0' || errno != 0) {
        return false;
    }
    /* out-of-range values are clamped so the library's range check names them */
    *w = a > 1000000 ? 1000000 : a < -1000000 ? -1000000 : (int)a;
    *h = b > 1000000 ? 1000000 : b < -1000000 ? -1000000 : (int)b;
    return true;
}

static bool parse_extent(const char *s, double e[4])
{
    char buf[256];
    if ((size_t)snprintf(buf, sizeof buf, "%s", s) >= sizeof buf) {
        return false; /* never parse a cut copy */
    }
    char *save = NULL, *tok = strtok_r(buf, ",", &save);
    int n = 0;
    for (; tok != NULL && n < 4; tok = strtok_r(NULL, ",", &save)) {
        if (!parse_num(tok, &e[n++])) {
            return false;
        }
    }
    return n == 4 && tok == NULL;
}

bool render_args_parse(const struct incmap_cli *cli, render_args *a, int argc, char **argv, int *i)
{
    static const char *const with_value[] = {
        "-o",     "--output", "--title",   "--subtitle", "--source",   "--crs",       "--extent",
        "--size", "--dpi",    "--basemap", "--style",    "--range-km", "--gazetteer", "--format"};
    const char *opt = argv[*i];
    if (strcmp(opt, "--no-base") == 0) {
        a->no_base = true;
        return true;
    }
    if (strcmp(opt, "--force") == 0) {
        a->force = true;
        return true;
    }
    if (strcmp(opt, "--world-file") == 0) {
        a->ro.world_file = true;
        return true;
    }
    if (strcmp(opt, "--relief") == 0 || strcmp(opt, "--no-relief") == 0) {
        a->ro.relief = opt[2] == 'r';
        return true;
    }
    bool known = false;
    for (size_t k = 0; k < sizeof with_value / sizeof with_value[0]; k++) {
        known = known || strcmp(opt, with_value[k]) == 0;
    }
    if (!known) {
        return false;
    }
    if (*i + 1 >= argc) {
        cli_error(cli, "%s needs a value", opt);
        a->errors++;
        return true;
    }
    const char *val = argv[++*i];
    double d = 0;
    if (strcmp(opt, "-o") == 0 || strcmp(opt, "--output") == 0) {
        a->output = val;
    } else if (strcmp(opt, "--title") == 0) {
        a->ro.title = val;
    } else if (strcmp(opt, "--subtitle") == 0) {
        a->ro.subtitle = val;
    } else if (strcmp(opt, "--source") == 0) {
        a->ro.source = val;
    } else if (strcmp(opt, "--crs") == 0) {
        a->ro.crs = val;
    } else if (strcmp(opt, "--basemap") == 0) {
        a->ro.basemap = val;
    } else if (strcmp(opt, "--style") == 0) {
        a->ro.style_path = val;
    } else if (strcmp(opt, "--gazetteer") == 0) {
        a->gazetteer = val;
    } else if (strcmp(opt, "--format") == 0) {
        a->ro.format = strcasecmp(val, "png") == 0   ? INCMAP_FORMAT_PNG
                       : strcasecmp(val, "svg") == 0 ? INCMAP_FORMAT_SVG
                       : strcasecmp(val, "pdf") == 0 ? INCMAP_FORMAT_PDF
                       : strcasecmp(val, "tif") == 0 || strcasecmp(val, "tiff") == 0 ||
                               strcasecmp(val, "geotiff") == 0
                           ? INCMAP_FORMAT_TIFF
                           : INCMAP_FORMAT_AUTO;
        if (a->ro.format == INCMAP_FORMAT_AUTO) {
            cli_error(cli, "--format '%s': want png, svg or pdf, or tif (GeoTIFF)", val);
            a->errors++;
        }
    } else if (strcmp(opt, "--extent") == 0) {
        if (!parse_extent(val, a->ro.extent_deg)) {
            cli_error(cli, "--extent '%s': want four decimal numbers W,S,E,N", val);
            a->errors++;
        }
        a->ro.has_extent = true;
    } else if (strcmp(opt, "--size") == 0) {
        if (!parse_size(val, &a->ro.width_px, &a->ro.height_px)) {
            cli_error(cli, "--size '%s': want WIDTHxHEIGHT in pixels, e.g. 1600x1200", val);
            a->errors++;
        }
    } else if (strcmp(opt, "--dpi") == 0) {
        if (!parse_num(val, &d)) {
            cli_error(cli, "--dpi '%s': not a decimal number", val);
            a->errors++;
        }
        a->ro.dpi = d;
    } else if (strcmp(opt, "--range-km") == 0) {
        if (!parse_num(val, &d)) {
            cli_error(cli, "--range-km '%s': not a decimal number", val);
            a->errors++;
        }
        a->ro.range_km = d;
    }
    return true;
}

void render_args_check(const struct incmap_cli *cli, render_args *a)
{
    if (a->output == NULL) {
        cli_error(cli, "missing -o MAP.png|svg|pdf|tif|html");
        a->errors++;
        return;
    }
    const char *dot = strrchr(a->output, '.');
    bool png = a->ro.format == INCMAP_FORMAT_AUTO ? dot != NULL && strcasecmp(dot, ".png") == 0
                                                  : a->ro.format == INCMAP_FORMAT_PNG;
    if (a->ro.world_file && (strcmp(a->output, "-") == 0 || !png)) {
        cli_error(cli, "--world-file: only for a PNG map (-o MAP.png; a GeoTIFF carries its "
                       "georeferencing inside)");
        a->errors++;
        return;
    }
    if (strcmp(a->output, "-") == 0) {
        /* standard output: the format cannot come from a name */
        if (a->ro.format == INCMAP_FORMAT_AUTO) {
            cli_error(cli, "-o - (standard output) needs --format png|svg|pdf|tif");
            a->errors++;
        } else if (a->ro.format != INCMAP_FORMAT_SVG && isatty(STDOUT_FILENO)) {
            cli_error(cli,
                      "will not write a binary %s map to a terminal: redirect standard "
                      "output or give -o FILE",
                      a->ro.format == INCMAP_FORMAT_PNG   ? "PNG"
                      : a->ro.format == INCMAP_FORMAT_PDF ? "PDF"
                                                          : "GeoTIFF");
            a->errors++;
        }
        return;
    }
    if (a->ro.format != INCMAP_FORMAT_AUTO) {
        return; /* --format names it, whatever the file is called */
    }
    const char *slash = strrchr(a->output, '/');
    if (dot == NULL || (slash != NULL && dot < slash) ||
        (strcasecmp(dot, ".png") != 0 && strcasecmp(dot, ".svg") != 0 &&
         strcasecmp(dot, ".pdf") != 0 && strcasecmp(dot, ".tif") != 0 &&
         strcasecmp(dot, ".tiff") != 0 && !render_args_html(a))) {
        bool device = incmap_path_in_place(a->output);
        cli_error(cli, "-o %s: unknown map format (use a .png, .svg, .pdf, .tif or .html name%s)",
                  a->output,
                  device ? ", or --format png|svg|pdf|tif for a device" : ", or --format");
        a->errors++;
    }
}

bool render_args_html(const render_args *a)
{
    const char *dot = a->output ? strrchr(a->output, '.') : NULL;
    /* --format names a static map whatever the file is called */
    return a->ro.format == INCMAP_FORMAT_AUTO && dot != NULL && strcasecmp(dot, ".html") == 0;
}

incmap_status render_args_draw(const render_args *a, incmap_ctx *ctx, const char *gpkg,
                               const incmap_incidents *inc)
{
    return render_args_html(a) ? incmap_render_html(ctx, gpkg, inc, &a->ro, a->output)
                               : incmap_render(ctx, gpkg, inc, &a->ro, a->output);
}

int render_args_outputs(const struct incmap_cli *cli, const render_args *a, const char *other)
{
    int rc = cli_check_output(cli, a->output, a->force);
    if (rc == INCMAP_EXIT_OK && other != NULL) {
        rc = cli_check_output(cli, other, a->force);
    }
    return rc;
}

int render_args_fail(const struct incmap_cli *cli, const render_args *a, const incmap_ctx *ctx)
{
    const char *msg = incmap_ctx_message(ctx);
    if (!a->ro.has_extent && incmap_ctx_status(ctx) == INCMAP_ERR_INVALID_ARG &&
        strncmp(msg, "nothing to map", strlen("nothing to map")) == 0) {
        cli_error(cli, "%s (give --extent W,S,E,N)", msg);
        return cli_exit_code(incmap_ctx_status(ctx));
    }
    return cli_fail_ctx(cli, ctx);
}

int render_args_gpkg(const struct incmap_cli *cli, const render_args *a, char *out, size_t n)
{
    if (a->no_base) {
        out[0] = '\0';
        return INCMAP_EXIT_OK;
    }
    const char *p = a->gazetteer ? a->gazetteer : incmap_gazetteer_default_path();
    snprintf(out, n, "%s", p);
    size_t len = strlen(out);
    if (len > 4 && strcmp(out + len - 4, ".idx") == 0 && len + 2 < n) {
        strcpy(out + len - 4, ".gpkg"); /* the index's GeoPackage sits beside it */
    }
    if (access(out, R_OK) != 0) {
        cli_error(cli,
                  "gazetteer %s: %s (build it with `incmap gazetteer build`, pass --gazetteer "
                  "PATH, or --no-base)",
                  out, strerror(errno));
        return INCMAP_EXIT_IO;
    }
    return INCMAP_EXIT_OK;
}

static void usage(FILE *out)
{
    fprintf(out,
            "usage: incmap render INCIDENTS -o MAP.(png|svg|pdf|html) [options]\n\n"
            "Draws the incidents of a GeoJSON file (as `incmap extract` writes it, or as edited\n"
            "in QGIS) over the gazetteer's base map. INCIDENTS may also be any OGR vector\n"
            "source with the incident schema (GDAL is loaded only for these): a GeoPackage,\n"
            "FlatGeobuf, Shapefile directory, ..., or a PostGIS table (PG:dbname=...).\n\n"
            "options:\n%s"
            "  --table NAME          OGR source: read only this layer (PG: default incidents)\n"
            "  --report ID           OGR source: only the features of this report\n"
            "  -h, --help            this help\n",
            render_args_help);
}

int cmd_render(int argc, char **argv, struct incmap_cli *cli)
{
    render_args a;
    render_args_init(&a);
    const char *input = NULL, *table = NULL, *report = NULL;
    bool operands = false; /* after `--` */
    for (int i = 1; i < argc; i++) {
        if (!operands && strcmp(argv[i], "--") == 0) {
            operands = true;
            continue;
        }
        if (operands) {
            a.errors += input != NULL;
            if (input != NULL) {
                cli_error(cli, "one GeoJSON input only (got %s and %s)", input, argv[i]);
            }
            input = argv[i];
            continue;
        }
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return INCMAP_EXIT_OK;
        }
        if (render_args_parse(cli, &a, argc, argv, &i)) {
            continue;
        }
        if ((strcmp(argv[i], "--table") == 0 || strcmp(argv[i], "--report") == 0)) {
            if (i + 1 >= argc) {
                cli_error(cli, "%s needs a value", argv[i]);
                a.errors++;
            } else {
                *(strcmp(argv[i], "--table") == 0 ? &table : &report) = argv[i + 1];
                i++;
            }
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            cli_error(cli, "unknown option %s (see incmap render --help)", argv[i]);
            a.errors++;
        } else if (input != NULL) {
            cli_error(cli, "one GeoJSON input only (got %s and %s)", input, argv[i]);
            a.errors++;
        } else {
            input = argv[i];
        }
    }
    if (input == NULL) {
        cli_error(cli, "missing the incidents GeoJSON file");
        a.errors++;
    }
    render_args_check(cli, &a);
    bool ogr = input != NULL && cli_ogr_source(input);
    if (!ogr && (table != NULL || report != NULL)) {
        cli_error(cli, "%s: only for an OGR source, not GeoJSON", table ? "--table" : "--report");
        a.errors++;
    }
    if (a.errors > 0) {
        return INCMAP_EXIT_USAGE;
    }
#ifndef INCMAP_CLI_OGR
    if (ogr) {
        return cli_exec_runner("incmap-gis", cli_argv);
    }
#endif
    char gpkg[4096];
    int rc = render_args_outputs(cli, &a, NULL);
    if (rc == INCMAP_EXIT_OK) {
        rc = render_args_gpkg(cli, &a, gpkg, sizeof gpkg);
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
    incmap_ctx_set_overwrite(ctx, a.force); /* a file that appears meanwhile is not replaced */
    char source[512];
    bool source_given = a.ro.source != NULL;
    if (a.ro.source == NULL) { /* name the file the map was drawn from */
        const char *base = strrchr(input, '/');
        snprintf(source, sizeof source, "Source: %s (incident locations as given in the file)",
                 base ? base + 1 : input);
        a.ro.source = source;
    }
#ifdef INCMAP_CLI_OGR
    incmap_incidents *inc =
        ogr ? incmap_ogr_read(ctx, input, table, report) : incmap_geojson_load(ctx, input);
#else
    incmap_incidents *inc = incmap_geojson_load(ctx, input);
#endif
    /* else the news source the file names (its `source` property, as `map --source` wrote it) */
    for (size_t i = 0; inc != NULL && !source_given && i < incmap_incidents_feature_count(inc);
         i++) {
        const char *s = incmap_incidents_feature(inc, i)->source;
        if (s != NULL && s[0] != '\0') {
            a.ro.source = s;
            break;
        }
    }
    if (inc == NULL) {
        rc = cli_fail_ctx(cli, ctx);
    } else if (render_args_draw(&a, ctx, gpkg[0] ? gpkg : NULL, inc) != INCMAP_OK) {
        rc = render_args_fail(cli, &a, ctx);
    }
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
    return rc;
}

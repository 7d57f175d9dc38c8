/* The CLI's OGR options (-f FORMAT, --split-geometry, --table) shared by extract and map, the
 * test that decides whether a render input is an OGR source, and (in incmap-gis only, which
 * links GDAL) the write itself. The other executables parse the options, then hand the whole
 * command to incmap-gis, so plain GeoJSON never loads GDAL. */
#include "cli/cli.h"
#include "core/core.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef INCMAP_CLI_OGR
#include "incmap/ogr.h"
#endif

const char cli_ogr_help[] =
    "  -f, --vector-format F write the incidents with GDAL's vector driver F: GPKG,\n"
    "                        FlatGeobuf, KML, CSV, \"ESRI Shapefile\" (a directory),\n"
    "                        GeoJSONSeq, PostgreSQL (-o PG:dbname=...), or any other that\n"
    "                        writes (an unknown name lists them); GeoJSON is incmap's own\n"
    "  --split-geometry      one layer per geometry type (always for Shapefile)\n"
    "  --table NAME          layer or PostgreSQL table name (default incidents)\n";

bool cli_ogr_parse(const struct incmap_cli *cli, cli_ogr_args *a, int argc, char **argv, int *i,
                   int *errors)
{
    const char *opt = argv[*i];
    if (strcmp(opt, "--split-geometry") == 0) {
        a->split = true;
        return true;
    }
    if (strcmp(opt, "-f") != 0 && strcmp(opt, "--vector-format") != 0 &&
        strcmp(opt, "--table") != 0) {
        return false;
    }
    if (*i + 1 >= argc) {
        cli_error(cli, "%s needs a value", opt);
        ++*errors;
        return true;
    }
    const char *val = argv[++*i];
    if (strcmp(opt, "--table") == 0) {
        a->table = val;
    } else {
        a->driver = val;
    }
    return true;
}

bool cli_ogr_wanted(const struct incmap_cli *cli, cli_ogr_args *a, const char *output,
                    const char *opt, int *errors)
{
    bool pg = output != NULL && strncasecmp(output, "PG:", 3) == 0;
    if (a->driver != NULL && strcasecmp(a->driver, "GeoJSON") == 0) {
        a->driver = NULL; /* incmap's own writer: RFC 7946, the schema's metadata */
    }
    if (pg && a->driver == NULL) {
        a->driver = "PostgreSQL";
    }
    if (a->driver == NULL) {
        if (a->split || a->table != NULL) {
            cli_error(cli, "%s needs -f FORMAT (GeoJSON has one mixed layer)",
                      a->split ? "--split-geometry" : "--table");
            ++*errors;
        }
        return false;
    }
    if (output == NULL || strcmp(output, "-") == 0) {
        cli_error(cli, "-f %s needs an output name (%s FILE, or PG:... for PostgreSQL)", a->driver,
                  opt);
        ++*errors;
    }
    return true;
}

static bool has_ext(const char *path, const char *const *exts)
{
    const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
    if (dot == NULL || (slash != NULL && dot < slash)) {
        return false;
    }
    for (; *exts != NULL; exts++) {
        if (strcasecmp(dot + 1, *exts) == 0) {
            return true;
        }
    }
    return false;
}

bool cli_ogr_source(const char *path)
{
    static const char *const exts[] = {"gpkg",   "fgb",      "shp",      "kml", "csv", "gml",
                                       "sqlite", "geojsons", "geojsonl", "shz", "gdb", NULL};
    if (strncasecmp(path, "PG:", 3) == 0 || has_ext(path, exts)) {
        return true;
    }
    struct stat st;
    if (stat(path, &st) != 0) {
        return false; /* the GeoJSON reader says what is wrong with it */
    }
    if (S_ISDIR(st.st_mode)) {
        return true;
    }
    /* a GeoPackage (SQLite) or FlatGeobuf under another name, by its first bytes */
    unsigned char head[16] = {0};
    FILE *fp = S_ISREG(st.st_mode) ? fopen(path, "rb") : NULL;
    size_t n = fp != NULL ? fread(head, 1, sizeof head, fp) : 0;
    if (fp != NULL) {
        fclose(fp);
    }
    return (n == 16 && memcmp(head, "SQLite format 3", 16) == 0) ||
           (n >= 4 && memcmp(head, "fgb\x03", 4) == 0);
}

int cli_ogr_check_output(const struct incmap_cli *cli, const cli_ogr_args *a, const char *output,
                         bool force)
{
    struct stat st;
    if (output == NULL || strncasecmp(output, "PG:", 3) == 0 || lstat(output, &st) != 0) {
        return INCMAP_EXIT_OK;
    }
    bool shp = a->driver != NULL && strcasecmp(a->driver, "ESRI Shapefile") == 0;
    if (S_ISDIR(st.st_mode) && !shp) {
        cli_error(cli, "%s is a directory", output);
        return INCMAP_EXIT_IO;
    }
    if (!force) {
        cli_error(cli, "%s exists (use --force to replace it)", output);
        return INCMAP_EXIT_IO;
    }
    return INCMAP_EXIT_OK;
}

#ifdef INCMAP_CLI_OGR
incmap_status cli_ogr_save(incmap_ctx *ctx, const cli_ogr_args *a, const incmap_incidents *inc,
                           const char *output, const char *report)
{
    incmap_ogr_opts o = incmap_ogr_opts_default();
    o.driver = a->driver;
    o.layer = a->table;
    o.split_geometry = a->split;
    const char *base = strrchr(report, '/');
    o.report = strcmp(report, "-") == 0 ? "stdin" : base != NULL ? base + 1 : report;
    return incmap_ogr_write(ctx, inc, output, &o);
}
#endif

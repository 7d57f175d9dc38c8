/* The CLI's shared pieces: the command signature, exit codes and error reporting.
 * Only src/cli/ writes to stdout/stderr; everything else is in the library. */
#ifndef INCMAP_CLI_H
#define INCMAP_CLI_H

#include "incmap/incmap.h"

#include <stdio.h>

/* Exit codes (documented in README and `incmap --help`). */
enum {
    INCMAP_EXIT_OK = 0,
    INCMAP_EXIT_NOT_FOUND = 1, /* lookup: no such place; extract: no place in the report */
    INCMAP_EXIT_USAGE = 2,     /* bad command line */
    INCMAP_EXIT_INPUT = 3,     /* bad input: malformed text/GeoJSON, over a size limit */
    INCMAP_EXIT_IO = 4,        /* a file could not be read or written; gazetteer missing/corrupt */
    INCMAP_EXIT_FAILURE = 5    /* anything else: out of memory, PROJ/GDAL/rendering failure */
};

struct incmap_cli {
    const char *prog; /* "incmap" */
    const char *cmd;  /* the subcommand's name */
};

typedef int (*incmap_cmd_fn)(int argc, char **argv, struct incmap_cli *cli);

/* "incmap: <cmd>: <message>" on stderr, one line. */
void cli_error(const struct incmap_cli *cli, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void cli_warn(const struct incmap_cli *cli, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Prints the ctx message as an error and returns the exit code for its status. */
int cli_fail_ctx(const struct incmap_cli *cli, const incmap_ctx *ctx);
int cli_exit_code(incmap_status st);
/* True when DATE (a --date value) looks like YYYY-MM-DD; otherwise reports it and returns false.
 * Checked while parsing, so the error names the option and exits as a usage error. */
bool cli_date_ok(const struct incmap_cli *cli, const char *date);
/* Before writing an output file: refuses an existing PATH (or a symlink, even dangling) unless
 * FORCE, and a directory always. INCMAP_EXIT_OK, or INCMAP_EXIT_IO after printing the error.
 * NULL and "-" (stdout) are fine. */
int cli_check_output(const struct incmap_cli *cli, const char *path, bool force);
/* True when two output paths name one file (the same name, the same inode, or the same name in
 * the same directory), so that writing both would lose the first. */
bool cli_same_file(const char *a, const char *b);
/* After a command: flushes stdout; a failed write turns success into INCMAP_EXIT_IO with an
 * error line (a failing command keeps its own code and message). */
int cli_finish_stdout(const struct incmap_cli *cli, int rc);
/* A log sink that prints warnings to stderr as "incmap: <cmd>: warning: ...". */
void cli_log(void *user, incmap_log_level level, const char *msg);

/* main()'s argv, for a command that hands itself to another executable (cli_exec_runner). */
extern char **cli_argv;
/* Runs RUNNER ("incmap-render", "incmap-gis") from this executable's directory with ARGV;
 * returns (an exit code, after the error line) only when it could not. */
int cli_exec_runner(const char *runner, char **argv);

/* OGR output (cli/cli_ogr.c): -f FORMAT, --split-geometry and --table NAME of extract and map. */
typedef struct {
    const char *driver; /* -f: a GDAL vector driver; NULL = incmap's own GeoJSON */
    const char *table;  /* --table: layer or PostgreSQL table (default "incidents") */
    bool split;         /* --split-geometry */
} cli_ogr_args;
extern const char cli_ogr_help[];
/* Tries argv[*i] as an OGR option (consuming its value); false when it is not one. */
bool cli_ogr_parse(const struct incmap_cli *cli, cli_ogr_args *a, int argc, char **argv, int *i,
                   int *errors);
/* After parsing, for OUTPUT (the incidents output given by option OPT, NULL for none): true when
 * the incidents go through OGR (-f names a driver other than GeoJSON, or OUTPUT is "PG:...");
 * reports misuse. */
bool cli_ogr_wanted(const struct incmap_cli *cli, cli_ogr_args *a, const char *output,
                    const char *opt, int *errors);
/* True for a render input that is not incident GeoJSON but an OGR source: "PG:...", a directory
 * (Shapefiles), a GeoPackage/FlatGeobuf/... by its extension or its first bytes. */
bool cli_ogr_source(const char *path);
/* Refuses an existing OUTPUT unless FORCE (as cli_check_output; a Shapefile directory may be
 * replaced with FORCE). Nothing to check for a database. */
int cli_ogr_check_output(const struct incmap_cli *cli, const cli_ogr_args *a, const char *output,
                         bool force);
#ifdef INCMAP_CLI_OGR
/* Writes INC through OGR to OUTPUT; REPORT (the input's name, "-" for stdin) gives the report key
 * of features without one: its file name. Errors are left in the ctx. */
incmap_status cli_ogr_save(incmap_ctx *ctx, const cli_ogr_args *a, const incmap_incidents *inc,
                           const char *output, const char *report);
#endif

int cmd_extract(int argc, char **argv, struct incmap_cli *cli);
int cmd_lookup(int argc, char **argv, struct incmap_cli *cli);
#ifdef INCMAP_CLI_GIS
int cmd_gazetteer(int argc, char **argv, struct incmap_cli *cli);
#endif
#ifdef INCMAP_CLI_RENDER
int cmd_map(int argc, char **argv, struct incmap_cli *cli);
int cmd_render(int argc, char **argv, struct incmap_cli *cli);
#endif

#endif

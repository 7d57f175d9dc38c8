/* `incmap gazetteer fetch|build|info`: downloads the open data (the installed fetch-sources
 * script), builds the gazetteer from it (incmap_gazetteer_build) and summarises an existing one.
 * Progress goes to stderr when it is a terminal. */
#include "cli/cli.h"
#include "core/core.h"
#include "incmap/build.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* The source tree's script and sources dir, used only when run from the build tree. */
#ifndef INCMAP_FETCH_SCRIPT
#define INCMAP_FETCH_SCRIPT NULL
#endif
#ifndef INCMAP_SOURCES_DIR
#define INCMAP_SOURCES_DIR NULL
#endif

extern char **environ;

/* Where `fetch` puts the sources: the build tree's sources dir from the build tree, else the
 * user's data directory (which `build` then reads). */
static const char *fetch_dir(char *buf, size_t n)
{
    if (INCMAP_SOURCES_DIR != NULL && incmap_run_from_build_tree()) {
        return INCMAP_SOURCES_DIR;
    }
    char user[PATH_MAX];
    if (!incmap_user_data_dir(user, sizeof user) ||
        (size_t)snprintf(buf, n, "%s/sources", user) >= n) {
        return NULL;
    }
    return buf;
}

static void usage(FILE *fp)
{
    char dir[PATH_MAX];
    const char *out = incmap_build_default_output();
    fprintf(fp,
            "usage: incmap gazetteer fetch [DIR]\n"
            "       incmap gazetteer build [options]\n"
            "       incmap gazetteer info [PATH]\n\n"
            "fetch: downloads the open data (npm and Debian packages, versions pinned) into DIR\n"
            "  (default: %s).\n\n"
            "build: turns the open data into a gazetteer (a GeoPackage and its .idx index).\n"
            "  -o, --output FILE      GeoPackage to write (default: $INCMAP_GAZETTEER or\n"
            "                         %s)\n"
            "  --sources DIR          where the source files are (default: %s)\n"
            "  --cities500 FILE       GeoNames cities500.txt     --admin1 FILE  admin1.json\n"
            "  --admin2 FILE          admin2.json                --airports FILE airports.json\n"
            "  --natural-earth FILE   Natural Earth world_map.gpkg\n"
            "  --supplement FILE      curated supplement TSV (default: supplement.tsv of the\n"
            "                         data directory)\n"
            "  --geonames FILE        also a full GeoNames dump (allCountries.txt, IQ.txt, ...);\n"
            "                         repeatable; all feature classes\n"
            "  --no-regions           no directional regions (\"northeastern Syria\")\n"
            "  --no-borders           no country borders\n"
            "  --gshhg DIR            GSHHG binned files for rivers, lakes and the detailed\n"
            "                         coast (default: /usr/share/gmt-gshhg; \"\" for none)\n"
            "  --relief DIR           Marble's srtm map theme for the relief layer (default:\n"
            "                         /usr/share/marble/data/maps/earth/srtm; \"\" for none)\n"
            "  --force                replace the GeoPackage and index if they exist (refused\n"
            "                         otherwise)\n"
            "  -q, --quiet            no progress and no summary\n"
            "  A FILE given as \"\" leaves that source out.\n"
            "  Missing sources: run `incmap gazetteer fetch` (gazetteer/fetch-sources) first.\n\n"
            "info: counts of entries per kind, names, borders and the sources of PATH\n"
            "  (default: the default gazetteer).\n\n"
            "The gazetteer is looked for in $INCMAP_GAZETTEER, the user's data directory\n"
            "($XDG_DATA_HOME/incmap, default ~/.local/share/incmap), then the installed one\n"
            "(<prefix>/share/incmap).\n",
            fetch_dir(dir, sizeof dir), out != NULL ? out : "(none: HOME is not set)",
            incmap_build_opts_default().sources_dir);
}

typedef struct {
    bool tty;
    bool line_open; /* a progress line is on screen */
    char last_stage[128];
    int last_pct;
    const struct incmap_cli *cli;
} progress_state;

static void progress(void *user, const char *stage, uint64_t done, uint64_t total)
{
    progress_state *p = user;
    int pct = total > 0 ? (int)(100.0 * (double)done / (double)total) : -1;
    if (pct == p->last_pct && strcmp(stage, p->last_stage) == 0) {
        return; /* redraw only on change: the callback comes often */
    }
    p->last_pct = pct;
    snprintf(p->last_stage, sizeof p->last_stage, "%s", stage);
    if (pct >= 0) {
        fprintf(stderr, "\r\033[K  %s %3d%%", stage, pct);
    } else {
        fprintf(stderr, "\r\033[K  %s", stage);
    }
    p->line_open = true;
}

static void log_msg(void *user, incmap_log_level level, const char *msg)
{
    progress_state *p = user;
    if (p->line_open) {
        fputs("\r\033[K", stderr);
        p->line_open = false;
        p->last_stage[0] = '\0';
    }
    cli_log((void *)(uintptr_t)p->cli, level, msg);
}

static int cmd_build(int argc, char **argv, struct incmap_cli *cli)
{
    enum {
        O_SOURCES = 256,
        O_CITIES,
        O_ADMIN1,
        O_ADMIN2,
        O_NE,
        O_AIRPORTS,
        O_SUPP,
        O_GEONAMES,
        O_NOREG,
        O_NOBORD,
        O_GSHHG,
        O_RELIEF,
        O_FORCE
    };
    static const struct option longopts[] = {{"output", required_argument, NULL, 'o'},
                                             {"sources", required_argument, NULL, O_SOURCES},
                                             {"cities500", required_argument, NULL, O_CITIES},
                                             {"admin1", required_argument, NULL, O_ADMIN1},
                                             {"admin2", required_argument, NULL, O_ADMIN2},
                                             {"natural-earth", required_argument, NULL, O_NE},
                                             {"airports", required_argument, NULL, O_AIRPORTS},
                                             {"supplement", required_argument, NULL, O_SUPP},
                                             {"geonames", required_argument, NULL, O_GEONAMES},
                                             {"no-regions", no_argument, NULL, O_NOREG},
                                             {"no-borders", no_argument, NULL, O_NOBORD},
                                             {"gshhg", required_argument, NULL, O_GSHHG},
                                             {"relief", required_argument, NULL, O_RELIEF},
                                             {"force", no_argument, NULL, O_FORCE},
                                             {"quiet", no_argument, NULL, 'q'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    incmap_build_opts opts = incmap_build_opts_default();
    const char **geonames = calloc((size_t)argc + 1, sizeof *geonames);
    if (geonames == NULL) {
        cli_error(cli, "out of memory");
        return INCMAP_EXIT_FAILURE;
    }
    bool quiet = false, force = false;
    int errors = 0, c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o':
            opts.output = optarg;
            break;
        case O_SOURCES:
            opts.sources_dir = optarg;
            break;
        case O_CITIES:
            opts.cities500 = optarg;
            break;
        case O_ADMIN1:
            opts.admin1 = optarg;
            break;
        case O_ADMIN2:
            opts.admin2 = optarg;
            break;
        case O_NE:
            opts.natural_earth = optarg;
            break;
        case O_AIRPORTS:
            opts.airports = optarg;
            break;
        case O_SUPP:
            opts.supplement = optarg;
            break;
        case O_GEONAMES:
            geonames[opts.ngeonames++] = optarg;
            break;
        case O_NOREG:
            opts.directional_regions = false;
            break;
        case O_NOBORD:
            opts.borders = false;
            break;
        case O_GSHHG:
            opts.gshhg_dir = optarg;
            break;
        case O_RELIEF:
            opts.relief_dir = optarg;
            break;
        case 'q':
            quiet = true;
            break;
        case O_FORCE:
            force = true;
            break;
        case 'h':
            usage(stdout);
            free(geonames);
            return INCMAP_EXIT_OK;
        case ':':
            cli_error(cli, "option %s needs a value", argv[optind - 1]);
            errors++;
            break;
        default:
            cli_error(cli, "unknown option %s", argv[optind - 1]);
            errors++;
            break;
        }
    }
    if (optind < argc) {
        cli_error(cli, "unexpected argument '%s'", argv[optind]);
        errors++;
    }
    if (errors > 0) {
        fprintf(stderr, "see: incmap gazetteer --help\n");
        free(geonames);
        return INCMAP_EXIT_USAGE;
    }
    opts.geonames = geonames;
    /* the same rules as every other output: the GeoPackage and its index are refused when they
     * exist, unless --force (a .gpkg name is checked by the build itself) */
    const char *out = opts.output != NULL ? opts.output : incmap_build_default_output();
    if (out == NULL) {
        cli_error(cli, "no output: HOME is not set (give -o FILE.gpkg or set INCMAP_GAZETTEER)");
        free(geonames);
        return INCMAP_EXIT_USAGE;
    }
    size_t outlen = strlen(out);
    char idx[4096];
    snprintf(idx, sizeof idx, "%.*s.idx", (int)(outlen > 5 ? outlen - 5 : outlen), out);
    int orc = cli_check_output(cli, out, force);
    if (orc == INCMAP_EXIT_OK && outlen > 5 && strcmp(out + outlen - 5, ".gpkg") == 0) {
        orc = cli_check_output(cli, idx, force);
    }
    if (orc != INCMAP_EXIT_OK) {
        free(geonames);
        return orc;
    }
    progress_state ps = {isatty(STDERR_FILENO) != 0, false, "", -2, cli};
    if (ps.tty && !quiet) {
        opts.progress = progress;
        opts.progress_user = &ps;
    }
    incmap_ctx *ctx = incmap_ctx_create();
    if (ctx == NULL) {
        free(geonames);
        cli_error(cli, "out of memory");
        return INCMAP_EXIT_FAILURE;
    }
    incmap_ctx_set_log(ctx, log_msg, &ps, INCMAP_LOG_WARN);
    incmap_ctx_set_overwrite(ctx, force); /* a file that appears meanwhile is not replaced */
    incmap_build_stats s;
    opts.output = out;
    incmap_status st = incmap_gazetteer_build(ctx, &opts, &s);
    if (ps.line_open) {
        fputs("\r\033[K", stderr);
    }
    int rc = INCMAP_EXIT_OK;
    if (st != INCMAP_OK) {
        rc = cli_fail_ctx(cli, ctx);
    } else if (!quiet) {
        printf(
            "gazetteer %s: %zu entries (%zu countries, %zu admin-1, %zu regions, %zu places, "
            "%zu sites), %zu names, %zu borders, %zu rivers, %zu shore polygons, %zu relief tiles, "
            "%zu skipped rows, %.1f s\n",
            out, s.entries, s.per_kind[INCMAP_KIND_COUNTRY], s.per_kind[INCMAP_KIND_ADMIN1],
            s.per_kind[INCMAP_KIND_REGION], s.per_kind[INCMAP_KIND_PLACE],
            s.per_kind[INCMAP_KIND_SITE], s.names, s.borders, s.rivers, s.shore_polygons,
            s.relief_tiles, s.skipped_rows, s.seconds);
    }
    incmap_ctx_destroy(ctx);
    free(geonames);
    return rc;
}

static int cmd_info(int argc, char **argv, struct incmap_cli *cli)
{
    if (argc > 2) {
        cli_error(cli, "info takes at most one PATH");
        return INCMAP_EXIT_USAGE;
    }
    const char *path = argc == 2 ? argv[1] : incmap_gazetteer_default_path();
    incmap_ctx *ctx = incmap_ctx_create();
    if (ctx == NULL) {
        cli_error(cli, "out of memory");
        return INCMAP_EXIT_FAILURE;
    }
    char *text = NULL;
    int rc = INCMAP_EXIT_OK;
    if (incmap_gazetteer_describe(ctx, path, &text) != INCMAP_OK) {
        rc = cli_fail_ctx(cli, ctx);
    } else {
        fputs(text, stdout);
    }
    incmap_free(text);
    incmap_ctx_destroy(ctx);
    return rc;
}

/* Runs the fetch-sources script (installed in the data directory) with bash. */
static int cmd_fetch(int argc, char **argv, struct incmap_cli *cli)
{
    if (argc > 2) {
        cli_error(cli, "fetch takes at most one DIR");
        return INCMAP_EXIT_USAGE;
    }
    char script[PATH_MAX], looked[3 * PATH_MAX], buf[PATH_MAX];
    if (!incmap_data_find("fetch-sources", INCMAP_FETCH_SCRIPT, script, sizeof script, looked,
                          sizeof looked)) {
        cli_error(cli, "cannot find the fetch-sources script (looked for %s)", looked);
        return INCMAP_EXIT_IO;
    }
    const char *dir = argc == 2 ? argv[1] : fetch_dir(buf, sizeof buf);
    if (dir == NULL) {
        cli_error(cli, "no DIR given and HOME is not set");
        return INCMAP_EXIT_USAGE;
    }
    fflush(stdout);
    char bash[] = "bash";
    char *args[] = {bash, script, (char *)dir, NULL};
    pid_t pid;
    int err = posix_spawnp(&pid, "bash", NULL, NULL, args, environ);
    if (err != 0) {
        cli_error(cli, "cannot run bash %s: %s", script, strerror(err));
        return INCMAP_EXIT_FAILURE;
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        cli_error(cli, "fetching the sources into %s failed (%s exited %d): see the lines above",
                  dir, script, WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
        return INCMAP_EXIT_IO;
    }
    return INCMAP_EXIT_OK;
}

int cmd_gazetteer(int argc, char **argv, struct incmap_cli *cli)
{
    if (argc < 2) {
        usage(stderr);
        return INCMAP_EXIT_USAGE;
    }
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return INCMAP_EXIT_OK;
    }
    if (strcmp(argv[1], "build") == 0) {
        return cmd_build(argc - 1, argv + 1, cli);
    }
    if (strcmp(argv[1], "fetch") == 0) {
        if (argc > 2 && (strcmp(argv[2], "-h") == 0 || strcmp(argv[2], "--help") == 0)) {
            usage(stdout);
            return INCMAP_EXIT_OK;
        }
        return cmd_fetch(argc - 1, argv + 1, cli);
    }
    if (strcmp(argv[1], "info") == 0) {
        if (argc > 2 && (strcmp(argv[2], "-h") == 0 || strcmp(argv[2], "--help") == 0)) {
            usage(stdout);
            return INCMAP_EXIT_OK;
        }
        return cmd_info(argc - 1, argv + 1, cli);
    }
    cli_error(cli, "unknown subcommand '%s' (fetch, build or info; see incmap gazetteer --help)",
              argv[1]);
    return INCMAP_EXIT_USAGE;
}

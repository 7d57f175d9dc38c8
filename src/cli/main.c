/* incmap command-line entry point: a table of subcommands, each a thin layer over the library.
 * This file is built three times: `incmap` (core only, fast start: lookup, extract),
 * `incmap-render` (PROJ, cairo, pango, SQLite: render, map) and `incmap-gis` (GDAL: gazetteer,
 * and extract/render/map when they read or write through OGR). `incmap` execs the other two from
 * its own directory for their commands. */
#include "cli/cli.h"
#include "core/core.h"
#include "incmap/gazetteer.h"

#include <errno.h>
#include <limits.h>
#include <malloc.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef INCMAP_CLI_GIS
#include "incmap/build.h"
#endif
#ifdef INCMAP_CLI_RENDER
#include "incmap/render.h"
#endif

extern char **environ;

#ifdef INCMAP_CLI_GIS
#define GIS_CMD(fn) fn
#else
#define GIS_CMD(fn) NULL /* run by incmap-gis */
#endif
#ifdef INCMAP_CLI_RENDER
#define RENDER_CMD(fn) fn
#else
#define RENDER_CMD(fn) NULL /* run by incmap-render */
#endif

struct incmap_cmd {
    const char *name, *summary;
    incmap_cmd_fn run;
    const char *runner; /* the executable that has the command when run is NULL here */
};

static const struct incmap_cmd commands[] = {
    /* keep sorted; summaries feed --help */
    {"extract", "report text -> incidents as GeoJSON", cmd_extract, NULL},
    {"gazetteer", "fetch the data, build or inspect a gazetteer", GIS_CMD(cmd_gazetteer),
     "incmap-gis"},
    {"lookup", "place name -> ranked candidates", cmd_lookup, NULL},
    {"map", "report text -> map (+ GeoJSON)", RENDER_CMD(cmd_map), "incmap-render"},
    {"render", "incident GeoJSON -> map", RENDER_CMD(cmd_render), "incmap-render"},
};

static void usage(FILE *out)
{
    fprintf(out,
            "usage: incmap <command> [options]   (incmap <command> --help for its options)\n\n"
            "Geospatial incident mapper: report text -> located incidents -> GeoJSON and maps.\n\n"
            "commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    }
    fprintf(out, "\noptions:\n  -h, --help     this help\n  -V, --version  print the version and "
                 "those of the libraries used\n"
                 "Every command takes --help and --version; --opt=value is --opt value; -- ends\n"
                 "the options; -o - writes to standard output.\n\n"
                 "exit status: 0 ok, 1 not found, 2 usage error, 3 bad input, 4 file or gazetteer\n"
                 "error, 5 other failure.\n"
                 "environment: INCMAP_GAZETTEER (gazetteer path; else $XDG_DATA_HOME/incmap, then\n"
                 "<prefix>/share/incmap), INCMAP_STYLE (map style file). See man incmap.\n"
                 "Place data: GeoNames (CC BY 4.0), Natural Earth, OurAirports.\n");
}

/* The sibling executable RUNNER, from the directory this one is in, into buf (PATH_MAX bytes). */
static bool sibling_path(const char *runner, char *buf, size_t n)
{
    ssize_t len = readlink("/proc/self/exe", buf, n - 32);
    if (len <= 0) {
        return false;
    }
    buf[len] = '\0';
    char *slash = strrchr(buf, '/');
    snprintf(slash != NULL ? slash + 1 : buf, 32, "%s", runner);
    return true;
}

/* `--version`: incmap's version, then the libraries each part uses, asked at run time. The core
 * executable does not link PROJ, cairo, pango, SQLite or GDAL (it starts faster without), so it
 * asks incmap-render and incmap-gis for theirs (their hidden --dependency-versions). */
static void print_own_versions(void)
{
#ifdef INCMAP_CLI_RENDER
    fputs(incmap_render_dependency_versions(), stdout);
#endif
#ifdef INCMAP_CLI_GIS
    fputs(incmap_build_dependency_versions(), stdout);
#endif
}

#if !defined(INCMAP_CLI_RENDER) || !defined(INCMAP_CLI_GIS)
static void ask_sibling(const char *runner, const char *libs)
{
    char path[PATH_MAX];
    char arg[] = "--dependency-versions";
    char *args[] = {path, arg, NULL};
    pid_t pid;
    int status = 0, err = ENOENT;
    fflush(stdout);
    if (sibling_path(runner, path, sizeof path) &&
        (err = posix_spawn(&pid, path, NULL, NULL, args, environ)) == 0) {
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
            return;
        }
        err = EIO;
    }
    printf("%s: unknown (cannot run %s: %s)\n", libs, runner, strerror(err));
}
#endif

static void print_versions(void)
{
    printf("incmap %s\n%s", incmap_version(), incmap_dependency_versions());
#if defined(INCMAP_CLI_RENDER) || defined(INCMAP_CLI_GIS)
    print_own_versions(); /* incmap-gis has the render commands too */
#endif
#ifndef INCMAP_CLI_RENDER
    ask_sibling("incmap-render", "PROJ, cairo, pango, SQLite, libpng");
#endif
#ifndef INCMAP_CLI_GIS
    ask_sibling("incmap-gis", "GDAL");
#endif
}

/* Options that take no value. Every other long option takes one, so `--name=value` is split into
 * `--name value` for the commands' parsers; for these it is an error. Keep in step with them. */
static const char *const flag_options[] = {
    "--help",           "--version",        "--force",      "--pretty",     "--no-mentions",
    "--country-filter", "--no-base",        "--quiet",      "--no-regions", "--no-borders",
    "--jsonl",          "--split-geometry", "--world-file", "--relief",     "--no-relief"};

/* *nargv: argv with every `--name=value` before a `--` split in two. INCMAP_EXIT_OK, or the exit
 * code after reporting a usage error or running out of memory. The array and the names live
 * until exit. */
static int split_option_values(int argc, char **argv, int *nargc, char ***nargv,
                               const struct incmap_cli *cli)
{
    static char **out; /* kept reachable: the strings point into it until exit */
    size_t total = 0;
    for (int i = 0; i < argc; i++) {
        total += strlen(argv[i]) + 1;
    }
    out = malloc((2 * (size_t)argc + 1) * sizeof *out + total);
    if (out == NULL) {
        cli_error(cli, "out of memory");
        return INCMAP_EXIT_FAILURE;
    }
    char *names = (char *)(out + 2 * argc + 1);
    int n = 0, errors = 0;
    bool options = true;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i], *eq = strchr(arg, '=');
        if (i < 2 || !options || strncmp(arg, "--", 2) != 0 || eq == NULL || eq == arg + 2) {
            options = options && !(i >= 2 && strcmp(arg, "--") == 0);
            out[n++] = argv[i];
            continue;
        }
        size_t len = (size_t)(eq - arg);
        memcpy(names, arg, len);
        names[len] = '\0';
        for (size_t k = 0; k < sizeof flag_options / sizeof flag_options[0]; k++) {
            if (strcmp(names, flag_options[k]) == 0) {
                cli_error(cli, "%s takes no value (got '%s')", names, arg);
                errors++;
            }
        }
        out[n++] = names;
        out[n++] = (char *)eq + 1;
        names += len + 1;
    }
    out[n] = NULL;
    *nargc = n;
    *nargv = out;
    return errors > 0 ? INCMAP_EXIT_USAGE : INCMAP_EXIT_OK;
}

/* True when ARGV (a command's arguments, after splitting) asks for --version before any `--`. */
static bool wants_version(int argc, char **argv)
{
    for (int i = 2; i < argc && strcmp(argv[i], "--") != 0; i++) {
        if (strcmp(argv[i], "--version") == 0) {
            return true;
        }
    }
    return false;
}

/* Address space a runner needs just to load its libraries, with margin (measured: incmap-render
 * 45 MB, incmap-gis 164 MB with GDAL's). Under a lower `ulimit -v` the dynamic loader exits 127
 * with its own message, or a library's initialiser crashes, before main() can say anything. */
#define RENDER_MIN_AS_MIB 64.0
#define GIS_MIN_AS_MIB 256.0

char **cli_argv;

/* Runs `runner` from the directory this executable is in, with the same arguments. */
int cli_exec_runner(const char *runner, char **argv)
{
    struct rlimit rl;
    double need = strcmp(runner, "incmap-gis") == 0 ? GIS_MIN_AS_MIB : RENDER_MIN_AS_MIB;
    if (getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
        (double)rl.rlim_cur / 1048576 < need) {
        fprintf(stderr,
                "incmap: %s: out of memory: %s needs at least %.0f MiB of address space to "
                "start, the limit (ulimit -v) is %.0f MiB\n",
                argv[1], runner, need, (double)rl.rlim_cur / 1048576);
        return INCMAP_EXIT_FAILURE;
    }
    char self[PATH_MAX];
    if (!sibling_path(runner, self, sizeof self)) {
        fprintf(stderr, "incmap: cannot find my own executable: %s\n", strerror(errno));
        return INCMAP_EXIT_FAILURE;
    }
    execv(self, argv);
    fprintf(stderr, "incmap: %s: cannot run %s: %s\n", argv[1], self, strerror(errno));
    return INCMAP_EXIT_FAILURE;
}

/* The subcommand running, for messages written from a signal handler. */
static const char *volatile signal_cmd = "incmap";

/* A terminating signal (Ctrl-C, kill, hang-up, SIGUSR1, SIGALRM, ...: every one whose default
 * action ends the process and that can be caught) ends the process as the signal would, but
 * first removes the temporary files of outputs being written, so nothing is left behind. */
static void on_fatal_signal(int sig)
{
    incmap_afile_remove_temps();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void put(char *buf, size_t cap, size_t *at, const char *s)
{
    for (; *s != '\0' && *at + 1 < cap; s++) {
        unsigned char c = (unsigned char)*s;
        buf[(*at)++] = c < 0x20 || c == 0x7f ? '?' : (char)c; /* one line, as cli_error */
    }
}

/* Faults (SIGBUS, SIGSEGV, ...). SIGBUS inside the mapped gazetteer index means its file was
 * truncated while this process read it (a copy over it in place): a file problem, reported as
 * one line with exit 4 like every other. Any other fault is a bug: temporary files are removed
 * and the previous handler (the default, or a sanitizer's) gets the fault. */
static struct sigaction old_fault[NSIG];

static void on_fault(int sig, siginfo_t *si, void *uctx)
{
    (void)uctx;
    incmap_afile_remove_temps();
    const char *idx = sig == SIGBUS ? incmap_gazetteer_mapped_file(si->si_addr) : NULL;
    if (idx != NULL) {
        char msg[1024];
        size_t at = 0;
        put(msg, sizeof msg, &at, "incmap: ");
        put(msg, sizeof msg, &at, signal_cmd);
        put(msg, sizeof msg, &at, ": gazetteer index ");
        put(msg, sizeof msg, &at, idx);
        put(msg, sizeof msg, &at,
            " was truncated while in use (replaced in place?): run the command again");
        msg[at++] = '\n';
        ssize_t w = write(STDERR_FILENO, msg, at);
        (void)w;
        _exit(INCMAP_EXIT_IO);
    }
    sigaction(sig, &old_fault[sig], NULL);
    if (si->si_code <= 0) {
        raise(sig); /* sent by kill(): returning would lose it */
    } /* a real fault: returning re-runs the instruction, which faults into the old handler */
}

static void setup_signals(void)
{
    /* Over `ulimit -f`, write() then fails with EFBIG, which the atomic writer reports (and it
     * removes its temporary file) instead of the process dying mid-file. */
    signal(SIGXFSZ, SIG_IGN);
    /* A closed pipe (`incmap lookup X | head -1`) ends the process quietly, as for any filter,
     * even when the parent left SIGPIPE ignored; files are never written through pipes. */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_fatal_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGPIPE, &sa, NULL);
    static const int fatal[] = {SIGINT,    SIGTERM,   SIGHUP,  SIGQUIT, SIGUSR1, SIGUSR2,
                                SIGALRM,   SIGVTALRM, SIGPROF, SIGIO,   SIGPWR,  SIGXCPU,
#ifdef SIGSTKFLT
                                SIGSTKFLT,
#endif
                                SIGTRAP};
    for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++) {
        struct sigaction old;
        /* a signal the parent ignores (nohup) stays ignored */
        if (sigaction(fatal[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN) {
            sigaction(fatal[i], &sa, NULL);
        }
    }
    for (int sig = SIGRTMIN; sig <= SIGRTMAX; sig++) {
        struct sigaction old;
        if (sigaction(sig, NULL, &old) == 0 && old.sa_handler == SIG_DFL) {
            sigaction(sig, &sa, NULL);
        }
    }
    static const int faults[] = {SIGBUS, SIGSEGV, SIGILL, SIGFPE, SIGABRT, SIGSYS};
    struct sigaction fa;
    memset(&fa, 0, sizeof fa);
    fa.sa_sigaction = on_fault;
    fa.sa_flags = SA_SIGINFO;
    sigemptyset(&fa.sa_mask);
    for (size_t i = 0; i < sizeof faults / sizeof faults[0]; i++) {
        sigaction(faults[i], &fa, &old_fault[faults[i]]);
    }
}

int main(int argc, char **argv)
{
    setup_signals();
    cli_argv = argv;
    /* One malloc arena for every thread: glibc reserves 64 MiB of address space for each thread's
     * own arena, which under `ulimit -v` made GLib (pango's threads) fail an allocation and abort
     * the process (SIGTRAP) at random. The render's threads allocate little; sharing costs
     * nothing measurable. */
    mallopt(M_ARENA_MAX, 1);
    struct incmap_cli top = {"incmap", argc >= 2 ? argv[1] : "incmap"};
    if (argc < 2) {
        usage(stderr);
        return INCMAP_EXIT_USAGE;
    }
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return cli_finish_stdout(&top, INCMAP_EXIT_OK);
    }
    if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
        print_versions();
        return cli_finish_stdout(&top, INCMAP_EXIT_OK);
    }
    if (strcmp(argv[1], "--dependency-versions") == 0) { /* for print_versions() */
        print_own_versions();
        return cli_finish_stdout(&top, INCMAP_EXIT_OK);
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(argv[1], commands[i].name) == 0) {
            struct incmap_cli cli = {"incmap", commands[i].name};
            signal_cmd = commands[i].name;
            int nargc = 0;
            char **nargv = NULL;
            int src = split_option_values(argc, argv, &nargc, &nargv, &cli);
            if (src != INCMAP_EXIT_OK) {
                return src;
            }
            if (wants_version(nargc, nargv)) {
                print_versions();
                return cli_finish_stdout(&cli, INCMAP_EXIT_OK);
            }
            if (commands[i].run == NULL) {
#if !defined(INCMAP_CLI_GIS) && !defined(INCMAP_CLI_RENDER)
                return cli_exec_runner(commands[i].runner, argv);
#else
                fprintf(stderr, "incmap: %s is run by %s (use `incmap %s`)\n", argv[1],
                        commands[i].runner, argv[1]);
                return INCMAP_EXIT_USAGE;
#endif
            } else {
                int rc = commands[i].run(nargc - 1, nargv + 1, &cli);
                return cli_finish_stdout(&cli, rc);
            }
        }
    }
    fprintf(stderr, "incmap: unknown command '%s' (see incmap --help)\n", argv[1]);
    return INCMAP_EXIT_USAGE;
}

/* Many reports in one run, shared by `incmap extract` and `incmap map --batch`: the inputs
 * (files, a directory's report files, JSON Lines) read one report at a time in input order, and a
 * pipeline that works on them with N threads and hands the results back in input order. */
#ifndef INCMAP_CLI_BATCH_H
#define INCMAP_CLI_BATCH_H

#include "cli/cli.h"

#include <stddef.h>

/* One report as read, or a bad input (a JSON Lines line that is not a report, a file that cannot
 * be read): then `error` says why and `rc` is its exit code. */
typedef struct {
    char *name;  /* the report: its JSON Lines "id", or its file's name without the directory */
    char *where; /* for messages: the path as given, or "FILE:LINE" ("standard input:3") */
    char *text;  /* UTF-8, NUL-terminated; NULL for a bad input */
    size_t len;
    char *date;  /* the JSON Lines "date", or NULL (then --date applies) */
    char *error; /* NULL, or the one-line reason the input was skipped */
    int rc;      /* INCMAP_EXIT_INPUT or INCMAP_EXIT_IO when error is set */
} batch_item;

void batch_item_clear(batch_item *it); /* frees the strings; the item may be reused */

typedef struct batch_input batch_input;

/* The inputs: PATHS as given ("-" is standard input). A directory contributes its regular files
 * named *.txt (one report each) and *.jsonl / *.ndjson (JSON Lines), sorted by name (bytes);
 * hidden files, subdirectories and other names are skipped. "-" (standard input), a file named
 * *.jsonl or *.ndjson, or any input when JSONL is true, is JSON Lines: one report a line, {"id":
 * "...", "text": "...", "date": "YYYY-MM-DD"} with date optional; blank lines are skipped. Problems
 * with the command line itself (a path that does not exist, a directory with no report) are
 * reported here and counted in *ERRORS. Owned: batch_input_close(). NULL when out of memory. */
batch_input *batch_input_open(const struct incmap_cli *cli, char *const *paths, size_t npaths,
                              bool jsonl, int *errors);
/* batch_input_open() for a command: NULL and the exit code in *RC after a usage error (already
 * reported) or when out of memory; otherwise a warning when directory entries were skipped. */
batch_input *batch_input_start(const struct incmap_cli *cli, char *const *paths, size_t npaths,
                               bool jsonl, int *rc);
/* The next report in input order into IT (cleared first): 1, or 0 at the end. */
int batch_input_next(batch_input *in, batch_item *it);
/* Paths skipped while listing directories (for one warning line). */
size_t batch_input_skipped(const batch_input *in);
void batch_input_close(batch_input *in);

/* The file name stem of a report, for output files named after it: NAME without a final ".txt".
 * False (and a reason in WHY) when NAME cannot name a file: empty, ".", "..", a '/', a control
 * character, or over 200 bytes. */
bool batch_file_stem(const char *name, char *out, size_t n, const char **why);

/* --- the pipeline ---------------------------------------------------------------------------- */

typedef struct batch_job batch_job;

/* One report in flight: the item, and what the work made of it for emit(). */
struct batch_job {
    batch_item item;
    size_t seq; /* 0, 1, ... in input order */
    char *out;  /* work's output (malloc'ed), len bytes */
    size_t len;
    char *log; /* warnings the work logged, one a line (malloc'ed) */
    size_t loglen, logcap;
    int rc;        /* work's exit code for this report (INCMAP_EXIT_OK ...) */
    char msg[512]; /* work's error message when rc is not OK */
    int incidents; /* what the work found, for the collection's totals */
    double bbox[4];
    bool has_bbox;
};

typedef struct {
    /* Per worker thread: state made on the thread that uses it (an incmap_ctx at least). */
    void *(*worker_start)(void *user);
    void (*worker_stop)(void *user, void *worker);
    /* In a worker: the job's report -> job->out, rc, msg, log. Not called for a bad item. */
    void (*work)(void *user, void *worker, batch_job *job);
    /* On the calling thread, in input order: writes the job's result. A non-zero return stops
     * the run (an output that cannot be written); it is batch_run()'s return value. */
    int (*emit)(void *user, batch_job *job);
    void *user;
} batch_ops;

/* Reads every report of IN, runs ops->work on THREADS threads (1: on this thread, no thread
 * started) with at most WINDOW reports in flight, and calls ops->emit in input order. Memory is
 * bounded by WINDOW reports whatever the input's length. The first non-zero emit() return, or
 * INCMAP_EXIT_FAILURE when out of memory, else 0. */
int batch_run(batch_input *in, int threads, size_t window, const batch_ops *ops);

/* For work(): a log callback (incmap_ctx_set_log) whose user pointer is a batch_job *, keeping
 * warnings with the job so that they are printed in input order. */
void batch_job_log(void *job, incmap_log_level level, const char *msg);

/* For emit(): prints the job's warnings and its error, if any, each on one line ("incmap: CMD:
 * WHERE: ..."), raising *WORST to the error's exit code. True when the job failed. */
bool batch_job_report(const struct incmap_cli *cli, const batch_job *job, int *worst);

/* Parses -j's value: 1..256 threads; "0" is the number of processors. False when not a number. */
bool batch_parse_threads(const char *s, int *threads);

#endif

/* `incmap extract` over many reports (src/cli/extract_batch.c), and the output formats it shares
 * with the single-report path of src/cli/cmd_extract.c. */
#ifndef INCMAP_CLI_EXTRACT_BATCH_H
#define INCMAP_CLI_EXTRACT_BATCH_H

#include "cli/cli.h"

enum { FMT_GEOJSON, FMT_TEXT, FMT_JSON, FMT_GEOJSONSEQ };

typedef struct {
    char *const *reports; /* files, directories, "-" */
    size_t nreports;
    bool jsonl;  /* --jsonl: every input is JSON Lines */
    int threads; /* -j */
    int format;  /* FMT_* */
    bool no_mentions;
    bool force;
    const char *date; /* --date: for reports without their own */
    const char *output;
    const char *gazetteer;
} extract_batch_args;

/* True when the inputs make a batch: --batch, several, JSON Lines (--jsonl, *.jsonl). A lone
 * directory needs --batch. */
bool extract_is_batch(char *const *reports, size_t nreports, bool jsonl, bool batch);
/* Runs the batch and returns the exit code: the worst of the reports' errors (each reported on
 * its own line, the rest still written), or the output's. */
int extract_batch(const struct incmap_cli *cli, const extract_batch_args *a);

/* The --format text and json renderings of one report (owned: free()); REPORT (or NULL) heads the
 * text and is a member of the json, which is one line when COMPACT. NULL when out of memory. */
char *extract_format_text(const incmap_incidents *inc, const char *report);
char *extract_format_json(const incmap_incidents *inc, const char *report, bool compact);

#endif

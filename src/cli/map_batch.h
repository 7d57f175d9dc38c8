/* `incmap map --batch` (src/cli/map_batch.c): one map per report in one process. */
#ifndef INCMAP_CLI_MAP_BATCH_H
#define INCMAP_CLI_MAP_BATCH_H

#include "cli/map_render_args.h"

typedef struct {
    const render_args *ra;   /* the render options, as for one map; ra->output is OUTDIR */
    const char *source;      /* a directory, a JSON Lines file, or - (JSON Lines on stdin) */
    const char *outdir;      /* maps are OUTDIR/STEM.png (.svg, .pdf with --format) */
    const char *geojson_dir; /* or NULL: also STEM.geojson there */
    const char *date;        /* --date, for reports without their own */
    const char *gpkg;        /* the gazetteer */
    int threads;
} map_batch_args;

/* Draws the maps; a report that cannot be mapped is reported on its own line and the others are
 * still drawn. The exit code: the worst of the reports', or the first fatal error's. */
int map_batch(const struct incmap_cli *cli, const map_batch_args *a);

#endif

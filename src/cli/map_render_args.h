/* Render options shared by `incmap render` and `incmap map` (src/cli/gis_cmd_render.c). */
#ifndef INCMAP_GIS_RENDER_ARGS_H
#define INCMAP_GIS_RENDER_ARGS_H

#include "cli/cli.h"
#include "incmap/render.h"

typedef struct {
    incmap_render_opts ro;
    const char *output;    /* -o */
    const char *gazetteer; /* --gazetteer, or NULL for the default */
    bool no_base;          /* --no-base: incident layers only */
    bool force;            /* --force: replace output files that exist */
    int errors;            /* usage errors reported so far */
} render_args;

void render_args_init(render_args *a);
/* Tries argv[*i] as a render option (consuming its value); false when it is not one. Usage
 * problems are reported on stderr and counted in a->errors, so every one is reported. */
bool render_args_parse(const struct incmap_cli *cli, render_args *a, int argc, char **argv, int *i);
/* Checks the parsed options that need no input (output given, known extension). */
void render_args_check(const struct incmap_cli *cli, render_args *a);
/* True when -o names an .html page (incmap_render_html), not a static map. */
bool render_args_html(const render_args *a);
/* Draws inc into -o: incmap_render_html() for .html, else incmap_render(). */
incmap_status render_args_draw(const render_args *a, incmap_ctx *ctx, const char *gpkg,
                               const incmap_incidents *inc);
/* Refuses outputs that exist (unless --force) before any work is done: -o and, when not
 * NULL, a second output (the GeoJSON of `incmap map`). */
int render_args_outputs(const struct incmap_cli *cli, const render_args *a, const char *other);
/* The GeoPackage of the base layers (NULL with --no-base); a missing file is an error. */
int render_args_gpkg(const struct incmap_cli *cli, const render_args *a, char *out, size_t n);
/* After a failed incmap_render(): prints the ctx message, adding the option that would have
 * helped, and returns the exit code. */
int render_args_fail(const struct incmap_cli *cli, const render_args *a, const incmap_ctx *ctx);
extern const char render_args_help[];

#endif

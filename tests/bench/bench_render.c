/* In-process CPU timing of incmap_render() on the example incidents (no process start, no library
 * loading): what the renderer itself costs, per output format and with/without base layers.
 * usage: bench_render EXAMPLE.geojson [GAZETTEER.gpkg] [RUNS] [png|svg|pdf] */
#include "incmap/incmap.h"
#include "incmap/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* CPU time of this process: steady on a busy machine, where wall time is not. */
static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median_render(incmap_ctx *ctx, const char *gpkg, const incmap_incidents *inc,
                            const char *out, int runs)
{
    double t[101];
    incmap_render_opts o = incmap_render_opts_default();
    for (int i = 0; i < runs; i++) {
        double t0 = now_ms();
        if (incmap_render(ctx, gpkg, inc, &o, out) != INCMAP_OK) {
            fprintf(stderr, "render failed: %s\n", incmap_ctx_message(ctx));
            exit(1);
        }
        t[i] = now_ms() - t0;
    }
    qsort(t, (size_t)runs, sizeof t[0], cmp);
    return t[runs / 2];
}

static void print_log(void *user, incmap_log_level level, const char *msg)
{
    (void)user;
    (void)level;
    printf("  %s\n", msg);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s EXAMPLE.geojson [GAZETTEER.gpkg] [RUNS]\n", argv[0]);
        return 2;
    }
    const char *gpkg = argc > 2 ? argv[2] : NULL;
    int runs = argc > 3 ? atoi(argv[3]) : 9;
    runs = runs < 1 ? 1 : runs > 101 ? 101 : runs;
    incmap_ctx *ctx = incmap_ctx_create();
    if (getenv("INCMAP_BENCH_DEBUG") != NULL) {
        incmap_ctx_set_log(ctx, print_log, NULL, INCMAP_LOG_DEBUG);
    }
    double t0 = now_ms();
    incmap_incidents *inc = incmap_geojson_load(ctx, argv[1]);
    if (inc == NULL) {
        fprintf(stderr, "%s\n", incmap_ctx_message(ctx));
        return 1;
    }
    printf("load GeoJSON: %.2f ms\n", now_ms() - t0);
    t0 = now_ms();
    incmap_render(ctx, gpkg, inc, &(incmap_render_opts){0}, "/dev/null/x.png"); /* warm-up */
    incmap_render_opts o = incmap_render_opts_default();
    incmap_render(ctx, gpkg, inc, &o, "/tmp/incmap-bench-first.png");
    printf("first render (fonts, drivers, PROJ initialised): %.1f ms\n", now_ms() - t0);
    const char *fmts[] = {"png", "svg", "pdf"};
    const char *only = argc > 4 ? argv[4] : NULL; /* one format, with the base only */
    for (int base = only ? 1 : 0; base < 2; base++) {
        for (int f = 0; f < 3; f++) {
            if (only != NULL && strcmp(only, fmts[f]) != 0) {
                continue;
            }
            char out[64];
            snprintf(out, sizeof out, "/tmp/incmap-bench.%s", fmts[f]);
            printf("render %s %s: median %.1f ms CPU\n", fmts[f], base ? "with base" : "no base  ",
                   median_render(ctx, base ? gpkg : NULL, inc, out, runs));
        }
        if (gpkg == NULL) {
            break;
        }
    }
    incmap_incidents_destroy(inc);
    incmap_ctx_destroy(ctx);
    return 0;
}

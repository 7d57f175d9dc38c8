/* `incmap map --batch DIR_OR_JSONL -o OUTDIR/`: one map per report in one process. The gazetteer
 * is opened once and shared by every thread; each thread keeps its warmed font map from one map
 * to the next (src/render/render_fonts.c), so a map costs its drawing, not the process start. */
#include "cli/map_batch.h"

#include "cli/batch.h"
#include "core/core.h"
#include "incmap/extract.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define WINDOW_PER_THREAD 4

typedef struct {
    const struct incmap_cli *cli;
    const map_batch_args *a;
    const incmap_gazetteer *gz;
    const char *gpkg;
    const char *ext;
    int worst;
    size_t maps;
} map_state;

static void *worker_start(void *user)
{
    const map_state *s = user;
    incmap_ctx *ctx = incmap_ctx_create();
    if (ctx != NULL) {
        incmap_ctx_set_overwrite(ctx, s->a->ra->force);
    }
    return ctx;
}

static void worker_stop(void *user, void *worker)
{
    (void)user;
    incmap_ctx_destroy(worker);
}

static void job_error(batch_job *job, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void job_error(batch_job *job, int rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(job->msg, sizeof job->msg, fmt, ap);
    va_end(ap);
    job->rc = rc;
}

/* An output that exists is refused unless --force (as everywhere); the final rename refuses
 * one that appears meanwhile. */
static bool output_free(const map_state *s, batch_job *job, const char *path)
{
    struct stat st;
    if (s->a->ra->force || lstat(path, &st) != 0) {
        return true;
    }
    job_error(job, INCMAP_EXIT_IO, "%s: %s exists (use --force to overwrite it)", job->item.where,
              path);
    return false;
}

static void work(void *user, void *worker, batch_job *job)
{
    const map_state *s = user;
    incmap_ctx *ctx = worker;
    const batch_item *it = &job->item;
    char stem[256], map_path[4096], gj_path[4096];
    const char *why = NULL;
    incmap_ctx_clear(ctx);
    incmap_ctx_set_log(ctx, batch_job_log, job, INCMAP_LOG_WARN);
    if (!batch_file_stem(it->name, stem, sizeof stem, &why)) {
        job_error(job, INCMAP_EXIT_INPUT, "%s: report '%s' cannot name a map: %s", it->where,
                  it->name, why);
        return;
    }
    snprintf(map_path, sizeof map_path, "%s/%s.%s", s->a->outdir, stem, s->ext);
    snprintf(gj_path, sizeof gj_path, "%s/%s.geojson",
             s->a->geojson_dir != NULL ? s->a->geojson_dir : ".", stem);
    if (!output_free(s, job, map_path) ||
        (s->a->geojson_dir != NULL && !output_free(s, job, gj_path))) {
        return;
    }
    incmap_extract_opts eo = incmap_extract_opts_default();
    eo.pub_date = it->date != NULL ? it->date : s->a->date;
    incmap_incidents *inc = NULL;
    if (incmap_text_check(ctx, it->text, it->len) != INCMAP_OK ||
        (inc = incmap_extract(s->gz, ctx, it->text, it->len, &eo)) == NULL ||
        incmap_incidents_set_report(inc, ctx, it->name) != INCMAP_OK) {
        job_error(job, cli_exit_code(incmap_ctx_status(ctx)), "%s: %s", it->where,
                  incmap_ctx_message(ctx));
    } else if (incmap_incidents_feature_count(inc) == 0) {
        job_error(job, INCMAP_EXIT_NOT_FOUND, "%s: no place found in the report: no map",
                  it->where);
    } else {
        incmap_render_opts ro = s->a->ra->ro;
        char source[512];
        if (ro.source == NULL) {
            snprintf(source, sizeof source, "Source: %s; places located by incmap from the text",
                     it->name);
            ro.source = source;
        }
        if (incmap_render(ctx, s->gpkg, inc, &ro, map_path) != INCMAP_OK) {
            job_error(job, cli_exit_code(incmap_ctx_status(ctx)), "%s: %s", it->where,
                      incmap_ctx_message(ctx));
        } else if (s->a->geojson_dir != NULL &&
                   incmap_geojson_save(ctx, inc, gj_path) != INCMAP_OK) {
            job_error(job, cli_exit_code(incmap_ctx_status(ctx)), "%s: %s", it->where,
                      incmap_ctx_message(ctx));
            remove(map_path); /* the map and its GeoJSON come as a pair */
        }
    }
    incmap_incidents_destroy(inc);
}

static int emit(void *user, batch_job *job)
{
    map_state *s = user;
    s->maps += !batch_job_report(s->cli, job, &s->worst);
    return 0;
}

/* OUTDIR (and the GeoJSON directory) exist or are made; not a file. */
static int make_dir(const struct incmap_cli *cli, const char *dir)
{
    struct stat st;
    if (stat(dir, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            return INCMAP_EXIT_OK;
        }
        cli_error(cli, "%s is not a directory (with --batch, -o and --geojson name directories)",
                  dir);
        return INCMAP_EXIT_IO;
    }
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        cli_error(cli, "cannot create directory %s: %s", dir, strerror(errno));
        return INCMAP_EXIT_IO;
    }
    return INCMAP_EXIT_OK;
}

int map_batch(const struct incmap_cli *cli, const map_batch_args *a)
{
    int rc = make_dir(cli, a->outdir);
    if (rc == INCMAP_EXIT_OK && a->geojson_dir != NULL) {
        rc = make_dir(cli, a->geojson_dir);
    }
    if (rc != INCMAP_EXIT_OK) {
        return rc;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s", a->source);
    char *src[] = {path};
    batch_input *in = batch_input_start(cli, src, 1, strcmp(a->source, "-") == 0, &rc);
    if (in == NULL) {
        return rc;
    }
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_gazetteer *gz = ctx != NULL ? incmap_gazetteer_open(ctx, a->gpkg) : NULL;
    if (gz == NULL) {
        rc = ctx == NULL ? INCMAP_EXIT_FAILURE : cli_fail_ctx(cli, ctx);
    } else {
        incmap_render_format f = a->ra->ro.format;
        map_state s = {.cli = cli,
                       .a = a,
                       .gz = gz,
                       .gpkg = incmap_gazetteer_gpkg_path(gz),
                       .ext = f == INCMAP_FORMAT_SVG    ? "svg"
                              : f == INCMAP_FORMAT_PDF  ? "pdf"
                              : f == INCMAP_FORMAT_TIFF ? "tif"
                                                        : "png"};
        batch_ops ops = {worker_start, worker_stop, work, emit, &s};
        rc = batch_run(in, a->threads, (size_t)a->threads * WINDOW_PER_THREAD, &ops);
        rc = rc != INCMAP_EXIT_OK ? rc : s.worst;
    }
    incmap_gazetteer_close(gz);
    incmap_ctx_destroy(ctx);
    batch_input_close(in);
    return rc;
}

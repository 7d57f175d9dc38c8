/* `incmap extract` over many reports: files, a directory, JSON Lines. Every feature carries its
 * report; ids are "<report>:<id>" so they stay unique across reports; incident numbers restart at
 * 1 in each report, so (report, incident) is an incident's key. The output is one
 * FeatureCollection (features streamed as they come, its bbox and totals after them), RFC 8142
 * GeoJSON text sequences, or the text and json formats one report after another. */
#include "cli/extract_batch.h"

#include "cli/batch.h"
#include "core/core.h"
#include "core/vec.h"
#include "incmap/extract.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reports in flight per thread: enough to keep every thread busy while one long report holds up
 * the output, few enough that memory stays flat (a report is at most 16 MiB of text). */
#define WINDOW_PER_THREAD 8

typedef struct {
    const struct incmap_cli *cli;
    const extract_batch_args *a;
    const incmap_gazetteer *gz;
    FILE *out;
    int worst; /* the worst exit code of the reports so far */
    size_t reports, features;
    long incidents;
    double bbox[4];
    bool has_bbox;
} batch_state;

bool extract_is_batch(char *const *reports, size_t nreports, bool jsonl, bool batch)
{
    if (batch || jsonl || nreports > 1) {
        return true;
    }
    /* a lone directory is not read unless asked (--batch): it stays the error it always was */
    size_t n = nreports == 1 ? strlen(reports[0]) : 0;
    return (n > 6 && strcmp(reports[0] + n - 6, ".jsonl") == 0) ||
           (n > 7 && strcmp(reports[0] + n - 7, ".ndjson") == 0);
}

static incmap_status extract_records(incmap_ctx *ctx, const incmap_incidents *inc,
                                     const char *id_prefix, char **out, size_t *len);

static void *worker_start(void *user)
{
    (void)user;
    return incmap_ctx_create();
}

static void worker_stop(void *user, void *worker)
{
    (void)user;
    incmap_ctx_destroy(worker);
}

static void job_fail(batch_job *job, incmap_ctx *ctx)
{
    job->rc = cli_exit_code(incmap_ctx_status(ctx));
    snprintf(job->msg, sizeof job->msg, "%s: %s", job->item.where, incmap_ctx_message(ctx));
}

/* Only whitespace, after an optional UTF-8 byte order mark. */
static bool blank(const char *s, size_t n)
{
    size_t i = n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t')) {
        i++;
    }
    return i == n;
}

static void feature_bbox(const incmap_incidents *inc, batch_job *job)
{
    for (size_t i = 0; i < incmap_incidents_feature_count(inc); i++) {
        double b[4];
        if (!incmap_geom_bbox(incmap_incidents_feature(inc, i)->geom, b)) {
            continue;
        }
        if (!job->has_bbox) {
            memcpy(job->bbox, b, sizeof b);
            job->has_bbox = true;
        }
        job->bbox[0] = fmin(job->bbox[0], b[0]);
        job->bbox[1] = fmin(job->bbox[1], b[1]);
        job->bbox[2] = fmax(job->bbox[2], b[2]);
        job->bbox[3] = fmax(job->bbox[3], b[3]);
    }
}

static void work(void *user, void *worker, batch_job *job)
{
    const batch_state *s = user;
    incmap_ctx *ctx = worker;
    const batch_item *it = &job->item;
    incmap_ctx_clear(ctx);
    incmap_ctx_set_log(ctx, batch_job_log, job, INCMAP_LOG_WARN);
    if (incmap_text_check(ctx, it->text, it->len) != INCMAP_OK) {
        job_fail(job, ctx);
        return;
    }
    bool empty = blank(it->text, it->len);
    if (empty) {
        batch_job_log(job, INCMAP_LOG_WARN, "empty report: no incidents");
    }
    incmap_extract_opts o = incmap_extract_opts_default();
    o.pub_date = it->date != NULL ? it->date : s->a->date;
    o.mentions = !s->a->no_mentions;
    incmap_incidents *inc = incmap_extract(s->gz, ctx, it->text, it->len, &o);
    if (inc == NULL || incmap_incidents_set_report(inc, ctx, it->name) != INCMAP_OK) {
        job_fail(job, ctx);
        incmap_incidents_destroy(inc);
        return;
    }
    if (incmap_incidents_feature_count(inc) == 0 && !empty && !s->a->no_mentions) {
        batch_job_log(job, INCMAP_LOG_WARN, "no place found");
    }
    job->incidents = (int)incmap_incidents_count(inc);
    incmap_status st = INCMAP_OK;
    if (s->a->format == FMT_TEXT || s->a->format == FMT_JSON) {
        job->out = s->a->format == FMT_TEXT ? extract_format_text(inc, it->name)
                                            : extract_format_json(inc, it->name, true);
        job->len = job->out != NULL ? strlen(job->out) : 0;
        st = job->out != NULL ? INCMAP_OK
                              : incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory formatting");
    } else {
        char prefix[1024];
        snprintf(prefix, sizeof prefix, "%s:", it->name);
        st = extract_records(ctx, inc, prefix, &job->out, &job->len);
        feature_bbox(inc, job);
    }
    if (st != INCMAP_OK) {
        job_fail(job, ctx);
    }
    incmap_incidents_destroy(inc);
}

static int write_fail(batch_state *s)
{
    const char *to = s->a->output != NULL ? s->a->output : "standard output";
    cli_error(s->cli, "cannot write %s: %s", to, strerror(errno != 0 ? errno : EIO));
    return INCMAP_EXIT_IO;
}

static bool put(batch_state *s, const char *p, size_t n)
{
    return fwrite(p, 1, n, s->out) == n;
}

/* RS-framed records -> features of the one collection: "\n" before the first, ",\n" between. */
static bool put_features(batch_state *s, const char *p, size_t n)
{
    const char *end = p + n;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *rec = *p == '\x1e' ? p + 1 : p, *stop = nl != NULL ? nl : end;
        if (stop > rec) {
            bool first = s->features++ == 0;
            if (!put(s, first ? "\n" : ",\n", first ? 1 : 2) ||
                !put(s, rec, (size_t)(stop - rec))) {
                return false;
            }
        }
        p = stop + (nl != NULL);
    }
    return true;
}

static int emit(void *user, batch_job *job)
{
    batch_state *s = user;
    if (batch_job_report(s->cli, job, &s->worst)) {
        return 0;
    }
    s->reports++;
    s->incidents += job->incidents;
    if (job->has_bbox) {
        if (!s->has_bbox) {
            memcpy(s->bbox, job->bbox, sizeof s->bbox);
            s->has_bbox = true;
        }
        s->bbox[0] = fmin(s->bbox[0], job->bbox[0]);
        s->bbox[1] = fmin(s->bbox[1], job->bbox[1]);
        s->bbox[2] = fmax(s->bbox[2], job->bbox[2]);
        s->bbox[3] = fmax(s->bbox[3], job->bbox[3]);
    }
    errno = 0;
    bool ok = s->a->format == FMT_GEOJSON ? put_features(s, job->out, job->len)
                                          : put(s, job->out, job->len);
    return ok ? 0 : write_fail(s);
}

static double round6(double v)
{
    double r = round(v * 1e6) / 1e6;
    return r == 0 ? 0.0 : r;
}

/* The collection's members after its features: RFC 7946 puts no order on members, so the bbox
 * and the totals can follow what they sum up, and nothing has to be held back. */
static bool put_tail(batch_state *s)
{
    char tail[512];
    int n = snprintf(tail, sizeof tail, "%s]", s->features > 0 ? "\n" : "");
    if (s->has_bbox) {
        n += snprintf(tail + n, sizeof tail - (size_t)n, ",\"bbox\":[%.15g,%.15g,%.15g,%.15g]",
                      round6(s->bbox[0]), round6(s->bbox[1]), round6(s->bbox[2]),
                      round6(s->bbox[3]));
    }
    n += snprintf(tail + n, sizeof tail - (size_t)n,
                  ",\"incmap\":{\"schema\":1,\"generator\":\"incmap %s\",\"incidents\":%ld,"
                  "\"reports\":%zu}}\n",
                  incmap_version(), s->incidents, s->reports);
    return put(s, tail, (size_t)n);
}

int extract_batch(const struct incmap_cli *cli, const extract_batch_args *a)
{
    int rc = INCMAP_EXIT_OK;
    batch_input *in = batch_input_start(cli, a->reports, a->nreports, a->jsonl, &rc);
    if (in == NULL) {
        return rc;
    }
    incmap_ctx *ctx = incmap_ctx_create();
    incmap_gazetteer *gz = NULL;
    incmap_atomic_file *af = NULL;
    batch_state s = {.cli = cli, .a = a, .out = stdout};
    if (ctx == NULL) {
        cli_error(cli, "out of memory");
        rc = INCMAP_EXIT_FAILURE;
        goto out;
    }
    incmap_ctx_set_overwrite(ctx, a->force);
    const char *gpath = a->gazetteer != NULL ? a->gazetteer : incmap_gazetteer_default_path();
    if ((gz = incmap_gazetteer_open(ctx, gpath)) == NULL) {
        cli_error(cli, "%s", incmap_ctx_message(ctx));
        rc = incmap_ctx_status(ctx) == INCMAP_ERR_NOMEM ? INCMAP_EXIT_FAILURE : INCMAP_EXIT_IO;
        goto out;
    }
    s.gz = gz;
    if (a->output != NULL) {
        if ((af = incmap_afile_open(ctx, a->output)) == NULL) {
            rc = cli_fail_ctx(cli, ctx);
            goto out;
        }
        s.out = incmap_afile_stdio(af);
    }
    static const char head[] = "{\"type\":\"FeatureCollection\",\"features\":[";
    errno = 0;
    if (a->format == FMT_GEOJSON && !put(&s, head, sizeof head - 1)) {
        rc = write_fail(&s);
        goto out;
    }
    batch_ops ops = {worker_start, worker_stop, work, emit, &s};
    rc = batch_run(in, a->threads, (size_t)a->threads * WINDOW_PER_THREAD, &ops);
    errno = 0;
    if (rc == INCMAP_EXIT_OK && a->format == FMT_GEOJSON && !put_tail(&s)) {
        rc = write_fail(&s);
    }
    if (rc == INCMAP_EXIT_OK && af != NULL) {
        incmap_status st = incmap_afile_commit(af);
        af = NULL;
        if (st != INCMAP_OK) {
            rc = cli_fail_ctx(cli, ctx);
        }
    }
    if (rc == INCMAP_EXIT_OK) {
        rc = s.worst;
    }
out:
    incmap_afile_abort(af);
    incmap_gazetteer_close(gz);
    incmap_ctx_destroy(ctx);
    batch_input_close(in);
    return rc;
}

/* The features of INC as RFC 8142 records (RS, one feature, LF each) with ids prefixed by
 * ID_PREFIX, into *OUT (owned: free()). */
static incmap_status extract_records(incmap_ctx *ctx, const incmap_incidents *inc,
                                     const char *id_prefix, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    FILE *mem = open_memstream(out, len);
    if (mem == NULL) {
        return incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory writing GeoJSON");
    }
    incmap_geojson_opts go = {.seq = true, .id_prefix = id_prefix};
    incmap_status st = incmap_geojson_write_stream(ctx, inc, mem, &go);
    if (fclose(mem) != 0 && st == INCMAP_OK) {
        st = incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory writing GeoJSON");
    }
    if (st != INCMAP_OK) {
        free(*out);
        *out = NULL;
        *len = 0;
    }
    return st;
}

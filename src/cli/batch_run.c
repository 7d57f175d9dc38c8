/* The batch pipeline: this thread reads reports and writes results in input order; N worker
 * threads (each with its own incmap_ctx, sharing the read-only gazetteer) work on them. A ring of
 * WINDOW slots is the reorder window: a report is read only when a slot is free, and a slot is
 * freed only when its result has been written, so memory stays flat however long the input is
 * and however unevenly the reports take time. */
#include "cli/batch.h"
#include "core/core.h"
#include "core/vec.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { SLOT_FREE, SLOT_QUEUED, SLOT_RUNNING, SLOT_DONE };

typedef struct {
    const batch_ops *ops;
    batch_job *jobs;
    int *state;
    size_t window;
    size_t submitted, taken; /* jobs read so far; jobs handed to a worker so far */
    bool closing;
    pthread_mutex_t lock;
    pthread_cond_t work_cv, done_cv;
} pipeline;

void batch_job_log(void *user, incmap_log_level level, const char *msg)
{
    batch_job *job = user;
    if (level > INCMAP_LOG_WARN) {
        return;
    }
    size_t n = strlen(msg);
    if (incmap_grow((void **)&job->log, &job->logcap, job->loglen + n + 2, 1) != INCMAP_OK) {
        return; /* a lost warning, not a lost result */
    }
    memcpy(job->log + job->loglen, msg, n);
    job->loglen += n;
    job->log[job->loglen++] = '\n';
    job->log[job->loglen] = '\0';
}

static void job_reset(batch_job *job, size_t seq)
{
    batch_item_clear(&job->item);
    free(job->out);
    free(job->log);
    memset(job, 0, sizeof *job);
    job->seq = seq;
}

static void run_job(pipeline *p, void *worker, batch_job *job)
{
    if (job->item.error == NULL) {
        p->ops->work(p->ops->user, worker, job);
    }
}

static void *worker_main(void *arg)
{
    pipeline *p = arg;
    void *worker = p->ops->worker_start(p->ops->user);
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (!p->closing && p->taken == p->submitted) {
            pthread_cond_wait(&p->work_cv, &p->lock);
        }
        if (p->taken == p->submitted) {
            break; /* closing and nothing left */
        }
        size_t slot = p->taken++ % p->window;
        p->state[slot] = SLOT_RUNNING;
        pthread_mutex_unlock(&p->lock);
        if (worker != NULL) {
            run_job(p, worker, &p->jobs[slot]);
        } else {
            p->jobs[slot].rc = INCMAP_EXIT_FAILURE;
            snprintf(p->jobs[slot].msg, sizeof p->jobs[slot].msg, "out of memory");
        }
        pthread_mutex_lock(&p->lock);
        p->state[slot] = SLOT_DONE;
        pthread_cond_broadcast(&p->done_cv);
    }
    pthread_mutex_unlock(&p->lock);
    p->ops->worker_stop(p->ops->user, worker);
    return NULL;
}

/* -j 1: the same steps on this thread, so its output is the reference that -j N must match. */
static int run_inline(batch_input *in, const batch_ops *ops)
{
    batch_job job;
    memset(&job, 0, sizeof job);
    void *worker = ops->worker_start(ops->user);
    if (worker == NULL) {
        return INCMAP_EXIT_FAILURE;
    }
    int rc = 0;
    pipeline p = {.ops = ops};
    for (size_t seq = 0; rc == 0; seq++) {
        job_reset(&job, seq);
        if (batch_input_next(in, &job.item) == 0) {
            break;
        }
        run_job(&p, worker, &job);
        rc = ops->emit(ops->user, &job);
    }
    job_reset(&job, 0);
    ops->worker_stop(ops->user, worker);
    return rc;
}

int batch_run(batch_input *in, int threads, size_t window, const batch_ops *ops)
{
    if (threads <= 1) {
        return run_inline(in, ops);
    }
    if (window < (size_t)threads) {
        window = (size_t)threads;
    }
    pipeline p = {.ops = ops, .window = window};
    p.jobs = calloc(window, sizeof *p.jobs);
    p.state = calloc(window, sizeof *p.state);
    pthread_t *tid = calloc((size_t)threads, sizeof *tid);
    if (p.jobs == NULL || p.state == NULL || tid == NULL) {
        free(p.jobs);
        free(p.state);
        free(tid);
        return INCMAP_EXIT_FAILURE;
    }
    pthread_mutex_init(&p.lock, NULL);
    pthread_cond_init(&p.work_cv, NULL);
    pthread_cond_init(&p.done_cv, NULL);
    int started = 0, rc = 0;
    for (; started < threads; started++) {
        if (pthread_create(&tid[started], NULL, worker_main, &p) != 0) {
            break;
        }
    }
    if (started == 0) {
        rc = INCMAP_EXIT_FAILURE;
    }
    size_t emitted = 0;
    bool more = rc == 0;
    while (rc == 0) {
        /* fill the window: reading is this thread's, so it needs no lock until the hand-over */
        while (more && p.submitted - emitted < window) {
            batch_job *job = &p.jobs[p.submitted % window];
            job_reset(job, p.submitted);
            if (batch_input_next(in, &job->item) == 0) {
                more = false;
                break;
            }
            pthread_mutex_lock(&p.lock);
            p.state[p.submitted % window] = SLOT_QUEUED;
            p.submitted++;
            pthread_cond_signal(&p.work_cv);
            pthread_mutex_unlock(&p.lock);
        }
        if (emitted == p.submitted) {
            break;
        }
        size_t slot = emitted % window;
        pthread_mutex_lock(&p.lock);
        while (p.state[slot] != SLOT_DONE) {
            pthread_cond_wait(&p.done_cv, &p.lock);
        }
        pthread_mutex_unlock(&p.lock);
        rc = ops->emit(ops->user, &p.jobs[slot]);
        p.state[slot] = SLOT_FREE; /* no worker looks at a slot it has not been handed */
        job_reset(&p.jobs[slot], 0);
        emitted++;
    }
    pthread_mutex_lock(&p.lock);
    p.closing = true;
    if (rc != 0) {
        p.submitted = p.taken; /* stop: queued reports are dropped, running ones finish */
    }
    pthread_cond_broadcast(&p.work_cv);
    pthread_mutex_unlock(&p.lock);
    for (int i = 0; i < started; i++) {
        pthread_join(tid[i], NULL);
    }
    for (size_t i = 0; i < window; i++) {
        job_reset(&p.jobs[i], 0);
    }
    pthread_cond_destroy(&p.done_cv);
    pthread_cond_destroy(&p.work_cv);
    pthread_mutex_destroy(&p.lock);
    free(p.jobs);
    free(p.state);
    free(tid);
    return rc;
}

bool batch_job_report(const struct incmap_cli *cli, const batch_job *job, int *worst)
{
    for (const char *l = job->log; l != NULL && *l != '\0';) {
        const char *nl = strchr(l, '\n');
        cli_warn(cli, "%s: %.*s", job->item.where, (int)(nl - l), l);
        l = nl + 1;
    }
    const char *err = job->item.error != NULL ? job->item.error : job->rc != 0 ? job->msg : NULL;
    if (err == NULL) {
        return false;
    }
    cli_error(cli, "%s", err);
    int rc = job->item.error != NULL ? job->item.rc : job->rc;
    *worst = rc > *worst ? rc : *worst;
    return true;
}

bool batch_parse_threads(const char *s, int *threads)
{
    char *end = NULL;
    long v = strtol(s, &end, 10);
    if (end == s || *end != '\0' || v < 0 || v > 256) {
        return false;
    }
    if (v == 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        v = n < 1 ? 1 : n > 256 ? 256 : n;
    }
    *threads = (int)v;
    return true;
}

/* Context: the per-thread error state and log sink every library call reports through. */
#include "core/core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct incmap_ctx {
    incmap_status status;
    char message[512];
    incmap_log_fn log_fn;
    void *log_user;
    incmap_log_level log_max;
    bool keep_existing; /* !incmap_ctx_set_overwrite() */
};

incmap_ctx *incmap_ctx_create(void)
{
    incmap_ctx *ctx = calloc(1, sizeof *ctx);
    if (ctx != NULL) {
        ctx->log_max = INCMAP_LOG_WARN;
    }
    return ctx;
}

void incmap_ctx_destroy(incmap_ctx *ctx)
{
    free(ctx);
}

void incmap_ctx_set_log(incmap_ctx *ctx, incmap_log_fn fn, void *user, incmap_log_level max_level)
{
    ctx->log_fn = fn;
    ctx->log_user = user;
    ctx->log_max = max_level;
}

incmap_status incmap_ctx_status(const incmap_ctx *ctx)
{
    return ctx->status;
}

const char *incmap_ctx_message(const incmap_ctx *ctx)
{
    if (ctx->status == INCMAP_OK) {
        return "";
    }
    return ctx->message[0] != '\0' ? ctx->message : incmap_status_str(ctx->status);
}

void incmap_ctx_clear(incmap_ctx *ctx)
{
    ctx->status = INCMAP_OK;
    ctx->message[0] = '\0';
}

void incmap_ctx_set_overwrite(incmap_ctx *ctx, bool overwrite)
{
    ctx->keep_existing = !overwrite;
}

bool incmap_ctx_overwrite(const incmap_ctx *ctx)
{
    return ctx == NULL || !ctx->keep_existing;
}

incmap_status incmap_fail(incmap_ctx *ctx, incmap_status st, const char *fmt, ...)
{
    if (ctx == NULL) {
        return st;
    }
    ctx->status = st;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ctx->message, sizeof ctx->message, fmt, ap);
    va_end(ap);
    /* one line, always: callers print it as "incmap: <message>" */
    for (char *p = ctx->message; *p != '\0'; p++) {
        if (*p == '\n' || *p == '\r') {
            *p = ' ';
        }
    }
    return st;
}

bool incmap_log_enabled(const incmap_ctx *ctx, incmap_log_level level)
{
    return ctx != NULL && ctx->log_fn != NULL && level <= ctx->log_max;
}

void incmap_log(incmap_ctx *ctx, incmap_log_level level, const char *fmt, ...)
{
    if (!incmap_log_enabled(ctx, level)) {
        return;
    }
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    ctx->log_fn(ctx->log_user, level, buf);
}

const char *incmap_status_str(incmap_status st)
{
    switch (st) {
    case INCMAP_OK:
        return "ok";
    case INCMAP_ERR_NOMEM:
        return "out of memory";
    case INCMAP_ERR_INVALID_ARG:
        return "invalid argument";
    case INCMAP_ERR_IO:
        return "input/output error";
    case INCMAP_ERR_PARSE:
        return "malformed input";
    case INCMAP_ERR_NOT_FOUND:
        return "not found";
    case INCMAP_ERR_AMBIGUOUS:
        return "ambiguous";
    case INCMAP_ERR_LIMIT:
        return "input over a size limit";
    case INCMAP_ERR_PROJ:
        return "PROJ error";
    case INCMAP_ERR_GDAL:
        return "GDAL error";
    case INCMAP_ERR_RENDER:
        return "rendering error";
    }
    return "unknown status";
}

const char *incmap_version(void)
{
    return INCMAP_VERSION;
}

void incmap_free(void *p)
{
    free(p);
}

char *incmap_strdup(const char *s)
{
    if (s == NULL) {
        return NULL;
    }
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d != NULL) {
        memcpy(d, s, n);
    }
    return d;
}

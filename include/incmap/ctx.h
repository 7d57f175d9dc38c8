/* incmap_ctx: error state and log sink. One context per thread; every call that can fail takes one.
 * Functions that create objects return NULL and set the error on the ctx; functions that do work
 * return incmap_status. The library never prints: diagnostics go to the log callback. */
#ifndef INCMAP_CTX_H
#define INCMAP_CTX_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct incmap_ctx incmap_ctx;

typedef enum {
    INCMAP_LOG_ERROR = 0,
    INCMAP_LOG_WARN,
    INCMAP_LOG_INFO,
    INCMAP_LOG_DEBUG
} incmap_log_level;

/* Called for warnings and progress. `msg` is borrowed for the duration of the call. */
typedef void (*incmap_log_fn)(void *user, incmap_log_level level, const char *msg);

/* Owned: free with incmap_ctx_destroy(). NULL only when out of memory. */
INCMAP_API incmap_ctx *incmap_ctx_create(void);
INCMAP_API void incmap_ctx_destroy(incmap_ctx *ctx); /* NULL is a no-op */

/* Sets the log sink (NULL drops messages). Messages above `max_level` are dropped. */
INCMAP_API void incmap_ctx_set_log(incmap_ctx *ctx, incmap_log_fn fn, void *user,
                                   incmap_log_level max_level);

/* The last error: status and a one-line message (borrowed; valid until the next call on ctx). */
INCMAP_API incmap_status incmap_ctx_status(const incmap_ctx *ctx);
INCMAP_API const char *incmap_ctx_message(const incmap_ctx *ctx);
INCMAP_API void incmap_ctx_clear(incmap_ctx *ctx);

/* Whether files written through this ctx may replace a file (or symlink) already at their path
 * (default: true). When false, such an output is refused with INCMAP_ERR_IO, and the final
 * rename of the temporary file never replaces anything (renameat2 RENAME_NOREPLACE, or link()
 * where the file system lacks it): of several writers racing for one new path, exactly one
 * succeeds. Devices and FIFOs are written in place either way. */
INCMAP_API void incmap_ctx_set_overwrite(incmap_ctx *ctx, bool overwrite);

#ifdef __cplusplus
}
#endif
#endif

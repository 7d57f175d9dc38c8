/* Internal helpers shared by the library's modules (not installed). */
#ifndef INCMAP_INTERNAL_H
#define INCMAP_INTERNAL_H

#include "incmap/incmap.h"

#include <stdarg.h>
#include <stdatomic.h>

/* Sets the ctx error (message truncated to fit a fixed buffer: reporting never allocates) and
 * returns `st`, so callers can `return incmap_fail(ctx, INCMAP_ERR_IO, "cannot open %s: %s", ...)`.
 */
incmap_status incmap_fail(incmap_ctx *ctx, incmap_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Sends a message to the ctx log callback, if any. */
void incmap_log(incmap_ctx *ctx, incmap_log_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
bool incmap_log_enabled(const incmap_ctx *ctx, incmap_log_level level);

/* Atomic file output: writes into a temporary file beside `path` and renames it over `path`
 * on commit; abort (or a failed write) removes the temporary file, so no partial file remains.
 * Every write and the close are checked. A `path` of "-" is standard output (written directly). */
typedef struct incmap_atomic_file incmap_atomic_file;
incmap_atomic_file *incmap_afile_open(incmap_ctx *ctx, const char *path);
incmap_status incmap_afile_write(incmap_atomic_file *f, const void *data, size_t len);
void *incmap_afile_stdio(incmap_atomic_file *f); /* the FILE * (for libraries that want one) */
const char *incmap_afile_temp_path(const incmap_atomic_file *f);
incmap_status incmap_afile_commit(incmap_atomic_file *f); /* closes, renames, frees */
void incmap_afile_abort(incmap_atomic_file *f);           /* closes, unlinks, frees; NULL ok */
/* Unlinks the temporary files of every atomic file still open. Async-signal-safe: for the CLI's
 * SIGINT/SIGTERM handler, so an interrupted command leaves no temporary file behind. */
void incmap_afile_remove_temps(void);
/* Adds (removes) a temporary file written some other way, e.g. by GDAL, to those that
 * incmap_afile_remove_temps() unlinks; an empty directory is removed too (track the directory
 * after the file in it). TMP must stay valid until untracked. */
void incmap_temp_track(char *tmp);
void incmap_temp_untrack(const char *tmp);
/* A fixed table of N pointers a signal handler may read: put claims a free slot for P, clear frees
 * P's slot, both with atomic exchanges (no lock, no allocation). With every slot taken, P simply
 * goes unregistered. Used for the temporary files above and the gazetteer's mapped indexes. */
void incmap_slot_put(_Atomic(void *) *slots, size_t n, void *p);
void incmap_slot_clear(_Atomic(void *) *slots, size_t n, const void *p);
/* Renames FROM to TO; when the ctx does not allow overwriting (incmap_ctx_set_overwrite), never
 * over an existing TO (atomically: "exists" is decided by the kernel, not checked beforehand).
 * Sets the ctx error ("cannot write TO: ...") on failure. */
incmap_status incmap_file_rename(incmap_ctx *ctx, const char *from, const char *to);
bool incmap_ctx_overwrite(const incmap_ctx *ctx); /* true for a NULL ctx */
/* True for an output written in place rather than through a temporary file: a device or FIFO
 * (/dev/null, a named pipe), and anything under /dev/ or /proc/ (/dev/stdout is a symlink to
 * /proc/self/fd/1, which may be a regular file: renaming over it would replace /dev/stdout). */
bool incmap_path_in_place(const char *path);
/* Whole buffer to a file, atomically. */
incmap_status incmap_write_file_atomic(incmap_ctx *ctx, const char *path, const void *data,
                                       size_t len);
/* Reads a whole file (or "-" for stdin) into a NUL-terminated buffer (owned: free()). Refuses
 * files over max_bytes with INCMAP_ERR_LIMIT. */
incmap_status incmap_read_file(incmap_ctx *ctx, const char *path, size_t max_bytes, char **out,
                               size_t *out_len);

char *incmap_strdup(const char *s); /* NULL -> NULL */

/* Even-odd test of P against the ring of vertices [begin, end) of XY (lon, lat pairs; end >
 * begin): true when a ray from P crosses the ring an odd number of times. Shared by
 * incmap_geom_contains and the gazetteer's areas, which test rings in place in the index. */
bool incmap_ring_parity(const double *xy, size_t begin, size_t end, incmap_lonlat p);

/* Data directories (core/datadir.c). Installed programs never rely on build-tree paths: those
 * apply only while the running executable is inside the build tree (tests, the quick start). */
bool incmap_run_from_build_tree(void);
/* $XDG_DATA_HOME/incmap, else ~/.local/share/incmap (need not exist). False if neither is set. */
bool incmap_user_data_dir(char *buf, size_t n);
/* The installed data directory: <bindir>/../share/incmap beside the executable when it exists
 * (a relocated or DESTDIR install), else the configured <prefix>/share/incmap. */
bool incmap_system_data_dir(char *buf, size_t n);
/* Finds NAME: BUILD_TREE_PATH (when not NULL and run from the build tree), then the user's data
 * directory, then the installed one. True with its path in buf; false with where it would be
 * made (the build tree's place from the build tree, else the user's directory). LOOKED (may be
 * NULL) gets the paths tried, comma-separated. */
bool incmap_data_find(const char *name, const char *build_tree_path, char *buf, size_t n,
                      char *looked, size_t nlooked);

#endif

/* File input and atomic file output. Output goes to a temporary file in the target's directory
 * and is renamed into place only after every write and the close succeeded, so a failure (full
 * disk, file size limit, killed process) never leaves a partial file under the user's name. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* renameat2() and RENAME_NOREPLACE */
#endif
#include "core/core.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct incmap_atomic_file {
    incmap_ctx *ctx;
    FILE *fp;
    char *path;
    char *tmp; /* NULL when writing in place (see direct_open) */
};

/* Temporary paths of the atomic files open now, for incmap_afile_remove_temps() in a signal
 * handler: slots are claimed and released with atomic exchanges (no lock, no allocation), so the
 * handler may run at any moment in any thread. More files open at once than slots simply go
 * unregistered: they are still removed on every failure the program sees. */
#define TEMP_SLOTS 16
static _Atomic(void *) live_temps[TEMP_SLOTS];

void incmap_slot_put(_Atomic(void *) *slots, size_t n, void *p)
{
    for (size_t i = 0; i < n; i++) {
        void *expected = NULL;
        if (atomic_compare_exchange_strong(&slots[i], &expected, p)) {
            return;
        }
    }
}

void incmap_slot_clear(_Atomic(void *) *slots, size_t n, const void *p)
{
    for (size_t i = 0; i < n; i++) {
        void *expected = (void *)p;
        if (atomic_compare_exchange_strong(&slots[i], &expected, NULL)) {
            return;
        }
    }
}

void incmap_temp_track(char *tmp)
{
    incmap_slot_put(live_temps, TEMP_SLOTS, tmp);
}

void incmap_temp_untrack(const char *tmp)
{
    incmap_slot_clear(live_temps, TEMP_SLOTS, tmp);
}

void incmap_afile_remove_temps(void)
{
    for (size_t i = 0; i < TEMP_SLOTS; i++) {
        char *tmp = atomic_exchange(&live_temps[i], NULL);
        if (tmp != NULL && unlink(tmp) != 0) {
            rmdir(tmp); /* a temporary directory (an OGR output's), once its file is gone */
        }
    }
}

/* A device or FIFO (/dev/null, /dev/stdout, a named pipe) is written in place: renaming a
 * temporary file over it would replace the device node itself with a regular file. */
static incmap_atomic_file *direct_open(incmap_ctx *ctx, const char *path)
{
    incmap_atomic_file *f = calloc(1, sizeof *f);
    if (f == NULL || (f->path = incmap_strdup(path)) == NULL) {
        free(f);
        incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory opening %s", path);
        return NULL;
    }
    f->ctx = ctx;
    if ((f->fp = fopen(path, "wb")) == NULL) {
        incmap_fail(ctx, INCMAP_ERR_IO, "cannot write %s: %s", path, strerror(errno));
        free(f->path);
        free(f);
        return NULL;
    }
    return f;
}

/* "-": standard output, written in place through a duplicate of descriptor 1 (closing it leaves
 * the process's stdout open). Messages call it "standard output". */
static incmap_atomic_file *stdout_open(incmap_ctx *ctx)
{
    incmap_atomic_file *f = calloc(1, sizeof *f);
    if (f == NULL || (f->path = incmap_strdup("standard output")) == NULL) {
        free(f);
        incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory opening standard output");
        return NULL;
    }
    f->ctx = ctx;
    int fd = dup(STDOUT_FILENO);
    if (fd < 0 || (f->fp = fdopen(fd, "wb")) == NULL) {
        incmap_fail(ctx, INCMAP_ERR_IO, "cannot write standard output: %s", strerror(errno));
        if (fd >= 0) {
            close(fd);
        }
        free(f->path);
        free(f);
        return NULL;
    }
    return f;
}

/* The temporary file beside PATH: ".NAME.XXXXXX" (a dot file, so it shows what it is for), or
 * ".incmap.XXXXXX" when that would be over the file system's name limit (a 250-byte NAME is
 * legal; its temporary name is 8 bytes longer). *fd < 0 and errno on failure. */
static char *make_temp(const char *path, int *fd)
{
    const char *slash = strrchr(path, '/');
    int dirlen = slash != NULL ? (int)(slash - path + 1) : 0;
    const char *base = slash != NULL ? slash + 1 : path;
    size_t n = strlen(path) + 32;
    char *tmp = malloc(n);
    *fd = -1;
    if (tmp == NULL) {
        errno = ENOMEM;
        return NULL;
    }
    snprintf(tmp, n, "%.*s.%s.XXXXXX", dirlen, path, base);
    *fd = mkstemp(tmp);
    if (*fd < 0 && errno == ENAMETOOLONG) {
        snprintf(tmp, n, "%.*s.incmap.XXXXXX", dirlen, path);
        *fd = mkstemp(tmp);
    }
    return tmp;
}

/* The final step of an atomic write: rename, or with overwriting off, a rename that fails when
 * TO exists. renameat2(RENAME_NOREPLACE) needs Linux 3.15 and support by the file system;
 * without it link() + unlink() is just as atomic (link never replaces); file systems without
 * hard links (FAT) get a check-then-rename, the best they allow. */
incmap_status incmap_file_rename(incmap_ctx *ctx, const char *from, const char *to)
{
    int rc = 0;
    if (incmap_ctx_overwrite(ctx)) {
        rc = rename(from, to);
    } else {
        rc = renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE);
        if (rc != 0 && (errno == EINVAL || errno == ENOSYS || errno == ENOTSUP)) {
            rc = link(from, to);
            if (rc == 0) {
                unlink(from);
            } else if (errno == EPERM || errno == ENOTSUP || errno == ENOSYS) {
                struct stat st;
                rc = lstat(to, &st) == 0 ? (errno = EEXIST, -1) : rename(from, to);
            }
        }
    }
    if (rc != 0 && errno == EEXIST) {
        return incmap_fail(ctx, INCMAP_ERR_IO,
                           "cannot write %s: it exists (created by another process meanwhile)", to);
    }
    if (rc != 0) {
        return incmap_fail(ctx, INCMAP_ERR_IO, "cannot write %s: %s", to, strerror(errno));
    }
    return INCMAP_OK;
}

bool incmap_path_in_place(const char *path)
{
    struct stat st;
    if (strncmp(path, "/dev/", 5) == 0 || strncmp(path, "/proc/", 6) == 0) {
        return true;
    }
    return stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

incmap_atomic_file *incmap_afile_open(incmap_ctx *ctx, const char *path)
{
    if (path == NULL || path[0] == '\0') {
        incmap_fail(ctx, INCMAP_ERR_INVALID_ARG, "empty output path");
        return NULL;
    }
    if (strcmp(path, "-") == 0) {
        return stdout_open(ctx);
    }
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        incmap_fail(ctx, INCMAP_ERR_IO, "cannot write %s: it is a directory", path);
        return NULL;
    }
    if (incmap_path_in_place(path)) {
        return direct_open(ctx, path);
    }
    if (!incmap_ctx_overwrite(ctx) && lstat(path, &st) == 0) {
        /* a symlink counts, even a dangling one: replacing it is as surprising as a file */
        incmap_fail(ctx, INCMAP_ERR_IO, "cannot write %s: it exists", path);
        return NULL;
    }
    incmap_atomic_file *f = calloc(1, sizeof *f);
    if (f == NULL || (f->path = incmap_strdup(path)) == NULL) {
        goto nomem;
    }
    f->ctx = ctx;
    /* same directory as the target, so rename() never crosses file systems */
    int fd;
    if ((f->tmp = make_temp(path, &fd)) == NULL) {
        goto nomem;
    }
    if (fd < 0) {
        incmap_fail(ctx, INCMAP_ERR_IO, "cannot write %s: %s", path, strerror(errno));
        goto fail;
    }
    incmap_temp_track(f->tmp);
    fchmod(fd, 0644); /* mkstemp makes 0600; outputs are ordinary files */
    f->fp = fdopen(fd, "wb");
    if (f->fp == NULL) {
        int err = errno;
        close(fd);
        incmap_temp_untrack(f->tmp);
        unlink(f->tmp);
        incmap_fail(ctx, INCMAP_ERR_IO, "cannot write %s: %s", path, strerror(err));
        goto fail;
    }
    return f;
nomem:
    incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory opening %s", path);
fail:
    if (f != NULL) {
        free(f->path);
        free(f->tmp);
        free(f);
    }
    return NULL;
}

incmap_status incmap_afile_write(incmap_atomic_file *f, const void *data, size_t len)
{
    errno = 0;
    if (len > 0 && fwrite(data, 1, len, f->fp) != len) {
        return incmap_fail(f->ctx, INCMAP_ERR_IO, "cannot write %s: %s", f->path,
                           strerror(errno != 0 ? errno : EIO));
    }
    return INCMAP_OK;
}

void *incmap_afile_stdio(incmap_atomic_file *f)
{
    return f->fp;
}

const char *incmap_afile_temp_path(const incmap_atomic_file *f)
{
    return f->tmp != NULL ? f->tmp : f->path;
}

static void afile_free(incmap_atomic_file *f)
{
    if (f->tmp != NULL) {
        incmap_temp_untrack(f->tmp);
    }
    free(f->path);
    free(f->tmp);
    free(f);
}

incmap_status incmap_afile_commit(incmap_atomic_file *f)
{
    incmap_status st = INCMAP_OK;
    errno = 0;
    int err = ferror(f->fp);
    if (fflush(f->fp) != 0 || err != 0) {
        st = incmap_fail(f->ctx, INCMAP_ERR_IO, "cannot write %s: %s", f->path,
                         strerror(errno != 0 ? errno : EIO));
    }
    errno = 0;
    if (fclose(f->fp) != 0 && st == INCMAP_OK) {
        /* NFS and full disks may report a failed write only here */
        st = incmap_fail(f->ctx, INCMAP_ERR_IO, "cannot write %s: %s", f->path,
                         strerror(errno != 0 ? errno : EIO));
    }
    if (f->tmp != NULL && st == INCMAP_OK) {
        st = incmap_file_rename(f->ctx, f->tmp, f->path);
    }
    if (f->tmp != NULL && st != INCMAP_OK) {
        unlink(f->tmp);
    }
    afile_free(f);
    return st;
}

void incmap_afile_abort(incmap_atomic_file *f)
{
    if (f == NULL) {
        return;
    }
    fclose(f->fp);
    if (f->tmp != NULL) {
        unlink(f->tmp);
    }
    afile_free(f);
}

incmap_status incmap_write_file_atomic(incmap_ctx *ctx, const char *path, const void *data,
                                       size_t len)
{
    incmap_atomic_file *f = incmap_afile_open(ctx, path);
    if (f == NULL) {
        return incmap_ctx_status(ctx);
    }
    incmap_status st = incmap_afile_write(f, data, len);
    if (st != INCMAP_OK) {
        incmap_afile_abort(f);
        return st;
    }
    return incmap_afile_commit(f);
}

incmap_status incmap_read_file(incmap_ctx *ctx, const char *path, size_t max_bytes, char **out,
                               size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    bool is_stdin = strcmp(path, "-") == 0;
    FILE *fp = is_stdin ? stdin : fopen(path, "rb");
    if (fp == NULL) {
        return incmap_fail(ctx, INCMAP_ERR_IO, "cannot open %s: %s", path, strerror(errno));
    }
    struct stat st;
    if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
        if (!is_stdin) {
            fclose(fp);
        }
        return incmap_fail(ctx, INCMAP_ERR_IO, "cannot read %s: it is a directory", path);
    }
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap + 1);
    incmap_status rc = INCMAP_OK;
    while (buf != NULL) {
        if (len == cap) {
            if (cap > max_bytes) {
                break;
            }
            char *nb = realloc(buf, cap * 2 + 1);
            if (nb == NULL) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + len, 1, cap - len, fp);
        len += got;
        if (got == 0) {
            break;
        }
        if (len > max_bytes) {
            break;
        }
    }
    if (buf == NULL) {
        rc = incmap_fail(ctx, INCMAP_ERR_NOMEM, "out of memory reading %s", path);
    } else if (len > max_bytes) {
        rc = incmap_fail(ctx, INCMAP_ERR_LIMIT, "%s is larger than the limit of %zu bytes",
                         is_stdin ? "standard input" : path, max_bytes);
    } else if (ferror(fp)) {
        rc = incmap_fail(ctx, INCMAP_ERR_IO, "cannot read %s: %s", path, strerror(errno));
    }
    if (!is_stdin) {
        fclose(fp);
    }
    if (rc != INCMAP_OK) {
        free(buf);
        return rc;
    }
    buf[len] = '\0';
    *out = buf;
    *out_len = len;
    return INCMAP_OK;
}

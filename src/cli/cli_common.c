/* Error reporting, exit codes and output checks shared by every subcommand. */
#include "cli/cli.h"
#include "core/core.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>

/* Writes "prog: cmd: <kind><text>\n" as one line: control characters that came in with user
 * input (a newline in a file name, an escape sequence in a place name) become '?', so a message
 * is always exactly one line and cannot drive the terminal. */
static void emit(const struct incmap_cli *cli, const char *kind, const char *text)
{
    char line[4096];
    snprintf(line, sizeof line, "%s", text);
    for (unsigned char *p = (unsigned char *)line; *p != '\0'; p++) {
        if (*p < 0x20 || *p == 0x7f) {
            *p = *p == '\t' ? ' ' : '?';
        }
    }
    fprintf(stderr, "%s: %s: %s%s\n", cli->prog, cli->cmd, kind, line);
}

static void vreport(const struct incmap_cli *cli, const char *kind, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));
static void vreport(const struct incmap_cli *cli, const char *kind, const char *fmt, va_list ap)
{
    char text[4096];
    vsnprintf(text, sizeof text, fmt, ap);
    emit(cli, kind, text);
}

void cli_error(const struct incmap_cli *cli, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(cli, "", fmt, ap);
    va_end(ap);
}

void cli_warn(const struct incmap_cli *cli, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(cli, "warning: ", fmt, ap);
    va_end(ap);
}

int cli_exit_code(incmap_status st)
{
    switch (st) {
    case INCMAP_OK:
        return INCMAP_EXIT_OK;
    case INCMAP_ERR_NOT_FOUND:
        return INCMAP_EXIT_NOT_FOUND;
    case INCMAP_ERR_INVALID_ARG:
        return INCMAP_EXIT_USAGE;
    case INCMAP_ERR_PARSE:
    case INCMAP_ERR_LIMIT:
    case INCMAP_ERR_AMBIGUOUS:
        return INCMAP_EXIT_INPUT;
    case INCMAP_ERR_IO:
        return INCMAP_EXIT_IO;
    default:
        return INCMAP_EXIT_FAILURE;
    }
}

bool cli_date_ok(const struct incmap_cli *cli, const char *date)
{
    int y, m, d, n = 0;
    if (strlen(date) != 10 || sscanf(date, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 ||
        m < 1 || m > 12 || d < 1 || d > 31) {
        cli_error(cli, "--date '%s' is not a date YYYY-MM-DD", date);
        return false;
    }
    return true;
}

int cli_fail_ctx(const struct incmap_cli *cli, const incmap_ctx *ctx)
{
    cli_error(cli, "%s", incmap_ctx_message(ctx));
    return cli_exit_code(incmap_ctx_status(ctx));
}

void cli_log(void *user, incmap_log_level level, const char *msg)
{
    const struct incmap_cli *cli = user;
    if (level <= INCMAP_LOG_WARN) {
        emit(cli, level == INCMAP_LOG_ERROR ? "" : "warning: ", msg);
    } else {
        fprintf(stderr, "%s\n", msg);
    }
}

int cli_check_output(const struct incmap_cli *cli, const char *path, bool force)
{
    struct stat st;
    if (path == NULL || strcmp(path, "-") == 0 || lstat(path, &st) != 0) {
        return INCMAP_EXIT_OK; /* nothing there: the writer reports an unusable path */
    }
    if (S_ISDIR(st.st_mode)) {
        cli_error(cli, "cannot write %s: it is a directory", path);
        return INCMAP_EXIT_IO;
    }
    if (incmap_path_in_place(path)) {
        return INCMAP_EXIT_OK; /* /dev/stdout, /dev/null, a named pipe: written in place */
    }
    if (!force) {
        /* a dangling symlink counts: replacing it is as surprising as replacing a file */
        cli_error(cli, "%s exists (use --force to overwrite it)", path);
        return INCMAP_EXIT_IO;
    }
    return INCMAP_EXIT_OK;
}

bool cli_same_file(const char *a, const char *b)
{
    if (strcmp(a, b) == 0) {
        return true;
    }
    struct stat sa, sb;
    if (stat(a, &sa) == 0 && stat(b, &sb) == 0) {
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    }
    /* not both there yet: the same name in the same directory ("out.png", "./out.png") */
    const char *na = strrchr(a, '/'), *nb = strrchr(b, '/');
    if (strcmp(na != NULL ? na + 1 : a, nb != NULL ? nb + 1 : b) != 0) {
        return false;
    }
    char da[4096], db[4096];
    snprintf(da, sizeof da, "%.*s", na != NULL ? (int)(na - a + 1) : 1, na != NULL ? a : ".");
    snprintf(db, sizeof db, "%.*s", nb != NULL ? (int)(nb - b + 1) : 1, nb != NULL ? b : ".");
    return stat(da, &sa) == 0 && stat(db, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

int cli_finish_stdout(const struct incmap_cli *cli, int rc)
{
    errno = 0;
    bool failed = fflush(stdout) != 0;
    failed = ferror(stdout) != 0 || failed;
    if (failed && rc == INCMAP_EXIT_OK) {
        /* e.g. stdout on a full disk or /dev/full: the result did not arrive, so do not say 0 */
        cli_error(cli, "cannot write to standard output: %s", strerror(errno != 0 ? errno : EIO));
        return INCMAP_EXIT_IO;
    }
    return rc;
}

/* Error reporting and exit codes shared by every subcommand. */
#include "cli.h"

#include <stdarg.h>

static void vreport(const struct incmap_cli *cli, const char *kind, const char *fmt, va_list ap)
{
    fprintf(stderr, "%s: %s: %s", cli->prog, cli->cmd, kind);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
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

int cli_fail_ctx(const struct incmap_cli *cli, const incmap_ctx *ctx)
{
    cli_error(cli, "%s", incmap_ctx_message(ctx));
    return cli_exit_code(incmap_ctx_status(ctx));
}

void cli_log(void *user, incmap_log_level level, const char *msg)
{
    const struct incmap_cli *cli = user;
    if (level <= INCMAP_LOG_WARN) {
        fprintf(stderr, "%s: %s: %s%s\n", cli->prog, cli->cmd,
                level == INCMAP_LOG_ERROR ? "" : "warning: ", msg);
    } else {
        fprintf(stderr, "%s\n", msg);
    }
}

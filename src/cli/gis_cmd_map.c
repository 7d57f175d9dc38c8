/* PLACEHOLDER until its issue lands: replaced by the real command. */
#include "cli.h"

int cmd_map(int argc, char **argv, struct incmap_cli *cli)
{
    (void)argc;
    (void)argv;
    cli_error(cli, "not built yet");
    return INCMAP_EXIT_FAILURE;
}

/* cmd_neighbours.c — `glassformer-cli neighbours [--vectors DIR | --model DIR]
 * [-k N] WORD`: the words nearest to one word, one
 * "RANK<TAB>WORD<TAB>COSINE" line each (the word itself left out). */
#include "cli_args.h"
#include "cli_commands.h"
#include "cli_vectors.h"

int cli_cmd_neighbours(const char *name, int argc, char **argv)
{
    const char *word = NULL;
    cli_spec spec = {.command = name, .positional_name = "WORD", .positional = &word};
    cli_word_space_args args;
    int rc = cli_word_space_parse(&spec, argc, argv, &args);
    if (rc != CLI_EXIT_OK)
        return rc;

    cli_word_space space;
    rc = cli_word_space_start(name, &args, &space);
    if (rc != CLI_EXIT_OK)
        return rc;
    rc = cli_word_space_run(name, &space, word, args.k, true);
    cli_word_space_close(&space);
    return rc;
}

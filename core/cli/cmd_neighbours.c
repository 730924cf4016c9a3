/* cmd_neighbours.c — `glassformer-cli neighbours [--vectors DIR | --model DIR]
 * [-k N] WORD`: the words nearest to one word, one
 * "RANK<TAB>WORD<TAB>COSINE" line each (the word itself left out). */
#include "cli_args.h"
#include "cli_commands.h"
#include "cli_vectors.h"

int cli_cmd_neighbours(const char *name, int argc, char **argv)
{
    const char *vectors_dir = NULL, *model_dir = NULL, *word = NULL;
    int k = CLI_VECTORS_DEFAULT_K;
    cli_option options[] = {
        {.name = "--vectors", .kind = CLI_OPT_STRING, .dest.str = &vectors_dir},
        {.name = "--model", .kind = CLI_OPT_STRING, .dest.str = &model_dir},
        {.name = "-k", .kind = CLI_OPT_INT, .min = 1, .max = CLI_VECTORS_MAX_K, .dest.i = &k},
    };
    cli_spec spec = {.command = name, .options = options,
                     .n_options = (int)(sizeof options / sizeof options[0]),
                     .positional_name = "WORD", .positional = &word};
    int rc = cli_parse(&spec, argc, argv);
    if (rc != CLI_EXIT_OK)
        return rc;
    if (vectors_dir && model_dir)
        return cli_fail_usage(name, "--vectors and --model: give one of them");

    gf_error err;
    gf_error_clear(&err);
    cli_word_space space;
    if (cli_word_space_open(&space, vectors_dir, model_dir, &err) != GF_OK)
        return cli_fail_runtime(&err);
    rc = cli_word_space_run(name, &space, word, k, true);
    cli_word_space_close(&space);
    return rc;
}

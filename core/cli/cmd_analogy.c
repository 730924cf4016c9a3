/* cmd_analogy.c — `glassformer-cli analogy [--vectors DIR | --model DIR]
 * [-k N] EXPR`: the words nearest to a sum of word vectors, such as
 * king - man + woman, one "RANK<TAB>WORD<TAB>COSINE" line each. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cli_args.h"
#include "cli_commands.h"
#include "cli_vectors.h"

/* The bare words of EXPR joined by spaces (so `king - man + woman` unquoted
 * works); false when they do not fit in size bytes. */
static bool analogy_join(const cli_list *words, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < words->count; i++) {
        size_t n = strlen(words->items[i]);
        if (used + n + 2 > size)
            return false;
        if (i)
            buf[used++] = ' ';
        memcpy(buf + used, words->items[i], n + 1);
        used += n;
    }
    return true;
}

int cli_cmd_analogy(const char *name, int argc, char **argv)
{
    const char *vectors_dir = NULL, *model_dir = NULL;
    int k = CLI_VECTORS_DEFAULT_K;
    cli_list words = {.items = calloc((size_t)argc + 1, sizeof(const char *)),
                      .capacity = argc + 1};
    if (!words.items) {
        gf_error err;
        gf_error_set(&err, GF_ERR_MEMORY, "out of memory");
        return cli_fail_runtime(&err);
    }
    cli_option options[] = {
        {.name = "--vectors", .kind = CLI_OPT_STRING, .dest.str = &vectors_dir},
        {.name = "--model", .kind = CLI_OPT_STRING, .dest.str = &model_dir},
        {.name = "-k", .kind = CLI_OPT_INT, .min = 1, .max = CLI_VECTORS_MAX_K, .dest.i = &k},
    };
    cli_spec spec = {.command = name, .options = options,
                     .n_options = (int)(sizeof options / sizeof options[0]),
                     .positional_name = "EXPR", .positional_list = &words};
    int rc = cli_parse(&spec, argc, argv);
    char text[4096];
    bool fits = analogy_join(&words, text, sizeof text);
    free(words.items);
    if (rc != CLI_EXIT_OK)
        return rc;
    if (!fits)
        return cli_fail_usage(name, "EXPR: longer than %zu bytes", sizeof text - 1);
    if (vectors_dir && model_dir)
        return cli_fail_usage(name, "--vectors and --model: give one of them");

    gf_error err;
    gf_error_clear(&err);
    cli_word_space space;
    if (cli_word_space_open(&space, vectors_dir, model_dir, &err) != GF_OK)
        return cli_fail_runtime(&err);
    rc = cli_word_space_run(name, &space, text, k, false);
    cli_word_space_close(&space);
    return rc;
}

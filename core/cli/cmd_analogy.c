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
    cli_list words = {.items = calloc((size_t)argc + 1, sizeof(const char *)),
                      .capacity = argc + 1};
    if (!words.items) {
        gf_error err;
        gf_error_set(&err, GF_ERR_MEMORY, "out of memory");
        return cli_fail_runtime(&err);
    }
    cli_spec spec = {.command = name, .positional_name = "EXPR", .positional_list = &words};
    cli_word_space_args args;
    int rc = cli_word_space_parse(&spec, argc, argv, &args);
    char text[4096];
    bool fits = analogy_join(&words, text, sizeof text);
    free(words.items);
    if (rc != CLI_EXIT_OK)
        return rc;
    if (!fits)
        return cli_fail_usage(name, "EXPR: longer than %zu bytes", sizeof text - 1);

    cli_word_space space;
    rc = cli_word_space_start(name, &args, &space);
    if (rc != CLI_EXIT_OK)
        return rc;
    rc = cli_word_space_run(name, &space, text, args.k, false);
    cli_word_space_close(&space);
    return rc;
}

/* cmd_tokenize.c — `glassformer-cli tokenize --model DIR [--pieces] TEXT`:
 * the token ids of TEXT on one line, or with --pieces one line per token,
 * "ID<TAB>PIECE", PIECE being the token's bytes as a quoted string. Only the
 * folder's vocab.json and merges.txt are read. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_args.h"
#include "cli_commands.h"
#include "cli_files.h"
#include "cli_text.h"
#include "tokenizer.h"

static void tokenize_print(const gf_tokenizer *tok, const int32_t *ids, int n, bool pieces)
{
    if (!pieces) {
        for (int i = 0; i < n; i++)
            printf(i ? " %d" : "%d", (int)ids[i]);
        putchar('\n');
        return;
    }
    if (n == 0)
        putchar('\n');
    for (int i = 0; i < n; i++) {
        printf("%d\t", (int)ids[i]);
        cli_quote_token(stdout, tok, ids[i]);
        putchar('\n');
    }
}

int cli_cmd_tokenize(const char *name, int argc, char **argv)
{
    const char *model_dir = NULL, *text = NULL;
    bool pieces = false;
    cli_option options[] = {
        {.name = "--model", .kind = CLI_OPT_STRING, .required = true, .dest.str = &model_dir},
        {.name = "--pieces", .kind = CLI_OPT_FLAG, .dest.flag = &pieces},
    };
    cli_spec spec = {.command = name, .options = options,
                     .n_options = (int)(sizeof options / sizeof options[0]),
                     .positional_name = "TEXT", .positional = &text};
    int rc = cli_parse(&spec, argc, argv);
    if (rc != CLI_EXIT_OK)
        return rc;

    gf_error err;
    gf_error_clear(&err);
    size_t length = strlen(text), bad = 0;
    if (!gf_utf8_valid(text, length, &bad)) {
        gf_error_set(&err, GF_ERR_UTF8, "TEXT: not valid UTF-8 (byte 0x%02x at offset %zu)",
                     (unsigned)(unsigned char)text[bad], bad);
        return cli_fail_runtime(&err);
    }
    gf_tokenizer *tok = NULL;
    int32_t *ids = NULL;
    int n = 0;
    if (cli_tokenizer_load_dir(model_dir, &tok, &err) != GF_OK ||
        (length > 0 && gf_tokenizer_encode(tok, text, length, &ids, &n, &err) != GF_OK)) {
        gf_tokenizer_free(tok);
        return cli_fail_runtime(&err);
    }
    tokenize_print(tok, ids, n, pieces);
    free(ids);
    gf_tokenizer_free(tok);
    return CLI_EXIT_OK;
}

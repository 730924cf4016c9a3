/* cmd_bpe_train.c — `glassformer-cli bpe-train --input FILE... --vocab-size N
 * --out DIR`: learn a byte-level BPE vocabulary, write vocab.json and
 * merges.txt into DIR (created if missing), and report how well it
 * compresses the training text (bytes per token). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "bpe_train.h"
#include "cli_args.h"
#include "cli_commands.h"
#include "cli_files.h"
#include "cli_outputs.h"
#include "config.h"
#include "file_io.h"
#include "tokenizer.h"

/* Encode every input again with the learned tokenizer; count bytes and tokens. */
static gf_status bpe_measure(const gf_tokenizer *tok, const cli_list *inputs,
                             long long *bytes, long long *tokens, gf_error *err)
{
    *bytes = *tokens = 0;
    for (int i = 0; i < inputs->count; i++) {
        char *text = NULL;
        size_t length = 0;
        int32_t *ids = NULL;
        int n = 0;
        gf_status st = cli_file_read(inputs->items[i], GF_TOKENIZER_MAX_TEXT, &text, &length,
                                     err);
        if (st == GF_OK && length > 0)
            st = gf_tokenizer_encode(tok, text, length, &ids, &n, err);
        free(text);
        free(ids);
        if (st != GF_OK)
            return st;
        *bytes += (long long)length;
        *tokens += n;
    }
    return GF_OK;
}

static gf_status bpe_run(const cli_list *inputs, int vocab_size, const char *out_dir,
                         gf_error *err)
{
    gf_tokenizer *tok = NULL;
    long long bytes = 0, tokens = 0;
    /* Each input is read twice (training, then measuring), so it must be a
     * regular file: checked before training, not after writing DIR. */
    static const char *const outputs[] = {"vocab.json", "merges.txt"};
    for (int i = 0; i < inputs->count; i++) {
        if (cli_file_size(inputs->items[i], err) < 0)
            return GF_ERR_IO;
        cli_inputs in = {.count = 0};
        cli_inputs_add_file(&in, inputs->items[i], "--input");
        if (cli_output_check_in(out_dir, outputs, 2, &in, err) != GF_OK)
            return GF_ERR_ARGUMENT;
    }
    /* A new vocabulary would silently break a model's embedding rows. */
    gf_status st = cli_refuse_model_dir(out_dir, "a new tokenizer would not fit its weights; "
                                        "choose another --out", err);
    if (st == GF_OK)
        st = gf_bpe_train_files(inputs->items, inputs->count, vocab_size, &tok, err);
    bool created = false;
    if (st == GF_OK)
        st = gf_file_dir_ensure(out_dir, &created, err);
    if (st == GF_OK)
        st = gf_tokenizer_save(tok, out_dir, err);   /* both files or neither */
    if (st != GF_OK && created)
        rmdir(out_dir);
    if (st == GF_OK)
        st = bpe_measure(tok, inputs, &bytes, &tokens, err);
    if (st == GF_OK) {
        printf("%s: %d merges learned, %d tokens in the vocabulary\n", out_dir,
               gf_tokenizer_merge_count(tok), gf_tokenizer_vocab_size(tok));
        printf("training text: %lld bytes -> %lld tokens, %.3f bytes/token\n", bytes, tokens,
               tokens > 0 ? (double)bytes / (double)tokens : 0.0);
    }
    gf_tokenizer_free(tok);
    return st;
}

int cli_cmd_bpe_train(const char *name, int argc, char **argv)
{
    const char *out_dir = NULL;
    int vocab_size = 0;
    cli_list inputs = {.items = calloc((size_t)argc + 1, sizeof(const char *)),
                       .capacity = argc};
    if (!inputs.items) {
        gf_error err;
        gf_error_set(&err, GF_ERR_MEMORY, "%s: out of memory", name);
        return cli_fail_runtime(&err);
    }
    cli_option options[] = {
        {.name = "--input", .kind = CLI_OPT_LIST, .required = true, .dest.list = &inputs},
        {.name = "--vocab-size", .kind = CLI_OPT_INT, .required = true, .min = 257,
         .max = GF_CONFIG_MAX_VOCAB, .dest.i = &vocab_size},
        {.name = "--out", .kind = CLI_OPT_STRING, .required = true, .dest.str = &out_dir},
    };
    cli_spec spec = {.command = name, .options = options,
                     .n_options = (int)(sizeof options / sizeof options[0])};
    int rc = cli_parse(&spec, argc, argv);
    if (rc == CLI_EXIT_OK && out_dir[0] == '\0')
        rc = cli_fail_usage(name, "--out: empty");
    if (rc == CLI_EXIT_OK) {
        gf_error err;
        gf_error_clear(&err);
        if (bpe_run(&inputs, vocab_size, out_dir, &err) != GF_OK)
            rc = cli_fail_runtime(&err);
    }
    free(inputs.items);
    return rc;
}

/* cmd_eval.c — `glassformer-cli eval --model DIR FILE...`: a model's loss on
 * text files, in nats per token and bits per byte (method: eval_loss.h; the
 * usage text in cli_main.c states it for users). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli_args.h"
#include "cli_files.h"
#include "cli_commands.h"
#include "eval_loss.h"
#include "model.h"
#include "train_data.h"

#define EVAL_FULL_TRACE_MAX ((size_t)512 << 20)   /* bytes */

typedef struct {
    double nats;
    int64_t predicted;
    int64_t bytes;
} eval_sum;

static void eval_print(const char *label, const eval_sum *e)
{
    const double per_token = e->predicted > 0 ? e->nats / (double)e->predicted : 0.0;
    const double per_byte = e->bytes > 0 ? e->nats / log(2.0) / (double)e->bytes : 0.0;
    printf("%s: %lld bytes, %lld tokens, %.6f nats, %.6f nats/token, %.6f bits/byte\n", label,
           (long long)e->bytes, (long long)e->predicted, e->nats, per_token, per_byte);
}

/* One file: tokenized with <|endoftext|> in front, summed into *total. */
static gf_status eval_file(const gf_model *m, gf_trace *tr, const char *path, eval_sum *total,
                           gf_error *err)
{
    gf_train_data d;
    gf_status s = gf_train_data_load(&d, path, m->tokenizer, true, err);
    eval_sum e = {0.0, 0, 0};
    if (s == GF_OK && d.bytes == 0)   /* a loss over no text would print as 0 */
        s = gf_error_set(err, GF_ERR_ARGUMENT, "%s: empty: no text to evaluate", path);
    if (s == GF_OK)
        s = gf_eval_loss_stream(m, tr, d.tokens, d.n, &e.nats, &e.predicted, err);
    if (s == GF_OK) {
        e.bytes = d.bytes;
        eval_print(path, &e);
        total->nats += e.nats;
        total->predicted += e.predicted;
        total->bytes += e.bytes;
    }
    gf_train_data_free(&d);
    return s;
}

static gf_status eval_run(const char *model_dir, const cli_list *files, gf_error *err)
{
    gf_model m;
    gf_trace tr = {0};
    gf_status s = cli_model_load(&m, model_dir, err);
    if (s != GF_OK)
        return s;
    /* A full trace runs whole windows at once; above the limit (GPT-2's
     * 1024-token context keeps ~2 GB of attention maps) a lean one. */
    const bool full = gf_trace_bytes(&m.config, m.config.n_ctx, true) <= EVAL_FULL_TRACE_MAX;
    s = gf_trace_init(&tr, &m.config, m.config.n_ctx, full, err);
    eval_sum total = {0.0, 0, 0};
    for (int i = 0; s == GF_OK && i < files->count; i++)
        s = eval_file(&m, &tr, files->items[i], &total, err);
    if (s == GF_OK) {
        char label[64];
        snprintf(label, sizeof label, "total (%d file%s)", files->count,
                 files->count == 1 ? "" : "s");
        eval_print(label, &total);
    }
    gf_trace_free(&tr);
    gf_model_free(&m);
    return s;
}

int cli_cmd_eval(const char *name, int argc, char **argv)
{
    const char *model_dir = NULL;
    cli_list files = {.items = calloc((size_t)argc + 1, sizeof(const char *)),
                      .capacity = argc};
    if (!files.items) {
        gf_error err;
        gf_error_set(&err, GF_ERR_MEMORY, "%s: out of memory", name);
        return cli_fail_runtime(&err);
    }
    cli_option options[] = {
        {.name = "--model", .kind = CLI_OPT_STRING, .required = true, .dest.str = &model_dir},
    };
    cli_spec spec = {.command = name, .options = options,
                     .n_options = (int)(sizeof options / sizeof options[0]),
                     .positional_name = "FILE", .positional_list = &files};
    int rc = cli_parse(&spec, argc, argv);
    if (rc == CLI_EXIT_OK) {
        gf_error err;
        gf_error_clear(&err);
        if (eval_run(model_dir, &files, &err) != GF_OK)
            rc = cli_fail_runtime(&err);
    }
    free(files.items);
    return rc;
}

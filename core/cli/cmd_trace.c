/* cmd_trace.c — `glassformer-cli trace --model DIR --prompt TEXT --out FILE`:
 * run the prompt through a full trace and write every whole tensor (names as
 * in trace.h, "logits" (T, V), "tokens" (T) as I32) to a safetensors file. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_args.h"
#include "cli_commands.h"
#include "cli_files.h"
#include "cli_outputs.h"
#include "cli_prompt.h"
#include "model.h"
#include "trace.h"

/* Tensors gf_trace_export writes: "tokens" plus every whole (head -1) entry. */
static int trace_tensor_count(const gf_trace *tr)
{
    int count = 1;
    for (int i = 0; i < tr->n_entries; i++)
        count += tr->entries[i].head < 0;
    return count;
}

static gf_status trace_run(const char *model_dir, const char *prompt, const char *out,
                           gf_error *err)
{
    gf_model m;
    gf_trace tr;
    memset(&m, 0, sizeof m);
    memset(&tr, 0, sizeof tr);
    cli_inputs in = {.count = 0};
    cli_inputs_add_model(&in, model_dir, "--model");
    gf_status st = cli_output_check(out, &in, err);   /* never over the model read */
    if (st == GF_OK)
        st = cli_prompt_run(model_dir, prompt, 0, true, &m, &tr, err);
    if (st == GF_OK)
        st = gf_trace_export(&tr, out, err);
    long long bytes = st == GF_OK ? cli_file_size(out, err) : -1;
    if (st == GF_OK && bytes < 0)
        st = GF_ERR_IO;
    if (st == GF_OK)
        printf("%s: %d token%s, %d tensors, %lld bytes\n", out, tr.n_tokens,
               tr.n_tokens == 1 ? "" : "s",
               trace_tensor_count(&tr), bytes);
    gf_trace_free(&tr);
    gf_model_free(&m);
    return st;
}

int cli_cmd_trace(const char *name, int argc, char **argv)
{
    const char *model_dir = NULL, *prompt = NULL, *out = NULL;
    cli_option options[] = {
        {.name = "--model", .kind = CLI_OPT_STRING, .required = true, .dest.str = &model_dir},
        {.name = "--prompt", .kind = CLI_OPT_STRING, .required = true, .dest.str = &prompt},
        {.name = "--out", .kind = CLI_OPT_STRING, .required = true, .dest.str = &out},
    };
    cli_spec spec = {.command = name, .options = options,
                     .n_options = (int)(sizeof options / sizeof options[0])};
    int rc = cli_parse(&spec, argc, argv);
    if (rc != CLI_EXIT_OK)
        return rc;
    if (out[0] == '\0')
        return cli_fail_usage(name, "--out: empty");
    gf_error err;
    gf_error_clear(&err);
    if (trace_run(model_dir, prompt, out, &err) != GF_OK)
        return cli_fail_runtime(&err);
    return CLI_EXIT_OK;
}

/* cmd_generate.c — `glassformer-cli generate --model DIR --prompt TEXT ...`:
 * sample a continuation one token at a time (lean trace = KV cache only) and
 * stream it as whole UTF-8 characters; stop after -n tokens or at
 * <|endoftext|>. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_args.h"
#include "cli_commands.h"
#include "cli_prompt.h"
#include "cli_text.h"
#include "forward.h"
#include "model.h"
#include "sampler.h"
#include "trace.h"

typedef struct {
    const char *model_dir, *prompt;
    int n_new;
    double temperature, top_p;
    int top_k;
    uint64_t seed;
} generate_args;

/* Sample up to n_new tokens after the prompt already in tr; print them. */
static gf_status generate_loop(const gf_model *m, gf_trace *tr, gf_sampler *s, int n_new,
                               gf_error *err)
{
    const int32_t eot = gf_tokenizer_eot(m->tokenizer);
    cli_utf8_stream out;
    cli_utf8_stream_init(&out);
    gf_status st = GF_OK;
    for (int i = 0; i < n_new && st == GF_OK; i++) {
        int32_t id = gf_sampler_sample(s, gf_trace_logits_row(tr, tr->n_tokens - 1));
        if (id == eot)
            break;
        size_t len = 0;
        const char *bytes = gf_tokenizer_token_bytes(m->tokenizer, id, &len);
        if (bytes)
            cli_utf8_stream_write(&out, stdout, bytes, len);
        else
            cli_utf8_stream_write(&out, stdout, "\xEF\xBF\xBD", 3); /* id the vocab lacks */
        fflush(stdout);
        if (i + 1 < n_new)
            st = gf_forward_append(m, tr, &id, 1, err);
    }
    cli_utf8_stream_finish(&out, stdout);
    putchar('\n');
    return st;
}

static gf_status generate_run(const generate_args *a, gf_error *err)
{
    gf_model m;
    gf_trace tr;
    gf_sampler s;
    memset(&s, 0, sizeof s);
    gf_status st = cli_prompt_run(a->model_dir, a->prompt, a->n_new, false, &m, &tr, err);
    if (st == GF_OK)
        st = gf_sampler_init(&s, m.config.vocab_size, (float)a->temperature, a->top_k,
                             (float)a->top_p, a->seed, err);
    if (st == GF_OK)
        st = generate_loop(&m, &tr, &s, a->n_new, err);
    gf_sampler_free(&s);
    gf_trace_free(&tr);
    gf_model_free(&m);
    return st;
}

int cli_cmd_generate(const char *name, int argc, char **argv)
{
    generate_args a = {.n_new = 32, .temperature = 0.7, .top_p = 1.0, .top_k = 0, .seed = 42};
    cli_option options[] = {
        {.name = "--model", .kind = CLI_OPT_STRING, .required = true, .dest.str = &a.model_dir},
        {.name = "--prompt", .kind = CLI_OPT_STRING, .required = true, .dest.str = &a.prompt},
        {.name = "-n", .kind = CLI_OPT_INT, .min = 1, .max = GF_CONFIG_MAX_CONTEXT,
         .dest.i = &a.n_new},
        {.name = "--temperature", .kind = CLI_OPT_FLOAT, .min = 0,
         .max = GF_SAMPLER_TEMPERATURE_MAX,
         .dest.f = &a.temperature},
        {.name = "--top-k", .kind = CLI_OPT_INT, .min = 0, .max = GF_CONFIG_MAX_VOCAB,
         .dest.i = &a.top_k},
        {.name = "--top-p", .kind = CLI_OPT_FLOAT, .min = 0, .min_exclusive = true, .max = 1,
         .dest.f = &a.top_p},
        {.name = "--seed", .kind = CLI_OPT_U64, .dest.u = &a.seed},
    };
    cli_spec spec = {.command = name, .options = options,
                     .n_options = (int)(sizeof options / sizeof options[0])};
    int rc = cli_parse(&spec, argc, argv);
    if (rc != CLI_EXIT_OK)
        return rc;
    if (!((float)a.top_p > 0.0f))   /* in range as a double, 0 as the sampler's float */
        return cli_fail_usage(name, "--top-p %g: too small to tell from 0 (want (0, 1])", a.top_p);
    gf_error err;
    gf_error_clear(&err);
    if (generate_run(&a, &err) != GF_OK)
        return cli_fail_runtime(&err);
    return CLI_EXIT_OK;
}

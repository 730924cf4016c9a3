/* cmd_generate.c — `glassformer-cli generate --model DIR --prompt TEXT ...`:
 * sample a continuation one token at a time (lean trace = KV cache only) and
 * stream it as whole UTF-8 characters; stop after -n tokens or at
 * <|endoftext|>. With --beam N, print the best of a beam search instead
 * (core/beam_search.h). --print-logprob adds "logprob: X", the sum of
 * ln softmax(z)[t] at T = 1 over the printed tokens. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beam_search.h"
#include "cli_args.h"
#include "cli_commands.h"
#include "cli_prompt.h"
#include "cli_text.h"
#include "forward.h"
#include "logprob.h"
#include "model.h"
#include "sampler.h"
#include "trace.h"

typedef struct {
    const char *model_dir, *prompt;
    int n_new;
    double temperature, top_p;
    int top_k;
    uint64_t seed;
    int beam;             /* 0: sample; else the beam's width (--beam) */
    bool print_logprob;
} generate_args;

/* Write one token's bytes to the stream (U+FFFD for an id the vocab lacks). */
static void write_token(const gf_tokenizer *tok, cli_utf8_stream *out, int32_t id)
{
    size_t len = 0;
    const char *bytes = gf_tokenizer_token_bytes(tok, id, &len);
    if (bytes)
        cli_utf8_stream_write(out, stdout, bytes, len);
    else
        cli_utf8_stream_write(out, stdout, "\xEF\xBF\xBD", 3);
}

/* Sample up to n_new tokens after the prompt already in tr; print them.
 * *logprob: Σ ln softmax(z)[t] at T = 1 over the printed tokens. */
static gf_status generate_loop(const gf_model *m, gf_trace *tr, gf_sampler *s, int n_new,
                               double *logprob, gf_error *err)
{
    const int32_t eot = gf_tokenizer_eot(m->tokenizer);
    cli_utf8_stream out;
    cli_utf8_stream_init(&out);
    gf_status st = GF_OK;
    *logprob = 0.0;
    for (int i = 0; i < n_new && st == GF_OK; i++) {
        const float *logits = gf_trace_logits_row(tr, tr->n_tokens - 1);
        int32_t id = gf_sampler_sample(s, logits);
        if (id == eot)
            break;
        *logprob += gf_log_softmax_at(logits, m->config.vocab_size, id);
        write_token(m->tokenizer, &out, id);
        fflush(stdout);
        if (i + 1 < n_new)
            st = gf_forward_append(m, tr, &id, 1, err);
    }
    cli_utf8_stream_finish(&out, stdout);
    putchar('\n');
    return st;
}

/* The best beam of a search from the prompt in tr (only its tokens are
 * used: each beam runs in its own trace); print it. */
static gf_status generate_beam(const gf_model *m, const gf_trace *tr, int width, int n_new,
                               double *logprob, gf_error *err)
{
    gf_beam_result r;
    gf_status st = gf_beam_search(m, tr->tokens, tr->n_tokens, width, n_new,
                                  gf_tokenizer_eot(m->tokenizer), NULL, NULL, &r, err);
    if (st != GF_OK)
        return st;
    cli_utf8_stream out;
    cli_utf8_stream_init(&out);
    for (int i = 0; i < r.beams[0].n_tokens; i++)
        write_token(m->tokenizer, &out, r.beams[0].tokens[i]);
    cli_utf8_stream_finish(&out, stdout);
    putchar('\n');
    *logprob = r.beams[0].logprob;
    gf_beam_result_free(&r);
    return GF_OK;
}

static gf_status generate_run(const generate_args *a, gf_error *err)
{
    gf_model m;
    gf_trace tr;
    gf_sampler s;
    memset(&s, 0, sizeof s);
    double logprob = 0.0;
    gf_status st = cli_prompt_run(a->model_dir, a->prompt, a->n_new, false, &m, &tr, err);
    if (st == GF_OK && a->beam > 0) {
        st = generate_beam(&m, &tr, a->beam, a->n_new, &logprob, err);
    } else {
        if (st == GF_OK)
            st = gf_sampler_init(&s, m.config.vocab_size, (float)a->temperature, a->top_k,
                                 (float)a->top_p, a->seed, err);
        if (st == GF_OK)
            st = generate_loop(&m, &tr, &s, a->n_new, &logprob, err);
    }
    if (st == GF_OK && a->print_logprob)
        printf("logprob: %.6f\n", logprob);
    gf_sampler_free(&s);
    gf_trace_free(&tr);
    gf_model_free(&m);
    return st;
}

/* Options that only sampling takes (a usage error with --beam). */
static bool is_sampling_option(const char *option)
{
    static const char *const sampling[] = {"--temperature", "--top-k", "--top-p", "--seed"};
    for (size_t i = 0; i < sizeof sampling / sizeof sampling[0]; i++)
        if (strcmp(option, sampling[i]) == 0)
            return true;
    return false;
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
        {.name = "--beam", .kind = CLI_OPT_INT, .min = 1, .max = GF_BEAM_MAX_WIDTH,
         .dest.i = &a.beam},
        {.name = "--print-logprob", .kind = CLI_OPT_FLAG, .dest.flag = &a.print_logprob},
    };
    cli_spec spec = {.command = name, .options = options,
                     .n_options = (int)(sizeof options / sizeof options[0])};
    int rc = cli_parse(&spec, argc, argv);
    if (rc != CLI_EXIT_OK)
        return rc;
    for (int i = 0; a.beam > 0 && i < spec.n_options; i++)
        if (options[i].seen && is_sampling_option(options[i].name))
            return cli_fail_usage(name, "%s: beam search does not sample (it takes no "
                                  "--temperature, --top-k, --top-p or --seed)", options[i].name);
    if (!((float)a.top_p > 0.0f))   /* in range as a double, 0 as the sampler's float */
        return cli_fail_usage(name, "--top-p %g: too small to tell from 0 (want (0, 1])", a.top_p);
    gf_error err;
    gf_error_clear(&err);
    if (generate_run(&a, &err) != GF_OK)
        return cli_fail_runtime(&err);
    return CLI_EXIT_OK;
}

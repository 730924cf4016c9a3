/* cli_prompt.c — encoding --prompt, checking it fits, and running it through a
 * new trace (see cli_prompt.h). */
#include "cli_prompt.h"

#include <stdlib.h>
#include <string.h>

#include "cli_files.h"
#include "forward.h"

gf_status cli_prompt_encode(const gf_tokenizer *tok, const char *prompt, int32_t **ids,
                            int *n, gf_error *err)
{
    size_t length = strlen(prompt);
    *ids = NULL;
    *n = 0;
    if (length == 0) {
        int32_t eot = gf_tokenizer_eot(tok);
        if (eot < 0)
            return gf_error_set(err, GF_ERR_ARGUMENT,
                                "--prompt: empty, and the tokenizer has no <|endoftext|> "
                                "to start from");
        *ids = malloc(sizeof **ids);
        if (!*ids)
            return gf_error_set(err, GF_ERR_MEMORY, "--prompt: out of memory");
        (*ids)[0] = eot;
        *n = 1;
        return GF_OK;
    }
    gf_status st = gf_tokenizer_encode(tok, prompt, length, ids, n, err);
    if (st == GF_OK && *n < 1) {
        free(*ids);
        *ids = NULL;
        return gf_error_set(err, GF_ERR_ARGUMENT, "--prompt: encodes to no tokens");
    }
    return st;
}

gf_status cli_prompt_fits(int n_prompt, int n_new, int n_ctx, gf_error *err)
{
    if ((long long)n_prompt + n_new <= n_ctx)
        return GF_OK;
    if (n_new == 0)
        return gf_error_set(err, GF_ERR_RANGE,
                            "prompt (%d tokens) exceeds the model's context of %d tokens",
                            n_prompt, n_ctx);
    if (n_prompt >= n_ctx)
        return gf_error_set(err, GF_ERR_RANGE,
                            "prompt (%d tokens) %s the model's context of %d tokens: no room "
                            "for -n %d more", n_prompt, n_prompt > n_ctx ? "exceeds" : "fills",
                            n_ctx, n_new);
    return gf_error_set(err, GF_ERR_RANGE,
                        "prompt (%d tokens) + -n %d exceeds the model's context of %d tokens "
                        "(-n at most %d with this prompt)",
                        n_prompt, n_new, n_ctx, n_ctx - n_prompt);
}

gf_status cli_prompt_run(const char *model_dir, const char *prompt, int n_new, bool keep_all,
                         gf_model *m, gf_trace *tr, gf_error *err)
{
    memset(m, 0, sizeof *m);
    memset(tr, 0, sizeof *tr);
    size_t bad = 0;
    if (!gf_utf8_valid(prompt, strlen(prompt), &bad))   /* before loading a large model */
        return gf_error_set(err, GF_ERR_UTF8,
                            "--prompt: not valid UTF-8 (byte 0x%02x at offset %zu)",
                            (unsigned)(unsigned char)prompt[bad], bad);
    int32_t *ids = NULL;   /* (n) the prompt's tokens */
    int n = 0;
    gf_status st = cli_model_load(m, model_dir, err);
    if (st == GF_OK)
        st = cli_prompt_encode(m->tokenizer, prompt, &ids, &n, err);
    if (st == GF_OK)
        st = cli_prompt_fits(n, n_new, m->config.n_ctx, err);
    if (st == GF_OK)
        st = gf_trace_init(tr, &m->config, n + n_new, keep_all, err);
    if (st == GF_OK)
        st = gf_forward_append(m, tr, ids, n, err);
    free(ids);
    return st;
}

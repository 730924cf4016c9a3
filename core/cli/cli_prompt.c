/* cli_prompt.c — encoding --prompt and checking it fits (see cli_prompt.h). */
#include "cli_prompt.h"

#include <stdlib.h>
#include <string.h>

gf_status cli_prompt_encode(const gf_tokenizer *tok, const char *prompt, int32_t **ids,
                            int *n, gf_error *err)
{
    size_t length = strlen(prompt), bad = 0;
    *ids = NULL;
    *n = 0;
    if (!gf_utf8_valid(prompt, length, &bad))
        return gf_error_set(err, GF_ERR_UTF8,
                            "--prompt: not valid UTF-8 (byte 0x%02x at offset %zu)",
                            (unsigned)(unsigned char)prompt[bad], bad);
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
    return gf_error_set(err, GF_ERR_RANGE,
                        "prompt (%d tokens) + -n %d exceeds the model's context of %d tokens",
                        n_prompt, n_new, n_ctx);
}

/* cli_prompt.h — the --prompt text as token ids, and the context check that
 * generate and trace share. */
#ifndef CLI_PROMPT_H
#define CLI_PROMPT_H

#include <stdint.h>

#include "gf_error.h"
#include "tokenizer.h"

/* Encode prompt (must be valid UTF-8). An empty prompt starts from
 * <|endoftext|> when the tokenizer has it, else it is an error.
 * *ids is malloc'ed; *n >= 1 on success. */
gf_status cli_prompt_encode(const gf_tokenizer *tok, const char *prompt, int32_t **ids,
                            int *n, gf_error *err);

/* n_prompt + n_new positions must fit n_ctx (n_new = 0: the prompt alone). */
gf_status cli_prompt_fits(int n_prompt, int n_new, int n_ctx, gf_error *err);

#endif

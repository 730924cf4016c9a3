/* cli_prompt.h — the --prompt text as token ids, the context check, and the
 * load-encode-run start that generate and trace share. */
#ifndef CLI_PROMPT_H
#define CLI_PROMPT_H

#include <stdbool.h>
#include <stdint.h>

#include "gf_error.h"
#include "model.h"
#include "tokenizer.h"
#include "trace.h"

/* Encode prompt (valid UTF-8, else GF_ERR_UTF8). An empty prompt starts from
 * <|endoftext|> when the tokenizer has it, else it is an error.
 * *ids is malloc'ed; *n >= 1 on success. */
gf_status cli_prompt_encode(const gf_tokenizer *tok, const char *prompt, int32_t **ids,
                            int *n, gf_error *err);

/* n_prompt + n_new positions must fit n_ctx (n_new = 0: the prompt alone). */
gf_status cli_prompt_fits(int n_prompt, int n_new, int n_ctx, gf_error *err);

/* Check the prompt is UTF-8 (before anything is loaded), load the model
 * folder, encode the prompt, check that it and n_new more
 * tokens fit, and run the prompt through a new trace with room for them
 * (keep_all: every intermediate kept; else only the KV cache). *m and *tr
 * are always left for gf_model_free / gf_trace_free, also on failure. */
gf_status cli_prompt_run(const char *model_dir, const char *prompt, int n_new, bool keep_all,
                         gf_model *m, gf_trace *tr, gf_error *err);

#endif

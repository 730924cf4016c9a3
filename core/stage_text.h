/* stage_text.h — a stage's words for a model: its name, its explanation and
 * its formula with the model's real sizes, read from a language's text file
 * (text.h; keys stage.KEY.name, stage.KEY.summary, formula.*). Which text a
 * variant gets is decided here, once, for every language: a post-norm
 * model's norms sit after the residual adds (stage.KEY.name.post), a norm
 * says where it sits and what it computes (LayerNorm or RMSNorm), and the
 * formulas follow the position type, activation and tied unembedding. */
#ifndef GF_STAGE_TEXT_H
#define GF_STAGE_TEXT_H

#include <stddef.h>

#include "stages.h"
#include "text.h"

/* The display name of id for cfg (NULL cfg: pre-norm), or NULL when the
 * text lacks it. */
const char *gf_stage_name(const gf_text *t, gf_stage_id id, const gf_config *cfg);

/* The explanation of id for cfg. Writes at most size bytes (NUL-terminated)
 * and returns the full length; 0 (and "?KEY" in buf) when a key is missing. */
size_t gf_stage_summary(const gf_text *t, gf_stage_id id, const gf_config *cfg, char *buf,
                        size_t size);

/* The formula with cfg's sizes and n_tokens, e.g. "A = softmax(QKᵀ/√64 + M)";
 * as gf_stage_summary for its result. */
size_t gf_stage_formula(const gf_text *t, gf_stage_id id, const gf_config *cfg, int n_tokens,
                        char *buf, size_t size);

#endif

/* params.h — every parameter tensor a config implies: name, shape, size.
 *
 * This list is the single description of the weights. The loader, the saver,
 * the random initializer, `glassformer-cli params` and the trainer all walk
 * it; nothing else computes an offset (weights.c binds its named pointers by
 * looking these names up, weights.h).
 *
 * Names are the Hugging Face GPT-2 ones (without the "transformer." prefix):
 *   wte.weight (V,C)   wpe.weight (n_ctx,C) [learned positions only]
 *   h.N.ln_1.weight (C)   h.N.ln_1.bias (C) [LayerNorm only]
 *   h.N.attn.c_attn.weight (C,3C)  h.N.attn.c_attn.bias (3C)   Conv1D: (in,out)
 *   h.N.attn.c_proj.weight (C,C)   h.N.attn.c_proj.bias (C)
 *   h.N.ln_2.weight (C)   h.N.ln_2.bias (C)
 *   h.N.mlp.c_fc.weight (C,F)  h.N.mlp.c_fc.bias (F)       (SwiGLU: the "up")
 *   h.N.mlp.c_gate.weight (C,F) h.N.mlp.c_gate.bias (F)    [SwiGLU only]
 *   h.N.mlp.c_proj.weight (F,C) h.N.mlp.c_proj.bias (C)
 *   ln_f.weight (C)  ln_f.bias (C)   [pre-norm only; bias LayerNorm only]
 *   lm_head.weight (V,C)             [untied only]                          */
#ifndef GF_PARAMS_H
#define GF_PARAMS_H

#include <stdbool.h>
#include <stdint.h>

#include "config.h"
#include "gf_error.h"

#define GF_PARAM_NAME_MAX 64

typedef struct {
    char name[GF_PARAM_NAME_MAX];
    int layer;            /* block index, or -1 for embeddings / final norm  */
    int ndim;             /* 1 or 2                                          */
    int64_t shape[2];
    int64_t numel;
    int64_t offset;       /* in floats, into a weights arena laid out in order */
    bool is_matrix;       /* 2-D weights (weight decay applies), else vectors */
} gf_param;

typedef struct {
    gf_param *items;
    int count;
    int64_t total;        /* sum of numel                                    */
} gf_param_list;

gf_status gf_params_build(const gf_config *cfg, gf_param_list *out, gf_error *err);
void gf_params_free(gf_param_list *list);
/* Index of the parameter with this exact name, or -1. */
int gf_params_find(const gf_param_list *list, const char *name);

/* Published shapes: "gpt2", "gpt2-medium", "gpt2-large", "gpt2-xl", "gpt3". */
gf_status gf_preset_config(const char *name, gf_config *cfg, gf_error *err);
/* NULL-terminated list of preset names. */
const char *const *gf_preset_names(void);

#endif

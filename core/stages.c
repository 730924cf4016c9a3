/* stages.c — the table of teachable stages and their formulas (see stages.h). */
#include "stages.h"

#include <stdio.h>
#include <string.h>

static const gf_stage STAGES[GF_STAGE_COUNT] = {
    {GF_STAGE_TOKENS, "tokens", false, false, {NULL}},
    {GF_STAGE_EMBED, "embed", false, false, {"tok_emb", "pos_emb", "x0", NULL}},
    {GF_STAGE_NORM_1, "norm_1", true, false, {"ln_1.out", "ln_1.mean", "ln_1.rstd", NULL}},
    {GF_STAGE_QKV, "qkv", true, true, {"attn.q", "attn.k", "attn.v", NULL}},
    {GF_STAGE_SCORES, "scores", true, true, {"attn.scores", NULL}},
    {GF_STAGE_MASK, "mask", true, true, {"attn.masked", NULL}},
    {GF_STAGE_SOFTMAX, "softmax", true, true, {"attn.weights", NULL}},
    {GF_STAGE_WEIGHTED, "weighted", true, true, {"attn.heads", "attn.weights", "attn.v", NULL}},
    {GF_STAGE_CONCAT, "concat", true, false, {"attn.heads", NULL}},
    {GF_STAGE_ATTN_PROJ, "attn_proj", true, false, {"attn.proj", NULL}},
    {GF_STAGE_RESIDUAL_1, "residual_1", true, false, {"res_1", NULL}},
    {GF_STAGE_NORM_2, "norm_2", true, false, {"ln_2.out", "ln_2.mean", "ln_2.rstd", NULL}},
    {GF_STAGE_FFN_UP, "ffn_up", true, false, {"mlp.pre", "mlp.gate", "mlp.up", NULL}},
    {GF_STAGE_ACTIVATION, "activation", true, false, {"mlp.act", NULL}},
    {GF_STAGE_FFN_DOWN, "ffn_down", true, false, {"mlp.out", NULL}},
    {GF_STAGE_RESIDUAL_2, "residual_2", true, false, {"res_2", NULL}},
    {GF_STAGE_FINAL_NORM, "final_norm", false, false, {"ln_f.out", "ln_f.mean", "ln_f.rstd", NULL}},
    {GF_STAGE_LOGITS, "logits", false, false, {"logits", NULL}},
    {GF_STAGE_PROBS, "probs", false, false, {"logits", NULL}},
};

const gf_stage *gf_stage_get(gf_stage_id id)
{
    return (int)id >= 0 && id < GF_STAGE_COUNT ? &STAGES[id] : NULL;
}

const gf_stage *gf_stage_find(const char *key)
{
    for (int i = 0; i < GF_STAGE_COUNT; i++)
        if (strcmp(STAGES[i].key, key) == 0)
            return &STAGES[i];
    return NULL;
}

int gf_stages_for_config(const gf_config *cfg, gf_stage_id *out, int max)
{
    static const gf_stage_id PRE_NORM[] = {
        GF_STAGE_TOKENS,     GF_STAGE_EMBED,     GF_STAGE_NORM_1,     GF_STAGE_QKV,
        GF_STAGE_SCORES,     GF_STAGE_MASK,      GF_STAGE_SOFTMAX,    GF_STAGE_WEIGHTED,
        GF_STAGE_CONCAT,     GF_STAGE_ATTN_PROJ, GF_STAGE_RESIDUAL_1, GF_STAGE_NORM_2,
        GF_STAGE_FFN_UP,     GF_STAGE_ACTIVATION, GF_STAGE_FFN_DOWN,  GF_STAGE_RESIDUAL_2,
        GF_STAGE_FINAL_NORM, GF_STAGE_LOGITS,    GF_STAGE_PROBS,
    };
    static const gf_stage_id POST_NORM[] = {
        GF_STAGE_TOKENS,     GF_STAGE_EMBED,     GF_STAGE_QKV,        GF_STAGE_SCORES,
        GF_STAGE_MASK,       GF_STAGE_SOFTMAX,   GF_STAGE_WEIGHTED,   GF_STAGE_CONCAT,
        GF_STAGE_ATTN_PROJ,  GF_STAGE_RESIDUAL_1, GF_STAGE_NORM_1,    GF_STAGE_FFN_UP,
        GF_STAGE_ACTIVATION, GF_STAGE_FFN_DOWN,  GF_STAGE_RESIDUAL_2, GF_STAGE_NORM_2,
        GF_STAGE_LOGITS,     GF_STAGE_PROBS,
    };
    const bool pre = cfg->norm_placement == GF_NORM_PRE;
    const gf_stage_id *order = pre ? PRE_NORM : POST_NORM;
    const int count = pre ? (int)(sizeof PRE_NORM / sizeof *PRE_NORM)
                          : (int)(sizeof POST_NORM / sizeof *POST_NORM);
    for (int i = 0; i < count && i < max; i++)
        out[i] = order[i];
    return count;
}


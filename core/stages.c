/* stages.c — the table of teachable stages and their formulas (see stages.h). */
#include "stages.h"

#include <stdio.h>
#include <string.h>

static const gf_stage STAGES[GF_STAGE_COUNT] = {
    {GF_STAGE_TOKENS, "tokens", false, false},
    {GF_STAGE_EMBED, "embed", false, false},
    {GF_STAGE_NORM_1, "norm_1", true, false},
    {GF_STAGE_QKV, "qkv", true, true},
    {GF_STAGE_SCORES, "scores", true, true},
    {GF_STAGE_MASK, "mask", true, true},
    {GF_STAGE_SOFTMAX, "softmax", true, true},
    {GF_STAGE_WEIGHTED, "weighted", true, true},
    {GF_STAGE_CONCAT, "concat", true, false},
    {GF_STAGE_ATTN_PROJ, "attn_proj", true, false},
    {GF_STAGE_RESIDUAL_1, "residual_1", true, false},
    {GF_STAGE_NORM_2, "norm_2", true, false},
    {GF_STAGE_FFN_UP, "ffn_up", true, false},
    {GF_STAGE_ACTIVATION, "activation", true, false},
    {GF_STAGE_FFN_DOWN, "ffn_down", true, false},
    {GF_STAGE_RESIDUAL_2, "residual_2", true, false},
    {GF_STAGE_FINAL_NORM, "final_norm", false, false},
    {GF_STAGE_LOGITS, "logits", false, false},
    {GF_STAGE_PROBS, "probs", false, false},
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


/* One wire: in a stage, a slot holds a trace key, for pre-norm, post-norm
 * or both, and for the GELU/ReLU or SwiGLU feed-forward or both. */
enum { BOTH = 0, PRE = 1, POST = 2 };
enum { ANY_FFN = 0, PLAIN_FFN = 1, SWIGLU_FFN = 2 };
typedef struct {
    gf_stage_id stage;
    gf_slot slot;
    const char *key;
    int placement, ffn;
} wire;

static const wire WIRES[] = {
    {GF_STAGE_EMBED, GF_SLOT_TOKEN, "tok_emb", BOTH, ANY_FFN},
    {GF_STAGE_EMBED, GF_SLOT_POSITION, "pos_emb", BOTH, ANY_FFN},
    {GF_STAGE_EMBED, GF_SLOT_OUT, "x0", BOTH, ANY_FFN},
    /* The first norm: before attention (pre) or after its residual (post). */
    {GF_STAGE_NORM_1, GF_SLOT_IN, GF_KEY_BLOCK_IN, PRE, ANY_FFN},
    {GF_STAGE_NORM_1, GF_SLOT_IN, "res_1", POST, ANY_FFN},
    {GF_STAGE_NORM_1, GF_SLOT_OUT, "ln_1.out", BOTH, ANY_FFN},
    {GF_STAGE_NORM_1, GF_SLOT_MEAN, "ln_1.mean", BOTH, ANY_FFN},
    {GF_STAGE_NORM_1, GF_SLOT_VAR, "ln_1.var", BOTH, ANY_FFN},
    {GF_STAGE_NORM_1, GF_SLOT_RSTD, "ln_1.rstd", BOTH, ANY_FFN},
    {GF_STAGE_QKV, GF_SLOT_IN, "ln_1.out", PRE, ANY_FFN},
    {GF_STAGE_QKV, GF_SLOT_IN, GF_KEY_BLOCK_IN, POST, ANY_FFN},
    {GF_STAGE_QKV, GF_SLOT_Q, "attn.q", BOTH, ANY_FFN},
    {GF_STAGE_QKV, GF_SLOT_K, "attn.k", BOTH, ANY_FFN},
    {GF_STAGE_QKV, GF_SLOT_V, "attn.v", BOTH, ANY_FFN},
    {GF_STAGE_SCORES, GF_SLOT_OUT, "attn.scores", BOTH, ANY_FFN},
    {GF_STAGE_MASK, GF_SLOT_OUT, "attn.masked", BOTH, ANY_FFN},
    {GF_STAGE_SOFTMAX, GF_SLOT_OUT, "attn.weights", BOTH, ANY_FFN},
    {GF_STAGE_WEIGHTED, GF_SLOT_WEIGHTS, "attn.weights", BOTH, ANY_FFN},
    {GF_STAGE_WEIGHTED, GF_SLOT_V, "attn.v", BOTH, ANY_FFN},
    {GF_STAGE_WEIGHTED, GF_SLOT_OUT, "attn.heads", BOTH, ANY_FFN},
    {GF_STAGE_CONCAT, GF_SLOT_OUT, "attn.heads", BOTH, ANY_FFN},
    {GF_STAGE_ATTN_PROJ, GF_SLOT_IN, "attn.heads", BOTH, ANY_FFN},
    {GF_STAGE_ATTN_PROJ, GF_SLOT_OUT, "attn.proj", BOTH, ANY_FFN},
    {GF_STAGE_RESIDUAL_1, GF_SLOT_IN, GF_KEY_BLOCK_IN, BOTH, ANY_FFN},
    {GF_STAGE_RESIDUAL_1, GF_SLOT_DELTA, "attn.proj", BOTH, ANY_FFN},
    {GF_STAGE_RESIDUAL_1, GF_SLOT_OUT, "res_1", BOTH, ANY_FFN},
    /* The second norm: before the feed-forward (pre) or after its residual
     * (post, where it is the block's output). */
    {GF_STAGE_NORM_2, GF_SLOT_IN, "res_1", PRE, ANY_FFN},
    {GF_STAGE_NORM_2, GF_SLOT_IN, "res_2", POST, ANY_FFN},
    {GF_STAGE_NORM_2, GF_SLOT_OUT, "ln_2.out", BOTH, ANY_FFN},
    {GF_STAGE_NORM_2, GF_SLOT_MEAN, "ln_2.mean", BOTH, ANY_FFN},
    {GF_STAGE_NORM_2, GF_SLOT_VAR, "ln_2.var", BOTH, ANY_FFN},
    {GF_STAGE_NORM_2, GF_SLOT_RSTD, "ln_2.rstd", BOTH, ANY_FFN},
    {GF_STAGE_FFN_UP, GF_SLOT_IN, "ln_2.out", PRE, ANY_FFN},
    {GF_STAGE_FFN_UP, GF_SLOT_IN, "ln_1.out", POST, ANY_FFN},
    {GF_STAGE_FFN_UP, GF_SLOT_PRE, "mlp.pre", BOTH, PLAIN_FFN},
    {GF_STAGE_FFN_UP, GF_SLOT_GATE, "mlp.gate", BOTH, SWIGLU_FFN},
    {GF_STAGE_FFN_UP, GF_SLOT_UP, "mlp.up", BOTH, SWIGLU_FFN},
    {GF_STAGE_ACTIVATION, GF_SLOT_PRE, "mlp.pre", BOTH, PLAIN_FFN},
    {GF_STAGE_ACTIVATION, GF_SLOT_GATE, "mlp.gate", BOTH, SWIGLU_FFN},
    {GF_STAGE_ACTIVATION, GF_SLOT_UP, "mlp.up", BOTH, SWIGLU_FFN},
    {GF_STAGE_ACTIVATION, GF_SLOT_OUT, "mlp.act", BOTH, ANY_FFN},
    {GF_STAGE_FFN_DOWN, GF_SLOT_IN, "mlp.act", BOTH, ANY_FFN},
    {GF_STAGE_FFN_DOWN, GF_SLOT_OUT, "mlp.out", BOTH, ANY_FFN},
    /* The second residual starts from the attention half's result. */
    {GF_STAGE_RESIDUAL_2, GF_SLOT_IN, "res_1", PRE, ANY_FFN},
    {GF_STAGE_RESIDUAL_2, GF_SLOT_IN, "ln_1.out", POST, ANY_FFN},
    {GF_STAGE_RESIDUAL_2, GF_SLOT_DELTA, "mlp.out", BOTH, ANY_FFN},
    {GF_STAGE_RESIDUAL_2, GF_SLOT_OUT, "res_2", BOTH, ANY_FFN},
    {GF_STAGE_FINAL_NORM, GF_SLOT_IN, GF_KEY_BLOCK_OUT, PRE, ANY_FFN},
    {GF_STAGE_FINAL_NORM, GF_SLOT_OUT, "ln_f.out", PRE, ANY_FFN},
    {GF_STAGE_FINAL_NORM, GF_SLOT_MEAN, "ln_f.mean", PRE, ANY_FFN},
    {GF_STAGE_FINAL_NORM, GF_SLOT_VAR, "ln_f.var", PRE, ANY_FFN},
    {GF_STAGE_FINAL_NORM, GF_SLOT_RSTD, "ln_f.rstd", PRE, ANY_FFN},
    {GF_STAGE_LOGITS, GF_SLOT_OUT, "logits", BOTH, ANY_FFN},
    {GF_STAGE_PROBS, GF_SLOT_IN, "logits", BOTH, ANY_FFN},
};

const char *gf_stage_slot_key(const gf_config *cfg, gf_stage_id id, gf_slot slot)
{
    const int placement = cfg->norm_placement == GF_NORM_PRE ? PRE : POST;
    const int ffn = cfg->activation == GF_ACTIVATION_SWIGLU ? SWIGLU_FFN : PLAIN_FFN;
    if (id == GF_STAGE_NORM_1 || id == GF_STAGE_NORM_2 || id == GF_STAGE_FINAL_NORM) {
        if (slot == GF_SLOT_MEAN && cfg->norm_type != GF_NORM_LAYERNORM)
            return NULL;   /* RMSNorm subtracts no mean */
    }
    for (size_t i = 0; i < sizeof WIRES / sizeof WIRES[0]; i++) {
        const wire *w = &WIRES[i];
        if (w->stage == id && w->slot == slot && (w->placement == BOTH || w->placement == placement) &&
            (w->ffn == ANY_FFN || w->ffn == ffn))
            return w->key;
    }
    return NULL;
}

int gf_stage_tensors(const gf_config *cfg, gf_stage_id id, const char **keys, int max)
{
    int n = 0;
    for (int s = 0; s < GF_SLOT_COUNT; s++) {
        const char *key = gf_stage_slot_key(cfg, id, (gf_slot)s);
        if (key == NULL || strcmp(key, GF_KEY_BLOCK_IN) == 0 || strcmp(key, GF_KEY_BLOCK_OUT) == 0)
            continue;
        bool seen = false;
        for (int i = 0; i < n && i < max; i++)
            seen |= strcmp(keys[i], key) == 0;
        if (!seen) {
            if (n < max)
                keys[n] = key;
            n++;
        }
    }
    return n;
}

bool gf_stage_slot_view(const gf_trace *tr, gf_stage_id id, gf_slot slot, int layer, int head,
                        gf_view *out)
{
    memset(out, 0, sizeof *out);
    const char *key = gf_stage_slot_key(&tr->config, id, slot);
    if (key == NULL)
        return false;
    const gf_stage *st = gf_stage_get(id);
    const bool block_in = strcmp(key, GF_KEY_BLOCK_IN) == 0;
    if (block_in || strcmp(key, GF_KEY_BLOCK_OUT) == 0) {
        const float *x = gf_trace_block_input(tr, block_in ? layer : tr->config.n_layer);
        if (x == NULL)
            return false;
        *out = (gf_view){.name = "x", .layer = block_in ? layer : -1, .head = -1, .ndim = 2,
                         .shape = {tr->n_tokens, tr->config.n_embd},
                         .stride = {tr->config.n_embd, 1}, .data = x};
        return true;
    }
    return gf_trace_get(tr, key, st != NULL && st->per_layer ? layer : -1, head, out);
}

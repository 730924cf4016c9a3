/* stages.c — the table of teachable stages and their formulas (see stages.h). */
#include "stages.h"

#include <stdio.h>
#include <string.h>

static const gf_stage STAGES[GF_STAGE_COUNT] = {
    {GF_STAGE_TOKENS, "tokens", "Tokens",
     "The prompt is split into pieces from the model's vocabulary; each piece becomes a number.",
     false, false, {NULL}},
    {GF_STAGE_EMBED, "embed", "Embeddings + positions",
     "Each token id picks a row of the embedding table; a position vector is added so the model "
     "knows where each token stands.",
     false, false, {"tok_emb", "pos_emb", "x0", NULL}},
    {GF_STAGE_NORM_1, "norm_1", "Normalize (before attention)",
     "Each token's row is rescaled to a standard size (LayerNorm: mean 0, variance 1; RMSNorm: "
     "root mean square 1), then multiplied by learned gains.",
     true, false, {"ln_1.out", "ln_1.mean", "ln_1.rstd", NULL}},
    {GF_STAGE_QKV, "qkv", "Queries, keys, values",
     "Three learned projections give every token a query (what it looks for), a key (what it "
     "offers) and a value (what it passes on), split into heads.",
     true, true, {"attn.q", "attn.k", "attn.v", NULL}},
    {GF_STAGE_SCORES, "scores", "Attention scores",
     "Each query is compared with every key by a dot product, scaled by the square root of the "
     "head size.",
     true, true, {"attn.scores", NULL}},
    {GF_STAGE_MASK, "mask", "Causal mask",
     "A token may not look at tokens after it: those scores become minus infinity.",
     true, true, {"attn.masked", NULL}},
    {GF_STAGE_SOFTMAX, "softmax", "Attention weights",
     "Softmax turns each row of scores into weights that are positive and sum to 1; masked cells "
     "get exactly 0.",
     true, true, {"attn.weights", NULL}},
    {GF_STAGE_WEIGHTED, "weighted", "Weighted values",
     "Each token's head output is the weighted average of the value vectors it attends to.",
     true, true, {"attn.heads", "attn.weights", "attn.v", NULL}},
    {GF_STAGE_CONCAT, "concat", "Heads concatenated",
     "The outputs of all heads are placed side by side into one row per token.",
     true, false, {"attn.heads", NULL}},
    {GF_STAGE_ATTN_PROJ, "attn_proj", "Output projection",
     "A learned matrix mixes the heads' outputs back into the model's width.",
     true, false, {"attn.proj", NULL}},
    {GF_STAGE_RESIDUAL_1, "residual_1", "Residual add (attention)",
     "The attention result is added to the block's input, so information can flow past the block "
     "unchanged.",
     true, false, {"res_1", NULL}},
    {GF_STAGE_NORM_2, "norm_2", "Normalize (before feed-forward)",
     "Each row is normalized again before the feed-forward network.",
     true, false, {"ln_2.out", "ln_2.mean", "ln_2.rstd", NULL}},
    {GF_STAGE_FFN_UP, "ffn_up", "Feed-forward expansion",
     "Every token's row is projected to a wider space, independently of the other tokens.",
     true, false, {"mlp.pre", "mlp.gate", "mlp.up", NULL}},
    {GF_STAGE_ACTIVATION, "activation", "Activation",
     "A non-linear function bends each value; without it the network would be one big matrix.",
     true, false, {"mlp.act", NULL}},
    {GF_STAGE_FFN_DOWN, "ffn_down", "Feed-forward projection",
     "The wide activations are projected back to the model's width.",
     true, false, {"mlp.out", NULL}},
    {GF_STAGE_RESIDUAL_2, "residual_2", "Residual add (feed-forward)",
     "The feed-forward result is added to its input: the block's output.",
     true, false, {"res_2", NULL}},
    {GF_STAGE_FINAL_NORM, "final_norm", "Final normalization",
     "The last block's output is normalized once more before reading out words.",
     false, false, {"ln_f.out", "ln_f.mean", "ln_f.rstd", NULL}},
    {GF_STAGE_LOGITS, "logits", "Logits",
     "The final row of each token is compared with every vocabulary embedding: one score per "
     "possible next token.",
     false, false, {"logits", NULL}},
    {GF_STAGE_PROBS, "probs", "Next-token probabilities",
     "Softmax with a temperature turns a position's logits into probabilities for the token "
     "after it; the next token is drawn from the last position's.",
     false, false, {"logits", NULL}},
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

static const char *norm_formula(const gf_config *cfg)
{
    return cfg->norm_type == GF_NORM_RMSNORM
               ? "y = γ ⊙ x / √(mean(x²) + ε)   (C = %d, ε = %g)"
               : "y = γ ⊙ (x − μ) / √(σ² + ε) + β   (C = %d, ε = %g)";
}

static const char *activation_formula(gf_activation a)
{
    switch (a) {
    case GF_ACTIVATION_GELU_TANH:
        return "a = GELU(h) = 0.5·h·(1 + tanh(√(2/π)·(h + 0.044715·h³)))   (%d × %d)";
    case GF_ACTIVATION_GELU_EXACT:
        return "a = GELU(h) = 0.5·h·(1 + erf(h/√2))   (%d × %d)";
    case GF_ACTIVATION_RELU:
        return "a = ReLU(h) = max(0, h)   (%d × %d)";
    case GF_ACTIVATION_SWIGLU:
        return "a = SiLU(g) ⊙ u,  SiLU(g) = g·σ(g)   (%d × %d)";
    }
    return "";
}

/* n in UTF-8 subscript digits ("₃₂"); n >= 0. */
static void subscript(int n, char *buf, size_t size)
{
    char digits[16];
    snprintf(digits, sizeof digits, "%d", n);
    size_t used = 0;
    buf[0] = '\0';
    for (const char *d = digits; *d != '\0' && used + 4 <= size; d++) {
        buf[used++] = (char)0xe2;  /* U+2080 + digit = E2 82 80+digit */
        buf[used++] = (char)0x82;
        buf[used++] = (char)(0x80 + (*d - '0'));
        buf[used] = '\0';
    }
}

size_t gf_stage_formula(gf_stage_id id, const gf_config *cfg, int n_tokens, char *buf,
                        size_t size)
{
    const int c = cfg->n_embd, h = cfg->n_head, hs = c / cfg->n_head, f = cfg->n_inner;
    const int v = cfg->vocab_size, t = n_tokens;
    const bool sinusoidal = cfg->position_type == GF_POSITION_SINUSOIDAL;
    int n = 0;
    switch (id) {
    case GF_STAGE_TOKENS: {
        char last[48];
        subscript(t > 0 ? t - 1 : 0, last, sizeof last);
        n = snprintf(buf, size, "text → id₀ … id%s,  idₜ ∈ [0, %d]", last, v - 1);
        break;
    }
    case GF_STAGE_EMBED:
        n = sinusoidal ? snprintf(buf, size,
                                  "x₀[t] = wte[idₜ] + PE(t),  PE(t,2i) = sin(t/10000^(2i/%d)),"
                                  " PE(t,2i+1) = cos(…)   (%d × %d)",
                                  c, t, c)
                       : snprintf(buf, size, "x₀[t] = wte[idₜ] + wpe[t]   (%d × %d)", t, c);
        break;
    case GF_STAGE_NORM_1:
    case GF_STAGE_NORM_2:
    case GF_STAGE_FINAL_NORM:
        n = snprintf(buf, size, norm_formula(cfg), c, cfg->norm_eps);
        break;
    case GF_STAGE_QKV:
        n = snprintf(buf, size, "Q = x·W_Q,  K = x·W_K,  V = x·W_V   (H = %d, each %d × %d)", h,
                     t, hs);
        break;
    case GF_STAGE_SCORES:
        n = snprintf(buf, size, "S = QKᵀ/√%d   (%d × %d per head)", hs, t, t);
        break;
    case GF_STAGE_MASK:
        n = snprintf(buf, size, "S + M,  M[i,j] = −∞ (j > i), 0 (j ≤ i)   (%d × %d)", t, t);
        break;
    case GF_STAGE_SOFTMAX:
        n = snprintf(buf, size, "A = softmax(QKᵀ/√%d + M),  Σⱼ A[i,j] = 1", hs);
        break;
    case GF_STAGE_WEIGHTED:
        n = snprintf(buf, size, "headₕ = A·V   (%d × %d)·(%d × %d) = %d × %d", t, t, t, hs, t,
                     hs);
        break;
    case GF_STAGE_CONCAT:
        n = snprintf(buf, size, "concat(head₁ … head%d)   (%d × %d)", h, t, c);
        break;
    case GF_STAGE_ATTN_PROJ:
        n = snprintf(buf, size, "y = concat·W_O + b   (W_O: %d × %d)", c, c);
        break;
    case GF_STAGE_RESIDUAL_1:
    case GF_STAGE_RESIDUAL_2:
        n = snprintf(buf, size, "x ← x + y   (%d × %d)", t, c);
        break;
    case GF_STAGE_FFN_UP:
        n = cfg->activation == GF_ACTIVATION_SWIGLU
                ? snprintf(buf, size, "g = x·W_gate + b,  u = x·W_up + b   (%d → %d)", c, f)
                : snprintf(buf, size, "h = x·W_up + b   (%d → %d)", c, f);
        break;
    case GF_STAGE_ACTIVATION:
        n = snprintf(buf, size, activation_formula(cfg->activation), t, f);
        break;
    case GF_STAGE_FFN_DOWN:
        n = snprintf(buf, size, "y = a·W_down + b   (%d → %d)", f, c);
        break;
    case GF_STAGE_LOGITS:
        n = cfg->tied_embeddings ? snprintf(buf, size, "z = x·wteᵀ   (%d → %d)", c, v)
                                 : snprintf(buf, size, "z = x·W_outᵀ   (%d → %d)", c, v);
        break;
    case GF_STAGE_PROBS:
        n = snprintf(buf, size, "p = softmax(z/τ),  τ = 0: p = one-hot(argmax z)");
        break;
    case GF_STAGE_COUNT:
        break;
    }
    if (n < 0) {
        if (size)
            buf[0] = '\0';
        return 0;
    }
    return (size_t)n;
}

const char *gf_stage_display_name(gf_stage_id id, const gf_config *cfg)
{
    const gf_stage *st = gf_stage_get(id);
    if (st == NULL)
        return "?";
    if (cfg == NULL || cfg->norm_placement != GF_NORM_POST)
        return st->name;
    switch (id) {
    case GF_STAGE_NORM_1: return "Normalize (after attention + residual)";
    case GF_STAGE_NORM_2: return "Normalize (after feed-forward + residual)";
    case GF_STAGE_RESIDUAL_2: return "Residual add (feed-forward), before the norm";
    default: return st->name;
    }
}

/* Where a norm sits: the first sentence of its summary. */
static const char *norm_placement_sentence(gf_stage_id id, bool post)
{
    switch (id) {
    case GF_STAGE_NORM_1:
        return post ? "After the attention result is added to the stream, each token's row is "
                      "rescaled to a standard size."
                    : "Before attention, each token's row is rescaled to a standard size.";
    case GF_STAGE_NORM_2:
        return post ? "After the feed-forward result is added, each row is rescaled again; the "
                      "result is the block's output."
                    : "Before the feed-forward network, each row is rescaled again.";
    default:
        return "The last block's output is rescaled once more before reading out words.";
    }
}

size_t gf_stage_summary(gf_stage_id id, const gf_config *cfg, char *buf, size_t size)
{
    const gf_stage *st = gf_stage_get(id);
    const bool post = cfg != NULL && cfg->norm_placement == GF_NORM_POST;
    const bool rms = cfg != NULL && cfg->norm_type == GF_NORM_RMSNORM;
    int n = 0;
    if (st == NULL) {
        n = snprintf(buf, size, "%s", "");
    } else if (id == GF_STAGE_NORM_1 || id == GF_STAGE_NORM_2 || id == GF_STAGE_FINAL_NORM) {
        n = snprintf(buf, size, "%s %s", norm_placement_sentence(id, post),
                     rms ? "RMSNorm divides the row by its root mean square (no mean is "
                           "subtracted), then multiplies by learned gains γ."
                         : "LayerNorm subtracts the row's mean and divides by its standard "
                           "deviation, then applies learned gains γ and biases β.");
    } else if (id == GF_STAGE_RESIDUAL_2 && post) {
        n = snprintf(buf, size, "The feed-forward result is added to its input; the sum is "
                                "normalized next, which gives the block's output.");
    } else {
        n = snprintf(buf, size, "%s", st->summary);
    }
    if (n < 0) {
        if (size)
            buf[0] = '\0';
        return 0;
    }
    return (size_t)n;
}

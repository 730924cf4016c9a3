/* forward.c — the reference transformer's forward pass over new positions
 * (see forward.h). Each stage writes its own trace tensor; rows before t0
 * are read (K, V as the cache) and never written. The matrices go with
 * their half copy when the weights have one (weights.h): a few new rows
 * (decoding; up to GF_GEMM_STREAM_ROWS of ops_kernels.h, one row for the
 * logits) read that instead, the same bits in half the bytes.
 *
 * Shapes: T positions (the trace holds `capacity` rows), C = n_embd,
 * H = n_head, hs = C / H, F = n_inner, V = vocab_size. A pointer that a
 * helper gets "at row t0" covers the new rows [t0, t1) only. */
#include "forward.h"

#include <math.h>
#include <string.h>

#include "ops.h"
#include "parallel.h"

#define QKV_STACK_FLOATS 4096   /* Q|K|V of one row on the stack up to C = 1365 */

/* Rows [t0, t1) of the trace being computed. */
typedef struct {
    const gf_config *cfg;
    int t0, t1;
    int capacity;
} row_span;

/* Pointer to row t0 of a (capacity, width) tensor. */
static float *row_at(float *base, const row_span *s, int width)
{
    return base + (size_t)s->t0 * width;
}

static const float *row_at_const(const float *base, const row_span *s, int width)
{
    return base + (size_t)s->t0 * width;
}

/* out (T, C) = norm(in (T, C)) with gain g (C) and bias b (C; LayerNorm only),
 * and the row statistics mean, var, rstd (T) the backward and the viewer read.
 * var: the variance (LayerNorm) or mean square (RMSNorm) under the root;
 * mean is NULL for RMSNorm, which has none. */
static void norm_rows(const row_span *s, float *out, float *mean, float *var, float *rstd,
                      const float *in, const float *g, const float *b)
{
    const int c = s->cfg->n_embd, rows = s->t1 - s->t0;
    if (s->cfg->norm_type == GF_NORM_RMSNORM)
        gf_op_rmsnorm(row_at(out, s, c), row_at(var, s, 1), row_at(rstd, s, 1),
                      row_at_const(in, s, c), g, rows, c, s->cfg->norm_eps);
    else
        gf_op_layernorm(row_at(out, s, c), row_at(mean, s, 1), row_at(var, s, 1),
                        row_at(rstd, s, 1), row_at_const(in, s, c), g, b, rows, c,
                        s->cfg->norm_eps);
}

/* out (rows, C) = a + b, elementwise. */
static void residual_rows(const row_span *s, float *out, const float *a, const float *b)
{
    const size_t begin = (size_t)s->t0 * s->cfg->n_embd, end = (size_t)s->t1 * s->cfg->n_embd;
    for (size_t i = begin; i < end; i++)
        out[i] = a[i] + b[i];
}

/* x0[t] = wte[token t] + position t: the learned wpe row, or a sinusoid. */
static void embed_rows(const gf_model *m, gf_trace *tr, const row_span *s)
{
    const int c = s->cfg->n_embd;
    for (int t = s->t0; t < s->t1; t++) {
        float *tok = tr->tok_emb + (size_t)t * c;  /* (C) */
        float *pos = tr->pos_emb + (size_t)t * c;  /* (C) */
        float *x = tr->x0 + (size_t)t * c;         /* (C) */
        memcpy(tok, m->weights.wte + (size_t)tr->tokens[t] * c, sizeof *tok * c);
        if (s->cfg->position_type == GF_POSITION_SINUSOIDAL)
            gf_op_sinusoid(pos, t, c);
        else
            memcpy(pos, m->weights.wpe + (size_t)t * c, sizeof *pos * c);
        for (int i = 0; i < c; i++)
            x[i] = tok[i] + pos[i];
    }
}

/* One attention row: position t, head h. Reads q_t and k_j, v_j for j <= t.
 * Writes row t of head h's scores, masked and weights (each (H, cap, cap):
 * every row is `cap` floats, the entries past t hold 0, −∞, 0) and head h's
 * hs columns of heads[t]. */
static void attention_row(const row_span *s, gf_layer_trace *lt, int t, int h)
{
    const int c = s->cfg->n_embd, hs = c / s->cfg->n_head, cap = s->capacity;
    const float scale = 1.0f / sqrtf((float)hs);
    const size_t row = ((size_t)h * cap + t) * cap;
    float *scores = lt->scores + row;    /* (cap) */
    float *masked = lt->masked + row;    /* (cap) */
    float *weights = lt->weights + row;  /* (cap) */
    const float *q = lt->q + (size_t)t * c + (size_t)h * hs;  /* (hs) */
    /* scores[j] = q · k_j for j <= t: the keys are rows C apart */
    gf_op_dots_rows(scores, q, lt->k + (size_t)h * hs, c, t + 1, hs);
    for (int j = 0; j <= t; j++) {
        scores[j] *= scale;
        masked[j] = scores[j];
        weights[j] = masked[j];
    }
    for (int j = t + 1; j < cap; j++) {
        scores[j] = 0.0f;
        masked[j] = -INFINITY;
        weights[j] = 0.0f;
    }
    gf_op_softmax(weights, t + 1);
    float *out = lt->heads + (size_t)t * c + (size_t)h * hs;  /* (hs) */
    for (int d = 0; d < hs; d++)
        out[d] = 0.0f;
    for (int j = 0; j <= t; j++) {
        const float *v = lt->v + (size_t)j * c + (size_t)h * hs;  /* (hs) */
        for (int d = 0; d < hs; d++)
            out[d] += weights[j] * v[d];
    }
}

/* Causal self-attention of x (T, C) for the new rows: q, k, v (T, C) = x ·
 * W_Q|W_K|W_V + b, every (row, head) pair through attention_row, then
 * attn_proj (T, C) = heads · c_proj + b. */
static void attention_rows(const row_span *s, const gf_layer_weights *w, gf_layer_trace *lt,
                           const float *x)
{
    const int c = s->cfg->n_embd, heads = s->cfg->n_head, rows = s->t1 - s->t0;
    const float *in = row_at_const(x, s, c);
    /* c_attn (C, 3C) holds W_Q | W_K | W_V side by side. One new row reads
     * it in one pass of whole rows (memory-bound), through a stack row; the
     * sums are the same either way. */
    float qkv[QKV_STACK_FLOATS];   /* (3C) */
    if (rows == 1 && 3 * c <= QKV_STACK_FLOATS) {
        gf_op_linear_half(qkv, in, w->c_attn_w, w->c_attn_half, 3 * c, w->c_attn_b, 1, c, 3 * c);
        memcpy(row_at(lt->q, s, c), qkv, sizeof *qkv * c);
        memcpy(row_at(lt->k, s, c), qkv + c, sizeof *qkv * c);
        memcpy(row_at(lt->v, s, c), qkv + 2 * c, sizeof *qkv * c);
    } else {
        float *out[3] = {row_at(lt->q, s, c), row_at(lt->k, s, c), row_at(lt->v, s, c)};
        for (int part = 0; part < 3; part++)
            gf_op_linear_half(out[part], in, w->c_attn_w + part * c,
                              gf_half_view_at(w->c_attn_half, part * c), 3 * c,
                              w->c_attn_b + part * c, rows, c, c);
    }
    const long pairs = (long)rows * heads;
    GF_PARALLEL_FOR_IF(pairs * s->t1 * (c / heads) > GF_PARALLEL_MIN_WORK)
    for (long i = 0; i < pairs; i++)
        attention_row(s, lt, s->t0 + (int)(i / heads), (int)(i % heads));
    gf_op_linear_half(row_at(lt->attn_proj, s, c), row_at_const(lt->heads, s, c), w->c_proj_w,
                      w->c_proj_half, c, w->c_proj_b, rows, c, c);
}

/* The elementwise f of a feed-forward without a gate (backward.c has its
 * derivative, activation_grad). */
static float (*plain_activation(gf_activation a))(float)
{
    switch (a) {
    case GF_ACTIVATION_RELU: return gf_op_relu;
    case GF_ACTIVATION_GELU_EXACT: return gf_op_gelu_exact;
    default: return gf_op_gelu_tanh;
    }
}

/* The feed-forward of x (T, C) for the new rows: up to F, the activation,
 * down to C. GELU/ReLU: mlp_pre = x · fc + b, mlp_act = f(mlp_pre);
 * SwiGLU: mlp_act = silu(x · gate + b) ⊙ (x · fc + b). mlp_out (T, C). */
static void feed_forward_rows(const row_span *s, const gf_layer_weights *w,
                              gf_layer_trace *lt, const float *x)
{
    const int c = s->cfg->n_embd, f = s->cfg->n_inner, rows = s->t1 - s->t0;
    const float *in = row_at_const(x, s, c);
    float *act = row_at(lt->mlp_act, s, f);  /* (rows, F) */
    const size_t count = (size_t)rows * f;
    if (s->cfg->activation == GF_ACTIVATION_SWIGLU) {
        float *gate = row_at(lt->mlp_gate, s, f);  /* (rows, F) */
        float *up = row_at(lt->mlp_up, s, f);      /* (rows, F) */
        gf_op_linear_half(gate, in, w->gate_w, w->gate_half, f, w->gate_b, rows, c, f);
        gf_op_linear_half(up, in, w->fc_w, w->fc_half, f, w->fc_b, rows, c, f);
        for (size_t i = 0; i < count; i++)
            act[i] = gf_op_silu(gate[i]) * up[i];
    } else {
        float *pre = row_at(lt->mlp_pre, s, f);  /* (rows, F) */
        gf_op_linear_half(pre, in, w->fc_w, w->fc_half, f, w->fc_b, rows, c, f);
        if (s->cfg->activation == GF_ACTIVATION_GELU_TANH) {
            gf_op_gelu_tanh_rows(act, pre, count);   /* gf_op_gelu_tanh's bits, vectorized */
        } else {
            float (*activate)(float) = plain_activation(s->cfg->activation);
            for (size_t i = 0; i < count; i++)
                act[i] = activate(pre[i]);
        }
    }
    gf_op_linear_half(row_at(lt->mlp_out, s, c), act, w->mlp_proj_w, w->mlp_proj_half, c,
                      w->mlp_proj_b, rows, f, c);
}

/* One transformer block over the new rows of its input x (T, C); its output
 * is res_2 (pre-norm) or ln_2.out (post-norm), see trace.h. */
static void block_rows(const row_span *s, const gf_layer_weights *w, gf_layer_trace *lt,
                       const float *x)
{
    if (s->cfg->norm_placement == GF_NORM_PRE) {
        norm_rows(s, lt->ln_1_out, lt->ln_1_mean, lt->ln_1_var, lt->ln_1_rstd, x, w->ln_1_w, w->ln_1_b);
        attention_rows(s, w, lt, lt->ln_1_out);
        residual_rows(s, lt->res_1, x, lt->attn_proj);
        norm_rows(s, lt->ln_2_out, lt->ln_2_mean, lt->ln_2_var, lt->ln_2_rstd, lt->res_1, w->ln_2_w, w->ln_2_b);
        feed_forward_rows(s, w, lt, lt->ln_2_out);
        residual_rows(s, lt->res_2, lt->res_1, lt->mlp_out);
    } else {
        attention_rows(s, w, lt, x);
        residual_rows(s, lt->res_1, x, lt->attn_proj);
        norm_rows(s, lt->ln_1_out, lt->ln_1_mean, lt->ln_1_var, lt->ln_1_rstd, lt->res_1, w->ln_1_w, w->ln_1_b);
        feed_forward_rows(s, w, lt, lt->ln_1_out);
        residual_rows(s, lt->res_2, lt->ln_1_out, lt->mlp_out);
        norm_rows(s, lt->ln_2_out, lt->ln_2_mean, lt->ln_2_var, lt->ln_2_rstd, lt->res_2, w->ln_2_w, w->ln_2_b);
    }
}

/* logits (T, V) = hidden (T, C) · lm_headᵀ (lm_head (V, C), often wte itself):
 * every new row (full trace), or only the last into the (1, V) logits of a
 * lean trace. */
static void logits_rows(const gf_model *m, gf_trace *tr, const row_span *s)
{
    const int c = s->cfg->n_embd, v = s->cfg->vocab_size;
    const float *hidden = gf_trace_final_hidden(tr);
    if (tr->keep_all)
        gf_op_linear_transposed_half(row_at(tr->logits, s, v), row_at_const(hidden, s, c),
                                     m->weights.lm_head, m->weights.lm_head_half, s->t1 - s->t0,
                                     c, v);
    else
        gf_op_linear_transposed_half(tr->logits, hidden + (size_t)(s->t1 - 1) * c,
                                     m->weights.lm_head, m->weights.lm_head_half, 1, c, v);
}

gf_status gf_forward_append(const gf_model *m, gf_trace *tr, const int32_t *tokens, int n,
                            gf_error *err)
{
    const gf_config *cfg = &m->config;
    if (!gf_config_same_shape(cfg, &tr->config))
        return gf_error_set(err, GF_ERR_ARGUMENT,
                            "forward: the trace was made for another model's shape");
    if (n < 0 || (n > 0 && !tokens))
        return gf_error_set(err, GF_ERR_ARGUMENT, "forward: %d tokens given", n);
    if (n > tr->capacity - tr->n_tokens)
        return gf_error_set(err, GF_ERR_RANGE,
                            "prompt too long: %d tokens after %d, the trace holds %d "
                            "(the model's context is %d)",
                            n, tr->n_tokens, tr->capacity, cfg->n_ctx);
    for (int i = 0; i < n; i++)
        if (tokens[i] < 0 || tokens[i] >= cfg->vocab_size)
            return gf_error_set(err, GF_ERR_RANGE,
                                "token %d at position %d is outside the vocabulary (0..%d)",
                                tokens[i], tr->n_tokens + i, cfg->vocab_size - 1);
    if (n == 0)
        return GF_OK;
    const row_span span = {cfg, tr->n_tokens, tr->n_tokens + n, tr->capacity};
    memcpy(tr->tokens + span.t0, tokens, sizeof *tokens * (size_t)n);
    embed_rows(m, tr, &span);
    for (int l = 0; l < cfg->n_layer; l++)
        block_rows(&span, &m->weights.layers[l], &tr->layers[l], gf_trace_block_input(tr, l));
    if (cfg->norm_placement == GF_NORM_PRE)
        norm_rows(&span, tr->ln_f_out, tr->ln_f_mean, tr->ln_f_var, tr->ln_f_rstd,
                  gf_trace_block_input(tr, cfg->n_layer), m->weights.ln_f_w, m->weights.ln_f_b);
    tr->n_tokens = span.t1;
    logits_rows(m, tr, &span);
    return GF_OK;
}

gf_status gf_forward_full(const gf_model *m, gf_trace *tr, const int32_t *tokens, int n,
                          gf_error *err)
{
    gf_trace_truncate(tr, 0);
    return gf_forward_append(m, tr, tokens, n, err);
}

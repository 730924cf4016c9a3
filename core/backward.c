/* backward.c — the whole model's backward pass (see backward.h).
 *
 * Walks forward.c's data path in reverse: loss → logits → final norm →
 * blocks L−1 … 0 → embeddings. dx always holds the gradient of the residual
 * stream at the point reached; each block turns the gradient of its output
 * into the gradient of its input. */
#include "backward.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ops.h"
#include "ops_backward.h"
#include "parallel.h"

#define GF_BACKWARD_MAX_BYTES ((size_t)16 << 30) /* refuse scratch above 16 GiB */
/* The scratch tensors in arena order (gf_backward's fields); the attention
 * scratch dattn comes after them. */
enum {
    S_DLOGITS, S_DX, S_DNORM, S_DHEADS, S_DQ, S_DK, S_DV, S_DACT, S_DPRE, S_DUP, S_WT,
    N_SCRATCH
};

/* One layer's matrices transposed, in this order: W_Q, W_K, W_V, c_proj
 * (C, C) each, fc (F, C), gate (F, C; SwiGLU only), mlp_proj (C, F). */
enum { T_Q, T_K, T_V, T_PROJ, T_FC, T_GATE, T_MLP_PROJ, T_COUNT };

static size_t layer_transposes_floats(const gf_config *cfg)
{
    const size_t c = (size_t)cfg->n_embd, f = (size_t)cfg->n_inner;
    return 4 * c * c + (cfg->activation == GF_ACTIVATION_SWIGLU ? 3 : 2) * c * f;
}

/* Floats of each scratch tensor, in arena order; 0 on overflow. */
static size_t backward_floats(const gf_config *cfg, int capacity, size_t sizes[N_SCRATCH])
{
    const size_t cap = (size_t)capacity, c = (size_t)cfg->n_embd, f = (size_t)cfg->n_inner;
    const size_t v = (size_t)cfg->vocab_size, h = (size_t)cfg->n_head;
    /* Every factor is bounded by the config limits (<= 2^21), so each product
     * of two fits; the attention scratch has three large factors. */
    sizes[S_DLOGITS] = cap * v;
    for (int i = S_DX; i <= S_DV; i++)
        sizes[i] = cap * c;
    sizes[S_DACT] = sizes[S_DPRE] = cap * f;
    sizes[S_DUP] = cfg->activation == GF_ACTIVATION_SWIGLU ? cap * f : 0;
    sizes[S_WT] = (size_t)cfg->n_layer * layer_transposes_floats(cfg);
    size_t total = 0;
    for (int i = 0; i < N_SCRATCH; i++)
        total += sizes[i];
    const double attention = 2.0 * (double)h * (double)cap * (double)cap;
    if ((double)total + attention > (double)(GF_BACKWARD_MAX_BYTES / sizeof(float)))
        return 0;
    return total + 2 * h * cap * cap;
}

size_t gf_backward_bytes(const gf_config *cfg, int capacity)
{
    size_t sizes[N_SCRATCH];
    return backward_floats(cfg, capacity, sizes) * sizeof(float);
}

gf_status gf_backward_init(gf_backward *b, const gf_config *cfg, int capacity, gf_error *err)
{
    memset(b, 0, sizeof *b);
    gf_status s = gf_config_validate(cfg, "backward", err);
    if (s != GF_OK)
        return s;
    if (capacity < 1 || capacity > cfg->n_ctx)
        return gf_error_set(err, GF_ERR_RANGE,
                            "backward: capacity %d is outside 1..%d (the model's context)",
                            capacity, cfg->n_ctx);
    size_t sizes[N_SCRATCH];
    const size_t floats = backward_floats(cfg, capacity, sizes);
    if (floats == 0)
        return gf_error_set(err, GF_ERR_MEMORY,
                            "backward: scratch for %d positions exceeds the %zu GiB limit; "
                            "train on shorter sequences",
                            capacity, GF_BACKWARD_MAX_BYTES >> 30);
    b->arena = malloc(floats * sizeof *b->arena);
    if (!b->arena)
        return gf_error_set(err, GF_ERR_MEMORY, "backward: cannot allocate %.1f MiB of scratch",
                            (double)floats * sizeof(float) / 1048576.0);
    b->config = *cfg;
    b->capacity = capacity;
    b->arena_floats = floats;
    float **slots[N_SCRATCH] = {
        [S_DLOGITS] = &b->dlogits, [S_DX] = &b->dx,     [S_DNORM] = &b->dnorm,
        [S_DHEADS] = &b->dheads,   [S_DQ] = &b->dq,     [S_DK] = &b->dk,
        [S_DV] = &b->dv,           [S_DACT] = &b->dact, [S_DPRE] = &b->dpre,
        [S_DUP] = &b->dup,         [S_WT] = &b->wt};
    float *next = b->arena;
    for (int i = 0; i < N_SCRATCH; i++) {
        *slots[i] = next;
        next += sizes[i];
    }
    b->dattn = next;   /* (H, 2, cap, cap) */
    if (sizes[S_DUP] == 0)
        b->dup = NULL;
    return GF_OK;
}

void gf_backward_free(gf_backward *b)
{
    free(b->arena);
    memset(b, 0, sizeof *b);
}

/* One pass: the model, its gradient, the trace and the scratch. */
typedef struct {
    const gf_config *cfg;
    const gf_trace *tr;
    gf_backward *b;
    int t;          /* T: positions in the trace */
    bool reuse_transposes;   /* b->wt already holds these weights, transposed */
} pass;

/* Layer l's matrix `which`, w (K, N; rows ldw apart), transposed (N, K):
 * from the scratch when the caller promised unchanged weights, else made. */
static const float *transposed(const pass *p, int l, int which, const float *w, int ldw, int k,
                               int n)
{
    const size_t c = (size_t)p->cfg->n_embd, f = (size_t)p->cfg->n_inner;
    const bool gated = p->cfg->activation == GF_ACTIVATION_SWIGLU;
    const size_t floats[T_COUNT] = {c * c, c * c, c * c, c * c, f * c, gated ? f * c : 0, c * f};
    size_t offset = (size_t)l * layer_transposes_floats(p->cfg);
    for (int i = 0; i < which; i++)
        offset += floats[i];
    float *wt = p->b->wt + offset;
    if (!p->reuse_transposes)
        gf_op_transpose(wt, w, ldw, k, n);
    return wt;
}

static void zero_rows(float *x, int rows, int width)
{
    memset(x, 0, sizeof *x * (size_t)rows * (size_t)width);
}

/* din (T,C) += ∂(norm output)/∂(norm input) · dout, with the norm's gain
 * and bias gradients. */
static void norm_backward(const pass *p, float *din, float *dg, float *db, const float *dout,
                          const float *in, const float *mean, const float *rstd,
                          const float *g)
{
    const int c = p->cfg->n_embd;
    if (p->cfg->norm_type == GF_NORM_RMSNORM)
        gf_op_rmsnorm_backward(din, dg, dout, in, rstd, g, p->t, c);
    else
        gf_op_layernorm_backward(din, dg, db, dout, in, mean, rstd, g, p->t, c);
}

/* f' for forward.c's plain_activation f (GELU tanh goes through the
 * vectorized gf_op_gelu_tanh_backward instead). */
static float (*activation_grad(gf_activation a))(float)
{
    switch (a) {
    case GF_ACTIVATION_RELU: return gf_op_relu_grad;
    case GF_ACTIVATION_GELU_EXACT: return gf_op_gelu_exact_grad;
    default: return gf_op_gelu_tanh_grad;
    }
}

/* Feed-forward of input in (T,C): dout (T,C) = ∂/∂mlp.out; din (T,C) += ∂/∂in. */
static void mlp_backward(const pass *p, int l, const gf_layer_weights *w,
                         gf_layer_weights *gw, const gf_layer_trace *lt, const float *in,
                         const float *dout, float *din)
{
    const int c = p->cfg->n_embd, f = p->cfg->n_inner, t = p->t;
    const size_t count = (size_t)t * f;
    gf_backward *b = p->b;
    zero_rows(b->dact, t, f);
    gf_op_linear_backward(b->dact, gw->mlp_proj_w, gw->mlp_proj_b, dout, lt->mlp_act,
                          transposed(p, l, T_MLP_PROJ, w->mlp_proj_w, c, f, c), c, t, f, c);
    zero_rows(b->dpre, t, f);
    if (p->cfg->activation == GF_ACTIVATION_SWIGLU) {
        zero_rows(b->dup, t, f);
        gf_op_swiglu_backward(b->dpre, b->dup, b->dact, lt->mlp_gate, lt->mlp_up, count);
        gf_op_linear_backward(din, gw->gate_w, gw->gate_b, b->dpre, in,
                              transposed(p, l, T_GATE, w->gate_w, f, c, f), f, t, c, f);
        gf_op_linear_backward(din, gw->fc_w, gw->fc_b, b->dup, in,
                              transposed(p, l, T_FC, w->fc_w, f, c, f), f, t, c, f);
    } else {
        if (p->cfg->activation == GF_ACTIVATION_GELU_TANH)
            gf_op_gelu_tanh_backward(b->dpre, b->dact, lt->mlp_pre, count);
        else
            gf_op_activation_backward(b->dpre, b->dact, lt->mlp_pre, count,
                                      activation_grad(p->cfg->activation));
        gf_op_linear_backward(din, gw->fc_w, gw->fc_b, b->dpre, in,
                              transposed(p, l, T_FC, w->fc_w, f, c, f), f, t, c, f);
    }
}

/* Attention of input in (T,C): dout (T,C) = ∂/∂attn.proj; din += ∂/∂in. */
static void attention_backward(const pass *p, int l, const gf_layer_weights *w,
                               gf_layer_weights *gw, const gf_layer_trace *lt, const float *in,
                               const float *dout, float *din)
{
    const int c = p->cfg->n_embd, heads = p->cfg->n_head, hs = c / heads, t = p->t;
    const int cap = p->tr->capacity;   /* row stride of the trace's attention rows */
    const float scale = 1.0f / sqrtf((float)hs);   /* as in the forward */
    gf_backward *b = p->b;
    zero_rows(b->dheads, t, c);
    gf_op_linear_backward(b->dheads, gw->c_proj_w, gw->c_proj_b, dout, lt->heads,
                          transposed(p, l, T_PROJ, w->c_proj_w, c, c, c), c, t, c, c);
    zero_rows(b->dq, t, c);
    zero_rows(b->dk, t, c);
    zero_rows(b->dv, t, c);
    /* Heads own disjoint columns and their own scratch, head h's (2, T, cap)
     * floats at h·2·T·cap (dweights, then dscores): no shared sums. */
    GF_PARALLEL_FOR_IF((long)heads * t * t * hs > GF_PARALLEL_MIN_WORK)
    for (int h = 0; h < heads; h++) {
        const size_t col = (size_t)h * hs;
        gf_op_attention_backward(b->dq + col, b->dk + col, b->dv + col, b->dheads + col,
                                 lt->q + col, lt->k + col, lt->v + col,
                                 lt->weights + (size_t)h * cap * cap, t, hs, c, cap, scale,
                                 b->dattn + (size_t)h * 2 * t * cap);
    }
    /* c_attn (C, 3C) holds W_Q | W_K | W_V side by side. */
    const float *dqkv[3] = {b->dq, b->dk, b->dv};
    for (int i = 0; i < 3; i++)
        gf_op_linear_backward(din, gw->c_attn_w + (size_t)i * c, gw->c_attn_b + (size_t)i * c,
                              dqkv[i], in,
                              transposed(p, l, T_Q + i, w->c_attn_w + (size_t)i * c, 3 * c, c, c),
                              3 * c, t, c, c);
}

/* Block l: on entry dx = ∂/∂(block output), on exit ∂/∂(block input). */
static void block_backward(const pass *p, const gf_layer_weights *w, gf_layer_weights *gw,
                           int l)
{
    const gf_layer_trace *lt = &p->tr->layers[l];
    const float *x = gf_trace_block_input(p->tr, l);  /* (T,C) */
    gf_backward *b = p->b;
    const int c = p->cfg->n_embd;
    if (p->cfg->norm_placement == GF_NORM_PRE) {
        /* res_2 = res_1 + mlp(ln_2(res_1)); res_1 = x + attn(ln_1(x)) */
        zero_rows(b->dnorm, p->t, c);
        mlp_backward(p, l, w, gw, lt, lt->ln_2_out, b->dx, b->dnorm);
        norm_backward(p, b->dx, gw->ln_2_w, gw->ln_2_b, b->dnorm, lt->res_1, lt->ln_2_mean,
                      lt->ln_2_rstd, w->ln_2_w);                       /* dx = ∂/∂res_1 */
        zero_rows(b->dnorm, p->t, c);
        attention_backward(p, l, w, gw, lt, lt->ln_1_out, b->dx, b->dnorm);
        norm_backward(p, b->dx, gw->ln_1_w, gw->ln_1_b, b->dnorm, x, lt->ln_1_mean,
                      lt->ln_1_rstd, w->ln_1_w);                       /* dx = ∂/∂x */
    } else {
        /* ln_2 = LN(ln_1 + mlp(ln_1)); ln_1 = LN(x + attn(x)) */
        zero_rows(b->dnorm, p->t, c);
        norm_backward(p, b->dnorm, gw->ln_2_w, gw->ln_2_b, b->dx, lt->res_2, lt->ln_2_mean,
                      lt->ln_2_rstd, w->ln_2_w);                       /* ∂/∂res_2 */
        memcpy(b->dx, b->dnorm, sizeof *b->dx * (size_t)p->t * c);
        mlp_backward(p, l, w, gw, lt, lt->ln_1_out, b->dnorm, b->dx);     /* dx = ∂/∂ln_1 */
        zero_rows(b->dnorm, p->t, c);
        norm_backward(p, b->dnorm, gw->ln_1_w, gw->ln_1_b, b->dx, lt->res_1, lt->ln_1_mean,
                      lt->ln_1_rstd, w->ln_1_w);                       /* ∂/∂res_1 */
        memcpy(b->dx, b->dnorm, sizeof *b->dx * (size_t)p->t * c);
        attention_backward(p, l, w, gw, lt, x, b->dnorm, b->dx);          /* dx = ∂/∂x */
    }
}

/* dlogits and the mean loss over the positions with a target. */
static double loss_backward(const pass *p, const int32_t *targets, int counted,
                            float grad_scale)
{
    const int v = p->cfg->vocab_size;
    const float scale = grad_scale / (float)counted;
    double total = 0.0;
    for (int t = 0; t < p->t; t++)
        if (targets[t] != GF_BACKWARD_IGNORE)
            total += gf_op_cross_entropy_backward(p->b->dlogits + (size_t)t * v,
                                                  p->tr->logits + (size_t)t * v, targets[t], v,
                                                  scale);
        else
            zero_rows(p->b->dlogits + (size_t)t * v, 1, v);
    return total / counted;
}

/* Checks the arguments; on success *counted is the number of targets. */
static gf_status backward_check(const gf_backward *b, const gf_model *m, const gf_trace *tr,
                                const int32_t *targets, const gf_weights *grads, int *counted,
                                gf_error *err)
{
    if (!b || !b->arena || !m || !tr || !targets || !grads || !grads->data)
        return gf_error_set(err, GF_ERR_ARGUMENT, "backward: missing scratch, model, trace, "
                                                  "targets or gradients");
    if (!gf_config_same_shape(&m->config, &b->config) ||
        !gf_config_same_shape(&m->config, &tr->config))
        return gf_error_set(err, GF_ERR_ARGUMENT,
                            "backward: the scratch or trace was made for another model's shape");
    if (grads->params.total != m->weights.params.total ||
        grads->params.count != m->weights.params.count)
        return gf_error_set(err, GF_ERR_ARGUMENT,
                            "backward: gradients hold %lld parameters, the model %lld",
                            (long long)grads->params.total,
                            (long long)m->weights.params.total);
    if (!tr->keep_all)
        return gf_error_set(err, GF_ERR_ARGUMENT,
                            "backward: needs a full trace (keep_all), not a lean one");
    if (tr->n_tokens < 1 || tr->n_tokens > b->capacity || tr->capacity > b->capacity)
        return gf_error_set(err, GF_ERR_RANGE,
                            "backward: trace of %d tokens (capacity %d) but the scratch holds %d",
                            tr->n_tokens, tr->capacity, b->capacity);
    *counted = 0;
    for (int t = 0; t < tr->n_tokens; t++) {
        if (targets[t] == GF_BACKWARD_IGNORE)
            continue;
        if (targets[t] < 0 || targets[t] >= m->config.vocab_size)
            return gf_error_set(err, GF_ERR_RANGE,
                                "backward: target %d at position %d is outside the vocabulary "
                                "(0..%d, or -1 for none)",
                                targets[t], t, m->config.vocab_size - 1);
        (*counted)++;
    }
    if (*counted == 0)
        return gf_error_set(err, GF_ERR_ARGUMENT,
                            "backward: all %d targets are -1: no loss to differentiate",
                            tr->n_tokens);
    return GF_OK;
}

gf_status gf_backward_run(gf_backward *b, const gf_model *m, const gf_trace *tr,
                          const int32_t *targets, float grad_scale, gf_weights *grads,
                          double *loss, gf_error *err)
{
    int counted = 0;
    const bool promised = b && b->weights_unchanged;
    if (b)
        b->weights_unchanged = false;   /* a promise for one run only */
    gf_status s = backward_check(b, m, tr, targets, grads, &counted, err);
    if (s != GF_OK)
        return s;
    const gf_config *cfg = &m->config;
    const gf_weights *w = &m->weights;
    const pass p = {cfg, tr, b, tr->n_tokens, promised && b->transposes_valid};
    b->transposes_valid = false;
    const int c = cfg->n_embd;
    const double mean_loss = loss_backward(&p, targets, counted, grad_scale);
    if (loss)
        *loss = mean_loss;
    /* logits = hidden · lm_headᵀ */
    zero_rows(b->dx, p.t, c);
    gf_op_linear_transposed_backward(b->dx, grads->lm_head, b->dlogits,
                                     gf_trace_final_hidden(tr), w->lm_head, p.t, c,
                                     cfg->vocab_size);
    if (cfg->norm_placement == GF_NORM_PRE) { /* hidden = ln_f(last block's output) */
        memcpy(b->dnorm, b->dx, sizeof *b->dx * (size_t)p.t * c);
        zero_rows(b->dx, p.t, c);
        norm_backward(&p, b->dx, grads->ln_f_w, grads->ln_f_b, b->dnorm,
                      gf_trace_block_input(tr, cfg->n_layer), tr->ln_f_mean, tr->ln_f_rstd,
                      w->ln_f_w);
    }
    for (int l = cfg->n_layer - 1; l >= 0; l--)
        block_backward(&p, &w->layers[l], &grads->layers[l], l);
    /* x0 = wte[token] + position */
    gf_op_embedding_backward(grads->wte, grads->wpe, b->dx, tr->tokens, p.t, c);
    b->transposes_valid = true;
    return GF_OK;
}

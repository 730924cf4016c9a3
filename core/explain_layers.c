/* explain_layers.c — explanations along the residual stream: embeddings,
 * norms, every linear map (Q/K/V, projections, FFN up/gate/down), the
 * activation, the residual adds, the logits and the probabilities. Which
 * tensor feeds which depends on the norm placement; that wiring is written
 * once here, in the *_parts functions. See explain.h. */
#include "explain_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sampler.h"

static bool is_pre_norm(const explain_ctx *x)
{
    return x->tr->config.norm_placement == GF_NORM_PRE;
}

/* Element (row, col) of a (T, width) tensor. */
static float at_row(const float *base, int width, int row, int col)
{
    return base[(size_t)row * width + col];
}

gf_status explain_embed(const explain_ctx *x, gf_explanation *out, gf_error *err)
{
    const gf_trace *tr = x->tr;
    const int c = tr->config.n_embd, t = x->row, col = x->col;
    const int32_t id = tr->tokens[t];
    const bool want_token = strcmp(x->key, "pos_emb") != 0;
    const bool want_position = strcmp(x->key, "tok_emb") != 0;
    gf_status st = explain_terms_alloc(out, 2, err);
    if (st != GF_OK)
        return st;
    out->kind = GF_EXPLAIN_EMBED;
    if (want_token) {
        const double w = x->m->weights.wte[(size_t)id * c + col];
        explain_term(out, GF_TERM_TOKEN, col, w, w, 1.0);
        explain_param(out, GF_PARAM_TOKEN, id);
    }
    if (want_position) {
        double p;
        if (tr->config.position_type == GF_POSITION_SINUSOIDAL) {
            /* PE(t, 2i) = sin(t / 10000^(2i/C)), PE(t, 2i+1) = cos(same angle) */
            const double angle = t / pow(10000.0, (double)(col - col % 2) / c);
            p = col % 2 ? cos(angle) : sin(angle);
            explain_param(out, GF_PARAM_ANGLE, angle);
        } else {
            p = x->m->weights.wpe[(size_t)t * c + col];
        }
        explain_term(out, GF_TERM_POSITION, col, p, p, 1.0);
    }
    const float *stored = !want_position ? tr->tok_emb : !want_token ? tr->pos_emb : tr->x0;
    out->trace_value = at_row(stored, c, t, col);
    return GF_OK;
}

/* A norm: its input, output, statistics and weights. */
typedef struct {
    const float *in, *out, *mean, *rstd;  /* (T,C) (T,C) (T) (T); mean NULL: RMSNorm */
    const float *gain, *shift;            /* (C) (C); shift NULL: RMSNorm             */
} norm_parts;

static norm_parts norm_parts_of(const explain_ctx *x)
{
    const gf_trace *tr = x->tr;
    if (strcmp(x->key, "ln_f.out") == 0)
        return (norm_parts){gf_trace_block_input(tr, tr->config.n_layer), tr->ln_f_out,
                            tr->ln_f_mean, tr->ln_f_rstd, x->m->weights.ln_f_w,
                            x->m->weights.ln_f_b};
    const gf_layer_trace *lt = x->lt;
    if (strcmp(x->key, "ln_1.out") == 0)
        return (norm_parts){is_pre_norm(x) ? gf_trace_block_input(tr, x->layer) : lt->res_1,
                            lt->ln_1_out, lt->ln_1_mean, lt->ln_1_rstd, x->lw->ln_1_w,
                            x->lw->ln_1_b};
    return (norm_parts){is_pre_norm(x) ? lt->res_1 : lt->res_2, lt->ln_2_out, lt->ln_2_mean,
                        lt->ln_2_rstd, x->lw->ln_2_w, x->lw->ln_2_b};
}

gf_status explain_norm(const explain_ctx *x, gf_explanation *out, gf_error *err)
{
    const int c = x->tr->config.n_embd, t = x->row, col = x->col;
    const norm_parts p = norm_parts_of(x);
    gf_status st = explain_terms_alloc(out, 2, err);
    if (st != GF_OK)
        return st;
    out->kind = GF_EXPLAIN_NORM;
    const double in = at_row(p.in, c, t, col), mean = p.mean ? p.mean[t] : 0.0;
    const double rstd = p.rstd[t], gain = p.gain[col];
    explain_term(out, GF_TERM_NORMALIZED, col, (in - mean) * rstd * gain, in - mean, rstd * gain);
    explain_param(out, GF_PARAM_INPUT, in);
    if (p.mean)
        explain_param(out, GF_PARAM_MEAN, mean);
    explain_param(out, GF_PARAM_RSTD, rstd);
    explain_param(out, GF_PARAM_GAIN, gain);
    if (p.shift) {
        explain_term(out, GF_TERM_SHIFT, col, p.shift[col], p.shift[col], 1.0);
        explain_param(out, GF_PARAM_SHIFT, p.shift[col]);
    }
    out->trace_value = at_row(p.out, c, t, col);
    return GF_OK;
}

/* out = in (T, k) · w (k, ·) + bias, w's rows ldw floats apart. */
typedef struct {
    const float *in;
    int k;
    const float *w, *bias;
    int ldw;
    const float *out;
    int out_width;
} linear_parts;

static linear_parts linear_parts_of(const explain_ctx *x)
{
    const gf_config *cfg = &x->tr->config;
    const int c = cfg->n_embd, f = cfg->n_inner;
    const gf_layer_trace *lt = x->lt;
    const gf_layer_weights *w = x->lw;
    const float *attn_in = is_pre_norm(x) ? lt->ln_1_out : gf_trace_block_input(x->tr, x->layer);
    const float *ffn_in = is_pre_norm(x) ? lt->ln_2_out : lt->ln_1_out;
    const char *key = x->key;
    if (strncmp(key, "attn.", 5) == 0 && (key[5] == 'q' || key[5] == 'k' || key[5] == 'v')) {
        /* c_attn (C, 3C): W_Q | W_K | W_V side by side */
        const int part = key[5] == 'q' ? 0 : key[5] == 'k' ? 1 : 2;
        const float *outs[3] = {lt->q, lt->k, lt->v};
        return (linear_parts){attn_in, c, w->c_attn_w + part * c, w->c_attn_b + part * c, 3 * c,
                              outs[part], c};
    }
    if (strcmp(key, "attn.proj") == 0)
        return (linear_parts){lt->heads, c, w->c_proj_w, w->c_proj_b, c, lt->attn_proj, c};
    if (strcmp(key, "mlp.gate") == 0)
        return (linear_parts){ffn_in, c, w->gate_w, w->gate_b, f, lt->mlp_gate, f};
    if (strcmp(key, "mlp.out") == 0)
        return (linear_parts){lt->mlp_act, f, w->mlp_proj_w, w->mlp_proj_b, c, lt->mlp_out, c};
    /* mlp.pre (GELU/ReLU) or mlp.up (SwiGLU): both x·W_fc + b */
    return (linear_parts){ffn_in, c, w->fc_w, w->fc_b, f,
                          lt->mlp_pre ? lt->mlp_pre : lt->mlp_up, f};
}

gf_status explain_linear(const explain_ctx *x, gf_explanation *out, gf_error *err)
{
    const linear_parts p = linear_parts_of(x);
    gf_status st = explain_terms_alloc(out, p.k + 1, err);
    if (st != GF_OK)
        return st;
    out->kind = GF_EXPLAIN_LINEAR;
    if (p.bias)
        explain_term(out, GF_TERM_BIAS, -1, p.bias[x->col], p.bias[x->col], 1.0);
    const float *in = p.in + (size_t)x->row * p.k;  /* (k) */
    for (int i = 0; i < p.k; i++) {
        const float w = p.w[(size_t)i * p.ldw + x->col];
        explain_term(out, GF_TERM_PRODUCT, i, (double)in[i] * w, in[i], w);
    }
    out->trace_value = at_row(p.out, p.out_width, x->row, x->col);
    return GF_OK;
}

/* Φ(x) of GELU (tanh form or erf form), or ReLU's step: act(x) = x·Φ(x). */
static double activation_cdf(gf_activation a, double in)
{
    const double pi = 3.14159265358979323846;
    switch (a) {
    case GF_ACTIVATION_GELU_TANH:
        return 0.5 * (1.0 + tanh(sqrt(2.0 / pi) * (in + 0.044715 * in * in * in)));
    case GF_ACTIVATION_GELU_EXACT: return 0.5 * (1.0 + erf(in / sqrt(2.0)));
    case GF_ACTIVATION_RELU: return in > 0.0 ? 1.0 : 0.0;
    case GF_ACTIVATION_SWIGLU: return 1.0 / (1.0 + exp(-in));  /* σ of the gate */
    }
    return 0.0;
}

double gf_activation_value(gf_activation a, double x)
{
    return x * activation_cdf(a, x);
}

gf_status explain_activation(const explain_ctx *x, gf_explanation *out, gf_error *err)
{
    const gf_config *cfg = &x->tr->config;
    const int f = cfg->n_inner, t = x->row, col = x->col;
    gf_status st = explain_terms_alloc(out, 1, err);
    if (st != GF_OK)
        return st;
    out->kind = GF_EXPLAIN_ACTIVATION;
    out->activation = cfg->activation;
    if (cfg->activation == GF_ACTIVATION_SWIGLU) {
        /* SiLU(gate)·up = gate·σ(gate)·up */
        const double gate = at_row(x->lt->mlp_gate, f, t, col);
        const double up = at_row(x->lt->mlp_up, f, t, col);
        const double sigma = activation_cdf(cfg->activation, gate);
        explain_term(out, GF_TERM_ACTIVATED, col, gate * sigma * up, gate * sigma, up);
        explain_param(out, GF_PARAM_GATE, gate);
        explain_param(out, GF_PARAM_UP, up);
        explain_param(out, GF_PARAM_CDF, sigma);
    } else {
        const double in = at_row(x->lt->mlp_pre, f, t, col);
        const double cdf = activation_cdf(cfg->activation, in);
        explain_term(out, GF_TERM_ACTIVATED, col, in * cdf, in, cdf);
        explain_param(out, GF_PARAM_INPUT, in);
        explain_param(out, GF_PARAM_CDF, cdf);
    }
    out->trace_value = at_row(x->lt->mlp_act, f, t, col);
    return GF_OK;
}

gf_status explain_residual(const explain_ctx *x, gf_explanation *out, gf_error *err)
{
    const int c = x->tr->config.n_embd;
    const gf_layer_trace *lt = x->lt;
    const bool first = strcmp(x->key, "res_1") == 0;
    /* res_1 = x + attn.proj; res_2 = res_1 (pre) or ln_1.out (post) + mlp.out */
    const float *skip = first ? gf_trace_block_input(x->tr, x->layer)
                        : is_pre_norm(x) ? lt->res_1 : lt->ln_1_out;
    const float *branch = first ? lt->attn_proj : lt->mlp_out;
    gf_status st = explain_terms_alloc(out, 2, err);
    if (st != GF_OK)
        return st;
    out->kind = GF_EXPLAIN_RESIDUAL;
    const double a = at_row(skip, c, x->row, x->col), b = at_row(branch, c, x->row, x->col);
    explain_term(out, GF_TERM_SKIP, x->col, a, a, 1.0);
    explain_term(out, GF_TERM_BRANCH, x->col, b, b, 1.0);
    out->trace_value = at_row(first ? lt->res_1 : lt->res_2, c, x->row, x->col);
    return GF_OK;
}

gf_status explain_logit(const explain_ctx *x, gf_explanation *out, gf_error *err)
{
    const int c = x->tr->config.n_embd;
    const float *hidden = gf_trace_final_hidden(x->tr) + (size_t)x->row * c;  /* (C) */
    const float *unembed = x->m->weights.lm_head + (size_t)x->col * c;          /* (C) */
    gf_status st = explain_terms_alloc(out, c, err);
    if (st != GF_OK)
        return st;
    out->kind = GF_EXPLAIN_LOGIT;
    for (int i = 0; i < c; i++)
        explain_term(out, GF_TERM_PRODUCT, i, (double)hidden[i] * unembed[i], hidden[i],
                     unembed[i]);
    out->trace_value = gf_trace_logits_row(x->tr, x->row)[x->col];
    return GF_OK;
}

/* The probability the sampler shows (softmax(z/T), no top-k/top-p). */
static gf_status sampler_probability(const float *logits, int vocab, float temperature, int v,
                                     float *prob, gf_error *err)
{
    gf_sampler s;
    gf_status st = gf_sampler_init(&s, vocab, temperature, 0, 1.0f, 0, err);
    if (st != GF_OK)
        return st;
    gf_sampler_distribution(&s, logits);
    *prob = s.probs[v];
    gf_sampler_free(&s);
    return GF_OK;
}

gf_status explain_prob(const explain_ctx *x, gf_explanation *out, gf_error *err)
{
    const int vocab = x->tr->config.vocab_size, v = x->col;
    const float temperature = x->opt->temperature;
    const float *z = gf_trace_logits_row(x->tr, x->row);  /* (V) */
    gf_status st = sampler_probability(z, vocab, temperature, v, &out->trace_value, err);
    if (st == GF_OK)
        st = explain_terms_alloc(out, 1, err);
    if (st != GF_OK)
        return st;
    out->kind = GF_EXPLAIN_PROB;
    int argmax = 0;
    for (int i = 1; i < vocab; i++)
        if (z[i] > z[argmax])
            argmax = i;
    explain_param(out, GF_PARAM_TEMPERATURE, temperature);
    explain_param(out, GF_PARAM_SCORE, z[v]);
    explain_param(out, GF_PARAM_MAX, z[argmax]);
    if (temperature == 0.0f) {  /* argmax: all mass on the largest logit (lowest id) */
        const double one_hot = v == argmax ? 1.0 : 0.0;
        explain_term(out, GF_TERM_SOFTMAX, v, one_hot, one_hot, 1.0);
        return GF_OK;
    }
    out->row = malloc(sizeof *out->row * (size_t)vocab);
    if (!out->row)
        return gf_error_set(err, GF_ERR_MEMORY, "explain: cannot allocate a row of %d", vocab);
    out->row_length = vocab;
    double sum = 0.0;
    for (int i = 0; i < vocab; i++)
        sum += out->row[i] = exp(((double)z[i] - z[argmax]) / temperature);
    const double e = out->row[v];
    explain_term(out, GF_TERM_SOFTMAX, v, e / sum, e, 1.0 / sum);
    explain_param(out, GF_PARAM_SCALE, 1.0 / temperature);
    explain_param(out, GF_PARAM_EXP, e);
    explain_param(out, GF_PARAM_EXP_SUM, sum);
    return GF_OK;
}

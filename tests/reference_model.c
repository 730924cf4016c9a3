/* reference_model.c — the naive double-precision forward pass (see
 * reference_model.h). Every formula is spelled out again from the maths. */
#include "reference_model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void ref_norm(const gf_config *cfg, double *x, const float *g, const float *b, int t)
{
    const int c = cfg->n_embd;
    for (int r = 0; r < t; r++) {
        double *row = x + (size_t)r * c;
        double mean = 0.0, var = 0.0;
        if (cfg->norm_type == GF_NORM_LAYERNORM) {
            for (int i = 0; i < c; i++) mean += row[i] / c;
            for (int i = 0; i < c; i++) var += (row[i] - mean) * (row[i] - mean) / c;
        } else {
            for (int i = 0; i < c; i++) var += row[i] * row[i] / c;
        }
        for (int i = 0; i < c; i++)
            row[i] = (row[i] - mean) / sqrt(var + cfg->norm_eps) * g[i] + (b ? b[i] : 0.0);
    }
}

/* y (T, N) = x (T, K) · w[:, col0 : col0+N] + b, w of row length ldw. */
static void ref_linear(double *y, const double *x, const float *w, int ldw, int col0,
                       const float *b, int t, int k, int n)
{
    for (int r = 0; r < t; r++)
        for (int j = 0; j < n; j++) {
            double sum = b ? b[col0 + j] : 0.0;
            for (int i = 0; i < k; i++) sum += x[(size_t)r * k + i] * w[(size_t)i * ldw + col0 + j];
            y[(size_t)r * n + j] = sum;
        }
}

static double ref_activation(gf_activation a, double h)
{
    const double pi = 3.14159265358979323846;
    switch (a) {
    case GF_ACTIVATION_GELU_TANH: return 0.5 * h * (1 + tanh(sqrt(2 / pi) * (h + 0.044715 * h * h * h)));
    case GF_ACTIVATION_GELU_EXACT: return 0.5 * h * (1 + erf(h / sqrt(2.0)));
    case GF_ACTIVATION_RELU: return h > 0 ? h : 0;
    case GF_ACTIVATION_SWIGLU: return h / (1 + exp(-h)); /* SiLU of the gate */
    }
    return 0;
}

static void ref_attention(const gf_config *cfg, const gf_layer_weights *w, const double *x,
                          double *out, int t)
{
    const int c = cfg->n_embd, nh = cfg->n_head, hs = c / nh;
    double *q = malloc(sizeof *q * t * c), *k = malloc(sizeof *k * t * c);
    double *v = malloc(sizeof *v * t * c), *cat = calloc((size_t)t * c, sizeof *cat);
    double *p = malloc(sizeof *p * t);
    ref_linear(q, x, w->c_attn_w, 3 * c, 0, w->c_attn_b, t, c, c);
    ref_linear(k, x, w->c_attn_w, 3 * c, c, w->c_attn_b, t, c, c);
    ref_linear(v, x, w->c_attn_w, 3 * c, 2 * c, w->c_attn_b, t, c, c);
    for (int h = 0; h < nh; h++)
        for (int i = 0; i < t; i++) {
            double max = -INFINITY, sum = 0.0;
            for (int j = 0; j <= i; j++) {
                double s = 0.0;
                for (int d = 0; d < hs; d++) s += q[i * c + h * hs + d] * k[j * c + h * hs + d];
                p[j] = s / sqrt((double)hs);
                if (p[j] > max) max = p[j];
            }
            for (int j = 0; j <= i; j++) sum += (p[j] = exp(p[j] - max));
            for (int j = 0; j <= i; j++)
                for (int d = 0; d < hs; d++)
                    cat[i * c + h * hs + d] += p[j] / sum * v[j * c + h * hs + d];
        }
    ref_linear(out, cat, w->c_proj_w, c, 0, w->c_proj_b, t, c, c);
    free(q); free(k); free(v); free(cat); free(p);
}

static void ref_feed_forward(const gf_config *cfg, const gf_layer_weights *w, const double *x,
                             double *out, int t)
{
    const int c = cfg->n_embd, f = cfg->n_inner;
    double *h = malloc(sizeof *h * t * f), *g = malloc(sizeof *g * t * f);
    ref_linear(h, x, w->fc_w, f, 0, w->fc_b, t, c, f);
    if (cfg->activation == GF_ACTIVATION_SWIGLU) {
        ref_linear(g, x, w->gate_w, f, 0, w->gate_b, t, c, f);
        for (int i = 0; i < t * f; i++) h[i] *= ref_activation(cfg->activation, g[i]);
    } else {
        for (int i = 0; i < t * f; i++) h[i] = ref_activation(cfg->activation, h[i]);
    }
    ref_linear(out, h, w->mlp_proj_w, c, 0, w->mlp_proj_b, t, f, c);
    free(h); free(g);
}

void reference_logits(const gf_model *m, const int32_t *tokens, int t, double *logits)
{
    const gf_config *cfg = &m->config;
    const int c = cfg->n_embd;
    double *x = malloc(sizeof *x * t * c), *y = malloc(sizeof *y * t * c);
    double *n = malloc(sizeof *n * t * c);
    for (int r = 0; r < t; r++)
        for (int i = 0; i < c; i++) {
            double pos;
            if (cfg->position_type == GF_POSITION_SINUSOIDAL) {
                const double angle = r / pow(10000.0, (double)(i - i % 2) / c);
                pos = i % 2 ? cos(angle) : sin(angle);
            } else {
                pos = m->weights.wpe[(size_t)r * c + i];
            }
            x[r * c + i] = m->weights.wte[(size_t)tokens[r] * c + i] + pos;
        }
    for (int l = 0; l < cfg->n_layer; l++) {
        const gf_layer_weights *w = &m->weights.layers[l];
        if (cfg->norm_placement == GF_NORM_PRE) {
            memcpy(n, x, sizeof *x * t * c);
            ref_norm(cfg, n, w->ln_1_w, w->ln_1_b, t);
            ref_attention(cfg, w, n, y, t);
            for (int i = 0; i < t * c; i++) x[i] += y[i];
            memcpy(n, x, sizeof *x * t * c);
            ref_norm(cfg, n, w->ln_2_w, w->ln_2_b, t);
            ref_feed_forward(cfg, w, n, y, t);
            for (int i = 0; i < t * c; i++) x[i] += y[i];
        } else {
            ref_attention(cfg, w, x, y, t);
            for (int i = 0; i < t * c; i++) x[i] += y[i];
            ref_norm(cfg, x, w->ln_1_w, w->ln_1_b, t);
            ref_feed_forward(cfg, w, x, y, t);
            for (int i = 0; i < t * c; i++) x[i] += y[i];
            ref_norm(cfg, x, w->ln_2_w, w->ln_2_b, t);
        }
    }
    if (cfg->norm_placement == GF_NORM_PRE)
        ref_norm(cfg, x, m->weights.ln_f_w, m->weights.ln_f_b, t);
    for (int r = 0; r < t; r++)
        for (int v = 0; v < cfg->vocab_size; v++) {
            double sum = 0.0;
            for (int i = 0; i < c; i++) sum += x[r * c + i] * m->weights.lm_head[(size_t)v * c + i];
            logits[(size_t)r * cfg->vocab_size + v] = sum;
        }
    free(x); free(y); free(n);
}

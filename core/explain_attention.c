/* explain_attention.c — explanations inside one attention head: a score
 * (Σ_d q_i[d]·k_j[d] / √hs), a softmax weight (exp(s_ij − max) over the
 * row's sum) and a weighted value (Σ_j A_ij·v_j[d]). See explain.h. */
#include "explain_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Offset of element (i, j) of head h in an (H, cap, cap) attention map. */
static size_t attention_at(const explain_ctx *x, int i, int j)
{
    const size_t cap = (size_t)x->tr->capacity;
    return ((size_t)x->head * cap + (size_t)i) * cap + (size_t)j;
}

static const float *attention_map(const explain_ctx *x)
{
    if (strcmp(x->key, "attn.scores") == 0)
        return x->lt->scores;
    if (strcmp(x->key, "attn.masked") == 0)
        return x->lt->masked;
    return x->lt->weights;
}

/* Above the diagonal nothing is computed: the mask hides j from i. */
static bool explain_if_masked(const explain_ctx *x, gf_explanation *out)
{
    if (x->col <= x->row)
        return false;
    out->kind = GF_EXPLAIN_MASKED;
    out->trace_value = attention_map(x)[attention_at(x, x->row, x->col)];
    return true;
}

gf_status explain_score(const explain_ctx *x, gf_explanation *out, gf_error *err)
{
    if (explain_if_masked(x, out))
        return GF_OK;
    const int c = x->tr->config.n_embd, hs = c / x->tr->config.n_head;
    const float *q = x->lt->q + (size_t)x->row * c + (size_t)x->head * hs;  /* (hs) */
    const float *k = x->lt->k + (size_t)x->col * c + (size_t)x->head * hs;  /* (hs) */
    const double scale = 1.0 / sqrt((double)hs);
    gf_status st = explain_terms_alloc(out, hs, err);
    if (st != GF_OK)
        return st;
    out->kind = GF_EXPLAIN_SCORE;
    double dot = 0.0;
    for (int d = 0; d < hs; d++) {
        const double product = (double)q[d] * k[d];
        dot += product;
        explain_term(out, GF_TERM_PRODUCT, d, product * scale, q[d], k[d]);
    }
    explain_param(out, GF_PARAM_DOT, dot);
    explain_param(out, GF_PARAM_SCALE, scale);
    out->trace_value = attention_map(x)[attention_at(x, x->row, x->col)];
    return GF_OK;
}

gf_status explain_weight(const explain_ctx *x, gf_explanation *out, gf_error *err)
{
    if (explain_if_masked(x, out))
        return GF_OK;
    const int n = x->row + 1;  /* j = 0..i are visible */
    const float *masked = x->lt->masked + attention_at(x, x->row, 0);  /* (n) */
    out->row = malloc(sizeof *out->row * (size_t)n);
    if (!out->row)
        return gf_error_set(err, GF_ERR_MEMORY, "explain: cannot allocate a row of %d", n);
    gf_status st = explain_terms_alloc(out, 1, err);
    if (st != GF_OK)
        return st;
    out->kind = GF_EXPLAIN_WEIGHT;
    out->row_length = n;
    double max = -INFINITY, sum = 0.0;
    for (int j = 0; j < n; j++)
        max = fmax(max, masked[j]);
    for (int j = 0; j < n; j++)
        sum += out->row[j] = exp(masked[j] - max);
    const double e = out->row[x->col];
    explain_term(out, GF_TERM_SOFTMAX, x->col, e / sum, e, 1.0 / sum);
    explain_param(out, GF_PARAM_SCORE, masked[x->col]);
    explain_param(out, GF_PARAM_MAX, max);
    explain_param(out, GF_PARAM_EXP, e);
    explain_param(out, GF_PARAM_EXP_SUM, sum);
    out->trace_value = x->lt->weights[attention_at(x, x->row, x->col)];
    return GF_OK;
}

gf_status explain_weighted(const explain_ctx *x, gf_explanation *out, gf_error *err)
{
    const int c = x->tr->config.n_embd, hs = c / x->tr->config.n_head;
    explain_ctx in_head = *x;
    in_head.head = x->col / hs;   /* a whole-width column belongs to one head */
    const float *weights = x->lt->weights + attention_at(&in_head, x->row, 0);  /* (i+1) */
    gf_status st = explain_terms_alloc(out, x->row + 1, err);
    if (st != GF_OK)
        return st;
    out->kind = GF_EXPLAIN_WEIGHTED;
    for (int j = 0; j <= x->row; j++) {
        const float v = x->lt->v[(size_t)j * c + x->col];
        explain_term(out, GF_TERM_PRODUCT, j, (double)weights[j] * v, weights[j], v);
    }
    out->trace_value = x->lt->heads[(size_t)x->row * c + x->col];
    return GF_OK;
}

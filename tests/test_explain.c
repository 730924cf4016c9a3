/* test_explain.c — explanations of trace values (core/explain.h).
 *
 * On the four variant models, every kind at every position, column, layer
 * and head: the listed terms plus the remainder equal the trace's value
 * within 1e-5·Σ|terms| (the sum is redone here from the terms), the term
 * count is the formula's, products equal their factors' product, and the
 * named quantities agree with plain loops over the trace (μ, rstd, the
 * row's exps). Then hand-computed cases on a trace filled by hand, and the
 * errors. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "explain.h"
#include "forward.h"
#include "ops.h"
#include "variant_models.h"

#define T_TOKENS 12

/* Counters for one variant, reported once instead of per value. */
typedef struct {
    long explained;
    long bad_sum, bad_count, bad_factor, bad_param;
    double worst;   /* largest |Σ − trace| / Σ|terms| */
} sweep_stats;

/* Σ listed terms + remainder, redone here; checked against the trace. */
static void check_sum(sweep_stats *s, const gf_explanation *e)
{
    double sum = e->remainder, abs_sum = 0.0;
    for (int i = 0; i < e->n_terms; i++) {
        sum += e->terms[i].value;
        abs_sum += fabs(e->terms[i].value);
    }
    const double diff = fabs(sum - e->trace_value);
    if (abs_sum > 0.0)
        s->worst = fmax(s->worst, diff / e->abs_sum);
    if (!(diff <= 1e-5 * e->abs_sum) || abs_sum > e->abs_sum * (1 + 1e-12) ||
        fabs(sum - e->total) > 1e-12 * (1.0 + e->abs_sum))
        s->bad_sum++;
}

/* Products are their factors' product (times 1/√hs for a score); terms are
 * in order: fixed ones, then products by falling |value|. */
static void check_factors(sweep_stats *s, const gf_explanation *e)
{
    const double scale = e->kind == GF_EXPLAIN_SCORE ? gf_explanation_param(e, GF_PARAM_SCALE) : 1;
    for (int i = 0; i < e->n_terms; i++) {
        const gf_explain_term *t = &e->terms[i];
        if (t->role == GF_TERM_PRODUCT && fabs(t->value - t->a * t->b * scale) > 1e-12)
            s->bad_factor++;
        if (i > 0 && t->role == GF_TERM_PRODUCT && e->terms[i - 1].role == GF_TERM_PRODUCT &&
            fabs(e->terms[i - 1].value) < fabs(t->value))
            s->bad_factor++;
    }
}

static void explain_one(check_ctx *c, sweep_stats *s, const gf_model *m, const gf_trace *tr,
                        const gf_explain_at *at, int max_terms, int want_terms)
{
    gf_explain_options opt = {max_terms, 0.8f};
    gf_explanation e;
    gf_error err = {0};
    if (!CHECK_OK(c, gf_explain_value(m, tr, at, &opt, &e, &err), &err)) {
        fprintf(stderr, "  at %s layer %d head %d [%d][%d]\n", at->key, at->layer, at->head,
                at->row, at->col);
        return;
    }
    s->explained++;
    if (e.kind == GF_EXPLAIN_MASKED) {
        if (e.n_terms != 0 || e.total != e.trace_value)
            s->bad_count++;
    } else {
        check_sum(s, &e);
        check_factors(s, &e);
        if (want_terms >= 0 && e.n_terms + e.n_other != want_terms)
            s->bad_count++;
        if (max_terms > 0 && e.n_other > 0 && e.n_terms > max_terms + 1)
            s->bad_count++;
    }
    gf_explanation_free(&e);
}

/* The row's statistics by plain loops: μ, rstd and the norm's input. */
static void check_norm_params(sweep_stats *s, const gf_model *m, const gf_trace *tr,
                              const char *key, int layer, int t, const float *in)
{
    const int c = tr->config.n_embd;
    double mean = 0.0, var = 0.0;
    if (tr->config.norm_type == GF_NORM_LAYERNORM)
        for (int i = 0; i < c; i++) mean += in[(size_t)t * c + i] / c;
    for (int i = 0; i < c; i++) {
        const double d = in[(size_t)t * c + i] - mean;
        var += d * d / c;
    }
    const double rstd = 1.0 / sqrt(var + tr->config.norm_eps);
    gf_explain_at at = {key, layer, -1, t, 3};
    gf_explain_options opt = {0, 1.0f};
    gf_explanation e;
    gf_error err = {0};
    if (gf_explain_value(m, tr, &at, &opt, &e, &err) != GF_OK) {
        s->bad_param++;
        return;
    }
    const double got_mean = gf_explanation_param(&e, GF_PARAM_MEAN);
    if ((tr->config.norm_type == GF_NORM_LAYERNORM ? fabs(got_mean - mean) > 1e-5
                                                   : !isnan(got_mean)) ||
        fabs(gf_explanation_param(&e, GF_PARAM_RSTD) - rstd) > 1e-4 * rstd ||
        gf_explanation_param(&e, GF_PARAM_INPUT) != in[(size_t)t * c + 3])
        s->bad_param++;
    gf_explanation_free(&e);
}

/* A softmax weight's row: exps of the trace's masked scores, their sum. */
static void check_weight_row(sweep_stats *s, const gf_model *m, const gf_trace *tr, int layer,
                             int head, int i)
{
    gf_view masked;
    gf_trace_get(tr, "attn.masked", layer, head, &masked);
    double max = -INFINITY, sum = 0.0;
    for (int j = 0; j <= i; j++) max = fmax(max, gf_view_at2(&masked, i, j));
    gf_explain_at at = {"attn.weights", layer, head, i, 0};
    gf_explain_options opt = {0, 1.0f};
    gf_explanation e;
    gf_error err = {0};
    if (gf_explain_value(m, tr, &at, &opt, &e, &err) != GF_OK || e.row_length != i + 1) {
        s->bad_param++;
        return;
    }
    for (int j = 0; j <= i; j++) {
        const double want = exp(gf_view_at2(&masked, i, j) - max);
        sum += want;
        if (fabs(e.row[j] - want) > 1e-12)
            s->bad_param++;
    }
    if (fabs(gf_explanation_param(&e, GF_PARAM_EXP_SUM) - sum) > 1e-12 * sum)
        s->bad_param++;
    gf_explanation_free(&e);
}

/* Every column of every row of one (T, width) key. */
static void sweep_rows(check_ctx *c, sweep_stats *s, const gf_model *m, const gf_trace *tr,
                       const char *key, int layer, int width, int want_terms)
{
    for (int t = 0; t < tr->n_tokens; t++)
        for (int col = 0; col < width; col++) {
            gf_explain_at at = {key, layer, -1, t, col};
            explain_one(c, s, m, tr, &at, (t + col) % 3 == 0 ? 3 : 0,
                        strcmp(key, "attn.heads") == 0 ? t + 1 : want_terms);
        }
}

static void sweep_variant(check_ctx *c, const variant *v)
{
    gf_model m;
    if (!variant_model_make(c, v, &m))
        return;
    const gf_config *cfg = &m.config;
    const int C = cfg->n_embd, F = cfg->n_inner, V = cfg->vocab_size, H = cfg->n_head;
    const bool pre = cfg->norm_placement == GF_NORM_PRE;
    const bool swiglu = cfg->activation == GF_ACTIVATION_SWIGLU;
    const bool layernorm = cfg->norm_type == GF_NORM_LAYERNORM;
    const bool biased = true;  /* our models always carry linear biases */
    gf_error err = {0};
    gf_trace tr;
    int32_t tokens[T_TOKENS];
    variant_random_tokens(tokens, T_TOKENS, V, 7);
    CHECK_OK(c, gf_trace_init(&tr, cfg, 16, true, &err), &err);
    CHECK_OK(c, gf_forward_full(&m, &tr, tokens, T_TOKENS, &err), &err);
    sweep_stats s = {0};
    sweep_rows(c, &s, &m, &tr, "tok_emb", -1, C, 1);
    sweep_rows(c, &s, &m, &tr, "pos_emb", -1, C, 1);
    sweep_rows(c, &s, &m, &tr, "x0", -1, C, 2);
    for (int l = 0; l < cfg->n_layer; l++) {
        const gf_layer_trace *lt = &tr.layers[l];
        sweep_rows(c, &s, &m, &tr, "ln_1.out", l, C, layernorm ? 2 : 1);
        sweep_rows(c, &s, &m, &tr, "attn.q", l, C, C + biased);
        sweep_rows(c, &s, &m, &tr, "attn.k", l, C, C + biased);
        sweep_rows(c, &s, &m, &tr, "attn.v", l, C, C + biased);
        for (int h = 0; h < H; h++)
            for (int i = 0; i < tr.n_tokens; i++)
                for (int j = 0; j < tr.n_tokens; j++) {
                    const int want = j <= i ? C / H : 0;
                    gf_explain_at at = {"attn.scores", l, h, i, j};
                    explain_one(c, &s, &m, &tr, &at, (i + j) % 2 ? 2 : 0, want);
                    at.key = "attn.masked";
                    explain_one(c, &s, &m, &tr, &at, 0, want);
                    at.key = "attn.weights";
                    explain_one(c, &s, &m, &tr, &at, 0, j <= i ? 1 : 0);
                }
        for (int h = 0; h < H; h++)
            for (int i = 0; i < tr.n_tokens; i++)
                check_weight_row(&s, &m, &tr, l, h, i);
        sweep_rows(c, &s, &m, &tr, "attn.heads", l, C, -1);
        /* one head's slice addressed per head: the same values */
        gf_explain_at at = {"attn.heads", l, 2, 5, 1};
        explain_one(c, &s, &m, &tr, &at, 0, 6);
        sweep_rows(c, &s, &m, &tr, "attn.proj", l, C, C + biased);
        sweep_rows(c, &s, &m, &tr, "res_1", l, C, 2);
        sweep_rows(c, &s, &m, &tr, "ln_2.out", l, C, layernorm ? 2 : 1);
        if (swiglu) {
            sweep_rows(c, &s, &m, &tr, "mlp.gate", l, F, C + biased);
            sweep_rows(c, &s, &m, &tr, "mlp.up", l, F, C + biased);
        } else {
            sweep_rows(c, &s, &m, &tr, "mlp.pre", l, F, C + biased);
        }
        sweep_rows(c, &s, &m, &tr, "mlp.act", l, F, 1);
        sweep_rows(c, &s, &m, &tr, "mlp.out", l, C, F + biased);
        sweep_rows(c, &s, &m, &tr, "res_2", l, C, 2);
        for (int t = 0; t < tr.n_tokens; t++) {
            check_norm_params(&s, &m, &tr, "ln_1.out", l, t,
                              pre ? gf_trace_block_input(&tr, l) : lt->res_1);
            check_norm_params(&s, &m, &tr, "ln_2.out", l, t, pre ? lt->res_1 : lt->res_2);
        }
    }
    if (pre) {
        sweep_rows(c, &s, &m, &tr, "ln_f.out", -1, C, layernorm ? 2 : 1);
        for (int t = 0; t < tr.n_tokens; t++)
            check_norm_params(&s, &m, &tr, "ln_f.out", -1, t,
                              gf_trace_block_input(&tr, cfg->n_layer));
    }
    sweep_rows(c, &s, &m, &tr, "logits", -1, V, C);
    sweep_rows(c, &s, &m, &tr, "probs", -1, V, 1);
    printf("variant %s: %ld values explained, worst |sum - trace| / sum|terms| = %.2e\n",
           v->label, s.explained, s.worst);
    CHECK(c, s.explained > 15000);
    CHECK_INT(c, s.bad_sum, 0);
    CHECK_INT(c, s.bad_count, 0);
    CHECK_INT(c, s.bad_factor, 0);
    CHECK_INT(c, s.bad_param, 0);
    /* The check can fail: a changed V row no longer adds up to the stored heads. */
    tr.layers[0].v[0] += 1.0f;
    gf_explain_at at = {"attn.heads", 0, -1, 3, 0};
    gf_explain_options opt = {0, 1.0f};
    gf_explanation e;
    if (CHECK_OK(c, gf_explain_value(&m, &tr, &at, &opt, &e, &err), &err)) {
        CHECK(c, fabs(e.total - e.trace_value) > 1e-3);
        gf_explanation_free(&e);
    }
    gf_trace_free(&tr);
    gf_model_free(&m);
}

/* ---- hand-computed cases on a trace filled by hand ------------------------ */

/* C = 4, H = 2 (hs = 2), L = 1, F = 4, V = 8, context 4; pre-norm LayerNorm,
 * learned positions, GELU (tanh), tied. Weights zero unless set. */
static bool hand_model(check_ctx *c, gf_model *m, gf_trace *tr)
{
    memset(m, 0, sizeof *m);
    gf_config_default(&m->config);
    m->config.vocab_size = 8;
    m->config.n_ctx = 4;
    m->config.n_embd = 4;
    m->config.n_head = 2;
    m->config.n_layer = 1;
    m->config.n_inner = 4;
    gf_error err = {0};
    if (!CHECK_OK(c, gf_weights_alloc(&m->weights, &m->config, &err), &err))
        return false;
    if (!CHECK_OK(c, gf_trace_init(tr, &m->config, 4, true, &err), &err)) {
        gf_model_free(m);
        return false;
    }
    tr->n_tokens = 2;
    tr->tokens[0] = 5;
    tr->tokens[1] = 3;
    return true;
}

/* Explain at; total must be want, and the trace's value what was stored. */
static bool hand_explain(check_ctx *c, const gf_model *m, const gf_trace *tr, gf_explain_at at,
                         int max_terms, float temperature, double want, gf_explanation *e)
{
    gf_explain_options opt = {max_terms, temperature};
    gf_error err = {0};
    if (!CHECK_OK(c, gf_explain_value(m, tr, &at, &opt, e, &err), &err))
        return false;
    CHECK_NEAR(c, e->total, want, 1e-6);
    return true;
}

static void test_hand_cases(check_ctx *c)
{
    gf_model m;
    gf_trace tr;
    if (!hand_model(c, &m, &tr))
        return;
    const int C = 4, cap = 4;
    gf_layer_trace *lt = &tr.layers[0];
    gf_layer_weights *w = &m.weights.layers[0];
    gf_explanation e;

    /* score, head 0, i = 1, j = 0: q = (1, 2), k = (3, −1): (3 − 2)/√2 */
    lt->q[1 * C + 0] = 1, lt->q[1 * C + 1] = 2;
    lt->k[0 * C + 0] = 3, lt->k[0 * C + 1] = -1;
    lt->scores[(0 * cap + 1) * cap + 0] = 0.70710678f;
    if (hand_explain(c, &m, &tr, (gf_explain_at){"attn.scores", 0, 0, 1, 0}, 0, 1, 0.70710678,
                     &e)) {
        CHECK_INT(c, e.kind, GF_EXPLAIN_SCORE);
        CHECK_INT(c, e.n_terms, 2);
        CHECK_INT(c, e.terms[0].index, 0);          /* 3/√2 is the larger */
        CHECK_NEAR(c, e.terms[0].value, 2.12132034, 1e-7);
        CHECK_NEAR(c, e.terms[1].value, -1.41421356, 1e-7);
        CHECK_NEAR(c, gf_explanation_param(&e, GF_PARAM_DOT), 1.0, 1e-12);
        CHECK_NEAR(c, e.trace_value, 0.70710678, 1e-7);
        gf_explanation_free(&e);
    }
    /* above the diagonal: masked, nothing computed */
    if (hand_explain(c, &m, &tr, (gf_explain_at){"attn.scores", 0, 0, 0, 1}, 0, 1, 0.0, &e)) {
        CHECK_INT(c, e.kind, GF_EXPLAIN_MASKED);
        gf_explanation_free(&e);
    }

    /* weight, head 1, row 1: masked scores (0, ln 3) → exps (1/3, 1), sum 4/3 → 0.75 */
    lt->masked[(1 * cap + 1) * cap + 0] = 0.0f;
    lt->masked[(1 * cap + 1) * cap + 1] = (float)log(3.0);
    lt->weights[(1 * cap + 1) * cap + 1] = 0.75f;
    if (hand_explain(c, &m, &tr, (gf_explain_at){"attn.weights", 0, 1, 1, 1}, 0, 1, 0.75, &e)) {
        CHECK_NEAR(c, gf_explanation_param(&e, GF_PARAM_EXP_SUM), 4.0 / 3.0, 1e-7);
        CHECK_NEAR(c, gf_explanation_param(&e, GF_PARAM_MAX), log(3.0), 1e-7);
        CHECK_INT(c, e.row_length, 2);
        CHECK_NEAR(c, e.row[0], 1.0 / 3.0, 1e-7);
        gf_explanation_free(&e);
    }

    /* weighted value, head 0 (columns 0, 1), row 1, d = 1: 0.25·2 + 0.75·(−4) = −2.5 */
    lt->weights[(0 * cap + 1) * cap + 0] = 0.25f;
    lt->weights[(0 * cap + 1) * cap + 1] = 0.75f;
    lt->v[0 * C + 1] = 2, lt->v[1 * C + 1] = -4;
    lt->heads[1 * C + 1] = -2.5f;
    if (hand_explain(c, &m, &tr, (gf_explain_at){"attn.heads", 0, 0, 1, 1}, 0, 1, -2.5, &e)) {
        CHECK_INT(c, e.n_terms, 2);
        CHECK_INT(c, e.terms[0].index, 1);          /* −3 is the larger */
        CHECK_NEAR(c, e.terms[0].value, -3.0, 1e-7);
        CHECK_NEAR(c, e.trace_value, -2.5, 0);
        gf_explanation_free(&e);
    }

    /* embedding: wte[5][2] + wpe[0][2] = 0.7 + (−0.2) */
    m.weights.wte[5 * C + 2] = 0.7f;
    m.weights.wpe[0 * C + 2] = -0.2f;
    if (hand_explain(c, &m, &tr, (gf_explain_at){"x0", -1, -1, 0, 2}, 0, 1, 0.5, &e)) {
        CHECK_INT(c, e.terms[0].role, GF_TERM_TOKEN);
        CHECK_NEAR(c, gf_explanation_param(&e, GF_PARAM_TOKEN), 5, 0);
        gf_explanation_free(&e);
    }

    /* LayerNorm (pre-norm: ln_1 reads x0): x = 6, μ = 3, rstd = 0.5, γ = 2, β = 0.25:
     * (6 − 3)·0.5·2 + 0.25 = 3.25 */
    tr.x0[0 * C + 3] = 6;
    lt->ln_1_mean[0] = 3;
    lt->ln_1_rstd[0] = 0.5f;
    w->ln_1_w[3] = 2;
    w->ln_1_b[3] = 0.25f;
    lt->ln_1_out[0 * C + 3] = 3.25f;
    if (hand_explain(c, &m, &tr, (gf_explain_at){"ln_1.out", 0, -1, 0, 3}, 0, 1, 3.25, &e)) {
        CHECK_NEAR(c, e.terms[0].value, 3.0, 1e-12);   /* (x − μ)·rstd·γ */
        CHECK_NEAR(c, e.terms[1].value, 0.25, 1e-12);  /* β */
        CHECK_NEAR(c, e.trace_value, 3.25, 0);
        gf_explanation_free(&e);
    }

    /* FFN pre-activation: x = (1, −1, 0.5, 2), W[:, 1] = (0.1, 0.2, 0.4, −0.3), b = 0.05:
     * terms 0.1, −0.2, 0.2, −0.6; two listed: −0.6, then −0.2 (a tie with 0.2:
     * the lower index); remainder 0.1 + 0.2 */
    const float x[4] = {1, -1, 0.5f, 2}, col[4] = {0.1f, 0.2f, 0.4f, -0.3f};
    for (int k = 0; k < 4; k++) {
        lt->ln_2_out[0 * C + k] = x[k];
        w->fc_w[k * 4 + 1] = col[k];
    }
    w->fc_b[1] = 0.05f;
    if (hand_explain(c, &m, &tr, (gf_explain_at){"mlp.pre", 0, -1, 0, 1}, 2, 1, -0.45, &e)) {
        CHECK_INT(c, e.n_terms, 3);
        CHECK_INT(c, e.terms[0].role, GF_TERM_BIAS);
        CHECK_INT(c, e.terms[1].index, 3);
        CHECK_INT(c, e.terms[2].index, 1);
        CHECK_INT(c, e.n_other, 2);
        CHECK_NEAR(c, e.remainder, 0.3, 1e-7);
        gf_explanation_free(&e);
    }

    /* GELU (tanh form) at 1: 0.8411919906 */
    lt->mlp_pre[1 * 4 + 2] = 1.0f;
    if (hand_explain(c, &m, &tr, (gf_explain_at){"mlp.act", 0, -1, 1, 2}, 0, 1, 0.8411919906, &e))
        gf_explanation_free(&e);

    /* residual: x0 + attn.proj = 1.5 + (−0.25) */
    tr.x0[1 * C + 0] = 1.5f;
    lt->attn_proj[1 * C + 0] = -0.25f;
    if (hand_explain(c, &m, &tr, (gf_explain_at){"res_1", 0, -1, 1, 0}, 0, 1, 1.25, &e)) {
        CHECK_INT(c, e.terms[0].role, GF_TERM_SKIP);
        CHECK_NEAR(c, e.terms[0].value, 1.5, 0);
        gf_explanation_free(&e);
    }

    /* logit (tied): ln_f.out[1] · wte[3] = (1, 0, −1, 2)·(0.5, 9, 0.25, 1) = 2.25 */
    const float h[4] = {1, 0, -1, 2}, u[4] = {0.5f, 9, 0.25f, 1};
    for (int k = 0; k < 4; k++) {
        tr.ln_f_out[1 * C + k] = h[k];
        m.weights.wte[3 * C + k] = u[k];
    }
    if (hand_explain(c, &m, &tr, (gf_explain_at){"logits", -1, -1, 1, 3}, 0, 1, 2.25, &e))
        gf_explanation_free(&e);

    /* probability at T = 2: z = (0, 2 ln 3, 0, …): exps (1/3, 1, 1/3 ×6), sum 10/3 */
    for (int v = 0; v < 8; v++)
        tr.logits[1 * 8 + v] = v == 1 ? (float)(2 * log(3.0)) : 0.0f;
    if (hand_explain(c, &m, &tr, (gf_explain_at){"probs", -1, -1, 1, 1}, 0, 2, 0.3, &e)) {
        CHECK_NEAR(c, e.trace_value, 0.3, 1e-6);        /* the sampler agrees */
        CHECK_NEAR(c, gf_explanation_param(&e, GF_PARAM_EXP_SUM), 10.0 / 3.0, 1e-6);
        gf_explanation_free(&e);
    }
    if (hand_explain(c, &m, &tr, (gf_explain_at){"probs", -1, -1, 1, 0}, 0, 2, 0.1, &e))
        gf_explanation_free(&e);
    if (hand_explain(c, &m, &tr, (gf_explain_at){"probs", -1, -1, 1, 1}, 0, 0, 1.0, &e)) {
        CHECK(c, e.row == NULL);                        /* T = 0: argmax, no exps */
        gf_explanation_free(&e);
    }
    if (hand_explain(c, &m, &tr, (gf_explain_at){"probs", -1, -1, 1, 2}, 0, 0, 0.0, &e))
        gf_explanation_free(&e);
    gf_trace_free(&tr);
    gf_model_free(&m);
}

/* The curve the viewer draws is the forward pass's function. */
static void test_activation_curve(check_ctx *c)
{
    struct { gf_activation a; float (*op)(float); } fns[] = {
        {GF_ACTIVATION_GELU_TANH, gf_op_gelu_tanh}, {GF_ACTIVATION_GELU_EXACT, gf_op_gelu_exact},
        {GF_ACTIVATION_RELU, gf_op_relu}, {GF_ACTIVATION_SWIGLU, gf_op_silu}};
    for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
        double worst = 0.0;
        for (double x = -6.0; x <= 6.0; x += 0.125)
            worst = fmax(worst, fabs(gf_activation_value(fns[i].a, x) - fns[i].op((float)x)));
        CHECK(c, worst < 1e-6);
    }
    CHECK_NEAR(c, gf_activation_value(GF_ACTIVATION_GELU_TANH, 1.0), 0.8411919906, 1e-9);
    CHECK_NEAR(c, gf_activation_value(GF_ACTIVATION_SWIGLU, 1.0), 1.0 / (1.0 + exp(-1.0)), 1e-12);
}

/* Every bad request is a clear error, never a crash. */
static void expect_error(check_ctx *c, const gf_model *m, const gf_trace *tr, gf_explain_at at,
                         float temperature, const char *needle)
{
    gf_explain_options opt = {0, temperature};
    gf_explanation e;
    gf_error err = {0};
    if (!CHECK(c, gf_explain_value(m, tr, &at, &opt, &e, &err) != GF_OK) ||
        !CHECK(c, strstr(err.message, needle) != NULL))
        fprintf(stderr, "  got: %s (want '%s')\n", err.message, needle);
    CHECK(c, e.terms == NULL && e.row == NULL);
}

static void test_errors(check_ctx *c)
{
    CHECK(c, gf_explain_supports("attn.weights") && gf_explain_supports("probs"));
    CHECK(c, !gf_explain_supports("ln_1.rstd") && !gf_explain_supports(NULL));
    gf_model m;
    if (!variant_model_make(c, &VARIANTS[1], &m))   /* post-norm, ReLU */
        return;
    gf_error err = {0};
    gf_trace tr, lean;
    int32_t tokens[3] = {1, 2, 3};
    CHECK_OK(c, gf_trace_init(&tr, &m.config, 8, true, &err), &err);
    CHECK_OK(c, gf_trace_init(&lean, &m.config, 8, false, &err), &err);
    CHECK_OK(c, gf_forward_full(&m, &tr, tokens, 3, &err), &err);
    CHECK_OK(c, gf_forward_full(&m, &lean, tokens, 3, &err), &err);
    expect_error(c, &m, &lean, (gf_explain_at){"attn.k", 0, -1, 0, 0}, 1, "lean trace");
    expect_error(c, &m, &tr, (gf_explain_at){"attn.nope", 0, -1, 0, 0}, 1,
                 "attn.nope: not a value");
    expect_error(c, &m, &tr, (gf_explain_at){"ln_f.out", -1, -1, 0, 0}, 1, "no such tensor (post");
    expect_error(c, &m, &tr, (gf_explain_at){"mlp.gate", 0, -1, 0, 0}, 1, "no such tensor");
    expect_error(c, &m, &tr, (gf_explain_at){"res_1", 0, -1, 3, 0}, 1,
                 "position 3 is outside 0..2");
    expect_error(c, &m, &tr, (gf_explain_at){"res_1", 0, -1, 0, 16}, 1,
                 "column 16 is outside 0..15");
    expect_error(c, &m, &tr, (gf_explain_at){"res_1", 2, -1, 0, 0}, 1, "layer 2 is outside 0..1");
    expect_error(c, &m, &tr, (gf_explain_at){"res_1", 0, 1, 0, 0}, 1, "has no heads");
    expect_error(c, &m, &tr, (gf_explain_at){"x0", 0, -1, 0, 0}, 1, "has no layer");
    expect_error(c, &m, &tr, (gf_explain_at){"attn.scores", 0, -1, 0, 0}, 1,
                 "head -1 is outside 0..3");
    expect_error(c, &m, &tr, (gf_explain_at){"attn.scores", 0, 0, 0, 3}, 1,
                 "column 3 is outside 0..2");
    expect_error(c, &m, &tr, (gf_explain_at){"attn.q", 0, 4, 0, 0}, 1, "head 4 is outside 0..3");
    expect_error(c, &m, &tr, (gf_explain_at){"attn.q", 0, 1, 0, 4}, 1, "column 4 is outside 0..3");
    expect_error(c, &m, &tr, (gf_explain_at){"probs", -1, -1, 0, 0}, -1, "temperature");
    gf_trace_free(&tr);
    gf_trace_free(&lean);
    gf_model_free(&m);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "explain");
    for (int i = 0; i < VARIANT_COUNT; i++)
        sweep_variant(&c, &VARIANTS[i]);
    test_hand_cases(&c);
    test_activation_curve(&c);
    test_errors(&c);
    return check_end(&c);
}

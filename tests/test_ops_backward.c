/* test_ops_backward.c — every backward op against central finite
 * differences of a double-precision forward written here from the maths.
 *
 * Each op is checked through a scalar objective L = Σ dout ⊙ op(inputs) with
 * a random dout: the analytic gradient of L with respect to every input is
 * what the backward returns. The inputs are floats (what the trainer has);
 * the objective copies them to double and perturbs them there, so the
 * finite differences carry no float rounding. Gradient buffers start at
 * ACC0, not 0, which also checks that every backward adds. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "ops.h"
#include "ops_backward.h"
#include "ops_kernels.h"

#define ACC0 0.25f      /* starting value of every gradient buffer          */
#define FD_STEP 1e-5    /* central-difference step (double)                  */
#define TOL_REL 1e-4    /* float backward vs double differences              */
#define TOL_ABS 2e-6

typedef double (*objective_fn)(const void *ctx);

/* Deterministic values in [-scale, scale). */
static void fill(float *x, int n, unsigned seed, float scale)
{
    for (int i = 0; i < n; i++) {
        seed = seed * 1664525u + 1013904223u;
        x[i] = ((float)(seed >> 8) / 16777216.0f * 2.0f - 1.0f) * scale;
    }
}

static void to_double(double *dst, const float *src, int n)
{
    for (int i = 0; i < n; i++)
        dst[i] = src[i];
}

static void fill_acc(float *g, int n)
{
    for (int i = 0; i < n; i++)
        g[i] = ACC0;
}

/* Compare grad[i] − ACC0 with the central difference of f at x[i], for i in
 * [0, n); one check per array, naming the worst element on failure. */
static void fd_check(check_ctx *c, const char *label, objective_fn f, const void *ctx,
                     double *x, int n, const float *grad)
{
    double worst = 0.0;
    int worst_i = -1;
    double worst_got = 0.0, worst_want = 0.0;
    for (int i = 0; i < n; i++) {
        const double saved = x[i];
        x[i] = saved + FD_STEP;
        const double plus = f(ctx);
        x[i] = saved - FD_STEP;
        const double minus = f(ctx);
        x[i] = saved;
        const double want = (plus - minus) / (2.0 * FD_STEP);
        const double got = (double)grad[i] - ACC0;
        const double ratio = fabs(got - want) / (TOL_REL * fabs(want) + TOL_ABS);
        if (ratio > worst) {
            worst = ratio;
            worst_i = i;
            worst_got = got;
            worst_want = want;
        }
    }
    if (worst > 1.0)
        fprintf(stderr, "%s: element %d: backward %.9g, differences %.9g\n", label, worst_i,
                worst_got, worst_want);
    char what[128];
    snprintf(what, sizeof what, "%s matches finite differences", label);
    check_true(c, worst <= 1.0, what, __FILE__, __LINE__);
}

/* ---- linear ------------------------------------------------------------ */

enum { LR = 3, LK = 5, LN = 4, LDW = 6 };

typedef struct {
    double in[LR * LK], w[LK * LDW], b[LN], dout[LR * LN];
    int ldw;
} linear_ctx;

static double linear_objective(const void *p)
{
    const linear_ctx *x = p;
    double sum = 0.0;
    for (int r = 0; r < LR; r++)
        for (int j = 0; j < LN; j++) {
            double o = x->b[j];
            for (int i = 0; i < LK; i++)
                o += x->in[r * LK + i] * x->w[i * x->ldw + j];
            sum += x->dout[r * LN + j] * o;
        }
    return sum;
}

static void test_linear(check_ctx *c)
{
    float in[LR * LK], w[LK * LDW], b[LN], dout[LR * LN];
    float din[LR * LK], dw[LK * LDW], db[LN], wt[LN * LK];
    fill(in, LR * LK, 1, 1.0f);
    fill(w, LK * LDW, 2, 1.0f);
    fill(b, LN, 3, 1.0f);
    fill(dout, LR * LN, 4, 1.0f);
    fill_acc(din, LR * LK);
    fill_acc(dw, LK * LDW);
    fill_acc(db, LN);
    gf_op_transpose(wt, w, LDW, LK, LN);
    bool transposed = true;   /* wt (N, K) = wᵀ, element by element */
    for (int i = 0; i < LK; i++)
        for (int j = 0; j < LN; j++)
            transposed = transposed && wt[j * LK + i] == w[i * LDW + j];
    CHECK(c, transposed);
    gf_op_linear_backward(din, dw, db, dout, in, wt, LDW, LR, LK, LN);
    linear_ctx x;
    x.ldw = LDW;
    to_double(x.in, in, LR * LK);
    to_double(x.w, w, LK * LDW);
    to_double(x.b, b, LN);
    to_double(x.dout, dout, LR * LN);
    fd_check(c, "linear din", linear_objective, &x, x.in, LR * LK, din);
    fd_check(c, "linear dw", linear_objective, &x, x.w, LK * LDW, dw);
    fd_check(c, "linear db", linear_objective, &x, x.b, LN, db);
    /* Columns beyond N of each ldw-wide row belong to someone else. */
    bool untouched = true;
    for (int i = 0; i < LK; i++)
        for (int j = LN; j < LDW; j++)
            untouched = untouched && dw[i * LDW + j] == ACC0;
    CHECK(c, untouched);
    /* NULL gradients are skipped; the others are unchanged by that. */
    float dw2[LK * LDW];
    fill_acc(dw2, LK * LDW);
    gf_op_linear_backward(NULL, dw2, NULL, dout, in, NULL, LDW, LR, LK, LN);
    CHECK(c, memcmp(dw, dw2, sizeof dw) == 0);
}

typedef struct {
    double in[LR * LK], w[LN * LK], dout[LR * LN];
} linear_t_ctx;

static double linear_t_objective(const void *p)
{
    const linear_t_ctx *x = p;
    double sum = 0.0;
    for (int r = 0; r < LR; r++)
        for (int j = 0; j < LN; j++) {
            double o = 0.0;
            for (int i = 0; i < LK; i++)
                o += x->in[r * LK + i] * x->w[j * LK + i];
            sum += x->dout[r * LN + j] * o;
        }
    return sum;
}

static void test_linear_transposed(check_ctx *c)
{
    float in[LR * LK], w[LN * LK], dout[LR * LN], din[LR * LK], dw[LN * LK];
    fill(in, LR * LK, 5, 1.0f);
    fill(w, LN * LK, 6, 1.0f);
    fill(dout, LR * LN, 7, 1.0f);
    fill_acc(din, LR * LK);
    fill_acc(dw, LN * LK);
    gf_op_linear_transposed_backward(din, dw, dout, in, w, LR, LK, LN);
    linear_t_ctx x;
    to_double(x.in, in, LR * LK);
    to_double(x.w, w, LN * LK);
    to_double(x.dout, dout, LR * LN);
    fd_check(c, "linear_transposed din", linear_t_objective, &x, x.in, LR * LK, din);
    fd_check(c, "linear_transposed dw", linear_t_objective, &x, x.w, LN * LK, dw);
}

/* ---- norms --------------------------------------------------------------- */

enum { NR = 3, NC = 7 };
#define NORM_EPS 1e-5

typedef struct {
    double in[NR * NC], g[NC], b[NC], dout[NR * NC];
    bool rms;
} norm_ctx;

static double norm_objective(const void *p)
{
    const norm_ctx *x = p;
    double sum = 0.0;
    for (int r = 0; r < NR; r++) {
        const double *row = x->in + r * NC;
        double mean = 0.0, var = 0.0;
        if (!x->rms) {
            for (int i = 0; i < NC; i++) mean += row[i] / NC;
        }
        for (int i = 0; i < NC; i++) var += (row[i] - mean) * (row[i] - mean) / NC;
        for (int i = 0; i < NC; i++) {
            double y = (row[i] - mean) / sqrt(var + NORM_EPS) * x->g[i];
            if (!x->rms)
                y += x->b[i];
            sum += x->dout[r * NC + i] * y;
        }
    }
    return sum;
}

static void test_norm(check_ctx *c, bool rms)
{
    float in[NR * NC], g[NC], b[NC], dout[NR * NC], out[NR * NC], mean[NR], rstd[NR];
    float din[NR * NC], dg[NC], db[NC];
    fill(in, NR * NC, 8, 2.0f);
    in[3] += 1.5f; /* a row whose mean is far from 0 */
    fill(g, NC, 9, 1.5f);
    fill(b, NC, 10, 1.0f);
    fill(dout, NR * NC, 11, 1.0f);
    fill_acc(din, NR * NC);
    fill_acc(dg, NC);
    fill_acc(db, NC);
    if (rms) {
        gf_op_rmsnorm(out, NULL, rstd, in, g, NR, NC, (float)NORM_EPS);
        gf_op_rmsnorm_backward(din, dg, dout, in, rstd, g, NR, NC);
    } else {
        gf_op_layernorm(out, mean, NULL, rstd, in, g, b, NR, NC, (float)NORM_EPS);
        gf_op_layernorm_backward(din, dg, db, dout, in, mean, rstd, g, NR, NC);
    }
    norm_ctx x;
    x.rms = rms;
    to_double(x.in, in, NR * NC);
    to_double(x.g, g, NC);
    to_double(x.b, b, NC);
    to_double(x.dout, dout, NR * NC);
    fd_check(c, rms ? "rmsnorm din" : "layernorm din", norm_objective, &x, x.in, NR * NC, din);
    fd_check(c, rms ? "rmsnorm dg" : "layernorm dg", norm_objective, &x, x.g, NC, dg);
    if (!rms)
        fd_check(c, "layernorm db", norm_objective, &x, x.b, NC, db);
}

/* ---- activations ----------------------------------------------------------- */

enum { AN = 13 };

typedef struct {
    double pre[AN], up[AN], dout[AN];
    int kind;   /* 0 gelu tanh, 1 gelu exact, 2 relu, 3 silu, 4 swiglu */
} act_ctx;

static double act_value(int kind, double h)
{
    const double pi = 3.14159265358979323846;
    switch (kind) {
    case 0: return 0.5 * h * (1.0 + tanh(sqrt(2.0 / pi) * (h + 0.044715 * h * h * h)));
    case 1: return 0.5 * h * (1.0 + erf(h / sqrt(2.0)));
    case 2: return h > 0.0 ? h : 0.0;
    default: return h / (1.0 + exp(-h));
    }
}

static double act_objective(const void *p)
{
    const act_ctx *x = p;
    double sum = 0.0;
    for (int i = 0; i < AN; i++)
        sum += x->dout[i] * act_value(x->kind, x->pre[i]) * (x->kind == 4 ? x->up[i] : 1.0);
    return sum;
}

static void test_activations(check_ctx *c)
{
    static const char *const labels[] = {"gelu_tanh", "gelu_exact", "relu", "silu"};
    float (*const grads[])(float) = {gf_op_gelu_tanh_grad, gf_op_gelu_exact_grad,
                                     gf_op_relu_grad, gf_op_silu_grad};
    float pre[AN], up[AN], dout[AN], dpre[AN], dup[AN];
    fill(pre, AN, 12, 4.0f);
    pre[0] = -7.0f; /* far tails */
    pre[1] = 6.5f;
    fill(up, AN, 13, 1.0f);
    fill(dout, AN, 14, 1.0f);
    act_ctx x;
    to_double(x.pre, pre, AN);
    to_double(x.up, up, AN);
    to_double(x.dout, dout, AN);
    for (int kind = 0; kind < 4; kind++) {
        fill_acc(dpre, AN);
        gf_op_activation_backward(dpre, dout, pre, AN, grads[kind]);
        x.kind = kind;
        fd_check(c, labels[kind], act_objective, &x, x.pre, AN, dpre);
    }
    /* Hand values: gelu'(0) = silu'(0) = 1/2; relu'(0) = 0 (a subgradient). */
    CHECK_NEAR(c, gf_op_gelu_tanh_grad(0.0f), 0.5, 1e-7);
    CHECK_NEAR(c, gf_op_gelu_exact_grad(0.0f), 0.5, 1e-7);
    CHECK_NEAR(c, gf_op_silu_grad(0.0f), 0.5, 1e-7);
    CHECK_NEAR(c, gf_op_relu_grad(0.0f), 0.0, 0.0);
    CHECK_NEAR(c, gf_op_relu_grad(-2.0f), 0.0, 0.0);
    CHECK_NEAR(c, gf_op_relu_grad(3.0f), 1.0, 0.0);

    fill_acc(dpre, AN);
    fill_acc(dup, AN);
    gf_op_swiglu_backward(dpre, dup, dout, pre, up, AN);
    x.kind = 4;
    fd_check(c, "swiglu dgate", act_objective, &x, x.pre, AN, dpre);
    fd_check(c, "swiglu dup", act_objective, &x, x.up, AN, dup);
}

/* ---- softmax --------------------------------------------------------------- */

enum { SN = 6, SVISIBLE = 4 };

typedef struct {
    double x[SN], dp[SN];
} softmax_ctx;

/* L = Σ dp·softmax(x) over the first SVISIBLE entries (the rest masked). */
static double softmax_objective(const void *p)
{
    const softmax_ctx *s = p;
    double max = -INFINITY, sum = 0.0, out = 0.0;
    for (int i = 0; i < SVISIBLE; i++)
        max = s->x[i] > max ? s->x[i] : max;
    for (int i = 0; i < SVISIBLE; i++)
        sum += exp(s->x[i] - max);
    for (int i = 0; i < SVISIBLE; i++)
        out += s->dp[i] * exp(s->x[i] - max) / sum;
    return out;
}

static void test_softmax(check_ctx *c)
{
    float x[SN], p[SN], dp[SN], dx[SN];
    fill(x, SN, 15, 3.0f);
    fill(dp, SN, 16, 1.0f);
    for (int i = SVISIBLE; i < SN; i++)
        x[i] = -INFINITY;
    memcpy(p, x, sizeof p);
    gf_op_softmax(p, SN);
    fill_acc(dx, SN);
    gf_op_softmax_backward(dx, p, dp, SN);
    softmax_ctx s;
    to_double(s.x, x, SVISIBLE);
    to_double(s.dp, dp, SN);
    fd_check(c, "softmax dx", softmax_objective, &s, s.x, SVISIBLE, dx);
    CHECK(c, dx[SVISIBLE] == ACC0 && dx[SN - 1] == ACC0); /* masked: no gradient */
    /* Σ dx = 0: a constant shift of the inputs changes nothing. */
    double total = 0.0;
    for (int i = 0; i < SN; i++)
        total += dx[i] - ACC0;
    CHECK_NEAR(c, total, 0.0, 1e-6);
}

/* ---- attention (one head) ------------------------------------------------- */

enum { AT = 5, AHS = 3, ALD = 4, ALDW = 7 };

typedef struct {
    double q[AT * ALD], k[AT * ALD], v[AT * ALD], weights[AT * ALDW], dout[AT * ALD];
    double dscores[AT * ALDW];
    double scale;
    int part;  /* 0 whole attention, 1 weighted values (of weights, v), 2 scores */
} attention_ctx;

static double attention_objective(const void *p)
{
    const attention_ctx *a = p;
    double sum = 0.0, w[AT];
    for (int t = 0; t < AT; t++) {
        double s[AT], max = -INFINITY, total = 0.0;
        for (int j = 0; j <= t; j++) {
            s[j] = 0.0;
            for (int d = 0; d < AHS; d++)
                s[j] += a->q[t * ALD + d] * a->k[j * ALD + d];
            s[j] *= a->scale;
            max = s[j] > max ? s[j] : max;
        }
        if (a->part == 2) {
            for (int j = 0; j <= t; j++)
                sum += a->dscores[t * ALDW + j] * s[j];
            continue;
        }
        for (int j = 0; j <= t; j++)
            total += exp(s[j] - max);
        for (int j = 0; j <= t; j++)
            w[j] = a->part == 1 ? a->weights[t * ALDW + j] : exp(s[j] - max) / total;
        for (int d = 0; d < AHS; d++) {
            double o = 0.0;
            for (int j = 0; j <= t; j++)
                o += w[j] * a->v[j * ALD + d];
            sum += a->dout[t * ALD + d] * o;
        }
    }
    return sum;
}

/* Causal softmax weights of q·kᵀ·scale, in double, stored as floats. */
static void attention_weights(float *weights, const float *q, const float *k, float scale)
{
    for (int t = 0; t < AT; t++) {
        double s[AT], max = -INFINITY, total = 0.0;
        for (int j = 0; j <= t; j++) {
            s[j] = 0.0;
            for (int d = 0; d < AHS; d++)
                s[j] += (double)q[t * ALD + d] * k[j * ALD + d];
            s[j] *= scale;
            max = s[j] > max ? s[j] : max;
        }
        for (int j = 0; j <= t; j++)
            total += exp(s[j] - max);
        for (int j = 0; j < ALDW; j++)
            weights[t * ALDW + j] = j <= t ? (float)(exp(s[j] - max) / total) : 0.0f;
    }
}

static void test_attention(check_ctx *c)
{
    const float scale = 1.0f / sqrtf((float)AHS);
    float q[AT * ALD], k[AT * ALD], v[AT * ALD], dout[AT * ALD], weights[AT * ALDW];
    float dq[AT * ALD], dk[AT * ALD], dv[AT * ALD], dweights[AT * ALDW], dscores[AT * ALDW];
    float scratch[2 * AT * ALDW];
    fill(q, AT * ALD, 17, 1.5f);
    fill(k, AT * ALD, 18, 1.5f);
    fill(v, AT * ALD, 19, 1.0f);
    fill(dout, AT * ALD, 20, 1.0f);
    fill(dscores, AT * ALDW, 21, 1.0f);
    attention_weights(weights, q, k, scale);
    attention_ctx a;
    a.scale = scale;
    to_double(a.q, q, AT * ALD);
    to_double(a.k, k, AT * ALD);
    to_double(a.v, v, AT * ALD);
    to_double(a.weights, weights, AT * ALDW);
    to_double(a.dout, dout, AT * ALD);
    to_double(a.dscores, dscores, AT * ALDW);

    /* Weighted values: gradients for weights (lower triangle) and v. */
    fill_acc(dweights, AT * ALDW);
    fill_acc(dv, AT * ALD);
    gf_op_weighted_values_backward(dweights, dv, dout, weights, v, AT, AHS, ALD, ALDW);
    a.part = 1;
    fd_check(c, "weighted values dweights", attention_objective, &a, a.weights, AT * ALDW,
             dweights);
    fd_check(c, "weighted values dv", attention_objective, &a, a.v, AT * ALD, dv);

    /* Scores: L = Σ dscores·scores over the causal triangle. */
    for (int t = 0; t < AT; t++) /* entries above the diagonal are not read */
        for (int j = t + 1; j < ALDW; j++)
            dscores[t * ALDW + j] = NAN;
    fill_acc(dq, AT * ALD);
    fill_acc(dk, AT * ALD);
    gf_op_scores_backward(dq, dk, dscores, q, k, AT, AHS, ALD, ALDW, scale);
    a.part = 2;
    fd_check(c, "scores dq", attention_objective, &a, a.q, AT * ALD, dq);
    fd_check(c, "scores dk", attention_objective, &a, a.k, AT * ALD, dk);

    /* The whole head. */
    fill_acc(dq, AT * ALD);
    fill_acc(dk, AT * ALD);
    fill_acc(dv, AT * ALD);
    memset(scratch, 0x7f, sizeof scratch); /* garbage: the op must clear it */
    gf_op_attention_backward(dq, dk, dv, dout, q, k, v, weights, AT, AHS, ALD, ALDW, scale,
                             scratch);
    a.part = 0;
    fd_check(c, "attention dq", attention_objective, &a, a.q, AT * ALD, dq);
    fd_check(c, "attention dk", attention_objective, &a, a.k, AT * ALD, dk);
    fd_check(c, "attention dv", attention_objective, &a, a.v, AT * ALD, dv);
    /* Columns past hs of each ld-wide row belong to other heads. */
    CHECK(c, dq[AHS] == ACC0 && dk[ALD + AHS] == ACC0 && dv[2 * ALD + AHS] == ACC0);
}

/* ---- embedding --------------------------------------------------------------- */

enum { EV = 5, ET = 6, EC = 3 };

typedef struct {
    double wte[EV * EC], wpe[ET * EC], dout[ET * EC];
    const int32_t *tokens;
} embed_ctx;

static double embed_objective(const void *p)
{
    const embed_ctx *e = p;
    double sum = 0.0;
    for (int t = 0; t < ET; t++)
        for (int i = 0; i < EC; i++)
            sum += e->dout[t * EC + i] * (e->wte[e->tokens[t] * EC + i] + e->wpe[t * EC + i]);
    return sum;
}

static void test_embedding(check_ctx *c)
{
    static const int32_t tokens[ET] = {2, 0, 2, 4, 2, 0}; /* repeats; 1 and 3 unused */
    float wte[EV * EC], wpe[ET * EC], dout[ET * EC], dwte[EV * EC], dwpe[ET * EC];
    fill(wte, EV * EC, 22, 1.0f);
    fill(wpe, ET * EC, 23, 1.0f);
    fill(dout, ET * EC, 24, 1.0f);
    fill_acc(dwte, EV * EC);
    fill_acc(dwpe, ET * EC);
    gf_op_embedding_backward(dwte, dwpe, dout, tokens, ET, EC);
    embed_ctx e;
    e.tokens = tokens;
    to_double(e.wte, wte, EV * EC);
    to_double(e.wpe, wpe, ET * EC);
    to_double(e.dout, dout, ET * EC);
    fd_check(c, "embedding dwte", embed_objective, &e, e.wte, EV * EC, dwte);
    fd_check(c, "embedding dwpe", embed_objective, &e, e.wpe, ET * EC, dwpe);
    CHECK(c, dwte[1 * EC] == ACC0 && dwte[3 * EC + 2] == ACC0); /* unused rows untouched */
    float dwte2[EV * EC];
    fill_acc(dwte2, EV * EC);
    gf_op_embedding_backward(dwte2, NULL, dout, tokens, ET, EC); /* sinusoidal: no dwpe */
    CHECK(c, memcmp(dwte, dwte2, sizeof dwte) == 0);
}

/* ---- cross-entropy ----------------------------------------------------------- */

enum { CV = 9, CTARGET = 4 };
#define CE_SCALE 0.3f

typedef struct {
    double logits[CV];
} ce_ctx;

static double ce_objective(const void *p)
{
    const ce_ctx *e = p;
    double sum = 0.0;
    for (int i = 0; i < CV; i++)
        sum += exp(e->logits[i]);
    return CE_SCALE * (log(sum) - e->logits[CTARGET]);
}

static void test_cross_entropy(check_ctx *c)
{
    float logits[CV], dlogits[CV];
    fill(logits, CV, 25, 4.0f);
    for (int i = 0; i < CV; i++)
        dlogits[i] = NAN;   /* the op writes its dlogits: old contents are not read */
    const double loss = gf_op_cross_entropy_backward(dlogits, logits, CTARGET, CV, CE_SCALE);
    for (int i = 0; i < CV; i++)
        dlogits[i] += ACC0;   /* fd_check compares grad − ACC0 */
    ce_ctx e;
    to_double(e.logits, logits, CV);
    /* e^x is taken in float (within 2 ulp) and summed in double: the loss
     * is good to a few parts in 10^7 of its size. */
    CHECK_NEAR(c, loss * CE_SCALE, ce_objective(&e), 1e-6 * fabs(ce_objective(&e)));
    fd_check(c, "cross-entropy dlogits", ce_objective, &e, e.logits, CV, dlogits);
    /* Uniform logits: loss = log V exactly; huge logits do not overflow. */
    float flat[CV], huge[CV];
    for (int i = 0; i < CV; i++) {
        flat[i] = 2.0f;
        huge[i] = i == 1 ? 1e30f : 0.0f;
    }
    CHECK_NEAR(c, gf_op_cross_entropy_backward(NULL, flat, 0, CV, 1.0f), log((double)CV), 1e-12);
    CHECK_NEAR(c, gf_op_cross_entropy_backward(NULL, huge, 1, CV, 1.0f), 0.0, 1e-12);
    /* A NaN logit (not the target's) makes the loss NaN, not a number. */
    float damaged[CV];
    for (int i = 0; i < CV; i++)
        damaged[i] = (float)i;
    damaged[2] = NAN;
    CHECK(c, isnan(gf_op_cross_entropy_backward(NULL, damaged, 0, CV, 1.0f)));
    /* A wider range: every e^x within 2 ulp of the double value. */
    float xs[CV * 40], es[CV * 40];
    for (int i = 0; i < CV * 40; i++)
        xs[i] = -87.0f + 175.0f * (float)i / (CV * 40 - 1);
    gf_kernels_best()->exp_block(es, xs, 0.0f, CV * 40);
    double worst = 0.0;
    for (int i = 0; i < CV * 40; i++)
        worst = fmax(worst, fabs(es[i] / exp((double)xs[i]) - 1.0));
    CHECK(c, worst < 2.5e-7);
}

/* A vocabulary-sized row (not a multiple of the lanes or of the chunk),
 * its largest logit in the tail or in the vector part: loss and dlogits
 * against softmax computed in double, with and without dlogits. */
static void test_cross_entropy_wide(check_ctx *c)
{
    enum { WV = 8203, WTARGET = 4100 };
    static float logits[WV], dlogits[WV];
    const int max_at[] = {WV - 3, 17};
    for (int m = 0; m < 2; m++) {
        fill(logits, WV, 40 + m, 6.0f);
        logits[max_at[m]] = 9.0f;
        double max = -INFINITY, sum = 0.0;
        for (int i = 0; i < WV; i++)
            max = fmax(max, logits[i]);
        for (int i = 0; i < WV; i++)
            sum += exp(logits[i] - max);
        const double want_loss = log(sum) + max - logits[WTARGET];
        const double loss = gf_op_cross_entropy_backward(dlogits, logits, WTARGET, WV, CE_SCALE);
        const double loss_only = gf_op_cross_entropy_backward(NULL, logits, WTARGET, WV, 1.0f);
        CHECK_NEAR(c, loss, want_loss, 1e-6);
        CHECK_NEAR(c, loss_only, want_loss, 1e-6);
        double worst = 0.0;
        for (int i = 0; i < WV; i++) {
            const double p = exp(logits[i] - max) / sum;
            const double want = CE_SCALE * (p - (i == WTARGET ? 1.0 : 0.0));
            worst = fmax(worst, fabs(dlogits[i] - want) / (1e-6 * fabs(want) + 1e-12));
        }
        CHECK(c, worst <= 1.0);
    }
    /* A huge logit among the vectors: found as the largest, no overflow. */
    logits[17] = 1e30f;
    CHECK_NEAR(c, gf_op_cross_entropy_backward(NULL, logits, 17, WV, 1.0f), 0.0, 1e-12);
}

/* One term added to a running sum the way the kernels do: one rounding
 * with fused multiply-add, else the product's and the sum's. */
static float add_term(float sum, float x, float y, bool fused)
{
    return fused ? fmaf(x, y, sum) : sum + x * y;
}

/* The cache-blocked kernels against plain loops that add each term in turn,
 * in the order the header states (j or r increasing): equal bit for bit, on
 * a shape with ragged blocks, big enough to take the threaded path. */
static void test_blocked_bitwise(check_ctx *c)
{
    const bool fused = gf_kernels_best()->fused;
    enum { R = 37, K = 40, N = 41, LDW = N + 3 };
    float *in = malloc(sizeof(float) * R * K), *dout = malloc(sizeof(float) * R * N);
    float *w = malloc(sizeof(float) * K * LDW), *wt = malloc(sizeof(float) * K * N);
    float *din = calloc(R * K, sizeof(float)), *dw = calloc(K * LDW, sizeof(float));
    float *db = calloc(N, sizeof(float)), *want_din = calloc(R * K, sizeof(float));
    float *want_dw = calloc(K * LDW, sizeof(float)), *want_db = calloc(N, sizeof(float));
    float *out = malloc(sizeof(float) * R * N), *want_out = malloc(sizeof(float) * R * N);
    if (!CHECK(c, in && dout && w && wt && din && dw && db && want_din && want_dw && want_db &&
                      out && want_out))
        goto done;
    fill(in, R * K, 11, 1.0f);
    fill(dout, R * N, 12, 1.0f);
    fill(w, K * LDW, 13, 0.5f);

    /* Linear, w (K, N) rows LDW apart. */
    gf_op_transpose(wt, w, LDW, K, N);
    gf_op_linear_backward(din, dw, db, dout, in, wt, LDW, R, K, N);
    for (int r = 0; r < R; r++)
        for (int j = 0; j < N; j++) {
            for (int i = 0; i < K; i++) {
                want_din[r * K + i] = add_term(want_din[r * K + i], dout[r * N + j],
                                               w[i * LDW + j], fused);
                want_dw[i * LDW + j] = add_term(want_dw[i * LDW + j], in[r * K + i],
                                                dout[r * N + j], fused);
            }
            want_db[j] += dout[r * N + j];
        }
    CHECK(c, memcmp(din, want_din, sizeof(float) * R * K) == 0);
    CHECK(c, memcmp(dw, want_dw, sizeof(float) * K * LDW) == 0);
    CHECK(c, memcmp(db, want_db, sizeof(float) * N) == 0);

    /* Transposed, w (N, K): din += dout · w, dw += doutᵀ · in. */
    memset(din, 0, sizeof(float) * R * K);
    memset(dw, 0, sizeof(float) * N * K);
    memset(want_din, 0, sizeof(float) * R * K);
    memset(want_dw, 0, sizeof(float) * N * K);
    gf_op_linear_transposed_backward(din, dw, dout, in, w, R, K, N);
    for (int r = 0; r < R; r++)
        for (int j = 0; j < N; j++)
            for (int i = 0; i < K; i++) {
                want_din[r * K + i] = add_term(want_din[r * K + i], dout[r * N + j],
                                               w[j * K + i], fused);
                want_dw[j * K + i] = add_term(want_dw[j * K + i], dout[r * N + j],
                                              in[r * K + i], fused);
            }
    CHECK(c, memcmp(din, want_din, sizeof(float) * R * K) == 0);
    CHECK(c, memcmp(dw, want_dw, sizeof(float) * N * K) == 0);

    /* Its forward: every output one gf_op_dot, however the blocks fall. */
    gf_op_linear_transposed(out, in, w, R, K, N);
    for (int r = 0; r < R; r++)
        for (int j = 0; j < N; j++)
            want_out[r * N + j] = gf_op_dot(in + r * K, w + j * K, K);
    CHECK(c, memcmp(out, want_out, sizeof(float) * R * N) == 0);
done:
    free(in), free(dout), free(w), free(wt), free(din), free(dw), free(db);
    free(want_din), free(want_dw), free(want_db), free(out), free(want_out);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "ops_backward");
    test_linear(&c);
    test_linear_transposed(&c);
    test_blocked_bitwise(&c);
    test_norm(&c, false);
    test_norm(&c, true);
    test_activations(&c);
    test_softmax(&c);
    test_attention(&c);
    test_embedding(&c);
    test_cross_entropy(&c);
    test_cross_entropy_wide(&c);
    return check_end(&c);
}

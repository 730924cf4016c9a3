/* ops_backward.c — gradients of the forward kernels (see ops_backward.h).
 *
 * Every function adds into its gradient outputs (cross-entropy, whose row of
 * logits feeds one loss only, writes its dlogits). Sums run in a fixed order
 * and OpenMP only splits independent output rows, so a gradient does not
 * depend on the thread count. */
#include "ops_backward.h"

#include <math.h>
#include <string.h>

#include "ops.h"
#include "ops_kernels.h"

/* dst (n) += a · src (n). */
static void axpy(float *dst, float a, const float *src, int n)
{
    for (int i = 0; i < n; i++)
        dst[i] += a * src[i];
}

/* In 8×8 tiles: 8 rows read and 8 written at a time stay in few enough
 * cache sets even when rows are 2 KiB apart (16×16 tiles did not). */
void gf_op_transpose(float *wt, const float *w, int ldw, int k, int n)
{
    enum { TILE = 8 };
    for (int i0 = 0; i0 < k; i0 += TILE)
        for (int j0 = 0; j0 < n; j0 += TILE) {
            const int i1 = i0 + TILE < k ? i0 + TILE : k, j1 = j0 + TILE < n ? j0 + TILE : n;
            for (int i = i0; i < i1; i++)
                for (int j = j0; j < j1; j++)
                    wt[(long)j * k + i] = w[(long)i * ldw + j];
        }
}

/* The matrix products go to the gemm kernel of ops_kernels.h, in its
 * accumulate mode: each gradient element starts from its value and takes
 * its terms one by one in increasing order, with the split over threads
 * only ever by output element, so the thread count never changes a bit. */
static void gemm_accumulate(float *c, long ldc, const float *a, long a_row, long a_step,
                            const float *b, long ldb, int m, int n, int k)
{
    const gf_gemm g = {c, ldc, a, a_row, a_step, b, ldb, NULL, GF_GEMM_ACCUMULATE, m, n, k,
                       GF_HALF_VIEW_NONE};
    gf_gemm_run(&g);
}

void gf_op_linear_backward(float *din, float *dw, float *db, const float *dout, const float *in,
                           const float *wt, int ldw, int rows, int k, int n)
{
    if (din) /* din (R, K) += dout (R, N) · wt (N, K): wᵀ's rows are contiguous */
        gemm_accumulate(din, k, dout, n, 1, wt, k, rows, k, n);
    if (dw) /* dw (K, N) += inᵀ (K, R) · dout (R, N): in read transposed */
        gemm_accumulate(dw, ldw, in, 1, k, dout, n, k, n, rows);
    if (db) /* db[j] += Σ_r dout[r][j], r increasing */
        for (int r = 0; r < rows; r++)
            axpy(db, 1.0f, dout + (long)r * n, n);
}

void gf_op_linear_transposed_backward(float *din, float *dw, const float *dout,
                                      const float *in, const float *w, int rows, int k, int n)
{
    if (din) /* din (R, K) += dout (R, N) · w (N, K) */
        gemm_accumulate(din, k, dout, n, 1, w, k, rows, k, n);
    if (dw) /* dw (N, K) += doutᵀ (N, R) · in (R, K): dout read transposed */
        gemm_accumulate(dw, k, dout, 1, n, in, k, n, k, rows);
}

/* The shared tail of both norms for one row: with x̂ the normalized input
 * and dx̂ = dout·g, din += rstd·(dx̂ − mean(dx̂)·centered − x̂·mean(dx̂·x̂)).
 * centered is 1 for LayerNorm (the mean was subtracted), 0 for RMSNorm. */
static void norm_row_backward(float *din, float *dg, float *db, const float *dout,
                              const float *x, double mu, double rstd, const float *g, int c,
                              double centered)
{
    double sum_dxhat = 0.0, sum_dxhat_xhat = 0.0;
    for (int i = 0; i < c; i++) {
        const double xhat = (x[i] - mu) * rstd;
        const double dxhat = (double)dout[i] * g[i];
        sum_dxhat += dxhat;
        sum_dxhat_xhat += dxhat * xhat;
        dg[i] += (float)(dout[i] * xhat);
        if (db)
            db[i] += dout[i];
    }
    const double mean_dxhat = centered * sum_dxhat / c, mean_dxhat_xhat = sum_dxhat_xhat / c;
    for (int i = 0; i < c; i++) {
        const double xhat = (x[i] - mu) * rstd;
        const double dxhat = (double)dout[i] * g[i];
        din[i] += (float)(rstd * (dxhat - mean_dxhat - xhat * mean_dxhat_xhat));
    }
}

void gf_op_layernorm_backward(float *din, float *dg, float *db, const float *dout,
                              const float *in, const float *mean, const float *rstd,
                              const float *g, int rows, int c)
{
    for (int r = 0; r < rows; r++)
        norm_row_backward(din + (long)r * c, dg, db, dout + (long)r * c, in + (long)r * c,
                          mean[r], rstd[r], g, c, 1.0);
}

void gf_op_rmsnorm_backward(float *din, float *dg, const float *dout, const float *in,
                            const float *rstd, const float *g, int rows, int c)
{
    for (int r = 0; r < rows; r++)
        norm_row_backward(din + (long)r * c, dg, NULL, dout + (long)r * c, in + (long)r * c,
                          0.0, rstd[r], g, c, 0.0);
}

float gf_op_gelu_tanh_grad(float x)
{
    float grad;
    gf_op_gelu_tanh_grad_rows(&grad, &x, 1);
    return grad;
}

void gf_op_gelu_tanh_backward(float *dpre, const float *dact, const float *pre, size_t n)
{
    float grad[GF_OP_ACT_CHUNK];
    for (size_t i0 = 0; i0 < n; i0 += GF_OP_ACT_CHUNK) {
        const size_t m = n - i0 < GF_OP_ACT_CHUNK ? n - i0 : GF_OP_ACT_CHUNK;
        gf_op_gelu_tanh_grad_rows(grad, pre + i0, m);
        for (size_t i = 0; i < m; i++)
            dpre[i0 + i] += dact[i0 + i] * grad[i];
    }
}

float gf_op_gelu_exact_grad(float x)
{
    const double xd = x;   /* Φ(x) + x·φ(x) */
    return (float)(0.5 * (1.0 + erf(xd * 0.7071067811865476)) +
                   xd * exp(-0.5 * xd * xd) * 0.3989422804014327);
}

float gf_op_relu_grad(float x)
{
    return x > 0.0f ? 1.0f : 0.0f;
}

float gf_op_silu_grad(float x)
{
    const float sig = 1.0f / (1.0f + expf(-x));
    return sig * (1.0f + x * (1.0f - sig));
}

void gf_op_activation_backward(float *dpre, const float *dact, const float *pre, size_t n,
                               float (*grad)(float))
{
    for (size_t i = 0; i < n; i++)
        dpre[i] += dact[i] * grad(pre[i]);
}

void gf_op_swiglu_backward(float *dgate, float *dup, const float *dact, const float *gate,
                           const float *up, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        dgate[i] += dact[i] * up[i] * gf_op_silu_grad(gate[i]);
        dup[i] += dact[i] * gf_op_silu(gate[i]);
    }
}

void gf_op_softmax_backward(float *dx, const float *p, const float *dp, int n)
{
    double dot = 0.0;
    for (int i = 0; i < n; i++)
        dot += (double)p[i] * dp[i];
    for (int i = 0; i < n; i++)
        dx[i] += (float)(p[i] * (dp[i] - dot));
}

void gf_op_weighted_values_backward(float *dweights, float *dv, const float *dout,
                                    const float *weights, const float *v, int t_rows, int hs,
                                    int ld, int ldw)
{
    enum { CHUNK = 256 };
    float dots[CHUNK];   /* g · v_j for a chunk of j */
    for (int t = 0; t < t_rows; t++) {
        const float *g = dout + (long)t * ld;      /* (hs) */
        float *dw_row = dweights + (long)t * ldw;  /* (t + 1) */
        for (int j0 = 0; j0 <= t; j0 += CHUNK) {
            const int n = t + 1 - j0 < CHUNK ? t + 1 - j0 : CHUNK;
            gf_op_dots_rows(dots, g, v + (long)j0 * ld, (int)ld, n, hs);
            for (int j = 0; j < n; j++)
                dw_row[j0 + j] += dots[j];
        }
    }
    for (int j = 0; j < t_rows; j++) {
        float *d = dv + (long)j * ld;              /* (hs) */
        for (int t = j; t < t_rows; t++)
            axpy(d, weights[(long)t * ldw + j], dout + (long)t * ld, hs);
    }
}

void gf_op_scores_backward(float *dq, float *dk, const float *dscores, const float *q,
                           const float *k, int t_rows, int hs, int ld, int ldw, float scale)
{
    for (int t = 0; t < t_rows; t++) {
        const float *ds = dscores + (long)t * ldw; /* (t + 1) */
        float *d = dq + (long)t * ld;              /* (hs) */
        for (int j = 0; j <= t; j++)
            axpy(d, ds[j] * scale, k + (long)j * ld, hs);
    }
    for (int j = 0; j < t_rows; j++) {
        float *d = dk + (long)j * ld;              /* (hs) */
        for (int t = j; t < t_rows; t++)
            axpy(d, dscores[(long)t * ldw + j] * scale, q + (long)t * ld, hs);
    }
}

void gf_op_embedding_backward(float *dwte, float *dwpe, const float *dx0,
                              const int32_t *tokens, int rows, int c)
{
    for (int t = 0; t < rows; t++) {
        const float *g = dx0 + (long)t * c;        /* (C) */
        axpy(dwte + (long)tokens[t] * c, 1.0f, g, c);
        if (dwpe)
            axpy(dwpe + (long)t * c, 1.0f, g, c);
    }
}

/* The largest of n floats (−∞ when n is 0; NaNs are passed over), kept in
 * 16 lanes so that the compiler turns the loop into vector maxima. The
 * largest value does not depend on the order it is looked for in. */
static float max_of(const float *x, int n)
{
    enum { LANES = 16 };
    float lane[LANES];
    for (int l = 0; l < LANES; l++)
        lane[l] = -INFINITY;
    int i = 0;
    for (; i + LANES <= n; i += LANES)
        for (int l = 0; l < LANES; l++)
            lane[l] = x[i + l] > lane[l] ? x[i + l] : lane[l];
    float max = -INFINITY;
    for (; i < n; i++)
        max = x[i] > max ? x[i] : max;
    for (int l = 0; l < LANES; l++)
        max = lane[l] > max ? lane[l] : max;
    return max;
}

/* Σ x[i] over n floats, in double: 8 running sums (lane l takes the terms
 * i ≡ l mod 8, in increasing i), then the tail, then the lanes in order.
 * Independent sums keep the adder busy where one sum would wait on each
 * addition; the order is fixed, so the result is too. */
static double sum_in_double(const float *x, int n)
{
    enum { LANES = 8 };
    double lane[LANES] = {0.0};
    int i = 0;
    for (; i + LANES <= n; i += LANES)
        for (int l = 0; l < LANES; l++)
            lane[l] += x[i + l];
    double sum = 0.0;
    for (; i < n; i++)
        sum += x[i];
    for (int l = 0; l < LANES; l++)
        sum += lane[l];
    return sum;
}

double gf_op_cross_entropy_backward(float *dlogits, const float *logits, int target, int v,
                                    float scale)
{
    enum { CHUNK = 1024 };   /* e^(logit − max) of one chunk at a time */
    const gf_kernels *kn = gf_kernels_best();
    const float max = max_of(logits, v);
    double sum = 0.0;   /* float terms (2 ulp), summed in double */
    if (dlogits) { /* the e^x go straight into dlogits, then become the gradient */
        kn->exp_block(dlogits, logits, max, v);
        sum = sum_in_double(dlogits, v);
        const float inv_sum = (float)(1.0 / sum);
        for (int i = 0; i < v; i++) /* scale·(softmax − onehot(target)) */
            dlogits[i] = scale * (dlogits[i] * inv_sum);
        dlogits[target] -= scale;
    } else {
        float e[CHUNK];
        for (int i0 = 0; i0 < v; i0 += CHUNK) {
            const int n = v - i0 < CHUNK ? v - i0 : CHUNK;
            kn->exp_block(e, logits + i0, max, n);
            sum += sum_in_double(e, n);
        }
    }
    return log(sum) + max - logits[target];
}

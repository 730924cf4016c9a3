/* ops.c — forward kernels: linear layers, norms, activations, softmax,
 * sinusoidal positions (see ops.h), and the GELU derivative the trainer
 * shares with the forward's GELU. The matrix products go to the vector
 * kernels of ops_kernels.h, which split output elements over threads
 * (never a sum), so results do not depend on the thread count either. */
#include "ops.h"

#include <math.h>
#include <string.h>

#include "ops_kernels.h"

void gf_op_linear_half(float *out, const float *in, const float *w, gf_half_view w_half, int ldw,
                       const float *b, int rows, int k, int n)
{
    const gf_gemm g = {out, n, in, k, 1, w, ldw, b, b ? GF_GEMM_BIAS : GF_GEMM_ZERO,
                       rows, n, k, w_half};
    gf_gemm_run(&g);
}

void gf_op_linear(float *out, const float *in, const float *w, int ldw, const float *b,
                  int rows, int k, int n)
{
    gf_op_linear_half(out, in, w, GF_HALF_VIEW_NONE, ldw, b, rows, k, n);
}

float gf_op_dot(const float *a, const float *b, int n)
{
    float sum;
    const gf_dots d = {&sum, 1, a, n, b, n, 1, 1, n, GF_HALF_VIEW_NONE};
    gf_kernels_best()->dots_block(&d, 0, 1, 0, 1);
    return sum;
}

void gf_op_dots_rows(float *out, const float *a, const float *b, int ldb, int n, int k)
{
    const gf_dots d = {out, n, a, k, b, ldb, 1, n, k, GF_HALF_VIEW_NONE};
    gf_kernels_best()->dots_block(&d, 0, 1, 0, n);
}

void gf_op_linear_transposed_half(float *out, const float *in, const float *w,
                                  gf_half_view w_half, int rows, int k, int n)
{
    const gf_dots d = {out, n, in, k, w, k, rows, n, k, w_half};
    gf_dots_run(&d);
}

void gf_op_linear_transposed(float *out, const float *in, const float *w, int rows, int k,
                             int n)
{
    gf_op_linear_transposed_half(out, in, w, GF_HALF_VIEW_NONE, rows, k, n);
}

void gf_op_layernorm(float *out, float *mean, float *var, float *rstd, const float *in, const float *g,
                     const float *b, int rows, int c, float eps)
{
    for (int r = 0; r < rows; r++) {
        const float *x = in + (long)r * c;   /* (C) */
        float *y = out + (long)r * c;        /* (C) */
        double sum = 0.0;
        for (int i = 0; i < c; i++)
            sum += x[i];
        const double mu = sum / c;
        double sq = 0.0;
        for (int i = 0; i < c; i++)
            sq += (x[i] - mu) * (x[i] - mu);
        const double inv = 1.0 / sqrt(sq / c + eps);
        for (int i = 0; i < c; i++)
            y[i] = (float)((x[i] - mu) * inv) * g[i] + (b ? b[i] : 0.0f);
        if (mean)
            mean[r] = (float)mu;
        if (var)
            var[r] = (float)(sq / c);
        if (rstd)
            rstd[r] = (float)inv;
    }
}

void gf_op_rmsnorm(float *out, float *ms, float *rstd, const float *in, const float *g, int rows,
                   int c, float eps)
{
    for (int r = 0; r < rows; r++) {
        const float *x = in + (long)r * c;   /* (C) */
        float *y = out + (long)r * c;        /* (C) */
        double sq = 0.0;
        for (int i = 0; i < c; i++)
            sq += (double)x[i] * x[i];
        const double inv = 1.0 / sqrt(sq / c + eps);
        for (int i = 0; i < c; i++)
            y[i] = (float)(x[i] * inv) * g[i];
        if (ms)
            ms[r] = (float)(sq / c);
        if (rstd)
            rstd[r] = (float)inv;
    }
}

/* gate[i] = (1 + tanh(u))/2 = σ(2u) = e/(1 + e) with e = e^(2u) and
 * u = √(2/π)(x + 0.044715x³): one vector e^x per element, no tanh call. */
static void gelu_tanh_gate(float *gate, const float *x, int n)
{
    float two_u[GF_OP_ACT_CHUNK];
    for (int i = 0; i < n; i++)
        two_u[i] = 1.5957691216057308f * (x[i] + 0.044715f * x[i] * x[i] * x[i]);
    gf_kernels_best()->exp_block(gate, two_u, 0.0f, n);
    for (int i = 0; i < n; i++)
        gate[i] = gate[i] / (1.0f + gate[i]);
}

float gf_op_gelu_tanh(float x)
{
    float gate;
    gelu_tanh_gate(&gate, &x, 1);
    return x * gate;
}

void gf_op_gelu_tanh_rows(float *out, const float *in, size_t n)
{
    float gate[GF_OP_ACT_CHUNK];
    for (size_t i0 = 0; i0 < n; i0 += GF_OP_ACT_CHUNK) {
        const int m = n - i0 < GF_OP_ACT_CHUNK ? (int)(n - i0) : GF_OP_ACT_CHUNK;
        gelu_tanh_gate(gate, in + i0, m);
        for (int i = 0; i < m; i++)
            out[i0 + i] = in[i0 + i] * gate[i];
    }
}

void gf_op_gelu_tanh_grad_rows(float *grad, const float *in, size_t n)
{
    float gate[GF_OP_ACT_CHUNK];
    for (size_t i0 = 0; i0 < n; i0 += GF_OP_ACT_CHUNK) {
        const int m = n - i0 < GF_OP_ACT_CHUNK ? (int)(n - i0) : GF_OP_ACT_CHUNK;
        gelu_tanh_gate(gate, in + i0, m);
        for (int i = 0; i < m; i++) { /* σ + x·σ(1−σ)·2·√(2/π)(1 + 3·0.044715x²) */
            const float x = in[i0 + i], s = gate[i];
            grad[i0 + i] = s + x * s * (1.0f - s) * 1.5957691216057308f *
                                   (1.0f + 0.134145f * x * x);
        }
    }
}

float gf_op_gelu_exact(float x)
{
    return 0.5f * x * (1.0f + erff(x * 0.7071067811865476f));
}

float gf_op_relu(float x)
{
    return x > 0.0f ? x : 0.0f;
}

float gf_op_silu(float x)
{
    return x / (1.0f + expf(-x));
}

void gf_op_softmax(float *v, int n)
{
    float max = -INFINITY;
    for (int i = 0; i < n; i++)
        if (v[i] > max)
            max = v[i];
    if (max == -INFINITY) { /* nothing visible: keep it all zero, not NaN */
        memset(v, 0, sizeof *v * (size_t)n);
        return;
    }
    double sum = 0.0;
    for (int i = 0; i < n; i++) {
        v[i] = v[i] == -INFINITY ? 0.0f : expf(v[i] - max);
        sum += v[i];
    }
    const float inv = (float)(1.0 / sum);
    for (int i = 0; i < n; i++)
        v[i] *= inv;
}

void gf_op_sinusoid(float *out, int t, int c)
{
    for (int i = 0; 2 * i < c; i++) {
        const double angle = t / pow(10000.0, (2.0 * i) / c);
        out[2 * i] = (float)sin(angle);
        if (2 * i + 1 < c)
            out[2 * i + 1] = (float)cos(angle);
    }
}

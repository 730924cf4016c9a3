/* ops.c — forward kernels: linear layers, norms, activations, softmax,
 * sinusoidal positions (see ops.h). The matrix products go to the vector
 * kernels of ops_kernels.h, which split output elements over threads
 * (never a sum), so results do not depend on the thread count either. */
#include "ops.h"

#include <math.h>
#include <string.h>

#include "ops_kernels.h"

void gf_op_linear(float *out, const float *in, const float *w, int ldw, const float *b,
                  int rows, int k, int n)
{
    const gf_gemm g = {out, n, in, k, 1, w, ldw, b, b ? GF_GEMM_BIAS : GF_GEMM_ZERO, rows, n, k};
    gf_gemm_run(&g);
}

float gf_op_dot(const float *a, const float *b, int n)
{
    float sum;
    const gf_dots d = {&sum, 1, a, n, b, n, 1, 1, n};
    gf_kernels_best()->dots_block(&d, 0, 1, 0, 1);
    return sum;
}

void gf_op_linear_transposed(float *out, const float *in, const float *w, int rows, int k,
                             int n)
{
    const gf_dots d = {out, n, in, k, w, k, rows, n, k};
    gf_dots_run(&d);
}

void gf_op_layernorm(float *out, float *mean, float *rstd, const float *in, const float *g,
                     const float *b, int rows, int c, float eps)
{
    for (int r = 0; r < rows; r++) {
        const float *x = in + (long)r * c;
        float *y = out + (long)r * c;
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
        if (rstd)
            rstd[r] = (float)inv;
    }
}

void gf_op_rmsnorm(float *out, float *rstd, const float *in, const float *g, int rows, int c,
                   float eps)
{
    for (int r = 0; r < rows; r++) {
        const float *x = in + (long)r * c;
        float *y = out + (long)r * c;
        double sq = 0.0;
        for (int i = 0; i < c; i++)
            sq += (double)x[i] * x[i];
        const double inv = 1.0 / sqrt(sq / c + eps);
        for (int i = 0; i < c; i++)
            y[i] = (float)(x[i] * inv) * g[i];
        if (rstd)
            rstd[r] = (float)inv;
    }
}

float gf_op_gelu_tanh(float x)
{
    const float sqrt_2_over_pi = 0.7978845608028654f;
    return 0.5f * x * (1.0f + tanhf(sqrt_2_over_pi * (x + 0.044715f * x * x * x)));
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

/* ops.c — forward kernels: linear layers, norms, activations, softmax,
 * sinusoidal positions (see ops.h). Plain loops the compiler vectorizes;
 * OpenMP splits output columns (never a sum), so results do not depend on
 * the thread count either. */
#include "ops.h"

#include <math.h>
#include <string.h>

#include "parallel.h"

#define LINEAR_COL_TILE 256  /* output columns one thread owns at a time  */
#define LINEAR_ROW_TILE 8    /* rows sharing each loaded weight row       */

/* Columns [j0, j1) of rows [r0, r1): o[r][j] = b[j] + Σ_i x[r][i]·w[i][j],
 * the sum taken in increasing i. */
static void linear_tile(float *out, const float *in, const float *w, int ldw, const float *b,
                        int r0, int r1, int k, int n, int j0, int j1)
{
    for (int r = r0; r < r1; r++) {
        float *o = out + (long)r * n;
        for (int j = j0; j < j1; j++)
            o[j] = b ? b[j] : 0.0f;
    }
    for (int i = 0; i < k; i++) {
        const float *w_row = w + (long)i * ldw;
        for (int r = r0; r < r1; r++) {
            const float x = in[(long)r * k + i];
            float *o = out + (long)r * n;
            for (int j = j0; j < j1; j++)
                o[j] += x * w_row[j];
        }
    }
}

/* Width of the column tiles: about LINEAR_COL_TILE, in a count the threads
 * share evenly (768 columns on 2 threads: 4 of 192, not 3 of 256, which would
 * leave one thread idle a third of the time), rounded up to 8 floats. Only the
 * split of the work depends on it, never a sum. */
static int linear_col_tile(int n)
{
    const int threads = gf_parallel_threads();
    if (n < 1)
        return LINEAR_COL_TILE;   /* no columns: no tiles */
    int tiles = (n + LINEAR_COL_TILE - 1) / LINEAR_COL_TILE;
    tiles = (tiles + threads - 1) / threads * threads;
    const int width = (n + tiles - 1) / tiles;
    return (width + 7) / 8 * 8;
}

void gf_op_linear(float *out, const float *in, const float *w, int ldw, const float *b,
                  int rows, int k, int n)
{
    const int width = linear_col_tile(n);
    const int n_tiles = (n + width - 1) / width;
    GF_PARALLEL_FOR_IF((long)rows * k * n > GF_PARALLEL_MIN_WORK)
    for (int tile = 0; tile < n_tiles; tile++) {
        const int j0 = tile * width;
        const int j1 = j0 + width < n ? j0 + width : n;
        for (int r0 = 0; r0 < rows; r0 += LINEAR_ROW_TILE) {
            const int r1 = r0 + LINEAR_ROW_TILE < rows ? r0 + LINEAR_ROW_TILE : rows;
            linear_tile(out, in, w, ldw, b, r0, r1, k, n, j0, j1);
        }
    }
}

float gf_op_dot(const float *a, const float *b, int n)
{
    float lane[8] = {0};
    int i = 0;
    for (; i + 8 <= n; i += 8)
        for (int l = 0; l < 8; l++)
            lane[l] += a[i + l] * b[i + l];
    float sum = ((lane[0] + lane[1]) + (lane[2] + lane[3])) +
                ((lane[4] + lane[5]) + (lane[6] + lane[7]));
    for (; i < n; i++)
        sum += a[i] * b[i];
    return sum;
}

void gf_op_linear_transposed(float *out, const float *in, const float *w, int rows, int k,
                             int n)
{
    /* A block of w's rows stays in cache while every input row meets it
     * (one pass over the input per block, not per output column). Each
     * output is still one gf_op_dot. */
    enum { ROWS_OF_W = 16 };
    const int blocks = (n + ROWS_OF_W - 1) / ROWS_OF_W;
    GF_PARALLEL_FOR_IF((long)rows * k * n > GF_PARALLEL_MIN_WORK)
    for (int blk = 0; blk < blocks; blk++) {
        const int j0 = blk * ROWS_OF_W, j1 = j0 + ROWS_OF_W < n ? j0 + ROWS_OF_W : n;
        for (int r = 0; r < rows; r++)
            for (int j = j0; j < j1; j++)
                out[(long)r * n + j] = gf_op_dot(in + (long)r * k, w + (long)j * k, k);
    }
}

void gf_op_layernorm(float *out, float *mean, float *var, float *rstd, const float *in, const float *g,
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
        const float *x = in + (long)r * c;
        float *y = out + (long)r * c;
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

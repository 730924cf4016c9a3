/* test_ops.c — each forward kernel against hand-computed values and a
 * naive double-precision reference; batch invariance (bitwise). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "ops.h"

#ifdef _OPENMP
#include <omp.h>
#endif

#define PI 3.14159265358979323846

static float uniform(unsigned *state)
{
    *state = *state * 1664525u + 1013904223u;
    return (float)((*state >> 8) / 16777216.0 * 2.0 - 1.0);
}

static void test_linear_by_hand(check_ctx *c)
{
    const float in[2 * 3] = {1, 2, 3, 4, 5, 6};           /* (2, 3) */
    const float w[3 * 2] = {1, 0, 0, 1, 1, 1};            /* (3, 2) */
    const float b[2] = {0.5f, -1.0f};
    float out[2 * 2];
    gf_op_linear(out, in, w, 2, b, 2, 3, 2);
    CHECK_NEAR(c, out[0], 4.5, 0);
    CHECK_NEAR(c, out[1], 4.0, 0);
    CHECK_NEAR(c, out[2], 10.5, 0);
    CHECK_NEAR(c, out[3], 10.0, 0);

    /* The same matrix as columns 1..2 of a (3, 4) matrix: ldw = 4. */
    const float wide[3 * 4] = {9, 1, 0, 9, 9, 0, 1, 9, 9, 1, 1, 9};
    gf_op_linear(out, in, wide + 1, 4, NULL, 2, 3, 2);
    CHECK_NEAR(c, out[0], 4.0, 0);
    CHECK_NEAR(c, out[1], 5.0, 0);
    CHECK_NEAR(c, out[3], 11.0, 0);

    const float x[2] = {1, 2};
    const float wt[3 * 2] = {1, 1, 2, 0, 0, -1};          /* (3, 2) = (N, K) */
    float z[3];
    gf_op_linear_transposed(z, x, wt, 1, 2, 3);
    CHECK_NEAR(c, z[0], 3.0, 0);
    CHECK_NEAR(c, z[1], 2.0, 0);
    CHECK_NEAR(c, z[2], -2.0, 0);
}

/* Random sizes against a double-precision triple loop, and one row at a time
 * must equal the batch bit for bit. */
static void test_linear_random(check_ctx *c)
{
    unsigned seed = 7;
    const int rows = 13, k = 37, n = 300;  /* n > one column tile */
    float *in = malloc(sizeof *in * rows * k), *w = malloc(sizeof *w * k * n);
    float *b = malloc(sizeof *b * n), *out = malloc(sizeof *out * rows * n);
    float *one = malloc(sizeof *one * n), *out_t = malloc(sizeof *out_t * rows * n);
    for (int i = 0; i < rows * k; i++) in[i] = uniform(&seed);
    for (int i = 0; i < k * n; i++) w[i] = uniform(&seed);
    for (int i = 0; i < n; i++) b[i] = uniform(&seed);
    gf_op_linear(out, in, w, n, b, rows, k, n);
    double worst = 0.0;
    bool batch_equal = true;
    for (int r = 0; r < rows; r++) {
        gf_op_linear(one, in + r * k, w, n, b, 1, k, n);
        batch_equal = batch_equal && memcmp(one, out + r * n, sizeof *one * n) == 0;
        for (int j = 0; j < n; j++) {
            double want = b[j];
            for (int i = 0; i < k; i++) want += (double)in[r * k + i] * w[i * n + j];
            worst = fmax(worst, fabs(want - out[r * n + j]));
        }
    }
    CHECK(c, worst < 1e-4);
    CHECK(c, batch_equal);
#ifdef _OPENMP
    /* The thread count changes how columns are split, never a sum: 1, 2 and
     * 3 threads give the same bits (13·37·300 is above the parallel cut). */
    const int threads_before = omp_get_max_threads();
    bool threads_equal = true;
    for (int threads = 1; threads <= 3; threads++) {
        omp_set_num_threads(threads);
        gf_op_linear(out_t, in, w, n, b, rows, k, n);
        threads_equal = threads_equal && memcmp(out_t, out, sizeof *out * rows * n) == 0;
    }
    omp_set_num_threads(threads_before);
    CHECK(c, threads_equal);
#endif

    /* Transposed: w read as (n, k). */
    gf_op_linear_transposed(out_t, in, w, rows, k, n);
    worst = 0.0;
    for (int r = 0; r < rows; r++)
        for (int j = 0; j < n; j++) {
            double want = 0.0;
            for (int i = 0; i < k; i++) want += (double)in[r * k + i] * w[j * k + i];
            worst = fmax(worst, fabs(want - out_t[r * n + j]));
        }
    CHECK(c, worst < 1e-4);
    gf_op_linear_transposed(one, in + 5 * k, w, 1, k, n);
    CHECK(c, memcmp(one, out_t + 5 * n, sizeof *one * n) == 0);
    free(in); free(w); free(b); free(out); free(one); free(out_t);
}

static void test_norms(check_ctx *c)
{
    const float x[4] = {1, 2, 3, 4};
    const float g[4] = {1, 1, 2, 1}, b[4] = {0, 0, 0, 0.5f};
    float y[4], mean, var, rstd;
    gf_op_layernorm(y, &mean, &var, &rstd, x, g, b, 1, 4, 0.0f);
    /* mean 2.5, biased variance (2.25+0.25+0.25+2.25)/4 = 1.25 */
    CHECK_NEAR(c, mean, 2.5, 1e-7);
    CHECK_NEAR(c, var, 1.25, 1e-7);
    CHECK_NEAR(c, rstd, 1.0 / sqrt(1.25), 1e-6);
    CHECK_NEAR(c, y[0], -1.5 / sqrt(1.25), 1e-6);
    CHECK_NEAR(c, y[2], 2.0 * 0.5 / sqrt(1.25), 1e-6);
    CHECK_NEAR(c, y[3], 1.5 / sqrt(1.25) + 0.5, 1e-6);
    gf_op_layernorm(y, NULL, &var, &rstd, x, g, b, 1, 4, 0.75f);
    CHECK_NEAR(c, rstd, 1.0 / sqrt(2.0), 1e-6); /* var + eps = 2 */
    CHECK_NEAR(c, var, 1.25, 1e-7);             /* without ε */

    const float r[2] = {3, 4}, gr[2] = {1, 2};
    float yr[2], rr, ms;
    gf_op_rmsnorm(yr, &ms, &rr, r, gr, 1, 2, 0.5f);
    CHECK_NEAR(c, ms, 12.5, 1e-6);             /* mean(x²), without ε */
    CHECK_NEAR(c, rr, 1.0 / sqrt(13.0), 1e-7);
    gf_op_rmsnorm(yr, NULL, &rr, r, gr, 1, 2, 0.0f);
    /* mean of squares (9 + 16)/2 = 12.5 */
    CHECK_NEAR(c, rr, 1.0 / sqrt(12.5), 1e-7);
    CHECK_NEAR(c, yr[0], 3.0 / sqrt(12.5), 1e-6);
    CHECK_NEAR(c, yr[1], 8.0 / sqrt(12.5), 1e-6);
}

static void test_activations(check_ctx *c)
{
    /* 0.5·1·(1 + tanh(√(2/π)·1.044715)) and 0.5·(1 + erf(1/√2)) */
    CHECK_NEAR(c, gf_op_gelu_tanh(1.0f), 0.5 * (1 + tanh(sqrt(2 / PI) * 1.044715)), 1e-6);
    CHECK_NEAR(c, gf_op_gelu_tanh(-1.0f), -0.5 * (1 + tanh(sqrt(2 / PI) * -1.044715)), 1e-6);
    CHECK_NEAR(c, gf_op_gelu_exact(1.0f), 0.8413447460685429, 1e-6);
    CHECK_NEAR(c, gf_op_gelu_exact(-2.0f), -2 * 0.022750131948179195, 1e-6);
    CHECK_NEAR(c, gf_op_gelu_tanh(0.0f), 0.0, 0);
    CHECK_NEAR(c, gf_op_relu(-3.0f), 0.0, 0);
    CHECK_NEAR(c, gf_op_relu(2.5f), 2.5, 0);
    CHECK_NEAR(c, gf_op_silu(1.0f), 1.0 / (1.0 + exp(-1.0)), 1e-7);
    CHECK_NEAR(c, gf_op_silu(-30.0f), -30.0 / (1.0 + exp(30.0)), 1e-9);
}

static void test_softmax(check_ctx *c)
{
    float v[3] = {1, 2, 3};
    gf_op_softmax(v, 3);
    const double sum = exp(1) + exp(2) + exp(3);
    CHECK_NEAR(c, v[0], exp(1) / sum, 1e-7);
    CHECK_NEAR(c, v[2], exp(3) / sum, 1e-7);

    float masked[4] = {0.5f, -INFINITY, 0.5f, -INFINITY};
    gf_op_softmax(masked, 4);
    CHECK(c, masked[1] == 0.0f && masked[3] == 0.0f);
    CHECK_NEAR(c, masked[0], 0.5, 1e-7);

    float big[2] = {1000.0f, 1001.0f}; /* no overflow */
    gf_op_softmax(big, 2);
    CHECK_NEAR(c, big[1], 1.0 / (1.0 + exp(-1.0)), 1e-6);

    float none[2] = {-INFINITY, -INFINITY};
    gf_op_softmax(none, 2);
    CHECK(c, none[0] == 0.0f && none[1] == 0.0f);
}

static void test_sinusoid(check_ctx *c)
{
    float pe[6];
    gf_op_sinusoid(pe, 0, 6);
    for (int i = 0; i < 6; i++)
        CHECK_NEAR(c, pe[i], i % 2 ? 1.0 : 0.0, 0);
    gf_op_sinusoid(pe, 3, 4);
    /* C = 4: frequencies 1 and 1/100 */
    CHECK_NEAR(c, pe[0], sin(3.0), 1e-6);
    CHECK_NEAR(c, pe[1], cos(3.0), 1e-6);
    CHECK_NEAR(c, pe[2], sin(0.03), 1e-6);
    CHECK_NEAR(c, pe[3], cos(0.03), 1e-6);
}

static void test_dot(check_ctx *c)
{
    float a[19], b[19];
    double want = 0.0;
    for (int i = 0; i < 19; i++) {
        a[i] = (float)(i + 1);
        b[i] = (float)(i % 3 - 1);
        want += a[i] * b[i];
    }
    CHECK_NEAR(c, gf_op_dot(a, b, 19), want, 0);
    CHECK_NEAR(c, gf_op_dot(a, b, 0), 0.0, 0);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "ops");
    test_linear_by_hand(&c);
    test_linear_random(&c);
    test_norms(&c);
    test_activations(&c);
    test_softmax(&c);
    test_sinusoid(&c);
    test_dot(&c);
    return check_end(&c);
}

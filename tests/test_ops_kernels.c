/* test_ops_kernels.c — every copy of the matrix-product kernels this build
 * and CPU hold (AVX-512, AVX2, plain C) against the plain reference loops of
 * the contract in core/ops_kernels.h, bit for bit, on ragged shapes that
 * take every edge (partial vectors, partial register tiles, several K
 * passes, streamed rows); the copies that fuse multiply-adds against each
 * other; the threaded runs at 1, 2 and 3 threads; and the reference itself
 * against double-precision sums, so the contract is also the right maths. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "ops_kernels.h"

#ifdef _OPENMP
#include <omp.h>
#endif

static float uniform(unsigned *state)
{
    *state = *state * 1664525u + 1013904223u;
    return (float)((*state >> 8) / 16777216.0 * 2.0 - 1.0);
}

static float *random_floats(size_t count, unsigned *seed)
{
    float *v = malloc(sizeof *v * (count ? count : 1));
    for (size_t i = 0; v && i < count; i++)
        v[i] = uniform(seed);
    return v;
}

/* Shapes (m, k, n): single rows (streamed; a row wider than the 4096
 * columns streamed at once), tiles with 1..6 rows left, widths not a
 * multiple of 16, K over several 256-term passes, K = 0. */
static const int shapes[][3] = {
    {1, 1, 1}, {1, 37, 300}, {2, 19, 17}, {3, 600, 33}, {1, 9, 4133}, {5, 70, 65},
    {7, 300, 129}, {13, 37, 300}, {30, 513, 80}, {64, 16, 1}, {4, 0, 20},
};
enum { SHAPE_COUNT = sizeof shapes / sizeof shapes[0] };

/* One gemm of the given shape and init on copies of the same operands:
 * kernels (the whole range as one block, then as 2×2 blocks) vs reference. */
static bool gemm_matches(const gf_kernels *kn, int m, int k, int n, gf_gemm_init init,
                         bool transposed_a, unsigned seed)
{
    const long ldb = n + 3, ldc = n + 5;   /* rows of b and c apart, as in Q|K|V */
    float *a = random_floats((size_t)m * k, &seed), *b = random_floats((size_t)k * ldb, &seed);
    float *bias = random_floats((size_t)n, &seed);
    float *want = random_floats((size_t)m * ldc, &seed);
    float *got = malloc(sizeof *got * (size_t)m * ldc + 1);
    float *split = malloc(sizeof *split * (size_t)m * ldc + 1);
    bool same = a && b && bias && want && got && split;
    if (same) {
        memcpy(got, want, sizeof *got * (size_t)m * ldc);
        memcpy(split, want, sizeof *got * (size_t)m * ldc);
        gf_gemm g = {want, ldc, a, transposed_a ? 1 : k, transposed_a ? m : 1, b, ldb, bias,
                     init, m, n, k, GF_HALF_VIEW_NONE};
        gf_gemm_reference(&g, kn->fused);
        g.c = got;
        kn->gemm_block(&g, 0, m, 0, n);
        g.c = split;
        const int mh = m / 2, nh = n / 2;
        kn->gemm_block(&g, 0, mh, 0, nh);
        kn->gemm_block(&g, 0, mh, nh, n);
        kn->gemm_block(&g, mh, m, 0, nh);
        kn->gemm_block(&g, mh, m, nh, n);
        same = memcmp(got, want, sizeof *got * (size_t)m * ldc) == 0 &&
               memcmp(split, want, sizeof *got * (size_t)m * ldc) == 0;
    }
    free(a); free(b); free(bias); free(want); free(got); free(split);
    return same;
}

static bool dots_match(const gf_kernels *kn, int m, int k, int n, unsigned seed)
{
    const long lda = k + 1, ldb = k + 2, ldc = n + 3;
    float *a = random_floats((size_t)m * lda, &seed), *b = random_floats((size_t)n * ldb, &seed);
    float *want = calloc((size_t)m * ldc + 1, sizeof *want);
    float *got = calloc((size_t)m * ldc + 1, sizeof *got);
    bool same = a && b && want && got;
    if (same) {
        gf_dots d = {want, ldc, a, lda, b, ldb, m, n, k, GF_HALF_VIEW_NONE};
        gf_dots_reference(&d, kn->fused);
        d.c = got;
        kn->dots_block(&d, 0, m / 2, 0, n);
        kn->dots_block(&d, m / 2, m, 0, n / 3);
        kn->dots_block(&d, m / 2, m, n / 3, n);
        same = memcmp(got, want, sizeof *got * (size_t)m * ldc) == 0;
    }
    free(a); free(b); free(want); free(got);
    return same;
}

static void test_each_copy_equals_reference(check_ctx *c)
{
    int copies = 0;
    for (int isa = 0; isa < GF_ISA_COUNT; isa++) {
        const gf_kernels *kn = gf_kernels_for((gf_isa)isa);
        if (!kn)
            continue;   /* not built, or this CPU lacks it */
        copies++;
        for (int s = 0; s < SHAPE_COUNT; s++) {
            const int m = shapes[s][0], k = shapes[s][1], n = shapes[s][2];
            for (int init = GF_GEMM_ZERO; init <= GF_GEMM_ACCUMULATE; init++) {
                if (!check_true(c, gemm_matches(kn, m, k, n, (gf_gemm_init)init, false, 11u + s),
                                kn->name, __FILE__, __LINE__) ||
                    !check_true(c, gemm_matches(kn, m, k, n, (gf_gemm_init)init, true, 23u + s),
                                kn->name, __FILE__, __LINE__))
                    return;
            }
            if (!check_true(c, dots_match(kn, m, k, n, 31u + s), kn->name, __FILE__, __LINE__))
                return;
        }
    }
    CHECK(c, copies >= 1);
    CHECK(c, gf_kernels_best() != NULL);
}

/* The fusing copies are one contract: their results are the same bits. */
static void test_fused_copies_agree(check_ctx *c)
{
    const gf_kernels *avx2 = gf_kernels_for(GF_ISA_AVX2);
    const gf_kernels *avx512 = gf_kernels_for(GF_ISA_AVX512);
    if (!avx2 || !avx512)
        return;
    unsigned seed = 5;
    const int m = 9, k = 300, n = 70;
    float *a = random_floats((size_t)m * k, &seed), *b = random_floats((size_t)k * n, &seed);
    float *c1 = calloc((size_t)m * n, sizeof *c1), *c2 = calloc((size_t)m * n, sizeof *c2);
    gf_gemm g = {c1, n, a, k, 1, b, n, NULL, GF_GEMM_ZERO, m, n, k, GF_HALF_VIEW_NONE};
    avx2->gemm_block(&g, 0, m, 0, n);
    g.c = c2;
    avx512->gemm_block(&g, 0, m, 0, n);
    CHECK(c, memcmp(c1, c2, sizeof *c1 * (size_t)m * n) == 0);
    gf_dots d = {c1, 1, a, k, a + k, k, 1, 1, k, GF_HALF_VIEW_NONE};
    avx2->dots_block(&d, 0, 1, 0, 1);
    d.c = c2;
    avx512->dots_block(&d, 0, 1, 0, 1);
    CHECK(c, c1[0] == c2[0]);
    free(a); free(b); free(c1); free(c2);
}

/* e^(x − shift): every copy gives the same bits (plain float arithmetic),
 * within 2 ulp of the double value of e^(float(x − shift)), clamped to
 * [−87, 88]. */
static void test_exp_block(check_ctx *c)
{
    enum { N = 4001 };
    float *x = malloc(sizeof *x * N), *want = malloc(sizeof *want * N);
    float *got = malloc(sizeof *got * N);
    for (int i = 0; i < N; i++)
        x[i] = -90.0f + 180.0f * (float)i / (N - 1);
    gf_kernels_generic()->exp_block(want, x, 1.0f, N);
    double worst = 0.0;
    for (int i = 0; i < N; i++) {
        const float shifted = x[i] - 1.0f;   /* the argument, rounded as the kernel does */
        const double arg = fmin(fmax((double)shifted, -87.0), 88.0);
        worst = fmax(worst, fabs(want[i] / exp(arg) - 1.0));
    }
    CHECK(c, worst < 2.5e-7);
    for (int isa = 0; isa < GF_ISA_COUNT; isa++) {
        const gf_kernels *kn = gf_kernels_for((gf_isa)isa);
        if (!kn)
            continue;
        kn->exp_block(got, x, 1.0f, N);
        check_true(c, memcmp(got, want, sizeof *got * N) == 0, kn->name, __FILE__, __LINE__);
    }
    /* A NaN argument stays NaN (a damaged logit must show in the loss). */
    x[7] = NAN;
    for (int isa = 0; isa < GF_ISA_COUNT; isa++) {
        const gf_kernels *kn = gf_kernels_for((gf_isa)isa);
        if (!kn)
            continue;
        kn->exp_block(got, x, 1.0f, N);
        check_true(c, isnan(got[7]) && !isnan(got[6]) && !isnan(got[8]), kn->name, __FILE__,
                   __LINE__);
    }
    free(x); free(want); free(got);
}

/* The reference is the right product: within float rounding of a double sum. */
static void test_reference_against_double(check_ctx *c)
{
    unsigned seed = 9;
    const int m = 6, k = 200, n = 21;
    float *a = random_floats((size_t)m * k, &seed), *b = random_floats((size_t)k * n, &seed);
    float *bias = random_floats((size_t)n, &seed);
    float *out = calloc((size_t)m * n, sizeof *out), *dots = calloc((size_t)m * m, sizeof *dots);
    for (int fused = 0; fused <= 1; fused++) {
        gf_gemm g = {out, n, a, k, 1, b, n, bias, GF_GEMM_BIAS, m, n, k, GF_HALF_VIEW_NONE};
        gf_gemm_reference(&g, fused);
        gf_dots d = {dots, m, a, k, a, k, m, m, k, GF_HALF_VIEW_NONE};
        gf_dots_reference(&d, fused);
        double worst = 0.0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double want = bias[j];
                for (int p = 0; p < k; p++)
                    want += (double)a[i * k + p] * b[p * n + j];
                worst = fmax(worst, fabs(want - out[i * n + j]));
            }
            for (int j = 0; j < m; j++) {
                double want = 0.0;
                for (int p = 0; p < k; p++)
                    want += (double)a[i * k + p] * a[j * k + p];
                worst = fmax(worst, fabs(want - dots[i * m + j]));
            }
        }
        CHECK(c, worst < 1e-4);
    }
    /* A hand-sized case: 17 terms, so lane 0 holds two of them. */
    float x[17], y[17], z;
    for (int p = 0; p < 17; p++) {
        x[p] = (float)(p + 1);
        y[p] = p % 2 ? -1.0f : 1.0f;
    }
    gf_dots d = {&z, 1, x, 17, y, 17, 1, 1, 17, GF_HALF_VIEW_NONE};
    gf_dots_reference(&d, true);
    CHECK_NEAR(c, z, 9.0, 0);   /* 1 − 2 + 3 − … + 17 */
    gf_kernels_best()->dots_block(&d, 0, 1, 0, 1);
    CHECK_NEAR(c, z, 9.0, 0);
    free(a); free(b); free(bias); free(out); free(dots);
}

/* The threaded runs: 1, 2 and 3 threads give the reference's bits. */
static void test_runs_any_thread_count(check_ctx *c)
{
    unsigned seed = 13;
    const int m = 50, k = 300, n = 333;
    float *a = random_floats((size_t)m * k, &seed), *b = random_floats((size_t)k * n, &seed);
    float *want = calloc((size_t)m * n, sizeof *want), *got = calloc((size_t)m * n, sizeof *got);
    float *want_d = calloc((size_t)m * m, sizeof *want_d), *got_d = calloc((size_t)m * m, 4);
    const bool fused = gf_kernels_best()->fused;
    gf_gemm g = {want, n, a, k, 1, b, n, NULL, GF_GEMM_ZERO, m, n, k, GF_HALF_VIEW_NONE};
    gf_gemm_reference(&g, fused);
    gf_dots d = {want_d, m, a, k, a, k, m, m, k, GF_HALF_VIEW_NONE};
    gf_dots_reference(&d, fused);
    g.c = got;
    d.c = got_d;
#ifdef _OPENMP
    const int before = omp_get_max_threads();
    for (int threads = 1; threads <= 3; threads++) {
        omp_set_num_threads(threads);
#endif
        gf_gemm_run(&g);
        gf_dots_run(&d);
        CHECK(c, memcmp(got, want, sizeof *got * (size_t)m * n) == 0);
        CHECK(c, memcmp(got_d, want_d, sizeof *got_d * (size_t)m * m) == 0);
        g.m = 1;   /* one row: the streamed split over threads */
        memset(got, 0, sizeof *got * (size_t)n);
        gf_gemm_run(&g);
        CHECK(c, memcmp(got, want, sizeof *got * (size_t)n) == 0);
        g.m = m;
#ifdef _OPENMP
    }
    omp_set_num_threads(before);
#endif
    free(a); free(b); free(want); free(got); free(want_d); free(got_d);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "ops_kernels");
    test_each_copy_equals_reference(&c);
    test_fused_copies_agree(&c);
    test_reference_against_double(&c);
    test_exp_block(&c);
    test_runs_any_thread_count(&c);
    return check_end(&c);
}

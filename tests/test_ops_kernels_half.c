/* test_ops_kernels_half.c — the kernels reading weights kept as F16 or
 * BF16 (decoding: streamed rows and one-row dots, core/ops_kernels.h).
 * Widening a half is exact, so every copy (AVX-512, AVX2, plain C) must
 * give, bit for bit, its plain reference loop on the half copy and its own
 * result on the widened float copy: on ragged shapes (partial vectors, rows
 * wider than one 4096-column stripe, K not a multiple of the gap path's
 * rows), column slices with gaps in each weight row (a thread's share), the
 * threaded runs at 1, 2 and 3 threads, and the logits' one-row dots. The
 * widening itself is checked against the formats' definitions in double. */
#include <math.h>
#include <stdio.h>
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

/* Weights of several magnitudes: F16 subnormals (below 6.1e-5) and values
 * near its largest (65504), BF16's 8 mantissa bits; a few exact zeros. */
static float weight_value(unsigned *seed, size_t i)
{
    static const float scale[] = {1.0f, 0.02f, 3e-6f, 2e-7f, 5e3f, 0.5f};
    const float x = uniform(seed) * scale[i % 6];
    return i % 97 == 0 ? 0.0f : x;
}

/* A half copy of count random weights (as type) and its exact widening. */
typedef struct {
    uint16_t *half;
    float *wide;
} half_weights;

static bool half_weights_make(half_weights *w, size_t count, gf_half_type type, unsigned seed)
{
    w->half = malloc(sizeof *w->half * (count ? count : 1));
    w->wide = malloc(sizeof *w->wide * (count ? count : 1));
    if (!w->half || !w->wide)
        return false;
    for (size_t i = 0; i < count; i++) {
        const float x = weight_value(&seed, i);
        w->half[i] = type == GF_HALF_BF16 ? gf_f32_to_bf16(x) : gf_f32_to_f16(x);
        w->wide[i] = gf_half_to_f32(w->half[i], type);
    }
    return true;
}

static void half_weights_free(half_weights *w)
{
    free(w->half);
    free(w->wide);
}

static float *random_floats(size_t count, unsigned seed)
{
    float *v = malloc(sizeof *v * (count ? count : 1));
    for (size_t i = 0; v && i < count; i++)
        v[i] = uniform(&seed);
    return v;
}

/* Streamed shapes (m <= 3 rows, k, n): partial vectors, K below, at and
 * not a multiple of the gap path's 8 rows, a row wider than 4096. */
static const int gemm_shapes[][3] = {
    {1, 1, 1}, {1, 37, 300}, {2, 19, 17}, {3, 41, 33}, {1, 9, 4133}, {1, 8, 64},
    {1, 67, 1000}, {2, 70, 129}, {5, 30, 70}, {1, 0, 20},
};
enum { GEMM_SHAPES = sizeof gemm_shapes / sizeof gemm_shapes[0] };

/* The column splits a thread's share makes: whole rows, halves, thirds. */
static void gemm_in_pieces(const gf_kernels *kn, const gf_gemm *g, int pieces)
{
    for (int q = 0; q < pieces; q++)
        kn->gemm_block(g, 0, g->m, g->n * q / pieces, g->n * (q + 1) / pieces);
}

static bool gemm_half_matches(const gf_kernels *kn, const int shape[3], gf_half_type type,
                              gf_gemm_init init, unsigned seed)
{
    const int m = shape[0], k = shape[1], n = shape[2];
    const long ldb = n + 3, ldc = n + 5;   /* rows apart, as in Q|K|V */
    const size_t c_count = (size_t)m * ldc;
    half_weights w;
    float *a = random_floats((size_t)m * k, seed), *bias = random_floats((size_t)n, seed + 1);
    float *want = random_floats(c_count, seed + 2);
    float *got = malloc(sizeof *got * (c_count + 1)), *wide = malloc(sizeof *wide * (c_count + 1));
    bool same = half_weights_make(&w, (size_t)k * ldb, type, seed + 3) && a && bias && want &&
                got && wide;
    for (int pieces = 1; same && pieces <= 3; pieces++) {
        memcpy(got, want, sizeof *got * c_count);
        memcpy(wide, want, sizeof *got * c_count);
        gf_gemm g = {want, ldc, a, k, 1, w.wide, ldb, bias, init, m, n, k,
                     (gf_half_view){w.half, type}};
        if (pieces == 1)
            gf_gemm_reference(&g, kn->fused);   /* reads the half copy */
        g.c = got;
        gemm_in_pieces(kn, &g, pieces);
        g.c = wide;
        g.b_half = GF_HALF_VIEW_NONE;   /* the float copy */
        gemm_in_pieces(kn, &g, pieces);
        same = memcmp(got, want, sizeof *got * c_count) == 0 &&
               memcmp(wide, want, sizeof *got * c_count) == 0;
        if (init == GF_GEMM_ACCUMULATE)
            break;   /* want already holds one product: accumulate once */
    }
    half_weights_free(&w);
    free(a); free(bias); free(want); free(got); free(wide);
    return same;
}

/* One row of a against n rows of b (the logits), and m rows for the tiles. */
static bool dots_half_matches(const gf_kernels *kn, int m, int k, int n, gf_half_type type,
                              unsigned seed)
{
    const long lda = k + 1, ldb = k + 2, ldc = n + 3;
    const size_t c_count = (size_t)m * ldc;
    half_weights w;
    float *a = random_floats((size_t)m * lda, seed);
    float *want = calloc(c_count + 1, sizeof *want), *got = calloc(c_count + 1, sizeof *got);
    float *wide = calloc(c_count + 1, sizeof *wide);
    bool same = half_weights_make(&w, (size_t)n * ldb, type, seed + 1) && a && want && got && wide;
    if (same) {
        gf_dots d = {want, ldc, a, lda, w.wide, ldb, m, n, k, (gf_half_view){w.half, type}};
        gf_dots_reference(&d, kn->fused);
        d.c = got;
        kn->dots_block(&d, 0, m, 0, n / 3);
        kn->dots_block(&d, 0, m, n / 3, n);
        d.c = wide;
        d.b_half = GF_HALF_VIEW_NONE;
        kn->dots_block(&d, 0, m, 0, n);
        same = memcmp(got, want, sizeof *got * c_count) == 0 &&
               memcmp(wide, want, sizeof *got * c_count) == 0;
    }
    half_weights_free(&w);
    free(a); free(want); free(got); free(wide);
    return same;
}

static const char *type_name(gf_half_type type)
{
    return type == GF_HALF_BF16 ? "bf16" : "f16";
}

static void test_each_copy_on_halves(check_ctx *c)
{
    char what[64];
    for (int isa = 0; isa < GF_ISA_COUNT; isa++) {
        const gf_kernels *kn = gf_kernels_for((gf_isa)isa);
        if (!kn)
            continue;
        for (gf_half_type type = GF_HALF_F16; type <= GF_HALF_BF16; type++) {
            for (int s = 0; s < GEMM_SHAPES; s++)
                for (int init = GF_GEMM_ZERO; init <= GF_GEMM_ACCUMULATE; init++) {
                    snprintf(what, sizeof what, "%s %s gemm shape %d init %d", kn->name,
                             type_name(type), s, init);
                    if (!check_true(c, gemm_half_matches(kn, gemm_shapes[s], type,
                                                         (gf_gemm_init)init, 7u + s),
                                    what, __FILE__, __LINE__))
                        return;
                }
            static const int dots_shapes[][3] = {
                {1, 1, 1}, {1, 37, 50}, {1, 768, 70}, {1, 16, 5}, {5, 41, 9}, {1, 0, 3}};
            for (int s = 0; s < 6; s++) {
                snprintf(what, sizeof what, "%s %s dots shape %d", kn->name, type_name(type), s);
                if (!check_true(c, dots_half_matches(kn, dots_shapes[s][0], dots_shapes[s][1],
                                                     dots_shapes[s][2], type, 41u + s),
                                what, __FILE__, __LINE__))
                    return;
            }
        }
    }
}

/* The threaded runs, decode-sized (wide enough to split over threads):
 * 1, 2 and 3 threads give the reference's bits on the half copy. */
static void test_runs_any_thread_count(check_ctx *c)
{
    const int k = 200, n = 1160, vocab = 900;
    const bool fused = gf_kernels_best()->fused;
    for (gf_half_type type = GF_HALF_F16; type <= GF_HALF_BF16; type++) {
        half_weights w, e;
        float *a = random_floats((size_t)k, 3), *bias = random_floats((size_t)n, 4);
        float *want = calloc((size_t)n, sizeof *want), *got = calloc((size_t)n, sizeof *got);
        float *want_d = calloc((size_t)vocab, 4), *got_d = calloc((size_t)vocab, 4);
        if (!half_weights_make(&w, (size_t)k * n, type, 5) ||
            !half_weights_make(&e, (size_t)vocab * k, type, 6) || !a || !bias || !want ||
            !got || !want_d || !got_d) {
            CHECK(c, false);
            return;
        }
        gf_gemm g = {want, n, a, k, 1, w.wide, n, bias, GF_GEMM_BIAS, 1, n, k,
                     (gf_half_view){w.half, type}};
        gf_gemm_reference(&g, fused);
        gf_dots d = {want_d, vocab, a, k, e.wide, k, 1, vocab, k, (gf_half_view){e.half, type}};
        gf_dots_reference(&d, fused);
        g.c = got;
        d.c = got_d;
#ifdef _OPENMP
        const int before = omp_get_max_threads();
        for (int threads = 1; threads <= 3; threads++) {
            omp_set_num_threads(threads);
#endif
            memset(got, 0, sizeof *got * (size_t)n);
            memset(got_d, 0, sizeof *got_d * (size_t)vocab);
            gf_gemm_run(&g);
            gf_dots_run(&d);
            CHECK(c, memcmp(got, want, sizeof *got * (size_t)n) == 0);
            CHECK(c, memcmp(got_d, want_d, sizeof *got_d * (size_t)vocab) == 0);
#ifdef _OPENMP
        }
        omp_set_num_threads(before);
#endif
        half_weights_free(&w);
        half_weights_free(&e);
        free(a); free(bias); free(want); free(got); free(want_d); free(got_d);
    }
}

/* F16: sign, 5 exponent bits (bias 15), 10 mantissa bits; exponent 0 is
 * mantissa·2^-24. BF16: the top 16 bits of a float. Every finite value. */
static void test_widening_by_definition(check_ctx *c)
{
    int wrong_f16 = 0, wrong_bf16 = 0;
    for (uint32_t h = 0; h < 65536; h++) {
        const int sign = h & 0x8000 ? -1 : 1, exp = (h >> 10) & 31, mant = h & 1023;
        if (exp != 31) {
            const double want = sign * (exp == 0 ? ldexp(mant, -24) : ldexp(1024 + mant, exp - 25));
            const float got = gf_half_to_f32((uint16_t)h, GF_HALF_F16);
            wrong_f16 += (double)got != want || (signbit(got) != 0) != (sign < 0);
        }
        const int bexp = (h >> 7) & 255, bmant = h & 127;
        if (bexp != 255) {
            const double want = sign * (bexp == 0 ? ldexp(bmant, -133)
                                                  : ldexp(128 + bmant, bexp - 134));
            const float got = gf_half_to_f32((uint16_t)h, GF_HALF_BF16);
            wrong_bf16 += (double)got != want || (signbit(got) != 0) != (sign < 0);
        }
    }
    CHECK_INT(c, wrong_f16, 0);
    CHECK_INT(c, wrong_bf16, 0);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "ops_kernels_half");
    test_widening_by_definition(&c);
    test_each_copy_on_halves(&c);
    test_runs_any_thread_count(&c);
    return check_end(&c);
}

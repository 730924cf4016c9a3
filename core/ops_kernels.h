/* ops_kernels.h — the two matrix-product kernels under ops.c and
 * ops_backward.c, one copy per instruction set (AVX-512, AVX2 + FMA, plain
 * C), the runtime choice between them, and the plain reference loops the
 * tests hold them to. Internal to core: callers use ops.h.
 *
 * The order of every sum is part of the contract, so that a batch of rows
 * and one row at a time give the same bits, and so do 1 or N threads:
 *
 *   gemm:  c[i][j] = init;  then for p = 0, 1, … K−1:
 *                           c[i][j] = c[i][j] + a(i, p)·b[p][j]
 *          one rounding per step where the ISA has fused multiply-add
 *          (fmaf), two (multiply, then add) in the plain C copy when the
 *          machine has no fast FMA.
 *   dots:  c[i][j] = Σ_p a[i][p]·b[j][p] in DOT_LANES = 16 lanes: lane l
 *          sums the terms p ≡ l (mod 16) in increasing p as above; then
 *          lane l += lane l+8 (l < 8), l += l+4, l += l+2, lane 0 + lane 1.
 *
 * The AVX-512 and AVX2 copies are bit for bit equal (both fuse); the plain
 * C copy equals them where the C compiler says FMA is fast (__FP_FAST_FMAF,
 * e.g. on arm64), else it differs by rounding only.
 *
 * b may also come as a half copy (F16 or BF16, the same values: b is its
 * exact widening). The streamed rows (m <= GF_GEMM_STREAM_ROWS) and the
 * one-row dots read that copy instead, half the bytes, and widen each
 * weight in registers: the same terms in the same order, the same bits. */
#ifndef GF_OPS_KERNELS_H
#define GF_OPS_KERNELS_H

#include <stdbool.h>

#include "half.h"

#define GF_DOT_LANES 16
/* Up to this many rows a gemm streams its b (decoding): split by columns. */
#define GF_GEMM_STREAM_ROWS 3

typedef enum {
    GF_GEMM_ZERO,        /* c = 0 + a·b          */
    GF_GEMM_BIAS,        /* c[i][j] = bias[j] + … */
    GF_GEMM_ACCUMULATE   /* c += a·b             */
} gf_gemm_init;

/* c (M, N; rows ldc apart) = init + a (M, K) · b (K, N; rows ldb apart).
 * a(i, p) = a[i·a_row + p·a_step]: (a_row, a_step) = (K, 1) reads a as it
 * is, (1, M) reads it transposed (the weight gradients' inᵀ · dout). */
typedef struct {
    float *c;
    long ldc;
    const float *a;
    long a_row, a_step;
    const float *b;
    long ldb;
    const float *bias;   /* (N), for GF_GEMM_BIAS */
    gf_gemm_init init;
    int m, n, k;
    gf_half_view b_half; /* optional: b's values as F16/BF16, same layout */
} gf_gemm;

/* c (M, N; rows ldc apart) = a (M, K; rows lda apart) · b (N, K; rows ldb
 * apart)ᵀ, each element one 16-lane dot product. */
typedef struct {
    float *c;
    long ldc;
    const float *a;
    long lda;
    const float *b;
    long ldb;
    int m, n, k;
    gf_half_view b_half; /* optional: b's values as F16/BF16, same layout */
} gf_dots;

typedef enum { GF_ISA_GENERIC, GF_ISA_AVX2, GF_ISA_AVX512, GF_ISA_COUNT } gf_isa;

/* The kernels of one instruction set: the elements c[i0..i1)[j0..j1). */
typedef struct {
    const char *name;
    bool fused;   /* rounds once per multiply-add */
    void (*gemm_block)(const gf_gemm *g, int i0, int i1, int j0, int j1);
    void (*dots_block)(const gf_dots *d, int i0, int i1, int j0, int j1);
    /* out[i] = e^(in[i] − shift) for n floats, within 2 ulp for arguments
     * in [−87, 88] (clamped there; NaN gives NaN). Plain float arithmetic the compiler
     * vectorizes: every copy gives the same bits. */
    void (*exp_block)(float *out, const float *in, float shift, int n);
    /* For benchmarks: `steps` rounds of independent vector multiply-adds
     * (enough chains to fill the FMA units); *flops gets their count. */
    float (*fma_probe)(long steps, double *flops);
} gf_kernels;

/* The copy for isa, or NULL when this build or this CPU lacks it. */
const gf_kernels *gf_kernels_for(gf_isa isa);
/* The fastest copy this CPU runs (never NULL). */
const gf_kernels *gf_kernels_best(void);

/* The whole product with the best kernels, its elements split over threads
 * (never a sum, so the bits do not depend on the thread count). */
void gf_gemm_run(const gf_gemm *g);
void gf_dots_run(const gf_dots *d);

/* The contract above as plain loops: fused picks fmaf or multiply-then-add.
 * They read b_half (widened one by one, half.c) when it is given. */
void gf_gemm_reference(const gf_gemm *g, bool fused);
void gf_dots_reference(const gf_dots *d, bool fused);

/* Per-ISA entry points (ops_kernels_<isa>.c). */
const gf_kernels *gf_kernels_generic(void);
const gf_kernels *gf_kernels_avx2(void);
const gf_kernels *gf_kernels_avx512(void);

#endif

/* ops_kernels.c — which copy of the kernels runs (the CPU's best that this
 * build holds), how a product's elements are split over threads, and the
 * plain reference loops of the contract in ops_kernels.h. */
#include "ops_kernels.h"

#include <math.h>
#include <stddef.h>

#include "parallel.h"

/* The build says which copies it compiled (meson option simd). */
#ifndef GF_KERNELS_AVX512
#define GF_KERNELS_AVX512 0
#endif
#ifndef GF_KERNELS_AVX2
#define GF_KERNELS_AVX2 0
#endif

#define GEMM_COL_CHUNK 256   /* about this many columns per thread's block */
#define GEMM_ROW_CHUNK 192   /* at most this many rows per block           */
#define DOTS_COL_CHUNK 64    /* b rows per block of a dots product         */

#if GF_KERNELS_AVX2
#include <cpuid.h>

/* F16C (the half-float conversions the AVX2 copy uses): CPUID leaf 1, ECX
 * bit 29. Asked directly: clang 14's __builtin_cpu_supports lacks "f16c". */
static bool cpu_has_f16c(void)
{
    unsigned eax, ebx, ecx, edx;
    return __get_cpuid(1, &eax, &ebx, &ecx, &edx) && (ecx & bit_F16C);
}
#endif

const gf_kernels *gf_kernels_for(gf_isa isa)
{
    switch (isa) {
    case GF_ISA_GENERIC:
        return gf_kernels_generic();
#if GF_KERNELS_AVX2
    case GF_ISA_AVX2:
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && cpu_has_f16c()
                   ? gf_kernels_avx2()
                   : NULL;
#endif
#if GF_KERNELS_AVX512
    case GF_ISA_AVX512:
        return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("fma")
                   ? gf_kernels_avx512()
                   : NULL;
#endif
    default:
        return NULL;
    }
}

const gf_kernels *gf_kernels_best(void)
{
    for (int isa = GF_ISA_COUNT - 1; isa > GF_ISA_GENERIC; isa--) {
        const gf_kernels *k = gf_kernels_for((gf_isa)isa);
        if (k)
            return k;
    }
    return gf_kernels_generic();
}

static int ceil_div(long a, long b)
{
    return (int)((a + b - 1) / b);
}

/* Cut [0, total) into about total/target pieces, a count that is a multiple
 * of `share` when there is room, each a multiple of `align`. */
static int piece_width(int total, int target, int share, int align)
{
    if (total < 1)
        return align;
    int pieces = ceil_div(total, target);
    pieces = ceil_div(pieces, share) * share;
    const int width = ceil_div(total, pieces);
    return ceil_div(width, align) * align;
}

void gf_gemm_run(const gf_gemm *g)
{
    const gf_kernels *kn = gf_kernels_best();
    const bool parallel = (long)g->m * g->n * g->k > GF_PARALLEL_MIN_WORK;
    const int threads = parallel ? gf_parallel_threads() : 1;
    /* Few rows: one column range per thread, streamed. Else blocks of about
     * GEMM_COL_CHUNK columns × GEMM_ROW_CHUNK rows, as many as can be shared
     * evenly. Only the split depends on the thread count, never a sum. */
    int width, height;
    if (g->m <= GF_GEMM_STREAM_ROWS) {
        height = g->m > 0 ? g->m : 1;
        width = piece_width(g->n, g->n > 0 ? g->n : 1, threads, 16);
    } else {
        width = piece_width(g->n, GEMM_COL_CHUNK, threads, 64);
        const int cols = ceil_div(g->n, width);
        const int row_share = threads % cols == 0 ? threads / cols : threads;
        height = piece_width(g->m, GEMM_ROW_CHUNK, cols >= threads ? 1 : row_share, 12);
    }
    const int cols = g->n > 0 ? ceil_div(g->n, width) : 0;
    const int rows = g->m > 0 ? ceil_div(g->m, height) : 0;
    const int blocks = cols * rows;
    GF_PARALLEL_FOR_IF(parallel && blocks > 1)
    for (int blk = 0; blk < blocks; blk++) {
        const int i0 = (blk / cols) * height, j0 = (blk % cols) * width;
        const int i1 = i0 + height < g->m ? i0 + height : g->m;
        const int j1 = j0 + width < g->n ? j0 + width : g->n;
        kn->gemm_block(g, i0, i1, j0, j1);
    }
}

void gf_dots_run(const gf_dots *d)
{
    const gf_kernels *kn = gf_kernels_best();
    const bool parallel = (long)d->m * d->n * d->k > GF_PARALLEL_MIN_WORK;
    const int threads = parallel ? gf_parallel_threads() : 1;
    const int width = piece_width(d->n, DOTS_COL_CHUNK, threads, 4);
    const int blocks = d->n > 0 ? ceil_div(d->n, width) : 0;
    GF_PARALLEL_FOR_IF(parallel && blocks > 1)
    for (int blk = 0; blk < blocks; blk++) {
        const int j0 = blk * width, j1 = j0 + width < d->n ? j0 + width : d->n;
        kn->dots_block(d, 0, d->m, j0, j1);
    }
}

static float multiply_add(float a, float b, float c, bool fused)
{
    return fused ? fmaf(a, b, c) : a * b + c;
}

/* b's element at index: from the half copy when there is one. */
static float b_value(const float *b, gf_half_view half, long index)
{
    return half.bits ? gf_half_to_f32(half.bits[index], half.type) : b[index];
}

void gf_gemm_reference(const gf_gemm *g, bool fused)
{
    for (int i = 0; i < g->m; i++)
        for (int j = 0; j < g->n; j++) {
            float *c = g->c + i * g->ldc + j;
            float sum = g->init == GF_GEMM_ACCUMULATE ? *c
                        : g->init == GF_GEMM_BIAS     ? g->bias[j]
                                                      : 0.0f;
            for (int p = 0; p < g->k; p++)
                sum = multiply_add(g->a[i * g->a_row + p * g->a_step],
                                   b_value(g->b, g->b_half, p * g->ldb + j), sum, fused);
            *c = sum;
        }
}

void gf_dots_reference(const gf_dots *d, bool fused)
{
    for (int i = 0; i < d->m; i++)
        for (int j = 0; j < d->n; j++) {
            float lane[GF_DOT_LANES] = {0};
            for (int p = 0; p < d->k; p++)
                lane[p % GF_DOT_LANES] = multiply_add(d->a[i * d->lda + p],
                                                      b_value(d->b, d->b_half, j * d->ldb + p),
                                                      lane[p % GF_DOT_LANES], fused);
            for (int half = GF_DOT_LANES / 2; half >= 1; half /= 2)
                for (int l = 0; l < half; l++)
                    lane[l] += lane[l + half];
            d->c[i * d->ldc + j] = lane[0];
        }
}

/* ops_kernels_avx512.c — the kernels of ops_kernels_body.h on AVX-512F:
 * one zmm register per 16-float vector, masked loads at the edges. Built
 * with -mavx512f -mfma; only called when the CPU has AVX-512F. */
#include <immintrin.h>

#include "ops_kernels.h"

typedef __m512 v16;

#define GEMM_MR 6   /* 6 rows × 4 zmm = 24 running sums in registers */
#define GEMM_NV 4
#define DOTS_MR 4   /* 4 × 4 = 16 running dot products              */
#define DOTS_NR 4
#define STREAM_NV 4   /* weight vectors per streaming step */
#define STREAM_GAP_ROWS 8 /* weight rows per pass over a slice with gaps */
#define STREAM_GAP_NV 2
#define PROBE_CHAINS 12
#define KERNEL_NAME "avx512"
#define KERNEL_FUSED true
#define KERNEL_ENTRY gf_kernels_avx512

static inline __mmask16 lane_mask(int lanes)
{
    return (__mmask16)((1u << lanes) - 1u);
}

static inline v16 v16_zero(void) { return _mm512_setzero_ps(); }
static inline v16 v16_set1(float x) { return _mm512_set1_ps(x); }
static inline v16 v16_load(const float *p) { return _mm512_loadu_ps(p); }
static inline void v16_store(float *p, v16 v) { _mm512_storeu_ps(p, v); }
static inline v16 v16_load_part(const float *p, int lanes)
{
    return _mm512_maskz_loadu_ps(lane_mask(lanes), p);
}
static inline void v16_store_part(float *p, v16 v, int lanes)
{
    _mm512_mask_storeu_ps(p, lane_mask(lanes), v);
}
static inline v16 v16_fma(v16 a, v16 b, v16 c) { return _mm512_fmadd_ps(a, b, c); }
/* 16 halves widened: F16 by vcvtph2ps, BF16 as the top 16 bits of a float. */
static inline v16 v16_load_f16(const uint16_t *p)
{
    return _mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *)p));
}
static inline v16 v16_load_bf16(const uint16_t *p)
{
    const __m512i wide = _mm512_cvtepu16_epi32(_mm256_loadu_si256((const __m256i *)p));
    return _mm512_castsi512_ps(_mm512_slli_epi32(wide, 16));
}

/* lane l + lane l+8, then l+4, l+2, l+1: the tree of the dots contract. */
static inline float v16_reduce(v16 v)
{
    const __m256 low = _mm512_castps512_ps256(v);
    const __m256 high = _mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(v), 1));
    const __m256 s8 = _mm256_add_ps(low, high);
    const __m128 s4 = _mm_add_ps(_mm256_castps256_ps128(s8), _mm256_extractf128_ps(s8, 1));
    const __m128 s2 = _mm_add_ps(s4, _mm_movehl_ps(s4, s4));
    const __m128 s1 = _mm_add_ss(s2, _mm_shuffle_ps(s2, s2, 1));
    return _mm_cvtss_f32(s1);
}

/* The same tree for a 4 × 4 tile of sums at once, sums[4s + r] = tile (r, s):
 * out[4r + s] = v16_reduce(sums[4s + r]), with 30 shuffles and 15 adds
 * instead of 16 separate trees. Each step pairs 128-bit blocks or lanes so
 * that every sum meets exactly the partner the tree names. */
#define HAVE_REDUCE_4X4 1
static inline void v16_reduce_4x4(const v16 sums[16], float out[16])
{
    __m512 half[8], quarter[4], eighth[2];
    for (int q = 0; q < 8; q++)   /* lanes l + l+8: blocks 0,1 + blocks 2,3 */
        half[q] = _mm512_add_ps(_mm512_shuffle_f32x4(sums[2 * q], sums[2 * q + 1], 0x44),
                                _mm512_shuffle_f32x4(sums[2 * q], sums[2 * q + 1], 0xEE));
    for (int q = 0; q < 4; q++)   /* lanes l + l+4: block 0 + block 1 of each sum */
        quarter[q] = _mm512_add_ps(_mm512_shuffle_f32x4(half[2 * q], half[2 * q + 1], 0x88),
                                   _mm512_shuffle_f32x4(half[2 * q], half[2 * q + 1], 0xDD));
    for (int q = 0; q < 2; q++)   /* lanes l + l+2 inside each block */
        eighth[q] = _mm512_add_ps(_mm512_shuffle_ps(quarter[2 * q], quarter[2 * q + 1], 0x44),
                                  _mm512_shuffle_ps(quarter[2 * q], quarter[2 * q + 1], 0xEE));
    const __m512 total = _mm512_add_ps(_mm512_shuffle_ps(eighth[0], eighth[1], 0x88),
                                       _mm512_shuffle_ps(eighth[0], eighth[1], 0xDD));
    _mm512_storeu_ps(out, total);
}

#include "ops_kernels_body.h"

/* ops_kernels_avx2.c — the kernels of ops_kernels_body.h on AVX2 + FMA:
 * a 16-float vector is a pair of ymm registers (lanes 0–7, 8–15), so sums
 * and their order are those of the AVX-512 copy. Built with -mavx2 -mfma
 * -mf16c; only called when the CPU has all three (every CPU with AVX2 and
 * FMA has F16C). */
#include <immintrin.h>

#include "ops_kernels.h"

typedef struct {
    __m256 low, high;
} v16;

#define GEMM_MR 6   /* 6 rows × 2 ymm = 12 running sums, 2 for the weights, 1 broadcast */
#define GEMM_NV 1
#define DOTS_MR 2
#define DOTS_NR 2
#define STREAM_NV 4   /* weight vectors per streaming step */
#define STREAM_GAP_ROWS 4 /* weight rows per pass over a slice with gaps */
#define STREAM_GAP_NV 1
#define PROBE_CHAINS 6
#define KERNEL_NAME "avx2"
#define KERNEL_FUSED true
#define KERNEL_ENTRY gf_kernels_avx2

/* All ones in the lanes below lanes (of 8), as maskload/maskstore want. */
static inline __m256i lane_mask(int lanes)
{
    const __m256i index = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(lanes), index);
}

static inline v16 v16_zero(void)
{
    return (v16){_mm256_setzero_ps(), _mm256_setzero_ps()};
}
static inline v16 v16_set1(float x)
{
    return (v16){_mm256_set1_ps(x), _mm256_set1_ps(x)};
}
static inline v16 v16_load(const float *p)
{
    return (v16){_mm256_loadu_ps(p), _mm256_loadu_ps(p + 8)};
}
static inline void v16_store(float *p, v16 v)
{
    _mm256_storeu_ps(p, v.low);
    _mm256_storeu_ps(p + 8, v.high);
}
static inline v16 v16_load_part(const float *p, int lanes)
{
    return (v16){_mm256_maskload_ps(p, lane_mask(lanes)),
                 _mm256_maskload_ps(p + 8, lane_mask(lanes - 8))};
}
static inline void v16_store_part(float *p, v16 v, int lanes)
{
    _mm256_maskstore_ps(p, lane_mask(lanes), v.low);
    _mm256_maskstore_ps(p + 8, lane_mask(lanes - 8), v.high);
}
static inline v16 v16_fma(v16 a, v16 b, v16 c)
{
    return (v16){_mm256_fmadd_ps(a.low, b.low, c.low), _mm256_fmadd_ps(a.high, b.high, c.high)};
}
/* 8 halves widened: F16 by vcvtph2ps (F16C), BF16 as the top 16 bits of a
 * float. */
static inline __m256 f16_x8(const uint16_t *p)
{
    return _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)p));
}
static inline __m256 bf16_x8(const uint16_t *p)
{
    const __m256i wide = _mm256_cvtepu16_epi32(_mm_loadu_si128((const __m128i *)p));
    return _mm256_castsi256_ps(_mm256_slli_epi32(wide, 16));
}
static inline v16 v16_load_f16(const uint16_t *p)
{
    return (v16){f16_x8(p), f16_x8(p + 8)};
}
static inline v16 v16_load_bf16(const uint16_t *p)
{
    return (v16){bf16_x8(p), bf16_x8(p + 8)};
}

/* lane l + lane l+8, then l+4, l+2, l+1: the tree of the dots contract. */
static inline float v16_reduce(v16 v)
{
    const __m256 s8 = _mm256_add_ps(v.low, v.high);
    const __m128 s4 = _mm_add_ps(_mm256_castps256_ps128(s8), _mm256_extractf128_ps(s8, 1));
    const __m128 s2 = _mm_add_ps(s4, _mm_movehl_ps(s4, s4));
    const __m128 s1 = _mm_add_ss(s2, _mm_shuffle_ps(s2, s2, 1));
    return _mm_cvtss_f32(s1);
}

#include "ops_kernels_body.h"

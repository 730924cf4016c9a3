/* ops_kernels_generic.c — the kernels of ops_kernels_body.h in plain C, for
 * machines without AVX2 (and other architectures): a 16-float vector is a
 * GNU C vector, which the compiler maps to the registers it has (built with
 * -Wno-psabi: these vectors never cross a non-inlined call we export).
 * Multiply-adds are fused where the compiler says fmaf is fast
 * (__FP_FAST_FMAF, e.g. arm64), else multiply then add. */
#include <math.h>
#include <string.h>

#include "ops_kernels.h"

/* Four GNU C vectors of 4 floats (SSE / NEON width), as four named fields
 * so the compiler keeps each in a register. */
typedef float f4 __attribute__((vector_size(16)));
typedef struct {
    f4 a, b, c, d;
} v16;

#define GEMM_MR 4   /* 4 rows × 4 registers: 16 sums (SSE spills a few, NEON has 32) */
#define GEMM_NV 1
#define DOTS_MR 2
#define DOTS_NR 2
#define STREAM_NV 2   /* weight vectors per streaming step */
#define STREAM_GAP_ROWS 1 /* weight rows per pass over a slice with gaps */
#define STREAM_GAP_NV 1
#define PROBE_CHAINS 4
#define KERNEL_NAME "generic"
#define KERNEL_ENTRY gf_kernels_generic
#ifdef __FP_FAST_FMAF
#define KERNEL_FUSED true
#else
#define KERNEL_FUSED false
#endif

static inline f4 f4_load(const float *p)
{
    f4 v;
    memcpy(&v, p, sizeof v);
    return v;
}
static inline void f4_store(float *p, f4 v)
{
    memcpy(p, &v, sizeof v);
}
static inline f4 f4_fma(f4 x, f4 y, f4 z)
{
#ifdef __FP_FAST_FMAF
    for (int l = 0; l < 4; l++)
        z[l] = fmaf(x[l], y[l], z[l]);
    return z;
#else
    return x * y + z;   /* two roundings: C11 does not contract this */
#endif
}

static inline v16 v16_zero(void)
{
    const f4 zero = {0.0f, 0.0f, 0.0f, 0.0f};
    return (v16){zero, zero, zero, zero};
}
static inline v16 v16_set1(float x)
{
    const f4 all = {x, x, x, x};
    return (v16){all, all, all, all};
}
static inline v16 v16_load(const float *p)
{
    return (v16){f4_load(p), f4_load(p + 4), f4_load(p + 8), f4_load(p + 12)};
}
static inline void v16_store(float *p, v16 v)
{
    f4_store(p, v.a);
    f4_store(p + 4, v.b);
    f4_store(p + 8, v.c);
    f4_store(p + 12, v.d);
}
static inline v16 v16_load_part(const float *p, int lanes)
{
    float tmp[16] = {0.0f};
    memcpy(tmp, p, sizeof(float) * (size_t)lanes);
    return v16_load(tmp);
}
static inline void v16_store_part(float *p, v16 v, int lanes)
{
    float tmp[16];
    v16_store(tmp, v);
    memcpy(p, tmp, sizeof(float) * (size_t)lanes);
}
static inline v16 v16_fma(v16 x, v16 y, v16 z)
{
    return (v16){f4_fma(x.a, y.a, z.a), f4_fma(x.b, y.b, z.b), f4_fma(x.c, y.c, z.c),
                 f4_fma(x.d, y.d, z.d)};
}

/* 16 halves widened one by one (half.c: exact, as the vector copies). */
static inline v16 v16_load_f16(const uint16_t *p)
{
    float wide[16];
    for (int l = 0; l < 16; l++)
        wide[l] = gf_f16_to_f32(p[l]);
    return v16_load(wide);
}
static inline v16 v16_load_bf16(const uint16_t *p)
{
    float wide[16];
    for (int l = 0; l < 16; l++)
        wide[l] = gf_bf16_to_f32(p[l]);
    return v16_load(wide);
}

/* lane l + lane l+8, then l+4, l+2, l+1: the tree of the dots contract. */
static inline float v16_reduce(v16 v)
{
    float lane[16];
    v16_store(lane, v);
    for (int half = 8; half >= 1; half /= 2)
        for (int l = 0; l < half; l++)
            lane[l] += lane[l + half];
    return lane[0];
}

#include "ops_kernels_body.h"

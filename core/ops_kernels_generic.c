/* ops_kernels_generic.c — the kernels of ops_kernels_body.h in plain C, for
 * machines without AVX2 (and other architectures): a 16-float vector is an
 * array the compiler vectorizes as it can. Multiply-adds are fused where
 * the compiler says fmaf is fast (__FP_FAST_FMAF), else multiply then add. */
#include <math.h>

#include "ops_kernels.h"

typedef struct {
    float lane[16];
} v16;

#define GEMM_MR 4
#define GEMM_NV 1
#define DOTS_MR 2
#define DOTS_NR 2
#define DOTS_ROW_NR 4
#define PROBE_CHAINS 4
#define KERNEL_NAME "generic"
#define KERNEL_ENTRY gf_kernels_generic
#ifdef __FP_FAST_FMAF
#define KERNEL_FUSED true
#define MULTIPLY_ADD(a, b, c) fmaf(a, b, c)
#else
#define KERNEL_FUSED false
#define MULTIPLY_ADD(a, b, c) ((a) * (b) + (c))
#endif

static inline v16 v16_zero(void)
{
    v16 v;
    for (int l = 0; l < 16; l++)
        v.lane[l] = 0.0f;
    return v;
}
static inline v16 v16_set1(float x)
{
    v16 v;
    for (int l = 0; l < 16; l++)
        v.lane[l] = x;
    return v;
}
static inline v16 v16_load_part(const float *p, int lanes)
{
    v16 v;
    for (int l = 0; l < 16; l++)
        v.lane[l] = l < lanes ? p[l] : 0.0f;
    return v;
}
static inline v16 v16_load(const float *p)
{
    v16 v;
    for (int l = 0; l < 16; l++)
        v.lane[l] = p[l];
    return v;
}
static inline void v16_store_part(float *p, v16 v, int lanes)
{
    for (int l = 0; l < lanes; l++)
        p[l] = v.lane[l];
}
static inline void v16_store(float *p, v16 v)
{
    v16_store_part(p, v, 16);
}
static inline v16 v16_fma(v16 a, v16 b, v16 c)
{
    for (int l = 0; l < 16; l++)
        c.lane[l] = MULTIPLY_ADD(a.lane[l], b.lane[l], c.lane[l]);
    return c;
}

/* lane l + lane l+8, then l+4, l+2, l+1: the tree of the dots contract. */
static inline float v16_reduce(v16 v)
{
    for (int half = 8; half >= 1; half /= 2)
        for (int l = 0; l < half; l++)
            v.lane[l] += v.lane[l + half];
    return v.lane[0];
}

#include "ops_kernels_body.h"

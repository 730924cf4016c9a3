/* half.c — IEEE half precision (f16) and bfloat16 (bf16) conversions to and
 * from float, bit-exact: round to nearest, ties to even; subnormals, infinities
 * and NaNs handled (a NaN stays a quiet NaN with its sign). See half.h. */
#include "half.h"

#include <string.h>

static uint32_t half_f32_bits(float f)
{
    uint32_t x;
    memcpy(&x, &f, sizeof x);
    return x;
}

static float half_bits_f32(uint32_t x)
{
    float f;
    memcpy(&f, &x, sizeof f);
    return f;
}

/* value >> shift, rounded to nearest with ties to even (1 <= shift <= 31). */
static uint32_t half_shift_round(uint32_t value, int shift)
{
    uint32_t kept = value >> shift;
    uint32_t rest = value & ((1u << shift) - 1u);
    uint32_t halfway = 1u << (shift - 1);
    if (rest > halfway || (rest == halfway && (kept & 1u)))
        kept++;
    return kept;
}

uint16_t gf_f32_to_f16(float f)
{
    uint32_t x = half_f32_bits(f);
    uint32_t sign = (x >> 16) & 0x8000u;
    int exp32 = (int)((x >> 23) & 0xffu);
    uint32_t mant = x & 0x7fffffu;

    if (exp32 == 0xff) /* inf stays inf; NaN keeps its top payload bits, forced quiet */
        return (uint16_t)(sign | 0x7c00u | (mant ? 0x0200u | (mant >> 13) : 0u));

    int exp16 = exp32 - 127 + 15; /* biased f16 exponent if the value were normal */
    if (exp16 >= 31)
        return (uint16_t)(sign | 0x7c00u);
    if (exp16 >= 1) {
        /* Normal: 10 mantissa bits kept, 13 rounded away. A carry out of the
         * mantissa correctly bumps the exponent (up to 0x7c00 = inf). */
        return (uint16_t)(sign | half_shift_round(((uint32_t)exp16 << 23) | mant, 13));
    }
    if (exp16 < -10) /* below half the smallest subnormal (2^-25): rounds to zero */
        return (uint16_t)sign;
    /* Subnormal f16: value = (1.mant) * 2^(exp16-15) in units of 2^-24 is
     * (mant | 2^23) >> (14 - exp16). Rounding up to 0x400 gives the smallest normal. */
    return (uint16_t)(sign | half_shift_round(mant | 0x800000u, 14 - exp16));
}

float gf_f16_to_f32(uint16_t h)
{
    uint32_t sign = ((uint32_t)h & 0x8000u) << 16;
    uint32_t exp16 = ((uint32_t)h >> 10) & 0x1fu;
    uint32_t mant = (uint32_t)h & 0x3ffu;

    if (exp16 == 0x1f) /* inf or NaN */
        return half_bits_f32(sign | 0x7f800000u | (mant << 13));
    if (exp16 != 0)
        return half_bits_f32(sign | ((exp16 - 15u + 127u) << 23) | (mant << 13));
    if (mant == 0)
        return half_bits_f32(sign);
    /* Subnormal: normalize so the leading 1 becomes the implicit bit. */
    uint32_t exp32 = 127u - 14u;
    while (!(mant & 0x400u)) {
        mant <<= 1;
        exp32--;
    }
    return half_bits_f32(sign | (exp32 << 23) | ((mant & 0x3ffu) << 13));
}

uint16_t gf_f32_to_bf16(float f)
{
    uint32_t x = half_f32_bits(f);
    if ((x & 0x7f800000u) == 0x7f800000u && (x & 0x7fffffu))
        return (uint16_t)((x >> 16) | 0x0040u); /* NaN: keep sign, force quiet */
    /* Round the low 16 bits away, ties to even; overflow carries into inf. */
    return (uint16_t)half_shift_round(x, 16);
}

float gf_bf16_to_f32(uint16_t h)
{
    return half_bits_f32((uint32_t)h << 16);
}

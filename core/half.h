/* half.h — IEEE half precision (F16) and bfloat16 (BF16): conversions to
 * and from float (half.c), and a matrix's values kept in one of them.
 *
 * Widening a half to float is exact, so a product that reads a half copy
 * and widens each weight in registers gives the same bits as one that reads
 * the widened float copy (decoding reads the half copy: half the bytes). */
#ifndef GF_HALF_H
#define GF_HALF_H

#include <stddef.h>
#include <stdint.h>

typedef enum { GF_HALF_NONE = 0, GF_HALF_F16, GF_HALF_BF16 } gf_half_type;

/* A matrix's values in half precision, laid out as its float copy; bits
 * NULL (type GF_HALF_NONE) when there is only the float copy. */
typedef struct {
    const uint16_t *bits;
    gf_half_type type;
} gf_half_view;

/* No half copy: only the float values. */
#define GF_HALF_VIEW_NONE ((gf_half_view){NULL, GF_HALF_NONE})

/* view moved on by offset elements (still empty when view is). */
static inline gf_half_view gf_half_view_at(gf_half_view view, long offset)
{
    if (view.bits)
        view.bits += offset;
    return view;
}

/* Round to nearest, ties to even; subnormals, infinities and NaNs kept. */
uint16_t gf_f32_to_f16(float f);
float gf_f16_to_f32(uint16_t h);
uint16_t gf_f32_to_bf16(float f);
float gf_bf16_to_f32(uint16_t h);

/* The float value of h stored as type (F16 or BF16). */
static inline float gf_half_to_f32(uint16_t h, gf_half_type type)
{
    return type == GF_HALF_BF16 ? gf_bf16_to_f32(h) : gf_f16_to_f32(h);
}

/* x stored as type (F16 or BF16), rounded as above. */
static inline uint16_t gf_f32_to_half(float x, gf_half_type type)
{
    return type == GF_HALF_BF16 ? gf_f32_to_bf16(x) : gf_f32_to_f16(x);
}

/* The float that comes back from x stored as type: what a half file holds. */
static inline float gf_f32_through_half(float x, gf_half_type type)
{
    return gf_half_to_f32(gf_f32_to_half(x, type), type);
}

#endif

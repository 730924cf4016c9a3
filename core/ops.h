/* ops.h — the numeric building blocks of a transformer, row by row.
 *
 * Shapes are in comments as (rows, cols); pointers point at the first row to
 * compute. Each output element is always summed in the same order, whatever
 * the number of rows, so a batch and a single appended row give bitwise equal
 * results. The order is fixed per instruction set: AVX-512 and AVX2 give the
 * same bits, plain C without fast FMA differs by rounding (ops_kernels.h).
 * The trainer's backward passes live beside these in their own file. */
#ifndef GF_OPS_H
#define GF_OPS_H

#include <stddef.h>

#include "half.h"

/* out (R, N) = in (R, K) · w (K, N) + b (N).  w's rows are ldw floats apart
 * (ldw >= N; e.g. the Q columns of a (K, 3N) matrix); b may be NULL. */
void gf_op_linear(float *out, const float *in, const float *w, int ldw, const float *b,
                  int rows, int k, int n);
/* out (R, N) = in (R, K) · w (N, K)ᵀ   e.g. logits = x · wteᵀ. */
void gf_op_linear_transposed(float *out, const float *in, const float *w, int rows, int k,
                             int n);
/* The same two with w's values also held as F16 or BF16 (w_half, laid out
 * as w; may be empty). Up to 3 rows of gf_op_linear_half and one row of
 * gf_op_linear_transposed_half (decoding) read the half copy, half the
 * bytes, and give the same bits as reading w. */
void gf_op_linear_half(float *out, const float *in, const float *w, gf_half_view w_half, int ldw,
                       const float *b, int rows, int k, int n);
void gf_op_linear_transposed_half(float *out, const float *in, const float *w,
                                  gf_half_view w_half, int rows, int k, int n);
/* out[j] = a · b_j for the n rows b_j = b + j·ldb of k floats: each one
 * gf_op_dot(a, b_j, k), bit for bit, on the calling thread. */
void gf_op_dots_rows(float *out, const float *a, const float *b, int ldb, int n, int k);
/* a · b over n floats, in a fixed order (16 interleaved partial sums, then
 * a fixed tree; see ops_kernels.h). */
float gf_op_dot(const float *a, const float *b, int n);

/* LayerNorm of each row (R, C): out = (x − mean)·rstd·g + b with
 * rstd = 1/√(var + eps), var the biased variance. mean/var/rstd (R) may be NULL. */
void gf_op_layernorm(float *out, float *mean, float *var, float *rstd, const float *in, const float *g,
                     const float *b, int rows, int c, float eps);
/* RMSNorm of each row: out = x·rstd·g, rstd = 1/√(mean(x²) + eps); ms
 * (R, may be NULL) gets mean(x²). */
void gf_op_rmsnorm(float *out, float *ms, float *rstd, const float *in, const float *g, int rows,
                   int c, float eps);

float gf_op_gelu_tanh(float x);   /* 0.5x(1 + tanh(√(2/π)(x + 0.044715x³))) */
/* gf_op_gelu_tanh over n floats (the same bits as one by one, faster), and
 * its derivative (gf_op_gelu_tanh_grad's values, for the trainer). Both
 * work through stack buffers of GF_OP_ACT_CHUNK floats at a time. */
#define GF_OP_ACT_CHUNK 256
void gf_op_gelu_tanh_rows(float *out, const float *in, size_t n);
void gf_op_gelu_tanh_grad_rows(float *grad, const float *in, size_t n);
float gf_op_gelu_exact(float x);  /* 0.5x(1 + erf(x/√2))                     */
float gf_op_relu(float x);        /* max(0, x)                               */
float gf_op_silu(float x);        /* x·σ(x)                                  */

/* In-place softmax of v[0..n): max-subtracted; −∞ entries become exactly 0. */
void gf_op_softmax(float *v, int n);

/* Sinusoidal position code for position t, out (C), C even:
 * out[2i] = sin(t / 10000^(2i/C)), out[2i+1] = cos(t / 10000^(2i/C)). */
void gf_op_sinusoid(float *out, int t, int c);

#endif

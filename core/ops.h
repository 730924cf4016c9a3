/* ops.h — the numeric building blocks of a transformer, one row at a time.
 *
 * Shapes are in comments as (rows, cols). Every op works on rows [r0, r1)
 * so a batch and a single appended row run the very same arithmetic in the
 * same order (bitwise equal results). The trainer's backward passes live
 * beside these in their own file. */
#ifndef GF_OPS_H
#define GF_OPS_H

#include <stdint.h>

/* out (R, N) = in (R, K) · w (K, N) + b (N); b may be NULL. Conv1D layout. */
void gf_op_linear(float *out, const float *in, const float *w, const float *b, int r0,
                  int r1, int k, int n);
/* out (R, N) = in (R, K) · w (N, K)ᵀ : e.g. logits = x · wteᵀ. */
void gf_op_linear_transposed(float *out, const float *in, const float *w, int r0, int r1,
                             int k, int n);
/* LayerNorm of each row: out = (x − mean)·rstd·g + b, rstd = 1/√(var + eps),
 * var the biased variance. mean/rstd (R) may be NULL. */
void gf_op_layernorm(float *out, float *mean, float *rstd, const float *in, const float *g,
                     const float *b, int r0, int r1, int c, float eps);
/* RMSNorm of each row: out = x·rstd·g, rstd = 1/√(mean(x²) + eps). */
void gf_op_rmsnorm(float *out, float *rstd, const float *in, const float *g, int r0, int r1,
                   int c, float eps);

float gf_op_gelu_tanh(float x);
float gf_op_gelu_exact(float x);
float gf_op_relu(float x);
float gf_op_silu(float x);

/* In-place softmax of v[0..n) (max-subtracted); entries equal to −∞ become 0. */
void gf_op_softmax(float *v, int n);

/* Sinusoidal position code of position t into out (C):
 * out[2i] = sin(t / 10000^(2i/C)), out[2i+1] = cos(t / 10000^(2i/C)). */
void gf_op_sinusoid(float *out, int t, int c);

#endif

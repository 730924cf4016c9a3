/* ops_backward.h — the gradients of the ops in ops.h, for the trainer.
 *
 * Convention (as in llm.c): every backward ADDS into its gradient outputs
 * (d-prefixed pointers), so gradients from several uses of one tensor sum
 * up; callers zero a buffer before its first use. Gradient pointers marked
 * "may be NULL" are skipped. Inputs are the forward's saved activations
 * (the trace). Each gradient element is summed in a fixed order; OpenMP only
 * splits independent output elements, so results do not depend on the
 * thread count. Shapes in comments are (rows, cols). */
#ifndef GF_OPS_BACKWARD_H
#define GF_OPS_BACKWARD_H

#include <stddef.h>
#include <stdint.h>

/* out (R, N) = in (R, K) · w (K, N) + b, w's rows ldw floats apart:
 * din (R, K) += dout · wᵀ;  dw (K, N; rows ldw apart) += inᵀ · dout;
 * db (N) += Σ_r dout[r].  din, dw and db may be NULL. din needs wt, w
 * transposed (N, K) by gf_op_transpose, which a caller can keep and reuse
 * while w does not change (the trainer, over the sequences of one step). */
void gf_op_linear_backward(float *din, float *dw, float *db, const float *dout, const float *in,
                           const float *wt, int ldw, int rows, int k, int n);
/* wt (N, K) = w (K, N; rows ldw apart) transposed. */
void gf_op_transpose(float *wt, const float *w, int ldw, int k, int n);

/* out (R, N) = in (R, K) · w (N, K)ᵀ:
 * din (R, K) += dout · w;  dw (N, K) += doutᵀ · in.  din, dw may be NULL
 * (in is only read for dw). */
void gf_op_linear_transposed_backward(float *din, float *dw, const float *dout,
                                      const float *in, const float *w, int rows, int k, int n);

/* LayerNorm with the forward's saved mean/rstd (R):
 * din (R, C) += ∂/∂x, dg (C) += Σ_r dout·x̂, db (C) += Σ_r dout (db may be NULL). */
void gf_op_layernorm_backward(float *din, float *dg, float *db, const float *dout,
                              const float *in, const float *mean, const float *rstd,
                              const float *g, int rows, int c);
/* RMSNorm with the forward's saved rstd (R): din (R, C), dg (C). */
void gf_op_rmsnorm_backward(float *din, float *dg, const float *dout, const float *in,
                            const float *rstd, const float *g, int rows, int c);

/* Derivatives of the activations at x. */
float gf_op_gelu_tanh_grad(float x);
float gf_op_gelu_exact_grad(float x);
float gf_op_relu_grad(float x);   /* 1 for x > 0, else 0 */
float gf_op_silu_grad(float x);   /* σ(x)·(1 + x·(1 − σ(x))) */

/* act = f(pre) elementwise over n: dpre (n) += dact · f'(pre). */
void gf_op_activation_backward(float *dpre, const float *dact, const float *pre, size_t n,
                               float (*grad)(float));
/* gf_op_activation_backward for gelu_tanh, the same bits, vectorized. */
void gf_op_gelu_tanh_backward(float *dpre, const float *dact, const float *pre, size_t n);
/* act = silu(gate) · up over n: dgate += dact·up·silu'(gate), dup += dact·silu(gate). */
void gf_op_swiglu_backward(float *dgate, float *dup, const float *dact, const float *gate,
                           const float *up, size_t n);

/* p = softmax(x) over n (p from the forward; masked entries have p = 0):
 * dx (n) += p ⊙ (dp − Σ p·dp). Masked entries get no gradient. */
void gf_op_softmax_backward(float *dx, const float *p, const float *dp, int n);

/* One head of causal attention over rows [0, T). q, k, v, out and their
 * gradients are (T, ·) with rows ld floats apart holding hs columns each
 * (e.g. a head's slice of a (T, C) tensor: ld = C); weights is (T, ·) with
 * rows ldw floats apart (the trace's capacity), row t valid in [0, t].
 *   scores[t][j] = q_t·k_j·scale (j ≤ t), weights = softmax of each row,
 *   out_t = Σ_j weights[t][j]·v_j.
 * The steps on their own, as plain loops one vector at a time, then the
 * whole head through the matrix kernels (ops_attention_backward.c): the
 * same sums, fused multiply-adds where the kernels fuse. */
/* dweights[t][j] (j ≤ t, rows ldw apart) += dout_t·v_j;  dv_j += Σ_t weights[t][j]·dout_t. */
void gf_op_weighted_values_backward(float *dweights, float *dv, const float *dout,
                                    const float *weights, const float *v, int t_rows, int hs,
                                    int ld, int ldw);
/* dq_t += scale·Σ_j dscores[t][j]·k_j;  dk_j += scale·Σ_t dscores[t][j]·q_t. */
void gf_op_scores_backward(float *dq, float *dk, const float *dscores, const float *q,
                           const float *k, int t_rows, int hs, int ld, int ldw, float scale);
/* The whole head; scratch holds 2·T·ldw floats (dweights, dscores), written
 * here (its old contents do not matter). Needs ldw >= T. */
void gf_op_attention_backward(float *dq, float *dk, float *dv, const float *dout,
                              const float *q, const float *k, const float *v,
                              const float *weights, int t_rows, int hs, int ld, int ldw,
                              float scale, float *scratch);

/* x0[t] = wte[tokens[t]] + pos[t] over (T, C): dwte (V, C) rows of the
 * tokens += dx0; dwpe (T, C) += dx0 (learned positions; NULL for sinusoidal). */
void gf_op_embedding_backward(float *dwte, float *dwpe, const float *dx0,
                              const int32_t *tokens, int rows, int c);

/* Cross-entropy of one row of logits (V) against target:
 * returns −log softmax(logits)[target] (computed in double) and, when
 * dlogits is not NULL, sets it (V) to scale·(softmax(logits) − onehot(target))
 * (the one gradient here that is written, not added: no row of logits feeds
 * two losses, and writing spares a pass over a row as long as the vocabulary). */
double gf_op_cross_entropy_backward(float *dlogits, const float *logits, int target, int v,
                                    float scale);

#endif

/* attention_whatif.h — the mask what-if: the attention a head would pay if
 * the causal mask were gone (every position sees the future too).
 *
 * A hypothetical computation, like the logit lens (logit_lens.h): the trace
 * holds 0 above the diagonal (those scores are never computed), so the view that
 * shows raw scores, masked scores and weights side by side asks core for the
 * unmasked ones here. Nothing of it enters the trace or the model's output.
 * The scores are computed exactly as the forward pass computes them (q_i·k_j
 * in the same order, times the same 1/√hs), so below and on the diagonal they
 * equal the trace's bit for bit, and the last row, which the mask never
 * touches, has the trace's weights. */
#ifndef GF_ATTENTION_WHATIF_H
#define GF_ATTENTION_WHATIF_H

#include "gf_error.h"
#include "trace.h"

/* scores (T, T) = q_i·k_j/√hs for every i, j; weights (T, T) = softmax of
 * each whole row. Either may be NULL. tr: a keep_all trace; layer in
 * 0..L−1, head in 0..H−1. Row-major, T = tr->n_tokens. */
gf_status gf_attention_unmasked(const gf_trace *tr, int layer, int head, float *scores,
                                float *weights, gf_error *err);

#endif

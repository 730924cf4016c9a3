/* forward.h — the forward pass of the reference transformer.
 *
 * gf_forward_append computes positions [T, T+n) of the trace for n new
 * tokens: embeddings, every block, the final norm and the logits. Rows < T are
 * only read (as the K/V cache), so appending one token costs one position's
 * work, and the result is bitwise the same as recomputing everything: each
 * output element is summed in the same order whatever the batch. */
#ifndef GF_FORWARD_H
#define GF_FORWARD_H

#include <stdint.h>

#include "gf_error.h"
#include "model.h"
#include "trace.h"

gf_status gf_forward_append(const gf_model *m, gf_trace *tr, const int32_t *tokens,
                            int n, gf_error *err);

/* Convenience: reset the trace to T = 0, then append all tokens. */
gf_status gf_forward_full(const gf_model *m, gf_trace *tr, const int32_t *tokens, int n,
                          gf_error *err);

#endif

/* eval_loss.h — the loss of a model on a whole token stream.
 *
 * The stream is cut into non-overlapping windows of W input tokens (W = the
 * trace's capacity): window k runs tokens [kW, kW + W) from an empty
 * context, and position t predicts token kW + t + 1, so every token but the
 * first is predicted exactly once (the last window may be shorter). The sum
 * of −ln p(token | window so far) is returned in nats, with the count of
 * tokens predicted. */
#ifndef GF_EVAL_LOSS_H
#define GF_EVAL_LOSS_H

#include <stdint.h>

#include "gf_error.h"
#include "model.h"
#include "trace.h"

/* tr: a trace of m; a keep_all one runs each window at once, a lean one
 * (far smaller for long contexts) token by token, to the same values.
 * ids must be in [0, V). Adds into *nats and *predicted. */
gf_status gf_eval_loss_stream(const gf_model *m, gf_trace *tr, const int32_t *tokens,
                              int64_t n, double *nats, int64_t *predicted, gf_error *err);

#endif

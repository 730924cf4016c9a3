/* eval_loss.c — summed next-token loss over non-overlapping windows (see
 * eval_loss.h). */
#include "eval_loss.h"

#include "forward.h"
#include "ops_backward.h"

/* One window: inputs tokens[0, w), targets tokens[1, w]. A full trace runs
 * it at once; a lean one a token at a time (each append leaves the newest
 * position's logits, the same values as a full pass). */
static gf_status eval_window(const gf_model *m, gf_trace *tr, const int32_t *tokens, int w,
                             double *nats, gf_error *err)
{
    const int v = m->config.vocab_size;
    gf_status s = GF_OK;
    if (tr->keep_all)
        s = gf_forward_full(m, tr, tokens, w, err);
    else
        gf_trace_truncate(tr, 0);
    for (int t = 0; s == GF_OK && t < w; t++) {
        if (!tr->keep_all)
            s = gf_forward_append(m, tr, tokens + t, 1, err);
        if (s == GF_OK)
            *nats += gf_op_cross_entropy_backward(NULL, gf_trace_logits_row(tr, t),
                                                  tokens[t + 1], v, 0.0f);
    }
    return s;
}

gf_status gf_eval_loss_stream(const gf_model *m, gf_trace *tr, const int32_t *tokens,
                              int64_t n, double *nats, int64_t *predicted, gf_error *err)
{
    if (!m || !tr || (n > 0 && !tokens))
        return gf_error_set(err, GF_ERR_ARGUMENT, "eval: needs a model, a trace and tokens");
    const int window = tr->capacity;
    const int v = m->config.vocab_size;
    for (int64_t start = 0; start + 1 < n; start += window) {
        const int w = n - 1 - start < window ? (int)(n - 1 - start) : window;
        for (int t = 0; t <= w; t++)
            if (tokens[start + t] < 0 || tokens[start + t] >= v)
                return gf_error_set(err, GF_ERR_RANGE,
                                    "eval: token %d at position %lld is outside the "
                                    "vocabulary (0..%d)",
                                    tokens[start + t], (long long)(start + t), v - 1);
        gf_status s = eval_window(m, tr, tokens + start, w, nats, err);
        if (s != GF_OK)
            return s;
        *predicted += w;
    }
    return GF_OK;
}

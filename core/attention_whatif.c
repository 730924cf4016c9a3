/* attention_whatif.c — attention without the causal mask, for the what-if
 * view (see attention_whatif.h). */
#include "attention_whatif.h"

#include <math.h>
#include <string.h>

#include "ops.h"

gf_status gf_attention_unmasked(const gf_trace *tr, int layer, int head, float *scores,
                                float *weights, gf_error *err)
{
    const gf_config *cfg = &tr->config;
    if (!tr->keep_all)
        return gf_error_set(err, GF_ERR_ARGUMENT, "mask what-if: needs the queries (a full "
                            "trace, not a lean one)");
    if (layer < 0 || layer >= cfg->n_layer)
        return gf_error_set(err, GF_ERR_RANGE, "mask what-if: layer %d is outside 0..%d", layer,
                            cfg->n_layer - 1);
    if (head < 0 || head >= cfg->n_head)
        return gf_error_set(err, GF_ERR_RANGE, "mask what-if: head %d is outside 0..%d", head,
                            cfg->n_head - 1);
    const int t = tr->n_tokens, c = cfg->n_embd, hs = c / cfg->n_head;
    /* the forward pass's own expression (forward.c, attention_row) */
    const float scale = 1.0f / sqrtf((float)hs);
    const gf_layer_trace *lt = &tr->layers[layer];
    if (!scores && !weights)
        return GF_OK;
    for (int i = 0; i < t; i++) {
        const float *q = lt->q + (size_t)i * c + (size_t)head * hs;  /* (hs) */
        float *row = (weights ? weights : scores) + (size_t)i * t;   /* (T)  */
        for (int j = 0; j < t; j++)
            row[j] = gf_op_dot(q, lt->k + (size_t)j * c + (size_t)head * hs, hs) * scale;
        if (scores && weights)
            memcpy(scores + (size_t)i * t, row, sizeof *row * (size_t)t);
        if (weights)
            gf_op_softmax(row, t);
    }
    return GF_OK;
}

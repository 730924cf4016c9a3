/* logit_lens.h — what the model would predict if it stopped after each layer.
 *
 * For every layer l = 0..L and every position t, the residual stream h_l[t]
 * (l = 0: x0; l >= 1: block l−1's output) is sent through the model's own
 * ending: the final norm (pre-norm models; post-norm blocks already end in a
 * norm, and x0 is used as it is) and the unembedding, then softmax at T = 1.
 * Row l = L is the model's real output: its logits are bit for bit the
 * trace's, so its top token is the argmax of `logits`. The k most likely
 * tokens of each (layer, position) are kept, most likely first (ties: the
 * lower id). */
#ifndef GF_LOGIT_LENS_H
#define GF_LOGIT_LENS_H

#include <stdint.h>

#include "gf_error.h"
#include "model.h"
#include "trace.h"

typedef struct {
    int32_t token;
    float prob;          /* softmax(z)[token] at T = 1 */
} gf_lens_entry;

typedef struct {
    int n_layers;        /* L + 1                                          */
    int n_positions;     /* T                                              */
    int k;               /* entries per (layer, position)                 */
    gf_lens_entry *top;  /* (L + 1, T, k)                                  */
} gf_logit_lens;

/* tr: a keep_all trace of m with T >= 1; k in 1..V. */
gf_status gf_logit_lens_compute(const gf_model *m, const gf_trace *tr, int k,
                                gf_logit_lens *out, gf_error *err);
/* The k entries of (layer, position), most likely first. */
const gf_lens_entry *gf_logit_lens_cell(const gf_logit_lens *lens, int layer, int position);
void gf_logit_lens_free(gf_logit_lens *lens);

#endif

/* backward.h — the whole model's gradient of a next-token cross-entropy loss.
 *
 * Given a model and a full trace (keep_all) of one sequence tokens[0..T),
 * gf_backward_run computes the mean loss over positions with a target,
 *   loss = (1/N) Σ_t −log softmax(logits_t)[targets[t]],
 * and ADDS grad_scale · ∂loss/∂θ into grads, a gf_weights allocated for the
 * same config (gf_weights_alloc: same parameter list and offsets; with tied
 * embeddings grads->lm_head == grads->wte, so both uses of wte add up).
 * A target of -1 means "no target here" (e.g. padding); others must be in
 * [0, V). Every intermediate is read from the trace, nothing is recomputed.
 *
 * The scratch gradients live in one arena allocated at init for a given
 * capacity (positions); the pass itself allocates nothing. */
#ifndef GF_BACKWARD_H
#define GF_BACKWARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "gf_error.h"
#include "model.h"
#include "trace.h"
#include "weights.h"

#define GF_BACKWARD_IGNORE (-1)   /* a target with no loss */

typedef struct {
    gf_config config;
    int capacity;          /* longest sequence the scratch holds              */
    float *dlogits;        /* (cap, V)   ∂loss/∂logits                        */
    float *dx;             /* (cap, C)   the residual stream's gradient       */
    float *dnorm;          /* (cap, C)   a norm output's (or input's) gradient */
    float *dheads;         /* (cap, C)   concatenated heads                   */
    float *dq, *dk, *dv;   /* (cap, C)   each                                 */
    float *dact;           /* (cap, F)   FFN activation output                */
    float *dpre;           /* (cap, F)   mlp.pre, or mlp.gate for SwiGLU      */
    float *dup;            /* (cap, F)   mlp.up (SwiGLU only, else NULL)      */
    float *wt;             /* (L, 4C² + 2CF, or 3CF with a gate) every layer
                            * matrix transposed, for the input gradients     */
    /* Set by the caller just before a run: true promises that the weights
     * are exactly those of this scratch's previous successful run, so the
     * transposes above are reused (the trainer, over the sequences of one
     * step). Every run clears it, even one that fails its checks; false
     * recomputes them. */
    bool weights_unchanged;
    bool transposes_valid; /* internal: wt matches the last successful run   */
    float *dattn;          /* (H, 2, cap, cap) per-head attention scratch; a run
                            * of T positions packs it as (H, 2, T, cap)      */
    float *arena;
    size_t arena_floats;
} gf_backward;

/* Bytes the scratch would take (0 if above the 16 GiB limit). */
size_t gf_backward_bytes(const gf_config *cfg, int capacity);
/* capacity in [1, n_ctx]. */
gf_status gf_backward_init(gf_backward *b, const gf_config *cfg, int capacity, gf_error *err);
void gf_backward_free(gf_backward *b);

/* Mean loss of the traced sequence against targets (T) into *loss (may be
 * NULL), gradients added into grads. tr must be a keep_all trace of m with
 * 1 <= T <= b->capacity and at least one target. */
gf_status gf_backward_run(gf_backward *b, const gf_model *m, const gf_trace *tr,
                          const int32_t *targets, float grad_scale, gf_weights *grads,
                          double *loss, gf_error *err);

#endif

/* train.h — one training step over a batch of token sequences.
 *
 * A step: for each sequence, a forward pass with a full trace and a
 * backward pass adding (1/B)·∂loss/∂θ into the gradient; then global-norm
 * clipping and one AdamW step at the schedule's learning rate. The loss is
 * the mean next-token cross-entropy over the batch (nats per token).
 *
 * A batch is (B, T+1) tokens, row-major: each row's first T tokens are the
 * input and tokens 1..T the targets. Everything is allocated at init for
 * sequences of exactly T = seq_len; a step allocates nothing. Data loading,
 * evaluation schedules and checkpoints belong to the caller. */
#ifndef GF_TRAIN_H
#define GF_TRAIN_H

#include <stdint.h>

#include "adamw.h"
#include "backward.h"
#include "gf_error.h"
#include "model.h"
#include "trace.h"
#include "weights.h"

typedef struct {
    gf_model *model;       /* not owned; its weights are updated in place   */
    int seq_len;           /* T                                              */
    gf_trace trace;        /* full trace of one sequence                     */
    gf_backward backward;  /* scratch gradients                              */
    gf_weights grads;      /* ∂loss/∂θ, laid out like the model's weights    */
    gf_adamw opt;          /* moments and step count                         */
} gf_trainer;

typedef struct {
    double loss;           /* mean over the batch, before the update         */
    double grad_norm;      /* global gradient norm before clipping           */
    float lr;              /* learning rate used                             */
    int64_t step;          /* steps taken, this one included                 */
} gf_train_stats;

/* seq_len in [1, n_ctx]. */
gf_status gf_trainer_init(gf_trainer *t, gf_model *m, const gf_adamw_config *opt, int seq_len,
                          gf_error *err);
void gf_trainer_free(gf_trainer *t);

/* One optimization step on batch (batch_size, seq_len + 1); stats may be
 * NULL. A non-finite loss or gradient fails with GF_ERR_RANGE and leaves
 * the weights unchanged. */
gf_status gf_trainer_step(gf_trainer *t, const int32_t *batch, int batch_size,
                          gf_train_stats *stats, gf_error *err);

/* Mean loss of batch (batch_size, seq_len + 1) with no update. */
gf_status gf_trainer_eval(gf_trainer *t, const int32_t *batch, int batch_size, double *loss,
                          gf_error *err);

#endif

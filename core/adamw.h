/* adamw.h — the optimizer: AdamW, its learning-rate schedule, and global
 * gradient-norm clipping.
 *
 * One step over every parameter p with gradient g (step s = 1, 2, ...):
 *   m ← β1·m + (1−β1)·g          v ← β2·v + (1−β2)·g²
 *   m̂ = m / (1−β1^s)             v̂ = v / (1−β2^s)
 *   p ← p − lr·(m̂ / (√v̂ + eps) + wd·p)   with wd = weight_decay for matrices
 *                                          (gf_param.is_matrix), 0 otherwise
 * (Loshchilov & Hutter's decoupled weight decay, as PyTorch's AdamW).
 *
 * Schedule (step counted from 0): linear warm-up to lr_max over
 * warmup_steps, then cosine decay to lr_min at total_steps, lr_min after. */
#ifndef GF_ADAMW_H
#define GF_ADAMW_H

#include <stdint.h>

#include "gf_error.h"
#include "params.h"

typedef struct {
    float lr_max;          /* peak learning rate, reached after warm-up      */
    float lr_min;          /* floor of the cosine decay                      */
    int64_t warmup_steps;  /* >= 0                                           */
    int64_t total_steps;   /* end of the decay; >= warmup_steps              */
    float beta1, beta2;    /* in [0, 1)                                      */
    float eps;             /* > 0                                            */
    float weight_decay;    /* >= 0, applied to matrices only                 */
    float clip_norm;       /* global gradient-norm limit; <= 0: no clipping  */
} gf_adamw_config;

/* The usual small-GPT values: lr 6e-4 → 6e-5, β = (0.9, 0.95), eps 1e-8,
 * weight decay 0.1, clip 1.0, warm-up 100 of 10000 steps. */
void gf_adamw_config_default(gf_adamw_config *cfg);
/* Checks ranges; messages name the field. */
gf_status gf_adamw_config_validate(const gf_adamw_config *cfg, gf_error *err);

typedef struct {
    gf_adamw_config config;
    int64_t n;             /* parameters                                     */
    int64_t step;          /* steps taken so far                             */
    float *m, *v;          /* (n) first and second moments, zero at start    */
} gf_adamw;

gf_status gf_adamw_init(gf_adamw *opt, const gf_adamw_config *cfg, int64_t n_params,
                        gf_error *err);
void gf_adamw_free(gf_adamw *opt);

/* Learning rate at step (from 0) under the schedule. */
float gf_adamw_lr(const gf_adamw_config *cfg, int64_t step);

/* √(Σ g²) over n, summed in double. */
double gf_grad_norm(const float *grads, int64_t n);
/* If the global norm exceeds max_norm (> 0), scale grads by max_norm / norm.
 * Returns the norm before clipping. */
double gf_grad_clip(float *grads, int64_t n, float max_norm);

/* One AdamW step with learning rate lr on weights (laid out by params, n =
 * params->total floats) from grads (same layout). Advances opt->step. */
gf_status gf_adamw_step(gf_adamw *opt, const gf_param_list *params, float *weights,
                        const float *grads, float lr, gf_error *err);

#endif

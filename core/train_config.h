/* train_config.h — the training settings: the optional "train" object of a
 * training config file (a config.json plus "train": {...}).
 *
 * Keys (all optional; defaults in brackets):
 *   batch_size [8]        sequences per step, 1..4096
 *   seq_len [0]           tokens per sequence; 0 = the model's n_positions
 *   lr [1e-3]             peak learning rate, (0, 1]
 *   lr_min [1e-4]         end of the cosine decay, [0, lr]
 *   warmup_steps [100]    linear warm-up (cut to the run's length if longer)
 *   weight_decay [0.1]    AdamW decay of the matrices, [0, 10]
 *   beta1 [0.9], beta2 [0.95]   in [0, 1)
 *   eps [1e-8]            (0, 1]
 *   clip [1.0]            global gradient-norm limit; 0 = off
 *   eval_every [100]      steps between validation losses; 0 = only at the end
 *   eval_batches [8]      batches of the validation split per evaluation
 *   checkpoint_every [500] steps between checkpoints; 0 = only at the end
 *   log_every [10]        steps between progress lines
 * An unknown key is an error (a typo must not silently train with a default). */
#ifndef GF_TRAIN_CONFIG_H
#define GF_TRAIN_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "adamw.h"
#include "gf_error.h"

typedef struct {
    int batch_size;
    int seq_len;             /* 0 = the model's context                       */
    float lr, lr_min;
    int64_t warmup_steps;
    float weight_decay;
    float beta1, beta2, eps;
    float clip;
    int eval_every;
    int eval_batches;
    int checkpoint_every;
    int log_every;
} gf_train_config;

void gf_train_config_default(gf_train_config *tc);

/* Read the "train" object of a JSON text (the rest is ignored; a missing
 * "train" gives the defaults). Messages name source and key, e.g.
 * "cfg.json: train.lr: must be in (0, 1] (got 5)". */
gf_status gf_train_config_parse_json(const char *text, size_t length, const char *source,
                                     gf_train_config *tc, gf_error *err);
gf_status gf_train_config_load(const char *path, gf_train_config *tc, gf_error *err);

/* The settings as a "train" object's JSON text (floats round-trip exactly);
 * malloc'ed, NULL when out of memory. */
char *gf_train_config_to_json(const gf_train_config *tc);

/* The first key whose value differs between a and b, or NULL. */
const char *gf_train_config_diff(const gf_train_config *a, const gf_train_config *b);

/* The optimizer settings of a run of total_steps steps (warm-up cut to
 * total_steps). */
void gf_train_config_adamw(const gf_train_config *tc, int64_t total_steps,
                           gf_adamw_config *out);

#endif

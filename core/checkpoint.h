/* checkpoint.h — a training run saved into its model folder, to resume.
 *
 * A checkpoint is the model folder itself (config.json, model.safetensors in
 * F32, vocab.json, merges.txt) plus optimizer.safetensors:
 *   "m.<param>" and "v.<param>"  F32, each parameter's AdamW moments, with
 *                                the parameter's own name and shape;
 *   "__metadata__" strings: format "glassformer-optimizer", step,
 *     total_steps, tokens, elapsed_s, seed, data_rng (the batch sampler's
 *     four 64-bit words in hex), weights_fnv1a64 (a hash of the F32 weights
 *     it belongs with), train_config (the "train" object as JSON), and the
 *     data it was trained on: train_tokens, val_tokens and train_fnv1a64
 *     (gf_train_data_fnv1a64 of the training ids; absent in older files).
 * Everything a step depends on is in there, so a resumed run continues
 * bit for bit where the saved one stopped.
 *
 * Saving writes all five files into DIR/.checkpoint.tmp first and then
 * renames them into DIR, so an interrupted save leaves the previous
 * checkpoint (a torn one is caught by the weights hash on resume). A save
 * cut off between renaming model.safetensors and optimizer.safetensors is
 * finished by gf_checkpoint_open when DIR/.checkpoint.tmp holds the
 * optimizer file that belongs with DIR/model.safetensors. */
#ifndef GF_CHECKPOINT_H
#define GF_CHECKPOINT_H

#include <stdbool.h>
#include <stdint.h>

#include "adamw.h"
#include "gf_error.h"
#include "model.h"
#include "safetensors.h"
#include "sampler.h"
#include "train_config.h"

#define GF_CHECKPOINT_FILE "optimizer.safetensors"
/* A run's total_steps before it is fixed (--minutes still measuring): never
 * saved, and refused when read. */
#define GF_CHECKPOINT_STEPS_UNFIXED (INT64_MAX / 2)

typedef struct {
    int64_t step;            /* optimizer steps taken                         */
    int64_t total_steps;     /* the schedule's end, fixed when the run began  */
    int64_t tokens;          /* training tokens seen                          */
    double elapsed_s;        /* training time so far, over all sessions       */
    uint64_t seed;           /* the run's seed                                */
    gf_rng data_rng;         /* the batch sampler's generator                 */
    gf_train_config train;   /* the settings                                  */
    int64_t train_tokens;    /* ids in the training data                      */
    int64_t val_tokens;      /* ids in the validation data                    */
    uint64_t train_hash;     /* gf_train_data_fnv1a64 of the training ids     */
    bool data_known;         /* read: the three above were saved (newer files) */
} gf_checkpoint_info;

/* Write the model (F32) and opt's moments with info into dir (created if
 * missing); info->step is taken from opt, info->data_known is ignored (the
 * data fields are always written). Refuses total_steps >=
 * GF_CHECKPOINT_STEPS_UNFIXED. */
gf_status gf_checkpoint_save(const char *dir, const gf_model *m, const gf_adamw *opt,
                             const gf_checkpoint_info *info, gf_error *err);

/* True when dir holds optimizer.safetensors. */
bool gf_checkpoint_exists(const char *dir);

typedef struct {
    char *path;              /* dir/optimizer.safetensors                     */
    gf_safetensors st;
    gf_checkpoint_info info;
    uint64_t weights_hash;
} gf_checkpoint;

/* Read dir/optimizer.safetensors and its metadata (not yet the moments),
 * first finishing a save cut off before its last rename (see above). */
gf_status gf_checkpoint_open(gf_checkpoint *ck, const char *dir, gf_error *err);
/* The same from an optimizer.safetensors image in memory (malloc'ed bytes,
 * owned from here on, also on failure); source names it in messages. */
gf_status gf_checkpoint_parse(gf_checkpoint *ck, uint8_t *bytes, size_t size,
                              const char *source, gf_error *err);
/* Check that m (loaded from the same folder) is the model the checkpoint
 * was saved with, then fill opt (gf_adamw_init'ed for m's parameters) with
 * the moments and the step count. */
gf_status gf_checkpoint_restore(const gf_checkpoint *ck, const gf_model *m, gf_adamw *opt,
                                gf_error *err);
void gf_checkpoint_close(gf_checkpoint *ck);

/* FNV-1a (64-bit) over the weights' bytes. */
uint64_t gf_checkpoint_weights_hash(const gf_weights *w);

#endif

/* stages.h — the forward pass as an ordered list of teachable stages.
 *
 * The stepper in the viewer, the CLI and the lessons all walk this list. A
 * stage has a stable key (used in lessons and on the command line) and the
 * trace keys it shows. Its words (name, explanation, formula) are text data
 * per language: see stage_text.h. */
#ifndef GF_STAGES_H
#define GF_STAGES_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"

typedef enum {
    GF_STAGE_TOKENS = 0,
    GF_STAGE_EMBED,
    GF_STAGE_NORM_1,
    GF_STAGE_QKV,
    GF_STAGE_SCORES,
    GF_STAGE_MASK,
    GF_STAGE_SOFTMAX,
    GF_STAGE_WEIGHTED,
    GF_STAGE_CONCAT,
    GF_STAGE_ATTN_PROJ,
    GF_STAGE_RESIDUAL_1,
    GF_STAGE_NORM_2,
    GF_STAGE_FFN_UP,
    GF_STAGE_ACTIVATION,
    GF_STAGE_FFN_DOWN,
    GF_STAGE_RESIDUAL_2,
    GF_STAGE_FINAL_NORM,
    GF_STAGE_LOGITS,
    GF_STAGE_PROBS,
    GF_STAGE_COUNT
} gf_stage_id;

#define GF_STAGE_MAX_TENSORS 4

typedef struct {
    gf_stage_id id;
    const char *key;                 /* "softmax"                            */
    bool per_layer;                  /* shown once per block                 */
    bool per_head;                   /* has a head to choose                 */
    const char *tensors[GF_STAGE_MAX_TENSORS]; /* trace keys, NULL-ended      */
} gf_stage;

const gf_stage *gf_stage_get(gf_stage_id id);
/* The stage with this key, or NULL. */
const gf_stage *gf_stage_find(const char *key);

/* The stages of one forward pass for cfg, in order (post-norm moves the
 * norms after the residuals; post-norm has no final norm). Returns count. */
int gf_stages_for_config(const gf_config *cfg, gf_stage_id *out, int max);

#endif

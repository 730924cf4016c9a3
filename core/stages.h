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
#include "trace.h"

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

typedef struct {
    gf_stage_id id;
    const char *key;                 /* "softmax"                            */
    bool per_layer;                  /* shown once per block                 */
    bool per_head;                   /* has a head to choose                 */
} gf_stage;

const gf_stage *gf_stage_get(gf_stage_id id);
/* The stage with this key, or NULL. */
const gf_stage *gf_stage_find(const char *key);

/* The stages of one forward pass for cfg, in order (post-norm moves the
 * norms after the residuals; post-norm has no final norm). Returns count. */
int gf_stages_for_config(const gf_config *cfg, gf_stage_id *out, int max);

/* The tensors a stage shows, by role, and how a block is wired: which
 * tensor feeds which norm or residual add depends on the norm placement,
 * and is written down once, here (the viewer reads it; the README's trace
 * section and core/forward.c follow the same order). */
typedef enum {
    GF_SLOT_IN = 0,    /* what the stage reads (a norm's input, the stream a
                          residual add starts from, the attention's input) */
    GF_SLOT_DELTA,     /* residual adds: what is added                     */
    GF_SLOT_OUT,       /* the stage's result                               */
    GF_SLOT_MEAN,      /* norms: the row mean (LayerNorm)                  */
    GF_SLOT_VAR,       /* norms: variance (LayerNorm) / mean square (RMSNorm) */
    GF_SLOT_RSTD,      /* norms: 1/√(var + ε)                              */
    GF_SLOT_Q, GF_SLOT_K, GF_SLOT_V,
    GF_SLOT_WEIGHTS,   /* attention weights                                */
    GF_SLOT_TOKEN,     /* the token embedding                              */
    GF_SLOT_POSITION,  /* the position embedding                           */
    GF_SLOT_PRE,       /* the feed-forward's pre-activation (GELU, ReLU)   */
    GF_SLOT_GATE, GF_SLOT_UP, /* SwiGLU's two projections                  */
    GF_SLOT_COUNT
} gf_slot;

/* The input of block l and the last block's output, as slot keys. */
#define GF_KEY_BLOCK_IN "block.in"
#define GF_KEY_BLOCK_OUT "block.out"

/* The trace key in slot of stage id for cfg (placement and activation):
 * e.g. (NORM_2, IN) is "res_1" pre-norm and "res_2" post-norm; the block's
 * own input and output are GF_KEY_BLOCK_IN / GF_KEY_BLOCK_OUT. NULL when
 * the stage has no such slot. */
const char *gf_stage_slot_key(const gf_config *cfg, gf_stage_id id, gf_slot slot);

/* The keys id shows for cfg, in slot order, without the block's input and
 * output; returns the count (at most max written). */
int gf_stage_tensors(const gf_config *cfg, gf_stage_id id, const char **keys, int max);

/* The view of a slot in tr at layer (and head; −1: the whole tensor).
 * GF_KEY_BLOCK_IN / GF_KEY_BLOCK_OUT become the block's input / the last
 * block's output as (T, C) views named "x". False (data NULL) when the
 * stage has no such slot or the trace does not keep it. */
bool gf_stage_slot_view(const gf_trace *tr, gf_stage_id id, gf_slot slot, int layer, int head,
                        gf_view *out);

#endif

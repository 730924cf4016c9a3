/* stepper.h — where the teacher is in the forward pass: (position, layer,
 * head, stage), moved by abstract key codes. Pure logic, no SDL, so a test can
 * drive it with a scripted key sequence.
 *
 * → / ← walk the whole pass: the global stages before the blocks, then every
 * per-layer stage of layer 0, then of layer 1, ..., then the global stages
 * after the blocks. ↑ / ↓ change the layer on the same stage. */
#ifndef GF_VIZ_STEPPER_H
#define GF_VIZ_STEPPER_H

#include <stdbool.h>

#include "stages.h"

typedef enum {
    GF_KEY_NONE = 0,
    GF_KEY_NEXT_STAGE,   /* →                       */
    GF_KEY_PREV_STAGE,   /* ←                       */
    GF_KEY_LAYER_UP,     /* ↑, PgUp                 */
    GF_KEY_LAYER_DOWN,   /* ↓, PgDn                 */
    GF_KEY_NEXT_HEAD,    /* Tab                     */
    GF_KEY_PREV_HEAD,    /* Shift+Tab               */
    GF_KEY_NEXT_POS,     /* Shift+→ or .            */
    GF_KEY_PREV_POS,     /* Shift+← or ,            */
    GF_KEY_FIRST_STAGE,  /* Home                    */
    GF_KEY_LAST_STAGE,   /* End                     */
    GF_KEY_HEAD_1,       /* 1 … 9: GF_KEY_HEAD_1 + (n − 1) */
    GF_KEY_HEAD_9 = GF_KEY_HEAD_1 + 8
} gf_key;

typedef struct {
    gf_stage_id stages[GF_STAGE_COUNT];
    int n_stages;
    int stage;        /* index into stages                    */
    int layer;        /* 0 … n_layer − 1                      */
    int head;         /* 0 … n_head − 1                       */
    int position;     /* 0 … n_tokens − 1 (0 when no tokens)  */
    int n_layer, n_head, n_tokens;
} gf_stepper;

void gf_stepper_init(gf_stepper *s, const gf_config *cfg, int n_tokens);
/* Apply one key; returns true when the state changed. */
bool gf_stepper_key(gf_stepper *s, gf_key key);
/* The token count changed: keep the position in range, and follow the last
 * token when it was already on the last token. */
void gf_stepper_set_tokens(gf_stepper *s, int n_tokens);
/* Jump to a stage by id (keeps layer/head); false when the config has none. */
bool gf_stepper_goto(gf_stepper *s, gf_stage_id id);
void gf_stepper_set_layer(gf_stepper *s, int layer);
void gf_stepper_set_head(gf_stepper *s, int head);
void gf_stepper_set_position(gf_stepper *s, int position);
gf_stage_id gf_stepper_stage(const gf_stepper *s);
/* Where the teacher is in the whole pass, as → walks it: step 1 … *total
 * (the stages before the blocks, each layer's stages, the stages after). */
int gf_stepper_step(const gf_stepper *s, int *total);

#endif

/* variant_models.h — the four architecture variants the numeric tests run
 * on (pre/post norm, LayerNorm/RMSNorm, learned/sinusoidal positions,
 * GELU/ReLU/SwiGLU, tied/untied), as tiny random models whose every
 * parameter (gains and biases too) is random, so that no term hides. */
#ifndef GF_VARIANT_MODELS_H
#define GF_VARIANT_MODELS_H

#include <stdbool.h>

#include "check.h"
#include "model.h"

typedef struct {
    const char *label;
    gf_norm_placement placement;
    gf_norm_type norm;
    gf_position_type positions;
    gf_activation activation;
    bool tied;
} variant;

#define VARIANT_COUNT 4
extern const variant VARIANTS[VARIANT_COUNT];

/* V = 300, n_ctx = 16, C = 16, H = 4, L = 2, F = 24. */
bool variant_model_make(check_ctx *c, const variant *v, gf_model *m);

/* n pseudo-random ids in [0, vocab) from seed. */
void variant_random_tokens(int32_t *tokens, int n, int vocab, unsigned seed);

#endif

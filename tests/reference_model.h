/* reference_model.h — a deliberately naive double-precision transformer,
 * written apart from core/forward.c, used by tests as the independent
 * answer: whole-sequence loops, no cache, no trace. */
#ifndef GF_REFERENCE_MODEL_H
#define GF_REFERENCE_MODEL_H

#include <stdint.h>

#include "model.h"

/* logits (T, V) for tokens (T), in double. */
void reference_logits(const gf_model *m, const int32_t *tokens, int t, double *logits);

#endif

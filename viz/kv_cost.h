/* kv_cost.h — what the KV cache saves when one token is appended, counted
 * in multiply-adds of weights with vectors (norms, softmax and additions
 * are not counted; they are small beside these).
 *
 * With the cache, only the new row is computed: per layer its Q, K, V and
 * output projections (4·C²), its feed-forward (2·C·F, SwiGLU 3·C·F) and its
 * attention over the T rows (q·k for each, then the weighted sum of V:
 * 2·T·C); then one row of logits (V·C). Without the cache, every row is
 * computed again: T times the projections and feed-forward, and attention
 * for row i over its i + 1 rows, T(T+1)·C in all; still one row of logits. */
#ifndef GF_VIZ_KV_COST_H
#define GF_VIZ_KV_COST_H

#include <stdint.h>

#include "config.h"

/* T: the tokens after appending (the new row is T − 1). */
void gf_kv_cost(const gf_config *cfg, int64_t T, int64_t *with_cache, int64_t *without_cache);

#endif

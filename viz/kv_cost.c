/* kv_cost.c — multiply-adds of one appended token, with and without the KV
 * cache (see kv_cost.h). */
#include "kv_cost.h"

void gf_kv_cost(const gf_config *cfg, int64_t T, int64_t *with_cache, int64_t *without_cache)
{
    int64_t C = cfg->n_embd, F = cfg->n_inner, L = cfg->n_layer, V = cfg->vocab_size;
    int64_t ffn = (cfg->activation == GF_ACTIVATION_SWIGLU ? 3 : 2) * C * F;
    int64_t row = 4 * C * C + ffn;                   /* one row's projections + FFN */
    *with_cache = L * (row + 2 * T * C) + V * C;
    *without_cache = L * (T * row + T * (T + 1) * C) + V * C;
}

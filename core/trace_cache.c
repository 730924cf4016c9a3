/* trace_cache.c — a lean copy of a trace's prefix (see trace_cache.h). */
#include "trace_cache.h"

#include <string.h>

gf_status gf_trace_copy_prefix(gf_trace *dst, const gf_trace *src, int n, gf_error *err)
{
    if (dst->keep_all)
        return gf_error_set(err, GF_ERR_ARGUMENT,
                            "trace prefix: the copy must be a lean trace (a full one would "
                            "hold rows that were never computed)");
    if (!gf_config_same_shape(&dst->config, &src->config))
        return gf_error_set(err, GF_ERR_ARGUMENT, "trace prefix: the traces have other shapes");
    if (n <= 0 || n > src->n_tokens || n > dst->capacity)
        return gf_error_set(err, GF_ERR_RANGE,
                            "trace prefix: %d positions asked, the source has %d, the copy holds %d",
                            n, src->n_tokens, dst->capacity);
    if (!src->keep_all && n != src->n_tokens)
        return gf_error_set(err, GF_ERR_ARGUMENT,
                            "trace prefix: a lean source holds only its last row's logits");
    const gf_config *cfg = &src->config;
    const size_t rows = (size_t)n * (size_t)cfg->n_embd;  /* (n, C) */
    memcpy(dst->tokens, src->tokens, sizeof *dst->tokens * (size_t)n);
    for (int l = 0; l < cfg->n_layer; l++) {
        memcpy(dst->layers[l].k, src->layers[l].k, sizeof(float) * rows);
        memcpy(dst->layers[l].v, src->layers[l].v, sizeof(float) * rows);
    }
    const size_t v = (size_t)cfg->vocab_size;
    const float *last = src->keep_all ? src->logits + (size_t)(n - 1) * v : src->logits;
    memcpy(dst->logits, last, sizeof(float) * v);  /* (V) */
    dst->n_tokens = n;
    return GF_OK;
}

/* test_trace_cache.c — a lean copy of a trace's prefix continues exactly
 * like the trace it came from: after each appended token its logits hold the
 * same bits as the full trace's row (the viewer's temperature lanes rely on
 * it); and the copy refuses what it cannot do. */
#include "check.h"

#include "forward.h"
#include "model.h"
#include "trace_cache.h"

#include <string.h>

static void small_config(gf_config *cfg)
{
    gf_config_default(cfg);
    cfg->vocab_size = 300;
    cfg->n_ctx = 64;
    cfg->n_embd = 48;
    cfg->n_layer = 3;
    cfg->n_head = 4;
    cfg->n_inner = 96;
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "test_trace_cache");
    gf_config cfg;
    small_config(&cfg);
    gf_error e;
    gf_model m;
    gf_trace full, lean, other;
    if (!CHECK(&c, gf_model_init_random(&m, &cfg, NULL, 7, &e) == GF_OK))
        return check_end(&c);
    CHECK(&c, gf_trace_init(&full, &cfg, 40, true, &e) == GF_OK);
    CHECK(&c, gf_trace_init(&lean, &cfg, 40, false, &e) == GF_OK);
    int32_t ids[30];
    for (int i = 0; i < 30; i++)
        ids[i] = (int32_t)((i * 37 + 11) % cfg.vocab_size);
    const int prefix = 20;
    CHECK(&c, gf_forward_full(&m, &full, ids, 30, &e) == GF_OK);  /* rows 20..29: the reference */
    gf_trace_truncate(&full, 25);
    /* The lean copy of the first 20 positions continues with ids 20..29. */
    CHECK(&c, gf_trace_copy_prefix(&lean, &full, prefix, &e) == GF_OK);
    CHECK_INT(&c, lean.n_tokens, prefix);
    const size_t V = (size_t)cfg.vocab_size;
    CHECK(&c, memcmp(gf_trace_logits_row(&lean, prefix - 1), full.logits + (prefix - 1) * V,
                     sizeof(float) * V) == 0);
    for (int t = prefix; t < 30; t++) {
        CHECK(&c, gf_forward_append(&m, &lean, &ids[t], 1, &e) == GF_OK);
        CHECK(&c, memcmp(gf_trace_logits_row(&lean, t), full.logits + (size_t)t * V,
                         sizeof(float) * V) == 0);
    }
    /* Copied again over a used lean trace: the same again. */
    CHECK(&c, gf_trace_copy_prefix(&lean, &full, prefix, &e) == GF_OK);
    CHECK(&c, gf_forward_append(&m, &lean, &ids[prefix], 1, &e) == GF_OK);
    CHECK(&c, memcmp(gf_trace_logits_row(&lean, prefix), full.logits + (size_t)prefix * V,
                     sizeof(float) * V) == 0);
    /* Refusals, each named. */
    CHECK(&c, gf_trace_copy_prefix(&full, &lean, 5, &e) == GF_ERR_ARGUMENT);
    CHECK(&c, strstr(e.message, "lean") != NULL);
    CHECK(&c, gf_trace_copy_prefix(&lean, &full, 26, &e) == GF_ERR_RANGE);
    CHECK(&c, gf_trace_copy_prefix(&lean, &full, 0, &e) == GF_ERR_RANGE);
    gf_config wider = cfg;
    wider.n_embd = 64;
    CHECK(&c, gf_trace_init(&other, &wider, 40, false, &e) == GF_OK);
    CHECK(&c, gf_trace_copy_prefix(&other, &full, 5, &e) == GF_ERR_ARGUMENT);
    gf_trace_free(&other);
    gf_trace_free(&lean);
    gf_trace_free(&full);
    gf_model_free(&m);
    return check_end(&c);
}

/* test_stages.c — the stage list: order per variant, and every tensor a
 * stage names exists in a trace. (Their words: test_stage_names.c.) */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "stages.h"
#include "trace.h"

static int index_of(const gf_stage_id *ids, int n, gf_stage_id id)
{
    for (int i = 0; i < n; i++)
        if (ids[i] == id)
            return i;
    return -1;
}

static void test_order(check_ctx *c)
{
    gf_config cfg;
    gf_config_default(&cfg);
    gf_stage_id ids[GF_STAGE_COUNT];
    const int n = gf_stages_for_config(&cfg, ids, GF_STAGE_COUNT);
    CHECK_INT(c, n, GF_STAGE_COUNT);
    CHECK_INT(c, ids[0], GF_STAGE_TOKENS);
    CHECK_INT(c, ids[n - 1], GF_STAGE_PROBS);
    CHECK(c, index_of(ids, n, GF_STAGE_NORM_1) < index_of(ids, n, GF_STAGE_QKV));
    CHECK(c, index_of(ids, n, GF_STAGE_MASK) < index_of(ids, n, GF_STAGE_SOFTMAX));

    cfg.norm_placement = GF_NORM_POST;
    const int post = gf_stages_for_config(&cfg, ids, GF_STAGE_COUNT);
    CHECK_INT(c, post, GF_STAGE_COUNT - 1);
    CHECK_INT(c, index_of(ids, post, GF_STAGE_FINAL_NORM), -1);
    CHECK(c, index_of(ids, post, GF_STAGE_NORM_1) > index_of(ids, post, GF_STAGE_RESIDUAL_1));
    CHECK(c, index_of(ids, post, GF_STAGE_NORM_2) > index_of(ids, post, GF_STAGE_RESIDUAL_2));

    /* A short buffer still gets the count, and only max ids are written. */
    gf_stage_id few[3] = {GF_STAGE_COUNT, GF_STAGE_COUNT, GF_STAGE_COUNT};
    CHECK_INT(c, gf_stages_for_config(&cfg, few, 2), post);
    CHECK_INT(c, few[2], GF_STAGE_COUNT);
}

static void test_lookup(check_ctx *c)
{
    for (int i = 0; i < GF_STAGE_COUNT; i++) {
        const gf_stage *s = gf_stage_get((gf_stage_id)i);
        CHECK(c, s && (int)s->id == i);
        CHECK(c, gf_stage_find(s->key) == s);
    }
    CHECK(c, gf_stage_find("nonsense") == NULL);
    CHECK(c, gf_stage_get(GF_STAGE_COUNT) == NULL);
}

/* Every key a stage lists is present in a full trace for at least one of
 * the variants, and the keys the variant needs are present for it. */
static void test_tensors_exist(check_ctx *c)
{
    const gf_activation acts[2] = {GF_ACTIVATION_GELU_TANH, GF_ACTIVATION_SWIGLU};
    for (int v = 0; v < 2; v++) {
        gf_config cfg;
        gf_config_default(&cfg);
        cfg.vocab_size = 50;
        cfg.n_ctx = 8;
        cfg.n_embd = 8;
        cfg.n_head = 2;
        cfg.n_layer = 2;
        cfg.n_inner = 16;
        cfg.activation = acts[v];
        gf_trace tr;
        gf_error err = {0};
        if (!CHECK_OK(c, gf_trace_init(&tr, &cfg, 8, true, &err), &err))
            return;
        gf_stage_id ids[GF_STAGE_COUNT];
        const int n = gf_stages_for_config(&cfg, ids, GF_STAGE_COUNT);
        for (int i = 0; i < n; i++) {
            const gf_stage *s = gf_stage_get(ids[i]);
            int found = 0, listed = 0;
            for (int k = 0; k < GF_STAGE_MAX_TENSORS && s->tensors[k]; k++, listed++)
                found += gf_trace_find(&tr, s->tensors[k], s->per_layer ? 1 : -1, -1) >= 0;
            const bool ok = listed == 0 || found >= 1;
            if (!CHECK(c, ok))
                fprintf(stderr, "  stage %s: no tensor found\n", s->key);
            if (s->per_head)
                CHECK(c, gf_trace_find(&tr, s->tensors[0], 1, 1) >= 0);
        }
        CHECK(c, (gf_trace_find(&tr, "mlp.pre", 0, -1) >= 0) == (v == 0));
        CHECK(c, (gf_trace_find(&tr, "mlp.gate", 0, -1) >= 0) == (v == 1));
        gf_trace_free(&tr);
    }
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "stages");
    test_order(&c);
    test_lookup(&c);
    test_tensors_exist(&c);
    return check_end(&c);
}

/* test_stages.c — the stage list: order per variant, and every tensor a
 * stage names exists in a trace. (Their words: test_stage_names.c.) */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "forward.h"
#include "model.h"
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

static void small_config(gf_config *cfg, int variant)
{
    gf_config_default(cfg);
    cfg->vocab_size = 50;
    cfg->n_ctx = 8;
    cfg->n_embd = 8;
    cfg->n_head = 2;
    cfg->n_layer = 2;
    cfg->n_inner = 16;
    cfg->activation = variant & 1 ? GF_ACTIVATION_SWIGLU : GF_ACTIVATION_GELU_TANH;
    cfg->norm_placement = variant & 2 ? GF_NORM_POST : GF_NORM_PRE;
    cfg->norm_type = variant & 4 ? GF_NORM_RMSNORM : GF_NORM_LAYERNORM;
}

/* Every key a stage shows in a variant is in that variant's full trace
 * (per head too where the stage has heads), and every stage but the
 * tokens shows something. */
static void test_tensors_exist(check_ctx *c)
{
    for (int v = 0; v < 8; v++) {
        gf_config cfg;
        small_config(&cfg, v);
        gf_trace tr;
        gf_error err = {0};
        if (!CHECK_OK(c, gf_trace_init(&tr, &cfg, 8, true, &err), &err))
            return;
        gf_stage_id ids[GF_STAGE_COUNT];
        const int n = gf_stages_for_config(&cfg, ids, GF_STAGE_COUNT);
        for (int i = 0; i < n; i++) {
            const gf_stage *s = gf_stage_get(ids[i]);
            const char *keys[GF_SLOT_COUNT];
            int k = gf_stage_tensors(&cfg, ids[i], keys, GF_SLOT_COUNT);
            CHECK(c, (k > 0) == (ids[i] != GF_STAGE_TOKENS));
            for (int j = 0; j < k; j++)
                if (!CHECK(c, gf_trace_find(&tr, keys[j], s->per_layer ? 1 : -1, -1) >= 0))
                    fprintf(stderr, "  variant %d, stage %s: no %s\n", v, s->key, keys[j]);
            int per_head = 0;
            for (int j = 0; j < k; j++)
                per_head += gf_trace_find(&tr, keys[j], 1, 1) >= 0;
            CHECK(c, per_head > 0 || !s->per_head);
        }
        CHECK(c, (gf_stage_slot_key(&cfg, GF_STAGE_FFN_UP, GF_SLOT_PRE) != NULL) == ((v & 1) == 0));
        CHECK(c, (gf_stage_slot_key(&cfg, GF_STAGE_NORM_1, GF_SLOT_MEAN) != NULL) == ((v & 4) == 0));
        gf_trace_free(&tr);
    }
}

/* The wiring is the forward pass's: in a computed trace of every variant,
 * each residual add's OUT is IN + DELTA bit for bit, each norm's VAR is
 * the variance (or mean square) of its IN, and the next norm reads what the
 * wiring says the previous stage wrote. */
static void test_wiring(check_ctx *c)
{
    for (int v = 0; v < 8; v++) {
        gf_config cfg;
        small_config(&cfg, v);
        cfg.vocab_size = 257;   /* the byte-level tokenizer's */
        gf_model m;
        gf_trace tr;
        gf_error err = {0};
        if (!CHECK_OK(c, gf_model_init_random(&m, &cfg, NULL, 7, &err), &err))
            return;
        const int32_t tokens[5] = {3, 14, 15, 9, 26};
        bool ok = CHECK_OK(c, gf_trace_init(&tr, &m.config, 8, true, &err), &err) &&
                  CHECK_OK(c, gf_forward_full(&m, &tr, tokens, 5, &err), &err);
        const gf_stage_id adds[2] = {GF_STAGE_RESIDUAL_1, GF_STAGE_RESIDUAL_2};
        const gf_stage_id norms[3] = {GF_STAGE_NORM_1, GF_STAGE_NORM_2, GF_STAGE_FINAL_NORM};
        for (int l = 0; ok && l < cfg.n_layer; l++) {
            for (int a = 0; a < 2; a++) {
                gf_view in, delta, out;
                if (!CHECK(c, gf_stage_slot_view(&tr, adds[a], GF_SLOT_IN, l, -1, &in) &&
                                  gf_stage_slot_view(&tr, adds[a], GF_SLOT_DELTA, l, -1, &delta) &&
                                  gf_stage_slot_view(&tr, adds[a], GF_SLOT_OUT, l, -1, &out)))
                    continue;
                int wrong = 0;
                for (int t = 0; t < 5; t++)
                    for (int i = 0; i < cfg.n_embd; i++)
                        wrong += gf_view_at2(&out, t, i) !=
                                 gf_view_at2(&in, t, i) + gf_view_at2(&delta, t, i);
                if (!CHECK_INT(c, wrong, 0))
                    fprintf(stderr, "  variant %d layer %d add %d\n", v, l, a);
            }
            for (int s = 0; s < 3; s++) {
                gf_view in, var;
                if (norms[s] == GF_STAGE_FINAL_NORM && (l > 0 || cfg.norm_placement == GF_NORM_POST))
                    continue;
                if (!CHECK(c, gf_stage_slot_view(&tr, norms[s], GF_SLOT_IN, l, -1, &in) &&
                                  gf_stage_slot_view(&tr, norms[s], GF_SLOT_VAR, l, -1, &var)))
                    continue;
                for (int t = 0; t < 5; t++) {
                    double mu = 0.0, sq = 0.0;
                    for (int i = 0; i < cfg.n_embd && cfg.norm_type == GF_NORM_LAYERNORM; i++)
                        mu += gf_view_at2(&in, t, i) / cfg.n_embd;
                    for (int i = 0; i < cfg.n_embd; i++) {
                        double d = gf_view_at2(&in, t, i) - mu;
                        sq += d * d / cfg.n_embd;
                    }
                    if (!CHECK_NEAR(c, gf_view_at1(&var, t), sq, 1e-5 * (1.0 + sq)))
                        fprintf(stderr, "  variant %d layer %d norm %d\n", v, l, s);
                }
            }
        }
        if (ok)
            gf_trace_free(&tr);
        gf_model_free(&m);
    }
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "stages");
    test_order(&c);
    test_lookup(&c);
    test_tensors_exist(&c);
    test_wiring(&c);
    return check_end(&c);
}

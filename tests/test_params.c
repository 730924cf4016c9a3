/* test_params.c — the parameter list: published totals of the presets, a
 * hand-written count formula for every variant of a tiny model, the order
 * and shapes of the tensors, and cumulative offsets. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "params.h"

static int64_t preset_total(check_ctx *c, const char *name)
{
    gf_config cfg;
    gf_param_list list;
    gf_error err;
    gf_error_clear(&err);
    if (!CHECK_OK(c, gf_preset_config(name, &cfg, &err), &err))
        return -1;
    if (!CHECK_OK(c, gf_params_build(&cfg, &list, &err), &err))
        return -1;
    int64_t total = list.total;
    gf_params_free(&list);
    return total;
}

/* Parameter counts published for the Hugging Face checkpoints / GPT-3 paper. */
static void test_presets(check_ctx *c)
{
    CHECK_INT(c, preset_total(c, "gpt2"), 124439808LL);
    CHECK_INT(c, preset_total(c, "gpt2-medium"), 354823168LL);
    CHECK_INT(c, preset_total(c, "gpt2-large"), 774030080LL);
    CHECK_INT(c, preset_total(c, "gpt2-xl"), 1557611200LL);
    CHECK_INT(c, preset_total(c, "gpt3"), 174604259328LL);

    gf_config cfg;
    gf_error err;
    gf_error_clear(&err);
    CHECK_OK(c, gf_preset_config("gpt3", &cfg, &err), &err);
    CHECK_INT(c, cfg.n_embd, 12288);
    CHECK_INT(c, cfg.n_layer, 96);
    CHECK_INT(c, cfg.n_head, 96);
    CHECK_INT(c, cfg.n_ctx, 2048);
    CHECK_INT(c, cfg.vocab_size, 50257);
    CHECK_INT(c, cfg.n_inner, 4 * 12288);
    CHECK(c, cfg.tied_embeddings);
    CHECK_OK(c, gf_preset_config("gpt2-xl", &cfg, &err), &err);
    CHECK_INT(c, cfg.n_embd, 1600);
    CHECK_INT(c, cfg.n_head, 25);
    CHECK_INT(c, cfg.n_layer, 48);

    const char *const *names = gf_preset_names();
    int n = 0;
    for (; names[n]; n++)
        CHECK_OK(c, gf_preset_config(names[n], &cfg, &err), &err);
    CHECK_INT(c, n, 5);
    CHECK_STR(c, names[0], "gpt2");
    CHECK_STR(c, names[4], "gpt3");

    CHECK_INT(c, gf_preset_config("gpt4", &cfg, &err), GF_ERR_ARGUMENT);
    CHECK(c, strstr(err.message, "gpt4") != NULL);
}

/* The count written out by hand from the architecture:
 *   GPT-2:  V·C + n_ctx·C + L·(12C² + 13C) + 2C
 * with 12C² + 13C = ln_1 (2C) + c_attn (3C² + 3C) + c_proj (C² + C) + ln_2 (2C)
 *                  + c_fc (C·F + F) + c_proj (F·C + C), F = 4C. */
static int64_t formula(const gf_config *g)
{
    const int64_t V = g->vocab_size, T = g->n_ctx, C = g->n_embd, L = g->n_layer,
                  F = g->n_inner;
    int64_t norm = g->norm_type == GF_NORM_RMSNORM ? C : 2 * C;   /* RMSNorm: no bias */
    int64_t layer = 2 * norm + (3 * C * C + 3 * C) + (C * C + C) + (C * F + F) + (F * C + C);
    if (g->activation == GF_ACTIVATION_SWIGLU)
        layer += C * F + F;                                        /* gate */
    int64_t total = V * C + L * layer;
    if (g->position_type == GF_POSITION_LEARNED)
        total += T * C;                                            /* wpe */
    if (g->norm_placement == GF_NORM_PRE)
        total += norm;                                             /* ln_f */
    if (!g->tied_embeddings)
        total += V * C;                                            /* lm_head */
    return total;
}

static void test_formula(check_ctx *c)
{
    gf_error err;
    gf_error_clear(&err);

    /* The GPT-2 form, written the way the paper-style formula reads. */
    gf_config cfg;
    gf_config_default(&cfg);
    cfg.vocab_size = 11;
    cfg.n_ctx = 7;
    cfg.n_embd = 6;
    cfg.n_head = 2;
    cfg.n_layer = 3;
    cfg.n_inner = 24;
    gf_param_list list;
    CHECK_OK(c, gf_params_build(&cfg, &list, &err), &err);
    const int64_t V = 11, T = 7, C = 6, L = 3;
    CHECK_INT(c, list.total, V * C + T * C + L * (12 * C * C + 13 * C) + 2 * C);
    CHECK_INT(c, list.total, 66 + 42 + 3 * (432 + 78) + 12); /* = 1650 by hand */
    gf_params_free(&list);

    /* Every combination of variants, with a non-default n_inner too. */
    for (int combo = 0; combo < 64; combo++) {
        gf_config_default(&cfg);
        cfg.vocab_size = 13;
        cfg.n_ctx = 5;
        cfg.n_embd = 8;
        cfg.n_head = 2;
        cfg.n_layer = 2;
        cfg.n_inner = (combo & 32) ? 20 : 32;
        cfg.norm_placement = (combo & 1) ? GF_NORM_POST : GF_NORM_PRE;
        cfg.norm_type = (combo & 2) ? GF_NORM_RMSNORM : GF_NORM_LAYERNORM;
        cfg.position_type = (combo & 4) ? GF_POSITION_SINUSOIDAL : GF_POSITION_LEARNED;
        cfg.tied_embeddings = (combo & 8) == 0;
        cfg.activation = (combo & 16) ? GF_ACTIVATION_SWIGLU : GF_ACTIVATION_RELU;
        if (!CHECK_OK(c, gf_params_build(&cfg, &list, &err), &err))
            continue;
        if (!CHECK_INT(c, list.total, formula(&cfg)))
            fprintf(stderr, "  combo %d\n", combo);
        int64_t sum = 0;
        for (int i = 0; i < list.count; i++)
            sum += list.items[i].numel;
        CHECK_INT(c, sum, list.total);
        gf_params_free(&list);
    }

    /* The largest config the limits allow still counts exactly (int64). */
    gf_config_default(&cfg);
    cfg.vocab_size = GF_CONFIG_MAX_VOCAB;
    cfg.n_ctx = GF_CONFIG_MAX_CONTEXT;
    cfg.n_embd = GF_CONFIG_MAX_EMBD;
    cfg.n_head = 1;
    cfg.n_layer = GF_CONFIG_MAX_LAYERS;
    cfg.n_inner = GF_CONFIG_MAX_INNER;
    cfg.activation = GF_ACTIVATION_SWIGLU;
    cfg.tied_embeddings = false;
    if (CHECK_OK(c, gf_params_build(&cfg, &list, &err), &err)) {
        CHECK_INT(c, list.total, formula(&cfg));
        CHECK(c, list.total > ((int64_t)1 << 46));
        gf_params_free(&list);
    }

    /* An invalid config gives an error and an empty list. */
    cfg.n_head = 3;
    CHECK_INT(c, gf_params_build(&cfg, &list, &err), GF_ERR_RANGE);
    CHECK(c, strstr(err.message, "n_head") != NULL);
    CHECK(c, list.items == NULL && list.count == 0 && list.total == 0);
}

typedef struct {
    const char *name;
    int layer;
    int64_t d0, d1; /* d1 = 0 for vectors */
} expected_param;

static void check_list(check_ctx *c, const gf_param_list *list, const expected_param *want,
                       int n)
{
    CHECK_INT(c, list->count, n);
    int64_t offset = 0;
    for (int i = 0; i < n && i < list->count; i++) {
        const gf_param *p = &list->items[i];
        if (!CHECK_STR(c, p->name, want[i].name))
            fprintf(stderr, "  at index %d\n", i);
        CHECK_INT(c, p->layer, want[i].layer);
        CHECK_INT(c, p->ndim, want[i].d1 ? 2 : 1);
        CHECK_INT(c, p->shape[0], want[i].d0);
        if (want[i].d1)
            CHECK_INT(c, p->shape[1], want[i].d1);
        CHECK_INT(c, p->numel, want[i].d1 ? want[i].d0 * want[i].d1 : want[i].d0);
        CHECK(c, p->is_matrix == (want[i].d1 != 0));
        CHECK_INT(c, p->offset, offset);
        offset += p->numel;
        CHECK_INT(c, gf_params_find(list, want[i].name), i);
    }
    CHECK_INT(c, list->total, offset);
}

static void test_order(check_ctx *c)
{
    gf_error err;
    gf_error_clear(&err);
    gf_config cfg;
    gf_config_default(&cfg);
    cfg.vocab_size = 10;
    cfg.n_ctx = 4;
    cfg.n_embd = 6;
    cfg.n_head = 3;
    cfg.n_layer = 2;
    cfg.n_inner = 9;
    gf_param_list list;

    /* GPT-2 (pre-norm, LayerNorm, learned positions, tied). */
    static const expected_param gpt2[] = {
        {"wte.weight", -1, 10, 6},           {"wpe.weight", -1, 4, 6},
        {"h.0.ln_1.weight", 0, 6, 0},        {"h.0.ln_1.bias", 0, 6, 0},
        {"h.0.attn.c_attn.weight", 0, 6, 18}, {"h.0.attn.c_attn.bias", 0, 18, 0},
        {"h.0.attn.c_proj.weight", 0, 6, 6},  {"h.0.attn.c_proj.bias", 0, 6, 0},
        {"h.0.ln_2.weight", 0, 6, 0},        {"h.0.ln_2.bias", 0, 6, 0},
        {"h.0.mlp.c_fc.weight", 0, 6, 9},    {"h.0.mlp.c_fc.bias", 0, 9, 0},
        {"h.0.mlp.c_proj.weight", 0, 9, 6},  {"h.0.mlp.c_proj.bias", 0, 6, 0},
        {"h.1.ln_1.weight", 1, 6, 0},        {"h.1.ln_1.bias", 1, 6, 0},
        {"h.1.attn.c_attn.weight", 1, 6, 18}, {"h.1.attn.c_attn.bias", 1, 18, 0},
        {"h.1.attn.c_proj.weight", 1, 6, 6},  {"h.1.attn.c_proj.bias", 1, 6, 0},
        {"h.1.ln_2.weight", 1, 6, 0},        {"h.1.ln_2.bias", 1, 6, 0},
        {"h.1.mlp.c_fc.weight", 1, 6, 9},    {"h.1.mlp.c_fc.bias", 1, 9, 0},
        {"h.1.mlp.c_proj.weight", 1, 9, 6},  {"h.1.mlp.c_proj.bias", 1, 6, 0},
        {"ln_f.weight", -1, 6, 0},           {"ln_f.bias", -1, 6, 0},
    };
    CHECK_OK(c, gf_params_build(&cfg, &list, &err), &err);
    check_list(c, &list, gpt2, (int)(sizeof gpt2 / sizeof gpt2[0]));
    CHECK_INT(c, gf_params_find(&list, "lm_head.weight"), -1);
    CHECK_INT(c, gf_params_find(&list, "h.0.mlp.c_gate.weight"), -1);
    CHECK_INT(c, gf_params_find(&list, "transformer.wte.weight"), -1);
    CHECK_INT(c, gf_params_find(&list, NULL), -1);
    gf_params_free(&list);
    CHECK(c, list.items == NULL && list.count == 0);

    /* Every variant switched on: RMSNorm, sinusoidal, SwiGLU, untied, post-norm. */
    cfg.n_layer = 1;
    cfg.norm_type = GF_NORM_RMSNORM;
    cfg.position_type = GF_POSITION_SINUSOIDAL;
    cfg.activation = GF_ACTIVATION_SWIGLU;
    cfg.tied_embeddings = false;
    cfg.norm_placement = GF_NORM_POST;
    static const expected_param variant[] = {
        {"wte.weight", -1, 10, 6},
        {"h.0.ln_1.weight", 0, 6, 0},
        {"h.0.attn.c_attn.weight", 0, 6, 18}, {"h.0.attn.c_attn.bias", 0, 18, 0},
        {"h.0.attn.c_proj.weight", 0, 6, 6},  {"h.0.attn.c_proj.bias", 0, 6, 0},
        {"h.0.ln_2.weight", 0, 6, 0},
        {"h.0.mlp.c_fc.weight", 0, 6, 9},    {"h.0.mlp.c_fc.bias", 0, 9, 0},
        {"h.0.mlp.c_gate.weight", 0, 6, 9},  {"h.0.mlp.c_gate.bias", 0, 9, 0},
        {"h.0.mlp.c_proj.weight", 0, 9, 6},  {"h.0.mlp.c_proj.bias", 0, 6, 0},
        {"lm_head.weight", -1, 10, 6},
    };
    CHECK_OK(c, gf_params_build(&cfg, &list, &err), &err);
    check_list(c, &list, variant, (int)(sizeof variant / sizeof variant[0]));
    gf_params_free(&list);

    /* Pre-norm RMSNorm keeps ln_f.weight only. */
    cfg.norm_placement = GF_NORM_PRE;
    CHECK_OK(c, gf_params_build(&cfg, &list, &err), &err);
    CHECK(c, gf_params_find(&list, "ln_f.weight") >= 0);
    CHECK_INT(c, gf_params_find(&list, "ln_f.bias"), -1);
    CHECK_STR(c, list.items[list.count - 1].name, "lm_head.weight");
    CHECK_STR(c, list.items[list.count - 2].name, "ln_f.weight");
    gf_params_free(&list);
    gf_params_free(NULL);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "params");
    test_presets(&c);
    test_formula(&c);
    test_order(&c);
    return check_end(&c);
}

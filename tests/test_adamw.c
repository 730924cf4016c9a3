/* test_adamw.c — AdamW steps against a hand computation on two
 * parameters (a 1×1 matrix, decayed, and a bias, not decayed), the
 * schedule against its formula at chosen steps, clipping's factor, and
 * clear errors. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "adamw.h"
#include "check.h"

/* A "matrix" w (1×1) at offset 0 and a vector b (1) at offset 1. */
static void two_params(gf_param items[2], gf_param_list *list)
{
    memset(items, 0, 2 * sizeof *items);
    snprintf(items[0].name, sizeof items[0].name, "w");
    items[0].ndim = 2;
    items[0].shape[0] = items[0].shape[1] = 1;
    items[0].numel = 1;
    items[0].offset = 0;
    items[0].is_matrix = true;
    snprintf(items[1].name, sizeof items[1].name, "b");
    items[1].ndim = 1;
    items[1].shape[0] = 1;
    items[1].numel = 1;
    items[1].offset = 1;
    items[1].is_matrix = false;
    list->items = items;
    list->count = 2;
    list->total = 2;
}

static void hand_config(gf_adamw_config *cfg)
{
    gf_adamw_config_default(cfg);
    cfg->beta1 = 0.9f;
    cfg->beta2 = 0.999f;
    cfg->eps = 1e-8f;
    cfg->weight_decay = 0.1f;
}

static void test_two_steps(check_ctx *c)
{
    gf_param items[2];
    gf_param_list params;
    two_params(items, &params);
    gf_adamw_config cfg;
    hand_config(&cfg);
    gf_adamw opt;
    gf_error err = {0};
    if (!CHECK_OK(c, gf_adamw_init(&opt, &cfg, 2, &err), &err))
        return;
    float p[2] = {1.0f, -0.5f};
    /* Step 1, g = (0.2, −0.4), lr 0.01:
     *   m = 0.1·g = (0.02, −0.04), v = 0.001·g² = (4e-5, 1.6e-4);
     *   m̂ = m/0.1 = g, v̂ = v/0.001 = g², so m̂/(√v̂+eps) = ±1 (to 5e-8);
     *   w = 1 − 0.01·(1 + 0.1·1) = 0.989;   b = −0.5 + 0.01·1 = −0.49. */
    const float g1[2] = {0.2f, -0.4f};
    CHECK_OK(c, gf_adamw_step(&opt, &params, p, g1, 0.01f, &err), &err);
    CHECK_INT(c, opt.step, 1);
    CHECK_NEAR(c, opt.m[0], 0.02, 1e-8);
    CHECK_NEAR(c, opt.v[1], 1.6e-4, 5e-9);   /* 1 − 0.999f rounds */
    CHECK_NEAR(c, p[0], 0.989, 2e-7);
    CHECK_NEAR(c, p[1], -0.49, 2e-7);
    /* Step 2, g = (−0.1, 0.3):
     *   m = 0.9·m + 0.1·g = (0.008, −0.006);
     *   v = 0.999·v + 0.001·g² = (4.996e-5, 2.4984e-4);
     *   corrections 1 − 0.9² = 0.19 and 1 − 0.999² = 0.001999;
     *   w: m̂ = 0.0421053, v̂ = 0.0249925, √v̂ = 0.158090, ratio 0.266337,
     *      w = 0.989 − 0.01·(0.266337 + 0.1·0.989) = 0.9853476;
     *   b: m̂ = −0.0315789, v̂ = 0.124982, √v̂ = 0.353528, ratio −0.0893250,
     *      b = −0.49 + 0.01·0.0893250 = −0.4891068. */
    const float g2[2] = {-0.1f, 0.3f};
    CHECK_OK(c, gf_adamw_step(&opt, &params, p, g2, 0.01f, &err), &err);
    CHECK_NEAR(c, opt.m[0], 0.008, 1e-8);
    CHECK_NEAR(c, opt.v[0], 4.996e-5, 5e-9);
    CHECK_NEAR(c, p[0], 0.9853476, 3e-7);
    CHECK_NEAR(c, p[1], -0.4891068, 3e-7);
    gf_adamw_free(&opt);
}

/* With g = 0 the Adam term is 0: only the matrix decays, by (1 − lr·wd). */
static void test_decay_matrices_only(check_ctx *c)
{
    gf_param items[2];
    gf_param_list params;
    two_params(items, &params);
    gf_adamw_config cfg;
    hand_config(&cfg);
    cfg.weight_decay = 0.5f;
    gf_adamw opt;
    gf_error err = {0};
    if (!CHECK_OK(c, gf_adamw_init(&opt, &cfg, 2, &err), &err))
        return;
    float p[2] = {2.0f, 3.0f};
    const float g[2] = {0.0f, 0.0f};
    CHECK_OK(c, gf_adamw_step(&opt, &params, p, g, 0.1f, &err), &err);
    CHECK_NEAR(c, p[0], 2.0 * (1.0 - 0.1 * 0.5), 1e-6);
    CHECK_NEAR(c, p[1], 3.0, 0.0);
    gf_adamw_free(&opt);
}

static void test_schedule(check_ctx *c)
{
    gf_adamw_config cfg;
    gf_adamw_config_default(&cfg);
    cfg.lr_max = 1.0f;
    cfg.lr_min = 0.1f;
    cfg.warmup_steps = 10;
    cfg.total_steps = 110;
    /* Warm-up: lr_max·(s+1)/10. */
    CHECK_NEAR(c, gf_adamw_lr(&cfg, 0), 0.1, 1e-7);
    CHECK_NEAR(c, gf_adamw_lr(&cfg, 4), 0.5, 1e-7);
    CHECK_NEAR(c, gf_adamw_lr(&cfg, 9), 1.0, 1e-7);
    /* Cosine: 0.1 + 0.9·½(1 + cos(π·(s−10)/100)). */
    CHECK_NEAR(c, gf_adamw_lr(&cfg, 10), 1.0, 1e-7);
    CHECK_NEAR(c, gf_adamw_lr(&cfg, 60), 0.55, 1e-7);          /* cos(π/2) = 0 */
    CHECK_NEAR(c, gf_adamw_lr(&cfg, 85), 0.1 + 0.45 * (1.0 - sqrt(0.5)), 1e-7); /* 3π/4 */
    CHECK_NEAR(c, gf_adamw_lr(&cfg, 110), 0.1, 1e-7);
    CHECK_NEAR(c, gf_adamw_lr(&cfg, 5000), 0.1, 1e-7);
    bool decreasing = true;
    for (int s = 11; s <= 110; s++)
        decreasing = decreasing && gf_adamw_lr(&cfg, s) <= gf_adamw_lr(&cfg, s - 1);
    CHECK(c, decreasing);
    cfg.warmup_steps = 0; /* no warm-up: starts at the peak */
    CHECK_NEAR(c, gf_adamw_lr(&cfg, 0), 1.0, 1e-7);
}

static void test_clip(check_ctx *c)
{
    float g[2] = {3.0f, 4.0f};
    CHECK_NEAR(c, gf_grad_norm(g, 2), 5.0, 1e-12);
    CHECK_NEAR(c, gf_grad_clip(g, 2, 10.0f), 5.0, 1e-12);   /* below the limit */
    CHECK(c, g[0] == 3.0f && g[1] == 4.0f);
    CHECK_NEAR(c, gf_grad_clip(g, 2, 0.0f), 5.0, 1e-12);    /* off */
    CHECK(c, g[0] == 3.0f && g[1] == 4.0f);
    CHECK_NEAR(c, gf_grad_clip(g, 2, 1.0f), 5.0, 1e-12);    /* factor 1/5 */
    CHECK_NEAR(c, g[0], 0.6, 1e-7);
    CHECK_NEAR(c, g[1], 0.8, 1e-7);
    CHECK_NEAR(c, gf_grad_norm(g, 2), 1.0, 1e-7);
}

static void test_errors(check_ctx *c)
{
    gf_adamw_config cfg;
    gf_adamw_config_default(&cfg);
    gf_adamw opt;
    gf_error err = {0};
    cfg.beta1 = 1.0f;
    CHECK_INT(c, gf_adamw_init(&opt, &cfg, 2, &err), GF_ERR_RANGE);
    CHECK(c, strstr(err.message, "beta1") != NULL);
    gf_adamw_config_default(&cfg);
    cfg.warmup_steps = 20;
    cfg.total_steps = 10;
    CHECK_INT(c, gf_adamw_init(&opt, &cfg, 2, &err), GF_ERR_RANGE);
    CHECK(c, strstr(err.message, "warmup_steps") != NULL);
    gf_adamw_config_default(&cfg);
    CHECK_INT(c, gf_adamw_init(&opt, &cfg, 0, &err), GF_ERR_RANGE);
    gf_param items[2];
    gf_param_list params;
    two_params(items, &params);
    if (!CHECK_OK(c, gf_adamw_init(&opt, &cfg, 3, &err), &err))
        return;
    float p[2] = {0}, g[2] = {0};
    CHECK_INT(c, gf_adamw_step(&opt, &params, p, g, 0.1f, &err), GF_ERR_ARGUMENT);
    CHECK_INT(c, opt.step, 0);
    gf_adamw_free(&opt);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "adamw");
    test_two_steps(&c);
    test_decay_matrices_only(&c);
    test_schedule(&c);
    test_clip(&c);
    test_errors(&c);
    return check_end(&c);
}

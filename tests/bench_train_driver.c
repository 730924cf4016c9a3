/* bench_train_driver.c — the training driver's speed, as `train` runs it:
 * batches drawn by the data sampler, full training steps (forward with a
 * full trace, backward, clipping, AdamW), and the forward-only evaluation of
 * a token stream (what validation and `eval` cost). A benchmark, not a test.
 * Arguments: [steps] (default 5, after one untimed warm-up step).
 *
 * Config: n_layer 4, n_head 4, n_embd 128, n_positions 128, vocab 4096
 * (GPT-2's variant), batch 8 x 128 tokens, random token ids.
 *
 * FLOPs per token of a training step = 6·P_mm + 6·L·T·C, where P_mm counts
 * the weights used in matrix products (every 2-D weight but wpe; tied wte
 * once, as the unembedding): 2 FLOPs per multiply-add, forward 1x and
 * backward 2x; 6·L·T·C is causal attention's scores and weighted sums (a
 * position sees (t+1) keys, T/2 on average: 2·2·C·T/2 FLOPs forward per
 * layer, x3 with backward). Evaluation counts a third of that. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "eval_loss.h"
#include "train.h"
#include "train_data.h"

#define BENCH_BATCH 8
#define BENCH_SEQ 128
#define BENCH_TOKENS 200000

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void bench_config(gf_config *cfg)
{
    gf_config_default(cfg);
    cfg->vocab_size = 4096;
    cfg->n_ctx = BENCH_SEQ;
    cfg->n_embd = 128;
    cfg->n_layer = 4;
    cfg->n_head = 4;
    cfg->n_inner = 4 * 128;
}

/* Weights that take part in matrix products (see the top comment). */
static double matmul_params(const gf_model *m)
{
    double total = 0.0;
    const gf_param_list *p = &m->weights.params;
    for (int i = 0; i < p->count; i++)
        if (p->items[i].is_matrix && strcmp(p->items[i].name, "wpe.weight") != 0)
            total += (double)p->items[i].numel;
    return total;
}

static int bench_fail(const gf_error *err)
{
    fprintf(stderr, "bench_train_driver: %s\n", err->message);
    return 1;
}

int main(int argc, char **argv)
{
    const int steps = argc > 1 ? atoi(argv[1]) : 5;
    if (steps < 1) {
        fprintf(stderr, "bench_train_driver: steps must be >= 1\n");
        return 1;
    }
    gf_config cfg;
    bench_config(&cfg);
    gf_error err = {0};
    gf_model m;
    if (gf_model_init_random(&m, &cfg, NULL, 1, &err) != GF_OK)
        return bench_fail(&err);
    /* Random ids stand in for a tokenized text. */
    gf_train_data data = {0};
    data.n = BENCH_TOKENS;
    data.tokens = malloc(sizeof *data.tokens * (size_t)data.n);
    int32_t *batch = malloc(sizeof *batch * BENCH_BATCH * (BENCH_SEQ + 1)); /* (B, T+1) */
    gf_rng rng;
    gf_rng_seed(&rng, 2);
    for (int64_t i = 0; data.tokens && i < data.n; i++)
        data.tokens[i] = (int32_t)(gf_rng_next(&rng) % (uint64_t)cfg.vocab_size);
    gf_adamw_config opt;
    gf_adamw_config_default(&opt);
    gf_trainer t;
    memset(&t, 0, sizeof t);
    gf_train_sampler sampler;
    gf_status s = data.tokens && batch ? GF_OK
                                       : gf_error_set(&err, GF_ERR_MEMORY, "out of memory");
    if (s == GF_OK)
        s = gf_trainer_init(&t, &m, &opt, BENCH_SEQ, &err);
    if (s == GF_OK)
        s = gf_train_sampler_init(&sampler, &data, BENCH_SEQ, BENCH_BATCH, 3, &err);
    const double p_mm = matmul_params(&m);
    const double flops_per_token = 6.0 * p_mm + 6.0 * cfg.n_layer * BENCH_SEQ * cfg.n_embd;
    printf("model: %lld parameters (%.0f in matrix products), L=%d H=%d C=%d V=%d; batch %d x "
           "%d tokens; %.2f MFLOP per training token\n",
           (long long)m.weights.params.total, p_mm, cfg.n_layer, cfg.n_head, cfg.n_embd,
           cfg.vocab_size, BENCH_BATCH, BENCH_SEQ, flops_per_token / 1e6);
    double total = 0.0;
    for (int i = 0; s == GF_OK && i <= steps; i++) {
        const double t0 = seconds_now();
        gf_train_sampler_next(&sampler, batch);
        s = gf_trainer_step(&t, batch, BENCH_BATCH, NULL, &err);
        const double dt = seconds_now() - t0;
        if (i > 0)   /* step 0 warms caches and thread pools */
            total += dt;
    }
    const double tokens = (double)steps * BENCH_BATCH * BENCH_SEQ;
    if (s == GF_OK)
        printf("train: %.0f tokens/s, %.2f GFLOP/s (%d steps, %.3f s/step)\n", tokens / total,
               flops_per_token * tokens / total / 1e9, steps, total / steps);
    double nats = 0.0;
    int64_t predicted = 0;
    const double t0 = seconds_now();
    if (s == GF_OK)
        s = gf_eval_loss_stream(&m, &t.trace, data.tokens, 8 * BENCH_SEQ + 1, &nats, &predicted,
                                &err);
    const double eval_s = seconds_now() - t0;
    if (s == GF_OK)
        printf("eval: %.0f tokens/s, %.2f GFLOP/s (forward only; %.2f x a training token)\n",
               (double)predicted / eval_s,
               flops_per_token / 3.0 * (double)predicted / eval_s / 1e9,
               ((double)predicted / eval_s) / (tokens / total));
    gf_trainer_free(&t);
    gf_model_free(&m);
    free(data.tokens);
    free(batch);
    return s == GF_OK ? 0 : bench_fail(&err);
}

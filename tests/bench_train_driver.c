/* bench_train_driver.c — the training driver's speed, as `train` runs it:
 * batches drawn by the data sampler, full training steps (forward with a
 * full trace, backward, clipping, AdamW), and the forward-only evaluation of
 * a token stream (what validation and `eval` cost). A benchmark, not a test.
 * Arguments: [CONFIG.json [steps]]: a training config (the model plus its
 * "train" object; default assets/train/default.json, the shipped one, which
 * meson passes) and the steps timed (default 5, after one untimed warm-up
 * step). Batches are batch_size x seq_len random token ids.
 *
 * FLOPs per token of a training step = 6·P_mm + 6·L·T·C, where P_mm counts
 * the weights used in matrix products (every 2-D weight but wpe; tied wte
 * once, as the unembedding): 2 FLOPs per multiply-add, forward 1x and
 * backward 2x; 6·L·T·C is causal attention's scores and weighted sums (a
 * position sees (t+1) keys, T/2 on average: 2·2·C·T/2 FLOPs forward per
 * layer, x3 with backward). Evaluation counts a third of that. The
 * machine's FMA peak is measured first (bench_machine.h) and the training
 * rate is also given as % of it, in wall and in CPU seconds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_machine.h"
#include "eval_loss.h"
#include "ops_kernels.h"
#include "parallel.h"
#include "train.h"
#include "train_config.h"
#include "train_data.h"

#define BENCH_DEFAULT_CONFIG "assets/train/default.json"
#define BENCH_TOKENS 200000

static gf_status bench_config(const char *path, gf_config *cfg, int *batch, int *seq,
                              gf_error *err)
{
    gf_train_config tc;
    gf_status s = gf_config_load(path, cfg, err);
    if (s == GF_OK)
        s = gf_train_config_load(path, &tc, err);
    if (s != GF_OK)
        return s;
    *batch = tc.batch_size;
    *seq = tc.seq_len > 0 ? tc.seq_len : cfg->n_ctx;
    if (*seq > cfg->n_ctx)
        return gf_error_set(err, GF_ERR_RANGE, "%s: train.seq_len: %d is longer than the "
                            "model's context (%d)", path, *seq, cfg->n_ctx);
    return GF_OK;
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
    const char *config_path = argc > 1 ? argv[1] : BENCH_DEFAULT_CONFIG;
    const int steps = argc > 2 ? atoi(argv[2]) : 5;
    if (steps < 1) {
        fprintf(stderr, "bench_train_driver: steps must be >= 1\n");
        return 1;
    }
    gf_config cfg;
    gf_error err = {0};
    int batch_size = 0, seq = 0;
    if (bench_config(config_path, &cfg, &batch_size, &seq, &err) != GF_OK)
        return bench_fail(&err);
    gf_model m;
    if (gf_model_init_random(&m, &cfg, NULL, 1, &err) != GF_OK)
        return bench_fail(&err);
    /* Random ids stand in for a tokenized text. */
    gf_train_data data = {0};
    data.n = BENCH_TOKENS > 8 * ((int64_t)seq + 1) ? BENCH_TOKENS : 8 * ((int64_t)seq + 1);
    data.tokens = malloc(sizeof *data.tokens * (size_t)data.n);
    /* (B, T+1) */
    int32_t *batch = malloc(sizeof *batch * (size_t)batch_size * ((size_t)seq + 1));
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
        s = gf_trainer_init(&t, &m, &opt, seq, &err);
    if (s == GF_OK)
        s = gf_train_sampler_init(&sampler, &data, seq, batch_size, 3, &err);
    const double p_mm = matmul_params(&m);
    const double flops_per_token = 6.0 * p_mm + 6.0 * cfg.n_layer * seq * cfg.n_embd;
    const bench_machine mc = bench_machine_measure();
    printf("config: %s\n", config_path);
    printf("model: %lld parameters (%.0f in matrix products), L=%d H=%d C=%d V=%d; batch %d x "
           "%d tokens; %.2f MFLOP per training token\n",
           (long long)m.weights.params.total, p_mm, cfg.n_layer, cfg.n_head, cfg.n_embd,
           cfg.vocab_size, batch_size, seq, flops_per_token / 1e6);
    double total = 0.0, cpu_total = 0.0;
    for (int i = 0; s == GF_OK && i <= steps; i++) {
        const double t0 = bench_seconds_now(), c0 = bench_cpu_seconds_now();
        gf_train_sampler_next(&sampler, batch);
        s = gf_trainer_step(&t, batch, batch_size, NULL, &err);
        const double dt = bench_seconds_now() - t0, dc = bench_cpu_seconds_now() - c0;
        if (i > 0) {   /* step 0 warms caches and thread pools */
            total += dt;
            cpu_total += dc;
        }
    }
    const double tokens = (double)steps * batch_size * seq;
    if (s == GF_OK)
        printf("train: %.0f tokens/s, %.2f GFLOP/s (%d steps, %.3f s/step)\n", tokens / total,
               flops_per_token * tokens / total / 1e9, steps, total / steps);
    /* On a shared machine the wall clock includes other programs' turns;
     * the CPU seconds of all our threads do not (one thread: the same). */
    if (s == GF_OK) {
        printf("train cpu time: %.3f s/step = %.0f tokens per CPU-second\n", cpu_total / steps,
               tokens / cpu_total);
        const double gflops = flops_per_token * tokens / total / 1e9;
        const double gflops_cpu = flops_per_token * tokens / cpu_total / 1e9;
        printf("train peak: %.1f GFLOP/s = %.1f %% of FMA peak (%.1f GFLOP/s, %s kernels, %d "
               "threads) | %.1f GFLOP per CPU-second = %.1f %% of the probe's (%.1f)\n",
               gflops, 100.0 * gflops / mc.peak_gflops, mc.peak_gflops, gf_kernels_best()->name,
               gf_parallel_threads(), gflops_cpu, 100.0 * gflops_cpu / mc.peak_gflops_per_cpu_s,
               mc.peak_gflops_per_cpu_s);
    }
    double nats = 0.0;
    int64_t predicted = 0;
    const double t0 = bench_seconds_now();
    if (s == GF_OK)
        s = gf_eval_loss_stream(&m, &t.trace, data.tokens, 8 * seq + 1, &nats, &predicted,
                                &err);
    const double eval_s = bench_seconds_now() - t0;
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

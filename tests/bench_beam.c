/* bench_beam.c — beam search on a model folder (default: the shipped
 * default model): for widths 1, 2, 4, 8 and 16, the time of a search of
 * `steps` new tokens after a short prompt, per step, and the memory its
 * traces take; with greedy decoding (one lean trace, the sampler at T = 0)
 * as the baseline. A benchmark, not a test: `meson test -C build --benchmark
 * --verbose` or directly: bench_beam [MODEL_DIR] [steps]. Wall-clock figures
 * on a shared machine are noisy. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "beam_search.h"
#include "forward.h"
#include "sampler.h"

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Greedy decoding of steps tokens (never stopping early), for comparison. */
static int run_greedy(const gf_model *m, const int32_t *prompt, int n_prompt, int steps)
{
    gf_error err = {0};
    gf_trace tr;
    gf_sampler s;
    if (gf_trace_init(&tr, &m->config, n_prompt + steps, false, &err) != GF_OK ||
        gf_sampler_init(&s, m->config.vocab_size, 0.0f, 0, 1.0f, 1, &err) != GF_OK) {
        fprintf(stderr, "bench: %s\n", err.message);
        return 1;
    }
    const double t0 = seconds_now();
    gf_status st = gf_forward_append(m, &tr, prompt, n_prompt, &err);
    for (int i = 0; st == GF_OK && i + 1 < steps; i++) {
        const int32_t id = gf_sampler_sample(&s, gf_trace_logits_row(&tr, tr.n_tokens - 1));
        st = gf_forward_append(m, &tr, &id, 1, &err);
    }
    const double t1 = seconds_now();
    printf("greedy   : %3d steps %7.3f s = %6.2f ms/step | trace %6.2f MiB\n", steps, t1 - t0,
           1000.0 * (t1 - t0) / steps,
           gf_trace_bytes(&m->config, n_prompt + steps, false) / 1048576.0);
    gf_sampler_free(&s);
    gf_trace_free(&tr);
    return st == GF_OK ? 0 : 1;
}

static int run_beam(const gf_model *m, const int32_t *prompt, int n_prompt, int width, int steps)
{
    gf_error err = {0};
    gf_beam_result r;
    const double t0 = seconds_now();
    /* eot -1: the search runs every step (a stop would make widths incomparable) */
    if (gf_beam_search(m, prompt, n_prompt, width, steps, -1, NULL, NULL, &r, &err) != GF_OK) {
        fprintf(stderr, "bench: %s\n", err.message);
        return 1;
    }
    const double t1 = seconds_now();
    printf("beam %2d  : %3d steps %7.3f s = %6.2f ms/step | traces %6.2f MiB | best logprob "
           "%.3f\n", width, r.n_steps, t1 - t0, 1000.0 * (t1 - t0) / r.n_steps,
           r.trace_bytes / 1048576.0, r.beams[0].logprob);
    gf_beam_result_free(&r);
    return 0;
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "assets/models/default";
    const int steps = argc > 2 ? atoi(argv[2]) : 64;
    gf_error err = {0};
    gf_model m;
    if (gf_model_load(&m, dir, &err) != GF_OK) {
        fprintf(stderr, "bench: %s\n", err.message);
        return 1;
    }
    int32_t prompt[8];
    for (int i = 0; i < 8; i++)
        prompt[i] = (int32_t)((i * 7919 + 11) % m.config.vocab_size);
    if (steps < 1 || 8 + steps - 1 > m.config.n_ctx) {
        fprintf(stderr, "bench: steps must be in 1..%d\n", m.config.n_ctx - 7);
        gf_model_free(&m);
        return 1;
    }
    printf("%s: C = %d, L = %d, V = %d; prompt 8 tokens\n", dir, m.config.n_embd,
           m.config.n_layer, m.config.vocab_size);
    int rc = run_greedy(&m, prompt, 8, steps);
    for (int width = 1; rc == 0 && width <= GF_BEAM_MAX_WIDTH; width *= 2)
        rc = run_beam(&m, prompt, 8, width, steps);
    gf_model_free(&m);
    return rc;
}

/* bench_forward.c — forward speed of a GPT-2-124M-shaped random model:
 * prefill of 128 tokens, then 128 tokens decoded one at a time, with the
 * full trace (every intermediate kept) and with the lean trace (KV cache
 * only). A benchmark, not a test: run with `meson test -C build --benchmark
 * --verbose` or directly. Arguments: [preset] [prefill] [decode]. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "forward.h"
#include "params.h"

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int run(const gf_model *m, bool keep_all, int prefill, int decode)
{
    gf_error err = {0};
    gf_trace tr;
    if (gf_trace_init(&tr, &m->config, prefill + decode, keep_all, &err) != GF_OK) {
        fprintf(stderr, "bench: %s\n", err.message);
        return 1;
    }
    int32_t *tokens = malloc(sizeof *tokens * (size_t)(prefill + decode)); /* (prefill + decode) */
    if (!tokens) {
        fprintf(stderr, "bench: out of memory\n");
        gf_trace_free(&tr);
        return 1;
    }
    for (int i = 0; i < prefill + decode; i++)
        tokens[i] = (int32_t)((i * 7919) % m->config.vocab_size);
    double t0 = seconds_now();
    gf_status st = gf_forward_append(m, &tr, tokens, prefill, &err);
    double t1 = seconds_now();
    for (int i = 0; st == GF_OK && i < decode; i++)
        st = gf_forward_append(m, &tr, tokens + prefill + i, 1, &err);
    double t2 = seconds_now();
    if (st != GF_OK)
        fprintf(stderr, "bench: %s\n", err.message);
    printf("%-6s trace %7.1f MiB | prefill %3d tokens: %7.3f s = %7.1f tok/s | decode %3d: "
           "%7.3f s = %6.1f tok/s (%.1f ms/token)\n",
           keep_all ? "full" : "lean", gf_trace_bytes(&m->config, prefill + decode, keep_all) /
                                           1048576.0,
           prefill, t1 - t0, prefill / (t1 - t0), decode, t2 - t1, decode / (t2 - t1),
           1000.0 * (t2 - t1) / decode);
    free(tokens);
    gf_trace_free(&tr);
    return st == GF_OK ? 0 : 1;
}

int main(int argc, char **argv)
{
    const char *preset = argc > 1 ? argv[1] : "gpt2";
    const int prefill = argc > 2 ? atoi(argv[2]) : 128;
    const int decode = argc > 3 ? atoi(argv[3]) : 128;
    gf_error err = {0};
    gf_config cfg;
    gf_model m;
    if (gf_preset_config(preset, &cfg, &err) != GF_OK ||
        gf_model_init_random(&m, &cfg, NULL, 1, &err) != GF_OK) {
        fprintf(stderr, "bench: %s\n", err.message);
        return 1;
    }
    printf("model: %s-shaped, random weights, %lld parameters\n", preset,
           (long long)m.weights.params.total);
    int failed = run(&m, true, prefill, decode);
    failed |= run(&m, false, prefill, decode);
    gf_model_free(&m);
    return failed;
}

/* bench_forward.c — forward speed of a GPT-2-124M-shaped random model:
 * prefill of 128 tokens, then 128 tokens decoded one at a time, with the
 * full trace (every intermediate kept) and with the lean trace (KV cache
 * only). A benchmark, not a test: run with `meson test -C build --benchmark
 * --verbose` or directly. Arguments: [preset] [prefill] [decode]; the thread
 * count is OpenMP's (OMP_NUM_THREADS).
 *
 * It first measures this machine: the multiply-add peak of the vector
 * kernels in use (all threads) and the memory read bandwidth (a 256 MiB
 * sum), then states prefill as GFLOP/s and % of that peak, and decode as the
 * weight bytes read per token over its time, in GB/s and % of the bandwidth
 * (decode reads every weight once per token, so bandwidth bounds it). After
 * each decode the same read runs again for as long as the decode took: on
 * a shared machine the best short sum can be a burst, and this is the rate
 * held in the same minute, with the decode's share of it. The
 * trace is allocated and first touched before the clock starts; that cost
 * has its own line. CPU seconds are printed too: on a shared machine they
 * show the work when the wall clock shows the neighbours. The last line is
 * full prefill over lean prefill, and the least that ratio can be: the full
 * trace's extra work (the logits of every position) at the FMA peak.
 *
 * Then the same model with its matrices rounded to BF16, then F16, kept as
 * such and read so by decoding (core/weights.h; prefill reads the widened
 * floats): decode speed as above, and the accuracy against the float
 * model's lean decode of the same tokens: the largest logit difference,
 * how often the top token agrees, and the mean KL divergence. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_machine.h"
#include "forward.h"
#include "ops_kernels.h"
#include "parallel.h"
#include "params.h"

/* Work of the model per pass: weights in layer matrix products, bytes of
 * all weights a decoded token reads (one row of wpe). */
typedef struct {
    double layer_matmul_params;
    double weight_bytes;
    double half_weight_bytes;   /* with the decode matrices as F16/BF16 */
} model_work;

static model_work model_work_of(const gf_model *m)
{
    model_work w = {0.0, 0.0, 0.0};
    const gf_param_list *p = &m->weights.params;
    for (int i = 0; i < p->count; i++) {
        const bool position = strcmp(p->items[i].name, "wpe.weight") == 0;
        if (p->items[i].is_matrix && strncmp(p->items[i].name, "h.", 2) == 0)
            w.layer_matmul_params += (double)p->items[i].numel;
        const double bytes = 4.0 * (position ? m->config.n_embd : (double)p->items[i].numel);
        w.weight_bytes += bytes;
        w.half_weight_bytes += p->items[i].is_matrix && !position ? bytes / 2 : bytes;
    }
    return w;
}

/* FLOPs of positions [t0, t1): matrix products, causal attention (scores
 * and weighted sums over t+1 positions), logits of every row or the last. */
static double forward_flops(const gf_config *cfg, const model_work *w, int t0, int t1,
                            bool all_logits)
{
    double attention = 0.0;
    for (int t = t0; t < t1; t++)
        attention += 4.0 * cfg->n_embd * (t + 1) * cfg->n_layer;
    const double logit_rows = all_logits ? t1 - t0 : 1;
    return 2.0 * w->layer_matmul_params * (t1 - t0) + attention +
           2.0 * (double)cfg->n_embd * cfg->vocab_size * logit_rows;
}

/* Prefill seconds of one run, wall and CPU. */
typedef struct {
    double wall, cpu;
} prefill_time;

/* The prompt and the decoded tokens of every run. */
static int32_t bench_token(const gf_model *m, int i)
{
    return (int32_t)((i * 7919) % m->config.vocab_size);
}

/* A lean trace's decode steps after the prefill; each step's logits into
 * logits (decode × V) when not NULL (a copy of 0.2 MB: within the noise). */
static gf_status decode_steps(const gf_model *m, gf_trace *tr, int prefill, int decode,
                              float *logits, gf_error *err)
{
    gf_status st = GF_OK;
    const int vocab = m->config.vocab_size;
    for (int i = 0; st == GF_OK && i < decode; i++) {
        const int32_t token = bench_token(m, prefill + i);
        st = gf_forward_append(m, tr, &token, 1, err);
        if (logits && st == GF_OK)
            memcpy(logits + (size_t)i * vocab, tr->logits, sizeof *logits * (size_t)vocab);
    }
    return st;
}

static int run(const gf_model *m, const bench_machine *mc, bool keep_all, int prefill, int decode,
               prefill_time *took, float *logits)
{
    gf_error err = {0};
    gf_trace tr;
    const char *kind = keep_all ? "full" : "lean";
    if (gf_trace_init(&tr, &m->config, prefill + decode, keep_all, &err) != GF_OK) {
        fprintf(stderr, "bench: %s\n", err.message);
        return 1;
    }
    const double touch0 = bench_seconds_now();
    gf_trace_touch(&tr);
    printf("%-6s first touch of a fresh %.1f MiB trace: %.3f s (not in the times below)\n", kind,
           tr.arena_floats * 4.0 / 1048576.0, bench_seconds_now() - touch0);
    int32_t *tokens = malloc(sizeof *tokens * (size_t)(prefill + decode)); /* (prefill + decode) */
    if (!tokens) {
        fprintf(stderr, "bench: out of memory\n");
        gf_trace_free(&tr);
        return 1;
    }
    for (int i = 0; i < prefill + decode; i++)
        tokens[i] = bench_token(m, i);
    const double c0 = bench_cpu_seconds_now(), t0 = bench_seconds_now();
    gf_status st = gf_forward_append(m, &tr, tokens, prefill, &err);
    const double c1 = bench_cpu_seconds_now(), t1 = bench_seconds_now();
    if (st == GF_OK)
        st = decode_steps(m, &tr, prefill, decode, keep_all ? NULL : logits, &err);
    const double c2 = bench_cpu_seconds_now(), t2 = bench_seconds_now();
    *took = (prefill_time){t1 - t0, c1 - c0};
    if (st != GF_OK)
        fprintf(stderr, "bench: %s\n", err.message);
    printf("%-6s trace %7.1f MiB | prefill %3d tokens: %7.3f s = %7.1f tok/s | decode %3d: "
           "%7.3f s = %6.1f tok/s (%.1f ms/token)\n",
           kind, gf_trace_bytes(&m->config, prefill + decode, keep_all) / 1048576.0, prefill,
           t1 - t0, prefill / (t1 - t0), decode, t2 - t1, decode / (t2 - t1),
           1000.0 * (t2 - t1) / decode);
    const model_work w = model_work_of(m);
    const double gflops = forward_flops(&m->config, &w, 0, prefill, keep_all) / (t1 - t0) / 1e9;
    const double gbps = w.weight_bytes * decode / (t2 - t1) / 1e9;
    printf("%-6s prefill %6.1f GFLOP/s = %5.1f %% of FMA peak | decode %6.1f GB/s = %5.1f %% of "
           "read bandwidth (%.0f MB of weights per token: bound %.1f ms/token)\n",
           kind, gflops, 100.0 * gflops / mc->peak_gflops, gbps, 100.0 * gbps / mc->read_gbps,
           w.weight_bytes / 1e6, w.weight_bytes / mc->read_gbps / 1e6);
    const double gflops_cpu = forward_flops(&m->config, &w, 0, prefill, keep_all) / (c1 - c0) / 1e9;
    const double gb_cpu = w.weight_bytes * decode / (c2 - c1) / 1e9;
    printf("%-6s cpu time: prefill %.3f s = %.1f GFLOP per CPU-second = %.1f %% of the probe's, "
           "decode %.3f s (%.1f ms/token) = %.1f GB per CPU-second = %.1f %% of the probe's\n",
           kind, c1 - c0, gflops_cpu, 100.0 * gflops_cpu / mc->peak_gflops_per_cpu_s, c2 - c1,
           1000.0 * (c2 - c1) / decode, gb_cpu, 100.0 * gb_cpu / mc->read_gb_per_cpu_s);
    /* The bandwidth of this same minute, held as long as the decode took. */
    const bench_read_sustained held = bench_read_for(t2 - t1);
    if (held.passes > 0)
        printf("%-6s read held right after decode: %.1f GB/s over %d passes (%.1f to %.1f GB/s "
               "each) | decode at %.1f %% of it (bound %.1f ms/token)\n",
               kind, held.mean, held.passes, held.slowest, held.fastest, 100.0 * gbps / held.mean,
               w.weight_bytes / held.mean / 1e6);
    free(tokens);
    gf_trace_free(&tr);
    return st == GF_OK ? 0 : 1;
}

/* Half against float decode, step by step: the largest |logit
 * difference|, the steps whose top token agrees, and the mean
 * KL(p_f32 || p_half) of the softmaxes (in double). */
typedef struct {
    double max_diff, logit_span, mean_kl;
    int same_top;
} accuracy;

static double log_sum_exp(const float *x, int n, double top)
{
    double sum = 0.0;
    for (int j = 0; j < n; j++)
        sum += exp(x[j] - top);
    return top + log(sum);
}

static int argmax(const float *x, int n)
{
    int best = 0;
    for (int j = 1; j < n; j++)
        best = x[j] > x[best] ? j : best;
    return best;
}

static accuracy compare_logits(const float *ref, const float *half, int steps, int vocab)
{
    accuracy a = {0.0, 0.0, 0.0, 0};
    for (int s = 0; s < steps; s++) {
        const float *p = ref + (size_t)s * vocab, *q = half + (size_t)s * vocab;
        const int top_p = argmax(p, vocab), top_q = argmax(q, vocab);
        const double lse_p = log_sum_exp(p, vocab, p[top_p]);
        const double lse_q = log_sum_exp(q, vocab, q[top_q]);
        double kl = 0.0, low = p[0];
        for (int j = 0; j < vocab; j++) {
            const double log_p = p[j] - lse_p, log_q = q[j] - lse_q;
            kl += exp(log_p) * (log_p - log_q);
            a.max_diff = fmax(a.max_diff, fabs((double)p[j] - q[j]));
            low = fmin(low, p[j]);
        }
        a.logit_span = fmax(a.logit_span, p[top_p] - low);
        a.mean_kl += kl / steps;
        a.same_top += top_p == top_q;
    }
    return a;
}

/* What rounding the decode matrices to F16 does to them (F16 keeps 10
 * mantissa bits down to 6.1e-5, fewer below; 0 under 2^-25; max 65504). */
static void print_f16_rounding(const gf_weights *w)
{
    long long count = 0, subnormal = 0, zero = 0, overflow = 0;
    double largest = 0.0;
    for (int i = 0; i < w->params.count; i++) {
        const gf_param *p = &w->params.items[i];
        if (!p->is_matrix || strcmp(p->name, "wpe.weight") == 0)
            continue;
        for (int64_t j = 0; j < p->numel; j++) {
            const float x = w->data[p->offset + j];
            const uint16_t h = gf_f32_to_f16(x);
            count++;
            largest = fmax(largest, fabs(x));
            zero += (h & 0x7fff) == 0 && x != 0.0f;
            subnormal += (h & 0x7c00) == 0 && (h & 0x3ff) != 0;
            overflow += (h & 0x7fff) == 0x7c00;   /* rounded to infinity */
        }
    }
    printf("f16    rounding: largest |weight| %.3g (F16 holds up to 65504: %lld overflow); %lld "
           "of %lld weights (%.4f %%) land on F16 subnormals (|w| < 6.1e-5, fewer bits), %lld "
           "(%.5f %%) round to 0\n",
           largest, overflow, subnormal, count, 100.0 * subnormal / count, zero,
           100.0 * zero / count);
}

/* The model's matrices rounded to type, then a lean prefill (the widened
 * floats) and decode (the half copy): decode speed and accuracy lines. */
static int run_half(gf_model *m, const bench_machine *mc, gf_half_type type, int prefill,
                    int decode, const float *ref_logits)
{
    const char *kind = type == GF_HALF_BF16 ? "bf16" : "f16";
    gf_error err = {0};
    gf_weights_init_random(&m->weights, &m->config, 1);   /* the float model again */
    if (type == GF_HALF_F16)
        print_f16_rounding(&m->weights);
    gf_trace tr;
    const int vocab = m->config.vocab_size;
    float *logits = malloc(sizeof *logits * (size_t)decode * vocab);   /* (decode, V) */
    int32_t *tokens = malloc(sizeof *tokens * (size_t)prefill);
    if (!logits || !tokens || gf_weights_round_to_half(&m->weights, type, &err) != GF_OK ||
        gf_trace_init(&tr, &m->config, prefill + decode, false, &err) != GF_OK) {
        fprintf(stderr, "bench: %s\n", err.message[0] ? err.message : "out of memory");
        free(logits);
        free(tokens);
        return 1;
    }
    gf_trace_touch(&tr);
    for (int i = 0; i < prefill; i++)
        tokens[i] = bench_token(m, i);
    gf_status st = gf_forward_append(m, &tr, tokens, prefill, &err);
    const double c1 = bench_cpu_seconds_now(), t1 = bench_seconds_now();
    if (st == GF_OK)
        st = decode_steps(m, &tr, prefill, decode, logits, &err);
    const double c2 = bench_cpu_seconds_now(), t2 = bench_seconds_now();
    if (st != GF_OK)
        fprintf(stderr, "bench: %s\n", err.message);
    const model_work w = model_work_of(m);
    const double gbps = w.half_weight_bytes * decode / (t2 - t1) / 1e9;
    const double gb_cpu = w.half_weight_bytes * decode / (c2 - c1) / 1e9;
    printf("%-6s decode %3d: %7.3f s = %6.1f tok/s (%.1f ms/token) | lean, the same prompt and "
           "tokens, decode reading the matrices as %s\n",
           kind, decode, t2 - t1, decode / (t2 - t1), 1000.0 * (t2 - t1) / decode,
           type == GF_HALF_BF16 ? "BF16" : "F16");
    printf("%-6s decode %6.1f GB/s = %5.1f %% of read bandwidth (%.0f MB of weights per token: "
           "bound %.1f ms/token)\n",
           kind, gbps, 100.0 * gbps / mc->read_gbps, w.half_weight_bytes / 1e6,
           w.half_weight_bytes / mc->read_gbps / 1e6);
    printf("%-6s cpu time: decode %.3f s (%.1f ms/token) = %.1f GB per CPU-second = %.1f %% of "
           "the probe's\n",
           kind, c2 - c1, 1000.0 * (c2 - c1) / decode, gb_cpu,
           100.0 * gb_cpu / mc->read_gb_per_cpu_s);
    if (st == GF_OK) {
        const accuracy a = compare_logits(ref_logits, logits, decode, vocab);
        printf("%-6s against f32 over %d decode steps: max |logit difference| %.4f (f32 logits "
               "span %.1f), same top token in %d of %d steps (%.1f %%), mean KL(p_f32 || p_%s) "
               "%.3g nats\n",
               kind, decode, a.max_diff, a.logit_span, a.same_top, decode,
               100.0 * a.same_top / decode, kind, a.mean_kl);
    }
    gf_trace_free(&tr);
    free(logits);
    free(tokens);
    return st == GF_OK ? 0 : 1;
}

int main(int argc, char **argv)
{
    const char *preset = argc > 1 ? argv[1] : "gpt2";
    const int prefill = argc > 2 ? atoi(argv[2]) : 128;
    const int decode = argc > 3 ? atoi(argv[3]) : 128;
    if (prefill < 1 || decode < 1) {
        fprintf(stderr, "bench: prefill and decode must be >= 1\n");
        return 1;
    }
    gf_error err = {0};
    gf_config cfg;
    gf_model m;
    if (gf_preset_config(preset, &cfg, &err) != GF_OK ||
        gf_model_init_random(&m, &cfg, NULL, 1, &err) != GF_OK) {
        fprintf(stderr, "bench: %s\n", err.message);
        return 1;
    }
    printf("model: %s-shaped, random weights, %lld parameters, threads %d\n", preset,
           (long long)m.weights.params.total, gf_parallel_threads());
    const bench_machine mc = bench_machine_measure();
    printf("machine: FMA peak %.1f GFLOP/s (%s kernels, %d threads), read bandwidth %.1f GB/s; "
           "FMA %.1f GFLOP per CPU-second\n",
           mc.peak_gflops, gf_kernels_best()->name, gf_parallel_threads(), mc.read_gbps,
           mc.peak_gflops_per_cpu_s);
    printf("machine: the read bandwidth is a 256 MiB sum on 2 MiB pages, as the weights are "
           "(%.1f GB per CPU-second); on 4 KiB pages it reads %.1f GB/s\n",
           mc.read_gb_per_cpu_s, mc.read_gbps_small_pages);
    prefill_time full, lean;
    float *ref_logits = malloc(sizeof(float) * (size_t)decode * cfg.vocab_size); /* (decode, V) */
    if (!ref_logits) {
        fprintf(stderr, "bench: out of memory\n");
        gf_model_free(&m);
        return 1;
    }
    int failed = run(&m, &mc, true, prefill, decode, &full, NULL);
    failed |= run(&m, &mc, false, prefill, decode, &lean, ref_logits);
    /* The full trace also computes the logits of every position, not only
     * the last: that much more work at best runs at the FMA peak. */
    const model_work w = model_work_of(&m);
    const double lean_flops = forward_flops(&m.config, &w, 0, prefill, false);
    const double extra = forward_flops(&m.config, &w, 0, prefill, true) - lean_flops;
    printf("full/lean prefill: %.3f wall, %.3f CPU | the full trace's logits of every position "
           "add %.1f GFLOP = %.0f %% of lean's work; at the FMA peak that is %.3f s, so full "
           "takes at least %.3f x lean's wall time (%.3f x its CPU time) here\n",
           full.wall / lean.wall, full.cpu / lean.cpu, extra / 1e9, 100.0 * extra / lean_flops,
           extra / (mc.peak_gflops * 1e9), 1.0 + extra / (mc.peak_gflops * 1e9) / lean.wall,
           1.0 + extra / (mc.peak_gflops_per_cpu_s * 1e9) / lean.cpu);
    failed |= run_half(&m, &mc, GF_HALF_BF16, prefill, decode, ref_logits);
    failed |= run_half(&m, &mc, GF_HALF_F16, prefill, decode, ref_logits);
    free(ref_logits);
    gf_model_free(&m);
    return failed;
}

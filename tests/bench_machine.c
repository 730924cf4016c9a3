/* bench_machine.c — see bench_machine.h. */
#include "bench_machine.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "big_floats.h"
#include "ops_kernels.h"
#include "parallel.h"

#define PROBE_BYTES ((size_t)256 << 20)
#define PROBE_CHUNKS 64

double bench_seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

double bench_cpu_seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* One sum over PROBE_BYTES at data, split over threads in contiguous runs of
 * chunks; *seconds and *cpu_seconds get its wall and CPU time. Returns a
 * value made of the sums, so the compiler keeps them. */
static float read_pass(const float *data, int threads, double *seconds, double *cpu_seconds)
{
    (void)threads;   /* read only by the OpenMP pragma, absent without OpenMP */
    const size_t chunk = PROBE_BYTES / sizeof(float) / PROBE_CHUNKS;
    float partial[PROBE_CHUNKS][16];
    const double t0 = bench_seconds_now(), c0 = bench_cpu_seconds_now();
    GF_PARALLEL_FOR_IF(threads > 1)
    for (int q = 0; q < PROBE_CHUNKS; q++) {
        float lane[16] = {0};   /* 16 running sums: the loop vectorizes */
        const float *p = data + (size_t)q * chunk;
        for (size_t i = 0; i < chunk; i += 16)
            for (int l = 0; l < 16; l++)
                lane[l] += p[i + l];
        memcpy(partial[q], lane, sizeof lane);
    }
    *seconds = bench_seconds_now() - t0;
    *cpu_seconds = bench_cpu_seconds_now() - c0;
    return partial[0][0];
}

static void fill_probe(float *data)
{
    for (size_t i = 0; i < PROBE_BYTES / sizeof(float); i++)
        data[i] = (float)(i & 7);
}

/* Best read rate of a few sums over PROBE_BYTES at data, in GB per wall
 * second (returned) and per CPU-second (*per_cpu_s). */
static double read_probe(float *data, int threads, double *per_cpu_s)
{
    fill_probe(data);
    double best = 0.0;
    *per_cpu_s = 0.0;
    for (int run = 0; run < 4; run++) {
        double dt, dc;
        const float kept = read_pass(data, threads, &dt, &dc);
        if (kept >= 0.0f && PROBE_BYTES / dt / 1e9 > best)
            best = PROBE_BYTES / dt / 1e9;
        if (kept >= 0.0f && PROBE_BYTES / dc / 1e9 > *per_cpu_s)
            *per_cpu_s = PROBE_BYTES / dc / 1e9;
    }
    return best;
}

bench_read_sustained bench_read_for(double seconds)
{
    bench_read_sustained r = {0.0, 0.0, 0.0, 0};
    float *data = gf_big_floats_alloc(PROBE_BYTES / sizeof(float));
    if (!data)
        return r;
    fill_probe(data);
    const int threads = gf_parallel_threads();
    double total = 0.0;
    r.slowest = 1e30;
    while (total < seconds) {
        double dt, dc;
        if (read_pass(data, threads, &dt, &dc) < 0.0f)
            break;   /* never: the sums are of non-negative values */
        const double rate = PROBE_BYTES / dt / 1e9;
        r.slowest = rate < r.slowest ? rate : r.slowest;
        r.fastest = rate > r.fastest ? rate : r.fastest;
        total += dt;
        r.passes++;
    }
    r.mean = r.passes ? (double)PROBE_BYTES * r.passes / total / 1e9 : 0.0;
    if (!r.passes)
        r.slowest = 0.0;
    gf_big_floats_free(data, PROBE_BYTES / sizeof(float));
    return r;
}

bench_machine bench_machine_measure(void)
{
    bench_machine mc = {0.0, 0.0, 0.0, 0.0, 0.0};
    const gf_kernels *kn = gf_kernels_best();
    const int threads = gf_parallel_threads();
    double *flops = calloc((size_t)threads, sizeof *flops);
    float *sums = calloc((size_t)threads, sizeof *sums);
    for (int run = 0; flops && sums && run < 3; run++) {
        const double t0 = bench_seconds_now(), c0 = bench_cpu_seconds_now();
        GF_PARALLEL_FOR_IF(threads > 1)
        for (int t = 0; t < threads; t++)
            sums[t] = kn->fma_probe(20000000L, &flops[t]);
        const double dt = bench_seconds_now() - t0, dc = bench_cpu_seconds_now() - c0;
        double total = 0.0;
        for (int t = 0; t < threads; t++)
            total += sums[t] == sums[t] ? flops[t] : 0.0;   /* the sums are used */
        if (total / dt / 1e9 > mc.peak_gflops)
            mc.peak_gflops = total / dt / 1e9;
        if (total / dc / 1e9 > mc.peak_gflops_per_cpu_s)
            mc.peak_gflops_per_cpu_s = total / dc / 1e9;
    }
    free(flops);
    free(sums);
    float *huge = gf_big_floats_alloc(PROBE_BYTES / sizeof(float));
    if (huge)
        mc.read_gbps = read_probe(huge, threads, &mc.read_gb_per_cpu_s);
    gf_big_floats_free(huge, PROBE_BYTES / sizeof(float));
    float *small = malloc(PROBE_BYTES);   /* glibc maps it on 4 KiB pages */
    double unused;
    if (small)
        mc.read_gbps_small_pages = read_probe(small, threads, &unused);
    free(small);
    return mc;
}


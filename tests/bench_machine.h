/* bench_machine.h — what this machine can do, measured by the benchmarks
 * themselves in the same sitting as their runs: the multiply-add peak of
 * the vector kernels in use (all threads) and the memory read bandwidth (a
 * 256 MiB sum, on 2 MiB pages as the weights are, and on 4 KiB pages for
 * comparison), best of a few runs; plus clocks for wall and CPU seconds. */
#ifndef GF_BENCH_MACHINE_H
#define GF_BENCH_MACHINE_H

typedef struct {
    double peak_gflops;             /* FMA GFLOP/s, wall clock            */
    double read_gbps;               /* read GB/s, wall clock, 2 MiB pages */
    double peak_gflops_per_cpu_s;   /* the same FMA work over CPU seconds */
    double read_gb_per_cpu_s;       /* the same read over CPU seconds     */
    double read_gbps_small_pages;   /* read GB/s, wall clock, 4 KiB pages */
} bench_machine;

bench_machine bench_machine_measure(void);

/* The read bandwidth held over a stretch of time, as decoding needs it: the
 * same 256 MiB sum on 2 MiB pages, repeated for `seconds` (all threads).
 * On a shared machine the best pass above can be a short burst; this is
 * the rate of the same minute, to set a decode beside. */
typedef struct {
    double mean;               /* GB/s over all passes, wall clock */
    double slowest, fastest;   /* GB/s of the slowest and fastest pass */
    int passes;
} bench_read_sustained;

bench_read_sustained bench_read_for(double seconds);
double bench_seconds_now(void);       /* monotonic wall clock              */
double bench_cpu_seconds_now(void);   /* CPU seconds of all our threads    */

#endif

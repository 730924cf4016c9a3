/* bench_vectors.c — how fast the word-vector space is (issue 9's budgets:
 * loading <= 100 ms, neighbours over 50,000 x 100 <= 5 ms).
 *
 * usage: bench_vectors [VECTORS_DIR]   (default assets/vectors/en)
 * Prints the median and the fastest of repeated runs: loading the folder
 * (read, F16 -> F32, normalise, index the words), one nearest-neighbour
 * search (k = 10) over all rows, and the whole path of one expression
 * (parse, look up, sum, search). Wall-clock times on a shared machine are
 * noisy (other jobs take the CPU); the CPU time of loading shows the work
 * itself. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "analogy.h"
#include "vectors.h"

#define LOAD_RUNS 15
#define SEARCH_RUNS 201

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void report(const char *what, double *ms, int n)
{
    qsort(ms, (size_t)n, sizeof *ms, compare_double);
    printf("%-34s median %8.3f ms   fastest %8.3f ms   (%d runs)\n", what, ms[n / 2], ms[0], n);
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "assets/vectors/en";
    gf_vectors v;
    gf_error err;
    double ms[SEARCH_RUNS], cpu_ms[LOAD_RUNS];
    for (int r = 0; r < LOAD_RUNS; r++) {
        clock_t c0 = clock();
        double t0 = now_ms();
        if (gf_vectors_load(&v, dir, &err) != GF_OK) {
            fprintf(stderr, "bench_vectors: %s\n", err.message);
            return 1;
        }
        ms[r] = now_ms() - t0;
        cpu_ms[r] = (double)(clock() - c0) * 1e3 / CLOCKS_PER_SEC;
        if (r + 1 < LOAD_RUNS)
            gf_vectors_free(&v);
    }
    printf("%s: %d words x %d dims\n", dir, v.count, v.dim);
    report("load folder", ms, LOAD_RUNS);
    report("load folder, CPU time", cpu_ms, LOAD_RUNS);

    gf_vectors_hit hits[10];
    int checksum = 0;
    for (int r = 0; r < SEARCH_RUNS; r++) {
        int row = (int)((r * 7919L) % v.count);
        double t0 = now_ms();
        int n = gf_vectors_nearest(&v, gf_vectors_row(&v, row), &row, 1, hits, 10);
        ms[r] = now_ms() - t0;
        checksum += n > 0 ? hits[0].row : 0;
    }
    report("neighbours (k = 10, all rows)", ms, SEARCH_RUNS);

    float *query = malloc((size_t)v.dim * sizeof *query);
    for (int r = 0; r < SEARCH_RUNS; r++) {
        double t0 = now_ms();
        gf_expr e;
        gf_analogy_terms t;
        if (gf_expr_parse("king - man + woman", &e, &err) != GF_OK ||
            gf_analogy_lookup(&v, NULL, &e, &t, &err) != GF_OK ||
            gf_analogy_query(&v, &e, &t, query, &err) != GF_OK) {
            fprintf(stderr, "bench_vectors: %s\n", err.message);
            return 1;
        }
        int n = gf_vectors_nearest(&v, query, t.exclude, t.n_exclude, hits, 10);
        ms[r] = now_ms() - t0;
        checksum += n > 0 ? hits[0].row : 0;
    }
    report("king - man + woman, whole path", ms, SEARCH_RUNS);
    printf("(checksum %d)\n", checksum);
    free(query);
    gf_vectors_free(&v);
    return 0;
}

/* parallel.h — OpenMP work sharing that compiles away without OpenMP.
 * The count of threads is OpenMP's own: pin it with OMP_NUM_THREADS. */
#ifndef GF_PARALLEL_H
#define GF_PARALLEL_H

#define GF_PRAGMA(x) _Pragma(#x)
#ifdef _OPENMP
#include <omp.h>
/* Split the following for loop across threads when cond holds. */
#define GF_PARALLEL_FOR_IF(cond) GF_PRAGMA(omp parallel for schedule(static) if (cond))
/* How many threads a parallel loop would use. */
static inline int gf_parallel_threads(void)
{
    return omp_get_max_threads();
}
/* Parallel loops started from the calling thread use n threads (n >= 1). */
static inline void gf_parallel_set_threads(int n)
{
    omp_set_num_threads(n > 0 ? n : 1);
}
#else
#define GF_PARALLEL_FOR_IF(cond)
static inline int gf_parallel_threads(void)
{
    return 1;
}
static inline void gf_parallel_set_threads(int n)
{
    (void)n;
}
#endif

/* Below this many multiply-adds a loop stays on one thread. */
#define GF_PARALLEL_MIN_WORK 32768L

#endif

/* parallel.h — OpenMP work sharing that compiles away without OpenMP.
 * The count of threads is OpenMP's own: pin it with OMP_NUM_THREADS. */
#ifndef GF_PARALLEL_H
#define GF_PARALLEL_H

#define GF_PRAGMA(x) _Pragma(#x)
#ifdef _OPENMP
/* Split the following for loop across threads when cond holds. */
#define GF_PARALLEL_FOR_IF(cond) GF_PRAGMA(omp parallel for schedule(static) if (cond))
#else
#define GF_PARALLEL_FOR_IF(cond)
#endif

/* Below this many multiply-adds a loop stays on one thread. */
#define GF_PARALLEL_MIN_WORK 32768L

#endif

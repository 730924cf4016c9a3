/* big_floats.c — see big_floats.h. Anonymous mappings are zero until
 * written; the mapping is cut to a 2 MiB boundary so that whole huge pages
 * fit in it, and the advice is given before the first touch. */
#define _DEFAULT_SOURCE   /* MAP_ANONYMOUS, madvise */
#include "big_floats.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#define HUGE_PAGE_BYTES ((size_t)2 << 20)
#define BIG_BYTES HUGE_PAGE_BYTES   /* from this size on, a mapping of its own */

static size_t round_up(size_t bytes, size_t unit)
{
    return (bytes + unit - 1) / unit * unit;
}

float *gf_big_floats_alloc(size_t count)
{
    if (count > SIZE_MAX / sizeof(float) - HUGE_PAGE_BYTES)
        return NULL;
    const size_t bytes = count * sizeof(float);
    if (bytes < BIG_BYTES)
        return calloc(count > 0 ? count : 1, sizeof(float));
    const size_t size = round_up(bytes, HUGE_PAGE_BYTES);
    char *map = mmap(NULL, size + HUGE_PAGE_BYTES, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED)
        return NULL;
    /* keep the 2 MiB-aligned [start, start + size), give back the rest */
    char *start = (char *)round_up((uintptr_t)map, HUGE_PAGE_BYTES);
    if (start > map)
        munmap(map, (size_t)(start - map));
    const size_t tail = (size_t)(map + size + HUGE_PAGE_BYTES - (start + size));
    if (tail > 0)
        munmap(start + size, tail);
#ifdef MADV_HUGEPAGE
    madvise(start, size, MADV_HUGEPAGE);   /* advice only: 4 KiB pages if refused */
#endif
    return (float *)start;
}

void gf_big_floats_free(float *p, size_t count)
{
    if (!p)
        return;
    const size_t bytes = count * sizeof(float);
    if (bytes < BIG_BYTES)
        free(p);
    else
        munmap(p, round_up(bytes, HUGE_PAGE_BYTES));
}

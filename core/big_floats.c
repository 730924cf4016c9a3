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

/* bytes zeroed, 2 MiB-aligned on 2 MiB pages from BIG_BYTES on. */
static void *big_alloc(size_t bytes)
{
    if (bytes > SIZE_MAX - 2 * HUGE_PAGE_BYTES)
        return NULL;
    if (bytes < BIG_BYTES)
        return calloc(bytes > 0 ? bytes : 1, 1);
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
    return start;
}

static void big_free(void *p, size_t bytes)
{
    if (!p)
        return;
    if (bytes < BIG_BYTES)
        free(p);
    else
        munmap(p, round_up(bytes, HUGE_PAGE_BYTES));
}

float *gf_big_floats_alloc(size_t count)
{
    return count > SIZE_MAX / sizeof(float) ? NULL : big_alloc(count * sizeof(float));
}

void gf_big_floats_free(float *p, size_t count)
{
    big_free(p, count * sizeof(float));
}

uint16_t *gf_big_halves_alloc(size_t count)
{
    return count > SIZE_MAX / sizeof(uint16_t) ? NULL : big_alloc(count * sizeof(uint16_t));
}

void gf_big_halves_free(uint16_t *p, size_t count)
{
    big_free(p, count * sizeof(uint16_t));
}

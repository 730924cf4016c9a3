/* memory_limit.c — the allocation ceiling (see memory_limit.h). */
#include "memory_limit.h"

#include <unistd.h>

uint64_t gf_memory_limit(uint64_t ceiling)
{
#if defined(_SC_PHYS_PAGES) && defined(_SC_PAGESIZE)
    const long pages = sysconf(_SC_PHYS_PAGES), page_size = sysconf(_SC_PAGESIZE);
    if (pages > 0 && page_size > 0) {
        const uint64_t physical = (uint64_t)pages * (uint64_t)page_size;
        const uint64_t usable = physical / 4 * 3;
        if (usable < ceiling)
            return usable;
    }
#endif
    return ceiling;
}

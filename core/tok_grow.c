/* tok_grow.c — geometric array growth (see tok_grow.h). */
#include "tok_grow.h"

#include <stdint.h>
#include <stdlib.h>

void *gf_tok_grow(void *buf, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return buf;
    size_t n = *cap ? *cap : 16;
    while (n < need) {
        if (n > SIZE_MAX / 2)
            return NULL;
        n *= 2;
    }
    if (elem && n > SIZE_MAX / elem)
        return NULL;
    void *p = realloc(buf, n * elem);
    if (!p)
        return NULL;
    *cap = n;
    return p;
}

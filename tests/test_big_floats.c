/* test_big_floats.c — the big-array allocator: zeroed memory of the asked
 * size, 2 MiB-aligned from 2 MiB on, writable to its last float, freed by
 * count; small arrays and a zero count work too; the same for 16-bit
 * arrays. */
#include <stdint.h>
#include <stdlib.h>

#include "big_floats.h"
#include "check.h"

/* All zero, then every float written and read back. */
static bool zeroed_and_writable(float *p, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (p[i] != 0.0f)
            return false;
    for (size_t i = 0; i < count; i++)
        p[i] = (float)(i % 251);
    for (size_t i = 0; i < count; i++)
        if (p[i] != (float)(i % 251))
            return false;
    return true;
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "big_floats");
    /* below, at and above the 2 MiB threshold; a count not a page multiple */
    const size_t counts[] = {0, 1, 1000, (2u << 20) / 4 - 1, (2u << 20) / 4, 3000001};
    for (size_t t = 0; t < sizeof counts / sizeof counts[0]; t++) {
        float *p = gf_big_floats_alloc(counts[t]);
        CHECK(&c, p != NULL);
        if (!p)
            continue;
        if (counts[t] * sizeof(float) >= (2u << 20))
            CHECK(&c, (uintptr_t)p % (2u << 20) == 0);
        CHECK(&c, zeroed_and_writable(p, counts[t]));
        gf_big_floats_free(p, counts[t]);
    }
    gf_big_floats_free(NULL, 5);   /* like free(NULL) */
    CHECK(&c, gf_big_floats_alloc(SIZE_MAX / 2) == NULL);   /* too big: NULL, no crash */
    /* 16-bit arrays: below and above the threshold, zeroed, to the last one */
    const size_t half_counts[] = {3, (2u << 20) / 2 - 1, 2000001};
    for (size_t t = 0; t < sizeof half_counts / sizeof half_counts[0]; t++) {
        const size_t n = half_counts[t];
        uint16_t *h = gf_big_halves_alloc(n);
        CHECK(&c, h != NULL);
        if (!h)
            continue;
        if (n * 2 >= (2u << 20))
            CHECK(&c, (uintptr_t)h % (2u << 20) == 0);
        bool ok = true;
        for (size_t i = 0; i < n; i++)
            ok = ok && h[i] == 0;
        h[n - 1] = 0xBEEF;
        CHECK(&c, ok && h[n - 1] == 0xBEEF);
        gf_big_halves_free(h, n);
    }
    CHECK(&c, gf_big_halves_alloc(SIZE_MAX / 2) == NULL);
    return check_end(&c);
}

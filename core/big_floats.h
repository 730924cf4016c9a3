/* big_floats.h — zeroed float (and 16-bit) arrays for the big blocks (the
 * weights, their half copy, the trace): 2 MiB-aligned and, where the system offers them (Linux
 * transparent huge pages in "madvise" mode), on 2 MiB pages. Decoding reads
 * every weight once per token; on 4 KiB pages that is a TLB miss every
 * 4 KiB and the hardware prefetchers stop at each page's end, which costs
 * about a third of the read bandwidth (measured: tests/bench_forward's
 * "machine:" line shows both). Small arrays come from calloc. */
#ifndef GF_BIG_FLOATS_H
#define GF_BIG_FLOATS_H

#include <stddef.h>
#include <stdint.h>

/* count zeroed floats (NULL when out of memory); pages are mapped on first
 * touch, as with calloc. Give the same count to gf_big_floats_free. */
float *gf_big_floats_alloc(size_t count);
void gf_big_floats_free(float *p, size_t count);
/* The same for 16-bit values (weights kept as F16 or BF16). */
uint16_t *gf_big_halves_alloc(size_t count);
void gf_big_halves_free(uint16_t *p, size_t count);

#endif

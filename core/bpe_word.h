/* bpe_word.h — applying ranked merges to one pre-split word.
 *
 * Exactly GPT-2's bpe(): while some adjacent pair has a rank, take the pair
 * with the lowest rank and merge all its occurrences left to right (an
 * occurrence overlapping one just merged is skipped), then look again.
 * Done with a linked list and a min-heap of (rank, position), so a word of
 * n symbols costs O(n log n) rather than GPT-2's O(n^2). */
#ifndef GF_BPE_WORD_H
#define GF_BPE_WORD_H

#include <stddef.h>
#include <stdint.h>

#include "gf_error.h"
#include "pair_table.h"

typedef struct {
    int32_t rank;
    int32_t pos;
} gf_bpe_candidate;

/* Scratch space, reused across words (one per thread). */
typedef struct {
    int32_t *prev, *next;      /* (cap) linked list over symbol positions */
    size_t cap;
    gf_bpe_candidate *heap;    /* (heap_n) grows as needed, at most 3 per symbol */
    size_t heap_n, heap_cap;
    int32_t *pending;          /* positions whose right pair changed this round */
    size_t pending_cap;
} gf_bpe_word;

void gf_bpe_word_init(gf_bpe_word *w);
void gf_bpe_word_free(gf_bpe_word *w);

/* Merge ids[0..*n) in place. merges is (n_merges, 3): left, right, merged
 * id per rank, and ranks maps (left, right) -> rank. *n shrinks. */
gf_status gf_bpe_word_merge(gf_bpe_word *w, const gf_pair_table *ranks, const int32_t *merges,
                            int32_t *ids, size_t *n, gf_error *err);

#endif

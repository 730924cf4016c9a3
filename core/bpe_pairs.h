/* bpe_pairs.h — adjacent-pair statistics for BPE training.
 *
 * For every pair of token ids that occurs next to each other in the
 * training words: how often it occurs (weighted by word frequency), and
 * which words may contain it (a superset: stale entries are allowed, the
 * trainer re-checks). A max-heap keyed on the count (ties: the merged
 * symbol, bytewise smallest first) gives the next pair to merge. Counts are
 * updated incrementally as merges rewrite words, never recounted. */
#ifndef GF_BPE_PAIRS_H
#define GF_BPE_PAIRS_H

#include <stddef.h>
#include <stdint.h>

#include "gf_error.h"
#include "pair_table.h"
#include "str_table.h"

typedef struct {
    int32_t left, right;  /* token ids */
    int64_t count;        /* occurrences, weighted by word frequency */
    int32_t heap_pos;     /* index in the heap, -1 if not there */
    int32_t blocked;      /* never to be merged (symbol would be too long) */
    int32_t *words;       /* (n_words) indices of words that may hold the pair */
    size_t n_words, words_cap;
} gf_bpe_pair;

typedef struct {
    const gf_str_table *symbols;  /* token id -> symbol (entry index = id) */
    gf_pair_table index;          /* (left, right) -> pair number */
    gf_bpe_pair *pairs;           /* (n_pairs) */
    size_t n_pairs, pairs_cap;
    int32_t *heap;                /* (heap_n) pair numbers, best first */
    size_t heap_n, heap_cap;
} gf_bpe_pairs;

/* symbols must outlive the statistics; its keys are the token symbols. */
void gf_bpe_pairs_init(gf_bpe_pairs *s, const gf_str_table *symbols);
void gf_bpe_pairs_free(gf_bpe_pairs *s);

/* count += delta for (left, right); when delta > 0, note that word (>= 0)
 * holds the pair. */
gf_status gf_bpe_pairs_add(gf_bpe_pairs *s, int32_t left, int32_t right, int64_t delta,
                           int32_t word, gf_error *err);

/* The pair to merge next (highest count, ties by merged symbol), or -1. */
int32_t gf_bpe_pairs_top(const gf_bpe_pairs *s);
/* Forget a pair's count and words (after merging it, or to block it). */
void gf_bpe_pairs_clear(gf_bpe_pairs *s, int32_t pair, int block);

#endif

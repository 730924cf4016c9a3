/* pair_table.h — a hash map from a pair of token ids to a non-negative int.
 *
 * Used for merge ranks ((left, right) -> rank) in the tokenizer and for pair
 * indices in the BPE trainer. Insert-only; not thread-safe for writers. */
#ifndef GF_PAIR_TABLE_H
#define GF_PAIR_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "gf_error.h"

typedef struct {
    uint64_t key;   /* left << 32 | right */
    int32_t value;  /* -1 = empty slot */
} gf_pair_slot;

typedef struct {
    gf_pair_slot *slots;  /* (n_slots), a power of two, at most half full */
    size_t n_slots;
    size_t count;
} gf_pair_table;

void gf_pair_table_init(gf_pair_table *t);
void gf_pair_table_free(gf_pair_table *t);

/* Value stored for (left, right), or -1. */
int32_t gf_pair_table_find(const gf_pair_table *t, int32_t left, int32_t right);
/* Store value (>= 0) for (left, right), replacing any earlier value. */
gf_status gf_pair_table_put(gf_pair_table *t, int32_t left, int32_t right, int32_t value,
                            gf_error *err);

#endif

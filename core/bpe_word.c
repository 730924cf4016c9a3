/* bpe_word.c — GPT-2's bpe() on one word with a heap (see bpe_word.h). */
#include "bpe_word.h"

#include <stdlib.h>
#include <string.h>

#include "tok_grow.h"

void gf_bpe_word_init(gf_bpe_word *w)
{
    memset(w, 0, sizeof *w);
}

void gf_bpe_word_free(gf_bpe_word *w)
{
    if (!w)
        return;
    free(w->prev);
    free(w->next);
    free(w->pending);
    free(w->heap);
    memset(w, 0, sizeof *w);
}

static gf_status bpe_word_reserve(gf_bpe_word *w, size_t n, gf_error *err)
{
    if (n <= w->cap)
        return GF_OK;
    size_t cap = w->cap;
    int32_t *prev = gf_tok_grow(w->prev, &cap, n, sizeof *prev);
    if (prev)
        w->prev = prev;
    cap = w->cap;
    int32_t *next = gf_tok_grow(w->next, &cap, n, sizeof *next);
    if (next)
        w->next = next;
    if (!prev || !next)
        return gf_error_set(err, GF_ERR_MEMORY, "tokenizer: out of memory (word of %zu bytes)",
                            n);
    w->cap = cap;
    return GF_OK;
}

/* Heap order: lower rank first, then leftmost position. */
static int bpe_before(gf_bpe_candidate a, gf_bpe_candidate b)
{
    return a.rank < b.rank || (a.rank == b.rank && a.pos < b.pos);
}

static int bpe_heap_push(gf_bpe_word *w, gf_bpe_candidate c)
{
    gf_bpe_candidate *heap = gf_tok_grow(w->heap, &w->heap_cap, w->heap_n + 1, sizeof *heap);
    if (!heap)
        return 0;
    w->heap = heap;
    size_t i = w->heap_n++;
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (!bpe_before(c, w->heap[parent]))
            break;
        w->heap[i] = w->heap[parent];
        i = parent;
    }
    w->heap[i] = c;
    return 1;
}

static gf_bpe_candidate bpe_heap_pop(gf_bpe_word *w)
{
    gf_bpe_candidate top = w->heap[0];
    gf_bpe_candidate last = w->heap[--w->heap_n];
    size_t n = w->heap_n, i = 0;
    for (;;) {
        size_t child = 2 * i + 1;
        if (child >= n)
            break;
        if (child + 1 < n && bpe_before(w->heap[child + 1], w->heap[child]))
            child++;
        if (!bpe_before(w->heap[child], last))
            break;
        w->heap[i] = w->heap[child];
        i = child;
    }
    if (n > 0)
        w->heap[i] = last;
    return top;
}

/* Queue the pair starting at live position p, if it has a rank; 0 when
 * out of memory. */
static int bpe_queue_pair(gf_bpe_word *w, const gf_pair_table *ranks, const int32_t *ids,
                          int32_t p)
{
    int32_t q = w->next[p];
    if (q < 0)
        return 1;
    int32_t rank = gf_pair_table_find(ranks, ids[p], ids[q]);
    return rank < 0 || bpe_heap_push(w, (gf_bpe_candidate){rank, p});
}

static gf_status bpe_word_no_memory(size_t len, gf_error *err)
{
    return gf_error_set(err, GF_ERR_MEMORY, "tokenizer: out of memory (word of %zu bytes)",
                        len);
}

gf_status gf_bpe_word_merge(gf_bpe_word *w, const gf_pair_table *ranks, const int32_t *merges,
                            int32_t *ids, size_t *n, gf_error *err)
{
    size_t len = *n;
    if (len < 2)
        return GF_OK;
    if (len >= INT32_MAX)
        return gf_error_set(err, GF_ERR_RANGE, "tokenizer: word of %zu bytes is too long", len);
    gf_status st = bpe_word_reserve(w, len, err);
    if (st != GF_OK)
        return st;
    w->heap_n = 0;
    for (size_t i = 0; i < len; i++) {
        w->prev[i] = (int32_t)i - 1;
        w->next[i] = i + 1 < len ? (int32_t)i + 1 : -1;
    }
    for (size_t i = 0; i + 1 < len; i++)
        if (!bpe_queue_pair(w, ranks, ids, (int32_t)i))
            return bpe_word_no_memory(len, err);
    /* One round per rank: merge every occurrence of the best pair, left to
     * right, and only then look at the pairs those merges created. Dead
     * positions hold id -1; stale heap entries are skipped when popped. */
    while (w->heap_n > 0) {
        int32_t rank = w->heap[0].rank;
        const int32_t *m = merges + 3 * (size_t)rank;
        size_t n_pending = 0;
        while (w->heap_n > 0 && w->heap[0].rank == rank) {
            int32_t p = bpe_heap_pop(w).pos;
            int32_t q = w->next[p];
            if (ids[p] != m[0] || q < 0 || ids[q] != m[1])
                continue;
            int32_t *pending = gf_tok_grow(w->pending, &w->pending_cap, n_pending + 2,
                                           sizeof *pending);
            if (!pending)
                return bpe_word_no_memory(len, err);
            w->pending = pending;
            ids[p] = m[2];
            ids[q] = -1;
            w->next[p] = w->next[q];
            if (w->next[q] >= 0)
                w->prev[w->next[q]] = p;
            if (w->prev[p] >= 0)
                w->pending[n_pending++] = w->prev[p];
            w->pending[n_pending++] = p;
        }
        for (size_t i = 0; i < n_pending; i++)
            if (ids[w->pending[i]] >= 0 && !bpe_queue_pair(w, ranks, ids, w->pending[i]))
                return bpe_word_no_memory(len, err);
    }
    size_t out = 0;
    for (size_t i = 0; i < len; i++)
        if (ids[i] >= 0)
            ids[out++] = ids[i];
    *n = out;
    return GF_OK;
}

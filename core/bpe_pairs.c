/* bpe_pairs.c — pair counts with an indexed max-heap (see bpe_pairs.h). */
#include "bpe_pairs.h"

#include <stdlib.h>
#include <string.h>

#include "tok_grow.h"

void gf_bpe_pairs_init(gf_bpe_pairs *s, const gf_str_table *symbols)
{
    memset(s, 0, sizeof *s);
    s->symbols = symbols;
    gf_pair_table_init(&s->index);
}

void gf_bpe_pairs_free(gf_bpe_pairs *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n_pairs; i++)
        free(s->pairs[i].words);
    free(s->pairs);
    free(s->heap);
    gf_pair_table_free(&s->index);
    memset(s, 0, sizeof *s);
}

/* Byte i of the concatenation a ++ b (lengths na, nb). */
static unsigned char bpe_pairs_byte_at(const char *a, size_t na, const char *b, size_t i)
{
    return (unsigned char)(i < na ? a[i] : b[i - na]);
}

/* Compare the merged symbols of two pairs bytewise; equal strings are
 * ordered by the shorter left part first, so the order is total. */
static int bpe_pairs_symbol_cmp(const gf_bpe_pairs *s, const gf_bpe_pair *x,
                                const gf_bpe_pair *y)
{
    size_t xl, xr, yl, yr;
    const char *xa = gf_str_table_key(s->symbols, (size_t)x->left, &xl);
    const char *xb = gf_str_table_key(s->symbols, (size_t)x->right, &xr);
    const char *ya = gf_str_table_key(s->symbols, (size_t)y->left, &yl);
    const char *yb = gf_str_table_key(s->symbols, (size_t)y->right, &yr);
    size_t nx = xl + xr, ny = yl + yr, n = nx < ny ? nx : ny;
    for (size_t i = 0; i < n; i++) {
        unsigned char cx = bpe_pairs_byte_at(xa, xl, xb, i);
        unsigned char cy = bpe_pairs_byte_at(ya, yl, yb, i);
        if (cx != cy)
            return cx < cy ? -1 : 1;
    }
    if (nx != ny)
        return nx < ny ? -1 : 1;
    return xl < yl ? -1 : xl > yl ? 1 : 0;
}

/* Does pair a belong above pair b in the heap? */
static int bpe_pairs_better(const gf_bpe_pairs *s, int32_t a, int32_t b)
{
    const gf_bpe_pair *x = &s->pairs[a], *y = &s->pairs[b];
    if (x->count != y->count)
        return x->count > y->count;
    return bpe_pairs_symbol_cmp(s, x, y) < 0;
}

static void bpe_pairs_place(gf_bpe_pairs *s, size_t i, int32_t pair)
{
    s->heap[i] = pair;
    s->pairs[pair].heap_pos = (int32_t)i;
}

static void bpe_pairs_sift_up(gf_bpe_pairs *s, size_t i)
{
    int32_t pair = s->heap[i];
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (!bpe_pairs_better(s, pair, s->heap[parent]))
            break;
        bpe_pairs_place(s, i, s->heap[parent]);
        i = parent;
    }
    bpe_pairs_place(s, i, pair);
}

static void bpe_pairs_sift_down(gf_bpe_pairs *s, size_t i)
{
    int32_t pair = s->heap[i];
    for (;;) {
        size_t child = 2 * i + 1;
        if (child >= s->heap_n)
            break;
        if (child + 1 < s->heap_n && bpe_pairs_better(s, s->heap[child + 1], s->heap[child]))
            child++;
        if (!bpe_pairs_better(s, s->heap[child], pair))
            break;
        bpe_pairs_place(s, i, s->heap[child]);
        i = child;
    }
    bpe_pairs_place(s, i, pair);
}

static void bpe_pairs_heap_remove(gf_bpe_pairs *s, int32_t pair)
{
    int32_t pos = s->pairs[pair].heap_pos;
    if (pos < 0)
        return;
    s->pairs[pair].heap_pos = -1;
    int32_t last = s->heap[--s->heap_n];
    if ((size_t)pos == s->heap_n)
        return;
    bpe_pairs_place(s, (size_t)pos, last);
    bpe_pairs_sift_up(s, (size_t)pos);
    bpe_pairs_sift_down(s, (size_t)s->pairs[last].heap_pos);
}

/* Pair number of (left, right), creating it with count 0 if new. */
static gf_status bpe_pairs_get(gf_bpe_pairs *s, int32_t left, int32_t right, int32_t *pair,
                               gf_error *err)
{
    *pair = gf_pair_table_find(&s->index, left, right);
    if (*pair >= 0)
        return GF_OK;
    if (s->n_pairs >= INT32_MAX)
        return gf_error_set(err, GF_ERR_RANGE, "BPE training: too many distinct pairs");
    gf_bpe_pair *pairs = gf_tok_grow(s->pairs, &s->pairs_cap, s->n_pairs + 1, sizeof *pairs);
    int32_t *heap = gf_tok_grow(s->heap, &s->heap_cap, s->n_pairs + 1, sizeof *heap);
    if (pairs)
        s->pairs = pairs;
    if (heap)
        s->heap = heap;
    if (!pairs || !heap)
        return gf_error_set(err, GF_ERR_MEMORY, "BPE training: out of memory (%zu pairs)",
                            s->n_pairs + 1);
    gf_status st = gf_pair_table_put(&s->index, left, right, (int32_t)s->n_pairs, err);
    if (st != GF_OK)
        return st;
    gf_bpe_pair *p = &s->pairs[s->n_pairs];
    memset(p, 0, sizeof *p);
    p->left = left;
    p->right = right;
    p->heap_pos = -1;
    *pair = (int32_t)s->n_pairs++;
    return GF_OK;
}

gf_status gf_bpe_pairs_add(gf_bpe_pairs *s, int32_t left, int32_t right, int64_t delta,
                           int32_t word, gf_error *err)
{
    int32_t pair;
    gf_status st = bpe_pairs_get(s, left, right, &pair, err);
    if (st != GF_OK)
        return st;
    gf_bpe_pair *p = &s->pairs[pair];
    if (delta > 0 && word >= 0 && (p->n_words == 0 || p->words[p->n_words - 1] != word)) {
        int32_t *words = gf_tok_grow(p->words, &p->words_cap, p->n_words + 1, sizeof *words);
        if (!words)
            return gf_error_set(err, GF_ERR_MEMORY, "BPE training: out of memory (word lists)");
        p->words = words;
        p->words[p->n_words++] = word;
    }
    p->count += delta;
    if (p->blocked)
        return GF_OK;
    if (p->count <= 0) {
        bpe_pairs_heap_remove(s, pair);
    } else if (p->heap_pos < 0) {
        s->heap[s->heap_n] = pair; /* heap_cap >= n_pairs */
        p->heap_pos = (int32_t)s->heap_n++;
        bpe_pairs_sift_up(s, (size_t)p->heap_pos);
    } else if (delta > 0) {
        bpe_pairs_sift_up(s, (size_t)p->heap_pos);
    } else if (delta < 0) {
        bpe_pairs_sift_down(s, (size_t)p->heap_pos);
    }
    return GF_OK;
}

int32_t gf_bpe_pairs_top(const gf_bpe_pairs *s)
{
    return s->heap_n > 0 ? s->heap[0] : -1;
}

void gf_bpe_pairs_clear(gf_bpe_pairs *s, int32_t pair, int block)
{
    gf_bpe_pair *p = &s->pairs[pair];
    bpe_pairs_heap_remove(s, pair);
    p->count = 0;
    free(p->words);
    p->words = NULL;
    p->n_words = p->words_cap = 0;
    if (block)
        p->blocked = 1;
}

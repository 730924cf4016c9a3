/* pair_table.c — open-addressing map (id, id) -> int (see pair_table.h). */
#include "pair_table.h"

#include <stdlib.h>
#include <string.h>

static uint64_t pair_table_key(int32_t left, int32_t right)
{
    return ((uint64_t)(uint32_t)left << 32) | (uint32_t)right;
}

/* splitmix64's finalizer: spreads nearby ids over the whole table. */
static uint64_t pair_table_hash(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    x ^= x >> 31;
    return x;
}

void gf_pair_table_init(gf_pair_table *t)
{
    memset(t, 0, sizeof *t);
}

void gf_pair_table_free(gf_pair_table *t)
{
    if (!t)
        return;
    free(t->slots);
    memset(t, 0, sizeof *t);
}

static size_t pair_table_probe(const gf_pair_slot *slots, size_t n_slots, uint64_t key)
{
    size_t mask = n_slots - 1;
    size_t s = (size_t)pair_table_hash(key) & mask;
    while (slots[s].value >= 0 && slots[s].key != key)
        s = (s + 1) & mask;
    return s;
}

int32_t gf_pair_table_find(const gf_pair_table *t, int32_t left, int32_t right)
{
    if (t->n_slots == 0)
        return -1;
    return t->slots[pair_table_probe(t->slots, t->n_slots, pair_table_key(left, right))].value;
}

static gf_status pair_table_grow(gf_pair_table *t, gf_error *err)
{
    size_t n = t->n_slots ? t->n_slots * 2 : 64;
    gf_pair_slot *slots = malloc(n * sizeof *slots);
    if (!slots || n > SIZE_MAX / sizeof *slots) {
        free(slots);
        return gf_error_set(err, GF_ERR_MEMORY, "pair table: out of memory (%zu slots)", n);
    }
    for (size_t i = 0; i < n; i++)
        slots[i].value = -1;
    for (size_t i = 0; i < t->n_slots; i++)
        if (t->slots[i].value >= 0)
            slots[pair_table_probe(slots, n, t->slots[i].key)] = t->slots[i];
    free(t->slots);
    t->slots = slots;
    t->n_slots = n;
    return GF_OK;
}

gf_status gf_pair_table_put(gf_pair_table *t, int32_t left, int32_t right, int32_t value,
                            gf_error *err)
{
    if (value < 0)
        return gf_error_set(err, GF_ERR_ARGUMENT, "pair table: negative value %d", (int)value);
    if ((t->count + 1) * 2 > t->n_slots) {
        gf_status st = pair_table_grow(t, err);
        if (st != GF_OK)
            return st;
    }
    uint64_t key = pair_table_key(left, right);
    gf_pair_slot *slot = &t->slots[pair_table_probe(t->slots, t->n_slots, key)];
    if (slot->value < 0)
        t->count++;
    slot->key = key;
    slot->value = value;
    return GF_OK;
}

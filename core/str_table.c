/* str_table.c — open-addressing hash map from byte strings to dense indices
 * (see str_table.h). Linear probing over a power-of-two slot array kept at
 * most half full. */
#include "str_table.h"

#include <stdlib.h>
#include <string.h>

#include "tok_grow.h"

/* FNV-1a, 32 bits. */
static uint32_t str_table_hash(const char *key, size_t length)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < length; i++) {
        h ^= (unsigned char)key[i];
        h *= 16777619u;
    }
    return h;
}

void gf_str_table_init(gf_str_table *t)
{
    memset(t, 0, sizeof *t);
}

void gf_str_table_free(gf_str_table *t)
{
    if (!t)
        return;
    free(t->pool);
    free(t->entries);
    free(t->slots);
    memset(t, 0, sizeof *t);
}

/* Slot holding key, or the empty slot where it would go. */
static size_t str_table_probe(const gf_str_table *t, const char *key, size_t length,
                              uint32_t hash)
{
    size_t mask = t->n_slots - 1;
    size_t s = hash & mask;
    for (;;) {
        uint32_t slot = t->slots[s];
        if (slot == 0)
            return s;
        const gf_str_entry *e = &t->entries[slot - 1];
        if (e->hash == hash && e->key_len == length &&
            memcmp(t->pool + e->key_off, key, length) == 0)
            return s;
        s = (s + 1) & mask;
    }
}

long gf_str_table_find(const gf_str_table *t, const char *key, size_t length)
{
    if (t->n_slots == 0 || length > UINT32_MAX)
        return -1;
    uint32_t slot = t->slots[str_table_probe(t, key, length, str_table_hash(key, length))];
    return slot ? (long)slot - 1 : -1;
}

/* Double the slot array and re-insert every entry. */
static gf_status str_table_grow_slots(gf_str_table *t, gf_error *err)
{
    size_t n = t->n_slots ? t->n_slots * 2 : 64;
    uint32_t *slots = calloc(n, sizeof *slots);
    if (!slots)
        return gf_error_set(err, GF_ERR_MEMORY, "string table: out of memory (%zu slots)", n);
    free(t->slots);
    t->slots = slots;
    t->n_slots = n;
    for (size_t i = 0; i < t->count; i++) {
        size_t s = t->entries[i].hash & (n - 1);
        while (slots[s])
            s = (s + 1) & (n - 1);
        slots[s] = (uint32_t)(i + 1);
    }
    return GF_OK;
}

gf_status gf_str_table_intern(gf_str_table *t, const char *key, size_t length,
                              size_t *index, int *inserted, gf_error *err)
{
    if (length >= UINT32_MAX)
        return gf_error_set(err, GF_ERR_RANGE, "string table: key of %zu bytes is too long",
                            length);
    uint32_t hash = str_table_hash(key, length);
    if (t->n_slots) {
        uint32_t slot = t->slots[str_table_probe(t, key, length, hash)];
        if (slot) {
            *index = slot - 1;
            if (inserted)
                *inserted = 0;
            return GF_OK;
        }
    }
    if (t->count >= GF_STR_TABLE_MAX_KEYS)
        return gf_error_set(err, GF_ERR_RANGE, "string table: more than %u keys",
                            GF_STR_TABLE_MAX_KEYS);
    if ((t->count + 1) * 2 > t->n_slots) {
        gf_status st = str_table_grow_slots(t, err);
        if (st != GF_OK)
            return st;
    }
    char *pool = gf_tok_grow(t->pool, &t->pool_cap, t->pool_len + length + 1, 1);
    if (pool)
        t->pool = pool;
    gf_str_entry *entries =
        gf_tok_grow(t->entries, &t->entries_cap, t->count + 1, sizeof *t->entries);
    if (entries)
        t->entries = entries;
    if (!pool || !entries)
        return gf_error_set(err, GF_ERR_MEMORY, "string table: out of memory (%zu keys)",
                            t->count + 1);
    gf_str_entry *e = &t->entries[t->count];
    e->key_off = t->pool_len;
    e->key_len = (uint32_t)length;
    e->hash = hash;
    e->value = 0;
    if (length)
        memcpy(t->pool + t->pool_len, key, length);
    t->pool[t->pool_len + length] = '\0';
    t->pool_len += length + 1;
    t->slots[str_table_probe(t, key, length, hash)] = (uint32_t)(t->count + 1);
    *index = t->count++;
    if (inserted)
        *inserted = 1;
    return GF_OK;
}

size_t gf_str_table_count(const gf_str_table *t)
{
    return t->count;
}

const char *gf_str_table_key(const gf_str_table *t, size_t index, size_t *length)
{
    const gf_str_entry *e = &t->entries[index];
    if (length)
        *length = e->key_len;
    return t->pool + e->key_off;
}

int64_t gf_str_table_get(const gf_str_table *t, size_t index)
{
    return t->entries[index].value;
}

void gf_str_table_set(gf_str_table *t, size_t index, int64_t value)
{
    t->entries[index].value = value;
}

/* str_table.h — a hash map from byte strings to dense indices.
 *
 * Every distinct key gets the next index (0, 1, 2, ... in insertion order)
 * and one int64 value (0 at insertion). Keys are copied into the table's own
 * pool and kept NUL-terminated. Used for vocab symbols, the encoder's word
 * cache and the trainer's word counts. Not thread-safe for writers. */
#ifndef GF_STR_TABLE_H
#define GF_STR_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "gf_error.h"

#define GF_STR_TABLE_MAX_KEYS (1u << 30)

typedef struct {
    size_t key_off;   /* into pool */
    uint32_t key_len;
    uint32_t hash;
    int64_t value;
} gf_str_entry;

typedef struct {
    char *pool;             /* (pool_len) keys, each followed by a NUL */
    size_t pool_len, pool_cap;
    gf_str_entry *entries;  /* (count) in insertion order */
    size_t count, entries_cap;
    uint32_t *slots;        /* (n_slots) entry index + 1, 0 = empty */
    size_t n_slots;         /* 0 or a power of two */
} gf_str_table;

void gf_str_table_init(gf_str_table *t);
void gf_str_table_free(gf_str_table *t);

/* Index of key[0..length), or -1. */
long gf_str_table_find(const gf_str_table *t, const char *key, size_t length);
/* Index of key[0..length), adding it if absent (*inserted, if given, says
 * which). Fails only on memory or size limits. key must not point into the
 * table's own pool (it may move). */
gf_status gf_str_table_intern(gf_str_table *t, const char *key, size_t length,
                              size_t *index, int *inserted, gf_error *err);

size_t gf_str_table_count(const gf_str_table *t);
/* The key with this index (NUL-terminated; valid until the next intern). */
const char *gf_str_table_key(const gf_str_table *t, size_t index, size_t *length);
int64_t gf_str_table_get(const gf_str_table *t, size_t index);
void gf_str_table_set(gf_str_table *t, size_t index, int64_t value);

#endif

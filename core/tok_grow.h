/* tok_grow.h — growing a malloc'ed array geometrically, with overflow checks.
 * Shared by the tokenizer, its tables and the BPE trainer. */
#ifndef GF_TOK_GROW_H
#define GF_TOK_GROW_H

#include <stddef.h>

/* Ensure buf (with *cap elements of elem bytes) holds at least need elements.
 * Returns the (possibly moved) buffer and updates *cap, or returns NULL on
 * overflow / out of memory, leaving buf and *cap untouched. */
void *gf_tok_grow(void *buf, size_t *cap, size_t need, size_t elem);

#endif

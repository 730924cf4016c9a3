/* tokenizer_internal.h — the tokenizer's insides, shared by tokenizer.c
 * (encode/decode), tokenizer_io.c (vocab.json/merges.txt) and bpe_train.c.
 * Not part of the public API.
 *
 * A tokenizer is built in three steps: gf_tokenizer_create, then
 * gf_tokenizer_add_symbol for every vocab entry and gf_tokenizer_finish_vocab,
 * then gf_tokenizer_add_merge for every merge in rank order. `where` names
 * the source in error messages ("model/vocab.json", "model/merges.txt:12").
 *
 * Once built, a tokenizer is read-only: encode and decode may run on one
 * tokenizer from several threads at once (each encode call allocates its own
 * PCRE2 match data, word cache and scratch). */
#ifndef GF_TOKENIZER_INTERNAL_H
#define GF_TOKENIZER_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "gf_error.h"
#include "pair_table.h"
#include "pretokenize.h"
#include "str_table.h"
#include "tokenizer.h"

#define GF_TOKENIZER_MAX_ID (1 << 21)          /* ids are < 2^21 */
#define GF_TOKENIZER_MAX_SYMBOL 65536u         /* bytes in one vocab symbol */
#define GF_TOKENIZER_MAX_FILE (64u * 1024u * 1024u) /* vocab.json, merges.txt */
#define GF_TOKENIZER_EOT "<|endoftext|>"

struct gf_tokenizer {
    int n_ids;               /* largest id + 1 */
    gf_str_table symbols;    /* vocab.json symbol -> id (the entry's value) */
    int32_t *symbol_index;   /* (n_ids) entry index in symbols, -1 if id unused */
    char *bytes;             /* raw bytes of all tokens, back to back */
    size_t *bytes_off;       /* (n_ids + 1) token i is bytes[off[i] .. off[i+1]) */
    int32_t byte_ids[256];   /* id of each single-byte token, -1 if absent */
    int n_merges;
    int32_t *merges;         /* (n_merges, 3) left id, right id, merged id */
    size_t merges_cap;       /* in merges, not ints */
    gf_pair_table ranks;     /* (left id, right id) -> rank */
    int32_t eot;             /* id of "<|endoftext|>", or -1 */
    gf_pretok *pretok;       /* GPT-2's split pattern, compiled once */
};

gf_status gf_tokenizer_create(gf_tokenizer **out, gf_error *err);
/* A vocab entry: symbol[0..length) in GPT-2's byte-mapped form, id in
 * 0..2^21-1. Symbols must be unique, non-empty, valid UTF-8 of mapped
 * characters. */
gf_status gf_tokenizer_add_symbol(gf_tokenizer *tok, const char *symbol, size_t length,
                                  int64_t id, const char *where, gf_error *err);
/* Checks ids are unique and builds the id -> bytes tables. */
gf_status gf_tokenizer_finish_vocab(gf_tokenizer *tok, const char *where, gf_error *err);
/* The next merge (rank = merges so far): both sides and their
 * concatenation must be vocab symbols, and the pair must be new. */
gf_status gf_tokenizer_add_merge(gf_tokenizer *tok, const char *left, size_t left_length,
                                 const char *right, size_t right_length, const char *where,
                                 gf_error *err);

/* Quote a symbol for an error message: at most ~40 bytes, cut at a character
 * boundary, control and invalid bytes shown as '?'. Returns buf. */
const char *gf_tokenizer_quote(const char *symbol, size_t length, char *buf, size_t size);

#endif

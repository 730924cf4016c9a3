/* tokenizer.h — GPT-2 byte-level BPE: text <-> token ids.
 *
 * encode: split the text with GPT-2's pattern
 *   's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
 * (PCRE2, Unicode properties), map each piece's bytes to printable
 * characters with GPT-2's byte↔unicode table, then apply the merges from
 * merges.txt lowest rank first, and look the resulting symbols up in
 * vocab.json. decode reverses the byte mapping. */
#ifndef GF_TOKENIZER_H
#define GF_TOKENIZER_H

#include <stddef.h>
#include <stdint.h>

#include "file_io.h"
#include "gf_error.h"

typedef struct gf_tokenizer gf_tokenizer;

#define GF_TOKENIZER_MAX_TEXT (64u * 1024u * 1024u)

/* Load vocab.json + merges.txt (GPT-2 format, "#version" line optional). */
gf_status gf_tokenizer_load(gf_tokenizer **out, const char *vocab_path,
                            const char *merges_path, gf_error *err);
/* The same from the two files' text in memory; the sources name them in
 * messages. */
gf_status gf_tokenizer_parse(gf_tokenizer **out, const char *vocab, size_t vocab_length,
                             const char *vocab_source, const char *merges, size_t merges_length,
                             const char *merges_source, gf_error *err);
/* A tokenizer with the 256 byte tokens (ids 0..255 in GPT-2's byte order),
 * no merges, and "<|endoftext|>" as id 256. */
gf_status gf_tokenizer_new_byte_level(gf_tokenizer **out, gf_error *err);
void gf_tokenizer_free(gf_tokenizer *tok);

/* Write vocab.json and merges.txt into dir (which must exist), both or
 * neither (each through a temporary file; see file_io.h). */
gf_status gf_tokenizer_save(const gf_tokenizer *tok, const char *dir, gf_error *err);
/* The text of vocab.json and of merges.txt, into two begun writers (for a
 * caller that commits them together with other files). */
void gf_tokenizer_write(const gf_tokenizer *tok, gf_file_out *vocab, gf_file_out *merges);

int gf_tokenizer_vocab_size(const gf_tokenizer *tok);  /* largest id + 1   */
int32_t gf_tokenizer_eot(const gf_tokenizer *tok);     /* <|endoftext|> or -1 */

/* Text must be valid UTF-8 (else GF_ERR_UTF8). *ids is malloc'ed. */
gf_status gf_tokenizer_encode(const gf_tokenizer *tok, const char *text, size_t length,
                              int32_t **ids, int *n_ids, gf_error *err);
/* Bytes of the concatenated tokens (may end inside a UTF-8 sequence);
 * *text is malloc'ed and NUL-terminated. Unknown ids give GF_ERR_RANGE. */
gf_status gf_tokenizer_decode(const gf_tokenizer *tok, const int32_t *ids, int n_ids,
                              char **text, size_t *length, gf_error *err);
/* The raw bytes one token stands for (not NUL-terminated), or NULL. */
const char *gf_tokenizer_token_bytes(const gf_tokenizer *tok, int32_t id, size_t *length);
/* The token as written in vocab.json (byte-mapped, e.g. "Ġking"), or NULL. */
const char *gf_tokenizer_token_symbol(const gf_tokenizer *tok, int32_t id);
/* Id of a vocab.json symbol, or -1. */
int32_t gf_tokenizer_lookup(const gf_tokenizer *tok, const char *symbol);

/* Merges in rank order, for lessons that replay them. */
int gf_tokenizer_merge_count(const gf_tokenizer *tok);
void gf_tokenizer_merge(const gf_tokenizer *tok, int rank, const char **left,
                        const char **right);

/* Validate UTF-8; on failure *bad_offset is the first bad byte. */
int gf_utf8_valid(const char *text, size_t length, size_t *bad_offset);

#endif

/* pretokenize.h — GPT-2's pre-split of text into pieces ("words").
 *
 * The pattern is GPT-2's
 *   's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
 * run with PCRE2 (UTF + UCP). \s is spelled out as Unicode White_Space, the
 * set Python's `regex` module (which GPT-2's encoder.py uses) matches;
 * PCRE2's own \s would also match U+180E. BPE merges never cross pieces.
 *
 * A gf_pretok holds only the compiled pattern and is read-only after
 * creation, so one may be shared by threads; each split call allocates its
 * own PCRE2 match data. */
#ifndef GF_PRETOKENIZE_H
#define GF_PRETOKENIZE_H

#include <stddef.h>

#include "gf_error.h"

typedef struct gf_pretok gf_pretok;

/* Called for each piece text[start .. start+length), in order; a status other
 * than GF_OK stops the split and is returned by gf_pretok_split. */
typedef gf_status (*gf_pretok_fn)(void *user, const char *text, size_t start, size_t length,
                                  gf_error *err);

gf_status gf_pretok_new(gf_pretok **out, gf_error *err);
void gf_pretok_free(gf_pretok *p);

/* Split text, which the caller has checked is valid UTF-8 (gf_utf8_valid).
 * The pieces cover the text exactly, without gaps. */
gf_status gf_pretok_split(const gf_pretok *p, const char *text, size_t length,
                          gf_pretok_fn fn, void *user, gf_error *err);

#endif

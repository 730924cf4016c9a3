/* tok_utf8.h — strict UTF-8 decoding and encoding for the tokenizer.
 *
 * "Strict" means what PCRE2 and Python accept: no overlong forms, no
 * surrogates (U+D800..U+DFFF), nothing above U+10FFFF. gf_utf8_valid itself
 * is declared in tokenizer.h. */
#ifndef GF_TOK_UTF8_H
#define GF_TOK_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decode one code point at text[0..length). Returns its byte count (1..4),
 * or 0 if the bytes there are not valid UTF-8 (or length is 0). */
size_t gf_tok_utf8_decode(const char *text, size_t length, uint32_t *codepoint);

/* Write the UTF-8 of codepoint (<= U+10FFFF, not a surrogate) into out
 * (room for 4 bytes); returns the byte count, 0 if codepoint is invalid. */
size_t gf_tok_utf8_encode(uint32_t codepoint, char *out);

#endif

/* byte_unicode.h — GPT-2's byte <-> unicode table (bytes_to_unicode()).
 *
 * GPT-2 writes every byte as one printable character so that vocab.json and
 * merges.txt are plain text: the 188 printable bytes '!'..'~', '¡'..'¬',
 * '®'..'ÿ' stand for themselves, and the other 68 bytes (control codes,
 * space, 0x7F..0xA0, 0xAD) become U+0100..U+0143 in increasing byte order,
 * so a space is 'Ġ' (U+0120) and a newline 'Ċ' (U+010A).
 *
 * The "rank" of a byte is its position in that table (printable bytes first);
 * it is the byte's id in GPT-2's vocab.json and in our byte-level tokenizer. */
#ifndef GF_BYTE_UNICODE_H
#define GF_BYTE_UNICODE_H

#include <stddef.h>
#include <stdint.h>

#define GF_BYTE_UNICODE_PRINTABLE 188 /* bytes that stand for themselves */

/* Code point that displays byte b. */
uint32_t gf_byte_unicode_codepoint(uint8_t b);
/* Byte displayed by code point cp, or -1 if cp is not in the table. */
int gf_byte_unicode_byte(uint32_t cp);
/* Position of byte b in GPT-2's order (0..255). */
int gf_byte_unicode_rank(uint8_t b);
/* The byte at position rank (0..255) in GPT-2's order. */
uint8_t gf_byte_unicode_at_rank(int rank);

/* Write the displayed form of bytes[0..n) as UTF-8 into out, which needs
 * room for 2*n bytes; returns the number of bytes written (no NUL). */
size_t gf_byte_unicode_encode(const uint8_t *bytes, size_t n, char *out);
/* Turn a displayed symbol (UTF-8, symbol[0..length)) back into raw bytes;
 * out needs room for length bytes. Returns the byte count, or -1 if the
 * symbol is not valid UTF-8 made of table characters, with *bad_offset set
 * to the offending position. */
long gf_byte_unicode_decode(const char *symbol, size_t length, uint8_t *out,
                            size_t *bad_offset);

#endif

/* cli_text.h — showing bytes as text: a token's bytes as a JSON-style quoted
 * string, and a UTF-8 stream that never writes half a character. */
#ifndef CLI_TEXT_H
#define CLI_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "tokenizer.h"

/* Length (1..4) of the complete, valid UTF-8 character at s[0..n); 0 when
 * s[0] cannot start a valid character here (bad lead byte, overlong form,
 * surrogate, or a broken sequence); -1 when s[0..n) is a valid but
 * incomplete start (more bytes are needed). n must be >= 1. */
int cli_utf8_char(const unsigned char *s, size_t n);

/* Write bytes as "…": \" \\ \n \t \r \b \f, other control characters as
 * \u00XX, valid UTF-8 characters as themselves, any other byte as \xNN. */
void cli_quote_bytes(FILE *out, const char *bytes, size_t n);

/* Token id's bytes quoted as above; "" for an id the vocabulary lacks. */
void cli_quote_token(FILE *out, const gf_tokenizer *tok, int32_t id);

/* Bytes arrive in arbitrary pieces (one token at a time); whole characters
 * leave. A byte that can never become part of a valid character is shown as
 * U+FFFD, so the output is always valid UTF-8. */
typedef struct {
    unsigned char held[4];   /* a valid but incomplete character's start   */
    int n_held;
} cli_utf8_stream;

void cli_utf8_stream_init(cli_utf8_stream *s);
void cli_utf8_stream_write(cli_utf8_stream *s, FILE *out, const char *bytes, size_t n);
/* End of text: an incomplete character left over is written as U+FFFD. */
void cli_utf8_stream_finish(cli_utf8_stream *s, FILE *out);

#endif

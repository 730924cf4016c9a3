/* cli_text.c — quoting token bytes and streaming UTF-8 (see cli_text.h). */
#include "cli_text.h"

#include <string.h>

#define CLI_REPLACEMENT "\xEF\xBF\xBD"   /* U+FFFD in UTF-8 */

int cli_utf8_char(const unsigned char *s, size_t n)
{
    const unsigned b0 = s[0];
    int need;
    unsigned lo = 0x80, hi = 0xBF;       /* allowed range of the second byte */
    if (b0 < 0x80)
        return 1;
    if (b0 < 0xC2)                       /* continuation byte or overlong C0/C1 */
        return 0;
    if (b0 < 0xE0) {
        need = 2;
    } else if (b0 < 0xF0) {
        need = 3;
        if (b0 == 0xE0) lo = 0xA0;       /* no overlong 3-byte forms */
        if (b0 == 0xED) hi = 0x9F;       /* no surrogates            */
    } else if (b0 < 0xF5) {
        need = 4;
        if (b0 == 0xF0) lo = 0x90;       /* no overlong 4-byte forms */
        if (b0 == 0xF4) hi = 0x8F;       /* nothing above U+10FFFF   */
    } else {
        return 0;
    }
    for (int k = 1; k < need; k++) {
        if ((size_t)k >= n)
            return -1;
        unsigned b = s[k];
        if (b < (k == 1 ? lo : 0x80u) || b > (k == 1 ? hi : 0xBFu))
            return 0;
    }
    return need;
}

/* One ASCII byte inside quotes. */
static void cli_quote_ascii(FILE *out, unsigned char c)
{
    switch (c) {
    case '"': fputs("\\\"", out); return;
    case '\\': fputs("\\\\", out); return;
    case '\n': fputs("\\n", out); return;
    case '\t': fputs("\\t", out); return;
    case '\r': fputs("\\r", out); return;
    case '\b': fputs("\\b", out); return;
    case '\f': fputs("\\f", out); return;
    default: break;
    }
    if (c < 0x20 || c == 0x7f)
        fprintf(out, "\\u%04x", c);
    else
        fputc(c, out);
}

void cli_quote_bytes(FILE *out, const char *bytes, size_t n)
{
    const unsigned char *p = (const unsigned char *)bytes;
    fputc('"', out);
    size_t i = 0;
    while (i < n) {
        int len = cli_utf8_char(p + i, n - i);
        if (len == 1) {
            cli_quote_ascii(out, p[i]);
        } else if (len == 2 && p[i] == 0xC2 && p[i + 1] < 0xA0) {
            fprintf(out, "\\u%04x", p[i + 1]);   /* C1 control U+0080..U+009F */
        } else if (len > 1) {
            fwrite(p + i, 1, (size_t)len, out);
        } else {
            fprintf(out, "\\x%02x", p[i]);
            len = 1;
        }
        i += (size_t)len;
    }
    fputc('"', out);
}

void cli_quote_token(FILE *out, const gf_tokenizer *tok, int32_t id)
{
    size_t len = 0;
    const char *bytes = gf_tokenizer_token_bytes(tok, id, &len);
    cli_quote_bytes(out, bytes ? bytes : "", bytes ? len : 0);
}

void cli_utf8_stream_init(cli_utf8_stream *s)
{
    memset(s, 0, sizeof *s);
}

/* Write every whole character at the front of held; stop at an incomplete one. */
static void cli_utf8_stream_drain(cli_utf8_stream *s, FILE *out)
{
    while (s->n_held > 0) {
        int len = cli_utf8_char(s->held, (size_t)s->n_held);
        if (len < 0)
            return;
        if (len == 0) {
            fputs(CLI_REPLACEMENT, out);
            len = 1;
        } else {
            fwrite(s->held, 1, (size_t)len, out);
        }
        s->n_held -= len;
        memmove(s->held, s->held + len, (size_t)s->n_held);
    }
}

void cli_utf8_stream_write(cli_utf8_stream *s, FILE *out, const char *bytes, size_t n)
{
    /* held never exceeds 3 bytes between calls (an incomplete character), so
     * one more byte always fits. */
    for (size_t i = 0; i < n; i++) {
        s->held[s->n_held++] = (unsigned char)bytes[i];
        cli_utf8_stream_drain(s, out);
    }
}

void cli_utf8_stream_finish(cli_utf8_stream *s, FILE *out)
{
    if (s->n_held > 0)
        fputs(CLI_REPLACEMENT, out);
    s->n_held = 0;
}

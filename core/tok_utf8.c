/* tok_utf8.c — strict UTF-8 decoding and encoding (see tok_utf8.h). */
#include "tok_utf8.h"

#include "tokenizer.h"

/* Is byte b a continuation byte (10xxxxxx)? */
static int utf8_is_cont(unsigned char b)
{
    return (b & 0xC0u) == 0x80u;
}

size_t gf_tok_utf8_decode(const char *text, size_t length, uint32_t *codepoint)
{
    const unsigned char *s = (const unsigned char *)text;
    if (length == 0)
        return 0;
    unsigned char b0 = s[0];
    size_t n;
    uint32_t cp, min;
    if (b0 < 0x80u) {
        *codepoint = b0;
        return 1;
    } else if (b0 >= 0xC2u && b0 <= 0xDFu) {
        n = 2, cp = b0 & 0x1Fu, min = 0x80u;
    } else if (b0 >= 0xE0u && b0 <= 0xEFu) {
        n = 3, cp = b0 & 0x0Fu, min = 0x800u;
    } else if (b0 >= 0xF0u && b0 <= 0xF4u) {
        n = 4, cp = b0 & 0x07u, min = 0x10000u;
    } else {
        return 0; /* continuation byte, 0xC0/0xC1 (overlong) or 0xF5.. */
    }
    if (length < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if (!utf8_is_cont(s[i]))
            return 0;
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFFu || (cp >= 0xD800u && cp <= 0xDFFFu))
        return 0;
    *codepoint = cp;
    return n;
}

size_t gf_tok_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80u) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800u) {
        o[0] = (unsigned char)(0xC0u | (cp >> 6));
        o[1] = (unsigned char)(0x80u | (cp & 0x3Fu));
        return 2;
    }
    if (cp >= 0xD800u && cp <= 0xDFFFu)
        return 0;
    if (cp < 0x10000u) {
        o[0] = (unsigned char)(0xE0u | (cp >> 12));
        o[1] = (unsigned char)(0x80u | ((cp >> 6) & 0x3Fu));
        o[2] = (unsigned char)(0x80u | (cp & 0x3Fu));
        return 3;
    }
    if (cp > 0x10FFFFu)
        return 0;
    o[0] = (unsigned char)(0xF0u | (cp >> 18));
    o[1] = (unsigned char)(0x80u | ((cp >> 12) & 0x3Fu));
    o[2] = (unsigned char)(0x80u | ((cp >> 6) & 0x3Fu));
    o[3] = (unsigned char)(0x80u | (cp & 0x3Fu));
    return 4;
}

int gf_utf8_valid(const char *text, size_t length, size_t *bad_offset)
{
    size_t i = 0;
    while (i < length) {
        if ((unsigned char)text[i] < 0x80u) { /* fast path for ASCII */
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = gf_tok_utf8_decode(text + i, length - i, &cp);
        if (n == 0) {
            if (bad_offset)
                *bad_offset = i;
            return 0;
        }
        i += n;
    }
    return 1;
}

/* byte_unicode.c — GPT-2's byte <-> unicode table, computed (see byte_unicode.h). */
#include "byte_unicode.h"

#include "tok_utf8.h"

/* The three printable ranges, in table order. */
static int byte_is_printable(unsigned b)
{
    return (b >= 0x21u && b <= 0x7Eu) || (b >= 0xA1u && b <= 0xACu) || b >= 0xAEu;
}

/* How many non-printable bytes come before non-printable byte b:
 * 0x00..0x20 are 0..32, 0x7F..0xA0 are 33..66, 0xAD is 67. */
static unsigned byte_hidden_index(unsigned b)
{
    if (b <= 0x20u)
        return b;
    if (b <= 0xA0u)
        return 33u + (b - 0x7Fu);
    return 67u;
}

static unsigned byte_hidden_at(unsigned index)
{
    if (index <= 32u)
        return index;
    if (index <= 66u)
        return 0x7Fu + (index - 33u);
    return 0xADu;
}

uint32_t gf_byte_unicode_codepoint(uint8_t b)
{
    return byte_is_printable(b) ? b : 256u + byte_hidden_index(b);
}

int gf_byte_unicode_byte(uint32_t cp)
{
    if (cp < 256u)
        return byte_is_printable(cp) ? (int)cp : -1;
    if (cp < 256u + (256u - GF_BYTE_UNICODE_PRINTABLE))
        return (int)byte_hidden_at(cp - 256u);
    return -1;
}

int gf_byte_unicode_rank(uint8_t b)
{
    if (b >= 0x21u && b <= 0x7Eu)
        return b - 0x21;
    if (b >= 0xA1u && b <= 0xACu)
        return 94 + (b - 0xA1);
    if (b >= 0xAEu)
        return 106 + (b - 0xAE);
    return GF_BYTE_UNICODE_PRINTABLE + (int)byte_hidden_index(b);
}

uint8_t gf_byte_unicode_at_rank(int rank)
{
    if (rank < 94)
        return (uint8_t)(0x21 + rank);
    if (rank < 106)
        return (uint8_t)(0xA1 + (rank - 94));
    if (rank < GF_BYTE_UNICODE_PRINTABLE)
        return (uint8_t)(0xAE + (rank - 106));
    return (uint8_t)byte_hidden_at((unsigned)(rank - GF_BYTE_UNICODE_PRINTABLE));
}

size_t gf_byte_unicode_encode(const uint8_t *bytes, size_t n, char *out)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        w += gf_tok_utf8_encode(gf_byte_unicode_codepoint(bytes[i]), out + w);
    return w;
}

long gf_byte_unicode_decode(const char *symbol, size_t length, uint8_t *out,
                            size_t *bad_offset)
{
    size_t i = 0;
    long n = 0;
    while (i < length) {
        uint32_t cp;
        size_t step = gf_tok_utf8_decode(symbol + i, length - i, &cp);
        int b = step ? gf_byte_unicode_byte(cp) : -1;
        if (b < 0) {
            if (bad_offset)
                *bad_offset = i;
            return -1;
        }
        out[n++] = (uint8_t)b;
        i += step;
    }
    return n;
}

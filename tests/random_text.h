/* random_text.h — deterministic random valid UTF-8 for round-trip tests
 * (header-only so each test program stays one .c file plus check.c). */
#ifndef GF_TEST_RANDOM_TEXT_H
#define GF_TEST_RANDOM_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* A 64-bit LCG; returns the high 31 bits. */
static inline uint32_t random_next(uint64_t *state)
{
    *state = *state * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(*state >> 33);
}

/* Append the UTF-8 of code point cp (not a surrogate) to buf at *n. */
static inline void random_put_utf8(char *buf, size_t *n, uint32_t cp)
{
    if (cp < 0x80) {
        buf[(*n)++] = (char)cp;
    } else if (cp < 0x800) {
        buf[(*n)++] = (char)(0xC0 | (cp >> 6));
        buf[(*n)++] = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        buf[(*n)++] = (char)(0xE0 | (cp >> 12));
        buf[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        buf[(*n)++] = (char)(0x80 | (cp & 0x3F));
    } else {
        buf[(*n)++] = (char)(0xF0 | (cp >> 18));
        buf[(*n)++] = (char)(0x80 | ((cp >> 12) & 0x3F));
        buf[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        buf[(*n)++] = (char)(0x80 | (cp & 0x3F));
    }
}

/* Fewer than max_cp random code points into buf (room for 4 * max_cp
 * bytes): ASCII, controls, Latin, Cyrillic, CJK, emoji, ZWJ, whitespace runs
 * and newlines, and anything up to U+10FFFF. Returns the byte count. */
static inline size_t random_utf8(uint64_t *state, char *buf, int max_cp)
{
    static const uint32_t spaces[] = {' ', ' ', ' ', '\t', '\n', '\n', '\r', 0x0B, 0x0C,
                                      0x85, 0xA0, 0x2003, 0x3000, 0x200D, '\''};
    size_t n = 0;
    int count = (int)(random_next(state) % (uint32_t)max_cp);
    for (int i = 0; i < count; i++) {
        uint32_t kind = random_next(state) % 9, r = random_next(state), cp;
        switch (kind) {
        case 0: cp = 0x20 + r % 95; break;
        case 1: cp = r % 0x80; break;
        case 2: cp = 0x80 + r % 0x180; break;
        case 3: cp = 0x400 + r % 0x100; break;
        case 4: cp = 0x4E00 + r % 0x5200; break;
        case 5: cp = 0x1F300 + r % 0x300; break;
        case 6: cp = spaces[r % (sizeof spaces / sizeof spaces[0])]; break;
        case 7: cp = r % 0x110000; break;
        default: cp = 'a' + r % 26; break;
        }
        if (cp >= 0xD800 && cp <= 0xDFFF)
            cp = 'x';
        random_put_utf8(buf, &n, cp);
    }
    return n;
}

#endif

/* word_text.c — case folding, Cyrillic detection and edit distance for
 * word lookups (see word_text.h). */
#include "word_text.h"

#include <stdint.h>
#include <string.h>

#include "tok_utf8.h"

static uint32_t word_fold_codepoint(uint32_t cp)
{
    if (cp >= 'A' && cp <= 'Z')
        return cp + 32;
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)        /* À..Þ, not × */
        return cp + 32;
    if (cp == 0x401 || cp == 0x451)                    /* Ё, ё -> е */
        return 0x435;
    if (cp >= 0x410 && cp <= 0x42F)                    /* А..Я */
        return cp + 32;
    if (cp >= 0x400 && cp <= 0x40F)                    /* Ѐ..Џ */
        return cp + 80;
    return cp;
}

bool gf_word_fold(const char *word, char *out, size_t size)
{
    size_t length = strlen(word), used = 0;
    for (size_t at = 0; at < length;) {
        unsigned char byte = (unsigned char)word[at];
        if (byte < 0x80) {                 /* ASCII: no decoding needed */
            if (used + 2 > size)
                return false;
            out[used++] = (char)(byte >= 'A' && byte <= 'Z' ? byte + 32 : byte);
            at++;
            continue;
        }
        uint32_t cp = 0;
        size_t n = gf_tok_utf8_decode(word + at, length - at, &cp);
        if (n == 0)
            return false;
        char bytes[4];
        size_t m = gf_tok_utf8_encode(word_fold_codepoint(cp), bytes);
        if (used + m + 1 > size)
            return false;
        memcpy(out + used, bytes, m);
        used += m;
        at += n;
    }
    if (size == 0)
        return false;
    out[used] = '\0';
    return true;
}

/* Decode a whole word into code points; -1 when invalid or longer than max. */
static int word_decode(const char *word, uint32_t *cps, int max)
{
    size_t length = strlen(word);
    int count = 0;
    for (size_t at = 0; at < length; count++) {
        if (count == max)
            return -1;
        size_t n = gf_tok_utf8_decode(word + at, length - at, &cps[count]);
        if (n == 0)
            return -1;
        at += n;
    }
    return count;
}

bool gf_word_is_cyrillic(const char *word)
{
    size_t length = strlen(word);
    for (size_t at = 0; at < length;) {
        uint32_t cp = 0;
        size_t n = gf_tok_utf8_decode(word + at, length - at, &cp);
        if (n == 0)
            return false;
        if (cp >= 0x400 && cp <= 0x4FF)
            return true;
        at += n;
    }
    return false;
}

bool gf_word_letter(unsigned cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
           (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
           (cp >= 0x400 && cp <= 0x4FF);
}

int gf_word_edit_distance(const char *a, const char *b)
{
    uint32_t ca[GF_WORD_MAX], cb[GF_WORD_MAX];
    int na = word_decode(a, ca, GF_WORD_MAX), nb = word_decode(b, cb, GF_WORD_MAX);
    if (na < 0 || nb < 0)
        return GF_WORD_MAX;
    /* One row of the dynamic-programming table: row[j] = distance between
     * a's first i code points and b's first j. */
    int row[GF_WORD_MAX + 1];
    for (int j = 0; j <= nb; j++)
        row[j] = j;
    for (int i = 1; i <= na; i++) {
        int diagonal = row[0];
        row[0] = i;
        for (int j = 1; j <= nb; j++) {
            int above = row[j];
            int best = diagonal + (ca[i - 1] != cb[j - 1]);
            if (above + 1 < best)
                best = above + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diagonal = above;
        }
    }
    return row[nb];
}

int gf_word_closest(const char *word, const char *(*word_at)(const void *ctx, int i),
                    const void *ctx, int n, int *out, int max_out)
{
    char key[GF_WORD_MAX], other[GF_WORD_MAX];
    if (max_out > GF_WORD_CLOSEST_MAX)
        max_out = GF_WORD_CLOSEST_MAX;
    if (max_out <= 0 || !gf_word_fold(word, key, sizeof key))
        return 0;
    int letters = gf_word_edit_distance(key, "");
    int limit = letters / 2 > 2 ? letters / 2 : 2;
    int distances[GF_WORD_CLOSEST_MAX];
    int filled = 0;
    for (int i = 0; i < n; i++) {
        const char *candidate = word_at(ctx, i);
        if (candidate == NULL || !gf_word_fold(candidate, other, sizeof other))
            continue;
        int d = gf_word_edit_distance(key, other);
        if (d > limit || (filled == max_out && d >= distances[max_out - 1]))
            continue;
        int at = filled < max_out ? filled++ : max_out - 1;
        while (at > 0 && d < distances[at - 1]) {   /* keep the list sorted, stable */
            distances[at] = distances[at - 1];
            out[at] = out[at - 1];
            at--;
        }
        distances[at] = d;
        out[at] = i;
    }
    return filled;
}

/* token_label.c — how a token's bytes are shown: printable text, visible
 * marks for whitespace, escapes for everything a font would draw as a box. */
#include "session.h"

#include <stdio.h>
#include <string.h>

/* Decode the UTF-8 sequence at p (n bytes left): its length, or 0 when it is
 * not valid (bad lead or continuation, overlong, surrogate, > U+10FFFF). */
static int utf8_decode(const unsigned char *p, size_t n, uint32_t *cp)
{
    static const uint32_t min_cp[5] = {0, 0, 0x80, 0x800, 0x10000};
    int len = p[0] < 0x80 ? 1 : (p[0] & 0xe0) == 0xc0 ? 2 : (p[0] & 0xf0) == 0xe0 ? 3
            : (p[0] & 0xf8) == 0xf0 ? 4 : 0;
    if (len == 0 || (size_t)len > n)
        return 0;
    uint32_t c = len == 1 ? p[0] : p[0] & (0x7fu >> len);
    for (int i = 1; i < len; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        c = (c << 6) | (p[i] & 0x3fu);
    }
    if (c < min_cp[len] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
        return 0;
    *cp = c;
    return len;
}

/* Code points that draw nothing visible (or a box) whatever the font. */
static bool invisible(uint32_t c)
{
    return c < 0x20 || (c >= 0x7f && c <= 0xa0) || c == 0xad || (c >= 0x200b && c <= 0x200f) ||
           (c >= 0x2028 && c <= 0x202f) || (c >= 0x2060 && c <= 0x206f) || c == 0xfeff ||
           (c >= 0xfe00 && c <= 0xfe0f) || (c >= 0xfff0 && c <= 0xfffb) ||
           (c & 0xfffe) == 0xfffe || (c >= 0xfdd0 && c <= 0xfdef) ||
           (c >= 0xe000 && c <= 0xf8ff) || c >= 0xf0000 || (c >= 0xe0000 && c <= 0xe0fff);
}

/* Append piece unless it does not fit; false then (the label stops there). */
static bool append(char *buf, size_t size, size_t *used, const char *piece, size_t n)
{
    if (*used + n + 1 > size)
        return false;
    memcpy(buf + *used, piece, n);
    *used += n;
    buf[*used] = '\0';
    return true;
}

/* The n bytes as a label (see gf_token_label_glyphs); buf may stay empty.
 * mark_space: show space, line break and tab as ␣ ↵ ⇥. */
static void label_bytes(const char *bytes, size_t n, gf_glyph_fn has_glyph, void *ctx,
                        bool mark_space, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    const unsigned char *p = (const unsigned char *)bytes;
    bool room = true;
    for (size_t i = 0; i < n && room;) {
        uint32_t cp = 0;
        int len = utf8_decode(p + i, n - i, &cp);
        char esc[16];
        if (len == 1 && cp == ' ' && !mark_space) {
            room = append(buf, size, &used, " ", 1);
        } else if (len == 1 && (cp == ' ' || cp == '\n' || cp == '\t')) {
            const char *mark = cp == ' ' ? "\xe2\x90\xa3" : cp == '\n' ? "\xe2\x86\xb5" : "\xe2\x87\xa5";
            room = append(buf, size, &used, mark, 3);                /* ␣ ↵ ⇥ */
        } else if (len == 0 || (len == 1 && invisible(cp))) {
            snprintf(esc, sizeof esc, "\\x%02X", p[i]);
            room = append(buf, size, &used, esc, strlen(esc));
            len = 1;
        } else if (invisible(cp) || (has_glyph != NULL && cp > 0x7e && !has_glyph(ctx, cp))) {
            snprintf(esc, sizeof esc, cp > 0xffff ? "\\U%08X" : "\\u%04X", (unsigned)cp);
            room = append(buf, size, &used, esc, strlen(esc));
        } else {
            room = append(buf, size, &used, bytes + i, (size_t)len);
        }
        i += (size_t)len;
    }
}

void gf_token_label_glyphs(const gf_tokenizer *tok, int32_t id, gf_glyph_fn has_glyph, void *ctx,
                           char *buf, size_t size)
{
    size_t n = 0;
    if (size == 0)
        return;
    const char *bytes = tok != NULL ? gf_tokenizer_token_bytes(tok, id, &n) : NULL;
    if (bytes != NULL)
        label_bytes(bytes, n, has_glyph, ctx, true, buf, size);
    if (bytes == NULL || buf[0] == '\0')
        snprintf(buf, size, "#%d", (int)id);
}

void gf_session_display_text(const gf_session *s, const char *text, char *buf, size_t size)
{
    if (size > 0)
        label_bytes(text, strlen(text), s->has_glyph, s->glyph_ctx, true, buf, size);
}

void gf_text_escape_missing(const char *text, gf_glyph_fn has_glyph, void *ctx, char *buf,
                            size_t size)
{
    if (size > 0)
        label_bytes(text, strlen(text), has_glyph, ctx, false, buf, size);
}

/* Whether the n bytes at p are complete, valid UTF-8. */
static bool utf8_complete(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int len = utf8_decode(p + i, n - i, &cp);
        if (len == 0)
            return false;
        i += (size_t)len;
    }
    return true;
}

bool gf_session_joined_run(const gf_session *s, int t, int *first, int *count, char *buf,
                           size_t size)
{
    enum { MAX_RUN = 4, MAX_BYTES = 32 };
    size_t n = 0;
    const char *own = t >= 0 && t < s->n_tokens ? gf_tokenizer_token_bytes(s->model.tokenizer, s->tokens[t], &n) : NULL;
    if (own == NULL || utf8_complete((const unsigned char *)own, n))
        return false;
    /* The shortest run of neighbours around t whose bytes decode together. */
    for (int len = 2; len <= MAX_RUN; len++) {
        for (int a = t - len + 1; a <= t; a++) {
            unsigned char joined[MAX_BYTES];
            size_t used = 0;
            bool ok = a >= 0 && a + len <= s->n_tokens;
            for (int k = a; ok && k < a + len; k++) {
                size_t m = 0;
                const char *b = gf_tokenizer_token_bytes(s->model.tokenizer, s->tokens[k], &m);
                ok = b != NULL && used + m <= sizeof joined;
                if (ok) {
                    memcpy(joined + used, b, m);
                    used += m;
                }
            }
            if (ok && utf8_complete(joined, used) && used + 1 <= size) {
                memcpy(buf, joined, used);
                buf[used] = '\0';
                if (first != NULL)
                    *first = a;
                if (count != NULL)
                    *count = len;
                return true;
            }
        }
    }
    return false;
}

bool gf_session_joined_text(const gf_session *s, int t, char *buf, size_t size)
{
    return gf_session_joined_run(s, t, NULL, NULL, buf, size);
}

void gf_token_label(const gf_tokenizer *tok, int32_t id, char *buf, size_t size)
{
    gf_token_label_glyphs(tok, id, NULL, NULL, buf, size);
}

/* model_languages.c — the open model's languages by name, and the
 * "mostly Cyrillic prompt, model without Russian" check of the status line. */
#include "model_languages.h"

#include "tok_utf8.h"

#include <stdio.h>
#include <string.h>

bool gf_codepoint_is_cyrillic(uint32_t cp)
{
    return (cp >= 0x0400 && cp <= 0x0481) || (cp >= 0x048A && cp <= 0x052F) ||
           (cp >= 0x1C80 && cp <= 0x1C8F) || (cp >= 0xA640 && cp <= 0xA66E) ||
           (cp >= 0xA680 && cp <= 0xA69D);
}

/* Blocks from U+00C0 up that hold no letters: Latin-1's × and ÷,
 * combining marks, Cyrillic signs and marks, punctuation, symbols,
 * arrows, box drawing, CJK punctuation, variation selectors, emoji. */
static bool codepoint_is_letter(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z');
    if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7)
        return false;
    static const uint32_t not_letters[][2] = {
        {0x0300, 0x036F}, {0x0482, 0x0489}, {0x2000, 0x2BFF}, {0x3000, 0x303F},
        {0xFE00, 0xFE0F}, {0xFE30, 0xFE6F}, {0xFF00, 0xFF20}, {0x1F000, 0x1FAFF},
    };
    for (size_t i = 0; i < sizeof not_letters / sizeof not_letters[0]; i++)
        if (cp >= not_letters[i][0] && cp <= not_letters[i][1])
            return false;
    return true;
}

void gf_text_count_letters(const char *text, int *letters, int *cyrillic)
{
    *letters = 0;
    *cyrillic = 0;
    size_t left = text != NULL ? strlen(text) : 0;
    while (left > 0) {
        uint32_t cp = 0;
        size_t n = gf_tok_utf8_decode(text, left, &cp);
        if (n == 0)
            return;
        if (codepoint_is_letter(cp))
            (*letters)++;
        if (gf_codepoint_is_cyrillic(cp))
            (*cyrillic)++;
        text += n;
        left -= n;
    }
}

bool gf_model_has_language(const gf_config *cfg, const char *code)
{
    if (cfg->n_languages == 0)
        return strcmp(code, "en") == 0;
    for (int i = 0; i < cfg->n_languages; i++)
        if (strcmp(cfg->languages[i], code) == 0)
            return true;
    return false;
}

bool gf_model_suggest_russian(const gf_config *cfg, const char *prompt)
{
    int letters = 0, cyrillic = 0;
    gf_text_count_letters(prompt, &letters, &cyrillic);
    return 2 * cyrillic > letters && !gf_model_has_language(cfg, "ru");
}

int gf_model_languages_named(const gf_texts *tx, const gf_config *cfg, char *buf, size_t size)
{
    size_t used = 0;
    if (size > 0)
        buf[0] = '\0';
    for (int i = 0; i < cfg->n_languages && used < size; i++) {
        char key[16];
        snprintf(key, sizeof key, "lang.%s", cfg->languages[i]);
        const char *name = tx != NULL ? gf_text_get(&tx->file, key) : NULL;
        int n = snprintf(buf + used, size - used, "%s%s", i > 0 ? ", " : "",
                         name != NULL ? name : cfg->languages[i]);
        used += n > 0 ? (size_t)n : 0;
    }
    return cfg->n_languages;
}

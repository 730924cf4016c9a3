/* model_languages.h — which languages the open model was trained on (its
 * config.json "languages"), their names in the interface language for the
 * status line, and whether a prompt is mostly Cyrillic while the model
 * has no Russian (then the status line suggests the bilingual model). */
#ifndef GF_VIZ_MODEL_LANGUAGES_H
#define GF_VIZ_MODEL_LANGUAGES_H

#include "config.h"
#include "i18n.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Whether code point cp is a letter of the Cyrillic script (U+0400–U+0481,
 * U+048A–U+052F, U+1C80–U+1C8F, U+A640–U+A66E, U+A680–U+A69D). */
bool gf_codepoint_is_cyrillic(uint32_t cp);

/* The letters of UTF-8 text: *letters counts every letter, *cyrillic the
 * Cyrillic ones. A "letter" is an ASCII letter or any code point from
 * U+00C0 up that is not a symbol, punctuation, mark or emoji block (an
 * approximation without Unicode tables, exact for Latin, Greek and
 * Cyrillic text). Decoding stops at the first invalid byte. */
void gf_text_count_letters(const char *text, int *letters, int *cyrillic);

/* Whether the model states code among its languages. A config without
 * "languages" counts as English only (GPT-2 and our first models). */
bool gf_model_has_language(const gf_config *cfg, const char *code);

/* Whether to suggest the bilingual model: more than half of prompt's
 * letters are Cyrillic and the model has no "ru". */
bool gf_model_suggest_russian(const gf_config *cfg, const char *prompt);

/* The model's languages by name in tx's language ("English, Russian"; a
 * code the text file has no "lang.<code>" for stays a code), into buf.
 * Returns the number of languages (0: the config states none, buf ""). */
int gf_model_languages_named(const gf_texts *tx, const gf_config *cfg, char *buf, size_t size);

#endif

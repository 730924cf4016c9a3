/* glossary.h — the bilingual glossary: Russian words mapped to English
 * words of a vectors folder, so that a Russian expression is computed with
 * the English vectors and its results are shown with Russian labels.
 *
 * File format (UTF-8): one entry a line, "RUSSIAN<TAB>ENGLISH", each side a
 * single word; empty lines and lines starting with '#' are ignored. Lookups
 * fold case and treat ё as е (word_text.h). A Russian word may appear once;
 * several Russian words may map to one English word, and then the first
 * line gives that English word's Russian label. */
#ifndef GF_GLOSSARY_H
#define GF_GLOSSARY_H

#include <stddef.h>

#include "gf_error.h"

#define GF_GLOSSARY_FILE "glossary_ru.txt"
#define GF_GLOSSARY_SUGGEST_MAX 8

typedef struct gf_glossary gf_glossary;

/* Load and check the file: two fields, valid UTF-8, the Russian side
 * Cyrillic, the English side without Cyrillic, no Russian word twice.
 * Errors name the file and line. */
gf_status gf_glossary_load(gf_glossary **out, const char *path, gf_error *err);
/* The same check over text in memory (length bytes, need not be
 * NUL-terminated), named source in messages; the loader above reads the
 * file and parses it here. */
gf_status gf_glossary_parse(gf_glossary **out, const char *text, size_t length,
                            const char *source, gf_error *err);
void gf_glossary_free(gf_glossary *g);

int gf_glossary_count(const gf_glossary *g);
/* Entry i (file order) as written. */
const char *gf_glossary_russian_at(const gf_glossary *g, int i);
const char *gf_glossary_english_at(const gf_glossary *g, int i);
int gf_glossary_line_at(const gf_glossary *g, int i);

/* The English word for a Russian one, or NULL. */
const char *gf_glossary_to_english(const gf_glossary *g, const char *russian);
/* The Russian label of an English word (its first line), or NULL. */
const char *gf_glossary_to_russian(const gf_glossary *g, const char *english);

/* Up to max_out Russian words closest to `russian` in edit distance,
 * closest first (then file order), within max(2, letters / 2) edits; at
 * most GF_GLOSSARY_SUGGEST_MAX. Returns the number written. */
int gf_glossary_suggest(const gf_glossary *g, const char *russian, const char **out,
                        int max_out);

#endif

/* glossary.c — loading and looking up the ru -> en glossary (see glossary.h). */
#include "glossary.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "str_table.h"
#include "file_io.h"
#include "tok_utf8.h"
#include "tokenizer.h"
#include "word_text.h"

#define GLOSSARY_MAX_BYTES (16u * 1024u * 1024u)

typedef struct {
    const char *russian, *english;   /* into text */
    int line;
} glossary_entry;

struct gf_glossary {
    char *text;                      /* the file, split in place */
    glossary_entry *entries;         /* (count) in file order */
    int count;
    gf_str_table by_russian;         /* folded Russian -> entry */
    gf_str_table by_english;         /* folded English -> its first entry */
};

void gf_glossary_free(gf_glossary *g)
{
    if (!g)
        return;
    free(g->text);
    free(g->entries);
    gf_str_table_free(&g->by_russian);
    gf_str_table_free(&g->by_english);
    free(g);
}

/* True when every code point of word is a letter, and (want_cyrillic) all
 * of them Cyrillic or none of them. */
static bool glossary_word_ok(const char *word, bool want_cyrillic)
{
    size_t length = strlen(word);
    if (length == 0 || length >= GF_WORD_MAX)
        return false;
    for (size_t at = 0; at < length;) {
        uint32_t cp = 0;
        size_t n = gf_tok_utf8_decode(word + at, length - at, &cp);
        bool cyrillic = cp >= 0x400 && cp <= 0x4FF;
        if (n == 0 || !gf_word_letter(cp) || cyrillic != want_cyrillic)
            return false;
        at += n;
    }
    return true;
}

/* Index entry i under its folded word; *first is the entry already there (or -1). */
static gf_status glossary_index(gf_str_table *table, const char *word, int i, int *first,
                                gf_error *err)
{
    char key[GF_WORD_MAX];
    size_t index = 0;
    int inserted = 0;
    gf_word_fold(word, key, sizeof key);
    if (gf_str_table_intern(table, key, strlen(key), &index, &inserted, err) != GF_OK)
        return err->status;
    *first = inserted ? -1 : (int)gf_str_table_get(table, index);
    if (inserted)
        gf_str_table_set(table, index, i);
    return GF_OK;
}

/* Check one "RUSSIAN<TAB>ENGLISH" line (NUL-terminated, no newline) and add it. */
static gf_status glossary_add_line(gf_glossary *g, char *line, int number, const char *path,
                                   gf_error *err)
{
    size_t length = strlen(line);
    if (length > 0 && line[length - 1] == '\r')
        line[--length] = '\0';
    if (length == 0 || line[0] == '#')
        return GF_OK;
    char *tab = strchr(line, '\t');
    if (!tab || strchr(tab + 1, '\t'))
        return gf_error_set(err, GF_ERR_FORMAT,
                            "%s: line %d: expected RUSSIAN<TAB>ENGLISH (one tab)", path, number);
    *tab = '\0';
    const char *russian = line, *english = tab + 1;
    char shown[GF_WORD_MAX];
    if (!glossary_word_ok(russian, true))
        return gf_error_set(err, GF_ERR_FORMAT,
                            "%s: line %d: '%s' is not one Russian word (Cyrillic letters only)",
                            path, number, gf_error_shown(russian, shown, sizeof shown));
    if (!glossary_word_ok(english, false))
        return gf_error_set(err, GF_ERR_FORMAT,
                            "%s: line %d: '%s' is not one English word (Latin letters only)",
                            path, number, gf_error_shown(english, shown, sizeof shown));
    int i = g->count, first = -1;
    g->entries[i] = (glossary_entry){russian, english, number};
    if (glossary_index(&g->by_russian, russian, i, &first, err) != GF_OK)
        return err->status;
    if (first >= 0)
        return gf_error_set(err, GF_ERR_FORMAT, "%s: line %d: '%s' is already on line %d", path,
                            number, russian, g->entries[first].line);
    if (glossary_index(&g->by_english, english, i, &first, err) != GF_OK)
        return err->status;
    g->count++;
    return GF_OK;
}

static gf_status glossary_parse(gf_glossary *g, size_t length, const char *path, gf_error *err)
{
    size_t bad = 0;
    if (!gf_utf8_valid(g->text, length, &bad)) {
        int line = 1;
        for (size_t i = 0; i < bad; i++)
            line += g->text[i] == '\n';
        return gf_error_set(err, GF_ERR_UTF8, "%s: line %d: not valid UTF-8 (byte 0x%02x)", path,
                            line, (unsigned)(unsigned char)g->text[bad]);
    }
    size_t lines = 1;
    for (size_t i = 0; i < length; i++)
        lines += g->text[i] == '\n';
    g->entries = malloc(lines * sizeof *g->entries);
    if (!g->entries)
        return gf_error_set(err, GF_ERR_MEMORY, "%s: out of memory", path);
    char *at = g->text, *end = g->text + length;
    for (int number = 1; at < end; number++) {
        char *newline = memchr(at, '\n', (size_t)(end - at));
        char *next = newline ? newline + 1 : end;
        if (newline)
            *newline = '\0';
        if (memchr(at, '\0', (size_t)((newline ? newline : end) - at)))
            return gf_error_set(err, GF_ERR_FORMAT, "%s: line %d: a NUL byte", path, number);
        if (glossary_add_line(g, at, number, path, err) != GF_OK)
            return err->status;
        at = next;
    }
    if (g->count == 0)
        return gf_error_set(err, GF_ERR_FORMAT, "%s: no entries", path);
    return GF_OK;
}

/* A glossary over text (length bytes, malloc'ed and NUL-terminated; owned
 * from here on, freed on failure too), named source in messages. */
static gf_status glossary_from_text(gf_glossary **out, char *text, size_t length,
                                    const char *source, gf_error *err)
{
    *out = NULL;
    gf_glossary *g = calloc(1, sizeof *g);
    if (!g) {
        free(text);
        return gf_error_set(err, GF_ERR_MEMORY, "%s: out of memory", source);
    }
    gf_str_table_init(&g->by_russian);
    gf_str_table_init(&g->by_english);
    g->text = text;
    gf_status status = glossary_parse(g, length, source, err);
    if (status != GF_OK) {
        gf_glossary_free(g);
        return status;
    }
    *out = g;
    return GF_OK;
}

gf_status gf_glossary_parse(gf_glossary **out, const char *text, size_t length,
                            const char *source, gf_error *err)
{
    *out = NULL;
    char *copy = malloc(length + 1);
    if (!copy)
        return gf_error_set(err, GF_ERR_MEMORY, "%s: out of memory", source);
    if (length > 0)
        memcpy(copy, text, length);
    copy[length] = '\0';
    return glossary_from_text(out, copy, length, source, err);
}

gf_status gf_glossary_load(gf_glossary **out, const char *path, gf_error *err)
{
    *out = NULL;
    char *text = NULL;
    size_t length = 0;
    if (gf_file_read_all(path, GLOSSARY_MAX_BYTES, &text, &length, err) != GF_OK)
        return err->status;
    return glossary_from_text(out, text, length, path, err);
}

int gf_glossary_count(const gf_glossary *g) { return g->count; }
const char *gf_glossary_russian_at(const gf_glossary *g, int i) { return g->entries[i].russian; }
const char *gf_glossary_english_at(const gf_glossary *g, int i) { return g->entries[i].english; }
int gf_glossary_line_at(const gf_glossary *g, int i) { return g->entries[i].line; }

static int glossary_find(const gf_str_table *table, const char *word)
{
    char key[GF_WORD_MAX];
    if (!gf_word_fold(word, key, sizeof key))
        return -1;
    long index = gf_str_table_find(table, key, strlen(key));
    return index >= 0 ? (int)gf_str_table_get(table, (size_t)index) : -1;
}

const char *gf_glossary_to_english(const gf_glossary *g, const char *russian)
{
    int i = glossary_find(&g->by_russian, russian);
    return i >= 0 ? g->entries[i].english : NULL;
}

const char *gf_glossary_to_russian(const gf_glossary *g, const char *english)
{
    int i = glossary_find(&g->by_english, english);
    return i >= 0 ? g->entries[i].russian : NULL;
}

static const char *glossary_russian_at(const void *ctx, int i)
{
    return ((const gf_glossary *)ctx)->entries[i].russian;
}

int gf_glossary_suggest(const gf_glossary *g, const char *russian, const char **out,
                        int max_out)
{
    if (max_out > GF_GLOSSARY_SUGGEST_MAX)
        max_out = GF_GLOSSARY_SUGGEST_MAX;
    int index[GF_GLOSSARY_SUGGEST_MAX];
    int filled = gf_word_closest(russian, glossary_russian_at, g, g->count, index, max_out);
    for (int k = 0; k < filled; k++)
        out[k] = g->entries[index[k]].russian;
    return filled;
}

/* text.h — user-facing text as data: one file per language of
 * `key = value` lines (assets/text/en.txt, ru.txt, …).
 *
 * The format, kept simple for teachers and translators:
 *   - UTF-8; one entry per line: a key, " = ", the value to the line's end;
 *   - keys are letters, digits, '_' and '.' ("stage.softmax.name");
 *   - in a value, \n is a line break and \\ a backslash; spaces around the
 *     '=' are not part of the key or the value;
 *   - lines starting with '#' and blank lines are ignored; a key given twice
 *     is an error.
 * Values are either printf formats the program fills ("position %d") or
 * templates with named slots ("S = QKᵀ/√{hs}   ({T} × {T})", filled by
 * gf_text_fill). A translation must keep the English file's keys, printf
 * conversions and slots: gf_text_check compares two files. */
#ifndef GF_TEXT_H
#define GF_TEXT_H

#include <stddef.h>

#include "gf_error.h"

typedef struct {
    const char *key;      /* into data                                   */
    const char *value;    /* into data, escapes resolved                 */
    int line;             /* 1-based line in the file                    */
} gf_text_item;

typedef struct {
    char source[256];     /* the file it came from (for messages)        */
    char *data;           /* the file, cut into keys and values          */
    gf_text_item *items;
    int n;
} gf_text;

/* Parse text (len bytes; need not be NUL-terminated) named source. On
 * failure: "SOURCE:LINE: reason". */
gf_status gf_text_parse(gf_text *t, const char *text, size_t len, const char *source,
                        gf_error *err);
/* Read and parse a file. */
gf_status gf_text_load(gf_text *t, const char *path, gf_error *err);
void gf_text_free(gf_text *t);

/* The value of key, or NULL. */
const char *gf_text_get(const gf_text *t, const char *key);

/* t is a complete translation of ref: every key of ref is in t and the
 * other way round, and each value has ref's printf conversions (in order)
 * and ref's {slots} (in any order). Else the first difference:
 * "ru.txt:12: stage.mask.name: ..." or "ru.txt: missing key ui.prompt". */
gf_status gf_text_check(const gf_text *t, const gf_text *ref, gf_error *err);

/* A named slot of a template and the text that fills it. */
typedef struct {
    const char *name;
    const char *value;
} gf_text_slot;

/* Copy template into buf with every {name} replaced by its slot's value
 * (an unknown slot stays as written). Writes at most size bytes
 * (NUL-terminated); returns the full length. */
size_t gf_text_fill(const char *template_text, const gf_text_slot *slots, int n_slots, char *buf,
                    size_t size);

#endif

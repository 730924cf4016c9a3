/* analogy.c — parsing word-arithmetic expressions, looking their words up
 * and summing the query vector (see analogy.h). */
#include "analogy.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tok_utf8.h"

/* The parser's cursor over the text. */
typedef struct {
    const char *text;
    size_t length, at;
} expr_cursor;

static uint32_t expr_peek(const expr_cursor *c, size_t *bytes)
{
    uint32_t cp = 0;
    *bytes = gf_tok_utf8_decode(c->text + c->at, c->length - c->at, &cp);
    return *bytes ? cp : 0;
}

static void expr_skip_spaces(expr_cursor *c)
{
    while (c->at < c->length && (c->text[c->at] == ' ' || c->text[c->at] == '\t'))
        c->at++;
}

/* 1-based character (code point) column of a byte offset, for messages. */
static int expr_column(const expr_cursor *c, size_t offset)
{
    int column = 1;
    for (size_t i = 0; i < offset; i++)
        column += ((unsigned char)c->text[i] & 0xC0) != 0x80;
    return column;
}

static gf_status expr_fail(gf_expr *e, const expr_cursor *c, const char *expected, gf_error *err)
{
    e->error_at = (int)c->at;
    if (c->at >= c->length)
        return gf_error_set(err, GF_ERR_FORMAT, "expression: expected %s at the end", expected);
    size_t bytes = 0;
    expr_peek(c, &bytes);
    char found[8], shown[16];   /* one character; a line break or tab shown as '?' */
    snprintf(found, sizeof found, "%.*s", (int)(bytes ? bytes : 1), c->text + c->at);
    return gf_error_set(err, GF_ERR_FORMAT, "expression: expected %s at character %d, found '%s'",
                        expected, expr_column(c, c->at),
                        gf_error_shown(found, shown, sizeof shown));
}

/* +1 or -1 when a sign is at the cursor (consumed), else 0. */
static int expr_sign(expr_cursor *c)
{
    size_t bytes = 0;
    uint32_t cp = expr_peek(c, &bytes);
    if (cp == '+' || cp == '-' || cp == 0x2212 || cp == 0x2013) {
        c->at += bytes;
        return cp == '+' ? 1 : -1;
    }
    return 0;
}

/* An optional "NUMBER *" before a word; *weight stays 1 without one. */
static gf_status expr_weight(gf_expr *e, expr_cursor *c, double *weight, gf_error *err)
{
    *weight = 1.0;
    size_t start = c->at;
    int dots = 0, digits = 0;
    while (c->at < c->length && ((c->text[c->at] >= '0' && c->text[c->at] <= '9') ||
                                 c->text[c->at] == '.')) {
        dots += c->text[c->at] == '.';
        digits += c->text[c->at] != '.';
        c->at++;
    }
    if (c->at == start)
        return GF_OK;
    if (dots > 1 || digits == 0) {
        c->at = start;
        return expr_fail(e, c, "a number like 0.5", err);
    }
    char number[64];
    if (c->at - start >= sizeof number) {   /* would be cut short: a different weight */
        c->at = start;
        return expr_fail(e, c, "a number of at most 63 characters", err);
    }
    snprintf(number, sizeof number, "%.*s", (int)(c->at - start), c->text + start);
    *weight = strtod(number, NULL);
    if (!isfinite(*weight)) {
        c->at = start;
        return expr_fail(e, c, "a finite weight", err);
    }
    expr_skip_spaces(c);
    size_t bytes = 0;
    uint32_t cp = expr_peek(c, &bytes);
    if (cp != '*' && cp != 0xD7 && cp != 0xB7)
        return expr_fail(e, c, "'*' after the weight", err);
    c->at += bytes;
    expr_skip_spaces(c);
    return GF_OK;
}

/* A run of letters into term->word. */
static gf_status expr_word(gf_expr *e, expr_cursor *c, gf_expr_term *term, gf_error *err)
{
    size_t start = c->at, bytes = 0;
    while (c->at < c->length && gf_word_letter(expr_peek(c, &bytes)) && bytes > 0)
        c->at += bytes;
    if (c->at == start)
        return expr_fail(e, c, "a word", err);
    if (c->at - start >= GF_WORD_MAX) {
        c->at = start;
        return expr_fail(e, c, "a word shorter than 64 bytes", err);
    }
    memcpy(term->word, c->text + start, c->at - start);
    term->word[c->at - start] = '\0';
    term->start = (int)start;
    term->end = (int)c->at;
    return GF_OK;
}

gf_status gf_expr_parse(const char *text, gf_expr *e, gf_error *err)
{
    memset(e, 0, sizeof *e);
    e->error_at = -1;
    expr_cursor c = {text, strlen(text), 0};
    size_t bad = 0;
    if (!gf_utf8_valid(text, c.length, &bad)) {
        e->error_at = (int)bad;
        return gf_error_set(err, GF_ERR_FORMAT, "expression: not valid UTF-8 (byte %zu)", bad);
    }
    expr_skip_spaces(&c);
    if (c.at == c.length) {
        e->error_at = 0;
        return gf_error_set(err, GF_ERR_FORMAT, "expression: empty (type words joined by "
                            "+ and -, e.g. king - man + woman)");
    }
    for (;;) {
        int sign = expr_sign(&c);
        if (sign == 0 && e->count > 0)
            return expr_fail(e, &c, "'+' or '-' between words", err);
        if (e->count == GF_EXPR_MAX_TERMS)
            return expr_fail(e, &c, "at most 16 words", err);
        expr_skip_spaces(&c);
        gf_expr_term *term = &e->terms[e->count];
        double weight = 1.0;
        if (expr_weight(e, &c, &weight, err) != GF_OK || expr_word(e, &c, term, err) != GF_OK)
            return err->status;
        term->weight = (sign < 0 ? -1.0 : 1.0) * weight;
        e->count++;
        expr_skip_spaces(&c);
        if (c.at == c.length)
            return GF_OK;
    }
}

/* ---- looking the terms up ----------------------------------------------------------------- */

/* "a, b, c" of the suggestions into buf. */
static void analogy_join(const char *const *words, int n, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < n && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "", words[i]);
}

static gf_status analogy_unknown(const gf_vectors *v, const gf_glossary *glossary,
                                 const char *word, gf_analogy_terms *t, gf_error *err)
{
    bool cyrillic = gf_word_is_cyrillic(word);
    if (cyrillic && glossary) {
        t->n_suggestions = gf_glossary_suggest(glossary, word, t->suggestions,
                                               GF_ANALOGY_SUGGESTIONS);
    } else if (!cyrillic) {
        int rows[GF_ANALOGY_SUGGESTIONS];
        t->n_suggestions = gf_vectors_suggest(v, word, rows, GF_ANALOGY_SUGGESTIONS);
        for (int i = 0; i < t->n_suggestions; i++)
            t->suggestions[i] = v->words[rows[i]];
    }
    char list[GF_ANALOGY_SUGGESTIONS * (GF_WORD_MAX + 2)] = "", tail[sizeof list + 16] = "";
    analogy_join(t->suggestions, t->n_suggestions, list, sizeof list);
    if (t->n_suggestions > 0)
        snprintf(tail, sizeof tail, " (closest: %s)", list);
    if (cyrillic && !glossary)
        return gf_error_set(err, GF_ERR_ARGUMENT,
                            "'%s': Russian words need the glossary (%s), and %s has none", word,
                            GF_GLOSSARY_FILE, v->source);
    if (cyrillic)
        return gf_error_set(err, GF_ERR_ARGUMENT, "'%s' is not in the glossary%s", word, tail);
    return gf_error_set(err, GF_ERR_ARGUMENT, "unknown word '%s'%s", word, tail);
}

/* Exclude row and the rows of the same word in other case (a model has
 * " king" and " King"): lowercase, Capitalised and UPPERCASE ASCII forms. */
static void analogy_exclude_word(const gf_vectors *v, int row, gf_analogy_terms *t)
{
    char forms[3][GF_WORD_MAX];
    const char *word = v->words[row];
    size_t length = strlen(word);
    t->exclude[t->n_exclude++] = row;
    if (length >= GF_WORD_MAX)
        return;
    for (int f = 0; f < 3; f++) {
        for (size_t i = 0; i <= length; i++) {
            char c = word[i];
            bool upper = f == 2 || (f == 1 && i == 0);
            forms[f][i] = upper ? (char)toupper((unsigned char)c) : (char)tolower((unsigned char)c);
        }
        long index = gf_str_table_find(&v->exact, forms[f], length);
        int other = index >= 0 ? (int)gf_str_table_get(&v->exact, (size_t)index) : -1;
        bool known = false;
        for (int i = 0; i < t->n_exclude; i++)
            known = known || t->exclude[i] == other;
        if (other >= 0 && !known)
            t->exclude[t->n_exclude++] = other;
    }
}

gf_status gf_analogy_lookup(const gf_vectors *v, const gf_glossary *glossary, const gf_expr *e,
                            gf_analogy_terms *t, gf_error *err)
{
    memset(t, 0, sizeof *t);
    t->unknown = -1;
    for (int i = 0; i < e->count; i++)
        t->russian = t->russian || gf_word_is_cyrillic(e->terms[i].word);
    for (int i = 0; i < e->count; i++) {
        const char *word = e->terms[i].word;
        const char *english = word;
        if (gf_word_is_cyrillic(word))
            english = glossary ? gf_glossary_to_english(glossary, word) : NULL;
        t->rows[i] = english ? gf_vectors_find(v, english) : -1;
        t->looked_up[i] = t->rows[i] >= 0 ? v->words[t->rows[i]] : NULL;
        if (t->rows[i] >= 0)
            analogy_exclude_word(v, t->rows[i], t);
        if (t->rows[i] >= 0 || t->unknown >= 0)
            continue;
        t->unknown = i;
        if (english && english != word)
            return gf_error_set(err, GF_ERR_ARGUMENT, "'%s' (%s) is not a word of %s%s", word,
                                english, v->kind == GF_VECTORS_MODEL ?
                                "the single-token words of model " : "", v->source);
        return analogy_unknown(v, glossary, word, t, err);
    }
    return GF_OK;
}

gf_status gf_analogy_query(const gf_vectors *v, const gf_expr *e, const gf_analogy_terms *t,
                           float *query, gf_error *err)
{
    for (int i = 0; i < e->count; i++)
        if (t->rows[i] < 0)
            return gf_error_set(err, GF_ERR_ARGUMENT, "expression: '%s' was not found",
                                e->terms[i].word);
    double norm2 = 0.0;
    for (int j = 0; j < v->dim; j++) {
        double sum = 0.0;
        for (int i = 0; i < e->count; i++)
            sum += e->terms[i].weight * gf_vectors_row(v, t->rows[i])[j];
        query[j] = (float)sum;
        norm2 += sum * sum;
    }
    if (!(norm2 > 1e-12))
        return gf_error_set(err, GF_ERR_RANGE,
                            "expression: the words cancel out (the sum is the zero vector)");
    return GF_OK;
}

const char *gf_analogy_label(const gf_vectors *v, const gf_glossary *glossary, bool russian,
                             int row)
{
    const char *label = russian && glossary ? gf_glossary_to_russian(glossary, v->words[row])
                                            : NULL;
    return label ? label : v->words[row];
}

/* vectors.c — filling a gf_vectors from a vectors folder or from a model's
 * token embeddings, and looking words up (see vectors.h). */
#include "vectors.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "safetensors.h"
#include "file_io.h"
#include "tokenizer.h"
#include "word_text.h"

#define VECTORS_WORDS_MAX_BYTES (256u * 1024u * 1024u)

/* Allocate rows, word pointers and the two indexes for `count` words of
 * `dim` values; text is attached by the caller. */
static gf_status vectors_alloc(gf_vectors *v, gf_vectors_kind kind, int count, int dim,
                               const char *source, gf_error *err)
{
    memset(v, 0, sizeof *v);
    v->kind = kind;
    v->count = count;
    v->dim = dim;
    snprintf(v->source, sizeof v->source, "%s", source);
    gf_str_table_init(&v->exact);
    gf_str_table_init(&v->folded);
    size_t n = (size_t)count * (size_t)dim;
    v->unit = malloc((n ? n : 1) * sizeof *v->unit);
    v->words = calloc(count ? (size_t)count : 1, sizeof *v->words);
    if (!v->unit || !v->words)
        return gf_error_set(err, GF_ERR_MEMORY, "%s: out of memory for %d x %d vectors",
                            source, count, dim);
    return GF_OK;
}

/* Scale one row (dim floats) to length 1; false when it is all zeros or not finite. */
static bool vectors_normalise_row(float *row, int dim, int *bad_element)
{
    double sum = 0.0;
    for (int j = 0; j < dim; j++) {
        if (!isfinite(row[j])) {
            *bad_element = j;
            return false;
        }
        sum += (double)row[j] * row[j];
    }
    *bad_element = -1;
    if (sum == 0.0)
        return false;
    double scale = 1.0 / sqrt(sum);
    for (int j = 0; j < dim; j++)
        row[j] = (float)(row[j] * scale);
    return true;
}

/* Enter word `row` into both indexes; *duplicate_of is the row already
 * holding the same word (or -1). */
static gf_status vectors_index_word(gf_vectors *v, int row, int *duplicate_of, gf_error *err)
{
    const char *word = v->words[row];
    size_t index = 0;
    int inserted = 0;
    *duplicate_of = -1;
    if (gf_str_table_intern(&v->exact, word, strlen(word), &index, &inserted, err) != GF_OK)
        return err->status;
    if (!inserted) {
        *duplicate_of = (int)gf_str_table_get(&v->exact, index);
        return GF_OK;
    }
    gf_str_table_set(&v->exact, index, row);
    char key[GF_WORD_MAX];
    if (!gf_word_fold(word, key, sizeof key) || strcmp(key, word) == 0)
        return GF_OK;   /* found as written (too long to fold, or folded already) */
    if (gf_str_table_intern(&v->folded, key, strlen(key), &index, &inserted, err) != GF_OK)
        return err->status;
    if (inserted)
        gf_str_table_set(&v->folded, index, row);
    return GF_OK;
}

void gf_vectors_free(gf_vectors *v)
{
    if (!v)
        return;
    free(v->unit);
    free(v->words);
    free(v->text);
    free(v->token_ids);
    gf_str_table_free(&v->exact);
    gf_str_table_free(&v->folded);
    memset(v, 0, sizeof *v);
}

int gf_vectors_find(const gf_vectors *v, const char *word)
{
    long index = gf_str_table_find(&v->exact, word, strlen(word));
    if (index >= 0)
        return (int)gf_str_table_get(&v->exact, (size_t)index);
    char key[GF_WORD_MAX];
    if (!gf_word_fold(word, key, sizeof key))
        return -1;
    index = gf_str_table_find(&v->exact, key, strlen(key));
    if (index >= 0)
        return (int)gf_str_table_get(&v->exact, (size_t)index);
    index = gf_str_table_find(&v->folded, key, strlen(key));
    return index >= 0 ? (int)gf_str_table_get(&v->folded, (size_t)index) : -1;
}

/* ---- a vectors folder ------------------------------------------------------------------- */

/* Split words.txt (text, length bytes) into exactly v->count words, in place. */
static gf_status vectors_split_words(gf_vectors *v, char *text, size_t length,
                                     const char *path, gf_error *err)
{
    size_t bad = 0;
    if (!gf_utf8_valid(text, length, &bad)) {
        int line = 1;
        for (size_t i = 0; i < bad; i++)
            line += text[i] == '\n';
        return gf_error_set(err, GF_ERR_UTF8, "%s: line %d: not valid UTF-8 (byte 0x%02x)",
                            path, line, (unsigned)(unsigned char)text[bad]);
    }
    int line = 0;
    size_t at = 0;
    while (at < length) {
        char *end = memchr(text + at, '\n', length - at);
        if (!end)
            return gf_error_set(err, GF_ERR_FORMAT,
                                "%s: line %d: no newline at the end (cut short?)", path, line + 1);
        line++;
        if (line > v->count)
            return gf_error_set(err, GF_ERR_SHAPE,
                                "%s: more than %d lines, but %s has %d rows", path, v->count,
                                GF_VECTORS_FILE, v->count);
        *end = '\0';
        const char *word = text + at;
        if (strlen(word) != (size_t)(end - word))
            return gf_error_set(err, GF_ERR_FORMAT, "%s: line %d: a NUL byte", path, line);
        if (word[0] == '\0')
            return gf_error_set(err, GF_ERR_FORMAT, "%s: line %d: empty", path, line);
        for (const char *p = word; *p; p++) {
            if (isspace((unsigned char)*p))
                return gf_error_set(err, GF_ERR_FORMAT, "%s: line %d: whitespace inside a word",
                                    path, line);
            if ((unsigned char)*p < 0x20 || *p == 0x7f)   /* words are echoed in messages */
                return gf_error_set(err, GF_ERR_FORMAT,
                                    "%s: line %d: a control character (byte 0x%02x)", path, line,
                                    (unsigned)(unsigned char)*p);
        }
        v->words[line - 1] = (char *)word;
        at = (size_t)(end - text) + 1;
    }
    if (line != v->count)
        return gf_error_set(err, GF_ERR_SHAPE, "%s: %d words, but %s has %d rows", path, line,
                            GF_VECTORS_FILE, v->count);
    return GF_OK;
}

/* F16 values (the shipped folder's): the stored bytes in one read, then
 * converted through a table of all 65,536 halves (each made by
 * gf_f16_to_f32), several times faster than converting one by one. */
static gf_status vectors_read_f16(gf_vectors *v, const gf_safetensors *st,
                                  const gf_st_entry *entry, const char *path, gf_error *err)
{
    uint64_t bytes = entry->end - entry->begin;
    uint8_t *raw = malloc(bytes ? bytes : 1);
    float *table = malloc(65536 * sizeof *table);
    if (!raw || !table) {
        free(raw), free(table);
        return gf_error_set(err, GF_ERR_MEMORY, "%s: out of memory", path);
    }
    gf_status status = gf_safetensors_read_raw(st, entry, raw, bytes, err);
    if (status == GF_OK && bytes != (uint64_t)entry->numel * 2)
        status = gf_error_set(err, GF_ERR_FORMAT, "%s: F16 tensor of %llu bytes", path,
                              (unsigned long long)bytes);
    if (status == GF_OK) {
        for (uint32_t h = 0; h < 65536; h++)
            table[h] = gf_f16_to_f32((uint16_t)h);
        for (int64_t i = 0; i < entry->numel; i++)   /* little-endian halves */
            v->unit[i] = table[raw[2 * i] | (uint32_t)raw[2 * i + 1] << 8];
    }
    free(raw), free(table);
    return status;
}

static gf_status vectors_read_rows(gf_vectors *v, const gf_safetensors *st,
                                   const gf_st_entry *entry, const char *path, gf_error *err)
{
    if ((entry->dtype == GF_DTYPE_F16 ? vectors_read_f16(v, st, entry, path, err)
                                      : gf_safetensors_read_f32(st, entry, v->unit,
                                                                entry->numel, err)) != GF_OK)
        return err->status;
    for (int i = 0; i < v->count; i++) {
        int bad = -1;
        if (!vectors_normalise_row(v->unit + (size_t)i * v->dim, v->dim, &bad)) {
            if (bad >= 0)
                return gf_error_set(err, GF_ERR_RANGE,
                                    "%s: row %d ('%s', line %d): element %d is not finite",
                                    path, i, v->words[i], i + 1, bad);
            return gf_error_set(err, GF_ERR_RANGE, "%s: row %d ('%s', line %d): all zeros",
                                path, i, v->words[i], i + 1);
        }
    }
    return GF_OK;
}

/* Open the tensor file and size the struct from its one tensor. */
static gf_status vectors_open_tensor(gf_vectors *v, gf_safetensors *st, const char *dir,
                                     const char *path, const gf_st_entry **entry, gf_error *err)
{
    if (gf_safetensors_open(st, path, err) != GF_OK)
        return err->status;
    *entry = gf_safetensors_find(st, GF_VECTORS_TENSOR);
    if (!*entry)
        return gf_error_set(err, GF_ERR_FORMAT, "%s: no tensor \"%s\"", path, GF_VECTORS_TENSOR);
    const gf_st_entry *e = *entry;
    if (e->ndim != 2 || e->shape[0] < 1 || e->shape[0] > INT32_MAX || e->shape[1] < 1 ||
        e->shape[1] > GF_VECTORS_MAX_DIM)
        return gf_error_set(err, GF_ERR_SHAPE,
                            "%s: tensor \"%s\" must be [words, dims] with 1..%d dims",
                            path, GF_VECTORS_TENSOR, GF_VECTORS_MAX_DIM);
    return vectors_alloc(v, GF_VECTORS_FOLDER, (int)e->shape[0], (int)e->shape[1], dir, err);
}

/* words.txt (text, length bytes, NUL-terminated, owned by v from here on)
 * for v's count rows: split into exactly that many words, then indexed,
 * no word twice. */
static gf_status vectors_take_words(gf_vectors *v, char *text, size_t length, const char *path,
                                    gf_error *err)
{
    v->text = text;
    if (vectors_split_words(v, text, length, path, err) != GF_OK)
        return err->status;
    for (int i = 0; i < v->count; i++) {
        int first = -1;
        if (vectors_index_word(v, i, &first, err) != GF_OK)
            return err->status;
        if (first >= 0)
            return gf_error_set(err, GF_ERR_FORMAT, "%s: line %d: '%s' is already on line %d",
                                path, i + 1, v->words[i], first + 1);
    }
    return GF_OK;
}

gf_status gf_vectors_load(gf_vectors *v, const char *dir, gf_error *err)
{
    char tensor_path[1024], words_path[1024];
    snprintf(tensor_path, sizeof tensor_path, "%s/%s", dir, GF_VECTORS_FILE);
    snprintf(words_path, sizeof words_path, "%s/%s", dir, GF_VECTORS_WORDS_FILE);
    memset(v, 0, sizeof *v);
    gf_safetensors st;
    memset(&st, 0, sizeof st);
    const gf_st_entry *entry = NULL;
    char *text = NULL;
    size_t length = 0;
    gf_status status = vectors_open_tensor(v, &st, dir, tensor_path, &entry, err);
    if (status == GF_OK)
        status = gf_file_read_all(words_path, VECTORS_WORDS_MAX_BYTES, &text, &length, err);
    if (status == GF_OK)
        status = vectors_take_words(v, text, length, words_path, err);
    if (status == GF_OK)
        status = vectors_read_rows(v, &st, entry, tensor_path, err);
    gf_safetensors_close(&st);
    if (status != GF_OK)
        gf_vectors_free(v);
    return status;
}

gf_status gf_vectors_words_parse(gf_vectors *v, const char *text, size_t length, int count,
                                 const char *source, gf_error *err)
{
    memset(v, 0, sizeof *v);
    if (count < 0)
        return gf_error_set(err, GF_ERR_ARGUMENT, "%s: %d words expected", source, count);
    gf_status status = vectors_alloc(v, GF_VECTORS_FOLDER, count, 0, source, err);
    char *copy = status == GF_OK ? malloc(length + 1) : NULL;
    if (status == GF_OK && !copy)
        status = gf_error_set(err, GF_ERR_MEMORY, "%s: out of memory", source);
    if (status == GF_OK) {
        if (length > 0)
            memcpy(copy, text, length);
        copy[length] = '\0';
        status = vectors_take_words(v, copy, length, source, err);
    }
    if (status != GF_OK)
        gf_vectors_free(v);
    return status;
}

/* ---- a model's token embeddings ----------------------------------------------------------- */

/* A token is a word when its bytes are one space and then ASCII letters only. */
static bool vectors_token_is_word(const char *bytes, size_t length)
{
    if (length < 2 || bytes[0] != ' ')
        return false;
    for (size_t i = 1; i < length; i++)
        if (!isalpha((unsigned char)bytes[i]) || (unsigned char)bytes[i] >= 0x80)
            return false;
    return true;
}

gf_status gf_vectors_from_embeddings(gf_vectors *v, const float *wte, int n_tokens, int dim,
                                     const gf_tokenizer *tok, const char *source,
                                     gf_error *err)
{
    memset(v, 0, sizeof *v);
    if (n_tokens < 1 || dim < 1 || dim > GF_VECTORS_MAX_DIM)
        return gf_error_set(err, GF_ERR_ARGUMENT, "%s: embeddings of %d x %d", source, n_tokens,
                            dim);
    /* First pass: count the word tokens and their bytes. */
    int count = 0;
    size_t text_bytes = 0;
    int n_ids = gf_tokenizer_vocab_size(tok) < n_tokens ? gf_tokenizer_vocab_size(tok) : n_tokens;
    for (int32_t id = 0; id < n_ids; id++) {
        size_t length = 0;
        const char *bytes = gf_tokenizer_token_bytes(tok, id, &length);
        if (bytes && vectors_token_is_word(bytes, length)) {
            count++;
            text_bytes += length;    /* the space's byte holds the NUL */
        }
    }
    if (count == 0)
        return gf_error_set(err, GF_ERR_FORMAT,
                            "%s: no token is a word with a leading space (like \" king\")", source);
    gf_status status = vectors_alloc(v, GF_VECTORS_MODEL, count, dim, source, err);
    if (status == GF_OK) {
        v->text = malloc(text_bytes);
        v->token_ids = malloc((size_t)count * sizeof *v->token_ids);
        if (!v->text || !v->token_ids)
            status = gf_error_set(err, GF_ERR_MEMORY, "%s: out of memory", source);
    }
    /* Second pass: copy the words and their rows; a zero row is left out. */
    int row = 0;
    size_t used = 0;
    for (int32_t id = 0; status == GF_OK && id < n_ids; id++) {
        size_t length = 0;
        const char *bytes = gf_tokenizer_token_bytes(tok, id, &length);
        if (!bytes || !vectors_token_is_word(bytes, length))
            continue;
        float *dst = v->unit + (size_t)row * dim;
        memcpy(dst, wte + (size_t)id * dim, (size_t)dim * sizeof *dst);
        int bad = -1;
        if (!vectors_normalise_row(dst, dim, &bad)) {
            if (bad >= 0)
                status = gf_error_set(err, GF_ERR_RANGE, "%s: token %d: element %d is not finite",
                                      source, (int)id, bad);
            continue;
        }
        memcpy(v->text + used, bytes + 1, length - 1);
        v->text[used + length - 1] = '\0';
        v->words[row] = v->text + used;
        v->token_ids[row] = id;
        used += length;
        int first = -1;
        status = vectors_index_word(v, row, &first, err);
        if (status == GF_OK && first < 0)
            row++;
    }
    v->count = row;
    if (status != GF_OK)
        gf_vectors_free(v);
    return status;
}

gf_status gf_vectors_from_model(gf_vectors *v, const gf_model *m, gf_error *err)
{
    return gf_vectors_from_embeddings(v, m->weights.wte, m->config.vocab_size, m->config.n_embd,
                                      m->tokenizer, m->name, err);
}

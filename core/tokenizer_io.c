/* tokenizer_io.c — reading and writing GPT-2's vocab.json and merges.txt
 * (see tokenizer.h). vocab.json is a JSON object {"symbol": id, ...};
 * merges.txt holds one merge "left right" per line in rank order, after an
 * optional "#version: ..." first line. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "tok_file.h"
#include "tokenizer_internal.h"

/* Length of a UTF-8 byte-order mark at the start of data (0 or 3); some
 * editors write one, and neither format needs it. */
static size_t tok_io_bom(const char *data, size_t length)
{
    return length >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

/* 1-based line number of offset in data. */
static size_t tok_io_line_of(const char *data, size_t offset)
{
    size_t line = 1;
    for (size_t i = 0; i < offset; i++)
        line += data[i] == '\n';
    return line;
}

static gf_status tok_io_load_vocab(gf_tokenizer *tok, const char *path, gf_error *err)
{
    char *data;
    size_t length;
    gf_status st = gf_tok_file_read(path, GF_TOKENIZER_MAX_FILE, &data, &length, err);
    if (st != GF_OK)
        return st;
    const char *end = NULL;
    size_t bom = tok_io_bom(data, length);
    cJSON *root = cJSON_ParseWithLengthOpts(data + bom, length - bom, &end, 0);
    if (!root) {
        size_t at = end && end >= data && end <= data + length ? (size_t)(end - data) : 0;
        gf_error_set(err, GF_ERR_FORMAT, "%s:%zu: invalid JSON", path,
                     tok_io_line_of(data, at));
        free(data);
        return GF_ERR_FORMAT;
    }
    free(data);
    if (!cJSON_IsObject(root))
        st = gf_error_set(err, GF_ERR_FORMAT, "%s: expected a JSON object {\"symbol\": id}",
                          path);
    else if (cJSON_GetArraySize(root) > GF_TOKENIZER_MAX_ID)
        st = gf_error_set(err, GF_ERR_RANGE, "%s: more than %d entries", path,
                          GF_TOKENIZER_MAX_ID);
    char q[64];
    const cJSON *item = st == GF_OK ? root->child : NULL;
    for (; item && st == GF_OK; item = item->next) {
        const char *sym = item->string ? item->string : "";
        size_t len = strlen(sym);
        double v = cJSON_IsNumber(item) ? item->valuedouble : -1.0;
        if (!cJSON_IsNumber(item) || v != floor(v) || v < 0.0 || v >= GF_TOKENIZER_MAX_ID)
            st = gf_error_set(err, GF_ERR_FORMAT,
                              "%s: symbol \"%s\": id must be an integer in 0..%d", path,
                              gf_tokenizer_quote(sym, len, q, sizeof q),
                              GF_TOKENIZER_MAX_ID - 1);
        else
            st = gf_tokenizer_add_symbol(tok, sym, len, (int64_t)v, path, err);
    }
    cJSON_Delete(root);
    if (st == GF_OK)
        st = gf_tokenizer_finish_vocab(tok, path, err);
    return st;
}

/* Split line[0..n) into exactly two fields separated by spaces or tabs. */
static int tok_io_two_fields(const char *line, size_t n, size_t start[2], size_t len[2])
{
    int fields = 0;
    size_t i = 0;
    while (i < n) {
        while (i < n && (line[i] == ' ' || line[i] == '\t'))
            i++;
        if (i == n)
            break;
        if (fields == 2)
            return 0;
        start[fields] = i;
        while (i < n && line[i] != ' ' && line[i] != '\t')
            i++;
        len[fields] = i - start[fields];
        fields++;
    }
    return fields == 2;
}

static gf_status tok_io_load_merges(gf_tokenizer *tok, const char *path, gf_error *err)
{
    char *data;
    size_t length;
    gf_status st = gf_tok_file_read(path, GF_TOKENIZER_MAX_FILE, &data, &length, err);
    if (st != GF_OK)
        return st;
    size_t pos = tok_io_bom(data, length), line_no = 0;
    char where[1024];
    while (st == GF_OK && pos < length) {
        const char *line = data + pos;
        const char *nl = memchr(line, '\n', length - pos);
        size_t n = nl ? (size_t)(nl - line) : length - pos;
        pos += n + (nl ? 1 : 0);
        line_no++;
        if (n > 0 && line[n - 1] == '\r')
            n--;
        if (line_no == 1 && n >= 8 && memcmp(line, "#version", 8) == 0)
            continue;
        size_t start[2], len[2], i = 0;
        while (i < n && (line[i] == ' ' || line[i] == '\t'))
            i++;
        if (i == n) /* blank lines (the trailing one in particular) */
            continue;
        snprintf(where, sizeof where, "%s:%zu", path, line_no);
        if (!tok_io_two_fields(line, n, start, len))
            st = gf_error_set(err, GF_ERR_FORMAT,
                              "%s: expected two symbols separated by a space", where);
        else
            st = gf_tokenizer_add_merge(tok, line + start[0], len[0], line + start[1], len[1],
                                        where, err);
    }
    free(data);
    return st;
}

gf_status gf_tokenizer_load(gf_tokenizer **out, const char *vocab_path,
                            const char *merges_path, gf_error *err)
{
    *out = NULL;
    if (!vocab_path || !merges_path)
        return gf_error_set(err, GF_ERR_ARGUMENT, "tokenizer: load: missing path");
    gf_tokenizer *tok;
    gf_status st = gf_tokenizer_create(&tok, err);
    if (st != GF_OK)
        return st;
    st = tok_io_load_vocab(tok, vocab_path, err);
    if (st == GF_OK)
        st = tok_io_load_merges(tok, merges_path, err);
    if (st != GF_OK) {
        gf_tokenizer_free(tok);
        return st;
    }
    *out = tok;
    return GF_OK;
}

/* ---- save ------------------------------------------------------------- */

/* Write a symbol as a JSON string. Symbols hold only GPT-2's byte
 * characters, so '"' and '\\' are the only ones JSON needs escaped. */
static void tok_io_put_json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static gf_status tok_io_open(FILE **f, char *path, size_t size, const char *dir,
                             const char *name, gf_error *err)
{
    int n = snprintf(path, size, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= size)
        return gf_error_set(err, GF_ERR_ARGUMENT, "%s: directory path too long", dir);
    *f = fopen(path, "wb");
    if (!*f)
        return gf_error_set(err, GF_ERR_IO, "%s: cannot create: %s", path, strerror(errno));
    return GF_OK;
}

static gf_status tok_io_close(FILE *f, const char *path, gf_error *err)
{
    int bad = ferror(f);
    int saved = errno;
    if (fclose(f) != 0 && !bad) {
        bad = 1;
        saved = errno;
    }
    if (bad)
        return gf_error_set(err, GF_ERR_IO, "%s: write error: %s", path, strerror(saved));
    return GF_OK;
}

gf_status gf_tokenizer_save(const gf_tokenizer *tok, const char *dir, gf_error *err)
{
    if (!tok || !dir)
        return gf_error_set(err, GF_ERR_ARGUMENT, "tokenizer: save: missing argument");
    char path[4096];
    FILE *f;
    gf_status st = tok_io_open(&f, path, sizeof path, dir, "vocab.json", err);
    if (st != GF_OK)
        return st;
    /* One entry per line, in id order. */
    fputs("{", f);
    int first = 1;
    for (int32_t id = 0; id < tok->n_ids; id++) {
        const char *sym = gf_tokenizer_token_symbol(tok, id);
        if (!sym)
            continue;
        fputs(first ? "\n  " : ",\n  ", f);
        tok_io_put_json_string(f, sym);
        fprintf(f, ": %d", (int)id);
        first = 0;
    }
    fputs("\n}\n", f);
    st = tok_io_close(f, path, err);
    if (st != GF_OK)
        return st;
    st = tok_io_open(&f, path, sizeof path, dir, "merges.txt", err);
    if (st != GF_OK)
        return st;
    fputs("#version: 0.2\n", f);
    for (int r = 0; r < tok->n_merges; r++) {
        const char *left, *right;
        gf_tokenizer_merge(tok, r, &left, &right);
        fprintf(f, "%s %s\n", left, right);
    }
    return tok_io_close(f, path, err);
}

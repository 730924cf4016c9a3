/* tokenizer_io.c — reading and writing GPT-2's vocab.json and merges.txt
 * (see tokenizer.h). vocab.json is a JSON object {"symbol": id, ...};
 * merges.txt holds one merge "left right" per line in rank order, after an
 * optional "#version: ..." first line. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "file_io.h"
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

static gf_status tok_io_parse_vocab(gf_tokenizer *tok, const char *data, size_t length,
                                    const char *path, gf_error *err)
{
    gf_status st = GF_OK;
    const char *end = NULL;
    size_t bom = tok_io_bom(data, length);
    cJSON *root = cJSON_ParseWithLengthOpts(data + bom, length - bom, &end, 0);
    if (!root) {
        size_t at = end && end >= data && end <= data + length ? (size_t)(end - data) : 0;
        return gf_error_set(err, GF_ERR_FORMAT, "%s:%zu: invalid JSON", path,
                            tok_io_line_of(data, at));
    }
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

static gf_status tok_io_parse_merges(gf_tokenizer *tok, const char *data, size_t length,
                                     const char *path, gf_error *err)
{
    gf_status st = GF_OK;
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
    return st;
}

gf_status gf_tokenizer_parse(gf_tokenizer **out, const char *vocab, size_t vocab_length,
                             const char *vocab_source, const char *merges, size_t merges_length,
                             const char *merges_source, gf_error *err)
{
    *out = NULL;
    if (!vocab || !merges || !vocab_source || !merges_source)
        return gf_error_set(err, GF_ERR_ARGUMENT, "tokenizer: parse: missing text or name");
    gf_tokenizer *tok;
    gf_status st = gf_tokenizer_create(&tok, err);
    if (st != GF_OK)
        return st;
    st = tok_io_parse_vocab(tok, vocab, vocab_length, vocab_source, err);
    if (st == GF_OK)
        st = tok_io_parse_merges(tok, merges, merges_length, merges_source, err);
    if (st != GF_OK) {
        gf_tokenizer_free(tok);
        return st;
    }
    *out = tok;
    return GF_OK;
}

gf_status gf_tokenizer_load(gf_tokenizer **out, const char *vocab_path,
                            const char *merges_path, gf_error *err)
{
    *out = NULL;
    if (!vocab_path || !merges_path)
        return gf_error_set(err, GF_ERR_ARGUMENT, "tokenizer: load: missing path");
    char *vocab = NULL, *merges = NULL;
    size_t vocab_length = 0, merges_length = 0;
    gf_status st = gf_file_read_all(vocab_path, GF_TOKENIZER_MAX_FILE, &vocab, &vocab_length,
                                    err);
    if (st == GF_OK)
        st = gf_file_read_all(merges_path, GF_TOKENIZER_MAX_FILE, &merges, &merges_length, err);
    if (st == GF_OK)
        st = gf_tokenizer_parse(out, vocab, vocab_length, vocab_path, merges, merges_length,
                                merges_path, err);
    free(vocab);
    free(merges);
    return st;
}

/* ---- save ------------------------------------------------------------- */

/* Write a symbol as a JSON string. Symbols hold only GPT-2's byte
 * characters, so '"' and '\\' are the only ones JSON needs escaped. */
static void tok_io_put_json_string(gf_file_out *out, const char *s)
{
    gf_file_out_write(out, "\"", 1);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            gf_file_out_write(out, "\\", 1);
        gf_file_out_write(out, s, 1);
    }
    gf_file_out_write(out, "\"", 1);
}

void gf_tokenizer_write(const gf_tokenizer *tok, gf_file_out *vocab, gf_file_out *merges)
{
    /* vocab.json: one entry per line, in id order. */
    gf_file_out_printf(vocab, "{");
    int first = 1;
    for (int32_t id = 0; id < tok->n_ids; id++) {
        const char *sym = gf_tokenizer_token_symbol(tok, id);
        if (!sym)
            continue;
        gf_file_out_printf(vocab, first ? "\n  " : ",\n  ");
        tok_io_put_json_string(vocab, sym);
        gf_file_out_printf(vocab, ": %d", (int)id);
        first = 0;
    }
    gf_file_out_printf(vocab, "\n}\n");
    gf_file_out_printf(merges, "#version: 0.2\n");
    for (int r = 0; r < tok->n_merges; r++) {
        const char *left, *right;
        gf_tokenizer_merge(tok, r, &left, &right);
        gf_file_out_printf(merges, "%s %s\n", left, right);
    }
}

gf_status gf_tokenizer_save(const gf_tokenizer *tok, const char *dir, gf_error *err)
{
    if (!tok || !dir)
        return gf_error_set(err, GF_ERR_ARGUMENT, "tokenizer: save: missing argument");
    char vocab_path[4096], merges_path[4096];
    int a = snprintf(vocab_path, sizeof vocab_path, "%s/vocab.json", dir);
    int b = snprintf(merges_path, sizeof merges_path, "%s/merges.txt", dir);
    if (a < 0 || b < 0 || (size_t)a >= sizeof vocab_path || (size_t)b >= sizeof merges_path)
        return gf_error_set(err, GF_ERR_ARGUMENT, "%.200s: directory path too long", dir);
    gf_file_out vocab, merges;
    memset(&merges, 0, sizeof merges);
    gf_status st = gf_file_out_begin(&vocab, vocab_path, err);
    if (st == GF_OK)
        st = gf_file_out_begin(&merges, merges_path, err);
    if (st == GF_OK)
        gf_tokenizer_write(tok, &vocab, &merges);
    /* Both on the disk before either replaces anything. */
    if (st == GF_OK)
        st = gf_file_out_finish(&vocab, err);
    if (st == GF_OK)
        st = gf_file_out_finish(&merges, err);
    if (st == GF_OK)
        st = gf_file_out_commit(&vocab, err);
    if (st == GF_OK)
        st = gf_file_out_commit(&merges, err);
    gf_file_out_abort(&vocab);
    gf_file_out_abort(&merges);
    return st;
}

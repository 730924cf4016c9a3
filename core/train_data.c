/* train_data.c — a text file as token ids, and batches drawn from them
 * (see train_data.h). */
#include "train_data.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memory_limit.h"
#include "file_io.h"

#define TD_CHUNK (1024u * 1024u)   /* bytes encoded at a time (about) */

/* A byte that is neither white space nor part of a multi-byte character. */
static bool td_is_plain(char ch)
{
    return ch > 0x20 && ch < 0x7f;
}

/* End of the piece that starts at pos: the whole rest when it is short,
 * else just after a "\n" between two plain characters at or after
 * pos + TD_CHUNK. 0 when no such line break comes within the tokenizer's
 * limit. */
static size_t td_chunk_end(const char *text, size_t length, size_t pos)
{
    if (length - pos <= TD_CHUNK)
        return length;
    const size_t limit = pos + GF_TOKENIZER_MAX_TEXT < length ? pos + GF_TOKENIZER_MAX_TEXT
                                                              : length;
    for (size_t i = pos + TD_CHUNK; i + 1 < limit; i++)
        if (text[i] == '\n' && td_is_plain(text[i - 1]) && td_is_plain(text[i + 1]))
            return i + 1;
    return limit == length ? length : 0;
}

/* Line (from 1) of byte offset `at`, for messages. */
static size_t td_line_of(const char *text, size_t at)
{
    size_t line = 1;
    for (size_t i = 0; i < at; i++)
        line += text[i] == '\n';
    return line;
}

static gf_status td_alloc_tokens(gf_train_data *d, size_t length, gf_error *err)
{
    /* Every token stands for at least one byte: length + 1 ids always fit. */
    const uint64_t bytes = ((uint64_t)length + 1) * sizeof *d->tokens;
    if (bytes > gf_memory_limit(UINT64_MAX))
        return gf_error_set(err, GF_ERR_MEMORY, "%s: %zu bytes of text need %llu bytes of "
                            "token ids, more than this machine allows", d->path, length,
                            (unsigned long long)bytes);
    d->tokens = malloc((size_t)bytes);
    if (!d->tokens)
        return gf_error_set(err, GF_ERR_MEMORY, "%s: out of memory for the token ids", d->path);
    return GF_OK;
}

static gf_status td_encode(gf_train_data *d, const char *text, size_t length,
                           const gf_tokenizer *tok, gf_error *err)
{
    gf_status s = GF_OK;
    for (size_t pos = 0; s == GF_OK && pos < length;) {
        const size_t end = td_chunk_end(text, length, pos);
        if (end == 0)
            return gf_error_set(err, GF_ERR_RANGE, "%s: no line break between byte %zu and "
                                "the next %u bytes: too long to encode", d->path, pos,
                                GF_TOKENIZER_MAX_TEXT);
        int32_t *ids = NULL;
        int n_ids = 0;
        s = gf_tokenizer_encode(tok, text + pos, end - pos, &ids, &n_ids, err);
        if (s != GF_OK && err) {
            char reason[GF_ERROR_MESSAGE_MAX];
            snprintf(reason, sizeof reason, "%s", err->message);
            gf_error_set(err, s, "%s: %s", d->path, reason);
        } else if (s == GF_OK) {
            memcpy(d->tokens + d->n, ids, sizeof *ids * (size_t)n_ids);
            d->n += n_ids;
        }
        free(ids);
        pos = end;
    }
    return s;
}

gf_status gf_train_data_load(gf_train_data *d, const char *path, const gf_tokenizer *tok,
                             bool prepend_eot, gf_error *err)
{
    memset(d, 0, sizeof *d);
    if (!path || !tok)
        return gf_error_set(err, GF_ERR_ARGUMENT, "train data: no file or tokenizer given");
    d->path = strdup(path);
    if (!d->path)
        return gf_error_set(err, GF_ERR_MEMORY, "%s: out of memory", path);
    char *text = NULL;
    size_t length = 0;
    size_t bad = 0;
    gf_status s = gf_file_read_all(path, GF_TRAIN_DATA_MAX_BYTES, &text, &length, err);
    if (s == GF_OK && !gf_utf8_valid(text, length, &bad))
        s = gf_error_set(err, GF_ERR_UTF8, "%s: not valid UTF-8 at byte %zu (line %zu)", path,
                         bad, td_line_of(text, bad));
    if (s == GF_OK)
        s = td_alloc_tokens(d, length, err);
    if (s == GF_OK && prepend_eot && gf_tokenizer_eot(tok) >= 0)
        d->tokens[d->n++] = gf_tokenizer_eot(tok);
    if (s == GF_OK)
        s = td_encode(d, text, length, tok, err);
    free(text);
    if (s != GF_OK) {
        gf_train_data_free(d);
        return s;
    }
    d->bytes = (int64_t)length;
    int32_t *fit = realloc(d->tokens, sizeof *fit * (size_t)(d->n > 0 ? d->n : 1));
    if (fit)
        d->tokens = fit;
    return GF_OK;
}

void gf_train_data_free(gf_train_data *d)
{
    free(d->path);
    free(d->tokens);
    memset(d, 0, sizeof *d);
}

uint64_t gf_train_data_fnv1a64(const gf_train_data *d)
{
    uint64_t h = 14695981039346656037ull;
    for (int64_t i = 0; d && d->tokens && i < d->n; i++) {
        const uint32_t id = (uint32_t)d->tokens[i];
        for (int byte = 0; byte < 4; byte++) {
            h ^= (id >> (8 * byte)) & 0xffu;
            h *= 1099511628211ull;
        }
    }
    return h;
}

gf_status gf_train_data_check_length(const gf_train_data *d, int seq_len, gf_error *err)
{
    if (seq_len < 1 || d->n < (int64_t)seq_len + 1)
        return gf_error_set(err, GF_ERR_RANGE,
                            "%s: %lld tokens are too few for sequences of %d (need at least "
                            "%lld)", d->path ? d->path : "data", (long long)d->n, seq_len,
                            (long long)seq_len + 1);
    return GF_OK;
}

static void td_copy_window(const gf_train_data *d, int64_t start, int seq_len, int32_t *row)
{
    memcpy(row, d->tokens + start, sizeof *row * ((size_t)seq_len + 1));
}

void gf_train_data_spread_batch(const gf_train_data *d, int seq_len, int batch_size, int index,
                                int n_batches, int32_t *batch)
{
    const int64_t last = d->n - seq_len - 1;   /* the largest start */
    const int64_t windows = (int64_t)n_batches * batch_size;
    for (int b = 0; b < batch_size; b++) {
        const int64_t j = (int64_t)index * batch_size + b;
        const int64_t start =
            windows > 1 ? (int64_t)((double)j * (double)last / (double)(windows - 1)) : 0;
        td_copy_window(d, start < last ? start : last, seq_len,
                       batch + (size_t)b * ((size_t)seq_len + 1));
    }
}

gf_status gf_train_sampler_init(gf_train_sampler *s, const gf_train_data *d, int seq_len,
                                int batch_size, uint64_t seed, gf_error *err)
{
    memset(s, 0, sizeof *s);
    if (batch_size < 1)
        return gf_error_set(err, GF_ERR_RANGE, "train data: batch size %d is below 1",
                            batch_size);
    gf_status st = gf_train_data_check_length(d, seq_len, err);
    if (st != GF_OK)
        return st;
    s->data = d;
    s->seq_len = seq_len;
    s->batch_size = batch_size;
    gf_rng_seed(&s->rng, seed);
    return GF_OK;
}

void gf_train_sampler_next(gf_train_sampler *s, int32_t *batch)
{
    const int64_t starts = s->data->n - s->seq_len;   /* 0 .. n - T - 1 */
    for (int b = 0; b < s->batch_size; b++) {
        int64_t start = (int64_t)(gf_rng_uniform(&s->rng) * (double)starts);
        if (start >= starts)
            start = starts - 1;
        td_copy_window(s->data, start, s->seq_len,
                       batch + (size_t)b * ((size_t)s->seq_len + 1));
    }
}

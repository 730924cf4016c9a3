/* tokenizer.c — GPT-2 byte-level BPE: building the tables, encode, decode
 * and the read-only accessors (see tokenizer.h; files are in tokenizer_io.c). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "bpe_word.h"
#include "byte_unicode.h"
#include "tok_grow.h"
#include "tok_utf8.h"
#include "tokenizer_internal.h"

/* Pieces up to this many bytes go into the per-call word cache. */
#define TOK_CACHE_MAX_PIECE 255u

/* ---- building --------------------------------------------------------- */

gf_status gf_tokenizer_create(gf_tokenizer **out, gf_error *err)
{
    *out = NULL;
    gf_tokenizer *tok = calloc(1, sizeof *tok);
    if (!tok)
        return gf_error_set(err, GF_ERR_MEMORY, "tokenizer: out of memory");
    gf_str_table_init(&tok->symbols);
    gf_pair_table_init(&tok->ranks);
    tok->eot = -1;
    for (int b = 0; b < 256; b++)
        tok->byte_ids[b] = -1;
    gf_status st = gf_pretok_new(&tok->pretok, err);
    if (st != GF_OK) {
        gf_tokenizer_free(tok);
        return st;
    }
    *out = tok;
    return GF_OK;
}

void gf_tokenizer_free(gf_tokenizer *tok)
{
    if (!tok)
        return;
    gf_str_table_free(&tok->symbols);
    gf_pair_table_free(&tok->ranks);
    free(tok->symbol_index);
    free(tok->bytes);
    free(tok->bytes_off);
    free(tok->merges);
    gf_pretok_free(tok->pretok);
    free(tok);
}

const char *gf_tokenizer_quote(const char *symbol, size_t length, char *buf, size_t size)
{
    size_t limit = size > 48 ? 40 : (size > 8 ? size - 8 : 0), w = 0, i = 0;
    while (i < length) {
        unsigned char c = (unsigned char)symbol[i];
        uint32_t cp;
        size_t step = c < 0x80u ? 1 : gf_tok_utf8_decode(symbol + i, length - i, &cp);
        int shown = step > 0 && c >= 0x20u && c != 0x7Fu;
        size_t need = shown ? step : 1;
        if (w + need > limit)
            break;
        if (shown)
            memcpy(buf + w, symbol + i, step);
        else
            buf[w] = '?';
        w += need;
        i += step ? step : 1;
    }
    if (i < length && w + 3 < size) {
        memcpy(buf + w, "...", 3);
        w += 3;
    }
    if (size > 0)
        buf[w < size ? w : size - 1] = '\0';
    return buf;
}

gf_status gf_tokenizer_add_symbol(gf_tokenizer *tok, const char *symbol, size_t length,
                                  int64_t id, const char *where, gf_error *err)
{
    char q[64];
    size_t bad = 0;
    if (length == 0)
        return gf_error_set(err, GF_ERR_FORMAT, "%s: empty symbol (id %lld)", where,
                            (long long)id);
    if (length > GF_TOKENIZER_MAX_SYMBOL)
        return gf_error_set(err, GF_ERR_RANGE, "%s: symbol \"%s\" is %zu bytes (limit %u)",
                            where, gf_tokenizer_quote(symbol, length, q, sizeof q), length,
                            GF_TOKENIZER_MAX_SYMBOL);
    if (id < 0 || id >= GF_TOKENIZER_MAX_ID)
        return gf_error_set(err, GF_ERR_RANGE, "%s: symbol \"%s\": id %lld is not in 0..%d",
                            where, gf_tokenizer_quote(symbol, length, q, sizeof q),
                            (long long)id, GF_TOKENIZER_MAX_ID - 1);
    if (!gf_utf8_valid(symbol, length, &bad))
        return gf_error_set(err, GF_ERR_FORMAT,
                            "%s: symbol \"%s\" (id %lld): invalid UTF-8 at byte %zu", where,
                            gf_tokenizer_quote(symbol, length, q, sizeof q), (long long)id,
                            bad);
    /* Each character must be one of GPT-2's 256 byte characters. */
    for (size_t i = 0; i < length;) {
        uint32_t cp = 0;
        size_t step = gf_tok_utf8_decode(symbol + i, length - i, &cp);
        if (gf_byte_unicode_byte(cp) < 0)
            return gf_error_set(err, GF_ERR_FORMAT,
                                "%s: symbol \"%s\" (id %lld): U+%04X at byte %zu is not a "
                                "byte-level character",
                                where, gf_tokenizer_quote(symbol, length, q, sizeof q),
                                (long long)id, (unsigned)cp, i);
        i += step;
    }
    size_t index;
    int inserted;
    gf_status st = gf_str_table_intern(&tok->symbols, symbol, length, &index, &inserted, err);
    if (st != GF_OK)
        return st;
    if (!inserted)
        return gf_error_set(err, GF_ERR_FORMAT, "%s: symbol \"%s\" appears twice", where,
                            gf_tokenizer_quote(symbol, length, q, sizeof q));
    gf_str_table_set(&tok->symbols, index, id);
    if (id + 1 > tok->n_ids)
        tok->n_ids = (int)id + 1;
    return GF_OK;
}

gf_status gf_tokenizer_finish_vocab(gf_tokenizer *tok, const char *where, gf_error *err)
{
    size_t n_sym = gf_str_table_count(&tok->symbols), n = (size_t)tok->n_ids, total = 0;
    char q1[64], q2[64];
    if (n_sym == 0)
        return gf_error_set(err, GF_ERR_FORMAT, "%s: the vocabulary is empty", where);
    tok->symbol_index = malloc(n * sizeof *tok->symbol_index);
    tok->bytes_off = malloc((n + 1) * sizeof *tok->bytes_off);
    if (!tok->symbol_index || !tok->bytes_off)
        return gf_error_set(err, GF_ERR_MEMORY, "%s: out of memory (%zu ids)", where, n);
    for (size_t i = 0; i < n; i++)
        tok->symbol_index[i] = -1;
    for (size_t e = 0; e < n_sym; e++) {
        size_t len, other_len;
        const char *sym = gf_str_table_key(&tok->symbols, e, &len);
        int64_t id = gf_str_table_get(&tok->symbols, e);
        int32_t other = tok->symbol_index[id];
        if (other >= 0) {
            const char *osym = gf_str_table_key(&tok->symbols, (size_t)other, &other_len);
            return gf_error_set(err, GF_ERR_FORMAT, "%s: id %lld is used by \"%s\" and \"%s\"",
                                where, (long long)id,
                                gf_tokenizer_quote(osym, other_len, q1, sizeof q1),
                                gf_tokenizer_quote(sym, len, q2, sizeof q2));
        }
        tok->symbol_index[id] = (int32_t)e;
        total += len; /* raw bytes never outnumber symbol bytes */
    }
    tok->bytes = malloc(total + 1);
    if (!tok->bytes)
        return gf_error_set(err, GF_ERR_MEMORY, "%s: out of memory (%zu bytes)", where, total);
    size_t off = 0;
    for (size_t i = 0; i < n; i++) {
        tok->bytes_off[i] = off;
        if (tok->symbol_index[i] < 0)
            continue;
        size_t len;
        const char *sym = gf_str_table_key(&tok->symbols, (size_t)tok->symbol_index[i], &len);
        long nb = gf_byte_unicode_decode(sym, len, (uint8_t *)tok->bytes + off, NULL);
        if (nb == 1)
            tok->byte_ids[(uint8_t)tok->bytes[off]] = (int32_t)i;
        off += (size_t)nb;
    }
    tok->bytes_off[n] = off;
    tok->eot = gf_tokenizer_lookup(tok, GF_TOKENIZER_EOT);
    return GF_OK;
}

/* Id of symbol[0..length), or -1. */
static int32_t tok_find(const gf_tokenizer *tok, const char *symbol, size_t length)
{
    long e = gf_str_table_find(&tok->symbols, symbol, length);
    return e < 0 ? -1 : (int32_t)gf_str_table_get(&tok->symbols, (size_t)e);
}

gf_status gf_tokenizer_add_merge(gf_tokenizer *tok, const char *left, size_t left_length,
                                 const char *right, size_t right_length, const char *where,
                                 gf_error *err)
{
    char q1[64], q2[64];
    int32_t l = tok_find(tok, left, left_length);
    int32_t r = tok_find(tok, right, right_length);
    if (l < 0 || r < 0) {
        const char *s = l < 0 ? left : right;
        size_t n = l < 0 ? left_length : right_length;
        return gf_error_set(err, GF_ERR_FORMAT, "%s: \"%s\" is not in the vocabulary", where,
                            gf_tokenizer_quote(s, n, q1, sizeof q1));
    }
    if (tok->n_merges >= GF_TOKENIZER_MAX_ID)
        return gf_error_set(err, GF_ERR_RANGE, "%s: more than %d merges", where,
                            GF_TOKENIZER_MAX_ID);
    int32_t earlier = gf_pair_table_find(&tok->ranks, l, r);
    if (earlier >= 0)
        return gf_error_set(err, GF_ERR_FORMAT, "%s: merge \"%s\" \"%s\" repeats rank %d",
                            where, gf_tokenizer_quote(left, left_length, q1, sizeof q1),
                            gf_tokenizer_quote(right, right_length, q2, sizeof q2),
                            (int)earlier);
    /* The merged symbol: the two symbols written one after the other. */
    size_t ll, rl;
    const char *ls = gf_str_table_key(&tok->symbols, (size_t)tok->symbol_index[l], &ll);
    const char *rs = gf_str_table_key(&tok->symbols, (size_t)tok->symbol_index[r], &rl);
    char small[256];
    char *joined = ll + rl <= sizeof small ? small : malloc(ll + rl);
    if (!joined)
        return gf_error_set(err, GF_ERR_MEMORY, "%s: out of memory", where);
    memcpy(joined, ls, ll);
    memcpy(joined + ll, rs, rl);
    int32_t m = tok_find(tok, joined, ll + rl);
    if (m < 0)
        gf_error_set(err, GF_ERR_FORMAT, "%s: merged symbol \"%s\" is not in the vocabulary",
                     where, gf_tokenizer_quote(joined, ll + rl, q1, sizeof q1));
    if (joined != small)
        free(joined);
    if (m < 0)
        return GF_ERR_FORMAT;
    int32_t *merges = gf_tok_grow(tok->merges, &tok->merges_cap, (size_t)tok->n_merges + 1,
                                  3 * sizeof *merges);
    if (!merges)
        return gf_error_set(err, GF_ERR_MEMORY, "%s: out of memory (%d merges)", where,
                            tok->n_merges + 1);
    tok->merges = merges;
    gf_status st = gf_pair_table_put(&tok->ranks, l, r, tok->n_merges, err);
    if (st != GF_OK)
        return st;
    int32_t *row = merges + 3 * (size_t)tok->n_merges++;
    row[0] = l;
    row[1] = r;
    row[2] = m;
    return GF_OK;
}

gf_status gf_tokenizer_new_byte_level(gf_tokenizer **out, gf_error *err)
{
    gf_tokenizer *tok;
    gf_status st = gf_tokenizer_create(&tok, err);
    for (int id = 0; st == GF_OK && id < 256; id++) {
        uint8_t b = gf_byte_unicode_at_rank(id);
        char sym[4];
        size_t len = gf_byte_unicode_encode(&b, 1, sym);
        st = gf_tokenizer_add_symbol(tok, sym, len, id, "byte-level tokenizer", err);
    }
    if (st == GF_OK)
        st = gf_tokenizer_add_symbol(tok, GF_TOKENIZER_EOT, strlen(GF_TOKENIZER_EOT), 256,
                                     "byte-level tokenizer", err);
    if (st == GF_OK)
        st = gf_tokenizer_finish_vocab(tok, "byte-level tokenizer", err);
    if (st != GF_OK) {
        gf_tokenizer_free(tok);
        return st;
    }
    *out = tok;
    return GF_OK;
}

/* ---- encode ----------------------------------------------------------- */

typedef struct {
    const gf_tokenizer *tok;
    gf_bpe_word word;      /* scratch for one word's merges */
    int32_t *ids;          /* (cap) the output so far */
    size_t n_ids, cap;
    gf_str_table cache;    /* piece -> (offset << 16) | count into cache_ids */
    int32_t *cache_ids;
    size_t cache_n, cache_cap;
} tok_encoder;

/* Append n ids to a growable id array. */
static int tok_append(int32_t **arr, size_t *len, size_t *cap, const int32_t *ids, size_t n)
{
    int32_t *grown = gf_tok_grow(*arr, cap, *len + n, sizeof **arr);
    if (!grown)
        return 0;
    *arr = grown;
    if (n)
        memcpy(grown + *len, ids, n * sizeof *ids);
    *len += n;
    return 1;
}

/* gf_pretok_fn: encode one piece onto the output. */
static gf_status tok_encode_piece(void *user, const char *text, size_t start, size_t length,
                                  gf_error *err)
{
    tok_encoder *enc = user;
    const gf_tokenizer *tok = enc->tok;
    const char *piece = text + start;
    int cacheable = length <= TOK_CACHE_MAX_PIECE;
    if (cacheable) {
        long e = gf_str_table_find(&enc->cache, piece, length);
        if (e >= 0) {
            int64_t v = gf_str_table_get(&enc->cache, (size_t)e);
            if (!tok_append(&enc->ids, &enc->n_ids, &enc->cap, enc->cache_ids + (v >> 16),
                            (size_t)(v & 0xFFFF)))
                return gf_error_set(err, GF_ERR_MEMORY, "tokenizer: out of memory");
            return GF_OK;
        }
    }
    int32_t *grown = gf_tok_grow(enc->ids, &enc->cap, enc->n_ids + length, sizeof *grown);
    if (!grown)
        return gf_error_set(err, GF_ERR_MEMORY, "tokenizer: out of memory (%zu ids)",
                            enc->n_ids + length);
    enc->ids = grown;
    int32_t *word = enc->ids + enc->n_ids; /* (length) one id per byte, then merged */
    for (size_t i = 0; i < length; i++) {
        word[i] = tok->byte_ids[(uint8_t)piece[i]];
        if (word[i] < 0)
            return gf_error_set(err, GF_ERR_RANGE,
                                "text: byte 0x%02X at offset %zu has no token in the "
                                "vocabulary",
                                (unsigned)(uint8_t)piece[i], start + i);
    }
    size_t n = length;
    gf_status st = gf_bpe_word_merge(&enc->word, &tok->ranks, tok->merges, word, &n, err);
    if (st != GF_OK)
        return st;
    if (cacheable) {
        size_t e, offset = enc->cache_n;
        st = gf_str_table_intern(&enc->cache, piece, length, &e, NULL, err);
        if (st != GF_OK)
            return st;
        if (!tok_append(&enc->cache_ids, &enc->cache_n, &enc->cache_cap, word, n))
            return gf_error_set(err, GF_ERR_MEMORY, "tokenizer: out of memory (cache)");
        gf_str_table_set(&enc->cache, e, ((int64_t)offset << 16) | (int64_t)n);
    }
    enc->n_ids += n;
    return GF_OK;
}

gf_status gf_tokenizer_encode(const gf_tokenizer *tok, const char *text, size_t length,
                              int32_t **ids, int *n_ids, gf_error *err)
{
    *ids = NULL;
    *n_ids = 0;
    if (!tok || (!text && length > 0))
        return gf_error_set(err, GF_ERR_ARGUMENT, "tokenizer: encode: no %s",
                            tok ? "text" : "tokenizer");
    if (length > GF_TOKENIZER_MAX_TEXT)
        return gf_error_set(err, GF_ERR_RANGE, "text: %zu bytes is over the limit of %u",
                            length, GF_TOKENIZER_MAX_TEXT);
    size_t bad = 0;
    if (!gf_utf8_valid(text, length, &bad))
        return gf_error_set(err, GF_ERR_UTF8, "text: invalid UTF-8 at byte offset %zu", bad);
    tok_encoder enc;
    memset(&enc, 0, sizeof enc);
    enc.tok = tok;
    gf_bpe_word_init(&enc.word);
    gf_str_table_init(&enc.cache);
    enc.ids = gf_tok_grow(NULL, &enc.cap, length / 3 + 1, sizeof *enc.ids);
    gf_status st = enc.ids ? GF_OK
                           : gf_error_set(err, GF_ERR_MEMORY, "tokenizer: out of memory");
    if (st == GF_OK)
        st = gf_pretok_split(tok->pretok, text, length, tok_encode_piece, &enc, err);
    gf_bpe_word_free(&enc.word);
    gf_str_table_free(&enc.cache);
    free(enc.cache_ids);
    if (st != GF_OK) {
        free(enc.ids);
        return st;
    }
    *ids = enc.ids;
    *n_ids = (int)enc.n_ids;
    return GF_OK;
}

/* ---- decode and accessors --------------------------------------------- */

static int tok_id_known(const gf_tokenizer *tok, int32_t id)
{
    return id >= 0 && id < tok->n_ids && tok->symbol_index[id] >= 0;
}

gf_status gf_tokenizer_decode(const gf_tokenizer *tok, const int32_t *ids, int n_ids,
                              char **text, size_t *length, gf_error *err)
{
    *text = NULL;
    *length = 0;
    if (!tok || n_ids < 0 || (!ids && n_ids > 0))
        return gf_error_set(err, GF_ERR_ARGUMENT, "tokenizer: decode: bad arguments");
    size_t total = 0;
    for (int i = 0; i < n_ids; i++) {
        if (!tok_id_known(tok, ids[i]))
            return gf_error_set(err, GF_ERR_RANGE,
                                "tokens: id %d (position %d) is not in the vocabulary "
                                "(size %d)",
                                (int)ids[i], i, tok->n_ids);
        total += tok->bytes_off[ids[i] + 1] - tok->bytes_off[ids[i]];
    }
    char *out = malloc(total + 1);
    if (!out)
        return gf_error_set(err, GF_ERR_MEMORY, "tokenizer: out of memory (%zu bytes)",
                            total + 1);
    size_t w = 0;
    for (int i = 0; i < n_ids; i++) {
        size_t off = tok->bytes_off[ids[i]], n = tok->bytes_off[ids[i] + 1] - off;
        memcpy(out + w, tok->bytes + off, n);
        w += n;
    }
    out[w] = '\0';
    *text = out;
    *length = w;
    return GF_OK;
}

int gf_tokenizer_vocab_size(const gf_tokenizer *tok)
{
    return tok->n_ids;
}

int32_t gf_tokenizer_eot(const gf_tokenizer *tok)
{
    return tok->eot;
}

const char *gf_tokenizer_token_bytes(const gf_tokenizer *tok, int32_t id, size_t *length)
{
    if (!tok_id_known(tok, id))
        return NULL;
    if (length)
        *length = tok->bytes_off[id + 1] - tok->bytes_off[id];
    return tok->bytes + tok->bytes_off[id];
}

const char *gf_tokenizer_token_symbol(const gf_tokenizer *tok, int32_t id)
{
    if (!tok_id_known(tok, id))
        return NULL;
    return gf_str_table_key(&tok->symbols, (size_t)tok->symbol_index[id], NULL);
}

int32_t gf_tokenizer_lookup(const gf_tokenizer *tok, const char *symbol)
{
    return symbol ? tok_find(tok, symbol, strlen(symbol)) : -1;
}

int gf_tokenizer_merge_count(const gf_tokenizer *tok)
{
    return tok->n_merges;
}

void gf_tokenizer_merge(const gf_tokenizer *tok, int rank, const char **left,
                        const char **right)
{
    int ok = rank >= 0 && rank < tok->n_merges;
    if (left)
        *left = ok ? gf_tokenizer_token_symbol(tok, tok->merges[3 * (size_t)rank]) : NULL;
    if (right)
        *right = ok ? gf_tokenizer_token_symbol(tok, tok->merges[3 * (size_t)rank + 1]) : NULL;
}

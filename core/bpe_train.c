/* bpe_train.c — learning a byte-level BPE vocabulary (see bpe_train.h).
 *
 * 1. Split the text with GPT-2's pattern and count each distinct piece.
 * 2. Write every distinct piece as byte tokens (ids 0..255 in GPT-2's byte
 *    order) and count adjacent pairs, weighted by the piece's count.
 * 3. Repeatedly take the most frequent pair (gf_bpe_pairs), give its
 *    concatenation a token id, and rewrite only the words that hold it,
 *    adjusting the pair counts around each rewritten spot.
 * 4. Build a tokenizer from the symbols and merges, "<|endoftext|>" last. */
#include <stdlib.h>
#include <string.h>

#include "bpe_pairs.h"
#include "bpe_train.h"
#include "byte_unicode.h"
#include "str_table.h"
#include "file_io.h"
#include "tok_grow.h"
#include "tokenizer_internal.h"

typedef struct {
    const gf_pretok *pretok;
    gf_str_table counts;    /* distinct piece -> number of occurrences */
    gf_str_table symbols;   /* token symbol; entry index = token id */
    int32_t *syms;          /* all words' token ids, word w at syms[off[w]] */
    size_t *off;            /* (n_words) */
    int32_t *len;           /* (n_words) current number of tokens */
    int32_t *stamp;         /* (n_words) last merge step that rewrote the word */
    size_t n_words;
    int32_t step;           /* merge steps taken */
    gf_bpe_pairs pairs;
    int32_t *merges;        /* (n_merges, 2) left, right ids in merge order */
    size_t n_merges, merges_cap;
    gf_pair_table merged;   /* pairs already in merges */
} bpe_trainer;

static void bpe_trainer_free(bpe_trainer *t)
{
    gf_str_table_free(&t->counts);
    gf_str_table_free(&t->symbols);
    free(t->syms);
    free(t->off);
    free(t->len);
    free(t->stamp);
    gf_bpe_pairs_free(&t->pairs);
    free(t->merges);
    gf_pair_table_free(&t->merged);
}

/* gf_pretok_fn: count one piece. */
static gf_status bpe_count_piece(void *user, const char *text, size_t start, size_t length,
                                 gf_error *err)
{
    bpe_trainer *t = user;
    size_t e;
    gf_status st = gf_str_table_intern(&t->counts, text + start, length, &e, NULL, err);
    if (st == GF_OK)
        gf_str_table_set(&t->counts, e, gf_str_table_get(&t->counts, e) + 1);
    return st;
}

/* Check and count one text; `name` labels errors ("text" or a path). */
static gf_status bpe_count_text(bpe_trainer *t, const char *name, const char *text,
                                size_t length, gf_error *err)
{
    size_t bad = 0;
    if (!text && length > 0)
        return gf_error_set(err, GF_ERR_ARGUMENT, "%s: no text", name);
    if (length > GF_TOKENIZER_MAX_TEXT)
        return gf_error_set(err, GF_ERR_RANGE, "%s: %zu bytes is over the limit of %u", name,
                            length, GF_TOKENIZER_MAX_TEXT);
    if (!gf_utf8_valid(text, length, &bad))
        return gf_error_set(err, GF_ERR_UTF8, "%s: invalid UTF-8 at byte offset %zu", name,
                            bad);
    return gf_pretok_split(t->pretok, text, length, bpe_count_piece, t, err);
}

/* Steps 2: byte tokens, words as byte ids, initial pair counts. */
static gf_status bpe_trainer_start(bpe_trainer *t, gf_error *err)
{
    gf_status st = GF_OK;
    for (int id = 0; id < 256 && st == GF_OK; id++) {
        uint8_t b = gf_byte_unicode_at_rank(id);
        char sym[4];
        size_t e;
        st = gf_str_table_intern(&t->symbols, sym, gf_byte_unicode_encode(&b, 1, sym), &e,
                                 NULL, err);
    }
    if (st != GF_OK)
        return st;
    size_t n = gf_str_table_count(&t->counts), total = 0;
    if (n > INT32_MAX)
        return gf_error_set(err, GF_ERR_RANGE, "BPE training: too many distinct words");
    for (size_t w = 0; w < n; w++) {
        size_t len;
        gf_str_table_key(&t->counts, w, &len);
        total += len;
    }
    t->n_words = n;
    t->syms = malloc((total ? total : 1) * sizeof *t->syms);
    t->off = malloc((n ? n : 1) * sizeof *t->off);
    t->len = malloc((n ? n : 1) * sizeof *t->len);
    t->stamp = malloc((n ? n : 1) * sizeof *t->stamp);
    if (!t->syms || !t->off || !t->len || !t->stamp)
        return gf_error_set(err, GF_ERR_MEMORY, "BPE training: out of memory (%zu words)", n);
    size_t at = 0;
    for (size_t w = 0; w < n && st == GF_OK; w++) {
        size_t len;
        const uint8_t *word = (const uint8_t *)gf_str_table_key(&t->counts, w, &len);
        int64_t freq = gf_str_table_get(&t->counts, w);
        t->off[w] = at;
        t->len[w] = (int32_t)len;
        t->stamp[w] = -1;
        for (size_t i = 0; i < len; i++)
            t->syms[at + i] = gf_byte_unicode_rank(word[i]);
        for (size_t i = 0; i + 1 < len && st == GF_OK; i++)
            st = gf_bpe_pairs_add(&t->pairs, t->syms[at + i], t->syms[at + i + 1], freq,
                                  (int32_t)w, err);
        at += len;
    }
    return st;
}

/* Rewrite word w, replacing each (a, b) left to right by c, and move the
 * counts of the neighbouring pairs: x a b y becomes x c y, so (x,a) and
 * (b,y) lose freq and (x,c) and (c,y) gain it. (a,b) itself is cleared by
 * the caller. Reading ahead (y) sees the old word; looking back (x) sees
 * the rewritten one, which keeps runs like a b a b exact. */
static gf_status bpe_rewrite_word(bpe_trainer *t, int32_t w, int32_t a, int32_t b, int32_t c,
                                  gf_error *err)
{
    int32_t *s = t->syms + t->off[w];
    int32_t n = t->len[w], out = 0;
    int64_t freq = gf_str_table_get(&t->counts, (size_t)w);
    gf_status st = GF_OK;
    for (int32_t i = 0; i < n && st == GF_OK;) {
        if (i + 1 < n && s[i] == a && s[i + 1] == b) {
            if (out > 0) {
                int32_t x = s[out - 1];
                if (!(x == a && a == b)) /* (x,a) == (a,b) is cleared anyway */
                    st = gf_bpe_pairs_add(&t->pairs, x, a, -freq, -1, err);
                if (st == GF_OK)
                    st = gf_bpe_pairs_add(&t->pairs, x, c, freq, w, err);
            }
            if (i + 2 < n && st == GF_OK) {
                int32_t y = s[i + 2];
                if (!(b == a && y == b))
                    st = gf_bpe_pairs_add(&t->pairs, b, y, -freq, -1, err);
                if (st == GF_OK)
                    st = gf_bpe_pairs_add(&t->pairs, c, y, freq, w, err);
            }
            s[out++] = c;
            i += 2;
        } else {
            s[out++] = s[i++];
        }
    }
    t->len[w] = out;
    return st;
}

/* Step 3, one merge: returns 0 when training is over. */
static int bpe_merge_best(bpe_trainer *t, gf_status *st, gf_error *err)
{
    int32_t p = gf_bpe_pairs_top(&t->pairs);
    if (p < 0 || t->pairs.pairs[p].count < 2)
        return 0;
    int32_t a = t->pairs.pairs[p].left, b = t->pairs.pairs[p].right;
    size_t la, lb;
    const char *sa = gf_str_table_key(&t->symbols, (size_t)a, &la);
    const char *sb = gf_str_table_key(&t->symbols, (size_t)b, &lb);
    if (la + lb > GF_TOKENIZER_MAX_SYMBOL) {
        gf_bpe_pairs_clear(&t->pairs, p, 1);
        return 1;
    }
    char *joined = malloc(la + lb);
    if (!joined) {
        *st = gf_error_set(err, GF_ERR_MEMORY, "BPE training: out of memory");
        return 0;
    }
    memcpy(joined, sa, la);
    memcpy(joined + la, sb, lb);
    size_t c;
    *st = gf_str_table_intern(&t->symbols, joined, la + lb, &c, NULL, err);
    free(joined);
    /* A pair can come back after its merge only if a later merge rebuilt
     * one of its sides; the first rank already covers it. */
    if (*st == GF_OK && gf_pair_table_find(&t->merged, a, b) < 0) {
        int32_t *m = gf_tok_grow(t->merges, &t->merges_cap, t->n_merges + 1, 2 * sizeof *m);
        if (!m) {
            *st = gf_error_set(err, GF_ERR_MEMORY, "BPE training: out of memory (merges)");
            return 0;
        }
        t->merges = m;
        m[2 * t->n_merges] = a;
        m[2 * t->n_merges + 1] = b;
        *st = gf_pair_table_put(&t->merged, a, b, (int32_t)t->n_merges++, err);
    }
    /* Detach the word list: rewriting adds to other pairs' lists. */
    gf_bpe_pair *pair = &t->pairs.pairs[p];
    int32_t *words = pair->words;
    size_t n_words = pair->n_words;
    pair->words = NULL;
    pair->n_words = pair->words_cap = 0;
    int32_t stamp = t->step++;
    for (size_t i = 0; i < n_words && *st == GF_OK; i++) {
        int32_t w = words[i];
        if (t->stamp[w] == stamp)
            continue;
        t->stamp[w] = stamp;
        *st = bpe_rewrite_word(t, w, a, b, (int32_t)c, err);
    }
    free(words);
    gf_bpe_pairs_clear(&t->pairs, p, 0);
    return *st == GF_OK;
}

/* Step 4. */
static gf_status bpe_trainer_finish(bpe_trainer *t, gf_tokenizer **out, gf_error *err)
{
    const char *where = "BPE training";
    gf_tokenizer *tok;
    gf_status st = gf_tokenizer_create(&tok, err);
    if (st != GF_OK)
        return st;
    size_t n = gf_str_table_count(&t->symbols);
    for (size_t id = 0; id < n && st == GF_OK; id++) {
        size_t len;
        const char *sym = gf_str_table_key(&t->symbols, id, &len);
        st = gf_tokenizer_add_symbol(tok, sym, len, (int64_t)id, where, err);
    }
    if (st == GF_OK)
        st = gf_tokenizer_add_symbol(tok, GF_TOKENIZER_EOT, strlen(GF_TOKENIZER_EOT),
                                     (int64_t)n, where, err);
    if (st == GF_OK)
        st = gf_tokenizer_finish_vocab(tok, where, err);
    for (size_t r = 0; r < t->n_merges && st == GF_OK; r++) {
        size_t ll, rl;
        const char *l = gf_str_table_key(&t->symbols, (size_t)t->merges[2 * r], &ll);
        const char *rs = gf_str_table_key(&t->symbols, (size_t)t->merges[2 * r + 1], &rl);
        st = gf_tokenizer_add_merge(tok, l, ll, rs, rl, where, err);
    }
    if (st != GF_OK) {
        gf_tokenizer_free(tok);
        return st;
    }
    *out = tok;
    return GF_OK;
}

/* Shared by both entry points: texts come either from memory or files. */
static gf_status bpe_train(const char *text, size_t length, const char *const *paths,
                           int n_paths, int vocab_size, gf_tokenizer **out, gf_error *err)
{
    *out = NULL;
    if (vocab_size < 257 || vocab_size > GF_TOKENIZER_MAX_ID)
        return gf_error_set(err, GF_ERR_ARGUMENT,
                            "BPE training: vocab_size %d is not in 257..%d (256 bytes and "
                            "<|endoftext|> at least)",
                            vocab_size, GF_TOKENIZER_MAX_ID);
    if (n_paths < 0 || (n_paths > 0 && !paths))
        return gf_error_set(err, GF_ERR_ARGUMENT, "BPE training: bad list of files");
    bpe_trainer t;
    memset(&t, 0, sizeof t);
    gf_str_table_init(&t.counts);
    gf_str_table_init(&t.symbols);
    gf_pair_table_init(&t.merged);
    gf_bpe_pairs_init(&t.pairs, &t.symbols);
    gf_pretok *pretok = NULL;
    gf_status st = gf_pretok_new(&pretok, err);
    t.pretok = pretok;
    if (st == GF_OK && !paths)
        st = bpe_count_text(&t, "text", text, length, err);
    for (int i = 0; i < n_paths && st == GF_OK; i++) {
        char *data = NULL;
        size_t n = 0;
        if (!paths[i])
            st = gf_error_set(err, GF_ERR_ARGUMENT, "BPE training: file %d has no path", i);
        else
            st = gf_file_read_all(paths[i], GF_TOKENIZER_MAX_TEXT, &data, &n, err);
        if (st == GF_OK)
            st = bpe_count_text(&t, paths[i], data, n, err);
        free(data);
    }
    if (st == GF_OK)
        st = bpe_trainer_start(&t, err);
    while (st == GF_OK && gf_str_table_count(&t.symbols) + 1 < (size_t)vocab_size &&
           bpe_merge_best(&t, &st, err)) {
    }
    if (st == GF_OK)
        st = bpe_trainer_finish(&t, out, err);
    gf_pretok_free(pretok);
    bpe_trainer_free(&t);
    return st;
}

gf_status gf_bpe_train_text(const char *text, size_t length, int vocab_size,
                            gf_tokenizer **out, gf_error *err)
{
    return bpe_train(text, length, NULL, 0, vocab_size, out, err);
}

gf_status gf_bpe_train_files(const char *const *paths, int n_paths, int vocab_size,
                             gf_tokenizer **out, gf_error *err)
{
    if (!paths || n_paths <= 0)
        return gf_error_set(err, GF_ERR_ARGUMENT, "BPE training: no files given");
    return bpe_train(NULL, 0, paths, n_paths, vocab_size, out, err);
}

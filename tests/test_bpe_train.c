/* test_bpe_train.c — the byte-level BPE trainer: merges counted by hand on a
 * small text (ties included), merge order, vocab size, common words becoming
 * single tokens, determinism, round trips through a trained tokenizer,
 * training from files, and the errors. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bpe_train.h"
#include "check.h"
#include "random_text.h"
#include "tokenizer.h"
#include "tokenizer_round_trip.h"

static void write_file(const char *path, const char *data, size_t length)
{
    FILE *f = fopen(path, "wb");
    if (f) {
        fwrite(data, 1, length, f);
        fclose(f);
    }
}

/* Encode text; the ids go to out (room for max), the count is returned,
 * -1 on failure. */
static int encode(const gf_tokenizer *tok, const char *text, int32_t *out, int max)
{
    int32_t *ids = NULL;
    int n = 0;
    gf_error err = {GF_OK, {0}};
    if (gf_tokenizer_encode(tok, text, strlen(text), &ids, &n, &err) != GF_OK) {
        fprintf(stderr, "encode \"%s\": %s\n", text, err.message);
        return -1;
    }
    for (int i = 0; i < n && i < max; i++)
        out[i] = ids[i];
    free(ids);
    return n;
}

/* Is merge `rank` exactly left + right? */
static int merge_is(const gf_tokenizer *tok, int rank, const char *left, const char *right)
{
    const char *l = NULL, *r = NULL;
    gf_tokenizer_merge(tok, rank, &l, &r);
    int ok = l && r && strcmp(l, left) == 0 && strcmp(r, right) == 0;
    if (!ok)
        fprintf(stderr, "merge %d is \"%s\" \"%s\", want \"%s\" \"%s\"\n", rank, l ? l : "-",
                r ? r : "-", left, right);
    return ok;
}

/* Pieces: "low", " low" x2, " lower", " lowest", " newer" x2, i.e. (with
 * Ġ for the space) low, Ġlow x2, Ġlower, Ġlowest, Ġnewer x2.
 * Pair counts: (l,o) 5, (o,w) 5, (Ġ,l) 4, (w,e) 4, (e,r) 3, (Ġ,n) 2,
 * (n,e) 2, (e,w) 2, (e,s) 1, (s,t) 1.
 *  0: (l,o) 5 — ties with (o,w) 5, and "lo" < "ow".
 *  1: (lo,w) 5.
 *  2: (Ġ,low) 4 — (w,e) dropped to 2: only "newer" still has w next to e.
 *  3: (e,r) 3.
 * Now Ġlow er, Ġlow e s t, Ġ n e w er x2: (w,er) 2, (Ġ,n) 2, (n,e) 2,
 * (e,w) 2 tie; bytewise "ew" < "ne" < "wer" < "Ġn" ('Ġ' is 0xC4 0xA0).
 *  4: (e,w).  Then Ġ n ew er: "ewer" < "new" < "Ġn":
 *  5: (ew,er).  Then "newer" < "Ġn":
 *  6: (n,ewer).
 *  7: (Ġ,newer).  Every remaining pair occurs once: stop. */
static const char small_text[] = "low low low lower lowest newer newer";

static void test_small_by_hand(check_ctx *c)
{
    gf_tokenizer *tok = NULL;
    gf_error err = {GF_OK, {0}};
    if (!CHECK_OK(c, gf_bpe_train_text(small_text, strlen(small_text), 1000, &tok, &err),
                  &err))
        return;
    CHECK_INT(c, gf_tokenizer_merge_count(tok), 8);
    CHECK_INT(c, gf_tokenizer_vocab_size(tok), 256 + 8 + 1);
    CHECK_INT(c, gf_tokenizer_eot(tok), 264);
    CHECK_STR(c, gf_tokenizer_token_symbol(tok, 264), "<|endoftext|>");
    CHECK(c, merge_is(tok, 0, "l", "o"));
    CHECK(c, merge_is(tok, 1, "lo", "w"));
    CHECK(c, merge_is(tok, 2, "\xc4\xa0", "low"));
    CHECK(c, merge_is(tok, 3, "e", "r"));
    CHECK(c, merge_is(tok, 4, "e", "w"));
    CHECK(c, merge_is(tok, 5, "ew", "er"));
    CHECK(c, merge_is(tok, 6, "n", "ewer"));
    CHECK(c, merge_is(tok, 7, "\xc4\xa0", "newer"));
    /* New tokens get ids 256, 257, ... in merge order. */
    CHECK_STR(c, gf_tokenizer_token_symbol(tok, 256), "lo");
    CHECK_STR(c, gf_tokenizer_token_symbol(tok, 263), "\xc4\xa0newer");
    /* Byte ids are GPT-2's: 'e' = 0x65 - 0x21 = 68, 's' 82, 't' 83. */
    int32_t ids[16];
    CHECK_INT(c, encode(tok, " newer", ids, 16), 1);
    CHECK_INT(c, ids[0], 263);
    CHECK_INT(c, encode(tok, " lowest", ids, 16), 4);
    CHECK(c, ids[0] == 258 && ids[1] == 68 && ids[2] == 82 && ids[3] == 83);
    /* "slower" was never seen: s, low, er. */
    CHECK_INT(c, encode(tok, "slower", ids, 16), 3);
    CHECK(c, ids[0] == 82 && ids[1] == 257 && ids[2] == 259);
    gf_tokenizer_free(tok);

    /* vocab_size 260 = 256 bytes + 3 merges + <|endoftext|>. */
    if (CHECK_OK(c, gf_bpe_train_text(small_text, strlen(small_text), 260, &tok, &err),
                 &err)) {
        CHECK_INT(c, gf_tokenizer_vocab_size(tok), 260);
        CHECK_INT(c, gf_tokenizer_merge_count(tok), 3);
        CHECK(c, merge_is(tok, 2, "\xc4\xa0", "low"));
        CHECK_INT(c, gf_tokenizer_eot(tok), 259);
        gf_tokenizer_free(tok);
    }
    /* Runs: pieces "aaaa" and "Ġaaaa" hold (a,a) 3 + 3 = 6 times; a merge
     * takes them left to right without overlap, giving aa aa and Ġ aa aa;
     * then (aa,aa) 2 -> aaaa; (Ġ,a), then (Ġ,aa), (Ġ,aaaa) stay at 1. */
    if (CHECK_OK(c, gf_bpe_train_text("aaaa aaaa", 9, 1000, &tok, &err), &err)) {
        CHECK_INT(c, gf_tokenizer_merge_count(tok), 2);
        CHECK(c, merge_is(tok, 0, "a", "a"));
        CHECK(c, merge_is(tok, 1, "aa", "aa"));
        gf_tokenizer_free(tok);
    }
}

/* A deterministic corpus: common words, Russian, digits, punctuation,
 * emoji and code-like lines, with some words far more frequent. */
static char *make_corpus(size_t target, size_t *length)
{
    static const char *const words[] = {
        "the", "the", "the", "the", "and", "and", "of", "to", "a", "in", "transformer",
        "attention", "layer", "token", "model", "teacher", "student", "value", "matrix",
        "мир", "привет", "модель", "слой", "42", "3.14", "2024", "!", ",", ".", "?",
        "\xf0\x9f\x98\x80", "\xe6\x95\xb0\xe5\xad\x97", "don't", "it's", "x[i]", "==", "\t",
        "\n", "\n\n", "  "};
    size_t n_words = sizeof words / sizeof words[0];
    char *text = malloc(target + 64);
    size_t n = 0;
    uint64_t state = 12345;
    if (!text)
        return NULL;
    while (n < target) {
        const char *w = words[random_next(&state) % n_words];
        size_t len = strlen(w);
        memcpy(text + n, w, len);
        n += len;
        if (random_next(&state) % 4 != 0)
            text[n++] = ' ';
    }
    *length = n;
    return text;
}

static int same_tokenizer(const gf_tokenizer *a, const gf_tokenizer *b)
{
    if (gf_tokenizer_vocab_size(a) != gf_tokenizer_vocab_size(b) ||
        gf_tokenizer_merge_count(a) != gf_tokenizer_merge_count(b))
        return 0;
    for (int id = 0; id < gf_tokenizer_vocab_size(a); id++) {
        const char *x = gf_tokenizer_token_symbol(a, id), *y = gf_tokenizer_token_symbol(b, id);
        if (!x || !y || strcmp(x, y) != 0)
            return 0;
    }
    for (int r = 0; r < gf_tokenizer_merge_count(a); r++) {
        const char *al, *ar, *bl, *br;
        gf_tokenizer_merge(a, r, &al, &ar);
        gf_tokenizer_merge(b, r, &bl, &br);
        if (strcmp(al, bl) != 0 || strcmp(ar, br) != 0)
            return 0;
    }
    return 1;
}

static void test_corpus(check_ctx *c)
{
    size_t length = 0;
    char *text = make_corpus(200000, &length);
    if (!CHECK(c, text != NULL))
        return;
    gf_tokenizer *tok = NULL, *again = NULL;
    gf_error err = {GF_OK, {0}};
    if (!CHECK_OK(c, gf_bpe_train_text(text, length, 400, &tok, &err), &err)) {
        free(text);
        return;
    }
    CHECK_INT(c, gf_tokenizer_vocab_size(tok), 400);
    CHECK_INT(c, gf_tokenizer_eot(tok), 399);
    CHECK(c, gf_tokenizer_merge_count(tok) >= 400 - 257);
    /* Every merge's result is a token made of the two sides. */
    int merges_ok = 1;
    for (int r = 0; r < gf_tokenizer_merge_count(tok); r++) {
        const char *l, *rt;
        char joined[512];
        gf_tokenizer_merge(tok, r, &l, &rt);
        snprintf(joined, sizeof joined, "%s%s", l, rt);
        merges_ok &= gf_tokenizer_lookup(tok, joined) >= 256;
    }
    CHECK(c, merges_ok);
    /* Frequent words are single tokens (with their leading space). */
    int32_t ids[64];
    CHECK_INT(c, encode(tok, " the", ids, 64), 1);
    CHECK_INT(c, encode(tok, " transformer", ids, 64), 1);
    CHECK_INT(c, encode(tok, " привет", ids, 64), 1);
    CHECK_INT(c, encode(tok, " \xf0\x9f\x98\x80", ids, 64), 1);
    /* A word never seen is split into several tokens. */
    CHECK(c, encode(tok, " zebra", ids, 64) > 1);
    /* The training text itself round-trips, and takes far fewer tokens
     * than bytes. */
    CHECK(c, round_trips(tok, text, length));
    int32_t *all = NULL;
    int n_all = 0;
    if (CHECK_OK(c, gf_tokenizer_encode(tok, text, length, &all, &n_all, &err), &err))
        CHECK(c, (size_t)n_all * 3 < length);
    free(all);
    /* Random text of any script round-trips through the trained tokenizer. */
    char buf[4 * 80];
    uint64_t state = 99;
    int failures = 0;
    for (int i = 0; i < 300; i++) {
        size_t n = random_utf8(&state, buf, 80);
        failures += !round_trips(tok, buf, n);
    }
    CHECK_INT(c, failures, 0);
    /* Deterministic: a second run gives the same merges and vocabulary. */
    if (CHECK_OK(c, gf_bpe_train_text(text, length, 400, &again, &err), &err)) {
        CHECK(c, same_tokenizer(tok, again));
        gf_tokenizer_free(again);
    }
    /* Saved and loaded back, it is the same tokenizer. */
    char dir[512], vpath[600], mpath[600];
    check_tmp_path(dir, sizeof dir, "bpe_trained");
    mkdir(dir, 0755);
    snprintf(vpath, sizeof vpath, "%s/vocab.json", dir);
    snprintf(mpath, sizeof mpath, "%s/merges.txt", dir);
    if (CHECK_OK(c, gf_tokenizer_save(tok, dir, &err), &err) &&
        CHECK_OK(c, gf_tokenizer_load(&again, vpath, mpath, &err), &err)) {
        CHECK(c, same_tokenizer(tok, again));
        int32_t ids2[64];
        int n1 = encode(tok, " the teacher's model", ids, 64);
        int n2 = encode(again, " the teacher's model", ids2, 64);
        CHECK(c, n1 > 0 && n1 == n2 && memcmp(ids, ids2, (size_t)n1 * sizeof *ids) == 0);
        gf_tokenizer_free(again);
    }
    /* The same text split over two files trains the same tokenizer when
     * the split falls between pieces (here: before a space). */
    size_t cut = length / 2;
    while (cut < length && text[cut] != ' ')
        cut++;
    char f1[512], f2[512];
    check_tmp_path(f1, sizeof f1, "bpe_part1.txt");
    check_tmp_path(f2, sizeof f2, "bpe_part2.txt");
    write_file(f1, text, cut);
    write_file(f2, text + cut, length - cut);
    const char *paths[] = {f1, f2};
    if (CHECK_OK(c, gf_bpe_train_files(paths, 2, 400, &again, &err), &err)) {
        CHECK(c, same_tokenizer(tok, again));
        gf_tokenizer_free(again);
    }
    gf_tokenizer_free(tok);
    free(text);
}

static void test_errors(check_ctx *c)
{
    gf_tokenizer *tok = NULL;
    gf_error err = {GF_OK, {0}};
    CHECK_INT(c, gf_bpe_train_text("abc", 3, 256, &tok, &err), GF_ERR_ARGUMENT);
    CHECK(c, tok == NULL && strstr(err.message, "256") != NULL);
    CHECK_INT(c, gf_bpe_train_text("ab\xc3(", 4, 300, &tok, &err), GF_ERR_UTF8);
    CHECK(c, tok == NULL && strstr(err.message, "offset 2") != NULL);
    /* Empty text: just the bytes and <|endoftext|>. */
    if (CHECK_OK(c, gf_bpe_train_text("", 0, 300, &tok, &err), &err)) {
        CHECK_INT(c, gf_tokenizer_vocab_size(tok), 257);
        CHECK_INT(c, gf_tokenizer_merge_count(tok), 0);
        gf_tokenizer_free(tok);
    }
    char good[512], bad[512];
    check_tmp_path(good, sizeof good, "bpe_good.txt");
    check_tmp_path(bad, sizeof bad, "bpe_bad_utf8.txt");
    write_file(good, "hello hello", 11);
    write_file(bad, "fine\nthen \xff", 11);
    const char *missing[] = {good, "/nonexistent/corpus.txt"};
    CHECK_INT(c, gf_bpe_train_files(missing, 2, 300, &tok, &err), GF_ERR_IO);
    CHECK(c, tok == NULL && strstr(err.message, "/nonexistent/corpus.txt") != NULL);
    const char *invalid[] = {good, bad};
    CHECK_INT(c, gf_bpe_train_files(invalid, 2, 300, &tok, &err), GF_ERR_UTF8);
    CHECK(c, strstr(err.message, "bpe_bad_utf8.txt") != NULL &&
                 strstr(err.message, "offset 10") != NULL);
    CHECK_INT(c, gf_bpe_train_files(invalid, 0, 300, &tok, &err), GF_ERR_ARGUMENT);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "bpe_train");
    test_small_by_hand(&c);
    test_corpus(&c);
    test_errors(&c);
    return check_end(&c);
}

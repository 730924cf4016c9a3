/* test_bilingual_tokenizer.c — the shipped bilingual tokenizer
 * (assets/tokenizers/bilingual) keeps the words the lessons use short:
 * " король", " королева", " мужчина", " женщина" take at most 2 tokens,
 * " king", " queen", " man", " woman", " father", " mother", " said", " the"
 * exactly 1, and a Russian sentence takes a handful of tokens instead of one
 * per byte. The pieces are checked to spell the text back through the raw
 * bytes of each token (not through decode).
 *
 * usage: test_bilingual_tokenizer TOKENIZER_DIR */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "tokenizer.h"

/* Encode text; returns the number of tokens (or -1) and checks that the
 * tokens' bytes, concatenated, are the text itself. */
static int count_tokens(check_ctx *c, const gf_tokenizer *tok, const char *text)
{
    gf_error err;
    gf_error_clear(&err);
    int32_t *ids = NULL;
    int n = 0;
    if (!CHECK_OK(c, gf_tokenizer_encode(tok, text, strlen(text), &ids, &n, &err), &err))
        return -1;
    size_t at = 0, len = strlen(text);
    bool spells = true;
    for (int i = 0; i < n && spells; i++) {
        size_t piece_len = 0;
        const char *piece = gf_tokenizer_token_bytes(tok, ids[i], &piece_len);
        spells = piece && at + piece_len <= len && memcmp(text + at, piece, piece_len) == 0;
        at += piece_len;
    }
    if (!CHECK(c, spells && at == len))
        fprintf(stderr, "  the tokens of \"%s\" do not spell it\n", text);
    free(ids);
    return n;
}

static void expect_at_most(check_ctx *c, const gf_tokenizer *tok, const char *text, int most)
{
    int n = count_tokens(c, tok, text);
    if (!CHECK(c, n >= 1 && n <= most))
        fprintf(stderr, "  \"%s\": %d tokens (want at most %d)\n", text, n, most);
}

int main(int argc, char **argv)
{
    check_ctx c;
    check_begin(&c, "bilingual tokenizer");
    if (argc != 2) {
        fprintf(stderr, "usage: %s TOKENIZER_DIR\n", argv[0]);
        return 2;
    }
    char vocab[4096], merges[4096];
    snprintf(vocab, sizeof vocab, "%s/vocab.json", argv[1]);
    snprintf(merges, sizeof merges, "%s/merges.txt", argv[1]);
    gf_error err;
    gf_error_clear(&err);
    gf_tokenizer *tok = NULL;
    if (!CHECK_OK(&c, gf_tokenizer_load(&tok, vocab, merges, &err), &err))
        return check_end(&c);

    static const char *const russian[] = {" король", " королева", " мужчина", " женщина"};
    static const char *const english[] = {" king", " queen", " man",    " woman",
                                          " father", " mother", " said", " the"};
    for (size_t i = 0; i < sizeof russian / sizeof russian[0]; i++)
        expect_at_most(&c, tok, russian[i], 2);
    for (size_t i = 0; i < sizeof english / sizeof english[0]; i++)
        expect_at_most(&c, tok, english[i], 1);

    /* The example: 42 byte tokens with the English-only tokenizer. */
    expect_at_most(&c, tok, "Король сказал королеве", 6);
    /* A letter outside both alphabets still has its bytes (byte fallback):
     * a space and Georgian "ა" (3 bytes) take at most one token a byte. */
    expect_at_most(&c, tok, " \xe1\x83\x90", 4);

    gf_tokenizer_free(tok);
    return check_end(&c);
}

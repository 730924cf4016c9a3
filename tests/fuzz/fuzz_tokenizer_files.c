/* fuzz_tokenizer_files.c — any bytes as a tokenizer: the input up to its
 * first NUL byte is vocab.json, the rest merges.txt. Accepted or refused
 * with one line naming the file; an accepted tokenizer that can encode a
 * sample text (its vocabulary may lack bytes) decodes it back exactly. */
#include "fuzz_check.h"

#include "tokenizer.h"

static const char fuzz_sample[] = "Hello, world! Привет, мир 🙂 the the\n\ttabs";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nul = memchr(data, 0, size);
    const size_t vocab_len = nul ? (size_t)(nul - data) : size;
    const size_t merges_len = nul ? size - vocab_len - 1 : 0;
    char *vocab = fuzz_text(data, vocab_len);
    char *merges = fuzz_text(nul ? nul + 1 : data, merges_len);
    gf_tokenizer *tok = NULL;
    gf_error err;
    gf_error_clear(&err);
    gf_status s = gf_tokenizer_parse(&tok, vocab, vocab_len, "fuzz/vocab.json", merges,
                                     merges_len, "fuzz/merges.txt", &err);
    free(vocab);
    free(merges);
    if (s != GF_OK) {
        fuzz_check_message(&err, "fuzz/");
        FUZZ_ASSERT(tok == NULL);
        return 0;
    }
    int32_t *ids = NULL;
    int n = 0;
    if (gf_tokenizer_encode(tok, fuzz_sample, strlen(fuzz_sample), &ids, &n, &err) == GF_OK) {
        char *text = NULL;
        size_t length = 0;
        FUZZ_ASSERT(gf_tokenizer_decode(tok, ids, n, &text, &length, &err) == GF_OK);
        FUZZ_ASSERT(length == strlen(fuzz_sample) && memcmp(text, fuzz_sample, length) == 0);
        free(text);
    }
    free(ids);
    gf_tokenizer_free(tok);
    return 0;
}

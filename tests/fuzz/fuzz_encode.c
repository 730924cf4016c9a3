/* fuzz_encode.c — any bytes encoded with a BPE tokenizer learned from a
 * fixed text: valid UTF-8 encodes to ids inside the vocabulary that decode
 * back to exactly the input; anything else is refused as UTF-8. */
#include "fuzz_check.h"

#include "bpe_train.h"
#include "tokenizer.h"

static const char fuzz_training_text[] =
    "the cat sat on the mat. the dog ate the log. кошка сидела на коврике, "
    "собака ела бревно. 🙂🙂 numbers 1234 5678, tabs\tand\nnew lines.";

/* The tokenizer, learned once: libFuzzer calls the harness millions of
 * times in one process, so it is kept across calls (never freed). */
static const gf_tokenizer *fuzz_tokenizer(void)
{
    static gf_tokenizer *tok = NULL;
    if (!tok) {
        gf_error err;
        FUZZ_ASSERT(gf_bpe_train_text(fuzz_training_text, strlen(fuzz_training_text), 300, &tok,
                                      &err) == GF_OK);
    }
    return tok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const gf_tokenizer *tok = fuzz_tokenizer();
    char *text = fuzz_text(data, size);
    size_t bad = 0;
    const int valid = gf_utf8_valid(text, size, &bad);
    int32_t *ids = NULL;
    int n = 0;
    gf_error err;
    gf_error_clear(&err);
    gf_status s = gf_tokenizer_encode(tok, text, size, &ids, &n, &err);
    if (!valid) {
        FUZZ_ASSERT(s == GF_ERR_UTF8);
    } else {
        FUZZ_ASSERT(s == GF_OK);
        const int vocab = gf_tokenizer_vocab_size(tok);
        for (int i = 0; i < n; i++)
            FUZZ_ASSERT(ids[i] >= 0 && ids[i] < vocab);
        char *back = NULL;
        size_t length = 0;
        FUZZ_ASSERT(gf_tokenizer_decode(tok, ids, n, &back, &length, &err) == GF_OK);
        FUZZ_ASSERT(length == size && memcmp(back, text, size) == 0);
        free(back);
    }
    free(ids);
    free(text);
    return 0;
}

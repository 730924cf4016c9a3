/* fuzz_vectors_words.c — a vectors folder's words.txt: the first byte is
 * the tensor's row count (0..255), the rest the file. Accepted, or refused
 * with one line naming the file; accepted, it has exactly that many lines,
 * each word is its whole line (non-empty, valid UTF-8, no whitespace) and
 * is found again at its own row. */
#include "fuzz_check.h"

#include <ctype.h>

#include "tokenizer.h"
#include "vectors.h"

#define FUZZ_SOURCE "fuzz/words.txt"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    int count = data[0];
    const char *text = (const char *)data + 1;
    size_t length = size - 1;
    gf_vectors v;
    gf_error err;
    gf_error_clear(&err);
    if (gf_vectors_words_parse(&v, text, length, count, FUZZ_SOURCE, &err) != GF_OK) {
        fuzz_check_shown_message(&err, FUZZ_SOURCE);
        FUZZ_ASSERT(v.words == NULL && v.text == NULL);
        return 0;
    }
    FUZZ_ASSERT(v.count == count);
    size_t bad = 0;
    FUZZ_ASSERT(gf_utf8_valid(text, length, &bad));
    size_t at = 0;
    for (int i = 0; i < count; i++) {
        const char *newline = memchr(text + at, '\n', length - at);
        FUZZ_ASSERT(newline != NULL);
        size_t line_length = (size_t)(newline - (text + at));
        const char *word = v.words[i];
        FUZZ_ASSERT(line_length > 0 && strlen(word) == line_length);
        FUZZ_ASSERT(memcmp(word, text + at, line_length) == 0);
        for (const char *p = word; *p; p++)
            FUZZ_ASSERT(!isspace((unsigned char)*p));
        FUZZ_ASSERT(gf_vectors_find(&v, word) == i);
        at += line_length + 1;
    }
    FUZZ_ASSERT(at == length);
    gf_vectors_free(&v);
    return 0;
}

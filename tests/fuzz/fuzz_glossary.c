/* fuzz_glossary.c — any bytes as glossary_ru.txt: accepted, or refused
 * with one line naming the file; an accepted glossary's entries are one
 * Cyrillic word and one word without Cyrillic, each found again by its
 * lookups, and written back as "RUSSIAN<TAB>ENGLISH" lines they parse to
 * the same entries. */
#include "fuzz_check.h"

#include "glossary.h"
#include "tokenizer.h"

#define FUZZ_SOURCE "fuzz/glossary_ru.txt"

static void fuzz_check_entry_word(const char *word)
{
    size_t length = strlen(word);
    size_t bad = 0;
    FUZZ_ASSERT(length > 0);
    FUZZ_ASSERT(gf_utf8_valid(word, length, &bad));
    FUZZ_ASSERT(strpbrk(word, "\t\n\r #") == NULL);   /* letters only */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gf_glossary *g = NULL, *back = NULL;
    gf_error err;
    gf_error_clear(&err);
    if (gf_glossary_parse(&g, (const char *)data, size, FUZZ_SOURCE, &err) != GF_OK) {
        fuzz_check_shown_message(&err, FUZZ_SOURCE);
        FUZZ_ASSERT(g == NULL);
        return 0;
    }
    int count = gf_glossary_count(g);
    FUZZ_ASSERT(count >= 1);
    size_t capacity = size + 2 * (size_t)count + 1, used = 0;
    char *written = malloc(capacity);
    FUZZ_ASSERT(written != NULL);
    int previous_line = 0;
    for (int i = 0; i < count; i++) {
        const char *russian = gf_glossary_russian_at(g, i);
        const char *english = gf_glossary_english_at(g, i);
        fuzz_check_entry_word(russian);
        fuzz_check_entry_word(english);
        FUZZ_ASSERT(gf_glossary_line_at(g, i) > previous_line);
        previous_line = gf_glossary_line_at(g, i);
        /* A Russian word is there once: its lookup gives its own English. */
        FUZZ_ASSERT(strcmp(gf_glossary_to_english(g, russian), english) == 0);
        FUZZ_ASSERT(gf_glossary_to_russian(g, english) != NULL);
        used += (size_t)snprintf(written + used, capacity - used, "%s\t%s\n", russian, english);
        FUZZ_ASSERT(used < capacity);
    }
    FUZZ_ASSERT(gf_glossary_parse(&back, written, used, FUZZ_SOURCE, &err) == GF_OK);
    FUZZ_ASSERT(gf_glossary_count(back) == count);
    for (int i = 0; i < count; i++) {
        FUZZ_ASSERT(strcmp(gf_glossary_russian_at(back, i), gf_glossary_russian_at(g, i)) == 0);
        FUZZ_ASSERT(strcmp(gf_glossary_english_at(back, i), gf_glossary_english_at(g, i)) == 0);
        FUZZ_ASSERT(strcmp(gf_glossary_to_russian(back, gf_glossary_english_at(g, i)),
                           gf_glossary_to_russian(g, gf_glossary_english_at(g, i))) == 0);
    }
    free(written);
    gf_glossary_free(back);
    gf_glossary_free(g);
    return 0;
}

/* fuzz_text.c — any bytes as a text file (assets/text/en.txt's
 * "key = value" lines): accepted, or refused with one line naming the file;
 * an accepted file's keys are distinct and made of key characters, each
 * found again by gf_text_get, it is a complete translation of itself, a
 * value with no slots fills to itself, and written back (escaping \ and
 * line breaks) it parses to the same entries. */
#include "fuzz_check.h"

#include "text.h"

#define FUZZ_SOURCE "fuzz/en.txt"

static void fuzz_check_key(const char *key)
{
    FUZZ_ASSERT(key[0] != '\0');
    FUZZ_ASSERT(strspn(key, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.") ==
                strlen(key));
}

/* "key = value\n" with value's \ and line breaks escaped; returns the bytes written. */
static size_t fuzz_write_item(const gf_text_item *item, char *out)
{
    size_t n = (size_t)sprintf(out, "%s = ", item->key);
    for (const char *p = item->value; *p; p++) {
        if (*p == '\\' || *p == '\n')
            out[n++] = '\\';
        out[n++] = *p == '\n' ? 'n' : *p;
    }
    out[n++] = '\n';
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gf_text t, back;
    gf_error err;
    gf_error_clear(&err);
    if (gf_text_parse(&t, (const char *)data, size, FUZZ_SOURCE, &err) != GF_OK) {
        fuzz_check_shown_message(&err, FUZZ_SOURCE);
        FUZZ_ASSERT(t.items == NULL && t.data == NULL);
        return 0;
    }
    /* Written back, each entry takes at most its key, " = ", twice its value and "\n". */
    size_t capacity = 1, used = 0;
    for (int i = 0; i < t.n; i++)
        capacity += strlen(t.items[i].key) + 4 + 2 * strlen(t.items[i].value);
    char *written = malloc(capacity);
    FUZZ_ASSERT(written != NULL);
    int previous_line = 0;
    for (int i = 0; i < t.n; i++) {
        const gf_text_item *item = &t.items[i];
        fuzz_check_key(item->key);
        FUZZ_ASSERT(gf_text_get(&t, item->key) == item->value);
        FUZZ_ASSERT(item->line > previous_line);
        previous_line = item->line;
        char filled[64];
        size_t full = gf_text_fill(item->value, NULL, 0, filled, sizeof filled);
        FUZZ_ASSERT(full == strlen(item->value));
        FUZZ_ASSERT(strncmp(filled, item->value, sizeof filled - 1) == 0);
        used += fuzz_write_item(item, written + used);
        FUZZ_ASSERT(used < capacity);
    }
    if (gf_text_check(&t, &t, &err) != GF_OK) {
        fprintf(stderr, "%s\n", err.message);
        FUZZ_ASSERT(!"a text file is a complete translation of itself");
    }
    if (gf_text_parse(&back, written, used, FUZZ_SOURCE, &err) != GF_OK) {
        fprintf(stderr, "%s\n", err.message);
        FUZZ_ASSERT(!"an accepted file writes back as one that parses");
    }
    FUZZ_ASSERT(back.n == t.n);
    for (int i = 0; i < t.n; i++) {
        FUZZ_ASSERT(strcmp(back.items[i].key, t.items[i].key) == 0);
        FUZZ_ASSERT(strcmp(back.items[i].value, t.items[i].value) == 0);
        FUZZ_ASSERT(back.items[i].line == i + 1);
    }
    free(written);
    gf_text_free(&back);
    gf_text_free(&t);
    return 0;
}

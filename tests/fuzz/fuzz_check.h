/* fuzz_check.h — what every fuzz harness asserts besides "no crash": an
 * invariant that fails aborts (libFuzzer then saves the input), and an
 * error message is one non-empty line. */
#ifndef GF_FUZZ_CHECK_H
#define GF_FUZZ_CHECK_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gf_error.h"

#define FUZZ_ASSERT(cond)                                                                    \
    do {                                                                                     \
        if (!(cond)) {                                                                       \
            fprintf(stderr, "fuzz invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
            abort();                                                                         \
        }                                                                                    \
    } while (0)

/* A failure's message: one line, not empty, starting with the source name. */
static inline void fuzz_check_message(const gf_error *err, const char *source)
{
    FUZZ_ASSERT(err->message[0] != '\0');
    FUZZ_ASSERT(strchr(err->message, '\n') == NULL);
    FUZZ_ASSERT(strncmp(err->message, source, strlen(source)) == 0);
}

/* The same, and no control byte in it at all (a carriage return or a tab
 * echoed from the input would garble the line on a terminal): the parsers
 * that echo input show it through gf_error_shown. */
static inline void fuzz_check_shown_message(const gf_error *err, const char *source)
{
    fuzz_check_message(err, source);
    for (const char *p = err->message; *p; p++)
        FUZZ_ASSERT((unsigned char)*p >= 0x20 && *p != 0x7f);
}

/* data[0 .. size) as a malloc'ed, NUL-terminated copy (as a file read gives it). */
static inline char *fuzz_text(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    FUZZ_ASSERT(text != NULL);
    if (size > 0)
        memcpy(text, data, size);
    text[size] = '\0';
    return text;
}

/* The input as a malloc'ed buffer of exactly size bytes (at least one byte
 * allocated), for parsers that take ownership of it; exact, so a read one
 * byte past the end is still an overflow the sanitizer sees. */
static inline uint8_t *fuzz_bytes(const uint8_t *data, size_t size)
{
    uint8_t *copy = malloc(size > 0 ? size : 1);
    FUZZ_ASSERT(copy != NULL);
    if (size > 0)
        memcpy(copy, data, size);
    return copy;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif

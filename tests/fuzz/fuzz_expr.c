/* fuzz_expr.c — any bytes as a word-arithmetic expression ("king - man +
 * woman"): accepted, or refused with one line and an error offset inside
 * the text; an accepted expression's terms are words of letters whose byte
 * spans lie in order inside the text and hold exactly the word, and it
 * writes back as "+1*king -1*man ..." that parses to the same terms (the
 * same weights too, where "%.17g" writes a weight without an exponent,
 * which the grammar has not). */
#include "fuzz_check.h"

#include <math.h>
#include <stdbool.h>

#include "analogy.h"
#include "tok_utf8.h"
#include "tokenizer.h"

#define FUZZ_SOURCE "expression"

/* Every code point of word is a letter (the grammar's WORD). */
static void fuzz_check_word(const char *word)
{
    size_t length = strlen(word);
    FUZZ_ASSERT(length > 0 && length < GF_WORD_MAX);
    size_t bad = 0;
    FUZZ_ASSERT(gf_utf8_valid(word, length, &bad));
    for (size_t at = 0; at < length;) {
        uint32_t cp = 0;
        size_t n = gf_tok_utf8_decode(word + at, length - at, &cp);
        FUZZ_ASSERT(n > 0 && gf_word_letter(cp));
        at += n;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    size_t length = strlen(text);   /* the parser sees the text up to a NUL */
    gf_expr e, back;
    gf_error err;
    gf_error_clear(&err);
    if (gf_expr_parse(text, &e, &err) != GF_OK) {
        fuzz_check_shown_message(&err, FUZZ_SOURCE);
        FUZZ_ASSERT(err.status == GF_ERR_FORMAT);
        FUZZ_ASSERT(e.error_at >= 0 && (size_t)e.error_at <= length);
        free(text);
        return 0;
    }
    FUZZ_ASSERT(e.error_at == -1);
    FUZZ_ASSERT(e.count >= 1 && e.count <= GF_EXPR_MAX_TERMS);
    char written[GF_EXPR_MAX_TERMS * (GF_WORD_MAX + 40)];
    size_t used = 0;
    bool same_weight[GF_EXPR_MAX_TERMS];
    int previous_end = 0;
    for (int i = 0; i < e.count; i++) {
        const gf_expr_term *term = &e.terms[i];
        FUZZ_ASSERT(previous_end <= term->start && term->start < term->end &&
                    (size_t)term->end <= length);
        FUZZ_ASSERT((size_t)(term->end - term->start) == strlen(term->word));
        FUZZ_ASSERT(memcmp(text + term->start, term->word, strlen(term->word)) == 0);
        fuzz_check_word(term->word);
        FUZZ_ASSERT(isfinite(term->weight));
        previous_end = term->end;
        char weight[64];
        snprintf(weight, sizeof weight, "%.17g", fabs(term->weight));
        same_weight[i] = strchr(weight, 'e') == NULL;
        used += (size_t)snprintf(written + used, sizeof written - used, "%s%s*%s ",
                                 signbit(term->weight) ? "-" : "+", same_weight[i] ? weight : "1",
                                 term->word);
        FUZZ_ASSERT(used < sizeof written);
    }
    free(text);
    if (gf_expr_parse(written, &back, &err) != GF_OK) {
        fprintf(stderr, "written back: %s\n%s\n", written, err.message);
        FUZZ_ASSERT(!"an accepted expression writes back as one that parses");
    }
    FUZZ_ASSERT(back.count == e.count);
    for (int i = 0; i < e.count; i++) {
        FUZZ_ASSERT(strcmp(back.terms[i].word, e.terms[i].word) == 0);
        FUZZ_ASSERT(!signbit(back.terms[i].weight) == !signbit(e.terms[i].weight));
        if (same_weight[i])
            FUZZ_ASSERT(back.terms[i].weight == e.terms[i].weight);
    }
    return 0;
}

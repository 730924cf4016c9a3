/* pretokenize.c — GPT-2's pre-split pattern with PCRE2 (see pretokenize.h). */
#include "pretokenize.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>

/* Unicode White_Space, as a character-class body (what Python's \s is). */
#define PRETOK_WS \
    "\\t-\\r\\x20\\x85\\xa0\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}" \
    "\\x{205f}\\x{3000}"

/* GPT-2's pattern with \s -> [WS] and \S -> [^WS]. */
static const char pretok_pattern[] =
    "'s|'t|'re|'ve|'m|'ll|'d"
    "| ?\\p{L}+"
    "| ?\\p{N}+"
    "| ?[^" PRETOK_WS "\\p{L}\\p{N}]+"
    "|[" PRETOK_WS "]+(?![^" PRETOK_WS "])"
    "|[" PRETOK_WS "]+";

struct gf_pretok {
    pcre2_code *code;
};

gf_status gf_pretok_new(gf_pretok **out, gf_error *err)
{
    *out = NULL;
    gf_pretok *p = calloc(1, sizeof *p);
    if (!p)
        return gf_error_set(err, GF_ERR_MEMORY, "tokenizer: out of memory (pattern)");
    int code_err = 0;
    PCRE2_SIZE code_off = 0;
    p->code = pcre2_compile((PCRE2_SPTR)pretok_pattern, PCRE2_ZERO_TERMINATED,
                            PCRE2_UTF | PCRE2_UCP, &code_err, &code_off, NULL);
    if (!p->code) {
        PCRE2_UCHAR msg[160];
        pcre2_get_error_message(code_err, msg, sizeof msg);
        free(p);
        return gf_error_set(err, GF_ERR_ARGUMENT,
                            "tokenizer: split pattern: %s at offset %zu", (const char *)msg,
                            (size_t)code_off);
    }
    /* JIT is only a speed-up; without it pcre2_match interprets. */
    (void)pcre2_jit_compile(p->code, PCRE2_JIT_COMPLETE);
    *out = p;
    return GF_OK;
}

void gf_pretok_free(gf_pretok *p)
{
    if (!p)
        return;
    pcre2_code_free(p->code);
    free(p);
}

gf_status gf_pretok_split(const gf_pretok *p, const char *text, size_t length,
                          gf_pretok_fn fn, void *user, gf_error *err)
{
    if (length == 0)
        return GF_OK;
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(p->code, NULL);
    if (!md)
        return gf_error_set(err, GF_ERR_MEMORY, "tokenizer: out of memory (match data)");
    gf_status st = GF_OK;
    size_t pos = 0;
    while (st == GF_OK && pos < length) {
        /* The text was validated by the caller: skip PCRE2's own check,
         * which would rescan the whole rest of the text at every call. */
        int rc = pcre2_match(p->code, (PCRE2_SPTR)text, length, pos, PCRE2_NO_UTF_CHECK, md,
                             NULL);
        size_t start = length, end = length;
        if (rc > 0) {
            const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
            start = ov[0];
            end = ov[1];
        } else if (rc != PCRE2_ERROR_NOMATCH) {
            PCRE2_UCHAR msg[160];
            pcre2_get_error_message(rc, msg, sizeof msg);
            st = gf_error_set(err, GF_ERR_RANGE, "tokenizer: split failed at byte %zu: %s",
                              pos, (const char *)msg);
            break;
        }
        /* Every character matches some alternative, so start == pos and
         * end > pos; should that ever fail, keep the skipped text as a
         * piece of its own rather than lose it. */
        if (start > pos)
            st = fn(user, text, pos, start - pos, err);
        if (st == GF_OK && end > start)
            st = fn(user, text, start, end - start, err);
        pos = end > start ? end : length;
    }
    pcre2_match_data_free(md);
    return st;
}

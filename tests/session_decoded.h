/* session_decoded.h — for the viewer's text tests: the whole text a session
 * has seen (the tokens a sliding window dropped, then the window), decoded
 * here by the tokenizer, independently of the viewer's own joining. */
#ifndef GF_TEST_SESSION_DECODED_H
#define GF_TEST_SESSION_DECODED_H

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "session.h"
#include "tokenizer.h"

/* The decoded bytes (malloc'd; *len their count), or NULL after a failed
 * check. */
static inline char *session_decoded(check_ctx *c, const gf_session *s, size_t *len)
{
    int n = s->n_dropped_kept + s->n_tokens;
    int32_t *all = malloc(sizeof *all * (size_t)(n > 0 ? n : 1));   /* (n) */
    *len = 0;
    if (!CHECK(c, all != NULL))
        return NULL;
    memcpy(all, s->dropped, sizeof *all * (size_t)s->n_dropped_kept);
    memcpy(all + s->n_dropped_kept, s->tokens, sizeof *all * (size_t)s->n_tokens);
    char *text = NULL;
    gf_error err;
    gf_error_clear(&err);
    CHECK_OK(c, gf_tokenizer_decode(s->model.tokenizer, all, n, &text, len, &err), &err);
    free(all);
    return text;
}

#endif

/* tokenizer_round_trip.h — the encode-then-decode check shared by the
 * tokenizer and BPE-trainer tests (header-only, like random_text.h). */
#ifndef GF_TEST_TOKENIZER_ROUND_TRIP_H
#define GF_TEST_TOKENIZER_ROUND_TRIP_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tokenizer.h"

/* Encode text[0..length), decode the ids: are the bytes unchanged? */
static inline int round_trips(const gf_tokenizer *tok, const char *text, size_t length)
{
    int32_t *ids = NULL;   /* (n_ids) */
    int n_ids = 0;
    char *back = NULL;     /* (back_len) */
    size_t back_len = 0;
    gf_error err = {GF_OK, {0}};
    int ok = gf_tokenizer_encode(tok, text, length, &ids, &n_ids, &err) == GF_OK &&
             gf_tokenizer_decode(tok, ids, n_ids, &back, &back_len, &err) == GF_OK &&
             back_len == length && memcmp(back, text, length) == 0;
    free(ids);
    free(back);
    return ok;
}

#endif

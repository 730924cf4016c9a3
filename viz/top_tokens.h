/* top_tokens.h — the largest entries of a distribution (or of the logits),
 * with the token that actually comes next marked: what the bars show. */
#ifndef GF_VIZ_TOP_TOKENS_H
#define GF_VIZ_TOP_TOKENS_H

#include <stdbool.h>
#include <stdint.h>

#define GF_TOP_TOKENS 12          /* bars shown for a distribution           */

typedef struct {
    int32_t ids[GF_TOP_TOKENS];
    float probs[GF_TOP_TOKENS];   /* or logits, for the logit view            */
    int n;
    int32_t next_id;              /* the token that actually comes next, or −1 */
    float next_value;             /* its probability (or logit)               */
    int next_rank;                /* 1 = largest logit                        */
} gf_top_tokens;

/* The GF_TOP_TOKENS largest of values (n), largest first, ties
 * to the lower id; with positive_only, entries <= 0 are left out. */
void gf_top_tokens_fill(gf_top_tokens *top, const float *values, int n, bool positive_only);
/* Mark next_id (or none when < 0): its value and its rank by rank_by. */
void gf_top_tokens_mark(gf_top_tokens *top, const float *values, const float *rank_by, int n,
                        int32_t next_id);
/* 1 + the number of entries larger than values[id] (ties: lower ids first). */
int gf_rank_of(const float *values, int n, int32_t id);

#endif

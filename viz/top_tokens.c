/* top_tokens.c — the largest entries of a probability or logit row, and the
 * rank of one token (for the "actual next token" marker). */
#include "top_tokens.h"

int gf_rank_of(const float *values, int n, int32_t id)
{
    const float v = values[id];
    int rank = 1;
    for (int j = 0; j < n; j++)
        rank += values[j] > v || (values[j] == v && j < id);
    return rank;
}

void gf_top_tokens_fill(gf_top_tokens *top, const float *values, int n, bool positive_only)
{
    top->n = 0;
    top->next_id = -1;
    top->next_value = 0.0f;
    top->next_rank = 0;
    /* Insertion into a short sorted list; equal values keep the lower id first. */
    for (int id = 0; id < n; id++) {
        float v = values[id];
        if (v != v || (positive_only && !(v > 0.0f)) || (top->n == GF_TOP_TOKENS && v <= top->probs[top->n - 1]))
            continue;
        int j = top->n < GF_TOP_TOKENS ? top->n++ : top->n - 1;
        while (j > 0 && top->probs[j - 1] < v) {
            top->ids[j] = top->ids[j - 1];
            top->probs[j] = top->probs[j - 1];
            j--;
        }
        top->ids[j] = id;
        top->probs[j] = v;
    }
}

void gf_top_tokens_mark(gf_top_tokens *top, const float *values, const float *rank_by, int n,
                        int32_t next_id)
{
    if (next_id < 0 || next_id >= n) {
        top->next_id = -1;
        return;
    }
    top->next_id = next_id;
    top->next_value = values[next_id];
    top->next_rank = gf_rank_of(rank_by, n, next_id);
}

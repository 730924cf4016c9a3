/* test_mask_whatif.c — attention without the causal mask
 * (core/attention_whatif.h), on the four variants, every layer and head:
 * every row sums to 1; on and below the diagonal the scores are the trace's,
 * bit for bit; above it they are q_i·k_j/√hs done here in double from the
 * trace's Q and K; the last row (nothing masked there) has the trace's
 * weights; the future gets weight where the trace has none. Errors. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attention_whatif.h"
#include "check.h"
#include "forward.h"
#include "variant_models.h"

#define T_TOKENS 10

static void test_variant(check_ctx *c, const variant *v)
{
    printf("variant %s\n", v->label);
    gf_model m;
    if (!variant_model_make(c, v, &m))
        return;
    gf_error err = {0};
    gf_trace tr;
    int32_t tokens[T_TOKENS];
    variant_random_tokens(tokens, T_TOKENS, m.config.vocab_size, 17);
    CHECK_OK(c, gf_trace_init(&tr, &m.config, 16, true, &err), &err);
    CHECK_OK(c, gf_forward_full(&m, &tr, tokens, T_TOKENS, &err), &err);
    const int T = T_TOKENS, hs = m.config.n_embd / m.config.n_head;
    float scores[T_TOKENS * T_TOKENS], weights[T_TOKENS * T_TOKENS], only[T_TOKENS * T_TOKENS];
    int sums = 0, lower_same = 0, upper_ok = 0, last_same = 0, future_seen = 0, cells = 0;
    for (int l = 0; l < m.config.n_layer; l++)
        for (int h = 0; h < m.config.n_head; h++) {
            if (!CHECK_OK(c, gf_attention_unmasked(&tr, l, h, scores, weights, &err), &err))
                continue;
            /* weights alone are the same numbers */
            CHECK_OK(c, gf_attention_unmasked(&tr, l, h, NULL, only, &err), &err);
            CHECK(c, memcmp(only, weights, sizeof only) == 0);
            gf_view q, k, s, w;
            gf_trace_get(&tr, "attn.q", l, h, &q);
            gf_trace_get(&tr, "attn.k", l, h, &k);
            gf_trace_get(&tr, "attn.scores", l, h, &s);
            gf_trace_get(&tr, "attn.weights", l, h, &w);
            for (int i = 0; i < T; i++) {
                double sum = 0.0;
                for (int j = 0; j < T; j++) {
                    cells++;
                    sum += weights[i * T + j];
                    if (j <= i) {
                        lower_same += scores[i * T + j] == gf_view_at2(&s, i, j);
                    } else {
                        double dot = 0.0;
                        for (int d = 0; d < hs; d++)
                            dot += (double)gf_view_at2(&q, i, d) * gf_view_at2(&k, j, d);
                        upper_ok += fabs(scores[i * T + j] - dot / sqrt(hs)) < 1e-5;
                        future_seen += weights[i * T + j] > 0.0f && gf_view_at2(&w, i, j) == 0.0f;
                    }
                }
                sums += fabs(sum - 1.0) < 1e-6;
            }
            for (int j = 0; j < T; j++)
                last_same += weights[(T - 1) * T + j] == gf_view_at2(&w, T - 1, j);
        }
    const int heads = m.config.n_layer * m.config.n_head;
    CHECK_INT(c, sums, heads * T);
    CHECK_INT(c, lower_same, heads * T * (T + 1) / 2);
    CHECK_INT(c, upper_ok, heads * T * (T - 1) / 2);
    CHECK_INT(c, future_seen, heads * T * (T - 1) / 2);
    CHECK_INT(c, last_same, heads * T);
    CHECK_INT(c, cells, heads * T * T);

    /* errors */
    CHECK(c, gf_attention_unmasked(&tr, 2, 0, scores, NULL, &err) == GF_ERR_RANGE);
    CHECK(c, strstr(err.message, "layer 2 is outside 0..1") != NULL);
    CHECK(c, gf_attention_unmasked(&tr, 0, -1, scores, NULL, &err) == GF_ERR_RANGE);
    CHECK(c, strstr(err.message, "head -1 is outside 0..3") != NULL);
    gf_trace lean;
    CHECK_OK(c, gf_trace_init(&lean, &m.config, 16, false, &err), &err);
    CHECK(c, gf_attention_unmasked(&lean, 0, 0, scores, NULL, &err) == GF_ERR_ARGUMENT);
    gf_trace_free(&lean);
    gf_trace_free(&tr);
    gf_model_free(&m);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "mask_whatif");
    for (int i = 0; i < VARIANT_COUNT; i++)
        test_variant(&c, &VARIANTS[i]);
    return check_end(&c);
}

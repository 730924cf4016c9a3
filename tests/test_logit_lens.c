/* test_logit_lens.c — the logit lens (core/logit_lens.h).
 *
 * On the four variants: the last layer's top token is the argmax of the
 * trace's logits at every position and its probability the softmax of those
 * logits (done here in double); entries fall in probability; k = V lists
 * every token once with a total of 1; the insertion and sorting paths agree.
 * Layer 0 by hand on a two-dimensional model, pre-norm (the final norm is
 * applied) and post-norm (x0 as it is). Errors. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "forward.h"
#include "logit_lens.h"
#include "variant_models.h"

#define T_TOKENS 12

static int argmax(const float *z, int n)
{
    int best = 0;
    for (int i = 1; i < n; i++)
        if (z[i] > z[best])
            best = i;
    return best;
}

static void test_variant(check_ctx *c, const variant *v)
{
    printf("variant %s\n", v->label);
    gf_model m;
    if (!variant_model_make(c, v, &m))
        return;
    const int vocab = m.config.vocab_size, last = m.config.n_layer;
    gf_error err = {0};
    gf_trace tr;
    int32_t tokens[T_TOKENS];
    variant_random_tokens(tokens, T_TOKENS, vocab, 3);
    CHECK_OK(c, gf_trace_init(&tr, &m.config, 16, true, &err), &err);
    CHECK_OK(c, gf_forward_full(&m, &tr, tokens, T_TOKENS, &err), &err);
    gf_logit_lens lens, wide, all;
    if (!CHECK_OK(c, gf_logit_lens_compute(&m, &tr, 5, &lens, &err), &err))
        return;
    CHECK_INT(c, lens.n_layers, last + 1);
    CHECK_INT(c, lens.n_positions, T_TOKENS);
    int top_is_argmax = 0, prob_ok = 0, ordered = 1;
    for (int t = 0; t < T_TOKENS; t++) {
        const float *z = gf_trace_logits_row(&tr, t);
        const gf_lens_entry *cell = gf_logit_lens_cell(&lens, last, t);
        double max = z[argmax(z, vocab)], sum = 0.0;
        for (int i = 0; i < vocab; i++) sum += exp(z[i] - max);
        top_is_argmax += cell[0].token == argmax(z, vocab);
        prob_ok += fabs(cell[0].prob - exp(z[cell[0].token] - max) / sum) < 1e-6;
        for (int l = 0; l <= last; l++) {
            const gf_lens_entry *e = gf_logit_lens_cell(&lens, l, t);
            for (int r = 1; r < 5; r++)
                ordered = ordered && e[r - 1].prob >= e[r].prob && e[r].token != e[r - 1].token;
        }
    }
    CHECK_INT(c, top_is_argmax, T_TOKENS);
    CHECK_INT(c, prob_ok, T_TOKENS);
    CHECK(c, ordered);
    /* The other layers differ from the output somewhere (the lens sees something). */
    int differs = 0;
    for (int t = 0; t < T_TOKENS; t++)
        differs += gf_logit_lens_cell(&lens, 0, t)[0].token !=
                   gf_logit_lens_cell(&lens, last, t)[0].token;
    CHECK(c, differs > 0);
    /* k = 65 sorts whole rows, k = V too; they agree with the insertion path. */
    if (CHECK_OK(c, gf_logit_lens_compute(&m, &tr, 65, &wide, &err), &err) &&
        CHECK_OK(c, gf_logit_lens_compute(&m, &tr, vocab, &all, &err), &err)) {
        bool same = true, once = true, total_one = true;
        for (int l = 0; l <= last; l++)
            for (int t = 0; t < T_TOKENS; t++) {
                const gf_lens_entry *a = gf_logit_lens_cell(&lens, l, t);
                const gf_lens_entry *b = gf_logit_lens_cell(&wide, l, t);
                const gf_lens_entry *e = gf_logit_lens_cell(&all, l, t);
                for (int r = 0; r < 5; r++)
                    same = same && a[r].token == b[r].token && a[r].prob == b[r].prob &&
                           e[r].token == a[r].token;
                char *seen = calloc((size_t)vocab, 1);
                double total = 0.0;
                for (int r = 0; r < vocab; r++) {
                    once = once && !seen[e[r].token];
                    seen[e[r].token] = 1;
                    total += e[r].prob;
                }
                total_one = total_one && fabs(total - 1.0) < 1e-5;
                free(seen);
            }
        CHECK(c, same);
        CHECK(c, once);
        CHECK(c, total_one);
        gf_logit_lens_free(&wide);
        gf_logit_lens_free(&all);
    }
    CHECK(c, gf_logit_lens_cell(&lens, last + 1, 0) == NULL);
    CHECK(c, gf_logit_lens_cell(&lens, 0, T_TOKENS) == NULL);
    gf_logit_lens_free(&lens);

    /* errors */
    CHECK(c, gf_logit_lens_compute(&m, &tr, 0, &lens, &err) == GF_ERR_RANGE);
    CHECK(c, strstr(err.message, "k = 0 is outside 1..300") != NULL);
    CHECK(c, gf_logit_lens_compute(&m, &tr, vocab + 1, &lens, &err) == GF_ERR_RANGE);
    gf_trace lean;
    CHECK_OK(c, gf_trace_init(&lean, &m.config, 16, false, &err), &err);
    CHECK_OK(c, gf_forward_full(&m, &lean, tokens, 4, &err), &err);
    CHECK(c, gf_logit_lens_compute(&m, &lean, 1, &lens, &err) == GF_ERR_ARGUMENT);
    CHECK(c, strstr(err.message, "lean") != NULL);
    CHECK(c, lens.top == NULL);
    gf_trace_free(&lean);
    gf_trace_free(&tr);
    gf_model_free(&m);
}

/* V = 3, C = 2: wte rows (1, 0), (0, 1), (0, 0) (tied), wpe[0] = (2, 1), so
 * token 0 at position 0 has x0 = (3, 1). Post-norm: layer 0's logits are
 * x0·wteᵀ = (3, 1, 0). Pre-norm with γ = 1, β = 0: LN(x0) = (1, −1)/√(1 + ε),
 * logits ≈ (1, −1, 0). */
static void test_layer_zero_by_hand(check_ctx *c, gf_norm_placement placement)
{
    gf_model m;
    memset(&m, 0, sizeof m);
    gf_config_default(&m.config);
    m.config.vocab_size = 3;
    m.config.n_ctx = 2;
    m.config.n_embd = 2;
    m.config.n_head = 1;
    m.config.n_layer = 1;
    m.config.n_inner = 2;
    m.config.norm_placement = placement;
    gf_error err = {0};
    if (!CHECK_OK(c, gf_weights_alloc(&m.weights, &m.config, &err), &err))
        return;
    m.weights.wte[0] = 1, m.weights.wte[3] = 1;  /* rows (1,0) (0,1) (0,0) */
    m.weights.wpe[0] = 2, m.weights.wpe[1] = 1;
    if (placement == GF_NORM_PRE)
        m.weights.ln_f_w[0] = m.weights.ln_f_w[1] = 1;
    gf_trace tr;
    gf_logit_lens lens;
    const int32_t token = 0;
    CHECK_OK(c, gf_trace_init(&tr, &m.config, 2, true, &err), &err);
    CHECK_OK(c, gf_forward_full(&m, &tr, &token, 1, &err), &err);
    if (CHECK_OK(c, gf_logit_lens_compute(&m, &tr, 3, &lens, &err), &err)) {
        const gf_lens_entry *e = gf_logit_lens_cell(&lens, 0, 0);
        double z[3] = {3, 1, 0};
        if (placement == GF_NORM_PRE) {
            const double s = 1.0 / sqrt(1.0 + m.config.norm_eps);
            z[0] = s, z[1] = -s, z[2] = 0;
        }
        const double sum = exp(z[0]) + exp(z[1]) + exp(z[2]);
        const bool pre = placement == GF_NORM_PRE;
        const int order[3] = {0, pre ? 2 : 1, pre ? 1 : 2};
        for (int r = 0; r < 3; r++) {
            CHECK_INT(c, e[r].token, order[r]);
            CHECK_NEAR(c, e[r].prob, exp(z[order[r]]) / sum, 1e-6);
        }
        gf_logit_lens_free(&lens);
    }
    gf_trace_free(&tr);
    gf_model_free(&m);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "logit_lens");
    for (int i = 0; i < VARIANT_COUNT; i++)
        test_variant(&c, &VARIANTS[i]);
    test_layer_zero_by_hand(&c, GF_NORM_PRE);
    test_layer_zero_by_hand(&c, GF_NORM_POST);
    return check_end(&c);
}

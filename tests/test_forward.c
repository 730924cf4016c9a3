/* test_forward.c — the forward pass and its trace, for every variant:
 * logits against an independent double-precision model, incremental ==
 * full recompute (bitwise), causality, attention invariants, sinusoidal
 * positions against the formula, lean == full, clear errors. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "forward.h"
#include "reference_model.h"
#include "sampler.h"

typedef struct {
    const char *label;
    gf_norm_placement placement;
    gf_norm_type norm;
    gf_position_type positions;
    gf_activation activation;
    bool tied;
} variant;

static const variant VARIANTS[] = {
    {"gpt2", GF_NORM_PRE, GF_NORM_LAYERNORM, GF_POSITION_LEARNED, GF_ACTIVATION_GELU_TANH, true},
    {"seeds", GF_NORM_POST, GF_NORM_LAYERNORM, GF_POSITION_SINUSOIDAL, GF_ACTIVATION_RELU, true},
    {"llama-ish", GF_NORM_PRE, GF_NORM_RMSNORM, GF_POSITION_SINUSOIDAL, GF_ACTIVATION_SWIGLU, false},
    {"post-rms-gelu", GF_NORM_POST, GF_NORM_RMSNORM, GF_POSITION_LEARNED, GF_ACTIVATION_GELU_EXACT, false},
};

#define T_MAX 12

static bool make_model(check_ctx *c, const variant *v, gf_model *m)
{
    gf_config cfg;
    gf_config_default(&cfg);
    cfg.vocab_size = 300;
    cfg.n_ctx = 16;
    cfg.n_embd = 16;
    cfg.n_head = 4;
    cfg.n_layer = 2;
    cfg.n_inner = 24;
    cfg.norm_placement = v->placement;
    cfg.norm_type = v->norm;
    cfg.position_type = v->positions;
    cfg.activation = v->activation;
    cfg.tied_embeddings = v->tied;
    gf_error err = {0};
    if (!CHECK_OK(c, gf_model_init_random(m, &cfg, NULL, 11, &err), &err))
        return false;
    /* Every parameter random (gains and biases too), so no term hides. */
    gf_rng rng;
    gf_rng_seed(&rng, 99);
    for (int64_t i = 0; i < m->weights.params.total; i++)
        m->weights.data[i] = (float)(gf_rng_uniform(&rng) - 0.5) * 0.8f;
    return true;
}

static void random_tokens(int32_t *tokens, int n, int vocab, unsigned seed)
{
    for (int i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        tokens[i] = (int32_t)((seed >> 8) % (unsigned)vocab);
    }
}

/* Compare every whole entry's first `rows` positions (all, if rows < 0). */
static bool traces_equal(const gf_trace *a, const gf_trace *b, int rows)
{
    if (a->n_entries != b->n_entries)
        return false;
    for (int i = 0; i < a->n_entries; i++) {
        gf_view va = gf_trace_view(a, i), vb = gf_trace_view(b, i);
        for (int d = 0; d < va.ndim; d++) {
            if (rows >= 0 && ((a->entries[i].grows >> d) & 1u)) {
                va.shape[d] = vb.shape[d] = rows;
                break; /* only the first growing dim is cut: rows, not columns */
            }
        }
        const int64_t n = gf_view_numel(&va);
        float *xa = malloc(sizeof *xa * (size_t)(n + 1)), *xb = malloc(sizeof *xb * (size_t)(n + 1));
        gf_view_copy_out(&va, xa);
        gf_view_copy_out(&vb, xb);
        const bool same = memcmp(xa, xb, sizeof *xa * (size_t)n) == 0;
        if (!same)
            fprintf(stderr, "  differs: %s\n", va.name);
        free(xa);
        free(xb);
        if (!same)
            return false;
    }
    return true;
}

static void test_against_reference(check_ctx *c, const gf_model *m, const gf_trace *tr,
                                   const int32_t *tokens, int t)
{
    const int vocab = m->config.vocab_size;
    double *want = malloc(sizeof *want * (size_t)t * vocab);
    reference_logits(m, tokens, t, want);
    double worst = 0.0;
    for (int r = 0; r < t; r++)
        for (int j = 0; j < vocab; j++)
            worst = fmax(worst, fabs(gf_trace_logits_row(tr, r)[j] - want[(size_t)r * vocab + j]));
    if (!CHECK(c, worst < 2e-4))
        fprintf(stderr, "  worst logit difference %g\n", worst);
    free(want);
}

static void test_attention_invariants(check_ctx *c, const gf_trace *tr)
{
    bool sums = true, zero_above = true, minus_inf_above = true, masked_is_scaled = true;
    for (int l = 0; l < tr->config.n_layer; l++)
        for (int h = 0; h < tr->config.n_head; h++) {
            gf_view w, mk, s;
            CHECK(c, gf_trace_get(tr, "attn.weights", l, h, &w));
            CHECK(c, gf_trace_get(tr, "attn.masked", l, h, &mk));
            CHECK(c, gf_trace_get(tr, "attn.scores", l, h, &s));
            for (int i = 0; i < tr->n_tokens; i++) {
                double sum = 0.0;
                for (int j = 0; j < tr->n_tokens; j++) {
                    sum += gf_view_at2(&w, i, j);
                    if (j > i) {
                        zero_above = zero_above && gf_view_at2(&w, i, j) == 0.0f;
                        minus_inf_above = minus_inf_above && gf_view_at2(&mk, i, j) == -INFINITY;
                    } else {
                        masked_is_scaled = masked_is_scaled &&
                                           gf_view_at2(&mk, i, j) == gf_view_at2(&s, i, j);
                    }
                }
                sums = sums && fabs(sum - 1.0) < 1e-6;
            }
        }
    CHECK(c, sums);
    CHECK(c, zero_above);
    CHECK(c, minus_inf_above);
    CHECK(c, masked_is_scaled);
}

/* One score by hand: q_i · k_j / √hs from the trace's own Q and K rows. */
static void test_one_score(check_ctx *c, const gf_trace *tr)
{
    gf_view q, k, s;
    const int layer = 1, head = 2, i = 5, j = 3;
    CHECK(c, gf_trace_get(tr, "attn.q", layer, head, &q));
    CHECK(c, gf_trace_get(tr, "attn.k", layer, head, &k));
    CHECK(c, gf_trace_get(tr, "attn.scores", layer, head, &s));
    CHECK_INT(c, q.shape[1], 4);
    double dot = 0.0;
    for (int d = 0; d < q.shape[1]; d++)
        dot += (double)gf_view_at2(&q, i, d) * gf_view_at2(&k, j, d);
    CHECK_NEAR(c, gf_view_at2(&s, i, j), dot / 2.0, 1e-5);
}

static void test_positions(check_ctx *c, const gf_model *m, const gf_trace *tr)
{
    gf_view pos;
    CHECK(c, gf_trace_get(tr, "pos_emb", -1, -1, &pos));
    double worst = 0.0;
    const int dim = m->config.n_embd;
    for (int t = 0; t < tr->n_tokens; t++)
        for (int i = 0; i < dim; i++) {
            double want;
            if (m->config.position_type == GF_POSITION_SINUSOIDAL) {
                const double freq = 1.0 / pow(10000.0, 2.0 * (i / 2) / dim);
                want = i % 2 ? cos(t * freq) : sin(t * freq);
            } else {
                want = m->weights.wpe[t * dim + i];
            }
            worst = fmax(worst, fabs(gf_view_at2(&pos, t, i) - want));
        }
    CHECK(c, worst < 1e-6);
}

/* Each norm's var is its input row's variance (LayerNorm) or mean square
 * (RMSNorm), computed here in double from the input the wiring names; and
 * rstd = 1/√(var + ε). */
static void test_norm_stats(check_ctx *c, const gf_trace *tr)
{
    const gf_config *cfg = &tr->config;
    const int C = cfg->n_embd;
    const bool pre = cfg->norm_placement == GF_NORM_PRE, rms = cfg->norm_type == GF_NORM_RMSNORM;
    for (int l = 0; l < cfg->n_layer; l++) {
        const gf_layer_trace *lt = &tr->layers[l];
        const float *in1 = pre ? gf_trace_block_input(tr, l) : lt->res_1;
        const float *in2 = pre ? lt->res_1 : lt->res_2;
        const float *ins[2] = {in1, in2}, *vars[2] = {lt->ln_1_var, lt->ln_2_var},
                    *rstds[2] = {lt->ln_1_rstd, lt->ln_2_rstd};
        for (int n = 0; n < 2; n++)
            for (int t = 0; t < tr->n_tokens; t++) {
                const float *x = ins[n] + (size_t)t * C;
                double mu = 0.0, sq = 0.0;
                for (int i = 0; i < C && !rms; i++)
                    mu += x[i] / (double)C;
                for (int i = 0; i < C; i++)
                    sq += (x[i] - mu) * (x[i] - mu) / (double)C;
                CHECK_NEAR(c, vars[n][t], sq, 1e-5 * (1.0 + sq));
                CHECK_NEAR(c, rstds[n][t], 1.0 / sqrt(sq + cfg->norm_eps), 1e-4 / sqrt(sq + 1e-3));
            }
    }
}

static void test_variant(check_ctx *c, const variant *v)
{
    printf("variant %s\n", v->label);
    gf_model m;
    if (!make_model(c, v, &m))
        return;
    gf_error err = {0};
    int32_t tokens[T_MAX];
    random_tokens(tokens, T_MAX, m.config.vocab_size, 5);

    gf_trace full, step, chunks, lean;
    CHECK_OK(c, gf_trace_init(&full, &m.config, 16, true, &err), &err);
    CHECK_OK(c, gf_trace_init(&step, &m.config, 16, true, &err), &err);
    CHECK_OK(c, gf_trace_init(&chunks, &m.config, 16, true, &err), &err);
    CHECK_OK(c, gf_trace_init(&lean, &m.config, 16, false, &err), &err);

    CHECK_OK(c, gf_forward_full(&m, &full, tokens, T_MAX, &err), &err);
    CHECK_INT(c, full.n_tokens, T_MAX);
    test_against_reference(c, &m, &full, tokens, T_MAX);
    test_attention_invariants(c, &full);
    test_one_score(c, &full);
    test_positions(c, &m, &full);
    test_norm_stats(c, &full);

    /* Incremental: one token at a time, and uneven chunks. */
    for (int t = 0; t < T_MAX; t++)
        CHECK_OK(c, gf_forward_append(&m, &step, tokens + t, 1, &err), &err);
    CHECK(c, traces_equal(&full, &step, -1));
    CHECK_OK(c, gf_forward_append(&m, &chunks, tokens, 3, &err), &err);
    CHECK_OK(c, gf_forward_append(&m, &chunks, tokens + 3, 7, &err), &err);
    CHECK_OK(c, gf_forward_append(&m, &chunks, tokens + 10, 2, &err), &err);
    CHECK(c, traces_equal(&full, &chunks, -1));

    /* Lean trace: the same last logits. */
    for (int t = 0; t < T_MAX; t++)
        CHECK_OK(c, gf_forward_append(&m, &lean, tokens + t, 1, &err), &err);
    CHECK(c, memcmp(gf_trace_logits_row(&lean, T_MAX - 1), gf_trace_logits_row(&full, T_MAX - 1),
                    sizeof(float) * m.config.vocab_size) == 0);
    CHECK(c, gf_trace_logits_row(&lean, 0) == NULL);
    CHECK(c, gf_trace_find(&lean, "attn.weights", 0, -1) < 0);
    CHECK(c, gf_trace_find(&lean, "attn.k", 1, -1) >= 0);

    /* Causality: another last token leaves every earlier row untouched. */
    int32_t other[T_MAX];
    memcpy(other, tokens, sizeof other);
    other[T_MAX - 1] = (tokens[T_MAX - 1] + 1) % m.config.vocab_size;
    gf_trace_truncate(&step, T_MAX - 1);
    CHECK_INT(c, step.n_tokens, T_MAX - 1);
    CHECK_OK(c, gf_forward_append(&m, &step, other + T_MAX - 1, 1, &err), &err);
    CHECK(c, traces_equal(&full, &step, T_MAX - 1));
    CHECK(c, !traces_equal(&full, &step, -1));
    /* ...and truncate + append equals recomputing the new sequence. */
    CHECK_OK(c, gf_forward_full(&m, &chunks, other, T_MAX, &err), &err);
    CHECK(c, traces_equal(&chunks, &step, -1));

    gf_trace_free(&full);
    gf_trace_free(&step);
    gf_trace_free(&chunks);
    gf_trace_free(&lean);
    gf_model_free(&m);
}

static void test_errors(check_ctx *c)
{
    gf_model m;
    if (!make_model(c, &VARIANTS[0], &m))
        return;
    gf_error err = {0};
    gf_trace tr;
    CHECK(c, gf_trace_init(&tr, &m.config, 17, true, &err) == GF_ERR_RANGE);
    CHECK(c, strstr(err.message, "capacity") != NULL);
    CHECK(c, gf_trace_init(&tr, &m.config, 0, true, &err) == GF_ERR_RANGE);
    CHECK_OK(c, gf_trace_init(&tr, &m.config, 4, true, &err), &err);
    /* The size checked before allocating is what is allocated: the arena and
     * the entry table. */
    CHECK(c, gf_trace_bytes(&m.config, 4, true) ==
                 tr.arena_floats * sizeof(float) + (size_t)tr.n_entries * sizeof(gf_trace_entry));
    int32_t tokens[5] = {1, 2, 3, 4, 5};
    CHECK(c, gf_forward_append(&m, &tr, tokens, 5, &err) == GF_ERR_RANGE);
    CHECK(c, strstr(err.message, "too long") != NULL);
    CHECK_INT(c, tr.n_tokens, 0);
    tokens[1] = 300;
    CHECK(c, gf_forward_append(&m, &tr, tokens, 2, &err) == GF_ERR_RANGE);
    CHECK(c, strstr(err.message, "position 1") != NULL);
    tokens[1] = -1;
    CHECK(c, gf_forward_append(&m, &tr, tokens, 2, &err) == GF_ERR_RANGE);
    CHECK_INT(c, tr.n_tokens, 0);
    gf_trace_free(&tr);

    gf_config other = m.config;
    other.n_layer = 3;
    CHECK_OK(c, gf_trace_init(&tr, &other, 4, true, &err), &err);
    tokens[1] = 2;
    CHECK(c, gf_forward_append(&m, &tr, tokens, 2, &err) == GF_ERR_ARGUMENT);
    gf_trace_free(&tr);
    /* A trace made for the untied variant of the same model is another shape. */
    other = m.config;
    other.tied_embeddings = !m.config.tied_embeddings;
    CHECK_OK(c, gf_trace_init(&tr, &other, 4, true, &err), &err);
    CHECK(c, gf_forward_append(&m, &tr, tokens, 2, &err) == GF_ERR_ARGUMENT);
    CHECK(c, strstr(err.message, "another model's shape") != NULL);
    gf_trace_free(&tr);

    /* Absurd sizes are refused before allocating. */
    gf_config huge;
    gf_config_default(&huge);
    huge.n_ctx = 60000;
    CHECK(c, gf_trace_init(&tr, &huge, 60000, true, &err) == GF_ERR_MEMORY);
    CHECK(c, strstr(err.message, "GiB") != NULL);
    gf_model_free(&m);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "forward");
    for (size_t i = 0; i < sizeof VARIANTS / sizeof *VARIANTS; i++)
        test_variant(&c, &VARIANTS[i]);
    test_errors(&c);
    return check_end(&c);
}

/* test_backward.c — the whole model's gradient, for all 64 variants
 * (pre/post norm × LayerNorm/RMSNorm × learned/sinusoidal × GELU tanh/
 * exact/ReLU/SwiGLU × tied/untied), against central finite differences of
 * the loss computed in double by tests/reference_model.c.
 *
 * Every parameter tensor gets a few randomly chosen entries checked. The
 * perturbation is applied to the float weight, and the difference quotient
 * divides by the perturbation actually stored, so the only errors are the
 * O(h²) truncation and the float rounding of the backward itself. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backward.h"
#include "check.h"
#include "forward.h"
#include "reference_model.h"
#include "sampler.h"

#define V 13
#define C 8
#define H 2
#define F 12
#define L 2
#define N_CTX 9
#define T 8              /* < N_CTX: the trace's row stride differs from T */
#define PER_TENSOR 12    /* entries checked per parameter tensor            */
#define FD_STEP 1e-5
#define TOL_REL 1e-4     /* float backward vs double differences            */
#define TOL_ABS 1e-6

typedef struct {
    gf_model model;
    gf_trace trace;
    gf_backward scratch;
    gf_weights grads;
    int32_t tokens[T], targets[T];
} fixture;

static void make_config(gf_config *cfg, int variant)
{
    gf_config_default(cfg);
    cfg->vocab_size = V;
    cfg->n_ctx = N_CTX;
    cfg->n_embd = C;
    cfg->n_head = H;
    cfg->n_layer = L;
    cfg->n_inner = F;
    cfg->norm_placement = variant & 1 ? GF_NORM_POST : GF_NORM_PRE;
    cfg->norm_type = variant & 2 ? GF_NORM_RMSNORM : GF_NORM_LAYERNORM;
    cfg->position_type = variant & 4 ? GF_POSITION_SINUSOIDAL : GF_POSITION_LEARNED;
    cfg->activation = (gf_activation)((variant >> 3) & 3);
    cfg->tied_embeddings = !(variant & 32);
}

static void variant_label(char *buf, size_t size, const gf_config *cfg)
{
    snprintf(buf, size, "%s/%s/%s/%s/%s", gf_norm_placement_name(cfg->norm_placement),
             gf_norm_type_name(cfg->norm_type), gf_position_type_name(cfg->position_type),
             gf_activation_name(cfg->activation), cfg->tied_embeddings ? "tied" : "untied");
}

/* A model with every parameter random (gains and biases too), so no term of
 * the gradient hides behind a 0 or a 1; random tokens and targets, one of
 * them ignored. */
static bool fixture_init(check_ctx *c, fixture *fx, const gf_config *cfg, uint64_t seed)
{
    memset(fx, 0, sizeof *fx);
    gf_error err = {0};
    fx->model.config = *cfg;
    if (!CHECK_OK(c, gf_weights_alloc(&fx->model.weights, cfg, &err), &err) ||
        !CHECK_OK(c, gf_weights_alloc(&fx->grads, cfg, &err), &err) ||
        !CHECK_OK(c, gf_trace_init(&fx->trace, cfg, N_CTX, true, &err), &err) ||
        !CHECK_OK(c, gf_backward_init(&fx->scratch, cfg, N_CTX, &err), &err))
        return false;
    gf_rng rng;
    gf_rng_seed(&rng, seed);
    for (int64_t i = 0; i < fx->model.weights.params.total; i++)
        fx->model.weights.data[i] = (float)(gf_rng_uniform(&rng) - 0.5) * 0.8f;
    for (int t = 0; t < T; t++) {
        fx->tokens[t] = (int32_t)(gf_rng_next(&rng) % V);
        fx->targets[t] = (int32_t)(gf_rng_next(&rng) % V);
    }
    fx->targets[3] = GF_BACKWARD_IGNORE;
    return true;
}

static void fixture_free(fixture *fx)
{
    gf_model_free(&fx->model);
    gf_trace_free(&fx->trace);
    gf_backward_free(&fx->scratch);
    gf_weights_free(&fx->grads);
}

/* The mean cross-entropy over the targeted positions, all in double. */
static double reference_loss(const fixture *fx)
{
    double logits[T * V];
    reference_logits(&fx->model, fx->tokens, T, logits);
    double total = 0.0;
    int counted = 0;
    for (int t = 0; t < T; t++) {
        if (fx->targets[t] == GF_BACKWARD_IGNORE)
            continue;
        const double *row = logits + t * V;
        double max = row[0], sum = 0.0;
        for (int i = 1; i < V; i++)
            max = row[i] > max ? row[i] : max;
        for (int i = 0; i < V; i++)
            sum += exp(row[i] - max);
        total += log(sum) + max - row[fx->targets[t]];
        counted++;
    }
    return total / counted;
}

/* Central difference of the reference loss in weight index i. */
static double loss_difference(fixture *fx, int64_t i)
{
    float *w = &fx->model.weights.data[i];
    const float saved = *w;
    const float plus = (float)(saved + FD_STEP), minus = (float)(saved - FD_STEP);
    *w = plus;
    const double loss_plus = reference_loss(fx);
    *w = minus;
    const double loss_minus = reference_loss(fx);
    *w = saved;
    return (loss_plus - loss_minus) / ((double)plus - (double)minus);
}

/* Checks PER_TENSOR random entries of every tensor (all of small ones);
 * returns the worst |error| / tolerance seen. */
static double check_gradients(check_ctx *c, fixture *fx, const char *label, gf_rng *rng)
{
    const gf_param_list *params = &fx->model.weights.params;
    double worst = 0.0;
    for (int p = 0; p < params->count; p++) {
        const gf_param *param = &params->items[p];
        const int checks = param->numel < PER_TENSOR ? (int)param->numel : PER_TENSOR;
        for (int k = 0; k < checks; k++) {
            const int64_t j = param->numel <= PER_TENSOR
                                  ? k
                                  : (int64_t)(gf_rng_next(rng) % (uint64_t)param->numel);
            const int64_t i = param->offset + j;
            const double want = loss_difference(fx, i);
            const double got = fx->grads.data[i];
            const double ratio = fabs(got - want) / (TOL_REL * fabs(want) + TOL_ABS);
            if (ratio > worst)
                worst = ratio;
            if (ratio > 1.0) {
                fprintf(stderr, "%s: %s[%lld]: backward %.9g, differences %.9g\n", label,
                        param->name, (long long)j, got, want);
                CHECK(c, ratio <= 1.0);
            }
        }
    }
    return worst;
}

/* Smallest |pre-activation| of a ReLU model's trace (infinity otherwise). */
static double nearest_kink(const fixture *fx)
{
    double nearest = INFINITY;
    if (fx->model.config.activation != GF_ACTIVATION_RELU)
        return nearest;
    for (int l = 0; l < L; l++)
        for (int i = 0; i < T * F; i++)
            nearest = fmin(nearest, fabs(fx->trace.layers[l].mlp_pre[i]));
    return nearest;
}

/* The variant's model, forward-traced. Finite differences mean nothing
 * where a ReLU input sits within reach of the kink, so such a draw is
 * replaced by the next seed's. */
static bool variant_fixture(check_ctx *c, fixture *fx, const gf_config *cfg, int variant)
{
    gf_error err = {0};
    for (uint64_t attempt = 0; attempt < 8; attempt++) {
        if (!fixture_init(c, fx, cfg, 1000 + 64 * attempt + (uint64_t)variant) ||
            !CHECK_OK(c, gf_forward_full(&fx->model, &fx->trace, fx->tokens, T, &err), &err))
            return false;
        if (nearest_kink(fx) > 100 * FD_STEP)
            return true;
        fixture_free(fx);
    }
    return CHECK(c, !"a ReLU model with no input near 0");
}

static void test_variant(check_ctx *c, int variant, double *worst)
{
    gf_config cfg;
    make_config(&cfg, variant);
    char label[96];
    variant_label(label, sizeof label, &cfg);
    fixture fx;
    gf_error err = {0};
    memset(&fx, 0, sizeof fx);
    if (variant_fixture(c, &fx, &cfg, variant)) {
        double loss = 0.0;
        if (CHECK_OK(c, gf_backward_run(&fx.scratch, &fx.model, &fx.trace, fx.targets, 1.0f,
                                        &fx.grads, &loss, &err),
                     &err)) {
            /* The float forward's loss agrees with the double reference. */
            if (!CHECK_NEAR(c, loss, reference_loss(&fx), 1e-5))
                fprintf(stderr, "  (variant %s)\n", label);
            gf_rng rng;
            gf_rng_seed(&rng, 7 + (uint64_t)variant);
            const double w = check_gradients(c, &fx, label, &rng);
            if (w > *worst)
                *worst = w;
        }
    }
    fixture_free(&fx);
}

/* Gradients add up: two runs at scale 1/2 give one run at scale 1; wpe
 * rows past T and wte rows of unseen tokens (untied) stay exactly 0. */
static void test_accumulation(check_ctx *c)
{
    gf_config cfg;
    make_config(&cfg, 32); /* pre, LayerNorm, learned, GELU tanh, untied */
    fixture fx;
    gf_error err = {0};
    if (!fixture_init(c, &fx, &cfg, 5)) {
        fixture_free(&fx);
        return;
    }
    for (int t = 0; t < T; t++)
        fx.tokens[t] = t % 4; /* tokens 4.. V-1 unused */
    gf_weights half;
    CHECK_OK(c, gf_forward_full(&fx.model, &fx.trace, fx.tokens, T, &err), &err);
    CHECK_OK(c, gf_weights_alloc(&half, &cfg, &err), &err);
    CHECK_OK(c, gf_backward_run(&fx.scratch, &fx.model, &fx.trace, fx.targets, 1.0f, &fx.grads,
                                NULL, &err),
             &err);
    for (int i = 0; i < 2; i++)
        CHECK_OK(c, gf_backward_run(&fx.scratch, &fx.model, &fx.trace, fx.targets, 0.5f, &half,
                                    NULL, &err),
                 &err);
    double diff = 0.0, norm = 0.0;
    for (int64_t i = 0; i < half.params.total; i++) {
        diff = fmax(diff, fabs((double)half.data[i] - fx.grads.data[i]));
        norm = fmax(norm, fabs((double)fx.grads.data[i]));
    }
    CHECK(c, norm > 1e-3);
    CHECK(c, diff <= 1e-6 * norm);
    bool zero = true;
    for (int64_t i = (int64_t)T * C; i < (int64_t)N_CTX * C; i++)
        zero = zero && fx.grads.wpe[i] == 0.0f;
    for (int64_t i = 4 * C; i < (int64_t)V * C; i++)
        zero = zero && fx.grads.wte[i] == 0.0f;
    CHECK(c, zero);
    gf_weights_free(&half);
    fixture_free(&fx);
}

/* Gradients of fx's sequence into g (zeroed first); weights_unchanged is
 * the promise passed to the run. */
static bool run_into(check_ctx *c, fixture *fx, gf_weights *g, bool weights_unchanged)
{
    gf_error err = {0};
    memset(g->data, 0, sizeof *g->data * (size_t)g->params.total);
    fx->scratch.weights_unchanged = weights_unchanged;
    return CHECK_OK(c, gf_backward_run(&fx->scratch, &fx->model, &fx->trace, fx->targets, 1.0f,
                                       g, NULL, &err),
                    &err);
}

static bool same_bits(const gf_weights *a, const gf_weights *b)
{
    return memcmp(a->data, b->data, sizeof *a->data * (size_t)a->params.total) == 0;
}

/* The transposed weights kept between runs (the trainer's sequences of one
 * step): a promise on a new scratch still makes them; reusing them gives
 * the bits of a fresh run; every run, even one that fails its checks, uses
 * the promise up; and they really are reused (a false promise shows in the
 * result). Gated and plain feed-forwards. */
static void test_reused_transposes(check_ctx *c)
{
    const int variants[] = {0, 3 << 3};   /* GELU tanh; SwiGLU */
    for (int v = 0; v < 2; v++) {
        gf_config cfg;
        make_config(&cfg, variants[v]);
        fixture fx;
        gf_weights fresh, reused;
        gf_error err = {0};
        const bool ready = fixture_init(c, &fx, &cfg, 11) &&
                           CHECK_OK(c, gf_weights_alloc(&fresh, &cfg, &err), &err) &&
                           CHECK_OK(c, gf_weights_alloc(&reused, &cfg, &err), &err) &&
                           CHECK_OK(c, gf_forward_full(&fx.model, &fx.trace, fx.tokens, T, &err),
                                    &err);
        if (ready && run_into(c, &fx, &reused, true) && run_into(c, &fx, &fresh, false)) {
            CHECK(c, same_bits(&fresh, &reused));   /* the new scratch made them */
            run_into(c, &fx, &reused, true);
            CHECK(c, same_bits(&fresh, &reused));   /* kept from the run before */
            CHECK(c, !fx.scratch.weights_unchanged);
            int32_t bad[T];
            memcpy(bad, fx.targets, sizeof bad);
            bad[0] = V;
            fx.scratch.weights_unchanged = true;
            CHECK_INT(c, gf_backward_run(&fx.scratch, &fx.model, &fx.trace, bad, 1.0f, &reused,
                                         NULL, &err),
                      GF_ERR_RANGE);
            CHECK(c, !fx.scratch.weights_unchanged);
            /* Weights changed behind a promise: the old transposes are
             * used, and the input gradients come out different. */
            for (int64_t i = 0; i < fx.model.weights.params.total; i++)
                fx.model.weights.data[i] *= 0.5f;
            CHECK_OK(c, gf_forward_full(&fx.model, &fx.trace, fx.tokens, T, &err), &err);
            run_into(c, &fx, &reused, true);
            run_into(c, &fx, &fresh, false);
            CHECK(c, !same_bits(&fresh, &reused));
        }
        gf_weights_free(&fresh);
        gf_weights_free(&reused);
        fixture_free(&fx);
    }
}

static void test_errors(check_ctx *c)
{
    gf_config cfg, other;
    make_config(&cfg, 0);
    make_config(&other, 1);
    fixture fx;
    gf_error err = {0};
    if (!fixture_init(c, &fx, &cfg, 9)) {
        fixture_free(&fx);
        return;
    }
    CHECK_OK(c, gf_forward_full(&fx.model, &fx.trace, fx.tokens, T, &err), &err);
    gf_trace lean;
    gf_weights wrong;
    CHECK_OK(c, gf_trace_init(&lean, &cfg, N_CTX, false, &err), &err);
    CHECK_OK(c, gf_forward_full(&fx.model, &lean, fx.tokens, T, &err), &err);
    CHECK_INT(c, gf_backward_run(&fx.scratch, &fx.model, &lean, fx.targets, 1.0f, &fx.grads,
                                 NULL, &err),
              GF_ERR_ARGUMENT);
    CHECK(c, strstr(err.message, "keep_all") != NULL);
    CHECK_OK(c, gf_weights_alloc(&wrong, &other, &err), &err);
    CHECK_INT(c, gf_backward_run(&fx.scratch, &fx.model, &fx.trace, fx.targets, 1.0f, &wrong,
                                 NULL, &err),
              GF_ERR_ARGUMENT);
    int32_t bad[T];
    memcpy(bad, fx.targets, sizeof bad);
    bad[5] = V;
    CHECK_INT(c, gf_backward_run(&fx.scratch, &fx.model, &fx.trace, bad, 1.0f, &fx.grads, NULL,
                                 &err),
              GF_ERR_RANGE);
    CHECK(c, strstr(err.message, "position 5") != NULL);
    for (int t = 0; t < T; t++)
        bad[t] = GF_BACKWARD_IGNORE;
    CHECK_INT(c, gf_backward_run(&fx.scratch, &fx.model, &fx.trace, bad, 1.0f, &fx.grads, NULL,
                                 &err),
              GF_ERR_ARGUMENT);
    gf_backward small;
    CHECK_OK(c, gf_backward_init(&small, &cfg, 4, &err), &err);
    CHECK_INT(c, gf_backward_run(&small, &fx.model, &fx.trace, fx.targets, 1.0f, &fx.grads,
                                 NULL, &err),
              GF_ERR_RANGE);
    gf_backward_free(&small);
    CHECK_INT(c, gf_backward_init(&small, &cfg, N_CTX + 1, &err), GF_ERR_RANGE);
    /* Nothing was added by the failed calls. */
    bool zero = true;
    for (int64_t i = 0; i < fx.grads.params.total; i++)
        zero = zero && fx.grads.data[i] == 0.0f;
    CHECK(c, zero);
    gf_trace_free(&lean);
    gf_weights_free(&wrong);
    fixture_free(&fx);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "backward");
    double worst = 0.0;
    for (int variant = 0; variant < 64; variant++)
        test_variant(&c, variant, &worst);
    printf("worst gradient error: %.3f of the tolerance\n", worst);
    CHECK(&c, worst <= 1.0);
    test_accumulation(&c);
    test_reused_transposes(&c);
    test_errors(&c);
    return check_end(&c);
}

/* test_train.c — the training step end to end: a few hundred steps on a
 * small repetitive text drive the loss well below the text's unigram
 * entropy (what a model that ignores context can reach at best), for the
 * GPT-2 variant and the original transformer's; the same seed gives the
 * same loss curve bit for bit, another seed another model and first loss,
 * and 1 or 2 threads the same step; eval agrees with the step's loss; the
 * step clips the gradient (AdamW's first moment after one step against a
 * separate backward pass); bad batches fail cleanly. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "forward.h"
#include "sampler.h"
#include "train.h"

#ifdef _OPENMP
#include <omp.h>
#endif

#define SEQ 32
#define BATCH 4
#define STEPS 600
#define REPEAT_STEPS 30
#define TEXT_MAX 4096

static const char LINES[] = "the cat sat on the mat. the dog ate a log. "
                            "a bird sang in the tree. we went home. ";

typedef struct {
    int32_t tokens[TEXT_MAX];
    int n;
    int vocab;
    double unigram_entropy;   /* nats per character */
} corpus;

/* The lines repeated, each distinct character mapped to an id. */
static void corpus_build(corpus *cp)
{
    int id_of[256];
    for (int i = 0; i < 256; i++)
        id_of[i] = -1;
    cp->vocab = 0;
    cp->n = 0;
    const int len = (int)strlen(LINES);
    while (cp->n + len <= TEXT_MAX)
        for (int i = 0; i < len; i++) {
            const unsigned char ch = (unsigned char)LINES[i];
            if (id_of[ch] < 0)
                id_of[ch] = cp->vocab++;
            cp->tokens[cp->n++] = id_of[ch];
        }
    /* H = −Σ p log p over the character frequencies. */
    int counts[256] = {0};
    for (int i = 0; i < cp->n; i++)
        counts[cp->tokens[i]]++;
    cp->unigram_entropy = 0.0;
    for (int v = 0; v < cp->vocab; v++) {
        const double p = (double)counts[v] / cp->n;
        cp->unigram_entropy -= p * log(p);
    }
}

/* BATCH random windows of SEQ + 1 tokens. */
static void sample_batch(const corpus *cp, gf_rng *rng, int32_t *batch)
{
    for (int b = 0; b < BATCH; b++) {
        const int start = (int)(gf_rng_next(rng) % (uint64_t)(cp->n - SEQ - 1));
        memcpy(batch + b * (SEQ + 1), cp->tokens + start, sizeof *batch * (SEQ + 1));
    }
}

#define WIDTH 16   /* C: small enough that no loop reaches OpenMP's threshold,
                      so a busy machine cannot slow the long runs down */

/* GPT-2's variant (pre-norm, learned positions, GELU, tied), or with
 * seeds = true the original transformer's (post-norm, sinusoidal, ReLU);
 * 2 layers of width C, heads of 8, FFN 2C. */
static void make_model(gf_model *m, const corpus *cp, bool seeds, int width, uint64_t seed,
                       gf_error *err, check_ctx *c)
{
    memset(m, 0, sizeof *m);
    gf_config_default(&m->config);
    if (seeds) {
        m->config.norm_placement = GF_NORM_POST;
        m->config.position_type = GF_POSITION_SINUSOIDAL;
        m->config.activation = GF_ACTIVATION_RELU;
    }
    m->config.vocab_size = cp->vocab;
    m->config.n_ctx = SEQ;
    m->config.n_embd = width;
    m->config.n_head = width / 8;
    m->config.n_layer = 2;
    m->config.n_inner = 2 * width;
    if (!CHECK_OK(c, gf_weights_alloc(&m->weights, &m->config, err), err))
        return;
    gf_weights_init_random(&m->weights, &m->config, seed);
    if (seeds) {
        /* GPT-2's N(0, 0.02) token embeddings would be drowned by the
         * sinusoids' ±1 (such a model barely learns); the original
         * transformer's embeddings have unit-size rows: N(0, 1/C). */
        gf_rng rng;
        gf_rng_seed(&rng, seed + 1);
        const int64_t count = (int64_t)m->config.vocab_size * m->config.n_embd;
        for (int64_t i = 0; i < count; i++)
            m->weights.wte[i] = gf_rng_normal(&rng) / sqrtf((float)m->config.n_embd);
    }
}

static void optimizer_config(gf_adamw_config *opt)
{
    gf_adamw_config_default(opt);
    opt->lr_max = 1e-2f;
    opt->lr_min = 1e-3f;
    opt->warmup_steps = 20;
    opt->total_steps = STEPS;
    opt->weight_decay = 0.01f;
}

/* Trains `steps` steps from seed; losses (steps) receives the curve. */
static bool train_run(check_ctx *c, const corpus *cp, bool seeds, uint64_t seed, int steps,
                      double *losses)
{
    gf_model m;
    gf_trainer t;
    gf_error err = {0};
    gf_adamw_config opt;
    optimizer_config(&opt);
    make_model(&m, cp, seeds, WIDTH, seed, &err, c);
    bool ok = CHECK_OK(c, gf_trainer_init(&t, &m, &opt, SEQ, &err), &err);
    gf_rng rng;
    gf_rng_seed(&rng, seed);
    int32_t batch[BATCH * (SEQ + 1)];
    for (int s = 0; ok && s < steps; s++) {
        gf_train_stats stats = {0};
        sample_batch(cp, &rng, batch);
        ok = CHECK_OK(c, gf_trainer_step(&t, batch, BATCH, &stats, &err), &err);
        losses[s] = stats.loss;
        if (ok && s == 0)
            ok = CHECK_INT(c, stats.step, 1) && CHECK_NEAR(c, stats.lr, opt.lr_max / 20, 1e-9);
    }
    gf_trainer_free(&t);
    gf_model_free(&m);
    return ok;
}

static void test_learns(check_ctx *c, const corpus *cp, bool seeds)
{
    static double losses[STEPS], again[REPEAT_STEPS];
    if (!train_run(c, cp, seeds, 42, STEPS, losses))
        return;
    double last = 0.0;
    for (int s = 0; s < 10; s++)
        last += losses[STEPS - 10 + s] / 10;
    printf("%s: unigram entropy %.3f nats; loss: first step %.3f, last 10 steps %.3f\n",
           seeds ? "post-norm/sinusoidal/relu" : "pre-norm/learned/gelu", cp->unigram_entropy,
           losses[0], last);
    /* A fresh GPT-2 model (weights ~ N(0, 0.02)) knows nothing: about log V
     * per token (the other's larger embeddings make its first logits spread). */
    if (!seeds)
        CHECK_NEAR(c, losses[0], log((double)cp->vocab), 0.05);
    /* Context must be used: far below what unigram statistics allow. */
    CHECK(c, last < cp->unigram_entropy / 4);
    /* Same seed, same curve, bit for bit. */
    if (train_run(c, cp, seeds, 42, REPEAT_STEPS, again))
        CHECK(c, memcmp(losses, again, sizeof again) == 0);
}

/* Eval of a batch equals the loss the step reports for it (before the update),
 * and the step lowers that batch's loss. */
static void test_eval_and_errors(check_ctx *c, const corpus *cp)
{
    gf_model m;
    gf_trainer t;
    gf_error err = {0};
    gf_adamw_config opt;
    optimizer_config(&opt);
    opt.warmup_steps = 0;
    opt.lr_max = opt.lr_min = 3e-3f;
    make_model(&m, cp, false, WIDTH, 3, &err, c);
    if (!CHECK_OK(c, gf_trainer_init(&t, &m, &opt, SEQ, &err), &err)) {
        gf_model_free(&m);
        return;
    }
    gf_rng rng;
    gf_rng_seed(&rng, 5);
    int32_t batch[BATCH * (SEQ + 1)];
    sample_batch(cp, &rng, batch);
    double before = 0.0, after = 0.0;
    gf_train_stats stats;
    CHECK_OK(c, gf_trainer_eval(&t, batch, BATCH, &before, &err), &err);
    CHECK_OK(c, gf_trainer_step(&t, batch, BATCH, &stats, &err), &err);
    CHECK_OK(c, gf_trainer_eval(&t, batch, BATCH, &after, &err), &err);
    CHECK_NEAR(c, stats.loss, before, 1e-9);
    CHECK(c, after < before);
    CHECK(c, stats.grad_norm > 0.0);

    batch[SEQ] = cp->vocab;   /* the last target of row 0 */
    CHECK_INT(c, gf_trainer_step(&t, batch, BATCH, &stats, &err), GF_ERR_RANGE);
    CHECK(c, strstr(err.message, "row 0") != NULL);
    CHECK_INT(c, gf_trainer_step(&t, batch, 0, &stats, &err), GF_ERR_ARGUMENT);
    CHECK_INT(c, t.opt.step, 1);   /* failed steps changed nothing */
    gf_trainer_free(&t);
    CHECK_INT(c, gf_trainer_init(&t, &m, &opt, SEQ + 1, &err), GF_ERR_RANGE);
    gf_model_free(&m);
}

/* Clipping is applied: after one step with a tiny clip, AdamW's first moment
 * is (1−β1)·g·clip/‖g‖, with g the batch's mean gradient from separate
 * forward and backward passes (so ‖m‖ = (1−β1)·clip). */
static void test_clipping(check_ctx *c, const corpus *cp)
{
    const float clip = 1e-3f;
    gf_model m;
    gf_error err = {0};
    gf_adamw_config opt;
    optimizer_config(&opt);
    opt.clip_norm = clip;
    make_model(&m, cp, false, WIDTH, 13, &err, c);
    gf_rng rng;
    gf_rng_seed(&rng, 14);
    int32_t batch[BATCH * (SEQ + 1)];
    sample_batch(cp, &rng, batch);
    /* g = (1/B) Σ_b ∂loss_b/∂θ, before any update. */
    gf_trace tr = {0};
    gf_backward b = {0};
    gf_weights g = {0};
    bool ok = CHECK_OK(c, gf_trace_init(&tr, &m.config, SEQ, true, &err), &err) &&
              CHECK_OK(c, gf_backward_init(&b, &m.config, SEQ, &err), &err) &&
              CHECK_OK(c, gf_weights_alloc(&g, &m.config, &err), &err);
    const int64_t n = m.weights.params.total;
    if (ok)
        memset(g.data, 0, sizeof *g.data * (size_t)n);
    for (int r = 0; ok && r < BATCH; r++) {
        const int32_t *row = batch + r * (SEQ + 1);
        ok = CHECK_OK(c, gf_forward_full(&m, &tr, row, SEQ, &err), &err) &&
             CHECK_OK(c, gf_backward_run(&b, &m, &tr, row + 1, 1.0f / BATCH, &g, NULL, &err),
                      &err);
    }
    double norm = 0.0;
    for (int64_t i = 0; ok && i < n; i++)
        norm += (double)g.data[i] * g.data[i];
    norm = sqrt(norm);
    gf_trainer t;
    gf_train_stats stats = {0};
    ok = ok && CHECK(c, norm > 100.0 * clip) &&   /* clipping must bite */
         CHECK_OK(c, gf_trainer_init(&t, &m, &opt, SEQ, &err), &err);
    if (ok && CHECK_OK(c, gf_trainer_step(&t, batch, BATCH, &stats, &err), &err)) {
        CHECK_NEAR(c, stats.grad_norm, norm, 1e-6 * norm);
        const double scale = (1.0 - (double)opt.beta1) * clip / norm;
        double worst = 0.0, biggest = 0.0, m_norm = 0.0;
        for (int64_t i = 0; i < n; i++) {
            const double want = scale * g.data[i];
            worst = fmax(worst, fabs(t.opt.m[i] - want));
            biggest = fmax(biggest, fabs(want));
            m_norm += (double)t.opt.m[i] * t.opt.m[i];
        }
        CHECK(c, biggest > 0.0 && worst <= 1e-5 * biggest);
        CHECK_NEAR(c, sqrt(m_norm), (1.0 - (double)opt.beta1) * clip, 1e-5 * clip);
    }
    if (ok)
        gf_trainer_free(&t);
    gf_weights_free(&g);
    gf_backward_free(&b);
    gf_trace_free(&tr);
    gf_model_free(&m);
}

/* Another seed, another model and another first loss. */
static void test_seeds_differ(check_ctx *c, const corpus *cp)
{
    gf_model a, b;
    gf_error err = {0};
    make_model(&a, cp, false, WIDTH, 42, &err, c);
    make_model(&b, cp, false, WIDTH, 43, &err, c);
    CHECK(c, a.weights.data && b.weights.data &&
                 memcmp(a.weights.data, b.weights.data,
                        sizeof *a.weights.data * (size_t)a.weights.params.total) != 0);
    gf_model_free(&a);
    gf_model_free(&b);
    double first42 = 0.0, first43 = 0.0;
    if (train_run(c, cp, false, 42, 1, &first42) && train_run(c, cp, false, 43, 1, &first43))
        CHECK(c, first42 != first43);
}

#ifdef _OPENMP
/* Loss and weights after one step of a model wide enough for every
 * parallel loop to split, with `threads` threads (one step only: on a busy
 * machine each parallel loop may wait for a time slice). */
static bool train_threads(check_ctx *c, const corpus *cp, int threads, double *loss,
                          double *checksum)
{
    gf_model m;
    gf_trainer t;
    gf_error err = {0};
    gf_adamw_config opt;
    optimizer_config(&opt);
    make_model(&m, cp, false, 64, 8, &err, c);
    bool ok = CHECK_OK(c, gf_trainer_init(&t, &m, &opt, SEQ, &err), &err);
    gf_rng rng;
    gf_rng_seed(&rng, 8);
    int32_t batch[BATCH * (SEQ + 1)];
    omp_set_num_threads(threads);
    gf_train_stats stats = {0};
    sample_batch(cp, &rng, batch);
    ok = ok && CHECK_OK(c, gf_trainer_step(&t, batch, BATCH, &stats, &err), &err);
    *loss = stats.loss;
    *checksum = 0.0;
    for (int64_t i = 0; ok && i < m.weights.params.total; i++)
        *checksum = *checksum * 0.999 + m.weights.data[i];
    gf_trainer_free(&t);
    gf_model_free(&m);
    return ok;
}

/* Sums never depend on how work is split: 1 and 2 threads agree bitwise. */
static void test_thread_count(check_ctx *c, const corpus *cp)
{
    double one = 0.0, two = 1.0, sum_one = 0.0, sum_two = 1.0;
    const int saved = omp_get_max_threads();
    if (train_threads(c, cp, 1, &one, &sum_one) && train_threads(c, cp, 2, &two, &sum_two)) {
        CHECK(c, one == two);
        CHECK(c, sum_one == sum_two);
    }
    omp_set_num_threads(saved);
}
#endif

int main(void)
{
    check_ctx c;
    check_begin(&c, "train");
    static corpus cp;
    corpus_build(&cp);
    test_learns(&c, &cp, false);
    test_learns(&c, &cp, true);
    test_eval_and_errors(&c, &cp);
    test_clipping(&c, &cp);
    test_seeds_differ(&c, &cp);
#ifdef _OPENMP
    test_thread_count(&c, &cp);
#endif
    return check_end(&c);
}

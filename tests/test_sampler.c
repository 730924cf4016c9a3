/* test_sampler.c — the random generator and the sampler, against hand-computed
 * values, the softmax definition, invariants and statistical bounds. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "sampler.h"

#define TOL 1e-6

/* ------------------------------------------------------------- helpers -- */

/* Reference softmax(x / T) in double, straight from the definition. */
static void ref_softmax(const float *x, int n, double temperature, double *out)
{
    double max = x[0], sum = 0.0;
    for (int i = 1; i < n; i++)
        if (x[i] > max)
            max = x[i];
    for (int i = 0; i < n; i++)
        sum += out[i] = exp((x[i] - max) / temperature);
    for (int i = 0; i < n; i++)
        out[i] /= sum;
}

/* Run a fresh sampler's distribution on logits (n) and copy it to out. */
static void distribution_of(check_ctx *c, const float *logits, int n, float temperature,
                            int top_k, float top_p, float *out)
{
    gf_sampler s;
    gf_error err;
    gf_error_clear(&err);
    if (!CHECK_OK(c, gf_sampler_init(&s, n, temperature, top_k, top_p, 1, &err), &err))
        return;
    gf_sampler_distribution(&s, logits);
    memcpy(out, s.probs, (size_t)n * sizeof *out);
    gf_sampler_free(&s);
}

static void random_logits(gf_rng *rng, float *x, int n, float scale)
{
    for (int i = 0; i < n; i++)
        x[i] = scale * gf_rng_normal(rng);
}

static double sum_of(const float *p, int n)
{
    double s = 0.0;
    for (int i = 0; i < n; i++)
        s += p[i];
    return s;
}

static int count_nonzero(const float *p, int n)
{
    int k = 0;
    for (int i = 0; i < n; i++)
        k += p[i] != 0.0f;
    return k;
}

/* Check p (n) against want (n) element by element. */
static void check_probs(check_ctx *c, const float *p, const double *want, int n, double tol,
                        int line)
{
    for (int i = 0; i < n; i++) {
        char what[64];
        snprintf(what, sizeof what, "probs[%d] (case at line %d)", i, line);
        check_near(c, p[i], want[i], tol, what, __FILE__, line);
        if (want[i] == 0.0)
            check_true(c, p[i] == 0.0f, "dropped token is exactly 0", __FILE__, line);
    }
}

/* ----------------------------------------------------------------- rng -- */

static void test_rng_known_values(check_ctx *c)
{
    /* xoshiro256** from state {1, 2, 3, 4}, by hand:
     * out1 = rotl(2 * 5, 7) * 9 = 1280 * 9 = 11520;
     * then s = {7, 0, 262146, 6 << 45}, so out2 = rotl(0, 7) * 9 = 0;
     * then s1 = 262146 ^ 7 = 262149, out3 = (262149 * 5 << 7) * 9 = 1509978240;
     * then s = {7 ^ 6<<45, 262149, 262149, rotl(6<<45, 45) = 6<<26}, so
     * s1 = 262149 ^ (262149 ^ 7 ^ 6<<45) = 7 + 6 * 2^45 and
     * out4 = rotl(35 + 30 * 2^45, 7) * 9 = (4480 + 30 * 2^52) * 9
     *      = 40320 + 270 * 2^52 = 1215971899390074240 (this one sees s3's rotation). */
    gf_rng r = {{1, 2, 3, 4}};
    CHECK(c, gf_rng_next(&r) == UINT64_C(11520));
    CHECK(c, gf_rng_next(&r) == UINT64_C(0));
    CHECK(c, gf_rng_next(&r) == UINT64_C(1509978240));
    CHECK(c, gf_rng_next(&r) == UINT64_C(1215971899390074240));

    /* splitmix64 from 0: its first four outputs are the published ones. */
    gf_rng_seed(&r, 0);
    CHECK(c, r.state[0] == UINT64_C(0xe220a8397b1dcdaf));
    CHECK(c, r.state[1] == UINT64_C(0x6e789e6aa1b965f4));
    CHECK(c, r.state[2] == UINT64_C(0x06c45d188009454f));
    CHECK(c, r.state[3] == UINT64_C(0xf88bb8a8724c81ec));
}

static void test_rng_uniform(check_ctx *c)
{
    enum { N = 200000 };
    gf_rng r;
    gf_rng_seed(&r, 42);
    double sum = 0.0, sum2 = 0.0;
    int out_of_range = 0, not_53_bit = 0;
    for (int i = 0; i < N; i++) {
        const double u = gf_rng_uniform(&r);
        out_of_range += !(u >= 0.0 && u < 1.0);
        const double scaled = u * 9007199254740992.0; /* 2^53: must be an integer */
        not_53_bit += scaled != floor(scaled);
        sum += u;
        sum2 += (u - 0.5) * (u - 0.5);
    }
    CHECK_INT(c, out_of_range, 0);
    CHECK_INT(c, not_53_bit, 0);
    /* U(0,1): mean 1/2 (sd 1/sqrt(12 N)), variance 1/12 (sd sqrt(1/180 / N)). */
    CHECK_NEAR(c, sum / N, 0.5, 5.0 * sqrt(1.0 / 12.0 / N));
    CHECK_NEAR(c, sum2 / N, 1.0 / 12.0, 5.0 * sqrt(1.0 / 180.0 / N));

    /* The largest raw output maps below 1: state whose next output is all ones
     * is hard to craft, so check the scale directly on 2^64 - 1. */
    CHECK(c, (double)(UINT64_MAX >> 11) * (1.0 / 9007199254740992.0) < 1.0);
}

static void test_rng_normal(check_ctx *c)
{
    enum { N = 200000 };
    gf_rng r;
    gf_rng_seed(&r, 7);
    double sum = 0.0, sum2 = 0.0;
    int non_finite = 0, within_one = 0;
    for (int i = 0; i < N; i++) {
        const double z = gf_rng_normal(&r);
        non_finite += !isfinite(z);
        within_one += fabs(z) < 1.0;
        sum += z;
        sum2 += z * z;
    }
    CHECK_INT(c, non_finite, 0);
    const double mean = sum / N;
    CHECK_NEAR(c, mean, 0.0, 5.0 / sqrt(N));                        /* sd 1/sqrt(N)      */
    CHECK_NEAR(c, sum2 / N - mean * mean, 1.0, 5.0 * sqrt(2.0 / N)); /* sd sqrt(2/N)     */
    /* P(|Z| < 1) = erf(1/sqrt 2) = 0.682689... */
    CHECK_NEAR(c, (double)within_one / N, 0.6826894921, 5.0 * sqrt(0.6827 * 0.3173 / N));
}

static void test_rng_seeds(check_ctx *c)
{
    gf_rng a, b, d;
    gf_rng_seed(&a, 123);
    gf_rng_seed(&b, 123);
    gf_rng_seed(&d, 124);
    int same = 0, same_other = 0;
    for (int i = 0; i < 100; i++) {
        const uint64_t x = gf_rng_next(&a);
        same += x == gf_rng_next(&b);
        same_other += x == gf_rng_next(&d);
    }
    CHECK_INT(c, same, 100);
    CHECK_INT(c, same_other, 0);
}

/* ---------------------------------------------------------- validation -- */

static void check_rejects(check_ctx *c, int vocab, float t, int k, float p, const char *field,
                          int line)
{
    gf_sampler s;
    gf_error err;
    gf_error_clear(&err);
    const gf_status st = gf_sampler_init(&s, vocab, t, k, p, 1, &err);
    check_true(c, st == GF_ERR_RANGE, "invalid parameter rejected with GF_ERR_RANGE", __FILE__,
               line);
    check_true(c, err.status == st, "err.status set", __FILE__, line);
    check_true(c, strncmp(err.message, field, strlen(field)) == 0, "message names the field",
               __FILE__, line);
    check_true(c, strchr(err.message, '\n') == NULL, "message is one line", __FILE__, line);
    gf_sampler_free(&s); /* safe after a failed init */
}

static void check_accepts(check_ctx *c, int vocab, float t, int k, float p, int line)
{
    gf_sampler s;
    gf_error err;
    gf_error_clear(&err);
    const gf_status st = gf_sampler_init(&s, vocab, t, k, p, 1, &err);
    check_true(c, st == GF_OK, err.message[0] ? err.message : "valid parameters accepted",
               __FILE__, line);
    if (st == GF_OK)
        gf_sampler_free(&s);
}

static void test_validation(check_ctx *c)
{
    gf_sampler s;
    gf_error err;
    gf_error_clear(&err);
    CHECK(c, gf_sampler_init(&s, 10, -1.0f, 0, 1.0f, 1, &err) == GF_ERR_RANGE);
    CHECK_STR(c, err.message, "temperature: must be >= 0, got -1");
    gf_sampler_free(&s);

    check_rejects(c, 0, 1.0f, 0, 1.0f, "vocab_size:", __LINE__);
    check_rejects(c, -5, 1.0f, 0, 1.0f, "vocab_size:", __LINE__);
    check_rejects(c, (1 << 21) + 1, 1.0f, 0, 1.0f, "vocab_size:", __LINE__);
    check_rejects(c, 10, NAN, 0, 1.0f, "temperature:", __LINE__);
    check_rejects(c, 10, INFINITY, 0, 1.0f, "temperature:", __LINE__);
    check_rejects(c, 10, -INFINITY, 0, 1.0f, "temperature:", __LINE__);
    check_rejects(c, 10, -1e-30f, 0, 1.0f, "temperature:", __LINE__);
    check_rejects(c, 10, 100.5f, 0, 1.0f, "temperature:", __LINE__);
    check_rejects(c, 10, 1.0f, -1, 1.0f, "top_k:", __LINE__);
    check_rejects(c, 10, 1.0f, 0, 0.0f, "top_p:", __LINE__);
    check_rejects(c, 10, 1.0f, 0, -0.5f, "top_p:", __LINE__);
    check_rejects(c, 10, 1.0f, 0, 1.0001f, "top_p:", __LINE__);
    check_rejects(c, 10, 1.0f, 0, NAN, "top_p:", __LINE__);

    check_accepts(c, 1, 1.0f, 0, 1.0f, __LINE__);
    check_accepts(c, 1 << 21, 1.0f, 0, 1.0f, __LINE__);
    check_accepts(c, 10, 0.0f, 0, 1.0f, __LINE__);
    check_accepts(c, 10, 100.0f, 0, 1.0f, __LINE__);
    check_accepts(c, 10, 1.0f, 50, 1e-6f, __LINE__); /* top_k beyond V means off */

    /* A NULL error pointer is allowed; a NULL sampler is an argument error. */
    CHECK(c, gf_sampler_init(&s, 0, 1.0f, 0, 1.0f, 1, NULL) == GF_ERR_RANGE);
    CHECK(c, gf_sampler_init(NULL, 10, 1.0f, 0, 1.0f, 1, &err) == GF_ERR_ARGUMENT);
    gf_sampler_free(NULL);
}

/* -------------------------------------------------------- distributions -- */

static void test_argmax(check_ctx *c)
{
    enum { V = 64 };
    gf_rng r;
    gf_rng_seed(&r, 99);
    float x[V], p[V];
    for (int trial = 0; trial < 20; trial++) {
        random_logits(&r, x, V, 3.0f);
        int want = 0;
        for (int i = 1; i < V; i++)
            if (x[i] > x[want])
                want = i;
        /* Top-k and top-p must not matter at T = 0. */
        distribution_of(c, x, V, 0.0f, trial % 5, trial % 2 ? 0.3f : 1.0f, p);
        CHECK(c, p[want] == 1.0f);
        CHECK_INT(c, count_nonzero(p, V), 1);
    }
    /* Ties go to the lowest id. */
    const float tie[5] = {1.0f, 3.0f, 2.0f, 3.0f, 3.0f};
    distribution_of(c, tie, 5, 0.0f, 0, 1.0f, p);
    CHECK(c, p[1] == 1.0f && p[3] == 0.0f && p[4] == 0.0f);

    /* Every draw at T = 0 is the argmax. */
    gf_sampler s;
    gf_error err;
    gf_error_clear(&err);
    if (CHECK_OK(c, gf_sampler_init(&s, 5, 0.0f, 0, 1.0f, 5, &err), &err)) {
        int wrong = 0;
        for (int i = 0; i < 100; i++)
            wrong += gf_sampler_sample(&s, tie) != 1;
        CHECK_INT(c, wrong, 0);
        gf_sampler_free(&s);
    }
}

static void test_softmax_hand(check_ctx *c)
{
    /* [1, 2, 3] at T = 1: e^x / (e + e^2 + e^3). */
    const float x[3] = {1.0f, 2.0f, 3.0f};
    float p[3];
    distribution_of(c, x, 3, 1.0f, 0, 1.0f, p);
    const double e = exp(1.0), z = e + e * e + e * e * e;
    CHECK_NEAR(c, p[0], e / z, TOL);
    CHECK_NEAR(c, p[1], e * e / z, TOL);
    CHECK_NEAR(c, p[2], e * e * e / z, TOL);
    CHECK_NEAR(c, p[0], 0.0900305732, TOL); /* the same, as decimals */
    CHECK_NEAR(c, p[1], 0.2447284711, TOL);
    CHECK_NEAR(c, p[2], 0.6652409558, TOL);

    /* Softmax is shift invariant and stable for large logits. */
    const float big[3] = {1001.0f, 1002.0f, 1003.0f};
    float q[3];
    distribution_of(c, big, 3, 1.0f, 0, 1.0f, q);
    for (int i = 0; i < 3; i++)
        CHECK_NEAR(c, q[i], p[i], TOL);
}

static void test_temperature(check_ctx *c)
{
    enum { V = 50 };
    gf_rng r;
    gf_rng_seed(&r, 3);
    float x[V], twice[V], p[V];
    double want[V];
    random_logits(&r, x, V, 2.0f);
    for (int i = 0; i < V; i++)
        twice[i] = 2.0f * x[i];
    /* T = 0.5 gives softmax(2x). */
    distribution_of(c, x, V, 0.5f, 0, 1.0f, p);
    ref_softmax(twice, V, 1.0, want);
    check_probs(c, p, want, V, TOL, __LINE__);
    /* T = 100 on [0, 100]: e^1 / (1 + e^1) for the second. */
    const float two[2] = {0.0f, 100.0f};
    distribution_of(c, two, 2, 100.0f, 0, 1.0f, p);
    CHECK_NEAR(c, p[1], exp(1.0) / (1.0 + exp(1.0)), TOL);
    /* A tiny T is one-hot in the limit, without NaN. */
    const float close[3] = {1.0f, 1.5f, 0.0f};
    distribution_of(c, close, 3, 1e-30f, 0, 1.0f, p);
    CHECK(c, p[0] == 0.0f && p[1] == 1.0f && p[2] == 0.0f);
}

static void test_sums_to_one(check_ctx *c)
{
    enum { V = 1000 };
    gf_rng r;
    gf_rng_seed(&r, 11);
    float x[V], p[V];
    const float temps[3] = {0.3f, 1.0f, 4.0f};
    const int ks[3] = {0, 1, 37};
    const float ps[3] = {1.0f, 0.5f, 0.95f};
    for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++)
            for (int d = 0; d < 3; d++) {
                random_logits(&r, x, V, 2.5f);
                distribution_of(c, x, V, temps[a], ks[b], ps[d], p);
                int bad = 0;
                for (int i = 0; i < V; i++)
                    bad += !(p[i] >= 0.0f && p[i] <= 1.0f);
                CHECK_INT(c, bad, 0);
                CHECK_NEAR(c, sum_of(p, V), 1.0, 1e-5);
                if (ks[b] > 0)
                    CHECK(c, count_nonzero(p, V) <= ks[b]);
            }
}

static void test_top_k(check_ctx *c)
{
    float p[5];
    const double e = exp(1.0);
    /* [1, 2, 3, 0], k = 2: keep 3 and 2, i.e. e^2 and e^3 over their sum. */
    const float x[4] = {1.0f, 2.0f, 3.0f, 0.0f};
    const double want[4] = {0.0, 1.0 / (1.0 + e), e / (1.0 + e), 0.0};
    distribution_of(c, x, 4, 1.0f, 2, 1.0f, p);
    check_probs(c, p, want, 4, TOL, __LINE__);
    CHECK_NEAR(c, p[2], 0.7310585786, TOL);

    /* Ties at the boundary keep the lowest ids so exactly k remain. */
    const float tie[5] = {5.0f, 1.0f, 1.0f, 1.0f, 1.0f};
    const double want_tie[5] = {e * e * e * e / (e * e * e * e + 1.0), 1.0 / (e * e * e * e + 1.0),
                                0.0, 0.0, 0.0};
    distribution_of(c, tie, 5, 1.0f, 2, 1.0f, p);
    check_probs(c, p, want_tie, 5, TOL, __LINE__);
    CHECK_NEAR(c, p[1], 0.0179862100, TOL);

    /* k = V and k > V are the plain softmax. */
    double full[4];
    ref_softmax(x, 4, 1.0, full);
    distribution_of(c, x, 4, 1.0f, 4, 1.0f, p);
    check_probs(c, p, full, 4, TOL, __LINE__);
    distribution_of(c, x, 4, 1.0f, 9, 1.0f, p);
    check_probs(c, p, full, 4, TOL, __LINE__);
}

static void test_top_p(check_ctx *c)
{
    /* A hand distribution, shuffled so the ranking is not the id order:
     * id:    0     1    2     3
     * q:   0.15  0.5  0.05  0.3      logits = log q, T = 1 gives back q. */
    const double q[4] = {0.15, 0.5, 0.05, 0.3};
    float x[4], p[4];
    for (int i = 0; i < 4; i++)
        x[i] = (float)log(q[i]);

    /* p = 0.8: 0.5 + 0.3 reaches it -> {0.5, 0.3} / 0.8. */
    const double w80[4] = {0.0, 0.625, 0.0, 0.375};
    distribution_of(c, x, 4, 1.0f, 0, 0.8f, p);
    check_probs(c, p, w80, 4, TOL, __LINE__);
    /* p = 0.81: needs the third -> {0.5, 0.3, 0.15} / 0.95. */
    const double w81[4] = {0.15 / 0.95, 0.5 / 0.95, 0.0, 0.3 / 0.95};
    distribution_of(c, x, 4, 1.0f, 0, 0.81f, p);
    check_probs(c, p, w81, 4, TOL, __LINE__);
    /* p = 1 keeps everything; a tiny p keeps only the top token. */
    distribution_of(c, x, 4, 1.0f, 0, 1.0f, p);
    check_probs(c, p, q, 4, TOL, __LINE__);
    const double top1[4] = {0.0, 1.0, 0.0, 0.0};
    distribution_of(c, x, 4, 1.0f, 0, 1e-6f, p);
    check_probs(c, p, top1, 4, TOL, __LINE__);
    /* Shifting every logit changes nothing. */
    float shifted[4];
    for (int i = 0; i < 4; i++)
        shifted[i] = x[i] + 50.0f;
    distribution_of(c, shifted, 4, 1.0f, 0, 0.8f, p);
    check_probs(c, p, w80, 4, TOL, __LINE__);

    /* Equal probabilities: the prefix is taken in id order. */
    const float flat[4] = {0.0f, 0.0f, 0.0f, 0.0f};
    const double half[4] = {0.5, 0.5, 0.0, 0.0};
    distribution_of(c, flat, 4, 1.0f, 0, 0.5f, p);
    check_probs(c, p, half, 4, TOL, __LINE__);
    const double third[4] = {1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0, 0.0};
    distribution_of(c, flat, 4, 1.0f, 0, 0.6f, p);
    check_probs(c, p, third, 4, TOL, __LINE__);

    /* 100 equal tokens, p = 0.25: exactly ids 0..24, each 1/25. */
    float flat100[100];
    double want100[100];
    float p100[100];
    for (int i = 0; i < 100; i++) {
        flat100[i] = 1.0f;
        want100[i] = i < 25 ? 1.0 / 25.0 : 0.0;
    }
    distribution_of(c, flat100, 100, 1.0f, 0, 0.25f, p100);
    check_probs(c, p100, want100, 100, TOL, __LINE__);
    /* The same through top-k (ties keep the lowest ids). */
    for (int i = 0; i < 100; i++)
        want100[i] = i < 10 ? 0.1 : 0.0;
    distribution_of(c, flat100, 100, 1.0f, 10, 1.0f, p100);
    check_probs(c, p100, want100, 100, TOL, __LINE__);
}

static void test_top_k_then_top_p(check_ctx *c)
{
    /* q = [0.5, 0.3, 0.15, 0.05], p = 0.84. Without top-k: 0.5 + 0.3 = 0.8 <
     * 0.84, so three are kept. With k = 3 first, the renormalized masses are
     * 0.5/0.95 + 0.3/0.95 = 0.842 >= 0.84, so two are kept. */
    const double q[4] = {0.5, 0.3, 0.15, 0.05};
    float x[4], p[4];
    for (int i = 0; i < 4; i++)
        x[i] = (float)log(q[i]);
    const double three[4] = {0.5 / 0.95, 0.3 / 0.95, 0.15 / 0.95, 0.0};
    distribution_of(c, x, 4, 1.0f, 0, 0.84f, p);
    check_probs(c, p, three, 4, TOL, __LINE__);
    const double two[4] = {0.625, 0.375, 0.0, 0.0};
    distribution_of(c, x, 4, 1.0f, 3, 0.84f, p);
    check_probs(c, p, two, 4, TOL, __LINE__);
}

typedef struct {
    float x;
    int id;
} ranked;

/* Larger logit first, lower id first on ties. */
static int ranked_cmp(const void *a, const void *b)
{
    const ranked *ra = a, *rb = b;
    if (ra->x != rb->x)
        return ra->x > rb->x ? -1 : 1;
    return ra->id - rb->id;
}

static void test_filters_large(check_ctx *c)
{
    enum { V = 3000, K = 40 };
    static float x[V], p[V], full[V];
    static double want[V];
    static ranked rank[V];
    gf_rng r;
    gf_rng_seed(&r, 2024);
    random_logits(&r, x, V, 3.0f);
    x[17] = x[18] = 9.5f; /* a tie near the top */

    /* top-k: exactly the K largest logits, renormalized softmax among them. */
    for (int i = 0; i < V; i++)
        rank[i] = (ranked){x[i], i};
    qsort(rank, V, sizeof *rank, ranked_cmp);
    double z = 0.0;
    for (int i = 0; i < V; i++)
        want[i] = 0.0;
    for (int j = 0; j < K; j++)
        z += want[rank[j].id] = exp((rank[j].x - rank[0].x) / 0.8);
    for (int j = 0; j < K; j++)
        want[rank[j].id] /= z;
    distribution_of(c, x, V, 0.8f, K, 1.0f, p);
    check_probs(c, p, want, V, TOL, __LINE__);
    CHECK_INT(c, count_nonzero(p, V), K);

    /* top-p invariants against the unfiltered distribution. */
    const float tops[3] = {0.1f, 0.9f, 0.999f};
    for (int t = 0; t < 3; t++) {
        distribution_of(c, x, V, 1.2f, 0, 1.0f, full);
        distribution_of(c, x, V, 1.2f, 0, tops[t], p);
        double kept_mass = 0.0;
        float min_kept = 2.0f, max_dropped = -1.0f;
        for (int i = 0; i < V; i++) {
            if (p[i] > 0.0f) {
                kept_mass += full[i];
                min_kept = fminf(min_kept, full[i]);
            } else {
                max_dropped = fmaxf(max_dropped, full[i]);
            }
        }
        CHECK(c, min_kept >= max_dropped);                       /* a top prefix       */
        CHECK(c, kept_mass >= tops[t] - 1e-5);                   /* reaches p          */
        CHECK(c, kept_mass - min_kept < tops[t]);                /* and is the shortest */
        int bad = 0;
        for (int i = 0; i < V; i++)
            bad += p[i] > 0.0f && fabs(p[i] - full[i] / kept_mass) > TOL;
        CHECK_INT(c, bad, 0);                                    /* renormalized       */
    }
}

static void test_nonfinite(check_ctx *c)
{
    const double e = exp(1.0);
    float p[4];
    /* NaN counts as -inf. */
    const float a[4] = {NAN, 1.0f, -INFINITY, 2.0f};
    const double want_a[4] = {0.0, 1.0 / (1.0 + e), 0.0, e / (1.0 + e)};
    distribution_of(c, a, 4, 1.0f, 0, 1.0f, p);
    check_probs(c, p, want_a, 4, TOL, __LINE__);
    distribution_of(c, a, 4, 1.0f, 3, 0.9f, p);
    CHECK(c, p[0] == 0.0f && p[2] == 0.0f && isfinite(p[1]) && isfinite(p[3]));

    /* Nothing finite: the argmax rule picks id 0, at any temperature. */
    const float none[4] = {-INFINITY, NAN, -INFINITY, NAN}; /* the draws below use all 4 */
    const double id0[3] = {1.0, 0.0, 0.0};
    distribution_of(c, none, 3, 1.0f, 0, 1.0f, p);
    check_probs(c, p, id0, 3, 0.0, __LINE__);
    const float nans[3] = {NAN, NAN, NAN};
    distribution_of(c, nans, 3, 0.7f, 2, 0.5f, p);
    check_probs(c, p, id0, 3, 0.0, __LINE__);

    /* +inf logits share the mass equally. */
    const float inf[4] = {1.0f, INFINITY, 3.0f, INFINITY};
    const double halves[4] = {0.0, 0.5, 0.0, 0.5};
    distribution_of(c, inf, 4, 1.0f, 0, 1.0f, p);
    check_probs(c, p, halves, 4, 0.0, __LINE__);

    /* T = 0 skips NaN. */
    const float b[3] = {NAN, 3.0f, NAN};
    const double id1[3] = {0.0, 1.0, 0.0};
    distribution_of(c, b, 3, 0.0f, 0, 1.0f, p);
    check_probs(c, p, id1, 3, 0.0, __LINE__);

    /* Extreme finite logits do not overflow. */
    const float ext[3] = {-3e38f, 3e38f, 0.0f};
    distribution_of(c, ext, 3, 1.0f, 0, 1.0f, p);
    check_probs(c, p, id1, 3, 0.0, __LINE__);

    /* Draws never land on a probability-0 token. */
    gf_sampler s;
    gf_error err;
    gf_error_clear(&err);
    if (CHECK_OK(c, gf_sampler_init(&s, 4, 1.0f, 0, 1.0f, 9, &err), &err)) {
        int bad = 0;
        for (int i = 0; i < 2000; i++) {
            const int32_t id = gf_sampler_sample(&s, a);
            bad += id != 1 && id != 3;
            const int32_t id_inf = gf_sampler_sample(&s, inf);
            bad += id_inf != 1 && id_inf != 3;
            bad += gf_sampler_sample(&s, none) != 0;
        }
        CHECK_INT(c, bad, 0);
        gf_sampler_free(&s);
    }
}

static void test_vocab_one(check_ctx *c)
{
    gf_sampler s;
    gf_error err;
    gf_error_clear(&err);
    if (!CHECK_OK(c, gf_sampler_init(&s, 1, 1.0f, 1, 0.5f, 3, &err), &err))
        return;
    const float x[1] = {-2.0f}, y[1] = {NAN};
    CHECK_INT(c, gf_sampler_sample(&s, x), 0);
    CHECK(c, s.probs[0] == 1.0f);
    CHECK_INT(c, gf_sampler_sample(&s, y), 0);
    CHECK(c, s.probs[0] == 1.0f);
    gf_sampler_free(&s);
}

/* ------------------------------------------------------------- drawing -- */

static void draw_many(gf_sampler *s, const float *logits, int n, int32_t *out)
{
    for (int i = 0; i < n; i++)
        out[i] = gf_sampler_sample(s, logits);
}

static void test_seeded_draws(check_ctx *c)
{
    enum { V = 16, N = 50 };
    float x[V];
    for (int i = 0; i < V; i++)
        x[i] = 0.1f * (float)i; /* spread out: 50 equal draws by chance are ~16^-50 */
    gf_sampler a, b;
    gf_error err;
    gf_error_clear(&err);
    if (!CHECK_OK(c, gf_sampler_init(&a, V, 1.0f, 0, 1.0f, 7, &err), &err))
        return;
    if (!CHECK_OK(c, gf_sampler_init(&b, V, 1.0f, 0, 1.0f, 7, &err), &err)) {
        gf_sampler_free(&a);
        return;
    }
    int32_t first[N], second[N], again[N];
    /* The same seed repeats the same sequence; distribution() draws nothing. */
    gf_sampler_distribution(&b, x);
    gf_sampler_distribution(&b, x);
    draw_many(&a, x, N, first);
    draw_many(&b, x, N, second);
    CHECK(c, memcmp(first, second, sizeof first) == 0);
    /* Reseeding restarts the stream. */
    gf_sampler_reseed(&a, 7);
    CHECK(c, a.seed == 7);
    draw_many(&a, x, N, again);
    CHECK(c, memcmp(first, again, sizeof first) == 0);
    /* A different seed gives a different sequence. */
    gf_sampler_reseed(&b, 8);
    draw_many(&b, x, N, second);
    CHECK(c, memcmp(first, second, sizeof first) != 0);
    gf_sampler_free(&a);
    gf_sampler_free(&b);
}

static void test_empirical(check_ctx *c)
{
    enum { V = 7, N = 200000 };
    /* Mixed logits, top-k = 5 drops two (one of them -inf). */
    const float x[V] = {0.5f, -1.0f, 2.0f, 1.0f, -INFINITY, 0.3f, -0.2f};
    gf_sampler s;
    gf_error err;
    gf_error_clear(&err);
    if (!CHECK_OK(c, gf_sampler_init(&s, V, 1.3f, 5, 1.0f, 31337, &err), &err))
        return;
    long counts[V] = {0};
    for (int i = 0; i < N; i++) {
        const int32_t id = gf_sampler_sample(&s, x);
        if (id >= 0 && id < V)
            counts[id]++;
    }
    /* The distribution drawn from: softmax(x / 1.3) over ids {0, 2, 3, 5, 6}. */
    double want[V], z = 0.0;
    for (int i = 0; i < V; i++) {
        const int kept = i != 1 && i != 4;
        z += want[i] = kept ? exp(x[i] / 1.3) : 0.0;
    }
    for (int i = 0; i < V; i++)
        want[i] /= z;
    check_probs(c, s.probs, want, V, TOL, __LINE__);

    double chi2 = 0.0;
    int df = -1, outliers = 0;
    for (int i = 0; i < V; i++) {
        if (want[i] == 0.0) {
            CHECK_INT(c, counts[i], 0);
            continue;
        }
        const double expect = want[i] * N;
        chi2 += (counts[i] - expect) * (counts[i] - expect) / expect;
        df++;
        /* each frequency within 5 standard errors */
        outliers += fabs((double)counts[i] / N - want[i]) > 5.0 * sqrt(want[i] * (1 - want[i]) / N);
    }
    CHECK_INT(c, outliers, 0);
    /* chi-square with df = 4: P(chi2 > 30) is about 5e-6. */
    CHECK(c, df == 4 && chi2 < 30.0);
    gf_sampler_free(&s);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "test_sampler");
    test_rng_known_values(&c);
    test_rng_uniform(&c);
    test_rng_normal(&c);
    test_rng_seeds(&c);
    test_validation(&c);
    test_argmax(&c);
    test_softmax_hand(&c);
    test_temperature(&c);
    test_sums_to_one(&c);
    test_top_k(&c);
    test_top_p(&c);
    test_top_k_then_top_p(&c);
    test_filters_large(&c);
    test_nonfinite(&c);
    test_vocab_one(&c);
    test_seeded_draws(&c);
    test_empirical(&c);
    return check_end(&c);
}

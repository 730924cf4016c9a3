/* sampler.c — turning logits into the next token (see sampler.h).
 *
 * The random generator is xoshiro256** (Blackman & Vigna) seeded by expanding
 * one 64-bit seed with splitmix64. The distribution is
 *   T = 0:  one-hot on the argmax (lowest id on ties), top-k/top-p ignored;
 *   T > 0:  w = exp((x - max) / T), then top-k, then top-p on what top-k kept,
 *           renormalized; every token not kept has probability exactly 0.
 * Tokens are ranked by (weight descending, id ascending), a total order, so
 * every kept set is a prefix of that ranking and ties resolve deterministically
 * to the lowest ids. NaN logits count as -inf; if every logit is -inf (or NaN)
 * the argmax rule picks id 0; if some logits are +inf they share the mass
 * equally (the limit of the softmax).
 *
 * The draw is an inverse CDF over ids with one uniform number; it never
 * returns a token whose probability is 0. */
#include "sampler.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define GF_SAMPLER_VOCAB_MAX (1 << 21)
/* top-p compares a cumulative sum of float probabilities with a float top_p;
 * this slack keeps "0.5 + 0.3 reaches 0.8" true despite rounding. */
#define GF_SAMPLER_TOP_P_SLACK 1e-6
#define GF_TWO_PI 6.283185307179586476925286766559

/* ------------------------------------------------------------------ rng -- */

/* splitmix64: advance *x by the golden-ratio increment and mix it. */
static uint64_t gf_rng_splitmix64(uint64_t *x)
{
    uint64_t z = (*x += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

static uint64_t gf_rng_rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

void gf_rng_seed(gf_rng *rng, uint64_t seed)
{
    uint64_t x = seed;
    for (int i = 0; i < 4; i++)
        rng->state[i] = gf_rng_splitmix64(&x);
}

uint64_t gf_rng_next(gf_rng *rng)
{
    uint64_t *s = rng->state;
    const uint64_t result = gf_rng_rotl(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = gf_rng_rotl(s[3], 45);
    return result;
}

double gf_rng_uniform(gf_rng *rng)
{
    /* The top 53 bits as an integer in [0, 2^53), scaled by 2^-53. */
    return (double)(gf_rng_next(rng) >> 11) * (1.0 / 9007199254740992.0);
}

float gf_rng_normal(gf_rng *rng)
{
    /* Box–Muller with 1 - u in (0, 1], so the logarithm is always finite.
     * The second (sine) variate is dropped: the generator keeps no spare. */
    const double u1 = 1.0 - gf_rng_uniform(rng);
    const double u2 = gf_rng_uniform(rng);
    const double r = sqrt(-2.0 * log(u1));
    return (float)(r * cos(GF_TWO_PI * u2));
}

/* ------------------------------------------------------ init and free -- */

static gf_status gf_sampler_params_check(int vocab_size, float temperature, int top_k,
                                         float top_p, gf_error *err)
{
    if (vocab_size < 1 || vocab_size > GF_SAMPLER_VOCAB_MAX)
        return gf_error_set(err, GF_ERR_RANGE, "vocab_size: must be in [1, %d], got %d",
                            GF_SAMPLER_VOCAB_MAX, vocab_size);
    if (!isfinite(temperature))
        return gf_error_set(err, GF_ERR_RANGE, "temperature: must be a finite number, got %g",
                            (double)temperature);
    if (temperature < 0.0f)
        return gf_error_set(err, GF_ERR_RANGE, "temperature: must be >= 0, got %g",
                            (double)temperature);
    if (temperature > GF_SAMPLER_TEMPERATURE_MAX)
        return gf_error_set(err, GF_ERR_RANGE, "temperature: must be <= %g, got %g",
                            (double)GF_SAMPLER_TEMPERATURE_MAX, (double)temperature);
    if (top_k < 0)
        return gf_error_set(err, GF_ERR_RANGE, "top_k: must be >= 0 (0 = off), got %d", top_k);
    if (!(top_p > 0.0f && top_p <= 1.0f)) /* also rejects NaN */
        return gf_error_set(err, GF_ERR_RANGE, "top_p: must be in (0, 1] (1 = off), got %g",
                            (double)top_p);
    return GF_OK;
}

gf_status gf_sampler_init(gf_sampler *s, int vocab_size, float temperature, int top_k,
                          float top_p, uint64_t seed, gf_error *err)
{
    if (!s)
        return gf_error_set(err, GF_ERR_ARGUMENT, "sampler: no sampler given (NULL)");
    memset(s, 0, sizeof *s);
    gf_status st = gf_sampler_params_check(vocab_size, temperature, top_k, top_p, err);
    if (st != GF_OK)
        return st;
    s->probs = malloc((size_t)vocab_size * sizeof *s->probs);   /* (V) */
    s->order = malloc((size_t)vocab_size * sizeof *s->order);   /* (V) */
    if (!s->probs || !s->order) {
        gf_sampler_free(s);
        return gf_error_set(err, GF_ERR_MEMORY,
                            "sampler: out of memory for %d-token distribution", vocab_size);
    }
    s->temperature = temperature;
    s->top_k = top_k;
    s->top_p = top_p;
    s->vocab_size = vocab_size;
    gf_sampler_reseed(s, seed);
    gf_error_clear(err);
    return GF_OK;
}

void gf_sampler_free(gf_sampler *s)
{
    if (!s)
        return;
    free(s->probs);
    free(s->order);
    s->probs = NULL;
    s->order = NULL;
    s->vocab_size = 0;
}

void gf_sampler_reseed(gf_sampler *s, uint64_t seed)
{
    s->seed = seed;
    gf_rng_seed(&s->rng, seed);
}

/* ------------------------------------------------ ranking (heap helpers) -- */

/* Does token a rank above token b: larger weight, or equal weight and lower id. */
static bool gf_sampler_rank_above(const float *w, int32_t a, int32_t b)
{
    return w[a] > w[b] || (w[a] == w[b] && a < b);
}

/* Restore a heap whose root is the LOWEST-ranked token, from position i down. */
static void gf_sampler_heap_sift(int32_t *heap, int32_t n, int32_t i, const float *w)
{
    for (;;) {
        int32_t low = i;
        const int32_t l = 2 * i + 1, r = 2 * i + 2;
        if (l < n && gf_sampler_rank_above(w, heap[low], heap[l]))
            low = l;
        if (r < n && gf_sampler_rank_above(w, heap[low], heap[r]))
            low = r;
        if (low == i)
            return;
        const int32_t tmp = heap[i];
        heap[i] = heap[low];
        heap[low] = tmp;
        i = low;
    }
}

static void gf_sampler_heap_build(int32_t *heap, int32_t n, const float *w)
{
    for (int32_t i = n / 2 - 1; i >= 0; i--)
        gf_sampler_heap_sift(heap, n, i, w);
}

/* Heapsort: moves the lowest-ranked token to the end each step, leaving
 * heap[0..n) ordered from the highest-ranked token to the lowest. */
static void gf_sampler_heap_sort(int32_t *heap, int32_t n, const float *w)
{
    for (int32_t end = n - 1; end > 0; end--) {
        const int32_t tmp = heap[0];
        heap[0] = heap[end];
        heap[end] = tmp;
        gf_sampler_heap_sift(heap, end, 0, w);
    }
}

/* The k highest-ranked ids into order[0..k), best first: O(V log k). */
static void gf_sampler_select_top_k(const float *w, int32_t V, int32_t k, int32_t *order)
{
    for (int32_t i = 0; i < k; i++)
        order[i] = i;
    gf_sampler_heap_build(order, k, w);
    for (int32_t i = k; i < V; i++) {
        if (gf_sampler_rank_above(w, i, order[0])) {
            order[0] = i;
            gf_sampler_heap_sift(order, k, 0, w);
        }
    }
    gf_sampler_heap_sort(order, k, w);
}

/* Every id whose weight is >= cutoff into order[0..n), best first; returns n. */
static int32_t gf_sampler_gather_sorted(const float *w, int32_t V, double cutoff, int32_t *order)
{
    int32_t n = 0;
    for (int32_t i = 0; i < V; i++)
        if ((double)w[i] >= cutoff)
            order[n++] = i;
    gf_sampler_heap_build(order, n, w);
    gf_sampler_heap_sort(order, n, w);
    return n;
}

/* ------------------------------------------------------- distribution -- */

static double gf_sampler_mass(const float *w, const int32_t *ids, int32_t n)
{
    double sum = 0.0;
    for (int32_t i = 0; i < n; i++)
        sum += w[ids ? ids[i] : i];
    return sum;
}

/* Length of the shortest prefix of order[0..n) whose share of mass reaches
 * top_p, or 0 if even all n do not (only possible through rounding). */
static int32_t gf_sampler_nucleus_length(const float *w, const int32_t *order, int32_t n,
                                         double mass, float top_p)
{
    double cum = 0.0;
    for (int32_t i = 0; i < n; i++) {
        cum += w[order[i]] / mass;
        if (cum >= (double)top_p - GF_SAMPLER_TOP_P_SLACK)
            return i + 1;
    }
    return 0;
}

/* Apply top-k and top-p to the weights w (V); the kept tokens end up in
 * order[0..n) best first; returns n (>= 1). Only called when a filter is on. */
static int32_t gf_sampler_filter(gf_sampler *s, const float *w)
{
    const int32_t V = s->vocab_size;
    int32_t *order = s->order;
    const bool top_p_on = s->top_p < 1.0f;

    if (s->top_k > 0 && s->top_k < V) {
        gf_sampler_select_top_k(w, V, s->top_k, order);
        if (!top_p_on)
            return s->top_k;
        const int32_t n = gf_sampler_nucleus_length(w, order, s->top_k,
                                                    gf_sampler_mass(w, order, s->top_k),
                                                    s->top_p);
        return n > 0 ? n : s->top_k;
    }
    /* Top-p alone. A token lighter than (1 - p) * mass / (V - 1) can never be
     * in the nucleus: all such tokens together hold at most 1 - p of the mass,
     * so the heavier ones reach p first. Sort only the heavier ones. */
    const double mass = gf_sampler_mass(w, NULL, V);
    const double cutoff = V > 1 ? (1.0 - (double)s->top_p) * mass / (double)(V - 1) : 0.0;
    int32_t n = gf_sampler_gather_sorted(w, V, cutoff, order);
    int32_t kept = gf_sampler_nucleus_length(w, order, n, mass, s->top_p);
    if (kept == 0) { /* rounding left the candidates just short: rank everything */
        n = gf_sampler_gather_sorted(w, V, 0.0, order);
        kept = gf_sampler_nucleus_length(w, order, n, mass, s->top_p);
    }
    return kept > 0 ? kept : n;
}

/* Largest logit (NaN counts as -inf) and its lowest id; id 0 if none beats -inf. */
static int32_t gf_sampler_argmax(const float *logits, int32_t V, float *max_out)
{
    int32_t arg = 0;
    float best = -INFINITY;
    for (int32_t i = 0; i < V; i++) {
        if (logits[i] > best) { /* false for NaN */
            best = logits[i];
            arg = i;
        }
    }
    *max_out = best;
    return arg;
}

/* Unnormalized softmax weights w (V) = exp((x - max) / T); the max gets 1.
 * With +inf logits present, each +inf gets 1 and everything else 0. */
static void gf_sampler_weights(const float *logits, int32_t V, float max_logit, float temperature,
                               float *w)
{
    const bool inf_max = isinf(max_logit) && max_logit > 0;
    for (int32_t i = 0; i < V; i++) {
        const float x = logits[i];
        if (isnan(x))
            w[i] = 0.0f;
        else if (inf_max)
            w[i] = x == max_logit ? 1.0f : 0.0f;
        else
            w[i] = (float)exp(((double)x - (double)max_logit) / (double)temperature);
    }
}

/* Divide the kept tokens' weights by their sum and zero every other token.
 * The kept set is the ranking prefix ending at token last (weight w_last):
 * token i is kept iff it ranks at or above last. */
static void gf_sampler_normalize(float *w, int32_t V, int32_t last, double total)
{
    const float w_last = w[last];
    for (int32_t i = 0; i < V; i++) {
        const bool kept = w[i] > w_last || (w[i] == w_last && i <= last);
        w[i] = kept ? (float)(w[i] / total) : 0.0f;
    }
}

void gf_sampler_distribution(gf_sampler *s, const float *logits)
{
    if (!s || !s->probs || !logits)
        return;
    const int32_t V = s->vocab_size;
    float *probs = s->probs; /* (V) weights first, then the distribution */
    float max_logit;
    const int32_t arg = gf_sampler_argmax(logits, V, &max_logit);

    if (s->temperature == 0.0f || max_logit == -INFINITY) {
        memset(probs, 0, (size_t)V * sizeof *probs);
        probs[arg] = 1.0f;
        return;
    }
    gf_sampler_weights(logits, V, max_logit, s->temperature, probs);
    if ((s->top_k > 0 && s->top_k < V) || s->top_p < 1.0f) {
        const int32_t n = gf_sampler_filter(s, probs);
        gf_sampler_normalize(probs, V, s->order[n - 1], gf_sampler_mass(probs, s->order, n));
    } else {
        /* No filter: every token is kept. */
        const double total = gf_sampler_mass(probs, NULL, V);
        for (int32_t i = 0; i < V; i++)
            probs[i] = (float)(probs[i] / total);
    }
}

int32_t gf_sampler_sample(gf_sampler *s, const float *logits)
{
    if (!s || !s->probs || !logits)
        return -1;
    gf_sampler_distribution(s, logits);
    const int32_t V = s->vocab_size;
    const float *probs = s->probs;
    /* Scale the uniform by the actual float sum so rounding cannot leave a
     * gap at the top; only tokens with probability > 0 can be returned. */
    const double u = gf_rng_uniform(&s->rng) * gf_sampler_mass(probs, NULL, V);
    double cum = 0.0;
    int32_t last_nonzero = 0;
    for (int32_t i = 0; i < V; i++) {
        if (probs[i] > 0.0f) {
            cum += probs[i];
            last_nonzero = i;
            if (u < cum)
                return i;
        }
    }
    return last_nonzero;
}

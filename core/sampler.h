/* sampler.h — turning logits into the next token.
 *
 * p = softmax(logits / T), then optionally keep the k most likely tokens
 * (top-k) and the smallest set whose mass reaches top_p (top-p), renormalize,
 * and draw with the sampler's own seeded generator. T = 0 means argmax: the
 * distribution is one-hot on the largest logit (lowest id on ties) and no
 * division by zero happens. The distribution actually drawn from is kept in
 * probs for display. */
#ifndef GF_SAMPLER_H
#define GF_SAMPLER_H

#include <stdint.h>

#include "gf_error.h"

/* The largest temperature gf_sampler_init accepts (front ends check it too). */
#define GF_SAMPLER_TEMPERATURE_MAX 100.0f

typedef struct {
    uint64_t state[4];               /* xoshiro256** state                   */
} gf_rng;

void gf_rng_seed(gf_rng *rng, uint64_t seed);      /* splitmix64 expansion    */
uint64_t gf_rng_next(gf_rng *rng);
double gf_rng_uniform(gf_rng *rng);                 /* [0, 1), 53 bits        */
float gf_rng_normal(gf_rng *rng);                   /* N(0, 1), Box–Muller    */

typedef struct {
    float temperature;               /* >= 0; 0 = argmax                     */
    int top_k;                       /* 0 = off                              */
    float top_p;                     /* 1 = off; in (0, 1]                   */
    uint64_t seed;
    gf_rng rng;
    int vocab_size;
    float *probs;                    /* (V) the final distribution drawn from */
    int32_t *order;                  /* (V) scratch: ids sorted by prob       */
} gf_sampler;

gf_status gf_sampler_init(gf_sampler *s, int vocab_size, float temperature, int top_k,
                          float top_p, uint64_t seed, gf_error *err);
void gf_sampler_free(gf_sampler *s);
void gf_sampler_reseed(gf_sampler *s, uint64_t seed);
/* Fill s->probs from logits (V) and draw one id. */
int32_t gf_sampler_sample(gf_sampler *s, const float *logits);
/* Only fill s->probs (no draw), e.g. to show the distribution. */
void gf_sampler_distribution(gf_sampler *s, const float *logits);

#endif

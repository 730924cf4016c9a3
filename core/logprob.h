/* logprob.h — log-probabilities of tokens at temperature 1, in double:
 * ln softmax(z)[t] = z[t] − ln Σ_v exp(z[v]), the sum taken after
 * subtracting the largest logit so that nothing overflows. */
#ifndef GF_LOGPROB_H
#define GF_LOGPROB_H

/* ln Σ_v exp(z[v]) over z (n >= 1). */
double gf_logsumexp(const float *z, int n);
/* ln softmax(z)[index]. */
double gf_log_softmax_at(const float *z, int n, int index);

#endif

/* logprob.c — log-softmax at T = 1 (see logprob.h). */
#include "logprob.h"

#include <math.h>

double gf_logsumexp(const float *z, int n)
{
    float max = z[0];
    for (int v = 1; v < n; v++)
        max = fmaxf(max, z[v]);
    double sum = 0.0;
    for (int v = 0; v < n; v++)
        sum += exp((double)z[v] - max);
    return max + log(sum);
}

double gf_log_softmax_at(const float *z, int n, int index)
{
    return (double)z[index] - gf_logsumexp(z, n);
}

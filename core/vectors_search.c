/* vectors_search.c — nearest neighbours by cosine over unit rows, and
 * spelling suggestions by edit distance (see vectors.h).
 *
 * Nearest: one pass over the contiguous (N, D) rows; each dot product keeps
 * eight partial sums so the compiler can use vector registers; a row enters
 * the sorted top-k list only when it beats the k-th, so the list costs
 * little. Exclusions are checked only for rows that would enter the list. */
#include <math.h>
#include <string.h>

#include "vectors.h"
#include "word_text.h"

static float search_dot(const float *a, const float *b, int n)
{
    float s[8] = {0};
    int j = 0;
    for (; j + 8 <= n; j += 8)
        for (int l = 0; l < 8; l++)
            s[l] += a[j + l] * b[j + l];
    for (; j < n; j++)
        s[0] += a[j] * b[j];
    return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
}

static bool search_excluded(int row, const int *exclude, int n_exclude)
{
    for (int i = 0; i < n_exclude; i++)
        if (exclude[i] == row)
            return true;
    return false;
}

int gf_vectors_nearest(const gf_vectors *v, const float *query, const int *exclude,
                       int n_exclude, gf_vectors_hit *hits, int k)
{
    double norm2 = 0.0;
    for (int j = 0; j < v->dim; j++)
        norm2 += (double)query[j] * query[j];
    if (k <= 0 || !(norm2 > 0.0) || !isfinite(norm2))
        return 0;
    float inv_norm = (float)(1.0 / sqrt(norm2));
    int filled = 0;
    for (int row = 0; row < v->count; row++) {
        float cosine = search_dot(gf_vectors_row(v, row), query, v->dim) * inv_norm;
        /* Rows come in increasing order, so an equal cosine never beats a kept row. */
        if (filled == k && !(cosine > hits[k - 1].cosine))
            continue;
        if (search_excluded(row, exclude, n_exclude))
            continue;
        int at = filled < k ? filled++ : k - 1;
        while (at > 0 && cosine > hits[at - 1].cosine) {
            hits[at] = hits[at - 1];
            at--;
        }
        hits[at].row = row;
        hits[at].cosine = cosine;
    }
    return filled;
}

static const char *vector_word_at(const void *ctx, int i)
{
    return ((const gf_vectors *)ctx)->words[i];
}

int gf_vectors_suggest(const gf_vectors *v, const char *word, int *rows, int max_out)
{
    if (max_out > GF_VECTORS_SUGGEST_MAX)
        max_out = GF_VECTORS_SUGGEST_MAX;
    return gf_word_closest(word, vector_word_at, v, v->count, rows, max_out);
}

/* pca.c — PCA of a few rows by the Jacobi eigenvalue method (see pca.h).
 *
 * With n rows of dim values, centred into X (n, dim), the components are
 * the eigenvectors of the covariance XᵀX (dim, dim). When there are fewer
 * rows than dims the smaller Gram matrix XXᵀ (n, n) has the same nonzero
 * eigenvalues, and its unit eigenvector u gives the coordinates directly:
 * X v = u · √λ. Either way the matrix is symmetric, and cyclic Jacobi
 * rotations diagonalise it: simple, and accurate for small matrices. */
#include "pca.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define PCA_MAX_SWEEPS 64

/* Diagonalise the symmetric a (m, m) in place; vecs (m, m) gets the
 * eigenvectors as columns, a's diagonal the eigenvalues. */
static void pca_jacobi(double *a, double *vecs, int m)
{
    for (int i = 0; i < m; i++)
        for (int j = 0; j < m; j++)
            vecs[i * m + j] = i == j;
    double scale = 0.0;
    for (int i = 0; i < m * m; i++)
        scale += a[i] * a[i];
    for (int sweep = 0; sweep < PCA_MAX_SWEEPS; sweep++) {
        double off = 0.0;
        for (int p = 0; p < m; p++)
            for (int q = p + 1; q < m; q++)
                off += a[p * m + q] * a[p * m + q];
        if (off <= 1e-30 * scale)
            return;
        for (int p = 0; p < m; p++) {
            for (int q = p + 1; q < m; q++) {
                double apq = a[p * m + q];
                if (apq == 0.0)
                    continue;
                /* The rotation in the (p, q) plane that zeroes a[p][q]. */
                double theta = (a[q * m + q] - a[p * m + p]) / (2.0 * apq);
                double t = (theta >= 0 ? 1.0 : -1.0) / (fabs(theta) + sqrt(theta * theta + 1.0));
                double c = 1.0 / sqrt(t * t + 1.0), s = t * c;
                for (int k = 0; k < m; k++) {       /* columns p and q: A·P */
                    double akp = a[k * m + p], akq = a[k * m + q];
                    a[k * m + p] = c * akp - s * akq;
                    a[k * m + q] = s * akp + c * akq;
                }
                for (int k = 0; k < m; k++) {       /* rows p and q: Pᵀ·(A·P) */
                    double apk = a[p * m + k], aqk = a[q * m + k];
                    a[p * m + k] = c * apk - s * aqk;
                    a[q * m + k] = s * apk + c * aqk;
                }
                for (int k = 0; k < m; k++) {       /* eigenvectors: V·P */
                    double vkp = vecs[k * m + p], vkq = vecs[k * m + q];
                    vecs[k * m + p] = c * vkp - s * vkq;
                    vecs[k * m + q] = s * vkp + c * vkq;
                }
            }
        }
    }
}

/* Index of the largest eigenvalue not yet taken (ties: lower index). */
static int pca_next_largest(const double *a, int m, const char *taken)
{
    int best = -1;
    for (int i = 0; i < m; i++)
        if (!taken[i] && (best < 0 || a[i * m + i] > a[best * m + best]))
            best = i;
    return best;
}

/* Flip coords column c (n rows, stride k) so that its entry of largest
 * magnitude (the first on a tie) is positive. */
static void pca_fix_sign(float *coords, int n, int k, int c)
{
    int best = 0;
    for (int i = 1; i < n; i++)
        if (fabsf(coords[i * k + c]) > fabsf(coords[best * k + c]))
            best = i;
    if (coords[best * k + c] < 0.0f)
        for (int i = 0; i < n; i++)
            coords[i * k + c] = -coords[i * k + c];
}

gf_status gf_pca_project(const float *rows, int n, int dim, int n_components, float *coords,
                         double *variance, gf_error *err)
{
    if (n < 1 || n > GF_PCA_MAX_ROWS || dim < 1 || n_components < 1 || n_components > 3)
        return gf_error_set(err, GF_ERR_ARGUMENT,
                            "pca: %d rows of %d values into %d components (1..%d rows, 1..3 "
                            "components)", n, dim, n_components, GF_PCA_MAX_ROWS);
    bool gram = n <= dim;
    int m = gram ? n : dim;
    double *x = malloc((size_t)n * dim * sizeof *x);       /* (n, dim) centred rows */
    double *a = calloc((size_t)m * m, sizeof *a);          /* (m, m) XXᵀ or XᵀX     */
    double *vecs = malloc((size_t)m * m * sizeof *vecs);   /* (m, m) eigenvectors   */
    char *taken = calloc((size_t)m, 1);
    if (!x || !a || !vecs || !taken) {
        free(x), free(a), free(vecs), free(taken);
        return gf_error_set(err, GF_ERR_MEMORY, "pca: out of memory for %d x %d", n, dim);
    }
    for (int j = 0; j < dim; j++) {
        double mean = 0.0;
        for (int i = 0; i < n; i++)
            mean += rows[(size_t)i * dim + j];
        mean /= n;
        for (int i = 0; i < n; i++)
            x[(size_t)i * dim + j] = rows[(size_t)i * dim + j] - mean;
    }
    for (int p = 0; p < m; p++)
        for (int q = p; q < m; q++) {
            double sum = 0.0;
            if (gram)
                for (int j = 0; j < dim; j++)
                    sum += x[(size_t)p * dim + j] * x[(size_t)q * dim + j];
            else
                for (int i = 0; i < n; i++)
                    sum += x[(size_t)i * dim + p] * x[(size_t)i * dim + q];
            a[p * m + q] = a[q * m + p] = sum;
        }
    double largest = 0.0;
    for (int i = 0; i < m; i++)
        largest = fmax(largest, a[i * m + i]);
    pca_jacobi(a, vecs, m);
    for (int c = 0; c < n_components; c++) {
        int e = c < m ? pca_next_largest(a, m, taken) : -1;
        double lambda = e >= 0 ? a[e * m + e] : 0.0;
        bool empty = e < 0 || !(lambda > 1e-12 * largest) || !(lambda > 0.0);
        if (e >= 0)
            taken[e] = 1;
        for (int i = 0; i < n; i++) {
            double value = 0.0;
            if (!empty && gram)
                value = vecs[i * m + e] * sqrt(lambda);
            else if (!empty)
                for (int j = 0; j < dim; j++)
                    value += x[(size_t)i * dim + j] * vecs[j * m + e];
            coords[i * n_components + c] = (float)value;
        }
        pca_fix_sign(coords, n, n_components, c);
        if (variance)
            variance[c] = empty ? 0.0 : lambda / n;
    }
    free(x), free(a), free(vecs), free(taken);
    return GF_OK;
}

/* test_pca.c — PCA against hand-worked examples (axis-aligned, rotated,
 * more dims than rows), the sign rule, and an invariant: four points in
 * ten dims span three directions, so their 3-D coordinates keep every
 * pairwise distance. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>

#include "check.h"
#include "pca.h"

static void check_coords(check_ctx *c, const float *got, const double *want, int count,
                         const char *what)
{
    double worst = 0;
    for (int i = 0; i < count; i++)
        worst = fmax(worst, fabs(got[i] - want[i]));
    if (worst > 1e-5)
        fprintf(stderr, "  %s: off by %g\n", what, worst);
    check_true(c, worst <= 1e-5, what, __FILE__, __LINE__);
}

static void test_hand_worked(check_ctx *c)
{
    gf_error err;
    /* (±2, 0), (0, ±1): the x axis first (variance 8/4 = 2), then y (2/4). */
    const float cross[4 * 2] = {2, 0, -2, 0, 0, 1, 0, -1};
    float coords[4 * 3];
    double variance[3];
    if (CHECK_OK(c, gf_pca_project(cross, 4, 2, 2, coords, variance, &err), &err)) {
        const double want[4 * 2] = {2, 0, -2, 0, 0, 1, 0, -1};
        check_coords(c, coords, want, 8, "cross: coordinates");
        CHECK_NEAR(c, variance[0], 2.0, 1e-9);
        CHECK_NEAR(c, variance[1], 0.5, 1e-9);
    }
    /* Rotated by 45° in 3-D: a = (1, 1, 0), b = −a, c = (0.5, −0.5, 0), d = −c.
     * PC1 = (1, 1, 0)/√2: a → √2; PC2 = (1, −1, 0)/√2: c → 1/√2 (c is the
     * largest there, so positive); PC3: nothing left, all 0. */
    const float rotated[4 * 3] = {1, 1, 0, -1, -1, 0, 0.5f, -0.5f, 0, -0.5f, 0.5f, 0};
    if (CHECK_OK(c, gf_pca_project(rotated, 4, 3, 3, coords, variance, &err), &err)) {
        double r2 = sqrt(2.0);
        const double want[4 * 3] = {r2, 0, 0, -r2, 0, 0, 0, 1 / r2, 0, 0, -1 / r2, 0};
        check_coords(c, coords, want, 12, "rotated: coordinates");
        CHECK_NEAR(c, variance[0], 1.0, 1e-9);
        CHECK_NEAR(c, variance[1], 0.25, 1e-9);
        CHECK_NEAR(c, variance[2], 0.0, 1e-12);
    }
    /* Fewer rows than dims (the Gram path): (2, 1, 0, 0), (−2, 1, 0, 0),
     * (0, −2, 0, 0); covariance diag(8, 6): PC1 = x → 2, −2, 0; PC2 = y →
     * 1, 1, −2, flipped so the −2 (largest) is positive. */
    const float gram[3 * 4] = {2, 1, 0, 0, -2, 1, 0, 0, 0, -2, 0, 0};
    if (CHECK_OK(c, gf_pca_project(gram, 3, 4, 2, coords, variance, &err), &err)) {
        const double want[3 * 2] = {2, -1, -2, -1, 0, 2};
        check_coords(c, coords, want, 6, "gram: coordinates");
        CHECK_NEAR(c, variance[0], 8.0 / 3.0, 1e-9);
        CHECK_NEAR(c, variance[1], 2.0, 1e-9);
    }
    /* The sign rule: the same points negated give the same picture. */
    float negated[3 * 4], again[3 * 2], first[3 * 2];
    for (int i = 0; i < 12; i++)
        negated[i] = -gram[i];
    CHECK_OK(c, gf_pca_project(gram, 3, 4, 2, first, NULL, &err), &err);
    CHECK_OK(c, gf_pca_project(negated, 3, 4, 2, again, NULL, &err), &err);
    const double first_d[3 * 2] = {first[0], first[1], first[2], first[3], first[4], first[5]};
    check_coords(c, again, first_d, 6, "negated rows: the same coordinates");
    /* Bad arguments. */
    CHECK_INT(c, gf_pca_project(gram, 3, 4, 4, coords, NULL, &err), GF_ERR_ARGUMENT);
    CHECK_INT(c, gf_pca_project(gram, 0, 4, 2, coords, NULL, &err), GF_ERR_ARGUMENT);
    /* One row: nothing varies. */
    if (CHECK_OK(c, gf_pca_project(gram, 1, 4, 2, coords, variance, &err), &err))
        CHECK(c, coords[0] == 0 && coords[1] == 0 && variance[0] == 0);
}

static void test_distances_kept(check_ctx *c)
{
    enum { N = 4, D = 10 };
    float rows[N * D], coords[N * 3];
    uint64_t state = 99;
    for (int i = 0; i < N * D; i++) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        rows[i] = (float)((double)(state >> 11) / (double)(1ull << 53) * 2.0 - 1.0);
    }
    gf_error err;
    double variance[3];
    if (!CHECK_OK(c, gf_pca_project(rows, N, D, 3, coords, variance, &err), &err))
        return;
    double worst = 0, total = 0, mean[D] = {0};
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            double d_full = 0, d_pca = 0;
            for (int k = 0; k < D; k++)
                d_full += pow(rows[i * D + k] - rows[j * D + k], 2);
            for (int k = 0; k < 3; k++)
                d_pca += pow(coords[i * 3 + k] - coords[j * 3 + k], 2);
            worst = fmax(worst, fabs(sqrt(d_full) - sqrt(d_pca)));
        }
    CHECK(c, worst < 1e-5);
    /* The variances add up to the total variance, largest first. */
    for (int i = 0; i < N; i++)
        for (int k = 0; k < D; k++)
            mean[k] += rows[i * D + k] / (double)N;
    for (int i = 0; i < N; i++)
        for (int k = 0; k < D; k++)
            total += pow(rows[i * D + k] - mean[k], 2) / N;
    CHECK_NEAR(c, variance[0] + variance[1] + variance[2], total, 1e-6);
    CHECK(c, variance[0] >= variance[1] && variance[1] >= variance[2]);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "pca");
    test_hand_worked(&c);
    test_distances_kept(&c);
    return check_end(&c);
}

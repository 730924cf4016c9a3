/* ops_attention_backward.c — one head of causal attention, backward, as a
 * few matrix products on the vector kernels of ops_kernels.h (the whole-head
 * gf_op_attention_backward of ops_backward.h). The plain loops of
 * gf_op_weighted_values_backward and gf_op_scores_backward compute the same
 * gradients one vector at a time; the tests hold this file to them.
 *
 * The causal triangle is walked in blocks of rows: a block of rows [r0, r1)
 * takes the columns [0, r1) (or, read transposed, [r0, T)), so the only
 * entries above the diagonal it meets lie inside its own square block, and
 * those are zeros this file wrote itself (a zero term adds nothing). */
#include "ops_backward.h"

#include <string.h>

#include "ops_kernels.h"

enum { ROW_BLOCK = 32 };   /* rows per product */

static int block_end(int r0, int t_rows)
{
    return r0 + ROW_BLOCK < t_rows ? r0 + ROW_BLOCK : t_rows;
}

/* c_t (hs) += Σ_{j ≤ t} a[t][j]·b_j for every row t: c, b (T, ·) rows ld
 * apart, a (T, ·) rows lda apart and zero above the diagonal. */
static void add_lower_times(float *c, const float *a, int lda, const float *b, int t_rows,
                            int hs, int ld)
{
    const gf_kernels *kn = gf_kernels_best();
    for (int r0 = 0; r0 < t_rows; r0 += ROW_BLOCK) {
        const int r1 = block_end(r0, t_rows);
        const gf_gemm g = {c + (long)r0 * ld, ld, a + (long)r0 * lda, lda, 1, b, ld, NULL,
                           GF_GEMM_ACCUMULATE, r1 - r0, hs, r1, GF_HALF_VIEW_NONE};
        kn->gemm_block(&g, 0, g.m, 0, g.n);
    }
}

/* c_j (hs) += Σ_{t ≥ j} a[t][j]·b_t for every row j: a read transposed,
 * same shapes as add_lower_times. */
static void add_lower_transposed_times(float *c, const float *a, int lda, const float *b,
                                       int t_rows, int hs, int ld)
{
    const gf_kernels *kn = gf_kernels_best();
    for (int j0 = 0; j0 < t_rows; j0 += ROW_BLOCK) {
        const int j1 = block_end(j0, t_rows);
        const gf_gemm g = {c + (long)j0 * ld, ld, a + (long)j0 * lda + j0, 1, lda,
                           b + (long)j0 * ld, ld, NULL, GF_GEMM_ACCUMULATE, j1 - j0, hs,
                           t_rows - j0, GF_HALF_VIEW_NONE};
        kn->gemm_block(&g, 0, g.m, 0, g.n);
    }
}

/* dweights[t][j] = dout_t·v_j for j ≤ t (the row's tail up to its block's
 * end gets dots too; nobody reads it). Each element is one gf_op_dot. */
static void dweights_rows(float *dweights, const float *dout, const float *v, int t_rows,
                          int hs, int ld, int ldw)
{
    const gf_kernels *kn = gf_kernels_best();
    const gf_dots d = {dweights, ldw, dout, ld, v, ld, t_rows, t_rows, hs, GF_HALF_VIEW_NONE};
    for (int r0 = 0; r0 < t_rows; r0 += ROW_BLOCK) {
        const int r1 = block_end(r0, t_rows);
        kn->dots_block(&d, r0, r1, 0, r1);
    }
}

/* dst (T, ldw) = weights with the entries above the diagonal made 0. */
static void copy_lower(float *dst, const float *weights, int t_rows, int ldw)
{
    for (int t = 0; t < t_rows; t++) {
        memcpy(dst + (long)t * ldw, weights + (long)t * ldw, sizeof *dst * (size_t)(t + 1));
        memset(dst + (long)t * ldw + t + 1, 0, sizeof *dst * (size_t)(t_rows - t - 1));
    }
}

void gf_op_attention_backward(float *dq, float *dk, float *dv, const float *dout,
                              const float *q, const float *k, const float *v,
                              const float *weights, int t_rows, int hs, int ld, int ldw,
                              float scale, float *scratch)
{
    float *dweights = scratch;                          /* (T, ldw), later the weights */
    float *dscores = scratch + (size_t)t_rows * ldw;    /* (T, ldw), ·scale */
    memset(dscores, 0, sizeof *dscores * (size_t)t_rows * ldw);
    dweights_rows(dweights, dout, v, t_rows, hs, ld, ldw);
    for (int t = 0; t < t_rows; t++) {
        float *row = dscores + (long)t * ldw;
        gf_op_softmax_backward(row, weights + (long)t * ldw, dweights + (long)t * ldw, t + 1);
        for (int j = 0; j <= t; j++)
            row[j] *= scale;   /* the same float the plain loop multiplies by */
    }
    add_lower_times(dq, dscores, ldw, k, t_rows, hs, ld);
    add_lower_transposed_times(dk, dscores, ldw, q, t_rows, hs, ld);
    float *lower_weights = dweights;   /* dweights are spent */
    copy_lower(lower_weights, weights, t_rows, ldw);
    add_lower_transposed_times(dv, lower_weights, ldw, dout, t_rows, hs, ld);
}

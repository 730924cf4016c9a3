/* test_attention_backward.c — the whole-head attention backward
 * (gf_op_attention_backward, matrix products over blocks of rows) against
 * the gradients written here from the maths in double precision, at
 * lengths on both sides of its block edges, with the weights above the
 * diagonal and the scratch full of garbage (neither may be read), and with
 * columns past the head's width that must stay untouched. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "ops_backward.h"

#define ACC0 0.25f   /* every gradient starts here: the op adds */
#define TOL 2e-5     /* float sums of ≤ 70 terms of size ~1 against double */

enum { MAX_T = 70, HS = 19, LD = 24, LDW = 72 };

typedef struct {
    float q[MAX_T * LD], k[MAX_T * LD], v[MAX_T * LD], dout[MAX_T * LD];
    float weights[MAX_T * LDW];
    double p[MAX_T][MAX_T];   /* the softmax weights in double */
} head;

static void fill(float *x, int n, unsigned seed, float scale)
{
    for (int i = 0; i < n; i++) {
        seed = seed * 1664525u + 1013904223u;
        x[i] = ((float)(seed >> 8) / 16777216.0f * 2.0f - 1.0f) * scale;
    }
}

/* Causal softmax of q·kᵀ·scale in double; the float copy has NaN above the
 * diagonal (never to be read). */
static void make_weights(head *h, int t_rows, double scale)
{
    for (int t = 0; t < t_rows; t++) {
        double s[MAX_T], max = -INFINITY, total = 0.0;
        for (int j = 0; j <= t; j++) {
            s[j] = 0.0;
            for (int d = 0; d < HS; d++)
                s[j] += (double)h->q[t * LD + d] * h->k[j * LD + d];
            s[j] *= scale;
            max = s[j] > max ? s[j] : max;
        }
        for (int j = 0; j <= t; j++)
            total += exp(s[j] - max);
        for (int j = 0; j < LDW; j++)
            h->weights[t * LDW + j] = j <= t ? (float)(exp(s[j] - max) / total) : NAN;
        for (int j = 0; j <= t; j++)   /* the softmax the op sees is the float one */
            h->p[t][j] = h->weights[t * LDW + j];
    }
}

/* Expected dq, dk, dv (T, HS) in double from the definitions:
 * dP[t][j] = dout_t·v_j, dS = P ⊙ (dP − rowsum(P ⊙ dP)),
 * dq_t = scale·Σ_j dS[t][j] k_j, dk_j = scale·Σ_t dS[t][j] q_t,
 * dv_j = Σ_t P[t][j] dout_t. */
static void expected(const head *h, int t_rows, double scale, double *dq, double *dk,
                     double *dv)
{
    static double ds[MAX_T][MAX_T];
    for (int t = 0; t < t_rows; t++) {
        double dp[MAX_T], dot = 0.0;
        for (int j = 0; j <= t; j++) {
            dp[j] = 0.0;
            for (int d = 0; d < HS; d++)
                dp[j] += (double)h->dout[t * LD + d] * h->v[j * LD + d];
            dot += h->p[t][j] * dp[j];
        }
        for (int j = 0; j <= t; j++)
            ds[t][j] = h->p[t][j] * (dp[j] - dot);
    }
    memset(dq, 0, sizeof *dq * MAX_T * HS);
    memset(dk, 0, sizeof *dk * MAX_T * HS);
    memset(dv, 0, sizeof *dv * MAX_T * HS);
    for (int t = 0; t < t_rows; t++)
        for (int j = 0; j <= t; j++)
            for (int d = 0; d < HS; d++) {
                dq[t * HS + d] += scale * ds[t][j] * h->k[j * LD + d];
                dk[j * HS + d] += scale * ds[t][j] * h->q[t * LD + d];
                dv[j * HS + d] += h->p[t][j] * h->dout[t * LD + d];
            }
}

/* got (T, LD) − ACC0 against want (T, HS); the columns past HS untouched. */
static void compare(check_ctx *c, const char *what, int t_rows, const float *got,
                    const double *want)
{
    double worst = 0.0;
    int untouched = 1;
    for (int t = 0; t < t_rows; t++) {
        for (int d = 0; d < HS; d++) {
            const double err = fabs((double)got[t * LD + d] - ACC0 - want[t * HS + d]);
            worst = err > worst || isnan(err) ? err : worst;
        }
        for (int d = HS; d < LD; d++)
            untouched = untouched && got[t * LD + d] == ACC0;
    }
    check_true(c, worst <= TOL, what, __FILE__, __LINE__);
    check_true(c, untouched, "columns past the head's width untouched", __FILE__, __LINE__);
    if (!(worst <= TOL))
        fprintf(stderr, "  %s, T = %d: worst error %.3g\n", what, t_rows, worst);
}

static void check_length(check_ctx *c, head *h, int t_rows)
{
    const float scale = 1.0f / sqrtf((float)HS);
    make_weights(h, t_rows, scale);
    static float dq[MAX_T * LD], dk[MAX_T * LD], dv[MAX_T * LD], scratch[2 * MAX_T * LDW];
    static double want_q[MAX_T * HS], want_k[MAX_T * HS], want_v[MAX_T * HS];
    for (int i = 0; i < MAX_T * LD; i++)
        dq[i] = dk[i] = dv[i] = ACC0;
    memset(scratch, 0x7f, sizeof scratch);   /* garbage: the op must not read it */
    gf_op_attention_backward(dq, dk, dv, h->dout, h->q, h->k, h->v, h->weights, t_rows, HS, LD,
                             LDW, scale, scratch);
    expected(h, t_rows, scale, want_q, want_k, want_v);
    compare(c, "dq", t_rows, dq, want_q);
    compare(c, "dk", t_rows, dk, want_k);
    compare(c, "dv", t_rows, dv, want_v);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "attention_backward");
    static head h;
    fill(h.q, MAX_T * LD, 1, 1.5f);
    fill(h.k, MAX_T * LD, 2, 1.5f);
    fill(h.v, MAX_T * LD, 3, 1.0f);
    fill(h.dout, MAX_T * LD, 4, 1.0f);
    const int lengths[] = {1, 2, 31, 32, 33, 64, 65, MAX_T};
    for (size_t i = 0; i < sizeof lengths / sizeof lengths[0]; i++)
        check_length(&c, &h, lengths[i]);
    return check_end(&c);
}

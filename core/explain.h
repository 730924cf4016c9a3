/* explain.h — how one number of the trace was computed, as data.
 *
 * Point at a value (a trace key, layer, head, row and column) and get back
 * the computation that produced it, with the real numbers: the terms that
 * add up to it (largest first, the rest folded into one remainder), the
 * named quantities that went into them (μ, rstd, γ, the row's maximum, ...)
 * and, for a softmax, the whole row of exponentials. Everything is
 * recomputed in double precision from trace values and the model's weights,
 * so a reader can check the trace: `total` is what the formula gives and
 * `trace_value` is what the forward pass stored.
 *
 * The invariant every kind but MASKED keeps: Σ terms[i].value + remainder == total,
 * and total equals trace_value up to float rounding. Term values are
 * contributions in the units of the explained value (a score's products
 * are already divided by √hs; their raw factors are in a and b).
 *
 * Kinds and the keys that lead to them (row = position t or i):
 *   EMBED      tok_emb, pos_emb, x0 [t][c]   wte[id][c] + wpe[t][c] (or the sinusoid)
 *   NORM       ln_1.out ln_2.out ln_f.out [t][c]   (x − μ)·rstd·γ + β; RMSNorm x·rstd·γ
 *   LINEAR     attn.q/k/v, attn.proj, mlp.pre/gate/up, mlp.out [t][col]
 *              bias + Σ_k x[k]·W[k][col]          (the FFN pre-activation is one)
 *   SCORE      attn.scores, attn.masked [h][i][j]  Σ_d q_i[d]·k_j[d] / √hs
 *   MASKED     any attention map above the diagonal (j > i): the mask hides j
 *              from i, nothing is computed; no terms, total = the trace's 0 or −∞
 *   WEIGHT     attn.weights [h][i][j]   exp(s_ij − max) / Σ_j' exp(s_ij' − max)
 *   WEIGHTED   attn.heads [i][col]      Σ_j A_ij · v_j[d]
 *   ACTIVATION mlp.act [t][f]           GELU(x), ReLU(x) or SiLU(gate)·up
 *   RESIDUAL   res_1, res_2 [t][c]      a + b
 *   LOGIT      logits [t][v]            Σ_c h[c] · W_U[v][c] (W_U = wte when tied)
 *   PROB       "probs" [t][v]           softmax(z / T)[v] (plain softmax: no top-k/top-p)
 * Per-head tensors (attn.q/k/v/heads) take head >= 0 with col inside the head
 * (0..hs−1), or head = −1 with col over the whole width. Attention maps need
 * head >= 0. Core gives no display text: roles are enums, the viewer words them. */
#ifndef GF_EXPLAIN_H
#define GF_EXPLAIN_H

#include <stdbool.h>
#include <stdint.h>

#include "gf_error.h"
#include "model.h"
#include "trace.h"

typedef enum {
    GF_EXPLAIN_EMBED = 0,
    GF_EXPLAIN_NORM,
    GF_EXPLAIN_LINEAR,
    GF_EXPLAIN_SCORE,
    GF_EXPLAIN_MASKED,
    GF_EXPLAIN_WEIGHT,
    GF_EXPLAIN_WEIGHTED,
    GF_EXPLAIN_ACTIVATION,
    GF_EXPLAIN_RESIDUAL,
    GF_EXPLAIN_LOGIT,
    GF_EXPLAIN_PROB
} gf_explain_kind;

/* What a term is. value is its contribution; a and b its factors where it
 * is a product (value = a·b·scale), else a = value, b = 1. */
typedef enum {
    GF_TERM_PRODUCT = 0,   /* x[index]·W[index][col], q[d]·k[d], A_ij·v_j[d], h[c]·W_U[v][c] */
    GF_TERM_BIAS,          /* b[col]                                          */
    GF_TERM_TOKEN,         /* wte[id][c]                                      */
    GF_TERM_POSITION,      /* wpe[t][c] or the sinusoid                        */
    GF_TERM_NORMALIZED,    /* (x − μ)·rstd·γ (a = x − μ, b = rstd·γ)           */
    GF_TERM_SHIFT,         /* β                                                */
    GF_TERM_ACTIVATED,     /* the activation's output (a = its input)          */
    GF_TERM_SKIP,          /* the residual stream coming in                    */
    GF_TERM_BRANCH,        /* the sub-layer's output added to it               */
    GF_TERM_SOFTMAX        /* exp(·)/Σ (a = the exp, b = 1/Σ)                  */
} gf_term_role;

typedef struct {
    gf_term_role role;
    int index;             /* d, j, k, c or f: the summation index; -1 if none */
    double value;          /* contribution to the explained value              */
    double a, b;           /* factors (see gf_term_role)                       */
} gf_explain_term;

/* Named quantities the formula uses; absent ones are not listed. */
typedef enum {
    GF_PARAM_INPUT = 0,    /* x: the normalized / activated input element      */
    GF_PARAM_MEAN,         /* μ of the row (LayerNorm)                          */
    GF_PARAM_RSTD,         /* 1/√(var + ε) (or 1/√(mean(x²) + ε))              */
    GF_PARAM_GAIN,         /* γ[c]                                              */
    GF_PARAM_SHIFT,        /* β[c]                                              */
    GF_PARAM_DOT,          /* the raw sum before scaling: q_i·k_j               */
    GF_PARAM_SCALE,        /* 1/√hs, or 1/T                                     */
    GF_PARAM_SCORE,        /* s_ij or z_v: the softmax input of this element    */
    GF_PARAM_MAX,          /* the row's maximum (softmax)                       */
    GF_PARAM_EXP,          /* exp(s − max) of this element                      */
    GF_PARAM_EXP_SUM,      /* Σ of the row's exps                              */
    GF_PARAM_TEMPERATURE,  /* T                                                 */
    GF_PARAM_GATE,         /* SwiGLU: x·W_gate                                  */
    GF_PARAM_UP,           /* SwiGLU: x·W_up                                    */
    GF_PARAM_CDF,          /* GELU's Φ(x) (tanh or erf form), ReLU's step, σ(gate) */
    GF_PARAM_TOKEN,        /* the token id (embedding)                          */
    GF_PARAM_ANGLE,        /* t / 10000^(2i/C) (sinusoidal positions)          */
    GF_PARAM_COUNT
} gf_param_role;

#define GF_EXPLAIN_MAX_PARAMS 8

typedef struct {
    gf_param_role role;
    double value;
} gf_explain_param;

/* Where the value is: a trace key (or "probs"), layer (-1 for global
 * tensors), head (-1 unless per head), row and col. */
typedef struct {
    const char *key;
    int layer, head;
    int row, col;
} gf_explain_at;

typedef struct {
    int max_terms;         /* products listed (largest |value| first), the rest
                              folded into remainder; 0 = all. Other terms (bias,
                              β, a + b, ...) are always listed, ahead of them */
    float temperature;     /* PROB only; 0 = argmax (one-hot), as the sampler   */
} gf_explain_options;

typedef struct {
    gf_explain_kind kind;
    gf_activation activation;    /* ACTIVATION: which function                  */
    gf_explain_term *terms;      /* n_terms: fixed terms by role, then products
                                    by |value| (largest first)                   */
    int n_terms;
    int n_other;                 /* terms folded into remainder                  */
    double remainder;            /* their sum                                    */
    double abs_sum;              /* Σ |value| over all terms, listed or not      */
    double total;                /* Σ terms + remainder: the formula's result    */
    float trace_value;           /* what the trace holds there                  */
    gf_explain_param params[GF_EXPLAIN_MAX_PARAMS];
    int n_params;
    double *row;                 /* WEIGHT, PROB: exp(s − max) of the whole row  */
    int row_length;              /* (row_length); the explained element is col  */
} gf_explanation;

/* Explain one value of tr (a keep_all trace; a lean one only has its K, V,
 * embeddings and the last position's logits). Fails with a message naming
 * the key and the index out of range, or the tensor a lean trace lacks. */
gf_status gf_explain_value(const gf_model *m, const gf_trace *tr, const gf_explain_at *at,
                           const gf_explain_options *opt, gf_explanation *out, gf_error *err);
void gf_explanation_free(gf_explanation *e);

/* True when values of this key can be explained (the keys listed above and
 * "probs"), e.g. to make a view's cells clickable. */
bool gf_explain_supports(const char *key);

/* The value of a named quantity, or NAN when absent. */
double gf_explanation_param(const gf_explanation *e, gf_param_role role);

/* The activation function at x, in double, for drawing its curve with the
 * explained point on it: GELU (tanh or erf form), ReLU, or for SwiGLU the
 * SiLU of the gate, x·σ(x) (the product with `up` is not part of the curve). */
double gf_activation_value(gf_activation a, double x);

#endif

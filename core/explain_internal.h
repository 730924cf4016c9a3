/* explain_internal.h — what explain.c shares with the files that compute
 * each kind of explanation (explain_attention.c, explain_layers.c). */
#ifndef GF_EXPLAIN_INTERNAL_H
#define GF_EXPLAIN_INTERNAL_H

#include "explain.h"

/* A checked request: indices are in range, col is over the whole width
 * (a per-head column already shifted by head·hs). */
typedef struct {
    const gf_model *m;
    const gf_trace *tr;
    const gf_layer_trace *lt;        /* layer's tensors, NULL for globals   */
    const gf_layer_weights *lw;      /* layer's weights, NULL for globals   */
    const char *key;
    int layer, head, row, col;
    const gf_explain_options *opt;
} explain_ctx;

/* Room for n terms; out->terms is then filled with explain_term. */
gf_status explain_terms_alloc(gf_explanation *out, int n, gf_error *err);
void explain_term(gf_explanation *out, gf_term_role role, int index, double value, double a,
                  double b);
void explain_param(gf_explanation *out, gf_param_role role, double value);

/* The kinds; each fills out (kind, terms, params, trace_value, row). */
gf_status explain_embed(const explain_ctx *x, gf_explanation *out, gf_error *err);
gf_status explain_norm(const explain_ctx *x, gf_explanation *out, gf_error *err);
gf_status explain_linear(const explain_ctx *x, gf_explanation *out, gf_error *err);
gf_status explain_activation(const explain_ctx *x, gf_explanation *out, gf_error *err);
gf_status explain_residual(const explain_ctx *x, gf_explanation *out, gf_error *err);
gf_status explain_logit(const explain_ctx *x, gf_explanation *out, gf_error *err);
gf_status explain_prob(const explain_ctx *x, gf_explanation *out, gf_error *err);
gf_status explain_score(const explain_ctx *x, gf_explanation *out, gf_error *err);
gf_status explain_weight(const explain_ctx *x, gf_explanation *out, gf_error *err);
gf_status explain_weighted(const explain_ctx *x, gf_explanation *out, gf_error *err);

#endif

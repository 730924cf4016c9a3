/* explain.c — gf_explain_value: check where the value is, hand it to the
 * kind's function, then order the terms and fold the small ones into one
 * remainder (see explain.h). The kinds live in explain_attention.c and
 * explain_layers.c. */
#include "explain_internal.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

typedef gf_status (*explain_fn)(const explain_ctx *x, gf_explanation *out, gf_error *err);

/* How wide a row of the tensor is. */
typedef enum { WIDTH_EMBD, WIDTH_INNER, WIDTH_VOCAB, WIDTH_POSITIONS } explain_width;

typedef struct {
    const char *key;
    bool per_layer;
    explain_width width;
    bool head_columns;    /* q, k, v, heads: a head picks a column slice     */
    bool attention_map;   /* (H, T, T): a head is required                   */
    explain_fn fn;
} explain_entry;

static const explain_entry EXPLAIN_TABLE[] = {
    {"tok_emb", false, WIDTH_EMBD, false, false, explain_embed},
    {"pos_emb", false, WIDTH_EMBD, false, false, explain_embed},
    {"x0", false, WIDTH_EMBD, false, false, explain_embed},
    {"ln_1.out", true, WIDTH_EMBD, false, false, explain_norm},
    {"attn.q", true, WIDTH_EMBD, true, false, explain_linear},
    {"attn.k", true, WIDTH_EMBD, true, false, explain_linear},
    {"attn.v", true, WIDTH_EMBD, true, false, explain_linear},
    {"attn.scores", true, WIDTH_POSITIONS, false, true, explain_score},
    {"attn.masked", true, WIDTH_POSITIONS, false, true, explain_score},
    {"attn.weights", true, WIDTH_POSITIONS, false, true, explain_weight},
    {"attn.heads", true, WIDTH_EMBD, true, false, explain_weighted},
    {"attn.proj", true, WIDTH_EMBD, false, false, explain_linear},
    {"res_1", true, WIDTH_EMBD, false, false, explain_residual},
    {"ln_2.out", true, WIDTH_EMBD, false, false, explain_norm},
    {"mlp.pre", true, WIDTH_INNER, false, false, explain_linear},
    {"mlp.gate", true, WIDTH_INNER, false, false, explain_linear},
    {"mlp.up", true, WIDTH_INNER, false, false, explain_linear},
    {"mlp.act", true, WIDTH_INNER, false, false, explain_activation},
    {"mlp.out", true, WIDTH_EMBD, false, false, explain_linear},
    {"res_2", true, WIDTH_EMBD, false, false, explain_residual},
    {"ln_f.out", false, WIDTH_EMBD, false, false, explain_norm},
    {"logits", false, WIDTH_VOCAB, false, false, explain_logit},
    {"probs", false, WIDTH_VOCAB, false, false, explain_prob},
};

static const explain_entry *explain_entry_find(const char *key)
{
    for (size_t i = 0; i < sizeof EXPLAIN_TABLE / sizeof EXPLAIN_TABLE[0]; i++)
        if (strcmp(EXPLAIN_TABLE[i].key, key) == 0)
            return &EXPLAIN_TABLE[i];
    return NULL;
}

static int explain_width_of(const gf_trace *tr, explain_width w)
{
    switch (w) {
    case WIDTH_EMBD: return tr->config.n_embd;
    case WIDTH_INNER: return tr->config.n_inner;
    case WIDTH_VOCAB: return tr->config.vocab_size;
    case WIDTH_POSITIONS: return tr->n_tokens;
    }
    return 0;
}

/* "what: N is outside 0..max" (empty ranges say so). */
static gf_status explain_out_of_range(gf_error *err, const char *key, const char *what, int n,
                                      int count)
{
    if (count <= 0)
        return gf_error_set(err, GF_ERR_RANGE, "explain: %s: no %s to choose (%s %d)", key, what,
                            what, n);
    return gf_error_set(err, GF_ERR_RANGE, "explain: %s: %s %d is outside 0..%d", key, what, n,
                        count - 1);
}

/* Fill x from at, checking every index against the trace. */
static gf_status explain_locate(const gf_model *m, const gf_trace *tr, const gf_explain_at *at,
                                const explain_entry *e, explain_ctx *x, gf_error *err)
{
    const gf_config *cfg = &tr->config;
    const int hs = cfg->n_embd / cfg->n_head;
    if (e->per_layer && (at->layer < 0 || at->layer >= cfg->n_layer))
        return explain_out_of_range(err, at->key, "layer", at->layer, cfg->n_layer);
    if (!e->per_layer && at->layer != -1)
        return gf_error_set(err, GF_ERR_ARGUMENT, "explain: %s: has no layer (give -1, not %d)",
                            at->key, at->layer);
    if (strcmp(at->key, "probs") != 0 && gf_trace_find(tr, at->key, at->layer, -1) < 0)
        return gf_error_set(err, GF_ERR_ARGUMENT, "explain: %s: this model's trace has no such "
                            "tensor (%s, %s)", at->key, gf_norm_placement_name(cfg->norm_placement),
                            gf_activation_name(cfg->activation));
    const bool head_allowed = e->head_columns || e->attention_map;
    if ((e->attention_map || (head_allowed && at->head != -1)) &&
        (at->head < 0 || at->head >= cfg->n_head))
        return explain_out_of_range(err, at->key, "head", at->head, cfg->n_head);
    if (!head_allowed && at->head != -1)
        return gf_error_set(err, GF_ERR_ARGUMENT, "explain: %s: has no heads (give -1, not %d)",
                            at->key, at->head);
    if (at->row < 0 || at->row >= tr->n_tokens)
        return explain_out_of_range(err, at->key, "position", at->row, tr->n_tokens);
    const bool in_head = e->head_columns && at->head >= 0;
    const int width = in_head ? hs : explain_width_of(tr, e->width);
    if (at->col < 0 || at->col >= width)
        return explain_out_of_range(err, at->key, "column", at->col, width);
    memset(x, 0, sizeof *x);
    x->m = m;
    x->tr = tr;
    x->key = e->key;
    x->layer = at->layer;
    x->head = at->head;
    x->row = at->row;
    x->col = in_head ? at->head * hs + at->col : at->col;
    if (e->per_layer) {
        x->lt = &tr->layers[at->layer];
        x->lw = &m->weights.layers[at->layer];
    }
    return GF_OK;
}

bool gf_explain_supports(const char *key)
{
    return key && explain_entry_find(key) != NULL;
}

gf_status explain_terms_alloc(gf_explanation *out, int n, gf_error *err)
{
    out->terms = calloc((size_t)(n > 0 ? n : 1), sizeof *out->terms);
    if (!out->terms)
        return gf_error_set(err, GF_ERR_MEMORY, "explain: cannot allocate %d terms", n);
    out->n_terms = 0;
    return GF_OK;
}

void explain_term(gf_explanation *out, gf_term_role role, int index, double value, double a,
                  double b)
{
    gf_explain_term *t = &out->terms[out->n_terms++];
    t->role = role;
    t->index = index;
    t->value = value;
    t->a = a;
    t->b = b;
}

void explain_param(gf_explanation *out, gf_param_role role, double value)
{
    if (out->n_params < GF_EXPLAIN_MAX_PARAMS)
        out->params[out->n_params++] = (gf_explain_param){role, value};
}

double gf_explanation_param(const gf_explanation *e, gf_param_role role)
{
    for (int i = 0; i < e->n_params; i++)
        if (e->params[i].role == role)
            return e->params[i].value;
    return NAN;
}

/* Fixed terms (bias, token, skip, ...) first in role order, then products
 * by |value|, ties by index. */
static int term_order(const void *pa, const void *pb)
{
    const gf_explain_term *a = pa, *b = pb;
    const bool pa_product = a->role == GF_TERM_PRODUCT, pb_product = b->role == GF_TERM_PRODUCT;
    if (pa_product != pb_product)
        return pa_product ? 1 : -1;
    if (!pa_product)
        return (a->role > b->role) - (a->role < b->role);
    const double ma = fabs(a->value), mb = fabs(b->value);
    if (ma != mb)
        return ma > mb ? -1 : 1;
    return (a->index > b->index) - (a->index < b->index);
}

/* Sort, keep the largest max_terms products (0 = all), fold the rest. */
static void explain_finish(gf_explanation *out, int max_terms)
{
    int fixed = 0;
    for (int i = 0; i < out->n_terms; i++)
        fixed += out->terms[i].role != GF_TERM_PRODUCT;
    qsort(out->terms, (size_t)out->n_terms, sizeof *out->terms, term_order);
    out->abs_sum = 0.0;
    for (int i = 0; i < out->n_terms; i++)
        out->abs_sum += fabs(out->terms[i].value);
    const int keep = max_terms > 0 && out->n_terms - fixed > max_terms ? fixed + max_terms
                                                                       : out->n_terms;
    out->remainder = 0.0;
    for (int i = keep; i < out->n_terms; i++)
        out->remainder += out->terms[i].value;
    out->n_other = out->n_terms - keep;
    out->n_terms = keep;
    double total = 0.0;
    for (int i = 0; i < keep; i++)
        total += out->terms[i].value;
    out->total = total + out->remainder;
}

gf_status gf_explain_value(const gf_model *m, const gf_trace *tr, const gf_explain_at *at,
                           const gf_explain_options *opt, gf_explanation *out, gf_error *err)
{
    memset(out, 0, sizeof *out);
    if (!m || !tr || !at || !at->key || !opt)
        return gf_error_set(err, GF_ERR_ARGUMENT, "explain: nothing to explain");
    if (!gf_config_same_shape(&m->config, &tr->config))
        return gf_error_set(err, GF_ERR_ARGUMENT,
                            "explain: the trace was made for another model's shape");
    if (!tr->keep_all)
        return gf_error_set(err, GF_ERR_ARGUMENT, "explain: %s: the trace keeps only the KV "
                            "cache (a lean trace); explanations need every intermediate", at->key);
    if (opt->max_terms < 0)
        return gf_error_set(err, GF_ERR_ARGUMENT, "explain: max_terms %d is negative",
                            opt->max_terms);
    const explain_entry *e = explain_entry_find(at->key);
    if (!e)
        return gf_error_set(err, GF_ERR_ARGUMENT, "explain: %s: not a value that can be explained",
                            at->key);
    explain_ctx x;
    gf_status st = explain_locate(m, tr, at, e, &x, err);
    if (st != GF_OK)
        return st;
    x.opt = opt;
    st = e->fn(&x, out, err);
    if (st != GF_OK) {
        gf_explanation_free(out);
        return st;
    }
    if (out->kind == GF_EXPLAIN_MASKED)
        out->total = out->trace_value;  /* nothing was computed there */
    else
        explain_finish(out, opt->max_terms);
    return GF_OK;
}

void gf_explanation_free(gf_explanation *e)
{
    if (!e)
        return;
    free(e->terms);
    free(e->row);
    memset(e, 0, sizeof *e);
}

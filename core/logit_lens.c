/* logit_lens.c — the final norm and unembedding applied to every layer's
 * residual stream (see logit_lens.h). One layer at a time: (T, C) hidden
 * rows, (T, V) logits, then each row's k best tokens. */
#include "logit_lens.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ops.h"

/* Above this k a full sort of the row is cheaper than insertion. */
#define LENS_INSERTION_MAX_K 64

/* Is (pa, ia) more likely than (pb, ib)? Ties go to the lower id. */
static bool lens_before(double pa, int32_t ia, double pb, int32_t ib)
{
    return pa > pb || (pa == pb && ia < ib);
}

/* qsort has no context argument: sort (logit, id) pairs. */
typedef struct {
    float logit;
    int32_t id;
} lens_pair;

static int lens_pair_order(const void *pa, const void *pb)
{
    const lens_pair *a = pa, *b = pb;
    if (a->logit != b->logit)
        return a->logit > b->logit ? -1 : 1;
    return (a->id > b->id) - (a->id < b->id);
}

/* The k largest logits of z (V) with their softmax probabilities. The
 * order by logit is the order by probability. */
static void lens_top_k(const float *z, int vocab, int k, gf_lens_entry *out, lens_pair *scratch)
{
    float max = z[0];
    for (int v = 1; v < vocab; v++)
        max = fmaxf(max, z[v]);
    double sum = 0.0;
    for (int v = 0; v < vocab; v++)
        sum += exp((double)z[v] - max);
    if (k <= LENS_INSERTION_MAX_K) {
        int n = 0;
        for (int v = 0; v < vocab; v++) {
            if (n == k && !lens_before(z[v], v, z[out[n - 1].token], out[n - 1].token))
                continue;
            int at = n < k ? n++ : k - 1;
            while (at > 0 && lens_before(z[v], v, z[out[at - 1].token], out[at - 1].token)) {
                out[at] = out[at - 1];
                at--;
            }
            out[at].token = v;
        }
    } else {
        for (int v = 0; v < vocab; v++)
            scratch[v] = (lens_pair){z[v], v};
        qsort(scratch, (size_t)vocab, sizeof *scratch, lens_pair_order);
        for (int i = 0; i < k; i++)
            out[i].token = scratch[i].id;
    }
    for (int i = 0; i < k; i++)
        out[i].prob = (float)(exp((double)z[out[i].token] - max) / sum);
}

/* hidden (T, C): layer's residual stream, through the final norm when the
 * model has one. */
static void lens_hidden(const gf_model *m, const gf_trace *tr, int layer, float *hidden,
                        float *mean, float *rstd)
{
    const gf_config *cfg = &m->config;
    const int t = tr->n_tokens, c = cfg->n_embd;
    const float *stream = gf_trace_block_input(tr, layer);  /* (T, C) */
    if (cfg->norm_placement == GF_NORM_POST)
        memcpy(hidden, stream, sizeof *hidden * (size_t)t * c);
    else if (cfg->norm_type == GF_NORM_RMSNORM)
        gf_op_rmsnorm(hidden, NULL, rstd, stream, m->weights.ln_f_w, t, c, cfg->norm_eps);
    else
        gf_op_layernorm(hidden, mean, NULL, rstd, stream, m->weights.ln_f_w, m->weights.ln_f_b, t, c,
                        cfg->norm_eps);
}

gf_status gf_logit_lens_compute(const gf_model *m, const gf_trace *tr, int k,
                                gf_logit_lens *out, gf_error *err)
{
    memset(out, 0, sizeof *out);
    const gf_config *cfg = &m->config;
    if (!gf_config_same_shape(cfg, &tr->config))
        return gf_error_set(err, GF_ERR_ARGUMENT,
                            "logit lens: the trace was made for another model's shape");
    if (!tr->keep_all)
        return gf_error_set(err, GF_ERR_ARGUMENT, "logit lens: needs every layer's output "
                            "(a full trace, not a lean one)");
    if (tr->n_tokens < 1)
        return gf_error_set(err, GF_ERR_ARGUMENT, "logit lens: the trace has no tokens");
    if (k < 1 || k > cfg->vocab_size)
        return gf_error_set(err, GF_ERR_RANGE, "logit lens: k = %d is outside 1..%d (the "
                            "vocabulary)", k, cfg->vocab_size);
    const int t = tr->n_tokens, c = cfg->n_embd, vocab = cfg->vocab_size;
    const int layers = cfg->n_layer + 1;
    float *hidden = malloc(sizeof *hidden * (size_t)t * c);        /* (T, C) */
    float *stats = malloc(sizeof *stats * (size_t)t * 2);           /* mean, rstd (T) */
    float *logits = malloc(sizeof *logits * (size_t)t * vocab);     /* (T, V) */
    lens_pair *scratch = k > LENS_INSERTION_MAX_K ? malloc(sizeof *scratch * (size_t)vocab)
                                                  : NULL;
    out->top = malloc(sizeof *out->top * (size_t)layers * t * k);   /* (L+1, T, k) */
    gf_status st = GF_OK;
    if (!hidden || !stats || !logits || !out->top || (k > LENS_INSERTION_MAX_K && !scratch))
        st = gf_error_set(err, GF_ERR_MEMORY, "logit lens: cannot allocate %d x %d logits", t,
                          vocab);
    for (int l = 0; st == GF_OK && l < layers; l++) {
        lens_hidden(m, tr, l, hidden, stats, stats + t);
        gf_op_linear_transposed(logits, hidden, m->weights.lm_head, t, c, vocab);
        for (int p = 0; p < t; p++)
            lens_top_k(logits + (size_t)p * vocab, vocab, k, out->top + ((size_t)l * t + p) * k,
                       scratch);
    }
    free(hidden);
    free(stats);
    free(logits);
    free(scratch);
    if (st != GF_OK) {
        gf_logit_lens_free(out);
        return st;
    }
    out->n_layers = layers;
    out->n_positions = t;
    out->k = k;
    return GF_OK;
}

const gf_lens_entry *gf_logit_lens_cell(const gf_logit_lens *lens, int layer, int position)
{
    if (!lens->top || layer < 0 || layer >= lens->n_layers || position < 0 ||
        position >= lens->n_positions)
        return NULL;
    return lens->top + ((size_t)layer * lens->n_positions + position) * lens->k;
}

void gf_logit_lens_free(gf_logit_lens *lens)
{
    free(lens->top);
    memset(lens, 0, sizeof *lens);
}

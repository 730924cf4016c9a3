/* trace.h — every intermediate of a forward pass, kept and named.
 *
 * One arena holds all tensors of all layers at once (nothing is reused for two
 * meanings), sized for `capacity` positions. A table of entries (name, layer,
 * head, shape, strides, data) is built once at init; views are cut from it
 * with the current number of tokens T. Appending tokens fills new rows;
 * earlier rows never change (causality), so the K and V tensors double as the
 * KV cache.
 *
 * Entry names (the same in views, in `glassformer-cli trace` files and in the
 * README). Global: tok_emb, pos_emb, x0 (T,C); ln_f.out (T,C), ln_f.mean (T),
 * ln_f.var (T), ln_f.rstd (T) [pre-norm only]; logits (T,V).
 * Per layer l, prefixed "h.l.":
 *   ln_1.out (T,C) ln_1.mean (T) ln_1.var (T) ln_1.rstd (T)  [mean: LayerNorm only]
 *   (a norm's var is what sits under the root with ε: the row's variance for
 *   LayerNorm, its mean square for RMSNorm; rstd = 1/√(var + ε))
 *   attn.q attn.k attn.v (T,C)          head h = columns [h·hs, (h+1)·hs)
 *   attn.scores  (H,T,T)  q_i·k_j/√hs for j ≤ i (0 above the diagonal)
 *   attn.masked  (H,T,T)  scores with −∞ above the diagonal
 *   attn.weights (H,T,T)  softmax of each masked row (exact 0 above)
 *   attn.heads   (T,C)    weighted values A·V, heads concatenated
 *   attn.proj (T,C)  res_1 (T,C)  ln_2.out (T,C) ln_2.mean ln_2.var ln_2.rstd (T)
 *   mlp.pre (T,F)  [GELU/ReLU] | mlp.gate (T,F) mlp.up (T,F) [SwiGLU]
 *   mlp.act (T,F)  mlp.out (T,C)  res_2 (T,C)
 * q, k, v, scores, masked, weights and heads also have one entry per head
 * (head >= 0, named like "h.3.attn.q[5]"): (T,hs) or (T,T) slices of the
 * same memory. gf_trace_export writes only the whole tensors.
 *
 * Norm order: pre-norm  ln_1 → attn → res_1 = x + proj → ln_2 → mlp →
 *             res_2 = res_1 + mlp.out (block output res_2);
 *             post-norm attn(x) → res_1 = x + proj → ln_1 = LN(res_1) → mlp →
 *             res_2 = ln_1.out + mlp.out → ln_2 = LN(res_2) (block output ln_2).
 *
 * A "lean" trace (keep_all = false) keeps only tokens, tok_emb, pos_emb, x0,
 * each layer's K and V (the cache, entries "h.l.attn.k"/"h.l.attn.v" without
 * per-head slices) and the last position's logits; other tensors share one
 * layer's buffers and have no entries. It is what plain generation uses. */
#ifndef GF_TRACE_H
#define GF_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "gf_error.h"
#include "tensor_view.h"

#define GF_TRACE_NAME_MAX 48

typedef struct {
    char name[GF_TRACE_NAME_MAX];    /* full name, e.g. "h.3.attn.weights"   */
    const char *key;                 /* name without "h.N.", e.g. "attn.weights" */
    int layer;                       /* -1 for global tensors                */
    int head;                        /* -1 for whole tensors                 */
    int ndim;
    int64_t shape[GF_VIEW_MAX_DIMS]; /* dims that grow with T hold capacity  */
    int64_t stride[GF_VIEW_MAX_DIMS];
    unsigned grows;                  /* bit d set: dim d equals T            */
    float *data;
} gf_trace_entry;

typedef struct {
    float *ln_1_out, *ln_1_mean, *ln_1_var, *ln_1_rstd; /* (T,C) (T) (T) (T); mean NULL for RMSNorm */
    float *q, *k, *v;                         /* (T,C) each                   */
    float *scores, *masked, *weights;         /* (H,T,T), row stride capacity */
    float *heads;                             /* (T,C)                        */
    float *attn_proj;                         /* (T,C)                        */
    float *res_1;                             /* (T,C)                        */
    float *ln_2_out, *ln_2_mean, *ln_2_var, *ln_2_rstd; /* (T,C) (T) (T) (T)    */
    float *mlp_pre;                           /* (T,F) GELU/ReLU: x·W_fc + b; SwiGLU: NULL */
    float *mlp_gate, *mlp_up;                 /* (T,F) SwiGLU only, else NULL */
    float *mlp_act;                           /* (T,F)                        */
    float *mlp_out;                           /* (T,C)                        */
    float *res_2;                             /* (T,C)                        */
} gf_layer_trace;

typedef struct {
    gf_config config;
    int capacity;                    /* positions the arena holds            */
    int n_tokens;                    /* T: positions computed so far         */
    bool keep_all;
    int32_t *tokens;                 /* (capacity)                           */
    float *tok_emb, *pos_emb, *x0;   /* (T,C)                                */
    gf_layer_trace *layers;          /* n_layer                              */
    float *ln_f_out, *ln_f_mean, *ln_f_var, *ln_f_rstd; /* (T,C) (T) (T) (T); NULL post-norm */
    float *logits;                   /* (T,V); lean: (1,V) last row only     */
    float *arena;
    size_t arena_floats;
    gf_trace_entry *entries;
    int n_entries;
} gf_trace;

/* Bytes a trace would take (arena and entry table), to check before allocating. */
size_t gf_trace_bytes(const gf_config *cfg, int capacity, bool keep_all);

/* capacity must be in [1, n_ctx]; fails cleanly on absurd sizes. */
gf_status gf_trace_init(gf_trace *tr, const gf_config *cfg, int capacity, bool keep_all,
                        gf_error *err);
void gf_trace_free(gf_trace *tr);
/* Forget positions >= n (0 <= n <= T); rows < n stay valid. */
void gf_trace_truncate(gf_trace *tr, int n);

/* Index of the entry (key, layer, head), e.g. ("attn.q", 2, 5), or -1. */
int gf_trace_find(const gf_trace *tr, const char *key, int layer, int head);
/* A view of entry index with the current T. */
gf_view gf_trace_view(const gf_trace *tr, int index);
/* find + view; returns false (and a view with data NULL) when absent. */
bool gf_trace_get(const gf_trace *tr, const char *key, int layer, int head, gf_view *out);

/* The input to block l ((T,C): x0 for l = 0) and the last block's output. */
const float *gf_trace_block_input(const gf_trace *tr, int layer);
/* The hidden state the unembedding reads: ln_f.out (pre-norm) or the last
 * block's output (post-norm). */
const float *gf_trace_final_hidden(const gf_trace *tr);
/* Logits of position t (V floats); in a lean trace only t = T-1. */
const float *gf_trace_logits_row(const gf_trace *tr, int t);

/* Write tokens (I32, "tokens") and every whole (head = -1) entry as F32 with
 * its current shape to a safetensors file. */
gf_status gf_trace_export(const gf_trace *tr, const char *path, gf_error *err);

#endif

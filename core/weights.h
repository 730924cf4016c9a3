/* weights.h — the parameters of a model in one float arena.
 *
 * The arena is laid out exactly as gf_params_build lists the tensors, and the
 * named pointers below are bound by looking those names up, so there is one
 * description of the layout (params.c). Matrices are stored in GPT-2's Conv1D
 * layout (in, out): y = x·W + b. wte and lm_head are (V, C).
 *
 * A file that stores the matrices decoding reads (Q|K|V, the projections,
 * the MLP, wte / lm_head) all as F16 or all as BF16 is also kept as it is,
 * in a second arena of 16-bit values with the same offsets: decoding (one
 * new token, or a chunk of up to GF_GEMM_STREAM_ROWS = 3) reads those, half
 * the bytes, and gets the same bits (half.h, ops.h). The
 * float arena is still filled (prefill, the viewer, training read it), so
 * such a model takes 1.5 times the memory of its float weights. */
#ifndef GF_WEIGHTS_H
#define GF_WEIGHTS_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "gf_error.h"
#include "params.h"
#include "safetensors.h"

typedef struct {
    float *ln_1_w, *ln_1_b;          /* (C), (C); ln_1_b NULL for RMSNorm    */
    float *c_attn_w, *c_attn_b;      /* (C, 3C), (3C): Q | K | V columns     */
    float *c_proj_w, *c_proj_b;      /* (C, C), (C): attention output        */
    float *ln_2_w, *ln_2_b;          /* (C), (C)                             */
    float *fc_w, *fc_b;              /* (C, F), (F): FFN up                  */
    float *gate_w, *gate_b;          /* (C, F), (F): SwiGLU gate, else NULL  */
    float *mlp_proj_w, *mlp_proj_b;  /* (F, C), (C): FFN down                */
    /* the same matrices as F16/BF16, or empty (gf_weights.half_type) */
    gf_half_view c_attn_half, c_proj_half, fc_half, gate_half, mlp_proj_half;
} gf_layer_weights;

typedef struct {
    gf_param_list params;            /* layout of data[]                     */
    float *data;                     /* params.total floats, owned           */
    float *wte;                      /* (V, C) token embeddings              */
    float *wpe;                      /* (n_ctx, C); NULL for sinusoidal      */
    gf_layer_weights *layers;        /* n_layer entries                      */
    float *ln_f_w, *ln_f_b;          /* (C), (C); NULL for post-norm         */
    float *lm_head;                  /* (V, C); == wte when tied             */
    uint16_t *half_data;             /* params.total values or NULL, owned:
                                        the decode matrices as the file had them */
    gf_half_type half_type;          /* GF_HALF_NONE without a half copy     */
    gf_half_view wte_half, lm_head_half;
} gf_weights;

/* A model of cfg fits the memory limit (16 GiB or 3/4 of physical memory);
 * nothing but the parameter list is allocated. */
gf_status gf_weights_check_fits(const gf_config *cfg, gf_error *err);
/* Check an open file's header against cfg before anything is allocated:
 * every parameter present with exactly its shape and a float dtype, no block
 * beyond n_layer (the payload's size was checked when the file was opened). */
gf_status gf_weights_check_file(const gf_config *cfg, const gf_safetensors *st, gf_error *err);

/* How many tensors of the file a model of cfg does not use (stored
 * attention-mask buffers "h.N.attn.bias" / "h.N.attn.masked_bias" do not
 * count): a config edited to another variant (rmsnorm, sinusoidal
 * positions, tied embeddings, no SwiGLU gate) leaves trained tensors
 * unused and the model computes nonsense. names (may be NULL) gets the
 * first few, comma-separated. */
int gf_weights_count_unused(const gf_config *cfg, const gf_safetensors *st, char *names,
                            size_t size);

/* Allocate a zeroed arena for cfg and bind the pointers. */
gf_status gf_weights_alloc(gf_weights *w, const gf_config *cfg, gf_error *err);
void gf_weights_free(gf_weights *w);

/* GPT-2's initialization: N(0, 0.02) matrices and embeddings, residual
 * projections scaled by 1/√(2L), zero biases, norm gains 1. With sinusoidal
 * positions the token embeddings start at N(0, 1/C) instead, so that the
 * amplitude-1 position codes do not drown them. */
void gf_weights_init_random(gf_weights *w, const gf_config *cfg, uint64_t seed);

/* Fill from a safetensors file: each listed parameter must be present (with
 * or without a "transformer." prefix) with exactly its shape; F32/F16/BF16.
 * Unknown extra tensors are ignored. The half copy is kept when the decode
 * matrices are all F16 or all BF16 and it fits the memory limit. */
gf_status gf_weights_load(gf_weights *w, const gf_safetensors *st, gf_error *err);
/* As if loaded from a file storing the decode matrices as type (F16 or
 * BF16): each rounded to nearest even into a new half copy, the float
 * arena set to its widening. For benchmarks and tests of half weights. A
 * weight beyond F16's range is an error (nothing changed). */
gf_status gf_weights_round_to_half(gf_weights *w, gf_half_type type, gf_error *err);
/* Forget the half copy (before the float weights change, e.g. training):
 * decoding reads the float arena again. */
void gf_weights_drop_half(gf_weights *w);
/* A safetensors file of the weights, stored as F32, F16 or BF16, through a
 * temporary file renamed over path (file_io.h). */
gf_status gf_weights_save(const gf_weights *w, const char *path, gf_dtype store_as,
                          gf_error *err);
/* The same bytes into a begun writer (the caller finishes and commits it). */
gf_status gf_weights_put(const gf_weights *w, gf_dtype store_as, gf_file_out *out,
                         gf_error *err);

#endif

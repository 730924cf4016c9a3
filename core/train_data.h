/* train_data.h — text to train or evaluate on, as one stream of token ids,
 * and the batches drawn from it.
 *
 * A file is read whole, checked to be UTF-8, and encoded with the model's
 * tokenizer in pieces of about a megabyte, cut only at a line break between
 * two non-space characters: there the GPT-2 split pattern always makes the
 * "\n" a piece of its own, so the ids are exactly those of encoding the
 * whole text at once.
 *
 * Training batches are random windows of seq_len + 1 tokens drawn by a
 * sampler that owns its seeded generator (its state is the whole state, so
 * a checkpoint can save and restore it). Evaluation batches are evenly
 * spaced windows, the same ones every time. */
#ifndef GF_TRAIN_DATA_H
#define GF_TRAIN_DATA_H

#include <stdbool.h>
#include <stdint.h>

#include "gf_error.h"
#include "sampler.h"
#include "tokenizer.h"

#define GF_TRAIN_DATA_MAX_BYTES (1024u * 1024u * 1024u)   /* 1 GiB of text */

typedef struct {
    char *path;            /* the file, for messages                         */
    int32_t *tokens;       /* (n)                                            */
    int64_t n;
    int64_t bytes;         /* size of the text                               */
} gf_train_data;

/* Read and encode path. With prepend_eot and a tokenizer that has
 * <|endoftext|>, that id comes first, so the text's first token has a
 * context to be predicted from. An empty file gives n = 0 (or 1). */
gf_status gf_train_data_load(gf_train_data *d, const char *path, const gf_tokenizer *tok,
                             bool prepend_eot, gf_error *err);
void gf_train_data_free(gf_train_data *d);

/* Fails (naming the file) when d has fewer than seq_len + 1 tokens. */
gf_status gf_train_data_check_length(const gf_train_data *d, int seq_len, gf_error *err);

/* Evaluation batch `index` of n_batches: batch_size windows of seq_len + 1
 * tokens, (batch_size, seq_len + 1), whose starts are spread evenly over
 * the data. Requires gf_train_data_check_length to pass. */
void gf_train_data_spread_batch(const gf_train_data *d, int seq_len, int batch_size, int index,
                                int n_batches, int32_t *batch);

/* 64-bit FNV-1a over the ids, each as 4 bytes little-endian (a resumed run
 * checks it trains on the same data). */
uint64_t gf_train_data_fnv1a64(const gf_train_data *d);

typedef struct {
    const gf_train_data *data;   /* not owned                                */
    int seq_len, batch_size;
    gf_rng rng;                  /* the sampler's whole state                */
} gf_train_sampler;

gf_status gf_train_sampler_init(gf_train_sampler *s, const gf_train_data *d, int seq_len,
                                int batch_size, uint64_t seed, gf_error *err);
/* Fill batch (batch_size, seq_len + 1) with windows starting uniformly at
 * random in [0, n - seq_len - 1]. */
void gf_train_sampler_next(gf_train_sampler *s, int32_t *batch);

#endif

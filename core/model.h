/* model.h — a model folder: config.json + model.safetensors + vocab.json +
 * merges.txt, the same files as a Hugging Face GPT-2 checkpoint. */
#ifndef GF_MODEL_H
#define GF_MODEL_H

#include <stdint.h>

#include "config.h"
#include "gf_error.h"
#include "tokenizer.h"
#include "weights.h"

#define GF_MODEL_NAME_MAX 128

/* The files of a model folder, in this order: config.json,
 * model.safetensors, vocab.json, merges.txt. */
#define GF_MODEL_FILE_COUNT 4
extern const char *const gf_model_files[GF_MODEL_FILE_COUNT];

typedef struct {
    char name[GF_MODEL_NAME_MAX];    /* the folder's last path component     */
    gf_config config;
    gf_weights weights;
    gf_tokenizer *tokenizer;         /* owned                                */
    char warning[GF_ERROR_MESSAGE_MAX]; /* after loading: "" or one line about
                                        a likely mistake that still loads    */
} gf_model;

/* Load a folder; every failure names the file and reason. The tokenizer's
 * ids must fit the config's vocab_size. When the weights hold tensors the
 * config does not use, the model loads and m->warning says so (callers show
 * it: a line on stderr, the viewer's status line). */
gf_status gf_model_load(gf_model *m, const char *dir, gf_error *err);
/* The tokenizer's ids must fit the config's vocab_size; sources name both in the message. */
gf_status gf_model_check_vocab(const gf_config *cfg, const char *cfg_source,
                               const gf_tokenizer *tok, const char *tok_source, gf_error *err);
/* A randomly initialized model; takes ownership of tok (may be NULL: then a
 * byte-level tokenizer is made). */
gf_status gf_model_init_random(gf_model *m, const gf_config *cfg, gf_tokenizer *tok,
                               uint64_t seed, gf_error *err);
/* Write the four files into dir (created if missing). */
gf_status gf_model_save(const gf_model *m, const char *dir, gf_dtype store_as,
                        gf_error *err);
void gf_model_free(gf_model *m);

#endif

/* config.h — the shape and variant of a model (config.json).
 *
 * Keys are those of Hugging Face GPT-2 (n_layer, n_head, n_embd, n_positions,
 * vocab_size, n_inner, layer_norm_epsilon, activation_function,
 * tie_word_embeddings) plus the variant keys our lessons need:
 *   "norm_placement":  "pre" (GPT-2, default) | "post" (original transformer)
 *   "norm_type":       "layernorm" (default) | "rmsnorm"
 *   "position_type":   "learned" (default) | "sinusoidal"
 *   "activation_function": "gelu_new" (tanh approximation, GPT-2 default)
 *                          | "gelu" (exact, erf) | "relu" | "swiglu"
 *   "languages":       the languages the model was trained on, ISO 639 codes
 *                      (2 or 3 lower-case letters) such as ["en", "ru"];
 *                      optional (absent: not stated), never part of the shape
 * Missing keys take GPT-2's defaults. */
#ifndef GF_CONFIG_H
#define GF_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "gf_error.h"

typedef enum { GF_NORM_PRE = 0, GF_NORM_POST } gf_norm_placement;
typedef enum { GF_NORM_LAYERNORM = 0, GF_NORM_RMSNORM } gf_norm_type;
typedef enum { GF_POSITION_LEARNED = 0, GF_POSITION_SINUSOIDAL } gf_position_type;
typedef enum {
    GF_ACTIVATION_GELU_TANH = 0, /* "gelu_new": 0.5x(1+tanh(√(2/π)(x+0.044715x³))) */
    GF_ACTIVATION_GELU_EXACT,    /* "gelu":     0.5x(1+erf(x/√2))                  */
    GF_ACTIVATION_RELU,          /* "relu":     max(0, x)                          */
    GF_ACTIVATION_SWIGLU         /* "swiglu":   silu(x·W_g + b_g) ⊙ (x·W_up + b_up) */
} gf_activation;

/* Limits that reject absurd files before anything is allocated. */
#define GF_CONFIG_MAX_VOCAB     (1 << 21)
#define GF_CONFIG_MAX_CONTEXT   (1 << 16)
#define GF_CONFIG_MAX_EMBD      (1 << 16)
#define GF_CONFIG_MAX_LAYERS    1024
#define GF_CONFIG_MAX_HEADS     1024
#define GF_CONFIG_MAX_INNER     (1 << 18)
#define GF_CONFIG_MAX_LANGUAGES 8
#define GF_CONFIG_LANGUAGE_SIZE 4       /* "en" / "rus" and the terminating NUL */

typedef struct {
    int vocab_size;      /* V                                               */
    int n_ctx;           /* longest sequence (n_positions)                  */
    int n_embd;          /* C, model width                                  */
    int n_layer;         /* L                                               */
    int n_head;          /* H; head size = C / H                            */
    int n_inner;         /* F, feed-forward width (default 4·C)             */
    float norm_eps;      /* layer_norm_epsilon                              */
    gf_norm_placement norm_placement;
    gf_norm_type norm_type;
    gf_position_type position_type;
    gf_activation activation;
    bool tied_embeddings; /* unembedding = wteᵀ (true) or lm_head.weight    */
    int n_languages;     /* 0 when config.json does not say                 */
    char languages[GF_CONFIG_MAX_LANGUAGES][GF_CONFIG_LANGUAGE_SIZE];
} gf_config;

/* GPT-2 small: V=50257, n_ctx=1024, C=768, L=12, H=12, F=3072, eps=1e-5. */
void gf_config_default(gf_config *cfg);

/* Checks ranges and divisibility. source names the file in messages. */
gf_status gf_config_validate(const gf_config *cfg, const char *source, gf_error *err);

/* Parse config.json text (starting from the defaults), then validate. */
gf_status gf_config_parse_json(const char *text, size_t length, const char *source,
                               gf_config *cfg, gf_error *err);
gf_status gf_config_load(const char *path, gf_config *cfg, gf_error *err);

/* Serialize as config.json (GPT-2 keys + our variant keys); malloc'ed text. */
char *gf_config_to_json(const gf_config *cfg);
gf_status gf_config_save(const gf_config *cfg, const char *path, gf_error *err);

int gf_config_head_size(const gf_config *cfg);

/* True for an ISO 639 language code as config.json's "languages" takes it:
 * 2 or 3 lower-case ASCII letters ("en", "ru", "chu"). */
bool gf_config_language_code_ok(const char *code);

/* The languages as "en, ru" into out (always NUL-terminated; "" when the
 * config states none). Returns the number of languages. */
int gf_config_languages_format(const gf_config *cfg, char *out, size_t size);

/* True when a and b describe the same tensors and computation: every field
 * but norm_eps (a value, not a shape) is equal. False if either is NULL. */
bool gf_config_same_shape(const gf_config *a, const gf_config *b);

/* Name strings as used in config.json ("pre", "rmsnorm", "gelu_new", ...). */
const char *gf_norm_placement_name(gf_norm_placement p);
const char *gf_norm_type_name(gf_norm_type t);
const char *gf_position_type_name(gf_position_type t);
const char *gf_activation_name(gf_activation a);

#endif

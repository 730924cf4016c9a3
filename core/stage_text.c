/* stage_text.c — which text a stage gets for a model variant, and its
 * formula's slots filled with the model's sizes (see stage_text.h). */
#include "stage_text.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static bool post_norm(const gf_config *cfg)
{
    return cfg != NULL && cfg->norm_placement == GF_NORM_POST;
}

static bool is_norm(gf_stage_id id)
{
    return id == GF_STAGE_NORM_1 || id == GF_STAGE_NORM_2 || id == GF_STAGE_FINAL_NORM;
}

/* "?KEY" into buf for a missing key; returns 0. */
static size_t missing(const char *key, char *buf, size_t size)
{
    if (size > 0)
        snprintf(buf, size, "?%s", key);
    return 0;
}

/* The value of "stage.KEY.field", with ".post" first in a post-norm model. */
static const char *stage_value(const gf_text *t, gf_stage_id id, const char *field, bool post,
                               char *key, size_t key_size)
{
    const gf_stage *st = gf_stage_get(id);
    if (st == NULL) {
        snprintf(key, key_size, "stage.?.%s", field);
        return NULL;
    }
    if (post) {
        snprintf(key, key_size, "stage.%s.%s.post", st->key, field);
        const char *v = gf_text_get(t, key);
        if (v != NULL)
            return v;
    }
    snprintf(key, key_size, "stage.%s.%s", st->key, field);
    return gf_text_get(t, key);
}

const char *gf_stage_name(const gf_text *t, gf_stage_id id, const gf_config *cfg)
{
    char key[96];
    return stage_value(t, id, "name", post_norm(cfg), key, sizeof key);
}

size_t gf_stage_summary(const gf_text *t, gf_stage_id id, const gf_config *cfg, char *buf,
                        size_t size)
{
    char key[96];
    if (!is_norm(id)) {
        const char *v = stage_value(t, id, "summary", post_norm(cfg), key, sizeof key);
        if (v == NULL)
            return missing(key, buf, size);
        int n = snprintf(buf, size, "%s", v);
        return n > 0 ? (size_t)n : 0;
    }
    /* A norm: where it sits, then what it computes. */
    const char *where = stage_value(t, id, "where", post_norm(cfg), key, sizeof key);
    if (where == NULL)
        return missing(key, buf, size);
    const char *what_key =
        cfg != NULL && cfg->norm_type == GF_NORM_RMSNORM ? "norm.rmsnorm" : "norm.layernorm";
    const char *what = gf_text_get(t, what_key);
    if (what == NULL)
        return missing(what_key, buf, size);
    int n = snprintf(buf, size, "%s %s", where, what);
    return n > 0 ? (size_t)n : 0;
}

/* The formula's key for id in cfg's variant. */
static const char *formula_key(gf_stage_id id, const gf_config *cfg)
{
    switch (id) {
    case GF_STAGE_TOKENS: return "formula.tokens";
    case GF_STAGE_EMBED:
        return cfg->position_type == GF_POSITION_SINUSOIDAL ? "formula.embed.sinusoidal"
                                                            : "formula.embed.learned";
    case GF_STAGE_NORM_1:
    case GF_STAGE_NORM_2:
    case GF_STAGE_FINAL_NORM:
        return cfg->norm_type == GF_NORM_RMSNORM ? "formula.norm.rmsnorm" : "formula.norm.layernorm";
    case GF_STAGE_QKV: return "formula.qkv";
    case GF_STAGE_SCORES: return "formula.scores";
    case GF_STAGE_MASK: return "formula.mask";
    case GF_STAGE_SOFTMAX: return "formula.softmax";
    case GF_STAGE_WEIGHTED: return "formula.weighted";
    case GF_STAGE_CONCAT: return "formula.concat";
    case GF_STAGE_ATTN_PROJ: return "formula.attn_proj";
    case GF_STAGE_RESIDUAL_1:
    case GF_STAGE_RESIDUAL_2: return "formula.residual";
    case GF_STAGE_FFN_UP:
        return cfg->activation == GF_ACTIVATION_SWIGLU ? "formula.ffn_up.swiglu" : "formula.ffn_up";
    case GF_STAGE_ACTIVATION:
        switch (cfg->activation) {
        case GF_ACTIVATION_GELU_EXACT: return "formula.activation.gelu_exact";
        case GF_ACTIVATION_RELU: return "formula.activation.relu";
        case GF_ACTIVATION_SWIGLU: return "formula.activation.swiglu";
        case GF_ACTIVATION_GELU_TANH: break;
        }
        return "formula.activation.gelu_tanh";
    case GF_STAGE_FFN_DOWN: return "formula.ffn_down";
    case GF_STAGE_LOGITS: return cfg->tied_embeddings ? "formula.logits.tied" : "formula.logits.untied";
    case GF_STAGE_PROBS: return "formula.probs";
    case GF_STAGE_COUNT: break;
    }
    return "formula.?";
}

/* n in UTF-8 subscript digits ("₃₂"); n >= 0. */
static void subscript(int n, char *buf, size_t size)
{
    char digits[16];
    snprintf(digits, sizeof digits, "%d", n);
    size_t used = 0;
    buf[0] = '\0';
    for (const char *d = digits; *d != '\0' && used + 4 <= size; d++) {
        buf[used++] = (char)0xe2;  /* U+2080 + digit = E2 82 80+digit */
        buf[used++] = (char)0x82;
        buf[used++] = (char)(0x80 + (*d - '0'));
        buf[used] = '\0';
    }
}

size_t gf_stage_formula(const gf_text *t, gf_stage_id id, const gf_config *cfg, int n_tokens,
                        char *buf, size_t size)
{
    const char *key = formula_key(id, cfg);
    const char *tmpl = gf_text_get(t, key);
    if (tmpl == NULL)
        return missing(key, buf, size);
    char v[10][32];
    snprintf(v[0], sizeof v[0], "%d", n_tokens);
    snprintf(v[1], sizeof v[1], "%d", cfg->n_embd);
    snprintf(v[2], sizeof v[2], "%d", cfg->n_head);
    snprintf(v[3], sizeof v[3], "%d", cfg->n_head > 0 ? cfg->n_embd / cfg->n_head : 0);
    snprintf(v[4], sizeof v[4], "%d", cfg->n_inner);
    snprintf(v[5], sizeof v[5], "%d", cfg->vocab_size);
    snprintf(v[6], sizeof v[6], "%d", cfg->vocab_size - 1);
    subscript(n_tokens > 0 ? n_tokens - 1 : 0, v[7], sizeof v[7]);
    snprintf(v[8], sizeof v[8], "%g", cfg->norm_eps);
    subscript(cfg->n_head > 0 ? cfg->n_head - 1 : 0, v[9], sizeof v[9]);  /* heads count from 0 */
    const gf_text_slot slots[] = {
        {"T", v[0]}, {"C", v[1]},      {"H", v[2]},      {"hs", v[3]},  {"F", v[4]},
        {"V", v[5]}, {"V_last", v[6]}, {"T_last", v[7]}, {"eps", v[8]}, {"H_last", v[9]},
    };
    return gf_text_fill(tmpl, slots, (int)(sizeof slots / sizeof slots[0]), buf, size);
}

/* params.c — the list of parameter tensors a config implies (see params.h),
 * and the published model shapes (presets).
 *
 * The list is built in the documented order; each tensor's offset is the sum
 * of the sizes before it. Sizes are int64 and every sum is checked, so even
 * GPT-3's 175 billion parameters count exactly. */
#include "params.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Append one tensor named "[h.<layer>.]<base>.<suffix>" (suffix "weight"/"bias"). */
static gf_status params_add(gf_param_list *list, int capacity, int layer, const char *base,
                            const char *suffix, int64_t d0, int64_t d1, gf_error *err)
{
    if (list->count >= capacity)
        return gf_error_set(err, GF_ERR_ARGUMENT, "params: internal error: list overflows %d",
                            capacity);
    gf_param *p = &list->items[list->count];
    memset(p, 0, sizeof *p);
    int n = layer >= 0 ? snprintf(p->name, sizeof p->name, "h.%d.%s.%s", layer, base, suffix)
                       : snprintf(p->name, sizeof p->name, "%s.%s", base, suffix);
    if (n < 0 || (size_t)n >= sizeof p->name)
        return gf_error_set(err, GF_ERR_ARGUMENT, "params: tensor name too long (%s)", base);
    p->layer = layer;
    p->ndim = d1 > 0 ? 2 : 1;
    p->shape[0] = d0;
    p->shape[1] = d1 > 0 ? d1 : 0;
    p->numel = d1 > 0 ? d0 * d1 : d0;   /* both <= 2^21 (config limits): no overflow */
    p->is_matrix = p->ndim == 2;
    if (p->numel > INT64_MAX - list->total)
        return gf_error_set(err, GF_ERR_RANGE, "params: total parameter count overflows");
    p->offset = list->total;
    list->total += p->numel;
    list->count++;
    return GF_OK;
}

/* A norm: gain (C), and bias (C) for LayerNorm only. */
static gf_status params_add_norm(gf_param_list *list, int capacity, const gf_config *cfg,
                                 int layer, const char *base, gf_error *err)
{
    gf_status s = params_add(list, capacity, layer, base, "weight", cfg->n_embd, 0, err);
    if (s == GF_OK && cfg->norm_type == GF_NORM_LAYERNORM)
        s = params_add(list, capacity, layer, base, "bias", cfg->n_embd, 0, err);
    return s;
}

/* A Conv1D layer: weight (in, out) and bias (out). */
static gf_status params_add_linear(gf_param_list *list, int capacity, int layer,
                                   const char *base, int64_t in, int64_t out, gf_error *err)
{
    gf_status s = params_add(list, capacity, layer, base, "weight", in, out, err);
    return s == GF_OK ? params_add(list, capacity, layer, base, "bias", out, 0, err) : s;
}

static gf_status params_add_layer(gf_param_list *list, int capacity, const gf_config *cfg,
                                  int l, gf_error *err)
{
    const int64_t C = cfg->n_embd, F = cfg->n_inner;
    gf_status s = params_add_norm(list, capacity, cfg, l, "ln_1", err);
    if (s == GF_OK)
        s = params_add_linear(list, capacity, l, "attn.c_attn", C, 3 * C, err);
    if (s == GF_OK)
        s = params_add_linear(list, capacity, l, "attn.c_proj", C, C, err);
    if (s == GF_OK)
        s = params_add_norm(list, capacity, cfg, l, "ln_2", err);
    if (s == GF_OK)
        s = params_add_linear(list, capacity, l, "mlp.c_fc", C, F, err);
    if (s == GF_OK && cfg->activation == GF_ACTIVATION_SWIGLU)
        s = params_add_linear(list, capacity, l, "mlp.c_gate", C, F, err);
    if (s == GF_OK)
        s = params_add_linear(list, capacity, l, "mlp.c_proj", F, C, err);
    return s;
}

/* Upper bound on the number of tensors: 2 embeddings, 16 per layer, 3 at the end. */
static int params_capacity(const gf_config *cfg)
{
    return 2 + 16 * cfg->n_layer + 3;
}

static gf_status params_fill(const gf_config *cfg, gf_param_list *list, int capacity,
                             gf_error *err)
{
    const int64_t V = cfg->vocab_size, C = cfg->n_embd;
    gf_status s = params_add(list, capacity, -1, "wte", "weight", V, C, err);
    if (s == GF_OK && cfg->position_type == GF_POSITION_LEARNED)
        s = params_add(list, capacity, -1, "wpe", "weight", cfg->n_ctx, C, err);
    for (int l = 0; s == GF_OK && l < cfg->n_layer; l++)
        s = params_add_layer(list, capacity, cfg, l, err);
    if (s == GF_OK && cfg->norm_placement == GF_NORM_PRE)
        s = params_add_norm(list, capacity, cfg, -1, "ln_f", err);
    if (s == GF_OK && !cfg->tied_embeddings)
        s = params_add(list, capacity, -1, "lm_head", "weight", V, C, err);
    return s;
}

gf_status gf_params_build(const gf_config *cfg, gf_param_list *out, gf_error *err)
{
    if (!out)
        return gf_error_set(err, GF_ERR_ARGUMENT, "params: no output list given");
    memset(out, 0, sizeof *out);
    gf_status s = gf_config_validate(cfg, "config", err);
    if (s != GF_OK)
        return s;
    int capacity = params_capacity(cfg);   /* <= 2 + 16·1024 + 3 */
    gf_param_list list = {0};
    list.items = calloc((size_t)capacity, sizeof *list.items);
    if (!list.items)
        return gf_error_set(err, GF_ERR_MEMORY, "params: out of memory for %d tensors",
                            capacity);
    s = params_fill(cfg, &list, capacity, err);
    if (s != GF_OK) {
        gf_params_free(&list);
        return s;
    }
    *out = list;
    return GF_OK;
}

void gf_params_free(gf_param_list *list)
{
    if (!list)
        return;
    free(list->items);
    memset(list, 0, sizeof *list);
}

int gf_params_find(const gf_param_list *list, const char *name)
{
    if (!list || !name)
        return -1;
    for (int i = 0; i < list->count; i++)
        if (strcmp(list->items[i].name, name) == 0)
            return i;
    return -1;
}

/* ---- presets ---------------------------------------------------------- */

typedef struct {
    const char *name;
    int n_layer, n_embd, n_head, n_ctx;
} gf_preset;

/* GPT-2 (Radford et al. 2019, the released checkpoints) and GPT-3 175B
 * (Brown et al. 2020, Table 2.1); all with GPT-2's 50257-token vocabulary. */
static const gf_preset presets[] = {
    {"gpt2", 12, 768, 12, 1024},
    {"gpt2-medium", 24, 1024, 16, 1024},
    {"gpt2-large", 36, 1280, 20, 1024},
    {"gpt2-xl", 48, 1600, 25, 1024},
    {"gpt3", 96, 12288, 96, 2048},
};

static const char *const preset_names[] = {"gpt2", "gpt2-medium", "gpt2-large", "gpt2-xl",
                                           "gpt3", NULL};

gf_status gf_preset_config(const char *name, gf_config *cfg, gf_error *err)
{
    if (!name || !cfg)
        return gf_error_set(err, GF_ERR_ARGUMENT, "preset: no name or config given");
    for (size_t i = 0; i < sizeof presets / sizeof presets[0]; i++) {
        const gf_preset *p = &presets[i];
        if (strcmp(p->name, name) != 0)
            continue;
        gf_config_default(cfg);
        cfg->n_layer = p->n_layer;
        cfg->n_embd = p->n_embd;
        cfg->n_head = p->n_head;
        cfg->n_ctx = p->n_ctx;
        cfg->n_inner = 4 * p->n_embd;
        return GF_OK;
    }
    char known[128] = "";
    size_t used = 0;
    for (int i = 0; preset_names[i] && used < sizeof known; i++)
        used += (size_t)snprintf(known + used, sizeof known - used, "%s%s", i ? ", " : "",
                                 preset_names[i]);
    return gf_error_set(err, GF_ERR_ARGUMENT, "preset: unknown name \"%.64s\" (known: %s)",
                        name, known);
}

const char *const *gf_preset_names(void)
{
    return preset_names;
}

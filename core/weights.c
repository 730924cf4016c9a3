/* weights.c — one float arena for all parameters (see weights.h).
 *
 * Layout, names and shapes come from gf_params_build; this file only walks
 * that list: it binds the named pointers by looking names up, initializes,
 * loads and saves tensor by tensor. */
#include "weights.h"

#include "big_floats.h"
#include "memory_limit.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sampler.h"

/* Refuse arenas larger than this before trying to allocate them. */
#define GF_WEIGHTS_MAX_BYTES ((int64_t)16 << 30)   /* 16 GiB */
#define GF_WEIGHTS_INIT_STD 0.02f                  /* GPT-2's initializer_range */
#define GF_WEIGHTS_PREFIX "transformer."           /* GPT2LMHeadModel's module name */
#define GF_WEIGHTS_UNUSED_SHOWN 3                  /* names listed in the warning */

/* Pointer to the tensor "[h.<layer>.]<name>" in the arena, or NULL if the
 * config has no such tensor. */
static float *weights_bind(const gf_weights *w, int layer, const char *name)
{
    char full[GF_PARAM_NAME_MAX];
    if (layer >= 0)
        snprintf(full, sizeof full, "h.%d.%s", layer, name);
    else
        snprintf(full, sizeof full, "%s", name);
    int i = gf_params_find(&w->params, full);
    return i >= 0 ? w->data + w->params.items[i].offset : NULL;
}

static void weights_bind_layer(const gf_weights *w, int l, gf_layer_weights *lw)
{
    lw->ln_1_w = weights_bind(w, l, "ln_1.weight");
    lw->ln_1_b = weights_bind(w, l, "ln_1.bias");
    lw->c_attn_w = weights_bind(w, l, "attn.c_attn.weight");
    lw->c_attn_b = weights_bind(w, l, "attn.c_attn.bias");
    lw->c_proj_w = weights_bind(w, l, "attn.c_proj.weight");
    lw->c_proj_b = weights_bind(w, l, "attn.c_proj.bias");
    lw->ln_2_w = weights_bind(w, l, "ln_2.weight");
    lw->ln_2_b = weights_bind(w, l, "ln_2.bias");
    lw->fc_w = weights_bind(w, l, "mlp.c_fc.weight");
    lw->fc_b = weights_bind(w, l, "mlp.c_fc.bias");
    lw->gate_w = weights_bind(w, l, "mlp.c_gate.weight");
    lw->gate_b = weights_bind(w, l, "mlp.c_gate.bias");
    lw->mlp_proj_w = weights_bind(w, l, "mlp.c_proj.weight");
    lw->mlp_proj_b = weights_bind(w, l, "mlp.c_proj.bias");
}

/* The arena for params must stay under the memory limit. */
static gf_status weights_check_total(const gf_param_list *params, gf_error *err)
{
    int64_t total = params->total;
    const uint64_t limit = gf_memory_limit((uint64_t)GF_WEIGHTS_MAX_BYTES);
    if ((uint64_t)total > limit / sizeof(float) ||
        (uint64_t)total * sizeof(float) > (uint64_t)SIZE_MAX)
        return gf_error_set(err, GF_ERR_MEMORY,
                            "weights: %lld parameters need %.1f GiB, more than the %.1f GiB "
                            "limit (16 GiB or 3/4 of this machine's memory)",
                            (long long)total, (double)total * sizeof(float) / (1 << 30),
                            (double)limit / (1 << 30));
    return GF_OK;
}

gf_status gf_weights_check_fits(const gf_config *cfg, gf_error *err)
{
    gf_param_list params;
    gf_status s = gf_params_build(cfg, &params, err);
    if (s == GF_OK)
        s = weights_check_total(&params, err);
    gf_params_free(&params);
    return s;
}

gf_status gf_weights_alloc(gf_weights *w, const gf_config *cfg, gf_error *err)
{
    if (!w)
        return gf_error_set(err, GF_ERR_ARGUMENT, "weights: no weights given");
    memset(w, 0, sizeof *w);
    gf_status s = gf_params_build(cfg, &w->params, err);
    if (s == GF_OK)
        s = weights_check_total(&w->params, err);
    if (s != GF_OK) {
        gf_params_free(&w->params);
        return s;
    }
    int64_t total = w->params.total;
    w->data = gf_big_floats_alloc((size_t)total);
    w->layers = calloc((size_t)cfg->n_layer, sizeof *w->layers);
    if (!w->data || !w->layers) {
        gf_weights_free(w);
        return gf_error_set(err, GF_ERR_MEMORY, "weights: out of memory for %lld parameters",
                            (long long)total);
    }
    w->wte = weights_bind(w, -1, "wte.weight");
    w->wpe = weights_bind(w, -1, "wpe.weight");
    for (int l = 0; l < cfg->n_layer; l++)
        weights_bind_layer(w, l, &w->layers[l]);
    w->ln_f_w = weights_bind(w, -1, "ln_f.weight");
    w->ln_f_b = weights_bind(w, -1, "ln_f.bias");
    w->lm_head = cfg->tied_embeddings ? w->wte : weights_bind(w, -1, "lm_head.weight");
    return GF_OK;
}

void gf_weights_free(gf_weights *w)
{
    if (!w)
        return;
    gf_weights_drop_half(w);
    gf_big_floats_free(w->data, (size_t)w->params.total);
    gf_params_free(&w->params);
    free(w->layers);
    memset(w, 0, sizeof *w);
}

static bool name_ends_with(const char *name, const char *suffix)
{
    size_t n = strlen(name), k = strlen(suffix);
    return n >= k && strcmp(name + n - k, suffix) == 0;
}

void gf_weights_init_random(gf_weights *w, const gf_config *cfg, uint64_t seed)
{
    if (!w || !w->data || !cfg)
        return;
    gf_rng rng;
    gf_rng_seed(&rng, seed);
    /* Residual projections are scaled so the residual stream's variance does
     * not grow with depth (GPT-2 paper, section 2.3). */
    const float residual_std = GF_WEIGHTS_INIT_STD / sqrtf(2.0f * (float)cfg->n_layer);
    for (int i = 0; i < w->params.count; i++) {
        const gf_param *p = &w->params.items[i];
        float *x = w->data + p->offset;   /* (numel) */
        if (p->is_matrix) {
            float std = name_ends_with(p->name, "c_proj.weight") ? residual_std
                                                                 : GF_WEIGHTS_INIT_STD;
            /* Fixed sinusoids have amplitude 1: token embeddings of std 0.02
             * would drown in them, so they start at std 1/√C instead (the
             * scale of the original transformer's embeddings). */
            if (cfg->position_type == GF_POSITION_SINUSOIDAL && strcmp(p->name, "wte.weight") == 0)
                std = 1.0f / sqrtf((float)cfg->n_embd);
            for (int64_t j = 0; j < p->numel; j++)
                x[j] = std * gf_rng_normal(&rng);
        } else {
            float value = name_ends_with(p->name, ".bias") ? 0.0f : 1.0f;   /* bias | gain */
            for (int64_t j = 0; j < p->numel; j++)
                x[j] = value;
        }
    }
}

/* The file's entry for a parameter: its own name, or with "transformer.". */
static const gf_st_entry *weights_find_entry(const gf_safetensors *st, const char *name)
{
    const gf_st_entry *e = gf_safetensors_find(st, name);
    if (e)
        return e;
    char prefixed[GF_PARAM_NAME_MAX + sizeof GF_WEIGHTS_PREFIX];
    snprintf(prefixed, sizeof prefixed, "%s%s", GF_WEIGHTS_PREFIX, name);
    return gf_safetensors_find(st, prefixed);
}

/* "[768, 2304]" */
static void shape_text(char *buf, size_t size, int ndim, const int64_t *shape)
{
    size_t used = (size_t)snprintf(buf, size, "[");
    for (int d = 0; d < ndim && used < size; d++)
        used += (size_t)snprintf(buf + used, size - used, "%s%lld", d ? ", " : "",
                                 (long long)shape[d]);
    if (used < size)
        snprintf(buf + used, size - used, "]");
}

/* *out = the file's entry for parameter p: present, with exactly p's shape
 * and a float dtype. Reads only the header. */
static gf_status weights_match_param(const gf_param *p, const gf_safetensors *st,
                                     const char *source, const gf_st_entry **out, gf_error *err)
{
    const gf_st_entry *e = weights_find_entry(st, p->name);
    *out = e;
    if (!e)
        return gf_error_set(err, GF_ERR_FORMAT, "%s: %s: tensor missing (also looked for %s%s)",
                            source, p->name, GF_WEIGHTS_PREFIX, p->name);
    bool same = e->ndim == p->ndim;
    for (int d = 0; same && d < p->ndim; d++)
        same = e->shape[d] == p->shape[d];
    if (!same) {
        char want[64], have[8 * 24];
        shape_text(want, sizeof want, p->ndim, p->shape);
        shape_text(have, sizeof have, e->ndim, e->shape);
        return gf_error_set(err, GF_ERR_SHAPE, "%s: %s: shape %s expected, file has %s",
                            source, p->name, want, have);
    }
    if (e->dtype != GF_DTYPE_F32 && e->dtype != GF_DTYPE_F16 && e->dtype != GF_DTYPE_BF16)
        return gf_error_set(err, GF_ERR_FORMAT, "%s: %s: dtype %s, but weights must be F32, F16 "
                            "or BF16", source, p->name, e->dtype_name);
    return GF_OK;
}

/* A matrix that decoding streams: the layers' and the logits' (wpe is only
 * looked up, one row per token). */
static bool weights_is_decode_matrix(const gf_param *p)
{
    return p->is_matrix && strcmp(p->name, "wpe.weight") != 0;
}

static gf_half_type weights_half_type_of(gf_dtype dtype)
{
    return dtype == GF_DTYPE_F16 ? GF_HALF_F16 : dtype == GF_DTYPE_BF16 ? GF_HALF_BF16
                                                                        : GF_HALF_NONE;
}

/* F16 or BF16 when the file stores every decode matrix in that one type
 * and the half copy fits beside the floats; else GF_HALF_NONE. */
static gf_half_type weights_file_half_type(const gf_weights *w, const gf_safetensors *st)
{
    gf_half_type type = GF_HALF_NONE;
    for (int i = 0; i < w->params.count; i++) {
        const gf_param *p = &w->params.items[i];
        if (!weights_is_decode_matrix(p))
            continue;
        const gf_st_entry *e = weights_find_entry(st, p->name);
        const gf_half_type t = e ? weights_half_type_of(e->dtype) : GF_HALF_NONE;
        if (t == GF_HALF_NONE || (type != GF_HALF_NONE && t != type))
            return GF_HALF_NONE;
        type = t;
    }
    const uint64_t bytes = (uint64_t)w->params.total * (sizeof(float) + sizeof(uint16_t));
    return bytes <= gf_memory_limit((uint64_t)GF_WEIGHTS_MAX_BYTES) ? type : GF_HALF_NONE;
}

/* The parameter's values into the float arena; a decode matrix of a model
 * with a half copy goes into that copy as stored, then widened (exact). */
static gf_status weights_read_param(gf_weights *w, const gf_param *p, const gf_safetensors *st,
                                    const gf_st_entry *e, gf_error *err)
{
    float *x = w->data + p->offset;
    if (!w->half_data || !weights_is_decode_matrix(p))
        return gf_safetensors_read_f32(st, e, x, p->numel, err);
    uint16_t *h = w->half_data + p->offset;
    gf_status s = gf_safetensors_read_half(st, e, h, p->numel, err);
    for (int64_t i = 0; s == GF_OK && i < p->numel; i++)
        x[i] = gf_half_to_f32(h[i], w->half_type);
    return s;
}

static gf_status weights_load_param(gf_weights *w, const gf_param *p, const gf_safetensors *st,
                                    const char *source, gf_error *err)
{
    const gf_st_entry *e = NULL;
    float *x = w->data + p->offset;
    gf_status s = weights_match_param(p, st, source, &e, err);
    if (s == GF_OK)
        s = weights_read_param(w, p, st, e, err);
    /* One inf or NaN would make every later number on screen NaN. */
    for (int64_t i = 0; s == GF_OK && i < p->numel; i++)
        if (!isfinite(x[i]))
            s = gf_error_set(err, GF_ERR_FORMAT, "%s: %s: element %lld is %s (weights must be "
                             "finite numbers)", source, p->name, (long long)i,
                             isnan(x[i]) ? "NaN" : "infinite");
    return s;
}

/* The layer N of a block tensor "h.N.…" (or "transformer.h.N.…"); −1 for
 * any other name. */
static long weights_layer_of(const char *name)
{
    if (strncmp(name, GF_WEIGHTS_PREFIX, strlen(GF_WEIGHTS_PREFIX)) == 0)
        name += strlen(GF_WEIGHTS_PREFIX);
    if (name[0] != 'h' || name[1] != '.' || name[2] < '0' || name[2] > '9')
        return -1;
    char *end = NULL;
    long n = strtol(name + 2, &end, 10);
    return *end == '.' ? n : -1;
}

/* Extra tensors are ignored (mask buffers, other variants' matrices), but a
 * block beyond the config's layers means config.json describes another
 * model: say so rather than silently run part of it. */
static gf_status weights_check_layers(const gf_param_list *params, const gf_safetensors *st,
                                      const char *source, gf_error *err)
{
    long last = -1;
    for (int i = 0; i < params->count; i++) {
        long n = weights_layer_of(params->items[i].name);
        last = n > last ? n : last;
    }
    for (int i = 0; i < st->count; i++) {
        long n = weights_layer_of(st->entries[i].name);
        char shown[100];
        if (n > last)
            return gf_error_set(err, GF_ERR_SHAPE, "%s: %s: layer %ld, but config.json has "
                                "n_layer %ld (the file holds a deeper model)", source,
                                gf_error_shown(st->entries[i].name, shown, sizeof shown), n,
                                last + 1);
    }
    return GF_OK;
}

gf_status gf_weights_check_file(const gf_config *cfg, const gf_safetensors *st, gf_error *err)
{
    if (!st)
        return gf_error_set(err, GF_ERR_ARGUMENT, "weights: no file given");
    const char *source = st->source ? st->source : "model.safetensors";
    gf_param_list params;
    gf_status s = gf_params_build(cfg, &params, err);
    if (s != GF_OK)
        return s;
    s = weights_check_layers(&params, st, source, err);
    for (int i = 0; s == GF_OK && i < params.count; i++) {
        const gf_st_entry *e = NULL;
        s = weights_match_param(&params.items[i], st, source, &e, err);
    }
    gf_params_free(&params);
    return s;
}

/* A stored attention-mask buffer of old GPT-2 checkpoints: "h.N.attn.bias"
 * or "h.N.attn.masked_bias" (not the projection's "h.N.attn.c_attn.bias"). */
static bool weights_is_mask_buffer(const char *name)
{
    if (weights_layer_of(name) < 0)
        return false;
    const char *dot = strchr(strchr(name, 'h') + 2, '.');   /* after "h.N" */
    return dot && (strcmp(dot, ".attn.bias") == 0 || strcmp(dot, ".attn.masked_bias") == 0);
}

int gf_weights_count_unused(const gf_config *cfg, const gf_safetensors *st, char *names,
                            size_t size)
{
    if (names && size > 0)
        names[0] = '\0';
    gf_param_list params;
    if (!st || gf_params_build(cfg, &params, NULL) != GF_OK)
        return 0;
    int unused = 0;
    size_t used = 0;
    char shown[68];
    for (int i = 0; i < st->count; i++) {
        const char *name = st->entries[i].name;
        const char *bare = strncmp(name, GF_WEIGHTS_PREFIX, strlen(GF_WEIGHTS_PREFIX)) == 0
                               ? name + strlen(GF_WEIGHTS_PREFIX)
                               : name;
        if (gf_params_find(&params, bare) >= 0 || weights_is_mask_buffer(name))
            continue;
        unused++;
        if (names && unused <= GF_WEIGHTS_UNUSED_SHOWN && used < size)
            used += (size_t)snprintf(names + used, size - used, "%s%s", unused > 1 ? ", " : "",
                                     gf_error_shown(name, shown, sizeof shown));
        else if (names && unused == GF_WEIGHTS_UNUSED_SHOWN + 1 && used < size)
            used += (size_t)snprintf(names + used, size - used, ", ...");
    }
    gf_params_free(&params);
    return unused;
}

/* The half views of the decode matrices, in the half arena. */
static gf_half_view weights_bind_half(const gf_weights *w, const float *matrix)
{
    if (!w->half_data || !matrix)
        return GF_HALF_VIEW_NONE;
    return (gf_half_view){w->half_data + (matrix - w->data), w->half_type};
}

static void weights_bind_halves(gf_weights *w)
{
    w->wte_half = weights_bind_half(w, w->wte);
    w->lm_head_half = weights_bind_half(w, w->lm_head);
    long layers = 0;
    for (int i = 0; i < w->params.count; i++) {
        const long n = weights_layer_of(w->params.items[i].name);
        layers = n + 1 > layers ? n + 1 : layers;
    }
    for (long l = 0; l < layers; l++) {
        gf_layer_weights *lw = &w->layers[l];
        lw->c_attn_half = weights_bind_half(w, lw->c_attn_w);
        lw->c_proj_half = weights_bind_half(w, lw->c_proj_w);
        lw->fc_half = weights_bind_half(w, lw->fc_w);
        lw->gate_half = weights_bind_half(w, lw->gate_w);
        lw->mlp_proj_half = weights_bind_half(w, lw->mlp_proj_w);
    }
}

void gf_weights_drop_half(gf_weights *w)
{
    if (!w || !w->half_data)
        return;
    gf_big_halves_free(w->half_data, (size_t)w->params.total);
    w->half_data = NULL;
    w->half_type = GF_HALF_NONE;
    weights_bind_halves(w);   /* every view empty */
}

gf_status gf_weights_round_to_half(gf_weights *w, gf_half_type type, gf_error *err)
{
    if (!w || !w->data || (type != GF_HALF_F16 && type != GF_HALF_BF16))
        return gf_error_set(err, GF_ERR_ARGUMENT, "weights: rounding needs weights and F16 "
                                                  "or BF16");
    for (int i = 0; type == GF_HALF_F16 && i < w->params.count; i++) {
        const gf_param *p = &w->params.items[i];
        for (int64_t j = 0; weights_is_decode_matrix(p) && j < p->numel; j++)
            if (isfinite(w->data[p->offset + j]) &&
                !isfinite(gf_f32_through_half(w->data[p->offset + j], GF_HALF_F16)))
                return gf_error_set(err, GF_ERR_RANGE, "weights: %s: element %lld = %g is "
                                    "beyond F16's largest, 65504", p->name, (long long)j,
                                    (double)w->data[p->offset + j]);
    }
    gf_weights_drop_half(w);
    w->half_data = gf_big_halves_alloc((size_t)w->params.total);
    if (!w->half_data)
        return gf_error_set(err, GF_ERR_MEMORY, "weights: out of memory for a half copy of "
                                                "%lld parameters",
                            (long long)w->params.total);
    w->half_type = type;
    for (int i = 0; i < w->params.count; i++) {
        const gf_param *p = &w->params.items[i];
        if (!weights_is_decode_matrix(p))
            continue;
        float *x = w->data + p->offset;
        uint16_t *h = w->half_data + p->offset;
        for (int64_t j = 0; j < p->numel; j++) {
            h[j] = gf_f32_to_half(x[j], type);
            x[j] = gf_half_to_f32(h[j], type);
        }
    }
    weights_bind_halves(w);
    return GF_OK;
}

gf_status gf_weights_load(gf_weights *w, const gf_safetensors *st, gf_error *err)
{
    if (!w || !w->data || !st)
        return gf_error_set(err, GF_ERR_ARGUMENT, "weights: load needs allocated weights and "
                                                  "an open file");
    const char *source = st->source ? st->source : "model.safetensors";
    gf_weights_drop_half(w);
    gf_status s = weights_check_layers(&w->params, st, source, err);
    const gf_half_type type = s == GF_OK ? weights_file_half_type(w, st) : GF_HALF_NONE;
    if (type != GF_HALF_NONE) {
        /* without room for it, decoding reads the floats: slower, the same bits */
        w->half_data = gf_big_halves_alloc((size_t)w->params.total);
        w->half_type = w->half_data ? type : GF_HALF_NONE;
    }
    for (int i = 0; s == GF_OK && i < w->params.count; i++)
        s = weights_load_param(w, &w->params.items[i], st, source, err);
    if (s != GF_OK)
        gf_weights_drop_half(w);
    weights_bind_halves(w);
    return s;
}

gf_status gf_weights_put(const gf_weights *w, gf_dtype store_as, gf_file_out *out,
                         gf_error *err)
{
    const char *path = out && out->path ? out->path : "model.safetensors";
    if (!w || !w->data || !out)
        return gf_error_set(err, GF_ERR_ARGUMENT, "weights: save needs weights and a file");
    if (store_as != GF_DTYPE_F32 && store_as != GF_DTYPE_F16 && store_as != GF_DTYPE_BF16)
        return gf_error_set(err, GF_ERR_ARGUMENT, "%s: weights can be stored as F32, F16 or "
                                                  "BF16, not %s",
                            path, gf_dtype_name(store_as));
    gf_st_writer writer;
    gf_st_writer_init(&writer);
    /* Hugging Face's loader expects this metadata in PyTorch checkpoints. */
    gf_status s = gf_st_writer_set_metadata(&writer, "format", "pt", err);
    for (int i = 0; s == GF_OK && i < w->params.count; i++) {
        const gf_param *p = &w->params.items[i];
        s = gf_st_writer_add_f32(&writer, p->name, p->ndim, p->shape, w->data + p->offset,
                                 store_as, err);
    }
    if (s == GF_OK)
        s = gf_st_writer_put(&writer, out, err);
    gf_st_writer_free(&writer);
    return s;
}

gf_status gf_weights_save(const gf_weights *w, const char *path, gf_dtype store_as,
                          gf_error *err)
{
    if (!path)
        return gf_error_set(err, GF_ERR_ARGUMENT, "weights: save needs weights and a path");
    gf_file_out out;
    gf_status s = gf_file_out_begin(&out, path, err);
    if (s == GF_OK)
        s = gf_weights_put(w, store_as, &out, err);
    if (s == GF_OK)
        s = gf_file_out_commit(&out, err);
    gf_file_out_abort(&out);
    return s;
}

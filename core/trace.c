/* trace.c — the trace arena and its table of named tensors (see trace.h).
 *
 * The layout is planned by one function run twice: once to count floats and
 * entries, once to hand out pointers and fill the table. So the size check
 * and the layout can never disagree. */
#include "trace.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "big_floats.h"
#include "memory_limit.h"
#include "safetensors.h"

#define GF_TRACE_MAX_BYTES ((size_t)32 << 30) /* refuse plans above 32 GiB */

/* One planning pass over the layout. */
typedef struct {
    gf_trace *tr;          /* config, capacity, keep_all; arena when assigning */
    bool assign;           /* second pass: pointers and entries are written   */
    size_t floats;         /* floats handed out so far                        */
    int entries;           /* entries added so far                            */
} trace_plan;

static float *plan_take(trace_plan *p, size_t count)
{
    float *ptr = p->assign ? p->tr->arena + p->floats : NULL;
    p->floats += count;
    return ptr;
}

static void plan_entry(trace_plan *p, const char *key, int layer, int head, float *data,
                       int ndim, const int64_t *shape, const int64_t *stride, unsigned grows)
{
    if (p->assign) {
        gf_trace_entry *e = &p->tr->entries[p->entries];
        if (layer >= 0 && head >= 0)
            snprintf(e->name, sizeof e->name, "h.%d.%s[%d]", layer, key, head);
        else if (layer >= 0)
            snprintf(e->name, sizeof e->name, "h.%d.%s", layer, key);
        else
            snprintf(e->name, sizeof e->name, "%s", key);
        e->key = key;
        e->layer = layer;
        e->head = head;
        e->ndim = ndim;
        for (int d = 0; d < ndim; d++) {
            e->shape[d] = shape[d];
            e->stride[d] = stride[d];
        }
        e->grows = grows;
        e->data = data;
    }
    p->entries++;
}

/* A (capacity, width) tensor; with an entry when listed. Heads > 0 also
 * get (capacity, width / heads) column-slice entries. */
static float *plan_rows(trace_plan *p, const char *key, int layer, int width, int heads,
                        bool listed)
{
    const int cap = p->tr->capacity;
    float *data = plan_take(p, (size_t)cap * width);
    if (!listed)
        return data;
    const int64_t shape[2] = {cap, width}, stride[2] = {width, 1};
    plan_entry(p, key, layer, -1, data, width == 1 ? 1 : 2, shape, stride, 1u);
    const int head_size = heads > 0 ? width / heads : 0;
    for (int h = 0; h < heads; h++) {
        const int64_t head_shape[2] = {cap, head_size};
        plan_entry(p, key, layer, h, data ? data + (size_t)h * head_size : NULL, 2, head_shape,
                   stride, 1u);
    }
    return data;
}

/* A (heads, capacity, capacity) tensor with one (capacity, capacity) entry
 * per head besides the whole. */
static float *plan_attention(trace_plan *p, const char *key, int layer, bool listed)
{
    const int64_t cap = p->tr->capacity, heads = p->tr->config.n_head;
    float *data = plan_take(p, (size_t)(heads * cap * cap));
    if (!listed)
        return data;
    const int64_t shape[3] = {heads, cap, cap}, stride[3] = {cap * cap, cap, 1};
    plan_entry(p, key, layer, -1, data, 3, shape, stride, 6u);
    for (int h = 0; h < heads; h++)
        plan_entry(p, key, layer, h, data ? data + (size_t)(h * cap * cap) : NULL, 2, shape + 1,
                   stride + 1, 3u);
    return data;
}

/* Keys of a norm's output and statistics. */
typedef struct {
    const char *out, *mean, *var, *rstd;
} norm_keys;

static const norm_keys LN_1_KEYS = {"ln_1.out", "ln_1.mean", "ln_1.var", "ln_1.rstd"};
static const norm_keys LN_2_KEYS = {"ln_2.out", "ln_2.mean", "ln_2.var", "ln_2.rstd"};
static const norm_keys LN_F_KEYS = {"ln_f.out", "ln_f.mean", "ln_f.var", "ln_f.rstd"};

/* Norm output (T,C) with its statistics (T): mean only for LayerNorm. */
static void plan_norm(trace_plan *p, const norm_keys *keys, int layer, bool listed,
                      float **out, float **mean, float **var, float **rstd)
{
    const int c = p->tr->config.n_embd;
    *out = plan_rows(p, keys->out, layer, c, 0, listed);
    *mean = p->tr->config.norm_type == GF_NORM_LAYERNORM
                ? plan_rows(p, keys->mean, layer, 1, 0, listed)
                : NULL;
    *var = plan_rows(p, keys->var, layer, 1, 0, listed);
    *rstd = plan_rows(p, keys->rstd, layer, 1, 0, listed);
}

static void plan_layer(trace_plan *p, gf_layer_trace *lt, int layer, bool listed)
{
    const gf_config *cfg = &p->tr->config;
    const int c = cfg->n_embd, f = cfg->n_inner, h = cfg->n_head;
    plan_norm(p, &LN_1_KEYS, layer, listed, &lt->ln_1_out, &lt->ln_1_mean, &lt->ln_1_var, &lt->ln_1_rstd);
    lt->q = plan_rows(p, "attn.q", layer, c, h, listed);
    lt->k = plan_rows(p, "attn.k", layer, c, h, listed);
    lt->v = plan_rows(p, "attn.v", layer, c, h, listed);
    lt->scores = plan_attention(p, "attn.scores", layer, listed);
    lt->masked = plan_attention(p, "attn.masked", layer, listed);
    lt->weights = plan_attention(p, "attn.weights", layer, listed);
    lt->heads = plan_rows(p, "attn.heads", layer, c, h, listed);
    lt->attn_proj = plan_rows(p, "attn.proj", layer, c, 0, listed);
    lt->res_1 = plan_rows(p, "res_1", layer, c, 0, listed);
    plan_norm(p, &LN_2_KEYS, layer, listed, &lt->ln_2_out, &lt->ln_2_mean, &lt->ln_2_var, &lt->ln_2_rstd);
    if (cfg->activation == GF_ACTIVATION_SWIGLU) {
        lt->mlp_pre = NULL;
        lt->mlp_gate = plan_rows(p, "mlp.gate", layer, f, 0, listed);
        lt->mlp_up = plan_rows(p, "mlp.up", layer, f, 0, listed);
    } else {
        lt->mlp_pre = plan_rows(p, "mlp.pre", layer, f, 0, listed);
        lt->mlp_gate = lt->mlp_up = NULL;
    }
    lt->mlp_act = plan_rows(p, "mlp.act", layer, f, 0, listed);
    lt->mlp_out = plan_rows(p, "mlp.out", layer, c, 0, listed);
    lt->res_2 = plan_rows(p, "res_2", layer, c, 0, listed);
}

/* The whole layout. A lean trace plans layer 0 unlisted, lets every layer
 * share it, and gives each layer its own K and V (the cache). */
static void plan_trace(trace_plan *p, gf_layer_trace *layers)
{
    gf_trace *tr = p->tr;
    const gf_config *cfg = &tr->config;
    const int c = cfg->n_embd;
    gf_layer_trace scratch;
    tr->tok_emb = plan_rows(p, "tok_emb", -1, c, 0, true);
    tr->pos_emb = plan_rows(p, "pos_emb", -1, c, 0, true);
    tr->x0 = plan_rows(p, "x0", -1, c, 0, true);
    for (int l = 0; l < cfg->n_layer; l++) {
        gf_layer_trace *lt = layers ? &layers[l] : &scratch;
        if (tr->keep_all || l == 0) {
            plan_layer(p, lt, l, tr->keep_all);
        } else {
            if (layers)
                *lt = layers[0];
        }
        if (!tr->keep_all) { /* each layer's own cache (layer 0's shared K, V go unused) */
            lt->k = plan_rows(p, "attn.k", l, c, 0, true);
            lt->v = plan_rows(p, "attn.v", l, c, 0, true);
        }
    }
    if (cfg->norm_placement == GF_NORM_PRE) {
        plan_norm(p, &LN_F_KEYS, -1, tr->keep_all, &tr->ln_f_out, &tr->ln_f_mean, &tr->ln_f_var, &tr->ln_f_rstd);
    } else {
        tr->ln_f_out = tr->ln_f_mean = tr->ln_f_var = tr->ln_f_rstd = NULL;
    }
    if (tr->keep_all) {
        tr->logits = plan_rows(p, "logits", -1, cfg->vocab_size, 0, true);
    } else {
        tr->logits = plan_take(p, (size_t)cfg->vocab_size);
    }
}

/* Count the plan's floats and entries for (cfg, capacity, keep_all). */
static trace_plan plan_count(const gf_config *cfg, int capacity, bool keep_all)
{
    gf_trace shell;
    memset(&shell, 0, sizeof shell);
    shell.config = *cfg;
    shell.capacity = capacity;
    shell.keep_all = keep_all;
    trace_plan p = {&shell, false, 0, 0};
    plan_trace(&p, NULL);
    p.tr = NULL;
    return p;
}

/* The arena plus the table of entries (the table alone can be large: an
 * entry per head for seven tensors of every layer). */
static size_t plan_bytes(const trace_plan *counted)
{
    return counted->floats * sizeof(float) + (size_t)counted->entries * sizeof(gf_trace_entry);
}

size_t gf_trace_bytes(const gf_config *cfg, int capacity, bool keep_all)
{
    const trace_plan counted = plan_count(cfg, capacity, keep_all);
    return plan_bytes(&counted);
}

gf_status gf_trace_init(gf_trace *tr, const gf_config *cfg, int capacity, bool keep_all,
                        gf_error *err)
{
    memset(tr, 0, sizeof *tr);
    gf_status status = gf_config_validate(cfg, "trace", err);
    if (status != GF_OK)
        return status;
    if (capacity < 1 || capacity > cfg->n_ctx)
        return gf_error_set(err, GF_ERR_RANGE,
                            "trace: capacity %d is outside 1..%d (the model's context)",
                            capacity, cfg->n_ctx);
    const trace_plan counted = plan_count(cfg, capacity, keep_all);
    const size_t bytes = plan_bytes(&counted);
    const uint64_t limit = gf_memory_limit(GF_TRACE_MAX_BYTES);
    if (bytes > limit)
        return gf_error_set(err, GF_ERR_MEMORY,
                            "trace: %d positions would need %.1f GiB (limit %.1f GiB: 32 GiB or "
                            "3/4 of this machine's memory); use a shorter prompt or a lean trace",
                            capacity, bytes / 1073741824.0, limit / 1073741824.0);
    tr->config = *cfg;
    tr->capacity = capacity;
    tr->keep_all = keep_all;
    tr->arena = gf_big_floats_alloc(counted.floats);
    tr->arena_floats = counted.floats;   /* gf_trace_free needs it */
    tr->tokens = calloc((size_t)capacity, sizeof *tr->tokens);
    tr->layers = calloc((size_t)cfg->n_layer, sizeof *tr->layers);
    tr->entries = calloc((size_t)counted.entries, sizeof *tr->entries);
    if (!tr->arena || !tr->tokens || !tr->layers || !tr->entries) {
        gf_trace_free(tr);
        return gf_error_set(err, GF_ERR_MEMORY, "trace: cannot allocate %.1f MiB",
                            bytes / 1048576.0);
    }
    trace_plan p = {tr, true, 0, 0};
    plan_trace(&p, tr->layers);
    tr->n_entries = p.entries;
    return GF_OK;
}

void gf_trace_touch(gf_trace *tr)
{
    if (tr->arena)
        memset(tr->arena, 0, sizeof *tr->arena * tr->arena_floats);
}

void gf_trace_free(gf_trace *tr)
{
    gf_big_floats_free(tr->arena, tr->arena_floats);
    free(tr->tokens);
    free(tr->layers);
    free(tr->entries);
    memset(tr, 0, sizeof *tr);
}

void gf_trace_truncate(gf_trace *tr, int n)
{
    if (n >= 0 && n < tr->n_tokens)
        tr->n_tokens = n;
}

gf_status gf_trace_copy(gf_trace *dst, const gf_trace *src, gf_error *err)
{
    if (!gf_config_same_shape(&dst->config, &src->config) || dst->capacity != src->capacity ||
        dst->keep_all != src->keep_all || dst->n_entries != src->n_entries)
        return gf_error_set(err, GF_ERR_ARGUMENT, "trace copy: the traces differ in shape");
    const size_t t = (size_t)src->n_tokens, cap = (size_t)src->capacity;
    for (int i = 0; i < src->n_entries; i++) {
        const gf_trace_entry *e = &src->entries[i];
        if (e->head >= 0)
            continue;  /* a slice of a whole tensor, copied with it */
        if (e->grows & 1u) {         /* (T, width) rows */
            memcpy(dst->entries[i].data, e->data, sizeof(float) * t * (size_t)e->stride[0]);
        } else {                     /* (H, T, T): rows < T of each head */
            for (int64_t h = 0; h < e->shape[0]; h++)
                memcpy(dst->entries[i].data + h * e->stride[0], e->data + h * e->stride[0],
                       sizeof(float) * t * cap);
        }
    }
    if (!src->keep_all)
        memcpy(dst->logits, src->logits, sizeof(float) * (size_t)src->config.vocab_size);
    memcpy(dst->tokens, src->tokens, sizeof *dst->tokens * t);
    dst->n_tokens = src->n_tokens;
    return GF_OK;
}

int gf_trace_find(const gf_trace *tr, const char *key, int layer, int head)
{
    for (int i = 0; i < tr->n_entries; i++) {
        const gf_trace_entry *e = &tr->entries[i];
        if (e->layer == layer && e->head == head && strcmp(e->key, key) == 0)
            return i;
    }
    return -1;
}

gf_view gf_trace_view(const gf_trace *tr, int index)
{
    const gf_trace_entry *e = &tr->entries[index];
    gf_view v;
    memset(&v, 0, sizeof v);
    v.name = e->name;
    v.layer = e->layer;
    v.head = e->head;
    v.ndim = e->ndim;
    for (int d = 0; d < e->ndim; d++) {
        v.shape[d] = (e->grows >> d) & 1u ? tr->n_tokens : e->shape[d];
        v.stride[d] = e->stride[d];
    }
    v.data = e->data;
    return v;
}

bool gf_trace_get(const gf_trace *tr, const char *key, int layer, int head, gf_view *out)
{
    const int index = gf_trace_find(tr, key, layer, head);
    if (index < 0) {
        memset(out, 0, sizeof *out);
        return false;
    }
    *out = gf_trace_view(tr, index);
    return true;
}

/* The block's output: res_2 (pre-norm) or ln_2.out (post-norm). */
static const float *block_output(const gf_trace *tr, int layer)
{
    const gf_layer_trace *lt = &tr->layers[layer];
    return tr->config.norm_placement == GF_NORM_PRE ? lt->res_2 : lt->ln_2_out;
}

const float *gf_trace_block_input(const gf_trace *tr, int layer)
{
    return layer == 0 ? tr->x0 : block_output(tr, layer - 1);
}

const float *gf_trace_final_hidden(const gf_trace *tr)
{
    return tr->config.norm_placement == GF_NORM_PRE ? tr->ln_f_out
                                                    : block_output(tr, tr->config.n_layer - 1);
}

const float *gf_trace_logits_row(const gf_trace *tr, int t)
{
    if (t < 0 || t >= tr->n_tokens)
        return NULL;
    if (tr->keep_all)
        return tr->logits + (size_t)t * tr->config.vocab_size;
    return t == tr->n_tokens - 1 ? tr->logits : NULL;
}

gf_status gf_trace_export(const gf_trace *tr, const char *path, gf_error *err)
{
    gf_st_writer writer;
    gf_st_writer_init(&writer);
    const int64_t token_shape[1] = {tr->n_tokens};
    gf_status status = gf_st_writer_add_i32(&writer, "tokens", 1, token_shape, tr->tokens, err);
    if (status == GF_OK)
        status = gf_st_writer_set_metadata(&writer, "format", "glassformer-trace", err);
    float *buffer = NULL;
    for (int i = 0; status == GF_OK && i < tr->n_entries; i++) {
        if (tr->entries[i].head >= 0)
            continue;
        const gf_view v = gf_trace_view(tr, i);
        const int64_t numel = gf_view_numel(&v);
        float *grown = realloc(buffer, sizeof *buffer * (size_t)(numel > 0 ? numel : 1));
        if (!grown) {
            status = gf_error_set(err, GF_ERR_MEMORY, "%s: cannot allocate %s for export",
                                  path, v.name);
            break;
        }
        buffer = grown;
        gf_view_copy_out(&v, buffer);
        status = gf_st_writer_add_f32(&writer, v.name, v.ndim, v.shape, buffer, GF_DTYPE_F32,
                                      err);
    }
    free(buffer);
    if (status == GF_OK)
        status = gf_st_writer_write(&writer, path, err);
    gf_st_writer_free(&writer);
    return status;
}

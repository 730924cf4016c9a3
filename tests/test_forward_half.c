/* test_forward_half.c — models whose file stores the weights as F16 or
 * BF16 (core/weights.h): loading keeps the decode matrices as stored (the
 * file's rounding of the float weights, bit for bit) beside their exact
 * widening; decoding one token at a time with that half copy gives the same
 * bits as with the floats alone, and as a prefill of all tokens (which
 * reads the floats), and as chunks of 2-3 tokens (their Q|K|V thirds);
 * at 1, 2 and 3 threads. Rounding a model in memory gives the same copy
 * (and refuses what F16 cannot hold). A file mixing F16 and BF16 matrices,
 * or F32 ones, has no half copy; training drops it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "forward.h"
#include "train.h"
#include "variant_models.h"

#ifdef _OPENMP
#include <omp.h>
#endif

#define STEPS 12

static gf_half_type half_type_of(gf_dtype dtype)
{
    return dtype == GF_DTYPE_BF16 ? GF_HALF_BF16 : GF_HALF_F16;
}

/* *out = a model of m's config loaded from path (its weights only). */
static bool load_weights(check_ctx *c, const gf_model *m, const char *path, gf_model *out)
{
    gf_error err = {0};
    gf_safetensors st;
    if (!CHECK_OK(c, gf_model_init_random(out, &m->config, NULL, 1, &err), &err))
        return false;
    bool ok = CHECK_OK(c, gf_safetensors_open(&st, path, &err), &err);
    if (ok) {
        ok = CHECK_OK(c, gf_weights_load(&out->weights, &st, &err), &err);
        gf_safetensors_close(&st);
    }
    if (!ok)
        gf_model_free(out);
    return ok;
}

/* The half copy holds the file's rounding of m's float weights, and the
 * float arena its exact widening, for every decode matrix (not wpe). */
static bool half_copy_is_the_rounding(const gf_model *m, const gf_model *h, gf_half_type type)
{
    const gf_weights *w = &h->weights;
    bool matrices = false;
    for (int i = 0; i < w->params.count; i++) {
        const gf_param *p = &w->params.items[i];
        if (!p->is_matrix || strcmp(p->name, "wpe.weight") == 0)
            continue;
        matrices = true;
        for (int64_t j = 0; j < p->numel; j++) {
            const float x = m->weights.data[p->offset + j];
            const uint16_t want = type == GF_HALF_BF16 ? gf_f32_to_bf16(x) : gf_f32_to_f16(x);
            if (w->half_data[p->offset + j] != want ||
                w->data[p->offset + j] != gf_half_to_f32(want, type))
                return false;
        }
    }
    return matrices;
}

/* Every half view points into the half arena at its matrix's offset. */
static bool views_bound(const gf_weights *w, int layers)
{
    bool ok = w->wte_half.bits == w->half_data + (w->wte - w->data) &&
              w->lm_head_half.bits == w->half_data + (w->lm_head - w->data);
    for (int l = 0; l < layers; l++) {
        const gf_layer_weights *lw = &w->layers[l];
        ok = ok && lw->c_attn_half.bits == w->half_data + (lw->c_attn_w - w->data) &&
             lw->c_proj_half.bits == w->half_data + (lw->c_proj_w - w->data) &&
             lw->fc_half.bits == w->half_data + (lw->fc_w - w->data) &&
             lw->mlp_proj_half.bits == w->half_data + (lw->mlp_proj_w - w->data) &&
             (lw->gate_w ? lw->gate_half.bits == w->half_data + (lw->gate_w - w->data)
                         : lw->gate_half.bits == NULL);
    }
    return ok;
}

/* Decode STEPS tokens one at a time into a full trace. */
static bool decode(check_ctx *c, const gf_model *m, const int32_t *tokens, gf_trace *tr)
{
    gf_error err = {0};
    if (!CHECK_OK(c, gf_trace_init(tr, &m->config, STEPS, true, &err), &err))
        return false;
    for (int t = 0; t < STEPS; t++)
        if (!CHECK_OK(c, gf_forward_append(m, tr, tokens + t, 1, &err), &err))
            return false;
    return true;
}

static bool same_floats(const float *a, const float *b, size_t n)
{
    return memcmp(a, b, sizeof *a * n) == 0;
}

/* Appended in chunks of 1 to 3 tokens (the streamed rows, which read the
 * half copy of Q|K|V by thirds), equal to prefill's logits. */
static void test_chunks(check_ctx *c, const gf_model *m, const int32_t *tokens,
                        const gf_trace *prefill)
{
    static const int chunks[] = {3, 2, 1, 3, 3};
    gf_trace tr;
    gf_error err = {0};
    if (!CHECK_OK(c, gf_trace_init(&tr, &m->config, STEPS, true, &err), &err))
        return;
    int done = 0;
    for (int i = 0; i < 5; i++) {
        CHECK_OK(c, gf_forward_append(m, &tr, tokens + done, chunks[i], &err), &err);
        done += chunks[i];
    }
    CHECK(c, done == STEPS && same_floats(tr.logits, prefill->logits,
                                          (size_t)STEPS * m->config.vocab_size));
    gf_trace_free(&tr);
}

/* Decoding with the half copy == with the floats == prefill, every logit
 * and every K/V row (the cache the next token reads). */
static void test_decode_bits(check_ctx *c, gf_model *h, const int32_t *tokens, int threads)
{
    gf_trace with_half, prefill;
    gf_error err = {0};
    const gf_config *cfg = &h->config;
    const size_t logits = (size_t)STEPS * cfg->vocab_size, kv = (size_t)STEPS * cfg->n_embd;
#ifdef _OPENMP
    omp_set_num_threads(threads);
#else
    (void)threads;
#endif
    if (!decode(c, h, tokens, &with_half))
        return;
    if (CHECK_OK(c, gf_trace_init(&prefill, cfg, STEPS, true, &err), &err)) {
        CHECK_OK(c, gf_forward_full(h, &prefill, tokens, STEPS, &err), &err);
        CHECK(c, same_floats(with_half.logits, prefill.logits, logits));
        for (int l = 0; l < cfg->n_layer; l++)
            CHECK(c, same_floats(with_half.layers[l].k, prefill.layers[l].k, kv) &&
                         same_floats(with_half.layers[l].v, prefill.layers[l].v, kv) &&
                         same_floats(with_half.layers[l].mlp_out, prefill.layers[l].mlp_out, kv));
        test_chunks(c, h, tokens, &prefill);
        gf_trace_free(&prefill);
    }
    gf_trace_free(&with_half);
}

/* Floats alone: the same model with its half copy dropped. */
static void test_half_equals_floats(check_ctx *c, gf_model *h, const int32_t *tokens)
{
    gf_trace with_half, floats;
    if (!decode(c, h, tokens, &with_half))
        return;
    gf_half_view wte = h->weights.wte_half;
    gf_weights_drop_half(&h->weights);
    CHECK(c, h->weights.half_data == NULL && h->weights.wte_half.bits == NULL &&
                 h->weights.layers[0].c_attn_half.bits == NULL && wte.bits != NULL);
    if (decode(c, h, tokens, &floats)) {
        CHECK(c, same_floats(with_half.logits, floats.logits,
                             (size_t)STEPS * h->config.vocab_size));
        gf_trace_free(&floats);
    }
    gf_trace_free(&with_half);
}

static void test_model(check_ctx *c, const gf_model *m, gf_dtype dtype, const char *label)
{
    printf("%s as %s\n", label, gf_dtype_name(dtype));
    char path[512];
    check_tmp_path(path, sizeof path, "forward_half.safetensors");
    gf_error err = {0};
    gf_model h;
    if (!CHECK_OK(c, gf_weights_save(&m->weights, path, dtype, &err), &err) ||
        !load_weights(c, m, path, &h))
        return;
    const gf_half_type type = half_type_of(dtype);
    CHECK(c, h.weights.half_type == type && h.weights.half_data != NULL);
    CHECK(c, half_copy_is_the_rounding(m, &h, type));
    CHECK(c, views_bound(&h.weights, h.config.n_layer));
    int32_t tokens[STEPS];
    variant_random_tokens(tokens, STEPS, h.config.vocab_size, 3);
#ifdef _OPENMP
    const int before = omp_get_max_threads();
#endif
    for (int threads = 1; threads <= 3; threads++)
        test_decode_bits(c, &h, tokens, threads);
#ifdef _OPENMP
    omp_set_num_threads(before);
#endif
    test_half_equals_floats(c, &h, tokens);
    gf_model_free(&h);
    /* Rounding in memory gives what the file round trip gave. */
    gf_model r;
    if (CHECK_OK(c, gf_model_init_random(&r, &m->config, NULL, 1, &err), &err)) {
        memcpy(r.weights.data, m->weights.data, sizeof(float) * (size_t)m->weights.params.total);
        CHECK_OK(c, gf_weights_round_to_half(&r.weights, type, &err), &err);
        CHECK(c, r.weights.half_type == type && half_copy_is_the_rounding(m, &r, type) &&
                     views_bound(&r.weights, r.config.n_layer));
        gf_model_free(&r);
    }
    remove(path);
}

/* One decode matrix stored otherwise than the rest: no half copy. */
static void test_mixed_file(check_ctx *c, const gf_model *m, const char *odd_name,
                            gf_dtype odd_dtype)
{
    char path[512];
    check_tmp_path(path, sizeof path, "forward_half_mixed.safetensors");
    gf_error err = {0};
    gf_st_writer writer;
    gf_st_writer_init(&writer);
    bool ok = true;
    for (int i = 0; ok && i < m->weights.params.count; i++) {
        const gf_param *p = &m->weights.params.items[i];
        ok = CHECK_OK(c, gf_st_writer_add_f32(&writer, p->name, p->ndim, p->shape,
                                              m->weights.data + p->offset,
                                              strcmp(p->name, odd_name) == 0 ? odd_dtype
                                                                             : GF_DTYPE_F16,
                                              &err),
                      &err);
    }
    ok = ok && CHECK_OK(c, gf_st_writer_write(&writer, path, &err), &err);
    gf_st_writer_free(&writer);
    gf_model h;
    if (ok && load_weights(c, m, path, &h)) {
        CHECK(c, h.weights.half_data == NULL && h.weights.half_type == GF_HALF_NONE &&
                     h.weights.lm_head_half.bits == NULL);
        gf_model_free(&h);
    }
    remove(path);
}

/* Training changes the floats: the trainer drops the half copy. */
static void test_training_drops_half(check_ctx *c, const gf_model *m)
{
    char path[512];
    check_tmp_path(path, sizeof path, "forward_half_train.safetensors");
    gf_error err = {0};
    gf_model h;
    if (!CHECK_OK(c, gf_weights_save(&m->weights, path, GF_DTYPE_BF16, &err), &err) ||
        !load_weights(c, m, path, &h))
        return;
    CHECK(c, h.weights.half_data != NULL);
    gf_adamw_config opt;
    gf_adamw_config_default(&opt);
    gf_trainer t;
    if (CHECK_OK(c, gf_trainer_init(&t, &h, &opt, 4, &err), &err)) {
        CHECK(c, h.weights.half_data == NULL && h.weights.layers[0].fc_half.bits == NULL);
        gf_trainer_free(&t);
    }
    gf_model_free(&h);
    remove(path);
}

/* A weight F16 cannot hold: an error naming it, the weights unchanged. */
static void test_f16_overflow(check_ctx *c, const gf_model *m)
{
    gf_model r;
    gf_error err = {0};
    if (!CHECK_OK(c, gf_model_init_random(&r, &m->config, NULL, 1, &err), &err))
        return;
    r.weights.layers[1].fc_w[5] = 70000.0f;
    CHECK(c, gf_weights_round_to_half(&r.weights, GF_HALF_F16, &err) == GF_ERR_RANGE);
    CHECK(c, strstr(err.message, "h.1.mlp.c_fc.weight") && strstr(err.message, "65504"));
    CHECK(c, r.weights.half_data == NULL && r.weights.layers[1].fc_w[5] == 70000.0f);
    CHECK_OK(c, gf_weights_round_to_half(&r.weights, GF_HALF_BF16, &err), &err);
    CHECK(c, r.weights.layers[1].fc_w[5] == 70144.0f);   /* BF16's nearest */
    gf_model_free(&r);
}

/* Wide enough that the one-row products split over threads (and each
 * thread's columns leave gaps in the weight rows). */
static bool wide_model(check_ctx *c, gf_model *m)
{
    gf_config cfg;
    gf_config_default(&cfg);
    cfg.vocab_size = 700;
    cfg.n_ctx = 16;
    cfg.n_embd = 128;
    cfg.n_head = 4;
    cfg.n_layer = 2;
    cfg.n_inner = 512;
    gf_error err = {0};
    return CHECK_OK(c, gf_model_init_random(m, &cfg, NULL, 5, &err), &err);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "forward_half");
    for (int v = 0; v < VARIANT_COUNT; v++) {
        gf_model m;
        if (!variant_model_make(&c, &VARIANTS[v], &m))
            continue;
        test_model(&c, &m, GF_DTYPE_F16, VARIANTS[v].label);
        test_model(&c, &m, GF_DTYPE_BF16, VARIANTS[v].label);
        if (v == 0) {
            test_mixed_file(&c, &m, "h.1.mlp.c_fc.weight", GF_DTYPE_BF16);
            test_mixed_file(&c, &m, "wte.weight", GF_DTYPE_F32);
            test_training_drops_half(&c, &m);
            test_f16_overflow(&c, &m);
        }
        gf_model_free(&m);
    }
    gf_model wide;
    if (wide_model(&c, &wide)) {
        test_model(&c, &wide, GF_DTYPE_F16, "wide");
        test_model(&c, &wide, GF_DTYPE_BF16, "wide");
        gf_model_free(&wide);
    }
    return check_end(&c);
}

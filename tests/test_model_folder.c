/* test_model_folder.c — model folders: random init, save -> load round trips
 * in F32 (exact) and F16/BF16 (within half-precision rounding) for every
 * variant, "transformer."-prefixed and extra tensors, and every way a folder
 * can be wrong (shape, missing tensor, missing file, config vs tokenizer). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "model.h"
#include "tiny_config.h"

#define PATH_LEN 1024

typedef struct {
    const char *name;
    gf_config cfg;
} variant;

static int make_variants(variant *out)
{
    int n = 0;
    gf_config base = tiny_config();
    out[n++] = (variant){"v-gpt2", base};
    out[n] = (variant){"v-post", base};
    out[n++].cfg.norm_placement = GF_NORM_POST;
    out[n] = (variant){"v-rmsnorm", base};
    out[n++].cfg.norm_type = GF_NORM_RMSNORM;
    out[n] = (variant){"v-sinusoidal", base};
    out[n++].cfg.position_type = GF_POSITION_SINUSOIDAL;
    out[n] = (variant){"v-gelu", base};
    out[n++].cfg.activation = GF_ACTIVATION_GELU_EXACT;
    out[n] = (variant){"v-relu", base};
    out[n++].cfg.activation = GF_ACTIVATION_RELU;
    out[n] = (variant){"v-swiglu", base};
    out[n++].cfg.activation = GF_ACTIVATION_SWIGLU;
    out[n] = (variant){"v-untied", base};
    out[n++].cfg.tied_embeddings = false;
    gf_config all = base;
    all.norm_placement = GF_NORM_POST;
    all.norm_type = GF_NORM_RMSNORM;
    all.position_type = GF_POSITION_SINUSOIDAL;
    all.activation = GF_ACTIVATION_SWIGLU;
    all.tied_embeddings = false;
    out[n++] = (variant){"v-all", all};
    return n;
}

static bool configs_equal(const gf_config *a, const gf_config *b)
{
    return a->vocab_size == b->vocab_size && a->n_ctx == b->n_ctx && a->n_embd == b->n_embd &&
           a->n_layer == b->n_layer && a->n_head == b->n_head && a->n_inner == b->n_inner &&
           a->norm_eps == b->norm_eps && a->norm_placement == b->norm_placement &&
           a->norm_type == b->norm_type && a->position_type == b->position_type &&
           a->activation == b->activation && a->tied_embeddings == b->tied_embeddings;
}

/* dir/file; test paths are short (the precision keeps the compiler sure). */
static void join(char *buf, const char *dir, const char *file)
{
    snprintf(buf, PATH_LEN, "%.900s/%.64s", dir, file);
}

static void remove_folder(const char *dir)
{
    const char *files[] = {"config.json", "model.safetensors", "vocab.json", "merges.txt"};
    char path[PATH_LEN];
    for (int i = 0; i < 4; i++) {
        join(path, dir, files[i]);
        remove(path);
    }
    rmdir(dir);
}

static float *param_ptr(const gf_weights *w, const char *name)
{
    int i = gf_params_find(&w->params, name);
    return i >= 0 ? w->data + w->params.items[i].offset : NULL;
}

/* The named pointers point where the parameter list says, and are NULL
 * exactly for the tensors a variant does not have. */
static void check_binding(check_ctx *c, const gf_weights *w, const gf_config *cfg)
{
    bool layernorm = cfg->norm_type == GF_NORM_LAYERNORM;
    CHECK(c, w->wte == param_ptr(w, "wte.weight") && w->wte != NULL);
    CHECK(c, w->wpe == param_ptr(w, "wpe.weight"));
    CHECK(c, (w->wpe != NULL) == (cfg->position_type == GF_POSITION_LEARNED));
    CHECK(c, (w->ln_f_w != NULL) == (cfg->norm_placement == GF_NORM_PRE));
    CHECK(c, (w->ln_f_b != NULL) == (cfg->norm_placement == GF_NORM_PRE && layernorm));
    if (cfg->tied_embeddings)
        CHECK(c, w->lm_head == w->wte);
    else
        CHECK(c, w->lm_head == param_ptr(w, "lm_head.weight") && w->lm_head != w->wte);
    for (int l = 0; l < cfg->n_layer; l++) {
        const gf_layer_weights *lw = &w->layers[l];
        char name[64];
        snprintf(name, sizeof name, "h.%d.attn.c_attn.weight", l);
        CHECK(c, lw->c_attn_w == param_ptr(w, name) && lw->c_attn_w != NULL);
        snprintf(name, sizeof name, "h.%d.mlp.c_proj.bias", l);
        CHECK(c, lw->mlp_proj_b == param_ptr(w, name) && lw->mlp_proj_b != NULL);
        snprintf(name, sizeof name, "h.%d.ln_2.weight", l);
        CHECK(c, lw->ln_2_w == param_ptr(w, name) && lw->ln_2_w != NULL);
        CHECK(c, lw->ln_1_w && lw->c_attn_b && lw->c_proj_w && lw->c_proj_b && lw->fc_w &&
                     lw->fc_b && lw->mlp_proj_w);
        CHECK(c, (lw->ln_1_b != NULL) == layernorm && (lw->ln_2_b != NULL) == layernorm);
        bool swiglu = cfg->activation == GF_ACTIVATION_SWIGLU;
        CHECK(c, (lw->gate_w != NULL) == swiglu && (lw->gate_b != NULL) == swiglu);
    }
}

/* Largest |a - b| - tol_rel·|a| over all floats; <= tol_abs means "close". */
static bool arenas_close(const gf_weights *a, const gf_weights *b, double tol_rel,
                         double tol_abs)
{
    if (a->params.total != b->params.total)
        return false;
    for (int64_t i = 0; i < a->params.total; i++) {
        double x = a->data[i], y = b->data[i];
        if (fabs(x - y) > tol_rel * fabs(x) + tol_abs)
            return false;
    }
    return true;
}

static void round_trip(check_ctx *c, const gf_model *m, const char *dir, gf_dtype dtype,
                       double tol_rel, double tol_abs)
{
    gf_error err;
    gf_error_clear(&err);
    if (!CHECK_OK(c, gf_model_save(m, dir, dtype, &err), &err))
        return;
    gf_model back;
    if (CHECK_OK(c, gf_model_load(&back, dir, &err), &err)) {
        CHECK(c, configs_equal(&m->config, &back.config));
        CHECK_INT(c, gf_tokenizer_vocab_size(back.tokenizer),
                  gf_tokenizer_vocab_size(m->tokenizer));
        const char *last = strrchr(dir, '/');
        CHECK_STR(c, back.name, last ? last + 1 : dir);
        check_binding(c, &back.weights, &back.config);
        if (dtype == GF_DTYPE_F32)
            CHECK(c, back.weights.params.total == m->weights.params.total &&
                         memcmp(back.weights.data, m->weights.data,
                                (size_t)m->weights.params.total * sizeof(float)) == 0);
        else /* close, but rounded: the file really held half precision */
            CHECK(c, arenas_close(&m->weights, &back.weights, tol_rel, tol_abs) &&
                         memcmp(back.weights.data, m->weights.data,
                                (size_t)m->weights.params.total * sizeof(float)) != 0);
        gf_model_free(&back);
    }
    remove_folder(dir);
}

static void test_variants(check_ctx *c)
{
    variant vs[16];
    int n = make_variants(vs);
    for (int i = 0; i < n; i++) {
        gf_error err;
        gf_error_clear(&err);
        gf_model m;
        if (!CHECK_OK(c, gf_model_init_random(&m, &vs[i].cfg, NULL, 42 + (uint64_t)i, &err),
                      &err))
            continue;
        CHECK_INT(c, gf_tokenizer_vocab_size(m.tokenizer), 257);
        check_binding(c, &m.weights, &m.config);
        char dir[PATH_LEN];
        check_tmp_path(dir, sizeof dir, vs[i].name);
        /* Round to nearest: relative error <= 2^-11 (F16, 11-bit significand),
         * <= 2^-8 (BF16, 8-bit); F16 subnormals are spaced 2^-24. */
        round_trip(c, &m, dir, GF_DTYPE_F32, 0, 0);
        round_trip(c, &m, dir, GF_DTYPE_F16, ldexp(1, -11), ldexp(1, -25));
        round_trip(c, &m, dir, GF_DTYPE_BF16, ldexp(1, -8), 1e-38);
        gf_model_free(&m);
        CHECK(c, m.tokenizer == NULL && m.weights.data == NULL);
    }
}

static double sample_std(const float *x, int64_t n, double *mean_out)
{
    double sum = 0, sq = 0;
    for (int64_t i = 0; i < n; i++)
        sum += x[i];
    double mean = sum / (double)n;
    for (int64_t i = 0; i < n; i++)
        sq += (x[i] - mean) * (x[i] - mean);
    *mean_out = mean;
    return sqrt(sq / (double)(n - 1));
}

/* GPT-2's initialization, checked statistically on a wider model. */
static void test_init_random(check_ctx *c)
{
    gf_config cfg = tiny_config();
    cfg.n_embd = 64;
    cfg.n_head = 4;
    cfg.n_inner = 256;
    cfg.n_layer = 8;
    gf_error err;
    gf_error_clear(&err);
    gf_weights w, w2;
    if (!CHECK_OK(c, gf_weights_alloc(&w, &cfg, &err), &err))
        return;
    for (int64_t i = 0; i < w.params.total; i++)
        if (w.data[i] != 0.0f) {
            CHECK(c, !"alloc must zero the arena");
            break;
        }
    gf_weights_init_random(&w, &cfg, 1234);
    double mean, std;
    std = sample_std(w.wte, (int64_t)cfg.vocab_size * cfg.n_embd, &mean);
    CHECK_NEAR(c, std, 0.02, 0.001);
    CHECK_NEAR(c, mean, 0.0, 0.001);
    std = sample_std(w.wpe, (int64_t)cfg.n_ctx * cfg.n_embd, &mean);
    CHECK_NEAR(c, std, 0.02, 0.002);
    std = sample_std(w.layers[3].c_attn_w, (int64_t)cfg.n_embd * 3 * cfg.n_embd, &mean);
    CHECK_NEAR(c, std, 0.02, 0.001);
    CHECK_NEAR(c, mean, 0.0, 0.001);
    std = sample_std(w.layers[3].fc_w, (int64_t)cfg.n_embd * cfg.n_inner, &mean);
    CHECK_NEAR(c, std, 0.02, 0.001);
    /* Residual projections: 0.02/√(2L) = 0.02/4 = 0.005. */
    std = sample_std(w.layers[5].c_proj_w, (int64_t)cfg.n_embd * cfg.n_embd, &mean);
    CHECK_NEAR(c, std, 0.005, 0.0005);
    std = sample_std(w.layers[5].mlp_proj_w, (int64_t)cfg.n_inner * cfg.n_embd, &mean);
    CHECK_NEAR(c, std, 0.005, 0.0003);
    bool gains_one = true, biases_zero = true;
    for (int l = 0; l < cfg.n_layer; l++)
        for (int j = 0; j < cfg.n_embd; j++) {
            gains_one = gains_one && w.layers[l].ln_1_w[j] == 1.0f &&
                        w.layers[l].ln_2_w[j] == 1.0f && w.ln_f_w[j] == 1.0f;
            biases_zero = biases_zero && w.layers[l].ln_1_b[j] == 0.0f &&
                          w.layers[l].c_proj_b[j] == 0.0f && w.layers[l].mlp_proj_b[j] == 0.0f &&
                          w.ln_f_b[j] == 0.0f;
        }
    for (int l = 0; l < cfg.n_layer; l++)
        for (int j = 0; j < 3 * cfg.n_embd; j++)
            biases_zero = biases_zero && w.layers[l].c_attn_b[j] == 0.0f;
    CHECK(c, gains_one);
    CHECK(c, biases_zero);

    /* Sinusoidal positions: token embeddings start at std 1/√C instead. */
    gf_config sin_cfg = cfg;
    sin_cfg.position_type = GF_POSITION_SINUSOIDAL;
    gf_weights ws;
    if (CHECK_OK(c, gf_weights_alloc(&ws, &sin_cfg, &err), &err)) {
        gf_weights_init_random(&ws, &sin_cfg, 1234);
        std = sample_std(ws.wte, (int64_t)sin_cfg.vocab_size * sin_cfg.n_embd, &mean);
        CHECK_NEAR(c, std, 1.0 / sqrt(sin_cfg.n_embd), 0.05 / sqrt(sin_cfg.n_embd));
        std = sample_std(ws.layers[3].c_attn_w, (int64_t)sin_cfg.n_embd * 3 * sin_cfg.n_embd, &mean);
        CHECK_NEAR(c, std, 0.02, 0.001);
        gf_weights_free(&ws);
    }

    /* Same seed, same weights; another seed, other weights. */
    if (CHECK_OK(c, gf_weights_alloc(&w2, &cfg, &err), &err)) {
        size_t bytes = (size_t)w.params.total * sizeof(float);
        gf_weights_init_random(&w2, &cfg, 1234);
        CHECK(c, memcmp(w.data, w2.data, bytes) == 0);
        gf_weights_init_random(&w2, &cfg, 1235);
        CHECK(c, memcmp(w.data, w2.data, bytes) != 0);
        gf_weights_free(&w2);
    }
    gf_weights_free(&w);
    gf_weights_free(&w);   /* freeing twice is harmless: free zeroes */
}

/* Write w's tensors as a safetensors file, with the twists a test needs. */
typedef struct {
    const char *prefix;     /* prepended to every name ("" for none)         */
    const char *skip;       /* leave this tensor out                          */
    const char *reshape;    /* write this tensor with shape bad_shape instead */
    int bad_ndim;
    int64_t bad_shape[2];
    bool extras;            /* add tensors the model does not know            */
} file_twists;

static gf_status write_twisted(const gf_weights *w, const char *path, const file_twists *t,
                               gf_error *err)
{
    gf_st_writer wr;
    gf_st_writer_init(&wr);
    gf_status s = GF_OK;
    for (int i = 0; s == GF_OK && i < w->params.count; i++) {
        const gf_param *p = &w->params.items[i];
        if (t->skip && strcmp(p->name, t->skip) == 0)
            continue;
        char name[128];
        snprintf(name, sizeof name, "%s%s", t->prefix, p->name);
        if (t->reshape && strcmp(p->name, t->reshape) == 0) {
            int64_t n = t->bad_shape[0] * (t->bad_ndim == 2 ? t->bad_shape[1] : 1);
            float *zeros = calloc((size_t)n, sizeof *zeros);
            s = zeros ? gf_st_writer_add_f32(&wr, name, t->bad_ndim, t->bad_shape, zeros,
                                             GF_DTYPE_F32, err)
                      : GF_ERR_MEMORY;
            free(zeros);
        } else {
            s = gf_st_writer_add_f32(&wr, name, p->ndim, p->shape, w->data + p->offset,
                                     GF_DTYPE_F32, err);
        }
    }
    if (s == GF_OK && t->extras) {
        /* Like the attention-mask buffers in old GPT-2 checkpoints, and a
         * stored lm_head.weight with a shape no tied model could use. */
        static const float junk[16] = {1, 2, 3};
        const int64_t mask_shape[4] = {1, 1, 4, 4}, odd_shape[1] = {3};
        s = gf_st_writer_add_f32(&wr, "h.0.attn.bias", 4, mask_shape, junk, GF_DTYPE_F32, err);
        if (s == GF_OK)
            s = gf_st_writer_add_f32(&wr, "lm_head.weight", 1, odd_shape, junk, GF_DTYPE_BF16,
                                     err);
        if (s == GF_OK)
            s = gf_st_writer_add_f32(&wr, "transformer.h.1.attn.masked_bias", 1, odd_shape, junk,
                                     GF_DTYPE_F16, err);
    }
    if (s == GF_OK)
        s = gf_st_writer_write(&wr, path, err);
    gf_st_writer_free(&wr);
    return s;
}

/* Save m into dir, then replace model.safetensors with a twisted file. */
static bool make_twisted_folder(check_ctx *c, const gf_model *m, const char *dir,
                                const file_twists *t)
{
    gf_error err;
    gf_error_clear(&err);
    char path[PATH_LEN];
    join(path, dir, "model.safetensors");
    return CHECK_OK(c, gf_model_save(m, dir, GF_DTYPE_F32, &err), &err) &&
           CHECK_OK(c, write_twisted(&m->weights, path, t, &err), &err);
}

/* Loading must fail with this status and exactly this message. */
static void expect_load_error(check_ctx *c, const char *dir, gf_status want, const char *message)
{
    gf_model m;
    gf_error err;
    gf_error_clear(&err);
    gf_status s = gf_model_load(&m, dir, &err);
    CHECK_INT(c, s, want);
    CHECK_STR(c, err.message, message);
    CHECK(c, m.tokenizer == NULL && m.weights.data == NULL && m.weights.layers == NULL);
}

static void test_prefix_and_extras(check_ctx *c)
{
    gf_config cfg = tiny_config();
    gf_error err;
    gf_error_clear(&err);
    gf_model m;
    if (!CHECK_OK(c, gf_model_init_random(&m, &cfg, NULL, 9, &err), &err))
        return;
    char dir[PATH_LEN];
    check_tmp_path(dir, sizeof dir, "prefixed");
    file_twists t = {.prefix = "transformer.", .extras = true};
    if (make_twisted_folder(c, &m, dir, &t)) {
        gf_model back;
        if (CHECK_OK(c, gf_model_load(&back, dir, &err), &err)) {
            CHECK(c, memcmp(back.weights.data, m.weights.data,
                            (size_t)m.weights.params.total * sizeof(float)) == 0);
            CHECK(c, back.weights.lm_head == back.weights.wte);
            /* The mask buffers are expected; a stored lm_head.weight a tied
             * model does not use is worth a warning. */
            char path[PATH_LEN], want[2 * PATH_LEN];
            join(path, dir, "model.safetensors");
            snprintf(want, sizeof want, "%s: 1 tensor that config.json does not use "
                     "(lm_head.weight): does config.json describe these weights?", path);
            CHECK_STR(c, back.warning, want);
            gf_model_free(&back);
        }
    }
    /* Unprefixed names with the same extras load too. */
    t.prefix = "";
    if (make_twisted_folder(c, &m, dir, &t)) {
        gf_model back;
        if (CHECK_OK(c, gf_model_load(&back, dir, &err), &err)) {
            CHECK(c, memcmp(back.weights.data, m.weights.data,
                            (size_t)m.weights.params.total * sizeof(float)) == 0);
            gf_model_free(&back);
        }
    }
    remove_folder(dir);
    gf_model_free(&m);
}

static void test_bad_tensors(check_ctx *c)
{
    gf_config cfg = tiny_config();
    cfg.tied_embeddings = false;
    gf_error err;
    gf_error_clear(&err);
    gf_model m;
    if (!CHECK_OK(c, gf_model_init_random(&m, &cfg, NULL, 5, &err), &err))
        return;
    char dir[PATH_LEN], st_path[PATH_LEN], want[2 * PATH_LEN];
    check_tmp_path(dir, sizeof dir, "bad-tensors");
    join(st_path, dir, "model.safetensors");

    file_twists t = {.prefix = "", .reshape = "h.1.attn.c_attn.weight", .bad_ndim = 2,
                     .bad_shape = {16, 40}};
    if (make_twisted_folder(c, &m, dir, &t)) {
        snprintf(want, sizeof want,
                 "%s: h.1.attn.c_attn.weight: shape [16, 48] expected, file has [16, 40]",
                 st_path);
        expect_load_error(c, dir, GF_ERR_SHAPE, want);
    }
    /* Same count, other rank. */
    t = (file_twists){.prefix = "transformer.", .reshape = "h.0.ln_2.bias", .bad_ndim = 2,
                      .bad_shape = {1, 16}};
    if (make_twisted_folder(c, &m, dir, &t)) {
        snprintf(want, sizeof want,
                 "%s: h.0.ln_2.bias: shape [16] expected, file has [1, 16]", st_path);
        expect_load_error(c, dir, GF_ERR_SHAPE, want);
    }
    t = (file_twists){.prefix = "", .skip = "h.0.mlp.c_proj.bias"};
    if (make_twisted_folder(c, &m, dir, &t)) {
        gf_model back;
        CHECK_INT(c, gf_model_load(&back, dir, &err), GF_ERR_FORMAT);
        CHECK(c, strstr(err.message, st_path) == err.message);
        CHECK(c, strstr(err.message, ": h.0.mlp.c_proj.bias: ") != NULL);
    }
    /* An untied model needs its lm_head.weight. */
    t = (file_twists){.prefix = "", .skip = "lm_head.weight"};
    if (make_twisted_folder(c, &m, dir, &t)) {
        gf_model back;
        CHECK_INT(c, gf_model_load(&back, dir, &err), GF_ERR_FORMAT);
        CHECK(c, strstr(err.message, st_path) == err.message);
        CHECK(c, strstr(err.message, ": lm_head.weight: ") != NULL);
    }
    /* A weight that is not a finite number. */
    for (int i = 0; i < m.weights.params.count; i++) {
        const gf_param *p = &m.weights.params.items[i];
        if (strcmp(p->name, "h.1.ln_1.weight") != 0)
            continue;
        float kept = m.weights.data[p->offset + 3];
        const float bad[2] = {INFINITY, NAN};
        const char *said[2] = {"infinite", "NaN"};
        for (int k = 0; k < 2; k++) {
            m.weights.data[p->offset + 3] = bad[k];
            if (CHECK_OK(c, gf_model_save(&m, dir, GF_DTYPE_F32, &err), &err)) {
                snprintf(want, sizeof want, "%s: h.1.ln_1.weight: element 3 is %s (weights must "
                         "be finite numbers)", st_path, said[k]);
                expect_load_error(c, dir, GF_ERR_FORMAT, want);
            }
        }
        m.weights.data[p->offset + 3] = kept;
    }
    remove_folder(dir);
    gf_model_free(&m);
}

static void test_bad_folders(check_ctx *c)
{
    gf_config cfg = tiny_config();
    gf_error err;
    gf_error_clear(&err);
    gf_model m;
    if (!CHECK_OK(c, gf_model_init_random(&m, &cfg, NULL, 3, &err), &err))
        return;
    char dir[PATH_LEN], path[PATH_LEN], want[3 * PATH_LEN];
    check_tmp_path(dir, sizeof dir, "bad-folder");

    /* Each of the four files is required, and the message names it. */
    const char *files[] = {"config.json", "model.safetensors", "vocab.json", "merges.txt"};
    for (int i = 0; i < 4; i++) {
        if (!CHECK_OK(c, gf_model_save(&m, dir, GF_DTYPE_F32, &err), &err))
            break;
        join(path, dir, files[i]);
        remove(path);
        snprintf(want, sizeof want, "%s: missing (No such file or directory)", path);
        expect_load_error(c, dir, GF_ERR_IO, want);
    }

    /* A config whose vocab_size is smaller than the tokenizer. */
    CHECK_OK(c, gf_model_save(&m, dir, GF_DTYPE_F32, &err), &err);
    gf_config small = cfg;
    small.vocab_size = 256;
    join(path, dir, "config.json");
    CHECK_OK(c, gf_config_save(&small, path, &err), &err);
    char vocab[PATH_LEN];
    join(vocab, dir, "vocab.json");
    snprintf(want, sizeof want, "%s: vocab_size: 256 is smaller than the 257 tokens of %s", path,
             vocab);
    expect_load_error(c, dir, GF_ERR_RANGE, want);

    /* A config that disagrees with the weights' shapes. */
    gf_config wide = cfg;
    wide.n_inner = 32;
    CHECK_OK(c, gf_config_save(&wide, path, &err), &err);
    gf_model back;
    CHECK_INT(c, gf_model_load(&back, dir, &err), GF_ERR_SHAPE);
    CHECK(c, strstr(err.message, "model.safetensors: h.0.mlp.c_fc.weight: shape [16, 32] "
                                 "expected, file has [16, 24]") != NULL);

    /* A config with fewer layers than the file: not silently a shallower model. */
    gf_config shallow = cfg;
    shallow.n_layer = 1;
    CHECK_OK(c, gf_config_save(&shallow, path, &err), &err);
    CHECK_INT(c, gf_model_load(&back, dir, &err), GF_ERR_SHAPE);
    CHECK(c, strstr(err.message, "model.safetensors: h.1.") != NULL &&
             strstr(err.message, ": layer 1, but config.json has n_layer 1 (the file holds a "
                                 "deeper model)") != NULL);

    /* A broken config.json names itself. */
    FILE *f = fopen(path, "wb");
    if (CHECK(c, f != NULL)) {
        fputs("{\"n_head\": 5}", f);
        fclose(f);
    }
    CHECK_INT(c, gf_model_load(&back, dir, &err), GF_ERR_RANGE);
    CHECK(c, strstr(err.message, path) == err.message);
    CHECK(c, strstr(err.message, "n_head") != NULL);

    /* Each size within its limit, but ~53 trillion parameters together: refused
     * before anything is allocated, and the message names config.json.
     * Count: V·C + ctx·C + L·(12C² + 13C) + 2C (LayerNorm, learned, tied, F = 4C). */
    gf_config huge = cfg;
    huge.n_embd = 65536;
    huge.n_layer = 1024;
    huge.n_head = 64;
    huge.n_inner = 4 * 65536;
    CHECK_OK(c, gf_config_save(&huge, path, &err), &err);
    const int64_t C = 65536, L = 1024;
    const int64_t total = C * (cfg.vocab_size + cfg.n_ctx) + L * (12 * C * C + 13 * C) + 2 * C;
    snprintf(want, sizeof want, "%s: weights: %lld parameters need ", path, (long long)total);
    CHECK_INT(c, gf_model_load(&back, dir, &err), GF_ERR_MEMORY);
    CHECK(c, strncmp(err.message, want, strlen(want)) == 0);
    CHECK(c, back.weights.data == NULL && back.tokenizer == NULL);
    remove_folder(dir);

    /* A folder that is not there, and a file given as the folder. */
    check_tmp_path(dir, sizeof dir, "no-such-model");
    snprintf(want, sizeof want, "%s: no such model folder (No such file or directory)", dir);
    expect_load_error(c, dir, GF_ERR_IO, want);
    check_tmp_path(dir, sizeof dir, "not-a-folder");
    FILE *plain = fopen(dir, "w");
    if (CHECK(c, plain != NULL))
        fclose(plain);
    snprintf(want, sizeof want, "%s: not a folder (a model is a folder with config.json, "
             "model.safetensors, vocab.json, merges.txt)", dir);
    expect_load_error(c, dir, GF_ERR_IO, want);
    remove(dir);

    /* Saving: the parent must exist; a file in the way is an error; only float dtypes. */
    check_tmp_path(dir, sizeof dir, "no-such-parent/child");
    CHECK_INT(c, gf_model_save(&m, dir, GF_DTYPE_F32, &err), GF_ERR_IO);
    CHECK(c, strstr(err.message, dir) == err.message);
    check_tmp_path(path, sizeof path, "a-plain-file");
    f = fopen(path, "wb");
    if (f)
        fclose(f);
    CHECK_INT(c, gf_model_save(&m, path, GF_DTYPE_F32, &err), GF_ERR_IO);
    CHECK(c, strstr(err.message, path) == err.message);
    remove(path);
    check_tmp_path(dir, sizeof dir, "i32-model");
    CHECK_INT(c, gf_model_save(&m, dir, GF_DTYPE_I32, &err), GF_ERR_ARGUMENT);
    remove_folder(dir);

    /* A trailing slash does not change the name. */
    check_tmp_path(dir, sizeof dir, "slashed/");
    if (CHECK_OK(c, gf_model_save(&m, dir, GF_DTYPE_F32, &err), &err)) {
        if (CHECK_OK(c, gf_model_load(&back, dir, &err), &err)) {
            CHECK_STR(c, back.name, "slashed");
            gf_model_free(&back);
        }
    }
    check_tmp_path(dir, sizeof dir, "slashed");
    remove_folder(dir);
    gf_model_free(&m);
}

/* AddressSanitizer reserves terabytes of address space: no RLIMIT_AS there. */
#if defined(__SANITIZE_ADDRESS__)
#define ADDRESS_LIMIT_WORKS 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ADDRESS_LIMIT_WORKS 0
#endif
#endif
#ifndef ADDRESS_LIMIT_WORKS
#define ADDRESS_LIMIT_WORKS 1
#endif

/* A config.json for 13.7 GB of weights beside a tiny model.safetensors: the
 * weights file's header is checked against the config before the arena is
 * allocated, so the error names model.safetensors and nothing large is ever
 * reserved (shown by loading under a 4 GiB address-space limit, where the
 * 13.7 GB allocation would fail first and blame config.json). */
static void test_header_before_allocation(check_ctx *c)
{
    gf_config cfg = tiny_config();
    gf_error err;
    gf_error_clear(&err);
    gf_model m;
    if (!CHECK_OK(c, gf_model_init_random(&m, &cfg, NULL, 4, &err), &err))
        return;
    char dir[PATH_LEN], path[PATH_LEN], want[2 * PATH_LEN];
    check_tmp_path(dir, sizeof dir, "big-config-tiny-weights");
    join(path, dir, "config.json");
    if (CHECK_OK(c, gf_model_save(&m, dir, GF_DTYPE_F32, &err), &err)) {
        FILE *f = fopen(path, "wb");
        if (CHECK(c, f != NULL)) {
            fputs("{\"n_layer\":16,\"n_head\":32,\"n_embd\":4096,\"n_positions\":2048,"
                  "\"vocab_size\":50257}", f);
            fclose(f);
        }
        struct rlimit saved, limited;
        const bool limit = ADDRESS_LIMIT_WORKS && getrlimit(RLIMIT_AS, &saved) == 0;
        if (limit) {
            limited = saved;
            limited.rlim_cur = (rlim_t)4 << 30;
            if (saved.rlim_max != RLIM_INFINITY && saved.rlim_max < limited.rlim_cur)
                limited.rlim_cur = saved.rlim_max;
            setrlimit(RLIMIT_AS, &limited);
        }
        gf_model back;
        gf_status s = gf_model_load(&back, dir, &err);
        if (limit)
            setrlimit(RLIMIT_AS, &saved);
        join(path, dir, "model.safetensors");
        snprintf(want, sizeof want, "%s: wte.weight: shape [50257, 4096] expected, file has "
                 "[300, 16]", path);
        CHECK_INT(c, s, GF_ERR_SHAPE);
        CHECK_STR(c, err.message, want);
        CHECK(c, back.weights.data == NULL && back.tokenizer == NULL);
    }
    remove_folder(dir);
    gf_model_free(&m);
}

/* A config.json edited to a variant the weights were not trained for
 * loads (the shapes fit), but the weights it leaves unused are named in the
 * model's warning; an unedited folder has none. */
static void test_unused_tensors(check_ctx *c)
{
    gf_config cfg = tiny_config();
    gf_error err;
    gf_error_clear(&err);
    gf_model m, back;
    if (!CHECK_OK(c, gf_model_init_random(&m, &cfg, NULL, 6, &err), &err))
        return;
    char dir[PATH_LEN], config[PATH_LEN], weights[PATH_LEN], want[3 * PATH_LEN];
    check_tmp_path(dir, sizeof dir, "unused-tensors");
    join(config, dir, "config.json");
    join(weights, dir, "model.safetensors");
    if (CHECK_OK(c, gf_model_save(&m, dir, GF_DTYPE_F32, &err), &err) &&
        CHECK_OK(c, gf_model_load(&back, dir, &err), &err)) {
        CHECK_STR(c, back.warning, "");
        gf_model_free(&back);
    }
    /* RMSNorm has no biases: LayerNorm's 2 per layer and ln_f's go unused. */
    gf_config edited = cfg;
    edited.norm_type = GF_NORM_RMSNORM;
    if (CHECK_OK(c, gf_config_save(&edited, config, &err), &err) &&
        CHECK_OK(c, gf_model_load(&back, dir, &err), &err)) {
        snprintf(want, sizeof want, "%s: %d tensors that config.json does not use "
                 "(h.0.ln_1.bias, h.0.ln_2.bias, h.1.ln_1.bias, ...): does config.json describe "
                 "these weights?", weights, 2 * cfg.n_layer + 1);
        CHECK_STR(c, back.warning, want);
        gf_model_free(&back);
    }
    /* Sinusoidal positions need no table: the learned wpe.weight goes unused. */
    edited = cfg;
    edited.position_type = GF_POSITION_SINUSOIDAL;
    if (CHECK_OK(c, gf_config_save(&edited, config, &err), &err) &&
        CHECK_OK(c, gf_model_load(&back, dir, &err), &err)) {
        snprintf(want, sizeof want, "%s: 1 tensor that config.json does not use (wpe.weight): "
                 "does config.json describe these weights?", weights);
        CHECK_STR(c, back.warning, want);
        gf_model_free(&back);
    }
    /* Names from the file are shown on one line (control bytes as '?'). */
    CHECK_OK(c, gf_config_save(&cfg, config, &err), &err);
    const char *odd_names[2] = {"odd\nname", "h.7.x\ny"};
    for (int k = 0; k < 2; k++) {
        gf_st_writer wr;
        gf_st_writer_init(&wr);
        for (int i = 0; i < m.weights.params.count; i++) {
            const gf_param *p = &m.weights.params.items[i];
            CHECK_OK(c, gf_st_writer_add_f32(&wr, p->name, p->ndim, p->shape,
                                             m.weights.data + p->offset, GF_DTYPE_F32, &err),
                     &err);
        }
        const float one = 1.0f;
        const int64_t shape[1] = {1};
        CHECK_OK(c, gf_st_writer_add_f32(&wr, odd_names[k], 1, shape, &one, GF_DTYPE_F32, &err),
                 &err);
        CHECK_OK(c, gf_st_writer_write(&wr, weights, &err), &err);
        gf_st_writer_free(&wr);
        gf_status s = gf_model_load(&back, dir, &err);
        if (k == 0 && CHECK_OK(c, s, &err)) {
            CHECK(c, strstr(back.warning, "(odd?name)") != NULL);
            gf_model_free(&back);
        } else if (k == 1) {
            CHECK_INT(c, s, GF_ERR_SHAPE);
            CHECK(c, strstr(err.message, ": h.7.x?y: layer 7, but") != NULL);
        }
    }
    remove_folder(dir);
    gf_model_free(&m);
}

static void test_init_errors(check_ctx *c)
{
    gf_error err;
    gf_error_clear(&err);
    gf_model m;
    gf_config cfg = tiny_config();
    cfg.vocab_size = 200;   /* fewer than the 257 byte-level tokens */
    CHECK_INT(c, gf_model_init_random(&m, &cfg, NULL, 1, &err), GF_ERR_RANGE);
    CHECK_STR(c, err.message, "config: vocab_size: 200 is smaller than the 257 tokens of "
                              "the tokenizer");
    CHECK(c, m.tokenizer == NULL && m.weights.data == NULL);

    /* With a tokenizer given (ownership passes even on failure; ASan sees leaks). */
    gf_tokenizer *tok = NULL;
    if (CHECK_OK(c, gf_tokenizer_new_byte_level(&tok, &err), &err))
        CHECK_INT(c, gf_model_init_random(&m, &cfg, tok, 1, &err), GF_ERR_RANGE);
    cfg.vocab_size = 257;
    tok = NULL;
    if (CHECK_OK(c, gf_tokenizer_new_byte_level(&tok, &err), &err) &&
        CHECK_OK(c, gf_model_init_random(&m, &cfg, tok, 1, &err), &err)) {
        CHECK(c, m.tokenizer == tok);
        gf_model_free(&m);
    }

    cfg.n_head = 5;
    CHECK_INT(c, gf_model_init_random(&m, &cfg, NULL, 1, &err), GF_ERR_RANGE);
    CHECK(c, strstr(err.message, "n_head") != NULL);

    /* GPT-3 needs ~650 GiB: refused before any allocation. */
    gf_weights w;
    CHECK_OK(c, gf_preset_config("gpt3", &cfg, &err), &err);
    CHECK_INT(c, gf_weights_alloc(&w, &cfg, &err), GF_ERR_MEMORY);
    CHECK(c, strstr(err.message, "16 GiB") != NULL);
    CHECK(c, w.data == NULL && w.params.items == NULL);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "model_folder");
    test_variants(&c);
    test_init_random(&c);
    test_prefix_and_extras(&c);
    test_bad_tensors(&c);
    test_bad_folders(&c);
    test_header_before_allocation(&c);
    test_unused_tensors(&c);
    test_init_errors(&c);
    return check_end(&c);
}

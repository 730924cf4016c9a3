/* model.c — a model folder: config.json, model.safetensors, vocab.json and
 * merges.txt, loaded together, made at random, or written out (see model.h). */
#include "model.h"

#include <stdbool.h>
#include <stdlib.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "file_io.h"

#define GF_MODEL_PATH_MAX 4096

const char *const gf_model_files[GF_MODEL_FILE_COUNT] = {"config.json", "model.safetensors",
                                                         "vocab.json", "merges.txt"};

/* The index of each file in gf_model_files. */
enum { FILE_CONFIG, FILE_WEIGHTS, FILE_VOCAB, FILE_MERGES };

/* The paths of a folder's four files, by those indices. */
typedef struct {
    char of[GF_MODEL_FILE_COUNT][GF_MODEL_PATH_MAX];
} gf_model_paths;

static gf_status model_join(char *buf, const char *dir, const char *file, gf_error *err)
{
    size_t n = strlen(dir);
    const char *sep = n > 0 && dir[n - 1] == '/' ? "" : "/";
    int len = snprintf(buf, GF_MODEL_PATH_MAX, "%s%s%s", dir, sep, file);
    if (len < 0 || len >= GF_MODEL_PATH_MAX)
        return gf_error_set(err, GF_ERR_ARGUMENT, "%.200s...: path longer than %d bytes", dir,
                            GF_MODEL_PATH_MAX - 1);
    return GF_OK;
}

static gf_status model_paths(gf_model_paths *p, const char *dir, gf_error *err)
{
    if (!dir || !*dir)
        return gf_error_set(err, GF_ERR_ARGUMENT, "model: no folder given");
    gf_status s = GF_OK;
    for (int i = 0; s == GF_OK && i < GF_MODEL_FILE_COUNT; i++)
        s = model_join(p->of[i], dir, gf_model_files[i], err);
    return s;
}


/* The folder's last path component ("models/tiny/" -> "tiny"), cut to fit
 * without splitting a UTF-8 sequence. */
static void model_set_name(gf_model *m, const char *dir)
{
    size_t end = strlen(dir);
    while (end > 1 && dir[end - 1] == '/')
        end--;
    size_t start = end;
    while (start > 0 && dir[start - 1] != '/')
        start--;
    if (start == end && end > 0)   /* the root "/" */
        start = end - 1;
    size_t n = end - start;
    if (n >= GF_MODEL_NAME_MAX) {
        n = GF_MODEL_NAME_MAX - 1;
        while (n > 0 && ((unsigned char)dir[start + n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(m->name, dir + start, n);
    m->name[n] = '\0';
}

gf_status gf_model_check_vocab(const gf_config *cfg, const char *cfg_source,
                               const gf_tokenizer *tok, const char *tok_source, gf_error *err)
{
    int tok_size = gf_tokenizer_vocab_size(tok);
    if (tok_size > cfg->vocab_size)
        return gf_error_set(err, GF_ERR_RANGE,
                            "%s: vocab_size: %d is smaller than the %d tokens of %s", cfg_source,
                            cfg->vocab_size, tok_size, tok_source);
    return GF_OK;
}

/* Put "path: " before err's message (the file a failure comes from). */
static gf_status model_blame(const char *path, gf_status s, gf_error *err)
{
    if (!err)
        return s;
    char reason[GF_ERROR_MESSAGE_MAX];
    snprintf(reason, sizeof reason, "%s", err->message);
    return gf_error_set(err, s, "%s: %s", path, reason);
}

/* Validate, then allocate, then read: a size no machine here could hold is
 * refused naming config.json; the weights file's header (names, shapes,
 * dtypes, payload size) is checked against the config before the arena is
 * allocated, so a tiny or foreign file never costs the config's memory. */
static gf_status model_load_weights(gf_model *m, const gf_model_paths *p, gf_error *err)
{
    gf_status s = gf_weights_check_fits(&m->config, err);
    if (s != GF_OK)
        return model_blame(p->of[FILE_CONFIG], s, err);
    gf_safetensors st;
    s = gf_safetensors_open(&st, p->of[FILE_WEIGHTS], err);
    if (s != GF_OK)
        return s;
    s = gf_weights_check_file(&m->config, &st, err);
    if (s == GF_OK) {
        s = gf_weights_alloc(&m->weights, &m->config, err);
        if (s != GF_OK)
            model_blame(p->of[FILE_WEIGHTS], s, err);
    }
    if (s == GF_OK)
        s = gf_weights_load(&m->weights, &st, err);
    char names[256];
    const int unused = s == GF_OK ? gf_weights_count_unused(&m->config, &st, names,
                                                            sizeof names)
                                  : 0;
    if (unused > 0)
        snprintf(m->warning, sizeof m->warning, "%.200s: %d tensor%s that config.json does not "
                 "use (%.180s): does config.json describe these weights?", p->of[FILE_WEIGHTS],
                 unused, unused == 1 ? "" : "s", names);
    gf_safetensors_close(&st);
    return s;
}

gf_status gf_model_load(gf_model *m, const char *dir, gf_error *err)
{
    if (!m)
        return gf_error_set(err, GF_ERR_ARGUMENT, "model: no model given");
    memset(m, 0, sizeof *m);
    struct stat sb;
    if (dir && stat(dir, &sb) != 0)
        return gf_error_set(err, GF_ERR_IO, "%s: no such model folder (%s)", dir, strerror(errno));
    if (dir && !S_ISDIR(sb.st_mode))
        return gf_error_set(err, GF_ERR_IO, "%s: not a folder (a model is a folder with "
                            "config.json, model.safetensors, vocab.json, merges.txt)", dir);
    gf_model_paths p;
    /* Each file is checked as it is opened (file_io.h): a missing or
     * non-regular one is named by the reader that needs it. */
    gf_status s = model_paths(&p, dir, err);
    if (s == GF_OK)
        s = gf_config_load(p.of[FILE_CONFIG], &m->config, err);
    /* The tokenizer is small: check it against the config before the weights. */
    if (s == GF_OK)
        s = gf_tokenizer_load(&m->tokenizer, p.of[FILE_VOCAB], p.of[FILE_MERGES], err);
    if (s == GF_OK)
        s = gf_model_check_vocab(&m->config, p.of[FILE_CONFIG], m->tokenizer, p.of[FILE_VOCAB],
                                 err);
    if (s == GF_OK)
        s = model_load_weights(m, &p, err);
    if (s != GF_OK) {
        gf_model_free(m);
        return s;
    }
    model_set_name(m, dir);
    return GF_OK;
}

gf_status gf_model_init_random(gf_model *m, const gf_config *cfg, gf_tokenizer *tok,
                               uint64_t seed, gf_error *err)
{
    if (!m) {
        if (tok)
            gf_tokenizer_free(tok);
        return gf_error_set(err, GF_ERR_ARGUMENT, "model: no model given");
    }
    memset(m, 0, sizeof *m);
    m->tokenizer = tok;   /* owned from here on, also on failure */
    gf_status s = gf_config_validate(cfg, "config", err);
    if (s == GF_OK) {
        m->config = *cfg;
        if (!m->tokenizer)
            s = gf_tokenizer_new_byte_level(&m->tokenizer, err);
    }
    if (s == GF_OK)
        s = gf_model_check_vocab(&m->config, "config", m->tokenizer, "the tokenizer", err);
    if (s == GF_OK)
        s = gf_weights_alloc(&m->weights, &m->config, err);
    if (s != GF_OK) {
        gf_model_free(m);
        return s;
    }
    gf_weights_init_random(&m->weights, &m->config, seed);
    snprintf(m->name, sizeof m->name, "random");
    return GF_OK;
}

/* The four files' text into four begun writers. */
static gf_status model_put_files(const gf_model *m, gf_dtype store_as,
                                 gf_file_out out[GF_MODEL_FILE_COUNT], gf_error *err)
{
    char *config = gf_config_to_json(&m->config);
    if (!config)
        return gf_error_set(err, GF_ERR_MEMORY, "%s: out of memory", out[FILE_CONFIG].path);
    gf_file_out_write(&out[FILE_CONFIG], config, strlen(config));
    free(config);
    gf_tokenizer_write(m->tokenizer, &out[FILE_VOCAB], &out[FILE_MERGES]);
    return gf_weights_put(&m->weights, store_as, &out[FILE_WEIGHTS], err);
}

gf_status gf_model_save(const gf_model *m, const char *dir, gf_dtype store_as,
                        gf_error *err)
{
    if (!m || !m->tokenizer || !m->weights.data)
        return gf_error_set(err, GF_ERR_ARGUMENT, "model: nothing to save");
    gf_model_paths p;
    bool created = false;
    gf_status s = model_paths(&p, dir, err);
    if (s == GF_OK)
        s = gf_config_validate(&m->config, p.of[FILE_CONFIG], err);
    if (s == GF_OK)
        s = gf_file_dir_ensure(dir, &created, err);
    /* All four files are written and on the disk before the first replaces
     * anything: a full disk leaves the folder as it was. */
    gf_file_out out[GF_MODEL_FILE_COUNT];
    memset(out, 0, sizeof out);
    for (int i = 0; s == GF_OK && i < GF_MODEL_FILE_COUNT; i++)
        s = gf_file_out_begin(&out[i], p.of[i], err);
    if (s == GF_OK)
        s = model_put_files(m, store_as, out, err);
    for (int i = 0; s == GF_OK && i < GF_MODEL_FILE_COUNT; i++)
        s = gf_file_out_finish(&out[i], err);
    static const int commit_order[GF_MODEL_FILE_COUNT] = {FILE_CONFIG, FILE_VOCAB, FILE_MERGES,
                                                          FILE_WEIGHTS};   /* weights last */
    for (int i = 0; s == GF_OK && i < GF_MODEL_FILE_COUNT; i++)
        s = gf_file_out_commit(&out[commit_order[i]], err);
    for (int i = 0; i < GF_MODEL_FILE_COUNT; i++)
        gf_file_out_abort(&out[i]);
    /* A folder this call made holds only our files: on failure, none stays. */
    for (int i = 0; s != GF_OK && created && i < GF_MODEL_FILE_COUNT; i++)
        unlink(p.of[i]);
    if (s != GF_OK && created)
        rmdir(dir);
    return s;
}

void gf_model_free(gf_model *m)
{
    if (!m)
        return;
    gf_weights_free(&m->weights);
    if (m->tokenizer)
        gf_tokenizer_free(m->tokenizer);
    memset(m, 0, sizeof *m);
}

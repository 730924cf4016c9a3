/* cli_files.c — paths and whole-file reads for the commands (see cli_files.h). */
#include "cli_files.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "cli_args.h"
#include "file_io.h"
#include "params.h"
#include "model.h"

char *cli_path_join(const char *dir, const char *file, gf_error *err)
{
    const size_t d = strlen(dir), n = d + 1 + strlen(file) + 1;
    char *path = malloc(n);
    if (!path) {
        gf_error_set(err, GF_ERR_MEMORY, "%s: out of memory", dir);
        return NULL;
    }
    if (d > 0 && dir[d - 1] == '/')
        snprintf(path, n, "%s%s", dir, file);
    else
        snprintf(path, n, "%s/%s", dir, file);
    return path;
}

gf_status cli_model_load(gf_model *m, const char *dir, gf_error *err)
{
    gf_status s = gf_model_load(m, dir, err);
    if (s == GF_OK && m->warning[0])
        cli_warn(m->warning);
    return s;
}

gf_status cli_tokenizer_load_dir(const char *dir, gf_tokenizer **out, gf_error *err)
{
    *out = NULL;
    char *vocab = cli_path_join(dir, "vocab.json", err);
    char *merges = vocab ? cli_path_join(dir, "merges.txt", err) : NULL;
    /* (The reader refuses anything but regular files: a FIFO would block.) */
    gf_status st = !merges ? GF_ERR_MEMORY : gf_tokenizer_load(out, vocab, merges, err);
    free(vocab);
    free(merges);
    return st;
}

gf_status cli_tokenizer_fit_config(const gf_config *cfg, const char *config_path,
                                   const char *tok_source, gf_tokenizer **tok, gf_error *err)
{
    gf_status st = GF_OK;
    if (!*tok) {
        tok_source = "the byte-level tokenizer";
        st = gf_tokenizer_new_byte_level(tok, err);
    }
    if (st == GF_OK)
        st = gf_model_check_vocab(cfg, config_path, *tok, tok_source, err);
    if (st != GF_OK) {
        gf_tokenizer_free(*tok);
        *tok = NULL;
    }
    return st;
}

gf_status cli_refuse_model_dir(const char *dir, const char *hint, gf_error *err)
{
    char *weights = cli_path_join(dir, "model.safetensors", err);
    if (!weights)
        return GF_ERR_MEMORY;
    const bool taken = cli_file_size(weights, NULL) >= 0;
    free(weights);
    if (taken)
        return gf_error_set(err, GF_ERR_ARGUMENT, "%s: already holds a model "
                            "(model.safetensors): %s", dir, hint);
    return GF_OK;
}

long long cli_file_size(const char *path, gf_error *err)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        gf_error_set(err, GF_ERR_IO, "%s: %s", path, strerror(errno));
        return -1;
    }
    if (!S_ISREG(sb.st_mode)) {
        gf_error_set(err, GF_ERR_IO, "%s: not a regular file", path);
        return -1;
    }
    return (long long)sb.st_size;
}

gf_status cli_file_read(const char *path, size_t max_bytes, char **data, size_t *length,
                        gf_error *err)
{
    return gf_file_read_all(path, max_bytes, data, length, err);
}

int cli_config_choose(const char *command, const char *model_dir, const char *preset,
                      gf_config *cfg)
{
    gf_error err;
    gf_error_clear(&err);
    if (preset != NULL) {
        if (gf_preset_config(preset, cfg, &err) != GF_OK)
            return cli_fail_usage(command, "%s", err.message);
        return CLI_EXIT_OK;
    }
    char *path = cli_path_join(model_dir, "config.json", &err);
    gf_status status = path != NULL ? gf_config_load(path, cfg, &err) : err.status;
    free(path);
    return status == GF_OK ? CLI_EXIT_OK : cli_fail_runtime(&err);
}

bool cli_parse_float_dtype(const char *text, gf_dtype *out)
{
    static const struct {
        const char *name;
        gf_dtype dtype;
    } known[] = {{"f32", GF_DTYPE_F32}, {"f16", GF_DTYPE_F16}, {"bf16", GF_DTYPE_BF16}};
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcasecmp(text, known[i].name) == 0) {
            *out = known[i].dtype;
            return true;
        }
    return false;
}

/* cli_files.h — paths and files the commands share: joining a folder and a
 * file name, a tokenizer folder (vocab.json + merges.txt), whole-file reads. */
#ifndef CLI_FILES_H
#define CLI_FILES_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "gf_error.h"
#include "model.h"
#include "safetensors.h"
#include "tokenizer.h"

/* "dir/file", malloc'ed; NULL (with err set) when out of memory. */
char *cli_path_join(const char *dir, const char *file, gf_error *err);

/* gf_model_load, and its warning (if any) as one "glassformer-cli: warning:
 * ..." line on stderr. */
gf_status cli_model_load(gf_model *m, const char *dir, gf_error *err);

/* The config of --model DIR (DIR/config.json) or of --preset NAME, the
 * one of them that is not NULL. An exit status: CLI_EXIT_OK, a usage error
 * for an unknown preset, a runtime error for a config that cannot be read
 * (one line on stderr either way). */
int cli_config_choose(const char *command, const char *model_dir, const char *preset,
                      gf_config *cfg);

/* Load dir/vocab.json and dir/merges.txt. */
gf_status cli_tokenizer_load_dir(const char *dir, gf_tokenizer **out, gf_error *err);

/* The tokenizer a new model from config_path will have: *tok as loaded from
 * tok_source, or (when *tok is NULL) the byte-level one, made here. Its size is
 * checked against the config so that the message names both files. On failure
 * *tok is freed and NULL. */
gf_status cli_tokenizer_fit_config(const gf_config *cfg, const char *config_path,
                                   const char *tok_source, gf_tokenizer **tok, gf_error *err);

/* Read a whole file (at most max_bytes) into a malloc'ed, NUL-terminated buffer. */
gf_status cli_file_read(const char *path, size_t max_bytes, char **data, size_t *length,
                        gf_error *err);

/* An error when dir already holds a model (model.safetensors): commands that
 * write into --out must not silently replace one. `hint` ends the message. */
gf_status cli_refuse_model_dir(const char *dir, const char *hint, gf_error *err);

/* "f32" | "f16" | "bf16" (any case) as the float dtype to store weights in;
 * false for anything else. */
bool cli_parse_float_dtype(const char *text, gf_dtype *out);

/* Size in bytes of a file, or -1 (with err set). */
long long cli_file_size(const char *path, gf_error *err);

#endif

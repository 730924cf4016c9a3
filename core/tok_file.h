/* tok_file.h — reading a whole file into memory, with a size limit, for the
 * tokenizer (vocab.json, merges.txt) and the BPE trainer (corpus files). */
#ifndef GF_TOK_FILE_H
#define GF_TOK_FILE_H

#include <stddef.h>

#include "gf_error.h"

/* *data is malloc'ed, NUL-terminated, *length bytes long (NUL excluded).
 * Files over max bytes fail with GF_ERR_RANGE before anything is read. */
gf_status gf_tok_file_read(const char *path, size_t max, char **data, size_t *length,
                           gf_error *err);

#endif

/* safetensors.h — reading and writing the safetensors format.
 *
 * File = u64 little-endian header length N, N bytes of JSON
 *   {"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, ...,
 *    "__metadata__": {"key": "value"}}
 * then the payload; offsets are relative to the payload start. Every offset,
 * size and dtype is validated against the file length before use. */
#ifndef GF_SAFETENSORS_H
#define GF_SAFETENSORS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "file_io.h"
#include "gf_error.h"
#include "half.h"   /* the F16/BF16 conversions */

#define GF_ST_MAX_DIMS 8
#define GF_ST_MAX_HEADER (100u * 1024u * 1024u)  /* 100 MB, as the format caps */

typedef enum {
    GF_DTYPE_F32 = 0,
    GF_DTYPE_F16,
    GF_DTYPE_BF16,
    GF_DTYPE_I32,
    GF_DTYPE_I64,
    GF_DTYPE_OTHER     /* any other dtype string: kept, sized, never converted */
} gf_dtype;

typedef struct {
    char *name;
    gf_dtype dtype;
    char dtype_name[16];          /* as written in the file, e.g. "U8"       */
    int ndim;
    int64_t shape[GF_ST_MAX_DIMS];
    int64_t numel;
    uint64_t begin, end;          /* byte offsets into the payload           */
} gf_st_entry;

typedef struct {
    char *source;                 /* path (or label) used in messages        */
    uint8_t *bytes;               /* owned: the whole image when parsed from
                                     memory; only the 8 + header_length header
                                     bytes when opened from a file            */
    size_t size;                  /* bytes held in `bytes`                    */
    size_t header_length;         /* length of the JSON header                */
    bool from_file;               /* tensors are read from fd on demand       */
    int fd;                       /* open file descriptor when from_file      */
    const uint8_t *payload;       /* NULL when from_file                      */
    size_t payload_size;
    gf_st_entry *entries;
    int count;
} gf_safetensors;

/* Open a file and validate its header (tensor data is read on demand by the
 * readers below, so a model is held once, in its converted form). The file
 * stays open until gf_safetensors_close; a file cut while open gives an error
 * value from the readers. On failure *st is left empty. */
gf_status gf_safetensors_open(gf_safetensors *st, const char *path, gf_error *err);
/* Same, from memory; takes ownership of bytes (malloc'ed) even on failure. */
gf_status gf_safetensors_parse(gf_safetensors *st, uint8_t *bytes, size_t size,
                               const char *source, gf_error *err);
void gf_safetensors_close(gf_safetensors *st);

const gf_st_entry *gf_safetensors_find(const gf_safetensors *st, const char *name);
/* Convert an F32/F16/BF16 tensor to float. n must equal entry->numel. */
gf_status gf_safetensors_read_f32(const gf_safetensors *st, const gf_st_entry *entry,
                                  float *dst, int64_t n, gf_error *err);
/* Copy an F16/BF16 tensor's values as they are stored (16 bits each, any
 * byte order of the host). n must equal entry->numel. */
gf_status gf_safetensors_read_half(const gf_safetensors *st, const gf_st_entry *entry,
                                   uint16_t *dst, int64_t n, gf_error *err);
/* Copy an I32/I64 tensor as int32 (values must fit). */
gf_status gf_safetensors_read_i32(const gf_safetensors *st, const gf_st_entry *entry,
                                  int32_t *dst, int64_t n, gf_error *err);

/* Copy a tensor's stored bytes as they are (any dtype); size must equal
 * entry->end - entry->begin. */
gf_status gf_safetensors_read_raw(const gf_safetensors *st, const gf_st_entry *entry, void *dst,
                                  uint64_t size, gf_error *err);

size_t gf_dtype_size(gf_dtype dtype);   /* 0 for GF_DTYPE_OTHER */
const char *gf_dtype_name(gf_dtype dtype);

/* Writer: collect tensors (copied on add), then write one file. */
typedef struct {
    struct gf_st_pending *items;
    int count, capacity;
    char *metadata_json;          /* optional "__metadata__" object text     */
} gf_st_writer;

void gf_st_writer_init(gf_st_writer *w);
void gf_st_writer_free(gf_st_writer *w);
/* Store float data as F32, F16 or BF16. */
gf_status gf_st_writer_add_f32(gf_st_writer *w, const char *name, int ndim,
                               const int64_t *shape, const float *data,
                               gf_dtype store_as, gf_error *err);
gf_status gf_st_writer_add_i32(gf_st_writer *w, const char *name, int ndim,
                               const int64_t *shape, const int32_t *data, gf_error *err);
/* Add a string pair to "__metadata__". */
gf_status gf_st_writer_set_metadata(gf_st_writer *w, const char *key, const char *value,
                                    gf_error *err);
/* Write the file through a temporary renamed over path (file_io.h): the old
 * file stays whole until the new one is complete on the disk. */
gf_status gf_st_writer_write(const gf_st_writer *w, const char *path, gf_error *err);
/* The file's bytes into a begun writer (the caller finishes and commits it,
 * e.g. together with the other files of a model folder). */
gf_status gf_st_writer_put(const gf_st_writer *w, gf_file_out *out, gf_error *err);

#endif

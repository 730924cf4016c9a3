/* safetensors_writer.c — collecting tensors and writing one safetensors file
 * (format in safetensors.h). Data is converted to its stored little-endian
 * bytes when added; the file gets the JSON header ("__metadata__" first, then
 * tensors in insertion order, laid out back to back) padded with spaces to a
 * multiple of 8 bytes, and goes through a temporary file renamed over the
 * target (file_io.h). */
#include "safetensors.h"

#include "file_io.h"
#include "half.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STW_WHO "safetensors writer"
/* Offsets in the header are JSON numbers; readers trust them only up to 2^53. */
#define STW_MAX_OFFSET (UINT64_C(1) << 53)

struct gf_st_pending {
    char *name;
    gf_dtype dtype;
    int ndim;
    int64_t shape[GF_ST_MAX_DIMS];
    uint8_t *bytes; /* (nbytes) stored little-endian, owned */
    size_t nbytes;
};

void gf_st_writer_init(gf_st_writer *w)
{
    memset(w, 0, sizeof *w);
}

void gf_st_writer_free(gf_st_writer *w)
{
    if (!w)
        return;
    for (int i = 0; i < w->count; i++) {
        free(w->items[i].name);
        free(w->items[i].bytes);
    }
    free(w->items);
    free(w->metadata_json);
    memset(w, 0, sizeof *w);
}

static void stw_store_u16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static void stw_store_u32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static void stw_store_u64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

/* Check a new tensor's name and shape; on success *numel is its element count. */
static gf_status stw_check_new(const gf_st_writer *w, const char *name, int ndim,
                               const int64_t *shape, int64_t *numel, gf_error *err)
{
    if (!name || !name[0])
        return gf_error_set(err, GF_ERR_ARGUMENT, STW_WHO ": tensor name is empty");
    if (strcmp(name, "__metadata__") == 0)
        return gf_error_set(err, GF_ERR_ARGUMENT,
                            STW_WHO ": tensor '__metadata__': name is reserved");
    for (int i = 0; i < w->count; i++)
        if (strcmp(w->items[i].name, name) == 0)
            return gf_error_set(err, GF_ERR_ARGUMENT, STW_WHO ": tensor '%.200s': added twice",
                                name);
    if (ndim < 0 || ndim > GF_ST_MAX_DIMS || (ndim > 0 && !shape))
        return gf_error_set(err, GF_ERR_ARGUMENT,
                            STW_WHO ": tensor '%.200s': ndim %d not in 0..%d (with a shape)",
                            name, ndim, GF_ST_MAX_DIMS);
    bool any_zero = false;
    for (int i = 0; i < ndim; i++) {
        if (shape[i] < 0 || (uint64_t)shape[i] > STW_MAX_OFFSET)
            return gf_error_set(err, GF_ERR_ARGUMENT,
                                STW_WHO ": tensor '%.200s': shape[%d] = %lld not in 0..2^53",
                                name, i, (long long)shape[i]);
        any_zero = any_zero || shape[i] == 0;
    }
    int64_t n = 1;
    for (int i = 0; i < ndim && !any_zero; i++) {
        if (n > (int64_t)(STW_MAX_OFFSET / (uint64_t)shape[i]))
            return gf_error_set(err, GF_ERR_ARGUMENT,
                                STW_WHO ": tensor '%.200s': element count exceeds 2^53", name);
        n *= shape[i];
    }
    *numel = any_zero ? 0 : n;
    return GF_OK;
}

/* Append a tensor with room for nbytes of stored data; returns that room. */
static gf_status stw_push(gf_st_writer *w, const char *name, gf_dtype dtype, int ndim,
                          const int64_t *shape, uint64_t nbytes, uint8_t **room, gf_error *err)
{
    if (nbytes > STW_MAX_OFFSET || nbytes > SIZE_MAX)
        return gf_error_set(err, GF_ERR_MEMORY, STW_WHO ": tensor '%.200s': %" PRIu64
                            " bytes is too large", name, nbytes);
    if (w->count == w->capacity) {
        int cap = w->capacity ? 2 * w->capacity : 16;
        struct gf_st_pending *grown = cap > w->capacity && (size_t)cap < SIZE_MAX / sizeof *grown
                                          ? realloc(w->items, (size_t)cap * sizeof *grown)
                                          : NULL;
        if (!grown)
            return gf_error_set(err, GF_ERR_MEMORY, STW_WHO ": out of memory for %d tensors",
                                w->count + 1);
        w->items = grown;
        w->capacity = cap;
    }
    struct gf_st_pending *p = &w->items[w->count];
    memset(p, 0, sizeof *p);
    p->name = strdup(name);
    p->bytes = malloc(nbytes > 0 ? (size_t)nbytes : 1);
    if (!p->name || !p->bytes) {
        free(p->name);
        free(p->bytes);
        return gf_error_set(err, GF_ERR_MEMORY, STW_WHO ": tensor '%.200s': out of memory for %"
                            PRIu64 " bytes", name, nbytes);
    }
    p->dtype = dtype;
    p->ndim = ndim;
    for (int i = 0; i < ndim; i++)
        p->shape[i] = shape[i];
    p->nbytes = (size_t)nbytes;
    w->count++;
    *room = p->bytes;
    return GF_OK;
}

/* A finite value that F16 (largest 65504) or BF16 (about 3.39e38) can only
 * store as infinity is refused: the file would hold a different model. */
static gf_status stw_check_fits(const char *name, const float *data, int64_t numel,
                                gf_dtype store_as, gf_error *err)
{
    if (store_as != GF_DTYPE_F16 && store_as != GF_DTYPE_BF16)
        return GF_OK;
    const bool f16 = store_as == GF_DTYPE_F16;
    for (int64_t i = 0; i < numel; i++) {
        const float stored = gf_f32_through_half(data[i], f16 ? GF_HALF_F16 : GF_HALF_BF16);
        if (isfinite(data[i]) && !isfinite(stored))
            return gf_error_set(err, GF_ERR_RANGE,
                                STW_WHO ": tensor '%.200s': element %" PRId64 " = %g is beyond "
                                "%s's largest value (%s): store it as %s",
                                name, i, (double)data[i], gf_dtype_name(store_as),
                                f16 ? "65504" : "about 3.39e38", f16 ? "BF16 or F32" : "F32");
    }
    return GF_OK;
}

gf_status gf_st_writer_add_f32(gf_st_writer *w, const char *name, int ndim,
                               const int64_t *shape, const float *data,
                               gf_dtype store_as, gf_error *err)
{
    int64_t numel = 0;
    gf_status s = stw_check_new(w, name, ndim, shape, &numel, err);
    if (s != GF_OK)
        return s;
    if (store_as != GF_DTYPE_F32 && store_as != GF_DTYPE_F16 && store_as != GF_DTYPE_BF16)
        return gf_error_set(err, GF_ERR_ARGUMENT,
                            STW_WHO ": tensor '%.200s': floats can be stored as F32, F16 or "
                            "BF16, not %s", name, gf_dtype_name(store_as));
    if (!data && numel > 0)
        return gf_error_set(err, GF_ERR_ARGUMENT, STW_WHO ": tensor '%.200s': no data", name);
    s = stw_check_fits(name, data, numel, store_as, err);
    if (s != GF_OK)
        return s;
    size_t esize = gf_dtype_size(store_as);
    uint8_t *out = NULL;
    s = stw_push(w, name, store_as, ndim, shape, (uint64_t)numel * esize, &out, err);
    if (s != GF_OK)
        return s;
    for (int64_t i = 0; i < numel; i++) {
        uint32_t bits;
        switch (store_as) {
        case GF_DTYPE_F16:
            stw_store_u16(out + 2 * i, gf_f32_to_f16(data[i]));
            break;
        case GF_DTYPE_BF16:
            stw_store_u16(out + 2 * i, gf_f32_to_bf16(data[i]));
            break;
        default:
            memcpy(&bits, &data[i], sizeof bits);
            stw_store_u32(out + 4 * i, bits);
            break;
        }
    }
    return GF_OK;
}

gf_status gf_st_writer_add_i32(gf_st_writer *w, const char *name, int ndim,
                               const int64_t *shape, const int32_t *data, gf_error *err)
{
    int64_t numel = 0;
    gf_status s = stw_check_new(w, name, ndim, shape, &numel, err);
    if (s != GF_OK)
        return s;
    if (!data && numel > 0)
        return gf_error_set(err, GF_ERR_ARGUMENT, STW_WHO ": tensor '%.200s': no data", name);
    uint8_t *out = NULL;
    s = stw_push(w, name, GF_DTYPE_I32, ndim, shape, (uint64_t)numel * 4u, &out, err);
    if (s != GF_OK)
        return s;
    for (int64_t i = 0; i < numel; i++) {
        uint32_t bits;
        memcpy(&bits, &data[i], sizeof bits);
        stw_store_u32(out + 4 * i, bits);
    }
    return GF_OK;
}

gf_status gf_st_writer_set_metadata(gf_st_writer *w, const char *key, const char *value,
                                    gf_error *err)
{
    if (!key || !value)
        return gf_error_set(err, GF_ERR_ARGUMENT, STW_WHO ": __metadata__: key or value missing");
    cJSON *meta = w->metadata_json ? cJSON_Parse(w->metadata_json) : cJSON_CreateObject();
    cJSON *str = cJSON_CreateString(value);
    bool ok = meta && str;
    if (ok && cJSON_GetObjectItemCaseSensitive(meta, key))
        ok = cJSON_ReplaceItemInObjectCaseSensitive(meta, key, str);
    else if (ok)
        ok = cJSON_AddItemToObject(meta, key, str);
    if (!ok)
        cJSON_Delete(str); /* not adopted by meta */
    char *text = ok ? cJSON_PrintUnformatted(meta) : NULL;
    cJSON_Delete(meta);
    if (!text)
        return gf_error_set(err, GF_ERR_MEMORY, STW_WHO ": __metadata__: '%.200s': out of memory",
                            key);
    free(w->metadata_json);
    w->metadata_json = text;
    return GF_OK;
}

/* ---- writing -------------------------------------------------------------- */

static bool stw_add_u64_array(cJSON *obj, const char *key, const uint64_t *v, int n)
{
    cJSON *arr = cJSON_AddArrayToObject(obj, key);
    for (int i = 0; arr && i < n; i++) {
        char text[24];
        snprintf(text, sizeof text, "%" PRIu64, v[i]);
        cJSON *num = cJSON_CreateRaw(text); /* exact digits, never 1e+15 */
        if (!num || !cJSON_AddItemToArray(arr, num)) {
            cJSON_Delete(num);
            return false;
        }
    }
    return arr != NULL;
}

static bool stw_add_entry(cJSON *root, const struct gf_st_pending *p, uint64_t begin)
{
    cJSON *obj = cJSON_AddObjectToObject(root, p->name);
    uint64_t dims[GF_ST_MAX_DIMS];
    for (int i = 0; i < p->ndim; i++)
        dims[i] = (uint64_t)p->shape[i];
    uint64_t offsets[2] = {begin, begin + p->nbytes};
    return obj && cJSON_AddStringToObject(obj, "dtype", gf_dtype_name(p->dtype)) &&
           stw_add_u64_array(obj, "shape", dims, p->ndim) &&
           stw_add_u64_array(obj, "data_offsets", offsets, 2);
}

/* The header JSON text (malloc'ed, unpadded); NULL if out of memory. */
static char *stw_header_text(const gf_st_writer *w)
{
    cJSON *root = cJSON_CreateObject();
    bool ok = root != NULL;
    if (ok && w->metadata_json) {
        cJSON *meta = cJSON_Parse(w->metadata_json);
        ok = meta && cJSON_AddItemToObject(root, "__metadata__", meta);
        if (!ok)
            cJSON_Delete(meta);
    }
    uint64_t offset = 0;
    for (int i = 0; ok && i < w->count; i++) {
        ok = stw_add_entry(root, &w->items[i], offset);
        offset += w->items[i].nbytes;
    }
    char *text = ok ? cJSON_PrintUnformatted(root) : NULL;
    cJSON_Delete(root);
    return text;
}

gf_status gf_st_writer_put(const gf_st_writer *w, gf_file_out *out, gf_error *err)
{
    if (!w || !out || !out->path)
        return gf_error_set(err, GF_ERR_ARGUMENT, STW_WHO ": no writer or file given");
    const char *path = out->path;
    uint64_t total = 0;
    for (int i = 0; i < w->count; i++)
        total += w->items[i].nbytes; /* each <= 2^53, count < 2^31: no wrap */
    if (total > STW_MAX_OFFSET)
        return gf_error_set(err, GF_ERR_ARGUMENT, "%s: payload of %" PRIu64 " bytes exceeds 2^53",
                            path, total);
    char *header = stw_header_text(w);
    if (!header)
        return gf_error_set(err, GF_ERR_MEMORY, "%s: out of memory building the header", path);
    size_t len = strlen(header);
    if (len > GF_ST_MAX_HEADER - 8) {
        free(header);
        return gf_error_set(err, GF_ERR_ARGUMENT, "%s: header of %zu bytes exceeds the limit",
                            path, len);
    }
    /* length, header padded with spaces to a multiple of 8, payload */
    static const char spaces[8] = {' ', ' ', ' ', ' ', ' ', ' ', ' ', ' '};
    size_t pad = (8 - len % 8) % 8;
    uint8_t prefix[8];
    stw_store_u64(prefix, (uint64_t)(len + pad));
    gf_file_out_write(out, prefix, sizeof prefix);
    gf_file_out_write(out, header, len);
    gf_file_out_write(out, spaces, pad);
    for (int i = 0; i < w->count; i++)
        gf_file_out_write(out, w->items[i].bytes, w->items[i].nbytes);
    free(header);
    return GF_OK;
}

gf_status gf_st_writer_write(const gf_st_writer *w, const char *path, gf_error *err)
{
    if (!w || !path || !path[0])
        return gf_error_set(err, GF_ERR_ARGUMENT, STW_WHO ": no writer or path given");
    gf_file_out out;
    gf_status s = gf_file_out_begin(&out, path, err);   /* never over /dev/... */
    if (s == GF_OK)
        s = gf_st_writer_put(w, &out, err);
    if (s == GF_OK)
        s = gf_file_out_commit(&out, err);
    gf_file_out_abort(&out);
    return s;
}

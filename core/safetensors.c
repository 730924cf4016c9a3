/* safetensors.c — reading and validating a safetensors file (format in
 * safetensors.h): the header is read, then the header length,
 * the JSON header and every tensor's dtype, shape and byte range are checked
 * against the file before any tensor data is touched. Also the dtype table and
 * the typed readers (F32/F16/BF16 -> float, I32/I64 -> int32). */
#include "safetensors.h"

#include "file_io.h"
#include "json_strict.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* JSON numbers are doubles: integers above 2^53 are not exact, so they are refused. */
#define ST_MAX_JSON_INT 9007199254740992.0
/* Tensor names are shown at most this long in messages (control bytes replaced). */
#define ST_SHOWN_NAME 96

typedef struct {
    const char *name;
    gf_dtype dtype;
    size_t size;
} st_dtype_info;

/* Every dtype name of the format we know the element size of. The first five
 * are in gf_dtype order, so gf_dtype_size/gf_dtype_name can index them. */
static const st_dtype_info st_dtypes[] = {
    {"F32", GF_DTYPE_F32, 4},      {"F16", GF_DTYPE_F16, 2},       {"BF16", GF_DTYPE_BF16, 2},
    {"I32", GF_DTYPE_I32, 4},      {"I64", GF_DTYPE_I64, 8},       {"F64", GF_DTYPE_OTHER, 8},
    {"I8", GF_DTYPE_OTHER, 1},     {"U8", GF_DTYPE_OTHER, 1},      {"I16", GF_DTYPE_OTHER, 2},
    {"U16", GF_DTYPE_OTHER, 2},    {"U32", GF_DTYPE_OTHER, 4},     {"U64", GF_DTYPE_OTHER, 8},
    {"BOOL", GF_DTYPE_OTHER, 1},   {"F8_E4M3", GF_DTYPE_OTHER, 1}, {"F8_E5M2", GF_DTYPE_OTHER, 1},
    {"F8_E8M0", GF_DTYPE_OTHER, 1},
};
#define ST_DTYPE_COUNT ((int)(sizeof st_dtypes / sizeof st_dtypes[0]))

static const st_dtype_info *st_dtype_lookup(const char *name)
{
    for (int i = 0; i < ST_DTYPE_COUNT; i++)
        if (strcmp(st_dtypes[i].name, name) == 0)
            return &st_dtypes[i];
    return NULL;
}

size_t gf_dtype_size(gf_dtype dtype)
{
    return dtype == GF_DTYPE_OTHER || (int)dtype < 0 || (int)dtype > GF_DTYPE_OTHER
               ? 0
               : st_dtypes[dtype].size;
}

const char *gf_dtype_name(gf_dtype dtype)
{
    return dtype == GF_DTYPE_OTHER || (int)dtype < 0 || (int)dtype > GF_DTYPE_OTHER
               ? "OTHER"
               : st_dtypes[dtype].name;
}

static uint64_t st_load_u64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

static uint32_t st_load_u32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t st_load_u16(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

/* ---- validating one header entry ------------------------------------------ */

/* What every entry message starts with: "<file>: tensor '<name>'". */
typedef struct {
    const char *source;
    char shown[ST_SHOWN_NAME];
} st_where;

/* A JSON number that is a non-negative integer exactly representable as a double. */
static gf_status st_json_uint(const cJSON *item, const st_where *at, const char *field,
                              uint64_t *out, gf_error *err)
{
    if (!cJSON_IsNumber(item))
        return gf_error_set(err, GF_ERR_FORMAT, "%s: tensor '%s': %s: expected a number",
                            at->source, at->shown, field);
    double d = item->valuedouble;
    if (!isfinite(d) || d < 0.0 || d != floor(d) || d > ST_MAX_JSON_INT)
        return gf_error_set(err, GF_ERR_FORMAT,
                            "%s: tensor '%s': %s: expected a non-negative integer up to 2^53 "
                            "(got %g)",
                            at->source, at->shown, field, d);
    *out = (uint64_t)d;
    return GF_OK;
}

/* The member `field` of a header entry, or NULL (err set) when it is missing
 * or fails is_kind (then the message says "expected <kind>"). */
static const cJSON *st_member(const cJSON *obj, const char *field,
                              cJSON_bool (*is_kind)(const cJSON *), const char *kind,
                              const st_where *at, gf_error *err)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, field);
    if (!item)
        gf_error_set(err, GF_ERR_FORMAT, "%s: tensor '%s': %s: missing", at->source, at->shown,
                     field);
    else if (!is_kind(item))
        gf_error_set(err, GF_ERR_FORMAT, "%s: tensor '%s': %s: expected %s", at->source,
                     at->shown, field, kind);
    else
        return item;
    return NULL;
}

static gf_status st_entry_dtype(gf_st_entry *e, const cJSON *obj, const st_where *at,
                                gf_error *err)
{
    const cJSON *dt = st_member(obj, "dtype", cJSON_IsString, "a string", at, err);
    if (!dt)
        return GF_ERR_FORMAT;
    const st_dtype_info *info = st_dtype_lookup(dt->valuestring);
    if (!info) {
        char shown[32];
        return gf_error_set(err, GF_ERR_FORMAT, "%s: tensor '%s': dtype: unknown dtype \"%s\"",
                            at->source, at->shown,
                            gf_error_shown(dt->valuestring, shown, sizeof shown));
    }
    e->dtype = info->dtype;
    snprintf(e->dtype_name, sizeof e->dtype_name, "%s", info->name);
    return GF_OK;
}

static gf_status st_entry_shape(gf_st_entry *e, const cJSON *obj, const st_where *at,
                                gf_error *err)
{
    const cJSON *shape = st_member(obj, "shape", cJSON_IsArray, "an array", at, err);
    if (!shape)
        return GF_ERR_FORMAT;
    int ndim = cJSON_GetArraySize(shape);
    if (ndim > GF_ST_MAX_DIMS)
        return gf_error_set(err, GF_ERR_FORMAT,
                            "%s: tensor '%s': shape: %d dimensions, at most %d supported",
                            at->source, at->shown, ndim, GF_ST_MAX_DIMS);
    e->ndim = ndim;
    bool any_zero = false;
    const cJSON *dim = shape->child;
    for (int i = 0; i < ndim; i++, dim = dim->next) {
        char field[32];
        uint64_t v;
        snprintf(field, sizeof field, "shape[%d]", i);
        gf_status s = st_json_uint(dim, at, field, &v, err);
        if (s != GF_OK)
            return s;
        e->shape[i] = (int64_t)v;
        any_zero = any_zero || v == 0;
    }
    /* numel = product of dims; a zero anywhere makes it 0 whatever the others are. */
    uint64_t numel = 1;
    for (int i = 0; i < ndim && !any_zero; i++) {
        uint64_t d = (uint64_t)e->shape[i];
        if (numel > (uint64_t)INT64_MAX / d)
            return gf_error_set(err, GF_ERR_FORMAT,
                                "%s: tensor '%s': shape: element count overflows 64 bits",
                                at->source, at->shown);
        numel *= d;
    }
    e->numel = any_zero ? 0 : (int64_t)numel;
    return GF_OK;
}

static gf_status st_entry_offsets(gf_st_entry *e, const cJSON *obj, const st_where *at,
                                  size_t payload_size, gf_error *err)
{
    const cJSON *offs = st_member(obj, "data_offsets", cJSON_IsArray, "an array [begin, end]",
                                  at, err);
    if (!offs)
        return GF_ERR_FORMAT;
    if (cJSON_GetArraySize(offs) != 2)
        return gf_error_set(err, GF_ERR_FORMAT,
                            "%s: tensor '%s': data_offsets: expected an array [begin, end]",
                            at->source, at->shown);
    gf_status s = st_json_uint(offs->child, at, "data_offsets[0]", &e->begin, err);
    if (s == GF_OK)
        s = st_json_uint(offs->child->next, at, "data_offsets[1]", &e->end, err);
    if (s != GF_OK)
        return s;
    if (e->begin > e->end)
        return gf_error_set(err, GF_ERR_FORMAT,
                            "%s: tensor '%s': data_offsets: begin %llu is after end %llu",
                            at->source, at->shown, (unsigned long long)e->begin,
                            (unsigned long long)e->end);
    if (e->end > payload_size)
        return gf_error_set(err, GF_ERR_FORMAT,
                            "%s: tensor '%s': data_offsets: end %llu is past the payload "
                            "(%llu bytes; file truncated?)",
                            at->source, at->shown, (unsigned long long)e->end,
                            (unsigned long long)payload_size);
    return GF_OK;
}

/* Fill *e from one header member; e->name is set by the caller. */
static gf_status st_entry_parse(gf_st_entry *e, const cJSON *obj, const char *source,
                                size_t payload_size, gf_error *err)
{
    st_where at;
    at.source = source;
    gf_error_shown(obj->string, at.shown, sizeof at.shown);
    if (!cJSON_IsObject(obj))
        return gf_error_set(err, GF_ERR_FORMAT, "%s: tensor '%s': expected an object", source,
                            at.shown);
    gf_status s = st_entry_dtype(e, obj, &at, err);
    if (s == GF_OK)
        s = st_entry_shape(e, obj, &at, err);
    if (s == GF_OK)
        s = st_entry_offsets(e, obj, &at, payload_size, err);
    if (s != GF_OK)
        return s;
    size_t esize = st_dtype_lookup(e->dtype_name)->size;
    uint64_t have = e->end - e->begin;
    uint64_t numel = (uint64_t)e->numel;
    if (numel > UINT64_MAX / esize || numel * esize != have)
        return gf_error_set(err, GF_ERR_FORMAT,
                            "%s: tensor '%s': data_offsets: %llu bytes, but shape and dtype %s "
                            "need %llu x %zu bytes",
                            source, at.shown, (unsigned long long)have, e->dtype_name,
                            (unsigned long long)numel, esize);
    return GF_OK;
}

/* ---- whole-header checks -------------------------------------------------- */

static int st_cmp_range(const void *a, const void *b)
{
    const gf_st_entry *x = *(const gf_st_entry *const *)a;
    const gf_st_entry *y = *(const gf_st_entry *const *)b;
    if (x->begin != y->begin)
        return x->begin < y->begin ? -1 : 1;
    return x->end < y->end ? -1 : x->end > y->end;
}

/* The tensors' bytes fill the payload exactly, as the format requires (no
 * holes, nothing after the last tensor): a shifted header length or stray
 * offsets would otherwise load as shifted, meaningless weights. order: the
 * entries sorted by range, already checked not to overlap. */
static gf_status st_check_filled(const gf_safetensors *st, const gf_st_entry **order,
                                 gf_error *err)
{
    uint64_t covered = 0;
    for (int i = 0; i < st->count; i++) {
        const gf_st_entry *e = order[i];
        if (e->begin == e->end)
            continue;
        if (e->begin > covered)
            return gf_error_set(err, GF_ERR_FORMAT, "%s: payload bytes [%llu, %llu) belong to no "
                                "tensor (a hole; the format allows none)", st->source,
                                (unsigned long long)covered, (unsigned long long)e->begin);
        covered = e->end;
    }
    if (covered < st->payload_size)
        return gf_error_set(err, GF_ERR_FORMAT, "%s: %llu byte%s after the last tensor's data "
                            "(the format allows none)", st->source,
                            (unsigned long long)(st->payload_size - covered),
                            st->payload_size - covered == 1 ? "" : "s");
    return GF_OK;
}

/* No two non-empty byte ranges overlap; the ranges fill the payload. (Two
 * entries of one name cannot reach here: the strict JSON parse refuses a
 * key given twice.) */
static gf_status st_check_entries(const gf_safetensors *st, gf_error *err)
{
    if (st->count == 0)
        return st->payload_size == 0
                   ? GF_OK
                   : gf_error_set(err, GF_ERR_FORMAT, "%s: %zu payload bytes but no tensors",
                                  st->source, st->payload_size);
    const gf_st_entry **order = malloc((size_t)st->count * sizeof *order);
    if (!order)
        return gf_error_set(err, GF_ERR_MEMORY, "%s: out of memory sorting %d tensors",
                            st->source, st->count);
    for (int i = 0; i < st->count; i++)
        order[i] = &st->entries[i];
    gf_status s = GF_OK;
    char a[ST_SHOWN_NAME], b[ST_SHOWN_NAME];

    qsort(order, (size_t)st->count, sizeof *order, st_cmp_range);
    const gf_st_entry *last = NULL; /* the non-empty range reaching furthest so far */
    for (int i = 0; i < st->count && s == GF_OK; i++) {
        const gf_st_entry *e = order[i];
        if (e->begin == e->end)
            continue;
        if (last && e->begin < last->end)
            s = gf_error_set(err, GF_ERR_FORMAT,
                             "%s: tensor '%s': bytes [%llu, %llu) overlap tensor '%s' "
                             "[%llu, %llu)",
                             st->source, gf_error_shown(e->name, a, sizeof a),
                             (unsigned long long)e->begin, (unsigned long long)e->end,
                             gf_error_shown(last->name, b, sizeof b),
                             (unsigned long long)last->begin,
                             (unsigned long long)last->end);
        if (!last || e->end > last->end)
            last = e;
    }
    if (s == GF_OK)
        s = st_check_filled(st, order, err);
    free(order);
    return s;
}

static gf_status st_check_metadata(const cJSON *meta, const char *source, gf_error *err)
{
    if (!cJSON_IsObject(meta))
        return gf_error_set(err, GF_ERR_FORMAT, "%s: __metadata__: expected an object", source);
    for (const cJSON *kv = meta->child; kv; kv = kv->next) {
        char shown[ST_SHOWN_NAME];
        if (!cJSON_IsString(kv))
            return gf_error_set(err, GF_ERR_FORMAT, "%s: __metadata__: '%s': expected a string",
                                source, gf_error_shown(kv->string, shown, sizeof shown));
    }
    return GF_OK;
}

/* Parse the JSON header text (n bytes, may be padded with trailing spaces). */
static gf_status st_parse_json(const uint8_t *text, size_t n, const char *source, cJSON **out,
                               gf_error *err)
{
    /* A NUL-terminated copy, so the JSON parser can never read past the header. */
    char *copy = malloc(n + 1);
    if (!copy)
        return gf_error_set(err, GF_ERR_MEMORY, "%s: out of memory for a %zu-byte header", source,
                            n);
    memcpy(copy, text, n);
    copy[n] = '\0';
    /* Strict: nothing after the object, no key twice (in an entry either). */
    char label[GF_ERROR_MESSAGE_MAX];
    snprintf(label, sizeof label, "%s: header", source);
    cJSON *root = NULL;
    gf_status s = gf_json_parse_strict(copy, n, label, &root, err);
    free(copy);
    if (s != GF_OK)
        return s;
    if (!cJSON_IsObject(root)) {
        cJSON_Delete(root);
        return gf_error_set(err, GF_ERR_FORMAT, "%s: header: expected a JSON object", source);
    }
    *out = root;
    return GF_OK;
}

/* Build st->entries from the parsed header. */
static gf_status st_read_entries(gf_safetensors *st, const cJSON *root, gf_error *err)
{
    int members = cJSON_GetArraySize(root);
    st->entries = calloc(members > 0 ? (size_t)members : 1, sizeof *st->entries);
    if (!st->entries)
        return gf_error_set(err, GF_ERR_MEMORY, "%s: out of memory for %d tensor entries",
                            st->source, members);
    for (const cJSON *item = root->child; item; item = item->next) {
        gf_status s;
        if (strcmp(item->string, "__metadata__") == 0) {
            s = st_check_metadata(item, st->source, err);
            if (s != GF_OK)
                return s;
            continue;
        }
        gf_st_entry *e = &st->entries[st->count];
        e->name = strdup(item->string);
        if (!e->name)
            return gf_error_set(err, GF_ERR_MEMORY, "%s: out of memory", st->source);
        st->count++;
        s = st_entry_parse(e, item, st->source, st->payload_size, err);
        if (s != GF_OK)
            return s;
    }
    return st_check_entries(st, err);
}

/* ---- public --------------------------------------------------------------- */

/* Check the header length against the limit and the file size, then parse
 * the header. st->bytes holds at least the 8 + length header bytes when the
 * length is acceptable (the whole file when parsed from memory). */
static gf_status st_parse_all(gf_safetensors *st, size_t file_size, gf_error *err)
{
    if (file_size < 8)
        return gf_error_set(err, GF_ERR_FORMAT,
                            "%s: file is %zu bytes, too short for the 8-byte header length",
                            st->source, file_size);
    uint64_t n = st_load_u64(st->bytes);
    if (n > GF_ST_MAX_HEADER)
        return gf_error_set(err, GF_ERR_FORMAT,
                            "%s: header length %llu exceeds the %u-byte limit", st->source,
                            (unsigned long long)n, GF_ST_MAX_HEADER);
    if (n > file_size - 8)
        return gf_error_set(err, GF_ERR_FORMAT,
                            "%s: header length %llu needs %llu bytes; the file has %zu",
                            st->source, (unsigned long long)n, (unsigned long long)(8 + n),
                            file_size);
    st->header_length = (size_t)n;
    st->payload = st->from_file ? NULL : st->bytes + 8 + n;
    st->payload_size = file_size - 8 - (size_t)n;

    cJSON *root = NULL;
    gf_status s = st_parse_json(st->bytes + 8, (size_t)n, st->source, &root, err);
    if (s != GF_OK)
        return s;
    s = st_read_entries(st, root, err);
    cJSON_Delete(root);
    return s;
}

gf_status gf_safetensors_parse(gf_safetensors *st, uint8_t *bytes, size_t size,
                               const char *source, gf_error *err)
{
    memset(st, 0, sizeof *st);
    st->fd = -1;
    if (!source)
        source = "(memory)";
    st->source = strdup(source);
    if (!st->source) {
        free(bytes);
        return gf_error_set(err, GF_ERR_MEMORY, "%s: out of memory", source);
    }
    if (!bytes && size > 0) {
        free(st->source);
        st->source = NULL;
        return gf_error_set(err, GF_ERR_ARGUMENT, "%s: no bytes given for %zu-byte buffer",
                            source, size);
    }
    st->bytes = bytes;
    st->size = size;
    gf_status s = st_parse_all(st, size, err);
    if (s != GF_OK)
        gf_safetensors_close(st);
    return s;
}

/* Read exactly len bytes at offset; a short file or a read error is an
 * error value (the file may have been cut since it was opened). */
static gf_status st_pread_all(int fd, void *buf, size_t len, uint64_t offset, const char *source,
                              gf_error *err)
{
    uint8_t *p = buf;
    size_t got = 0;
    while (got < len) {
        ssize_t n = pread(fd, p + got, len - got, (off_t)(offset + got));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return gf_error_set(err, GF_ERR_IO, "%s: read error at byte %llu: %s", source,
                                (unsigned long long)(offset + got), strerror(errno));
        if (n == 0)
            return gf_error_set(err, GF_ERR_IO, "%s: file ends at byte %llu, %zu bytes early "
                                "(cut while open?)", source,
                                (unsigned long long)(offset + got), len - got);
        got += (size_t)n;
    }
    return GF_OK;
}

/* Open a regular file and read its header bytes (8 + header length, or what
 * there is when that length is not acceptable: st_parse_all then says why). */
static gf_status st_open_header(gf_safetensors *st, const char *path, size_t *file_size,
                                gf_error *err)
{
    uint64_t size = 0;
    gf_status opened = gf_file_open_read(path, &st->fd, &size, err);   /* regular files only */
    if (opened != GF_OK)
        return opened;
    st->from_file = true;
    if (size > (uint64_t)SIZE_MAX)
        return gf_error_set(err, GF_ERR_MEMORY, "%s: file too large", path);
    *file_size = (size_t)size;
    uint8_t first[8] = {0};
    gf_status s = *file_size >= 8 ? st_pread_all(st->fd, first, 8, 0, path, err) : GF_OK;
    if (s != GF_OK)
        return s;
    uint64_t n = st_load_u64(first);
    size_t want = *file_size < 8 ? 0 : n <= GF_ST_MAX_HEADER && n <= *file_size - 8
                                           ? 8 + (size_t)n : 8;
    st->bytes = malloc(want > 0 ? want : 1);
    if (!st->bytes)
        return gf_error_set(err, GF_ERR_MEMORY, "%s: out of memory for a %zu-byte header", path,
                            want);
    st->size = want;
    memcpy(st->bytes, first, want < 8 ? want : 8);
    return want > 8 ? st_pread_all(st->fd, st->bytes + 8, want - 8, 8, path, err) : GF_OK;
}

gf_status gf_safetensors_open(gf_safetensors *st, const char *path, gf_error *err)
{
    memset(st, 0, sizeof *st);
    st->fd = -1;
    if (!path)
        return gf_error_set(err, GF_ERR_ARGUMENT, "safetensors: no path given");
    st->source = strdup(path);
    if (!st->source)
        return gf_error_set(err, GF_ERR_MEMORY, "%s: out of memory", path);
    size_t file_size = 0;
    gf_status s = st_open_header(st, path, &file_size, err);
    if (s == GF_OK)
        s = st_parse_all(st, file_size, err);
    if (s != GF_OK)
        gf_safetensors_close(st);
    return s;
}

void gf_safetensors_close(gf_safetensors *st)
{
    if (!st)
        return;
    for (int i = 0; i < st->count; i++)
        free(st->entries[i].name);
    free(st->entries);
    free(st->bytes);
    if (st->from_file && st->fd >= 0)
        close(st->fd);
    free(st->source);
    memset(st, 0, sizeof *st);
}

const gf_st_entry *gf_safetensors_find(const gf_safetensors *st, const char *name)
{
    if (!st || !name)
        return NULL;
    for (int i = 0; i < st->count; i++)
        if (strcmp(st->entries[i].name, name) == 0)
            return &st->entries[i];
    return NULL;
}

/* Common checks of the typed readers: entry in range and n matching. */
static gf_status st_check_read(const gf_safetensors *st, const gf_st_entry *e, const void *dst,
                               int64_t n, gf_error *err)
{
    const char *source = st && st->source ? st->source : "safetensors";
    if (!st || !e)
        return gf_error_set(err, GF_ERR_ARGUMENT, "%s: no tensor given", source);
    char shown[ST_SHOWN_NAME];
    gf_error_shown(e->name ? e->name : "", shown, sizeof shown);
    if (e->end > st->payload_size || e->begin > e->end)
        return gf_error_set(err, GF_ERR_ARGUMENT, "%s: tensor '%s': not an entry of this file",
                            source, shown);
    if (n != e->numel)
        return gf_error_set(err, GF_ERR_SHAPE,
                            "%s: tensor '%s': has %lld elements, caller expects %lld", source,
                            shown, (long long)e->numel, (long long)n);
    if (!dst && n > 0)
        return gf_error_set(err, GF_ERR_ARGUMENT, "%s: tensor '%s': no destination buffer",
                            source, shown);
    return GF_OK;
}

static gf_status st_wrong_dtype(const gf_safetensors *st, const gf_st_entry *e, const char *want,
                                gf_error *err)
{
    char shown[ST_SHOWN_NAME];
    return gf_error_set(err, GF_ERR_FORMAT, "%s: tensor '%s': dtype %s cannot be read as %s",
                        st->source, gf_error_shown(e->name, shown, sizeof shown), e->dtype_name, want);
}

/* Convert m elements of e's dtype from raw into dst[first .. first + m). */
typedef gf_status (*st_convert_fn)(const gf_safetensors *st, const gf_st_entry *e,
                                   const uint8_t *raw, int64_t first, int64_t m, void *dst,
                                   gf_error *err);

static gf_status st_to_f32(const gf_safetensors *st, const gf_st_entry *e, const uint8_t *raw,
                           int64_t first, int64_t m, void *dst, gf_error *err)
{
    (void)st;
    (void)err;
    float *out = (float *)dst + first;
    for (int64_t i = 0; i < m; i++) {
        if (e->dtype == GF_DTYPE_F32) {
            uint32_t bits = st_load_u32(raw + 4 * i);
            memcpy(&out[i], &bits, sizeof bits);
        } else if (e->dtype == GF_DTYPE_F16) {
            out[i] = gf_f16_to_f32(st_load_u16(raw + 2 * i));
        } else {
            out[i] = gf_bf16_to_f32(st_load_u16(raw + 2 * i));
        }
    }
    return GF_OK;
}

static gf_status st_to_u16(const gf_safetensors *st, const gf_st_entry *e, const uint8_t *raw,
                           int64_t first, int64_t m, void *dst, gf_error *err)
{
    (void)st;
    (void)e;
    (void)err;
    uint16_t *out = (uint16_t *)dst + first;
    for (int64_t i = 0; i < m; i++)
        out[i] = st_load_u16(raw + 2 * i);
    return GF_OK;
}

static gf_status st_to_i32(const gf_safetensors *st, const gf_st_entry *e, const uint8_t *raw,
                           int64_t first, int64_t m, void *dst, gf_error *err)
{
    int32_t *out = (int32_t *)dst + first;
    for (int64_t i = 0; i < m; i++) {
        if (e->dtype == GF_DTYPE_I32) {
            uint32_t bits = st_load_u32(raw + 4 * i);
            memcpy(&out[i], &bits, sizeof bits);
            continue;
        }
        uint64_t bits = st_load_u64(raw + 8 * i);
        int64_t v;
        memcpy(&v, &bits, sizeof v);
        if (v < INT32_MIN || v > INT32_MAX) {
            char shown[ST_SHOWN_NAME];
            return gf_error_set(err, GF_ERR_RANGE,
                                "%s: tensor '%s': element %lld = %lld does not fit in int32",
                                st->source, gf_error_shown(e->name, shown, sizeof shown),
                                (long long)(first + i), (long long)v);
        }
        out[i] = (int32_t)v;
    }
    return GF_OK;
}

static gf_status st_copy_bytes(const gf_safetensors *st, const gf_st_entry *e,
                               const uint8_t *raw, int64_t first, int64_t m, void *dst,
                               gf_error *err)
{
    (void)st;
    (void)e;
    (void)err;
    memcpy((uint8_t *)dst + first, raw, (size_t)m);
    return GF_OK;
}

/* Read e's n elements of es bytes a chunk at a time (from memory, or from the
 * file) and convert each chunk into dst. */
static gf_status st_read_converted(const gf_safetensors *st, const gf_st_entry *e, size_t es,
                                   int64_t n, st_convert_fn convert, void *dst, gf_error *err)
{
    enum { CHUNK_BYTES = 32768 };
    uint8_t raw[CHUNK_BYTES];
    int64_t per_chunk = (int64_t)(CHUNK_BYTES / es);
    gf_status s = GF_OK;
    for (int64_t first = 0; s == GF_OK && first < n; first += per_chunk) {
        int64_t m = n - first < per_chunk ? n - first : per_chunk;
        uint64_t at = e->begin + (uint64_t)first * es;
        const uint8_t *src = raw;
        if (st->from_file)
            s = st_pread_all(st->fd, raw, (size_t)m * es, 8 + st->header_length + at, st->source,
                             err);
        else
            src = st->payload + at;
        if (s == GF_OK)
            s = convert(st, e, src, first, m, dst, err);
    }
    return s;
}

gf_status gf_safetensors_read_f32(const gf_safetensors *st, const gf_st_entry *entry,
                                  float *dst, int64_t n, gf_error *err)
{
    gf_status s = st_check_read(st, entry, dst, n, err);
    if (s != GF_OK)
        return s;
    if (entry->dtype != GF_DTYPE_F32 && entry->dtype != GF_DTYPE_F16 &&
        entry->dtype != GF_DTYPE_BF16)
        return st_wrong_dtype(st, entry, "float (F32, F16 or BF16 expected)", err);
    return st_read_converted(st, entry, gf_dtype_size(entry->dtype), n, st_to_f32, dst, err);
}

gf_status gf_safetensors_read_half(const gf_safetensors *st, const gf_st_entry *entry,
                                   uint16_t *dst, int64_t n, gf_error *err)
{
    gf_status s = st_check_read(st, entry, dst, n, err);
    if (s != GF_OK)
        return s;
    if (entry->dtype != GF_DTYPE_F16 && entry->dtype != GF_DTYPE_BF16)
        return st_wrong_dtype(st, entry, "half (F16 or BF16 expected)", err);
    return st_read_converted(st, entry, 2, n, st_to_u16, dst, err);
}

gf_status gf_safetensors_read_i32(const gf_safetensors *st, const gf_st_entry *entry,
                                  int32_t *dst, int64_t n, gf_error *err)
{
    gf_status s = st_check_read(st, entry, dst, n, err);
    if (s != GF_OK)
        return s;
    if (entry->dtype != GF_DTYPE_I32 && entry->dtype != GF_DTYPE_I64)
        return st_wrong_dtype(st, entry, "int32 (I32 or I64 expected)", err);
    return st_read_converted(st, entry, gf_dtype_size(entry->dtype), n, st_to_i32, dst, err);
}

gf_status gf_safetensors_read_raw(const gf_safetensors *st, const gf_st_entry *entry, void *dst,
                                  uint64_t size, gf_error *err)
{
    const char *source = st && st->source ? st->source : "safetensors";
    if (!st || !entry || entry->end > st->payload_size || entry->begin > entry->end)
        return gf_error_set(err, GF_ERR_ARGUMENT, "%s: not a tensor of this file", source);
    uint64_t bytes = entry->end - entry->begin;
    if (size != bytes || (!dst && bytes > 0)) {
        char shown[ST_SHOWN_NAME];
        return gf_error_set(err, GF_ERR_SHAPE, "%s: tensor '%s': has %llu bytes, caller gives %llu",
                            source, gf_error_shown(entry->name, shown, sizeof shown),
                            (unsigned long long)bytes, (unsigned long long)size);
    }
    return st_read_converted(st, entry, 1, (int64_t)bytes, st_copy_bytes, dst, err);
}

/* fuzz_safetensors.c — any bytes as a safetensors file: the parser accepts
 * or refuses with one line; an accepted file's every tensor reads back
 * (offsets inside the payload; an F16/BF16 one also as stored, widening to
 * the same floats), and its header is checked against a tiny
 * model's config, whose weights load when the header fits. */
#include "fuzz_check.h"
#include "fuzz_tiny_config.h"

#include "weights.h"

#define FUZZ_SOURCE "fuzz.safetensors"

/* A half tensor read as stored (the decode weights' copy) widens to what
 * the float reader gave (wide: e->numel floats). */
static void fuzz_check_halves(const gf_safetensors *st, const gf_st_entry *e, const float *wide)
{
    gf_error err;
    uint16_t *bits = malloc(sizeof *bits * (size_t)(e->numel > 0 ? e->numel : 1));
    FUZZ_ASSERT(bits != NULL);
    FUZZ_ASSERT(gf_safetensors_read_half(st, e, bits, e->numel, &err) == GF_OK);
    const gf_half_type type = e->dtype == GF_DTYPE_F16 ? GF_HALF_F16 : GF_HALF_BF16;
    for (int64_t i = 0; i < e->numel; i++) {
        const float x = gf_half_to_f32(bits[i], type);
        FUZZ_ASSERT(memcmp(&x, &wide[i], sizeof x) == 0);   /* NaNs too: the same bits */
    }
    free(bits);
}

static void fuzz_read_all(const gf_safetensors *st)
{
    gf_error err;
    for (int i = 0; i < st->count; i++) {
        const gf_st_entry *e = &st->entries[i];
        FUZZ_ASSERT(e->begin <= e->end && e->end <= st->payload_size);
        const uint64_t bytes = e->end - e->begin;
        void *buf = malloc(bytes > 0 ? (size_t)bytes * 2 : 1);   /* F16 -> float doubles */
        FUZZ_ASSERT(buf != NULL);
        FUZZ_ASSERT(gf_safetensors_read_raw(st, e, buf, bytes, &err) == GF_OK);
        gf_status s = GF_OK;
        if (e->dtype == GF_DTYPE_F32 || e->dtype == GF_DTYPE_F16 || e->dtype == GF_DTYPE_BF16)
            s = gf_safetensors_read_f32(st, e, buf, e->numel, &err);
        else if (e->dtype == GF_DTYPE_I32 || e->dtype == GF_DTYPE_I64)
            s = gf_safetensors_read_i32(st, e, buf, e->numel, &err);
        FUZZ_ASSERT(s == GF_OK || s == GF_ERR_RANGE);   /* an I64 beyond int32 */
        if (s != GF_OK)
            fuzz_check_message(&err, FUZZ_SOURCE);
        if (e->dtype == GF_DTYPE_F16 || e->dtype == GF_DTYPE_BF16)
            fuzz_check_halves(st, e, buf);
        free(buf);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *copy = fuzz_bytes(data, size);
    gf_safetensors st;
    gf_error err;
    gf_error_clear(&err);
    if (gf_safetensors_parse(&st, copy, size, FUZZ_SOURCE, &err) != GF_OK) {   /* takes copy */
        fuzz_check_message(&err, FUZZ_SOURCE);
        return 0;
    }
    fuzz_read_all(&st);
    const gf_config cfg = fuzz_tiny_config();
    char names[256];
    gf_weights_count_unused(&cfg, &st, names, sizeof names);
    if (gf_weights_check_file(&cfg, &st, &err) == GF_OK) {
        gf_weights w;
        FUZZ_ASSERT(gf_weights_alloc(&w, &cfg, &err) == GF_OK);
        gf_status s = gf_weights_load(&w, &st, &err);
        FUZZ_ASSERT(s == GF_OK || s == GF_ERR_FORMAT);   /* a weight that is not finite */
        gf_weights_free(&w);
    } else {
        fuzz_check_message(&err, FUZZ_SOURCE);
    }
    gf_safetensors_close(&st);
    return 0;
}

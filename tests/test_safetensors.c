/* test_safetensors.c — the safetensors reader and writer and the f16/bf16
 * conversions: hand-computed bit patterns, a file assembled byte by byte here,
 * writer round trips, one malformed file per validation rule, and a fuzz-ish
 * pass (every truncation, flipped header bytes) that must never crash. */
#include "check.h"
#include "safetensors.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- helpers ---------------------------------------------------------------- */

/* The float with the given bit pattern (hand-written IEEE-754 constants). */
static float bits_f32(uint32_t bits)
{
    float f;
    memcpy(&f, &bits, sizeof f);
    return f;
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        abort();
    return p;
}

/* A file image: 8-byte little-endian header length, header text, payload. */
static uint8_t *make_image(const char *header, const uint8_t *payload, size_t payload_len,
                           size_t *size)
{
    size_t n = strlen(header);
    *size = 8 + n + payload_len;
    uint8_t *img = xmalloc(*size);
    for (int i = 0; i < 8; i++)
        img[i] = (uint8_t)((unsigned long long)n >> (8 * i));
    memcpy(img + 8, header, n);
    if (payload_len)
        memcpy(img + 8 + n, payload, payload_len);
    return img;
}

/* Write size bytes to path with plain stdio; false (and a failed check) on error. */
static bool write_file_bytes(check_ctx *c, const char *path, const void *bytes, size_t size)
{
    FILE *f = fopen(path, "wb");
    bool ok = f != NULL && fwrite(bytes, 1, size, f) == size;
    if (f)
        ok = fclose(f) == 0 && ok;
    return CHECK(c, ok);
}

/* A failure whose one-line message names the source and contains `part`. */
static void check_fails(check_ctx *c, gf_status s, const gf_error *err, const char *source,
                        const char *part, const char *what)
{
    bool ok = s != GF_OK && strstr(err->message, source) && strstr(err->message, part) &&
              !strchr(err->message, '\n');
    if (!ok)
        fprintf(stderr, "case '%s': status %d, message \"%s\", wanted \"%s\" and \"%s\"\n", what,
                (int)s, err->message, source, part);
    CHECK(c, ok);
}

static bool is_empty(const gf_safetensors *st)
{
    return st->bytes == NULL && st->entries == NULL && st->count == 0 && st->source == NULL;
}

/* ---- f16 / bf16 ------------------------------------------------------------- */

static void test_f16_from_f32(check_ctx *c)
{
    CHECK_INT(c, gf_f32_to_f16(1.0f), 0x3C00);
    CHECK_INT(c, gf_f32_to_f16(-2.0f), 0xC000);
    CHECK_INT(c, gf_f32_to_f16(0.0f), 0x0000);
    CHECK_INT(c, gf_f32_to_f16(-0.0f), 0x8000);
    CHECK_INT(c, gf_f32_to_f16(0.5f), 0x3800);
    CHECK_INT(c, gf_f32_to_f16(65504.0f), 0x7BFF);               /* largest finite */
    CHECK_INT(c, gf_f32_to_f16(65519.0f), 0x7BFF);               /* below the 65520 midpoint */
    CHECK_INT(c, gf_f32_to_f16(65520.0f), 0x7C00);               /* tie, 0x3FF odd: up to inf */
    CHECK_INT(c, gf_f32_to_f16(1.0e6f), 0x7C00);
    CHECK_INT(c, gf_f32_to_f16(-1.0e6f), 0xFC00);
    CHECK_INT(c, gf_f32_to_f16(INFINITY), 0x7C00);
    CHECK_INT(c, gf_f32_to_f16(-INFINITY), 0xFC00);
    uint16_t nan = gf_f32_to_f16(NAN);
    CHECK(c, (nan & 0x7C00) == 0x7C00 && (nan & 0x03FF) != 0);
    nan = gf_f32_to_f16(bits_f32(0x7F800001u)); /* signalling NaN, payload only in low bits */
    CHECK(c, (nan & 0x7C00) == 0x7C00 && (nan & 0x03FF) != 0);
    CHECK(c, (gf_f32_to_f16(bits_f32(0xFFC00000u)) & 0x8000) != 0); /* -NaN keeps its sign */

    /* Subnormals: units of 2^-24. */
    CHECK_INT(c, gf_f32_to_f16(ldexpf(1.0f, -24)), 0x0001);     /* smallest subnormal */
    CHECK_INT(c, gf_f32_to_f16(ldexpf(1.0f, -25)), 0x0000);     /* tie between 0 and 1: even 0 */
    CHECK_INT(c, gf_f32_to_f16(ldexpf(3.0f, -26)), 0x0001);     /* 0.75 units: up */
    CHECK_INT(c, gf_f32_to_f16(ldexpf(3.0f, -25)), 0x0002);     /* 1.5 units: tie, even 2 */
    CHECK_INT(c, gf_f32_to_f16(ldexpf(5.0f, -25)), 0x0002);     /* 2.5 units: tie, even 2 */
    CHECK_INT(c, gf_f32_to_f16(ldexpf(1.0f, -26)), 0x0000);     /* 0.25 units */
    CHECK_INT(c, gf_f32_to_f16(-ldexpf(1.0f, -24)), 0x8001);
    CHECK_INT(c, gf_f32_to_f16(ldexpf(1023.0f, -24)), 0x03FF);  /* largest subnormal */
    CHECK_INT(c, gf_f32_to_f16(ldexpf(2047.0f, -25)), 0x0400);  /* 1023.5 units: tie, up */
    CHECK_INT(c, gf_f32_to_f16(ldexpf(1.0f, -14)), 0x0400);     /* smallest normal */
    CHECK_INT(c, gf_f32_to_f16(bits_f32(0x00000001u)), 0x0000); /* f32 subnormal */

    /* Ties to even among normals: spacing at 1.0 is 2^-10. */
    CHECK_INT(c, gf_f32_to_f16(1.0f + ldexpf(1.0f, -11)), 0x3C00);
    CHECK_INT(c, gf_f32_to_f16(1.0f + ldexpf(3.0f, -11)), 0x3C02);
    CHECK_INT(c, gf_f32_to_f16(1.0f + ldexpf(1.0f, -11) + ldexpf(1.0f, -20)), 0x3C01);
    CHECK_INT(c, gf_f32_to_f16(2049.0f), 0x6800); /* between 2048 and 2050: even 2048 */
    CHECK_INT(c, gf_f32_to_f16(2051.0f), 0x6802); /* between 2050 and 2052: even 2052 */
    CHECK_INT(c, gf_f32_to_f16(2047.0f), 0x67FF); /* exact */
}

static void test_f16_to_f32(check_ctx *c)
{
    CHECK(c, gf_f16_to_f32(0x3C00) == 1.0f);
    CHECK(c, gf_f16_to_f32(0xC000) == -2.0f);
    CHECK(c, gf_f16_to_f32(0x7BFF) == 65504.0f);
    CHECK(c, gf_f16_to_f32(0x0001) == ldexpf(1.0f, -24));
    CHECK(c, gf_f16_to_f32(0x03FF) == ldexpf(1023.0f, -24));
    CHECK(c, gf_f16_to_f32(0x0200) == ldexpf(1.0f, -15));
    CHECK(c, gf_f16_to_f32(0x3555) == 1365.0f / 4096.0f); /* (1 + 341/1024) / 4 */
    float negzero = gf_f16_to_f32(0x8000);
    CHECK(c, negzero == 0.0f && signbit(negzero));
    CHECK(c, isinf(gf_f16_to_f32(0x7C00)) && gf_f16_to_f32(0x7C00) > 0);
    CHECK(c, isinf(gf_f16_to_f32(0xFC00)) && gf_f16_to_f32(0xFC00) < 0);
    CHECK(c, isnan(gf_f16_to_f32(0x7E00)));
    CHECK(c, isnan(gf_f16_to_f32(0xFC01)));

    /* Every non-NaN pattern survives f16 -> f32 -> f16 unchanged. */
    int bad = 0;
    for (uint32_t h = 0; h < 0x10000u; h++) {
        bool is_nan = (h & 0x7C00u) == 0x7C00u && (h & 0x3FFu);
        if (!is_nan && gf_f32_to_f16(gf_f16_to_f32((uint16_t)h)) != h)
            bad++;
        if (is_nan && !isnan(gf_f16_to_f32((uint16_t)h)))
            bad++;
    }
    CHECK_INT(c, bad, 0);
}

static void test_bf16(check_ctx *c)
{
    CHECK_INT(c, gf_f32_to_bf16(1.0f), 0x3F80);
    CHECK_INT(c, gf_f32_to_bf16(-2.0f), 0xC000);
    CHECK_INT(c, gf_f32_to_bf16(-0.0f), 0x8000);
    CHECK_INT(c, gf_f32_to_bf16(1.0f + ldexpf(1.0f, -8)), 0x3F80); /* tie: even */
    CHECK_INT(c, gf_f32_to_bf16(1.0f + ldexpf(3.0f, -8)), 0x3F82); /* tie: 0x3F81 odd, up */
    CHECK_INT(c, gf_f32_to_bf16(1.0f + ldexpf(1.0f, -8) + ldexpf(1.0f, -20)), 0x3F81);
    CHECK_INT(c, gf_f32_to_bf16(INFINITY), 0x7F80);
    CHECK_INT(c, gf_f32_to_bf16(-INFINITY), 0xFF80);
    CHECK_INT(c, gf_f32_to_bf16(FLT_MAX), 0x7F80);           /* 0x7F7FFFFF rounds up to inf */
    CHECK_INT(c, gf_f32_to_bf16(bits_f32(0x00010000u)), 0x0001); /* subnormal, exact */
    CHECK_INT(c, gf_f32_to_bf16(bits_f32(0x00008000u)), 0x0000); /* subnormal tie: even 0 */
    CHECK_INT(c, gf_f32_to_bf16(bits_f32(0x00018000u)), 0x0002); /* subnormal tie: even 2 */
    uint16_t nan = gf_f32_to_bf16(bits_f32(0x7F800001u)); /* payload below bit 16 */
    CHECK(c, (nan & 0x7F80) == 0x7F80 && (nan & 0x007F) != 0);
    CHECK(c, gf_bf16_to_f32(0x3F80) == 1.0f);
    CHECK(c, gf_bf16_to_f32(0x4049) == 3.140625f);
    CHECK(c, gf_bf16_to_f32(0xC000) == -2.0f);
    CHECK(c, isnan(gf_bf16_to_f32(0x7FC0)));
    CHECK(c, isinf(gf_bf16_to_f32(0xFF80)) && gf_bf16_to_f32(0xFF80) < 0);

    int bad = 0;
    for (uint32_t h = 0; h < 0x10000u; h++) {
        bool is_nan = (h & 0x7F80u) == 0x7F80u && (h & 0x7Fu);
        if (!is_nan && gf_f32_to_bf16(gf_bf16_to_f32((uint16_t)h)) != h)
            bad++;
    }
    CHECK_INT(c, bad, 0);
}

static void test_dtype_table(check_ctx *c)
{
    CHECK_INT(c, (long long)gf_dtype_size(GF_DTYPE_F32), 4);
    CHECK_INT(c, (long long)gf_dtype_size(GF_DTYPE_F16), 2);
    CHECK_INT(c, (long long)gf_dtype_size(GF_DTYPE_BF16), 2);
    CHECK_INT(c, (long long)gf_dtype_size(GF_DTYPE_I32), 4);
    CHECK_INT(c, (long long)gf_dtype_size(GF_DTYPE_I64), 8);
    CHECK_INT(c, (long long)gf_dtype_size(GF_DTYPE_OTHER), 0);
    CHECK_STR(c, gf_dtype_name(GF_DTYPE_BF16), "BF16");
    CHECK_STR(c, gf_dtype_name(GF_DTYPE_I64), "I64");
}

/* ---- a file assembled by hand ---------------------------------------------- */

/* Payload (29 bytes), deliberately unaligned:
 *   a  F32  [2]    bytes 0..8    1.0 = 0x3F800000, -2.5 = 0xC0200000
 *   b  F16  []     bytes 8..10   3.0 = 0x4200 (scalar)
 *   c  I64  [1,2]  bytes 10..26  7, -3
 *   d  BF16 [0,3]  bytes 26..26  empty
 *   u  U8   [3]    bytes 26..29  kept, not convertible
 *   e  BF16 [1]    bytes 29..31  -1.5 = 0xBFC0 */
static const char hand_header[] =
    "{\"__metadata__\":{\"format\":\"pt\"},"
    "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
    "\"b\":{\"dtype\":\"F16\",\"shape\":[],\"data_offsets\":[8,10]},"
    "\"c\":{\"dtype\":\"I64\",\"shape\":[1,2],\"data_offsets\":[10,26]},"
    "\"d\":{\"shape\":[0,3],\"data_offsets\":[26,26],\"dtype\":\"BF16\"},"
    "\"u\":{\"dtype\":\"U8\",\"shape\":[3],\"data_offsets\":[26,29]},"
    "\"e\":{\"dtype\":\"BF16\",\"shape\":[1],\"data_offsets\":[29,31]}}      ";
static const uint8_t hand_payload[31] = {
    0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x20, 0xC0,             /* a */
    0x00, 0x42,                                                 /* b */
    0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,             /* c[0] */
    0xFD, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,             /* c[1] */
    0x01, 0x02, 0x03,                                           /* u */
    0xC0, 0xBF,                                                 /* e */
};

static void check_hand_file(check_ctx *c, const gf_safetensors *st)
{
    gf_error err;
    gf_error_clear(&err);
    CHECK_INT(c, st->count, 6);
    CHECK_INT(c, (long long)st->payload_size, 31);
    const gf_st_entry *a = gf_safetensors_find(st, "a");
    const gf_st_entry *b = gf_safetensors_find(st, "b");
    const gf_st_entry *e_c = gf_safetensors_find(st, "c");
    const gf_st_entry *d = gf_safetensors_find(st, "d");
    const gf_st_entry *u = gf_safetensors_find(st, "u");
    const gf_st_entry *e = gf_safetensors_find(st, "e");
    CHECK(c, gf_safetensors_find(st, "__metadata__") == NULL);
    CHECK(c, gf_safetensors_find(st, "zz") == NULL);
    if (!CHECK(c, a && b && e_c && d && u && e))
        return;

    float f[2] = {0, 0};
    CHECK_INT(c, a->dtype, GF_DTYPE_F32);
    CHECK_INT(c, a->ndim, 1);
    CHECK_INT(c, a->shape[0], 2);
    CHECK_OK(c, gf_safetensors_read_f32(st, a, f, 2, &err), &err);
    CHECK(c, f[0] == 1.0f && f[1] == -2.5f);

    CHECK_INT(c, b->ndim, 0);
    CHECK_INT(c, b->numel, 1);
    CHECK_OK(c, gf_safetensors_read_f32(st, b, f, 1, &err), &err);
    CHECK(c, f[0] == 3.0f);

    int32_t ints[2] = {0, 0};
    CHECK_INT(c, e_c->dtype, GF_DTYPE_I64);
    CHECK_INT(c, e_c->ndim, 2);
    CHECK_INT(c, e_c->shape[1], 2);
    CHECK_OK(c, gf_safetensors_read_i32(st, e_c, ints, 2, &err), &err);
    CHECK(c, ints[0] == 7 && ints[1] == -3);

    CHECK_INT(c, d->numel, 0);
    CHECK_INT(c, d->dtype, GF_DTYPE_BF16);
    CHECK_OK(c, gf_safetensors_read_f32(st, d, NULL, 0, &err), &err);

    CHECK_INT(c, u->dtype, GF_DTYPE_OTHER);
    CHECK_STR(c, u->dtype_name, "U8");
    CHECK_INT(c, (long long)u->begin, 26);
    CHECK_INT(c, (long long)u->end, 29);
    uint8_t raw[3] = {0, 0, 0};
    CHECK_OK(c, gf_safetensors_read_raw(st, u, raw, sizeof raw, &err), &err);
    CHECK(c, raw[0] == hand_payload[26] && raw[1] == hand_payload[27] && raw[2] == 0x03);
    CHECK(c, gf_safetensors_read_raw(st, u, raw, 2, &err) == GF_ERR_SHAPE);
    CHECK(c, strstr(err.message, "'u': has 3 bytes, caller gives 2") != NULL);

    CHECK_OK(c, gf_safetensors_read_f32(st, e, f, 1, &err), &err);
    CHECK(c, f[0] == -1.5f);

    /* Wrong dtype, wrong count: errors naming the file, tensor and dtype. */
    check_fails(c, gf_safetensors_read_f32(st, e_c, f, 2, &err), &err, st->source, "'c'",
                "read_f32 of I64");
    CHECK(c, strstr(err.message, "I64") != NULL);
    check_fails(c, gf_safetensors_read_f32(st, u, f, 3, &err), &err, st->source, "U8",
                "read_f32 of U8");
    check_fails(c, gf_safetensors_read_i32(st, a, ints, 2, &err), &err, st->source, "F32",
                "read_i32 of F32");
    check_fails(c, gf_safetensors_read_f32(st, a, f, 3, &err), &err, st->source, "'a'",
                "read_f32 wrong n");
}

static void test_hand_file(check_ctx *c)
{
    gf_error err;
    gf_error_clear(&err);
    size_t size;
    uint8_t *img = make_image(hand_header, hand_payload, sizeof hand_payload, &size);

    /* From memory. */
    uint8_t *copy = xmalloc(size);
    memcpy(copy, img, size);
    gf_safetensors st;
    CHECK_OK(c, gf_safetensors_parse(&st, copy, size, "hand.safetensors", &err), &err);
    check_hand_file(c, &st);
    gf_safetensors_close(&st);
    CHECK(c, is_empty(&st));
    gf_safetensors_close(&st); /* closing twice is harmless */

    /* From a file written here with plain stdio. */
    char path[512];
    check_tmp_path(path, sizeof path, "st_hand.safetensors");
    if (write_file_bytes(c, path, img, size)) {
        CHECK_OK(c, gf_safetensors_open(&st, path, &err), &err);
        CHECK_STR(c, st.source, path);
        CHECK(c, st.from_file && st.payload == NULL);
        CHECK_INT(c, (long long)st.size, 8 + (long long)strlen(hand_header));  /* header only */
        check_hand_file(c, &st);
        gf_safetensors_close(&st);
        CHECK(c, is_empty(&st));
    }
    free(img);
}

/* Tensors larger than the readers' 32 KiB chunks come back whole from a file,
 * and a file cut after it was opened gives an error value, not a crash. */
static void test_file_reads(check_ctx *c)
{
    enum { N = 50000 };   /* 200 KB as F32, 100 KB as F16: several chunks each */
    gf_error err;
    gf_error_clear(&err);
    float *values = xmalloc(N * sizeof *values), *back = xmalloc(N * sizeof *back);
    for (int i = 0; i < N; i++)
        values[i] = (float)(i % 977) * 0.25f - 100.0f;   /* exact in F16 as well */
    int64_t shape[1] = {N};
    gf_st_writer w;
    gf_st_writer_init(&w);
    CHECK_OK(c, gf_st_writer_add_f32(&w, "big32", 1, shape, values, GF_DTYPE_F32, &err), &err);
    CHECK_OK(c, gf_st_writer_add_f32(&w, "big16", 1, shape, values, GF_DTYPE_F16, &err), &err);
    char path[512];
    check_tmp_path(path, sizeof path, "st_big.safetensors");
    CHECK_OK(c, gf_st_writer_write(&w, path, &err), &err);
    gf_st_writer_free(&w);

    gf_safetensors st;
    if (CHECK_OK(c, gf_safetensors_open(&st, path, &err), &err)) {
        const char *names[2] = {"big32", "big16"};
        for (int k = 0; k < 2; k++) {
            memset(back, 0, N * sizeof *back);
            CHECK_OK(c, gf_safetensors_read_f32(&st, gf_safetensors_find(&st, names[k]), back, N,
                                                &err), &err);
            CHECK(c, memcmp(back, values, N * sizeof *back) == 0);
        }
        /* Cut the file to its header while it is open, then read again. */
        CHECK(c, truncate(path, (off_t)(8 + st.header_length)) == 0);
        gf_status s = gf_safetensors_read_f32(&st, gf_safetensors_find(&st, "big32"), back, N,
                                              &err);
        CHECK_INT(c, s, GF_ERR_IO);
        CHECK(c, strstr(err.message, path) != NULL && strstr(err.message, "cut while open") != NULL);
        gf_safetensors_close(&st);
    }
    free(values);
    free(back);
}

/* ---- writer round trip ------------------------------------------------------ */

static void test_round_trip(check_ctx *c)
{
    gf_error err;
    gf_error_clear(&err);
    gf_st_writer w;
    gf_st_writer_init(&w);

    const int64_t s23[2] = {2, 3}, s4[1] = {4}, s3[1] = {3}, s22[2] = {2, 2}, s05[2] = {0, 5};
    const int64_t s0[1] = {0}, s1[1] = {1};
    const float m[6] = {1.0f, -2.0f, 0.1f, 1e-30f, 3.0e38f, -0.0f};
    const float halfs[4] = {0.5f, -1.25f, 65504.0f, 0x1p-24f}; /* exact in f16 */
    const float brains[3] = {1.0f, -3.140625f, 256.0f};        /* exact in bf16 */
    const int32_t ints[4] = {0, -1, INT32_MIN, INT32_MAX};
    const float scalar = 42.5f;
    const float tie = 1.0f + 0x1p-11f + 0x1p-20f; /* rounds up to 1 + 2^-10 in f16 */

    CHECK_OK(c, gf_st_writer_set_metadata(&w, "format", "np", &err), &err);
    CHECK_OK(c, gf_st_writer_set_metadata(&w, "note", "glass \"former\"\n", &err), &err);
    CHECK_OK(c, gf_st_writer_set_metadata(&w, "format", "pt", &err), &err); /* replaces */
    CHECK_OK(c, gf_st_writer_add_f32(&w, "m", 2, s23, m, GF_DTYPE_F32, &err), &err);
    CHECK_OK(c, gf_st_writer_add_f32(&w, "h", 1, s4, halfs, GF_DTYPE_F16, &err), &err);
    CHECK_OK(c, gf_st_writer_add_f32(&w, "b", 1, s3, brains, GF_DTYPE_BF16, &err), &err);
    CHECK_OK(c, gf_st_writer_add_i32(&w, "i", 2, s22, ints, &err), &err);
    CHECK_OK(c, gf_st_writer_add_f32(&w, "scalar", 0, NULL, &scalar, GF_DTYPE_F32, &err), &err);
    CHECK_OK(c, gf_st_writer_add_f32(&w, "empty", 2, s05, NULL, GF_DTYPE_F32, &err), &err);
    CHECK_OK(c, gf_st_writer_add_i32(&w, "empty_i", 1, s0, NULL, &err), &err);
    CHECK_OK(c, gf_st_writer_add_f32(&w, "tie", 1, s1, &tie, GF_DTYPE_F16, &err), &err);
    CHECK_OK(c, gf_st_writer_add_f32(&w, "name with \"quotes\" and ü", 1, s1, &scalar,
                                     GF_DTYPE_F32, &err),
             &err);

    char path[512], tmp[600];
    check_tmp_path(path, sizeof path, "st_round.safetensors");
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    remove(path);
    CHECK_OK(c, gf_st_writer_write(&w, path, &err), &err);
    CHECK(c, access(tmp, F_OK) != 0); /* the temporary was renamed away */
    gf_st_writer_free(&w);

    /* The raw layout: header length a multiple of 8, metadata first. */
    FILE *f = fopen(path, "rb");
    uint8_t head[24] = {0};
    CHECK(c, f && fread(head, 1, sizeof head, f) == sizeof head);
    if (f)
        fclose(f);
    unsigned long long n = 0;
    for (int i = 7; i >= 0; i--)
        n = (n << 8) | head[i];
    CHECK_INT(c, (long long)(n % 8), 0);
    CHECK(c, memcmp(head + 8, "{\"__metadata__\"", 15) == 0);

    gf_safetensors st;
    if (!CHECK_OK(c, gf_safetensors_open(&st, path, &err), &err))
        return;
    CHECK_INT(c, st.count, 9);
    CHECK_INT(c, (long long)st.payload_size, 24 + 8 + 6 + 16 + 4 + 0 + 0 + 2 + 4);
    CHECK_STR(c, st.entries[0].name, "m"); /* insertion order kept */
    CHECK_STR(c, st.entries[8].name, "name with \"quotes\" and ü");

    float got[6];
    const gf_st_entry *e = gf_safetensors_find(&st, "m");
    CHECK(c, e && e->ndim == 2 && e->shape[0] == 2 && e->shape[1] == 3);
    CHECK_OK(c, gf_safetensors_read_f32(&st, e, got, 6, &err), &err);
    CHECK(c, memcmp(got, m, sizeof m) == 0); /* bit-exact, including -0.0 */

    e = gf_safetensors_find(&st, "h");
    CHECK(c, e && e->dtype == GF_DTYPE_F16 && e->end - e->begin == 8);
    CHECK_OK(c, gf_safetensors_read_f32(&st, e, got, 4, &err), &err);
    CHECK(c, memcmp(got, halfs, sizeof halfs) == 0);

    e = gf_safetensors_find(&st, "b");
    CHECK(c, e && e->dtype == GF_DTYPE_BF16 && e->end - e->begin == 6);
    CHECK_OK(c, gf_safetensors_read_f32(&st, e, got, 3, &err), &err);
    CHECK(c, memcmp(got, brains, sizeof brains) == 0);

    int32_t gi[4];
    e = gf_safetensors_find(&st, "i");
    CHECK(c, e && e->dtype == GF_DTYPE_I32);
    CHECK_OK(c, gf_safetensors_read_i32(&st, e, gi, 4, &err), &err);
    CHECK(c, memcmp(gi, ints, sizeof ints) == 0);

    e = gf_safetensors_find(&st, "scalar");
    CHECK(c, e && e->ndim == 0 && e->numel == 1);
    CHECK_OK(c, gf_safetensors_read_f32(&st, e, got, 1, &err), &err);
    CHECK(c, got[0] == 42.5f);

    e = gf_safetensors_find(&st, "empty");
    CHECK(c, e && e->ndim == 2 && e->shape[0] == 0 && e->shape[1] == 5 && e->numel == 0);
    e = gf_safetensors_find(&st, "empty_i");
    CHECK(c, e && e->ndim == 1 && e->numel == 0 && e->begin == e->end);
    CHECK_OK(c, gf_safetensors_read_i32(&st, e, NULL, 0, &err), &err);

    e = gf_safetensors_find(&st, "tie");
    CHECK_OK(c, gf_safetensors_read_f32(&st, e, got, 1, &err), &err);
    CHECK(c, got[0] == 1.0f + 0x1p-10f);
    gf_safetensors_close(&st);
}

static void test_writer_rejects(check_ctx *c)
{
    gf_error err;
    gf_error_clear(&err);
    gf_st_writer w;
    gf_st_writer_init(&w);
    const int64_t s2[1] = {2}, neg[2] = {2, -1}, big[3] = {1LL << 40, 1LL << 40, 1LL << 40};
    const int64_t nine[9] = {1, 1, 1, 1, 1, 1, 1, 1, 1};
    const float v[2] = {1, 2};
    const int32_t iv[2] = {1, 2};

    CHECK_OK(c, gf_st_writer_add_f32(&w, "x", 1, s2, v, GF_DTYPE_F32, &err), &err);
    check_fails(c, gf_st_writer_add_f32(&w, "x", 1, s2, v, GF_DTYPE_F16, &err), &err, "'x'",
                "twice", "duplicate name");
    check_fails(c, gf_st_writer_add_i32(&w, "x", 1, s2, iv, &err), &err, "'x'", "twice",
                "duplicate name (i32)");
    check_fails(c, gf_st_writer_add_f32(&w, "", 1, s2, v, GF_DTYPE_F32, &err), &err, "writer",
                "empty", "empty name");
    check_fails(c, gf_st_writer_add_f32(&w, NULL, 1, s2, v, GF_DTYPE_F32, &err), &err, "writer",
                "empty", "NULL name");
    check_fails(c, gf_st_writer_add_f32(&w, "__metadata__", 1, s2, v, GF_DTYPE_F32, &err), &err,
                "__metadata__", "reserved", "reserved name");
    check_fails(c, gf_st_writer_add_f32(&w, "y", 2, neg, v, GF_DTYPE_F32, &err), &err, "'y'",
                "shape[1]", "negative dim");
    check_fails(c, gf_st_writer_add_f32(&w, "y", 9, nine, v, GF_DTYPE_F32, &err), &err, "'y'",
                "ndim", "too many dims");
    check_fails(c, gf_st_writer_add_f32(&w, "y", -1, s2, v, GF_DTYPE_F32, &err), &err, "'y'",
                "ndim", "negative ndim");
    check_fails(c, gf_st_writer_add_f32(&w, "y", 1, NULL, v, GF_DTYPE_F32, &err), &err, "'y'",
                "ndim", "no shape");
    check_fails(c, gf_st_writer_add_f32(&w, "y", 3, big, v, GF_DTYPE_F32, &err), &err, "'y'",
                "2^53", "overflowing element count");
    check_fails(c, gf_st_writer_add_f32(&w, "y", 1, s2, v, GF_DTYPE_I32, &err), &err, "'y'",
                "I32", "float stored as I32");
    check_fails(c, gf_st_writer_add_f32(&w, "y", 1, s2, NULL, GF_DTYPE_F32, &err), &err, "'y'",
                "no data", "NULL data");
    /* A finite value the half type can only store as infinity is refused;
     * F16's largest is 65504, and 65519 still rounds down to it. */
    const float f16_edge[2] = {65504.0f, 65519.0f}, f16_over[2] = {1.0f, 65520.0f};
    const float bf16_over[2] = {3.4e38f, 1.0f};
    CHECK_OK(c, gf_st_writer_add_f32(&w, "edge", 1, s2, f16_edge, GF_DTYPE_F16, &err), &err);
    check_fails(c, gf_st_writer_add_f32(&w, "y", 1, s2, f16_over, GF_DTYPE_F16, &err), &err,
                "'y': element 1 = 65520", "beyond F16's largest", "beyond F16's range");
    CHECK_OK(c, gf_st_writer_add_f32(&w, "y16", 1, s2, f16_over, GF_DTYPE_BF16, &err), &err);
    check_fails(c, gf_st_writer_add_f32(&w, "y", 1, s2, bf16_over, GF_DTYPE_BF16, &err), &err,
                "'y': element 0", "beyond BF16's largest", "beyond BF16's range");
    CHECK_INT(c, w.count, 3); /* nothing half-added */

    char path[512];
    check_tmp_path(path, sizeof path, "no_such_dir/sub/out.safetensors");
    check_fails(c, gf_st_writer_write(&w, path, &err), &err, path, "cannot create",
                "missing directory");
    CHECK_INT(c, err.status, GF_ERR_IO);
    gf_st_writer_free(&w);
    gf_st_writer_free(&w); /* freeing twice is harmless */
}

/* ---- malformed files ------------------------------------------------------- */

typedef struct {
    const char *what;
    const char *header;
    size_t payload_len; /* bytes of zero payload after the header */
    const char *part;   /* text the message must contain besides the source */
} bad_case;

#define T1 "{\"w\":{\"dtype\":\"F32\",\"shape\":"
static const bad_case bad_cases[] = {
    {"header not JSON", "{not json", 0, "JSON"},
    {"empty header", "", 0, "JSON"},
    {"header is an array", "[1,2]", 0, "object"},
    {"header is a string", "\"hello\"", 0, "object"},
    {"header is a number", "42", 0, "object"},
    {"junk after the object", "{} x", 0, "after"},
    {"a key twice in an entry", "{\"a\":{\"dtype\":\"F32\",\"dtype\":\"F16\",\"shape\":[1],"
     "\"data_offsets\":[0,4]}}", 4, "key \"dtype\" given twice"},
    {"two objects", "{}{}", 0, "after"},
    {"entry not an object", "{\"w\":5}", 0, "'w'"},
    {"missing dtype", "{\"w\":{\"shape\":[1],\"data_offsets\":[0,4]}}", 4, "'w': dtype"},
    {"missing shape", "{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", 4, "'w': shape"},
    {"missing data_offsets", T1 "[1]}}", 4, "'w': data_offsets"},
    {"dtype not a string", "{\"w\":{\"dtype\":4,\"shape\":[1],\"data_offsets\":[0,4]}}", 4,
     "dtype"},
    {"unknown dtype", "{\"w\":{\"dtype\":\"Q4\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4,
     "Q4"},
    {"shape not an array", T1 "3,\"data_offsets\":[0,4]}}", 4, "'w': shape"},
    {"negative shape", T1 "[-1],\"data_offsets\":[0,4]}}", 4, "shape[0]"},
    {"fractional shape", T1 "[2,1.5],\"data_offsets\":[0,12]}}", 12, "shape[1]"},
    {"huge shape", T1 "[1e300],\"data_offsets\":[0,4]}}", 4, "shape[0]"},
    {"infinite shape", T1 "[1e999],\"data_offsets\":[0,4]}}", 4, "shape[0]"},
    {"shape of strings", T1 "[\"2\"],\"data_offsets\":[0,8]}}", 8, "shape[0]"},
    {"shape of null", T1 "[null],\"data_offsets\":[0,8]}}", 8, "shape[0]"},
    {"nine dims", T1 "[1,1,1,1,1,1,1,1,1],\"data_offsets\":[0,4]}}", 4, "dimensions"},
    {"shape product overflows", T1 "[4294967296,4294967296,4294967296],\"data_offsets\":[0,4]}}",
     4, "overflow"},
    {"offsets past the end", T1 "[100],\"data_offsets\":[0,400]}}", 8, "past"},
    {"offsets absurd", T1 "[1],\"data_offsets\":[9007199254740000,9007199254740004]}}", 8,
     "past"},
    {"begin after end", T1 "[0],\"data_offsets\":[8,0]}}", 8, "after"},
    {"one offset", T1 "[1],\"data_offsets\":[0]}}", 4, "data_offsets"},
    {"three offsets", T1 "[1],\"data_offsets\":[0,4,8]}}", 8, "data_offsets"},
    {"negative offset", T1 "[1],\"data_offsets\":[-4,0]}}", 8, "data_offsets[0]"},
    {"fractional offset", T1 "[1],\"data_offsets\":[0,4.5]}}", 8, "data_offsets[1]"},
    {"size not shape*dtype", T1 "[3],\"data_offsets\":[0,8]}}", 8, "need 3 x 4"},
    {"F16 size mismatch",
     "{\"w\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[0,12]}}", 12, "F16"},
    {"overlapping tensors",
     "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
     "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}",
     12, "overlap"},
    {"one tensor inside another",
     "{\"a\":{\"dtype\":\"U8\",\"shape\":[16],\"data_offsets\":[0,16]},"
     "\"c\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[15,16]},"
     "\"b\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[4,6]}}",
     16, "overlap"},
    {"duplicate name",
     "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
     "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",
     8, "key \"a\" given twice"},
    {"metadata not an object", "{\"__metadata__\":[1]}", 0, "__metadata__"},
    {"metadata value not a string", "{\"__metadata__\":{\"epoch\":3}}", 0, "'epoch'"},
};

static void test_bad_headers(check_ctx *c)
{
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        const bad_case *b = &bad_cases[i];
        uint8_t zeros[64] = {0};
        size_t size;
        uint8_t *img = make_image(b->header, zeros, b->payload_len, &size);
        char source[128];
        snprintf(source, sizeof source, "bad/case%zu.safetensors", i);
        gf_error err;
        gf_error_clear(&err);
        gf_safetensors st;
        gf_status s = gf_safetensors_parse(&st, img, size, source, &err); /* takes img */
        check_fails(c, s, &err, source, b->part, b->what);
        CHECK(c, is_empty(&st));
        gf_safetensors_close(&st);
    }
}

/* Files broken below the JSON: length prefix and truncation. */
static void test_bad_framing(check_ctx *c)
{
    gf_error err;
    gf_error_clear(&err);
    gf_safetensors st;
    const char *src = "short.safetensors";

    uint8_t *img = xmalloc(5);
    memset(img, 0, 5);
    check_fails(c, gf_safetensors_parse(&st, img, 5, src, &err), &err, src, "5 bytes",
                "five-byte file");
    CHECK(c, is_empty(&st));
    check_fails(c, gf_safetensors_parse(&st, xmalloc(1), 0, src, &err), &err, src, "0 bytes",
                "empty file");

    /* Header length larger than the file: 1000 claimed, 10 there. */
    img = xmalloc(18);
    memset(img, 0, 18);
    img[0] = 0xE8;
    img[1] = 0x03;
    check_fails(c, gf_safetensors_parse(&st, img, 18, src, &err), &err, src,
                "header length 1000 needs 1008 bytes; the file has 18", "length > file");
    /* One byte short: the 8-byte length prefix counts too (8 + 4 > 11). */
    img = xmalloc(11);
    memset(img, ' ', 11);
    memset(img, 0, 8);
    img[0] = 4;
    check_fails(c, gf_safetensors_parse(&st, img, 11, src, &err), &err, src,
                "header length 4 needs 12 bytes; the file has 11", "length one byte over");

    /* Header length over the 100 MB cap (200 MB), and the all-ones length. */
    img = xmalloc(16);
    memset(img, 0, 16);
    img[3] = 0x0C;
    img[2] = 0x80; /* 0x0C800000 = 209715200 */
    check_fails(c, gf_safetensors_parse(&st, img, 16, src, &err), &err, src,
                "header length 209715200 exceeds the", "length > 100 MB");
    img = xmalloc(16);
    memset(img, 0xFF, 16);
    check_fails(c, gf_safetensors_parse(&st, img, 16, src, &err), &err, src, "header length",
                "length 2^64-1");

    /* The payload must be filled exactly: one byte too many, or a hole. */
    uint8_t longer[sizeof hand_payload + 1];
    memcpy(longer, hand_payload, sizeof hand_payload);
    longer[sizeof hand_payload] = 0;
    size_t long_size;
    img = make_image(hand_header, longer, sizeof longer, &long_size);
    check_fails(c, gf_safetensors_parse(&st, img, long_size, src, &err), &err, src,
                "1 byte after the last tensor's data", "a byte after the data");
    static const char holed[] = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                                "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}";
    img = make_image(holed, hand_payload, 12, &long_size);
    check_fails(c, gf_safetensors_parse(&st, img, long_size, src, &err), &err, src,
                "payload bytes [4, 8) belong to no tensor", "a hole");
    img = make_image("{}", hand_payload, 4, &long_size);
    check_fails(c, gf_safetensors_parse(&st, img, long_size, src, &err), &err, src,
                "4 payload bytes but no tensors", "bytes and no tensors");

    /* A valid hand-made file with its payload cut by one byte. */
    size_t size;
    img = make_image(hand_header, hand_payload, sizeof hand_payload, &size);
    check_fails(c, gf_safetensors_parse(&st, img, size - 1, src, &err), &err, src, "'e'",
                "payload cut");
    CHECK(c, strstr(err.message, "past the payload") != NULL);

    /* Files that cannot be read at all. */
    char path[512];
    check_tmp_path(path, sizeof path, "st_does_not_exist.safetensors");
    check_fails(c, gf_safetensors_open(&st, path, &err), &err, path, "missing",
                "missing file");
    CHECK_INT(c, err.status, GF_ERR_IO);
    check_tmp_path(path, sizeof path, "");
    check_fails(c, gf_safetensors_open(&st, path, &err), &err, path, "regular",
                "a directory");
    CHECK(c, is_empty(&st));
    /* A FIFO: refused before open(), which would wait for a writer forever. */
    check_tmp_path(path, sizeof path, "st_fifo.safetensors");
    remove(path);
    if (CHECK(c, mkfifo(path, 0600) == 0)) {
        check_fails(c, gf_safetensors_open(&st, path, &err), &err, path, "not a regular file (a pipe",
                    "a FIFO");
        remove(path);
    }

    /* On disk: an empty file and a file cut inside its payload. */
    check_tmp_path(path, sizeof path, "st_empty.safetensors");
    write_file_bytes(c, path, "", 0);
    check_fails(c, gf_safetensors_open(&st, path, &err), &err, path, "too short",
                "empty file on disk");
    CHECK(c, is_empty(&st));
    img = make_image(hand_header, hand_payload, sizeof hand_payload, &size);
    check_tmp_path(path, sizeof path, "st_cut.safetensors");
    write_file_bytes(c, path, img, size - 1);
    free(img);
    check_fails(c, gf_safetensors_open(&st, path, &err), &err, path, "past the payload",
                "payload cut on disk");
    CHECK(c, is_empty(&st));
}

/* ---- fuzz-ish -------------------------------------------------------------- */

/* After a successful parse, the validator's promises must hold. */
static bool entries_sane(const gf_safetensors *st)
{
    for (int i = 0; i < st->count; i++) {
        const gf_st_entry *e = &st->entries[i];
        size_t es = e->dtype == GF_DTYPE_OTHER ? 1 : gf_dtype_size(e->dtype);
        if (e->begin > e->end || e->end > st->payload_size || e->numel < 0 ||
            (e->dtype != GF_DTYPE_OTHER && (uint64_t)e->numel * es != e->end - e->begin))
            return false;
    }
    return true;
}

/* Parse a copy of img (size bytes); on success read every tensor. Returns status. */
static gf_status parse_and_read(const uint8_t *img, size_t size, bool *sane)
{
    uint8_t *copy = xmalloc(size);
    memcpy(copy, img, size);
    gf_error err;
    gf_safetensors st;
    gf_status s = gf_safetensors_parse(&st, copy, size, "fuzz.safetensors", &err);
    *sane = s == GF_OK ? entries_sane(&st) : is_empty(&st) && strstr(err.message, "fuzz.") &&
                                                 !strchr(err.message, '\n');
    for (int i = 0; s == GF_OK && i < st.count; i++) {
        const gf_st_entry *e = &st.entries[i];
        size_t n = (size_t)e->numel;
        if (n > 4096)
            continue;
        float *f = xmalloc(n * sizeof *f);
        int32_t *k = xmalloc(n * sizeof *k);
        gf_safetensors_read_f32(&st, e, f, e->numel, &err);
        gf_safetensors_read_i32(&st, e, k, e->numel, &err);
        free(f);
        free(k);
    }
    gf_safetensors_close(&st);
    return s;
}

static void test_fuzz(check_ctx *c)
{
    size_t size;
    uint8_t *img = make_image(hand_header, hand_payload, sizeof hand_payload, &size);
    bool sane = false;
    CHECK_INT(c, parse_and_read(img, size, &sane), GF_OK);

    int accepted = 0, insane = 0;
    for (size_t len = 0; len < size; len++) { /* every truncation fails cleanly */
        if (parse_and_read(img, len, &sane) == GF_OK)
            accepted++;
        insane += !sane;
    }
    CHECK_INT(c, accepted, 0);
    CHECK_INT(c, insane, 0);

    static const uint8_t masks[] = {0x01, 0x02, 0x08, 0x20, 0x40, 0x80, 0xFF};
    size_t header_end = 8 + strlen(hand_header);
    int rejected = 0;
    for (size_t at = 0; at < header_end; at++) {
        for (size_t m = 0; m < sizeof masks; m++) {
            img[at] ^= masks[m];
            if (parse_and_read(img, size, &sane) != GF_OK)
                rejected++;
            insane += !sane;
            img[at] ^= masks[m];
        }
    }
    CHECK_INT(c, insane, 0);
    CHECK(c, rejected > 0);
    free(img);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "safetensors");
    test_f16_from_f32(&c);
    test_f16_to_f32(&c);
    test_bf16(&c);
    test_dtype_table(&c);
    test_hand_file(&c);
    test_file_reads(&c);
    test_round_trip(&c);
    test_writer_rejects(&c);
    test_bad_headers(&c);
    test_bad_framing(&c);
    test_fuzz(&c);
    return check_end(&c);
}

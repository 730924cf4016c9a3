/* test_viewer_units.c — the viewer's small pure pieces: colour maps against
 * their published end and centre colours, the string tables (complete, same
 * printf conversions in both languages), option parsing and token labels. */
#include "check.h"

#include "colormap.h"
#include "i18n.h"
#include "options.h"
#include "session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool rgb_is(gf_rgba c, unsigned hex)
{
    return c.r == ((hex >> 16) & 0xff) && c.g == ((hex >> 8) & 0xff) && c.b == (hex & 0xff);
}

static float luminance(gf_rgba c)
{
    return 0.2126f * c.r + 0.7152f * c.g + 0.0722f * c.b;
}

static void test_colormaps(check_ctx *c)
{
    /* viridis: #440154 at 0, #fde725 at 1, #21918c-ish teal in the middle. */
    CHECK(c, rgb_is(gf_cmap_sample(GF_CMAP_SEQUENTIAL, 0.0f), 0x440154));
    CHECK(c, rgb_is(gf_cmap_sample(GF_CMAP_SEQUENTIAL, 1.0f), 0xfde725));
    CHECK(c, rgb_is(gf_cmap_sample(GF_CMAP_SEQUENTIAL, -3.0f), 0x440154));   /* clamped */
    gf_rgba mid = gf_cmap_sample(GF_CMAP_SEQUENTIAL, 0.5f);
    CHECK(c, mid.g > mid.r && mid.b > mid.r);                              /* teal */
    /* Perceptual: lightness grows monotonically along viridis. */
    float prev = -1.0f;
    bool monotone = true;
    for (int i = 0; i <= 50; i++) {
        float l = luminance(gf_cmap_sample(GF_CMAP_SEQUENTIAL, (float)i / 50.0f));
        monotone = monotone && l >= prev - 0.5f;
        prev = l;
    }
    CHECK(c, monotone);
    /* Diverging: 0 is the white centre whatever the range's asymmetry. */
    CHECK(c, rgb_is(gf_cmap_value(GF_CMAP_DIVERGING, 0.0f, -1.0f, 4.0f), 0xf7f7f7));
    CHECK(c, rgb_is(gf_cmap_value(GF_CMAP_DIVERGING, -4.0f, -1.0f, 4.0f), 0x053061));
    CHECK(c, rgb_is(gf_cmap_value(GF_CMAP_DIVERGING, 4.0f, -1.0f, 4.0f), 0x67001f));
    CHECK_NEAR(c, gf_cmap_position(GF_CMAP_DIVERGING, 2.0f, -1.0f, 4.0f), 0.75, 1e-6);
    CHECK_NEAR(c, gf_cmap_position(GF_CMAP_SEQUENTIAL, 2.0f, 1.0f, 5.0f), 0.25, 1e-6);
    gf_rgba neg = gf_cmap_value(GF_CMAP_DIVERGING, -1.0f, -2.0f, 2.0f);
    CHECK(c, neg.b > neg.r);                                               /* blue side */
    /* Every head gets its own colour (12 heads). */
    int distinct = 0;
    for (int i = 0; i < 12; i++) {
        bool dup = false;
        for (int j = 0; j < i; j++) {
            gf_rgba a = gf_colour_head(i), b = gf_colour_head(j);
            dup = dup || (a.r == b.r && a.g == b.g && a.b == b.b);
        }
        distinct += !dup;
    }
    CHECK_INT(c, distinct, 12);
}

/* The printf conversions of s, e.g. "%d%s" for "a %d b %s". */
static void conversions(const char *s, char *out, size_t size)
{
    size_t n = 0;
    for (const char *p = s; *p && n + 8 < size; p++) {
        if (*p != '%')
            continue;
        p++;
        if (*p == '%')
            continue;
        out[n++] = '%';
        while (*p && strchr("diouxXfeEgGsc", *p) == NULL)
            out[n++] = *p++;
        if (*p)
            out[n++] = *p;
    }
    out[n] = '\0';
}

static void test_strings(check_ctx *c)
{
    int missing = 0, mismatched = 0;
    for (int id = 0; id < GF_STR_COUNT; id++) {
        const char *en = gf_i18n(GF_LANG_EN, (gf_str)id), *ru = gf_i18n(GF_LANG_RU, (gf_str)id);
        missing += strcmp(en, "?") == 0 || en[0] == '\0' || strcmp(ru, "?") == 0 || ru[0] == '\0';
        char a[64], b[64];
        conversions(en, a, sizeof a);
        conversions(ru, b, sizeof b);
        if (strcmp(a, b) != 0) {
            mismatched++;
            fprintf(stderr, "  string %d: \"%s\" vs \"%s\"\n", id, a, b);
        }
    }
    CHECK_INT(c, missing, 0);
    CHECK_INT(c, mismatched, 0);
    for (int id = 0; id < GF_STAGE_COUNT; id++) {
        CHECK(c, strcmp(gf_i18n_stage_name(GF_LANG_RU, (gf_stage_id)id), "?") != 0);
        CHECK(c, gf_i18n_stage_summary(GF_LANG_RU, (gf_stage_id)id)[0] != '\0');
        CHECK_STR(c, gf_i18n_stage_name(GF_LANG_EN, (gf_stage_id)id), gf_stage_get((gf_stage_id)id)->name);
    }
    CHECK_INT(c, gf_lang_pick("ru"), GF_LANG_RU);
    CHECK_INT(c, gf_lang_pick("en"), GF_LANG_EN);
    setenv("LC_ALL", "ru_RU.UTF-8", 1);
    CHECK_INT(c, gf_lang_pick(NULL), GF_LANG_RU);
    setenv("LC_ALL", "C", 1);
    setenv("LANG", "ru_RU.UTF-8", 1);
    CHECK_INT(c, gf_lang_pick(NULL), GF_LANG_EN);   /* LC_ALL wins over LANG */
    unsetenv("LC_ALL");
}

static void test_options(check_ctx *c)
{
    gf_options o;
    char err[256];
    char *ok_args[] = {"glassformer", "--size", "1280x720", "--stage", "mask", "--layer", "3",
                       "--lang", "ru", "--temperature", "1.5", "--large"};
    CHECK(c, gf_options_parse(&o, 12, ok_args, err, sizeof err));
    CHECK_INT(c, o.width, 1280);
    CHECK_INT(c, o.height, 720);
    CHECK_STR(c, o.stage, "mask");
    CHECK_INT(c, o.layer, 3);
    CHECK(c, o.large);
    CHECK_NEAR(c, o.temperature, 1.5, 1e-6);
    char *bad_size[] = {"glassformer", "--size", "12x"};
    CHECK(c, !gf_options_parse(&o, 3, bad_size, err, sizeof err));
    CHECK(c, strstr(err, "--size") != NULL);
    char *missing[] = {"glassformer", "--prompt"};
    CHECK(c, !gf_options_parse(&o, 2, missing, err, sizeof err));
    char *unknown[] = {"glassformer", "--frobnicate", "1"};
    CHECK(c, !gf_options_parse(&o, 3, unknown, err, sizeof err));
    CHECK(c, strstr(err, "--frobnicate") != NULL);
    char *lang[] = {"glassformer", "--lang", "de"};
    CHECK(c, !gf_options_parse(&o, 3, lang, err, sizeof err));
    /* Model folder: --model, else $GLASSFORMER_ASSETS/models/default. */
    char dir[512];
    char *none[] = {"glassformer"};
    CHECK(c, gf_options_parse(&o, 1, none, err, sizeof err));
    setenv("GLASSFORMER_ASSETS", "/opt/gf", 1);
    gf_options_model_dir(&o, dir, sizeof dir);
    CHECK_STR(c, dir, "/opt/gf/models/default");
    char *with_model[] = {"glassformer", "--model", "/m"};
    CHECK(c, gf_options_parse(&o, 3, with_model, err, sizeof err));
    gf_options_model_dir(&o, dir, sizeof dir);
    CHECK_STR(c, dir, "/m");
    unsetenv("GLASSFORMER_ASSETS");
}

static void test_labels(check_ctx *c)
{
    gf_tokenizer *tok = NULL;
    gf_error err;
    CHECK_OK(c, gf_tokenizer_new_byte_level(&tok, &err), &err);
    if (tok == NULL)
        return;
    char buf[GF_LABEL_MAX];
    /* Byte-level ids are GPT-2's byte order; find bytes through the tokenizer. */
    int32_t space = -1, newline = -1, a = -1, lead = -1;
    for (int32_t id = 0; id < 256; id++) {
        size_t n = 0;
        const char *b = gf_tokenizer_token_bytes(tok, id, &n);
        if (b == NULL || n != 1)
            continue;
        unsigned char ch = (unsigned char)b[0];
        space = ch == ' ' ? id : space;
        newline = ch == '\n' ? id : newline;
        a = ch == 'a' ? id : a;
        lead = ch == 0xD0 ? id : lead;
    }
    gf_token_label(tok, space, buf, sizeof buf);
    CHECK_STR(c, buf, "␣");
    gf_token_label(tok, newline, buf, sizeof buf);
    CHECK_STR(c, buf, "↵");
    gf_token_label(tok, a, buf, sizeof buf);
    CHECK_STR(c, buf, "a");
    gf_token_label(tok, lead, buf, sizeof buf);   /* half of a Cyrillic letter */
    CHECK_STR(c, buf, "\\xD0");
    gf_token_label(tok, 99999, buf, sizeof buf);
    CHECK_STR(c, buf, "#99999");
    gf_tokenizer_free(tok);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "test_viewer_units");
    test_colormaps(&c);
    test_strings(&c);
    test_options(&c);
    test_labels(&c);
    return check_end(&c);
}

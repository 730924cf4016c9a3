/* test_viewer_units.c — the viewer's small pure pieces: colour maps against
 * their published end and centre colours, the string tables (complete, same
 * printf conversions in both languages), option parsing and token labels. */
#include "check.h"

#include "app.h"
#include "colormap.h"
#include "i18n.h"
#include "options.h"
#include "session.h"
#include "ui.h"
#include "widgets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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
            gf_rgba a = gf_style_head(gf_style_default(), i), b = gf_style_head(gf_style_default(), j);
            dup = dup || (a.r == b.r && a.g == b.g && a.b == b.b);
        }
        distinct += !dup;
    }
    CHECK_INT(c, distinct, 12);
}

/* Every language's text file loads, checked against English, with every
 * string the viewer needs; keys are distinct; a broken translation is one
 * error naming the file and the key. */
static void test_strings(check_ctx *c)
{
    char dir[1024], err[512] = "";
    gf_options o;
    char *none[] = {"glassformer"};
    CHECK(c, gf_options_parse(&o, 1, none, err, sizeof err));
    gf_options_text_dir(&o, dir, sizeof dir);
    for (int l = 0; l < GF_LANG_COUNT; l++) {
        gf_texts tx;
        if (!CHECK(c, gf_texts_load(&tx, (gf_lang)l, dir, err, sizeof err))) {
            fprintf(stderr, "  %s\n", err);
            continue;
        }
        int empty = 0;
        for (int id = GF_STR_NONE + 1; id < GF_STR_COUNT; id++)
            empty += gf_i18n(&tx, (gf_str)id)[0] == '\0';
        CHECK_INT(c, empty, 0);
        gf_config cfg;
        gf_config_default(&cfg);
        cfg.norm_placement = GF_NORM_POST;
        for (int id = 0; id < GF_STAGE_COUNT; id++)
            CHECK(c, strcmp(gf_i18n_stage_name(&tx, (gf_stage_id)id, &cfg), "?") != 0);
        if (l == GF_LANG_RU)
            CHECK(c, strstr(gf_i18n_stage_name(&tx, GF_STAGE_NORM_1, &cfg), "после внимания"));
        gf_texts_free(&tx);
    }
    int same = 0;
    for (int a = GF_STR_NONE + 1; a < GF_STR_COUNT; a++)
        for (int b = a + 1; b < GF_STR_COUNT; b++)
            same += strcmp(gf_str_key((gf_str)a), gf_str_key((gf_str)b)) == 0;
    CHECK_INT(c, same, 0);
    CHECK(c, gf_str_key(GF_STR_NONE) == NULL);
    CHECK_STR(c, gf_i18n(NULL, GF_STR_PROMPT), "?");
    /* A translation that lost a key, or a file the viewer needs more from. */
    char bad[512], path[1200], line[1024];
    check_tmp_path(bad, sizeof bad, "text_broken");
    mkdir(bad, 0755);
    snprintf(path, sizeof path, "%s/en.txt", dir);
    FILE *in = fopen(path, "r");
    snprintf(path, sizeof path, "%s/en.txt", bad);
    FILE *en = fopen(path, "w");
    snprintf(path, sizeof path, "%s/ru.txt", bad);
    FILE *ru = fopen(path, "w");
    if (CHECK(c, in != NULL && en != NULL && ru != NULL)) {
        while (fgets(line, sizeof line, in) != NULL) {
            if (strncmp(line, "ui.prompt_hint =", 16) != 0)
                fputs(line, en);
            if (strncmp(line, "ui.prompt =", 11) != 0 && strncmp(line, "ui.prompt_hint =", 16) != 0)
                fputs(line, ru);
        }
    }
    if (in != NULL)
        fclose(in);
    if (en != NULL)
        fclose(en);
    if (ru != NULL)
        fclose(ru);
    gf_texts tx;
    CHECK(c, !gf_texts_load(&tx, GF_LANG_RU, bad, err, sizeof err));
    CHECK(c, strstr(err, "ru.txt: missing key ui.prompt (en.txt:") == err);
    CHECK(c, !gf_texts_load(&tx, GF_LANG_EN, bad, err, sizeof err));
    CHECK(c, strstr(err, "en.txt: missing key ui.prompt_hint (the viewer needs it)") != NULL);
    CHECK_INT(c, gf_lang_pick("ru"), GF_LANG_RU);
    CHECK_INT(c, gf_lang_pick("en"), GF_LANG_EN);
    CHECK_STR(c, gf_lang_code(GF_LANG_RU), "ru");
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
    CHECK(c, !o.fullscreen);
    CHECK_NEAR(c, o.temperature, 1.5, 1e-6);
    CHECK_INT(c, o.top_k, 0);                      /* sampler filters off by default */
    CHECK_NEAR(c, o.top_p, 1.0, 1e-6);
    char *full[] = {"glassformer", "--fullscreen"};
    CHECK(c, gf_options_parse(&o, 2, full, err, sizeof err));
    CHECK(c, o.fullscreen);
    CHECK_INT(c, o.palette, GF_TOKEN_PALETTE_STANDARD);
    char *palette[] = {"glassformer", "--palette", "colour-safe"};
    CHECK(c, gf_options_parse(&o, 3, palette, err, sizeof err));
    CHECK_INT(c, o.palette, GF_TOKEN_PALETTE_COLOUR_SAFE);
    char *bad_palette[] = {"glassformer", "--palette", "pastel"};
    CHECK(c, !gf_options_parse(&o, 3, bad_palette, err, sizeof err));
    CHECK(c, strstr(err, "standard or colour-safe") != NULL);
    char *filters[] = {"glassformer", "--top-k", "40", "--top-p", "0.9"};
    CHECK(c, gf_options_parse(&o, 5, filters, err, sizeof err));
    CHECK_INT(c, o.top_k, 40);
    CHECK_NEAR(c, o.top_p, 0.9, 1e-6);
    char *bad_p[] = {"glassformer", "--top-p", "0"};
    CHECK(c, !gf_options_parse(&o, 3, bad_p, err, sizeof err));
    char *bad_size[] = {"glassformer", "--size", "12x"};
    CHECK(c, !gf_options_parse(&o, 3, bad_size, err, sizeof err));
    CHECK(c, strstr(err, "--size") != NULL);
    char *small[] = {"glassformer", "--size", "959x540"};   /* below the smallest layout */
    CHECK(c, !gf_options_parse(&o, 3, small, err, sizeof err));
    char *smallest[] = {"glassformer", "--size", "960x540"};
    CHECK(c, gf_options_parse(&o, 3, smallest, err, sizeof err));
    char *missing[] = {"glassformer", "--prompt"};
    CHECK(c, !gf_options_parse(&o, 2, missing, err, sizeof err));
    char *unknown[] = {"glassformer", "--frobnicate", "1"};
    CHECK(c, !gf_options_parse(&o, 3, unknown, err, sizeof err));
    CHECK(c, strstr(err, "--frobnicate") != NULL);
    char *unknown_last[] = {"glassformer", "--frobnicate"};   /* unknown, not "needs a value" */
    CHECK(c, !gf_options_parse(&o, 2, unknown_last, err, sizeof err));
    CHECK_STR(c, err, "--frobnicate: unknown option (see --help)");
    char *lang[] = {"glassformer", "--lang", "de"};
    CHECK(c, !gf_options_parse(&o, 3, lang, err, sizeof err));
    CHECK_STR(c, err, "--lang de: invalid value, want en or ru");
    char *cold[] = {"glassformer", "--temperature", "-2"};
    CHECK(c, !gf_options_parse(&o, 3, cold, err, sizeof err));
    CHECK_STR(c, err, "--temperature -2: invalid value, want a number in [0, 100]");
    char *nan_t[] = {"glassformer", "--temperature", "nan"};
    CHECK(c, !gf_options_parse(&o, 3, nan_t, err, sizeof err));
    /* --keys names: any case, checked as a whole before any key runs. */
    SDL_Scancode key = SDL_SCANCODE_UNKNOWN;
    uint16_t mod = 0;
    CHECK(c, gf_key_from_name("T", &key, &mod) && key == SDL_SCANCODE_T && mod == 0);
    CHECK(c, gf_key_from_name("Shift+F12", &key, &mod) && key == SDL_SCANCODE_F12 &&
                 mod == KMOD_LSHIFT);
    CHECK(c, gf_key_from_name("0", &key, &mod) && key == SDL_SCANCODE_0);
    CHECK(c, gf_key_from_name("9", &key, &mod) && key == SDL_SCANCODE_9);
    CHECK(c, gf_keys_check("right,T,F12,ctrl+l,wheelup,wait,stay,[", err, sizeof err));
    CHECK(c, !gf_keys_check("right,bogus,left", err, sizeof err));
    CHECK(c, strncmp(err, "--keys: \"bogus\" is not a key name (known: a-z, 0-9,", 48) == 0);
    CHECK(c, !gf_keys_check("right,,left", err, sizeof err));   /* an empty name */
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

/* A glyph check that draws nothing above the Basic Multilingual Plane. */
static bool bmp_only(void *ctx, uint32_t cp)
{
    (void)ctx;
    return cp <= 0xffff;
}

/* Append the vocab.json symbol of raw bytes (concatenated byte symbols). */
static void symbol_of(const gf_tokenizer *bytes, const char *raw, size_t n, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        for (int32_t id = 0; id < 256; id++) {
            size_t len = 0;
            const char *b = gf_tokenizer_token_bytes(bytes, id, &len);
            if (b != NULL && len == 1 && b[0] == raw[i]) {
                const char *sym = gf_tokenizer_token_symbol(bytes, id);
                used += (size_t)snprintf(out + used, size - used, "%s%s",
                                         sym[0] == '"' || sym[0] == '\\' ? "\\" : "", sym);
                break;
            }
        }
    }
}

/* Tokens whose bytes are not printable text: every one becomes a visible
 * escape instead of a missing-glyph box. */
static void test_multibyte_labels(check_ctx *c, const gf_tokenizer *bytes)
{
    static const struct {
        const char *raw, *want, *want_bmp;
    } cases[] = {
        {"\xE2\x80\x8B", "\\u200B", "\\u200B"},                   /* zero-width space   */
        {"\xC2\x87", "\\u0087", "\\u0087"},                         /* C1 control         */
        {"\xE0\x80\x80", "\\xE0\\x80\\x80", "\\xE0\\x80\\x80"},    /* overlong           */
        {"\xED\xA0\x80", "\\xED\\xA0\\x80", "\\xED\\xA0\\x80"},    /* surrogate          */
        {"\xEF\xBF\xBF", "\\uFFFF", "\\uFFFF"},                     /* noncharacter       */
        {"\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80", "\\U0001F600"},     /* emoji: font check  */
        {"ab\xD0", "ab\\xD0", "ab\\xD0"},                              /* cut UTF-8          */
        {"\xD0\xBA\x7F", "к\\x7F", "к\\x7F"},                        /* Cyrillic + DEL     */
    };
    enum { N = sizeof cases / sizeof cases[0] };
    char vocab[512], merges[512], sym[64];
    check_tmp_path(vocab, sizeof vocab, "labels_vocab.json");
    check_tmp_path(merges, sizeof merges, "labels_merges.txt");
    FILE *f = fopen(vocab, "w"), *m = fopen(merges, "w");
    CHECK(c, f != NULL && m != NULL);
    if (f == NULL || m == NULL) {
        if (f)
            fclose(f);
        if (m)
            fclose(m);
        return;
    }
    fprintf(f, "{");
    for (int32_t id = 0; id < 256; id++) {
        size_t len = 0;
        const char *b = gf_tokenizer_token_bytes(bytes, id, &len);
        symbol_of(bytes, b, len, sym, sizeof sym);
        fprintf(f, "%s\"%s\": %d", id ? ", " : "", sym, (int)id);
    }
    for (int i = 0; i < N; i++) {
        symbol_of(bytes, cases[i].raw, strlen(cases[i].raw), sym, sizeof sym);
        fprintf(f, ", \"%s\": %d", sym, 256 + i);
    }
    fprintf(f, "}\n");
    fprintf(m, "#version: 0.2\n");
    fclose(f);
    fclose(m);
    gf_tokenizer *tok = NULL;
    gf_error err;
    if (!CHECK_OK(c, gf_tokenizer_load(&tok, vocab, merges, &err), &err))
        return;
    char buf[GF_LABEL_MAX];
    for (int i = 0; i < N; i++) {
        gf_token_label(tok, 256 + i, buf, sizeof buf);
        CHECK_STR(c, buf, cases[i].want);
        gf_token_label_glyphs(tok, 256 + i, bmp_only, NULL, buf, sizeof buf);
        CHECK_STR(c, buf, cases[i].want_bmp);
    }
    /* A label longer than the buffer stops at a whole piece. */
    char small[9];  /* room for 8 characters: two escapes, not the third */
    gf_token_label(tok, 256 + 2, small, sizeof small);
    CHECK_STR(c, small, "\\xE0\\x80");
    gf_tokenizer_free(tok);
}

/* Ranks and top lists against hand-sorted small rows. */
/* Bar axes: probabilities keep 0..100 % whatever their largest bar (the
 * probability view and every temperature lane: a 2.2 % bar at T = 2.1 is never
 * drawn longer than a 64 % bar at T = 0.7), logits include 0. */
/* Values as cells and panels print them: three decimals, three significant
 * digits below 0.01, and no negative zero. */
static void test_value_format(check_ctx *c)
{
    char buf[32];
    gf_format_value(-0.0f, buf, sizeof buf);
    CHECK_STR(c, buf, "0.000");
    gf_format_value(0.0f, buf, sizeof buf);
    CHECK_STR(c, buf, "0.000");
    gf_format_value(-0.78f, buf, sizeof buf);
    CHECK_STR(c, buf, "-0.780");
    gf_format_value(0.00372f, buf, sizeof buf);
    CHECK_STR(c, buf, "0.00372");
}

static void test_bar_axes(check_ctx *c)
{
    const int32_t ids[3] = {5, 6, 7};
    const float flat[3] = {0.125f, 0.1f, 0.05f};
    float lo = -1.0f, hi = -1.0f;
    gf_bars_spec lane = {"t", ids, flat, 3, true, "p", NULL, 1.0f};
    gf_bars_axis(&lane, 3, NULL, &lo, &hi);
    CHECK(c, lo == 0.0f && hi == 1.0f);
    gf_bars_spec probs_view = {"t", ids, flat, 3, true, "p", NULL, 0.0f};
    gf_bars_axis(&probs_view, 3, NULL, &lo, &hi);
    CHECK(c, lo == 0.0f && hi == 1.0f);
    const float hot[1] = {0.022f}, cold[1] = {0.64f};
    gf_bars_spec at_hot = {"t", ids, hot, 1, true, "p", NULL, 0.0f};
    gf_bars_spec at_cold = {"t", ids, cold, 1, true, "p", NULL, 0.0f};
    float lo2 = -1.0f, hi2 = -1.0f;
    gf_bars_axis(&at_hot, 1, NULL, &lo, &hi);
    gf_bars_axis(&at_cold, 1, NULL, &lo2, &hi2);
    CHECK(c, hot[0] / (hi - lo) < cold[0] / (hi2 - lo2));  /* shorter, as it should be */
    const float logits[3] = {2.5f, -0.5f, 1.0f};
    gf_bars_spec signed_bars = {"t", ids, logits, 3, false, "logit", NULL, 0.0f};
    gf_bars_axis(&signed_bars, 3, NULL, &lo, &hi);
    CHECK(c, lo == -0.5f && hi == 2.5f);
}

static void test_top_tokens(check_ctx *c)
{
    const float v[6] = {0.1f, 0.5f, 0.2f, 0.2f, 0.0f, -1.0f};
    CHECK_INT(c, gf_rank_of(v, 6, 1), 1);
    CHECK_INT(c, gf_rank_of(v, 6, 2), 2);       /* tie: the lower id first */
    CHECK_INT(c, gf_rank_of(v, 6, 3), 3);
    CHECK_INT(c, gf_rank_of(v, 6, 0), 4);
    CHECK_INT(c, gf_rank_of(v, 6, 5), 6);
    gf_top_tokens top;
    gf_top_tokens_fill(&top, v, 6, true);
    CHECK_INT(c, top.n, 4);                       /* 0 and −1 are left out */
    const int32_t order[4] = {1, 2, 3, 0};
    for (int i = 0; i < 4; i++)
        CHECK_INT(c, top.ids[i], order[i]);
    CHECK_INT(c, top.next_id, -1);
    gf_top_tokens_fill(&top, v, 6, false);
    CHECK_INT(c, top.n, 6);
    CHECK_INT(c, top.ids[5], 5);
    /* The marked token keeps its own value; its rank comes from rank_by. */
    const float logits[6] = {3.0f, 1.0f, 2.0f, 0.0f, 5.0f, 4.0f};
    gf_top_tokens_mark(&top, v, logits, 6, 2);
    CHECK_INT(c, top.next_id, 2);
    CHECK_NEAR(c, top.next_value, 0.2, 1e-7);
    CHECK_INT(c, top.next_rank, 4);               /* 5 > 4 > 3 > 2 */
    gf_top_tokens_mark(&top, v, logits, 6, 6);    /* out of range: no mark */
    CHECK_INT(c, top.next_id, -1);
    /* More than GF_TOP_TOKENS values: the largest ones, sorted. */
    float many[40];
    for (int i = 0; i < 40; i++)
        many[i] = (float)((i * 17) % 40);         /* a permutation of 0 … 39 */
    gf_top_tokens_fill(&top, many, 40, false);
    CHECK_INT(c, top.n, GF_TOP_TOKENS);
    bool sorted = true;
    for (int i = 0; i < top.n; i++)
        sorted = sorted && top.probs[i] == (float)(39 - i);
    CHECK(c, sorted);
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
    test_multibyte_labels(c, tok);
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
    test_top_tokens(&c);
    test_bar_axes(&c);
    test_value_format(&c);
    return check_end(&c);
}

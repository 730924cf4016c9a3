/* options.c — command-line parsing and the default model path. */
#include "options.h"

#include "i18n.h"
#include "screens.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef GF_ASSETS_DIR
#define GF_ASSETS_DIR "assets"
#endif
#ifndef GF_LESSONS_DIR
#define GF_LESSONS_DIR "lessons"
#endif

void gf_options_usage(const char *argv0)
{
    printf("usage: %s [--model DIR | --random tiny|gpt2|gpt2-medium|gpt2-large|gpt2-xl|gpt3]\n"
           "          [--prompt TEXT] [--lang en|ru] [--font FILE] [--large] [--fullscreen]\n"
           "          [--palette standard|colour-safe]\n"
           "          [--temperature T] [--top-k K] [--top-p P] [--seed N] [--capacity N]\n"
           "          [--stage KEY] [--layer L] [--head H] [--position T] [--sample N]\n"
           "          [--lane-tokens N]\n"
           "          [--screenshot out.png [--size WxH] [--hover X,Y]] [--keys k1,k2,...]\n"
           "          [--analogy EXPR] [--explain KEY,ROW,COL]\n"
           "          [--lesson FILE [--lesson-step N]]\n"
           "\n"
           "With no --model the default model opens: $GLASSFORMER_ASSETS/models/default\n"
           "(or %s/models/default).\n",
           argv0, GF_ASSETS_DIR);
    printf(
           "--temperature in [0, 100] (default 0.7; 0 = always the most likely token),\n"
           "--top-k 0 = off, --top-p in (0, 1] (1 = off), --seed (default 42).\n"
           "--stage/--layer/--head/--position/--sample open that view (--sample N first\n"
           "samples N tokens; --lane-tokens N: each temperature lane's length, default\n"
           "40, at most 1024 and the context; [ / ] change it). Stage keys: the core's stage keys (tokens, embed, norm_1,\n"
           "qkv, scores, mask, softmax, ... probs) plus the screens:");
    for (int i = 0; i < GF_SCREEN_COUNT; i++)
        if (gf_screen_get((gf_screen)i)->name != NULL)
            printf(" %s", gf_screen_get((gf_screen)i)->name);
    printf(".\n"
           "--explain KEY,ROW,COL opens the panel of how that value was computed (at\n"
           "--layer/--head; KEY a trace key such as attn.scores, x0, mlp.act, or probs)\n"
           "and selects ROW's position.\n"
           "--analogy EXPR is the analogy screen's expression (\"king - man + woman\");\n"
           "its word vectors are $GLASSFORMER_ASSETS/vectors/en (or the build's assets).\n"
           "--lesson FILE plays a lesson (lessons/README.md); with --lang CODE the same\n"
           "file name under lessons/CODE/ (a bare name, 03-attention.lesson, that is no\n"
           "file here: the shipped lesson); --lesson-step N starts at step N (from 1).\n"
           "--screenshot renders that view without a display and writes a PNG\n"
           "(--size default 1600x900; --hover X,Y shows the tooltip there). In a window\n"
           "F12 saves glassformer-DATE-TIME.png in the current folder (the status line\n"
           "says where); --size is the window's size. --fullscreen (or F11) fills the\n"
           "screen (desktop full screen, which needs a window manager).\n"
           "--keys presses keys, then quits: a-z, 0-9, right, left, up, down, pgup, pgdn,\n"
           "tab, space, enter, backspace, esc, home, end, plus, minus, f1, f11, f12, comma,\n"
           "period, slash, [, ], wheelup, wheeldown, shift+KEY, ctrl+KEY (any case); in a window\n"
           "\"wait\" waits for the sampling animation and a last \"stay\" keeps it open.\n");
}

static bool parse_int(const char *s, int lo, int hi, int *out)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi)
        return false;
    *out = (int)v;
    return true;
}

static bool parse_pair(const char *s, char sep, int *a, int *b)
{
    char buf[64];
    const char *mid = strchr(s, sep);
    if (mid == NULL || (size_t)(mid - s) >= sizeof buf)
        return false;
    memcpy(buf, s, (size_t)(mid - s));
    buf[mid - s] = '\0';
    return parse_int(buf, 0, 100000, a) && parse_int(mid + 1, 0, 100000, b);
}

/* Every option taking a value, with what a valid value looks like. */
static const struct {
    const char *name, *want;
} valued_options[] = {
    {"--model", "a model folder"},
    {"--random", "tiny, gpt2, gpt2-medium, gpt2-large, gpt2-xl or gpt3"},
    {"--prompt", "text"},
    {"--stage", "a stage key (see --help)"},
    {"--explain", "KEY,ROW,COL (e.g. attn.scores,5,1)"},
    {"--layer", "a layer number from 0"},
    {"--head", "a head number from 0"},
    {"--position", "a token position from 0"},
    {"--screenshot", "a .png path"},
    {"--size", "WxH with W in 960..8192 and H in 540..8192 (smaller would clip the layout)"},
    {"--hover", "X,Y in pixels"},
    {"--lang", "en or ru"},
    {"--font", "a font file"},
    {"--palette", "standard or colour-safe"},
    {"--temperature", "a number in [0, 100]"},
    {"--top-k", "a whole number in [0, 2097152] (0 = off)"},
    {"--top-p", "a number in (0, 1]"},
    {"--seed", "a whole number in [0, 2^64)"},
    {"--capacity", "a whole number of tokens in [1, 65536]"},
    {"--sample", "a whole number of tokens in [0, 65536]"},
    {"--lane-tokens", "a whole number of tokens in [1, 1024]"},
    {"--keys", "comma-separated key names"},
    {"--analogy", "an expression such as \"king - man + woman\""},
    {"--lesson", "a .lesson file"},
    {"--lesson-step", "a step number from 1"},
};

/* What a valid value of option a looks like; NULL when a takes no value. */
static const char *option_want(const char *a)
{
    for (size_t i = 0; i < sizeof valued_options / sizeof valued_options[0]; i++)
        if (strcmp(a, valued_options[i].name) == 0)
            return valued_options[i].want;
    return NULL;
}

/* A float option: the whole text is a number in [lo, hi] (lo excluded when open_lo). */
static bool parse_float(const char *s, float lo, bool open_lo, float hi, float *out)
{
    char *end = NULL;
    float v = strtof(s, &end);
    if (end == s || *end != '\0' || !(v <= hi) || !(open_lo ? v > lo : v >= lo))
        return false;
    *out = v;
    return true;
}

bool gf_options_parse(gf_options *o, int argc, char **argv, char *err, size_t err_size)
{
    memset(o, 0, sizeof *o);
    o->layer = 0;
    o->head = 0;
    o->position = -1;
    o->width = 1600;
    o->height = 900;
    o->temperature = 0.7f;
    o->top_p = 1.0f;
    o->seed = 42;
    o->hover_x = o->hover_y = -1;
    o->lane_tokens = 40;  /* GF_TEMP_TOKENS (viz/app.h) */
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            o->help = true;
            continue;
        }
        if (strcmp(a, "--large") == 0) {
            o->large = true;
            continue;
        }
        if (strcmp(a, "--fullscreen") == 0) {
            o->fullscreen = true;
            continue;
        }
        const char *want = option_want(a);
        if (want == NULL) {
            snprintf(err, err_size, "%s: unknown option (see --help)", a);
            return false;
        }
        if (i + 1 >= argc) {
            snprintf(err, err_size, "%s: needs a value: %s", a, want);
            return false;
        }
        const char *v = argv[++i];
        bool ok = true;
        if (strcmp(a, "--model") == 0) {
            o->model = v;
        } else if (strcmp(a, "--random") == 0) {
            o->random = v;
        } else if (strcmp(a, "--prompt") == 0) {
            o->prompt = v;
        } else if (strcmp(a, "--stage") == 0) {
            o->stage = v;
        } else if (strcmp(a, "--explain") == 0) {
            o->explain = v;
        } else if (strcmp(a, "--layer") == 0) {
            ok = parse_int(v, 0, 100000, &o->layer);
        } else if (strcmp(a, "--head") == 0) {
            ok = parse_int(v, 0, 100000, &o->head);
        } else if (strcmp(a, "--position") == 0) {
            ok = parse_int(v, 0, 1 << 20, &o->position);
        } else if (strcmp(a, "--screenshot") == 0) {
            o->screenshot = v;
        } else if (strcmp(a, "--size") == 0) {
            ok = parse_pair(v, 'x', &o->width, &o->height) && o->width >= GF_MIN_WIDTH &&
                 o->height >= GF_MIN_HEIGHT && o->width <= 8192 && o->height <= 8192;
        } else if (strcmp(a, "--hover") == 0) {
            ok = parse_pair(v, ',', &o->hover_x, &o->hover_y);
        } else if (strcmp(a, "--lang") == 0) {
            o->lang = v;
            ok = gf_lang_known(v);
        } else if (strcmp(a, "--palette") == 0) {
            ok = gf_token_palette_from_name(v, &o->palette);
        } else if (strcmp(a, "--font") == 0) {
            o->font = v;
        } else if (strcmp(a, "--temperature") == 0) {
            ok = parse_float(v, 0.0f, false, 100.0f, &o->temperature);
        } else if (strcmp(a, "--top-k") == 0) {
            ok = parse_int(v, 0, 1 << 21, &o->top_k);
        } else if (strcmp(a, "--top-p") == 0) {
            ok = parse_float(v, 0.0f, true, 1.0f, &o->top_p);
        } else if (strcmp(a, "--seed") == 0) {
            char *end = NULL;
            errno = 0;
            o->seed = strtoull(v, &end, 10);
            ok = errno == 0 && end != v && *end == '\0' && v[0] != '-';
        } else if (strcmp(a, "--capacity") == 0) {
            ok = parse_int(v, 1, 1 << 16, &o->capacity);
        } else if (strcmp(a, "--sample") == 0) {
            ok = parse_int(v, 0, 1 << 16, &o->sample);
        } else if (strcmp(a, "--lane-tokens") == 0) {
            ok = parse_int(v, 1, 1024, &o->lane_tokens);
        } else if (strcmp(a, "--keys") == 0) {
            o->keys = v;
        } else if (strcmp(a, "--analogy") == 0) {
            o->analogy = v;
        } else if (strcmp(a, "--lesson") == 0) {
            o->lesson = v;
        } else if (strcmp(a, "--lesson-step") == 0) {
            ok = parse_int(v, 1, 100000, &o->lesson_step);
        }
        if (!ok) {
            snprintf(err, err_size, "%s %s: invalid value, want %s", a, v, want);
            return false;
        }
    }
    if (o->lesson_step > 0 && o->lesson == NULL) {
        snprintf(err, err_size, "--lesson-step: needs --lesson FILE");
        return false;
    }
    return true;
}

const char *gf_options_assets_dir(void)
{
    const char *assets = getenv("GLASSFORMER_ASSETS");
    return assets != NULL && assets[0] != '\0' ? assets : GF_ASSETS_DIR;
}

const char *gf_options_lessons_dir(void)
{
    const char *lessons = getenv("GLASSFORMER_LESSONS");
    return lessons != NULL && lessons[0] != '\0' ? lessons : GF_LESSONS_DIR;
}

void gf_options_model_dir(const gf_options *o, char *buf, size_t size)
{
    if (o->model != NULL)
        snprintf(buf, size, "%s", o->model);
    else
        snprintf(buf, size, "%s/models/default", gf_options_assets_dir());
}

void gf_options_vectors_dir(const gf_options *o, char *buf, size_t size)
{
    (void)o;
    snprintf(buf, size, "%s/vectors/en", gf_options_assets_dir());
}

void gf_options_text_dir(const gf_options *o, char *buf, size_t size)
{
    (void)o;
    snprintf(buf, size, "%s/text", gf_options_assets_dir());
}

/* options.c — command-line parsing and the default model path. */
#include "options.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef GF_ASSETS_DIR
#define GF_ASSETS_DIR "assets"
#endif

void gf_options_usage(const char *argv0)
{
    printf("usage: %s [--model DIR | --random tiny|gpt2] [--prompt TEXT] [--lang en|ru]\n"
           "          [--font FILE] [--large] [--temperature T] [--top-k K] [--top-p P]\n"
           "          [--seed N] [--capacity N]\n"
           "          [--stage KEY] [--layer L] [--head H] [--position T] [--sample N]\n"
           "          [--screenshot out.png [--size WxH] [--hover X,Y]] [--keys k1,k2,...]\n"
           "--keys runs the keys, then quits; in a window \"wait\" waits for the sampling\n"
           "animation to end and a last \"stay\" keeps the window open.\n"
           "With no arguments the default model opens: $GLASSFORMER_ASSETS/models/default\n"
           "(or %s/models/default). --screenshot renders one view without a display.\n"
           "Stage keys: the core's stage keys (e.g. tokens, embed, qkv, scores, mask,\n"
           "softmax, probs) plus overview and temperature.\n",
           argv0, GF_ASSETS_DIR);
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
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        bool takes = true;
        bool ok = true;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            o->help = true;
            takes = false;
        } else if (strcmp(a, "--large") == 0) {
            o->large = true;
            takes = false;
        } else if (v == NULL) {
            snprintf(err, err_size, "%s: needs a value (see --help)", a);
            return false;
        } else if (strcmp(a, "--model") == 0) {
            o->model = v;
        } else if (strcmp(a, "--random") == 0) {
            o->random = v;
        } else if (strcmp(a, "--prompt") == 0) {
            o->prompt = v;
        } else if (strcmp(a, "--stage") == 0) {
            o->stage = v;
        } else if (strcmp(a, "--layer") == 0) {
            ok = parse_int(v, 0, 100000, &o->layer);
        } else if (strcmp(a, "--head") == 0) {
            ok = parse_int(v, 0, 100000, &o->head);
        } else if (strcmp(a, "--position") == 0) {
            ok = parse_int(v, 0, 1 << 20, &o->position);
        } else if (strcmp(a, "--screenshot") == 0) {
            o->screenshot = v;
        } else if (strcmp(a, "--size") == 0) {
            ok = parse_pair(v, 'x', &o->width, &o->height) && o->width >= 320 &&
                 o->height >= 200 && o->width <= 8192 && o->height <= 8192;
        } else if (strcmp(a, "--hover") == 0) {
            ok = parse_pair(v, ',', &o->hover_x, &o->hover_y);
        } else if (strcmp(a, "--lang") == 0) {
            o->lang = v;
            ok = strcmp(v, "en") == 0 || strcmp(v, "ru") == 0;
        } else if (strcmp(a, "--font") == 0) {
            o->font = v;
        } else if (strcmp(a, "--temperature") == 0) {
            char *end = NULL;
            o->temperature = strtof(v, &end);
            ok = end != v && *end == '\0' && o->temperature >= 0.0f && o->temperature <= 100.0f;
        } else if (strcmp(a, "--top-k") == 0) {
            ok = parse_int(v, 0, 1 << 21, &o->top_k);
        } else if (strcmp(a, "--top-p") == 0) {
            char *end = NULL;
            o->top_p = strtof(v, &end);
            ok = end != v && *end == '\0' && o->top_p > 0.0f && o->top_p <= 1.0f;
        } else if (strcmp(a, "--seed") == 0) {
            char *end = NULL;
            errno = 0;
            o->seed = strtoull(v, &end, 10);
            ok = errno == 0 && end != v && *end == '\0';
        } else if (strcmp(a, "--capacity") == 0) {
            ok = parse_int(v, 1, 1 << 16, &o->capacity);
        } else if (strcmp(a, "--sample") == 0) {
            ok = parse_int(v, 0, 1 << 16, &o->sample);
        } else if (strcmp(a, "--keys") == 0) {
            o->keys = v;
        } else {
            snprintf(err, err_size, "%s: unknown option (see --help)", a);
            return false;
        }
        if (!ok) {
            snprintf(err, err_size, "%s %s: invalid value (see --help)", a, v);
            return false;
        }
        if (takes)
            i++;
    }
    return true;
}

void gf_options_model_dir(const gf_options *o, char *buf, size_t size)
{
    if (o->model != NULL) {
        snprintf(buf, size, "%s", o->model);
        return;
    }
    const char *assets = getenv("GLASSFORMER_ASSETS");
    if (assets == NULL || assets[0] == '\0')
        assets = GF_ASSETS_DIR;
    snprintf(buf, size, "%s/models/default", assets);
}

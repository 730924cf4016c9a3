/* options.h — the command line of `glassformer`. */
#ifndef GF_VIZ_OPTIONS_H
#define GF_VIZ_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "token_palette.h"

/* The smallest window or picture the layout fits (drawable pixels). */
#define GF_MIN_WIDTH 960
#define GF_MIN_HEIGHT 540

typedef struct {
    const char *model;        /* --model DIR (default: <assets>/models/default) */
    const char *random;       /* --random PRESET|tiny: a random model, no folder */
    const char *prompt;       /* --prompt TEXT                                    */
    const char *stage;        /* --stage KEY, or "overview" / "temperature"       */
    int layer, head;          /* --layer L --head H (0-based)                     */
    int position;             /* --position T (−1: last token)                    */
    const char *screenshot;   /* --screenshot out.png: headless export            */
    int width, height;        /* --size WxH                                       */
    const char *lang;         /* --lang en|ru                                     */
    const char *font;         /* --font FILE                                      */
    bool large;               /* --large: large-font mode                         */
    bool fullscreen;          /* --fullscreen: the window fills the screen        */
    gf_token_palette palette; /* --palette standard|colour-safe                   */
    float temperature;        /* --temperature T                                  */
    int top_k;                /* --top-k K (0: off)                               */
    float top_p;              /* --top-p P in (0, 1] (1: off)                     */
    uint64_t seed;            /* --seed N                                         */
    int capacity;             /* --capacity N: positions the trace holds          */
    int sample;               /* --sample N: append N sampled tokens first        */
    int lane_tokens;          /* --lane-tokens N: each temperature lane's length  */
    const char *keys;         /* --keys k1,k2,...: scripted keys, then quit        */
    const char *analogy;      /* --analogy EXPR: the analogy screen's expression  */
    int hover_x, hover_y;     /* --hover X,Y: mouse position (for screenshots)    */
    const char *explain;      /* --explain KEY,ROW,COL: open that value's panel   */
    const char *lesson;       /* --lesson FILE: play a lesson (lesson_player.h)   */
    int lesson_step;          /* --lesson-step N: start at step N (1-based; 0: 1) */
    bool help;
} gf_options;

/* Parse argv; on error writes one line to err and returns false. */
bool gf_options_parse(gf_options *o, int argc, char **argv, char *err, size_t err_size);
void gf_options_usage(const char *argv0);

/* The model folder to open: --model, else <assets>/models/default where
 * assets is $GLASSFORMER_ASSETS or the build-time source assets folder. */
void gf_options_model_dir(const gf_options *o, char *buf, size_t size);
/* The word vectors of the analogy screen: <assets>/vectors/en. */
void gf_options_vectors_dir(const gf_options *o, char *buf, size_t size);
/* $GLASSFORMER_ASSETS, or the build-time source assets folder. */
const char *gf_options_assets_dir(void);
/* The lessons' folder (the picker lists the .lesson files of <it>/<lang>):
 * $GLASSFORMER_LESSONS, or the build-time source lessons folder. */
const char *gf_options_lessons_dir(void);
/* The folder of the text files: <assets>/text (assets as above). */
void gf_options_text_dir(const gf_options *o, char *buf, size_t size);

#endif

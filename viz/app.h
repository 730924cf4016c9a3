/* app.h — all state of the viewer in one struct (no globals).
 *
 * The app owns the session (model + trace), the stepper, the UI context and
 * the window or the headless surface. One frame is gf_app_draw(); input goes
 * through gf_app_key() / gf_app_text() / mouse functions, which only change
 * state — drawing never changes the model. */
#ifndef GF_VIZ_APP_H
#define GF_VIZ_APP_H

#include <stdbool.h>
#include <stdint.h>

#include <SDL.h>

#include "flow.h"
#include "top_tokens.h"
#include "i18n.h"
#include "keys.h"
#include "options.h"
#include "screens.h"
#include "session.h"
#include "stepper.h"
#include "style.h"
#include "token_palette.h"
#include "ui.h"
#include "widgets.h"

/* Zoom (+ / −): GF_ZOOM_STEP^k for k in −DOWN … UP (UP_LARGE in large-font mode). */
#define GF_ZOOM_STEP 1.15f
#define GF_ZOOM_STEPS_DOWN 3
#define GF_ZOOM_STEPS_UP 3
#define GF_ZOOM_STEPS_UP_LARGE 1

#define GF_TEMP_LANES 3
#define GF_TEMP_TOKENS 40         /* continuation length per lane (default)  */
#define GF_TEMP_TOKENS_MAX 1024   /* --lane-tokens at most (and the context) */
#define GF_TEMP_TOKENS_STEP 10    /* [ / ] on the temperature screen         */
#define GF_TEMP_CHART 8           /* tokens the lanes' shared chart compares */
#define GF_TEMP_BEAMS 3           /* the beam lane's width (default)         */

/* What the temperature screen shows below its lanes (Tab cycles). */
typedef enum {
    GF_TEMP_BELOW_CHART = 0,      /* what T does, the chart at each lane's T */
    GF_TEMP_BELOW_TREE,           /* what beam search does, its tree         */
    GF_TEMP_BELOW_NOTHING,        /* the lanes take the room: their whole text */
    GF_TEMP_BELOW_COUNT
} gf_temp_below;


typedef struct {
    float temperature;
    uint64_t seed;
    gf_top_tokens top;            /* next-token distribution at this T       */
    /* The same tokens in every lane (the largest at T = 1, largest first)
     * and their probabilities at this lane's T: the shared chart. */
    int32_t chart_ids[GF_TEMP_CHART];
    float chart_probs[GF_TEMP_CHART];
    int chart_n;
    int32_t tokens[GF_TEMP_TOKENS_MAX];
    int n_tokens;
} gf_temp_lane;

typedef struct {
    gf_temp_lane lanes[GF_TEMP_LANES];
    uint64_t generation;          /* session generation the lanes are for    */
    bool valid;
    int diverge_at;               /* first index where lanes differ, or −1   */
    bool cut;                     /* Esc stopped them before their length    */
    int selected;                 /* lane whose T +/− edits                  */
    int length;                   /* tokens each lane continues for          */
    bool seed_typing;             /* K: a seed is being typed for `selected` */
    char seed_text[20];           /* its digits so far (at most 19)          */
    uint64_t seed_base;
    /* The beam lane: a beam search as long as the lanes (beam_job.h). */
    int beam_width;               /* { / }: 1 … GF_BEAM_MAX_WIDTH            */
    bool beam_held;               /* Esc stopped the lanes: no search until
                                     the lanes are computed again            */
    gf_temp_below below;          /* Tab: chart → beam tree → lanes alone    */
    int tree_first;               /* , / .: the first step the tree shows    */
} gf_temp_state;

/* The top tokens of one position at one temperature (or the largest logits
 * when logits is set), kept until they change. */
typedef struct {
    uint64_t generation;
    int position;
    float temperature;
    int top_k;
    float top_p;
    bool logits;
    bool valid;
    gf_top_tokens top;
} gf_probs_cache;

typedef struct gf_app {
    gf_options opt;
    gf_texts text;                /* the language's text file              */
    bool has_text;
    gf_session s;
    bool has_session;
    gf_stepper st;
    gf_ui ui;
    bool has_ui;
    gf_widgets w;                 /* what widgets see this frame            */
    SDL_Window *window;           /* NULL when headless                      */
    SDL_Renderer *renderer;
    SDL_Surface *surface;         /* headless target                         */
    gf_screen screen;             /* a row of the screen table (screens.h)  */
    gf_screen overlay;            /* an overlay row over it, or GF_SCREEN_NONE */
    int help_page, help_pages;    /* the help's page shown (from 0) and how
                                     many it has (view_help.c)              */
    bool large_font;
    bool fullscreen;              /* F11, --fullscreen: desktop full screen  */
    gf_style style;               /* the UI's look: the default with the
                                     chosen token palette (ui.style points here) */
    gf_token_palette palette;     /* P, --palette                            */
    float zoom;                   /* +/−: GF_ZOOM_STEP^k                     */
    int heat_zoom;                /* wheel: heatmaps show 1/heat_zoom of the
                                     positions, around the current one      */
    float dpi_scale;              /* drawable / window size                  */
    bool editing;                 /* prompt line has the keyboard            */
    bool chord;                   /* the last key was pressed with Ctrl: its
                                     text (Ctrl+г under a Russian layout) is
                                     no text                                */
    char edit[GF_PROMPT_MAX];
    char message[512];            /* last error or notice, shown in status   */
    gf_flow flow;                 /* the new row's run through the layers    */
    bool fixed_clock;             /* tests: use clock_ms instead of SDL ticks */
    uint32_t clock_ms;
    float temperature;            /* T for the probability view and Space    */
    gf_probs_cache probs;
    gf_probs_cache logit_top;
    gf_sampler display;           /* fills distributions for the views       */
    bool has_display;
    gf_temp_state temp;
    struct gf_analogy_lab *lab;   /* the analogy screen's state, from its
                                     first opening (view_analogy.c)       */
    struct gf_loss_curve *loss_curve; /* the loss screen's train_log.csv,
                                     read on first use (view_loss.c)       */
    struct gf_lesson_player *lesson; /* --lesson: the lesson played, owned
                                     (lesson_player.h); NULL: none          */
    struct gf_lesson_picker *picker; /* O: the lesson picker's list, from
                                     its first opening (lesson_picker.c)   */
    char model_name[128];
    bool quit;
    bool screenshot_pending;      /* F12: save the next frame                */
    uint64_t frames;
    struct gf_work *work;         /* the worker and its jobs (work.h)       */
    bool mask_whatif;             /* W: the weights stage shows the head
                                     without its causal mask (hypothetical) */
    struct gf_explain_state *explain; /* the selected number and its panel
                                     (explain_panel.h), from first use      */
} gf_app;

/* Open the model (folder or random preset) and run the prompt, on the
 * worker, and wait for it (work.h: gf_app_start returns at once). On
 * failure writes one line to err. Nothing SDL here. */
bool gf_app_open(gf_app *app, const gf_options *opt, char *err, size_t err_size);
/* Create the UI on a renderer (window or software). */
bool gf_app_attach(gf_app *app, SDL_Renderer *renderer, char *err, size_t err_size);
void gf_app_free(gf_app *app);
/* Full screen on or off (desktop full screen: the screen's own size, no
 * mode change); the window follows when there is one. */
void gf_app_set_fullscreen(gf_app *app, bool on);
/* Token colours: the standard or the colour-blind-safe palette. */
void gf_app_set_palette(gf_app *app, gf_token_palette p);
/* Switch the language: load its text file (false with err when it fails;
 * the current language stays). */
bool gf_app_set_lang(gf_app *app, gf_lang lang, char *err, size_t err_size);

/* Pixels per layout unit of a width × height frame (frame.c). */
float gf_app_frame_scale(const gf_app *app, int width, int height);
/* Draw one frame at width × height drawable pixels. */
void gf_app_draw(gf_app *app, int width, int height);
/* True while something moves (then the loop runs at 60 fps). */
bool gf_app_animating(gf_app *app);

/* Input (all return true when a redraw is needed). A key is a physical key
 * (scancode) with SDL's modifiers; its meaning comes from the key table
 * (keys.h), whatever the keyboard layout. */
bool gf_app_key_down(gf_app *app, SDL_Scancode code, uint16_t mod);
/* An SDL_KEYDOWN event: its scancode and modifiers, never its keycode. */
bool gf_app_key_event(gf_app *app, const SDL_KeyboardEvent *ev);
bool gf_app_text(gf_app *app, const char *utf8);
bool gf_app_mouse_move(gf_app *app, int x, int y);
bool gf_app_click(gf_app *app, int x, int y);
/* The mouse moved by (dx, dy) with the left button held. */
bool gf_app_mouse_drag(gf_app *app, int dx, int dy);
bool gf_app_wheel(gf_app *app, int dy);

/* Press one named key or wheel step; true when the screen changed. */
bool gf_app_key_named(gf_app *app, const char *name);
/* Feed a comma-separated key list (see --keys); false on an unknown name. */
bool gf_app_keys(gf_app *app, const char *list, char *err, size_t err_size);

/* Session actions shared by keys and scripted runs (more in work.h). */
void gf_app_sample_next(gf_app *app);  /* queued: computed by the worker */
void gf_app_tokens_changed(gf_app *app);
/* Apply --stage/--layer/--head/--position; false with err on a bad value. */
bool gf_app_apply_view_options(gf_app *app, char *err, size_t err_size);

/* The top tokens for position t at temperature T: the final distribution of
 * a sampler with the session's top-k/top-p (what Space draws from), with the
 * actual next token marked when t is not the last position. */
const gf_top_tokens *gf_app_top_tokens(gf_app *app, int t, float temperature);
/* The largest logits of position t, the actual next token marked likewise. */
const gf_top_tokens *gf_app_top_logits(gf_app *app, int t);
/* Milliseconds for animations (SDL ticks, or clock_ms when fixed_clock). */
uint32_t gf_app_now(const gf_app *app);


#endif

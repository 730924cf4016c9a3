/* viewer_fixture.h — shared setup of the viewer tests: a tiny random model
 * opened from command-line style arguments and rendered headless. */
#ifndef GF_TEST_VIEWER_FIXTURE_H
#define GF_TEST_VIEWER_FIXTURE_H

#include "app.h"
#include "check.h"
#include "screenshot.h"
#include "work.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Open the viewer with `SOURCE_FLAG source --prompt prompt` (SOURCE_FLAG
 * --random or --model) at width × height; NULL on failure (err says why). */
static inline gf_app *viewer_fixture_open_args(const char *source_flag, const char *source,
                                               const char *prompt, int width, int height,
                                               char *err, size_t err_size)
{
    char *argv[] = {"glassformer", (char *)source_flag, (char *)source, "--prompt", (char *)prompt};
    gf_options opt;
    if (!gf_options_parse(&opt, 5, argv, err, err_size))
        return NULL;
    gf_app *app = calloc(1, sizeof *app);
    if (app == NULL)
        return NULL;
    if (!gf_app_open(app, &opt, err, err_size) || !gf_headless_init(app, width, height, err, err_size)) {
        gf_headless_free(app);
        gf_app_free(app);
        free(app);
        return NULL;
    }
    return app;
}

/* Open `--random tiny --prompt prompt` at width × height; NULL on failure
 * (err says why). */
static inline gf_app *viewer_fixture_open(const char *prompt, int width, int height, char *err,
                                          size_t err_size)
{
    return viewer_fixture_open_args("--random", "tiny", prompt, width, height, err, err_size);
}

/* Open the model folder model_dir with `--prompt prompt` at width × height;
 * NULL on failure (err says why). */
static inline gf_app *viewer_fixture_open_model(const char *model_dir, const char *prompt,
                                                int width, int height, char *err, size_t err_size)
{
    return viewer_fixture_open_args("--model", model_dir, prompt, width, height, err, err_size);
}

/* Open argv (argc of them, argv[0] the program) at width × height (0: no
 * rendering, the worker alone), counted as a check: on failure the reason
 * goes to stderr and NULL comes back. */
static inline gf_app *viewer_fixture_open_argv(check_ctx *c, int argc, char **argv, int width,
                                               int height)
{
    char err[512] = "";
    gf_options opt;
    gf_app *app = calloc(1, sizeof *app);
    bool ok = app != NULL && gf_options_parse(&opt, argc, argv, err, sizeof err) &&
              gf_app_open(app, &opt, err, sizeof err) &&
              (width == 0 || gf_headless_init(app, width, height, err, sizeof err));
    if (!CHECK(c, ok)) {
        fprintf(stderr, "  %s\n", err);
        if (app != NULL) {
            gf_headless_free(app);
            gf_app_free(app);
            free(app);
        }
        return NULL;
    }
    return app;
}

/* viewer_fixture_open, counted as a check: on failure the reason goes to
 * stderr and NULL comes back. */
static inline gf_app *viewer_fixture_open_checked(check_ctx *c, const char *prompt, int width,
                                                  int height)
{
    char err[512] = "";
    gf_app *app = viewer_fixture_open(prompt, width, height, err, sizeof err);
    if (!CHECK(c, app != NULL))
        fprintf(stderr, "  %s\n", err);
    return app;
}

/* A key press as SDL sends it: the layout's keycode sym on the physical key
 * code, with modifiers mod; true when the viewer handled it. */
static inline bool viewer_fixture_press_mod(gf_app *app, SDL_Keycode sym, SDL_Scancode code,
                                            uint16_t mod)
{
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_KEYDOWN;
    ev.key.state = SDL_PRESSED;
    ev.key.keysym.sym = sym;
    ev.key.keysym.scancode = code;
    ev.key.keysym.mod = mod;
    return gf_app_key_event(app, &ev.key);
}

/* The same without modifiers. */
static inline bool viewer_fixture_press(gf_app *app, SDL_Keycode sym, SDL_Scancode code)
{
    return viewer_fixture_press_mod(app, sym, code, 0);
}

/* Wait for the worker's model work (a key's sampling, the lanes); false when
 * opening the model failed. */
static inline bool viewer_fixture_settle(gf_app *app)
{
    char err[512];
    return gf_app_settle(app, err, sizeof err);
}

static inline void viewer_fixture_close(gf_app *app)
{
    if (app == NULL)
        return;
    gf_headless_free(app);
    gf_app_free(app);
    free(app);
}

#endif

/* main.c — `glassformer`: the window loop, or a headless PNG export.
 *
 * The window opens at once and shows a loading frame while the worker thread
 * opens the model (work.h); all model work runs there, and the worker wakes
 * the loop with an SDL user event when it has progress or results. The loop
 * sleeps in SDL_WaitEvent while nothing animates and redraws only when
 * something changed; while the sampling animation runs it draws at up to
 * 60 fps, then one last frame, then it sleeps again. A headless export
 * waits for all work before it draws, so a picture never shows a loading
 * state. Every failure is one line on stderr (and a message box when a
 * window exists) and a non-zero exit. */
#include "app.h"

#include "lesson_player.h"
#include "screenshot.h"
#include "views.h"
#include "work.h"

#include <SDL_image.h>
#include <stdio.h>
#include <string.h>

static int fail(SDL_Window *window, const char *msg)
{
    fprintf(stderr, "glassformer: %s\n", msg);
    if (window != NULL)
        SDL_ShowSimpleMessageBox(SDL_MESSAGEBOX_ERROR, "Glassformer", msg, window);
    return 1;
}

static int run_headless(gf_app *app)
{
    char err[512];
    if (!gf_headless_init(app, app->opt.width, app->opt.height, err, sizeof err))
        return fail(NULL, err);
    if (app->opt.keys != NULL) {
        gf_headless_frame(app);  /* lay out once so clicks and keys see a frame */
        if (!gf_app_keys(app, app->opt.keys, err, sizeof err))
            return fail(NULL, err);
    }
    gf_app_mouse_move(app, app->opt.hover_x, app->opt.hover_y);
    if (!gf_app_settle(app, err, sizeof err))
        return fail(NULL, err);
    if (gf_lesson_poll(app) && !gf_app_settle(app, err, sizeof err))
        return fail(NULL, err);  /* the step's own settings start their work */
    gf_headless_frame(app);
    if (!gf_headless_save(app, app->opt.screenshot, err, sizeof err))
        return fail(NULL, err);
    if (app->message[0] != '\0')
        fprintf(stderr, "glassformer: %s\n", app->message);
    return 0;
}

/* The drawable/window ratio (2 on a HiDPI screen). */
static float dpi_ratio(gf_app *app)
{
    int ww = 0, wh = 0, dw = 0, dh = 0;
    SDL_GetWindowSize(app->window, &ww, &wh);
    SDL_GetRendererOutputSize(app->renderer, &dw, &dh);
    return ww > 0 ? (float)dw / (float)ww : 1.0f;
}

static bool handle_event(gf_app *app, const SDL_Event *ev, uint32_t wake)
{
    float k = app->dpi_scale;
    if (ev->type == wake) {   /* the worker: results or progress, polled below */
        gf_app_woken(app);
        return false;
    }
    switch (ev->type) {
    case SDL_QUIT: app->quit = true; return false;
    case SDL_WINDOWEVENT:
        app->dpi_scale = dpi_ratio(app);
        if (ev->window.event == SDL_WINDOWEVENT_LEAVE)
            gf_app_mouse_move(app, -1, -1);
        return true;
    case SDL_KEYDOWN: return gf_app_key_event(app, &ev->key);
    case SDL_TEXTINPUT: return gf_app_text(app, ev->text.text);
    case SDL_MOUSEMOTION:
        if (ev->motion.state & SDL_BUTTON_LMASK)
            gf_app_mouse_drag(app, (int)((float)ev->motion.xrel * k),
                              (int)((float)ev->motion.yrel * k));
        return gf_app_mouse_move(app, (int)((float)ev->motion.x * k), (int)((float)ev->motion.y * k));
    case SDL_MOUSEBUTTONDOWN:
        return gf_app_click(app, (int)((float)ev->button.x * k), (int)((float)ev->button.y * k));
    case SDL_MOUSEWHEEL: return gf_app_wheel(app, ev->wheel.y);
    default: return false;
    }
}


static void draw_and_present(gf_app *app)
{
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(app->renderer, &w, &h);
    gf_app_draw_frame(app, w, h);
    SDL_RenderPresent(app->renderer);
}

static bool env_set(const char *name)
{
    const char *v = SDL_getenv(name);
    return v != NULL && v[0] != '\0';
}

/* SDL falls back to its offscreen/dummy drivers when there is no display;
 * a window there would be invisible, so say so instead. */
static bool display_missing(char *reason, size_t size)
{
    if (env_set("SDL_VIDEODRIVER"))
        return false;  /* the user chose a driver */
    if (!env_set("DISPLAY") && !env_set("WAYLAND_DISPLAY")) {
        snprintf(reason, size, "no display (DISPLAY and WAYLAND_DISPLAY are not set)");
        return true;
    }
    return false;
}

static int run_window(gf_app *app)
{
    char err[512], reason[256];
    if (display_missing(reason, sizeof reason)) {
        snprintf(err, sizeof err, gf_i18n(&app->text, GF_STR_ERR_NO_DISPLAY), reason);
        return fail(NULL, err);
    }
    /* Ctrl+C and kill end the viewer at once (there is nothing to save);
     * SDL would otherwise turn them into a quit event that a modal message
     * box never reads. */
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        snprintf(err, sizeof err, gf_i18n(&app->text, GF_STR_ERR_NO_DISPLAY), SDL_GetError());
        return fail(NULL, err);
    }
    const char *driver = SDL_GetCurrentVideoDriver();
    if (!env_set("SDL_VIDEODRIVER") && driver != NULL &&
        (strcmp(driver, "offscreen") == 0 || strcmp(driver, "dummy") == 0)) {
        snprintf(reason, sizeof reason, "only SDL's \"%s\" video driver is available", driver);
        snprintf(err, sizeof err, gf_i18n(&app->text, GF_STR_ERR_NO_DISPLAY), reason);
        return fail(NULL, err);
    }
    app->window = SDL_CreateWindow("Glassformer", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                   app->opt.width, app->opt.height,
                                   SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    if (app->window == NULL) {
        snprintf(err, sizeof err, gf_i18n(&app->text, GF_STR_ERR_NO_DISPLAY), SDL_GetError());
        return fail(NULL, err);
    }
    SDL_SetWindowMinimumSize(app->window, GF_MIN_WIDTH, GF_MIN_HEIGHT);
    /* A scripted run (--keys) reports on stderr only: no modal box to wait on. */
    SDL_Window *box = app->opt.keys != NULL ? NULL : app->window;
    SDL_Renderer *r = SDL_CreateRenderer(app->window, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (r == NULL)
        r = SDL_CreateRenderer(app->window, -1, SDL_RENDERER_SOFTWARE);
    if (r == NULL) {
        snprintf(err, sizeof err, "cannot create a renderer: %s", SDL_GetError());
        return fail(box, err);
    }
    if (!gf_app_attach(app, r, err, sizeof err))
        return fail(box, err);
    app->dpi_scale = dpi_ratio(app);
    /* Text arrives only while a line has the keyboard (from the start: the
     * analogy screen's, with --stage analogy). */
    if (gf_analogy_typing(app))
        SDL_StartTextInput();
    else
        SDL_StopTextInput();
    uint32_t wake = SDL_RegisterEvents(1);
    if (wake == (uint32_t)-1)
        return fail(box, "no SDL user event left for the worker");
    gf_app_wake_by_event(app, wake);
    const char *script = app->opt.keys;
    bool dirty = true, was_animating = false;
    while (!app->quit) {
        SDL_Event ev;
        /* A script presses its next key once the last one's work is done. */
        bool script_ready = script != NULL && !gf_app_busy(app);
        /* After an animation one more frame clears it; then sleep. */
        bool busy = dirty || was_animating || gf_app_animating(app) || script_ready;
        if (!busy && SDL_WaitEvent(&ev))
            dirty |= handle_event(app, &ev, wake);
        while (SDL_PollEvent(&ev))
            dirty |= handle_event(app, &ev, wake);
        dirty |= gf_app_work_poll(app);
        dirty |= gf_lesson_poll(app);
        if (gf_app_failed(app, err, sizeof err))
            return fail(box, err);
        if (script != NULL && !gf_app_busy(app)) {  /* names checked by main before the window opened */
            char name[64];
            const char *before = script;
            if (!gf_keys_next(&script, name, sizeof name)) {
                app->quit = true;  /* scripted run: done */
            } else if (SDL_strcasecmp(name, "stay") == 0) {
                script = NULL;     /* keep the window open after the script */
            } else if (SDL_strcasecmp(name, "wait") == 0) {
                if (gf_app_animating(app))
                    script = before;  /* until the animation is over */
            } else {
                gf_app_key_named(app, name);
                dirty = true;
            }
        }
        bool animating = gf_app_animating(app);
        if (dirty || animating || was_animating) {
            uint32_t start = SDL_GetTicks();
            draw_and_present(app);
            dirty = false;
            uint32_t spent = SDL_GetTicks() - start;
            if (spent < 16)
                SDL_Delay(16 - spent);  /* ≤ 60 fps even without vsync */
        }
        was_animating = animating;
    }
    return 0;
}

int main(int argc, char **argv)
{
    gf_options opt;
    char err[512];
    if (!gf_options_parse(&opt, argc, argv, err, sizeof err) ||
        (opt.keys != NULL && !gf_keys_check(opt.keys, err, sizeof err))) {
        fail(NULL, err);
        return 2;   /* a usage error, as glassformer-cli */
    }
    if (opt.help) {
        gf_options_usage(argv[0]);
        return 0;
    }
    /* A lesson sets the start step's state in opt (a bad step: usage). */
    gf_lesson_player *lesson = NULL;
    if (opt.lesson != NULL) {
        int status = 0;
        lesson = gf_lesson_player_open(&opt, &status, err, sizeof err);
        if (lesson == NULL) {
            fail(NULL, err);
            return status;
        }
    }
    gf_app *app = SDL_calloc(1, sizeof *app);
    if (app == NULL) {
        gf_lesson_player_free(lesson);
        return fail(NULL, "out of memory");
    }
    int rc;
    /* A picture waits for the model; a window opens while it loads. */
    bool opened = opt.screenshot != NULL ? gf_app_open(app, &opt, err, sizeof err)
                                         : gf_app_start(app, &opt, true, err, sizeof err);
    app->lesson = lesson;  /* the app owns it from here (start clears the app) */
    if (!opened)
        rc = fail(NULL, err);
    else
        rc = opt.screenshot != NULL ? run_headless(app) : run_window(app);
    if (opt.screenshot != NULL)
        gf_headless_free(app);
    /* Freeing waits for the worker's current step (a model still being made
     * cannot be interrupted): the window goes away first. */
    if (app->window != NULL)
        SDL_HideWindow(app->window);
    gf_app_free(app);
    if (app->renderer != NULL)
        SDL_DestroyRenderer(app->renderer);
    if (app->window != NULL)
        SDL_DestroyWindow(app->window);
    SDL_free(app);
    IMG_Quit();
    SDL_Quit();
    return rc;
}

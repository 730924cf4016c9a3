/* input.c — keys, text and mouse turned into state changes. A key goes
 * through the key table (keys.h) to a command; the current screen of the
 * screen table gets its own commands first. */
#include "app.h"

#include "explain_panel.h"
#include "lesson_player.h"
#include "temperature.h"
#include "tokenizer.h"
#include "views.h"
#include "work.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static void leave_editing(gf_app *app)
{
    app->editing = false;
    if (!gf_analogy_typing(app))   /* the analogy screen's line takes it back */
        SDL_StopTextInput();
}

static void run_prompt(gf_app *app)
{
    leave_editing(app);
    app->message[0] = '\0';
    gf_app_run_prompt(app, app->edit);  /* the worker computes what is new */
}

static void start_editing(gf_app *app)
{
    app->editing = true;
    snprintf(app->edit, sizeof app->edit, "%s", app->s.prompt);
    SDL_StartTextInput();
}

/* Remove the last UTF-8 character of the edit buffer. */
static void edit_backspace(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && ((unsigned char)s[n - 1] & 0xc0) == 0x80)
        n--;
    if (n > 0)
        n--;
    s[n] = '\0';
}

/* Remove the last word of the edit buffer and the spaces after it (Ctrl+W). */
static void edit_delete_word(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == ' ')
        n--;
    while (n > 0 && s[n - 1] != ' ')
        n--;
    s[n] = '\0';
}

/* Append the clipboard's text, line breaks and tabs turned into spaces, as
 * much as fits (cut at a character boundary). */
static void edit_paste(gf_app *app)
{
    char *clip = SDL_HasClipboardText() ? SDL_GetClipboardText() : NULL;
    if (clip == NULL)
        return;
    if (!gf_utf8_valid(clip, strlen(clip), NULL)) {
        SDL_free(clip);
        return;
    }
    size_t n = strlen(app->edit), room = sizeof app->edit - 1 - n, add = strlen(clip);
    if (add > room) {
        add = room;
        while (add > 0 && ((unsigned char)clip[add] & 0xc0) == 0x80)
            add--;
    }
    for (size_t i = 0; i < add; i++)
        app->edit[n + i] = clip[i] == '\n' || clip[i] == '\r' || clip[i] == '\t' ? ' ' : clip[i];
    app->edit[n + add] = '\0';
    SDL_free(clip);
}

/* Esc, in one order: cancel the worker's running and waiting work (in
 * gf_app_key_down, before overlays) → leave
 * the prompt line → close an overlay → back to the stage screen → ask
 * whether to quit (the quit question; Enter there quits). */
static void escape(gf_app *app)
{
    if (app->editing)
        leave_editing(app);
    else if (app->overlay != GF_SCREEN_NONE)
        app->overlay = GF_SCREEN_NONE;
    else if (gf_explain_escape(app))  /* close the panel, stop selecting */
        ;
    else if (app->screen != GF_SCREEN_STAGE)
        app->screen = GF_SCREEN_STAGE;
    else
        app->overlay = GF_SCREEN_QUIT;
}

/* + / − move the zoom one step (× GF_ZOOM_STEP) inside the range where every
 * view lays out without overlapping text (tests/test_viewer_layout.c):
 * narrower upwards in large-font mode, whose text is already large. */
static void set_zoom(gf_app *app, int dir)
{
    int up = app->large_font ? GF_ZOOM_STEPS_UP_LARGE : GF_ZOOM_STEPS_UP;
    int step = (int)lroundf(logf(app->zoom > 0.0f ? app->zoom : 1.0f) / logf(GF_ZOOM_STEP)) + dir;
    step = step < -GF_ZOOM_STEPS_DOWN ? -GF_ZOOM_STEPS_DOWN : step > up ? up : step;
    app->zoom = powf(GF_ZOOM_STEP, (float)step);
}

/* Open screen id (an overlay over the current one); its key again, on it,
 * goes back to the stage screen. */
static void open_screen(gf_app *app, gf_screen id)
{
    const gf_screen_def *d = gf_screen_get(id);
    if (d == NULL)
        return;
    if (id == GF_SCREEN_LESSONS)
        gf_lesson_picker_open(app);  /* reads the folder, then shows */
    else if (d->layout == GF_LAYOUT_OVERLAY)
        app->overlay = id;
    else
        app->screen = app->screen == id ? GF_SCREEN_STAGE : id;
    if (id == GF_SCREEN_HELP)
        app->help_page = 0;   /* it opens at its first page */
    if (app->screen == GF_SCREEN_ANALOGY)
        gf_analogy_enter(app);
}

/* Do one command of the key table; true when the screen changed. */
static bool run_command(gf_app *app, gf_command cmd, int arg)
{
    switch (cmd) {
    case GF_CMD_STEP:
        /* Stage keys lead from the overview back to the stages. */
        if (app->screen == GF_SCREEN_OVERVIEW &&
            (arg == GF_KEY_NEXT_STAGE || arg == GF_KEY_PREV_STAGE))
            app->screen = GF_SCREEN_STAGE;
        gf_stepper_key(&app->st, (gf_key)arg);
        return true;
    case GF_CMD_SAMPLE: gf_app_sample_next(app); return true;
    case GF_CMD_POP: gf_app_pop_token(app); return true;
    case GF_CMD_RESET: gf_app_reset_prompt(app); return true;
    case GF_CMD_EDIT: start_editing(app); return true;
    case GF_CMD_TEMPERATURE: {
        float t = app->temperature + 0.1f * (float)arg;
        app->temperature = t < 0.05f ? 0.0f : t > 5.0f ? 5.0f : t;
        return true;
    }
    case GF_CMD_ZOOM: set_zoom(app, arg > 0 ? 1 : -1); return true;
    case GF_CMD_LARGE_FONT:
        app->large_font = !app->large_font;
        set_zoom(app, 0);   /* back inside the new mode's range */
        return true;
    case GF_CMD_SCREENSHOT: app->screenshot_pending = true; return true;
    case GF_CMD_PALETTE: {
        bool safe = app->palette != GF_TOKEN_PALETTE_COLOUR_SAFE;
        gf_app_set_palette(app, safe ? GF_TOKEN_PALETTE_COLOUR_SAFE : GF_TOKEN_PALETTE_STANDARD);
        snprintf(app->message, sizeof app->message, "%s",
                 gf_i18n(&app->text, safe ? GF_STR_PALETTE_COLOUR_SAFE : GF_STR_PALETTE_STANDARD));
        return true;
    }
    case GF_CMD_FULLSCREEN: gf_app_set_fullscreen(app, !app->fullscreen); return true;
    case GF_CMD_SCREEN: open_screen(app, (gf_screen)arg); return true;
    case GF_CMD_ESCAPE: escape(app); return true;
    case GF_CMD_EDIT_RUN: run_prompt(app); return true;
    case GF_CMD_EDIT_BACKSPACE: edit_backspace(app->edit); return true;
    case GF_CMD_EDIT_CLEAR: app->edit[0] = '\0'; return true;
    case GF_CMD_EDIT_WORD: edit_delete_word(app->edit); return true;
    case GF_CMD_EDIT_PASTE: edit_paste(app); return true;
    case GF_CMD_QUIT: app->quit = true; return true;
    case GF_CMD_EXPLAIN_SELECT: return gf_explain_command(app, cmd, arg);
    case GF_CMD_WHATIF:  /* shown on the attention weights' stage */
        app->mask_whatif = !app->mask_whatif;
        if (app->mask_whatif)
            gf_stepper_goto(&app->st, GF_STAGE_SOFTMAX);
        return true;
    case GF_CMD_LESSON_STEP:
        return app->lesson != NULL && gf_lesson_go(app, app->lesson->step + arg);
    case GF_CMD_LESSON_RETURN: return gf_lesson_return(app);
    default: return false;
    }
}

bool gf_app_key_down(gf_app *app, SDL_Scancode code, uint16_t mod)
{
    /* Any key ends the sampling animation (and then does what it does);
     * F12 only takes a picture of it. */
    if (code != SDL_SCANCODE_F12)
        gf_flow_stop(&app->flow);
    app->chord = (mod & (KMOD_CTRL | KMOD_GUI)) != 0;
    if (app->screen == GF_SCREEN_TEMPERATURE && app->temp.seed_typing && !app->editing &&
        app->overlay == GF_SCREEN_NONE)
        return gf_temp_seed_key(&app->temp, code);  /* K: digits, Enter, Esc */
    gf_command cmd;
    int arg;
    /* The prompt line, or a screen's own line (the analogy screen's), has
     * the keyboard: only the line's keys are commands. */
    bool typing = app->editing || gf_analogy_typing(app);
    bool overlay = app->overlay != GF_SCREEN_NONE && !typing;
    int scope = overlay ? app->overlay : app->screen;
    bool known = gf_key_lookup(scope, typing, code, mod, &cmd, &arg);
    if (known && cmd == GF_CMD_ESCAPE && gf_app_cancel_work(app))
        return true;  /* Esc's first use: work stops, the rest stays as it is */
    /* A selected number takes the arrows, Tab and Enter (keys.c: SELECT). */
    if (!typing && !overlay && gf_explain_selecting(app) &&
        gf_key_lookup_scope(GF_SCOPE_SELECT, code, mod, &cmd, &arg))
        return gf_explain_command(app, (int)cmd, arg);
    if (overlay) {
        /* An overlay's own keys (the lesson picker's arrows and Enter). */
        const gf_screen_def *od = gf_screen_get(app->overlay);
        if (known && od != NULL && od->input != NULL && od->input(app, (int)cmd, arg))
            return true;
        /* Overlays close with any other key; the quit question's yes is Enter. */
        app->quit = known && cmd == GF_CMD_QUIT;
        app->overlay = GF_SCREEN_NONE;
        return true;
    }
    if (!known)
        return false;
    if (!app->editing)
        app->message[0] = '\0';
    const gf_screen_def *d = gf_screen_get(app->screen);
    if (!app->editing && d != NULL && d->input != NULL && d->input(app, (int)cmd, arg))
        return true;
    return run_command(app, cmd, arg);
}

bool gf_app_text(gf_app *app, const char *utf8)
{
    if (app->chord) {
        app->chord = false;
        return false;   /* a layout may send text for Ctrl+letter too */
    }
    /* Bytes that are not UTF-8 (a broken input method) are no text: the
     * lines stay valid UTF-8, and Backspace removes whole characters. */
    if (!gf_utf8_valid(utf8, strlen(utf8), NULL))
        return false;
    if (!app->editing)
        return gf_analogy_text(app, utf8);
    size_t n = strlen(app->edit), add = strlen(utf8);
    if (n + add + 1 > sizeof app->edit)
        return false;
    memcpy(app->edit + n, utf8, add + 1);
    return true;
}

bool gf_app_mouse_move(gf_app *app, int x, int y)
{
    app->ui.mouse_x = x;
    app->ui.mouse_y = y;
    return true;
}

bool gf_app_click(gf_app *app, int x, int y)
{
    if (gf_analogy_click(app, x, y))
        return true;
    int tok = gf_ui_hit_at(&app->ui, x, y, GF_HIT_TOKEN);
    if (tok >= 0) {
        gf_stepper_set_position(&app->st, tok);
        return true;
    }
    int head = gf_ui_hit_at(&app->ui, x, y, GF_HIT_HEAD);
    if (head >= 0) {
        gf_stepper_set_head(&app->st, head);
        gf_stepper_goto(&app->st, GF_STAGE_SOFTMAX);
        app->screen = GF_SCREEN_STAGE;
        return true;
    }
    if (gf_explain_click(app, x, y))  /* a value: how it was computed */
        return true;
    if (gf_ui_hit_at(&app->ui, x, y, GF_HIT_PROMPT) >= 0 && !app->editing) {
        start_editing(app);
        return true;
    }
    return false;
}

bool gf_app_mouse_drag(gf_app *app, int dx, int dy)
{
    return gf_analogy_drag(app, dx, dy);
}

bool gf_app_wheel(gf_app *app, int dy)
{
    if (dy == 0)
        return false;
    /* The wheel zooms the heatmaps into the positions around the current one. */
    int z = dy > 0 ? app->heat_zoom * 2 : app->heat_zoom / 2;
    app->heat_zoom = z < 1 ? 1 : z > 64 ? 64 : z;
    return true;
}

bool gf_app_key_event(gf_app *app, const SDL_KeyboardEvent *ev)
{
    /* The keycode (ev->keysym.sym) depends on the layout: not read. */
    return gf_app_key_down(app, ev->keysym.scancode, ev->keysym.mod);
}

static bool key_is_wheel(const char *name)
{
    return strcasecmp(name, "wheelup") == 0 || strcasecmp(name, "wheeldown") == 0;
}

bool gf_app_key_named(gf_app *app, const char *name)
{
    SDL_Scancode code = SDL_SCANCODE_UNKNOWN;
    uint16_t mod = 0;
    if (key_is_wheel(name))
        return gf_app_wheel(app, strcasecmp(name, "wheelup") == 0 ? 1 : -1);
    if (gf_key_from_name(name, &code, &mod))
        return gf_app_key_down(app, code, mod);
    return false;   /* "wait", "stay": only the window loop acts on them */
}

bool gf_app_keys(gf_app *app, const char *list, char *err, size_t err_size)
{
    if (!gf_keys_check(list, err, err_size))
        return false;
    char name[64];
    for (const char *p = list; gf_keys_next(&p, name, sizeof name);) {
        gf_app_key_named(app, name);
        if (!gf_app_settle(app, err, err_size))  /* each key's work, done */
            return false;
    }
    return true;
}

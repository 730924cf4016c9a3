/* input.c — keys, text and mouse turned into state changes. */
#include "app.h"

#include "temperature.h"
#include "work.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static gf_key stepper_key(SDL_Keycode key, uint16_t mod)
{
    bool shift = (mod & KMOD_SHIFT) != 0;
    switch (key) {
    case SDLK_RIGHT: return shift ? GF_KEY_NEXT_POS : GF_KEY_NEXT_STAGE;
    case SDLK_LEFT: return shift ? GF_KEY_PREV_POS : GF_KEY_PREV_STAGE;
    case SDLK_UP:
    case SDLK_PAGEUP: return GF_KEY_LAYER_UP;
    case SDLK_DOWN:
    case SDLK_PAGEDOWN: return GF_KEY_LAYER_DOWN;
    case SDLK_TAB: return shift ? GF_KEY_PREV_HEAD : GF_KEY_NEXT_HEAD;
    case SDLK_PERIOD: return GF_KEY_NEXT_POS;
    case SDLK_COMMA: return GF_KEY_PREV_POS;
    case SDLK_HOME: return GF_KEY_FIRST_STAGE;
    case SDLK_END: return GF_KEY_LAST_STAGE;
    default:
        if (key >= SDLK_1 && key <= SDLK_9)
            return (gf_key)(GF_KEY_HEAD_1 + (key - SDLK_1));
        return GF_KEY_NONE;
    }
}

static void run_prompt(gf_app *app)
{
    app->editing = false;
    SDL_StopTextInput();
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

static bool edit_key(gf_app *app, SDL_Keycode key, uint16_t mod)
{
    if ((mod & KMOD_CTRL) != 0) {
        switch (key) {
        case SDLK_u: app->edit[0] = '\0'; return true;   /* clear the line */
        case SDLK_w: edit_delete_word(app->edit); return true;
        case SDLK_v: edit_paste(app); return true;
        default: return false;
        }
    }
    switch (key) {
    case SDLK_RETURN:
    case SDLK_KP_ENTER: run_prompt(app); return true;
    case SDLK_ESCAPE:
        app->editing = false;
        SDL_StopTextInput();
        return true;
    case SDLK_BACKSPACE: edit_backspace(app->edit); return true;
    default: return false;
    }
}

static bool temperature_key(gf_app *app, SDL_Keycode key)
{
    switch (key) {
    case SDLK_s: gf_temp_reroll(&app->temp); return true;
    case SDLK_1:
    case SDLK_2:
    case SDLK_3: app->temp.selected = (int)(key - SDLK_1); return true;
    case SDLK_PLUS:
    case SDLK_EQUALS:
    case SDLK_KP_PLUS: gf_temp_adjust(&app->temp, 0.1f); return true;
    case SDLK_MINUS:
    case SDLK_KP_MINUS: gf_temp_adjust(&app->temp, -0.1f); return true;
    default: return false;
    }
}

static void set_zoom(gf_app *app, float factor)
{
    float z = app->zoom * factor;
    app->zoom = z < 0.6f ? 0.6f : z > 2.5f ? 2.5f : z;
}

bool gf_app_key(gf_app *app, SDL_Keycode key, uint16_t mod)
{
    /* Any key ends the sampling animation (and then does what it does);
     * F12 only takes a picture of it. */
    if (key != SDLK_F12)
        gf_flow_stop(&app->flow);
    /* Esc cancels running work before anything else it does. */
    if (key == SDLK_ESCAPE && gf_app_cancel_work(app))
        return true;
    if (app->help) {
        app->help = false;
        return true;
    }
    if (app->editing)
        return edit_key(app, key, mod);
    if (app->screen == GF_SCREEN_TEMPERATURE && temperature_key(app, key))
        return true;
    app->message[0] = '\0';
    gf_key k = stepper_key(key, mod);
    if (k != GF_KEY_NONE) {
        if (app->screen == GF_SCREEN_OVERVIEW && (k == GF_KEY_NEXT_STAGE || k == GF_KEY_PREV_STAGE))
            app->screen = GF_SCREEN_STAGE;
        gf_stepper_key(&app->st, k);
        return true;
    }
    bool ctrl = (mod & KMOD_CTRL) != 0;
    switch (key) {
    case SDLK_SPACE:
    case SDLK_RETURN:
    case SDLK_KP_ENTER: gf_app_sample_next(app); return true;
    case SDLK_BACKSPACE: gf_app_pop_token(app); return true;
    case SDLK_l:
        if (ctrl)
            start_editing(app);
        return ctrl;
    case SDLK_t:
        app->screen = app->screen == GF_SCREEN_TEMPERATURE ? GF_SCREEN_STAGE : GF_SCREEN_TEMPERATURE;
        return true;
    case SDLK_h:
        app->screen = app->screen == GF_SCREEN_OVERVIEW ? GF_SCREEN_STAGE : GF_SCREEN_OVERVIEW;
        return true;
    case SDLK_r: gf_app_reset_prompt(app); return true;
    case SDLK_PLUS:
    case SDLK_EQUALS:
    case SDLK_KP_PLUS: set_zoom(app, 1.15f); return true;
    case SDLK_MINUS:
    case SDLK_KP_MINUS: set_zoom(app, 1.0f / 1.15f); return true;
    case SDLK_f: app->large_font = !app->large_font; return true;
    case SDLK_LEFTBRACKET:
    case SDLK_RIGHTBRACKET: {
        float t = app->temperature + (key == SDLK_RIGHTBRACKET ? 0.1f : -0.1f);
        app->temperature = t < 0.05f ? 0.0f : t > 5.0f ? 5.0f : t;
        return true;
    }
    case SDLK_F1:
    case SDLK_QUESTION: app->help = true; return true;
    case SDLK_SLASH:
        app->help = (mod & KMOD_SHIFT) != 0;
        return app->help;
    case SDLK_F12: app->screenshot_pending = true; return true;
    case SDLK_ESCAPE:
        if (app->screen != GF_SCREEN_STAGE)
            app->screen = GF_SCREEN_STAGE;
        else
            app->quit = true;
        return true;
    default: return false;
    }
}

bool gf_app_text(gf_app *app, const char *utf8)
{
    if (!app->editing)
        return false;
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
    if (gf_ui_hit_at(&app->ui, x, y, GF_HIT_PROMPT) >= 0 && !app->editing) {
        start_editing(app);
        return true;
    }
    return false;
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

typedef struct {
    const char *name;
    SDL_Keycode key;
} key_name;

static const key_name key_names[] = {
    {"right", SDLK_RIGHT}, {"left", SDLK_LEFT}, {"up", SDLK_UP}, {"down", SDLK_DOWN},
    {"pgup", SDLK_PAGEUP}, {"pgdn", SDLK_PAGEDOWN}, {"tab", SDLK_TAB}, {"space", SDLK_SPACE},
    {"enter", SDLK_RETURN}, {"backspace", SDLK_BACKSPACE}, {"esc", SDLK_ESCAPE},
    {"home", SDLK_HOME}, {"end", SDLK_END}, {"plus", SDLK_PLUS}, {"minus", SDLK_MINUS},
    {"f1", SDLK_F1}, {"f12", SDLK_F12}, {"comma", SDLK_COMMA}, {"period", SDLK_PERIOD},
    {"[", SDLK_LEFTBRACKET}, {"]", SDLK_RIGHTBRACKET},
};

bool gf_key_from_name(const char *name, SDL_Keycode *key, uint16_t *mod)
{
    *mod = 0;
    if (strncasecmp(name, "shift+", 6) == 0) {
        *mod = KMOD_LSHIFT;
        name += 6;
    } else if (strncasecmp(name, "ctrl+", 5) == 0) {
        *mod = KMOD_LCTRL;
        name += 5;
    }
    for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++) {
        if (strcasecmp(name, key_names[i].name) == 0) {
            *key = key_names[i].key;
            return true;
        }
    }
    char c = name[0] >= 'A' && name[0] <= 'Z' ? (char)(name[0] - 'A' + 'a') : name[0];
    if (c != '\0' && name[1] == '\0' && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
        *key = (SDL_Keycode)c;
        return true;
    }
    return false;
}

bool gf_keys_next(const char **p, char *name, size_t size)
{
    if (**p == '\0')
        return false;
    const char *end = strchr(*p, ',');
    size_t n = end != NULL ? (size_t)(end - *p) : strlen(*p);
    snprintf(name, size, "%.*s", (int)(n < size ? n : size - 1), *p);
    *p += n + (end != NULL ? 1 : 0);
    return true;
}

static bool key_is_wheel(const char *name)
{
    return strcasecmp(name, "wheelup") == 0 || strcasecmp(name, "wheeldown") == 0;
}

bool gf_keys_check(const char *list, char *err, size_t err_size)
{
    char name[64];
    SDL_Keycode key;
    uint16_t mod;
    for (const char *p = list; gf_keys_next(&p, name, sizeof name);) {
        if (strcasecmp(name, "stay") != 0 && strcasecmp(name, "wait") != 0 &&
            !key_is_wheel(name) && !gf_key_from_name(name, &key, &mod)) {
            snprintf(err, err_size, "--keys: \"%s\" is not a key name (known: a-z, 0-9, right, "
                     "left, up, down, pgup, pgdn, tab, space, enter, backspace, esc, home, end, "
                     "plus, minus, f1, f12, comma, period, [, ], wheelup, wheeldown, shift+KEY, "
                     "ctrl+KEY; in a window also wait, stay)", name);
            return false;
        }
    }
    return true;
}

bool gf_app_key_named(gf_app *app, const char *name)
{
    SDL_Keycode key = 0;
    uint16_t mod = 0;
    if (key_is_wheel(name))
        return gf_app_wheel(app, strcasecmp(name, "wheelup") == 0 ? 1 : -1);
    if (gf_key_from_name(name, &key, &mod))
        return gf_app_key(app, key, mod);
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

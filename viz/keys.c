/* keys.c — the key table, its lookup, the help lines made from it, and the
 * --keys names of physical keys (see keys.h). */
#include "keys.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define ANY GF_SCOPE_ANY
#define EDIT GF_SCOPE_EDIT
#define TEMP (GF_SCOPE_SCREEN + GF_SCREEN_TEMPERATURE)
#define QUIT (GF_SCOPE_SCREEN + GF_SCREEN_QUIT)
#define ANALOGY (GF_SCOPE_SCREEN + GF_SCREEN_ANALOGY)
#define SELECT GF_SCOPE_SELECT
#define STAGE (GF_SCOPE_SCREEN + GF_SCREEN_STAGE)
#define LESSONS (GF_SCOPE_SCREEN + GF_SCREEN_LESSONS)
#define HELP (GF_SCOPE_SCREEN + GF_SCREEN_HELP)
#define SC(x) SDL_SCANCODE_##x

static const gf_key_binding BINDINGS[] = {
    /* The quit question: Enter quits; any other key stays (input.c). */
    {QUIT, SC(RETURN), GF_MOD_NONE, GF_CMD_QUIT, 0, NULL, GF_STR_NONE},
    {QUIT, SC(KP_ENTER), GF_MOD_NONE, GF_CMD_QUIT, 0, NULL, GF_STR_NONE},
    /* The lesson picker (O): arrows choose, Enter opens; other keys close it. */
    {LESSONS, SC(UP), GF_MOD_NONE, GF_CMD_LESSON_PICK, -1, NULL, GF_STR_NONE},
    {LESSONS, SC(DOWN), GF_MOD_NONE, GF_CMD_LESSON_PICK, 1, NULL, GF_STR_NONE},
    {LESSONS, SC(RETURN), GF_MOD_NONE, GF_CMD_LESSON_PICK, 0, NULL, GF_STR_NONE},
    {LESSONS, SC(KP_ENTER), GF_MOD_NONE, GF_CMD_LESSON_PICK, 0, NULL, GF_STR_NONE},
    /* The help, where it has pages (view_help.c): PgDn / Space next, PgUp
     * back; other keys close it. */
    {HELP, SC(PAGEDOWN), GF_MOD_NONE, GF_CMD_HELP_PAGE, 1, NULL, GF_STR_NONE},
    {HELP, SC(SPACE), GF_MOD_NONE, GF_CMD_HELP_PAGE, 1, NULL, GF_STR_NONE},
    {HELP, SC(PAGEUP), GF_MOD_NONE, GF_CMD_HELP_PAGE, -1, NULL, GF_STR_NONE},
    /* A selected number (E): arrows move it, Tab to the next map, Enter
     * shows how it was computed. */
    {SELECT, SC(LEFT), GF_MOD_NONE, GF_CMD_EXPLAIN_MOVE, 0, NULL, GF_STR_HELP_EXPLAIN},
    {SELECT, SC(RIGHT), GF_MOD_NONE, GF_CMD_EXPLAIN_MOVE, 1, NULL, GF_STR_HELP_EXPLAIN},
    {SELECT, SC(UP), GF_MOD_NONE, GF_CMD_EXPLAIN_MOVE, 2, NULL, GF_STR_HELP_EXPLAIN},
    {SELECT, SC(DOWN), GF_MOD_NONE, GF_CMD_EXPLAIN_MOVE, 3, NULL, GF_STR_HELP_EXPLAIN},
    {SELECT, SC(TAB), GF_MOD_NONE, GF_CMD_EXPLAIN_NEXT, 0, NULL, GF_STR_HELP_EXPLAIN},
    {SELECT, SC(RETURN), GF_MOD_NONE, GF_CMD_EXPLAIN_TOGGLE, 0, NULL, GF_STR_HELP_EXPLAIN},
    {SELECT, SC(KP_ENTER), GF_MOD_NONE, GF_CMD_EXPLAIN_TOGGLE, 0, NULL, GF_STR_HELP_EXPLAIN},
    /* The prompt line (typed characters come as text, not from here). */
    {EDIT, SC(RETURN), GF_MOD_NONE, GF_CMD_EDIT_RUN, 0, NULL, GF_STR_NONE},
    {EDIT, SC(KP_ENTER), GF_MOD_NONE, GF_CMD_EDIT_RUN, 0, NULL, GF_STR_NONE},
    {EDIT, SC(BACKSPACE), GF_MOD_NONE, GF_CMD_EDIT_BACKSPACE, 0, NULL, GF_STR_NONE},
    {EDIT, SC(ESCAPE), GF_MOD_NONE, GF_CMD_ESCAPE, 0, NULL, GF_STR_NONE},
    {EDIT, SC(U), GF_MOD_CTRL, GF_CMD_EDIT_CLEAR, 0, NULL, GF_STR_NONE},
    {EDIT, SC(W), GF_MOD_CTRL, GF_CMD_EDIT_WORD, 0, NULL, GF_STR_NONE},
    {EDIT, SC(V), GF_MOD_CTRL, GF_CMD_EDIT_PASTE, 0, NULL, GF_STR_NONE},
    /* The temperature screen's own keys (before the global ones). */
    {TEMP, SC(S), GF_MOD_NONE, GF_CMD_LANES_REROLL, 0, "S", GF_STR_HELP_LANES_REROLL},
    {TEMP, SC(1), GF_MOD_NONE, GF_CMD_LANE_SELECT, 0, "1 / 2 / 3, + / −", GF_STR_HELP_LANE},
    {TEMP, SC(2), GF_MOD_NONE, GF_CMD_LANE_SELECT, 1, NULL, GF_STR_HELP_LANE},
    {TEMP, SC(3), GF_MOD_NONE, GF_CMD_LANE_SELECT, 2, NULL, GF_STR_HELP_LANE},
    {TEMP, SC(EQUALS), GF_MOD_NONE, GF_CMD_LANE_ADJUST, 1, NULL, GF_STR_HELP_LANE},
    {TEMP, SC(KP_PLUS), GF_MOD_NONE, GF_CMD_LANE_ADJUST, 1, NULL, GF_STR_HELP_LANE},
    {TEMP, SC(MINUS), GF_MOD_NONE, GF_CMD_LANE_ADJUST, -1, NULL, GF_STR_HELP_LANE},
    {TEMP, SC(KP_MINUS), GF_MOD_NONE, GF_CMD_LANE_ADJUST, -1, NULL, GF_STR_HELP_LANE},
    {TEMP, SC(K), GF_MOD_NONE, GF_CMD_LANE_SEED, 0, "K", GF_STR_HELP_LANE_SEED},
    {TEMP, SC(LEFTBRACKET), GF_MOD_NONE, GF_CMD_LANE_LENGTH, -1, "[ / ]", GF_STR_HELP_LANE_LENGTH},
    {TEMP, SC(RIGHTBRACKET), GF_MOD_NONE, GF_CMD_LANE_LENGTH, 1, NULL, GF_STR_HELP_LANE_LENGTH},
    /* The beam lane: its width, its tree (one help line for the three). */
    {TEMP, SC(LEFTBRACKET), GF_MOD_SHIFT, GF_CMD_BEAM_WIDTH, -1, "{ / }, Tab, , / .",
     GF_STR_HELP_BEAMS},
    {TEMP, SC(RIGHTBRACKET), GF_MOD_SHIFT, GF_CMD_BEAM_WIDTH, 1, NULL, GF_STR_HELP_BEAMS},
    {TEMP, SC(TAB), GF_MOD_NONE, GF_CMD_BEAM_TREE, 0, NULL, GF_STR_HELP_BEAMS},
    {TEMP, SC(COMMA), GF_MOD_NONE, GF_CMD_BEAM_SCROLL, -1, NULL, GF_STR_HELP_BEAMS},
    {TEMP, SC(PERIOD), GF_MOD_NONE, GF_CMD_BEAM_SCROLL, 1, NULL, GF_STR_HELP_BEAMS},
    {TEMP, SC(COMMA), GF_MOD_SHIFT, GF_CMD_BEAM_SCROLL, -10, NULL, GF_STR_HELP_BEAMS},
    {TEMP, SC(PERIOD), GF_MOD_SHIFT, GF_CMD_BEAM_SCROLL, 10, NULL, GF_STR_HELP_BEAMS},
    /* The analogy screen's own keys, when its line does not have the keyboard. */
    {ANALOGY, SC(RETURN), GF_MOD_NONE, GF_CMD_ANALOGY_LINE, 0, "Enter", GF_STR_HELP_ANALOGY_LINE},
    {ANALOGY, SC(KP_ENTER), GF_MOD_NONE, GF_CMD_ANALOGY_LINE, 0, NULL, GF_STR_HELP_ANALOGY_LINE},
    {ANALOGY, SC(P), GF_MOD_NONE, GF_CMD_ANALOGY_PRESET, 1, "P", GF_STR_HELP_ANALOGY_PRESET},
    {ANALOGY, SC(P), GF_MOD_SHIFT, GF_CMD_ANALOGY_PRESET, -1, NULL, GF_STR_HELP_ANALOGY_PRESET},
    {ANALOGY, SC(V), GF_MOD_NONE, GF_CMD_ANALOGY_SOURCE, 0, "V", GF_STR_HELP_ANALOGY_SOURCE},
    {ANALOGY, SC(D), GF_MOD_NONE, GF_CMD_ANALOGY_3D, 0, "D", GF_STR_HELP_ANALOGY_3D},
    {ANALOGY, SC(LEFT), GF_MOD_NONE, GF_CMD_ANALOGY_ORBIT, 0, NULL, GF_STR_HELP_ANALOGY_3D},
    {ANALOGY, SC(RIGHT), GF_MOD_NONE, GF_CMD_ANALOGY_ORBIT, 1, NULL, GF_STR_HELP_ANALOGY_3D},
    {ANALOGY, SC(UP), GF_MOD_NONE, GF_CMD_ANALOGY_ORBIT, 2, NULL, GF_STR_HELP_ANALOGY_3D},
    {ANALOGY, SC(DOWN), GF_MOD_NONE, GF_CMD_ANALOGY_ORBIT, 3, NULL, GF_STR_HELP_ANALOGY_3D},
    /* The stage screen: the attention weights without the causal mask. */
    {STAGE, SC(W), GF_MOD_NONE, GF_CMD_WHATIF, 0, "W", GF_STR_HELP_WHATIF},
    /* Every screen. */
    {ANY, SC(RIGHT), GF_MOD_NONE, GF_CMD_STEP, GF_KEY_NEXT_STAGE, "→ / ←", GF_STR_HELP_STAGE},
    {ANY, SC(LEFT), GF_MOD_NONE, GF_CMD_STEP, GF_KEY_PREV_STAGE, NULL, GF_STR_HELP_STAGE},
    {ANY, SC(UP), GF_MOD_NONE, GF_CMD_STEP, GF_KEY_LAYER_UP, "↑ / ↓, PgUp / PgDn",
     GF_STR_HELP_LAYER},
    {ANY, SC(DOWN), GF_MOD_NONE, GF_CMD_STEP, GF_KEY_LAYER_DOWN, NULL, GF_STR_HELP_LAYER},
    {ANY, SC(PAGEUP), GF_MOD_NONE, GF_CMD_STEP, GF_KEY_LAYER_UP, NULL, GF_STR_HELP_LAYER},
    {ANY, SC(PAGEDOWN), GF_MOD_NONE, GF_CMD_STEP, GF_KEY_LAYER_DOWN, NULL, GF_STR_HELP_LAYER},
    {ANY, SC(TAB), GF_MOD_NONE, GF_CMD_STEP, GF_KEY_NEXT_HEAD, "Tab, 1–9", GF_STR_HELP_HEAD},
    {ANY, SC(TAB), GF_MOD_SHIFT, GF_CMD_STEP, GF_KEY_PREV_HEAD, NULL, GF_STR_HELP_HEAD},
    {ANY, SC(1), GF_MOD_NONE, GF_CMD_STEP, GF_KEY_HEAD_1 + 0, NULL, GF_STR_HELP_HEAD},
    {ANY, SC(2), GF_MOD_NONE, GF_CMD_STEP, GF_KEY_HEAD_1 + 1, NULL, GF_STR_HELP_HEAD},
    {ANY, SC(3), GF_MOD_NONE, GF_CMD_STEP, GF_KEY_HEAD_1 + 2, NULL, GF_STR_HELP_HEAD},
    {ANY, SC(4), GF_MOD_NONE, GF_CMD_STEP, GF_KEY_HEAD_1 + 3, NULL, GF_STR_HELP_HEAD},
    {ANY, SC(5), GF_MOD_NONE, GF_CMD_STEP, GF_KEY_HEAD_1 + 4, NULL, GF_STR_HELP_HEAD},
    {ANY, SC(6), GF_MOD_NONE, GF_CMD_STEP, GF_KEY_HEAD_1 + 5, NULL, GF_STR_HELP_HEAD},
    {ANY, SC(7), GF_MOD_NONE, GF_CMD_STEP, GF_KEY_HEAD_1 + 6, NULL, GF_STR_HELP_HEAD},
    {ANY, SC(8), GF_MOD_NONE, GF_CMD_STEP, GF_KEY_HEAD_1 + 7, NULL, GF_STR_HELP_HEAD},
    {ANY, SC(9), GF_MOD_NONE, GF_CMD_STEP, GF_KEY_HEAD_1 + 8, NULL, GF_STR_HELP_HEAD},
    {ANY, SC(RIGHT), GF_MOD_SHIFT, GF_CMD_STEP, GF_KEY_NEXT_POS, "Shift+→ / Shift+←",
     GF_STR_HELP_POSITION},
    {ANY, SC(LEFT), GF_MOD_SHIFT, GF_CMD_STEP, GF_KEY_PREV_POS, NULL, GF_STR_HELP_POSITION},
    {ANY, SC(PERIOD), GF_MOD_NONE, GF_CMD_STEP, GF_KEY_NEXT_POS, NULL, GF_STR_HELP_POSITION},
    {ANY, SC(COMMA), GF_MOD_NONE, GF_CMD_STEP, GF_KEY_PREV_POS, NULL, GF_STR_HELP_POSITION},
    {ANY, SC(HOME), GF_MOD_NONE, GF_CMD_STEP, GF_KEY_FIRST_STAGE, "Home / End",
     GF_STR_HELP_FIRST_LAST},
    {ANY, SC(END), GF_MOD_NONE, GF_CMD_STEP, GF_KEY_LAST_STAGE, NULL, GF_STR_HELP_FIRST_LAST},
    {ANY, SC(SPACE), GF_MOD_NONE, GF_CMD_SAMPLE, 0, "Space, Enter", GF_STR_HELP_SAMPLE},
    {ANY, SC(RETURN), GF_MOD_NONE, GF_CMD_SAMPLE, 0, NULL, GF_STR_HELP_SAMPLE},
    {ANY, SC(KP_ENTER), GF_MOD_NONE, GF_CMD_SAMPLE, 0, NULL, GF_STR_HELP_SAMPLE},
    {ANY, SC(BACKSPACE), GF_MOD_NONE, GF_CMD_POP, 0, "Backspace", GF_STR_HELP_POP},
    {ANY, SC(L), GF_MOD_CTRL, GF_CMD_EDIT, 0, "Ctrl+L", GF_STR_HELP_EDIT},
    {ANY, SC(LEFTBRACKET), GF_MOD_NONE, GF_CMD_TEMPERATURE, -1, "[ / ]",
     GF_STR_HELP_TEMPERATURE_T},
    {ANY, SC(RIGHTBRACKET), GF_MOD_NONE, GF_CMD_TEMPERATURE, 1, NULL, GF_STR_HELP_TEMPERATURE_T},
    {ANY, SC(R), GF_MOD_NONE, GF_CMD_RESET, 0, "R", GF_STR_HELP_RESET},
    {ANY, SC(EQUALS), GF_MOD_NONE, GF_CMD_ZOOM, 1, "+ / −", GF_STR_HELP_ZOOM},
    {ANY, SC(KP_PLUS), GF_MOD_NONE, GF_CMD_ZOOM, 1, NULL, GF_STR_HELP_ZOOM},
    {ANY, SC(MINUS), GF_MOD_NONE, GF_CMD_ZOOM, -1, NULL, GF_STR_HELP_ZOOM},
    {ANY, SC(KP_MINUS), GF_MOD_NONE, GF_CMD_ZOOM, -1, NULL, GF_STR_HELP_ZOOM},
    /* Not a key: the wheel's line in the help (a scancode nothing sends). */
    {ANY, SC(UNKNOWN), GF_MOD_NONE, GF_CMD_NONE, 0, "wheel", GF_STR_HELP_WHEEL},
    {ANY, SC(E), GF_MOD_NONE, GF_CMD_EXPLAIN_SELECT, 0, "E", GF_STR_HELP_EXPLAIN},
    {ANY, SC(F), GF_MOD_NONE, GF_CMD_LARGE_FONT, 0, "F", GF_STR_HELP_LARGE_FONT},
    {ANY, SC(P), GF_MOD_NONE, GF_CMD_PALETTE, 0, "P", GF_STR_HELP_PALETTE},
    {ANY, SC(F11), GF_MOD_NONE, GF_CMD_FULLSCREEN, 0, "F11", GF_STR_HELP_FULLSCREEN},
    {ANY, SC(F12), GF_MOD_NONE, GF_CMD_SCREENSHOT, 0, "F12", GF_STR_HELP_SCREENSHOT},
    {ANY, SC(SLASH), GF_MOD_SHIFT, GF_CMD_SCREEN, GF_SCREEN_HELP, NULL, GF_STR_NONE},
    {ANY, SC(ESCAPE), GF_MOD_NONE, GF_CMD_ESCAPE, 0, "Esc", GF_STR_HELP_ESCAPE},
    /* A lesson (--lesson): its steps. */
    {ANY, SC(N), GF_MOD_NONE, GF_CMD_LESSON_STEP, 1, "N / B", GF_STR_HELP_LESSON_STEP},
    {ANY, SC(B), GF_MOD_NONE, GF_CMD_LESSON_STEP, -1, NULL, GF_STR_HELP_LESSON_STEP},
    {ANY, SC(J), GF_MOD_NONE, GF_CMD_LESSON_RETURN, 0, "J", GF_STR_HELP_LESSON_RETURN},
};

#define N_BINDINGS ((int)(sizeof BINDINGS / sizeof BINDINGS[0]))

const gf_key_binding *gf_key_bindings(int *count)
{
    *count = N_BINDINGS;
    return BINDINGS;
}

/* The binding of (scope, code, mod), or NULL. */
static const gf_key_binding *find(int scope, SDL_Scancode code, gf_key_mod mod)
{
    for (int i = 0; i < N_BINDINGS; i++)
        if (BINDINGS[i].scope == scope && BINDINGS[i].code == code && BINDINGS[i].mod == mod)
            return &BINDINGS[i];
    return NULL;
}

bool gf_key_lookup(int screen, bool editing, SDL_Scancode code, uint16_t sdl_mod,
                   gf_command *cmd, int *arg)
{
    *cmd = GF_CMD_NONE;
    *arg = 0;
    if (code == SDL_SCANCODE_UNKNOWN)
        return false;
    bool ctrl = (sdl_mod & KMOD_CTRL) != 0, shift = (sdl_mod & KMOD_SHIFT) != 0;
    gf_key_mod mod = ctrl ? GF_MOD_CTRL : shift ? GF_MOD_SHIFT : GF_MOD_NONE;
    const gf_key_binding *b = NULL;
    if (editing) {
        b = find(GF_SCOPE_EDIT, code, mod);
    } else {
        int scopes[2] = {GF_SCOPE_SCREEN + screen, GF_SCOPE_ANY};
        for (int s = 0; s < 2 && b == NULL; s++) {
            b = find(scopes[s], code, mod);
            if (b == NULL && mod == GF_MOD_SHIFT)
                b = find(scopes[s], code, GF_MOD_NONE);
            if (b == NULL && s == 0 && !ctrl) {
                /* The keys that open screens come between the two. */
                for (int i = 0; i < GF_SCREEN_COUNT; i++) {
                    const gf_screen_def *d = gf_screen_get((gf_screen)i);
                    if (d->key != SDL_SCANCODE_UNKNOWN && d->key == code) {
                        *cmd = GF_CMD_SCREEN;
                        *arg = d->id;
                        return true;
                    }
                }
            }
        }
    }
    if (b == NULL || b->cmd == GF_CMD_NONE)
        return false;
    *cmd = b->cmd;
    *arg = b->arg;
    return true;
}

bool gf_key_lookup_scope(int scope, SDL_Scancode code, uint16_t sdl_mod, gf_command *cmd,
                         int *arg)
{
    bool ctrl = (sdl_mod & KMOD_CTRL) != 0, shift = (sdl_mod & KMOD_SHIFT) != 0;
    gf_key_mod mod = ctrl ? GF_MOD_CTRL : shift ? GF_MOD_SHIFT : GF_MOD_NONE;
    const gf_key_binding *b = code == SDL_SCANCODE_UNKNOWN ? NULL : find(scope, code, mod);
    if (b == NULL && mod == GF_MOD_SHIFT && code != SDL_SCANCODE_UNKNOWN)
        b = find(scope, code, GF_MOD_NONE);
    if (b == NULL || b->cmd == GF_CMD_NONE)
        return false;
    *cmd = b->cmd;
    *arg = b->arg;
    return true;
}

/* The help line for text id among lines[0..n), or NULL. */
static gf_help_line *line_for(gf_help_line *lines, int n, gf_str id)
{
    for (int i = 0; i < n; i++)
        if (lines[i].help == id)
            return &lines[i];
    return NULL;
}

static int add_line(gf_help_line *lines, int n, int max, const char *label, gf_str help)
{
    if (help == GF_STR_NONE || n >= max)
        return n;
    gf_help_line *l = line_for(lines, n, help);
    if (l == NULL) {
        l = &lines[n++];
        l->keys[0] = '\0';
        l->help = help;
    }
    if (label != NULL && l->keys[0] == '\0')
        snprintf(l->keys, sizeof l->keys, "%s", label);
    return n;
}

int gf_help_lines(gf_help_line *lines, int max)
{
    int n = 0;
    /* The global keys, with the screens' keys after the prompt line's. */
    for (int i = 0; i < N_BINDINGS; i++) {
        const gf_key_binding *b = &BINDINGS[i];
        if (b->scope != GF_SCOPE_ANY)
            continue;
        if (b->cmd == GF_CMD_TEMPERATURE && line_for(lines, n, b->help) == NULL) {
            for (int s = 0; s < GF_SCREEN_COUNT; s++) {
                const gf_screen_def *d = gf_screen_get((gf_screen)s);
                n = add_line(lines, n, max, d->key_label, d->help);
            }
        }
        n = add_line(lines, n, max, b->label, b->help);
    }
    /* Then what only one screen does. */
    for (int i = 0; i < N_BINDINGS; i++)
        if (BINDINGS[i].scope >= GF_SCOPE_SCREEN)
            n = add_line(lines, n, max, BINDINGS[i].label, BINDINGS[i].help);
    return n;
}

/* --keys names of the keys that are not a letter or a digit. */
static const struct {
    const char *name;
    SDL_Scancode code;
} KEY_NAMES[] = {
    {"right", SC(RIGHT)},   {"left", SC(LEFT)},         {"up", SC(UP)},
    {"down", SC(DOWN)},     {"pgup", SC(PAGEUP)},       {"pgdn", SC(PAGEDOWN)},
    {"tab", SC(TAB)},       {"space", SC(SPACE)},       {"enter", SC(RETURN)},
    {"backspace", SC(BACKSPACE)}, {"esc", SC(ESCAPE)},  {"home", SC(HOME)},
    {"end", SC(END)},       {"plus", SC(EQUALS)},       {"minus", SC(MINUS)},
    {"f1", SC(F1)},         {"f11", SC(F11)},           {"f12", SC(F12)},           {"comma", SC(COMMA)},
    {"period", SC(PERIOD)}, {"slash", SC(SLASH)},       {"[", SC(LEFTBRACKET)},
    {"]", SC(RIGHTBRACKET)},
};

bool gf_key_from_name(const char *name, SDL_Scancode *code, uint16_t *mod)
{
    *mod = 0;
    if (strncasecmp(name, "shift+", 6) == 0) {
        *mod = KMOD_LSHIFT;
        name += 6;
    } else if (strncasecmp(name, "ctrl+", 5) == 0) {
        *mod = KMOD_LCTRL;
        name += 5;
    }
    for (size_t i = 0; i < sizeof KEY_NAMES / sizeof KEY_NAMES[0]; i++) {
        if (strcasecmp(name, KEY_NAMES[i].name) == 0) {
            *code = KEY_NAMES[i].code;
            return true;
        }
    }
    char c = name[0] >= 'A' && name[0] <= 'Z' ? (char)(name[0] - 'A' + 'a') : name[0];
    if (c == '\0' || name[1] != '\0')
        return false;
    if (c >= 'a' && c <= 'z') {
        *code = (SDL_Scancode)(SDL_SCANCODE_A + (c - 'a'));
        return true;
    }
    if (c >= '1' && c <= '9') {
        *code = (SDL_Scancode)(SDL_SCANCODE_1 + (c - '1'));
        return true;
    }
    if (c == '0') {
        *code = SDL_SCANCODE_0;
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

bool gf_keys_check(const char *list, char *err, size_t err_size)
{
    char name[64];
    SDL_Scancode code;
    uint16_t mod;
    for (const char *p = list; gf_keys_next(&p, name, sizeof name);) {
        if (strcasecmp(name, "stay") != 0 && strcasecmp(name, "wait") != 0 &&
            strcasecmp(name, "wheelup") != 0 && strcasecmp(name, "wheeldown") != 0 &&
            !gf_key_from_name(name, &code, &mod)) {
            size_t n = (size_t)snprintf(err, err_size,
                                        "--keys: \"%s\" is not a key name (known: a-z, 0-9", name);
            for (size_t i = 0; i < sizeof KEY_NAMES / sizeof KEY_NAMES[0] && n < err_size; i++)
                n += (size_t)snprintf(err + n, err_size - n, ", %s", KEY_NAMES[i].name);
            if (n < err_size)
                snprintf(err + n, err_size - n, ", wheelup, wheeldown, shift+KEY, ctrl+KEY; "
                                                "in a window also wait, stay)");
            return false;
        }
    }
    return true;
}

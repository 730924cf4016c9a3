/* test_viewer_keys.c — the key table: commands follow physical keys, so a
 * Russian layout (Cyrillic keycodes on Latin scancodes) drives them; typed
 * text stays text; Esc has one order; the table has no clashes; the help and
 * the README's key list are the table's. */
#include "check.h"

#include "viewer_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

/* Under a Russian layout the T key sends 'е', H 'р', R 'к', F 'а', S 'ы',
 * L 'д', [ 'х', ] 'ъ', . 'ю', ',' 'б' (SDL keycodes are the code points). */
static void test_russian_layout(check_ctx *c, gf_app *app)
{
    CHECK_INT(c, app->screen, GF_SCREEN_STAGE);
    CHECK(c, viewer_fixture_press_mod(app, 0x0435, SDL_SCANCODE_T, 0)); /* е on T */
    CHECK_INT(c, app->screen, GF_SCREEN_TEMPERATURE);
    uint64_t seed = app->temp.lanes[0].seed;
    CHECK(c, viewer_fixture_press_mod(app, 0x044b, SDL_SCANCODE_S, 0)); /* ы on S: new seeds */
    CHECK(c, app->temp.lanes[0].seed != seed);
    CHECK(c, viewer_fixture_press_mod(app, '2', SDL_SCANCODE_2, 0)); /* lane 2 */
    CHECK_INT(c, app->temp.selected, 1);
    /* [ / ] here change the lanes' length, not the sampler's T. */
    float sampler_t = app->temperature;
    int length = app->temp.length;
    CHECK_INT(c, length, 40);                                        /* the default */
    CHECK(c, viewer_fixture_press_mod(app, 0x044a, SDL_SCANCODE_RIGHTBRACKET, 0));      /* ъ on ]: 50 */
    CHECK_INT(c, app->temp.length, 50);
    CHECK(c, viewer_fixture_press_mod(app, 0x0445, SDL_SCANCODE_LEFTBRACKET, 0));       /* х on [ */
    CHECK(c, viewer_fixture_press_mod(app, 0x0445, SDL_SCANCODE_LEFTBRACKET, 0));
    CHECK_INT(c, app->temp.length, 30);
    for (int i = 0; i < 5; i++)                                      /* stops at 1 */
        CHECK(c, viewer_fixture_press_mod(app, 0x0445, SDL_SCANCODE_LEFTBRACKET, 0));
    CHECK_INT(c, app->temp.length, 1);
    CHECK(c, viewer_fixture_press_mod(app, 0x044a, SDL_SCANCODE_RIGHTBRACKET, 0));      /* 1 → 10 */
    CHECK_INT(c, app->temp.length, 10);
    for (int i = 0; i < 200; i++)                                    /* stops at the context */
        viewer_fixture_press_mod(app, 0x044a, SDL_SCANCODE_RIGHTBRACKET, 0);
    CHECK_INT(c, app->temp.length, app->s.capacity);
    CHECK_NEAR(c, app->temperature, sampler_t, 1e-6);
    app->temp.length = length;
    /* K on lane 2 (л under a Russian layout): a typed seed, by physical
     * digit keys; Backspace removes, Enter sets, Esc cancels. */
    CHECK(c, viewer_fixture_press_mod(app, 0x043b, SDL_SCANCODE_K, 0));
    CHECK(c, app->temp.seed_typing);
    const SDL_Scancode digits[] = {SDL_SCANCODE_1, SDL_SCANCODE_2, SDL_SCANCODE_9,
                                   SDL_SCANCODE_BACKSPACE, SDL_SCANCODE_0, SDL_SCANCODE_KP_7};
    for (int i = 0; i < 6; i++)
        CHECK(c, viewer_fixture_press_mod(app, 0, digits[i], 0));
    CHECK_STR(c, app->temp.seed_text, "1207");
    CHECK_INT(c, app->temp.selected, 1);                             /* digits did not pick lanes */
    CHECK(c, viewer_fixture_press_mod(app, SDLK_RETURN, SDL_SCANCODE_RETURN, 0));
    CHECK(c, !app->temp.seed_typing);
    CHECK(c, app->temp.lanes[1].seed == 1207u);
    CHECK_INT(c, app->screen, GF_SCREEN_TEMPERATURE);                /* Enter did not sample */
    CHECK(c, viewer_fixture_press_mod(app, 0x043b, SDL_SCANCODE_K, 0));
    CHECK(c, viewer_fixture_press_mod(app, '5', SDL_SCANCODE_5, 0));
    CHECK(c, viewer_fixture_press_mod(app, SDLK_ESCAPE, SDL_SCANCODE_ESCAPE, 0));     /* cancels, stays */
    CHECK(c, !app->temp.seed_typing);
    CHECK(c, app->temp.lanes[1].seed == 1207u);
    CHECK_INT(c, app->screen, GF_SCREEN_TEMPERATURE);
    CHECK(c, viewer_fixture_press_mod(app, 0x0435, SDL_SCANCODE_T, 0));                 /* T again: back */
    CHECK_INT(c, app->screen, GF_SCREEN_STAGE);
    CHECK(c, viewer_fixture_press_mod(app, 0x0440, SDL_SCANCODE_H, 0)); /* р on H */
    CHECK_INT(c, app->screen, GF_SCREEN_OVERVIEW);
    CHECK(c, viewer_fixture_press_mod(app, SDLK_ESCAPE, SDL_SCANCODE_ESCAPE, 0));
    CHECK_INT(c, app->screen, GF_SCREEN_STAGE);
    bool large = app->large_font;
    CHECK(c, viewer_fixture_press_mod(app, 0x0430, SDL_SCANCODE_F, 0)); /* а on F */
    CHECK(c, app->large_font != large);
    float t = app->temperature;
    CHECK(c, viewer_fixture_press_mod(app, 0x044a, SDL_SCANCODE_RIGHTBRACKET, 0)); /* ъ on ] */
    CHECK_NEAR(c, app->temperature, t + 0.1f, 1e-5);
    CHECK(c, viewer_fixture_press_mod(app, 0x0445, SDL_SCANCODE_LEFTBRACKET, 0)); /* х on [ */
    CHECK_NEAR(c, app->temperature, t, 1e-5);
    int pos = app->st.position;
    CHECK(c, viewer_fixture_press_mod(app, 0x0431, SDL_SCANCODE_COMMA, 0)); /* б on , */
    CHECK_INT(c, app->st.position, pos - 1);
    CHECK(c, viewer_fixture_press_mod(app, 0x044e, SDL_SCANCODE_PERIOD, 0)); /* ю on . */
    CHECK_INT(c, app->st.position, pos);
    int stage = app->st.stage;
    CHECK(c, viewer_fixture_press_mod(app, SDLK_RIGHT, SDL_SCANCODE_RIGHT, 0));
    CHECK_INT(c, app->st.stage, stage + 1);
    /* Shift+T (Е) is still T; a Latin 't' keycode on another physical key
     * (a Dvorak user's K) is not. */
    CHECK(c, viewer_fixture_press_mod(app, 0x0415, SDL_SCANCODE_T, KMOD_LSHIFT));
    CHECK_INT(c, app->screen, GF_SCREEN_TEMPERATURE);
    CHECK(c, viewer_fixture_press_mod(app, SDLK_ESCAPE, SDL_SCANCODE_ESCAPE, 0));
    CHECK(c, !viewer_fixture_press_mod(app, SDLK_t, SDL_SCANCODE_K, 0));
    CHECK_INT(c, app->screen, GF_SCREEN_STAGE);
    /* Ctrl+L (Ctrl+д) edits; while editing letter keys do nothing (their
     * text arrives as SDL_TEXTINPUT), Ctrl+U (Ctrl+г) clears, Enter runs. */
    CHECK(c, viewer_fixture_press_mod(app, 0x0434, SDL_SCANCODE_L, KMOD_LCTRL));
    CHECK(c, app->editing);
    CHECK(c, viewer_fixture_press_mod(app, 0x0433, SDL_SCANCODE_U, KMOD_LCTRL));
    CHECK_STR(c, app->edit, "");
    /* X under a Russian layout also sends the text "г" for Ctrl+г: not typed. */
    CHECK(c, !gf_app_text(app, "г"));
    CHECK_STR(c, app->edit, "");
    CHECK(c, gf_app_text(app, "x"));            /* only the one text after the chord */
    CHECK_STR(c, app->edit, "x");
    CHECK(c, viewer_fixture_press_mod(app, 0x0433, SDL_SCANCODE_U, KMOD_LCTRL));
    CHECK_STR(c, app->edit, "");
    CHECK(c, !viewer_fixture_press_mod(app, 0x0435, SDL_SCANCODE_T, 0));
    CHECK_INT(c, app->screen, GF_SCREEN_STAGE);
    CHECK(c, gf_app_text(app, "е"));
    CHECK(c, gf_app_text(app, "ж"));
    CHECK_STR(c, app->edit, "еж");
    CHECK(c, viewer_fixture_press_mod(app, SDLK_RETURN, SDL_SCANCODE_RETURN, 0));
    CHECK(c, !app->editing);
    CHECK_STR(c, app->s.prompt, "еж");
    /* Outside the prompt line, text is ignored. */
    CHECK(c, !gf_app_text(app, "т"));
}

/* Esc: leave the text line → close an overlay → back → ask → (Enter) quit. */
static void test_escape_order(check_ctx *c, gf_app *app)
{
    char err[256];
    app->screen = GF_SCREEN_TEMPERATURE;
    CHECK(c, gf_app_keys(app, "ctrl+l,f1", err, sizeof err));
    CHECK(c, app->editing && app->overlay == GF_SCREEN_NONE);   /* F1 is no text, does nothing */
    CHECK(c, gf_app_keys(app, "esc", err, sizeof err));
    CHECK(c, !app->editing && app->screen == GF_SCREEN_TEMPERATURE);
    CHECK(c, gf_app_keys(app, "f1", err, sizeof err));
    CHECK_INT(c, app->overlay, GF_SCREEN_HELP);
    CHECK(c, gf_app_keys(app, "esc", err, sizeof err));
    CHECK_INT(c, app->overlay, GF_SCREEN_NONE);
    CHECK_INT(c, app->screen, GF_SCREEN_TEMPERATURE);
    CHECK(c, gf_app_keys(app, "esc", err, sizeof err));
    CHECK_INT(c, app->screen, GF_SCREEN_STAGE);
    CHECK(c, gf_app_keys(app, "esc", err, sizeof err));
    CHECK_INT(c, app->overlay, GF_SCREEN_QUIT);
    CHECK(c, !app->quit);
    gf_headless_frame(app);                      /* the question draws */
    CHECK(c, gf_app_keys(app, "enter", err, sizeof err));
    CHECK(c, app->quit);
    app->quit = false;
}

/* F11 toggles full screen (no window here: the state alone). F12 saves the
 * frame in the current folder and the status line says at once, in the
 * class's language, the picture's full path. */
static void test_fullscreen_and_picture(check_ctx *c, gf_app *app)
{
    char err[256];
    CHECK(c, !app->fullscreen);
    CHECK(c, gf_app_keys(app, "f11", err, sizeof err));
    CHECK(c, app->fullscreen);
    CHECK(c, gf_app_keys(app, "f11", err, sizeof err));
    CHECK(c, !app->fullscreen);

    char old[2048], dir[] = "/tmp/gf-picture-XXXXXX";
    if (!CHECK(c, getcwd(old, sizeof old) != NULL && mkdtemp(dir) != NULL && chdir(dir) == 0))
        return;
    static const struct {
        gf_lang lang;
        const char *said;
    } cases[] = {{GF_LANG_EN, "picture saved: "}, {GF_LANG_RU, "снимок сохранён: "}};
    char first[1024] = "";
    for (int i = 0; i < 2; i++) {
        CHECK(c, gf_app_set_lang(app, cases[i].lang, err, sizeof err));
        CHECK(c, gf_app_keys(app, "f12", err, sizeof err));
        gf_headless_frame(app);                       /* the same frame says where */
        CHECK(c, !app->screenshot_pending);
        size_t n = strlen(cases[i].said);
        if (!CHECK(c, strncmp(app->message, cases[i].said, n) == 0)) {
            fprintf(stderr, "  message: %s\n", app->message);
            continue;
        }
        const char *path = app->message + n;
        CHECK(c, strncmp(path, dir, strlen(dir)) == 0 && path[strlen(dir)] == '/');
        CHECK(c, strstr(path, "/glassformer-") != NULL);
        FILE *f = fopen(path, "rb");
        unsigned char sig[8] = {0};
        if (CHECK(c, f != NULL)) {
            CHECK(c, fread(sig, 1, 8, f) == 8 && memcmp(sig, "\x89PNG\r\n\x1a\n", 8) == 0);
            fclose(f);
        }
        CHECK(c, strcmp(path, first) != 0);         /* a second picture does not replace the first */
        snprintf(first, sizeof first, "%s", path);
    }
    /* The message is drawn in the status line (accent-coloured text there). */
    int lit = 0, y0 = app->surface->h - 20;
    for (int x = app->surface->w / 2; x < app->surface->w; x++)
        for (int y = y0 - 8; y < y0 + 8; y++) {
            gf_rgba p = gf_headless_pixel(app, x, y);
            gf_rgba a = app->ui.style->accent;
            lit += abs(p.r - a.r) + abs(p.g - a.g) + abs(p.b - a.b) < 60;
        }
    CHECK(c, lit > 20);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK(c, chdir(old) == 0 && system(cmd) == 0);
}

/* P switches the token colours: the chips of the strip are drawn in the
 * colour-safe palette's colours (the first chip's colour is found on
 * screen), the status line says which palette, and P again goes back. */
static int colour_count(const gf_app *app, gf_rgba want)
{
    int n = 0;
    for (int y = 0; y < app->surface->h / 5; y++)
        for (int x = 0; x < app->surface->w; x++) {
            gf_rgba p = gf_headless_pixel(app, x, y);
            n += p.r == want.r && p.g == want.g && p.b == want.b;
        }
    return n;
}

static void test_palette_key(check_ctx *c, gf_app *app)
{
    char err[256];
    CHECK(c, gf_app_set_lang(app, GF_LANG_EN, err, sizeof err));
    gf_rgba safe = gf_token_palette_colour(GF_TOKEN_PALETTE_COLOUR_SAFE, 1);
    gf_rgba standard = gf_token_palette_colour(GF_TOKEN_PALETTE_STANDARD, 1);
    gf_headless_frame(app);
    int safe_before = colour_count(app, safe), standard_before = colour_count(app, standard);
    CHECK(c, standard_before > 20);
    CHECK(c, gf_app_keys(app, "p", err, sizeof err));
    CHECK_INT(c, app->palette, GF_TOKEN_PALETTE_COLOUR_SAFE);
    CHECK_STR(c, app->message, "token colours: colour-blind-safe");
    gf_headless_frame(app);
    CHECK(c, colour_count(app, safe) > safe_before + 20);
    CHECK(c, colour_count(app, standard) < standard_before);
    CHECK(c, gf_app_keys(app, "p", err, sizeof err));
    CHECK_INT(c, app->palette, GF_TOKEN_PALETTE_STANDARD);
    CHECK_STR(c, app->message, "token colours: standard");
}

/* No two bindings of one scope on one key; no screen key taken globally. */
static void test_table(check_ctx *c)
{
    int n = 0;
    const gf_key_binding *b = gf_key_bindings(&n);
    int clashes = 0;
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            clashes += b[i].code != SDL_SCANCODE_UNKNOWN && b[i].scope == b[j].scope &&
                       b[i].code == b[j].code && b[i].mod == b[j].mod;
    CHECK_INT(c, clashes, 0);
    for (int s = 0; s < GF_SCREEN_COUNT; s++) {
        const gf_screen_def *d = gf_screen_get((gf_screen)s);
        CHECK_INT(c, d->id, s);
        for (int i = 0; i < n && d->key != SDL_SCANCODE_UNKNOWN; i++)
            if (!CHECK(c, !(b[i].code == d->key && b[i].mod == GF_MOD_NONE &&
                            b[i].scope == GF_SCOPE_ANY)))
                fprintf(stderr, "  screen %s's key is also bound globally\n", d->name);
    }
}

/* The README's key list is the help's: the same keys, in the same order. */
static void test_readme(check_ctx *c, const gf_app *app)
{
    gf_help_line lines[64];
    int n = gf_help_lines(lines, 64);
    CHECK(c, n >= 15);
    char path[1024];
    check_data_path(path, sizeof path, "../../README.md");
    FILE *f = fopen(path, "r");
    if (!CHECK(c, f != NULL))
        return;
    char row[512];
    bool in_table = false;
    int i = 0;
    while (fgets(row, sizeof row, f) != NULL) {
        if (strncmp(row, "| key | what it does |", 22) == 0) {
            in_table = true;
            continue;
        }
        if (!in_table || strncmp(row, "|---", 4) == 0)
            continue;
        if (row[0] != '|')
            break;
        char *end = strstr(row + 2, " |");
        if (!CHECK(c, end != NULL))
            break;
        *end = '\0';
        char want[128] = "(none)";
        if (i < n)
            gf_i18n_key_label(&app->text, lines[i].keys, want, sizeof want);
        if (!CHECK_STR(c, row + 2, want))
            fprintf(stderr, "  README key row %d\n", i + 1);
        i++;
    }
    fclose(f);
    CHECK_INT(c, i, n);
    /* Every help line has its keys and its text (every language has every
     * text: test_viewer_units). */
    for (int k = 0; k < n; k++)
        CHECK(c, strcmp(gf_i18n(&app->text, lines[k].help), "?") != 0 && lines[k].keys[0] != '\0');
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "test_viewer_keys");
    char err[512] = "";
    gf_app *app = viewer_fixture_open_checked(&c, "abcdef", 1280, 720);
    if (app != NULL) {
        gf_headless_frame(app);
        test_russian_layout(&c, app);
        test_escape_order(&c, app);
        test_fullscreen_and_picture(&c, app);
        test_palette_key(&c, app);
        CHECK(&c, gf_app_set_lang(app, GF_LANG_EN, err, sizeof err));
        test_readme(&c, app);
    }
    viewer_fixture_close(app);
    test_table(&c);
    return check_end(&c);
}

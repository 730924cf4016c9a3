/* test_viewer_help.c — the help overlay's pages. At 1024×768 in large-font
 * mode (a school projector) the ~45 key lines do not fit at a readable size:
 * they go on pages, every line on exactly one of them, none cut, its text
 * never smaller than a line of the small size at that window; a page line
 * says which page it is; PgDn / Space / PgUp turn the pages (physical
 * keys), any other key closes, F1 opens again at page 1. Where everything
 * fits (1920×1080 large) there is one page and Space closes as before. */
#include "check.h"

#include "keys.h"
#include "viewer_fixture.h"
#include "views.h"

#include <SDL.h>
#include <stdio.h>
#include <string.h>

#define MAX_LINES 64

/* Draw the help over the current frame with its text recorded. */
static void draw_help_recorded(gf_app *app)
{
    gf_headless_frame(app);
    app->ui.record_text = true;
    app->ui.text_paused = false;
    app->ui.n_text = 0;
    app->ui.n_cuts = 0;
    gf_view_help(app, (gf_rect){0, 0, app->ui.width, app->ui.height});
    app->ui.record_text = false;
}

/* How many recorded texts are exactly text. */
static int count_text(const gf_app *app, const char *text)
{
    int n = 0;
    for (int i = 0; i < app->ui.n_text; i++)
        n += strcmp(app->ui.text_rects[i].text, text) == 0;
    return n;
}

static void test_pages_at(check_ctx *c, const char *lang)
{
    char err[256];
    gf_app *app = viewer_fixture_open("The cat sat", 1024, 768, err, sizeof err);
    if (!CHECK(c, app != NULL))
        return;
    app->large_font = true;
    CHECK(c, gf_app_set_lang(app, gf_lang_pick(lang), err, sizeof err));
    CHECK(c, viewer_fixture_press(app, SDLK_F1, SDL_SCANCODE_F1));
    CHECK_INT(c, app->overlay, GF_SCREEN_HELP);
    draw_help_recorded(app);
    int pages = app->help_pages;
    if (!CHECK(c, pages > 1 && pages <= 8))
        fprintf(stderr, "  %s: %d pages\n", lang, pages);
    /* The keys of every help line, in the app's language. */
    gf_help_line lines[MAX_LINES];
    int n = gf_help_lines(lines, MAX_LINES);
    char keys[MAX_LINES][64];
    int seen[MAX_LINES] = {0};
    for (int i = 0; i < n; i++)
        gf_i18n_key_label(&app->text, lines[i].keys, keys[i], sizeof keys[i]);
    /* A line of the small size at this window: no help text is smaller. */
    int small_w = 0, small_h = 0;
    gf_text_size(&app->ui, GF_FACE_SANS, GF_TEXT_SMALL, "Клавиши Ag", &small_w, &small_h);
    for (int p = 0; p < pages; p++) {
        app->help_page = p;
        draw_help_recorded(app);
        CHECK_INT(c, app->help_page, p);
        if (!CHECK_INT(c, app->ui.n_cuts, 0))
            fprintf(stderr, "  %s page %d: cut \"%s\"\n", lang, p + 1, app->ui.cuts[0].text);
        int too_small = 0, outside = 0;
        for (int t = 0; t < app->ui.n_text; t++) {
            gf_rect r = app->ui.text_rects[t].r;
            too_small += r.h < small_h;
            outside += r.x < 0 || r.y < 0 || r.x + r.w > 1024 || r.y + r.h > 768;
        }
        if (!CHECK(c, too_small == 0 && outside == 0))
            fprintf(stderr, "  %s page %d: %d texts under %d px high, %d outside\n", lang, p + 1,
                    too_small, small_h, outside);
        for (int i = 0; i < n; i++)
            seen[i] += count_text(app, keys[i]) > 0;
        char page_line[160];
        snprintf(page_line, sizeof page_line, gf_i18n(&app->text, GF_STR_HELP_PAGE), p + 1, pages);
        CHECK_INT(c, count_text(app, page_line), 1);
    }
    /* Every line on exactly one page (keys labels are unique but for one
     * that repeats: then on as many pages as it repeats, at most). */
    for (int i = 0; i < n; i++) {
        int same = 0;
        for (int j = 0; j < n; j++)
            same += strcmp(keys[i], keys[j]) == 0;
        if (!CHECK(c, seen[i] >= 1 && seen[i] <= same))
            fprintf(stderr, "  %s: \"%s\" on %d pages\n", lang, keys[i], seen[i]);
    }
    /* The keys: physical ones (the keycode does not matter, as under a
     * Russian layout), turning and wrapping; another key closes. */
    app->help_page = 0;
    CHECK(c, viewer_fixture_press(app, SDLK_PAGEDOWN, SDL_SCANCODE_PAGEDOWN));
    CHECK_INT(c, app->help_page, 1);
    CHECK(c, viewer_fixture_press(app, SDLK_UNKNOWN, SDL_SCANCODE_SPACE));
    CHECK_INT(c, app->help_page, 2 % pages);
    CHECK(c, viewer_fixture_press(app, SDLK_UNKNOWN, SDL_SCANCODE_PAGEUP));
    CHECK_INT(c, app->help_page, 1);
    CHECK(c, viewer_fixture_press(app, SDLK_PAGEUP, SDL_SCANCODE_PAGEUP));
    CHECK(c, viewer_fixture_press(app, SDLK_PAGEUP, SDL_SCANCODE_PAGEUP));
    CHECK_INT(c, app->help_page, pages - 1);                /* from the first to the last */
    CHECK(c, viewer_fixture_press(app, SDLK_SPACE, SDL_SCANCODE_SPACE));
    CHECK_INT(c, app->help_page, 0);                        /* and back round */
    CHECK_INT(c, app->overlay, GF_SCREEN_HELP);
    int stage = app->st.stage;
    CHECK(c, viewer_fixture_press(app, 0x0434, SDL_SCANCODE_L));   /* "д": L, closes only */
    CHECK_INT(c, app->overlay, GF_SCREEN_NONE);
    CHECK_INT(c, app->screen, GF_SCREEN_STAGE);
    CHECK_INT(c, app->st.stage, stage);
    app->help_page = 2;
    CHECK(c, viewer_fixture_press(app, SDLK_F1, SDL_SCANCODE_F1));
    CHECK_INT(c, app->help_page, 0);                        /* opens at its first page */
    gf_headless_frame(app);
    char path[512], name[64];
    snprintf(name, sizeof name, "viewer_help_1024_%s.png", lang);
    check_tmp_path(path, sizeof path, name);
    gf_headless_save(app, path, err, sizeof err);
    viewer_fixture_close(app);
}

/* A big window in large-font mode: one page, as before; Space closes it. */
static void test_one_page(check_ctx *c)
{
    char err[256];
    gf_app *app = viewer_fixture_open("The cat sat", 1920, 1080, err, sizeof err);
    if (!CHECK(c, app != NULL))
        return;
    app->large_font = true;
    CHECK(c, gf_app_set_lang(app, gf_lang_pick("ru"), err, sizeof err));
    CHECK(c, viewer_fixture_press(app, SDLK_F1, SDL_SCANCODE_F1));
    draw_help_recorded(app);
    CHECK_INT(c, app->help_pages, 1);
    CHECK_INT(c, app->ui.n_cuts, 0);
    CHECK(c, viewer_fixture_press(app, SDLK_SPACE, SDL_SCANCODE_SPACE));
    CHECK_INT(c, app->overlay, GF_SCREEN_NONE);
    viewer_fixture_close(app);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "test_viewer_help");
    test_pages_at(&c, "ru");
    test_pages_at(&c, "en");
    test_one_page(&c);
    return check_end(&c);
}

/* test_viewer_lesson_band.c — the lesson band's first line on the classroom
 * projector (1920×1080, large font): a heading that is too wide beside the
 * keys at the title size is still shown whole (the keys give way, or a
 * smaller size), never silently cut with "…"; a heading too long for any
 * of that ends in "…" and counts as cut (so the every-step lesson test
 * finds it); while exploring, the way back (J) is always on the line. The
 * status line under the band does not suggest another model: the lesson
 * chose its own on purpose. */
#include "check.h"

#include "app.h"
#include "lesson_fixture.h"
#include "viewer_fixture.h"

#include <stdio.h>
#include <string.h>

#define LONG_HEADING "Ответ: самый вероятный следующий токен"
#define LONGER_HEADING "Ответ: голова, которая помнит, что случилось с героем"
#define TOO_LONG_HEADING                                                                  \
    "Ответ: это заголовок, который не поместится ни в одну строку ни при каком размере " \
    "шрифта, потому что он очень, очень, очень длинный"

/* The recorded text of this frame equal to text, or NULL. */
static const gf_ui_text_rect *drawn(const gf_app *app, const char *text)
{
    for (int i = 0; i < app->ui.n_text; i++)
        if (strcmp(app->ui.text_rects[i].text, text) == 0)
            return &app->ui.text_rects[i];
    return NULL;
}

/* Whether a recorded text of this frame starts with prefix and ends in "…". */
static bool drawn_cut(const gf_app *app, const char *prefix)
{
    for (int i = 0; i < app->ui.n_text; i++) {
        const char *t = app->ui.text_rects[i].text;
        size_t n = strlen(t);
        if (strncmp(t, prefix, strlen(prefix)) == 0 && n >= 3 &&
            strcmp(t + n - 3, "\u2026") == 0)
            return true;
    }
    return false;
}

static void frame(gf_app *app)
{
    (void)viewer_fixture_settle(app);
    gf_lesson_poll(app);
    gf_headless_frame(app);
}

static void test_headings(check_ctx *c)
{
    char path[512];
    if (!lesson_fixture_write(c, "band_headings.lesson",
                              "title: Headings\n"
                              "---" " Short\n"
                              "prompt: The king said to the queen\n"
                              "screen: tokens\n"
                              "\n"
                              "A short heading.\n"
                              "--- " LONG_HEADING "\n"
                              "\n"
                              "A heading too wide for the title size beside the keys.\n"
                              "--- " LONGER_HEADING "\n"
                              "\n"
                              "Wider still.\n"
                              "--- " TOO_LONG_HEADING "\n"
                              "\n"
                              "Too long for any size.\n",
                              path, sizeof path))
        return;
    char *argv[] = {"glassformer", "--lesson", path, "--random", "tiny", "--large", "--lang", "ru"};
    gf_app *app = lesson_fixture_open(c, 8, argv, 1920, 1080);
    if (app == NULL)
        return;
    app->ui.record_text = true;
    const char *keys = gf_text_get(&app->text.file, "lesson.keys");
    CHECK(c, keys != NULL);

    /* A short heading: whole, at the title size, the keys beside it. */
    frame(app);
    CHECK_INT(c, app->ui.n_cuts, 0);
    const gf_ui_text_rect *h = drawn(app, "Short");
    CHECK(c, h != NULL);
    CHECK(c, keys != NULL && drawn(app, keys) != NULL);

    /* Too wide beside the keys: still whole, not cut. */
    const char *whole[] = {LONG_HEADING, LONGER_HEADING};
    for (int i = 0; i < 2; i++) {
        gf_lesson_go(app, i + 1);
        frame(app);
        if (!CHECK(c, drawn(app, whole[i]) != NULL))
            fprintf(stderr, "  heading \"%s\" not drawn whole\n", whole[i]);
        CHECK(c, !drawn_cut(app, "Ответ:"));
        CHECK_INT(c, app->ui.n_cuts, 0);
        /* Exploring: the way back stays on the line, the heading is not cut
         * silently (whole, or counted). */
        gf_app_key_named(app, "right");
        CHECK(c, gf_lesson_exploring(app));
        gf_headless_frame(app);
        const char *back = gf_text_get(&app->text.file, "lesson.exploring");
        CHECK(c, back != NULL && drawn(app, back) != NULL);
        CHECK(c, drawn(app, whole[i]) != NULL || app->ui.n_cuts > 0);
        gf_app_key_named(app, "j");
        CHECK(c, !gf_lesson_exploring(app));
    }

    /* Too long for anything: cut with "…" and counted as cut. */
    gf_lesson_go(app, 3);
    frame(app);
    CHECK(c, app->ui.n_cuts >= 1);
    CHECK(c, drawn_cut(app, "Ответ: это заголовок"));
    viewer_fixture_close(app);
}

/* Lesson 01 shows the English model reading a Russian phrase on purpose:
 * while the lesson plays, the status line does not suggest the bilingual
 * model (without a lesson, the same prompt and model get the suggestion). */
static void test_no_model_hint(check_ctx *c)
{
    char path[512];
    if (!lesson_fixture_write(c, "band_model_hint.lesson",
                              "title: Model hint\n"
                              "--- Русская фраза в английской модели\n"
                              "prompt: Король сказал королеве\n"
                              "screen: tokens\n"
                              "\n"
                              "Английская модель режет фразу на байты.\n",
                              path, sizeof path))
        return;
    gf_app *app = lesson_fixture_open_large(c, path, "ru", 1920, 1080);
    if (app == NULL)
        return;
    app->ui.record_text = true;
    const char *hint = gf_i18n(&app->text, GF_STR_SUGGEST_RUSSIAN);
    frame(app);
    CHECK(c, app->s.n_tokens > 30);   /* the English model: bytes */
    CHECK(c, drawn(app, hint) == NULL);
    struct gf_lesson_player *lesson = app->lesson;   /* the lesson closed */
    app->lesson = NULL;
    gf_headless_frame(app);
    CHECK(c, drawn(app, hint) != NULL);
    app->lesson = lesson;
    viewer_fixture_close(app);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "test_viewer_lesson_band");
    test_headings(&c);
    test_no_model_hint(&c);
    return check_end(&c);
}

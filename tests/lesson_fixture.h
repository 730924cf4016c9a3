/* lesson_fixture.h — shared setup of the viewer tests that play a lesson:
 * the viewer opened from command-line style arguments holding --lesson
 * (the player first, as main.c does), rendered headless; the projector's
 * case (large font, a language) in one call; a step settled and drawn. */
#ifndef GF_TEST_LESSON_FIXTURE_H
#define GF_TEST_LESSON_FIXTURE_H

#include "lesson_player.h"
#include "viewer_fixture.h"

/* Write text to a scratch file called name (check_tmp_path), its path
 * into path; false (counted as a check) when it cannot be written. */
static inline bool lesson_fixture_write(check_ctx *c, const char *name, const char *text,
                                        char *path, size_t size)
{
    check_tmp_path(path, size, name);
    FILE *f = fopen(path, "w");
    bool ok = f != NULL && fputs(text, f) >= 0;
    if (f != NULL)
        ok = fclose(f) == 0 && ok;
    return CHECK(c, ok);
}

/* Open argv (argc of them, argv[0] the program) at width × height with its
 * lesson playing; NULL on failure (counted as a check, the reason on stderr). */
static inline gf_app *lesson_fixture_open(check_ctx *c, int argc, char **argv, int width,
                                          int height)
{
    char err[512] = "";
    gf_options opt;
    if (!CHECK(c, gf_options_parse(&opt, argc, argv, err, sizeof err))) {
        fprintf(stderr, "  %s\n", err);
        return NULL;
    }
    int status = 0;
    gf_lesson_player *p = gf_lesson_player_open(&opt, &status, err, sizeof err);
    if (!CHECK(c, p != NULL)) {
        fprintf(stderr, "  %s\n", err);
        return NULL;
    }
    gf_app *app = calloc(1, sizeof *app);
    bool ok = app != NULL && gf_app_open(app, &opt, err, sizeof err);
    if (app != NULL)
        app->lesson = p;
    if (!CHECK(c, ok && gf_headless_init(app, width, height, err, sizeof err))) {
        fprintf(stderr, "  %s\n", err);
        viewer_fixture_close(app);
        return NULL;
    }
    gf_lesson_poll(app);
    return app;
}

/* The lesson file at path in large-font mode with its texts in lang ("en",
 * "ru"), at width × height: lesson_fixture_open of those arguments. path
 * and lang must outlive the app (the options point into them). */
static inline gf_app *lesson_fixture_open_large(check_ctx *c, const char *path, const char *lang,
                                                int width, int height)
{
    char *argv[] = {"glassformer", "--lesson", (char *)path, "--large", "--lang", (char *)lang};
    return lesson_fixture_open(c, 6, argv, width, height);
}

/* Let the current step's work finish (a failure is counted), take its
 * result into the lesson, and draw one frame with its text recorded. */
static inline void lesson_fixture_draw_settled(check_ctx *c, gf_app *app)
{
    CHECK(c, viewer_fixture_settle(app));
    gf_lesson_poll(app);
    app->ui.record_text = true;
    gf_headless_frame(app);
}

#endif

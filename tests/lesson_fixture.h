/* lesson_fixture.h — shared setup of the viewer tests that play a lesson:
 * the viewer opened from command-line style arguments holding --lesson
 * (the player first, as main.c does), rendered headless. */
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

#endif

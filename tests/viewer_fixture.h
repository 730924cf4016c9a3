/* viewer_fixture.h — shared setup of the viewer tests: a tiny random model
 * opened from command-line style arguments and rendered headless. */
#ifndef GF_TEST_VIEWER_FIXTURE_H
#define GF_TEST_VIEWER_FIXTURE_H

#include "app.h"
#include "screenshot.h"
#include "work.h"

#include <stdlib.h>

/* Open `--random tiny --prompt prompt` at width × height; NULL on failure
 * (err says why). */
static inline gf_app *viewer_fixture_open(const char *prompt, int width, int height, char *err,
                                          size_t err_size)
{
    char *argv[] = {"glassformer", "--random", "tiny", "--prompt", (char *)prompt};
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

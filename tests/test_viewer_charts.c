/* test_viewer_charts.c — the params (M) and loss (G) screens: their texts
 * exist in every language; the loss screen reads the default model's
 * train_log.csv once (3600 rows, as MODEL.md says), says why a random model
 * has none, and both screens open by their keys under any layout (the key
 * table) and draw. */
#include "check.h"

#include "app.h"
#include "screenshot.h"
#include "loss_curve.h"
#include "views.h"
#include "work.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static gf_app *open_app(check_ctx *c, char **argv, int argc)
{
    char err[512] = "";
    gf_options opt;
    if (!CHECK(c, gf_options_parse(&opt, argc, argv, err, sizeof err)))
        return NULL;
    gf_app *app = calloc(1, sizeof *app);
    if (!CHECK(c, gf_app_open(app, &opt, err, sizeof err) &&
                      gf_headless_init(app, 1280, 720, err, sizeof err))) {
        fprintf(stderr, "  %s\n", err);
        gf_headless_free(app);
        gf_app_free(app);
        free(app);
        return NULL;
    }
    return app;
}

static void close_app(gf_app *app)
{
    gf_headless_free(app);
    gf_app_free(app);
    free(app);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "test_viewer_charts");
    char text_dir[1024], err[512] = "";
    gf_options none;
    memset(&none, 0, sizeof none);
    gf_options_text_dir(&none, text_dir, sizeof text_dir);
    for (int lang = 0; lang < GF_LANG_COUNT; lang++) {
        gf_texts tx;
        if (!CHECK(&c, gf_texts_load(&tx, (gf_lang)lang, text_dir, err, sizeof err)))
            continue;
        CHECK(&c, gf_params_text_missing(&tx) == NULL);
        CHECK(&c, gf_loss_text_missing(&tx) == NULL);
        gf_texts_free(&tx);
    }

    /* The default model: G opens the loss screen, which reads its log once. */
    char *argv[] = {"glassformer", "--prompt", "The king"};
    gf_app *app = open_app(&c, argv, 3);
    if (app != NULL) {
        gf_app_key_named(app, "g");
        CHECK_INT(&c, app->screen, GF_SCREEN_LOSS);
        gf_headless_frame(app);
        const struct gf_loss_curve *lc = app->loss_curve;
        if (CHECK(&c, lc != NULL && lc->ok)) {
            CHECK_INT(&c, lc->log.n, 3600);
            CHECK_NEAR(&c, lc->log.val_loss[3599], 4.598, 0.0005);
        }
        gf_headless_frame(app);
        CHECK(&c, app->loss_curve == lc);  /* kept, not read again */
        /* M: the params screen (from the loss screen: M opens it). */
        gf_app_key_named(app, "m");
        CHECK_INT(&c, app->screen, GF_SCREEN_PARAMS);
        gf_headless_frame(app);
        gf_app_key_named(app, "m");  /* the same key again: back */
        CHECK_INT(&c, app->screen, GF_SCREEN_STAGE);
        close_app(app);
    }
    /* A random model has no folder: the screen says so. */
    char *rnd[] = {"glassformer", "--random", "tiny", "--stage", "loss"};
    app = open_app(&c, rnd, 5);
    if (app != NULL) {
        CHECK_INT(&c, app->screen, GF_SCREEN_LOSS);
        gf_headless_frame(app);
        if (CHECK(&c, app->loss_curve != NULL)) {
            CHECK(&c, !app->loss_curve->ok);
            CHECK_STR(&c, app->loss_curve->error, gf_text_get(&app->text.file, "loss.none"));
        }
        close_app(app);
    }
    return check_end(&c);
}

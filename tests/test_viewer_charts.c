/* test_viewer_charts.c — the params (M) and loss (G) screens: their texts
 * exist in every language; the loss screen reads the default model's
 * train_log.csv once (3600 rows, as MODEL.md says), says why a random model
 * has none, and both screens open by their keys under any layout (the key
 * table) and draw. Squeezed (large type, the height a lesson band leaves),
 * both still draw their parts, whole, with no text on another. The
 * temperature screen's chart title, too long for one line in Russian in
 * large type at 1920×1080, is drawn whole on two lines, not cut with "…". */
#include "check.h"

#include "text_overlap.h"
#include "viewer_fixture.h"

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
    return viewer_fixture_open_argv(c, argc, argv, 1280, 720);
}

/* The first text this frame drew that starts with prefix, or NULL. */
static const gf_ui_text_rect *drawn(const gf_app *app, const char *prefix)
{
    for (int i = 0; i < app->ui.n_text; i++)
        if (strncmp(app->ui.text_rects[i].text, prefix, strlen(prefix)) == 0)
            return &app->ui.text_rects[i];
    return NULL;
}

/* Params and loss screens of the default model at full and reduced heights,
 * normal and large type, both languages: no text on another or past the
 * window; the params screen keeps its to-scale squares (GPT-2's caption),
 * at least one matrix row (all of them in a 1920-wide window), and band
 * labels whole (not cut by the band). */
static void test_squeezed(check_ctx *c)
{
    static const int sizes[][2] = {{1280, 720}, {1920, 1080}, {1920, 700},
                                   {1280, 480}, {1920, 640}, {960, 540}};
    static const char *const groups[] = {"params.embed", "params.attn", "params.ffn",
                                         "params.norm"};
    int bad = 0;
    for (int lang = 0; lang < 2; lang++)
        for (int s = 0; s < (int)(sizeof sizes / sizeof sizes[0]); s++) {
            char *argv[] = {"glassformer", "--prompt", "The king", "--lang", lang ? "ru" : "en"};
            gf_app *app = viewer_fixture_open_argv(c, 5, argv, sizes[s][0], sizes[s][1]);
            if (app == NULL)
                return;
            app->ui.record_text = true;
            for (int large = 0; large < 2; large++)
                for (int screen = 0; screen < 2; screen++) {
                    app->large_font = large != 0;
                    app->screen = screen == 0 ? GF_SCREEN_PARAMS : GF_SCREEN_LOSS;
                    gf_headless_frame(app);
                    char where[96];
                    snprintf(where, sizeof where, "%dx%d %s%s %s", sizes[s][0], sizes[s][1],
                             lang ? "ru" : "en", large ? " large" : "",
                             screen == 0 ? "params" : "loss");
                    int i, j;
                    if (text_find_overlap(&app->ui, &i, &j) && bad++ < 12)
                        fprintf(stderr, "  %s: \"%s\" on \"%s\"\n", where,
                                app->ui.text_rects[i].text, app->ui.text_rects[j].text);
                    if (screen != 0)
                        continue;
                    if (!CHECK(c, drawn(app, "GPT-2 124M:") != NULL &&
                                      drawn(app, "wte.weight") != NULL))
                        fprintf(stderr, "  %s: squares or matrices missing\n", where);
                    /* A wide window lists every matrix of block 0 too, in
                     * more columns when short (large type, a lesson band). */
                    if (sizes[s][0] >= 1920 && !CHECK(c, drawn(app, "h.0.mlp.c_proj.weight") != NULL))
                        fprintf(stderr, "  %s: block 0's last matrix not listed\n", where);
                    for (int k = 0; k < app->ui.n_text; k++)
                        for (int g = 0; g < 4; g++) {
                            const gf_ui_text_rect *t = &app->ui.text_rects[k];
                            const char *name = gf_text_get(&app->text.file, groups[g]);
                            int w = 0, h = 0;
                            if (strncmp(t->text, name, strlen(name)) != 0)
                                continue;
                            gf_text_size(&app->ui, GF_FACE_SANS, GF_TEXT_SMALL, t->text, &w, &h);
                            if (!CHECK(c, t->r.w >= w))
                                fprintf(stderr, "  %s: \"%s\" cut to %d of %d px\n", where,
                                        t->text, t->r.w, w);
                        }
                }
            viewer_fixture_close(app);
        }
    CHECK_INT(c, bad, 0);
}

/* The temperature chart's title, in both languages with large type at
 * 1920x1080, is drawn whole: on one line or two, never cut with "…". */
static void test_temperature_title(check_ctx *c)
{
    const char *langs[] = {"en", "ru"};
    for (int l = 0; l < 2; l++) {
        char *argv[] = {"glassformer", "--random", "tiny",   "--lang", (char *)langs[l],
                        "--large",     "--stage",  "temperature"};
        gf_app *app = viewer_fixture_open_argv(c, 8, argv, 1920, 1080);
        if (app == NULL)
            return;
        CHECK(c, viewer_fixture_settle(app));
        app->ui.record_text = true;
        gf_headless_frame(app);
        const char *title = gf_text_get(&app->text.file, "ui.temp_chart_title");
        /* Its first line starts the title, its last line ends it. */
        bool start = false, end = false, cut = false;
        for (int i = 0; i < app->ui.n_text; i++) {
            const char *t = app->ui.text_rects[i].text;
            const size_t n = strlen(t), len = strlen(title);
            if (n < 4 || n > len)
                continue;
            const bool head = strncmp(title, t, n) == 0, tail = strcmp(title + len - n, t) == 0;
            start |= head;
            end |= tail;
            cut |= (head || strncmp(title, t, 4) == 0) && strstr(t, "…") != NULL;
        }
        if (!CHECK(c, start && end && !cut))
            fprintf(stderr, "  %s: title \"%s\" not drawn whole\n", langs[l], title);
        viewer_fixture_close(app);
    }
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

    test_temperature_title(&c);
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
        viewer_fixture_close(app);
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
        viewer_fixture_close(app);
    }
    test_squeezed(&c);
    return check_end(&c);
}

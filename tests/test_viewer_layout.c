/* test_viewer_layout.c — no text lands on other text: every screen of the
 * screen table and every stage of the stage screen is drawn at 1280×720 and
 * 1920×1080, in normal and large-font mode, at every zoom level the + / −
 * keys reach, in English and Russian, and the rectangles the UI recorded for
 * its text (as clipped; overlays and the tooltip excepted) must not overlap
 * nor run past the window's edge.
 * Also: large-font mode at 1920×1080 sets cell values and labels at ≥ 24 px,
 * the explanation at ≥ 30 px and titles larger still. */
#include "check.h"

#include "text_overlap.h"
#include "viewer_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The zoom levels + / − reach in this font mode: from the smallest, press +
 * until it stops. On a stage view: a screen with a text line (the analogy
 * lab's) would take + and − as typed text. */
static int zoom_levels(gf_app *app, bool large, float *levels, int max)
{
    app->large_font = large;
    app->screen = GF_SCREEN_STAGE;
    app->overlay = GF_SCREEN_NONE;
    for (int i = 0; i < 64; i++)
        gf_app_key_named(app, "minus");
    int n = 0;
    float last = -1.0f;
    while (n < max && app->zoom != last) {
        levels[n++] = last = app->zoom;
        gf_app_key_named(app, "plus");
    }
    app->zoom = 1.0f;
    return n;
}

typedef struct {
    const char *what;
    gf_screen screen;
    int stage;          /* index into the stepper's stages, or −1 */
} view;

static int all_views(const gf_app *app, view *out, int max)
{
    int n = 0;
    for (int s = 0; s < app->st.n_stages && n < max; s++)
        out[n++] = (view){gf_stage_get(app->st.stages[s])->key, GF_SCREEN_STAGE, s};
    for (int i = 0; i < GF_SCREEN_COUNT && n < max; i++) {
        const gf_screen_def *d = gf_screen_get((gf_screen)i);
        if (d->id != GF_SCREEN_STAGE && d->layout != GF_LAYOUT_OVERLAY)
            out[n++] = (view){d->name, d->id, -1};
    }
    return n;
}

static void show(gf_app *app, const view *v, float zoom, bool large)
{
    app->screen = v->screen;
    app->overlay = GF_SCREEN_NONE;
    if (v->stage >= 0)
        app->st.stage = v->stage;
    app->zoom = zoom;
    app->large_font = large;
    gf_headless_frame(app);
}

static void test_no_overlap(check_ctx *c, int width, int height, gf_lang lang, const char *prompt)
{
    char err[512];
    gf_app *app = viewer_fixture_open(prompt, width, height, err, sizeof err);
    if (!CHECK(c, app != NULL)) {
        fprintf(stderr, "  %s\n", err);
        return;
    }
    CHECK(c, gf_app_set_lang(app, lang, err, sizeof err));
    app->ui.record_text = true;
    gf_stepper_set_layer(&app->st, 1);
    view views[64];
    int n_views = all_views(app, views, 64), bad = 0, frames = 0, n_zooms = 0;
    for (int large = 0; large < 2; large++) {
        float zooms[32];
        int n_zoom = zoom_levels(app, large != 0, zooms, 32);
        CHECK(c, n_zoom >= 3);
        n_zooms += n_zoom;
        for (int z = 0; z < n_zoom; z++)
            for (int v = 0; v < n_views; v++) {
                show(app, &views[v], zooms[z], large != 0);
                frames++;
                CHECK(c, app->ui.n_text > 3 && app->ui.n_text < GF_UI_MAX_TEXT);
                int i, j;
                if (text_find_overlap(&app->ui, &i, &j)) {
                    gf_rect a = app->ui.text_rects[i].r, b = app->ui.text_rects[j].r;
                    /* GF_LAYOUT_ALL=1 lists every overlap, not the first few. */
                    if (bad++ < 12 || getenv("GF_LAYOUT_ALL") != NULL)
                        fprintf(stderr, "  %dx%d %s %s zoom %.2f %s: text (%d,%d %dx%d) on "
                                "(%d,%d %dx%d)\n", width, height, gf_lang_code(lang),
                                large ? "large" : "normal", (double)zooms[z], views[v].what,
                                a.x, a.y, a.w, a.h, b.x, b.y, b.w, b.h);
                }
            }
    }
    CHECK_INT(c, bad, 0);
    CHECK(c, frames == n_zooms * n_views);
    viewer_fixture_close(app);
}

/* Large-font mode at 1920×1080 and zoom 1: the pixel sizes the back row needs. */
static void test_large_sizes(check_ctx *c)
{
    char err[512];
    gf_app *app = viewer_fixture_open("abc", 1920, 1080, err, sizeof err);
    if (!CHECK(c, app != NULL))
        return;
    app->large_font = true;
    gf_headless_frame(app);
    const gf_ui *ui = &app->ui;
    CHECK(c, gf_ui_text_px(ui, GF_TEXT_SMALL) >= 24);     /* cell values, axis labels */
    CHECK(c, gf_ui_text_px(ui, GF_TEXT_BODY) >= 30);      /* the explanation at least */
    CHECK(c, gf_ui_text_px(ui, GF_TEXT_HEADING) > gf_ui_text_px(ui, GF_TEXT_BODY));
    CHECK(c, gf_ui_text_px(ui, GF_TEXT_TITLE) > gf_ui_text_px(ui, GF_TEXT_HEADING));
    app->large_font = false;
    gf_headless_frame(app);
    CHECK(c, gf_ui_text_px(ui, GF_TEXT_SMALL) < 24);      /* normal mode stays compact */
    viewer_fixture_close(app);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "test_viewer_layout");
    test_large_sizes(&c);
    test_no_overlap(&c, 1280, 720, GF_LANG_EN, "The cat sat on the mat.");
    test_no_overlap(&c, 1920, 1080, GF_LANG_EN, "The cat sat on the mat.");
    test_no_overlap(&c, 1280, 720, GF_LANG_RU, "Кот сидел на");
    test_no_overlap(&c, 1920, 1080, GF_LANG_RU, "Кот сидел на");
    return check_end(&c);
}

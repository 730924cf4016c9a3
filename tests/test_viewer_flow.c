/* test_viewer_flow.c — the sampling animation and the layout overlays:
 * the animation's walk is exactly the → walk of the stepper, its timing runs
 * from the first step to the last and then stops (back to idle), a key ends
 * it early; its band lies over the token strip and leaves the view whole; the help box fits every window size from 1280×720 in large-font
 * mode to 4K, in both languages. */
#include "check.h"

#include "flow.h"
#include "viewer_fixture.h"
#include "views.h"

#include <SDL.h>
#include <stdio.h>
#include <string.h>

/* Walking with → from Home visits the same (stage, layer) pairs, in order. */
static void check_walk(check_ctx *c, const gf_config *cfg, int want_steps)
{
    gf_stepper s;
    gf_stepper_init(&s, cfg, 4);
    int n = gf_flow_steps(&s);
    CHECK_INT(c, n, want_steps);
    int mismatches = 0, max_row = 0;
    for (int i = 0; i < n; i++) {
        gf_flow_step step = gf_flow_step_at(&s, i);
        const gf_stage *stage = gf_stage_get(s.stages[s.stage]);
        bool per_layer = stage != NULL && stage->per_layer;
        mismatches += step.stage != s.stage || step.layer != (per_layer ? s.layer : -1);
        max_row = step.row > max_row ? step.row : max_row;
        bool moved = gf_stepper_key(&s, GF_KEY_NEXT_STAGE);
        CHECK_INT(c, moved, i + 1 < n);          /* the walk ends exactly at the last stage */
    }
    CHECK_INT(c, mismatches, 0);
    CHECK_INT(c, max_row, cfg->n_layer + 1);        /* the readout row follows the layers */
}

static void test_walk(check_ctx *c)
{
    gf_config cfg;
    gf_config_default(&cfg);
    cfg.n_layer = 3;
    /* Pre-norm: tokens, embed | 14 per layer | final_norm, logits, probs. */
    check_walk(c, &cfg, 2 + 14 * 3 + 3);
    /* Post-norm: tokens, embed | 14 per layer | logits, probs. */
    cfg.norm_placement = GF_NORM_POST;
    check_walk(c, &cfg, 2 + 14 * 3 + 2);
    cfg.n_layer = 1;
    check_walk(c, &cfg, 2 + 14 + 2);
    /* Rows and columns of the map for a hand-picked step: layer 1's 3rd stage. */
    cfg.n_layer = 3;
    cfg.norm_placement = GF_NORM_PRE;
    gf_stepper s;
    gf_stepper_init(&s, &cfg, 4);
    gf_flow_step step = gf_flow_step_at(&s, 2 + 14 + 2);
    CHECK_INT(c, step.row, 2);
    CHECK_INT(c, step.col, 2);
    CHECK_INT(c, step.layer, 1);
    step = gf_flow_step_at(&s, 2 + 14 * 3 + 1);   /* logits: readout row, 2nd cell */
    CHECK_INT(c, step.row, 4);
    CHECK_INT(c, step.col, 1);
    CHECK_INT(c, s.stages[step.stage], GF_STAGE_LOGITS);
}

static void test_timing(check_ctx *c)
{
    gf_config cfg;
    gf_config_default(&cfg);
    cfg.n_layer = 2;
    gf_stepper s;
    gf_stepper_init(&s, &cfg, 4);
    gf_flow f;
    memset(&f, 0, sizeof f);
    CHECK_INT(c, gf_flow_update(&f, 0), -1);      /* never started */
    const uint32_t t0 = 4000000000u;              /* close to the 32-bit tick wrap */
    gf_flow_start(&f, &s, 3, t0);
    int n = gf_flow_steps(&s);                    /* 2 + 28 + 3 = 33 */
    CHECK_INT(c, n, 33);
    CHECK_INT(c, gf_flow_update(&f, t0), 0);
    /* Step i lights at i·WALK/n ms: step 16 at 16·1500/33 = 727.3 ms. */
    CHECK_INT(c, gf_flow_update(&f, t0 + 727), 15);
    CHECK_INT(c, gf_flow_update(&f, t0 + 728), 16);
    CHECK_INT(c, gf_flow_update(&f, t0 + GF_FLOW_WALK_MS - 1), n - 1);
    CHECK_INT(c, gf_flow_update(&f, t0 + GF_FLOW_WALK_MS + GF_FLOW_HOLD_MS - 1), n - 1);
    CHECK(c, f.active);
    CHECK_NEAR(c, gf_flow_progress(&f, t0 + 750), 0.5, 1e-6);
    CHECK_INT(c, gf_flow_update(&f, t0 + GF_FLOW_WALK_MS + GF_FLOW_HOLD_MS), -1);
    CHECK(c, !f.active);                          /* over: the loop goes back to waiting */
    int last = -1;
    bool monotone = true;
    gf_flow_start(&f, &s, 3, 10);
    for (uint32_t t = 10; t < 10 + GF_FLOW_WALK_MS; t += 7) {
        int i = gf_flow_update(&f, t);
        monotone = monotone && i >= last && i - last <= 1;
        last = i;
    }
    CHECK(c, monotone);                           /* 33 steps in 1.5 s: none skipped at 7 ms */
}

/* Pixels of colour col inside r. */
static int count_colour(const gf_app *app, gf_rect r, gf_rgba col)
{
    int n = 0;
    for (int y = r.y; y < r.y + r.h; y += 2)
        for (int x = r.x; x < r.x + r.w; x += 2) {
            gf_rgba p = gf_headless_pixel(app, x, y);
            n += p.r == col.r && p.g == col.g && p.b == col.b;
        }
    return n;
}

/* A hash of every pixel in r. */
static uint64_t view_hash(const gf_app *app, gf_rect r)
{
    uint64_t h = 1469598103934665603ull;
    for (int y = r.y; y < r.y + r.h; y++)
        for (int x = r.x; x < r.x + r.w; x++) {
            gf_rgba p = gf_headless_pixel(app, x, y);
            h = (h ^ (uint64_t)(p.r | p.g << 8 | p.b << 16)) * 1099511628211ull;
        }
    return h;
}

static void test_app_animation(check_ctx *c)
{
    char err[256];
    gf_app *app = viewer_fixture_open("The cat sat", 1600, 900, err, sizeof err);
    CHECK(c, app != NULL);
    if (app == NULL) {
        fprintf(stderr, "  %s\n", err);
        return;
    }
    app->fixed_clock = true;
    app->clock_ms = 1000;
    int before = app->s.n_tokens;
    gf_app_key_down(app, SDL_SCANCODE_SPACE, 0);
    CHECK(c, viewer_fixture_settle(app));         /* the worker samples */
    CHECK_INT(c, app->s.n_tokens, before + 1);
    CHECK(c, gf_app_animating(app));
    CHECK_INT(c, app->flow.position, before);
    CHECK_INT(c, app->st.position, before);       /* the new row is the current one */
    /* Halfway: the band is drawn over the token strip: its frame and lit
     * cell add accent-coloured pixels to the frame, its heading names the
     * token, above the view, in at least the body size; the view is the
     * same picture as without the animation (nothing of it is covered). */
    app->clock_ms = 1000 + GF_FLOW_WALK_MS / 2;
    app->ui.record_text = true;
    gf_headless_frame(app);
    gf_rect all = {0, 0, 1600, 900}, view = app->ui.view_rect;
    int lit = count_colour(app, all, app->ui.style->accent);
    uint64_t view_during = view_hash(app, view);
    int heading = -1;
    for (int i = 0; i < app->ui.n_text; i++)
        if (strstr(app->ui.text_rects[i].text, "flows through") != NULL)
            heading = i;
    if (CHECK(c, heading >= 0)) {
        gf_rect h = app->ui.text_rects[heading].r;
        CHECK(c, h.y + h.h <= view.y);
        CHECK(c, h.h >= gf_ui_text_px(&app->ui, GF_TEXT_BODY));
    }
    char path[512];
    check_tmp_path(path, sizeof path, "viewer_flow.png");
    CHECK(c, gf_headless_save(app, path, err, sizeof err));
    /* After the run and the hold: idle again, the map is gone. */
    app->clock_ms = 1000 + GF_FLOW_WALK_MS + GF_FLOW_HOLD_MS;
    CHECK(c, !gf_app_animating(app));
    gf_headless_frame(app);
    int idle = count_colour(app, all, app->ui.style->accent);
    CHECK(c, lit > idle + 100);
    CHECK(c, view_hash(app, view) == view_during);
    /* Any key stops it early, and still does its job. */
    app->clock_ms = 5000;
    gf_app_key_down(app, SDL_SCANCODE_SPACE, 0);
    CHECK(c, viewer_fixture_settle(app));         /* the worker samples */
    CHECK(c, gf_app_animating(app));
    int stage = app->st.stage;
    gf_app_key_down(app, SDL_SCANCODE_F12, 0);                 /* a screenshot does not stop it */
    CHECK(c, gf_app_animating(app));
    app->screenshot_pending = false;
    gf_app_key_down(app, SDL_SCANCODE_RIGHT, 0);
    CHECK(c, !gf_app_animating(app));
    CHECK_INT(c, app->st.stage, stage + 1);
    viewer_fixture_close(app);
}

/* The help box lies inside the window at every size, in both languages. */
static void test_help_fits(check_ctx *c)
{
    static const struct {
        int w, h;
        bool large;
        const char *lang;
    } sizes[] = {
        {1280, 720, true, "en"},  {1280, 720, true, "ru"},  {1280, 720, false, "ru"},
        {1600, 900, true, "ru"},  {1920, 1080, true, "en"}, {2560, 1440, true, "ru"},
        {3840, 2160, true, "ru"}, {3840, 2160, false, "en"},
    };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        char err[256];
        gf_app *app = viewer_fixture_open("The cat sat", sizes[i].w, sizes[i].h, err, sizeof err);
        if (!CHECK(c, app != NULL))
            continue;
        app->large_font = sizes[i].large;
        CHECK(c, gf_app_set_lang(app, gf_lang_pick(sizes[i].lang), err, sizeof err));
        app->overlay = GF_SCREEN_HELP;
        gf_headless_frame(app);
        bool found = false;
        for (int k = 0; k < app->ui.n_hits; k++) {
            const gf_ui_hit *hit = &app->ui.hits[k];
            if (hit->kind != GF_HIT_HELP)
                continue;
            found = true;
            gf_rect b = hit->rect;
            bool inside = b.x >= 0 && b.y >= 0 && b.x + b.w <= sizes[i].w && b.y + b.h <= sizes[i].h;
            if (!CHECK(c, inside))
                fprintf(stderr, "  %dx%d %s: help box %d,%d %dx%d\n", sizes[i].w, sizes[i].h,
                        sizes[i].lang, b.x, b.y, b.w, b.h);
        }
        CHECK(c, found);
        if (sizes[i].w == 1280 && sizes[i].large) {
            char path[512], name[64];
            snprintf(name, sizeof name, "viewer_help_720_%s.png", sizes[i].lang);
            check_tmp_path(path, sizeof path, name);
            gf_headless_save(app, path, err, sizeof err);
        }
        viewer_fixture_close(app);
    }
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "test_viewer_flow");
    test_walk(&c);
    test_timing(&c);
    test_app_animation(&c);
    test_help_fits(&c);
    return check_end(&c);
}

/* test_viewer_details.c — the small things a teacher saw in front of a class
 * (issue 11, item 9), each read back from the text the UI drew:
 * - the softmax stage's legend does not say "masked: −∞" (those cells are 0);
 * - the heads overview labels its rows with the tokens;
 * - "all positions" headings name what they show in words, not a tensor key;
 * - the second residual stage draws each strip on its own scale, so the
 *   stream (res_1) is not washed out by a large FFN output;
 * - a Russian status line says "встроенная", not the folder's "default";
 * - a long Russian prompt's token strip starts at its first token. */
#include "check.h"

#include "viewer_fixture.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Whether any text drawn this frame starts with (or, contains) s. */
static bool drawn(const gf_app *app, const char *s, bool anywhere)
{
    for (int i = 0; i < app->ui.n_text; i++) {
        const char *t = app->ui.text_rects[i].text;
        if (anywhere ? strstr(t, s) != NULL : strncmp(t, s, strlen(s)) == 0)
            return true;
    }
    return false;
}

static void at_stage(gf_app *app, gf_stage_id id)
{
    app->screen = GF_SCREEN_STAGE;
    gf_stepper_goto(&app->st, id);
    gf_headless_frame(app);
}

static void test_mask_legend(check_ctx *c, gf_app *app)
{
    /* (The legend's line may wrap after "masked:".) */
    at_stage(app, GF_STAGE_MASK);
    CHECK(c, drawn(app, "masked:", false) && !drawn(app, "masked: 0", false));
    at_stage(app, GF_STAGE_SOFTMAX);
    CHECK(c, drawn(app, "masked: 0", false));
    at_stage(app, GF_STAGE_WEIGHTED);                 /* A beside V: also weights */
    CHECK(c, drawn(app, "masked: 0", false));
}

static void test_overview_rows(check_ctx *c, gf_app *app)
{
    app->screen = GF_SCREEN_OVERVIEW;
    gf_headless_frame(app);
    CHECK(c, drawn(app, "a 0", false) && drawn(app, "c 2", false));   /* token and position */
    app->screen = GF_SCREEN_STAGE;
}

static void test_headings(check_ctx *c, gf_app *app)
{
    const gf_stage_id stages[] = {GF_STAGE_EMBED, GF_STAGE_NORM_1, GF_STAGE_RESIDUAL_1,
                                  GF_STAGE_FFN_UP, GF_STAGE_ACTIVATION, GF_STAGE_FFN_DOWN,
                                  GF_STAGE_RESIDUAL_2, GF_STAGE_FINAL_NORM};
    for (size_t s = 0; s < sizeof stages / sizeof stages[0]; s++) {
        at_stage(app, stages[s]);
        int headings = 0;
        for (int i = 0; i < app->ui.n_text; i++) {
            const char *t = app->ui.text_rects[i].text;
            if (strncmp(t, "all positions: ", 15) != 0)
                continue;
            headings++;
            if (!CHECK(c, strpbrk(t + 15, "._") == NULL))   /* "ln_1.out", "h.0.mlp.pre" */
                fprintf(stderr, "  heading: %s\n", t);
        }
        CHECK_INT(c, headings, 1);
    }
}

/* The legend's top number of each strip is that strip's own largest |value|. */
static void test_residual_scales(check_ctx *c, gf_app *app)
{
    at_stage(app, GF_STAGE_RESIDUAL_2);
    int t = app->st.position, layer = app->st.layer;
    const gf_slot slots[3] = {GF_SLOT_IN, GF_SLOT_DELTA, GF_SLOT_OUT};
    for (int k = 0; k < 3; k++) {
        gf_view v;
        if (!CHECK(c, gf_stage_slot_view(&app->s.trace, GF_STAGE_RESIDUAL_2, slots[k], layer, -1, &v)))
            continue;
        int C = (int)v.shape[1];
        double m = 0.0;
        for (int j = 0; j < C; j++)
            m = fmax(m, fabs((double)v.data[(size_t)t * (size_t)C + (size_t)j]));
        char want[32];
        snprintf(want, sizeof want, "%.3f", m);
        if (!CHECK(c, drawn(app, want, false)))
            fprintf(stderr, "  strip %d: no legend %s\n", k, want);
    }
}

static void test_default_model_name(check_ctx *c)
{
    char *argv[] = {"glassformer", "--lang", "ru", "--prompt", "Кот"};
    gf_options opt;
    char err[512];
    gf_app *app = calloc(1, sizeof *app);
    if (!CHECK(c, app != NULL && gf_options_parse(&opt, 5, argv, err, sizeof err)))
        return;
    if (CHECK(c, gf_app_open(app, &opt, err, sizeof err) &&
                     gf_headless_init(app, 1920, 1080, err, sizeof err))) {
        app->ui.record_text = true;
        gf_headless_frame(app);
        CHECK(c, drawn(app, "модель встроенная", true));
        CHECK(c, !drawn(app, "default", true));
    } else {
        fprintf(stderr, "  %s\n", err);
    }
    viewer_fixture_close(app);
}

static void test_long_russian_strip(check_ctx *c)
{
    char err[512];
    gf_app *app = viewer_fixture_open("Кот сидел на ковре и смотрел в окно", 1280, 720, err,
                                      sizeof err);
    if (!CHECK(c, app != NULL))
        return;
    CHECK(c, app->s.n_tokens > 60);        /* bytes: it does not fit one row of big chips */
    gf_headless_frame(app);
    bool first = false, last = false;
    for (int i = 0; i < app->ui.n_hits; i++) {
        const gf_ui_hit *h = &app->ui.hits[i];
        first |= h->kind == GF_HIT_TOKEN && h->index == 0;
        last |= h->kind == GF_HIT_TOKEN && h->index == app->s.n_tokens - 1;
    }
    CHECK(c, first && last);
    viewer_fixture_close(app);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "test_viewer_details");
    char err[512];
    gf_app *app = viewer_fixture_open("abcdef", 1600, 900, err, sizeof err);
    if (CHECK(&c, app != NULL)) {
        app->ui.record_text = true;
        gf_stepper_set_layer(&app->st, 1);
        test_mask_legend(&c, app);
        test_overview_rows(&c, app);
        test_headings(&c, app);
        test_residual_scales(&c, app);
    } else {
        fprintf(stderr, "  %s\n", err);
    }
    viewer_fixture_close(app);
    test_default_model_name(&c);
    test_long_russian_strip(&c);
    return check_end(&c);
}

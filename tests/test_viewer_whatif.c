/* test_viewer_whatif.c — the mask what-if (W, under a Russian layout «ц»):
 * it opens the attention weights' stage with four maps, the real masked
 * scores and weights on top and, below, the hypothetical ones the worker
 * got from core's gf_attention_unmasked. Checked against the trace and
 * against q_i·k_j/√hs written out here in double: on and below the
 * diagonal the scores are the trace's, above it they are the products the
 * mask hid; every row sums to 1 and the last row, which the mask never
 * touches, has the trace's weights. The hypothetical maps explain nothing
 * when clicked; another head computes them again; W again switches back. */
#include "check.h"

#include "explain_panel.h"
#include "viewer_fixture.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void check_maps(check_ctx *c, gf_app *app)
{
    const gf_whatif_job *job = &app->work->whatif;
    int layer = app->st.layer, head = app->st.head, T = app->s.n_tokens;
    gf_whatif_key key = {app->s.generation, layer, head, T};
    if (!CHECK(c, gf_whatif_job_shows(job, &key) && job->has_shown))
        return;
    gf_view q, k, scores, weights;
    CHECK(c, gf_trace_get(&app->s.trace, "attn.q", layer, head, &q));
    CHECK(c, gf_trace_get(&app->s.trace, "attn.k", layer, head, &k));
    CHECK(c, gf_trace_get(&app->s.trace, "attn.scores", layer, head, &scores));
    CHECK(c, gf_trace_get(&app->s.trace, "attn.weights", layer, head, &weights));
    int hs = (int)q.shape[1];
    int above = 0, positive_future = 0;
    for (int i = 0; i < T; i++) {
        double row = 0.0;
        for (int j = 0; j < T; j++) {
            float s = job->shown_scores[i * T + j];
            row += job->shown_weights[i * T + j];
            if (j <= i) {
                CHECK(c, s == gf_view_at2(&scores, i, j));
                continue;
            }
            double dot = 0.0;
            for (int d = 0; d < hs; d++)
                dot += (double)gf_view_at2(&q, i, d) * gf_view_at2(&k, j, d);
            above += fabs(s - dot / sqrt((double)hs)) <= 1e-5 * (1.0 + fabs(dot));
            positive_future += job->shown_weights[i * T + j] > 0.0f;
        }
        CHECK_NEAR(c, row, 1.0, 1e-5);
    }
    CHECK_INT(c, above, T * (T - 1) / 2);
    CHECK_INT(c, positive_future, T * (T - 1) / 2);
    for (int j = 0; j < T; j++)
        CHECK(c, job->shown_weights[(T - 1) * T + j] == gf_view_at2(&weights, T - 1, j));
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "test_viewer_whatif");
    char err[512] = "";
    gf_app *app = viewer_fixture_open_checked(&c, "The cat sat on the mat and", 1280, 720);
    if (app != NULL) {
        CHECK(&c, gf_app_set_lang(app, GF_LANG_RU, err, sizeof err));
        gf_stepper_set_layer(&app->st, 1);
        gf_stepper_set_head(&app->st, 2);
        CHECK(&c, viewer_fixture_press(app, 0x0446, SDL_SCANCODE_W)); /* ц on W */
        CHECK(&c, app->mask_whatif);
        CHECK_INT(&c, gf_stepper_stage(&app->st), GF_STAGE_SOFTMAX);
        CHECK(&c, viewer_fixture_settle(app));
        gf_headless_frame(app);
        check_maps(&c, app);
        CHECK(&c, gf_ui_find_heat(&app->ui, "whatif.masked") != NULL);
        const gf_ui_heat_record *h = gf_ui_find_heat(&app->ui, "whatif.scores");
        if (CHECK(&c, h != NULL)) {
            /* Hypothetical cells: a click opens no explanation. */
            CHECK(&c, !gf_app_click(app, h->cells.x + h->cells.w - 2, h->cells.y + 2) ||
                          !gf_explain_panel_shown(app));
            CHECK(&c, !gf_explain_panel_shown(app));
        }
        /* The real weights beside them stay clickable. */
        h = gf_ui_find_heat(&app->ui, "whatif.weights");
        if (CHECK(&c, h != NULL)) {
            CHECK(&c, gf_app_click(app, h->cells.x + 2, h->cells.y + h->cells.h - 2));
            CHECK(&c, gf_explain_panel_shown(app));
            gf_explain_close(app);
        }
        /* Another head: computed again for it. */
        CHECK(&c, viewer_fixture_press(app, SDLK_TAB, SDL_SCANCODE_TAB));
        CHECK_INT(&c, app->st.head, 3);
        CHECK(&c, viewer_fixture_settle(app));
        gf_headless_frame(app);
        check_maps(&c, app);
        /* W again: the ordinary weights. */
        CHECK(&c, viewer_fixture_press(app, 0x0446, SDL_SCANCODE_W));
        CHECK(&c, !app->mask_whatif);
        gf_headless_frame(app);
        CHECK(&c, gf_ui_find_heat(&app->ui, "whatif.scores") == NULL);
        CHECK(&c, gf_ui_find_heat(&app->ui, "attention") != NULL);
    }
    viewer_fixture_close(app);
    return check_end(&c);
}

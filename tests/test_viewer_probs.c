/* test_viewer_probs.c — the probability and logit views' numbers: the bars
 * show the sampler's final distribution (temperature, top-k, top-p) over the
 * whole vocabulary, and the token that actually comes next is marked with
 * its probability and rank, computed here independently from the trace's
 * logits. A lesson's probability and the probs view's row for it read the
 * same digits. */
#include "check.h"

#include "lesson_fixture.h"
#include "viewer_fixture.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* softmax(z / T)[id] in double precision, straight from the definition. */
static double softmax_at(const float *z, int V, double T, int id)
{
    double m = -INFINITY, sum = 0.0;
    for (int j = 0; j < V; j++)
        m = z[j] > m ? z[j] : m;
    for (int j = 0; j < V; j++)
        sum += exp(((double)z[j] - m) / T);
    return exp(((double)z[id] - m) / T) / sum;
}

/* 1 + how many logits are larger (ties: lower ids first). */
static int rank_by_hand(const float *z, int V, int id)
{
    int rank = 1;
    for (int j = 0; j < V; j++)
        if (z[j] > z[id] || (z[j] == z[id] && j < id))
            rank++;
    return rank;
}

static void test_next_token(check_ctx *c, gf_app *app)
{
    int V = app->s.trace.config.vocab_size, T = app->s.n_tokens;
    CHECK(c, T >= 4);
    for (int t = 0; t < T; t++) {
        const float *z = gf_trace_logits_row(&app->s.trace, t);
        const gf_top_tokens *top = gf_app_top_tokens(app, t, 0.8f);
        if (t == T - 1) {
            CHECK_INT(c, top->next_id, -1);              /* not known yet */
            continue;
        }
        int next = app->s.tokens[t + 1];
        CHECK_INT(c, top->next_id, next);
        CHECK_NEAR(c, top->next_value, softmax_at(z, V, 0.8, next), 1e-5);
        CHECK_INT(c, top->next_rank, rank_by_hand(z, V, next));
        /* The bars: full-vocabulary probabilities, largest first. */
        CHECK_NEAR(c, top->probs[0], softmax_at(z, V, 0.8, top->ids[0]), 1e-5);
        CHECK_INT(c, rank_by_hand(z, V, top->ids[0]), 1);
        const gf_top_tokens *lg = gf_app_top_logits(app, t);
        CHECK_INT(c, lg->next_id, next);
        CHECK_NEAR(c, lg->next_value, z[next], 0.0);
        CHECK_INT(c, lg->ids[0], top->ids[0]);
        CHECK_NEAR(c, lg->probs[0], z[lg->ids[0]], 0.0);
    }
}

/* With top-k = 3 the shown distribution is the sampler's: three tokens,
 * renormalized among themselves, everything else 0. */
static void test_filters(check_ctx *c, gf_app *app)
{
    int V = app->s.trace.config.vocab_size, t = 1;
    const float *z = gf_trace_logits_row(&app->s.trace, t);
    app->s.sampler.top_k = 3;
    const gf_top_tokens *top = gf_app_top_tokens(app, t, 1.0f);
    CHECK_INT(c, top->n, 3);
    double kept = 0.0, shown = 0.0;
    for (int i = 0; i < 3; i++) {
        CHECK_INT(c, rank_by_hand(z, V, top->ids[i]), i + 1);
        kept += softmax_at(z, V, 1.0, top->ids[i]);
        shown += top->probs[i];
    }
    CHECK_NEAR(c, shown, 1.0, 1e-5);
    CHECK_NEAR(c, top->probs[0], softmax_at(z, V, 1.0, top->ids[0]) / kept, 1e-5);
    int next = app->s.tokens[t + 1];
    bool in_top3 = rank_by_hand(z, V, next) <= 3;
    CHECK(c, in_top3 ? top->next_value > 0.0f : top->next_value == 0.0f);
    /* T = 0: one-hot on the largest logit. */
    app->s.sampler.top_k = 0;
    top = gf_app_top_tokens(app, t, 0.0f);
    CHECK_INT(c, top->n, 1);
    CHECK_NEAR(c, top->probs[0], 1.0, 0.0);
    CHECK_INT(c, rank_by_hand(z, V, top->ids[0]), 1);
    /* The view draws with them (no crash, a marked row for a known next token). */
    app->st.position = t;
    gf_stepper_goto(&app->st, GF_STAGE_PROBS);
    app->s.sampler.top_k = 3;
    gf_headless_frame(app);
    char path[512], err[256];
    check_tmp_path(path, sizeof path, "viewer_probs_topk.png");
    CHECK(c, gf_headless_save(app, path, err, sizeof err));
    app->s.sampler.top_k = 0;
}

/* A lesson says "{top1_prob}" on the probs screen: the text gives the
 * same digits as the view's top row (a student compares them), also below
 * 1 % (the tiny random model's 256 tokens share out about 0.4 % each;
 * lesson 09.4 said "0.29 %" beside the row's "0.3%"). */
static void test_lesson_percent(check_ctx *c)
{
    char path[512];
    if (!lesson_fixture_write(c, "probs_percent.lesson",
                              "title: Percent\n"
                              "--- The favourite\n"
                              "prompt: The queen went\n"
                              "screen: probs\n"
                              "\n"
                              "Favourite: {top1_prob}.\n",
                              path, sizeof path))
        return;
    char *argv[] = {"glassformer", "--lesson", path, "--random", "tiny"};
    gf_app *app = lesson_fixture_open(c, 5, argv, 1600, 900);
    if (app == NULL)
        return;
    lesson_fixture_draw_settled(c, app);
    char text[512], said[32] = "";
    gf_lesson_fill(app, gf_lesson_current(app), text, sizeof text);
    const char *at = strstr(text, "Favourite: ");
    if (CHECK(c, at != NULL))
        sscanf(at + strlen("Favourite: "), "%31[0-9.]", said);
    /* The topmost percentage in the view: its first row's value. */
    const gf_ui_text_rect *top = NULL;
    gf_rect view = app->ui.view_rect;
    for (int k = 0; k < app->ui.n_text; k++) {
        const gf_ui_text_rect *t = &app->ui.text_rects[k];
        size_t n = strlen(t->text);
        if (n > 1 && t->text[n - 1] == '%' && gf_rect_contains(view, t->r.x, t->r.y) &&
            (top == NULL || t->r.y < top->r.y))
            top = t;
    }
    char shown[32] = "";
    if (CHECK(c, top != NULL))
        sscanf(top->text, "%31[0-9.]", shown);
    CHECK(c, strtod(said, NULL) < 1.0);   /* the case meant: under 1 % */
    if (!CHECK(c, said[0] != '\0' && strcmp(said, shown) == 0))
        fprintf(stderr, "  the lesson says %s %%, the view's row %s%%\n", said, shown);
    viewer_fixture_close(app);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "test_viewer_probs");
    char err[256];
    gf_app *app = viewer_fixture_open("The queen went home.", 1600, 900, err, sizeof err);
    if (!CHECK(&c, app != NULL)) {
        fprintf(stderr, "  %s\n", err);
        return check_end(&c);
    }
    test_next_token(&c, app);
    test_filters(&c, app);
    viewer_fixture_close(app);
    test_lesson_percent(&c);
    return check_end(&c);
}

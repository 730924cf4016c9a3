/* test_viewer_beam.c — the temperature screen's beam lane and tree.
 *
 * - The beam search the worker made for the screen is gf_beam_search's own
 *   for the session's tokens, width and length: the same best beam, the same
 *   ln p; the path the tree outlines spells that beam's tokens.
 * - Width 1 is the greedy lane (T = 0) token for token (until an
 *   end-of-text token stops the search).
 * - The tree's marks on a hand-built search: which nodes lead to final beams,
 *   which to the best one; with room for one row of beams, the tree shows
 *   the best path's node at every step (not the step's top beam).
 * - Keys ({ / } under a Russian layout, Tab, , / .) and their limits; a
 *   node's tooltip: its token's ln p and the sum, a node of the search.
 * - A search stopped between steps keeps its steps and says so; S computes
 *   it again.
 * - A lane too long for its box ends with "+N more" (recorded text); hovering
 *   it shows the tokens left out. The beam lane's heading keeps its ln p
 *   whole in large type at 1280×720 (its parts one space apart).
 * - A lesson step's `beams: N` opens the tree of N beams (from the start
 *   step too), a step without it the chart and 3 beams; Tab there is
 *   exploring, J goes back; `screen: lens` opens the computed logit lens. */
#include "check.h"

#include "beam_tree.h"
#include "lesson_fixture.h"
#include "tokenizer.h"
#include "viewer_fixture.h"
#include "worker_cancel_hook.h"

#include <math.h>
#include <stdatomic.h>

static gf_app *open_app(check_ctx *c, const char *lanes, int width, int height)
{
    char *argv[] = {"glassformer", "--random", "tiny", "--prompt", "Beams keep the best",
                    "--lane-tokens", (char *)lanes};
    return viewer_fixture_open_argv(c, 7, argv, width, height);
}

/* The screen's search against gf_beam_search run here on the same tokens. */
static void check_against_core(check_ctx *c, gf_app *app, int width, int length)
{
    const gf_beam_job *job = &app->work->beam;
    const gf_beam_key key = {app->s.generation, width, length};
    if (!CHECK(c, gf_beam_job_shows(job, &key) && job->has_shown && !job->shown_cut))
        return;
    const int32_t eot = gf_tokenizer_eot(app->s.model.tokenizer);
    gf_beam_result want;
    gf_error e = {0};
    if (!CHECK_OK(c, gf_beam_search(&app->s.model, app->s.tokens, app->s.n_tokens, width, length,
                                    eot, NULL, NULL, &want, &e), &e))
        return;
    const gf_beam *got = &job->shown.beams[0];
    CHECK_INT(c, got->n_tokens, want.beams[0].n_tokens);
    CHECK(c, memcmp(got->tokens, want.beams[0].tokens,
                    sizeof(int32_t) * (size_t)want.beams[0].n_tokens) == 0);
    CHECK(c, got->logprob == want.beams[0].logprob && got->score == want.beams[0].score);
    CHECK_INT(c, job->shown.n_steps, want.n_steps);
    /* The outlined path spells the best beam. */
    int32_t path[GF_TEMP_TOKENS_MAX];
    int n = gf_beam_tree_best_tokens(&job->shown, eot, path);
    CHECK_INT(c, n, got->n_tokens);
    CHECK(c, memcmp(path, got->tokens, sizeof(int32_t) * (size_t)n) == 0);
    gf_beam_result_free(&want);
}

/* The keys as a Russian layout sends them: physical [ and ] are х and ъ. */
static void press_beams(gf_app *app, int steps)
{
    for (int i = 0; i < (steps > 0 ? steps : -steps); i++)
        viewer_fixture_press_mod(app, steps > 0 ? 0x42a : 0x425,
                                 steps > 0 ? SDL_SCANCODE_RIGHTBRACKET : SDL_SCANCODE_LEFTBRACKET,
                                 KMOD_LSHIFT);
}

static void test_lane_and_width(check_ctx *c)
{
    gf_app *app = open_app(c, "20", 1280, 720);
    if (app == NULL)
        return;
    CHECK(c, viewer_fixture_press(app, 0x435, SDL_SCANCODE_T));  /* е: the T key */
    CHECK(c, app->screen == GF_SCREEN_TEMPERATURE);
    CHECK(c, viewer_fixture_settle(app));
    CHECK_INT(c, app->temp.beam_width, GF_TEMP_BEAMS);
    check_against_core(c, app, GF_TEMP_BEAMS, 20);
    /* { twice: width 1, the greedy lane's tokens. */
    press_beams(app, -2);
    CHECK_INT(c, app->temp.beam_width, 1);
    CHECK(c, viewer_fixture_settle(app));
    check_against_core(c, app, 1, 20);
    const gf_beam *b = &app->work->beam.shown.beams[0];
    const gf_temp_lane *greedy = &app->temp.lanes[0];
    const int32_t eot = gf_tokenizer_eot(app->s.model.tokenizer);
    CHECK(c, greedy->temperature == 0.0f && greedy->n_tokens == 20 && b->n_tokens >= 1);
    printf("width 1: %d tokens (the greedy lane: %d)\n", b->n_tokens, greedy->n_tokens);
    CHECK(c, b->n_tokens <= greedy->n_tokens &&
             memcmp(b->tokens, greedy->tokens, sizeof(int32_t) * (size_t)b->n_tokens) == 0);
    CHECK(c, b->n_tokens == greedy->n_tokens || greedy->tokens[b->n_tokens] == eot);
    /* Limits: 1 … 16. */
    press_beams(app, -3);
    CHECK_INT(c, app->temp.beam_width, 1);
    press_beams(app, 20);
    CHECK_INT(c, app->temp.beam_width, GF_BEAM_MAX_WIDTH);
    CHECK(c, viewer_fixture_settle(app));
    check_against_core(c, app, GF_BEAM_MAX_WIDTH, 20);
    /* ] (no Shift) is still the lanes' length; the search follows it. */
    CHECK(c, viewer_fixture_press(app, 0x44a, SDL_SCANCODE_RIGHTBRACKET));
    CHECK_INT(c, app->temp.length, 30);
    CHECK(c, viewer_fixture_settle(app));
    check_against_core(c, app, GF_BEAM_MAX_WIDTH, 30);
    /* Tab: the tree in the chart's place; , / . move it, not before step 0. */
    CHECK(c, app->temp.below == GF_TEMP_BELOW_CHART);
    CHECK(c, viewer_fixture_press(app, SDLK_TAB, SDL_SCANCODE_TAB));
    CHECK(c, app->temp.below == GF_TEMP_BELOW_TREE);
    CHECK(c, viewer_fixture_press(app, 0x44e, SDL_SCANCODE_PERIOD));  /* ю */
    CHECK_INT(c, app->temp.tree_first, 1);
    CHECK(c, viewer_fixture_press(app, 0x431, SDL_SCANCODE_COMMA));   /* б */
    CHECK(c, viewer_fixture_press(app, 0x431, SDL_SCANCODE_COMMA));
    CHECK_INT(c, app->temp.tree_first, 0);
    CHECK(c, app->st.position == app->s.n_tokens - 1);  /* not the position keys here */
    /* The tree is drawn: its title and a node with a cumulative ln p. */
    app->ui.record_text = true;
    gf_headless_frame(app);
    bool title = false, node = false;
    for (int i = 0; i < app->ui.n_text; i++) {
        title = title || strstr(app->ui.text_rects[i].text, "Beam search, N = 16") != NULL;
        node = node || strstr(app->ui.text_rects[i].text, " −") != NULL;
    }
    CHECK(c, title && node);
    /* Tab twice more: the lanes alone, then the chart again. */
    CHECK(c, viewer_fixture_press(app, SDLK_TAB, SDL_SCANCODE_TAB));
    CHECK(c, app->temp.below == GF_TEMP_BELOW_NOTHING);
    CHECK(c, viewer_fixture_press(app, SDLK_TAB, SDL_SCANCODE_TAB));
    CHECK(c, app->temp.below == GF_TEMP_BELOW_CHART);
    CHECK(c, viewer_fixture_press(app, SDLK_TAB, SDL_SCANCODE_TAB));
    gf_headless_frame(app);
    /* Hovering a node: its token's own ln p and the sum it shows. */
    int tips = 0;
    for (int i = 0; i < app->ui.n_text && tips < 3; i++) {
        gf_ui_text_rect t = app->ui.text_rects[i];
        const char *minus = strstr(t.text, " −");
        if (minus == NULL || strchr(t.text, '%') != NULL)
            continue;
        double shown = -atof(minus + strlen(" −"));
        gf_app_mouse_move(app, t.r.x + t.r.w / 2, t.r.y + t.r.h / 2);
        app->ui.record_text = false;
        gf_headless_frame(app);
        const char *lp = strstr(app->ui.tooltip, "ln p = "), *sum = strstr(app->ui.tooltip, "Σ ln p = ");
        if (CHECK(c, lp != NULL && sum != NULL)) {
            double own = atof(lp + strlen("ln p = ")), total = atof(sum + strlen("Σ ln p = "));
            CHECK(c, fabs(total - shown) <= 0.005 && own <= 0.0 && total <= own + 1e-9);
            /* a node of the search with that ln p and sum */
            bool found = false;
            const gf_beam_result *r = &app->work->beam.shown;
            for (int st = 0; st < r->n_steps && !found; st++) {
                for (int k = 0; k < r->steps[st].n; k++)
                    found = found || (fabs(r->steps[st].logprob[k] - own) < 5e-4 &&
                                      fabs(r->steps[st].score[k] - total) < 5e-4);
                for (int k = 0; k < r->steps[st].n_pruned; k++)
                    found = found || (fabs(r->steps[st].pruned[k].logprob - own) < 5e-4 &&
                                      fabs(r->steps[st].pruned[k].score - total) < 5e-4);
            }
            CHECK(c, found);
            tips++;
        }
        app->ui.record_text = true;
        gf_headless_frame(app);
    }
    CHECK_INT(c, tips, 3);
    viewer_fixture_close(app);
}

/* A hand-built search of 3 steps, width 2:
 *   step 0: a (5), b (7)       from the prompt
 *   step 1: c (8), d (9)       both from b
 *   step 2: e (3) from d, f (eot: ended) from c
 * Final beams: e (best), f. a leads nowhere. */
static void test_marks(check_ctx *c)
{
    gf_beam_step steps[3];
    memset(steps, 0, sizeof steps);
    const int32_t eot = 99;
    steps[0] = (gf_beam_step){.n = 2, .parent = {0, 0}, .token = {5, 7}, .score = {-1, -2}};
    steps[1] = (gf_beam_step){.n = 2, .parent = {1, 1}, .token = {8, 9}, .score = {-3, -4}};
    steps[2] = (gf_beam_step){.n = 2, .parent = {1, 0}, .token = {3, eot}, .score = {-5, -6}};
    gf_beam_result r;
    memset(&r, 0, sizeof r);
    r.steps = steps;
    r.n_steps = 3;
    uint8_t marks[3 * GF_BEAM_MAX_WIDTH];
    gf_beam_tree_marks(&r, marks);
    const int W = GF_BEAM_MAX_WIDTH, FB = GF_BEAM_NODE_FINAL | GF_BEAM_NODE_BEST;
    CHECK_INT(c, marks[0 * W + 0], 0);
    CHECK_INT(c, marks[0 * W + 1], FB);
    CHECK_INT(c, marks[1 * W + 0], GF_BEAM_NODE_FINAL);
    CHECK_INT(c, marks[1 * W + 1], FB);
    CHECK_INT(c, marks[2 * W + 0], FB);
    CHECK_INT(c, marks[2 * W + 1], GF_BEAM_NODE_FINAL);
    int32_t path[3];
    CHECK_INT(c, gf_beam_tree_best_tokens(&r, eot, path), 3);
    CHECK(c, path[0] == 7 && path[1] == 9 && path[2] == 3);
    /* The second beam ended: its path leaves the end-of-text token out
     * (as its printout would); a carried step (−1) adds nothing. */
    steps[2].parent[0] = 0;
    steps[2].token[0] = eot;
    steps[2].parent[1] = 1;
    steps[2].token[1] = -1;
    CHECK_INT(c, gf_beam_tree_best_tokens(&r, eot, path), 2);
    CHECK(c, path[0] == 7 && path[1] == 8);
}

/* A tree with room for one row of beams (and "+N more"): the best final
 * beam grew from beams that were not their step's best; the row shows
 * them, so the outlined path is unbroken. */
static void test_one_row(check_ctx *c)
{
    gf_app *app = open_app(c, "12", 1280, 720);
    if (app == NULL)
        return;
    gf_beam_step steps[3];
    memset(steps, 0, sizeof steps);
    const int32_t a = 10, b = 11, cc = 12, d = 13, e = 14, f = 15, g = 16, h = 17, i = 18;
    steps[0] = (gf_beam_step){.n = 3, .parent = {0, 0, 0}, .token = {a, b, cc}, .score = {-1, -2, -3}};
    steps[1] = (gf_beam_step){.n = 3, .parent = {0, 2, 1}, .token = {d, e, f}, .score = {-4, -5, -6}};
    steps[2] = (gf_beam_step){.n = 3, .parent = {1, 0, 2}, .token = {g, h, i}, .score = {-7, -8, -9}};
    gf_beam_result r;
    memset(&r, 0, sizeof r);
    r.steps = steps;
    r.n_steps = 3;
    gf_headless_frame(app);
    app->ui.record_text = true;
    gf_ui_begin(&app->ui, app->ui.width, app->ui.height, app->ui.scale);
    int first = 0;
    gf_beam_tree_draw(app, (gf_rect){0, 0, app->ui.width, gf_beam_tree_min_height(app)}, &r, 3, &first);
    const int32_t path[3] = {cc, e, g}, off_path[3] = {a, d, h};
    for (int k = 0; k < 3; k++) {
        char on[GF_LABEL_MAX + 2], off[GF_LABEL_MAX + 2];
        gf_session_label(&app->s, path[k], on, sizeof on);
        gf_session_label(&app->s, off_path[k], off, sizeof off);
        strcat(on, " ");
        strcat(off, " ");
        bool drawn_on = false, drawn_off = false;
        for (int j = 0; j < app->ui.n_text; j++) {
            drawn_on |= strncmp(app->ui.text_rects[j].text, on, strlen(on)) == 0;
            drawn_off |= strncmp(app->ui.text_rects[j].text, off, strlen(off)) == 0;
        }
        if (!CHECK(c, drawn_on && !drawn_off))
            fprintf(stderr, "  step %d: the best path's node %sdrawn, the step's top beam %sdrawn\n", k,
                    drawn_on ? "" : "not ", drawn_off ? "" : "not ");
    }
    viewer_fixture_close(app);
}

static void test_heading(check_ctx *c)
{
    gf_app *app = open_app(c, "40", 1280, 720);  /* ln p of 40 tokens: "−1xx.xx" */
    if (app == NULL)
        return;
    app->screen = GF_SCREEN_TEMPERATURE;
    app->large_font = true;
    press_beams(app, -2);  /* N = 1 */
    CHECK(c, viewer_fixture_settle(app));
    app->ui.record_text = true;
    gf_headless_frame(app);
    const char *heading = NULL;
    for (int i = 0; i < app->ui.n_text; i++)
        if (strncmp(app->ui.text_rects[i].text, "beams N = 1", 11) == 0)
            heading = app->ui.text_rects[i].text;
    if (CHECK(c, heading != NULL) && !CHECK(c, strstr(heading, "ln p = ") != NULL &&
                                                   strstr(heading, "…") == NULL))
        fprintf(stderr, "  heading: %s\n", heading);
    viewer_fixture_close(app);
}

static void test_cut(check_ctx *c)
{
    gf_app *app = open_app(c, "12", 1280, 720);
    if (app == NULL)
        return;
    app->screen = GF_SCREEN_TEMPERATURE;
    CHECK(c, viewer_fixture_settle(app));  /* lanes and beams, whole */
    cancel_hook hook = {.w = &app->work->worker};
    atomic_init(&hook.at, 4);
    gf_worker_set_notify(&app->work->worker, cancel_at, &hook);
    press_beams(app, 2);  /* width 5: stopped after its fourth step */
    CHECK(c, viewer_fixture_settle(app));
    const gf_beam_job *job = &app->work->beam;
    CHECK(c, job->has_shown && job->shown_cut && job->shown_key.width == 5);
    CHECK_INT(c, job->shown.n_steps, 4);
    CHECK(c, job->shown.n_beams == 5 && job->shown.beams[0].n_tokens <= 4);
    app->ui.record_text = true;
    gf_headless_frame(app);
    bool said = false;
    for (int i = 0; i < app->ui.n_text; i++)
        said = said || strstr(app->ui.text_rects[i].text, "beam search was cut short") != NULL;
    CHECK(c, said);
    /* S: the search again, whole this time. */
    atomic_store(&hook.at, 1 << 30);
    CHECK(c, viewer_fixture_press(app, SDLK_s, SDL_SCANCODE_S));
    CHECK(c, viewer_fixture_settle(app));
    check_against_core(c, app, 5, 12);
    viewer_fixture_close(app);
}

/* "+N more" ends a lane that does not fit; N counts the tokens left out. */
static int more_marks(gf_app *app, int *largest)
{
    app->ui.record_text = true;
    gf_headless_frame(app);
    int n = 0;
    *largest = 0;
    for (int i = 0; i < app->ui.n_text; i++) {
        int k = 0;
        if (sscanf(app->ui.text_rects[i].text, "+%d more", &k) == 1) {
            n++;
            *largest = k > *largest ? k : *largest;
        }
    }
    return n;
}

static void test_more(check_ctx *c)
{
    /* Large letters at 1920×1080, lanes of 40: cut beside the tree, whole
     * when the lanes have the room to themselves (Tab twice). */
    gf_app *big = open_app(c, "40", 1920, 1080);
    if (big != NULL) {
        big->screen = GF_SCREEN_TEMPERATURE;
        big->large_font = true;
        CHECK(c, viewer_fixture_settle(big));
        int most = 0;
        big->temp.below = GF_TEMP_BELOW_TREE;
        CHECK(c, more_marks(big, &most) >= 1);
        big->temp.below = GF_TEMP_BELOW_NOTHING;
        CHECK_INT(c, more_marks(big, &most), 0);
        viewer_fixture_close(big);
    }
    gf_app *app = open_app(c, "12", 1920, 1080);
    if (app == NULL)
        return;
    app->screen = GF_SCREEN_TEMPERATURE;
    CHECK(c, viewer_fixture_settle(app));
    int largest = 0;
    CHECK_INT(c, more_marks(app, &largest), 0);  /* 12 tokens fit */
    viewer_fixture_close(app);
    app = open_app(c, "110", 1280, 720);
    if (app == NULL)
        return;
    app->screen = GF_SCREEN_TEMPERATURE;
    app->large_font = true;
    CHECK(c, viewer_fixture_settle(app));
    CHECK(c, more_marks(app, &largest) >= 1);
    CHECK(c, largest >= 1 && largest < 110);
    /* Hovering a mark shows the tokens it stands for: the end of one lane. */
    int hovered = 0;
    for (int i = 0; i < app->ui.n_text; i++) {
        int k = 0;
        gf_ui_text_rect t = app->ui.text_rects[i];
        if (sscanf(t.text, "+%d more", &k) != 1)
            continue;
        gf_app_mouse_move(app, t.r.x + t.r.w / 2, t.r.y + t.r.h / 2);
        app->ui.record_text = false;
        gf_headless_frame(app);
        const char *tip = app->ui.tooltip;
        bool cut = strstr(tip, "…") != NULL;
        size_t n_tip = cut ? (size_t)(strstr(tip, "…") - tip) : strlen(tip);
        bool matches = false;
        for (int j = 0; j < GF_TEMP_LANES && !matches; j++) {
            const gf_temp_lane *lane = &app->temp.lanes[j];
            char want[4096] = "";
            size_t used = 0;
            for (int t2 = lane->n_tokens - k; t2 >= 0 && t2 < lane->n_tokens; t2++) {
                char label[GF_LABEL_MAX];
                gf_session_label(&app->s, lane->tokens[t2], label, sizeof label);
                used += (size_t)snprintf(want + used, sizeof want - used, "%s", label);
            }
            matches = n_tip > 0 && strncmp(tip, want, n_tip) == 0 && (cut || n_tip == used);
        }
        hovered += matches;
        app->ui.record_text = true;
        gf_headless_frame(app);  /* the text list again, for the next mark */
    }
    CHECK(c, hovered >= GF_TEMP_LANES);
    viewer_fixture_close(app);
}

/* A trace with no room left: the search runs once, from the window the
 * lanes continue (the last half of the trace: test_viewer_lane_window.c
 * checks its beams), and is not started again and again (the worker falls
 * idle). */
static void test_full_trace(check_ctx *c)
{
    char *argv[] = {"glassformer", "--random", "tiny", "--prompt", "abcdefgh", "--capacity", "8"};
    gf_options opt;
    char err[512] = "";
    gf_app *app = calloc(1, sizeof *app);
    if (!CHECK(c, app != NULL && gf_options_parse(&opt, 7, argv, err, sizeof err)) ||
        !CHECK(c, gf_app_open(app, &opt, err, sizeof err))) {
        fprintf(stderr, "  %s\n", err);
        gf_app_free(app);
        free(app);
        return;
    }
    CHECK_INT(c, app->s.n_tokens, 8);
    app->screen = GF_SCREEN_TEMPERATURE;
    int polls = 0;
    for (; polls < 50 && (polls == 0 || gf_app_busy(app)); polls++) {
        gf_app_work_poll(app);
        gf_worker_wait(&app->work->worker);
    }
    gf_app_work_poll(app);
    CHECK(c, !gf_app_busy(app));
    CHECK(c, polls < 50);
    CHECK(c, app->work->beam.has_shown && app->work->beam.shown_done);
    CHECK_INT(c, app->work->beam.shown.n_steps, 4);
    viewer_fixture_close(app);
}

/* Go to lesson step index (0-based) and wait for its work. */
static void lesson_go(check_ctx *c, gf_app *app, int index)
{
    gf_lesson_go(app, index);
    CHECK(c, viewer_fixture_settle(app));
    gf_lesson_poll(app);
    CHECK(c, viewer_fixture_settle(app));
    gf_headless_frame(app);
}

static void test_lesson_steps(check_ctx *c)
{
    char path[512];
    if (!lesson_fixture_write(c, "beams.lesson",
                              "title: Beams\n"
                              "---\n"
                              "prompt: Beams keep the best\n"
                              "screen: temperature\n"
                              "beams: 5\n"
                              "\n"
                              "The tree of five beams.\n"
                              "---\n"
                              "\n"
                              "The chart again.\n"
                              "---\n"
                              "screen: lens\n"
                              "\n"
                              "The logit lens.\n",
                              path, sizeof path))
        return;
    char *argv[] = {"glassformer", "--lesson", path, "--random", "tiny", "--lane-tokens", "20"};
    gf_app *app = lesson_fixture_open(c, 7, argv, 1920, 1080);
    if (app == NULL)
        return;
    CHECK(c, viewer_fixture_settle(app));  /* the start step: its beams, then their search */
    gf_lesson_poll(app);
    CHECK(c, viewer_fixture_settle(app));
    CHECK_INT(c, app->screen, GF_SCREEN_TEMPERATURE);
    CHECK_INT(c, app->temp.beam_width, 5);
    CHECK(c, app->temp.below == GF_TEMP_BELOW_TREE);
    CHECK(c, !gf_lesson_exploring(app));
    check_against_core(c, app, 5, 20);
    CHECK(c, gf_app_key_named(app, "tab"));     /* the lanes alone: not the step's view */
    CHECK(c, gf_lesson_exploring(app));
    CHECK(c, gf_lesson_return(app));            /* J */
    CHECK(c, app->temp.below == GF_TEMP_BELOW_TREE && !gf_lesson_exploring(app));
    lesson_go(c, app, 1);
    CHECK_INT(c, app->screen, GF_SCREEN_TEMPERATURE);
    CHECK_INT(c, app->temp.beam_width, GF_TEMP_BEAMS);
    CHECK(c, app->temp.below == GF_TEMP_BELOW_CHART);
    CHECK(c, !gf_lesson_exploring(app));
    check_against_core(c, app, GF_TEMP_BEAMS, 20);
    lesson_go(c, app, 2);
    CHECK_INT(c, app->screen, GF_SCREEN_LENS);
    CHECK(c, app->work->lens.shown_generation == app->s.generation);
    CHECK(c, !gf_lesson_exploring(app));
    lesson_go(c, app, 0);                       /* back: the tree again */
    CHECK_INT(c, app->temp.beam_width, 5);
    CHECK(c, app->temp.below == GF_TEMP_BELOW_TREE);
    check_against_core(c, app, 5, 20);
    viewer_fixture_close(app);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "test_viewer_beam");
    test_marks(&c);
    test_one_row(&c);
    test_heading(&c);
    test_lane_and_width(&c);
    test_cut(&c);
    test_more(&c);
    test_full_trace(&c);
    test_lesson_steps(&c);
    return check_end(&c);
}

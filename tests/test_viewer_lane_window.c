/* test_viewer_lane_window.c — the temperature lanes on a full context.
 *
 * - gf_lane_window_of on hand-worked cases: room for the lanes (no window),
 *   a full trace (the last capacity − length tokens), lanes longer than half
 *   the trace (the window keeps half), a short text (shorter lanes instead).
 * - A full trace (after --sample, and after Space slid the window): the
 *   lanes are not empty; each is what sampling at its T and seed gives on
 *   fresh forward passes of the window plus the tokens so far (the T = 0
 *   lane is plain argmax, checked without a sampler); the beam lane is
 *   gf_beam_search's best beam for the same window; the screen says that
 *   the lanes continue a window, in English and in Russian.
 * - Esc while the window is computed: no lanes, cut, and the worker idle. */
#include "check.h"

#include "lane_window.h"
#include "tokenizer.h"
#include "viewer_fixture.h"
#include "worker_cancel_hook.h"

#include <stdatomic.h>

static void test_window_of(check_ctx *c)
{
    gf_lane_window w = gf_lane_window_of(10, 64, 40);  /* 10 + 40 <= 64 */
    CHECK(c, w.start == 0 && w.n_kept == 10 && w.n_new == 40);
    w = gf_lane_window_of(64, 64, 20);                 /* full: the last 44 */
    CHECK(c, w.start == 20 && w.n_kept == 44 && w.n_new == 20);
    w = gf_lane_window_of(60, 64, 20);                 /* 4 rows left, 20 asked */
    CHECK(c, w.start == 16 && w.n_kept == 44 && w.n_new == 20);
    w = gf_lane_window_of(16, 16, 40);                 /* longer than the trace: half */
    CHECK(c, w.start == 8 && w.n_kept == 8 && w.n_new == 8);
    w = gf_lane_window_of(6, 16, 16);                  /* a short text: 10 tokens */
    CHECK(c, w.start == 0 && w.n_kept == 6 && w.n_new == 10);
    w = gf_lane_window_of(0, 16, 16);                  /* no text */
    CHECK(c, w.n_new == 0);
    w = gf_lane_window_of(1, 1, 5);                    /* no room at all */
    CHECK(c, w.start == 0 && w.n_new == 0);
}

/* A tiny random model (one token per byte) with a 32-row trace, filled by
 * a 20-byte prompt and 12 sampled tokens; lanes of 12 tokens. */
static gf_app *open_full(check_ctx *c, const char *lang)
{
    char *argv[] = {"glassformer", "--random", "tiny", "--capacity", "32", "--prompt",
                    "abcdefghijklmnopqrst", "--sample", "12", "--lane-tokens", "12", "--lang",
                    (char *)lang};
    return viewer_fixture_open_argv(c, 13, argv, 1600, 900);
}

/* The largest logit's id (the lower id on ties): greedy decoding. */
static int32_t argmax(const float *z, int n)
{
    int32_t best = 0;
    for (int i = 1; i < n; i++)
        if (z[i] > z[best])
            best = i;
    return best;
}

/* A lane against fresh forward passes: before each token, a full forward of
 * the window and the lane's tokens so far into a new trace, whose last row
 * is sampled at the lane's T and seed (T = 0: argmax, no sampler). */
static void check_lane(check_ctx *c, const gf_session *s, const int32_t *window, int n_kept,
                       const gf_temp_lane *lane, int n_new)
{
    const int V = s->model.config.vocab_size;
    gf_error e;
    gf_error_clear(&e);
    gf_trace fresh;
    gf_sampler sampler;
    if (!CHECK_OK(c, gf_trace_init(&fresh, &s->model.config, s->capacity, true, &e), &e))
        return;
    if (!CHECK_OK(c, gf_sampler_init(&sampler, V, lane->temperature, s->sampler.top_k,
                                     s->sampler.top_p, lane->seed, &e), &e)) {
        gf_trace_free(&fresh);
        return;
    }
    int32_t text[64];
    memcpy(text, window, sizeof *text * (size_t)n_kept);
    CHECK_INT(c, lane->n_tokens, n_new);
    for (int k = 0; k < n_new && k < lane->n_tokens; k++) {
        gf_trace_truncate(&fresh, 0);
        if (!CHECK_OK(c, gf_forward_full(&s->model, &fresh, text, n_kept + k, &e), &e))
            break;
        const float *z = gf_trace_logits_row(&fresh, n_kept + k - 1);  /* (V) */
        int32_t want = lane->temperature == 0.0f ? argmax(z, V) : gf_sampler_sample(&sampler, z);
        if (!CHECK_INT(c, lane->tokens[k], want)) {
            fprintf(stderr, "  lane T = %.2f parts at token %d\n", (double)lane->temperature, k);
            break;
        }
        text[n_kept + k] = want;
    }
    gf_sampler_free(&sampler);
    gf_trace_free(&fresh);
}

/* The beam lane against gf_beam_search on the same window. */
static void check_beams(check_ctx *c, gf_app *app, const int32_t *window, int n_kept, int n_new)
{
    const gf_beam_job *job = &app->work->beam;
    const gf_beam_key key = {app->s.generation, app->temp.beam_width, app->temp.length};
    if (!CHECK(c, gf_beam_job_shows(job, &key) && job->has_shown && job->shown.n_beams > 0))
        return;
    gf_beam_result want;
    gf_error e;
    gf_error_clear(&e);
    if (!CHECK_OK(c, gf_beam_search(&app->s.model, window, n_kept, app->temp.beam_width, n_new,
                                    gf_tokenizer_eot(app->s.model.tokenizer), NULL, NULL, &want,
                                    &e), &e))
        return;
    const gf_beam *got = &job->shown.beams[0];
    CHECK_INT(c, got->n_tokens, want.beams[0].n_tokens);
    CHECK(c, got->n_tokens > 0 &&
             memcmp(got->tokens, want.beams[0].tokens, sizeof *got->tokens * (size_t)got->n_tokens) == 0);
    CHECK(c, got->logprob == want.beams[0].logprob);
    gf_beam_result_free(&want);
}

/* Whether a string drawn in the last frame contains part. */
static bool drawn(gf_app *app, const char *part)
{
    app->ui.record_text = true;
    gf_headless_frame(app);
    bool found = false;
    for (int i = 0; i < app->ui.n_text && !found; i++)
        found = strstr(app->ui.text_rects[i].text, part) != NULL;
    app->ui.record_text = false;
    return found;
}

/* The lanes and the beam lane of the temperature screen, as it is now. */
static void check_screen(check_ctx *c, gf_app *app)
{
    const gf_session *s = &app->s;
    CHECK_INT(c, s->n_tokens, s->capacity);  /* full */
    const gf_lane_window w = gf_lane_window_of(s->n_tokens, s->capacity, app->temp.length);
    CHECK(c, w.start == 12 && w.n_kept == 20 && w.n_new == 12);
    CHECK(c, app->temp.valid && !app->temp.cut && app->temp.generation == s->generation);
    for (int i = 0; i < GF_TEMP_LANES; i++)
        check_lane(c, s, s->tokens + w.start, w.n_kept, &app->temp.lanes[i], w.n_new);
    check_beams(c, app, s->tokens + w.start, w.n_kept, w.n_new);
}

static void test_full(check_ctx *c)
{
    gf_app *app = open_full(c, "en");
    if (app == NULL)
        return;
    CHECK(c, gf_app_key_named(app, "t"));
    CHECK(c, app->screen == GF_SCREEN_TEMPERATURE);
    CHECK(c, viewer_fixture_settle(app));
    check_screen(c, app);
    CHECK(c, drawn(app, "the lanes continue a window, the last 20 tokens"));
    /* Space on the full context slides the session's window; the lanes
     * follow the new text. */
    CHECK(c, gf_app_key_named(app, "space"));
    CHECK(c, viewer_fixture_settle(app));
    CHECK_INT(c, app->s.n_dropped, 1);
    check_screen(c, app);
    /* A few tokens fewer: room for some, not all; still a window. */
    for (int k = 0; k < 5; k++)
        CHECK(c, gf_app_key_named(app, "backspace"));
    CHECK(c, viewer_fixture_settle(app));
    const gf_lane_window w = gf_lane_window_of(app->s.n_tokens, app->s.capacity, 12);
    CHECK(c, app->s.n_tokens == 27 && w.start == 7 && w.n_new == 12);
    for (int i = 0; i < GF_TEMP_LANES; i++)
        check_lane(c, &app->s, app->s.tokens + w.start, w.n_kept, &app->temp.lanes[i], w.n_new);
    check_beams(c, app, app->s.tokens + w.start, w.n_kept, w.n_new);
    viewer_fixture_close(app);

    app = open_full(c, "ru");
    if (app == NULL)
        return;
    CHECK(c, gf_app_key_named(app, "t"));
    CHECK(c, viewer_fixture_settle(app));
    CHECK(c, drawn(app, "дорожки продолжают окно из последних 20 токенов"));
    viewer_fixture_close(app);
}

/* Esc while the window is computed (the worker is stopped after the first
 * of its two chunks): no lane has a token, the lanes say they were cut, and
 * nothing is started again on its own. */
static void test_cancel(check_ctx *c)
{
    char *argv[] = {"glassformer", "--random", "tiny", "--capacity", "48", "--prompt",
                    "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuv", "--lane-tokens", "16"};
    gf_app *app = viewer_fixture_open_argv(c, 9, argv, 0, 0);
    if (app == NULL)
        return;
    CHECK_INT(c, app->s.n_tokens, 48);
    gf_worker *wk = &app->work->worker;
    cancel_hook hook = {.w = wk};
    atomic_init(&hook.at, GF_JOB_PROMPT_CHUNK);  /* the window: 32 rows, two chunks */
    gf_worker_set_notify(wk, cancel_at, &hook);
    app->screen = GF_SCREEN_TEMPERATURE;
    gf_app_work_poll(app);
    CHECK(c, app->work->running == GF_WORK_LANES);
    app->work->user_cancelled = true;  /* as Esc would: the lanes hold the beams too */
    CHECK(c, viewer_fixture_settle(app));
    gf_worker_set_notify(wk, NULL, NULL);
    CHECK(c, app->temp.valid && app->temp.cut);
    for (int i = 0; i < GF_TEMP_LANES; i++)
        CHECK_INT(c, app->temp.lanes[i].n_tokens, 0);
    CHECK(c, app->temp.beam_held);
    CHECK(c, !gf_app_busy(app));
    viewer_fixture_close(app);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "test_viewer_lane_window");
    test_window_of(&c);
    test_full(&c);
    test_cancel(&c);
    return check_end(&c);
}

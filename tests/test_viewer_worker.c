/* test_viewer_worker.c — the viewer's worker thread computes exactly what
 * the core computes when called directly on one thread (every trace tensor
 * and every token bit for bit: the prompt in chunks, --sample, Space, the
 * temperature lanes on a lean trace), and a cancelled job leaves a session
 * whose rows are all whole and equal to a direct computation. */
#include "check.h"
#include "viewer_fixture.h"
#include "worker_cancel_hook.h"

#include "forward.h"
#include "jobs.h"
#include "work.h"

#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sched.h>
#include <string.h>
#include <time.h>

#define SEED 42  /* the viewer's default --seed */

/* `--random tiny`, written out here: the model the viewer makes for it. */
static void tiny_config(gf_config *cfg)
{
    gf_config_default(cfg);
    cfg->vocab_size = 257;
    cfg->n_ctx = 128;
    cfg->n_embd = 64;
    cfg->n_layer = 2;
    cfg->n_head = 4;
    cfg->n_inner = 256;
}

/* The synchronous side: the same model, a full trace, the core called directly. */
typedef struct {
    gf_model model;
    gf_trace trace;
    gf_sampler sampler;
} direct_run;

static bool direct_open(check_ctx *c, direct_run *d, int capacity)
{
    gf_config cfg;
    tiny_config(&cfg);
    gf_error e;
    gf_error_clear(&e);
    memset(d, 0, sizeof *d);
    return CHECK(c, gf_model_init_random(&d->model, &cfg, NULL, SEED, &e) == GF_OK) &&
           CHECK(c, gf_trace_init(&d->trace, &cfg, capacity, true, &e) == GF_OK) &&
           CHECK(c, gf_sampler_init(&d->sampler, cfg.vocab_size, 0.7f, 0, 1.0f, SEED, &e) == GF_OK);
}

static void direct_close(direct_run *d)
{
    gf_sampler_free(&d->sampler);
    gf_trace_free(&d->trace);
    gf_model_free(&d->model);
}

/* Sample n tokens with d's sampler, appending each (one step each). */
static void direct_sample(check_ctx *c, direct_run *d, int n)
{
    gf_error e;
    for (int i = 0; i < n; i++) {
        int32_t id = gf_sampler_sample(&d->sampler, gf_trace_logits_row(&d->trace, d->trace.n_tokens - 1));
        CHECK(c, gf_forward_append(&d->model, &d->trace, &id, 1, &e) == GF_OK);
    }
}

/* Every whole tensor of both traces holds the same bits. */
static bool traces_equal(check_ctx *c, const gf_trace *a, const gf_trace *b)
{
    if (!CHECK_INT(c, a->n_tokens, b->n_tokens))
        return false;
    if (!CHECK(c, memcmp(a->tokens, b->tokens, sizeof *a->tokens * (size_t)a->n_tokens) == 0))
        return false;
    bool same = true;
    for (int i = 0; i < a->n_entries; i++) {
        if (a->entries[i].head >= 0)
            continue;
        gf_view va = gf_trace_view(a, i), vb;
        if (!gf_trace_get(b, a->entries[i].key, a->entries[i].layer, -1, &vb))
            return CHECK(c, false);
        int64_t n = gf_view_numel(&va);
        float *x = malloc(sizeof *x * (size_t)(n > 0 ? n : 1));
        float *y = malloc(sizeof *y * (size_t)(n > 0 ? n : 1));
        gf_view_copy_out(&va, x);
        gf_view_copy_out(&vb, y);
        if (gf_view_numel(&vb) != n || memcmp(x, y, sizeof *x * (size_t)n) != 0) {
            fprintf(stderr, "  %s differs\n", va.name);
            same = false;
        }
        free(x);
        free(y);
    }
    return CHECK(c, same);
}

static int32_t *encode(check_ctx *c, const gf_model *m, const char *text, int *n)
{
    int32_t *ids = NULL;
    gf_error e;
    CHECK(c, gf_tokenizer_encode(m->tokenizer, text, strlen(text), &ids, n, &e) == GF_OK);
    return ids;
}

static gf_app *open_app(check_ctx *c, const char *prompt, const char *sample, const char *lanes)
{
    char *argv[] = {"glassformer", "--random", "tiny", "--prompt", (char *)prompt, "--sample",
                    (char *)sample, "--lane-tokens", (char *)lanes};
    gf_options opt;
    char err[512] = "";
    gf_app *app = calloc(1, sizeof *app);
    if (!CHECK(c, app != NULL && gf_options_parse(&opt, 9, argv, err, sizeof err)) ||
        !CHECK(c, gf_app_open(app, &opt, err, sizeof err))) {
        fprintf(stderr, "  %s\n", err);
        gf_app_free(app);
        free(app);
        return NULL;
    }
    return app;
}

/* A lane computed directly: on a copy of the full trace, one token at a time. */
static void direct_lane(check_ctx *c, direct_run *d, const gf_temp_lane *got, int length)
{
    gf_error e;
    gf_sampler s;
    const int T = d->trace.n_tokens, V = d->model.config.vocab_size;
    CHECK(c, gf_sampler_init(&s, V, got->temperature, 0, 1.0f, got->seed, &e) == GF_OK);
    gf_sampler_distribution(&s, gf_trace_logits_row(&d->trace, T - 1));
    /* The bars: the largest probabilities, in order, with their exact values. */
    for (int k = 0; k < got->top.n; k++)
        CHECK(c, got->top.probs[k] == s.probs[got->top.ids[k]]);
    for (int id = 0; id < V; id++)
        CHECK(c, got->top.n == 0 || s.probs[id] <= got->top.probs[0]);
    int32_t want[GF_TEMP_TOKENS_MAX];
    for (int k = 0; k < length; k++) {
        want[k] = gf_sampler_sample(&s, gf_trace_logits_row(&d->trace, d->trace.n_tokens - 1));
        CHECK(c, gf_forward_append(&d->model, &d->trace, &want[k], 1, &e) == GF_OK);
    }
    gf_trace_truncate(&d->trace, T);
    gf_sampler_free(&s);
    CHECK_INT(c, got->n_tokens, length);
    CHECK(c, memcmp(got->tokens, want, sizeof want[0] * (size_t)length) == 0);
}

static void test_worker_equals_direct(check_ctx *c)
{
    /* 37 prompt tokens: three chunks on the worker, one batch directly. */
    const char *prompt = "The worker computes what the core does";
    gf_app *app = open_app(c, prompt, "3", "12");
    direct_run d;
    if (app == NULL || !direct_open(c, &d, app->s.capacity)) {
        viewer_fixture_close(app);
        return;
    }
    gf_error e;
    int n = 0;
    int32_t *ids = encode(c, &d.model, prompt, &n);
    CHECK(c, n > 2 * GF_JOB_PROMPT_CHUNK);
    CHECK(c, gf_forward_full(&d.model, &d.trace, ids, n, &e) == GF_OK);
    direct_sample(c, &d, 3);
    CHECK_INT(c, app->s.n_prompt, n);
    CHECK(c, memcmp(app->s.tokens, d.trace.tokens, sizeof *ids * (size_t)(n + 3)) == 0);
    traces_equal(c, &app->s.trace, &d.trace);
    /* Space twice: the main sampler goes on where --sample left it. */
    gf_app_sample_next(app);
    gf_app_sample_next(app);
    CHECK(c, viewer_fixture_settle(app));
    direct_sample(c, &d, 2);
    CHECK_INT(c, app->s.n_tokens, n + 5);
    traces_equal(c, &app->s.trace, &d.trace);
    /* The lanes, computed on the worker's lean trace. */
    app->screen = GF_SCREEN_TEMPERATURE;
    CHECK(c, viewer_fixture_settle(app));
    CHECK(c, app->temp.valid && !app->temp.cut && app->temp.generation == app->s.generation);
    for (int i = 0; i < GF_TEMP_LANES; i++)
        direct_lane(c, &d, &app->temp.lanes[i], 12);  /* --lane-tokens 12 */
    traces_equal(c, &app->s.trace, &d.trace);  /* the lanes left it alone */
    /* A new prompt that shares the start: only its new tokens are computed,
     * and the trace equals a full recomputation. */
    const char *longer = "The worker computes what the core does, bit for bit";
    gf_app_run_prompt(app, longer);
    CHECK(c, viewer_fixture_settle(app));
    free(ids);
    ids = encode(c, &d.model, longer, &n);
    CHECK(c, gf_forward_full(&d.model, &d.trace, ids, n, &e) == GF_OK);
    CHECK_INT(c, app->s.n_prompt, n);
    traces_equal(c, &app->s.trace, &d.trace);
    free(ids);
    direct_close(&d);
    viewer_fixture_close(app);
}

/* The lanes' shared chart against plain double loops: its tokens are the
 * GF_TEMP_CHART largest logits of the last position (softmax keeps the
 * order), and each lane's value is exp(z / T) / Σ exp(z / T) at its T
 * (T = 0: 1 for the largest logit, 0 for the rest). */
static void check_chart(check_ctx *c, const float *z, int V, const gf_temp_lane *lanes)
{
    int32_t want[GF_TEMP_CHART];
    for (int k = 0; k < GF_TEMP_CHART; k++) {
        int best = -1;
        for (int id = 0; id < V; id++) {
            bool taken = false;
            for (int j = 0; j < k; j++)
                taken = taken || want[j] == id;
            if (!taken && (best < 0 || z[id] > z[best]))
                best = id;
        }
        want[k] = best;
    }
    double zmax = z[want[0]];
    for (int i = 0; i < GF_TEMP_LANES; i++) {
        const gf_temp_lane *lane = &lanes[i];
        double T = lane->temperature, sum = 0.0;
        for (int id = 0; id < V && T > 0.0; id++)
            sum += exp(((double)z[id] - zmax) / T);
        if (!CHECK_INT(c, lane->chart_n, GF_TEMP_CHART))
            continue;
        for (int k = 0; k < GF_TEMP_CHART; k++) {
            CHECK_INT(c, lane->chart_ids[k], want[k]);
            double p = T > 0.0 ? exp(((double)z[want[k]] - zmax) / T) / sum : (k == 0 ? 1.0 : 0.0);
            CHECK_NEAR(c, lane->chart_probs[k], p, 1e-5);
        }
    }
    /* Colder lanes are sharper: the most likely token gets more. */
    for (int i = 1; i < GF_TEMP_LANES; i++)
        if (lanes[i - 1].temperature < lanes[i].temperature)
            CHECK(c, lanes[i - 1].chart_probs[0] > lanes[i].chart_probs[0]);
}

/* --lane-tokens: longer lanes, the same as computed directly. */
static void test_long_lanes(check_ctx *c)
{
    gf_app *app = open_app(c, "Longer lanes", "0", "40");
    direct_run d;
    if (app == NULL || !direct_open(c, &d, app->s.capacity)) {
        viewer_fixture_close(app);
        return;
    }
    gf_error e;
    CHECK(c, gf_forward_full(&d.model, &d.trace, app->s.tokens, app->s.n_tokens, &e) == GF_OK);
    app->screen = GF_SCREEN_TEMPERATURE;
    CHECK(c, viewer_fixture_settle(app));
    for (int i = 0; i < GF_TEMP_LANES; i++)
        direct_lane(c, &d, &app->temp.lanes[i], 40);
    const float *z = gf_trace_logits_row(&d.trace, d.trace.n_tokens - 1);  /* (V) */
    check_chart(c, z, d.model.config.vocab_size, app->temp.lanes);
    /* + on lane 3 (T 1.2 → 2.2): its chart values follow, the others stay. */
    CHECK(c, gf_app_key_down(app, SDL_SCANCODE_3, 0));
    for (int i = 0; i < 10; i++)
        CHECK(c, gf_app_key_down(app, SDL_SCANCODE_EQUALS, 0));
    CHECK(c, viewer_fixture_settle(app));
    CHECK_NEAR(c, app->temp.lanes[2].temperature, 2.2, 1e-5);
    check_chart(c, z, d.model.config.vocab_size, app->temp.lanes);
    /* ] on this screen: 10 tokens longer, recomputed on the worker (up to
     * the room the context has left). */
    CHECK(c, gf_app_key_down(app, SDL_SCANCODE_RIGHTBRACKET, 0));
    CHECK_INT(c, app->temp.length, 50);
    CHECK(c, viewer_fixture_settle(app));
    int room = app->s.capacity - app->s.n_tokens, want = room < 50 ? room : 50;
    CHECK(c, want > 40);
    for (int i = 0; i < GF_TEMP_LANES; i++)
        direct_lane(c, &d, &app->temp.lanes[i], want);
    /* A typed seed (K 4 2 Enter) for lane 3: recomputed with it. */
    const SDL_Scancode typed[] = {SDL_SCANCODE_K, SDL_SCANCODE_4, SDL_SCANCODE_2, SDL_SCANCODE_RETURN};
    for (int i = 0; i < 4; i++)
        CHECK(c, gf_app_key_down(app, typed[i], 0));
    CHECK(c, viewer_fixture_settle(app));
    CHECK(c, app->temp.valid && app->temp.lanes[2].seed == 42u);
    direct_lane(c, &d, &app->temp.lanes[2], want);
    direct_close(&d);
    viewer_fixture_close(app);
}

static void test_cancel(check_ctx *c)
{
    gf_app *app = open_app(c, "ab", "0", "12");
    direct_run d;
    if (app == NULL || !direct_open(c, &d, app->s.capacity)) {
        viewer_fixture_close(app);
        return;
    }
    gf_worker *w = &app->work->worker;
    cancel_hook hook = {.w = w};
    atomic_init(&hook.at, 2 * GF_JOB_PROMPT_CHUNK);
    gf_worker_set_notify(w, cancel_at, &hook);
    /* A 70-token prompt, cancelled after two chunks: it shares "ab" with the
     * session, so those stay and 32 more are computed. */
    char prompt[71];
    for (int i = 0; i < 70; i++)
        prompt[i] = (char)('a' + i % 26);
    prompt[70] = '\0';
    gf_app_run_prompt(app, prompt);
    CHECK(c, viewer_fixture_settle(app));
    CHECK(c, !gf_app_busy(app));
    CHECK_INT(c, app->s.n_tokens, 2 + 2 * GF_JOB_PROMPT_CHUNK);
    CHECK_INT(c, app->s.n_prompt, app->s.n_tokens);
    CHECK_INT(c, app->s.trace.n_tokens, app->s.n_tokens);
    CHECK_INT(c, app->st.n_tokens, app->s.n_tokens);
    CHECK_STR(c, app->s.prompt, prompt);  /* R computes the rest */
    for (int t = 0; t < app->s.n_tokens; t++)
        CHECK(c, app->s.labels[t][0] != '\0');
    gf_error e;
    int n = 0;
    int32_t *ids = encode(c, &d.model, prompt, &n);
    CHECK(c, gf_forward_full(&d.model, &d.trace, ids, app->s.n_tokens, &e) == GF_OK);
    traces_equal(c, &app->s.trace, &d.trace);
    /* The lanes, cancelled after 5 tokens: the first lane has 5, the others
     * none, and they count as done for this state (no restart). */
    atomic_store(&hook.at, 5);
    app->screen = GF_SCREEN_TEMPERATURE;
    CHECK(c, viewer_fixture_settle(app));
    CHECK_INT(c, app->temp.lanes[0].n_tokens, 5);
    CHECK_INT(c, app->temp.lanes[1].n_tokens, 0);
    CHECK(c, app->temp.valid && app->temp.cut && app->temp.diverge_at == -1);
    traces_equal(c, &app->s.trace, &d.trace);
    /* Work goes on after a cancel: the rest of the prompt (R), then Space. */
    atomic_store(&hook.at, 1 << 30);
    app->screen = GF_SCREEN_STAGE;
    gf_app_reset_prompt(app);
    gf_app_sample_next(app);
    CHECK(c, viewer_fixture_settle(app));
    CHECK_INT(c, app->s.n_tokens, 71);
    CHECK(c, gf_forward_full(&d.model, &d.trace, ids, n, &e) == GF_OK);
    direct_sample(c, &d, 1);
    traces_equal(c, &app->s.trace, &d.trace);
    /* Esc with nothing running cancels nothing (it goes on to its other uses). */
    CHECK(c, !gf_app_cancel_work(app));
    free(ids);
    direct_close(&d);
    viewer_fixture_close(app);
}

/* Keys while the worker is busy wait in order: Space, Backspace, Space
 * leaves one more token, the same as pressed one by one. */
static void test_queue(check_ctx *c)
{
    gf_app *app = open_app(c, "queue", "0", "12");
    if (app == NULL)
        return;
    int n = app->s.n_tokens;
    gf_app_sample_next(app);
    gf_app_pop_token(app);
    gf_app_pop_token(app);
    gf_app_sample_next(app);
    CHECK(c, gf_app_busy(app));
    CHECK(c, viewer_fixture_settle(app));
    CHECK_INT(c, app->s.n_tokens, n);
    CHECK_INT(c, app->s.n_prompt, n - 1);
    viewer_fixture_close(app);
}

/* The loading frame draws before the model is there, and reading the
 * state then is safe: nothing of the session is shown. */
static void test_loading_frame(check_ctx *c)
{
    char *argv[] = {"glassformer", "--random", "tiny", "--prompt", "loading"};
    gf_options opt;
    char err[512] = "";
    gf_app *app = calloc(1, sizeof *app);
    if (!CHECK(c, app != NULL && gf_options_parse(&opt, 5, argv, err, sizeof err)))
        return;
    CHECK(c, gf_app_start(app, &opt, true, err, sizeof err));
    CHECK(c, gf_headless_init(app, 960, 540, err, sizeof err));
    CHECK(c, gf_app_loading(app));  /* results land only through gf_app_work_poll */
    gf_headless_frame(app);
    CHECK(c, viewer_fixture_settle(app));
    CHECK(c, !gf_app_loading(app) && app->s.n_tokens == 7);
    gf_headless_frame(app);
    viewer_fixture_close(app);
}

/* The worker's handshake alone: one job at a time, progress and notify
 * from its thread, cancel read between steps, free stops a running job. */
typedef struct {
    atomic_int steps;     /* steps done                                  */
    atomic_bool release;  /* the test lets the job end                   */
    atomic_int notified;
} probe_job;

static void probe_run(gf_worker *w, void *arg)
{
    probe_job *job = arg;
    while (!atomic_load(&job->release) && !gf_worker_cancelled(w)) {
        int n = atomic_fetch_add(&job->steps, 1) + 1;
        gf_worker_progress(w, n, 0);
        struct timespec ts = {0, 1000000L};
        nanosleep(&ts, NULL);
    }
}

static void probe_notify(void *ctx)
{
    probe_job *job = ctx;
    atomic_fetch_add(&job->notified, 1);
}

static void test_handshake(check_ctx *c)
{
    gf_worker w;
    probe_job job = {0}, other = {0};
    if (!CHECK(c, gf_worker_init(&w, 1, probe_notify, &job)))
        return;
    CHECK_INT(c, gf_worker_state_get(&w), GF_WORKER_IDLE);
    CHECK(c, gf_worker_submit(&w, probe_run, &job));
    CHECK(c, !gf_worker_submit(&w, probe_run, &other));  /* busy: refused */
    while (atomic_load(&job.steps) < 3)
        sched_yield();
    atomic_store(&job.release, true);
    gf_worker_wait(&w);
    CHECK_INT(c, gf_worker_state_get(&w), GF_WORKER_FINISHED);
    CHECK(c, !gf_worker_submit(&w, probe_run, &other));  /* results not taken yet */
    int done = 0, total = 0;
    gf_worker_progress_get(&w, &done, &total);
    CHECK_INT(c, done, atomic_load(&job.steps));
    CHECK(c, atomic_load(&job.notified) >= done);  /* each step before the job ended */
    gf_worker_collect(&w);
    CHECK_INT(c, gf_worker_state_get(&w), GF_WORKER_IDLE);
    CHECK_INT(c, atomic_load(&other.steps), 0);
    /* Cancel: the job sees it at its next step. */
    atomic_store(&job.release, false);
    CHECK(c, gf_worker_submit(&w, probe_run, &job));
    gf_worker_cancel(&w);
    gf_worker_wait(&w);
    CHECK_INT(c, gf_worker_state_get(&w), GF_WORKER_FINISHED);
    gf_worker_collect(&w);
    /* Freeing while a job runs (or before it starts) cancels it and waits. */
    probe_job third = {0};
    gf_worker_set_notify(&w, probe_notify, &third);
    CHECK(c, gf_worker_submit(&w, probe_run, &third));
    gf_worker_free(&w);
    CHECK(c, !atomic_load(&third.release));
    CHECK(c, atomic_load(&third.notified) <= atomic_load(&third.steps) + 1);
    /* Joined: every step of the first two jobs notified, and each one's end. */
    CHECK_INT(c, atomic_load(&job.notified), atomic_load(&job.steps) + 2);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "test_viewer_worker");
    test_handshake(&c);
    test_worker_equals_direct(&c);
    test_long_lanes(&c);
    test_cancel(&c);
    test_queue(&c);
    test_loading_frame(&c);
    return check_end(&c);
}

/* work.c — the app's side of its worker (see work.h).
 *
 * OpenMP and a window on few cores: a parallel loop's threads spin for a
 * while at each barrier before they sleep (libgomp's default wait policy,
 * which can only be changed through the environment before start-up). With
 * two cores, a two-thread worker would keep both busy and a frame would wait
 * for the scheduler. So in a window the worker's loops use one thread fewer
 * than there are cores (one thread on two cores: no team, no spinning), and
 * the UI thread, which runs no parallel loop, keeps a core to itself.
 * OMP_NUM_THREADS, when set, is the user's choice and is kept; headless runs
 * (screenshots, tests) have nothing to draw meanwhile and use every core. */
#include "work.h"

#include "explain_panel.h"
#include "temperature.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const default_prompt[GF_LANG_COUNT] = {
    [GF_LANG_EN] = "The cat sat on the",
    [GF_LANG_RU] = "Кот сидел на",
};

static void wake_ui(void *ctx)
{
    gf_work *wk = ctx;
    uint32_t type = atomic_load(&wk->wake_event);
    if (type == 0 || atomic_exchange(&wk->wake_pending, true))
        return;
    SDL_Event ev;
    SDL_zero(ev);
    ev.type = type;
    if (SDL_PushEvent(&ev) != 1)
        atomic_store(&wk->wake_pending, false);
}

static int worker_threads(bool interactive)
{
    const char *env = SDL_getenv("OMP_NUM_THREADS");
    if (!interactive || (env != NULL && env[0] != '\0'))
        return 0;
    int cores = SDL_GetCPUCount();
    return cores > 2 ? cores - 1 : 1;
}

static void submit_load(gf_app *app)
{
    app->work->running = GF_WORK_LOAD;
    app->work->seen_done = 0;
    gf_worker_submit(&app->work->worker, gf_job_load, &app->work->load);
}

bool gf_app_start(gf_app *app, const gf_options *opt, bool interactive, char *err,
                  size_t err_size)
{
    memset(app, 0, sizeof *app);
    app->opt = *opt;
    char dir[1024];
    gf_options_text_dir(opt, dir, sizeof dir);
    if (!gf_texts_load(&app->text, gf_lang_pick(opt->lang), dir, err, err_size))
        return false;
    app->has_text = true;
    app->zoom = 1.0f;
    app->heat_zoom = 1;
    app->dpi_scale = 1.0f;
    app->overlay = GF_SCREEN_NONE;
    app->large_font = opt->large;
    app->fullscreen = opt->fullscreen;
    app->style = *gf_style_default();
    gf_app_set_palette(app, opt->palette);
    app->temperature = opt->temperature;
    gf_temp_init(&app->temp, opt->seed + 1, opt->lane_tokens);
    const char *prompt = opt->prompt != NULL ? opt->prompt : default_prompt[app->text.lang];
    snprintf(app->s.prompt, sizeof app->s.prompt, "%s", prompt);
    snprintf(app->edit, sizeof app->edit, "%s", prompt);
    if (!gf_job_open_model(opt, &app->text, true, NULL, NULL, 0, err, err_size))
        return false;
    gf_work *wk = calloc(1, sizeof *wk);
    if (wk == NULL) {
        snprintf(err, err_size, "out of memory");
        return false;
    }
    app->work = wk;
    atomic_init(&wk->wake_event, 0);
    atomic_init(&wk->wake_pending, false);
    if (!gf_worker_init(&wk->worker, worker_threads(interactive), wake_ui, wk)) {
        snprintf(err, err_size, "cannot start the worker thread");
        return false;
    }
    wk->has_worker = true;
    wk->load.opt = *opt;
    snprintf(wk->load.prompt, sizeof wk->load.prompt, "%s", prompt);
    if (opt->random != NULL)
        snprintf(app->model_name, sizeof app->model_name, "random %.100s", opt->random);
    else
        gf_options_model_dir(opt, app->model_name, sizeof app->model_name);
    submit_load(app);
    return true;
}

bool gf_app_switch_model(gf_app *app, const gf_options *opt, const char *prompt)
{
    gf_work *wk = app->work;
    char err[512];
    if (wk == NULL || !wk->has_worker || !app->has_session)
        return false;
    if (!gf_job_open_model(opt, &app->text, true, NULL, NULL, 0, err, sizeof err)) {
        snprintf(app->message, sizeof app->message, "%.500s", err);
        return false;
    }
    gf_app_cancel_work(app);  /* what runs and waits is for the old model */
    gf_app_settle(app, err, sizeof err);
    wk->user_cancelled = false;
    wk->generation_floor = app->s.generation + 1;
    gf_glyph_fn has_glyph = app->s.has_glyph;
    void *glyph_ctx = app->s.glyph_ctx;
    gf_explain_close(app);
    gf_session_free(&app->s);
    memset(&app->s, 0, sizeof app->s);
    app->s.has_glyph = has_glyph;  /* adopt_session keeps the UI's font check */
    app->s.glyph_ctx = glyph_ctx;
    app->has_session = false;
    if (app->has_display)
        gf_sampler_free(&app->display);
    app->has_display = false;
    free(wk->extend_ids);
    wk->extend_ids = NULL;
    gf_lanes_job_free(&wk->lanes);
    gf_lens_job_free(&wk->lens);
    gf_whatif_job_free(&wk->whatif);
    gf_load_job_free(&wk->load);
    app->temp.valid = false;
    app->probs.valid = app->logit_top.valid = false;
    app->opt = *opt;
    snprintf(app->s.prompt, sizeof app->s.prompt, "%s", prompt);
    snprintf(app->edit, sizeof app->edit, "%s", prompt);
    wk->load.opt = *opt;
    wk->load.opt.sample = 0;
    snprintf(wk->load.prompt, sizeof wk->load.prompt, "%s", prompt);
    gf_options_model_dir(opt, app->model_name, sizeof app->model_name);
    submit_load(app);
    return true;
}

void gf_app_wake_by_event(gf_app *app, uint32_t event_type)
{
    if (app->work != NULL)
        atomic_store(&app->work->wake_event, event_type);
}

void gf_app_woken(gf_app *app)
{
    if (app->work != NULL)
        atomic_store(&app->work->wake_pending, false);
}

bool gf_app_loading(const gf_app *app)
{
    return !app->has_session && app->work != NULL && !app->work->failed;
}

bool gf_app_busy(const gf_app *app)
{
    const gf_work *wk = app->work;
    return wk != NULL && (wk->running != GF_WORK_NONE || wk->n_ops > 0);
}

bool gf_app_failed(const gf_app *app, char *err, size_t err_size)
{
    if (app->work == NULL || !app->work->failed)
        return false;
    snprintf(err, err_size, "%s", app->work->error);
    return true;
}

static void fail(gf_work *wk, const char *msg)
{
    wk->failed = true;
    snprintf(wk->error, sizeof wk->error, "%s", msg);
}

static void say_cancelled(gf_app *app, int done, int wanted)
{
    snprintf(app->message, sizeof app->message, gf_i18n(&app->text, GF_STR_WORK_CANCELLED), done,
             wanted);
}

/* The opened session becomes the app's. */
static void adopt_session(gf_app *app)
{
    gf_work *wk = app->work;
    gf_load_job *job = &wk->load;
    if (job->status != GF_OK) {
        fail(wk, job->err.message);
        gf_load_job_free(job);
        return;
    }
    /* The UI's font check stays: the worker labelled without it. */
    gf_glyph_fn has_glyph = app->s.has_glyph;
    void *glyph_ctx = app->s.glyph_ctx;
    app->s = job->session;
    job->has_session = false;
    if (app->s.generation < wk->generation_floor)  /* a switched model: no cache */
        app->s.generation = wk->generation_floor;  /* keyed on an old generation fits */
    app->has_session = true;
    snprintf(app->model_name, sizeof app->model_name, "%s", job->model_name);
    gf_error e;
    gf_error_clear(&e);
    wk->extend_ids = calloc((size_t)app->s.capacity, sizeof *wk->extend_ids);
    if (wk->extend_ids == NULL) {
        fail(wk, "viewer: out of memory");
        return;
    }
    if (gf_sampler_init(&app->display, app->s.model.config.vocab_size, 1.0f, app->opt.top_k,
                        app->opt.top_p, app->opt.seed, &e) != GF_OK) {
        fail(wk, e.message);
        return;
    }
    app->has_display = true;
    if (has_glyph != NULL)
        gf_session_set_glyph_check(&app->s, has_glyph, glyph_ctx);
    gf_stepper_init(&app->st, &app->s.model.config, app->s.n_tokens);
    /* A model that loads but looks mistaken (tensors its config does not
     * use) says so in the status line until the first key. */
    snprintf(app->message, sizeof app->message, "%.250s", app->s.model.warning);
    char err[512];
    if (!gf_app_apply_view_options(app, err, sizeof err)) {
        fail(wk, err);
        return;
    }
    if (job->cancelled)
        say_cancelled(app, app->s.n_tokens, job->n_wanted);
}

static void apply_extend(gf_app *app)
{
    gf_work *wk = app->work;
    gf_extend_job *job = &wk->extend;
    gf_session *s = &app->s;
    gf_session_accept(s, &job->trace, job->ids, job->n_done);
    if (job->is_prompt)
        s->n_prompt = s->n_tokens;
    gf_app_tokens_changed(app);
    if (job->n_done > job->n_given) {  /* sampled: watch the new row flow */
        gf_stepper_set_position(&app->st, s->n_tokens - 1);
        gf_flow_start(&app->flow, &app->st, s->n_tokens - 1, gf_app_now(app));
    }
    if (job->status != GF_OK)
        snprintf(app->message, sizeof app->message, "%.250s", job->err.message);
    else if (job->cancelled && wk->user_cancelled)
        say_cancelled(app, job->n_done, job->n_given + job->n_samples);
}

/* Whether the lanes job was made for the session and lanes as they are. */
static bool lanes_current(const gf_app *app, const gf_lanes_job *job)
{
    if (job->generation != app->s.generation || job->length != app->temp.length)
        return false;
    for (int i = 0; i < GF_TEMP_LANES; i++)
        if (job->temperature[i] != app->temp.lanes[i].temperature ||
            job->seed[i] != app->temp.lanes[i].seed)
            return false;
    return true;
}

static void apply_lanes(gf_app *app)
{
    gf_lanes_job *job = &app->work->lanes;
    if (!lanes_current(app, job) || (job->cancelled && app->work->n_ops > 0))
        return;  /* stale, or stopped for a waiting change: a new job follows */
    gf_temp_set_lanes(&app->temp, job->lanes, app->s.generation, job->cancelled);
    int done = 0;
    for (int i = 0; i < GF_TEMP_LANES; i++)
        done += job->lanes[i].n_tokens;
    if (job->status != GF_OK)
        snprintf(app->message, sizeof app->message, "%.250s", job->err.message);
    else if (job->cancelled && app->work->user_cancelled)
        say_cancelled(app, done, GF_TEMP_LANES * job->length);
}

/* The running lanes job's lanes as far as they got (they grow on screen). */
static void show_lanes_so_far(gf_app *app)
{
    gf_lanes_job *job = &app->work->lanes;
    if (!lanes_current(app, job))
        return;
    gf_worker_lock(&app->work->worker);
    for (int i = 0; i < GF_TEMP_LANES; i++)
        app->temp.lanes[i] = job->shown[i];
    gf_worker_unlock(&app->work->worker);
    app->temp.diverge_at = -1;  /* marked once all lanes are there */
}

static bool lanes_wanted(const gf_app *app)
{
    return app->screen == GF_SCREEN_TEMPERATURE &&
           !(app->temp.valid && app->temp.generation == app->s.generation);
}

static void submit(gf_app *app, gf_work_kind kind, gf_job_fn fn, void *job)
{
    app->work->running = kind;
    app->work->seen_done = 0;
    app->work->user_cancelled = false;
    gf_worker_submit(&app->work->worker, fn, job);
}

/* The logit lens screen is open and its grid is not for this data. */
static bool lens_wanted(const gf_app *app)
{
    const gf_lens_job *job = &app->work->lens;
    return app->screen == GF_SCREEN_LENS && app->s.n_tokens > 0 &&
           job->shown_generation != app->s.generation;
}

/* The maps the mask what-if needs now: the stepper's layer and head. */
static gf_whatif_key whatif_key(const gf_app *app)
{
    return (gf_whatif_key){app->s.generation, app->st.layer, app->st.head, app->s.n_tokens};
}

static bool whatif_wanted(const gf_app *app)
{
    gf_whatif_key key = whatif_key(app);
    return app->mask_whatif && app->screen == GF_SCREEN_STAGE && app->s.n_tokens > 0 &&
           gf_stepper_stage(&app->st) == GF_STAGE_SOFTMAX &&
           !gf_whatif_job_shows(&app->work->whatif, &key);
}

static void start_whatif(gf_app *app)
{
    gf_whatif_job *job = &app->work->whatif;
    job->source = app->s.trace;  /* rows < T: never written while it runs */
    job->key = whatif_key(app);
    submit(app, GF_WORK_WHATIF, gf_job_whatif, job);
}

static void start_lens(gf_app *app)
{
    gf_lens_job *job = &app->work->lens;
    job->model = &app->s.model;
    job->source = app->s.trace;  /* rows < T: never written while it runs */
    job->generation = app->s.generation;
    submit(app, GF_WORK_LENS, gf_job_lens, job);
}

static void start_lanes(gf_app *app)
{
    gf_lanes_job *job = &app->work->lanes;
    job->model = &app->s.model;
    job->source = app->s.trace;  /* rows < T: never written while it runs */
    job->length = app->temp.length;
    job->top_k = app->s.sampler.top_k;
    job->top_p = app->s.sampler.top_p;
    for (int i = 0; i < GF_TEMP_LANES; i++) {
        job->temperature[i] = app->temp.lanes[i].temperature;
        job->seed[i] = app->temp.lanes[i].seed;
    }
    job->generation = app->s.generation;
    submit(app, GF_WORK_LANES, gf_job_lanes, job);
}

static void start_extend(gf_app *app, int n_given, int n_samples, bool is_prompt)
{
    gf_extend_job *job = &app->work->extend;
    job->model = &app->s.model;
    job->trace = app->s.trace;  /* the worker's header: it fills rows >= T */
    job->sampler = &app->s.sampler;
    job->ids = app->work->extend_ids;
    job->n_given = n_given;
    job->n_samples = n_samples;
    job->is_prompt = is_prompt;
    job->n_done = 0;
    submit(app, GF_WORK_EXTEND, gf_job_extend, job);
}

/* The queued prompt: keep the tokens it shares with the session, compute
 * the rest. true when a job started. */
static bool start_prompt(gf_app *app)
{
    gf_work *wk = app->work;
    gf_session *s = &app->s;
    gf_error e;
    gf_error_clear(&e);
    int32_t *ids = NULL;
    int n = 0;
    if (gf_session_encode(s, wk->op_prompt, &ids, &n, &e) != GF_OK) {
        snprintf(app->message, sizeof app->message, "%.250s", e.message);
        return false;
    }
    app->message[0] = '\0';
    snprintf(s->prompt, sizeof s->prompt, "%s", wk->op_prompt);
    int shared = gf_session_common_prefix(s, ids, n);
    gf_session_truncate(s, shared);
    bool started = shared < n;
    if (started) {
        memcpy(wk->extend_ids, ids + shared, sizeof *ids * (size_t)(n - shared));
        start_extend(app, n - shared, 0, true);
    } else {
        s->n_prompt = n;
    }
    free(ids);
    gf_app_tokens_changed(app);
    gf_stepper_set_position(&app->st, s->n_tokens - 1);
    return started;
}

/* Start what waits, if the worker is free; true when the state changed. */
static bool schedule(gf_app *app)
{
    gf_work *wk = app->work;
    if (wk->running == GF_WORK_LANES && (wk->n_ops > 0 || !lanes_current(app, &wk->lanes)))
        gf_worker_cancel(&wk->worker);  /* stale: what waits goes first */
    if (wk->running != GF_WORK_NONE || wk->failed || !app->has_session)
        return false;
    bool changed = false;
    while (wk->n_ops > 0) {
        gf_op_kind op = wk->ops[0];
        int take = 1;
        while (op == GF_OP_SAMPLE && take < wk->n_ops && wk->ops[take] == GF_OP_SAMPLE)
            take++;
        wk->n_ops -= take;
        memmove(wk->ops, wk->ops + take, sizeof wk->ops[0] * (size_t)wk->n_ops);
        changed = true;
        if (op == GF_OP_POP) {
            gf_session_pop(&app->s);
            gf_app_tokens_changed(app);
        } else if (op == GF_OP_PROMPT) {
            if (start_prompt(app))
                return true;
        } else if (app->s.n_tokens == 0) {
            snprintf(app->message, sizeof app->message, "viewer: no tokens to continue from");
        } else {
            app->s.sampler.temperature = app->temperature;
            start_extend(app, 0, take, false);
            return true;
        }
    }
    if (lanes_wanted(app)) {
        start_lanes(app);
        changed = true;
    } else if (lens_wanted(app)) {
        start_lens(app);
        changed = true;
    } else if (whatif_wanted(app)) {
        start_whatif(app);
        changed = true;
    }
    return changed;
}

bool gf_app_work_poll(gf_app *app)
{
    gf_work *wk = app->work;
    if (wk == NULL || !wk->has_worker)
        return false;
    bool changed = false;
    gf_worker_state state = gf_worker_state_get(&wk->worker);
    if (state == GF_WORKER_FINISHED) {
        switch (wk->running) {
        case GF_WORK_LOAD: adopt_session(app); break;
        case GF_WORK_EXTEND: apply_extend(app); break;
        case GF_WORK_LANES: apply_lanes(app); break;
        case GF_WORK_LENS: gf_lens_job_adopt(&wk->lens); break;
        case GF_WORK_WHATIF: gf_whatif_job_adopt(&wk->whatif); break;
        default: break;
        }
        wk->running = GF_WORK_NONE;
        gf_worker_collect(&wk->worker);
        changed = true;
    } else if (state == GF_WORKER_RUNNING) {
        int done = 0, total = 0;
        gf_worker_progress_get(&wk->worker, &done, &total);
        changed = done != wk->seen_done;
        wk->seen_done = done;
        if (changed && wk->running == GF_WORK_LANES)
            show_lanes_so_far(app);
    }
    return schedule(app) || changed;
}

bool gf_app_settle(gf_app *app, char *err, size_t err_size)
{
    for (;;) {
        gf_app_work_poll(app);
        if (gf_app_failed(app, err, err_size))
            return false;
        if (app->work == NULL || app->work->running == GF_WORK_NONE)
            return true;
        gf_worker_wait(&app->work->worker);
    }
}

bool gf_app_cancel_work(gf_app *app)
{
    gf_work *wk = app->work;
    if (wk == NULL || (wk->running == GF_WORK_NONE && wk->n_ops == 0))
        return false;
    wk->n_ops = 0;
    if (wk->running != GF_WORK_NONE) {
        wk->user_cancelled = true;
        gf_worker_cancel(&wk->worker);
    }
    return true;
}

bool gf_app_work_stopping(const gf_app *app)
{
    return app->work != NULL && app->work->running != GF_WORK_NONE && app->work->user_cancelled;
}

gf_work_kind gf_app_work_progress(gf_app *app, int *done, int *total)
{
    *done = *total = 0;
    gf_work *wk = app->work;
    if (wk == NULL || wk->running == GF_WORK_NONE)
        return GF_WORK_NONE;
    gf_worker_progress_get(&wk->worker, done, total);
    if (wk->running == GF_WORK_EXTEND)  /* known before the first step ends */
        *total = wk->extend.n_given + wk->extend.n_samples;
    return wk->running;
}

static void enqueue(gf_app *app, gf_op_kind op)
{
    gf_work *wk = app->work;
    if (wk == NULL)
        return;
    if (wk->n_ops == GF_OPS_MAX) {
        snprintf(app->message, sizeof app->message, "%s", gf_i18n(&app->text, GF_STR_WORK_FULL));
        return;
    }
    wk->ops[wk->n_ops++] = op;
    schedule(app);
}

void gf_app_sample_next(gf_app *app)
{
    enqueue(app, GF_OP_SAMPLE);
}

void gf_app_pop_token(gf_app *app)
{
    enqueue(app, GF_OP_POP);
}

void gf_app_run_prompt(gf_app *app, const char *text)
{
    gf_work *wk = app->work;
    if (wk == NULL)
        return;
    memmove(wk->op_prompt, text, strnlen(text, sizeof wk->op_prompt - 1));
    wk->op_prompt[strnlen(text, sizeof wk->op_prompt - 1)] = '\0';
    wk->n_ops = 0;  /* a new prompt makes what waited before it moot */
    enqueue(app, GF_OP_PROMPT);
}

void gf_app_reset_prompt(gf_app *app)
{
    gf_app_run_prompt(app, app->s.prompt);
}

void gf_app_work_free(gf_app *app)
{
    gf_work *wk = app->work;
    if (wk == NULL)
        return;
    if (wk->has_worker)
        gf_worker_free(&wk->worker);  /* cancels; joins after the current step */
    gf_load_job_free(&wk->load);
    gf_lanes_job_free(&wk->lanes);
    gf_lens_job_free(&wk->lens);
    gf_whatif_job_free(&wk->whatif);
    free(wk->extend_ids);
    free(wk);
    app->work = NULL;
}

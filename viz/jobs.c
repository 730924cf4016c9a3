/* jobs.c — the viewer's model work on the worker thread (see jobs.h). */
#include "jobs.h"

#include "lane_window.h"
#include "trace_cache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A small shape for demos and tests: byte-level vocabulary, 2 layers. */
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

static bool random_config(const char *preset, gf_config *cfg, char *err, size_t err_size)
{
    gf_error e;
    gf_error_clear(&e);
    if (strcmp(preset, "tiny") == 0) {
        tiny_config(cfg);
        return true;
    }
    if (gf_preset_config(preset, cfg, &e) == GF_OK)
        return true;
    size_t n = (size_t)snprintf(err, err_size, "--random %s: unknown (known: tiny", preset);
    for (const char *const *p = gf_preset_names(); *p != NULL && n < err_size; p++)
        n += (size_t)snprintf(err + n, err_size - n, ", %s", *p);
    if (n < err_size)
        snprintf(err + n, err_size - n, ")");
    return false;
}

bool gf_job_open_model(const gf_options *opt, const gf_texts *tx, bool check_only, gf_model *m,
                       char *name, size_t name_size, char *err, size_t err_size)
{
    gf_error e;
    gf_error_clear(&e);
    if (opt->random != NULL) {
        gf_config cfg;
        if (!random_config(opt->random, &cfg, err, err_size))
            return false;
        if (check_only)
            return true;
        if (gf_model_init_random(m, &cfg, NULL, opt->seed, &e) != GF_OK) {
            snprintf(err, err_size, "%s", e.message);
            return false;
        }
        snprintf(name, name_size, "random %s", opt->random);
        return true;
    }
    char dir[1024];
    gf_options_model_dir(opt, dir, sizeof dir);
    struct stat sb;
    if (tx != NULL && (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))) {
        snprintf(err, err_size, gf_i18n(tx, GF_STR_ERR_NO_MODEL), dir);
        return false;
    }
    if (check_only)
        return true;
    if (gf_model_load(m, dir, &e) != GF_OK) {
        snprintf(err, err_size, "%s", e.message);
        return false;
    }
    snprintf(name, name_size, "%.100s", m->name[0] ? m->name : dir);
    return true;
}

gf_status gf_job_append_chunks(gf_worker *w, const gf_model *m, gf_trace *tr, const int32_t *ids,
                               int n, int base, int total, int *n_done, bool *cancelled,
                               gf_error *err)
{
    *n_done = 0;
    *cancelled = false;
    while (*n_done < n) {
        if (gf_worker_cancelled(w)) {
            *cancelled = true;
            return GF_OK;
        }
        int chunk = n - *n_done < GF_JOB_PROMPT_CHUNK ? n - *n_done : GF_JOB_PROMPT_CHUNK;
        gf_status st = gf_forward_append(m, tr, ids + *n_done, chunk, err);
        if (st != GF_OK)
            return st;
        *n_done += chunk;
        gf_worker_progress(w, base + *n_done, total);
    }
    return GF_OK;
}

/* Append ids[0..n_given) to tr in chunks, then sample n_samples tokens with
 * sampler, writing them to ids[n_given..]; *n_done counts what was
 * appended. Between steps: progress (base + done of total) and the cancel
 * check. */
static gf_status extend_trace(gf_worker *w, const gf_model *m, gf_trace *tr, gf_sampler *sampler,
                              int32_t *ids, int n_given, int n_samples, int *n_done,
                              bool *cancelled, int base, int total, gf_error *err)
{
    gf_status st = gf_job_append_chunks(w, m, tr, ids, n_given, base, total, n_done, cancelled,
                                        err);
    if (st != GF_OK || *cancelled)
        return st;
    while (*n_done < n_given + n_samples) {
        if (gf_worker_cancelled(w)) {
            *cancelled = true;
            return GF_OK;
        }
        if (tr->n_tokens == 0)
            return gf_error_set(err, GF_ERR_ARGUMENT, "viewer: no tokens to continue from");
        if (tr->n_tokens >= tr->capacity)  /* the caller slides the window instead */
            return gf_error_set(err, GF_ERR_RANGE, "viewer: the trace is full (%d tokens)",
                                tr->capacity);
        int32_t id = gf_sampler_sample(sampler, gf_trace_logits_row(tr, tr->n_tokens - 1));
        st = gf_forward_append(m, tr, &id, 1, err);
        if (st != GF_OK)
            return st;
        ids[(*n_done)++] = id;
        gf_worker_progress(w, base + *n_done, total);
    }
    return GF_OK;
}

void gf_job_load(gf_worker *w, void *arg)
{
    gf_load_job *job = arg;
    gf_error_clear(&job->err);
    char msg[512] = "";
    gf_model model;
    memset(&model, 0, sizeof model);
    /* No texts here (the UI may switch language meanwhile): the folder was
     * checked before the job, and gf_model_load names what is missing. */
    if (!gf_job_open_model(&job->opt, NULL, false, &model, job->model_name,
                           sizeof job->model_name, msg, sizeof msg)) {
        job->status = gf_error_set(&job->err, GF_ERR_ARGUMENT, "%s", msg);
        return;
    }
    const gf_options *o = &job->opt;
    gf_session *s = &job->session;
    job->status = gf_session_init(s, &model, o->capacity, o->temperature, o->top_k, o->top_p,
                                  o->seed, &job->err);
    job->has_session = true;  /* owns the model even when init failed half-way */
    if (job->status != GF_OK)
        return;
    snprintf(s->prompt, sizeof s->prompt, "%s", job->prompt);
    int32_t *prompt_ids = NULL;
    int n = 0;
    job->status = gf_session_encode(s, job->prompt, &prompt_ids, &n, &job->err);
    if (job->status != GF_OK)
        return;
    int32_t *ids = calloc((size_t)s->capacity, sizeof *ids);
    if (ids == NULL) {
        free(prompt_ids);
        job->status = gf_error_set(&job->err, GF_ERR_MEMORY, "viewer: out of memory");
        return;
    }
    /* A prompt longer than the trace: the window keeps its last tokens. */
    int start = gf_session_window_start(s, n);
    gf_session_note_dropped(s, prompt_ids, start);
    n -= start;
    memcpy(ids, prompt_ids + start, (size_t)n * sizeof *ids);
    free(prompt_ids);
    int samples = o->sample < s->capacity - n ? o->sample : s->capacity - n;
    job->n_wanted = n + (o->sample > 0 ? o->sample : 0);
    job->n_more = o->sample > samples ? o->sample - samples : 0;
    gf_trace grown = s->trace;
    int done = 0;
    job->status = extend_trace(w, &s->model, &grown, &s->sampler, ids, n, samples, &done,
                               &job->cancelled, 0, n + samples, &job->err);
    gf_session_accept(s, &grown, ids, done);
    s->n_prompt = done < n ? done : n;
    free(ids);
}

void gf_job_extend(gf_worker *w, void *arg)
{
    gf_extend_job *job = arg;
    gf_error_clear(&job->err);
    int total = job->n_given + job->n_samples;
    job->status = extend_trace(w, job->model, &job->trace, job->sampler, job->ids, job->n_given,
                               job->n_samples, &job->n_done, &job->cancelled, 0, total, &job->err);
}

/* Lane i as far as it got, for the screen while the job runs. */
static void publish(gf_worker *w, gf_lanes_job *job, int i)
{
    gf_worker_lock(w);
    job->shown[i] = job->lanes[i];
    gf_worker_unlock(w);
}

/* The tokens the lanes' chart compares: the GF_TEMP_CHART most likely at
 * T = 1 after the text the lanes continue (the model's own distribution,
 * with the lanes' top-k / top-p). */
static gf_status pick_chart_tokens(gf_lanes_job *job, const gf_trace *from, gf_error *err)
{
    const int V = from->config.vocab_size;
    gf_sampler at_one;
    gf_status st = gf_sampler_init(&at_one, V, 1.0f, job->top_k, job->top_p, 0, err);
    if (st != GF_OK)
        return st;
    gf_sampler_distribution(&at_one, gf_trace_logits_row(from, from->n_tokens - 1));
    gf_top_tokens top;
    gf_top_tokens_fill(&top, at_one.probs, V, true);
    job->chart_n = top.n < GF_TEMP_CHART ? top.n : GF_TEMP_CHART;
    memcpy(job->chart_ids, top.ids, (size_t)job->chart_n * sizeof top.ids[0]);
    gf_sampler_free(&at_one);
    return GF_OK;
}

/* One lane: the distribution at the last position of the text it
 * continues (from: the session's trace or the window's), then n sampled
 * tokens on the lean trace; progress base + tokens of total. */
static gf_status run_lane(gf_worker *w, gf_lanes_job *job, const gf_trace *from, int i, int n,
                          int base, int total, gf_error *err)
{
    gf_temp_lane *lane = &job->lanes[i];
    const int T = from->n_tokens, V = from->config.vocab_size;
    lane->temperature = job->temperature[i];
    lane->seed = job->seed[i];
    lane->n_tokens = 0;
    lane->chart_n = job->chart_n;
    memcpy(lane->chart_ids, job->chart_ids, sizeof lane->chart_ids);
    gf_sampler sampler;
    gf_status st = gf_sampler_init(&sampler, V, job->temperature[i], job->top_k, job->top_p,
                                   job->seed[i], err);
    if (st != GF_OK)
        return st;
    st = gf_trace_copy_prefix(&job->lean, from, T, err);
    if (st == GF_OK) {
        const float *logits = gf_trace_logits_row(&job->lean, T - 1);  /* (V) */
        gf_sampler_distribution(&sampler, logits);
        gf_top_tokens_fill(&lane->top, sampler.probs, V, true);
        gf_top_tokens_mark(&lane->top, sampler.probs, logits, V, -1);
        for (int j = 0; j < lane->chart_n; j++)
            lane->chart_probs[j] = sampler.probs[lane->chart_ids[j]];
        publish(w, job, i);
    }
    for (int k = 0; k < n && st == GF_OK; k++) {
        if (gf_worker_cancelled(w)) {
            job->cancelled = true;
            break;
        }
        const float *logits = gf_trace_logits_row(&job->lean, job->lean.n_tokens - 1);
        int32_t id = gf_sampler_sample(&sampler, logits);
        st = gf_forward_append(job->model, &job->lean, &id, 1, err);
        if (st == GF_OK)
            lane->tokens[lane->n_tokens++] = id;
        publish(w, job, i);
        gf_worker_progress(w, base + i * n + k + 1, total);
    }
    gf_sampler_free(&sampler);
    return st;
}

/* A lean trace of the source's shape in *tr (made on first use, kept). */
static gf_status lean_trace(gf_lanes_job *job, gf_trace *tr, bool *has, gf_error *err)
{
    if (*has)
        return GF_OK;
    gf_status st = gf_trace_init(tr, &job->source.config, job->source.capacity, false, err);
    *has = st == GF_OK;
    return st;
}

void gf_job_lanes(gf_worker *w, void *arg)
{
    gf_lanes_job *job = arg;
    gf_error_clear(&job->err);
    job->cancelled = false;
    job->status = GF_OK;
    job->chart_n = 0;
    const int T = job->source.n_tokens;
    for (int i = 0; i < GF_TEMP_LANES; i++) {
        job->lanes[i].temperature = job->temperature[i];
        job->lanes[i].seed = job->seed[i];
        job->lanes[i].n_tokens = job->lanes[i].top.n = job->lanes[i].chart_n = 0;
        job->lanes[i].top.next_id = -1;
        publish(w, job, i);
    }
    if (T == 0)
        return;
    job->status = lean_trace(job, &job->lean, &job->has_lean, &job->err);
    if (job->status != GF_OK)
        return;
    /* No room for the lanes: they continue a window of the last tokens,
     * computed afresh at their new positions. */
    const gf_lane_window win = gf_lane_window_of(T, job->source.capacity, job->length);
    const int n = win.n_new < GF_TEMP_TOKENS_MAX ? win.n_new : GF_TEMP_TOKENS_MAX;
    const int base = win.start > 0 ? win.n_kept : 0, total = base + GF_TEMP_LANES * n;
    const gf_trace *from = &job->source;
    if (win.start > 0) {
        int done = 0;
        job->status = lean_trace(job, &job->window, &job->has_window, &job->err);
        if (job->status == GF_OK) {
            gf_trace_truncate(&job->window, 0);
            job->status = gf_job_append_chunks(w, job->model, &job->window,
                                               job->source.tokens + win.start, win.n_kept, 0,
                                               total, &done, &job->cancelled, &job->err);
        }
        if (job->status != GF_OK || job->cancelled)
            return;
        from = &job->window;
    }
    job->status = pick_chart_tokens(job, from, &job->err);
    for (int i = 0; i < GF_TEMP_LANES && job->status == GF_OK && !job->cancelled; i++)
        job->status = run_lane(w, job, from, i, n, base, total, &job->err);
}

void gf_load_job_free(gf_load_job *job)
{
    if (job->has_session)
        gf_session_free(&job->session);
    job->has_session = false;
}

void gf_lanes_job_free(gf_lanes_job *job)
{
    if (job->has_lean)
        gf_trace_free(&job->lean);
    if (job->has_window)
        gf_trace_free(&job->window);
    job->has_lean = job->has_window = false;
}

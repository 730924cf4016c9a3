/* beam_job.c — the beam search computed on the worker (see beam_job.h). */
#include "beam_job.h"

#include <stdio.h>
#include <string.h>

#include "lane_window.h"
#include "tokenizer.h"

/* The worker and the search's steps, for its progress. */
typedef struct {
    gf_worker *w;
    int total;
} step_progress;

static bool on_step_counted(void *user, int step, const gf_beam_step *rec)
{
    (void)rec;
    step_progress *p = user;
    gf_worker_progress(p->w, step + 1, p->total);
    return !gf_worker_cancelled(p->w);
}

void gf_job_beam(gf_worker *w, void *arg)
{
    gf_beam_job *job = arg;
    gf_error_clear(&job->err);
    if (job->has_result)
        gf_beam_result_free(&job->result);
    job->has_result = job->cancelled = false;
    job->status = GF_OK;
    /* From the text the lanes continue: all of it, or on a full context
     * the same window (beam search needs one row less, but the same window
     * and length keep lanes and beams comparable). */
    const gf_lane_window win = gf_lane_window_of(job->source.n_tokens, job->source.capacity,
                                                 job->key.length);
    const int n_new = win.n_new;
    if (job->source.n_tokens == 0 || n_new < 1)
        return;
    step_progress p = {w, n_new};
    gf_worker_progress(w, 0, n_new);
    job->status = gf_beam_search(job->model, job->source.tokens + win.start, win.n_kept,
                                 job->key.width, n_new, gf_tokenizer_eot(job->model->tokenizer),
                                 on_step_counted, &p, &job->result, &job->err);
    job->has_result = job->status == GF_OK;
    job->cancelled = job->has_result && job->result.n_steps < n_new && gf_worker_cancelled(w);
}

void gf_beam_job_adopt(gf_beam_job *job)
{
    if (job->has_shown)
        gf_beam_result_free(&job->shown);
    job->shown = job->result;
    job->has_shown = job->has_result;
    job->shown_cut = job->cancelled;
    job->shown_key = job->key;
    job->shown_done = true;
    job->shown_status = job->status;
    snprintf(job->shown_error, sizeof job->shown_error, "%.200s",
             job->status != GF_OK ? job->err.message : "");
    memset(&job->result, 0, sizeof job->result);
    job->has_result = false;
}

bool gf_beam_job_shows(const gf_beam_job *job, const gf_beam_key *key)
{
    return job->shown_done && job->shown_key.generation == key->generation &&
           job->shown_key.width == key->width && job->shown_key.length == key->length;
}

void gf_beam_job_forget(gf_beam_job *job)
{
    if (job->has_shown)
        gf_beam_result_free(&job->shown);
    job->has_shown = job->shown_done = false;
    job->shown_status = GF_OK;
}

void gf_beam_job_free(gf_beam_job *job)
{
    if (job->has_result)
        gf_beam_result_free(&job->result);
    gf_beam_job_forget(job);
    job->has_result = false;
}

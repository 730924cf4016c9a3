/* lens_job.c — the logit lens computed on the worker (see lens_job.h). */
#include "lens_job.h"

#include <string.h>

void gf_job_lens(gf_worker *w, void *arg)
{
    gf_lens_job *job = arg;
    gf_error_clear(&job->err);
    if (job->has_lens)
        gf_logit_lens_free(&job->lens);
    job->has_lens = false;
    job->status = GF_OK;
    if (job->source.n_tokens == 0)
        return;
    gf_worker_progress(w, 0, 1);
    job->status = gf_logit_lens_compute(job->model, &job->source, GF_LENS_K, &job->lens, &job->err);
    job->has_lens = job->status == GF_OK;
    gf_worker_progress(w, 1, 1);
}

void gf_lens_job_adopt(gf_lens_job *job)
{
    if (job->has_shown)
        gf_logit_lens_free(&job->shown);
    job->shown = job->lens;
    job->has_shown = job->has_lens;
    job->shown_generation = job->generation;
    memset(&job->lens, 0, sizeof job->lens);
    job->has_lens = false;
}

void gf_lens_job_free(gf_lens_job *job)
{
    if (job->has_lens)
        gf_logit_lens_free(&job->lens);
    if (job->has_shown)
        gf_logit_lens_free(&job->shown);
    job->has_lens = job->has_shown = false;
}

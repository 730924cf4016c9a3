/* slide_job.c — sliding the window on the worker (see slide_job.h). */
#include "slide_job.h"

#include "jobs.h"

#include <stdlib.h>
#include <string.h>

/* The fresh forward pass, in the prompt's chunks (jobs.h). */
static gf_status forward_window(gf_worker *w, gf_slide_job *job)
{
    int done = 0;
    gf_trace_truncate(&job->window, 0);
    return gf_job_append_chunks(w, job->model, &job->window, job->ids, job->n_ids, 0, job->n_ids,
                                &done, &job->cancelled, &job->err);
}

/* Whether trace a was made for b's model and size. */
static bool same_shape(const gf_trace *a, const gf_trace *b)
{
    const gf_config *x = &a->config, *y = &b->config;
    return a->capacity == b->capacity && a->keep_all == b->keep_all &&
           x->vocab_size == y->vocab_size && x->n_ctx == y->n_ctx && x->n_embd == y->n_embd &&
           x->n_layer == y->n_layer && x->n_head == y->n_head && x->n_inner == y->n_inner &&
           x->norm_eps == y->norm_eps && x->norm_placement == y->norm_placement &&
           x->norm_type == y->norm_type && x->position_type == y->position_type &&
           x->activation == y->activation && x->tied_embeddings == y->tied_embeddings;
}

void gf_job_slide(gf_worker *w, void *arg)
{
    gf_slide_job *job = arg;
    gf_error_clear(&job->err);
    job->cancelled = false;
    job->n_ids = 0;
    const gf_trace *src = &job->source;
    const int T = src->n_tokens;
    if (T == 0 || job->drop < 1 || job->drop > T || T - job->drop + 1 > src->capacity) {
        job->status = gf_error_set(&job->err, GF_ERR_ARGUMENT,
                                   "viewer: cannot slide %d of %d tokens", job->drop, T);
        return;
    }
    /* Made for another shape (a lesson step opened another model): anew. */
    if (job->has_window && !same_shape(&job->window, src)) {
        gf_trace_free(&job->window);
        job->has_window = false;
    }
    if (!job->has_window) {
        job->status = gf_trace_init(&job->window, &src->config, src->capacity, src->keep_all,
                                    &job->err);
        if (job->status != GF_OK)
            return;
        job->has_window = true;
    }
    /* The next token, from the full context as it stands; then the window. */
    int32_t next = gf_sampler_sample(job->sampler, gf_trace_logits_row(src, T - 1));
    job->n_ids = T - job->drop + 1;
    memcpy(job->ids, src->tokens + job->drop, (size_t)(T - job->drop) * sizeof *job->ids);
    job->ids[T - job->drop] = next;
    job->status = forward_window(w, job);
}

void gf_slide_job_free(gf_slide_job *job)
{
    if (job->has_window)
        gf_trace_free(&job->window);
    job->has_window = false;
    free(job->ids);
    job->ids = NULL;
}

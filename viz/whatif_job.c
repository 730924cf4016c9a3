/* whatif_job.c — the mask what-if computed on the worker (whatif_job.h). */
#include "whatif_job.h"

#include <stdlib.h>

void gf_job_whatif(gf_worker *w, void *arg)
{
    gf_whatif_job *job = arg;
    gf_error_clear(&job->err);
    job->has_result = false;
    job->status = GF_OK;
    size_t n = (size_t)job->key.n;
    free(job->scores);
    free(job->weights);
    job->scores = malloc(sizeof(float) * (n * n > 0 ? n * n : 1));
    job->weights = malloc(sizeof(float) * (n * n > 0 ? n * n : 1));
    if (job->scores == NULL || job->weights == NULL) {
        job->status = gf_error_set(&job->err, GF_ERR_MEMORY, "what-if: out of memory for %zu×%zu",
                                   n, n);
        return;
    }
    gf_worker_progress(w, 0, 1);
    job->status = gf_attention_unmasked(&job->source, job->key.layer, job->key.head, job->scores,
                                        job->weights, &job->err);
    job->has_result = job->status == GF_OK;
    gf_worker_progress(w, 1, 1);
}

void gf_whatif_job_adopt(gf_whatif_job *job)
{
    float *s = job->shown_scores, *wt = job->shown_weights;
    job->shown_scores = job->scores;
    job->shown_weights = job->weights;
    job->scores = s;       /* reused (or freed) by the next job */
    job->weights = wt;
    job->shown_key = job->key;
    job->has_shown = job->has_result;
    job->has_result = false;
}

bool gf_whatif_job_shows(const gf_whatif_job *job, const gf_whatif_key *key)
{
    const gf_whatif_key *k = &job->shown_key;
    return k->generation == key->generation && k->layer == key->layer && k->head == key->head &&
           k->n == key->n && (job->has_shown || job->status != GF_OK);
}

void gf_whatif_job_free(gf_whatif_job *job)
{
    free(job->scores);
    free(job->weights);
    free(job->shown_scores);
    free(job->shown_weights);
    job->scores = job->weights = job->shown_scores = job->shown_weights = NULL;
    job->has_result = job->has_shown = false;
}

/* whatif_job.h — the mask what-if's numbers, a job for the worker: core's
 * gf_attention_unmasked (the one hypothetical computation: scores and
 * weights of one head as if the causal mask were gone) for the stepper's
 * layer and head. T·T·hs multiply-adds: small, but model maths, so it runs
 * on the worker like every model computation, never while drawing.
 *
 * The UI starts it while the what-if is on and its shown maps are not for
 * the session's data, layer and head; when it is over the result moves to
 * the shown maps, which the job never touches. */
#ifndef GF_VIZ_WHATIF_JOB_H
#define GF_VIZ_WHATIF_JOB_H

#include <stdbool.h>
#include <stdint.h>

#include "attention_whatif.h"
#include "worker.h"

typedef struct {
    uint64_t generation;          /* the session's data they are for        */
    int layer, head, n;           /* n = T: the maps are (n, n)              */
} gf_whatif_key;

typedef struct {
    /* in */
    gf_trace source;              /* a header copy of the session's trace   */
    gf_whatif_key key;
    /* out */
    float *scores, *weights;      /* (T, T) each, unmasked                  */
    bool has_result;
    gf_status status;
    gf_error err;
    /* the maps on screen (UI thread only) */
    float *shown_scores, *shown_weights;
    gf_whatif_key shown_key;
    bool has_shown;
} gf_whatif_job;

/* The job function (gf_job_fn); one step. */
void gf_job_whatif(gf_worker *w, void *job);
/* Move a finished job's result to the shown maps (UI thread). */
void gf_whatif_job_adopt(gf_whatif_job *job);
/* Whether the shown maps are for key. */
bool gf_whatif_job_shows(const gf_whatif_job *job, const gf_whatif_key *key);
void gf_whatif_job_free(gf_whatif_job *job);

#endif

/* slide_job.h — the sliding window, as a job for the viewer's worker.
 *
 * When the session's trace is full (capacity tokens), Space still samples:
 * the next token is drawn from the last row's distribution, as always; then
 * the oldest `drop` tokens leave the window and every kept token moves
 * `drop` positions down. A position is part of each row's input (its
 * position embedding, and the causal mask counts from 0), so no row of the
 * old trace is valid any more: the job runs a fresh forward pass of the
 * kept tokens, in chunks (cancellable between them), into its own full
 * trace. The UI thread then swaps that trace with the session's (see
 * gf_session_adopt_window), and the session's old arena is the next slide's.
 * Splitting a forward pass into chunks changes no bits (forward.h), so the
 * window equals gf_forward_full of the kept tokens, bit for bit. */
#ifndef GF_VIZ_SLIDE_JOB_H
#define GF_VIZ_SLIDE_JOB_H

#include "forward.h"
#include "sampler.h"
#include "trace.h"
#include "worker.h"

typedef struct {
    /* in */
    const gf_model *model;
    gf_trace source;              /* a header copy of the session's trace  */
    gf_sampler *sampler;          /* the session's main sampler            */
    int drop;                     /* tokens that leave (≥ 1)               */
    /* the job's own full trace, made on first use and kept: out, the
     * fresh window; the session hands its old trace back into it */
    gf_trace window;
    bool has_window;
    /* out */
    int32_t *ids;                 /* (capacity) the window's tokens        */
    int n_ids;
    bool cancelled;               /* Esc: nothing slid                     */
    gf_status status;
    gf_error err;
} gf_slide_job;

/* The job function (gf_job_fn) for gf_worker_submit. */
void gf_job_slide(gf_worker *w, void *job);
void gf_slide_job_free(gf_slide_job *job);

#endif

/* lens_job.h — the logit lens screen's model work, a job for the worker:
 * core's gf_logit_lens_compute over the session's trace, (L+1)·T·V·C
 * multiply-adds (seconds at GPT-2 size), so never on the UI thread.
 *
 * The UI starts it when the lens screen is open and its grid is not for the
 * session's data (generation); when it is over, the result moves into the
 * shown grid, which the job never touches, and the screen draws that. */
#ifndef GF_VIZ_LENS_JOB_H
#define GF_VIZ_LENS_JOB_H

#include <stdbool.h>
#include <stdint.h>

#include "logit_lens.h"
#include "worker.h"

#define GF_LENS_K 3               /* tokens kept per (layer, position)     */

typedef struct {
    /* in */
    const gf_model *model;
    gf_trace source;              /* a header copy of the session's trace:
                                     rows < T are not written while it runs */
    uint64_t generation;          /* the session's, for the UI to check     */
    /* out */
    gf_logit_lens lens;
    bool has_lens;
    gf_status status;
    gf_error err;
    /* the grid on screen (UI thread only) */
    gf_logit_lens shown;
    bool has_shown;
    uint64_t shown_generation;
} gf_lens_job;

/* The job function (gf_job_fn). One step: core has no cancel point inside. */
void gf_job_lens(gf_worker *w, void *job);
/* Move a finished job's result to the shown grid (UI thread). */
void gf_lens_job_adopt(gf_lens_job *job);
void gf_lens_job_free(gf_lens_job *job);

#endif

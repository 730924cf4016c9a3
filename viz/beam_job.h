/* beam_job.h — the temperature screen's beam search, a job for the worker:
 * core's gf_beam_search from the text the lanes continue (the session's
 * tokens, or on a full context their last ones: lane_window.h), as long as
 * the lanes (N forward passes of one token a step), with every step's kept beams and
 * dropped candidates for the tree. Esc stops it between steps; what it
 * finished is kept (the steps so far, their beams best first).
 *
 * The UI starts it when the temperature screen is open and the shown search
 * is not for the session's data, width and length (gf_beam_job_current);
 * when it is over its result moves into the shown one, which the job never
 * touches. */
#ifndef GF_VIZ_BEAM_JOB_H
#define GF_VIZ_BEAM_JOB_H

#include <stdbool.h>
#include <stdint.h>

#include "beam_search.h"
#include "trace.h"
#include "worker.h"

/* What a search was made for. */
typedef struct {
    uint64_t generation;          /* the session's                          */
    int width;                    /* beams, 1..GF_BEAM_MAX_WIDTH            */
    int length;                   /* tokens asked for (the lanes' length)   */
} gf_beam_key;

typedef struct {
    /* in */
    const gf_model *model;
    gf_trace source;              /* a header copy of the session's trace:
                                     only its tokens are read              */
    gf_beam_key key;
    /* out */
    gf_beam_result result;
    bool has_result;
    bool cancelled;
    gf_status status;
    gf_error err;
    /* the search on screen (UI thread only) */
    gf_beam_result shown;
    bool has_shown;               /* a search with beams (none when the trace
                                     had no room for a token)               */
    bool shown_done;              /* shown_key's search is over             */
    bool shown_cut;               /* Esc stopped it before its length       */
    gf_beam_key shown_key;
    gf_status shown_status;       /* a failed search: its message, no tree  */
    char shown_error[256];
} gf_beam_job;

/* The job function (gf_job_fn): one progress step per search step. */
void gf_job_beam(gf_worker *w, void *job);
/* Move a finished job's result to the shown search (UI thread). */
void gf_beam_job_adopt(gf_beam_job *job);
/* Whether the shown search is the one for key (whole, cut or failed). */
bool gf_beam_job_shows(const gf_beam_job *job, const gf_beam_key *key);
/* Forget the shown search (S after a cut one: compute it again). */
void gf_beam_job_forget(gf_beam_job *job);
void gf_beam_job_free(gf_beam_job *job);

#endif

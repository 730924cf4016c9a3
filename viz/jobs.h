/* jobs.h — the viewer's model work, as jobs for its worker thread.
 *
 * Three kinds: opening the model (load it, size the trace, run the prompt
 * and --sample), extending the session (a prompt's new tokens and/or sampled
 * tokens, appended to the session's trace) and the temperature lanes (each
 * lane's distribution and continuation, on the job's own lean trace; on a
 * full context from a window of the last tokens, lane_window.h).
 *
 * Each job's fields marked "in" are set by the UI thread before it submits,
 * "out" are read by it once the job is over (see worker.h for the handover).
 * Jobs compute in steps (a chunk of prompt tokens, one sampled token) and stop
 * between steps when cancelled: what they finished is kept, so a cancelled
 * job still leaves a session whose every row was computed whole. Splitting
 * the prompt into chunks changes no bits (forward.h). */
#ifndef GF_VIZ_JOBS_H
#define GF_VIZ_JOBS_H

#include "app.h"
#include "worker.h"

/* Prompt tokens per step: large enough that a chunk reads the weights once
 * for many rows, small enough that Esc is answered within a fraction of a
 * second on a GPT-2-sized model. */
#define GF_JOB_PROMPT_CHUNK 16

typedef struct {
    /* in */
    gf_options opt;
    char prompt[GF_PROMPT_MAX];   /* encoded on the worker                  */
    /* out */
    gf_session session;           /* the opened session, when has_session   */
    bool has_session;
    char model_name[128];
    int n_wanted;                 /* prompt tokens + --sample               */
    int n_more;                   /* --sample tokens the trace had no room
                                     for: the window slides for them       */
    bool cancelled;
    gf_status status;
    gf_error err;
} gf_load_job;

typedef struct {
    /* in */
    const gf_model *model;
    gf_trace trace;               /* a second header over the session's trace,
                                     at the session's n_tokens; out: grown   */
    gf_sampler *sampler;          /* the session's main sampler            */
    int32_t *ids;                 /* (capacity) in: the tokens to append;
                                     out: every token appended             */
    int n_given;                  /* in: ids to append first                */
    int n_samples;                /* in: then tokens to sample              */
    bool is_prompt;               /* in: the given ids end the prompt       */
    /* out */
    int n_done;                   /* ids appended (given, then sampled)     */
    bool cancelled;
    gf_status status;
    gf_error err;
} gf_extend_job;

typedef struct {
    /* in */
    const gf_model *model;
    gf_trace source;              /* a header copy of the session's trace   */
    int length;                   /* tokens per lane                        */
    int top_k;
    float top_p;
    float temperature[GF_TEMP_LANES];
    uint64_t seed[GF_TEMP_LANES];
    uint64_t generation;          /* the session's, for the UI to check     */
    /* the job's own lean traces, kept from one job to the next: a lane's,
     * and the window's fresh forward pass (a full context, lane_window.h) */
    gf_trace lean;
    bool has_lean;
    gf_trace window;
    bool has_window;
    /* out */
    int32_t chart_ids[GF_TEMP_CHART]; /* the chart's tokens (gf_temp_lane)    */
    int chart_n;
    gf_temp_lane lanes[GF_TEMP_LANES];
    gf_temp_lane shown[GF_TEMP_LANES]; /* lanes so far, under the worker's lock */
    bool cancelled;
    gf_status status;
    gf_error err;
} gf_lanes_job;

/* The job functions (gf_job_fn) for gf_worker_submit. */
void gf_job_load(gf_worker *w, void *job);
void gf_job_extend(gf_worker *w, void *job);
void gf_job_lanes(gf_worker *w, void *job);

/* Append ids (n) to tr in chunks of GF_JOB_PROMPT_CHUNK (splitting changes
 * no bits); before each chunk the cancel check (then *cancelled, GF_OK: the
 * chunks done stay), after it progress base + done of total. *n_done counts
 * the ids appended. */
gf_status gf_job_append_chunks(gf_worker *w, const gf_model *m, gf_trace *tr, const int32_t *ids,
                               int n, int base, int total, int *n_done, bool *cancelled,
                               gf_error *err);

/* The model of opt (a --random preset or a folder) into m; the display name
 * into name. false with err on failure. Also used to check the options
 * before the worker starts (check_only: no model is made). With texts tx,
 * a missing folder is said in its language; without, not checked here. */
bool gf_job_open_model(const gf_options *opt, const gf_texts *tx, bool check_only, gf_model *m,
                       char *name, size_t name_size, char *err, size_t err_size);
/* Free what a load job made but nobody took. */
void gf_load_job_free(gf_load_job *job);
void gf_lanes_job_free(gf_lanes_job *job);

#endif

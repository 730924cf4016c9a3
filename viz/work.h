/* work.h — the app's side of its worker: what keys ask for, when jobs
 * start, and how their results land in the app.
 *
 * Everything here runs on the UI thread. Session changes (Space, Backspace,
 * R, a new prompt) go into a queue that is worked off in order whenever the
 * worker is free; the temperature lanes start when the temperature screen
 * needs them and nothing else waits. Results are applied only here, between
 * frames, so a frame always sees one consistent state and drawing never
 * changes the model or the trace. */
#ifndef GF_VIZ_WORK_H
#define GF_VIZ_WORK_H

#include <stdatomic.h>

#include "app.h"
#include "jobs.h"
#include "lens_job.h"
#include "whatif_job.h"
#include "worker.h"

typedef enum { GF_OP_SAMPLE, GF_OP_POP, GF_OP_PROMPT } gf_op_kind;
typedef enum { GF_WORK_NONE = 0, GF_WORK_LOAD, GF_WORK_EXTEND, GF_WORK_LANES,
               GF_WORK_LENS, GF_WORK_WHATIF } gf_work_kind;

#define GF_OPS_MAX 64

typedef struct gf_work gf_work;

struct gf_work {
    gf_worker worker;
    bool has_worker;
    gf_work_kind running;         /* the job the worker has (NONE: idle)    */
    gf_load_job load;
    gf_extend_job extend;
    int32_t *extend_ids;          /* (capacity)                             */
    gf_lanes_job lanes;
    gf_lens_job lens;             /* the logit lens screen's grid          */
    gf_whatif_job whatif;         /* the mask what-if's maps               */
    gf_op_kind ops[GF_OPS_MAX];   /* waiting session changes, in order      */
    int n_ops;
    char op_prompt[GF_PROMPT_MAX];/* the text of the (one) queued prompt    */
    bool user_cancelled;          /* Esc: say so when the job ends          */
    bool failed;                  /* opening the model failed: error        */
    char error[512];
    int seen_done;                /* progress at the last frame             */
    uint64_t generation_floor;    /* a switched-to model's session starts its
                                     generation here, past every earlier one */
    atomic_uint wake_event;       /* SDL event type the worker pushes (0: none) */
    atomic_bool wake_pending;     /* one wake event in SDL's queue at most  */
};

/* Begin opening opt's model on the worker and return at once (the app is
 * then loading). Options that can be checked without the model are checked
 * here (err, false). interactive: a window will draw while the worker
 * computes, so the worker leaves one core to it (see work.c). */
bool gf_app_start(gf_app *app, const gf_options *opt, bool interactive, char *err,
                  size_t err_size);
/* The worker wakes SDL_WaitEvent with events of this type from now on. */
void gf_app_wake_by_event(gf_app *app, uint32_t event_type);
/* The UI took a wake event out of SDL's queue. */
void gf_app_woken(gf_app *app);
/* Apply what the worker finished and start what waits; true when the screen
 * should be redrawn (results, or progress to show). */
bool gf_app_work_poll(gf_app *app);
/* Wait until no work runs or waits (headless runs, tests, scripted keys);
 * false with err when opening the model failed. */
bool gf_app_settle(gf_app *app, char *err, size_t err_size);
/* Open another model folder (opt->model) on the worker, with prompt, in
 * place of the current one: what runs is cancelled, everything made for the
 * old model (session, display sampler, lanes, lens, what-if, explanation) is
 * dropped, and the app is loading until the new session is there (then
 * --stage/--layer/… of opt apply, as at start-up). false with a message in
 * app->message when the folder does not exist (the old model stays). */
bool gf_app_switch_model(gf_app *app, const gf_options *opt, const char *prompt);
/* Whether the model is still being opened. */
bool gf_app_loading(const gf_app *app);
/* Whether work runs or waits. */
bool gf_app_busy(const gf_app *app);
/* Opening the model failed: the reason in err. */
bool gf_app_failed(const gf_app *app, char *err, size_t err_size);
/* Esc: cancel the running job and drop what waits; false when there was
 * nothing to cancel. */
bool gf_app_cancel_work(gf_app *app);
/* Whether Esc asked the running job to stop. */
bool gf_app_work_stopping(const gf_app *app);
/* What runs: its kind and done of total steps (kind NONE when idle). */
gf_work_kind gf_app_work_progress(gf_app *app, int *done, int *total);

/* Session changes (queued; see above). */
void gf_app_pop_token(gf_app *app);
void gf_app_run_prompt(gf_app *app, const char *text);
void gf_app_reset_prompt(gf_app *app);

/* One frame (view_busy.c): the loading frame while the model opens, else
 * gf_app_draw with the running job's progress over the status line. */
void gf_app_draw_frame(gf_app *app, int width, int height);

/* Stop the worker (cancel, wait) and free the work state. */
void gf_app_work_free(gf_app *app);

#endif

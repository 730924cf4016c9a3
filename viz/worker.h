/* worker.h — one background thread for the viewer's model work.
 *
 * The UI thread hands the worker one job at a time and never waits for it:
 * the worker runs the job, calls notify (from its own thread) after each
 * step of progress and when the job is over, and the UI thread then takes
 * the results (gf_worker_collect) on its own time. A job's memory belongs to
 * the worker from gf_worker_submit until the job is over, and to the UI
 * thread again from then on.
 *
 *   idle --submit--> running --job returns--> finished --collect--> idle
 *
 * Cancelling sets a flag the job reads between its steps; a cancelled job
 * still ends normally, with the steps it finished (see jobs.h). */
#ifndef GF_VIZ_WORKER_H
#define GF_VIZ_WORKER_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct gf_worker gf_worker;

/* A job: runs on the worker thread; reads gf_worker_cancelled between
 * steps and reports with gf_worker_progress. */
typedef void (*gf_job_fn)(gf_worker *w, void *job);
/* Called on the worker thread after progress and when a job is over; it
 * must only wake the UI (e.g. push an SDL event), never touch UI state. */
typedef void (*gf_notify_fn)(void *ctx);

typedef enum { GF_WORKER_IDLE = 0, GF_WORKER_RUNNING, GF_WORKER_FINISHED } gf_worker_state;

struct gf_worker {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t changed;       /* state, job or quit changed             */
    gf_worker_state state;
    gf_job_fn fn;
    void *job;
    int done, total;              /* progress of the running job            */
    bool quit;
    atomic_bool cancel;
    int threads;                  /* OpenMP threads for its parallel loops (0: default) */
    gf_notify_fn notify;
    void *notify_ctx;
    bool started;
};

/* Start the thread; its parallel loops use threads OpenMP threads (0: the
 * OpenMP default). false when no thread can be made. */
bool gf_worker_init(gf_worker *w, int threads, gf_notify_fn notify, void *notify_ctx);
/* Cancel what runs, wait for it and end the thread. */
void gf_worker_free(gf_worker *w);

/* Replace the notify callback (it is read under the lock before each call). */
void gf_worker_set_notify(gf_worker *w, gf_notify_fn notify, void *notify_ctx);
/* Hand over a job; false (and nothing happens) unless the worker is idle. */
bool gf_worker_submit(gf_worker *w, gf_job_fn fn, void *job);
gf_worker_state gf_worker_state_get(gf_worker *w);
/* Ask the running job to stop after its current step. */
void gf_worker_cancel(gf_worker *w);
/* Block until the running job is over (returns at once when none runs). */
void gf_worker_wait(gf_worker *w);
/* A finished job's results have been taken: the worker is idle again. */
void gf_worker_collect(gf_worker *w);
/* Progress of the running (or finished) job: done of total steps. */
void gf_worker_progress_get(gf_worker *w, int *done, int *total);

/* A job's results shown while it runs are written and read under this lock. */
void gf_worker_lock(gf_worker *w);
void gf_worker_unlock(gf_worker *w);

/* For jobs: whether to stop, and progress reports (they wake the UI). */
bool gf_worker_cancelled(gf_worker *w);
void gf_worker_progress(gf_worker *w, int done, int total);

#endif

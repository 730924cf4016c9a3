/* worker_cancel_hook.h — for the viewer's worker tests: a notify hook that
 * cancels the worker's job once its progress reaches a given step, so a test
 * can stop a job part-way at a known point. */
#ifndef GF_TEST_WORKER_CANCEL_HOOK_H
#define GF_TEST_WORKER_CANCEL_HOOK_H

#include <stdatomic.h>

#include "worker.h"

typedef struct {
    gf_worker *w;
    atomic_int at;   /* cancel when this many steps are done */
} cancel_hook;

/* The worker's notify (runs on the worker thread): cancel once progress
 * reaches h->at (a beam job's progress counts its steps). */
static inline void cancel_at(void *ctx)
{
    cancel_hook *h = ctx;
    int done = 0, total = 0;
    gf_worker_progress_get(h->w, &done, &total);
    if (done >= atomic_load(&h->at))
        gf_worker_cancel(h->w);
}

#endif

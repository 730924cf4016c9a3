/* worker.c — the background thread and its one-job handshake (see worker.h). */
#include "worker.h"

#include "parallel.h"

static void *worker_main(void *arg)
{
    gf_worker *w = arg;
    /* OpenMP keeps the thread count per thread: this sets the worker's own. */
    if (w->threads > 0)
        gf_parallel_set_threads(w->threads);
    pthread_mutex_lock(&w->lock);
    for (;;) {
        while (!w->quit && w->state != GF_WORKER_RUNNING)
            pthread_cond_wait(&w->changed, &w->lock);
        if (w->quit)
            break;
        gf_job_fn fn = w->fn;
        void *job = w->job;
        pthread_mutex_unlock(&w->lock);
        fn(w, job);
        pthread_mutex_lock(&w->lock);
        w->state = GF_WORKER_FINISHED;
        pthread_cond_broadcast(&w->changed);
        gf_notify_fn notify = w->notify;
        void *ctx = w->notify_ctx;
        pthread_mutex_unlock(&w->lock);
        if (notify != NULL)
            notify(ctx);
        pthread_mutex_lock(&w->lock);
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

bool gf_worker_init(gf_worker *w, int threads, gf_notify_fn notify, void *notify_ctx)
{
    *w = (gf_worker){.threads = threads, .notify = notify, .notify_ctx = notify_ctx};
    atomic_init(&w->cancel, false);
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->changed, NULL);
    w->started = pthread_create(&w->thread, NULL, worker_main, w) == 0;
    if (!w->started) {
        pthread_cond_destroy(&w->changed);
        pthread_mutex_destroy(&w->lock);
    }
    return w->started;
}

void gf_worker_free(gf_worker *w)
{
    if (!w->started)
        return;
    gf_worker_cancel(w);
    pthread_mutex_lock(&w->lock);
    w->quit = true;
    pthread_cond_broadcast(&w->changed);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);  /* a running job ends at its next step */
    pthread_cond_destroy(&w->changed);
    pthread_mutex_destroy(&w->lock);
    w->started = false;
}

void gf_worker_set_notify(gf_worker *w, gf_notify_fn notify, void *notify_ctx)
{
    pthread_mutex_lock(&w->lock);
    w->notify = notify;
    w->notify_ctx = notify_ctx;
    pthread_mutex_unlock(&w->lock);
}

bool gf_worker_submit(gf_worker *w, gf_job_fn fn, void *job)
{
    pthread_mutex_lock(&w->lock);
    bool ok = w->state == GF_WORKER_IDLE;
    if (ok) {
        w->fn = fn;
        w->job = job;
        w->done = w->total = 0;
        atomic_store(&w->cancel, false);
        w->state = GF_WORKER_RUNNING;
        pthread_cond_broadcast(&w->changed);
    }
    pthread_mutex_unlock(&w->lock);
    return ok;
}

gf_worker_state gf_worker_state_get(gf_worker *w)
{
    pthread_mutex_lock(&w->lock);
    gf_worker_state s = w->state;
    pthread_mutex_unlock(&w->lock);
    return s;
}

void gf_worker_cancel(gf_worker *w)
{
    atomic_store(&w->cancel, true);
}

void gf_worker_wait(gf_worker *w)
{
    pthread_mutex_lock(&w->lock);
    while (w->state == GF_WORKER_RUNNING)
        pthread_cond_wait(&w->changed, &w->lock);
    pthread_mutex_unlock(&w->lock);
}

void gf_worker_collect(gf_worker *w)
{
    pthread_mutex_lock(&w->lock);
    if (w->state == GF_WORKER_FINISHED)
        w->state = GF_WORKER_IDLE;
    pthread_mutex_unlock(&w->lock);
}

void gf_worker_progress_get(gf_worker *w, int *done, int *total)
{
    pthread_mutex_lock(&w->lock);
    *done = w->done;
    *total = w->total;
    pthread_mutex_unlock(&w->lock);
}

void gf_worker_lock(gf_worker *w)
{
    pthread_mutex_lock(&w->lock);
}

void gf_worker_unlock(gf_worker *w)
{
    pthread_mutex_unlock(&w->lock);
}

bool gf_worker_cancelled(gf_worker *w)
{
    return atomic_load(&w->cancel);
}

void gf_worker_progress(gf_worker *w, int done, int total)
{
    pthread_mutex_lock(&w->lock);
    w->done = done;
    w->total = total;
    gf_notify_fn notify = w->notify;
    void *ctx = w->notify_ctx;
    pthread_mutex_unlock(&w->lock);
    if (notify != NULL)
        notify(ctx);
}

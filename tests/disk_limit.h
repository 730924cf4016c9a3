/* disk_limit.h — a "full disk" for the file tests: while set, files of this
 * process may not grow past a limit, and a write past it fails with EFBIG
 * instead of raising SIGXFSZ. */
#ifndef GF_TEST_DISK_LIMIT_H
#define GF_TEST_DISK_LIMIT_H

#include <signal.h>
#include <sys/resource.h>

typedef struct {
    struct rlimit saved;
    void (*saved_handler)(int);
} disk_limit;

static inline void disk_limit_set(disk_limit *d, rlim_t limit)
{
    getrlimit(RLIMIT_FSIZE, &d->saved);
    d->saved_handler = signal(SIGXFSZ, SIG_IGN);
    struct rlimit r = d->saved;
    r.rlim_cur = limit;
    setrlimit(RLIMIT_FSIZE, &r);
}

static inline void disk_limit_undo(disk_limit *d)
{
    setrlimit(RLIMIT_FSIZE, &d->saved);
    signal(SIGXFSZ, d->saved_handler);
}

#endif

/* check.c — the tiny test harness (see check.h). */
#include "check.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void check_begin(check_ctx *c, const char *suite)
{
    c->passed = 0;
    c->failed = 0;
    c->suite = suite;
}

int check_end(check_ctx *c)
{
    printf("%s: %d passed, %d failed\n", c->suite, c->passed, c->failed);
    return c->failed == 0 && c->passed > 0 ? 0 : 1;
}

bool check_true(check_ctx *c, bool ok, const char *what, const char *file, int line)
{
    if (ok) {
        c->passed++;
    } else {
        c->failed++;
        fprintf(stderr, "%s:%d: FAILED: %s\n", file, line, what);
    }
    return ok;
}

bool check_near(check_ctx *c, double got, double want, double tol, const char *what,
                const char *file, int line)
{
    bool ok = fabs(got - want) <= tol || (isinf(got) && isinf(want) && (got > 0) == (want > 0));
    if (!ok)
        fprintf(stderr, "%s:%d: got %.9g, want %.9g (tolerance %.3g)\n", file, line, got, want,
                tol);
    return check_true(c, ok, what, file, line);
}

bool check_int_eq(check_ctx *c, long long got, long long want, const char *what,
                  const char *file, int line)
{
    if (got != want)
        fprintf(stderr, "%s:%d: got %lld, want %lld\n", file, line, got, want);
    return check_true(c, got == want, what, file, line);
}

bool check_str_eq(check_ctx *c, const char *got, const char *want, const char *what,
                  const char *file, int line)
{
    bool ok = got && want && strcmp(got, want) == 0;
    if (!ok)
        fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", file, line, got ? got : "(null)",
                want ? want : "(null)");
    return check_true(c, ok, what, file, line);
}

bool check_ok(check_ctx *c, int status, const char *message, const char *what, const char *file,
              int line)
{
    if (status != 0)
        fprintf(stderr, "%s:%d: %s failed: %s\n", file, line, what, message);
    return check_true(c, status == 0, what, file, line);
}

static const char *join_path(char *buf, size_t size, const char *dir, const char *name)
{
    snprintf(buf, size, "%s/%s", dir, name);
    return buf;
}

const char *check_tmp_path(char *buf, size_t size, const char *name)
{
    const char *dir = getenv("GF_TEST_TMP");
    return join_path(buf, size, dir && *dir ? dir : "/tmp", name);
}

const char *check_data_path(char *buf, size_t size, const char *name)
{
    const char *dir = getenv("GF_TEST_DATA");
    return join_path(buf, size, dir && *dir ? dir : "tests/data", name);
}

/* check.h — a tiny test harness: count checks, report failures with their
 * source line, print "N passed, N failed" and exit non-zero on failure.
 * State lives in a check_ctx the test owns (no globals). */
#ifndef GF_CHECK_H
#define GF_CHECK_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    int passed;
    int failed;
    const char *suite;
} check_ctx;

void check_begin(check_ctx *c, const char *suite);
/* Prints the summary line; returns the process exit status. */
int check_end(check_ctx *c);

bool check_true(check_ctx *c, bool ok, const char *what, const char *file, int line);
bool check_near(check_ctx *c, double got, double want, double tol, const char *what,
                const char *file, int line);
bool check_int_eq(check_ctx *c, long long got, long long want, const char *what,
                  const char *file, int line);
bool check_str_eq(check_ctx *c, const char *got, const char *want, const char *what,
                  const char *file, int line);

/* Path of a scratch file under the test build dir (GF_TEST_TMP or /tmp). */
const char *check_tmp_path(char *buf, size_t size, const char *name);
/* Path of a file under tests/data (GF_TEST_DATA). */
const char *check_data_path(char *buf, size_t size, const char *name);

#define CHECK(c, cond) check_true((c), (cond), #cond, __FILE__, __LINE__)
#define CHECK_NEAR(c, got, want, tol) \
    check_near((c), (got), (want), (tol), #got " ≈ " #want, __FILE__, __LINE__)
#define CHECK_INT(c, got, want) check_int_eq((c), (got), (want), #got " == " #want, __FILE__, __LINE__)
#define CHECK_STR(c, got, want) check_str_eq((c), (got), (want), #got " == " #want, __FILE__, __LINE__)
/* A gf_status call that must succeed; prints the error message otherwise.
 * The message is read inside check_ok, i.e. after the call has run. */
bool check_ok(check_ctx *c, int status, const char *message, const char *what, const char *file,
              int line);
#define CHECK_OK(c, call, errp) \
    check_ok((c), (int)(call), (errp)->message, #call, __FILE__, __LINE__)

#endif

/* test_train_log.c — `train`'s log file and duration text (core/cli/
 * cli_train_log.c, compiled in here with the file helpers it uses, as the
 * command-line program is not a library): durations of any double, even
 * ones too large for a long long, print as sane text; a resumed log keeps
 * the rows up to the checkpoint's step and is replaced through a temporary
 * file and a rename, never truncated in place (a hard link to the old file
 * still sees all of it); a fresh log replaces an old one the same way; on
 * a full disk (RLIMIT_FSIZE) a row is written whole or not at all. */
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "scratch_dir.h"

#include "../core/cli/cli_args.c"
#include "../core/cli/cli_files.c"
#include "../core/cli/cli_train_log.c"

static void expect_duration(check_ctx *c, double seconds, const char *want)
{
    char buf[64];
    cli_format_duration(seconds, buf, sizeof buf);
    if (!CHECK_STR(c, buf, want))
        fprintf(stderr, "  for %g s\n", seconds);
}

static void test_durations(check_ctx *c)
{
    expect_duration(c, 0.0, "0s");
    expect_duration(c, 44.6, "45s");
    expect_duration(c, 12 * 60 + 3, "12m03s");
    expect_duration(c, 2 * 3600 + 5 * 60 + 9, "2h05m09s");
    expect_duration(c, -5.0, "0s");
    expect_duration(c, NAN, "0s");
    /* 1e15 s = 277777777777 h + 2800 s (1e15 - 277777777777 * 3600), the
     * most shown; larger values (a long long ends at 9.2e18) show the same. */
    expect_duration(c, 1e15, "277777777777h46m40s");
    expect_duration(c, 1e19, "277777777777h46m40s");
    expect_duration(c, 1e300, "277777777777h46m40s");
    expect_duration(c, INFINITY, "277777777777h46m40s");
}

static char *read_text(const char *path)
{
    char *text = NULL;
    size_t n = 0;
    gf_error err = {0};
    return cli_file_read(path, 1 << 20, &text, &n, &err) == GF_OK ? text : NULL;
}

static void test_resume_trim(check_ctx *c)
{
    char dir[512], path[600], link_path[600], tmp[600];
    check_tmp_path(dir, sizeof dir, "train_log_dir");
    mkdir(dir, 0777);
    snprintf(path, sizeof path, "%s/train_log.csv", dir);
    snprintf(link_path, sizeof link_path, "%s/old_log.csv", dir);
    snprintf(tmp, sizeof tmp, "%s/train_log.csv.tmp", dir);
    const char *old = "step,tokens,elapsed_s,lr,loss,val_loss,grad_norm\n"
                      "1,8,0.1,0.001,5.0,,1.0\n"
                      "2,16,0.2,0.001,4.0,3.9,1.0\n"
                      "3,24,0.3,0.001,3.0,,1.0\n";
    remove(link_path);
    if (!CHECK(c, scratch_write_text(path, old)) || !CHECK(c, link(path, link_path) == 0))
        return;
    cli_train_log log;
    gf_error err = {0};
    if (!CHECK_OK(c, cli_train_log_open(&log, dir, true, 2, &err), &err))
        return;
    cli_train_row row = {3, 24, 0.5, 0.001, 2.5, NAN, 0.5};
    CHECK_OK(c, cli_train_log_write(&log, &row, &err), &err);
    CHECK_OK(c, cli_train_log_close(&log, &err), &err);
    char *now = read_text(path), *linked = read_text(link_path);
    CHECK(c, now && strncmp(now, old, strlen(old) - strlen("3,24,0.3,0.001,3.0,,1.0\n")) == 0);
    CHECK(c, now && strstr(now, "\n3,24,0.500,0.001,2.500000,,0.5\n") != NULL);
    CHECK(c, now && strstr(now, "3,24,0.3,") == NULL);
    /* The old file was replaced, not rewritten: its other name still has it all. */
    CHECK(c, linked && strcmp(linked, old) == 0);
    struct stat sb;
    CHECK(c, stat(tmp, &sb) != 0);
    free(now);
    free(linked);
}

/* A fresh log replaces an old train_log.csv whole (its other name keeps
 * it), and a row that does not fit the disk is left out whole. */
static void test_fresh_and_full(check_ctx *c)
{
    char dir[512], path[600], link_path[600];
    check_tmp_path(dir, sizeof dir, "train_log_full");
    mkdir(dir, 0777);
    snprintf(path, sizeof path, "%s/train_log.csv", dir);
    snprintf(link_path, sizeof link_path, "%s/previous_log.csv", dir);
    const char *old = "step,tokens,elapsed_s,lr,loss,val_loss,grad_norm\n9,72,0.9,0.001,1.0,,1.0\n";
    remove(link_path);
    if (!CHECK(c, scratch_write_text(path, old)) || !CHECK(c, link(path, link_path) == 0))
        return;
    cli_train_log log;
    gf_error err = {0};
    if (!CHECK_OK(c, cli_train_log_open(&log, dir, false, 0, &err), &err))
        return;
    cli_train_row row = {1, 8, 0.5, 0.001, 2.5, NAN, 0.5};
    CHECK_OK(c, cli_train_log_write(&log, &row, &err), &err);
    char *linked = read_text(link_path);
    CHECK(c, linked && strcmp(linked, old) == 0);
    free(linked);
    /* The disk fills 10 bytes into the next row. */
    struct stat sb;
    CHECK(c, stat(path, &sb) == 0);
    struct rlimit saved, limited;
    getrlimit(RLIMIT_FSIZE, &saved);
    void (*handler)(int) = signal(SIGXFSZ, SIG_IGN);
    limited = saved;
    limited.rlim_cur = (rlim_t)sb.st_size + 10;
    setrlimit(RLIMIT_FSIZE, &limited);
    row.step = 2;
    gf_status wrote = cli_train_log_write(&log, &row, &err);
    gf_status closed = cli_train_log_close(&log, &err);
    setrlimit(RLIMIT_FSIZE, &saved);
    signal(SIGXFSZ, handler);
    CHECK(c, wrote != GF_OK || closed != GF_OK);
    char *now = read_text(path);
    CHECK(c, now && strcmp(now, "step,tokens,elapsed_s,lr,loss,val_loss,grad_norm\n"
                                "1,8,0.500,0.001,2.500000,,0.5\n") == 0);
    free(now);
    remove(path);
    remove(link_path);
    rmdir(dir);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "train_log");
    test_durations(&c);
    test_resume_trim(&c);
    test_fresh_and_full(&c);
    return check_end(&c);
}

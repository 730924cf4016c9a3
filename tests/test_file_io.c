/* test_file_io.c — the one reader and writer (core/file_io.h): a FIFO is
 * refused at once (never waited on), so are folders; limits hold; a
 * writer's temporary lives in the target's folder and is gone after commit
 * or abort; an aborted write leaves the old file; the log refuses what is
 * not a regular file; and which file is which goes by device and inode. */
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "scratch_dir.h"
#include "file_io.h"

static void test_reader(check_ctx *c, const char *dir)
{
    char path[SCRATCH_PATH_LEN], want[2 * SCRATCH_PATH_LEN];
    gf_error err;
    gf_error_clear(&err);
    char *data = NULL;
    size_t n = 0;

    scratch_join(path, dir, "text.txt");
    CHECK_OK(c, gf_file_write_all(path, "hello\nworld", 11, &err), &err);
    if (CHECK_OK(c, gf_file_read_all(path, 11, &data, &n, &err), &err)) {
        CHECK_INT(c, (long long)n, 11);
        CHECK_STR(c, data, "hello\nworld");
        free(data);
    }
    CHECK_INT(c, gf_file_read_all(path, 10, &data, &n, &err), GF_ERR_RANGE);
    snprintf(want, sizeof want, "%s: 11 bytes is over the limit of 10 bytes", path);
    CHECK_STR(c, err.message, want);
    CHECK(c, data == NULL);

    /* Empty file: an empty, NUL-terminated text. */
    scratch_join(path, dir, "empty.txt");
    CHECK_OK(c, gf_file_write_all(path, "", 0, &err), &err);
    if (CHECK_OK(c, gf_file_read_all(path, 0, &data, &n, &err), &err)) {
        CHECK(c, n == 0 && data && data[0] == '\0');
        free(data);
    }

    /* A FIFO with no writer: refused at once. The alarm turns a hang into
     * a failure instead of a stuck test. */
    scratch_join(path, dir, "fifo");
    if (CHECK(c, mkfifo(path, 0600) == 0)) {
        alarm(10);
        CHECK_INT(c, gf_file_read_all(path, 100, &data, &n, &err), GF_ERR_IO);
        alarm(0);
        snprintf(want, sizeof want, "%s: not a regular file (a pipe (FIFO))", path);
        CHECK_STR(c, err.message, want);
        gf_file_log log;
        alarm(10);
        CHECK_INT(c, gf_file_log_open(&log, path, &err), GF_ERR_IO);
        alarm(0);
        CHECK_STR(c, err.message, want);
        CHECK(c, log.path == NULL && log.fd == -1);
    }
    CHECK_INT(c, gf_file_read_all(dir, 100, &data, &n, &err), GF_ERR_IO);
    snprintf(want, sizeof want, "%s: not a regular file (a folder)", dir);
    CHECK_STR(c, err.message, want);
    scratch_join(path, dir, "absent.txt");
    CHECK_INT(c, gf_file_read_all(path, 100, &data, &n, &err), GF_ERR_IO);
    snprintf(want, sizeof want, "%s: missing (No such file or directory)", path);
    CHECK_STR(c, err.message, want);
    CHECK_INT(c, gf_file_read_all("", 100, &data, &n, &err), GF_ERR_ARGUMENT);

    /* The descriptor the low-level opener gives is blocking and sized. */
    int fd = -1;
    uint64_t size = 0;
    scratch_join(path, dir, "text.txt");
    if (CHECK_OK(c, gf_file_open_read(path, &fd, &size, &err), &err)) {
        CHECK_INT(c, (long long)size, 11);
        close(fd);
    }
}

static void test_writer(check_ctx *c, const char *dir)
{
    char path[SCRATCH_PATH_LEN], want[2 * SCRATCH_PATH_LEN];
    gf_error err;
    gf_error_clear(&err);
    scratch_join(path, dir, "out.txt");
    CHECK_OK(c, gf_file_write_all(path, "old\n", 4, &err), &err);
    const int before = scratch_count_entries(dir);

    /* While writing, the temporary sits next to the target; abort removes it. */
    gf_file_out out;
    if (CHECK_OK(c, gf_file_out_begin(&out, path, &err), &err)) {
        CHECK_INT(c, scratch_count_entries(dir), before + 1);
        CHECK(c, strncmp(out.tmp_path, path, strlen(path)) == 0);
        gf_file_out_printf(&out, "new %d\n", 2);
        gf_file_out_abort(&out);
        CHECK_INT(c, scratch_count_entries(dir), before);
    }
    char *data = NULL;
    size_t n = 0;
    if (CHECK_OK(c, gf_file_read_all(path, 100, &data, &n, &err), &err)) {
        CHECK_STR(c, data, "old\n");
        free(data);
    }
    /* Finished but not committed: on the disk, the target not replaced yet. */
    if (CHECK_OK(c, gf_file_out_begin(&out, path, &err), &err)) {
        gf_file_out_printf(&out, "new %d\n", 2);
        CHECK_OK(c, gf_file_out_finish(&out, &err), &err);
        if (CHECK_OK(c, gf_file_read_all(path, 100, &data, &n, &err), &err)) {
            CHECK_STR(c, data, "old\n");
            free(data);
        }
        CHECK_OK(c, gf_file_out_commit(&out, &err), &err);
        CHECK(c, out.path == NULL && out.tmp_path == NULL);
    }
    if (CHECK_OK(c, gf_file_read_all(path, 100, &data, &n, &err), &err)) {
        CHECK_STR(c, data, "new 2\n");
        free(data);
    }
    CHECK_INT(c, scratch_count_entries(dir), before);
    gf_file_out_abort(&out);   /* harmless after commit */

    /* A folder that is not there, and a folder at the target. */
    scratch_join(path, dir, "no-such-folder/out.txt");
    CHECK_INT(c, gf_file_write_all(path, "x", 1, &err), GF_ERR_IO);
    snprintf(want, sizeof want, "%s: cannot create (No such file or directory): does its "
             "folder exist?", path);
    CHECK_STR(c, err.message, want);
    CHECK_INT(c, gf_file_write_all(dir, "x", 1, &err), GF_ERR_IO);
    snprintf(want, sizeof want, "%s: a folder, not a regular file: not replaced", dir);
    CHECK_STR(c, err.message, want);
}

static void test_log(check_ctx *c, const char *dir)
{
    char path[SCRATCH_PATH_LEN];
    gf_error err;
    gf_error_clear(&err);
    scratch_join(path, dir, "log.csv");
    gf_file_log log;
    CHECK_INT(c, gf_file_log_open(&log, path, &err), GF_ERR_IO);   /* must exist */
    CHECK_OK(c, gf_file_write_all(path, "a\n", 2, &err), &err);
    if (CHECK_OK(c, gf_file_log_open(&log, path, &err), &err)) {
        CHECK_INT(c, (long long)log.size, 2);
        CHECK_OK(c, gf_file_log_append(&log, "b\n", 2, &err), &err);
        CHECK_INT(c, (long long)log.size, 4);
        CHECK_OK(c, gf_file_log_close(&log, &err), &err);
    }
    char *data = NULL;
    size_t n = 0;
    if (CHECK_OK(c, gf_file_read_all(path, 100, &data, &n, &err), &err)) {
        CHECK_STR(c, data, "a\nb\n");
        free(data);
    }
    gf_file_log zeroed = {0};   /* owns no descriptor: closing it touches none */
    CHECK_OK(c, gf_file_log_close(&zeroed, &err), &err);
}

static void test_identity(check_ctx *c, const char *dir)
{
    char a[SCRATCH_PATH_LEN], b[SCRATCH_PATH_LEN], sub[SCRATCH_PATH_LEN], deep[SCRATCH_PATH_LEN];
    char alias[SCRATCH_PATH_LEN];
    scratch_join(a, dir, "same-a.txt");
    scratch_join(b, dir, "same-b.txt");
    scratch_join(sub, dir, "sub");
    scratch_join(deep, sub, "deeper");
    scratch_join(alias, dir, "alias");
    gf_error err;
    gf_error_clear(&err);
    CHECK_OK(c, gf_file_write_all(a, "x", 1, &err), &err);
    CHECK(c, link(a, b) == 0);
    CHECK(c, gf_file_same(a, b));
    CHECK(c, !gf_file_same(a, dir));
    scratch_join(b, dir, "./same-a.txt");
    CHECK(c, gf_file_same(a, b));
    scratch_join(b, dir, "no-such-file");
    CHECK(c, !gf_file_same(a, b) && !gf_file_same(b, b));

    CHECK(c, mkdir(sub, 0777) == 0 && mkdir(deep, 0777) == 0 && symlink(deep, alias) == 0);
    char in[SCRATCH_PATH_LEN];
    scratch_join(in, deep, "out.safetensors");   /* need not exist */
    CHECK(c, gf_file_inside(in, sub));
    CHECK(c, gf_file_inside(in, dir));
    CHECK(c, gf_file_inside(in, deep));
    CHECK(c, !gf_file_inside(a, sub));
    scratch_join(in, alias, "x");                /* through a link to a folder inside sub */
    CHECK(c, gf_file_inside(in, sub));
    scratch_join(in, sub, "../same-a.txt");      /* names may climb out again */
    CHECK(c, !gf_file_inside(in, sub));
    CHECK(c, !gf_file_inside("relative-name", sub));
    CHECK(c, !gf_file_inside(in, a));    /* a file is no folder */
    scratch_join(in, deep, "not-yet/out.safetensors");   /* a folder still to be made */
    CHECK(c, gf_file_inside(in, sub));
    scratch_join(in, dir, "not-yet/deeper-yet/x");
    CHECK(c, gf_file_inside(in, dir) && !gf_file_inside(in, sub));
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "file_io");
    char dir[SCRATCH_PATH_LEN];
    check_tmp_path(dir, sizeof dir, "file-io");
    scratch_remove_tree(dir);
    char deep[SCRATCH_PATH_LEN];
    scratch_join(deep, dir, "sub/deeper");
    scratch_remove_tree(deep);
    scratch_join(deep, dir, "sub");
    scratch_remove_tree(deep);
    scratch_remove_tree(dir);
    if (CHECK(&c, mkdir(dir, 0777) == 0)) {
        test_reader(&c, dir);
        test_writer(&c, dir);
        test_log(&c, dir);
        test_identity(&c, dir);
    }
    scratch_join(deep, dir, "sub/deeper");
    scratch_remove_tree(deep);
    scratch_join(deep, dir, "sub");
    scratch_remove_tree(deep);
    scratch_remove_tree(dir);
    return check_end(&c);
}

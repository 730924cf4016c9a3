/* test_train_log_read.c — reading train_log.csv for the loss curve
 * (core/train_log.c): hand-written files, every error with its message, and
 * the shipped default model's log against the figures of its MODEL.md. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "train_log.h"

/* Write text to the scratch file `name`; its path goes into path. */
static void write_file(char *path, size_t size, const char *name, const char *text)
{
    check_tmp_path(path, size, name);
    FILE *f = fopen(path, "w");
    if (f != NULL) {
        fputs(text, f);
        fclose(f);
    }
}

static void test_good(check_ctx *c)
{
    /* Columns in another order, an extra column, CRLF, a blank line. */
    char path[1024];
    write_file(path, sizeof path, "tl_good.csv",
               "loss,extra,step,val_loss\r\n"
               "9.5,x,1,\r\n"
               "7.25,y,2,7.5\r\n"
               "\r\n"
               "6,z,10,\r\n");
    gf_train_log tl;
    gf_error err;
    if (!check_ok(c, gf_train_log_load(path, &tl, &err), err.message, "load", __FILE__, __LINE__))
        return;
    CHECK_INT(c, tl.n, 3);
    CHECK_INT(c, tl.n_val, 1);
    CHECK_INT(c, tl.step[0], 1);
    CHECK_INT(c, tl.step[2], 10);
    CHECK_NEAR(c, tl.loss[1], 7.25, 0.0);
    CHECK(c, isnan(tl.val_loss[0]) && isnan(tl.val_loss[2]));
    CHECK_NEAR(c, tl.val_loss[1], 7.5, 0.0);
    gf_train_log_free(&tl);
}

static void test_errors(check_ctx *c)
{
    static const struct {
        const char *text, *message;  /* message after "<path>: " */
    } CASES[] = {
        {"", "empty (want a header line)"},
        {"step,loss\n1,2\n", "line 1: no column 'val_loss'"},
        {"step,loss,val_loss\n", "no rows"},
        {"step,loss,val_loss\n1,abc,\n", "line 2: loss: not a number >= 0: 'abc'"},
        {"step,loss,val_loss\n1,2\n", "line 2: val_loss: missing field"},
        {"step,loss,val_loss\n1,2,\n1,2,\n", "line 3: step: want whole numbers that grow row by row"},
        {"step,loss,val_loss\n1.5,2,\n", "line 2: step: want whole numbers that grow row by row"},
        {"step,loss,val_loss\n1,-2,\n", "line 2: loss: not a number >= 0: '-2'"},
        {"step,loss,val_loss\n1,nan,\n", "line 2: loss: not a number >= 0: 'nan'"},
        /* Control bytes of the file are not echoed (found by fuzz_train_log). */
        {"step,loss,val_loss\n1\x04,2,\n", "line 2: step: not a number >= 0: '1?'"},
        {"step,loss,val_loss\n1,\x1b[31m2,\n", "line 2: loss: not a number >= 0: '?[31m2'"},
        /* A step past int64_t was cast to it, undefined (found by fuzz_train_log). */
        {"step,loss,val_loss\n1e51,2,\n", "line 2: step: 2^53 or more"},
        {"step,loss,val_loss\n9007199254740993,2,\n", "line 2: step: 2^53 or more"},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        char name[32], want[1200];
        snprintf(name, sizeof name, "tl_bad_%zu.csv", i);
        char path[1024];
        write_file(path, sizeof path, name, CASES[i].text);
        snprintf(want, sizeof want, "%s: %s", path, CASES[i].message);
        gf_train_log tl;
        gf_error err;
        gf_error_clear(&err);
        CHECK(c, gf_train_log_load(path, &tl, &err) == GF_ERR_FORMAT);
        if (!CHECK_STR(c, err.message, want))
            fprintf(stderr, "  case %zu\n", i);
        CHECK_INT(c, tl.n, 0);
    }
    gf_train_log tl;
    gf_error err;
    CHECK(c, gf_train_log_load("/nonexistent/train_log.csv", &tl, &err) == GF_ERR_IO);
}

/* From memory (gf_train_log_parse, what the loader calls): a NUL byte is
 * refused; it used to end its line early, so "\0\0>," passed as a blank
 * line (found by fuzz_train_log). */
static void test_nul_byte(check_ctx *c)
{
    static const char TEXT[] = "step,loss,val_loss\n1,2,\n\0\0>,\n3,4,\n";
    gf_train_log tl;
    gf_error err;
    gf_error_clear(&err);
    CHECK(c, gf_train_log_parse(TEXT, sizeof TEXT - 1, "mem.csv", &tl, &err) == GF_ERR_FORMAT);
    CHECK_STR(c, err.message, "mem.csv: line 3: a NUL byte (not a text file)");
    CHECK_INT(c, tl.n, 0);
    /* The same bytes without the NUL line parse, from memory as from a file. */
    static const char GOOD[] = "step,loss,val_loss\n1,2,\n3,4,0.5\n";
    gf_status st = gf_train_log_parse(GOOD, sizeof GOOD - 1, "mem.csv", &tl, &err);
    if (CHECK_OK(c, st, &err)) {
        CHECK_INT(c, tl.n, 2);
        CHECK_INT(c, tl.n_val, 1);
        CHECK_INT(c, tl.step[1], 3);
        gf_train_log_free(&tl);
    }
}

/* assets/models/default/MODEL.md: 3600 steps; validation loss 4.598
 * nats/token over the whole val.txt at the last step. */
static void test_shipped(check_ctx *c)
{
    const char *assets = getenv("GF_TEST_ASSETS");
    if (!CHECK(c, assets != NULL))
        return;
    char path[1024];
    snprintf(path, sizeof path, "%s/models/default/train_log.csv", assets);
    gf_train_log tl;
    gf_error err;
    if (!check_ok(c, gf_train_log_load(path, &tl, &err), err.message, "shipped", __FILE__, __LINE__))
        return;
    CHECK_INT(c, tl.n, 3600);
    CHECK_INT(c, tl.step[tl.n - 1], 3600);
    CHECK_NEAR(c, tl.val_loss[tl.n - 1], 4.598, 0.0005);
    /* The first loss is near ln V (a uniform guess over 8192 tokens). */
    CHECK_NEAR(c, tl.loss[0], log(8192.0), 0.05);
    CHECK(c, tl.n_val >= 2);
    gf_train_log_free(&tl);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "train_log_read");
    test_good(&c);
    test_errors(&c);
    test_nul_byte(&c);
    test_shipped(&c);
    return check_end(&c);
}

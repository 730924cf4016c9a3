/* train_log.c — reading train_log.csv (see train_log.h). */
#include "train_log.h"

#include "file_io.h"

#include <errno.h>
#include <stdbool.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TRAIN_LOG_LINE_MAX 1024
#define TRAIN_LOG_ROWS_MAX (1 << 24)
#define TRAIN_LOG_FILE_MAX ((size_t)1 << 30)
/* Steps are whole numbers below 2^53: a double holds each exactly (so no
 * two read as one), and so does int64_t. */
#define TRAIN_LOG_STEP_LIMIT 9007199254740992.0

/* The index of name among the comma-separated fields of header, or −1. */
static int column_of(const char *header, const char *name)
{
    int index = 0;
    size_t n = strlen(name);
    for (const char *p = header;; index++) {
        const char *end = strchr(p, ',');
        size_t len = end != NULL ? (size_t)(end - p) : strcspn(p, "\r\n");
        if (len == n && memcmp(p, name, n) == 0)
            return index;
        if (end == NULL)
            return -1;
        p = end + 1;
    }
}

/* Field index of line (cut in place at its end); false when missing. */
static bool field(char *line, int index, char **text)
{
    char *p = line;
    for (int i = 0; i < index; i++) {
        p = strchr(p, ',');
        if (p == NULL)
            return false;
        p++;
    }
    size_t len = strcspn(p, ",\r\n");
    p[len] = '\0';
    *text = p;
    return true;
}

/* Copies the next line of [*p, end) (with its '\n') into line (size bytes)
 * and moves *p past it; false at the end. A line that does not fit is cut
 * and *too_long set. */
static bool next_line(const char **p, const char *end, char *line, size_t size, bool *too_long)
{
    if (*p >= end)
        return false;
    const char *nl = memchr(*p, '\n', (size_t)(end - *p));
    size_t len = nl != NULL ? (size_t)(nl - *p) + 1 : (size_t)(end - *p);
    *too_long = len > size - 1;
    size_t kept = *too_long ? size - 1 : len;
    memcpy(line, *p, kept);
    line[kept] = '\0';
    *p += len;
    return true;
}

static gf_status grow(gf_train_log *log, int *cap, const char *path, gf_error *err)
{
    if (log->n < *cap)
        return GF_OK;
    int c = *cap ? 2 * *cap : 256;
    int64_t *s = realloc(log->step, (size_t)c * sizeof *s);
    if (s != NULL)
        log->step = s;
    double *l = realloc(log->loss, (size_t)c * sizeof *l);
    if (l != NULL)
        log->loss = l;
    double *v = realloc(log->val_loss, (size_t)c * sizeof *v);
    if (v != NULL)
        log->val_loss = v;
    if (s == NULL || l == NULL || v == NULL)
        return gf_error_set(err, GF_ERR_MEMORY, "%s: out of memory", path);
    *cap = c;
    return GF_OK;
}

/* The 1-based line of data[0 .. size) that holds a NUL byte, or 0. */
static int nul_line(const char *data, size_t size)
{
    const char *nul = memchr(data, '\0', size);
    int line = 1;
    for (const char *p = data; nul != NULL && p < nul; p++)
        line += *p == '\n';
    return nul != NULL ? line : 0;
}

static const char *const COLUMN_NAMES[3] = {"step", "loss", "val_loss"};

/* The columns of step, loss and val_loss in the header line (cols[3]). */
static gf_status read_header(const char *header, int cols[3], const char *path, gf_error *err)
{
    for (int i = 0; i < 3; i++) {
        cols[i] = column_of(header, COLUMN_NAMES[i]);
        if (cols[i] < 0)
            return gf_error_set(err, GF_ERR_FORMAT, "%s: line 1: no column '%s'", path,
                                COLUMN_NAMES[i]);
    }
    return GF_OK;
}

/* The three numbers of a data line into v (val_loss NaN when empty). */
static gf_status read_row(const char *line, const int cols[3], int line_no, double v[3],
                          const char *path, gf_error *err)
{
    for (int i = 0; i < 3; i++) {
        char copy[TRAIN_LOG_LINE_MAX + 2], *text = NULL, *text_end = NULL;
        memcpy(copy, line, sizeof copy);
        if (!field(copy, cols[i], &text))
            return gf_error_set(err, GF_ERR_FORMAT, "%s: line %d: %s: missing field", path,
                                line_no, COLUMN_NAMES[i]);
        if (i == 2 && text[0] == '\0') {
            v[i] = NAN;
            continue;
        }
        v[i] = strtod(text, &text_end);
        char shown[64];
        if (text_end == text || *text_end != '\0' || !isfinite(v[i]) || v[i] < 0.0)
            return gf_error_set(err, GF_ERR_FORMAT, "%s: line %d: %s: not a number >= 0: '%s'",
                                path, line_no, COLUMN_NAMES[i],
                                gf_error_shown(text, shown, sizeof shown));
    }
    return GF_OK;
}

/* Append the row v (room already made): its step must be whole and larger
 * than the previous row's. */
static gf_status append_row(gf_train_log *log, const double v[3], int line_no, const char *path,
                            gf_error *err)
{
    if (v[0] >= TRAIN_LOG_STEP_LIMIT)
        return gf_error_set(err, GF_ERR_FORMAT, "%s: line %d: step: 2^53 or more", path,
                            line_no);
    if (v[0] != floor(v[0]) || (log->n > 0 && (int64_t)v[0] <= log->step[log->n - 1]))
        return gf_error_set(err, GF_ERR_FORMAT,
                            "%s: line %d: step: want whole numbers that grow row by row", path,
                            line_no);
    log->step[log->n] = (int64_t)v[0];
    log->loss[log->n] = v[1];
    log->val_loss[log->n] = v[2];
    log->n_val += !isnan(v[2]);
    log->n++;
    return GF_OK;
}

gf_status gf_train_log_parse(const char *data, size_t size, const char *path, gf_train_log *log,
                             gf_error *err)
{
    memset(log, 0, sizeof *log);
    /* The line reader works on C strings: a NUL would end a line early. */
    int nul = nul_line(data, size);
    if (nul > 0)
        return gf_error_set(err, GF_ERR_FORMAT, "%s: line %d: a NUL byte (not a text file)", path,
                            nul);
    const char *cursor = data, *end = data + size;
    bool too_long = false;
    char line[TRAIN_LOG_LINE_MAX + 2];
    int cols[3] = {-1, -1, -1}, cap = 0, line_no = 1;
    gf_status st = next_line(&cursor, end, line, sizeof line, &too_long)
                       ? read_header(line, cols, path, err)
                       : gf_error_set(err, GF_ERR_FORMAT, "%s: empty (want a header line)", path);
    while (st == GF_OK && next_line(&cursor, end, line, sizeof line, &too_long)) {
        line_no++;
        if (too_long) {
            st = gf_error_set(err, GF_ERR_FORMAT, "%s: line %d: longer than %d bytes", path, line_no,
                              TRAIN_LOG_LINE_MAX);
            break;
        }
        if (line[strspn(line, " \r\n")] == '\0')
            continue;
        if (log->n >= TRAIN_LOG_ROWS_MAX) {
            st = gf_error_set(err, GF_ERR_FORMAT, "%s: more than %d rows", path, TRAIN_LOG_ROWS_MAX);
            break;
        }
        double v[3];
        st = grow(log, &cap, path, err);
        if (st == GF_OK)
            st = read_row(line, cols, line_no, v, path, err);
        if (st == GF_OK)
            st = append_row(log, v, line_no, path, err);
    }
    if (st == GF_OK && log->n == 0)
        st = gf_error_set(err, GF_ERR_FORMAT, "%s: no rows", path);
    if (st != GF_OK)
        gf_train_log_free(log);
    return st;
}

gf_status gf_train_log_load(const char *path, gf_train_log *log, gf_error *err)
{
    memset(log, 0, sizeof *log);
    char *data = NULL;
    size_t size = 0;
    gf_status st = gf_file_read_all(path, TRAIN_LOG_FILE_MAX, &data, &size, err);
    if (st != GF_OK)
        return st;
    st = gf_train_log_parse(data, size, path, log, err);
    free(data);
    return st;
}

void gf_train_log_free(gf_train_log *log)
{
    free(log->step);
    free(log->loss);
    free(log->val_loss);
    memset(log, 0, sizeof *log);
}

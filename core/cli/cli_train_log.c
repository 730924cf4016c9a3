/* cli_train_log.c — train_log.csv and duration text (see cli_train_log.h). */
#include "cli_train_log.h"

#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_files.h"
#include "file_io.h"

#define LOG_HEADER "step,tokens,elapsed_s,lr,loss,val_loss,grad_norm\n"
#define LOG_MAX_BYTES (1024u * 1024u * 1024u)
/* Durations are shown up to this (about 31.7 million years): a larger double
 * does not fit a long long. */
#define LOG_MAX_DURATION_S 1e15

/* The old log's header and rows with step <= keep_through, in *text (a
 * missing log gives an empty text: the log starts afresh). */
static gf_status log_kept_text(const char *path, int64_t keep_through, char **text,
                               size_t *keep, gf_error *err)
{
    size_t length = 0;
    *text = NULL;
    *keep = 0;
    if (cli_file_size(path, NULL) < 0)
        return GF_OK;
    gf_status s = gf_file_read_all(path, LOG_MAX_BYTES, text, &length, err);
    if (s != GF_OK)
        return s;
    for (size_t pos = 0; pos < length;) {
        const char *nl = memchr(*text + pos, '\n', length - pos);
        const size_t end = nl ? (size_t)(nl - *text) + 1 : length;
        const bool header = pos == 0 && strncmp(*text, "step,", 5) == 0;
        if (!nl || (!header && strtoll(*text + pos, NULL, 10) > keep_through))
            break;
        *keep = end;
        pos = end;
    }
    return GF_OK;
}

gf_status cli_train_log_open(cli_train_log *log, const char *dir, bool resume,
                             int64_t keep_through, gf_error *err)
{
    memset(log, 0, sizeof *log);
    log->file.fd = -1;
    log->path = cli_path_join(dir, CLI_TRAIN_LOG_FILE, err);
    if (!log->path)
        return GF_ERR_MEMORY;
    char *text = NULL;
    size_t keep = 0;
    gf_status s = resume ? log_kept_text(log->path, keep_through, &text, &keep, err) : GF_OK;
    /* The start of the log replaces any old one whole (through a temporary
     * file), then rows are appended to that checked regular file. */
    if (s == GF_OK && keep > 0)
        s = gf_file_write_all(log->path, text, keep, err);
    else if (s == GF_OK)
        s = gf_file_write_all(log->path, LOG_HEADER, strlen(LOG_HEADER), err);
    free(text);
    if (s == GF_OK)
        s = gf_file_log_open(&log->file, log->path, err);
    return s;
}

gf_status cli_train_log_write(cli_train_log *log, const cli_train_row *row, gf_error *err)
{
    char val[32] = "", line[256];
    if (!isnan(row->val_loss))
        snprintf(val, sizeof val, "%.6f", row->val_loss);
    const int n = snprintf(line, sizeof line, "%lld,%lld,%.3f,%.6g,%.6f,%s,%.6g\n",
                           (long long)row->step, (long long)row->tokens, row->elapsed_s, row->lr,
                           row->loss, val, row->grad_norm);
    if (n < 0 || (size_t)n >= sizeof line)
        return gf_error_set(err, GF_ERR_RANGE, "%s: a row of step %lld does not fit %zu bytes",
                            log->path, (long long)row->step, sizeof line);
    return gf_file_log_append(&log->file, line, (size_t)n, err);   /* the whole row or none */
}

gf_status cli_train_log_close(cli_train_log *log, gf_error *err)
{
    gf_status s = gf_file_log_close(&log->file, err);
    free(log->path);
    memset(log, 0, sizeof *log);
    log->file.fd = -1;
    return s;
}

gf_status cli_train_log_discard(cli_train_log *log)
{
    gf_error ignored;
    const bool opened = log->path && log->file.fd >= 0;
    if (opened)
        unlink(log->path);
    cli_train_log_close(log, &ignored);
    return GF_OK;
}

void cli_format_duration(double seconds, char *buf, size_t size)
{
    if (!(seconds > 0.0))   /* also NaN */
        seconds = 0.0;
    if (seconds > LOG_MAX_DURATION_S)   /* also +inf */
        seconds = LOG_MAX_DURATION_S;
    const long long s = (long long)(seconds + 0.5);
    if (s < 60)
        snprintf(buf, size, "%llds", s);
    else if (s < 3600)
        snprintf(buf, size, "%lldm%02llds", s / 60, s % 60);
    else
        snprintf(buf, size, "%lldh%02lldm%02llds", s / 3600, s / 60 % 60, s % 60);
}

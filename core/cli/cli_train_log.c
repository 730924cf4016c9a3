/* cli_train_log.c — train_log.csv and duration text (see cli_train_log.h). */
#include "cli_train_log.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli_files.h"

#define LOG_HEADER "step,tokens,elapsed_s,lr,loss,val_loss,grad_norm\n"
#define LOG_MAX_BYTES (1024u * 1024u * 1024u)
#define LOG_TMP_SUFFIX ".tmp"
/* Durations are shown up to this (about 31.7 million years): a larger double
 * does not fit a long long. */
#define LOG_MAX_DURATION_S 1e15

/* Replace path by the n bytes of text: write path.tmp, then rename it over
 * path, so that a crash leaves either the old file or the new one. */
static gf_status log_replace(const char *path, const char *text, size_t n, gf_error *err)
{
    const size_t size = strlen(path) + sizeof LOG_TMP_SUFFIX;
    char *tmp = malloc(size);
    if (!tmp)
        return gf_error_set(err, GF_ERR_MEMORY, "%s: out of memory", path);
    snprintf(tmp, size, "%s" LOG_TMP_SUFFIX, path);
    gf_status s = GF_OK;
    FILE *f = fopen(tmp, "wb");
    if (!f)
        s = gf_error_set(err, GF_ERR_IO, "%s: cannot write: %s", tmp, strerror(errno));
    else if ((n > 0 && fwrite(text, 1, n, f) != n) | (fclose(f) != 0))
        s = gf_error_set(err, GF_ERR_IO, "%s: write failed", tmp);
    else if (rename(tmp, path) != 0)
        s = gf_error_set(err, GF_ERR_IO, "%s: cannot replace: %s", path, strerror(errno));
    if (s != GF_OK && f)
        remove(tmp);
    free(tmp);
    return s;
}

/* The old log's header and rows with step <= keep_through, written back
 * through a temporary file (a missing log starts afresh). */
static gf_status log_trim(const char *path, int64_t keep_through, gf_error *err)
{
    char *text = NULL;
    size_t length = 0;
    if (cli_file_size(path, NULL) < 0)
        return GF_OK;
    gf_status s = cli_file_read(path, LOG_MAX_BYTES, &text, &length, err);
    if (s != GF_OK)
        return s;
    size_t keep = 0;   /* bytes of the kept prefix */
    for (size_t pos = 0; pos < length;) {
        const char *nl = memchr(text + pos, '\n', length - pos);
        const size_t end = nl ? (size_t)(nl - text) + 1 : length;
        const bool header = pos == 0 && strncmp(text, "step,", 5) == 0;
        if (!nl || (!header && strtoll(text + pos, NULL, 10) > keep_through))
            break;
        keep = end;
        pos = end;
    }
    s = log_replace(path, text, keep, err);
    free(text);
    return s;
}

gf_status cli_train_log_open(cli_train_log *log, const char *dir, bool resume,
                             int64_t keep_through, gf_error *err)
{
    memset(log, 0, sizeof *log);
    log->path = cli_path_join(dir, CLI_TRAIN_LOG_FILE, err);
    if (!log->path)
        return GF_ERR_MEMORY;
    gf_status s = resume ? log_trim(log->path, keep_through, err) : GF_OK;
    if (s != GF_OK)
        return s;
    const bool fresh = !resume || cli_file_size(log->path, NULL) <= 0;
    log->file = fopen(log->path, fresh ? "wb" : "ab");
    if (!log->file)
        return gf_error_set(err, GF_ERR_IO, "%s: cannot write: %s", log->path, strerror(errno));
    if (fresh && fputs(LOG_HEADER, log->file) == EOF)
        return gf_error_set(err, GF_ERR_IO, "%s: write failed", log->path);
    return GF_OK;
}

gf_status cli_train_log_write(cli_train_log *log, const cli_train_row *row, gf_error *err)
{
    char val[32] = "";
    if (!isnan(row->val_loss))
        snprintf(val, sizeof val, "%.6f", row->val_loss);
    if (fprintf(log->file, "%lld,%lld,%.3f,%.6g,%.6f,%s,%.6g\n", (long long)row->step,
                (long long)row->tokens, row->elapsed_s, row->lr, row->loss, val,
                row->grad_norm) < 0)
        return gf_error_set(err, GF_ERR_IO, "%s: write failed", log->path);
    return GF_OK;
}

gf_status cli_train_log_flush(cli_train_log *log, gf_error *err)
{
    if (log->file && fflush(log->file) != 0)
        return gf_error_set(err, GF_ERR_IO, "%s: write failed: %s", log->path, strerror(errno));
    return GF_OK;
}

gf_status cli_train_log_close(cli_train_log *log, gf_error *err)
{
    gf_status s = GF_OK;
    if (log->file && fclose(log->file) != 0)
        s = gf_error_set(err, GF_ERR_IO, "%s: write failed: %s", log->path, strerror(errno));
    free(log->path);
    memset(log, 0, sizeof *log);
    return s;
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

/* cli_train_log.h — what `train` records: MODEL_DIR/train_log.csv, one row
 * per step (step,tokens,elapsed_s,lr,loss,val_loss,grad_norm; val_loss
 * empty when not evaluated at that step; at the run's last step it is the
 * loss over the whole of val.txt), and durations for progress lines.
 * A resumed run keeps the rows up to its checkpoint's step and appends. */
#ifndef CLI_TRAIN_LOG_H
#define CLI_TRAIN_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "file_io.h"
#include "gf_error.h"

#define CLI_TRAIN_LOG_FILE "train_log.csv"

typedef struct {
    char *path;
    gf_file_log file;      /* rows are appended whole (file_io.h)           */
} cli_train_log;

typedef struct {
    int64_t step, tokens;
    double elapsed_s;
    double lr, loss;
    double val_loss;       /* NAN: not evaluated at this step               */
    double grad_norm;
} cli_train_row;

/* Start dir/train_log.csv afresh, or (resume) keep its header and the rows
 * with step <= keep_through and append after them. Either start replaces
 * the old file whole (never a device or FIFO). */
gf_status cli_train_log_open(cli_train_log *log, const char *dir, bool resume,
                             int64_t keep_through, gf_error *err);
/* Append one row; on a full disk the row is left out whole, never cut. */
gf_status cli_train_log_write(cli_train_log *log, const cli_train_row *row, gf_error *err);
gf_status cli_train_log_close(cli_train_log *log, gf_error *err);
/* Close and remove the log (a run that failed before saving anything). */
gf_status cli_train_log_discard(cli_train_log *log);

/* "45s", "12m03s", "2h05m09s"; negative or NaN shows as 0s, anything above
 * 1e15 s (or infinite) as 1e15 s. */
void cli_format_duration(double seconds, char *buf, size_t size);

#endif

/* train_log.h — reading a model folder's train_log.csv (what `train`
 * writes: step,tokens,elapsed_s,lr,loss,val_loss,grad_norm, one row per
 * step, val_loss empty where it was not evaluated) for the loss curve.
 * Columns are found by their header names, so added columns do no harm. */
#ifndef GF_TRAIN_LOG_H
#define GF_TRAIN_LOG_H

#include <stdint.h>

#include "gf_error.h"

typedef struct {
    int64_t *step;     /* (n) strictly increasing                        */
    double *loss;      /* (n) training loss, nats/token                  */
    double *val_loss;  /* (n) validation loss, NAN where not evaluated   */
    int n;
    int n_val;         /* rows with a validation loss                    */
} gf_train_log;

/* Read path; errors name the file, the line and the field, e.g.
 * "x/train_log.csv: line 7: loss: not a number: 'abc'". */
gf_status gf_train_log_load(const char *path, gf_train_log *log, gf_error *err);
/* The same for a file's bytes already in memory, data[0 .. size); path
 * names it in errors. */
gf_status gf_train_log_parse(const char *data, size_t size, const char *path, gf_train_log *log,
                             gf_error *err);
void gf_train_log_free(gf_train_log *log);

#endif

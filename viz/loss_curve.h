/* loss_curve.h — what the loss screen keeps (view_loss.c): the model
 * folder's train_log.csv, read once per folder, or why it could not be. */
#ifndef GF_VIZ_LOSS_CURVE_H
#define GF_VIZ_LOSS_CURVE_H

#include <stdbool.h>

#include "train_log.h"

typedef struct gf_loss_curve {
    char dir[1024];               /* the model folder it was read for       */
    bool ok;
    char error[GF_ERROR_MESSAGE_MAX];
    gf_train_log log;
} gf_loss_curve;

struct gf_app;
/* The open model folder's train_log.csv (read once per folder, shared with
 * the loss screen), or NULL when it does not read (view_loss.c). */
const gf_train_log *gf_loss_log(struct gf_app *app);

#endif

/* fuzz_train_log.c — any bytes as a model folder's train_log.csv
 * (gf_train_log_parse, the loss curve's reader): accepted, or refused with
 * one line naming the file and holding no control byte (a refused field is
 * echoed); an accepted log has at least one row and no more rows than lines
 * after the header, whole steps that grow row by row, finite losses ≥ 0
 * (a validation loss may be missing), n_val counting the validation losses,
 * came from a file without a NUL byte, and written back as
 * "step,loss,val_loss" rows it parses to the same numbers, bit for bit. */
#include "fuzz_check.h"

#include <math.h>

#include "train_log.h"

#define FUZZ_SOURCE "fuzz/train_log.csv"

/* The log as a CSV of its three columns (%.17g writes a double exactly). */
static char *fuzz_write_log(const gf_train_log *log, size_t *length)
{
    size_t capacity = 32 + (size_t)log->n * 96, used = 0;
    char *out = malloc(capacity);
    FUZZ_ASSERT(out != NULL);
    used += (size_t)snprintf(out, capacity, "step,loss,val_loss\n");
    for (int i = 0; i < log->n; i++) {
        used += (size_t)snprintf(out + used, capacity - used, "%lld,%.17g,",
                                 (long long)log->step[i], log->loss[i]);
        if (!isnan(log->val_loss[i]))
            used += (size_t)snprintf(out + used, capacity - used, "%.17g", log->val_loss[i]);
        used += (size_t)snprintf(out + used, capacity - used, "\n");
        FUZZ_ASSERT(used < capacity);
    }
    *length = used;
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *bytes = fuzz_bytes(data, size);
    gf_train_log log, back;
    gf_error err;
    gf_error_clear(&err);
    if (gf_train_log_parse((const char *)bytes, size, FUZZ_SOURCE, &log, &err) != GF_OK) {
        fuzz_check_shown_message(&err, FUZZ_SOURCE);
        FUZZ_ASSERT(log.n == 0 && log.step == NULL && log.loss == NULL && log.val_loss == NULL);
        free(bytes);
        return 0;
    }
    FUZZ_ASSERT(memchr(bytes, '\0', size) == NULL);
    size_t lines = 0;
    for (size_t i = 0; i < size; i++)
        lines += bytes[i] == '\n';
    FUZZ_ASSERT(log.n >= 1 && (size_t)log.n <= lines);
    int n_val = 0;
    for (int i = 0; i < log.n; i++) {
        FUZZ_ASSERT(log.step[i] >= 0 && (i == 0 || log.step[i] > log.step[i - 1]));
        FUZZ_ASSERT(isfinite(log.loss[i]) && log.loss[i] >= 0.0);
        double val = log.val_loss[i];
        FUZZ_ASSERT(isnan(val) || (isfinite(val) && val >= 0.0));
        n_val += !isnan(val);
    }
    FUZZ_ASSERT(n_val == log.n_val);
    size_t length = 0;
    char *written = fuzz_write_log(&log, &length);
    if (gf_train_log_parse(written, length, FUZZ_SOURCE, &back, &err) != GF_OK) {
        fprintf(stderr, "%s\n", err.message);
        FUZZ_ASSERT(!"an accepted log writes back as one that parses");
    }
    FUZZ_ASSERT(back.n == log.n && back.n_val == log.n_val);
    for (int i = 0; i < log.n; i++) {
        FUZZ_ASSERT(back.step[i] == log.step[i]);
        FUZZ_ASSERT(memcmp(&back.loss[i], &log.loss[i], sizeof(double)) == 0);
        FUZZ_ASSERT(isnan(back.val_loss[i]) == isnan(log.val_loss[i]));
        FUZZ_ASSERT(isnan(log.val_loss[i]) || back.val_loss[i] == log.val_loss[i]);
    }
    free(written);
    gf_train_log_free(&back);
    gf_train_log_free(&log);
    free(bytes);
    return 0;
}

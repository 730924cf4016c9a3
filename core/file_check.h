/* file_check.h — before a file is opened for reading: it must be a regular
 * file. Opening a FIFO would block until something writes to it, and a
 * folder or device is never what a model, config or text file should be. */
#ifndef GF_FILE_CHECK_H
#define GF_FILE_CHECK_H

#include "gf_error.h"

/* GF_OK for a regular file; else "PATH: missing (reason)" or
 * "PATH: not a regular file (a folder)" and friends, as GF_ERR_IO. */
gf_status gf_file_require_regular(const char *path, gf_error *err);

/* Before writing path (through a temporary file renamed over it): GF_OK
 * when nothing is there or a regular file is; a device, FIFO or folder is
 * never replaced ("PATH: a device, not a regular file: not replaced"). */
gf_status gf_file_check_output(const char *path, gf_error *err);

#endif

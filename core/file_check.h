/* file_check.h — checks by path, for files opened by code that is not ours
 * (a font handed to SDL_ttf, a PNG written by SDL_image): a file read must
 * be a regular file (opening a FIFO would block until something writes to
 * it, and a folder or device is never what a model, config or text file
 * should be), a file written must not replace a device, FIFO or folder.
 * Core's own readers and writers use file_io.h, which checks the opened
 * descriptor instead of the path. */
#ifndef GF_FILE_CHECK_H
#define GF_FILE_CHECK_H

#include <sys/types.h>

#include "gf_error.h"

/* GF_OK for a regular file; else "PATH: missing (reason)" or
 * "PATH: not a regular file (a folder)" and friends, as GF_ERR_IO. */
gf_status gf_file_require_regular(const char *path, gf_error *err);

/* Before writing path (through a temporary file renamed over it): GF_OK
 * when nothing is there or a regular file is; a device, FIFO or folder is
 * never replaced ("PATH: a device, not a regular file: not replaced"). */
gf_status gf_file_check_output(const char *path, gf_error *err);

/* What a file of this st_mode is, for messages: "a folder", "a pipe (FIFO)",
 * "a device", "not a plain file". */
const char *gf_file_kind(mode_t mode);

#endif

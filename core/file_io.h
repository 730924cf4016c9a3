/* file_io.h — the one way core reads and writes files. Every parser and
 * every output of Glassformer goes through these functions, so that each
 * file is checked and written the same way.
 *
 * Reading: a file is opened with O_NONBLOCK (opening a FIFO must not block
 * until something writes to it), the opened descriptor is checked with
 * fstat, and anything but a regular file (a folder, FIFO, device, socket)
 * is refused before a byte is read. The check is on the descriptor itself,
 * so nothing can swap the file between the check and the read.
 *
 *     char *text; size_t n;
 *     if (gf_file_read_all(path, MAX, &text, &n, err) != GF_OK) return err->status;
 *     ... parse text[0 .. n) (NUL-terminated) ...; free(text);
 *
 * Writing a whole file: gf_file_out writes into a uniquely named temporary
 * file in the target's folder (created with O_CREAT|O_EXCL|O_NOFOLLOW, so it
 * never follows a planted link or reuses a file), flushes it to the disk
 * (fsync) and renames it over the target. Readers see the old file or the
 * new one, never a mix; a failure removes the temporary and leaves the old
 * file as it was. A folder, FIFO or device at the target is never replaced.
 *
 *     gf_file_out out;
 *     if (gf_file_out_begin(&out, path, err) != GF_OK) return err->status;
 *     gf_file_out_write(&out, bytes, n);          // any number of writes;
 *     gf_file_out_printf(&out, "%d\n", 42);       // a failure is remembered
 *     return gf_file_out_commit(&out, err);       // reports it, or renames
 *
 * Several files that belong together (a model folder) are all written and
 * finished (gf_file_out_finish: on the disk, nothing replaced yet) before
 * the first is committed, so a full disk replaces none of them.
 *
 * Appending records to a log: gf_file_log opens an existing regular file
 * (checked on the descriptor), and each record is appended whole or not at
 * all (a short write is cut back), so the log only ever holds whole lines.
 *
 * Every error message is one line naming the file and the reason. */
#ifndef GF_FILE_IO_H
#define GF_FILE_IO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "gf_error.h"

/* ---- reading ------------------------------------------------------------------ */

/* Open path for reading: *fd is a blocking, close-on-exec descriptor of a
 * regular file of *size bytes (close it with close()). Errors: "PATH:
 * missing (reason)", "PATH: not a regular file (a pipe (FIFO))", ... */
gf_status gf_file_open_read(const char *path, int *fd, uint64_t *size, gf_error *err);

/* The whole file in *data (malloc'ed, NUL-terminated, *length bytes without
 * the NUL). A file over max_bytes is refused before anything is read (and
 * held to the limit if it grows while read). */
gf_status gf_file_read_all(const char *path, size_t max_bytes, char **data, size_t *length,
                           gf_error *err);

/* ---- writing a whole file --------------------------------------------------------- */

typedef struct {
    char *path;        /* the target                                      */
    char *tmp_path;    /* the temporary in the same folder, until renamed  */
    FILE *file;        /* open until finished                              */
    int write_errno;   /* the first failed write's errno (0: none)         */
    bool finished;     /* flushed, synced and closed                       */
} gf_file_out;

/* Create the temporary for path. Refuses (and creates nothing) when path is
 * a folder, FIFO or device, or its folder does not exist. */
gf_status gf_file_out_begin(gf_file_out *out, const char *path, gf_error *err);
/* Append bytes / formatted text. A failure is remembered; finish or commit
 * reports it. */
void gf_file_out_write(gf_file_out *out, const void *data, size_t n);
void gf_file_out_printf(gf_file_out *out, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Flush, fsync and close the temporary: the new content is on the disk,
 * the target not yet replaced. On failure the temporary is removed. */
gf_status gf_file_out_finish(gf_file_out *out, gf_error *err);
/* Finish (if not yet) and rename the temporary over the target; then out
 * is released. On failure the temporary is removed and the target is as it
 * was. */
gf_status gf_file_out_commit(gf_file_out *out, gf_error *err);
/* Remove the temporary and release out; harmless after commit or on a
 * zeroed gf_file_out. */
void gf_file_out_abort(gf_file_out *out);

/* begin + write + commit for text or bytes already in memory. */
gf_status gf_file_write_all(const char *path, const void *data, size_t n, gf_error *err);

/* ---- appending records --------------------------------------------------------- */

typedef struct {
    char *path;
    int fd;
    uint64_t size;     /* bytes of whole records in the file */
} gf_file_log;

/* Open an existing regular file to append to (never a FIFO or device). */
gf_status gf_file_log_open(gf_file_log *log, const char *path, gf_error *err);
/* Append one record whole; on a failed or short write the file is cut back
 * to its previous size, so no half record stays. */
gf_status gf_file_log_append(gf_file_log *log, const void *record, size_t n, gf_error *err);
/* fsync and close; harmless on a zeroed or closed log (one without a path). */
gf_status gf_file_log_close(gf_file_log *log, gf_error *err);

/* ---- folders ------------------------------------------------------------------ */

/* Create the folder dir (its parent must exist); an existing folder is
 * fine. *created says whether this call made it (so that a command that
 * fails can remove what it made, and only that). */
gf_status gf_file_dir_ensure(const char *dir, bool *created, gf_error *err);

/* ---- which file is which ------------------------------------------------------- */

/* True when both paths exist and are the same file (device and inode, so
 * links and other spellings count). */
bool gf_file_same(const char *a, const char *b);
/* True when path (existing or not) would lie in folder or below it: its
 * parent folder, or any folder above that, is folder (device and inode).
 * Parent folders that do not exist yet count where their nearest existing
 * ancestor is ("model/new/x" lies in "model"). */
bool gf_file_inside(const char *path, const char *folder);

#endif

/* file_io.c — the one reader, the one whole-file writer and the appending
 * log (see file_io.h for the rules they keep). */
#include "file_io.h"

#include "file_check.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

/* Attempts at a temporary name before giving up (each is a fresh name). */
#define FILE_TMP_ATTEMPTS 100
/* Folders climbed at most when looking for an enclosing folder. */
#define FILE_MAX_DEPTH 256

/* fstat the fd opened from path and refuse anything but a regular file
 * (a FIFO, a device, a folder); sb gets what fstat saw. */
static gf_status file_stat_regular(int fd, const char *path, struct stat *sb, gf_error *err)
{
    if (fstat(fd, sb) != 0)
        return gf_error_set(err, GF_ERR_IO, "%s: cannot stat (%s)", path, strerror(errno));
    if (!S_ISREG(sb->st_mode))
        return gf_error_set(err, GF_ERR_IO, "%s: not a regular file (%s)", path,
                            gf_file_kind(sb->st_mode));
    return GF_OK;
}

/* ---- reading ------------------------------------------------------------------ */

gf_status gf_file_open_read(const char *path, int *fd_out, uint64_t *size, gf_error *err)
{
    *fd_out = -1;
    *size = 0;
    if (!path || !path[0])
        return gf_error_set(err, GF_ERR_ARGUMENT, "no file name given (an empty path)");
    /* O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer. */
    const int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        const int e = errno;
        return gf_error_set(err, GF_ERR_IO, "%s: %s (%s)", path,
                            e == ENOENT || e == ENOTDIR ? "missing" : "cannot open", strerror(e));
    }
    struct stat sb;
    gf_status s = file_stat_regular(fd, path, &sb, err);
    const int flags = s == GF_OK ? fcntl(fd, F_GETFL) : -1;
    if (flags >= 0)
        fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);   /* plain reads from here on */
    if (s != GF_OK) {
        close(fd);
        return s;
    }
    *fd_out = fd;
    *size = (uint64_t)sb.st_size;
    return GF_OK;
}

gf_status gf_file_read_all(const char *path, size_t max_bytes, char **data, size_t *length,
                           gf_error *err)
{
    *data = NULL;
    *length = 0;
    int fd;
    uint64_t size;
    gf_status s = gf_file_open_read(path, &fd, &size, err);
    if (s != GF_OK)
        return s;
    if (size > max_bytes) {
        close(fd);
        return gf_error_set(err, GF_ERR_RANGE, "%s: %llu bytes is over the limit of %zu bytes",
                            path, (unsigned long long)size, max_bytes);
    }
    /* One byte more than the size, so the read that finds the end is the second. */
    size_t cap = (size_t)size + 1, len = 0;
    char *buf = malloc(cap + 1);
    if (!buf)
        s = gf_error_set(err, GF_ERR_MEMORY, "%s: out of memory for %zu bytes", path, cap);
    while (s == GF_OK) {
        if (len == cap) {   /* the file grew since fstat: keep reading, up to the limit */
            size_t grown_cap = cap <= max_bytes / 2 ? 2 * cap : max_bytes + 1;
            char *grown = realloc(buf, grown_cap + 1);
            if (!grown) {
                s = gf_error_set(err, GF_ERR_MEMORY, "%s: out of memory", path);
                break;
            }
            buf = grown;
            cap = grown_cap;
        }
        const ssize_t n = read(fd, buf + len, cap - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            s = gf_error_set(err, GF_ERR_IO, "%s: read error (%s)", path, strerror(errno));
        else if (n == 0)
            break;
        else if ((len += (size_t)n) > max_bytes)
            s = gf_error_set(err, GF_ERR_RANGE, "%s: over the limit of %zu bytes", path,
                             max_bytes);
    }
    close(fd);
    if (s != GF_OK) {
        free(buf);
        return s;
    }
    buf[len] = '\0';
    *data = buf;
    *length = len;
    return GF_OK;
}

/* ---- writing a whole file --------------------------------------------------------- */

/* "<path>.<8 hex digits>.tmp", the digits mixed from the process id, the
 * clock and the attempt; uniqueness is enforced by O_EXCL, not by luck. */
static void file_tmp_name(char *buf, size_t size, const char *path, unsigned attempt)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint32_t x = (uint32_t)getpid() * 2654435761u ^ (uint32_t)ts.tv_nsec ^
                 (uint32_t)ts.tv_sec * 40503u ^ attempt * 0x9E3779B9u;
    snprintf(buf, size, "%s.%08x.tmp", path, (unsigned)x);
}

static void file_out_release(gf_file_out *out)
{
    free(out->path);
    free(out->tmp_path);
    memset(out, 0, sizeof *out);
}

gf_status gf_file_out_begin(gf_file_out *out, const char *path, gf_error *err)
{
    memset(out, 0, sizeof *out);
    gf_status s = gf_file_check_output(path, err);   /* never replace a device or FIFO */
    if (s != GF_OK)
        return s;
    const size_t size = strlen(path) + 16;
    out->path = strdup(path);
    out->tmp_path = malloc(size);
    if (!out->path || !out->tmp_path) {
        file_out_release(out);
        return gf_error_set(err, GF_ERR_MEMORY, "%s: out of memory", path);
    }
    int fd = -1, e = EEXIST;
    for (unsigned attempt = 0; fd < 0 && e == EEXIST && attempt < FILE_TMP_ATTEMPTS; attempt++) {
        file_tmp_name(out->tmp_path, size, path, attempt);
        fd = open(out->tmp_path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        e = fd < 0 ? errno : 0;
    }
    if (fd >= 0)
        out->file = fdopen(fd, "wb");
    if (!out->file) {
        if (fd >= 0) {
            close(fd);
            unlink(out->tmp_path);
        }
        file_out_release(out);
        return gf_error_set(err, GF_ERR_IO, "%s: cannot create (%s)%s", path,
                            strerror(fd >= 0 ? ENOMEM : e),
                            e == ENOENT ? ": does its folder exist?" : "");
    }
    return GF_OK;
}

void gf_file_out_write(gf_file_out *out, const void *data, size_t n)
{
    if (!out->file || out->write_errno || n == 0)
        return;
    if (fwrite(data, 1, n, out->file) != n)
        out->write_errno = errno ? errno : EIO;
}

void gf_file_out_printf(gf_file_out *out, const char *fmt, ...)
{
    if (!out->file || out->write_errno)
        return;
    va_list args;
    va_start(args, fmt);
    if (vfprintf(out->file, fmt, args) < 0)
        out->write_errno = errno ? errno : EIO;
    va_end(args);
}

gf_status gf_file_out_finish(gf_file_out *out, gf_error *err)
{
    if (out->finished)
        return GF_OK;
    if (!out->file)
        return gf_error_set(err, GF_ERR_ARGUMENT, "file writer: nothing begun");
    int e = out->write_errno;
    if (!e && fflush(out->file) != 0)
        e = errno;
    if (!e && fsync(fileno(out->file)) != 0)
        e = errno;
    if (fclose(out->file) != 0 && !e)
        e = errno;
    out->file = NULL;
    if (e) {
        unlink(out->tmp_path);
        gf_status s = gf_error_set(err, GF_ERR_IO, "%s: write failed (%s)", out->path,
                                   strerror(e));
        file_out_release(out);
        return s;
    }
    out->finished = true;
    return GF_OK;
}

/* Make a rename in path's folder durable (best effort: not every file
 * system can sync a folder, and the rename itself has happened). */
static void file_sync_folder(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
    const int fd = dir ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    free(dir);
}

gf_status gf_file_out_commit(gf_file_out *out, gf_error *err)
{
    gf_status s = gf_file_out_finish(out, err);
    if (s != GF_OK)
        return s;
    /* Checked again: something may have appeared at the target since begin. */
    s = gf_file_check_output(out->path, err);
    if (s == GF_OK && rename(out->tmp_path, out->path) != 0)
        s = gf_error_set(err, GF_ERR_IO, "%s: cannot replace (%s)", out->path, strerror(errno));
    if (s == GF_OK)
        file_sync_folder(out->path);
    else
        unlink(out->tmp_path);
    file_out_release(out);
    return s;
}

void gf_file_out_abort(gf_file_out *out)
{
    if (!out)
        return;
    if (out->file)
        fclose(out->file);
    if (out->tmp_path)
        unlink(out->tmp_path);
    file_out_release(out);
}

gf_status gf_file_write_all(const char *path, const void *data, size_t n, gf_error *err)
{
    gf_file_out out;
    gf_status s = gf_file_out_begin(&out, path, err);
    if (s != GF_OK)
        return s;
    gf_file_out_write(&out, data, n);
    return gf_file_out_commit(&out, err);
}

/* ---- appending records --------------------------------------------------------- */

gf_status gf_file_log_open(gf_file_log *log, const char *path, gf_error *err)
{
    memset(log, 0, sizeof *log);
    log->fd = -1;
    if (!path || !path[0])
        return gf_error_set(err, GF_ERR_ARGUMENT, "no file name given (an empty path)");
    const int fd = open(path, O_WRONLY | O_APPEND | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        /* A FIFO without a reader fails with ENXIO: name what it is. */
        const int e = errno;
        struct stat sb;
        if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode))
            return gf_error_set(err, GF_ERR_IO, "%s: not a regular file (%s)", path,
                                gf_file_kind(sb.st_mode));
        return gf_error_set(err, GF_ERR_IO, "%s: cannot open to append (%s)", path, strerror(e));
    }
    struct stat sb;
    gf_status s = file_stat_regular(fd, path, &sb, err);
    log->path = s == GF_OK ? strdup(path) : NULL;
    if (s == GF_OK && !log->path)
        s = gf_error_set(err, GF_ERR_MEMORY, "%s: out of memory", path);
    if (s != GF_OK) {
        close(fd);
        free(log->path);
        log->path = NULL;
        return s;
    }
    const int flags = fcntl(fd, F_GETFL);
    if (flags >= 0)
        fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    log->fd = fd;
    log->size = (uint64_t)sb.st_size;
    return GF_OK;
}

gf_status gf_file_log_append(gf_file_log *log, const void *record, size_t n, gf_error *err)
{
    if (!log->path || log->fd < 0)
        return gf_error_set(err, GF_ERR_ARGUMENT, "log: not open");
    const char *p = record;
    size_t done = 0;
    while (done < n) {
        const ssize_t w = write(log->fd, p + done, n - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            const int e = w < 0 ? errno : EIO;
            /* Cut the half record back off: the log keeps whole lines only. */
            const bool cut = ftruncate(log->fd, (off_t)log->size) == 0;
            return gf_error_set(err, GF_ERR_IO, "%s: write failed (%s)%s", log->path,
                                strerror(e), cut ? "" : "; a partial line may remain");
        }
        done += (size_t)w;
    }
    log->size += n;
    return GF_OK;
}

gf_status gf_file_log_close(gf_file_log *log, gf_error *err)
{
    gf_status s = GF_OK;
    const bool open = log->path != NULL && log->fd >= 0;   /* a zeroed log owns no fd */
    if (open && fsync(log->fd) != 0 && errno != EINVAL)
        s = gf_error_set(err, GF_ERR_IO, "%s: write failed (%s)", log->path, strerror(errno));
    if (open && close(log->fd) != 0 && s == GF_OK)
        s = gf_error_set(err, GF_ERR_IO, "%s: write failed (%s)", log->path, strerror(errno));
    free(log->path);
    memset(log, 0, sizeof *log);
    log->fd = -1;
    return s;
}

/* ---- which file is which ------------------------------------------------------- */

bool gf_file_same(const char *a, const char *b)
{
    struct stat sa, sb;
    return a && b && stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

bool gf_file_inside(const char *path, const char *folder)
{
    struct stat target, here, up;
    if (!path || !folder || stat(folder, &target) != 0 || !S_ISDIR(target.st_mode))
        return false;
    /* Start at path's own folder: "dir/name" -> "dir", "name" -> ".". */
    const char *slash = strrchr(path, '/');
    const size_t start = slash ? (slash == path ? 1 : (size_t)(slash - path)) : 1;
    const size_t size = start + 3 * FILE_MAX_DEPTH + 2;
    char *walk = malloc(size);
    if (!walk)
        return false;
    if (slash)
        memcpy(walk, path, start);
    else
        walk[0] = '.';
    walk[start] = '\0';
    /* A folder that does not exist yet (an --out a command will create)
     * lies where its nearest existing ancestor does. */
    while (stat(walk, &here) != 0 && strrchr(walk, '/') && strrchr(walk, '/') != walk)
        *strrchr(walk, '/') = '\0';
    if (stat(walk, &here) != 0 && !strchr(walk, '/'))
        strcpy(walk, ".");
    bool inside = false;
    for (int depth = 0; depth < FILE_MAX_DEPTH && stat(walk, &here) == 0; depth++) {
        if (here.st_dev == target.st_dev && here.st_ino == target.st_ino) {
            inside = true;
            break;
        }
        strcat(walk, "/..");
        if (stat(walk, &up) != 0 || (up.st_dev == here.st_dev && up.st_ino == here.st_ino))
            break;   /* the root is its own parent */
    }
    free(walk);
    return inside;
}

gf_status gf_file_dir_ensure(const char *dir, bool *created, gf_error *err)
{
    *created = false;
    if (mkdir(dir, 0777) == 0) {
        *created = true;
        return GF_OK;
    }
    const int e = errno;
    struct stat sb;
    if (e == EEXIST && stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode))
        return GF_OK;
    if (e == EEXIST)
        return gf_error_set(err, GF_ERR_IO, "%s: exists and is not a folder", dir);
    return gf_error_set(err, GF_ERR_IO, "%s: cannot create folder: %s", dir, strerror(e));
}

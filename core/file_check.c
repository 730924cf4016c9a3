/* file_check.c — the regular-file check done before reading (see file_check.h). */
#include "file_check.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

const char *gf_file_kind(mode_t mode)
{
    return S_ISDIR(mode)                   ? "a folder"
           : S_ISFIFO(mode)                ? "a pipe (FIFO)"
           : S_ISCHR(mode) || S_ISBLK(mode) ? "a device"
                                           : "not a plain file";
}

gf_status gf_file_require_regular(const char *path, gf_error *err)
{
    struct stat sb;
    if (!path || !path[0])
        return gf_error_set(err, GF_ERR_ARGUMENT, "no file name given (an empty path)");
    if (stat(path, &sb) != 0)
        return gf_error_set(err, GF_ERR_IO, "%s: missing (%s)", path, strerror(errno));
    if (S_ISREG(sb.st_mode))
        return GF_OK;
    return gf_error_set(err, GF_ERR_IO, "%s: not a regular file (%s)", path,
                        gf_file_kind(sb.st_mode));
}

gf_status gf_file_check_output(const char *path, gf_error *err)
{
    struct stat sb;
    if (!path || !path[0])
        return gf_error_set(err, GF_ERR_ARGUMENT, "no file name given (an empty path)");
    if (stat(path, &sb) != 0 || S_ISREG(sb.st_mode))
        return GF_OK;
    return gf_error_set(err, GF_ERR_IO, "%s: %s, not a regular file: not replaced", path,
                        gf_file_kind(sb.st_mode));
}

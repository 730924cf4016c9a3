/* tok_file.c — whole-file reading with a size limit (see tok_file.h). */
#include "tok_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "file_check.h"
#include "tok_grow.h"

gf_status gf_tok_file_read(const char *path, size_t max, char **data, size_t *length,
                           gf_error *err)
{
    *data = NULL;
    *length = 0;
    gf_status regular = gf_file_require_regular(path, err);
    if (regular != GF_OK)
        return regular;
    FILE *f = fopen(path, "rb");
    if (!f)
        return gf_error_set(err, GF_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    struct stat sb;
    size_t cap = 0, len = 0, hint = 65536;
    if (fstat(fileno(f), &sb) == 0) {   /* a regular file (checked above): its size */
        if ((unsigned long long)sb.st_size > max) {
            fclose(f);
            return gf_error_set(err, GF_ERR_RANGE, "%s: %lld bytes is over the limit of %zu bytes",
                                path, (long long)sb.st_size, max);
        }
        hint = (size_t)sb.st_size + 1;
    }
    char *buf = gf_tok_grow(NULL, &cap, hint, 1);
    gf_status st = buf ? GF_OK : gf_error_set(err, GF_ERR_MEMORY, "%s: out of memory", path);
    /* Read until EOF; a file that grows meanwhile is still held to max.
     * Asking for one byte more than the size lets fread see EOF at once. */
    while (st == GF_OK) {
        if (len == cap) {
            char *grown = gf_tok_grow(buf, &cap, len + 1, 1);
            if (!grown) {
                st = gf_error_set(err, GF_ERR_MEMORY, "%s: out of memory", path);
                break;
            }
            buf = grown;
        }
        size_t want = cap - len, got = fread(buf + len, 1, want, f);
        len += got;
        if (len > max)
            st = gf_error_set(err, GF_ERR_RANGE, "%s: over the limit of %zu bytes", path, max);
        else if (got < want && ferror(f))
            st = gf_error_set(err, GF_ERR_IO, "%s: read error: %s", path, strerror(errno));
        else if (got < want)
            break;
    }
    if (st == GF_OK && len == cap) {
        char *grown = gf_tok_grow(buf, &cap, len + 1, 1);
        if (grown)
            buf = grown;
        else
            st = gf_error_set(err, GF_ERR_MEMORY, "%s: out of memory", path);
    }
    fclose(f);
    if (st != GF_OK) {
        free(buf);
        return st;
    }
    buf[len] = '\0';
    *data = buf;
    *length = len;
    return GF_OK;
}

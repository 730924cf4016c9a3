/* gf_error.c — filling error values (see gf_error.h). */
#include "gf_error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

gf_status gf_error_set(gf_error *err, gf_status status, const char *fmt, ...)
{
    if (err) {
        va_list args;
        va_start(args, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, args);
        va_end(args);
        err->status = status;
    }
    return status;
}

const char *gf_error_shown(const char *text, char *buf, size_t size)
{
    if (!buf || size == 0)
        return "";
    size_t n = 0;
    for (; text && text[n] && n + 1 < size; n++)
        buf[n] = (unsigned char)text[n] < 0x20 || text[n] == 0x7f ? '?' : text[n];
    buf[n] = '\0';
    if (text && text[n] && size > 4)
        memcpy(buf + size - 4, "...", 4);
    return buf;
}

void gf_error_clear(gf_error *err)
{
    if (err) {
        err->status = GF_OK;
        err->message[0] = '\0';
    }
}

const char *gf_status_name(gf_status status)
{
    switch (status) {
    case GF_OK: return "ok";
    case GF_ERR_IO: return "io";
    case GF_ERR_FORMAT: return "format";
    case GF_ERR_SHAPE: return "shape";
    case GF_ERR_RANGE: return "range";
    case GF_ERR_MEMORY: return "memory";
    case GF_ERR_ARGUMENT: return "argument";
    case GF_ERR_UTF8: return "utf8";
    }
    return "unknown";
}

/* gf_error.h — errors as values.
 *
 * Core never prints and never exits. Every fallible function returns a
 * gf_status and, when it fails, fills a gf_error whose message names the file
 * or field and the reason, e.g.
 *   "models/tiny/config.json: n_head: must divide n_embd (768 % 5 != 0)". */
#ifndef GF_ERROR_H
#define GF_ERROR_H

#include <stddef.h>

typedef enum {
    GF_OK = 0,
    GF_ERR_IO,        /* a file could not be opened, read or written        */
    GF_ERR_FORMAT,    /* a file is malformed (JSON, safetensors, merges)    */
    GF_ERR_SHAPE,     /* a tensor's shape disagrees with the config         */
    GF_ERR_RANGE,     /* a value is out of its allowed range                */
    GF_ERR_MEMORY,    /* an allocation failed or would be absurdly large    */
    GF_ERR_ARGUMENT,  /* the caller passed something invalid                */
    GF_ERR_UTF8       /* text is not valid UTF-8                            */
} gf_status;

#define GF_ERROR_MESSAGE_MAX 512

typedef struct {
    gf_status status;
    char message[GF_ERROR_MESSAGE_MAX];
} gf_error;

/* Fill *err (which may be NULL) with a printf-style message; returns status. */
gf_status gf_error_set(gf_error *err, gf_status status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Text from a file (a key, a value) fit for a one-line message: control
 * bytes become '?', and text longer than size - 1 bytes is cut to end in
 * "...". Returns buf. */
const char *gf_error_shown(const char *text, char *buf, size_t size);

/* Reset *err (which may be NULL) to GF_OK with an empty message. */
void gf_error_clear(gf_error *err);

/* A short English word for a status ("io", "format", ...). */
const char *gf_status_name(gf_status status);

#endif

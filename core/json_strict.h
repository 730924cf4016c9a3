/* json_strict.h — parsing a config file's JSON strictly: nothing but
 * whitespace after the value, and no object naming the same key twice (a
 * parser that keeps the first or the last would silently drop the other). */
#ifndef GF_JSON_STRICT_H
#define GF_JSON_STRICT_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "gf_error.h"

/* *out: the parsed value (cJSON_Delete it). Messages: "SOURCE: not valid JSON
 * (error near byte N)", "SOURCE: text after the JSON value (byte N)",
 * "SOURCE: key "K" given twice". */
gf_status gf_json_parse_strict(const char *text, size_t n, const char *source, cJSON **out,
                               gf_error *err);

#endif

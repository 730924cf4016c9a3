/* json_strict.c — strict JSON parsing for config files (see json_strict.h). */
#include "json_strict.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static int json_key_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The first key given twice in any object inside v, or NULL (depth is
 * bounded by cJSON's nesting limit). On a failed allocation *oom is set. */
static const char *json_twice(const cJSON *v, bool *oom)
{
    if (!cJSON_IsObject(v) && !cJSON_IsArray(v))
        return NULL;
    int n = cJSON_GetArraySize(v);
    if (cJSON_IsObject(v) && n > 1) {
        const char **keys = malloc((size_t)n * sizeof *keys);
        if (!keys) {
            *oom = true;
            return NULL;
        }
        int k = 0;
        for (const cJSON *c = v->child; c; c = c->next)
            keys[k++] = c->string ? c->string : "";
        qsort(keys, (size_t)k, sizeof *keys, json_key_cmp);
        const char *dup = NULL;
        for (int i = 1; i < k && !dup; i++)
            if (strcmp(keys[i - 1], keys[i]) == 0)
                dup = keys[i];
        free(keys);
        if (dup)
            return dup;
    }
    for (const cJSON *c = v->child; c && !*oom; c = c->next) {
        const char *dup = json_twice(c, oom);
        if (dup)
            return dup;
    }
    return NULL;
}

gf_status gf_json_parse_strict(const char *text, size_t n, const char *source, cJSON **out,
                               gf_error *err)
{
    *out = NULL;
    const char *end = NULL;
    cJSON *root = text ? cJSON_ParseWithLengthOpts(text, n, &end, 0) : NULL;
    size_t at = text && end && end >= text ? (size_t)(end - text) : 0;
    if (!root)
        return gf_error_set(err, GF_ERR_FORMAT, "%s: not valid JSON (error near byte %zu)",
                            source, at);
    while (at < n && text[at] != '\0' && strchr(" \t\r\n", text[at]))
        at++;
    gf_status s = GF_OK;
    bool oom = false;
    const char *dup = NULL;
    char shown[68];
    if (at < n)   /* a NUL inside the length counts as text too */
        s = gf_error_set(err, GF_ERR_FORMAT, "%s: text after the JSON value (byte %zu)", source,
                         at);
    else if ((dup = json_twice(root, &oom)) != NULL)
        s = gf_error_set(err, GF_ERR_FORMAT, "%s: key \"%s\" given twice", source,
                         gf_error_shown(dup, shown, sizeof shown));
    else if (oom)
        s = gf_error_set(err, GF_ERR_MEMORY, "%s: out of memory checking the keys", source);
    if (s != GF_OK) {
        cJSON_Delete(root);
        return s;
    }
    *out = root;
    return GF_OK;
}

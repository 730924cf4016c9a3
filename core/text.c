/* text.c — parsing, checking and filling the text files (see text.h). */
#include "text.h"

#include "file_io.h"
#include "tokenizer.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEXT_FILE_MAX (4u << 20)

static bool key_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '.';
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash != NULL ? slash + 1 : path;
}

/* Resolve \n and \\ in place; false on any other escape. */
static bool unescape(char *s)
{
    char *out = s;
    for (const char *p = s; *p != '\0'; p++) {
        if (*p != '\\') {
            *out++ = *p;
            continue;
        }
        p++;
        if (*p == 'n')
            *out++ = '\n';
        else if (*p == '\\')
            *out++ = '\\';
        else
            return false;
    }
    *out = '\0';
    return true;
}

static char *trim(char *s, char *end)
{
    while (s < end && (*s == ' ' || *s == '\t'))
        s++;
    while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
        end--;
    *end = '\0';
    return s;
}

gf_status gf_text_parse(gf_text *t, const char *text, size_t len, const char *source,
                        gf_error *err)
{
    memset(t, 0, sizeof *t);
    snprintf(t->source, sizeof t->source, "%s", source);
    size_t bad = 0;
    if (!gf_utf8_valid(text, len, &bad))
        return gf_error_set(err, GF_ERR_UTF8, "%s: not valid UTF-8 at byte %zu", source, bad);
    t->data = malloc(len + 1);
    size_t lines = 1;
    for (size_t i = 0; i < len; i++)
        lines += text[i] == '\n';
    t->items = calloc(lines, sizeof *t->items);
    if (t->data == NULL || t->items == NULL) {
        gf_text_free(t);
        return gf_error_set(err, GF_ERR_MEMORY, "%s: out of memory", source);
    }
    memcpy(t->data, text, len);
    t->data[len] = '\0';
    if (memchr(t->data, '\0', len) != NULL) {
        gf_text_free(t);
        return gf_error_set(err, GF_ERR_FORMAT, "%s: a NUL byte in the text", source);
    }
    char *p = t->data;
    for (int line = 1; *p != '\0' || p == t->data; line++) {
        char *nl = strchr(p, '\n');
        char *end = nl != NULL ? nl : p + strlen(p);
        char *next = nl != NULL ? nl + 1 : end;
        char *s = trim(p, end);
        if (*s != '\0' && *s != '#') {
            char *eq = strchr(s, '=');
            const char *why = NULL;
            if (eq == NULL)
                why = "expected 'key = value'";
            char *key = eq != NULL ? trim(s, eq) : s;
            for (const char *k = key; why == NULL && *k != '\0'; k++)
                if (!key_char(*k))
                    why = "a key is letters, digits, '_' and '.'";
            if (why == NULL && key[0] == '\0')
                why = "an empty key";
            char *value = eq != NULL ? trim(eq + 1, eq + 1 + strlen(eq + 1)) : NULL;
            if (why == NULL && !unescape(value))
                why = "an unknown escape (only \\n and \\\\)";
            if (why == NULL && gf_text_get(t, key) != NULL)
                why = "this key was given before";
            if (why != NULL) {
                gf_status st = gf_error_set(err, GF_ERR_FORMAT, "%s:%d: %s", source, line, why);
                gf_text_free(t);
                return st;
            }
            t->items[t->n++] = (gf_text_item){key, value, line};
        }
        if (nl == NULL)
            break;
        p = next;
    }
    return GF_OK;
}

gf_status gf_text_load(gf_text *t, const char *path, gf_error *err)
{
    memset(t, 0, sizeof *t);
    char *data = NULL;
    size_t len = 0;
    gf_status st = gf_file_read_all(path, TEXT_FILE_MAX, &data, &len, err);
    if (st != GF_OK)
        return st;
    st = gf_text_parse(t, data, len, path, err);
    free(data);
    return st;
}

void gf_text_free(gf_text *t)
{
    free(t->data);
    free(t->items);
    t->data = NULL;
    t->items = NULL;
    t->n = 0;
}

const char *gf_text_get(const gf_text *t, const char *key)
{
    for (int i = 0; i < t->n; i++)
        if (strcmp(t->items[i].key, key) == 0)
            return t->items[i].value;
    return NULL;
}

/* The printf conversions of s in order ("%d%s%.2f"), '%%' left out. */
static void conversions(const char *s, char *out, size_t size)
{
    size_t n = 0;
    for (const char *p = s; *p != '\0' && n + 2 < size; p++) {
        if (*p != '%')
            continue;
        p++;
        if (*p == '%')
            continue;
        out[n++] = '%';
        while (*p != '\0' && strchr("diouxXfeEgGscp", *p) == NULL && n + 2 < size)
            out[n++] = *p++;
        if (*p == '\0')
            break;
        out[n++] = *p;
    }
    out[n] = '\0';
}

/* Whether every {slot} of a is also in b. */
static bool slots_within(const char *a, const char *b)
{
    for (const char *p = strchr(a, '{'); p != NULL; p = strchr(p + 1, '{')) {
        const char *close = strchr(p, '}');
        if (close == NULL)
            return true;
        size_t n = (size_t)(close - p + 1);
        bool found = false;
        for (const char *q = strchr(b, '{'); q != NULL && !found; q = strchr(q + 1, '{'))
            found = strncmp(p, q, n) == 0;
        if (!found)
            return false;
    }
    return true;
}

gf_status gf_text_check(const gf_text *t, const gf_text *ref, gf_error *err)
{
    const char *name = base_name(t->source), *ref_name = base_name(ref->source);
    for (int i = 0; i < ref->n; i++) {
        const gf_text_item *r = &ref->items[i];
        const char *v = gf_text_get(t, r->key);
        if (v == NULL)
            return gf_error_set(err, GF_ERR_FORMAT, "%s: missing key %s (%s:%d has it)", name,
                                r->key, ref_name, r->line);
        char a[64], b[64];
        conversions(r->value, a, sizeof a);
        conversions(v, b, sizeof b);
        int line = 0;
        for (int j = 0; j < t->n && line == 0; j++)
            if (strcmp(t->items[j].key, r->key) == 0)
                line = t->items[j].line;
        if (strcmp(a, b) != 0)
            return gf_error_set(err, GF_ERR_FORMAT,
                                "%s:%d: %s: printf conversions \"%s\", %s has \"%s\"", name, line,
                                r->key, b, ref_name, a);
        if (!slots_within(r->value, v) || !slots_within(v, r->value))
            return gf_error_set(err, GF_ERR_FORMAT, "%s:%d: %s: the {slots} differ from %s's",
                                name, line, r->key, ref_name);
    }
    for (int i = 0; i < t->n; i++)
        if (gf_text_get(ref, t->items[i].key) == NULL)
            return gf_error_set(err, GF_ERR_FORMAT, "%s:%d: %s: not a key of %s", name,
                                t->items[i].line, t->items[i].key, ref_name);
    return GF_OK;
}

size_t gf_text_fill(const char *template_text, const gf_text_slot *slots, int n_slots, char *buf,
                    size_t size)
{
    size_t n = 0;
    for (const char *p = template_text; *p != '\0';) {
        const char *add = p;
        size_t add_n = 1, skip = 1;
        if (*p == '{') {
            const char *close = strchr(p, '}');
            for (int i = 0; close != NULL && i < n_slots; i++) {
                size_t k = strlen(slots[i].name);
                if ((size_t)(close - p - 1) == k && strncmp(p + 1, slots[i].name, k) == 0) {
                    add = slots[i].value;
                    add_n = strlen(add);
                    skip = k + 2;
                    break;
                }
            }
        }
        for (size_t i = 0; i < add_n; i++, n++)
            if (size > 0 && n + 1 < size)
                buf[n] = add[i];
        p += skip;
    }
    if (size > 0)
        buf[n < size ? n : size - 1] = '\0';
    return n;
}

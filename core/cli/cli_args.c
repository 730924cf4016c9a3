/* cli_args.c — one pass over a command's words (see cli_args.h). */
#include "cli_args.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CLI_REASON_MAX 600

/* Write text on one line: control bytes (a newline in a path, say) become '?'. */
static void cli_put_line(FILE *out, const char *text)
{
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        fputc(*p < 0x20 || *p == 0x7f ? '?' : *p, out);
    fputc('\n', out);
}

int cli_fail_usage(const char *command, const char *fmt, ...)
{
    char reason[CLI_REASON_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    char line[CLI_REASON_MAX + 128];
    snprintf(line, sizeof line, "%s: %s: %s", CLI_PROGRAM, command, reason);
    cli_put_line(stderr, line);
    return CLI_EXIT_USAGE;
}

int cli_fail_runtime(const gf_error *err)
{
    char line[GF_ERROR_MESSAGE_MAX + 64];
    const char *message = err && err->message[0] ? err->message : "unknown error";
    snprintf(line, sizeof line, "%s: %s", CLI_PROGRAM, message);
    cli_put_line(stderr, line);
    return CLI_EXIT_RUNTIME;
}

void cli_warn(const char *message)
{
    char line[GF_ERROR_MESSAGE_MAX + 64];
    snprintf(line, sizeof line, "%s: warning: %s", CLI_PROGRAM, message);
    cli_put_line(stderr, line);
}

/* "-5", "-0.5": a bare word that merely starts with a dash. */
static bool cli_is_number_like(const char *s)
{
    char *end = NULL;
    errno = 0;
    (void)strtod(s, &end);
    return end != s && *end == '\0';
}

/* The option named by word ("--top-k", "--top-k=5", "-n"), or NULL.
 * *value is set to the text after '=' when there is one. */
static cli_option *cli_find(cli_spec *spec, const char *word, const char **value)
{
    const char *eq = strncmp(word, "--", 2) == 0 ? strchr(word, '=') : NULL;
    size_t len = eq ? (size_t)(eq - word) : strlen(word);
    *value = eq ? eq + 1 : NULL;
    for (int i = 0; i < spec->n_options; i++) {
        const char *name = spec->options[i].name;
        if (strlen(name) == len && strncmp(name, word, len) == 0)
            return &spec->options[i];
    }
    return NULL;
}

static bool cli_is_known_option(cli_spec *spec, const char *word)
{
    const char *value;
    return word[0] == '-' && cli_find(spec, word, &value) != NULL;
}

/* Store a whole number in [min, max]. */
static int cli_store_int(const cli_spec *spec, cli_option *opt, const char *text)
{
    char *end = NULL;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (text[0] == '\0' || isspace((unsigned char)text[0]) || end == text || *end != '\0')
        return cli_fail_usage(spec->command, "%s: not a whole number: '%s'", opt->name, text);
    if (errno == ERANGE || (double)v < opt->min || (double)v > opt->max)
        return cli_fail_usage(spec->command, "%s: must be between %.0f and %.0f (got %s)",
                              opt->name, opt->min, opt->max, text);
    *opt->dest.i = (int)v;
    return CLI_EXIT_OK;
}

/* Store a finite number in [min, max] or (min, max]. */
static int cli_store_float(const cli_spec *spec, cli_option *opt, const char *text)
{
    char *end = NULL;
    errno = 0;
    double v = strtod(text, &end);
    if (text[0] == '\0' || isspace((unsigned char)text[0]) || end == text || *end != '\0' ||
        isnan(v))
        return cli_fail_usage(spec->command, "%s: not a number: '%s'", opt->name, text);
    bool below = opt->min_exclusive ? !(v > opt->min) : v < opt->min;
    if (!isfinite(v) || below || v > opt->max)
        return cli_fail_usage(spec->command, "%s: must be in %c%g, %g] (got %s)", opt->name,
                              opt->min_exclusive ? '(' : '[', opt->min, opt->max, text);
    *opt->dest.f = v;
    return CLI_EXIT_OK;
}

/* Store an unsigned 64-bit number: digits only (strtoull would accept "-1"). */
static int cli_store_u64(const cli_spec *spec, cli_option *opt, const char *text)
{
    char *end = NULL;
    errno = 0;
    unsigned long long v = isdigit((unsigned char)text[0]) ? strtoull(text, &end, 10) : 0;
    if (!isdigit((unsigned char)text[0]) || *end != '\0')
        return cli_fail_usage(spec->command, "%s: not a whole number >= 0: '%s'", opt->name,
                              text);
    if (errno == ERANGE)
        return cli_fail_usage(spec->command, "%s: must be below 2^64 (got %s)", opt->name,
                              text);
    *opt->dest.u = (uint64_t)v;
    return CLI_EXIT_OK;
}

static int cli_list_append(const cli_spec *spec, cli_option *opt, const char *text)
{
    cli_list *list = opt->dest.list;
    if (list->count >= list->capacity)
        return cli_fail_usage(spec->command, "%s: too many values", opt->name);
    list->items[list->count++] = text;
    return CLI_EXIT_OK;
}

static int cli_store(const cli_spec *spec, cli_option *opt, const char *text)
{
    switch (opt->kind) {
    case CLI_OPT_STRING: *opt->dest.str = text; return CLI_EXIT_OK;
    case CLI_OPT_LIST: return cli_list_append(spec, opt, text);
    case CLI_OPT_INT: return cli_store_int(spec, opt, text);
    case CLI_OPT_FLOAT: return cli_store_float(spec, opt, text);
    case CLI_OPT_U64: return cli_store_u64(spec, opt, text);
    case CLI_OPT_FLAG: break;
    }
    return cli_fail_usage(spec->command, "%s: internal error: bad option kind", opt->name);
}

/* One option word at argv[*i]; may consume the next word as its value.
 * *open_list is the list option that bare words now join, or NULL. */
static int cli_take_option(cli_spec *spec, int argc, char **argv, int *i,
                           cli_option **open_list)
{
    const char *word = argv[*i], *value = NULL;
    cli_option *opt = cli_find(spec, word, &value);
    *open_list = NULL;
    if (!opt)
        return cli_fail_usage(spec->command, "unknown option '%s'", word);
    opt->seen = true;
    if (opt->kind == CLI_OPT_FLAG) {
        if (value)
            return cli_fail_usage(spec->command, "%s: takes no value", opt->name);
        *opt->dest.flag = true;
        return CLI_EXIT_OK;
    }
    if (!value) {
        /* The next word is the value, unless it is one of our own options. */
        if (*i + 1 >= argc || cli_is_known_option(spec, argv[*i + 1]))
            return cli_fail_usage(spec->command, "%s: missing value", opt->name);
        value = argv[++*i];
    }
    if (opt->kind == CLI_OPT_LIST)
        *open_list = opt;
    return cli_store(spec, opt, value);
}

int cli_parse(cli_spec *spec, int argc, char **argv)
{
    for (int k = 0; k < spec->n_options; k++)
        spec->options[k].seen = false;
    bool options_done = false;
    cli_option *open_list = NULL;
    int n_positional = 0;
    for (int i = 0; i < argc; i++) {
        const char *word = argv[i];
        if (!options_done && strcmp(word, "--") == 0) {
            options_done = true;
            open_list = NULL;
            continue;
        }
        if (!options_done && word[0] == '-' && word[1] != '\0' &&
            (cli_is_known_option(spec, word) || !cli_is_number_like(word))) {
            int rc = cli_take_option(spec, argc, argv, &i, &open_list);
            if (rc != CLI_EXIT_OK)
                return rc;
            continue;
        }
        if (open_list && !options_done) {
            int rc = cli_list_append(spec, open_list, word);
            if (rc != CLI_EXIT_OK)
                return rc;
            continue;
        }
        if (!spec->positional_name || (n_positional >= 1 && !spec->positional_list))
            return cli_fail_usage(spec->command, "unexpected argument '%s'", word);
        if (spec->positional_list) {
            cli_list *list = spec->positional_list;
            if (list->count >= list->capacity)
                return cli_fail_usage(spec->command, "%s: too many values",
                                      spec->positional_name);
            list->items[list->count++] = word;
        } else {
            *spec->positional = word;
        }
        n_positional++;
    }
    for (int k = 0; k < spec->n_options; k++)
        if (spec->options[k].required && !spec->options[k].seen)
            return cli_fail_usage(spec->command, "%s: required (see --help)",
                                  spec->options[k].name);
    if (spec->positional_name && n_positional == 0)
        return cli_fail_usage(spec->command, "%s: missing (see --help)", spec->positional_name);
    return CLI_EXIT_OK;
}

/* cli_args.h — parsing one command's arguments and reporting failures.
 *
 * A command describes its options in a table of cli_option (name, kind,
 * where the value goes, the allowed range); cli_parse walks argv once:
 *   --flag VALUE, --flag=VALUE, -n VALUE, bare flags, "--" ends the options,
 *   a list option (--input A --input B, or --input A B C) collects values,
 *   numbers are checked completely ("--temperature: not a number: 'abc'").
 * Usage errors print one line "glassformer-cli: <cmd>: <reason>" and mean
 * exit status 2; runtime failures print "glassformer-cli: <message>" and
 * mean exit status 1. */
#ifndef CLI_ARGS_H
#define CLI_ARGS_H

#include <stdbool.h>
#include <stdint.h>

#include "gf_error.h"

#define CLI_PROGRAM "glassformer-cli"

enum { CLI_EXIT_OK = 0, CLI_EXIT_RUNTIME = 1, CLI_EXIT_USAGE = 2 };

typedef enum {
    CLI_OPT_FLAG,    /* no value; sets *dest.flag                           */
    CLI_OPT_STRING,  /* one value; the last one given wins                  */
    CLI_OPT_LIST,    /* one or more values, repeatable; bare words after it join */
    CLI_OPT_INT,     /* a whole number within [min, max]                    */
    CLI_OPT_FLOAT,   /* a finite number within [min, max] (or (min, max])   */
    CLI_OPT_U64      /* an unsigned 64-bit number (seeds)                   */
} cli_opt_kind;

typedef struct {
    const char **items;   /* (capacity) pointers into argv, owned by the caller */
    int count;
    int capacity;         /* argc is always enough                          */
} cli_list;

typedef struct {
    const char *name;     /* "--model", "-n"                                */
    cli_opt_kind kind;
    bool required;
    double min, max;      /* CLI_OPT_INT / CLI_OPT_FLOAT: inclusive range   */
    bool min_exclusive;   /* CLI_OPT_FLOAT: (min, max]                      */
    union {
        bool *flag;
        const char **str;
        cli_list *list;
        int *i;
        double *f;
        uint64_t *u;
    } dest;
    bool seen;            /* set by cli_parse                               */
} cli_option;

typedef struct {
    const char *command;          /* name used in messages, e.g. "generate" */
    cli_option *options;
    int n_options;
    const char *positional_name;  /* e.g. "TEXT"; NULL: no bare words allowed */
    const char **positional;      /* out: the one positional argument       */
    cli_list *positional_list;    /* instead: one or more bare words (FILE...) */
} cli_spec;

/* Parse argv[0..argc) (the words after the command name). Returns
 * CLI_EXIT_OK, or CLI_EXIT_USAGE after printing one line on stderr. */
int cli_parse(cli_spec *spec, int argc, char **argv);

/* Print "glassformer-cli: <cmd>: <reason>"; returns CLI_EXIT_USAGE. */
int cli_fail_usage(const char *command, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Print "glassformer-cli: <err->message>"; returns CLI_EXIT_RUNTIME. */
int cli_fail_runtime(const gf_error *err);
/* "glassformer-cli: warning: MESSAGE" on one line of stderr (the command goes on). */
void cli_warn(const char *message);

#endif

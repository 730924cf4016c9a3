/* cli_vectors.h — what the analogy and neighbours commands share: opening
 * the word space (--vectors DIR, --model DIR, or the shipped folder), the
 * glossary beside it, and printing "RANK<TAB>WORD<TAB>COSINE" lines. */
#ifndef CLI_VECTORS_H
#define CLI_VECTORS_H

#include <stdbool.h>

#include "analogy.h"
#include "cli_args.h"
#include "glossary.h"
#include "vectors.h"

#define CLI_VECTORS_DEFAULT_K 10
#define CLI_VECTORS_MAX_K 1000

typedef struct {
    gf_vectors vectors;
    gf_glossary *glossary;     /* NULL when there is none to read */
} cli_word_space;

/* The options both commands take: --vectors DIR, --model DIR, -k N. */
typedef struct {
    const char *vectors_dir;   /* NULL: not given */
    const char *model_dir;     /* NULL: not given */
    int k;                     /* CLI_VECTORS_DEFAULT_K when not given */
} cli_word_space_args;

/* Parse argv with those options; the command's bare words are spec's
 * (positional_name and positional or positional_list, set by the caller).
 * Returns cli_parse's exit status. */
int cli_word_space_parse(cli_spec *spec, int argc, char **argv, cli_word_space_args *args);

/* Open the word space args name: CLI_EXIT_OK, or a usage error when both
 * --vectors and --model are given, or a runtime error when opening fails
 * (one line on stderr either way). */
int cli_word_space_start(const char *command, const cli_word_space_args *args,
                         cli_word_space *s);

/* Open --vectors DIR or --model DIR (at most one of them; both NULL: the
 * shipped folder, $GLASSFORMER_ASSETS/vectors/en or the build's assets).
 * The glossary is DIR's glossary_ru.txt, or the shipped folder's for a
 * model; a missing glossary is no error, a damaged one is. */
gf_status cli_word_space_open(cli_word_space *s, const char *vectors_dir, const char *model_dir,
                              gf_error *err);
void cli_word_space_close(cli_word_space *s);

/* Parse and look up text, then print the k nearest words to the query,
 * the terms excluded. Exit status: 0, 1 (unknown word, zero vector), or 2
 * (empty or malformed expression); one line on stderr on failure.
 * single_word: the text must be one word (the neighbours command). */
int cli_word_space_run(const char *command, const cli_word_space *s, const char *text, int k,
                       bool single_word);

#endif

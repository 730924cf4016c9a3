/* analogy.h — word arithmetic: "king - man + woman" parsed into weighted
 * terms, the terms looked up (Russian words through the glossary), the
 * query vector summed from unit rows, and results labelled in the
 * language typed.
 *
 * The steps, in order, as the CLI and the analogy screen use them:
 *   gf_expr_parse      text -> terms (weights, words, byte spans) or a syntax error
 *   gf_analogy_lookup  terms -> rows (or the first unknown word and suggestions)
 *   gf_analogy_query   rows -> query = Σ weight · unit row     (D)
 *   gf_vectors_nearest query -> best rows, the terms' words (t->exclude) left out
 *   gf_analogy_label   row -> the word to show (Russian label when typed in Russian) */
#ifndef GF_ANALOGY_H
#define GF_ANALOGY_H

#include <stdbool.h>

#include "gf_error.h"
#include "glossary.h"
#include "vectors.h"
#include "word_text.h"

#define GF_EXPR_MAX_TERMS 16
#define GF_ANALOGY_SUGGESTIONS 5

typedef struct {
    double weight;              /* signed: "- 0.5*man" gives -0.5              */
    char word[GF_WORD_MAX];     /* as typed                                    */
    int start, end;             /* the word's bytes in the text: [start, end)  */
} gf_expr_term;

typedef struct {
    gf_expr_term terms[GF_EXPR_MAX_TERMS];
    int count;
    int error_at;               /* byte offset of a syntax error, else -1      */
} gf_expr;

/* Grammar: [sign] term (sign term)*, where sign is +, - or − (U+2212, also
 * – U+2013), term is [NUMBER (* | × | ·)] WORD, NUMBER is digits with at
 * most one '.', and WORD is letters (Latin or Cyrillic). Spaces anywhere
 * between. An empty text or a syntax error gives GF_ERR_FORMAT with a
 * message saying what was expected and at which character (e->error_at
 * set). */
gf_status gf_expr_parse(const char *text, gf_expr *e, gf_error *err);

typedef struct {
    int rows[GF_EXPR_MAX_TERMS];          /* each term's row; -1 when unknown  */
    const char *looked_up[GF_EXPR_MAX_TERMS]; /* the word found in the vectors:
                                             the glossary's English for a
                                             Russian term (NULL when unknown) */
    int exclude[GF_EXPR_MAX_TERMS * 4];   /* rows to leave out of the results:
                                             the terms' rows and the same words
                                             in other case (" King", a model's) */
    int n_exclude;
    bool russian;                         /* a term is Cyrillic: Russian labels */
    int unknown;                          /* the first unknown term, or -1     */
    const char *suggestions[GF_ANALOGY_SUGGESTIONS];  /* for it, closest first */
    int n_suggestions;
} gf_analogy_terms;

/* Look every term up (glossary may be NULL: Cyrillic words are then
 * unknown). An unknown word gives GF_ERR_ARGUMENT with one line naming it
 * and its suggestions, e.g. "unknown word 'kinng' (closest: king, kings)"
 * or "'корол' is not in the glossary (closest: король)"; t->unknown and
 * t->suggestions say the same as data. */
gf_status gf_analogy_lookup(const gf_vectors *v, const gf_glossary *glossary, const gf_expr *e,
                            gf_analogy_terms *t, gf_error *err);

/* query (v->dim floats) = Σ weight_i · unit row_i. An all-zero sum (as in
 * "king - king") gives GF_ERR_RANGE. */
gf_status gf_analogy_query(const gf_vectors *v, const gf_expr *e, const gf_analogy_terms *t,
                           float *query, gf_error *err);

/* The word to show for a row: its Russian label when `russian` and the
 * glossary has one, else the word itself. */
const char *gf_analogy_label(const gf_vectors *v, const gf_glossary *glossary, bool russian,
                             int row);

#endif

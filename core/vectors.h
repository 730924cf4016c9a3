/* vectors.h — a word-vector space: words, one unit-length F32 row each,
 * and nearest neighbours by cosine.
 *
 * Two sources fill the same struct:
 *   - a vectors folder: vectors.safetensors (tensor "vectors", [N, D], F16,
 *     BF16 or F32) + words.txt (N words, one a line, row order) + a card;
 *   - a model's token embeddings wte (V, C): the tokens that are a whole word
 *     with GPT-2's leading space (" king", written "Ġking" in vocab.json),
 *     labelled without the space.
 * Rows are scaled to length 1 when loaded, so a cosine is a dot product. */
#ifndef GF_VECTORS_H
#define GF_VECTORS_H

#include <stdint.h>

#include "gf_error.h"
#include "model.h"
#include "str_table.h"

#define GF_VECTORS_FILE "vectors.safetensors"
#define GF_VECTORS_WORDS_FILE "words.txt"
#define GF_VECTORS_TENSOR "vectors"
#define GF_VECTORS_MAX_DIM 65536
#define GF_VECTORS_SUGGEST_MAX 8   /* most suggestions gf_vectors_suggest gives */

typedef enum { GF_VECTORS_FOLDER = 0, GF_VECTORS_MODEL } gf_vectors_kind;

typedef struct {
    gf_vectors_kind kind;
    int count;                 /* N words                                    */
    int dim;                   /* D                                          */
    float *unit;               /* (N, D) each row of length 1                */
    char **words;              /* (N) the word as shown, into `text`         */
    char *text;                /* every word, NUL-terminated, owned          */
    int32_t *token_ids;        /* (N) the model's token id; NULL for a folder */
    gf_str_table exact;        /* word -> row (value)                        */
    gf_str_table folded;       /* gf_word_fold(word) -> its first row, for the
                                  words that folding changes ("King")         */
    char source[512];          /* folder path or model name, for messages    */
} gf_vectors;

typedef struct {
    int row;
    float cosine;
} gf_vectors_hit;

/* Load a vectors folder. Checks: the tensor is 2-D with D <= GF_VECTORS_MAX_DIM,
 * words.txt has exactly N lines, each a non-empty, valid UTF-8 word with
 * no whitespace, no word twice, every value finite and no row all zeros.
 * Errors name the file and line (or row), e.g.
 *   "DIR/words.txt: line 7: 'king' is already on line 3". */
gf_status gf_vectors_load(gf_vectors *v, const char *dir, gf_error *err);

/* gf_vectors_load's checks of words.txt alone, on text in memory (length
 * bytes, need not be NUL-terminated) for `count` rows, named source in
 * messages: v gets the words and their index but no vectors (dim 0), so
 * only gf_vectors_find and v->words are meaningful. For the fuzz harness. */
gf_status gf_vectors_words_parse(gf_vectors *v, const char *text, size_t length, int count,
                                 const char *source, gf_error *err);

/* The single-token words of a model's token embeddings (see above). */
gf_status gf_vectors_from_model(gf_vectors *v, const gf_model *m, gf_error *err);
/* The same from any (n_tokens, dim) table and its tokenizer. */
gf_status gf_vectors_from_embeddings(gf_vectors *v, const float *wte, int n_tokens, int dim,
                                     const gf_tokenizer *tok, const char *source,
                                     gf_error *err);

void gf_vectors_free(gf_vectors *v);

/* The row of a word: exactly as written, else its folded form as written
 * (case-insensitive, ё = е), else the first word that folds the same, else -1. */
int gf_vectors_find(const gf_vectors *v, const char *word);

/* A unit row (D floats). */
static inline const float *gf_vectors_row(const gf_vectors *v, int row)
{
    return v->unit + (int64_t)row * v->dim;
}

/* The k rows closest to query (D floats, any nonzero length) by cosine,
 * best first, equal cosines by lower row; the `n_exclude` rows in exclude
 * are skipped. Writes min(k, rows left) hits and returns that number (0 for
 * a zero query). */
int gf_vectors_nearest(const gf_vectors *v, const float *query, const int *exclude,
                       int n_exclude, gf_vectors_hit *hits, int k);

/* Up to max_out rows whose words are closest to `word` in edit distance
 * (case-folded), closest first, then by row; only words within
 * max(2, letters / 2) edits; at most GF_VECTORS_SUGGEST_MAX. Returns the
 * number written. */
int gf_vectors_suggest(const gf_vectors *v, const char *word, int *rows, int max_out);

#endif

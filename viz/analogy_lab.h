/* analogy_lab.h — the state of the analogy screen, without any drawing:
 * the two word spaces (the shipped word vectors and the loaded GPT's own
 * token embeddings), the expression line, and the last good answer (ranked
 * words, their cosines, and a 2-D and 3-D PCA of the words to plot).
 *
 * Every keystroke re-runs core's steps (analogy.h): parse, look up, sum,
 * nearest words, PCA. A half-typed or wrong expression sets `status` (and
 * what to say about it) but keeps the last good answer on screen. */
#ifndef GF_VIZ_ANALOGY_LAB_H
#define GF_VIZ_ANALOGY_LAB_H

#include <stdbool.h>
#include <stdint.h>

#include "analogy.h"
#include "glossary.h"
#include "model.h"
#include "vectors.h"

#define GF_LAB_TEXT_MAX 512
#define GF_LAB_RESULTS 10          /* ranked words listed                  */
#define GF_LAB_PLOTTED 6           /* of them, plotted with the inputs     */
#define GF_LAB_POINTS (GF_EXPR_MAX_TERMS + GF_LAB_PLOTTED)
#define GF_LAB_HOVER_NEAREST 4

typedef enum { GF_LAB_WORDS = 0, GF_LAB_GPT, GF_LAB_SOURCES } gf_lab_source;

typedef enum {
    GF_LAB_OK = 0,
    GF_LAB_EMPTY,        /* nothing typed: show the hint                    */
    GF_LAB_SYNTAX,       /* half-typed ("king -"): error_at says where      */
    GF_LAB_UNKNOWN,      /* a word not in the space: bad_word, suggestions  */
    GF_LAB_CANCELS,      /* the words cancel out ("king - king")            */
    GF_LAB_NO_SPACE      /* the chosen space could not be loaded: space_error */
} gf_lab_status;

/* One plotted word. */
typedef struct {
    int row;                       /* in the space                          */
    int term;                      /* the expression term it is, or −1      */
    int rank;                      /* its rank among the results (0 = best), or −1 */
    float cosine;                  /* with the sum of the expression        */
    char label[GF_WORD_MAX];
} gf_lab_point;

/* The answer to one complete expression in one space. */
typedef struct {
    gf_lab_source source;
    char text[GF_LAB_TEXT_MAX];    /* the expression it answers             */
    gf_expr expr;
    bool russian;                  /* labels are the glossary's Russian     */
    int n_results;
    int rows[GF_LAB_RESULTS];      /* best first                            */
    float cosines[GF_LAB_RESULTS];
    char labels[GF_LAB_RESULTS][GF_WORD_MAX];
    int term_point[GF_EXPR_MAX_TERMS]; /* term i is point term_point[i]     */
    int n_points;
    gf_lab_point points[GF_LAB_POINTS];
    float xy[GF_LAB_POINTS][2];    /* core's PCA, 2 components              */
    float xyz[GF_LAB_POINTS][3];   /* core's PCA, 3 components              */
    float sum_xy[2], sum_xyz[3];   /* where Σ weight · row lands: linear, so
                                      Σ weight · (its terms' coordinates)  */
    double variance2[2], variance3[3];
    double total_variance;         /* of the plotted rows, all dimensions   */
} gf_lab_answer;

typedef struct gf_analogy_lab {
    gf_vectors space[GF_LAB_SOURCES];
    bool loaded[GF_LAB_SOURCES];
    bool tried[GF_LAB_SOURCES];
    char space_error[GF_LAB_SOURCES][GF_ERROR_MESSAGE_MAX];
    gf_glossary *glossary;         /* NULL when the file is missing          */
    gf_lab_source source;

    char text[GF_LAB_TEXT_MAX];    /* the expression line                   */
    bool focus;                    /* the line has the keyboard             */
    gf_lab_status status;          /* of text                               */
    int error_at, error_end;       /* SYNTAX: where parsing stopped to the end;
                                      UNKNOWN: the word's bytes [at, end)    */
    char bad_word[GF_WORD_MAX];    /* GF_LAB_UNKNOWN                         */
    char suggestions[256];         /* GF_LAB_UNKNOWN: "king, kong, kind"     */
    bool has_answer;
    gf_lab_answer answer;          /* the last good one (drawn)              */
    uint64_t generation;           /* grows when the answer changes         */
    int preset;                    /* last preset shown, −1: none yet        */

    bool three_d;                  /* the plot: 3-D, orbited               */
    float yaw, pitch;              /* its camera, radians                   */
    int line_x, line_y, line_w, line_h; /* last frame's expression line (clicks) */
    int n_marks;                   /* last frame's map: each point, then the sum, */
    float marks[GF_LAB_POINTS + 1][2]; /* on screen (0 when no map was drawn)    */

    float *scratch;                /* (GF_LAB_POINTS + 1, dim) rows for PCA  */
    int scratch_dim;
    int hover_row;                 /* the hovered word's nearest, cached     */
    gf_lab_source hover_source;
    int n_hover;
    gf_vectors_hit hover_hits[GF_LAB_HOVER_NEAREST];
} gf_analogy_lab;

/* Load the word vectors of vectors_dir (and its glossary_ru.txt). A failure
 * is kept in the lab (status GF_LAB_NO_SPACE), never fatal. */
void gf_lab_init(gf_analogy_lab *lab, const char *vectors_dir);
void gf_lab_free(gf_analogy_lab *lab);

/* Replace the expression and recompute (see the file comment). */
void gf_lab_set_text(gf_analogy_lab *lab, const char *text);
/* Switch to a space; GF_LAB_GPT is built from model on first use. The
 * answer of the other space is dropped, then text is recomputed. */
void gf_lab_set_source(gf_analogy_lab *lab, gf_lab_source source, const gf_model *model);
/* The next (step +1) or previous (−1) preset, in Russian or English. */
void gf_lab_cycle_preset(gf_analogy_lab *lab, int step, bool russian);

/* Whether the answer's expression is a − b + c (weights 1, −1, 1 in any
 * order): then the terms a (the first +), b (the −) and c (the other +),
 * and the picture is the parallelogram b → c, a → answer. */
bool gf_lab_parallelogram(const gf_lab_answer *a, int *term_a, int *term_b, int *term_c);
/* The space in use, or NULL when it failed to load. */
const gf_vectors *gf_lab_space(const gf_analogy_lab *lab);
/* The word to show for a row (Russian when the answer is Russian). */
const char *gf_lab_label(const gf_analogy_lab *lab, int row);
/* The words nearest to row (itself left out), cached; returns how many. */
int gf_lab_nearest_of(gf_analogy_lab *lab, int row, const gf_vectors_hit **hits);

#endif

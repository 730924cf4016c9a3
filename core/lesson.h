/* lesson.h — a guided lesson: a text file a teacher writes (lessons/README.md).
 *
 * A lesson is a header (title, model) and a list of steps. Each step sets
 * the viewer's state (prompt, screen, layer, head, position, temperature,
 * seed, top-k, top-p, analogy expression, highlighted cell, the model, an
 * explanation panel and the temperature screen's beam tree) and carries text in which placeholders such as
 * {top1} are filled from the real trace when the step is shown. Settings
 * carry over from step to step unless a step changes them; `cell`, `ask`
 * `explain` and `beams` belong to their own step only.
 *
 * The parser checks the form (keys, numbers, names, placeholders) and fails
 * at the first problem with "file:line:col: expected …". Whether a layer,
 * head, word or prompt fits a model is the checker's business
 * (lesson_check.h). No SDL here. */
#ifndef GF_LESSON_H
#define GF_LESSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gf_error.h"

/* The settings a step may carry, in the order the README lists them. */
typedef enum {
    GF_LESSON_KEY_PROMPT = 0,
    GF_LESSON_KEY_SCREEN,
    GF_LESSON_KEY_LAYER,
    GF_LESSON_KEY_HEAD,
    GF_LESSON_KEY_POSITION,
    GF_LESSON_KEY_TEMPERATURE,
    GF_LESSON_KEY_SEED,
    GF_LESSON_KEY_ANALOGY,
    GF_LESSON_KEY_CELL,
    GF_LESSON_KEY_ASK,
    GF_LESSON_KEY_MODEL,
    GF_LESSON_KEY_TOP_K,
    GF_LESSON_KEY_TOP_P,
    GF_LESSON_KEY_EXPLAIN,
    GF_LESSON_KEY_BEAMS,
    GF_LESSON_KEY_COUNT
} gf_lesson_key;

/* What a predict-before-reveal question asks; the reveal is the next step,
 * whose {answer} the player computes from the trace. */
typedef enum {
    GF_LESSON_ASK_NONE = 0,
    GF_LESSON_ASK_NEXT,       /* the most likely next token after `position` */
    GF_LESSON_ASK_ATTENTION,  /* the token `position` attends to most
                                 (at `layer`, `head`)                        */
    GF_LESSON_ASK_ANALOGY     /* the nearest word to the `analogy` expression */
} gf_lesson_ask;

#define GF_LESSON_MODEL_MAX 64
#define GF_LESSON_EXPLAIN_KEY_MAX 32

/* Where something was written: 1-based line and column (in characters). */
typedef struct {
    int line, col;
} gf_lesson_where;

typedef struct {
    char *heading;            /* the text after "---" (may be empty)         */
    char *prompt;             /* carried over                                */
    char *screen;             /* a stage key or a screen name (lesson_screens.h) */
    int layer, head;          /* 0-based                                     */
    int position;             /* 0-based; −1: the last token                 */
    float temperature;
    uint64_t seed;
    char *analogy;            /* expression, or NULL                         */
    int cell_row, cell_col;   /* highlighted attention cell (query, key);
                                 −1: none                                    */
    gf_lesson_ask ask;
    char model[GF_LESSON_MODEL_MAX]; /* folder under assets/models/; carried
                                 over (the header's `model:` starts it)     */
    int top_k;                /* 0: off; carried over                        */
    float top_p;              /* 1: off; carried over                        */
    char explain_key[GF_LESSON_EXPLAIN_KEY_MAX]; /* `explain: KEY ROW COL`:
                                 a trace key (the viewer's --explain), ""
                                 when none; this step only                   */
    int explain_row, explain_col;
    int beams;                /* `beams: N`: the temperature screen shows the
                                 beam search's tree (N beams, 1..16) in its
                                 chart's place; 0: the chart. This step only */
    char *text;               /* paragraphs, separated by "\n"               */
    gf_lesson_where at;       /* the "---" line                              */
    gf_lesson_where text_at;  /* the text's first line                       */
    gf_lesson_where *placeholder_at; /* each placeholder of text, in order   */
    int n_placeholders;
    gf_lesson_where set_at[GF_LESSON_KEY_COUNT]; /* where each value came from
                                 (line 0: never set, the default)            */
} gf_lesson_step;

typedef struct {
    char *path;               /* as given to gf_lesson_load                  */
    char *title;
    char *model;              /* folder name under assets/models/            */
    gf_lesson_where model_at;
    gf_lesson_step *steps;
    int n_steps;
} gf_lesson;

/* Parse a lesson from text (source names it in errors). On failure *out is
 * empty and err says "source:line:col: expected …". */
gf_status gf_lesson_parse(const char *text, size_t length, const char *source, gf_lesson *out,
                          gf_error *err);
/* Read and parse a file. */
gf_status gf_lesson_load(const char *path, gf_lesson *out, gf_error *err);
void gf_lesson_free(gf_lesson *lesson);

/* The name of a setting ("prompt") and of an ask kind ("next"). */
const char *gf_lesson_key_name(gf_lesson_key key);
const char *gf_lesson_ask_name(gf_lesson_ask ask);

/* ---- Placeholders in a step's text ---------------------------------------
 * {tokens}          how many tokens the prompt has
 * {token N}         the text of token N (0-based)
 * {top1}            the most likely next token after `position`
 * {top1_prob}       its probability at the step's temperature, in percent
 * {prob "TEXT"}     the probability of the token TEXT after `position` (%)
 * {attn_top}        the earlier token `position` attends to most (layer, head)
 * {attn_top_weight} that attention weight
 * {weight}          the attention weight in the step's `cell`
 * {analogy1}        the nearest word to the step's analogy expression
 * {analogy1_cos}    its cosine
 * {params}          the model's parameter count
 * {answer}          the answer to the previous step's `ask`
 * {n_layer} {n_head} {n_embd} {head_size} {sqrt_head_size} {d_ff} {vocab}
 * {n_ctx} {model}   the model's sizes and its folder name
 * {token_id N}      the id of prompt token N
 * {score}           the scaled attention score q·k/√hs in the step's `cell`
 * {logit "TEXT"}    the logit of the one-token TEXT after `position`
 * {params PRESET}   a preset's parameter count ({params gpt2}, {params gpt3})
 * {loss_first} {loss_last} {train_steps}  from the model's train_log.csv
 * "{{" and "}}" write a brace. */
typedef enum {
    GF_LESSON_PH_TOKENS = 0,
    GF_LESSON_PH_TOKEN,
    GF_LESSON_PH_TOP1,
    GF_LESSON_PH_TOP1_PROB,
    GF_LESSON_PH_PROB,
    GF_LESSON_PH_ATTN_TOP,
    GF_LESSON_PH_ATTN_TOP_WEIGHT,
    GF_LESSON_PH_WEIGHT,
    GF_LESSON_PH_ANALOGY1,
    GF_LESSON_PH_ANALOGY1_COS,
    GF_LESSON_PH_PARAMS,
    GF_LESSON_PH_ANSWER,
    GF_LESSON_PH_N_LAYER,
    GF_LESSON_PH_N_HEAD,
    GF_LESSON_PH_N_EMBD,
    GF_LESSON_PH_HEAD_SIZE,
    GF_LESSON_PH_SQRT_HEAD_SIZE,
    GF_LESSON_PH_D_FF,
    GF_LESSON_PH_VOCAB,
    GF_LESSON_PH_N_CTX,
    GF_LESSON_PH_MODEL,
    GF_LESSON_PH_TOKEN_ID,
    GF_LESSON_PH_SCORE,
    GF_LESSON_PH_LOGIT,
    GF_LESSON_PH_PRESET_PARAMS, /* {params NAME}: written "params" like
                                   {params}, told apart by its argument      */
    GF_LESSON_PH_LOSS_FIRST,
    GF_LESSON_PH_LOSS_LAST,
    GF_LESSON_PH_TRAIN_STEPS,
    GF_LESSON_PH_COUNT
} gf_lesson_placeholder;

#define GF_LESSON_ARG_MAX 128

/* One piece of a text: a literal run or a placeholder. */
typedef struct {
    bool is_placeholder;
    const char *literal;      /* into the text (not terminated)              */
    size_t literal_len;
    gf_lesson_placeholder ph;
    int number;               /* {token N}, {token_id N}                     */
    char arg[GF_LESSON_ARG_MAX]; /* {prob "TEXT"}, {logit "TEXT"}: TEXT;
                                    {params NAME}: NAME                      */
} gf_lesson_piece;

/* The next piece of *cursor (a parsed step's text, so well formed); false
 * at the end. */
bool gf_lesson_text_next(const char **cursor, gf_lesson_piece *piece);
const char *gf_lesson_placeholder_name(gf_lesson_placeholder ph);

#endif

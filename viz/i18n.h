/* i18n.h — the viewer's strings, by id, in the language of the text file
 * loaded at start-up (assets/text/<code>.txt, parsed by core/text.h; the
 * stages' words come from the same file through core/stage_text.h). The
 * ids are checked at compile time; their file keys are in i18n.c. */
#ifndef GF_VIZ_I18N_H
#define GF_VIZ_I18N_H

#include "stage_text.h"
#include "text.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum { GF_LANG_EN = 0, GF_LANG_RU, GF_LANG_COUNT } gf_lang;

typedef enum {
    GF_STR_NONE = 0,           /* no text                                   */
    GF_STR_TITLE,
    GF_STR_PROMPT,
    GF_STR_PROMPT_HINT,
    GF_STR_STATUS_POSITION,
    GF_STR_STATUS_LAYER,
    GF_STR_STATUS_HEAD,
    GF_STR_STATUS_STAGE,
    GF_STR_STATUS_STEP,        /* "%d %d": step in the whole pass, of     */
    GF_STR_STATUS_MODEL,
    GF_STR_DEFAULT_MODEL,      /* the model that opens without --model      */
    GF_STR_STATUS_TEMPERATURE,
    GF_STR_STATUS_LANGUAGES,   /* "%s": names (model_languages.h)          */
    GF_STR_SUGGEST_RUSSIAN,    /* mostly Cyrillic prompt, model without ru   */
    GF_STR_SUGGEST_RUSSIAN_SHORT, /* the same where the window is narrow     */
    GF_STR_SUGGEST_RUSSIAN_COMMAND, /* narrower still: the option alone      */
    GF_STR_RANDOM_MODEL,       /* --random PRESET's name: "random %s"        */
    GF_STR_RANDOM_NO_TEXT,     /* a random model's tokens have no text      */
    GF_STR_RANDOM_NO_TEXT_SHORT, /* the same where the window is narrow      */
    GF_STR_HELP_TITLE,
    GF_STR_HELP_STAGE,
    GF_STR_HELP_LAYER,
    GF_STR_HELP_HEAD,
    GF_STR_HELP_POSITION,
    GF_STR_HELP_FIRST_LAST,
    GF_STR_HELP_SAMPLE,
    GF_STR_HELP_POP,
    GF_STR_HELP_EDIT,
    GF_STR_HELP_OVERVIEW,
    GF_STR_HELP_TEMPERATURE,
    GF_STR_HELP_HELP,
    GF_STR_HELP_TEMPERATURE_T,
    GF_STR_HELP_RESET,
    GF_STR_HELP_ZOOM,
    GF_STR_HELP_WHEEL,
    GF_STR_HELP_LARGE_FONT,
    GF_STR_HELP_SCREENSHOT,
    GF_STR_HELP_FULLSCREEN,
    GF_STR_HELP_PALETTE,
    GF_STR_PALETTE_STANDARD,
    GF_STR_PALETTE_COLOUR_SAFE,
    GF_STR_SCREENSHOT_SAVED,   /* "%s": the picture's full path            */
    GF_STR_HELP_ESCAPE,
    GF_STR_HELP_EXPLAIN,
    GF_STR_HELP_LENS,
    GF_STR_LENS_TITLE,
    GF_STR_LENS_NOTE,
    GF_STR_LENS_OUTPUT,
    GF_STR_LENS_SHOWN,         /* "%d %d %d": the positions shown, of 0…N  */
    GF_STR_WORK_LENS,
    GF_STR_HELP_WHATIF,
    GF_STR_WHATIF_TITLE,
    GF_STR_WHATIF_NOTE,
    GF_STR_WHATIF_REAL,
    GF_STR_WHATIF_SCORES,
    GF_STR_WHATIF_WEIGHTS,
    GF_STR_WORK_WHATIF,
    GF_STR_HELP_KVCACHE,
    GF_STR_KV_STATUS,
    GF_STR_KV_TITLE,
    GF_STR_KV_COST,
    GF_STR_KV_NOTE,
    GF_STR_KV_NEW,
    GF_STR_KV_CACHED,
    GF_STR_HELP_LANES_REROLL,
    GF_STR_HELP_LANE,
    GF_STR_HELP_LANE_LENGTH,
    GF_STR_HELP_LANE_SEED,
    GF_STR_TEMP_SEED_ENTRY,
    GF_STR_KEY_SPACE,
    GF_STR_KEY_WHEEL,
    GF_STR_QUIT_TITLE,
    GF_STR_QUIT_HINT,
    GF_STR_HELP_CLOSE,
    GF_STR_HELP_CLOSE_PAGED,
    GF_STR_HELP_PAGE,
    GF_STR_TOKENS_HEADING,
    GF_STR_TOKEN_POSITION,
    GF_STR_TOKEN_TEXT,
    GF_STR_TOKEN_ID,
    GF_STR_TOKEN_BYTES,
    GF_STR_TOKEN_JOINED,       /* "%s": the character its bytes are part of */
    GF_STR_TOK_EMB,
    GF_STR_POS_EMB,
    GF_STR_POS_EMB_SINUSOIDAL, /* the same for a model with PE(t), not a table */
    GF_STR_SUM_X0,
    GF_STR_ALL_POSITIONS,
    GF_STR_NORM_INPUT,
    GF_STR_NORM_OUTPUT,
    GF_STR_MEAN,
    GF_STR_VARIANCE,
    GF_STR_MEAN_SQUARE,
    GF_STR_QUERY,
    GF_STR_KEY,
    GF_STR_VALUE,
    GF_STR_SCORES,
    GF_STR_MASKED,
    GF_STR_WEIGHTS,
    GF_STR_QUERIES_AXIS,
    GF_STR_KEYS_AXIS,
    GF_STR_WEIGHTED_OUT,
    GF_STR_HEADS_CONCAT,
    GF_STR_ATTN_PROJ,
    GF_STR_BLOCK_INPUT,
    GF_STR_RESIDUAL_SUM,
    GF_STR_FFN_PRE,
    GF_STR_FFN_ACT,
    GF_STR_FFN_GATE,
    GF_STR_FFN_UP,
    GF_STR_FFN_OUT,
    GF_STR_WIDEST,
    GF_STR_LOGITS_ALL,         /* "%d": vocabulary size                     */
    GF_STR_LOGITS_TOP,
    GF_STR_PROBS_TOP,
    GF_STR_PROBS_NOTE,
    GF_STR_OVERVIEW_TITLE,     /* "%d": layer                               */
    GF_STR_OVERVIEW_HINT,
    GF_STR_TEMP_TITLE,
    GF_STR_TEMP_LANE,          /* "%.2f": temperature, "%llu": seed         */
    GF_STR_TEMP_DIVERGE,       /* "%d": token index                         */
    GF_STR_TEMP_SAME,
    GF_STR_TEMP_HINT,
    GF_STR_TEMP_LENGTH,
    GF_STR_TEMP_EXPLAIN,
    GF_STR_TEMP_CHART_TITLE,
    GF_STR_NO_TOKENS,
    GF_STR_NO_TENSOR,          /* "%s": trace key                           */
    GF_STR_ERR_NO_MODEL,       /* "%s": folder                              */
    GF_STR_ERR_NO_FONT,        /* "%s": family                              */
    GF_STR_ERR_NO_DISPLAY,     /* "%s": SDL's reason                        */
    GF_STR_LEGEND_MASK,
    GF_STR_LEGEND_MASK_ZERO,   /* after softmax the masked cells are 0      */
    GF_STR_POSITION_ROW,       /* "%d": position                            */
    GF_STR_NEXT_MARK,          /* beside the bar of the actual next token   */
    GF_STR_NEXT_LINE,          /* "%s %d %d %d": label, id, rank, V         */
    GF_STR_NEXT_UNKNOWN,
    GF_STR_NEXT_CUT,           /* appended when its probability is 0        */
    GF_STR_SAMPLER,            /* "%.2f %s %s": T, top-k, top-p             */
    GF_STR_OFF,
    GF_STR_FLOW_TITLE,         /* "%d": position of the new token           */
    GF_STR_FLOW_INPUT,
    GF_STR_FLOW_OUTPUT,
    GF_STR_TIP_SCORE_LATER,    /* "%d %d %s %s": row, col, k and q subscripts */
    GF_STR_TIP_SOFTMAX_CELL,   /* "%d %d": row, col                         */
    GF_STR_ANALOGY_STATUS,     /* the analogy screen (its own strings:
                                  analogy_text.h)                           */
    GF_STR_HELP_ANALOGY,
    GF_STR_HELP_ANALOGY_LINE,
    GF_STR_HELP_ANALOGY_PRESET,
    GF_STR_HELP_ANALOGY_SOURCE,
    GF_STR_HELP_ANALOGY_3D,
    GF_STR_LOADING,            /* "%s": model name                          */
    GF_STR_WORK_LOAD,
    GF_STR_WORK_EXTEND,        /* "%d/%d": tokens done, asked               */
    GF_STR_WORK_LANES,         /* "%d/%d": lane tokens done, asked          */
    GF_STR_WORK_ESC,
    GF_STR_WORK_STOPPING,
    GF_STR_WORK_CANCELLED,     /* "%d %d": tokens done, asked               */
    GF_STR_WORK_FULL,
    GF_STR_TEMP_COMPUTING,
    GF_STR_TEMP_CUT,
    GF_STR_TEMP_WINDOW,
    GF_STR_HELP_LESSON_STEP,
    GF_STR_HELP_LESSON_RETURN,
    GF_STR_PARAMS_STATUS,
    GF_STR_HELP_PARAMS,
    GF_STR_LOSS_STATUS,
    GF_STR_HELP_LOSS,
    GF_STR_HELP_BEAMS,
    GF_STR_WORK_BEAM,          /* "%d/%d": steps done, asked                */
    GF_STR_BEAM_LANE,          /* "%d %.2f": width, the best beam's ln p    */
    GF_STR_BEAM_TITLE,         /* "%d": width                               */
    GF_STR_BEAM_EXPLAIN,
    GF_STR_BEAM_STEPS,         /* "%d %d %d": first, last step shown, steps */
    GF_STR_BEAM_MORE,          /* "%d": beams not shown                     */
    GF_STR_BEAM_LEGEND,
    GF_STR_BEAM_CUT,
    GF_STR_BEAM_HELD,
    GF_STR_TEMP_MORE,          /* "%d": a lane's tokens not shown           */
    GF_STR_CHIPS_BEFORE,       /* "%d": token chips left out before the first */
    GF_STR_CHIPS_AFTER,        /* "%d": token chips left out after the last   */
    GF_STR_BEAM_TIP,           /* "%s %.3f %.3f %s": token, ln p, Σ, fate   */
    GF_STR_BEAM_TIP_BEST,
    GF_STR_BEAM_TIP_FINAL,
    GF_STR_BEAM_TIP_DROPPED,
    GF_STR_BEAM_TIP_PRUNED,
    GF_STR_WINDOW_SLID,        /* "%d %d %d": capacity, dropped in all, rows */
    GF_STR_WINDOW_PROMPT,      /* "%d %d %d": prompt tokens, capacity, dropped */
    GF_STR_WINDOW_DROPPED,     /* "%d": tokens left of the window (marker)   */
    GF_STR_WINDOW_TIP,         /* "%d %d": dropped, capacity                 */
    GF_STR_WORK_SLIDE,         /* "%d/%d": rows of the fresh window           */
    GF_STR_SENTENCE,           /* the text line's label                      */
    GF_STR_LESSONS_TITLE,
    GF_STR_HELP_LESSONS,
    GF_STR_COUNT
} gf_str;

/* The language's code, also its file's name: "en" → <assets>/text/en.txt. */
const char *gf_lang_code(gf_lang lang);
/* Whether code names a language of the table ("en", "ru"). */
bool gf_lang_known(const char *code);
/* Language from its code (NULL or "": from LC_ALL, LC_MESSAGES, LANG;
 * English when none names a known language). */
gf_lang gf_lang_pick(const char *requested);

/* One language's text, loaded at start-up. */
typedef struct {
    gf_lang lang;
    gf_text file;                   /* <assets>/text/<code>.txt          */
    const char *str[GF_STR_COUNT];  /* the viewer's strings, by id       */
} gf_texts;

/* Load dir/<code>.txt and check it against dir/en.txt (the same keys,
 * printf conversions and slots) and against the keys the viewer needs.
 * On failure err names the file, the line and the key. */
bool gf_texts_load(gf_texts *tx, gf_lang lang, const char *dir, char *err, size_t err_size);
void gf_texts_free(gf_texts *tx);

/* The text file key of a string ("ui.prompt"), or NULL for GF_STR_NONE. */
const char *gf_str_key(gf_str id);
/* The string id in tx's language ("?" when tx is NULL or not loaded). */
const char *gf_i18n(const gf_texts *tx, gf_str id);
/* A key's label in the help with its words translated ("Space, Enter" →
 * "Пробел, Enter"), into buf. */
void gf_i18n_key_label(const gf_texts *tx, const char *label, char *buf, size_t size);
/* The stage's name for cfg ("?" when missing; see stage_text.h). */
const char *gf_i18n_stage_name(const gf_texts *tx, gf_stage_id id, const gf_config *cfg);
/* name with its first letter in lower case, for setting it after a colon
 * ("все позиции: остаточная связь…"), into buf; an acronym stays ("FFN:
 * …", "KV"): only a capital followed by a small letter changes. Latin and
 * Cyrillic (Ё included). */
void gf_i18n_lower_first(const char *name, char *buf, size_t size);

#endif

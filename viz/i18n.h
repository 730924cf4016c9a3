/* i18n.h — the viewer's UI strings in English and Russian.
 *
 * Every string the viewer shows comes from this table (stage names and
 * summaries too: English reuses core/stages.h, Russian is written here).
 * Format strings keep the same conversions in both languages. */
#ifndef GF_VIZ_I18N_H
#define GF_VIZ_I18N_H

#include "stages.h"

typedef enum { GF_LANG_EN = 0, GF_LANG_RU, GF_LANG_COUNT } gf_lang;

typedef enum {
    GF_STR_TITLE = 0,
    GF_STR_PROMPT,
    GF_STR_PROMPT_HINT,
    GF_STR_STATUS_POSITION,
    GF_STR_STATUS_LAYER,
    GF_STR_STATUS_HEAD,
    GF_STR_STATUS_STAGE,
    GF_STR_STATUS_MODEL,
    GF_STR_STATUS_TEMPERATURE,
    GF_STR_HELP_TITLE,
    GF_STR_HELP_KEYS,          /* lines separated by '\n', "key\tmeaning"   */
    GF_STR_HELP_CLOSE,
    GF_STR_TOKENS_HEADING,
    GF_STR_TOKEN_POSITION,
    GF_STR_TOKEN_TEXT,
    GF_STR_TOKEN_ID,
    GF_STR_TOKEN_BYTES,
    GF_STR_TOKEN_JOINED,       /* "%s": the character its bytes are part of */
    GF_STR_TOK_EMB,
    GF_STR_POS_EMB,
    GF_STR_SUM_X0,
    GF_STR_ALL_POSITIONS,
    GF_STR_NORM_INPUT,
    GF_STR_NORM_OUTPUT,
    GF_STR_MEAN,
    GF_STR_VARIANCE,
    GF_STR_RMS,
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
    GF_STR_NO_TOKENS,
    GF_STR_NO_TENSOR,          /* "%s": trace key                           */
    GF_STR_ERR_NO_MODEL,       /* "%s": folder                              */
    GF_STR_ERR_NO_FONT,        /* "%s": family                              */
    GF_STR_ERR_NO_DISPLAY,     /* "%s": SDL's reason                        */
    GF_STR_LEGEND_MASK,
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
    GF_STR_LOADING,            /* "%s": model name                          */
    GF_STR_WORK_LOAD,
    GF_STR_WORK_EXTEND,        /* "%d/%d": tokens done, asked               */
    GF_STR_WORK_LANES,         /* "%d/%d": lane tokens done, asked          */
    GF_STR_WORK_ESC,
    GF_STR_WORK_CANCELLED,     /* "%d %d": tokens done, asked               */
    GF_STR_WORK_FULL,
    GF_STR_TEMP_COMPUTING,
    GF_STR_COUNT
} gf_str;

/* Language from "en"/"ru" (NULL: from LC_ALL, LC_MESSAGES, LANG). */
gf_lang gf_lang_pick(const char *requested);
const char *gf_i18n(gf_lang lang, gf_str id);
/* The stage's name for cfg (placement-aware: a post-norm model's norms sit
 * after the residual adds; see gf_stage_display_name). */
const char *gf_i18n_stage_name(gf_lang lang, gf_stage_id id, const gf_config *cfg);
/* The stage's summary for cfg (norms: placement and LayerNorm/RMSNorm).
 * Writes at most size bytes (NUL-terminated); returns the length. */
size_t gf_i18n_stage_summary(gf_lang lang, gf_stage_id id, const gf_config *cfg, char *buf,
                             size_t size);

#endif

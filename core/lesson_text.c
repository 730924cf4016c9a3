/* lesson_text.c — placeholders in a lesson step's text: their names, their
 * syntax ({name}, {token 3}, {prob " queen"}) and the walk over a text's
 * pieces that the player fills (lesson.h). The parser (lesson.c) checks every
 * placeholder with the same function, so a parsed text is always well formed. */
#include "lesson.h"
#include "lesson_internal.h"

#include <stdlib.h>
#include <string.h>

#include "params.h"

/* The argument a placeholder takes after its name and a space. */
typedef enum {
    ARG_NONE,
    ARG_NUMBER,   /* a whole number: {token 3}                             */
    ARG_QUOTED,   /* a quoted text: {prob " queen"}                        */
    ARG_PRESET    /* a preset name (core's params presets): {params gpt3}  */
} placeholder_arg;

/* Name, and the argument it takes. "params" is written twice: without an
 * argument it is the model's own count. */
static const struct {
    const char *name;
    placeholder_arg arg;
} PLACEHOLDERS[GF_LESSON_PH_COUNT] = {
    [GF_LESSON_PH_TOKENS] = {"tokens", ARG_NONE},
    [GF_LESSON_PH_TOKEN] = {"token", ARG_NUMBER},
    [GF_LESSON_PH_TOP1] = {"top1", ARG_NONE},
    [GF_LESSON_PH_TOP1_PROB] = {"top1_prob", ARG_NONE},
    [GF_LESSON_PH_PROB] = {"prob", ARG_QUOTED},
    [GF_LESSON_PH_ATTN_TOP] = {"attn_top", ARG_NONE},
    [GF_LESSON_PH_ATTN_TOP_WEIGHT] = {"attn_top_weight", ARG_NONE},
    [GF_LESSON_PH_WEIGHT] = {"weight", ARG_NONE},
    [GF_LESSON_PH_ANALOGY1] = {"analogy1", ARG_NONE},
    [GF_LESSON_PH_ANALOGY1_COS] = {"analogy1_cos", ARG_NONE},
    [GF_LESSON_PH_PARAMS] = {"params", ARG_NONE},
    [GF_LESSON_PH_ANSWER] = {"answer", ARG_NONE},
    [GF_LESSON_PH_N_LAYER] = {"n_layer", ARG_NONE},
    [GF_LESSON_PH_N_HEAD] = {"n_head", ARG_NONE},
    [GF_LESSON_PH_N_EMBD] = {"n_embd", ARG_NONE},
    [GF_LESSON_PH_HEAD_SIZE] = {"head_size", ARG_NONE},
    [GF_LESSON_PH_SQRT_HEAD_SIZE] = {"sqrt_head_size", ARG_NONE},
    [GF_LESSON_PH_D_FF] = {"d_ff", ARG_NONE},
    [GF_LESSON_PH_VOCAB] = {"vocab", ARG_NONE},
    [GF_LESSON_PH_N_CTX] = {"n_ctx", ARG_NONE},
    [GF_LESSON_PH_MODEL] = {"model", ARG_NONE},
    [GF_LESSON_PH_TOKEN_ID] = {"token_id", ARG_NUMBER},
    [GF_LESSON_PH_SCORE] = {"score", ARG_NONE},
    [GF_LESSON_PH_LOGIT] = {"logit", ARG_QUOTED},
    [GF_LESSON_PH_PRESET_PARAMS] = {"params", ARG_PRESET},
    [GF_LESSON_PH_LOSS_FIRST] = {"loss_first", ARG_NONE},
    [GF_LESSON_PH_LOSS_LAST] = {"loss_last", ARG_NONE},
    [GF_LESSON_PH_TRAIN_STEPS] = {"train_steps", ARG_NONE},
};

const char *gf_lesson_placeholder_name(gf_lesson_placeholder ph)
{
    return (int)ph >= 0 && ph < GF_LESSON_PH_COUNT ? PLACEHOLDERS[ph].name : "?";
}

static bool is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/* The argument parsers below start at the argument (after the spaces) and
 * return where the placeholder goes on, or, with *why set, where the
 * argument is wrong. */

/* A preset name, as in {params gpt2}, into piece->arg. */
static const char *parse_preset_arg(const char *p, const char *end, gf_lesson_piece *piece,
                                    const char **why)
{
    const char *word = p;
    while (p < end && (is_name_char(*p) || *p == '-'))
        p++;
    size_t n = (size_t)(p - word);
    bool known = false;
    for (const char *const *q = gf_preset_names(); *q != NULL && !known; q++)
        known = strlen(*q) == n && memcmp(*q, word, n) == 0;
    if (!known || n >= GF_LESSON_ARG_MAX) {
        *why = "a preset name after 'params' (those of glassformer-cli params "
               "--preset), as in {params gpt2} or {params gpt3}";
        return word;
    }
    memcpy(piece->arg, word, n);
    piece->arg[n] = '\0';
    return p;
}

/* A token number from 0, as in {token 3}, into piece->number. */
static const char *parse_number_arg(const char *p, const char *end, gf_lesson_piece *piece,
                                    const char **why)
{
    const char *digits = p;
    long v = 0;
    while (p < end && *p >= '0' && *p <= '9' && v < 1000000)
        v = v * 10 + (*p++ - '0');
    if (p == digits || (p < end && *p >= '0' && *p <= '9')) {
        *why = "a token number from 0, as in {token 3}";
        return digits;
    }
    piece->number = (int)v;
    return p;
}

/* A quoted token, as in {prob " queen"}, into piece->arg (without quotes). */
static const char *parse_quoted_arg(const char *p, const char *end, gf_lesson_piece *piece,
                                    const char **why)
{
    if (p >= end || *p != '"') {
        *why = "a quoted token, as in {prob \" queen\"}";
        return p;
    }
    const char *text = ++p;
    while (p < end && *p != '"')
        p++;
    size_t n = (size_t)(p - text);
    if (p >= end) {
        *why = "a closing '\"' on the same line";
        return p;
    }
    if (n == 0 || n >= GF_LESSON_ARG_MAX) {
        *why = "a token of 1 to 127 bytes between the quotes";
        return text;
    }
    memcpy(piece->arg, text, n);
    piece->arg[n] = '\0';
    return p + 1;
}

const char *gf_lesson_placeholder_parse(const char *s, const char *end, gf_lesson_piece *piece,
                                        const char **why)
{
    memset(piece, 0, sizeof *piece);
    piece->is_placeholder = true;
    *why = NULL;
    const char *p = s + 1;  /* after '{' */
    const char *name = p;
    while (p < end && is_name_char(*p))
        p++;
    size_t name_len = (size_t)(p - name);
    int found = -1;
    for (int i = 0; i < GF_LESSON_PH_COUNT && found < 0; i++)
        if (strlen(PLACEHOLDERS[i].name) == name_len &&
            memcmp(PLACEHOLDERS[i].name, name, name_len) == 0)
            found = i;
    if (found < 0) {
        *why = "a placeholder name (tokens, token N, token_id N, top1, top1_prob, prob \"TEXT\", "
               "logit \"TEXT\", attn_top, attn_top_weight, weight, score, analogy1, analogy1_cos, "
               "params, params PRESET, n_layer, n_head, n_embd, head_size, sqrt_head_size, d_ff, "
               "vocab, n_ctx, model, loss_first, loss_last, train_steps, answer) after '{' "
               "(write {{ for a brace)";
        return name;
    }
    if (found == GF_LESSON_PH_PARAMS && p < end && *p == ' ')
        found = GF_LESSON_PH_PRESET_PARAMS;
    piece->ph = (gf_lesson_placeholder)found;
    const placeholder_arg arg = PLACEHOLDERS[found].arg;
    if (arg != ARG_NONE) {
        if (p >= end || *p != ' ') {
            *why = arg == ARG_NUMBER ? "a space and a token number, as in {token 3}"
                                     : "a space and a quoted token, as in {prob \" queen\"}";
            return p;
        }
        while (p < end && *p == ' ')
            p++;
        p = arg == ARG_PRESET   ? parse_preset_arg(p, end, piece, why)
            : arg == ARG_NUMBER ? parse_number_arg(p, end, piece, why)
                                : parse_quoted_arg(p, end, piece, why);
        if (*why != NULL)
            return p;
    }
    if (p >= end || *p != '}') {
        *why = "'}' to close the placeholder";
        return p;
    }
    return p + 1;
}

bool gf_lesson_text_next(const char **cursor, gf_lesson_piece *piece)
{
    const char *s = *cursor;
    if (s == NULL || *s == '\0')
        return false;
    const char *end = s + strlen(s);
    if ((s[0] == '{' && s[1] == '{') || (s[0] == '}' && s[1] == '}')) {
        memset(piece, 0, sizeof *piece);
        piece->literal = s;
        piece->literal_len = 1;
        *cursor = s + 2;
        return true;
    }
    if (s[0] == '{') {
        const char *why = NULL;
        const char *after = gf_lesson_placeholder_parse(s, end, piece, &why);
        if (why == NULL) {
            *cursor = after;
            return true;
        }
        /* Not reached for a parsed text; shown as it stands otherwise. */
    }
    const char *p = s + 1;
    while (*p != '\0' && *p != '{' && *p != '}')
        p++;
    memset(piece, 0, sizeof *piece);
    piece->literal = s;
    piece->literal_len = (size_t)(p - s);
    *cursor = p;
    return true;
}

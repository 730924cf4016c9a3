/* lesson.c — the lesson file parser (the format: lesson.h, lessons/README.md).
 *
 * Line by line: the header's `key: value` lines up to the first "---" line,
 * then per step its settings (the lines right after "---" up to the first
 * blank line) and its text (the rest, up to the next "---"). Lines starting
 * with '#' are comments. The first problem stops the parse with
 * "source:line:col: expected …"; columns count characters, not bytes. */
#include "lesson.h"

#include "file_io.h"
#include "lesson_internal.h"
#include "lesson_screens.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analogy.h"
#include "beam_search.h"
#include "explain.h"
#include "sampler.h"
#include "tokenizer.h"

#define LESSON_FILE_MAX (4 << 20)

static const char *const KEY_NAMES[GF_LESSON_KEY_COUNT] = {
    "prompt", "screen", "layer", "head", "position", "temperature", "seed", "analogy", "cell", "ask",
    "model",  "top_k",  "top_p", "explain", "beams",
};
static const char *const ASK_NAMES[] = {"none", "next", "attention", "analogy"};

const char *gf_lesson_key_name(gf_lesson_key key)
{
    return (int)key >= 0 && key < GF_LESSON_KEY_COUNT ? KEY_NAMES[key] : "?";
}

const char *gf_lesson_ask_name(gf_lesson_ask ask)
{
    return (int)ask >= 0 && ask <= GF_LESSON_ASK_ANALOGY ? ASK_NAMES[ask] : "?";
}

typedef struct {
    const char *source;
    const char *text, *end;
    const char *line, *line_end;  /* the current line, without "\n" / "\r\n" */
    const char *next;             /* the line after it                       */
    int line_no;
    gf_error *err;
} parser;

/* 1-based column of p on the current line, in characters. */
static int column_of(const parser *ps, const char *p)
{
    int col = 1;
    for (const char *q = ps->line; q < p; q++)
        if (((unsigned char)*q & 0xC0) != 0x80)
            col++;
    return col;
}

static gf_status fail_at(parser *ps, const char *p, const char *fmt, const char *what)
{
    char msg[600];
    snprintf(msg, sizeof msg, fmt, what);
    return gf_error_set(ps->err, GF_ERR_FORMAT, "%s:%d:%d: expected %s", ps->source, ps->line_no,
                        column_of(ps, p), msg);
}

static bool next_line(parser *ps)
{
    if (ps->next >= ps->end)
        return false;
    ps->line = ps->next;
    const char *nl = memchr(ps->line, '\n', (size_t)(ps->end - ps->line));
    ps->line_end = nl != NULL ? nl : ps->end;
    ps->next = nl != NULL ? nl + 1 : ps->end;
    if (ps->line_end > ps->line && ps->line_end[-1] == '\r')
        ps->line_end--;
    ps->line_no++;
    return true;
}

static bool line_blank(const parser *ps)
{
    for (const char *p = ps->line; p < ps->line_end; p++)
        if (*p != ' ' && *p != '\t')
            return false;
    return true;
}

static bool line_comment(const parser *ps)
{
    return ps->line < ps->line_end && ps->line[0] == '#';
}

static bool line_marker(const parser *ps)
{
    return ps->line_end - ps->line >= 3 && memcmp(ps->line, "---", 3) == 0;
}

static char *dup_range(const char *a, const char *b)
{
    char *s = malloc((size_t)(b - a) + 1);
    if (s != NULL) {
        memcpy(s, a, (size_t)(b - a));
        s[b - a] = '\0';
    }
    return s;
}

/* A copy of a whole string. */
static char *dup_string(const char *s)
{
    return dup_range(s, s + strlen(s));
}

static const char *skip_spaces(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    return p;
}

static const char *trim_end(const char *a, const char *b)
{
    while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
        b--;
    return b;
}

/* A `key: value` line: the key and the value (trimmed) as ranges. */
static gf_status split_setting(parser *ps, const char **key, const char **key_end,
                               const char **value, const char **value_end, const char *hint)
{
    const char *p = ps->line;
    *key = p;
    while (p < ps->line_end && ((*p >= 'a' && *p <= 'z') || *p == '_'))
        p++;
    *key_end = p;
    if (p == *key || p >= ps->line_end || *p != ':')
        return fail_at(ps, p == *key ? *key : p, "%s", hint);
    *value = skip_spaces(p + 1, ps->line_end);
    *value_end = trim_end(*value, ps->line_end);
    if (*value == *value_end)
        return fail_at(ps, *value, "a value after '%s'", "key:");
    return GF_OK;
}

static bool key_is(const char *k, const char *k_end, const char *name)
{
    return strlen(name) == (size_t)(k_end - k) && memcmp(k, name, (size_t)(k_end - k)) == 0;
}

/* A whole number in [lo, hi] filling [a, b). */
static bool parse_whole(const char *a, const char *b, long long lo, long long hi, long long *out)
{
    if (a == b || (b - a) > 19)
        return false;
    long long v = 0;
    for (const char *p = a; p < b; p++) {
        if (*p < '0' || *p > '9')
            return false;
        v = v * 10 + (*p - '0');
    }
    if (v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

/* A model folder name in [v, ve): fails at the first character that
 * cannot be in one. */
static gf_status check_model_name(parser *ps, const char *v, const char *ve)
{
    if (ve - v >= GF_LESSON_MODEL_MAX)
        return fail_at(ps, v, "a model folder name of at most %s bytes", "63");
    for (const char *p = v; p < ve; p++)
        if (*p == '/' || *p == '\\' || *p == ' ' || *p == '\t' || (p == v && *p == '.'))
            return fail_at(ps, p, "%s", "a model folder name under assets/models/ "
                                        "(no '/', no spaces, not starting with '.')");
    return GF_OK;
}

static gf_status parse_header(parser *ps, gf_lesson *out)
{
    while (next_line(ps)) {
        if (line_blank(ps) || line_comment(ps))
            continue;
        if (line_marker(ps))
            break;
        const char *k, *ke, *v, *ve;
        gf_status st = split_setting(ps, &k, &ke, &v, &ve,
                                     "a header line 'title: …' or 'model: …' (steps start at a "
                                     "line '---')");
        if (st != GF_OK)
            return st;
        char **slot = key_is(k, ke, "title") ? &out->title : key_is(k, ke, "model") ? &out->model : NULL;
        if (slot == NULL)
            return fail_at(ps, k, "%s", "'title' or 'model' in the header");
        if (*slot != NULL)
            return fail_at(ps, k, "'%s' only once in the header", key_is(k, ke, "title") ? "title" : "model");
        if (slot == &out->model) {
            st = check_model_name(ps, v, ve);
            if (st != GF_OK)
                return st;
            out->model_at = (gf_lesson_where){ps->line_no, column_of(ps, v)};
        }
        *slot = dup_range(v, ve);
        if (*slot == NULL)
            return gf_error_set(ps->err, GF_ERR_MEMORY, "%s: out of memory", ps->source);
    }
    if (ps->line == NULL) {  /* an empty file */
        ps->line = ps->line_end = ps->text;
        ps->line_no = 1;
    }
    if (out->title == NULL)
        return fail_at(ps, ps->line, "%s",
                       "a 'title: …' line in the header, before the first '---'");
    if (out->model == NULL) {
        out->model = dup_string("default");
        if (out->model == NULL)
            return gf_error_set(ps->err, GF_ERR_MEMORY, "%s: out of memory", ps->source);
    }
    if (!line_marker(ps))
        return fail_at(ps, ps->line_end, "%s",
                       "at least one step: a line starting with '---'");
    return GF_OK;
}

/* Copy the carried-over settings of prev into s (strings duplicated); the
 * first step starts from the defaults and the header's model. */
static bool step_inherit(gf_lesson_step *s, const gf_lesson_step *prev, const gf_lesson *lesson)
{
    if (prev == NULL) {
        s->prompt = dup_string("");
        s->screen = dup_string("tokens");
        s->position = -1;
        s->temperature = 0.7f;
        s->seed = 42;
        s->top_p = 1.0f;
        snprintf(s->model, sizeof s->model, "%s", lesson->model);
        s->set_at[GF_LESSON_KEY_MODEL] = lesson->model_at;
    } else {
        s->prompt = dup_string(prev->prompt);
        s->screen = dup_string(prev->screen);
        s->layer = prev->layer;
        s->head = prev->head;
        s->position = prev->position;
        s->temperature = prev->temperature;
        s->seed = prev->seed;
        s->top_k = prev->top_k;
        s->top_p = prev->top_p;
        memcpy(s->model, prev->model, sizeof s->model);
        if (prev->analogy != NULL)
            s->analogy = dup_string(prev->analogy);
        memcpy(s->set_at, prev->set_at, sizeof s->set_at);
        if (s->analogy == NULL && prev->analogy != NULL)
            return false;
    }
    s->set_at[GF_LESSON_KEY_CELL] = (gf_lesson_where){0, 0};
    s->set_at[GF_LESSON_KEY_ASK] = (gf_lesson_where){0, 0};
    s->set_at[GF_LESSON_KEY_EXPLAIN] = (gf_lesson_where){0, 0};
    s->set_at[GF_LESSON_KEY_BEAMS] = (gf_lesson_where){0, 0};
    s->beams = 0;
    s->cell_row = s->cell_col = -1;
    s->explain_key[0] = '\0';
    s->explain_row = s->explain_col = -1;
    return s->prompt != NULL && s->screen != NULL;
}

static gf_status set_string(parser *ps, char **slot, const char *v, const char *ve)
{
    /* "…" keeps leading and trailing spaces (a prompt " queen"). */
    if (ve - v >= 2 && v[0] == '"' && ve[-1] == '"') {
        v++;
        ve--;
    }
    free(*slot);
    *slot = dup_range(v, ve);
    return *slot != NULL ? GF_OK : gf_error_set(ps->err, GF_ERR_MEMORY, "%s: out of memory", ps->source);
}

/* A decimal number filling [a, b) ("0.7", "1", "1e-1"). */
static bool parse_float(const char *a, const char *b, float *out)
{
    char buf[32];
    size_t len = (size_t)(b - a);
    if (len == 0 || len >= sizeof buf)
        return false;
    memcpy(buf, a, len);
    buf[len] = '\0';
    char *end = NULL;
    float v = strtof(buf, &end);
    if (end != buf + len || v != v)
        return false;
    *out = v;
    return true;
}

/* `explain: KEY ROW COL`: a key whose values core can explain, two numbers. */
static gf_status parse_explain(parser *ps, gf_lesson_step *s, const char *v, const char *ve)
{
    const char *key_end = v;
    while (key_end < ve && *key_end != ' ' && *key_end != '\t')
        key_end++;
    char key[GF_LESSON_EXPLAIN_KEY_MAX];
    size_t n = (size_t)(key_end - v);
    if (n < sizeof key) {
        memcpy(key, v, n);
        key[n] = '\0';
    }
    if (n >= sizeof key || !gf_explain_supports(key))
        return fail_at(ps, v, "%s", "explain: a trace key whose values can be explained (such "
                                    "as attn.scores, attn.weights, x0, mlp.act, logits, probs), "
                                    "then ROW COL");
    const char *row = skip_spaces(key_end, ve), *row_end = row;
    while (row_end < ve && *row_end != ' ' && *row_end != '\t')
        row_end++;
    const char *col = skip_spaces(row_end, ve);
    long long r = 0, c = 0;
    if (!parse_whole(row, row_end, 0, 1 << 24, &r) || !parse_whole(col, ve, 0, 1 << 24, &c))
        return fail_at(ps, row, "%s", "two numbers ROW COL after the key, as in "
                                      "'explain: attn.scores 5 1'");
    memcpy(s->explain_key, key, n + 1);
    s->explain_row = (int)r;
    s->explain_col = (int)c;
    return GF_OK;
}

/* `analogy: EXPR`: kept as written, and it must parse as an expression. */
static gf_status parse_analogy(parser *ps, gf_lesson_step *s, const char *v, const char *ve)
{
    gf_status st = set_string(ps, &s->analogy, v, ve);
    if (st != GF_OK)
        return st;
    gf_expr e;
    gf_error e_err;
    if (gf_expr_parse(s->analogy, &e, &e_err) != GF_OK)
        return fail_at(ps, v + (e.error_at >= 0 && e.error_at <= (int)(ve - v) ? e.error_at : 0),
                       "an analogy expression such as \"king - man + woman\" (%s)", e_err.message);
    return GF_OK;
}

/* `screen: NAME`: a stage key or a screen name. */
static gf_status parse_screen(parser *ps, gf_lesson_step *s, const char *v, const char *ve)
{
    gf_status st = set_string(ps, &s->screen, v, ve);
    if (st == GF_OK && !gf_lesson_screen_known(s->screen))
        return fail_at(ps, v, "%s", "a stage key (tokens, embed, norm_1, qkv, scores, mask, "
                                    "softmax, weighted, concat, attn_proj, residual_1, norm_2, "
                                    "ffn_up, activation, ffn_down, residual_2, final_norm, "
                                    "logits, probs) or a screen (overview, temperature, "
                                    "analogy, lens, cache, params, loss)");
    return st;
}

/* `cell: ROW COLUMN`: an attention cell (query position, key position). */
static gf_status parse_cell(parser *ps, gf_lesson_step *s, const char *v, const char *ve)
{
    const char *mid = v;
    while (mid < ve && *mid != ' ' && *mid != '\t')
        mid++;
    long long r = 0, c = 0;
    const char *second = skip_spaces(mid, ve);
    if (!parse_whole(v, mid, 0, 1 << 20, &r) || !parse_whole(second, ve, 0, 1 << 20, &c))
        return fail_at(ps, v, "%s", "two numbers 'ROW COLUMN': the query position and the key "
                                    "position of an attention cell");
    s->cell_row = (int)r;
    s->cell_col = (int)c;
    return GF_OK;
}

/* `beams: N`: the temperature screen's beam tree of N beams. */
static gf_status parse_beams(parser *ps, gf_lesson_step *s, const char *v, const char *ve)
{
    char what[96];
    snprintf(what, sizeof what, "a number of beams from 1 to %d (the temperature screen "
                                "then shows their tree)", GF_BEAM_MAX_WIDTH);
    long long n = 0;
    if (!parse_whole(v, ve, 1, GF_BEAM_MAX_WIDTH, &n))
        return fail_at(ps, v, "beams: %s", what);
    s->beams = (int)n;
    return GF_OK;
}

/* The setting's key, from the step's first `key: value` line; each key at
 * most once a step (seen). Returns the key, or -1 with the error set. */
static int setting_key(parser *ps, gf_lesson_step *s, bool seen[GF_LESSON_KEY_COUNT],
                       const char *k, const char *ke, const char *v)
{
    int key = -1;
    for (int i = 0; i < GF_LESSON_KEY_COUNT; i++)
        if (key_is(k, ke, KEY_NAMES[i]))
            key = i;
    if (key < 0) {
        fail_at(ps, k, "%s", "a setting: model, prompt, screen, layer, head, position, "
                             "temperature, top_k, top_p, seed, analogy, cell, ask, "
                             "explain or beams");
        return -1;
    }
    if (seen[key]) {
        fail_at(ps, k, "'%s' only once in a step", KEY_NAMES[key]);
        return -1;
    }
    seen[key] = true;
    s->set_at[key] = (gf_lesson_where){ps->line_no, column_of(ps, v)};
    return key;
}

/* One `key: value` line of a step's settings. */
static gf_status parse_setting(parser *ps, gf_lesson_step *s, bool seen[GF_LESSON_KEY_COUNT])
{
    const char *k, *ke, *v, *ve;
    gf_status st = split_setting(ps, &k, &ke, &v, &ve,
                                 "a setting 'key: value' (a step's settings end at its first "
                                 "blank line; its text follows the blank line)");
    if (st != GF_OK)
        return st;
    const int key = setting_key(ps, s, seen, k, ke, v);
    if (key < 0)
        return GF_ERR_FORMAT;
    long long n = 0;
    switch ((gf_lesson_key)key) {
    case GF_LESSON_KEY_PROMPT: return set_string(ps, &s->prompt, v, ve);
    case GF_LESSON_KEY_ANALOGY: return parse_analogy(ps, s, v, ve);
    case GF_LESSON_KEY_SCREEN: return parse_screen(ps, s, v, ve);
    case GF_LESSON_KEY_LAYER:
    case GF_LESSON_KEY_HEAD:
        if (!parse_whole(v, ve, 0, 100000, &n))
            return fail_at(ps, v, "a %s number from 0", KEY_NAMES[key]);
        *(key == GF_LESSON_KEY_LAYER ? &s->layer : &s->head) = (int)n;
        return GF_OK;
    case GF_LESSON_KEY_POSITION:
        if (key_is(v, ve, "last"))
            s->position = -1;
        else if (parse_whole(v, ve, 0, 1 << 20, &n))
            s->position = (int)n;
        else
            return fail_at(ps, v, "%s", "a token position from 0, or 'last'");
        return GF_OK;
    case GF_LESSON_KEY_TEMPERATURE: {
        float t = -1.0f;
        if (!parse_float(v, ve, &t) || !(t >= 0.0f && t <= GF_SAMPLER_TEMPERATURE_MAX)) {
            char what[64];
            snprintf(what, sizeof what, "a temperature in [0, %g], such as 0.7",
                     (double)GF_SAMPLER_TEMPERATURE_MAX);
            return fail_at(ps, v, "%s", what);
        }
        s->temperature = t;
        return GF_OK;
    }
    case GF_LESSON_KEY_SEED:
        if (!parse_whole(v, ve, 0, (long long)(~0ULL >> 1), &n))
            return fail_at(ps, v, "%s", "a whole number seed");
        s->seed = (uint64_t)n;
        return GF_OK;
    case GF_LESSON_KEY_CELL: return parse_cell(ps, s, v, ve);
    case GF_LESSON_KEY_ASK:
        for (int a = GF_LESSON_ASK_NEXT; a <= GF_LESSON_ASK_ANALOGY; a++)
            if (key_is(v, ve, ASK_NAMES[a])) {
                s->ask = (gf_lesson_ask)a;
                return GF_OK;
            }
        return fail_at(ps, v, "%s", "what the question asks: next, attention or analogy");
    case GF_LESSON_KEY_MODEL:
        st = check_model_name(ps, v, ve);
        if (st == GF_OK)
            snprintf(s->model, sizeof s->model, "%.*s", (int)(ve - v), v);
        return st;
    case GF_LESSON_KEY_TOP_K:
        if (!parse_whole(v, ve, 0, 1 << 24, &n))
            return fail_at(ps, v, "%s", "top_k: a whole number of tokens to keep, 0 for off");
        s->top_k = (int)n;
        return GF_OK;
    case GF_LESSON_KEY_TOP_P: {
        float p = 0.0f;
        if (!parse_float(v, ve, &p) || !(p > 0.0f && p <= 1.0f))
            return fail_at(ps, v, "%s", "top_p: a probability in (0, 1], such as 0.9 (1 for off)");
        s->top_p = p;
        return GF_OK;
    }
    case GF_LESSON_KEY_EXPLAIN: return parse_explain(ps, s, v, ve);
    case GF_LESSON_KEY_BEAMS: return parse_beams(ps, s, v, ve);
    case GF_LESSON_KEY_COUNT: break;
    }
    return GF_OK;
}

/* Check the placeholders of one text line; appends it to *text. */
static gf_status add_text_line(parser *ps, gf_lesson_step *s, char **text, size_t *len,
                               bool new_paragraph, bool answer_ok)
{
    const char *a = skip_spaces(ps->line, ps->line_end), *b = trim_end(a, ps->line_end);
    for (const char *p = a; p < b; p++) {
        if (p + 1 < b && ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}'))) {
            p++;
            continue;
        }
        if (*p == '}')
            return fail_at(ps, p, "%s", "'}}' for a brace in text (a single '}' closes nothing)");
        if (*p != '{')
            continue;
        gf_lesson_piece piece;
        const char *why = NULL;
        const char *after = gf_lesson_placeholder_parse(p, b, &piece, &why);
        if (why != NULL)
            return fail_at(ps, after, "%s", why);
        if (piece.ph == GF_LESSON_PH_ANSWER && !answer_ok)
            return fail_at(ps, p, "%s", "{answer} only in the step right after a step with 'ask:'");
        gf_lesson_where *at = realloc(s->placeholder_at,
                                      (size_t)(s->n_placeholders + 1) * sizeof *at);
        if (at == NULL)
            return gf_error_set(ps->err, GF_ERR_MEMORY, "%s: out of memory", ps->source);
        s->placeholder_at = at;
        at[s->n_placeholders++] = (gf_lesson_where){ps->line_no, column_of(ps, p)};
        p = after - 1;
    }
    size_t add = (size_t)(b - a);
    char *grown = realloc(*text, *len + add + 2);
    if (grown == NULL)
        return gf_error_set(ps->err, GF_ERR_MEMORY, "%s: out of memory", ps->source);
    *text = grown;
    if (*len > 0)
        grown[(*len)++] = new_paragraph ? '\n' : ' ';
    else if (s->text_at.line == 0)
        s->text_at = (gf_lesson_where){ps->line_no, column_of(ps, a)};
    memcpy(grown + *len, a, add);
    *len += add;
    grown[*len] = '\0';
    return GF_OK;
}

/* One step: the "---" line is current. Leaves the next "---" current (or EOF). */
static gf_status parse_step(parser *ps, gf_lesson_step *s, const gf_lesson_step *prev,
                            const gf_lesson *lesson, bool *more)
{
    s->at = (gf_lesson_where){ps->line_no, 1};
    s->heading = dup_range(skip_spaces(ps->line + 3, ps->line_end),
                           trim_end(skip_spaces(ps->line + 3, ps->line_end), ps->line_end));
    if (s->heading == NULL || !step_inherit(s, prev, lesson))
        return gf_error_set(ps->err, GF_ERR_MEMORY, "%s: out of memory", ps->source);
    bool seen[GF_LESSON_KEY_COUNT] = {false};
    bool in_settings = true, blank_before = false;
    char *text = NULL;
    size_t len = 0;
    *more = false;
    while (next_line(ps)) {
        if (line_marker(ps)) {
            *more = true;
            break;
        }
        if (line_comment(ps))
            continue;
        if (line_blank(ps)) {
            in_settings = false;
            blank_before = true;
            continue;
        }
        gf_status st = in_settings ? parse_setting(ps, s, seen)
                                   : add_text_line(ps, s, &text, &len, blank_before,
                                                   prev != NULL && prev->ask != GF_LESSON_ASK_NONE);
        blank_before = false;
        if (st != GF_OK) {
            free(text);
            return st;
        }
    }
    s->text = text != NULL ? text : dup_string("");
    return s->text != NULL ? GF_OK : gf_error_set(ps->err, GF_ERR_MEMORY, "%s: out of memory", ps->source);
}

gf_status gf_lesson_parse(const char *text, size_t length, const char *source, gf_lesson *out,
                          gf_error *err)
{
    memset(out, 0, sizeof *out);
    parser ps = {.source = source, .text = text, .end = text + length, .next = text, .err = err};
    size_t bad = 0;
    if (!gf_utf8_valid(text, length, &bad)) {
        int line = 1;
        const char *ls = text;
        for (size_t i = 0; i < bad; i++)
            if (text[i] == '\n') {
                line++;
                ls = text + i + 1;
            }
        ps.line = ls;
        ps.line_no = line;
        return fail_at(&ps, text + bad, "%s", "UTF-8 text (this byte starts no valid character)");
    }
    if (memchr(text, '\0', length) != NULL)
        return gf_error_set(err, GF_ERR_FORMAT, "%s: contains a NUL byte (not a text file)", source);
    out->path = dup_string(source);
    if (out->path == NULL)
        return gf_error_set(err, GF_ERR_MEMORY, "%s: out of memory", source);
    gf_status st = parse_header(&ps, out);
    bool more = true;
    while (st == GF_OK && more) {
        gf_lesson_step *grown = realloc(out->steps, (size_t)(out->n_steps + 1) * sizeof *grown);
        if (grown == NULL) {
            st = gf_error_set(err, GF_ERR_MEMORY, "%s: out of memory", source);
            break;
        }
        out->steps = grown;
        gf_lesson_step *s = &out->steps[out->n_steps++];
        memset(s, 0, sizeof *s);
        st = parse_step(&ps, s, out->n_steps > 1 ? &out->steps[out->n_steps - 2] : NULL, out, &more);
    }
    if (st == GF_OK && out->steps[out->n_steps - 1].ask != GF_LESSON_ASK_NONE) {
        const gf_lesson_step *last = &out->steps[out->n_steps - 1];
        st = gf_error_set(err, GF_ERR_FORMAT,
                          "%s:%d:%d: expected a step after this one to reveal the answer to 'ask'",
                          source, last->set_at[GF_LESSON_KEY_ASK].line,
                          last->set_at[GF_LESSON_KEY_ASK].col);
    }
    if (st != GF_OK)
        gf_lesson_free(out);
    return st;
}

gf_status gf_lesson_load(const char *path, gf_lesson *out, gf_error *err)
{
    memset(out, 0, sizeof *out);
    char *buf = NULL;
    size_t n = 0;
    gf_status st = gf_file_read_all(path, LESSON_FILE_MAX, &buf, &n, err);
    if (st != GF_OK)
        return st;
    st = gf_lesson_parse(buf, n, path, out, err);
    free(buf);
    return st;
}

void gf_lesson_free(gf_lesson *lesson)
{
    for (int i = 0; i < lesson->n_steps; i++) {
        gf_lesson_step *s = &lesson->steps[i];
        free(s->heading);
        free(s->prompt);
        free(s->screen);
        free(s->analogy);
        free(s->text);
        free(s->placeholder_at);
    }
    free(lesson->steps);
    free(lesson->path);
    free(lesson->title);
    free(lesson->model);
    memset(lesson, 0, sizeof *lesson);
}

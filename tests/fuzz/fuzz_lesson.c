/* fuzz_lesson.c — any bytes as a lesson file (gf_lesson_parse,
 * lessons/README.md). Refused: one line without control bytes, either
 * "SOURCE: reason" or "SOURCE:LINE:COL: expected …" with LINE and COL inside
 * the text, and nothing kept. Accepted: a title, a model folder name, at
 * least one step, every setting in its range (model, layer, head, position,
 * temperature, top_k, top_p, seed, cell, a known screen, an analogy that
 * parses, an explain key core can explain, beams 0 or 1..16), no
 * question on the last step, as many placeholder positions as the text walk
 * finds placeholders, every position inside the text; and written back
 * (every setting spelled out, CRLF line ends so a text's own trailing '\r'
 * survives) it parses to the same lesson. */
#include "fuzz_check.h"

#include "analogy.h"
#include "beam_search.h"
#include "explain.h"
#include "lesson.h"
#include "lesson_screens.h"

#define FUZZ_SOURCE "fuzz/x.lesson"

/* Where each line of the input starts, to check a reported line:column. */
typedef struct {
    const char *text;
    size_t *starts;  /* (n + 1): line i (1-based) is text[starts[i - 1] .. starts[i] - 1) */
    int n;
} fuzz_lines;

static fuzz_lines fuzz_lines_of(const char *text, size_t size)
{
    fuzz_lines l = {text, malloc((size + 2) * sizeof(size_t)), 1};
    FUZZ_ASSERT(l.starts != NULL);
    l.starts[0] = 0;
    for (size_t i = 0; i < size; i++)
        if (text[i] == '\n')
            l.starts[l.n++] = i + 1;
    l.starts[l.n] = size + 1;
    return l;
}

/* at lies inside the text: an existing line, and a column at most one past
 * that line's characters (UTF-8 lead bytes, a '\r' included). */
static void fuzz_check_where(gf_lesson_where at, const fuzz_lines *l)
{
    FUZZ_ASSERT(at.line >= 1 && at.line <= l->n);
    int chars = 0;
    for (size_t i = l->starts[at.line - 1]; i + 1 < l->starts[at.line]; i++)
        chars += ((unsigned char)l->text[i] & 0xC0) != 0x80;
    FUZZ_ASSERT(at.col >= 1 && at.col <= chars + 1);
}

static void fuzz_check_refusal(const gf_error *err, const gf_lesson *lesson, const fuzz_lines *l)
{
    fuzz_check_shown_message(err, FUZZ_SOURCE);
    FUZZ_ASSERT(lesson->n_steps == 0 && lesson->steps == NULL && lesson->title == NULL &&
                lesson->model == NULL && lesson->path == NULL);
    const char *rest = err->message + strlen(FUZZ_SOURCE);
    if (rest[0] == ':' && rest[1] == ' ')
        return;  /* about the whole file: a NUL byte, out of memory */
    gf_lesson_where at = {0, 0};
    int used = 0;
    FUZZ_ASSERT(sscanf(rest, ":%d:%d: expected %n", &at.line, &at.col, &used) == 2 && used > 0);
    fuzz_check_where(at, l);
}

/* A model folder name: 1 to 63 bytes, no slash, backslash, space or tab, not
 * starting with '.'. */
static void fuzz_check_model_name(const char *model)
{
    FUZZ_ASSERT(model[0] != '\0' && model[0] != '.' && strlen(model) < GF_LESSON_MODEL_MAX);
    FUZZ_ASSERT(strpbrk(model, "/\\ \t") == NULL);
}

static void fuzz_check_step(const gf_lesson_step *s, const gf_lesson_step *prev,
                            const fuzz_lines *l)
{
    fuzz_check_model_name(s->model);
    FUZZ_ASSERT(s->top_k >= 0 && s->top_k <= (1 << 24));
    FUZZ_ASSERT(s->top_p > 0.0f && s->top_p <= 1.0f);
    if (s->explain_key[0] == '\0')
        FUZZ_ASSERT(s->explain_row == -1 && s->explain_col == -1);
    else
        FUZZ_ASSERT(gf_explain_supports(s->explain_key) && s->explain_row >= 0 &&
                    s->explain_row <= (1 << 24) && s->explain_col >= 0 &&
                    s->explain_col <= (1 << 24));
    FUZZ_ASSERT(s->beams >= 0 && s->beams <= GF_BEAM_MAX_WIDTH);
    FUZZ_ASSERT((s->beams == 0) == (s->set_at[GF_LESSON_KEY_BEAMS].line == 0));
    FUZZ_ASSERT(s->heading && s->prompt && s->screen && s->text);
    FUZZ_ASSERT(gf_lesson_screen_known(s->screen));
    FUZZ_ASSERT(s->layer >= 0 && s->layer <= 100000 && s->head >= 0 && s->head <= 100000);
    FUZZ_ASSERT(s->position >= -1 && s->position <= (1 << 20));
    FUZZ_ASSERT(s->temperature >= 0.0f && s->temperature <= 100.0f);
    FUZZ_ASSERT(s->seed <= (~0ULL >> 1));
    FUZZ_ASSERT((s->cell_row == -1) == (s->cell_col == -1));
    FUZZ_ASSERT(s->cell_row >= -1 && s->cell_row <= (1 << 20) && s->cell_col <= (1 << 20));
    FUZZ_ASSERT(s->ask >= GF_LESSON_ASK_NONE && s->ask <= GF_LESSON_ASK_ANALOGY);
    if (s->analogy != NULL) {
        gf_expr e;
        gf_error err;
        FUZZ_ASSERT(gf_expr_parse(s->analogy, &e, &err) == GF_OK);
    }
    fuzz_check_where(s->at, l);
    FUZZ_ASSERT(prev == NULL || s->at.line > prev->at.line);
    for (int k = 0; k < GF_LESSON_KEY_COUNT; k++)
        if (s->set_at[k].line != 0)
            fuzz_check_where(s->set_at[k], l);
    int placeholders = 0;
    gf_lesson_piece piece;
    for (const char *cursor = s->text; gf_lesson_text_next(&cursor, &piece);) {
        if (!piece.is_placeholder)
            continue;
        placeholders++;
        FUZZ_ASSERT(piece.ph != GF_LESSON_PH_ANSWER || (prev && prev->ask != GF_LESSON_ASK_NONE));
    }
    FUZZ_ASSERT(placeholders == s->n_placeholders);
    for (int i = 0; i < s->n_placeholders; i++)
        fuzz_check_where(s->placeholder_at[i], l);
}

/* Appends to a growing buffer. */
typedef struct {
    char *data;
    size_t used, capacity;
} fuzz_buffer;

static void fuzz_put(fuzz_buffer *b, const char *s)
{
    size_t n = strlen(s);
    if (b->used + n + 1 > b->capacity) {
        b->capacity = 2 * (b->used + n + 1);
        b->data = realloc(b->data, b->capacity);
        FUZZ_ASSERT(b->data != NULL);
    }
    memcpy(b->data + b->used, s, n + 1);
    b->used += n;
}

static void fuzz_put_line(fuzz_buffer *b, const char *key, const char *value, const char *quote)
{
    fuzz_put(b, key);
    fuzz_put(b, quote);
    fuzz_put(b, value);
    fuzz_put(b, quote);
    fuzz_put(b, "\r\n");
}

/* The lesson as a file: every setting of every step written out, strings
 * in quotes, each text paragraph on one line indented by a space (so that
 * one starting with '#' or '---' stays text). */
static fuzz_buffer fuzz_write_lesson(const gf_lesson *lesson)
{
    fuzz_buffer b = {NULL, 0, 0};
    char number[64];
    fuzz_put_line(&b, "title: ", lesson->title, "");
    fuzz_put_line(&b, "model: ", lesson->model, "");
    for (int i = 0; i < lesson->n_steps; i++) {
        const gf_lesson_step *s = &lesson->steps[i];
        fuzz_put_line(&b, "--- ", s->heading, "");
        fuzz_put_line(&b, "model: ", s->model, "");
        fuzz_put_line(&b, "prompt: ", s->prompt, "\"");
        fuzz_put_line(&b, "screen: ", s->screen, "");
        snprintf(number, sizeof number, "%d", s->layer);
        fuzz_put_line(&b, "layer: ", number, "");
        snprintf(number, sizeof number, "%d", s->head);
        fuzz_put_line(&b, "head: ", number, "");
        snprintf(number, sizeof number, "%d", s->position);
        fuzz_put_line(&b, "position: ", s->position < 0 ? "last" : number, "");
        snprintf(number, sizeof number, "%.9g", (double)s->temperature);
        fuzz_put_line(&b, "temperature: ", number, "");
        snprintf(number, sizeof number, "%d", s->top_k);
        fuzz_put_line(&b, "top_k: ", number, "");
        snprintf(number, sizeof number, "%.9g", (double)s->top_p);
        fuzz_put_line(&b, "top_p: ", number, "");
        snprintf(number, sizeof number, "%llu", (unsigned long long)s->seed);
        fuzz_put_line(&b, "seed: ", number, "");
        if (s->explain_key[0] != '\0') {
            char explain[GF_LESSON_EXPLAIN_KEY_MAX + 32];
            snprintf(explain, sizeof explain, "%s %d %d", s->explain_key, s->explain_row,
                     s->explain_col);
            fuzz_put_line(&b, "explain: ", explain, "");
        }
        if (s->beams > 0) {
            snprintf(number, sizeof number, "%d", s->beams);
            fuzz_put_line(&b, "beams: ", number, "");
        }
        if (s->analogy != NULL)
            fuzz_put_line(&b, "analogy: ", s->analogy, "\"");
        if (s->cell_row >= 0) {
            snprintf(number, sizeof number, "%d %d", s->cell_row, s->cell_col);
            fuzz_put_line(&b, "cell: ", number, "");
        }
        if (s->ask != GF_LESSON_ASK_NONE)
            fuzz_put_line(&b, "ask: ", gf_lesson_ask_name(s->ask), "");
        for (const char *p = s->text; *p;) {
            const char *end = strchr(p, '\n');
            size_t n = end ? (size_t)(end - p) : strlen(p);
            char *paragraph = strndup(p, n);
            FUZZ_ASSERT(paragraph != NULL);
            fuzz_put(&b, "\r\n");
            fuzz_put_line(&b, " ", paragraph, "");
            free(paragraph);
            p += n + (end != NULL);
        }
    }
    return b;
}

static bool fuzz_same_text(const char *a, const char *b)
{
    return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static void fuzz_check_same(const gf_lesson *a, const gf_lesson *b)
{
    FUZZ_ASSERT(strcmp(a->title, b->title) == 0 && strcmp(a->model, b->model) == 0);
    FUZZ_ASSERT(a->n_steps == b->n_steps);
    for (int i = 0; i < a->n_steps; i++) {
        const gf_lesson_step *s = &a->steps[i], *t = &b->steps[i];
        FUZZ_ASSERT(fuzz_same_text(s->heading, t->heading));
        FUZZ_ASSERT(strcmp(s->model, t->model) == 0);
        FUZZ_ASSERT(s->top_k == t->top_k);
        FUZZ_ASSERT(memcmp(&s->top_p, &t->top_p, sizeof s->top_p) == 0);
        FUZZ_ASSERT(strcmp(s->explain_key, t->explain_key) == 0);
        FUZZ_ASSERT(s->explain_row == t->explain_row && s->explain_col == t->explain_col);
        FUZZ_ASSERT(s->beams == t->beams);
        FUZZ_ASSERT(fuzz_same_text(s->prompt, t->prompt));
        FUZZ_ASSERT(fuzz_same_text(s->screen, t->screen));
        FUZZ_ASSERT(fuzz_same_text(s->analogy, t->analogy));
        FUZZ_ASSERT(fuzz_same_text(s->text, t->text));
        FUZZ_ASSERT(s->layer == t->layer && s->head == t->head && s->position == t->position);
        FUZZ_ASSERT(memcmp(&s->temperature, &t->temperature, sizeof s->temperature) == 0);
        FUZZ_ASSERT(s->seed == t->seed && s->ask == t->ask);
        FUZZ_ASSERT(s->cell_row == t->cell_row && s->cell_col == t->cell_col);
        FUZZ_ASSERT(s->n_placeholders == t->n_placeholders);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = (char *)fuzz_bytes(data, size);
    gf_lesson lesson, back;
    gf_error err;
    gf_error_clear(&err);
    fuzz_lines lines = fuzz_lines_of(text, size);
    if (gf_lesson_parse(text, size, FUZZ_SOURCE, &lesson, &err) != GF_OK) {
        fuzz_check_refusal(&err, &lesson, &lines);
        free(lines.starts);
        free(text);
        return 0;
    }
    FUZZ_ASSERT(lesson.title && lesson.title[0] && lesson.model);
    fuzz_check_model_name(lesson.model);
    FUZZ_ASSERT(lesson.n_steps >= 1);
    FUZZ_ASSERT(lesson.steps[lesson.n_steps - 1].ask == GF_LESSON_ASK_NONE);
    for (int i = 0; i < lesson.n_steps; i++)
        fuzz_check_step(&lesson.steps[i], i > 0 ? &lesson.steps[i - 1] : NULL, &lines);
    fuzz_buffer written = fuzz_write_lesson(&lesson);
    if (gf_lesson_parse(written.data, written.used, FUZZ_SOURCE, &back, &err) != GF_OK) {
        fprintf(stderr, "%s\n", err.message);
        FUZZ_ASSERT(!"an accepted lesson writes back as one that parses");
    }
    fuzz_check_same(&lesson, &back);
    gf_lesson_free(&back);
    free(written.data);
    gf_lesson_free(&lesson);
    free(lines.starts);
    free(text);
    return 0;
}

/* lesson_check.c — checks a parsed lesson against the models and word
 * vectors it names (see lesson_check.h). */
#include "lesson_check.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analogy.h"
#include "config.h"
#include "glossary.h"
#include "lesson_screens.h"
#include "params.h"
#include "stages.h"
#include "tokenizer.h"
#include "trace.h"
#include "train_log.h"
#include "vectors.h"

#define CHECKER_MODELS_MAX 16

typedef struct {
    char *name;
    bool ok;
    char error[GF_ERROR_MESSAGE_MAX];
    gf_config cfg;
    gf_tokenizer *tok;
    bool log_tried, log_ok;     /* its train_log.csv, read on first need    */
    char log_error[GF_ERROR_MESSAGE_MAX];
} model_entry;

struct gf_lesson_checker {
    char *assets;
    model_entry models[CHECKER_MODELS_MAX];
    int n_models;
    bool vectors_tried, vectors_ok;
    char vectors_error[GF_ERROR_MESSAGE_MAX];
    gf_vectors vectors;
    gf_glossary *glossary;
};

gf_lesson_checker *gf_lesson_checker_new(const char *assets_dir)
{
    gf_lesson_checker *c = calloc(1, sizeof *c);
    if (c == NULL)
        return NULL;
    c->assets = malloc(strlen(assets_dir) + 1);
    if (c->assets == NULL) {
        free(c);
        return NULL;
    }
    strcpy(c->assets, assets_dir);
    return c;
}

void gf_lesson_checker_free(gf_lesson_checker *c)
{
    if (c == NULL)
        return;
    for (int i = 0; i < c->n_models; i++) {
        free(c->models[i].name);
        gf_tokenizer_free(c->models[i].tok);
    }
    if (c->vectors_ok)
        gf_vectors_free(&c->vectors);
    gf_glossary_free(c->glossary);
    free(c->assets);
    free(c);
}

/* The model folder NAME, opened once (its config and tokenizer). */
/* Whether a forward pass of cfg has this stage (a post-norm model has no
 * final norm: the viewer cannot show it). */
static bool model_has_stage(const gf_config *cfg, gf_stage_id id)
{
    gf_stage_id ids[GF_STAGE_COUNT];
    int n = gf_stages_for_config(cfg, ids, GF_STAGE_COUNT);
    for (int i = 0; i < n; i++)
        if (ids[i] == id)
            return true;
    return false;
}

static model_entry *checker_model(gf_lesson_checker *c, const char *name)
{
    for (int i = 0; i < c->n_models; i++)
        if (strcmp(c->models[i].name, name) == 0)
            return &c->models[i];
    if (c->n_models == CHECKER_MODELS_MAX)
        return NULL;
    model_entry *m = &c->models[c->n_models];
    memset(m, 0, sizeof *m);
    m->name = malloc(strlen(name) + 1);
    if (m->name == NULL)
        return NULL;
    strcpy(m->name, name);
    c->n_models++;
    char path[2048], merges[2048];
    gf_error err;
    gf_error_clear(&err);
    snprintf(path, sizeof path, "%s/models/%s/config.json", c->assets, name);
    if (gf_config_load(path, &m->cfg, &err) == GF_OK) {
        snprintf(path, sizeof path, "%s/models/%s/vocab.json", c->assets, name);
        snprintf(merges, sizeof merges, "%s/models/%s/merges.txt", c->assets, name);
        m->ok = gf_tokenizer_load(&m->tok, path, merges, &err) == GF_OK;
    }
    if (!m->ok)
        snprintf(m->error, sizeof m->error, "%s", err.message);
    return m;
}

/* Whether the model folder's train_log.csv reads (once per model). */
static bool model_log_ok(const gf_lesson_checker *c, model_entry *m)
{
    if (m->log_tried)
        return m->log_ok;
    m->log_tried = true;
    char path[2048];
    snprintf(path, sizeof path, "%s/models/%s/train_log.csv", c->assets, m->name);
    gf_train_log log;
    gf_error err;
    gf_error_clear(&err);
    m->log_ok = gf_train_log_load(path, &log, &err) == GF_OK;
    if (!m->log_ok)
        snprintf(m->log_error, sizeof m->log_error, "%s", err.message);
    else if (log.n == 0)
        snprintf(m->log_error, sizeof m->log_error, "train_log.csv of '%.100s' has no rows",
                 m->name);
    if (m->log_ok) {
        m->log_ok = log.n > 0;
        gf_train_log_free(&log);
    }
    return m->log_ok;
}

/* The shipped word vectors and glossary, opened once. */
static bool checker_vectors(gf_lesson_checker *c)
{
    if (c->vectors_tried)
        return c->vectors_ok;
    c->vectors_tried = true;
    char dir[2048], path[2100];
    gf_error err;
    gf_error_clear(&err);
    snprintf(dir, sizeof dir, "%s/vectors/en", c->assets);
    snprintf(path, sizeof path, "%s/glossary_ru.txt", dir);
    c->vectors_ok = gf_vectors_load(&c->vectors, dir, &err) == GF_OK;
    if (c->vectors_ok && gf_glossary_load(&c->glossary, path, &err) != GF_OK) {
        gf_vectors_free(&c->vectors);
        c->vectors_ok = false;
    }
    if (!c->vectors_ok)
        snprintf(c->vectors_error, sizeof c->vectors_error, "%s", err.message);
    return c->vectors_ok;
}

typedef struct {
    const gf_lesson *lesson;
    gf_lesson_report_fn report;
    void *ctx;
    int errors;
    char **seen;        /* "line:col: message" already reported: a setting
                           carried over to later steps is reported once   */
    int n_seen;
} reporter;

static void reporter_free(reporter *r)
{
    for (int i = 0; i < r->n_seen; i++)
        free(r->seen[i]);
    free(r->seen);
}

static void problem(reporter *r, gf_lesson_where at, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void problem(reporter *r, gf_lesson_where at, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    char key[800];
    snprintf(key, sizeof key, "%d:%d: %s", at.line, at.col, msg);
    for (int i = 0; i < r->n_seen; i++)
        if (strcmp(r->seen[i], key) == 0)
            return;
    char **grown = realloc(r->seen, (size_t)(r->n_seen + 1) * sizeof *grown);
    if (grown != NULL) {
        r->seen = grown;
        r->seen[r->n_seen] = malloc(strlen(key) + 1);
        if (r->seen[r->n_seen] != NULL)
            strcpy(r->seen[r->n_seen++], key);
    }
    r->report(r->ctx, r->lesson->path, at.line, at.col, msg);
    r->errors++;
}

/* Where a setting came from, or the step's "---" line for a default. */
static gf_lesson_where setting_at(const gf_lesson_step *s, gf_lesson_key key)
{
    return s->set_at[key].line > 0 ? s->set_at[key] : s->at;
}

/* The analogy expression's words exist (message when not). */
static bool analogy_ok(gf_lesson_checker *c, const char *text, char *why, size_t size)
{
    if (!checker_vectors(c)) {
        snprintf(why, size, "the word vectors do not open: %s", c->vectors_error);
        return false;
    }
    gf_expr e;
    gf_analogy_terms t;
    gf_error err;
    gf_error_clear(&err);
    if (gf_expr_parse(text, &e, &err) != GF_OK ||
        gf_analogy_lookup(&c->vectors, c->glossary, &e, &t, &err) != GF_OK) {
        snprintf(why, size, "%s", err.message);
        return false;
    }
    return true;
}

/* Whether text is exactly one token for tok (the count in *n). */
static bool one_token(const gf_tokenizer *tok, const char *text, int *n)
{
    int32_t *ids = NULL;
    gf_error err;
    *n = 0;
    bool ok = gf_tokenizer_encode(tok, text, strlen(text), &ids, n, &err) == GF_OK && *n == 1;
    free(ids);
    return ok;
}

/* The placeholders of s's text have what they need (T tokens; m: the
 * step's model, NULL or not ok when it does not open). */
static void check_text(gf_lesson_checker *c, reporter *r, const gf_lesson_step *s, int n_tokens,
                       model_entry *m, bool analogy_good)
{
    const gf_tokenizer *tok = m != NULL && m->ok ? m->tok : NULL;
    const char *cur = s->text;
    gf_lesson_piece p;
    int index = 0;
    while (gf_lesson_text_next(&cur, &p)) {
        if (!p.is_placeholder)
            continue;
        gf_lesson_where at = index < s->n_placeholders ? s->placeholder_at[index] : s->text_at;
        index++;
        const char *name = gf_lesson_placeholder_name(p.ph);
        switch (p.ph) {
        case GF_LESSON_PH_TOKEN:
        case GF_LESSON_PH_TOKEN_ID:
            if (n_tokens > 0 && p.number >= n_tokens)
                problem(r, at, "{%s %d}: the prompt has tokens 0..%d", name, p.number,
                        n_tokens - 1);
            break;
        case GF_LESSON_PH_WEIGHT:
        case GF_LESSON_PH_SCORE:
            if (s->cell_row < 0)
                problem(r, at, "{%s} needs a 'cell: ROW COLUMN' in its step", name);
            break;
        case GF_LESSON_PH_LOSS_FIRST:
        case GF_LESSON_PH_LOSS_LAST:
        case GF_LESSON_PH_TRAIN_STEPS:
            if (m != NULL && m->ok && !model_log_ok(c, m))
                problem(r, at, "{%s} needs the model's train_log.csv: %s", name, m->log_error);
            break;
        case GF_LESSON_PH_ANALOGY1:
        case GF_LESSON_PH_ANALOGY1_COS:
            if (s->analogy == NULL)
                problem(r, at, "{%s} needs an 'analogy:' expression", name);
            else if (!analogy_good)
                problem(r, at, "{%s}: the analogy expression has no answer", name);
            break;
        case GF_LESSON_PH_PROB:
        case GF_LESSON_PH_LOGIT: {
            int n = 0;
            if (tok != NULL && !one_token(tok, p.arg, &n))
                problem(r, at, "{%s \"%s\"}: \"%s\" is %d tokens for model '%s', not one token",
                        name, p.arg, p.arg, n, m->name);
            break;
        }
        default: break;
        }
    }
}

static bool same_text(const char *a, const char *b)
{
    return a == NULL || b == NULL ? a == b : strcmp(a, b) == 0;
}

/* Whether a screen already shows the answer to a question of this kind: the
 * attention weights (or the scores, whose largest is the same key) for
 * `attention`, the next token's logits or probabilities for `next`, the
 * nearest words for `analogy`. A question asked there gives itself away. */
static bool screen_shows_answer(gf_lesson_ask ask, const char *screen)
{
    static const char *const attention[] = {"scores", "mask", "softmax", "weighted", "overview", NULL};
    static const char *const next[] = {"logits", "probs", "temperature", "lens", NULL};
    static const char *const analogy[] = {"analogy", NULL};
    const char *const *shows = ask == GF_LESSON_ASK_ATTENTION ? attention
                               : ask == GF_LESSON_ASK_NEXT    ? next
                               : ask == GF_LESSON_ASK_ANALOGY ? analogy
                                                              : NULL;
    for (int i = 0; shows != NULL && shows[i] != NULL; i++)
        if (strcmp(shows[i], screen) == 0)
            return true;
    return false;
}

/* The reveal (next) step must keep what the question's answer depends on. */
static void check_reveal(reporter *r, const gf_lesson_step *ask, const gf_lesson_step *reveal)
{
    struct {
        bool changed;
        gf_lesson_key key;
    } deps[] = {
        {strcmp(ask->model, reveal->model) != 0, GF_LESSON_KEY_MODEL},
        {strcmp(ask->prompt, reveal->prompt) != 0, GF_LESSON_KEY_PROMPT},
        {ask->position != reveal->position, GF_LESSON_KEY_POSITION},
        {ask->ask == GF_LESSON_ASK_ATTENTION && ask->layer != reveal->layer, GF_LESSON_KEY_LAYER},
        {ask->ask == GF_LESSON_ASK_ATTENTION && ask->head != reveal->head, GF_LESSON_KEY_HEAD},
        {ask->ask == GF_LESSON_ASK_NEXT && ask->temperature != reveal->temperature,
         GF_LESSON_KEY_TEMPERATURE},
        {ask->ask == GF_LESSON_ASK_ANALOGY && !same_text(ask->analogy, reveal->analogy),
         GF_LESSON_KEY_ANALOGY},
    };
    for (size_t i = 0; i < sizeof deps / sizeof deps[0]; i++)
        if (deps[i].changed)
            problem(r, setting_at(reveal, deps[i].key),
                    "the reveal of the question asked in the step before keeps its '%s' (the "
                    "answer depends on it)", gf_lesson_key_name(deps[i].key));
}

/* `explain: KEY ROW COL`: the key has values for this model at the step's
 * layer and head (as the viewer finds them: per head, per layer, or
 * global), and ROW, COL are inside them for this prompt (T tokens). */
static void check_explain(reporter *r, const gf_lesson_step *s, const model_entry *m, int n_tokens)
{
    gf_lesson_where at = setting_at(s, GF_LESSON_KEY_EXPLAIN);
    gf_trace tr;
    gf_error err;
    gf_error_clear(&err);
    if (n_tokens <= 0 || n_tokens > m->cfg.n_ctx ||
        gf_trace_init(&tr, &m->cfg, n_tokens, true, &err) != GF_OK)
        return;  /* the prompt's own problem is reported */
    tr.n_tokens = n_tokens;  /* shapes only: views are cut at T */
    bool probs = strcmp(s->explain_key, "probs") == 0;
    const char *key = probs ? "logits" : s->explain_key;
    gf_view v;
    bool found = gf_trace_get(&tr, key, s->layer, s->head, &v) ||
                 gf_trace_get(&tr, key, s->layer, -1, &v) || gf_trace_get(&tr, key, -1, -1, &v);
    if (!found || v.ndim < 1) {
        problem(r, at, "explain: model '%s' has no values '%s' (its trace keys follow its "
                "architecture)", m->name, s->explain_key);
    } else {
        int64_t rows = v.ndim >= 2 ? v.shape[v.ndim - 2] : v.shape[0];
        int64_t cols = v.ndim >= 2 ? v.shape[v.ndim - 1] : 1;
        if (v.ndim == 3 && v.shape[0] == m->cfg.n_head)  /* (H,T,T) without a head slice */
            rows = v.shape[1];
        if (s->explain_row >= rows || s->explain_col >= cols)
            problem(r, at, "explain: %s has rows 0..%lld and columns 0..%lld for this model and "
                    "prompt (not %d %d)", s->explain_key, (long long)rows - 1,
                    (long long)cols - 1, s->explain_row, s->explain_col);
    }
    gf_trace_free(&tr);
}

static void check_step(gf_lesson_checker *c, reporter *r, int index)
{
    const gf_lesson_step *s = &r->lesson->steps[index];
    model_entry *m = checker_model(c, s->model);
    gf_lesson_where model_at = setting_at(s, GF_LESSON_KEY_MODEL);
    if (model_at.line == 0)
        model_at = (gf_lesson_where){1, 1};
    if (m == NULL)
        problem(r, model_at, "model '%s': out of memory or too many models", s->model);
    else if (!m->ok)
        problem(r, model_at, "model '%s' (a folder under %s/models/) does not open: %s", s->model,
                c->assets, m->error);
    int n_tokens = 0;
    bool is_analogy = strcmp(s->screen, "analogy") == 0;
    if (!gf_lesson_screen_known(s->screen))
        problem(r, setting_at(s, GF_LESSON_KEY_SCREEN), "no screen or stage '%s'", s->screen);
    if (s->beams > 0 && strcmp(s->screen, "temperature") != 0)
        problem(r, setting_at(s, GF_LESSON_KEY_BEAMS),
                "beams: only the temperature screen shows the beam tree (this step's screen is "
                "'%s')", s->screen);
    if (m != NULL && m->ok) {
        int32_t *ids = NULL;
        gf_error err;
        gf_error_clear(&err);
        gf_lesson_where at = setting_at(s, GF_LESSON_KEY_PROMPT);
        if (gf_tokenizer_encode(m->tok, s->prompt, strlen(s->prompt), &ids, &n_tokens, &err) != GF_OK)
            problem(r, at, "the prompt does not encode: %s", err.message);
        free(ids);
        if (n_tokens == 0 && !is_analogy)
            problem(r, at, "expected a prompt: this step's screen shows the prompt's tokens");
        if (n_tokens > m->cfg.n_ctx)
            problem(r, at, "the prompt is %d tokens; model '%s' reads at most %d", n_tokens, m->name,
                    m->cfg.n_ctx);
        const gf_stage *stage = gf_stage_find(s->screen);
        if (stage != NULL && !model_has_stage(&m->cfg, stage->id))
            problem(r, setting_at(s, GF_LESSON_KEY_SCREEN),
                    "stage '%s': model '%s' has no such stage (its norms are placed %s)", s->screen,
                    m->name, m->cfg.norm_placement == GF_NORM_POST ? "after the residuals" : "before");
        if (s->layer >= m->cfg.n_layer)
            problem(r, setting_at(s, GF_LESSON_KEY_LAYER), "layer %d: model '%s' has layers 0..%d",
                    s->layer, m->name, m->cfg.n_layer - 1);
        if (s->head >= m->cfg.n_head)
            problem(r, setting_at(s, GF_LESSON_KEY_HEAD), "head %d: model '%s' has heads 0..%d",
                    s->head, m->name, m->cfg.n_head - 1);
        if (s->top_k > m->cfg.vocab_size)
            problem(r, setting_at(s, GF_LESSON_KEY_TOP_K), "top_k %d: model '%s' has %d tokens",
                    s->top_k, m->name, m->cfg.vocab_size);
        if (n_tokens > 0 && s->position >= n_tokens)
            problem(r, setting_at(s, GF_LESSON_KEY_POSITION),
                    "position %d: the prompt has positions 0..%d", s->position, n_tokens - 1);
        if (s->cell_row >= 0 && n_tokens > 0 &&
            (s->cell_row >= n_tokens || s->cell_col >= n_tokens))
            problem(r, setting_at(s, GF_LESSON_KEY_CELL),
                    "cell %d %d: the prompt has positions 0..%d", s->cell_row, s->cell_col,
                    n_tokens - 1);
        else if (s->cell_row >= 0 && s->cell_col > s->cell_row)
            problem(r, setting_at(s, GF_LESSON_KEY_CELL),
                    "cell %d %d: a key position at most the query position (the cell is masked: "
                    "a token never sees later tokens)", s->cell_row, s->cell_col);
        if (s->explain_key[0] != '\0' && s->layer < m->cfg.n_layer && s->head < m->cfg.n_head)
            check_explain(r, s, m, n_tokens);
    }
    bool analogy_good = false;
    char why[GF_ERROR_MESSAGE_MAX + 64];
    if (s->analogy != NULL) {
        analogy_good = analogy_ok(c, s->analogy, why, sizeof why);
        if (!analogy_good)
            problem(r, setting_at(s, GF_LESSON_KEY_ANALOGY), "%s", why);
    } else if (is_analogy) {
        problem(r, setting_at(s, GF_LESSON_KEY_SCREEN),
                "expected an 'analogy:' expression for the analogy screen");
    }
    check_text(c, r, s, n_tokens, m, analogy_good);
    if (s->ask == GF_LESSON_ASK_ANALOGY && s->analogy == NULL)
        problem(r, setting_at(s, GF_LESSON_KEY_ASK),
                "expected an 'analogy:' expression: the question's answer is its nearest word");
    if (screen_shows_answer(s->ask, s->screen))
        problem(r, setting_at(s, GF_LESSON_KEY_ASK),
                "the question is asked on screen '%s', which already shows its answer: ask it on a "
                "screen that does not (tokens, embed, final_norm) and reveal it in the next step",
                s->screen);
    if (s->ask != GF_LESSON_ASK_NONE && index + 1 < r->lesson->n_steps)
        check_reveal(r, s, &r->lesson->steps[index + 1]);
}

int gf_lesson_check(gf_lesson_checker *c, const gf_lesson *lesson, gf_lesson_report_fn report,
                    void *ctx)
{
    reporter r = {.lesson = lesson, .report = report, .ctx = ctx};
    for (int i = 0; i < lesson->n_steps; i++)
        check_step(c, &r, i);
    reporter_free(&r);
    return r.errors;
}

int gf_lesson_check_translation(const gf_lesson *a, const gf_lesson *b, gf_lesson_report_fn report,
                                void *ctx)
{
    reporter r = {.lesson = b, .report = report, .ctx = ctx};
    if (a->n_steps != b->n_steps) {
        problem(&r, (gf_lesson_where){1, 1},
                "expected %d steps, as its English original %s has (this has %d)", a->n_steps,
                a->path, b->n_steps);
        reporter_free(&r);
        return r.errors;
    }
    /* Model, prompt, layer, head, position and cell may differ: a Russian
     * class reads a Russian prompt with the bilingual model. */
    for (int i = 0; i < a->n_steps; i++) {
        const gf_lesson_step *x = &a->steps[i], *y = &b->steps[i];
        if (strcmp(x->screen, y->screen) != 0 || x->ask != y->ask)
            problem(&r, y->at,
                    "expected step %d on screen '%s' with question '%s', as step %d of its "
                    "English original %s (line %d)", i + 1, x->screen, gf_lesson_ask_name(x->ask),
                    i + 1, a->path, x->at.line);
        else if (x->beams != y->beams)
            problem(&r, y->at,
                    "expected step %d with 'beams: %d', as step %d of its English original %s "
                    "(line %d)", i + 1, x->beams, i + 1, a->path, x->at.line);
    }
    reporter_free(&r);
    return r.errors;
}

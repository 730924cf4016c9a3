/* lesson_fill.c — a lesson step's text with its placeholders ({top1},
 * {weight}, {answer}, …; core/lesson.h) replaced by values read from the
 * session's trace, the display sampler's distribution and the analogy
 * screen's answer. Nothing is computed here that the views do not show:
 * probabilities are the display sampler's (the probability view's), the
 * weights are the trace's softmax rows. */
#include "lesson_player.h"

#include "analogy_lab.h"
#include "app.h"
#include "loss_curve.h"
#include "params.h"
#include "stages.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UNKNOWN_VALUE "…"

typedef struct {
    char *out;
    size_t size, used;
} sink;

static void put(sink *k, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void put(sink *k, const char *fmt, ...)
{
    if (k->used + 1 >= k->size)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(k->out + k->used, k->size - k->used, fmt, ap);
    va_end(ap);
    if (n > 0)
        k->used += (size_t)n < k->size - k->used ? (size_t)n : k->size - k->used - 1;
}

/* A probability as a percentage with the probability bars' own digits
 * (gf_format_probability), so a student finds the text's number on the
 * screen; a no-break space before the sign, so a line never breaks between
 * the number and "%". */
static void put_percent(sink *k, float p)
{
    char percent[32];
    gf_format_probability(p, "\u00a0%", percent, sizeof percent);
    put(k, "%s", percent);
}

/* The step's position: its own, or the last token. */
static int step_position(const gf_app *app, const gf_lesson_step *s)
{
    return s->position >= 0 ? s->position : app->s.n_tokens - 1;
}

static void put_token(gf_app *app, sink *k, int32_t id)
{
    char label[GF_LABEL_MAX];
    gf_session_label(&app->s, id, label, sizeof label);
    put(k, "«%s»", label);
}

/* The attention weights row of query t at the step's layer and head:
 * fills *view, false when the trace has none. */
static bool attention_row(gf_app *app, const gf_lesson_step *s, gf_view *view)
{
    return app->s.n_tokens > 0 &&
           gf_stage_slot_view(&app->s.trace, GF_STAGE_SOFTMAX, GF_SLOT_OUT, s->layer, s->head,
                              view) &&
           view->data != NULL && view->ndim >= 2;
}

static float weight_at(const gf_view *v, int head, int q, int key)
{
    return v->ndim == 3 ? gf_view_at3(v, head, q, key) : gf_view_at2(v, q, key);
}

/* The key position query t attends to most (ties: the earlier), or −1. */
static int attention_top(gf_app *app, const gf_lesson_step *s, float *weight)
{
    gf_view v;
    int t = step_position(app, s);
    if (t < 0 || !attention_row(app, s, &v))
        return -1;
    int best = 0;
    for (int j = 1; j <= t; j++)
        if (weight_at(&v, s->head, t, j) > weight_at(&v, s->head, t, best))
            best = j;
    *weight = weight_at(&v, s->head, t, best);
    return best;
}

/* The next-token distribution after position t at the step's temperature
 * (the probability view's: the display sampler's), or NULL. */
static const float *distribution(gf_app *app, const gf_lesson_step *s)
{
    int t = step_position(app, s);
    const float *logits = t >= 0 ? gf_trace_logits_row(&app->s.trace, t) : NULL;
    if (logits == NULL || !app->has_display)
        return NULL;
    gf_app_top_tokens(app, t, s->temperature);  /* fills app->display.probs */
    return app->display.probs;
}

static int argmax(const float *p, int n)
{
    int best = 0;
    for (int i = 1; i < n; i++)
        if (p[i] > p[best])
            best = i;
    return best;
}

/* A count with thin spaces between thousands: 1 858 304. */
static void put_grouped(sink *k, long long value)
{
    char digits[32], grouped[64];
    snprintf(digits, sizeof digits, "%lld", value);
    size_t n = strlen(digits), g = 0;
    for (size_t i = 0; i < n && g + 4 < sizeof grouped; i++) {
        if (i > 0 && digits[i - 1] != '-' && (n - i) % 3 == 0) {
            memcpy(grouped + g, "\u2009", 3);
            g += 3;
        }
        grouped[g++] = digits[i];
    }
    grouped[g] = '\0';
    put(k, "%s", grouped);
}

/* The parameter count of a config (false when it does not build). */
static bool params_total(const gf_config *cfg, long long *total)
{
    gf_param_list list;
    gf_error err;
    if (gf_params_build(cfg, &list, &err) != GF_OK)
        return false;
    *total = (long long)list.total;
    gf_params_free(&list);
    return true;
}

/* The id of TEXT when it is exactly one token of the model, else −1. */
static int32_t single_token(gf_app *app, const char *text)
{
    int32_t *ids = NULL, id = -1;
    int n = 0;
    gf_error err;
    if (app->s.model.tokenizer != NULL &&
        gf_tokenizer_encode(app->s.model.tokenizer, text, strlen(text), &ids, &n, &err) == GF_OK &&
        n == 1 && ids[0] >= 0 && ids[0] < app->s.model.config.vocab_size)
        id = ids[0];
    free(ids);
    return id;
}

/* The model's sizes and the values that need no trace; false when ph is
 * none of them. */
static bool put_model_value(gf_app *app, const gf_lesson_step *s, const gf_lesson_piece *p,
                            sink *k)
{
    const gf_config *cfg = &app->s.model.config;
    int hs = cfg->n_head > 0 ? gf_config_head_size(cfg) : 0;
    long long total = 0;
    switch (p->ph) {
    case GF_LESSON_PH_N_LAYER: put(k, "%d", cfg->n_layer); return true;
    case GF_LESSON_PH_N_HEAD: put(k, "%d", cfg->n_head); return true;
    case GF_LESSON_PH_N_EMBD: put(k, "%d", cfg->n_embd); return true;
    case GF_LESSON_PH_HEAD_SIZE: put(k, "%d", hs); return true;
    case GF_LESSON_PH_SQRT_HEAD_SIZE: {
        double r = sqrt((double)hs);
        if (r == floor(r))
            put(k, "%d", (int)r);
        else
            put(k, "%.2f", r);
        return true;
    }
    case GF_LESSON_PH_D_FF: put(k, "%d", cfg->n_inner); return true;
    case GF_LESSON_PH_VOCAB: put_grouped(k, cfg->vocab_size); return true;
    case GF_LESSON_PH_N_CTX: put(k, "%d", cfg->n_ctx); return true;
    case GF_LESSON_PH_MODEL: put(k, "%s", s->model); return true;
    case GF_LESSON_PH_PARAMS:
        if (!params_total(cfg, &total))
            return false;
        put_grouped(k, total);
        return true;
    case GF_LESSON_PH_PRESET_PARAMS: {
        gf_config preset;
        gf_error err;
        if (gf_preset_config(p->arg, &preset, &err) != GF_OK || !params_total(&preset, &total))
            return false;
        put_grouped(k, total);
        return true;
    }
    case GF_LESSON_PH_LOSS_FIRST:
    case GF_LESSON_PH_LOSS_LAST:
    case GF_LESSON_PH_TRAIN_STEPS: {
        const gf_train_log *log = gf_loss_log(app);
        if (log == NULL)
            return false;
        if (p->ph == GF_LESSON_PH_TRAIN_STEPS)
            put_grouped(k, (long long)log->step[log->n - 1]);
        else
            put(k, "%.2f", log->loss[p->ph == GF_LESSON_PH_LOSS_FIRST ? 0 : log->n - 1]);
        return true;
    }
    default: return false;
    }
}

static void put_placeholder(gf_app *app, const gf_lesson_step *s, const gf_lesson_piece *p,
                            gf_lesson_ask asked, sink *k)
{
    gf_lesson_placeholder ph = p->ph;
    if (ph == GF_LESSON_PH_ANSWER)
        ph = asked == GF_LESSON_ASK_NEXT        ? GF_LESSON_PH_TOP1
             : asked == GF_LESSON_ASK_ATTENTION ? GF_LESSON_PH_ATTN_TOP
             : asked == GF_LESSON_ASK_ANALOGY   ? GF_LESSON_PH_ANALOGY1
                                                : GF_LESSON_PH_COUNT;
    const gf_lab_answer *lab = app->lab != NULL && app->lab->has_answer && s->analogy != NULL &&
                                       strcmp(app->lab->answer.text, s->analogy) == 0
                                   ? &app->lab->answer
                                   : NULL;
    int V = app->s.model.config.vocab_size;
    float w = 0.0f;
    switch (ph) {
    case GF_LESSON_PH_TOKENS: put(k, "%d", app->s.n_tokens); return;
    case GF_LESSON_PH_TOKEN:
        if (p->number < app->s.n_tokens)
            put_token(app, k, app->s.tokens[p->number]);
        else
            put(k, UNKNOWN_VALUE);
        return;
    case GF_LESSON_PH_TOP1:
    case GF_LESSON_PH_TOP1_PROB: {
        const float *probs = distribution(app, s);
        if (probs == NULL)
            break;
        int best = argmax(probs, V);
        if (ph == GF_LESSON_PH_TOP1)
            put_token(app, k, best);
        else
            put_percent(k, probs[best]);
        return;
    }
    case GF_LESSON_PH_PROB: {
        const float *probs = distribution(app, s);
        int32_t id = single_token(app, p->arg);
        if (probs == NULL || id < 0)
            break;
        put_percent(k, probs[id]);
        return;
    }
    case GF_LESSON_PH_ATTN_TOP:
    case GF_LESSON_PH_ATTN_TOP_WEIGHT: {
        int j = attention_top(app, s, &w);
        if (j < 0)
            break;
        if (ph == GF_LESSON_PH_ATTN_TOP)
            put_token(app, k, app->s.tokens[j]);
        else
            put(k, "%.3f", (double)w);
        return;
    }
    case GF_LESSON_PH_WEIGHT: {
        gf_view v;
        if (s->cell_row < 0 || s->cell_row >= app->s.n_tokens || s->cell_col > s->cell_row ||
            !attention_row(app, s, &v))
            break;
        put(k, "%.3f", (double)weight_at(&v, s->head, s->cell_row, s->cell_col));
        return;
    }
    case GF_LESSON_PH_ANALOGY1:
        if (lab == NULL || lab->n_results == 0)
            break;
        put(k, "«%s»", lab->labels[0]);
        return;
    case GF_LESSON_PH_ANALOGY1_COS:
        if (lab == NULL || lab->n_results == 0)
            break;
        put(k, "%.3f", (double)lab->cosines[0]);
        return;
    case GF_LESSON_PH_TOKEN_ID:
        if (p->number >= app->s.n_tokens)
            break;
        put(k, "%d", app->s.tokens[p->number]);
        return;
    case GF_LESSON_PH_SCORE: {
        /* The trace's scaled score q·k/√hs (before the mask and softmax). */
        gf_view v;
        if (s->cell_row < 0 || s->cell_row >= app->s.n_tokens || s->cell_col > s->cell_row ||
            !gf_trace_get(&app->s.trace, "attn.scores", s->layer, s->head, &v) || v.ndim != 2)
            break;
        put(k, "%.3f", (double)gf_view_at2(&v, s->cell_row, s->cell_col));
        return;
    }
    case GF_LESSON_PH_LOGIT: {
        int t = step_position(app, s);
        const float *logits = t >= 0 ? gf_trace_logits_row(&app->s.trace, t) : NULL;  /* (V) */
        int32_t id = single_token(app, p->arg);
        if (logits == NULL || id < 0)
            break;
        put(k, "%.2f", (double)logits[id]);
        return;
    }
    default:
        if (put_model_value(app, s, p, k))
            return;
        break;
    }
    put(k, UNKNOWN_VALUE);
}

void gf_lesson_fill(gf_app *app, const gf_lesson_step *s, char *out, size_t size)
{
    sink k = {out, size, 0};
    out[0] = '\0';
    const gf_lesson_player *pl = app->lesson;
    gf_lesson_ask asked = GF_LESSON_ASK_NONE;
    if (pl != NULL && s > pl->lesson.steps && s < pl->lesson.steps + pl->lesson.n_steps)
        asked = s[-1].ask;
    const char *cur = s->text;
    gf_lesson_piece piece;
    while (gf_lesson_text_next(&cur, &piece)) {
        if (piece.is_placeholder)
            put_placeholder(app, s, &piece, asked, &k);
        else
            put(&k, "%.*s", (int)piece.literal_len, piece.literal);
    }
}

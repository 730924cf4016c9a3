/* view_logits.c — the readout: logits of the current position (largest as
 * bars, all V as a strip) and the next-token probabilities: the sampler's
 * final distribution (T, top-k, top-p) over the whole vocabulary. Where the
 * text goes on after this position, the actual next token is marked with
 * its rank, whether or not it is among the bars. */
#include "views.h"

#include <stdio.h>

static void logits_tip(const void *owner, const void *ctx, int row, int col, float v, char *buf,
                       size_t size)
{
    const gf_app *app = owner;
    (void)row;
    int t = *(const int *)ctx;
    char label[GF_LABEL_MAX], val[32];
    gf_session_label(&app->s, col, label, sizeof label);
    gf_format_value(v, val, sizeof val);
    snprintf(buf, size, "logits[%d,%d] = h%s·wte[%d] = %s   (%s)", t, col, "ₜ", col, val, label);
}

/* One dim line under the title; returns its height. */
static int note_line(gf_app *app, gf_rect r, gf_rgba colour, const char *text)
{
    return gf_draw_wrapped(&app->ui, GF_FACE_SANS, GF_TEXT_BODY, colour, r, text) +
           gf_ui_px(&app->ui, app->ui.style->note_gap);
}

/* "next in the text: …" or "last position: …"; returns the height used. */
static int next_line(gf_app *app, gf_rect r, const gf_top_tokens *top)
{
    char line[256], label[GF_LABEL_MAX];
    if (top->next_id < 0)
        return note_line(app, r, app->ui.style->text_dim, gf_i18n(&app->text, GF_STR_NEXT_UNKNOWN));
    gf_session_label(&app->s, top->next_id, label, sizeof label);
    int n = snprintf(line, sizeof line, gf_i18n(&app->text, GF_STR_NEXT_LINE), label,
                     (int)top->next_id, top->next_rank, app->s.trace.config.vocab_size);
    /* In the probability view a 0 needs its reason: top-k/top-p or T = 0. */
    if (gf_stepper_stage(&app->st) == GF_STAGE_PROBS && top->next_value == 0.0f && n > 0 &&
        (size_t)n < sizeof line)
        snprintf(line + n, sizeof line - (size_t)n, "%s", gf_i18n(&app->text, GF_STR_NEXT_CUT));
    return note_line(app, r, app->ui.style->accent, line);
}

/* "sampler: T = 0.70   top-k = off   top-p = 0.90" */
static void sampler_line(const gf_app *app, char *buf, size_t size)
{
    const gf_sampler *s = &app->s.sampler;
    char k[32], p[32];
    const char *off = gf_i18n(&app->text, GF_STR_OFF);
    if (s->top_k > 0)
        snprintf(k, sizeof k, "%d", s->top_k);
    else
        snprintf(k, sizeof k, "%s", off);
    if (s->top_p < 1.0f)
        snprintf(p, sizeof p, "%.2f", (double)s->top_p);
    else
        snprintf(p, sizeof p, "%s", off);
    snprintf(buf, size, gf_i18n(&app->text, GF_STR_SAMPLER), (double)app->temperature, k, p);
}

static void draw_probs(gf_app *app, gf_rect r, int t)
{
    const gf_top_tokens *top = gf_app_top_tokens(app, t, app->temperature);
    char line[256];
    sampler_line(app, line, sizeof line);
    int h = note_line(app, r, app->ui.style->text, line);
    snprintf(line, sizeof line, gf_i18n(&app->text, GF_STR_PROBS_NOTE), app->s.trace.config.vocab_size);
    h += note_line(app, (gf_rect){r.x, r.y + h, r.w, r.h - h}, app->ui.style->text_dim, line);
    h += next_line(app, (gf_rect){r.x, r.y + h, r.w, r.h - h}, top);
    gf_bars_spec b = {gf_i18n(&app->text, GF_STR_PROBS_TOP), top->ids, top->probs, top->n, true, "p", top,
                      0.0f};
    gf_bars_draw(&app->w, (gf_rect){r.x, r.y + h, r.w, r.h - h}, &b);
}

void gf_view_logits(gf_app *app, gf_rect r)
{
    int t = app->st.position;
    int V = app->s.trace.config.vocab_size;
    const float *row = gf_trace_logits_row(&app->s.trace, t);
    const char *key = gf_stage_slot_key(&app->s.trace.config, GF_STAGE_LOGITS, GF_SLOT_OUT);
    if (app->s.n_tokens == 0 || row == NULL) {
        gf_view_missing(app, r, key);
        return;
    }
    char title[96];
    snprintf(title, sizeof title, gf_i18n(&app->text, GF_STR_POSITION_ROW), t);
    r = gf_view_title(&app->w, r, title);
    if (gf_stepper_stage(&app->st) == GF_STAGE_PROBS) {
        draw_probs(app, r, t);
        return;
    }
    const gf_top_tokens *top = gf_app_top_logits(app, t);
    gf_view all = gf_rows_view(row, 1, V, key);
    gf_heat_spec s = gf_heat_from_view(&all, "logits", NULL, GF_CMAP_DIVERGING);
    s.tip = logits_tip;
    s.tip_ctx = &app->st.position;
    s.tip_row = t;         /* the strip is row t of the logits */
    char strip_title[96];
    snprintf(strip_title, sizeof strip_title, gf_i18n(&app->text, GF_STR_LOGITS_ALL), V);
    int th = note_line(app, r, app->ui.style->text, strip_title), sh = gf_ui_px(&app->ui, app->ui.style->logits_strip_h);
    gf_heatmap_draw(&app->w, (gf_rect){r.x, r.y + th, r.w, sh}, &s);
    int gap = gf_ui_px(&app->ui, app->ui.style->view_gap), h = th + sh + gap;
    h += next_line(app, (gf_rect){r.x, r.y + h, r.w, r.h - h}, top);
    gf_bars_spec b = {gf_i18n(&app->text, GF_STR_LOGITS_TOP), top->ids, top->probs, top->n, false,
                      "logit", top, 0.0f};
    gf_bars_draw(&app->w, (gf_rect){r.x, r.y + h, r.w, r.h - h}, &b);
}

/* view_whatif.c — the mask what-if on the attention weights' stage (W):
 * on top what the model really computes for this head (masked scores and
 * weights, from the trace), below the same head as if the causal mask were
 * gone (scores and weights of core's gf_attention_unmasked, computed on the
 * worker: whatif_job.h), inside a striped border under the words "what if",
 * so nobody takes them for the model's numbers. The hypothetical maps are no
 * trace entries: clicking them explains nothing. */
#include "views.h"
#include "work.h"

#include <stdio.h>

/* A border of short diagonal-looking dashes in two colours: "hypothetical". */
static void draw_striped_border(gf_ui *ui, gf_rect r, int t)
{
    const gf_style *st = ui->style;
    int dash = 3 * t > 6 ? 3 * t : 6;
    for (int x = r.x, k = 0; x < r.x + r.w; x += dash, k++) {
        gf_rgba c = k % 2 ? st->diverged : st->accent;
        int w = x + dash <= r.x + r.w ? dash : r.x + r.w - x;
        gf_draw_fill(ui, (gf_rect){x, r.y, w, t}, c);
        gf_draw_fill(ui, (gf_rect){x, r.y + r.h - t, w, t}, k % 2 ? st->accent : st->diverged);
    }
    for (int y = r.y, k = 0; y < r.y + r.h; y += dash, k++) {
        gf_rgba c = k % 2 ? st->diverged : st->accent;
        int h = y + dash <= r.y + r.h ? dash : r.y + r.h - y;
        gf_draw_fill(ui, (gf_rect){r.x, y, t, h}, c);
        gf_draw_fill(ui, (gf_rect){r.x + r.w - t, y, t, h}, k % 2 ? st->accent : st->diverged);
    }
}

/* A (T, T) map spec: tokens on both axes, the current row outlined. */
static gf_heat_spec map_spec(gf_app *app, const gf_view *v, const char *id, const char *title)
{
    gf_heat_spec s = gf_heat_from_view(v, id, title, GF_CMAP_DIVERGING);
    s.row_tokens = s.col_tokens = true;
    s.highlight_row = app->st.position;
    s.cell_text = true;
    return s;
}

static void weights_style(gf_heat_spec *s)
{
    s->cmap = GF_CMAP_SEQUENTIAL;
    s->fixed_range = true;
    s->lo = 0.0f;
    s->hi = 1.0f;
}

void gf_view_whatif(gf_app *app, gf_rect r)
{
    gf_ui *ui = &app->ui;
    const gf_style *st = ui->style;
    int layer = app->st.layer, head = app->st.head;
    gf_view masked, weights;
    if (!gf_view_slot(app, r, GF_STAGE_MASK, GF_SLOT_OUT, head, &masked) ||
        !gf_view_slot(app, r, GF_STAGE_SOFTMAX, GF_SLOT_OUT, head, &weights))
        return;
    int h = gf_draw_wrapped(ui, GF_FACE_BOLD, GF_TEXT_HEADING, st->accent, r,
                            gf_i18n(&app->text, GF_STR_WHATIF_TITLE));
    char note[320];
    snprintf(note, sizeof note, gf_i18n(&app->text, GF_STR_WHATIF_NOTE), layer, head);
    h += gf_draw_wrapped(ui, GF_FACE_SANS, GF_TEXT_SMALL, st->text_dim,
                         (gf_rect){r.x, r.y + h, r.w, r.h - h}, note);
    h += gf_ui_px(ui, st->view_gap);
    r.y += h;
    r.h -= h;
    int gap = gf_ui_px(ui, st->panel_gap);
    gf_rect top = gf_rect_row(r, 0, 2, gap), bottom = gf_rect_row(r, 1, 2, gap);
    /* What the model computes: the trace's masked scores and weights. */
    const char *real = gf_i18n(&app->text, GF_STR_WHATIF_REAL);
    char t1[160], t2[160];
    snprintf(t1, sizeof t1, "%s — %s", gf_i18n(&app->text, GF_STR_MASKED), real);
    snprintf(t2, sizeof t2, "%s — %s", gf_i18n(&app->text, GF_STR_WEIGHTS), real);
    gf_heat_spec sm = map_spec(app, &masked, "whatif.masked", t1);
    sm.mask = GF_HEAT_MASK_CAUSAL;
    gf_heat_spec sw = map_spec(app, &weights, "whatif.weights", t2);
    sw.mask = GF_HEAT_MASK_CAUSAL;
    weights_style(&sw);
    gf_heatmap_draw(&app->w, gf_rect_column(top, 0, 2, gap), &sm);
    gf_heatmap_draw(&app->w, gf_rect_column(top, 1, 2, gap), &sw);
    /* What if: the hypothetical maps, when the worker has made them. */
    int t = gf_ui_px(ui, st->outline) + 1;
    draw_striped_border(ui, bottom, t);
    gf_rect in = gf_rect_inset(bottom, 2 * t);
    const gf_whatif_job *job = app->work != NULL ? &app->work->whatif : NULL;
    gf_whatif_key key = {app->s.generation, layer, head, app->s.n_tokens};
    if (job == NULL || !gf_whatif_job_shows(job, &key) || !job->has_shown) {
        const char *why = job != NULL && gf_whatif_job_shows(job, &key) ? job->err.message
                                                                          : gf_i18n(&app->text, GF_STR_WORK_WHATIF);
        gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_BODY, st->text_dim, in.x, in.y, why, GF_ALIGN_LEFT);
        return;
    }
    int n = app->s.n_tokens;
    gf_view us = gf_rows_view(job->shown_scores, n, n, "whatif.scores");
    gf_view uw = gf_rows_view(job->shown_weights, n, n, "whatif.unmasked");
    gf_heat_spec ss = map_spec(app, &us, "whatif.scores", gf_i18n(&app->text, GF_STR_WHATIF_SCORES));
    gf_heat_spec sv = map_spec(app, &uw, "whatif.unmasked", gf_i18n(&app->text, GF_STR_WHATIF_WEIGHTS));
    ss.source = sv.source = NULL;   /* hypothetical: no trace value to explain */
    weights_style(&sv);
    gf_heatmap_draw(&app->w, gf_rect_column(in, 0, 2, gap), &ss);
    gf_heatmap_draw(&app->w, gf_rect_column(in, 1, 2, gap), &sv);
}

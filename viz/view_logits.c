/* view_logits.c — the readout: logits of the current position (largest as
 * bars, all V as a strip) and the next-token probabilities over the whole
 * vocabulary at the current temperature (from the sampler). */
#include "views.h"

#include <stdio.h>

static void logits_tip(const gf_app *app, const void *ctx, int row, int col, float v, char *buf,
                       size_t size)
{
    (void)row;
    int t = *(const int *)ctx;
    char label[GF_LABEL_MAX], val[32];
    gf_token_label(app->s.model.tokenizer, col, label, sizeof label);
    gf_format_value(v, val, sizeof val);
    snprintf(buf, size, "logits[%d,%d] = h%s·wte[%d] = %s   (%s)", t, col, "ₜ", col, val, label);
}

void gf_view_logits(gf_app *app, gf_rect r)
{
    int t = app->st.position;
    int V = app->s.trace.config.vocab_size;
    if (app->s.n_tokens == 0) {
        gf_view_missing(app, r, "logits");
        return;
    }
    gf_stage_id id = gf_stepper_stage(&app->st);
    char title[96];
    snprintf(title, sizeof title, gf_i18n(app->lang, GF_STR_POSITION_ROW), t);
    r = gf_view_title(app, r, title);
    int gap = gf_ui_px(&app->ui, 16);
    if (id == GF_STAGE_PROBS) {
        const gf_top_tokens *top = gf_app_top_tokens(app, t, app->temperature);
        char note[160];
        snprintf(note, sizeof note, gf_i18n(app->lang, GF_STR_PROBS_NOTE), V,
                 (double)app->temperature);
        gf_draw_text(&app->ui, GF_FACE_SANS, GF_TEXT_BODY, gf_colour_text_dim, r.x, r.y, note,
                     GF_ALIGN_LEFT);
        int nh = gf_ui_px(&app->ui, 30);
        gf_bars_spec b = {gf_i18n(app->lang, GF_STR_PROBS_TOP), top->ids, top->probs, top->n, true, "p"};
        gf_bars_draw(app, (gf_rect){r.x, r.y + nh, r.w * 3 / 4, r.h - nh}, &b);
        return;
    }
    const float *row = gf_trace_logits_row(&app->s.trace, t);
    if (row == NULL) {
        gf_view_missing(app, r, "logits");
        return;
    }
    const gf_top_tokens *top = gf_app_top_tokens(app, t, 1.0f);
    float values[GF_TOP_TOKENS];
    for (int i = 0; i < top->n; i++)
        values[i] = row[top->ids[i]];
    gf_view all = gf_rows_view(row, 1, V, "logits");
    gf_heat_spec s = gf_heat_from_view(&all, "logits", NULL, GF_CMAP_DIVERGING);
    s.tip = logits_tip;
    s.tip_ctx = &app->st.position;
    char strip_title[96];
    snprintf(strip_title, sizeof strip_title, "logits (V = %d)", V);
    gf_draw_text(&app->ui, GF_FACE_SANS, GF_TEXT_BODY, gf_colour_text, r.x, r.y, strip_title,
                 GF_ALIGN_LEFT);
    int th = gf_ui_px(&app->ui, 26), sh = gf_ui_px(&app->ui, 60);
    gf_heatmap_draw(app, (gf_rect){r.x, r.y + th, r.w, sh}, &s);
    gf_rect rest = {r.x, r.y + th + sh + gap, r.w * 3 / 4, r.h - th - sh - gap};
    gf_bars_spec b = {gf_i18n(app->lang, GF_STR_LOGITS_TOP), top->ids, values, top->n, false, "logit"};
    gf_bars_draw(app, rest, &b);
}

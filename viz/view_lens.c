/* view_lens.c — the logit lens screen: for every layer (rows: x0, after
 * block 1 … the model's output) and every position (columns), the token
 * the model would predict if it stopped there and its probability, the
 * cell coloured by that probability (the token cut when both do not fit,
 * never the number). The grid is computed by core's
 * gf_logit_lens_compute on the worker (lens_job.h); this only draws it.
 * Wide prompts show the positions that fit, ending at the current one. */
#include "views.h"
#include "work.h"

#include <stdio.h>

/* The grid for the session's data, or NULL while it is being computed. */
static const gf_logit_lens *shown_lens(const gf_app *app)
{
    const gf_lens_job *job = app->work != NULL ? &app->work->lens : NULL;
    if (job == NULL || !job->has_shown || job->shown_generation != app->s.generation)
        return NULL;
    return &job->shown;
}

/* Row l is the residual stream after l blocks: "x0", then "layer 0" …
 * "layer L−1 output", numbered as the stage screens number layers (row l
 * is after layer l − 1; the last layer's is the model's output). */
static void row_label(const gf_app *app, int l, int n_layers, char *buf, size_t size)
{
    if (l == 0)
        snprintf(buf, size, "x0");
    else if (l == n_layers - 1)
        snprintf(buf, size, "%d %s", l - 1, gf_i18n(&app->text, GF_STR_LENS_OUTPUT));
    else
        snprintf(buf, size, "%s %d", gf_i18n(&app->text, GF_STR_STATUS_LAYER), l - 1);
}

/* A cell's text in width w: the token and its probability; when both do
 * not fit, a small probability with one digit, then the token cut ("…"),
 * never the number. */
static void cell_text(gf_ui *ui, const char *tok, double prob, int w, char *out, size_t size)
{
    char pct[32], tok_fit[GF_WIDGET_LABEL_MAX + 8];
    double p = prob * 100.0;  /* small ones keep two digits, or one */
    int pw = 0, tw = 0, h = 0;
    gf_text_size(ui, GF_FACE_MONO, GF_TEXT_SMALL, tok, &tw, &h);
    for (int digits = 2; digits >= 1; digits--) {
        if (p >= 1.0)
            snprintf(pct, sizeof pct, " %.0f%%", p);
        else
            snprintf(pct, sizeof pct, " %#.*g%%", digits, p);  /* "0.020%": 2 digits shown */
        gf_text_size(ui, GF_FACE_MONO, GF_TEXT_SMALL, pct, &pw, &h);
        if (tw + pw <= w || p >= 1.0)
            break;
    }
    if (pw >= w) {  /* not even the number: what fits of it */
        gf_text_fit(ui, GF_FACE_MONO, GF_TEXT_SMALL, pct + 1, w, false, out, size);
        return;
    }
    gf_text_fit(ui, GF_FACE_MONO, GF_TEXT_SMALL, tok, w - pw, false, tok_fit, sizeof tok_fit);
    snprintf(out, size, "%s%s", tok_fit, pct);
}

static void cell_tooltip(const gf_app *app, const gf_logit_lens *lens, int l, int t)
{
    char buf[GF_UI_TOOLTIP_MAX], label[GF_WIDGET_LABEL_MAX];
    int n = snprintf(buf, sizeof buf, "lens[%d,%d]:", l, t);
    const gf_lens_entry *e = gf_logit_lens_cell(lens, l, t);
    for (int k = 0; k < lens->k && n > 0 && (size_t)n < sizeof buf; k++) {
        gf_session_label(&app->s, e[k].token, label, sizeof label);
        n += snprintf(buf + n, sizeof buf - (size_t)n, "  %s %.1f%%", label,
                      (double)e[k].prob * 100.0);
    }
    gf_ui_set_tooltip((gf_ui *)&app->ui, buf);
}

void gf_view_lens(gf_app *app, gf_rect r)
{
    gf_ui *ui = &app->ui;
    const gf_style *st = ui->style;
    r = gf_view_title(&app->w, r, gf_i18n(&app->text, GF_STR_LENS_TITLE));
    int h = gf_draw_wrapped(ui, GF_FACE_SANS, GF_TEXT_SMALL, st->text_dim, r,
                            gf_i18n(&app->text, GF_STR_LENS_NOTE));
    h += gf_ui_px(ui, st->view_gap);
    r.y += h;
    r.h -= h;
    const gf_logit_lens *lens = shown_lens(app);
    if (lens == NULL) {
        const gf_lens_job *job = app->work != NULL ? &app->work->lens : NULL;
        const char *why = job != NULL && job->shown_generation == app->s.generation &&
                                  job->status != GF_OK
                              ? job->err.message
                              : gf_i18n(&app->text, GF_STR_WORK_LENS);
        gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_BODY, st->text_dim, r.x, r.y, why, GF_ALIGN_LEFT);
        return;
    }
    int L1 = lens->n_layers, T = lens->n_positions;
    r.w -= gf_ui_px(ui, st->legend_w) + gf_ui_px(ui, st->legend_gap);  /* the legend's room */
    int label_w = gf_ui_px(ui, st->row_label_w) * 3 / 2, head_h = gf_ui_px(ui, st->col_label_h);
    int min_w = gf_ui_px(ui, 96.0f);
    int fit = (r.w - label_w) / min_w;
    int n = T < fit ? T : fit < 1 ? 1 : fit;
    int last = app->st.position >= n - 1 ? app->st.position : n - 1;
    if (last >= T)
        last = T - 1;
    int first = last - n + 1;
    int cw = (r.w - label_w) / n, ch = (r.h - head_h) / L1;
    int max_h = gf_ui_px(ui, 56.0f);
    if (ch > max_h)
        ch = max_h;
    if (ch < 4)
        return;
    gf_rect grid = {r.x + label_w, r.y + head_h, cw * n, ch * L1};
    for (int i = 0; i < n; i++) {
        int t = first + i;
        char head[GF_WIDGET_LABEL_MAX + 16];
        snprintf(head, sizeof head, "%s %d", app->w.position_label(app, t), t);
        char fitted[GF_WIDGET_LABEL_MAX + 16];
        gf_text_fit(ui, GF_FACE_MONO, GF_TEXT_SMALL, head, cw - 4, false, fitted, sizeof fitted);
        gf_draw_text(ui, GF_FACE_MONO, GF_TEXT_SMALL, gf_style_token(st, t), grid.x + i * cw + cw / 2,
                     r.y + head_h / 2, fitted, GF_ALIGN_CENTER | GF_ALIGN_MIDDLE);
    }
    /* Layer 0 at the top, the model's output at the bottom, as data flows. */
    for (int l = 0; l < L1; l++) {
        char label[64];
        row_label(app, l, L1, label, sizeof label);
        int y = grid.y + l * ch;
        gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_SMALL, l == L1 - 1 ? st->accent : st->text,
                     grid.x - gf_ui_px(ui, st->label_gap), y + ch / 2, label,
                     GF_ALIGN_RIGHT | GF_ALIGN_MIDDLE);
        for (int i = 0; i < n; i++) {
            int t = first + i;
            const gf_lens_entry *e = gf_logit_lens_cell(lens, l, t);
            gf_rect cell = {grid.x + i * cw, y, cw - 1, ch - 1};
            gf_draw_fill(ui, cell, gf_cmap_sample(GF_CMAP_SEQUENTIAL, e[0].prob));
            char tok[GF_WIDGET_LABEL_MAX], fitted[GF_WIDGET_LABEL_MAX + 48];
            gf_session_label(&app->s, e[0].token, tok, sizeof tok);
            cell_text(ui, tok, (double)e[0].prob, cw - 6, fitted, sizeof fitted);
            gf_rgba ink = e[0].prob > 0.55f ? st->ink_on_light : st->text;
            gf_draw_text(ui, GF_FACE_MONO, GF_TEXT_SMALL, ink, cell.x + cw / 2, y + ch / 2, fitted,
                         GF_ALIGN_CENTER | GF_ALIGN_MIDDLE);
            if (gf_ui_hover(ui, cell))
                cell_tooltip(app, lens, l, t);
        }
    }
    /* The current position's column and the output row, outlined. */
    int o = gf_ui_px(ui, st->outline);
    if (app->st.position >= first && app->st.position <= last)
        gf_draw_outline(ui, (gf_rect){grid.x + (app->st.position - first) * cw - o, grid.y - o,
                                      cw + 2 * o, grid.h + 2 * o}, st->accent, o);
    gf_draw_outline(ui, (gf_rect){grid.x - o, grid.y + (L1 - 1) * ch - o, grid.w + 2 * o, ch + 2 * o},
                    st->text_dim, 1);
    gf_draw_legend(ui, (gf_rect){grid.x + grid.w + gf_ui_px(ui, st->legend_gap), grid.y,
                                 gf_ui_px(ui, st->legend_w) / 2, grid.h},
                   GF_CMAP_SEQUENTIAL, 0.0f, 1.0f, false, NULL);
}

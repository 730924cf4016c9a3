/* view_flow.c — the sampling animation on screen: while a new token flows
 * through the model, a band over the token strip (full width, so the back
 * row sees it; the view below stays whole) shows the forward walk as one
 * track — the input stages, then each layer's stages, then the readout —
 * filling in the new token's colour as the marker runs along it, each
 * layer's stretch labelled with its number, and above the track which
 * token is travelling and the stage it is in now. */
#include "views.h"

#include <stdio.h>
#include <string.h>

/* The track's stretches: the input stages (row 0), each layer, the readout. */
static void stretch_label(gf_app *app, int row, int n_rows, char *buf, size_t size)
{
    if (row == 0)
        snprintf(buf, size, "%s", gf_i18n(&app->text, GF_STR_FLOW_INPUT));
    else if (row == n_rows - 1)
        snprintf(buf, size, "%s", gf_i18n(&app->text, GF_STR_FLOW_OUTPUT));
    else
        snprintf(buf, size, "%d", row - 1);
}

/* The line above the track: the token, where it is now. */
static void draw_heading(gf_app *app, gf_rect r, const gf_flow_step *now, gf_text_role role)
{
    gf_ui *ui = &app->ui;
    const gf_flow *f = &app->flow;
    char title[160], line[512], shown[512];
    snprintf(title, sizeof title, gf_i18n(&app->text, GF_STR_FLOW_TITLE), f->position);
    const char *label = f->position >= 0 && f->position < app->s.n_tokens ? app->s.labels[f->position] : "";
    const char *name = gf_i18n_stage_name(&app->text, app->st.stages[now->stage], &app->s.model.config);
    if (now->layer >= 0)
        snprintf(line, sizeof line, "%s  «%s»  →  %s %d · %s", title, label,
                 gf_i18n(&app->text, GF_STR_STATUS_LAYER), now->layer, name);
    else
        snprintf(line, sizeof line, "%s  «%s»  →  %s", title, label, name);
    gf_text_fit(ui, GF_FACE_BOLD, role, line, r.w, false, shown, sizeof shown);
    gf_draw_text(ui, GF_FACE_BOLD, role, ui->style->text, r.x, r.y + r.h / 2, shown, GF_ALIGN_MIDDLE);
}

bool gf_view_flow(gf_app *app, gf_rect band)
{
    gf_ui *ui = &app->ui;
    gf_flow *f = &app->flow;
    const gf_stepper *st = &app->st;
    int lit = gf_flow_update(f, gf_app_now(app));
    if (lit < 0 || f->n_steps <= 0)
        return false;
    const gf_style *style = ui->style;
    gf_draw_fill(ui, band, style->map_box);
    gf_draw_outline(ui, band, style->accent, gf_ui_px(ui, style->outline));
    int pad = gf_ui_px(ui, style->map_pad);
    gf_rect in = gf_rect_inset(band, pad);
    /* The heading in the largest size that leaves the track almost half. */
    gf_text_role role = GF_TEXT_HEADING;
    while (role > GF_TEXT_SMALL && gf_ui_text_px(ui, role) * 5 / 4 > in.h * 55 / 100)
        role = (gf_text_role)(role - 1);
    int head_h = gf_ui_text_px(ui, role) * 5 / 4;
    gf_flow_step now = gf_flow_step_at(st, lit);
    draw_heading(app, (gf_rect){in.x, in.y, in.w, head_h}, &now, role);
    /* The track: every step one cell, a gap between stretches. */
    int n_rows = st->n_layer + 2, gap = gf_ui_px(ui, style->map_ring) * 2;
    gf_rect track = {in.x, in.y + head_h, in.w, in.h - head_h};
    float cell_w = (float)(track.w - gap * (n_rows - 1)) / (float)f->n_steps;
    if (track.h < 4 || cell_w < 1.0f)
        return true;
    gf_rgba done = gf_style_token(style, f->position);
    gf_text_role label_role = track.h >= gf_ui_text_px(ui, GF_TEXT_BODY) ? GF_TEXT_BODY : GF_TEXT_SMALL;
    int label_px = gf_ui_text_px(ui, label_role);
    int stretch_x = track.x, stretch_row = 0;
    for (int i = 0; i <= f->n_steps; i++) {
        gf_flow_step s = i < f->n_steps ? gf_flow_step_at(st, i) : (gf_flow_step){0, 0, n_rows, 0};
        int x = track.x + (int)((float)i * cell_w) + s.row * gap;
        if (s.row != stretch_row) {  /* a stretch ends: its label, centred */
            char label[64];
            stretch_label(app, stretch_row, n_rows, label, sizeof label);
            int lw = 0, lh = 0;
            gf_text_size(ui, GF_FACE_BOLD, label_role, label, &lw, &lh);
            int w = x - gap - stretch_x;
            if (lw + gf_ui_px(ui, style->pad) <= w && label_px <= track.h)
                gf_draw_text(ui, GF_FACE_BOLD, label_role,
                             stretch_row < now.row ? style->ink_on_light : style->text,
                             stretch_x + w / 2, track.y + track.h / 2, label,
                             GF_ALIGN_CENTER | GF_ALIGN_MIDDLE);
            stretch_x = x;
            stretch_row = s.row;
        }
        if (i == f->n_steps)
            break;
        int next_x = track.x + (int)((float)(i + 1) * cell_w) + s.row * gap;
        gf_rect cell = {x, track.y, next_x - x > 1 ? next_x - x : 1, track.h};
        if (i < lit)
            gf_draw_fill(ui, cell, done);
        else if (i == lit)
            gf_draw_fill(ui, gf_rect_inset(cell, -gf_ui_px(ui, style->map_ring)), style->accent);
        else
            gf_draw_fill(ui, cell, style->map_cell);
    }
    return true;
}

/* view_flow.c — the sampling animation on screen: a small map of the forward
 * walk (input stages, one row of stages per layer, readout stages) in the
 * explanation panel's free space, or over the main view's corner when that
 * is too small; cells fill in the new token's colour as the marker runs
 * through them, and the lit stage is named above the map. */
#include "views.h"

#include <stdio.h>

/* Columns of the walk's map: its widest row. */
static int map_cols(const gf_stepper *st, int n_steps)
{
    int cols = 1;
    for (int i = 0; i < n_steps; i++) {
        int c = gf_flow_step_at(st, i).col + 1;
        cols = c > cols ? c : cols;
    }
    return cols;
}

void gf_view_flow(gf_app *app, gf_rect spare, gf_rect main)
{
    gf_ui *ui = &app->ui;
    gf_flow *f = &app->flow;
    const gf_stepper *st = &app->st;
    int lit = gf_flow_update(f, gf_app_now(app));
    if (lit < 0)
        return;
    struct { int rows, cols; } g = {st->n_layer + 2, map_cols(st, f->n_steps)};
    int pad = gf_ui_px(ui, ui->style->map_pad), label_w = gf_ui_px(ui, ui->style->map_label_w);
    int line_h = gf_ui_text_px(ui, GF_TEXT_BODY) + gf_ui_px(ui, ui->style->map_line_gap);
    /* In the spare rect when the map fits there at full size, else over
     * the corner of the main view. */
    int full_h = 2 * pad + 2 * line_h + gf_ui_px(ui, ui->style->map_cell_h) * g.rows;
    bool in_spare = spare.h >= full_h && spare.w >= gf_ui_px(ui, ui->style->map_min_w);
    gf_rect area = in_spare ? spare : main;
    int w = in_spare ? spare.w : main.w * 9 / 20 < gf_ui_px(ui, ui->style->map_max_w) ? main.w * 9 / 20
                                                                   : gf_ui_px(ui, ui->style->map_max_w);
    int avail = (in_spare ? spare.h : main.h * 2 / 3) - 2 * line_h - 2 * pad;
    int max_cell = gf_ui_px(ui, in_spare ? ui->style->map_cell_max_spare : ui->style->map_cell_h);
    int cell_h = avail / g.rows < max_cell ? avail / g.rows : max_cell;
    if (cell_h < 2 || w < label_w + 4 * g.cols)
        return;
    float cell_w = (float)(w - 2 * pad - label_w) / (float)g.cols;
    int h = 2 * pad + 2 * line_h + cell_h * g.rows;
    gf_rect box = in_spare ? (gf_rect){area.x, area.y, w, h}
                           : (gf_rect){area.x + area.w - w - pad, area.y + area.h - h - pad, w, h};
    gf_draw_fill(ui, box, ui->style->map_box);
    gf_draw_outline(ui, box, app->ui.style->accent, gf_ui_px(ui, ui->style->outline_thin));
    SDL_Rect clip = {box.x, box.y, box.w - pad / 2, box.h};
    SDL_RenderSetClipRect(ui->renderer, &clip);  /* long stage names are cut */
    /* Title and the lit stage's name. */
    char line[256];
    snprintf(line, sizeof line, gf_i18n(&app->text, GF_STR_FLOW_TITLE), f->position);
    gf_draw_text(ui, GF_FACE_BOLD, GF_TEXT_BODY, app->ui.style->text, box.x + pad, box.y + pad, line,
                 GF_ALIGN_LEFT);
    gf_flow_step now = gf_flow_step_at(st, lit);
    gf_stage_id id = st->stages[now.stage];
    const char *name = gf_i18n_stage_name(&app->text, id, &app->s.model.config);
    if (now.layer >= 0)
        snprintf(line, sizeof line, "%s %d · %s", gf_i18n(&app->text, GF_STR_STATUS_LAYER), now.layer, name);
    else
        snprintf(line, sizeof line, "%s", name);
    gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_BODY, app->ui.style->accent, box.x + pad, box.y + pad + line_h,
                 line, GF_ALIGN_LEFT);
    /* The map. */
    int y0 = box.y + pad + 2 * line_h, x0 = box.x + pad + label_w;
    for (int r = 0; r < g.rows; r++) {
        char label[64];
        if (r == 0 || r == g.rows - 1)
            snprintf(label, sizeof label, "%s", gf_i18n(&app->text, r == 0 ? GF_STR_FLOW_INPUT : GF_STR_FLOW_OUTPUT));
        else
            snprintf(label, sizeof label, "%d", r - 1);
        if (cell_h >= gf_ui_text_px(ui, GF_TEXT_SMALL) || r == 0 || r == g.rows - 1 || (r - 1) % 4 == 0)
            gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_SMALL, app->ui.style->text_dim, x0 - gf_ui_px(ui, ui->style->map_label_gap),
                         y0 + r * cell_h + cell_h / 2, label, GF_ALIGN_RIGHT | GF_ALIGN_MIDDLE);
    }
    gf_rgba done = gf_style_token(app->ui.style, f->position);
    for (int i = 0; i < f->n_steps; i++) {
        gf_flow_step s = gf_flow_step_at(st, i);
        gf_rect cell = {x0 + (int)((float)s.col * cell_w), y0 + s.row * cell_h,
                        (int)cell_w - 1 > 1 ? (int)cell_w - 1 : 1, cell_h - 1 > 1 ? cell_h - 1 : 1};
        if (i < lit)
            gf_draw_fill(ui, cell, done);
        else if (i == lit)
            gf_draw_fill(ui, gf_rect_inset(cell, -gf_ui_px(ui, ui->style->map_ring)), app->ui.style->accent);
        else
            gf_draw_fill(ui, cell, ui->style->map_cell);
    }
    SDL_RenderSetClipRect(ui->renderer, NULL);
}

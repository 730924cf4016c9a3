/* view_temperature.c — three temperature lanes side by side: the next-token
 * bars at each T and a continuation with its seed; the first generated
 * token where the lanes differ is marked. */
#include "views.h"

#include "temperature.h"

#include <stdio.h>

static void draw_continuation(gf_app *app, gf_rect r, const gf_temp_lane *lane, int diverge_at)
{
    gf_ui *ui = &app->ui;
    int x = r.x, y = r.y, gap = gf_ui_px(ui, ui->style->chip_gap), pad = gf_ui_px(ui, ui->style->chip_pad);
    int h = gf_ui_text_px(ui, GF_TEXT_BODY) + 2 * pad + gf_ui_px(ui, ui->style->chip_text_gap);
    for (int i = 0; i < lane->n_tokens; i++) {
        char label[GF_LABEL_MAX];
        gf_session_label(&app->s, lane->tokens[i], label, sizeof label);
        int w = 0, th = 0;
        gf_text_size(ui, GF_FACE_MONO, GF_TEXT_BODY, label, &w, &th);
        w += 2 * pad;
        if (!gf_wrap_place(r, w, h, gap, &x, &y))
            break;
        gf_rect chip = {x, y, w, h};
        bool diverged = diverge_at >= 0 && i >= diverge_at;
        gf_draw_fill(ui, chip, diverged ? ui->style->diverged : ui->style->panel);
        if (i == diverge_at)
            gf_draw_outline(ui, chip, app->ui.style->accent, gf_ui_px(ui, ui->style->outline));
        gf_draw_text(ui, GF_FACE_MONO, GF_TEXT_BODY, app->ui.style->text, x + pad, y + h / 2, label,
                     GF_ALIGN_MIDDLE);
        x += w + gap;
    }
}

void gf_view_temperature(gf_app *app, gf_rect r)
{
    gf_ui *ui = &app->ui;
    r = gf_view_title(&app->w, r, gf_i18n(&app->text, GF_STR_TEMP_TITLE));
    const gf_temp_state *ts = &app->temp;
    char line[160];
    /* The worker computes the lanes; until then the last ones stay shown. */
    bool ready = ts->valid && ts->generation == app->s.generation;
    if (!ready)
        snprintf(line, sizeof line, "%s", gf_i18n(&app->text, GF_STR_TEMP_COMPUTING));
    else if (ts->cut)
        snprintf(line, sizeof line, "%s", gf_i18n(&app->text, GF_STR_TEMP_CUT));
    else if (ts->diverge_at >= 0)
        snprintf(line, sizeof line, gf_i18n(&app->text, GF_STR_TEMP_DIVERGE), ts->diverge_at + 1);
    else
        snprintf(line, sizeof line, "%s", gf_i18n(&app->text, GF_STR_TEMP_SAME));
    gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_BODY, app->ui.style->accent, r.x, r.y, line, GF_ALIGN_LEFT);
    gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_SMALL, app->ui.style->text_dim, r.x + r.w, r.y,
                 gf_i18n(&app->text, GF_STR_TEMP_HINT), GF_ALIGN_RIGHT);
    int top = gf_ui_px(ui, ui->style->lane_top), gap = gf_ui_px(ui, ui->style->lane_gap);
    r = (gf_rect){r.x, r.y + top, r.w, r.h - top};
    for (int i = 0; i < GF_TEMP_LANES; i++) {
        const gf_temp_lane *lane = &ts->lanes[i];
        gf_rect col = gf_rect_column(r, i, GF_TEMP_LANES, gap);
        gf_draw_fill(ui, col, app->ui.style->panel);
        if (i == ts->selected)
            gf_draw_outline(ui, col, app->ui.style->accent, gf_ui_px(ui, ui->style->outline));
        gf_rect in = gf_rect_inset(col, gf_ui_px(ui, ui->style->lane_pad));
        snprintf(line, sizeof line, gf_i18n(&app->text, GF_STR_TEMP_LANE), (double)lane->temperature,
                 (unsigned long long)lane->seed);
        gf_draw_text(ui, GF_FACE_BOLD, GF_TEXT_HEADING, app->ui.style->text, in.x, in.y, line,
                     GF_ALIGN_LEFT);
        int hh = gf_ui_px(ui, ui->style->lane_heading_h);
        int bars_h = (in.h - hh) / 2;
        int n = lane->top.n < 8 ? lane->top.n : 8;
        /* One axis, 0 to 100 %, in every lane: a flatter distribution shows
         * as shorter bars, which is what the lanes are there to compare. */
        gf_bars_spec b = {gf_i18n(&app->text, GF_STR_PROBS_TOP), lane->top.ids, lane->top.probs, n,
                          true, "p", NULL, 1.0f};
        gf_bars_draw(&app->w, (gf_rect){in.x, in.y + hh, in.w, bars_h}, &b);
        draw_continuation(app, (gf_rect){in.x, in.y + hh + bars_h + gap, in.w, in.h - hh - bars_h - gap},
                          lane, ts->diverge_at);
    }
}

bool gf_input_temperature(gf_app *app, int cmd, int arg)
{
    switch ((gf_command)cmd) {
    case GF_CMD_LANES_REROLL: gf_temp_reroll(&app->temp); return true;
    case GF_CMD_LANE_SELECT: app->temp.selected = arg; return true;
    case GF_CMD_LANE_ADJUST: gf_temp_adjust(&app->temp, 0.1f * (float)arg); return true;
    default: return false;
    }
}

/* temp_chart.c — grouped bars for the temperature lanes (see temp_chart.h).
 * Each token gets one row per lane: a bar in the lane's colour, its length
 * p / 100 % of the axis, and the percentage after it. The numbers are the
 * lanes' own distributions, computed by the worker (jobs.c). */
#include "temp_chart.h"

#include "i18n.h"
#include "views.h"

#include <stdio.h>

/* The legend: a chip in each lane's colour and its T, left to right; returns
 * the height used. */
static int draw_legend(gf_app *app, gf_rect r, const gf_temp_state *ts, int height)
{
    gf_ui *ui = &app->ui;
    int h = gf_ui_text_px(ui, GF_TEXT_SMALL), gap = gf_ui_px(ui, ui->style->chip_gap);
    int x = r.x;
    for (int i = 0; i < GF_TEMP_LANES; i++) {
        char label[64];
        snprintf(label, sizeof label, "T = %.2f", (double)ts->lanes[i].temperature);
        gf_draw_fill(ui, (gf_rect){x, r.y + h / 4, h / 2, h / 2}, gf_style_head(ui->style, i));
        x += h / 2 + gap;
        x += gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_SMALL, ui->style->text, x, r.y + h / 2, label,
                          GF_ALIGN_MIDDLE) + 3 * gap;
    }
    return height;
}

/* The parts' heights: the title line, the legend, one token's rows (one per
 * lane, each as high as its percentage), the axis with its labels. */
typedef struct {
    int title, legend, sub, row, axis;
} chart_heights;

static chart_heights chart_heights_get(gf_ui *ui)
{
    int gap = gf_ui_px(ui, ui->style->bar_gap), small = gf_ui_text_px(ui, GF_TEXT_SMALL);
    int w = 0, body = 0, mono = 0, sans = 0;  /* the fonts' whole boxes: small sizes round */
    gf_text_size(ui, GF_FACE_BOLD, GF_TEXT_BODY, "Hg", &w, &body);
    gf_text_size(ui, GF_FACE_MONO, GF_TEXT_SMALL, "100.0 %", &w, &mono);
    gf_text_size(ui, GF_FACE_SANS, GF_TEXT_SMALL, "T = 0", &w, &sans);
    chart_heights h;
    int body_px = gf_ui_text_px(ui, GF_TEXT_BODY);
    h.title = (body > body_px ? body : body_px) + gap;
    h.legend = (sans > small ? sans : small) + gf_ui_px(ui, ui->style->chip_gap);
    h.sub = small + small / 8 > mono ? small + small / 8 : mono;
    h.row = GF_TEMP_LANES * h.sub + gap;
    h.axis = gap / 2 + (sans > small ? sans : small);
    return h;
}

int gf_temp_chart_min_height(gf_app *app)
{
    chart_heights h = chart_heights_get(&app->ui);
    return h.title + h.legend + h.row + h.axis;
}

void gf_temp_chart_draw(gf_app *app, gf_rect r, const gf_temp_state *ts)
{
    gf_ui *ui = &app->ui;
    const gf_style *st = ui->style;
    int gap = gf_ui_px(ui, st->bar_gap);
    const chart_heights hs = chart_heights_get(ui);
    if (r.h < hs.title + hs.legend + hs.axis)
        return;  /* too short for even an empty chart: nothing, rather than text below r */
    /* The title on two lines when it needs them and the chart has the room
     * (Russian in large-font mode), else cut with "…" to one. */
    const char *full = gf_i18n(&app->text, GF_STR_TEMP_CHART_TITLE);
    int title_h = hs.title;
    int wrapped_h = gf_measure_wrapped(ui, GF_FACE_BOLD, GF_TEXT_BODY, r.w, full);
    if (wrapped_h > hs.title - gap && r.h >= wrapped_h + gap + hs.legend + hs.row + hs.axis) {
        gf_draw_wrapped(ui, GF_FACE_BOLD, GF_TEXT_BODY, st->text, (gf_rect){r.x, r.y, r.w, wrapped_h},
                        full);
        title_h = wrapped_h + gap;
    } else {
        char title[256];
        gf_text_fit(ui, GF_FACE_BOLD, GF_TEXT_BODY, full, r.w, false, title, sizeof title);
        gf_draw_text(ui, GF_FACE_BOLD, GF_TEXT_BODY, st->text, r.x, r.y, title, GF_ALIGN_LEFT);
    }
    r.y += title_h;
    r.h -= title_h;
    int legend_h = draw_legend(app, r, ts, hs.legend);
    r.y += legend_h;
    r.h -= legend_h;
    int n = ts->lanes[0].chart_n;
    for (int i = 1; i < GF_TEMP_LANES; i++)
        n = ts->lanes[i].chart_n < n ? ts->lanes[i].chart_n : n;  /* a lane not there yet: 0 */
    int label_w = r.w / 5, value_w = 0, th = 0;
    gf_text_size(ui, GF_FACE_MONO, GF_TEXT_SMALL, "100.0 %", &value_w, &th);
    /* One sub-row per lane, as high as its percentage; a gap between tokens. */
    int sub_h = hs.sub, row_h = hs.row;
    int fit = (r.h - hs.axis) / row_h;
    if (n > fit)
        n = fit > 0 ? fit : 0;
    int bar_x = r.x + label_w + gap, bar_w = r.w - label_w - 2 * gap - value_w;
    if (bar_w < 1)
        return;
    for (int k = 0; k < n; k++) {
        int y = r.y + k * row_h;
        char label[GF_LABEL_MAX], cut[GF_LABEL_MAX + 8];
        gf_session_label(&app->s, ts->lanes[0].chart_ids[k], label, sizeof label);
        gf_text_fit(ui, GF_FACE_MONO, GF_TEXT_BODY, label, label_w, false, cut, sizeof cut);
        gf_draw_text(ui, GF_FACE_MONO, GF_TEXT_BODY, st->text, r.x + label_w, y + row_h / 2 - gap / 2,
                     cut, GF_ALIGN_RIGHT | GF_ALIGN_MIDDLE);
        for (int i = 0; i < GF_TEMP_LANES; i++) {
            float p = ts->lanes[i].chart_probs[k];
            int ys = y + i * sub_h, len = (int)(p * (float)bar_w + 0.5f);
            gf_draw_fill(ui, (gf_rect){bar_x, ys + sub_h / 8, len > 0 ? len : 1, sub_h * 3 / 4},
                         gf_style_head(st, i));
            char value[32];
            snprintf(value, sizeof value, "%.1f %%", 100.0 * (double)p);
            gf_draw_text(ui, GF_FACE_MONO, GF_TEXT_SMALL, st->text_dim, bar_x + len + gap / 2,
                         ys + sub_h / 2, value, GF_ALIGN_MIDDLE);
        }
    }
    /* The axis under the bars: 0 and 100 %, the same for every lane. */
    int ya = r.y + n * row_h;
    gf_draw_line(ui, bar_x, ya, bar_x + bar_w, ya, st->text_dim);
    gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_SMALL, st->text_dim, bar_x, ya + gap / 2, "0 %",
                 GF_ALIGN_LEFT);
    gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_SMALL, st->text_dim, bar_x + bar_w, ya + gap / 2, "100 %",
                 GF_ALIGN_RIGHT);
}

/* view_temperature.c — three temperature lanes side by side, each a
 * continuation with its T and seed (the first generated token where the
 * lanes differ is marked); below them what T does, and one chart of the same
 * tokens' probabilities at each lane's T (temp_chart.c). */
#include "views.h"

#include "temp_chart.h"
#include "temperature.h"

#include <stdio.h>
#include <string.h>

static void draw_continuation(gf_app *app, gf_rect r, const gf_temp_lane *lane, int diverge_at)
{
    gf_ui *ui = &app->ui;
    int x = r.x, y = r.y, gap = gf_ui_px(ui, ui->style->chip_gap), pad = gf_ui_px(ui, ui->style->chip_pad);
    /* Small chips: a lane of 40 tokens and more fits above the chart. */
    int h = gf_ui_text_px(ui, GF_TEXT_SMALL) + 2 * pad;
    for (int i = 0; i < lane->n_tokens; i++) {
        char label[GF_LABEL_MAX];
        gf_session_label(&app->s, lane->tokens[i], label, sizeof label);
        int w = 0, th = 0;
        gf_text_size(ui, GF_FACE_MONO, GF_TEXT_SMALL, label, &w, &th);
        w += 2 * pad;
        if (!gf_wrap_place(r, w, h, gap, &x, &y))
            break;
        gf_rect chip = {x, y, w, h};
        bool diverged = diverge_at >= 0 && i >= diverge_at;
        gf_draw_fill(ui, chip, diverged ? ui->style->diverged : ui->style->panel);
        if (i == diverge_at)
            gf_draw_outline(ui, chip, app->ui.style->accent, gf_ui_px(ui, ui->style->outline));
        gf_draw_text(ui, GF_FACE_MONO, GF_TEXT_SMALL, app->ui.style->text, x + pad, y + h / 2, label,
                     GF_ALIGN_MIDDLE);
        x += w + gap;
    }
}

/* The state line: computing / cut / where the lanes part, and their length. */
static void state_line(gf_app *app, char *line, size_t size)
{
    const gf_temp_state *ts = &app->temp;
    bool ready = ts->valid && ts->generation == app->s.generation;
    if (ts->seed_typing) {
        snprintf(line, size, gf_i18n(&app->text, GF_STR_TEMP_SEED_ENTRY), ts->selected + 1,
                 ts->seed_text);
        return;
    }
    if (!ready)
        snprintf(line, size, "%s", gf_i18n(&app->text, GF_STR_TEMP_COMPUTING));
    else if (ts->cut)
        snprintf(line, size, "%s", gf_i18n(&app->text, GF_STR_TEMP_CUT));
    else if (ts->diverge_at >= 0)
        snprintf(line, size, gf_i18n(&app->text, GF_STR_TEMP_DIVERGE), ts->diverge_at + 1);
    else
        snprintf(line, size, "%s", gf_i18n(&app->text, GF_STR_TEMP_SAME));
    size_t used = strlen(line);
    snprintf(line + used, size - used, " · ");
    used = strlen(line);
    snprintf(line + used, size - used, gf_i18n(&app->text, GF_STR_TEMP_LENGTH), ts->length);
}

/* What T does, paragraph by paragraph, as many as fit in r. */
static void draw_explanation(gf_app *app, gf_rect r)
{
    gf_ui *ui = &app->ui;
    gf_draw_fill(ui, r, ui->style->panel);
    r = gf_rect_inset(r, gf_ui_px(ui, ui->style->lane_pad));
    const char *text = gf_i18n(&app->text, GF_STR_TEMP_EXPLAIN);
    gf_text_role role = gf_measure_wrapped(ui, GF_FACE_SANS, GF_TEXT_BODY, r.w, text) <= r.h
                            ? GF_TEXT_BODY : GF_TEXT_SMALL;
    int gap = gf_ui_text_px(ui, role) / 2;
    char para[1024];
    for (const char *p = text; *p != '\0';) {
        const char *end = strchr(p, '\n');
        size_t len = end != NULL ? (size_t)(end - p) : strlen(p);
        snprintf(para, sizeof para, "%.*s", (int)len, p);
        gf_face face = p == text ? GF_FACE_BOLD : GF_FACE_SANS;
        if (gf_measure_wrapped(ui, face, role, r.w, para) > r.h)
            break;  /* the rest does not fit at this size */
        int h = gf_draw_wrapped(ui, face, role, ui->style->text, r, para) + gap;
        r.y += h;
        r.h -= h;
        p = end != NULL ? end + 1 : p + len;
    }
}

void gf_view_temperature(gf_app *app, gf_rect r)
{
    gf_ui *ui = &app->ui;
    r = gf_view_title(&app->w, r, gf_i18n(&app->text, GF_STR_TEMP_TITLE));
    const gf_temp_state *ts = &app->temp;
    char line[256], cut[256];
    state_line(app, line, sizeof line);
    gf_text_fit(ui, GF_FACE_SANS, GF_TEXT_BODY, line, r.w, false, cut, sizeof cut);
    gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_BODY, ui->style->accent, r.x, r.y, cut, GF_ALIGN_LEFT);
    int gap = gf_ui_px(ui, ui->style->lane_gap);
    int y = r.y + gf_ui_text_px(ui, GF_TEXT_BODY) + gap / 2;
    gf_text_fit(ui, GF_FACE_SANS, GF_TEXT_SMALL, gf_i18n(&app->text, GF_STR_TEMP_HINT), r.w, false,
                cut, sizeof cut);
    gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_SMALL, ui->style->text_dim, r.x, y, cut, GF_ALIGN_LEFT);
    y += gf_ui_text_px(ui, GF_TEXT_SMALL) + gap;
    r = (gf_rect){r.x, y, r.w, r.y + r.h - y};
    /* Above: the lanes' continuations. Below: what T does, and the chart. */
    int lanes_h = r.h * 2 / 5;
    gf_rect lanes = {r.x, r.y, r.w, lanes_h};
    gf_rect below = {r.x, r.y + lanes_h + gap, r.w, r.h - lanes_h - gap};
    int explain_w = below.w * 2 / 5;
    draw_explanation(app, (gf_rect){below.x, below.y, explain_w, below.h});
    gf_temp_chart_draw(app, (gf_rect){below.x + explain_w + gap, below.y, below.w - explain_w - gap,
                                      below.h}, ts);
    for (int i = 0; i < GF_TEMP_LANES; i++) {
        const gf_temp_lane *lane = &ts->lanes[i];
        gf_rect col = gf_rect_column(lanes, i, GF_TEMP_LANES, gap);
        gf_draw_fill(ui, col, ui->style->panel);
        if (i == ts->selected)
            gf_draw_outline(ui, col, ui->style->accent, gf_ui_px(ui, ui->style->outline));
        gf_rect in = gf_rect_inset(col, gf_ui_px(ui, ui->style->lane_pad));
        snprintf(line, sizeof line, gf_i18n(&app->text, GF_STR_TEMP_LANE), (double)lane->temperature,
                 (unsigned long long)lane->seed);
        gf_text_fit(ui, GF_FACE_BOLD, GF_TEXT_BODY, line, in.w - gf_ui_text_px(ui, GF_TEXT_SMALL),
                    false, cut, sizeof cut);
        /* The lane's colour in the chart below, beside its heading. */
        int chip = gf_ui_text_px(ui, GF_TEXT_SMALL) / 2;
        gf_draw_fill(ui, (gf_rect){in.x, in.y + chip / 2, chip, chip}, gf_style_head(ui->style, i));
        gf_draw_text(ui, GF_FACE_BOLD, GF_TEXT_BODY, ui->style->text, in.x + 2 * chip, in.y, cut,
                     GF_ALIGN_LEFT);
        int hh = gf_ui_text_px(ui, GF_TEXT_BODY) + gf_ui_px(ui, ui->style->chip_gap) * 2;
        draw_continuation(app, (gf_rect){in.x, in.y + hh, in.w, in.h - hh}, lane, ts->diverge_at);
    }
}

bool gf_input_temperature(gf_app *app, int cmd, int arg)
{
    switch ((gf_command)cmd) {
    case GF_CMD_LANES_REROLL: gf_temp_reroll(&app->temp); return true;
    case GF_CMD_LANE_SELECT: app->temp.selected = arg; return true;
    case GF_CMD_LANE_ADJUST: gf_temp_adjust(&app->temp, 0.1f * (float)arg); return true;
    case GF_CMD_LANE_SEED: gf_temp_seed_open(&app->temp); return true;
    case GF_CMD_LANE_LENGTH:
        gf_temp_change_length(&app->temp, arg, app->s.capacity > 0 ? app->s.capacity
                                                                         : GF_TEMP_TOKENS_MAX);
        return true;
    default: return false;
    }
}

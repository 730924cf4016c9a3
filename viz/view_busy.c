/* view_busy.c — what the window shows while the worker computes: a loading
 * frame until the model is there (drawn at once, before any model work is
 * done), and over every later frame a progress chip at the status line's
 * right end while a job runs. Both only read the app and the worker's
 * progress counters. */
#include "views.h"
#include "work.h"

#include <stdio.h>

/* What runs, in words ("computing tokens 3/16"); false when nothing runs. */
static bool work_line(gf_app *app, char *buf, size_t size, float *fraction)
{
    int done = 0, total = 0;
    gf_work_kind kind = gf_app_work_progress(app, &done, &total);
    *fraction = total > 0 ? (float)done / (float)total : 0.0f;
    switch (kind) {
    case GF_WORK_LOAD:
        if (total > 0)
            snprintf(buf, size, gf_i18n(&app->text, GF_STR_WORK_EXTEND), done, total);
        else
            snprintf(buf, size, "%s", gf_i18n(&app->text, GF_STR_WORK_LOAD));
        return true;
    case GF_WORK_EXTEND:
        snprintf(buf, size, gf_i18n(&app->text, GF_STR_WORK_EXTEND), done, total);
        return true;
    case GF_WORK_LANES:
        snprintf(buf, size, gf_i18n(&app->text, GF_STR_WORK_LANES), done, total);
        return true;
    case GF_WORK_LENS:
        snprintf(buf, size, "%s", gf_i18n(&app->text, GF_STR_WORK_LENS));
        return true;
    case GF_WORK_SLIDE:
        snprintf(buf, size, gf_i18n(&app->text, GF_STR_WORK_SLIDE), done, total);
        return true;
    case GF_WORK_WHATIF:
        snprintf(buf, size, "%s", gf_i18n(&app->text, GF_STR_WORK_WHATIF));
        return true;
    case GF_WORK_BEAM:
        snprintf(buf, size, gf_i18n(&app->text, GF_STR_WORK_BEAM), done, total);
        return true;
    default: return false;
    }
}

/* "Esc cancels", or that Esc was pressed and the job stops at its next step. */
static const char *esc_hint(const gf_app *app)
{
    return gf_i18n(&app->text, gf_app_work_stopping(app) ? GF_STR_WORK_STOPPING : GF_STR_WORK_ESC);
}

/* A bar filled to fraction, with the text on it. */
static void draw_progress(gf_ui *ui, gf_rect r, float fraction, const char *text)
{
    const gf_style *st = ui->style;
    gf_draw_fill(ui, r, st->panel);
    gf_rect done = {r.x, r.y, (int)((float)r.w * fraction), r.h};
    gf_draw_fill(ui, done, st->progress);
    gf_draw_outline(ui, r, st->accent, gf_ui_px(ui, st->outline_thin));
    gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_BODY, st->text, r.x + gf_ui_px(ui, st->pad),
                 r.y + r.h / 2, text, GF_ALIGN_MIDDLE);
}

static void draw_loading(gf_app *app, int width, int height)
{
    gf_ui *ui = &app->ui;
    gf_ui_begin(ui, width, height, gf_app_frame_scale(app, width, height));
    app->frames++;
    const gf_style *st = ui->style;
    int m = gf_ui_px(ui, st->margin), pad = gf_ui_px(ui, st->pad);
    gf_rect prompt = {m, m, width - 2 * m, gf_ui_px(ui, st->prompt_h)};
    gf_draw_fill(ui, prompt, st->panel);
    int x = prompt.x + pad + gf_draw_text(ui, GF_FACE_BOLD, GF_TEXT_BODY, st->text_dim,
                                          prompt.x + pad, prompt.y + prompt.h / 2,
                                          gf_i18n(&app->text, GF_STR_PROMPT), GF_ALIGN_MIDDLE);
    SDL_Rect clip = {x, prompt.y, prompt.w - (x - prompt.x) - pad, prompt.h};
    SDL_RenderSetClipRect(ui->renderer, &clip);
    gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_HEADING, st->text, x + pad, prompt.y + prompt.h / 2,
                 app->editing ? app->edit : app->s.prompt, GF_ALIGN_MIDDLE);
    SDL_RenderSetClipRect(ui->renderer, NULL);
    char line[256];
    snprintf(line, sizeof line, gf_i18n(&app->text, GF_STR_LOADING),
             app->model_name[0] ? app->model_name : "…");
    int gap = gf_ui_px(ui, st->progress_gap);
    int cy = height / 2 - gap;
    gf_draw_text(ui, GF_FACE_BOLD, GF_TEXT_TITLE, st->text, width / 2, cy, line,
                 GF_ALIGN_CENTER | GF_ALIGN_MIDDLE);
    float fraction = 0.0f;
    if (!work_line(app, line, sizeof line, &fraction))
        line[0] = '\0';
    int bar_w = gf_ui_px(ui, st->progress_w), bar_h = gf_ui_px(ui, st->progress_h);
    draw_progress(ui, (gf_rect){(width - bar_w) / 2, cy + gap, bar_w, bar_h}, fraction, line);
    gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_SMALL, st->text_dim, width / 2,
                 cy + gap + bar_h + gf_ui_text_px(ui, GF_TEXT_SMALL), esc_hint(app),
                 GF_ALIGN_CENTER | GF_ALIGN_MIDDLE);
}

/* The progress chip at the status line's right end, over what is there. */
static void draw_busy_chip(gf_app *app, int width, int height)
{
    char line[192], text[256];
    float fraction = 0.0f;
    if (!work_line(app, line, sizeof line, &fraction))
        return;
    gf_ui *ui = &app->ui;
    snprintf(text, sizeof text, "%s · %s", line, esc_hint(app));
    int tw = 0, th = 0;
    gf_text_size(ui, GF_FACE_SANS, GF_TEXT_BODY, text, &tw, &th);
    int status_h = gf_ui_px(ui, ui->style->status_h), pad = gf_ui_px(ui, ui->style->outline);
    int w = tw + 2 * gf_ui_px(ui, ui->style->pad);
    gf_rect chip = {width - w - pad, height - status_h + pad, w, status_h - 2 * pad};
    draw_progress(ui, chip, fraction, text);
}

void gf_app_draw_frame(gf_app *app, int width, int height)
{
    if (!app->has_session) {
        draw_loading(app, width, height);
        return;
    }
    gf_app_draw(app, width, height);
    draw_busy_chip(app, width, height);
}

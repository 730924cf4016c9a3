/* frame.c — one frame: layout of the panels (the text line — the prompt
 * being typed, else the text so far as a sentence —, the token strip or the
 * sampling animation's band over it, stage view, explanation, message band,
 * status line), then the overlays (help, tooltip). */
#include "app.h"
#include "explain_panel.h"

#include "sentence.h"
#include "status_line.h"
#include "screenshot.h"
#include "lesson_player.h"
#include "views.h"
#include "widgets.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Whether the prompt line's face draws cp (ctx: the ui). */
static bool prompt_has_glyph(void *ctx, uint32_t cp)
{
    gf_ui *ui = ctx;
    TTF_Font *font = gf_fonts_get(&ui->fonts, GF_FACE_SANS, gf_ui_text_px(ui, GF_TEXT_HEADING));
    return font == NULL || TTF_GlyphIsProvided32(font, cp) != 0;
}

static void draw_prompt(gf_app *app, gf_rect r)
{
    gf_ui *ui = &app->ui;
    gf_draw_fill(ui, r, ui->style->panel);
    if (app->editing)
        gf_draw_outline(ui, r, ui->style->accent, gf_ui_px(ui, ui->style->outline));
    int pad = gf_ui_px(ui, ui->style->pad), cy = r.y + r.h / 2;
    int x = r.x + pad;
    x += gf_draw_text(ui, GF_FACE_BOLD, GF_TEXT_BODY, ui->style->text_dim, x, cy,
                      gf_i18n(&app->text, GF_STR_PROMPT), GF_ALIGN_MIDDLE);
    x += pad;
    /* While typing, the text as typed; else with what the font lacks escaped
     * (an emoji as \U0001F642 rather than a box). */
    char text[4 * GF_PROMPT_MAX + 8], shown[4 * GF_PROMPT_MAX + 16];
    if (app->editing)
        snprintf(text, sizeof text, "%s▏", app->edit);
    else
        gf_text_escape_missing(app->s.prompt, prompt_has_glyph, ui, text, sizeof text);
    int hint_w = 0, hint_h = 0;
    if (!app->editing)
        gf_text_size(ui, GF_FACE_SANS, GF_TEXT_SMALL, gf_i18n(&app->text, GF_STR_PROMPT_HINT), &hint_w,
                     &hint_h);
    /* Too long for the line: "…" where it is cut (the typing end stays in view). */
    int room = r.w - (x - r.x) - 2 * pad - hint_w;
    gf_text_fit(ui, GF_FACE_SANS, GF_TEXT_HEADING, text, room, app->editing, shown, sizeof shown);
    SDL_Rect clip = {x, r.y, room > 0 ? room : 0, r.h};
    SDL_RenderSetClipRect(ui->renderer, &clip);
    gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_HEADING, ui->style->text, x, cy, shown, GF_ALIGN_MIDDLE);
    SDL_RenderSetClipRect(ui->renderer, NULL);
    if (!app->editing)
        gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_SMALL, ui->style->text_dim, r.x + r.w - pad, cy,
                     gf_i18n(&app->text, GF_STR_PROMPT_HINT), GF_ALIGN_RIGHT | GF_ALIGN_MIDDLE);
    gf_ui_add_hit(ui, r, GF_HIT_PROMPT, 0);
}

/* Sizes of the stage panel's title, formula and summary, largest first:
 * the summary gives way first, then the formula, then the title. */
static const gf_text_role PANEL_SIZES[][3] = {
    {GF_TEXT_TITLE, GF_TEXT_HEADING, GF_TEXT_HEADING}, {GF_TEXT_TITLE, GF_TEXT_HEADING, GF_TEXT_BODY},
    {GF_TEXT_TITLE, GF_TEXT_BODY, GF_TEXT_BODY},       {GF_TEXT_TITLE, GF_TEXT_BODY, GF_TEXT_SMALL},
    {GF_TEXT_TITLE, GF_TEXT_SMALL, GF_TEXT_SMALL},     {GF_TEXT_HEADING, GF_TEXT_SMALL, GF_TEXT_SMALL},
    {GF_TEXT_BODY, GF_TEXT_SMALL, GF_TEXT_SMALL}};
enum { PANEL_SIZE_COUNT = sizeof PANEL_SIZES / sizeof PANEL_SIZES[0] };

/* The first row of PANEL_SIZES whose title, layer line, formula box and
 * summary fit height h at width w together (the last when none does). When
 * none does with the layer line, without it (it repeats the layer the line
 * above names): *layer_kept says which. */
static int panel_sizes_pick(gf_ui *ui, int w, int h, const char *title, const char *layer,
                            const char *formula, const char *summary, bool *layer_kept)
{
    int gap = gf_ui_px(ui, ui->style->line_gap);
    int layer_h = layer[0] ? gf_measure_wrapped(ui, GF_FACE_SANS, GF_TEXT_BODY, w, layer) + gap : 0;
    for (int keep = 1; keep >= 0; keep--)
        for (int i = 0; i < PANEL_SIZE_COUNT; i++) {
            int need = gf_measure_wrapped(ui, GF_FACE_BOLD, PANEL_SIZES[i][0], w, title) + gap +
                       (keep ? layer_h : 0) +
                       gf_measure_wrapped_groups(ui, GF_FACE_MONO, PANEL_SIZES[i][1], w - 2 * gap,
                                                 formula) +
                       4 * gap + gf_measure_wrapped(ui, GF_FACE_SANS, PANEL_SIZES[i][2], w, summary);
            if (need <= h) {
                *layer_kept = keep;
                return i;
            }
        }
    *layer_kept = true;
    return PANEL_SIZE_COUNT - 1;
}

/* The line above the title ("layer 11  ·  stage 10/19  ·  step 164 of
 * 173") at the top of r, its parts going on to a next line whole (the
 * separator left out there) when the panel is too narrow for one. Returns
 * its height. */
static int draw_where(gf_ui *ui, gf_rect r, const char *where)
{
    static const char sep[] = "  ·  ";
    char out[512] = "", line[512] = "", part[256];
    for (const char *p = where; *p != '\0';) {
        const char *end = strstr(p, sep);
        size_t n = end != NULL ? (size_t)(end - p) : strlen(p);
        snprintf(part, sizeof part, "%.*s", (int)(n < sizeof part ? n : sizeof part - 1), p);
        p = end != NULL ? end + strlen(sep) : p + n;
        char joined[800];
        snprintf(joined, sizeof joined, "%s%s%s", line, line[0] ? sep : "", part);
        int w = 0, h = 0;
        gf_text_size(ui, GF_FACE_SANS, GF_TEXT_SMALL, joined, &w, &h);
        if (line[0] != '\0' && w > r.w) {
            size_t used = strlen(out);
            snprintf(out + used, sizeof out - used, "%s\n", line);
            snprintf(line, sizeof line, "%s", part);
        } else {
            size_t k = strlen(joined) < sizeof line ? strlen(joined) : sizeof line - 1;
            memcpy(line, joined, k);
            line[k] = '\0';
        }
    }
    size_t used = strlen(out);
    snprintf(out + used, sizeof out - used, "%s", line);
    return gf_draw_wrapped(ui, GF_FACE_SANS, GF_TEXT_SMALL, ui->style->text_dim, r, out);
}

/* Returns the panel's unused rect below the text. */
static gf_rect draw_explanation(gf_app *app, gf_rect r)
{
    gf_ui *ui = &app->ui;
    const gf_config *cfg = &app->s.model.config;
    gf_draw_fill(ui, r, ui->style->panel);
    gf_rect in = gf_rect_inset(r, gf_ui_px(ui, ui->style->panel_pad));
    /* A screen of its own explains the stage its row names (the overview:
     * the attention weights); the stage screen explains the stepper's. */
    const gf_screen_def *screen = gf_screen_get(app->screen);
    bool own = screen->explains >= 0;
    gf_stage_id id = own ? (gf_stage_id)screen->explains : gf_stepper_stage(&app->st);
    const gf_stage *stage = gf_stage_get(id);
    char line[256];
    gf_status_where(app, true, line, sizeof line);
    int where_h = draw_where(ui, in, line);
    int small = gf_ui_text_px(ui, GF_TEXT_SMALL) + gf_ui_px(ui, ui->style->line_gap);
    if (where_h > gf_ui_text_px(ui, GF_TEXT_SMALL) * 3 / 2)
        small = where_h + gf_ui_px(ui, ui->style->line_gap);
    in.y += small;
    in.h -= small;
    const char *title = gf_i18n_stage_name(&app->text, id, cfg);
    line[0] = '\0';
    if (stage != NULL && stage->per_layer) {
        snprintf(line, sizeof line, "%s %d", gf_i18n(&app->text, GF_STR_STATUS_LAYER), app->st.layer);
        if (stage->per_head && !own) {
            size_t n = strlen(line);
            snprintf(line + n, sizeof line - n, " · %s %d", gf_i18n(&app->text, GF_STR_STATUS_HEAD),
                     app->st.head);
        }
    }
    char text[512], summary[512];
    gf_stage_formula(&app->text.file, id, cfg, app->s.n_tokens, text, sizeof text);
    gf_stage_summary(&app->text.file, id, cfg, summary, sizeof summary);
    /* Everything whole, in the largest sizes that fit together. */
    bool layer_kept = true;
    const gf_text_role *size =
        PANEL_SIZES[panel_sizes_pick(ui, in.w, in.h, title, line, text, summary, &layer_kept)];
    int h = gf_draw_wrapped(ui, GF_FACE_BOLD, size[0], ui->style->text, in, title);
    in.y += h + gf_ui_px(ui, ui->style->line_gap);
    in.h -= h + gf_ui_px(ui, ui->style->line_gap);
    if (line[0] != '\0' && layer_kept) {
        int lh = gf_draw_wrapped(ui, GF_FACE_SANS, GF_TEXT_BODY, ui->style->accent, in, line);
        in.y += lh + gf_ui_px(ui, ui->style->line_gap);
        in.h -= lh + gf_ui_px(ui, ui->style->line_gap);
    }
    int pad = gf_ui_px(ui, ui->style->line_gap);
    int fh = gf_draw_wrapped_groups(ui, GF_FACE_MONO, size[1], ui->style->accent,
                                    (gf_rect){in.x + pad, in.y + pad, in.w - 2 * pad, in.h}, text);
    gf_rect box = {in.x, in.y, in.w, fh + 2 * pad};
    gf_draw_outline(ui, box, ui->style->accent, 1);
    in.y += box.h + 2 * pad;
    in.h -= box.h + 2 * pad;
    /* A panel too short even at the smallest sizes (a band above and below,
     * zoomed in) keeps the summary's first sentences, never half of one. */
    char *end;
    while (gf_measure_wrapped(ui, GF_FACE_SANS, size[2], in.w, summary) > in.h &&
           (end = strrchr(summary, ' ')) != NULL) {
        *end = '\0';
        char *stop = strrchr(summary, '.');
        if (stop == NULL) {
            summary[0] = '\0';
            break;
        }
        stop[1] = '\0';
    }
    h = gf_draw_wrapped(ui, GF_FACE_SANS, size[2], ui->style->text, in, summary) + 2 * pad;
    return (gf_rect){in.x, in.y + h, in.w, in.h - h > 0 ? in.h - h : 0};
}

/* F12: save the frame as drawn; the frame is then drawn again with the
 * message band saying at once where (the full path). */
static void save_picture(gf_app *app)
{
    char path[3200], err[256] = "";
    app->screenshot_pending = false;
    if (gf_screenshot_take(app, path, sizeof path, err, sizeof err))
        snprintf(app->message, sizeof app->message, gf_i18n(&app->text, GF_STR_SCREENSHOT_SAVED),
                 path);
    else
        snprintf(app->message, sizeof app->message, "%s", err);
}

/* Pixels per layout unit: fits 1600×900 units, grows on 4K, × zoom × large. */
float gf_app_frame_scale(const gf_app *app, int width, int height)
{
    float fit = fminf((float)width / 1600.0f, (float)height / 900.0f);
    fit = fit < 0.85f ? 0.85f : fit > 3.0f ? 3.0f : fit;
    return fit * app->zoom * (app->large_font ? 1.4f : 1.0f);
}

void gf_app_draw(gf_app *app, int width, int height)
{
    gf_ui *ui = &app->ui;
    gf_ui_begin(ui, width, height, gf_app_frame_scale(app, width, height));
    ui->large_text = app->large_font;
    app->w = gf_app_widgets(app);
    app->frames++;
    int m = gf_ui_px(ui, ui->style->margin);
    int status_h = gf_ui_px(ui, ui->style->status_h), chip_rows_h = gf_ui_px(ui, ui->style->chips_h);
    /* The prompt line while typing; else the text so far, on as many lines
     * as it needs (up to two; then its end is in view). */
    int prompt_h = app->editing ? gf_ui_px(ui, ui->style->prompt_h)
                                : gf_sentence_band_h(app, gf_sentence_rows(app, width - 2 * m));
    gf_rect prompt = {m, m, width - 2 * m, prompt_h};
    gf_rect strip = {m, prompt.y + prompt_h + m, width - 2 * m, chip_rows_h};
    /* A long prompt (a Russian one is many byte tokens) gets smaller chips,
     * then two rows of them, before the strip scrolls away from its start. */
    gf_text_role chip_role = GF_TEXT_BODY;
    if (!gf_token_chips_fit(app, strip, GF_TEXT_BODY)) {
        chip_role = GF_TEXT_SMALL;
        /* (Not in large-font mode: its views need the height more.) */
        if (!gf_token_chips_fit(app, strip, GF_TEXT_SMALL) && !app->large_font)
            strip.h = 2 * chip_rows_h;
    }
    gf_rect status = {0, height - status_h, width, status_h};
    int top = strip.y + strip.h + m;
    /* A message (error, notice) has its band above the status line. */
    int message_h = gf_message_band_h(app, width - 2 * m);
    gf_rect message = {m, status.y - m - message_h, width - 2 * m, message_h};
    int above = message_h > 0 ? message.y : status.y;
    /* A lesson's band sits between the view and the status line. */
    int panel_w = (int)fminf(fmaxf((float)width * ui->style->panel_frac, (float)gf_ui_px(ui, ui->style->panel_min_w)),
                              (float)gf_ui_px(ui, ui->style->panel_max_w));
    /* The current row of the screen table: the whole window, wide, or
     * beside the panel. */
    const gf_screen_def *screen = gf_screen_get(app->screen);
    /* The explain panel open under a lesson band (a step that explains one
     * value): where the panel above a band across the window would fold or
     * leave out terms, the band keeps to the views' column and the panel
     * runs down beside it, so the terms the step asks about have their rows
     * (where the band's text stays whole in the narrower band). Elsewhere
     * the band keeps the whole width, and its text the larger size. */
    int narrow_w = width - 3 * m - panel_w;  /* the views' column */
    bool panel_beside_band = false;
    if (screen->layout == GF_LAYOUT_PANEL && gf_explain_panel_shown(app)) {
        int wide_band_h = gf_lesson_band_height(app, width, height);
        int wide_bottom = wide_band_h > 0 ? above - m - wide_band_h : above;
        gf_rect over_band = {width - m - panel_w, top, panel_w, wide_bottom - top - m};
        panel_beside_band = wide_band_h > 0 && !gf_explain_terms_fit(app, over_band) &&
                            gf_lesson_band_whole(app, narrow_w + 2 * m, height);
    }
    int band_w = panel_beside_band ? narrow_w : width - 2 * m;
    int band_h = gf_lesson_band_height(app, band_w + 2 * m, height);
    gf_rect band = {m, above - m - band_h, band_w, band_h};
    int bottom = band_h > 0 ? band.y : above;  /* the views end here */
    gf_rect main = {m, top, width - 3 * m - panel_w, bottom - top - m};
    gf_rect panel = {main.x + main.w + m, top, panel_w, panel_beside_band ? above - m - top : main.h};
    if (screen->layout != GF_LAYOUT_FULL) {
        if (app->editing)
            draw_prompt(app, prompt);
        else
            gf_draw_sentence(app, prompt);
        /* While a new token flows through the layers, its band covers the
         * strip (the view below stays whole). */
        if (!gf_view_flow(app, strip))
            gf_draw_token_chips(app, strip, chip_role, false);
    }
    if (screen->layout == GF_LAYOUT_FULL) {
        ui->view_rect = (gf_rect){m, m, width - 2 * m, bottom - 2 * m};
        screen->draw(app, ui->view_rect);
    } else if (screen->layout == GF_LAYOUT_WIDE) {
        ui->view_rect = (gf_rect){m, top, width - 2 * m, main.h};
        screen->draw(app, ui->view_rect);
    } else {
        ui->view_rect = main;
        SDL_Rect clip = {main.x, main.y, main.w, main.h};
        SDL_RenderSetClipRect(ui->renderer, &clip);
        bool tokens_stage = app->screen == GF_SCREEN_STAGE &&
                            gf_stepper_stage(&app->st) == GF_STAGE_TOKENS;
        if (app->s.n_tokens == 0 && !tokens_stage)
            gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_HEADING, ui->style->text_dim, main.x, main.y,
                         gf_i18n(&app->text, GF_STR_NO_TOKENS), GF_ALIGN_LEFT);
        else
            screen->draw(app, main);
        gf_explain_draw_selection(app);
        SDL_RenderSetClipRect(ui->renderer, NULL);
        if (gf_explain_panel_shown(app))
            gf_explain_draw_panel(app, panel);
        else
            draw_explanation(app, panel);
    }
    gf_message_draw(app, message);
    gf_status_draw(app, status);
    if (band_h > 0)
        gf_view_lesson_band(app, band);
    ui->text_paused = true;   /* overlays and the tooltip may cover text */
    const gf_screen_def *overlay = gf_screen_get(app->overlay);
    if (overlay != NULL)
        overlay->draw(app, (gf_rect){0, 0, width, height});
    else
        gf_ui_draw_tooltip(ui);
    if (app->screenshot_pending) {
        save_picture(app);
        ui->text_paused = false;
        gf_app_draw(app, width, height);
    }
}

/* view_lesson.c — the lesson band: under the view, across the window, the
 * current step's number ("step 4 / 10"), its heading and its text with the
 * trace's values filled in, in the largest size that fits in at most 30 %
 * of the window's height (in large-font mode, whose sizes are larger for
 * the back row, 25 % unless the body size needs up to 30 %; the small size
 * only where even the body size needs more, as at 1024×768); the view above
 * keeps the rest. While the teacher explores, the
 * band says so and which key returns to the step. */
#include "lesson_player.h"

#include "app.h"
#include "explain_panel.h"
#include "views.h"

#include <stdio.h>
#include <string.h>

/* The band's strings ("lesson.*" keys of the text files). */
static const char *lesson_text(const gf_app *app, const char *key, const char *fallback)
{
    const char *s = gf_text_get(&app->text.file, key);
    return s != NULL ? s : fallback;
}

const char *gf_lesson_text_missing(const gf_texts *tx)
{
    static const char *const KEYS[] = {"lesson.step", "lesson.exploring", "lesson.keys"};
    for (size_t i = 0; i < sizeof KEYS / sizeof KEYS[0]; i++)
        if (gf_text_get(&tx->file, KEYS[i]) == NULL)
            return KEYS[i];
    return NULL;
}

/* Measure (draw: and draw) text's paragraphs ("\n"-separated) in r, an
 * empty half line between them; returns the height. */
static int paragraphs(gf_ui *ui, gf_text_role role, gf_rect r, char *text, int gap, bool draw)
{
    int y = r.y;
    for (char *p = text; p != NULL;) {
        char *nl = strchr(p, '\n');
        if (nl != NULL)
            *nl = '\0';
        gf_rect at = {r.x, y, r.w, r.y + r.h - y};
        y += draw ? gf_draw_wrapped(ui, GF_FACE_SANS, role, ui->style->text, at, p)
                  : gf_measure_wrapped(ui, GF_FACE_SANS, role, r.w, p);
        if (nl != NULL) {
            *nl = '\n';
            y += gf_ui_text_px(ui, role) / 2 + gap;
        }
        p = nl != NULL ? nl + 1 : NULL;
    }
    return y - r.y;
}

/* The step's highlighted cell: a ring around it on the attention heatmap
 * drawn this frame (the view draws the heatmap; this only finds its cell). */
static void mark_cell(gf_app *app, const gf_lesson_step *s)
{
    gf_ui *ui = &app->ui;
    if (s->cell_row < 0)
        return;
    for (int i = 0; i < ui->n_heat; i++) {
        const gf_ui_heat_record *h = &ui->heat[i];
        int r = s->cell_row - h->row0, c = s->cell_col - h->col0;
        if (strcmp(h->id, "attention") != 0 || h->rows <= 0 || h->cols <= 0 || r < 0 ||
            r >= h->rows || c < 0 || c >= h->cols)
            continue;
        int x0 = h->cells.x + c * h->cells.w / h->cols, x1 = h->cells.x + (c + 1) * h->cells.w / h->cols;
        int y0 = h->cells.y + r * h->cells.h / h->rows, y1 = h->cells.y + (r + 1) * h->cells.h / h->rows;
        int t = 2 * gf_ui_px(ui, ui->style->outline) + 1;
        gf_rect ring = {x0 - t, y0 - t, x1 - x0 + 2 * t, y1 - y0 + 2 * t};
        for (int k = 0; k < t; k++)
            gf_draw_outline(ui, gf_rect_inset(ring, k), ui->style->accent, 1);
    }
}

/* The band's height for a window width × height (see gf_lesson_band_height);
 * *whole: its text fits at the body size or larger, and its heading at
 * the heading size beside the step counter (nothing cut). */
static int band_height(gf_app *app, int width, int height, bool *whole)
{
    const gf_lesson_step *s = gf_lesson_current(app);
    *whole = true;
    if (s == NULL)
        return 0;
    gf_ui *ui = &app->ui;
    /* The band takes what its text needs in the largest size that fits
     * under hi, and no more: the view above keeps the rest (its formula
     * and explanation included). In large-font mode the text is smaller
     * than the body size only where it needs more than 30 % even so (a
     * narrow window); a text too long even small is cut (the lesson test
     * finds that, so no shipped lesson does it). Large-font
     * mode makes every size large, and what the view above needs too: the
     * band keeps to a quarter of the height, or to 30 % when its text needs
     * that to stay at the body size (40 % for a band narrowed to the views'
     * column, the explain panel beside it). */
    int lo = height * 14 / 100, hi = height * (app->large_font ? 25 : 30) / 100;
    int pad = gf_ui_px(ui, ui->style->panel_pad), gap = gf_ui_px(ui, ui->style->line_gap);
    int m = gf_ui_px(ui, ui->style->margin);
    char text[4096];
    gf_lesson_fill(app, s, text, sizeof text);
    gf_rect in = {0, 0, width - 2 * m - 2 * pad, height};
    int head = 2 * pad + gf_ui_text_px(ui, GF_TEXT_TITLE) + 3 * gap;  /* as drawn */
    int need = hi;
    for (gf_text_role role = GF_TEXT_TITLE; role >= GF_TEXT_BODY; role = (gf_text_role)(role - 1)) {
        need = head + paragraphs(ui, role, in, text, gap, false);
        if (need <= hi)
            break;
    }
    /* Too long for 30 % even so (a narrow window: 1024×768): the small
     * size, whole (in large-font mode still larger than the body size of
     * normal mode), rather than a text cut. */
    if (need > height * 30 / 100)
        need = head + paragraphs(ui, GF_TEXT_SMALL, in, text, gap, false);
    if (need > hi)
        hi = height * 30 / 100;
    if (need > hi && gf_explain_panel_shown(app))
        hi = height * 40 / 100;
    /* The first line: "step 4 / 10", then the heading (as draw_heading
     * sets it at the smallest). */
    char counter[64];
    snprintf(counter, sizeof counter, lesson_text(app, "lesson.step", "step %d / %d"),
             app->lesson->step + 1, app->lesson->lesson.n_steps);
    const char *heading = s->heading[0] != '\0' ? s->heading : app->lesson->lesson.title;
    int cw = 0, hw = 0, th = 0;
    gf_text_size(ui, GF_FACE_BOLD, GF_TEXT_TITLE, counter, &cw, &th);
    gf_text_size(ui, GF_FACE_BOLD, GF_TEXT_HEADING, heading, &hw, &th);
    *whole = need <= hi && cw + 2 * gap + gf_ui_px(ui, ui->style->pad) + hw <= in.w;
    return need < lo ? lo : need > hi ? hi : need;
}

int gf_lesson_band_height(gf_app *app, int width, int height)
{
    bool whole = true;
    return band_height(app, width, height, &whole);
}

bool gf_lesson_band_whole(gf_app *app, int width, int height)
{
    bool whole = true;
    band_height(app, width, height, &whole);
    return whole;
}

/* The heading from x = r.x on the line whose middle is r.y, and the
 * right-hand text (keys, or while exploring how to return) ending at r.x +
 * r.w. The heading keeps the title size where it fits; else the keys give
 * it their room (they are the same on every step; the way back while
 * exploring always shows), then it takes the heading size. A heading too
 * long even so ends in "…" and counts as cut: the lesson test finds it. */
static void draw_heading(gf_ui *ui, const char *heading, const char *right, bool exploring,
                         gf_rect r, int gap)
{
    const gf_style *st = ui->style;
    int rw = 0, rh = 0, hw = 0, hh = 0;
    gf_text_size(ui, GF_FACE_SANS, GF_TEXT_BODY, right, &rw, &rh);
    gf_text_size(ui, GF_FACE_BOLD, GF_TEXT_TITLE, heading, &hw, &hh);
    bool keys = exploring || hw <= r.w - rw - 2 * gap;
    gf_text_role role = GF_TEXT_TITLE;
    int room = keys ? r.w - rw - 2 * gap : r.w;
    if (hw > room) {
        role = GF_TEXT_HEADING;
        gf_text_size(ui, GF_FACE_BOLD, role, heading, &hw, &hh);
        if (!exploring && hw <= r.w - rw - 2 * gap) {
            keys = true;
            room = r.w - rw - 2 * gap;
        }
    }
    if (keys)
        gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_BODY, exploring ? st->accent : st->text_dim,
                     r.x + r.w, r.y, right, GF_ALIGN_RIGHT | GF_ALIGN_MIDDLE);
    char fitted[512];
    if (hw > room)
        gf_ui_note_cut(ui, (gf_rect){r.x, r.y - hh / 2, room, hh}, heading);
    gf_text_fit(ui, GF_FACE_BOLD, role, heading, room, false, fitted, sizeof fitted);
    gf_draw_text(ui, GF_FACE_BOLD, role, st->text, r.x, r.y, fitted, GF_ALIGN_MIDDLE);
}

void gf_view_lesson_band(gf_app *app, gf_rect r)
{
    const gf_lesson_step *s = gf_lesson_current(app);
    if (s == NULL || r.h <= 0)
        return;
    gf_ui *ui = &app->ui;
    const gf_style *st = ui->style;
    gf_draw_fill(ui, r, st->panel);
    gf_draw_outline(ui, r, st->accent, gf_ui_px(ui, st->outline));
    gf_rect in = gf_rect_inset(r, gf_ui_px(ui, st->panel_pad));
    int gap = gf_ui_px(ui, st->line_gap);

    /* First line: "step 4 / 10", the heading, and on the right the keys or,
     * while exploring, how to come back. */
    char counter[64];
    snprintf(counter, sizeof counter, lesson_text(app, "lesson.step", "step %d / %d"),
             app->lesson->step + 1, app->lesson->lesson.n_steps);
    int top = in.y + gf_ui_text_px(ui, GF_TEXT_TITLE) / 2 + gap;
    int x = in.x;
    x += gf_draw_text(ui, GF_FACE_BOLD, GF_TEXT_TITLE, st->accent, x, top, counter, GF_ALIGN_MIDDLE);
    x += 2 * gap + gf_ui_px(ui, st->pad);
    bool exploring = gf_lesson_exploring(app);
    const char *right = exploring ? lesson_text(app, "lesson.exploring", "exploring: J returns to the step")
                                  : lesson_text(app, "lesson.keys", "N: next   B: back");
    const char *heading = s->heading[0] != '\0' ? s->heading : app->lesson->lesson.title;
    draw_heading(ui, heading, right, exploring, (gf_rect){x, top, in.x + in.w - x, 0}, gap);
    int used = gf_ui_text_px(ui, GF_TEXT_TITLE) + 3 * gap;
    in.y += used;
    in.h -= used;

    /* The text, filled from the trace, as large as fits. */
    char text[4096];
    gf_lesson_fill(app, s, text, sizeof text);
    gf_text_role role = GF_TEXT_TITLE, least = GF_TEXT_SMALL;
    while (role > least && paragraphs(ui, role, in, text, gap, false) > in.h)
        role = (gf_text_role)(role - 1);
    if (paragraphs(ui, role, in, text, gap, false) > in.h)
        gf_ui_note_cut(ui, in, text);  /* too long even so: its end is cut off */
    SDL_Rect clip = {in.x, in.y, in.w, in.h > 0 ? in.h : 0};
    SDL_RenderSetClipRect(ui->renderer, &clip);
    paragraphs(ui, role, in, text, gap, true);
    SDL_RenderSetClipRect(ui->renderer, NULL);
    if (!exploring)
        mark_cell(app, s);
}

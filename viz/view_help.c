/* view_help.c — the key overlay (? / F1), made from the key table. Laid out to fit any window from
 * 1280×720 in large-font mode to 4K: one column when it fits, else two, with
 * long explanations wrapped, three when two are too tall; only if even that
 * is too tall does the text shrink (in steps of 10 %, at most six). The box is recorded as GF_HIT_HELP. */
#include "views.h"

#include <stdio.h>
#include <string.h>

#define HELP_MAX_ITEMS 64             /* the key table has about 40 lines */

typedef struct {
    char key[64], what[320];
    int h;                        /* height of this entry at the chosen width */
} help_item;

typedef struct {
    help_item items[HELP_MAX_ITEMS];
    int n;
    int cols, per_col;
    int pad, gap, col_gap, title_h, footer_h, key_w, what_w, line_h;
    gf_rect box;
} help_layout;

/* The key table's help lines (keys.h) as items in the app's language. */
static int table_items(const gf_texts *tx, help_item *items, int max)
{
    gf_help_line lines[HELP_MAX_ITEMS];
    int n = gf_help_lines(lines, HELP_MAX_ITEMS);
    for (int i = 0; i < n && i < max; i++) {
        gf_i18n_key_label(tx, lines[i].keys, items[i].key, sizeof items[i].key);
        snprintf(items[i].what, sizeof items[i].what, "%s", gf_i18n(tx, lines[i].help));
    }
    return n < max ? n : max;
}

/* Try cols columns at the ui's current scale; true when the box fits. */
static bool try_layout(gf_ui *ui, help_layout *L, int cols)
{
    L->pad = gf_ui_px(ui, ui->style->overlay_pad);
    L->gap = gf_ui_px(ui, ui->style->help_key_gap);
    L->col_gap = gf_ui_px(ui, ui->style->help_col_gap);
    L->line_h = gf_ui_text_px(ui, GF_TEXT_BODY) * 3 / 2;
    L->title_h = gf_ui_text_px(ui, GF_TEXT_TITLE) * 2;
    L->footer_h = gf_ui_text_px(ui, GF_TEXT_SMALL) * 2;
    int margin = gf_ui_px(ui, ui->style->overlay_margin), what_natural = 0, w, h;
    L->key_w = 0;
    for (int i = 0; i < L->n; i++) {
        gf_text_size(ui, GF_FACE_MONO, GF_TEXT_BODY, L->items[i].key, &w, &h);
        L->key_w = w > L->key_w ? w : L->key_w;
        gf_text_size(ui, GF_FACE_SANS, GF_TEXT_BODY, L->items[i].what, &w, &h);
        what_natural = w > what_natural ? w : what_natural;
    }
    int avail_w = ui->width - 2 * margin, avail_h = ui->height - 2 * margin;
    int col_w = (avail_w - 2 * L->pad - (cols - 1) * L->col_gap) / cols;
    L->what_w = col_w - L->key_w - L->gap;
    if (L->what_w > what_natural)
        L->what_w = what_natural;
    if (L->what_w < gf_ui_px(ui, ui->style->help_min_text_w))
        return false;
    L->cols = cols;
    L->per_col = (L->n + cols - 1) / cols;
    int tallest = 0;
    for (int c = 0; c < cols; c++) {
        int col_h = 0;
        for (int i = c * L->per_col; i < L->n && i < (c + 1) * L->per_col; i++) {
            int wh = gf_measure_wrapped(ui, GF_FACE_SANS, GF_TEXT_BODY, L->what_w, L->items[i].what);
            L->items[i].h = (wh > L->line_h ? wh : L->line_h) + gf_ui_px(ui, ui->style->help_item_gap);
            col_h += L->items[i].h;
        }
        tallest = col_h > tallest ? col_h : tallest;
    }
    int bw = 2 * L->pad + cols * (L->key_w + L->gap + L->what_w) + (cols - 1) * L->col_gap;
    int bh = 2 * L->pad + L->title_h + tallest + L->footer_h;
    L->box = (gf_rect){(ui->width - bw) / 2, (ui->height - bh) / 2, bw, bh};
    return bw <= avail_w && bh <= avail_h;
}

static void layout(gf_ui *ui, help_layout *L)
{
    for (int shrink = 0; shrink < 6; shrink++) {
        if (try_layout(ui, L, 1) || try_layout(ui, L, 2) || try_layout(ui, L, 3))
            return;
        ui->scale *= 0.9f;  /* caller restores it */
    }
    if (!try_layout(ui, L, 3) && !try_layout(ui, L, 2))
        try_layout(ui, L, 1);
}

void gf_view_help(gf_app *app, gf_rect window)
{
    gf_ui *ui = &app->ui;
    float scale = ui->scale;
    help_layout L;
    memset(&L, 0, sizeof L);
    L.n = table_items(&app->text, L.items, HELP_MAX_ITEMS);
    layout(ui, &L);
    gf_draw_fill(ui, window, ui->style->shade);
    gf_draw_fill(ui, L.box, app->ui.style->panel);
    gf_draw_outline(ui, L.box, app->ui.style->accent, gf_ui_px(ui, ui->style->outline));
    gf_ui_add_hit(ui, L.box, GF_HIT_HELP, L.cols);
    int x0 = L.box.x + L.pad, y0 = L.box.y + L.pad;
    gf_draw_text(ui, GF_FACE_BOLD, GF_TEXT_TITLE, app->ui.style->text, x0, y0,
                 gf_i18n(&app->text, GF_STR_HELP_TITLE), GF_ALIGN_LEFT);
    for (int c = 0; c < L.cols; c++) {
        int x = x0 + c * (L.key_w + L.gap + L.what_w + L.col_gap), y = y0 + L.title_h;
        for (int i = c * L.per_col; i < L.n && i < (c + 1) * L.per_col; i++) {
            gf_draw_text(ui, GF_FACE_MONO, GF_TEXT_BODY, app->ui.style->accent, x, y, L.items[i].key,
                         GF_ALIGN_LEFT);
            gf_draw_wrapped(ui, GF_FACE_SANS, GF_TEXT_BODY, app->ui.style->text,
                            (gf_rect){x + L.key_w + L.gap, y, L.what_w, L.items[i].h}, L.items[i].what);
            y += L.items[i].h;
        }
    }
    gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_SMALL, app->ui.style->text_dim, L.box.x + L.box.w / 2,
                 L.box.y + L.box.h - L.pad - gf_ui_text_px(ui, GF_TEXT_SMALL),
                 gf_i18n(&app->text, GF_STR_HELP_CLOSE), GF_ALIGN_CENTER);
    ui->scale = scale;
}

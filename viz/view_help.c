/* view_help.c — the key overlay (? / F1), made from the key table. One page
 * when the lines fit: one column, else two with long explanations wrapped,
 * else three; the text may shrink in steps of 10 % while it stays at least
 * the small size of the smallest window. Where even that does not fit
 * (1024×768 or 1366×768 in large-font mode), the lines go on pages at the full size, in order, none cut, with
 * "page 1/3 — PgDn / Space: next" below; PgDn, Space and PgUp turn the pages
 * (physical keys: keys.c), any other key closes. The box is recorded as
 * GF_HIT_HELP. */
#include "views.h"

#include <math.h>
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
    int cols, pages;
    /* Column slot k (page k / cols, column k % cols) holds the items
     * start[k] … start[k + 1] − 1. */
    int start[HELP_MAX_ITEMS + 2];
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

/* Sizes and item heights for cols columns at the ui's current scale; false
 * when the text column would be narrower than the style allows. */
static bool measure(gf_ui *ui, help_layout *L, int cols, bool paged)
{
    L->pad = gf_ui_px(ui, ui->style->overlay_pad);
    L->gap = gf_ui_px(ui, ui->style->help_key_gap);
    L->col_gap = gf_ui_px(ui, ui->style->help_col_gap);
    L->line_h = gf_ui_text_px(ui, GF_TEXT_BODY) * 3 / 2;
    L->title_h = gf_ui_text_px(ui, GF_TEXT_TITLE) * 2;
    L->footer_h = gf_ui_text_px(ui, GF_TEXT_SMALL) * 2 + (paged ? L->line_h : 0);
    int margin = gf_ui_px(ui, ui->style->overlay_margin), what_natural = 0, w, h;
    L->key_w = 0;
    for (int i = 0; i < L->n; i++) {
        gf_text_size(ui, GF_FACE_MONO, GF_TEXT_BODY, L->items[i].key, &w, &h);
        L->key_w = w > L->key_w ? w : L->key_w;
        gf_text_size(ui, GF_FACE_SANS, GF_TEXT_BODY, L->items[i].what, &w, &h);
        what_natural = w > what_natural ? w : what_natural;
    }
    int avail_w = ui->width - 2 * margin;
    int col_w = (avail_w - 2 * L->pad - (cols - 1) * L->col_gap) / cols;
    L->what_w = col_w - L->key_w - L->gap;
    if (L->what_w > what_natural)
        L->what_w = what_natural;
    if (L->what_w < gf_ui_px(ui, ui->style->help_min_text_w))
        return false;
    L->cols = cols;
    for (int i = 0; i < L->n; i++) {
        int wh = gf_measure_wrapped(ui, GF_FACE_SANS, GF_TEXT_BODY, L->what_w, L->items[i].what);
        L->items[i].h = (wh > L->line_h ? wh : L->line_h) + gf_ui_px(ui, ui->style->help_item_gap);
    }
    return true;
}

/* The box around columns as tall as the tallest slot, centred; true when it
 * lies inside the window's margin. */
static bool place_box(gf_ui *ui, help_layout *L)
{
    int tallest = 0;
    for (int k = 0; k < L->pages * L->cols; k++) {
        int col_h = 0;
        for (int i = L->start[k]; i < L->start[k + 1]; i++)
            col_h += L->items[i].h;
        tallest = col_h > tallest ? col_h : tallest;
    }
    int margin = gf_ui_px(ui, ui->style->overlay_margin);
    int bw = 2 * L->pad + L->cols * (L->key_w + L->gap + L->what_w) + (L->cols - 1) * L->col_gap;
    int bh = 2 * L->pad + L->title_h + tallest + L->footer_h;
    L->box = (gf_rect){(ui->width - bw) / 2, (ui->height - bh) / 2, bw, bh};
    return bw <= ui->width - 2 * margin && bh <= ui->height - 2 * margin;
}

/* All lines on one page in cols columns of equal counts. */
static bool try_one_page(gf_ui *ui, help_layout *L, int cols)
{
    if (!measure(ui, L, cols, false))
        return false;
    int per_col = (L->n + cols - 1) / cols;
    L->pages = 1;
    for (int k = 0; k <= cols; k++)
        L->start[k] = k * per_col < L->n ? k * per_col : L->n;
    return place_box(ui, L);
}

/* The lines in order into columns of at most room px each (a line taller
 * than room alone in its column); the number of pages of cols columns. */
static int pack(help_layout *L, int cols, int room)
{
    int slot = 0, col_h = 0;
    L->start[0] = 0;
    for (int i = 0; i < L->n; i++) {
        if (col_h > 0 && col_h + L->items[i].h > room) {
            L->start[++slot] = i;
            col_h = 0;
        }
        col_h += L->items[i].h;
    }
    int pages = slot / cols + 1;
    for (int k = slot + 1; k <= pages * cols; k++)
        L->start[k] = L->n;
    return pages;
}

/* The lines in order over as many pages of cols columns as they need, each
 * column as short as that many pages allow (the last page is not left
 * with one line). */
static bool try_pages(gf_ui *ui, help_layout *L, int cols)
{
    if (!measure(ui, L, cols, true))
        return false;
    int room = ui->height - 2 * gf_ui_px(ui, ui->style->overlay_margin) - 2 * L->pad -
               L->title_h - L->footer_h;
    L->pages = pack(L, cols, room);
    int lo = 1, hi = room;   /* the shortest column height with no more pages */
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (pack(L, cols, mid) <= L->pages)
            hi = mid;
        else
            lo = mid + 1;
    }
    L->pages = pack(L, cols, hi);
    return place_box(ui, L);
}

/* One page if the text fits at least at least_px (shrinking the ui's scale,
 * which the caller restores), else pages at the full size. */
static void layout(gf_ui *ui, help_layout *L, int least_px)
{
    float full = ui->scale;
    while (gf_ui_text_px(ui, GF_TEXT_BODY) >= least_px) {
        if (try_one_page(ui, L, 1) || try_one_page(ui, L, 2) || try_one_page(ui, L, 3))
            return;
        ui->scale *= 0.9f;
    }
    ui->scale = full;
    /* The fewest pages; of as many, the fewest (widest) columns. */
    int best = 0, best_pages = 0;
    for (int cols = 1; cols <= 3; cols++)
        if (try_pages(ui, L, cols) && (best == 0 || L->pages < best_pages)) {
            best = cols;
            best_pages = L->pages;
        }
    try_pages(ui, L, best > 0 ? best : 1);   /* none fits: one column, the best there is */
}

bool gf_input_help(gf_app *app, int cmd, int arg)
{
    if (cmd != GF_CMD_HELP_PAGE || app->help_pages <= 1)
        return false;   /* one page: the key closes the help as any other */
    app->help_page = ((app->help_page + arg) % app->help_pages + app->help_pages) % app->help_pages;
    return true;
}

/* Below the lines: the page and how to turn it (when paged), then how to close. */
static void draw_footer(gf_app *app, const help_layout *L, int page)
{
    gf_ui *ui = &app->ui;
    int cx = L->box.x + L->box.w / 2, small = gf_ui_text_px(ui, GF_TEXT_SMALL);
    int y = L->box.y + L->box.h - L->pad - small;
    gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_SMALL, ui->style->text_dim, cx, y,
                 gf_i18n(&app->text, L->pages > 1 ? GF_STR_HELP_CLOSE_PAGED : GF_STR_HELP_CLOSE),
                 GF_ALIGN_CENTER);
    if (L->pages <= 1)
        return;
    char line[160];
    snprintf(line, sizeof line, gf_i18n(&app->text, GF_STR_HELP_PAGE), page + 1, L->pages);
    gf_draw_text(ui, GF_FACE_BOLD, GF_TEXT_BODY, ui->style->accent, cx, y - L->line_h, line,
                 GF_ALIGN_CENTER);
}

void gf_view_help(gf_app *app, gf_rect window)
{
    gf_ui *ui = &app->ui;
    float scale = ui->scale;
    help_layout L;
    memset(&L, 0, sizeof L);
    L.n = table_items(&app->text, L.items, HELP_MAX_ITEMS);
    /* Never smaller than the small text of this mode in the smallest window
     * (17 px in large-font mode; 1024×768 draws at that scale): readable
     * from the back of a class. A large window may shrink the help to it
     * (1920×1080 large: 20 px), a small one turns pages instead. */
    const float *sizes = ui->large_text ? ui->style->text_size_large : ui->style->text_size;
    layout(ui, &L, (int)lroundf(sizes[GF_TEXT_SMALL] * gf_app_frame_scale(app, 0, 0)));
    /* The page asked for, inside the count (the window may have grown). */
    int page = app->help_page < 0 ? 0 : app->help_page >= L.pages ? L.pages - 1 : app->help_page;
    app->help_page = page;
    app->help_pages = L.pages;
    gf_draw_fill(ui, window, ui->style->shade);
    gf_draw_fill(ui, L.box, app->ui.style->panel);
    gf_draw_outline(ui, L.box, app->ui.style->accent, gf_ui_px(ui, ui->style->outline));
    gf_ui_add_hit(ui, L.box, GF_HIT_HELP, L.cols);
    int x0 = L.box.x + L.pad, y0 = L.box.y + L.pad;
    gf_draw_text(ui, GF_FACE_BOLD, GF_TEXT_TITLE, app->ui.style->text, x0, y0,
                 gf_i18n(&app->text, GF_STR_HELP_TITLE), GF_ALIGN_LEFT);
    for (int c = 0; c < L.cols; c++) {
        int x = x0 + c * (L.key_w + L.gap + L.what_w + L.col_gap), y = y0 + L.title_h;
        int k = page * L.cols + c;
        for (int i = L.start[k]; i < L.start[k + 1]; i++) {
            gf_draw_text(ui, GF_FACE_MONO, GF_TEXT_BODY, app->ui.style->accent, x, y, L.items[i].key,
                         GF_ALIGN_LEFT);
            gf_draw_wrapped(ui, GF_FACE_SANS, GF_TEXT_BODY, app->ui.style->text,
                            (gf_rect){x + L.key_w + L.gap, y, L.what_w, L.items[i].h}, L.items[i].what);
            y += L.items[i].h;
        }
    }
    draw_footer(app, &L, page);
    ui->scale = scale;
}

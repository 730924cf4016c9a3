/* view_kvcache.c — the KV cache made visible (the C screen): this layer's
 * and head's K and V, one row per token. The last row is the one the newest
 * token computed; every row above it was read back from the cache, not
 * computed again. Beside them, what that one token cost with the cache and
 * what it would have cost without (kv_cost.h). */
#include "kv_cost.h"
#include "views.h"

#include <stdio.h>

/* "1 234 567" (thin groups of three digits). */
static void grouped(int64_t v, char *buf, size_t size)
{
    char digits[32];
    int n = snprintf(digits, sizeof digits, "%lld", (long long)v);
    size_t o = 0;
    for (int i = 0; i < n && o + 4 < size; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            buf[o++] = ' ';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
}

/* The room the marks take at the right of a map. */
static int marks_w(gf_app *app)
{
    gf_ui *ui = &app->ui;
    int w_new = 0, w_cached = 0, th = 0;
    gf_text_size(ui, GF_FACE_SANS, GF_TEXT_SMALL, gf_i18n(&app->text, GF_STR_KV_NEW), &w_new, &th);
    gf_text_size(ui, GF_FACE_SANS, GF_TEXT_SMALL, gf_i18n(&app->text, GF_STR_KV_CACHED), &w_cached, &th);
    return (w_new > w_cached ? w_new : w_cached) + gf_ui_px(ui, ui->style->label_gap);
}

/* A K or V map with the new row outlined, its rows' tokens at its left
 * when row_labels is set and, when marks is set, the cached rows marked at
 * its right. */
static void draw_map(gf_app *app, gf_rect r, const gf_view *v, const char *id, const char *title,
                     bool row_labels, bool marks)
{
    gf_ui *ui = &app->ui;
    const gf_style *st = ui->style;
    if (marks)
        r.w -= marks_w(app);
    gf_heat_spec s = gf_heat_from_view(v, id, title, GF_CMAP_DIVERGING);
    s.row_tokens = true;
    s.highlight_row = (int)v->shape[0] - 1;   /* the new row */
    s.legend = false;
    s.rows_unlabelled = !row_labels;
    gf_heatmap_draw(&app->w, r, &s);
    const gf_ui_heat_record *h = gf_ui_find_heat(ui, id);
    if (!marks || h == NULL || h->rows <= 0)
        return;
    float ch = (float)h->cells.h / (float)h->rows;
    int x = h->cells.x + h->cells.w + gf_ui_px(ui, st->label_gap);
    int last = (int)v->shape[0] - 1, text_h = gf_ui_text_px(ui, GF_TEXT_SMALL);
    if (ch >= (float)text_h) {  /* room for a mark on every row */
        for (int i = 0; i < h->rows; i++) {
            bool fresh = h->row0 + i == last;
            gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_SMALL, fresh ? st->accent : st->text_dim, x,
                         h->cells.y + (int)(((float)i + 0.5f) * ch),
                         gf_i18n(&app->text, fresh ? GF_STR_KV_NEW : GF_STR_KV_CACHED),
                         GF_ALIGN_MIDDLE);
        }
        return;
    }
    /* Too many rows for a mark each: the new row's, and one for the cached
     * rows above it, in their middle where it stays clear of the new one. */
    int i_new = last - h->row0;
    int y_new = h->cells.y + (int)(((float)i_new + 0.5f) * ch);
    if (i_new >= 0 && i_new < h->rows)
        gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_SMALL, st->accent, x, y_new,
                     gf_i18n(&app->text, GF_STR_KV_NEW), GF_ALIGN_MIDDLE);
    int n_cached = i_new < h->rows ? i_new : h->rows;
    int y_cached = h->cells.y + (int)((float)n_cached * ch / 2.0f);
    if (n_cached > 0 && y_new - y_cached >= text_h)
        gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_SMALL, st->text_dim, x, y_cached,
                     gf_i18n(&app->text, GF_STR_KV_CACHED), GF_ALIGN_MIDDLE);
}

void gf_view_kvcache(gf_app *app, gf_rect r)
{
    gf_ui *ui = &app->ui;
    const gf_style *st = ui->style;
    int head = app->st.head;
    gf_view k, v;
    if (!gf_view_slot(app, r, GF_STAGE_QKV, GF_SLOT_K, head, &k) ||
        !gf_view_slot(app, r, GF_STAGE_QKV, GF_SLOT_V, head, &v))
        return;
    char title[192];
    snprintf(title, sizeof title, gf_i18n(&app->text, GF_STR_KV_TITLE), app->st.layer, head);
    r = gf_view_title(&app->w, r, title);
    int64_t T = k.shape[0], with = 0, without = 0;
    gf_kv_cost(&app->s.model.config, T, &with, &without);
    char a[40], b[40], line[512];
    grouped(with, a, sizeof a);
    grouped(without, b, sizeof b);
    snprintf(line, sizeof line, gf_i18n(&app->text, GF_STR_KV_COST), (int)T - 1, (int)T - 1, a, b,
             with > 0 ? (double)without / (double)with : 0.0);
    int h = gf_draw_wrapped(ui, GF_FACE_SANS, GF_TEXT_BODY, st->text, r, line);
    h += gf_draw_wrapped(ui, GF_FACE_SANS, GF_TEXT_SMALL, st->text_dim,
                         (gf_rect){r.x, r.y + h, r.w, r.h - h}, gf_i18n(&app->text, GF_STR_KV_NOTE));
    h += gf_ui_px(ui, st->view_gap);
    r.y += h;
    r.h -= h;
    int gap = gf_ui_px(ui, st->panel_gap), mw = marks_w(app);
    gf_rect left = gf_rect_column(r, 0, 2, gap), right = gf_rect_column(r, 1, 2, gap);
    bool marks_each = left.w - mw >= left.w / 2;
    if (!marks_each) {
        /* A narrow view (large font, 1280×720 or 1024×768): the maps share
         * K's row labels at the left and one set of marks at the right of V
         * (the same tokens, at the same heights), so their cells keep the
         * width. */
        int label_w = gf_ui_px(ui, st->row_label_w), each = (r.w - mw - label_w - gap) / 2;
        left = (gf_rect){r.x, r.y, label_w + each, r.h};
        right = (gf_rect){left.x + left.w + gap, r.y, each + mw, r.h};
    }
    draw_map(app, left, &k, "cache.k", "K", true, marks_each);
    draw_map(app, right, &v, "cache.v", "V", marks_each, true);
}

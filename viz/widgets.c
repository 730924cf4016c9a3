/* widgets.c — heatmap, colour strip and bars, with hover tooltips. */
#include "widgets.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

gf_heat_spec gf_heat_from_view(const gf_view *v, const char *id, const char *title, gf_cmap cmap)
{
    gf_heat_spec s;
    memset(&s, 0, sizeof s);
    s.id = id;
    s.title = title;
    s.data = v->data;
    s.rows = v->ndim >= 1 ? (int)v->shape[0] : 0;
    s.cols = v->ndim >= 2 ? (int)v->shape[1] : 1;
    s.row_stride = v->stride[0];
    s.col_stride = v->ndim >= 2 ? v->stride[1] : 1;
    s.cmap = cmap;
    s.highlight_row = -1;
    s.tip_row = -1;
    s.head = v->head;
    s.legend = true;
    s.source = v->name;
    return s;
}

gf_heat_spec gf_heat_from_row(const float *row, int n, const char *id, const char *title,
                              gf_cmap cmap)
{
    gf_view v = {.name = id, .layer = -1, .head = -1, .ndim = 2, .shape = {1, n},
                 .stride = {n, 1}, .data = row};
    gf_heat_spec s = gf_heat_from_view(&v, id, title, cmap);
    s.legend = false;
    s.source = NULL;   /* not a trace entry */
    return s;
}

gf_heat_spec gf_token_rows_spec(const gf_widgets *w, const gf_view *v, const char *id,
                                const char *title, const char *tip_name)
{
    gf_heat_spec s = gf_heat_from_view(v, id, title, GF_CMAP_DIVERGING);
    s.row_tokens = true;
    s.highlight_row = w->highlight;
    s.tip_name = tip_name;
    return s;
}

void gf_draw_all_positions(const gf_widgets *w, gf_rect r, const gf_view *v, const char *id,
                           const char *what, const char *tip_name)
{
    char title[256];
    snprintf(title, sizeof title, "%s: %s", gf_i18n(w->text, GF_STR_ALL_POSITIONS), what);
    /* Only with room below its title for the colour legend's three values
     * (top, 0, bottom) and a few pixels a row: a map squeezed flatter than
     * that (a view short of height, a lesson's band below) has no readable
     * scale nor rows, so it is left out. */
    gf_ui *ui = w->ui;
    int tw = 0, th = 0;
    gf_text_size(ui, GF_FACE_BOLD, GF_TEXT_BODY, title, &tw, &th);
    int rows = v->ndim >= 1 ? (int)v->shape[0] : 0;
    int least = 3 * gf_ui_text_px(ui, GF_TEXT_SMALL);
    if (least < rows * gf_ui_px(ui, 3.0f))
        least = rows * gf_ui_px(ui, 3.0f);
    if (r.h < th + gf_ui_px(ui, ui->style->label_gap) + least)
        return;
    gf_heat_spec s = gf_token_rows_spec(w, v, id, title, tip_name);
    gf_heatmap_draw(w, r, &s);
}

static gf_heat_key key_of(const gf_widgets *w, const gf_heat_spec *s)
{
    gf_heat_key k = {s->data, s->rows, s->cols, s->row_stride, s->col_stride,
                     w->generation, s->cmap, s->mask, s->lo, s->hi, !s->fixed_range,
                     w->ui->style->panel, w->ui->style->mask};
    return k;
}

void gf_heat_shared_range(gf_heat_spec *specs, int n)
{
    float lo = INFINITY, hi = -INFINITY;
    for (int i = 0; i < n; i++) {
        gf_heat_key k = {.data = specs[i].data, .rows = specs[i].rows, .cols = specs[i].cols,
                         .row_stride = specs[i].row_stride, .col_stride = specs[i].col_stride,
                         .cmap = specs[i].cmap, .mask = specs[i].mask, .auto_range = true};
        float a, b;
        gf_heat_range(&k, &a, &b);
        lo = fminf(lo, a);
        hi = fmaxf(hi, b);
    }
    for (int i = 0; i < n; i++) {
        specs[i].fixed_range = true;
        specs[i].lo = lo;
        specs[i].hi = hi;
    }
}

void gf_subscript(int n, char *buf, size_t size)
{
    char digits[16];
    snprintf(digits, sizeof digits, "%d", n < 0 ? -n : n);
    size_t used = 0;
    buf[0] = '\0';
    for (const char *d = digits; *d; d++) {
        if (used + 4 > size)
            break;
        buf[used++] = (char)0xe2;          /* U+2080 + digit: E2 82 80+d */
        buf[used++] = (char)0x82;
        buf[used++] = (char)(0x80 + (*d - '0'));
        buf[used] = '\0';
    }
}

bool gf_wrap_place(gf_rect r, int w, int h, int gap, int *x, int *y)
{
    if (*x + w > r.x + r.w && *x > r.x) {
        *x = r.x;
        *y += h + gap;
    }
    return *y + h <= r.y + r.h;
}

gf_rect gf_rect_column(gf_rect r, int i, int n, int gap)
{
    int w = (r.w - gap * (n - 1)) / n;
    return (gf_rect){r.x + i * (w + gap), r.y, w, r.h};
}

gf_rect gf_rect_row(gf_rect r, int i, int n, int gap)
{
    int h = (r.h - gap * (n - 1)) / n;
    return (gf_rect){r.x, r.y + i * (h + gap), r.w, h};
}

gf_rect gf_view_title(const gf_widgets *w, gf_rect r, const char *title)
{
    if (title == NULL || title[0] == '\0')
        return r;
    /* One line, cut with "…" to the view's width (side-by-side views never
     * run into each other), and never shorter than the text. */
    char shown[512];
    gf_text_fit(w->ui, GF_FACE_BOLD, GF_TEXT_BODY, title, r.w, false, shown, sizeof shown);
    int tw = 0, th = 0;
    gf_text_size(w->ui, GF_FACE_BOLD, GF_TEXT_BODY, shown, &tw, &th);
    int h = gf_ui_px(w->ui, w->ui->style->view_title_h);
    if (h < th + gf_ui_px(w->ui, w->ui->style->label_gap))
        h = th + gf_ui_px(w->ui, w->ui->style->label_gap);
    gf_draw_text(w->ui, GF_FACE_BOLD, GF_TEXT_BODY, w->ui->style->text, r.x, r.y, shown,
                 GF_ALIGN_LEFT);
    return (gf_rect){r.x, r.y + h, r.w, r.h - h};
}

/* The label of token id, as the owner writes it (or the id). */
static void token_label(const gf_widgets *w, int32_t id, char *buf, size_t size)
{
    if (w->token_label != NULL)
        w->token_label(w->owner, id, buf, size);
    else
        snprintf(buf, size, "%d", (int)id);
}

static float cell_value(const gf_heat_spec *s, int r, int c)
{
    return s->data[(int64_t)r * s->row_stride + (int64_t)c * s->col_stride];
}

static void default_tip(const gf_heat_spec *s, int r, int c, float v, char *buf, size_t size)
{
    char val[32];
    gf_format_value(v, val, sizeof val);
    const char *name = s->tip_name != NULL ? s->tip_name : s->id;
    if (s->tip_row >= 0)
        snprintf(buf, size, "%s[%d,%d] = %s", name, s->tip_row, c, val);
    else if (s->rows == 1)
        snprintf(buf, size, "%s[%d] = %s", name, c, val);
    else
        snprintf(buf, size, "%s[%d,%d] = %s", name, r, c, val);
}

/* Labels fit on every how-many-th cell of this size (px). */
static int label_every(const gf_ui *ui, float cell)
{
    int text_h = gf_ui_text_px(ui, GF_TEXT_SMALL) + 2;
    return cell >= (float)text_h ? 1 : (int)ceilf((float)text_h / cell);
}

/* The label of axis position index: the token's text when every cell has a
 * label (with the index too when with_index), else just the index; the
 * colour is the token's. */
static gf_rgba axis_label(const gf_widgets *w, bool tokens, int index, int every, bool with_index,
                          char *buf, size_t size)
{
    bool tok = tokens && index < w->n_positions && w->position_label != NULL;
    if (tok && every == 1 && with_index)
        snprintf(buf, size, "%s %d", w->position_label(w->owner, index), index);
    else if (tok && every == 1)
        snprintf(buf, size, "%s", w->position_label(w->owner, index));
    else
        snprintf(buf, size, "%d", index);
    return tok ? gf_style_token(w->ui->style, index) : w->ui->style->text_dim;
}

/* Labels on the left: token labels coloured by position, or row numbers.
 * When labels are taller than the cells, every how-many-th row has one and
 * the last row always does (the newest token: a column of numbers that
 * stopped short of it read as if the map ended there); a number too close
 * above the last one gives way to it. */
/* Whether row r's label (from its row's top) ends above the last row's,
 * which ends at the map's bottom. */
static bool label_clears_last(gf_rect cells, float cell_h, int text_h, int r)
{
    return cells.y + (int)((float)r * cell_h) + text_h <= cells.y + cells.h - text_h;
}

/* Every k-th row gets a label, and the last row: k is the step from
 * `every` (labels that do not overlap) to twice that whose last gap, from
 * the last k-th label that clears the last row's to the last row, is
 * nearest k, so the labels read as even steps (0 7 14 21, not 0 4 8 12 21
 * where 16 and 20 gave way to 21). */
static int row_label_step(gf_rect cells, float cell_h, int text_h, int last, int every)
{
    int best = every;
    float best_off = -1.0f;
    for (int k = every; k <= 2 * every && k <= last; k++) {
        int before = (last - 1) / k * k;  /* the last multiple of k below the last row */
        while (before > 0 && !label_clears_last(cells, cell_h, text_h, before))
            before -= k;
        float off = fabsf((float)(last - before) / (float)k - 1.0f);
        if (best_off < 0.0f || off < best_off - 1e-6f) {
            best = k;
            best_off = off;
        }
    }
    return best;
}

static void draw_row_labels(const gf_widgets *w, const gf_heat_spec *s, gf_rect cells, int label_w,
                            float cell_h)
{
    gf_ui *ui = w->ui;
    int text_h = gf_ui_text_px(ui, GF_TEXT_SMALL) + 2, every = label_every(ui, cell_h);
    SDL_Rect clip = {cells.x - label_w, cells.y - text_h, label_w, cells.h + 2 * text_h};
    SDL_RenderSetClipRect(ui->renderer, &clip);
    /* Labels taller than their cells start at their row's top and stay
     * beside the map, not above or below it (where the title or the next
     * view is): the last one ends at the map's bottom. */
    int last = s->rows - 1, last_top = cells.y + cells.h - text_h;
    if (every > 1)
        every = row_label_step(cells, cell_h, text_h, last, every);
    for (int r = 0; r < s->rows; r = r < last && r + every > last ? last : r + every) {
        int y = cells.y + (int)((float)r * cell_h + cell_h / 2);
        if (every > 1) {
            int top = cells.y + (int)((float)r * cell_h);
            if (r != last && !label_clears_last(cells, cell_h, text_h, r))
                continue;
            y = (r == last ? last_top : top) + text_h / 2;
        }
        char buf[GF_WIDGET_LABEL_MAX + 16];
        gf_rgba c = axis_label(w, s->row_tokens, r + s->row0, every, true, buf, sizeof buf);
        gf_draw_text(ui, GF_FACE_MONO, GF_TEXT_SMALL, c, cells.x - gf_ui_px(ui, ui->style->label_gap), y, buf,
                     GF_ALIGN_RIGHT | GF_ALIGN_MIDDLE);
    }
    SDL_RenderSetClipRect(ui->renderer, NULL);
}

/* The widest column label as drawn upright (px). */
static float widest_col_label(const gf_widgets *w, const gf_heat_spec *s)
{
    int widest = 0, tw = 0, th = 0;
    for (int c = 0; c < s->cols; c++) {
        char buf[GF_WIDGET_LABEL_MAX + 16];
        axis_label(w, s->col_tokens, c + s->col0, 1, false, buf, sizeof buf);
        gf_text_size(w->ui, GF_FACE_MONO, GF_TEXT_SMALL, buf, &tw, &th);
        widest = tw > widest ? tw : widest;
    }
    return (float)widest;
}

/* Labels on top: token labels rotated when the columns are narrow. */
static void draw_col_labels(const gf_widgets *w, const gf_heat_spec *s, gf_rect cells, int label_h,
                            float cell_w, int lift)
{
    gf_ui *ui = w->ui;
    int every = label_every(ui, cell_w);
    for (int c = 0; c < s->cols; c += every) {
        int x = cells.x + (int)((float)c * cell_w + cell_w / 2);
        char buf[GF_WIDGET_LABEL_MAX + 16];
        gf_rgba col = axis_label(w, s->col_tokens, c + s->col0, every, false, buf, sizeof buf);
        const gf_text_entry *e =
            gf_text_cache_get(&ui->text, buf, GF_FACE_MONO, gf_ui_text_px(ui, GF_TEXT_SMALL), col);
        if (e == NULL || e->texture == NULL)
            continue;
        int room = label_h - lift, w = e->w < room ? e->w : room;
        if ((float)e->w <= cell_w) {
            SDL_Rect dst = {x - e->w / 2, cells.y - e->h - 2, e->w, e->h};
            SDL_RenderCopy(ui->renderer, e->texture, NULL, &dst);
            gf_ui_note_text(ui, (gf_rect){dst.x, dst.y, dst.w, dst.h}, false, buf);
        } else {
            /* Rotate −90° about the centre: the text reads bottom to top. */
            SDL_Rect src = {0, 0, w, e->h};
            SDL_Rect dst = {x - w / 2, cells.y - 4 - lift - w / 2 - e->h / 2, w, e->h};
            SDL_RenderCopyEx(ui->renderer, e->texture, &src, &dst, -90.0, NULL, SDL_FLIP_NONE);
            /* Turned about its centre: e->h wide, w high. */
            gf_ui_note_text(ui, (gf_rect){x - e->h / 2, dst.y + e->h / 2 - w / 2, e->h, w}, true, buf);
        }
    }
}

static void draw_group_bands(const gf_widgets *w, const gf_heat_spec *s, gf_rect cells, float cell_w)
{
    gf_ui *ui = w->ui;
    int band = gf_ui_px(ui, ui->style->band_thickness);
    for (int g = 0; g * s->col_group < s->cols; g++) {
        int x0 = cells.x + (int)((float)(g * s->col_group) * cell_w);
        int x1 = cells.x + (int)((float)((g + 1) * s->col_group) * cell_w);
        gf_draw_fill(ui, (gf_rect){x0, cells.y - band - 2, x1 - x0 - 1, band}, gf_style_head(w->ui->style, g));
        if (x1 - x0 > gf_ui_px(ui, ui->style->band_label_min_w)) {
            char buf[16];
            snprintf(buf, sizeof buf, "h%d", g);
            gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_SMALL, gf_style_head(w->ui->style, g), (x0 + x1) / 2,
                         cells.y - band - 4 - gf_ui_text_px(ui, GF_TEXT_SMALL), buf,
                         GF_ALIGN_CENTER);
        }
        if (g > 0)
            gf_draw_fill(ui, (gf_rect){x0 - 1, cells.y, 2, cells.h}, ui->style->background);
    }
}

static bool dark(gf_rgba c)
{
    return 0.299f * c.r + 0.587f * c.g + 0.114f * c.b < 140.0f;
}

static void draw_cell_text(const gf_widgets *w, const gf_heat_spec *s, gf_rect cells, float cw, float ch,
                           float lo, float hi)
{
    gf_ui *ui = w->ui;
    int tw = 0, th = 0;
    gf_text_size(ui, GF_FACE_MONO, GF_TEXT_SMALL, "-0.00", &tw, &th);
    if (cw < (float)tw + 4 || ch < (float)th || s->rows * s->cols > 400)
        return;
    for (int r = 0; r < s->rows; r++) {
        for (int c = 0; c < s->cols; c++) {
            int x = cells.x + (int)((float)c * cw + cw / 2);
            int y = cells.y + (int)((float)r * ch + ch / 2);
            bool masked = s->mask != GF_HEAT_MASK_NONE && c > r;
            if (masked && s->mask == GF_HEAT_MASK_BLANK)
                continue;
            char buf[32];
            float v = cell_value(s, r, c);
            gf_rgba bg = masked || !isfinite(v) ? ui->style->mask : gf_cmap_value(s->cmap, v, lo, hi);
            /* A masked cell shows its real value: −∞ in the scores, exactly 0
             * once softmax has turned them into weights. */
            if (!isfinite(v))
                snprintf(buf, sizeof buf, "%s", v < 0 ? "−∞" : "+∞");
            else if (masked && v == 0.0f)
                snprintf(buf, sizeof buf, "0");
            else
                snprintf(buf, sizeof buf, "%.2f", (double)v);
            gf_rgba fg = dark(bg) ? ui->style->text : ui->style->ink_on_light;
            gf_draw_text(ui, GF_FACE_MONO, GF_TEXT_SMALL, fg, x, y, buf,
                         GF_ALIGN_CENTER | GF_ALIGN_MIDDLE);
        }
    }
}

/* With heat_zoom > 1, show only the rows (and, for token × token maps, the
 * columns) in a window that ends a little after the highlighted row. */
static gf_heat_spec zoom_window(const gf_widgets *w, const gf_heat_spec *s)
{
    gf_heat_spec win = *s;
    int z = w->heat_zoom;
    if (z <= 1 || s->rows <= 8 || !s->row_tokens)
        return win;
    int n = (s->rows + z - 1) / z;
    n = n < 8 ? 8 : n;
    int focus = s->highlight_row >= 0 ? s->highlight_row : s->rows - 1;
    int r0 = focus - n + 1 + n / 4;
    r0 = r0 > s->rows - n ? s->rows - n : r0;
    r0 = r0 < 0 ? 0 : r0;
    win.rows = n;
    win.row0 = r0;
    win.data = s->data + (int64_t)r0 * s->row_stride;
    win.highlight_row = s->highlight_row - r0;
    if (s->col_tokens && s->cols == s->rows) {
        win.cols = n;
        win.col0 = r0;  /* same window: the diagonal stays the diagonal */
        win.data += (int64_t)r0 * s->col_stride;
    }
    return win;
}

int gf_heat_legend_width(gf_ui *ui)
{
    /* The bar, its gap, the widest range label in common use ("-16.414",
     * "-0.00529": gf_format_value) and the gap a map or a strip keeps
     * before the legend. */
    int tw = 0, th = 0;
    gf_text_size(ui, GF_FACE_MONO, GF_TEXT_SMALL, "-0.00000", &tw, &th);
    float gap = ui->style->legend_gap > ui->style->strip_gap ? ui->style->legend_gap : ui->style->strip_gap;
    int need = gf_ui_px(ui, ui->style->legend_bar_w) + gf_ui_px(ui, ui->style->legend_text_gap) + tw +
               gf_ui_px(ui, gap);
    int w = gf_ui_px(ui, ui->style->legend_w);
    return need > w ? need : w;
}

void gf_heatmap_draw(const gf_widgets *w, gf_rect r, const gf_heat_spec *full)
{
    gf_ui *ui = w->ui;
    if (full->data == NULL || full->rows <= 0 || full->cols <= 0)
        return;
    gf_heat_spec window = zoom_window(w, full);
    const gf_heat_spec *s = &window;
    /* Nothing at all in a rect too short for the title, the column labels
     * and a line of cells (a view squeezed by the bands above and below):
     * never a title or labels cut at the view's edge. */
    int title_h = 0, tw = 0;
    if (s->title != NULL && s->title[0] != '\0') {
        gf_text_size(ui, GF_FACE_BOLD, GF_TEXT_BODY, s->title, &tw, &title_h);
        title_h += gf_ui_px(ui, ui->style->label_gap);
    }
    if (r.h < title_h + (s->col_tokens ? gf_ui_px(ui, ui->style->col_label_h) : 0) +
                  gf_ui_text_px(ui, GF_TEXT_SMALL))
        return;
    r = gf_view_title(w, r, s->title);
    int label_w = s->rows_unlabelled ? 0
                  : s->row_tokens ? gf_ui_px(ui, ui->style->row_label_w)
                  : (s->rows > 1 ? gf_ui_px(ui, ui->style->row_number_w) : 0);
    int label_h = s->col_tokens ? gf_ui_px(ui, ui->style->col_label_h) : 0;
    if (s->col_group > 0)
        label_h += gf_ui_px(ui, ui->style->group_band_h);
    int legend_w = s->legend ? gf_heat_legend_width(ui) : 0;
    gf_rect area;
    float cw = 0.0f, ch = 0.0f;
    /* Column labels stand upright when they fit their cells: then they need
     * one line, not the room of rotated text (second pass). */
    for (int pass = 0; pass < 2; pass++) {
        area = (gf_rect){r.x + label_w, r.y + label_h, r.w - label_w - legend_w, r.h - label_h};
        if (area.w < 4 || area.h < 4)
            return;
        cw = (float)area.w / (float)s->cols;
        ch = (float)area.h / (float)s->rows;
        if (s->row_tokens && s->col_tokens)
            cw = ch = fminf(cw, ch);
        if (cw >= 1.0f)
            cw = floorf(cw);
        if (ch >= 1.0f)
            ch = floorf(ch);
        if (pass > 0 || !s->col_tokens || label_every(ui, cw) > 1 || widest_col_label(w, s) > cw)
            break;
        label_h += gf_ui_text_px(ui, GF_TEXT_SMALL) + gf_ui_px(ui, ui->style->line_gap) - gf_ui_px(ui, ui->style->col_label_h);
    }
    if (s->rows == 1 && ch > (float)gf_ui_px(ui, ui->style->strip_max_h))
        ch = (float)gf_ui_px(ui, ui->style->strip_max_h);
    gf_rect cells = {area.x, area.y, (int)lroundf(cw * (float)s->cols),
                     (int)lroundf(ch * (float)s->rows)};
    gf_heat_key key = key_of(w, s);
    const gf_heat_entry *e = gf_heat_cache_get(&ui->heat_cache, &key);
    if (e == NULL)
        return;
    SDL_Rect dst = {cells.x, cells.y, cells.w, cells.h};
    SDL_RenderCopy(ui->renderer, e->texture, NULL, &dst);
    gf_ui_heat_record *rec = gf_ui_add_heat(ui, s->id, cells, s->rows, s->cols, s->head);
    if (rec != NULL) {
        rec->row0 = s->row0;
        rec->col0 = s->col0;
        snprintf(rec->source, sizeof rec->source, "%s", s->source != NULL ? s->source : "");
        rec->source_row = s->rows == 1 ? s->tip_row : -1;
    }
    if (cw >= 14.0f && ch >= 14.0f) {
        for (int c = 1; c < s->cols; c++)
            gf_draw_fill(ui, (gf_rect){cells.x + (int)((float)c * cw), cells.y, 1, cells.h},
                         ui->style->background);
        for (int rr = 1; rr < s->rows; rr++)
            gf_draw_fill(ui, (gf_rect){cells.x, cells.y + (int)((float)rr * ch), cells.w, 1},
                         ui->style->background);
    }
    if (s->cell_text)
        draw_cell_text(w, s, cells, cw, ch, e->lo, e->hi);
    if (s->rows != full->rows) {
        char note[64];
        snprintf(note, sizeof note, "×%d: %d…%d", w->heat_zoom, s->row0, s->row0 + s->rows - 1);
        gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_SMALL, ui->style->accent, cells.x + cells.w,
                     cells.y + cells.h + gf_ui_px(ui, ui->style->label_gap), note, GF_ALIGN_RIGHT);
    }
    if (label_w > 0)
        draw_row_labels(w, s, cells, label_w, ch);
    if (s->col_tokens) {
        /* Turned column labels stand above the first row's label, which is
         * taller than its cell when the cells are small. */
        int tw = 0, th = 0, lift = 0;
        gf_text_size(ui, GF_FACE_MONO, GF_TEXT_SMALL, "0", &tw, &th);
        if (label_w > 0 && (float)th > ch)
            lift = (int)(((float)th - ch) / 2.0f) + 1;
        draw_col_labels(w, s, (gf_rect){cells.x, cells.y - (s->col_group > 0 ? gf_ui_px(ui, ui->style->group_band_h) : 0),
                                          cells.w, cells.h}, gf_ui_px(ui, ui->style->col_label_h - ui->style->label_gap), cw, lift);
    }
    if (s->col_group > 0)
        draw_group_bands(w, s, cells, cw);
    if (s->highlight_row >= 0 && s->highlight_row < s->rows && s->rows > 1) {
        int y = cells.y + (int)((float)s->highlight_row * ch);
        int t = gf_ui_px(ui, ui->style->outline);
        gf_draw_outline(ui, (gf_rect){cells.x - t, y - t, cells.w + 2 * t, (int)ceilf(ch) + 2 * t},
                        ui->style->accent, t);
    }
    /* A legend at least 120 units tall where the view has room for it. */
    int legend_h = gf_ui_px(ui, ui->style->legend_h) < r.y + r.h - cells.y ? gf_ui_px(ui, ui->style->legend_h) : r.y + r.h - cells.y;
    if (s->legend)
        gf_draw_legend(ui, (gf_rect){cells.x + cells.w + gf_ui_px(ui, ui->style->legend_gap), cells.y,
                                     legend_w, cells.h < legend_h ? legend_h : cells.h},
                       s->cmap, e->lo, e->hi, s->mask == GF_HEAT_MASK_CAUSAL,
                       s->mask_label != NULL ? s->mask_label : gf_i18n(w->text, GF_STR_LEGEND_MASK));
    if (gf_ui_hover(ui, cells)) {
        int c = (int)((float)(ui->mouse_x - cells.x) / cw);
        int rr = (int)((float)(ui->mouse_y - cells.y) / ch);
        if (c >= 0 && c < s->cols && rr >= 0 && rr < s->rows) {
            char buf[GF_UI_TOOLTIP_MAX];
            float v = cell_value(s, rr, c);
            if (s->tip != NULL)
                s->tip(w->owner, s->tip_ctx, rr + s->row0, c + s->col0, v, buf, sizeof buf);
            else
                default_tip(s, rr + s->row0, c + s->col0, v, buf, sizeof buf);
            gf_ui_set_tooltip(ui, buf);
            gf_rect cell = {cells.x + (int)((float)c * cw), cells.y + (int)((float)rr * ch),
                            (int)ceilf(cw), (int)ceilf(ch)};
            gf_draw_outline(ui, gf_rect_inset(cell, -1), ui->style->text, 2);
        }
    }
}

/* One bar row: label, bar from the zero line, value; hover tooltip. */
typedef struct {
    gf_rect r;
    int label_w, bar_w, zero_x;
    float lo, span, hi;
    bool mark_text;               /* room for "◀ next in the text"          */
} bars_layout;

void gf_bars_axis(const gf_bars_spec *s, int n, const gf_top_tokens *extra, float *lo, float *hi)
{
    *lo = 0.0f;
    *hi = s->probability ? 1.0f : 0.0f;
    for (int i = 0; i < n; i++) {
        *hi = fmaxf(*hi, s->values[i]);
        *lo = fminf(*lo, s->values[i]);
    }
    if (extra != NULL && !s->probability)
        *lo = fminf(*lo, extra->next_value);
    /* Probabilities never get an axis fitted to their largest bar: at a
     * high T a 2 % bar would be drawn longer than a 64 % one at a low T. */
    if (s->probability)
        *hi = s->axis_max > 0.0f ? s->axis_max : 1.0f;
}

static void draw_bar_row(const gf_widgets *w, const gf_bars_spec *s, const bars_layout *L, int y, int row_h,
                         int32_t id, float v, const char *prefix, bool marked)
{
    gf_ui *ui = w->ui;
    char label[GF_WIDGET_LABEL_MAX], shown[GF_WIDGET_LABEL_MAX + 32];
    token_label(w, id, label, sizeof label);
    snprintf(shown, sizeof shown, "%s%s", prefix, label);
    gf_rgba text = marked ? ui->style->accent : ui->style->text;
    gf_draw_text(ui, GF_FACE_MONO, GF_TEXT_BODY, text, L->r.x + L->label_w - gf_ui_px(ui, ui->style->bar_gap),
                 y + row_h / 2, shown, GF_ALIGN_RIGHT | GF_ALIGN_MIDDLE);
    int x1 = L->r.x + L->label_w + (int)((v - L->lo) / L->span * (float)L->bar_w);
    gf_rect bar = {L->zero_x < x1 ? L->zero_x : x1, y + row_h / 8, abs(x1 - L->zero_x) + 1, row_h * 3 / 4};
    gf_rgba colour = s->probability ? gf_cmap_sample(GF_CMAP_SEQUENTIAL, 0.35f + 0.65f * v / L->hi)
                                    : gf_cmap_value(GF_CMAP_DIVERGING, v, L->lo, L->hi);
    gf_draw_fill(ui, bar, colour);
    char val[32];
    if (s->probability)  /* under 0.1 %: two digits, a trailing 0 kept ("0.040%") */
        gf_format_probability(v, "%", val, sizeof val);
    else
        gf_format_value(v, val, sizeof val);
    int vx = L->r.x + L->label_w + L->bar_w + gf_ui_px(ui, ui->style->bar_value_gap);
    int vw = gf_draw_text(ui, GF_FACE_MONO, GF_TEXT_BODY, text, vx, y + row_h / 2, val, GF_ALIGN_MIDDLE);
    gf_rect row = {L->r.x, y, L->r.w, row_h};
    if (marked)
        gf_draw_outline(ui, row, ui->style->accent, gf_ui_px(ui, ui->style->outline));
    if (marked && L->mark_text) {
        gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_SMALL, ui->style->accent, vx + vw + gf_ui_px(ui, ui->style->bar_gap),
                     y + row_h / 2, gf_i18n(w->text, GF_STR_NEXT_MARK), GF_ALIGN_MIDDLE);
    }
    gf_ui_add_hit(ui, row, s->probability ? GF_HIT_BAR_PROB : GF_HIT_BAR_LOGIT, (int)id);
    if (ui->n_hits > 0 && ui->hits[ui->n_hits - 1].index == (int)id)
        ui->hits[ui->n_hits - 1].row = w->highlight;
    if (gf_ui_hover(ui, row)) {
        char exact[32], buf[GF_UI_TOOLTIP_MAX];
        snprintf(exact, sizeof exact, "%.6g", (double)v);
        snprintf(buf, sizeof buf, "%s(%s) = %s   id %d", s->tip_name, label, exact, (int)id);
        gf_ui_set_tooltip(ui, buf);
        if (!marked)
            gf_draw_outline(ui, row, ui->style->text_dim, 1);
    }
}

/* The rank prefix of the extra row ("#159  "). */
static void rank_prefix(const gf_top_tokens *next, char *buf, size_t size)
{
    snprintf(buf, size, "#%d  ", next->next_rank);
}

/* Column widths from the widest label and value actually shown. */
static void bars_columns(const gf_widgets *w, const gf_bars_spec *s, int n, const gf_top_tokens *extra,
                         bars_layout *L)
{
    gf_ui *ui = w->ui;
    int label_w = 0, tw = 0, h = 0;
    char label[GF_WIDGET_LABEL_MAX], shown[GF_WIDGET_LABEL_MAX + 32];
    for (int i = 0; i <= n; i++) {
        const gf_top_tokens *row = i == n ? extra : NULL;
        if (i == n && row == NULL)
            break;
        token_label(w, row != NULL ? row->next_id : s->ids[i], label, sizeof label);
        if (row != NULL)
            rank_prefix(row, shown, sizeof shown);
        else
            shown[0] = '\0';
        strncat(shown, label, sizeof shown - strlen(shown) - 1);
        gf_text_size(ui, GF_FACE_MONO, GF_TEXT_BODY, shown, &tw, &h);
        label_w = tw > label_w ? tw : label_w;
    }
    L->label_w = label_w + gf_ui_px(ui, ui->style->bar_pad);
    if (L->label_w > L->r.w * 2 / 5)
        L->label_w = L->r.w * 2 / 5;
    gf_text_size(ui, GF_FACE_MONO, GF_TEXT_BODY, s->probability ? "100.0%" : "-00.000", &tw, &h);
    int value_w = tw + gf_ui_px(ui, ui->style->bar_pad), mark_w = 0;
    gf_text_size(ui, GF_FACE_SANS, GF_TEXT_SMALL, gf_i18n(w->text, GF_STR_NEXT_MARK), &mark_w, &h);
    L->bar_w = L->r.w - L->label_w - value_w - mark_w - gf_ui_px(ui, ui->style->bar_gap);
    L->mark_text = s->next != NULL && L->bar_w >= L->r.w / 4;
    if (!L->mark_text)
        L->bar_w = L->r.w - L->label_w - value_w;
    if (L->bar_w < 1)
        L->bar_w = 1;
}

void gf_bars_draw(const gf_widgets *w, gf_rect r, const gf_bars_spec *s)
{
    gf_ui *ui = w->ui;
    r = gf_view_title(w, r, s->title);
    if (s->n <= 0)
        return;
    const gf_top_tokens *next = s->next != NULL && s->next->next_id >= 0 ? s->next : NULL;
    bool next_listed = false;
    for (int i = 0; next != NULL && i < s->n; i++)
        next_listed = next_listed || s->ids[i] == next->next_id;
    bool extra = next != NULL && !next_listed;
    /* As many rows as are readable: a row is at least one line of text. */
    int min_row = gf_ui_text_px(ui, GF_TEXT_BODY) * 6 / 5, extra_rows = extra ? 2 : 0;
    int n = r.h / min_row - extra_rows;
    n = n < s->n ? n : s->n;
    if (n < 1)
        return;
    int row_h = r.h / (n + extra_rows), max_row = gf_ui_px(ui, ui->style->bar_row_max_h);
    row_h = row_h > max_row ? max_row : row_h;
    bars_layout L = {r, 0, 0, 0, 0.0f, 1.0f, 0.0f, false};
    bars_columns(w, s, n, extra ? next : NULL, &L);
    float lo, hi;
    gf_bars_axis(s, n, extra ? next : NULL, &lo, &hi);
    L.lo = lo;
    L.hi = hi;
    L.span = hi - lo > 0.0f ? hi - lo : 1.0f;
    L.zero_x = r.x + L.label_w + (int)((0.0f - lo) / L.span * (float)L.bar_w);
    for (int i = 0; i < n; i++)
        draw_bar_row(w, s, &L, r.y + i * row_h, row_h, s->ids[i], s->values[i], "",
                     next != NULL && s->ids[i] == next->next_id);
    if (extra) {
        /* The actual next token is not among the largest: show it below, with its rank. */
        gf_draw_text(ui, GF_FACE_MONO, GF_TEXT_BODY, ui->style->text_dim, r.x + L.label_w - gf_ui_px(ui, ui->style->bar_gap),
                     r.y + n * row_h + row_h / 2, "…", GF_ALIGN_RIGHT | GF_ALIGN_MIDDLE);
        char prefix[32];
        rank_prefix(next, prefix, sizeof prefix);
        draw_bar_row(w, s, &L, r.y + (n + 1) * row_h, row_h, next->next_id, next->next_value,
                     prefix, true);
    }
    gf_draw_fill(ui, (gf_rect){L.zero_x, r.y, 1, row_h * (n + extra_rows)}, ui->style->text_dim);
}

int gf_draw_strips(const gf_widgets *w, gf_rect r, gf_heat_spec *specs, const char *const *labels, int n)
{
    gf_ui *ui = w->ui;
    gf_heat_shared_range(specs, n);
    int label_w = gf_ui_px(ui, ui->style->strip_label_w), legend_w = gf_heat_legend_width(ui);
    int strip_h = gf_ui_px(ui, ui->style->strip_h), gap = gf_ui_px(ui, ui->style->strip_gap);
    /* The label column widens for the longest label (up to 45 % of the
     * width), and the labels take the small size when even that is short:
     * a strip never covers its label. */
    int label_gap = 3 * gf_ui_px(ui, ui->style->label_gap), most_w = r.w * 9 / 20;
    gf_text_role role = GF_TEXT_BODY;
    for (;;) {
        int widest = 0;
        for (int i = 0; i < n; i++) {
            int tw = 0, th = 0;
            gf_text_size(ui, GF_FACE_SANS, role, labels[i], &tw, &th);
            widest = tw > widest ? tw : widest;
        }
        if (widest + label_gap > label_w)
            label_w = widest + label_gap < most_w ? widest + label_gap : most_w;
        if (widest + label_gap <= label_w || role == GF_TEXT_SMALL)
            break;
        role = GF_TEXT_SMALL;
    }
    for (int i = 0; i < n; i++) {
        int y = r.y + i * (strip_h + gap);
        /* A label longer than its column even small (a narrow window in
         * large-font mode) wraps, centred on its strip. */
        int label_text_w = label_w - label_gap;
        int tw = 0, th = 0;
        gf_text_size(ui, GF_FACE_SANS, role, labels[i], &tw, &th);
        if (tw > label_text_w) {
            int lines_h = gf_measure_wrapped(ui, GF_FACE_SANS, role, label_text_w, labels[i]);
            gf_draw_wrapped(ui, GF_FACE_SANS, role, ui->style->text,
                            (gf_rect){r.x, y + (strip_h - lines_h) / 2, label_text_w, lines_h},
                            labels[i]);
        } else {
            gf_draw_text(ui, GF_FACE_SANS, role, ui->style->text, r.x, y + strip_h / 2,
                         labels[i], GF_ALIGN_MIDDLE);
        }
        specs[i].legend = false;
        specs[i].title = NULL;
        gf_heatmap_draw(w, (gf_rect){r.x + label_w, y, r.w - label_w - legend_w, strip_h},
                        &specs[i]);
    }
    /* The legend needs room for its three labels (top, 0, bottom). */
    int h = n * (strip_h + gap) - gap, min_h = gf_ui_px(ui, ui->style->strips_min_h);
    h = h > min_h ? h : min_h;
    if (h > r.h && r.h >= n * (strip_h + gap) - gap)
        h = r.h;   /* the legend stays inside a short view */
    gf_draw_legend(ui, (gf_rect){r.x + r.w - legend_w + gf_ui_px(ui, ui->style->strip_gap), r.y, legend_w, h},
                   specs[0].cmap, specs[0].lo, specs[0].hi, false, "");
    return h + gap;
}

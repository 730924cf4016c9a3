/* view_params.c — the params screen: how many numbers a model is made of.
 *
 * Left, to scale: this model and GPT-2 small as squares whose areas are
 * proportional to their parameter counts, each cut into bands for the
 * embeddings, attention, feed-forward and norm parameters (band heights
 * proportional to those counts). GPT-3 does not fit that scale; the screen
 * says how many times wider its square would be. Right: the three totals on
 * a log scale, labelled as one (each grid line ×10). Below: this model's
 * matrices with their shapes. Counts come from core's parameter list
 * (params.h), the same one `glassformer-cli params` prints. */
#include "views.h"

#include "params.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

typedef enum { GROUP_EMBED = 0, GROUP_ATTN, GROUP_FFN, GROUP_NORM, GROUP_COUNT } param_group;

static const char *const GROUP_KEYS[GROUP_COUNT] = {"params.embed", "params.attn", "params.ffn",
                                                    "params.norm"};

typedef struct {
    const char *name;         /* shown under the square                      */
    int64_t total;
    int64_t group[GROUP_COUNT];
    bool ok;
} model_count;

static const char *ptext(const gf_app *app, const char *key)
{
    const char *s = gf_text_get(&app->text.file, key);
    return s != NULL ? s : key;
}

const char *gf_params_text_missing(const gf_texts *tx)
{
    static const char *const KEYS[] = {"params.title", "params.scale", "params.log", "params.gpt3",
                                       "params.embed", "params.attn", "params.ffn", "params.norm",
                                       "params.matrices", "params.per_layer"};
    for (size_t i = 0; i < sizeof KEYS / sizeof KEYS[0]; i++)
        if (gf_text_get(&tx->file, KEYS[i]) == NULL)
            return KEYS[i];
    return NULL;
}

/* Which part of the model a parameter tensor belongs to, by its GPT-2 name. */
static param_group group_of(const char *name)
{
    if (strstr(name, ".attn.") != NULL)
        return GROUP_ATTN;
    if (strstr(name, ".mlp.") != NULL)
        return GROUP_FFN;
    if (strstr(name, "ln_") != NULL)
        return GROUP_NORM;
    return GROUP_EMBED;
}

static model_count count_config(const gf_config *cfg, const char *name)
{
    model_count m = {.name = name};
    gf_param_list list;
    gf_error err;
    if (gf_params_build(cfg, &list, &err) != GF_OK)
        return m;
    for (int i = 0; i < list.count; i++)
        m.group[group_of(list.items[i].name)] += list.items[i].numel;
    m.total = list.total;
    m.ok = true;
    gf_params_free(&list);
    return m;
}

static model_count count_preset(const char *preset, const char *name)
{
    gf_config cfg;
    gf_error err;
    if (gf_preset_config(preset, &cfg, &err) != GF_OK)
        return (model_count){.name = name};
    return count_config(&cfg, name);
}

/* 1858304 → "1 858 304" (thin spaces). */
static void grouped(int64_t v, char *out, size_t size)
{
    char digits[32];
    snprintf(digits, sizeof digits, "%lld", (long long)v);
    size_t n = strlen(digits), g = 0;
    for (size_t i = 0; i < n && g + 4 < size; i++) {
        if (i > 0 && (n - i) % 3 == 0) {
            memcpy(out + g, "\u2009", 3);
            g += 3;
        }
        out[g++] = digits[i];
    }
    out[g] = '\0';
}

/* One model's square of side px at (x, y), cut into its groups. */
static void draw_square(gf_app *app, int x, int y, int side, const model_count *m)
{
    gf_ui *ui = &app->ui;
    const gf_style *st = ui->style;
    int top = y;
    int64_t done = 0;
    for (int g = 0; g < GROUP_COUNT; g++) {
        done += m->group[g];
        int bottom = y + (int)llround((double)side * (double)done / (double)m->total);
        gf_rect band = {x, top, side, bottom - top};
        if (band.h > 0)
            gf_draw_fill(ui, band, st->palette[(2 * g + 1) % GF_STYLE_PALETTE]);
        /* The band's name and count where they fit across the square, else
         * its name alone, else nothing (the legend tells the colour). */
        char count[48], line[160];
        grouped(m->group[g], count, sizeof count);
        snprintf(line, sizeof line, "%s %s", ptext(app, GROUP_KEYS[g]), count);
        int room = side - 8, w = 0, h = 0;
        gf_text_size(ui, GF_FACE_SANS, GF_TEXT_SMALL, line, &w, &h);
        if (w > room) {
            snprintf(line, sizeof line, "%s", ptext(app, GROUP_KEYS[g]));
            gf_text_size(ui, GF_FACE_SANS, GF_TEXT_SMALL, line, &w, &h);
        }
        if (w <= room && band.h >= h)
            gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_SMALL, st->ink_on_light, x + 4,
                         top + band.h / 2, line, GF_ALIGN_MIDDLE);
        top = bottom;
    }
    gf_draw_outline(ui, (gf_rect){x, y, side, side}, st->text, 1);
}

/* The groups' colours, as many on a line as fit in width (the first line
 * centred on y); returns the height used. draw false: only measures. */
static int draw_group_legend(gf_app *app, int x, int y, int width, bool draw)
{
    gf_ui *ui = &app->ui;
    int box = gf_ui_text_px(ui, GF_TEXT_SMALL), line_h = box * 3 / 2;
    int x0 = x, lines = 1;
    for (int g = 0; g < GROUP_COUNT; g++) {
        const char *name = ptext(app, GROUP_KEYS[g]);
        int w = 0, h = 0;
        gf_text_size(ui, GF_FACE_SANS, GF_TEXT_SMALL, name, &w, &h);
        if (x > x0 && x + box + 4 + w > x0 + width) {
            x = x0;
            y += line_h;
            lines++;
        }
        if (draw) {
            gf_draw_fill(ui, (gf_rect){x, y - box / 2, box, box},
                         ui->style->palette[(2 * g + 1) % GF_STYLE_PALETTE]);
            gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_SMALL, ui->style->text, x + box + 4, y, name,
                         GF_ALIGN_MIDDLE);
        }
        x += box + 4 + w + 2 * box;
    }
    return lines * line_h;
}

/* Totals on a log axis from 10^0 to 10^12. */
static void draw_log_bars(gf_app *app, gf_rect r, const model_count *m, int n)
{
    gf_ui *ui = &app->ui;
    const gf_style *st = ui->style;
    /* Title, then n rows of a name's height at least (body type, else
     * small), then the ticks' labels; where even small rows do not fit the
     * chart is left out (the squares and the list still tell the counts). */
    int title_h = gf_measure_wrapped(ui, GF_FACE_BOLD, GF_TEXT_BODY, r.w, ptext(app, "params.log"));
    int name_w = 0, body_h = 0, small_h = 0;
    gf_text_size(ui, GF_FACE_SANS, GF_TEXT_BODY, "GPT", &name_w, &body_h);
    gf_text_size(ui, GF_FACE_SANS, GF_TEXT_SMALL, "GPT", &name_w, &small_h);
    int tick_h = small_h + 4, top_gap = small_h / 2;
    int row_h = (r.h - title_h - top_gap - tick_h) / n;
    if (row_h > body_h * 2)
        row_h = body_h * 2;
    if (row_h < small_h)
        return;
    gf_text_role name_role = body_h <= row_h ? GF_TEXT_BODY : GF_TEXT_SMALL;
    gf_draw_wrapped(ui, GF_FACE_BOLD, GF_TEXT_BODY, st->text, r, ptext(app, "params.log"));
    r.y += title_h + top_gap;
    r.h -= title_h + top_gap;
    /* The names' column: a quarter of the width, or the longest name's (in
     * the small size where the body size is wider than a quarter): a bar
     * never covers its name. */
    int label_w = r.w / 4, widest = 0;
    for (int pass = 0; pass < 2; pass++) {
        widest = 0;
        for (int i = 0; i < n; i++) {
            int w = 0, h = 0;
            gf_text_size(ui, GF_FACE_SANS, name_role, m[i].name, &w, &h);
            widest = w > widest ? w : widest;
        }
        widest += 2 * gf_ui_px(ui, st->label_gap);
        if (widest <= label_w || name_role == GF_TEXT_SMALL)
            break;
        name_role = GF_TEXT_SMALL;
    }
    label_w = widest > label_w ? widest : label_w;
    int number_w = 0, number_h = 0;
    gf_text_size(ui, GF_FACE_MONO, GF_TEXT_SMALL, "999 999 999 999 ", &number_w, &number_h);
    gf_rect axis = {r.x + label_w, r.y, r.w - label_w - number_w, row_h * n};
    static const char *const TICKS[] = {"1", "10", "100", "1 000", "10⁴", "10⁵", "10⁶", "10⁷",
                                        "10⁸", "10⁹", "10¹⁰", "10¹¹", "10¹²"};
    int free_x = axis.x;   /* a tick's label only where the one before has ended */
    for (int k = 0; k <= 12; k++) {
        int x = axis.x + axis.w * k / 12;
        gf_draw_line(ui, x, axis.y, x, axis.y + axis.h, st->text_dim);
        if (k % 3 == 0 && x >= free_x)
            free_x = x + gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_SMALL, st->text_dim, x,
                                      axis.y + axis.h + 4, TICKS[k], GF_ALIGN_LEFT) +
                     gf_ui_px(ui, st->label_gap);
    }
    for (int i = 0; i < n; i++) {
        if (!m[i].ok || m[i].total < 1)
            continue;
        int y = axis.y + i * row_h, len = (int)((double)axis.w * log10((double)m[i].total) / 12.0);
        gf_draw_text(ui, GF_FACE_SANS, name_role, st->text, r.x, y + row_h / 2, m[i].name,
                     GF_ALIGN_MIDDLE);
        gf_draw_fill(ui, (gf_rect){axis.x, y + row_h / 4, len, row_h / 2}, st->accent);
        char count[48];
        grouped(m[i].total, count, sizeof count);
        gf_draw_text(ui, GF_FACE_MONO, GF_TEXT_SMALL, st->text, axis.x + len + 6, y + row_h / 2, count,
                     GF_ALIGN_MIDDLE);
    }
}

/* The matrices the list shows: the embeddings' and block 0's (one block
 * stands for all; vectors are in the bands). */
static bool listed(const gf_param *p)
{
    return p->layer <= 0 && p->ndim == 2;
}

/* The list's heights: its heading and one line. */
static void matrices_metrics(gf_ui *ui, int *head_h, int *line_h)
{
    *line_h = gf_ui_text_px(ui, GF_TEXT_SMALL) * 3 / 2;
    *head_h = gf_ui_text_px(ui, GF_TEXT_BODY) * 3 / 2;   /* the heading's line */
}

/* How many lines the list wants (two columns). */
static int matrices_rows(const gf_config *cfg)
{
    gf_param_list list;
    gf_error err;
    if (gf_params_build(cfg, &list, &err) != GF_OK)
        return 0;
    int n = 0;
    for (int i = 0; i < list.count; i++)
        n += listed(&list.items[i]);
    gf_params_free(&list);
    return (n + 1) / 2;
}

/* One matrix's line: "h.0.attn.c_attn.weight  128 × 384 = 49 152". */
static void matrix_line(const gf_param *p, char *line, size_t size)
{
    char count[48];
    grouped(p->numel, count, sizeof count);
    snprintf(line, size, "%s  %lld × %lld = %s", p->name, (long long)p->shape[0],
             (long long)p->shape[1], count);
}

/* This model's matrices: the embeddings and one block's, with shapes, in
 * two columns of as many lines as fit in r; when r is too short for them
 * all (large type, a lesson's band below), in as many more columns as the
 * longest line leaves room for (then the first ones when not all). */
static void draw_matrices(gf_app *app, gf_rect r)
{
    gf_ui *ui = &app->ui;
    gf_param_list list;
    gf_error err;
    if (gf_params_build(&app->s.model.config, &list, &err) != GF_OK)
        return;
    int head_h = 0, line_h = 0;
    matrices_metrics(ui, &head_h, &line_h);
    char line[192];
    snprintf(line, sizeof line, ptext(app, "params.matrices"), app->model_name);
    int title_w = gf_draw_text(ui, GF_FACE_BOLD, GF_TEXT_BODY, ui->style->text, r.x, r.y, line,
                               GF_ALIGN_LEFT);
    int n_listed = 0, widest = 0;
    for (int i = 0; i < list.count; i++) {
        if (!listed(&list.items[i]))
            continue;
        n_listed++;
        int w = 0, h = 0;
        matrix_line(&list.items[i], line, sizeof line);
        gf_text_size(ui, GF_FACE_MONO, GF_TEXT_SMALL, line, &w, &h);
        widest = w > widest ? w : widest;
    }
    int fit = (r.h - head_h) / line_h;
    int n_cols = 2;
    if (fit > 0 && fit * n_cols < n_listed) {
        int most = r.w / (widest + gf_ui_px(ui, 16));
        int need = (n_listed + fit - 1) / fit;
        n_cols = need < most ? need : most;
        if (n_cols < 2)
            n_cols = 2;
    }
    int col_w = r.w / n_cols;
    int rows = fit, want = (n_listed + n_cols - 1) / n_cols;
    rows = rows < want ? rows : want;   /* filled column by column */
    int row = 0;
    for (int i = 0; i < list.count && rows > 0 && row < rows * n_cols; i++) {
        const gf_param *p = &list.items[i];
        if (!listed(p))
            continue;
        matrix_line(p, line, sizeof line);
        int x = r.x + (row / rows) * col_w, y = r.y + head_h + (row % rows) * line_h;
        gf_draw_text(ui, GF_FACE_MONO, GF_TEXT_SMALL, ui->style->text, x, y, line, GF_ALIGN_LEFT);
        row++;
    }
    /* "Each block has the same", right, where the heading leaves room. */
    snprintf(line, sizeof line, ptext(app, "params.per_layer"), app->s.model.config.n_layer);
    int w = 0, h = 0;
    gf_text_size(ui, GF_FACE_SANS, GF_TEXT_SMALL, line, &w, &h);
    if (title_w + gf_ui_px(ui, 16) + w <= r.w)
        gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_SMALL, ui->style->text_dim, r.x + r.w, r.y, line,
                     GF_ALIGN_RIGHT);
    gf_params_free(&list);
}

/* The to-scale squares of ours and GPT-2 in left below its heading and
 * legend: as large as the room allows, each with its count below; then, if
 * there is room for it, the sentence on GPT-3's square. */
static void draw_to_scale(gf_app *app, gf_rect left, const model_count *m)
{
    gf_ui *ui = &app->ui;
    const gf_style *st = ui->style;
    int gap = gf_ui_px(ui, st->margin) * 2;
    int text_h = gf_ui_text_px(ui, GF_TEXT_BODY) * 2;
    /* The heading wraps inside the left column (large fonts, narrow windows). */
    int heading_h = gf_draw_wrapped(ui, GF_FACE_BOLD, GF_TEXT_BODY, st->text, left,
                                    ptext(app, "params.scale"));
    int legend_y = left.y + heading_h + text_h / 4;
    int legend_h = draw_group_legend(app, left.x, legend_y, left.w, false);
    int area_top = legend_y + legend_h + text_h / 4;
    if (legend_y + legend_h > left.y + left.h)
        return;  /* too short for the legend: the squares do not fit either */
    draw_group_legend(app, left.x, legend_y, left.w, true);
    char gpt3[256] = "";
    if (m[1].ok && m[2].ok)
        snprintf(gpt3, sizeof gpt3, ptext(app, "params.gpt3"),
                 sqrt((double)m[2].total / (double)m[1].total));
    int gpt3_h = gpt3[0] != '\0' ? gf_measure_wrapped(ui, GF_FACE_SANS, GF_TEXT_BODY, left.w, gpt3)
                                  : 0;
    int caption_h = text_h;   /* the counts under the squares */
    int bottom = left.y + left.h;
    /* The sentence only while the squares keep a readable size. */
    int min_side = gf_ui_text_px(ui, GF_TEXT_SMALL) * 3;
    if (bottom - area_top - caption_h - gpt3_h < min_side)
        gpt3_h = 0;
    int area_h = bottom - area_top - caption_h - gpt3_h;
    int64_t biggest = m[0].total > m[1].total ? m[0].total : m[1].total;
    int big_side = area_h < left.w / 2 - gap ? area_h : left.w / 2 - gap;
    if (big_side < 4 || biggest <= 0)
        return;
    int x = left.x;
    for (int i = 0; i < 2; i++) {
        if (!m[i].ok)
            continue;
        int side = (int)llround(big_side * sqrt((double)m[i].total / (double)biggest));
        if (side < 2)
            side = 2;
        draw_square(app, x, area_top + big_side - side, side, &m[i]);
        char count[48], line[160];
        grouped(m[i].total, count, sizeof count);
        snprintf(line, sizeof line, "%s: %s", m[i].name, count);
        /* The caption stays in the column (a narrow window: smaller). */
        gf_text_role role = GF_TEXT_BODY;
        int w = 0, h = 0;
        gf_text_size(ui, GF_FACE_SANS, role, line, &w, &h);
        if (x + w > left.x + left.w)
            role = GF_TEXT_SMALL;
        w = gf_draw_text(ui, GF_FACE_SANS, role, st->text, x, area_top + big_side + caption_h / 2,
                         line, GF_ALIGN_MIDDLE);
        x += (side > w ? side : w) + gap;
    }
    if (gpt3_h > 0)
        gf_draw_wrapped(ui, GF_FACE_SANS, GF_TEXT_BODY, st->text_dim,
                        (gf_rect){left.x, area_top + big_side + caption_h, left.w, gpt3_h}, gpt3);
}

void gf_view_params(gf_app *app, gf_rect r)
{
    gf_ui *ui = &app->ui;
    const gf_style *st = ui->style;
    r = gf_view_title(&app->w, r, ptext(app, "params.title"));
    model_count m[3] = {count_config(&app->s.model.config, app->model_name),
                        count_preset("gpt2", "GPT-2 124M"), count_preset("gpt3", "GPT-3 175B")};
    int gap = gf_ui_px(ui, st->margin) * 2;
    /* The matrix list takes what it needs up to 30 % of the height, and at
     * least its heading and one line; the charts take the rest. */
    int head_h = 0, line_h = 0;
    matrices_metrics(ui, &head_h, &line_h);
    int list_h = head_h + line_h * matrices_rows(&app->s.model.config);
    if (list_h > r.h * 30 / 100)
        list_h = r.h * 30 / 100 > head_h + line_h ? r.h * 30 / 100 : head_h + line_h;
    int top_h = r.h - list_h - gap / 2;
    gf_rect left = {r.x, r.y, r.w * 55 / 100, top_h};
    gf_rect right = {left.x + left.w + gap, r.y, r.w - left.w - gap, top_h};
    gf_rect bottom = {r.x, r.y + top_h + gap / 2, r.w, list_h};
    draw_to_scale(app, left, m);
    draw_log_bars(app, right, m, 3);
    draw_matrices(app, bottom);
}

/* view_overview.c — every head of the current layer as a small attention
 * heatmap; clicking one opens it on the softmax stage.
 *
 * Every head's map has the same rows (the tokens), so each row of the grid
 * labels them once, left of its first map: the other maps take the whole
 * width of their column (with labels each, four maps side by side in a
 * large font were mostly labels, their cells slivers). */
#include "views.h"

#include <math.h>
#include <stdio.h>

/* The grid of heads: columns, rows, and each map's size (title included). */
typedef struct {
    int cols, rows;
    int map_w, map_h;
} heads_grid;

/* The grid whose maps come out largest in r (their smaller side, the one
 * that bounds square cells), with label_w of labels per grid row and
 * title_h above each map. */
static heads_grid pick_grid(gf_rect r, int n_heads, int gap, int label_w, int title_h)
{
    heads_grid best = {1, n_heads, 0, 0};
    int best_side = -1;
    for (int c = 1; c <= n_heads; c++) {
        int rr = (n_heads + c - 1) / c;
        heads_grid g = {c, rr, (r.w - label_w - gap * (c - 1)) / c, (r.h - gap * (rr - 1)) / rr};
        int side = g.map_w < g.map_h - title_h ? g.map_w : g.map_h - title_h;
        if (side > best_side) {
            best_side = side;
            best = g;
        }
    }
    return best;
}

void gf_view_overview(gf_app *app, gf_rect r)
{
    int H = app->s.trace.config.n_head, l = app->st.layer;
    char title[128];
    snprintf(title, sizeof title, gf_i18n(&app->text, GF_STR_OVERVIEW_TITLE), l);
    r = gf_view_title(&app->w, r, title);
    const gf_style *st = app->ui.style;
    int gap = gf_ui_px(&app->ui, st->overview_gap), legend_w = gf_ui_px(&app->ui, st->overview_legend_w);
    int legend_min_h = gf_ui_px(&app->ui, st->overview_legend_min_h);
    /* One legend for all heads: they share the range [0, 1]. It is as wide
     * as its "masked: −∞" line (which was cut at the view's edge). */
    const char *mask_label = gf_i18n(&app->text, GF_STR_LEGEND_MASK_ZERO);  /* weights: 0 */
    int label_w = 0, label_h = 0;
    gf_text_size(&app->ui, GF_FACE_SANS, GF_TEXT_SMALL, mask_label, &label_w, &label_h);
    legend_w = label_w + 2 * gap > legend_w ? label_w + 2 * gap : legend_w;
    gf_draw_legend(&app->ui, (gf_rect){r.x + r.w - legend_w + gap, r.y, legend_w - gap,
                                       r.h / 2 > legend_min_h ? r.h / 2 : legend_min_h},
                   GF_CMAP_SEQUENTIAL, 0.0f, 1.0f, true, mask_label);
    r.w -= legend_w;
    int row_label_w = gf_ui_px(&app->ui, st->row_label_w), title_w = 0, title_h = 0;
    gf_text_size(&app->ui, GF_FACE_BOLD, GF_TEXT_BODY, "Hg", &title_w, &title_h);
    title_h += gf_ui_px(&app->ui, st->label_gap);
    const heads_grid g = pick_grid(r, H, gap, row_label_w, title_h);
    for (int h = 0; h < H; h++) {
        int col = h % g.cols, row = h / g.cols;
        /* The first map of a grid row is wider by the rows' labels. */
        gf_rect cell = {r.x + (col > 0 ? row_label_w + col * (g.map_w + gap) : 0),
                        r.y + row * (g.map_h + gap), g.map_w + (col > 0 ? 0 : row_label_w), g.map_h};
        gf_view v;
        if (!gf_stage_slot_view(&app->s.trace, GF_STAGE_SOFTMAX, GF_SLOT_OUT, l, h, &v))
            continue;
        char id[32], name[32];
        snprintf(id, sizeof id, "overview.%d", h);
        snprintf(name, sizeof name, "%s %d", gf_i18n(&app->text, GF_STR_STATUS_HEAD), h);
        gf_heat_spec s = gf_heat_from_view(&v, id, name, GF_CMAP_SEQUENTIAL);
        s.mask = GF_HEAT_MASK_CAUSAL;
        s.row_tokens = true;      /* which token each row is (numbers when cramped) */
        s.rows_unlabelled = col > 0;
        s.fixed_range = true;
        s.lo = 0.0f;
        s.hi = 1.0f;
        s.legend = false;
        s.tip_name = "A";
        gf_heatmap_draw(&app->w, cell, &s);
        gf_ui_add_hit(&app->ui, cell, GF_HIT_HEAD, h);
        if (h == app->st.head)
            gf_draw_outline(&app->ui, gf_rect_inset(cell, -gf_ui_px(&app->ui, st->overview_ring)), app->ui.style->accent,
                            gf_ui_px(&app->ui, app->ui.style->outline));
    }
}

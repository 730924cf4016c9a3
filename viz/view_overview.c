/* view_overview.c — every head of the current layer as a small attention
 * heatmap; clicking one opens it on the softmax stage. */
#include "views.h"

#include <math.h>
#include <stdio.h>

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
    /* The grid whose square cells come out largest. */
    int cols = 1;
    float best = 0.0f;
    for (int c = 1; c <= H; c++) {
        int rr = (H + c - 1) / c;
        float side = fminf((float)(r.w - gap * (c - 1)) / (float)c, (float)(r.h - gap * (rr - 1)) / (float)rr);
        if (side > best) {
            best = side;
            cols = c;
        }
    }
    int rows = (H + cols - 1) / cols;
    int cw = (r.w - gap * (cols - 1)) / cols, ch = (r.h - gap * (rows - 1)) / rows;
    for (int h = 0; h < H; h++) {
        gf_rect cell = {r.x + (h % cols) * (cw + gap), r.y + (h / cols) * (ch + gap), cw, ch};
        gf_view v;
        if (!gf_stage_slot_view(&app->s.trace, GF_STAGE_SOFTMAX, GF_SLOT_OUT, l, h, &v))
            continue;
        char id[32], name[32];
        snprintf(id, sizeof id, "overview.%d", h);
        snprintf(name, sizeof name, "%s %d", gf_i18n(&app->text, GF_STR_STATUS_HEAD), h);
        gf_heat_spec s = gf_heat_from_view(&v, id, name, GF_CMAP_SEQUENTIAL);
        s.mask = GF_HEAT_MASK_CAUSAL;
        s.row_tokens = true;      /* which token each row is (numbers when cramped) */
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

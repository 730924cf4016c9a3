/* view_heads.c — attention output: A·V for one head, all heads side by side
 * (blocks coloured by head), and the output projection. */
#include "views.h"

#include <stdio.h>

static void weighted(gf_app *app, gf_rect r)
{
    int h = app->st.head, gap = gf_ui_px(&app->ui, app->ui.style->panel_gap);
    gf_view a, v, o;
    if (!gf_view_slot(app, r, GF_STAGE_WEIGHTED, GF_SLOT_WEIGHTS, h, &a) ||
        !gf_view_slot(app, r, GF_STAGE_WEIGHTED, GF_SLOT_V, h, &v) ||
        !gf_view_slot(app, r, GF_STAGE_WEIGHTED, GF_SLOT_OUT, h, &o))
        return;
    /* A is square: give it the space its columns need, V and A·V share the rest. */
    gf_rect ra = {r.x, r.y, r.w * 2 / 5, r.h};
    gf_rect rest = {r.x + ra.w + gap, r.y, r.w - ra.w - gap, r.h};
    gf_heat_spec sa = gf_heat_from_view(&a, "weighted.A", gf_i18n(&app->text, GF_STR_WEIGHTS),
                                        GF_CMAP_SEQUENTIAL);
    sa.row_tokens = sa.col_tokens = true;
    sa.mask = GF_HEAT_MASK_CAUSAL;
    sa.mask_label = gf_i18n(&app->text, GF_STR_LEGEND_MASK_ZERO);  /* weights: exp(−∞) = 0 */
    sa.fixed_range = true;
    sa.lo = 0.0f;
    sa.hi = 1.0f;
    sa.highlight_row = app->st.position;
    sa.tip_name = "A";
    gf_heatmap_draw(&app->w, ra, &sa);
    gf_heat_spec specs[2] = {
        gf_heat_from_view(&v, "weighted.V", gf_i18n(&app->text, GF_STR_VALUE), GF_CMAP_DIVERGING),
        gf_heat_from_view(&o, "weighted.out", gf_i18n(&app->text, GF_STR_WEIGHTED_OUT),
                          GF_CMAP_DIVERGING)};
    gf_heat_shared_range(specs, 2);
    specs[0].tip_name = "V";
    specs[1].tip_name = "(A·V)";
    for (int i = 0; i < 2; i++) {
        specs[i].highlight_row = app->st.position;
        specs[i].legend = i == 1;
        gf_heatmap_draw(&app->w, gf_rect_column(rest, i, 2, gap), &specs[i]);
    }
}

void gf_view_heads(gf_app *app, gf_rect r)
{
    gf_stage_id id = gf_stepper_stage(&app->st);
    if (id == GF_STAGE_WEIGHTED) {
        weighted(app, r);
        return;
    }
    const gf_trace *tr = &app->s.trace;
    int gap = gf_ui_px(&app->ui, app->ui.style->stack_gap);
    /* The concatenated heads: the concat stage's result, the projection's input. */
    gf_view heads, proj;
    gf_slot heads_slot = id == GF_STAGE_CONCAT ? GF_SLOT_OUT : GF_SLOT_IN;
    if (!gf_view_slot(app, r, id, heads_slot, -1, &heads) ||
        (id != GF_STAGE_CONCAT && !gf_view_slot(app, r, id, GF_SLOT_OUT, -1, &proj)))
        return;
    char title[128];
    snprintf(title, sizeof title, "%s  (T×%d = %d×%d)", gf_i18n(&app->text, GF_STR_HEADS_CONCAT),
             (int)heads.shape[1], tr->config.n_head, gf_config_head_size(&tr->config));
    gf_heat_spec hs = gf_token_rows_spec(&app->w, &heads, "concat", title, "heads");
    hs.col_group = gf_config_head_size(&tr->config);
    if (id == GF_STAGE_CONCAT) {
        gf_heatmap_draw(&app->w, r, &hs);
        return;
    }
    gf_heat_spec ps = gf_token_rows_spec(&app->w, &proj, "proj", gf_i18n(&app->text, GF_STR_ATTN_PROJ),
                                         gf_stage_slot_key(&tr->config, id, GF_SLOT_OUT));
    gf_heatmap_draw(&app->w, gf_rect_row(r, 0, 2, gap), &hs);
    gf_heatmap_draw(&app->w, gf_rect_row(r, 1, 2, gap), &ps);
}

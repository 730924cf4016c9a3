/* view_qkv.c — queries, keys and values of the current head, (T, hs) each. */
#include "views.h"

#include <stdio.h>

/* ctx is the letter: "q", "k" or "v"; tooltip "q₄[2] = 0.153 (head 1)". */
static void qkv_tip(const void *owner, const void *ctx, int row, int col, float v, char *buf,
                    size_t size)
{
    const gf_app *app = owner;
    char sub[32], val[32];
    gf_subscript(row, sub, sizeof sub);
    gf_format_value(v, val, sizeof val);
    snprintf(buf, size, "%s%s[%d] = %s   (%s %d)", (const char *)ctx, sub, col, val,
             gf_i18n(&app->text, GF_STR_STATUS_HEAD), app->st.head);
}

void gf_view_qkv(gf_app *app, gf_rect r)
{
    static const gf_slot slots[3] = {GF_SLOT_Q, GF_SLOT_K, GF_SLOT_V};
    static const char *const letters[3] = {"q", "k", "v"};
    static const char *const ids[3] = {"q", "k", "v"};
    static const gf_str titles[3] = {GF_STR_QUERY, GF_STR_KEY, GF_STR_VALUE};
    /* Three panels of one width (the last one also holds the legend), each
     * with the token labels and one shared colour range, so the same
     * (T × hs) shape looks the same and the one legend is true for all. */
    int gap = gf_ui_px(&app->ui, app->ui.style->panel_gap), legend_w = gf_heat_legend_width(&app->ui);
    int w = (r.w - 2 * gap - legend_w) / 3;
    gf_view v[3];
    gf_heat_spec specs[3];
    char title[3][96];
    for (int i = 0; i < 3; i++) {
        if (!gf_view_slot(app, r, GF_STAGE_QKV, slots[i], app->st.head, &v[i]))
            return;
        snprintf(title[i], sizeof title[i], "%s  (T×%d)", gf_i18n(&app->text, titles[i]),
                 (int)v[i].shape[1]);
        specs[i] = gf_heat_from_view(&v[i], ids[i], title[i], GF_CMAP_DIVERGING);
        specs[i].row_tokens = true;
        specs[i].highlight_row = app->st.position;
        specs[i].tip = qkv_tip;
        specs[i].tip_ctx = letters[i];
        specs[i].legend = i == 2;
    }
    gf_heat_shared_range(specs, 3);
    for (int i = 0; i < 3; i++) {
        gf_rect col = {r.x + i * (w + gap), r.y, w + (i == 2 ? legend_w : 0), r.h};
        gf_heatmap_draw(&app->w, col, &specs[i]);
    }
}

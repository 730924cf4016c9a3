/* view_qkv.c — queries, keys and values of the current head, (T, hs) each. */
#include "views.h"

#include <stdio.h>

/* ctx is the letter: "q", "k" or "v"; tooltip "q₄[2] = 0.153 (head 1)". */
static void qkv_tip(const gf_app *app, const void *ctx, int row, int col, float v, char *buf,
                    size_t size)
{
    char sub[32], val[32];
    gf_subscript(row, sub, sizeof sub);
    gf_format_value(v, val, sizeof val);
    snprintf(buf, size, "%s%s[%d] = %s   (%s %d)", (const char *)ctx, sub, col, val,
             gf_i18n(app->lang, GF_STR_STATUS_HEAD), app->st.head);
}

void gf_view_qkv(gf_app *app, gf_rect r)
{
    static const char *const keys[3] = {"attn.q", "attn.k", "attn.v"};
    static const char *const letters[3] = {"q", "k", "v"};
    static const char *const ids[3] = {"q", "k", "v"};
    static const gf_str titles[3] = {GF_STR_QUERY, GF_STR_KEY, GF_STR_VALUE};
    /* Three panels of one width (the last one also holds the legend), each
     * with the token labels, so the same (T × hs) shape looks the same. */
    int gap = gf_ui_px(&app->ui, 16), legend_w = gf_heat_legend_width(&app->ui);
    int w = (r.w - 2 * gap - legend_w) / 3;
    for (int i = 0; i < 3; i++) {
        gf_view v;
        gf_rect col = {r.x + i * (w + gap), r.y, w + (i == 2 ? legend_w : 0), r.h};
        if (!gf_trace_get(&app->s.trace, keys[i], app->st.layer, app->st.head, &v)) {
            gf_view_missing(app, col, keys[i]);
            continue;
        }
        char title[96];
        snprintf(title, sizeof title, "%s  (T×%d)", gf_i18n(app->lang, titles[i]), (int)v.shape[1]);
        gf_heat_spec s = gf_heat_from_view(&v, ids[i], title, GF_CMAP_DIVERGING);
        s.row_tokens = true;
        s.highlight_row = app->st.position;
        s.tip = qkv_tip;
        s.tip_ctx = letters[i];
        s.legend = i == 2;
        gf_heatmap_draw(app, col, &s);
    }
}

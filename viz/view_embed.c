/* view_embed.c — token embedding + position embedding = x₀, as colour
 * strips for the current position and a heatmap of x₀ for all positions. */
#include "views.h"

#include <stdio.h>

typedef struct {
    const gf_view *tok, *pos;         /* pos NULL: not in the trace */
    bool sinusoidal;                  /* the position term is PE(t), not wpe[t] */
} embed_ctx;

/* "tok_emb[4,7] = wte[262,7] = 0.031" */
static void tok_tip(const void *owner, const void *ctx, int row, int col, float v, char *buf,
                    size_t size)
{
    const gf_app *app = owner;
    (void)ctx;
    (void)row;
    char val[32];
    int t = app->st.position;
    gf_format_value(v, val, sizeof val);
    snprintf(buf, size, "tok_emb[%d,%d] = wte[%d,%d] = %s", t, col, (int)app->s.tokens[t], col, val);
}

/* "x0[4,7] = tok_emb + pos_emb = 0.031 + -0.002 = 0.029" (PE(4) for the
 * sinusoid) */
static void sum_tip(const void *owner, const void *ctx, int row, int col, float v, char *buf,
                    size_t size)
{
    const gf_app *app = owner;
    (void)row;
    const embed_ctx *e = ctx;
    int t = app->st.position;
    char a[32], b[32], val[32];
    gf_format_value(gf_view_at2(e->tok, t, col), a, sizeof a);
    gf_format_value(v, val, sizeof val);
    if (e->pos == NULL) {
        snprintf(buf, size, "x0[%d,%d] = tok_emb + PE(%d) = %s", t, col, t, val);
        return;
    }
    gf_format_value(gf_view_at2(e->pos, t, col), b, sizeof b);
    if (e->sinusoidal)
        snprintf(buf, size, "x0[%d,%d] = tok_emb + PE(%d) = %s + %s = %s", t, col, t, a, b, val);
    else
        snprintf(buf, size, "x0[%d,%d] = tok_emb + pos_emb = %s + %s = %s", t, col, a, b, val);
}

void gf_view_embed(gf_app *app, gf_rect r)
{
    gf_view tok, pos, x0;
    if (!gf_view_slot(app, r, GF_STAGE_EMBED, GF_SLOT_TOKEN, -1, &tok) ||
        !gf_view_slot(app, r, GF_STAGE_EMBED, GF_SLOT_OUT, -1, &x0))
        return;
    bool has_pos = gf_stage_slot_view(&app->s.trace, GF_STAGE_EMBED, GF_SLOT_POSITION, -1, -1, &pos) &&
                   pos.shape[0] > 0;
    int t = app->st.position;
    char title[96];
    snprintf(title, sizeof title, gf_i18n(&app->text, GF_STR_POSITION_ROW), t);
    r = gf_view_title(&app->w, r, title);
    gf_heat_spec strips[3];
    const char *labels[3];
    int n = 0;
    bool sinusoidal = app->s.model.config.position_type == GF_POSITION_SINUSOIDAL;
    embed_ctx ctx = {&tok, has_pos ? &pos : NULL, sinusoidal};
    strips[n] = gf_strip_of(&tok, t, "tok_emb", NULL, GF_CMAP_DIVERGING);
    strips[n].tip = tok_tip;
    labels[n++] = gf_i18n(&app->text, GF_STR_TOK_EMB);
    if (has_pos) {
        strips[n] = gf_strip_of(&pos, t, "pos_emb", NULL, GF_CMAP_DIVERGING);
        /* The model's own term: a learned table row or the sinusoid. */
        labels[n++] = gf_i18n(&app->text, sinusoidal ? GF_STR_POS_EMB_SINUSOIDAL : GF_STR_POS_EMB);
    }
    strips[n] = gf_strip_of(&x0, t, "x0", NULL, GF_CMAP_DIVERGING);
    strips[n].tip = sum_tip;
    strips[n].tip_ctx = &ctx;
    labels[n++] = gf_i18n(&app->text, GF_STR_SUM_X0);
    int used = gf_draw_strips(&app->w, r, strips, labels, n);
    int gap = gf_ui_px(&app->ui, app->ui.style->strip_gap);
    gf_rect rest = {r.x, r.y + used + gap, r.w, r.h - used - gap};
    gf_draw_all_positions(&app->w, rest, &x0, "x0.all", "x₀",
                          gf_stage_slot_key(&app->s.trace.config, GF_STAGE_EMBED, GF_SLOT_OUT));
}

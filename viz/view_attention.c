/* view_attention.c — one head's (T, T) attention matrices: raw scores, the
 * causal mask (−∞ cells marked with the mask colour) and softmax weights,
 * with tokens labelling both axes. */
#include "views.h"

#include <stdio.h>

static void pair_subscripts(int row, int col, char *r, char *c, size_t size)
{
    gf_subscript(row, r, size);
    gf_subscript(col, c, size);
}

/* "score[4,2] = q₄·k₂/√64 = 1.873" */
static void scores_tip(const void *owner, const void *ctx, int row, int col, float v, char *buf,
                       size_t size)
{
    const gf_app *app = owner;
    (void)ctx;
    char rs[32], cs[32], val[32];
    pair_subscripts(row, col, rs, cs, sizeof rs);
    int hs = gf_config_head_size(&app->s.trace.config);
    if (col > row) {
        snprintf(buf, size, gf_i18n(&app->text, GF_STR_TIP_SCORE_LATER), row, col, cs, rs);
        return;
    }
    gf_format_value(v, val, sizeof val);
    snprintf(buf, size, "score[%d,%d] = q%s·k%s/√%d = %s", row, col, rs, cs, hs, val);
}

/* A cell of a causally masked matrix: "name[i,j] = above" above the
 * diagonal, else "name[i,j] = how = value". */
static void causal_tip(char *buf, size_t size, const char *name, int row, int col, float v,
                       const char *above, const char *how)
{
    char val[32];
    gf_format_value(v, val, sizeof val);
    if (col > row)
        snprintf(buf, size, "%s[%d,%d] = %s", name, row, col, above);
    else
        snprintf(buf, size, "%s[%d,%d] = %s = %s", name, row, col, how, val);
}

/* "masked[2,4] = −∞  (4 > 2)" / "masked[4,2] = score[4,2] + 0 = 1.873" */
static void masked_tip(const void *owner, const void *ctx, int row, int col, float v, char *buf,
                       size_t size)
{
    const gf_app *app = owner;
    (void)app;
    (void)ctx;
    char above[48], how[48];
    snprintf(above, sizeof above, "−∞  (%d > %d)", col, row);
    snprintf(how, sizeof how, "score[%d,%d] + 0", row, col);
    causal_tip(buf, size, "masked", row, col, v, above, how);
}

/* "A[4,2] = softmax(row 4)[2] = 0.312" / "A[2,4] = exp(−∞)/Σ = 0" */
static void weights_tip(const void *owner, const void *ctx, int row, int col, float v, char *buf,
                        size_t size)
{
    const gf_app *app = owner;
    (void)ctx;
    char how[48];
    snprintf(how, sizeof how, gf_i18n(&app->text, GF_STR_TIP_SOFTMAX_CELL), row, col);
    causal_tip(buf, size, "A", row, col, v, "exp(−∞)/Σ = 0", how);
}

void gf_view_attention(gf_app *app, gf_rect r)
{
    gf_stage_id id = gf_stepper_stage(&app->st);
    if (id == GF_STAGE_SOFTMAX && app->mask_whatif) {
        gf_view_whatif(app, r);   /* W: the same head without its mask */
        return;
    }
    gf_view v;
    if (!gf_view_slot(app, r, id, GF_SLOT_OUT, app->st.head, &v))
        return;
    gf_str title_id = id == GF_STAGE_SCORES ? GF_STR_SCORES
                    : id == GF_STAGE_MASK   ? GF_STR_MASKED
                                            : GF_STR_WEIGHTS;
    char title[160];
    snprintf(title, sizeof title, "%s — %s %d, %s %d", gf_i18n(&app->text, title_id),
             gf_i18n(&app->text, GF_STR_STATUS_LAYER), app->st.layer,
             gf_i18n(&app->text, GF_STR_STATUS_HEAD), app->st.head);
    gf_heat_spec s = gf_heat_from_view(&v, "attention", title, GF_CMAP_DIVERGING);
    s.row_tokens = true;
    s.col_tokens = true;
    s.cell_text = true;
    s.highlight_row = app->st.position;
    if (id == GF_STAGE_SCORES) {
        s.mask = GF_HEAT_MASK_BLANK;
        s.tip = scores_tip;
    } else if (id == GF_STAGE_MASK) {
        s.mask = GF_HEAT_MASK_CAUSAL;
        s.tip = masked_tip;
    } else {
        s.mask = GF_HEAT_MASK_CAUSAL;
        s.mask_label = gf_i18n(&app->text, GF_STR_LEGEND_MASK_ZERO);  /* exp(−∞) = 0 */
        s.cmap = GF_CMAP_SEQUENTIAL;
        s.fixed_range = true;
        s.lo = 0.0f;
        s.hi = 1.0f;
        s.tip = weights_tip;
    }
    gf_heatmap_draw(&app->w, r, &s);
}

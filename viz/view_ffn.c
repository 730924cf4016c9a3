/* view_ffn.c — the feed-forward network: the d_ff-wide expansion before and
 * after the activation (largest values marked), and the down-projection. */
#include "views.h"

#include <math.h>
#include <stdio.h>

#define WIDEST 8

/* Indices of the WIDEST largest |row[i]| (fewer when n is small). */
static int widest(const float *row, int n, int *out)
{
    int k = 0;
    for (int i = 0; i < n; i++) {
        float a = fabsf(row[i]);
        if (k < WIDEST || a > fabsf(row[out[k - 1]])) {
            int j = k < WIDEST ? k++ : k - 1;
            while (j > 0 && fabsf(row[out[j - 1]]) < a) {
                out[j] = out[j - 1];
                j--;
            }
            out[j] = i;
        }
    }
    return k;
}

static void mark_widest(gf_app *app, const float *row, int n)
{
    const gf_ui_heat_record *rec = &app->ui.heat[app->ui.n_heat - 1];
    int idx[WIDEST];
    int k = widest(row, n, idx);
    int tri = gf_ui_px(&app->ui, app->ui.style->marker);
    for (int i = 0; i < k; i++) {
        int x = rec->cells.x + (int)(((float)idx[i] + 0.5f) * (float)rec->cells.w / (float)n);
        gf_draw_fill(&app->ui, (gf_rect){x - tri / 2, rec->cells.y - tri - 2, tri, tri},
                     app->ui.style->accent);
        gf_draw_fill(&app->ui, (gf_rect){x, rec->cells.y + rec->cells.h, 1, tri}, app->ui.style->accent);
    }
}

/* Strips of row t of n views (one colour range when shared, else one each);
 * the last one's widest values are marked when mark is set. r shrinks to
 * the space left below. */
static void strips(gf_app *app, gf_rect *r, const gf_view *const *views, const char *const *labels,
                   int n, bool shared, bool mark)
{
    static const char *const ids[3] = {"ffn.a", "ffn.b", "ffn.c"};
    int t = app->st.position;
    int gap = gf_ui_px(&app->ui, app->ui.style->stack_gap);
    gf_heat_spec specs[3];
    for (int i = 0; i < n && i < 3; i++)
        specs[i] = gf_strip_of(views[i], t, ids[i], NULL, GF_CMAP_DIVERGING);
    int h = 0;
    if (shared)
        h = gf_draw_strips(&app->w, *r, specs, labels, n);
    for (int i = 0; !shared && i < n; i++)
        h += gf_draw_strips(&app->w, (gf_rect){r->x, r->y + h, r->w, r->h - h}, &specs[i], &labels[i], 1);
    if (mark && app->ui.n_heat > 0)
        mark_widest(app, specs[n - 1].data, specs[n - 1].cols);
    int note_h = gf_ui_px(&app->ui, app->ui.style->note_h);
    if (mark)
        gf_draw_text(&app->ui, GF_FACE_SANS, GF_TEXT_SMALL, app->ui.style->accent, r->x, r->y + h,
                     gf_i18n(&app->text, GF_STR_WIDEST), GF_ALIGN_LEFT);
    *r = (gf_rect){r->x, r->y + h + note_h + gap, r->w, r->h - h - note_h - gap};
}

void gf_view_ffn(gf_app *app, gf_rect r)
{
    const gf_trace *tr = &app->s.trace;
    const gf_config *cfg = &tr->config;
    gf_stage_id id = gf_stepper_stage(&app->st);
    /* SwiGLU has a gate and an up projection where GELU/ReLU have one. */
    bool swiglu = gf_stage_slot_key(cfg, GF_STAGE_ACTIVATION, GF_SLOT_GATE) != NULL;
    gf_slot pre_slot = swiglu ? GF_SLOT_UP : GF_SLOT_PRE;
    gf_view pre, act, out, gate;
    if (!gf_view_slot(app, r, GF_STAGE_ACTIVATION, pre_slot, -1, &pre) ||
        !gf_view_slot(app, r, GF_STAGE_ACTIVATION, GF_SLOT_OUT, -1, &act) ||
        !gf_view_slot(app, r, GF_STAGE_FFN_DOWN, GF_SLOT_OUT, -1, &out) ||
        (swiglu && !gf_view_slot(app, r, GF_STAGE_ACTIVATION, GF_SLOT_GATE, -1, &gate)))
        return;
    char pos[64], head[160];
    snprintf(pos, sizeof pos, gf_i18n(&app->text, GF_STR_POSITION_ROW), app->st.position);
    snprintf(head, sizeof head, "%s  (d_ff = %d, %s)", pos, (int)act.shape[1],
             gf_activation_name(tr->config.activation));
    r = gf_view_title(&app->w, r, head);
    const gf_view *all = &act;
    const char *all_name = gf_stage_slot_key(cfg, GF_STAGE_ACTIVATION, GF_SLOT_OUT);
    const char *all_what = gf_i18n(&app->text, GF_STR_FFN_ACT);
    if (id == GF_STAGE_FFN_DOWN) {
        const gf_view *views[2] = {&act, &out};
        const char *labels[2] = {gf_i18n(&app->text, GF_STR_FFN_ACT), gf_i18n(&app->text, GF_STR_FFN_OUT)};
        strips(app, &r, views, labels, 2, false, false);
        all = &out;
        all_name = gf_stage_slot_key(cfg, GF_STAGE_FFN_DOWN, GF_SLOT_OUT);
        all_what = labels[1];
    } else {
        const gf_view *views[3] = {&gate, &pre, &act};
        const char *labels[3] = {gf_i18n(&app->text, GF_STR_FFN_GATE), gf_i18n(&app->text, GF_STR_FFN_UP),
                                 gf_i18n(&app->text, GF_STR_FFN_ACT)};
        if (swiglu) {
            strips(app, &r, views, labels, 3, true, true);
        } else {
            labels[1] = gf_i18n(&app->text, GF_STR_FFN_PRE);
            strips(app, &r, views + 1, labels + 1, 2, true, true);
        }
        if (id == GF_STAGE_FFN_UP) {
            all = &pre;
            all_name = gf_stage_slot_key(cfg, GF_STAGE_ACTIVATION, pre_slot);
            all_what = gf_i18n(&app->text, swiglu ? GF_STR_FFN_UP : GF_STR_FFN_PRE);
        }
    }
    gf_draw_all_positions(&app->w, r, all, "ffn.all", all_what, all_name);
}

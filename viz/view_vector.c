/* view_vector.c — row-wise stages of the residual stream: the norms
 * (input → mean/variance → output) and the residual adds (x + Δ = sum).
 * Which tensors those are (the block's wiring, pre- or post-norm) comes
 * from core's stage slots; the statistics are the trace's. */
#include "views.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    const float *in, *out, *mean, *var, *rstd; /* norm: (T,C) (T,C) (T) (T) (T) */
    const float *x, *delta, *sum;         /* residual: (T,C) each            */
    const char *in_name, *out_name, *x_name, *delta_name, *sum_name; /* keys, shown */
    const char *in_entry, *out_entry, *x_entry, *delta_entry, *sum_entry; /* trace entry
                                            names ("h.1.ln_2.out"): what a click explains */
    bool is_norm;
} vector_stage;

/* The key of a trace entry's name: "ln_1.out" for "h.1.ln_1.out", or the name. */
static const char *view_key(const char *name)
{
    const char *dot = name != NULL && strncmp(name, "h.", 2) == 0 ? strchr(name + 2, '.') : NULL;
    return dot != NULL ? dot + 1 : name;
}

/* The strip of row t of rows (T, C) of trace entry `entry` (its cells
 * explain that entry), its tooltip naming the key alone. */
static gf_heat_spec entry_strip(const float *rows, int T, int C, const char *entry, int t,
                                const char *id)
{
    gf_view v = gf_rows_view(rows, T, C, entry);
    gf_heat_spec s = gf_strip_of(&v, t, id, NULL, GF_CMAP_DIVERGING);
    s.tip_name = view_key(entry);
    return s;
}

/* What stage id shows at layer l, wired as core's stage table says. */
static vector_stage pick(const gf_app *app, gf_stage_id id, int l)
{
    const gf_trace *tr = &app->s.trace;
    gf_view in, out, mean, var, rstd, delta;
    gf_stage_slot_view(tr, id, GF_SLOT_IN, l, -1, &in);
    gf_stage_slot_view(tr, id, GF_SLOT_OUT, l, -1, &out);
    vector_stage v = {0};
    v.is_norm = gf_stage_slot_view(tr, id, GF_SLOT_RSTD, l, -1, &rstd);
    if (v.is_norm) {
        gf_stage_slot_view(tr, id, GF_SLOT_MEAN, l, -1, &mean);   /* LayerNorm only */
        gf_stage_slot_view(tr, id, GF_SLOT_VAR, l, -1, &var);
        v.in = in.data;
        v.out = out.data;
        v.mean = mean.data;
        v.var = var.data;
        v.rstd = rstd.data;
        v.in_entry = in.name;
        v.out_entry = out.name;
    } else {
        gf_stage_slot_view(tr, id, GF_SLOT_DELTA, l, -1, &delta);
        v.x = in.data;
        v.delta = delta.data;
        v.sum = out.data;
        v.x_entry = in.name;
        v.delta_entry = delta.name;
        v.sum_entry = out.name;
    }
    v.in_name = view_key(v.in_entry);
    v.out_name = view_key(v.out_entry);
    v.x_name = view_key(v.x_entry);
    v.delta_name = view_key(v.delta_entry);
    v.sum_name = view_key(v.sum_entry);
    return v;
}

/* "res_1[4,7] = x + attn.proj = 0.031 + -0.002 = 0.029" */
static void residual_tip(const void *owner, const void *ctx, int row, int col, float v, char *buf,
                         size_t size)
{
    const gf_app *app = owner;
    (void)row;
    const vector_stage *s = ctx;
    int t = app->st.position, C = app->s.trace.config.n_embd;
    char a[32], b[32], val[32];
    gf_format_value(s->x[(int64_t)t * C + col], a, sizeof a);
    gf_format_value(s->delta[(int64_t)t * C + col], b, sizeof b);
    gf_format_value(v, val, sizeof val);
    snprintf(buf, size, "%s[%d,%d] = %s + %s = %s + %s = %s", s->sum_name, t, col, s->x_name,
             s->delta_name, a, b, val);
}

/* The row statistics the trace keeps (returns the height used). */
static int draw_norm_stats(gf_app *app, gf_rect r, const vector_stage *v, int t)
{
    char line[320], mean[32], var[32], rstd[32];
    gf_format_value(v->rstd[t], rstd, sizeof rstd);
    gf_format_value(v->var[t], var, sizeof var);
    if (v->mean != NULL) {
        gf_format_value(v->mean[t], mean, sizeof mean);
        snprintf(line, sizeof line, "%s μ = %s     %s σ² = %s     1/√(σ²+ε) = %s",
                 gf_i18n(&app->text, GF_STR_MEAN), mean, gf_i18n(&app->text, GF_STR_VARIANCE), var, rstd);
    } else {
        /* RMSNorm: the mean square, and the root the row is divided by. */
        snprintf(line, sizeof line, "%s mean(x²) = %s     1/√(mean(x²)+ε) = %s",
                 gf_i18n(&app->text, GF_STR_MEAN_SQUARE), var, rstd);
    }
    return gf_draw_wrapped_groups(&app->ui, GF_FACE_MONO, GF_TEXT_HEADING, app->ui.style->accent, r, line);
}

void gf_view_vector(gf_app *app, gf_rect r)
{
    gf_stage_id id = gf_stepper_stage(&app->st);
    int T = app->s.n_tokens, C = app->s.trace.config.n_embd, t = app->st.position;
    vector_stage v = pick(app, id, app->st.layer);
    if (T == 0 || (v.is_norm ? v.out == NULL || v.in == NULL || v.var == NULL
                             : v.sum == NULL || v.x == NULL || v.delta == NULL)) {
        gf_view_missing(app, r, v.is_norm ? "norm" : "residual");
        return;
    }
    char title[96];
    snprintf(title, sizeof title, gf_i18n(&app->text, GF_STR_POSITION_ROW), t);
    r = gf_view_title(&app->w, r, title);
    int gap = gf_ui_px(&app->ui, app->ui.style->view_gap);
    const float *shown;
    const char *shown_name, *shown_entry, *what;
    char stage_name[160];
    if (v.is_norm) {
        gf_heat_spec a = entry_strip(v.in, T, C, v.in_entry, t, "norm.in");
        gf_heat_spec b = entry_strip(v.out, T, C, v.out_entry, t, "norm.out");
        char input[96];
        snprintf(input, sizeof input, "%s: %s", gf_i18n(&app->text, GF_STR_NORM_INPUT), v.in_name);
        const char *la = input;
        const char *lb = gf_i18n(&app->text, GF_STR_NORM_OUTPUT);
        int h = gf_draw_strips(&app->w, r, &a, &la, 1);
        h += draw_norm_stats(app, (gf_rect){r.x, r.y + h, r.w, r.h - h}, &v, t);
        h += gf_ui_px(&app->ui, app->ui.style->line_gap);
        h += gf_draw_strips(&app->w, (gf_rect){r.x, r.y + h, r.w, r.h - h}, &b, &lb, 1);
        r = (gf_rect){r.x, r.y + h + gap, r.w, r.h - h - gap};
        shown = v.out;
        shown_name = v.out_name;
        shown_entry = v.out_entry;
        what = gf_i18n(&app->text, GF_STR_NORM_OUTPUT);
    } else {
        gf_heat_spec specs[3] = {entry_strip(v.x, T, C, v.x_entry, t, "res.x"),
                                 entry_strip(v.delta, T, C, v.delta_entry, t, "res.delta"),
                                 entry_strip(v.sum, T, C, v.sum_entry, t, "res.sum")};
        specs[2].tip = residual_tip;
        specs[2].tip_ctx = &v;
        char l0[96], l1[96], l2[96];
        snprintf(l0, sizeof l0, "%s %s", gf_i18n(&app->text, GF_STR_BLOCK_INPUT), v.x_name);
        snprintf(l1, sizeof l1, "+ %s", v.delta_name);
        snprintf(l2, sizeof l2, "= %s (%s)", gf_i18n(&app->text, GF_STR_RESIDUAL_SUM), v.sum_name);
        const char *labels[3] = {l0, l1, l2};
        /* Each strip on its own colour scale: a large Δ (the FFN's output
         * often is) would leave the stream it is added to looking blank. */
        int h = 0;
        for (int i = 0; i < 3; i++)
            h += gf_draw_strips(&app->w, (gf_rect){r.x, r.y + h, r.w, r.h - h}, &specs[i],
                                &labels[i], 1);
        r = (gf_rect){r.x, r.y + h + gap, r.w, r.h - h - gap};
        shown = v.sum;
        shown_name = v.sum_name;
        shown_entry = v.sum_entry;
        /* After "all positions:", the stage's name not capitalised. */
        gf_i18n_lower_first(gf_i18n_stage_name(&app->text, id, &app->s.trace.config), stage_name,
                            sizeof stage_name);
        what = stage_name;
    }
    gf_view all = gf_rows_view(shown, T, C, shown_entry);
    gf_draw_all_positions(&app->w, r, &all, "vector.all", what, shown_name);
}

/* view_vector.c — row-wise stages of the residual stream: the norms
 * (input → mean/variance → output) and the residual adds (x + Δ = sum). */
#include "views.h"

#include <math.h>
#include <stdio.h>

typedef struct {
    const float *in, *out, *mean, *rstd;  /* norm: (T,C) (T,C) (T) (T)       */
    const float *x, *delta, *sum;         /* residual: (T,C) each            */
    const char *in_name, *out_name, *x_name, *delta_name, *sum_name;
    bool is_norm;
} vector_stage;

static vector_stage pick(const gf_app *app, gf_stage_id id, int l)
{
    const gf_trace *tr = &app->s.trace;
    const gf_layer_trace *lt = &tr->layers[l];
    bool pre = tr->config.norm_placement == GF_NORM_PRE;
    vector_stage v = {0};
    switch (id) {
    case GF_STAGE_NORM_1:
        v = (vector_stage){.in = pre ? gf_trace_block_input(tr, l) : lt->res_1, .out = lt->ln_1_out,
                           .mean = lt->ln_1_mean, .rstd = lt->ln_1_rstd, .in_name = pre ? "x" : "res_1",
                           .out_name = "ln_1.out", .is_norm = true};
        break;
    case GF_STAGE_NORM_2:
        v = (vector_stage){.in = pre ? lt->res_1 : lt->res_2, .out = lt->ln_2_out,
                           .mean = lt->ln_2_mean, .rstd = lt->ln_2_rstd,
                           .in_name = pre ? "res_1" : "res_2", .out_name = "ln_2.out", .is_norm = true};
        break;
    case GF_STAGE_FINAL_NORM:
        v = (vector_stage){.in = gf_trace_block_input(tr, tr->config.n_layer), .out = tr->ln_f_out,
                           .mean = tr->ln_f_mean, .rstd = tr->ln_f_rstd, .in_name = "x",
                           .out_name = "ln_f.out", .is_norm = true};
        break;
    case GF_STAGE_RESIDUAL_1:
        v = (vector_stage){.x = gf_trace_block_input(tr, l), .delta = lt->attn_proj, .sum = lt->res_1,
                           .x_name = "x", .delta_name = "attn.proj", .sum_name = "res_1"};
        break;
    default: /* GF_STAGE_RESIDUAL_2 */
        v = (vector_stage){.x = pre ? lt->res_1 : lt->ln_1_out, .delta = lt->mlp_out,
                           .sum = lt->res_2, .x_name = pre ? "res_1" : "ln_1.out",
                           .delta_name = "mlp.out", .sum_name = "res_2"};
        break;
    }
    return v;
}

/* "res_1[4,7] = x + attn.proj = 0.031 + -0.002 = 0.029" */
static void residual_tip(const gf_app *app, const void *ctx, int row, int col, float v, char *buf,
                         size_t size)
{
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

/* Returns the height used. */
static int draw_norm_stats(gf_app *app, gf_rect r, const vector_stage *v, int t)
{
    char line[320], mean[32], var[32], rstd[32], rms[32];
    float eps = app->s.trace.config.norm_eps;
    float rs = v->rstd[t];
    gf_format_value(rs, rstd, sizeof rstd);
    /* rstd = 1/√(var + ε) is what the trace keeps; the variance is read back from it. */
    gf_format_value(1.0f / (rs * rs) - eps, var, sizeof var);
    if (v->mean != NULL) {
        gf_format_value(v->mean[t], mean, sizeof mean);
        snprintf(line, sizeof line, "%s μ = %s     %s σ² = %s     1/√(σ²+ε) = %s",
                 gf_i18n(&app->text, GF_STR_MEAN), mean, gf_i18n(&app->text, GF_STR_VARIANCE), var, rstd);
    } else {
        /* RMSNorm keeps 1/√(mean(x²) + ε): mean(x²) and its root are read back likewise. */
        float ms = 1.0f / (rs * rs) - eps;
        gf_format_value(sqrtf(ms > 0.0f ? ms : 0.0f), rms, sizeof rms);
        snprintf(line, sizeof line, "%s mean(x²) = %s     %s = %s     1/√(mean(x²)+ε) = %s",
                 gf_i18n(&app->text, GF_STR_MEAN_SQUARE), var, gf_i18n(&app->text, GF_STR_RMS), rms,
                 rstd);
    }
    return gf_draw_wrapped_groups(&app->ui, GF_FACE_MONO, GF_TEXT_HEADING, gf_colour_accent, r, line);
}

void gf_view_vector(gf_app *app, gf_rect r)
{
    gf_stage_id id = gf_stepper_stage(&app->st);
    int T = app->s.n_tokens, C = app->s.trace.config.n_embd, t = app->st.position;
    vector_stage v = pick(app, id, app->st.layer);
    if (T == 0 || (v.is_norm ? v.out == NULL || v.in == NULL : v.sum == NULL)) {
        gf_view_missing(app, r, v.is_norm ? "norm" : "residual");
        return;
    }
    char title[96];
    snprintf(title, sizeof title, gf_i18n(&app->text, GF_STR_POSITION_ROW), t);
    r = gf_view_title(app, r, title);
    int gap = gf_ui_px(&app->ui, 12);
    const float *shown;
    const char *shown_name;
    if (v.is_norm) {
        gf_view in = gf_rows_view(v.in, T, C, v.in_name), out = gf_rows_view(v.out, T, C, v.out_name);
        gf_heat_spec a = gf_strip_of(&in, t, "norm.in", NULL, GF_CMAP_DIVERGING);
        gf_heat_spec b = gf_strip_of(&out, t, "norm.out", NULL, GF_CMAP_DIVERGING);
        char input[96];
        snprintf(input, sizeof input, "%s: %s", gf_i18n(&app->text, GF_STR_NORM_INPUT), v.in_name);
        const char *la = input;
        const char *lb = gf_i18n(&app->text, GF_STR_NORM_OUTPUT);
        int h = gf_draw_strips(app, r, &a, &la, 1);
        h += draw_norm_stats(app, (gf_rect){r.x, r.y + h, r.w, r.h - h}, &v, t);
        h += gf_ui_px(&app->ui, 8);
        h += gf_draw_strips(app, (gf_rect){r.x, r.y + h, r.w, r.h - h}, &b, &lb, 1);
        r = (gf_rect){r.x, r.y + h + gap, r.w, r.h - h - gap};
        shown = v.out;
        shown_name = v.out_name;
    } else {
        gf_view x = gf_rows_view(v.x, T, C, v.x_name), d = gf_rows_view(v.delta, T, C, v.delta_name),
                s = gf_rows_view(v.sum, T, C, v.sum_name);
        gf_heat_spec specs[3] = {gf_strip_of(&x, t, "res.x", NULL, GF_CMAP_DIVERGING),
                                 gf_strip_of(&d, t, "res.delta", NULL, GF_CMAP_DIVERGING),
                                 gf_strip_of(&s, t, "res.sum", NULL, GF_CMAP_DIVERGING)};
        specs[2].tip = residual_tip;
        specs[2].tip_ctx = &v;
        char l0[96], l1[96], l2[96];
        snprintf(l0, sizeof l0, "%s %s", gf_i18n(&app->text, GF_STR_BLOCK_INPUT), v.x_name);
        snprintf(l1, sizeof l1, "+ %s", v.delta_name);
        snprintf(l2, sizeof l2, "= %s (%s)", gf_i18n(&app->text, GF_STR_RESIDUAL_SUM), v.sum_name);
        const char *labels[3] = {l0, l1, l2};
        int h = gf_draw_strips(app, r, specs, labels, 3);
        r = (gf_rect){r.x, r.y + h + gap, r.w, r.h - h - gap};
        shown = v.sum;
        shown_name = v.sum_name;
    }
    gf_view all = gf_rows_view(shown, T, C, shown_name);
    gf_draw_all_positions(app, r, &all, "vector.all", shown_name);
}

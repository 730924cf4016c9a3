/* view_explain.c — the panel "how this number was computed": the value
 * and where it is, the formula, the named quantities (μ, rstd, γ, …), the
 * terms as bars (largest first, the rest as one remainder bar), their sum
 * against the trace's value, and for a softmax the whole row of exps, for
 * an activation its curve with the point marked. It only draws what core's
 * gf_explain_value gave (explain_panel.c); no maths here but the drawing. */
#include "explain_panel.h"

#include "views.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* A string of the text file (explain.* keys), or the key when missing. */
static const char *tx(const gf_app *app, const char *key)
{
    const char *s = gf_text_get(&app->text.file, key);
    return s != NULL ? s : key;
}

static const char *const KIND_KEYS[] = {
    [GF_EXPLAIN_EMBED] = "explain.kind.embed",
    [GF_EXPLAIN_NORM] = "explain.kind.norm",
    [GF_EXPLAIN_LINEAR] = "explain.kind.linear",
    [GF_EXPLAIN_SCORE] = "explain.kind.score",
    [GF_EXPLAIN_MASKED] = "explain.kind.masked",
    [GF_EXPLAIN_WEIGHT] = "explain.kind.weight",
    [GF_EXPLAIN_WEIGHTED] = "explain.kind.weighted",
    [GF_EXPLAIN_ACTIVATION] = "explain.kind.activation",
    [GF_EXPLAIN_RESIDUAL] = "explain.kind.residual",
    [GF_EXPLAIN_LOGIT] = "explain.kind.logit",
    [GF_EXPLAIN_PROB] = "explain.kind.prob",
};

static const char *const ROLE_KEYS[] = {
    [GF_TERM_PRODUCT] = "explain.role.product",
    [GF_TERM_BIAS] = "explain.role.bias",
    [GF_TERM_TOKEN] = "explain.role.token",
    [GF_TERM_POSITION] = "explain.role.position",
    [GF_TERM_NORMALIZED] = "explain.role.normalized",
    [GF_TERM_SHIFT] = "explain.role.shift",
    [GF_TERM_ACTIVATED] = "explain.role.activated",
    [GF_TERM_SKIP] = "explain.role.skip",
    [GF_TERM_BRANCH] = "explain.role.branch",
    [GF_TERM_SOFTMAX] = "explain.role.softmax",
};

/* The suffix of the text keys for this model's activation. */
static const char *activation_suffix(gf_activation a)
{
    switch (a) {
    case GF_ACTIVATION_GELU_EXACT: return "gelu_exact";
    case GF_ACTIVATION_RELU: return "relu";
    case GF_ACTIVATION_SWIGLU: return "swiglu";
    case GF_ACTIVATION_GELU_TANH: break;
    }
    return "gelu_tanh";
}

/* Where the model's variant changes a kind's formula (sinusoidal positions,
 * RMSNorm, its activation, tied unembedding): the key's suffix, else NULL. */
static const char *kind_variant(const gf_config *cfg, gf_explain_kind k)
{
    switch (k) {
    case GF_EXPLAIN_EMBED:
        return cfg->position_type == GF_POSITION_SINUSOIDAL ? "sinusoidal" : NULL;
    case GF_EXPLAIN_ACTIVATION: return activation_suffix(cfg->activation);
    case GF_EXPLAIN_LOGIT: return cfg->tied_embeddings ? "tied" : "untied";
    default: return NULL;
    }
}

/* The same for a term's label. */
static const char *role_variant(const gf_config *cfg, gf_term_role r)
{
    switch (r) {
    case GF_TERM_POSITION:
        return cfg->position_type == GF_POSITION_SINUSOIDAL ? "sinusoidal" : NULL;
    case GF_TERM_NORMALIZED: return cfg->norm_type == GF_NORM_RMSNORM ? "rmsnorm" : NULL;
    case GF_TERM_ACTIVATED: return activation_suffix(cfg->activation);
    default: return NULL;
    }
}

/* "key.suffix" when the text file has it, else key's own text. */
static const char *tx_variant(const gf_app *app, const char *key, const char *suffix)
{
    char full[96];
    if (suffix != NULL && snprintf(full, sizeof full, "%s.%s", key, suffix) < (int)sizeof full) {
        const char *s = gf_text_get(&app->text.file, full);
        if (s != NULL)
            return s;
    }
    return tx(app, key);
}

/* Named quantities: symbols, the same in every language. */
static const char *const PARAM_SYMBOLS[GF_PARAM_COUNT] = {
    [GF_PARAM_INPUT] = "x", [GF_PARAM_MEAN] = "μ", [GF_PARAM_RSTD] = "rstd",
    [GF_PARAM_GAIN] = "γ", [GF_PARAM_SHIFT] = "β", [GF_PARAM_DOT] = "Σ",
    [GF_PARAM_SCALE] = "scale", [GF_PARAM_SCORE] = "s", [GF_PARAM_MAX] = "max",
    [GF_PARAM_EXP] = "exp", [GF_PARAM_EXP_SUM] = "Σexp", [GF_PARAM_TEMPERATURE] = "T",
    [GF_PARAM_GATE] = "gate", [GF_PARAM_UP] = "up", [GF_PARAM_CDF] = "Φ/σ",
    [GF_PARAM_TOKEN] = "id", [GF_PARAM_ANGLE] = "angle",
};

/* The summation index's letter per kind (c, j, k): a score's coordinate is
 * c, not d, which names the head size in "/ √d" as the lessons write it. */
static const char *index_letter(gf_explain_kind k)
{
    switch (k) {
    case GF_EXPLAIN_WEIGHTED: return "j";
    case GF_EXPLAIN_SCORE:
    case GF_EXPLAIN_LOGIT: return "c";
    default: return "k";
    }
}

static void fmt(double v, char *buf, size_t size)
{
    gf_format_value((float)v, buf, size);
}

/* One line of text (draw: drawn, else only measured); returns its height
 * with the gap. Every part of the panel takes `draw` the same way, so that
 * gf_explain_terms_fit lays the panel out exactly as it would be drawn. */
static int line(gf_app *app, gf_rect r, gf_face face, gf_text_role role, gf_rgba c, const char *s,
                bool draw)
{
    gf_ui *ui = &app->ui;
    int h = draw ? gf_draw_wrapped(ui, face, role, c, r, s) : gf_measure_wrapped(ui, face, role, r.w, s);
    return h + gf_ui_px(ui, ui->style->line_gap);
}

/* A line the panel can do without (its title, a caption, the key hint):
 * drawn only when it fits whole in r, else nothing (0). */
static int optional_line(gf_app *app, gf_rect r, gf_face face, gf_text_role role, gf_rgba c,
                         const char *s, bool draw)
{
    gf_ui *ui = &app->ui;
    if (gf_measure_wrapped(ui, face, role, r.w, s) > r.h)
        return 0;
    return line(app, r, face, role, c, s, draw);
}

/* The heading: "attn.scores[5,1] = −0.275", then layer · head · T. */
static int draw_heading(gf_app *app, gf_rect r, const gf_explain_state *x, bool draw)
{
    gf_ui *ui = &app->ui;
    char v[32], buf[256];
    fmt(x->has_value ? x->e.trace_value : NAN, v, sizeof v);
    snprintf(buf, sizeof buf, "%s[%d,%d] = %s", x->key, x->at.row, x->at.col, v);
    int h = line(app, r, GF_FACE_BOLD, GF_TEXT_HEADING, ui->style->text, buf, draw);
    size_t n = 0;
    buf[0] = '\0';
    if (x->at.layer >= 0)
        n += (size_t)snprintf(buf, sizeof buf, "%s %d", gf_i18n(&app->text, GF_STR_STATUS_LAYER),
                              x->at.layer);
    if (x->at.head >= 0 && n < sizeof buf)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s %d", n ? " · " : "",
                              gf_i18n(&app->text, GF_STR_STATUS_HEAD), x->at.head);
    if (strcmp(x->key, "probs") == 0 && n < sizeof buf)
        snprintf(buf + n, sizeof buf - n, "%sT = %.2f", n ? " · " : "", (double)x->temperature);
    if (buf[0] != '\0')
        h += line(app, (gf_rect){r.x, r.y + h, r.w, r.h - h}, GF_FACE_SANS, GF_TEXT_BODY,
                  ui->style->accent, buf, draw);
    return h;
}

/* "μ = 0.12   rstd = 3.4   γ = 1.01 …" */
static int draw_params(gf_app *app, gf_rect r, const gf_explanation *e, bool draw)
{
    char buf[512], v[32];
    size_t n = 0;
    buf[0] = '\0';
    for (int i = 0; i < e->n_params && n < sizeof buf; i++) {
        if (e->params[i].role == GF_PARAM_TOKEN)
            snprintf(v, sizeof v, "%d", (int)e->params[i].value);
        else
            fmt(e->params[i].value, v, sizeof v);
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s = %s   ",
                              PARAM_SYMBOLS[e->params[i].role], v);
    }
    if (n == 0)
        return 0;
    return line(app, r, GF_FACE_MONO, GF_TEXT_SMALL, app->ui.style->text, buf, draw);
}

/* The label of term t ("d=5  0.41×−0.22", "bias b"). */
static void term_label(const gf_app *app, const gf_explanation *e, const gf_explain_term *t,
                       char *buf, size_t size)
{
    if (t->role != GF_TERM_PRODUCT) {
        snprintf(buf, size, "%s", tx_variant(app, ROLE_KEYS[t->role],
                                             role_variant(&app->s.model.config, t->role)));
        return;
    }
    char a[32], b[32];
    fmt(t->a, a, sizeof a);
    fmt(t->b, b, sizeof b);
    snprintf(buf, size, "%s=%d  %s×%s", index_letter(e->kind), t->index, a, b);
}

/* The terms' heading ("terms, largest first:") with its gap: over two rows
 * or more; a value of one term (a probability's exp / Σ exp) has none, as
 * there is nothing to rank. */
static int terms_heading_h(gf_app *app, int width, int n_rows)
{
    gf_ui *ui = &app->ui;
    if (n_rows < 2)
        return 0;
    return gf_measure_wrapped(ui, GF_FACE_SANS, GF_TEXT_BODY, width, tx(app, "explain.terms")) +
           gf_ui_px(ui, ui->style->line_gap);
}

/* Terms as bars from a zero line: the listed ones, then "other n terms".
 * When the panel has no room for every listed term, the last row folds the
 * ones not drawn into the remainder (their sum, so the bars still add up).
 * *all: every row is there, none folded or left out. */
static int draw_terms(gf_app *app, gf_rect r, const gf_explanation *e, bool draw, bool *all)
{
    gf_ui *ui = &app->ui;
    int n = e->n_terms + (e->n_other > 0 ? 1 : 0);
    *all = true;
    if (n == 0)
        return 0;
    /* The heading only above at least two rows (never a heading over
     * nothing or over one row); without room for them, nothing. */
    int h = terms_heading_h(app, r.w, n);
    int row_h = gf_ui_text_px(ui, GF_TEXT_SMALL) + gf_ui_px(ui, 4.0f);
    int room = (r.h - h) / row_h;
    if (room < (n < 2 ? n : 2)) {
        *all = false;
        return 0;
    }
    if (h > 0)
        line(app, r, GF_FACE_SANS, GF_TEXT_BODY, ui->style->text_dim, tx(app, "explain.terms"), draw);
    int shown = n <= room ? e->n_terms : room - 1;   /* listed terms drawn */
    int folded = e->n_terms - shown + e->n_other;      /* in the last row */
    double rest = e->remainder;
    for (int i = shown; i < e->n_terms; i++)
        rest += e->terms[i].value;
    int rows = shown + (folded > 0 ? 1 : 0);
    *all = rows == n;
    if (!draw)
        return h + rows * row_h + gf_ui_px(ui, ui->style->line_gap);
    double big = fabs(rest);
    for (int i = 0; i < shown; i++)
        big = fmax(big, fabs(e->terms[i].value));
    if (big <= 0.0)
        big = 1.0;
    int label_w = r.w * 9 / 20, value_w = r.w / 5, gap = gf_ui_px(ui, 6.0f);
    int bar_w = r.w - label_w - value_w, zero_x = r.x + label_w + bar_w / 2;
    gf_draw_fill(ui, (gf_rect){zero_x, r.y + h, 1, row_h * rows}, ui->style->text_dim);
    for (int i = 0; i < rows; i++) {
        bool other = i == shown;
        double v = other ? rest : e->terms[i].value;
        char label[96], val[32];
        if (other)
            snprintf(label, sizeof label, tx(app, "explain.other"), folded);
        else
            term_label(app, e, &e->terms[i], label, sizeof label);
        /* Too wide: a product keeps only its index ("d=5"). */
        int tw = 0, th = 0;
        gf_text_size(ui, GF_FACE_MONO, GF_TEXT_SMALL, label, &tw, &th);
        if (tw > label_w - gap && !other && e->terms[i].role == GF_TERM_PRODUCT)
            snprintf(label, sizeof label, "%s=%d", index_letter(e->kind), e->terms[i].index);
        /* Any other label too wide for its column ends in "…" (never out of
         * the panel onto the view beside it). */
        gf_text_size(ui, GF_FACE_MONO, GF_TEXT_SMALL, label, &tw, &th);
        if (tw > label_w - gap) {
            char fitted[sizeof label];
            gf_text_fit(ui, GF_FACE_MONO, GF_TEXT_SMALL, label, label_w - gap, false, fitted,
                        sizeof fitted);
            snprintf(label, sizeof label, "%s", fitted);
        }
        fmt(v, val, sizeof val);
        int y = r.y + h + i * row_h;
        gf_draw_text(ui, GF_FACE_MONO, GF_TEXT_SMALL, ui->style->text, r.x + label_w - gap,
                     y + row_h / 2, label, GF_ALIGN_RIGHT | GF_ALIGN_MIDDLE);
        int len = (int)lround(fabs(v) / big * (bar_w / 2 - 2));
        gf_rect bar = {v >= 0 ? zero_x : zero_x - len, y + row_h / 6, len + 1, row_h * 2 / 3};
        gf_draw_fill(ui, bar, other ? ui->style->text_dim
                                    : gf_cmap_value(GF_CMAP_DIVERGING, (float)v, (float)-big, (float)big));
        gf_draw_text(ui, GF_FACE_MONO, GF_TEXT_SMALL, ui->style->text, r.x + r.w, y + row_h / 2, val,
                     GF_ALIGN_RIGHT | GF_ALIGN_MIDDLE);
    }
    return h + rows * row_h + gf_ui_px(ui, ui->style->line_gap);
}

/* "sum = total", the scale where there is one, and the trace's value. */
/* The sum line's text. */
static void sum_text(gf_app *app, const gf_explanation *e, char *buf, size_t size)
{
    char t[32], tr[32], dot[32];
    fmt(e->total, t, sizeof t);
    fmt(e->trace_value, tr, sizeof tr);
    if (e->kind == GF_EXPLAIN_SCORE) {
        fmt(gf_explanation_param(e, GF_PARAM_DOT), dot, sizeof dot);
        snprintf(buf, size, "Σ q·k = %s,  / √d → %s   %s: %s", dot, t, tx(app, "explain.trace"), tr);
    } else {
        snprintf(buf, size, "%s = %s   %s: %s", tx(app, "explain.total"), t,
                 tx(app, "explain.trace"), tr);
    }
}

static int draw_sum(gf_app *app, gf_rect r, const gf_explanation *e, bool draw)
{
    char buf[256];
    sum_text(app, e, buf, sizeof buf);
    /* The body size, or the small one in a panel too short for that. */
    gf_text_role role =
        gf_measure_wrapped(&app->ui, GF_FACE_MONO, GF_TEXT_BODY, r.w, buf) <= r.h ? GF_TEXT_BODY
                                                                                : GF_TEXT_SMALL;
    return line(app, r, GF_FACE_MONO, role, app->ui.style->accent, buf, draw);
}

/* A plot's heading (text key) at the top of r and the plot's rect below it,
 * at most max_px (unscaled) high: returns the heading's height with its
 * gap, or 0, drawing nothing, when the heading and min_h px of plot do not
 * fit. */
static int titled_plot(gf_app *app, gf_rect r, const char *heading_key, float max_px, int min_h,
                       gf_rect *plot, bool draw)
{
    gf_ui *ui = &app->ui;
    const char *heading = tx(app, heading_key);
    int h = gf_measure_wrapped(ui, GF_FACE_SANS, GF_TEXT_BODY, r.w, heading) +
            gf_ui_px(ui, ui->style->line_gap);
    int most = gf_ui_px(ui, max_px);
    int ph = r.h - h < most ? r.h - h : most;
    if (ph < min_h)
        return 0;
    line(app, r, GF_FACE_SANS, GF_TEXT_BODY, ui->style->text_dim, heading, draw);
    *plot = (gf_rect){r.x, r.y + h, r.w, ph};
    return h;
}

/* The softmax row's exps as columns, the explained one marked. */
static int draw_row(gf_app *app, gf_rect r, const gf_explanation *e, int col, bool draw)
{
    gf_ui *ui = &app->ui;
    if (e->row == NULL || e->row_length <= 0)
        return 0;
    gf_rect plot;
    int h = titled_plot(app, r, "explain.row", 90.0f, 8, &plot, draw);
    if (h == 0)
        return 0;
    if (!draw)
        return h + plot.h + gf_ui_px(ui, ui->style->line_gap);
    gf_draw_fill(ui, (gf_rect){plot.x, plot.y + plot.h, plot.w, 1}, ui->style->text_dim);
    double top = 0.0;
    for (int i = 0; i < e->row_length; i++)
        top = fmax(top, e->row[i]);
    if (top <= 0.0)
        top = 1.0;
    int n = e->row_length;
    for (int i = 0; i < n; i++) {
        int x0 = plot.x + (int)((int64_t)i * plot.w / n), x1 = plot.x + (int)((int64_t)(i + 1) * plot.w / n);
        int bh = (int)lround(e->row[i] / top * plot.h);
        if (bh < 1 && e->row[i] > 0.0)
            bh = 1;
        gf_rgba c = i == col ? ui->style->accent : ui->style->text_dim;
        gf_draw_fill(ui, (gf_rect){x0, plot.y + plot.h - bh, x1 - x0 > 1 ? x1 - x0 - (n < 64) : 1, bh}, c);
    }
    int xm = plot.x + (int)((int64_t)col * plot.w / n);
    gf_draw_outline(ui, (gf_rect){xm - 2, plot.y, plot.w / n + 4 > 5 ? plot.w / n + 4 : 5, plot.h}, ui->style->accent, 1);
    return h + plot.h + gf_ui_px(ui, ui->style->line_gap);
}

/* The activation's curve over its input, the explained point marked. */
static int draw_curve(gf_app *app, gf_rect r, const gf_explanation *e, bool draw)
{
    gf_ui *ui = &app->ui;
    double x = e->activation == GF_ACTIVATION_SWIGLU ? gf_explanation_param(e, GF_PARAM_GATE)
                                              : gf_explanation_param(e, GF_PARAM_INPUT);
    if (isnan(x))
        return 0;
    gf_rect plot;
    int h = titled_plot(app, r, "explain.curve", 160.0f, 16, &plot, draw);
    if (h == 0)
        return 0;
    if (!draw)
        return h + plot.h + gf_ui_px(ui, ui->style->line_gap);
    double lo = fmin(-4.0, x - 1.0), hi = fmax(4.0, x + 1.0);
    double ylo = -1.0, yhi = fmax(hi, 1.0);
    int px_prev = 0, py_prev = 0;
    gf_draw_fill(ui, (gf_rect){plot.x, plot.y + (int)((yhi) / (yhi - ylo) * plot.h), plot.w, 1}, ui->style->text_dim);
    gf_draw_fill(ui, (gf_rect){plot.x + (int)(-lo / (hi - lo) * plot.w), plot.y, 1, plot.h}, ui->style->text_dim);
    for (int i = 0; i <= plot.w; i += 2) {
        double xi = lo + (hi - lo) * i / plot.w;
        double yi = fmin(fmax(gf_activation_value(e->activation, xi), ylo), yhi);
        int px = plot.x + i, py = plot.y + (int)((yhi - yi) / (yhi - ylo) * plot.h);
        if (i > 0)
            gf_draw_line(ui, px_prev, py_prev, px, py, ui->style->text);
        px_prev = px;
        py_prev = py;
    }
    double y = fmin(fmax(gf_activation_value(e->activation, x), ylo), yhi);
    int mx = plot.x + (int)((x - lo) / (hi - lo) * plot.w), my = plot.y + (int)((yhi - y) / (yhi - ylo) * plot.h);
    int d = gf_ui_px(ui, 4.0f);
    gf_draw_fill(ui, (gf_rect){mx - d, my - d, 2 * d + 1, 2 * d + 1}, ui->style->accent);
    char buf[96], xs[32], ys[32];
    fmt(x, xs, sizeof xs);
    fmt(gf_activation_value(e->activation, x), ys, sizeof ys);
    snprintf(buf, sizeof buf, "f(%s) = %s", xs, ys);
    /* Beside the point, on the side with room, and never past the plot's
     * edges (a narrow panel: the label may be wider than half of it). */
    int lw = 0, lh = 0;
    gf_text_size(ui, GF_FACE_MONO, GF_TEXT_SMALL, buf, &lw, &lh);
    int lx = mx > plot.x + plot.w / 2 ? mx - 2 * d - lw : mx + 2 * d;
    if (lx + lw > plot.x + plot.w)
        lx = plot.x + plot.w - lw;
    if (lx < plot.x)
        lx = plot.x;
    gf_draw_text(ui, GF_FACE_MONO, GF_TEXT_SMALL, ui->style->accent, lx,
                 my > plot.y + plot.h / 2 ? my - 3 * d : my + 3 * d, buf, GF_ALIGN_MIDDLE);
    return h + plot.h + gf_ui_px(ui, ui->style->line_gap);
}

/* The panel in r: drawn (draw), else only laid out. Returns what is left
 * of r below it; *all_terms: every term row found its room. */
static gf_rect panel(gf_app *app, gf_rect r, bool draw, bool *all_terms)
{
    gf_ui *ui = &app->ui;
    const gf_explain_state *x = app->explain;
    *all_terms = true;
    if (draw) {
        gf_draw_fill(ui, r, ui->style->panel);
        gf_draw_outline(ui, r, ui->style->accent, gf_ui_px(ui, ui->style->outline));
    }
    gf_rect in = gf_rect_inset(r, gf_ui_px(ui, ui->style->panel_pad));
    /* The panel's title only when about fourteen lines of body text remain
     * below it for the value itself (a short panel: the value first). */
    int rest = gf_ui_text_px(ui, GF_TEXT_BODY) * 14;
    int h = optional_line(app, (gf_rect){in.x, in.y, in.w, in.h - rest}, GF_FACE_SANS,
                          GF_TEXT_SMALL, ui->style->text_dim, tx(app, "explain.title"), draw);
#define ADVANCE(expr) do { int used_ = (expr); in.y += used_; in.h -= used_; } while (0)
    ADVANCE(h);
    ADVANCE(draw_heading(app, in, x, draw));
    if (!x->has_value) {
        char buf[320];
        snprintf(buf, sizeof buf, tx(app, "explain.failed"), x->error);
        ADVANCE(line(app, in, GF_FACE_SANS, GF_TEXT_BODY, ui->style->text, buf, draw));
        return (gf_rect){r.x, in.y, r.w, 0};
    }
    const gf_explanation *e = &x->e;
    const char *formula = tx_variant(app, KIND_KEYS[e->kind],
                                     kind_variant(&app->s.model.config, e->kind));
    if (e->kind == GF_EXPLAIN_NORM && app->s.model.config.norm_type == GF_NORM_RMSNORM)
        formula = tx(app, "explain.kind.rmsnorm");
    char score_formula[256];
    if (e->kind == GF_EXPLAIN_SCORE) {   /* "… / √d,  d = 32 (the head size)" */
        snprintf(score_formula, sizeof score_formula, formula, gf_config_head_size(&app->s.model.config));
        formula = score_formula;
    }
    ADVANCE(line(app, in, GF_FACE_SANS, GF_TEXT_BODY, ui->style->text, formula, draw));
    ADVANCE(draw_params(app, in, e, draw));
    /* The lines at the bottom (the sum, the filter's note) and, where there
     * are terms, their heading with two rows (one row without a heading
     * for a single term) keep their room; the curve or the row of exps
     * takes what is left. The key hint comes last and only where it fits:
     * what the value is made of matters more (a lesson's band leaves the
     * panel short on the projector). */
    bool filtered = e->kind == GF_EXPLAIN_PROB &&
                    (app->s.sampler.top_k > 0 || app->s.sampler.top_p < 1.0f);
    int gap = gf_ui_px(ui, ui->style->line_gap);
    int tail = 0;
    if (filtered)
        tail += gf_measure_wrapped(ui, GF_FACE_SANS, GF_TEXT_SMALL, in.w, tx(app, "explain.filtered")) + gap;
    int terms_least = 0;
    if (e->kind != GF_EXPLAIN_MASKED) {
        char sum[256];
        sum_text(app, e, sum, sizeof sum);
        tail += gf_measure_wrapped(ui, GF_FACE_MONO, GF_TEXT_BODY, in.w, sum) + gap;
        /* (An activation's one term is its value: its curve comes first.) */
        int n_rows = e->n_terms + (e->n_other > 0 ? 1 : 0);
        if (n_rows > 0 && e->kind != GF_EXPLAIN_ACTIVATION)
            terms_least = terms_heading_h(app, in.w, n_rows) +
                          (n_rows < 2 ? 1 : 2) * (gf_ui_text_px(ui, GF_TEXT_SMALL) + gf_ui_px(ui, 4.0f)) + gap;
    }
    gf_rect picture = {in.x, in.y, in.w, in.h - tail - terms_least};
    if (e->kind == GF_EXPLAIN_ACTIVATION && picture.h > 0)
        ADVANCE(draw_curve(app, picture, e, draw));
    if ((e->kind == GF_EXPLAIN_WEIGHT || e->kind == GF_EXPLAIN_PROB) && picture.h > 0)
        ADVANCE(draw_row(app, picture, e, x->at.col, draw));
    if (e->kind != GF_EXPLAIN_MASKED) {
        gf_rect terms = in;
        terms.h -= tail;
        ADVANCE(draw_terms(app, terms, e, draw, all_terms));
        ADVANCE(draw_sum(app, in, e, draw));
    }
    if (filtered)
        ADVANCE(optional_line(app, in, GF_FACE_SANS, GF_TEXT_SMALL, ui->style->text_dim,
                              tx(app, "explain.filtered"), draw));
    ADVANCE(optional_line(app, in, GF_FACE_SANS, GF_TEXT_SMALL, ui->style->text_dim,
                          tx(app, "explain.hint"), draw));
#undef ADVANCE
    return (gf_rect){r.x, in.y, r.w, 0};
}

gf_rect gf_explain_draw_panel(gf_app *app, gf_rect r)
{
    bool all = true;
    return panel(app, r, true, &all);
}

bool gf_explain_terms_fit(gf_app *app, gf_rect r)
{
    bool all = true;
    panel(app, r, false, &all);
    return all;
}

/* view_loss.c — the loss screen: how the model learned. The training loss
 * of every step and the validation loss where it was measured, from the
 * model folder's train_log.csv (what `glassformer-cli train` wrote), against
 * the step, with labelled axes and a dashed line at ln V, the loss of a
 * uniform guess over the vocabulary. The file is read once per model folder
 * (core/train_log.h) when the screen is first drawn, and kept. */
#include "views.h"

#include "loss_curve.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *ltext(const gf_app *app, const char *key)
{
    const char *s = gf_text_get(&app->text.file, key);
    return s != NULL ? s : key;
}

const char *gf_loss_text_missing(const gf_texts *tx)
{
    static const char *const KEYS[] = {"loss.title", "loss.step", "loss.axis", "loss.train",
                                       "loss.val", "loss.uniform", "loss.none", "loss.summary"};
    for (size_t i = 0; i < sizeof KEYS / sizeof KEYS[0]; i++)
        if (gf_text_get(&tx->file, KEYS[i]) == NULL)
            return KEYS[i];
    return NULL;
}

void gf_loss_curve_free(gf_app *app)
{
    if (app->loss_curve == NULL)
        return;
    gf_train_log_free(&app->loss_curve->log);
    free(app->loss_curve);
    app->loss_curve = NULL;
}

/* The curve of the open model's folder (read on first use). */
static const gf_loss_curve *curve(gf_app *app)
{
    char dir[1024];
    if (app->opt.random != NULL)
        dir[0] = '\0';  /* a random model has no folder and no log */
    else
        gf_options_model_dir(&app->opt, dir, sizeof dir);
    if (app->loss_curve != NULL && strcmp(app->loss_curve->dir, dir) == 0)
        return app->loss_curve;
    gf_loss_curve_free(app);
    gf_loss_curve *c = calloc(1, sizeof *c);
    if (c == NULL)
        return NULL;
    snprintf(c->dir, sizeof c->dir, "%s", dir);
    gf_error err;
    gf_error_clear(&err);
    if (dir[0] == '\0') {
        snprintf(c->error, sizeof c->error, "%s", ltext(app, "loss.none"));
    } else {
        char path[1100];
        snprintf(path, sizeof path, "%s/train_log.csv", dir);
        c->ok = gf_train_log_load(path, &c->log, &err) == GF_OK;
        if (!c->ok)
            snprintf(c->error, sizeof c->error, "%s", err.message);
    }
    app->loss_curve = c;
    return c;
}

const gf_train_log *gf_loss_log(gf_app *app)
{
    const gf_loss_curve *c = curve(app);
    return c != NULL && c->ok && c->log.n > 0 ? &c->log : NULL;
}

/* A "nice" tick step (1, 2 or 5 × 10^k) for about n ticks over span. */
static double tick_step(double span, int n)
{
    double raw = span / n, p = pow(10.0, floor(log10(raw)));
    return raw / p < 2.0 ? p : raw / p < 5.0 ? 2.0 * p : 5.0 * p;
}

/* A nice step over span (shown in px pixels) that leaves at least min_px
 * pixels between ticks, for at most `most` ticks. */
static double spaced_step(double span, int px, int min_px, int most)
{
    int n = min_px > 0 ? px / min_px : most;
    n = n < 1 ? 1 : n > most ? most : n;
    double step = tick_step(span, n);
    while (n > 1 && step * (double)px / span < (double)min_px)
        step = tick_step(span, --n);   /* rounding up to a nice step can crowd them */
    return step;
}

/* The legend: a short line for the training loss and a dot for the
 * validation loss, each with its name, flowing from (x, y) along a line of
 * width w from x0 and onto the next lines (line_h apart) when they do not
 * fit; outside the plot, so it never covers the curves. Returns the y of
 * its last line; with draw false, only measures. */
static int legend(gf_app *app, int x0, int x, int y, int w, int line_h, int dot, bool draw)
{
    gf_ui *ui = &app->ui;
    const gf_style *st = ui->style;
    int text = gf_ui_text_px(ui, GF_TEXT_BODY), gap = text;
    const char *names[2] = {ltext(app, "loss.train"), ltext(app, "loss.val")};
    gf_rgba colours[2] = {st->palette[0], st->accent};
    for (int k = 0; k < 2; k++) {
        int tw = 0, th = 0;
        gf_text_size(ui, GF_FACE_SANS, GF_TEXT_BODY, names[k], &tw, &th);
        int entry_w = text + text / 2 + tw;
        if (x > x0 && x + entry_w > x0 + w) {
            x = x0;
            y += line_h;
        }
        if (draw) {
            if (k == 0)
                gf_draw_fill(ui, (gf_rect){x, y - 2, text, 4}, colours[k]);
            else
                gf_draw_fill(ui, (gf_rect){x + text / 2 - dot / 2, y - dot / 2, dot, dot},
                             colours[k]);
            gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_BODY, st->text, x + text * 3 / 2, y, names[k],
                         GF_ALIGN_MIDDLE);
        }
        x += entry_w + gap;
    }
    return y;
}

/* The training loss, one point per pixel column at most (its mean), and the
 * validation loss as dots joined, in plot scaled to steps 0..x_max and
 * losses lo..hi. */
#define PX(step) (plot.x + (int)((double)plot.w * (double)(step) / x_max))
#define PY(v) (plot.y + plot.h - (int)((double)plot.h * ((v) - lo) / (hi - lo)))
static void draw_curves(gf_app *app, const gf_train_log *tl, gf_rect plot, double x_max,
                        double lo, double hi, int dot)
{
    gf_ui *ui = &app->ui;
    gf_rgba train = ui->style->palette[0], val = ui->style->accent;
    int prev_x = -1, prev_y = 0, col = -1, count = 0;
    double sum = 0.0;
    for (int i = 0; i <= tl->n; i++) {
        int x = i < tl->n ? PX(tl->step[i]) : -2;
        if (x != col && count > 0) {
            int y = PY(sum / count);
            if (prev_x >= 0)
                gf_draw_line(ui, prev_x, prev_y, col, y, train);
            prev_x = col;
            prev_y = y;
            sum = 0.0;
            count = 0;
        }
        if (i < tl->n) {
            col = x;
            sum += tl->loss[i];
            count++;
        }
    }
    int vx = -1, vy = 0;
    for (int i = 0; i < tl->n; i++) {
        if (isnan(tl->val_loss[i]))
            continue;
        int x = PX(tl->step[i]), y = PY(tl->val_loss[i]);
        if (vx >= 0)
            gf_draw_line(ui, vx, vy, x, y, val);
        gf_draw_fill(ui, (gf_rect){x - dot / 2, y - dot / 2, dot, dot}, val);
        vx = x;
        vy = y;
    }
}

/* Layout, top to bottom: the summary line; the y axis's name with the
 * legend after it (or on the lines below when it does not fit); the plot,
 * its y ticks left of it, as many as fit a line apart; the step ticks
 * under it, as many as fit side by side; the x axis's name. */
void gf_view_loss(gf_app *app, gf_rect r)
{
    gf_ui *ui = &app->ui;
    const gf_style *st = ui->style;
    r = gf_view_title(&app->w, r, ltext(app, "loss.title"));
    const gf_loss_curve *c = curve(app);
    if (c == NULL || !c->ok) {
        gf_draw_wrapped(ui, GF_FACE_SANS, GF_TEXT_HEADING, st->text_dim, r,
                        c != NULL ? c->error : "out of memory");
        return;
    }
    const gf_train_log *tl = &c->log;
    double lo = 0.0, hi = 0.0, uniform = log(app->s.model.config.vocab_size);
    for (int i = 0; i < tl->n; i++) {
        hi = fmax(hi, tl->loss[i]);
        if (!isnan(tl->val_loss[i]))
            hi = fmax(hi, tl->val_loss[i]);
    }
    hi = fmax(hi, uniform) * 1.05;
    double x_max = fmax((double)tl->step[tl->n - 1], 1.0);
    int text = gf_ui_text_px(ui, GF_TEXT_BODY), small = gf_ui_text_px(ui, GF_TEXT_SMALL);
    int body_line = text * 3 / 2, small_line = small * 3 / 2;
    int last_val = -1;
    for (int i = 0; i < tl->n; i++)
        if (!isnan(tl->val_loss[i]))
            last_val = i;
    char line[320];
    if (last_val >= 0)
        snprintf(line, sizeof line, ltext(app, "loss.summary"), (long long)tl->n, tl->loss[0],
                 tl->val_loss[last_val], (long long)tl->step[last_val]);
    else
        snprintf(line, sizeof line, "%lld", (long long)tl->n);
    int y = r.y + body_line / 2;
    gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_BODY, st->text, r.x, y, line, GF_ALIGN_MIDDLE);
    y += body_line;
    int axis_w = gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_BODY, st->text, r.x, y,
                              ltext(app, "loss.axis"), GF_ALIGN_MIDDLE);
    int dot = gf_ui_px(ui, st->outline) * 3 + 3;
    y = legend(app, r.x, r.x + axis_w + 2 * text, y, r.w, body_line, dot, true);
    /* The plot between the legend and the step axis. */
    int tick_w = 0, tick_h = 0;
    gf_text_size(ui, GF_FACE_MONO, GF_TEXT_SMALL, "10.5", &tick_w, &tick_h);
    int left = tick_w + gf_ui_px(ui, 12);
    int top = y + body_line / 2 + tick_h / 2 + gf_ui_px(ui, 4);
    int bottom = r.y + r.h - small_line - body_line;
    gf_rect plot = {r.x + left, top, r.w - left - text, bottom - top};
    if (plot.w < 10 || plot.h < tick_h * 2)
        return;
    gf_draw_fill(ui, plot, st->panel);
    /* Ticks a label's height and a half apart (y), two labels' width (x). */
    double ys = spaced_step(hi - lo, plot.h, tick_h * 3 / 2, 6);
    int step_w = 0, step_h = 0;
    snprintf(line, sizeof line, "%g", x_max);
    gf_text_size(ui, GF_FACE_MONO, GF_TEXT_SMALL, line, &step_w, &step_h);
    double xs = spaced_step(x_max, plot.w, step_w * 2, 8);
    for (double v = lo; v <= hi + 1e-9; v += ys) {
        gf_draw_line(ui, plot.x, PY(v), plot.x + plot.w, PY(v), st->background);
        snprintf(line, sizeof line, "%g", v);
        gf_draw_text(ui, GF_FACE_MONO, GF_TEXT_SMALL, st->text_dim, plot.x - gf_ui_px(ui, 6),
                     PY(v), line, GF_ALIGN_RIGHT | GF_ALIGN_MIDDLE);
    }
    for (double s = 0; s <= x_max + 1e-9; s += xs) {
        gf_draw_line(ui, PX(s), plot.y, PX(s), plot.y + plot.h, st->background);
        snprintf(line, sizeof line, "%g", s);
        /* The last label ends at the plot's edge rather than past it. */
        bool last = PX(s) + step_w > plot.x + plot.w;
        gf_draw_text(ui, GF_FACE_MONO, GF_TEXT_SMALL, st->text_dim, PX(s), plot.y + plot.h + 4,
                     line, last ? GF_ALIGN_RIGHT : GF_ALIGN_LEFT);
    }
    gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_BODY, st->text, plot.x + plot.w,
                 bottom + small_line + body_line / 2, ltext(app, "loss.step"),
                 GF_ALIGN_RIGHT | GF_ALIGN_MIDDLE);
    /* ln V: dashed, named just under it. */
    for (int x = plot.x; x < plot.x + plot.w; x += 12)
        gf_draw_line(ui, x, PY(uniform), x + 6 < plot.x + plot.w ? x + 6 : plot.x + plot.w,
                     PY(uniform), st->text_dim);
    snprintf(line, sizeof line, ltext(app, "loss.uniform"), app->s.model.config.vocab_size,
             uniform);
    gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_BODY, st->text, plot.x + plot.w / 3,
                 PY(uniform) + text / 3, line, GF_ALIGN_LEFT);
    draw_curves(app, tl, plot, x_max, lo, hi, dot);
}
#undef PX
#undef PY

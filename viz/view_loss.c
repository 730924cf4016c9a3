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
    double x_max = (double)tl->step[tl->n - 1];
    int text = gf_ui_text_px(ui, GF_TEXT_BODY);
    /* The summary line, then the plot with room for the axis labels. */
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
    gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_BODY, st->text, r.x, r.y, line, GF_ALIGN_LEFT);
    gf_rect plot = {r.x + text * 4, r.y + text * 3, r.w - text * 6, r.h - text * 6};
    if (plot.w < 10 || plot.h < 10)
        return;
    gf_draw_fill(ui, plot, st->panel);
#define PX(step) (plot.x + (int)((double)plot.w * (double)(step) / x_max))
#define PY(v) (plot.y + plot.h - (int)((double)plot.h * ((v) - lo) / (hi - lo)))
    /* Axes with ticks and labels. */
    double ys = tick_step(hi - lo, 6), xs = tick_step(x_max, 8);
    for (double v = lo; v <= hi; v += ys) {
        gf_draw_line(ui, plot.x, PY(v), plot.x + plot.w, PY(v), st->background);
        snprintf(line, sizeof line, "%g", v);
        gf_draw_text(ui, GF_FACE_MONO, GF_TEXT_SMALL, st->text_dim, plot.x - 6, PY(v), line,
                     GF_ALIGN_RIGHT | GF_ALIGN_MIDDLE);
    }
    for (double s = 0; s <= x_max; s += xs) {
        gf_draw_line(ui, PX(s), plot.y, PX(s), plot.y + plot.h, st->background);
        snprintf(line, sizeof line, "%g", s);
        gf_draw_text(ui, GF_FACE_MONO, GF_TEXT_SMALL, st->text_dim, PX(s), plot.y + plot.h + 4, line,
                     GF_ALIGN_LEFT);
    }
    gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_BODY, st->text, plot.x + plot.w, plot.y + plot.h + text * 2,
                 ltext(app, "loss.step"), GF_ALIGN_RIGHT);
    gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_BODY, st->text, r.x, plot.y - text * 3 / 2,
                 ltext(app, "loss.axis"), GF_ALIGN_LEFT);
    /* ln V: dashed. */
    for (int x = plot.x; x < plot.x + plot.w; x += 12)
        gf_draw_line(ui, x, PY(uniform), x + 6 < plot.x + plot.w ? x + 6 : plot.x + plot.w, PY(uniform),
                     st->text_dim);
    snprintf(line, sizeof line, ltext(app, "loss.uniform"), app->s.model.config.vocab_size, uniform);
    gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_BODY, st->text, plot.x + plot.w / 3, PY(uniform) + text / 3,
                 line, GF_ALIGN_LEFT);
    /* Training loss: one point per pixel column at most (its mean). */
    gf_rgba train = st->palette[0], val = st->accent;
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
    /* Validation loss: dots joined. */
    int dot = gf_ui_px(ui, st->outline) * 3 + 3, vx = -1, vy = 0;
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
#undef PX
#undef PY
    /* Legend. */
    /* Legend: bottom right, where the curves never go (below the lowest loss). */
    int legend_w = 0, legend_h = 0;
    gf_text_size(ui, GF_FACE_SANS, GF_TEXT_BODY, ltext(app, "loss.val"), &legend_w, &legend_h);
    int lx = plot.x + plot.w - legend_w - text * 3, ly = plot.y + plot.h - text * 3;
    gf_draw_fill(ui, (gf_rect){lx, ly - 2, text, 4}, train);
    gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_BODY, st->text, lx + text * 3 / 2, ly, ltext(app, "loss.train"),
                 GF_ALIGN_MIDDLE);
    gf_draw_fill(ui, (gf_rect){lx + text / 2 - dot / 2, ly + text * 3 / 2 - dot / 2, dot, dot}, val);
    gf_draw_text(ui, GF_FACE_SANS, GF_TEXT_BODY, st->text, lx + text * 3 / 2, ly + text * 3 / 2,
                 ltext(app, "loss.val"), GF_ALIGN_MIDDLE);
}

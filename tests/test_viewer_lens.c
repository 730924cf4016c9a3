/* test_viewer_lens.c — the logit lens screen: opening it (the L key, under
 * a Russian layout «д») starts the lens on the worker; once it is done the
 * grid's last row is, at every position, the probability view's most likely
 * token (gf_app_top_tokens) and the argmax of the trace's logits with its
 * softmax at T = 1, both computed here; layer 0 is x0 through the final norm
 * and the unembedding, written out here in double. A new token makes the
 * grid stale until the worker has computed it again. Rows are numbered as
 * the stage screens number layers (the row after layer 0 says "layer 0",
 * the output row the last layer's number); a GPT-2-sized model's cells in
 * large-font mode, where token and probability do not both fit, cut the
 * token, never the probability. */
#include "check.h"

#include "viewer_fixture.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* argmax and softmax(z)[argmax] of n logits, in double (ties: lower id). */
static int argmax_prob(const float *z, int n, double *prob)
{
    int best = 0;
    for (int v = 1; v < n; v++)
        if (z[v] > z[best])
            best = v;
    double sum = 0.0;
    for (int v = 0; v < n; v++)
        sum += exp((double)z[v] - z[best]);
    *prob = 1.0 / sum;
    return best;
}

static void check_output_row(check_ctx *c, gf_app *app)
{
    const gf_lens_job *job = &app->work->lens;
    if (!CHECK(c, job->has_shown && job->shown_generation == app->s.generation))
        return;
    const gf_logit_lens *lens = &job->shown;
    int L = app->s.model.config.n_layer, V = app->s.model.config.vocab_size;
    CHECK_INT(c, lens->n_layers, L + 1);
    CHECK_INT(c, lens->n_positions, app->s.n_tokens);
    for (int t = 0; t < app->s.n_tokens; t++) {
        const gf_lens_entry *e = gf_logit_lens_cell(lens, L, t);
        double p = 0.0;
        int best = argmax_prob(gf_trace_logits_row(&app->s.trace, t), V, &p);
        CHECK_INT(c, e[0].token, best);
        CHECK_NEAR(c, e[0].prob, p, 1e-5);
        const gf_top_tokens *top = gf_app_top_tokens(app, t, app->temperature);
        CHECK_INT(c, top->ids[0], e[0].token);
    }
}

/* Layer 0, position t: softmax(LN_f(x0[t]) · W_Uᵀ) (pre-norm). */
static void check_layer0(check_ctx *c, gf_app *app, int t)
{
    const gf_config *cfg = &app->s.model.config;
    int C = cfg->n_embd, V = cfg->vocab_size;
    gf_view x0;
    if (!CHECK(c, gf_trace_get(&app->s.trace, "x0", -1, -1, &x0)) ||
        !CHECK(c, cfg->norm_placement == GF_NORM_PRE && cfg->norm_type == GF_NORM_LAYERNORM))
        return;
    const gf_weights *w = &app->s.model.weights;
    if (!CHECK(c, w->ln_f_w != NULL && w->ln_f_b != NULL))
        return;
    double mean = 0.0, var = 0.0, h[1024];
    if (!CHECK(c, C <= 1024))
        return;
    for (int i = 0; i < C; i++)
        mean += gf_view_at2(&x0, t, i);
    mean /= C;
    for (int i = 0; i < C; i++)
        var += (gf_view_at2(&x0, t, i) - mean) * (gf_view_at2(&x0, t, i) - mean);
    var /= C;
    for (int i = 0; i < C; i++)
        h[i] = (gf_view_at2(&x0, t, i) - mean) / sqrt(var + cfg->norm_eps) * w->ln_f_w[i] + w->ln_f_b[i];
    int best = 0;
    double zbest = -INFINITY, sum = 0.0;
    static double z[1 << 16];
    if (!CHECK(c, V <= (1 << 16)))
        return;
    for (int v = 0; v < V; v++) {
        z[v] = 0.0;
        for (int i = 0; i < C; i++)
            z[v] += h[i] * w->lm_head[(size_t)v * (size_t)C + (size_t)i];
        if (z[v] > zbest) {
            zbest = z[v];
            best = v;
        }
    }
    for (int v = 0; v < V; v++)
        sum += exp(z[v] - zbest);
    const gf_lens_entry *e = gf_logit_lens_cell(&app->work->lens.shown, 0, t);
    CHECK_INT(c, e[0].token, best);
    CHECK_NEAR(c, e[0].prob, 1.0 / sum, 1e-4);
}

/* Whether any text drawn this frame is s. */
static bool drawn(const gf_app *app, const char *s)
{
    for (int i = 0; i < app->ui.n_text; i++)
        if (strcmp(app->ui.text_rects[i].text, s) == 0)
            return true;
    return false;
}

/* The row labels in the stage screens' layer numbers (Russian). */
static void check_row_labels(check_ctx *c, gf_app *app)
{
    int L = app->s.model.config.n_layer;
    char last[32], beyond[32], first[32];
    snprintf(last, sizeof last, "%d выход", L - 1);
    snprintf(beyond, sizeof beyond, "%d выход", L);
    snprintf(first, sizeof first, "слой %d", 0);
    app->ui.record_text = true;
    gf_headless_frame(app);
    CHECK(c, drawn(app, "x0") && drawn(app, first) && drawn(app, last) && !drawn(app, beyond));
    app->ui.record_text = false;
}

static void test_gpt2_cells(check_ctx *c)
{
    char *argv[] = {"glassformer", "--random", "gpt2", "--lang", "ru", "--large", "--prompt",
                    "Кот сидел на", "--stage", "lens"};
    gf_app *app = viewer_fixture_open_argv(c, 10, argv, 1920, 1080);
    if (app == NULL)
        return;
    CHECK(c, viewer_fixture_settle(app));
    app->ui.record_text = true;
    gf_headless_frame(app);
    int cells = 0;
    for (int i = 0; i < app->ui.n_text; i++) {
        const char *t = app->ui.text_rects[i].text;
        size_t n = strlen(t);
        cells += n > 0 && t[n - 1] == '%';
        if (!CHECK(c, n < 3 || strcmp(t + n - 3, "…") != 0))
            fprintf(stderr, "  cut: \"%s\"\n", t);
    }
    CHECK(c, cells >= 13 * 4);   /* 13 rows of at least 4 positions */
    check_row_labels(c, app);
    viewer_fixture_close(app);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "test_viewer_lens");
    char err[512] = "";
    gf_app *app = viewer_fixture_open_checked(&c, "The cat sat on the mat and", 1280, 720);
    if (app != NULL) {
        CHECK(&c, gf_app_set_lang(app, GF_LANG_RU, err, sizeof err));
        CHECK(&c, !app->work->lens.has_shown);                      /* only when asked */
        CHECK(&c, viewer_fixture_press(app, 0x0434, SDL_SCANCODE_L)); /* д on L */
        CHECK_INT(&c, app->screen, GF_SCREEN_LENS);
        CHECK(&c, viewer_fixture_settle(app));
        gf_headless_frame(app);
        check_output_row(&c, app);
        check_row_labels(&c, app);
        check_layer0(&c, app, 2);
        check_layer0(&c, app, app->s.n_tokens - 1);
        /* A sampled token: stale until computed again, then right again. */
        CHECK(&c, viewer_fixture_press(app, ' ', SDL_SCANCODE_SPACE));
        CHECK(&c, viewer_fixture_settle(app));
        gf_headless_frame(app);
        check_output_row(&c, app);
        /* L again leaves the screen. */
        CHECK(&c, viewer_fixture_press(app, 0x0434, SDL_SCANCODE_L));
        CHECK_INT(&c, app->screen, GF_SCREEN_STAGE);
    }
    viewer_fixture_close(app);
    test_gpt2_cells(&c);
    return check_end(&c);
}

/* test_viewer_explain.c — "how was this number computed?" in the viewer:
 * a click on a heatmap cell, a strip value or a bar, and the E key with the
 * arrows and Enter (under a Russian layout), open the panel for the right
 * trace value (key, layer, head, row, col checked against the cell, the
 * value against gf_trace_get and, for a probability, against a softmax
 * written here); the panel's explanation is core's (the same numbers as a
 * fresh gf_explain_value); the panel draws for every kind in en and ru;
 * Esc closes it, then stops selecting, in the skeleton's Esc order; a
 * lesson step's `explain: KEY ROW COL` selects ROW's position (over the
 * step's own `position`) and outlines the explained cell in every map that
 * shows it; in the short panel of a lesson step on the projector the terms'
 * heading stands over rows and an activation's curve is drawn. */
#include "check.h"

#include "explain_panel.h"
#include "keys.h"
#include "lesson_fixture.h"
#include "viewer_fixture.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Click the centre of cell (row, col) (indices of what the map shows) of
 * heatmap id; false when the map or the cell is not drawn. */
static bool click_cell(gf_app *app, const char *id, int row, int col)
{
    gf_headless_frame(app);
    const gf_ui_heat_record *rec = gf_ui_find_heat(&app->ui, id);
    if (rec == NULL || row < rec->row0 || row >= rec->row0 + rec->rows || col < rec->col0 ||
        col >= rec->col0 + rec->cols)
        return false;
    int x = rec->cells.x + (int)((col - rec->col0 + 0.5) * rec->cells.w / rec->cols);
    int y = rec->cells.y + (int)((row - rec->row0 + 0.5) * rec->cells.h / rec->rows);
    return gf_app_click(app, x, y);
}

/* The panel's explanation is what core gives for the same place: every
 * term, the remainder and the total (the viewer computes nothing). */
static void check_same_as_core(check_ctx *c, gf_app *app)
{
    const gf_explain_state *x = app->explain;
    if (!CHECK(c, x != NULL && x->has_value))
        return;
    gf_explain_options opt = {.max_terms = 16, .temperature = app->temperature};
    gf_explanation e;
    gf_error err = {0};
    if (!CHECK_OK(c, gf_explain_value(&app->s.model, &app->s.trace, &x->at, &opt, &e, &err), &err))
        return;
    CHECK_INT(c, x->e.kind, e.kind);
    CHECK_INT(c, x->e.n_terms, e.n_terms);
    for (int i = 0; i < e.n_terms && i < x->e.n_terms; i++)
        CHECK(c, x->e.terms[i].value == e.terms[i].value && x->e.terms[i].index == e.terms[i].index);
    CHECK(c, x->e.remainder == e.remainder && x->e.total == e.total);
    /* Terms shown + remainder = the trace's value within 1e-5·Σ|terms|. */
    double sum = x->e.remainder;
    for (int i = 0; i < x->e.n_terms; i++)
        sum += x->e.terms[i].value;
    if (x->e.kind != GF_EXPLAIN_MASKED)
        CHECK_NEAR(c, sum, x->e.trace_value, 1e-5 * x->e.abs_sum + 1e-7);
    gf_explanation_free(&e);
}

static void check_at(check_ctx *c, const gf_app *app, const char *key, int layer, int head,
                     int row, int col)
{
    const gf_explain_state *x = app->explain;
    if (!CHECK(c, x != NULL && gf_explain_panel_shown(app)))
        return;
    CHECK_STR(c, x->at.key, key);
    CHECK_INT(c, x->at.layer, layer);
    CHECK_INT(c, x->at.head, head);
    CHECK_INT(c, x->at.row, row);
    CHECK_INT(c, x->at.col, col);
}

/* A click on score (i, j) of layer 1, head 2 explains that score. */
static void test_click_scores(check_ctx *c, gf_app *app)
{
    gf_stepper_set_layer(&app->st, 1);
    gf_stepper_set_head(&app->st, 2);
    CHECK(c, gf_stepper_goto(&app->st, GF_STAGE_SCORES));
    int i = app->s.n_tokens - 1, j = 2;
    CHECK(c, click_cell(app, "attention", i, j));
    check_at(c, app, "attn.scores", 1, 2, i, j);
    gf_view v;
    CHECK(c, gf_trace_get(&app->s.trace, "attn.scores", 1, 2, &v));
    if (app->explain != NULL && app->explain->has_value)
        CHECK(c, app->explain->e.trace_value == gf_view_at2(&v, i, j));
    check_same_as_core(c, app);
    CHECK_INT(c, app->explain->e.n_terms + app->explain->e.n_other,
              app->s.model.config.n_embd / app->s.model.config.n_head);
    /* Above the diagonal of the weights: the mask, nothing computed. */
    CHECK(c, gf_stepper_goto(&app->st, GF_STAGE_SOFTMAX));
    CHECK(c, click_cell(app, "attention", 1, 3));
    check_at(c, app, "attn.weights", 1, 2, 1, 3);
    CHECK_INT(c, app->explain->e.kind, GF_EXPLAIN_MASKED);
}

/* A click on the x0 strip (one row: the current position) explains x0[t, c]. */
static void test_click_strip(check_ctx *c, gf_app *app)
{
    CHECK(c, gf_stepper_goto(&app->st, GF_STAGE_EMBED));
    int t = 3;
    gf_stepper_set_position(&app->st, t);
    gf_headless_frame(app);
    const gf_ui_heat_record *rec = gf_ui_find_heat(&app->ui, "x0");
    if (!CHECK(c, rec != NULL && rec->rows == 1 && rec->source_row == t))
        return;
    CHECK(c, click_cell(app, "x0", 0, 5));
    check_at(c, app, "x0", -1, -1, t, 5);
    gf_view v;
    CHECK(c, gf_trace_get(&app->s.trace, "x0", -1, -1, &v));
    CHECK(c, app->explain->e.trace_value == gf_view_at2(&v, t, 5));
    CHECK_INT(c, app->explain->e.kind, GF_EXPLAIN_EMBED);
    check_same_as_core(c, app);
    /* A norm's and a residual's strips and maps belong to their layer. */
    gf_stepper_set_layer(&app->st, 1);
    CHECK(c, gf_stepper_goto(&app->st, GF_STAGE_NORM_2));
    CHECK(c, click_cell(app, "norm.out", 0, 5));
    check_at(c, app, "ln_2.out", 1, -1, t, 5);
    check_same_as_core(c, app);
    CHECK(c, click_cell(app, "vector.all", 1, 2));
    check_at(c, app, "ln_2.out", 1, -1, 1, 2);
    CHECK(c, gf_stepper_goto(&app->st, GF_STAGE_RESIDUAL_2));
    CHECK(c, click_cell(app, "res.delta", 0, 7));
    check_at(c, app, "mlp.out", 1, -1, t, 7);
    check_same_as_core(c, app);
}

/* A click on the probability bar of the top token: softmax(z/T) of that
 * token, computed here in double from the logits row. */
static void test_click_bar(check_ctx *c, gf_app *app)
{
    CHECK(c, gf_stepper_goto(&app->st, GF_STAGE_PROBS));
    int t = app->st.position;
    gf_headless_frame(app);
    const gf_ui_hit *bar = NULL;
    for (int k = 0; k < app->ui.n_hits && bar == NULL; k++)
        if (app->ui.hits[k].kind == GF_HIT_BAR_PROB)
            bar = &app->ui.hits[k];
    if (!CHECK(c, bar != NULL))
        return;
    int id = bar->index;
    CHECK(c, gf_app_click(app, bar->rect.x + bar->rect.w / 2, bar->rect.y + bar->rect.h / 2));
    check_at(c, app, "probs", -1, -1, t, id);
    const float *z = gf_trace_logits_row(&app->s.trace, t);
    int V = app->s.model.config.vocab_size;
    double T = app->temperature, top = -INFINITY, sum = 0.0;
    for (int v = 0; v < V; v++)
        top = fmax(top, z[v] / T);
    for (int v = 0; v < V; v++)
        sum += exp(z[v] / T - top);
    CHECK_NEAR(c, app->explain->e.total, exp(z[id] / T - top) / sum, 1e-9);
    check_same_as_core(c, app);
}

/* E (under a Russian layout: 'у' on the E key) selects a number, arrows
 * move it, Enter opens and closes the panel; Esc closes, then stops
 * selecting, then asks to quit. Without a selection Enter samples. */
static void test_keys(check_ctx *c, gf_app *app)
{
    gf_stepper_set_layer(&app->st, 0);
    gf_stepper_set_head(&app->st, 1);
    CHECK(c, gf_stepper_goto(&app->st, GF_STAGE_SCORES));
    gf_stepper_set_position(&app->st, 4);
    gf_explain_close(app);
    gf_headless_frame(app);
    CHECK(c, viewer_fixture_press(app, 0x0443, SDL_SCANCODE_E)); /* у on E */
    CHECK(c, gf_explain_selecting(app));
    CHECK(c, !gf_explain_panel_shown(app));
    /* The selection lands on the current position's row, first column. */
    CHECK(c, viewer_fixture_press(app, SDLK_RIGHT, SDL_SCANCODE_RIGHT));
    CHECK(c, viewer_fixture_press(app, SDLK_RIGHT, SDL_SCANCODE_RIGHT));
    CHECK(c, viewer_fixture_press(app, SDLK_UP, SDL_SCANCODE_UP));
    CHECK_INT(c, gf_stepper_stage(&app->st), GF_STAGE_SCORES);   /* arrows did not step */
    CHECK_INT(c, app->st.layer, 0);
    CHECK(c, viewer_fixture_press(app, SDLK_RETURN, SDL_SCANCODE_RETURN));
    check_at(c, app, "attn.scores", 0, 1, 3, 2);
    check_same_as_core(c, app);
    /* With the panel open, a move explains the new cell at once. */
    CHECK(c, viewer_fixture_press(app, SDLK_LEFT, SDL_SCANCODE_LEFT));
    check_at(c, app, "attn.scores", 0, 1, 3, 1);
    gf_headless_frame(app);
    CHECK(c, viewer_fixture_press(app, SDLK_RETURN, SDL_SCANCODE_RETURN)); /* closes */
    CHECK(c, !gf_explain_panel_shown(app));
    CHECK(c, viewer_fixture_press(app, SDLK_RETURN, SDL_SCANCODE_RETURN)); /* opens again */
    CHECK(c, gf_explain_panel_shown(app));
    CHECK(c, viewer_fixture_press(app, SDLK_ESCAPE, SDL_SCANCODE_ESCAPE));
    CHECK(c, !gf_explain_panel_shown(app) && gf_explain_selecting(app));
    CHECK_INT(c, app->overlay, GF_SCREEN_NONE);
    CHECK(c, viewer_fixture_press(app, SDLK_ESCAPE, SDL_SCANCODE_ESCAPE));
    CHECK(c, !gf_explain_selecting(app));
    CHECK_INT(c, app->overlay, GF_SCREEN_NONE);
    CHECK(c, viewer_fixture_press(app, SDLK_ESCAPE, SDL_SCANCODE_ESCAPE));
    CHECK_INT(c, app->overlay, GF_SCREEN_QUIT);
    CHECK(c, viewer_fixture_press(app, 0x0443, SDL_SCANCODE_E)); /* closes the question */
    CHECK_INT(c, app->overlay, GF_SCREEN_NONE);
    CHECK(c, !app->quit);
    /* Not selecting: Enter still samples the next token. */
    int n = app->s.n_tokens;
    CHECK(c, viewer_fixture_press(app, SDLK_RETURN, SDL_SCANCODE_RETURN));
    CHECK(c, viewer_fixture_settle(app));
    CHECK_INT(c, app->s.n_tokens, n + 1);
    /* The panel belongs to the data it explains: a new token hides it. */
    gf_headless_frame(app);
    CHECK(c, viewer_fixture_press(app, 0x0443, SDL_SCANCODE_E));
    CHECK(c, viewer_fixture_press(app, SDLK_RETURN, SDL_SCANCODE_RETURN));
    CHECK(c, gf_explain_panel_shown(app));
    viewer_fixture_press(app, SDLK_BACKSPACE, SDL_SCANCODE_BACKSPACE); /* the worker removes it */
    CHECK(c, viewer_fixture_settle(app));
    CHECK(c, !gf_explain_panel_shown(app));
    CHECK(c, viewer_fixture_press(app, SDLK_ESCAPE, SDL_SCANCODE_ESCAPE)); /* stop selecting */
}

/* Trace entry names → where a value is. */
static void test_locate(check_ctx *c)
{
    char key[32];
    gf_explain_at at;
    CHECK(c, gf_explain_locate("h.3.attn.q[5]", -1, 7, 2, key, sizeof key, &at));
    CHECK(c, strcmp(at.key, "attn.q") == 0 && at.layer == 3 && at.head == 5 && at.row == 7 && at.col == 2);
    CHECK(c, gf_explain_locate("x0", 4, 0, 9, key, sizeof key, &at));
    CHECK(c, strcmp(at.key, "x0") == 0 && at.layer == -1 && at.head == -1 && at.row == 4 && at.col == 9);
    CHECK(c, gf_explain_locate("h.12.res_2", -1, 1, 1, key, sizeof key, &at));
    CHECK(c, at.layer == 12 && at.head == -1);
    CHECK(c, !gf_explain_locate("h.0.ln_1.rstd", -1, 0, 0, key, sizeof key, &at));
    CHECK(c, !gf_explain_locate("logits.top", -1, 0, 0, key, sizeof key, &at));
    CHECK(c, !gf_explain_locate("", -1, 0, 0, key, sizeof key, &at));
    CHECK(c, !gf_explain_locate(NULL, -1, 0, 0, key, sizeof key, &at));
}

/* Every kind's panel draws, in en and ru, and changes the panel's pixels;
 * --explain's bad values are one-line errors. */
static void test_every_kind(check_ctx *c, gf_app *app)
{
    static const char *const specs[] = {
        "x0,2,5", "tok_emb,1,0", "ln_1.out,2,3", "attn.q,2,1", "attn.scores,3,1",
        "attn.masked,1,3", "attn.weights,3,1", "attn.heads,3,2", "attn.proj,2,2", "res_1,1,1",
        "mlp.pre,2,4", "mlp.act,2,4", "mlp.out,1,0", "res_2,2,2", "logits,3,7", "probs,3,7"};
    char err[512];
    gf_stepper_set_layer(&app->st, 1);
    gf_stepper_set_head(&app->st, 1);
    CHECK(c, gf_stepper_goto(&app->st, GF_STAGE_SOFTMAX));
    gf_explain_close(app);
    gf_headless_frame(app);
    for (int lang = 0; lang < 2; lang++) {
        CHECK(c, gf_app_set_lang(app, lang ? GF_LANG_RU : GF_LANG_EN, err, sizeof err));
        for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++) {
            gf_explain_close(app);
            gf_headless_frame(app);
            bool ok = gf_explain_option(app, specs[i], err, sizeof err);
            if (!CHECK(c, ok))
                fprintf(stderr, "  %s: %s\n", specs[i], err);
            gf_headless_frame(app);
            CHECK(c, gf_explain_panel_shown(app));
            check_same_as_core(c, app);
        }
    }
    CHECK(c, gf_app_set_lang(app, GF_LANG_EN, err, sizeof err));
    CHECK(c, !gf_explain_option(app, "attn.scores,1", err, sizeof err));
    CHECK(c, strstr(err, "KEY,ROW,COL") != NULL);
    CHECK(c, !gf_explain_option(app, "ln_1.rstd,0,0", err, sizeof err));
    CHECK(c, strstr(err, "ln_1.rstd") != NULL);
    CHECK(c, !gf_explain_option(app, "x0,999,0", err, sizeof err));
    CHECK(c, strstr(err, "x0") != NULL);
    gf_explain_close(app);
}

/* Whether one of the outlined cells is cell (row, col) of heatmap id (a
 * strip: its one row, which must be row). */
static bool outlined(const gf_app *app, const char *id, int row, int col)
{
    const gf_ui_heat_record *h = gf_ui_find_heat(&app->ui, id);
    if (h == NULL || h->rows <= 0 || h->cols <= 0)
        return false;
    int r = h->source_row >= 0 ? (h->source_row == row ? 0 : -1) : row - h->row0;
    if (r < 0 || r >= h->rows || col < h->col0 || col >= h->col0 + h->cols)
        return false;
    int x = h->cells.x + (int)((col - h->col0 + 0.5) * h->cells.w / h->cols);
    int y = h->cells.y + (int)((r + 0.5) * h->cells.h / h->rows);
    gf_rect cells[GF_UI_MAX_HEAT];
    int n = gf_explain_marked_cells(app, cells, GF_UI_MAX_HEAT);
    for (int i = 0; i < n; i++)
        if (gf_rect_contains(cells[i], x, y) && cells[i].w <= h->cells.w / h->cols + 1 &&
            cells[i].h <= h->cells.h / h->rows + 1)
            return true;
    return false;
}

/* A lesson's `explain:` rings the explained row, not the step's position
 * (an earlier row than the last; a step whose `position` names another). */
static void test_lesson_row(check_ctx *c)
{
    char path[512];
    if (!lesson_fixture_write(c, "explain_row.lesson",
                              "title: Explained rows\n"
                              "---\n"
                              "prompt: The cat sat on the mat and\n"
                              "screen: scores\n"
                              "layer: 1\n"
                              "head: 2\n"
                              "explain: attn.scores 3 1\n"
                              "\n"
                              "A score of an earlier row.\n"
                              "---\n"
                              "screen: norm_2\n"
                              "position: 2\n"
                              "explain: ln_2.out 4 5\n"
                              "\n"
                              "A number of row 4; the step's position says 2.\n"
                              "---\n"
                              "position: 2\n"
                              "\n"
                              "No explanation: the step's position.\n",
                              path, sizeof path))
        return;
    char *argv[] = {"glassformer", "--lesson", path, "--random", "tiny"};
    gf_app *app = lesson_fixture_open(c, 5, argv, 1280, 720);
    if (app == NULL)
        return;
    const int steps[][2] = {{3, 1}, {4, 5}, {2, -1}};
    const char *maps[] = {"attention", "norm.out", NULL};
    for (int i = 0; i < 3; i++) {
        gf_lesson_go(app, i);
        CHECK(c, viewer_fixture_settle(app));
        gf_lesson_poll(app);
        gf_headless_frame(app);
        CHECK_INT(c, app->st.position, steps[i][0]);
        CHECK(c, !gf_lesson_exploring(app));
        CHECK(c, gf_explain_panel_shown(app) == (steps[i][1] >= 0));
        if (maps[i] != NULL && !CHECK(c, outlined(app, maps[i], steps[i][0], steps[i][1])))
            fprintf(stderr, "  step %d: cell %d %d of %s not outlined\n", i + 1, steps[i][0],
                    steps[i][1], maps[i]);
        if (i == 1)  /* the norm's all-positions map shows the value too */
            CHECK(c, outlined(app, "vector.all", 4, 5));
    }
    viewer_fixture_close(app);
}

/* The first recorded text of this frame that starts with prefix and lies
 * inside r, or NULL. */
static const gf_ui_text_rect *text_in(const gf_app *app, gf_rect r, const char *prefix)
{
    for (int i = 0; i < app->ui.n_text; i++) {
        const gf_ui_text_rect *t = &app->ui.text_rects[i];
        if (strncmp(t->text, prefix, strlen(prefix)) == 0 && gf_rect_contains(r, t->r.x, t->r.y))
            return t;
    }
    return NULL;
}

/* A lesson step on the projector (1920×1080, large font, its band below):
 * the panel is short. Its terms' heading stands over at least two rows of
 * terms (never over nothing), and an activation's curve is drawn (the step
 * talks about it), the key hint giving way first. */
static void test_short_panel(check_ctx *c)
{
    char path[512];
    if (!lesson_fixture_write(c, "explain_short.lesson",
                              "title: Short panel\n"
                              "--- Один выход\n"
                              "prompt: The king was tired, and the queen sang a song\n"
                              "screen: attn_proj\n"
                              "layer: 3\n"
                              "explain: attn.proj 6 5\n"
                              "\n"
                              "От какой головы пришли самые крупные слагаемые? Голове h принадлежат "
                              "столбцы k от h × 32 до (h + 1) × 32 − 1.\n"
                              "--- Кривая\n"
                              "screen: activation\n"
                              "layer: 1\n"
                              "explain: mlp.act 4 0\n"
                              "\n"
                              "Панель отмечает одно входное число на кривой: отрицательное число даёт "
                              "небольшое отрицательное, а не ровно 0.\n",
                              path, sizeof path))
        return;
    gf_app *app = lesson_fixture_open_large(c, path, "ru", 1920, 1080);
    if (app == NULL)
        return;
    app->ui.record_text = true;
    gf_rect right = {1920 * 2 / 3, 0, 1920 / 3, 1080};   /* the panel's side */
    for (int i = 0; i < 2; i++) {
        gf_lesson_go(app, i);
        lesson_fixture_draw_settled(c, app);
        CHECK(c, gf_explain_panel_shown(app));
        const gf_ui_text_rect *sum = text_in(app, right, "сумма");
        if (!CHECK(c, sum != NULL))
            continue;
        if (i == 0) {
            /* The heading, then rows (a label and a value each) above the sum. */
            const gf_ui_text_rect *heading = text_in(app, right, "слагаемые");
            if (!CHECK(c, heading != NULL))
                continue;
            int rows = 0;
            for (int k = 0; k < app->ui.n_text; k++) {
                const gf_ui_text_rect *t = &app->ui.text_rects[k];
                if (gf_rect_contains(right, t->r.x, t->r.y) && t->r.y > heading->r.y &&
                    t->r.y + t->r.h <= sum->r.y && strncmp(t->text, "первыми", 14) != 0)
                    rows++;
            }
            if (!CHECK(c, rows >= 4))
                fprintf(stderr, "  %d texts between the terms' heading and the sum\n", rows);
        } else {
            const gf_ui_text_rect *curve = text_in(app, right, "функция");
            CHECK(c, curve != NULL);
            CHECK(c, text_in(app, right, "f(") != NULL);
        }
    }
    viewer_fixture_close(app);
}

/* The steps that ask about the terms (lessons 03.5, 08.8, 04.11) on the
 * projector: the band keeps to the views' column and the explain panel
 * runs down beside it, so at least five rows of terms stand between their
 * heading and the sum (at 1920x1080 large the scores and logits panels had
 * none, the projection's one). The band's text stays whole. The score
 * divides by √d, d the head size, as the lessons and the stage's formula
 * write it (it said "√hs"). */
static void test_projector_terms(check_ctx *c)
{
    char path[512];
    if (!lesson_fixture_write(c, "explain_terms.lesson",
                              "title: Terms on the projector\n"
                              "--- Одна оценка: скалярное произведение\n"
                              "prompt: The king was tired, and the queen sang a song\n"
                              "screen: scores\n"
                              "layer: 2\n"
                              "head: 1\n"
                              "explain: attn.scores 7 6\n"
                              "\n"
                              "Насколько «␣and» подходит запятой? Перемножим запрос и ключ координата "
                              "за координатой и всё сложим: это Σ на панели.\n"
                              "\n"
                              "После деления на √d (следующий шаг) получается оценка этой клетки.\n"
                              "--- Ответ: снова таблица эмбеддингов\n"
                              "screen: logits\n"
                              "explain: logits 6 1171\n"
                              "\n"
                              "Это «␣быть», вероятность 84.1 %. Неплохо для маленькой модели: в её "
                              "русских текстах много афоризмов.\n"
                              "\n"
                              "Его логит — скалярное произведение итогового вектора на строку этого "
                              "токена в wte, сумма по 128 числам (панель справа; W_U здесь — это wte). "
                              "Таблица работает дважды (это называется связыванием весов) и избавляет "
                              "от второй матрицы 20 480 × 128.\n"
                              "--- Одно число на выходе\n"
                              "screen: attn_proj\n"
                              "layer: 2\n"
                              "explain: attn.proj 6 5\n"
                              "\n"
                              "От какой головы пришли самые крупные слагаемые? Голове h принадлежат "
                              "столбцы k от h × 32 до (h + 1) × 32 − 1.\n",
                              path, sizeof path))
        return;
    gf_app *app = lesson_fixture_open_large(c, path, "ru", 1920, 1080);
    if (app == NULL)
        return;
    app->ui.record_text = true;
    gf_rect right = {1920 * 2 / 3, 0, 1920 / 3, 1080};   /* the panel's side */
    const char *sums[] = {"Σ q·k", "сумма", "сумма"};
    for (int i = 0; i < 3; i++) {
        gf_lesson_go(app, i);
        lesson_fixture_draw_settled(c, app);
        CHECK(c, gf_explain_panel_shown(app));
        CHECK_INT(c, app->ui.n_cuts, 0);
        const gf_ui_text_rect *heading = text_in(app, right, "слагаемые");
        const gf_ui_text_rect *sum = text_in(app, right, sums[i]);
        if (!CHECK(c, heading != NULL && sum != NULL)) {
            fprintf(stderr, "  step %d: no terms' heading or no sum in the panel\n", i + 1);
            continue;
        }
        int texts = 0, root_d = 0, root_hs = 0, d_named = 0;
        char d_is[32];
        snprintf(d_is, sizeof d_is, "d = %d", gf_config_head_size(&app->s.model.config));
        for (int k = 0; k < app->ui.n_text; k++) {
            const gf_ui_text_rect *t = &app->ui.text_rects[k];
            if (!gf_rect_contains(right, t->r.x, t->r.y))
                continue;
            if (t->r.y > heading->r.y && t->r.y + t->r.h <= sum->r.y &&
                strncmp(t->text, "первыми", 14) != 0)
                texts++;
            root_d += strstr(t->text, "√d") != NULL;
            root_hs += strstr(t->text, "√hs") != NULL;
            d_named += strstr(t->text, d_is) != NULL;
        }
        /* The score's scale in the lessons' notation, √d, with d named. */
        if (i == 0 && !CHECK(c, root_d >= 2 && root_hs == 0 && d_named == 1))
            fprintf(stderr, "  scores panel: %d texts with √d, %d with √hs, %d with '%s'\n", root_d,
                    root_hs, d_named, d_is);
        if (!CHECK(c, texts >= 10))   /* a label and a value a row */
            fprintf(stderr, "  step %d: %d texts between the terms' heading and the sum\n", i + 1, texts);
    }
    viewer_fixture_close(app);
    /* A window where the narrower band would cut its text (1024x768
     * large): the band keeps the whole width, nothing cut. */
    app = lesson_fixture_open_large(c, path, "ru", 1024, 768);
    if (app == NULL)
        return;
    app->ui.record_text = true;
    for (int i = 0; i < 3; i++) {
        gf_lesson_go(app, i);
        lesson_fixture_draw_settled(c, app);
        if (!CHECK_INT(c, app->ui.n_cuts, 0))
            fprintf(stderr, "  1024x768, step %d: text cut\n", i + 1);
    }
    viewer_fixture_close(app);
}

/* Open a one-step lesson (its text, in lang, large font) at 1920×1080 and
 * draw it with text recorded: the explain panel shows, nothing is cut;
 * NULL on failure. */
static gf_app *projector_step(check_ctx *c, const char *name, const char *lesson,
                              const char *lang, char *path, size_t size)
{
    if (!lesson_fixture_write(c, name, lesson, path, size))
        return NULL;
    gf_app *app = lesson_fixture_open_large(c, path, lang, 1920, 1080);
    if (app == NULL)
        return NULL;
    lesson_fixture_draw_settled(c, app);
    CHECK(c, gf_explain_panel_shown(app));
    CHECK_INT(c, app->ui.n_cuts, 0);
    return app;
}

/* An embedding's two terms fit in the panel above a band across the window
 * (lesson 02.4): the band keeps the whole width (its keys end near the
 * window's edge, its text's first line under the panel's side); before, the band narrowed to
 * the views' column for nothing, its text on more lines. */
static void test_band_kept_wide(check_ctx *c)
{
    char path[512];
    gf_app *app = projector_step(c, "explain_band_wide.lesson",
                                 "title: Band across\n"
                                 "--- Одно число из x₀\n"
                                 "prompt: The king and the queen, the king and the queen\n"
                                 "screen: embed\n"
                                 "explain: x0 9 0\n"
                                 "\n"
                                 "Панель показывает, как получено первое число x₀ последнего токена: "
                                 "wte[токен] + wpe[позиция] — та же сумма, что в трассе.\n"
                                 "\n"
                                 "Так получаются все числа каждой строки.\n",
                                 "ru", path, sizeof path);
    if (app == NULL)
        return;
    gf_rect right = {1920 * 2 / 3, 0, 1920 / 3, 1080};   /* the panel's side */
    gf_rect all = {0, 0, 1920, 1080};
    const gf_ui_text_rect *keys = text_in(app, all, "N —");
    const gf_ui_text_rect *text = text_in(app, all, "Панель показывает");
    bool rows = text_in(app, right, "wte") != NULL && text_in(app, right, "wpe") != NULL;
    if (CHECK(c, keys != NULL && text != NULL && rows)) {
        if (!CHECK(c, keys->r.x + keys->r.w > 1920 * 9 / 10))   /* near the window's edge */
            fprintf(stderr, "  the band's keys end at x = %d\n", keys->r.x + keys->r.w);
        /* (Its first line runs under the panel's side too.) */
        if (!CHECK(c, text->r.x + text->r.w > right.x))
            fprintf(stderr, "  the band's first line ends at x = %d\n", text->r.x + text->r.w);
    }
    viewer_fixture_close(app);
}

/* A probability is one term (exp / Σ exp): its row stands without the
 * heading "terms, largest first" (06.7 had that heading over one row), and
 * the row of exps it comes from gets the room. */
static void test_single_term(check_ctx *c)
{
    char path[512];
    gf_app *app = projector_step(c, "explain_single_term.lesson",
                                 "title: One term\n"
                                 "--- Softmax крупным планом\n"
                                 "prompt: He said that\n"
                                 "screen: probs\n"
                                 "explain: probs 2 10\n"
                                 "\n"
                                 "Одна вероятность: s — логит токена, max — самый большой логит строки, "
                                 "scale = 1/T. Дальше exp, делённая на Σexp — сумму по всем токенам.\n",
                                 "ru", path, sizeof path);
    if (app == NULL)
        return;
    gf_rect right = {1920 * 2 / 3, 0, 1920 / 3, 1080};
    bool row = text_in(app, right, "exp / ") != NULL, heading = text_in(app, right, "слагаемые") != NULL,
         exps = text_in(app, right, "экспоненты") != NULL;
    if (!CHECK(c, row && !heading && exps))
        fprintf(stderr, "  probs panel: term row %d, terms heading %d, row of exps %d\n", row,
                heading, exps);
    viewer_fixture_close(app);
}

/* The same projection step in English on the projector: every label of
 * the terms whole, the remainder's too ("119 other te…" was cut in the
 * label column). */
static void test_projector_labels_en(check_ctx *c)
{
    char path[512];
    gf_app *app = projector_step(c, "explain_terms_en.lesson",
                                 "title: Terms in English\n"
                                 "--- One number of the output\n"
                                 "prompt: The king was tired, so the queen sang a song\n"
                                 "screen: attn_proj\n"
                                 "layer: 3\n"
                                 "explain: attn.proj 7 5\n"
                                 "\n"
                                 "Which head gave the largest terms? Head h owns the columns k from "
                                 "h × 32 to (h + 1) × 32 − 1.\n",
                                 "en", path, sizeof path);
    if (app == NULL)
        return;
    gf_rect right = {1920 * 2 / 3, 0, 1920 / 3, 1080};
    int others = 0;
    for (int k = 0; k < app->ui.n_text; k++) {
        const gf_ui_text_rect *t = &app->ui.text_rects[k];
        size_t n = strlen(t->text);
        if (!gf_rect_contains(right, t->r.x, t->r.y))
            continue;
        others += strstr(t->text, "other") != NULL;
        if (!CHECK(c, n < 3 || strcmp(t->text + n - 3, "\u2026") != 0))
            fprintf(stderr, "  cut in the panel: '%s'\n", t->text);
    }
    CHECK(c, others >= 1);   /* the remainder's row is there */
    viewer_fixture_close(app);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "test_viewer_explain");
    test_locate(&c);
    test_lesson_row(&c);
    test_short_panel(&c);
    test_projector_terms(&c);
    test_projector_labels_en(&c);
    test_band_kept_wide(&c);
    test_single_term(&c);
    char err[512] = "";
    gf_app *app = viewer_fixture_open_checked(&c, "The cat sat on the mat and", 1280, 720);
    if (app != NULL) {
        CHECK(&c, gf_app_set_lang(app, GF_LANG_EN, err, sizeof err));
        test_click_scores(&c, app);
        test_click_strip(&c, app);
        test_click_bar(&c, app);
        test_keys(&c, app);
        test_every_kind(&c, app);
    }
    viewer_fixture_close(app);
    return check_end(&c);
}

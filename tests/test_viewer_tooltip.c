/* test_viewer_tooltip.c — hovering a cell shows the exact trace value: the
 * expected text is formatted here from gf_trace_get's value and the model's
 * dimensions, then compared with what the viewer put in its tooltip. */
#include "check.h"

#include "viewer_fixture.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* UTF-8 subscript digits, written independently of the viewer's helper. */
static void sub(int n, char *buf)
{
    static const char *const digits[10] = {"₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"};
    char tmp[16];
    snprintf(tmp, sizeof tmp, "%d", n);
    buf[0] = '\0';
    for (const char *p = tmp; *p; p++)
        strcat(buf, digits[*p - '0']);
}

/* Hover the centre of cell (row, col) (tensor indices) of heatmap id and
 * return the tooltip. */
static const char *hover(gf_app *app, const char *id, int row, int col)
{
    gf_headless_frame(app);
    const gf_ui_heat_record *rec = gf_ui_find_heat(&app->ui, id);
    if (rec == NULL)
        return "(no heatmap)";
    row -= rec->row0;
    col -= rec->col0;
    if (row < 0 || row >= rec->rows || col < 0 || col >= rec->cols)
        return "(cell not shown)";
    int x = rec->cells.x + (int)((col + 0.5) * rec->cells.w / rec->cols);
    int y = rec->cells.y + (int)((row + 0.5) * rec->cells.h / rec->rows);
    gf_app_mouse_move(app, x, y);
    gf_headless_frame(app);
    return app->ui.tooltip;
}

static void test_score(check_ctx *c, gf_app *app)
{
    int layer = 1, head = 2;
    gf_stepper_set_layer(&app->st, layer);
    gf_stepper_set_head(&app->st, head);
    CHECK(c, gf_stepper_goto(&app->st, GF_STAGE_SCORES));
    gf_view v;
    CHECK(c, gf_trace_get(&app->s.trace, "attn.scores", layer, head, &v));
    /* A cell on or below the diagonal whose value prints with 3 decimals. */
    int row = -1, col = -1;
    for (int i = (int)v.shape[0] - 1; i >= 1 && row < 0; i--)
        for (int j = 0; j < i && row < 0; j++)
            if (fabsf(gf_view_at2(&v, i, j)) >= 0.01f) {
                row = i;
                col = j;
            }
    if (!CHECK(c, row >= 0))
        return;
    int hs = app->s.model.config.n_embd / app->s.model.config.n_head;
    char rs[32], cs[32], want[256];
    sub(row, rs);
    sub(col, cs);
    snprintf(want, sizeof want, "score[%d,%d] = q%s·k%s/√%d = %.3f", row, col, rs, cs, hs,
             (double)gf_view_at2(&v, row, col));
    CHECK_STR(c, hover(app, "attention", row, col), want);
}

static void test_weight(check_ctx *c, gf_app *app)
{
    CHECK(c, gf_stepper_goto(&app->st, GF_STAGE_SOFTMAX));
    gf_view v;
    CHECK(c, gf_trace_get(&app->s.trace, "attn.weights", 1, 2, &v));
    int row = (int)v.shape[0] - 1, col = 1;
    char want[256];
    snprintf(want, sizeof want, "A[%d,%d] = softmax(row %d)[%d] = %.3f", row, col, row, col,
             (double)gf_view_at2(&v, row, col));
    CHECK_STR(c, hover(app, "attention", row, col), want);
    /* Above the diagonal: the masked weight is exactly 0. */
    CHECK_STR(c, hover(app, "attention", 0, 3), "A[0,3] = exp(−∞)/Σ = 0");
    CHECK(c, gf_view_at2(&v, 0, 3) == 0.0f);
}

static void test_query(check_ctx *c, gf_app *app)
{
    CHECK(c, gf_stepper_goto(&app->st, GF_STAGE_QKV));
    gf_view v;
    CHECK(c, gf_trace_get(&app->s.trace, "attn.q", 1, 2, &v));
    int row = 4, col = -1;
    for (int j = 0; j < v.shape[1] && col < 0; j++)
        if (fabsf(gf_view_at2(&v, row, j)) >= 0.01f)
            col = j;
    if (!CHECK(c, col >= 0))
        return;
    char rs[32], want[256];
    sub(row, rs);
    snprintf(want, sizeof want, "q%s[%d] = %.3f   (head 2)", rs, col, (double)gf_view_at2(&v, row, col));
    CHECK_STR(c, hover(app, "q", row, col), want);
}

/* Zoomed in (mouse wheel), the heatmap shows a window of positions; the
 * tooltip still names the tensor's own indices. */
static void test_zoomed(check_ctx *c, gf_app *app)
{
    CHECK(c, gf_stepper_goto(&app->st, GF_STAGE_SOFTMAX));
    gf_app_wheel(app, 1);
    gf_app_wheel(app, 1);
    CHECK_INT(c, app->heat_zoom, 4);
    gf_headless_frame(app);
    const gf_ui_heat_record *rec = gf_ui_find_heat(&app->ui, "attention");
    int T = app->s.n_tokens;
    if (!CHECK(c, rec != NULL))
        return;
    CHECK(c, rec->rows < T);                       /* a window, not everything */
    CHECK(c, rec->row0 > 0 && rec->row0 == rec->col0);
    CHECK_INT(c, rec->row0 + rec->rows, T);        /* it reaches the last token */
    gf_view v;
    CHECK(c, gf_trace_get(&app->s.trace, "attn.weights", 1, 2, &v));
    int row = T - 1, col = rec->col0 + 1;
    char want[256];
    snprintf(want, sizeof want, "A[%d,%d] = softmax(row %d)[%d] = %.3f", row, col, row, col,
             (double)gf_view_at2(&v, row, col));
    CHECK_STR(c, hover(app, "attention", row, col), want);
    gf_app_wheel(app, -1);
    gf_app_wheel(app, -1);
    CHECK_INT(c, app->heat_zoom, 1);
}

/* A font without Cyrillic (U+0400–U+04FF). */
static bool no_cyrillic(void *ctx, uint32_t cp)
{
    (void)ctx;
    return cp < 0x400 || cp > 0x4ff;
}

/* A token chip's tooltip: its bytes, and for a byte-level piece of a
 * Cyrillic letter, the letter it makes with its neighbour. "Кот" is
 * D0 9A | D0 BE | D1 82 in UTF-8, one token per byte. */
static void test_chip_bytes(check_ctx *c)
{
    char err[512] = "";
    gf_app *app = viewer_fixture_open("Кот a", 1280, 720, err, sizeof err);
    if (!CHECK(c, app != NULL))
        return;
    CHECK(c, gf_app_set_lang(app, GF_LANG_EN, err, sizeof err));
    CHECK_INT(c, app->s.n_tokens, 8);
    char buf[64];
    CHECK(c, gf_session_joined_text(&app->s, 0, buf, sizeof buf));
    CHECK_STR(c, buf, "К");
    CHECK(c, gf_session_joined_text(&app->s, 3, buf, sizeof buf));
    CHECK_STR(c, buf, "о");
    CHECK(c, gf_session_joined_text(&app->s, 5, buf, sizeof buf));
    CHECK_STR(c, buf, "т");
    CHECK(c, !gf_session_joined_text(&app->s, 7, buf, sizeof buf));   /* "a" is whole */
    CHECK(c, !gf_session_joined_text(&app->s, 8, buf, sizeof buf));   /* no such token */
    int first = -1, count = -1;
    CHECK(c, gf_session_joined_run(&app->s, 1, &first, &count, buf, sizeof buf));
    CHECK(c, first == 0 && count == 2);
    CHECK(c, gf_session_joined_run(&app->s, 4, &first, &count, buf, sizeof buf));
    CHECK(c, first == 4 && count == 2);
    /* Hover chip 1 (the second byte of "К") in the token strip. */
    gf_headless_frame(app);
    const char *tip = "(no chip)";
    for (int k = 0; k < app->ui.n_hits; k++) {
        const gf_ui_hit *hit = &app->ui.hits[k];
        if (hit->kind == GF_HIT_TOKEN && hit->index == 1) {
            gf_app_mouse_move(app, hit->rect.x + hit->rect.w / 2, hit->rect.y + hit->rect.h / 2);
            gf_headless_frame(app);
            tip = app->ui.tooltip;
            break;
        }
    }
    char want[160];
    snprintf(want, sizeof want, "token 1: id %d, bytes 9A  (part of \"К\" with its neighbours)",
             (int)app->s.tokens[1]);
    CHECK_STR(c, tip, want);
    /* Shown text: spaces marked, letters the font lacks escaped. */
    gf_session_display_text(&app->s, "К a", buf, sizeof buf);
    CHECK_STR(c, buf, "К\xe2\x90\xa3" "a");                         /* К␣a */
    gf_session_set_glyph_check(&app->s, no_cyrillic, NULL);
    gf_session_display_text(&app->s, "К a", buf, sizeof buf);
    CHECK_STR(c, buf, "\\u041A\xe2\x90\xa3" "a");
    /* The prompt line's form: spaces stay, a line break is marked, bad bytes escaped. */
    gf_text_escape_missing("К a\n\xff", no_cyrillic, NULL, buf, sizeof buf);
    CHECK_STR(c, buf, "\\u041A a\xe2\x86\xb5" "\\xFF");
    viewer_fixture_close(app);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "test_viewer_tooltip");
    char err[512] = "";
    gf_app *app = viewer_fixture_open_checked(&c, "The cat sat on the mat and", 1280, 720);
    if (app != NULL) {
        CHECK(&c, gf_app_set_lang(app, GF_LANG_EN, err, sizeof err));
        test_score(&c, app);
        test_weight(&c, app);
        test_query(&c, app);
        test_zoomed(&c, app);
    }
    viewer_fixture_close(app);
    test_chip_bytes(&c);
    return check_end(&c);
}

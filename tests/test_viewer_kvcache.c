/* test_viewer_kvcache.c — the KV cache screen (C, under a Russian layout
 * «с»): its cost figures against hand-computed counts, and the claim it
 * draws: after a token is appended the K and V rows above the new one are
 * the same numbers as before (reused, bit for bit) and there is exactly one
 * new row, outlined as the map's last. Also: in a narrow view (large font,
 * 1024×768 and 1280×720) both maps keep readable cells, side by side. */
#include "check.h"

#include "kv_cost.h"
#include "viewer_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* C = 4, F = 16, L = 2, V = 10, by hand: one row's projections 4·16 = 64,
 * GELU feed-forward 2·4·16 = 128 (SwiGLU 3·4·16 = 192), logits 10·4 = 40. */
static void test_cost(check_ctx *c)
{
    gf_config cfg = {.vocab_size = 10, .n_embd = 4, .n_layer = 2, .n_head = 2, .n_inner = 16,
                     .activation = GF_ACTIVATION_GELU_TANH};
    int64_t with = 0, without = 0;
    gf_kv_cost(&cfg, 3, &with, &without);
    CHECK_INT(c, with, 2 * (64 + 128 + 2 * 3 * 4) + 40);              /* 472  */
    CHECK_INT(c, without, 2 * (3 * (64 + 128) + 3 * 4 * 4) + 40);     /* 1288 */
    gf_kv_cost(&cfg, 1, &with, &without);
    CHECK_INT(c, with, without);   /* one token: nothing in the cache to reuse */
    cfg.activation = GF_ACTIVATION_SWIGLU;
    gf_kv_cost(&cfg, 3, &with, &without);
    CHECK_INT(c, with, 600);
    CHECK_INT(c, without, 1672);
}

static void test_screen(check_ctx *c)
{
    char err[512] = "";
    gf_app *app = viewer_fixture_open("The cat sat", 1280, 720, err, sizeof err);
    if (!CHECK(c, app != NULL)) {
        fprintf(stderr, "  %s\n", err);
        return;
    }
    CHECK(c, gf_app_set_lang(app, GF_LANG_RU, err, sizeof err));
    gf_stepper_set_layer(&app->st, 1);
    gf_stepper_set_head(&app->st, 1);
    CHECK(c, viewer_fixture_press(app, 0x0441, SDL_SCANCODE_C));    /* с on C */
    CHECK_INT(c, app->screen, GF_SCREEN_KVCACHE);
    gf_headless_frame(app);
    int T = app->s.n_tokens;
    const gf_ui_heat_record *k = gf_ui_find_heat(&app->ui, "cache.k");
    const gf_ui_heat_record *v = gf_ui_find_heat(&app->ui, "cache.v");
    CHECK(c, k != NULL && v != NULL && k->rows == T && v->rows == T);
    gf_view kv;
    if (!CHECK(c, gf_trace_get(&app->s.trace, "attn.k", 1, 1, &kv)))
        goto done;
    int hs = (int)kv.shape[1];
    float *before = malloc(sizeof(float) * (size_t)(T * hs));
    if (!CHECK(c, before != NULL))
        goto done;
    for (int t = 0; t < T; t++)
        for (int d = 0; d < hs; d++)
            before[t * hs + d] = gf_view_at2(&kv, t, d);
    CHECK(c, viewer_fixture_press(app, ' ', SDL_SCANCODE_SPACE));
    CHECK(c, viewer_fixture_settle(app));
    CHECK_INT(c, app->s.n_tokens, T + 1);
    gf_headless_frame(app);
    CHECK(c, gf_trace_get(&app->s.trace, "attn.k", 1, 1, &kv));
    int same = 0;
    for (int t = 0; t < T; t++)
        for (int d = 0; d < hs; d++)
            same += before[t * hs + d] == gf_view_at2(&kv, t, d);
    CHECK_INT(c, same, T * hs);
    free(before);
    k = gf_ui_find_heat(&app->ui, "cache.k");
    CHECK(c, k != NULL && k->rows == T + 1);
done:
    viewer_fixture_close(app);
}

/* Large-font mode at 1024×768 and 1280×720 in Russian (the marks are long):
 * K and V keep cells at least 3 px wide, side by side at the same heights
 * (their cells were 1 px wide beside two sets of marks and row labels). */
static void test_narrow(check_ctx *c, int width, int height)
{
    char err[512] = "";
    gf_app *app = viewer_fixture_open("The cat sat on the mat.", width, height, err, sizeof err);
    if (!CHECK(c, app != NULL)) {
        fprintf(stderr, "  %s\n", err);
        return;
    }
    CHECK(c, gf_app_set_lang(app, GF_LANG_RU, err, sizeof err));
    app->large_font = true;
    app->screen = GF_SCREEN_KVCACHE;
    gf_headless_frame(app);
    const gf_ui_heat_record *k = gf_ui_find_heat(&app->ui, "cache.k");
    const gf_ui_heat_record *v = gf_ui_find_heat(&app->ui, "cache.v");
    if (CHECK(c, k != NULL && v != NULL)) {
        if (!CHECK(c, k->cells.w >= 3 * k->cols && v->cells.w >= 3 * v->cols))
            fprintf(stderr, "  %dx%d: K %d px, V %d px for %d columns\n", width, height,
                    k->cells.w, v->cells.w, k->cols);
        CHECK(c, k->cells.y == v->cells.y && k->cells.h == v->cells.h);
        CHECK(c, k->cells.x + k->cells.w < v->cells.x);
    }
    viewer_fixture_close(app);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "test_viewer_kvcache");
    test_cost(&c);
    test_screen(&c);
    test_narrow(&c, 1024, 768);
    test_narrow(&c, 1280, 720);
    return check_end(&c);
}

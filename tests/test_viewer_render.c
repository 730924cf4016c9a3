/* test_viewer_render.c — every stage view renders headless on a tiny random
 * model: a PNG is written, the view is not blank, no two views draw the same
 * pixels, and the causal mask's cells have the mask colour. */
#include "check.h"

#include "viewer_fixture.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define W 1280
#define H 720

static bool same_colour(gf_rgba a, gf_rgba b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b;
}

/* Copy the main view's pixels (RGB packed in uint32) into out; returns count. */
static size_t grab_view(const gf_app *app, uint32_t *out)
{
    gf_rect r = app->ui.view_rect;
    size_t n = 0;
    for (int y = r.y; y < r.y + r.h; y++)
        for (int x = r.x; x < r.x + r.w; x++) {
            gf_rgba p = gf_headless_pixel(app, x, y);
            out[n++] = ((uint32_t)p.r << 16) | ((uint32_t)p.g << 8) | p.b;
        }
    return n;
}

/* Distinct colours among the first n pixels (capped at 64). */
static int distinct_colours(const uint32_t *px, size_t n)
{
    uint32_t seen[64];
    int k = 0;
    for (size_t i = 0; i < n && k < 64; i += 7) {
        bool found = false;
        for (int j = 0; j < k && !found; j++)
            found = seen[j] == px[i];
        if (!found)
            seen[k++] = px[i];
    }
    return k;
}

static long file_size(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (long)sb.st_size : -1;
}

static gf_rgba cell_pixel(const gf_app *app, const gf_ui_heat_record *rec, int row, int col)
{
    /* 3 px inside the cell's top-left corner: clear of grid lines and of the
     * centred "−∞" text. */
    int x = rec->cells.x + col * rec->cells.w / rec->cols + 3;
    int y = rec->cells.y + row * rec->cells.h / rec->rows + 3;
    return gf_headless_pixel(app, x, y);
}

static void test_all_stages(check_ctx *c, gf_app *app)
{
    int n = app->st.n_stages;
    size_t view_px = (size_t)W * H;
    uint32_t *shots = malloc((size_t)n * view_px * sizeof *shots);
    size_t sizes[GF_STAGE_COUNT] = {0};
    CHECK(c, shots != NULL);
    if (shots == NULL)
        return;
    gf_stepper_set_layer(&app->st, 1);
    gf_stepper_set_head(&app->st, 1);
    for (int i = 0; i < n; i++) {
        gf_stage_id id = app->st.stages[i];
        app->st.stage = i;
        gf_headless_frame(app);
        char name[64], path[512], err[512] = "";
        snprintf(name, sizeof name, "viewer_%s.png", gf_stage_get(id)->key);
        check_tmp_path(path, sizeof path, name);
        remove(path);
        CHECK(c, gf_headless_save(app, path, err, sizeof err));
        CHECK(c, file_size(path) > 1000);
        sizes[i] = grab_view(app, shots + (size_t)i * view_px);
        int colours = distinct_colours(shots + (size_t)i * view_px, sizes[i]);
        if (!CHECK(c, colours >= 8))
            fprintf(stderr, "  stage %s: only %d colours\n", gf_stage_get(id)->key, colours);
    }
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++) {
            bool same = sizes[i] == sizes[j] &&
                        memcmp(shots + (size_t)i * view_px, shots + (size_t)j * view_px,
                               sizes[i] * sizeof *shots) == 0;
            if (!CHECK(c, !same))
                fprintf(stderr, "  stages %s and %s draw the same view\n",
                        gf_stage_get(app->st.stages[i])->key, gf_stage_get(app->st.stages[j])->key);
        }
    free(shots);
}

static void test_mask_colour(check_ctx *c, gf_app *app)
{
    const gf_stage_id stages[2] = {GF_STAGE_MASK, GF_STAGE_SOFTMAX};
    for (int s = 0; s < 2; s++) {
        CHECK(c, gf_stepper_goto(&app->st, stages[s]));
        gf_headless_frame(app);
        const gf_ui_heat_record *rec = gf_ui_find_heat(&app->ui, "attention");
        if (!CHECK(c, rec != NULL))
            continue;
        int T = app->s.n_tokens;
        CHECK_INT(c, rec->rows, T);
        CHECK_INT(c, rec->cols, T);
        int masked = 0, unmasked = 0;
        for (int i = 0; i < T; i++)
            for (int j = 0; j < T; j++) {
                bool is_mask = same_colour(cell_pixel(app, rec, i, j), app->ui.style->mask);
                if (j > i)
                    masked += is_mask;
                else
                    unmasked += is_mask;
            }
        CHECK_INT(c, masked, T * (T - 1) / 2);   /* every cell above the diagonal */
        CHECK_INT(c, unmasked, 0);               /* and none on or below it      */
    }
    /* The raw scores are not masked yet: no mask colour there. */
    gf_stepper_goto(&app->st, GF_STAGE_SCORES);
    gf_headless_frame(app);
    const gf_ui_heat_record *rec = gf_ui_find_heat(&app->ui, "attention");
    if (CHECK(c, rec != NULL))
        CHECK(c, !same_colour(cell_pixel(app, rec, 0, rec->cols - 1), app->ui.style->mask));
}

static void test_screens(check_ctx *c, gf_app *app)
{
    gf_stepper_goto(&app->st, GF_STAGE_SOFTMAX);
    app->screen = GF_SCREEN_OVERVIEW;
    gf_headless_frame(app);
    CHECK(c, gf_ui_find_heat(&app->ui, "overview.0") != NULL);
    CHECK(c, gf_ui_find_heat(&app->ui, "overview.3") != NULL);
    /* Nothing is cut at the view's right edge (the legend's "masked: −∞"
     * used to be): its last column is background. */
    gf_rect v = app->ui.view_rect;
    int cut = 0;
    for (int y = v.y; y < v.y + v.h; y++)
        cut += !same_colour(gf_headless_pixel(app, v.x + v.w - 1, y), app->ui.style->background);
    CHECK_INT(c, cut, 0);
    /* Clicking head 3's heatmap opens it. */
    const gf_ui_heat_record *rec = gf_ui_find_heat(&app->ui, "overview.3");
    if (rec != NULL) {
        CHECK(c, gf_app_click(app, rec->cells.x + 2, rec->cells.y + 2));
        CHECK_INT(c, app->st.head, 3);
        CHECK_INT(c, app->screen, GF_SCREEN_STAGE);
    }
    app->screen = GF_SCREEN_TEMPERATURE;
    int before = app->s.n_tokens;
    CHECK(c, viewer_fixture_settle(app));        /* the worker computes the lanes */
    gf_headless_frame(app);
    CHECK_INT(c, app->s.n_tokens, before);       /* lanes leave the trace as it was */
    CHECK(c, app->temp.valid);
    CHECK_INT(c, app->temp.lanes[0].n_tokens, GF_TEMP_TOKENS);
    char path[512], err[512];
    check_tmp_path(path, sizeof path, "viewer_temperature.png");
    CHECK(c, gf_headless_save(app, path, err, sizeof err));
    /* No temporary stays beside the picture; a device is never replaced
     * (test_viewer_screenshot has the other cases). */
    char tmp[600];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    struct stat sb;
    CHECK(c, stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 1000);
    CHECK(c, stat(tmp, &sb) != 0);
    /* Through a link, so that a regression replaces the link, not /dev/null. */
    char device[520], want[600];
    check_tmp_path(device, sizeof device, "viewer_device.png");
    remove(device);
    if (CHECK(c, symlink("/dev/null", device) == 0)) {
        CHECK(c, !gf_headless_save(app, device, err, sizeof err));
        snprintf(want, sizeof want, "%s: a device, not a regular file: not replaced", device);
        CHECK_STR(c, err, want);
        CHECK(c, stat(device, &sb) == 0 && S_ISCHR(sb.st_mode));
        remove(device);
    }
    app->screen = GF_SCREEN_STAGE;
    app->overlay = GF_SCREEN_HELP;
    gf_headless_frame(app);
    app->overlay = GF_SCREEN_NONE;
}

/* A steady frame (nothing changed) rasterizes no text and builds no
 * heatmap texture: everything comes from the caches. */
static void test_steady_frame(check_ctx *c, gf_app *app)
{
    for (int i = 0; i < app->st.n_stages; i++) {
        app->st.stage = i;
        gf_headless_frame(app);
        uint64_t misses = app->ui.text.misses, builds = app->ui.heat_cache.builds;
        gf_headless_frame(app);
        if (!CHECK(c, app->ui.text.misses == misses && app->ui.heat_cache.builds == builds))
            fprintf(stderr, "  stage %s: %llu text misses, %llu texture builds in a steady frame\n",
                    gf_stage_get(app->st.stages[i])->key,
                    (unsigned long long)(app->ui.text.misses - misses),
                    (unsigned long long)(app->ui.heat_cache.builds - builds));
    }
    /* A new token changes the trace: textures are rebuilt once, then cached again. */
    gf_stepper_goto(&app->st, GF_STAGE_SOFTMAX);
    gf_headless_frame(app);
    uint64_t builds = app->ui.heat_cache.builds;
    gf_app_sample_next(app);
    CHECK(c, viewer_fixture_settle(app));
    gf_headless_frame(app);
    CHECK(c, app->ui.heat_cache.builds > builds);
    builds = app->ui.heat_cache.builds;
    gf_headless_frame(app);
    CHECK(c, app->ui.heat_cache.builds == builds);
}

/* The tokens view's chip of token t (the big one, below the token strip). */
static gf_rect view_chip(const gf_app *app, int t)
{
    gf_rect best = {0, -1, 0, 0};
    for (int k = 0; k < app->ui.n_hits; k++) {
        const gf_ui_hit *hit = &app->ui.hits[k];
        if (hit->kind == GF_HIT_TOKEN && hit->index == t && hit->rect.y > best.y)
            best = hit->rect;
    }
    return best;
}

/* Pixels of the accent colour on row y from x0 to x1 (inclusive). */
static int accent_run(const gf_app *app, int y, int x0, int x1)
{
    int n = 0;
    for (int x = x0; x <= x1; x++)
        n += same_colour(gf_headless_pixel(app, x, y), app->ui.style->accent);
    return n;
}

/* "Кот a" is D0 9A | D0 BE | D1 82 | ␣ | a with one token per byte: the
 * tokens view brackets each pair of chips that makes one letter, the
 * brackets of neighbouring letters stay apart, whole tokens get none. */
static void test_split_letters(check_ctx *c)
{
    char err[512] = "";
    gf_app *app = viewer_fixture_open("Кот a", W, H, err, sizeof err);
    if (!CHECK(c, app != NULL))
        return;
    CHECK_INT(c, gf_stepper_stage(&app->st), GF_STAGE_TOKENS);
    gf_headless_frame(app);
    gf_rect k0 = view_chip(app, 0), k1 = view_chip(app, 1), k2 = view_chip(app, 2);
    gf_rect k6 = view_chip(app, 6), k7 = view_chip(app, 7);
    CHECK(c, k0.w > 0 && k1.w > 0 && k2.w > 0 && k6.w > 0 && k7.w > 0);
    CHECK(c, k0.y == k1.y && k1.y == k7.y);                 /* one row at this size */
    int y = k0.y + k0.h + gf_ui_px(&app->ui, 7);            /* the bracket's line   */
    int in = gf_ui_px(&app->ui, 3);
    int last = k1.x + k1.w - 1 - in;                        /* symmetric insets     */
    CHECK_INT(c, accent_run(app, y, k0.x + in, last), last - (k0.x + in) + 1);
    CHECK_INT(c, accent_run(app, y, last + 1, k2.x + in - 1), 0);
    CHECK(c, accent_run(app, y, k2.x + in, k2.x + k2.w) > 0);
    CHECK_INT(c, accent_run(app, y, k6.x, k7.x + k7.w), 0);
    viewer_fixture_close(app);
}

/* A long prompt (a Russian phrase the English model reads byte by byte:
 * 42 tokens) on the tokens view of a short window (1280 wide, 400 to 560
 * high: what a lesson band leaves): the chips take a smaller size so that
 * every token shows, not the first rows' worth. The view's chips carry
 * their positions, drawn as text (the ids here are all above 41). */
static void test_long_prompt_chips(check_ctx *c)
{
    for (int h = 400; h <= 560; h += 80) {
        char err[512] = "";
        gf_app *app = viewer_fixture_open("Король сказал королеве", 1280, h, err, sizeof err);
        if (!CHECK(c, app != NULL))
            return;
        CHECK_INT(c, gf_stepper_stage(&app->st), GF_STAGE_TOKENS);
        app->ui.record_text = true;
        gf_headless_frame(app);
        int shown = 0;
        for (int t = 0; t < app->s.n_tokens; t++) {
            char pos[16];
            snprintf(pos, sizeof pos, "%d", t);
            for (int k = 0; k < app->ui.n_text; k++)
                if (strcmp(app->ui.text_rects[k].text, pos) == 0) {
                    shown++;
                    break;
                }
        }
        CHECK(c, app->s.n_tokens >= 40);
        if (!CHECK_INT(c, shown, app->s.n_tokens))
            fprintf(stderr, "  1280x%d: the tokens view shows %d of %d tokens\n", h, shown,
                    app->s.n_tokens);
        viewer_fixture_close(app);
    }
}

/* Whether this frame drew text equal to fmt formatted with n. */
static bool drew_count(const gf_app *app, gf_str fmt, int n)
{
    char want[64];
    snprintf(want, sizeof want, gf_i18n(&app->text, fmt), n);
    for (int k = 0; k < app->ui.n_text; k++)
        if (strcmp(app->ui.text_rects[k].text, want) == 0)
            return true;
    return false;
}

/* The token chips of one row set (the view's, or the strip's above it):
 * a run without gaps that holds the position, and the tokens left out on either side counted in a
 * marker ("← 12 more", "+23 more →"). Returns how many were left out. */
static int check_chip_run(check_ctx *c, const gf_app *app, bool in_view, const char *where)
{
    int n = app->s.n_tokens, lo = n, hi = -1, count = 0;
    bool seen[64] = {false};
    gf_rect view = app->ui.view_rect;
    /* Above the view, the strip is the lowest row (the text line above it
     * has token hits too); in large-font mode it is one row. */
    int strip_y = -1;
    for (int k = 0; k < app->ui.n_hits; k++)
        if (app->ui.hits[k].kind == GF_HIT_TOKEN && app->ui.hits[k].rect.y < view.y &&
            app->ui.hits[k].rect.y > strip_y)
            strip_y = app->ui.hits[k].rect.y;
    for (int k = 0; k < app->ui.n_hits; k++) {
        const gf_ui_hit *hit = &app->ui.hits[k];
        bool inside = hit->rect.y >= view.y && hit->rect.x < view.x + view.w;
        bool wanted = in_view ? inside : hit->rect.y == strip_y;
        if (hit->kind != GF_HIT_TOKEN || !wanted || hit->index >= 64 || seen[hit->index])
            continue;
        seen[hit->index] = true;
        lo = hit->index < lo ? hit->index : lo;
        hi = hit->index > hi ? hit->index : hi;
        count++;
    }
    if (!CHECK(c, count > 0 && count == hi - lo + 1))
        fprintf(stderr, "  %s: %d chips drawn for tokens %d..%d\n", where, count, lo, hi);
    if (!CHECK(c, app->st.position >= lo && app->st.position <= hi))
        fprintf(stderr, "  %s: the position's chip is not drawn (%d..%d)\n", where, lo, hi);
    if (lo > 0 && !CHECK(c, drew_count(app, GF_STR_CHIPS_BEFORE, lo)))
        fprintf(stderr, "  %s: tokens 0..%d left out with no marker\n", where, lo - 1);
    if (hi < n - 1 && !CHECK(c, drew_count(app, GF_STR_CHIPS_AFTER, n - 1 - hi)))
        fprintf(stderr, "  %s: tokens %d..%d left out with no marker\n", where, hi + 1, n - 1);
    return n - count;
}

/* The same long prompt where not all chips fit even at the smallest size
 * (a large font on a 1280x560 window, as a projector under a lesson band):
 * the chips left out, before or after, are counted on screen, never
 * dropped silently, in the view and in the strip above it. */
static void test_long_prompt_markers(check_ctx *c)
{
    char err[512] = "";
    gf_app *app = viewer_fixture_open("Король сказал королеве", 1280, 560, err, sizeof err);
    if (!CHECK(c, app != NULL))
        return;
    app->large_font = true;
    app->ui.record_text = true;
    int n = app->s.n_tokens, left_out = 0;
    int positions[] = {0, n / 2, n - 1};
    for (int i = 0; i < 3; i++) {
        gf_stepper_set_position(&app->st, positions[i]);
        gf_headless_frame(app);
        char where[64], path[512], err2[512] = "";
        snprintf(where, sizeof where, "viewer_markers_%d.png", positions[i]);
        check_tmp_path(path, sizeof path, where);
        CHECK(c, gf_headless_save(app, path, err2, sizeof err2));
        snprintf(where, sizeof where, "position %d, view", positions[i]);
        left_out += check_chip_run(c, app, true, where);
        snprintf(where, sizeof where, "position %d, strip", positions[i]);
        left_out += check_chip_run(c, app, false, where);
    }
    CHECK(c, left_out > 0);  /* the case is the one meant: not every chip fits */
    viewer_fixture_close(app);
}

/* HiDPI: a 2× drawable (what a HiDPI screen gives a window of the same
 * logical size) lays everything out at twice the pixels, so it looks the
 * same size on the screen. Compared on the token chips' hit boxes. (The
 * window loop maps mouse positions by the same drawable/window ratio.) */
static void test_hidpi_layout(check_ctx *c)
{
    char err[512] = "";
    gf_app *one = viewer_fixture_open("The cat sat", 1600, 900, err, sizeof err);
    gf_app *two = viewer_fixture_open("The cat sat", 3200, 1800, err, sizeof err);
    if (CHECK(c, one != NULL && two != NULL)) {
        gf_headless_frame(one);
        gf_headless_frame(two);
        int compared = 0;
        for (int t = 0; t < one->s.n_tokens; t++) {
            gf_rect a = view_chip(one, t), b = view_chip(two, t);
            /* Glyph widths round differently at the two sizes, and a row of
             * chips adds those pixels up: 3 px + 2 % of the position. */
            bool near = abs(b.x - 2 * a.x) <= 3 + b.x / 50 && abs(b.y - 2 * a.y) <= 3 + b.y / 50 &&
                        abs(b.w - 2 * a.w) <= 3 && abs(b.h - 2 * a.h) <= 3;
            if (!near)
                fprintf(stderr, "chip %d: %d,%d %dx%d at 1x, %d,%d %dx%d at 2x\n", t, a.x, a.y,
                        a.w, a.h, b.x, b.y, b.w, b.h);
            compared += CHECK(c, a.w > 0 && near);
        }
        CHECK_INT(c, compared, one->s.n_tokens);
    }
    viewer_fixture_close(one);
    viewer_fixture_close(two);
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "test_viewer_render");
    char err[512] = "";
    gf_app *app = viewer_fixture_open("The cat sat", W, H, err, sizeof err);
    if (!CHECK(&c, app != NULL))
        fprintf(stderr, "  %s\n", err);
    if (app != NULL) {
        test_all_stages(&c, app);
        test_mask_colour(&c, app);
        test_screens(&c, app);
        test_steady_frame(&c, app);
    }
    viewer_fixture_close(app);
    test_split_letters(&c);
    test_long_prompt_chips(&c);
    test_long_prompt_markers(&c);
    test_hidpi_layout(&c);
    /* A missing model folder is one clear error, not a crash. */
    char *argv[] = {"glassformer", "--model", "/nonexistent/model"};
    gf_options opt;
    CHECK(&c, gf_options_parse(&opt, 3, argv, err, sizeof err));
    gf_app *bad = calloc(1, sizeof *bad);
    if (bad != NULL) {
        CHECK(&c, !gf_app_open(bad, &opt, err, sizeof err));
        CHECK(&c, strstr(err, "/nonexistent/model") != NULL);
        gf_app_free(bad);
        free(bad);
    }
    return check_end(&c);
}
